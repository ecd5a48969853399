/* cmd_ingest.c - `sitrep ingest`: read articles, code them on N worker
 * threads (sitrep_pipeline_run) and store articles, sentences, mentions
 * and linked events in an SQLite store. The calling thread is the single
 * writer: the pipeline hands it articles in input order, so the store is
 * the same whatever -j. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include "cli.h"
#include "progress.h"

/* Shared with `sitrep validate` (cmd_validate.c) and src/dict. */
sitrep_dict *sr_cli_load_dict(const char *const *paths, size_t n);
int sr_data_path(const char *sub, char *out, size_t cap);

static void S_help(FILE *out) {
    fputs("usage: sitrep ingest --db FILE [OPTIONS] INPUT...\n\n"
          "Codes articles into events and stores them in an SQLite store (created if\n"
          "missing): articles, sentences, actor and event mentions with their evidence,\n"
          "and linked events (mentions of the same source, target and CAMEO root\n"
          "within +-1 day become one event). INPUTs are files, directories (walked in\n"
          "sorted order) or - for stdin: plain text (optional Title:/Date:/Source:/\n"
          "URL:/Id: header, then a blank line), JSON Lines, PETRARCH XML or CoNLL-U,\n"
          "optionally .gz/.zst. Articles already in the store (same id or same\n"
          "content) are skipped, so re-running after a crash or on a grown input\n"
          "stores only what is new.\n\n"
          "Options:\n"
          "  --db FILE            the store (required)\n"
          "  -j, --jobs N         worker threads (default 1); output is identical for any N\n"
          "  --date YYYY-MM-DD    date for articles that carry none\n"
          "  --source NAME        outlet for articles that carry none (else the URL's\n"
          "                       host, else \"unknown\")\n"
          "  -i, --input-format F auto (default), text, jsonl, xml, conllu (as in\n"
          "                       `sitrep code`; --format is accepted as an alias)\n"
          "  --strict             stop at the first bad record (records before it are kept)\n"
          "  --window DAYS        linking window, 0..365 (default: the store's, initially 1)\n"
          "  --link-by KEY        root (default) or code: what must match to link\n"
          "  --batch N            articles per transaction (default 500)\n"
          "  -m, --model PATH     tagger/parser model (default: $SITREP_MODELS, ./models,\n"
          "                       or next to the executable)\n"
          "  -d, --dict PATH      dictionary file or directory (repeatable; default: the\n"
          "                       bundled data/dict)\n"
          "  -q, --quiet          no progress display and no summary\n"
          "  -h, --help           this help\n\n"
          "Changing --window or --link-by on an existing store relinks all its mentions.\n"
          "Bad records are reported as FILE:LINE: message and skipped (exit 0), or stop\n"
          "the run with --strict (exit 65). Ctrl-C commits what was coded and exits 130.\n\n"
          "Example: sitrep ingest --db sitrep.db --source Reuters -j 2 articles.jsonl\n",
          out);
}

static volatile sig_atomic_t S_interrupted;
static void S_on_signal(int sig) {
    (void)sig;
    S_interrupted = 1;
}

typedef struct {
    sitrep_store *store;
    sitrep_error *err;
    sr_progress *progress;
    size_t read, added, duplicates, sentences, mentions, new_events;
    size_t undated, no_outlet; /* among the new articles */
} S_ingest;

static int S_sink(void *ctx, const sitrep_article *a, const sitrep_events *ev) {
    S_ingest *x = ctx;
    if (S_interrupted) return SITREP_E_USAGE;
    sitrep_store_added r;
    sitrep_status st = sitrep_store_add(x->store, a, ev, &r, x->err);
    if (st) return st;
    x->read++;
    if (r.added) {
        x->added++;
        x->sentences += r.sentences;
        x->mentions += r.mentions;
        x->new_events += r.new_events;
        const char *d = sitrep_article_date(a), *o = sitrep_article_source(a);
        if (!d || !*d) x->undated++;
        if (!o || !*o || strcmp(o, "unknown") == 0) x->no_outlet++;
    } else {
        x->duplicates++;
    }
    sr_progress_update(x->progress, x->read, x->mentions);
    return SITREP_OK;
}

