/* coder.c - verb-pattern matching on the dependency parse; see coder.h
 * and docs/coder.md. */
#include "coder/coder.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dict/dict.h"
#include "enrich/ontology.h"
#include "enrich/timex.h"
#include "parse/ud.h"
#include "util/error.h"

#define S_MAX_ACT 16     /* actors per argument after conjunct expansion */

struct sitrep_coder {
    const sitrep_model *model;
    const sitrep_dict *dict;
    sr_coder_opts opts;
    sr_arena scratch; /* per-sentence work memory, reset each sentence */
    /* The speaker of the last sentence's quotations, for a quotation that
     * goes on in the next sentence with no speech verb of its own ("...,"
     * he said. "But ..."). */
    struct {
        const sitrep_article *a;
        size_t si;
        int set;
        char code[48];
        size_t start, end;
    } lastq;
    /* Per verb block, a word id per pattern that the pattern needs (or
     * SR_WORD_NONE): lets the pattern loop skip a pattern with one bit
     * test when the sentence lacks the word. Open addressing on the
     * block pointer, built on first use (S_block_keys). */
    struct S_bkeys {
        const sr_verb_block *blk;
        uint32_t *keys;
    } *bk;
    size_t bk_cap, bk_n;
    /* The article being coded by sitrep_code_article (NULL otherwise) and
     * its sentences' dictionary candidate caches, kept from the story
     * discard pass to the sentence's coding (memory: art_arena, reset
     * per article). */
    const sitrep_article *art_a;
    sr_dict_tokcache *art_tc;
    uint8_t *art_disc; /* per sentence: 0 unknown, 1 no discard phrase, 2 one */
    size_t art_n;
    sr_arena art_arena;
    /* The sentence's word-id bitmap (S_ctx.wbits): all zero between
     * sentences; wset lists the bits set (scratch memory). */
    uint64_t *wbits;
    size_t wbits_cap;
    uint32_t *wset;
    size_t nwset;
};

static void S_default_opts(sr_coder_opts *o) {
    memset(o, 0, sizeof *o);
    o->coref = 1;
    o->combine = 1;
    o->nominal = 1;
    o->intent = 1;
    o->max_events = 256;
}

sitrep_coder *sitrep_coder_new(const sitrep_model *m, const sitrep_dict *d, sitrep_error *err) {
    if (!d) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "sitrep_coder_new: no dictionary");
        return NULL;
    }
    sitrep_coder *c = calloc(1, sizeof *c);
    if (!c) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    c->model = m;
    c->dict = d;
    S_default_opts(&c->opts);
    sr_arena_init(&c->scratch, 1 << 16);
    sr_arena_init(&c->art_arena, 1 << 16);
    return c;
}

void sitrep_coder_free(sitrep_coder *c) {
    if (!c) return;
    sr_arena_free(&c->scratch);
    sr_arena_free(&c->art_arena);
    free(c->wbits);
    for (size_t k = 0; k < c->bk_cap; k++) free(c->bk[k].keys);
    free(c->bk);
    free(c);
}

void sr_coder_set_opts(sitrep_coder *c, const sr_coder_opts *o) {
    if (!c) return;
    if (o) {
        c->opts = *o;
        if (c->opts.max_events <= 0) c->opts.max_events = 256;
    } else {
        S_default_opts(&c->opts);
    }
}

int32_t sr_parse_date(const char *s) {
    if (!s) return 0;
    int32_t v = 0;
    int nd = 0;
    for (; *s && nd < 8; s++) {
        if (*s >= '0' && *s <= '9') {
            v = v * 10 + (*s - '0');
            nd++;
        } else if (*s != '-' && *s != '/') {
            break;
        }
    }
    return nd == 8 ? v : 0;
}

/* ------------------------------------------------------------------ */
/* Per-verb analysis                                                   */
/* ------------------------------------------------------------------ */

/* An attribution: the speaker's actor code ("" when no actor; NULL: no
 * attribution at all) and the byte span of the speaker's phrase. */
typedef struct S_attr {
    const char *code;
    size_t start, end;
} S_attr;

typedef struct S_verb {
    int32_t v;                 /* verb token */
    sr_verb_hit hit;
    const sr_verb_pattern *pat;
    const char *code, *code2;
    sr_actor_ref src[S_MAX_ACT], tgt[S_MAX_ACT];
    int nsrc, ntgt;
    int negated;
    int consumed;              /* combined into a lower verb's event */
    int fut_aux;               /* will/would/shall on the verb itself */
    char modality[48];
    S_attr attr;               /* who reports it (S_attribution) */
} S_verb;

#define S_NCAND 6
typedef struct S_cands {
    int8_t n;                  /* -1: not computed yet */
    uint32_t word[S_NCAND];
    uint8_t ntok[S_NCAND];
} S_cands;

typedef struct S_ctx {
    sitrep_coder *c;
    const sitrep_article *a;
    const sr_sentence *s;
    const sr_token *tok;
    int32_t n;
    sr_sent_actors sa;
    int32_t *ch;               /* clause head of every token */
    uint8_t *is_verb;          /* candidate verb (in the dictionary) */
    uint8_t *del;              /* deleted by comma-clause deletion (NULL: none) */
    int32_t *pos;              /* scratch: clause token positions */
    /* Word-id candidates per token for pattern words (surface, lemma,
     * glued with following adjacent tokens), computed once per token:
     * pattern matching compares interned ids instead of re-folding. */
    S_cands *cands;            /* per token; ncand < 0 until computed */
    /* Bit per dictionary word id: set when some token of the sentence can
     * stand for it (a candidate above). A pattern whose words are not all
     * in the sentence cannot match, so it is skipped before the scan.
     * NULL until the first pattern is tried. */
    uint64_t *wbits;
    size_t nwbits;
    int wide;                  /* the current verb's pattern matched into a
                                * complement clause (see S_targets) */
    const char *cur_code;      /* the current verb's code (see S_targets) */
    S_attr carry;              /* the previous sentence's quotation speaker */
    int has_carry;
    /* sr_timex_event_date's last answer, for verb tx_v (-1: none) */
    int32_t tx_v, tx_date;
    int tx_ok, tx_evdate, tx_gran;
    uint32_t tx_ts, tx_te;
} S_ctx;

static int S_quoted(const S_ctx *x, int32_t i);

static int S_is_clause_rel(unsigned rel) {
    return rel == SR_DEP_ROOT || sr_dep_is_clausal(rel);
}

/* "rescheduled his annual mushroom hunting trip in P" with "hunting"
 * made a gerund clause taking "trip" as its object: an -ing form between
 * a singular common noun of the governing clause and a bare noun right
 * after it, with no subject, auxiliary, marker or preposition of its own,
 * is the middle of a noun compound ("money laundering scheme", "fact
 * finding mission"), not a clause: its phrases stay in the governing
 * clause. Dictionary verbs are never demoted. */
static int S_compound_gerund(const S_ctx *x, int32_t i) {
    const sr_dtree *t = &x->sa.tree;
    const sr_token *tk = x->tok;
    if (i < 1 || i + 1 >= x->n || x->is_verb[i] || tk[i].upos != SR_UPOS_VERB ||
        !(tk[i].feats & SR_FEAT_VF_GER) || !sr_dep_is_clausal(t->rel[i]))
        return 0;
    int32_t u = t->head[i], p = i - 1, o = i + 1;
    if (u < 0 || tk[p].upos != SR_UPOS_NOUN || !(tk[p].feats & SR_FEAT_NUM_SING) ||
        (t->head[p] != u && t->head[p] != i) || sr_dtree_find_kid(t, p, SR_DEP_CASE) >= 0)
        return 0;
    if (tk[o].upos != SR_UPOS_NOUN || t->head[o] != i || t->rel[o] != SR_DEP_OBJ) return 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, o); k++) {
        unsigned r = t->rel[sr_dtree_kid(t, o, k)];
        if (r == SR_DEP_DET || r == SR_DEP_NMOD_POSS) return 0;
    }
    for (int32_t k = 0; k < sr_dtree_nkids(t, i); k++) {
        int32_t c = sr_dtree_kid(t, i, k);
        unsigned r = t->rel[c];
        if (sr_dep_is_subject(r) || r == SR_DEP_AUX || r == SR_DEP_MARK || r == SR_DEP_CASE ||
            (c < i && c != p))
            return 0;
    }
    return 1;
}

/* Clause heads: roots, clausal relations, verb conjuncts and every
 * dictionary verb; every other token belongs to its head's clause. */
static void S_clauses(S_ctx *x) {
    const sr_dtree *t = &x->sa.tree;
    int32_t maxd = 0;
    for (int32_t i = 0; i < x->n; i++) if (t->depth[i] > maxd) maxd = t->depth[i];
    for (int32_t d = 0; d <= maxd; d++)
        for (int32_t i = 0; i < x->n; i++) {
            if (t->depth[i] != d) continue;
            unsigned rel = t->rel[i];
            int head = (S_is_clause_rel(rel) && !S_compound_gerund(x, i)) || x->is_verb[i] ||
                       (rel == SR_DEP_CONJ && (x->tok[i].upos == SR_UPOS_VERB));
            x->ch[i] = (head || t->head[i] < 0) ? i : x->ch[t->head[i]];
        }
}

/* A finite verb the parser buried in a noun phrase as a modifier of a
 * later noun ("Calenardhon welcomed memos from Bree" parsed as one NP
 * headed by "memos"): the words before the verb are its subject, the head
 * noun and what follows it its object. */
static int S_buried_verb(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    unsigned rel = t->rel[v];
    int32_t u = t->head[v];
    if (u <= v || (rel != SR_DEP_AMOD && rel != SR_DEP_COMPOUND)) return 0;
    if (x->tok[u].upos != SR_UPOS_NOUN && x->tok[u].upos != SR_UPOS_PROPN) return 0;
    /* An actor must precede the verb inside the phrase ("the proposed
     * deal" stays a modifier; "the US-proposed deal" is the US proposing). */
    for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        if (c < v && (t->rel[c] == SR_DEP_COMPOUND || t->rel[c] == SR_DEP_NMOD_POSS ||
                      t->rel[c] == SR_DEP_AMOD) && sr_actors_np((sr_sent_actors *)&x->sa, c))
            return 1;
    }
    return 0;
}

static int S_is_neg(const sr_token *tk) {
    return sr_tok_is(tk, "not") || sr_tok_is(tk, "n't") || sr_tok_is(tk, "never") ||
           sr_tok_is(tk, "no");
}

/* The NP head for a token that a pattern marker landed on: climb through
 * NP-internal relations. */
static int32_t S_np_head(const S_ctx *x, int32_t i) {
    const sr_dtree *t = &x->sa.tree;
    for (int steps = 0; steps < 8 && i >= 0; steps++) {
        unsigned rel = t->rel[i];
        if ((rel == SR_DEP_COMPOUND || rel == SR_DEP_AMOD || rel == SR_DEP_FLAT ||
             rel == SR_DEP_NMOD_POSS || rel == SR_DEP_DET) && t->head[i] >= 0)
            i = t->head[i];
        else
            break;
    }
    return i;
}

typedef struct S_match {
    int score;
    int32_t src_tok, tgt_tok, comp_tok;
    int used_neg;
    int32_t word_end;          /* end of the last word matched (-1: none) */
} S_match;

/* The dictionary's candidates of token i (surface, lemma, and up to 4
 * tokens glued when no space separates them: "U.S" + "."), copied from
 * its per-sentence cache on first use. */
static const S_cands *S_get_cands(S_ctx *x, int32_t i) {
    S_cands *c = &x->cands[i];
    if (c->n >= 0) return c;
    c->n = (int8_t)sr_dict_token_cands(x->c->dict, x->tok, (size_t)x->n, (size_t)i, c->word,
                                       c->ntok, S_NCAND);
    return c;
}

static size_t S_phrase_at(S_ctx *x, const sr_phrase *ph, int32_t i) {
    int32_t pos = i;
    for (uint32_t w = 0; w < ph->nwords; w++) {
        if (pos >= x->n) return 0;
        const S_cands *c = S_get_cands(x, pos);
        int adv = 0;
        for (int k = 0; k < c->n; k++)
            if (c->word[k] == ph->words[w] && c->ntok[k] > adv) adv = c->ntok[k];
        if (!adv) return 0;
        pos += adv;
    }
    return (size_t)(pos - i);
}

/* Fills x->wbits from every token's candidates (once per sentence). */
static int S_wbits_init(S_ctx *x) {
    sitrep_coder *cd = x->c;
    size_t nw = sr_dict_nwords(cd->dict);
    size_t nwords = nw / 64 + 1;
    if (nwords > cd->wbits_cap) {
        /* once per coder (the dictionary does not grow while coding) */
        uint64_t *b = calloc(nwords, sizeof *b);
        if (!b) return -1;
        free(cd->wbits);
        cd->wbits = b;
        cd->wbits_cap = nwords;
    }
    uint32_t *ids = sr_arena_alloc(&cd->scratch, (size_t)x->n * S_NCAND * sizeof *ids);
    if (!ids) return -1;
    size_t nid = 0;
    for (int32_t i = 0; i < x->n; i++) {
        const S_cands *c = S_get_cands(x, i);
        for (int k = 0; k < c->n; k++)
            if (c->word[k] < nw) {
                cd->wbits[c->word[k] >> 6] |= UINT64_C(1) << (c->word[k] & 63);
                ids[nid++] = c->word[k];
            }
    }
    cd->wset = ids; /* cleared by sr_code_sentence when the sentence is done */
    cd->nwset = nid;
    x->wbits = cd->wbits;
    x->nwbits = nw;
    return 0;
}

/* Whether every word of the phrase is a candidate of some token. */
static int S_phrase_possible(const S_ctx *x, const sr_phrase *ph) {
    for (uint32_t w = 0; w < ph->nwords; w++) {
        uint32_t id = ph->words[w];
        if (id >= x->nwbits || !(x->wbits[id >> 6] & (UINT64_C(1) << (id & 63)))) return 0;
    }
    return 1;
}

/* A necessary condition for S_match_pattern: every WORD element's words,
 * and every SYNSET element's words of at least one member, occur in the
 * sentence. (Without the bitmap, say so: the full match decides.) */
static int S_pattern_possible(S_ctx *x, const sr_verb_pattern *p) {
    if (!x->wbits && S_wbits_init(x) != 0) return 1;
    for (uint32_t k = 0; k < p->nelems; k++) {
        if (k == p->verb_pos) continue;
        const sr_pat_elem *e = &p->elems[k];
        if (e->type == SR_PE_WORD && e->word) {
            if (!S_phrase_possible(x, e->word)) return 0;
        } else if (e->type == SR_PE_SYNSET && e->synset) {
            uint32_t a = 0;
            while (a < e->synset->nalts && !S_phrase_possible(x, &e->synset->alts[a])) a++;
            if (a == e->synset->nalts) return 0;
        }
    }
    return 1;
}

