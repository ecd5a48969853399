/* tokenize.c - rule-based tokenizer over the working text. Single pass;
 * every decision looks at a bounded window around the current byte, except
 * URL detection, whose look-ahead over a whitespace-free run is cached so
 * that a 10 MB run without spaces is still scanned a bounded number of
 * times.
 *
 * Speed: the byte loop runs on a 256-entry class table; the word lists
 * (abbreviations, prefixes, TLDs) are small hash sets keyed by the word
 * packed into one integer, so a lookup is one or two probes instead of a
 * scan with memcmp; tokens go into an array sized once per article. */
#include "tokenize.h"
#include <pthread.h>
#include "normalize.h"
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

enum { C_OTHER = 0, C_SPACE = 1, C_NL = 2, C_UPPER = 4, C_LOWER = 8, C_DIGIT = 16, C_HIGH = 32, C_URL1 = 64 };
#define C_ALPHA (C_UPPER | C_LOWER)
#define C_ALNUM (C_ALPHA | C_DIGIT)

static unsigned char S_cls[256];

#define CLS(c) S_cls[(unsigned char)(c)]

/* --- word sets ------------------------------------------------------------ */

/* A word of at most 7 bytes and its length packed into one integer (never
 * 0). `fold` lowercases ASCII letters (b | 0x20 is a lowercase letter only
 * when b is that letter in either case, so folding cannot make a
 * non-letter match a set of lowercase words). */
static inline uint64_t S_pack(const char *s, size_t n, int fold) {
    uint64_t k = (uint64_t)n << 56;
    unsigned f = fold ? 0x20 : 0;
    for (size_t i = 0; i < n; i++) k |= (uint64_t)((unsigned char)s[i] | f) << (8 * i);
    return k;
}

/* Open addressing, 128 slots (the lists have < 64 words), 0 = empty. */
typedef struct S_set {
    uint64_t keys[128];
} S_set;

static inline unsigned S_slot(uint64_t k) { return (unsigned)((k * UINT64_C(0x9E3779B97F4A7C15)) >> 57); }

static int S_set_has(const S_set *t, uint64_t k) {
    for (unsigned h = S_slot(k);; h = (h + 1) & 127) {
        if (t->keys[h] == k) return 1;
        if (!t->keys[h]) return 0;
    }
}

/* Adds the space-separated words of `list` (each < 8 bytes). */
static void S_set_add(S_set *t, const char *list, int fold) {
    while (*list) {
        size_t n = strcspn(list, " ");
        uint64_t k = S_pack(list, n, fold);
        unsigned h = S_slot(k);
        while (t->keys[h] && t->keys[h] != k) h = (h + 1) & 127;
        t->keys[h] = k;
        list += n;
        while (*list == ' ') list++;
    }
}

/* Abbreviations that never end a sentence (titles) and that may (after a
 * company name, a date...). Case-sensitive. Longer than 6 bytes or with
 * inner periods ("Lt.Col", "Ph.D") they are caught by other rules. */
static const char S_titles[] =
    "Mr Mrs Ms Dr Prof Gen Sen Rep Reps Gov Lt Col Sgt Capt Maj Adm Cmdr Cpl Pvt Brig Gens St Ste Mt Ft "
    "Rev Hon Pres Atty Supt Det Insp Messrs Mme Mlle Sens Amb Sec vs cf viz ca approx Fig fig Vol vol ext "
    "Ext Attn Dept Univ Assn Ave Blvd Rd";
static const char S_enders[] =
    "Inc Corp Co Ltd Bros Jr Sr etc al Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur "
    "Thurs Fri Sat esp yrs mins hrs lbs oz Esq PhD";
/* Prefixes that keep their hyphen ("anti-war"); case-insensitive. */
static const char S_prefix_words[] =
    "e non mid pre anti re post over co pro multi semi ex sub vice neo cross counter inter intra ultra "
    "mini socio psycho quasi pseudo trans un bi tri micro macro mega uni extra infra meta auto";
/* Top-level domains of bare host names ("ElPaso.com"); case-insensitive. */
static const char S_tld_words[] = "com org net gov edu int mil info biz io uk ru ua de fr ca au cn in us eu co";

