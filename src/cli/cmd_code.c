/* cmd_code.c - `sitrep code`: read articles, code them, write events.
 *
 *   reader (files, dirs, stdin; text/JSONL/XML/CoNLL-U; gz/zst)
 *     -> pipeline (-j N coders, output in input order)
 *     -> writer (jsonl/csv/tsv/gdelt/plover) on stdout
 *
 * As a pure filter (stdin -> stdout, bounded memory) it runs under GNU
 * parallel; see docs/formats.md. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "dict/dict.h"
#include "io/reader.h"

static void S_help(FILE *out) {
    fprintf(out,
            "usage: sitrep code [OPTIONS] [INPUT...|-]\n"
            "\n"
            "Codes news articles into CAMEO/PLOVER events, written to stdout.\n"
            "INPUTs are files, directories (walked recursively, sorted) or '-' for\n"
            "stdin (the default). Plain text, JSON Lines, PETRARCH XML and CoNLL-U are\n"
            "detected, gzip/zstd decompressed (see docs/formats.md).\n"
            "\n"
            "Options:\n"
            "  -f, --format FMT       jsonl (default), csv, tsv, gdelt, plover\n"
            "                         (fields: docs/event-schema.md)\n"
            "  -o, --output FILE      write to FILE instead of stdout\n"
            "      --no-header        no header row for csv/tsv/gdelt (for chunked runs)\n"
            "  -d, --dict PATH        dictionary file or directory; repeatable. Replaces\n"
            "                         the default data/dict; '--dict +PATH' adds to it\n"
            "      --add-dict PATH    add a dictionary on top of the default set\n"
            "      --no-default-dict  do not load data/dict (only --dict +PATH/--add-dict)\n"
            "  -m, --model PATH       tagger/parser model (default: $SITREP_MODELS,\n"
            "                         ./models, or next to the executable)\n"
            "      --date YYYY-MM-DD  date for articles that have none\n"
            "      --source NAME      outlet name for articles that have none\n"
            "  -i, --input-format F   auto (default), text, jsonl, xml, conllu\n"
            "  -j, --jobs N           coding threads (default 1; alias --threads);\n"
            "                         the output order is the input order whatever N\n"
            "      --strict           stop at the first bad input record (exit 65)\n"
            "  -q, --quiet            do not print skipped records to stderr\n"
            "  -v, --verbose          print a summary line to stderr at the end\n"
            "      --count            only read the input: print the number of articles\n"
            "                         and of bad records (checks inputs; measures the reader)\n"
            "  -h, --help             this help\n"
            "\n"
            "Bad records are reported as FILE:LINE: message on stderr and skipped;\n"
            "everything else is still coded (exit 0). With --strict the run stops at\n"
            "the first one, after writing the events of every article before it.\n"
            "\n"
            "Example:\n"
            "  sitrep code --format csv news.jsonl.gz > events.csv\n"
            "  parallel --pipe -N 1000 -k sitrep code < big.jsonl > events.jsonl\n");
}

typedef struct S_sink_ctx {
    FILE *out;
    sitrep_output_format fmt;
    size_t articles, events;
    int write_failed;
} S_sink_ctx;

static int S_sink(void *ctx, const sitrep_article *a, const sitrep_events *ev) {
    S_sink_ctx *s = ctx;
    s->articles++;
    s->events += sitrep_events_count(ev);
    if (sitrep_write_article_events(s->out, s->fmt, a, ev) != SITREP_OK) {
        s->write_failed = 1;
        return SITREP_E_IO;
    }
    return 0;
}

typedef struct S_warn_ctx {
    int quiet;
    size_t shown;
} S_warn_ctx;

static void S_warn(void *ctx, const sitrep_error *e) {
    S_warn_ctx *w = ctx;
    if (w->quiet) return;
    char buf[1024];
    fprintf(stderr, "sitrep: %s\n", sitrep_error_format(e, buf, sizeof buf));
    w->shown++;
}

static int S_input_format(const char *s, sitrep_input_format *out) {
    static const struct { const char *n; sitrep_input_format f; } t[] = {
        {"auto", SITREP_IN_AUTO}, {"text", SITREP_IN_TEXT}, {"txt", SITREP_IN_TEXT},
        {"jsonl", SITREP_IN_JSONL}, {"json", SITREP_IN_JSONL}, {"xml", SITREP_IN_PETRXML},
        {"petrxml", SITREP_IN_PETRXML}, {"conllu", SITREP_IN_CONLLU}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(s, t[i].n) == 0) {
            *out = t[i].f;
            return 0;
        }
    return -1;
}

/* Loads one dictionary path; a malformed line is a warning, an unreadable
 * path an error. Returns 0 or a sysexits code. */
