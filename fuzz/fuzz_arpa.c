/* fuzz_arpa.c - libFuzzer harness for the ARPA language-model reader of
 * `sitrep train clusters`. Every input must either be read or be refused
 * with SITREP_E_SYNTAX/_FORMAT (the syntax errors with a line); what is
 * read must be consistent (bigram words inside the vocabulary), and
 * clustering it into two small class sets must succeed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "io/source.h"
#include "parse/clusters.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_src *src = sr_src_open_mem("<fuzz>", data, size);
    if (!src) return 0;
    sr_arpa a;
    sitrep_error err = {0};
    sitrep_status st = sr_arpa_read(src, &a, &err);
    sr_src_close(src);
    if (st) {
        if (st != SITREP_E_SYNTAX && st != SITREP_E_FORMAT && st != SITREP_E_CORRUPT) abort();
        if (st == SITREP_E_SYNTAX && err.line == 0) abort();
        if (a.nwords || a.words) abort(); /* nothing left behind */
        return 0;
    }
    if (!a.nwords || !a.nbigrams) abort();
    for (size_t j = 0; j < a.nbigrams; j++)
        if (a.bi_a[j] >= a.nwords || a.bi_b[j] >= a.nwords || !(a.lp2[j] <= 0)) abort();
    if (a.nwords <= 2000) {
        sr_mbuild mb = {0};
        int rc = sr_clusters_train(&a, 2, 3, 3, NULL, &mb);
        if (rc != 0 && rc != -2) abort(); /* -2: only sentence-marker bigrams, a clear error */
        sr_mbuild_free(&mb);
    }
    sr_arpa_free(&a);
    return 0;
}
