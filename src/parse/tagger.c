/* tagger.c - tagger, FEATS lexicon and lemmatizer (see tagger.h). */
#include "tagger.h"
#include <stdlib.h>
#include <string.h>
#include "parse/clusters.h"
#include "parse/memo.h"
#include "parse/ud.h"
#include "util/error.h"
#include "util/hash.h"

/* Section tags of the tagger in the model file. */
#define T_META SR_TAG('T', 'M', 'E', 'T')
#define T_CLS SR_TAG('T', 'C', 'L', 'S')
#define T_CFE SR_TAG('T', 'C', 'F', 'E')
#define T_WS SR_TAG('T', 'W', 'S', 'L')
#define T_WC SR_TAG('T', 'W', 'C', 'L')
#define T_LEX SR_TAG('T', 'L', 'E', 'X')
#define T_AMB SR_TAG('T', 'A', 'M', 'B')
#define T_LFORM SR_TAG('L', 'F', 'R', 'M')
#define T_LLOW SR_TAG('L', 'L', 'O', 'W')
#define T_LSUF SR_TAG('L', 'S', 'U', 'F')
#define T_FLEX SR_TAG('F', 'L', 'E', 'X')
#define T_ROFF SR_TAG('R', 'O', 'F', 'F')
#define T_RPOOL SR_TAG('R', 'P', 'O', 'L')
#define T_CLCRC SR_TAG('T', 'C', 'L', 'C') /* crc of the clusters file (SR_TFX_CLUSTERS) */
#define T_TOFF SR_TAG('T', 'T', 'O', 'F')  /* templates left out, u64 (SR_TFX_TMASK) */

#define VERBAL_MASK                                                                        \
    (SR_FEAT_TENSE_PAST | SR_FEAT_TENSE_PRES | SR_FEAT_VF_FIN | SR_FEAT_VF_INF |           \
     SR_FEAT_VF_PART | SR_FEAT_VF_GER | SR_FEAT_VOICE_PASS | SR_FEAT_MOOD_IND |            \
     SR_FEAT_MOOD_IMP | SR_FEAT_MOOD_SUB)

#define NFEAT 48
/* At most this many lexicon folds in training (sr_train_opts.lex_folds). */
#define S_MAX_LEX_FOLDS 32
/* Set in a lexicon value when the word is frequent and (nearly) always
 * has that class: the tagger then skips scoring it. */
#define SURE_BIT 0x80000000u
#define NONE_CLASS 0xFFFFu
#define START_CLASS 0xFFFEu

void *sr_scratch_get(sr_scratch *s, size_t n) {
    if (n > s->cap) {
        size_t nc = s->cap ? s->cap : 4096;
        while (nc < n) nc *= 2;
        void *p = realloc(s->p, nc);
        if (!p) return NULL;
        s->p = p;
        s->cap = nc;
    }
    return s->p;
}

void sr_scratch_free(sr_scratch *s) {
    free(s->p);
    s->p = NULL;
    s->cap = 0;
}

/* ------------------------------------------------------------- atoms */

typedef struct {
    uint64_t w, lw, suf[4], pre[3], shape;
    uint32_t mfc;
    uint32_t amb; /* UPOS values the word had in training (bit set), 0 unknown */
    uint32_t flags;
    uint32_t cc, cf; /* coarse and fine word cluster (+1; 0 unknown or no clusters) */
    uint32_t sure;   /* the lexicon's class mfc is sure (SURE_BIT): the tagger skips the word */
} S_atoms;

static inline unsigned char S_lc(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

uint64_t sr_word_hash(const char *form, size_t len) {
    uint64_t h = SR_HASH_SEED;
    for (size_t i = 0; i < len; i++) {
        h ^= S_lc((unsigned char)form[i]);
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static uint64_t S_lc_hash_tail(const char *s, size_t len, size_t k, uint64_t seed) {
    if (k > len) k = len;
    uint64_t h = seed;
    for (size_t i = len - k; i < len; i++) {
        h ^= S_lc((unsigned char)s[i]);
        h *= UINT64_C(0x100000001b3);
    }
    return sr_hash_mix(h, k);
}

/* The atoms that come from a model's lexicons (the word's most frequent
 * class and its UPOS set); the others depend on the word (and the
 * clusters) only. */
static void S_lex_atoms(const sr_map *amb, const sr_map *lex, S_atoms *a) {
    uint32_t v;
    int known = lex && sr_map_get(lex, sr_fkey(a->lw), &v);
    a->mfc = known ? (v & ~SURE_BIT) : NONE_CLASS;
    a->sure = known && (v & SURE_BIT);
    a->amb = (amb && sr_map_get(amb, sr_fkey(a->lw), &v)) ? v : 0;
}

/* The atoms of the word alone (all but the lexicon's). */
static void S_word_atoms(const sr_clusters *cl, const sr_token *t, S_atoms *a) {
    const char *f = t->form;
    size_t n = t->form_len;
    a->w = sr_hash_bytes(SR_HASH_SEED, f, n);
    a->lw = sr_word_hash(f, n);
    for (int k = 0; k < 4; k++) a->suf[k] = S_lc_hash_tail(f, n, (size_t)k + 1, 77);
    for (int k = 0; k < 3; k++) {
        size_t m = (size_t)k + 1 < n ? (size_t)k + 1 : n;
        a->pre[k] = sr_hash_mix(sr_hash_bytes(99, f, m), m);
    }
    char shape[16] = {0};
    size_t sl = 0;
    uint32_t fl = 0;
    char last = 0;
    for (size_t i = 0; i < n && sl < sizeof shape; i++) {
        unsigned char c = (unsigned char)f[i];
        char s;
        if (c >= 'A' && c <= 'Z') s = 'X', fl |= 1;
        else if (c >= 'a' && c <= 'z') s = 'x', fl |= 2;
        else if (c >= '0' && c <= '9') s = 'd', fl |= 4;
        else if (c >= 0x80) s = 'u', fl |= 8;
        else s = (char)c, fl |= c == '-' ? 16 : 32;
        if (s != last) shape[sl++] = s;
        last = s;
    }
    if (n && f[0] >= 'A' && f[0] <= 'Z') fl |= 64;
    a->shape = sr_hash_bytes(SR_HASH_SEED, shape, sl);
    a->flags = fl;
    /* a word the clusters do not know gets a pseudo-class from its shape
     * (values above 0xFFFF, never a real class): one class "unknown"
     * would lump the names a news text is full of ("Zelenskyy",
     * "Osgiliath") with the punctuation and numbers that make up most of
     * the unknown training tokens, and tag them as those */
    uint32_t cv = sr_clusters_get(cl, a->lw);
    if (cl && !cv) a->cc = a->cf = 0x10000u | (uint32_t)(a->shape & 0xFFFF);
    else { a->cc = sr_cl_coarse(cv); a->cf = sr_cl_fine(cv); }
}

static void S_make_atoms(const sr_map *amb, const sr_map *lex, const sr_clusters *cl, const sr_token *t, S_atoms *a) {
    S_word_atoms(cl, t, a);
    S_lex_atoms(amb, lex, a);
}

static const S_atoms S_pad_start = {11, 11, {11, 11, 11, 11}, {11, 11, 11}, 11, START_CLASS, 1u << 30, 0, 0xFFF1, 0xFFF1, 0};
static const S_atoms S_pad_end = {13, 13, {13, 13, 13, 13}, {13, 13, 13}, 13, START_CLASS - 1, 1u << 29, 0, 0xFFF2, 0xFFF2, 0};

static inline uint64_t F1(uint64_t t, uint64_t a) { return sr_fkey(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a)); }
static inline uint64_t F2(uint64_t t, uint64_t a, uint64_t b) {
    return sr_fkey(sr_hash_mix(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a), b));
}
static inline uint64_t F3(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
    return sr_fkey(sr_hash_mix(sr_hash_mix(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a), b), c));
}

/* The tagger's feature templates. Each reads the atoms of one word of
 * the +-2 window, or of two, or the two previous classes; S_tkey makes
 * template id's key for token i (c its atoms, m1/m2 the words before,
 * n1/n2 after). One definition serves the training order (S_features)
 * and the run-time split into per-word parts (S_role_keys) and the rest
 * (S_rest_keys). */
