/* text_input.c - see text_input.h. */
#include "text_input.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include "cli.h"
#include "text/article.h"
#include "util/buf.h"

static int S_read_stream(FILE *f, sr_buf *b) {
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (sr_buf_append(b, tmp, k)) return -1;
    return ferror(f) ? -1 : 0;
}

static int S_cmp(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int S_path(const char *path, sr_cli_text_fn fn, void *ctx, int depth);

/* The output file, never read as input: `sitrep parse DIR -o DIR/x.conllu`
 * (or `> DIR/x.conllu`) would otherwise read its own growing output. */
static dev_t S_out_dev;
static ino_t S_out_ino;
static int S_out_set;

void sr_cli_text_exclude(FILE *out) {
    struct stat st;
    S_out_set = out && fstat(fileno(out), &st) == 0 && S_ISREG(st.st_mode);
    if (S_out_set) {
        S_out_dev = st.st_dev;
        S_out_ino = st.st_ino;
    }
}

static int S_dir(const char *path, sr_cli_text_fn fn, void *ctx, int depth) {
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
        return EX_NOINPUT;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = EX_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                rc = EX_OSERR;
                break;
            }
            names = nn;
        }
        size_t l = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(l);
        if (!names[n]) {
            rc = EX_OSERR;
            break;
        }
        snprintf(names[n], l, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, S_cmp);
    for (size_t i = 0; i < n; i++) {
        if (rc == EX_OK || rc == EX_NOINPUT || rc == EX_IOERR) {
            int r = S_path(names[i], fn, ctx, depth + 1);
            if (r && (rc == EX_OK || (r != EX_NOINPUT && r != EX_IOERR))) rc = r;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int S_path(const char *path, sr_cli_text_fn fn, void *ctx, int depth) {
    sr_buf b = SR_BUF_INIT;
    int rc;
    if (strcmp(path, "-") == 0) {
        if (S_read_stream(stdin, &b)) {
            fprintf(stderr, "sitrep: <stdin>: read error\n");
            sr_buf_free(&b);
            return EX_IOERR;
        }
        rc = fn(ctx, "-", b.data ? b.data : "", b.len);
        sr_buf_free(&b);
        return rc;
    }
    struct stat st;
    if (stat(path, &st)) {
        fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
        return EX_NOINPUT;
    }
    if (S_ISDIR(st.st_mode)) {
        if (depth > 64) return EX_OK; /* symlink loops */
        return S_dir(path, fn, ctx, depth);
    }
    if (!S_ISREG(st.st_mode) && depth > 0) return EX_OK; /* sockets etc. inside a tree */
    if (S_out_set && st.st_dev == S_out_dev && st.st_ino == S_out_ino) {
        if (depth > 0) return EX_OK; /* the output file inside an input directory */
        fprintf(stderr, "sitrep: %s: is the output file; not read as input\n", path);
        return EX_USAGE;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
        return EX_NOINPUT;
    }
    if (st.st_size > 0 && sr_buf_reserve(&b, (size_t)st.st_size)) {
        fclose(f);
        fprintf(stderr, "sitrep: %s: out of memory\n", path);
        return EX_OSERR;
    }
    int bad = S_read_stream(f, &b);
    fclose(f);
    if (bad) {
        fprintf(stderr, "sitrep: %s: read error\n", path);
        sr_buf_free(&b);
        return EX_IOERR;
    }
    rc = fn(ctx, path, b.data ? b.data : "", b.len);
    sr_buf_free(&b);
    return rc;
}

typedef struct {
    sr_cli_text_fn fn;
    void *ctx;
    size_t inputs;
} S_counting;

static int S_count_input(void *ctx, const char *name, const char *buf, size_t len) {
    S_counting *c = ctx;
    c->inputs++;
    return c->fn(c->ctx, name, buf, len);
}

int sr_cli_text_walk(char **paths, int n, sr_cli_text_fn fn, void *ctx) {
    if (n == 0) return S_path("-", fn, ctx, 0);
    S_counting cnt = {fn, ctx, 0};
    int rc = EX_OK;
    for (int i = 0; i < n; i++) {
        int r = S_path(paths[i], S_count_input, &cnt, 0);
        if (r == EX_NOINPUT || r == EX_IOERR) {
            if (rc == EX_OK) rc = r;
            continue;
        }
        if (r) return r;
    }
    /* An empty directory is not an error, but silence would look like a
     * hang or a bug in a pipeline. */
    if (rc == EX_OK && cnt.inputs == 0)
        fputs("sitrep: note: no files found in the input given\n", stderr);
    return rc;
}

/* Sentence text with line breaks and tabs as spaces (for "# text ="). */
static void S_flat(sr_buf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        sr_buf_putc(b, (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
    }
}

int sr_cli_text_print(FILE *out, const char *name, size_t base, const sitrep_article *a,
                      sr_cli_text_format fmt, int tokens) {
    sr_buf b = SR_BUF_INIT;
    size_t ns = sitrep_article_sentence_count(a);
    const char *text = sitrep_article_text(a, NULL);
    if (fmt == SR_CLI_OUT_CONLLU) {
        sr_buf_puts(&b, "# newdoc id = ");
        sr_buf_puts(&b, name);
        sr_buf_putc(&b, '\n');
        if (*sitrep_article_dateline(a)) sr_buf_printf(&b, "# dateline = %s\n", sitrep_article_dateline(a));
    }
    for (size_t i = 0; i < ns; i++) {
        size_t s, e, nt;
        sitrep_article_sentence(a, i, &s, &e, &nt);
        const sr_sentence *se = &a->sents[i];
        if (fmt == SR_CLI_OUT_CONLLU) {
            sr_buf_printf(&b, "# sent_id = %zu\n# text = ", i + 1);
            S_flat(&b, text + s, e - s);
            sr_buf_putc(&b, '\n');
            for (size_t j = 0; j < nt; j++) {
                sitrep_token t;
                sitrep_article_token(a, i, j, &t);
                sr_buf_printf(&b, "%zu\t", j + 1);
                S_flat(&b, text + t.start, t.end - t.start);
                sr_buf_puts(&b, "\t_\t_\t_\t_\t_\t_\t_\t");
                if (!t.space_after && j + 1 < nt) sr_buf_puts(&b, "SpaceAfter=No|");
                sr_buf_printf(&b, "TokenRange=%zu:%zu\n", base + t.start, base + t.end);
            }
            sr_buf_putc(&b, '\n');
        } else {
            sr_buf_puts(&b, "{\"file\":");
            sr_buf_json_str(&b, name, strlen(name));
            sr_buf_printf(&b, ",\"sent\":%zu,\"start\":%zu,\"end\":%zu", i, base + s, base + e);
            if (i == 0 && *sitrep_article_dateline(a)) {
                sr_buf_puts(&b, ",\"dateline\":");
                sr_buf_json_str(&b, a->dateline, strlen(a->dateline));
            }
            if (se->flags & SR_SENT_HEADLINE) sr_buf_puts(&b, ",\"headline\":true");
            if (se->flags & SR_SENT_TRUNCATED) sr_buf_puts(&b, ",\"truncated\":true");
            if (se->flags & SR_SENT_PARA_START) sr_buf_puts(&b, ",\"para_start\":true");
            if (tokens) {
                sr_buf_puts(&b, ",\"tokens\":[");
                for (size_t j = 0; j < nt; j++) {
                    sitrep_token t;
                    sitrep_article_token(a, i, j, &t);
                    sr_buf_puts(&b, j ? ",[" : "[");
                    sr_buf_json_str(&b, t.form, t.form_len);
                    sr_buf_printf(&b, ",%zu,%zu,%d]", base + t.start, base + t.end, t.space_after);
                }
                sr_buf_puts(&b, "]}\n");
            } else {
                sr_buf_puts(&b, ",\"text\":");
                sr_buf_json_str(&b, text + s, e - s);
                sr_buf_puts(&b, "}\n");
            }
        }
        if (b.len > 65536) {
            if (fwrite(b.data, 1, b.len, out) != b.len) {
                sr_buf_free(&b);
                return -1;
            }
            sr_buf_clear(&b);
        }
    }
    int rc = 0;
    if (b.len && fwrite(b.data, 1, b.len, out) != b.len) rc = -1;
    sr_buf_free(&b);
    return rc;
}

/* --- the shared driver of `sitrep tokenize` and `sitrep sentences` ------ */
#include <time.h>
#include "text/header.h"

typedef struct S_run {
    int tokens, stats, keep_hyphens, html;
    sr_cli_text_format fmt;
    size_t files, bytes, ntok, nsent, invalid;
} S_run;

static int S_one(void *ctx, const char *name, const char *buf, size_t len) {
    S_run *r = ctx;
    sitrep_article_info info;
    size_t body = 0;
    if (sr_text_parse_header(buf, len, &info, &body) < 0) {
        fprintf(stderr, "sitrep: %s: out of memory\n", name);
        return EX_OSERR;
    }
    if (r->html >= 0) info.is_html = r->html;
    sitrep_text_opts o = {r->keep_hyphens};
    sitrep_error err;
    sitrep_article *a = sitrep_article_new_opts(&info, buf + body, len - body, &o, &err);
    sr_text_header_free(&info);
    if (!a) return sr_cli_report(&err);
    r->files++;
    r->bytes += len;
    r->ntok += sitrep_article_token_count(a);
    r->nsent += sitrep_article_sentence_count(a);
    r->invalid += sitrep_article_invalid_bytes(a);
    int rc = EX_OK;
    if (!r->stats && sr_cli_text_print(stdout, name, body, a, r->fmt, r->tokens)) {
        fprintf(stderr, "sitrep: write error\n");
        rc = EX_IOERR;
    }
    sitrep_article_free(a);
    return rc;
}

int sr_cli_text_main(int argc, char **argv, int tokens) {
    const char *cmd = tokens ? "tokenize" : "sentences";
    S_run r = {0};
    r.tokens = tokens;
    r.html = -1;
    r.fmt = SR_CLI_OUT_JSONL;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths) return EX_OSERR;
    int np = 0, only_paths = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
            paths[np++] = argv[i];
        } else if (strcmp(a, "--") == 0) {
            only_paths = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: sitrep %s [OPTIONS] [FILE|DIR|-]...\n\n", cmd);
            printf(tokens ? "Splits plain-text articles into sentences and tokens.\n"
                          : "Splits plain-text articles into sentences.\n");
            printf("Reads files, directories (recursively, sorted) or stdin (no FILE, or -).\n"
                   "A file may start with a header block (Title:, Date:, Source:, URL:, then a\n"
                   "blank line); see docs/text.md. Offsets are byte offsets into the input.\n\n"
                   "Options:\n"
                   "  --format jsonl|conllu  output format (default jsonl: one JSON object per\n"
                   "                         sentence%s)\n"
                   "  --keep-hyphens         keep \"30-day\" as one token (default: EWT style\n"
                   "                         \"30\" \"-\" \"day\")\n"
                   "  --html / --no-html     force HTML stripping on/off (default: detect)\n"
                   "  --stats                print only counts and throughput (one JSON line)\n"
                   "  -h, --help             this help\n",
                   tokens ? " with \"tokens\": [[form, start, end, space_after]...]"
                          : " with its \"text\", \"start\", \"end\"");
            free(paths);
            return EX_OK;
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0) r.fmt = SR_CLI_OUT_JSONL;
            else if (strcmp(f, "conllu") == 0) r.fmt = SR_CLI_OUT_CONLLU;
            else {
                fprintf(stderr, "sitrep %s: unknown format '%s' (jsonl, conllu)\n", cmd, f);
                free(paths);
                return EX_USAGE;
            }
        } else if (strcmp(a, "--keep-hyphens") == 0) {
            r.keep_hyphens = 1;
        } else if (strcmp(a, "--html") == 0) {
            r.html = 1;
        } else if (strcmp(a, "--no-html") == 0) {
            r.html = 0;
        } else if (strcmp(a, "--stats") == 0 || strcmp(a, "--count") == 0) {
            r.stats = 1;
        } else {
            fprintf(stderr, "sitrep %s: unknown option '%s' (see --help)\n", cmd, a);
            free(paths);
            return EX_USAGE;
        }
    }
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    sr_cli_text_exclude(stdout);
    int rc = sr_cli_text_walk(paths, np, S_one, &r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    free(paths);
    if (r.stats) {
        double sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
        printf("{\"files\":%zu,\"bytes\":%zu,\"tokens\":%zu,\"sentences\":%zu,"
               "\"invalid_bytes\":%zu,\"seconds\":%.4f,\"cpu_seconds\":%.4f,\"mb_per_s\":%.1f,"
               "\"mb_per_cpu_s\":%.1f}\n",
               r.files, r.bytes, r.ntok, r.nsent, r.invalid, sec, cpu,
               sec > 0 ? (double)r.bytes / 1e6 / sec : 0.0, cpu > 0 ? (double)r.bytes / 1e6 / cpu : 0.0);
    }
    if (fflush(stdout)) return EX_IOERR;
    return rc;
}
