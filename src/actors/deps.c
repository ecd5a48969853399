/* deps.c - validated dependency trees; see deps.h. */
#include "actors/deps.h"
#include <string.h>
#include "parse/ud.h"

/* Breaks cycles of t->head: walks up from every node, marking the path
 * with a per-walk stamp; meeting the current stamp again means a cycle,
 * closed by making that node a root. state[0..n) must be zero. */
static void S_break_cycles(sr_dtree *t, int32_t *state) {
    for (int32_t i = 0; i < t->n; i++) {
        if (state[i]) continue;
        int32_t stamp = i + 1, j = i;
        while (j >= 0 && state[j] == 0) {
            state[j] = stamp;
            int32_t h = t->head[j];
            if (h >= 0 && state[h] == stamp) { /* cycle closes at j -> h */
                t->head[j] = -1;
                t->rel[j] = SR_DEP_ROOT;
                t->nfixed++;
                break;
            }
            j = h;
        }
    }
}

/* Depth, children and subtree spans from an acyclic t->head; kid_start
 * must be zero, scratch holds n entries. */
static void S_derive(sr_dtree *t, int32_t *scratch) {
    int32_t n = t->n;
    /* Depth: iterative with memo (the tree is acyclic now). */
    for (int32_t i = 0; i < n; i++) t->depth[i] = -1;
    for (int32_t i = 0; i < n; i++) {
        if (t->depth[i] >= 0) continue;
        int32_t d = 0, j = i;
        while (j >= 0 && t->depth[j] < 0) { j = t->head[j]; d++; }
        int32_t base = j >= 0 ? t->depth[j] + 1 : 0;
        /* second pass assigns from i upwards */
        j = i;
        int32_t k = base + d - 1;
        while (j >= 0 && t->depth[j] < 0) { t->depth[j] = k--; j = t->head[j]; }
    }
    /* Children (CSR, sentence order). */
    for (int32_t i = 0; i < n; i++)
        if (t->head[i] >= 0) t->kid_start[t->head[i] + 1]++;
    for (int32_t i = 0; i < n; i++) t->kid_start[i + 1] += t->kid_start[i];
    int32_t *fill = scratch;
    for (int32_t i = 0; i < n; i++) fill[i] = t->kid_start[i];
    for (int32_t i = 0; i < n; i++)
        if (t->head[i] >= 0) t->kid[fill[t->head[i]]++] = i;
    /* Subtree spans: process nodes deepest first (bucket by depth). */
    for (int32_t i = 0; i < n; i++) t->lo[i] = t->hi[i] = i;
    int32_t maxd = 0;
    for (int32_t i = 0; i < n; i++) if (t->depth[i] > maxd) maxd = t->depth[i];
    for (int32_t d = maxd; d > 0; d--)
        for (int32_t i = 0; i < n; i++) {
            if (t->depth[i] != d) continue;
            int32_t h = t->head[i];
            if (t->lo[i] < t->lo[h]) t->lo[h] = t->lo[i];
            if (t->hi[i] > t->hi[h]) t->hi[h] = t->hi[i];
        }
}

int sr_dtree_build(sr_dtree *t, const sr_token *toks, int32_t n, sr_arena *arena) {
    memset(t, 0, sizeof *t);
    t->tok = toks;
    t->n = n < 0 ? 0 : n;
    n = t->n;
    size_t m = (size_t)n + 1;
    t->head = sr_arena_alloc(arena, m * sizeof(int32_t));
    t->rel = sr_arena_alloc(arena, m);
    t->kid_start = sr_arena_calloc(arena, m + 1, sizeof(int32_t));
    t->kid = sr_arena_alloc(arena, m * sizeof(int32_t));
    t->lo = sr_arena_alloc(arena, m * sizeof(int32_t));
    t->hi = sr_arena_alloc(arena, m * sizeof(int32_t));
    t->depth = sr_arena_alloc(arena, m * sizeof(int32_t));
    int32_t *state = sr_arena_calloc(arena, m, sizeof(int32_t));
    if (!t->head || !t->rel || !t->kid_start || !t->kid || !t->lo || !t->hi ||
        !t->depth || !state)
        return -1;
    for (int32_t i = 0; i < n; i++) {
        int h = toks[i].head;
        t->rel[i] = toks[i].deprel < SR_DEP_COUNT ? toks[i].deprel : SR_DEP_DEP;
        if (h >= 1 && h <= n && h - 1 != i) {
            t->head[i] = h - 1;
        } else {
            if (h != 0) t->nfixed++;
            t->head[i] = -1;
            t->rel[i] = SR_DEP_ROOT;
        }
    }
    S_break_cycles(t, state);
    S_derive(t, state); /* state is reused as scratch */
    return 0;
}

int sr_dtree_refresh(sr_dtree *t, sr_arena *arena) {
    if (!t || t->n <= 0) return 0;
    int32_t *state = sr_arena_calloc(arena, (size_t)t->n + 1, sizeof(int32_t));
    if (!state) return -1;
    for (int32_t i = 0; i < t->n; i++)
        if (t->head[i] < -1 || t->head[i] >= t->n || t->head[i] == i) {
            t->head[i] = -1;
            t->rel[i] = SR_DEP_ROOT;
        }
    S_break_cycles(t, state);
    memset(t->kid_start, 0, ((size_t)t->n + 2) * sizeof(int32_t));
    S_derive(t, state);
    return 0;
}

