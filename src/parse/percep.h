/* percep.h - averaged perceptron weights for training, compact quantized
 * tables for inference, and the model file container.
 *
 * Why two representations: training needs float weights plus averaging
 * accumulators and grows as features appear; inference wants one probe
 * per feature into a read-only open-addressing table whose layout is the
 * file layout (so loading a model is one read plus a checksum).
 *
 * Feature keys are 64-bit hashes (template id mixed with atom ids); 0 is
 * reserved as the empty-slot marker (keys are forced non-zero).
 */
#ifndef SR_PERCEP_H
#define SR_PERCEP_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sitrep.h"
#include "util/buf.h"

static inline uint64_t sr_fkey(uint64_t h) { return h ? h : 1; }

/* ---------------- training: sparse float rows with lazy averaging ----- */
typedef struct sr_pcell { uint32_t cls; float w, u; } sr_pcell;
typedef struct sr_ptrain {
    uint32_t nclass;
    uint64_t *keys;   /* open addressing, 0 = empty */
    uint32_t *rowof;  /* slot -> row */
    size_t cap, n;    /* slots, used */
    uint32_t *roff;   /* row -> first cell in pool */
    uint16_t *rlen, *rcap;
    uint32_t *rcount; /* positive updates per row (for pruning) */
    size_t nrows, caprows;
    sr_pcell *pool;
    size_t npool, cappool;
    double c;         /* instances seen, for averaging */
} sr_ptrain;

/* Initializes an empty table over `nclass` classes. 0 or -1 on OOM. */
int sr_ptrain_init(sr_ptrain *t, uint32_t nclass);
void sr_ptrain_free(sr_ptrain *t);
/* Adds the current weights of `nkeys` features to scores[0..nclass). */
void sr_ptrain_score(const sr_ptrain *t, const uint64_t *keys, size_t nkeys, float *scores);
/* Like sr_ptrain_score with the averaged weights (for dev scoring). */
void sr_ptrain_score_avg(const sr_ptrain *t, const uint64_t *keys, size_t nkeys, float *scores);
/* Adds `delta` to the weight of class `cls` for every feature. 0 / -1 OOM. */
int sr_ptrain_update(sr_ptrain *t, const uint64_t *keys, size_t nkeys, uint32_t cls, float delta);
/* Adds weight x the averaged weights of src to dst, whose averaging clock
 * must be 0 (never ticked: its weights are then final), and src's
 * positive-update counts to dst's (for pruning at export). 0, or -1 when
 * out of memory. */
int sr_ptrain_add_avg(sr_ptrain *dst, const sr_ptrain *src, float weight);
/* Call once per training instance (advances the averaging clock). */
static inline void sr_ptrain_tick(sr_ptrain *t) { t->c += 1; }

/* ---------------- inference tables (file layout = memory layout) ------ */
/* Slots hold a 32-bit fingerprint of the 64-bit key (its high half; the
 * low bits pick the slot), 0 marking an empty slot. A false match needs
 * equal fingerprints within one probe run: about 1e-9 per lookup. */
static inline uint32_t sr_fp(uint64_t key) {
    uint32_t f = (uint32_t)(key >> 32);
    return f ? f : 1;
}

/* Sparse: slot {fp, off:24 | n:8} -> n cells {cls, w} (int16, x scale). */
typedef struct sr_sslot { uint32_t fp, offn; } sr_sslot;
typedef struct sr_scell { uint16_t cls; int16_t w; } sr_scell;
typedef struct sr_stab {
    const sr_sslot *slots;
    size_t mask; /* cap - 1 (cap a power of two) */
    const sr_scell *cells;
    size_t ncells;
    float scale; /* real weight = w * scale */
    /* In-memory speed-up built at load by sr_stab_densify (zero/NULL
     * otherwise): long rows are stored as dense int16 vectors of dstride
     * classes (a multiple of 16; the weights are int16 already, so
     * nothing is lost, and a row is half the bytes of an int32 one: the
     * adds are bound by memory, not by the widening) and added with SIMD;
     * their slots (in a private copy of the slot table) have n =
     * SR_STAB_DENSE and the offset of the row in `dense` (in rows). */
    const int16_t *dense;
    uint32_t dstride;
    void *owned; /* slot copy + dense rows; freed by sr_stab_release */
} sr_stab;
#define SR_STAB_DENSE 0xFFu

