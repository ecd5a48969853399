/* buf.h - growable byte buffer (always NUL-terminated), for building
 * output and for reading whole files. */
#ifndef SR_BUF_H
#define SR_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct sr_buf {
    char *data; /* NUL-terminated when non-NULL; NULL until first append */
    size_t len;
    size_t cap;
} sr_buf;

#define SR_BUF_INIT {NULL, 0, 0}

/* Ensures room for `extra` more bytes plus the NUL. Returns 0, or -1 when
 * out of memory (the buffer is unchanged). */
int sr_buf_reserve(sr_buf *b, size_t extra);
int sr_buf_append(sr_buf *b, const void *p, size_t n);
int sr_buf_puts(sr_buf *b, const char *s);
int sr_buf_putc(sr_buf *b, char c);
int sr_buf_printf(sr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int sr_buf_vprintf(sr_buf *b, const char *fmt, va_list ap);
/* Appends `s` as a JSON string literal, quotes included. Invalid UTF-8 is
 * written as U+FFFD so the output is always valid JSON. */
int sr_buf_json_str(sr_buf *b, const char *s, size_t n);
/* Appends the character at p (n > 0 bytes left): the whole UTF-8
 * sequence when it is valid, else U+FFFD for its first byte alone.
 * Returns the input bytes consumed (1-4), or 0 when out of memory. Sets
 * *replaced (if not NULL) to 1 when a replacement was written. */
size_t sr_buf_put_utf8_char(sr_buf *b, const unsigned char *p, size_t n, int *replaced);
void sr_buf_clear(sr_buf *b);
/* Releases the memory; the buffer is SR_BUF_INIT afterwards. */
void sr_buf_free(sr_buf *b);
/* Hands the data to the caller (free() it) and resets the buffer. */
char *sr_buf_detach(sr_buf *b, size_t *len);
#endif