int32_t sr_dtree_find_kid(const sr_dtree *t, int32_t i, unsigned rel) {
    if (i < 0 || i >= t->n) return -1;
    for (int32_t k = t->kid_start[i]; k < t->kid_start[i + 1]; k++)
        if (t->rel[t->kid[k]] == rel) return t->kid[k];
    return -1;
}

int sr_dtree_dominates(const sr_dtree *t, int32_t a, int32_t d) {
    for (int32_t steps = 0; d >= 0 && steps <= t->n; steps++) {
        if (d == a) return 1;
        d = t->head[d];
    }
    return 0;
}

int sr_dep_is_clausal(unsigned rel) {
    switch (rel) {
    case SR_DEP_CCOMP: case SR_DEP_XCOMP: case SR_DEP_ADVCL:
    case SR_DEP_ADVCL_RELCL: case SR_DEP_ACL: case SR_DEP_ACL_RELCL:
    case SR_DEP_PARATAXIS: case SR_DEP_CSUBJ: case SR_DEP_CSUBJ_PASS:
    case SR_DEP_CSUBJ_OUTER:
        return 1;
    default:
        return 0;
    }
}

int sr_dep_is_subject(unsigned rel) {
    return rel == SR_DEP_NSUBJ || rel == SR_DEP_NSUBJ_PASS || rel == SR_DEP_NSUBJ_OUTER;
}

static int S_ieq(const char *p, size_t n, const char *s) {
    size_t i = 0;
    for (; i < n && s[i]; i++) {
        char a = p[i], b = s[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a != b) return 0;
    }
    return i == n && s[i] == 0;
}

int sr_tok_is(const sr_token *tk, const char *s) {
    return tk->form && S_ieq(tk->form, tk->form_len, s);
}

int sr_lemma_is(const sr_token *tk, const char *s) {
    if (tk->lemma && tk->lemma[0]) return S_ieq(tk->lemma, strlen(tk->lemma), s);
    return sr_tok_is(tk, s);
}

int32_t sr_dtree_pp_appos_subject(const sr_dtree *t, int32_t v) {
    if (!t || v < 2 || v >= t->n || t->tok[v].upos != SR_UPOS_VERB) return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        unsigned r = t->rel[c];
        if (sr_dep_is_subject(r) || r == SR_DEP_CSUBJ || r == SR_DEP_CSUBJ_PASS ||
            r == SR_DEP_EXPL)
            return -1;
    }
    for (int32_t k = 0; k < sr_dtree_nkids(t, v); k++) {
        int32_t c = sr_dtree_kid(t, v, k);
        if (c >= v) break;
        if (t->rel[c] != SR_DEP_OBL || t->hi[c] != v - 1) continue;
        /* a preposition opening the phrase: "In X", "At X" */
        int32_t cs = sr_dtree_find_kid(t, c, SR_DEP_CASE);
        if (cs < 0 || cs != t->lo[c] || cs > c) continue;
        /* the outermost apposition inside the phrase that ends right
         * before the verb and follows a comma after the phrase's head */
        int32_t a = -1;
        for (int32_t i = c + 1; i < v; i++)
            if (t->rel[i] == SR_DEP_APPOS && t->hi[i] == v - 1 && sr_dtree_dominates(t, c, i) &&
                (a < 0 || t->depth[i] < t->depth[a]))
                a = i;
        if (a < 0) continue;
        /* the comma before the apposition (the parser may hang it on
         * the apposition itself) */
        int32_t cm = t->lo[a];
        if (!sr_tok_is(&t->tok[cm], ",")) cm--;
        if (cm <= c || !sr_tok_is(&t->tok[cm], ",")) continue;
        unsigned up = t->tok[a].upos;
        if (up != SR_UPOS_PROPN && up != SR_UPOS_NOUN) continue;
        return a;
    }
    return -1;
}

int32_t sr_dtree_desc_relcl(const sr_dtree *t, int32_t h) {
    static const char *const SAY[] = {"say", "report", "state", "announce", "claim", "add", NULL};
    if (!t || h < 1 || h + 2 >= t->n || t->tok[h].upos != SR_UPOS_NOUN) return -1;
    /* the comma before the phrase (the parser may hang it on the noun) */
    int32_t cm = t->lo[h];
    if (!sr_tok_is(&t->tok[cm], ",")) cm--;
    if (cm < 1 || !sr_tok_is(&t->tok[cm], ",")) return -1;
    for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
        int32_t v = sr_dtree_kid(t, h, k);
        if (v <= h + 1 || t->rel[v] != SR_DEP_ACL_RELCL || t->tok[v].upos != SR_UPOS_VERB) continue;
        int say = 0;
        for (int i = 0; SAY[i] && !say; i++) say = sr_lemma_is(&t->tok[v], SAY[i]);
        if (!say) continue;
        int32_t s = -1, bad = 0;
        for (int32_t j = 0; j < sr_dtree_nkids(t, v); j++) {
            int32_t c = sr_dtree_kid(t, v, j);
            unsigned r = t->rel[c];
            if (r == SR_DEP_NSUBJ && s < 0) s = c;
            else if (sr_dep_is_subject(r) || r == SR_DEP_OBJ || r == SR_DEP_IOBJ ||
                     r == SR_DEP_CCOMP || r == SR_DEP_XCOMP || r == SR_DEP_MARK)
                bad = 1;
        }
        if (bad || s < 0 || t->tok[s].upos != SR_UPOS_PROPN) continue;
        if (t->lo[s] != h + 1 || t->hi[s] != v - 1) continue;
        return v;
    }
    return -1;
}
