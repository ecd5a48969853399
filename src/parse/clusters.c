/* clusters.c - ARPA reader, exchange clustering and the cluster table
 * (see clusters.h). */
#include "parse/clusters.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "io/source.h"
#include "util/error.h"
#include "util/hash.h"

int sr_clusters_from(sr_clusters *c, const sr_mfile *f) {
    size_t n;
    const uint32_t *meta = sr_mfile_section(f, SR_CL_META, &n);
    if (!meta || n < 4 * sizeof(uint32_t) || meta[0] != 1) return -1;
    if (meta[1] < 2 || meta[1] > 65534 || meta[2] < 2 || meta[2] > 65534) return -1;
    if (sr_map_from(&c->map, f, SR_CL_MAP)) return -1;
    c->ncoarse = meta[1];
    c->nfine = meta[2];
    c->nwords = meta[3];
    c->crc = f->crc;
    return 0;
}

/* ------------------------------------------------------------ ARPA */

typedef struct {
    uint32_t *idx; /* word index + 1, 0 = empty */
    size_t mask;
} S_wtab;

static uint64_t S_whash(const char *s, size_t n) { return sr_hash_bytes(SR_HASH_SEED, s, n); }

static int S_wtab_grow(S_wtab *t, const sr_arpa *a) {
    size_t cap = (t->mask + 1) * 2;
    if (cap < 1024) cap = 1024;
    uint32_t *idx = calloc(cap, sizeof *idx);
    if (!idx) return -1;
    for (size_t i = 0; i < a->nwords; i++) {
        size_t h = S_whash(a->words[i], strlen(a->words[i])) & (cap - 1);
        while (idx[h]) h = (h + 1) & (cap - 1);
        idx[h] = (uint32_t)i + 1;
    }
    free(t->idx);
    t->idx = idx;
    t->mask = cap - 1;
    return 0;
}

/* Index of word s[0..n) or -1. */
static long S_wtab_find(const S_wtab *t, const sr_arpa *a, const char *s, size_t n) {
    if (!t->idx) return -1;
    size_t h = S_whash(s, n) & t->mask;
    while (t->idx[h]) {
        const char *w = a->words[t->idx[h] - 1];
        if (strlen(w) == n && memcmp(w, s, n) == 0) return (long)t->idx[h] - 1;
        h = (h + 1) & t->mask;
    }
    return -1;
}

void sr_arpa_free(sr_arpa *a) {
    if (!a) return;
    for (size_t i = 0; i < a->nwords; i++) free(a->words[i]);
    free(a->words);
    free(a->lp1);
    free(a->bi_a);
    free(a->bi_b);
    free(a->lp2);
    memset(a, 0, sizeof *a);
}

/* Splits a line into whitespace-separated fields (at most `max`); start
 * offsets and lengths. Returns the number of fields (max + 1 when there
 * are more). */
static int S_fields(const char *l, size_t n, size_t *off, size_t *len, int max) {
    int k = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r')) i++;
        if (i >= n) break;
        if (k == max) return max + 1;
        off[k] = i;
        while (i < n && l[i] != ' ' && l[i] != '\t' && l[i] != '\r') i++;
        len[k] = i - off[k];
        k++;
    }
    return k;
}

/* Parses a log10 probability field; 0 on success. */
static int S_logp(const char *s, size_t n, double *v) {
    char buf[64];
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    double d = strtod(buf, &end);
    if (end != buf + n || errno || !isfinite(d) || d > 0) return -1;
    *v = d;
    return 0;
}

