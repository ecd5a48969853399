/* dict.c - the compiled dictionary: word folding and interning, the token
 * trie, longest-first matching over tokens, lookups and statistics. The
 * file readers are in reader.c. */
#include "dict/dict_impl.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

static int32_t S_fold_punct(int32_t cp) {
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC: return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x00AB: case 0x00BB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return '-';
    default: return cp;
    }
}

size_t sr_dict_fold(const char *s, size_t n, char *out, size_t cap) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t o = 0;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if (p[i] < 0x80) {
            /* ASCII fast path */
            unsigned char c = p[i];
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            if (o + 1 >= cap) return SIZE_MAX;
            out[o++] = (char)c;
            i++;
            continue;
        }
        k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        cp = S_fold_punct(cp);
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, dec, 8,
            (utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                UTF8PROC_STRIPMARK | UTF8PROC_IGNORE),
            &last);
        if (m < 0 || m > 8) {
            dec[0] = cp;
            m = 1;
        }
        for (utf8proc_ssize_t j = 0; j < m; j++) {
            if (o + 4 >= cap) return SIZE_MAX;
            o += (size_t)utf8proc_encode_char(dec[j], (utf8proc_uint8_t *)out + o);
        }
    }
    if (o >= cap) return SIZE_MAX;
    out[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

static uint32_t S_word_find(const sitrep_dict *d, const char *s, size_t n, uint64_t h) {
    if (!d->wtab_cap) return SR_WORD_NONE;
    size_t mask = d->wtab_cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t id = d->wtab[i];
        if (!id) return SR_WORD_NONE;
        const sr_word *w = &d->words[id - 1];
        if (w->hash == h && w->len == n && memcmp(w->s, s, n) == 0) return id - 1;
    }
}

uint32_t sr_dict_word_id(const sitrep_dict *d, const char *folded, size_t n) {
    if (!d) return SR_WORD_NONE;
    return S_word_find(d, folded, n, sr_hash_bytes(SR_HASH_SEED, folded, n));
}

size_t sr_dict_nwords(const sitrep_dict *d) { return d ? d->nwords : 0; }

static int S_wtab_grow(sitrep_dict *d) {
    size_t ncap = d->wtab_cap ? d->wtab_cap * 2 : 1024;
    uint32_t *t = calloc(ncap, sizeof *t);
    if (!t) return -1;
    for (size_t k = 0; k < d->nwords; k++) {
        size_t i = (size_t)d->words[k].hash & (ncap - 1);
        while (t[i]) i = (i + 1) & (ncap - 1);
        t[i] = (uint32_t)(k + 1);
    }
    free(d->wtab);
    d->wtab = t;
    d->wtab_cap = ncap;
    return 0;
}

uint32_t sr_dict_intern(sitrep_dict *d, const char *s, size_t n) {
    uint64_t h = sr_hash_bytes(SR_HASH_SEED, s, n);
    uint32_t id = S_word_find(d, s, n, h);
    if (id != SR_WORD_NONE) return id;
    if ((d->nwords + 1) * 2 > d->wtab_cap && S_wtab_grow(d)) return SR_WORD_NONE;
    if (d->nwords == d->wcap) {
        size_t nc = d->wcap ? d->wcap * 2 : 1024;
        sr_word *w = realloc(d->words, nc * sizeof *w);
        if (!w) return SR_WORD_NONE;
        d->words = w;
        d->wcap = nc;
    }
    char *copy = sr_arena_strndup(&d->arena, s, n);
    if (!copy) return SR_WORD_NONE;
    /* ids must stay clear of SR_STEM_BIT (the stem edge key bit) */
    if (d->nwords >= SR_STEM_BIT) return SR_WORD_NONE;
    id = (uint32_t)d->nwords++;
    d->words[id] = (sr_word){copy, (uint32_t)n, 0, h};
    size_t mask = d->wtab_cap - 1;
    size_t i = (size_t)h & mask;
    while (d->wtab[i]) i = (i + 1) & mask;
    d->wtab[i] = id + 1;
    return id;
}

/* ------------------------------------------------------------------ */
/* Trie                                                                */
/* ------------------------------------------------------------------ */

static inline size_t S_edge_hash(uint32_t parent, uint32_t word) {
    return (size_t)sr_hash_mix((uint64_t)parent * UINT64_C(0x9E3779B97F4A7C15), word);
}

static uint32_t S_edge_find(const sitrep_dict *d, uint32_t parent, uint32_t word) {
    if (!d->etab_cap) return UINT32_MAX;
    size_t mask = d->etab_cap - 1;
    for (size_t i = S_edge_hash(parent, word) & mask;; i = (i + 1) & mask) {
        const sr_edge *e = &d->etab[i];
        if (e->parent == UINT32_MAX) return UINT32_MAX;
        if (e->parent == parent && e->word == word) return e->child;
    }
}

static int S_etab_grow(sitrep_dict *d) {
    size_t ncap = d->etab_cap ? d->etab_cap * 2 : 4096;
    sr_edge *t = malloc(ncap * sizeof *t);
    if (!t) return -1;
    /* All-ones bytes: every slot's parent is UINT32_MAX (empty). One
     * memset rather than a loop, so the analyzer sees every slot set. */
    memset(t, 0xFF, ncap * sizeof *t);
    for (size_t k = 0; k < d->etab_cap; k++) {
        sr_edge e = d->etab[k];
        if (e.parent == UINT32_MAX) continue;
        size_t i = S_edge_hash(e.parent, e.word) & (ncap - 1);
        while (t[i].parent != UINT32_MAX) i = (i + 1) & (ncap - 1);
        t[i] = e;
    }
    free(d->etab);
    d->etab = t;
    d->etab_cap = ncap;
    return 0;
}

