/* cmd_dict.c - `sitrep dict check|lookup|stats|coverage`: check dictionary
 * files, look phrases up, count entries, and measure how many actor
 * mentions of an annotated file the dictionaries resolve. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "dict/dict.h"
#include "util/arena.h"
#include "util/buf.h"

static void S_help(FILE *out) {
    fprintf(out,
            "usage: sitrep dict check [--allow LIST] FILE|DIR...\n"
            "       sitrep dict lookup [--date YYYY-MM-DD] [--dict PATH]... PHRASE...\n"
            "       sitrep dict stats [--dict PATH]...\n"
            "       sitrep dict coverage [--dict PATH]... [--top N] PLOVER.tsv\n\n"
            "check     report every malformed line as file:line:col: message; exit 65\n"
            "          (EX_DATAERR) if any. --allow LIST names known errors to accept,\n"
            "          one 'FILE:LINE' per line (FILE matched by base name; # comments).\n"
            "lookup    resolve an actor description: prints the code on the first line,\n"
            "          then each match as KIND CODE PHRASE FILE:LINE, with a last column\n"
            "          'stem' when a TABARI stem matched a longer word. Exit 1 if no code.\n"
            "stats     counts of entries per kind.\n"
            "coverage  fraction of source/target mentions of a PLOVER TSV that resolve to\n"
            "          a code; lists the most frequent unresolved mentions.\n\n"
            "-d, --dict PATH  a dictionary file or directory (repeatable). Default: the\n"
            "                 data dir's dict/ ($SITREP_DATA, ./data, <exe>/../../data).\n"
            "--date DATE      YYYY-MM-DD: resolve dated entries as of DATE\n"
            "--stems MODE     TABARI stems (a word without a trailing '_' matches any\n"
            "                 word it begins): auto (default: files named *.actors,\n"
            "                 *.agents, *.verbs), on (every file), off (none)\n"
            "--               end of options (a PHRASE may then start with '-')\n"
            "-h, --help       this help\n");
}

/* ------------------------------------------------------------------ */
/* Loading the dictionaries named by --dict (or the default)           */
/* ------------------------------------------------------------------ */

static void S_warn_report(void *ctx, const sitrep_error *e) {
    (void)ctx;
    (void)e;
}

static sitrep_dict *S_load(char **paths, size_t n, int stems, int *rc) {
    sitrep_dict *d = sitrep_dict_new();
    if (!d) {
        fprintf(stderr, "sitrep dict: out of memory\n");
        *rc = EX_OSERR;
        return NULL;
    }
    if (stems >= 0) sr_dict_stems(d, stems);
    sitrep_dict_set_reporter(d, S_warn_report, NULL);
    char def[4096];
    char *defp[1];
    if (!n) {
        if (sr_data_path("dict", def, sizeof def)) {
            fprintf(stderr, "sitrep dict: no dictionaries found (looked for %s; set "
                            "SITREP_DATA or use --dict PATH)\n", def);
            sitrep_dict_free(d);
            *rc = EX_NOINPUT;
            return NULL;
        }
        defp[0] = def;
        paths = defp;
        n = 1;
    }
    for (size_t k = 0; k < n; k++) {
        sitrep_error err;
        sitrep_status st = sitrep_dict_load(d, paths[k], &err);
        if (st == SITREP_E_SYNTAX) continue; /* counted below */
        if (st) {
            *rc = sr_cli_report(&err);
            sitrep_dict_free(d);
            return NULL;
        }
    }
    size_t bad = sitrep_dict_error_count(d);
    if (bad)
        fprintf(stderr, "sitrep dict: warning: %zu malformed dictionary line%s skipped (see "
                        "`sitrep dict check`)\n", bad, bad == 1 ? "" : "s");
    *rc = EX_OK;
    return d;
}

/* Collects --dict PATH options (and --date/--top/--allow values) from argv;
 * the rest are positional. */
typedef struct S_opts {
    char **dicts;
    size_t ndicts;
    char **pos;
    size_t npos;
    const char *date;
    const char *allow;
    long top;
    int stems; /* sr_dict_stem_mode, -1: the default */
} S_opts;

