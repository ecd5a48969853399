/* tokenize.h - the rule-based tokenizer (UD English EWT conventions).
 *
 * One pass over the working text (see normalize.h) with a byte-class
 * table and an ASCII fast path. Clitics are split ("Trump's" -> "Trump"
 * "'s", "don't" -> "do" "n't", flagged SR_TOK_MWT_CONT); "U.S.", numbers
 * ("1,000.5"), URLs, e-mail addresses, "No." before a number and initials
 * stay whole. Contractions typed without an apostrophe split as EWT does
 * ("dont" -> "do" "nt", "its" only before words like "not"/"a"); numbers
 * lose their unit ("5pm" -> "5" "pm") and "$" ("$20" -> "$" "20"); an
 * abbreviation that ends a sentence leaves its period to it ("etc" ".").
 * Hyphenated words follow EWT by default ("30-day" -> "30" "-"
 * "day", all flagged SR_TOK_HYPHEN_PART; "e-mail", "anti-war" and phone
 * numbers stay whole); SR_HYPHEN_KEEP keeps every "a-b" together.
 */
#ifndef SR_TEXT_TOKENIZE_H
#define SR_TEXT_TOKENIZE_H
#include <stddef.h>
#include "article.h"

enum { SR_HYPHEN_EWT = 0, SR_HYPHEN_KEEP = 1 };

/* Tokenizes w[0, wlen) (w[wlen] must be NUL) into a->tokens / a->ntokens,
 * allocated in a->arena. Token start/end are offsets into `w` and forms
 * point into `w`; the caller maps offsets to the original text. `hyphens`
 * is SR_HYPHEN_*. Returns 0, or -1 when out of memory. */
int sr_tokenize(sitrep_article *a, const char *w, size_t wlen, int hyphens);

/* Like sr_tokenize over nm->w, but token start/end come out as offsets
 * into the original text `nm` was built from (each token is mapped while
 * it is still in cache, instead of in a second pass); forms still point
 * into nm->w. Returns 0, or -1 when out of memory. */
struct sr_norm;
int sr_tokenize_norm(sitrep_article *a, const struct sr_norm *nm, int hyphens);

/* Kind of an abbreviation written with its final period, `form` being the
 * token without or with that period: 0 not an abbreviation, 1 a title or
 * initial that never ends a sentence ("Mr.", "Gen.", "W."), 2 one that may
 * end a sentence ("U.S.", "Inc.", "etc."). */
int sr_text_abbrev_kind(const char *form, size_t n);
#endif