static size_t S_bk_slot(const struct S_bkeys *t, size_t cap, const sr_verb_block *b) {
    size_t i = (size_t)(((uintptr_t)b >> 4) * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (cap - 1);
    while (t[i].blk && t[i].blk != b) i = (i + 1) & (cap - 1);
    return i;
}

/* The pattern keys of a block (see sitrep_coder.bk), or NULL when out of
 * memory (then no pattern is skipped by key). */
static const uint32_t *S_block_keys(sitrep_coder *c, const sr_verb_block *b) {
    if (!b || !b->npatterns) return NULL;
    if (c->bk_cap) {
        size_t i = S_bk_slot(c->bk, c->bk_cap, b);
        if (c->bk[i].blk) return c->bk[i].keys;
    }
    if ((c->bk_n + 1) * 2 > c->bk_cap) {
        size_t ncap = c->bk_cap ? c->bk_cap * 2 : 256;
        struct S_bkeys *t = calloc(ncap, sizeof *t);
        if (!t) return NULL;
        for (size_t k = 0; k < c->bk_cap; k++)
            if (c->bk[k].blk) t[S_bk_slot(t, ncap, c->bk[k].blk)] = c->bk[k];
        free(c->bk);
        c->bk = t;
        c->bk_cap = ncap;
    }
    uint32_t *keys = malloc(b->npatterns * sizeof *keys);
    if (!keys) return NULL;
    for (uint32_t p = 0; p < b->npatterns; p++) {
        const sr_verb_pattern *pat = &b->patterns[p];
        keys[p] = SR_WORD_NONE;
        for (uint32_t k = 0; k < pat->nelems && keys[p] == SR_WORD_NONE; k++) {
            const sr_pat_elem *e = &pat->elems[k];
            if (k != pat->verb_pos && e->type == SR_PE_WORD && e->word && e->word->nwords)
                keys[p] = e->word->words[0];
        }
    }
    size_t i = S_bk_slot(c->bk, c->bk_cap, b);
    c->bk[i].blk = b;
    c->bk[i].keys = keys;
    c->bk_n++;
    return keys;
}

/* Whether pattern p of a block can be skipped by its key (see
 * S_block_keys): its key word is no candidate of any sentence token. */
static int S_key_absent(const S_ctx *x, const uint32_t *keys, uint32_t p) {
    if (!keys || !x->wbits) return 0;
    uint32_t id = keys[p];
    if (id == SR_WORD_NONE) return 0;
    return id >= x->nwbits || !(x->wbits[id >> 6] & (UINT64_C(1) << (id & 63)));
}

/* Tokens matched by a WORD or SYNSET element at token i (0: none). */
static size_t S_elem_at(S_ctx *x, const sr_pat_elem *e, int32_t i) {
    if (e->type == SR_PE_WORD && e->word) return S_phrase_at(x, e->word, i);
    if (e->type == SR_PE_SYNSET && e->synset) {
        size_t best = 0;
        for (uint32_t k = 0; k < e->synset->nalts; k++) {
            size_t m = S_phrase_at(x, &e->synset->alts[k], i);
            if (m > best) best = m;
        }
        return best;
    }
    return 0;
}

/* Greedy in-order match of elems[k0..k1) over positions P[0..np); the
 * first element may be required to start at `prev_end` (JOINED). */
static int S_match_seq(S_ctx *x, const sr_verb_pattern *p, uint32_t k0, uint32_t k1,
                       const int32_t *P, int32_t np, int32_t prev_end, S_match *m) {
    int32_t cur = 0;
    for (uint32_t k = k0; k < k1; k++) {
        const sr_pat_elem *e = &p->elems[k];
        int joined = (e->flags & SR_PEF_JOINED) != 0 && prev_end >= 0;
        int found = 0;
        for (int32_t j = cur; j < np; j++) {
            int32_t i = P[j];
            if (joined && i != prev_end) {
                if (i > prev_end) break;
                continue;
            }
            if (e->type == SR_PE_WORD || e->type == SR_PE_SYNSET) {
                size_t len = S_elem_at(x, e, i);
                if (len == 0) continue;
                for (size_t q = 0; q < len; q++)
                    if (S_is_neg(&x->tok[i + (int32_t)q])) m->used_neg = 1;
                prev_end = i + (int32_t)len;
                if (prev_end > m->word_end) m->word_end = prev_end;
                m->score += 2 * (int)len;
            } else if (e->type == SR_PE_SOURCE || e->type == SR_PE_TARGET ||
                       e->type == SR_PE_COMPOUND) {
                int32_t h = S_np_head(x, i);
                const sr_actor_ref *r = sr_actors_np(&x->sa, h);
                if (!r) r = sr_actors_np(&x->sa, i);
                if (!r) continue;
                if (e->type == SR_PE_SOURCE) m->src_tok = h;
                else if (e->type == SR_PE_TARGET) m->tgt_tok = h;
                else m->comp_tok = h;
                prev_end = r->end > i + 1 ? r->end : i + 1;
                m->score += 1;
            } else if (e->type == SR_PE_SKIP) {
                prev_end = i + 1;
            } else {
                continue;
            }
            while (j < np && P[j] < prev_end) j++;
            cur = j;
            found = 1;
            break;
        }
        if (!found) return 0;
    }
    return 1;
}

static int S_match_pattern(S_ctx *x, const S_verb *vb, const sr_verb_pattern *p,
                           const int32_t *pre, int32_t npre, const int32_t *post,
                           int32_t npost, S_match *m) {
    memset(m, 0, sizeof *m);
    m->src_tok = m->tgt_tok = m->comp_tok = -1;
    m->word_end = -1;
    if (p->verb_pos >= p->nelems) return 0;
    if (!S_pattern_possible(x, p)) return 0;
    /* Pre-verb elements: the last one must end at the verb when the verb
     * element is joined to it. */
    if (p->verb_pos > 0) {
        if (!S_match_seq(x, p, 0, p->verb_pos, pre, npre, -1, m)) return 0;
    }
    const sr_pat_elem *ve = &p->elems[p->verb_pos];
    (void)ve;
    if (p->verb_pos + 1 < p->nelems) {
        const sr_pat_elem *first = &p->elems[p->verb_pos + 1];
        int32_t pe = (first->flags & SR_PEF_JOINED) ? (int32_t)vb->hit.end : -1;
        if (!S_match_seq(x, p, p->verb_pos + 1, p->nelems, post, npost, pe, m)) return 0;
    }
    return 1;
}

static int S_code_ok(const sitrep_coder *c, const char *code) {
    if (!code || !code[0] || !strcmp(code, "---")) return 0;
    for (const char *q = code; *q; q++)
        if (!((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
            return 0;
    if (c->opts.allow_unknown_codes) return 1;
    return sr_cameo_lookup(code) != NULL;
}

int sr_coder_code_ok(const sitrep_coder *c, const char *code) {
    return c ? S_code_ok(c, code) : 0;
}

static int S_lemma_in(const sr_token *tk, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (sr_lemma_is(tk, list[i])) return 1;
    return 0;
}

static const char *const S_SAY[] = {"say", "tell", "state", "report", "add", "claim",
                                     "announce", "note", "declare", "insist", "think",
                                     "believe", "according", NULL};
static const char *const S_CONTROL_OBJ[] = {"urge", "ask", "call", "tell", "invite", "persuade",
                                            "force", "allow", "encourage", "order", "press",
                                            "pressure", "push", "request", NULL};

/* "A accused B of doing X": B does X (object control of the gerund). */
static const char *const S_OF_OBJ[] = {"accuse", "blame", "charge", "suspect", "convict", "criticize",
                                       "criticise", "condemn", "fault", "praise", "thank", "commend",
                                       "credit", "punish", "sanction", NULL};

static int S_collect(S_ctx *x, int32_t h, int deep, sr_actor_ref *out, int max) {
    return sr_actors_expand(&x->sa, h, deep, out, max);
}

static int32_t S_kid_rel(const S_ctx *x, int32_t v, unsigned rel) {
    return sr_dtree_find_kid(&x->sa.tree, v, rel);
}

static int S_is_relpron(const sr_token *tk) {
    return sr_tok_is(tk, "who") || sr_tok_is(tk, "which") || sr_tok_is(tk, "that");
}

/* The `by` agent of a passive verb, or -1. */
/* An obl:agent with no preposition at all ("the group released 19
 * prisoners" parsed as "released <obl:agent prisoners"): the parser's
 * mistake for an object, never an agent. */
static int S_bare_agent(const S_ctx *x, int32_t c) {
    return x->sa.tree.rel[c] == SR_DEP_OBL_AGENT && sr_dtree_find_kid(&x->sa.tree, c, SR_DEP_CASE) < 0;
}

static int32_t S_agent(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t ag = S_kid_rel(x, v, SR_DEP_OBL_AGENT);
    if (ag >= 0 && !S_bare_agent(x, ag)) return ag;
    /* "opposed earlier by X, the state's foe": an agent the parser hung
     * on another word of the verb's clause (an adverb, an oblique) is
     * still the verb's, unless a verb of its own governs it. */
    for (int32_t i = t->lo[v]; i <= t->hi[v]; i++) {
        if (t->rel[i] != SR_DEP_OBL_AGENT || i == v || S_bare_agent(x, i)) continue;
        int32_t y = t->head[i];
        int steps = 0;
        while (y >= 0 && y != v && steps++ < 16 && x->tok[y].upos != SR_UPOS_VERB &&
               !sr_dep_is_clausal(t->rel[y]))
            y = t->head[y];
        if (y == v) return i;
    }
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (t->rel[c] != SR_DEP_OBL) continue;
        for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
            int32_t cs = sr_dtree_kid(t, c, j);
            if (t->rel[cs] == SR_DEP_CASE && sr_tok_is(&x->tok[cs], "by")) return c;
        }
    }
    /* "was opposed earlier by X" with "by X" parsed as an oblique of the
     * adverb: an adverb takes no "by" phrase of its own, so it is the
     * passive verb's agent (11k). */
    for (int32_t k = 0; S_kid_rel(x, v, SR_DEP_AUX_PASS) >= 0 && k < sr_dtree_nkids(t, v); k++) {
        int32_t a = sr_dtree_kid(t, v, k);
        if (t->rel[a] != SR_DEP_ADVMOD || x->tok[a].upos != SR_UPOS_ADV) continue;
        for (int32_t j = 0; j < sr_dtree_nkids(t, a); j++) {
            int32_t c = sr_dtree_kid(t, a, j);
            if (c < a || (t->rel[c] != SR_DEP_OBL && t->rel[c] != SR_DEP_NMOD)) continue;
            int32_t cs = sr_dtree_find_kid(t, c, SR_DEP_CASE);
            if (cs >= 0 && sr_tok_is(&x->tok[cs], "by")) return c;
        }
    }
    /* "agreed upon by A and B" with the preposition "upon" made an
     * oblique of the participle and "by A" its nmod (round 10 parsers): a
     * preposition takes no "by" phrase of its own (S_adp_object) */
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t p = sr_dtree_kid(t, v, k);
        if (p < v || x->tok[p].upos != SR_UPOS_ADP || t->rel[p] != SR_DEP_OBL) continue;
        for (int32_t j = 0; j < sr_dtree_nkids(t, p); j++) {
            int32_t c = sr_dtree_kid(t, p, j);
            if (c < p || (t->rel[c] != SR_DEP_NMOD && t->rel[c] != SR_DEP_OBL && t->rel[c] != SR_DEP_OBL_AGENT)) continue;
            int32_t cs = sr_dtree_find_kid(t, c, SR_DEP_CASE);
            if (cs >= 0 && sr_tok_is(&x->tok[cs], "by")) return c;
        }
    }
    return -1;
}

/* A main verb whose subject the parser labelled nsubj:pass although no
 * passive auxiliary ("was", "got") and no "by" agent is attached
 * ("Ethiopia broken down a treaty"): the subject is the actor. */
static int S_false_passive(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    /* also as the complement of a speech verb that the parser made the
     * root ("Ethiopia broken down a treaty, an official said"; 11k) */
    if (t->rel[v] != SR_DEP_ROOT && t->rel[v] != SR_DEP_CONJ && t->rel[v] != SR_DEP_CCOMP &&
        t->rel[v] != SR_DEP_PARATAXIS)
        return 0;
    if (S_kid_rel(x, v, SR_DEP_NSUBJ_PASS) < 0 || S_kid_rel(x, v, SR_DEP_AUX_PASS) >= 0) return 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (t->rel[c] == SR_DEP_AUX &&
            (sr_lemma_is(&x->tok[c], "be") || sr_lemma_is(&x->tok[c], "get")))
            return 0;
    }
    return S_agent(x, v) < 0;
}

/* A verb the parser attached as a modifier of the noun after it although a
 * coordinating conjunction introduces it ("condemned the attack and
 * promised aid to X" parsed as "[and promised] aid"): a coordinated verb
 * whose object is that noun. Returns the verb it is coordinated with (the
 * nearest verb above it), or -1. */
static int32_t S_cc_verb(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    unsigned rel = t->rel[v];
    int32_t u = t->head[v];
    if (u <= v || (rel != SR_DEP_AMOD && rel != SR_DEP_COMPOUND)) return -1;
    if (x->tok[u].upos != SR_UPOS_NOUN && x->tok[u].upos != SR_UPOS_PROPN) return -1;
    /* the "and" is the verb's, or (other parsers, round 8 models) that
     * of the noun made a conjunct: "[and] [promised] aid <conj attack" */
    int32_t cc = v - 1;
    if (cc < 0 || t->rel[cc] != SR_DEP_CC ||
        !(t->head[cc] == v || (t->head[cc] == u && t->rel[u] == SR_DEP_CONJ)))
        return -1;
    for (int32_t y = t->head[u], steps = 0; y >= 0 && steps < 16; y = t->head[y], steps++)
        if (x->tok[y].upos == SR_UPOS_VERB) return y;
    return -1;
}

/* A verb the parser buried between two nouns of one phrase: "Russian
 * police arrested students" parsed as "police <nmod [arrested] students",
 * the verb an amod of the later noun u, u attached to an actor-bearing noun
 * p before the verb that no verb governs. Returns p (the subject), or -1;
 * u and its complements are the object. */
static int32_t S_np_verb(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t u = t->head[v];
    if (u <= v || t->rel[v] != SR_DEP_AMOD) return -1;
    if (x->tok[u].upos != SR_UPOS_NOUN && x->tok[u].upos != SR_UPOS_PROPN) return -1;
    /* a real participle has its own dependents; an adverb before the
     * verb ("police systematically [used] civilians") is no sign of one */
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (c > v || t->rel[c] != SR_DEP_ADVMOD) return -1;
    }
    for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        if (c < v && t->rel[c] != SR_DEP_CASE && t->rel[c] != SR_DEP_PUNCT) return -1;
    }
    int32_t p = t->head[u];
    if (p < 0 || p >= v || (t->rel[u] != SR_DEP_NMOD && t->rel[u] != SR_DEP_OBJ &&
                            t->rel[u] != SR_DEP_COMPOUND && t->rel[u] != SR_DEP_APPOS))
        return -1;
    if (x->tok[p].upos != SR_UPOS_NOUN && x->tok[p].upos != SR_UPOS_PROPN) return -1;
    if (sr_dtree_find_kid(t, u, SR_DEP_CASE) >= 0) return -1; /* "police in arrested..." */
    for (int32_t y = t->head[p]; y >= 0; y = t->head[y])
        if (x->tok[y].upos == SR_UPOS_VERB || x->tok[y].upos == SR_UPOS_AUX) return -1;
    return sr_actors_np((sr_sent_actors *)&x->sa, p) ? p : -1;
}

/* A past participle the parser took for an adjective of the noun after
 * it although a "have" auxiliary precedes it ("Ethiopia has [broken]
 * relations with Libya" parsed as "has <obj [broken] relations"): the
 * perfect tense of the participle, whose subject is the subject of
 * "have" and whose object is the noun. Returns the "have" token, or -1. */
static int32_t S_perfect_have(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t u = t->head[v];
    if (v < 1 || u <= v || t->rel[v] != SR_DEP_AMOD) return -1;
    if (x->tok[u].upos != SR_UPOS_NOUN && x->tok[u].upos != SR_UPOS_PROPN) return -1;
    int32_t h = v - 1;
    if (!sr_lemma_is(&x->tok[h], "have") ||
        (x->tok[h].upos != SR_UPOS_VERB && x->tok[h].upos != SR_UPOS_AUX))
        return -1;
    return S_kid_rel(x, h, SR_DEP_NSUBJ) >= 0 ? h : -1;
}

/* A "have" the parser made a main verb although it is the auxiliary of
 * a past participle after it: "X has since cut off Y" parsed as "has
 * <obj since", "since <xcomp cut" (or "had <ccomp shelled" with an
 * adverb between). "have" with no object of its own and only adverbs
 * (or "since") before a subjectless past participle v that it governs
 * directly or through one of those adverbs forms the perfect of v, so
 * v's subject is that of "have" (11n). Returns the "have" token, or -1. */
static int32_t S_aux_have(const S_ctx *x, int32_t v) {
    static const char *const ADVLIKE[] = {"since", "already", "also", "just", "now", "recently",
                                          "never", "not", "still", "long", "ever", "previously",
                                          "repeatedly", "yet", "again", NULL};
    const sr_dtree *t = &x->sa.tree;
    const sr_token *tk = &x->tok[v];
    if (tk->upos != SR_UPOS_VERB || !(tk->feats & SR_FEAT_VF_PART) ||
        !(tk->feats & SR_FEAT_TENSE_PAST))
        return -1;
    unsigned rel = t->rel[v];
    if (!sr_dep_is_clausal(rel) && rel != SR_DEP_DEP) return -1;
    if (S_kid_rel(x, v, SR_DEP_MARK) >= 0 || S_kid_rel(x, v, SR_DEP_NSUBJ_PASS) >= 0 ||
        S_kid_rel(x, v, SR_DEP_AUX) >= 0 || S_kid_rel(x, v, SR_DEP_AUX_PASS) >= 0)
        return -1;
    int32_t h = t->head[v];
    if (h >= 0 && h < v && !sr_lemma_is(&x->tok[h], "have") && S_lemma_in(&x->tok[h], ADVLIKE))
        h = t->head[h];
    if (h < 0 || h >= v || !sr_lemma_is(&x->tok[h], "have") ||
        (x->tok[h].upos != SR_UPOS_VERB && x->tok[h].upos != SR_UPOS_AUX))
        return -1;
    for (int32_t i = h + 1; i < v; i++) {
        unsigned up = x->tok[i].upos;
        if (up != SR_UPOS_ADV && up != SR_UPOS_PART && !S_lemma_in(&x->tok[i], ADVLIKE)) return -1;
    }
    /* a real object ("has troops ready") makes "have" a main verb */
    for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
        int32_t c = sr_dtree_kid(t, h, k);
        if ((t->rel[c] == SR_DEP_OBJ || t->rel[c] == SR_DEP_IOBJ) && !(c > h && c < v)) return -1;
    }
    return S_kid_rel(x, h, SR_DEP_NSUBJ) >= 0 ? h : -1;
}

/* A participle-looking adjective ("broken", "expelled") right after a
 * form of "have": a verb candidate despite its tag. */
static int S_adj_participle(const sr_token *toks, int32_t v) {
    const sr_token *tk = &toks[v];
    if (v < 1 || tk->upos != SR_UPOS_ADJ || !sr_lemma_is(&toks[v - 1], "have") || tk->form_len < 4)
        return 0;
    const char *e = tk->form + tk->form_len - 2;
    return !memcmp(e, "en", 2) || !memcmp(e, "ed", 2);
}

/* "The US imposed sanctions on X" tagged as one noun phrase, "imposed"
 * an adjective (amod) of "sanctions" and "US" a compound: English puts
 * adjectives before noun modifiers ("new US sanctions", never "US new
 * sanctions"), so an -ed adjective after a noun modifier of the same
 * noun that names an actor is the verb of a clause whose subject is that
 * modifier (S_buried_verb then reads it; 11m). 1 for such a token. */
static int S_adj_verb(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    const sr_token *tk = &x->tok[v];
    int32_t u = t->head[v];
    if (v < 1 || tk->upos != SR_UPOS_ADJ || t->rel[v] != SR_DEP_AMOD || u <= v || tk->form_len < 5 ||
        memcmp(tk->form + tk->form_len - 2, "ed", 2) != 0)
        return 0;
    if (x->tok[u].upos != SR_UPOS_NOUN && x->tok[u].upos != SR_UPOS_PROPN) return 0;
    int32_t p = v - 1;
    if (t->head[p] != u || (t->rel[p] != SR_DEP_COMPOUND && t->rel[p] != SR_DEP_NMOD_POSS) ||
        (x->tok[p].upos != SR_UPOS_PROPN && x->tok[p].upos != SR_UPOS_NOUN))
        return 0;
    return sr_actors_np((sr_sent_actors *)&x->sa, p) != NULL;
}

static int S_ing(const sr_token *tk) {
    return tk->form_len > 4 && !memcmp(tk->form + tk->form_len - 3, "ing", 3);
}

/* A subordinate clause whose subordinator the parser took for a
 * preposition: "details emerged as [the U.S. and Ukraine] prepare to
 * meet" parsed as "emerged <obl [as the U.S. and Ukraine]" + "emerged
 * <conj prepare". The noun right before the verb, introduced by a
 * subordinator and attached to the verb's head, is the verb's subject.
 * Returns that noun, or -1. */
static int32_t S_sconj_subject(const S_ctx *x, int32_t v) {
    static const char *const SUB[] = {"as", "while", "when", "because", "after", "before",
                                      "since", "until", "once", "if", "though", "although",
                                      "whereas", NULL};
    const sr_dtree *t = &x->sa.tree;
    unsigned rel = t->rel[v];
    int32_t u = t->head[v];
    if (u < 0 || u > v || (rel != SR_DEP_CONJ && rel != SR_DEP_ADVCL && rel != SR_DEP_ADVMOD &&
                           rel != SR_DEP_DEP && rel != SR_DEP_PARATAXIS && rel != SR_DEP_XCOMP))
        return -1;
    if (S_kid_rel(x, v, SR_DEP_CC) >= 0 || S_kid_rel(x, v, SR_DEP_MARK) >= 0) return -1;
    if (x->tok[v].upos != SR_UPOS_VERB ||
        (x->tok[v].feats & SR_FEAT_VF_GER) || (x->tok[v].feats & SR_FEAT_VF_PART))
        return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        if ((t->rel[c] != SR_DEP_OBL && t->rel[c] != SR_DEP_NMOD) || c >= v || t->hi[c] != v - 1)
            continue;
        int32_t cs = sr_dtree_find_kid(t, c, SR_DEP_CASE);
        if (cs >= 0 && cs == t->lo[c] && S_lemma_in(&x->tok[cs], SUB)) return c;
    }
    return -1;
}

/* An actor ref names a country or organisation (not a bare role). */
static int S_has_base(const sr_actor_ref *r) {
    return r && r->code && (!r->base || r->base[0]);
}

/* A subject the parser attached as something else. For verb v with no
 * subject: an actor word before it hanging on the verb as an adverb,
 * adverbial clause, vocative, dislocated or list item, with no
 * preposition or subordinator of its own ("Osgiliath/ADV welcomed ...",
 * "Pyongyang/VERB on Thursday fired ..."); else the actor noun the parser
 * made the sentence root, with the verb as its parataxis/list/dep ("Bree
 * Prime Minister X won't ever clash ..."). Returns it, or -1. */
static int32_t S_stray_subject(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (c >= v) break;
        unsigned r = t->rel[c];
        if (r != SR_DEP_ADVMOD && r != SR_DEP_ADVCL && r != SR_DEP_VOCATIVE &&
            r != SR_DEP_DISLOCATED && r != SR_DEP_LIST && r != SR_DEP_DEP && r != SR_DEP_OBL_NPMOD)
            continue;
        if (sr_dtree_find_kid(t, c, SR_DEP_CASE) >= 0 || sr_dtree_find_kid(t, c, SR_DEP_MARK) >= 0)
            continue;
        if (x->sa.mention_of[c] < 0) continue; /* the word itself names the actor */
        const sr_actor_ref *ar = sr_actors_np((sr_sent_actors *)&x->sa, c);
        if (S_has_base(ar)) return c;
    }
    int32_t u = t->head[v];
    unsigned rel = t->rel[v];
    if (u >= 0 && u < v && t->rel[u] == SR_DEP_ROOT &&
        (rel == SR_DEP_PARATAXIS || rel == SR_DEP_LIST || rel == SR_DEP_DEP ||
         rel == SR_DEP_FLAT || rel == SR_DEP_APPOS) &&
        (x->tok[u].upos == SR_UPOS_PROPN || x->tok[u].upos == SR_UPOS_NOUN) &&
        S_has_base(sr_actors_np((sr_sent_actors *)&x->sa, u)))
        return u;
    return -1;
}

/* Token c carries a possessive marker ('s, '). */
static int S_possessor(const S_ctx *x, int32_t c) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t k = 0; k < sr_dtree_nkids(t, c); k++) {
        int32_t g = sr_dtree_kid(t, c, k);
        if (t->rel[g] == SR_DEP_CASE && (sr_tok_is(&x->tok[g], "'s") || sr_tok_is(&x->tok[g], "'")))
            return 1;
    }
    return 0;
}

/* prefix + base + suffix in the sentence arena (NULL parts are empty). */
static const char *S_compose3(const S_ctx *x, const char *p, const char *b, const char *s) {
    size_t lp = p ? strlen(p) : 0, lb = b ? strlen(b) : 0, ls = s ? strlen(s) : 0;
    char *o = sr_arena_alloc(x->sa.arena, lp + lb + ls + 1);
    if (!o) return b;
    if (lp) memcpy(o, p, lp);
    if (lb) memcpy(o + lp, b, lb);
    if (ls) memcpy(o + lp + lb, s, ls);
    o[lp + lb + ls] = 0;
    return o;
}

/* A word naming a time (day, month, "yesterday", "week"): never an
 * actor's phrase head. */
static int S_time_word(const sr_token *tk) {
    static const char *const TIME[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night",
        "weekend", "week", "month", "year", "day", "january", "february", "march", "april",
        "june", "july", "august", "september", "october", "november", "december", NULL};
    for (int i = 0; TIME[i]; i++)
        if (sr_tok_is(tk, TIME[i]) || sr_lemma_is(tk, TIME[i])) return 1;
    return 0;
}

/* Token u heads a date phrase: a time word ("Wednesday") or a day number
 * with a month name ("June 13"), introduced by "on" or standing bare. */
