/* reader.c - readers for PETRARCH / TABARI dictionary files: actors,
 * agents, verbs (both pattern syntaxes), discards and issues. Each reader
 * compiles what it reads straight into the dictionary's trie (dict.c) and
 * reports every malformed line as file:line:col with what was expected,
 * then goes on with the next line: a bad line never stops a load and never
 * crashes it. Formats: docs/dictionaries.md. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "dict/dict_impl.h"
#include "util/buf.h"
#include "util/error.h"

/* ------------------------------------------------------------------ */
/* Lines and comments                                                  */
/* ------------------------------------------------------------------ */

/* One line with comments blanked to spaces (so columns stay right). */
typedef struct S_line {
    char *s;        /* content, NUL-terminated, comments blanked */
    size_t len;     /* trimmed of trailing blanks */
    size_t no;      /* 1-based line number */
} S_line;

typedef struct S_reader {
    sitrep_dict *d;
    const char *file; /* arena copy of the path */
    const char *text;
    size_t len, pos;
    size_t lineno;
    int in_xml;       /* inside a multi-line <!-- ... --> */
    int had_xml;      /* the file uses <!-- --> comments (TABARI-era) */
    int stems;        /* TABARI stem semantics for this file (sr_dict_stems) */
    sr_buf line;
} S_reader;

static int S_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Next line, comments removed; returns 0 at the end of the text. Blank
 * lines are returned too (len 0): the actor reader needs none of them but
 * the synset reader ends a set there. */
static int S_next_line(S_reader *r, S_line *out) {
    if (r->pos >= r->len) return 0;
    size_t s = r->pos;
    const char *nl = memchr(r->text + s, '\n', r->len - s);
    size_t e = nl ? (size_t)(nl - r->text) : r->len;
    r->pos = nl ? e + 1 : r->len;
    r->lineno++;
    sr_buf_clear(&r->line);
    if (sr_buf_append(&r->line, r->text + s, e - s) || !r->line.data) {
        /* out of memory or empty: treat as blank */
        out->s = (char *)"";
        out->len = 0;
        out->no = r->lineno;
        return 1;
    }
    char *b = r->line.data;
    size_t n = r->line.len;
    for (size_t i = 0; i < n; i++)
        if (b[i] == '\0' || b[i] == '\r') b[i] = ' ';
    size_t i = 0;
    if (r->in_xml) {
        char *end = strstr(b, "-->");
        if (!end) {
            memset(b, ' ', n);
            i = n;
        } else {
            memset(b, ' ', (size_t)(end - b) + 3);
            r->in_xml = 0;
            i = (size_t)(end - b) + 3;
        }
    }
    /* a line starting with "<!" is a comment line ("<! -- ... -->" too) */
    size_t lead = 0;
    while (lead < n && S_blank((unsigned char)b[lead])) lead++;
    if (!r->in_xml && i == 0 && lead + 1 < n && b[lead] == '<' && b[lead + 1] == '!') {
        r->had_xml = 1;
        if (!strstr(b + lead, "-->")) r->in_xml = 1;
        memset(b, ' ', n);
        i = n;
    }
    for (; i < n; i++) {
        char c = b[i];
        if (c == '#') {
            memset(b + i, ' ', n - i);
            break;
        }
        if (c == ';' && (i == 0 || S_blank((unsigned char)b[i - 1]) || b[i - 1] == '}' ||
                         b[i - 1] == ']')) {
            memset(b + i, ' ', n - i);
            break;
        }
        if (c == '<' && i + 3 < n && !memcmp(b + i, "<!--", 4)) {
            r->had_xml = 1;
            char *end = strstr(b + i + 4, "-->");
            if (end) {
                memset(b + i, ' ', (size_t)(end - (b + i)) + 3);
                i = (size_t)(end - b) + 2;
            } else {
                memset(b + i, ' ', n - i);
                r->in_xml = 1;
                break;
            }
        }
    }
    while (n && S_blank((unsigned char)b[n - 1])) n--;
    b[n] = '\0';
    out->s = b;
    out->len = n;
    out->no = r->lineno;
    return 1;
}

static size_t S_skip_blank(const char *s, size_t i) {
    while (s[i] && S_blank((unsigned char)s[i])) i++;
    return i;
}

#define ERR(r, ln, col, ...) sr_dict_report((r)->d, (r)->file, (ln)->no, (col), __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Phrases -> word ids                                                 */
/* ------------------------------------------------------------------ */

static int S_word_sep(char c) { return c == ' ' || c == '\t' || c == '_'; }

/* Splits s[0..n) into words at blanks and '_', folds and interns them.
 * Returns the number of words (0: empty), or -1 with an error reported.
 * *stems gets bit k set when word k is a stem: the file has TABARI stem
 * semantics and the word is not directly followed by '_' ("ISRAEL" is a
 * stem, "ISRAEL_" and the "SECURITY" of "SECURITY_COUNCIL" are not). */
static long S_phrase_words(S_reader *r, const S_line *ln, size_t col0, const char *s, size_t n,
                           uint32_t *words, size_t cap, uint64_t *stems) {
    size_t nw = 0, i = 0;
    *stems = 0;
    while (i < n) {
        while (i < n && S_word_sep(s[i])) i++;
        if (i >= n) break;
        size_t b = i;
        while (i < n && !S_word_sep(s[i])) i++;
        if (nw == cap) {
            ERR(r, ln, col0 + b + 1, "phrase too long (expected at most %zu words)", cap);
            return -1;
        }
        char f[SR_DICT_MAX_WORD];
        size_t fl = sr_dict_fold(s + b, i - b, f, sizeof f);
        if (fl == SIZE_MAX) {
            ERR(r, ln, col0 + b + 1, "word too long (expected at most %d bytes)",
                SR_DICT_MAX_WORD - 1);
            return -1;
        }
        if (!fl) continue;
        uint32_t id = sr_dict_intern(r->d, f, fl);
        if (id == SR_WORD_NONE) return -1;
        if (r->stems && (i >= n || s[i] != '_')) *stems |= UINT64_C(1) << nw;
        words[nw++] = id;
    }
    return (long)nw;
}

static const char *S_dup(S_reader *r, const char *s, size_t n) {
    return sr_arena_strndup(&r->d->arena, s, n);
}

static void S_trim(const char *s, size_t *b, size_t *e) {
    while (*b < *e && S_blank((unsigned char)s[*b])) (*b)++;
    while (*e > *b && S_blank((unsigned char)s[*e - 1])) (*e)--;
}

/* ------------------------------------------------------------------ */
/* Dates and codes                                                     */
/* ------------------------------------------------------------------ */

static int S_valid_ymd(long y, long m, long dd) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || dd < 1) return 0;
    if (dd > mdays[m - 1]) return 0;
    if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

/* Parses a date of 6 (YYMMDD; YY <= 30 is 20YY) or 8 digits at s[*i];
 * returns YYYYMMDD or -1. */
static int32_t S_date(const char *s, size_t *i) {
    size_t b = *i, k = b;
    while (isdigit((unsigned char)s[k])) k++;
    size_t nd = k - b;
    if (nd != 6 && nd != 8) return -1;
    long v = strtol(s + b, NULL, 10);
    long y, m, dd;
    if (nd == 8) {
        y = v / 10000;
    } else {
        y = v / 10000;
        y += y <= 30 ? 2000 : 1900;
    }
    m = (v / 100) % 100;
    dd = v % 100;
    if (!S_valid_ymd(y, m, dd)) return -1;
    *i = k;
    return (int32_t)(y * 10000 + m * 100 + dd);
}

typedef struct S_code {
    const char *code;
    int32_t from, to;
    int dated;
} S_code;

/* Parses one "[CODE]" or "[CODE <date|>date|date-date]" at s[*i] == '['.
 * Returns 0 and advances *i past ']', or -1 with an error reported. */