static S_set S_month_set, S_title_set, S_ender_set, S_prefix_set, S_tld_set, S_its_set, S_unit_set, S_opener_set;
/* Units written after a number ("5pm", "$5bn"); case-insensitive. Not "s"
 * (decades), ordinals, "g" ("5G") or "c"/"f" (codes such as "3143C"). */
static const char S_unit_words[] =
    "am pm m k b bn mm cm km kg mg ml ft lb lbs kb mb gb tb hz khz mhz ghz mph kph kmh hrs hr min mins "
    "sec secs yr yrs x p day days kw kwh mw gw mmbtu usd eur gbp";
/* Capitalized words that typically open a sentence: an abbreviation
 * before one ends the sentence (as in sentences.c). */
static const char S_opener_words[] =
    "The A An He She It They We I You But And In On At This That These Those There His Her Their Its "
    "Our My If When While After Before As So Yet Still Also Some Many For";
/* A filter before the S_mwt_words look-up, which would otherwise cost a
 * hash per word: one bit per (first letter, last letter, length) of the
 * listed words. */
static uint64_t S_mwt_filter[64];
static inline unsigned S_mwt_fkey(const char *f, size_t len) {
    return (((unsigned char)f[0] | 0x20u) * 31u + ((unsigned char)f[len - 1] | 0x20u) * 7u + (unsigned)len) & 4095u;
}
/* Words after which "its" is "it's" (see S_its_next); up to 8 bytes. */
static const char *const S_its_words[] = {
    "a", "an", "the", "not", "been", "being", "getting", "going", "gonna", "really", "simply", "very",
    "so", "too", "all", "like", "still", "just", "now", "also", "totally", "pretty", "actually",
    "probably", "usually", "always", "never", "in", "on", "at", "for", "from", "between", "about",
    "with", "because", "by", "to", "your", "my", "his", "their", "our", "this", "these", "those",
    "nothing", "called", "ok", "okay", "kinda", "sorta", "prolly", NULL};
/* Words EWT writes as several words of one surface token: "cannot" ->
 * "can" "not", and contractions typed without their apostrophe ("dont" ->
 * "do" "nt", "im" -> "i" "m", "thats" -> "that" "s"). Each entry is the
 * lowercase word, then ':' and its cut offsets (one or two digits), then
 * options: 'C' also in capitals ("DONT"), 'U' only capitalized ("Lets",
 * lowercase "lets" is the verb), 'I' only when the next word shows it is
 * "it's" ("its not", never "its own"), 'S' the pieces are separate
 * tokens, not one multiword token ("alot" -> "a" "lot" in EWT dev/test).
 * Words that are also ordinary words ("ill", "id", "were", "well",
 * "wed", "hell", "shell") are not listed. */
static const char *const S_mwt_words[] = {
    "cannot:3C", "gonna:3C", "wanna:3C", "gotta:3C", "outta:3C", "dunno:23C", "alot:1S",
    "dont:2C", "doesnt:4C", "didnt:3C", "cant:2C", "wont:2C", "isnt:2C", "wasnt:3C", "arent:3C",
    "werent:4C", "hasnt:3C", "havent:4C", "hadnt:3C", "couldnt:5C", "wouldnt:5C", "shouldnt:6C",
    "aint:2C", "mustnt:4C", "im:1", "ive:1", "youre:3", "theyre:4", "youve:3", "theyve:4",
    "youll:3", "theyll:4", "itll:2", "thats:4", "whats:4", "theres:5", "heres:4", "hes:2",
    "shes:3", "whos:3", "wheres:5", "wouldve:5", "couldve:5", "shouldve:6", "lets:3U", "its:2I",
    NULL};

/* The contraction table: packed word (S_pack8) -> S_MWT_* spec. */
enum { S_MWT_CAPS = 1u << 8, S_MWT_UPPER_ONLY = 1u << 9, S_MWT_ITS = 1u << 10, S_MWT_SEP = 1u << 11 };
static uint64_t S_mwt_keys[128];
static uint16_t S_mwt_vals[128];

/* Like S_pack(s, n, 1) for n <= 7; an 8-byte word is its bytes alone,
 * which cannot collide with a shorter word (whose top byte is its length,
 * while a letter's byte is >= 0x41). */
