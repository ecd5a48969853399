/* reader.h - internals of the article readers (sitrep_reader_*).
 *
 * The reader is two layers: records (metadata + body bytes, one per
 * article, from text / JSON Lines / PETRARCH XML inputs) and articles
 * (sitrep_article_new over a record). The record layer is exposed here
 * for tests and for tools that want raw records without tokenizing. */
#ifndef SR_IO_READER_H
#define SR_IO_READER_H
#include <stddef.h>
#include "sitrep.h"

/* One raw article. Strings are never NULL ("" when absent), owned by the
 * reader and valid until the next call on it. `date` is normalized to
 * YYYY-MM-DD (or ""); defaults from the reader options are applied. */
typedef struct sr_record {
    const char *id, *date, *title, *source, *url;
    const char *text; /* the body; not necessarily NUL-free */
    size_t len;
    const char *file; /* input name for messages ("<stdin>" for "-") */
    size_t line;      /* 1-based line where the record starts */
    int is_html;      /* for sitrep_article_info.is_html */
} sr_record;

/* Like sitrep_reader_next but yields the raw record instead of an
 * article. Returns SITREP_OK with *have = 1 and *rec filled; SITREP_OK
 * with *have = 0 at the end of input; or an error for a bad record or an
 * unreadable file (counted in sitrep_reader_skipped; call again to go on
 * unless the reader is strict). CoNLL-U inputs are skipped by this layer
 * with SITREP_E_FORMAT, since they become articles directly. */
sitrep_status sr_reader_next_record(sitrep_reader *r, sr_record *rec, int *have,
                                    sitrep_error *err);

/* A reader over one in-memory input (not copied: it must outlive the
 * reader) named `name` in messages and ids; for fuzzing and tests. The
 * format is detected from `name` and the bytes as for files. */
sitrep_reader *sr_reader_open_mem(const char *name, const void *data, size_t len,
                                 const sitrep_reader_opts *opts, sitrep_error *err);

/* Either: like sr_reader_next_record, but CoNLL-U documents come back as
 * ready articles in *art (the caller owns them) with *have = 1, and other
 * inputs as records (*art == NULL). Lets the pipeline build articles
 * (tokenize) on its worker threads instead of the reading thread. */
sitrep_status sr_reader_next_any(sitrep_reader *r, sr_record *rec, sitrep_article **art,
                                 int *have, sitrep_error *err);

/* Normalizes a date: "YYYY-MM-DD" (optionally followed by a time, as in
 * "2024-03-14T09:00:00Z"), "YYYYMMDD" or "YYYY/MM/DD" into out[11] as
 * "YYYY-MM-DD". Returns 1 when `s` (n bytes) is such a date and a real
 * calendar day (month lengths, leap years), else 0. */
int sr_date_normalize(const char *s, size_t n, char out[11]);

/* Calls the callback set with sitrep_reader_on_error, if any. */
void sr_reader_report(sitrep_reader *r, const sitrep_error *err);
/* 1 when the reader was opened with opts->strict. */
int sr_reader_is_strict(const sitrep_reader *r);
#endif