static int S_code_bracket(S_reader *r, const S_line *ln, const char *s, size_t *i, S_code *out,
                          int allow_dates) {
    size_t p = *i + 1;
    p = S_skip_blank(s, p);
    size_t cb = p;
    while (s[p] && !S_blank((unsigned char)s[p]) && s[p] != ']' && s[p] != '[') p++;
    size_t ce = p;
    memset(out, 0, sizeof *out);
    if (ce == cb) {
        ERR(r, ln, cb + 1, s[p] == ']' ? "empty code (expected [CODE])"
                                       : "missing code (expected [CODE])");
        return -1;
    }
    out->code = S_dup(r, s + cb, ce - cb);
    p = S_skip_blank(s, p);
    if (s[p] != ']') {
        if (!allow_dates || s[p] == '[' || !s[p]) {
            ERR(r, ln, p + 1, "expected ']' to close the code");
            return -1;
        }
        size_t dcol = p + 1;
        out->dated = 1;
        if (s[p] == '<' || s[p] == '>') {
            char op = s[p++];
            p = S_skip_blank(s, p);
            int32_t dt = S_date(s, &p);
            if (dt < 0) {
                ERR(r, ln, p + 1, "bad date (expected YYYYMMDD or YYMMDD after '%c')", op);
                return -1;
            }
            if (op == '<') {
                out->from = SR_DATE_MIN;
                out->to = dt;
            } else {
                out->from = dt;
                out->to = SR_DATE_MAX;
            }
        } else {
            int32_t d1 = S_date(s, &p);
            if (d1 < 0) {
                ERR(r, ln, dcol, "bad date restriction (expected <date, >date or date-date "
                                 "with dates as YYYYMMDD or YYMMDD)");
                return -1;
            }
            p = S_skip_blank(s, p);
            if (s[p] != '-') {
                ERR(r, ln, p + 1, "expected '-' and an end date in a date range (or '<'/'>' "
                                  "before a single date)");
                return -1;
            }
            p = S_skip_blank(s, p + 1);
            int32_t d2 = S_date(s, &p);
            if (d2 < 0) {
                ERR(r, ln, p + 1, "bad end date (expected YYYYMMDD or YYMMDD)");
                return -1;
            }
            if (d2 < d1) {
                ERR(r, ln, dcol, "date range ends before it starts (expected date1 <= date2)");
                return -1;
            }
            out->from = d1;
            out->to = d2;
        }
        p = S_skip_blank(s, p);
        if (s[p] != ']') {
            ERR(r, ln, p + 1, "expected ']' after the date restriction");
            return -1;
        }
    }
    *i = p + 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Actors                                                              */
/* ------------------------------------------------------------------ */

typedef struct S_actor_rec {
    sr_actor_entry *e;
    long idx;
    sr_code_range *ranges;
    size_t nranges, cap;
    size_t line;
    size_t nphrases;
    size_t code_lines; /* code brackets seen for this record, good or bad */
} S_actor_rec;

static void S_actor_finish(S_reader *r, S_actor_rec *rec) {
    if (!rec->e) return;
    if (rec->nranges) {
        sr_code_range *rs =
            sr_arena_alloc(&r->d->arena, rec->nranges * sizeof *rs);
        if (rs) {
            memcpy(rs, rec->ranges, rec->nranges * sizeof *rs);
            rec->e->ranges = rs;
            rec->e->nranges = (uint32_t)rec->nranges;
            r->d->actor_ranges += rec->nranges;
        }
    }
    if (!rec->e->code && !rec->nranges) {
        sr_dict_report(r->d, r->file, rec->line, 1,
                       "actor '%s' has no code (expected [CODE] on its line or a "
                       "following indented [CODE] line)",
                       rec->e->primary);
    }
    rec->e = NULL;
    rec->nranges = 0;
}

static void S_actor_codes(S_reader *r, const S_line *ln, const char *s, size_t i,
                          S_actor_rec *rec) {
    rec->code_lines++;
    while (1) {
        i = S_skip_blank(s, i);
        if (!s[i]) return;
        if (s[i] != '[') {
            ERR(r, ln, i + 1, "unexpected text after the code (expected '[' or a comment)");
            return;
        }
        S_code c;
        if (S_code_bracket(r, ln, s, &i, &c, 1)) return;
        if (!c.dated) {
            if (rec->e->code && strcmp(rec->e->code, c.code) != 0)
                ERR(r, ln, 1, "second undated code for '%s' (expected one default code)",
                    rec->e->primary);
            else
                rec->e->code = c.code;
        } else {
            if (rec->nranges == rec->cap) {
                size_t nc = rec->cap ? rec->cap * 2 : 8;
                sr_code_range *nr = realloc(rec->ranges, nc * sizeof *nr);
                if (!nr) return;
                rec->ranges = nr;
                rec->cap = nc;
            }
            rec->ranges[rec->nranges++] = (sr_code_range){c.from, c.to, c.code};
        }
    }
}

static void S_actor_phrase(S_reader *r, const S_line *ln, const char *s, size_t b, size_t e,
                           S_actor_rec *rec) {
    uint32_t words[SR_DICT_MAX_PHRASE];
    uint64_t stems;
    S_trim(s, &b, &e);
    long nw = S_phrase_words(r, ln, b, s + b, e - b, words, SR_DICT_MAX_PHRASE, &stems);
    if (nw < 0) return;
    if (nw == 0) {
        ERR(r, ln, b + 1, "empty phrase (expected words before the code)");
        return;
    }
    for (size_t k = b; k < e; k++)
        if (s[k] == ']' || s[k] == '{' || s[k] == '}') {
            ERR(r, ln, k + 1, "unexpected '%c' in an actor phrase (expected words joined "
                              "by '_' or blanks)", s[k]);
            return;
        }
    sr_payload p = {0};
    p.kind = SR_DICT_ACTOR;
    p.entry = (uint32_t)rec->idx;
    p.phrase = S_dup(r, s + b, e - b);
    p.line = (uint32_t)ln->no;
    if (sr_dict_add_phrase(r->d, words, (size_t)nw, stems, &p) == 0) {
        r->d->actor_phrases++;
        rec->nphrases++;
    }
}

static void S_read_actors(S_reader *r) {
    S_line ln;
    S_actor_rec rec = {0};
    while (S_next_line(r, &ln)) {
        const char *s = ln.s;
        size_t i = S_skip_blank(s, 0);
        if (!s[i]) continue;
        if (s[i] == '[') {
            if (!rec.e) {
                ERR(r, &ln, i + 1, "code line without an actor (expected a phrase line "
                                   "before it)");
                continue;
            }
            S_actor_codes(r, &ln, s, i, &rec);
            continue;
        }
        const char *br = strchr(s + i, '[');
        size_t pe = br ? (size_t)(br - s) : ln.len;
        if (s[i] == '+') {
            if (!rec.e) {
                ERR(r, &ln, i + 1, "synonym without an actor (expected a primary phrase "
                                   "line before '+')");
                continue;
            }
            for (size_t k = i + 1; k < pe; k++)
                if (s[k] == '+' && k > i + 1 && s[k - 1] == '_') {
                    ERR(r, &ln, k + 1, "'+' inside a synonym (expected one synonym per "
                                       "line)");
                    goto next;
                }
            S_actor_phrase(r, &ln, s, i + 1, pe, &rec);
            if (br) S_actor_codes(r, &ln, s, pe, &rec);
            continue;
        }
        /* A primary phrase without a code right after another one without
         * a code (and no code line yet) joins its group: the codes that
         * follow apply to the whole run, as the dictionaries' authors
         * intended (PETRARCH would leave the earlier lines code-less). */
        if (rec.e && !br && !rec.code_lines) {
            S_actor_phrase(r, &ln, s, i, pe, &rec);
            continue;
        }
        /* a primary phrase: starts a new record */
        S_actor_finish(r, &rec);
        {
            sr_actor_entry *e = sr_arena_calloc(&r->d->arena, 1, sizeof *e);
            if (!e) break;
            size_t b = i, en = pe;
            S_trim(s, &b, &en);
            e->primary = S_dup(r, s + b, en - b);
            e->file = r->file;
            e->line = (uint32_t)ln.no;
            rec.idx = sr_ptrvec_push(&r->d->actors, e);
            if (rec.idx < 0) break;
            rec.e = e;
            rec.line = ln.no;
            rec.nphrases = 0;
            rec.code_lines = 0;
            S_actor_phrase(r, &ln, s, i, pe, &rec);
            if (br) S_actor_codes(r, &ln, s, pe, &rec);
        }
    next:;
    }
    S_actor_finish(r, &rec);
    free(rec.ranges);
}

/* ------------------------------------------------------------------ */
/* Plurals and verb forms (English, upper or lower case)               */
/* ------------------------------------------------------------------ */

static int S_is_vowel(char c) { return strchr("AEIOUaeiou", c) != NULL; }

/* Regular plural of the last word of s[0..n) into out (NUL-terminated). */
static void S_plural(const char *s, size_t n, char *out, size_t cap) {
    if (!n || n + 3 >= cap) {
        out[0] = '\0';
        return;
    }
    int up = isupper((unsigned char)s[n - 1]);
    char last = (char)toupper((unsigned char)s[n - 1]);
    char prev = n > 1 ? (char)toupper((unsigned char)s[n - 2]) : ' ';
    if (last == 'Y' && !S_is_vowel(prev))
        snprintf(out, cap, "%.*s%s", (int)(n - 1), s, up ? "IES" : "ies");
    else if (last == 'S' || last == 'X' || last == 'Z' ||
             ((last == 'H') && (prev == 'C' || prev == 'S')))
        snprintf(out, cap, "%.*s%s", (int)n, s, up ? "ES" : "es");
    else
        snprintf(out, cap, "%.*s%s", (int)n, s, up ? "S" : "s");
}

/* ------------------------------------------------------------------ */
/* Agents                                                              */
/* ------------------------------------------------------------------ */

typedef struct S_subst {
    char *name;   /* without the '!' */
    char **items;
    size_t n;
} S_subst;

static void S_agent_add(S_reader *r, const S_line *ln, size_t col, long idx, const char *phrase,
                        size_t n, int plural) {
    uint32_t words[SR_DICT_MAX_PHRASE];
    uint64_t stems;
    long nw = S_phrase_words(r, ln, col, phrase, n, words, SR_DICT_MAX_PHRASE, &stems);
    if (nw <= 0) {
        if (nw == 0) ERR(r, ln, col + 1, "empty agent phrase (expected words)");
        return;
    }
    sr_payload p = {0};
    p.kind = SR_DICT_AGENT;
    p.entry = (uint32_t)idx;
    p.plural = (uint8_t)plural;
    p.phrase = S_dup(r, phrase, n);
    p.line = (uint32_t)ln->no;
    if (sr_dict_add_phrase(r->d, words, (size_t)nw, stems, &p) == 0) r->d->agent_phrases++;
}

static void S_read_agents(S_reader *r) {
    S_line ln;
    S_subst *subs = NULL;
    size_t nsubs = 0;
    while (S_next_line(r, &ln)) {
        char *s = ln.s;
        size_t i = S_skip_blank(s, 0);
        if (!s[i]) continue;
        char *br = strchr(s + i, '[');
        char *eq = strchr(s + i, '=');
        if (s[i] == '!' && eq && (!br || eq < br)) {
            /* !NAME! = A, B, C */
            char *e2 = strchr(s + i + 1, '!');
            if (!e2 || e2 > eq) {
                ERR(r, &ln, i + 1, "bad substitution set (expected !NAME! = A, B, ...)");
                continue;
            }
            S_subst *ns = realloc(subs, (nsubs + 1) * sizeof *ns);
            if (!ns) break;
            subs = ns;
            S_subst *sb = &subs[nsubs];
            sb->name = strndup(s + i + 1, (size_t)(e2 - s - i - 1));
            sb->items = NULL;
            sb->n = 0;
            nsubs++;
            char *p = eq + 1;
            while (*p) {
                char *c = strchr(p, ',');
                size_t b = 0, e = c ? (size_t)(c - p) : strlen(p);
                S_trim(p, &b, &e);
                if (e > b) {
                    char **ni = realloc(sb->items, (sb->n + 1) * sizeof *ni);
                    if (!ni) break;
                    sb->items = ni;
                    sb->items[sb->n++] = strndup(p + b, e - b);
                }
                if (!c) break;
                p = c + 1;
            }
            if (!sb->n) ERR(r, &ln, (size_t)(eq - s) + 2, "empty substitution set (expected "
                                                          "a comma-separated list)");
            continue;
        }
        if (!br) {
            ERR(r, &ln, ln.len + 1, "agent has no code (expected [~CODE] or [CODE~])");
            continue;
        }
        size_t bpos = (size_t)(br - s);
        size_t j = bpos;
        S_code c;
        if (S_code_bracket(r, &ln, s, &j, &c, 0)) continue;
        j = S_skip_blank(s, j);
        if (s[j]) {
            ERR(r, &ln, j + 1, "unexpected text after the agent code (expected a comment)");
            continue;
        }
        size_t cl = strlen(c.code);
        sr_agent_compose comp;
        const char *code;
        if (c.code[0] == '~' && cl > 1 && !strchr(c.code + 1, '~')) {
            comp = SR_AGENT_SUFFIX;
            code = c.code + 1;
        } else if (cl > 1 && c.code[cl - 1] == '~' && !memchr(c.code, '~', cl - 1)) {
            comp = SR_AGENT_PREFIX;
            code = S_dup(r, c.code, cl - 1);
        } else {
            ERR(r, &ln, bpos + 2, "agent code '%s' needs one '~' (expected [~CODE] or [CODE~])",
                c.code);
            continue;
        }
        /* phrase and {plural} */
        size_t pb = i, pe = bpos;
        const char *lb = memchr(s + pb, '{', pe - pb);
        size_t plb = 0, ple = 0;
        int has_plural = 0;
        if (lb) {
            const char *rb = memchr(lb, '}', (size_t)(s + pe - lb));
            if (!rb) {
                ERR(r, &ln, (size_t)(lb - s) + 1, "missing '}' (expected {PLURAL} or {})");
                continue;
            }
            has_plural = 1;
            plb = (size_t)(lb - s) + 1;
            ple = (size_t)(rb - s);
            S_trim(s, &plb, &ple);
            size_t after = S_skip_blank(s, (size_t)(rb - s) + 1);
            if (after < pe) {
                ERR(r, &ln, after + 1, "unexpected text after {PLURAL} (expected [CODE])");
                continue;
            }
            pe = (size_t)(lb - s);
        }
        S_trim(s, &pb, &pe);
        if (pe == pb) {
            ERR(r, &ln, i + 1, "empty agent phrase (expected words before the code)");
            continue;
        }
        sr_agent_entry *e = sr_arena_calloc(&r->d->arena, 1, sizeof *e);
        if (!e) break;
        e->primary = S_dup(r, s + pb, pe - pb);
        e->file = r->file;
        e->line = (uint32_t)ln.no;
        e->code = code;
        e->compose = comp;
        long idx = sr_ptrvec_push(&r->d->agents, e);
        if (idx < 0) break;
        const char *m1 = memchr(s + pb, '!', pe - pb);
        if (m1) {
            const char *m2 = memchr(m1 + 1, '!', (size_t)(s + pe - m1 - 1));
            if (!m2) {
                ERR(r, &ln, (size_t)(m1 - s) + 1, "unclosed substitution marker (expected "
                                                  "!NAME!)");
                continue;
            }
            size_t nl = (size_t)(m2 - m1 - 1);
            S_subst *sb = NULL;
            for (size_t k = 0; k < nsubs; k++)
                if (strlen(subs[k].name) == nl && !memcmp(subs[k].name, m1 + 1, nl)) sb = &subs[k];
            if (!sb) {
                ERR(r, &ln, (size_t)(m1 - s) + 1, "undefined substitution marker '!%.*s!' "
                                                  "(expected a '!NAME! = ...' line before)",
                    (int)nl, m1 + 1);
                continue;
            }
            for (size_t k = 0; k < sb->n; k++) {
                char buf[1024];
                int w = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(m1 - s - pb), s + pb,
                                 sb->items[k], (int)(s + pe - m2 - 1), m2 + 1);
                if (w > 0 && (size_t)w < sizeof buf) S_agent_add(r, &ln, pb, idx, buf, (size_t)w, 0);
            }
            continue;
        }
        S_agent_add(r, &ln, pb, idx, s + pb, pe - pb, 0);
        if (has_plural) {
            if (ple > plb) S_agent_add(r, &ln, plb, idx, s + plb, ple - plb, 1);
        } else if (r->stems && s[pe - 1] == '_') {
            /* TABARI whole word "MINISTRY_": the plural "MINISTRIES_" is a
             * whole word too (not "MINISTRY_S", whose "S" would be a stem) */
            size_t q = pe;
            while (q > pb && s[q - 1] == '_') q--;
            char pl[1024];
            S_plural(s + pb, q - pb, pl, sizeof pl - 1);
            if (pl[0] && q > pb) {
                strcat(pl, "_");
                S_agent_add(r, &ln, pb, idx, pl, strlen(pl), 1);
            }
        } else {
            char pl[1024];
            S_plural(s + pb, pe - pb, pl, sizeof pl);
            if (pl[0]) S_agent_add(r, &ln, pb, idx, pl, strlen(pl), 1);
        }
    }
    for (size_t k = 0; k < nsubs; k++) {
        for (size_t j = 0; j < subs[k].n; j++) free(subs[k].items[j]);
        free(subs[k].items);
        free(subs[k].name);
    }
    free(subs);
}

