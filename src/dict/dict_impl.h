/* dict_impl.h - the inside of sitrep_dict, shared by dict.c (the compiled
 * trie and matching) and reader.c (the file readers). Not for other
 * stages: they use dict.h. */
#ifndef SR_DICT_IMPL_H
#define SR_DICT_IMPL_H
#include "dict/dict.h"
#include "util/arena.h"

#define SR_DICT_MAX_WORD 256   /* longest folded word, bytes */
#define SR_DICT_MAX_PHRASE 64  /* longest phrase, words */

/* TABARI stems. A trie edge for a phrase word that is a stem (a TABARI
 * word without a trailing '_') is keyed by the word id with this bit set,
 * so stem and whole-word entries for the same word are different edges
 * and an exact lookup never meets a stem edge. Word ids stay below it. */
#define SR_STEM_BIT 0x80000000u
/* Stems longer than this (bytes, folded) are compiled as whole words:
 * sitrep_dict keeps a bitmap of the stem lengths in use. */
#define SR_STEM_MAX_LEN 63
/* sr_word.flags */
#define SR_WORD_STEM 1u /* some phrase uses this word as a stem */

/* A payload hanging off a terminal trie node (chained, load order). */
typedef struct sr_payload {
    uint32_t next;      /* index of the next payload, UINT32_MAX ends */
    uint32_t entry;     /* index into the kind's entry vector */
    uint8_t kind;       /* sr_dict_kind */
    uint8_t plural;     /* agents: a plural form */
    uint8_t verbpos;    /* verbs: index of the verb word in the phrase */
    const char *phrase; /* the phrase line as written */
    uint32_t line;      /* its line */
    /* verbs: when blocks in several files (or twice in one) list this verb
     * form, the first payload of each verbpos at the node points to an
     * entry whose block holds the patterns of all of them (see
     * sr_dict_merge_verbs); NULL when only one block lists it. */
    const sr_verb_entry *merged;
} sr_payload;

typedef struct sr_edge {
    uint32_t parent, word, child; /* parent == UINT32_MAX: empty slot */
} sr_edge;

typedef struct sr_word {
    const char *s;
    uint32_t len;
    uint32_t flags; /* SR_WORD_* */
    uint64_t hash;
} sr_word;

/* A vector of pointers to arena-allocated entries. */
typedef struct sr_ptrvec {
    void **v;
    size_t n, cap;
} sr_ptrvec;

/* A synset while loading: members as written until resolved. */
typedef struct sr_synset_src {
    sr_synset *syn;           /* the public view (alts filled at resolve) */
    char **members;           /* member texts as written (arena) */
    uint32_t *member_lines;
    size_t n, cap;
    int no_plural;            /* label ends in '_' */
    int state;                /* 0 unresolved, 1 resolving, 2 done */
} sr_synset_src;

struct sitrep_dict {
    sr_arena arena;
    /* words */
    sr_word *words;
    size_t nwords, wcap;
    uint32_t *wtab; /* open addressing: word id + 1, 0 empty */
    size_t wtab_cap;
    /* trie */
    uint32_t *node_payload; /* per node: first payload or UINT32_MAX */
    size_t nnodes, ncap;
    sr_edge *etab;
    size_t etab_cap, nedges;
    sr_payload *payloads;
    size_t npayloads, pcap;
    /* entries by kind */
    sr_ptrvec actors, agents, verbs, blocks, discards, issues;
    sr_ptrvec synsets; /* of sr_synset_src */
    sr_verb_transform *xf; /* contiguous (sr_dict_transforms) */
    size_t nxf, xfcap;
    size_t nfiles;
    /* stems (TABARI): the mode for the files loaded next (sr_dict_stems),
     * how many stem phrase words were compiled, and bit L of stem_lens set
     * when a stem word of L bytes exists (1 <= L <= SR_STEM_MAX_LEN). With
     * nstems == 0 matching does no stem work at all. */
    int stem_mode;
    size_t nstems;
    uint64_t stem_lens;
    size_t actor_phrases, agent_phrases, actor_ranges, verb_forms, npatterns;
    size_t errors;
    /* synsets by name: open addressing over `synsets` (index + 1) */
    uint32_t *stab;
    size_t stab_cap;
    /* error reporting */
    sitrep_dict_report_fn report;
    void *report_ctx;
    /* The first error since the current public load call began (its
     * d->errors value is load_errors_base), so each sitrep_dict_load
     * reports its own file's first error, not an earlier file's. */
    sitrep_error first_error;
    size_t load_errors_base;
};

/* Interns a folded word; returns its id or SR_WORD_NONE on OOM. */
uint32_t sr_dict_intern(sitrep_dict *d, const char *folded, size_t n);
/* Adds a phrase of word ids with a payload (copied). Bit k of `stems`
 * set: word k is a stem (TABARI: matches any token that starts with it);
 * 0 for whole words only. Returns 0 / -1 OOM. */
int sr_dict_add_phrase(sitrep_dict *d, const uint32_t *words, size_t nwords, uint64_t stems,
                       const sr_payload *p);
/* Recomputes the merged verb entries (sr_payload.merged) after a verb
 * file was read: for every verb form listed by more than one block, a
 * block whose patterns are those of all the blocks, in load order, each
 * pattern keeping its own code and file:line. The entry keeps the first
 * listing's verb, file and line; its code is the first listing's own code
 * unless that is the null code, then the next real one. Merged blocks are
 * not counted in the stats. Returns 0, or -1 when out of memory (the
 * verbs then match as before, one block each). */
int sr_dict_merge_verbs(sitrep_dict *d);
/* Appends an entry pointer to a vector; returns its index or -1. */
long sr_ptrvec_push(sr_ptrvec *v, void *p);

/* Reports one malformed line (counts it; calls the reporter; keeps the
 * first in d->first_error). */
void sr_dict_report(sitrep_dict *d, const char *file, size_t line,
                    size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Finds a synset by name (with '&'), or NULL. */
sr_synset_src *sr_dict_find_synset(const sitrep_dict *d, const char *name);
#endif
