/* link.c - cross-article event linking; see link.h. */
#include "link/link.h"
#include <stdlib.h>
#include <string.h>
#include "util/error.h"

/* Howard Hinnant's days_from_civil: proleptic Gregorian, exact. */
static int32_t S_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int S_digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t sr_day_from_date(const char *ymd) {
    if (!ymd || strnlen(ymd, 10) < 10 || ymd[4] != '-' || ymd[7] != '-') return SR_DAY_NONE;
    int y = S_digits(ymd, 4), m = S_digits(ymd + 5, 2), d = S_digits(ymd + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) return SR_DAY_NONE;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > mdays[m - 1]) return SR_DAY_NONE;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return SR_DAY_NONE;
    return S_days_from_civil(y, m, d);
}

int sr_link_score(const sitrep_event *e) {
    int score = 0;
    if (e->target_code && e->target_code[0]) score += 1000;
    if (!e->modality || !e->modality[0]) score += 100;
    if (e->cameo) score += 10 * (int)strnlen(e->cameo, 9);
    return score;
}

struct sr_linker {
    sqlite3 *db;
    int window;
    sitrep_link_key key;
    sqlite3_stmt *find, *insert, *update, *add_article, *add_outlet;
};

static sitrep_status S_dberr(sqlite3 *db, sitrep_error *err, const char *what) {
    return sr_error_set(err, SITREP_E_DB, NULL, 0, 0, "linking: %s: %s", what, sqlite3_errmsg(db));
}

sr_linker *sr_linker_new(sqlite3 *db, int window_days, sitrep_link_key key,
                         sitrep_error *err) {
    sr_linker *l = calloc(1, sizeof *l);
    if (!l) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    l->db = db;
    l->window = window_days < 0 ? 0 : window_days;
    l->key = key;
    static const char *const sql[5] = {
        /* Nearest event of the same key within the window; ties: oldest. */
        "SELECT id, evidence_score FROM events WHERE source_code=?1 AND target_code=?2"
        " AND link_key=?3 AND day BETWEEN ?4 AND ?5 ORDER BY abs(day-?6), id LIMIT 1",
        "INSERT INTO events(source_code, target_code, link_key, day, date, cameo, root,"
        " quad, goldstein, plover_category, plover_mode, num_mentions, num_articles,"
        " num_sources, first_seen, last_seen, evidence_mention, evidence_score)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,1,1,?12,?5,?5,?13,?14)",
        /* ?7 = 1 when this mention becomes the strongest evidence. */
        "UPDATE events SET num_mentions=num_mentions+1, num_articles=num_articles+?2,"
        " num_sources=num_sources+?3,"
        " first_seen=CASE WHEN ?4<>'' AND (first_seen='' OR ?4<first_seen) THEN ?4 ELSE first_seen END,"
        " last_seen=CASE WHEN ?4>last_seen THEN ?4 ELSE last_seen END,"
        " evidence_mention=CASE WHEN ?7 THEN ?5 ELSE evidence_mention END,"
        " evidence_score=CASE WHEN ?7 THEN ?6 ELSE evidence_score END,"
        " cameo=CASE WHEN ?7 THEN ?8 ELSE cameo END,"
        " quad=CASE WHEN ?7 THEN ?9 ELSE quad END,"
        " goldstein=CASE WHEN ?7 THEN ?10 ELSE goldstein END,"
        " plover_category=CASE WHEN ?7 THEN ?11 ELSE plover_category END,"
        " plover_mode=CASE WHEN ?7 THEN ?12 ELSE plover_mode END"
        " WHERE id=?1",
        "INSERT OR IGNORE INTO event_articles(event_id, article_id) VALUES(?1,?2)",
        "INSERT OR IGNORE INTO event_outlets(event_id, outlet) VALUES(?1,?2)",
    };
    sqlite3_stmt **st[5] = {&l->find, &l->insert, &l->update, &l->add_article, &l->add_outlet};
    for (int i = 0; i < 5; i++) {
        if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, st[i], NULL) != SQLITE_OK) {
            S_dberr(db, err, "preparing statements");
            sr_linker_free(l);
            return NULL;
        }
    }
    return l;
}

