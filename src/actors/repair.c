/* repair.c - re-attachments of dependency parses the coder reads as
 * mistakes; see repair.h and docs/coder.md 11t. */
#include "actors/repair.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/ud.h"

/* At most this many repairs per sentence: each one removes the structure
 * that triggered it, the bound only guards against rules feeding each
 * other. */
#define S_MAX_REPAIRS 8

static int S_nominal(unsigned up) {
    return up == SR_UPOS_NOUN || up == SR_UPOS_PROPN || up == SR_UPOS_PRON || up == SR_UPOS_NUM;
}

/* An -ing form: a gerund may be coordinated with a noun ("with assault
 * and with arranging marriages"), whatever its VerbForm feature says. */
static int S_ing(const sr_token *tk) {
    return tk->form_len > 4 && !memcmp(tk->form + tk->form_len - 3, "ing", 3);
}

static int S_has_subject(const sr_dtree *t, int32_t i) {
    for (int32_t k = 0; k < sr_dtree_nkids(t, i); k++) {
        unsigned r = t->rel[sr_dtree_kid(t, i, k)];
        if (sr_dep_is_subject(r) || r == SR_DEP_CSUBJ || r == SR_DEP_CSUBJ_PASS || r == SR_DEP_EXPL)
            return 1;
    }
    return 0;
}

/* Dependents of a clause head that the parser may leave on the word it
 * wrongly made the head: the clause's subject, auxiliaries, markers. */
static int S_clause_rel(unsigned r) {
    return sr_dep_is_subject(r) || r == SR_DEP_CSUBJ || r == SR_DEP_CSUBJ_PASS ||
           r == SR_DEP_EXPL || r == SR_DEP_AUX || r == SR_DEP_AUX_PASS || r == SR_DEP_COP ||
           r == SR_DEP_MARK;
}

/* Moves node i under h with relation rel (head and rel only; the caller
 * refreshes the tree). */
static void S_attach(sr_dtree *t, int32_t i, int32_t h, unsigned rel) {
    t->head[i] = h;
    t->rel[i] = (uint8_t)rel;
}

/* Which dependent c of the word h that v replaces moves to v, and with
 * what relation (SR_DEP_NONE: it stays on h). */
typedef unsigned (*S_mover)(const sr_dtree *t, int32_t c, int32_t v, int32_t h);

/* Puts v in h's place, the shape of every repair below: the dependents
 * of h that `moves` picks go to v, v takes h's head and relation, and h
 * becomes v's dependent with relation hr. */
static void S_promote(sr_dtree *t, int32_t v, int32_t h, unsigned hr, S_mover moves) {
    for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
        int32_t c = sr_dtree_kid(t, h, k);
        unsigned r = c == v ? SR_DEP_NONE : moves(t, c, v, h);
        if (r != SR_DEP_NONE) S_attach(t, c, v, r);
    }
    S_attach(t, v, t->head[h], t->rel[h]);
    S_attach(t, h, v, hr);
}

/* A full verb as a copula takes what comes before it, the clausal
 * dependents, the final punctuation and verbal conjuncts. */
static unsigned S_cop_moves(const sr_dtree *t, int32_t c, int32_t v, int32_t h) {
    unsigned r = t->rel[c];
    return c < v || sr_dep_is_clausal(r) || (r == SR_DEP_PUNCT && c == t->hi[h]) ||
                   (r == SR_DEP_CONJ && t->tok[c].upos == SR_UPOS_VERB)
               ? r
               : SR_DEP_NONE;
}

/* A verb read as an adverb takes what comes before it and the
 * sentence-level dependents. */
static unsigned S_advmod_moves(const sr_dtree *t, int32_t c, int32_t v, int32_t h) {
    (void)h;
    unsigned r = t->rel[c];
    return c < v || r == SR_DEP_PUNCT || r == SR_DEP_PARATAXIS || r == SR_DEP_ADVCL ||
                   (r == SR_DEP_CONJ && t->tok[c].upos == SR_UPOS_VERB)
               ? r
               : SR_DEP_NONE;
}

/* A participle in place of its adverb takes all the adverb's dependents;
 * with "be" its passive auxiliary, the subject is a passive one. */
static unsigned S_passive_moves(const sr_dtree *t, int32_t c, int32_t v, int32_t h) {
    (void)v;
    unsigned r = t->rel[c];
    if (r == SR_DEP_COP && c == sr_dtree_find_kid(t, h, SR_DEP_COP)) return SR_DEP_AUX_PASS;
    if (r == SR_DEP_NSUBJ) return SR_DEP_NSUBJ_PASS;
    if (r == SR_DEP_CSUBJ) return SR_DEP_CSUBJ_PASS;
    return r;
}

/* A full verb as a copula: "Gondor has met with Rohan in Osgiliath" parsed
 * as "Osgiliath <cop met" with the subject and "has" on "Osgiliath". UD gives
 * the copula relation to "be" alone, so a VERB that is not "be" in it is
 * the predicate: it takes the nominal's place, with the dependents before
 * it (subject, auxiliaries, adverbs), its clausal dependents and its final
 * punctuation; the nominal becomes its oblique (with a preposition), its
 * object (a bare noun) or its predicative complement (an adjective). */