static int S_date_head(const S_ctx *x, int32_t u) {
    const sr_dtree *t = &x->sa.tree;
    int date = S_time_word(&x->tok[u]) && !sr_tok_is(&x->tok[u], "year") &&
               !sr_tok_is(&x->tok[u], "day") && !sr_tok_is(&x->tok[u], "week") &&
               !sr_tok_is(&x->tok[u], "month");
    for (int32_t k = 0; !date && x->tok[u].upos == SR_UPOS_NUM && k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        if (c < u && S_time_word(&x->tok[c])) date = 1;
    }
    if (!date) return 0;
    int32_t cs = sr_dtree_find_kid(t, u, SR_DEP_CASE);
    return cs < 0 || sr_tok_is(&x->tok[cs], "on");
}

/* Token c has a preposition of its own (a case or mark child that is an
 * ADP: "on Tuesday"). */
static int S_has_prep(const S_ctx *x, int32_t c) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t k = 0; k < sr_dtree_nkids(t, c); k++) {
        int32_t g = sr_dtree_kid(t, c, k);
        if ((t->rel[g] == SR_DEP_CASE || t->rel[g] == SR_DEP_MARK) && g < c &&
            x->tok[g].upos == SR_UPOS_ADP)
            return 1;
    }
    return 0;
}

/* PETRARCH's null target needs a noun phrase after the verb in its clause
 * that names no actor ("said on Saturday": the phrase is there, with no
 * code); a bare time word ("said today") is no noun phrase there. */
static int S_null_slot(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t i = v + 1; i < x->n; i++) {
        if (x->ch[i] != v || (x->del && x->del[i])) continue;
        unsigned up = x->tok[i].upos, r = t->rel[i];
        if (up != SR_UPOS_NOUN && up != SR_UPOS_PROPN && up != SR_UPOS_PRON && up != SR_UPOS_NUM)
            continue;
        if (r != SR_DEP_OBJ && r != SR_DEP_IOBJ && r != SR_DEP_OBL && r != SR_DEP_NMOD &&
            r != SR_DEP_OBL_TMOD && r != SR_DEP_OBL_UNMARKED && r != SR_DEP_OBL_NPMOD)
            continue;
        if (S_time_word(&x->tok[i]) && !S_has_prep(x, i)) continue;
        return 1;
    }
    return 0;
}

/* A dateline parsed as the subject: "Washington - US President X called
 * ...", "Harare, Zimbabwe - the opposition leader ...", "Cebu City--Police
 * have started ...". A subject that opens the sentence, made only of
 * names, numbers, dates and commas up to a dash, is where the story was
 * filed, never who acted; the phrase the parser hung on it after the dash
 * (appos, list, conj, dep, parataxis) is the subject. Returns that
 * phrase's head, or -1. */
static int32_t S_dateline_subject(const S_ctx *x, int32_t ns) {
    const sr_dtree *t = &x->sa.tree;
    if (t->lo[ns] != 0) return -1;
    int32_t d = -1;
    for (int32_t i = 0; i < x->n && i <= t->hi[ns]; i++) {
        const sr_token *tk = &x->tok[i];
        if (sr_tok_is(tk, "-") || sr_tok_is(tk, "--") || sr_tok_is(tk, "\xe2\x80\x94") ||
            sr_tok_is(tk, "\xe2\x80\x93")) {
            d = i;
            break;
        }
        if (tk->upos != SR_UPOS_PROPN && tk->upos != SR_UPOS_NUM && !sr_tok_is(tk, ",")) return -1;
    }
    if (d <= 0) return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, ns); k++) {
        int32_t c = sr_dtree_kid(t, ns, k);
        unsigned r = t->rel[c];
        if (c > d && (r == SR_DEP_APPOS || r == SR_DEP_LIST || r == SR_DEP_CONJ ||
                      r == SR_DEP_DEP || r == SR_DEP_PARATAXIS))
            return c;
    }
    return -1;
}

/* Sources of verb v (subject, agent of a passive, or inherited). */
/* Nouns for documents that speak for their authors. */
static const char *const S_DOCUMENT[] = {"resolution", "statement", "declaration", "communique",
                                         "letter", "law", "bill", "decree", "motion", "lawsuit",
                                         "suit", "complaint", "petition", "report", "order",
                                         "ruling", "verdict", "note", "memo", "memorandum",
                                         "editorial", "op-ed", "video", "tweet", "post", NULL};

static int S_nominal_tok(const sr_token *tk);

/* A subject the parser hung on an earlier head: verb v with no subject
 * of its own, attached as a clause to a head u that has a subject c
 * standing between u and v, with only auxiliaries, adverbs and particles
 * between c and v ("Russian/ROOT [President X] will meet Y" parsed as
 * "Russian <nsubj X" + "Russian <csubj meet"). A subject precedes its
 * predicate in English, so c is v's subject (11k). Returns c, or -1. */
static int32_t S_stranded_subject(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t u = t->head[v];
    unsigned rel = t->rel[v];
    if (u < 0 || u > v || x->tok[v].upos != SR_UPOS_VERB) return -1;
    if (rel != SR_DEP_CSUBJ && rel != SR_DEP_CCOMP && rel != SR_DEP_XCOMP &&
        rel != SR_DEP_ADVCL && rel != SR_DEP_PARATAXIS && rel != SR_DEP_DEP)
        return -1;
    if (S_kid_rel(x, v, SR_DEP_MARK) >= 0) return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        if (c <= u || c >= v || t->rel[c] != SR_DEP_NSUBJ) continue;
        if (x->tok[c].upos != SR_UPOS_PROPN && x->tok[c].upos != SR_UPOS_NOUN) continue;
        for (int32_t i = t->hi[c] + 1; i < v; i++) {
            unsigned up = x->tok[i].upos;
            if (up != SR_UPOS_AUX && up != SR_UPOS_ADV && up != SR_UPOS_PART) return -1;
        }
        return c;
    }
    return -1;
}

/* A subject the parser took for the object of a word before a colon:
 * "WATCH: Russia is willing to ..." parsed as "WATCH <obj Russia",
 * "WATCH <ccomp willing". A predicate v (verb, or adjective/noun with a
 * copula) with no subject or subordinator, attached as a clause to a
 * head u before a colon, whose head has a bare nominal dependent c
 * starting right after the colon, with only auxiliaries, adverbs and
 * particles between c and v: a colon opens a new clause, so c is v's
 * subject (11m). Returns c, or -1. */
static int32_t S_colon_subject(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t u = t->head[v];
    unsigned rel = t->rel[v];
    if (u < 0 || u > v) return -1;
    if (rel != SR_DEP_CCOMP && rel != SR_DEP_XCOMP && rel != SR_DEP_PARATAXIS && rel != SR_DEP_DEP &&
        rel != SR_DEP_ADVCL)
        return -1;
    if (S_kid_rel(x, v, SR_DEP_MARK) >= 0) return -1;
    if (x->tok[v].upos != SR_UPOS_VERB && S_kid_rel(x, v, SR_DEP_COP) < 0) return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
        int32_t c = sr_dtree_kid(t, u, k);
        unsigned r = t->rel[c];
        /* the colon before c, or c's own first token (the parser may
         * hang the punctuation on c) */
        if (c <= u || c >= v || t->lo[c] < 1 ||
            !(sr_tok_is(&x->tok[t->lo[c] - 1], ":") ||
              (sr_tok_is(&x->tok[t->lo[c]], ":") && t->lo[c] + 1 <= c)))
            continue;
        if (r != SR_DEP_OBJ && r != SR_DEP_IOBJ && r != SR_DEP_APPOS && r != SR_DEP_DEP &&
            r != SR_DEP_NSUBJ)
            continue;
        unsigned up = x->tok[c].upos;
        if (up != SR_UPOS_PROPN && up != SR_UPOS_NOUN && up != SR_UPOS_PRON) continue;
        if (sr_dtree_find_kid(t, c, SR_DEP_CASE) >= 0 || t->hi[c] >= v) continue;
        for (int32_t i = t->hi[c] + 1; i < v; i++) {
            unsigned ui = x->tok[i].upos;
            if (ui != SR_UPOS_AUX && ui != SR_UPOS_ADV && ui != SR_UPOS_PART) return -1;
        }
        return c;
    }
    return -1;
}

/* Object c of verb v stands before the verb: outside relative clauses a
 * nominal object never precedes its verb in English, so it is a piece of
 * the subject the parser mislabelled ("And [Amnesty International]/obj
 * put out a report", "[X's death] and injury toll has risen"; 11k). */
static int S_fronted_obj(const S_ctx *x, int32_t v, int32_t c) {
    const sr_dtree *t = &x->sa.tree;
    /* "Ethiopia broken down ties" with "Ethiopia" a compound of the verb
     * (round 10 parsers): UD gives verbs no nominal compounds, so a noun
     * compound before a verb without a subject is its subject */
    if (c < v && t->rel[c] == SR_DEP_COMPOUND && t->head[c] == v && x->tok[v].upos == SR_UPOS_VERB &&
        (x->tok[c].upos == SR_UPOS_NOUN || x->tok[c].upos == SR_UPOS_PROPN) &&
        sr_dtree_find_kid(t, v, SR_DEP_NSUBJ) < 0 && sr_dtree_find_kid(t, v, SR_DEP_NSUBJ_PASS) < 0)
        return 1;
    return c < v && (t->rel[c] == SR_DEP_OBJ || t->rel[c] == SR_DEP_IOBJ) && t->head[c] == v &&
           t->rel[v] != SR_DEP_ACL_RELCL && t->rel[v] != SR_DEP_ACL &&
           (x->tok[c].upos == SR_UPOS_NOUN || x->tok[c].upos == SR_UPOS_PROPN) &&
           sr_dtree_find_kid(t, c, SR_DEP_CASE) < 0;
}

/* A list member before the subject ns that the parser made a caseless
 * oblique of the verb: with conjuncts of its own before a subject that
 * has a conjunction (11q), or alone, separated from a coordinated subject
 * by one comma (round 8). */
static int S_list_obl(const S_ctx *x, int32_t c, int32_t ns) {
    const sr_dtree *t = &x->sa.tree;
    if (c >= ns || (t->rel[c] != SR_DEP_OBL && t->rel[c] != SR_DEP_OBL_UNMARKED) || S_has_prep(x, c) ||
        S_time_word(&x->tok[c]))
        return 0;
    if (sr_dtree_find_kid(t, c, SR_DEP_CONJ) >= 0 && sr_dtree_find_kid(t, ns, SR_DEP_CC) >= 0)
        return t->rel[c] == SR_DEP_OBL;
    if (sr_dtree_find_kid(t, ns, SR_DEP_CONJ) < 0 || !sr_actors_np((sr_sent_actors *)&x->sa, c)) return 0;
    int32_t e = t->hi[c];
    if (!sr_tok_is(&x->tok[e], ",")) e++;
    /* the comma may hang on either side */
    return e < x->n && sr_tok_is(&x->tok[e], ",") && (e + 1 == t->lo[ns] || e == t->lo[ns]);
}

