/* fuzz_jsonl.c - libFuzzer harness for the article readers: JSON Lines,
 * plain text with its header block, PETRARCH XML and format detection,
 * through sitrep_reader_next (so sitrep_article_new runs on every record)
 * and the JSON/CSV writers on a synthetic event built from each record.
 * The first byte picks the format and strictness; the rest is the input,
 * possibly gzip/zstd (magic bytes are honoured). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coder/events.h"
#include "io/jsonfast.h"
#include "io/reader.h"
#include "sitrep.h"
#include "util/buf.h"

/* Differential check of the JSON Lines fast path against jansson: when
 * the fast path accepts a line, its "text" must be what jansson decodes. */
static void S_check_fast(const char *line, size_t n) {
    sr_buf text = SR_BUF_INIT, stripped = SR_BUF_INIT;
    size_t vs, ve;
    int fast = sr_jsonl_fast_text(line, n, &text, &vs, &ve);
    json_error_t je;
    json_t *full = json_loadb(line, n, JSON_ALLOW_NUL, &je);
    if (fast) {
        sr_buf_append(&stripped, line, vs);
        sr_buf_append(&stripped, "\"\"", 2);
        sr_buf_append(&stripped, line + ve, n - ve);
        json_t *st = json_loadb(stripped.data, stripped.len, JSON_ALLOW_NUL, &je);
        if (st && !full) abort(); /* the fast path accepted invalid JSON */
        if (full) {
            json_t *t = json_object_get(full, "text");
            if (!json_is_string(t) || json_string_length(t) != text.len ||
                memcmp(json_string_value(t), text.data, text.len) != 0)
                abort(); /* the two decoders disagree */
        }
        json_decref(st);
    }
    json_decref(full);
    sr_buf_free(&text);
    sr_buf_free(&stripped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static const sitrep_input_format fmts[4] = {SITREP_IN_JSONL, SITREP_IN_TEXT, SITREP_IN_AUTO,
                                                SITREP_IN_PETRXML};
    static const char *const names[4] = {"f.jsonl", "f.txt", "f", "f.xml"};
    int k = data[0] & 3;
    if (k == 0) {
        const char *p = (const char *)data + 1, *end = (const char *)data + size;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            S_check_fast(p, len);
            p += len + 1;
        }
    }
    sitrep_reader_opts o = {fmts[k], (data[0] & 8) ? "2020-02-29" : NULL, NULL, (data[0] & 4) != 0};
    sitrep_error err;
    sitrep_reader *r = sr_reader_open_mem(names[k], data + 1, size - 1, &o, &err);
    if (!r) return 0;
    FILE *sink = fopen("/dev/null", "w");
    for (int guard = 0; guard < 100000; guard++) {
        sitrep_article *a = NULL;
        sitrep_status st = sitrep_reader_next(r, &a, &err);
        if (st) {
            if (o.strict) break;
            continue;
        }
        if (!a) break;
        /* exercise the writers with the record's strings */
        sitrep_events *ev = sr_events_new();
        if (ev) {
            size_t n;
            sitrep_event e;
            memset(&e, 0, sizeof e);
            e.article_id = sitrep_article_id(a);
            e.date = sitrep_article_date(a);
            e.source_text = sitrep_article_title(a);
            e.sentence_text = sitrep_article_text(a, &n);
            e.issues = sitrep_article_source(a);
            e.plover_category = "X";
            sr_events_push(ev, &e);
            if (sink) {
                sitrep_write_article_events(sink, (sitrep_output_format)(data[0] >> 4) % 5, a, ev);
            }
            sitrep_events_free(ev);
        }
        sitrep_article_free(a);
    }
    if (sink) fclose(sink);
    sitrep_reader_close(r);
    return 0;
}