static int S_verb_cop(sr_dtree *t, int32_t v) {
    const sr_token *tk = t->tok;
    if (tk[v].upos != SR_UPOS_VERB || t->rel[v] != SR_DEP_COP || sr_lemma_is(&tk[v], "be"))
        return 0;
    int32_t h = t->head[v];
    if (h <= v || !(S_nominal(tk[h].upos) || tk[h].upos == SR_UPOS_ADJ)) return 0;
    unsigned hr = sr_dtree_find_kid(t, h, SR_DEP_CASE) >= 0 ? SR_DEP_OBL
                  : tk[h].upos == SR_UPOS_ADJ              ? SR_DEP_XCOMP
                                                           : SR_DEP_OBJ;
    S_promote(t, v, h, hr, S_cop_moves);
    return 1;
}

/* A verb as an adverb: "Arnor will restore broken ties" parsed as
 * "broken <advmod restore", the participle the head. A base or finite
 * verb right before a past participle never modifies it as an adverb
 * (UD's advmod takes adverbs): it is the main verb, and the participle
 * with its object is its complement (xcomp, as the parsers give "restore
 * <xcomp broken" when they read it right). The participle's subject,
 * auxiliaries and sentence-level dependents move to the verb. */
static int S_verb_advmod(sr_dtree *t, int32_t v) {
    const sr_token *tk = t->tok;
    if (tk[v].upos != SR_UPOS_VERB || t->rel[v] != SR_DEP_ADVMOD ||
        (tk[v].feats & (SR_FEAT_VF_PART | SR_FEAT_VF_GER)) || sr_dtree_nkids(t, v) > 0)
        return 0;
    int32_t h = t->head[v];
    if (h != v + 1 || tk[h].upos != SR_UPOS_VERB || !(tk[h].feats & SR_FEAT_VF_PART) ||
        !(tk[h].feats & SR_FEAT_TENSE_PAST))
        return 0;
    int32_t o = sr_dtree_find_kid(t, h, SR_DEP_OBJ);
    if (o <= h) return 0;
    S_promote(t, v, h, SR_DEP_XCOMP, S_advmod_moves);
    return 1;
}

/* Coordinated adverbs as a predicate: "Rohan was sharply and repeatedly
 * condemned" parsed as "sharply <cop was", "sharply <conj condemned".
 * An adverb with a copula and a past participle as its conjunct (the
 * participle with no subject or copula of its own) is one of the
 * participle's adverbs: the participle heads the clause, takes the
 * adverb's subject and other dependents, and "be" is its passive
 * auxiliary. */
static int S_adv_cop_conj(sr_dtree *t, int32_t a) {
    const sr_token *tk = t->tok;
    if (tk[a].upos != SR_UPOS_ADV) return 0;
    int32_t cop = sr_dtree_find_kid(t, a, SR_DEP_COP), p = -1;
    if (cop < 0 || !sr_lemma_is(&tk[cop], "be")) return 0;
    /* "been" needs its "has" ("has been heavily and unfairly judged";
     * "been there, done that" is two predicates) */
    if ((tk[cop].feats & SR_FEAT_VF_PART) && sr_dtree_find_kid(t, a, SR_DEP_AUX) < 0) return 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, a) && p < 0; k++) {
        int32_t c = sr_dtree_kid(t, a, k);
        if (c > a && t->rel[c] == SR_DEP_CONJ && tk[c].upos == SR_UPOS_VERB &&
            (tk[c].feats & SR_FEAT_VF_PART) && (tk[c].feats & SR_FEAT_TENSE_PAST))
            p = c;
    }
    /* a passive participle takes no object ("been there, done that" is
     * two predicates) */
    if (p < 0 || S_has_subject(t, p) || sr_dtree_find_kid(t, p, SR_DEP_COP) >= 0 ||
        sr_dtree_find_kid(t, p, SR_DEP_OBJ) >= 0)
        return 0;
    /* only the coordination's words lie between the adverb and the
     * participle: "sharply and repeatedly condemned" */
    for (int32_t i = a + 1; i < p; i++) {
        unsigned r = t->rel[i];
        if (r != SR_DEP_CC && r != SR_DEP_PUNCT && tk[i].upos != SR_UPOS_ADV) return 0;
    }
    S_promote(t, p, a, SR_DEP_ADVMOD, S_passive_moves);
    return 1;
}

/* A predicate adjective as an attribute: "that Rohan is a close and
 * loyal ally" parsed as "close <nsubj Rohan, <cop is, <det a" with
 * "close" an amod of "ally". An adjectival modifier takes no subject or copula,
 * so the noun it modifies is the predicate nominal: the subject, copula,
 * auxiliaries, subordinator and determiner (and what precedes them) move
 * to the noun. A paratactic noun that so gets a subordinator is the
 * complement clause (ccomp) of its head: parataxis has no "that". */
