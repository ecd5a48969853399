/* Tests for src/io: readers (text, JSON Lines, XML, CoNLL-U, gzip, zstd,
 * directories), writers (JSON Lines, CSV, TSV, GDELT, PLOVER) and the
 * ordered parallel pipeline. */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "harness.h"
#include "coder/events.h"
#include "io/jsonfast.h"
#include "io/pipeline.h"
#include "io/reader.h"
#include "io/source.h"
#include "util/buf.h"

/* --- helpers --------------------------------------------------------- */

static char S_tmpdir[64];

static const char *S_tmp(const char *name) {
    static char path[4][160];
    static int k;
    if (!S_tmpdir[0]) {
        strcpy(S_tmpdir, "/tmp/sitrep-io-XXXXXX");
        if (!mkdtemp(S_tmpdir)) return NULL;
    }
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", S_tmpdir, name);
    return path[k];
}

/* Removes the temporary directory (flat) when the test binary exits. */
__attribute__((destructor)) static void S_tmp_cleanup(void) {
    if (!S_tmpdir[0]) return;
    DIR *d = opendir(S_tmpdir);
    if (d) {
        struct dirent *e;
        char p[sizeof S_tmpdir + sizeof e->d_name + 2];
        while ((e = readdir(d)))
            if (e->d_name[0] != '.') {
                snprintf(p, sizeof p, "%s/%s", S_tmpdir, e->d_name);
                unlink(p);
            }
        closedir(d);
    }
    rmdir(S_tmpdir);
}

static void S_write(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(data, 1, n, f);
    fclose(f);
}

static sitrep_reader *S_open1(const char *path, const sitrep_reader_opts *o) {
    const char *paths[1] = {path};
    sitrep_error e;
    return sitrep_reader_open(paths, 1, o, &e);
}

/* Reads every record of `path`; ids joined with '|' into out (with "!"
 * for each error). */
static void S_ids(const char *path, const sitrep_reader_opts *o, char *out, size_t cap) {
    sitrep_reader *r = S_open1(path, o);
    out[0] = '\0';
    if (!r) return;
    for (int guard = 0; guard < 1000; guard++) {
        sr_record rec;
        int have;
        sitrep_error e;
        sitrep_status st = sr_reader_next_record(r, &rec, &have, &e);
        if (st) {
            strncat(out, "!|", cap - strlen(out) - 1);
            if (o && o->strict) break;
            continue;
        }
        if (!have) break;
        strncat(out, rec.id, cap - strlen(out) - 1);
        strncat(out, "|", cap - strlen(out) - 1);
    }
    sitrep_reader_close(r);
}

/* --- readers ----------------------------------------------------------- */

TEST(io_text_with_header) {
    sitrep_reader *r = S_open1(TEST_DATA("io/header.txt"), NULL);
    CHECK(r != NULL);
    if (!r) return;
    sitrep_article *a = NULL;
    sitrep_error e;
    CHECK_INT_EQ(sitrep_reader_next(r, &a, &e), SITREP_OK);
    CHECK(a != NULL);
    if (a) {
        CHECK_STR_EQ(sitrep_article_id(a), "header.txt");
        CHECK_STR_EQ(sitrep_article_title(a), "Ministers meet over grain corridor");
        CHECK_STR_EQ(sitrep_article_date(a), "2024-03-14");
        CHECK_STR_EQ(sitrep_article_source(a), "Example Wire");
        CHECK_STR_EQ(sitrep_article_url(a), "https://example.org/news/grain-1");
        size_t n;
        const char *t = sitrep_article_text(a, &n);
        CHECK(!strncmp(t, "ANKARA - Turkish", 16));
        CHECK(t[n - 1] == '.'); /* trailing newline trimmed */
        CHECK(sitrep_article_sentence_count(a) >= 2);
        sitrep_article_free(a);
    }
    CHECK_INT_EQ(sitrep_reader_next(r, &a, &e), SITREP_OK);
    CHECK(a == NULL);
    sitrep_reader_close(r);
}

