/* percep.c - perceptron training tables, quantized inference tables and
 * the model file container (see percep.h). */
#include "percep.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "util/error.h"
#include "util/hash.h"
#include <zlib.h>

unsigned sr_ptrain_min_count = 1;
size_t sr_ptrain_max_keep = 0;
unsigned sr_ptrain_last_cut = 0;

/* zlib's crc32 is the same CRC-32 (IEEE) as sr_crc32, several times faster. */
static uint32_t S_crc_zlib(uint32_t crc, const unsigned char *p, size_t n) {
    uLong c = crc;
    while (n > 0) {
        uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = crc32(c, p, k);
        p += k;
        n -= k;
    }
    return (uint32_t)c;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
/* The same CRC-32 by carry-less multiplication (PCLMULQDQ), about 5x
 * zlib's speed (1.7 ms instead of 9.4 ms for the 21 MB of models/, a
 * fifth of the model load time). The message, with the initial register
 * xored into its first 4 bytes, is folded 64 bytes at a time into four
 * 128-bit remainders, then into one (the fold-by-4 and fold-by-1
 * constants of the bit-reflected polynomial 0xEDB88320 from Intel's "Fast
 * CRC Computation for Generic Polynomials Using PCLMULQDQ"); folding keeps
 * the remainder mod P, so the CRC of those 16 bytes and the tail, by
 * zlib, is the CRC of the whole.
 * tests/unit/test_parse.c checks it against zlib on every length. */
#define S_FOLD(x, k, d) \
    _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11)), d)
#define S_LD(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
__attribute__((target("pclmul,sse2"))) static uint32_t S_crc_clmul(uint32_t crc, const unsigned char *p,
                                                                     size_t n) {
    const __m128i k12 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);
    const __m128i k34 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
    __m128i x0 = _mm_xor_si128(S_LD(p), _mm_cvtsi32_si128((int)~crc));
    __m128i x1 = S_LD(p + 16), x2 = S_LD(p + 32), x3 = S_LD(p + 48);
    p += 64;
    n -= 64;
    for (; n >= 64; p += 64, n -= 64) {
        x0 = S_FOLD(x0, k12, S_LD(p));
        x1 = S_FOLD(x1, k12, S_LD(p + 16));
        x2 = S_FOLD(x2, k12, S_LD(p + 32));
        x3 = S_FOLD(x3, k12, S_LD(p + 48));
    }
    x0 = S_FOLD(x0, k34, x1);
    x0 = S_FOLD(x0, k34, x2);
    x0 = S_FOLD(x0, k34, x3);
    for (; n >= 16; p += 16, n -= 16) x0 = S_FOLD(x0, k34, S_LD(p));
    unsigned char b[16];
    _mm_storeu_si128((__m128i *)(void *)b, x0);
    return S_crc_zlib(S_crc_zlib(0xffffffffu, b, 16), p, n);
}
#undef S_FOLD
#undef S_LD
#endif

uint32_t sr_model_crc32(uint32_t crc, const void *data, size_t n) {
    const unsigned char *p = data;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (n >= 64 && __builtin_cpu_supports("pclmul")) return S_crc_clmul(crc, p, n);
#endif
    return S_crc_zlib(crc, p, n);
}

static uint32_t S_crc(const unsigned char *p, size_t n) { return sr_model_crc32(0, p, n); }

static inline void S_add_rows(const sr_stab *t, const sr_sslot *const *sp, size_t m, const int32_t *const *xr,
                              size_t nx, int32_t *scores) {
    for (size_t j = 0; j < m; j++) sr_stab_add_row(t, sp[j], scores);
    for (size_t j = 0; j < nx; j++)
        for (uint32_t c = 0; c < t->dstride; c++) scores[c] += xr[j][c];
}
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The same loop with the 64-byte vector adds of sr_dense_add as two AVX2
 * adds instead of four SSE2 ones (integer sums: identical scores). */
__attribute__((target("avx2"))) static void S_add_rows_avx2(const sr_stab *t, const sr_sslot *const *sp, size_t m,
                                                            const int32_t *const *xr, size_t nx, int32_t *scores) {
    S_add_rows(t, sp, m, xr, nx, scores);
}
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The score vector held in registers while the dense rows are added:
 * with AVX-512 one vpaddd per 16 classes (labels: 64 classes, 4 vectors;
 * tagger: 128, 8 vectors; supertagger: 208, 13) and no loads or stores of the scores; then the
 * sparse rows one cell at a time as before. Integer sums in another
 * order: identical scores (tests/unit/test_parse.c checks every width
 * against the plain loop). */
