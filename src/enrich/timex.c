/* timex.c - time expressions -> event dates (see timex.h and
 * docs/event-dates.md).
 *
 * One pass over the sentence recognizes candidate expressions with a tiny
 * grammar over keyword classes:
 *
 *   expr := [on|in|during] ( ISO | "the" ORDINAL | YEAR | NUM UNIT "ago"
 *           | NUM UNIT (after "in") | (earlier|later) this UNIT
 *           | [early|mid|late] [last|next|this|coming] HEAD )
 *   HEAD := WEEKDAY [PART] [[,] DATE] | MONTH [DAY] [[,] YEAR] | DAY MONTH
 *           [YEAR] | UNIT | PART | today | tonight | yesterday [PART]
 *           | tomorrow [PART]
 *
 * Each candidate is resolved immediately (dates are integers of days since
 * 1970-01-01, so arithmetic is exact across months, years and leap days);
 * a second, tiny loop over the candidates (at most S_MAX_CANDS) picks the
 * one that governs the verb. */
#include "enrich/timex.h"

#include <string.h>

#include "parse/ud.h"

/* ------------------------------------------------------------------ */
/* Calendar arithmetic                                                 */
/* ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int32_t S_days(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void S_civil(int32_t z, int *y, int *m, int *d) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int S_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int S_mdays(int y, int m) {
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && S_leap(y) ? 29 : n[m - 1];
}

/* Plausible years only: keeps "in 3000 days" or a stray number from
 * producing absurd dates. */
static int S_valid(int y, int m, int d) {
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= S_mdays(y, m);
}

static int32_t S_ymd(int32_t days) {
    int y, m, d;
    S_civil(days, &y, &m, &d);
    return S_valid(y, m, d) ? y * 10000 + m * 100 + d : 0;
}

/* 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
static int S_wday(int32_t days) { return (int)(((days % 7) + 11) % 7); }

static int32_t S_monday(int32_t days) { return days - (S_wday(days) + 6) % 7; }

int sr_timex_add_days(int yyyymmdd, int days) {
    int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
    if (!S_valid(y, m, d)) return 0;
    return S_ymd(S_days(y, m, d) + days);
}

/* ------------------------------------------------------------------ */
/* Keywords                                                            */
/* ------------------------------------------------------------------ */

enum {
    K_NONE, K_WDAY, K_MONTH, K_MONABBR, K_TODAY, K_YEST, K_TOMOR, K_LAST, K_NEXT, K_THIS,
    K_COMING, K_PAST, K_EARLIER, K_LATER, K_UNIT, K_PART, K_AGO, K_ON, K_IN, K_DURING,
    K_THE, K_OF, K_NUM, K_FEW, K_VAGUE, K_BLOCK, K_EDGE, K_FUT, K_TO, K_SKIP
};

typedef struct S_kwe {
    const char *w;
    uint8_t cls;
    int16_t val;
} S_kwe;

/* Sorted by strcmp (checked by the unit tests through lookups of every
 * class; keep it sorted when adding words). Units: val = days (weekend 2).
 * Weekdays: 0 = Sunday. Edges: 1 early, 2 mid, 3 late. */
