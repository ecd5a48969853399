/* cmd_export.c - `sitrep export`: linked events or raw mentions from a
 * store, written by the library's event writers (sitrep_write_*), with the
 * linking columns added: each row is formatted by the writer on its own,
 * and the link fields are appended to it (JSON keys, CSV/TSV columns) or
 * filled into GDELT's GlobalEventID/NumMentions/NumSources/NumArticles. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "coder/events.h"
#include "store_filter.h"
#include "text/article.h"
#include "util/buf.h"

#define S_OUT_CONLLU 100 /* export-only format: the parsed evidence sentences */

static void S_help(FILE *out) {
    fputs("usage: sitrep export --db FILE [--format FMT] [-o FILE] [FILTERS]\n\n"
          "Writes linked events (default) or raw mentions from a store.\n\n"
          "Options:\n"
          "  --db FILE               the store (required)\n"
          "  -f, --format FMT        jsonl (default), csv, tsv, gdelt, plover, conllu\n"
          "  -o, --output FILE       write to FILE instead of stdout\n"
          "  -h, --help              this help\n\n",
          out);
    sr_cli_filter_help(out);
    fputs("\nFormats: the event columns are those of `sitrep code` (docs/event-schema.md).\n"
          "Linked events are represented by their strongest mention, dated by the event\n"
          "date, with these fields added: event_id, num_mentions, num_articles,\n"
          "num_sources, first_seen, last_seen, outlet (JSON keys; last CSV/TSV columns;\n"
          "GDELT's GlobalEventID/NumMentions/NumSources/NumArticles). Mentions add\n"
          "mention_id and the same fields of their event. conllu writes the parsed\n"
          "evidence sentences with `# sitrep_event = ...` comments.\n"
          "CSV is RFC 4180 with a header row: it loads in sqlite3 (.import --csv),\n"
          "pandas and DuckDB without options.\n\n"
          "Example: sitrep export --db sitrep.db --format csv --min-sources 2 > events.csv\n",
          out);
}

typedef struct {
    FILE *out;
    int format; /* sitrep_output_format or S_OUT_CONLLU */
    int mentions;
    sitrep_events *one;  /* reused one-event container */
    FILE *mem;           /* memory stream the writer formats one row into */
    char *membuf;
    size_t memlen;
    sr_buf line;
    sitrep_error *err;
    size_t rows;
    /* conllu: the sentence being collected */
    char cur_key[320];
    sr_buf comments, sentence;
} S_export;

/* CSV/TSV field escaping for the fields this file adds (outlet names), as
 * the library's writers do it: CSV quotes fields holding , " CR LF; TSV
 * escapes tab, LF, CR and backslash and quotes fields holding a quote. */
static void S_delim_field(sr_buf *b, const char *s, int csv) {
    int quote = csv ? strpbrk(s, ",\"\r\n") != NULL : strchr(s, '"') != NULL;
    if (quote) sr_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') sr_buf_puts(b, "\"\"");
        else if (!csv && *s == '\t') sr_buf_puts(b, "\\t");
        else if (!csv && *s == '\n') sr_buf_puts(b, "\\n");
        else if (!csv && *s == '\r') sr_buf_puts(b, "\\r");
        else if (!csv && *s == '\\') sr_buf_puts(b, "\\\\");
        else sr_buf_putc(b, *s);
    }
    if (quote) sr_buf_putc(b, '"');
}

static const char *const S_extra_cols[] = {"event_id", "num_mentions", "num_articles",
                                           "num_sources", "first_seen", "last_seen", "outlet"};

static sitrep_status S_header(S_export *x) {
    if (x->format == SITREP_OUT_CSV || x->format == SITREP_OUT_TSV) {
        /* The writer's header, then our columns on the same line. */
        rewind(x->mem);
        sitrep_status st = sitrep_write_header(x->mem, (sitrep_output_format)x->format);
        if (st) return st;
        fflush(x->mem);
        size_t n = (size_t)ftell(x->mem);
        int csv = x->format == SITREP_OUT_CSV;
        while (n && (x->membuf[n - 1] == '\n' || x->membuf[n - 1] == '\r')) n--;
        sr_buf_clear(&x->line);
        sr_buf_append(&x->line, x->membuf, n);
        if (x->mentions) sr_buf_puts(&x->line, csv ? ",mention_id" : "\tmention_id");
        for (size_t i = 0; i < sizeof S_extra_cols / sizeof S_extra_cols[0]; i++) {
            sr_buf_putc(&x->line, csv ? ',' : '\t');
            sr_buf_puts(&x->line, S_extra_cols[i]);
        }
        sr_buf_puts(&x->line, csv ? "\r\n" : "\n");
        return fwrite(x->line.data, 1, x->line.len, x->out) == x->line.len ? SITREP_OK
                                                                             : SITREP_E_IO;
    }
    if (x->format == SITREP_OUT_GDELT) return sitrep_write_header(x->out, SITREP_OUT_GDELT);
    return SITREP_OK;
}