/* ------------------------------------------------------------------ */
/* Discards                                                            */
/* ------------------------------------------------------------------ */

static void S_read_discards(S_reader *r) {
    S_line ln;
    while (S_next_line(r, &ln)) {
        const char *s = ln.s;
        size_t b = S_skip_blank(s, 0), e = ln.len;
        if (b >= e) continue;
        int story = 0;
        if (s[b] == '+') {
            story = 1;
            b++;
        }
        S_trim(s, &b, &e);
        for (size_t k = b; k < e; k++)
            if (s[k] == '[' || s[k] == ']') {
                ERR(r, &ln, k + 1, "unexpected '%c' in a discard phrase (expected words only)",
                    s[k]);
                goto next;
            }
        {
            uint32_t words[SR_DICT_MAX_PHRASE];
            uint64_t stems;
            long nw = S_phrase_words(r, &ln, b, s + b, e - b, words, SR_DICT_MAX_PHRASE, &stems);
            if (nw < 0) continue;
            if (nw == 0) {
                ERR(r, &ln, b + 1, "empty discard phrase (expected words after '+')");
                continue;
            }
            sr_discard_entry *de = sr_arena_calloc(&r->d->arena, 1, sizeof *de);
            if (!de) return;
            de->phrase = S_dup(r, s + b, e - b);
            de->story = story;
            de->file = r->file;
            de->line = (uint32_t)ln.no;
            long idx = sr_ptrvec_push(&r->d->discards, de);
            if (idx < 0) return;
            sr_payload p = {0};
            p.kind = SR_DICT_DISCARD;
            p.entry = (uint32_t)idx;
            p.phrase = de->phrase;
            p.line = de->line;
            sr_dict_add_phrase(r->d, words, (size_t)nw, stems, &p);
        }
    next:;
    }
}

/* ------------------------------------------------------------------ */
/* Issues                                                              */
/* ------------------------------------------------------------------ */

#define S_MAX_VARIANTS 64

