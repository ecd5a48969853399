/* normalize.h - from the bytes a caller gave us to the "working text" the
 * tokenizer reads: UTF-8 repaired, HTML stripped, NFC, typographic quotes,
 * apostrophes, dashes and spaces folded to ASCII.
 *
 * Why a separate working text: token forms are folded ("’s" -> "'s") but
 * token offsets must point into the ORIGINAL text. The working text keeps
 * a sparse, sorted list of "units" (where its length differs from the
 * original); between units the two advance byte for byte, so mapping a
 * working offset back is a cursor walk, not a per-byte table.
 *
 * Fast path: plain ASCII without control bytes (and without markup when
 * HTML is requested) is used as is: no copy, no units.
 */
#ifndef SR_TEXT_NORMALIZE_H
#define SR_TEXT_NORMALIZE_H
#include <stddef.h>
#include <stdint.h>
#include "../util/arena.h"

/* Working bytes [w, w+wl) came from original bytes [o, o+ol). wl may be 0
 * (deleted markup, zero-width characters). */
typedef struct sr_norm_unit {
    uint32_t w, o, wl, ol;
} sr_norm_unit;

typedef struct sr_norm {
    const char *w;         /* working text (NUL-terminated) */
    size_t wlen;
    sr_norm_unit *units;   /* malloc'ed, sorted by w; NULL when none */
    size_t nunits;
    size_t invalid;        /* invalid UTF-8 bytes replaced by U+FFFD */
    int html;              /* 1 when markup was stripped */
} sr_norm;

/* Builds the working text for `text` (len bytes, need not be
 * NUL-terminated; must be < 4 GiB). `is_html`: 1 strip markup, 0 plain,
 * -1 detect. The working text is either `text` itself (fast path: the
 * caller must keep `text` alive and NUL-terminated at text[len]) or
 * allocated in `ar`. Returns 0, or -1 when out of memory. Release `out`
 * with sr_norm_free (frees only the units). */
int sr_norm_build(sr_arena *ar, const char *text, size_t len, int is_html,
                  sr_norm *out);
void sr_norm_free(sr_norm *n);

/* Cursor for mapping increasing working offsets back to the original. */
typedef struct sr_norm_cursor {
    size_t u;
} sr_norm_cursor;

/* Original span [*ostart, *oend) of the working span [ws, we), ws < we.
 * Calls must come with non-decreasing ws through one cursor (start the
 * cursor at {0}). */
void sr_norm_map(const sr_norm *n, sr_norm_cursor *c, size_t ws, size_t we,
                 size_t *ostart, size_t *oend);

/* Maps consecutive token spans (working offsets, increasing) to the
 * original text. Between two units working and original offsets differ by
 * a constant, so a span inside such a gap (nearly every token) costs one
 * comparison and an addition; spans touching a unit take the cursor walk.
 * Consecutive results never overlap: two tokens cut from one unit (rare:
 * NFC output split by the tokenizer) are clamped. */
typedef struct sr_norm_mapper {
    const sr_norm *n;
    sr_norm_cursor cur;
    size_t gap_lo, gap_hi; /* working bytes [gap_lo, gap_hi) map by +delta */
    uint32_t delta;        /* original - working, modulo 2^32 */
    size_t prev_end;       /* original end of the previous span */
} sr_norm_mapper;

/* Starts mapping with `n` (which must outlive the mapper). */
void sr_norm_mapper_init(sr_norm_mapper *m, const sr_norm *n);
/* The cursor walk behind sr_norm_map_span; use that instead. */
void sr_norm_mapper_slow(sr_norm_mapper *m, size_t ws, size_t we, size_t *os, size_t *oe);

/* Rewrites the working span [*start, *end) (start < end, not before the
 * previous span given to `m`) as an original span. */
static inline void sr_norm_map_span(sr_norm_mapper *m, uint32_t *start, uint32_t *end) {
    size_t ws = *start, we = *end, s, e;
    if (ws >= m->gap_lo && we <= m->gap_hi) {
        s = (uint32_t)(ws + m->delta);
        e = (uint32_t)(we + m->delta);
    } else {
        sr_norm_mapper_slow(m, ws, we, &s, &e);
    }
    if (s < m->prev_end) s = m->prev_end;
    if (e < s) e = s;
    m->prev_end = e;
    *start = (uint32_t)s;
    *end = (uint32_t)e;
}

/* 1 when `text` looks like HTML (tags such as <p>, <div>, <br> or
 * <html> near the start). */
int sr_text_looks_html(const char *text, size_t len);

/* ASCII folding of a typographic code point, for matching: writes up to 3
 * bytes into out and returns their count, or -1 when `cp` is not folded
 * (0 means it is deleted, e.g. a zero-width space). */
int sr_text_fold_cp(uint32_t cp, char out[4]);
#endif