TEST(io_text_without_header_and_defaults) {
    sitrep_reader_opts o = {SITREP_IN_AUTO, "2023-01-02", "Default Outlet", 0};
    sitrep_reader *r = S_open1(TEST_DATA("io/noheader.txt"), &o);
    CHECK(r != NULL);
    if (!r) return;
    sr_record rec;
    int have = 0;
    sitrep_error e;
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_INT_EQ(have, 1);
    CHECK_STR_EQ(rec.id, "noheader.txt");
    CHECK_STR_EQ(rec.title, "Flooding closes border crossing");
    CHECK_STR_EQ(rec.date, "2023-01-02");
    CHECK_STR_EQ(rec.source, "Default Outlet");
    CHECK(rec.len > 30 && !strncmp(rec.text, "Flooding closes", 15)); /* title stays in the body */
    sitrep_reader_close(r);
}

TEST(io_text_formfeed_stream) {
    char ids[256];
    S_ids(TEST_DATA("io/stream.txt"), NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "stream.txt|stream.txt#2|");
}

TEST(io_jsonl_good_and_bad_records) {
    sitrep_reader *r = S_open1(TEST_DATA("io/mixed.jsonl"), NULL);
    CHECK(r != NULL);
    if (!r) return;
    size_t lines[16], nl = 0;
    char ids[256] = "";
    for (int guard = 0; guard < 50; guard++) {
        sr_record rec;
        int have;
        sitrep_error e;
        sitrep_status st = sr_reader_next_record(r, &rec, &have, &e);
        if (st) {
            CHECK_INT_EQ(st, SITREP_E_SYNTAX);
            CHECK_STR_EQ(e.file, "tests/data/io/mixed.jsonl");
            if (nl < 16) lines[nl++] = e.line;
            if (e.line == 3) CHECK(strstr(e.msg, "\"text\"") != NULL);
            if (e.line == 4) CHECK(strstr(e.msg, "YYYY-MM-DD") != NULL);
            continue;
        }
        if (!have) break;
        strcat(ids, rec.id);
        strcat(ids, "|");
        if (!strcmp(rec.id, "a1")) {
            CHECK_STR_EQ(rec.source, "Wire A");
            CHECK_STR_EQ(rec.url, "https://example.org/a1");
            CHECK_SPAN_EQ(rec.text, rec.len, "Negotiators met in Geneva on Tuesday.");
            CHECK_INT_EQ(rec.line, 1);
        }
        if (rec.line == 6) CHECK_STR_EQ(rec.date, "2024-03-16");
    }
    CHECK_STR_EQ(ids, "a1|tests/data/io/mixed.jsonl:6|17|");
    CHECK_INT_EQ(nl, 4);
    CHECK(nl == 4 && lines[0] == 2 && lines[1] == 3 && lines[2] == 4 && lines[3] == 7);
    CHECK_INT_EQ(sitrep_reader_skipped(r), 4);
    sitrep_reader_close(r);
}

TEST(io_jsonl_strict_stops) {
    sitrep_reader_opts o = {SITREP_IN_AUTO, NULL, NULL, 1};
    char ids[256];
    S_ids(TEST_DATA("io/mixed.jsonl"), &o, ids, sizeof ids);
    CHECK_STR_EQ(ids, "a1|!|");
    sitrep_reader *r = S_open1(TEST_DATA("io/mixed.jsonl"), &o);
    sitrep_article *a;
    sitrep_error e;
    CHECK_INT_EQ(sitrep_reader_next(r, &a, &e), SITREP_OK);
    sitrep_article_free(a);
    CHECK_INT_EQ(sitrep_reader_next(r, &a, &e), SITREP_E_SYNTAX);
    CHECK_INT_EQ(e.line, 2);
    /* stopped: the same error again, nothing more is read */
    CHECK_INT_EQ(sitrep_reader_next(r, &a, &e), SITREP_E_SYNTAX);
    CHECK(a == NULL);
    sitrep_reader_close(r);
}