/* Expands "n:word", "v:word" and "a+b" in an issue phrase into variants. */
static size_t S_issue_variants(const char *phrase, char out[][512], size_t cap) {
    size_t nv = 1;
    out[0][0] = '\0';
    const char *p = phrase;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ') e++;
        char w[256];
        size_t wl = (size_t)(e - p) < sizeof w - 1 ? (size_t)(e - p) : sizeof w - 1;
        memcpy(w, p, wl);
        w[wl] = '\0';
        p = e;
        /* forms of this word */
        char forms[8][300];
        size_t nf = 0;
        char *base = w;
        int noun = 0, verb = 0;
        if ((w[0] == 'n' || w[0] == 'N') && w[1] == ':') noun = 1, base = w + 2;
        else if ((w[0] == 'v' || w[0] == 'V') && w[1] == ':') verb = 1, base = w + 2;
        size_t bl = strlen(base);
        snprintf(forms[nf++], sizeof forms[0], "%s", base);
        if (noun && bl) {
            S_plural(base, bl, forms[nf], sizeof forms[0]);
            nf++;
        } else if (verb && bl) {
            int up = isupper((unsigned char)base[bl - 1]);
            char last = (char)toupper((unsigned char)base[bl - 1]);
            snprintf(forms[nf++], sizeof forms[0], "%s%s", base, up ? "S" : "s");
            if (last == 'E') {
                snprintf(forms[nf++], sizeof forms[0], "%s%s", base, up ? "D" : "d");
                snprintf(forms[nf++], sizeof forms[0], "%.*s%s", (int)(bl - 1), base,
                         up ? "ING" : "ing");
            } else {
                snprintf(forms[nf++], sizeof forms[0], "%s%s", base, up ? "ED" : "ed");
                snprintf(forms[nf++], sizeof forms[0], "%s%s", base, up ? "ING" : "ing");
            }
        }
        /* '+': blank and '-' versions */
        size_t nf2 = nf;
        for (size_t k = 0; k < nf2 && nf < 8; k++) {
            char *plus = strchr(forms[k], '+');
            if (!plus) continue;
            memcpy(forms[nf], forms[k], sizeof forms[0]);
            forms[nf][plus - forms[k]] = '-';
            *plus = ' ';
            nf++;
        }
        size_t newn = 0;
        char (*tmp)[512] = malloc(cap * sizeof *tmp);
        if (!tmp) return nv;
        for (size_t v = 0; v < nv; v++)
            for (size_t k = 0; k < nf && newn < cap; k++)
                snprintf(tmp[newn++], 512, "%.200s%s%.250s", out[v], out[v][0] ? " " : "",
                         forms[k]);
        memcpy(out, tmp, newn * sizeof *tmp);
        free(tmp);
        nv = newn;
    }
    return nv;
}

static void S_read_issues(S_reader *r) {
    S_line ln;
    const char *category = NULL;
    char (*vars)[512] = malloc(S_MAX_VARIANTS * sizeof *vars);
    if (!vars) return;
    while (S_next_line(r, &ln)) {
        char *s = ln.s;
        size_t b = S_skip_blank(s, 0), e = ln.len;
        if (b >= e) continue;
        if (s[b] == '<') {
            if (strncasecmp(s + b, "</ISSUE", 7) == 0) {
                category = NULL;
            } else if (strncasecmp(s + b, "<ISSUE", 6) == 0) {
                char *c = strstr(s + b, "CATEGORY=\"");
                if (c) {
                    char *q = strchr(c + 10, '"');
                    if (q) category = S_dup(r, c + 10, (size_t)(q - c - 10));
                    else ERR(r, &ln, (size_t)(c - s) + 11, "unclosed CATEGORY value (expected '\"')");
                }
            } else {
                ERR(r, &ln, b + 1, "unknown tag (expected <ISSUE CATEGORY=\"...\"> or </ISSUE>)");
            }
            continue;
        }
        sr_issue_type type = SR_ISSUE_CODE;
        const char *code = NULL;
        if (s[b] == '~') {
            type = SR_ISSUE_IGNORE;
            b++;
            if (s[b] == '~') {
                type = SR_ISSUE_IGNORE_STORY;
                b++;
            }
        } else {
            char *br = strchr(s + b, '[');
            if (!br) {
                ERR(r, &ln, e + 1, "issue phrase has no code (expected PHRASE [CODE])");
                continue;
            }
            size_t j = (size_t)(br - s);
            S_code c;
            if (S_code_bracket(r, &ln, s, &j, &c, 0)) continue;
            j = S_skip_blank(s, j);
            if (s[j]) {
                ERR(r, &ln, j + 1, "unexpected text after the issue code (expected a comment)");
                continue;
            }
            code = c.code;
            e = (size_t)(br - s);
        }
        S_trim(s, &b, &e);
        if (e <= b) {
            ERR(r, &ln, b + 1, "empty issue phrase (expected words)");
            continue;
        }
        sr_issue_entry *ie = sr_arena_calloc(&r->d->arena, 1, sizeof *ie);
        if (!ie) break;
        ie->phrase = S_dup(r, s + b, e - b);
        ie->code = code;
        ie->category = category;
        ie->type = type;
        ie->file = r->file;
        ie->line = (uint32_t)ln.no;
        long idx = sr_ptrvec_push(&r->d->issues, ie);
        if (idx < 0) break;
        size_t nv = S_issue_variants(ie->phrase, vars, S_MAX_VARIANTS);
        for (size_t v = 0; v < nv; v++) {
            uint32_t words[SR_DICT_MAX_PHRASE];
            uint64_t stems;
            long nw = S_phrase_words(r, &ln, b, vars[v], strlen(vars[v]), words,
                                     SR_DICT_MAX_PHRASE, &stems);
            if (nw <= 0) continue;
            sr_payload p = {0};
            p.kind = SR_DICT_ISSUE;
            p.entry = (uint32_t)idx;
            p.phrase = ie->phrase;
            p.line = ie->line;
            sr_dict_add_phrase(r->d, words, (size_t)nw, stems, &p);
        }
    }
    free(vars);
}

/* ------------------------------------------------------------------ */
/* Verbs                                                               */
/* ------------------------------------------------------------------ */

/* A synset reference waiting for resolution. */
typedef struct S_pending {
    sr_pat_elem *e;
    size_t line, col;
} S_pending;

typedef struct S_verb_state {
    sr_verb_block *block;   /* current block or NULL */
    sr_verb_pattern *pats;  /* its patterns while reading (malloc) */
    size_t npats, pcap;
    sr_synset_src *syn;     /* current synset or NULL */
    S_pending *pend;
    size_t npend, pendcap;
    char **known;           /* synset names defined in this file (pre-scan) */
    size_t nknown;
} S_verb_state;

static uint64_t S_name_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)toupper((unsigned char)*s);
        h *= 1099511628211ULL;
    }
    return h;
}

sr_synset_src *sr_dict_find_synset(const sitrep_dict *d, const char *name) {
    if (!d->stab_cap) return NULL;
    size_t mask = d->stab_cap - 1;
    for (size_t i = (size_t)S_name_hash(name) & mask;; i = (i + 1) & mask) {
        uint32_t k = d->stab[i];
        if (!k) return NULL;
        sr_synset_src *ss = d->synsets.v[k - 1];
        if (strcasecmp(ss->syn->name, name) == 0) return ss;
    }
}

static int S_stab_insert(sitrep_dict *d, size_t idx) {
    if ((d->synsets.n + 1) * 2 > d->stab_cap) {
        size_t nc = d->stab_cap ? d->stab_cap * 2 : 256;
        uint32_t *t = calloc(nc, sizeof *t);
        if (!t) return -1;
        for (size_t k = 0; k < d->synsets.n; k++) {
            if (k == idx) continue;
            sr_synset_src *ss = d->synsets.v[k];
            size_t i = (size_t)S_name_hash(ss->syn->name) & (nc - 1);
            while (t[i]) i = (i + 1) & (nc - 1);
            t[i] = (uint32_t)(k + 1);
        }
        free(d->stab);
        d->stab = t;
        d->stab_cap = nc;
    }
    sr_synset_src *ss = d->synsets.v[idx];
    size_t mask = d->stab_cap - 1;
    size_t i = (size_t)S_name_hash(ss->syn->name) & mask;
    while (d->stab[i]) i = (i + 1) & mask;
    d->stab[i] = (uint32_t)(idx + 1);
    return 0;
}

static void S_block_finish(S_reader *r, S_verb_state *st) {
    if (!st->block) return;
    if (st->npats) {
        sr_verb_pattern *p = sr_arena_alloc(&r->d->arena, st->npats * sizeof *p);
        if (p) {
            memcpy(p, st->pats, st->npats * sizeof *p);
            st->block->patterns = p;
            st->block->npatterns = (uint32_t)st->npats;
        }
    }
    st->npats = 0;
    st->block = NULL;
}

/* Splits "CODE:CODE2" */
static void S_split_code(S_reader *r, const char *c, const char **code, const char **code2) {
    const char *colon = strchr(c, ':');
    if (!colon) {
        *code = c;
        *code2 = NULL;
        return;
    }
    *code = S_dup(r, c, (size_t)(colon - c));
    *code2 = colon[1] ? colon + 1 : NULL;
}

static void S_verb_header(S_reader *r, const S_line *ln, S_verb_state *st) {
    S_block_finish(r, st);
    st->syn = NULL;
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0) + 3, e = ln->len;
    while (b < e && s[b] == '-') b++;
    /* trailing dashes */
    while (e > b && (s[e - 1] == '-' || S_blank((unsigned char)s[e - 1]))) e--;
    const char *br = memchr(s + b, '[', e - b);
    size_t ne = br ? (size_t)(br - s) : e;
    size_t nb = b;
    S_trim(s, &nb, &ne);
    if (ne <= nb) {
        ERR(r, ln, b + 1, "verb block without a name (expected --- NAME [CODE] ---)");
        return;
    }
    sr_verb_block *blk = sr_arena_calloc(&r->d->arena, 1, sizeof *blk);
    if (!blk) return;
    blk->name = S_dup(r, s + nb, ne - nb);
    blk->file = r->file;
    blk->line = (uint32_t)ln->no;
    blk->code = "---";
    if (br) {
        size_t j = (size_t)(br - s);
        S_code c;
        if (S_code_bracket(r, ln, s, &j, &c, 0) == 0) S_split_code(r, c.code, &blk->code, &blk->code2);
        /* a second [CODE] (seen in TABARI files) is tolerated and ignored */
    }
    if (sr_ptrvec_push(&r->d->blocks, blk) < 0) return;
    st->block = blk;
}

