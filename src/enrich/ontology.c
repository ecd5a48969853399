/* ontology.c - lookups over the generated CAMEO table (sorted by code). */
#include "enrich/ontology.h"

#include <string.h>

const sr_cameo_info *sr_cameo_lookup(const char *code) {
    if (!code) return NULL;
    size_t lo = 0, hi = sr_cameo_table_len_;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(code, sr_cameo_table_[mid].code);
        if (c == 0) return &sr_cameo_table_[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

const sr_cameo_info *sr_cameo_lookup_nearest(const char *code) {
    if (!code) return NULL;
    char buf[16];
    size_t n = strlen(code);
    /* Longer strings cannot be CAMEO codes or their refinements. */
    if (n < 2 || n >= sizeof buf) return NULL;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9') return NULL;
    memcpy(buf, code, n + 1);
    for (; n >= 2; buf[--n] = '\0') {
        const sr_cameo_info *e = sr_cameo_lookup(buf);
        if (e) return e;
    }
    return NULL;
}

const char *sr_cameo_root(const char *code, char buf[3]) {
    if (!code || code[0] < '0' || code[0] > '2' || code[1] < '0' || code[1] > '9')
        return NULL;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root < 1 || root > 20) return NULL;
    buf[0] = code[0];
    buf[1] = code[1];
    buf[2] = '\0';
    return buf;
}

int sr_cameo_is_valid(const char *code) { return sr_cameo_lookup(code) != NULL; }

size_t sr_cameo_count(void) { return sr_cameo_table_len_; }

const sr_cameo_info *sr_cameo_at(size_t i) {
    return i < sr_cameo_table_len_ ? &sr_cameo_table_[i] : NULL;
}
