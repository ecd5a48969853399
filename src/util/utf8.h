/* utf8.h - the one UTF-8 validity check shared by writers and readers
 * that must never emit invalid UTF-8. (Normalization and case folding are
 * utf8proc's job; this is only the byte-level sequence check.) */
#ifndef SR_UTF8_H
#define SR_UTF8_H
#include <stddef.h>

/* Length (1-4) of the valid UTF-8 sequence starting at s, with n > 0
 * bytes available; 0 when the bytes there are not valid UTF-8 (overlong
 * forms, surrogates and code points above U+10FFFF are invalid). */
static inline size_t sr_utf8_seq_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    unsigned cp = c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}
#endif