static void S_synset_header(S_reader *r, const S_line *ln, S_verb_state *st) {
    S_block_finish(r, st);
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0), e = ln->len;
    size_t ne = b + 1;
    while (ne < e && !S_blank((unsigned char)s[ne])) ne++;
    if (S_skip_blank(s, ne) < e) {
        ERR(r, ln, S_skip_blank(s, ne) + 1, "unexpected text after the synset name "
                                            "(expected &NAME alone on its line)");
    }
    size_t nl = ne - b;
    int no_plural = 0;
    while (nl > 1 && s[b + nl - 1] == '_') {
        nl--;
        no_plural = 1;
    }
    if (nl <= 1) {
        ERR(r, ln, b + 1, "synset without a name (expected &NAME)");
        st->syn = NULL;
        return;
    }
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)nl, s + b);
    sr_synset_src *ss = sr_dict_find_synset(r->d, name);
    if (ss) {
        /* PETRARCH appends to an existing set of the same name */
        st->syn = ss;
        return;
    }
    ss = sr_arena_calloc(&r->d->arena, 1, sizeof *ss);
    sr_synset *syn = sr_arena_calloc(&r->d->arena, 1, sizeof *syn);
    if (!ss || !syn) return;
    syn->name = S_dup(r, name, strlen(name));
    syn->file = r->file;
    syn->line = (uint32_t)ln->no;
    ss->syn = syn;
    ss->no_plural = no_plural;
    long idx = sr_ptrvec_push(&r->d->synsets, ss);
    if (idx < 0 || S_stab_insert(r->d, (size_t)idx)) return;
    st->syn = ss;
}

static void S_synset_member(S_reader *r, const S_line *ln, S_verb_state *st) {
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0) + 1, e = ln->len;
    S_trim(s, &b, &e);
    if (e <= b) {
        ERR(r, ln, b + 1, "empty synset member (expected +WORD or +&SYNSET)");
        return;
    }
    for (size_t k = b; k < e; k++)
        if (strchr("$%^*[]{}()", s[k]) || (s[k] == '+' && k > b)) {
            ERR(r, ln, k + 1, "unexpected '%c' in a synset member (expected words only)", s[k]);
            return;
        }
    sr_synset_src *ss = st->syn;
    if (ss->n == ss->cap) {
        size_t nc = ss->cap ? ss->cap * 2 : 8;
        char **nm = realloc(ss->members, nc * sizeof *nm);
        uint32_t *nl = realloc(ss->member_lines, nc * sizeof *nl);
        if (nm) ss->members = nm;
        if (nl) ss->member_lines = nl;
        if (!nm || !nl) return;
        ss->cap = nc;
    }
    ss->members[ss->n] = (char *)S_dup(r, s + b, e - b);
    ss->member_lines[ss->n] = (uint32_t)ln->no;
    ss->n++;
    ss->state = 0; /* (re)resolve */
}

/* Verb forms of one verb line. */
static void S_verb_form(S_reader *r, const S_line *ln, size_t col, long idx, const char *form,
                        size_t n, int default_pos) {
    /* split on '_' and blanks, '+' marks the verb word */
    uint32_t words[SR_DICT_MAX_PHRASE];
    uint64_t stems = 0; /* as in S_phrase_words */
    size_t nw = 0, i = 0;
    int vpos = -1;
    while (i < n) {
        while (i < n && S_word_sep(form[i])) i++;
        if (i >= n) break;
        size_t b = i;
        while (i < n && !S_word_sep(form[i])) i++;
        int plus = 0;
        if (form[b] == '+') {
            plus = 1;
            b++;
        }
        if (b >= i) continue;
        char f[SR_DICT_MAX_WORD];
        size_t fl = sr_dict_fold(form + b, i - b, f, sizeof f);
        if (fl == SIZE_MAX || nw == SR_DICT_MAX_PHRASE) {
            ERR(r, ln, col + b + 1, "verb form too long");
            return;
        }
        if (plus) vpos = (int)nw;
        uint32_t id = sr_dict_intern(r->d, f, fl);
        if (id == SR_WORD_NONE) return;
        if (r->stems && (i >= n || form[i] != '_')) stems |= UINT64_C(1) << nw;
        words[nw++] = id;
    }
    if (!nw) return;
    if (vpos < 0) vpos = default_pos < (int)nw ? default_pos : 0;
    if (vpos > 3) {
        ERR(r, ln, col + 1, "the verb word must be among the first four words of a "
                            "multi-word verb (mark it with '+')");
        return;
    }
    sr_payload p = {0};
    p.kind = SR_DICT_VERB;
    p.entry = (uint32_t)idx;
    p.verbpos = (uint8_t)vpos;
    p.phrase = S_dup(r, form, n);
    p.line = (uint32_t)ln->no;
    if (sr_dict_add_phrase(r->d, words, nw, stems, &p) == 0) r->d->verb_forms++;
}

/* Regular forms: the verb word inflected (-S, -ED, -ING). */
static void S_regular_forms(const char *w, size_t n, char out[3][SR_DICT_MAX_WORD]) {
    char last = n ? (char)toupper((unsigned char)w[n - 1]) : ' ';
    char prev = n > 1 ? (char)toupper((unsigned char)w[n - 2]) : ' ';
    int up = n ? isupper((unsigned char)w[n - 1]) || !isalpha((unsigned char)w[n - 1]) : 1;
    int ni = (int)n;
    if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S')))
        snprintf(out[0], SR_DICT_MAX_WORD, "%.*s%s", ni, w, up ? "ES" : "es");
    else if (last == 'Y' && !S_is_vowel(prev))
        snprintf(out[0], SR_DICT_MAX_WORD, "%.*s%s", ni - 1, w, up ? "IES" : "ies");
    else
        snprintf(out[0], SR_DICT_MAX_WORD, "%.*s%s", ni, w, up ? "S" : "s");
    if (last == 'E')
        snprintf(out[1], SR_DICT_MAX_WORD, "%.*s%s", ni, w, up ? "D" : "d");
    else if (last == 'Y' && !S_is_vowel(prev))
        snprintf(out[1], SR_DICT_MAX_WORD, "%.*s%s", ni - 1, w, up ? "IED" : "ied");
    else
        snprintf(out[1], SR_DICT_MAX_WORD, "%.*s%s", ni, w, up ? "ED" : "ed");
    if (last == 'E' && n > 2 && !S_is_vowel(prev))
        snprintf(out[2], SR_DICT_MAX_WORD, "%.*s%s", ni - 1, w, up ? "ING" : "ing");
    else
        snprintf(out[2], SR_DICT_MAX_WORD, "%.*s%s", ni, w, up ? "ING" : "ing");
}

static void S_verb_line(S_reader *r, const S_line *ln, S_verb_state *st) {
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0), e = ln->len;
    if (!st->block) {
        ERR(r, ln, b + 1, "verb outside a block (expected a '--- NAME [CODE] ---' line "
                          "before it)");
        return;
    }
    const char *code = NULL, *code2 = NULL;
    const char *br = memchr(s + b, '[', e - b);
    size_t pe = br ? (size_t)(br - s) : e;
    if (br) {
        size_t j = (size_t)(br - s);
        S_code c;
        if (S_code_bracket(r, ln, s, &j, &c, 0)) return;
        j = S_skip_blank(s, j);
        if (s[j]) {
            ERR(r, ln, j + 1, "unexpected text after the verb code (expected a comment)");
            return;
        }
        S_split_code(r, c.code, &code, &code2);
    }
    const char *lb = memchr(s + b, '{', pe - b);
    size_t fb = 0, fe = 0;
    if (lb) {
        const char *rb = memchr(lb, '}', (size_t)(s + pe - lb));
        if (!rb) {
            ERR(r, ln, (size_t)(lb - s) + 1, "missing '}' (expected {FORM FORM ...})");
            return;
        }
        if (S_skip_blank(s, (size_t)(rb - s) + 1) < pe) {
            ERR(r, ln, S_skip_blank(s, (size_t)(rb - s) + 1) + 1,
                "unexpected text after {FORMS} (expected [CODE] or a comment)");
            return;
        }
        fb = (size_t)(lb - s) + 1;
        fe = (size_t)(rb - s);
        pe = (size_t)(lb - s);
    }
    size_t vb = b, ve = pe;
    S_trim(s, &vb, &ve);
    if (ve <= vb) {
        ERR(r, ln, b + 1, "empty verb (expected VERB {FORMS} [CODE])");
        return;
    }
    for (size_t k = vb; k < ve; k++)
        if (strchr("$%^*()&}", s[k])) {
            ERR(r, ln, k + 1, "unexpected '%c' in a verb (expected words, '_' and one '+')", s[k]);
            return;
        }
    sr_verb_entry *v = sr_arena_calloc(&r->d->arena, 1, sizeof *v);
    if (!v) return;
    v->block = st->block;
    v->primary = S_dup(r, s + vb, ve - vb);
    v->code = code ? code : st->block->code;
    v->code2 = code ? code2 : st->block->code2;
    v->file = r->file;
    v->line = (uint32_t)ln->no;
    long idx = sr_ptrvec_push(&r->d->verbs, v);
    if (idx < 0) return;
    /* the primary form, and where its verb word is */
    S_verb_form(r, ln, vb, idx, s + vb, ve - vb, 0);
    int vpos = 0, nwords = 0;
    size_t wb[SR_DICT_MAX_PHRASE], we[SR_DICT_MAX_PHRASE];
    for (size_t k = vb; k < ve && nwords < SR_DICT_MAX_PHRASE;) {
        while (k < ve && S_word_sep(s[k])) k++;
        if (k >= ve) break;
        wb[nwords] = k;
        if (s[k] == '+') {
            vpos = nwords;
            wb[nwords]++;
        }
        while (k < ve && !S_word_sep(s[k])) k++;
        we[nwords++] = k;
    }
    if (lb) {
        for (size_t k = fb; k < fe;) {
            while (k < fe && S_blank((unsigned char)s[k])) k++;
            if (k >= fe) break;
            size_t f0 = k;
            while (k < fe && !S_blank((unsigned char)s[k])) k++;
            S_verb_form(r, ln, f0, idx, s + f0, k - f0, vpos);
        }
    } else if (nwords) {
        char forms[3][SR_DICT_MAX_WORD];
        S_regular_forms(s + wb[vpos], we[vpos] - wb[vpos], forms);
        for (int f = 0; f < 3; f++) {
            char buf[1024];
            int w = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(wb[vpos] - vb), s + vb,
                             forms[f], (int)(ve - we[vpos]), s + we[vpos]);
            if (w <= 0 || (size_t)w >= sizeof buf) continue;
            /* the prefix keeps its '+'-less words; mark the verb for
             * S_verb_form by position */
            S_verb_form(r, ln, vb, idx, buf, (size_t)w, vpos);
        }
    }
}