#define S_DEF_ADD512(NV)                                                                              \
    __attribute__((target("avx512f"))) static void S_add_rows512_##NV(                               \
        const sr_stab *t, const sr_sslot *const *sp, size_t m, const int32_t *const *xr, size_t nx,  \
        int32_t *scores) {                                                                            \
        __m512i acc[NV];                                                                              \
        _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++)                                         \
            acc[v] = _mm512_loadu_si512((const void *)(scores + (size_t)16 * v));                             \
        size_t ns = 0;                                                                                \
        const sr_sslot *sparse[64];                                                                   \
        for (size_t j = 0; j < m; j++) {                                                              \
            uint32_t offn = sp[j]->offn;                                                              \
            if ((offn & 0xFF) != SR_STAB_DENSE) {                                                     \
                sparse[ns++] = sp[j];                                                                 \
                continue;                                                                             \
            }                                                                                         \
            const int16_t *row = t->dense + (size_t)(offn >> 8) * (16 * (size_t)(NV));                         \
            _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++) acc[v] = _mm512_add_epi32(                  \
                acc[v], _mm512_cvtepi16_epi32(_mm256_loadu_si256((const __m256i *)(const void *)(row + (size_t)16 * v)))); \
        }                                                                                             \
        for (size_t j = 0; j < nx; j++) {                                                             \
            const int32_t *row = xr[j];                                                               \
            _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++) acc[v] = _mm512_add_epi32(                  \
                acc[v], _mm512_loadu_si512((const void *)(row + (size_t)16 * v)));                    \
        }                                                                                             \
        _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++)                                         \
            _mm512_storeu_si512((void *)(scores + (size_t)16 * v), acc[v]);                                   \
        for (size_t j = 0; j < ns; j++) {                                                             \
            uint32_t offn = sparse[j]->offn, n = offn & 0xFF;                                         \
            const sr_scell *c = t->cells + (offn >> 8);                                               \
            for (uint32_t k = 0; k < n; k++) scores[c[k].cls] += c[k].w;                              \
        }                                                                                             \
    }
S_DEF_ADD512(4)
S_DEF_ADD512(8)
S_DEF_ADD512(9)
S_DEF_ADD512(13)
#undef S_DEF_ADD512
/* The same with AVX2: 8 int32 per register, at most 13 of the 16 held (a
 * row of 128, 144 or 208 classes is added in two halves). */
#define S_DEF_ADD256(NV, HALVES)                                                                      \
    __attribute__((target("avx2"))) static void S_add_rows256_##NV##_##HALVES(                      \
        const sr_stab *t, const sr_sslot *const *sp, size_t m, const int32_t *const *xr, size_t nx,  \
        int32_t *scores) {                                                                            \
        size_t ns = 0, nd = 0;                                                                        \
        const sr_sslot *sparse[64];                                                                   \
        const int16_t *dense[64];                                                                     \
        for (size_t j = 0; j < m; j++) {                                                              \
            uint32_t offn = sp[j]->offn;                                                              \
            if ((offn & 0xFF) != SR_STAB_DENSE) sparse[ns++] = sp[j];                                 \
            else dense[nd++] = t->dense + (size_t)(offn >> 8) * (8 * (size_t)(NV) * (HALVES));                   \
        }                                                                                             \
        for (int h = 0; h < (HALVES); h++) {                                                            \
            __m256i acc[NV];                                                                          \
            int32_t *sc = scores + (size_t)h * 8 * (NV);                                                        \
            _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++)                                     \
                acc[v] = _mm256_loadu_si256((const __m256i *)(const void *)(sc + (size_t)8 * v));            \
            for (size_t j = 0; j < nd; j++) {                                                         \
                const int16_t *row = dense[j] + (size_t)h * 8 * (NV);                                           \
                _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++) acc[v] = _mm256_add_epi32(      \
                    acc[v], _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(row + (size_t)8 * v)))); \
            }                                                                                         \
            for (size_t j = 0; j < nx; j++) {                                                         \
                const int32_t *row = xr[j] + (size_t)h * 8 * (NV);                                              \
                _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++) acc[v] = _mm256_add_epi32(      \
                    acc[v], _mm256_loadu_si256((const __m256i *)(const void *)(row + (size_t)8 * v)));  \
            }                                                                                         \
            _Pragma("GCC unroll 16") for (int v = 0; v < (NV); v++)                                     \
                _mm256_storeu_si256((__m256i *)(void *)(sc + (size_t)8 * v), acc[v]);                         \
        }                                                                                             \
        for (size_t j = 0; j < ns; j++) {                                                             \
            uint32_t offn = sparse[j]->offn, n = offn & 0xFF;                                         \
            const sr_scell *c = t->cells + (offn >> 8);                                               \
            for (uint32_t k = 0; k < n; k++) scores[c[k].cls] += c[k].w;                              \
        }                                                                                             \
    }
/* only the first ns/nd entries are read: */
// cppcheck-suppress uninitvar
S_DEF_ADD256(8, 1)
/* only the first ns/nd entries are read: */
// cppcheck-suppress uninitvar
S_DEF_ADD256(8, 2)
/* only the first ns/nd entries are read: */
// cppcheck-suppress uninitvar
S_DEF_ADD256(9, 2)
/* only the first ns/nd entries are read: */
// cppcheck-suppress uninitvar
S_DEF_ADD256(13, 2)
#undef S_DEF_ADD256
#endif