/* Dense inline, for <= 3 classes: slot {fp, w[3]}, 10 bytes. */
typedef struct __attribute__((packed)) sr_dslot { uint32_t fp; int16_t w[3]; } sr_dslot;
typedef struct sr_dtab {
    const sr_dslot *slots;
    size_t mask;
    float scale;
} sr_dtab;

/* u64 -> u32 map: slot {fp, val}. */
typedef struct sr_mslot { uint32_t fp, val; } sr_mslot;
typedef struct sr_map {
    const sr_mslot *slots;
    size_t mask;
} sr_map;

/* scores[0..stride) += row[0..stride) (stride a multiple of 16; the
 * int16 row widened to int32). */
typedef int32_t sr_v16i __attribute__((vector_size(64)));
typedef int16_t sr_v16h __attribute__((vector_size(32)));
static inline void sr_dense_add(int32_t *scores, const int16_t *row, uint32_t stride) {
    for (uint32_t c = 0; c < stride; c += 16) {
        sr_v16i v;
        sr_v16h w;
        memcpy(&w, row + c, sizeof w);
        memcpy(&v, scores + c, sizeof v);
        v += __builtin_convertvector(w, sr_v16i);
        memcpy(scores + c, &v, sizeof v);
    }
}

/* Adds one row (found at slot s) to scores. */
static inline void sr_stab_add_row(const sr_stab *t, const sr_sslot *s, int32_t *scores) {
    uint32_t n = s->offn & 0xFF;
    if (n == SR_STAB_DENSE && t->dense) {
        sr_dense_add(scores, t->dense + (size_t)(s->offn >> 8) * t->dstride, t->dstride);
        return;
    }
    const sr_scell *c = t->cells + (s->offn >> 8);
    for (uint32_t k = 0; k < n; k++) scores[c[k].cls] += c[k].w;
}

/* Integer scores (sum of quantized weights): scores[cls] += w. With a
 * densified table, scores must have room for t->dstride entries. */
static inline void sr_stab_score(const sr_stab *t, uint64_t key, int32_t *scores) {
    size_t i = key & t->mask;
    uint32_t fp = sr_fp(key);
    for (;;) {
        const sr_sslot *s = &t->slots[i];
        if (s->fp == fp) {
            sr_stab_add_row(t, s, scores);
            return;
        }
        if (s->fp == 0) return;
        i = (i + 1) & t->mask;
    }
}
/* Two-phase scoring for many keys at once: find every row first (the
 * slots were prefetched by the caller) and prefetch its cells, then add
 * them up, so the cache misses overlap. At most 64 keys. */
/* First half of sr_stab_score_many: stores the slots found for keys
 * (at most 64) in sp, prefetches their rows, and returns their number.
 * Lockstep callers run it for several sentences before sr_stab_add_rows,
 * so the row misses of different sentences overlap too. */
static inline size_t sr_stab_find_many(const sr_stab *t, const uint64_t *keys, size_t nk, const sr_sslot **sp) {
    size_t m = 0;
    for (size_t k = 0; k < nk && k < 64; k++) {
        size_t i = keys[k] & t->mask;
        uint32_t fp = sr_fp(keys[k]);
        for (;;) {
            const sr_sslot *s = &t->slots[i];
            if (s->fp == fp) {
                sp[m++] = s;
                if ((s->offn & 0xFF) == SR_STAB_DENSE && t->dense)
                    __builtin_prefetch(t->dense + (size_t)(s->offn >> 8) * t->dstride);
                else
                    __builtin_prefetch(t->cells + (s->offn >> 8));
                break;
            }
            if (s->fp == 0) break;
            i = (i + 1) & t->mask;
        }
    }
    return m;
}

/* Second half: adds the m rows found by sr_stab_find_many to scores
 * (out of line: compiled for AVX2 too, chosen at run time, so a dense row
 * of 144 int32 takes 5 vector adds instead of 9 x 4; same integer sums). */
