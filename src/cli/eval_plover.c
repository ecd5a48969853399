/* eval_plover.c - `sitrep eval plover GOLD.tsv`: recall of gold (source,
 * target, PLOVER category) pairs from a PLOVER-annotated TSV (the
 * Zero-Shot-PLOVER layout: a header row naming the columns `sentence`,
 * `source`, `target` and `gold_root`; source and target are substrings of
 * the sentence).
 *
 * A gold pair is matched by an event of its sentence whose source span
 * overlaps the gold source and whose target span overlaps the gold target.
 * Figures: recall (matched pairs whose event category equals the gold
 * root), pair recall (matched pairs, any category), category accuracy on
 * matched pairs, and the confusion of categories. The dataset's YIELD
 * covers PLOVER 2021's RETREAT and CONCEDE, which are scored as YIELD. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"
#include "coder/coder.h"
#include "dict/dict.h"
#include "text/article.h"
#include "util/arena.h"
#include "util/buf.h"

int cmd_eval_plover(int argc, char **argv);
sitrep_dict *sr_cli_load_dict(const char *const *paths, size_t n);

static const char *S_norm_cat(const char *c) {
    if (!c || !*c) return "(none)";
    if (strcmp(c, "RETREAT") == 0 || strcmp(c, "CONCEDE") == 0) return "YIELD";
    return c;
}

/* Splits a TSV line in place into at most max fields. */
static int S_split(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static int S_find_span(const char *sent, const char *needle, size_t *s, size_t *e) {
    if (!needle || !*needle) return -1;
    const char *p = strstr(sent, needle);
    if (!p) p = strcasestr(sent, needle);
    if (!p) return -1;
    *s = (size_t)(p - sent);
    *e = *s + strlen(needle);
    return 0;
}

static int S_overlap(size_t a, size_t b, size_t c, size_t d) { return a < d && c < b; }

/* For -v: the first actor code the coder's noun-phrase reading gives any
 * token inside bytes [s, e) of the article ("-" when none), so a miss can
 * be told apart as "no actor there" or "actor there, no event". */
static const char *S_span_actor(const sitrep_dict *d, const sitrep_article *a, size_t s,
                                size_t e, sr_arena *ar, char *buf, size_t cap) {
    snprintf(buf, cap, "-");
    for (size_t si = 0; a && si < a->nsents; si++) {
        const sr_sentence *st = &a->sents[si];
        if (!S_overlap(s, e, st->start, st->end)) continue;
        sr_sent_actors sa;
        const sr_token *tk = sr_sent_tokens(a, st);
        if (sr_actors_sentence(&sa, d, tk, (int32_t)st->ntok, 0, NULL, ar) != 0) return buf;
        for (int32_t i = 0; i < (int32_t)st->ntok; i++) {
            if (!S_overlap(s, e, tk[i].start, tk[i].end)) continue;
            const sr_actor_ref *r = sr_actors_np(&sa, i);
            if (r && r->code) {
                snprintf(buf, cap, "%s", r->code);
                return buf;
            }
        }
    }
    return buf;
}

#define S_MAXCAT 32
typedef struct { char name[24]; } S_cat;

static int S_cat_index(S_cat *cats, int *n, const char *name) {
    for (int i = 0; i < *n; i++)
        if (strcmp(cats[i].name, name) == 0) return i;
    if (*n >= S_MAXCAT) return S_MAXCAT - 1;
    snprintf(cats[*n].name, sizeof cats[0].name, "%s", name);
    return (*n)++;
}

static void S_usage(FILE *out) {
    fprintf(out,
            "usage: sitrep eval plover [OPTIONS] GOLD.tsv\n"
            "  -m, --model PATH   tagger/parser model file or directory (default: models/)\n"
            "  -d, --dict PATH    dictionary file/dir (repeatable; default: data/dict)\n"
            "      --no-default-dict  do not load data/dict\n"
            "      --date YYYY-MM-DD  article date for actor date restrictions (2019-01-01)\n"
            "  -v, --verbose      print every gold pair with the events found\n");
}

int cmd_eval_plover(int argc, char **argv) {
    static const struct option lo[] = {{"model", required_argument, 0, 'm'},
                                       {"dict", required_argument, 0, 'd'},
                                       {"no-default-dict", no_argument, 0, 'N'},
                                       {"date", required_argument, 0, 'D'},
                                       {"verbose", no_argument, 0, 'v'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *model_path = NULL, *date = "2019-01-01";
    const char *paths[17];
    size_t np = 0;
    int use_default = 1, verbose = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "m:d:vh", lo, NULL)) != -1) {
        switch (ch) {
        case 'm': model_path = optarg; break;
        case 'd':
            if (sr_cli_add_dict("eval plover", paths, &np, 16, optarg)) return EX_USAGE;
            break;
        case 'N': use_default = 0; break;
        case 'D': date = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': S_usage(stdout); return EX_OK;
        default: S_usage(stderr); return EX_USAGE;
        }
    }
    if (optind + 1 != argc) {
        S_usage(stderr);
        return EX_USAGE;
    }
    const char *gold = argv[optind];
    char ddir[1024];
    if (use_default) {
        if (sr_data_path("dict", ddir, sizeof ddir) != 0) {
            fprintf(stderr, "sitrep eval plover: data/dict not found (set $SITREP_DATA)\n");
            return EX_NOINPUT;
        }
        paths[np++] = ddir;
    }
    FILE *fp = fopen(gold, "r");
    if (!fp) {
        fprintf(stderr, "sitrep eval plover: cannot open %s\n", gold);
        return EX_NOINPUT;
    }
    sitrep_dict *dict = sr_cli_load_dict(paths, np);
    if (!dict) {
        fclose(fp);
        return EX_NOINPUT;
    }
    sitrep_error err = {0};
    sitrep_model *model = sitrep_model_load(model_path, &err); /* NULL: default */
    if (!model) {
        sr_cli_report(&err);
        sitrep_dict_free(dict);
        fclose(fp);
        return EX_NOINPUT;
    }
    sitrep_coder *coder = sitrep_coder_new(model, dict, &err);
    int rc = EX_OK;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int c_sent = -1, c_src = -1, c_tgt = -1, c_root = -1;
    size_t lineno = 0, pairs = 0, matched = 0, correct = 0;
    S_cat cats[S_MAXCAT];
    int ncat = 0;
    static int conf[S_MAXCAT][S_MAXCAT];
    memset(conf, 0, sizeof conf);
    char *last_sent = NULL;
    sitrep_article *a = NULL;
    sitrep_events *ev = NULL;
    sr_arena diag;
    sr_arena_init(&diag, 1 << 16);
    while (coder && (len = getline(&line, &lcap, fp)) > 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        char *f[32];
        int nf = S_split(line, f, 32);
        if (lineno == 1) {
            for (int i = 0; i < nf; i++) {
                if (strcmp(f[i], "sentence") == 0) c_sent = i;
                else if (strcmp(f[i], "source") == 0) c_src = i;
                else if (strcmp(f[i], "target") == 0) c_tgt = i;
                else if (strcmp(f[i], "gold_root") == 0) c_root = i;
            }
            if (c_sent < 0 || c_src < 0 || c_tgt < 0 || c_root < 0) {
                fprintf(stderr, "%s:1: header lacks sentence/source/target/gold_root columns\n", gold);
                rc = EX_DATAERR;
                break;
            }
            continue;
        }
        int need = c_sent > c_src ? c_sent : c_src;
        if (c_tgt > need) need = c_tgt;
        if (c_root > need) need = c_root;
        if (nf <= need) {
            fprintf(stderr, "%s:%zu: expected %d fields, got %d (skipped)\n", gold, lineno, need + 1, nf);
            continue;
        }
        const char *sent = f[c_sent];
        if (!last_sent || strcmp(last_sent, sent) != 0) {
            sitrep_events_free(ev);
            sitrep_article_free(a);
            ev = NULL;
            free(last_sent);
            last_sent = strdup(sent);
            char id[32];
            snprintf(id, sizeof id, "plv-%zu", lineno);
            sitrep_article_info info = {.id = id, .date = date, .is_html = 0};
            a = sitrep_article_new(&info, sent, strlen(sent), &err);
            ev = a ? sitrep_code_article(coder, a, &err) : NULL;
        }
        pairs++;
        size_t ss, se, ts, te;
        const char *gcat = S_norm_cat(f[c_root]);
        int gi = S_cat_index(cats, &ncat, gcat);
        if (S_find_span(sent, f[c_src], &ss, &se) != 0 || S_find_span(sent, f[c_tgt], &ts, &te) != 0) {
            conf[gi][S_cat_index(cats, &ncat, "(unmatched)")]++;
            continue;
        }
        const sitrep_event *best = NULL;
        int good = 0;
        for (size_t k = 0; k < sitrep_events_count(ev); k++) {
            const sitrep_event *e = sitrep_events_get(ev, k);
            if (!S_overlap(ss, se, e->source_start, e->source_end) ||
                !S_overlap(ts, te, e->target_start, e->target_end))
                continue;
            if (!best) best = e;
            if (strcmp(S_norm_cat(e->plover_category), gcat) == 0) {
                best = e;
                good = 1;
                break;
            }
        }
        if (best) {
            matched++;
            correct += good;
        }
        const char *pc = best ? S_norm_cat(best->plover_category) : "(unmatched)";
        conf[gi][S_cat_index(cats, &ncat, pc)]++;
        if (verbose) {
            char sb[64], tb[64];
            sr_arena_reset(&diag);
            printf("%s\t%s\t%s\t%s\t", good ? "ok" : best ? "cat" : "miss", gcat, f[c_src], f[c_tgt]);
            printf("%s\t%s\t", S_span_actor(dict, a, ss, se, &diag, sb, sizeof sb),
                   S_span_actor(dict, a, ts, te, &diag, tb, sizeof tb));
            for (size_t k = 0; k < sitrep_events_count(ev); k++) {
                const sitrep_event *e = sitrep_events_get(ev, k);
                printf("[%s %s %s %s '%s'->'%s'] ", e->source_code, e->target_code, e->cameo,
                       e->plover_category, e->source_text ? e->source_text : "",
                       e->target_text ? e->target_text : "");
            }
            printf("\t%s\n", sent);
        }
    }
    if (!coder) {
        sr_cli_report(&err);
        rc = EX_SOFTWARE;
    }
    if (rc == EX_OK) {
        printf("## eval plover %s\n", gold);
        printf("pairs: %zu\n", pairs);
        printf("recall: %.1f%% (%zu/%zu: spans and category match)\n",
               pairs ? 100.0 * (double)correct / (double)pairs : 0, correct, pairs);
        printf("pair-recall: %.1f%% (%zu/%zu: spans match, any category)\n",
               pairs ? 100.0 * (double)matched / (double)pairs : 0, matched, pairs);
        printf("category-accuracy: %.1f%% (%zu/%zu matched pairs)\n",
               matched ? 100.0 * (double)correct / (double)matched : 0, correct, matched);
        printf("confusion (rows gold, columns predicted; only non-zero):\n");
        for (int i = 0; i < ncat; i++) {
            int any = 0;
            for (int j = 0; j < ncat; j++)
                if (conf[i][j]) {
                    if (!any) printf("  %-10s", cats[i].name);
                    any = 1;
                    printf(" %s=%d", cats[j].name, conf[i][j]);
                }
            if (any) printf("\n");
        }
    }
    sr_arena_free(&diag);
    free(line);
    free(last_sent);
    sitrep_events_free(ev);
    sitrep_article_free(a);
    sitrep_coder_free(coder);
    sitrep_model_free(model);
    sitrep_dict_free(dict);
    fclose(fp);
    return rc;
}
