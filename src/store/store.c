/* store.c - the SQLite event store; see the Store section of sitrep.h and
 * docs/store.md for the schema.
 *
 * Durability: WAL mode with synchronous=NORMAL, and one transaction per
 * batch of articles. An article, its sentences, mentions and the linking
 * they cause are written in the same transaction, so a crash (kill -9)
 * leaves the store at a batch boundary: re-running the same ingest skips
 * the stored articles (same id or content hash) and links the rest in the
 * same order, which gives exactly the result of an uninterrupted run. */
#include "store/store.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "coder/events.h"
#include "link/link.h"
#include "link/story.h"
#include "parse/conllu.h"
#include "text/article.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

#define S_SCHEMA_VERSION 2

/* migrations[v] brings a store from schema version v to v + 1. Version 0
 * is an empty database. Append new migrations; never edit old ones. */
static const char *const S_migrations[S_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE schema_version(version INTEGER NOT NULL);"
    "INSERT INTO schema_version VALUES(0);"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "INSERT INTO meta VALUES('link_window','1'),('link_key','root');"
    "CREATE TABLE articles("
    " id INTEGER PRIMARY KEY,"
    " doc_id TEXT NOT NULL UNIQUE,"
    " content_hash TEXT NOT NULL UNIQUE,"
    " outlet TEXT NOT NULL,"
    " url TEXT NOT NULL DEFAULT '',"
    " date TEXT NOT NULL DEFAULT '',"
    " title TEXT NOT NULL DEFAULT '',"
    " text TEXT NOT NULL,"
    " num_sentences INTEGER NOT NULL,"
    " num_mentions INTEGER NOT NULL,"
    " ingested_at TEXT NOT NULL);"
    "CREATE TABLE sentences("
    " article_id INTEGER NOT NULL REFERENCES articles(id),"
    " idx INTEGER NOT NULL,"
    " start INTEGER NOT NULL,"
    " end INTEGER NOT NULL,"
    " conllu TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY(article_id, idx)) WITHOUT ROWID;"
    "CREATE VIEW sentence_text AS SELECT s.article_id, s.idx,"
    " CAST(substr(CAST(a.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT) AS text"
    " FROM sentences s JOIN articles a ON a.id = s.article_id;"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " source_code TEXT NOT NULL,"
    " target_code TEXT NOT NULL,"
    " link_key TEXT NOT NULL,"
    " day INTEGER NOT NULL,"
    " date TEXT NOT NULL,"
    " cameo TEXT NOT NULL,"
    " root TEXT NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL,"
    " plover_category TEXT NOT NULL,"
    " plover_mode TEXT NOT NULL,"
    " num_mentions INTEGER NOT NULL,"
    " num_articles INTEGER NOT NULL,"
    " num_sources INTEGER NOT NULL,"
    " first_seen TEXT NOT NULL,"
    " last_seen TEXT NOT NULL,"
    " evidence_mention INTEGER NOT NULL,"
    " evidence_score INTEGER NOT NULL);"
    "CREATE INDEX events_link ON events(source_code, target_code, link_key, day);"
    "CREATE TABLE event_articles(event_id INTEGER NOT NULL, article_id INTEGER NOT NULL,"
    " PRIMARY KEY(event_id, article_id)) WITHOUT ROWID;"
    "CREATE TABLE event_outlets(event_id INTEGER NOT NULL, outlet TEXT NOT NULL,"
    " PRIMARY KEY(event_id, outlet)) WITHOUT ROWID;"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES articles(id),"
    " event_id INTEGER NOT NULL REFERENCES events(id),"
    " sentence INTEGER NOT NULL,"
    " date TEXT NOT NULL,"
    " outlet TEXT NOT NULL,"
    " source_code TEXT NOT NULL,"
    " target_code TEXT NOT NULL,"
    " cameo TEXT NOT NULL,"
    " root TEXT NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL,"
    " plover_category TEXT NOT NULL,"
    " plover_mode TEXT NOT NULL,"
    " issues TEXT NOT NULL,"
    " modality TEXT NOT NULL,"
    " sentence_text TEXT NOT NULL,"
    " verb_text TEXT NOT NULL,"
    " verb_start INTEGER NOT NULL,"
    " verb_end INTEGER NOT NULL,"
    " pattern TEXT NOT NULL,"
    " pattern_loc TEXT NOT NULL,"
    " score INTEGER NOT NULL);"
    "CREATE INDEX mentions_event ON mentions(event_id);"
    "CREATE INDEX mentions_article ON mentions(article_id);"
    "CREATE TABLE actor_mentions("
    " mention_id INTEGER NOT NULL REFERENCES mentions(id),"
    " role TEXT NOT NULL CHECK(role IN ('source','target')),"
    " code TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " start INTEGER NOT NULL,"
    " end INTEGER NOT NULL,"
    " entry TEXT NOT NULL,"
    " PRIMARY KEY(mention_id, role)) WITHOUT ROWID;",
    /* 1 -> 2: who reports each mention (sitrep_event.attribution_*);
     * rows stored by version 1 get "" and 0,0 (no attribution). */
    "ALTER TABLE mentions ADD COLUMN attribution_code TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE mentions ADD COLUMN attribution_text TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE mentions ADD COLUMN attribution_start INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE mentions ADD COLUMN attribution_end INTEGER NOT NULL DEFAULT 0;",
};