static int S_amod_predicate(sr_dtree *t, int32_t a) {
    const sr_token *tk = t->tok;
    /* (with a preposition, "is in the clear", the adjective heads a
     * prepositional predicate of its own) */
    if (tk[a].upos != SR_UPOS_ADJ || t->rel[a] != SR_DEP_AMOD ||
        sr_dtree_find_kid(t, a, SR_DEP_CASE) >= 0)
        return 0;
    int32_t n = t->head[a];
    if (n <= a || !S_nominal(tk[n].upos) || S_has_subject(t, n) ||
        sr_dtree_find_kid(t, n, SR_DEP_COP) >= 0)
        return 0;
    int32_t last = -1, subj = 0, cop = 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, a); k++) {
        int32_t c = sr_dtree_kid(t, a, k);
        unsigned r = t->rel[c];
        if (c > a) break;
        if (S_clause_rel(r) || r == SR_DEP_DET || r == SR_DEP_DET_PREDET) last = c;
        if (sr_dep_is_subject(r)) subj = 1;
        if (r == SR_DEP_COP) cop = 1;
    }
    if (!subj || !cop) return 0;
    int mark = 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, a); k++) {
        int32_t c = sr_dtree_kid(t, a, k);
        if (c > last) break;
        if (t->rel[c] == SR_DEP_MARK) mark = 1;
        S_attach(t, c, n, t->rel[c]);
    }
    if (mark && t->rel[n] == SR_DEP_PARATAXIS) t->rel[n] = SR_DEP_CCOMP;
    return 1;
}

/* A verb coordinated with an object noun: "X condemned an attack by Y and
 * promised aid to Z" parsed as "attack <conj promised". A noun has no
 * verbal conjuncts: a verb with "and", its own object and no subject,
 * conjoined to the object (or oblique) of a verb before it, is a conjunct
 * of that verb, and so shares its subject. */
static int S_verb_conj_noun(sr_dtree *t, int32_t v) {
    const sr_token *tk = t->tok;
    if (tk[v].upos != SR_UPOS_VERB || t->rel[v] != SR_DEP_CONJ || S_has_subject(t, v) ||
        (tk[v].feats & (SR_FEAT_VF_GER | SR_FEAT_VF_INF)) || S_ing(&tk[v]))
        return 0;
    int32_t n = t->head[v];
    if (n < 0 || n >= v || !S_nominal(tk[n].upos) ||
        (t->rel[n] != SR_DEP_OBJ && t->rel[n] != SR_DEP_OBL))
        return 0;
    int32_t w = t->head[n];
    if (w < 0 || w >= n || tk[w].upos != SR_UPOS_VERB) return 0;
    int32_t cc = sr_dtree_find_kid(t, v, SR_DEP_CC), o = sr_dtree_find_kid(t, v, SR_DEP_OBJ);
    if (cc < 0 || cc > v || o <= v) return 0;
    /* "envoys and trusted advisers" is a coordination of nouns: a verb
     * reading needs an auxiliary ("and has restored") or a noun that its
     * own modifiers close before the "and" ("the raid on Osgiliath on
     * Monday and restored") */
    int closed = sr_dtree_find_kid(t, v, SR_DEP_AUX) >= 0;
    /* a verb between the noun and the "and" may be the conjunct's
     * partner instead ("came from X and have Y"): leave such parses */
    for (int32_t i = n + 1; i < cc; i++)
        if (tk[i].upos == SR_UPOS_VERB) return 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, n) && !closed; k++) {
        int32_t c = sr_dtree_kid(t, n, k);
        if (c > n && c < cc && t->rel[c] != SR_DEP_PUNCT) closed = 1;
    }
    if (!closed) return 0;
    S_attach(t, v, w, SR_DEP_CONJ);
    return 1;
}

int sr_dtree_repair(sr_dtree *t, sr_arena *arena) {
    if (!t || !t->tok || t->n < 3) return 0;
    /* SITREP_CODER_DEBUG=1 shows each repair with the coder's reasoning */
    static int debug = -1;
    if (debug < 0) debug = getenv("SITREP_CODER_DEBUG") != NULL;
    int done = 0;
    for (int32_t i = 0; i < t->n && done < S_MAX_REPAIRS; i++) {
        int hit = S_verb_cop(t, i)          ? 1
                  : S_verb_advmod(t, i)     ? 2
                  : S_adv_cop_conj(t, i)    ? 3
                  : S_amod_predicate(t, i)  ? 4
                  : S_verb_conj_noun(t, i)  ? 5
                                            : 0;
        if (!hit) continue;
        if (debug) {
            static const char *const NAME[] = {"", "verb-cop", "verb-advmod", "adv-cop-conj",
                                               "amod-predicate", "verb-conj-noun"};
            fprintf(stderr, "  repair %s at %d %.*s\n", NAME[hit], i + 1, (int)t->tok[i].form_len,
                    t->tok[i].form);
        }
        if (sr_dtree_refresh(t, arena) != 0) return -1;
        done++;
        i = -1; /* the tree changed: look again from the start */
    }
    return done;
}