void sr_linker_free(sr_linker *l) {
    if (!l) return;
    sqlite3_finalize(l->find);
    sqlite3_finalize(l->insert);
    sqlite3_finalize(l->update);
    sqlite3_finalize(l->add_article);
    sqlite3_finalize(l->add_outlet);
    free(l);
}

static const char *S_nz(const char *s) { return s ? s : ""; }

static void S_text(sqlite3_stmt *st, int i, const char *s) {
    sqlite3_bind_text(st, i, S_nz(s), -1, SQLITE_STATIC);
}

/* Runs a bound INSERT OR IGNORE; returns 1 when a row was added, 0 when it
 * existed, -1 on error. */
static int S_insert_new(sqlite3 *db, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    return sqlite3_changes(db) > 0;
}

sitrep_status sr_linker_add(sr_linker *l, const sr_link_mention *m,
                            int64_t *event_id, int *created,
                            sitrep_error *err) {
    const char *key = l->key == SITREP_LINK_CODE ? S_nz(m->cameo) : S_nz(m->root);
    int32_t day = sr_day_from_date(m->date);
    const char *date = day == SR_DAY_NONE ? "" : S_nz(m->date);
    int known_outlet = m->outlet && m->outlet[0] && strcmp(m->outlet, "unknown") != 0;
    int64_t id = 0, best = 0;

    sqlite3_stmt *f = l->find;
    S_text(f, 1, m->source_code);
    S_text(f, 2, m->target_code);
    S_text(f, 3, key);
    sqlite3_bind_int64(f, 4, (int64_t)day - l->window);
    sqlite3_bind_int64(f, 5, (int64_t)day + l->window);
    sqlite3_bind_int64(f, 6, day);
    int rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(f, 0);
        best = sqlite3_column_int64(f, 1);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return S_dberr(l->db, err, "finding the event");

    if (!id) {
        sqlite3_stmt *s = l->insert;
        S_text(s, 1, m->source_code);
        S_text(s, 2, m->target_code);
        S_text(s, 3, key);
        sqlite3_bind_int64(s, 4, day);
        S_text(s, 5, date);
        S_text(s, 6, m->cameo);
        S_text(s, 7, m->root);
        sqlite3_bind_int(s, 8, m->quad);
        sqlite3_bind_double(s, 9, m->goldstein);
        S_text(s, 10, m->plover_category);
        S_text(s, 11, m->plover_mode);
        sqlite3_bind_int(s, 12, known_outlet);
        sqlite3_bind_int64(s, 13, m->mention_id);
        sqlite3_bind_int(s, 14, m->score);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) return S_dberr(l->db, err, "creating an event");
        id = sqlite3_last_insert_rowid(l->db);
        *created = 1;
    } else {
        *created = 0;
    }

    sqlite3_bind_int64(l->add_article, 1, id);
    sqlite3_bind_int64(l->add_article, 2, m->article_id);
    int new_article = S_insert_new(l->db, l->add_article);
    int new_outlet = 0;
    if (known_outlet && new_article >= 0) {
        sqlite3_bind_int64(l->add_outlet, 1, id);
        S_text(l->add_outlet, 2, m->outlet);
        new_outlet = S_insert_new(l->db, l->add_outlet);
    }
    if (new_article < 0 || new_outlet < 0) return S_dberr(l->db, err, "counting articles and outlets");

    if (!*created) {
        sqlite3_stmt *u = l->update;
        sqlite3_bind_int64(u, 1, id);
        sqlite3_bind_int(u, 2, new_article);
        sqlite3_bind_int(u, 3, new_outlet);
        S_text(u, 4, date);
        sqlite3_bind_int64(u, 5, m->mention_id);
        sqlite3_bind_int(u, 6, m->score);
        sqlite3_bind_int(u, 7, m->score > best);
        S_text(u, 8, m->cameo);
        sqlite3_bind_int(u, 9, m->quad);
        sqlite3_bind_double(u, 10, m->goldstein);
        S_text(u, 11, m->plover_category);
        S_text(u, 12, m->plover_mode);
        rc = sqlite3_step(u);
        sqlite3_reset(u);
        if (rc != SQLITE_DONE) return S_dberr(l->db, err, "updating an event");
    }
    *event_id = id;
    return SITREP_OK;
}
