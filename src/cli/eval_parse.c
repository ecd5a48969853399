/* eval_parse.c - `sitrep eval parse GOLD.conllu`: UPOS, XPOS, lemma, UAS
 * and LAS in two settings, as in the CoNLL 2018 shared task evaluation:
 *   gold: the gold words are re-tagged and re-parsed;
 *   raw:  each document's text (rebuilt from its `# text` lines) goes
 *         through the text layer (sitrep_article_new) first; system words
 *         align with gold words whose character span is identical; a head
 *         counts when the heads' spans align too; scores are F1 over
 *         aligned words. LAS compares the universal part of DEPREL (as the
 *         CoNLL 2018 script does); LAS_full compares whole labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include "cli.h"
#include "parse/conllu.h"
#include "parse/ud.h"
#include "text/article.h"

int cmd_eval_parse(int argc, char **argv);

typedef struct {
    size_t gold, sys, aligned, upos, xpos, lemma, uas, las, lasf;
} S_counts;

typedef struct {
    const sitrep_model *m;
    S_counts g, r;
    int do_raw;
    sitrep_error err;
    int failed;
    size_t sents, raw_sents;
} S_ctx;

static unsigned S_base(unsigned d) {
    const char *n = sr_deprel_name(d);
    const char *c = strchr(n, ':');
    return c ? sr_deprel_from_name(n, (size_t)(c - n)) : d;
}

static int S_lemma_eq(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

/* Gold annotation saved before re-analysis. */
typedef struct {
    uint8_t upos, deprel;
    uint16_t xpos;
    int16_t head;
    const char *lemma;
    uint32_t start, end;
    size_t sent_first; /* index of the sentence's first token */
} S_gold;

static int S_doc(void *vctx, sr_conllu_doc *doc) {
    S_ctx *c = vctx;
    sitrep_article *a = doc->article;
    size_t n = a->ntokens;
    S_gold *g = calloc(n ? n : 1, sizeof *g);
    if (!g) { c->failed = 1; sitrep_article_free(a); return 1; }
    for (size_t si = 0; si < a->nsents; si++) {
        const sr_sentence *s = &a->sents[si];
        for (size_t j = 0; j < s->ntok; j++) {
            const sr_token *t = &a->tokens[s->first + j];
            S_gold *x = &g[s->first + j];
            x->upos = t->upos; x->xpos = t->xpos; x->deprel = t->deprel; x->head = t->head;
            x->lemma = t->lemma; x->start = t->start; x->end = t->end; x->sent_first = s->first;
        }
    }
    /* Words of a multiword token share its span; when their forms spell
     * it ("don't" = "do" + "n't") give each its own piece, which is how
     * the text layer splits contractions. */
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && g[j].start == g[i].start && g[j].end == g[i].end) j++;
        if (j - i > 1) {
            size_t tot = 0;
            int ok = 1;
            for (size_t k = i; k < j; k++) tot += a->tokens[k].form_len;
            if (tot != g[i].end - g[i].start) ok = 0;
            uint32_t p = g[i].start;
            for (size_t k = i; k < j && ok; k++) {
                if (memcmp(a->text + p, a->tokens[k].form, a->tokens[k].form_len) != 0) ok = 0;
                p += a->tokens[k].form_len;
            }
            if (ok) {
                p = g[i].start;
                for (size_t k = i; k < j; k++) {
                    g[k].start = p;
                    p += a->tokens[k].form_len;
                    g[k].end = p;
                }
            }
        }
        i = j;
    }
    c->sents += a->nsents;
    /* gold tokens */
    if (sitrep_article_analyze(a, c->m, &c->err)) { c->failed = 1; free(g); sitrep_article_free(a); return 1; }
    for (size_t i = 0; i < n; i++) {
        const sr_token *t = &a->tokens[i];
        const S_gold *x = &g[i];
        c->g.gold++; c->g.sys++; c->g.aligned++;
        c->g.upos += t->upos == x->upos;
        c->g.xpos += t->xpos == x->xpos;
        c->g.lemma += S_lemma_eq(t->lemma, x->lemma);
        if (t->head == x->head) {
            c->g.uas++;
            c->g.las += S_base(t->deprel) == S_base(x->deprel);
            c->g.lasf += t->deprel == x->deprel;
        }
    }
    if (c->do_raw) {
        sitrep_article *r = sitrep_article_new(NULL, a->text, a->len, &c->err);
        if (!r) { c->failed = 1; free(g); sitrep_article_free(a); return 1; }
        if (sitrep_article_analyze(r, c->m, &c->err)) {
            c->failed = 1; free(g); sitrep_article_free(r); sitrep_article_free(a); return 1;
        }
        c->raw_sents += r->nsents;
        /* align: both token lists are in text order; gold MWT words share a
         * span, only the first of them can align */
        size_t m = r->ntokens;
        long *g2s = malloc((n ? n : 1) * sizeof *g2s), *s2g = malloc((m ? m : 1) * sizeof *s2g);
        size_t *sfirst = calloc(m ? m : 1, sizeof *sfirst);
        if (!g2s || !s2g || !sfirst) {
            free(g2s); free(s2g); free(sfirst); free(g);
            sitrep_article_free(r); sitrep_article_free(a); c->failed = 1; return 1;
        }
        for (size_t si = 0; si < r->nsents; si++)
            for (size_t j = 0; j < r->sents[si].ntok; j++) sfirst[r->sents[si].first + j] = r->sents[si].first;
        for (size_t i = 0; i < n; i++) g2s[i] = -1;
        for (size_t k = 0; k < m; k++) s2g[k] = -1;
        size_t i = 0, k = 0;
        while (i < n && k < m) {
            uint32_t gs = g[i].start, ge = g[i].end, ss = r->tokens[k].start, se = r->tokens[k].end;
            if (gs == ss && ge == se) {
                g2s[i] = (long)k; s2g[k] = (long)i; i++; k++;
                while (i < n && g[i].start == gs && g[i].end == ge) i++; /* rest of a MWT */
            } else if (gs < ss || (gs == ss && ge < se)) i++;
            else k++;
        }
        c->r.gold += n;
        c->r.sys += m;
        for (k = 0; k < m; k++) {
            if (s2g[k] < 0) continue;
            const sr_token *t = &r->tokens[k];
            const S_gold *x = &g[s2g[k]];
            c->r.aligned++;
            c->r.upos += t->upos == x->upos;
            c->r.xpos += t->xpos == x->xpos;
            c->r.lemma += S_lemma_eq(t->lemma, x->lemma);
            int ok;
            if (t->head == 0 || x->head == 0) ok = t->head == 0 && x->head == 0;
            else if (t->head < 0 || x->head < 0) ok = 0;
            else {
                long sh = (long)(sfirst[k] + (size_t)t->head - 1);
                long gh = (long)(x->sent_first + (size_t)x->head - 1);
                ok = sh >= 0 && sh < (long)m && s2g[sh] == gh;
            }
            if (ok) {
                c->r.uas++;
                c->r.las += S_base(t->deprel) == S_base(x->deprel);
                c->r.lasf += t->deprel == x->deprel;
            }
        }
        free(g2s); free(s2g); free(sfirst);
        sitrep_article_free(r);
    }
    free(g);
    sitrep_article_free(a);
    return 0;
}

