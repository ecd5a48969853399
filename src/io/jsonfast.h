/* jsonfast.h - a fast path for the JSON Lines reader.
 *
 * Why: jansson decodes every string byte by byte and was ~85% of the
 * reader's time (about 60 MB/s); nearly all of a news record's bytes are
 * in its "text" member. So the reader finds and decodes that one string
 * itself (a tight loop over plain ASCII runs) and lets jansson parse the
 * rest of the line with the text replaced by "". Anything unusual makes
 * the fast path decline, and the whole line goes to jansson as before,
 * which also produces the error messages. fuzz/fuzz_jsonl.c checks the
 * two paths agree. */
#ifndef SR_IO_JSONFAST_H
#define SR_IO_JSONFAST_H
#include <stddef.h>
#include "util/buf.h"

/* Looks for a top-level member "text" with a string value in the JSON
 * object line[0, n). Returns 1 when found and the string is well formed
 * (valid escapes and surrogate pairs, valid UTF-8, no raw control
 * characters): `out` then holds the decoded string (NUL-terminated; it
 * may contain NUL bytes from \u0000) and [*vstart, *vend) is the value's
 * span in `line`, quotes included. Returns 0 in every other case (no such
 * member, a duplicate, an escaped key, malformed input): the caller must
 * then parse the line in full. Never reads outside line[0, n). */
int sr_jsonl_fast_text(const char *line, size_t n, sr_buf *out, size_t *vstart, size_t *vend);
#endif