/* GDELT: replaces tab-separated column `col` of the row in x->line. */
static void S_gdelt_set(sr_buf *row, int col, const char *value) {
    size_t start = 0;
    for (int c = 0; c < col; c++) {
        char *tab = memchr(row->data + start, '\t', row->len - start);
        if (!tab) return;
        start = (size_t)(tab - row->data) + 1;
    }
    char *tab = memchr(row->data + start, '\t', row->len - start);
    size_t end = tab ? (size_t)(tab - row->data) : row->len;
    sr_buf nb = SR_BUF_INIT;
    sr_buf_append(&nb, row->data, start);
    sr_buf_puts(&nb, value);
    sr_buf_append(&nb, row->data + end, row->len - end);
    sr_buf_free(row);
    *row = nb;
}

static void S_conllu_flush(S_export *x) {
    if (!x->cur_key[0]) return;
    if (x->sentence.len) {
        /* The sentence's comment lines first, then ours, then the tokens. */
        const char *tok = x->sentence.data;
        const char *p = tok;
        while (*p == '#') {
            const char *nl = strchr(p, '\n');
            if (!nl) break;
            p = nl + 1;
        }
        fwrite(tok, 1, (size_t)(p - tok), x->out);
        if (x->comments.len) fwrite(x->comments.data, 1, x->comments.len, x->out);
        fputs(p, x->out);
    }
    sr_buf_clear(&x->comments);
    sr_buf_clear(&x->sentence);
    x->cur_key[0] = '\0';
}

static int S_conllu_row(S_export *x, const sitrep_store_row *r) {
    char key[320];
    snprintf(key, sizeof key, "%s\x1f%zu", r->ev.article_id, r->ev.sentence);
    if (strcmp(key, x->cur_key) != 0) {
        S_conllu_flush(x);
        if (!r->conllu[0]) return SITREP_OK; /* stored without a parse */
        snprintf(x->cur_key, sizeof x->cur_key, "%s", key);
        sr_buf_puts(&x->sentence, r->conllu);
    }
    sr_buf_printf(&x->comments,
                  "# sitrep_event = %s %s %s %s%s%s %s (event %lld, %lld articles, %lld sources)\n",
                  r->ev.date[0] ? r->ev.date : "-", r->ev.source_code,
                  r->ev.target_code[0] ? r->ev.target_code : "-", r->ev.cameo,
                  r->ev.plover_category[0] ? " " : "", r->ev.plover_category,
                  r->ev.modality[0] ? r->ev.modality : "asserted", (long long)r->event_id,
                  (long long)r->num_articles, (long long)r->num_sources);
    return SITREP_OK;
}

static int S_row(void *ctx, const sitrep_store_row *r) {
    S_export *x = ctx;
    x->rows++;
    if (x->format == S_OUT_CONLLU) return S_conllu_row(x, r);
    sr_events_clear(x->one);
    if (sr_events_push(x->one, &r->ev)) return SITREP_E_NOMEM;
    /* The writers take URL/outlet/title from the article. */
    sitrep_article art;
    memset(&art, 0, sizeof art);
    art.id = (char *)r->ev.article_id;
    art.url = (char *)r->url;
    art.source = (char *)r->outlet;
    art.title = (char *)r->title;
    art.date = (char *)r->ev.date;
    rewind(x->mem);
    sitrep_status st =
        sitrep_write_article_events(x->mem, (sitrep_output_format)x->format, &art, x->one);
    if (st) return st;
    fflush(x->mem);
    size_t n = (size_t)ftell(x->mem);
    if (n == 0) return SITREP_OK; /* e.g. PLOVER drops codes without a category */
    while (n && (x->membuf[n - 1] == '\n' || x->membuf[n - 1] == '\r')) n--;
    sr_buf_clear(&x->line);
    sr_buf_append(&x->line, x->membuf, n);
    sr_buf *b = &x->line;
    char eid[24], mid[24], nm[24], na[24], ns[24];
    snprintf(eid, sizeof eid, "%lld", (long long)r->event_id);
    snprintf(mid, sizeof mid, "%lld", (long long)r->id);
    snprintf(nm, sizeof nm, "%lld", (long long)r->num_mentions);
    snprintf(na, sizeof na, "%lld", (long long)r->num_articles);
    snprintf(ns, sizeof ns, "%lld", (long long)r->num_sources);
    switch (x->format) {
    case SITREP_OUT_CSV:
    case SITREP_OUT_TSV: {
        int csv = x->format == SITREP_OUT_CSV;
        char sep = csv ? ',' : '\t';
        if (x->mentions) sr_buf_printf(b, "%c%s", sep, mid);
        sr_buf_printf(b, "%c%s%c%s%c%s%c%s%c%s%c%s%c", sep, eid, sep, nm, sep, na, sep, ns, sep,
                      r->first_seen, sep, r->last_seen, sep);
        S_delim_field(b, r->outlet, csv);
        sr_buf_puts(b, csv ? "\r\n" : "\n");
        break;
    }
    case SITREP_OUT_GDELT:
        if (!x->mentions) S_gdelt_set(b, 0, eid);
        S_gdelt_set(b, 31, nm);
        S_gdelt_set(b, 32, ns);
        S_gdelt_set(b, 33, na);
        sr_buf_putc(b, '\n');
        break;
    default: /* JSON objects: drop the closing brace and add our keys. */
        if (b->len && b->data[b->len - 1] == '}') b->len--;
        if (x->mentions) sr_buf_printf(b, ",\"mention_id\":%s", mid);
        sr_buf_printf(b,
                      ",\"event_id\":%s,\"num_mentions\":%s,\"num_articles\":%s,"
                      "\"num_sources\":%s,\"first_seen\":",
                      eid, nm, na, ns);
        sr_buf_json_str(b, r->first_seen, strlen(r->first_seen));
        sr_buf_puts(b, ",\"last_seen\":");
        sr_buf_json_str(b, r->last_seen, strlen(r->last_seen));
        sr_buf_puts(b, ",\"outlet\":");
        sr_buf_json_str(b, r->outlet, strlen(r->outlet));
        sr_buf_puts(b, "}\n");
        break;
    }
    if (!b->data) return SITREP_E_NOMEM;
    return fwrite(b->data, 1, b->len, x->out) == b->len ? SITREP_OK : SITREP_E_IO;
}

