/* conllu.c - CoNLL-U reader and writer (see conllu.h). */
#include "conllu.h"
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/ud.h"
#include "text/article.h"
#include "util/arena.h"
#include "util/error.h"

#define S_MAX_WORDS 30000 /* sr_token.head is int16 */

/* One word line of the sentence being read; spans point into the input. */
typedef struct {
    const char *form, *lemma;
    size_t form_len, lemma_len;
    uint8_t upos, deprel;
    uint16_t xpos;
    uint32_t feats;
    int head;
    int space_after;
    size_t line, head_col;
    int unit; /* index of its surface unit */
} S_word;

/* A surface token: a plain word or a multiword token. */
typedef struct {
    const char *form;
    size_t form_len;
    int space_after;
    uint32_t start, end; /* span in the doc text, once placed */
} S_unit;

/* Token under construction: offsets, turned into pointers at the end. */
typedef struct {
    uint32_t form_off;  /* into text, or into side when in_side */
    uint32_t lemma_off; /* into side; UINT32_MAX = none */
    uint8_t in_side;
} S_tokx;

typedef struct {
    const char *filename;
    sr_conllu_fn fn;
    void *ctx;
    size_t max_sents;
    int stopped;
    /* current sentence */
    S_word *words;
    size_t nwords, capwords;
    S_unit *units;
    size_t nunits, capunits;
    size_t mwt_end; /* last word id covered by the open multiword token */
    const char *text_c, *sentid_c; /* pending comments (spans into input) */
    size_t text_len, sentid_len;
    int newpar;
    size_t sent_line;
    /* current document */
    sr_buf text, side, docid;
    sr_token *toks;
    S_tokx *tokx;
    size_t ntoks, captoks;
    sr_sentence *sents;
    uint32_t *sentid_off; /* into side; UINT32_MAX = none */
    size_t nsents, capsents, capids;
    size_t doc_line;
    int have_docid;
} S_reader;


/* A double quotation mark: " `` '' or U+201C/U+201D. */
static int S_dquote(const char *f, size_t n) {
    return (n == 1 && f[0] == '"') || (n == 2 && (memcmp(f, "``", 2) == 0 || memcmp(f, "''", 2) == 0)) ||
           (n == 3 && (memcmp(f, "\xE2\x80\x9C", 3) == 0 || memcmp(f, "\xE2\x80\x9D", 3) == 0));
}

static int S_grow(void **p, size_t *cap, size_t need, size_t elsize) {
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need) nc *= 2;
    void *q = realloc(*p, nc * elsize);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

static sitrep_status S_err(S_reader *r, sitrep_error *err, size_t line, size_t col,
                           const char *msg) {
    return sr_error_set(err, SITREP_E_SYNTAX, r->filename, line, col, "%s", msg);
}

static int S_is_uint(const char *s, size_t n) {
    if (n == 0 || n > 9) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static long S_uint(const char *s, size_t n) {
    long v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

static int S_misc_no_space(const char *m, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && m[j] != '|') j++;
        if (j - i == 12 && memcmp(m + i, "SpaceAfter=No", 12) == 0) return 1;
        if (j - i == 13 && memcmp(m + i, "SpaceAfter=No", 13) == 0) return 1;
        i = j + 1;
    }
    return 0;
}