static inline __attribute__((always_inline)) uint64_t S_tkey(int id, const S_atoms *at, long i, uint32_t p1,
                                                             uint32_t p2) {
    /* only the atoms a template reads are addressed (a word at the edge
     * of its window has no neighbours in memory) */
#define c (&at[i])
#define m1 (&at[i - 1])
#define m2 (&at[i - 2])
#define n1 (&at[i + 1])
#define n2 (&at[i + 2])
    switch (id) {
    case 1: return F1(1, 0);
    case 2: return F1(2, c->w);
    case 3: return F1(3, c->lw);
    case 4: case 5: case 6: case 7: return F1((uint64_t)id, c->suf[id - 4]);
    case 8: case 9: case 10: return F1((uint64_t)id, c->pre[id - 8]);
    case 11: return F1(11, c->shape);
    case 12: return F1(12, m1->lw);
    case 13: return F1(13, m2->lw);
    case 14: return F1(14, n1->lw);
    case 15: return F1(15, n2->lw);
    case 16: return F1(16, m1->suf[2]);
    case 17: return F1(17, n1->suf[2]);
    case 18: return F1(18, n1->shape);
    case 19: return F1(19, m1->shape);
    case 20: return F1(20, p1);
    case 21: return F2(21, p1, p2);
    case 22: return F2(22, p1, c->lw);
    case 23: return F2(23, c->lw, n1->lw);
    case 24: return F2(24, m1->lw, c->lw);
    case 25: return F1(25, n1->mfc);
    case 26: return F1(26, n2->mfc);
    case 27: return F1(27, c->mfc);
    case 28: return F2(28, p1, n1->mfc);
    case 29: return F2(29, c->mfc, n1->mfc);
    case 30: return F2(30, c->flags, i == 0);
    case 31: return F2(31, c->suf[2], p1);
    case 34: return F1(34, n1->amb);
    case 36: return F3(36, p1, n1->amb, n2->amb);
    /* word clusters (SR_TFX_CLUSTERS; EWT dev UPOS of a single tagger
     * 95.09 -> 95.45: docs/parser.md, Round 7) */
    case 40: return F1(40, c->cf);
    case 41: return F1(41, c->cc);
    case 42: return F1(42, n1->cf);
    case 43: return F1(43, m1->cf);
    case 44: return F2(44, p1, c->cf);
    case 45: return F2(45, c->cf, n1->cf);
    case 46: return F2(46, c->cc, c->suf[2]);
    default: return 0; /* not reached: ids come from the lists below */
    }
#undef c
#undef m1
#undef m2
#undef n1
#undef n2
}

/* Template ids in training order (the order keys are made in decides
 * which slot a feature gets while training, so the model checksums);
 * ids from 40 on need SR_TFX_CLUSTERS. */
static const uint8_t S_tpl_all[] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                                    21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 36, 40, 41, 42, 43, 44, 45, 46};
/* The templates that read one word only, by the role of that word: the
 * word tagged, the word before it, the word after it (S_memo); and the
 * rest. Together: S_tpl_all (tested). */
static const uint8_t S_tpl_c[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 27, 40, 41, 46};
static const uint8_t S_tpl_m1[] = {12, 16, 19, 43};
static const uint8_t S_tpl_n1[] = {14, 17, 18, 25, 34, 42};
static const uint8_t S_tpl_rest[] = {13, 15, 20, 21, 22, 23, 24, 26, 28, 29, 30, 31, 36, 44, 45};
#define S_NTPL(a) (sizeof(a) / sizeof *(a))

/* Whether the model uses template id, given its mask off (SR_TFX_TMASK,
 * bit id; 0: it uses them all), and its feature set fx. */
static inline int S_tuse(int id, unsigned fx, uint64_t off) {
    return !((off >> id) & 1u) && (id < 40 || (fx & SR_TFX_CLUSTERS));
}

/* Keys of the templates ids[0..nid) the model uses, for token i given
 * atoms at[-2..n+2) (at points at index 0) and the two previous classes.
 * Inlined with constant lists, the loop and the switch fold away;
 * inlined twice, once with off a constant 0, so a model without a mask
 * pays nothing for it. */
static inline __attribute__((always_inline)) size_t S_keys_body(const uint8_t *ids, size_t nid, const S_atoms *at,
                                                                long i, uint32_t p1, uint32_t p2, unsigned fx,
                                                                uint64_t off, uint64_t *k) {
    size_t j = 0;
#pragma GCC unroll 48
    for (size_t t = 0; t < nid; t++)
        if (S_tuse(ids[t], fx, off)) k[j++] = S_tkey(ids[t], at, i, p1, p2);
    return j;
}

/* All features of token i, in training order. Returns the number of keys. */
static size_t S_features(const S_atoms *at, size_t i, size_t n, uint32_t p1, uint32_t p2, unsigned fx, uint64_t off,
                         uint64_t *k) {
    (void)n;
    return off ? S_keys_body(S_tpl_all, S_NTPL(S_tpl_all), at, (long)i, p1, p2, fx, off, k)
               : S_keys_body(S_tpl_all, S_NTPL(S_tpl_all), at, (long)i, p1, p2, fx, 0, k);
}

/* The features of token i that read more than one word or the previous
 * classes (S_tpl_rest). */
static size_t S_rest_keys(const S_atoms *at, size_t i, uint32_t p1, uint32_t p2, unsigned fx, uint64_t off,
                          uint64_t *k) {
    return off ? S_keys_body(S_tpl_rest, S_NTPL(S_tpl_rest), at, (long)i, p1, p2, fx, off, k)
               : S_keys_body(S_tpl_rest, S_NTPL(S_tpl_rest), at, (long)i, p1, p2, fx, 0, k);
}

/* The features that read word a alone in role r (S_ROLE_*): those of the
 * token a itself, of the token after a (a its word before), of the token
 * before a. Their keys do not depend on anything else (the atoms of the
 * other positions passed are never read). */
enum { S_ROLE_C, S_ROLE_M1, S_ROLE_N1, S_NROLES };
static size_t S_role_keys(const S_atoms *a, int r, unsigned fx, uint64_t off, uint64_t *k) {
    /* a is the token (i = 0), the word before token 1, or the word after
     * token -1 */
    if (r == S_ROLE_C) return S_keys_body(S_tpl_c, S_NTPL(S_tpl_c), a, 0, 0, 0, fx, off, k);
    if (r == S_ROLE_M1) return S_keys_body(S_tpl_m1, S_NTPL(S_tpl_m1), a, 1, 0, 0, fx, off, k);
    return S_keys_body(S_tpl_n1, S_NTPL(S_tpl_n1), a, -1, 0, 0, fx, off, k);
}

/* ------------------------------------------------------------- lemmas */

/* Copies `form` with the apostrophe look-alikes U+2019, U+2018, U+02BC and
 * U+2032 as ASCII "'" into buf (cap bytes); returns the new length, or 0
 * when there is none (or no room), so the caller keeps the form. */
static size_t S_ascii_apostrophes(const char *form, size_t n, char *buf, size_t cap) {
    size_t o = 0, changed = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)form + i;
        size_t k = 0;
        if (i + 3 <= n && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0xB2)) k = 3;
        else if (i + 2 <= n && u[0] == 0xCA && u[1] == 0xBC) k = 2;
        if (o + 1 > cap) return 0;
        if (k) { buf[o++] = '\''; i += k; changed++; }
        else buf[o++] = form[i++];
    }
    return changed ? o : 0;
}

/* Applies rule "<strip+1><mode><append>" to the n bytes of form. Returns
 * NULL when the strip would cut a multibyte character in half (the rule
 * was learned on other bytes) or on arena failure. */
static char *S_apply_rule_bytes(const char *r, const char *form, size_t n, sr_arena *arena) {
    size_t strip = (unsigned char)r[0] - 1u;
    char mode = r[1];
    const char *app = r + 2;
    size_t alen = strlen(app);
    if (strip > n) strip = n;
    /* form[n - strip] is the first byte cut; with strip 0 nothing is cut
     * and form[n] is not ours to read (past a token, or uninitialized in
     * S_ascii_apostrophes' buffer: found by clang-analyzer) */
    if (strip > 0 && strip < n && ((unsigned char)form[n - strip] & 0xC0) == 0x80) return NULL;
    char *out = sr_arena_alloc(arena, n - strip + alen + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n - strip; i++)
        out[i] = mode == 'l' ? (char)S_lc((unsigned char)form[i]) : form[i];
    memcpy(out + n - strip, app, alen + 1);
    return out;
}