static uint32_t S_node_new(sitrep_dict *d) {
    if (d->nnodes == d->ncap) {
        size_t nc = d->ncap ? d->ncap * 2 : 4096;
        uint32_t *p = realloc(d->node_payload, nc * sizeof *p);
        if (!p) return UINT32_MAX;
        d->node_payload = p;
        d->ncap = nc;
    }
    d->node_payload[d->nnodes] = UINT32_MAX;
    return (uint32_t)d->nnodes++;
}

int sr_dict_add_phrase(sitrep_dict *d, const uint32_t *words, size_t nwords, uint64_t stems,
                       const sr_payload *p) {
    if (!nwords) return 0;
    if (!d->nnodes && S_node_new(d) == UINT32_MAX) return -1;
    uint32_t node = 0;
    for (size_t k = 0; k < nwords; k++) {
        uint32_t key = words[k];
        if (k < 64 && (stems >> k & 1) && key < d->nwords) {
            sr_word *w = &d->words[key];
            /* a stem too long for the length bitmap stays a whole word */
            if (w->len >= 1 && w->len <= SR_STEM_MAX_LEN) {
                w->flags |= SR_WORD_STEM;
                d->stem_lens |= UINT64_C(1) << w->len;
                d->nstems++;
                key |= SR_STEM_BIT;
            }
        }
        uint32_t child = S_edge_find(d, node, key);
        if (child == UINT32_MAX) {
            if ((d->nedges + 1) * 2 > d->etab_cap && S_etab_grow(d)) return -1;
            child = S_node_new(d);
            if (child == UINT32_MAX) return -1;
            size_t mask = d->etab_cap - 1;
            size_t i = S_edge_hash(node, key) & mask;
            while (d->etab[i].parent != UINT32_MAX) i = (i + 1) & mask;
            d->etab[i] = (sr_edge){node, key, child};
            d->nedges++;
        }
        node = child;
    }
    if (d->npayloads == d->pcap) {
        size_t nc = d->pcap ? d->pcap * 2 : 4096;
        sr_payload *pp = realloc(d->payloads, nc * sizeof *pp);
        if (!pp) return -1;
        d->payloads = pp;
        d->pcap = nc;
    }
    uint32_t idx = (uint32_t)d->npayloads++;
    d->payloads[idx] = *p;
    d->payloads[idx].next = UINT32_MAX;
    /* append at the tail: load order decides between equal phrases */
    uint32_t *link = &d->node_payload[node];
    while (*link != UINT32_MAX) link = &d->payloads[*link].next;
    *link = idx;
    return 0;
}

long sr_ptrvec_push(sr_ptrvec *v, void *p) {
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 256;
        void **nv = realloc(v->v, nc * sizeof *nv);
        if (!nv) return -1;
        v->v = nv;
        v->cap = nc;
    }
    v->v[v->n] = p;
    return (long)v->n++;
}

/* ------------------------------------------------------------------ */
/* Token candidates                                                    */
/* ------------------------------------------------------------------ */

#define S_MAX_GLUE 4
/* 5 whole-word candidates at most (form, lemma, 3 glued forms); the rest
 * of the room is for stem candidates. */
#define S_MAX_CANDS 16

/* A dictionary word a token (and maybe its glued neighbours) can stand
 * for. `word` has SR_STEM_BIT set for a stem candidate: it then only
 * meets stem edges of the trie. */
typedef struct S_cand {
    uint32_t word;
    uint16_t ntok;
    uint16_t prefix; /* 1: a stem that is a proper prefix of the token */
} S_cand;

static int S_adjacent(const sr_token *a, const sr_token *b) {
    return a->end > a->start && b->end > b->start && a->end == b->start;
}

static void S_cand_add(S_cand *c, size_t *nc, uint32_t w, uint32_t ntok, int prefix) {
    if (w == SR_WORD_NONE || *nc >= S_MAX_CANDS) return;
    for (size_t k = 0; k < *nc; k++)
        if (c[k].word == w && c[k].ntok == ntok) return;
    c[*nc] = (S_cand){w, (uint16_t)ntok, (uint16_t)prefix};
    (*nc)++;
}

/* Stem candidates of the folded string s[0..len) standing for `ntok`
 * tokens: every stem word that is s itself or a prefix of it longer than
 * `from` bytes, longest first (so a longer stem wins a tie). Only the
 * lengths some stem has are hashed. */
static void S_stem_cands(const sitrep_dict *d, const char *s, size_t len, size_t from,
                         uint32_t ntok, S_cand *c, size_t *nc) {
    if (from >= SR_STEM_MAX_LEN || len <= from) return;
    size_t top = len < SR_STEM_MAX_LEN ? len : SR_STEM_MAX_LEN;
    uint64_t m = d->stem_lens & ((top >= 63 ? ~UINT64_C(0) : (UINT64_C(1) << (top + 1)) - 1) &
                                 ~((UINT64_C(1) << (from + 1)) - 1));
    while (m) {
        unsigned l = 63u - (unsigned)__builtin_clzll(m);
        m &= ~(UINT64_C(1) << l);
        uint32_t id = S_word_find(d, s, l, sr_hash_bytes(SR_HASH_SEED, s, l));
        if (id != SR_WORD_NONE && (d->words[id].flags & SR_WORD_STEM))
            S_cand_add(c, nc, id | SR_STEM_BIT, ntok, l < len);
    }
}