/* Hands the finished document to the callback and resets the doc state. */
static sitrep_status S_flush_doc(S_reader *r, sitrep_error *err) {
    if (r->nsents == 0) return SITREP_OK;
    sitrep_article_info info = {0};
    info.id = r->have_docid ? r->docid.data : NULL;
    sitrep_article *a = sr_article_alloc(&info);
    if (!a) return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    a->text = sr_arena_strndup(&a->arena, r->text.data ? r->text.data : "", r->text.len);
    char *side = sr_arena_strndup(&a->arena, r->side.data ? r->side.data : "", r->side.len);
    a->len = r->text.len;
    a->tokens = sr_arena_alloc(&a->arena, (r->ntoks ? r->ntoks : 1) * sizeof(sr_token));
    a->sents = sr_arena_alloc(&a->arena, r->nsents * sizeof(sr_sentence));
    const char **ids = sr_arena_alloc(&a->arena, r->nsents * sizeof(char *));
    if (!a->text || !side || !a->tokens || !a->sents || !ids) {
        sitrep_article_free(a);
        return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    int analyzed = 1;
    for (size_t i = 0; i < r->ntoks; i++) {
        sr_token *t = &a->tokens[i];
        *t = r->toks[i];
        S_tokx *x = &r->tokx[i];
        t->form = (x->in_side ? side : a->text) + x->form_off;
        t->lemma = x->lemma_off == UINT32_MAX ? NULL : side + x->lemma_off;
        if (t->head < 0 || !t->upos) analyzed = 0;
    }
    a->ntokens = r->ntoks;
    memcpy(a->sents, r->sents, r->nsents * sizeof(sr_sentence));
    a->nsents = r->nsents;
    for (size_t i = 0; i < r->nsents; i++)
        ids[i] = r->sentid_off[i] == UINT32_MAX ? "" : side + r->sentid_off[i];
    a->analyzed = analyzed;
    a->xpos_names = sr_xpos_table();
    a->nxpos_names = SR_XPOS_COUNT;
    sr_conllu_doc doc = {a, ids, r->doc_line};
    r->ntoks = r->nsents = 0;
    sr_buf_clear(&r->text);
    sr_buf_clear(&r->side);
    if (r->fn(r->ctx, &doc)) r->stopped = 1;
    return SITREP_OK;
}

static int S_side_str(S_reader *r, const char *s, size_t n, uint32_t *off) {
    *off = (uint32_t)r->side.len;
    if (sr_buf_append(&r->side, s, n) || sr_buf_putc(&r->side, '\0')) return -1;
    return 0;
}

/* Finishes the sentence being read: checks heads, places its text in the
 * document text and appends its tokens. */
static sitrep_status S_flush_sent(S_reader *r, sitrep_error *err) {
    if (r->nwords == 0) {
        r->nunits = 0;
        r->mwt_end = 0;
        r->text_c = r->sentid_c = NULL;
        return SITREP_OK;
    }
    for (size_t i = 0; i < r->nwords; i++) {
        S_word *w = &r->words[i];
        if (w->head > (int)r->nwords) {
            char msg[120];
            snprintf(msg, sizeof msg, "HEAD %d is out of range (sentence has %zu words)", w->head,
                     r->nwords);
            return S_err(r, err, w->line, w->head_col, msg);
        }
        if (w->head == (int)i + 1) return S_err(r, err, w->line, w->head_col, "a word cannot be its own HEAD");
    }
    if (r->mwt_end > r->nwords)
        return S_err(r, err, r->words[r->nwords - 1].line, 1, "multiword token range goes past the last word");
    if (r->text.len + 4 + r->text_len + r->nunits * 2 > (size_t)UINT32_MAX / 2)
        return sr_error_set(err, SITREP_E_SYNTAX, r->filename, r->sent_line, 0, "document too large");
    /* Does `# text` match the forms? */
    int use_text = r->text_c != NULL;
    if (use_text) {
        size_t p = 0;
        for (size_t u = 0; u < r->nunits && use_text; u++) {
            while (p < r->text_len && (r->text_c[p] == ' ' || r->text_c[p] == '\t')) p++;
            S_unit *un = &r->units[u];
            if (r->text_len - p < un->form_len || memcmp(r->text_c + p, un->form, un->form_len) != 0)
                use_text = 0;
            else {
                un->start = (uint32_t)p;
                p += un->form_len;
                un->end = (uint32_t)p;
            }
        }
        while (use_text && p < r->text_len && (r->text_c[p] == ' ' || r->text_c[p] == '\t')) p++;
        if (p != r->text_len) use_text = 0;
    }
    if (r->text.len) {
        if (sr_buf_puts(&r->text, r->newpar ? "\n\n" : " ")) goto oom;
    }
    uint32_t base = (uint32_t)r->text.len;
    if (use_text) {
        if (sr_buf_append(&r->text, r->text_c, r->text_len)) goto oom;
        for (size_t u = 0; u < r->nunits; u++) {
            r->units[u].start += base;
            r->units[u].end += base;
        }
    } else {
        for (size_t u = 0; u < r->nunits; u++) {
            S_unit *un = &r->units[u];
            un->start = (uint32_t)r->text.len;
            if (sr_buf_append(&r->text, un->form, un->form_len)) goto oom;
            un->end = (uint32_t)r->text.len;
            if (u + 1 < r->nunits && un->space_after && sr_buf_putc(&r->text, ' ')) goto oom;
        }
    }
    /* trailing spaces of `# text` are not part of the sentence */
    uint32_t send = r->nunits ? r->units[r->nunits - 1].end : (uint32_t)r->text.len;
    if (S_grow((void **)&r->sents, &r->capsents, r->nsents + 1, sizeof(sr_sentence)) ||
        S_grow((void **)&r->sentid_off, &r->capids, r->nsents + 1, sizeof(uint32_t)))
        goto oom;
    if (S_grow((void **)&r->toks, &r->captoks, r->ntoks + r->nwords, sizeof(sr_token))) goto oom;
    {
        size_t cap2 = r->captoks;
        void *q = realloc(r->tokx, cap2 * sizeof(S_tokx));
        if (!q) goto oom;
        r->tokx = q;
    }
    sr_sentence *s = &r->sents[r->nsents];
    memset(s, 0, sizeof *s);
    s->start = base;
    s->end = send;
    s->first = (uint32_t)r->ntoks;
    s->ntok = (uint32_t)r->nwords;
    if (r->newpar) s->flags |= SR_SENT_PARA_START;
    r->sentid_off[r->nsents] = UINT32_MAX;
    if (r->sentid_c && S_side_str(r, r->sentid_c, r->sentid_len, &r->sentid_off[r->nsents])) goto oom;
    for (size_t i = 0; i < r->nwords; i++) {
        S_word *w = &r->words[i];
        S_unit *un = &r->units[w->unit];
        sr_token *t = &r->toks[r->ntoks];
        S_tokx *x = &r->tokx[r->ntoks];
        memset(t, 0, sizeof *t);
        t->start = un->start;
        t->end = un->end;
        t->form_len = (uint32_t)w->form_len;
        if (un->form == w->form && un->form_len == w->form_len) {
            x->in_side = 0;
            x->form_off = un->start;
        } else {
            x->in_side = 1;
            if (S_side_str(r, w->form, w->form_len, &x->form_off)) goto oom;
        }
        x->lemma_off = UINT32_MAX;
        if (w->lemma && S_side_str(r, w->lemma, w->lemma_len, &x->lemma_off)) goto oom;
        int last_of_unit = i + 1 == r->nwords || r->words[i + 1].unit != w->unit;
        if (last_of_unit && un->space_after) t->flags |= SR_TOK_SPACE_AFTER;
        if (i == 0 && r->newpar) t->flags |= SR_TOK_PARA_START;
        /* the flag the tokenizer gives raw text's quotation marks, so
         * that the coder finds quoted speech in another parser's output
         * too (double marks: a lone ' is as often a possessive) */
        if (S_dquote(w->form, w->form_len)) t->flags |= SR_TOK_QUOTE;
        t->upos = w->upos;
        t->xpos = w->xpos;
        t->feats = w->feats;
        t->head = (int16_t)w->head;
        t->deprel = w->deprel;
        r->ntoks++;
    }
    r->nsents++;
    r->nwords = r->nunits = 0;
    r->mwt_end = 0;
    r->text_c = r->sentid_c = NULL;
    r->newpar = 0;
    if (r->max_sents && r->nsents >= r->max_sents) return S_flush_doc(r, err);
    return SITREP_OK;
oom:
    return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
}

/* Value of a "# key = value" comment, or NULL. */
static const char *S_comment_value(const char *line, size_t n, const char *key, size_t *vlen) {
    size_t k = strlen(key), p = 1;
    while (p < n && line[p] == ' ') p++;
    if (n - p < k || memcmp(line + p, key, k) != 0) return NULL;
    p += k;
    size_t q = p;
    while (q < n && line[q] == ' ') q++;
    if (q == p && q < n && line[q] != '=') return NULL; /* "# textual" is not "# text" */
    if (q < n && line[q] == '=') {
        q++;
        while (q < n && line[q] == ' ') q++;
    }
    *vlen = n - q;
    while (*vlen && (line[q + *vlen - 1] == ' ' || line[q + *vlen - 1] == '\t')) (*vlen)--;
    return line + q;
}

static sitrep_status S_word_line(S_reader *r, const char *line, size_t n, size_t lineno,
                                 sitrep_error *err) {
    const char *f[10];
    size_t fl[10], fc[10];
    size_t nf = 0, p = 0;
    while (nf < 10) {
        size_t q = p;
        while (q < n && line[q] != '\t') q++;
        f[nf] = line + p;
        fl[nf] = q - p;
        fc[nf] = p + 1;
        nf++;
        if (q >= n) break;
        p = q + 1;
        if (nf == 10) {
            return S_err(r, err, lineno, p, "expected 10 tab-separated fields, found more");
        }
    }
    if (nf != 10) {
        char msg[80];
        snprintf(msg, sizeof msg, "expected 10 tab-separated fields, found %zu", nf);
        return S_err(r, err, lineno, n + 1, msg);
    }
    for (int i = 0; i < 10; i++)
        if (fl[i] == 0) return S_err(r, err, lineno, fc[i], "empty field (use '_')");
    /* ID */
    const char *id = f[0];
    size_t idl = fl[0];
    const char *dash = memchr(id, '-', idl), *dot = memchr(id, '.', idl);
    if (dot) {
        if (!S_is_uint(id, (size_t)(dot - id)) || !S_is_uint(dot + 1, idl - (size_t)(dot - id) - 1))
            return S_err(r, err, lineno, 1, "malformed empty-node ID (expected N.M)");
        return SITREP_OK; /* empty nodes are not words */
    }
    if (S_grow((void **)&r->units, &r->capunits, r->nunits + 1, sizeof(S_unit))) goto oom;
    int space_after = !S_misc_no_space(f[9], fl[9]);
    if (dash) {
        size_t a = (size_t)(dash - id);
        if (!S_is_uint(id, a) || !S_is_uint(dash + 1, idl - a - 1))
            return S_err(r, err, lineno, 1, "malformed multiword-token ID (expected N-M)");
        long lo = S_uint(id, a), hi = S_uint(dash + 1, idl - a - 1);
        if (lo != (long)r->nwords + 1 || hi <= lo || r->mwt_end >= (size_t)lo) {
            char msg[100];
            snprintf(msg, sizeof msg, "multiword-token range %ld-%ld must start at word %zu and end after it",
                     lo, hi, r->nwords + 1);
            return S_err(r, err, lineno, 1, msg);
        }
        r->mwt_end = (size_t)hi;
        S_unit *u = &r->units[r->nunits++];
        u->form = f[1];
        u->form_len = fl[1];
        u->space_after = space_after;
        return SITREP_OK;
    }
    if (!S_is_uint(id, idl)) return S_err(r, err, lineno, 1, "expected a word ID (N, N-M or N.M)");
    long wid = S_uint(id, idl);
    if (wid != (long)r->nwords + 1) {
        char msg[80];
        snprintf(msg, sizeof msg, "expected word ID %zu, found %ld", r->nwords + 1, wid);
        return S_err(r, err, lineno, 1, msg);
    }
    if (r->nwords >= S_MAX_WORDS) return S_err(r, err, lineno, 1, "sentence longer than 30000 words");
    if (S_grow((void **)&r->words, &r->capwords, r->nwords + 1, sizeof(S_word))) goto oom;
    if (r->nwords == 0) r->sent_line = lineno;
    S_word *w = &r->words[r->nwords];
    w->form = f[1];
    w->form_len = fl[1];
    int form_is_underscore = fl[1] == 1 && f[1][0] == '_';
    if (fl[2] == 1 && f[2][0] == '_' && !form_is_underscore) {
        w->lemma = NULL;
        w->lemma_len = 0;
    } else {
        w->lemma = f[2];
        w->lemma_len = fl[2];
    }
    w->upos = (uint8_t)sr_upos_from_name(f[3], fl[3]);
    w->xpos = (uint16_t)sr_xpos_from_name(f[4], fl[4]);
    w->feats = sr_feats_parse(f[5], fl[5]);
    w->line = lineno;
    w->head_col = fc[6];
    if (fl[6] == 1 && f[6][0] == '_')
        w->head = -1;
    else if (S_is_uint(f[6], fl[6]) && S_uint(f[6], fl[6]) <= S_MAX_WORDS)
        w->head = (int)S_uint(f[6], fl[6]);
    else
        return S_err(r, err, lineno, fc[6], "expected a HEAD (word number or '_')");
    w->deprel = (uint8_t)sr_deprel_from_name(f[7], fl[7]);
    w->space_after = space_after;
    if (r->mwt_end >= (size_t)wid && r->nunits > 0) {
        w->unit = (int)r->nunits - 1;
        /* the surface token's SpaceAfter comes from the range line */
    } else {
        S_unit *u = &r->units[r->nunits++];
        u->form = w->form;
        u->form_len = w->form_len;
        u->space_after = space_after;
        w->unit = (int)r->nunits - 1;
    }
    r->nwords++;
    return SITREP_OK;
oom:
    return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
}

sitrep_status sr_conllu_read(const char *buf, size_t len, const char *filename, size_t max_sents,
                             sr_conllu_fn fn, void *ctx, sitrep_error *err) {
    S_reader r;
    memset(&r, 0, sizeof r);
    r.filename = filename ? filename : "<input>";
    r.fn = fn;
    r.ctx = ctx;
    r.max_sents = max_sents;
    r.doc_line = 1;
    sitrep_status st = SITREP_OK;
    if (len > (size_t)INT32_MAX) {
        st = sr_error_set(err, SITREP_E_SYNTAX, r.filename, 0, 0, "input larger than 2 GiB");
        goto done;
    }
    size_t pos = 0, lineno = 0;
    while (pos < len && !r.stopped) {
        const char *line = buf + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n && line[n - 1] == '\r') n--;
        if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* byte order mark */
            n -= 3;
        }
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == n) { /* blank line ends a sentence */
            if ((st = S_flush_sent(&r, err))) goto done;
            continue;
        }
        if (line[0] == '#') {
            if (r.nwords && (st = S_flush_sent(&r, err))) goto done;
            const char *v;
            size_t vl;
            if ((v = S_comment_value(line, n, "newdoc", &vl))) {
                if ((st = S_flush_doc(&r, err))) goto done;
                if (r.stopped) break;
                sr_buf_clear(&r.docid);
                /* "# newdoc id = X" */
                size_t il = 0;
                const char *iv = NULL;
                if (vl >= 2 && v[0] == 'i' && v[1] == 'd') {
                    size_t q = 2;
                    while (q < vl && v[q] == ' ') q++;
                    if (q < vl && v[q] == '=') {
                        q++;
                        while (q < vl && v[q] == ' ') q++;
                        iv = v + q;
                        il = vl - q;
                    }
                }
                r.have_docid = iv != NULL;
                if (iv && sr_buf_append(&r.docid, iv, il)) goto oom;
                if (!iv && sr_buf_puts(&r.docid, "")) goto oom;
                r.doc_line = lineno;
                r.newpar = 1;
            } else if (S_comment_value(line, n, "newpar", &vl)) {
                r.newpar = 1;
            } else if ((v = S_comment_value(line, n, "sent_id", &vl))) {
                r.sentid_c = v;
                r.sentid_len = vl;
            } else if ((v = S_comment_value(line, n, "text", &vl))) {
                r.text_c = v;
                r.text_len = vl;
            }
            continue;
        }
        if ((st = S_word_line(&r, line, n, lineno, err))) goto done;
    }
    if (!r.stopped && (st = S_flush_sent(&r, err))) goto done;
    if (!r.stopped) st = S_flush_doc(&r, err);
    goto done;