enum { ST_DUP, ST_ARTICLE, ST_SENTENCE, ST_MENTION, ST_ACTOR, ST_COUNT_ };

struct sitrep_store {
    sqlite3 *db;
    char *path;
    int readonly, batch;
    char *default_source;
    int window;
    sitrep_link_key key;
    sr_linker *linker;
    sqlite3_stmt *st[ST_COUNT_];
    int in_txn;
    int pending;          /* articles in the open transaction */
    int64_t next_mention; /* id of the next mention row */
    sr_buf scratch;       /* reused for CoNLL-U text */
};

static const char *S_nz(const char *s) { return s ? s : ""; }

static sitrep_status S_dberr(sitrep_store *s, sitrep_error *err, const char *what) {
    int rc = sqlite3_errcode(s->db);
    sitrep_status code = rc == SQLITE_NOTADB ? SITREP_E_FORMAT
                         : rc == SQLITE_CORRUPT ? SITREP_E_CORRUPT
                         : rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_FULL ||
                                   rc == SQLITE_READONLY
                             ? SITREP_E_IO
                             : SITREP_E_DB;
    return sr_error_set(err, code, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

static int S_exec(sitrep_store *s, const char *sql) {
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* Runs a query returning one integer; `dflt` when no row. -1 on error with
 * *ok = 0. */
static int64_t S_int(sitrep_store *s, const char *sql, int64_t dflt, int *ok) {
    sqlite3_stmt *st;
    *ok = 1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        *ok = 0;
        return -1;
    }
    int64_t v = dflt;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE) *ok = 0;
    sqlite3_finalize(st);
    return v;
}

static char *S_meta(sitrep_store *s, const char *key) {
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key=?1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

static int S_set_meta(sitrep_store *s, const char *key, const char *value) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Creates or migrates the schema; refuses newer and foreign databases. */
static sitrep_status S_migrate(sitrep_store *s, sitrep_error *err) {
    int ok;
    int64_t ntables = S_int(s, "SELECT count(*) FROM sqlite_schema WHERE type='table'", 0, &ok);
    if (!ok) return S_dberr(s, err, "reading the store");
    int64_t has_version =
        S_int(s, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='schema_version'",
              0, &ok);
    if (!ok) return S_dberr(s, err, "reading the store");
    int64_t version = 0;
    if (has_version) {
        version = S_int(s, "SELECT max(version) FROM schema_version", 0, &ok);
        if (!ok) return S_dberr(s, err, "reading the schema version");
    } else if (ntables > 0) {
        return sr_error_set(err, SITREP_E_FORMAT, s->path, 0, 0,
                            "an SQLite database but not a sitrep store (no schema_version table)");
    }
    if (version > S_SCHEMA_VERSION)
        return sr_error_set(err, SITREP_E_VERSION, s->path, 0, 0,
                            "store schema version %lld is newer than this sitrep supports (%d);"
                            " use a newer sitrep",
                            (long long)version, S_SCHEMA_VERSION);
    if (version == S_SCHEMA_VERSION) return SITREP_OK;
    if (s->readonly)
        return sr_error_set(err, SITREP_E_VERSION, s->path, 0, 0,
                            version == 0 ? "not a sitrep store (empty database)"
                                         : "store schema version %lld is older than %d;"
                                           " run `sitrep ingest --db` on it once to migrate",
                            (long long)version, S_SCHEMA_VERSION);
    if (S_exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return S_dberr(s, err, "starting the migration");
    for (int64_t v = version; v < S_SCHEMA_VERSION; v++) {
        char sql[96];
        snprintf(sql, sizeof sql, "UPDATE schema_version SET version=%lld", (long long)v + 1);
        if (S_exec(s, S_migrations[v]) != SQLITE_OK || S_exec(s, sql) != SQLITE_OK) {
            sitrep_status st = S_dberr(s, err, "migrating the schema");
            S_exec(s, "ROLLBACK");
            return st;
        }
    }
    if (S_exec(s, "COMMIT") != SQLITE_OK) {
        sitrep_status st = S_dberr(s, err, "committing the migration");
        S_exec(s, "ROLLBACK");
        return st;
    }
    return SITREP_OK;
}

static sitrep_status S_prepare(sitrep_store *s, sitrep_error *err) {
    static const char *const sql[ST_COUNT_] = {
        [ST_DUP] = "SELECT id FROM articles WHERE doc_id=?1 UNION ALL"
                   " SELECT id FROM articles WHERE content_hash=?2 LIMIT 1",
        [ST_ARTICLE] = "INSERT INTO articles(doc_id, content_hash, outlet, url, date, title, text,"
                       " num_sentences, num_mentions, ingested_at)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        [ST_SENTENCE] = "INSERT INTO sentences(article_id, idx, start, end, conllu) VALUES(?1,?2,?3,?4,?5)",
        [ST_MENTION] = "INSERT INTO mentions(id, article_id, event_id, sentence, date, outlet,"
                       " source_code, target_code, cameo, root, quad, goldstein, plover_category,"
                       " plover_mode, issues, modality, sentence_text, verb_text, verb_start,"
                       " verb_end, pattern, pattern_loc, score, attribution_code,"
                       " attribution_text, attribution_start, attribution_end)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                       "?19,?20,?21,?22,?23,?24,?25,?26,?27)",
        [ST_ACTOR] = "INSERT INTO actor_mentions(mention_id, role, code, text, start, end, entry)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7)",
    };
    for (int i = 0; i < ST_COUNT_; i++)
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) !=
            SQLITE_OK)
            return S_dberr(s, err, "preparing statements");
    return SITREP_OK;
}