static char *S_apply_rule(const sr_tagger *tg, uint32_t rule, const sr_token *t, sr_arena *arena) {
    const char *r = tg->rule_pool + tg->rule_off[rule];
    char *out = S_apply_rule_bytes(r, t->form, t->form_len, arena);
    if (!out) {
        /* Rules count bytes, and one learned on "'re" (strip 3, append
         * "be") would cut the 3-byte apostrophe of a given "’re" in half,
         * which is not even UTF-8. Raw text reaches here with ASCII
         * apostrophes (the tokenizer's forms), CoNLL-U input with its own;
         * so retry with ASCII apostrophes, else the form is its own lemma. */
        char buf[64];
        size_t m = S_ascii_apostrophes(t->form, t->form_len, buf, sizeof buf);
        if (m) out = S_apply_rule_bytes(r, buf, m, arena);
        if (!out) return sr_arena_strndup(arena, t->form, t->form_len);
    }
    if (out[0] == '\0') { /* never an empty lemma */
        return sr_arena_strndup(arena, t->form, t->form_len);
    }
    return out;
}

static uint64_t S_lem_form_key(const char *f, size_t n, unsigned xpos) {
    return sr_fkey(sr_hash_mix(sr_hash_bytes(SR_HASH_SEED, f, n), 1000 + xpos));
}
static uint64_t S_lem_low_key(uint64_t lw, unsigned xpos) { return sr_fkey(sr_hash_mix(lw, 2000 + xpos)); }
static uint64_t S_lem_suf_key(const char *f, size_t n, size_t k, unsigned xpos) {
    return sr_fkey(sr_hash_mix(S_lc_hash_tail(f, n, k, 5), 3000 + xpos));
}
static uint64_t S_feat_key(uint64_t lw, uint32_t cls) { return sr_fkey(sr_hash_mix(lw, 50000 + cls)); }

static uint32_t S_lemma_rule(const sr_tagger *tg, const sr_token *t, uint64_t lw, unsigned xpos) {
    uint32_t r;
    if (sr_map_get(&tg->lem_form, S_lem_form_key(t->form, t->form_len, xpos), &r)) return r;
    if (sr_map_get(&tg->lem_low, S_lem_low_key(lw, xpos), &r)) return r;
    size_t maxk = t->form_len < 6 ? t->form_len : 6;
    for (size_t k = maxk + 1; k-- > 0;)
        if (sr_map_get(&tg->lem_suf, S_lem_suf_key(t->form, t->form_len, k, xpos), &r)) return r;
    return UINT32_MAX;
}

/* ------------------------------------------------------------ inference */

int sr_tagger_from(sr_tagger *tg, const sr_mfile *f) {
    size_t n;
    tg->uid = 0;
    const float *meta = sr_mfile_section(f, T_META, &n);
    if (!meta || n < 2 * sizeof(float)) return -1;
    tg->fx = n >= 3 * sizeof(float) ? (unsigned)meta[2] : 0u;
    if (tg->fx & ~(unsigned)SR_TFX_ALL) return -2;
    tg->cl = NULL;
    tg->cl_crc = 0;
    if ((tg->fx & SR_TFX_CLUSTERS) && sr_mfile_u32(f, T_CLCRC, &tg->cl_crc)) return -1;
    tg->off = 0;
    if (tg->fx & SR_TFX_TMASK) {
        size_t on;
        const void *off = sr_mfile_section(f, T_TOFF, &on);
        if (!off || on != sizeof tg->off) return -1;
        memcpy(&tg->off, off, sizeof tg->off);
    }
    tg->stag_cap = 0;
    if ((tg->fx & SR_TFX_STAG) && n >= 4 * sizeof(float)) {
        if (!(meta[3] >= 0 && meta[3] <= 4096) || (float)(uint32_t)meta[3] != meta[3]) return -1;
        tg->stag_cap = (uint32_t)meta[3];
    }
    tg->classes = sr_mfile_section(f, T_CLS, &n);
    if (!tg->classes || n % sizeof(sr_tclass) || n == 0) return -1;
    tg->nclass = (uint32_t)(n / sizeof(sr_tclass));
    if (tg->nclass > 4096) return -1;
    tg->class_feats = sr_mfile_section(f, T_CFE, &n);
    if (!tg->class_feats || n != tg->nclass * sizeof(uint32_t)) return -1;
    for (uint32_t i = 0; i < tg->nclass; i++) {
        if (tg->classes[i].upos >= SR_UPOS_COUNT || tg->classes[i].xpos >= SR_XPOS_COUNT) return -1;
        /* a supertagger's classes must decode to supertags */
        if ((tg->fx & SR_TFX_STAG) && (tg->classes[i].upos == 0 || tg->classes[i].xpos == 0 ||
                                       sr_stag_of_class(&tg->classes[i]) >= SR_STAG_COUNT))
            return -1;
    }
    if (sr_stab_from(&tg->w, f, T_WS, T_WC, meta[0])) return -1;
    for (size_t i = 0; i < tg->w.ncells; i++)
        if (tg->w.cells[i].cls >= tg->nclass) return -1;
    if (sr_map_from(&tg->lex, f, T_LEX) || sr_map_from(&tg->amb, f, T_AMB) || sr_map_from(&tg->lem_form, f, T_LFORM) ||
        sr_map_from(&tg->lem_low, f, T_LLOW) || sr_map_from(&tg->lem_suf, f, T_LSUF) ||
        sr_map_from(&tg->feat_lex, f, T_FLEX))
        return -1;
    tg->rule_off = sr_mfile_section(f, T_ROFF, &n);
    if (!tg->rule_off || n % 4) return -1;
    tg->nrules = (uint32_t)(n / 4);
    tg->rule_pool = sr_mfile_section(f, T_RPOOL, &tg->rule_pool_len);
    if (!tg->rule_pool || tg->rule_pool_len == 0 || tg->rule_pool[tg->rule_pool_len - 1] != '\0') return -1;
    for (uint32_t i = 0; i < tg->nrules; i++)
        if (tg->rule_off[i] + 2 >= tg->rule_pool_len) return -1;
    /* map values must index what they point to */
    const sr_map *rm[3] = {&tg->lem_form, &tg->lem_low, &tg->lem_suf};
    for (int m = 0; m < 3; m++)
        for (size_t i = 0; i <= rm[m]->mask; i++)
            if (rm[m]->slots[i].fp && rm[m]->slots[i].val >= tg->nrules) return -1;
    for (size_t i = 0; i <= tg->lex.mask; i++)
        if (tg->lex.slots[i].fp && (tg->lex.slots[i].val & ~SURE_BIT) >= tg->nclass) return -1;
    tg->uid = sr_memo_new_owner();
    return 0;
}

uint32_t sr_tagger_class_of(const sr_tagger *tg, const sr_token *t) {
    for (uint32_t i = 0; i < tg->nclass; i++)
        if (tg->classes[i].upos == t->upos && tg->classes[i].xpos == t->xpos &&
            tg->classes[i].feats == (t->feats & VERBAL_MASK))
            return i;
    return UINT32_MAX;
}

static void S_finish_token(const sr_tagger *tg, sr_token *t, uint32_t c, uint64_t lw) {
    t->upos = tg->classes[c].upos;
    t->xpos = tg->classes[c].xpos;
    uint32_t fv;
    uint32_t feats = sr_map_get(&tg->feat_lex, S_feat_key(lw, c), &fv) ? fv : tg->class_feats[c];
    t->feats = (feats & ~(uint32_t)VERBAL_MASK) | tg->classes[c].feats;
}

int sr_tagger_tag(const sr_tagger *tg, sr_token *toks, size_t n, uint32_t *cls, sr_arena *arena,
                  sr_scratch *scratch) {
    sr_tag_job job = {toks, n, cls};
    return sr_tagger_tag_many(tg, &job, 1, arena, scratch);
}

/* ------------------------------------------------- per-word score memo
 *
 * 25 of the tagger's 40 templates read one word of the window alone
 * (S_tpl_c, S_tpl_m1, S_tpl_n1). A thread keeps (memo.h), for the model
 * it tags with, the three sums of those rows for the word types it met
 * last (the word as the token tagged, as the word before it, as the word
 * after it) and the word's lexicon atoms, and tags a token from those
 * three vectors and the table rows of the other 15 templates: 3 reads of
 * a few lines instead of 25 probes of a slot and a row each. An entry is
 * keyed by the word's two hashes and its shape flags (every atom is a
 * function of the form and the model; the padding words have hashes 11
 * and 13 and no flags, which no word has). Memory: 4096 entries of 1,600
 * bytes for 128 classes, 6.5 MB per model and thread. */
