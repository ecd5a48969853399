/* conllu.h - reading and writing CoNLL-U (https://universaldependencies.org/format.html).
 *
 * The reader turns CoNLL-U into sitrep_article objects with gold tokens:
 * each document (`# newdoc`, or the whole input when there is none)
 * becomes one article whose text is rebuilt from the `# text` comments
 * (or from the forms and SpaceAfter=No when `# text` is absent or does
 * not match the forms). Tokens are the syntactic words; their `form`
 * points into the article text when it occurs there, else into the arena.
 * Words of a multiword token (`3-4 don't`) share the surface token's span.
 * Annotation columns fill upos/xpos/feats/lemma/head/deprel. Empty nodes
 * (`8.1`) are skipped. This is how other parsers' output (Stanza, UDPipe)
 * enters sitrep.
 */
#ifndef SR_CONLLU_H
#define SR_CONLLU_H
#include <stddef.h>
#include "sitrep.h"
#include "util/buf.h"

/* One document handed to the callback. */
typedef struct sr_conllu_doc {
    sitrep_article *article; /* the callee owns it (sitrep_article_free) */
    const char **sent_ids;   /* per sentence, "" when absent; in the article arena */
    size_t line;             /* 1-based line where the document starts */
} sr_conllu_doc;

/* Called once per document in input order. The callee takes ownership of
 * doc->article. Return 0 to continue, non-zero to stop reading (the reader
 * then returns SITREP_OK). */
typedef int (*sr_conllu_fn)(void *ctx, sr_conllu_doc *doc);

/* Reads `len` bytes of CoNLL-U from `buf` (need not be NUL-terminated).
 * `filename` is used in error messages (may be NULL: "<input>"). Every
 * complete document before an error is delivered to `fn` first. On
 * malformed input returns SITREP_E_SYNTAX with file:line:col and what was
 * expected in `err`; SITREP_E_NOMEM when out of memory. Never crashes on
 * any input bytes. Documents are split at `# newdoc` comments, and also
 * every `max_sents` sentences when max_sents > 0 (bounds memory). */
sitrep_status sr_conllu_read(const char *buf, size_t len, const char *filename,
                             size_t max_sents, sr_conllu_fn fn, void *ctx,
                             sitrep_error *err);

/* Reads a whole file (or stdin for "-") and calls sr_conllu_read. */
sitrep_status sr_conllu_read_file(const char *path, size_t max_sents, sr_conllu_fn fn,
                                  void *ctx, sitrep_error *err);

/* Appends the article as CoNLL-U to `out`: `# newdoc id` when the article
 * has an id, then per sentence `# sent_id` (from sent_ids[i] when
 * sent_ids != NULL and non-empty, else "<id>-<n>" or "<n>") and `# text`,
 * then one line per token. Unset fields are written as "_"; words that
 * share a span and whose forms differ from the text get a multiword line.
 * Returns 0, or -1 when out of memory. */
int sr_conllu_write(sr_buf *out, const sitrep_article *a, const char *const *sent_ids);

#endif
