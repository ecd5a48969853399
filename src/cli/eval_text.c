/* eval_text.c - `sitrep eval text GOLD.conllu`: tokenization and sentence
 * segmentation scored like the CoNLL 2018 shared task. Each document's raw
 * text is rebuilt from the "# text" lines (sentences of a paragraph joined
 * with a space; paragraphs from "# newpar", documents from "# newdoc"),
 * each paragraph is tokenized and split on its own, and system and gold
 * spans are matched exactly. Tokens are SURFACE tokens: a multiword token
 * ("don't" = do + n't) counts once with its full span, so our clitic
 * pieces (SR_TOK_MWT_CONT) are merged back before scoring. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "text/article.h"
#include "util/buf.h"

typedef struct { size_t s, e; } S_span;
typedef struct { S_span *v; size_t n, cap; } S_spans;

static int S_push(S_spans *a, size_t s, size_t e) {
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        S_span *v = realloc(a->v, cap * sizeof *v);
        if (!v) return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = (S_span){s, e};
    return 0;
}

typedef struct {
    size_t gold, sys, match;
} S_count;

/* Both lists sorted by start; counts exact matches. */
static size_t S_match(const S_spans *g, size_t g0, const S_spans *s, size_t s0) {
    size_t i = g0, j = s0, m = 0;
    while (i < g->n && j < s->n) {
        if (g->v[i].s == s->v[j].s && g->v[i].e == s->v[j].e) m++, i++, j++;
        else if (g->v[i].s < s->v[j].s || (g->v[i].s == s->v[j].s && g->v[i].e < s->v[j].e)) i++;
        else j++;
    }
    return m;
}

typedef struct {
    sr_buf para;        /* paragraph text */
    S_spans gtok, gsent; /* gold spans in paragraph offsets */
    S_spans stok, ssent;
    S_count tok, sent;
    size_t paras, docs;
    int keep_hyphens, show_errors;
    sitrep_model *model; /* --model: refine sentences as sitrep parse does */
    size_t errors_shown;
    /* current sentence */
    int in_sent;
    size_t sent_base, pos, sent_first_tok;
    size_t mwt_end; /* last word id covered by the current multiword token */
} S_eval;

static void S_show_errors(S_eval *ev) {
    if (ev->errors_shown >= (size_t)ev->show_errors) return;
    /* Print gold tokens without an exact system match, with context. */
    size_t j = 0;
    for (size_t i = 0; i < ev->gtok.n && ev->errors_shown < (size_t)ev->show_errors; i++) {
        S_span g = ev->gtok.v[i];
        while (j < ev->stok.n && ev->stok.v[j].e <= g.s) j++;
        int ok = 0;
        for (size_t k = j; k < ev->stok.n && ev->stok.v[k].s <= g.s; k++)
            if (ev->stok.v[k].s == g.s && ev->stok.v[k].e == g.e) ok = 1;
        if (ok) continue;
        ev->errors_shown++;
        size_t cs = g.s > 30 ? g.s - 30 : 0, ce = g.e + 30 < ev->para.len ? g.e + 30 : ev->para.len;
        fprintf(stderr, "gold [%.*s] sys:", (int)(g.e - g.s), ev->para.data + g.s);
        for (size_t k = j; k < ev->stok.n && ev->stok.v[k].s < g.e; k++)
            fprintf(stderr, " [%.*s]", (int)(ev->stok.v[k].e - ev->stok.v[k].s), ev->para.data + ev->stok.v[k].s);
        fprintf(stderr, "   ...%.*s...\n", (int)(ce - cs), ev->para.data + cs);
    }
}

