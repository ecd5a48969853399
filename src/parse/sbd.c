/* sbd.c - learned sentence-boundary refinement (see sbd.h). */
#include "parse/sbd.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "text/sentences.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

#define NKEY 20

static inline uint64_t K1(uint64_t t, uint64_t a) { return sr_fkey(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a)); }
static inline uint64_t K2(uint64_t t, uint64_t a, uint64_t b) {
    return sr_fkey(sr_hash_mix(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a), b));
}
static inline uint64_t K3(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
    return sr_fkey(sr_hash_mix(sr_hash_mix(sr_hash_mix(t * UINT64_C(0x9E3779B97F4A7C15), a), b), c));
}

/* Word shape hash: X upper, x lower, d digit, other ASCII bytes as they
 * are, non-ASCII as 'u'; runs collapsed, at most 6 symbols. */
static uint64_t S_shape(const sr_token *t) {
    char sh[8] = {0};
    size_t n = 0;
    char last = 0;
    for (uint32_t i = 0; i < t->form_len && n < 6; i++) {
        unsigned char c = (unsigned char)t->form[i];
        char k = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd' : c >= 0x80 ? 'u' : (char)c;
        if (k == 'u' && (c & 0xC0) == 0x80) continue; /* continuation byte */
        if (k != last) sh[n++] = k;
        last = k;
    }
    return sr_hash_bytes(SR_HASH_SEED, sh, n);
}

/* 1 lowercase, 2 uppercase, 3 digit, 0 other (ASCII first byte). */
static int S_case(const sr_token *t) {
    if (!t->form_len) return 0;
    unsigned char c = (unsigned char)t->form[0];
    if (c >= 'a' && c <= 'z') return 1;
    if (c >= 'A' && c <= 'Z') return 2;
    if (c >= '0' && c <= '9') return 3;
    return 0;
}

static int S_term(const sr_token *t) {
    if (!t->form_len) return 0;
    for (uint32_t i = 0; i < t->form_len; i++)
        if (t->form[i] != '.' && t->form[i] != '!' && t->form[i] != '?') return 0;
    return 1;
}

static uint64_t S_bucket(size_t d) { return d < 4 ? d : d < 6 ? 4 : d < 10 ? 5 : d < 20 ? 6 : 7; }

/* Is the gap after token i (inside a sentence ending at token `last`) a
 * candidate? Cheap filter: the classifier is only asked after ". ! ?"
 * and other punctuation, or before a capitalized word, a digit or
 * punctuation. */
static int S_candidate(const sitrep_article *a, size_t i) {
    const sr_token *t = &a->tokens[i], *nx = &a->tokens[i + 1];
    if (nx->flags & (SR_TOK_MWT_CONT | SR_TOK_URL)) return 0;
    /* "CEBU CITY: -- ...", "URL: https://...": never after a colon (news
     * datelines and header lines) */
    if (t->form_len == 1 && t->form[0] == ':') return 0;
    if (!(t->flags & SR_TOK_SPACE_AFTER) && !S_term(t)) return 0;
    int c0 = S_case(t), c1 = S_case(nx);
    if (S_term(t)) return 1;
    if (c1 == 2 || c1 == 3) return 1;
    if (c0 == 0 && t->form_len && (unsigned char)t->form[0] < 0x80) return 1;
    return 0;
}

/* Features of the gap after token i of the sentence [first, last]. */
static size_t S_feats(const sitrep_article *a, size_t i, size_t first, size_t last, uint64_t *k) {
    const sr_token *tk = a->tokens;
    size_t n = a->ntokens;
    uint64_t w0 = sr_word_hash(tk[i].form, tk[i].form_len), w1 = sr_word_hash(tk[i + 1].form, tk[i + 1].form_len);
    uint64_t wm = i > 0 ? sr_word_hash(tk[i - 1].form, tk[i - 1].form_len) : 1;
    uint64_t w2 = i + 2 < n ? sr_word_hash(tk[i + 2].form, tk[i + 2].form_len) : 2;
    uint64_t s0 = S_shape(&tk[i]), s1 = S_shape(&tk[i + 1]);
    uint64_t sm = i > 0 ? S_shape(&tk[i - 1]) : 1, s2 = i + 2 < n ? S_shape(&tk[i + 2]) : 2;
    uint64_t db = S_bucket(i + 1 - first), rb = S_bucket(last - i);
    uint64_t ab = (tk[i].flags & SR_TOK_ABBR) ? 1 + (uint64_t)sr_text_abbrev_kind(tk[i].form, tk[i].form_len) : 0;
    uint64_t sp = (tk[i].flags & SR_TOK_SPACE_AFTER) ? 1 : 0;
    size_t j = 0;
    k[j++] = K1(1, 0);
    k[j++] = K1(2, w0);
    k[j++] = K1(3, w1);
    k[j++] = K1(4, wm);
    k[j++] = K1(5, w2);
    k[j++] = K2(6, w0, w1);
    k[j++] = K1(7, s0);
    k[j++] = K1(8, s1);
    k[j++] = K2(9, s0, s1);
    k[j++] = K3(10, sm, s0, s1);
    k[j++] = K3(11, s0, s1, s2);
    k[j++] = K2(12, w0, s1);
    k[j++] = K2(13, s0, w1);
    k[j++] = K2(14, db, rb);
    k[j++] = K3(15, db, s0, s1);
    k[j++] = K3(16, rb, s0, s1);
    k[j++] = K2(17, ab, s1);
    k[j++] = K2(18, sp, s1);
    k[j++] = K2(19, wm, w0);
    k[j++] = K2(20, w1, w2);
    return j;
}