int cmd_export(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        SR_CLI_FILTER_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL, *outpath = NULL;
    int mentions = 0, format = SITREP_OUT_JSONL, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hf:o:", longopts, NULL)) != -1) {
        int r = sr_cli_filter_opt("export", c, optarg, &f, &mentions);
        if (r < 0) return EX_USAGE;
        if (r > 0) continue;
        switch (c) {
        case 'd': db = optarg; break;
        case 'o': outpath = optarg; break;
        case 'f':
            format = strcasecmp(optarg, "conllu") == 0 ? S_OUT_CONLLU : sitrep_output_format_from_name(optarg);
            if (format < 0) {
                fprintf(stderr,
                        "sitrep export: --format '%s': expected jsonl, csv, tsv, gdelt, plover or conllu\n",
                        optarg);
                return EX_USAGE;
            }
            break;
        case 'h': S_help(stdout); return EX_OK;
        case ':':
            fprintf(stderr, "sitrep export: option '%s' needs a value\n", argv[optind - 1]);
            return EX_USAGE;
        default:
            fprintf(stderr, "sitrep export: unknown option '%s' (see `sitrep export --help`)\n",
                    argv[optind - 1]);
            return EX_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sitrep export: unexpected argument '%s'\n", argv[optind]);
        return EX_USAGE;
    }
    if (!db) {
        fprintf(stderr, "sitrep export: --db FILE is required (see `sitrep export --help`)\n");
        return EX_USAGE;
    }
    sitrep_error err;
    sitrep_store_opts so = {.readonly = 1};
    sitrep_store *s = sitrep_store_open_opts(db, &so, &err);
    if (!s) return sr_cli_report(&err);
    S_export x = {.format = format, .mentions = mentions, .err = &err};
    x.out = outpath ? fopen(outpath, "wb") : stdout;
    if (!x.out) {
        fprintf(stderr, "sitrep export: %s: cannot create the file\n", outpath);
        sitrep_store_close(s);
        return EX_CANTCREAT;
    }
    x.one = sr_events_new();
    x.mem = open_memstream(&x.membuf, &x.memlen);
    int rc = EX_OK;
    if (!x.one || !x.mem) {
        rc = EX_OSERR;
        goto done;
    }
    sitrep_status st = S_header(&x);
    if (!st) st = sitrep_store_query(s, &f, mentions, S_row, &x, &err);
    if (!st && format == S_OUT_CONLLU) S_conllu_flush(&x);
    if (st == SITREP_E_IO || (!st && fflush(x.out) != 0) || ferror(x.out)) {
        fprintf(stderr, "sitrep export: %s: write error\n", outpath ? outpath : "<stdout>");
        rc = EX_IOERR;
    } else if (st == SITREP_E_NOMEM) {
        fprintf(stderr, "sitrep export: out of memory\n");
        rc = EX_OSERR;
    } else if (st) {
        rc = sr_cli_report(&err);
    }
done:
    if (x.mem) fclose(x.mem);
    free(x.membuf);
    sr_buf_free(&x.line);
    sr_buf_free(&x.comments);
    sr_buf_free(&x.sentence);
    sitrep_events_free(x.one);
    if (outpath && x.out && fclose(x.out) != 0 && rc == EX_OK) rc = EX_IOERR;
    sitrep_store_close(s);
    return rc;
}