/* Is `name` a synset known now (loaded) or defined later in this file? */
static int S_synset_known(S_reader *r, S_verb_state *st, const char *name) {
    if (sr_dict_find_synset(r->d, name)) return 1;
    for (size_t k = 0; k < st->nknown; k++)
        if (strcasecmp(st->known[k], name) == 0) return 1;
    return 0;
}

static void S_pattern(S_reader *r, const S_line *ln, S_verb_state *st) {
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0) + 1, e = ln->len;
    if (!st->block) {
        ERR(r, ln, b, "pattern outside a verb block (expected a '--- NAME [CODE] ---' line "
                      "before it)");
        return;
    }
    /* the code is the last [...] */
    const char *br = NULL;
    for (size_t k = e; k > b; k--)
        if (s[k - 1] == '[') {
            br = s + k - 1;
            break;
        }
    if (!br) {
        ERR(r, ln, e + 1, "pattern has no code (expected [CODE] at the end)");
        return;
    }
    size_t j = (size_t)(br - s);
    S_code c;
    if (S_code_bracket(r, ln, s, &j, &c, 0)) return;
    if (S_skip_blank(s, j) < e) {
        ERR(r, ln, S_skip_blank(s, j) + 1, "unexpected text after the pattern code "
                                           "(expected a comment)");
        return;
    }
    size_t be = (size_t)(br - s);
    /* tokenize the body into elements */
    sr_pat_elem el[128];
    size_t ne = 0;
    int depth = 0;
    char stack[16];
    uint16_t gstack[16];
    uint16_t ngroups = 0;
    int verbs = 0, syntax_p2 = 0, syntax_tab = 0;
    int np_open_elem = -1; /* index of the last word elem in the current {} */
    int pp_first = 0;
    for (size_t k = b; k < be;) {
        while (k < be && S_blank((unsigned char)s[k])) k++;
        if (k >= be) break;
        size_t cb = k;
        while (k < be && !S_blank((unsigned char)s[k])) k++;
        size_t ce = k;
        /* opening brackets */
        while (cb < ce && (s[cb] == '{' || s[cb] == '(' || s[cb] == '[')) {
            if (depth == 16) {
                ERR(r, ln, cb + 1, "brackets nested too deep");
                return;
            }
            stack[depth] = s[cb];
            gstack[depth] = ++ngroups;
            depth++;
            if (s[cb] == '(') pp_first = 1;
            if (s[cb] == '{') np_open_elem = -1;
            if (s[cb] != '[') syntax_p2 = 1;
            cb++;
        }
        /* closing brackets (counted, applied after the chunk's elements) */
        size_t close_b = ce;
        while (close_b > cb && (s[close_b - 1] == '}' || s[close_b - 1] == ')' ||
                                s[close_b - 1] == ']'))
            close_b--;
        /* parts split on '_' */
        int first_part = 1;
        for (size_t p = cb; p < close_b;) {
            if (s[p] == '_') {
                p++;
                continue;
            }
            size_t pb = p;
            while (p < close_b && s[p] != '_') p++;
            size_t pe = p;
            /* a synset name may contain '_': take the longest known */
            if (s[pb] == '&') {
                size_t best = pe;
                size_t q = pe;
                while (q < close_b && s[q] == '_') {
                    size_t q2 = q + 1;
                    while (q2 < close_b && s[q2] != '_') q2++;
                    char nm[256];
                    snprintf(nm, sizeof nm, "%.*s", (int)(q2 - pb), s + pb);
                    if (S_synset_known(r, st, nm)) best = q2;
                    q = q2;
                }
                pe = best;
                p = best;
            }
            if (ne == sizeof el / sizeof el[0]) {
                ERR(r, ln, pb + 1, "pattern too long (expected at most 128 elements)");
                return;
            }
            sr_pat_elem *x = &el[ne];
            memset(x, 0, sizeof *x);
            x->text = S_dup(r, s + pb, pe - pb);
            if (!first_part) x->flags |= SR_PEF_JOINED;
            first_part = 0;
            for (int g = 0; g < depth; g++) {
                if (stack[g] == '{') x->flags |= SR_PEF_NP;
                if (stack[g] == '(') x->flags |= SR_PEF_PP;
                if (stack[g] == '[') x->flags |= SR_PEF_OPT;
            }
            x->group = depth ? gstack[depth - 1] : 0;
            if (depth && stack[depth - 1] == '(' && pp_first) {
                x->flags |= SR_PEF_PREP;
                pp_first = 0;
            }
            size_t pl = pe - pb;
            if (pl == 1 && strchr("*$+%^", s[pb])) {
                switch (s[pb]) {
                case '*': x->type = SR_PE_VERB; verbs++; break;
                case '$': x->type = SR_PE_SOURCE; break;
                case '+': x->type = SR_PE_TARGET; break;
                case '%': x->type = SR_PE_COMPOUND; syntax_tab = 1; break;
                default: x->type = SR_PE_SKIP; syntax_tab = 1; break;
                }
            } else if (s[pb] == '&') {
                if (pl < 2) {
                    ERR(r, ln, pb + 1, "synset without a name (expected &NAME)");
                    return;
                }
                x->type = SR_PE_SYNSET;
                if (depth && stack[depth - 1] == '{') np_open_elem = (int)ne;
            } else {
                for (size_t q = pb; q < pe; q++)
                    if (strchr("*$%^&{}()[]", s[q])) {
                        ERR(r, ln, q + 1, "unexpected '%c' inside a pattern word (expected "
                                          "blanks or '_' around * $ + %% ^)", s[q]);
                        return;
                    }
                x->type = SR_PE_WORD;
                uint32_t *w = sr_arena_alloc(&r->d->arena, sizeof *w);
                sr_phrase *ph = sr_arena_alloc(&r->d->arena, sizeof *ph);
                char f[SR_DICT_MAX_WORD];
                size_t fl = sr_dict_fold(s + pb, pl, f, sizeof f);
                if (!w || !ph || fl == SIZE_MAX) {
                    ERR(r, ln, pb + 1, "pattern word too long");
                    return;
                }
                *w = sr_dict_intern(r->d, f, fl);
                ph->words = w;
                ph->nwords = 1;
                x->word = ph;
                if (depth && stack[depth - 1] == '{') np_open_elem = (int)ne;
            }
            ne++;
        }
        /* apply closings */
        for (size_t q = close_b; q < ce; q++) {
            char want = s[q] == '}' ? '{' : s[q] == ')' ? '(' : '[';
            if (!depth || stack[depth - 1] != want) {
                ERR(r, ln, q + 1, "unbalanced '%c' (expected a matching '%c' before it)", s[q],
                    want);
                return;
            }
            if (want == '{' && np_open_elem >= 0) el[np_open_elem].flags |= SR_PEF_NP_HEAD;
            depth--;
        }
    }
    if (depth) {
        ERR(r, ln, be + 1, "unclosed '%c' (expected a matching closing bracket)",
            stack[depth - 1]);
        return;
    }
    if (verbs != 1) {
        ERR(r, ln, b + 1, verbs ? "more than one '*' in a pattern (expected exactly one)"
                                : "pattern has no '*' (expected '*' where the verb goes)");
        return;
    }
    sr_pat_elem *els = sr_arena_alloc(&r->d->arena, ne * sizeof *els);
    if (!els) return;
    memcpy(els, el, ne * sizeof *els);
    if (st->npats == st->pcap) {
        size_t nc = st->pcap ? st->pcap * 2 : 16;
        sr_verb_pattern *np = realloc(st->pats, nc * sizeof *np);
        if (!np) return;
        st->pats = np;
        st->pcap = nc;
    }
    sr_verb_pattern *pt = &st->pats[st->npats++];
    memset(pt, 0, sizeof *pt);
    pt->elems = els;
    pt->nelems = (uint32_t)ne;
    for (size_t k = 0; k < ne; k++)
        if (els[k].type == SR_PE_VERB) pt->verb_pos = (uint32_t)k;
    S_split_code(r, c.code, &pt->code, &pt->code2);
    size_t tb = b, te = be;
    S_trim(s, &tb, &te);
    pt->text = S_dup(r, s + tb, te - tb);
    pt->file = r->file;
    pt->line = (uint32_t)ln->no;
    pt->syntax = (uint8_t)(syntax_p2 ? SR_SYNTAX_PETR2
                           : syntax_tab ? SR_SYNTAX_TABARI
                           : r->had_xml ? SR_SYNTAX_TABARI
                                        : SR_SYNTAX_PETR2);
    r->d->npatterns++;
    for (size_t k = 0; k < ne; k++) {
        if (els[k].type != SR_PE_SYNSET) continue;
        if (st->npend == st->pendcap) {
            size_t nc = st->pendcap ? st->pendcap * 2 : 64;
            S_pending *np = realloc(st->pend, nc * sizeof *np);
            if (!np) return;
            st->pend = np;
            st->pendcap = nc;
        }
        st->pend[st->npend++] = (S_pending){&els[k], ln->no, 1};
    }
}

