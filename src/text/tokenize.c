/* tokenize.c - rule-based tokenizer over the working text. Single pass;
 * every decision looks at a bounded window around the current byte, except
 * URL detection, whose look-ahead over a whitespace-free run is cached so
 * that a 10 MB run without spaces is still scanned a bounded number of
 * times. */
#include "tokenize.h"
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

enum { C_OTHER = 0, C_SPACE = 1, C_NL = 2, C_UPPER = 4, C_LOWER = 8, C_DIGIT = 16, C_HIGH = 32 };
#define C_ALPHA (C_UPPER | C_LOWER)
#define C_ALNUM (C_ALPHA | C_DIGIT)

static unsigned char S_cls[256];
static int S_cls_ready;

static void S_init_classes(void) {
    if (S_cls_ready) return;
    unsigned char t[256] = {0};
    for (int c = 'A'; c <= 'Z'; c++) t[c] = C_UPPER;
    for (int c = 'a'; c <= 'z'; c++) t[c] = C_LOWER;
    for (int c = '0'; c <= '9'; c++) t[c] = C_DIGIT;
    t[' '] = t['\t'] = t['\r'] = C_SPACE;
    t['\n'] = C_NL;
    for (int c = 0x80; c < 256; c++) t[c] = C_HIGH;
    memcpy(S_cls, t, sizeof t); /* idempotent, so a race is harmless */
    S_cls_ready = 1;
}

#define CLS(c) S_cls[(unsigned char)(c)]

/* Is the non-ASCII character at w[i] part of a word (letter, mark,
 * number)? Sets *len to its byte length (1 for a stray byte). */
static int S_high_word(const char *w, size_t n, size_t i, size_t *len) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0;
    }
    *len = (size_t)k;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Length of the word character at w[i] (0 if none). */
static size_t S_wordch(const char *w, size_t n, size_t i) {
    if (i >= n) return 0;
    unsigned c = CLS(w[i]);
    if (c & C_ALNUM) return 1;
    if (c & C_HIGH) {
        size_t k;
        return S_high_word(w, n, i, &k) ? k : 0;
    }
    return 0;
}

static int S_lower_eq(const char *p, size_t n, const char *s) {
    return strlen(s) == n && !strncasecmp(p, s, n);
}

/* --- abbreviations ------------------------------------------------------ */

/* Word lists carry their lengths so lookups do not call strlen. */
typedef struct { const char *s; size_t n; } S_lit;
#define S_LIT(x) {x, sizeof(x) - 1}

static const S_lit S_titles[] = {S_LIT("Mr"), S_LIT("Mrs"), S_LIT("Ms"), S_LIT("Dr"), S_LIT("Prof"), S_LIT("Gen"), S_LIT("Sen"), S_LIT("Rep"), S_LIT("Reps"), S_LIT("Gov"), S_LIT("Lt"), S_LIT("Col"), S_LIT("Sgt"), S_LIT("Capt"), S_LIT("Maj"), S_LIT("Adm"), S_LIT("Cmdr"), S_LIT("Cpl"), S_LIT("Pvt"), S_LIT("Brig"), S_LIT("Gens"), S_LIT("St"), S_LIT("Ste"), S_LIT("Mt"), S_LIT("Ft"), S_LIT("Rev"), S_LIT("Hon"), S_LIT("Pres"), S_LIT("Atty"), S_LIT("Supt"), S_LIT("Det"), S_LIT("Insp"), S_LIT("Messrs"), S_LIT("Mme"), S_LIT("Mlle"), S_LIT("Sens"), S_LIT("Amb"), S_LIT("Sec"), S_LIT("Gov"), S_LIT("Lt.Col"), S_LIT("vs"), S_LIT("cf"), S_LIT("viz"), S_LIT("ca"), S_LIT("approx"), S_LIT("Fig"), S_LIT("fig"), S_LIT("Vol"), S_LIT("vol"), S_LIT("ext"), S_LIT("Ext"), S_LIT("Attn"), S_LIT("Dept"), S_LIT("Univ"), S_LIT("Assn"), S_LIT("Ave"), S_LIT("Blvd"), S_LIT("Rd"), {NULL, 0}};
static const S_lit S_enders[] = {S_LIT("Inc"), S_LIT("Corp"), S_LIT("Co"), S_LIT("Ltd"), S_LIT("Bros"), S_LIT("Jr"), S_LIT("Sr"), S_LIT("etc"), S_LIT("al"), S_LIT("Jan"), S_LIT("Feb"), S_LIT("Apr"), S_LIT("Aug"), S_LIT("Sep"), S_LIT("Sept"), S_LIT("Oct"), S_LIT("Nov"), S_LIT("Dec"), S_LIT("Mon"), S_LIT("Tue"), S_LIT("Tues"), S_LIT("Wed"), S_LIT("Thu"), S_LIT("Thur"), S_LIT("Thurs"), S_LIT("Fri"), S_LIT("Sat"), S_LIT("esp"), S_LIT("yrs"), S_LIT("mins"), S_LIT("hrs"), S_LIT("lbs"), S_LIT("oz"), S_LIT("Esq"), S_LIT("PhD"), S_LIT("Ph.D"), {NULL, 0}};

