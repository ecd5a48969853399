/* sentences.c - sentence boundaries and datelines over article tokens. */
#include "sentences.h"
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>
#include "tokenize.h"

static inline int S_is(const sr_token *t, const char *s) {
    size_t n = strlen(s); /* literals: folded by the compiler */
    return t->form_len == n && !memcmp(t->form, s, n);
}

/* ". ! ?" and runs of them ("...", "?!"). */
static int S_terminal(const sr_token *t) {
    if (!t->form_len) return 0;
    for (uint32_t i = 0; i < t->form_len; i++)
        if (t->form[i] != '.' && t->form[i] != '!' && t->form[i] != '?') return 0;
    return 1;
}

static int S_ellipsis(const sr_token *t) {
    return t->form_len >= 2 && t->form[0] == '.' && t->form[1] == '.' && S_terminal(t);
}

/* First character class: 1 lowercase letter, 2 uppercase letter, 3 digit,
 * 0 other. */
static int S_first_case(const sr_token *t) {
    if (!t->form_len) return 0;
    unsigned char c = (unsigned char)t->form[0];
    if (c >= 'a' && c <= 'z') return 1;
    if (c >= 'A' && c <= 'Z') return 2;
    if (c >= '0' && c <= '9') return 3;
    if (c >= 0x80) {
        utf8proc_int32_t cp;
        if (utf8proc_iterate((const utf8proc_uint8_t *)t->form, t->form_len, &cp) > 0) {
            utf8proc_category_t k = utf8proc_category(cp);
            if (k == UTF8PROC_CATEGORY_LL) return 1;
            if (k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT) return 2;
        }
    }
    return 0;
}

/* Does this quote/bracket token close what came before it? */
static int S_closer(const sitrep_article *a, const sr_token *t, const sr_token *prev) {
    if (S_is(t, ")") || S_is(t, "]") || S_is(t, "}") || S_is(t, "''")) return 1;
    if (S_is(t, "\"") || S_is(t, "'")) {
        const unsigned char *o = (const unsigned char *)a->text + t->start;
        if (t->end - t->start == 3 && o[0] == 0xE2 && o[1] == 0x80) {
            if (o[2] == 0x9D || o[2] == 0x99) return 1; /* ” ’ */
            if (o[2] == 0x9C || o[2] == 0x98) return 0; /* “ ‘ */
        }
        return !(prev->flags & SR_TOK_SPACE_AFTER);
    }
    return 0;
}

static const char *const S_openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On",
    "At", "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My",
    "If", "When", "While", "After", "Before", "As", "Meanwhile", "However", "So", "Yet",
    "Still", "Also", "Officials", "Some", "Many", "For", "Mr.", "Mrs.", "Ms.", "Dr.", NULL};

static const char *const S_continuers[] = {
    ",", ";", "-", "--", "(", "&", "/", "the", "a", "an", "of", "to", "in", "on", "at", "for",
    "with", "and", "or", "but", "by", "from", "that", "as", "is", "was", "are", "were", "his",
    "her", "their", "its", NULL};

/* First bytes of the words in S_continuers (bit 0) and S_openers (bit 1):
 * most tokens are rejected by one table look-up before the list scan. */
static unsigned char S_first_bits[256];
static pthread_once_t S_first_once = PTHREAD_ONCE_INIT;

static void S_first_init(void) {
    for (int k = 0; S_continuers[k]; k++) S_first_bits[(unsigned char)S_continuers[k][0]] |= 1;
    for (int k = 0; S_openers[k]; k++) S_first_bits[(unsigned char)S_openers[k][0]] |= 2;
}

/* Is t one of the words of `list`, `bit` being its bit in S_first_bits? */
static int S_in(const sr_token *t, const char *const *list, unsigned bit) {
    if (t->form_len > 12 || !t->form_len) return 0;
    pthread_once(&S_first_once, S_first_init);
    if (!(S_first_bits[(unsigned char)t->form[0]] & bit)) return 0;
    for (int k = 0; list[k]; k++)
        if (list[k][0] == t->form[0] && S_is(t, list[k])) return 1;
    return 0;
}