static int S_sources(S_ctx *x, int32_t v, sr_actor_ref *out, int level) {
    const sr_dtree *t = &x->sa.tree;
    if (v < 0 || level > 8) return 0;
    /* Several subjects (a bad parse): the one nearest the verb is the
     * phrase head; the others are pooled only when a coordinating
     * conjunction joins them to it ("A and the evil B"), not when they
     * are pieces of one name ("Dagolath's minister Telemar"). */
    int32_t ns = -1, nsub = 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (t->rel[c] != SR_DEP_NSUBJ && t->rel[c] != SR_DEP_NSUBJ_OUTER && !S_fronted_obj(x, v, c))
            continue;
        /* "X on Tuesday defended ..." with "Tuesday" parsed as the
         * subject: a time word, or a noun with a preposition of its own,
         * is never a subject. */
        if (S_time_word(&x->tok[c]) || S_has_prep(x, c)) continue;
        nsub++;
        if (ns < 0 || (c < v && c > ns) || (ns > v && c < ns)) ns = c;
    }
    if (ns >= 0) {
        int32_t dl = S_dateline_subject(x, ns);
        if (dl >= 0) ns = dl;
        /* "Evil Mordor, the awful Fornost, and good Gondor welcomed" with
         * "Evil" the subject and "Mordor" its object (round 10 parsers): a
         * noun takes no object in UD, so a subject noun that names no actor
         * stands for the phrase of its object */
        int32_t so = S_kid_rel(x, ns, SR_DEP_OBJ);
        if (so > ns && so < v && (x->tok[ns].upos == SR_UPOS_NOUN || x->tok[ns].upos == SR_UPOS_PROPN) &&
            !sr_actors_np((sr_sent_actors *)&x->sa, ns))
            ns = so;
        if (S_is_relpron(&x->tok[ns]) && t->head[v] >= 0 &&
            (t->rel[v] == SR_DEP_ACL_RELCL || t->rel[v] == SR_DEP_ACL))
            return S_collect(x, t->head[v], 0, out, S_MAX_ACT);
        int cnt = S_collect(x, ns, 0, out, S_MAX_ACT);
        /* "WATCH: Russia is willing ...": a subject without an actor
         * whose apposition names one. */
        if (cnt == 0) {
            int32_t ap = sr_dtree_find_kid(t, ns, SR_DEP_APPOS);
            if (ap >= 0) cnt = S_collect(x, ap, 0, out, S_MAX_ACT);
            /* "X, the first U.S. athlete to ...": the actor may sit
             * anywhere inside the apposition */
            if (ap >= 0 && cnt == 0) cnt = S_collect(x, ap, 1, out, S_MAX_ACT);
            /* ", the news agency WFNA said" parsed as "agency <acl:relcl
             * said": the noun before the name is part of the subject (11o) */
            if (cnt == 0 && t->rel[v] == SR_DEP_ACL_RELCL && t->head[v] >= 0 &&
                sr_dtree_desc_relcl(t, t->head[v]) == v)
                cnt = S_collect(x, t->head[v], 0, out, S_MAX_ACT);
        }
        /* "Japan PM's office refused" split into two subjects, the one
         * nearest the verb without an actor: another subject names it. */
        for (int32_t k = 0; cnt == 0 && nsub > 1 && k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            if (c == ns ||
                (t->rel[c] != SR_DEP_NSUBJ && t->rel[c] != SR_DEP_NSUBJ_OUTER && !S_fronted_obj(x, v, c)) ||
                S_time_word(&x->tok[c]) || S_has_prep(x, c) || S_is_relpron(&x->tok[c]))
                continue;
            cnt = S_collect(x, c, 0, out, S_MAX_ACT);
        }
        /* "Ithilen's awful minister Calimehtar warned" split into the
         * title phrase, its country a possessor, and the name right after
         * it: one subject, coded by the title phrase (as PETRARCH reads
         * the words in order; round 8 models) */
        for (int32_t k = 0; nsub > 1 && k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            if (c >= ns || t->hi[c] + 1 != t->lo[ns] || x->tok[ns].upos != SR_UPOS_PROPN ||
                (t->rel[c] != SR_DEP_NSUBJ && !S_fronted_obj(x, v, c)))
                continue;
            int32_t ps = sr_dtree_find_kid(t, c, SR_DEP_NMOD_POSS);
            const sr_actor_ref *pr = sr_actors_np(&x->sa, c);
            if (ps < 0 || !S_possessor(x, ps) || !S_has_base(pr) || !pr->suffix || !pr->suffix[0]) continue;
            out[0] = *pr;
            cnt = 1;
            break;
        }
        /* "Fornost President Umbardacil appealed" with "Fornost" split
         * off as the root: a role-only subject takes the country of the
         * actor word right before it that the parser made the root. */
        int32_t pv = t->lo[ns] - 1;
        if (cnt == 1 && out[0].base && !out[0].base[0] && pv >= 0 && t->rel[pv] == SR_DEP_ROOT &&
            x->sa.mention_of[pv] >= 0 && !sr_dtree_dominates(t, ns, pv)) {
            const sr_actor_ref *pr = sr_actors_np(&x->sa, pv);
            if (S_has_base(pr) && pr->base) {
                out[0].code = S_compose3(x, out[0].prefix, pr->base, out[0].suffix);
                out[0].base = pr->base;
                out[0].first = pv;
            }
        }
        /* "Evil A, the awful B, and good C welcomed" with the list's
         * first members parsed as a caseless oblique (A <conj B) before
         * the subject C: they are subjects too, joined as below (11q) */
        /* ... or its first member alone, a caseless oblique right before
         * the coordinated subject with only a comma between ("Mordor, the
         * Shire, Fornost and Bree welcomed" as "Mordor <obl:unmarked",
         * "the Shire <conj Fornost <conj Bree"; round 8 models) */
        int listobl = 0;
        for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            if (S_list_obl(x, c, ns)) listobl = 1;
        }
        if (nsub > 1 || listobl) {
            for (int32_t k = 0; k < sr_dtree_nkids(t, v) && cnt < S_MAX_ACT; k++) {
                int32_t c = sr_dtree_kid(t, v, k);
                int lo = listobl && S_list_obl(x, c, ns);
                if (c == ns || (t->rel[c] != SR_DEP_NSUBJ && t->rel[c] != SR_DEP_NSUBJ_OUTER &&
                                !S_fronted_obj(x, v, c) && !lo))
                    continue;
                if (c < ns && S_possessor(x, c)) {
                    /* "Ithilen's awful minister Calimehtar" split into two
                     * subjects: the first is the possessor of the second,
                     * whose role it takes (ITH + GOV). */
                    const sr_actor_ref *pr = sr_actors_np(&x->sa, c);
                    if (!S_has_base(pr)) continue;
                    if (cnt == 0) {
                        out[cnt++] = *pr;
                    } else if (cnt == 1 && out[0].base &&
                               ((out[0].prefix && out[0].prefix[0]) ||
                                (out[0].suffix && out[0].suffix[0]))) {
                        out[0].code = S_compose3(x, out[0].prefix, pr->base ? pr->base : pr->code,
                                                 out[0].suffix);
                        out[0].base = pr->base ? pr->base : pr->code;
                        out[0].first = t->lo[c] < out[0].first ? t->lo[c] : out[0].first;
                    }
                    continue;
                }
                int coord = 0;
                int32_t a = c < ns ? c : ns, b = c < ns ? ns : c;
                for (int32_t i = a + 1; i < b; i++)
                    if (x->tok[i].upos == SR_UPOS_CCONJ) coord = 1;
                /* "A, B, C and D" split into [A, B] and [C and D]: a comma
                 * between two coordinated groups joins them too */
                if (!coord && (sr_dtree_find_kid(t, a, SR_DEP_CONJ) >= 0 ||
                               sr_dtree_find_kid(t, b, SR_DEP_CONJ) >= 0)) {
                    /* the comma may hang on the first group ("Mordor <punct ,") */
                    int comma = sr_tok_is(&x->tok[t->hi[a]], ","), word = 0;
                    for (int32_t i = t->hi[a] + 1; i < b && i < x->n; i++) {
                        if (i >= t->lo[b] && x->tok[i].upos != SR_UPOS_PUNCT) break;
                        if (sr_tok_is(&x->tok[i], ",")) comma = 1;
                        else if (x->tok[i].upos != SR_UPOS_PUNCT) word = 1;
                    }
                    coord = comma && !word;
                }
                if (!coord) continue;
                sr_actor_ref tmp[S_MAX_ACT];
                int m = S_collect(x, c, 0, tmp, S_MAX_ACT);
                for (int i = 0; i < m && cnt < S_MAX_ACT; i++) {
                    int dup = 0;
                    for (int j = 0; j < cnt; j++)
                        if (!strcmp(out[j].code, tmp[i].code)) dup = 1;
                    if (!dup) out[cnt++] = tmp[i];
                }
            }
        }
        /* "The proposal, jointly agreed upon by the US and Ukraine, ..."
         * with "proposal" made the active subject of "agreed" and "by the
         * US" its obl:agent: a participle with an agent is passive
         * whatever its subject's label, and the agent acts (round 8
         * models; 11r) */
        if (cnt == 0 && (x->tok[v].feats & SR_FEAT_VF_PART) && S_kid_rel(x, v, SR_DEP_OBL_AGENT) >= 0) {
            int32_t ag = S_agent(x, v);
            if (ag >= 0) cnt = S_collect(x, ag, 0, out, S_MAX_ACT);
        }
        return cnt;
    }
    int32_t np = S_kid_rel(x, v, SR_DEP_NSUBJ_PASS);
    if (np >= 0 && S_false_passive(x, v)) return S_collect(x, np, 0, out, S_MAX_ACT);
    if (np >= 0) {
        int32_t ag = S_agent(x, v);
        return ag >= 0 ? S_collect(x, ag, 0, out, S_MAX_ACT) : 0;
    }
    if (S_kid_rel(x, v, SR_DEP_CSUBJ) < 0 && S_kid_rel(x, v, SR_DEP_EXPL) < 0) {
        int32_t st = S_stray_subject(x, v);
        if (st < 0) st = S_stranded_subject(x, v);
        if (st < 0) st = S_colon_subject(x, v);
        if (st < 0) st = sr_dtree_pp_appos_subject(t, v);
        if (st >= 0) return S_collect(x, st, 0, out, S_MAX_ACT);
        /* "..., a senior Bree official said on Saturday" with the noun
         * phrase hung on a word before the comma (an apposition of
         * "crowds"): a speech verb at the top of the sentence with no
         * subject takes the noun phrase between the last punctuation and
         * itself, as the attribution does (S_speaker). */
        if ((t->rel[v] == SR_DEP_ROOT || t->rel[v] == SR_DEP_PARATAXIS) && v > 0 &&
            S_lemma_in(&x->tok[v], S_SAY) && S_nominal_tok(&x->tok[v - 1])) {
            int32_t b = v - 1;
            while (b >= 0 && x->tok[b].upos != SR_UPOS_PUNCT) b--;
            int32_t h = -1;
            for (int32_t j = b + 1; b >= 0 && j < v && v - b <= 12; j++)
                if (S_nominal_tok(&x->tok[j]) && (h < 0 || t->depth[j] < t->depth[h])) h = j;
            if (h >= 0) {
                int cnt = S_collect(x, h, 0, out, S_MAX_ACT);
                if (cnt) return cnt;
            }
        }
    }
    int32_t u = t->head[v];
    unsigned rel = t->rel[v];
    if (u < 0) return 0;
    /* "X was seen / is known / was asked to V": the subject of a passive
     * verb without an agent is the subject of its infinitive complement. */
    if (rel == SR_DEP_XCOMP && S_kid_rel(x, u, SR_DEP_NSUBJ_PASS) >= 0 &&
        S_kid_rel(x, u, SR_DEP_AUX_PASS) >= 0 && S_agent(x, u) < 0)
        return S_collect(x, S_kid_rel(x, u, SR_DEP_NSUBJ_PASS), 0, out, S_MAX_ACT);
    int32_t cv = S_cc_verb(x, v);
    if (cv >= 0) return S_sources(x, cv, out, level + 1);
    int32_t hv = S_perfect_have(x, v);
    if (hv >= 0) return S_collect(x, S_kid_rel(x, hv, SR_DEP_NSUBJ), 0, out, S_MAX_ACT);
    int32_t ah = S_aux_have(x, v);
    if (ah >= 0) return S_sources(x, ah, out, level + 1);
    int32_t npv = S_np_verb(x, v);
    if (npv >= 0) return S_collect(x, npv, 0, out, S_MAX_ACT);
    if (S_buried_verb(x, v)) {
        for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
            int32_t c = sr_dtree_kid(t, u, k);
            if (c >= v) break;
            int n = S_collect(x, c, 0, out, S_MAX_ACT);
            if (n) return n;
        }
        return 0;
    }
    if (rel == SR_DEP_CONJ && S_ing(&x->tok[v])) {
        /* "accused X of stalling and preparing to reject ...": a gerund
         * conjoined to the verb after its "of/for V-ing" complement
         * continues that complement, whose subject is the verb's object. */
        int32_t o = S_kid_rel(x, u, SR_DEP_OBJ);
        /* ... also when the parser hung "of V-ing" on the object ("X
         * <nmod stalling"; 11m): the complement is looked for under the
         * verb and under its object. */
        int32_t nu = o >= 0 ? sr_dtree_nkids(t, u) : 0, no = o >= 0 ? sr_dtree_nkids(t, o) : 0;
        for (int32_t k = 0; o >= 0 && o < v && k < nu + no; k++) {
            int32_t p = k < nu ? sr_dtree_kid(t, u, k) : sr_dtree_kid(t, o, k - nu);
            if (p <= o || p >= v) continue;
            if (k < nu ? (t->rel[p] != SR_DEP_OBL && t->rel[p] != SR_DEP_ADVCL)
                       : (t->rel[p] != SR_DEP_NMOD && t->rel[p] != SR_DEP_ACL))
                continue;
            int32_t cs = sr_dtree_find_kid(t, p, SR_DEP_CASE);
            if (cs < 0) cs = sr_dtree_find_kid(t, p, SR_DEP_MARK);
            if (cs < 0 || !(sr_tok_is(&x->tok[cs], "of") || sr_tok_is(&x->tok[cs], "for")) ||
                !S_ing(&x->tok[p]))
                continue;
            return S_collect(x, o, 0, out, S_MAX_ACT);
        }
    }
    {
        int32_t sj = S_sconj_subject(x, v);
        if (sj >= 0) return S_collect(x, sj, 0, out, S_MAX_ACT);
    }
    /* "Chinese hackers may have launched attacks on X" parsed as a
     * relative clause of "hackers" with no relative pronoun and no
     * subject: English has no such relative (a subject relative needs
     * who/which/that), so the noun is the subject, as for an acl. */
    if ((rel == SR_DEP_ACL || rel == SR_DEP_ACL_RELCL) && u < v && S_date_head(x, u) &&
        t->lo[u] > 0) {
        /* "Putin on June 13 held talks", "X on Wednesday backed down"
         * parsed with the verb as a clause modifying the date: the actor
         * right before the date phrase is the subject. */
        int32_t p = S_np_head(x, t->lo[u] - 1);
        if (x->sa.mention_of[t->lo[u] - 1] >= 0 && p >= 0 && p < t->lo[u]) {
            int cnt = S_collect(x, p, 0, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    int relcl_subj = rel == SR_DEP_ACL_RELCL && !(x->tok[v].feats & SR_FEAT_VOICE_PASS) &&
                     S_kid_rel(x, v, SR_DEP_AUX_PASS) < 0 && S_kid_rel(x, v, SR_DEP_CSUBJ) < 0;
    if (rel == SR_DEP_ACL || relcl_subj) {
        /* "the proposal agreed upon by A and B": the agent acts; an
         * active participle ("troops attacking X") is done by the noun. */
        int32_t ag = S_agent(x, v);
        if (ag >= 0) return S_collect(x, ag, 0, out, S_MAX_ACT);
        /* A passive participle with no "by" phrase is done to the noun
         * ("the prisoners released on Sunday") -- unless it has an object:
         * a bare noun the parser labelled obl:agent is one ("The group
         * released 19 prisoners", "A court freed activist X" parsed as
         * a noun with a participle), and a reduced passive relative takes
         * no object, so the participle is active and the noun acts. */
        if ((x->tok[v].feats & SR_FEAT_VOICE_PASS) && S_kid_rel(x, v, SR_DEP_OBJ) < 0) {
            int32_t ba = S_kid_rel(x, v, SR_DEP_OBL_AGENT);
            if (ba < 0 || ba < v || !S_bare_agent(x, ba)) return 0;
        }
        /* "passed a resolution criticizing X", "issued a statement
         * condemning X": a document does what its author does; the
         * author is the subject of the verb that governs the document
         * (also when the parser hung the participle on the date after
         * it, "a resolution Thursday criticizing"). */
        if (S_ing(&x->tok[v]) && !sr_actors_np(&x->sa, u) && t->head[u] >= 0 &&
            x->tok[t->head[u]].upos == SR_UPOS_VERB &&
            (t->rel[u] == SR_DEP_OBJ || t->rel[u] == SR_DEP_OBL || t->rel[u] == SR_DEP_OBL_UNMARKED ||
             t->rel[u] == SR_DEP_OBL_TMOD)) {
            int doc = S_lemma_in(&x->tok[u], S_DOCUMENT);
            for (int32_t k = 0; !doc && k < sr_dtree_nkids(t, u); k++) {
                int32_t c = sr_dtree_kid(t, u, k);
                if (t->rel[c] == SR_DEP_COMPOUND && S_lemma_in(&x->tok[c], S_DOCUMENT)) doc = 1;
            }
            if (doc) return S_sources(x, t->head[u], out, level + 1);
        }
        return S_collect(x, u, 0, out, S_MAX_ACT);
    }
    if (u < v && t->rel[u] == SR_DEP_ROOT && x->tok[u].upos == SR_UPOS_VERB &&
        x->sa.mention_of[u] >= 0 && !x->is_verb[u] && S_kid_rel(x, u, SR_DEP_NSUBJ) < 0 &&
        (rel == SR_DEP_CONJ || rel == SR_DEP_CCOMP || rel == SR_DEP_PARATAXIS ||
         rel == SR_DEP_ADVCL || rel == SR_DEP_XCOMP)) {
        /* "Beijing police have detained ...", "Fighters loyal to X
         * arrested ...": an actor word the parser made the root verb is
         * the subject of the verb it governs. A role noun right after it
         * that the parser made its object belongs to it ("Beijing
         * police" -> CHN + COP). Not when that word has a subject of
         * its own: it is then the last word of the subject's name
         * ("the Ministry of Silly Walks/VERB"), and the root's subject
         * is the subject. */
        int cnt = S_collect(x, u, 0, out, S_MAX_ACT);
        int32_t o = S_kid_rel(x, u, SR_DEP_OBJ);
        if (cnt == 1 && o == u + 1 && out[0].base && out[0].base[0]) {
            const sr_actor_ref *r = sr_actors_np(&x->sa, o);
            if (r && r->base && !r->base[0] && x->sa.mention_of[o] >= 0) {
                out[0].code = S_compose3(x, r->prefix, out[0].base, r->suffix);
                out[0].end = t->hi[o] + 1 > out[0].end ? o + 1 : out[0].end;
            }
        }
        if (cnt) return cnt;
    }
    /* The same gerund attached to the object itself ("accused Putin of
     * stalling" with "stalling" an advcl of "Putin"; round 10 parsers):
     * the object is its subject. */
    if (rel == SR_DEP_ADVCL && u < v && t->rel[u] == SR_DEP_OBJ && t->head[u] >= 0 &&
        S_lemma_in(&x->tok[t->head[u]], S_OF_OBJ)) {
        int32_t mk = S_kid_rel(x, v, SR_DEP_MARK);
        if (mk >= 0 && (sr_tok_is(&x->tok[mk], "of") || sr_tok_is(&x->tok[mk], "for"))) {
            int k = S_collect(x, u, 0, out, S_MAX_ACT);
            if (k) return k;
        }
    }
    if (rel == SR_DEP_XCOMP || rel == SR_DEP_CONJ || rel == SR_DEP_ADVCL ||
        rel == SR_DEP_CCOMP || rel == SR_DEP_PARATAXIS) {
        /* "A accused B of stalling and preparing to reject the deal":
         * the gerund after "of"/"for" of an accusing or praising verb is
         * what its object did (11q; the parsers with word clusters attach
         * it as advcl, as EWT does, where the older one made it nmod) */
        if (rel == SR_DEP_ADVCL && S_lemma_in(&x->tok[u], S_OF_OBJ)) {
            int32_t mk = S_kid_rel(x, v, SR_DEP_MARK), o = S_kid_rel(x, u, SR_DEP_OBJ);
            if (mk >= 0 && o >= 0 && o < v && (sr_tok_is(&x->tok[mk], "of") || sr_tok_is(&x->tok[mk], "for"))) {
                int k = S_collect(x, o, 0, out, S_MAX_ACT);
                if (k) return k;
            }
        }
        if (rel == SR_DEP_XCOMP && S_lemma_in(&x->tok[u], S_CONTROL_OBJ)) {
            int32_t o = S_kid_rel(x, u, SR_DEP_OBJ);
            if (o >= 0) {
                int k = S_collect(x, o, 0, out, S_MAX_ACT);
                if (k) return k;
            }
        }
        /* "The Ministry of Silly Walks condemned X" with "Walks" tagged
         * as the root verb and "condemned" as its complement clause: a
         * finite past-tense complement has a subject of its own in
         * English (no imperative, no "that"-less subject drop), so one
         * without a subject or subordinator is the parser's xcomp/conj
         * and shares the governor's subject (11k). */
        if (rel == SR_DEP_CCOMP && (x->tok[v].feats & SR_FEAT_VF_FIN) &&
            (x->tok[v].feats & SR_FEAT_TENSE_PAST) && x->tok[v].upos == SR_UPOS_VERB &&
            S_kid_rel(x, v, SR_DEP_MARK) < 0 && S_kid_rel(x, v, SR_DEP_NSUBJ_PASS) < 0 &&
            S_kid_rel(x, v, SR_DEP_CSUBJ) < 0 && S_kid_rel(x, v, SR_DEP_EXPL) < 0)
            return S_sources(x, u, out, level + 1);
        if (rel == SR_DEP_CCOMP || rel == SR_DEP_PARATAXIS) return 0;
        return S_sources(x, u, out, level + 1);
    }
    return 0;
}

static const char *const S_CONFLICT[] = {"truce", "ceasefire", "cease-fire", "peace", "war",
                                         "conflict", "fighting", "hostilities", "crisis",
                                         "violence", "armistice", NULL};
static const char *const S_WHERE_WHEN[] = {"in", "inside", "after", "before", "since", "during",
                                           "until", "despite", "amid", NULL};

/* Object o is the subject's own ("its troops", "their weapons"). */
static int S_own_poss(const S_ctx *x, int32_t o) {
    static const char *const OWN[] = {"its", "their", "his", "her", "our", "my", NULL};
    int32_t p = sr_dtree_find_kid(&x->sa.tree, o, SR_DEP_NMOD_POSS);
    if (p < 0) return 0;
    for (int i = 0; OWN[i]; i++)
        if (sr_tok_is(&x->tok[p], OWN[i])) return 1;
    return 0;
}

/* All of out[0..n) are role-only actors ("MIL", "CVL": no country). */
static int S_role_only(const sr_actor_ref *out, int n) {
    for (int i = 0; i < n; i++)
        if (!out[i].base || out[i].base[0]) return 0;
    return n > 0;
}

/* Actors of a to/into/toward phrase on verb v or on its object o, or
 * nested in the object's own phrases ("sent teams of agents into X");
 * for a withdrawal (0874, 087x retreat codes) also a from-phrase ("its
 * withdrawal of troops from X"). With `deep`, phrases nested in the
 * object's phrases too, without entering clauses. */
static int S_destination(S_ctx *x, int32_t v, int32_t o, int deep, sr_actor_ref *out, int max) {
    static const char *const DEST[] = {"to", "into", "toward", "towards", NULL};
    const sr_dtree *t = &x->sa.tree;
    int from = x->cur_code && !strncmp(x->cur_code, "087", 3);
    int32_t hs[2] = {o, v};
    for (int q = 0; q < 2; q++)
        for (int32_t k = 0; k < sr_dtree_nkids(t, hs[q]); k++) {
            int32_t g = sr_dtree_kid(t, hs[q], k);
            if (t->rel[g] != SR_DEP_NMOD && t->rel[g] != SR_DEP_OBL) continue;
            int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
            if (cs < 0 || !(S_lemma_in(&x->tok[cs], DEST) || (from && sr_tok_is(&x->tok[cs], "from"))))
                continue;
            int n = sr_actors_expand(&x->sa, g, 1, out, max);
            if (n) return n;
        }
    for (int32_t g = t->lo[o]; deep && g <= t->hi[o] && g < x->n; g++) {
        if (g == o || t->rel[g] != SR_DEP_NMOD || t->head[g] == o) continue;
        int inside = 1;
        for (int32_t y = g, steps = 0; y != o && y >= 0 && steps < 16; steps++, y = t->head[y])
            if (sr_dep_is_clausal(t->rel[y])) inside = 0;
        if (!inside) continue;
        int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
        if (cs < 0 || !(S_lemma_in(&x->tok[cs], DEST) || (from && sr_tok_is(&x->tok[cs], "from"))))
            continue;
        int n = sr_actors_expand(&x->sa, g, 1, out, max);
        if (n) return n;
    }
    return 0;
}

static const char *const S_PARTNER_PREP[] = {"with", "to", "between", "among", "against", NULL};

/* The actors of a with/against/between phrase directly under noun c
 * ("the dispute with X"), or 0. */
static int S_partner(S_ctx *x, int32_t c, sr_actor_ref *out) {
    const sr_dtree *t = &x->sa.tree;
    static const char *const WITH[] = {"with", "against", "between", NULL};
    for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
        int32_t g = sr_dtree_kid(t, c, j);
        if (t->rel[g] != SR_DEP_NMOD) continue;
        int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
        if (cs < 0 || !S_lemma_in(&x->tok[cs], WITH)) continue;
        int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
        if (cnt) return cnt;
    }
    return 0;
}

/* The actors of the first with/between phrase anywhere inside the noun
 * phrase c, not entering clauses ("held talks in P with X": the parser
 * hangs "with X" on the place), or 0. */
static int S_partner_deep(S_ctx *x, int32_t c, sr_actor_ref *out) {
    const sr_dtree *t = &x->sa.tree;
    static const char *const WITH[] = {"with", "between", NULL};
    for (int32_t g = t->lo[c]; g <= t->hi[c] && g < x->n; g++) {
        if (g == c || t->rel[g] != SR_DEP_NMOD) continue;
        int ok = 1;
        for (int32_t y = g, steps = 0; y != c && y >= 0 && steps < 16; steps++, y = t->head[y])
            if (sr_dep_is_clausal(t->rel[y])) ok = 0;
        if (!ok || !sr_dtree_dominates(t, c, g)) continue;
        int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
        if (cs < 0 || !S_lemma_in(&x->tok[cs], WITH)) continue;
        int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
        if (cnt) return cnt;
    }
    return 0;
}

/* The actors of a with/between/among phrase attached to verb v after its
 * object o (an obl), or 0: "discussed Libya with X", "raised the issue
 * with X" -- for a meeting verb the counterpart, the object its topic. */
static int S_verb_partner(S_ctx *x, int32_t v, int32_t o, sr_actor_ref *out) {
    const sr_dtree *t = &x->sa.tree;
    static const char *const WITH[] = {"with", "between", "among", NULL};
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t g = sr_dtree_kid(t, v, k);
        if (g <= o || t->rel[g] != SR_DEP_OBL) continue;
        int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
        if (cs < 0 || cs > g || !S_lemma_in(&x->tok[cs], WITH)) continue;
        int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
        if (cnt) return cnt;
    }
    return 0;
}

/* Default targets of verb v: passive subject, object, then the first
 * prepositional object with an actor. */
/* "restore complete, full diplomatic ties with B" with "complete" made
 * an adjective complement (xcomp) of the verb and "ties" hung elsewhere:
 * an adjective directly after the verb followed by a comma and the
 * adjectives of a later noun is a coordinate adjective of that noun
 * (English stacks "ADJ, ADJ NOUN"; a secondary predicate is not followed
 * by a comma and another adjective), so the noun is the verb's object.
 * Returns the noun, or -1. */
static int32_t S_coord_adj_noun(const S_ctx *x, int32_t v) {
    const sr_dtree *t = &x->sa.tree;
    int32_t a = v + 1;
    if (a + 2 >= x->n || t->head[a] != v || t->rel[a] != SR_DEP_XCOMP ||
        x->tok[a].upos != SR_UPOS_ADJ || sr_dtree_nkids(t, a) != 0 || !sr_tok_is(&x->tok[a + 1], ","))
        return -1;
    int32_t i = a + 2;
    if (x->tok[i].upos != SR_UPOS_ADJ) return -1;
    while (i < x->n && x->tok[i].upos == SR_UPOS_ADJ) i++;
    if (i >= x->n || (x->tok[i].upos != SR_UPOS_NOUN && x->tok[i].upos != SR_UPOS_PROPN)) return -1;
    for (int32_t j = a + 2; j < i; j++)
        if (t->head[j] != i || t->rel[j] != SR_DEP_AMOD) return -1;
    return i;
}