/* The dictionary words token i can stand for: its form, its lemma, and its
 * form glued to following adjacent tokens. */
static size_t S_cands(const sitrep_dict *d, const sr_token *t, size_t n, size_t i,
                      S_cand *c) {
    size_t nc = 0;
    char buf[SR_DICT_MAX_WORD];
    char lb[SR_DICT_MAX_WORD];
    size_t ll = 0;
    size_t ends[S_MAX_GLUE]; /* ends[k]: length of the form glued to k more tokens */
    size_t len = sr_dict_fold(t[i].form, t[i].form_len, buf, sizeof buf);
    if (len == SIZE_MAX || len == 0) return 0;
    ends[0] = len;
    S_cand_add(c, &nc, sr_dict_word_id(d, buf, len), 1, 0);
    if (t[i].lemma && t[i].lemma[0]) {
        ll = sr_dict_fold(t[i].lemma, strlen(t[i].lemma), lb, sizeof lb);
        if (ll == SIZE_MAX) ll = 0;
        if (ll) S_cand_add(c, &nc, sr_dict_word_id(d, lb, ll), 1, 0);
    }
    size_t j = i;
    while (j + 1 < n && j + 1 - i < S_MAX_GLUE && S_adjacent(&t[j], &t[j + 1])) {
        j++;
        size_t add = sr_dict_fold(t[j].form, t[j].form_len, buf + len, sizeof buf - len);
        if (add == SIZE_MAX) {
            j--;
            break;
        }
        len += add;
        ends[j - i] = len;
        S_cand_add(c, &nc, sr_dict_word_id(d, buf, len), (uint32_t)(j - i + 1), 0);
    }
    /* Stems (TABARI dictionaries only) after every whole word, so an exact
     * entry wins a tie with a stem. A glued form of k tokens contributes
     * the prefixes that end inside its k-th token. */
    if (d->nstems) {
        S_stem_cands(d, buf, ends[0], 0, 1, c, &nc);
        if (ll) S_stem_cands(d, lb, ll, 0, 1, c, &nc);
        for (size_t k = 1; k <= j - i; k++)
            S_stem_cands(d, buf, ends[k], ends[k - 1], (uint32_t)(k + 1), c, &nc);
    }
    return nc;
}

/* Token candidates cached per sentence (sr_dict_bind_tokens): every
 * match at every position walks from each token, and folding plus
 * hashing a token's form, lemma and glued forms dominated matching with
 * the big dictionaries. A cache is per thread and only used for the exact
 * (dictionary, token array, count) it was bound to. */
#define S_NBIND 2
static _Thread_local sr_dict_tokcache S_bound[S_NBIND];

int sr_dict_tokcache_init(sr_dict_tokcache *tc, const sitrep_dict *d, const sr_token *toks,
                          size_t n, sr_arena *a) {
    if (!tc) return -1;
    memset(tc, 0, sizeof *tc);
    if (!d || !toks || !n || !a || n > SIZE_MAX / (S_MAX_CANDS * sizeof(S_cand))) return -1;
    uint8_t *nc = sr_arena_alloc(a, n);
    S_cand *c = sr_arena_alloc(a, n * S_MAX_CANDS * sizeof *c);
    if (!nc || !c) return -1;
    memset(nc, UINT8_MAX, n);
    *tc = (sr_dict_tokcache){d, toks, n, nc, c};
    return 0;
}

int sr_dict_bind_cache(const sr_dict_tokcache *tc) {
    if (!tc || !tc->toks || !tc->nc || !tc->cands) return -1;
    for (int k = 0; k < S_NBIND; k++)
        if (S_bound[k].toks == tc->toks && S_bound[k].d == tc->d && S_bound[k].n == tc->n)
            return -1;
    for (int k = 0; k < S_NBIND; k++)
        if (!S_bound[k].toks) {
            S_bound[k] = *tc;
            return k;
        }
    return -1;
}

int sr_dict_bind_tokens(const sitrep_dict *d, const sr_token *toks, size_t n, sr_arena *a) {
    for (int k = 0; k < S_NBIND; k++)
        if (S_bound[k].toks && S_bound[k].toks == toks && S_bound[k].d == d && S_bound[k].n == n)
            return -1;
    sr_dict_tokcache tc;
    if (sr_dict_tokcache_init(&tc, d, toks, n, a) != 0) return -1;
    return sr_dict_bind_cache(&tc);
}

void sr_dict_unbind_tokens(int handle) {
    if (handle >= 0 && handle < S_NBIND) memset(&S_bound[handle], 0, sizeof S_bound[handle]);
}

/* The candidates of token i: from the bound cache when (d, t, n) is
 * bound (computed on first use), else computed into `buf`. */
static size_t S_tok_cands(const sitrep_dict *d, const sr_token *t, size_t n, size_t i,
                          S_cand *buf, const S_cand **out) {
    for (int k = 0; k < S_NBIND; k++) {
        sr_dict_tokcache *tc = &S_bound[k];
        if (tc->toks != t || tc->d != d || tc->n != n) continue;
        S_cand *c = (S_cand *)tc->cands + i * S_MAX_CANDS;
        if (tc->nc[i] == UINT8_MAX) tc->nc[i] = (uint8_t)S_cands(d, t, n, i, c);
        *out = c;
        return tc->nc[i];
    }
    *out = buf;
    return S_cands(d, t, n, i, buf);
}