#define S_MEMO_MAXW 512u
typedef struct {
    uint64_t w, lw;
    uint32_t flags;
    uint32_t state;          /* 0 empty, 1 sums kept */
    uint64_t batch;          /* the last S_tag_many call that used it */
    uint32_t mfc, amb, sure; /* the word's lexicon atoms (S_lex_atoms) */
    uint32_t pad;
} S_mhead;
typedef sr_memo S_memo;

/* This thread's memo for tg with score vectors of stride classes, or
 * NULL (memos off, no memory, or a table without dense rows). */
static S_memo *S_memo_for(const sr_tagger *tg, size_t stride) {
    if (!tg->uid || !tg->w.dense || stride != tg->w.dstride || stride > S_MEMO_MAXW) return NULL;
    /* everything the sums depend on besides the owner: a copy of a
     * tagger with other clusters, lexicons or tables is another memo */
    uint64_t ident = sr_hash_mix(sr_hash_mix(tg->off, tg->fx), stride);
    ident = sr_hash_mix(sr_hash_mix(ident, (uint64_t)(uintptr_t)tg->cl), (uint64_t)(uintptr_t)tg->w.slots);
    ident = sr_hash_mix(sr_hash_mix(ident, (uint64_t)(uintptr_t)tg->lex.slots), (uint64_t)(uintptr_t)tg->amb.slots);
    return sr_memo_for(tg->uid, ident, sizeof(S_mhead) + (size_t)S_NROLES * stride * sizeof(int32_t));
}

static inline unsigned char *S_memo_slot(const S_memo *mo, const S_atoms *a) {
    uint64_t h = sr_hash_mix(a->w ^ (a->lw * UINT64_C(0x9E3779B97F4A7C15)), a->flags);
    return sr_memo_entry(mo, h);
}

/* Looks word a up in the memo: the entry's three role sums (S_NROLES x
 * stride), and a's lexicon atoms (from the entry, or looked up when lex;
 * else a's are kept: the padding words). A new word takes its entry at
 * once and *fill is set: its sums are computed by S_memo_fill before they
 * are read (a word met twice in a batch finds its entry taken by
 * itself). NULL when the entry holds another word of the same batch
 * (whose sums are still to be read): then a's rows are probed. */
static int32_t *S_memo_look(S_memo *mo, const sr_tagger *tg, S_atoms *a, int lex, int *fill) {
    unsigned char *e = S_memo_slot(mo, a);
    S_mhead *h = (S_mhead *)(void *)e;
    int32_t *v = (int32_t *)(void *)(e + sizeof *h);
    *fill = 0;
    if (h->state && h->w == a->w && h->lw == a->lw && h->flags == a->flags) {
        h->batch = mo->batch;
        (*mo->hits)++;
        a->mfc = h->mfc;
        a->amb = h->amb;
        a->sure = h->sure;
        return v;
    }
    if (lex) S_lex_atoms(&tg->amb, &tg->lex, a);
    (*mo->misses)++;
    if (h->state && h->batch == mo->batch) return NULL;
    h->w = a->w;
    h->lw = a->lw;
    h->flags = a->flags;
    h->mfc = a->mfc;
    h->amb = a->amb;
    h->sure = a->sure;
    h->batch = mo->batch;
    h->state = 1;
    *fill = 1;
    return v;
}

/* Computes the role sums of the n new words as[i] into vs[i], 8 words at
 * a time in three rounds (make the keys and prefetch their slots, find
 * the rows and prefetch them, add them), so that their cache misses
 * overlap as the tagging loop's do. */
#define S_FILL_CHUNK 8
static void S_memo_fill(const sr_tagger *tg, const S_atoms *const *as, int32_t *const *vs, size_t n) {
    uint32_t stride = tg->w.dstride;
    uint64_t k[S_FILL_CHUNK][S_NROLES][16];
    size_t nk[S_FILL_CHUNK][S_NROLES], nr[S_FILL_CHUNK][S_NROLES];
    const sr_sslot *sp[S_FILL_CHUNK][S_NROLES][16];
    for (size_t c0 = 0; c0 < n; c0 += S_FILL_CHUNK) {
        size_t m = n - c0 < S_FILL_CHUNK ? n - c0 : S_FILL_CHUNK;
        for (size_t i = 0; i < m; i++)
            for (int r = 0; r < S_NROLES; r++) {
                nk[i][r] = S_role_keys(as[c0 + i], r, tg->fx, tg->off, k[i][r]);
                for (size_t x = 0; x < nk[i][r]; x++) __builtin_prefetch(&tg->w.slots[k[i][r][x] & tg->w.mask]);
            }
        for (size_t i = 0; i < m; i++)
            for (int r = 0; r < S_NROLES; r++) nr[i][r] = sr_stab_find_many(&tg->w, k[i][r], nk[i][r], sp[i][r]);
        for (size_t i = 0; i < m; i++)
            for (int r = 0; r < S_NROLES; r++) {
                int32_t *sum = vs[c0 + i] + (size_t)r * stride;
                memset(sum, 0, stride * sizeof *sum);
                sr_stab_add_rows(&tg->w, sp[i][r], nr[i][r], sum);
            }
    }
}

/* Per-sentence state of sr_tagger_tag_many. */
typedef struct {
    S_atoms *at;
    int32_t *scores;
    size_t i, nk;
    uint32_t p1, p2, best;
    int sure;
    size_t nrow;
    uint64_t keys[NFEAT];
    const sr_sslot *rows[NFEAT];
    /* with the memo: the role sums of the words at -1..n (mv[i], NULL:
     * probe that word's rows), and the ones this token adds */
    const int32_t *const *mv;
    const int32_t *xr[S_NROLES];
    size_t nx;
} S_tjob;

/* write = 0: classes only (sr_tagger_classify_many); reuse = 1: the
 * scratch holds the word atoms of these jobs from the call just before
 * (sr_tagger_classify_many_after). */