static int S_parse(int argc, char **argv, S_opts *o) {
    memset(o, 0, sizeof *o);
    o->top = 30;
    o->stems = -1;
    o->dicts = calloc((size_t)argc + 1, sizeof *o->dicts);
    o->pos = calloc((size_t)argc + 1, sizeof *o->pos);
    if (!o->dicts || !o->pos) return EX_OSERR;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **val = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_help(stdout);
            return -1;
        }
        if (strcmp(a, "--") == 0) { /* the rest are phrases/files, even "-x" */
            while (++i < argc) o->pos[o->npos++] = argv[i];
            break;
        }
        if (strcmp(a, "--dict") == 0 || strcmp(a, "-d") == 0) {
            if (i + 1 >= argc) goto missing;
            o->dicts[o->ndicts++] = argv[++i];
            continue;
        }
        if (strncmp(a, "--dict=", 7) == 0) {
            o->dicts[o->ndicts++] = argv[i] + 7;
            continue;
        }
        if (strcmp(a, "--date") == 0) val = &o->date;
        else if (strcmp(a, "--allow") == 0) val = &o->allow;
        if (val) {
            if (i + 1 >= argc) goto missing;
            *val = argv[++i];
            continue;
        }
        if (strcmp(a, "--stems") == 0 || strncmp(a, "--stems=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : NULL;
            if (!v) {
                if (i + 1 >= argc) goto missing;
                v = argv[++i];
            }
            o->stems = sr_dict_stem_mode_parse(v);
            if (o->stems < 0) {
                fprintf(stderr, "sitrep dict: --stems needs auto, on or off, got '%s'\n", v);
                return EX_USAGE;
            }
            continue;
        }
        if (strcmp(a, "--top") == 0) {
            if (i + 1 >= argc) goto missing;
            char *end;
            o->top = strtol(argv[++i], &end, 10);
            if (*end || o->top < 0) {
                fprintf(stderr, "sitrep dict: --top needs a number, got '%s'\n", argv[i]);
                return EX_USAGE;
            }
            continue;
        }
        if (a[0] == '-' && a[1]) { /* "-" alone is a file name (stdin) */
            fprintf(stderr, "sitrep dict: unknown option '%s' (see `sitrep dict --help`)\n", a);
            return EX_USAGE;
        }
        o->pos[o->npos++] = argv[i];
        continue;
    missing:
        fprintf(stderr, "sitrep dict: %s needs a value\n", a);
        return EX_USAGE;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* check                                                               */
/* ------------------------------------------------------------------ */

typedef struct S_allow {
    char **base; /* base names */
    long *line;
    int *used;
    size_t n;
} S_allow;

typedef struct S_check_ctx {
    S_allow *allow;
    size_t errors, allowed;
} S_check_ctx;

static const char *S_base(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void S_check_report(void *vctx, const sitrep_error *e) {
    S_check_ctx *ctx = vctx;
    if (ctx->allow)
        for (size_t k = 0; k < ctx->allow->n; k++)
            if ((long)e->line == ctx->allow->line[k] &&
                strcmp(S_base(e->file), ctx->allow->base[k]) == 0) {
                ctx->allow->used[k] = 1;
                ctx->allowed++;
                return;
            }
    char buf[1024];
    printf("%s\n", sitrep_error_format(e, buf, sizeof buf));
    ctx->errors++;
}

static void S_allow_free(S_allow *al) {
    for (size_t k = 0; k < al->n; k++) free(al->base[k]);
    free(al->base);
    free(al->line);
    free(al->used);
    memset(al, 0, sizeof *al);
}

/* Reads the allow-list at `path` into *al (zeroed first). On error the
 * message is printed, *al is freed and empty, and the exit code returned. */
static int S_read_allow(const char *path, S_allow *al) {
    memset(al, 0, sizeof *al);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "sitrep dict: cannot open allow-list %s\n", path);
        return EX_NOINPUT;
    }
    char line[1024];
    size_t no = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        char *h = strchr(line, '#');
        if (h) *h = '\0';
        char *s = line;
        while (isspace((unsigned char)*s)) s++;
        if (!*s) continue;
        char *colon = strrchr(s, ':');
        char *e = s + strlen(s);
        while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
        if (!colon || !colon[1]) {
            fprintf(stderr, "%s:%zu: expected FILE:LINE\n", path, no);
            fclose(f);
            S_allow_free(al);
            return EX_DATAERR;
        }
        *colon = '\0';
        char *end;
        long ln = strtol(colon + 1, &end, 10);
        if (*end || ln <= 0) {
            fprintf(stderr, "%s:%zu: expected FILE:LINE with a line number\n", path, no);
            fclose(f);
            S_allow_free(al);
            return EX_DATAERR;
        }
        char **nb = realloc(al->base, (al->n + 1) * sizeof *nb);
        long *nl = realloc(al->line, (al->n + 1) * sizeof *nl);
        int *nu = realloc(al->used, (al->n + 1) * sizeof *nu);
        if (nb) al->base = nb;
        if (nl) al->line = nl;
        if (nu) al->used = nu;
        if (!nb || !nl || !nu) break;
        /* no NULL names: S_check_report compares them */
        if (!(al->base[al->n] = strdup(S_base(s)))) break;
        al->line[al->n] = ln;
        al->used[al->n] = 0;
        al->n++;
    }
    fclose(f);
    return 0;
}

