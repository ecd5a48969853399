/* fuzz_text.c - libFuzzer harness for the text layer: arbitrary bytes as
 * plain text, as HTML and as a header+body file. Checks the invariants
 * every later stage relies on (spans inside the text, ordered, sentences
 * partitioning the tokens). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sitrep.h"
#include "text/article.h"
#include "text/header.h"

static void S_check(const sitrep_article *a, size_t len) {
    if (!a) abort();
    size_t prev_end = 0, covered = 0;
    for (size_t i = 0; i < a->ntokens; i++) {
        const sr_token *t = &a->tokens[i];
        if (t->start > t->end || t->end > len || t->start < prev_end || !t->form_len) abort();
        prev_end = t->end;
    }
    for (size_t i = 0; i < a->nsents; i++) {
        const sr_sentence *s = &a->sents[i];
        if (s->first != covered || s->ntok == 0 || s->ntok > SR_MAX_SENT_TOKENS) abort();
        covered += s->ntok;
    }
    if (covered != a->ntokens) abort();
    size_t n = 0;
    sitrep_article_text(a, &n);
    if (n != len) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    for (int html = 0; html <= 1; html++) {
        sitrep_article_info info = {0};
        info.is_html = html;
        sitrep_text_opts o = {html};
        sitrep_article *a = sitrep_article_new_opts(&info, s, size, &o, NULL);
        S_check(a, size);
        sitrep_article_free(a);
    }
    sitrep_article_info hi;
    size_t off = 0;
    if (sr_text_parse_header(s, size, &hi, &off) >= 0) {
        if (off > size) abort();
        sitrep_article *a = sitrep_article_new(&hi, s + off, size - off, NULL);
        S_check(a, size - off);
        sitrep_article_free(a);
        sr_text_header_free(&hi);
    }
    return 0;
}