TEST(io_jsonl_invalid_utf8_long_line_and_binary) {
    /* invalid UTF-8 inside a string is repaired, not fatal */
    const char bad[] = "{\"id\":\"u\",\"text\":\"caf\xE9 \xFF ok\"}\n";
    const char *p = S_tmp("bad.jsonl");
    S_write(p, bad, sizeof bad - 1);
    char ids[256];
    S_ids(p, NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "u|");
    /* a 10 MB line */
    size_t n = 10u << 20;
    char *big = malloc(n + 64);
    if (!big) return;
    strcpy(big, "{\"id\":\"big\",\"text\":\"");
    size_t k = strlen(big);
    memset(big + k, 'x', n);
    strcpy(big + k + n, "\"}\n{\"id\":\"after\",\"text\":\"y\"}\n");
    p = S_tmp("big.jsonl");
    S_write(p, big, strlen(big));
    free(big);
    sitrep_reader *r = S_open1(p, NULL);
    sr_record rec;
    int have;
    sitrep_error e;
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_INT_EQ(rec.len, n);
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_STR_EQ(rec.id, "after");
    CHECK_INT_EQ(rec.line, 2);
    sitrep_reader_close(r);
    /* binary data as text: skipped with an error, not a crash */
    const char bin[] = "\x7f" "ELF\0\0\0\x01\x02\xff\xfe";
    p = S_tmp("blob.bin");
    S_write(p, bin, sizeof bin);
    r = S_open1(p, NULL);
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_E_FORMAT);
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_INT_EQ(have, 0);
    sitrep_reader_close(r);
}

static const char S_two[] = "{\"id\":\"z1\",\"text\":\"One.\"}\n{\"id\":\"z2\",\"text\":\"Two.\"}\n";

TEST(io_gzip_input_and_concatenated_members) {
    const char *p = S_tmp("two.jsonl.gz");
    gzFile g = gzopen(p, "wb");
    CHECK(g != NULL);
    if (!g) return;
    gzwrite(g, S_two, sizeof S_two - 1);
    gzclose(g);
    /* a second gzip member appended (as `cat a.gz b.gz` makes) */
    const char *q = S_tmp("m2.gz");
    g = gzopen(q, "wb");
    gzputs(g, "{\"id\":\"z3\",\"text\":\"Three.\"}\n");
    gzclose(g);
    FILE *a = fopen(p, "ab"), *b = fopen(q, "rb");
    char buf[256];
    size_t k = fread(buf, 1, sizeof buf, b);
    fwrite(buf, 1, k, a);
    fclose(a);
    fclose(b);
    char ids[256];
    S_ids(p, NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "z1|z2|z3|");
    /* truncated gzip: an error, the records before it kept */
    S_write(q, buf, k - 6);
    sr_src *s = sr_src_open(q, NULL);
    CHECK(s && sr_src_codec_of(s) == SR_CODEC_GZIP);
    const char *l;
    size_t ln;
    sitrep_error e;
    int rc = sr_src_getline(s, &l, &ln, &e);
    if (rc == 1) rc = sr_src_getline(s, &l, &ln, &e);
    CHECK_INT_EQ(rc, -1);
    sr_src_close(s);
}

TEST(io_zstd_input) {
    char comp[512];
    size_t cn = ZSTD_compress(comp, sizeof comp, S_two, sizeof S_two - 1, 3);
    CHECK(!ZSTD_isError(cn));
    const char *p = S_tmp("two.data"); /* no telling name: magic bytes decide */
    S_write(p, comp, cn);
    char ids[256];
    S_ids(p, NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "z1|z2|");
}

TEST(io_directory_walk_sorted) {
    char ids[256];
    S_ids(TEST_DATA("io/tree"), NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "one.txt|two.txt|one.txt|top.txt|j1|");
    /* and the order of the files themselves */
    sitrep_reader *r = S_open1(TEST_DATA("io/tree"), NULL);
    char files[512] = "";
    for (;;) {
        sr_record rec;
        int have;
        if (sr_reader_next_record(r, &rec, &have, NULL) || !have) break;
        strcat(files, rec.file + strlen("tests/data/io/tree/"));
        strcat(files, " ");
    }
    CHECK_STR_EQ(files, "alpha/one.txt alpha/two.txt beta/one.txt top.txt zeta.jsonl ");
    sitrep_reader_close(r);
}

TEST(io_missing_path_fails_at_open) {
    const char *paths[2] = {TEST_DATA("io/header.txt"), TEST_DATA("io/no-such-file.txt")};
    sitrep_error e;
    CHECK(sitrep_reader_open(paths, 2, NULL, &e) == NULL);
    CHECK_INT_EQ(e.code, SITREP_E_IO);
    CHECK_STR_EQ(e.file, "tests/data/io/no-such-file.txt");
    sitrep_reader_opts o = {SITREP_IN_AUTO, "yesterday", NULL, 0};
    CHECK(sitrep_reader_open(paths, 1, &o, &e) == NULL);
    CHECK_INT_EQ(e.code, SITREP_E_USAGE);
}