static void S_on_bad_record(void *ctx, const sitrep_error *err) {
    (void)ctx;
    char buf[1024];
    fprintf(stderr, "sitrep ingest: %s (record skipped)\n", sitrep_error_format(err, buf, sizeof buf));
}

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_ingest(int argc, char **argv) {
    enum { O_DB = 1000, O_DATE, O_SOURCE, O_FORMAT, O_STRICT, O_WINDOW, O_LINKBY, O_BATCH };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"jobs", required_argument, NULL, 'j'},
        {"date", required_argument, NULL, O_DATE},
        {"source", required_argument, NULL, O_SOURCE},
        {"input-format", required_argument, NULL, O_FORMAT},
        {"format", required_argument, NULL, O_FORMAT}, /* the old name */
        {"strict", no_argument, NULL, O_STRICT},
        {"window", required_argument, NULL, O_WINDOW},
        {"link-by", required_argument, NULL, O_LINKBY},
        {"batch", required_argument, NULL, O_BATCH},
        {"model", required_argument, NULL, 'm'},
        {"dict", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *model_path = NULL;
    const char *dicts[32];
    size_t ndicts = 0;
    sitrep_reader_opts ro;
    memset(&ro, 0, sizeof ro);
    int jobs = 1, quiet = 0, window = -1, linkby = -1, batch = 500, c;
    char *end;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":j:m:d:i:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case 'j':
            jobs = (int)strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 256) {
                fprintf(stderr, "sitrep ingest: -j '%s': expected a thread count 1..256\n", optarg);
                return EX_USAGE;
            }
            break;
        case O_DATE:
            if (!sr_cli_is_date(optarg)) {
                fprintf(stderr, "sitrep ingest: --date '%s': expected a calendar date YYYY-MM-DD\n", optarg);
                return EX_USAGE;
            }
            ro.default_date = optarg;
            break;
        case O_SOURCE:
            if (!*optarg) {
                fprintf(stderr, "sitrep ingest: --source: expected an outlet name\n");
                return EX_USAGE;
            }
            ro.default_source = optarg;
            break;
        case 'i':
        case O_FORMAT:
            if (strcmp(optarg, "auto") == 0) ro.format = SITREP_IN_AUTO;
            else if (strcmp(optarg, "text") == 0 || strcmp(optarg, "txt") == 0) ro.format = SITREP_IN_TEXT;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                ro.format = SITREP_IN_JSONL;
            else if (strcmp(optarg, "xml") == 0 || strcmp(optarg, "petrxml") == 0)
                ro.format = SITREP_IN_PETRXML;
            else if (strcmp(optarg, "conllu") == 0) ro.format = SITREP_IN_CONLLU;
            else {
                fprintf(stderr,
                        "sitrep ingest: --input-format '%s': expected auto, text, jsonl, xml or "
                        "conllu (the input's format; export events with `sitrep export --format`)\n",
                        optarg);
                return EX_USAGE;
            }
            break;
        case O_STRICT: ro.strict = 1; break;
        case O_WINDOW:
            window = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || window < 0 || window > 365) {
                fprintf(stderr, "sitrep ingest: --window '%s': expected days 0..365\n", optarg);
                return EX_USAGE;
            }
            break;
        case O_LINKBY:
            if (strcmp(optarg, "root") == 0) linkby = SITREP_LINK_ROOT;
            else if (strcmp(optarg, "code") == 0) linkby = SITREP_LINK_CODE;
            else {
                fprintf(stderr, "sitrep ingest: --link-by '%s': expected root or code\n", optarg);
                return EX_USAGE;
            }
            break;
        case O_BATCH:
            batch = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || batch < 1 || batch > 1000000) {
                fprintf(stderr, "sitrep ingest: --batch '%s': expected a count 1..1000000\n", optarg);
                return EX_USAGE;
            }
            break;
        case 'm': model_path = optarg; break;
        case 'd':
            if (sr_cli_add_dict("ingest", dicts, &ndicts, sizeof dicts / sizeof dicts[0], optarg)) return EX_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': S_help(stdout); return EX_OK;
        case ':':
            fprintf(stderr, "sitrep ingest: option '%s' needs a value\n", argv[optind - 1]);
            return EX_USAGE;
        default:
            fprintf(stderr, "sitrep ingest: unknown option '%s' (see `sitrep ingest --help`)\n",
                    argv[optind - 1]);
            return EX_USAGE;
        }
    }
    if (!db) {
        fprintf(stderr, "sitrep ingest: --db FILE is required (see `sitrep ingest --help`)\n");
        return EX_USAGE;
    }
    if (optind >= argc) {
        fprintf(stderr, "sitrep ingest: no INPUT given (files, directories, or - for stdin)\n");
        return EX_USAGE;
    }

    sitrep_error err;
    memset(&err, 0, sizeof err);
    /* Dictionaries and model first: fail before touching the store. */
    char dictdir[1024];
    if (ndicts == 0) {
        if (sr_data_path("dict", dictdir, sizeof dictdir) != 0) {
            fprintf(stderr, "sitrep ingest: no dictionaries found (use --dict or $SITREP_DATA)\n");
            return EX_NOINPUT;
        }
        dicts[ndicts++] = dictdir;
    }
    sitrep_dict *dict = sr_cli_load_dict(dicts, ndicts);
    if (!dict) return EX_NOINPUT;
    /* As in `sitrep code`: an explicit --model must load; a missing
     * default model only matters once an article needs parsing (CoNLL-U
     * input is already parsed), and is reported then. */
    sitrep_error model_err;
    memset(&model_err, 0, sizeof model_err);
    sitrep_model *model = sitrep_model_load(model_path, &model_err);
    if (!model && model_path) {
        sitrep_dict_free(dict);
        return sr_cli_report(&model_err);
    }

    sitrep_store_opts so = {.batch = batch, .default_source = ro.default_source};
    int crc = sr_cli_check_creatable("ingest", db);
    sitrep_store *store = crc ? NULL : sitrep_store_open_opts(db, &so, &err);
    if (!store) {
        sitrep_model_free(model);
        sitrep_dict_free(dict);
        if (crc) return crc;
        /* the store is an output here: failing to open it is EX_CANTCREAT */
        int rc = sr_cli_report(&err);
        return err.code == SITREP_E_IO ? EX_CANTCREAT : rc;
    }
    int rc = EX_OK;
    sitrep_reader *reader = NULL;
    int cur_window;
    sitrep_link_key cur_key;
    sitrep_store_linking(store, &cur_window, &cur_key);
    if (window >= 0 || linkby >= 0) {
        int relinked = 0;
        sitrep_status st = sitrep_store_set_linking(store, window >= 0 ? window : cur_window,
                                                    linkby >= 0 ? (sitrep_link_key)linkby : cur_key,
                                                    &relinked, &err);
        if (st) {
            rc = sr_cli_report(&err);
            goto done;
        }
        if (relinked && !quiet)
            fprintf(stderr, "sitrep ingest: linking settings changed: relinked the stored mentions\n");
    }
    sitrep_store_counts before;
    if (sitrep_store_count(store, &before, &err)) {
        rc = sr_cli_report(&err);
        goto done;
    }

    reader = sitrep_reader_open((const char *const *)argv + optind, (size_t)(argc - optind), &ro, &err);
    if (!reader) {
        rc = sr_cli_report(&err);
        goto done;
    }
    sitrep_reader_on_error(reader, S_on_bad_record, NULL);

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    S_ingest x = {.store = store, .err = &err};
    x.progress = sr_progress_new("ingest", 0, quiet);
    double t0 = S_now();
    sitrep_status st = sitrep_pipeline_run(reader, model, dict, jobs, S_sink, &x, &err);
    double elapsed = S_now() - t0;
    sr_progress_done(x.progress);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    /* Whatever happened, keep what was stored. */
    sitrep_error cerr;
    sitrep_status cst = sitrep_store_commit(store, &cerr);
    if (S_interrupted) {
        fprintf(stderr, "sitrep ingest: interrupted; %zu new articles were stored\n", x.added);
        rc = 130;
        goto done;
    }
    if (st) {
        rc = sr_cli_report(&err);
        if (!model && strstr(err.msg, "no model")) {
            char buf[1024];
            fprintf(stderr, "sitrep: %s\n", sitrep_error_format(&model_err, buf, sizeof buf));
        }
        if (ro.strict && !quiet)
            fprintf(stderr, "sitrep ingest: stopped (--strict); the %zu articles before it were stored\n",
                    x.added);
        goto done;
    }
    if (cst) {
        rc = sr_cli_report(&cerr);
        goto done;
    }
    if (!quiet) {
        sitrep_store_counts after;
        sitrep_store_count(store, &after, &err);
        size_t bad = sitrep_reader_skipped(reader);
        printf("ingested %zu article%s into %s: %zu new, %zu already stored", x.read,
               x.read == 1 ? "" : "s", db, x.added, x.duplicates);
        if (bad) printf(", %zu bad records skipped", bad);
        printf("\n  new: %zu sentences, %zu event mentions, %zu linked events\n", x.sentences,
               x.mentions, x.new_events);
        printf("  store: %lld articles, %lld event mentions, %lld linked events\n",
               (long long)after.articles, (long long)after.mentions, (long long)after.events);
        sitrep_store_dyad top[5];
        long nt = sitrep_store_top_dyads(store, before.last_mention_id, top, 5, &err);
        if (nt > 0) {
            printf("  top dyads:");
            for (long i = 0; i < nt; i++)
                printf("%s %s-%s (%lld)", i ? "," : "", top[i].source,
                       top[i].target[0] ? top[i].target : "?", (long long)top[i].mentions);
            printf("\n");
        }
        /* Both are silent degradations of linking otherwise: say so once. */
        if (x.undated)
            printf("  note: %zu new article%s had no date (no Date: header, JSON \"date\" or\n"
                   "        --date): their events are undated and link only with other undated\n"
                   "        events, by dyad and code alone\n",
                   x.undated, x.undated == 1 ? "" : "s");
        if (x.no_outlet)
            printf("  note: %zu new article%s had no outlet (no Source: header, JSON \"source\"\n"
                   "        or --source): stored as \"unknown\", which num_sources does not count\n",
                   x.no_outlet, x.no_outlet == 1 ? "" : "s");
        printf("  %.2f s, %.1f articles/s, %.1f sentences/s (-j %d)\n", elapsed,
               elapsed > 0 ? (double)x.read / elapsed : 0.0,
               elapsed > 0 ? (double)x.sentences / elapsed : 0.0, jobs);
    }
done:
    sitrep_reader_close(reader);
    sitrep_store_close(store);
    sitrep_model_free(model);
    sitrep_dict_free(dict);
    return rc;
}
