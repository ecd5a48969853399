/* repair.h - re-attachments of parser mistakes the coder recognises.
 *
 * Some parses put a clause's words under the wrong head in a way UD rules
 * out (a full verb as a copula, a verb as an adverb, a predicate adjective
 * as an attribute, a verb conjoined with a noun). The actor recognizer and
 * the coder read phrases and clauses off the tree, so such a parse loses
 * the clause's subject or its pattern words. sr_dtree_repair re-attaches
 * the words as the construction requires (docs/coder.md 11t) before
 * anything reads the tree. Each rule only fires on a structure UD forbids,
 * so a parse that follows UD is left as it is. */
#ifndef SR_ACTORS_REPAIR_H
#define SR_ACTORS_REPAIR_H
#include "actors/deps.h"

/* Repairs t in place (head/rel, then derived arrays). Returns the number
 * of repairs made, or -1 when out of memory. */
int sr_dtree_repair(sr_dtree *t, sr_arena *arena);
#endif
