/* sentences.h - sentence splitting and dateline recognition over the
 * tokens of an article (after sr_tokenize and offset mapping).
 *
 * Boundaries: after ". ! ?" runs (with closing quotes and brackets kept in
 * the sentence) unless the next word is lowercase; after abbreviations that
 * may end a sentence only before a typical sentence opener ("U.S. The");
 * never after titles and initials ("Gen.", "W."); at blank lines always;
 * at single line breaks unless the next line continues the sentence (it
 * starts lowercase, or the line ended in "," ";" "-" ...). A sentence that
 * reaches SR_MAX_SENT_TOKENS tokens is cut there (SR_SENT_TRUNCATED).
 */
#ifndef SR_TEXT_SENTENCES_H
#define SR_TEXT_SENTENCES_H
#include "article.h"

/* sr_sentence.flags bit set on every sentence made by sr_split_sentences:
 * the learned refinement (src/parse/sbd.h) may add boundaries inside
 * these, never inside sentences given by CoNLL-U input. */
#define SR_SENT_RULE_SPLIT (1u << 8)

/* Finds a news dateline ("KYIV, March 14 (Reuters) -", "WASHINGTON --")
 * at the start of one of the first lines, stores it in a->dateline and
 * a->dateline_start/end, and removes its tokens from a->tokens. Tokens
 * must already carry original-text offsets. Returns 0, or -1 on OOM. */
int sr_find_dateline(sitrep_article *a);

/* Fills a->sents / a->nsents from a->tokens (allocated in a->arena).
 * Returns 0, or -1 when out of memory. */
int sr_split_sentences(sitrep_article *a);
#endif