static sitrep_status S_load_linking(sitrep_store *s, sitrep_error *err) {
    char *w = S_meta(s, "link_window"), *k = S_meta(s, "link_key");
    s->window = w ? atoi(w) : 1;
    s->key = k && strcmp(k, "code") == 0 ? SITREP_LINK_CODE : SITREP_LINK_ROOT;
    free(w);
    free(k);
    if (s->readonly) return SITREP_OK;
    sr_linker_free(s->linker);
    s->linker = sr_linker_new(s->db, s->window, s->key, err);
    return s->linker ? SITREP_OK : SITREP_E_DB;
}

sitrep_store *sitrep_store_open(const char *path, sitrep_error *err) {
    return sitrep_store_open_opts(path, NULL, err);
}

sitrep_store *sitrep_store_open_opts(const char *path, const sitrep_store_opts *opts,
                                     sitrep_error *err) {
    if (!path || !*path) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "no store path given");
        return NULL;
    }
    sitrep_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    s->readonly = opts && opts->readonly;
    s->batch = opts && opts->batch > 0 ? opts->batch : 500;
    if (opts && opts->default_source && *opts->default_source)
        s->default_source = strdup(opts->default_source);
    int flags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        if (s->readonly && rc == SQLITE_CANTOPEN)
            sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open the store (no such file?)");
        else
            sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open the store: %s",
                         s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        sitrep_store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 10000);
    sitrep_status st = SITREP_OK;
    if (!s->readonly) {
        /* journal_mode is the first statement to touch the file: it tells
         * us whether this is a database at all. */
        if (S_exec(s, "PRAGMA journal_mode=WAL") != SQLITE_OK ||
            S_exec(s, "PRAGMA synchronous=NORMAL") != SQLITE_OK)
            st = S_dberr(s, err, "opening the store");
    }
    /* A large page cache keeps the linking index and the join tables in
     * memory as the store grows (random-key inserts otherwise hit disk). */
    if (!st) S_exec(s, "PRAGMA cache_size=-262144");
    if (!st) S_exec(s, "PRAGMA temp_store=MEMORY");
    if (!st) st = S_migrate(s, err);
    if (!st) st = S_load_linking(s, err);
    if (!st && !s->readonly) st = S_prepare(s, err);
    if (st) {
        if (err && err->code == SITREP_E_DB && strstr(err->msg, "not a database"))
            err->code = SITREP_E_FORMAT;
        sitrep_store_close(s);
        return NULL;
    }
    return s;
}

sitrep_status sitrep_store_commit(sitrep_store *s, sitrep_error *err) {
    if (!s || !s->in_txn) return SITREP_OK;
    if (S_exec(s, "COMMIT") != SQLITE_OK) {
        sitrep_status st = S_dberr(s, err, "committing");
        S_exec(s, "ROLLBACK");
        s->in_txn = 0;
        return st;
    }
    s->in_txn = 0;
    s->pending = 0;
    return SITREP_OK;
}

void sitrep_store_close(sitrep_store *s) {
    if (!s) return;
    if (s->db) {
        sitrep_store_commit(s, NULL);
        for (int i = 0; i < ST_COUNT_; i++) sqlite3_finalize(s->st[i]);
        sr_linker_free(s->linker);
        sqlite3_close(s->db);
    }
    sr_buf_free(&s->scratch);
    free(s->default_source);
    free(s->path);
    free(s);
}

sqlite3 *sr_store_db(sitrep_store *s) { return s ? s->db : NULL; }

int sitrep_store_schema_version(void) { return S_SCHEMA_VERSION; }

void sitrep_store_linking(const sitrep_store *s, int *window_days, sitrep_link_key *key) {
    if (window_days) *window_days = s ? s->window : 1;
    if (key) *key = s ? s->key : SITREP_LINK_ROOT;
}

