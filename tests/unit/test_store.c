/* Tests for src/store: schema and migrations, idempotent ingest, outlets,
 * content hashes, batching and queries. */
#include <sqlite3.h>
#include "harness.h"
#include "store/store.h"
#include "store_fixture.h"

static char S_path[128];

static const char *S_db(const char *dir, const char *name) {
    snprintf(S_path, sizeof S_path, "%s/%s", dir, name);
    return S_path;
}

static int S_sql(const char *path, const char *sql) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

static long long S_sql_int(sitrep_store *s, const char *sql) {
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(sr_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) return -2;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

TEST(store_creates_schema_in_wal_mode) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    sitrep_error err;
    sitrep_store *s = sitrep_store_open(S_db(dir, "a.db"), &err);
    CHECK(s != NULL);
    if (!s) return;
    CHECK_INT_EQ(S_sql_int(s, "SELECT version FROM schema_version"), 2);
    CHECK_INT_EQ(sitrep_store_schema_version(), 2);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(sr_store_db(s), "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    int w;
    sitrep_link_key k;
    sitrep_store_linking(s, &w, &k);
    CHECK_INT_EQ(w, 1);
    CHECK_INT_EQ(k, SITREP_LINK_ROOT);
    sitrep_store_close(s);
    /* Reopening an up-to-date store changes nothing. */
    s = sitrep_store_open(S_db(dir, "a.db"), &err);
    CHECK(s != NULL);
    sitrep_store_close(s);
    fx_rmdir(dir);
}

TEST(store_refuses_newer_foreign_and_non_databases) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    sitrep_error err;
    sitrep_store *s = sitrep_store_open(S_db(dir, "new.db"), &err);
    CHECK(s != NULL);
    sitrep_store_close(s);
    CHECK_INT_EQ(S_sql(S_path, "UPDATE schema_version SET version=99"), SQLITE_OK);
    CHECK(sitrep_store_open(S_path, &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_VERSION);
    CHECK(strstr(err.msg, "newer") != NULL);
    CHECK(strstr(err.file, "new.db") != NULL);

    CHECK_INT_EQ(S_sql(S_db(dir, "other.db"), "CREATE TABLE t(x)"), SQLITE_OK);
    CHECK(sitrep_store_open(S_path, &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_FORMAT);

    FILE *f = fopen(S_db(dir, "text.db"), "w");
    CHECK(f != NULL);
    if (f) {
        fputs("this is not a database, just some words that fill a page or more...\n", f);
        for (int i = 0; i < 200; i++) fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", f);
        fclose(f);
    }
    CHECK(sitrep_store_open(S_path, &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_FORMAT);

    sitrep_store_opts ro = {.readonly = 1};
    CHECK(sitrep_store_open_opts(S_db(dir, "missing.db"), &ro, &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_IO);
    fx_rmdir(dir);
}

TEST(store_migrates_an_empty_database) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    /* An existing but empty SQLite file is schema version 0. */
    CHECK_INT_EQ(S_sql(S_db(dir, "empty.db"), "PRAGMA user_version=0"), SQLITE_OK);
    sitrep_error err;
    sitrep_store *s = sitrep_store_open(S_path, &err);
    CHECK(s != NULL);
    if (s) CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM articles"), 0);
    sitrep_store_close(s);
    fx_rmdir(dir);
}

TEST(store_outlet_fallbacks) {
    char b[64];
    CHECK_STR_EQ(sr_store_outlet("Reuters", "cli", "https://x.org/", b, sizeof b), "Reuters");
    CHECK_STR_EQ(sr_store_outlet("", "cli", "https://x.org/", b, sizeof b), "cli");
    CHECK_STR_EQ(sr_store_outlet(NULL, NULL, "https://WWW.Example.COM:8080/a/b?c", b, sizeof b),
                 "example.com");
    CHECK_STR_EQ(sr_store_outlet("", "", "http://user@news.site.net", b, sizeof b),
                 "news.site.net");
    CHECK_STR_EQ(sr_store_outlet(NULL, NULL, "not a url", b, sizeof b), "unknown");
    CHECK_STR_EQ(sr_store_outlet(NULL, NULL, NULL, b, sizeof b), "unknown");
    char small[5];
    CHECK_STR_EQ(sr_store_outlet("Associated Press", NULL, NULL, small, sizeof small), "Asso");
}

TEST(store_content_hash_covers_metadata_and_text) {
    char h1[25], h2[25], h3[25], h4[25];
    sr_store_content_hash("2025-03-07", "bbc", "T", "Some text.", 10, h1);
    sr_store_content_hash("2025-03-07", "bbc", "T", "Some text.", 10, h2);
    sr_store_content_hash("2025-03-08", "bbc", "T", "Some text.", 10, h3);
    sr_store_content_hash("2025-03-07", "bbc", "T", "Some text!", 10, h4);
    CHECK_STR_EQ(h1, h2);
    CHECK(strcmp(h1, h3) != 0);
    CHECK(strcmp(h1, h4) != 0);
    CHECK_INT_EQ(strlen(h1), 24);
    /* The separators keep field boundaries: ("ab","c") != ("a","bc"). */
    sr_store_content_hash("", "ab", "c", "", 0, h3);
    sr_store_content_hash("", "a", "bc", "", 0, h4);
    CHECK(strcmp(h3, h4) != 0);
}

TEST(store_reingest_is_a_noop) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    sitrep_error err;
    sitrep_store *s = sitrep_store_open(S_db(dir, "r.db"), &err);
    CHECK(s != NULL);
    if (!s) return;
    sitrep_article *a = fx_article("a1", "2025-03-07", "bbc", "", "Russia met Ukraine. Talks.");
    sitrep_events *ev = sr_events_new();
    fx_event(ev, "2025-03-07", "RUS", "UKR", "040", "Russia met Ukraine.");
    sitrep_store_added r;
    CHECK_INT_EQ(sitrep_store_add(s, a, ev, &r, &err), SITREP_OK);
    CHECK_INT_EQ(r.added, 1);
    CHECK_INT_EQ(r.sentences, 2);
    CHECK_INT_EQ(r.mentions, 1);
    CHECK_INT_EQ(r.new_events, 1);
    /* Same id again (even with other text): skipped. */
    sitrep_article *b = fx_article("a1", "2025-03-07", "bbc", "", "Different words.");
    CHECK_INT_EQ(sitrep_store_add(s, b, ev, &r, &err), SITREP_OK);
    CHECK_INT_EQ(r.added, 0);
    /* Same content under another id: skipped too. */
    sitrep_article *c = fx_article("copy", "2025-03-07", "bbc", "", "Russia met Ukraine. Talks.");
    CHECK_INT_EQ(sitrep_store_add(s, c, ev, &r, &err), SITREP_OK);
    CHECK_INT_EQ(r.added, 0);
    /* Survives a reopen. */
    CHECK_INT_EQ(sitrep_store_commit(s, &err), SITREP_OK);
    sitrep_store_close(s);
    s = sitrep_store_open(S_path, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT_EQ(sitrep_store_add(s, a, ev, &r, &err), SITREP_OK);
        CHECK_INT_EQ(r.added, 0);
        sitrep_store_counts n;
        CHECK_INT_EQ(sitrep_store_count(s, &n, &err), SITREP_OK);
        CHECK_INT_EQ(n.articles, 1);
        CHECK_INT_EQ(n.sentences, 2);
        CHECK_INT_EQ(n.mentions, 1);
        CHECK_INT_EQ(n.events, 1);
        /* The sentence_text view cuts sentences out of the stored text. */
        sqlite3_stmt *st;
        CHECK(sqlite3_prepare_v2(sr_store_db(s),
                                 "SELECT text FROM sentence_text WHERE idx=1", -1, &st,
                                 NULL) == SQLITE_OK);
        CHECK(sqlite3_step(st) == SQLITE_ROW);
        CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "Talks.");
        sqlite3_finalize(st);
        CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM actor_mentions"), 2);
    }
    sitrep_store_close(s);
    sitrep_events_free(ev);
    fx_article_free(a);
    fx_article_free(b);
    fx_article_free(c);
    fx_rmdir(dir);
}

TEST(store_batches_commit_and_close_commits) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    sitrep_error err;
    sitrep_store_opts o = {.batch = 2};
    sitrep_store *s = sitrep_store_open_opts(S_db(dir, "b.db"), &o, &err);
    CHECK(s != NULL);
    if (!s) return;
    char id[16], text[64];
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "n%d", i);
        snprintf(text, sizeof text, "Article number %d.", i);
        sitrep_article *a = fx_article(id, "2025-01-01", "", "https://www.ap.org/x", text);
        CHECK_INT_EQ(sitrep_store_add(s, a, NULL, NULL, &err), SITREP_OK);
        fx_article_free(a);
    }
    /* A second connection sees only committed batches (4 of 5). */
    sqlite3 *db2;
    sqlite3_open(S_path, &db2);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db2, "SELECT count(*), min(outlet) FROM articles", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT_EQ(sqlite3_column_int(st, 0), 4);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 1), "ap.org");
    sqlite3_finalize(st);
    sitrep_store_close(s);
    sqlite3_prepare_v2(db2, "SELECT count(*) FROM articles", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT_EQ(sqlite3_column_int(st, 0), 5);
    sqlite3_finalize(st);
    sqlite3_close(db2);
    fx_rmdir(dir);
}

