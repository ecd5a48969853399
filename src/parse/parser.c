/* parser.c - arc-hybrid transition parser (see parser.h). */
#include "parser.h"
#include <stdlib.h>
#include <string.h>
#include "parse/clusters.h"
#include "parse/memo.h"
#include "parse/ud.h"
#include "util/error.h"
#include "util/hash.h"

#define P_META SR_TAG('P', 'M', 'E', 'T')
#define P_TS SR_TAG('P', 'T', 'S', 'L')
#define P_LS SR_TAG('P', 'L', 'S', 'L')
#define P_LC SR_TAG('P', 'L', 'C', 'L')
#define P_CLCRC SR_TAG('P', 'C', 'L', 'C') /* crc of the clusters file (SR_PFX_CLUSTERS) */
#define P_STCRC SR_TAG('P', 'S', 'T', 'C') /* crc of the supertagger file (SR_PFX_STAG) */
#define P_TOFF SR_TAG('P', 'T', 'O', 'F')  /* templates left out, 4 x u64 (SR_PFX_TMASK) */

enum { SHIFT = 0, LEFT = 1, RIGHT = 2, NTRANS = 3 };
#define MAXF 128
/* most buffer-front keys (S_bfeats) */
#define MAXBF 24
#define NONE_W UINT64_C(0x5151)
#define NONE_T 0xFFF0u
#define ROOT_W UINT64_C(0x7171)
#define ROOT_T 0xFFF1u

typedef struct {
    int n;          /* words; index n is ROOT (end of buffer) */
    int *stack, sp, b;
    int *head, *lab, *lc1, *lc2, *rc1, *rc2, *nl, *nr;
    uint64_t *lset, *rset;
    int *pc;        /* pc[i]: commas among words 0..i-1 (feature 68) */
    int *cc, *cf;   /* coarse / fine word cluster + 1 (unknown: 0x10000 + tag; ROOT at n: 0xFFFE), SR_PFX_CLUSTERS */
    unsigned fx;    /* feature set extensions (SR_PFX_*) of the model */
    const uint64_t *off; /* templates the model leaves out (SR_PFX_TMASK): bit id of off[id >> 6]; NULL: none */
    const uint64_t *w;
    const uint32_t *t;
} S_state;

static size_t S_state_bytes(size_t n) { return (n + 2) * (13 * sizeof(int) + 2 * sizeof(uint64_t)) + 64; }