static uint32_t S_argmax(const int32_t *s, uint32_t n) {
    uint32_t best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[best]) best = c;
    return best;
}
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The maximum by 8-lane max, then the first lane equal to it. */
__attribute__((target("avx2"))) static uint32_t S_argmax_avx2(const int32_t *s, uint32_t n) {
    if (n < 16) return S_argmax(s, n);
    __m256i m = _mm256_loadu_si256((const __m256i *)(const void *)s);
    uint32_t c = 8;
    for (; c + 8 <= n; c += 8) m = _mm256_max_epi32(m, _mm256_loadu_si256((const __m256i *)(const void *)(s + c)));
    int32_t lanes[8];
    _mm256_storeu_si256((__m256i *)(void *)lanes, m);
    int32_t v = lanes[0];
    for (int i = 1; i < 8; i++)
        if (lanes[i] > v) v = lanes[i];
    for (; c < n; c++)
        if (s[c] > v) v = s[c];
    __m256i vv = _mm256_set1_epi32(v);
    for (c = 0; c + 8 <= n; c += 8) {
        __m256i eq = _mm256_cmpeq_epi32(_mm256_loadu_si256((const __m256i *)(const void *)(s + c)), vv);
        unsigned msk = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(eq));
        if (msk) return c + (uint32_t)__builtin_ctz(msk);
    }
    for (; c < n; c++)
        if (s[c] == v) return c;
    return 0; /* not reached */
}
#endif

uint32_t sr_argmax_i32(const int32_t *s, uint32_t n) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (__builtin_cpu_supports("avx2")) return S_argmax_avx2(s, n);
#endif
    return S_argmax(s, n);
}

void sr_stab_add_rows(const sr_stab *t, const sr_sslot *const *sp, size_t m, int32_t *scores) {
    sr_stab_add_rows_x(t, sp, m, NULL, 0, scores);
}

void sr_stab_add_rows_x(const sr_stab *t, const sr_sslot *const *sp, size_t m, const int32_t *const *xr, size_t nx,
                        int32_t *scores) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (t->dense && m <= 64 && nx <= SR_STAB_MAX_EXTRA) {
        /* the score vector in registers for the row widths of the
         * shipped models (labels 64, tagger 128; 144 for 129-144 classes;
         * 208 for the 200 supertags of round 9, 13 of the 32 zmm) */
        uint32_t w = t->dstride;
        if (__builtin_cpu_supports("avx512f")) {
            if (w == 64) { S_add_rows512_4(t, sp, m, xr, nx, scores); return; }
            if (w == 128) { S_add_rows512_8(t, sp, m, xr, nx, scores); return; }
            if (w == 144) { S_add_rows512_9(t, sp, m, xr, nx, scores); return; }
            if (w == 208) { S_add_rows512_13(t, sp, m, xr, nx, scores); return; }
        }
        if (__builtin_cpu_supports("avx2")) {
            if (w == 64) { S_add_rows256_8_1(t, sp, m, xr, nx, scores); return; }
            if (w == 128) { S_add_rows256_8_2(t, sp, m, xr, nx, scores); return; }
            if (w == 144) { S_add_rows256_9_2(t, sp, m, xr, nx, scores); return; }
            if (w == 208) { S_add_rows256_13_2(t, sp, m, xr, nx, scores); return; }
        }
    }
    if (__builtin_cpu_supports("avx2")) {
        S_add_rows_avx2(t, sp, m, xr, nx, scores);
        return;
    }
#endif
    S_add_rows(t, sp, m, xr, nx, scores);
}

/* ------------------------------------------------------------ training */

int sr_ptrain_init(sr_ptrain *t, uint32_t nclass) {
    memset(t, 0, sizeof *t);
    t->nclass = nclass;
    t->cap = 1u << 16;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->rowof = malloc(t->cap * sizeof *t->rowof);
    if (!t->keys || !t->rowof) { sr_ptrain_free(t); return -1; }
    return 0;
}

void sr_ptrain_free(sr_ptrain *t) {
    free(t->keys); free(t->rowof); free(t->roff); free(t->rlen); free(t->rcap); free(t->rcount); free(t->pool);
    memset(t, 0, sizeof *t);
}

static long S_find(const sr_ptrain *t, uint64_t key) {
    size_t mask = t->cap - 1, i = key & mask;
    for (;;) {
        if (t->keys[i] == key) return (long)t->rowof[i];
        if (t->keys[i] == 0) return -1;
        i = (i + 1) & mask;
    }
}

void sr_ptrain_score(const sr_ptrain *t, const uint64_t *keys, size_t nkeys, float *scores) {
    for (size_t k = 0; k < nkeys; k++) {
        long r = S_find(t, keys[k]);
        if (r < 0) continue;
        const sr_pcell *c = t->pool + t->roff[r];
        for (uint16_t j = 0; j < t->rlen[r]; j++) scores[c[j].cls] += c[j].w;
    }
}

