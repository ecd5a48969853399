/* parser.h - greedy arc-hybrid dependency parser (root at the end of the
 * buffer, single root enforced), averaged perceptron trained with a
 * dynamic oracle and exploration. The transition (SHIFT/LEFT/RIGHT) is
 * scored from a dense 3-class table (one probe per feature); the label of
 * each new arc from a separate sparse table over the UD relations.
 * Parsing is linear: exactly 2n transitions for n words.
 */
#ifndef SR_PARSER_H
#define SR_PARSER_H
#include "parse/percep.h"
#include "parse/tagger.h"

/* Feature-set extensions of a parser model (stored in its metadata;
 * models written before them have none and are parsed as before). */
enum {
    SR_PFX_S1B0 = 1,    /* s1-b0 word pair, tags with distance */
    SR_PFX_CHILDW = 2,  /* words of s0's rightmost and b0's leftmost child */
    SR_PFX_COMMAS = 4,  /* commas between s0 and b0 */
    SR_PFX_WTT = 8,     /* word-tag-tag triples of s0, b0, b1 */
    SR_PFX_TTW = 16,    /* tag-tag-child-word triples */
    SR_PFX_TEMPLATES = 31,
    /* Not a template: the keys are made by the xor-multiply fold of
     * round 5 (parser.c S_mix). Every model this sitrep writes has it;
     * one without it used the older key scheme and is refused. */
    SR_PFX_KEYS2 = 32,
    /* word-cluster templates (clusters.h): transitions and labels */
    SR_PFX_CLUSTERS = 64,
    /* Not a template: trained with a beam (globally) and decoded with one
     * of the width in the model's meta section (sr_parser.beam). A build
     * that does not know it refuses the model rather than decode it
     * greedily, which would be silently far worse. */
    SR_PFX_BEAM = 128,
    /* supertag templates (tagger.h, "Supertags"): the model comes with
     * the supertagger it was trained with (checksum in the model) */
    SR_PFX_STAG = 256,
    /* Not a template: the model leaves out the templates named in its
     * PTOF section (`train parser --drop-templates`; sr_parser.off). A
     * build that does not know it would score templates the model was
     * not trained with, so it refuses the model. */
    SR_PFX_TMASK = 512,
    SR_PFX_ALL = 1023
};

/* Template ids are below this (bits of sr_parser.off). */
#define SR_PARSER_TEMPLATE_IDS 256

/* The tag atoms t[] given to the parser: the tagger's class of each word,
 * and with SR_PFX_STAG its supertag + 1 in bits 16-31 (tagger classes
 * are below 65536: sr_scell.cls is 16 bits). */
static inline uint32_t sr_parser_atom(uint32_t cls, unsigned stag) { return cls | (uint32_t)(stag + 1) << 16; }

struct sr_clusters;
typedef struct sr_parser {
    sr_dtab trans;
    sr_stab lab;
    unsigned fx; /* SR_PFX_* bits */
    uint32_t cl_crc;               /* SR_PFX_CLUSTERS: checksum of its clusters file */
    uint32_t st_crc;               /* SR_PFX_STAG: checksum of its supertagger file */
    const struct sr_clusters *cl;  /* set by the model loader */
    int beam;                      /* decoding beam width (1: greedy; > 1 with SR_PFX_BEAM) */
    uint64_t off[SR_PARSER_TEMPLATE_IDS / 64]; /* SR_PFX_TMASK: template id left out when bit id is set */
    uint64_t uid; /* set by sr_parser_from (sr_memo_new_owner): owner of its per-thread memos */
} sr_parser;

/* The widest beam a model may ask for. */
#define SR_PARSER_MAX_BEAM 64

/* Locates the parser sections of a model file; -1 if missing/malformed,
 * -2 if the model uses feature templates this build does not know (a
 * model written by a newer sitrep). */
int sr_parser_from(sr_parser *p, const sr_mfile *f);

/* Parses n words given lowercased-word hashes w[] (sr_word_hash) and tag
 * atoms t[] (sr_parser_atom). Writes head[i] (1-based, 0 = root) and lab[i] (SR_DEP_*).
 * *ntrans (if non-NULL) gets the number of transitions made. 0, or -1 on
 * OOM. */
int sr_parser_parse(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t,
                    int16_t *head, uint8_t *lab, sr_scratch *scratch, size_t *ntrans);

/* Several sentences parsed in lockstep (their cache misses overlap);
 * results are exactly those of sr_parser_parse on each. */
#define SR_PARSER_MAX_JOBS 8
typedef struct sr_parser_job {
    size_t n;            /* words */
    const uint64_t *w;   /* as for sr_parser_parse */
    const uint32_t *t;
    int16_t *head;       /* out: n entries */
    uint8_t *lab;        /* out: n entries */
    size_t ntrans;       /* out: transitions made */
} sr_parser_job;
/* Parses njobs (<= SR_PARSER_MAX_JOBS) sentences. 0, or -1 on OOM or too
 * many jobs. */
int sr_parser_parse_many(const sr_parser *p, sr_parser_job *jobs, size_t njobs, sr_scratch *scratch);

/* Beam-search decoding with width K (1..SR_PARSER_MAX_BEAM), whatever
 * p->beam says (sr_parser_parse and sr_parser_parse_many use p->beam).
 * Time and memory are linear in n for a fixed K: items share their
 * stacks (parser.c, "beam search"). With K = 1 the result is exactly that
 * of greedy decoding. 0, or -1 on OOM or a bad K. */
int sr_parser_parse_beam(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int K,
                         int16_t *head, uint8_t *lab, sr_scratch *scratch, size_t *ntrans);

/* The same beam search computed the plain way (every feature probed for
 * every item, as in training); sr_parser_parse_beam must give identical
 * results. For tests. */
int sr_parser_parse_beam_reference(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int K,
                                   int16_t *head, uint8_t *lab, sr_scratch *scratch);

/* The same parse computed the plain way (every feature probed at every
 * transition, as in training); sr_parser_parse must give identical
 * results. For tests. */
int sr_parser_parse_reference(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t,
                              int16_t *head, uint8_t *lab, sr_scratch *scratch, size_t *ntrans);

/* Trains on `train`, adding the parser sections to `mb`. Tags: when
 * retag_train is 1 the training tokens are tagged by `tg`; when 0 their
 * upos/xpos/feats are used as they are (e.g. jackknifed predictions),
 * mapped to tg's classes. Dev is always tagged by `tg`. With
 * o->stagger the model has supertag features (sr_train_opts). Dev
 * UAS/LAS are printed per epoch. */
sitrep_status sr_parser_train(sitrep_article *const *train, size_t ntrain,
                              sitrep_article *const *dev, size_t ndev, const sr_tagger *tg,
                              int retag_train, const sr_train_opts *o, sr_mbuild *mb,
                              sitrep_error *err);
#endif