/* Collects query rows as "SRC>TGT:code:na:ns" joined by spaces. */
static int S_collect(void *ctx, const sitrep_store_row *r) {
    char *out = ctx;
    char one[96];
    snprintf(one, sizeof one, "%s%s>%s:%s:%lld:%lld", *out ? " " : "", r->ev.source_code,
             r->ev.target_code, r->ev.cameo, (long long)r->num_articles,
             (long long)r->num_sources);
    strncat(out, one, 1023 - strlen(out));
    return 0;
}

static const char *S_query(sitrep_store *s, const sitrep_store_filter *f, int mentions) {
    static char out[1024];
    out[0] = '\0';
    sitrep_error err;
    if (sitrep_store_query(s, f, mentions, S_collect, out, &err) != SITREP_OK) return "(error)";
    return out;
}

TEST(store_query_filters) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    sitrep_error err;
    sitrep_store *s = sitrep_store_open(S_db(dir, "q.db"), &err);
    CHECK(s != NULL);
    if (!s) return;
    sitrep_events *ev = sr_events_new();
    fx_event(ev, "2025-03-07", "RUSGOV", "USAGOV", "0421", "x");
    fx_event(ev, "2025-03-07", "USA", "RUS", "190", "y");
    sitrep_article *a = fx_article("q1", "2025-03-07", "bbc", "", "One. Two.");
    CHECK_INT_EQ(sitrep_store_add(s, a, ev, NULL, &err), SITREP_OK);
    sr_events_clear(ev);
    fx_event(ev, "2025-03-20", "UKRMIL", "RUSMIL", "190", "z");
    sitrep_article *b = fx_article("q2", "2025-03-20", "dw", "", "Three.");
    CHECK_INT_EQ(sitrep_store_add(s, b, ev, NULL, &err), SITREP_OK);

    CHECK_STR_EQ(S_query(s, NULL, 0),
                 "RUSGOV>USAGOV:0421:1:1 USA>RUS:190:1:1 UKRMIL>RUSMIL:190:1:1");
    sitrep_store_filter f = {.dyad_source = "RUS", .dyad_target = "USA"};
    CHECK_STR_EQ(S_query(s, &f, 0), "RUSGOV>USAGOV:0421:1:1");
    f.dyad_any = 1;
    CHECK_STR_EQ(S_query(s, &f, 0), "RUSGOV>USAGOV:0421:1:1 USA>RUS:190:1:1");
    f = (sitrep_store_filter){.actor = "UKR"};
    CHECK_STR_EQ(S_query(s, &f, 1), "UKRMIL>RUSMIL:190:1:1");
    f = (sitrep_store_filter){.from = "2025-03-08", .to = "2025-03-31"};
    CHECK_STR_EQ(S_query(s, &f, 0), "UKRMIL>RUSMIL:190:1:1");
    f = (sitrep_store_filter){.to = "2025-03-07"};
    CHECK_STR_EQ(S_query(s, &f, 0), "RUSGOV>USAGOV:0421:1:1 USA>RUS:190:1:1");
    f = (sitrep_store_filter){.root = "04"};
    CHECK_STR_EQ(S_query(s, &f, 0), "RUSGOV>USAGOV:0421:1:1");
    f = (sitrep_store_filter){.cameo = "19"};
    CHECK_STR_EQ(S_query(s, &f, 0), "USA>RUS:190:1:1 UKRMIL>RUSMIL:190:1:1");
    f = (sitrep_store_filter){.plover = "assault", .limit = 1};
    CHECK_STR_EQ(S_query(s, &f, 0), "USA>RUS:190:1:1");
    f = (sitrep_store_filter){.min_sources = 2};
    CHECK_STR_EQ(S_query(s, &f, 0), "");
    sitrep_store_close(s);
    sitrep_events_free(ev);
    fx_article_free(a);
    fx_article_free(b);
    fx_rmdir(dir);
}