TEST(io_petrarch_xml) {
    sitrep_reader *r = S_open1(TEST_DATA("io/petr.xml"), NULL);
    CHECK(r != NULL);
    if (!r) return;
    sr_record rec;
    int have;
    sitrep_error e;
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_STR_EQ(rec.id, "WIRE0314_1");
    CHECK_STR_EQ(rec.date, "2024-03-14");
    CHECK_STR_EQ(rec.source, "WIRE");
    CHECK_SPAN_EQ(rec.text, rec.len, "Police in the capital detained dozens of demonstrators on Thursday.");
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_STR_EQ(rec.id, "WIRE0315_2");
    CHECK_SPAN_EQ(rec.text, rec.len, "The two governments signed a trade accord & a visa deal.");
    CHECK_INT_EQ(sr_reader_next_record(r, &rec, &have, &e), SITREP_OK);
    CHECK_INT_EQ(have, 0);
    sitrep_reader_close(r);
    /* malformed XML: file:line:col, the sentences before it kept */
    const char bad[] = "<Sentences>\n<Sentence id=\"s1\"><Text>Fine.</Text></Sentence>\n<Sentence id=\"s2\"><Text>Oops</Sentence>\n";
    const char *p = S_tmp("bad.xml");
    S_write(p, bad, sizeof bad - 1);
    char ids[128];
    S_ids(p, NULL, ids, sizeof ids);
    CHECK_STR_EQ(ids, "s1|!|");
}

TEST(io_conllu_articles) {
    sitrep_reader *r = S_open1(TEST_DATA("io/small.conllu"), NULL);
    CHECK(r != NULL);
    if (!r) return;
    sitrep_article *a = NULL;
    sitrep_error e;
    int n = 0;
    while (sitrep_reader_next(r, &a, &e) == SITREP_OK && a) {
        n++;
        if (n == 1) CHECK_INT_EQ(sitrep_article_token_count(a), 5);
        sitrep_article_free(a);
    }
    CHECK_INT_EQ(n, 2);
    sitrep_reader_close(r);
}

TEST(io_date_normalize) {
    char d[11];
    CHECK(sr_date_normalize("20080804", 8, d));
    CHECK_STR_EQ(d, "2008-08-04");
    CHECK(sr_date_normalize("2024-03-14T10:00:00Z", 20, d));
    CHECK_STR_EQ(d, "2024-03-14");
    CHECK(!sr_date_normalize("2024-13-01", 10, d));
    CHECK(!sr_date_normalize("2025-02-29", 10, d));
    CHECK(!sr_date_normalize("2025-04-31", 10, d));
    CHECK(!sr_date_normalize("1900-02-29", 10, d));
    CHECK(sr_date_normalize("2024-02-29", 10, d));
    CHECK_STR_EQ(d, "2024-02-29");
    CHECK(sr_date_normalize("2000-02-29", 10, d));
    CHECK(sr_date_normalize("2025-12-31", 10, d));
    CHECK(!sr_date_normalize("March 3", 7, d));
}

/* --- writers ------------------------------------------------------------ */

static sitrep_events *S_sample_events(void) {
    sitrep_events *ev = sr_events_new();
    sitrep_event e;
    memset(&e, 0, sizeof e);
    e.article_id = "art,\"1\"";
    e.sentence = 2;
    e.date = "2024-03-14";
    e.source_code = "RUSGOV";
    e.source_text = "Russian\tgovernment";
    e.source_start = 0;
    e.source_end = 18;
    e.target_code = "UKRMIL";
    e.target_text = "Ukrainian forces";
    e.target_start = 30;
    e.target_end = 46;
    e.cameo = "190";
    e.root = "19";
    e.quad = 4;
    e.goldstein = -10.0;
    e.plover_category = "ASSAULT";
    e.plover_mode = "";
    e.issues = "MILITARY, WAR";
    e.sentence_text = "Line one\nline \"two\"\x01 bad\xFF";
    e.verb_text = "attacked";
    e.verb_start = 19;
    e.verb_end = 27;
    e.pattern = "- * ATTACK";
    e.pattern_loc = "verbs.txt:12";
    e.source_entry = "actors.txt:3";
    e.modality = "reported";
    e.attribution_code = "RUSGOV";
    e.attribution_text = "Kremlin spokesman, \"Ivan\"";
    e.attribution_start = 50;
    e.attribution_end = 75;
    sr_events_push(ev, &e);
    memset(&e, 0, sizeof e); /* no attribution: NULL strings, span 0,0 */
    e.article_id = "b";
    e.source_code = "IGOUNO";
    e.cameo = "010";
    e.root = "01";
    e.quad = 1;
    sr_events_push(ev, &e);
    return ev;
}