static int S_push(void **p, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 1024;
    void *q = realloc(*p, nc * elem);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

sitrep_status sr_arpa_read(struct sr_src *src, sr_arpa *out, sitrep_error *err) {
    memset(out, 0, sizeof *out);
    const char *name = sr_src_name(src);
    S_wtab wt = {0};
    size_t capw = 0, capl = 0, capa = 0, capb = 0, cap2 = 0;
    int section = -1; /* -1 before \data\, 0 in \data\, N in \N-grams:, 99 after \end\ */
    sitrep_status st = SITREP_OK;
    const char *l;
    size_t n;
    int r;
    while (st == SITREP_OK && (r = sr_src_getline(src, &l, &n, err)) != 0) {
        if (r < 0) { st = err ? err->code : SITREP_E_IO; break; }
        size_t ln = sr_src_lineno(src);
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t')) n--;
        if (n == 0) continue;
        if (l[0] == '\\') {
            if (n == 6 && memcmp(l, "\\data\\", 6) == 0) { section = 0; continue; }
            if (section < 0) continue; /* free text before \data\ */
            if (n == 5 && memcmp(l, "\\end\\", 5) == 0) { section = 99; break; }
            int ord = 0;
            size_t i = 1;
            while (i < n && l[i] >= '0' && l[i] <= '9' && ord < 100) ord = ord * 10 + (l[i++] - '0');
            if (ord < 1 || n - i != 7 || memcmp(l + i, "-grams:", 7) != 0) {
                st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, 1,
                                  "expected an ARPA section header (\\data\\, \\N-grams: or \\end\\)");
                break;
            }
            if (ord == 2 && !out->nwords) {
                st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, 1, "\\2-grams: before any unigram (expected \\1-grams: first)");
                break;
            }
            section = ord;
            continue;
        }
        if (section < 0 || section > 2) continue; /* preamble, or n-grams of order 3+ (not used) */
        if (section == 0) {
            if (n < 6 || memcmp(l, "ngram ", 6) != 0) {
                st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, 1, "expected 'ngram N=COUNT' in the \\data\\ section");
                break;
            }
            continue;
        }
        size_t off[5], len[5];
        int nf = S_fields(l, n, off, len, 4);
        int need = section + 1;
        if (nf < need || nf > need + 1) {
            st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, 1,
                              "expected 'log10prob %s[ backoff]' (%d or %d fields), found %d", section == 1 ? "word" : "word1 word2",
                              need, need + 1, nf > 4 ? 5 : nf);
            break;
        }
        double lp;
        if (S_logp(l + off[0], len[0], &lp)) {
            st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, off[0] + 1, "expected a log10 probability (a number <= 0)");
            break;
        }
        if (section == 1) {
            if (S_wtab_find(&wt, out, l + off[1], len[1]) >= 0) continue; /* duplicate: first wins */
            if (out->nwords >= UINT32_MAX - 1 || S_push((void **)&out->words, &capw, out->nwords, sizeof(char *)) ||
                S_push((void **)&out->lp1, &capl, out->nwords, sizeof(double))) {
                st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory reading %s", name);
                break;
            }
            char *w = malloc(len[1] + 1);
            if (!w) { st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); break; }
            memcpy(w, l + off[1], len[1]);
            w[len[1]] = '\0';
            out->words[out->nwords] = w;
            out->lp1[out->nwords] = lp;
            out->nwords++;
            /* keep the table at most half full */
            if (out->nwords * 2 > wt.mask && S_wtab_grow(&wt, out)) {
                st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            if (wt.idx) {
                /* the word just added (grow rebuilt everything, including it) */
                if (S_wtab_find(&wt, out, w, len[1]) < 0) {
                    size_t h = S_whash(w, len[1]) & wt.mask;
                    while (wt.idx[h]) h = (h + 1) & wt.mask;
                    wt.idx[h] = (uint32_t)out->nwords;
                }
            }
        } else {
            long a = S_wtab_find(&wt, out, l + off[1], len[1]);
            long b = a < 0 ? -1 : S_wtab_find(&wt, out, l + off[2], len[2]);
            if (a < 0 || b < 0) {
                size_t at = a < 0 ? off[1] : off[2];
                st = sr_error_set(err, SITREP_E_SYNTAX, name, ln, at + 1, "bigram word is not among the unigrams");
                break;
            }
            if (S_push((void **)&out->bi_a, &capa, out->nbigrams, sizeof(uint32_t)) ||
                S_push((void **)&out->bi_b, &capb, out->nbigrams, sizeof(uint32_t)) ||
                S_push((void **)&out->lp2, &cap2, out->nbigrams, sizeof(double))) {
                st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory reading %s", name);
                break;
            }
            out->bi_a[out->nbigrams] = (uint32_t)a;
            out->bi_b[out->nbigrams] = (uint32_t)b;
            out->lp2[out->nbigrams] = lp;
            out->nbigrams++;
        }
    }
    if (!st && section < 0)
        st = sr_error_set(err, SITREP_E_FORMAT, name, 0, 0, "not an ARPA language model (no \\data\\ line)");
    else if (!st && section != 99)
        st = sr_error_set(err, SITREP_E_SYNTAX, name, sr_src_lineno(src) + 1, 1, "unexpected end of file (expected \\end\\)");
    else if (!st && (!out->nwords || !out->nbigrams))
        st = sr_error_set(err, SITREP_E_FORMAT, name, 0, 0, "the language model has no %s (clusters need both)",
                          out->nwords ? "bigrams" : "unigrams");
    free(wt.idx);
    if (st) sr_arpa_free(out);
    return st;
}