static inline uint64_t S_pack8(const char *s, size_t n) {
    if (n < 8) return S_pack(s, n, 1);
    uint64_t k;
    memcpy(&k, s, 8);
    return k | UINT64_C(0x2020202020202020);
}
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_init(void) {
    for (int c = 'A'; c <= 'Z'; c++) S_cls[c] = C_UPPER;
    for (int c = 'a'; c <= 'z'; c++) S_cls[c] = C_LOWER;
    for (int c = '0'; c <= '9'; c++) S_cls[c] = C_DIGIT;
    S_cls[' '] = S_cls['\t'] = S_cls['\r'] = C_SPACE;
    S_cls['\n'] = C_NL;
    for (int c = 0x80; c < 256; c++) S_cls[c] = C_HIGH;
    /* Letters that may start "http", "ftp", "www", "mailto". */
    for (const char *p = "hfwmHFWM"; *p; p++) S_cls[(unsigned char)*p] |= C_URL1;
    S_set_add(&S_title_set, S_titles, 0);
    S_set_add(&S_ender_set, S_enders, 0);
    S_set_add(&S_prefix_set, S_prefix_words, 1);
    S_set_add(&S_tld_set, S_tld_words, 1);
    S_set_add(&S_unit_set, S_unit_words, 1);
    S_set_add(&S_month_set, "jan feb mar apr may jun jul aug sep oct nov dec", 1);
    S_set_add(&S_opener_set, S_opener_words, 0);
    for (int k = 0; S_its_words[k]; k++) {
        uint64_t key = S_pack8(S_its_words[k], strlen(S_its_words[k]));
        unsigned h = S_slot(key);
        while (S_its_set.keys[h] && S_its_set.keys[h] != key) h = (h + 1) & 127;
        S_its_set.keys[h] = key;
    }
    for (int k = 0; S_mwt_words[k]; k++) {
        const char *e = S_mwt_words[k], *colon = strchr(e, ':');
        uint64_t key = S_pack8(e, (size_t)(colon - e));
        unsigned v = 0, sh = 0;
        for (const char *o = colon + 1; *o; o++) {
            if (*o >= '0' && *o <= '9') v |= (unsigned)(*o - '0') << sh, sh += 4;
            else if (*o == 'C') v |= S_MWT_CAPS;
            else if (*o == 'U') v |= S_MWT_UPPER_ONLY;
            else if (*o == 'I') v |= S_MWT_ITS;
            else if (*o == 'S') v |= S_MWT_SEP;
        }
        unsigned fk = S_mwt_fkey(e, (size_t)(colon - e));
        S_mwt_filter[fk >> 6] |= UINT64_C(1) << (fk & 63);
        unsigned h = S_slot(key);
        while (S_mwt_keys[h]) h = (h + 1) & 127;
        S_mwt_keys[h] = key;
        S_mwt_vals[h] = (uint16_t)v;
    }
}

static inline void S_init_once(void) { pthread_once(&S_once, S_init); }

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
static inline size_t S_wordch(const char *w, size_t n, size_t i) {
    if (i >= n) return 0;
    unsigned c = CLS(w[i]);
    if (c & C_ALNUM) return 1;
    if (c & C_HIGH) {
        size_t k;
        return S_high_word(w, n, i, &k) ? k : 0;
    }
    return 0;
}

/* p[0, n) equals the lowercase ASCII word s (of length sn), any case. */
static inline int S_lower_eq(const char *p, size_t n, const char *s, size_t sn) {
    return sn == n && !strncasecmp(p, s, n);
}
#define S_LOWER_EQ(p, n, lit) S_lower_eq(p, n, lit, sizeof(lit) - 1)

/* --- abbreviations ------------------------------------------------------ */

int sr_text_abbrev_kind(const char *form, size_t n) {
    S_init_once();
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
        if (S_LOWER_EQ(form, n, "e.g") || S_LOWER_EQ(form, n, "i.e")) return 1;
        return 2;
    }
    if (n > 6) return 0;
    uint64_t k = S_pack(form, n, 0);
    if (S_set_has(&S_title_set, k)) return 1;
    if (S_set_has(&S_ender_set, k)) return 2;
    return 0;
}

/* --- token output ------------------------------------------------------- */

typedef struct S_tok {
    sitrep_article *a;
    size_t cap;
    const char *w;
    int oom;
    sr_norm_mapper *map; /* NULL: leave working offsets */
    size_t mapped;       /* tokens [0, mapped) carry original offsets */
} S_tok;