static int S_tag_many(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_arena *arena, sr_scratch *scratch,
                      int write, int reuse) {
    if (njobs > SR_TAGGER_MAX_JOBS) return -1;
    size_t slen = sr_stab_score_len(&tg->w, tg->nclass), natoms = 0;
    for (size_t j = 0; j < njobs; j++) natoms += jobs[j].n + 4;
    S_memo *mo = S_memo_for(tg, slen);
    /* the atoms lead the buffer (sr_tagger_classify_many_after), then the
     * score vectors, then the memo pointers */
    size_t sbytes = (njobs * slen * sizeof(int32_t) + 63) / 64 * 64;
    S_atoms *base = sr_scratch_get(scratch, natoms * sizeof(S_atoms) + sbytes + (mo ? 3 * natoms * sizeof(void *) : 0) + 64);
    if (!base) return -1;
    int32_t *scores0 = (int32_t *)(void *)(base + natoms);
    /* with the memo: the sums of every word (mv0), and the new words
     * whose sums are computed before tagging (fa, fv: nfill of them) */
    const int32_t **mv0 = mo ? (const int32_t **)(void *)((unsigned char *)scores0 + sbytes) : NULL;
    const S_atoms **fa = mo ? (const S_atoms **)(void *)(mv0 + natoms) : NULL;
    int32_t **fv = mo ? (int32_t **)(void *)(fa + natoms) : NULL;
    size_t nfill = 0;
    if (mo) mo->batch++;
    S_tjob st[SR_TAGGER_MAX_JOBS];
    S_atoms *nextat = base;
    for (size_t j = 0; j < njobs; j++) {
        size_t n = jobs[j].n;
        S_atoms *at = nextat + 2;
        nextat += n + 4;
        at[-2] = at[-1] = S_pad_start;
        at[n] = at[n + 1] = S_pad_end;
        if (!reuse)
            for (size_t i = 0; i < n; i++) S_word_atoms(tg->cl, &jobs[j].toks[i], &at[i]);
        if (!mo)
            for (size_t i = 0; i < n; i++) S_lex_atoms(&tg->amb, &tg->lex, &at[i]);
        st[j].at = at;
        st[j].scores = scores0 + j * slen;
        st[j].i = 0;
        st[j].p1 = st[j].p2 = START_CLASS;
        st[j].mv = NULL;
        if (mo) {
            /* mv[i] for i in -1..n: the padding words count as words */
            const int32_t **mv = mv0 + (at - base) - 1;
            for (long i = -1; i <= (long)n; i++) __builtin_prefetch(S_memo_slot(mo, &at[i]));
            for (long i = -1; i <= (long)n; i++) {
                int fill;
                int32_t *v = S_memo_look(mo, tg, &at[i], i >= 0 && i < (long)n, &fill);
                mv[i + 1] = v;
                if (fill) { fa[nfill] = &at[i]; fv[nfill++] = v; }
            }
            st[j].mv = mv + 1;
        }
    }
    if (nfill) S_memo_fill(tg, fa, fv, nfill);
    /* sentences advance one token each in lockstep: the slots of every
     * sentence's features are prefetched before any is scored */
    for (;;) {
        size_t active = 0;
        for (size_t j = 0; j < njobs; j++) {
            S_tjob *t = &st[j];
            if (t->i >= jobs[j].n) continue;
            active++;
            t->sure = (int)t->at[t->i].sure;
            if (t->sure) {
                t->best = t->at[t->i].mfc;
                continue;
            }
            t->nx = 0;
            if (t->mv) {
                /* the rest, the memo's sums, and the rows of a word
                 * whose sums are not kept */
                size_t i = t->i, nk = S_rest_keys(t->at, i, t->p1, t->p2, tg->fx, tg->off, t->keys);
                const int32_t *mv;
                if ((mv = t->mv[i])) t->xr[t->nx++] = mv;
                else nk += S_role_keys(&t->at[i], S_ROLE_C, tg->fx, tg->off, t->keys + nk);
                if ((mv = t->mv[(long)i - 1])) t->xr[t->nx++] = mv + (size_t)S_ROLE_M1 * slen;
                else nk += S_role_keys(&t->at[(long)i - 1], S_ROLE_M1, tg->fx, tg->off, t->keys + nk);
                if ((mv = t->mv[i + 1])) t->xr[t->nx++] = mv + (size_t)S_ROLE_N1 * slen;
                else nk += S_role_keys(&t->at[i + 1], S_ROLE_N1, tg->fx, tg->off, t->keys + nk);
                t->nk = nk;
                for (size_t x = 0; x < t->nx; x++)
                    for (size_t b = 0; b < slen * sizeof(int32_t); b += 64) __builtin_prefetch((const char *)t->xr[x] + b);
            } else {
                t->nk = S_features(t->at, t->i, jobs[j].n, t->p1, t->p2, tg->fx, tg->off, t->keys);
            }
            for (size_t k = 0; k < t->nk; k++) __builtin_prefetch(&tg->w.slots[t->keys[k] & tg->w.mask]);
        }
        if (!active) break;
        /* second round: find the rows (slots now cached), prefetch them */
        for (size_t j = 0; j < njobs; j++) {
            S_tjob *t = &st[j];
            if (t->i < jobs[j].n && !t->sure) t->nrow = sr_stab_find_many(&tg->w, t->keys, t->nk, t->rows);
        }
        for (size_t j = 0; j < njobs; j++) {
            S_tjob *t = &st[j];
            size_t i = t->i;
            if (i >= jobs[j].n) continue;
            uint32_t best = t->best;
            if (!t->sure) {
                memset(t->scores, 0, slen * sizeof(int32_t));
                sr_stab_add_rows_x(&tg->w, t->rows, t->nrow, t->xr, t->nx, t->scores);
                best = sr_argmax_i32(t->scores, tg->nclass);
            }
            sr_token *tok = &jobs[j].toks[i];
            jobs[j].cls[i] = best;
            if (write) S_finish_token(tg, tok, best, t->at[i].lw);
            if (write && arena) {
                uint32_t r = S_lemma_rule(tg, tok, t->at[i].lw, tok->xpos);
                tok->lemma = r == UINT32_MAX ? sr_arena_strndup(arena, tok->form, tok->form_len)
                                             : S_apply_rule(tg, r, tok, arena);
                if (!tok->lemma) return -1;
            }
            t->p2 = t->p1;
            t->p1 = best;
            t->i++;
        }
    }
    return 0;
}

int sr_tagger_tag_many(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_arena *arena,
                       sr_scratch *scratch) {
    return S_tag_many(tg, jobs, njobs, arena, scratch, 1, 0);
}

int sr_tagger_classify_many(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_scratch *scratch) {
    return S_tag_many(tg, jobs, njobs, NULL, scratch, 0, 0);
}

int sr_tagger_classify_many_after(const sr_tagger *tg, sr_tag_job *jobs, size_t njobs, sr_scratch *scratch) {
    /* the atoms lead the scratch buffer and are laid out by the jobs
     * alone; a larger score area for this model reallocates the buffer,
     * which keeps its contents */
    return S_tag_many(tg, jobs, njobs, NULL, scratch, 0, 1);
}

unsigned sr_stag_gold(const sr_token *toks, size_t n, size_t i) {
    unsigned ch = 0;
    for (size_t j = 0; j < n; j++)
        if (toks[j].head > 0 && (size_t)toks[j].head == i + 1) ch |= j < i ? SR_STAG_HAS_LEFT : SR_STAG_HAS_RIGHT;
    int h = toks[i].head;
    if (h <= 0 || (size_t)h > n || toks[i].deprel == SR_DEP_ROOT) return sr_stag_id(SR_DEP_ROOT, SR_STAG_ROOT, ch);
    return sr_stag_id(sr_deprel_universal(toks[i].deprel), (size_t)h - 1 < i ? SR_STAG_LEFT : SR_STAG_RIGHT, ch);
}

/* ------------------------------------------------------------- training */

typedef struct { uint64_t key; uint32_t val; } S_pair;

static int S_cmp_pair(const void *a, const void *b) {
    const S_pair *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->val < y->val ? -1 : x->val > y->val;
}

typedef struct { S_pair *p; size_t n, cap; } S_pairs;

static int S_pairs_add(S_pairs *ps, uint64_t key, uint32_t val) {
    if (ps->n == ps->cap) {
        size_t nc = ps->cap ? ps->cap * 2 : 4096;
        S_pair *q = realloc(ps->p, nc * sizeof *q);
        if (!q) return -1;
        ps->p = q;
        ps->cap = nc;
    }
    ps->p[ps->n].key = key;
    ps->p[ps->n].val = val;
    ps->n++;
    return 0;
}

/* Reduces pairs to (key, most frequent val, count, total) in place: returns the
 * number of keys; counts[i] = count of the best value, totals[i] = all. */
static size_t S_pairs_best(S_pairs *ps, uint32_t *counts, uint32_t *totals) {
    if (ps->n == 0) return 0;
    qsort(ps->p, ps->n, sizeof(S_pair), S_cmp_pair);
    size_t out = 0, i = 0;
    while (i < ps->n) {
        size_t j = i;
        uint32_t bestv = 0, bestc = 0;
        while (j < ps->n && ps->p[j].key == ps->p[i].key) {
            size_t k = j;
            while (k < ps->n && ps->p[k].key == ps->p[j].key && ps->p[k].val == ps->p[j].val) k++;
            if (k - j > bestc) { bestc = (uint32_t)(k - j); bestv = ps->p[j].val; }
            j = k;
        }
        counts[out] = bestc;
        totals[out] = (uint32_t)(j - i);
        ps->p[out].key = ps->p[i].key;
        ps->p[out].val = bestv;
        out++;
        i = j;
    }
    ps->n = out;
    return out;
}

/* Rule inventory: strings "<strip+1><mode><append>" interned. */
typedef struct { sr_buf pool; uint32_t *off; uint64_t *hash; size_t n, cap; } S_rules;

static uint32_t S_rule_intern(S_rules *R, const char *s, size_t n) {
    uint64_t h = sr_hash_bytes(SR_HASH_SEED, s, n);
    for (size_t i = 0; i < R->n; i++)
        if (R->hash[i] == h) return (uint32_t)i;
    if (R->n == R->cap) {
        size_t nc = R->cap ? R->cap * 2 : 256;
        uint32_t *o = realloc(R->off, nc * sizeof *o);
        if (!o) return UINT32_MAX;
        R->off = o;
        uint64_t *hh = realloc(R->hash, nc * sizeof *hh);
        if (!hh) return UINT32_MAX;
        R->hash = hh;
        R->cap = nc;
    }
    R->off[R->n] = (uint32_t)R->pool.len;
    R->hash[R->n] = h;
    if (sr_buf_append(&R->pool, s, n) || sr_buf_putc(&R->pool, '\0')) return UINT32_MAX;
    return (uint32_t)R->n++;
}

