/* timex.h - event dates from the time expressions of a sentence.
 *
 * News reports date events relative to the article: "yesterday", "on
 * Friday", "next week", "last month's talks", "March 14". Dating every
 * event by its article keeps two reports of the same talks, one written
 * before them ("will meet next week") and one after, from linking
 * (src/link joins mentions within a few days of each other). This module
 * finds the time expression that governs an event's verb and resolves it
 * against the article date. Rules and examples: docs/event-dates.md.
 *
 * Everything is computed on the stack: no allocation, thread-safe, one
 * left-to-right pass over the sentence's tokens with a bounded look-ahead,
 * keywords matched in a small sorted static table. */
#ifndef SR_ENRICH_TIMEX_H
#define SR_ENRICH_TIMEX_H
#include <stdint.h>
#include "text/article.h"

/* Granularities reported in *granularity_days: the width of the period the
 * expression names. The date returned is a point inside that period (its
 * middle for "last week", the 15th for "in February"), so a linker can
 * widen its window by about half the granularity. */
enum {
    SR_TIMEX_DAY = 1,
    SR_TIMEX_WEEKEND = 2,
    SR_TIMEX_WEEK = 7,
    SR_TIMEX_MONTH = 30,
    SR_TIMEX_YEAR = 365
};

/* The date of the event whose verb (or nominal trigger) is token `verb_tok`
 * of sentence `s` (an index within the sentence, 0-based, as sr_sent_tokens
 * counts) in article `a`, which is dated `article_yyyymmdd` (e.g. 20250314;
 * 0 or an invalid date when unknown).
 *
 * Which expression: one attached to the verb in the dependency tree
 * (obl/obl:tmod/obl:unmarked/advmod/nmod:poss...) wins; then one on the
 * verb's arguments ("last week's talks collapsed"); then the nearest one in
 * the same clause. Without a parse (token heads -1) the nearest expression
 * not separated from the verb by ';', ':', a dash or a bracket is used.
 * Expressions governed by "by/until/since/before/after/from..." are never
 * used (they bound another event). Weekdays and dates without a year are
 * resolved backwards (on or before the article date) unless the verb is
 * future ("will", "would", "to", "is going to"), then forwards.
 *
 * Outputs (each may be NULL): *event_yyyymmdd gets the event date, or
 * `article_yyyymmdd` unchanged when no usable expression was found or the
 * best one is vague ("recently", "in recent talks"); *granularity_days one
 * of SR_TIMEX_* (SR_TIMEX_DAY when nothing was found); *expr_start /
 * *expr_end the byte span in a->text of the expression used (both 0 when
 * none). Returns 1 when an expression gave the date, 0 otherwise
 * (including NULL `a`/`s`, `verb_tok` out of range, or an expression
 * that needs the article date when that is unknown; explicit dates with a
 * year resolve without one). */
int sr_timex_event_date(const sitrep_article *a, const sr_sentence *s, uint32_t verb_tok,
                        int article_yyyymmdd, int *event_yyyymmdd, int *granularity_days,
                        uint32_t *expr_start, uint32_t *expr_end);

/* YYYYMMDD shifted by `days` (may be negative); 0 when `yyyymmdd` is not a
 * valid Gregorian date. Exposed for tests and for linkers that widen
 * windows by granularity. */
int sr_timex_add_days(int yyyymmdd, int days);
#endif
