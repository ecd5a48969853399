/* cmd_stories.c - `sitrep stories`: the issue threads of a store (linked
 * events of one issue between two countries, across articles), as a table
 * or JSON Lines. The threading itself is sitrep_store_stories. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "store_filter.h"

static void S_help(FILE *out) {
    fputs("usage: sitrep stories --db FILE [--window DAYS] [--issue NAME] [--json] [FILTERS]\n\n"
          "Shows the stories of a store. A story gathers the event mentions tagged\n"
          "with one issue (CEASEFIRE, SANCTIONS, PEACE_PROCESS, ...) between two\n"
          "countries, in either direction, from articles published at most DAYS\n"
          "days after the story's previous article. Where linked events need the\n"
          "same dyad, CAMEO root and event date, a story also joins the reports of\n"
          "one diplomatic thread that outlets code or date differently (\"Putin\"\n"
          "vs \"Russia\", a statement vs a consultation, last month's talks vs this\n"
          "week's message). Actors are compared at country level (RUSGOV -> RUS;\n"
          "IGO/NGO codes keep six characters).\n\n"
          "Columns: first and last publication date, issue, the two countries,\n"
          "articles (ART), distinct outlets (SRC), mentions (MEN), and the linked\n"
          "events as SOURCE>TARGET CAMEO #event-id.\n\n"
          "Options:\n"
          "  --db FILE               the store (required)\n"
          "  --window DAYS           days between consecutive articles of a story\n"
          "                          (default 7, 0..365)\n"
          "  --issue NAME            only this issue (any case)\n"
          "  --json                  JSON Lines, one story per line\n"
          "  -h, --help              this help\n\n",
          out);
    sr_cli_filter_help(out);
    fputs("\nWith --dyad, stories in either direction match (a story has no direction);\n"
          "--from/--to bound publication dates; --min-sources and --limit apply to\n"
          "stories; --events/--mentions do not apply.\n\n"
          "Example: sitrep stories --db sitrep.db --dyad RUS-USA --issue CEASEFIRE\n",
          out);
}

static int S_table_row(void *ctx, const sitrep_store_story *st) {
    FILE *out = ctx;
    char actors[20];
    snprintf(actors, sizeof actors, "%s-%s", st->actor_a, st->actor_b);
    fprintf(out, "%-10s  %-10s  %-16s  %-13s  %3lld  %3lld  %3lld  ",
            st->first_date[0] ? st->first_date : "?", st->last_date[0] ? st->last_date : "?",
            st->issue, actors, (long long)st->num_articles, (long long)st->num_sources,
            (long long)st->num_mentions);
    for (size_t i = 0; i < st->num_events; i++)
        fprintf(out, "%s%s #%lld", i ? ", " : "", st->event_labels[i],
                (long long)st->event_ids[i]);
    fputc('\n', out);
    return ferror(out) ? SITREP_E_IO : SITREP_OK;
}

static int S_json_row(void *ctx, const sitrep_store_story *st) {
    FILE *out = ctx;
    json_t *events = json_array(), *outlets = json_array();
    for (size_t i = 0; i < st->num_events; i++)
        json_array_append_new(events, json_pack("{s:I,s:s}", "event_id",
                                                (json_int_t)st->event_ids[i], "label",
                                                st->event_labels[i]));
    for (int64_t i = 0; i < st->num_sources; i++)
        json_array_append_new(outlets, json_string(st->outlets[i]));
    json_t *o = json_pack("{s:I,s:s,s:[s,s],s:s,s:s,s:I,s:I,s:I,s:o,s:o}", "story",
                          (json_int_t)st->id, "issue", st->issue, "actors", st->actor_a,
                          st->actor_b, "first_date", st->first_date, "last_date",
                          st->last_date, "num_articles", (json_int_t)st->num_articles,
                          "num_sources", (json_int_t)st->num_sources, "num_mentions",
                          (json_int_t)st->num_mentions, "outlets", outlets, "events", events);
    if (!o) return SITREP_E_NOMEM;
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    fputc('\n', out);
    return rc || ferror(out) ? SITREP_E_IO : SITREP_OK;
}

/* The table header of S_table_row. */
static void S_header(FILE *out) {
    fprintf(out, "%-10s  %-10s  %-16s  %-13s  %3s  %3s  %3s  %s\n", "FIRST", "LAST", "ISSUE",
            "ACTORS", "ART", "SRC", "MEN", "EVENTS");
}

typedef struct {
    FILE *out;
    long n;
} S_count;

static int S_counted_row(void *ctx, const sitrep_store_story *st) {
    S_count *c = ctx;
    if (c->n == 0) S_header(c->out);
    c->n++;
    return S_table_row(c->out, st);
}

long sr_cli_stories_table(sitrep_store *s, const sitrep_store_filter *f, FILE *out,
                          sitrep_error *err) {
    S_count c = {.out = out};
    if (sitrep_store_stories(s, f, NULL, -1, S_counted_row, &c, err)) return -1;
    return c.n;
}

int cmd_stories(int argc, char **argv) {
    enum { OPT_WINDOW = 2000, OPT_ISSUE, OPT_JSON };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"issue", required_argument, NULL, OPT_ISSUE},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        SR_CLI_FILTER_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL, *issue = NULL;
    int mentions = 0, window = 7, json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        int r = sr_cli_filter_opt("stories", c, optarg, &f, &mentions);
        if (r < 0) return EX_USAGE;
        if (r > 0) continue;
        switch (c) {
        case 'd': db = optarg; break;
        case OPT_WINDOW: {
            char *end;
            long w = strtol(optarg, &end, 10);
            if (end == optarg || *end || w < 0 || w > 365) {
                fprintf(stderr, "sitrep stories: --window '%s': expected days, 0..365\n", optarg);
                return EX_USAGE;
            }
            window = (int)w;
            break;
        }
        case OPT_ISSUE: issue = optarg; break;
        case OPT_JSON: json = 1; break;
        case 'h': S_help(stdout); return EX_OK;
        case ':':
            fprintf(stderr, "sitrep stories: option '%s' needs a value\n", argv[optind - 1]);
            return EX_USAGE;
        default:
            fprintf(stderr, "sitrep stories: unknown option '%s' (see `sitrep stories --help`)\n",
                    argv[optind - 1]);
            return EX_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sitrep stories: unexpected argument '%s'\n", argv[optind]);
        return EX_USAGE;
    }
    if (!db) {
        fprintf(stderr, "sitrep stories: --db FILE is required (see `sitrep stories --help`)\n");
        return EX_USAGE;
    }
    sitrep_error err;
    sitrep_store_opts so = {.readonly = 1};
    sitrep_store *s = sitrep_store_open_opts(db, &so, &err);
    if (!s) return sr_cli_report(&err);
    if (!json) S_header(stdout);
    sitrep_status st = sitrep_store_stories(s, &f, issue, window, json ? S_json_row : S_table_row,
                                            stdout, &err);
    sitrep_store_close(s);
    if (st) {
        if (st == SITREP_E_IO) return EX_IOERR;
        return sr_cli_report(&err);
    }
    if (fflush(stdout) != 0) return EX_IOERR;
    return EX_OK;
}
