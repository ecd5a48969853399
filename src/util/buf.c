#include "buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

int sr_buf_reserve(sr_buf *b, size_t extra) {
    if (extra > (size_t)-1 / 2 - b->len) return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int sr_buf_append(sr_buf *b, const void *p, size_t n) {
    if (sr_buf_reserve(b, n)) return -1;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int sr_buf_puts(sr_buf *b, const char *s) { return sr_buf_append(b, s, strlen(s)); }

int sr_buf_putc(sr_buf *b, char c) { return sr_buf_append(b, &c, 1); }

int sr_buf_vprintf(sr_buf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || sr_buf_reserve(b, (size_t)n)) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int sr_buf_printf(sr_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = sr_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}


int sr_buf_json_str(sr_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    if (sr_buf_reserve(b, n + 2)) return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t j = i;
            while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' && p[j] != '\\') j++;
            if (sr_buf_append(b, p + i, j - i)) return -1;
            i = j;
            continue;
        }
        if (c < 0x80) {
            char esc[7];
            size_t el = 2;
            esc[0] = '\\';
            switch (c) {
            case '"': esc[1] = '"'; break;
            case '\\': esc[1] = '\\'; break;
            case '\n': esc[1] = 'n'; break;
            case '\r': esc[1] = 'r'; break;
            case '\t': esc[1] = 't'; break;
            case '\b': esc[1] = 'b'; break;
            case '\f': esc[1] = 'f'; break;
            default:
                esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
                esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
                el = 6;
            }
            if (sr_buf_append(b, esc, el)) return -1;
            i++;
            continue;
        }
        size_t l = sr_buf_put_utf8_char(b, p + i, n - i, NULL);
        if (l == 0) return -1;
        i += l;
    }
    return sr_buf_putc(b, '"');
}

size_t sr_buf_put_utf8_char(sr_buf *b, const unsigned char *p, size_t n, int *replaced) {
    size_t l = sr_utf8_seq_len(p, n);
    if (replaced) *replaced = l == 0;
    if (l == 0) return sr_buf_append(b, "\xEF\xBF\xBD", 3) ? 0 : 1;
    return sr_buf_append(b, p, l) ? 0 : l;
}

void sr_buf_clear(sr_buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void sr_buf_free(sr_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *sr_buf_detach(sr_buf *b, size_t *len) {
    char *d = b->data;
    if (!d) d = calloc(1, 1);
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