int sr_sbd_from(sr_sbd *s, const sr_mfile *f) {
    size_t n;
    const unsigned char *m = sr_mfile_section(f, SR_SBD_META, &n);
    if (!m || n < 8) return -1;
    float scale;
    memcpy(&scale, m, 4);
    memcpy(&s->margin, m + 4, 4);
    if (!(scale > 0) || !isfinite(scale)) return -1;
    return sr_dtab_from(&s->w, f, SR_SBD_SLOTS, scale);
}

static int32_t S_margin(const sitrep_article *a, const sr_sbd *s, size_t i, size_t first, size_t last) {
    uint64_t keys[NKEY];
    size_t nk = S_feats(a, i, first, last, keys);
    int32_t sc[3] = {0, 0, 0};
    for (size_t k = 0; k < nk; k++) sr_dtab_score(&s->w, keys[k], sc);
    return sc[1] - sc[0];
}

/* Calls cut(i) for every token i after which a boundary is added. */
#define S_FOR_CUTS(a, s, BODY)                                                          \
    for (size_t si_ = 0; si_ < (a)->nsents; si_++) {                                    \
        const sr_sentence *se_ = &(a)->sents[si_];                                      \
        if (!(se_->flags & SR_SENT_RULE_SPLIT) || se_->ntok < 2) continue;              \
        size_t first_ = se_->first, last_ = se_->first + se_->ntok - 1;                  \
        for (size_t i = first_; i < last_; i++)                                         \
            if (S_candidate((a), i) && S_margin((a), (s), i, first_, last_) > (s)->margin) { BODY; } \
    }

size_t sr_sbd_count(const sitrep_article *a, const sr_sbd *s) {
    size_t n = 0;
    S_FOR_CUTS(a, s, n++);
    return n;
}

/* Refinement happens once: the flag is cleared afterwards (the margins
 * depend on the rule sentence's extent). */
static void S_clear_rule_flags(sitrep_article *a) {
    for (size_t i = 0; i < a->nsents; i++) a->sents[i].flags &= (uint16_t)~SR_SENT_RULE_SPLIT;
}

int sr_sbd_refine(sitrep_article *a, const sr_sbd *s) {
    size_t ncut = sr_sbd_count(a, s);
    if (!ncut) {
        S_clear_rule_flags(a);
        return 0;
    }
    sr_sentence *ns = sr_arena_alloc(&a->arena, (a->nsents + ncut) * sizeof *ns);
    if (!ns) return -1;
    size_t m = 0;
    sr_token *tk = a->tokens;
    for (size_t si = 0; si < a->nsents; si++) {
        const sr_sentence *se = &a->sents[si];
        size_t first = se->first, last = se->first + se->ntok - 1, start = first;
        if ((se->flags & SR_SENT_RULE_SPLIT) && se->ntok >= 2) {
            for (size_t i = first; i < last; i++) {
                if (!(S_candidate(a, i) && S_margin(a, s, i, first, last) > s->margin)) continue;
                sr_sentence *o = &ns[m++];
                o->start = tk[start].start;
                o->end = tk[i].end;
                o->first = (uint32_t)start;
                o->ntok = (uint32_t)(i + 1 - start);
                /* the first piece keeps the paragraph start; the last
                 * keeps headline/truncation */
                o->flags = (uint16_t)((start == first ? se->flags & SR_SENT_PARA_START : 0) | SR_SENT_RULE_SPLIT);
                start = i + 1;
            }
        }
        sr_sentence *o = &ns[m++];
        *o = *se;
        if (start != first) {
            o->start = tk[start].start;
            o->first = (uint32_t)start;
            o->ntok = (uint32_t)(last + 1 - start);
            o->flags = (uint16_t)(se->flags & ~SR_SENT_PARA_START);
        }
    }
    a->sents = ns;
    a->nsents = m;
    S_clear_rule_flags(a);
    return 0;
}