/* Does a single line break between prev and next continue a sentence? */
static int S_line_continues(const sr_token *prev, const sr_token *next) {
    if (S_first_case(next) == 1) return 1;
    if (S_in(prev, S_continuers, 1)) return 1;
    if ((prev->flags & SR_TOK_ABBR) && sr_text_abbrev_kind(prev->form, prev->form_len) == 1) return 1;
    return 0;
}

int sr_split_sentences(sitrep_article *a) {
    size_t n = a->ntokens;
    a->sents = NULL;
    a->nsents = 0;
    if (!n) return 0;
    /* At most one sentence per token; sized for the common case (news:
     * 20-25 tokens a sentence) and grown. */
    size_t cap = n / 8 + 8;
    sr_sentence *s = sr_arena_alloc(&a->arena, cap * sizeof *s);
    if (!s) return -1;
    sr_token *t = a->tokens;
    size_t start = 0;
    for (size_t k = 0; k < n; k++) {
        /* Fast path for most tokens: not the last, not at the length cap,
         * no line break after, no abbreviation and not a ". ! ?" token
         * (S_terminal needs its first byte to be one of those): no
         * boundary can follow, so skip it in a tight loop. */
        size_t lim = n - 1 < start + SR_MAX_SENT_TOKENS - 1 ? n - 1 : start + SR_MAX_SENT_TOKENS - 1;
        uint16_t fl = t[k].flags;
        while (k < lim) {
            uint16_t nfl = t[k + 1].flags;
            if ((nfl & (SR_TOK_PARA_START | SR_TOK_NEWLINE_BEFORE)) || (fl & SR_TOK_ABBR)) break;
            char c0 = t[k].form_len ? t[k].form[0] : 0;
            if (c0 == '.' || c0 == '!' || c0 == '?') break;
            fl = nfl;
            k++;
        }
        size_t last = SIZE_MAX; /* index of the last token of the sentence */
        uint16_t flags = SR_SENT_RULE_SPLIT;
        if (k + 1 >= n) {
            last = k;
        } else if (k + 1 - start >= SR_MAX_SENT_TOKENS) {
            last = k;
            flags |= SR_SENT_TRUNCATED;
        } else {
            const sr_token *nx = &t[k + 1];
            int abbr = (t[k].flags & SR_TOK_ABBR) ? sr_text_abbrev_kind(t[k].form, t[k].form_len) : 0;
            if (nx->flags & SR_TOK_PARA_START) {
                last = k;
            } else if (nx->flags & SR_TOK_NEWLINE_BEFORE) {
                if (!S_line_continues(&t[k], nx)) last = k;
            } else if (S_terminal(&t[k]) || abbr == 2) {
                size_t j = k + 1;
                while (j < n && j - k <= 3 && !(t[j].flags & (SR_TOK_PARA_START | SR_TOK_NEWLINE_BEFORE)) &&
                       S_closer(a, &t[j], &t[j - 1]))
                    j++;
                if (j >= n) {
                    last = n - 1;
                } else if (t[j].flags & (SR_TOK_PARA_START | SR_TOK_NEWLINE_BEFORE)) {
                    last = j - 1;
                } else {
                    const sr_token *w = &t[j];
                    int fc = S_first_case(w), brk;
                    if (abbr == 2) brk = S_in(w, S_openers, 2);
                    else if (S_ellipsis(&t[k])) brk = fc == 2;
                    else brk = fc != 1 && !S_terminal(w) && !S_is(w, ",") && !S_is(w, ";") &&
                               !S_is(w, ":") && !S_is(w, ")");
                    if (brk) last = j - 1;
                }
            }
        }
        if (last == SIZE_MAX) continue;
        if (a->nsents == cap) {
            size_t nc = cap * 2;
            sr_sentence *ns = sr_arena_alloc(&a->arena, nc * sizeof *ns);
            if (!ns) return -1;
            memcpy(ns, s, a->nsents * sizeof *s);
            s = ns;
            cap = nc;
        }
        if (t[start].flags & SR_TOK_PARA_START) flags |= SR_SENT_PARA_START;
        if (last + 1 < n && (t[last + 1].flags & (SR_TOK_PARA_START | SR_TOK_NEWLINE_BEFORE)) &&
            !S_terminal(&t[last]) && !(flags & SR_SENT_TRUNCATED) &&
            !(last > start && S_terminal(&t[last - 1])) && !S_is(&t[last], ":"))
            flags |= SR_SENT_HEADLINE;
        sr_sentence *se = &s[a->nsents++];
        se->start = t[start].start;
        se->end = t[last].end;
        se->first = (uint32_t)start;
        se->ntok = (uint32_t)(last + 1 - start);
        se->flags = flags;
        start = last + 1;
        k = last;
    }
    a->sents = s;
    return 0;
}