void sr_stab_add_rows(const sr_stab *t, const sr_sslot *const *sp, size_t m, int32_t *scores);
/* sr_stab_add_rows, and then nx (<= SR_STAB_MAX_EXTRA) more rows
 * xr[0..nx) of t->dstride int32 each (t densified: t->dense set), held
 * by the caller: sums of rows computed before (the tagger's per-word
 * memo). */
#define SR_STAB_MAX_EXTRA 8
void sr_stab_add_rows_x(const sr_stab *t, const sr_sslot *const *sp, size_t m, const int32_t *const *xr, size_t nx,
                        int32_t *scores);
/* Index of the first largest of s[0..n) (0 when n == 0): the same as the
 * plain loop `if (s[c] > s[best]) best = c`, with AVX2 where available. */
uint32_t sr_argmax_i32(const int32_t *s, uint32_t n);

static inline void sr_stab_score_many(const sr_stab *t, const uint64_t *keys, size_t nk, int32_t *scores) {
    const sr_sslot *sp[64];
    sr_stab_add_rows(t, sp, sr_stab_find_many(t, keys, nk, sp), scores);
}

static inline void sr_dtab_score(const sr_dtab *t, uint64_t key, int32_t *scores) {
    size_t i = key & t->mask;
    uint32_t fp = sr_fp(key);
    for (;;) {
        const sr_dslot *s = &t->slots[i];
        if (s->fp == fp) {
            scores[0] += s->w[0]; scores[1] += s->w[1]; scores[2] += s->w[2];
            return;
        }
        if (s->fp == 0) return;
        i = (i + 1) & t->mask;
    }
}
/* Returns 1 and sets *val when found. */
static inline int sr_map_get(const sr_map *m, uint64_t key, uint32_t *val) {
    if (!m->slots) return 0;
    size_t i = key & m->mask;
    uint32_t fp = sr_fp(key);
    for (;;) {
        const sr_mslot *s = &m->slots[i];
        if (s->fp == fp) { *val = s->val; return 1; }
        if (s->fp == 0) return 0;
        i = (i + 1) & m->mask;
    }
}

/* ---------------- building inference tables into a byte buffer -------- */
/* Rows with fewer than this many positive updates are dropped at export
 * (rare features mostly memorize single training sentences; dropping them
 * shrinks the model several times at little cost in accuracy). */
extern unsigned sr_ptrain_min_count;
/* sr_ptrain_export_dense: when > 0, the cut is raised above
 * sr_ptrain_min_count until at most this many rows are kept (the table
 * size, and with it the parser's cache misses, stays bounded whatever the
 * amount of training data); the cut used is left in sr_ptrain_last_cut. */
extern size_t sr_ptrain_max_keep;
extern unsigned sr_ptrain_last_cut;

/* Averages and quantizes `t` into a sparse table written as two sections
 * (slots, cells) of model-file builder `mb` under tags tag_slots/tag_cells;
 * the scale goes in *scale. Weights that quantize to 0 are dropped. */
typedef struct sr_mbuild sr_mbuild;
int sr_ptrain_export_sparse(const sr_ptrain *t, sr_mbuild *mb, uint32_t tag_slots,
                            uint32_t tag_cells, float *scale);
/* Same into a dense-inline table (t->nclass <= 3). */
int sr_ptrain_export_dense(const sr_ptrain *t, sr_mbuild *mb, uint32_t tag_slots, float *scale);
/* Writes a u64->u32 map of n pairs as section `tag`. Later duplicates of a
 * key are ignored. */
int sr_map_export(sr_mbuild *mb, uint32_t tag, const uint64_t *keys, const uint32_t *vals, size_t n);

/* ---------------- model file container ---------------------------------
 * header: "SITREPMD" | u32 version | u32 byte-order mark 0x01020304 |
 *         u64 total file size | u32 CRC-32 of bytes [32, size) | u32 nsec
 * then nsec entries {u32 tag, u32 0, u64 offset, u64 length}, then the
 * section bodies, each 16-byte aligned. See docs/parser.md. */