void sr_ptrain_score_avg(const sr_ptrain *t, const uint64_t *keys, size_t nkeys, float *scores) {
    double c0 = t->c > 0 ? t->c : 1;
    for (size_t k = 0; k < nkeys; k++) {
        long r = S_find(t, keys[k]);
        if (r < 0) continue;
        const sr_pcell *c = t->pool + t->roff[r];
        for (uint16_t j = 0; j < t->rlen[r]; j++) scores[c[j].cls] += (float)(c[j].w - c[j].u / c0);
    }
}

static int S_rehash(sr_ptrain *t) {
    size_t ncap = t->cap * 2;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nr = malloc(ncap * sizeof *nr);
    if (!nk || !nr) { free(nk); free(nr); return -1; }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i]) continue;
        size_t j = t->keys[i] & (ncap - 1);
        while (nk[j]) j = (j + 1) & (ncap - 1);
        nk[j] = t->keys[i];
        nr[j] = t->rowof[i];
    }
    free(t->keys); free(t->rowof);
    t->keys = nk; t->rowof = nr; t->cap = ncap;
    return 0;
}

static int S_pool_reserve(sr_ptrain *t, size_t extra) {
    if (t->npool + extra <= t->cappool) return 0;
    size_t nc = t->cappool ? t->cappool * 2 : 1u << 16;
    while (nc < t->npool + extra) nc *= 2;
    sr_pcell *p = realloc(t->pool, nc * sizeof *p);
    if (!p) return -1;
    t->pool = p; t->cappool = nc;
    return 0;
}

static long S_get_row(sr_ptrain *t, uint64_t key) {
    size_t mask = t->cap - 1, i = key & mask;
    for (;;) {
        if (t->keys[i] == key) return (long)t->rowof[i];
        if (t->keys[i] == 0) break;
        i = (i + 1) & mask;
    }
    if (t->nrows == t->caprows) {
        size_t nc = t->caprows ? t->caprows * 2 : 1u << 14;
        uint32_t *a = realloc(t->roff, nc * sizeof *a);
        if (!a) return -1;
        t->roff = a;
        uint16_t *b = realloc(t->rlen, nc * sizeof *b);
        if (!b) return -1;
        t->rlen = b;
        uint16_t *c = realloc(t->rcap, nc * sizeof *c);
        if (!c) return -1;
        t->rcap = c;
        uint32_t *d = realloc(t->rcount, nc * sizeof *d);
        if (!d) return -1;
        t->rcount = d;
        t->caprows = nc;
    }
    if (S_pool_reserve(t, 2)) return -1;
    size_t r = t->nrows++;
    t->roff[r] = (uint32_t)t->npool;
    t->rlen[r] = 0;
    t->rcap[r] = 2;
    t->rcount[r] = 0;
    t->npool += 2;
    t->keys[i] = key;
    t->rowof[i] = (uint32_t)r;
    if (++t->n * 2 > t->cap && S_rehash(t)) return -1;
    return (long)r;
}

int sr_ptrain_update(sr_ptrain *t, const uint64_t *keys, size_t nkeys, uint32_t cls, float delta) {
    for (size_t k = 0; k < nkeys; k++) {
        long r = S_get_row(t, keys[k]);
        if (r < 0) return -1;
        if (delta > 0) t->rcount[r]++;
        sr_pcell *c = t->pool + t->roff[r];
        uint16_t j = 0;
        while (j < t->rlen[r] && c[j].cls != cls) j++;
        if (j == t->rlen[r]) {
            if (t->rlen[r] == t->rcap[r]) {
                size_t ncap = (size_t)t->rcap[r] * 2;
                if (ncap > t->nclass) ncap = t->nclass;
                if (S_pool_reserve(t, ncap)) return -1;
                memcpy(t->pool + t->npool, t->pool + t->roff[r], t->rlen[r] * sizeof(sr_pcell));
                t->roff[r] = (uint32_t)t->npool;
                t->npool += ncap;
                t->rcap[r] = (uint16_t)ncap;
                c = t->pool + t->roff[r];
            }
            c[j].cls = cls;
            c[j].w = c[j].u = 0;
            t->rlen[r]++;
        }
        c[j].w += delta;
        c[j].u += (float)(t->c * delta);
    }
    return 0;
}

/* -------------------------------------------------------------- export */

static float S_avg(const sr_ptrain *t, const sr_pcell *c) {
    double c0 = t->c > 0 ? t->c : 1;
    return (float)(c->w - c->u / c0);
}

static uint64_t *S_sorted_keys(const sr_ptrain *t);