static int S_flush_para(S_eval *ev) {
    if (!ev->para.len && !ev->gtok.n) return 0;
    sitrep_text_opts o = {ev->keep_hyphens};
    sitrep_error err;
    sitrep_article *a = sitrep_article_new_opts(NULL, ev->para.data ? ev->para.data : "", ev->para.len, &o, &err);
    if (!a) return sr_cli_report(&err);
    /* with --model: the sentences after the model's sentence-boundary
     * refinement (sitrep_article_analyze), as `sitrep parse` uses them */
    if (ev->model && sitrep_article_analyze(a, ev->model, &err)) {
        sitrep_article_free(a);
        return sr_cli_report(&err);
    }
    ev->stok.n = ev->ssent.n = 0;
    for (size_t i = 0; i < a->ntokens; i++) {
        const sr_token *t = &a->tokens[i];
        if ((t->flags & SR_TOK_MWT_CONT) && ev->stok.n && ev->stok.v[ev->stok.n - 1].e == t->start) {
            ev->stok.v[ev->stok.n - 1].e = t->end;
            continue;
        }
        if (S_push(&ev->stok, t->start, t->end)) return EX_OSERR;
    }
    /* A recognised dateline is metadata, not dropped text: score it as
     * one extra sentence so the comparison stays fair. */
    for (size_t i = 0; i < a->nsents; i++)
        if (S_push(&ev->ssent, a->sents[i].start, a->sents[i].end)) return EX_OSERR;
    sitrep_article_free(a);
    ev->tok.gold += ev->gtok.n;
    ev->tok.sys += ev->stok.n;
    ev->tok.match += S_match(&ev->gtok, 0, &ev->stok, 0);
    ev->sent.gold += ev->gsent.n;
    ev->sent.sys += ev->ssent.n;
    ev->sent.match += S_match(&ev->gsent, 0, &ev->ssent, 0);
    if (ev->show_errors) S_show_errors(ev);
    ev->paras++;
    sr_buf_clear(&ev->para);
    ev->gtok.n = ev->gsent.n = 0;
    return 0;
}

/* Adds the gold token `form` at the current position of the sentence text. */
static void S_gold_token(S_eval *ev, const char *form, size_t fl) {
    const char *p = ev->para.data;
    size_t end = ev->para.len, i = ev->pos;
    while (i < end && (p[i] == ' ' || p[i] == '\t')) i++;
    size_t s = i;
    /* Consume as many non-space bytes as the form has. */
    size_t need = 0;
    for (size_t k = 0; k < fl; k++) need += form[k] != ' ';
    while (i < end && need) {
        if (p[i] != ' ') need--;
        i++;
    }
    ev->pos = i;
    S_push(&ev->gtok, s, i);
}

static void S_end_sentence(S_eval *ev) {
    if (!ev->in_sent) return;
    if (ev->gtok.n > ev->sent_first_tok)
        S_push(&ev->gsent, ev->gtok.v[ev->sent_first_tok].s, ev->gtok.v[ev->gtok.n - 1].e);
    ev->in_sent = 0;
}

static double S_f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