/* ------------------------------------------------------------ clustering */

static inline double S_xlogx(double x) { return x > 0 ? x * log(x) : 0; }

typedef struct { uint32_t v; double n; } S_pred;

/* One clustering of the words with counts (predecessor lists off/pe,
 * word counts nw) into C classes; writes cls[]. The objective is the
 * likelihood of the predictive class bigram model, sum over predecessor
 * v and class c of N(v,c) log N(v,c) minus sum over c of N(c) log N(c);
 * each pass moves every word (most frequent first) to the class that
 * increases it most. */
static int S_exchange(size_t V, const size_t *off, const S_pred *pe, const double *nw, const uint32_t *order, int C,
                      int iterations, FILE *log, uint32_t *cls) {
    if (V == 0 || C < 1) return 0;
    double *M = calloc(V * (size_t)C, sizeof *M), *Nc = calloc((size_t)C, sizeof *Nc), *gain = malloc((size_t)C * sizeof *gain);
    if (!M || !Nc || !gain) { free(M); free(Nc); free(gain); return -1; }
    /* the C - 1 most frequent words start in classes of their own; the
     * rest are spread over the classes in frequency order */
    for (size_t k = 0; k < V; k++) cls[order[k]] = k < (size_t)C ? (uint32_t)k : (uint32_t)(k % (size_t)C);
    for (size_t w = 0; w < V; w++) {
        Nc[cls[w]] += nw[w];
        for (size_t e = off[w]; e < off[w + 1]; e++) M[(size_t)pe[e].v * (size_t)C + cls[w]] += pe[e].n;
    }
    for (int it = 0; it < iterations; it++) {
        size_t moved = 0;
        for (size_t k = 0; k < V; k++) {
            uint32_t w = order[k], a = cls[w];
            if (off[w + 1] == off[w]) continue;
            for (size_t e = off[w]; e < off[w + 1]; e++) {
                double *cell = &M[(size_t)pe[e].v * (size_t)C + a];
                *cell -= pe[e].n;
                if (*cell < 1e-9) *cell = 0; /* rounding residue: the cell is empty */
            }
            Nc[a] -= nw[w];
            if (Nc[a] < 1e-9) Nc[a] = 0;
            for (int c = 0; c < C; c++) gain[c] = S_xlogx(Nc[c]) - S_xlogx(Nc[c] + nw[w]);
            /* an empty cell gains n log n whatever the class: only the
             * non-empty cells make a difference between classes */
            for (size_t e = off[w]; e < off[w + 1]; e++) {
                const double *row = &M[(size_t)pe[e].v * (size_t)C];
                double n = pe[e].n, fn = S_xlogx(n);
                for (int c = 0; c < C; c++)
                    if (row[c] > 0) gain[c] += S_xlogx(row[c] + n) - S_xlogx(row[c]) - fn;
            }
            uint32_t b = a;
            for (int c = 0; c < C; c++)
                if (gain[c] > gain[b] + 1e-9 * (fabs(gain[b]) + 1)) b = (uint32_t)c;
            for (size_t e = off[w]; e < off[w + 1]; e++) M[(size_t)pe[e].v * (size_t)C + b] += pe[e].n;
            Nc[b] += nw[w];
            if (b != a) { cls[w] = b; moved++; }
        }
        if (log) {
            fprintf(log, "clusters (%d classes) pass %d: %zu words moved\n", C, it + 1, moved);
            fflush(log);
        }
        if (!moved) break;
    }
    free(M);
    free(Nc);
    free(gain);
    return 0;
}