static const S_kwe S_KW[] = {
    {"'ll", K_FUT, 0},        {"a", K_NUM, 1},           {"after", K_BLOCK, 0},
    {"afternoon", K_PART, 0}, {"ago", K_AGO, 0},         {"ahead", K_BLOCK, 0},
    {"also", K_SKIP, 0},      {"an", K_NUM, 1},          {"apr", K_MONABBR, 4},
    {"april", K_MONTH, 4},    {"aug", K_MONABBR, 8},     {"august", K_MONTH, 8},
    {"be", K_SKIP, 0},        {"been", K_SKIP, 0},       {"before", K_BLOCK, 0},
    {"being", K_SKIP, 0},     {"between", K_BLOCK, 0},   {"by", K_BLOCK, 0},
    {"coming", K_COMING, 0},  {"could", K_FUT, 0},       {"day", K_UNIT, 1},
    {"days", K_UNIT, 1},      {"dec", K_MONABBR, 12},    {"december", K_MONTH, 12},
    {"during", K_DURING, 0},  {"earlier", K_EARLIER, 0}, {"early", K_EDGE, 1},
    {"eight", K_NUM, 8},      {"eleven", K_NUM, 11},     {"evening", K_PART, 0},
    {"feb", K_MONABBR, 2},    {"february", K_MONTH, 2},  {"few", K_FEW, 3},
    {"finally", K_SKIP, 0},   {"five", K_NUM, 5},        {"formally", K_SKIP, 0},
    {"four", K_NUM, 4},       {"friday", K_WDAY, 5},     {"from", K_BLOCK, 0},
    {"have", K_SKIP, 0},      {"in", K_IN, 0},           {"jan", K_MONABBR, 1},
    {"january", K_MONTH, 1},  {"jul", K_MONABBR, 7},     {"july", K_MONTH, 7},
    {"jun", K_MONABBR, 6},    {"june", K_MONTH, 6},      {"last", K_LAST, 0},
    {"late", K_EDGE, 3},      {"lately", K_VAGUE, 0},    {"later", K_LATER, 0},
    {"likely", K_SKIP, 0},    {"mar", K_MONABBR, 3},     {"march", K_MONTH, 3},
    {"may", K_MONTH, 5},      {"mid", K_EDGE, 2},        {"might", K_FUT, 0},
    {"monday", K_WDAY, 1},    {"month", K_UNIT, 30},     {"months", K_UNIT, 30},
    {"morning", K_PART, 0},   {"must", K_FUT, 0},        {"n't", K_SKIP, 0},
    {"next", K_NEXT, 0},      {"night", K_PART, 0},      {"nine", K_NUM, 9},
    {"not", K_SKIP, 0},       {"nov", K_MONABBR, 11},    {"november", K_MONTH, 11},
    {"now", K_SKIP, 0},       {"oct", K_MONABBR, 10},    {"october", K_MONTH, 10},
    {"of", K_OF, 0},          {"officially", K_SKIP, 0}, {"on", K_ON, 0},
    {"one", K_NUM, 1},        {"past", K_PAST, 0},       {"previously", K_VAGUE, 0},
    {"probably", K_SKIP, 0},  {"recent", K_VAGUE, 0},    {"recently", K_VAGUE, 0},
    {"reportedly", K_SKIP, 0}, {"saturday", K_WDAY, 6},  {"sep", K_MONABBR, 9},
    {"sept", K_MONABBR, 9},   {"september", K_MONTH, 9}, {"seven", K_NUM, 7},
    {"several", K_FEW, 3},    {"shall", K_FUT, 0},       {"should", K_FUT, 0},
    {"since", K_BLOCK, 0},    {"six", K_NUM, 6},         {"soon", K_SKIP, 0},
    {"still", K_SKIP, 0},     {"sunday", K_WDAY, 0},     {"ten", K_NUM, 10},
    {"the", K_THE, 0},        {"then", K_SKIP, 0},       {"this", K_THIS, 0},
    {"three", K_NUM, 3},      {"through", K_BLOCK, 0},   {"thursday", K_WDAY, 4},
    {"till", K_BLOCK, 0},     {"to", K_TO, 0},           {"today", K_TODAY, 0},
    {"tomorrow", K_TOMOR, 0}, {"tonight", K_TODAY, 0},   {"tuesday", K_WDAY, 2},
    {"twelve", K_NUM, 12},    {"two", K_NUM, 2},         {"until", K_BLOCK, 0},
    {"upcoming", K_COMING, 0}, {"wednesday", K_WDAY, 3}, {"week", K_UNIT, 7},
    {"weekend", K_UNIT, 2},   {"weeks", K_UNIT, 7},      {"will", K_FUT, 0},
    {"wo", K_FUT, 0},         {"would", K_FUT, 0},       {"year", K_UNIT, 365},
    {"years", K_UNIT, 365},   {"yesterday", K_YEST, 0},
};
#define S_NKW (sizeof S_KW / sizeof S_KW[0])

/* Keyword class of a word (lowercased; a trailing period of an
 * abbreviation dropped) and its value. Months need a capital ("march" is
 * a verb); lowercase "may" is the modal. */