int sr_ptrain_add_avg(sr_ptrain *dst, const sr_ptrain *src, float weight) {
    if (dst->c != 0 || dst->nclass != src->nclass) return -1;
    /* rows in key order: the result does not depend on src's layout */
    uint64_t *ks = S_sorted_keys(src);
    if (!ks && src->n) return -1;
    for (size_t i = 0; i < src->n; i++) {
        long r = S_find(src, ks[i]);
        const sr_pcell *c = src->pool + src->roff[r];
        long d = -1;
        for (uint16_t j = 0; j < src->rlen[r]; j++) {
            float a = S_avg(src, &c[j]) * weight;
            if (a == 0) continue;
            if (d >= 0 || (d = S_get_row(dst, ks[i])) >= 0) {
                /* sr_ptrain_update without its count: counts are added below */
                uint32_t keep = dst->rcount[d];
                if (sr_ptrain_update(dst, &ks[i], 1, c[j].cls, a)) { free(ks); return -1; }
                dst->rcount[d] = keep;
            } else { free(ks); return -1; }
        }
        if (d < 0 && (d = S_get_row(dst, ks[i])) < 0) { free(ks); return -1; }
        dst->rcount[d] += src->rcount[r];
    }
    free(ks);
    return 0;
}

static float S_scale(const sr_ptrain *t) {
    float mx = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const sr_pcell *c = t->pool + t->roff[r];
        for (uint16_t j = 0; j < t->rlen[r]; j++) {
            float a = fabsf(S_avg(t, &c[j]));
            if (a > mx) mx = a;
        }
    }
    return mx > 0 ? mx / 32000.0f : 1.0f;
}

static int16_t S_q(float w, float scale) {
    float q = roundf(w / scale);
    if (q > 32767) q = 32767;
    if (q < -32767) q = -32767;
    return (int16_t)q;
}

static size_t S_cap_for(size_t n) {
    size_t cap = 16;
    /* load factor <= 1/2: most probes are for absent features, and a miss
     * must run to an empty slot (about 2.5 probes at 1/2, 8.5 at 3/4).
     * (Tried: 0.8 load halves the parser table, but costs 6% more
     * instructions and was slower on news.) */
    while (cap < n * 2 + 2) cap *= 2;
    return cap;
}

/* Rows in key order so output does not depend on insertion history. */
static int S_cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t *S_sorted_keys(const sr_ptrain *t) {
    uint64_t *ks = malloc((t->n ? t->n : 1) * sizeof *ks);
    if (!ks) return NULL;
    size_t m = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->keys[i]) ks[m++] = t->keys[i];
    qsort(ks, m, sizeof *ks, S_cmp_u64);
    return ks;
}

static int S_cmp_cell(const void *a, const void *b) {
    const sr_scell *x = a, *y = b;
    return (int)x->cls - (int)y->cls;
}

int sr_ptrain_export_sparse(const sr_ptrain *t, sr_mbuild *mb, uint32_t tag_slots,
                            uint32_t tag_cells, float *scale) {
    float sc = S_scale(t);
    uint64_t *ks = S_sorted_keys(t);
    if (!ks) return -1;
    sr_scell *cells = malloc((t->npool ? t->npool : 1) * sizeof *cells);
    uint64_t *okeys = malloc((t->n ? t->n : 1) * sizeof *okeys);
    uint32_t *ooff = malloc((t->n ? t->n : 1) * sizeof *ooff), *on = malloc((t->n ? t->n : 1) * sizeof *on);
    int rc = -1;
    if (!cells || !okeys || !ooff || !on) goto out;
    size_t nc = 0, nr = 0;
    for (size_t i = 0; i < t->n; i++) {
        long r = S_find(t, ks[i]);
        if (t->rcount[r] < sr_ptrain_min_count) continue;
        const sr_pcell *c = t->pool + t->roff[r];
        size_t start = nc;
        for (uint16_t j = 0; j < t->rlen[r]; j++) {
            int16_t q = S_q(S_avg(t, &c[j]), sc);
            if (q) { cells[nc].cls = (uint16_t)c[j].cls; cells[nc].w = q; nc++; }
        }
        if (nc == start) continue;
        if (nc - start > 255) nc = start + 255; /* cannot happen with <= 255 classes */
        qsort(cells + start, nc - start, sizeof *cells, S_cmp_cell);
        okeys[nr] = ks[i]; ooff[nr] = (uint32_t)start; on[nr] = (uint32_t)(nc - start); nr++;
    }
    size_t cap = S_cap_for(nr);
    sr_sslot *slots = calloc(cap, sizeof *slots);
    if (!slots) goto out;
    if (nc >= (1u << 24)) { free(slots); goto out; }
    for (size_t i = 0; i < nr; i++) {
        size_t j = okeys[i] & (cap - 1);
        uint32_t fp = sr_fp(okeys[i]);
        while (slots[j].fp) {
            if (slots[j].fp == fp) break; /* fingerprint clash: keep the first */
            j = (j + 1) & (cap - 1);
        }
        if (slots[j].fp) continue;
        slots[j].fp = fp;
        slots[j].offn = ooff[i] << 8 | on[i];
    }
    rc = sr_mbuild_add(mb, tag_slots, slots, cap * sizeof *slots) ||
         sr_mbuild_add(mb, tag_cells, cells, nc * sizeof *cells) ? -1 : 0;
    free(slots);
    *scale = sc;
out:
    free(ks); free(cells); free(okeys); free(ooff); free(on);
    return rc;
}

