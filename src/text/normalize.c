/* normalize.c - the working text: UTF-8 repair, HTML stripping, NFC and
 * typographic folding, with a sparse offset map back to the original. */
#include "normalize.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The working text is built straight into the arena (no second copy at
 * the end): a buffer sized for the common case that moves to a bigger
 * arena block in the rare case it fills up (the old block is wasted, at
 * most as much as the final size). */
typedef struct S_out {
    sr_arena *ar;
    char *w;
    size_t len, cap; /* cap > len always: room for the NUL */
    sr_norm_unit *units;
    size_t nunits, ucap;
    int oom;
} S_out;

static int S_grow(S_out *o, size_t extra) {
    if (o->oom) return -1;
    size_t cap = o->cap * 2;
    if (cap < o->len + extra + 16) cap = o->len + extra + 16;
    char *w = sr_arena_alloc(o->ar, cap);
    if (!w) {
        o->oom = 1;
        return -1;
    }
    if (o->len) memcpy(w, o->w, o->len);
    o->w = w;
    o->cap = cap;
    return 0;
}

static inline void S_put(S_out *o, const void *p, size_t k) {
    if (o->cap - o->len <= k && S_grow(o, k)) return;
    memcpy(o->w + o->len, p, k);
    o->len += k;
}

static inline void S_putc(S_out *o, char c) {
    if (o->cap - o->len <= 1 && S_grow(o, 1)) return;
    o->w[o->len++] = c;
}

static void S_unit(S_out *o, size_t w, size_t orig, size_t wl, size_t ol) {
    if (o->nunits == o->ucap) {
        size_t cap = o->ucap ? o->ucap * 2 : 64;
        sr_norm_unit *u = realloc(o->units, cap * sizeof *u);
        if (!u) {
            o->oom = 1;
            return;
        }
        o->units = u;
        o->ucap = cap;
    }
    o->units[o->nunits++] = (sr_norm_unit){(uint32_t)w, (uint32_t)orig, (uint32_t)wl, (uint32_t)ol};
}

/* Emits `wl` replacement bytes for original bytes [orig, orig+ol). */
static void S_replace(S_out *o, size_t orig, size_t ol, const char *rep, size_t wl) {
    S_unit(o, o->len, orig, wl, ol);
    if (wl) S_put(o, rep, wl);
}

/* Decodes one UTF-8 sequence at s[i] (i < n); returns its length, or 0
 * when the bytes there are not valid UTF-8 (overlongs, surrogates and
 * code points above U+10FFFF are invalid). */
static size_t S_decode(const unsigned char *s, size_t n, size_t i, uint32_t *cp) {
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (n - i < len) return 0;
    for (size_t k = 1; k < len; k++) {
        unsigned d = s[i + k];
        if ((d & 0xC0) != 0x80) return 0;
        v = (v << 6) | (d & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

int sr_text_fold_cp(uint32_t cp, char out[4]) {
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        out[0] = '\'';
        return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        out[0] = '"';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63: case 0xFF0D:
        out[0] = '-';
        return 1;
    case 0x2014: case 0x2015:
        out[0] = out[1] = '-';
        return 2;
    case 0x2026:
        out[0] = out[1] = out[2] = '.';
        return 3;
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        out[0] = ' ';
        return 1;
    case 0x0085: case 0x2028: case 0x2029:
        out[0] = '\n';
        return 1;
    case 0x200B: case 0xFEFF: case 0x00AD: case 0x2060:
        return 0;
    default:
        if (cp >= 0x2000 && cp <= 0x200A) {
            out[0] = ' ';
            return 1;
        }
        return -1;
    }
}

/* Might `cp` change under NFC (alone or with its neighbours)? Cheap
 * property test so NFC runs only around such code points. */
static int S_nfc_maybe(uint32_t cp) {
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    if (p->combining_class || p->comp_exclusion) return 1;
    if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
        p->category == UTF8PROC_CATEGORY_ME)
        return 1;
    if (cp >= 0x1100 && cp < 0x1200) return 1; /* conjoining Hangul jamo */
    if (p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX) {
        /* Singleton decompositions (U+212B ANGSTROM SIGN) never recompose. */
        utf8proc_int32_t d[4];
        utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 4, UTF8PROC_DECOMPOSE, NULL);
        if (k == 1 && (uint32_t)d[0] != cp) return 1;
    }
    return 0;
}