/* The edit rule turning t->form into t->lemma. */
static uint32_t S_rule_for(S_rules *R, const sr_token *t) {
    const char *f = t->form, *l = t->lemma;
    size_t n = t->form_len, ln = strlen(l);
    size_t pk = 0, pl = 0;
    while (pk < n && pk < ln && f[pk] == l[pk]) pk++;
    while (pl < n && pl < ln && S_lc((unsigned char)f[pl]) == (unsigned char)l[pl]) pl++;
    int lower = pl > pk;
    size_t p = lower ? pl : pk;
    size_t strip = n - p;
    if (strip > 250) strip = 250;
    char buf[300];
    if (ln - p > 280) return UINT32_MAX;
    buf[0] = (char)(strip + 1);
    buf[1] = lower ? 'l' : 'k';
    memcpy(buf + 2, l + p, ln - p);
    return S_rule_intern(R, buf, 2 + ln - p);
}

typedef struct {
    sr_tclass cls[1024];
    uint32_t n;
} S_classes;

static uint32_t S_class_id(S_classes *C, const sr_token *t, int add) {
    for (uint32_t i = 0; i < C->n; i++)
        if (C->cls[i].upos == t->upos && C->cls[i].xpos == t->xpos && C->cls[i].feats == (t->feats & VERBAL_MASK))
            return i;
    if (!add || C->n >= 1024) return UINT32_MAX;
    C->cls[C->n].upos = t->upos;
    C->cls[C->n].pad = 0;
    C->cls[C->n].xpos = t->xpos;
    C->cls[C->n].feats = t->feats & VERBAL_MASK;
    return C->n++;
}

typedef struct {
    const sr_token *toks;
    size_t n;
} S_sent;

/* The sentences of as[0..na) into *out. With stags, the tokens are
 * copies (into *copies, for the caller to free) whose class is their
 * gold supertag and which have no lemma: the supertagger's training
 * tokens. */
static size_t S_collect(sitrep_article *const *as, size_t na, S_sent **out, int stags, sr_token **copies) {
    size_t total = 0, ntok = 0;
    for (size_t i = 0; i < na; i++) {
        total += as[i]->nsents;
        for (size_t j = 0; j < as[i]->nsents; j++) ntok += as[i]->sents[j].ntok;
    }
    S_sent *s = malloc((total ? total : 1) * sizeof *s);
    sr_token *cp = stags ? malloc((ntok ? ntok : 1) * sizeof *cp) : NULL;
    if (!s || (stags && !cp)) { free(s); free(cp); return SIZE_MAX; }
    size_t k = 0, c = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < as[i]->nsents; j++) {
            sr_token *toks = sr_sent_tokens(as[i], &as[i]->sents[j]);
            size_t n = as[i]->sents[j].ntok;
            if (stags) {
                for (size_t x = 0; x < n; x++) {
                    cp[c + x] = toks[x];
                    sr_stag_to_token(sr_stag_gold(toks, n, x), &cp[c + x]);
                    cp[c + x].lemma = NULL;
                }
                toks = cp + c;
                c += n;
            }
            s[k].toks = toks;
            s[k].n = n;
            k++;
        }
    *out = s;
    if (copies) *copies = cp;
    return total;
}

/* Caps the supertag classes of a supertagger's training tokens at `cap`
 * (sr_train_opts.stag_cap): the most frequent supertags are kept whole
 * and the others lose their child flags (relation and head side stay),
 * with as many whole ones as the cap allows. With compute, keep[] (one
 * byte per supertag id) is filled from the tokens of ss (the training
 * set); otherwise it is applied as given (dev). On EWT train, 128 classes
 * keep 102 supertags whole, 99.26% of the tokens. */
static void S_cap_stags(const S_sent *ss, size_t ns, uint32_t cap, unsigned char *keep, int compute) {
    if (compute) {
        uint32_t cnt[SR_STAG_COUNT];
        uint32_t ids[SR_STAG_COUNT];
        memset(cnt, 0, sizeof cnt);
        for (size_t s = 0; s < ns; s++)
            for (size_t i = 0; i < ss[s].n; i++) {
                unsigned id = sr_stag_of_class(&(sr_tclass){ss[s].toks[i].upos, 0, ss[s].toks[i].xpos, 0});
                if (id < SR_STAG_COUNT) cnt[id]++;
            }
        uint32_t nid = 0;
        for (uint32_t id = 0; id < SR_STAG_COUNT; id++)
            if (cnt[id]) ids[nid++] = id;
        /* by count, then id (deterministic); an insertion sort of <= 700 */
        for (uint32_t a = 1; a < nid; a++) {
            uint32_t x = ids[a], b = a;
            for (; b > 0 && (cnt[ids[b - 1]] < cnt[x] || (cnt[ids[b - 1]] == cnt[x] && ids[b - 1] > x)); b--)
                ids[b] = ids[b - 1];
            ids[b] = x;
        }
        uint32_t best = nid;
        if (nid > cap) {
            /* the most whole supertags K such that K + the coarse classes
             * the rest fall into (those not among the K) <= cap */
            unsigned char in[SR_STAG_COUNT];
            best = 0;
            for (uint32_t k = 0; k <= nid; k++) {
                memset(in, 0, sizeof in);
                for (uint32_t a = 0; a < k; a++) in[ids[a]] = 1;
                uint32_t total = k;
                for (uint32_t a = k; a < nid; a++) {
                    unsigned c = ids[a] & ~3u;
                    if (!in[c]) { in[c] = 1; total++; }
                }
                if (total > cap) break;
                best = k;
            }
        }
        memset(keep, 0, (size_t)SR_STAG_COUNT);
        for (uint32_t a = 0; a < best; a++) keep[ids[a]] = 1;
    }
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < ss[s].n; i++) {
            sr_token *t = (sr_token *)&ss[s].toks[i];
            unsigned id = sr_stag_of_class(&(sr_tclass){t->upos, 0, t->xpos, 0});
            if (id < SR_STAG_COUNT && !keep[id]) sr_stag_to_token(id & ~3u, t);
        }
}

/* Tags with the training weights (avg = 1: averaged) and counts correct
 * UPOS/XPOS and whole classes against gold. */
static void S_eval_dev(const sr_ptrain *w, const sr_map *lex, const sr_map *amb, const sr_clusters *cl, unsigned fx, uint64_t off,
                       uint32_t nclass, const S_classes *C,
                       const S_sent *ss, size_t ns, size_t *upos_ok, size_t *xpos_ok, size_t *cls_ok,
                       size_t *tot, S_atoms *at0, float *scores) {
    uint64_t keys[NFEAT];
    for (size_t s = 0; s < ns; s++) {
        S_atoms *at = at0 + 2;
        size_t n = ss[s].n;
        at[-2] = at[-1] = S_pad_start;
        at[n] = at[n + 1] = S_pad_end;
        for (size_t i = 0; i < n; i++) S_make_atoms(amb, lex, cl, &ss[s].toks[i], &at[i]);
        uint32_t p1 = START_CLASS, p2 = START_CLASS;
        for (size_t i = 0; i < n; i++) {
            size_t nk = S_features(at, i, n, p1, p2, fx, off, keys);
            memset(scores, 0, nclass * sizeof(float));
            sr_ptrain_score_avg(w, keys, nk, scores);
            uint32_t best = 0;
            for (uint32_t c = 1; c < nclass; c++)
                if (scores[c] > scores[best]) best = c;
            *upos_ok += C->cls[best].upos == ss[s].toks[i].upos;
            *xpos_ok += C->cls[best].xpos == ss[s].toks[i].xpos;
            *cls_ok += C->cls[best].upos == ss[s].toks[i].upos && C->cls[best].xpos == ss[s].toks[i].xpos &&
                       C->cls[best].feats == (ss[s].toks[i].feats & VERBAL_MASK);
            (*tot)++;
            p2 = p1;
            p1 = best;
        }
    }
}

/* Builds the lexicons of the training sentences tr[s] with s % k != fold
 * (all when fold < 0): most frequent class of words seen 3+ times
 * (T_LEX, SURE_BIT when frequent and unambiguous) and the UPOS values a
 * word had at least twice (T_AMB), into the in-memory model file *f, and
 * into mb when non-NULL. 0, or -1 when out of memory. */