#define SR_MODEL_MAGIC "SITREPMD"
#define SR_MODEL_VERSION 1u
#define SR_TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

struct sr_mbuild {
    sr_buf data;     /* section bodies */
    uint32_t tags[64];
    uint64_t offs[64], lens[64];
    size_t n;
};
/* Appends a section (copied). 0 / -1 OOM or too many sections. */
int sr_mbuild_add(sr_mbuild *mb, uint32_t tag, const void *p, size_t n);
/* The complete file image (malloc'ed, caller frees) in *img / *len;
 * *crc (if non-NULL) gets the checksum. 0, or -1 when out of memory. */
int sr_mbuild_image(const sr_mbuild *mb, unsigned char **img, size_t *len, uint32_t *crc);
/* Writes the file; SITREP_OK or SITREP_E_IO. *crc gets the checksum. */
sitrep_status sr_mbuild_write(sr_mbuild *mb, const char *path, uint32_t *crc, sitrep_error *err);
void sr_mbuild_free(sr_mbuild *mb);

/* CRC-32 (IEEE, as zlib's crc32(crc, data, n)) of the model files, with
 * PCLMULQDQ where the CPU has it. */
uint32_t sr_model_crc32(uint32_t crc, const void *data, size_t n);

/* A loaded model file: the whole file in memory, sections located. */
typedef struct sr_mfile {
    unsigned char *data;
    size_t len;
    uint32_t crc;
} sr_mfile;
/* Reads and checks a file (magic: E_FORMAT, version: E_VERSION,
 * truncation/checksum/section bounds: E_CORRUPT). */
sitrep_status sr_mfile_load(sr_mfile *f, const char *path, sitrep_error *err);
/* Checks an in-memory image (takes ownership of `data`, malloc'ed). */
sitrep_status sr_mfile_open_mem(sr_mfile *f, unsigned char *data, size_t len, const char *name,
                                sitrep_error *err);
/* Finds section `tag`; returns its bytes or NULL (len in *n). */
const void *sr_mfile_section(const sr_mfile *f, uint32_t tag, size_t *n);
/* Reads section `tag` holding one u32 into *out; 0, or -1 when it is
 * missing or not 4 bytes long (*out then unchanged). */
int sr_mfile_u32(const sr_mfile *f, uint32_t tag, uint32_t *out);
void sr_mfile_free(sr_mfile *f);

/* Locates sparse/dense/map tables from sections; -1 when malformed
 * (sizes not multiples, capacity not a power of two, cell offsets out of
 * range). */
int sr_stab_from(sr_stab *t, const sr_mfile *f, uint32_t tag_slots, uint32_t tag_cells, float scale);
/* Builds the dense-row speed-up of a loaded sparse table over `nclass`
 * classes: rows of at least `min_cells` cells become dense int16 vectors
 * (scores are unchanged: the same integers are added). Does nothing when
 * nclass >= SR_STAB_DENSE. 0, or -1 when out of memory (the table is then
 * left as it was). Release with sr_stab_release. */
int sr_stab_densify(sr_stab *t, uint32_t nclass, unsigned min_cells);
/* The same, but the dense rows are marked in the table's own slots,
 * `slots` (== t->slots, passed writable by the owner of the memory, e.g.
 * a model file loaded by sr_mfile_load): no copy of the slot table, so a
 * faster load. The table then no longer scores as it did without the
 * dense rows (whose cells stay in place, unused). 0, -1 when out of
 * memory or slots != t->slots. */
int sr_stab_densify_in_place(sr_stab *t, sr_sslot *slots, uint32_t nclass, unsigned min_cells);
/* Frees what sr_stab_densify built (the table is unusable afterwards). */
void sr_stab_release(sr_stab *t);
/* Padded score-vector length for a table over nclass classes: scoring a
 * densified table writes this many entries. */
static inline size_t sr_stab_score_len(const sr_stab *t, size_t nclass) {
    return t->dstride > nclass ? t->dstride : nclass;
}
int sr_dtab_from(sr_dtab *t, const sr_mfile *f, uint32_t tag_slots, float scale);
int sr_map_from(sr_map *m, const sr_mfile *f, uint32_t tag);
#endif