int sr_text_abbrev_kind(const char *form, size_t n) {
    if (n && form[n - 1] == '.') n--;
    if (n == 0) return 0;
    if (n == 1 && (CLS(form[0]) & C_ALPHA)) return 1; /* an initial */
    /* Letters with inner periods: "U.S", "e.g", "D.C", "a.m" */
    int dots = 0, ok = 1;
    for (size_t i = 0; i < n; i++) {
        if (form[i] == '.') {
            dots++;
            if (i == 0 || form[i - 1] == '.') ok = 0;
        } else if (!(CLS(form[i]) & C_ALPHA)) {
            ok = 0;
        }
    }
    if (ok && dots) {
        if (S_lower_eq(form, n, "e.g") || S_lower_eq(form, n, "i.e")) return 1;
        return 2;
    }
    if (n > 6) return 0;
    for (int k = 0; S_titles[k].s; k++)
        if (S_titles[k].n == n && !memcmp(S_titles[k].s, form, n)) return 1;
    for (int k = 0; S_enders[k].s; k++)
        if (S_enders[k].n == n && !memcmp(S_enders[k].s, form, n)) return 2;
    return 0;
}

/* --- token output ------------------------------------------------------- */

typedef struct S_tok {
    sitrep_article *a;
    size_t cap;
    const char *w;
    int oom;
} S_tok;

static sr_token *S_push(S_tok *t, size_t start, size_t end, unsigned flags) {
    sitrep_article *a = t->a;
    if (a->ntokens == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        sr_token *nt = sr_arena_alloc(&a->arena, cap * sizeof *nt);
        if (!nt) {
            t->oom = 1;
            return NULL;
        }
        if (a->ntokens) memcpy(nt, a->tokens, a->ntokens * sizeof *nt);
        a->tokens = nt;
        t->cap = cap;
    }
    sr_token *k = &a->tokens[a->ntokens++];
    *k = (sr_token){.start = (uint32_t)start,
                    .end = (uint32_t)end,
                    .form = t->w + start,
                    .form_len = (uint32_t)(end - start),
                    .flags = (uint16_t)flags,
                    .head = -1};
    return k;
}

/* --- URLs and e-mail ------------------------------------------------------ */

static int S_is_urlch(unsigned char c) {
    return c > ' ' && c != '"' && c != '<' && c != '>' && c != '`' && c != 0x7F;
}

/* Trims trailing punctuation that belongs to the sentence, not the URL. */
static size_t S_trim_url(const char *w, size_t s, size_t e) {
    while (e > s + 1) {
        char c = w[e - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
            c == ']' || c == '}') {
            e--;
        } else if (c == ')') {
            size_t open = 0, close = 0;
            for (size_t i = s; i < e; i++) open += w[i] == '(', close += w[i] == ')';
            if (close > open) e--;
            else break;
        } else {
            break;
        }
    }
    return e;
}

static const char *const S_tlds[] = {"com", "org", "net", "gov", "edu", "int", "mil", "info",
                                     "biz", "io", "uk", "ru", "ua", "de", "fr", "ca", "au",
                                     "cn", "in", "us", "eu", "co", NULL};

/* Is s[0, n) a domain ending in a known TLD ("ElPaso.com")? */
static int S_domain_tld(const char *s, size_t n) {
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.') dot = s + i;
    if (!dot || dot == s) return 0;
    size_t tl = (size_t)(s + n - dot - 1);
    for (int k = 0; S_tlds[k]; k++)
        if (strlen(S_tlds[k]) == tl && !strncasecmp(dot + 1, S_tlds[k], tl)) return 1;
    return 0;
}