/* ------------------------------------------------------------- training */

typedef struct {
    uint64_t *keys; /* NKEY per instance (unused ones 0 -> skipped) */
    uint8_t *label, *nk;
    size_t n, cap;
    size_t gold, rule_tp, rule_sys; /* gold boundaries, rule boundaries matching gold, rule boundaries */
} S_data;

static int S_data_push(S_data *d, const uint64_t *k, size_t nk, int label) {
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 4096;
        uint64_t *k2 = realloc(d->keys, nc * NKEY * sizeof *k2);
        if (!k2) return -1;
        d->keys = k2;
        uint8_t *l2 = realloc(d->label, nc);
        if (!l2) return -1;
        d->label = l2;
        uint8_t *n2 = realloc(d->nk, nc);
        if (!n2) return -1;
        d->nk = n2;
        d->cap = nc;
    }
    memcpy(d->keys + d->n * NKEY, k, nk * sizeof *k);
    d->label[d->n] = (uint8_t)label;
    d->nk[d->n] = (uint8_t)nk;
    d->n++;
    return 0;
}

static void S_data_free(S_data *d) {
    free(d->keys);
    free(d->label);
    free(d->nk);
}

static int S_cmp_size(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* One paragraph: tokenizes and splits it by the rules, then adds one
 * instance per candidate gap inside a rule sentence. */
static int S_para(S_data *d, const sr_buf *text, size_t *ends, size_t nends) {
    if (!text->len || !ends || !nends) return 0;
    sitrep_error err;
    sitrep_article *a = sitrep_article_new(NULL, text->data, text->len, &err);
    if (!a) return -1;
    qsort(ends, nends, sizeof *ends, S_cmp_size);
    d->gold += nends;
    int rc = 0;
    for (size_t si = 0; si < a->nsents && !rc; si++) {
        const sr_sentence *se = &a->sents[si];
        d->rule_sys++;
        if (bsearch(&(size_t){se->end}, ends, nends, sizeof *ends, S_cmp_size)) d->rule_tp++;
        if (!(se->flags & SR_SENT_RULE_SPLIT) || se->ntok < 2) continue;
        size_t first = se->first, last = se->first + se->ntok - 1;
        for (size_t i = first; i < last && !rc; i++) {
            if (!S_candidate(a, i)) continue;
            uint64_t k[NKEY];
            size_t nk = S_feats(a, i, first, last, k);
            size_t e = a->tokens[i].end;
            int lab = bsearch(&e, ends, nends, sizeof *ends, S_cmp_size) != NULL;
            rc = S_data_push(d, k, nk, lab);
        }
    }
    sitrep_article_free(a);
    return rc;
}

/* Reads a CoNLL-U file's "# text" lines into paragraphs (as `sitrep eval
 * text` rebuilds them) and collects the instances. */
static sitrep_status S_read(const char *path, S_data *d, sitrep_error *err) {
    if (!path) return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "no CoNLL-U file given");
    FILE *f = fopen(path, "r");
    if (!f) return sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    sr_buf para = {0};
    size_t *ends = NULL, nends = 0, capends = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, f)) >= 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (!strncmp(line, "# newdoc", 8) || !strncmp(line, "# newpar", 8)) {
            rc = S_para(d, &para, ends, nends);
            sr_buf_clear(&para);
            nends = 0;
        } else if (!strncmp(line, "# text = ", 9)) {
            size_t l = (size_t)n - 9;
            while (l && (line[9 + l - 1] == ' ' || line[9 + l - 1] == '\t')) l--;
            if (para.len) sr_buf_putc(&para, ' ');
            sr_buf_append(&para, line + 9, l);
            if (nends == capends) {
                capends = capends ? capends * 2 : 64;
                size_t *e2 = realloc(ends, capends * sizeof *e2);
                if (!e2) { rc = -1; break; }
                ends = e2;
            }
            ends[nends++] = para.len;
        }
    }
    if (!rc) rc = S_para(d, &para, ends, nends);
    free(line);
    free(ends);
    sr_buf_free(&para);
    fclose(f);
    if (rc) return sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory (or text layer failure)");
    return SITREP_OK;
}

static float S_score(const sr_ptrain *t, const S_data *d, size_t i, int avg) {
    float sc[2] = {0, 0};
    if (avg) sr_ptrain_score_avg(t, d->keys + i * NKEY, d->nk[i], sc);
    else sr_ptrain_score(t, d->keys + i * NKEY, d->nk[i], sc);
    return sc[1] - sc[0];
}

