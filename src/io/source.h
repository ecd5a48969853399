/* source.h - byte sources for the article readers: a file or stdin, with
 * gzip/zstd decompressed transparently (detected by magic bytes, not by
 * name), read as lines through one growable buffer.
 *
 * Why a line reader of our own: JSON Lines and stdin must stream with
 * bounded memory (no slurping), and a 10 MB line must be handled without
 * per-line allocation; the buffer grows to the longest line (capped at
 * SR_SRC_MAX_LINE) and is reused. */
#ifndef SR_IO_SOURCE_H
#define SR_IO_SOURCE_H
#include <stddef.h>
#include <stdio.h>
#include "sitrep.h"

/* Lines longer than this are reported as errors and skipped. */
#define SR_SRC_MAX_LINE ((size_t)64 << 20)

typedef enum sr_src_codec { SR_CODEC_PLAIN, SR_CODEC_GZIP, SR_CODEC_ZSTD } sr_src_codec;

typedef struct sr_src sr_src;

/* Opens `path` ("-" is stdin) for reading; detects the codec from the
 * first bytes. `display` is the name used in errors (copied; NULL: path).
 * Returns NULL with err set (SITREP_E_IO) when the file can't be opened. */
sr_src *sr_src_open(const char *path, sitrep_error *err);
/* Opens an in-memory buffer (not copied; must outlive the source). */
sr_src *sr_src_open_mem(const char *name, const void *data, size_t len);
void sr_src_close(sr_src *s);

/* The codec detected at open. */
sr_src_codec sr_src_codec_of(const sr_src *s);
/* The name used in errors ("-" is shown as "<stdin>"). */
const char *sr_src_name(const sr_src *s);

/* Returns a pointer to at least min(n, bytes left) decompressed bytes at
 * the current position without consuming them (for format detection);
 * *avail gets the number available. NULL on a read/decompression error. */
const char *sr_src_peek(sr_src *s, size_t n, size_t *avail, sitrep_error *err);

/* Reads the next line (without its "\n"; a trailing "\r" is kept).
 * Returns 1 with *line and *len set (valid until the next call; the line is
 * NUL-terminated at line[len]), 0 at end of input, or -1 on error: a
 * read/decompression failure (err set, SITREP_E_IO/_CORRUPT; the source is
 * then at EOF) or a line longer than SR_SRC_MAX_LINE (err set,
 * SITREP_E_SYNTAX; the line is skipped and reading may continue). */
int sr_src_getline(sr_src *s, const char **line, size_t *len, sitrep_error *err);
/* 1-based number of the line last returned by sr_src_getline. */
size_t sr_src_lineno(const sr_src *s);

/* Reads up to `n` decompressed bytes into `buf`; returns the count, 0 at
 * end of input, or -1 on error (err set). Mixes freely with getline. */
long sr_src_read(sr_src *s, void *buf, size_t n, sitrep_error *err);
#endif