size_t sr_dict_token_cands(const sitrep_dict *d, const sr_token *toks, size_t n, size_t i,
                           uint32_t *words, uint8_t *ntok, size_t cap) {
    if (!d || !toks || i >= n) return 0;
    S_cand buf[S_MAX_CANDS];
    const S_cand *c;
    size_t nc = S_tok_cands(d, toks, n, i, buf, &c);
    size_t out = 0;
    /* whole words only: stem candidates carry SR_STEM_BIT, no word id */
    for (size_t k = 0; k < nc && out < cap; k++) {
        if (c[k].word & SR_STEM_BIT) continue;
        words[out] = c[k].word;
        ntok[out++] = (uint8_t)c[k].ntok;
    }
    return out;
}

/* ------------------------------------------------------------------ */
/* Longest-first walk                                                  */
/* ------------------------------------------------------------------ */

typedef int (*S_accept_fn)(const sitrep_dict *d, const sr_payload *p, void *ctx);

typedef struct S_best {
    size_t ntok;
    uint32_t node;
    unsigned stem; /* words of the best path matched as a proper stem prefix */
} S_best;

static int S_node_ok(const sitrep_dict *d, uint32_t node, S_accept_fn ok, void *ctx) {
    for (uint32_t p = d->node_payload[node]; p != UINT32_MAX; p = d->payloads[p].next)
        if (ok(d, &d->payloads[p], ctx)) return 1;
    return 0;
}

static void S_walk(const sitrep_dict *d, const sr_token *t, size_t n, size_t i,
                   uint32_t node, size_t used, unsigned depth, unsigned stem, S_accept_fn ok,
                   void *ctx, S_best *best) {
    if (i >= n || depth >= SR_DICT_MAX_PHRASE) return;
    S_cand buf[S_MAX_CANDS];
    const S_cand *c;
    size_t nc = S_tok_cands(d, t, n, i, buf, &c);
    for (size_t k = 0; k < nc; k++) {
        uint32_t child = S_edge_find(d, node, c[k].word);
        if (child == UINT32_MAX) continue;
        size_t u = used + c[k].ntok;
        unsigned st = stem + c[k].prefix;
        if (u > best->ntok && S_node_ok(d, child, ok, ctx)) {
            best->ntok = u;
            best->node = child;
            best->stem = st;
        }
        S_walk(d, t, n, i + c[k].ntok, child, u, depth + 1, st, ok, ctx, best);
    }
}

/* Longest accepted phrase at token i: returns its token count (0: none),
 * its node in *node and, when `stem` is not NULL, in *stem how many of its
 * words matched as a proper stem prefix. */
static size_t S_match(const sitrep_dict *d, const sr_token *t, size_t n, size_t i,
                      S_accept_fn ok, void *ctx, uint32_t *node, unsigned *stem) {
    if (stem) *stem = 0;
    if (!d || !t || i >= n || !d->nnodes) return 0;
    S_best best = {0, 0, 0};
    S_walk(d, t, n, i, 0, 0, 0, 0, ok, ctx, &best);
    *node = best.node;
    if (stem) *stem = best.stem;
    return best.ntok;
}

static int S_kind_ok(const sitrep_dict *d, const sr_payload *p, void *ctx) {
    (void)d;
    return p->kind == *(const uint8_t *)ctx;
}

/* ------------------------------------------------------------------ */
/* Actors                                                              */
/* ------------------------------------------------------------------ */

const char *sr_actor_code(const sr_actor_entry *e, int32_t date) {
    if (!e) return NULL;
    if (date > 0)
        for (uint32_t k = 0; k < e->nranges; k++)
            if (date >= e->ranges[k].from && date <= e->ranges[k].to) return e->ranges[k].code;
    if (e->code) return e->code;
    if (date <= 0 && e->nranges) {
        /* undated lookup of an actor with only dated codes: its latest */
        const sr_code_range *best = &e->ranges[0];
        for (uint32_t k = 1; k < e->nranges; k++)
            if (e->ranges[k].to > best->to ||
                (e->ranges[k].to == best->to && e->ranges[k].from > best->from))
                best = &e->ranges[k];
        return best->code;
    }
    return NULL;
}

/* Dictionaries are written in capitals, so a short entry cannot say
 * whether it is an acronym: a one-word actor match on an all-lowercase
 * token of at most three letters ("us", "un", "uk") is the English word,
 * not the acronym (`US` -> USA must not code the pronoun). "Us" at the
 * start of a sentence and "U.S." still match. */
static int S_lower_short(const sr_token *t) {
    if (!t->form || t->form_len == 0 || t->form_len > 3) return 0;
    for (size_t k = 0; k < t->form_len; k++)
        if (t->form[k] < 'a' || t->form[k] > 'z') return 0;
    return 1;
}

size_t sr_dict_match_actor(const sitrep_dict *d, const sr_token *toks, size_t n,
                           size_t i, int32_t date, sr_actor_hit *hit) {
    memset(hit, 0, sizeof *hit);
    uint8_t kind = SR_DICT_ACTOR;
    uint32_t node;
    unsigned stem;
    size_t m = S_match(d, toks, n, i, S_kind_ok, &kind, &node, &stem);
    if (!m) return 0;
    if (m == 1 && S_lower_short(&toks[i])) return 0;
    const sr_payload *first = NULL, *chosen = NULL;
    const char *code = NULL;
    for (uint32_t p = d->node_payload[node]; p != UINT32_MAX; p = d->payloads[p].next) {
        const sr_payload *pl = &d->payloads[p];
        if (pl->kind != SR_DICT_ACTOR) continue;
        if (!first) first = pl;
        const char *c = sr_actor_code(d->actors.v[pl->entry], date);
        if (c) {
            chosen = pl;
            code = c;
            break;
        }
    }
    if (!chosen) chosen = first;
    /* S_match only accepts nodes holding an actor payload. */
    if (!chosen) return 0;
    const sr_actor_entry *e = d->actors.v[chosen->entry];
    hit->ntok = m;
    hit->entry = e;
    hit->code = code;
    hit->phrase = chosen->phrase;
    hit->file = e->file;
    hit->line = chosen->line;
    hit->stem = stem;
    return m;
}