/* If a URL starts at w[i], returns its end; else 0. `run_end` is the end
 * of the whitespace-free run starting at i. */
static size_t S_url_at(const char *w, size_t n, size_t i) {
    /* Cheap filter before the case-insensitive compares. */
    if (n - i < 5) return 0;
    char f = (char)(w[i] | 0x20), g = (char)(w[i + 1] | 0x20), h = (char)(w[i + 2] | 0x20);
    if (!((f == 'h' && g == 't' && h == 't') || (f == 'f' && g == 't' && h == 'p') ||
          (f == 'w' && g == 'w' && h == 'w') || (f == 'm' && g == 'a' && h == 'i')))
        return 0;
    static const char *const pre[] = {"http://", "https://", "ftp://", "www.", "mailto:", NULL};
    for (int k = 0; pre[k]; k++) {
        size_t pl = strlen(pre[k]);
        if (n - i > pl && !strncasecmp(w + i, pre[k], pl) && S_is_urlch((unsigned char)w[i + pl])) {
            size_t e = i + pl;
            while (e < n && S_is_urlch((unsigned char)w[e])) e++;
            return S_trim_url(w, i, e);
        }
    }
    return 0;
}

/* Bare host names with an optional path: "Get-A-Free-House.com",
 * "example.org/report". Returns the end, or 0. *run_end receives the end
 * of the URL-character run so a failed check is not repeated inside it. */
static size_t S_bare_domain(const char *w, size_t n, size_t i, size_t *run_end) {
    size_t e = i;
    while (e < n && ((CLS(w[e]) & C_ALNUM) || w[e] == '-' || w[e] == '.')) e++;
    size_t host_end = e;
    while (host_end > i && w[host_end - 1] == '.') host_end--;
    size_t re = e;
    while (re < n && S_is_urlch((unsigned char)w[re])) re++;
    *run_end = re;
    if (host_end - i < 4 || !S_domain_tld(w + i, host_end - i)) return 0;
    if (!(CLS(w[i]) & C_ALNUM)) return 0;
    /* The TLD must end the host: "ElPaso.com" yes, "St.Louis" no. */
    if (e < n && w[e] == '/') {
        size_t p = e;
        while (p < n && S_is_urlch((unsigned char)w[p])) p++;
        return S_trim_url(w, i, p);
    }
    return host_end;
}

/* --- words ------------------------------------------------------------- */

static const S_lit S_prefixes[] = {S_LIT("e"), S_LIT("non"), S_LIT("mid"), S_LIT("pre"), S_LIT("anti"), S_LIT("re"), S_LIT("post"), S_LIT("over"), S_LIT("co"), S_LIT("pro"), S_LIT("multi"), S_LIT("semi"), S_LIT("ex"), S_LIT("sub"), S_LIT("vice"), S_LIT("neo"), S_LIT("cross"), S_LIT("counter"), S_LIT("inter"), S_LIT("intra"), S_LIT("ultra"), S_LIT("mini"), S_LIT("socio"), S_LIT("psycho"), S_LIT("quasi"), S_LIT("pseudo"), S_LIT("trans"), S_LIT("un"), S_LIT("bi"), S_LIT("tri"), S_LIT("micro"), S_LIT("macro"), S_LIT("mega"), S_LIT("uni"), S_LIT("extra"), S_LIT("infra"), S_LIT("meta"), S_LIT("auto"), {NULL, 0}};

static int S_is_prefix(const char *p, size_t n) {
    if (n > 7) return 0;
    for (int k = 0; S_prefixes[k].s; k++)
        if (S_prefixes[k].n == n && !strncasecmp(p, S_prefixes[k].s, n)) return 1;
    return 0;
}

static size_t S_digits(const char *w, size_t n, size_t i) {
    size_t j = i;
    while (j < n && (CLS(w[j]) & C_DIGIT)) j++;
    return j - i;
}

/* Length of a clitic at w[i] ("'s", "'ll", "n't"...) when one starts
 * there and is followed by a non-letter; else 0. */