int cmd_eval_text(int argc, char **argv);
int cmd_eval_text(int argc, char **argv) {
    S_eval ev;
    memset(&ev, 0, sizeof ev);
    const char *path = NULL, *model = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: sitrep eval text [--keep-hyphens] [--errors N] [--model PATH] GOLD.conllu\n\n"
                   "Rebuilds raw text from the # text lines (one paragraph per # newpar,\n"
                   "sentences joined by a space), tokenizes and splits each paragraph, and\n"
                   "scores surface tokens and sentences by exact character spans (CoNLL 2018\n"
                   "style). --errors N prints N unmatched gold tokens to stderr.\n"
                   "--model PATH: sentences after the model's learned boundary refinement\n"
                   "(as `sitrep parse` splits; without it, the rule splitter alone).\n"
                   "The last output line is JSON.\n");
            return EX_OK;
        } else if (strcmp(argv[i], "--keep-hyphens") == 0) {
            ev.keep_hyphens = 1;
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            model = argv[++i];
        } else if (strcmp(argv[i], "--errors") == 0 && i + 1 < argc) {
            ev.show_errors = atoi(argv[++i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "sitrep eval text: unknown option '%s'\n", argv[i]);
            return EX_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "usage: sitrep eval text GOLD.conllu (see --help)\n");
        return EX_USAGE;
    }
    if (model) {
        sitrep_error merr;
        ev.model = sitrep_model_load(model, &merr);
        if (!ev.model) return sr_cli_report(&merr);
    }
    FILE *f = strcmp(path, "-") != 0 ? fopen(path, "r") : stdin;
    if (!f) {
        fprintf(stderr, "sitrep eval text: %s: cannot open: %s\n", path, strerror(errno));
        sitrep_model_free(ev.model);
        return EX_NOINPUT;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = EX_OK, have_text = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (strncmp(line, "# newdoc", 8) == 0) {
            S_end_sentence(&ev);
            if ((rc = S_flush_para(&ev))) break;
            ev.docs++;
        } else if (strncmp(line, "# newpar", 8) == 0) {
            S_end_sentence(&ev);
            if ((rc = S_flush_para(&ev))) break;
        } else if (strncmp(line, "# text = ", 9) == 0) {
            S_end_sentence(&ev);
            if (ev.para.len) sr_buf_putc(&ev.para, ' ');
            ev.sent_base = ev.para.len;
            sr_buf_append(&ev.para, line + 9, (size_t)n - 9);
            ev.pos = ev.sent_base;
            ev.in_sent = 1;
            ev.sent_first_tok = ev.gtok.n;
            ev.mwt_end = 0;
            have_text = 1;
        } else if (line[0] == '#') {
            continue;
        } else if (n == 0) {
            S_end_sentence(&ev);
        } else {
            if (!ev.in_sent) {
                fprintf(stderr, "sitrep: %s:%zu:1: token line outside a sentence with '# text = ...'\n", path,
                        lineno);
                rc = EX_DATAERR;
                break;
            }
            char *tab = strchr(line, '\t');
            if (!tab) {
                fprintf(stderr, "sitrep: %s:%zu:1: expected 10 tab-separated columns\n", path, lineno);
                rc = EX_DATAERR;
                break;
            }
            char *form = tab + 1, *t2 = strchr(form, '\t');
            size_t fl = t2 ? (size_t)(t2 - form) : strlen(form);
            char *dash = memchr(line, '-', (size_t)(tab - line));
            if (memchr(line, '.', (size_t)(tab - line))) continue; /* empty node */
            long id = strtol(line, NULL, 10);
            if (dash) {
                ev.mwt_end = (size_t)strtol(dash + 1, NULL, 10);
                S_gold_token(&ev, form, fl);
            } else if ((size_t)id > ev.mwt_end) {
                S_gold_token(&ev, form, fl);
            }
        }
    }
    free(line);
    if (f != stdin) fclose(f);
    if (!rc) {
        S_end_sentence(&ev);
        rc = S_flush_para(&ev);
    }
    if (!rc && !have_text) {
        fprintf(stderr, "sitrep: %s: no '# text = ' lines: cannot rebuild the raw text\n", path);
        rc = EX_DATAERR;
    }
    if (!rc) {
        double tp = ev.tok.sys ? (double)ev.tok.match / ev.tok.sys : 0,
               tr = ev.tok.gold ? (double)ev.tok.match / ev.tok.gold : 0;
        double sp = ev.sent.sys ? (double)ev.sent.match / ev.sent.sys : 0,
               sr = ev.sent.gold ? (double)ev.sent.match / ev.sent.gold : 0;
        printf("documents %zu, paragraphs %zu\n", ev.docs, ev.paras);
        printf("tokens:    gold %zu system %zu matched %zu  P %.2f R %.2f F1 %.2f\n", ev.tok.gold, ev.tok.sys,
               ev.tok.match, 100 * tp, 100 * tr, 100 * S_f1(tp, tr));
        printf("sentences: gold %zu system %zu matched %zu  P %.2f R %.2f F1 %.2f\n", ev.sent.gold,
               ev.sent.sys, ev.sent.match, 100 * sp, 100 * sr, 100 * S_f1(sp, sr));
        printf("{\"tokens\":{\"gold\":%zu,\"system\":%zu,\"matched\":%zu,\"precision\":%.4f,\"recall\":%.4f,"
               "\"f1\":%.4f},\"sentences\":{\"gold\":%zu,\"system\":%zu,\"matched\":%zu,\"precision\":%.4f,"
               "\"recall\":%.4f,\"f1\":%.4f}}\n",
               ev.tok.gold, ev.tok.sys, ev.tok.match, 100 * tp, 100 * tr, 100 * S_f1(tp, tr), ev.sent.gold,
               ev.sent.sys, ev.sent.match, 100 * sp, 100 * sr, 100 * S_f1(sp, sr));
    }
    sitrep_model_free(ev.model);
    sr_buf_free(&ev.para);
    free(ev.gtok.v);
    free(ev.gsent.v);
    free(ev.stok.v);
    free(ev.ssent.v);
    return rc;
}