int sr_ptrain_export_dense(const sr_ptrain *t, sr_mbuild *mb, uint32_t tag_slots, float *scale) {
    if (t->nclass > 3) return -1;
    float sc = S_scale(t);
    uint64_t *ks = S_sorted_keys(t);
    if (!ks) return -1;
    unsigned cut = sr_ptrain_min_count;
    size_t kept = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->rcount[S_find(t, ks[i])] >= cut) kept++;
    if (sr_ptrain_max_keep && kept > sr_ptrain_max_keep) {
        /* the smallest cut above min_count that keeps at most max_keep:
         * counts of kept rows by count, capped (a cut past the cap keeps
         * only rows updated that often) */
        enum { CAP = 1 << 16 };
        size_t *hist = calloc(CAP + 1, sizeof *hist);
        if (!hist) { free(ks); return -1; }
        for (size_t i = 0; i < t->n; i++) {
            uint32_t c = t->rcount[S_find(t, ks[i])];
            if (c >= cut) hist[c > CAP ? CAP : c]++;
        }
        while (kept > sr_ptrain_max_keep && cut < CAP) kept -= hist[cut++];
        free(hist);
    }
    sr_ptrain_last_cut = cut;
    size_t cap = S_cap_for(kept);
    sr_dslot *slots = calloc(cap, sizeof *slots);
    if (!slots) { free(ks); return -1; }
    for (size_t i = 0; i < t->n; i++) {
        long r = S_find(t, ks[i]);
        if (t->rcount[r] < cut) continue;
        const sr_pcell *c = t->pool + t->roff[r];
        int16_t w[3] = {0, 0, 0};
        int any = 0;
        for (uint16_t j = 0; j < t->rlen[r]; j++) {
            w[c[j].cls] = S_q(S_avg(t, &c[j]), sc);
            any |= w[c[j].cls] != 0;
        }
        if (!any) continue;
        size_t p = ks[i] & (cap - 1);
        uint32_t fp = sr_fp(ks[i]);
        while (slots[p].fp && slots[p].fp != fp) p = (p + 1) & (cap - 1);
        if (slots[p].fp) continue;
        slots[p].fp = fp;
        memcpy(slots[p].w, w, sizeof w);
    }
    int rc = sr_mbuild_add(mb, tag_slots, slots, cap * sizeof *slots);
    free(slots); free(ks);
    *scale = sc;
    return rc;
}

int sr_map_export(sr_mbuild *mb, uint32_t tag, const uint64_t *keys, const uint32_t *vals, size_t n) {
    size_t cap = S_cap_for(n);
    sr_mslot *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = sr_fkey(keys[i]);
        size_t j = k & (cap - 1);
        uint32_t fp = sr_fp(k);
        while (slots[j].fp && slots[j].fp != fp) j = (j + 1) & (cap - 1);
        if (slots[j].fp) continue;
        slots[j].fp = fp; slots[j].val = vals[i];
    }
    int rc = sr_mbuild_add(mb, tag, slots, cap * sizeof *slots);
    free(slots);
    return rc;
}

/* ---------------------------------------------------------- container */

int sr_mbuild_add(sr_mbuild *mb, uint32_t tag, const void *p, size_t n) {
    if (mb->n >= 64) return -1;
    while (mb->data.len % 16)
        if (sr_buf_putc(&mb->data, 0)) return -1;
    mb->tags[mb->n] = tag;
    mb->offs[mb->n] = mb->data.len;
    mb->lens[mb->n] = n;
    if (n && sr_buf_append(&mb->data, p, n)) return -1;
    mb->n++;
    return 0;
}

void sr_mbuild_free(sr_mbuild *mb) { sr_buf_free(&mb->data); mb->n = 0; }

static void S_put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void S_put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

int sr_mbuild_image(const sr_mbuild *mb, unsigned char **out, size_t *len, uint32_t *crc) {
    size_t hdr = 32, tab = mb->n * 24, body0 = (hdr + tab + 15) / 16 * 16;
    size_t total = body0 + mb->data.len;
    unsigned char *img = calloc(1, total);
    if (!img) return -1;
    static const unsigned char magic[8] = {'S', 'I', 'T', 'R', 'E', 'P', 'M', 'D'};
    memcpy(img, magic, sizeof magic);
    S_put32(img + 8, SR_MODEL_VERSION);
    S_put32(img + 12, 0x01020304u);
    S_put64(img + 16, total);
    S_put32(img + 28, (uint32_t)mb->n);
    for (size_t i = 0; i < mb->n; i++) {
        unsigned char *e = img + hdr + i * 24;
        S_put32(e, mb->tags[i]);
        S_put64(e + 8, body0 + mb->offs[i]);
        S_put64(e + 16, mb->lens[i]);
    }
    if (mb->data.len) memcpy(img + body0, mb->data.data, mb->data.len);
    uint32_t c = S_crc(img + 32, total - 32);
    S_put32(img + 24, c);
    if (crc) *crc = c;
    *out = img;
    *len = total;
    return 0;
}