static sitrep_status S_begin(sitrep_store *s, sitrep_error *err) {
    if (s->in_txn) return SITREP_OK;
    if (S_exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return S_dberr(s, err, "starting a transaction");
    s->in_txn = 1;
    s->pending = 0;
    int ok;
    /* Read inside the transaction: another writer may have added rows. */
    s->next_mention = S_int(s, "SELECT coalesce(max(id), 0) + 1 FROM mentions", 1, &ok);
    if (!ok) return S_dberr(s, err, "reading mention ids");
    return SITREP_OK;
}

sitrep_status sitrep_store_set_linking(sitrep_store *s, int window_days, sitrep_link_key key,
                                       int *relinked, sitrep_error *err) {
    if (relinked) *relinked = 0;
    if (!s || s->readonly)
        return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "the store is not open for writing");
    if (window_days < 0 || window_days > 365)
        return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0,
                            "link window must be 0..365 days, got %d", window_days);
    if (key != SITREP_LINK_CODE) key = SITREP_LINK_ROOT;
    if (window_days == s->window && key == s->key) return SITREP_OK;
    sitrep_status st = sitrep_store_commit(s, err);
    if (st || (st = S_begin(s, err))) return st;
    char w[16];
    snprintf(w, sizeof w, "%d", window_days);
    if (S_set_meta(s, "link_window", w) || S_set_meta(s, "link_key", key ? "code" : "root") ||
        S_exec(s, "DELETE FROM events; DELETE FROM event_articles; DELETE FROM event_outlets;") !=
            SQLITE_OK) {
        st = S_dberr(s, err, "resetting links");
        goto fail;
    }
    s->window = window_days;
    s->key = key;
    sr_linker_free(s->linker);
    if (!(s->linker = sr_linker_new(s->db, s->window, s->key, err))) {
        st = SITREP_E_DB;
        goto fail;
    }
    sqlite3_stmt *q = NULL, *u = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, article_id, outlet, date, source_code, target_code, cameo,"
                           " root, quad, goldstein, plover_category, plover_mode, score"
                           " FROM mentions ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "UPDATE mentions SET event_id=?2 WHERE id=?1", -1, &u, NULL) !=
            SQLITE_OK) {
        sqlite3_finalize(q);
        st = S_dberr(s, err, "relinking");
        goto fail;
    }
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sr_link_mention m = {
            .mention_id = sqlite3_column_int64(q, 0),
            .article_id = sqlite3_column_int64(q, 1),
            .outlet = (const char *)sqlite3_column_text(q, 2),
            .date = (const char *)sqlite3_column_text(q, 3),
            .source_code = (const char *)sqlite3_column_text(q, 4),
            .target_code = (const char *)sqlite3_column_text(q, 5),
            .cameo = (const char *)sqlite3_column_text(q, 6),
            .root = (const char *)sqlite3_column_text(q, 7),
            .quad = sqlite3_column_int(q, 8),
            .goldstein = sqlite3_column_double(q, 9),
            .plover_category = (const char *)sqlite3_column_text(q, 10),
            .plover_mode = (const char *)sqlite3_column_text(q, 11),
            .score = sqlite3_column_int(q, 12),
        };
        int64_t eid;
        int created;
        if ((st = sr_linker_add(s->linker, &m, &eid, &created, err))) break;
        sqlite3_bind_int64(u, 1, m.mention_id);
        sqlite3_bind_int64(u, 2, eid);
        if (sqlite3_step(u) != SQLITE_DONE) {
            st = S_dberr(s, err, "relinking");
            break;
        }
        sqlite3_reset(u);
    }
    if (!st && rc != SQLITE_DONE) st = S_dberr(s, err, "relinking");
    sqlite3_finalize(q);
    sqlite3_finalize(u);
    if (st) goto fail;
    st = sitrep_store_commit(s, err);
    if (!st && relinked) *relinked = 1;
    return st;
fail:
    S_exec(s, "ROLLBACK");
    s->in_txn = 0;
    S_load_linking(s, NULL);
    return st;
}

const char *sr_store_outlet(const char *source, const char *fallback, const char *url, char *out,
                            size_t cap) {
    if (!cap) return out;
    out[0] = '\0';
    if (source && *source) {
        snprintf(out, cap, "%s", source);
        return out;
    }
    if (fallback && *fallback) {
        snprintf(out, cap, "%s", fallback);
        return out;
    }
    const char *p = url ? strstr(url, "://") : NULL;
    if (p) {
        p += 3;
        const char *end = p + strcspn(p, "/?#");
        const char *at = memchr(p, '@', (size_t)(end - p));
        if (at) p = at + 1;
        const char *colon = memchr(p, ':', (size_t)(end - p));
        if (colon) end = colon;
        if (end - p > 4 && strncasecmp(p, "www.", 4) == 0) p += 4;
        size_t n = (size_t)(end - p);
        if (n >= cap) n = cap - 1;
        for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)p[i]);
        out[n] = '\0';
    }
    if (!out[0]) snprintf(out, cap, "unknown");
    return out;
}

void sr_store_content_hash(const char *date, const char *outlet, const char *title,
                           const char *text, size_t len, char out[25]) {
    const char *parts[3] = {S_nz(date), S_nz(outlet), S_nz(title)};
    uint64_t h = SR_HASH_SEED;
    uint32_t crc = 0;
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(parts[i]) + 1; /* with the NUL separator */
        h = sr_hash_bytes(h, parts[i], n);
        crc = sr_crc32(crc, parts[i], n);
    }
    h = sr_hash_bytes(h, text ? text : "", text ? len : 0);
    crc = sr_crc32(crc, text ? text : "", text ? len : 0);
    snprintf(out, 25, "%016llx%08x", (unsigned long long)h, (unsigned)crc);
}

static void S_text(sqlite3_stmt *st, int i, const char *s) {
    sqlite3_bind_text(st, i, S_nz(s), -1, SQLITE_STATIC);
}