static size_t S_clitic(const char *w, size_t n, size_t i) {
    if (w[i] == '\'') {
        size_t k = i + 1;
        while (k < n && (CLS(w[k]) & C_ALPHA)) k++;
        size_t l = k - i - 1;
        if (k < n && (S_wordch(w, n, k) || w[k] == '\'')) return 0;
        if (l == 1 && strchr("sSmMdD", w[i + 1])) return 2;
        if (l == 2 && (S_lower_eq(w + i + 1, 2, "ll") || S_lower_eq(w + i + 1, 2, "re") ||
                       S_lower_eq(w + i + 1, 2, "ve")))
            return 3;
        return 0;
    }
    if ((w[i] | 0x20) == 'n' && n - i >= 3 && w[i + 1] == '\'' && (w[i + 2] | 0x20) == 't' &&
        !(i + 3 < n && S_wordch(w, n, i + 3)))
        return 3;
    return 0;
}

/* Scans a word starting at w[i] (a word character). Returns its end.
 * *hyph gets bit 0 when it stopped at a hyphen inside a compound, bit 1
 * when it took in a period ("U.S", "example.com"). */
static size_t S_word(const char *w, size_t n, size_t i, int hyphens, int *hyph, unsigned *flags) {
    size_t j = i;
    int has_hyphen = 0;
    *hyph = 0;
    for (;;) {
        for (;;) {
            if (j >= n) return j;
            unsigned c = CLS(w[j]);
            if (c & C_ALNUM) {
                j++;
                continue;
            }
            size_t k = c & C_HIGH ? S_wordch(w, n, j) : 0;
            if (!k) break;
            j += k;
        }
        char c = w[j];
        /* Most words end at a space or plain punctuation: decide cheaply. */
        if (CLS(c) & (C_SPACE | C_NL)) return j;
        if (c != '.' && c != ',' && c != '-' && c != '\'' && c != '/' && c != ':' && c != '&' && c != '_' &&
            c != '@')
            return j;
        unsigned pc = CLS(w[j - 1]);
        size_t nx = S_wordch(w, n, j + 1);
        unsigned ncl = j + 1 < n ? CLS(w[j + 1]) : 0;
        switch (c) {
        case '.':
            if (nx) {
                *hyph |= 2;
                j++;
                continue;
            }
            return j;
        case ',':
            if ((pc & C_DIGIT) && S_digits(w, n, j + 1) == 3 && !S_wordch(w, n, j + 4)) {
                j++;
                continue;
            }
            if ((pc & C_DIGIT) && S_digits(w, n, j + 1) == 3 && j + 4 < n && w[j + 4] == ',') {
                j++;
                continue;
            }
            return j;
        case '/':
            /* "b/c", "w/o": single letters around the slash. */
            if (j - i == 1 && (pc & C_ALPHA) && (ncl & C_ALPHA) && !S_wordch(w, n, j + 2)) {
                j++;
                continue;
            }
            /* fall through */
        case ':':
            if ((pc & C_DIGIT) && (ncl & C_DIGIT)) {
                j++;
                continue;
            }
            return j;
        case '&':
            if ((pc & C_UPPER) && (ncl & C_UPPER)) {
                j++;
                continue;
            }
            return j;
        case '_':
            if (nx && (pc & C_ALNUM)) {
                j++;
                continue;
            }
            return j;
        case '-':
            if (!nx) return j;
            if (hyphens == SR_HYPHEN_KEEP) {
                j++;
                continue;
            }
            if (!has_hyphen && S_is_prefix(w + i, j - i)) {
                has_hyphen = 1;
                j++;
                continue;
            }
            if (pc & C_DIGIT) {
                /* Phone numbers and ZIP+4 codes stay whole: 713-654-0365,
                 * 1-800-991-9019, 20006-3700; ranges (1969-1970) split. */
                size_t l = 0, r = S_digits(w, n, j + 1);
                while (l < j - i && (CLS(w[j - 1 - l]) & C_DIGIT)) l++;
                int phone = (l == 3 && (r == 4 || r == 3)) || (l == 1 && r == 3) ||
                            (l == 5 && r == 4) || (has_hyphen && (r == 4 || r == 3));
                if (phone && !S_wordch(w, n, j + 1 + r)) {
                    has_hyphen = 1;
                    j++;
                    continue;
                }
                if (phone && j + 1 + r < n && w[j + 1 + r] == '-' && (r == 3)) {
                    has_hyphen = 1;
                    j++;
                    continue;
                }
            }
            *hyph = 1;
            return j;
        case '\'': {
            size_t k = j + 1;
            while (k < n && (CLS(w[k]) & C_ALPHA)) k++;
            size_t l = k - j - 1;
            if ((w[j - 1] | 0x20) == 'n' && j - 1 > i && l == 1 && (w[j + 1] | 0x20) == 't' &&
                !S_wordch(w, n, k))
                return j - 1; /* "do|n't", "ca|n't" */
            if (S_clitic(w, n, j)) return j;
            if (l == 0) return j; /* possessive "Tigers'" or a closing quote */
            if (S_wordch(w, n, k)) return j;
            j = k; /* O'Brien, rock'n'roll */
            continue;
        }
        case '@': {
            if (!nx) return j;
            size_t e = j + 1;
            while (e < n && ((CLS(w[e]) & C_ALNUM) || w[e] == '-' || w[e] == '.' || w[e] == '_')) e++;
            while (e > j + 1 && (w[e - 1] == '.' || w[e - 1] == '-')) e--;
            if (e > j + 1) {
                *flags |= SR_TOK_URL;
                return e;
            }
            return j;
        }
        default:
            return j;
        }
    }
}