static int S_build_lex(const S_sent *tr, size_t ntr, S_classes *C, int k, int fold, sr_mbuild *mb, sr_mfile *f,
                       sitrep_error *err) {
    S_pairs lexp = {0}, ambp = {0};
    uint32_t *cnt = NULL, *tot = NULL, *vals = NULL;
    uint64_t *keys = NULL;
    sr_mbuild lexb = {0};
    int rc = -1;
    for (size_t s = 0; s < ntr; s++) {
        if (fold >= 0 && (int)(s % (size_t)k) == fold) continue;
        for (size_t i = 0; i < tr[s].n; i++) {
            const sr_token *t = &tr[s].toks[i];
            uint32_t c = S_class_id(C, t, 0);
            uint64_t lw = sr_word_hash(t->form, t->form_len);
            if (S_pairs_add(&lexp, sr_fkey(lw), c) || S_pairs_add(&ambp, sr_fkey(lw), t->upos)) goto out;
        }
    }
    size_t maxp = lexp.n + 1;
    cnt = malloc(maxp * sizeof *cnt);
    tot = malloc(maxp * sizeof *tot);
    keys = malloc(maxp * sizeof *keys);
    vals = malloc(maxp * sizeof *vals);
    if (!cnt || !tot || !keys || !vals) goto out;
    size_t nk = 0, m = S_pairs_best(&lexp, cnt, tot);
    for (size_t i = 0; i < m; i++)
        if (tot[i] >= 3) {
            keys[nk] = lexp.p[i].key;
            vals[nk] = lexp.p[i].val;
            if (tot[i] >= 10 && (double)cnt[i] >= 0.995 * (double)tot[i]) vals[nk] |= SURE_BIT;
            nk++;
        }
    if (sr_map_export(&lexb, T_LEX, keys, vals, nk) || (mb && sr_map_export(mb, T_LEX, keys, vals, nk))) goto out;
    {
        if (ambp.n) qsort(ambp.p, ambp.n, sizeof(S_pair), S_cmp_pair);
        size_t na = 0, i = 0;
        while (i < ambp.n) {
            size_t j = i;
            uint32_t bits = 0;
            while (j < ambp.n && ambp.p[j].key == ambp.p[i].key) {
                size_t q = j;
                while (q < ambp.n && ambp.p[q].key == ambp.p[j].key && ambp.p[q].val == ambp.p[j].val) q++;
                if (q - j >= 2) bits |= 1u << (ambp.p[j].val & 31);
                j = q;
            }
            if (bits && j - i >= 2) { keys[na] = ambp.p[i].key; vals[na] = bits; na++; }
            i = j;
        }
        if (sr_map_export(&lexb, T_AMB, keys, vals, na) || (mb && sr_map_export(mb, T_AMB, keys, vals, na))) goto out;
    }
    {
        unsigned char *img;
        size_t ilen;
        if (sr_mbuild_image(&lexb, &img, &ilen, NULL)) goto out;
        if (sr_mfile_open_mem(f, img, ilen, "<lexicon>", err)) goto out;
    }
    rc = 0;
out:
    sr_mbuild_free(&lexb);
    free(lexp.p); free(ambp.p); free(cnt); free(tot); free(keys); free(vals);
    return rc;
}

/* The dev figures of a training log line: UPOS and XPOS, or for a
 * supertagger the share of whole supertags right. */
static void S_log_dev(const sr_train_opts *o, size_t uok, size_t xok, size_t cok, size_t dt) {
    double d = (double)(dt ? dt : 1);
    if (o->supertags) fprintf(o->log, "dev supertags %.2f%%", 100.0 * (double)cok / d);
    else fprintf(o->log, "dev UPOS %.2f%% XPOS %.2f%%", 100.0 * (double)uok / d, 100.0 * (double)xok / d);
}

