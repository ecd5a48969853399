/* fuzz_code.c - libFuzzer harness for the event coder on arbitrary
 * dependency trees. The coder reads parses from other parsers (`sitrep
 * code --input-format conllu`), so any heads, relations, tags, features
 * and lemmas the CoNLL-U reader accepts must be coded without crashing or
 * reading out of bounds, and every event's spans must lie inside the
 * article text. The coder's parse-repair rules walk the tree (heads,
 * children, spans, depths), which is what this exercises.
 *
 * Dictionaries: the shipped data/dict (run from the repository root, as
 * `make fuzz` documents), loaded once; SITREP_FUZZ_DICT overrides it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sitrep.h"
#include "parse/conllu.h"
#include "text/article.h"

static sitrep_dict *S_dict;
static sitrep_coder *S_coder;

static void S_init(void) {
    if (S_coder) return;
    const char *path = getenv("SITREP_FUZZ_DICT");
    S_dict = sitrep_dict_new();
    sitrep_error err = {0};
    sitrep_status st = sitrep_dict_load(S_dict, path ? path : "data/dict", &err);
    if (st != SITREP_OK && st != SITREP_E_SYNTAX) abort(); /* run from the repository root */
    S_coder = sitrep_coder_new(NULL, S_dict, &err);
    if (!S_coder) abort();
}

static int S_doc(void *ctx, sr_conllu_doc *d) {
    (void)ctx;
    sitrep_article *a = d->article;
    sitrep_error err = {0};
    sitrep_events *ev = sitrep_code_article(S_coder, a, &err);
    if (ev) {
        size_t len = a->len;
        for (size_t i = 0; i < sitrep_events_count(ev); i++) {
            const sitrep_event *e = sitrep_events_get(ev, i);
            if (!e->source_code || !e->target_code || !e->cameo) abort();
            if (e->source_end > len || e->target_end > len || e->source_start > e->source_end ||
                e->target_start > e->target_end)
                abort();
        }
        sitrep_events_free(ev);
    }
    sitrep_article_free(a);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    S_init();
    sitrep_error err = {0};
    /* documents of at most 8 sentences, as the coder sees them in batches */
    (void)sr_conllu_read((const char *)data, size, "fuzz.conllu", 8, S_doc, NULL, &err);
    return 0;
}