sitrep_status sr_mbuild_write(sr_mbuild *mb, const char *path, uint32_t *crc, sitrep_error *err) {
    unsigned char *img;
    size_t total;
    if (sr_mbuild_image(mb, &img, &total, crc)) return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(img);
        return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    size_t w = fwrite(img, 1, total, f);
    int bad = w != total;
    bad |= fclose(f) != 0;
    free(img);
    if (bad) return sr_error_set(err, SITREP_E_IO, path, 0, 0, "write failed");
    return SITREP_OK;
}

static uint32_t S_get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t S_get64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

sitrep_status sr_mfile_open_mem(sr_mfile *f, unsigned char *data, size_t len, const char *name,
                                sitrep_error *err) {
    f->data = data;
    f->len = len;
    if (len < 8 || memcmp(data, SR_MODEL_MAGIC, 8) != 0) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_FORMAT, name, 0, 0, "not a sitrep model file (bad magic)");
    }
    if (len < 32) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_CORRUPT, name, 0, 0, "model file truncated (%zu bytes)", len);
    }
    uint32_t ver = S_get32(data + 8), bom = S_get32(data + 12);
    if (ver != SR_MODEL_VERSION || bom != 0x01020304u) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_VERSION, name, 0, 0,
                            "model file version %u (byte order %08x) is not supported (want version %u)",
                            ver, bom, SR_MODEL_VERSION);
    }
    uint64_t total = S_get64(data + 16);
    if (total != len) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_CORRUPT, name, 0, 0,
                            "model file truncated or padded: %zu bytes, header says %llu", len,
                            (unsigned long long)total);
    }
    uint32_t crc = S_crc(data + 32, len - 32);
    if (crc != S_get32(data + 24)) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_CORRUPT, name, 0, 0, "model file checksum mismatch (corrupt)");
    }
    f->crc = crc;
    uint32_t n = S_get32(data + 28);
    if (n > 64 || 32 + (size_t)n * 24 > len) {
        sr_mfile_free(f);
        return sr_error_set(err, SITREP_E_CORRUPT, name, 0, 0, "model file section table is corrupt");
    }
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *e = data + 32 + (size_t)i * 24;
        uint64_t off = S_get64(e + 8), sl = S_get64(e + 16);
        if (off > len || sl > len - off || off % 16) {
            sr_mfile_free(f);
            return sr_error_set(err, SITREP_E_CORRUPT, name, 0, 0, "model file section %u out of bounds", i);
        }
    }
    return SITREP_OK;
}

/* Weight tables are probed at random (one cache line per feature), so
 * with 4 KiB pages nearly every probe also misses the TLB. Buffers of a
 * few MB are 2 MiB-aligned and marked for transparent huge pages (a hint:
 * where the kernel declines, they are ordinary pages). free() releases. */