/* Doubles the token array (the first size is an estimate from the text
 * length, so this is rare). */
static __attribute__((noinline)) int S_grow(S_tok *t) {
    sitrep_article *a = t->a;
    size_t cap = t->cap ? t->cap * 2 : 256;
    sr_token *nt = sr_arena_alloc(&a->arena, cap * sizeof *nt);
    if (!nt) {
        t->oom = 1;
        return -1;
    }
    if (a->ntokens) memcpy(nt, a->tokens, a->ntokens * sizeof *nt);
    a->tokens = nt;
    t->cap = cap;
    return 0;
}

static inline sr_token *S_push(S_tok *t, size_t start, size_t end, unsigned flags) {
    sitrep_article *a = t->a;
    if (a->ntokens == t->cap && S_grow(t)) return NULL;
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

/* Is s[0, n) a domain ending in a known TLD ("ElPaso.com")? */
static int S_domain_tld(const char *s, size_t n) {
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.') dot = s + i;
    if (!dot || dot == s) return 0;
    size_t tl = (size_t)(s + n - dot - 1);
    return tl <= 7 && S_set_has(&S_tld_set, S_pack(dot + 1, tl, 1));
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

static int S_is_prefix(const char *p, size_t n) {
    return n <= 7 && S_set_has(&S_prefix_set, S_pack(p, n, 1));
}

static size_t S_digits(const char *w, size_t n, size_t i) {
    size_t j = i;
    while (j < n && (CLS(w[j]) & C_DIGIT)) j++;
    return j - i;
}

/* Length of a clitic at w[i] ("'s", "'ll", "n't"...) when one starts
 * there and is followed by a non-letter; else 0. */
static size_t S_clitic(const char *w, size_t n, size_t i) {
    if (w[i] == '\'' || w[i] == '`') {
        size_t k = i + 1;
        while (k < n && (CLS(w[k]) & C_ALPHA)) k++;
        size_t l = k - i - 1;
        if (k < n && (S_wordch(w, n, k) || w[k] == '\'')) return 0;
        if (l == 1 && strchr("sSmMdD", w[i + 1])) return 2;
        if (l == 2 && (S_LOWER_EQ(w + i + 1, 2, "ll") || S_LOWER_EQ(w + i + 1, 2, "re") ||
                       S_LOWER_EQ(w + i + 1, 2, "ve")))
            return 3;
        return 0;
    }
    if ((w[i] | 0x20) == 'n' && n - i >= 3 && w[i + 1] == '\'' && (w[i + 2] | 0x20) == 't' &&
        !(i + 3 < n && S_wordch(w, n, i + 3)))
        return 3;
    return 0;
}

/* End of the run of ASCII letters and digits starting at w[j]. Eight
 * bytes at a time where the text allows: the end of a short word is then
 * found by arithmetic instead of a mispredicted loop exit per word. */
static inline size_t S_alnum_run(const char *w, size_t n, size_t j) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t H = UINT64_C(0x8080808080808080), L = UINT64_C(0x7F7F7F7F7F7F7F7F),
                   B = UINT64_C(0x0101010101010101);
    while (j + 8 <= n) {
        uint64_t x;
        memcpy(&x, w + j, 8);
        /* Per byte, exact for 7-bit values: (b + 0x80 - k) has bit 7 set
         * iff b >= k, and no carry crosses bytes. */
        uint64_t x7 = x & L, l7 = x7 | (B * 0x20);
        uint64_t digit = (x7 + B * (0x80 - 0x30)) & ~(x7 + B * (0x80 - 0x3A));
        uint64_t alpha = (l7 + B * (0x80 - 0x61)) & ~(l7 + B * (0x80 - 0x7B));
        uint64_t other = ~((digit | alpha) & ~x) & H;
        if (other) return j + ((size_t)__builtin_ctzll(other) >> 3);
        j += 8;
    }
#endif
    while (CLS(w[j]) & C_ALNUM) j++; /* stops at the NUL at w[n] */
    return j;
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
            j = S_alnum_run(w, n, j);
            if (j >= n) return j;
            size_t k = CLS(w[j]) & C_HIGH ? S_wordch(w, n, j) : 0;
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
            /* Obfuscated e-mail addresses as news groups print them:
             * "franz371...@gmail.com" is one token. */
            if (!nx && j + 4 < n && w[j + 1] == '.' && w[j + 2] == '.' && w[j + 3] == '@' &&
                (CLS(w[j + 4]) & C_ALNUM)) {
                j += 3;
                continue;
            }
            if (nx) {
                *hyph |= 2;
                j++;
                continue;
            }
            return j;
        case ',':
            /* "1,000", "1,350kg" (the unit is split off later) */
            if ((pc & C_DIGIT) && S_digits(w, n, j + 1) == 3 && !(CLS(w[j + 4]) & C_DIGIT)) {
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
            /* Two numbers that cannot be a month/day date ("24/7",
             * "19/20") are three tokens in EWT; dates ("5/18",
             * "3/14/2025") and phone numbers ("713/853-6197") stay whole. */
            if ((pc & C_DIGIT) && (ncl & C_DIGIT)) {
                size_t r = S_digits(w, n, j + 1), q = i;
                unsigned a = 0, b = 0;
                for (; q < j && (CLS(w[q]) & C_DIGIT); q++)
                    if (a < 1000) a = a * 10 + (unsigned)(w[q] - '0');
                for (size_t e = j + 1; e < j + 1 + r; e++)
                    if (b < 1000) b = b * 10 + (unsigned)(w[e] - '0');
                if (q == j && w[j + 1 + r] != '/' && (a == 0 || a > 12 || b == 0 || b > 31) &&
                    !(r == 3 && w[j + 1 + r] == '-'))
                    return j;
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
                /* Dates written "01-Feb-02" stay whole. */
                if (l >= 1 && l <= 2 && (CLS(w[j + 1]) & C_ALPHA) && (CLS(w[j + 2]) & C_ALPHA) &&
                    (CLS(w[j + 3]) & C_ALPHA) && w[j + 4] == '-' && S_set_has(&S_month_set, S_pack(w + j + 1, 3, 1))) {
                    size_t y = S_digits(w, n, j + 5);
                    if ((y == 2 || y == 4) && !S_wordch(w, n, j + 5 + y)) return j + 5 + y;
                }
                /* Extensions "3-5213" too. */
                int phone = (l == 3 && (r == 4 || r == 3)) || (l == 1 && (r == 3 || r == 4)) ||
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
            /* Decades: "80's", "1990's" are one token in EWT. */
            if ((pc & C_DIGIT) && (w[j + 1] | 0x20) == 's' && j + 1 < n && !S_wordch(w, n, j + 2) &&
                w[j + 2] != '\'')
                return j + 2;
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
        if (c == '.' && j - i > 2) {
            /* An ellipsis before "?" or "!" is a token of its own. */
            size_t d = 1;
            while (w[i + d] == '.') d++;
            if (d >= 2 && d < j - i) return d;
        }
        return j - i;
    case '#':
        if (j < n && (CLS(w[j]) & C_ALPHA)) { /* hashtags */
            while (j < n && ((CLS(w[j]) & C_ALNUM) || w[j] == '_')) j++;
            return j - i;
        }
        /* fall through */
    case '+':
        /* "+1 212...", "+44": a telephone country code is one token. */
        if (c == '+' && !(i > 0 && (CLS(w[i - 1]) & C_ALNUM))) {
            size_t d = S_digits(w, n, j);
            if (d >= 1 && d <= 3 && (j + d >= n || w[j + d] == ' ' || w[j + d] == '(' || w[j + d] == '-'))
                return d + 1;
        }
        /* fall through */
    case '-': case '*': case '=': case '_': case '<': case '>': case '~': case '$':
        while (j < n && w[j] == c) j++;
        return j - i;
    case '\'':
        /* '67: a year. Only after an apostrophe: "$20,000" is "$" + "20,000"
         * and "-37" is "-" + "37", as in EWT. */
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

/* Does the word after w[e] (on the same line) show that a preceding
 * "its" is "it's"? Possessive "its" is followed by a noun or adjective,
 * never by an article, "not", a preposition or a pronoun. */
static int S_its_next(const char *w, size_t n, size_t e) {
    while (e < n && (w[e] == ' ' || w[e] == '\t')) e++;
    size_t q = e;
    while (q < n && (CLS(w[q]) & C_ALPHA)) q++;
    if (q == e || q - e > 8) return 0;
    if (q < n && (w[q] == '-' || w[q] == '\'' || S_wordch(w, n, q))) return 0; /* "its all-out war" */
    if (!(CLS(w[e]) & C_LOWER)) return 0;
    return S_set_has(&S_its_set, S_pack8(w + e, q - e));
}

/* If w[i, end) is a number followed by a unit ("5pm", "1.5bn", "7:30PM",
 * "35mm"), returns where the unit starts; else `end`. Ordinals ("2nd"),
 * decades ("1990s") and codes ("3143C", "5G") stay whole. */
static size_t S_unit_split(const char *w, size_t i, size_t end) {
    size_t p = i;
    while (p < end && ((CLS(w[p]) & C_DIGIT) || w[p] == '.' || w[p] == ',' || w[p] == ':')) p++;
    if (p == end || !(CLS(w[p - 1]) & C_DIGIT) || end - p > 5) return end;
    for (size_t q = p; q < end; q++)
        if (!(CLS(w[q]) & C_ALPHA)) return end;
    return S_set_has(&S_unit_set, S_pack(w + p, end - p, 1)) ? p : end;
}

/* Does the period at w[end] after the abbreviation w[i, end) end the
 * sentence? At the end of the text or line, or before a word that
 * typically opens a sentence ("The", "He"); after "etc" before any
 * capitalized word. */
static int S_abbr_final(const char *w, size_t n, size_t i, size_t end) {
    size_t q = end + 1;
    while (q < n && (w[q] == ' ' || w[q] == '\t')) q++;
    if (q >= n || w[q] == '\n' || w[q] == '\r') return 1;
    if (q == end + 1 || !(CLS(w[q]) & C_UPPER)) return 0;
    if (S_LOWER_EQ(w + i, end - i, "etc") && !(q + 1 < n && (CLS(w[q + 1]) & C_UPPER))) return 1;
    size_t e = q;
    while (e < n && (CLS(w[e]) & C_ALPHA)) e++;
    if (e - q > 7 || (e < n && (S_wordch(w, n, e) || w[e] == '.'))) return 0;
    return S_set_has(&S_opener_set, S_pack(w + q, e - q, 0));
}

/* Splits the word token k (just pushed, plain letters) when it is one of
 * S_mwt_words. `w`/`n` are the working text, for the look-ahead of "its". */
static void S_mwt(S_tok *t, sr_token *k, const char *w, size_t n) {
    size_t len = k->form_len;
    uint64_t key = S_pack8(k->form, len);
    unsigned h = S_slot(key), v;
    for (;; h = (h + 1) & 127) {
        if (!S_mwt_keys[h]) return;
        if (S_mwt_keys[h] == key) break;
    }
    v = S_mwt_vals[h];
    /* Case: lowercase, Capitalized, or (for the n't words) all capitals. */
    unsigned upper = 0;
    for (size_t q = 0; q < len; q++) upper += (CLS(k->form[q]) & C_UPPER) != 0;
    int cap = upper == 1 && (CLS(k->form[0]) & C_UPPER);
    if (upper && !cap && !(upper == len && (v & S_MWT_CAPS))) return;
    if ((v & S_MWT_UPPER_ONLY) && !cap) return;
    if (cap && upper != len && k > t->a->tokens && !(k->flags & (SR_TOK_PARA_START | SR_TOK_NEWLINE_BEFORE))) {
        /* "Jony Ive", "Rick Hes": a capitalized word after another one is
         * a name, not a contraction. */
        const sr_token *p = k - 1;
        if (p->form_len && (CLS(p->form[0]) & C_UPPER)) return;
    }
    if ((v & S_MWT_ITS) && !S_its_next(w, n, k->end)) return;
    uint32_t s = k->start, e = k->end;
    unsigned fl = k->flags, c1 = v & 15, c2 = (v >> 4) & 15;
    unsigned cont = v & S_MWT_SEP ? 0 : SR_TOK_MWT_CONT;
    k->end = s + c1;
    k->form_len = c1;
    k->flags = (uint16_t)(fl & ~SR_TOK_SPACE_AFTER);
    if (c2) {
        if (!S_push(t, s + c1, s + c2, cont)) return;
        c1 = c2;
    }
    (void)S_push(t, s + c1, e, (fl & SR_TOK_SPACE_AFTER) | cont);
}

/* Rewrites the offsets of the tokens pushed since the last call as
 * offsets into the original text. Called every few hundred tokens, so the
 * tokens are still in cache (a separate pass over a large article's
 * tokens would stream them from memory again). */
static void S_map_range(S_tok *t) {
    sr_token *tk = t->a->tokens;
    size_t q = t->mapped, n = t->a->ntokens;
    sr_norm_mapper *m = t->map;
    while (q < n) {
        /* Tokens inside the current gap: plain arithmetic on locals. */
        size_t lo = m->gap_lo, hi = m->gap_hi, prev = m->prev_end;
        uint32_t d = m->delta;
        for (; q < n && tk[q].start >= lo && tk[q].end <= hi; q++) {
            uint32_t s = tk[q].start + d, e = tk[q].end + d;
            if (s < prev) s = (uint32_t)prev;
            if (e < s) e = s;
            prev = e;
            tk[q].start = s;
            tk[q].end = e;
        }
        m->prev_end = prev;
        if (q < n) {
            sr_norm_map_span(m, &tk[q].start, &tk[q].end);
            q++;
        }
    }
    t->mapped = n;
}

static int S_tokenize(sitrep_article *a, const char *w, size_t n, int hyphens, sr_norm_mapper *map) {
    S_init_once();
    S_tok t = {a, 0, w, 0, map, 0};
    a->tokens = NULL;
    a->ntokens = 0;
    /* News text averages one token per 5 bytes; EWT-like text slightly
     * more. Sized so that growing is the exception. */
    size_t est = n / 4 + 64;
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
        if (glued && prev_word && (w[i] == '\'' || w[i] == '`' || (w[i] | 0x20) == 'n')) {
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
        if (!end && (c & C_URL1)) {
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
                /* Numbers with a unit: "5pm" -> "5" "pm", "$5bn", "35mm". */
                if ((c & C_DIGIT) && !(flags & SR_TOK_URL) && !(hyph & 1)) end = S_unit_split(w, i, end);
                /* Attach a final period to abbreviations and initials
                 * ("Inc.." is "Inc." and the sentence's "."). */
                if (end < n && w[end] == '.' &&
                    !(end + 1 < n && (w[end + 1] == '!' || w[end + 1] == '?' ||
                                      (w[end + 1] == '.' && end + 2 < n && w[end + 2] == '.')))) {
                    int kind = sr_text_abbrev_kind(w + i, end - i);
                    if (kind && end - i == 1 && i > 0 && (CLS(w[i - 1]) & C_DIGIT)) kind = 0; /* "66k." */
                    /* EWT: an abbreviation that ends the sentence leaves
                     * its period to the sentence ("etc" "."). */
                    if (kind == 2 && !(end + 1 < n && w[end + 1] == '.') && S_abbr_final(w, n, i, end))
                        kind = 0;
                    if (!kind && S_LOWER_EQ(w + i, end - i, "no")) {
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
        if (is_word && !(flags & (SR_TOK_MWT_CONT | SR_TOK_URL | SR_TOK_ABBR)) && tk->form_len >= 2 &&
            tk->form_len <= 8 && (S_mwt_filter[S_mwt_fkey(w + i, end - i) >> 6] >> (S_mwt_fkey(w + i, end - i) & 63) & 1))
            S_mwt(&t, tk, w, n);
        if (t.oom) return -1;
        if (map && a->ntokens - t.mapped >= 256) S_map_range(&t);
        prev_word = is_word || (flags & SR_TOK_URL);
        prev_end = end;
        i = end;
    }
    if (map) S_map_range(&t);
    return 0;
}

int sr_tokenize(sitrep_article *a, const char *w, size_t n, int hyphens) {
    return S_tokenize(a, w, n, hyphens, NULL);
}

int sr_tokenize_norm(sitrep_article *a, const sr_norm *nm, int hyphens) {
    if (!nm->units) return S_tokenize(a, nm->w, nm->wlen, hyphens, NULL); /* offsets are the same */
    sr_norm_mapper m;
    sr_norm_mapper_init(&m, nm);
    return S_tokenize(a, nm->w, nm->wlen, hyphens, &m);
}