static void S_state_init(S_state *s, void *mem, int n, const uint64_t *w, const uint32_t *t, unsigned fx,
                         const sr_clusters *cl, const uint64_t *off) {
    size_t m = (size_t)n + 2;
    /* the 64-bit arrays first: `mem` is malloc-aligned */
    s->lset = mem;
    s->rset = s->lset + m;
    int *ip = (int *)(void *)(s->rset + m);
    s->n = n;
    s->stack = ip; ip += m;
    s->head = ip; ip += m;
    s->lab = ip; ip += m;
    s->lc1 = ip; ip += m;
    s->lc2 = ip; ip += m;
    s->rc1 = ip; ip += m;
    s->rc2 = ip; ip += m;
    s->nl = ip; ip += m;
    s->nr = ip; ip += m;
    s->pc = ip; ip += m;
    s->cc = ip; ip += m;
    s->cf = ip;
    s->fx = fx;
    s->off = (fx & SR_PFX_TMASK) ? off : NULL;
    if (fx & SR_PFX_CLUSTERS) {
        for (int i = 0; i < n; i++) {
            uint32_t v = sr_clusters_get(cl, w[i]);
            /* a word the clusters do not know stands for its tag (a
             * value above 0xFFFF, never a real class), as in the tagger:
             * an unknown name is not like the punctuation and numbers
             * that most unknown training tokens are (a proper noun that
             * the clusters know keeps its class: standing for its tag
             * too cost 0.3 dev UAS and 0.2 test raw UAS, docs/parser.md
             * round 7) */
            if (!v) { s->cc[i] = s->cf[i] = (int)(0x10000u | (t[i] & 0xFFFFu)); continue; }
            s->cc[i] = (int)sr_cl_coarse(v);
            s->cf[i] = (int)sr_cl_fine(v);
        }
        s->cc[n] = s->cf[n] = 0xFFFE;
    }
    if (fx & SR_PFX_COMMAS) {
        uint64_t comma = sr_word_hash(",", 1); /* once per sentence; no shared state between threads */
        s->pc[0] = 0;
        for (int i = 0; i < n; i++) s->pc[i + 1] = s->pc[i] + (w[i] == comma);
        s->pc[n + 1] = s->pc[n];
    }
    for (size_t i = 0; i < m; i++) {
        s->head[i] = -1; s->lab[i] = 0;
        s->lc1[i] = s->lc2[i] = s->rc1[i] = s->rc2[i] = -1;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
    s->sp = 0;
    s->b = 0;
    s->w = w;
    s->t = t;
}

static inline uint64_t S_W(const S_state *s, int i) { return i < 0 ? NONE_W : i == s->n ? ROOT_W : s->w[i]; }
static inline uint64_t S_T(const S_state *s, int i) { return i < 0 ? NONE_T : i == s->n ? ROOT_T : (s->t[i] & 0xFFFFu); }
/* supertag + 1 of word i (0: none; SR_PFX_STAG) */
static inline uint64_t S_ST(const S_state *s, int i) { return i < 0 ? 0xFFFF : i == s->n ? 0xFFFE : (s->t[i] >> 16); }
static inline uint64_t S_L(const S_state *s, int i) { return i < 0 ? 99 : (uint64_t)s->lab[i]; }
/* fine / coarse cluster of word i (0xFFFF: no word there) */
static inline uint64_t S_CF(const S_state *s, int i) { return i < 0 ? 0xFFFF : (uint64_t)s->cf[i]; }
static inline uint64_t S_CC(const S_state *s, int i) { return i < 0 ? 0xFFFF : (uint64_t)s->cc[i]; }

/* Feature keys: the template id, then each atom folded in by one xor and
 * one multiply, then a 64-bit finalizer (murmur3's fmix64) so that the low
 * bits (the slot) and the whole key depend on every atom. The fold is a
 * bijection in the running hash for a fixed atom and the finalizer is a
 * bijection, so distinct features collide only by chance (training keys
 * are whole 64-bit keys). It costs 2 instructions per atom where the
 * splitmix-style sr_hash_mix of models before round 5 (docs/parser.md)
 * cost about 9, on
 * about 150 atoms per transition; those models have no SR_PFX_KEYS2 and
 * are refused (their weights sit under the other keys). */
static inline uint64_t S_mix(uint64_t h, uint64_t a) { return (h ^ a) * UINT64_C(0x9E3779B97F4A7C15); }
static inline uint64_t S_key(uint64_t h) {
    h ^= h >> 33;
    h *= UINT64_C(0xFF51AFD7ED558CCD);
    h ^= h >> 33;
    h *= UINT64_C(0xC4CEB9FE1A85EC53);
    h ^= h >> 33;
    return sr_fkey(h);
}
static inline uint64_t S_T0(uint64_t t) { return t * UINT64_C(0xD6E8FEB86659FD93); }
static inline uint64_t K1(uint64_t t, uint64_t a) { return S_key(S_mix(S_T0(t), a)); }
static inline uint64_t K2(uint64_t t, uint64_t a, uint64_t b) { return S_key(S_mix(S_mix(S_T0(t), a), b)); }
static inline uint64_t K3(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
    return S_key(S_mix(S_mix(S_mix(S_T0(t), a), b), c));
}
static inline uint64_t K4(uint64_t t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    return S_key(S_mix(S_mix(S_mix(S_mix(S_T0(t), a), b), c), d));
}

/* Whether the model uses template id, given its mask off_ (SR_PFX_TMASK;
 * NULL: it uses them all). Every feature function asks before it makes a
 * key, so that training, the plain and fast paths and the beam leave out
 * the same templates. The per-transition ones (S_restfeats_fast, S_lfeats
 * and what they call) are compiled twice through always-inline bodies,
 * once with off_ a constant NULL: a model without a mask pays nothing. */
#define USE(id) (!off_ || !((off_[(id) >> 6] >> ((id)&63)) & 1u))
#define S_BODY static inline __attribute__((always_inline))

static inline uint64_t S_dist(int a, int b) {
    int d = b - a;
    if (d < 0) d = -d;
    return d >= 10 ? 7 : d >= 7 ? 6 : d >= 5 ? 5 : (uint64_t)d;
}
static inline uint64_t S_val(int v) { return v > 4 ? 4 : (uint64_t)v; }

/* Extension templates 64-72 (model feature set SR_PFX_*; a model trained
 * before them has fx = 0): the s1-b0 pair, the words of s0's rightmost
 * and b0's leftmost child, commas between s0 and b0, and word-tag-tag
 * triples. Scored at every transition on the fast path too. */
S_BODY size_t S_xfeats(const S_state *s, uint64_t *k, const uint64_t *off_) {
    int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    int s0l = s0 >= 0 ? s->lc1[s0] : -1, s0r = s0 >= 0 ? s->rc1[s0] : -1;
    int b0l = b0 >= 0 ? s->lc1[b0] : -1;
    uint64_t ws0 = S_W(s, s0), ts0 = S_T(s, s0), ws1 = S_W(s, s1), ts1 = S_T(s, s1);
    uint64_t wb0 = S_W(s, b0), tb0 = S_T(s, b0), tb1 = S_T(s, b1);
    size_t j = 0;
    unsigned fx = s->fx;
    if (fx & SR_PFX_S1B0) {
        if (USE(64)) k[j++] = K2(64, ws1, wb0);
        if (USE(65)) k[j++] = K3(65, ts1, tb0, (s1 >= 0 && b0 >= 0) ? S_dist(s1, b0) : 9);
    }
    if (fx & SR_PFX_CHILDW) {
        if (USE(66)) k[j++] = K2(66, S_W(s, s0r), ts0);
        if (USE(67)) k[j++] = K2(67, S_W(s, b0l), tb0);
    }
    if (fx & SR_PFX_COMMAS) {
        int nc = s0 >= 0 && b0 >= 0 ? s->pc[b0] - s->pc[s0 + 1] : 0;
        if (USE(68)) k[j++] = K3(68, ts0, tb0, nc > 3 ? 3 : (uint64_t)nc);
    }
    if (fx & SR_PFX_WTT) {
        if (USE(69)) k[j++] = K3(69, ws0, tb0, tb1);
        if (USE(70)) k[j++] = K3(70, ts0, wb0, tb1);
    }
    if (fx & SR_PFX_TTW) {
        if (USE(71)) k[j++] = K3(71, ts0, tb0, S_W(s, b0l));
        if (USE(72)) k[j++] = K3(72, ts1, ts0, S_W(s, s0l));
    }
    if (fx & SR_PFX_CLUSTERS) {
        /* word clusters where a word atom is too sparse; the buffer-only
         * ones are in S_clbfeats (EWT dev UAS of one run +0.45 with the
         * cluster tagger: docs/parser.md, Round 7) */
        uint64_t cs0 = S_CF(s, s0), cb0 = S_CF(s, b0), cs1 = S_CF(s, s1);
        uint64_t Cs0 = S_CC(s, s0), Cb0 = S_CC(s, b0), Cs1 = S_CC(s, s1);
        if (USE(130)) k[j++] = K1(130, cs0);
        if (USE(133)) k[j++] = K2(133, cs0, tb0);
        if (USE(134)) k[j++] = K2(134, ts0, cb0);
        if (USE(135)) k[j++] = K2(135, cs0, cb0);
        if (USE(136)) k[j++] = K3(136, Cs0, Cb0, tb1);
        if (USE(137)) k[j++] = K2(137, cs1, cs0);
        if (USE(138)) k[j++] = K3(138, Cs1, Cs0, Cb0);
        if (USE(140)) k[j++] = K2(140, S_CF(s, b0l), cb0);
    }
    return j;
}

/* Cluster templates of the buffer front only (scored once per buffer
 * position on the fast path, like S_bfeats). */
static size_t S_clbfeats(const S_state *s, uint64_t *k) {
    const uint64_t *off_ = s->off;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    uint64_t cb0 = S_CF(s, b0), cb1 = S_CF(s, b1);
    size_t j = 0;
    if (USE(131)) k[j++] = K1(131, cb0);
    if (USE(132)) k[j++] = K1(132, cb1);
    if (USE(139)) k[j++] = K2(139, cb0, cb1);
    return j;
}

/* Supertag templates 160-173 (SR_PFX_STAG), in three groups as the fast
 * path scores them: of the buffer front (S_stbfeats), of one stack word
 * in its role (S_strolefeats) and the rest (S_stfeats), at every
 * transition. One run on EWT dev: UAS 84.60 -> 85.39 (docs/parser.md,
 * Round 9). */
static size_t S_stbfeats(const S_state *s, uint64_t *k) {
    const uint64_t *off_ = s->off;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    int b2 = s->b + 2 <= s->n ? s->b + 2 : -1;
    uint64_t a = S_ST(s, b0), b = S_ST(s, b1), c = S_ST(s, b2);
    size_t j = 0;
    if (USE(160)) k[j++] = K1(160, a);
    if (USE(161)) k[j++] = K1(161, b);
    if (USE(162)) k[j++] = K1(162, c);
    if (USE(167)) k[j++] = K2(167, a, b);
    if (USE(169)) k[j++] = K2(169, S_W(s, b0), a);
    if (USE(171)) k[j++] = K3(171, a, b, c);
    return j;
}
static size_t S_strolefeats(const S_state *s, int role, int x, uint64_t *k) {
    const uint64_t *off_ = s->off;
    size_t j = 0;
    if (role == 0) {
        if (USE(163)) k[j++] = K1(163, S_ST(s, x));
        if (USE(170)) k[j++] = K2(170, S_W(s, x), S_ST(s, x));
    }
    if (role == 1) if (USE(164)) k[j++] = K1(164, S_ST(s, x));
    return j;
}
S_BODY size_t S_stfeats(const S_state *s, uint64_t *k, const uint64_t *off_) {
    int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int b0 = s->b <= s->n ? s->b : -1;
    uint64_t a0 = S_ST(s, s0), a1 = S_ST(s, s1), bb = S_ST(s, b0), ts0 = S_T(s, s0), tb0 = S_T(s, b0);
    uint64_t d = (s0 >= 0 && b0 >= 0) ? S_dist(s0, b0) : 9;
    size_t j = 0;
    if (USE(165)) k[j++] = K2(165, a0, bb);
    if (USE(166)) k[j++] = K3(166, a0, bb, d);
    if (USE(168)) k[j++] = K3(168, a1, a0, bb);
    if (USE(172)) k[j++] = K3(172, ts0, tb0, bb);
    if (USE(173)) k[j++] = K3(173, ts0, tb0, a0);
    return j;
}

static size_t S_tfeats(const S_state *s, uint64_t *k) {
    const uint64_t *off_ = s->off;
    int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int s2 = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    int b2 = s->b + 2 <= s->n ? s->b + 2 : -1;
    int s0l = s0 >= 0 ? s->lc1[s0] : -1, s0l2 = s0 >= 0 ? s->lc2[s0] : -1;
    int s0r = s0 >= 0 ? s->rc1[s0] : -1, s0r2 = s0 >= 0 ? s->rc2[s0] : -1;
    int s1r = s1 >= 0 ? s->rc1[s1] : -1, s1l = s1 >= 0 ? s->lc1[s1] : -1;
    int b0l = b0 >= 0 ? s->lc1[b0] : -1, b0l2 = b0 >= 0 ? s->lc2[b0] : -1;
    uint64_t ws0 = S_W(s, s0), ts0 = S_T(s, s0), ws1 = S_W(s, s1), ts1 = S_T(s, s1);
    uint64_t wb0 = S_W(s, b0), tb0 = S_T(s, b0), wb1 = S_W(s, b1), tb1 = S_T(s, b1);
    uint64_t wb2 = S_W(s, b2), tb2 = S_T(s, b2), ts2 = S_T(s, s2), ws2 = S_W(s, s2);
    uint64_t ts0l = S_T(s, s0l), ts0r = S_T(s, s0r), tb0l = S_T(s, b0l), ts1r = S_T(s, s1r);
    uint64_t d = (s0 >= 0 && b0 >= 0) ? S_dist(s0, b0) : 9;
    uint64_t d01 = (s0 >= 0 && s1 >= 0) ? S_dist(s1, s0) : 9;
    size_t j = 0;
    if (USE(1)) k[j++] = K1(1, ws0);
    if (USE(2)) k[j++] = K1(2, ts0);
    if (USE(3)) k[j++] = K2(3, ws0, ts0);
    if (USE(4)) k[j++] = K1(4, ws1);
    if (USE(5)) k[j++] = K1(5, ts1);
    if (USE(6)) k[j++] = K2(6, ws1, ts1);
    if (USE(7)) k[j++] = K1(7, wb0);
    if (USE(8)) k[j++] = K1(8, tb0);
    if (USE(9)) k[j++] = K2(9, wb0, tb0);
    if (USE(10)) k[j++] = K1(10, wb1);
    if (USE(11)) k[j++] = K1(11, tb1);
    if (USE(12)) k[j++] = K2(12, wb1, tb1);
    if (USE(13)) k[j++] = K1(13, wb2);
    if (USE(14)) k[j++] = K1(14, tb2);
    if (USE(15)) k[j++] = K1(15, ts2);
    if (USE(16)) k[j++] = K1(16, ws2);
    if (USE(17)) k[j++] = K4(17, ws0, ts0, wb0, tb0);
    if (USE(18)) k[j++] = K3(18, ws0, ts0, wb0);
    if (USE(19)) k[j++] = K3(19, ws0, wb0, tb0);
    if (USE(20)) k[j++] = K3(20, ws0, ts0, tb0);
    if (USE(21)) k[j++] = K3(21, ts0, wb0, tb0);
    if (USE(22)) k[j++] = K2(22, ws0, wb0);
    if (USE(23)) k[j++] = K2(23, ts0, tb0);
    if (USE(24)) k[j++] = K2(24, ws1, ws0);
    if (USE(25)) k[j++] = K2(25, ts1, ts0);
    if (USE(26)) k[j++] = K2(26, ts1, ws0);
    if (USE(27)) k[j++] = K2(27, ws1, ts0);
    if (USE(28)) k[j++] = K3(28, ws1, ts1, ts0);
    if (USE(29)) k[j++] = K3(29, ts1, ws0, ts0);
    if (USE(30)) k[j++] = K2(30, tb0, tb1);
    if (USE(31)) k[j++] = K3(31, tb0, tb1, tb2);
    if (USE(32)) k[j++] = K3(32, ts0, tb0, tb1);
    if (USE(33)) k[j++] = K3(33, ts1, ts0, tb0);
    if (USE(34)) k[j++] = K3(34, ts2, ts1, ts0);
    if (USE(35)) k[j++] = K3(35, ts0, ts0l, tb0);
    if (USE(36)) k[j++] = K3(36, ts0, ts0r, tb0);
    if (USE(37)) k[j++] = K3(37, ts0, tb0, tb0l);
    if (USE(38)) k[j++] = K3(38, ts1, ts0, ts0l);
    if (USE(39)) k[j++] = K3(39, ts1, ts1r, ts0);
    if (USE(40)) k[j++] = K3(40, ts0, ts0l, S_T(s, s0l2));
    if (USE(41)) k[j++] = K3(41, ts0, ts0r, S_T(s, s0r2));
    if (USE(42)) k[j++] = K3(42, tb0, tb0l, S_T(s, b0l2));
    if (USE(43)) k[j++] = K3(43, ts1, ts0, ts0r);
    if (USE(44)) k[j++] = K2(44, ws0, d);
    if (USE(45)) k[j++] = K2(45, ts0, d);
    if (USE(46)) k[j++] = K2(46, wb0, d);
    if (USE(47)) k[j++] = K2(47, tb0, d);
    if (USE(48)) k[j++] = K3(48, ts0, tb0, d);
    if (USE(49)) k[j++] = K3(49, ts1, ts0, d01);
    if (USE(50)) k[j++] = K2(50, ws1, d01);
    if (s0 >= 0) {
        if (USE(51)) k[j++] = K3(51, ws0, S_val(s->nr[s0]), S_val(s->nl[s0]));
        if (USE(52)) k[j++] = K3(52, ts0, S_val(s->nr[s0]), S_val(s->nl[s0]));
        if (USE(53)) k[j++] = K2(53, ts0, S_L(s, s0l));
        if (USE(54)) k[j++] = K2(54, ts0, S_L(s, s0r));
        if (USE(55)) k[j++] = K2(55, ts0, s->lset[s0]);
        if (USE(56)) k[j++] = K2(56, ts0, s->rset[s0]);
        if (USE(57)) k[j++] = K2(57, ws0, S_L(s, s0r));
    }
    if (b0 >= 0) {
        if (USE(58)) k[j++] = K2(58, wb0, S_val(s->nl[b0]));
        if (USE(59)) k[j++] = K2(59, tb0, S_val(s->nl[b0]));
        if (USE(60)) k[j++] = K2(60, tb0, S_L(s, b0l));
        if (USE(61)) k[j++] = K2(61, tb0, s->lset[b0]);
    }
    if (s1 >= 0) {
        if (USE(62)) k[j++] = K3(62, ts1, S_L(s, s1l), S_L(s, s1r));
    }
    if (USE(63)) k[j++] = K1(63, S_W(s, s0l));
    if (s->fx & (SR_PFX_TEMPLATES | SR_PFX_CLUSTERS)) j += S_xfeats(s, k + j, off_);
    if (s->fx & SR_PFX_CLUSTERS) j += S_clbfeats(s, k + j);
    if (s->fx & SR_PFX_STAG) {
        j += S_stbfeats(s, k + j);
        j += S_strolefeats(s, 0, s0, k + j);
        j += S_strolefeats(s, 1, s1, k + j);
        j += S_stfeats(s, k + j, off_);
    }
    return j;
}

/* The fast path of sr_parser_parse scores the same 63 features as
 * S_tfeats, split into groups so that sums can be reused (integer sums,
 * so the order of the terms does not matter and the scores are exactly
 * those of S_tfeats):
 *  - S_partfeats: features of one word in one place (b0: 7-9, b1: 10-12,
 *    b2: 13-14, s0: 1-3, s1: 4-6, s2: 15-16, and their cluster and
 *    supertag templates), summed once per word at the start of the
 *    sentence (or read from the memo: S_fast_parts);
 *  - S_bmultifeats: features of several words of the buffer front (30,
 *    31, ...), scored once per buffer position instead of once per
 *    transition;
 *  - S_restfeats_fast: everything else (17-29, 32-63), scored at every
 *    transition, the keys built from hash prefixes cached per token.
 * Transitions that are the only legal move are not scored at all.
 * S_tfeats itself stays as it is for training (its float sums depend on
 * the order). tests/unit/test_parse.c checks the fast path against
 * sr_parser_parse_reference. */
/* The fast path's single-word parts: the templates that read one word
 * alone in one place of the state (the buffer's first three words, the
 * stack's top three), by place (S_PART_*). For a word of the sentence
 * their keys are a function of its word atom and its tag atom (clusters
 * come from the word, or the tag for an unknown word), so their sums are
 * kept per word type (the parser's memo); ROOT (x = n) and no word (x <
 * 0) have their own. */
enum { S_PART_B0, S_PART_B1, S_PART_B2, S_PART_S0, S_PART_S1, S_PART_S2, S_NPARTS };
static size_t S_partfeats(const S_state *s, int x, int part, uint64_t *k) {
    const uint64_t *off_ = s->off;
    uint64_t w = S_W(s, x), t = S_T(s, x);
    int cl = (s->fx & SR_PFX_CLUSTERS) != 0, st = (s->fx & SR_PFX_STAG) != 0;
    size_t j = 0;
    switch (part) {
    case S_PART_B0:
        if (USE(7)) k[j++] = K1(7, w);
        if (USE(8)) k[j++] = K1(8, t);
        if (USE(9)) k[j++] = K2(9, w, t);
        if (cl && USE(131)) k[j++] = K1(131, S_CF(s, x));
        if (st && USE(160)) k[j++] = K1(160, S_ST(s, x));
        if (st && USE(169)) k[j++] = K2(169, w, S_ST(s, x));
        break;
    case S_PART_B1:
        if (USE(10)) k[j++] = K1(10, w);
        if (USE(11)) k[j++] = K1(11, t);
        if (USE(12)) k[j++] = K2(12, w, t);
        if (cl && USE(132)) k[j++] = K1(132, S_CF(s, x));
        if (st && USE(161)) k[j++] = K1(161, S_ST(s, x));
        break;
    case S_PART_B2:
        if (USE(13)) k[j++] = K1(13, w);
        if (USE(14)) k[j++] = K1(14, t);
        if (st && USE(162)) k[j++] = K1(162, S_ST(s, x));
        break;
    case S_PART_S0:
        if (USE(1)) k[j++] = K1(1, w);
        if (USE(2)) k[j++] = K1(2, t);
        if (USE(3)) k[j++] = K2(3, w, t);
        if (st && USE(163)) k[j++] = K1(163, S_ST(s, x));
        if (st && USE(170)) k[j++] = K2(170, w, S_ST(s, x));
        break;
    case S_PART_S1:
        if (USE(4)) k[j++] = K1(4, w);
        if (USE(5)) k[j++] = K1(5, t);
        if (USE(6)) k[j++] = K2(6, w, t);
        if (st && USE(164)) k[j++] = K1(164, S_ST(s, x));
        break;
    default:
        if (USE(15)) k[j++] = K1(15, t);
        if (USE(16)) k[j++] = K1(16, w);
        break;
    }
    return j;
}

/* The buffer front's templates that read more than one word (30, 31,
 * 139, 167, 171). */
static size_t S_bmultifeats(const S_state *s, uint64_t *k) {
    const uint64_t *off_ = s->off;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    int b2 = s->b + 2 <= s->n ? s->b + 2 : -1;
    uint64_t tb0 = S_T(s, b0), tb1 = S_T(s, b1), tb2 = S_T(s, b2);
    size_t j = 0;
    if (USE(30)) k[j++] = K2(30, tb0, tb1);
    if (USE(31)) k[j++] = K3(31, tb0, tb1, tb2);
    if ((s->fx & SR_PFX_CLUSTERS) && USE(139)) k[j++] = K2(139, S_CF(s, b0), S_CF(s, b1));
    if (s->fx & SR_PFX_STAG) {
        uint64_t a = S_ST(s, b0), b = S_ST(s, b1), c = S_ST(s, b2);
        if (USE(167)) k[j++] = K2(167, a, b);
        if (USE(171)) k[j++] = K3(171, a, b, c);
    }
    return j;
}

/* All features of the buffer front (the beam's view scores them at once). */
static size_t S_bfeats(const S_state *s, uint64_t *k) {
    int b = s->b;
    size_t j = 0;
    for (int q = 0; q < 3; q++) j += S_partfeats(s, b + q <= s->n ? b + q : -1, S_PART_B0 + q, k + j);
    return j + S_bmultifeats(s, k + j);
}

S_BODY size_t S_lfeats_body(const S_state *s, int h, int d, uint64_t *k, const uint64_t *off_) {
    uint64_t td = S_T(s, d), wd = S_W(s, d), th = S_T(s, h), wh = S_W(s, h);
    uint64_t dir = d < h, dist = S_dist(h, d);
    size_t j = 0;
    if (USE(101)) k[j++] = K1(101, td);
    if (USE(102)) k[j++] = K1(102, wd);
    if (USE(103)) k[j++] = K1(103, th);
    if (USE(104)) k[j++] = K1(104, wh);
    if (USE(105)) k[j++] = K3(105, th, td, dir);
    if (USE(106)) k[j++] = K3(106, wh, td, dir);
    if (USE(107)) k[j++] = K3(107, th, wd, dir);
    if (USE(108)) k[j++] = K2(108, wh, wd);
    if (USE(109)) k[j++] = K3(109, dist, dir, td);
    if (USE(110)) k[j++] = K2(110, td, S_L(s, s->lc1[d]));
    if (USE(111)) k[j++] = K2(111, td, S_L(s, s->rc1[d]));
    if (USE(112)) k[j++] = K3(112, td, S_val(s->nl[d]), S_val(s->nr[d]));
    if (USE(113)) k[j++] = K2(113, td, S_T(s, d - 1));
    if (USE(114)) k[j++] = K2(114, td, d + 1 < s->n ? S_T(s, d + 1) : ROOT_T);
    if (USE(115)) k[j++] = K3(115, th, s->lset[h], dir);
    if (USE(116)) k[j++] = K2(116, td, s->lset[d]);
    if (USE(117)) k[j++] = K2(117, td, s->rset[d]);
    if (USE(118)) k[j++] = K2(118, wd, dir);
    if (USE(119)) k[j++] = K3(119, th, td, S_T(s, s->lc1[d]));
    if (USE(120)) k[j++] = K3(120, th, td, s->rset[h]);
    if (USE(121)) k[j++] = K3(121, wh, wd, dir);
    if (USE(122)) k[j++] = K3(122, td, S_W(s, s->lc1[d]), dir);
    if (s->fx & SR_PFX_CLUSTERS) {
        uint64_t cd = S_CF(s, d), ch = S_CF(s, h);
        if (USE(150)) k[j++] = K3(150, ch, td, dir);
        if (USE(151)) k[j++] = K3(151, th, cd, dir);
        if (USE(152)) k[j++] = K3(152, ch, cd, dir);
    }
    if (s->fx & SR_PFX_STAG) {
        uint64_t sd = S_ST(s, d);
        if (USE(180)) k[j++] = K2(180, sd, dir);
        if (USE(181)) k[j++] = K3(181, sd, th, dir);
        if (USE(182)) k[j++] = K2(182, sd, td);
    }
    return j;
}
static size_t S_lfeats(const S_state *s, int h, int d, uint64_t *k) {
    return s->off ? S_lfeats_body(s, h, d, k, s->off) : S_lfeats_body(s, h, d, k, NULL);
}

static void S_apply(S_state *s, int tr, int label) {
    if (tr == SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    int d = s->stack[--s->sp];
    int h = tr == LEFT ? s->b : s->stack[s->sp - 1];
    s->head[d] = h;
    s->lab[d] = label;
    if (d < h) {
        s->lc2[h] = s->lc1[h]; s->lc1[h] = d; s->nl[h]++;
        s->lset[h] |= UINT64_C(1) << (label & 63);
    } else {
        s->rc2[h] = s->rc1[h]; s->rc1[h] = d; s->nr[h]++;
        s->rset[h] |= UINT64_C(1) << (label & 63);
    }
}

static inline int S_legal(const S_state *s, int tr) {
    switch (tr) {
    case SHIFT: return s->b < s->n;
    case LEFT: return s->sp >= 1 && (s->b < s->n || s->sp == 1);
    default: return s->sp >= 2;
    }
}

int sr_parser_from(sr_parser *p, const sr_mfile *f) {
    size_t n;
    p->uid = 0;
    const float *meta = sr_mfile_section(f, P_META, &n);
    if (!meta || n < 2 * sizeof(float)) return -1;
    p->fx = 0;
    if (n >= 3 * sizeof(float)) {
        float fx = meta[2];
        /* an integer naming known templates only (else: a newer sitrep's model) */
        if (!(fx >= 0 && fx < 65536.0f) || (float)(unsigned)fx != fx) return -1;
        if ((unsigned)fx & ~(unsigned)SR_PFX_ALL) return -2;
        p->fx = (unsigned)fx;
    }
    if (!(p->fx & SR_PFX_KEYS2)) return -3; /* the old key scheme */
    p->beam = 1;
    if (p->fx & SR_PFX_BEAM) {
        if (n < 4 * sizeof(float) || !(meta[3] >= 2 && meta[3] <= SR_PARSER_MAX_BEAM) || (float)(int)meta[3] != meta[3])
            return -1;
        p->beam = (int)meta[3];
    }
    p->cl = NULL;
    p->cl_crc = 0;
    if ((p->fx & SR_PFX_CLUSTERS) && sr_mfile_u32(f, P_CLCRC, &p->cl_crc)) return -1;
    p->st_crc = 0;
    if ((p->fx & SR_PFX_STAG) && sr_mfile_u32(f, P_STCRC, &p->st_crc)) return -1;
    memset(p->off, 0, sizeof p->off);
    if (p->fx & SR_PFX_TMASK) {
        size_t on;
        const void *off = sr_mfile_section(f, P_TOFF, &on);
        if (!off || on != sizeof p->off) return -1;
        memcpy(p->off, off, sizeof p->off);
    }
    if (sr_dtab_from(&p->trans, f, P_TS, meta[0]) || sr_stab_from(&p->lab, f, P_LS, P_LC, meta[1])) return -1;
    for (size_t i = 0; i < p->lab.ncells; i++)
        if (p->lab.cells[i].cls >= SR_DEP_COUNT) return -1;
    p->uid = sr_memo_new_owner();
    return 0;
}

/* The best label of scores ls over SR_DEP_COUNT relations: the first
 * best of 1..COUNT-1 except ROOT (ROOT comes from the arc, 0 is no label);
 * for the model's int32 sums and for training's floats. */
static int S_label_i(const int32_t *ls) {
    int label = 1;
    for (int l = 2; l < SR_DEP_COUNT; l++)
        if (l != SR_DEP_ROOT && ls[l] > ls[label]) label = l;
    return label;
}

static int S_label_f(const float *ls) {
    int label = 1;
    for (int l = 2; l < SR_DEP_COUNT; l++)
        if (l != SR_DEP_ROOT && ls[l] > ls[label]) label = l;
    return label;
}

/* Picks the best legal transition from sc[] and, for an arc, its label
 * (scored from the sparse label table); applies it. */
static void S_decide_apply(const sr_parser *p, S_state *s, const int32_t *sc, uint64_t *keys) {
    int best = -1;
    for (int tr = 0; tr < NTRANS; tr++)
        if (S_legal(s, tr) && (best < 0 || sc[tr] > sc[best])) best = tr;
    int label = 0;
    if (best != SHIFT) {
        int d = s->stack[s->sp - 1], h = best == LEFT ? s->b : s->stack[s->sp - 2];
        if (h == s->n) label = SR_DEP_ROOT;
        else {
            /* room for a densified label table (dstride <= 256) */
            int32_t ls[256];
            memset(ls, 0, sr_stab_score_len(&p->lab, SR_DEP_COUNT) * sizeof(int32_t));
            size_t lk = S_lfeats(s, h, d, keys);
            for (size_t k = 0; k < lk; k++) __builtin_prefetch(&p->lab.slots[keys[k] & p->lab.mask]);
            sr_stab_score_many(&p->lab, keys, lk, ls);
            label = S_label_i(ls);
        }
    }
    S_apply(s, best, label);
}

static void S_finish(const S_state *s, size_t n, int16_t *head, uint8_t *lab) {
    for (size_t i = 0; i < n; i++) {
        head[i] = (int16_t)(s->head[i] == (int)n ? 0 : s->head[i] + 1);
        lab[i] = (uint8_t)s->lab[i];
    }
}

static inline void S_dsum(const sr_dtab *t, const uint64_t *keys, size_t nk, int32_t *sc) {
    for (size_t k = 0; k < nk; k++) sr_dtab_score(t, keys[k], sc);
}

int sr_parser_parse_reference(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int16_t *head,
                              uint8_t *lab, sr_scratch *scratch, size_t *ntrans) {
    void *mem = sr_scratch_get(scratch, S_state_bytes(n));
    if (!mem) return -1;
    S_state s;
    S_state_init(&s, mem, (int)n, w, t, p->fx, p->cl, p->off);
    uint64_t keys[MAXF];
    size_t steps = 0;
    while (!(s.b == s.n && s.sp == 0)) {
        size_t nk = S_tfeats(&s, keys);
        int32_t sc[3] = {0, 0, 0};
        S_dsum(&p->trans, keys, nk, sc);
        S_decide_apply(p, &s, sc, keys);
        steps++;
    }
    S_finish(&s, n, head, lab);
    if (ntrans) *ntrans = steps;
    return 0;
}

/* One sentence on the fast path, split into two phases so several
 * sentences can run in lockstep: S_fast_gather computes the keys of the
 * next transition and prefetches their slots, S_fast_step adds them up
 * and applies the best transition. Interleaving the sentences overlaps
 * their cache misses (the weight tables are far larger than L2). */
typedef struct {
    S_state s;
    /* the sums of the single-word parts (S_partfeats) of every word, ROOT
     * and no word: tv + S_TV(x) for x in -1..n, S_NPARTS x 3 */
    int32_t *tv;
    size_t m;     /* n + 2 */
    int32_t bsum[3];
    int bcur;
    int forced;
    int best, lh, ld; /* pending transition; label head/dependent (lh < 0: no label to score) */
    size_t nl;        /* label rows found */
    size_t steps, nk, nb;
    int bnew; /* the buffer front moved: bsum is made anew from bkeys and the parts */
    const sr_sslot *lrows[MAXF];
    uint64_t keys[MAXF], bkeys[MAXBF];
    /* hash prefixes of the rest features (S_restfeats_fast): per token,
     * NPRE0 as s0 then NPRE1 as s1 (pv: valid bits 1 = s0, 2 = s1), and
     * NPREB for the buffer front at bpre_at */
    uint64_t *pre;
    unsigned char *pv;
    uint64_t bpre[8];
    int bpre_at;
} S_fast;

#define NPRE0 23
#define NPRE1 13
#define NPREB 7

#define S_TV(x) ((size_t)((x) + 1) * S_NPARTS * 3)

static size_t S_fast_bytes(size_t n) {
    return (S_state_bytes(n) + 15) / 16 * 16 + (n + 2) * S_NPARTS * 3 * sizeof(int32_t) +
           (n + 2) * (NPRE0 + NPRE1) * sizeof(uint64_t) + (n + 2 + 15) / 16 * 16;
}

static void S_fast_init(S_fast *f, void *mem, size_t n, const uint64_t *w, const uint32_t *t, unsigned fx,
                        const sr_clusters *cl, const uint64_t *off) {
    size_t sb = (S_state_bytes(n) + 15) / 16 * 16;
    S_state_init(&f->s, mem, (int)n, w, t, fx, cl, off);
    f->m = n + 2;
    f->tv = (int32_t *)(void *)((unsigned char *)mem + sb);
    f->pre = (uint64_t *)(void *)(f->tv + f->m * S_NPARTS * 3);
    f->pv = (unsigned char *)(f->pre + f->m * (NPRE0 + NPRE1));
    memset(f->pv, 0, f->m);
    f->bpre_at = -2;
    f->bsum[0] = f->bsum[1] = f->bsum[2] = 0;
    f->bcur = -1;
    f->steps = 0;
}

static inline int S_fast_done(const S_fast *f) { return f->s.b == f->s.n && f->s.sp == 0; }

/* ---------------------------------------------- single-word parts memo
 *
 * Every word of a sentence is the buffer's first, second and third word
 * once, and most are s0, s1 and s2 once; the templates that read it alone
 * there (S_partfeats: 25 of the supertag parser's 76 transition keys per
 * word) are summed once per word at the start of the sentence, into
 * f->tv. A thread keeps those sums per word type for its parser (memo.h),
 * keyed by the word and tag atoms (every atom S_partfeats reads is a
 * function of the two), so a word met before costs one read of 72 bytes
 * instead of 25 probes. ROOT and "no word" have entries of their own.
 * The scores are the same integer sums as probing (tests/unit/test_parse.c
 * checks the fast path against sr_parser_parse_reference, and the memo
 * off, on and with few entries). Memory: 4096 entries of 128 bytes per
 * model and thread. */
typedef struct {
    uint64_t w;
    uint32_t t, kind; /* kind: 0 empty, 1 a word, 2 no word, 3 ROOT */
    int32_t v[S_NPARTS][3];
} S_pent;

/* Sums the parts of the n words xs[] (at most 8; -1..n) into tv +
 * S_TV(x) (S_NPARTS x 3 each), their keys made and prefetched first so
 * that the probes of the words overlap. */
static void S_parts_many(const S_state *s, const sr_dtab *tt, const int *xs, size_t n, int32_t *tv) {
    uint64_t k[8][S_NPARTS * 8];
    size_t nk[8][S_NPARTS];
    for (size_t i = 0; i < n; i++) {
        size_t tot = 0;
        for (int q = 0; q < S_NPARTS; q++) {
            nk[i][q] = S_partfeats(s, xs[i], q, k[i] + tot);
            tot += nk[i][q];
        }
        for (size_t x = 0; x < tot; x++) __builtin_prefetch(&tt->slots[k[i][x] & tt->mask]);
    }
    for (size_t i = 0; i < n; i++) {
        int32_t *v = tv + S_TV(xs[i]);
        size_t tot = 0;
        for (int q = 0; q < S_NPARTS; q++) {
            int32_t *c = v + (size_t)3 * (size_t)q;
            c[0] = c[1] = c[2] = 0;
            S_dsum(tt, k[i] + tot, nk[i][q], c);
            tot += nk[i][q];
        }
    }
}

/* The memo key of word x (-1..n): its word and tag atoms, and its kind. */
static inline void S_part_key(const S_state *s, int x, uint64_t *w, uint32_t *t, uint32_t *kind) {
    int word = x >= 0 && x < s->n;
    *kind = word ? 1 : x < 0 ? 2 : 3;
    *w = word ? s->w[x] : 0;
    *t = word ? s->t[x] : 0;
}

/* Fills f->tv (S_TV) from the memo, or by probing. */
static void S_fast_parts(S_fast *f, const sr_parser *p) {
    const S_state *s = &f->s;
    /* everything the sums depend on besides the owner: a copy of a
     * parser with other clusters or tables (tests do that) is another memo */
    uint64_t ident = S_mix(S_mix(S_mix(S_mix(S_mix(p->fx, p->off[0]), p->off[1]), p->off[2]), p->off[3]),
                           (uint64_t)(uintptr_t)p->cl);
    ident = S_key(S_mix(ident, (uint64_t)(uintptr_t)p->trans.slots));
    sr_memo *mo = sr_memo_for(p->uid, ident, 128);
    if (!mo) {
        int xs[8];
        for (int x0 = -1; x0 <= s->n; x0 += 8) {
            size_t m = 0;
            for (int x = x0; x <= s->n && m < 8; x++) xs[m++] = x;
            S_parts_many(s, &p->trans, xs, m, f->tv);
        }
        return;
    }
    uint64_t w;
    uint32_t t, kind;
    for (int x = -1; x <= s->n; x++) {
        S_part_key(s, x, &w, &t, &kind);
        __builtin_prefetch(sr_memo_entry(mo, S_key(S_mix(S_mix(w, t), kind))));
    }
    /* words found are copied at once; new ones are summed S_FILL at a
     * time (their probes overlap), then copied. A word met twice in the
     * sentence is summed twice (its entry is only written at the end). */
    enum { S_FILL = 8 };
    int miss[S_FILL];
    size_t nmiss = 0;
    for (int x = -1; x <= s->n + 1; x++) {
        if (x <= s->n) {
            S_part_key(s, x, &w, &t, &kind);
            const S_pent *e = (const S_pent *)(const void *)sr_memo_entry(mo, S_key(S_mix(S_mix(w, t), kind)));
            if (e->kind == kind && e->w == w && e->t == t) {
                (*mo->hits)++;
                memcpy(f->tv + S_TV(x), e->v, sizeof e->v);
            } else {
                (*mo->misses)++;
                miss[nmiss++] = x;
            }
        }
        if (nmiss == S_FILL || (x == s->n + 1 && nmiss)) {
            S_parts_many(s, &p->trans, miss, nmiss, f->tv);
            for (size_t i = 0; i < nmiss; i++) {
                S_part_key(s, miss[i], &w, &t, &kind);
                S_pent *e = (S_pent *)(void *)sr_memo_entry(mo, S_key(S_mix(S_mix(w, t), kind)));
                memcpy(e->v, f->tv + S_TV(miss[i]), sizeof e->v);
                e->w = w;
                e->t = t;
                e->kind = kind;
            }
            nmiss = 0;
        }
    }
}

/* Hash prefixes: K2(t, a, b) = S_key(S_mix(S_P1(t, a), b)) and so on, so
 * the part of a key that depends on one token only is computed once per
 * token (and role) instead of at every transition. */
static inline uint64_t S_P1(uint64_t t, uint64_t a) { return S_mix(S_T0(t), a); }
static inline uint64_t S_P2(uint64_t t, uint64_t a, uint64_t b) { return S_mix(S_P1(t, a), b); }

/* Prefixes of token x as s0 (w, t its word and tag). */
static void S_pre0(uint64_t w, uint64_t t, uint64_t *p) {
    p[0] = S_P2(17, w, t); p[1] = S_P2(18, w, t); p[2] = S_P1(19, w); p[3] = S_P2(20, w, t);
    p[4] = S_P1(21, t); p[5] = S_P1(22, w); p[6] = S_P1(23, t); p[7] = S_P1(32, t);
    p[8] = S_P1(35, t); p[9] = S_P1(36, t); p[10] = S_P1(37, t); p[11] = S_P1(40, t);
    p[12] = S_P1(41, t); p[13] = S_P1(44, w); p[14] = S_P1(45, t); p[15] = S_P1(48, t);
    p[16] = S_P1(51, w); p[17] = S_P1(52, t); p[18] = S_P1(53, t); p[19] = S_P1(54, t);
    p[20] = S_P1(55, t); p[21] = S_P1(56, t); p[22] = S_P1(57, w);
}
/* ... as s1. */
static void S_pre1(uint64_t w, uint64_t t, uint64_t *p) {
    p[0] = S_P1(24, w); p[1] = S_P1(25, t); p[2] = S_P1(26, t); p[3] = S_P1(27, w);
    p[4] = S_P2(28, w, t); p[5] = S_P1(29, t); p[6] = S_P1(33, t); p[7] = S_P1(38, t);
    p[8] = S_P1(39, t); p[9] = S_P1(43, t); p[10] = S_P1(49, t); p[11] = S_P1(50, w);
    p[12] = S_P1(62, t);
}

/* The keys of the features of S_tfeats not in S_bfeats/S_rolefeats (the
 * same keys; their order does not matter to integer sums), from the
 * cached prefixes; the slot of each key in tt is prefetched as soon as
 * the key is made (no second pass over the keys). */
S_BODY size_t S_restfeats_body(S_fast *f, uint64_t *k, const sr_dtab *tt, const uint64_t *off_) {
    const S_state *s = &f->s;
    int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int s2 = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int b0 = s->b <= s->n ? s->b : -1;
    int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
    int s0l = s0 >= 0 ? s->lc1[s0] : -1, s0l2 = s0 >= 0 ? s->lc2[s0] : -1;
    int s0r = s0 >= 0 ? s->rc1[s0] : -1, s0r2 = s0 >= 0 ? s->rc2[s0] : -1;
    int s1r = s1 >= 0 ? s->rc1[s1] : -1, s1l = s1 >= 0 ? s->lc1[s1] : -1;
    int b0l = b0 >= 0 ? s->lc1[b0] : -1, b0l2 = b0 >= 0 ? s->lc2[b0] : -1;
    uint64_t ws0 = S_W(s, s0), ts0 = S_T(s, s0), ws1 = S_W(s, s1), ts1 = S_T(s, s1);
    uint64_t wb0 = S_W(s, b0), tb0 = S_T(s, b0), tb1 = S_T(s, b1);
    uint64_t ts2 = S_T(s, s2);
    uint64_t ts0l = S_T(s, s0l), ts0r = S_T(s, s0r), tb0l = S_T(s, b0l), ts1r = S_T(s, s1r);
    uint64_t d = (s0 >= 0 && b0 >= 0) ? S_dist(s0, b0) : 9;
    uint64_t d01 = (s0 >= 0 && s1 >= 0) ? S_dist(s1, s0) : 9;
    size_t i0 = (size_t)(s0 < 0 ? s->n + 1 : s0), i1 = (size_t)(s1 < 0 ? s->n + 1 : s1);
    uint64_t *P0 = f->pre + i0 * (NPRE0 + NPRE1), *P1 = f->pre + i1 * (NPRE0 + NPRE1) + NPRE0, *B = f->bpre;
    if (!(f->pv[i0] & 1)) { S_pre0(ws0, ts0, P0); f->pv[i0] |= 1; }
    if (!(f->pv[i1] & 2)) { S_pre1(ws1, ts1, P1); f->pv[i1] |= 2; }
    if (f->bpre_at != s->b) {
        B[0] = S_P1(42, tb0); B[1] = S_P1(46, wb0); B[2] = S_P1(47, tb0); B[3] = S_P1(58, wb0);
        B[4] = S_P1(59, tb0); B[5] = S_P1(60, tb0); B[6] = S_P1(61, tb0);
        f->bpre_at = s->b;
    }
#define M_(h, a) S_mix(h, a)
    /* each key's slot is prefetched as soon as the key is known */
#define S_PUT(x)                                                 \
    do {                                                         \
        uint64_t k_ = (x);                                       \
        k[j++] = k_;                                             \
        __builtin_prefetch(&tt->slots[k_ & tt->mask]);           \
    } while (0)
    size_t j = 0;
    if (USE(17)) S_PUT(S_key(M_(M_(P0[0], wb0), tb0)));
    if (USE(18)) S_PUT(S_key(M_(P0[1], wb0)));
    if (USE(19)) S_PUT(S_key(M_(M_(P0[2], wb0), tb0)));
    if (USE(20)) S_PUT(S_key(M_(P0[3], tb0)));
    if (USE(21)) S_PUT(S_key(M_(M_(P0[4], wb0), tb0)));
    if (USE(22)) S_PUT(S_key(M_(P0[5], wb0)));
    if (USE(23)) S_PUT(S_key(M_(P0[6], tb0)));
    if (USE(24)) S_PUT(S_key(M_(P1[0], ws0)));
    if (USE(25)) S_PUT(S_key(M_(P1[1], ts0)));
    if (USE(26)) S_PUT(S_key(M_(P1[2], ws0)));
    if (USE(27)) S_PUT(S_key(M_(P1[3], ts0)));
    if (USE(28)) S_PUT(S_key(M_(P1[4], ts0)));
    if (USE(29)) S_PUT(S_key(M_(M_(P1[5], ws0), ts0)));
    if (USE(32)) S_PUT(S_key(M_(M_(P0[7], tb0), tb1)));
    if (USE(33)) S_PUT(S_key(M_(M_(P1[6], ts0), tb0)));
    if (USE(34)) S_PUT(K3(34, ts2, ts1, ts0));
    if (USE(35)) S_PUT(S_key(M_(M_(P0[8], ts0l), tb0)));
    if (USE(36)) S_PUT(S_key(M_(M_(P0[9], ts0r), tb0)));
    if (USE(37)) S_PUT(S_key(M_(M_(P0[10], tb0), tb0l)));
    if (USE(38)) S_PUT(S_key(M_(M_(P1[7], ts0), ts0l)));
    if (USE(39)) S_PUT(S_key(M_(M_(P1[8], ts1r), ts0)));
    if (USE(40)) S_PUT(S_key(M_(M_(P0[11], ts0l), S_T(s, s0l2))));
    if (USE(41)) S_PUT(S_key(M_(M_(P0[12], ts0r), S_T(s, s0r2))));
    if (USE(42)) S_PUT(S_key(M_(M_(B[0], tb0l), S_T(s, b0l2))));
    if (USE(43)) S_PUT(S_key(M_(M_(P1[9], ts0), ts0r)));
    if (USE(44)) S_PUT(S_key(M_(P0[13], d)));
    if (USE(45)) S_PUT(S_key(M_(P0[14], d)));
    if (USE(46)) S_PUT(S_key(M_(B[1], d)));
    if (USE(47)) S_PUT(S_key(M_(B[2], d)));
    if (USE(48)) S_PUT(S_key(M_(M_(P0[15], tb0), d)));
    if (USE(49)) S_PUT(S_key(M_(M_(P1[10], ts0), d01)));
    if (USE(50)) S_PUT(S_key(M_(P1[11], d01)));
    if (s0 >= 0) {
        if (USE(51)) S_PUT(S_key(M_(M_(P0[16], S_val(s->nr[s0])), S_val(s->nl[s0]))));
        if (USE(52)) S_PUT(S_key(M_(M_(P0[17], S_val(s->nr[s0])), S_val(s->nl[s0]))));
        if (USE(53)) S_PUT(S_key(M_(P0[18], S_L(s, s0l))));
        if (USE(54)) S_PUT(S_key(M_(P0[19], S_L(s, s0r))));
        if (USE(55)) S_PUT(S_key(M_(P0[20], s->lset[s0])));
        if (USE(56)) S_PUT(S_key(M_(P0[21], s->rset[s0])));
        if (USE(57)) S_PUT(S_key(M_(P0[22], S_L(s, s0r))));
    }
    if (b0 >= 0) {
        if (USE(58)) S_PUT(S_key(M_(B[3], S_val(s->nl[b0]))));
        if (USE(59)) S_PUT(S_key(M_(B[4], S_val(s->nl[b0]))));
        if (USE(60)) S_PUT(S_key(M_(B[5], S_L(s, b0l))));
        if (USE(61)) S_PUT(S_key(M_(B[6], s->lset[b0])));
    }
    if (s1 >= 0 && USE(62)) S_PUT(S_key(M_(M_(P1[12], S_L(s, s1l)), S_L(s, s1r))));
    if (USE(63)) S_PUT(K1(63, S_W(s, s0l)));
    if (s->fx & (SR_PFX_TEMPLATES | SR_PFX_CLUSTERS)) {
        size_t m = S_xfeats(s, k + j, off_);
        for (size_t x = 0; x < m; x++) __builtin_prefetch(&tt->slots[k[j + x] & tt->mask]);
        j += m;
    }
    if (s->fx & SR_PFX_STAG) {
        size_t m = S_stfeats(s, k + j, off_);
        for (size_t x = 0; x < m; x++) __builtin_prefetch(&tt->slots[k[j + x] & tt->mask]);
        j += m;
    }
#undef M_
#undef S_PUT
    return j;
}
static size_t S_restfeats_fast(S_fast *f, uint64_t *k, const sr_dtab *tt) {
    return f->s.off ? S_restfeats_body(f, k, tt, f->s.off) : S_restfeats_body(f, k, tt, NULL);
}

static void S_fast_gather(S_fast *f, const sr_dtab *tt) {
    S_state *s = &f->s;
    /* a forced move (empty stack: SHIFT; buffer at ROOT: one reduce)
     * needs no transition scores */
    f->forced = S_legal(s, SHIFT) + S_legal(s, LEFT) + S_legal(s, RIGHT) == 1;
    if (f->forced) return;
    f->nb = 0;
    f->bnew = s->b != f->bcur;
    if (f->bnew) f->nb = S_bmultifeats(s, f->bkeys);
    for (size_t k = 0; k < f->nb; k++) __builtin_prefetch(&tt->slots[f->bkeys[k] & tt->mask]);
    f->nk = S_restfeats_fast(f, f->keys, tt);
}

/* Picks the best legal transition from sc; when it makes an arc to a
 * word (not ROOT), computes the label features, finds their rows and
 * prefetches them; S_fast_apply scores the labels and applies it. Same
 * decisions as S_decide_apply. */
static void S_fast_decide(S_fast *f, const sr_parser *p, const int32_t *sc) {
    S_state *s = &f->s;
    int best = -1;
    for (int tr = 0; tr < NTRANS; tr++)
        if (S_legal(s, tr) && (best < 0 || sc[tr] > sc[best])) best = tr;
    f->best = best;
    f->lh = -1;
    if (best == SHIFT) return;
    int d = s->stack[s->sp - 1], h = best == LEFT ? s->b : s->stack[s->sp - 2];
    f->ld = d;
    if (h == s->n) { f->lh = -2; return; }
    f->lh = h;
    size_t lk = S_lfeats(s, h, d, f->keys);
    for (size_t k = 0; k < lk; k++) __builtin_prefetch(&p->lab.slots[f->keys[k] & p->lab.mask]);
    f->nk = lk;
}

static void S_fast_findlab(S_fast *f, const sr_parser *p) {
    if (f->lh >= 0) f->nl = sr_stab_find_many(&p->lab, f->keys, f->nk, f->lrows);
}

static void S_fast_apply(S_fast *f, const sr_parser *p) {
    int label = 0;
    if (f->lh == -2) label = SR_DEP_ROOT;
    else if (f->lh >= 0) {
        int32_t ls[256];
        memset(ls, 0, sr_stab_score_len(&p->lab, SR_DEP_COUNT) * sizeof(int32_t));
        sr_stab_add_rows(&p->lab, f->lrows, f->nl, ls);
        /* the first best of 1..COUNT-1 except ROOT, as in S_decide_apply
         * (sums of int16 weights never reach INT32_MIN) */
        ls[0] = ls[SR_DEP_ROOT] = INT32_MIN;
        label = (int)sr_argmax_i32(ls, SR_DEP_COUNT);
    }
    S_apply(&f->s, f->best, label);
}

static void S_fast_step(S_fast *f, const sr_parser *p) {
    const sr_dtab *tt = &p->trans;
    f->steps++;
    if (f->forced) {
        static const int32_t zero[3] = {0, 0, 0};
        S_fast_decide(f, p, zero);
        return;
    }
    const S_state *s = &f->s;
    if (f->bnew) {
        f->bsum[0] = f->bsum[1] = f->bsum[2] = 0;
        S_dsum(tt, f->bkeys, f->nb, f->bsum);
        for (int q = 0; q < 3; q++) {
            const int32_t *c = f->tv + S_TV(s->b + q <= s->n ? s->b + q : -1) + (size_t)3 * (size_t)(S_PART_B0 + q);
            f->bsum[0] += c[0]; f->bsum[1] += c[1]; f->bsum[2] += c[2];
        }
        f->bcur = s->b;
    }
    int32_t sc[3] = {f->bsum[0], f->bsum[1], f->bsum[2]};
    for (int r = 0; r < 3; r++) {
        const int32_t *c = f->tv + S_TV(s->sp >= r + 1 ? s->stack[s->sp - 1 - r] : -1) + (size_t)3 * (size_t)(S_PART_S0 + r);
        sc[0] += c[0]; sc[1] += c[1]; sc[2] += c[2];
    }
    S_dsum(tt, f->keys, f->nk, sc);
    S_fast_decide(f, p, sc);
}

int sr_parser_parse(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int16_t *head,
                    uint8_t *lab, sr_scratch *scratch, size_t *ntrans) {
    sr_parser_job job = {n, w, t, head, lab, 0};
    if (sr_parser_parse_many(p, &job, 1, scratch)) return -1;
    if (ntrans) *ntrans = job.ntrans;
    return 0;
}

int sr_parser_parse_many(const sr_parser *p, sr_parser_job *jobs, size_t njobs, sr_scratch *scratch) {
    if (njobs > SR_PARSER_MAX_JOBS) return -1;
    if (p->beam > 1) {
        for (size_t j = 0; j < njobs; j++)
            if (sr_parser_parse_beam(p, jobs[j].n, jobs[j].w, jobs[j].t, p->beam, jobs[j].head, jobs[j].lab, scratch,
                                     &jobs[j].ntrans))
                return -1;
        return 0;
    }
    size_t off[SR_PARSER_MAX_JOBS + 1];
    off[0] = (sizeof(S_fast) * njobs + 63) / 64 * 64;
    for (size_t j = 0; j < njobs; j++) off[j + 1] = off[j] + (S_fast_bytes(jobs[j].n) + 63) / 64 * 64;
    unsigned char *mem = sr_scratch_get(scratch, off[njobs]);
    if (!mem) return -1;
    S_fast *f = (S_fast *)(void *)mem;
    for (size_t j = 0; j < njobs; j++) {
        S_fast_init(&f[j], mem + off[j], jobs[j].n, jobs[j].w, jobs[j].t, p->fx, p->cl, p->off);
        S_fast_parts(&f[j], p);
    }
    for (;;) {
        size_t active = 0;
        for (size_t j = 0; j < njobs; j++)
            if (!S_fast_done(&f[j])) { S_fast_gather(&f[j], &p->trans); active++; }
        if (!active) break;
        /* three more rounds: transition scores and label keys, label
         * rows, labels and apply (each round's misses overlap) */
        int live[SR_PARSER_MAX_JOBS];
        for (size_t j = 0; j < njobs; j++)
            if ((live[j] = !S_fast_done(&f[j]))) S_fast_step(&f[j], p);
        for (size_t j = 0; j < njobs; j++)
            if (live[j]) S_fast_findlab(&f[j], p);
        for (size_t j = 0; j < njobs; j++)
            if (live[j]) S_fast_apply(&f[j], p);
    }
    for (size_t j = 0; j < njobs; j++) {
        S_finish(&f[j].s, jobs[j].n, jobs[j].head, jobs[j].lab);
        jobs[j].ntrans = f[j].steps;
    }
    return 0;
}

/* ---------------------------------------------------------- beam search
 *
 * A model trained with --beam K (SR_PFX_BEAM) scores whole transition
 * sequences (global training, docs/parser.md Round 8) and is decoded
 * with a beam of its K best partial parses. Greedy decoding of such a
 * model is far worse than either kind of model decoded its own way, so
 * the width travels in the model file.
 *
 * Why items share structure instead of each holding an S_state: copying
 * n-word arrays for every item at every step would make a parse
 * quadratic in sentence length (a 1,000-token "sentence" must parse in
 * linear time). An item is a persistent stack of nodes (one per stack
 * word, holding what the features read of that word's children), the
 * buffer front's left children, and a chain of its transitions; each step
 * allocates O(1) nodes per item. Features are computed on a "view": one
 * S_state whose arrays are written, for the item being scored, at the
 * only positions the feature templates read (s0, s1, b0, the labels of
 * their nearest children, the top three stack slots). sr_parser_parse_beam
 * with width 1 equals greedy decoding (tested), which checks the view
 * against the full state. */
typedef struct S_bnode {
    const struct S_bnode *below; /* the stack word under this one (NULL: none) */
    uint64_t lset, rset;
    int w, lc1, lc2, rc1, rc2, nl, nr;
    int llab, rlab; /* labels of lc1 and rc1 */
} S_bnode;

typedef struct S_bstep {
    const struct S_bstep *prev;
    int tr, label, d, h; /* d, h: the arc made (tr != SHIFT) */
} S_bstep;

typedef struct {
    const S_bnode *top;   /* s0, NULL when the stack is empty */
    const S_bnode *front; /* b0 with its left children; NULL: none yet */
    const S_bstep *last;  /* the transition that made this item */
    int sp, b;
    double score;
    int gold;             /* training: every transition so far is the oracle's */
} S_bitem;

typedef struct { double sc; int item, tr; } S_bcand;

/* Scoring of the beam: transition scores added to sc[NTRANS]; the label
 * of an arc h -> d in view v (keys: room for MAXF). The runtime scorer
 * uses the model tables, training the current or averaged weights. */
typedef struct {
    void (*trans)(const void *ctx, const uint64_t *keys, size_t nk, double *sc);
    int (*label)(const void *ctx, const S_state *v, int h, int d, uint64_t *keys);
    const void *ctx;
} S_bscorer;

typedef struct {
    int K, n;
    S_state v;           /* the view */
    S_bitem *cur, *nxt;  /* K items each */
    S_bcand *cand;       /* NTRANS x K */
    S_bnode *nodes;      /* arena: K x (2n + 1) */
    S_bstep *steps;      /* arena: K x (2n + 1) */
    size_t nnodes, nsteps;
} S_beam;

/* Bytes S_beam_init needs for n words and width K. */
static size_t S_beam_bytes(size_t n, int K) {
    size_t k = (size_t)K, per = 2 * n + 1;
    return (S_state_bytes(n) + 63) / 64 * 64 + 2 * k * sizeof(S_bitem) + NTRANS * k * sizeof(S_bcand) +
           k * per * (sizeof(S_bnode) + sizeof(S_bstep)) + 64;
}

static void S_beam_init(S_beam *bm, void *mem, int n, int K, const uint64_t *w, const uint32_t *t, unsigned fx,
                        const sr_clusters *cl, const uint64_t *off) {
    unsigned char *p = mem;
    size_t k = (size_t)K, per = 2 * (size_t)n + 1;
    S_state_init(&bm->v, p, n, w, t, fx, cl, off);
    p += (S_state_bytes((size_t)n) + 63) / 64 * 64;
    bm->nodes = (S_bnode *)(void *)p; p += k * per * sizeof(S_bnode);
    bm->cur = (S_bitem *)(void *)p; p += k * sizeof(S_bitem);
    bm->nxt = (S_bitem *)(void *)p; p += k * sizeof(S_bitem);
    bm->cand = (S_bcand *)(void *)p; p += NTRANS * k * sizeof(S_bcand);
    bm->steps = (S_bstep *)(void *)p;
    bm->K = K;
    bm->n = n;
    bm->nnodes = bm->nsteps = 0;
    bm->cur[0] = (S_bitem){NULL, NULL, NULL, 0, 0, 0.0, 1};
}

static void S_view_word(S_state *v, int w, const S_bnode *x) {
    if (!x) {
        v->lc1[w] = v->lc2[w] = v->rc1[w] = v->rc2[w] = -1;
        v->nl[w] = v->nr[w] = 0;
        v->lset[w] = v->rset[w] = 0;
        return;
    }
    v->lc1[w] = x->lc1; v->lc2[w] = x->lc2; v->rc1[w] = x->rc1; v->rc2[w] = x->rc2;
    v->nl[w] = x->nl; v->nr[w] = x->nr;
    v->lset[w] = x->lset; v->rset[w] = x->rset;
    if (x->lc1 >= 0) v->lab[x->lc1] = x->llab;
    if (x->rc1 >= 0) v->lab[x->rc1] = x->rlab;
}

/* Makes the view show item it. */
static void S_view(S_state *v, const S_bitem *it) {
    v->sp = it->sp;
    v->b = it->b;
    const S_bnode *x = it->top;
    for (int i = 1; i <= 3 && x; i++, x = x->below) {
        v->stack[it->sp - i] = x->w;
        if (i < 3) S_view_word(v, x->w, x);
    }
    S_view_word(v, it->b, it->front);
}

static S_bnode *S_bnode_of(S_beam *bm, const S_bnode *from, int w) {
    S_bnode *x = &bm->nodes[bm->nnodes++];
    if (from) *x = *from;
    else *x = (S_bnode){NULL, 0, 0, w, -1, -1, -1, -1, 0, 0, 0, 0};
    return x;
}

/* Applies transition tr with label to parent p, into q (as S_apply). */
static void S_bapply(S_beam *bm, const S_bitem *p, S_bitem *q, int tr, int label, double score, int gold_tr) {
    S_bstep *st = &bm->steps[bm->nsteps++];
    st->prev = p->last;
    st->tr = tr;
    st->label = label;
    st->d = st->h = -1;
    q->score = score;
    q->gold = p->gold && tr == gold_tr;
    if (tr == SHIFT) {
        S_bnode *x = S_bnode_of(bm, p->front, p->b);
        x->below = p->top;
        q->top = x;
        q->front = NULL;
        q->sp = p->sp + 1;
        q->b = p->b + 1;
    } else {
        const S_bnode *d = p->top;
        uint64_t bit = UINT64_C(1) << (label & 63);
        st->d = d->w;
        if (tr == LEFT) {
            S_bnode *h = S_bnode_of(bm, p->front, p->b);
            h->lc2 = h->lc1; h->lc1 = d->w; h->llab = label; h->nl++; h->lset |= bit;
            h->below = NULL;
            st->h = p->b;
            q->top = d->below;
            q->front = h;
        } else {
            S_bnode *h = S_bnode_of(bm, d->below, d->below->w);
            h->rc2 = h->rc1; h->rc1 = d->w; h->rlab = label; h->nr++; h->rset |= bit;
            st->h = h->w;
            q->top = h;
            q->front = p->front;
        }
        q->sp = p->sp - 1;
        q->b = p->b;
    }
    q->last = st;
}

static inline int S_bitem_legal(const S_bitem *it, int n, int tr) {
    switch (tr) {
    case SHIFT: return it->b < n;
    case LEFT: return it->sp >= 1 && (it->b < n || it->sp == 1);
    default: return it->sp >= 2;
    }
}

/* Inserts the legal successors of item i of bm->cur (transition scores
 * sc) into the sorted candidates, nc of them so far, keeping the K best;
 * returns the new count. An equal score does not pass an earlier
 * candidate. */
static int S_bcand_add(S_beam *bm, int nc, int i, const double *sc) {
    const S_bitem *it = &bm->cur[i];
    int K = bm->K;
    for (int tr = 0; tr < NTRANS; tr++) {
        if (!S_bitem_legal(it, bm->n, tr)) continue;
        S_bcand c = {it->score + sc[tr], i, tr};
        int j = nc < K ? nc++ : K;
        while (j > 0 && bm->cand[j - 1].sc < c.sc) {
            if (j < K) bm->cand[j] = bm->cand[j - 1];
            j--;
        }
        if (j < K) bm->cand[j] = c;
    }
    return nc;
}

/* One step: expands the nb items of bm->cur into the K best of their
 * successors in bm->cur (swapped); returns their number. Ties go to the
 * earlier item, then the lower transition, so results are deterministic.
 * gold_tr: the oracle's transition at this step in training (an item
 * stays `gold` while it follows the oracle), -1 otherwise. */
static int S_beam_step(S_beam *bm, int nb, const S_bscorer *f, int gold_tr) {
    uint64_t keys[MAXF];
    int nc = 0;
    for (int i = 0; i < nb; i++) {
        S_view(&bm->v, &bm->cur[i]);
        size_t nk = S_tfeats(&bm->v, keys);
        double sc[NTRANS] = {0, 0, 0};
        f->trans(f->ctx, keys, nk, sc);
        nc = S_bcand_add(bm, nc, i, sc);
    }
    for (int j = 0; j < nc; j++) {
        const S_bcand *c = &bm->cand[j];
        const S_bitem *p = &bm->cur[c->item];
        int label = 0;
        if (c->tr != SHIFT) {
            S_view(&bm->v, p);
            int d = p->top->w, h = c->tr == LEFT ? p->b : p->top->below->w;
            label = h == bm->n ? SR_DEP_ROOT : f->label(f->ctx, &bm->v, h, d, keys);
        }
        S_bapply(bm, p, &bm->nxt[j], c->tr, label, c->sc, gold_tr);
    }
    S_bitem *t = bm->cur;
    bm->cur = bm->nxt;
    bm->nxt = t;
    return nc;
}

/* Heads and labels of the best item (every word has one at the end). */
static void S_beam_finish(const S_beam *bm, size_t n, int16_t *head, uint8_t *lab) {
    for (size_t i = 0; i < n; i++) { head[i] = 0; lab[i] = 0; }
    for (const S_bstep *s = bm->cur[0].last; s; s = s->prev) {
        if (s->tr == SHIFT) continue;
        head[s->d] = (int16_t)(s->h == (int)n ? 0 : s->h + 1);
        lab[s->d] = (uint8_t)s->label;
    }
}

static void S_rt_trans(const void *ctx, const uint64_t *keys, size_t nk, double *sc) {
    const sr_parser *p = ctx;
    int32_t s[3] = {0, 0, 0};
    S_dsum(&p->trans, keys, nk, s);
    for (int i = 0; i < NTRANS; i++) sc[i] += s[i];
}

static int S_rt_label(const void *ctx, const S_state *v, int h, int d, uint64_t *keys) {
    const sr_parser *p = ctx;
    int32_t ls[256];
    memset(ls, 0, sr_stab_score_len(&p->lab, SR_DEP_COUNT) * sizeof(int32_t));
    size_t lk = S_lfeats(v, h, d, keys);
    sr_stab_score_many(&p->lab, keys, lk, ls);
    int label = S_label_i(ls);
    return label;
}


/* The runtime step: the same decisions as S_beam_step with the model's
 * tables (tested), faster. What does not depend on the item is shared
 * between items and steps through an S_fast whose state is the view: the
 * sums of the role features of each (token, role) and the hash prefixes
 * of each token (S_fast's caches), and the sums of the buffer features
 * per buffer position (bsc). The keys of all items are made before any
 * is summed, so their cache misses overlap (as S_fast does across
 * sentences), and the same for the labels. */
typedef struct {
    S_beam bm;
    S_fast f;            /* f.s is the view of this path */
    int32_t *bsc;        /* (n + 1) x {sum SHIFT, LEFT, RIGHT, valid} */
    uint64_t *keys;      /* K x MAXF */
    size_t *nk;          /* K */
    const sr_sslot **lrows; /* K x MAXF */
    size_t *nl;          /* K */
} S_rbeam;

static size_t S_rbeam_bytes(size_t n, int K) {
    size_t k = (size_t)K;
    return (S_beam_bytes(n, K) + 63) / 64 * 64 + (S_fast_bytes(n) + 63) / 64 * 64 + (n + 1) * 4 * sizeof(int32_t) +
           k * MAXF * (sizeof(uint64_t) + sizeof(sr_sslot *)) + 2 * k * sizeof(size_t) + 64;
}

static void S_rbeam_init(S_rbeam *r, void *mem, size_t n, int K, const uint64_t *w, const uint32_t *t,
                         const sr_parser *p) {
    unsigned char *q = mem;
    size_t k = (size_t)K;
    S_beam_init(&r->bm, q, (int)n, K, w, t, p->fx, p->cl, p->off);
    q += (S_beam_bytes(n, K) + 63) / 64 * 64;
    S_fast_init(&r->f, q, n, w, t, p->fx, p->cl, p->off);
    S_fast_parts(&r->f, p);
    q += (S_fast_bytes(n) + 63) / 64 * 64;
    r->bsc = (int32_t *)(void *)q; q += (n + 1) * 4 * sizeof(int32_t);
    for (size_t i = 0; i <= n; i++) r->bsc[4 * i + 3] = 0;
    r->keys = (uint64_t *)(void *)q; q += k * MAXF * sizeof(uint64_t);
    r->lrows = (const sr_sslot **)(void *)q; q += k * MAXF * sizeof(sr_sslot *);
    r->nk = (size_t *)(void *)q; q += k * sizeof(size_t);
    r->nl = (size_t *)(void *)q;
}

static int S_rbeam_step(S_rbeam *r, int nb, const sr_parser *p) {
    S_beam *bm = &r->bm;
    S_fast *f = &r->f;
    S_state *v = &f->s;
    const sr_dtab *tt = &p->trans;
    int nc = 0;
    int32_t base[64][3];
    /* keys of every item; shared sums from the caches */
    for (int i = 0; i < nb; i++) {
        const S_bitem *it = &bm->cur[i];
        S_view(v, it);
        int32_t *bs = r->bsc + 4 * (size_t)it->b;
        if (!bs[3]) {
            uint64_t bk[MAXBF];
            size_t nbk = S_bfeats(v, bk);
            bs[0] = bs[1] = bs[2] = 0;
            S_dsum(tt, bk, nbk, bs);
            bs[3] = 1;
        }
        base[i][0] = bs[0]; base[i][1] = bs[1]; base[i][2] = bs[2];
        for (int ro = 0; ro < 3; ro++) {
            int x = v->sp >= ro + 1 ? v->stack[v->sp - 1 - ro] : -1;
            const int32_t *c = f->tv + S_TV(x) + (size_t)3 * (size_t)(S_PART_S0 + ro);
            base[i][0] += c[0]; base[i][1] += c[1]; base[i][2] += c[2];
        }
        r->nk[i] = S_restfeats_fast(f, r->keys + (size_t)i * MAXF, tt);
    }
    for (int i = 0; i < nb; i++) {
        int32_t sc[3] = {base[i][0], base[i][1], base[i][2]};
        S_dsum(tt, r->keys + (size_t)i * MAXF, r->nk[i], sc);
        double dsc[NTRANS] = {sc[0], sc[1], sc[2]};
        nc = S_bcand_add(bm, nc, i, dsc);
    }
    /* labels of the arcs among the chosen: keys and rows first */
    for (int j = 0; j < nc; j++) {
        const S_bcand *c = &bm->cand[j];
        const S_bitem *pa = &bm->cur[c->item];
        r->nl[j] = 0;
        if (c->tr == SHIFT) continue;
        int d = pa->top->w, h = c->tr == LEFT ? pa->b : pa->top->below->w;
        if (h == bm->n) continue;
        S_view(v, pa);
        uint64_t *lk = r->keys + (size_t)j * MAXF;
        size_t nlk = S_lfeats(v, h, d, lk);
        for (size_t k = 0; k < nlk; k++) __builtin_prefetch(&p->lab.slots[lk[k] & p->lab.mask]);
        r->nl[j] = sr_stab_find_many(&p->lab, lk, nlk, r->lrows + (size_t)j * MAXF);
    }
    for (int j = 0; j < nc; j++) {
        const S_bcand *c = &bm->cand[j];
        const S_bitem *pa = &bm->cur[c->item];
        int label = 0;
        if (c->tr != SHIFT) {
            int h = c->tr == LEFT ? pa->b : pa->top->below->w;
            if (h == bm->n) label = SR_DEP_ROOT;
            else {
                int32_t ls[256];
                memset(ls, 0, sr_stab_score_len(&p->lab, SR_DEP_COUNT) * sizeof(int32_t));
                sr_stab_add_rows(&p->lab, r->lrows + (size_t)j * MAXF, r->nl[j], ls);
                ls[0] = ls[SR_DEP_ROOT] = INT32_MIN;
                label = (int)sr_argmax_i32(ls, SR_DEP_COUNT);
            }
        }
        S_bapply(bm, pa, &bm->nxt[j], c->tr, label, c->sc, -1);
    }
    S_bitem *t = bm->cur;
    bm->cur = bm->nxt;
    bm->nxt = t;
    return nc;
}

int sr_parser_parse_beam_reference(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int K,
                                   int16_t *head, uint8_t *lab, sr_scratch *scratch) {
    if (K < 1 || K > SR_PARSER_MAX_BEAM) return -1;
    void *mem = sr_scratch_get(scratch, S_beam_bytes(n, K));
    if (!mem) return -1;
    S_beam bm;
    S_beam_init(&bm, mem, (int)n, K, w, t, p->fx, p->cl, p->off);
    S_bscorer f = {S_rt_trans, S_rt_label, p};
    int nb = 1;
    for (size_t k = 0; k < 2 * n; k++) nb = S_beam_step(&bm, nb, &f, -1);
    S_beam_finish(&bm, n, head, lab);
    return 0;
}

int sr_parser_parse_beam(const sr_parser *p, size_t n, const uint64_t *w, const uint32_t *t, int K, int16_t *head,
                         uint8_t *lab, sr_scratch *scratch, size_t *ntrans) {
    if (K < 1 || K > SR_PARSER_MAX_BEAM) return -1;
    void *mem = sr_scratch_get(scratch, S_rbeam_bytes(n, K));
    if (!mem) return -1;
    S_rbeam r;
    S_rbeam_init(&r, mem, n, K, w, t, p);
    int nb = 1;
    size_t steps = 0;
    /* arc-hybrid: every parse is n shifts and n arcs */
    for (; steps < 2 * n; steps++) nb = S_rbeam_step(&r, nb, p);
    S_beam_finish(&r.bm, n, head, lab);
    if (ntrans) *ntrans = steps;
    return 0;
}

/* ------------------------------------------------------------- training */

typedef struct {
    int n;
    uint64_t *w;
    uint32_t *t;
    int *gh;  /* gold head, 0-based, n = root */
    int *gl;  /* gold label */
} S_tsent;

static int S_cost(const S_state *s, const int *gh, int tr) {
    int c = 0;
    if (tr == SHIFT) {
        int b = s->b;
        for (int i = 0; i < s->sp; i++) {
            int x = s->stack[i];
            if (gh[x] == b) c++;
            if (i < s->sp - 1 && gh[b] == x) c++;
        }
        return c;
    }
    int s0 = s->stack[s->sp - 1];
    for (int d = s->b; d < s->n; d++)
        if (gh[d] == s0) c++;
    if (tr == LEFT) {
        if (gh[s0] != s->b) {
            int head_is_s1 = s->sp >= 2 && s->stack[s->sp - 2] == gh[s0];
            if (head_is_s1 || gh[s0] > s->b) c++;
        }
    } else {
        if (gh[s0] >= s->b) c++;
    }
    return c;
}

static void S_parse_eval(const sr_ptrain *tw, const sr_ptrain *lw, const S_tsent *ss, void *mem, unsigned fx,
                         const sr_clusters *cl, const uint64_t *off, size_t *uas, size_t *las, size_t *tot) {
    S_state s;
    S_state_init(&s, mem, ss->n, ss->w, ss->t, fx, cl, off);
    uint64_t keys[MAXF];
    float sc[NTRANS], ls[SR_DEP_COUNT];
    while (!(s.b == s.n && s.sp == 0)) {
        size_t nk = S_tfeats(&s, keys);
        memset(sc, 0, sizeof sc);
        sr_ptrain_score_avg(tw, keys, nk, sc);
        int best = -1;
        for (int tr = 0; tr < NTRANS; tr++)
            if (S_legal(&s, tr) && (best < 0 || sc[tr] > sc[best])) best = tr;
        int label = 0;
        if (best != SHIFT) {
            int d = s.stack[s.sp - 1], h = best == LEFT ? s.b : s.stack[s.sp - 2];
            if (h == s.n) label = SR_DEP_ROOT;
            else {
                memset(ls, 0, sizeof ls);
                size_t lk = S_lfeats(&s, h, d, keys);
                sr_ptrain_score_avg(lw, keys, lk, ls);
                label = S_label_f(ls);
            }
        }
        S_apply(&s, best, label);
    }
    for (int i = 0; i < ss->n; i++) {
        if (s.head[i] == ss->gh[i]) {
            (*uas)++;
            if (s.lab[i] == ss->gl[i]) (*las)++;
        }
        (*tot)++;
    }
}

/* Builds training sentences with tags predicted by tg, and with o->stagger
 * their supertags: from o->train_stags when stags_given (train), else
 * predicted by o->stagger. */
static S_tsent *S_prepare(sitrep_article *const *as, size_t na, const sr_tagger *tg, int retag,
                          const sr_train_opts *o, int stags_given, size_t *count, int *maxn, sr_scratch *scr) {
    size_t total = 0;
    for (size_t i = 0; i < na; i++) total += as[i]->nsents;
    S_tsent *out = calloc(total ? total : 1, sizeof *out);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < as[i]->nsents; j++) {
            const sr_sentence *se = &as[i]->sents[j];
            int n = (int)se->ntok;
            const sr_token *gold = sr_sent_tokens(as[i], se);
            S_tsent *t = &out[k++];
            t->n = n;
            t->w = calloc((size_t)n + 1, sizeof *t->w);
            t->t = calloc((size_t)n + 1, sizeof *t->t);
            t->gh = calloc((size_t)n + 1, sizeof *t->gh);
            t->gl = calloc((size_t)n + 1, sizeof *t->gl);
            sr_token *copy = malloc(((size_t)n + 1) * sizeof *copy);
            if (!t->w || !t->t || !t->gh || !t->gl || !copy) { free(copy); *count = k; return out; }
            memcpy(copy, gold, (size_t)n * sizeof *copy);
            int need = retag;
            for (int x = 0; x < n && !need; x++)
                if ((t->t[x] = sr_tagger_class_of(tg, &gold[x])) == UINT32_MAX) need = 1;
            if (need && sr_tagger_tag(tg, copy, (size_t)n, t->t, NULL, scr)) { free(copy); *count = k; return out; }
            for (int x = 0; x < n; x++) {
                t->w[x] = sr_word_hash(gold[x].form, gold[x].form_len);
                int h = gold[x].head;
                t->gh[x] = h <= 0 || h > n ? n : h - 1;
                t->gl[x] = gold[x].deprel;
            }
            if (o->stagger) {
                const uint16_t *given = stags_given && i < o->ntrain_stags && o->train_stags[i]
                                            ? o->train_stags[i] + se->first : NULL;
                uint32_t *sc = given ? NULL : malloc(((size_t)n + 1) * sizeof *sc);
                sr_tag_job job = {copy, (size_t)n, sc};
                if (!given && (!sc || sr_tagger_classify_many(o->stagger, &job, 1, scr))) {
                    free(sc); free(copy); *count = k; return out;
                }
                for (int x = 0; x < n; x++)
                    t->t[x] = sr_parser_atom(t->t[x], given ? given[x] : sr_stag_of_class(&o->stagger->classes[sc[x]]));
                free(sc);
            }
            free(copy);
            if (n > *maxn) *maxn = n;
        }
    *count = k;
    return out;
}

static void S_free_tsents(S_tsent *ts, size_t n) {
    if (!ts) return;
    for (size_t i = 0; i < n; i++) { free(ts[i].w); free(ts[i].t); free(ts[i].gh); free(ts[i].gl); }
    free(ts);
}

/* ------------------------------------------------ beam training
 *
 * Global training (a structured perceptron over transition sequences)
 * with max-violation updates (Huang, Fayong and Guo 2012): the beam is
 * run to the end with the current weights beside the oracle sequence,
 * and the update is made at the step where the best item that is not
 * the oracle's prefix leads the oracle prefix by most. The labels stay a
 * local classifier, trained along the oracle sequence. */
typedef struct { const sr_ptrain *tw, *lw; int avg; } S_tscorer;

static void S_tr_trans(const void *ctx, const uint64_t *keys, size_t nk, double *sc) {
    const S_tscorer *c = ctx;
    float s[NTRANS] = {0, 0, 0};
    if (c->avg) sr_ptrain_score_avg(c->tw, keys, nk, s);
    else sr_ptrain_score(c->tw, keys, nk, s);
    for (int i = 0; i < NTRANS; i++) sc[i] += s[i];
}

static int S_tr_label(const void *ctx, const S_state *v, int h, int d, uint64_t *keys) {
    const S_tscorer *c = ctx;
    float ls[SR_DEP_COUNT];
    memset(ls, 0, sizeof ls);
    size_t lk = S_lfeats(v, h, d, keys);
    if (c->avg) sr_ptrain_score_avg(c->lw, keys, lk, ls);
    else sr_ptrain_score(c->lw, keys, lk, ls);
    int label = S_label_f(ls);
    return label;
}

/* One walk along the oracle sequence, seq[k] = tr | label << 2 (2n
 * entries): a least-cost transition at each step, preferring LEFT, then
 * RIGHT, then SHIFT (arcs as early as possible), with gold labels. At each
 * step it also adds the transition's score under tw to the prefix score
 * gscore[k] (tw does not change until the beam has run), and trains the
 * local label classifier lw at each arc, as the greedy trainer does along
 * its path. 0, or -1 when out of memory. */
static int S_oracle_walk(const S_tsent *ss, void *mem, unsigned fx, const sr_clusters *cl, const uint64_t *off,
                         const sr_ptrain *tw,
                         sr_ptrain *lw, int *seq, double *gscore) {
    static const int pref[NTRANS] = {LEFT, RIGHT, SHIFT};
    S_state s;
    S_state_init(&s, mem, ss->n, ss->w, ss->t, fx, cl, off);
    S_tscorer c = {tw, lw, 0};
    uint64_t keys[MAXF];
    double sum = 0;
    for (int k = 0; k < 2 * ss->n; k++) {
        int best = -1, bc = 0;
        for (int q = 0; q < NTRANS; q++) {
            int tr = pref[q];
            if (!S_legal(&s, tr)) continue;
            int cost = S_cost(&s, ss->gh, tr);
            if (best < 0 || cost < bc) { bc = cost; best = tr; }
        }
        if (best < 0) return -1; /* some move is legal at each of the 2n steps */
        size_t nk = S_tfeats(&s, keys);
        double sc[NTRANS] = {0, 0, 0};
        S_tr_trans(&c, keys, nk, sc);
        gscore[k] = sum += sc[best];
        int label = 0;
        if (best != SHIFT) {
            int d = s.stack[s.sp - 1], h = best == LEFT ? s.b : s.stack[s.sp - 2];
            int gl = ss->gl[d];
            label = h == s.n ? SR_DEP_ROOT : gl > 0 ? gl : 1;
            if (h != s.n && ss->gh[d] == h && gl > 0 && gl != SR_DEP_ROOT) {
                size_t lk = S_lfeats(&s, h, d, keys);
                float ls[SR_DEP_COUNT];
                memset(ls, 0, sizeof ls);
                sr_ptrain_score(lw, keys, lk, ls);
                int guess = S_label_f(ls);
                sr_ptrain_tick(lw);
                if (guess != gl && (sr_ptrain_update(lw, keys, lk, (uint32_t)gl, 1.0f) ||
                                    sr_ptrain_update(lw, keys, lk, (uint32_t)guess, -1.0f)))
                    return -1;
            }
        }
        seq[k] = best | label << 2;
        S_apply(&s, best, label);
    }
    return 0;
}

/* Adds delta to the weights of transitions from..upto-1 of seq (the
 * ones before `from` are only applied). */
static int S_replay(sr_ptrain *tw, const S_tsent *ss, unsigned fx, const sr_clusters *cl, const uint64_t *off, void *mem, const int *seq,
                    int from, int upto, float delta) {
    S_state s;
    S_state_init(&s, mem, ss->n, ss->w, ss->t, fx, cl, off);
    uint64_t keys[MAXF];
    for (int i = 0; i < upto; i++) {
        if (i >= from) {
            size_t nk = S_tfeats(&s, keys);
            if (sr_ptrain_update(tw, keys, nk, (uint32_t)(seq[i] & 3), delta)) return -1;
        }
        S_apply(&s, seq[i] & 3, seq[i] >> 2);
    }
    return 0;
}

/* Beam-decodes ss with the averaged weights and counts correct heads. */
static void S_parse_eval_beam(const sr_ptrain *tw, const sr_ptrain *lw, const S_tsent *ss, void *bmem, int K,
                              unsigned fx, const sr_clusters *cl, const uint64_t *off, size_t *uas, size_t *las,
                              size_t *tot) {
    S_beam bm;
    S_beam_init(&bm, bmem, ss->n, K, ss->w, ss->t, fx, cl, off);
    S_tscorer c = {tw, lw, 1};
    S_bscorer f = {S_tr_trans, S_tr_label, &c};
    int nb = 1;
    for (int k = 0; k < 2 * ss->n; k++) nb = S_beam_step(&bm, nb, &f, -1);
    for (const S_bstep *s = bm.cur[0].last; s; s = s->prev) {
        if (s->tr == SHIFT) continue;
        if (s->h == ss->gh[s->d]) {
            (*uas)++;
            if (s->label == ss->gl[s->d]) (*las)++;
        }
    }
    *tot += (size_t)ss->n;
}

/* One beam-training run (o->epochs epochs, shuffles from `seed`) into
 * the fresh tables tw/lw. 0, or -1 when out of memory. */
static int S_train_run_beam(const S_tsent *tr, size_t ntr, const S_tsent *dv, size_t ndv, uint64_t seed, unsigned fx,
                            const sr_train_opts *o, sr_ptrain *tw, sr_ptrain *lw, size_t *order, void *mem, int maxn) {
    int K = o->parser_beam;
    int *gseq = malloc(sizeof(int) * (2 * (size_t)maxn + 2));
    int *vseq = malloc(sizeof(int) * (2 * (size_t)maxn + 2));
    double *gscore = malloc(sizeof(double) * (2 * (size_t)maxn + 2));
    void *bmem = malloc(S_beam_bytes((size_t)maxn, K));
    int rc = -1;
    if (!gseq || !vseq || !gscore || !bmem) goto out;
    for (size_t i = 0; i < ntr; i++) order[i] = i;
    uint64_t rng = seed ^ UINT64_C(0x1234567);
    for (int ep = 0; ep < o->epochs; ep++) {
        sr_shuffle(order, ntr, &rng);
        size_t nupd = 0;
        for (size_t oi = 0; oi < ntr; oi++) {
            const S_tsent *ss = &tr[order[oi]];
            if (S_oracle_walk(ss, mem, fx, o->clusters, o->parser_off, tw, lw, gseq, gscore)) goto out;
            S_beam bm;
            S_beam_init(&bm, bmem, ss->n, K, ss->w, ss->t, fx, o->clusters, o->parser_off);
            S_tscorer c = {tw, lw, 0};
            S_bscorer f = {S_tr_trans, S_tr_label, &c};
            double maxv = 0;
            int vstep = -1, nb = 1;
            const S_bstep *vlast = NULL;
            for (int k = 0; k < 2 * ss->n; k++) {
                nb = S_beam_step(&bm, nb, &f, gseq[k] & 3);
                const S_bitem *best = &bm.cur[0];
                if (!best->gold && best->score - gscore[k] >= maxv) {
                    maxv = best->score - gscore[k];
                    vstep = k + 1;
                    vlast = best->last;
                }
            }
            sr_ptrain_tick(tw);
            if (vstep > 0) {
                nupd++;
                int i = vstep;
                for (const S_bstep *s = vlast; s && i > 0; s = s->prev) vseq[--i] = s->tr | s->label << 2;
                /* the common prefix is the same state in both: no update */
                int from = 0;
                while (from < vstep && gseq[from] == vseq[from]) from++;
                if (S_replay(tw, ss, fx, o->clusters, o->parser_off, mem, gseq, from, vstep, 1.0f) ||
                    S_replay(tw, ss, fx, o->clusters, o->parser_off, mem, vseq, from, vstep, -1.0f))
                    goto out;
            }
        }
        size_t uas = 0, las = 0, tot = 0;
        for (size_t i = 0; i < ndv; i++) S_parse_eval_beam(tw, lw, &dv[i], bmem, K, fx, o->clusters, o->parser_off, &uas, &las, &tot);
        if (o->log) {
            fprintf(o->log, "parser epoch %d (beam %d): updates in %.2f%% of sentences, dev UAS %.2f%% LAS %.2f%%, %zu+%zu features\n",
                    ep + 1, K, 100.0 * (double)nupd / (double)(ntr ? ntr : 1), 100.0 * (double)uas / (double)(tot ? tot : 1),
                    100.0 * (double)las / (double)(tot ? tot : 1), tw->n, lw->n);
            fflush(o->log);
        }
    }
    rc = 0;
out:
    free(gseq); free(vseq); free(gscore); free(bmem);
    return rc;
}

/* One training run (o->epochs epochs, shuffles from `seed`) into the fresh
 * tables tw/lw; logs dev figures per epoch. 0, or -1 when out of memory. */
static int S_train_run(const S_tsent *tr, size_t ntr, const S_tsent *dv, size_t ndv, uint64_t seed, unsigned fx,
                       const sr_train_opts *o, sr_ptrain *tw, sr_ptrain *lw, size_t *order, void *mem) {
    for (size_t i = 0; i < ntr; i++) order[i] = i;
    uint64_t rng = seed ^ UINT64_C(0x1234567);
    uint64_t keys[MAXF];
    for (int ep = 0; ep < o->epochs; ep++) {
        sr_shuffle(order, ntr, &rng);
        size_t ok = 0, all = 0;
        for (size_t oi = 0; oi < ntr; oi++) {
            const S_tsent *ss = &tr[order[oi]];
            S_state s;
            S_state_init(&s, mem, ss->n, ss->w, ss->t, fx, o->clusters, o->parser_off);
            while (!(s.b == s.n && s.sp == 0)) {
                size_t nk = S_tfeats(&s, keys);
                float sc[NTRANS] = {0, 0, 0};
                sr_ptrain_score(tw, keys, nk, sc);
                int cost[NTRANS], guess = -1, best = -1, minc = 1 << 30;
                for (int t = 0; t < NTRANS; t++) {
                    cost[t] = S_legal(&s, t) ? S_cost(&s, ss->gh, t) : -1;
                    if (cost[t] >= 0 && cost[t] < minc) minc = cost[t];
                }
                for (int t = 0; t < NTRANS; t++) {
                    if (cost[t] < 0) continue;
                    if (guess < 0 || sc[t] > sc[guess]) guess = t;
                    if (cost[t] == minc && (best < 0 || sc[t] > sc[best])) best = t;
                }
                sr_ptrain_tick(tw);
                if (cost[guess] > minc) {
                    if (sr_ptrain_update(tw, keys, nk, (uint32_t)best, 1.0f) ||
                        sr_ptrain_update(tw, keys, nk, (uint32_t)guess, -1.0f))
                        return -1;
                } else ok++;
                all++;
                int follow = best;
                if (cost[guess] > minc && ep >= 1 && (sr_rand(&rng) % 100) < 90) follow = guess;
                int label = 0;
                if (follow != SHIFT) {
                    int d = s.stack[s.sp - 1], h = follow == LEFT ? s.b : s.stack[s.sp - 2];
                    if (h == s.n) label = SR_DEP_ROOT;
                    else {
                        float ls[SR_DEP_COUNT];
                        memset(ls, 0, sizeof ls);
                        size_t lk = S_lfeats(&s, h, d, keys);
                        sr_ptrain_score(lw, keys, lk, ls);
                        label = S_label_f(ls);
                        int gl = ss->gl[d];
                        if (ss->gh[d] == h && gl > 0 && gl != SR_DEP_ROOT) {
                            sr_ptrain_tick(lw);
                            if (label != gl) {
                                if (sr_ptrain_update(lw, keys, lk, (uint32_t)gl, 1.0f) ||
                                    sr_ptrain_update(lw, keys, lk, (uint32_t)label, -1.0f))
                                    return -1;
                                label = gl;
                            }
                        }
                    }
                }
                S_apply(&s, follow, label);
            }
        }
        size_t uas = 0, las = 0, tot = 0;
        for (size_t i = 0; i < ndv; i++) S_parse_eval(tw, lw, &dv[i], mem, fx, o->clusters, o->parser_off, &uas, &las, &tot);
        if (o->log) {
            fprintf(o->log, "parser epoch %d: train transition acc %.2f%%, dev UAS %.2f%% LAS %.2f%%, %zu+%zu features\n",
                    ep + 1, 100.0 * (double)ok / (double)(all ? all : 1), 100.0 * (double)uas / (double)(tot ? tot : 1),
                    100.0 * (double)las / (double)(tot ? tot : 1), tw->n, lw->n);
            fflush(o->log);
        }
    }
    return 0;
}

sitrep_status sr_parser_train(sitrep_article *const *train, size_t ntrain,
                              sitrep_article *const *dev, size_t ndev, const sr_tagger *tg,
                              int retag_train, const sr_train_opts *o, sr_mbuild *mb,
                              sitrep_error *err) {
    sitrep_status st = SITREP_E_NOMEM;
    sr_scratch scr = {0};
    size_t ntr = 0, ndv = 0;
    int maxn = 1;
    S_tsent *tr = S_prepare(train, ntrain, tg, retag_train, o, 1, &ntr, &maxn, &scr);
    int beam = o->parser_beam > 1 ? o->parser_beam : 1;
    unsigned fx = o->parser_fx | (o->clusters ? (unsigned)SR_PFX_CLUSTERS : 0u) | (beam > 1 ? (unsigned)SR_PFX_BEAM : 0u) |
                  (o->stagger ? (unsigned)SR_PFX_STAG : 0u) |
                  ((o->parser_off[0] | o->parser_off[1] | o->parser_off[2] | o->parser_off[3]) ? (unsigned)SR_PFX_TMASK : 0u);
    S_tsent *dv = ndev ? S_prepare(dev, ndev, tg, 1, o, 0, &ndv, &maxn, &scr) : NULL;
    sr_ptrain tw, lw, TW, LW;
    int have = 0, haveW = 0;
    size_t *order = NULL;
    void *mem = NULL;
    /* o->parser_ensemble = N > 1: N runs (seeds seed + 7919 i) whose
     * averaged weights are averaged into one model of the same speed */
    int nens = o->parser_ensemble > 1 ? o->parser_ensemble : 1;
    if (!tr || (ndev && !dv)) goto out;
    for (size_t i = 0; i < ntr; i++) if (!tr[i].gl) goto out;
    for (size_t i = 0; i < ndv; i++) if (!dv[i].gl) goto out;
    order = malloc((ntr ? ntr : 1) * sizeof *order);
    mem = malloc(S_state_bytes((size_t)maxn));
    if (!order || !mem) goto out;
    for (int rep = 0; rep < nens; rep++) {
        if (sr_ptrain_init(&tw, NTRANS)) goto out;
        if (sr_ptrain_init(&lw, SR_DEP_COUNT)) { sr_ptrain_free(&tw); goto out; }
        have = 1;
        if (nens > 1 && o->log) fprintf(o->log, "parser run %d/%d\n", rep + 1, nens);
        uint64_t seed = o->seed + (uint64_t)rep * 7919u;
        if (beam > 1 ? S_train_run_beam(tr, ntr, dv, ndv, seed, fx, o, &tw, &lw, order, mem, maxn)
                     : S_train_run(tr, ntr, dv, ndv, seed, fx, o, &tw, &lw, order, mem))
            goto out;
        if (nens > 1) {
            if (!haveW) {
                if (sr_ptrain_init(&TW, NTRANS)) goto out;
                if (sr_ptrain_init(&LW, SR_DEP_COUNT)) { sr_ptrain_free(&TW); goto out; }
                haveW = 1;
            }
            if (sr_ptrain_add_avg(&TW, &tw, 1.0f / (float)nens) || sr_ptrain_add_avg(&LW, &lw, 1.0f / (float)nens))
                goto out;
            sr_ptrain_free(&tw);
            sr_ptrain_free(&lw);
            have = 0;
        }
    }
    if (nens > 1) {
        size_t uas = 0, las = 0, tot = 0;
        void *bmem = beam > 1 ? malloc(S_beam_bytes((size_t)maxn, beam)) : NULL;
        if (beam > 1 && !bmem) goto out;
        for (size_t i = 0; i < ndv; i++) {
            if (beam > 1) S_parse_eval_beam(&TW, &LW, &dv[i], bmem, beam, fx, o->clusters, o->parser_off, &uas, &las, &tot);
            else S_parse_eval(&TW, &LW, &dv[i], mem, fx, o->clusters, o->parser_off, &uas, &las, &tot);
        }
        free(bmem);
        if (o->log)
            fprintf(o->log, "parser ensemble of %d: dev UAS %.2f%% LAS %.2f%%\n", nens,
                    100.0 * (double)uas / (double)(tot ? tot : 1), 100.0 * (double)las / (double)(tot ? tot : 1));
    }
    /* meta[2]: the feature set, so older models keep their features */
    float meta[4] = {0, 0, (float)fx, beam > 1 ? (float)beam : 0.0f};
    uint32_t clcrc = o->clusters ? o->clusters->crc : 0;
    if (sr_ptrain_export_dense(nens > 1 ? &TW : &tw, mb, P_TS, &meta[0]) ||
        sr_ptrain_export_sparse(nens > 1 ? &LW : &lw, mb, P_LS, P_LC, &meta[1]) ||
        sr_mbuild_add(mb, P_META, meta, sizeof meta) ||
        ((fx & SR_PFX_CLUSTERS) && sr_mbuild_add(mb, P_CLCRC, &clcrc, sizeof clcrc)) ||
        ((fx & SR_PFX_STAG) && sr_mbuild_add(mb, P_STCRC, &o->stagger_crc, sizeof o->stagger_crc)) ||
        ((fx & SR_PFX_TMASK) && sr_mbuild_add(mb, P_TOFF, o->parser_off, sizeof o->parser_off)))
        goto out;
    st = SITREP_OK;
out:
    if (st == SITREP_E_NOMEM) sr_error_set(err, st, NULL, 0, 0, "out of memory while training the parser");
    if (have) { sr_ptrain_free(&tw); sr_ptrain_free(&lw); }
    if (haveW) { sr_ptrain_free(&TW); sr_ptrain_free(&LW); }
    S_free_tsents(tr, ntr);
    S_free_tsents(dv, ndv);
    free(order);
    free(mem);
    sr_scratch_free(&scr);
    return st;
}