/* Length of the punctuation token at w[i] (an ASCII non-word byte). */
static size_t S_punct(const char *w, size_t n, size_t i) {
    char c = w[i];
    size_t j = i + 1;
    switch (c) {
    case '.': case '!': case '?':
        while (j < n && (w[j] == '.' || w[j] == '!' || w[j] == '?')) j++;
        return j - i;
    case '#':
        if (j < n && (CLS(w[j]) & C_ALPHA)) { /* hashtags */
            while (j < n && ((CLS(w[j]) & C_ALNUM) || w[j] == '_')) j++;
            return j - i;
        }
        /* fall through */
    case '-': case '*': case '=': case '_': case '<': case '>': case '~': case '+': case '$':
    case '\'':
        /* '67: a year */
        if (n - i >= 3 && (CLS(w[i + 1]) & C_DIGIT) && (CLS(w[i + 2]) & C_DIGIT) &&
            !(i + 3 < n && S_wordch(w, n, i + 3)) && !(i > 0 && (CLS(w[i - 1]) & C_ALNUM)))
            return 3;
        /* fall through */
    case '`': case '/': case '|': case '^':
        if (c == '^' && n - i >= 3 && w[i + 1] == '_' && w[i + 2] == '^') return 3;
        while (j < n && w[j] == c) j++;
        return j - i;
    case ':': case ';':
        if (j < n && (w[j] == ')' || w[j] == '(' || ((w[j] == 'D' || w[j] == 'P') && c == ':'))) {
            if (j + 1 >= n || !(CLS(w[j + 1]) & C_ALNUM)) return 2;
        }
        if (j + 1 < n && w[j] == '-' && (w[j + 1] == ')' || w[j + 1] == '(')) return 3;
        return 1;
    default:
        return 1;
    }
}