static void S_transform(S_reader *r, const S_line *ln) {
    const char *s = ln->s;
    size_t b = S_skip_blank(s, 0) + 1, e = ln->len;
    const char *eq = memchr(s + b, '=', e - b);
    if (!eq) {
        ERR(r, ln, e + 1, "transformation without '=' (expected ~ a (a b VERB) VERB = a b CODE)");
        return;
    }
    const char *parts[2][32];
    uint32_t np[2] = {0, 0};
    int depth = 0;
    for (int side = 0; side < 2; side++) {
        size_t k = side ? (size_t)(eq - s) + 1 : b;
        size_t end = side ? e : (size_t)(eq - s);
        while (k < end) {
            char ch = s[k];
            if (S_blank((unsigned char)ch)) { k++; continue; }
            if (ch == '(') { depth++; k++; continue; }
            if (ch == ')') {
                if (--depth < 0) {
                    ERR(r, ln, k + 1, "unbalanced ')' in a transformation");
                    return;
                }
                k++;
                continue;
            }
            size_t wb = k;
            while (k < end && !S_blank((unsigned char)s[k]) && s[k] != '(' && s[k] != ')') k++;
            if (np[side] == 32) {
                ERR(r, ln, wb + 1, "transformation too long");
                return;
            }
            parts[side][np[side]++] = S_dup(r, s + wb, k - wb);
        }
    }
    if (depth) {
        ERR(r, ln, b, "unclosed '(' in a transformation");
        return;
    }
    if (np[0] < 2 || !np[1]) {
        ERR(r, ln, b, "incomplete transformation (expected ~ a (a b VERB) VERB = a b CODE)");
        return;
    }
    sitrep_dict *d = r->d;
    if (d->nxf == d->xfcap) {
        size_t nc = d->xfcap ? d->xfcap * 2 : 16;
        sr_verb_transform *nx = realloc(d->xf, nc * sizeof *nx);
        if (!nx) return;
        d->xf = nx;
        d->xfcap = nc;
    }
    const char **l = sr_arena_alloc(&d->arena, (np[0] + np[1]) * sizeof *l);
    if (!l) return;
    memcpy(l, parts[0], np[0] * sizeof *l);
    memcpy(l + np[0], parts[1], np[1] * sizeof *l);
    sr_verb_transform *t = &d->xf[d->nxf++];
    t->lhs = l;
    t->nlhs = np[0];
    t->rhs = l + np[0];
    t->nrhs = np[1];
    size_t tb = b, te = e;
    S_trim(s, &tb, &te);
    t->text = S_dup(r, s + tb, te - tb);
    t->file = r->file;
    t->line = (uint32_t)ln->no;
}

/* Resolves one synset's members into phrases (nested sets flattened). */
static int S_resolve_synset(sitrep_dict *d, sr_synset_src *ss, int depth) {
    if (ss->state == 2) return 0;
    if (ss->state == 1 || depth > 16) {
        sr_dict_report(d, ss->syn->file, ss->syn->line, 1,
                       "synset %s contains itself (expected no cycles)", ss->syn->name);
        return -1;
    }
    ss->state = 1;
    size_t cap = 16, n = 0;
    sr_phrase *alts = malloc(cap * sizeof *alts);
    if (!alts) return -1;
    for (size_t m = 0; m < ss->n; m++) {
        const char *mem = ss->members[m];
        if (mem[0] == '&') {
            char nm[256];
            size_t ml = strlen(mem);
            while (ml > 1 && mem[ml - 1] == '_') ml--;
            snprintf(nm, sizeof nm, "%.*s", (int)ml, mem);
            sr_synset_src *sub = sr_dict_find_synset(d, nm);
            if (!sub) {
                sr_dict_report(d, ss->syn->file, ss->member_lines[m], 2,
                               "undefined synset %s (expected a '%s' block in a verbs file)",
                               nm, nm);
                continue;
            }
            if (S_resolve_synset(d, sub, depth + 1)) continue;
            for (uint32_t k = 0; k < sub->syn->nalts; k++) {
                if (n == cap) {
                    sr_phrase *na = realloc(alts, (cap *= 2) * sizeof *na);
                    if (!na) break;
                    alts = na;
                }
                alts[n++] = sub->syn->alts[k];
            }
            continue;
        }
        size_t ml = strlen(mem);
        int no_plural = ss->no_plural || (ml && mem[ml - 1] == '_');
        for (int form = 0; form < (no_plural ? 1 : 2); form++) {
            char buf[1024];
            if (form == 0) {
                snprintf(buf, sizeof buf, "%s", mem);
            } else {
                S_plural(mem, ml, buf, sizeof buf);
                if (!buf[0]) continue;
            }
            uint32_t words[SR_DICT_MAX_PHRASE];
            size_t nw = 0, i = 0, bl = strlen(buf);
            while (i < bl && nw < SR_DICT_MAX_PHRASE) {
                while (i < bl && S_word_sep(buf[i])) i++;
                if (i >= bl) break;
                size_t wb = i;
                while (i < bl && !S_word_sep(buf[i])) i++;
                char f[SR_DICT_MAX_WORD];
                size_t fl = sr_dict_fold(buf + wb, i - wb, f, sizeof f);
                if (fl == SIZE_MAX || !fl) continue;
                uint32_t id = sr_dict_intern(d, f, fl);
                if (id != SR_WORD_NONE) words[nw++] = id;
            }
            if (!nw) continue;
            uint32_t *w = sr_arena_alloc(&d->arena, nw * sizeof *w);
            if (!w) continue;
            memcpy(w, words, nw * sizeof *w);
            if (n == cap) {
                sr_phrase *na = realloc(alts, (cap *= 2) * sizeof *na);
                if (!na) break;
                alts = na;
            }
            alts[n++] = (sr_phrase){w, (uint32_t)nw};
        }
    }
    sr_phrase *fin = n ? sr_arena_alloc(&d->arena, n * sizeof *fin) : NULL;
    if (fin) memcpy(fin, alts, n * sizeof *fin);
    free(alts);
    ss->syn->alts = fin;
    ss->syn->nalts = fin ? (uint32_t)n : 0;
    ss->state = 2;
    return 0;
}

static void S_verbs_resolve(S_reader *r, S_verb_state *st) {
    for (size_t k = 0; k < r->d->synsets.n; k++)
        S_resolve_synset(r->d, r->d->synsets.v[k], 0);
    for (size_t k = 0; k < st->npend; k++) {
        sr_pat_elem *e = st->pend[k].e;
        char nm[256];
        size_t ml = strlen(e->text);
        while (ml > 1 && e->text[ml - 1] == '_') ml--;
        snprintf(nm, sizeof nm, "%.*s", (int)ml, e->text);
        sr_synset_src *ss = sr_dict_find_synset(r->d, nm);
        if (!ss) {
            sr_dict_report(r->d, r->file, st->pend[k].line, st->pend[k].col,
                           "undefined synset %s (expected a '%s' block with '+' members)", nm,
                           nm);
            continue;
        }
        e->synset = ss->syn;
    }
}

static void S_read_verbs(S_reader *r) {
    S_verb_state st;
    memset(&st, 0, sizeof st);
    /* pre-scan: synset names defined anywhere in this file */
    {
        const char *t = r->text;
        size_t i = 0;
        while (i < r->len) {
            if (t[i] == '&') {
                size_t e = i + 1;
                while (e < r->len && !isspace((unsigned char)t[e]) && t[e] != '#') e++;
                size_t ne = e;
                while (ne > i + 1 && t[ne - 1] == '_') ne--;
                char **nk = realloc(st.known, (st.nknown + 1) * sizeof *nk);
                if (!nk) break;
                st.known = nk;
                st.known[st.nknown++] = strndup(t + i, ne - i);
            }
            const char *nl = memchr(t + i, '\n', r->len - i);
            if (!nl) break;
            i = (size_t)(nl - t) + 1;
        }
    }
    S_line ln;
    while (S_next_line(r, &ln)) {
        const char *s = ln.s;
        size_t i = S_skip_blank(s, 0);
        if (!s[i]) continue;
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '-') {
            S_verb_header(r, &ln, &st);
        } else if (s[i] == '-') {
            S_pattern(r, &ln, &st);
        } else if (s[i] == '&') {
            S_synset_header(r, &ln, &st);
        } else if (s[i] == '~') {
            S_transform(r, &ln);
        } else if (s[i] == '+' && st.syn && !st.block) {
            S_synset_member(r, &ln, &st);
        } else {
            S_verb_line(r, &ln, &st);
        }
    }
    S_block_finish(r, &st);
    S_verbs_resolve(r, &st);
    free(st.pats);
    free(st.pend);
    for (size_t k = 0; k < st.nknown; k++) free(st.known[k]);
    free(st.known);
}