/* ------------------------------------------------------------------ */
/* Agents                                                              */
/* ------------------------------------------------------------------ */

size_t sr_dict_match_agent(const sitrep_dict *d, const sr_token *toks, size_t n,
                           size_t i, sr_agent_hit *hit) {
    memset(hit, 0, sizeof *hit);
    uint8_t kind = SR_DICT_AGENT;
    uint32_t node;
    unsigned stem;
    size_t m = S_match(d, toks, n, i, S_kind_ok, &kind, &node, &stem);
    if (!m) return 0;
    for (uint32_t p = d->node_payload[node]; p != UINT32_MAX; p = d->payloads[p].next) {
        const sr_payload *pl = &d->payloads[p];
        if (pl->kind != SR_DICT_AGENT) continue;
        hit->ntok = m;
        hit->entry = d->agents.v[pl->entry];
        hit->phrase = pl->phrase;
        hit->plural = pl->plural;
        hit->stem = stem;
        return m;
    }
    return 0;
}

char *sr_agent_compose_code(const char *actor_code, const sr_agent_entry *a, char *out,
                            size_t cap) {
    if (!cap) return out;
    const char *ac = actor_code && strcmp(actor_code, "---") != 0 ? actor_code : "";
    const char *gc = a && a->code ? a->code : "";
    if (a && a->compose == SR_AGENT_PREFIX)
        snprintf(out, cap, "%s%s", gc, ac);
    else
        snprintf(out, cap, "%s%s", ac, gc);
    return out;
}

/* ------------------------------------------------------------------ */
/* Verbs                                                               */
/* ------------------------------------------------------------------ */

typedef struct S_verb_ctx {
    uint8_t verbpos;
} S_verb_ctx;

static int S_verb_ok(const sitrep_dict *d, const sr_payload *p, void *ctx) {
    (void)d;
    return p->kind == SR_DICT_VERB && p->verbpos == ((S_verb_ctx *)ctx)->verbpos;
}

int sr_dict_match_verb(const sitrep_dict *d, const sr_token *toks, size_t n, size_t v,
                       sr_verb_hit *hit) {
    memset(hit, 0, sizeof *hit);
    if (!d || !toks || v >= n) return 0;
    size_t best = 0;
    /* Words before the verb ("WIRE_+TAP") are tried from the farthest
     * start; the verb word must land on token v. A walk from start s with
     * verbpos k only accepts phrases whose verb word is the k-th word, and
     * we approximate word k == token v by requiring s + k == v (one token
     * per word before the verb, which holds for all real entries). */
    for (size_t back = 0; back <= 3 && back <= v; back++) {
        size_t s = v - back;
        S_verb_ctx ctx = {(uint8_t)back};
        uint32_t node;
        unsigned stem;
        size_t m = S_match(d, toks, n, s, S_verb_ok, &ctx, &node, &stem);
        if (m <= back || m <= best) continue;
        for (uint32_t p = d->node_payload[node]; p != UINT32_MAX; p = d->payloads[p].next) {
            const sr_payload *pl = &d->payloads[p];
            if (!S_verb_ok(d, pl, &ctx)) continue;
            best = m;
            hit->verb = pl->merged ? pl->merged : d->verbs.v[pl->entry];
            hit->first = s;
            hit->end = s + m;
            hit->verb_tok = v;
            hit->stem = stem;
            break;
        }
    }
    return hit->verb != NULL;
}

/* ------------------------------------------------------------------ */
/* Merging blocks that list the same verb form                          */

#define S_MERGE_MAX 32 /* blocks merged into one; more are ignored */

typedef struct S_merged {
    const sr_verb_block *src[S_MERGE_MAX];
    uint32_t nsrc;
    sr_verb_block *blk;
} S_merged;

static int S_null_code(const char *c) { return !c || !c[0] || strcmp(c, "---") == 0; }

/* The merged block for the block list src[0..n) (cached in *cache). */
static sr_verb_block *S_merged_block(sitrep_dict *d, const sr_verb_block *const *src, uint32_t n,
                                     S_merged **cache, size_t *ncache, size_t *ccap) {
    for (size_t k = 0; k < *ncache; k++) {
        S_merged *c = &(*cache)[k];
        // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized as such
        if (c->nsrc == n && !memcmp(c->src, src, n * sizeof *src)) return c->blk;
    }
    size_t np = 0;
    for (uint32_t k = 0; k < n; k++) np += src[k]->npatterns;
    sr_verb_block *b = sr_arena_alloc(&d->arena, sizeof *b);
    sr_verb_pattern *pats = np ? sr_arena_alloc(&d->arena, np * sizeof *pats) : NULL;
    if (!b || (np && !pats)) return NULL;
    *b = *src[0];
    size_t j = 0;
    /* pats is NULL only when the blocks hold no patterns at all. */
    for (uint32_t k = 0; k < n && pats; k++)
        for (uint32_t q = 0; q < src[k]->npatterns; q++) pats[j++] = src[k]->patterns[q];
    b->patterns = pats;
    b->npatterns = (uint32_t)np;
    if (S_null_code(b->code))
        for (uint32_t k = 1; k < n; k++)
            if (!S_null_code(src[k]->code)) {
                b->code = src[k]->code;
                b->code2 = src[k]->code2;
                break;
            }
    if (*ncache == *ccap) {
        size_t nc = *ccap ? *ccap * 2 : 16;
        S_merged *cc = realloc(*cache, nc * sizeof *cc);
        if (!cc) return NULL;
        *cache = cc;
        *ccap = nc;
    }
    S_merged *c = &(*cache)[(*ncache)++];
    // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized as such
    memcpy(c->src, src, n * sizeof *src);
    c->nsrc = n;
    c->blk = b;
    return b;
}