static void S_cannot(S_tok *t, sr_token *k) {
    /* EWT writes these as two words of one surface token. */
    static const struct { const char *w; unsigned cut; } sp[] = {
        {"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}};
    for (size_t q = 0; q < sizeof sp / sizeof sp[0]; q++) {
        if (S_lower_eq(k->form, k->form_len, sp[q].w)) {
            uint32_t s = k->start, e = k->end;
            unsigned fl = k->flags;
            k->end = s + sp[q].cut;
            k->form_len = sp[q].cut;
            k->flags = (uint16_t)(fl & ~SR_TOK_SPACE_AFTER);
            sr_token *k2 = S_push(t, s + sp[q].cut, e, (fl & SR_TOK_SPACE_AFTER) | SR_TOK_MWT_CONT);
            (void)k2;
            return;
        }
    }
}

int sr_tokenize(sitrep_article *a, const char *w, size_t n, int hyphens) {
    S_init_classes();
    S_tok t = {a, 0, w, 0};
    a->tokens = NULL;
    a->ntokens = 0;
    size_t est = n / 5 + 16;
    a->tokens = sr_arena_alloc(&a->arena, est * sizeof(sr_token));
    if (!a->tokens) return -1;
    t.cap = est;
    size_t i = 0, nl = 0;
    int first = 1, hyph_pending = 0, squote_open = 0;
    size_t prev_end = SIZE_MAX; /* end of the previous token */
    int prev_word = 0;
    size_t nourl_until = 0;
    while (i < n) {
        unsigned c = CLS(w[i]);
        if (c & C_SPACE) {
            if (w[i] == '\r' && !(i + 1 < n && w[i + 1] == '\n')) nl++;
            i++;
            continue;
        }
        if (c & C_NL) {
            nl++;
            i++;
            continue;
        }
        unsigned flags = 0;
        if (first || nl >= 2) flags |= SR_TOK_PARA_START;
        else if (nl == 1) flags |= SR_TOK_NEWLINE_BEFORE;
        first = 0;
        nl = 0;
        int glued = prev_end == i;
        size_t end = 0;
        int hyph = 0, is_word = 0;
        /* Clitics right after a word. */
        if (glued && prev_word && (w[i] == '\'' || (w[i] | 0x20) == 'n')) {
            size_t k = S_clitic(w, n, i);
            if (!k && w[i] == '\'' && !squote_open && (w[i - 1] | 0x20) == 's' &&
                !(i + 1 < n && (S_wordch(w, n, i + 1) || w[i + 1] == '\'')))
                k = 1; /* possessive plural: "Tigers'" */
            if (k) {
                end = i + k;
                flags |= SR_TOK_MWT_CONT;
                is_word = 1;
            }
        }
        if (!end && (c & C_ALPHA)) {
            size_t e = S_url_at(w, n, i);
            if (e) {
                end = e;
                flags |= SR_TOK_URL;
            }
        }
        if (!end) {
            size_t k = c & C_ALNUM ? 1 : (c & C_HIGH) ? S_wordch(w, n, i) : 0;
            if (k) {
                end = S_word(w, n, i, hyphens, &hyph, &flags);
                is_word = 1;
                /* Host names: only worth a look when the word has a dot or
                 * stopped at a hyphen ("Get-A-Free-House.com"). */
                if (((hyph & 1) || ((hyph & 2) && end < n && w[end] == '/')) && i >= nourl_until && (c & C_ALNUM) &&
                    !(flags & SR_TOK_URL)) {
                    size_t re, e = S_bare_domain(w, n, i, &re);
                    if (e > end) {
                        end = e;
                        flags |= SR_TOK_URL;
                    } else {
                        nourl_until = re;
                    }
                }
                /* Attach a final period to abbreviations and initials. */
                if (end < n && w[end] == '.' && !(end + 1 < n && (w[end + 1] == '.' || w[end + 1] == '!' || w[end + 1] == '?'))) {
                    int kind = sr_text_abbrev_kind(w + i, end - i);
                    if (!kind && S_lower_eq(w + i, end - i, "no")) {
                        size_t q = end + 1;
                        while (q < n && w[q] == ' ') q++;
                        if (q > end + 1 && q < n && (CLS(w[q]) & C_DIGIT)) kind = 1;
                    }
                    if (kind) {
                        end++;
                        flags |= SR_TOK_ABBR;
                    }
                }
            } else if (c & C_HIGH) {
                size_t l;
                (void)S_high_word(w, n, i, &l);
                end = i + l;
            } else {
                end = i + S_punct(w, n, i);
                if (w[i] == '"' || w[i] == '\'' || w[i] == '`') flags |= SR_TOK_QUOTE;
            }
        }
        if (end > n) end = n;
        if (end < n && (CLS(w[end]) & (C_SPACE | C_NL))) flags |= SR_TOK_SPACE_AFTER;
        if (hyph_pending) flags |= SR_TOK_HYPHEN_PART;
        hyph &= 1 & !(flags & SR_TOK_URL);
        if (hyph) {
            flags |= SR_TOK_HYPHEN_PART;
            hyph_pending = 2; /* the hyphen and the word after it */
        } else if (hyph_pending) {
            hyph_pending--;
        }
        if (flags & SR_TOK_QUOTE && w[i] == '\'' && end == i + 1) {
            if (!glued && end < n && S_wordch(w, n, end)) squote_open = 1;
            else if (glued) squote_open = 0;
        }
        sr_token *tk = S_push(&t, i, end, flags);
        if (!tk) return -1;
        if (is_word && !(flags & SR_TOK_MWT_CONT) && tk->form_len >= 5 && tk->form_len <= 6 &&
            ((w[i] | 0x20) == 'c' || (w[i] | 0x20) == 'g' || (w[i] | 0x20) == 'w'))
            S_cannot(&t, tk);
        if (t.oom) return -1;
        prev_word = is_word || (flags & SR_TOK_URL);
        prev_end = end;
        i = end;
    }
    return 0;
}