static int S_is_letter_cp(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int sr_text_looks_html(const char *text, size_t len) {
    static const char *const marks[] = {"<html", "<body", "<p>", "<p ", "</p>", "<div", "<br",
                                        "<!doctype", "<span", "<a href", "<head", "<article"};
    size_t n = len < 8192 ? len : 8192;
    for (size_t i = 0; i < n; i++) {
        if (text[i] != '<') continue;
        for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
            size_t ml = strlen(marks[k]);
            if (n - i >= ml && !strncasecmp(text + i, marks[k], ml)) return 1;
        }
    }
    return 0;
}

/* --- HTML ------------------------------------------------------------ */

typedef struct { const char *name; uint32_t cp; } S_entity;
static const S_entity S_entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"sbquo", 0x201A},
    {"bdquo", 0x201E}, {"hellip", 0x2026}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"euro", 0x20AC},
    {"pound", 0xA3}, {"cent", 0xA2}, {"yen", 0xA5}, {"deg", 0xB0},
    {"middot", 0xB7}, {"bull", 0x2022}, {"shy", 0xAD}, {"ensp", 0x2002},
    {"emsp", 0x2003}, {"thinsp", 0x2009}, {"eacute", 0xE9}, {"egrave", 0xE8},
    {"aacute", 0xE1}, {"oacute", 0xF3}, {"uuml", 0xFC}, {"ouml", 0xF6},
    {"auml", 0xE4}, {"ccedil", 0xE7}, {"ntilde", 0xF1}, {"iacute", 0xED},
    {"times", 0xD7}, {"minus", 0x2212}, {"prime", 0x2032}, {"zwj", 0x200D},
    {"zwnj", 0x200C},
};

/* Parses an entity at s[i] == '&'. Returns its length (with ';') and the
 * code point, or 0 when it is not a recognised entity. */
static size_t S_entity_at(const char *s, size_t n, size_t i, uint32_t *cp) {
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        int hex = j < n && (s[j] == 'x' || s[j] == 'X');
        if (hex) j++;
        uint32_t v = 0;
        size_t d0 = j;
        while (j < n && j - d0 < 8) {
            int c = (unsigned char)s[j], dv;
            if (c >= '0' && c <= '9') dv = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') dv = (c | 0x20) - 'a' + 10;
            else break;
            v = v * (hex ? 16 : 10) + (uint32_t)dv;
            j++;
        }
        if (j == d0 || j >= n || s[j] != ';') return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
        *cp = v;
        return j + 1 - i;
    }
    while (j < n && j - i <= 8 && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')) j++;
    if (j >= n || s[j] != ';' || j == i + 1) return 0;
    for (size_t k = 0; k < sizeof S_entities / sizeof S_entities[0]; k++) {
        size_t nl = strlen(S_entities[k].name);
        if (nl == j - i - 1 && !memcmp(s + i + 1, S_entities[k].name, nl)) {
            *cp = S_entities[k].cp;
            return j + 1 - i;
        }
    }
    return 0;
}

static int S_block_tag(const char *name, size_t n) {
    static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "li", "ul", "ol", "table", "tr", "blockquote",
                                         "article", "section", "header", "footer", "title",
                                         "pre", "hr", "br", "dd", "dt", "figcaption", "td",
                                         "th", "head", "body", "html", "main", "aside", "nav"};
    for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++)
        if (strlen(blocks[k]) == n && !strncasecmp(name, blocks[k], n)) return 1;
    return 0;
}

/* Finds `needle` (lowercase ASCII) case-insensitively in s[i, n). */
static size_t S_find_ci(const char *s, size_t n, size_t i, const char *needle) {
    size_t nl = strlen(needle);
    for (; i + nl <= n; i++)
        if (!strncasecmp(s + i, needle, nl)) return i;
    return SIZE_MAX;
}