/* ------------------------------------------------------------------ */
/* Kind detection, files, directories                                  */
/* ------------------------------------------------------------------ */

static int S_kind_from_name(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char low[256];
    size_t n = 0;
    for (; n < sizeof low - 1 && base[n]; n++) low[n] = (char)tolower((unsigned char)base[n]);
    low[n] = '\0';
    if (strstr(low, "discard")) return SR_DICT_DISCARD;
    if (strstr(low, "issue")) return SR_DICT_ISSUE;
    if (strstr(low, "agent")) return SR_DICT_AGENT;
    if (strstr(low, "verb") || strstr(low, "cameo")) return SR_DICT_VERB;
    if (strstr(low, "actor")) return SR_DICT_ACTOR;
    return 0;
}

static int S_kind_from_content(const char *t, size_t len) {
    size_t i = 0, lines = 0;
    int bracket = 0;
    while (i < len && lines < 400) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        size_t b = i;
        while (b < e && S_blank((unsigned char)t[b])) b++;
        if (b < e && t[b] != '#') {
            if (e - b >= 3 && !memcmp(t + b, "---", 3) && memchr(t + b, '[', e - b))
                return SR_DICT_VERB;
            if (e - b >= 6 && strncasecmp(t + b, "<ISSUE", 6) == 0) return SR_DICT_ISSUE;
            const char *lb = memchr(t + b, '[', e - b);
            if (lb) {
                const char *rb = memchr(lb, ']', (size_t)(t + e - lb));
                if (rb && (memchr(lb, '~', (size_t)(rb - lb)))) return SR_DICT_AGENT;
                bracket = 1;
            }
        }
        lines++;
        i = e + 1;
    }
    return bracket ? SR_DICT_ACTOR : 0;
}

static sitrep_status S_read_text(const char *path, sr_buf *b, sitrep_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (sr_buf_append(b, chunk, n)) {
            fclose(f);
            return sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) return sr_error_set(err, SITREP_E_IO, path, 0, 0, "read error");
    return SITREP_OK;
}

static void S_read_kind(sitrep_dict *d, const char *name, const char *text, size_t len,
                        int kind) {
    S_reader r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.file = sr_arena_strdup(&d->arena, name);
    r.text = text;
    r.len = len;
    r.stems = d->stem_mode == SR_STEMS_ON ||
              (d->stem_mode == SR_STEMS_AUTO && sr_dict_tabari_name(name));
    d->nfiles++;
    switch (kind) {
    case SR_DICT_ACTOR: S_read_actors(&r); break;
    case SR_DICT_AGENT: S_read_agents(&r); break;
    case SR_DICT_VERB:
        S_read_verbs(&r);
        (void)sr_dict_merge_verbs(d);
        break;
    case SR_DICT_DISCARD: S_read_discards(&r); break;
    case SR_DICT_ISSUE: S_read_issues(&r); break;
    }
    sr_buf_free(&r.line);
}

sitrep_status sr_dict_load_mem(sitrep_dict *d, const char *name, const char *text, size_t len,
                               int kind, sitrep_error *err) {
    if (!d || !name || (!text && len))
        return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "sr_dict_load_mem: NULL argument");
    size_t before = d->errors;
    d->load_errors_base = d->errors;
    if (!kind) kind = S_kind_from_name(name);
    if (!kind) kind = S_kind_from_content(text ? text : "", len);
    if (kind != SR_DICT_ACTOR && kind != SR_DICT_AGENT && kind != SR_DICT_VERB &&
        kind != SR_DICT_DISCARD && kind != SR_DICT_ISSUE)
        return sr_error_set(err, SITREP_E_FORMAT, name, 0, 0, "unknown dictionary kind");
    S_read_kind(d, name, text ? text : "", len, kind);
    if (d->errors > before) {
        if (err) *err = d->first_error;
        return SITREP_E_SYNTAX;
    }
    sr_error_clear(err);
    return SITREP_OK;
}

/* Reads one file whose kind is `kind` (0: detect). `quiet_unknown`: skip
 * files of unknown kind (directory mode) instead of failing. */
static sitrep_status S_load_file(sitrep_dict *d, const char *path, int quiet_unknown,
                                 sitrep_error *err) {
    sr_buf b = SR_BUF_INIT;
    sitrep_status st = S_read_text(path, &b, err);
    if (st) {
        sr_buf_free(&b);
        return st;
    }
    int kind = S_kind_from_name(path);
    if (!kind) kind = S_kind_from_content(b.data ? b.data : "", b.len);
    if (!kind) {
        sr_buf_free(&b);
        if (quiet_unknown) return SITREP_OK;
        return sr_error_set(err, SITREP_E_FORMAT, path, 0, 0,
                            "cannot tell what kind of dictionary this is (expected a name "
                            "containing actor, agent, verb, discard or issue, or content in "
                            "one of those formats)");
    }
    S_read_kind(d, path, b.data ? b.data : "", b.len, kind);
    sr_buf_free(&b);
    return SITREP_OK;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

sitrep_status sitrep_dict_load(sitrep_dict *d, const char *path, sitrep_error *err) {
    if (!d || !path)
        return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "sitrep_dict_load: NULL argument");
    size_t errors_before = d->errors;
    d->load_errors_base = d->errors;
    struct stat sb;
    if (stat(path, &sb))
        return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    sitrep_status st = SITREP_OK;
    if (S_ISDIR(sb.st_mode)) {
        DIR *dir = opendir(path);
        if (!dir)
            return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        char **names = NULL;
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(dir))) {
            const char *nm = de->d_name;
            size_t l = strlen(nm);
            /* dictionaries are *.txt, or TABARI's *.actors, *.agents and
             * *.verbs; generator sources (.src, .tsv) and notes next to
             * them are not */
            if (nm[0] == '.' || l < 5 ||
                (strcmp(nm + l - 4, ".txt") != 0 && !sr_dict_tabari_name(nm)))
                continue;
            char **nn = realloc(names, (n + 1) * sizeof *nn);
            if (!nn) {
                st = sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
                break;
            }
            names = nn;
            /* no NULL entries: S_cmp_str compares them all */
            if (!(names[n] = strdup(nm))) {
                st = sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
                break;
            }
            n++;
        }
        closedir(dir);
        /* names is NULL when the directory holds no dictionary */
        if (n) qsort(names, n, sizeof *names, S_cmp_str);
        for (size_t k = 0; k < n; k++) {
            if (!names[k]) continue;
            char full[4096];
            snprintf(full, sizeof full, "%s/%s", path, names[k]);
            struct stat fs;
            if (!stat(full, &fs) && S_ISREG(fs.st_mode)) {
                sitrep_status s2 = S_load_file(d, full, 1, err);
                if (s2 && !st) st = s2;
            }
            free(names[k]);
        }
        free(names);
    } else {
        st = S_load_file(d, path, 0, err);
    }
    if (st) return st;
    if (d->errors > errors_before) {
        if (err) {
            *err = d->first_error;
            if (d->errors - errors_before > 1) {
                size_t l = strlen(err->msg);
                snprintf(err->msg + l, sizeof err->msg - l, " (and %zu more malformed lines)",
                         d->errors - errors_before - 1);
            }
        }
        return SITREP_E_SYNTAX;
    }
    sr_error_clear(err);
    return SITREP_OK;
}

typedef struct S_err_item {
    sitrep_error e;
    size_t rank, seq;
} S_err_item;

typedef struct S_err_list {
    S_err_item *v;
    size_t n, cap;
    char **files; /* load order of file names, for ranking */
    size_t nfiles;
} S_err_list;

static void S_collect(void *ctx, const sitrep_error *e) {
    S_err_list *l = ctx;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 64;
        S_err_item *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return;
        l->v = nv;
        l->cap = nc;
    }
    size_t rank = 0;
    for (; rank < l->nfiles; rank++)
        if (strcmp(l->files[rank], e->file) == 0) break;
    if (rank == l->nfiles) {
        char **nf = realloc(l->files, (l->nfiles + 1) * sizeof *nf);
        if (!nf) return;
        l->files = nf;
        l->files[l->nfiles++] = strdup(e->file);
    }
    l->v[l->n] = (S_err_item){*e, rank, l->n};
    l->n++;
}

static int S_err_cmp(const void *a, const void *b) {
    const S_err_item *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->e.line != y->e.line) return x->e.line < y->e.line ? -1 : 1;
    if (x->e.col != y->e.col) return x->e.col < y->e.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t sitrep_dict_check(const char *path, sitrep_dict_report_fn fn, void *ctx,
                         sitrep_error *err) {
    sitrep_dict *d = sitrep_dict_new();
    if (!d) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return (size_t)-1;
    }
    /* errors are collected and reported in file, line, column order (a
     * record's own errors are found when the record ends) */
    S_err_list l;
    memset(&l, 0, sizeof l);
    sitrep_dict_set_reporter(d, S_collect, &l);
    sitrep_status st = sitrep_dict_load(d, path, err);
    size_t n = d->errors;
    sitrep_dict_free(d);
    if (l.n) qsort(l.v, l.n, sizeof *l.v, S_err_cmp);
    for (size_t k = 0; k < l.n; k++)
        if (fn) fn(ctx, &l.v[k].e);
    free(l.v);
    for (size_t k = 0; k < l.nfiles; k++) free(l.files[k]);
    free(l.files);
    if (st && st != SITREP_E_SYNTAX) return (size_t)-1;
    return n;
}