static int S_check(S_opts *o) {
    if (!o->npos) {
        fprintf(stderr, "sitrep dict check: no files given\n");
        return EX_USAGE;
    }
    S_allow al;
    memset(&al, 0, sizeof al);
    if (o->allow) {
        int rc = S_read_allow(o->allow, &al);
        if (rc) return rc;
    }
    S_check_ctx ctx = {o->allow ? &al : NULL, 0, 0};
    int rc = EX_OK;
    for (size_t k = 0; k < o->npos; k++) {
        sitrep_error err;
        size_t n = sitrep_dict_check(o->pos[k], S_check_report, &ctx, &err);
        if (n == (size_t)-1) rc = sr_cli_report(&err);
    }
    /* "0 malformed lines" after a file could not be read would read as a
     * clean bill of health for the file that was not. */
    fprintf(stderr, "sitrep dict check: %zu malformed line%s", ctx.errors,
            ctx.errors == 1 ? "" : "s");
    if (rc != EX_OK) fprintf(stderr, " in the files that could be read");
    if (o->allow) fprintf(stderr, " (%zu allowed by %s)", ctx.allowed, o->allow);
    fprintf(stderr, "\n");
    for (size_t k = 0; k < al.n; k++)
        if (!al.used[k])
            fprintf(stderr, "sitrep dict check: note: allow-list entry %s:%ld matched no "
                            "error\n", al.base[k], al.line[k]);
    S_allow_free(&al);
    if (rc == EX_OK && ctx.errors) rc = EX_DATAERR;
    return rc;
}

/* ------------------------------------------------------------------ */
/* lookup, stats                                                       */
/* ------------------------------------------------------------------ */

static int S_lookup(S_opts *o) {
    if (!o->npos) {
        fprintf(stderr, "sitrep dict lookup: no phrase given\n");
        return EX_USAGE;
    }
    int rc;
    sitrep_dict *d = S_load(o->dicts, o->ndicts, o->stems, &rc);
    if (!d) return rc;
    sr_buf phrase = SR_BUF_INIT;
    for (size_t k = 0; k < o->npos; k++)
        sr_buf_printf(&phrase, "%s%s", k ? " " : "", o->pos[k]);
    sitrep_error err;
    char *res = sitrep_dict_lookup(d, phrase.data ? phrase.data : "", o->date, &err);
    sr_buf_free(&phrase);
    if (!res) {
        rc = sr_cli_report(&err);
    } else {
        fputs(res, stdout);
        rc = res[0] == '\n' ? 1 : EX_OK;
        free(res);
    }
    sitrep_dict_free(d);
    return rc;
}

static int S_stats(S_opts *o) {
    int rc;
    sitrep_dict *d = S_load(o->dicts, o->ndicts, o->stems, &rc);
    if (!d) return rc;
    sr_dict_stats st;
    sr_dict_get_stats(d, &st);
    printf("files\t%zu\n", st.files);
    printf("actors\t%zu\n", st.actors);
    printf("actor_phrases\t%zu\n", st.actor_phrases);
    printf("actor_date_ranges\t%zu\n", st.actor_ranges);
    printf("agents\t%zu\n", st.agents);
    printf("agent_phrases\t%zu\n", st.agent_phrases);
    printf("verb_blocks\t%zu\n", st.verb_blocks);
    printf("verbs\t%zu\n", st.verbs);
    printf("verb_forms\t%zu\n", st.verb_forms);
    printf("patterns\t%zu\n", st.patterns);
    printf("synsets\t%zu\n", st.synsets);
    printf("transformations\t%zu\n", st.transforms);
    printf("discards\t%zu\n", st.discards);
    printf("stem_words\t%zu\n", st.stem_words);
    printf("issues\t%zu\n", st.issues);
    printf("words\t%zu\n", st.words);
    printf("trie_nodes\t%zu\n", st.trie_nodes);
    printf("malformed_lines\t%zu\n", st.errors);
    sitrep_dict_free(d);
    return EX_OK;
}

/* ------------------------------------------------------------------ */
/* coverage                                                            */
/* ------------------------------------------------------------------ */

typedef struct S_miss {
    char *text;
    size_t count;
} S_miss;