/* Handles markup at s[i] == '<'. Returns the number of original bytes
 * consumed (0: not markup, copy '<' literally). */
static size_t S_tag(S_out *o, const char *s, size_t n, size_t i) {
    if (i + 1 >= n) return 0;
    char c = s[i + 1];
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '/' && c != '!' && c != '?') return 0;
    size_t end;
    if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
        size_t k = S_find_ci(s, n, i + 4, "-->");
        if (k == SIZE_MAX) return 0;
        end = k + 3;
        S_replace(o, i, end - i, NULL, 0);
        return end - i;
    }
    const char *gt = memchr(s + i + 1, '>', n - i - 1);
    if (!gt) return 0;
    end = (size_t)(gt - s) + 1;
    size_t ns = i + 1 + (c == '/'), ne = ns;
    while (ne < end && (((s[ne] | 0x20) >= 'a' && (s[ne] | 0x20) <= 'z') || (s[ne] >= '0' && s[ne] <= '9'))) ne++;
    if (c != '/' && ((ne - ns == 6 && !strncasecmp(s + ns, "script", 6)) ||
                     (ne - ns == 5 && !strncasecmp(s + ns, "style", 5)))) {
        size_t k = S_find_ci(s, n, end, ne - ns == 6 ? "</script" : "</style");
        if (k != SIZE_MAX) {
            const char *g2 = memchr(s + k, '>', n - k);
            end = g2 ? (size_t)(g2 - s) + 1 : n;
        } else {
            end = n;
        }
    }
    if (S_block_tag(s + ns, ne - ns)) S_replace(o, i, end - i, "\n\n", 2);
    else S_replace(o, i, end - i, NULL, 0);
    return end - i;
}

/* Emits code point `cp` that replaced original bytes [i, i+ol) (an entity
 * or a typographic character), folded when foldable. */
static void S_emit_cp(S_out *o, size_t i, size_t ol, uint32_t cp, int verbatim_ok) {
    char f[4];
    int k = sr_text_fold_cp(cp, f);
    if (k >= 0) {
        S_replace(o, i, ol, f, (size_t)k);
        return;
    }
    if (cp < 0x20 || cp == 0x7F) {
        S_replace(o, i, ol, cp == '\n' ? "\n" : " ", 1);
        return;
    }
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
    if (verbatim_ok && (size_t)el == ol) {
        S_put(o, enc, (size_t)el);
    } else {
        S_replace(o, i, ol, (const char *)enc, (size_t)el);
    }
}

/* Normalizes the NFC segment original [os, oe) that replaces working
 * bytes from `wfrom` on (already truncated). */
static void S_nfc_segment(S_out *o, const char *s, size_t os, size_t oe) {
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s + os, (utf8proc_ssize_t)(oe - os), &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(dst);
        S_put(o, s + os, oe - os);
        return;
    }
    /* Fold the normalized code points too (U+2000 -> U+2002 -> ' '). */
    size_t k = 0;
    for (utf8proc_ssize_t p = 0; p < r;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(dst + p, r - p, &cp);
        if (l <= 0) break;
        char f[4];
        int fl = sr_text_fold_cp((uint32_t)cp, f);
        if (fl >= 0) {
            memcpy(dst + k, f, (size_t)fl); /* fl <= l: folding never grows here */
            k += (size_t)fl;
        } else {
            memmove(dst + k, dst + p, (size_t)l);
            k += (size_t)l;
        }
        p += l;
    }
    if (k == oe - os && !memcmp(dst, s + os, oe - os)) {
        S_put(o, s + os, oe - os);
    } else {
        S_replace(o, os, oe - os, (const char *)dst, k);
    }
    free(dst);
}

/* --- plain runs ---------------------------------------------------------- */

/* A "plain" byte is copied to the working text as is and needs no look:
 * printable ASCII, tab, line feed, carriage return, and in HTML mode not
 * '<' or '&'. Runs of them are found eight bytes at a time. */