/* --- datelines ---------------------------------------------------------- */

static int S_cap_word(const sr_token *t) {
    if (S_first_case(t) != 2) return 0;
    for (uint32_t i = 0; i < t->form_len; i++) {
        unsigned char c = (unsigned char)t->form[i];
        if (!(c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) && c != '.' && c != '\'' && c != '-')
            return 0;
    }
    return 1;
}

static int S_all_caps(const sr_token *t) {
    int letters = 0;
    for (uint32_t i = 0; i < t->form_len; i++) {
        unsigned char c = (unsigned char)t->form[i];
        if (c >= 'a' && c <= 'z') return 0;
        if (c >= 'A' && c <= 'Z') letters++;
    }
    return letters >= 2;
}

static int S_digits_tok(const sr_token *t) {
    for (uint32_t i = 0; i < t->form_len; i++)
        if (t->form[i] < '0' || t->form[i] > '9') return 0;
    return t->form_len > 0;
}

/* If a dateline starts at token p, returns the index of its dash. */
static size_t S_dateline_at(const sitrep_article *a, size_t p) {
    const sr_token *t = a->tokens;
    size_t n = a->ntokens, q = p;
    int words = 0, caps = 0, paren = 0;
    while (q < n && q - p < 5 && S_cap_word(&t[q])) {
        if (q > p && (t[q].flags & (SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START))) return SIZE_MAX;
        caps += S_all_caps(&t[q]);
        words++;
        q++;
    }
    if (!words) return SIZE_MAX;
    if (q < n && S_is(&t[q], ",")) {
        q++;
        size_t lim = q + 7;
        while (q < n && q < lim && (S_cap_word(&t[q]) || S_digits_tok(&t[q]) || S_is(&t[q], ","))) q++;
    }
    if (q < n && S_is(&t[q], "(")) {
        size_t r = q + 1;
        while (r < n && r - q <= 5 && (S_cap_word(&t[r]) || S_is(&t[r], "&"))) r++;
        if (r < n && r > q + 1 && S_is(&t[r], ")")) {
            q = r + 1;
            paren = 1;
        }
    }
    if (q + 1 >= n || !(S_is(&t[q], "-") || S_is(&t[q], "--"))) return SIZE_MAX;
    if (!(paren || caps == words)) return SIZE_MAX;
    if (t[q + 1].flags & (SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START)) return SIZE_MAX;
    for (size_t r = p + 1; r <= q; r++)
        if (t[r].flags & (SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START)) return SIZE_MAX;
    return q;
}

int sr_find_dateline(sitrep_article *a) {
    size_t lines = 0;
    for (size_t p = 0; p < a->ntokens && lines < 4; p++) {
        if (p && !(a->tokens[p].flags & (SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START))) continue;
        lines++;
        size_t q = S_dateline_at(a, p);
        if (q == SIZE_MAX) continue;
        sr_token *t = a->tokens;
        a->dateline_start = t[p].start;
        a->dateline_end = t[q].end;
        /* The stored text drops the trailing dash: "KYIV, March 14 (Reuters)". */
        size_t de = q > p ? t[q - 1].end : t[q].end;
        a->dateline = sr_arena_strndup(&a->arena, a->text + t[p].start, de - t[p].start);
        if (!a->dateline) return -1;
        uint16_t lf = t[p].flags & (SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START);
        size_t drop = q + 1 - p;
        memmove(t + p, t + q + 1, (a->ntokens - q - 1) * sizeof *t);
        a->ntokens -= drop;
        t[p].flags = (uint16_t)((t[p].flags & ~(SR_TOK_NEWLINE_BEFORE | SR_TOK_PARA_START)) | lf);
        return 0;
    }
    return 0;
}