/* The schema of version 1 (sitrep before attribution), written out here
 * as plain SQL so that the test does not depend on the store's own
 * migration text: a store made by an earlier build. */
static const char S_V1_SCHEMA[] =
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
    " PRIMARY KEY(mention_id, role)) WITHOUT ROWID;";

static int S_attr_row(void *ctx, const sitrep_store_row *r) {
    char *out = ctx;
    size_t l = strlen(out);
    snprintf(out + l, 512 - l, "%s%s>%s:[%s|%s|%zu-%zu]", l ? " " : "", r->ev.source_code,
             r->ev.target_code, r->ev.attribution_code, r->ev.attribution_text,
             r->ev.attribution_start, r->ev.attribution_end);
    return 0;
}

TEST(store_migrates_version_1_to_2_keeping_rows) {
    char dir[64];
    CHECK(fx_tmpdir(dir));
    const char *path = S_db(dir, "v1.db");
    char sql[sizeof S_V1_SCHEMA + 2048];
    snprintf(sql, sizeof sql, "%s"
             "UPDATE schema_version SET version=1;"
             "INSERT INTO articles VALUES(1,'old1','h-old1','bbc','','2025-03-01','',"
             " 'Gondor attacked Rohan.',1,1,'2025-03-01T00:00:00Z');"
             "INSERT INTO sentences VALUES(1,0,0,22,'');"
             "INSERT INTO events VALUES(1,'GON','ROH','19',20148,'2025-03-01','190','19',4,-10,"
             " 'ASSAULT','',1,1,1,'2025-03-01','2025-03-01',1,100);"
             "INSERT INTO event_articles VALUES(1,1);"
             "INSERT INTO event_outlets VALUES(1,'bbc');"
             "INSERT INTO mentions VALUES(1,1,1,0,'2025-03-01','bbc','GON','ROH','190','19',4,-10,"
             " 'ASSAULT','','','','Gondor attacked Rohan.','attacked',7,15,'ATTACK','v.txt:1',100);"
             "INSERT INTO actor_mentions VALUES(1,'source','GON','Gondor',0,6,'a.txt:1');",
             S_V1_SCHEMA);
    CHECK_INT_EQ(S_sql(path, sql), SQLITE_OK);
    sitrep_error err;
    /* read-only, a version-1 store cannot be migrated: a clear error */
    sitrep_store_opts ro = {.readonly = 1};
    sitrep_store *s = sitrep_store_open_opts(path, &ro, &err);
    CHECK(s == NULL);
    if (!s) CHECK(strstr(err.msg, "older than 2") != NULL);
    sitrep_store_close(s);
    s = sitrep_store_open(path, &err);
    CHECK(s != NULL);
    if (!s) return;
    CHECK_INT_EQ(S_sql_int(s, "SELECT version FROM schema_version"), 2);
    CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM mentions"), 1);
    CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM events"), 1);
    CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM mentions WHERE attribution_code=''"
                              " AND attribution_text='' AND attribution_start=0"
                              " AND attribution_end=0"), 1);
    /* a new mention with an attribution goes next to the old one */
    sitrep_events *ev = sr_events_new();
    fx_event(ev, "2025-03-02", "ROH", "GON", "190", "Rohan struck back, Eorl said.");
    ev->items[0].attribution_code = "ROHGOV";
    ev->items[0].attribution_text = "Eorl";
    ev->items[0].attribution_start = 23;
    ev->items[0].attribution_end = 27;
    sitrep_article *a = fx_article("new1", "2025-03-02", "dw", "", "Rohan struck back, Eorl said.");
    CHECK_INT_EQ(sitrep_store_add(s, a, ev, NULL, &err), SITREP_OK);
    char out[512] = "";
    CHECK_INT_EQ(sitrep_store_query(s, NULL, 1, S_attr_row, out, &err), SITREP_OK);
    CHECK_STR_EQ(out, "GON>ROH:[||0-0] ROH>GON:[ROHGOV|Eorl|23-27]");
    sitrep_store_close(s);
    /* reopening (now read-only works too) keeps version 2 and the rows */
    s = sitrep_store_open_opts(path, &ro, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT_EQ(S_sql_int(s, "SELECT version FROM schema_version"), 2);
        CHECK_INT_EQ(S_sql_int(s, "SELECT count(*) FROM mentions"), 2);
        sitrep_store_close(s);
    }
    sitrep_events_free(ev);
    fx_article_free(a);
    fx_rmdir(dir);
}