/* Executes a fully bound insert; resets it. */
static int S_run(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Writes sentence `i` of analyzed article `a` as CoNLL-U (sent_id
 * "DOCID-i", no newdoc line) into s->scratch. Returns 0, or -1 when the
 * article has no parse or on OOM. */
static int S_sentence_conllu(sitrep_store *s, const sitrep_article *a, const char *doc_id,
                             size_t i) {
    sr_buf_clear(&s->scratch);
    if (!a->analyzed || !a->tokens || i >= a->nsents) return -1;
    sitrep_article view = *a; /* a shallow one-sentence view */
    view.sents = a->sents + i;
    view.nsents = 1;
    view.id = (char *)"";
    char sid[300];
    snprintf(sid, sizeof sid, "%s-%zu", doc_id, i);
    const char *ids[1] = {sid};
    if (sr_conllu_write(&s->scratch, &view, ids) || !s->scratch.data) return -1;
    return 0;
}

static int S_actor(sitrep_store *s, int64_t mid, const char *role, const char *code,
                   const char *text, size_t start, size_t end, const char *entry) {
    sqlite3_stmt *a = s->st[ST_ACTOR];
    sqlite3_bind_int64(a, 1, mid);
    S_text(a, 2, role);
    S_text(a, 3, code);
    S_text(a, 4, text);
    sqlite3_bind_int64(a, 5, (int64_t)start);
    sqlite3_bind_int64(a, 6, (int64_t)end);
    S_text(a, 7, entry);
    return S_run(a);
}

sitrep_status sitrep_store_add(sitrep_store *s, const sitrep_article *a, const sitrep_events *ev,
                               sitrep_store_added *out, sitrep_error *err) {
    sitrep_store_added dummy;
    if (!out) out = &dummy;
    memset(out, 0, sizeof *out);
    if (!s || !a) return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "no store or article");
    if (s->readonly)
        return sr_error_set(err, SITREP_E_USAGE, s->path, 0, 0, "the store is open read-only");
    sitrep_status st = S_begin(s, err);
    if (st) return st;

    char outlet[256], hash[25];
    sr_store_outlet(a->source, s->default_source, a->url, outlet, sizeof outlet);
    sr_store_content_hash(a->date, outlet, a->title, a->text, a->len, hash);
    char idbuf[40];
    const char *doc_id = a->id;
    if (!doc_id || !*doc_id) {
        snprintf(idbuf, sizeof idbuf, "hash:%s", hash);
        doc_id = idbuf;
    }

    sqlite3_stmt *d = s->st[ST_DUP];
    S_text(d, 1, doc_id);
    S_text(d, 2, hash);
    int rc = sqlite3_step(d);
    sqlite3_reset(d);
    if (rc == SQLITE_ROW) return SITREP_OK; /* already stored: a no-op */
    if (rc != SQLITE_DONE) return S_dberr(s, err, "looking up the article");

    size_t nev = ev ? ev->n : 0;
    char now[32];
    time_t t = time(NULL);
    struct tm tmv;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tmv));
    sqlite3_stmt *ins = s->st[ST_ARTICLE];
    S_text(ins, 1, doc_id);
    S_text(ins, 2, hash);
    S_text(ins, 3, outlet);
    S_text(ins, 4, a->url);
    S_text(ins, 5, a->date);
    S_text(ins, 6, a->title);
    sqlite3_bind_text(ins, 7, a->text ? a->text : "", a->text ? (int)a->len : 0, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 8, (int64_t)a->nsents);
    sqlite3_bind_int64(ins, 9, (int64_t)nev);
    S_text(ins, 10, now);
    if (S_run(ins)) return S_dberr(s, err, "storing the article");
    int64_t aid = sqlite3_last_insert_rowid(s->db);

    sqlite3_stmt *ss = s->st[ST_SENTENCE];
    for (size_t i = 0; i < a->nsents; i++) {
        sqlite3_bind_int64(ss, 1, aid);
        sqlite3_bind_int64(ss, 2, (int64_t)i);
        sqlite3_bind_int64(ss, 3, a->sents[i].start);
        sqlite3_bind_int64(ss, 4, a->sents[i].end);
        /* The parse of sentences with events, for `export --format conllu`. */
        int has_event = 0;
        for (size_t k = 0; k < nev && !has_event; k++) has_event = ev->items[k].sentence == i;
        const char *conllu = "";
        if (has_event && S_sentence_conllu(s, a, doc_id, i) == 0) conllu = s->scratch.data;
        sqlite3_bind_text(ss, 5, conllu, -1, SQLITE_STATIC);
        if (S_run(ss)) return S_dberr(s, err, "storing sentences");
    }

    sqlite3_stmt *ms = s->st[ST_MENTION];
    for (size_t i = 0; i < nev; i++) {
        const sitrep_event *e = &ev->items[i];
        const char *date = sr_day_from_date(e->date) != SR_DAY_NONE ? e->date
                           : sr_day_from_date(a->date) != SR_DAY_NONE ? a->date
                                                                     : "";
        char root[3] = "";
        if (e->root && *e->root) snprintf(root, sizeof root, "%s", e->root);
        else if (e->cameo && strlen(e->cameo) >= 2) snprintf(root, sizeof root, "%.2s", e->cameo);
        int64_t mid = s->next_mention;
        sr_link_mention m = {
            .mention_id = mid,
            .article_id = aid,
            .outlet = outlet,
            .date = date,
            .source_code = S_nz(e->source_code),
            .target_code = S_nz(e->target_code),
            .cameo = S_nz(e->cameo),
            .root = root,
            .quad = e->quad,
            .goldstein = e->goldstein,
            .plover_category = S_nz(e->plover_category),
            .plover_mode = S_nz(e->plover_mode),
            .score = sr_link_score(e),
        };
        int64_t eid;
        int created;
        if ((st = sr_linker_add(s->linker, &m, &eid, &created, err))) return st;
        out->new_events += (size_t)created;
        sqlite3_bind_int64(ms, 1, mid);
        sqlite3_bind_int64(ms, 2, aid);
        sqlite3_bind_int64(ms, 3, eid);
        sqlite3_bind_int64(ms, 4, (int64_t)e->sentence);
        S_text(ms, 5, date);
        S_text(ms, 6, outlet);
        S_text(ms, 7, m.source_code);
        S_text(ms, 8, m.target_code);
        S_text(ms, 9, m.cameo);
        S_text(ms, 10, root);
        sqlite3_bind_int(ms, 11, e->quad);
        sqlite3_bind_double(ms, 12, e->goldstein);
        S_text(ms, 13, e->plover_category);
        S_text(ms, 14, e->plover_mode);
        S_text(ms, 15, e->issues);
        S_text(ms, 16, e->modality);
        S_text(ms, 17, e->sentence_text);
        S_text(ms, 18, e->verb_text);
        sqlite3_bind_int64(ms, 19, (int64_t)e->verb_start);
        sqlite3_bind_int64(ms, 20, (int64_t)e->verb_end);
        S_text(ms, 21, e->pattern);
        S_text(ms, 22, e->pattern_loc);
        sqlite3_bind_int(ms, 23, m.score);
        S_text(ms, 24, e->attribution_code);
        S_text(ms, 25, e->attribution_text);
        sqlite3_bind_int64(ms, 26, (int64_t)e->attribution_start);
        sqlite3_bind_int64(ms, 27, (int64_t)e->attribution_end);
        if (S_run(ms)) return S_dberr(s, err, "storing an event mention");
        s->next_mention++;
        if (S_actor(s, mid, "source", e->source_code, e->source_text, e->source_start,
                    e->source_end, e->source_entry))
            return S_dberr(s, err, "storing an actor mention");
        if (e->target_code && *e->target_code &&
            S_actor(s, mid, "target", e->target_code, e->target_text, e->target_start,
                    e->target_end, e->target_entry))
            return S_dberr(s, err, "storing an actor mention");
    }
    out->added = 1;
    out->sentences = a->nsents;
    out->mentions = nev;
    if (++s->pending >= s->batch) return sitrep_store_commit(s, err);
    return SITREP_OK;
}