static int S_targets(S_ctx *x, int32_t v, sr_actor_ref *out) {
    const sr_dtree *t = &x->sa.tree;
    if (S_np_verb(x, v) >= 0 || S_perfect_have(x, v) >= 0)
        return S_collect(x, t->head[v], 1, out, S_MAX_ACT);
    int32_t cv = S_cc_verb(x, v);
    if (S_buried_verb(x, v) || cv >= 0) {
        int32_t u = t->head[v];
        for (int32_t k = 0; k < sr_dtree_nkids(t, u); k++) {
            int32_t c = sr_dtree_kid(t, u, k);
            if (c <= v || (t->rel[c] != SR_DEP_NMOD && t->rel[c] != SR_DEP_ACL)) continue;
            int n = S_collect(x, c, 1, out, S_MAX_ACT);
            if (n) return n;
        }
        /* "Russian police arrested (Russian) students" as one phrase,
         * "[arrested] Russian students": the noun, with its words after
         * the verb, is the object (sr_actors_np leaves out the words
         * before a buried verb) */
        if (cv < 0 && sr_actors_np(&x->sa, u)) { /* its actor words before the verb are not its own */
            int n = S_collect(x, u, 0, out, S_MAX_ACT);
            if (n) return n;
        }
        /* the verb's prepositional complement hung on the verb it is
         * coordinated with, after the buried object ("condemned A and
         * promised aid <- [to the villages]" attached to "condemned"):
         * nothing of that verb's own comes after its object */
        if (cv >= 0 && t->rel[u] == SR_DEP_CONJ) {
            for (int32_t k = 0; k < sr_dtree_nkids(t, cv); k++) {
                int32_t c = sr_dtree_kid(t, cv, k);
                if (c <= u || t->rel[c] != SR_DEP_OBL || sr_dtree_find_kid(t, c, SR_DEP_CASE) < 0) continue;
                int n = S_collect(x, c, 1, out, S_MAX_ACT);
                if (n) return n;
            }
        }
        return 0;
    }
    int32_t np = S_kid_rel(x, v, SR_DEP_NSUBJ_PASS);
    if (np >= 0 && !S_false_passive(x, v)) {
        int cnt = S_collect(x, np, 0, out, S_MAX_ACT);
        /* "The detained American vessels were released" with the
         * participle "detained" made the subject and the noun its
         * object: the noun is the passive subject. */
        int32_t po = x->tok[np].upos == SR_UPOS_VERB ? S_kid_rel(x, np, SR_DEP_OBJ) : -1;
        if (cnt == 0 && po > np && po < v && S_kid_rel(x, np, SR_DEP_NSUBJ) < 0)
            cnt = S_collect(x, po, 0, out, S_MAX_ACT);
        return cnt;
    }
    static const unsigned order[] = {SR_DEP_OBJ, SR_DEP_IOBJ, SR_DEP_OBL, SR_DEP_NMOD};
    if (S_kid_rel(x, v, SR_DEP_OBJ) < 0) {
        int32_t ba = S_kid_rel(x, v, SR_DEP_OBL_AGENT);
        if (ba >= 0 && ba > v && S_bare_agent(x, ba)) {
            int cnt = S_collect(x, ba, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    /* "filed a lawsuit in court against X", "launched action against X":
     * an against-phrase on the verb or its object names the target. */
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        int32_t cands[2] = {c, -1};
        if (t->rel[c] == SR_DEP_OBJ) {
            for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
                int32_t g = sr_dtree_kid(t, c, j);
                if (t->rel[g] == SR_DEP_NMOD) { cands[1] = g; break; }
            }
            cands[0] = -1;
        } else if (t->rel[c] != SR_DEP_OBL && t->rel[c] != SR_DEP_NMOD) {
            continue;
        }
        for (int q = 0; q < 2; q++) {
            int32_t p = cands[q];
            if (p < 0) continue;
            int32_t cs = sr_dtree_find_kid(t, p, SR_DEP_CASE);
            if (cs < 0 || !sr_tok_is(&x->tok[cs], "against")) continue;
            int cnt = S_collect(x, p, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    /* "A meets B at C" with B parsed as a second subject after the verb
     * (round 10 parsers, on headline and caption syntax): with a subject
     * before the verb and no object, a nominal subject after it without
     * a preposition is the object. */
    if (S_kid_rel(x, v, SR_DEP_OBJ) < 0) {
        int32_t before = -1, after = -1;
        for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            if (t->rel[c] != SR_DEP_NSUBJ) continue;
            if (c < v) before = c;
            else if (after < 0) after = c;
        }
        if (before >= 0 && after >= 0 && sr_dtree_find_kid(t, after, SR_DEP_CASE) < 0 &&
            (x->tok[after].upos == SR_UPOS_NOUN || x->tok[after].upos == SR_UPOS_PROPN)) {
            int cnt = S_collect(x, after, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    /* A passive participle's "by" phrase is its source, not a target. */
    int32_t ag = (x->tok[v].feats & SR_FEAT_VOICE_PASS) || t->rel[v] == SR_DEP_ACL ? S_agent(x, v) : -1;
    for (size_t r = 0; r < sizeof order / sizeof order[0]; r++)
        for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            if (t->rel[c] != order[r] || c == ag) continue;
            /* "The United Nations General Assembly condemned X" with
             * "Nations" parsed as an object: a nominal object before its
             * verb is a parse error outside relative clauses. */
            if ((order[r] == SR_DEP_OBJ || order[r] == SR_DEP_IOBJ) && c < v &&
                t->rel[v] != SR_DEP_ACL_RELCL && x->tok[c].upos != SR_UPOS_PRON &&
                S_kid_rel(x, v, SR_DEP_NSUBJ) >= 0)
                continue;
            if (S_fronted_obj(x, v, c)) continue; /* the subject (S_sources) */
            /* "held talks in P with X": a meeting's partner before a
             * place the parser nested it under. */
            if (order[r] == SR_DEP_OBJ && x->cur_code && !strncmp(x->cur_code, "04", 2)) {
                int cnt = S_partner_deep(x, c, out);
                if (cnt) return cnt;
                /* "discussed Libya with X" with "with X" on the verb:
                 * what is discussed is the topic, the with/between
                 * phrase after it names the counterpart */
                cnt = S_verb_partner(x, v, c, out);
                if (cnt) return cnt;
            }
            if (order[r] == SR_DEP_OBJ && S_own_poss(x, c)) {
                /* "withdraw its troops from X", "lay down their arms":
                 * the subject's own belongings are not the target; a
                 * phrase on them may name it. */
                for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
                    int32_t g = sr_dtree_kid(t, c, j);
                    /* "met his counterpart, X": a name in apposition (or
                     * hung on as a bare nmod) is a person, not a belonging */
                    if ((t->rel[g] == SR_DEP_APPOS || t->rel[g] == SR_DEP_NMOD) &&
                        sr_dtree_find_kid(t, g, SR_DEP_CASE) < 0 && g > c) {
                        int cnt = S_collect(x, g, 0, out, S_MAX_ACT);
                        if (cnt) return cnt;
                        continue;
                    }
                    if (t->rel[g] != SR_DEP_NMOD) continue;
                    int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
                    if (cs < 0 || S_lemma_in(&x->tok[cs], S_WHERE_WHEN)) continue;
                    int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
                    if (cnt) return cnt;
                }
                continue;
            }
            /* "in Saudi Arabia" on the verb is where, not whom. */
            if (order[r] != SR_DEP_OBJ && order[r] != SR_DEP_IOBJ) {
                int32_t cs = sr_dtree_find_kid(t, c, SR_DEP_CASE);
                static const char *const WHERE_WHEN[] = {"in", "inside", "after", "before", "since",
                                                         "during", "until", "despite", "amid", NULL};
                if (cs >= 0 && S_lemma_in(&x->tok[cs], WHERE_WHEN)) {
                    /* "in the dispute with X", "during talks with X": the
                     * place/time phrase is not the target, but a
                     * with/against/between phrase inside it names one. */
                    int cnt = S_partner(x, c, out);
                    if (cnt) return cnt;
                    /* "discuss a truce in Ukraine": an in-phrase right
                     * after an actor-less conflict object belongs to that
                     * object (the parser's attachment is ambiguous) and
                     * names the party. */
                    int32_t o = S_kid_rel(x, v, SR_DEP_OBJ);
                    if (o >= 0 && o < c && t->hi[o] + 1 == t->lo[c] && sr_tok_is(&x->tok[cs], "in") &&
                        S_lemma_in(&x->tok[o], S_CONFLICT) && !sr_actors_np(&x->sa, o)) {
                        cnt = S_collect(x, c, 0, out, S_MAX_ACT);
                        if (cnt) return cnt;
                    }
                    continue;
                }
                /* Meeting and negotiating (04) are with someone: "meet
                 * with X", "talk to X"; "meet ... for talks since X's
                 * visit" names no partner. */
                if (x->cur_code && !strncmp(x->cur_code, "04", 2) &&
                    (cs < 0 || !S_lemma_in(&x->tok[cs], S_PARTNER_PREP))) {
                    /* ... but a with/between phrase inside it names one
                     * ("meet for talks with X"; "welcomed their
                     * resumption of ties with X", "ties" mis-attached
                     * to the verb) */
                    int cnt = S_partner(x, c, out);
                    if (cnt) return cnt;
                    continue;
                }
            }
            int cnt = S_collect(x, c, 1, out, S_MAX_ACT);
            if (cnt && order[r] == SR_DEP_OBJ && S_role_only(out, cnt)) {
                /* "sent troops to X", "provided shelter to people in X":
                 * an object without a country (troops, people) is what
                 * moves; a destination with one is the target. */
                int m = S_destination(x, v, c, 1, out + cnt, S_MAX_ACT - cnt);
                if (m > 0 && !S_role_only(out + cnt, m)) {
                    memmove(out, out + cnt, (size_t)m * sizeof *out);
                    return m;
                }
            }
            if (cnt && order[r] == SR_DEP_OBJ && x->sa.mention_of[c] < 0 &&
                !S_is_relpron(&x->tok[c]) && x->tok[c].upos == SR_UPOS_NOUN) {
                /* "returned six Iraqi artifacts to the government of X",
                 * "handed German equipment to X": an object whose head is
                 * a thing (no actor or agent word) carries its owner's or
                 * origin's country only as a modifier; whoever receives it
                 * is the target. */
                int m = S_destination(x, v, c, 0, out + cnt, S_MAX_ACT - cnt);
                if (m > 0) {
                    memmove(out, out + cnt, (size_t)m * sizeof *out);
                    return m;
                }
            }
            if (cnt) return cnt;
        }
    /* "marched very close to the border with B", "act now with B": the
     * phrase hangs on an adverb or adjective complement of the verb. */
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (!(t->rel[c] == SR_DEP_ADVMOD ||
              (t->rel[c] == SR_DEP_XCOMP && x->tok[c].upos != SR_UPOS_VERB)))
            continue;
        for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
            int32_t g = sr_dtree_kid(t, c, j);
            if (t->rel[g] != SR_DEP_OBL && t->rel[g] != SR_DEP_NMOD) continue;
            int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
            static const char *const WHEN[] = {"in", "inside", "after", "before", "since",
                                               "during", "until", "despite", "amid", NULL};
            if (cs >= 0 && S_lemma_in(&x->tok[cs], WHEN)) continue;
            int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    /* "vowed to wage war on B": when the verb's pattern matched words of
     * a complement verb the dictionary does not code ("* WAR"), that
     * complement carries the upper verb's target (PETRARCH matches the
     * whole verb phrase). */
    for (int32_t k = 0; x->wide && k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if ((t->rel[c] != SR_DEP_XCOMP && t->rel[c] != SR_DEP_ADVCL) ||
            x->tok[c].upos != SR_UPOS_VERB || x->is_verb[c] || c < v)
            continue;
        int32_t mk = S_kid_rel(x, c, SR_DEP_MARK);
        if (t->rel[c] == SR_DEP_ADVCL && (mk < 0 || !sr_tok_is(&x->tok[mk], "to"))) continue;
        int cnt = S_targets(x, c, out);
        if (cnt) return cnt;
    }
    /* "A believes B can cope", "A said that an embargo against B would
     * not work": with no target of its own, the first actor of the
     * complement clause (its subject, else inside it) is the target
     * (PETRARCH); the complement's own event is coded separately. */
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        /* direct speech after a speech verb ("X said, 'talks with Y
         * ...'") is parsed as ccomp or as parataxis (EWT has both; the
         * parsers with word clusters prefer parataxis): the same
         * complement (11q) */
        int speech = t->rel[c] == SR_DEP_PARATAXIS && c > v && S_lemma_in(&x->tok[v], S_SAY) && S_quoted(x, c) &&
                     !S_quoted(x, v);
        if (t->rel[c] != SR_DEP_CCOMP && !speech) continue;
        /* ... unless the complement has a coded verb of its own: then it
         * is an event in itself ("an official said A would restore ties
         * with B" is A->B, not official->A) */
        int coded = 0;
        for (int32_t y = c, steps = 0; y >= 0 && steps < 8 && !coded; steps++) {
            if (x->is_verb[y]) coded = 1;
            y = S_kid_rel(x, y, SR_DEP_XCOMP); /* "A is about to restore" */
        }
        if (coded) continue;
        int has_subj = 0;
        for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
            int32_t g = sr_dtree_kid(t, c, j);
            /* the complementizer "that" mis-parsed as a subject is skipped */
            if (!sr_dep_is_subject(t->rel[g]) || S_is_relpron(&x->tok[g])) continue;
            has_subj = 1;
            int cnt = S_collect(x, g, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
            break;
        }
        /* "said, 'Today, the discussions with B have been taking place'"
         * with the subject parsed as a conjunct of the fronted time word
         * (round 10 parsers): a nominal conjunct of a time word of a
         * clause without a subject is its subject */
        for (int32_t j = 0; !has_subj && j < sr_dtree_nkids(t, c); j++) {
            int32_t g = sr_dtree_kid(t, c, j);
            if (g > c || !S_time_word(&x->tok[g])) continue;
            int32_t cj = S_kid_rel(x, g, SR_DEP_CONJ);
            if (cj < 0 || cj > c || S_time_word(&x->tok[cj]) ||
                (x->tok[cj].upos != SR_UPOS_NOUN && x->tok[cj].upos != SR_UPOS_PROPN))
                continue;
            int cnt = S_collect(x, cj, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
        /* "demanded that [X's government resign]" with the verb tagged as
         * a noun: a nominal complement introduced by "that" has no verb
         * of its own, so the phrase's words before it are its subject. */
        int32_t mk = S_kid_rel(x, c, SR_DEP_MARK);
        if ((x->tok[c].upos == SR_UPOS_NOUN || x->tok[c].upos == SR_UPOS_PROPN) && mk >= 0 &&
            sr_tok_is(&x->tok[mk], "that") && S_kid_rel(x, c, SR_DEP_NSUBJ) < 0) {
            int cnt = S_collect(x, c, 0, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    /* "Russia attacked Ukraine" with Ukraine parsed as an xcomp (a
     * secondary predicate, as in "named him envoy"): when the verb has
     * no object, a bare nominal xcomp after it is the object the parser
     * missed. A nominal with a copula or its own subject is a real
     * predicate and is left alone. */
    if (S_kid_rel(x, v, SR_DEP_OBJ) < 0) {
        for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
            int32_t c = sr_dtree_kid(t, v, k);
            unsigned up = x->tok[c].upos;
            if (t->rel[c] != SR_DEP_XCOMP || c < v ||
                (up != SR_UPOS_PROPN && up != SR_UPOS_NOUN && up != SR_UPOS_PRON))
                continue;
            if (S_kid_rel(x, c, SR_DEP_COP) >= 0 || S_kid_rel(x, c, SR_DEP_NSUBJ) >= 0) continue;
            int cnt = S_collect(x, c, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
        int32_t n = S_coord_adj_noun(x, v);
        if (n >= 0) {
            int cnt = S_collect(x, n, 1, out, S_MAX_ACT);
            if (cnt) return cnt;
        }
    }
    return 0;
}

/* Last resort for a verb with a source and no target: the first actor of
 * a prepositional phrase of the verb's own clause after it, wherever the
 * parser attached it ("provided $400 million in total aid to X" with "to
 * X" hung on "aid" under "in"), the way PETRARCH takes the first actor of
 * the verb phrase; a place phrase (in/inside/at) only when no other
 * phrase has one ("agreed to set up a centre in X"), time phrases and
 * by-agents never. */
static int S_loose_target(S_ctx *x, int32_t v, sr_actor_ref *out) {
    static const char *const TIME[] = {"after", "before", "since", "during", "until", "till",
                                       "despite", "amid", "following", "by", "over", "like",
                                       "than", "as", "of", NULL};
    static const char *const PLACE[] = {"in", "inside", "at", "across", "throughout", NULL};
    const sr_dtree *t = &x->sa.tree;
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = v + 1; i <= t->hi[v] && i < x->n; i++) {
            if (x->ch[i] != v) continue;
            /* any relation: the parser may hang "in X" on an adverb */
            int32_t cs = sr_dtree_find_kid(t, i, SR_DEP_CASE);
            if (cs < 0 || cs > i || x->tok[cs].upos != SR_UPOS_ADP || S_lemma_in(&x->tok[cs], TIME))
                continue;
            if (S_lemma_in(&x->tok[cs], PLACE) != pass) continue;
            int n = S_collect(x, i, 1, out, S_MAX_ACT);
            if (n) return n;
        }
    return 0;
}

/* Last resort for a verb whose pattern matched a noun after it ("expressed
 * condemnation of X", "called for sanctions against X", "launched an
 * investigation into X") and that has no target: the first actor of an
 * of/against/on/into/to/toward/with/for phrase after the matched words,
 * inside the verb's subtree, wherever the parser attached it (even under
 * a clause it mistook the phrase for, "against" parsed as a mark), up to
 * the next verb (a new clause: "agreed to a truce to end months of
 * fighting in X" is not about X). The noun is the event; its
 * complement names whom it is about (the nominal form of the verb's
 * object). "from" is not one: "criticism from X" names the critic. */
static int S_noun_complement_target(S_ctx *x, int32_t v, int32_t from, sr_actor_ref *out) {
    static const char *const COMPL[] = {"of", "against", "on", "into", "to", "toward", "between", "among",
                                        "towards", "with", "for", NULL};
    const sr_dtree *t = &x->sa.tree;
    for (int32_t i = from; i <= t->hi[v] && i < x->n; i++) {
        if (i != v && (x->is_verb[i] || x->tok[i].upos == SR_UPOS_VERB)) break;
        if (x->tok[i].upos != SR_UPOS_ADP && x->tok[i].upos != SR_UPOS_SCONJ) continue;
        if (!S_lemma_in(&x->tok[i], COMPL) || !sr_dtree_dominates(t, v, i)) continue;
        int32_t h = t->head[i];
        if (h <= i || h > t->hi[v] || x->is_verb[h]) continue; /* "of fighting": an event */
        int n = S_collect(x, h, 1, out, S_MAX_ACT);
        if (n) return n;
    }
    return 0;
}

static const char *const S_PLAN[] = {"prepare", "plan", "expect", "schedule", "set", "due",
                                     "poise", "aim", NULL};

static void S_modality(S_ctx *x, S_verb *vb) {
    const sr_dtree *t = &x->sa.tree;
    int32_t v = vb->v;
    char *m = vb->modality;
    m[0] = 0;
    int fut = 0, pos = 0, threat = 0, rep = 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        const sr_token *tk = &x->tok[c];
        if (t->rel[c] == SR_DEP_AUX) {
            if (sr_lemma_is(tk, "will") || sr_lemma_is(tk, "would") || sr_lemma_is(tk, "shall") ||
                sr_tok_is(tk, "'ll"))
                fut = vb->fut_aux = 1;
            else if (sr_lemma_is(tk, "could") || sr_lemma_is(tk, "can") || sr_lemma_is(tk, "may") ||
                     sr_lemma_is(tk, "might") || sr_lemma_is(tk, "should") || sr_lemma_is(tk, "must"))
                pos = 1;
        }
        if ((t->rel[c] == SR_DEP_ADVMOD || tk->upos == SR_UPOS_PART || t->rel[c] == SR_DEP_AUX) &&
            S_is_neg(tk))
            vb->negated = 1;
    }
    if (x->tok[v].feats & SR_FEAT_POLARITY_NEG) vb->negated = 1;
    /* Walk up: threatened to X; X under a speech verb is reported. */
    int32_t y = v;
    for (int steps = 0; steps < 8 && y >= 0; steps++) {
        int32_t u = t->head[y];
        if (u < 0) break;
        unsigned rel = t->rel[y];
        if (rel == SR_DEP_XCOMP && sr_lemma_is(&x->tok[u], "threaten")) threat = 1;
        /* "prepare/plan/are expected to meet": a future event, coded as
         * the event itself with the modality recorded */
        if ((rel == SR_DEP_XCOMP || rel == SR_DEP_ADVCL) && S_lemma_in(&x->tok[u], S_PLAN)) {
            int32_t mk = S_kid_rel(x, y, SR_DEP_MARK);
            if (rel == SR_DEP_XCOMP || (mk >= 0 && sr_tok_is(&x->tok[mk], "to"))) fut = 1;
        }
        if ((rel == SR_DEP_CCOMP || rel == SR_DEP_PARATAXIS) && S_lemma_in(&x->tok[u], S_SAY)) rep = 1;
        if (!(rel == SR_DEP_XCOMP || rel == SR_DEP_CCOMP || rel == SR_DEP_CONJ ||
              rel == SR_DEP_PARATAXIS ||
              (rel == SR_DEP_ADVCL && S_lemma_in(&x->tok[u], S_PLAN))))
            break;
        y = u;
    }
    /* "... if progress is made": conditional. */
    int cond = 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (t->rel[c] != SR_DEP_ADVCL) continue;
        for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
            int32_t mk = sr_dtree_kid(t, c, j);
            if (t->rel[mk] == SR_DEP_MARK &&
                (sr_tok_is(&x->tok[mk], "if") || sr_tok_is(&x->tok[mk], "unless") ||
                 sr_tok_is(&x->tok[mk], "provided")))
                cond = 1;
        }
    }
    /* "supports the idea in principle (but has questions)": support
     * with reservations is conditional. */
    for (int32_t i = 1; i < x->n; i++)
        if (x->ch[i] == v && sr_tok_is(&x->tok[i], "principle") && sr_tok_is(&x->tok[i - 1], "in"))
            cond = 1;
    /* Inside quotation marks: reported speech. */
    int nq = 0;
    for (int32_t i = 0; i < v; i++)
        if (x->tok[i].flags & SR_TOK_QUOTE) nq++;
    if (nq % 2 == 1) rep = 1;
    size_t cap = sizeof vb->modality;
    if (vb->negated) snprintf(m + strlen(m), cap - strlen(m), "%snegated", m[0] ? "," : "");
    if (threat) snprintf(m + strlen(m), cap - strlen(m), "%sthreat", m[0] ? "," : "");
    if (rep) snprintf(m + strlen(m), cap - strlen(m), "%sreported", m[0] ? "," : "");
    if (fut) snprintf(m + strlen(m), cap - strlen(m), "%sfuture", m[0] ? "," : "");
    if (pos) snprintf(m + strlen(m), cap - strlen(m), "%spossible", m[0] ? "," : "");
    if (cond) snprintf(m + strlen(m), cap - strlen(m), "%sconditional", m[0] ? "," : "");
}

/* ------------------------------------------------------------------ */
/* Attribution: who reports an event                                   */
/* ------------------------------------------------------------------ */

/* Verbs whose subject reports what they govern. Wider than S_SAY, which
 * also drives the modality and target rules (and stays as it is so that
 * attribution never changes which events are coded). "according to X"
 * is handled as a phrase (S_according). */
static const char *const S_ATTR_SAY[] = {"say", "tell", "state", "report", "add", "claim",
                                         "announce", "note", "declare", "insist", "confirm",
                                         "acknowledge", "stress", "warn", "explain", "write",
                                         "reply", "argue", "allege", "think", "believe",
                                         "assert", "reiterate", "emphasize", NULL};
/* More verbs that introduce a quotation from outside it ("..., he
 * continued"), only in that role. */
static const char *const S_QUOTE_SAY[] = {"continue", "ask", "tweet", "write", NULL};

/* 1 when token i is inside quotation marks: an odd number of quotation
 * marks before it in the sentence. */
static int S_quoted(const S_ctx *x, int32_t i) {
    int nq = 0;
    for (int32_t k = 0; k < i && k < x->n; k++)
        if (x->tok[k].flags & SR_TOK_QUOTE) nq++;
    return nq % 2;
}

/* I/we/you: inside a quotation, the quoted speaker, not a new one. */
static int S_first_person(const sr_token *tk) {
    return sr_tok_is(tk, "i") || sr_tok_is(tk, "we") || sr_tok_is(tk, "me") ||
           sr_tok_is(tk, "us") || sr_tok_is(tk, "you");
}

static int S_nominal_tok(const sr_token *tk) {
    return tk->upos == SR_UPOS_NOUN || tk->upos == SR_UPOS_PROPN || tk->upos == SR_UPOS_PRON;
}

/* 1 when token i belongs to the noun phrase of h as written: under h,
 * with no clause (relative clause, complement) and no case marker of h
 * on the path. */
static int S_np_in(const sr_dtree *t, int32_t h, int32_t i) {
    for (int steps = 0; i >= 0 && steps < 64; steps++) {
        if (i == h) return 1;
        int32_t u = t->head[i];
        if (sr_dep_is_clausal(t->rel[i])) return 0;
        if (u == h && (t->rel[i] == SR_DEP_CASE || t->rel[i] == SR_DEP_MARK)) return 0;
        i = u;
    }
    return 0;
}

/* Sets *at to the speaker phrase headed by h: the contiguous tokens of
 * its noun phrase within [min, max], not crossing punctuation (an
 * inserted ", in his first response," is no part of the name), and the
 * phrase's actor code ("" when it has none; never the "---" null actor). */
static void S_attr_set(S_ctx *x, int32_t h, int32_t min, int32_t max, S_attr *at) {
    const sr_dtree *t = &x->sa.tree;
    if (min < 0) min = 0;
    if (max > x->n - 1) max = x->n - 1;
    int32_t l = h, r = h;
    while (l - 1 >= min && x->tok[l - 1].upos != SR_UPOS_PUNCT && S_np_in(t, h, l - 1)) l--;
    while (r + 1 <= max && x->tok[r + 1].upos != SR_UPOS_PUNCT && S_np_in(t, h, r + 1)) r++;
    const sr_actor_ref *ref = sr_actors_np(&x->sa, h);
    const char *code = ref && ref->code ? ref->code : "";
    while (*code == '-') code++; /* "---GOV" -> "GOV"; "---" -> "" */
    at->code = code;
    at->start = x->tok[l].start;
    at->end = x->tok[r].end;
}

/* The speaker of speech verb u (its subject; for a verb conjunct, the
 * first conjunct's; for "..., two officials said" with the subject
 * mis-attached, the noun phrase right before the verb). Returns 1 with *at
 * set, 0 when u has no subject, -1 when the subject is I/we/you. */
static int S_speaker(S_ctx *x, int32_t u, S_attr *at) {
    const sr_dtree *t = &x->sa.tree;
    int32_t y = u, subj = S_kid_rel(x, u, SR_DEP_NSUBJ);
    for (int k = 0; subj < 0 && k < 4 && t->rel[y] == SR_DEP_CONJ && t->head[y] >= 0; k++) {
        y = t->head[y];
        subj = S_kid_rel(x, y, SR_DEP_NSUBJ);
    }
    int32_t max = x->n - 1;
    if (subj >= 0 && S_is_relpron(&x->tok[subj]) && t->rel[y] == SR_DEP_ACL_RELCL &&
        t->head[y] >= 0)
        subj = t->head[y]; /* "Russia, which says ..." */
    /* A sentence-final "..., X said" whose subject the parser took from
     * before the comma. */
    int far = 0;
    for (int32_t j = subj + 1; subj >= 0 && j < u; j++)
        if (x->tok[j].upos == SR_UPOS_PUNCT) far = 1;
    if ((subj < 0 || far) && u > 0 &&
        (t->rel[u] == SR_DEP_ROOT || t->rel[u] == SR_DEP_PARATAXIS) &&
        S_nominal_tok(&x->tok[u - 1])) {
        /* "..., two individuals with knowledge of the talks said": the
         * phrase between the last punctuation and the verb. */
        int32_t b = u - 1;
        while (b >= 0 && x->tok[b].upos != SR_UPOS_PUNCT) b--;
        int32_t h = -1;
        for (int32_t j = b + 1; j < u && u - b <= 12; j++)
            if (S_nominal_tok(&x->tok[j]) && (h < 0 || t->depth[j] < t->depth[h])) h = j;
        if (h >= 0 && !S_first_person(&x->tok[h])) {
            /* the parser scatters such phrases: the whole stretch is
             * the text, its highest noun gives the actor */
            S_attr_set(x, h, h, h, at);
            at->start = x->tok[b + 1].start;
            at->end = x->tok[u - 1].end;
            return 1;
        }
    }
    if (subj < 0) return 0;
    if (S_first_person(&x->tok[subj])) return -1;
    if (subj < u) max = max < u - 1 ? max : u - 1;
    S_attr_set(x, subj, 0, max, at);
    return 1;
}

/* "according to X" anywhere in the sentence (the parser attaches it
 * anywhere, often as the root), unless v is inside the phrase itself
 * ("sources who requested anonymity"). */
static int S_according(S_ctx *x, int32_t v, S_attr *at) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t i = 0; i + 2 < x->n; i++) {
        if (!sr_tok_is(&x->tok[i], "according") || !sr_tok_is(&x->tok[i + 1], "to")) continue;
        int32_t s = i + 2, e = s;
        while (e < x->n && x->tok[e].upos != SR_UPOS_PUNCT) e++;
        if (e == s) continue;
        int32_t h = -1;
        for (int32_t j = s; j < e; j++) {
            int32_t u = t->head[j];
            if (u >= s && u < e) continue;
            if (h < 0 || t->depth[j] < t->depth[h]) h = j;
        }
        if (h < 0 || (v >= i && v < e)) continue;
        S_attr_set(x, h, s, e - 1, at);
        return 1;
    }
    return 0;
}

/* The speaker of the quotations of the sentence: the subject of the last
 * speech verb outside quotation marks ("..., Trump told reporters").
 * Returns 1 with *at set. */
static int S_quote_speaker(S_ctx *x, int32_t near, S_attr *at) {
    int found = 0;
    int32_t best = -1;
    for (int32_t u = 0; u < x->n; u++) {
        if (u == near || x->tok[u].upos != SR_UPOS_VERB || S_quoted(x, u)) continue;
        if (!S_lemma_in(&x->tok[u], S_ATTR_SAY) && !S_lemma_in(&x->tok[u], S_QUOTE_SAY)) continue;
        S_attr a1;
        if (S_speaker(x, u, &a1) <= 0) continue;
        /* nearest to `near` (the quoted verb), else the last one */
        int32_t d = near >= 0 ? (u > near ? u - near : near - u) : x->n - u;
        if (best < 0 || d < best) {
            best = d;
            *at = a1;
            found = 1;
        }
    }
    return found;
}

/* Who reports the event of verb (or noun) v: (1) the subject of a speech
 * verb whose ccomp/parataxis v's clause is in, or of a speech verb
 * inserted as v's parataxis ("These issues, he said, require ..."); (2)
 * inside quotation marks, the speaker of the quotation, in this sentence
 * or carried over from the sentence before (x->carry); (3) "according to
 * X". Leaves vb->attr.code NULL when there is none. */
static void S_attribution(S_ctx *x, S_verb *vb) {
    const sr_dtree *t = &x->sa.tree;
    int32_t v = vb->v;
    vb->attr.code = NULL;
    if (v < 0 || v >= x->n) return;
    int vq = S_quoted(x, v);
    int32_t y = v;
    for (int steps = 0; steps < 16 && y >= 0; steps++) {
        for (int32_t k = 0; k < sr_dtree_nkids(t, y); k++) {
            int32_t c = sr_dtree_kid(t, y, k);
            if (c == v || t->rel[c] != SR_DEP_PARATAXIS || x->tok[c].upos != SR_UPOS_VERB) continue;
            if (!S_lemma_in(&x->tok[c], S_ATTR_SAY) &&
                !(vq && !S_quoted(x, c) && S_lemma_in(&x->tok[c], S_QUOTE_SAY)))
                continue;
            if (S_speaker(x, c, &vb->attr) > 0) return;
        }
        int32_t u = t->head[y];
        if (u < 0) break;
        /* the parse climbed out of the narration into a quotation: the
         * quoted words are no frame for what is outside them */
        if (!S_quoted(x, y) && S_quoted(x, u)) break;
        unsigned rel = t->rel[y];
        /* "..., another official added": a speech verb with a speaker of
         * its own, inserted anywhere but as a complement, is the frame of
         * what it is attached to, not part of it */
        S_attr tmp;
        if (rel != SR_DEP_CCOMP && S_lemma_in(&x->tok[y], S_ATTR_SAY) && S_speaker(x, y, &tmp) > 0)
            break;
        if ((rel == SR_DEP_CCOMP || rel == SR_DEP_PARATAXIS) && S_lemma_in(&x->tok[u], S_ATTR_SAY) &&
            S_speaker(x, u, &vb->attr) > 0)
            return;
        y = u;
    }
    vb->attr.code = NULL;
    if (vq) {
        if (S_quote_speaker(x, v, &vb->attr)) return;
        if (x->has_carry) {
            vb->attr = x->carry;
            return;
        }
    }
    if (S_according(x, v, &vb->attr)) return;
    vb->attr.code = NULL;
}

/* A negated cooperative event is a rejection (the PETRARCH-2 convention:
 * its negation codes map "not X" onto the 12 family): not intend/agree ->
 * 120, not meet/negotiate -> 125, not cooperate materially -> 121, not give
 * aid -> 122, not yield -> 124. Other negated events give nothing (NULL). */
static const char *S_negate(const char *code) {
    if (!code || strlen(code) < 2) return NULL;
    if (code[0] != '0') return NULL;
    switch (code[1]) {
    case '3': case '5': return "120";
    case '4': return "125";
    case '6': return "121";
    case '7': return "122";
    case '8': return "124";
    default: return NULL;
    }
}

/* "intend/appeal/demand/threaten to X": the CAMEO code of the
 * combination, or NULL when there is none. Intend (03), appeal (02) and
 * demand (10) share their sub-structure: 1 material cooperation, 2
 * diplomatic cooperation, 3 aid, 4 reform, 5 yield, 6 meet, 7 settle. */
static const char *S_combine(const char *upper, const char *lower, char *buf, size_t cap) {
    if (!upper || !lower || strlen(upper) < 2 || strlen(lower) < 2) return NULL;
    char ur[3] = {upper[0], upper[1], 0}, lr[3] = {lower[0], lower[1], 0};
    int l = atoi(lr);
    if (!strcmp(ur, "03") || !strcmp(ur, "02") || !strcmp(ur, "10")) {
        const char *sub = NULL;
        char sb[4] = "";
        switch (l) {
        case 3: sub = lower[2] && lower[2] != '0' ? NULL : "0"; break;
        case 4: sub = "6"; break;
        case 5: sub = "2"; break;
        case 6: sub = "1"; if (lower[2] >= '1' && lower[2] <= '4') { sb[0] = '1'; sb[1] = lower[2]; sb[2] = 0; sub = sb; } break;
        case 7: sub = "3"; if (lower[2] >= '1' && lower[2] <= '4') { sb[0] = '3'; sb[1] = lower[2]; sb[2] = 0; sub = sb; } break;
        case 8:
            sub = "5";
            if (lower[2] == '3') sub = "4";
            else if (lower[2] == '1') sub = "51";
            else if (lower[2] == '4') sub = "53";
            else if (lower[2] == '5') sub = "54";
            else if (lower[2] == '6') sub = "55";
            else if (lower[2] == '7') sub = "56";
            break;
        default: return NULL;
        }
        if (!sub) return NULL;
        snprintf(buf, cap, "%c%c%s", ur[0], ur[1] == '0' ? '0' : ur[1], sub);
        if (!strcmp(ur, "10")) snprintf(buf, cap, "10%s", sub);
        return buf;
    }
    /* "refused to meet X", "rejected to release Y": a refusal of a
     * cooperative act is that act negated (the PETRARCH-2 mapping
     * S_negate applies to "not"). */
    if (!strcmp(ur, "12")) return S_negate(lower);
    if (!strcmp(ur, "13")) {
        if (l == 16) return !strncmp(lower, "163", 3) ? "1312" : "1313";
        if (l == 17) return !strncmp(lower, "172", 3) ? "132" : "137";
        if (l >= 18) return l == 19 ? "1384" : "138";
        if (l == 12 || l == 11) return "130";
        return NULL;
    }
    return NULL;
}

static void S_span_text(const S_ctx *x, int32_t first, int32_t end, size_t *s, size_t *e) {
    if (first < 0 || end <= first || end > x->n) { *s = *e = 0; return; }
    *s = x->tok[first].start;
    *e = x->tok[end - 1].end;
}

/* Source and target with the same code are one actor named twice
 * ("Russia said Russia ...", "X's mother"), which PETRARCH drops --
 * except two different named people or organisations of one role ("Ford
 * pardoned Nixon", both USAELI; "the Islamabad High Court ... the city
 * magistrate"): each from its own actor entry with a role code (not
 * composed from a country and an agent word, not a bare country), neither
 * found by coreference, in separate words. */
/* 1 when `entry` ("file:line") is from a countries dictionary: its names
 * (the country, its capital, "the White House", "the Oval Office") stand
 * for the state or its government as a whole, never for a second, separate
 * actor next to one of its members. */
static int S_state_entry(const char *entry) {
    const char *colon = strrchr(entry, ':');
    size_t n = colon ? (size_t)(colon - entry) : strlen(entry);
    static const char key[] = "countries.actors";
    for (size_t i = 0; i + sizeof key - 1 <= n; i++)
        if (strncasecmp(entry + i, key, sizeof key - 1) == 0) return 1;
    return 0;
}

static int S_two_named(const sr_actor_ref *s, const sr_actor_ref *t) {
    if (s->coref || t->coref || s->bridged || t->bridged || !s->entry || !t->entry) return 0;
    if (S_state_entry(s->entry) || S_state_entry(t->entry)) return 0;
    if (strlen(s->code) <= 3 || strchr(s->entry, ' ') || strchr(t->entry, ' ')) return 0;
    if (!strcmp(s->entry, t->entry)) return 0;
    return s->end <= t->first || t->end <= s->first;
}

static int S_emit(S_ctx *x, sitrep_events *out, const S_verb *vb, const sr_actor_ref *src,
                  const sr_actor_ref *tgt, const char *code, const char *issues,
                  const char *pattern, const char *pattern_loc, int32_t date) {
    const sitrep_coder *c = x->c;
    if (!S_code_ok(c, code) || !src || !tgt || !src->code || !tgt->code) return 0;
    if (!strcmp(src->code, tgt->code) && !S_two_named(src, tgt)) return 0;
    const sr_cameo_info *ci = sr_cameo_lookup(code);
    sitrep_event e;
    memset(&e, 0, sizeof e);
    const sitrep_article *a = x->a;
    char datebuf[16] = "";
    /* The event date is the date its own sentence gives ("last week's
     * talks", "on Friday"), else the article date: linking across
     * articles compares event dates, not publication dates. */
    int evdate = date;
    int dated = 0;
    if (vb->v >= 0) {
        /* one verb's events share its date: resolve it once */
        if (x->tx_v != vb->v || x->tx_date != date) {
            x->tx_v = vb->v;
            x->tx_date = date;
            x->tx_evdate = date;
            x->tx_gran = 1;
            x->tx_ts = x->tx_te = 0;
            x->tx_ok = sr_timex_event_date(a, x->s, (uint32_t)vb->v, date, &x->tx_evdate,
                                           &x->tx_gran, &x->tx_ts, &x->tx_te);
        }
        evdate = x->tx_evdate;
        dated = x->tx_ok;
    }
    if (dated)
        snprintf(datebuf, sizeof datebuf, "%04d-%02d-%02d", evdate / 10000, evdate / 100 % 100, evdate % 100);
    else if (a->date && a->date[0]) snprintf(datebuf, sizeof datebuf, "%s", a->date);
    else if (date) snprintf(datebuf, sizeof datebuf, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
    e.article_id = a->id;
    e.sentence = (size_t)(x->s - a->sents);
    e.date = datebuf;
    e.source_code = src->code;
    S_span_text(x, src->first, src->end, &e.source_start, &e.source_end);
    e.target_code = tgt->code;
    S_span_text(x, tgt->first, tgt->end, &e.target_start, &e.target_end);
    char root[3] = "";
    e.cameo = code;
    if (!sr_cameo_root(code, root)) snprintf(root, sizeof root, "%.2s", code);
    e.root = root;
    if (ci) {
        e.quad = ci->quad;
        e.goldstein = ci->goldstein;
        e.plover_category = ci->plover_category;
        e.plover_mode = ci->plover_mode;
    } else {
        e.quad = 0;
        e.plover_category = e.plover_mode = "";
    }
    e.issues = issues;
    size_t vs, ve;
    S_span_text(x, (int32_t)vb->hit.first, (int32_t)vb->hit.end, &vs, &ve);
    e.verb_start = vs;
    e.verb_end = ve;
    e.pattern = pattern;
    e.pattern_loc = pattern_loc;
    e.source_entry = src->entry;
    e.target_entry = tgt->entry;
    e.modality = vb->modality;
    if (vb->attr.code && vb->attr.end > vb->attr.start && vb->attr.end <= a->len) {
        e.attribution_code = vb->attr.code;
        e.attribution_start = vb->attr.start;
        e.attribution_end = vb->attr.end;
        e.attribution_text = sr_events_strndup(out, a->text + vb->attr.start,
                                               vb->attr.end - vb->attr.start);
        if (!e.attribution_text) return -1;
    } else {
        e.attribution_code = e.attribution_text = "";
    }
    /* Texts are spans of the article text: copy into the list's arena. */
    e.source_text = sr_events_strndup(out, a->text + e.source_start, e.source_end - e.source_start);
    e.target_text = sr_events_strndup(out, a->text + e.target_start, e.target_end - e.target_start);
    e.verb_text = sr_events_strndup(out, a->text + vs, ve - vs);
    e.sentence_text = sr_events_strndup(out, a->text + x->s->start, x->s->end - x->s->start);
    if (!e.source_text || !e.target_text || !e.verb_text || !e.sentence_text) return -1;
    /* Same (source, target, code) twice in one sentence: keep the first. */
    for (size_t i = out->n; i-- > 0;) {
        const sitrep_event *o = &out->items[i];
        if (o->sentence != e.sentence || strcmp(o->article_id, e.article_id) != 0) break;
        if (!strcmp(o->source_code, e.source_code) && !strcmp(o->target_code, e.target_code) &&
            !strcmp(o->cameo, e.cameo))
            return 0;
    }
    return sr_events_push(out, &e) == 0 ? 1 : -1;
}

static const char *S_issues(S_ctx *x) {
    const sitrep_dict *d = x->c->dict;
    char buf[256] = "";
    for (int32_t i = 0; i < x->n;) {
        const sr_issue_entry *ie = NULL;
        size_t k = sr_dict_match_issue(d, x->tok, (size_t)x->n, (size_t)i, &ie);
        if (k == 0 || !ie) { i++; continue; }
        if (ie->type != SR_ISSUE_CODE) return "";
        if (ie->code && !strstr(buf, ie->code)) {
            size_t l = strlen(buf);
            snprintf(buf + l, sizeof buf - l, "%s%s", l ? "," : "", ie->code);
        }
        i += (int32_t)k;
    }
    return sr_arena_strdup(&x->c->scratch, buf);
}

static const char *S_loc(sr_arena *a, const char *file, uint32_t line) {
    if (!file) return "";
    const char *b = strrchr(file, '/');
    char buf[320];
    snprintf(buf, sizeof buf, "%s:%u", b ? b + 1 : file, line);
    return sr_arena_strdup(a, buf);
}

/* The first nmod kid of noun h introduced by "between" (a place
 * phrase's, for S_nominal), or -1. */
static int32_t S_between_kid(const S_ctx *x, int32_t h) {
    const sr_dtree *t = &x->sa.tree;
    for (int32_t j = 0; j < sr_dtree_nkids(t, h); j++) {
        int32_t g = sr_dtree_kid(t, h, j);
        if (t->rel[g] != SR_DEP_NMOD) continue;
        int32_t cs = sr_dtree_find_kid(t, g, SR_DEP_CASE);
        if (cs >= 0 && sr_tok_is(&x->tok[cs], "between")) return g;
    }
    return -1;
}

/* Nominal reciprocal events: "talks between A and B", "a conversation
 * between Trump and Putin". PETRARCH codes verbs only; these nouns name an
 * interaction with both parties given, so each acts on the other: talks and
 * negotiations are 046 (engage in negotiation), the other nouns 040
 * (consult). A built-in rule (pattern_loc "builtin:nominal"). */
static int S_nominal(S_ctx *x, sitrep_events *out, const char *issues, int32_t date, int budget) {
    static const char *const NEG[] = {"talk", "talks", "negotiation", "negotiations", NULL};
    static const char *const CONS[] = {"discussion", "discussions", "meeting", "conversation",
                                       "summit", "consultation", "consultations", "dialogue", NULL};
    const sr_dtree *t = &x->sa.tree;
    int added = 0;
    for (int32_t i = 0; i < x->n && added < budget; i++) {
        const sr_token *tk = &x->tok[i];
        if (tk->upos != SR_UPOS_NOUN) continue;
        const char *code = S_lemma_in(tk, NEG) ? "046" : S_lemma_in(tk, CONS) ? "040" : NULL;
        if (!code) continue;
        for (int32_t k = 0; k < sr_dtree_nkids(t, i); k++) {
            int32_t b = sr_dtree_kid(t, i, k);
            if (t->rel[b] != SR_DEP_NMOD && t->rel[b] != SR_DEP_OBL) continue;
            int32_t cs = sr_dtree_find_kid(t, b, SR_DEP_CASE);
            if (cs < 0) continue;
            if (sr_tok_is(&x->tok[cs], "in") || sr_tok_is(&x->tok[cs], "at")) {
                /* "talks in Riyadh between A and B" with "between A and B"
                 * hung on the place: a place name takes no between-phrase
                 * of its own, so the parties are the talks' (11k). */
                int32_t bb = S_between_kid(x, b);
                if (bb < 0 || S_between_kid(x, i) >= 0) continue;
                b = bb;
                cs = sr_dtree_find_kid(t, b, SR_DEP_CASE);
            }
            if (!sr_tok_is(&x->tok[cs], "between")) continue;
            sr_actor_ref *act = sr_arena_alloc(&x->c->scratch, S_MAX_ACT * sizeof *act);
            if (!act) return -1;
            int na = S_collect(x, b, 0, act, S_MAX_ACT);
            if (na < 2) continue;
            S_verb vb;
            memset(&vb, 0, sizeof vb);
            vb.v = i;
            vb.hit.first = (size_t)i;
            vb.hit.end = (size_t)i + 1;
            int nq = 0;
            for (int32_t q = 0; q < i; q++)
                if (x->tok[q].flags & SR_TOK_QUOTE) nq++;
            if (nq % 2) snprintf(vb.modality, sizeof vb.modality, "reported");
            S_attribution(x, &vb);
            for (int p = 0; p < na; p++)
                for (int q = 0; q < na && added < budget; q++) {
                    if (p == q) continue;
                    int r = S_emit(x, out, &vb, &act[p], &act[q], code, issues,
                                   "NOUN (BETWEEN $ AND +)", "builtin:nominal", date);
                    if (r < 0) return -1;
                    added += r;
                }
        }
    }
    return added;
}

/* Nominal talks whose parties are the clause's conjoined agents: "the
 * proposal agreed upon by A and B in recent negotiations", "A and B
 * prepare to meet for talks": a talks/negotiations noun (046) or a
 * meeting/discussions noun (040) attached as an oblique to a verb with two
 * or more sources and no partner phrase of its own gives each source
 * acting on the others, with the verb's modality. */
static int S_nominal_agents(S_ctx *x, sitrep_events *out, const S_verb *verbs, int nv,
                            const char *issues, int32_t date, int budget) {
    static const char *const NEG[] = {"talk", "talks", "negotiation", "negotiations", NULL};
    static const char *const CONS[] = {"discussion", "discussions", "meeting", "conversation",
                                       "summit", "consultation", "consultations", "dialogue", NULL};
    const sr_dtree *t = &x->sa.tree;
    int added = 0;
    for (int k = 0; k < nv && added < budget; k++) {
        const S_verb *vb = &verbs[k];
        if (vb->nsrc < 2 || vb->negated) continue;
        for (int32_t q = 0; q < sr_dtree_nkids(t, vb->v); q++) {
            int32_t i = sr_dtree_kid(t, vb->v, q);
            const sr_token *tk = &x->tok[i];
            if (t->rel[i] != SR_DEP_OBL || tk->upos != SR_UPOS_NOUN) continue;
            const char *code = S_lemma_in(tk, NEG) ? "046" : S_lemma_in(tk, CONS) ? "040" : NULL;
            if (!code) continue;
            sr_actor_ref tmp[S_MAX_ACT];
            if (S_partner(x, i, tmp)) continue; /* "talks with X" has its own parties */
            S_verb nv1;
            memset(&nv1, 0, sizeof nv1);
            nv1.v = i;
            nv1.hit.first = (size_t)i;
            nv1.hit.end = (size_t)i + 1;
            snprintf(nv1.modality, sizeof nv1.modality, "%s", vb->modality);
            nv1.attr = vb->attr;
            for (int p = 0; p < vb->nsrc; p++)
                for (int r = 0; r < vb->nsrc && added < budget; r++) {
                    if (p == r) continue;
                    int e = S_emit(x, out, &nv1, &vb->src[p], &vb->src[r], code, issues,
                                   "NOUN (agents of the clause)", "builtin:nominal", date);
                    if (e < 0) return -1;
                    added += e;
                }
        }
    }
    return added;
}

/* Demands in reported speech: "A said (that) B must V" is A demanding
 * of B (CAMEO 100, PLOVER REQUEST); the lower verb is still coded as
 * usual. A speech verb with a source whose complement clause carries the
 * modal "must" gives speaker -> the complement's subject. Not for a
 * negated speech verb, nor a first-person subject ("we must"), nor a
 * subject the speaker names itself (same code: dropped in S_emit). */
static int S_modal_demand(S_ctx *x, sitrep_events *out, const S_verb *verbs, int nv,
                          const char *issues, int32_t date, int budget) {
    const sr_dtree *t = &x->sa.tree;
    int added = 0;
    for (int k = 0; k < nv && added < budget; k++) {
        const S_verb *vb = &verbs[k];
        if (vb->nsrc == 0 || vb->negated || !S_lemma_in(&x->tok[vb->v], S_SAY)) continue;
        for (int32_t q = 0; q < sr_dtree_nkids(t, vb->v); q++) {
            int32_t cq = sr_dtree_kid(t, vb->v, q);
            if (cq < vb->v) continue;
            if (t->rel[cq] != SR_DEP_CCOMP) {
                /* "said Wednesday that B must ...": the parser hung the
                 * complement on the date as a relative clause */
                if (!S_time_word(&x->tok[cq])) continue;
                int32_t rc = S_kid_rel(x, cq, SR_DEP_ACL_RELCL);
                if (rc < 0) rc = S_kid_rel(x, cq, SR_DEP_ACL);
                int32_t mk = rc >= 0 ? S_kid_rel(x, rc, SR_DEP_MARK) : -1;
                if (mk < 0 || !sr_tok_is(&x->tok[mk], "that")) continue;
                cq = rc;
            }
            int must = 0;
            for (int32_t j = 0; j < sr_dtree_nkids(t, cq); j++) {
                int32_t a = sr_dtree_kid(t, cq, j);
                if (a < cq && t->rel[a] == SR_DEP_AUX && sr_tok_is(&x->tok[a], "must")) must = 1;
                if (t->rel[a] == SR_DEP_ADVMOD && S_is_neg(&x->tok[a])) must = 0, j = sr_dtree_nkids(t, cq);
            }
            if (!must) continue;
            int32_t sj = S_kid_rel(x, cq, SR_DEP_NSUBJ);
            if (sj < 0) sj = S_kid_rel(x, cq, SR_DEP_NSUBJ_PASS);
            if (sj < 0 || S_first_person(&x->tok[sj])) continue;
            sr_actor_ref tg[S_MAX_ACT];
            int nt = S_collect(x, sj, 0, tg, S_MAX_ACT);
            if (nt == 0) continue;
            S_verb d;
            memset(&d, 0, sizeof d);
            d.v = vb->v;
            d.hit = vb->hit;
            snprintf(d.modality, sizeof d.modality, "%s", vb->modality);
            d.attr = vb->attr;
            for (int i = 0; i < vb->nsrc; i++)
                for (int j = 0; j < nt && added < budget; j++) {
                    int e = S_emit(x, out, &d, &vb->src[i], &tg[j], "100", issues,
                                   "SAY (+ MUST V)", "builtin:modal-demand", date);
                    if (e < 0) return -1;
                    added += e;
                }
        }
    }
    return added;
}

static int S_code_sentence(sitrep_coder *c, const sitrep_article *a, size_t si, int32_t date,
                           sr_coref *coref, sitrep_events *out);

/* PETRARCH counts a word for comma-clause lengths when it starts with a
 * letter ("12-year" and punctuation are no words). */
static int S_comma_words(const S_ctx *x, int32_t lo, int32_t hi) {
    int n = 0;
    for (int32_t i = lo; i < hi; i++) {
        unsigned char ch = x->tok[i].form_len ? (unsigned char)x->tok[i].form[0] : 0;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80) n++;
    }
    return n;
}

/* PETRARCH's comma-clause deletion (opts.comma_*, see coder.h): marks the
 * deleted tokens in x->del and removes their actors. A comma between two
 * modifiers of one noun ("complete, full diplomatic ties") or in a list of
 * nouns ("A, B and C") is inside a noun phrase and delimits nothing. Returns -1 when out of memory. */
static int S_comma_delete(S_ctx *x) {
    const sr_coder_opts *o = &x->c->opts;
    if (!o->comma_max && !o->comma_bmax && !o->comma_emax) return 0;
    const sr_dtree *t = &x->sa.tree;
    int32_t *cm = sr_arena_alloc(&x->c->scratch, (size_t)x->n * sizeof *cm), nc = 0;
    if (!cm) return -1;
    for (int32_t i = 1; i + 1 < x->n; i++) {
        if (!sr_tok_is(&x->tok[i], ",")) continue;
        int32_t h = t->head[i];
        unsigned up = h >= 0 ? x->tok[h].upos : 0;
        if (h > i && (up == SR_UPOS_NOUN || up == SR_UPOS_PROPN) &&
            ((t->head[i - 1] == h && i > t->lo[h]) || t->rel[h] == SR_DEP_CONJ))
            continue; /* between two premodifiers of h, or in a list of names */
        cm[nc++] = i;
    }
    if (nc == 0) return 0;
    x->del = sr_arena_calloc(&x->c->scratch, (size_t)x->n, 1);
    if (!x->del) return -1;
    int32_t end = x->n;
    while (end > 0 && x->tok[end - 1].upos == SR_UPOS_PUNCT) end--;
    if (o->comma_bmax) {
        int w = S_comma_words(x, 0, cm[0]);
        if (w >= o->comma_bmin && w <= o->comma_bmax) memset(x->del, 1, (size_t)cm[0]);
    }
    if (o->comma_emax && cm[nc - 1] < end) {
        int w = S_comma_words(x, cm[nc - 1] + 1, x->n);
        if (w >= o->comma_emin && w <= o->comma_emax)
            memset(x->del + cm[nc - 1] + 1, 1, (size_t)(end - cm[nc - 1] - 1));
    }
    for (int32_t k = 0; o->comma_max && k + 1 < nc; k++) {
        int w = S_comma_words(x, cm[k] + 1, cm[k + 1]);
        if (w >= o->comma_min && w <= o->comma_max)
            memset(x->del + cm[k] + 1, 1, (size_t)(cm[k + 1] - cm[k] - 1));
    }
    for (int32_t i = 0; i < x->n; i++) {
        if (!x->del[i]) continue;
        x->sa.mention_of[i] = -1;
        x->sa.np_state[i] = 1; /* resolved: no actor */
        memset(&x->sa.np[i], 0, sizeof x->sa.np[i]);
    }
    return 0;
}

/* Sentence si's candidate cache when `a` is the article
 * sitrep_code_article is coding (set up on first use), else NULL. */
static const sr_dict_tokcache *S_art_cache(sitrep_coder *c, const sitrep_article *a, size_t si) {
    if (c->art_a != a || !a || si >= c->art_n || !c->art_tc) return NULL;
    sr_dict_tokcache *tc = &c->art_tc[si];
    if (!tc->toks) {
        const sr_sentence *s = &a->sents[si];
        if (sr_dict_tokcache_init(tc, c->dict, sr_sent_tokens(a, s), s->ntok, &c->art_arena) != 0)
            return NULL;
    }
    return tc;
}

/* Binds the sentence's tokens to the dictionary's candidate cache for the
 * sentence's many lookups (discards, actors, verbs, issues), then codes. */
int sr_code_sentence(sitrep_coder *c, const sitrep_article *a, size_t si, int32_t date,
                     sr_coref *coref, sitrep_events *out) {
    if (!c || !a || !out || si >= a->nsents) return 0;
    sr_arena_reset(&c->scratch);
    const sr_sentence *s = &a->sents[si];
    const sr_dict_tokcache *tc = S_art_cache(c, a, si);
    int h = tc ? sr_dict_bind_cache(tc)
        : s->ntok > 0 ? sr_dict_bind_tokens(c->dict, sr_sent_tokens(a, s), s->ntok, &c->scratch)
                      : -1;
    int r = S_code_sentence(c, a, si, date, coref, out);
    sr_dict_unbind_tokens(h);
    for (size_t k = 0; k < c->nwset; k++) c->wbits[c->wset[k] >> 6] = 0;
    c->wset = NULL;
    c->nwset = 0;
    return r;
}

static int S_code_sentence(sitrep_coder *c, const sitrep_article *a, size_t si, int32_t date,
                           sr_coref *coref, sitrep_events *out) {
    S_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.a = a;
    x.s = &a->sents[si];
    x.tx_v = -1;
    x.tok = sr_sent_tokens(a, x.s);
    x.n = (int32_t)x.s->ntok;
    if (x.n <= 0) return 0;
    sr_arena *ar = &c->scratch;
    /* Sentence-level discards (known from the story pass when coding a
     * whole article). */
    uint8_t disc = c->art_a == a && c->art_disc && si < c->art_n ? c->art_disc[si] : 0;
    if (disc == 2) return 0;
    for (int32_t i = 0; disc == 0 && i < x.n; i++) {
        const sr_discard_entry *de = NULL;
        if (sr_dict_match_discard(c->dict, x.tok, (size_t)x.n, (size_t)i, &de) && de) return 0;
    }
    if (sr_actors_sentence(&x.sa, c->dict, x.tok, x.n, date, coref, ar) != 0) return -1;
    if (S_comma_delete(&x) != 0) return -1;
    x.ch = sr_arena_alloc(ar, (size_t)x.n * sizeof(int32_t));
    x.is_verb = sr_arena_calloc(ar, (size_t)x.n, 1);
    x.pos = sr_arena_alloc(ar, (size_t)x.n * 3 * sizeof(int32_t));
    x.cands = sr_arena_alloc(ar, (size_t)x.n * sizeof *x.cands);
    if (!x.cands) return -1;
    for (int32_t i = 0; i < x.n; i++) x.cands[i].n = -1;
    S_verb *verbs = sr_arena_alloc(ar, (size_t)x.n * sizeof(S_verb));
    if (!x.ch || !x.is_verb || !x.pos || !verbs) return -1;
    /* Quotation speakers: the one carried over from the sentence before,
     * and this sentence's, remembered for the next. */
    char carry_code[48];
    if (c->lastq.set && c->lastq.a == a && c->lastq.si + 1 == si) {
        snprintf(carry_code, sizeof carry_code, "%s", c->lastq.code);
        x.carry.code = carry_code;
        x.carry.start = c->lastq.start;
        x.carry.end = c->lastq.end;
        x.has_carry = 1;
    }
    {
        int hasq = 0;
        for (int32_t i = 0; i < x.n; i++)
            if (x.tok[i].flags & SR_TOK_QUOTE) hasq = 1;
        S_attr qs;
        if (hasq && S_quote_speaker(&x, -1, &qs)) {
            c->lastq.set = 1;
            snprintf(c->lastq.code, sizeof c->lastq.code, "%s", qs.code);
            c->lastq.start = qs.start;
            c->lastq.end = qs.end;
        } else if (!(hasq && x.has_carry && (x.tok[0].flags & SR_TOK_QUOTE))) {
            c->lastq.set = 0; /* a quotation that goes on keeps its speaker */
        }
        c->lastq.a = a;
        c->lastq.si = si;
    }
    int nv = 0;
    for (int32_t v = 0; v < x.n; v++) {
        unsigned up = x.tok[v].upos;
        if (up != SR_UPOS_VERB && !S_adj_participle(x.tok, v) && !S_adj_verb(&x, v)) continue;
        if (x.sa.mention_of[v] >= 0) continue; /* part of an actor name */
        if (x.del && x.del[v]) continue;
        S_verb *vb = &verbs[nv];
        memset(vb, 0, sizeof *vb);
        if (!sr_dict_match_verb(c->dict, x.tok, (size_t)x.n, (size_t)v, &vb->hit) || !vb->hit.verb)
            continue;
        if (vb->hit.end > (size_t)x.n || vb->hit.first >= vb->hit.end) continue;
        vb->v = v;
        x.is_verb[v] = 1;
        nv++;
    }
    int added = 0;
    const char *issues = NULL;
    if (c->opts.nominal) {
        issues = S_issues(&x);
        int r = S_nominal(&x, out, issues, date, c->opts.max_events);
        if (r < 0) return -1;
        added += r;
    }
    if (nv == 0) return added;
    S_clauses(&x);
    for (int k = 0; k < nv; k++) {
        int32_t v = verbs[k].v;
        if (!S_buried_verb(&x, v) && S_cc_verb(&x, v) < 0 && S_perfect_have(&x, v) < 0 &&
            S_np_verb(&x, v) < 0)
            continue;
        int32_t u = x.sa.tree.head[v], cu = x.ch[u];
        for (int32_t i = v + 1; i <= x.sa.tree.hi[u]; i++)
            if (x.ch[i] == cu && sr_dtree_dominates(&x.sa.tree, u, i)) x.ch[i] = v;
    }
    static int debug = -1;
    if (debug < 0) debug = getenv("SITREP_CODER_DEBUG") != NULL;
    if (debug) {
        for (int32_t i = 0; i < x.n; i++) {
            const sr_token *tk = &x.tok[i];
            int32_t mi = x.sa.mention_of[i];
            const sr_actor_ref *r = sr_actors_np(&x.sa, i);
            fprintf(stderr, "  %2d %-14.*s %-6s %2d %-10s %s%s%s%s\n", i + 1, (int)tk->form_len,
                    tk->form, sr_upos_name(tk->upos), x.sa.tree.head[i] + 1,
                    sr_deprel_name(x.sa.tree.rel[i]),
                    mi >= 0 ? (x.sa.m[mi].kind == SR_MENTION_ACTOR ? "A:" : "G:") : "",
                    mi >= 0 && x.sa.m[mi].code ? x.sa.m[mi].code : "", r ? " NP=" : "",
                    r ? r->code : "");
        }
    }
    if (!issues) issues = S_issues(&x);
    for (int k = 0; k < nv; k++) {
        S_verb *vb = &verbs[k];
        int32_t v = vb->v;
        /* Clause positions before and after the verb. */
        int32_t *pre = x.pos, *post = x.pos + x.n, npre = 0, npost = 0;
        for (int32_t i = 0; i < x.n; i++) {
            if (x.ch[i] != v || (i >= (int32_t)vb->hit.first && i < (int32_t)vb->hit.end)) continue;
            if (x.del && x.del[i]) continue;
            if (i < (int32_t)vb->hit.first) pre[npre++] = i;
            else post[npost++] = i;
        }
        /* Auxiliaries and negation attached to the verb are part of the
         * clause for TABARI patterns ("DID N'T", "WILL NOT"). */
        const sr_verb_block *blk = vb->hit.verb->block;
        S_match best, m;
        memset(&best, 0, sizeof best);
        best.src_tok = best.tgt_tok = best.comp_tok = -1;
        const sr_verb_pattern *bp = NULL;
        x.wide = 0;
        const uint32_t *keys = S_block_keys(c, blk);
        if (keys && !x.wbits && S_wbits_init(&x) != 0) keys = NULL;
        for (uint32_t p = 0; blk && p < blk->npatterns; p++) {
            if (S_key_absent(&x, keys, p)) continue;
            const sr_verb_pattern *pat = &blk->patterns[p];
            if (!S_match_pattern(&x, vb, pat, pre, npre, post, npost, &m)) continue;
            if (!bp || m.score > best.score) {
                bp = pat;
                best = m;
            }
        }
        if (!bp && blk && blk->npatterns) {
            /* No pattern fits the verb's own clause: PETRARCH matches the
             * whole verb phrase, so try again over everything the verb
             * dominates after it ("vowed to wage war", "allowed that X
             * isn't a really pleasant place"). Only patterns that match at
             * least one word count here. */
            int32_t *wide = x.pos + 2 * (size_t)x.n, nwide = 0;
            for (int32_t i = (int32_t)vb->hit.end; i < x.n; i++) {
                /* the verb's clause and its own complement clauses
                 * (ccomp, xcomp, advcl) that no dictionary verb codes */
                int32_t hc = x.ch[i];
                unsigned hr = x.sa.tree.rel[hc];
                if (x.del && x.del[i]) continue;
                if (hc == v) {
                    wide[nwide++] = i;
                    continue;
                }
                if (hc < v || x.is_verb[hc] || x.sa.tree.head[hc] != v ||
                    !(hr == SR_DEP_CCOMP || hr == SR_DEP_XCOMP || hr == SR_DEP_ADVCL))
                    continue;
                /* ... but not the complement's prepositional phrases
                 * ("to postpone a hearing over corruption allegations"
                 * is not an accusation) */
                int pp = 0;
                for (int32_t y = i; y != hc && y >= 0; y = x.sa.tree.head[y])
                    if (x.sa.tree.rel[y] == SR_DEP_NMOD || x.sa.tree.rel[y] == SR_DEP_OBL) pp = 1;
                if (!pp) wide[nwide++] = i;
            }
            for (uint32_t p = 0; nwide > npost && p < blk->npatterns; p++) {
                if (S_key_absent(&x, keys, p)) continue;
                const sr_verb_pattern *pat = &blk->patterns[p];
                if (!S_match_pattern(&x, vb, pat, pre, npre, wide, nwide, &m)) continue;
                if (m.score - (m.src_tok >= 0) - (m.tgt_tok >= 0) - (m.comp_tok >= 0) < 2) continue;
                if (!bp || m.score > best.score) {
                    bp = pat;
                    best = m;
                    x.wide = 1;
                }
            }
        }
        vb->pat = bp;
        vb->code = bp ? bp->code : vb->hit.verb->code;
        vb->code2 = bp ? bp->code2 : vb->hit.verb->code2;
        S_modality(&x, vb);
        S_attribution(&x, vb);
        if (vb->negated && best.used_neg) {
            vb->negated = 0; /* the pattern itself spells the negation */
            char *p = strstr(vb->modality, "negated");
            if (p) memmove(p, p + 7, strlen(p + 7) + 1);
        }
        /* Sources and targets. */
        if (best.src_tok >= 0) vb->nsrc = S_collect(&x, best.src_tok, 0, vb->src, S_MAX_ACT);
        else vb->nsrc = S_sources(&x, v, vb->src, 0);
        x.cur_code = vb->code;
        if (best.tgt_tok >= 0) vb->ntgt = S_collect(&x, best.tgt_tok, 0, vb->tgt, S_MAX_ACT);
        else vb->ntgt = S_targets(&x, v, vb->tgt);
        /* "pledged to work with China", "agreed to offer aid to X": an
         * intent/appeal/demand/threat with no target of its own takes the
         * target of its uncoded xcomp (the pledge is to China). */
        if (vb->ntgt == 0 && best.tgt_tok < 0 && vb->code && strlen(vb->code) >= 2 &&
            (!strncmp(vb->code, "02", 2) || !strncmp(vb->code, "03", 2) ||
             !strncmp(vb->code, "10", 2) || !strncmp(vb->code, "12", 2) ||
             !strncmp(vb->code, "13", 2))) {
            const sr_dtree *t = &x.sa.tree;
            for (int32_t q = 0; q < sr_dtree_nkids(t, v) && vb->ntgt == 0; q++) {
                int32_t cq = sr_dtree_kid(t, v, q);
                if (t->rel[cq] != SR_DEP_XCOMP || x.is_verb[cq] || x.tok[cq].upos != SR_UPOS_VERB)
                    continue;
                vb->ntgt = S_targets(&x, cq, vb->tgt);
            }
        }
        /* "A signed an accord on Thursday to supply B with wheat": any
         * verb with no target takes the target of a purpose infinitive
         * ("to V", advcl or xcomp) that no dictionary verb codes. */
        if (vb->ntgt == 0 && best.tgt_tok < 0 && vb->nsrc > 0 && vb->code) {
            const sr_dtree *t = &x.sa.tree;
            for (int32_t q = 0; q < sr_dtree_nkids(t, v) && vb->ntgt == 0; q++) {
                int32_t cq = sr_dtree_kid(t, v, q);
                if ((t->rel[cq] != SR_DEP_XCOMP && t->rel[cq] != SR_DEP_ADVCL) || cq < v ||
                    x.is_verb[cq] || x.tok[cq].upos != SR_UPOS_VERB)
                    continue;
                int32_t mk = S_kid_rel(&x, cq, SR_DEP_MARK);
                if (mk < 0 || !sr_tok_is(&x.tok[mk], "to") || S_kid_rel(&x, cq, SR_DEP_NSUBJ) >= 0)
                    continue;
                vb->ntgt = S_targets(&x, cq, vb->tgt);
            }
        }
        /* Last resort: a prepositional phrase anywhere in the clause
         * (not for statements: "said in Washington" names no target; not
         * for "A and B met in C": the conjuncts meet each other). */
        if (vb->ntgt == 0 && best.tgt_tok < 0 && best.comp_tok < 0 && vb->nsrc > 0 && vb->code &&
            strncmp(vb->code, "01", 2) != 0 && !S_lemma_in(&x.tok[v], S_SAY) &&
            !(vb->nsrc >= 2 && !strncmp(vb->code, "04", 2)))
            vb->ntgt = S_loose_target(&x, v, vb->tgt);
        if (vb->ntgt == 0 && bp && best.word_end > v && best.tgt_tok < 0 && best.comp_tok < 0 &&
            vb->nsrc > 0 && vb->code && strncmp(vb->code, "01", 2) != 0 &&
            !S_lemma_in(&x.tok[v], S_SAY))
            vb->ntgt = S_noun_complement_target(&x, v, best.word_end, vb->tgt);
        x.cur_code = NULL;
        if (best.comp_tok >= 0) {
            /* `%` (PETRARCH-2): the compound is the source when it stands
             * before the verb, the target after it; the other side is
             * found as usual. With no other side the conjuncts act on
             * each other ("A and B met"). */
            sr_actor_ref *side = best.comp_tok < v ? vb->src : vb->tgt;
            int *nside = best.comp_tok < v ? &vb->nsrc : &vb->ntgt;
            *nside = S_collect(&x, best.comp_tok, 0, side, S_MAX_ACT);
            int nother = best.comp_tok < v ? vb->ntgt : vb->nsrc;
            if (nother == 0) {
                vb->nsrc = vb->ntgt = *nside;
                memcpy(best.comp_tok < v ? vb->tgt : vb->src, side, sizeof vb->src);
            }
        }
        /* "A met B in C", "A and B meet in C": a meeting in a country
         * neither side belongs to is CAMEO 044 (meet at a third
         * location). */
        if (!bp && vb->code && !strcmp(vb->code, "040") && vb->nsrc > 0 &&
            (vb->ntgt > 0 || vb->nsrc >= 2)) {
            const sr_dtree *t = &x.sa.tree;
            for (int32_t q = 0; q < sr_dtree_nkids(t, v); q++) {
                int32_t cq = sr_dtree_kid(t, v, q);
                int32_t cs = sr_dtree_find_kid(t, cq, SR_DEP_CASE);
                if (t->rel[cq] != SR_DEP_OBL || cs < 0 || !sr_tok_is(&x.tok[cs], "in")) continue;
                const sr_actor_ref *pl = sr_actors_np(&x.sa, cq);
                if (!pl || strlen(pl->code) < 3) continue;
                int third = 1;
                for (int i = 0; i < vb->nsrc; i++)
                    if (!strncmp(vb->src[i].code, pl->code, 3)) third = 0;
                for (int i = 0; i < vb->ntgt; i++)
                    if (!strncmp(vb->tgt[i].code, pl->code, 3)) third = 0;
                if (third) vb->code = "044";
                break;
            }
        }
        if (debug)
            fprintf(stderr, "  verb %d %s code=%s pat=%s nsrc=%d ntgt=%d neg=%d mod=%s attr=%s:%.*s\n",
                    v + 1, vb->hit.verb->primary, vb->code ? vb->code : "-", bp ? bp->text : "-",
                    vb->nsrc, vb->ntgt, vb->negated, vb->modality,
                    vb->attr.code ? vb->attr.code : "-",
                    vb->attr.code ? (int)(vb->attr.end - vb->attr.start) : 0,
                    vb->attr.code ? a->text + vb->attr.start : "");
    }
    /* "agreed to set up a centre in X": an intent/appeal/demand/threat
     * with no target takes the target of its xcomp verb when the
     * dictionary knows that verb but gives it no code (a null verb such
     * as "set up" codes no event of its own, so it is as uncoded). */
    for (int k = 0; k < nv; k++) {
        S_verb *up = &verbs[k];
        if (up->ntgt > 0 || up->nsrc == 0 || !up->code || strlen(up->code) < 2 ||
            !(!strncmp(up->code, "02", 2) || !strncmp(up->code, "03", 2) ||
              !strncmp(up->code, "10", 2) || !strncmp(up->code, "12", 2) ||
              !strncmp(up->code, "13", 2)))
            continue;
        for (int j = 0; j < nv && up->ntgt == 0; j++) {
            const S_verb *lo = &verbs[j];
            if (x.sa.tree.head[lo->v] != up->v || x.sa.tree.rel[lo->v] != SR_DEP_XCOMP ||
                lo->ntgt == 0 || S_code_ok(c, lo->code))
                continue;
            memcpy(up->tgt, lo->tgt, (size_t)lo->ntgt * sizeof lo->tgt[0]);
            up->ntgt = lo->ntgt;
        }
    }
    if (c->opts.nominal) {
        int r = S_nominal_agents(&x, out, verbs, nv, issues, date, c->opts.max_events - added);
        if (r < 0) return -1;
        added += r;
    }
    if (c->opts.intent) {
        int r = S_modal_demand(&x, out, verbs, nv, issues, date, c->opts.max_events - added);
        if (r < 0) return -1;
        added += r;
    }
    /* "A is willing/ready/prepared to X B": intend to X. */
    if (c->opts.combine) {
        static const char *const WILL[] = {"willing", "ready", "prepared", "eager", "determined",
                                           "keen", NULL};
        for (int k = 0; k < nv; k++) {
            S_verb *lo = &verbs[k];
            const sr_dtree *t = &x.sa.tree;
            int32_t u = t->head[lo->v];
            if (t->rel[lo->v] != SR_DEP_XCOMP || u < 0 || lo->ntgt == 0 || lo->negated) continue;
            if (!S_lemma_in(&x.tok[u], WILL)) continue;
            char buf[8];
            const char *cc = S_combine("030", lo->code, buf, sizeof buf);
            if (cc && S_code_ok(c, cc)) {
                lo->code = sr_arena_strdup(ar, cc);
                lo->code2 = NULL;
            }
        }
    }
    /* "A will release B", "A said it would withdraw from C": a
     * cooperative act (04-08) announced in the future tense is an intent
     * (03x), the CAMEO convention. */
    if (c->opts.intent) {
        for (int k = 0; k < nv; k++) {
            S_verb *vb = &verbs[k];
            if (!vb->fut_aux || vb->negated || !vb->code || strlen(vb->code) < 3 ||
                vb->code[0] != '0' || vb->code[1] < '4' || vb->code[1] > '8')
                continue;
            char buf[8];
            const char *cc = S_combine("030", vb->code, buf, sizeof buf);
            if (cc && S_code_ok(c, cc)) {
                vb->code = sr_arena_strdup(ar, cc);
                vb->code2 = NULL;
            }
        }
    }
    /* Combination: "A agreed / threatened / urged to X B". */
    if (c->opts.combine) {
        for (int k = 0; k < nv; k++) {
            S_verb *lo = &verbs[k];
            const sr_dtree *t = &x.sa.tree;
            if (t->rel[lo->v] != SR_DEP_XCOMP || lo->ntgt == 0) continue;
            int32_t u = t->head[lo->v];
            for (int j = 0; j < nv; j++) {
                S_verb *up = &verbs[j];
                if (up->v != u || up->ntgt > 0 || up->negated) continue;
                char buf[8];
                const char *cc = S_combine(up->code, lo->code, buf, sizeof buf);
                if (!cc || !S_code_ok(c, cc)) continue;
                lo->code = sr_arena_strdup(ar, cc);
                lo->code2 = NULL;
                /* "A and B agreed to X C": A and B also agreed with each
                 * other (the pairwise rule below gives A->B, B->A) */
                if (up->nsrc >= 2 && !strncmp(up->code, "03", 2)) up->code = lo->code;
                else up->consumed = 1;
            }
        }
    }
    for (int k = 0; k < nv && added < c->opts.max_events; k++) {
        S_verb *vb = &verbs[k];
        if (vb->negated) {
            vb->code = S_negate(vb->code);
            vb->code2 = NULL;
        }
        if (vb->consumed || !S_code_ok(c, vb->code)) continue;
        const char *pattern, *loc;
        if (vb->pat) {
            pattern = vb->pat->text;
            loc = S_loc(ar, vb->pat->file, vb->pat->line);
        } else {
            pattern = vb->hit.verb->primary;
            loc = S_loc(ar, vb->hit.verb->file, vb->hit.verb->line);
        }
        if (vb->ntgt == 0 && vb->nsrc >= 2 && !S_lemma_in(&x.tok[vb->v], S_SAY) &&
            strncmp(vb->code, "01", 2) != 0 && (!c->opts.intent || strncmp(vb->code, "07", 2) != 0)) {
            /* "A and B renewed ties": no target, a compound source: the
             * conjuncts act on each other (PETRARCH). Not aid (07): "A
             * and B contributed" is no mutual aid (outside PETRARCH
             * validation). */
            memcpy(vb->tgt, vb->src, sizeof vb->src);
            vb->ntgt = vb->nsrc;
        }
        if (vb->ntgt == 0 && vb->nsrc > 0 && c->opts.null_target && S_null_slot(&x, vb->v)) {
            /* PETRARCH with require_dyad off: the null actor "---" */
            memset(&vb->tgt[0], 0, sizeof vb->tgt[0]);
            vb->tgt[0].code = "---";
            vb->tgt[0].first = vb->tgt[0].end = vb->tgt[0].head = vb->tgt[0].via = -1;
            vb->ntgt = 1;
        }
        for (int i = 0; i < vb->nsrc && added < c->opts.max_events; i++)
            for (int j = 0; j < vb->ntgt && added < c->opts.max_events; j++) {
                int r = S_emit(&x, out, vb, &vb->src[i], &vb->tgt[j], vb->code, issues, pattern,
                               loc, date);
                if (r < 0) return -1;
                added += r;
                if (vb->code2 && S_code_ok(c, vb->code2)) {
                    r = S_emit(&x, out, vb, &vb->tgt[j], &vb->src[i], vb->code2, issues, pattern,
                               loc, date);
                    if (r < 0) return -1;
                    added += r;
                }
            }
    }
    return added;
}

/* Story-level discard anywhere in the article? */
static int S_story_discard(sitrep_coder *c, const sitrep_article *a) {
    for (size_t s = 0; s < a->nsents; s++) {
        const sr_token *tk = sr_sent_tokens(a, &a->sents[s]);
        size_t n = a->sents[s].ntok;
        int h = sr_dict_bind_cache(S_art_cache(c, a, s));
        int hit = 0, any = 0;
        for (size_t i = 0; i < n && !hit; i++) {
            const sr_discard_entry *de = NULL;
            if (sr_dict_match_discard(c->dict, tk, n, i, &de) && de) {
                any = 1;
                if (de->story) hit = 1;
            }
        }
        sr_dict_unbind_tokens(h);
        /* the sentence-level discard test needs no second pass */
        if (!hit && c->art_a == a && c->art_disc && s < c->art_n) c->art_disc[s] = any ? 2 : 1;
        if (hit) return 1;
    }
    return 0;
}

static sitrep_events *S_code_article(sitrep_coder *c, sitrep_article *a, sitrep_error *err);

sitrep_events *sitrep_code_article(sitrep_coder *c, sitrep_article *a, sitrep_error *err) {
    if (!c || !a) return S_code_article(c, a, err);
    sr_arena_reset(&c->art_arena);
    c->art_a = NULL;
    c->art_tc = NULL;
    c->art_disc = NULL;
    c->art_n = 0;
    sitrep_events *ev = S_code_article(c, a, err);
    c->art_a = NULL;
    c->art_tc = NULL;
    c->art_disc = NULL;
    c->art_n = 0;
    return ev;
}

static sitrep_events *S_code_article(sitrep_coder *c, sitrep_article *a, sitrep_error *err) {
    if (!c || !a) {
        sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "sitrep_code_article: NULL argument");
        return NULL;
    }
    if (!a->analyzed) {
        if (!c->model) {
            sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0,
                         "article is not parsed and the coder has no model");
            return NULL;
        }
        if (sitrep_article_analyze(a, c->model, err) != SITREP_OK) return NULL;
    }
    sitrep_events *ev = sr_events_new();
    if (!ev) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    /* candidate caches for the article's sentences (after analysis: the
     * tokens are final) */
    if (a->nsents) {
        c->art_tc = sr_arena_calloc(&c->art_arena, a->nsents, sizeof *c->art_tc);
        c->art_disc = sr_arena_calloc(&c->art_arena, a->nsents, 1);
        if (c->art_tc && c->art_disc) {
            c->art_a = a;
            c->art_n = a->nsents;
        }
    }
    if (S_story_discard(c, a)) return ev;
    int32_t date = sr_parse_date(a->date);
    sr_coref coref;
    sr_coref_reset(&coref, c->opts.coref);
    c->lastq.set = 0;
    for (size_t s = 0; s < a->nsents; s++) {
        if (sr_code_sentence(c, a, s, date, &coref, ev) < 0) {
            sitrep_events_free(ev);
            sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
    }
    return ev;
}
