/* tagger.h - averaged-perceptron POS tagger (UPOS+XPOS+verbal FEATS as
 * one class), FEATS lexicon and edit-rule lemmatizer.
 *
 * The tagger predicts a class = (UPOS, XPOS, Tense/VerbForm/Mood/Voice
 * bits) left to right, greedily, from word/affix/shape features of a
 * +-2 window, the two previous predicted classes and a most-frequent-class
 * lexicon lookahead. FEATS come from a (word, class) lexicon with a
 * per-class default. Lemmas are edit rules (strip N bytes, append S, keep
 * or lowercase) chosen by a (form, XPOS) lexicon, then the longest known
 * (XPOS, suffix), learned from the treebank's LEMMA column.
 */
#ifndef SR_TAGGER_H
#define SR_TAGGER_H
#include <stdio.h>
#include "parse/percep.h"
#include "parse/ud.h"
#include "text/article.h"

typedef struct sr_tclass {
    uint8_t upos, pad;
    uint16_t xpos;
    uint32_t feats; /* verbal bits that are part of the class */
} sr_tclass;

struct sr_clusters;

/* Feature-set bits of a tagger model (its metadata says which it uses). */
enum {
    SR_TFX_CLUSTERS = 1, /* word clusters of the word and its neighbours (clusters.h) */
    /* Not a feature: the classes are supertags (a supertagger, trained by
     * `sitrep train supertagger`), not parts of speech. Such a model is
     * never loaded as the tagger, nor a tagger as the supertagger. */
    SR_TFX_STAG = 2,
    /* the model leaves out the templates of its TTOF section
     * (`train tagger|supertagger --drop-templates`; sr_tagger.off) */
    SR_TFX_TMASK = 4,
    SR_TFX_ALL = 7
};

/* Supertags (docs/parser.md, Round 9): a word's dependency relation
 * (universal part), the side its head is on, and whether it has
 * dependents on its left and on its right (Ouchi et al. 2014's "model 2"
 * supertags), predicted left to right by a tagger model whose classes
 * stand for them, before the parser runs. The parser uses them as
 * features (SR_PFX_STAG): they tell it what a word of the buffer will
 * attach to, and whether it will take dependents, before the parser gets
 * there. Supertag id s = ((relation * 3 + side) << 2) | children
 * (SR_STAG_*), below SR_STAG_COUNT; a supertagger class stores it as
 * upos = 1 + s % 16, xpos = 1 + s / 16, which the tagger's class checks
 * accept (SR_STAG_COUNT <= 16 x 50). */
enum {
    SR_STAG_ROOT = 0, SR_STAG_LEFT = 1 /* head before the word */, SR_STAG_RIGHT = 2,
    SR_STAG_HAS_LEFT = 1, SR_STAG_HAS_RIGHT = 2 /* dependents on that side */
};
#define SR_STAG_COUNT (SR_DEP_COUNT * 12)
static inline unsigned sr_stag_id(unsigned deprel, unsigned side, unsigned children) {
    return (deprel * 3 + side) << 2 | children;
}
static inline unsigned sr_stag_of_class(const sr_tclass *c) {
    return (unsigned)(c->upos - 1) + 16u * (unsigned)(c->xpos - 1);
}

/* The gold supertag of token i (0-based) of a sentence of n CoNLL-U
 * tokens (head and deprel set; a token without a valid head gets the
 * root's relation and side). */
unsigned sr_stag_gold(const sr_token *toks, size_t n, size_t i);

/* Writes supertag s into t's upos/xpos (feats 0): the class of a
 * supertagger's training token. */
static inline void sr_stag_to_token(unsigned s, sr_token *t) {
    t->upos = (uint8_t)(1 + s % 16);
    t->xpos = (uint16_t)(1 + s / 16);
    t->feats = 0;
}

typedef struct sr_tagger {
    uint32_t nclass;
    unsigned fx;                   /* SR_TFX_* */
    uint64_t off;                  /* SR_TFX_TMASK: template id (1-63) left out when bit id is set */
    uint32_t stag_cap;             /* supertagger trained with at most this many classes (0: no cap) */
    uint32_t cl_crc;               /* checksum of the clusters file it was trained with */
    const struct sr_clusters *cl;  /* set by the model loader when fx has SR_TFX_CLUSTERS */
    const sr_tclass *classes;
    const uint32_t *class_feats; /* default FEATS per class */
    sr_stab w;
    sr_map lex;      /* lower form -> most frequent class (| SURE bit) */
    sr_map amb;      /* lower form -> UPOS values seen (bit set) */
    sr_map lem_form; /* (form, xpos) -> rule */
    sr_map lem_low;  /* (lower form, xpos) -> rule */
    sr_map lem_suf;  /* (xpos, suffix) -> rule */
    sr_map feat_lex; /* (lower form, class) -> FEATS */
    const uint32_t *rule_off; /* rule i: pool + rule_off[i] = "<strip><mode><append>\0" */
    uint32_t nrules;
    const char *rule_pool;
    size_t rule_pool_len;
    uint64_t uid; /* set by sr_tagger_from (sr_memo_new_owner): owner of its per-thread memos */
} sr_tagger;



/* Reusable per-thread scratch memory (grown as needed, freed with
 * sr_scratch_free). */
