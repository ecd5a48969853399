/* cmd_events.c - `sitrep events`: linked events (or mentions) from a store
 * as a table that fits the terminal. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <unistd.h>
#include <utf8proc.h>
#include "cli.h"
#include "enrich/ontology.h"
#include "store_filter.h"

static void S_help(FILE *out) {
    fputs("usage: sitrep events --db FILE [FILTERS]\n\n"
          "Shows linked events from a store as a table: date, source, target, CAMEO\n"
          "code and name, QuadClass, Goldstein score, number of articles (ART) and\n"
          "distinct outlets (SRC) reporting it, and a snippet of the strongest\n"
          "evidence sentence. The table fits the terminal width (or $COLUMNS).\n"
          "With --actor or --dyad, the stories of those events follow (issue\n"
          "threads across articles, as `sitrep stories` shows them).\n\n"
          "Options:\n"
          "  --db FILE               the store (required)\n"
          "  -w, --width N           table width (default: terminal, $COLUMNS, or 120)\n"
          "  -h, --help              this help\n\n",
          out);
    sr_cli_filter_help(out);
    fputs("\nExample: sitrep events --db sitrep.db --dyad RUS-USA --min-sources 2\n", out);
}

/* Folds whitespace runs of `s` to single spaces and copies it to `out`
 * (cap bytes) in at most `width` display columns, ending with "..." when
 * it had to be cut. Invalid UTF-8 bytes become U+FFFD. Returns the columns
 * used. */
static int S_fit(char *out, size_t cap, const char *s, int width) {
    /* Pass 1 (limit = INT_MAX) measures; pass 2 copies up to the limit. */
    int total = 0, limit = width, cols = 0;
    for (int pass = 0; pass < 2; pass++) {
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
        utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
        size_t o = 0;
        int space = 0;
        cols = 0;
        if (pass == 1) limit = total <= width ? width : width - 3;
        while (left > 0) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
            if (n <= 0) { n = 1; cp = 0xFFFD; }
            p += n;
            left -= n;
            if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
                space = cols > 0;
                continue;
            }
            int w = utf8proc_charwidth(cp);
            if (w < 0) w = 0;
            if (pass == 1) {
                if (cols + space + w > limit || o + 8 >= cap) break;
                if (space) out[o++] = ' ';
                o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
            }
            cols += space + w;
            space = 0;
        }
        if (pass == 0) total = cols;
        else {
            if (total > width) {
                int dots = width - cols < 3 ? width - cols : 3;
                for (int i = 0; i < dots && o + 1 < cap; i++, cols++) out[o++] = '.';
            }
            out[o] = '\0';
        }
    }
    return cols;
}

/* Prints `s` padded to exactly `width` columns, plus two spaces. */
static void S_cell(FILE *out, const char *s, int width, int last) {
    char buf[2048];
    int cols = S_fit(buf, sizeof buf, s, width);
    fputs(buf, out);
    if (!last) fprintf(out, "%*s", width - cols + 2, "");
}

typedef struct {
    FILE *out;
    int wsrc, wtgt, wname, wevid;
    size_t n;
    int mentions;
} S_table;

static int S_row(void *ctx, const sitrep_store_row *r) {
    S_table *t = ctx;
    const sr_cameo_info *ci = sr_cameo_lookup_nearest(r->ev.cameo);
    S_cell(t->out, r->ev.date[0] ? r->ev.date : "?", 10, 0);
    S_cell(t->out, r->ev.source_code, t->wsrc, 0);
    S_cell(t->out, r->ev.target_code[0] ? r->ev.target_code : "-", t->wtgt, 0);
    S_cell(t->out, r->ev.cameo, 4, 0);
    if (t->wname > 0) S_cell(t->out, ci ? ci->name : "", t->wname, 0);
    fprintf(t->out, "%d  %5.1f  %3lld  %3lld  ", r->ev.quad, r->ev.goldstein,
            (long long)r->num_articles, (long long)r->num_sources);
    if (t->wevid > 0) S_cell(t->out, r->ev.sentence_text, t->wevid, 1);
    fputc('\n', t->out);
    t->n++;
    return ferror(t->out) ? SITREP_E_IO : SITREP_OK;
}