sitrep_status sitrep_store_count(sitrep_store *s, sitrep_store_counts *out, sitrep_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const sql[5] = {
        "SELECT count(*) FROM articles", "SELECT count(*) FROM sentences",
        "SELECT count(*) FROM mentions", "SELECT count(*) FROM events",
        "SELECT coalesce(max(id), 0) FROM mentions"};
    int64_t *dst[5] = {&out->articles, &out->sentences, &out->mentions, &out->events,
                       &out->last_mention_id};
    for (int i = 0; i < 5; i++) {
        int ok;
        *dst[i] = S_int(s, sql[i], 0, &ok);
        if (!ok) return S_dberr(s, err, "counting rows");
    }
    return SITREP_OK;
}

long sitrep_store_top_dyads(sitrep_store *s, int64_t after_mention, sitrep_store_dyad *out,
                            size_t n, sitrep_error *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT source_code, target_code, count(*) AS c FROM mentions"
                           " WHERE id > ?1 GROUP BY 1, 2 ORDER BY c DESC, 1, 2 LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK) {
        S_dberr(s, err, "counting dyads");
        return -1;
    }
    sqlite3_bind_int64(st, 1, after_mention);
    sqlite3_bind_int64(st, 2, (int64_t)n);
    long k = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && (size_t)k < n) {
        snprintf(out[k].source, sizeof out[k].source, "%s", sqlite3_column_text(st, 0));
        snprintf(out[k].target, sizeof out[k].target, "%s", sqlite3_column_text(st, 1));
        out[k].mentions = sqlite3_column_int64(st, 2);
        k++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) k = -1, S_dberr(s, err, "counting dyads");
    sqlite3_finalize(st);
    return k;
}

/* --- queries ------------------------------------------------------------ */

/* Appends "AND substr(col,1,len)=?" for a prefix filter. */
static void S_prefix(sr_buf *q, const char *col, int *argn) {
    sr_buf_printf(q, " AND substr(%s,1,length(?%d))=?%d", col, *argn, *argn);
    (*argn)++;
}

/* Appends the WHERE terms of filter `f` to q: codes, CAMEO and PLOVER of
 * table alias X, dates on column `date_col`, the dyad in both directions
 * when `both_ways`. min_sources and limit are the caller's. Fills args[]
 * with the parameter values in order and returns the next parameter
 * number (1 + the number used; at most 8 are). */