static char *S_render(sitrep_output_format f, const sitrep_events *ev, int header) {
    FILE *m = tmpfile();
    if (!m) return calloc(1, 1);
    if (header) sitrep_write_header(m, f);
    sitrep_write_events(m, f, ev);
    long n = ftell(m);
    char *buf = calloc((size_t)(n > 0 ? n : 0) + 1, 1);
    rewind(m);
    if (buf && n > 0 && fread(buf, 1, (size_t)n, m) != (size_t)n) buf[0] = '\0';
    fclose(m);
    return buf;
}

TEST(io_write_jsonl_valid_and_escaped) {
    sitrep_events *ev = S_sample_events();
    char *out = S_render(SITREP_OUT_JSONL, ev, 1);
    char *nl = strchr(out, '\n');
    CHECK(nl != NULL);
    json_error_t je;
    json_t *o = json_loadb(out, nl ? (size_t)(nl - out) : 0, 0, &je);
    CHECK(o != NULL);
    if (o) {
        CHECK_STR_EQ(json_string_value(json_object_get(o, "article_id")), "art,\"1\"");
        CHECK_INT_EQ(json_integer_value(json_object_get(o, "sentence")), 2);
        json_t *src = json_object_get(o, "source");
        CHECK_STR_EQ(json_string_value(json_object_get(src, "code")), "RUSGOV");
        CHECK_INT_EQ(json_integer_value(json_object_get(src, "end")), 18);
        CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(o, "plover"), "category")), "ASSAULT");
        CHECK(json_real_value(json_object_get(o, "goldstein")) == -10.0 ||
              json_integer_value(json_object_get(o, "goldstein")) == -10);
        json_t *iss = json_object_get(o, "issues");
        CHECK_INT_EQ(json_array_size(iss), 2);
        CHECK_STR_EQ(json_string_value(json_array_get(iss, 1)), "WAR");
        json_t *evd = json_object_get(o, "evidence");
        CHECK_STR_EQ(json_string_value(json_object_get(evd, "sentence_text")),
                     "Line one\nline \"two\"\x01 bad\xEF\xBF\xBD");
        CHECK_INT_EQ(json_integer_value(json_object_get(json_object_get(evd, "verb"), "start")), 19);
        CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(evd, "pattern"), "loc")), "verbs.txt:12");
        json_t *at = json_object_get(o, "attribution");
        CHECK(json_is_object(at));
        CHECK_STR_EQ(json_string_value(json_object_get(at, "code")), "RUSGOV");
        CHECK_STR_EQ(json_string_value(json_object_get(at, "text")), "Kremlin spokesman, \"Ivan\"");
        CHECK_INT_EQ(json_integer_value(json_object_get(at, "start")), 50);
        CHECK_INT_EQ(json_integer_value(json_object_get(at, "end")), 75);
        json_decref(o);
    }
    /* the second event has no attribution: "attribution": null */
    o = nl ? json_loads(nl + 1, JSON_DISABLE_EOF_CHECK, &je) : NULL;
    CHECK(o != NULL);
    if (o) {
        CHECK(json_is_null(json_object_get(o, "attribution")));
        json_decref(o);
    }
    /* the second event has no target: null */
    o = nl ? json_loads(nl + 1, JSON_DISABLE_EOF_CHECK, &je) : NULL;
    CHECK(o && json_is_null(json_object_get(o, "target")));
    json_decref(o);
    free(out);
    sitrep_events_free(ev);
}