#define S_ONES UINT64_C(0x0101010101010101)
#define S_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t S_load8(const unsigned char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* Nonzero when some byte of x is zero (exact as a whole-word test). */
static inline uint64_t S_haszero(uint64_t x) { return (x - S_ONES) & ~x & S_HIGHS; }

/* Nonzero when the 8 bytes might hold a non-plain byte: a byte >= 0x7F or
 * < 0x20 (tab and line breaks land here too and are then checked one by
 * one), or '<' / '&' in HTML mode. Never zero when one is there. */
static inline uint64_t S_maybe_special(uint64_t x, int html) {
    uint64_t m = (x | ((x + S_ONES) & S_HIGHS) | ((x - S_ONES * 0x20) & ~x)) & S_HIGHS;
    if (html) m |= S_haszero(x ^ (S_ONES * '<')) | S_haszero(x ^ (S_ONES * '&'));
    return m;
}

static inline int S_plain(unsigned c, int html) {
    if (c >= 0x20 && c < 0x7F) return !(html && (c == '<' || c == '&'));
    return c == '\n' || c == '\t' || c == '\r';
}

/* End of the run of plain bytes starting at s[i]. */
static size_t S_plain_run(const unsigned char *s, size_t n, size_t i, int html) {
#if defined(__SSE2__)
    /* Sixteen bytes at a time, exact: signed "< 0x20" also catches every
     * byte >= 0x80. */
    const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), lf = _mm_set1_epi8('\n'),
                  tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'), lt = _mm_set1_epi8('<'),
                  amp = _mm_set1_epi8('&');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, sp), _mm_cmpeq_epi8(v, del));
        __m128i ok = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));
        bad = _mm_andnot_si128(ok, bad);
        if (html) bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
        unsigned m = (unsigned)_mm_movemask_epi8(bad);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    for (;;) {
        while (i + 8 <= n && !S_maybe_special(S_load8(s + i), html)) i += 8;
        size_t stop = i + 8 < n ? i + 8 : n;
        while (i < stop && S_plain(s[i], html)) i++;
        if (i < stop || i >= n) return i;
    }
}

int sr_norm_build(sr_arena *ar, const char *text, size_t len, int is_html, sr_norm *out) {
    memset(out, 0, sizeof *out);
    int html = is_html == 1 || (is_html < 0 && sr_text_looks_html(text, len));
    out->html = html;
    const unsigned char *s = (const unsigned char *)text;
    size_t first = S_plain_run(s, len, 0, html);
    if (first == len) {
        /* Fast path: the text is its own working text. */
        out->w = text;
        out->wlen = len;
        return 0;
    }
    S_out o = {ar, NULL, 0, 0, NULL, 0, 0, 0};
    if (S_grow(&o, len + len / 8)) return -1;
    /* Start of the previous character in W and in the original when it
     * was copied verbatim and is a letter (it may compose with a mark). */
    size_t prev_w = SIZE_MAX, prev_o = 0;
    size_t i = 0;
    while (i < len && !o.oom) {
        unsigned c = s[i];
        if (S_plain(c, html)) {
            /* A run of plain bytes is copied in one go. */
            size_t j = i ? S_plain_run(s, len, i + 1, html) : first;
            S_put(&o, s + i, j - i);
            unsigned l = s[j - 1] | 0x20;
            prev_w = l >= 'a' && l <= 'z' ? o.len - 1 : SIZE_MAX;
            prev_o = j - 1;
            i = j;
            continue;
        }
        if (c < 0x80) {
            if (html && c == '<') {
                size_t k = S_tag(&o, text, len, i);
                if (k) {
                    i += k;
                    prev_w = SIZE_MAX;
                    continue;
                }
            } else if (html && c == '&') {
                uint32_t cp;
                size_t k = S_entity_at(text, len, i, &cp);
                if (k) {
                    S_emit_cp(&o, i, k, cp, 0);
                    i += k;
                    prev_w = SIZE_MAX;
                    continue;
                }
            }
            char b = (char)c;
            if (c == '\f' || c == '\v') b = '\n';
            else if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) b = ' ';
            int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            prev_w = letter ? o.len : SIZE_MAX;
            prev_o = i;
            S_putc(&o, b);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = S_decode(s, len, i, &cp);
        if (!k) {
            out->invalid++;
            S_replace(&o, i, 1, "\xEF\xBF\xBD", 3);
            prev_w = SIZE_MAX;
            i++;
            continue;
        }
        if (S_nfc_maybe(cp)) {
            size_t os = i, e = i + k;
            /* Only combining marks (and jamo) compose with what precedes. */
            const utf8proc_property_t *pp = utf8proc_get_property((utf8proc_int32_t)cp);
            int combines = pp->combining_class || (cp >= 0x1100 && cp < 0x1200) ||
                           pp->category == UTF8PROC_CATEGORY_MN || pp->category == UTF8PROC_CATEGORY_MC ||
                           pp->category == UTF8PROC_CATEGORY_ME;
            if (prev_w != SIZE_MAX && combines) {
                os = prev_o;
                o.len = prev_w;
            }
            for (;;) {
                uint32_t c2;
                size_t k2 = e < len && s[e] >= 0x80 ? S_decode(s, len, e, &c2) : 0;
                if (!k2 || !S_nfc_maybe(c2)) break;
                e += k2;
            }
            S_nfc_segment(&o, text, os, e);
            prev_w = SIZE_MAX;
            i = e;
            continue;
        }
        size_t wbefore = o.len;
        S_emit_cp(&o, i, k, cp, 1);
        if (S_is_letter_cp(cp) && o.len == wbefore + k) {
            prev_w = wbefore;
            prev_o = i;
        } else {
            prev_w = SIZE_MAX;
        }
        i += k;
    }
    if (o.oom || o.len > UINT32_MAX) {
        free(o.units);
        return -1;
    }
    o.w[o.len] = '\0';
    out->w = o.w;
    out->wlen = o.len;
    out->units = o.units;
    out->nunits = o.nunits;
    return 0;
}

