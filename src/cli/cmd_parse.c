/* cmd_parse.c - `sitrep parse [FILES|-]`: tokenize, tag, lemmatize and
 * dependency-parse text, writing CoNLL-U. With --input conllu the given
 * tokens (and sentences) are kept and re-annotated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include "cli.h"
#include "text_input.h"
#include "parse/conllu.h"
#include "text/article.h"
#include "util/buf.h"

typedef struct {
    const sitrep_model *m;
    FILE *out;
    sr_buf buf;
    size_t sents, tokens;
    sitrep_error err;
    int failed;
    int conllu, named; /* input format; name documents after their files */
    double tok_time;   /* seconds in sitrep_article_new */
} S_ctx;

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int S_emit(S_ctx *c, sitrep_article *a, const char *const *ids) {
    if (sitrep_article_analyze(a, c->m, &c->err)) { c->failed = 1; return 1; }
    c->sents += a->nsents;
    c->tokens += a->ntokens;
    sr_buf_clear(&c->buf);
    if (sr_conllu_write(&c->buf, a, ids)) { c->failed = 1; c->err.code = SITREP_E_NOMEM; snprintf(c->err.msg, sizeof c->err.msg, "out of memory"); return 1; }
    if (c->out && c->buf.len && fwrite(c->buf.data, 1, c->buf.len, c->out) != c->buf.len) {
        c->failed = 1;
        c->err.code = SITREP_E_IO;
        snprintf(c->err.msg, sizeof c->err.msg, "write error");
        return 1;
    }
    return 0;
}

static int S_conllu_doc(void *ctx, sr_conllu_doc *d) {
    S_ctx *c = ctx;
    int rc = S_emit(c, d->article, d->sent_ids);
    sitrep_article_free(d->article);
    return rc;
}

/* Per-input callback of sr_cli_text_walk: one article per plain-text
 * file, or every document of a CoNLL-U file. */
static int S_input(void *ctx, const char *name, const char *buf, size_t len) {
    S_ctx *c = ctx;
    if (c->conllu) {
        sitrep_status st = sr_conllu_read(buf, len, strcmp(name, "-") ? name : "<stdin>", 0, S_conllu_doc, c, &c->err);
        if (st) { c->failed = 1; return sr_cli_report(&c->err); }
        return c->failed ? sr_cli_report(&c->err) : 0;
    }
    double a0 = S_now();
    /* several files (or a directory): each is a document named after its
     * file, so sentence ids stay unique in the output */
    sitrep_article_info info = {0};
    info.id = c->named ? name : NULL;
    sitrep_article *a = sitrep_article_new(&info, buf, len, &c->err);
    c->tok_time += S_now() - a0;
    if (!a) { c->failed = 1; return sr_cli_report(&c->err); }
    S_emit(c, a, NULL);
    sitrep_article_free(a);
    return c->failed ? sr_cli_report(&c->err) : 0;
}

int cmd_parse(int argc, char **argv) {
    const char *model = NULL, *outp = NULL;
    int conllu = 0, stats = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files) return EX_OSERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: sitrep parse [OPTIONS] [FILE|DIR...|-]\n\n"
                   "Tokenizes, tags, lemmatizes and parses each file (plain UTF-8 text; one\n"
                   "article per file; directories are walked recursively in sorted order,\n"
                   "hidden entries skipped; stdin when none or '-') and writes CoNLL-U.\n\n"
                   "Options:\n"
                   "  -m, --model PATH        tagger/parser model file or directory (default:\n"
                   "                          $SITREP_MODELS, ./models or the repository's\n"
                   "                          models/; docs/parser.md); DIR/NAME.parser: that\n"
                   "                          parser with DIR's tagger (e.g. a --beam model;\n"
                   "                          a --supertagger one with DIR/en_ewt.stag)\n"
                   "  -i, --input-format F    text (default) or conllu: keep the input's tokens\n"
                   "                          and sentences and re-annotate them (alias --input)\n"
                   "  -o, --output FILE       write to FILE instead of stdout\n"
                   "      --stats             print sentences, tokens and speed to stderr\n"
                   "  -h, --help              this help\n");
            free(files);
            return EX_OK;
        }
        if ((!strcmp(a, "--model") || !strcmp(a, "-m")) && i + 1 < argc) model = argv[++i];
        else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) outp = argv[++i];
        else if ((!strcmp(a, "--input") || !strcmp(a, "--input-format") || !strcmp(a, "-i")) &&
                 i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(v, "conllu")) conllu = 1;
            else if (!strcmp(v, "text")) conllu = 0;
            else {
                fprintf(stderr, "sitrep parse: %s '%s': expected text or conllu\n", a, v);
                free(files);
                return EX_USAGE;
            }
        } else if (!strcmp(a, "--stats")) stats = 1;
        else if (a[0] == '-' && a[1]) {
            int valued = !strcmp(a, "--model") || !strcmp(a, "-m") || !strcmp(a, "-o") ||
                         !strcmp(a, "--output") || !strcmp(a, "--input") ||
                         !strcmp(a, "--input-format") || !strcmp(a, "-i");
            if (valued) fprintf(stderr, "sitrep parse: option '%s' needs a value\n", a);
            else fprintf(stderr, "sitrep parse: unknown option '%s' (see `sitrep parse --help`)\n", a);
            free(files);
            return EX_USAGE;
        } else files[nfiles++] = a;
    }
    if (!nfiles) files[nfiles++] = "-";
    sitrep_error err = {0};
    double t0 = S_now();
    sitrep_model *m = sitrep_model_load(model, &err);
    double t1 = S_now();
    if (!m) { free(files); return sr_cli_report(&err); }
    S_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.out = stdout;
    if (outp && !(c.out = fopen(outp, "w"))) {
        fprintf(stderr, "sitrep parse: cannot write %s\n", outp);
        sitrep_model_free(m);
        free(files);
        return EX_CANTCREAT;
    }
    c.conllu = conllu;
    c.named = nfiles > 1;
    struct stat st0;
    if (nfiles == 1 && strcmp(files[0], "-") != 0 && !stat(files[0], &st0) && S_ISDIR(st0.st_mode)) c.named = 1;
    /* files, directories (walked recursively in sorted order, hidden
     * entries skipped) and "-" for stdin, as `sitrep code` reads them */
    sr_cli_text_exclude(c.out ? c.out : stdout);
    int rc = sr_cli_text_walk((char **)(void *)files, (int)nfiles, S_input, &c);
    if (c.failed && rc == EX_OK) rc = sr_cli_report(&c.err);
    double t2 = S_now();
    if (stats) {
        double secs = t2 - t1;
        fprintf(stderr,
                "sitrep parse: model load %.3f s; %zu sentences, %zu tokens in %.3f s "
                "(tokenize %.3f s): %.0f sentences/s, %.0f tokens/s\n",
                t1 - t0, c.sents, c.tokens, secs, c.tok_time, secs > 0 ? (double)c.sents / secs : 0,
                secs > 0 ? (double)c.tokens / secs : 0);
    }
    if (c.out && c.out != stdout && fclose(c.out) != 0 && rc == EX_OK) rc = EX_IOERR;
    if (c.out == stdout && fflush(stdout) != 0 && rc == EX_OK) rc = EX_IOERR;
    sr_buf_free(&c.buf);
    sitrep_model_free(m);
    free(files);
    return rc;
}