static int S_filter_sql(sr_buf *q, const sitrep_store_filter *f, const char *X,
                        const char *date_col, int both_ways, const char *args[16]) {
    int argn = 1;
    char col[32];
    if (f->from && *f->from) {
        sr_buf_printf(q, " AND %s >= ?%d", date_col, argn);
        args[argn++ - 1] = f->from;
    }
    if (f->to && *f->to) {
        sr_buf_printf(q, " AND %s <> '' AND %s <= ?%d", date_col, date_col, argn);
        args[argn++ - 1] = f->to;
    }
    if (f->actor && *f->actor) {
        sr_buf_printf(q, " AND (substr(%s.source_code,1,length(?%d))=?%d OR", X, argn, argn);
        sr_buf_printf(q, " substr(%s.target_code,1,length(?%d))=?%d)", X, argn, argn);
        args[argn++ - 1] = f->actor;
    }
    if ((f->dyad_source && *f->dyad_source) || (f->dyad_target && *f->dyad_target)) {
        int a1 = argn++, a2 = argn++;
        args[a1 - 1] = S_nz(f->dyad_source);
        args[a2 - 1] = S_nz(f->dyad_target);
        sr_buf_printf(q,
                      " AND ((substr(%s.source_code,1,length(?%d))=?%d"
                      " AND substr(%s.target_code,1,length(?%d))=?%d)",
                      X, a1, a1, X, a2, a2);
        if (both_ways)
            sr_buf_printf(q,
                          " OR (substr(%s.source_code,1,length(?%d))=?%d"
                          " AND substr(%s.target_code,1,length(?%d))=?%d)",
                          X, a2, a2, X, a1, a1);
        sr_buf_puts(q, ")");
    }
    if (f->cameo && *f->cameo) {
        snprintf(col, sizeof col, "%s.cameo", X);
        args[argn - 1] = f->cameo;
        S_prefix(q, col, &argn);
    }
    if (f->root && *f->root) {
        sr_buf_printf(q, " AND %s.root = ?%d", X, argn);
        args[argn++ - 1] = f->root;
    }
    if (f->plover && *f->plover) {
        sr_buf_printf(q, " AND %s.plover_category = ?%d COLLATE NOCASE", X, argn);
        args[argn++ - 1] = f->plover;
    }
    return argn;
}

sitrep_status sitrep_store_query(sitrep_store *s, const sitrep_store_filter *f, int mentions,
                                 sitrep_store_row_fn fn, void *ctx, sitrep_error *err) {
    static const sitrep_store_filter none;
    if (!f) f = &none;
    /* X: the table whose codes and date a row shows and filters apply to. */
    const char *X = mentions ? "m" : "e";
    sr_buf q = SR_BUF_INIT;
    sr_buf_printf(&q,
                  "SELECT %s.id, e.id, %s.date, %s.source_code, %s.target_code, %s.cameo, %s.root,"
                  " %s.quad, %s.goldstein, %s.plover_category, %s.plover_mode,"
                  " e.first_seen, e.last_seen, e.num_mentions, e.num_articles, e.num_sources,"
                  " a.doc_id, m.sentence, m.issues, m.modality, m.sentence_text, m.verb_text,"
                  " m.verb_start, m.verb_end, m.pattern, m.pattern_loc, m.outlet, a.url, a.title,"
                  " coalesce(sa.text,''), coalesce(sa.start,0), coalesce(sa.end,0),"
                  " coalesce(sa.entry,''), coalesce(ta.text,''), coalesce(ta.start,0),"
                  " coalesce(ta.end,0), coalesce(ta.entry,''), coalesce(sn.conllu,''),"
                  " m.attribution_code, m.attribution_text, m.attribution_start,"
                  " m.attribution_end",
                  X, X, X, X, X, X, X, X, X, X);
    if (mentions)
        sr_buf_puts(&q, " FROM mentions m JOIN events e ON e.id = m.event_id");
    else
        sr_buf_puts(&q, " FROM events e JOIN mentions m ON m.id = e.evidence_mention");
    sr_buf_puts(&q,
                " JOIN articles a ON a.id = m.article_id"
                " LEFT JOIN actor_mentions sa ON sa.mention_id = m.id AND sa.role = 'source'"
                " LEFT JOIN actor_mentions ta ON ta.mention_id = m.id AND ta.role = 'target'"
                " LEFT JOIN sentences sn ON sn.article_id = m.article_id AND sn.idx = m.sentence"
                " WHERE 1");
    const char *args[16];
    int argn = S_filter_sql(&q, f, X, mentions ? "m.date" : "e.date", f->dyad_any, args);
    if (f->min_sources > 0) sr_buf_printf(&q, " AND e.num_sources >= %d", f->min_sources);
    if (mentions) sr_buf_puts(&q, " ORDER BY m.date, m.id");
    else sr_buf_puts(&q, " ORDER BY e.day, e.id");
    if (f->limit) sr_buf_printf(&q, " LIMIT %zu", f->limit);
    if (!q.data) return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");

    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL) != SQLITE_OK) {
        sr_buf_free(&q);
        return S_dberr(s, err, "querying");
    }
    sr_buf_free(&q);
    for (int i = 1; i < argn; i++) sqlite3_bind_text(st, i, args[i - 1], -1, SQLITE_STATIC);
    sitrep_status result = SITREP_OK;
    int rc;