static int S_load_dict(sitrep_dict *d, const char *path, int quiet) {
    sitrep_error e;
    sitrep_status st = sitrep_dict_load(d, path, &e);
    if (st == SITREP_E_SYNTAX) {
        if (!quiet) {
            char buf[1024];
            fprintf(stderr, "sitrep: warning: %s\n", sitrep_error_format(&e, buf, sizeof buf));
        }
        return 0;
    }
    return st ? sr_cli_report(&e) : 0;
}

/* --count: reads raw records only (no tokenizing, no coding). */
static int S_count(char **paths, int n, const sitrep_reader_opts *ropts, int quiet) {
    sitrep_error err;
    sitrep_reader *r = sitrep_reader_open((const char *const *)paths, (size_t)n, ropts, &err);
    if (!r) return sr_cli_report(&err);
    size_t articles = 0, bytes = 0;
    int rc = EX_OK;
    for (;;) {
        sr_record rec;
        sitrep_article *a = NULL;
        int have = 0;
        sitrep_status st = sr_reader_next_any(r, &rec, &a, &have, &err);
        if (st) {
            if (ropts->strict) {
                rc = sr_cli_report(&err);
                break;
            }
            if (!quiet) sr_cli_report(&err);
            continue;
        }
        if (!have) break;
        articles++;
        if (a) {
            size_t len;
            sitrep_article_text(a, &len);
            bytes += len;
            sitrep_article_free(a);
        } else {
            bytes += rec.len;
        }
    }
    printf("%zu articles, %zu bad records, %zu text bytes\n", articles, sitrep_reader_skipped(r), bytes);
    sitrep_reader_close(r);
    return rc;
}