void sr_norm_free(sr_norm *n) {
    if (!n) return;
    free(n->units);
    n->units = NULL;
    n->nunits = 0;
}

/* Original span of working byte b. */
static void S_map_byte(const sr_norm *n, sr_norm_cursor *c, size_t b, size_t *os, size_t *oe) {
    while (c->u < n->nunits && n->units[c->u].w <= b) c->u++;
    if (c->u == 0) {
        *os = b;
        *oe = b + 1;
        return;
    }
    const sr_norm_unit *u = &n->units[c->u - 1];
    if (b < (size_t)u->w + u->wl) {
        *os = u->o;
        *oe = (size_t)u->o + u->ol;
        return;
    }
    *os = (size_t)u->o + u->ol + (b - ((size_t)u->w + u->wl));
    *oe = *os + 1;
}

void sr_norm_map(const sr_norm *n, sr_norm_cursor *c, size_t ws, size_t we, size_t *ostart, size_t *oend) {
    if (!n->units) {
        *ostart = ws;
        *oend = we;
        return;
    }
    size_t a, b;
    S_map_byte(n, c, ws, ostart, &a);
    S_map_byte(n, c, we - 1, &a, &b);
    *oend = b;
}

void sr_norm_mapper_init(sr_norm_mapper *m, const sr_norm *n) {
    m->n = n;
    m->cur.u = 0;
    m->gap_lo = 0;
    m->gap_hi = n->nunits ? n->units[0].w : SIZE_MAX;
    m->delta = 0;
    m->prev_end = 0;
}

void sr_norm_mapper_slow(sr_norm_mapper *m, size_t ws, size_t we, size_t *os, size_t *oe) {
    const sr_norm *n = m->n;
    sr_norm_map(n, &m->cur, ws, we, os, oe);
    /* cur.u units start at or before we - 1: the gap after the last of
     * them runs up to the next unit. */
    if (m->cur.u) {
        const sr_norm_unit *u = &n->units[m->cur.u - 1];
        m->gap_lo = (size_t)u->w + u->wl;
        m->delta = (uint32_t)((size_t)u->o + u->ol - m->gap_lo);
    }
    m->gap_hi = m->cur.u < n->nunits ? n->units[m->cur.u].w : SIZE_MAX;
}