static void *S_table_alloc(size_t n) {
    const size_t huge = (size_t)2 << 20;
    if (n < huge) return malloc(n);
    void *p = NULL;
    size_t rounded = (n + huge - 1) / huge * huge;
    if (posix_memalign(&p, huge, rounded)) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

sitrep_status sr_mfile_load(sr_mfile *f, const char *path, sitrep_error *err) {
    memset(f, 0, sizeof *f);
    FILE *fp = fopen(path, "rb");
    if (!fp) return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open model: %s", strerror(errno));
    if (fseek(fp, 0, SEEK_END) != 0) { fclose(fp); return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot seek"); }
    long sz = ftell(fp);
    rewind(fp);
    if (sz < 0) { fclose(fp); return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot size"); }
    unsigned char *data = S_table_alloc((size_t)sz + 16);
    if (!data) { fclose(fp); return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); }
    size_t got = fread(data, 1, (size_t)sz, fp);
    fclose(fp);
    if (got != (size_t)sz) { free(data); return sr_error_set(err, SITREP_E_IO, path, 0, 0, "read error"); }
    return sr_mfile_open_mem(f, data, got, path, err);
}

int sr_mfile_u32(const sr_mfile *f, uint32_t tag, uint32_t *out) {
    size_t n;
    const uint32_t *v = sr_mfile_section(f, tag, &n);
    if (!v || n != sizeof *v) return -1;
    *out = *v;
    return 0;
}

const void *sr_mfile_section(const sr_mfile *f, uint32_t tag, size_t *n) {
    if (!f->data) return NULL;
    uint32_t cnt = S_get32(f->data + 28);
    for (uint32_t i = 0; i < cnt; i++) {
        const unsigned char *e = f->data + 32 + (size_t)i * 24;
        if (S_get32(e) == tag) {
            *n = (size_t)S_get64(e + 16);
            return f->data + S_get64(e + 8);
        }
    }
    return NULL;
}

void sr_mfile_free(sr_mfile *f) {
    free(f->data);
    f->data = NULL;
    f->len = 0;
}

static int S_pow2(size_t n) { return n && !(n & (n - 1)); }

int sr_stab_from(sr_stab *t, const sr_mfile *f, uint32_t tag_slots, uint32_t tag_cells, float scale) {
    size_t ns, nc;
    const void *s = sr_mfile_section(f, tag_slots, &ns), *c = sr_mfile_section(f, tag_cells, &nc);
    if (!s || !c || ns % sizeof(sr_sslot) || nc % sizeof(sr_scell) || !S_pow2(ns / sizeof(sr_sslot)))
        return -1;
    t->slots = s;
    t->mask = ns / sizeof(sr_sslot) - 1;
    t->cells = c;
    t->ncells = nc / sizeof(sr_scell);
    t->scale = scale;
    t->dense = NULL;
    t->dstride = 0;
    t->owned = NULL;
    size_t empty = 0;
    for (size_t i = 0; i <= t->mask; i++) {
        if (!t->slots[i].fp) { empty++; continue; }
        if ((uint64_t)(t->slots[i].offn >> 8) + (t->slots[i].offn & 0xFF) > t->ncells) return -1;
    }
    return empty ? 0 : -1; /* a full table would make probes loop */
}

int sr_dtab_from(sr_dtab *t, const sr_mfile *f, uint32_t tag_slots, float scale) {
    size_t ns;
    const void *s = sr_mfile_section(f, tag_slots, &ns);
    if (!s || ns % sizeof(sr_dslot) || !S_pow2(ns / sizeof(sr_dslot))) return -1;
    t->slots = s;
    t->mask = ns / sizeof(sr_dslot) - 1;
    t->scale = scale;
    for (size_t i = 0; i <= t->mask; i++)
        if (!t->slots[i].fp) return 0;
    return -1;
}

int sr_map_from(sr_map *m, const sr_mfile *f, uint32_t tag) {
    size_t ns;
    const void *s = sr_mfile_section(f, tag, &ns);
    if (!s || ns % sizeof(sr_mslot) || !S_pow2(ns / sizeof(sr_mslot))) return -1;
    m->slots = s;
    m->mask = ns / sizeof(sr_mslot) - 1;
    for (size_t i = 0; i <= m->mask; i++)
        if (!m->slots[i].fp) return 0;
    return -1;
}

static int S_densify(sr_stab *t, sr_sslot *inplace, uint32_t nclass, unsigned min_cells) {
    if (nclass >= SR_STAB_DENSE || t->owned) return 0;
    if (min_cells < 1) min_cells = 1;
    size_t cap = t->mask + 1, nd = 0;
    for (size_t i = 0; i < cap; i++)
        if (t->slots[i].fp && (t->slots[i].offn & 0xFF) >= min_cells) nd++;
    if (nd == 0 || nd >= (1u << 24)) return 0;
    uint32_t stride = (nclass + 15) / 16 * 16;
    size_t sbytes = inplace ? 0 : (cap * sizeof(sr_sslot) + 63) / 64 * 64;
    unsigned char *mem = S_table_alloc(sbytes + nd * stride * sizeof(int16_t));
    if (!mem) return -1;
    sr_sslot *slots = inplace ? inplace : (sr_sslot *)(void *)mem;
    int16_t *dense = (int16_t *)(void *)(mem + sbytes);
    if (!inplace) memcpy(slots, t->slots, cap * sizeof(sr_sslot));
    memset(dense, 0, nd * stride * sizeof(int16_t));
    size_t r = 0;
    for (size_t i = 0; i < cap; i++) {
        uint32_t n = slots[i].offn & 0xFF;
        if (!slots[i].fp || n < min_cells) continue;
        const sr_scell *c = t->cells + (slots[i].offn >> 8);
        int16_t *row = dense + r * stride;
        /* exported rows hold distinct classes with non-zero weights; a row
         * that does not (a repeated class) stays sparse */
        uint32_t k = 0;
        for (; k < n; k++) {
            if (c[k].cls >= nclass || row[c[k].cls] != 0 || c[k].w == 0) break;
            row[c[k].cls] = c[k].w;
        }
        if (k < n) { memset(row, 0, stride * sizeof(int16_t)); continue; }
        slots[i].offn = (uint32_t)r << 8 | SR_STAB_DENSE;
        r++;
    }
    t->owned = mem;
    t->dense = dense;
    t->dstride = stride;
    t->slots = slots;
    return 0;
}

int sr_stab_densify(sr_stab *t, uint32_t nclass, unsigned min_cells) {
    return S_densify(t, NULL, nclass, min_cells);
}

int sr_stab_densify_in_place(sr_stab *t, sr_sslot *slots, uint32_t nclass, unsigned min_cells) {
    if (!slots || slots != t->slots) return -1;
    return S_densify(t, slots, nclass, min_cells);
}

void sr_stab_release(sr_stab *t) {
    free(t->owned);
    t->owned = NULL;
    t->dense = NULL;
    t->dstride = 0;
    /* the slots pointed into `owned`; callers drop the table after this */
    t->slots = NULL;
}
