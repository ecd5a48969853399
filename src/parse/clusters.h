/* clusters.h - word clusters for the tagger and the parser.
 *
 * Why: the treebank has 200k words, so a word seen once or never in it
 * has no useful word features; a class learned from a large unlabeled
 * source lets it share the weights of the words that behave like it
 * ("condemns" with "asserts", "kyiv" with other capitals). Each word has
 * a coarse and a fine class, learned by predictive exchange clustering
 * (Uszkoreit & Brants 2008) from the bigram statistics of a language
 * model in ARPA format (`sitrep train clusters`); docs/parser.md says
 * where the shipped file's statistics come from.
 *
 * The table maps sr_word_hash(lowercased word) to (coarse + 1) |
 * (fine + 1) << 16; 0 means the word is not in it. It lives in a model
 * file (sections CMET, CMAP) next to the tagger and the parser, which
 * record the file's checksum and refuse another one.
 */
#ifndef SR_CLUSTERS_H
#define SR_CLUSTERS_H
#include "parse/percep.h"
#include "parse/tagger.h"

#define SR_CL_META SR_TAG('C', 'M', 'E', 'T')
#define SR_CL_MAP SR_TAG('C', 'M', 'A', 'P')

typedef struct sr_clusters {
    sr_map map;
    uint32_t ncoarse, nfine, nwords;
    uint32_t crc; /* of the model file the table was read from */
} sr_clusters;

/* Locates the tables in a loaded model file; -1 when they are missing or
 * malformed. The sections stay owned by `f`. */
int sr_clusters_from(sr_clusters *c, const sr_mfile *f);

/* The packed classes of a word hash (sr_word_hash), 0 when unknown.
 * `c` may be NULL (then 0). */
static inline uint32_t sr_clusters_get(const sr_clusters *c, uint64_t lw) {
    uint32_t v = 0;
    if (c && sr_map_get(&c->map, sr_fkey(lw), &v)) return v;
    return 0;
}
static inline uint32_t sr_cl_coarse(uint32_t v) { return v & 0xFFFFu; }
static inline uint32_t sr_cl_fine(uint32_t v) { return v >> 16; }

/* Unigrams and bigrams of an ARPA language model (higher orders are
 * skipped unread). Probabilities are log10, as in the file. */
typedef struct sr_arpa {
    char **words;     /* unigram i's word (malloc'ed) */
    double *lp1;      /* unigram i's log10 probability */
    size_t nwords;
    uint32_t *bi_a, *bi_b; /* bigram j: words bi_a[j] bi_b[j] */
    double *lp2;      /* log10 P(b | a) */
    size_t nbigrams;
} sr_arpa;

/* Reads an ARPA file from `src` (plain, gzip or zstd: see io/source.h).
 * A malformed header or n-gram line gives SITREP_E_SYNTAX with
 * file:line:col and what was expected; a file without "\data\" gives
 * SITREP_E_FORMAT. Bigrams naming a word missing from the unigrams are
 * errors too. On error *out is empty (nothing to free). */
struct sr_src;
sitrep_status sr_arpa_read(struct sr_src *src, sr_arpa *out, sitrep_error *err);
void sr_arpa_free(sr_arpa *a);

/* Clusters the words of `lm` twice (into `ncoarse` and `nfine` classes,
 * each 2..65534, `iterations` exchange passes, stopping early when no word
 * moves) and adds the sections of a clusters model to `mb`. Deterministic.
 * Progress lines go to `log` (may be NULL). 0; -1 when out of memory; -2
 * when no bigram joins two words (only <s>/</s> bigrams, or
 * probabilities too small to count). */
int sr_clusters_train(const sr_arpa *lm, int ncoarse, int nfine, int iterations, FILE *log, sr_mbuild *mb);
#endif
