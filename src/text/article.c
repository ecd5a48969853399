/* article.c - sitrep_article: construction (normalize, tokenize, map
 * offsets, dateline, sentences) and the public accessors. */
#include "article.h"
#include <stdlib.h>
#include <string.h>
#include "../parse/ud.h"
#include "../util/error.h"
#include "normalize.h"
#include "sentences.h"
#include "tokenize.h"

struct sr_feats_str {
    uint32_t bits;
    const char *s;
};

sitrep_article *sr_article_alloc(const sitrep_article_info *info) {
    sitrep_article *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    sr_arena_init(&a->arena, 0);
    const sitrep_article_info none = {NULL, NULL, NULL, NULL, NULL, 0};
    if (!info) info = &none;
    a->id = sr_arena_strdup(&a->arena, info->id);
    a->date = sr_arena_strdup(&a->arena, info->date);
    a->title = sr_arena_strdup(&a->arena, info->title);
    a->source = sr_arena_strdup(&a->arena, info->source);
    a->url = sr_arena_strdup(&a->arena, info->url);
    a->dateline = sr_arena_strdup(&a->arena, "");
    a->text = sr_arena_strdup(&a->arena, "");
    if (!a->id || !a->date || !a->title || !a->source || !a->url || !a->dateline || !a->text) {
        sitrep_article_free(a);
        return NULL;
    }
    return a;
}

sitrep_article *sitrep_article_new(const sitrep_article_info *info, const char *text, size_t len,
                                   sitrep_error *err) {
    return sitrep_article_new_opts(info, text, len, NULL, err);
}

sitrep_article *sitrep_article_new_opts(const sitrep_article_info *info, const char *text, size_t len,
                                        const sitrep_text_opts *opts, sitrep_error *err) {
    sr_error_clear(err);
    if (!text && len) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "sitrep_article_new: NULL text with length %zu", len);
        return NULL;
    }
    /* Offsets are 32-bit and the working text may grow (U+FFFD for each
     * invalid byte), so keep a wide margin below 4 GiB. */
    if (len > (size_t)UINT32_MAX / 4) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "article too large (%zu bytes; the limit is 1 GiB)", len);
        return NULL;
    }
    sitrep_article *a = sr_article_alloc(info);
    if (!a) goto oom;
    /* Big articles: larger chunks mean fewer mallocs. */
    if (len > (size_t)1 << 20) a->arena.chunk_size = len < ((size_t)64 << 20) ? len : ((size_t)64 << 20);
    a->text = sr_arena_strndup(&a->arena, text, len);
    if (!a->text) goto oom;
    a->len = len;
    sr_norm nm;
    if (sr_norm_build(&a->arena, a->text, len, info ? info->is_html : 0, &nm)) goto oom;
    a->invalid_bytes = nm.invalid;
    /* Tokens come out with offsets into a->text already. */
    if (sr_tokenize_norm(a, &nm, opts && opts->keep_hyphens ? SR_HYPHEN_KEEP : SR_HYPHEN_EWT)) {
        sr_norm_free(&nm);
        goto oom;
    }
    sr_norm_free(&nm);
    if (sr_find_dateline(a) || sr_split_sentences(a)) goto oom;
    return a;
oom:
    sitrep_article_free(a);
    sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory building an article of %zu bytes", len);
    return NULL;
}

void sitrep_article_free(sitrep_article *a) {
    if (!a) return;
    sr_arena_free(&a->arena);
    free(a);
}

#define S_STR(field) return a && a->field ? a->field : ""
const char *sitrep_article_id(const sitrep_article *a) { S_STR(id); }
const char *sitrep_article_date(const sitrep_article *a) { S_STR(date); }
const char *sitrep_article_title(const sitrep_article *a) { S_STR(title); }
const char *sitrep_article_source(const sitrep_article *a) { S_STR(source); }
const char *sitrep_article_url(const sitrep_article *a) { S_STR(url); }
const char *sitrep_article_dateline(const sitrep_article *a) { S_STR(dateline); }
#undef S_STR

const char *sitrep_article_text(const sitrep_article *a, size_t *len) {
    if (len) *len = a ? a->len : 0;
    return a && a->text ? a->text : "";
}

size_t sitrep_article_invalid_bytes(const sitrep_article *a) { return a ? a->invalid_bytes : 0; }
size_t sitrep_article_sentence_count(const sitrep_article *a) { return a ? a->nsents : 0; }
size_t sitrep_article_token_count(const sitrep_article *a) { return a ? a->ntokens : 0; }

int sitrep_article_sentence(const sitrep_article *a, size_t i, size_t *start, size_t *end, size_t *ntokens) {
    if (!a || i >= a->nsents) return -1;
    const sr_sentence *s = &a->sents[i];
    if (start) *start = s->start;
    if (end) *end = s->end;
    if (ntokens) *ntokens = s->ntok;
    return 0;
}

/* The FEATS string for `bits`, interned in the article's arena so the
 * pointer lives as long as the article. */
static const char *S_feats(const sitrep_article *ca, uint32_t bits) {
    if (!bits) return "_";
    sitrep_article *a = (sitrep_article *)ca; /* cache only; logically const */
    for (size_t k = 0; k < a->nfeats_strs; k++)
        if (a->feats_strs[k].bits == bits) return a->feats_strs[k].s;
    char buf[512];
    sr_feats_format(bits, buf, sizeof buf);
    if (a->nfeats_strs == a->cap_feats_strs) {
        size_t cap = a->cap_feats_strs ? a->cap_feats_strs * 2 : 16;
        struct sr_feats_str *n = sr_arena_alloc(&a->arena, cap * sizeof *n);
        if (!n) return "_";
        if (a->nfeats_strs) memcpy(n, a->feats_strs, a->nfeats_strs * sizeof *n);
        a->feats_strs = n;
        a->cap_feats_strs = cap;
    }
    const char *s = sr_arena_strdup(&a->arena, buf);
    if (!s) return "_";
    a->feats_strs[a->nfeats_strs++] = (struct sr_feats_str){bits, s};
    return s;
}

int sitrep_article_token(const sitrep_article *a, size_t i, size_t j, sitrep_token *out) {
    if (!a || i >= a->nsents || j >= a->sents[i].ntok || !out) return -1;
    const sr_token *t = &a->tokens[a->sents[i].first + j];
    out->form = t->form;
    out->form_len = t->form_len;
    out->start = t->start;
    out->end = t->end;
    out->lemma = t->lemma ? t->lemma : "";
    out->upos = t->upos ? sr_upos_name(t->upos) : "";
    out->xpos = t->xpos && a->xpos_names && t->xpos < a->nxpos_names && a->xpos_names[t->xpos]
                    ? a->xpos_names[t->xpos]
                    : "";
    out->feats = t->feats ? S_feats(a, t->feats) : (t->upos ? "_" : "");
    out->head = t->head;
    out->deprel = t->deprel ? sr_deprel_name(t->deprel) : "";
    out->space_after = (t->flags & SR_TOK_SPACE_AFTER) != 0;
    return 0;
}
