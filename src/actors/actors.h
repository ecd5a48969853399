/* actors.h - actor recognition over a parsed sentence, and within-article
 * coreference.
 *
 * Recognition has two layers:
 *  1. mentions: a left-to-right longest-match scan of the actor and agent
 *     dictionaries over the sentence's tokens (surface or lemma, folded;
 *     actor codes resolved at the article date), one mention per span;
 *  2. noun phrases: sr_actors_np() composes the mentions inside a noun
 *     phrase (the head and its compound/amod/flat/possessive/det modifiers,
 *     plus "of/from/in X" when the head is an agent) into one code the way
 *     PETRARCH does: prefix agents + actor + suffix agents, an agent code
 *     being dropped when the actor code already contains it ("Russian
 *     officials" -> RUSGOV, "Ukraine's military" -> UKRMIL, "MSF Arnor
 *     diplomat" -> NGOARNGOV). Conjuncts are expanded by sr_actors_expand
 *     ("the U.S. and Ukraine" -> USA, UKR).
 *
 * Coreference (sr_coref, one per article) resolves, for a head token that
 * has no dictionary code: a last name seen earlier as part of a longer
 * actor phrase ("Putin" after "Vladimir Putin"), and personal pronouns to
 * the most recent compatible actor mentioned before them (he/she/him/her:
 * an actor with a role code longer than a bare country code, "USAGOV";
 * it: a bare country/organisation code first; they/them: any). Actors
 * are remembered in token order as sr_actors_sentence scans the sentence.
 * Definite descriptions ("the Russian leader") are handled by composition;
 * "the Kremlin", "Moscow" are dictionary actors.
 *
 * All memory comes from the caller's arena; nothing is malloc'ed. */
#ifndef SR_ACTORS_H
#define SR_ACTORS_H
#include <stddef.h>
#include <stdint.h>
#include "actors/deps.h"
#include "dict/dict.h"

enum { SR_MENTION_ACTOR = 1, SR_MENTION_AGENT = 2 };

typedef struct sr_mention {
    int32_t first, end;          /* tokens [first, end) of the sentence */
    uint8_t kind;                /* SR_MENTION_* */
    const char *code;            /* actor code at the date, or agent code; NULL: null actor */
    const sr_actor_entry *actor; /* kind ACTOR */
    const sr_agent_entry *agent; /* kind AGENT */
    const char *file;            /* dictionary location of the phrase */
    uint32_t line;
} sr_mention;

/* A resolved actor: one code with where it came from. */
typedef struct sr_actor_ref {
    const char *code;       /* composed code, e.g. "RUSGOV" (arena) */
    const char *entry;      /* "file:line" of the actor entry (+ " " agent) */
    /* How the code was composed, so conjuncts of an "of" complement can
     * be recomposed: code == prefix + base + suffix. */
    const char *prefix, *base, *suffix;
    int32_t first, end;     /* token span that carried it (sentence-relative) */
    int32_t head;           /* the NP head token */
    int32_t via;            /* the "of/from/in" complement that gave base, or -1 */
    uint8_t coref;          /* 1 when it came from coreference */
    uint8_t bridged;        /* 1: a definite proposal noun resolved to the
                             * authors of the last proposal (coref->prop) */
} sr_actor_ref;

/* Article-level coreference memory. Zero-initialize, then call
 * sr_coref_reset per article. Entries are copied into the arena given to
 * sr_actors_sentence. */
#define SR_COREF_MAX 64
typedef struct sr_coref {
    /* The strings are copied here: the coder's per-sentence arena is
     * reset between sentences. */
    struct { char name[48], code[48], entry[160]; } names[SR_COREF_MAX];
    int nnames;             /* ring of last names */
    int next;
    struct {
        char code[48], entry[160];
        uint8_t plural, subj;
        uint8_t role; /* a role with no country ("GOV", "CVL") */
        int32_t sent, first, end; /* sentence number and token span */
    } recent[8];            /* [0] newest */
    int nrecent;
    int32_t sent;           /* number of the sentence being scanned */
    /* Bridging: the authors of the last proposal-like noun that named
     * them ("the proposal agreed upon by A and B", "A's plan"), so that a
     * later definite "the proposal / the idea / the plan" refers to them. */
    struct { char code[48], entry[160]; } prop[4];
    int nprop;
    int enabled;            /* 0: coreference off (PETRARCH-compatible) */
} sr_coref;

void sr_coref_reset(sr_coref *c, int enabled);

typedef struct sr_sent_actors {
    sr_dtree tree;
    const sitrep_dict *dict;
    const sr_token *tok;
    int32_t n;
    int32_t date;
    sr_mention *m;          /* mentions in sentence order */
    int32_t nm;
    int32_t *mention_of;    /* per token: mention index or -1 */
    sr_actor_ref *np;       /* per token: cached sr_actors_np result */
    uint8_t *np_state;      /* 0 unknown, 1 resolved (np[i].code may be NULL) */
    sr_coref *coref;        /* may be NULL */
    sr_arena *arena;
} sr_sent_actors;

/* Builds the dependency view and the mentions of `toks[0..n)`. `coref` may
 * be NULL (no coreference); it is read and updated (last names). Returns 0,
 * or -1 when out of memory. */
int sr_actors_sentence(sr_sent_actors *sa, const sitrep_dict *d,
                       const sr_token *toks, int32_t n, int32_t date,
                       sr_coref *coref, sr_arena *arena);

/* The actor of the noun phrase headed by token h (NULL when it has none).
 * Cached; the pointer lives as long as the arena. */
const sr_actor_ref *sr_actors_np(sr_sent_actors *sa, int32_t h);

/* The actors of the phrase headed by h and of its conjuncts (and of the
 * "of/from/in" complements of an agent head: "the ambassadors of A, B and
 * C" -> AGOV, BGOV, CGOV), written to out[0..max); returns the count.
 * When `deep` is set and h itself has no actor, the first actor found in
 * h's subtree (not entering clauses) is used ("the population of Gondor"
 * -> GON). */
int sr_actors_expand(sr_sent_actors *sa, int32_t h, int deep,
                     sr_actor_ref *out, int max);

/* Records `r` as the most recently mentioned actor. */
void sr_coref_note(sr_coref *c, const sr_actor_ref *r);

/* As sr_coref_note, with what pronoun agreement needs: `plural` (the head
 * is plural: "forces" is never "he") and `subj` (it was a subject: "he"
 * prefers the last singular subject over a later object). */
void sr_coref_note2(sr_coref *c, const sr_actor_ref *r, int plural, int subj);

/* 1 when token t is a proposal-like noun ("proposal", "plan", "idea",
 * "initiative", "offer", "deal") that bridging coreference tracks. */
int sr_actors_is_proposal_noun(const sr_token *t);
#endif