oom:
    st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
done:
    if (st != SITREP_OK && st != SITREP_E_NOMEM && !r.stopped) {
        /* deliver what was complete before the error */
        sitrep_error tmp;
        S_flush_doc(&r, &tmp);
    }
    free(r.words);
    free(r.units);
    free(r.toks);
    free(r.tokx);
    free(r.sents);
    free(r.sentid_off);
    sr_buf_free(&r.text);
    sr_buf_free(&r.side);
    sr_buf_free(&r.docid);
    return st;
}

sitrep_status sr_conllu_read_file(const char *path, size_t max_sents, sr_conllu_fn fn, void *ctx,
                                  sitrep_error *err) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    sr_buf b = SR_BUF_INIT;
    char chunk[65536];
    size_t n;
    int bad = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (sr_buf_append(&b, chunk, n)) { bad = 1; break; }
    int rerr = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) { sr_buf_free(&b); return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); }
    if (rerr) { sr_buf_free(&b); return sr_error_set(err, SITREP_E_IO, path, 0, 0, "read error"); }
    sitrep_status st = sr_conllu_read(b.data ? b.data : "", b.len, strcmp(path, "-") ? path : "<stdin>",
                                      max_sents, fn, ctx, err);
    sr_buf_free(&b);
    return st;
}