TEST(io_write_csv_rfc4180) {
    sitrep_events *ev = S_sample_events();
    char *out = S_render(SITREP_OUT_CSV, ev, 1);
    CHECK(!strncmp(out, "article_id,sentence,date,source_code,", 37));
    CHECK(strstr(out, "\r\n\"art,\"\"1\"\"\",2,2024-03-14,RUSGOV,Russian\tgovernment,0,18,") != NULL);
    /* attribution_code, attribution_text are the last two columns */
    CHECK(strstr(out, ",sentence_text,attribution_code,attribution_text\r\n") != NULL);
    CHECK(strstr(out, "\"Line one\nline \"\"two\"\"\x01 bad\xEF\xBF\xBD\","
                      "RUSGOV,\"Kremlin spokesman, \"\"Ivan\"\"\"\r\n") != NULL);
    CHECK(strstr(out, ",,,\r\n") != NULL); /* event without attribution */
    /* every record ends with CRLF; 3 records (header + 2) */
    int crlf = 0;
    for (const char *p = out; (p = strstr(p, "\r\n")); p += 2) crlf++;
    CHECK_INT_EQ(crlf, 3);
    free(out);
    sitrep_events_free(ev);
}

TEST(io_write_tsv_and_gdelt) {
    sitrep_events *ev = S_sample_events();
    char *out = S_render(SITREP_OUT_TSV, ev, 0);
    CHECK(strstr(out, "\"art,\"\"1\"\"\"\t2\t2024-03-14\tRUSGOV\tRussian\\tgovernment\t0\t18\t") != NULL);
    CHECK(strstr(out, "\"Line one\\nline \"\"two\"\"") != NULL);
    free(out);
    out = S_render(SITREP_OUT_GDELT, ev, 1);
    /* header + 2 rows, 61 columns each */
    int lines = 0, tabs = 0;
    for (const char *p = out; *p; p++) {
        if (*p == '\n') lines++;
        if (*p == '\t') tabs++;
    }
    CHECK_INT_EQ(lines, 3);
    CHECK_INT_EQ(tabs, 3 * 60);
    const char *row = strchr(out, '\n') + 1;
    /* GlobalEventID, Day, MonthYear, Year, FractionDate, Actor1Code, Name, Country */
    CHECK(strstr(row, "\t20240314\t202403\t2024\t2024.2027\tRUSGOV\tRussian government\tRUS\t") != NULL);
    CHECK(strstr(row, "\tGOV\t\t\tUKRMIL\tUkrainian forces\tUKR\t") != NULL);
    CHECK(strstr(row, "\t0\t190\t190\t19\t4\t-10\t1\t1\t1\t") != NULL);
    const char *row2 = strchr(row, '\n') + 1;
    CHECK(strstr(row2, "\tIGOUNO\t\t\tUNO\t") != NULL); /* IGO + known group UNO */
    free(out);
    sitrep_events_free(ev);
}

TEST(io_write_plover) {
    sitrep_events *ev = S_sample_events();
    char *out = S_render(SITREP_OUT_PLOVER, ev, 1);
    /* the CAMEO 010 event has no PLOVER category: one line only */
    CHECK(strchr(out, '\n') && strchr(out, '\n')[1] == '\0');
    json_error_t je;
    json_t *o = json_loads(out, 0, &je);
    CHECK(o != NULL);
    if (o) {
        CHECK_STR_EQ(json_string_value(json_object_get(o, "id")), "art,\"1\"-2-0");
        CHECK_STR_EQ(json_string_value(json_array_get(json_object_get(o, "event"), 0)), "ASSAULT");
        json_t *actor = json_array_get(json_object_get(o, "actor"), 0);
        CHECK_STR_EQ(json_string_value(json_object_get(actor, "code")), "RUS");
        CHECK_STR_EQ(json_string_value(json_object_get(actor, "sector")), "GOV");
        json_t *rec = json_array_get(json_object_get(o, "recipient"), 0);
        CHECK_STR_EQ(json_string_value(json_object_get(rec, "entitytext")), "Ukrainian forces");
        CHECK_INT_EQ(json_array_size(json_object_get(o, "context")), 2);
        CHECK_INT_EQ(json_integer_value(json_object_get(o, "quad")), 4);
        json_t *ti = json_object_get(o, "textinfo");
        CHECK_INT_EQ(json_integer_value(json_object_get(ti, "start")), 0);
        CHECK_INT_EQ(json_integer_value(json_object_get(ti, "end")), 46);
        json_t *at = json_object_get(o, "attribution"); /* extension field */
        CHECK_STR_EQ(json_string_value(json_object_get(at, "code")), "RUSGOV");
        CHECK_INT_EQ(json_integer_value(json_object_get(at, "start")), 50);
        json_decref(o);
    }
    free(out);
    sitrep_events_free(ev);
    CHECK_INT_EQ(sitrep_output_format_from_name("csv"), SITREP_OUT_CSV);
    CHECK_INT_EQ(sitrep_output_format_from_name("PLOVER"), SITREP_OUT_PLOVER);
    CHECK_INT_EQ(sitrep_output_format_from_name("xml"), -1);
}

