/* sbd.h - learned sentence-boundary refinement for web text.
 *
 * The rule splitter (src/text/sentences.c) is tuned for news: it splits
 * after ". ! ?" unless the next word is lowercase, at blank lines and at
 * line breaks. Web text (UD EWT: e-mails, forums, reviews) often has
 * sentences with no final punctuation or starting in lowercase, and the
 * rules keep them together. This module adds boundaries inside rule
 * sentences where an averaged-perceptron classifier over the tokens
 * (words, shapes, case, punctuation, distance to the rule boundaries) is
 * confident. It never removes a rule boundary, and it is trained with a
 * margin chosen so that well-punctuated news text is left as it is (see
 * docs/parser.md).
 *
 * Only sentences made by the rule splitter (SR_SENT_RULE_SPLIT) are
 * refined: sentences given by CoNLL-U input are kept.
 */
#ifndef SR_PARSE_SBD_H
#define SR_PARSE_SBD_H
#include <stdio.h>
#include "parse/percep.h"
#include "parse/tagger.h"
#include "text/article.h"

typedef struct sr_sbd {
    sr_dtab w;      /* 2 classes: 0 = no boundary, 1 = boundary */
    int32_t margin; /* quantized: split when score[1] - score[0] > margin */
} sr_sbd;

/* Sections of a sentence-boundary model. */
#define SR_SBD_META SR_TAG('S', 'B', 'M', 'E')
#define SR_SBD_SLOTS SR_TAG('S', 'B', 'S', 'L')

/* Locates the classifier in a loaded model file. 0, or -1 when the
 * sections are missing or malformed. */
int sr_sbd_from(sr_sbd *s, const sr_mfile *f);

/* Adds boundaries inside the SR_SENT_RULE_SPLIT sentences of `a` where
 * the classifier's margin exceeds s->margin (a->sents is replaced by an
 * arena array when anything changes). 0, or -1 when out of memory. */
int sr_sbd_refine(sitrep_article *a, const sr_sbd *s);

/* Number of boundaries sr_sbd_refine would add to `a` (for evaluation). */
size_t sr_sbd_count(const sitrep_article *a, const sr_sbd *s);

/* Trains on the raw text of CoNLL-U `train_path` (paragraphs rebuilt from
 * "# text" lines as `sitrep eval text` does; labels are the gold sentence
 * ends aligned by byte offset), tunes the margin on `dev_path` (may be
 * NULL: margin 0) and adds the sections to `mb`. Deterministic for a seed. */
sitrep_status sr_sbd_train(const char *train_path, const char *dev_path, const sr_train_opts *o, sr_mbuild *mb,
                           sitrep_error *err);
#endif