/* Boundary counts when cuts with margin > m are added: tp, fp. */
static void S_counts(const float *mg, const S_data *d, float m, size_t *tp, size_t *fp) {
    *tp = *fp = 0;
    for (size_t i = 0; i < d->n; i++)
        if (mg[i] > m) (d->label[i] ? (*tp)++ : (*fp)++);
}

sitrep_status sr_sbd_train(const char *train_path, const char *dev_path, const sr_train_opts *o, sr_mbuild *mb,
                           sitrep_error *err) {
    S_data tr = {0}, dv = {0};
    sr_ptrain pt;
    size_t *order = NULL;
    float *mg = NULL;
    sitrep_status st = S_read(train_path, &tr, err);
    if (!st && dev_path) st = S_read(dev_path, &dv, err);
    if (st) goto out;
    if (sr_ptrain_init(&pt, 2)) { st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); goto out; }
    if (o->log)
        fprintf(o->log, "sentences: %zu candidate gaps in train (%zu boundaries), %zu in dev\n", tr.n,
                (size_t)0 + tr.gold - tr.rule_tp, dv.n);
    order = malloc((tr.n ? tr.n : 1) * sizeof *order);
    mg = malloc((dv.n ? dv.n : 1) * sizeof *mg);
    if (!order || !mg) { st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); goto done; }
    for (size_t i = 0; i < tr.n; i++) order[i] = i;
    uint64_t rng = o->seed * UINT64_C(6364136223846793005) + 1442695040888963407u;
    int epochs = o->epochs > 0 ? o->epochs : 8;
    for (int ep = 0; ep < epochs && !st; ep++) {
        for (size_t i = tr.n; i > 1; i--) { /* Fisher-Yates with a 64-bit LCG */
            rng = rng * UINT64_C(6364136223846793005) + 1442695040888963407u;
            size_t j = (size_t)((rng >> 33) % i);
            size_t x = order[i - 1];
            order[i - 1] = order[j];
            order[j] = x;
        }
        size_t err_n = 0;
        for (size_t r = 0; r < tr.n; r++) {
            size_t i = order[r];
            sr_ptrain_tick(&pt);
            float m = S_score(&pt, &tr, i, 0);
            int pred = m > 0, gold = tr.label[i];
            if (pred != gold) {
                err_n++;
                const uint64_t *k = tr.keys + i * NKEY;
                if (sr_ptrain_update(&pt, k, tr.nk[i], (uint32_t)gold, 1.0f) ||
                    sr_ptrain_update(&pt, k, tr.nk[i], (uint32_t)pred, -1.0f))
                    st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
            }
        }
        if (o->log && dv.n) {
            for (size_t i = 0; i < dv.n; i++) mg[i] = S_score(&pt, &dv, i, 1);
            size_t tp, fp;
            S_counts(mg, &dv, 0, &tp, &fp);
            fprintf(o->log, "epoch %d: train errors %zu/%zu; dev (margin 0): +%zu correct, +%zu wrong boundaries\n",
                    ep + 1, err_n, tr.n, tp, fp);
        }
    }
    if (st) goto done;
    /* margin: the best (correct - 1.5 x wrong) on dev, at least 0 (a
     * wrong split costs two sentences, a missed one fewer words) */
    float best_m = 0;
    if (dv.n) {
        for (size_t i = 0; i < dv.n; i++) mg[i] = S_score(&pt, &dv, i, 1);
        double best = -1e9;
        for (int q = 0; q <= 120; q++) {
            float m = (float)q * 0.25f;
            size_t tp, fp;
            S_counts(mg, &dv, m, &tp, &fp);
            double v = (double)tp - 1.5 * (double)fp;
            if (v > best) { best = v; best_m = m; }
        }
        size_t tp, fp;
        S_counts(mg, &dv, best_m, &tp, &fp);
        if (o->log) fprintf(o->log, "margin %.2f: dev +%zu correct, +%zu wrong boundaries\n", best_m, tp, fp);
    }
    unsigned save_min = sr_ptrain_min_count;
    sr_ptrain_min_count = 1;
    float scale = 0;
    int x = sr_ptrain_export_dense(&pt, mb, SR_SBD_SLOTS, &scale);
    sr_ptrain_min_count = save_min;
    if (x) { st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory"); goto done; }
    int32_t mq = (int32_t)floorf(best_m / scale);
    unsigned char meta[16] = {0};
    memcpy(meta, &scale, 4);
    memcpy(meta + 4, &mq, 4);
    if (sr_mbuild_add(mb, SR_SBD_META, meta, sizeof meta)) st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
done:
    sr_ptrain_free(&pt);
out:
    free(order);
    free(mg);
    S_data_free(&tr);
    S_data_free(&dv);
    return st;
}