sitrep_status sr_tagger_train(sitrep_article *const *train, size_t ntrain,
                              sitrep_article *const *dev, size_t ndev, const sr_train_opts *o,
                              sr_mbuild *mb, sitrep_error *err) {
    sitrep_status st = SITREP_E_NOMEM;
    S_sent *tr = NULL, *dv = NULL;
    S_classes *C = calloc(1, sizeof *C);
    S_pairs lform = {0}, llow = {0}, lsuf = {0}, fl = {0}, cf = {0};
    S_rules R = {SR_BUF_INIT, NULL, NULL, 0, 0};
    sr_ptrain w;
    int have_w = 0, have_W = 0;
    sr_ptrain W;
    sr_mfile jkf[S_MAX_LEX_FOLDS];
    sr_map jlex[S_MAX_LEX_FOLDS], jamb[S_MAX_LEX_FOLDS];
    memset(jkf, 0, sizeof jkf);
    S_atoms *at0 = NULL;
    float *scores = NULL;
    uint32_t *cnt = NULL, *tot = NULL, *vals = NULL;
    uint64_t *keys = NULL;
    size_t *order = NULL;
    sr_mfile lexf = {0};
    sr_token *trcopy = NULL, *dvcopy = NULL;
    size_t ntr = S_collect(train, ntrain, &tr, o->supertags, &trcopy);
    size_t ndv = ndev ? S_collect(dev, ndev, &dv, o->supertags, &dvcopy) : 0;
    unsigned fx = (o->clusters ? (unsigned)SR_TFX_CLUSTERS : 0u) | (o->supertags ? (unsigned)SR_TFX_STAG : 0u) |
                  (o->tagger_off ? (unsigned)SR_TFX_TMASK : 0u);
    if (!C || ntr == SIZE_MAX || ndv == SIZE_MAX) goto out;
    if (o->supertags && o->stag_cap) {
        unsigned char keep[SR_STAG_COUNT];
        S_cap_stags(tr, ntr, o->stag_cap, keep, 1);
        S_cap_stags(dv, ndv, o->stag_cap, keep, 0);
    }
    size_t maxn = 1;
    for (size_t s = 0; s < ntr; s++) if (tr[s].n > maxn) maxn = tr[s].n;
    for (size_t s = 0; s < ndv; s++) if (dv[s].n > maxn) maxn = dv[s].n;
    /* classes, lexicons, lemma rules */
    for (size_t s = 0; s < ntr; s++)
        for (size_t i = 0; i < tr[s].n; i++) {
            const sr_token *t = &tr[s].toks[i];
            uint32_t c = S_class_id(C, t, 1);
            if (c == UINT32_MAX) { st = sr_error_set(err, SITREP_E_FORMAT, NULL, 0, 0, "too many tag classes"); goto out; }
            uint64_t lw = sr_word_hash(t->form, t->form_len);
            if (S_pairs_add(&fl, S_feat_key(lw, c), t->feats)) goto out;
            if (S_pairs_add(&cf, c + 1, t->feats)) goto out;
            if (t->lemma) {
                uint32_t r = S_rule_for(&R, t);
                if (r == UINT32_MAX) continue;
                if (S_pairs_add(&lform, S_lem_form_key(t->form, t->form_len, t->xpos), r)) goto out;
                if (S_pairs_add(&llow, S_lem_low_key(lw, t->xpos), r)) goto out;
                size_t maxk = t->form_len < 6 ? t->form_len : 6;
                for (size_t k = 0; k <= maxk; k++)
                    if (S_pairs_add(&lsuf, S_lem_suf_key(t->form, t->form_len, k, t->xpos), r)) goto out;
            }
        }
    if (C->n == 0) { st = sr_error_set(err, SITREP_E_FORMAT, NULL, 0, 0, "no training tokens"); goto out; }
    size_t maxp = lsuf.n;
    if (fl.n > maxp) maxp = fl.n;
    cnt = malloc((maxp + 1) * sizeof *cnt);
    tot = malloc((maxp + 1) * sizeof *tot);
    keys = malloc((maxp + 1) * sizeof *keys);
    vals = malloc((maxp + 1) * sizeof *vals);
    if (!cnt || !tot || !keys || !vals) goto out;
    size_t nk = 0, m = 0;
    if (S_build_lex(tr, ntr, C, 1, -1, mb, &lexf, err)) goto out;
    sr_map lex, amb;
    if (sr_map_from(&lex, &lexf, T_LEX) || sr_map_from(&amb, &lexf, T_AMB)) { st = SITREP_E_INTERNAL; goto out; }
    /* jackknifed lexicons for training (o->lex_folds = K > 1): sentence s
     * sees the lexicons built from the other K-1 folds, so the weights
     * also learn words missing from the lexicon, as unknown words are at
     * test time (EWT dev UPOS +0.05..0.1 with K = 10) */
    int jk = o->lex_folds > 1 ? o->lex_folds : 0;
    if (jk > S_MAX_LEX_FOLDS) jk = S_MAX_LEX_FOLDS;
    for (int fo = 0; fo < jk; fo++) {
        if (S_build_lex(tr, ntr, C, jk, fo, NULL, &jkf[fo], err)) goto out;
        if (sr_map_from(&jlex[fo], &jkf[fo], T_LEX) || sr_map_from(&jamb[fo], &jkf[fo], T_AMB)) { st = SITREP_E_INTERNAL; goto out; }
    }

    /* perceptron */
    if (sr_ptrain_init(&w, C->n)) goto out;
    have_w = 1;
    at0 = malloc((maxn + 4) * sizeof *at0);
    scores = malloc(C->n * sizeof *scores);
    order = malloc((ntr ? ntr : 1) * sizeof *order);
    if (!at0 || !scores || !order) goto out;
    for (size_t s = 0; s < ntr; s++) order[s] = s;
    /* o->ensemble = N > 1: N runs (seeds seed + 7919 i) whose averaged
     * weights are averaged (EWT dev UPOS +0.05..0.1 with N = 3) */
    int nens = o->ensemble > 1 ? o->ensemble : 1;
    uint64_t fk[NFEAT];
    for (int rep = 0; rep < nens; rep++) {
        if (rep > 0) {
            sr_ptrain_free(&w);
            if (sr_ptrain_init(&w, C->n)) { have_w = 0; goto out; }
            for (size_t s = 0; s < ntr; s++) order[s] = s;
        }
        uint64_t rng = o->seed + (uint64_t)rep * 7919u;
        for (int ep = 0; ep < o->epochs; ep++) {
            sr_shuffle(order, ntr, &rng);
            size_t ok = 0, all = 0;
            for (size_t oi = 0; oi < ntr; oi++) {
                const S_sent *ss = &tr[order[oi]];
                S_atoms *at = at0 + 2;
                size_t n = ss->n;
                at[-2] = at[-1] = S_pad_start;
                at[n] = at[n + 1] = S_pad_end;
                const sr_map *la = &amb, *ll = &lex;
                if (jk > 1) { int fo = (int)(order[oi] % (size_t)jk); la = &jamb[fo]; ll = &jlex[fo]; }
                for (size_t i = 0; i < n; i++) S_make_atoms(la, ll, o->clusters, &ss->toks[i], &at[i]);
                uint32_t p1 = START_CLASS, p2 = START_CLASS;
                for (size_t i = 0; i < n; i++) {
                    size_t nf = S_features(at, i, n, p1, p2, fx, o->tagger_off, fk);
                    memset(scores, 0, C->n * sizeof(float));
                    sr_ptrain_score(&w, fk, nf, scores);
                    uint32_t best = 0;
                    for (uint32_t c = 1; c < C->n; c++)
                        if (scores[c] > scores[best]) best = c;
                    uint32_t gold = S_class_id(C, &ss->toks[i], 0);
                    sr_ptrain_tick(&w);
                    if (gold != best) {
                        if (sr_ptrain_update(&w, fk, nf, gold, 1.0f) || sr_ptrain_update(&w, fk, nf, best, -1.0f))
                            goto out;
                    } else ok++;
                    all++;
                    p2 = p1;
                    p1 = best; /* condition on predictions, as at test time */
                }
            }
            size_t uok = 0, xok = 0, cok = 0, dt = 0;
            if (ndv) S_eval_dev(&w, &lex, &amb, o->clusters, fx, o->tagger_off, C->n, C, dv, ndv, &uok, &xok, &cok, &dt, at0, scores);
            if (o->log) {
                fprintf(o->log, "%s epoch %d: train acc %.2f%%, ", o->supertags ? "supertagger" : "tagger", ep + 1,
                        100.0 * (double)ok / (double)(all ? all : 1));
                S_log_dev(o, uok, xok, cok, dt);
                fprintf(o->log, ", %zu features\n", w.n);
                fflush(o->log);
            }
        }
        if (nens > 1) {
            if (!have_W) { if (sr_ptrain_init(&W, C->n)) goto out; have_W = 1; }
            if (sr_ptrain_add_avg(&W, &w, 1.0f / (float)nens)) goto out;
        }
    }
    if (nens > 1) {
        size_t uok = 0, xok = 0, cok = 0, dt = 0;
        if (ndv) S_eval_dev(&W, &lex, &amb, o->clusters, fx, o->tagger_off, C->n, C, dv, ndv, &uok, &xok, &cok, &dt, at0, scores);
        if (o->log) {
            fprintf(o->log, "%s ensemble of %d: ", o->supertags ? "supertagger" : "tagger", nens);
            S_log_dev(o, uok, xok, cok, dt);
            fputc('\n', o->log);
        }
    }
    /* meta[2]: the feature set (SR_TFX_*); models before it have 0 */
    /* meta[3]: a supertagger's class cap (sr_tagger.stag_cap) */
    float meta[4] = {0, 0, (float)fx, o->supertags ? (float)o->stag_cap : 0.0f};
    if (sr_ptrain_export_sparse(nens > 1 ? &W : &w, mb, T_WS, T_WC, &meta[0])) goto out;
    if (sr_mbuild_add(mb, T_META, meta, sizeof meta)) goto out;
    if (fx & SR_TFX_CLUSTERS) {
        uint32_t crc = o->clusters->crc;
        if (sr_mbuild_add(mb, T_CLCRC, &crc, sizeof crc)) goto out;
    }
    if ((fx & SR_TFX_TMASK) && sr_mbuild_add(mb, T_TOFF, &o->tagger_off, sizeof o->tagger_off)) goto out;
    if (sr_mbuild_add(mb, T_CLS, C->cls, C->n * sizeof(sr_tclass))) goto out;
    /* default FEATS per class */
    {
        uint32_t cfe[1024] = {0};
        size_t mc = S_pairs_best(&cf, cnt, tot);
        for (size_t i = 0; i < mc; i++) cfe[cf.p[i].key - 1] = cf.p[i].val;
        if (sr_mbuild_add(mb, T_CFE, cfe, C->n * sizeof(uint32_t))) goto out;
        /* FEATS lexicon: only where it differs from the class default */
        size_t mf = S_pairs_best(&fl, cnt, tot);
        nk = 0;
        for (size_t i = 0; i < mf; i++) {
            /* recover the class from the key is not possible; compare with
             * every class default that could apply: store when differs from
             * all defaults of the same verbal bits (cheap, conservative) */
            keys[nk] = fl.p[i].key;
            vals[nk] = fl.p[i].val;
            nk++;
        }
        if (sr_map_export(mb, T_FLEX, keys, vals, nk)) goto out;
    }
    /* lemma lexicons */
    m = S_pairs_best(&lform, cnt, tot);
    for (size_t i = 0; i < m; i++) { keys[i] = lform.p[i].key; vals[i] = lform.p[i].val; }
    if (sr_map_export(mb, T_LFORM, keys, vals, m)) goto out;
    m = S_pairs_best(&llow, cnt, tot);
    for (size_t i = 0; i < m; i++) { keys[i] = llow.p[i].key; vals[i] = llow.p[i].val; }
    if (sr_map_export(mb, T_LLOW, keys, vals, m)) goto out;
    m = S_pairs_best(&lsuf, cnt, tot);
    nk = 0;
    for (size_t i = 0; i < m; i++)
        if (tot[i] >= 2) { keys[nk] = lsuf.p[i].key; vals[nk] = lsuf.p[i].val; nk++; }
    if (sr_map_export(mb, T_LSUF, keys, vals, nk)) goto out;
    if (sr_mbuild_add(mb, T_ROFF, R.off, R.n * sizeof(uint32_t))) goto out;
    if (sr_mbuild_add(mb, T_RPOOL, R.pool.data ? R.pool.data : "", R.pool.len + 1)) goto out;
    st = SITREP_OK;
out:
    if (st == SITREP_E_NOMEM) sr_error_set(err, st, NULL, 0, 0, "out of memory while training the tagger");
    if (have_w) sr_ptrain_free(&w);
    if (have_W) sr_ptrain_free(&W);
    for (int fo = 0; fo < S_MAX_LEX_FOLDS; fo++) sr_mfile_free(&jkf[fo]);
    sr_mfile_free(&lexf);
    free(tr); free(dv); free(trcopy); free(dvcopy); free(C); free(lform.p); free(llow.p); free(lsuf.p); free(fl.p); free(cf.p);
    sr_buf_free(&R.pool); free(R.off); free(R.hash);
    free(at0); free(scores); free(cnt); free(tot); free(vals); free(keys); free(order);
    return st;
}