int sr_dict_merge_verbs(sitrep_dict *d) {
    if (!d) return 0;
    S_merged *cache = NULL;
    size_t ncache = 0, ccap = 0;
    int rc = 0;
    for (size_t node = 0; node < d->nnodes; node++) {
        uint32_t head = d->node_payload[node];
        for (uint32_t p = head; p != UINT32_MAX; p = d->payloads[p].next)
            d->payloads[p].merged = NULL;
        for (uint32_t p = head; p != UINT32_MAX; p = d->payloads[p].next) {
            sr_payload *pl = &d->payloads[p];
            if (pl->kind != SR_DICT_VERB) continue;
            /* only the first payload of each verbpos is ever chosen */
            int first = 1;
            for (uint32_t q = head; q != p; q = d->payloads[q].next)
                if (d->payloads[q].kind == SR_DICT_VERB && d->payloads[q].verbpos == pl->verbpos)
                    first = 0;
            if (!first) continue;
            const sr_verb_block *src[S_MERGE_MAX];
            const sr_verb_entry *ents[S_MERGE_MAX];
            uint32_t n = 0;
            for (uint32_t q = p; q != UINT32_MAX && n < S_MERGE_MAX; q = d->payloads[q].next) {
                const sr_payload *ql = &d->payloads[q];
                if (ql->kind != SR_DICT_VERB || ql->verbpos != pl->verbpos) continue;
                const sr_verb_entry *e = d->verbs.v[ql->entry];
                if (!e->block) continue;
                int dup = 0;
                for (uint32_t k = 0; k < n; k++)
                    if (src[k] == e->block) dup = 1;
                if (dup) continue;
                ents[n] = e;
                src[n++] = e->block;
            }
            if (n < 2) continue;
            sr_verb_block *b = S_merged_block(d, src, n, &cache, &ncache, &ccap);
            sr_verb_entry *e = b ? sr_arena_alloc(&d->arena, sizeof *e) : NULL;
            if (!e) {
                rc = -1;
                continue;
            }
            *e = *ents[0];
            e->block = b;
            for (uint32_t k = 1; k < n && S_null_code(e->code); k++)
                if (!S_null_code(ents[k]->code)) {
                    e->code = ents[k]->code;
                    e->code2 = ents[k]->code2;
                }
            pl->merged = e;
        }
    }
    free(cache);
    return rc;
}

static size_t S_match_words(const sitrep_dict *d, const sr_phrase *ph, const sr_token *t,
                            size_t n, size_t i) {
    size_t pos = i;
    for (uint32_t w = 0; w < ph->nwords; w++) {
        if (pos >= n) return 0;
        S_cand buf[S_MAX_CANDS];
        const S_cand *c;
        size_t nc = S_tok_cands(d, t, n, pos, buf, &c);
        size_t adv = 0;
        for (size_t k = 0; k < nc; k++)
            if (c[k].word == ph->words[w] && c[k].ntok > adv) adv = c[k].ntok;
        if (!adv) return 0;
        pos += adv;
    }
    return pos - i;
}

size_t sr_dict_match_elem(const sitrep_dict *d, const sr_pat_elem *e, const sr_token *toks,
                          size_t n, size_t i) {
    if (!d || !e || !toks || i >= n) return 0;
    if (e->type == SR_PE_WORD && e->word) return S_match_words(d, e->word, toks, n, i);
    if (e->type == SR_PE_SYNSET && e->synset) {
        size_t best = 0;
        for (uint32_t k = 0; k < e->synset->nalts; k++) {
            size_t m = S_match_words(d, &e->synset->alts[k], toks, n, i);
            if (m > best) best = m;
        }
        return best;
    }
    return 0;
}

const sr_verb_block *sr_dict_verb_block(const sitrep_dict *d, const char *name) {
    if (!d || !name) return NULL;
    for (size_t k = 0; k < d->blocks.n; k++) {
        const sr_verb_block *b = d->blocks.v[k];
        if (strcasecmp(b->name, name) == 0) return b;
    }
    return NULL;
}

const sr_verb_transform *sr_dict_transforms(const sitrep_dict *d, size_t *n) {
    if (n) *n = d ? d->nxf : 0;
    return d ? d->xf : NULL;
}

/* ------------------------------------------------------------------ */
/* Discards, issues                                                    */
/* ------------------------------------------------------------------ */

/* Longest phrase of one `kind` (discard, issue) at token i: returns the
 * tokens matched and its entry index in *entry, or 0. */