static int S_by_count(const void *x, const void *y, void *ctx) {
    const double *cnt = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    double ca = cnt[a], cb = cnt[b];
    if (ca != cb) return ca < cb ? 1 : -1;
    return a < b ? -1 : a > b;
}

static int S_special(const char *w) {
    return !strcmp(w, "<s>") || !strcmp(w, "</s>") || !strcmp(w, "<unk>") || !strcmp(w, "<UNK>");
}

int sr_clusters_train(const sr_arpa *lm, int ncoarse, int nfine, int iterations, FILE *log, sr_mbuild *mb) {
    size_t V = lm->nwords, B = lm->nbigrams;
    int rc = -1;
    double *nw = calloc(V ? V : 1, sizeof *nw), *bn = malloc((B ? B : 1) * sizeof *bn);
    size_t *off = calloc(V + 1, sizeof *off);
    S_pred *pe = calloc(B ? B : 1, sizeof *pe);
    uint32_t *order = malloc((V ? V : 1) * sizeof *order), *c1 = calloc(V ? V : 1, sizeof *c1),
             *c2 = calloc(V ? V : 1, sizeof *c2), *vals = malloc((V ? V : 1) * sizeof *vals);
    uint64_t *keys = malloc((V ? V : 1) * sizeof *keys);
    size_t *fill = calloc(V ? V : 1, sizeof *fill);
    if (!nw || !bn || !off || !pe || !order || !c1 || !c2 || !vals || !keys || !fill) goto out;
    /* pseudo-counts N(a, b) = P(a) P(b | a), scaled to a total of 1e8 (the
     * scale does not change which class is best, only the rounding) */
    double tot = 0;
    for (size_t j = 0; j < B; j++) {
        uint32_t a = lm->bi_a[j], b = lm->bi_b[j];
        bn[j] = (S_special(lm->words[a]) || S_special(lm->words[b])) ? 0 : pow(10.0, lm->lp1[a] + lm->lp2[j]);
        tot += bn[j];
    }
    if (!(tot > 0)) { rc = -2; goto out; } /* only sentence markers (or underflow): nothing to learn from */
    for (size_t j = 0; j < B; j++) {
        bn[j] *= 1e8 / tot;
        if (bn[j] > 0) { nw[lm->bi_b[j]] += bn[j]; off[lm->bi_b[j] + 1]++; }
    }
    for (size_t w = 0; w < V; w++) off[w + 1] += off[w];
    for (size_t j = 0; j < B; j++) {
        if (bn[j] <= 0) continue;
        uint32_t b = lm->bi_b[j];
        pe[off[b] + fill[b]++] = (S_pred){lm->bi_a[j], bn[j]};
    }
    for (size_t w = 0; w < V; w++) order[w] = (uint32_t)w;
    qsort_r(order, V, sizeof *order, S_by_count, nw);
    if (S_exchange(V, off, pe, nw, order, ncoarse, iterations, log, c1) ||
        S_exchange(V, off, pe, nw, order, nfine, iterations, log, c2))
        goto out;
    /* only words seen after some other word have a learned class */
    size_t n = 0;
    for (size_t w = 0; w < V; w++) {
        if (nw[w] <= 0 || S_special(lm->words[w])) continue;
        keys[n] = sr_word_hash(lm->words[w], strlen(lm->words[w]));
        vals[n] = (c1[w] + 1) | (c2[w] + 1) << 16;
        n++;
    }
    uint32_t meta[4] = {1, (uint32_t)ncoarse, (uint32_t)nfine, (uint32_t)n};
    if (sr_mbuild_add(mb, SR_CL_META, meta, sizeof meta) || sr_map_export(mb, SR_CL_MAP, keys, vals, n)) goto out;
    if (log) fprintf(log, "clusters: %zu words (%d coarse, %d fine classes)\n", n, ncoarse, nfine);
    rc = 0;
out:
    free(nw); free(bn); free(off); free(pe); free(order); free(c1); free(c2); free(vals); free(keys); free(fill);
    return rc;
}