static int S_miss_cmp(const void *a, const void *b) {
    const S_miss *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

static int S_coverage(S_opts *o) {
    if (o->npos != 1) {
        fprintf(stderr, "sitrep dict coverage: expected one PLOVER TSV file\n");
        return EX_USAGE;
    }
    FILE *f = fopen(o->pos[0], "r");
    if (!f) {
        fprintf(stderr, "sitrep dict coverage: cannot open %s\n", o->pos[0]);
        return EX_NOINPUT;
    }
    int rc;
    sitrep_dict *d = S_load(o->dicts, o->ndicts, o->stems, &rc);
    if (!d) {
        fclose(f);
        return rc;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int col_src = -1, col_tgt = -1;
    size_t mentions = 0, resolved = 0, by_actor = 0, lineno = 0;
    S_miss *miss = NULL;
    size_t nmiss = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        char *fields[64];
        int nf = 0;
        char *p = line;
        while (nf < 64) {
            fields[nf++] = p;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = '\0';
            p = t + 1;
        }
        if (lineno == 1) {
            for (int k = 0; k < nf; k++) {
                if (strcmp(fields[k], "source") == 0) col_src = k;
                if (strcmp(fields[k], "target") == 0) col_tgt = k;
            }
            if (col_src < 0 && col_tgt < 0) {
                fprintf(stderr, "%s:1: no 'source' or 'target' column in the header\n",
                        o->pos[0]);
                rc = EX_DATAERR;
                break;
            }
            continue;
        }
        int cols[2] = {col_src, col_tgt};
        for (int c = 0; c < 2; c++) {
            if (cols[c] < 0 || cols[c] >= nf) continue;
            const char *m = fields[cols[c]];
            while (*m == ' ') m++;
            if (!*m) continue;
            mentions++;
            sitrep_error err;
            char *res = sitrep_dict_lookup(d, m, NULL, &err);
            int ok = res && res[0] != '\n';
            if (ok) {
                resolved++;
                if (strstr(res, "\nactor\t")) by_actor++;
            } else {
                char low[512];
                size_t k = 0;
                for (; k < sizeof low - 1 && m[k]; k++) low[k] = (char)tolower((unsigned char)m[k]);
                low[k] = '\0';
                size_t j = 0;
                for (; j < nmiss; j++)
                    if (strcmp(miss[j].text, low) == 0) break;
                if (j < nmiss) {
                    miss[j].count++;
                } else {
                    S_miss *nm = realloc(miss, (nmiss + 1) * sizeof *nm);
                    if (nm) miss = nm;
                    /* no NULL texts: S_miss_cmp compares them */
                    if (nm && (miss[nmiss].text = strdup(low))) {
                        miss[nmiss].count = 1;
                        nmiss++;
                    }
                }
            }
            free(res);
        }
    }
    free(line);
    fclose(f);
    if (rc == EX_OK) {
        printf("mentions\t%zu\n", mentions);
        printf("resolved\t%zu\n", resolved);
        printf("coverage\t%.4f\n", mentions ? (double)resolved / (double)mentions : 0.0);
        printf("resolved_by_actor\t%zu\n", by_actor);
        printf("actor_coverage\t%.4f\n", mentions ? (double)by_actor / (double)mentions : 0.0);
        /* miss is NULL when every mention resolved */
        if (nmiss) qsort(miss, nmiss, sizeof *miss, S_miss_cmp);
        for (size_t k = 0; k < nmiss && (long)k < o->top; k++)
            printf("unresolved\t%zu\t%s\n", miss[k].count, miss[k].text);
    }
    for (size_t k = 0; k < nmiss; k++) free(miss[k].text);
    free(miss);
    sitrep_dict_free(d);
    return rc;
}

int cmd_dict(int argc, char **argv) {
    if (argc < 2) {
        S_help(stderr);
        return EX_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        S_help(stdout);
        return EX_OK;
    }
    S_opts o;
    int rc = S_parse(argc - 2, argv + 2, &o);
    if (rc == 0) {
        if (strcmp(sub, "check") == 0) rc = S_check(&o);
        else if (strcmp(sub, "lookup") == 0) rc = S_lookup(&o);
        else if (strcmp(sub, "stats") == 0) rc = S_stats(&o);
        else if (strcmp(sub, "coverage") == 0) rc = S_coverage(&o);
        else {
            fprintf(stderr, "sitrep dict: unknown subcommand '%s' (check, lookup, stats, "
                            "coverage)\n", sub);
            rc = EX_USAGE;
        }
    } else if (rc < 0) {
        rc = EX_OK;
    }
    free(o.dicts);
    free(o.pos);
    return rc;
}