typedef struct sr_scratch { void *p; size_t cap; } sr_scratch;
void *sr_scratch_get(sr_scratch *s, size_t n);
void sr_scratch_free(sr_scratch *s);

/* Locates the tagger sections of a loaded model file; -1 when they are
 * missing or malformed. */
int sr_tagger_from(sr_tagger *tg, const sr_mfile *f);

/* Tags the n tokens in place (upos, xpos, feats) and writes their class
 * ids to cls[0..n). When `arena` is non-NULL also sets token->lemma
 * (allocated in `arena`). Returns 0, or -1 when out of memory. */
int sr_tagger_tag(const sr_tagger *tg, sr_token *toks, size_t n, uint32_t *cls, sr_arena *arena,
                  sr_scratch *scratch);

/* Several sentences tagged in lockstep (one token of each per round, so
 * their cache misses overlap); results are exactly those of
 * sr_tagger_tag on each. 0, or -1 on OOM or more than
 * SR_TAGGER_MAX_JOBS jobs. */
#define SR_TAGGER_MAX_JOBS 8
typedef struct sr_tag_job {
    sr_token *toks;
    size_t n;
    uint32_t *cls; /* out: n classes */
} sr_tag_job;
int sr_tagger_tag_many(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_arena *arena,
                       sr_scratch *scratch);

/* As sr_tagger_tag_many, but only the classes are written (cls): the
 * tokens are left as they are (no upos/xpos/feats/lemma). For the
 * supertagger, which runs after the tagger on the same tokens. */
int sr_tagger_classify_many(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_scratch *scratch);

/* As sr_tagger_classify_many, called right after sr_tagger_tag_many or
 * sr_tagger_classify_many of another model on the same jobs (same tokens,
 * same order) with the same scratch, when both models use the same
 * clusters (tg->cl equal): the word atoms computed there (hashes, affixes,
 * shape, clusters) are reused and only this model's lexicon atoms are
 * looked up. Same classes as sr_tagger_classify_many. For the
 * supertagger after the tagger. */
int sr_tagger_classify_many_after(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_scratch *scratch);

/* Class id of a gold token (upos, xpos, feats), or UINT32_MAX. */
uint32_t sr_tagger_class_of(const sr_tagger *tg, const sr_token *t);

/* Lowercased-form hash used by the parser for word features. */
uint64_t sr_word_hash(const char *form, size_t len);

typedef struct sr_train_opts {
    int epochs;
    uint64_t seed;
    FILE *log; /* progress lines, may be NULL */
    /* tagger only (0 or 1: off): the averaged weights of `ensemble` runs
     * (seeds seed + 7919 i) are averaged; lexicon features of training
     * sentence s come from the other lex_folds - 1 folds (s % lex_folds) */
    int ensemble, lex_folds;
    /* parser only (0 or 1: off): the same averaging over runs of the parser */
    int parser_ensemble;
    /* parser only: SR_PFX_* feature-template extensions to train with */
    unsigned parser_fx;
    /* word clusters to train with (tagger: SR_TFX_CLUSTERS; parser:
     * SR_PFX_CLUSTERS), or NULL */
    const struct sr_clusters *clusters;
    /* parser only: > 1 = global training with a beam of this width (the
     * model is then decoded with it); 0 or 1: greedy with a dynamic oracle */
    int parser_beam;
    /* tagger only: train a supertagger (SR_TFX_STAG): the classes are
     * the gold supertags of the tokens (their tags are ignored) */
    int supertags;
    /* parser only: supertag features (SR_PFX_STAG) from `stagger` (a
     * supertagger; stagger_crc: its file's checksum, kept in the parser
     * model). train_stags[i], when non-NULL, holds the supertag ids of
     * the tokens of train article i (jackknifed, as the tags are); train
     * sentences without them, silver sentences and dev are supertagged
     * by `stagger`. */
    const struct sr_tagger *stagger;
    uint32_t stagger_crc;
    uint16_t *const *train_stags;
    size_t ntrain_stags;
    /* parser only: template ids to leave out (bit id of parser_off[id / 64];
     * all zero: none). Any bit set makes a SR_PFX_TMASK model. */
    uint64_t parser_off[4];
    /* tagger and supertagger: template ids (1-63) to leave out (bit id;
     * 0: none); non-zero makes a SR_TFX_TMASK model */
    uint64_t tagger_off;
    /* supertagger only: at most this many classes (0: all supertags of
     * the training data): the rarest supertags lose their child flags
     * (sr_stag_cap) */
    uint32_t stag_cap;
} sr_train_opts;

/* Trains on the gold tokens of `train` (dev scored each epoch when ndev >
 * 0) and adds the tagger sections to `mb`. */
sitrep_status sr_tagger_train(sitrep_article *const *train, size_t ntrain,
                              sitrep_article *const *dev, size_t ndev, const sr_train_opts *o,
                              sr_mbuild *mb, sitrep_error *err);

/* Deterministic PRNG (splitmix64). */
static inline uint64_t sr_rand(uint64_t *s) {
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Shuffles v[0..n) in place (Fisher-Yates from the top, one sr_rand per
 * position): the training order of an epoch, the same for the same rng. */
static inline void sr_shuffle(size_t *v, size_t n, uint64_t *rng) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(sr_rand(rng) % i);
        size_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}
#endif