/* ---------------------------------------------------------------- writer */

static int S_put_field(sr_buf *out, const char *s, size_t n) {
    if (n == 0) return sr_buf_putc(out, '_');
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        if (sr_buf_putc(out, c)) return -1;
    }
    return 0;
}

/* Unchecked writers into reserved buffer space (the caller reserved
 * enough with sr_buf_reserve): the token lines are the hot part of
 * `sitrep parse`, one reserve per line instead of one call per byte. */
static inline char *S_w_field(char *d, const char *s, size_t n) {
    if (n == 0) { *d++ = '_'; return d; }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        *d++ = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    return d;
}
static inline char *S_w_uint(char *d, size_t v) {
    char b[24];
    size_t n = 0;
    do { b[sizeof b - 1 - n++] = (char)('0' + v % 10); v /= 10; } while (v);
    memcpy(d, b + sizeof b - n, n);
    return d + n;
}
static inline char *S_w_str(char *d, const char *s, size_t n) {
    memcpy(d, s, n);
    return d + n;
}

int sr_conllu_write(sr_buf *out, const sitrep_article *a, const char *const *sent_ids) {
    char feats[256];
    uint32_t feats_bits = 0;
    sr_feats_format(0, feats, sizeof feats);
    size_t flen = strlen(feats);
    int rc = 0;
    if (a->id && a->id[0]) rc |= sr_buf_printf(out, "# newdoc id = %s\n", a->id);
    for (size_t si = 0; si < a->nsents; si++) {
        const sr_sentence *s = &a->sents[si];
        if (si > 0 && (s->flags & SR_SENT_PARA_START)) rc |= sr_buf_puts(out, "# newpar\n");
        if (sent_ids && sent_ids[si] && sent_ids[si][0])
            rc |= sr_buf_printf(out, "# sent_id = %s\n", sent_ids[si]);
        else if (a->id && a->id[0])
            rc |= sr_buf_printf(out, "# sent_id = %s-%zu\n", a->id, si + 1);
        else
            rc |= sr_buf_printf(out, "# sent_id = %zu\n", si + 1);
        rc |= sr_buf_puts(out, "# text = ");
        size_t tend = s->end < a->len ? s->end : a->len, tlen = tend > s->start ? tend - s->start : 0;
        if (sr_buf_reserve(out, tlen + 1)) return -1;
        {
            char *d = out->data + out->len;
            for (size_t p = s->start; p < tend; p++) {
                char c = a->text[p];
                *d++ = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
            }
            *d++ = '\n';
            out->len = (size_t)(d - out->data);
            out->data[out->len] = '\0';
        }
        const sr_token *t = sr_sent_tokens(a, s);
        size_t mwt_until = 0; /* 1-based last word of the open multiword token */
        for (size_t i = 0; i < s->ntok; i++) {
            const sr_token *k = &t[i];
            int last_in_doc = s->first + i + 1 == a->ntokens;
            int in_text = k->end <= a->len && k->end >= k->start && k->end - k->start == k->form_len &&
                          memcmp(a->text + k->start, k->form, k->form_len) == 0;
            if (!in_text && i + 1 > mwt_until && i + 1 < s->ntok && t[i + 1].start == k->start && t[i + 1].end == k->end &&
                k->end <= a->len && k->end > k->start) {
                size_t j = i + 1;
                while (j + 1 < s->ntok && t[j + 1].start == k->start && t[j + 1].end == k->end) j++;
                mwt_until = j + 1;
                rc |= sr_buf_printf(out, "%zu-%zu\t", i + 1, j + 1);
                rc |= S_put_field(out, a->text + k->start, k->end - k->start);
                rc |= sr_buf_printf(out, "\t_\t_\t_\t_\t_\t_\t_\t%s\n",
                                    (t[j].flags & SR_TOK_SPACE_AFTER) || s->first + j + 1 == a->ntokens
                                        ? "_" : "SpaceAfter=No");
            }
            /* no printf here: this runs once per token */
            if (k->feats != feats_bits) {
                feats_bits = k->feats;
                sr_feats_format(k->feats, feats, sizeof feats);
                flen = strlen(feats);
            }
            const char *up = sr_upos_name(k->upos), *xp = sr_xpos_name(k->xpos), *dp = sr_deprel_name(k->deprel);
            size_t ul = strlen(up), xl = strlen(xp), dl = strlen(dp), ll = k->lemma ? strlen(k->lemma) : 0;
            int mwt_part = i + 1 < s->ntok && t[i + 1].start == k->start && t[i + 1].end == k->end;
            int space = (k->flags & SR_TOK_SPACE_AFTER) || last_in_doc || mwt_part;
            /* 2 numbers of <= 20 digits, 9 tabs, the fields, "_\tSpaceAfter=No\n" */
            if (sr_buf_reserve(out, 40 + 9 + k->form_len + 1 + ll + 1 + ul + xl + flen + dl + 17)) return -1;
            char *d = out->data + out->len;
            d = S_w_uint(d, i + 1);
            *d++ = '\t';
            d = S_w_field(d, k->form, k->form_len);
            *d++ = '\t';
            d = S_w_field(d, k->lemma ? k->lemma : "", ll);
            *d++ = '\t';
            d = S_w_str(d, up, ul);
            *d++ = '\t';
            d = S_w_str(d, xp, xl);
            *d++ = '\t';
            d = S_w_str(d, feats, flen);
            *d++ = '\t';
            if (k->head >= 0) d = S_w_uint(d, (size_t)k->head);
            else *d++ = '_';
            *d++ = '\t';
            d = S_w_str(d, dp, dl);
            d = space ? S_w_str(d, "\t_\t_\n", 5) : S_w_str(d, "\t_\tSpaceAfter=No\n", 17);
            out->len = (size_t)(d - out->data);
            out->data[out->len] = '\0';
        }
        rc |= sr_buf_putc(out, '\n');
    }
    return rc ? -1 : 0;
}