static int S_kw_str(const char *f, uint32_t n, int *val) {
    char b[16];
    if (n > 1 && f[n - 1] == '.') n--;
    if (n == 0 || n >= sizeof b) return K_NONE;
    for (uint32_t i = 0; i < n; i++) {
        char c = f[i];
        b[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    b[n] = '\0';
    size_t lo = 0, hi = S_NKW;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(b, S_KW[mid].w);
        if (c == 0) {
            int k = S_KW[mid].cls;
            if ((k == K_MONTH || k == K_MONABBR) && !(f[0] >= 'A' && f[0] <= 'Z'))
                return k == K_MONTH && S_KW[mid].val == 5 ? K_FUT : K_NONE;
            *val = S_KW[mid].val;
            return k;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return K_NONE;
}

static int S_kw(const sr_token *t, int *val) { return S_kw_str(t->form, t->form_len, val); }

/* A hyphenated "mid-March" kept as one token: the edge (1..3) and the
 * month, or 0. */
static int S_edge_month(const sr_token *t, int *month) {
    const char *dash = memchr(t->form, '-', t->form_len);
    if (!dash) return 0;
    int e = 0, m = 0;
    uint32_t pre = (uint32_t)(dash - t->form);
    if (S_kw_str(t->form, pre, &e) != K_EDGE) return 0;
    if (S_kw_str(dash + 1, t->form_len - pre - 1, &m) != K_MONTH) return 0;
    *month = m;
    return e;
}

/* All-digit token of 1..4 digits -> its value; -1 otherwise. */
static int S_digits(const sr_token *t) {
    if (t->form_len == 0 || t->form_len > 4) return -1;
    int v = 0;
    for (uint32_t i = 0; i < t->form_len; i++) {
        if (t->form[i] < '0' || t->form[i] > '9') return -1;
        v = v * 10 + (t->form[i] - '0');
    }
    return v;
}

/* "14th", "1st", "22nd", "3rd" -> the number; -1 otherwise. */
static int S_ordinal(const sr_token *t) {
    uint32_t n = t->form_len, k = 0;
    int v = 0;
    while (k < n && k < 2 && t->form[k] >= '0' && t->form[k] <= '9') v = v * 10 + (t->form[k++] - '0');
    if (k == 0 || n != k + 2) return -1;
    char a = (char)(t->form[k] | 0x20), b = (char)(t->form[k + 1] | 0x20);
    if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
          (a == 't' && b == 'h')))
        return -1;
    return v >= 1 && v <= 31 ? v : -1;
}

static int S_year(const sr_token *t) {
    int v = t->form_len == 4 ? S_digits(t) : -1;
    return v >= 1900 && v <= 2199 ? v : -1;
}

/* A day of the month: "14", "14th". */
static int S_mday(const sr_token *t) {
    int v = t->form_len <= 2 ? S_digits(t) : -1;
    if (v < 0) v = S_ordinal(t);
    return v >= 1 && v <= 31 ? v : -1;
}

static int S_is(const sr_token *t, const char *w) {
    size_t n = strlen(w);
    return t->form_len == n && memcmp(t->form, w, n) == 0;
}

/* ------------------------------------------------------------------ */
/* Recognition and resolution                                          */
/* ------------------------------------------------------------------ */

#define S_MAX_CANDS 32

typedef struct S_cand {
    uint32_t first, end;  /* token span within the sentence */
    int32_t ymd;          /* resolved date (0: vague) */
    int gran;
    uint8_t vague;
} S_cand;

typedef struct S_scan {
    const sr_token *t;
    uint32_t n;
    int have_art;         /* the article date is known */
    int32_t art;          /* article day number */
    int ay, am, ad;
    int future;           /* the verb looks ahead ("will", "to") */
} S_scan;

static int S_k(const S_scan *x, uint32_t i, int *val) {
    int dummy;
    return i < x->n ? S_kw(&x->t[i], val ? val : &dummy) : K_NONE;
}

/* Weekday `wd` relative to the article date. mode: -2 strictly before,
 * -1 on or before, +1 on or after, +2 strictly after. */
static int32_t S_weekday(const S_scan *x, int wd, int mode) {
    int cur = S_wday(x->art);
    int back = (cur - wd + 7) % 7, fwd = (wd - cur + 7) % 7;
    if (mode == -2 && back == 0) back = 7;
    if (mode == 2 && fwd == 0) fwd = 7;
    return mode < 0 ? x->art - back : x->art + fwd;
}

/* Month `m` plus `delta` months from (y, m): normalized year and month. */
static void S_month_add(int *y, int *m, int delta) {
    int z = *y * 12 + (*m - 1) + delta;
    *y = z / 12;
    *m = z % 12 + 1;
}

/* A month/day without a year: the occurrence on or before the article
 * (or on or after it for future verbs), skipping years where the day does
 * not exist (February 29). 0 when none within eight years. */
static int32_t S_no_year(const S_scan *x, int m, int d) {
    int step = x->future ? 1 : -1;
    for (int k = 0, y = x->ay; k < 9; k++, y += step) {
        if (!S_valid(y, m, d)) continue;
        int32_t z = S_days(y, m, d);
        if (x->future ? z >= x->art : z <= x->art) return z;
    }
    return 0;
}

/* Day of the month alone ("on the 14th"): this month or the nearest
 * month where it exists, in the verb's direction. */
static int32_t S_day_only(const S_scan *x, int d) {
    int step = x->future ? 1 : -1;
    for (int k = 0; k < 13; k++) {
        int y = x->ay, m = x->am;
        S_month_add(&y, &m, k * step);
        if (!S_valid(y, m, d)) continue;
        int32_t z = S_days(y, m, d);
        if (x->future ? z >= x->art : z <= x->art) return z;
    }
    return 0;
}

static int S_edge_day(int edge) { return edge == 1 ? 5 : edge == 3 ? 25 : 15; }

/* A month named alone: its year from the direction word or the verb. */
static int32_t S_month_alone(const S_scan *x, int m, int dir, int edge) {
    int y = x->ay;
    if (dir == K_LAST) y = m < x->am ? y : y - 1;
    else if (dir == K_NEXT) y = m > x->am ? y : y + 1;
    else if (dir == K_THIS) y = x->ay;
    else if (x->future) y = m >= x->am ? y : y + 1;
    else y = m <= x->am ? y : y - 1;
    return S_valid(y, m, 1) ? S_days(y, m, S_edge_day(edge)) : 0;
}

/* "last/next/this week|weekend|month|year" and their edges. */
static int32_t S_unit_dir(const S_scan *x, int unit, int dir, int edge, int *gran) {
    int y = x->ay, m = x->am;
    *gran = unit;
    if (unit == 7) {
        int32_t mon = S_monday(x->art);
        if (dir == K_THIS && !edge) return x->art;
        if (dir == K_LAST) mon -= 7;
        else if (dir == K_NEXT || dir == K_COMING) mon += 7;
        return mon + (edge == 1 ? 1 : edge == 2 ? 2 : edge == 3 ? 4 : 3);
    }
    if (unit == 2) { /* Saturday of the weekend meant */
        int32_t mon = S_monday(x->art), sat = mon + 5;
        if (dir == K_LAST) return mon - 2;
        if (dir == K_NEXT || dir == K_COMING) return sat + (S_wday(x->art) == 6 || S_wday(x->art) == 0 ? 7 : 0);
        /* "this weekend": the coming one, or the one just past for past
         * verbs reported early in the week. */
        if (x->future || S_wday(x->art) == 6 || S_wday(x->art) == 0) return S_wday(x->art) == 0 ? x->art - 1 : sat;
        return mon - 2;
    }
    if (unit == 30) {
        if (dir == K_THIS && !edge) return x->art;
        S_month_add(&y, &m, dir == K_LAST ? -1 : dir == K_THIS ? 0 : 1);
        return S_valid(y, m, 1) ? S_days(y, m, S_edge_day(edge)) : 0;
    }
    if (unit == 365) {
        if (dir == K_THIS && !edge) return x->art;
        y += dir == K_LAST ? -1 : dir == K_THIS ? 0 : 1;
        int em = edge == 1 ? 2 : edge == 3 ? 11 : 7, ed = edge == 2 || !edge ? 1 : 15;
        return S_valid(y, em, 1) ? S_days(y, em, ed) : 0;
    }
    return 0;
}

/* `n` units before (sign -1) or after (+1) the article date. */
static int32_t S_shift(const S_scan *x, int n, int unit, int sign) {
    if (n <= 0 || n > 400) return 0;
    if (unit == 1 || unit == 7) return x->art + sign * n * unit;
    int y = x->ay, m = x->am;
    S_month_add(&y, &m, sign * n * (unit == 30 ? 1 : 12));
    if (y < 1900 || y > 2199) return 0;
    int d = x->ad > S_mdays(y, m) ? S_mdays(y, m) : x->ad;
    return S_days(y, m, d);
}

/* ISO "2025-03-14" as one token or as "2025" "-" "03" "-" "14" glued. */
static uint32_t S_iso(const S_scan *x, uint32_t i, int *y, int *m, int *d) {
    const sr_token *t = &x->t[i];
    if (t->form_len == 10 && t->form[4] == '-' && t->form[7] == '-') {
        int v[3] = {0, 0, 0}, k = 0;
        for (uint32_t j = 0; j < 10; j++) {
            char c = t->form[j];
            /* Positions 4 and 7 are the separators (checked above); any other
             * '-' must fail the digit test, or k would run past v[2]. */
            if (j == 4 || j == 7) { k++; continue; }
            if (c < '0' || c > '9') return 0;
            v[k] = v[k] * 10 + (c - '0');
        }
        *y = v[0], *m = v[1], *d = v[2];
        return S_valid(*y, *m, *d) ? i + 1 : 0;
    }
    if (i + 4 >= x->n || S_year(t) < 0) return 0;
    for (uint32_t j = i; j < i + 4; j++)
        if (x->t[j].flags & SR_TOK_SPACE_AFTER) return 0;
    if (!S_is(&x->t[i + 1], "-") || !S_is(&x->t[i + 3], "-")) return 0;
    if (x->t[i + 2].form_len != 2 || x->t[i + 4].form_len != 2) return 0;
    *y = S_year(t);
    *m = S_digits(&x->t[i + 2]);
    *d = S_digits(&x->t[i + 4]);
    return S_valid(*y, *m, *d) ? i + 5 : 0;
}

/* An explicit calendar date at i: "March 14[,] [2025]", "Mar. 14th",
 * "14 March [2025]". Returns the end token (0 if none) and the date. */
static uint32_t S_explicit(const S_scan *x, uint32_t i, int32_t *z, int *gran) {
    int v, m = 0, d = -1, y = -1;
    uint32_t p = i;
    if (i >= x->n) return 0;
    int k = S_k(x, i, &v);
    if ((k == K_MONTH || k == K_MONABBR) && i + 1 < x->n && (d = S_mday(&x->t[i + 1])) > 0) {
        m = v;
        p = i + 2;
        if (p < x->n && S_is(&x->t[p], ",") && p + 1 < x->n && S_year(&x->t[p + 1]) > 0) p++;
        if (p < x->n && (y = S_year(&x->t[p])) > 0) p++;
    } else if ((d = S_mday(&x->t[i])) > 0 && i + 1 < x->n) {
        int k2 = S_k(x, i + 1, &v);
        if (k2 == K_OF && i + 2 < x->n) k2 = S_k(x, ++p + 1, &v); /* "14th of March" */
        if (k2 != K_MONTH && k2 != K_MONABBR) return 0;
        m = v;
        p += 2;
        if (p < x->n && S_is(&x->t[p], ",") && p + 1 < x->n && S_year(&x->t[p + 1]) > 0) p++;
        if (p < x->n && (y = S_year(&x->t[p])) > 0) p++;
    } else {
        return 0;
    }
    *gran = SR_TIMEX_DAY;
    if (y > 0) {
        if (!S_valid(y, m, d)) return 0;
        *z = S_days(y, m, d);
        return p;
    }
    if (!x->have_art) return 0;
    *z = S_no_year(x, m, d);
    return *z ? p : 0;
}

/* "on the 14th" must not be "on the 14th floor": the ordinal has to end
 * the phrase. */
static int S_phrase_end(const S_scan *x, uint32_t i) {
    if (i >= x->n) return 1;
    const sr_token *t = &x->t[i];
    if (t->upos == SR_UPOS_PUNCT) return 1;
    if (t->form_len == 1 && (t->form[0] == ',' || t->form[0] == '.' || t->form[0] == ';'))
        return 1;
    static const char *const OK[] = {"and", "or", "but", "at", "in", "when", "after", "before",
                                     "as", "with", "to", "for", "by", "amid", "while", "the",
                                     "a", "an", "that", "which", NULL};
    for (int j = 0; OK[j]; j++)
        if (S_is(t, OK[j])) return 1;
    return 0;
}

/* Tries to recognize an expression starting at token i. Returns its end
 * (exclusive) and fills *c, or 0. */
static uint32_t S_match(const S_scan *x, uint32_t i, S_cand *c) {
    int v = 0, k = S_k(x, i, &v), prep = K_NONE, edge = 0, dir = K_NONE;
    int y, m, d, gran = SR_TIMEX_DAY;
    int32_t z = 0;
    uint32_t p = i, e;
    c->first = i;
    c->vague = 0;
    if (k == K_ON || k == K_IN || k == K_DURING) {
        prep = k;
        k = S_k(x, ++p, &v);
    }
    if (p >= x->n) return 0;
    /* Absolute forms first: they need no article date. */
    if ((e = S_iso(x, p, &y, &m, &d)) != 0) {
        z = S_days(y, m, d);
        goto done;
    }
    if ((e = S_explicit(x, p, &z, &gran)) != 0) goto done;
    if (prep == K_IN && (y = S_year(&x->t[p])) > 0 &&
        !(p + 1 < x->n && S_k(x, p + 1, NULL) == K_UNIT)) {
        e = p + 1;
        gran = SR_TIMEX_YEAR;
        z = x->have_art && y == x->ay ? x->art : S_days(y, 7, 1);
        goto done;
    }
    if (k == K_VAGUE) {
        c->vague = 1;
        e = p + 1;
        goto done;
    }
    if (!x->have_art) return 0;
    /* "on the 14th" */
    if (prep == K_ON && k == K_THE && p + 1 < x->n && (d = S_ordinal(&x->t[p + 1])) > 0 &&
        S_phrase_end(x, p + 2)) {
        z = S_day_only(x, d);
        e = p + 2;
        if (z) goto done;
        return 0;
    }
    /* "N days ago", "in N weeks" */
    {
        int n = S_digits(&x->t[p]), few = 0;
        if (n < 0 && k == K_NUM) n = v;
        uint32_t q = p + 1;
        if (n == 1 && k == K_NUM && S_k(x, q, NULL) == K_FEW) {
            few = 1; /* "a few days ago" */
            q++;
        } else if (n < 0 && k == K_FEW) {
            few = 1;
        }
        if (few) n = 3;
        int u = 0;
        if (n > 0 && S_k(x, q, &u) == K_UNIT && u != 2) {
            if (S_k(x, q + 1, NULL) == K_AGO) {
                z = S_shift(x, n, u, -1);
                e = q + 2;
            } else if (prep == K_IN && (x->future || u <= 7)) {
                /* "in 80 years" after a superlative looks back ("the
                 * worst war in 80 years"): long spans only ahead of
                 * future verbs. */
                z = S_shift(x, n, u, 1);
                e = q + 1;
            }
            /* "a few days" is about a week, "a few weeks" a month. */
            gran = !few ? u : u == 1 ? SR_TIMEX_WEEK : u == 7 ? SR_TIMEX_MONTH : SR_TIMEX_YEAR;
            if (z) goto done;
        }
    }
    /* "earlier/later this week|month|year" */
    if ((k == K_EARLIER || k == K_LATER) && S_k(x, p + 1, NULL) == K_THIS) {
        int u = 0;
        if (S_k(x, p + 2, &u) == K_UNIT && (u == 7 || u == 30 || u == 365)) {
            int sign = k == K_EARLIER ? -1 : 1;
            gran = u;
            if (u == 7) {
                z = x->art + 2 * sign;
            } else {
                int32_t lo = u == 30 ? S_days(x->ay, x->am, 1) : S_days(x->ay, 1, 1);
                int32_t hi = u == 30 ? S_days(x->ay, x->am, S_mdays(x->ay, x->am))
                                     : S_days(x->ay, 12, 31);
                /* The middle of the part of the month/year before
                 * (after) the article date. */
                z = sign < 0 ? lo + (x->art - 1 - lo) / 2 : x->art + 1 + (hi - x->art - 1) / 2;
                if (sign < 0 && z < lo) z = lo;
                if (sign > 0 && z > hi) z = hi;
            }
            e = p + 3;
            goto done;
        }
    }
    if (k == K_EARLIER || k == K_LATER) { /* "earlier", "later": vague */
        c->vague = 1;
        e = p + 1;
        goto done;
    }
    /* [edge] [dir] HEAD */
    if (k == K_EDGE) {
        edge = v;
        p++;
        if (p < x->n && S_is(&x->t[p], "-")) p++; /* "mid-March" */
        k = S_k(x, p, &v);
    } else if (k == K_NONE && (edge = S_edge_month(&x->t[p], &v)) != 0) {
        k = K_MONTH; /* "mid-March" as one token */
    }
    if (k == K_LAST || k == K_NEXT || k == K_THIS || k == K_COMING || k == K_PAST) {
        dir = k;
        k = S_k(x, ++p, &v);
        if (dir == K_THIS && k == K_COMING) k = S_k(x, ++p, &v); /* "this coming Friday" */
    }
    if (p >= x->n) return 0;
    /* "the last week", "the next day", "the past month": relative to the
     * story, not the article. */
    int the_before = c->first > 0 && S_k(x, c->first - 1, NULL) == K_THE;
    if (dir == K_PAST || ((dir == K_LAST || dir == K_NEXT) && the_before)) {
        if (k == K_UNIT || k == K_WDAY) {
            c->vague = 1;
            e = p + 1;
            goto done;
        }
        return 0;
    }
    if (k == K_WDAY) {
        int mode = dir == K_LAST ? -2 : dir == K_NEXT || dir == K_COMING ? 2
                 : dir == K_THIS || x->future ? 1 : -1;
        z = S_weekday(x, v, mode);
        e = p + 1;
        if (S_k(x, e, NULL) == K_PART) e++;
        /* "Friday, March 14" / "Friday 14 March": the date wins. */
        uint32_t q = e < x->n && S_is(&x->t[e], ",") ? e + 1 : e;
        int32_t z2;
        int g2;
        uint32_t e2 = S_explicit(x, q, &z2, &g2);
        if (e2) {
            z = z2;
            e = e2;
        }
        goto done;
    }
    if (k == K_MONTH) {
        /* Alone, a capitalized month name is a date only in a time slot:
         * "in February", "last March", "early May", "February's talks". */
        int ok = prep != K_NONE || edge || dir != K_NONE ||
                 (p + 1 < x->n && S_is(&x->t[p + 1], "'s")) ||
                 (c->first > 0 && (S_k(x, c->first - 1, NULL) == K_THE ||
                                   S_k(x, c->first - 1, NULL) == K_OF ||
                                   S_k(x, c->first - 1, NULL) == K_BLOCK));
        if (!ok) return 0;
        e = p + 1;
        gran = SR_TIMEX_MONTH;
        if (e + 1 < x->n && S_k(x, e, NULL) == K_OF && S_year(&x->t[e + 1]) > 0) e++;
        if (e < x->n && (y = S_year(&x->t[e])) > 0) { /* "March 2024", "July of 1977" */
            z = S_days(y, v, S_edge_day(edge));
            e++;
        } else {
            z = S_month_alone(x, v, dir, edge);
        }
        if (z) goto done;
        return 0;
    }
    if (k == K_UNIT && dir != K_NONE && v != 1) {
        z = S_unit_dir(x, v, dir, edge, &gran);
        e = p + 1;
        if (z) goto done;
        return 0;
    }
    if (k == K_PART && (dir == K_THIS || (dir == K_LAST && S_is(&x->t[p], "night")))) {
        z = dir == K_THIS ? x->art : x->art - 1;
        e = p + 1;
        goto done;
    }
    if (k == K_TODAY || k == K_YEST || k == K_TOMOR) {
        z = x->art + (k == K_YEST ? -1 : k == K_TOMOR ? 1 : 0);
        e = p + 1;
        if (S_k(x, e, NULL) == K_PART) e++;
        goto done;
    }
    return 0;
done:
    if (!c->vague && S_ymd(z) == 0) return 0;
    c->end = e;
    c->ymd = c->vague ? 0 : S_ymd(z);
    c->gran = c->vague ? SR_TIMEX_DAY : gran;
    return e;
}

/* ------------------------------------------------------------------ */
/* Choosing the expression that governs the verb                       */
/* ------------------------------------------------------------------ */

/* Does the verb look ahead? "will/would/could meet", "to meet", "is
 * going to meet": scan back over adverbs, negation and auxiliary be/have.
 * A nominal trigger ("talks") takes the tense of its governing verb. */
static int S_future(const S_scan *x, uint32_t v) {
    const sr_token *t = x->t;
    if ((t[v].upos == SR_UPOS_NOUN || t[v].upos == SR_UPOS_PROPN) && t[v].head > 0 &&
        (uint32_t)t[v].head <= x->n && t[t[v].head - 1].upos == SR_UPOS_VERB)
        v = (uint32_t)t[v].head - 1;
    for (uint32_t j = v, steps = 0; j > 0 && steps < 5; steps++) {
        j--;
        int k = S_kw(&t[j], &(int){0});
        if (k == K_FUT || k == K_TO) return 1;
        if (k == K_SKIP || t[j].upos == SR_UPOS_ADV) continue;
        return 0;
    }
    return 0;
}

static int S_clause_rel(const sr_token *t) {
    switch (t->deprel) {
    case SR_DEP_ROOT: case SR_DEP_CCOMP: case SR_DEP_ADVCL: case SR_DEP_ADVCL_RELCL:
    case SR_DEP_ACL: case SR_DEP_ACL_RELCL: case SR_DEP_PARATAXIS: case SR_DEP_CSUBJ:
    case SR_DEP_CSUBJ_PASS: case SR_DEP_CSUBJ_OUTER: case SR_DEP_LIST:
        return 1;
    case SR_DEP_CONJ:
        return t->upos == SR_UPOS_VERB || t->upos == SR_UPOS_AUX;
    default:
        return 0;
    }
}

/* Head of the clause containing token i (0-based). */
static uint32_t S_clause(const S_scan *x, uint32_t i) {
    for (uint32_t steps = 0; steps < x->n; steps++) {
        const sr_token *t = &x->t[i];
        if (t->head <= 0 || (uint32_t)t->head > x->n || S_clause_rel(t)) return i;
        i = (uint32_t)t->head - 1;
    }
    return i;
}

static int32_t S_head(const S_scan *x, uint32_t i) {
    int h = x->t[i].head;
    return h > 0 && (uint32_t)h <= x->n ? h - 1 : -1;
}

/* Structural score of candidate c for verb v with a parse: 4 attached to
 * the verb, 3 through an xcomp link, 2 on one of the verb's arguments, 1
 * in the same clause, 0 elsewhere. */
static int S_score_parsed(const S_scan *x, const S_cand *c, uint32_t v) {
    uint32_t a = c->first;
    for (uint32_t i = c->first; i < c->end; i++) {
        int32_t h = S_head(x, i);
        if (h < (int32_t)c->first || h >= (int32_t)c->end) {
            a = i;
            break;
        }
    }
    int32_t h = S_head(x, a), hv = S_head(x, v);
    if (h == (int32_t)v) return 4;
    if (h >= 0 && x->t[v].deprel == SR_DEP_XCOMP && h == hv) return 3;
    if (h >= 0 && S_head(x, (uint32_t)h) == (int32_t)v) {
        if (x->t[h].deprel == SR_DEP_XCOMP) return 3;
        switch (x->t[a].deprel) {
        case SR_DEP_NMOD_POSS: case SR_DEP_NMOD: case SR_DEP_NMOD_TMOD: case SR_DEP_NMOD_UNMARKED:
        case SR_DEP_NMOD_NPMOD: case SR_DEP_COMPOUND: case SR_DEP_AMOD:
            return 2;
        default:
            break;
        }
    }
    return S_clause(x, a) == S_clause(x, v) ? 1 : 0;
}

static int S_barrier(const sr_token *t) {
    if (t->form_len == 1 && strchr(";:()[]", t->form[0])) return 1;
    return S_is(t, "\xe2\x80\x94") || S_is(t, "--");
}

/* Without a parse: usable unless a hard clause barrier separates it from
 * the verb. */
static int S_score_surface(const S_scan *x, const S_cand *c, uint32_t v) {
    uint32_t lo = c->end <= v ? c->end : v + 1, hi = c->end <= v ? v : c->first;
    for (uint32_t i = lo; i < hi; i++)
        if (S_barrier(&x->t[i])) return 0;
    return 1;
}

int sr_timex_event_date(const sitrep_article *a, const sr_sentence *s, uint32_t verb_tok,
                        int article_yyyymmdd, int *event_yyyymmdd, int *granularity_days,
                        uint32_t *expr_start, uint32_t *expr_end) {
    if (event_yyyymmdd) *event_yyyymmdd = article_yyyymmdd;
    if (granularity_days) *granularity_days = SR_TIMEX_DAY;
    if (expr_start) *expr_start = 0;
    if (expr_end) *expr_end = 0;
    if (!a || !s || verb_tok >= s->ntok || s->first + (size_t)s->ntok > a->ntokens) return 0;
    S_scan x;
    memset(&x, 0, sizeof x);
    x.t = sr_sent_tokens(a, s);
    x.n = s->ntok;
    x.ay = article_yyyymmdd / 10000;
    x.am = article_yyyymmdd / 100 % 100;
    x.ad = article_yyyymmdd % 100;
    x.have_art = S_valid(x.ay, x.am, x.ad);
    if (x.have_art) x.art = S_days(x.ay, x.am, x.ad);
    x.future = S_future(&x, verb_tok);

    S_cand cand[S_MAX_CANDS];
    int nc = 0;
    for (uint32_t i = 0; i < x.n;) {
        S_cand c;
        uint32_t e = S_match(&x, i, &c);
        if (!e) {
            i++;
            continue;
        }
        /* "by Friday", "since last week", "until March 3": a bound. */
        int blocked = c.first > 0 && (S_k(&x, c.first - 1, NULL) == K_BLOCK ||
                                      (c.first > 1 && S_k(&x, c.first - 1, NULL) == K_OF &&
                                       S_is(&x.t[c.first - 2], "ahead")));
        if (!blocked && nc < S_MAX_CANDS) cand[nc++] = c;
        i = e;
    }
    if (nc == 0) return 0;

    int parsed = x.t[verb_tok].head >= 0;
    int best = -1, bscore = 0;
    uint32_t bdist = 0;
    for (int k = 0; k < nc; k++) {
        const S_cand *c = &cand[k];
        int sc = parsed ? S_score_parsed(&x, c, verb_tok) : S_score_surface(&x, c, verb_tok);
        if (sc == 0) continue;
        /* Vague words only win on structure: an equally good specific
         * expression is preferred ("said earlier on Monday"). */
        sc = sc * 2 + !c->vague;
        uint32_t dist = c->end <= verb_tok ? verb_tok - c->end + 1
                      : c->first > verb_tok ? c->first - verb_tok : 0;
        /* Ties: nearer wins, then the later one (time adjuncts follow). */
        if (best < 0 || sc > bscore || (sc == bscore && dist <= bdist)) {
            best = k;
            bscore = sc;
            bdist = dist;
        }
    }
    if (best < 0 || cand[best].vague) return 0;
    const S_cand *c = &cand[best];
    if (event_yyyymmdd) *event_yyyymmdd = c->ymd;
    if (granularity_days) *granularity_days = c->gran;
    if (expr_start) *expr_start = x.t[c->first].start;
    if (expr_end) *expr_end = x.t[c->end - 1].end;
    return 1;
}