static double S_f1(size_t correct, const S_counts *c) {
    if (!c->gold || !c->sys) return 0;
    double p = (double)correct / (double)c->sys, r = (double)correct / (double)c->gold;
    return p + r > 0 ? 100.0 * 2 * p * r / (p + r) : 0;
}

static void S_print(const char *name, const S_counts *c) {
    printf("%-5s words F1 %6.2f  UPOS %6.2f  XPOS %6.2f  Lemma %6.2f  UAS %6.2f  LAS %6.2f  (LAS full labels %6.2f)\n",
           name, S_f1(c->aligned, c), S_f1(c->upos, c), S_f1(c->xpos, c), S_f1(c->lemma, c), S_f1(c->uas, c),
           S_f1(c->las, c), S_f1(c->lasf, c));
}

static void S_json(const char *name, const S_counts *c) {
    printf("\"%s\":{\"words\":%.2f,\"upos\":%.2f,\"xpos\":%.2f,\"lemma\":%.2f,\"uas\":%.2f,\"las\":%.2f,\"las_full\":%.2f}",
           name, S_f1(c->aligned, c), S_f1(c->upos, c), S_f1(c->xpos, c), S_f1(c->lemma, c), S_f1(c->uas, c),
           S_f1(c->las, c), S_f1(c->lasf, c));
}

int cmd_eval_parse(int argc, char **argv) {
    const char *gold = NULL, *model = NULL;
    int do_raw = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: sitrep eval parse GOLD.conllu [--model PATH] [--gold-only]\n\n"
                   "Scores UPOS, XPOS, lemma, UAS and LAS from gold tokens and from raw text\n"
                   "(documents rebuilt from `# text`, tokenized by sitrep, aligned by character\n"
                   "span as in the CoNLL 2018 shared task). The last line is JSON.\n");
            return EX_OK;
        }
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model = argv[++i];
        else if (!strcmp(argv[i], "--gold-only")) do_raw = 0;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "sitrep eval parse: unknown option '%s'\n", argv[i]);
            return EX_USAGE;
        } else if (!gold) gold = argv[i];
        else { fprintf(stderr, "sitrep eval parse: one GOLD file only\n"); return EX_USAGE; }
    }
    if (!gold) { fprintf(stderr, "usage: sitrep eval parse GOLD.conllu [--model PATH] [--gold-only]\n"); return EX_USAGE; }
    sitrep_error err = {0};
    sitrep_model *m = sitrep_model_load(model, &err);
    if (!m) return sr_cli_report(&err);
    /* a tagger-only model would leave the gold heads of the input in place
     * (UAS 100 from gold tokens, 0 from raw text): no figures at all */
    if (!sitrep_model_checksum(m, 1)) {
        fprintf(stderr, "sitrep eval parse: the model %s has no parser (en_ewt.parser beside the tagger); "
                        "UAS and LAS need one\n", model ? model : "(default)");
        sitrep_model_free(m);
        return EX_NOINPUT;
    }
    S_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.do_raw = do_raw;
    clock_t t0 = clock();
    sitrep_status st = sr_conllu_read_file(gold, 0, S_doc, &c, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    sitrep_model_free(m);
    if (st) return sr_cli_report(&err);
    if (c.failed) return sr_cli_report(&c.err);
    printf("%s: %zu gold sentences, %zu words; raw text split into %zu sentences (%.1f s)\n", gold, c.sents,
           c.g.gold, c.raw_sents, secs);
    S_print("gold", &c.g);
    if (do_raw) S_print("raw", &c.r);
    printf("{");
    S_json("gold", &c.g);
    if (do_raw) { printf(","); S_json("raw", &c.r); }
    printf("}\n");
    return EX_OK;
}