static size_t S_match_kind(const sitrep_dict *d, const sr_token *toks, size_t n, size_t i,
                           uint8_t kind, uint32_t *entry) {
    uint32_t node;
    size_t m = S_match(d, toks, n, i, S_kind_ok, &kind, &node, NULL);
    if (!m) return 0;
    for (uint32_t p = d->node_payload[node]; p != UINT32_MAX; p = d->payloads[p].next)
        if (d->payloads[p].kind == kind) {
            *entry = d->payloads[p].entry;
            return m;
        }
    return 0;
}

size_t sr_dict_match_discard(const sitrep_dict *d, const sr_token *toks, size_t n, size_t i,
                             const sr_discard_entry **out) {
    uint32_t e = 0;
    size_t m = S_match_kind(d, toks, n, i, SR_DICT_DISCARD, &e);
    if (out) *out = m ? d->discards.v[e] : NULL;
    return m;
}

size_t sr_dict_match_issue(const sitrep_dict *d, const sr_token *toks, size_t n, size_t i,
                           const sr_issue_entry **out) {
    uint32_t e = 0;
    size_t m = S_match_kind(d, toks, n, i, SR_DICT_ISSUE, &e);
    if (out) *out = m ? d->issues.v[e] : NULL;
    return m;
}

/* ------------------------------------------------------------------ */
/* Tokenizing typed phrases                                            */
/* ------------------------------------------------------------------ */

static int S_split_char(unsigned char c) {
    return c == ',' || c == ';' || c == ':' || c == '?' || c == '!' || c == '(' ||
           c == ')' || c == '"';
}

static int S_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_';
}

/* Length of a possessive suffix ("'s", "\xE2\x80\x99s") at the end of
 * word[0..n), or 0. */
static size_t S_possessive(const char *w, size_t n) {
    if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S')) return 2;
    if (n > 4 && (unsigned char)w[n - 4] == 0xE2 && (unsigned char)w[n - 3] == 0x80 &&
        (unsigned char)w[n - 2] == 0x99 && (w[n - 1] == 's' || w[n - 1] == 'S'))
        return 4;
    return 0;
}

static void S_tok_push(sr_token *t, size_t *n, const char *text, size_t s, size_t e) {
    sr_token *k = &t[(*n)++];
    memset(k, 0, sizeof *k);
    k->start = (uint32_t)s;
    k->end = (uint32_t)e;
    k->form = text + s;
    k->form_len = (uint32_t)(e - s);
    k->head = -1;
}

size_t sr_dict_tokenize(const char *text, sr_arena *arena, sr_token **out) {
    *out = NULL;
    if (!text) return 0;
    size_t len = strlen(text);
    sr_token *t = sr_arena_calloc(arena, len + 1, sizeof *t);
    if (!t) return 0;
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (S_space(c)) {
            if (n && c != '_') t[n - 1].flags |= SR_TOK_SPACE_AFTER;
            i++;
            continue;
        }
        if (S_split_char(c)) {
            S_tok_push(t, &n, text, i, i + 1);
            i++;
            continue;
        }
        size_t s = i;
        while (i < len && !S_space((unsigned char)text[i]) &&
               !S_split_char((unsigned char)text[i]))
            i++;
        size_t q = S_possessive(text + s, i - s);
        if (q) {
            S_tok_push(t, &n, text, s, i - q);
            S_tok_push(t, &n, text, i - q, i);
        } else {
            S_tok_push(t, &n, text, s, i);
        }
    }
    *out = t;
    return n;
}

/* ------------------------------------------------------------------ */
/* Handles, stats, lookup                                              */
/* ------------------------------------------------------------------ */

sitrep_dict *sitrep_dict_new(void) {
    sitrep_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    sr_arena_init(&d->arena, 1 << 20);
    int m = sr_dict_stem_mode_parse(getenv("SITREP_DICT_STEMS"));
    d->stem_mode = m >= 0 ? m : SR_STEMS_AUTO;
    return d;
}

int sr_dict_stems(sitrep_dict *d, int mode) {
    if (!d) return -1;
    int old = d->stem_mode;
    if (mode == SR_STEMS_AUTO || mode == SR_STEMS_ON || mode == SR_STEMS_OFF)
        d->stem_mode = mode;
    return old;
}

int sr_dict_stem_mode_parse(const char *s) {
    if (!s) return -1;
    if (!strcasecmp(s, "auto")) return SR_STEMS_AUTO;
    if (!strcasecmp(s, "on")) return SR_STEMS_ON;
    if (!strcasecmp(s, "off")) return SR_STEMS_OFF;
    return -1;
}

int sr_dict_tabari_name(const char *path) {
    if (!path) return 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) return 0;
    return !strcasecmp(dot, ".actors") || !strcasecmp(dot, ".agents") ||
           !strcasecmp(dot, ".verbs");
}

void sitrep_dict_free(sitrep_dict *d) {
    if (!d) return;
    free(d->words);
    free(d->wtab);
    free(d->node_payload);
    free(d->etab);
    free(d->payloads);
    for (size_t k = 0; k < d->synsets.n; k++) {
        sr_synset_src *ss = d->synsets.v[k];
        free(ss->members);
        free(ss->member_lines);
    }
    sr_ptrvec *vs[] = {&d->actors, &d->agents, &d->verbs, &d->blocks,
                       &d->discards, &d->issues, &d->synsets};
    for (size_t k = 0; k < sizeof vs / sizeof vs[0]; k++) free(vs[k]->v);
    free(d->stab);
    free(d->xf);
    sr_arena_free(&d->arena);
    free(d);
}

void sitrep_dict_set_reporter(sitrep_dict *d, sitrep_dict_report_fn fn, void *ctx) {
    if (!d) return;
    d->report = fn;
    d->report_ctx = ctx;
}