#define T(i) ((const char *)sqlite3_column_text(st, (i)))
#define I(i) sqlite3_column_int64(st, (i))
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sitrep_store_row r;
        memset(&r, 0, sizeof r);
        r.id = I(0);
        r.event_id = I(1);
        r.ev.date = T(2);
        r.ev.source_code = T(3);
        r.ev.target_code = T(4);
        r.ev.cameo = T(5);
        r.ev.root = T(6);
        r.ev.quad = (int)I(7);
        r.ev.goldstein = sqlite3_column_double(st, 8);
        r.ev.plover_category = T(9);
        r.ev.plover_mode = T(10);
        r.first_seen = T(11);
        r.last_seen = T(12);
        r.num_mentions = I(13);
        r.num_articles = I(14);
        r.num_sources = I(15);
        r.ev.article_id = T(16);
        r.ev.sentence = (size_t)I(17);
        r.ev.issues = T(18);
        r.ev.modality = T(19);
        r.ev.sentence_text = T(20);
        r.ev.verb_text = T(21);
        r.ev.verb_start = (size_t)I(22);
        r.ev.verb_end = (size_t)I(23);
        r.ev.pattern = T(24);
        r.ev.pattern_loc = T(25);
        r.outlet = T(26);
        r.url = T(27);
        r.title = T(28);
        r.ev.source_text = T(29);
        r.ev.source_start = (size_t)I(30);
        r.ev.source_end = (size_t)I(31);
        r.ev.source_entry = T(32);
        r.ev.target_text = T(33);
        r.ev.target_start = (size_t)I(34);
        r.ev.target_end = (size_t)I(35);
        r.ev.target_entry = T(36);
        r.conllu = T(37);
        r.ev.attribution_code = T(38);
        r.ev.attribution_text = T(39);
        r.ev.attribution_start = (size_t)I(40);
        r.ev.attribution_end = (size_t)I(41);
        int cb = fn(ctx, &r);
        if (cb) {
            result = (sitrep_status)cb;
            break;
        }
    }
#undef T
#undef I
    if (!result && rc != SQLITE_DONE) result = S_dberr(s, err, "querying");
    sqlite3_finalize(st);
    return result;
}

/* --- stories ------------------------------------------------------------ */

/* Calls fn for one built story, lending it arrays of pointers. */
static sitrep_status S_emit_story(const sr_story *st, int64_t id, sitrep_store_story_fn fn,
                                  void *ctx, sitrep_error *err) {
    size_t n = st->n_events;
    int64_t *ids = malloc((n ? n : 1) * sizeof *ids);
    const char **labels = malloc((n ? n : 1) * sizeof *labels);
    if (!ids || !labels) {
        free(ids);
        free(labels);
        return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        ids[i] = st->events[i].id;
        labels[i] = st->events[i].label;
    }
    sitrep_store_story out = {
        .id = id,
        .issue = st->issue,
        .actor_a = st->actor_a,
        .actor_b = st->actor_b,
        .first_date = st->first_date,
        .last_date = st->last_date,
        .num_mentions = st->num_mentions,
        .num_articles = (int64_t)st->n_articles,
        .num_sources = (int64_t)st->n_outlets,
        .num_events = n,
        .event_ids = ids,
        .event_labels = labels,
        .outlets = (const char *const *)st->outlets,
    };
    int cb = fn(ctx, &out);
    free(ids);
    free(labels);
    return (sitrep_status)cb;
}

sitrep_status sitrep_store_stories(sitrep_store *s, const sitrep_store_filter *f,
                                   const char *issue, int window_days,
                                   sitrep_store_story_fn fn, void *ctx,
                                   sitrep_error *err) {
    static const sitrep_store_filter none;
    if (!f) f = &none;
    sr_buf q = SR_BUF_INIT;
    sr_buf_puts(&q, "SELECT m.event_id, m.article_id, a.date, m.outlet, m.source_code,"
                    " m.target_code, m.cameo, m.issues"
                    " FROM mentions m JOIN articles a ON a.id = m.article_id"
                    " WHERE m.issues <> '' AND m.target_code <> ''");
    const char *args[16];
    int argn = S_filter_sql(&q, f, "m", "a.date", 1, args);
    sr_buf_puts(&q, " ORDER BY a.date, m.id");
    if (!q.data) return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");

    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL) != SQLITE_OK) {
        sr_buf_free(&q);
        return S_dberr(s, err, "querying stories");
    }
    sr_buf_free(&q);
    for (int i = 1; i < argn; i++) sqlite3_bind_text(st, i, args[i - 1], -1, SQLITE_STATIC);

    sr_storyset *set = sr_stories_new(window_days < 0 ? 7 : window_days);
    sitrep_status result = set ? SITREP_OK
                               : sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    int rc = SQLITE_DONE;
    char one[48];
    while (!result && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 2);
        const char *issues = (const char *)sqlite3_column_text(st, 7);
        if (issue && *issue) {
            /* Keep only the requested issue of the mention's list. */
            const char *p = issues;
            size_t n = strlen(issue);
            issues = NULL;
            while (p && *p) {
                const char *e = strchr(p, ',');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (len == n && len < sizeof one && strncasecmp(p, issue, n) == 0) {
                    memcpy(one, p, len);
                    one[len] = '\0';
                    issues = one;
                    break;
                }
                p = e ? e + 1 : NULL;
            }
            if (!issues) continue;
        }
        if (sr_stories_add(set, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                           sr_day_from_date(date), date, (const char *)sqlite3_column_text(st, 3),
                           (const char *)sqlite3_column_text(st, 4),
                           (const char *)sqlite3_column_text(st, 5),
                           (const char *)sqlite3_column_text(st, 6), issues) < 0)
            result = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (!result && rc != SQLITE_DONE) result = S_dberr(s, err, "querying stories");
    sqlite3_finalize(st);
    if (!result) {
        size_t n = sr_stories_finish(set), shown = 0;
        for (size_t i = 0; i < n && !result; i++) {
            const sr_story *story = sr_stories_get(set, i);
            if (f->min_sources > 0 && story->n_outlets < (size_t)f->min_sources) continue;
            if (f->limit && shown >= f->limit) break;
            result = S_emit_story(story, (int64_t)++shown, fn, ctx, err);
        }
    }
    sr_stories_free(set);
    return result;
}
