/* header.h - the optional header block of a plain-text article file:
 *
 *   Title: Ukraine accepts US ceasefire plan
 *   Date: 2025-03-11
 *   Source: Example Wire
 *   URL: https://example.org/a1
 *   (blank line)
 *   body...
 *
 * Keys are case-insensitive (Title, Date, Source, URL, ID, Format: html);
 * other "Key: value" lines inside a header are ignored. Without a header,
 * the first non-empty line is the title and stays part of the body. See
 * docs/text.md.
 */
#ifndef SR_TEXT_HEADER_H
#define SR_TEXT_HEADER_H
#include <stddef.h>
#include "sitrep.h"

/* Parses the header of buf[0, len). Fills *info_out (every string field
 * malloc'ed and NUL-terminated, or NULL when absent; is_html is set to 1
 * for "Format: html", else -1; free the strings with
 * sr_text_header_free) and *body_offset (where the body starts in buf).
 * Returns 1 when a header block was found, 0 when not (the title is then
 * the first line and *body_offset skips only a UTF-8 byte-order mark), -1
 * when out of memory (nothing to free). buf may be NULL when len is 0. */
int sr_text_parse_header(const char *buf, size_t len, sitrep_article_info *info_out,
                         size_t *body_offset);

/* Frees the strings sr_text_parse_header put in `info` and NULLs them.
 * NULL-safe. */
void sr_text_header_free(sitrep_article_info *info);
#endif