size_t sitrep_dict_error_count(const sitrep_dict *d) { return d ? d->errors : 0; }

void sr_dict_report(sitrep_dict *d, const char *file, size_t line, size_t col,
                    const char *fmt, ...) {
    sitrep_error e;
    memset(&e, 0, sizeof e);
    e.code = SITREP_E_SYNTAX;
    e.pos = SIZE_MAX;
    snprintf(e.file, sizeof e.file, "%s", file ? file : "");
    e.line = line;
    e.col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    if (d->errors == d->load_errors_base) d->first_error = e;
    d->errors++;
    if (d->report) d->report(d->report_ctx, &e);
}

void sr_dict_get_stats(const sitrep_dict *d, sr_dict_stats *st) {
    memset(st, 0, sizeof *st);
    if (!d) return;
    st->files = d->nfiles;
    st->actors = d->actors.n;
    st->actor_phrases = d->actor_phrases;
    st->actor_ranges = d->actor_ranges;
    st->agents = d->agents.n;
    st->agent_phrases = d->agent_phrases;
    st->verb_blocks = d->blocks.n;
    st->verbs = d->verbs.n;
    st->verb_forms = d->verb_forms;
    st->patterns = d->npatterns;
    st->synsets = d->synsets.n;
    st->transforms = d->nxf;
    st->discards = d->discards.n;
    st->issues = d->issues.n;
    st->words = d->nwords;
    st->trie_nodes = d->nnodes;
    st->stem_words = d->nstems;
    st->errors = d->errors;
}

/* "YYYY-MM-DD" or "YYYYMMDD" -> 20250314; "" / NULL -> 0; bad -> -1. */
static int32_t S_parse_date(const char *s) {
    if (!s || !*s) return 0;
    int32_t v = 0;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 8) return -1;
            v = v * 10 + (*p - '0');
        } else if (*p != '-') {
            return -1;
        }
    }
    if (digits != 8) return -1;
    int m = (v / 100) % 100, dd = v % 100;
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return -1;
    return v;
}

static const char *S_kind_name(int kind) {
    switch (kind) {
    case SR_DICT_ACTOR: return "actor";
    case SR_DICT_AGENT: return "agent";
    case SR_DICT_VERB: return "verb";
    case SR_DICT_DISCARD: return "discard";
    case SR_DICT_ISSUE: return "issue";
    }
    return "?";
}

/* Ends a lookup line: a last column "stem" when a stem matched a longer
 * word. */
static void S_line_end(sr_buf *b, unsigned stem) {
    if (stem) sr_buf_append(b, "\tstem\n", 6);
    else sr_buf_append(b, "\n", 1);
}

char *sitrep_dict_lookup(const sitrep_dict *d, const char *phrase, const char *date,
                         sitrep_error *err) {
    int32_t dt = S_parse_date(date);
    if (dt < 0) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0,
                     "bad date '%s' (expected YYYY-MM-DD)", date);
        return NULL;
    }
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize(phrase, &ar, &t);
    sr_buf lines = SR_BUF_INIT;
    const char *actor_code = NULL;
    size_t actor_len = 0; /* the longest (most specific) actor decides */
    const sr_agent_entry *agents[8];
    size_t nagents = 0;
    for (size_t i = 0; i < n;) {
        sr_actor_hit ah;
        sr_agent_hit gh;
        size_t ma = d ? sr_dict_match_actor(d, t, n, i, dt, &ah) : 0;
        size_t mg = d ? sr_dict_match_agent(d, t, n, i, &gh) : 0;
        if (ma && ma >= mg) {
            if (ah.code && strcmp(ah.code, "---") != 0 && ma > actor_len) {
                actor_code = ah.code;
                actor_len = ma;
            }
            sr_buf_printf(&lines, "%s\t%s\t%s\t%s:%u", S_kind_name(SR_DICT_ACTOR),
                          ah.code ? ah.code : "---", ah.phrase, ah.file, (unsigned)ah.line);
            S_line_end(&lines, ah.stem);
            i += ma;
        } else if (mg) {
            if (nagents < 8) agents[nagents++] = gh.entry;
            sr_buf_printf(&lines, "%s\t%s%s%s\t%s\t%s:%u", S_kind_name(SR_DICT_AGENT),
                          gh.entry->compose == SR_AGENT_SUFFIX ? "~" : "", gh.entry->code,
                          gh.entry->compose == SR_AGENT_PREFIX ? "~" : "", gh.phrase,
                          gh.entry->file, (unsigned)gh.entry->line);
            S_line_end(&lines, gh.stem);
            i += mg;
        } else {
            i++;
        }
    }
    char code[128];
    code[0] = '\0';
    if (actor_code) snprintf(code, sizeof code, "%s", actor_code);
    for (size_t k = 0; k < nagents; k++) {
        char tmp[128];
        /* one agent code is added once (a PETRARCH actor gets its agents'
         * codes appended unless already present) */
        if (agents[k]->code && strstr(code, agents[k]->code)) continue;
        sr_agent_compose_code(code, agents[k], tmp, sizeof tmp);
        snprintf(code, sizeof code, "%s", tmp);
    }
    sr_buf out = SR_BUF_INIT;
    sr_buf_printf(&out, "%s\n", code);
    if (lines.len) sr_buf_append(&out, lines.data, lines.len);
    sr_buf_free(&lines);
    sr_arena_free(&ar);
    char *res = sr_buf_detach(&out, NULL);
    if (!res) sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    return res;
}