static int S_width(int given) {
    if (given > 0) return given;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    if (c && atoi(c) > 0) return atoi(c);
    return 120;
}

int cmd_events(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"width", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        SR_CLI_FILTER_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL;
    int mentions = 0, width = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hw:", longopts, NULL)) != -1) {
        int r = sr_cli_filter_opt("events", c, optarg, &f, &mentions);
        if (r < 0) return EX_USAGE;
        if (r > 0) continue;
        switch (c) {
        case 'd': db = optarg; break;
        case 'w':
            width = atoi(optarg);
            if (width < 40) {
                fprintf(stderr, "sitrep events: --width '%s': expected a number >= 40\n", optarg);
                return EX_USAGE;
            }
            break;
        case 'h': S_help(stdout); return EX_OK;
        case ':':
            fprintf(stderr, "sitrep events: option '%s' needs a value\n", argv[optind - 1]);
            return EX_USAGE;
        default:
            fprintf(stderr, "sitrep events: unknown option '%s' (see `sitrep events --help`)\n",
                    argv[optind - 1]);
            return EX_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sitrep events: unexpected argument '%s'\n", argv[optind]);
        return EX_USAGE;
    }
    if (!db) {
        fprintf(stderr, "sitrep events: --db FILE is required (see `sitrep events --help`)\n");
        return EX_USAGE;
    }
    sitrep_error err;
    sitrep_store_opts so = {.readonly = 1};
    sitrep_store *s = sitrep_store_open_opts(db, &so, &err);
    if (!s) return sr_cli_report(&err);

    S_table t = {.out = stdout, .wsrc = 9, .wtgt = 9, .mentions = mentions};
    /* Fixed: date 10, code 4, q/gold/art/src 1+5+3+3, gaps of 2. */
    int w = S_width(width);
    int fixed = 10 + 2 + t.wsrc + 2 + t.wtgt + 2 + 4 + 2 + 1 + 2 + 5 + 2 + 3 + 2 + 3 + 2;
    int rest = w - fixed;
    t.wname = rest >= 60 ? 24 : rest >= 30 ? rest / 3 : 0;
    if (t.wname) rest -= t.wname + 2;
    t.wevid = rest > 10 ? rest : 0;

    S_cell(stdout, "DATE", 10, 0);
    S_cell(stdout, "SOURCE", t.wsrc, 0);
    S_cell(stdout, "TARGET", t.wtgt, 0);
    S_cell(stdout, "CODE", 4, 0);
    if (t.wname) S_cell(stdout, "EVENT", t.wname, 0);
    fputs("Q   GOLD  ART  SRC  ", stdout);
    if (t.wevid) S_cell(stdout, "EVIDENCE", t.wevid, 1);
    fputc('\n', stdout);

    sitrep_status st = sitrep_store_query(s, &f, mentions, S_row, &t, &err);
    if (st) {
        sitrep_store_close(s);
        if (st == SITREP_E_IO) return EX_IOERR;
        return sr_cli_report(&err);
    }
    printf("(%zu %s)\n", t.n, mentions ? (t.n == 1 ? "mention" : "mentions")
                                       : (t.n == 1 ? "event" : "events"));
    /* For an actor or a dyad, also show the stories (issue threads across
     * articles) its events belong to: linked events need the same dyad,
     * root and date, so a thread reported a week apart shows only here. */
    if (!mentions && (f.actor || f.dyad_source || f.dyad_target)) {
        sitrep_store_filter sf = f;
        sf.limit = 0;
        fputs("\nStories (one issue between two countries, across articles; "
              "`sitrep stories --help`):\n", stdout);
        long n = sr_cli_stories_table(s, &sf, stdout, &err);
        if (n < 0) {
            sitrep_store_close(s);
            return sr_cli_report(&err);
        }
        if (n == 0) fputs("(no stories)\n", stdout);
    }
    sitrep_store_close(s);
    if (fflush(stdout) != 0) return EX_IOERR;
    return EX_OK;
}
