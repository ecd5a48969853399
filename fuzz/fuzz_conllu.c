/* fuzz_conllu.c - libFuzzer harness for the CoNLL-U reader. Every input
 * must either parse or give SITREP_E_SYNTAX with a location; every
 * delivered article must be internally consistent (spans inside the text,
 * heads inside the sentence), and writing it back and re-reading it must
 * succeed with the same number of words. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parse/conllu.h"
#include "text/article.h"

typedef struct {
    size_t words;
    sr_buf out;
} S_ctx;

static int S_doc(void *vctx, sr_conllu_doc *d) {
    S_ctx *c = vctx;
    const sitrep_article *a = d->article;
    for (size_t s = 0; s < a->nsents; s++) {
        const sr_sentence *se = &a->sents[s];
        if (se->first + se->ntok > a->ntokens || se->end > a->len || se->start > se->end) abort();
        if (!d->sent_ids[s]) abort();
        for (size_t i = 0; i < se->ntok; i++) {
            const sr_token *t = &a->tokens[se->first + i];
            if (t->end > a->len || t->start > t->end || t->form_len == 0) abort();
            if (t->head > (int)se->ntok || t->head < -1) abort();
            volatile char x = t->form[t->form_len - 1];
            (void)x;
            if (t->lemma) (void)strlen(t->lemma);
        }
    }
    c->words += a->ntokens;
    if (sr_conllu_write(&c->out, a, d->sent_ids)) abort();
    sitrep_article_free(d->article);
    return 0;
}

static int S_count(void *vctx, sr_conllu_doc *d) {
    size_t *n = vctx;
    *n += d->article->ntokens;
    sitrep_article_free(d->article);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    S_ctx c = {0, SR_BUF_INIT};
    sitrep_error err;
    memset(&err, 0, sizeof err);
    sitrep_status st = sr_conllu_read((const char *)data, size, "fuzz.conllu", size % 3, S_doc, &c, &err);
    if (st != SITREP_OK && st != SITREP_E_SYNTAX) abort();
    if (st == SITREP_E_SYNTAX && (!err.line || !err.msg[0] || strcmp(err.file, "fuzz.conllu"))) abort();
    if (st == SITREP_OK && c.out.len) {
        size_t again = 0;
        sitrep_error e2;
        if (sr_conllu_read(c.out.data, c.out.len, "rt", 0, S_count, &again, &e2) != SITREP_OK) abort();
        if (again != c.words) abort();
    }
    sr_buf_free(&c.out);
    return 0;
}