/* --- pipeline ------------------------------------------------------------ */

static void *S_w_init(void *ctx, sitrep_error *err) {
    (void)err;
    return ctx;
}

static sitrep_events *S_w_work(void *state, sitrep_article *a, sitrep_error *err) {
    (void)state;
    (void)err;
    /* uneven work so that threads finish out of order */
    size_t n = 0;
    const char *t = sitrep_article_text(a, &n);
    if (n % 3 == 0) usleep(200);
    sitrep_events *ev = sr_events_new();
    sitrep_event e;
    memset(&e, 0, sizeof e);
    e.article_id = sitrep_article_id(a);
    e.sentence_text = t;
    e.cameo = "042";
    sr_events_push(ev, &e);
    return ev;
}

static void S_w_fini(void *state) { (void)state; }

static int S_sink(void *ctx, const sitrep_article *a, const sitrep_events *ev) {
    sr_buf *b = ctx;
    const sitrep_event *e = sitrep_events_get(ev, 0);
    sr_buf_printf(b, "%s=%s;", sitrep_article_id(a), e ? e->article_id : "?");
    return 0;
}

static int S_stop_sink(void *ctx, const sitrep_article *a, const sitrep_events *ev) {
    (void)a;
    (void)ev;
    int *n = ctx;
    return ++*n == 5 ? 42 : 0;
}

TEST(io_pipeline_order_is_deterministic) {
    const char *p = S_tmp("many.jsonl");
    sr_buf in = SR_BUF_INIT;
    for (int i = 0; i < 300; i++)
        sr_buf_printf(&in, "{\"id\":\"n%d\",\"text\":\"Article %d %.*s.\"}\n", i, i, i % 7, "xxxxxxx");
    sr_buf_puts(&in, "not json\n");
    S_write(p, in.data, in.len);
    sr_buf_free(&in);
    sr_buf want = SR_BUF_INIT;
    for (int i = 0; i < 300; i++) sr_buf_printf(&want, "n%d=n%d;", i, i);
    int token = 7;
    sr_pipe_worker w = {S_w_init, S_w_work, S_w_fini, &token};
    int threads[] = {1, 2, 3, 8};
    for (size_t k = 0; k < 4; k++) {
        sitrep_reader *r = S_open1(p, NULL);
        sr_buf got = SR_BUF_INIT;
        sitrep_error e;
        sitrep_status st = sr_pipeline_run_with(r, &w, threads[k], S_sink, &got, &e);
        CHECK_INT_EQ(st, SITREP_OK);
        CHECK(got.data && !strcmp(got.data, want.data));
        CHECK_INT_EQ(sitrep_reader_skipped(r), 1);
        sitrep_reader_close(r);
        sr_buf_free(&got);
        /* a sink's non-zero result stops the run and is returned */
        r = S_open1(p, NULL);
        int n = 0;
        CHECK_INT_EQ(sr_pipeline_run_with(r, &w, threads[k], S_stop_sink, &n, &e), 42);
        CHECK_INT_EQ(n, 5);
        sitrep_reader_close(r);
    }
    /* strict: what was read before the bad record is sunk, then the error */
    sitrep_reader_opts o = {SITREP_IN_AUTO, NULL, NULL, 1};
    sitrep_reader *r = S_open1(p, &o);
    sr_buf got = SR_BUF_INIT;
    sitrep_error e;
    CHECK_INT_EQ(sr_pipeline_run_with(r, &w, 4, S_sink, &got, &e), SITREP_E_SYNTAX);
    CHECK_INT_EQ(e.line, 301);
    CHECK(got.data && !strcmp(got.data, want.data));
    sr_buf_free(&got);
    sitrep_reader_close(r);
    sr_buf_free(&want);
}

