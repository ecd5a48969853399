/* jsonfast.c - see jsonfast.h. */
#include "io/jsonfast.h"
#include <string.h>
#include "util/utf8.h"

static size_t S_ws(const char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    return i;
}


static int S_hex4(const char *s, size_t n, size_t i, unsigned *v) {
    if (i + 4 > n) return -1;
    unsigned x = 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *v = x;
    return 0;
}

/* Decodes the string starting at s[i] == '"' into out; returns the index
 * after the closing quote, or 0 on anything malformed. The decoded form is
 * never longer than the encoded one, so one reserve suffices. */
static size_t S_decode(const char *s, size_t n, size_t i, sr_buf *out) {
    sr_buf_clear(out);
    if (sr_buf_reserve(out, n - i)) return 0;
    char *o = out->data;
    const unsigned char *p = (const unsigned char *)s;
    i++;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t j = i + 1;
            while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' && p[j] != '\\') j++;
            memcpy(o, p + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        if (c == '"') {
            *o = '\0';
            out->len = (size_t)(o - out->data);
            return i + 1;
        }
        if (c >= 0x80) {
            size_t l = sr_utf8_seq_len(p + i, n - i);
            if (!l) return 0;
            memcpy(o, p + i, l);
            o += l;
            i += l;
            continue;
        }
        if (c != '\\' || i + 1 >= n) return 0; /* raw control character */
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (S_hex4(s, n, i, &cp)) return 0;
            i += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return 0;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || S_hex4(s, n, i + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (cp >> 18));
                *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: return 0;
        }
    }
    return 0; /* unterminated */
}

/* Skips a string at s[i] == '"'; returns the index after it, or 0. */
static size_t S_skip_str(const char *s, size_t n, size_t i) {
    for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') return i + 1;
    }
    return 0;
}

/* Skips any value at s[i]; returns the index after it, or 0. Only the
 * structure is followed here: jansson validates these values later. */
static size_t S_skip_value(const char *s, size_t n, size_t i) {
    if (i >= n) return 0;
    if (s[i] == '"') return S_skip_str(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = S_skip_str(s, n, i);
                if (!i) return 0;
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
            i++;
        }
        return 0;
    }
    size_t j = i;
    while (j < n && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' && s[j] != '\t' &&
           s[j] != '\r' && s[j] != '\n' && s[j] != '"' && s[j] != '{' && s[j] != '[')
        j++;
    return j > i ? j : 0;
}

int sr_jsonl_fast_text(const char *s, size_t n, sr_buf *out, size_t *vstart, size_t *vend) {
    size_t i = S_ws(s, n, 0);
    int found = 0;
    if (i >= n || s[i] != '{') return 0;
    i = S_ws(s, n, i + 1);
    if (i < n && s[i] == '}') return 0;
    for (;;) {
        if (i >= n || s[i] != '"') return 0;
        size_t ks = i + 1, ke = ks;
        while (ke < n && s[ke] != '"' && s[ke] != '\\') ke++;
        if (ke >= n || s[ke] != '"') return 0; /* escaped keys: the slow path */
        i = S_ws(s, n, ke + 1);
        if (i >= n || s[i] != ':') return 0;
        i = S_ws(s, n, i + 1);
        if (ke - ks == 4 && !memcmp(s + ks, "text", 4)) {
            if (found || i >= n || s[i] != '"') return 0;
            size_t end = S_decode(s, n, i, out);
            if (!end) return 0;
            *vstart = i;
            *vend = end;
            found = 1;
            i = end;
        } else {
            i = S_skip_value(s, n, i);
            if (!i) return 0;
        }
        i = S_ws(s, n, i);
        if (i < n && s[i] == ',') {
            i = S_ws(s, n, i + 1);
            continue;
        }
        if (i < n && s[i] == '}') break;
        return 0;
    }
    return found && S_ws(s, n, i + 1) == n;
}
