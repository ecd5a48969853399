/* header.c - "Key: value" header block of plain-text article files. */
#include "header.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *S_dup_trim(const char *s, size_t n) {
    while (n && (s[0] == ' ' || s[0] == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Replaces *slot (a malloc'ed string or NULL) with a trimmed copy. */
static int S_set(const char **slot, const char *s, size_t n) {
    char *p = S_dup_trim(s, n);
    if (!p) return -1;
    free((char *)*slot);
    *slot = p;
    return 0;
}

void sr_text_header_free(sitrep_article_info *info) {
    if (!info) return;
    free((char *)info->id);
    free((char *)info->date);
    free((char *)info->title);
    free((char *)info->source);
    free((char *)info->url);
    info->id = info->date = info->title = info->source = info->url = NULL;
}

/* The key of a header line s[0, n), or -1 when the line is not one:
 * 0 title 1 date 2 source 3 url 4 id 5 format 6 other "Key:" line. */
static int S_key(const char *s, size_t n, size_t *val) {
    static const char *const keys[] = {"title", "date", "source", "url", "id", "format", NULL};
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s || colon - s > 24) return -1;
    size_t kl = (size_t)(colon - s);
    for (size_t i = 0; i < kl; i++) {
        char c = s[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '-' && c != '_') return -1;
    }
    *val = kl + 1;
    for (int k = 0; keys[k]; k++)
        if (strlen(keys[k]) == kl && !strncasecmp(s, keys[k], kl)) return k;
    return 6;
}

int sr_text_parse_header(const char *buf, size_t len, sitrep_article_info *info, size_t *body_offset) {
    memset(info, 0, sizeof *info);
    info->is_html = -1;
    *body_offset = 0;
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) i = 3;
    size_t bom = i;
    int known = 0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        size_t ll = e - i;
        if (ll && buf[i + ll - 1] == '\r') ll--;
        if (ll == 0) { /* blank line ends the header */
            if (known) {
                *body_offset = nl ? e + 1 : len;
                return 1;
            }
            break;
        }
        size_t v;
        int k = S_key(buf + i, ll, &v);
        if (k < 0 || (k == 6 && !known)) break;
        const char *val = buf + i + v;
        size_t vl = ll - v;
        int rc = 0;
        switch (k) {
        case 0: rc = S_set(&info->title, val, vl); break;
        case 1: rc = S_set(&info->date, val, vl); break;
        case 2: rc = S_set(&info->source, val, vl); break;
        case 3: rc = S_set(&info->url, val, vl); break;
        case 4: rc = S_set(&info->id, val, vl); break;
        case 5: {
            while (vl && *val == ' ') val++, vl--;
            info->is_html = (vl >= 4 && !strncasecmp(val, "html", 4)) ? 1 : 0;
            break;
        }
        default: break;
        }
        if (rc) {
            sr_text_header_free(info);
            return -1;
        }
        if (k != 6) known = 1;
        i = nl ? e + 1 : len;
    }
    if (known && i >= len) { /* header only, no body */
        *body_offset = len;
        return 1;
    }
    /* No header: the first non-empty line is the title. */
    sr_text_header_free(info);
    info->is_html = -1;
    *body_offset = bom;
    size_t p = bom;
    while (p < len && (buf[p] == '\n' || buf[p] == '\r' || buf[p] == ' ' || buf[p] == '\t')) p++;
    const char *nl = p < len ? memchr(buf + p, '\n', len - p) : NULL;
    size_t e = nl ? (size_t)(nl - buf) : len;
    if (e - p > 300) {
        e = p + 300;
        while (e > p && ((unsigned char)buf[e] & 0xC0) == 0x80) e--; /* keep UTF-8 whole */
    }
    if (e > p && S_set(&info->title, buf + p, e - p)) return -1;
    return 0;
}
