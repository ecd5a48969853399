/* deps.h - a validated dependency view of one sentence, for the actor
 * recognizer and the event coder.
 *
 * The parser (or a foreign CoNLL-U file) fills sr_token.head/deprel; this
 * module never trusts them: out-of-range heads become roots and cycles are
 * broken (the node where a cycle is detected is re-attached to the root), so
 * every walk over an sr_dtree terminates. Children are stored in one array
 * (CSR layout) in sentence order. Everything lives in the caller's arena:
 * building a tree allocates nothing with malloc.
 *
 * Indices are 0-based token positions within the sentence; -1 means "none"
 * (the root's head). */
#ifndef SR_ACTORS_DEPS_H
#define SR_ACTORS_DEPS_H
#include <stddef.h>
#include <stdint.h>
#include "text/article.h"
#include "util/arena.h"

typedef struct sr_dtree {
    const sr_token *tok;  /* the sentence's tokens (borrowed) */
    int32_t n;            /* token count */
    int32_t *head;        /* validated 0-based head, -1 for roots */
    uint8_t *rel;         /* deprel (SR_DEP_*), SR_DEP_ROOT for roots */
    int32_t *kid_start;   /* children of i: kid[kid_start[i] .. kid_start[i+1]) */
    int32_t *kid;
    int32_t *lo, *hi;     /* subtree span: tokens lo[i] .. hi[i] inclusive */
    int32_t *depth;       /* distance to the root (roots: 0) */
    int32_t nfixed;       /* heads that were invalid and repaired */
} sr_dtree;

/* Builds the view of `toks[0..n)` in `arena`. n may be 0. Tokens whose
 * head is unset (-1) or out of range, or that lie on a cycle, are attached
 * to the root (head -1) and counted in nfixed. Returns 0, or -1 when out of
 * memory. The tree borrows `toks`, which must outlive it. */
int sr_dtree_build(sr_dtree *t, const sr_token *toks, int32_t n, sr_arena *arena);

/* Recomputes depth, children and spans after the caller changed head[]
 * or rel[] of some tokens (a repair of a parse the coder knows to be
 * wrong). Heads out of range become roots and cycles are broken as in
 * sr_dtree_build. Returns 0, or -1 when out of memory. */
int sr_dtree_refresh(sr_dtree *t, sr_arena *arena);

/* Number of children of i and the j-th one (sentence order). */
static inline int32_t sr_dtree_nkids(const sr_dtree *t, int32_t i) {
    return t->kid_start[i + 1] - t->kid_start[i];
}
static inline int32_t sr_dtree_kid(const sr_dtree *t, int32_t i, int32_t j) {
    return t->kid[t->kid_start[i] + j];
}

/* The first child of i with relation `rel` (exact SR_DEP_* value), or -1. */
int32_t sr_dtree_find_kid(const sr_dtree *t, int32_t i, unsigned rel);

/* 1 when `a` is `d` or an ancestor of `d`. Bounded by the tree depth. */
int sr_dtree_dominates(const sr_dtree *t, int32_t a, int32_t d);

/* 1 when relation `rel` introduces a clause of its own (ccomp, xcomp,
 * advcl, acl, acl:relcl, parataxis, csubj, ...): the coder codes such
 * subtrees as separate verbs and the NP machinery does not look inside. */
int sr_dep_is_clausal(unsigned rel);

/* 1 when `rel` is one of the subject relations (nsubj, nsubj:pass,
 * nsubj:outer, csubj...). */
int sr_dep_is_subject(unsigned rel);

/* A subject the parser hung, as an apposition, on a fronted
 * prepositional phrase: "In Washington, President X said ..." parsed as
 * "said <obl Washington", "Washington <appos X". For verb v with no
 * subject (nsubj, nsubj:pass, csubj, expl): the apposition inside an obl
 * of v that opens with its preposition, starts after a comma and ends
 * right before v (a noun phrase right before a finite verb that lacks a
 * subject is that subject; an apposition never sits between a fronted
 * phrase's comma and its verb). Returns its head, or -1 (also for a NULL
 * tree or v out of range). */
int32_t sr_dtree_pp_appos_subject(const sr_dtree *t, int32_t v);

/* A reporting clause parsed as a relative clause of the noun before the
 * speaker's name: ", the news agency WFNA said" as "agency <acl:relcl
 * said", "said <nsubj WFNA" (11o). For noun h: its acl:relcl verb v
 * (a say/report/state/announce/claim/add verb after h, with no object,
 * complement or relativizer of its own) whose subject is a bare proper
 * name filling exactly the words between h and v, when h's phrase follows
 * a comma. A descriptor noun right before a name is one phrase with it,
 * and a speech verb that says nothing is the sentence's reporting clause,
 * not a relative clause with an object gap. Returns v, or -1 (also for
 * a NULL tree or h out of range). */
int32_t sr_dtree_desc_relcl(const sr_dtree *t, int32_t h);

/* The lower-cased ASCII comparison of token i's form (or lemma when
 * use_lemma and the lemma is set) with `s`. */
int sr_tok_is(const sr_token *tk, const char *s);
int sr_lemma_is(const sr_token *tk, const char *s);
#endif