int cmd_code(int argc, char **argv) {
    enum { O_DATE = 256, O_SOURCE, O_STRICT, O_ADD_DICT, O_NO_HEADER, O_COUNT, O_NO_DEFAULT_DICT };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},  {"dict", required_argument, NULL, 'd'},
        {"add-dict", required_argument, NULL, O_ADD_DICT},
        {"model", required_argument, NULL, 'm'},   {"date", required_argument, NULL, O_DATE},
        {"source", required_argument, NULL, O_SOURCE},
        {"input-format", required_argument, NULL, 'i'},
        {"jobs", required_argument, NULL, 'j'},    {"threads", required_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'},
        {"no-default-dict", no_argument, NULL, O_NO_DEFAULT_DICT},    {"strict", no_argument, NULL, O_STRICT},
        {"no-header", no_argument, NULL, O_NO_HEADER}, {"count", no_argument, NULL, O_COUNT},
        {"quiet", no_argument, NULL, 'q'},         {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    sitrep_output_format fmt = SITREP_OUT_JSONL;
    sitrep_reader_opts ropts = {SITREP_IN_AUTO, NULL, NULL, 0};
    const char *model_path = NULL;
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    const char **adds = calloc((size_t)argc + 1, sizeof *adds);
    int ndicts = 0, nadds = 0, jobs = 1, quiet = 0, verbose = 0, header = 1, count = 0, rc = EX_OK;
    int default_dict = 1;
    const char *out_path = NULL;
    FILE *out = stdout;
    if (!dicts || !adds) {
        free(dicts);
        free(adds);
        fprintf(stderr, "sitrep: out of memory\n");
        return EX_OSERR;
    }
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "f:d:m:i:j:o:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': {
            int f = sitrep_output_format_from_name(optarg);
            if (f < 0) {
                fprintf(stderr, "sitrep code: unknown format '%s' (jsonl, csv, tsv, gdelt, plover)\n", optarg);
                rc = EX_USAGE;
                goto done;
            }
            fmt = (sitrep_output_format)f;
            break;
        }
        case 'd':
            if (optarg[0] == '+') adds[nadds++] = optarg + 1;
            else dicts[ndicts++] = optarg;
            break;
        case O_ADD_DICT: adds[nadds++] = optarg; break;
        case 'm': model_path = optarg; break;
        case O_DATE:
            if (!sr_cli_is_date(optarg)) {
                fprintf(stderr, "sitrep code: --date '%s': expected a calendar date YYYY-MM-DD\n", optarg);
                rc = EX_USAGE;
                goto done;
            }
            ropts.default_date = optarg;
            break;
        case O_SOURCE: ropts.default_source = optarg; break;
        case 'i':
            if (S_input_format(optarg, &ropts.format)) {
                fprintf(stderr, "sitrep code: unknown input format '%s' (auto, text, jsonl, xml, conllu)\n", optarg);
                rc = EX_USAGE;
                goto done;
            }
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "sitrep code: -j wants a number of threads from 1 to 256\n");
                rc = EX_USAGE;
                goto done;
            }
            jobs = (int)n;
            break;
        }
        case O_STRICT: ropts.strict = 1; break;
        case O_NO_HEADER: header = 0; break;
        case O_COUNT: count = 1; break;
        case O_NO_DEFAULT_DICT: default_dict = 0; break;
        case 'o': out_path = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case 'h':
            S_help(stdout);
            goto done;
        default:
            fprintf(stderr, "Try 'sitrep code --help'.\n");
            rc = EX_USAGE;
            goto done;
        }
    }

    if (count) {
        rc = S_count(argv + optind, argc - optind, &ropts, quiet);
        goto done;
    }

    /* dictionaries: the default set unless --dict replaced it */
    sitrep_dict *dict = sitrep_dict_new();
    sitrep_model *model = NULL;
    sitrep_reader *reader = NULL;
    sitrep_error err;
    if (!dict) {
        fprintf(stderr, "sitrep: out of memory\n");
        rc = EX_OSERR;
        goto done;
    }
    if (ndicts == 0 && default_dict) {
        char path[PATH_MAX];
        if (sr_data_path("dict", path, sizeof path) != 0) {
            fprintf(stderr, "sitrep code: no default dictionaries found (looked for %s; set $SITREP_DATA or use --dict)\n",
                    path);
            rc = EX_NOINPUT;
            goto cleanup;
        }
        if ((rc = S_load_dict(dict, path, quiet))) goto cleanup;
    }
    for (int i = 0; i < ndicts; i++)
        if ((rc = S_load_dict(dict, dicts[i], quiet))) goto cleanup;
    for (int i = 0; i < nadds; i++)
        if ((rc = S_load_dict(dict, adds[i], quiet))) goto cleanup;

    /* The model: an explicit --model must load; a missing default model
     * only matters once an article needs parsing (CoNLL-U input is
     * already parsed), so that error is reported then. */
    sitrep_error model_err;
    memset(&model_err, 0, sizeof model_err);
    model = sitrep_model_load(model_path, &model_err);
    if (!model && model_path) {
        rc = sr_cli_report(&model_err);
        goto cleanup;
    }

    reader = sitrep_reader_open((const char *const *)argv + optind, (size_t)(argc - optind), &ropts, &err);
    if (!reader) {
        rc = sr_cli_report(&err);
        goto cleanup;
    }
    S_warn_ctx wctx = {quiet, 0};
    sitrep_reader_on_error(reader, S_warn, &wctx);

    if (out_path && strcmp(out_path, "-") != 0 && !(out = fopen(out_path, "w"))) {
        fprintf(stderr, "sitrep code: %s: cannot create: %s\n", out_path, strerror(errno));
        out = stdout;
        rc = EX_CANTCREAT;
        goto cleanup;
    }
    static char obuf[1 << 16];
    setvbuf(out, obuf, _IOFBF, sizeof obuf);
    S_sink_ctx sctx = {out, fmt, 0, 0, 0};
    if (header && sitrep_write_header(out, fmt) != SITREP_OK) sctx.write_failed = 1;
    sitrep_status st = sctx.write_failed ? SITREP_E_IO
                                         : sitrep_pipeline_run(reader, model, dict, jobs, S_sink, &sctx, &err);
    if (fflush(out) != 0 || ferror(out)) sctx.write_failed = 1;
    if (sctx.write_failed) {
        fprintf(stderr, "sitrep code: error writing the output\n");
        rc = EX_IOERR;
    } else if (st) {
        rc = sr_cli_report(&err);
        if (!model && strstr(err.msg, "no model")) {
            char buf[1024];
            fprintf(stderr, "sitrep: %s\n", sitrep_error_format(&model_err, buf, sizeof buf));
        }
    }
    size_t skipped = sitrep_reader_skipped(reader);
    /* An empty directory or file gives no output and exit 0 (a filter on
     * an empty chunk is not an error), but a named input that held no
     * article at all is usually a wrong path: say so. */
    if (rc == EX_OK && !quiet && sctx.articles == 0 && skipped == 0 && optind < argc &&
        !(argc - optind == 1 && strcmp(argv[optind], "-") == 0))
        fprintf(stderr, "sitrep code: note: no articles found in the input given\n");
    if (skipped && !quiet && !ropts.strict)
        fprintf(stderr, "sitrep code: %zu bad record%s skipped\n", skipped, skipped == 1 ? "" : "s");
    if (verbose)
        fprintf(stderr, "sitrep code: %zu articles, %zu events, %zu skipped\n", sctx.articles, sctx.events,
                skipped);
cleanup:
    if (out != stdout && fclose(out) != 0 && rc == EX_OK) {
        fprintf(stderr, "sitrep code: error writing %s\n", out_path);
        rc = EX_IOERR;
    }
    sitrep_reader_close(reader);
    sitrep_model_free(model);
    sitrep_dict_free(dict);
done:
    free(dicts);
    free(adds);
    return rc;
}