static int S_count_sink(void *ctx, const sitrep_article *a, const sitrep_events *ev) {
    sr_buf *b = ctx;
    for (size_t i = 0; i < sitrep_events_count(ev); i++) {
        const sitrep_event *e = sitrep_events_get(ev, i);
        sr_buf_printf(b, "%s:%s:%s>%s;", sitrep_article_id(a), e->cameo, e->source_code, e->target_code);
    }
    return 0;
}

TEST(io_pipeline_run_with_coder) {
    /* the real wiring: one coder per thread over a dictionary, pre-parsed
     * CoNLL-U input (no model needed), same events for every N */
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error e;
    CHECK_INT_EQ(sitrep_dict_load(d, TEST_DATA("io/dict"), &e), SITREP_OK);
    const char *want = "io-1:190:ZEM>KOR;io,\"2\":122:KOR>ZEM;";
    int threads[] = {1, 3};
    for (int k = 0; k < 2; k++) {
        sitrep_reader *r = S_open1(TEST_DATA("io/events.conllu"), NULL);
        sr_buf got = SR_BUF_INIT;
        CHECK_INT_EQ(sitrep_pipeline_run(r, NULL, d, threads[k], S_count_sink, &got, &e), SITREP_OK);
        CHECK_STR_EQ(got.data, want);
        sr_buf_free(&got);
        sitrep_reader_close(r);
    }
    /* no dictionary: every article is sunk with no events */
    sitrep_reader *r = S_open1(TEST_DATA("io/tree"), NULL);
    sr_buf got = SR_BUF_INIT;
    CHECK_INT_EQ(sitrep_pipeline_run(r, NULL, NULL, 2, S_sink, &got, &e), SITREP_OK);
    CHECK_STR_EQ(got.data, "one.txt=?;two.txt=?;one.txt=?;top.txt=?;j1=?;");
    sr_buf_free(&got);
    sitrep_reader_close(r);
    sitrep_dict_free(d);
}

TEST(io_jsonl_fast_path_matches_jansson) {
    static const char *const ok[] = {
        "{\"id\":\"a\",\"text\":\"plain text\"}",
        " { \"text\" : \"esc \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u0000!\" , \"n\": [1, {\"x\": \"]}\"}] } ",
        "{\"meta\":{\"text\":\"inner\"},\"text\":\"outer caf\xC3\xA9\"}",
    };
    for (size_t i = 0; i < 3; i++) {
        sr_buf t = SR_BUF_INIT;
        size_t vs, ve, n = strlen(ok[i]);
        CHECK_INT_EQ(sr_jsonl_fast_text(ok[i], n, &t, &vs, &ve), 1);
        json_error_t je;
        json_t *j = json_loadb(ok[i], n, JSON_ALLOW_NUL, &je);
        json_t *tv = json_object_get(j, "text");
        CHECK(tv && json_string_length(tv) == t.len && !memcmp(json_string_value(tv), t.data, t.len));
        CHECK(ok[i][vs] == '"' && ok[i][ve - 1] == '"');
        json_decref(j);
        sr_buf_free(&t);
    }
    /* declined: the full parser decides (and reports) */
    static const char *const no[] = {
        "{\"text\":\"a\",\"text\":\"b\"}",          /* duplicate */
        "{\"te\\u0078t\":\"escaped key\"}",         /* escaped key */
        "{\"text\":\"lone \\ud800 surrogate\"}",
        "{\"text\":\"bad \xFF utf8\"}",
        "{\"text\":\"raw\ttab\"}",
        "{\"text\":\"unterminated}",
        "{\"text\":\"x\"} trailing",
        "{\"text\":42}",
        "[\"text\"]",
        "{\"id\":\"no text\"}",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        sr_buf t = SR_BUF_INIT;
        size_t vs, ve;
        CHECK_INT_EQ(sr_jsonl_fast_text(no[i], strlen(no[i]), &t, &vs, &ve), 0);
        sr_buf_free(&t);
    }
}
