/* cmd_validate.c - `sitrep validate FILE.xml`: runs a PETRARCH validation
 * file (the unit-test suite format) through the raw-text pipeline and
 * scores the events against the expected codings.
 * Model discovery and dictionary loading live in cli_common.c. */
#include <errno.h>
#include <expat.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include "cli.h"
#include "coder/coder.h"
#include "dict/dict.h"
#include "util/buf.h"

/* ------------------------------------------------------------------ */
/* The validation file                                                 */
/* ------------------------------------------------------------------ */

typedef struct { char src[64], tgt[64], code[16]; } S_triple;

/* PETRARCH's run-time options that a <Config> element changes from the
 * point where it stands on (PETR_config.ini defaults). */
typedef struct S_config {
    int require_dyad, new_actor_length;
    int comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax;
} S_config;

static const S_config S_config_default = {1, 0, 2, 8, 0, 0, 2, 8};

typedef struct S_record {
    char id[64], date[16], category[32];
    int sentence;        /* sentence="true" */
    int noevents, error; /* marked to produce nothing */
    char errkind[32];
    S_triple *exp;
    size_t nexp;
    sr_buf text;
    size_t line;
    S_config cfg; /* the <Config> options in force at the record */
} S_record;

typedef struct S_file {
    char verbfile[512], actorfile[512], agentfile[512], discardfile[512], issuefile[512];
    char include[1024];
    struct { char opt[64], val[64]; } config[16];
    int nconfig;
    S_config cur; /* options in force at the current point of the file */
    S_record *recs;
    size_t nrecs, cap;
    /* parser state */
    sr_buf chars;
    int in_text, in_env_field;
    char env_field[32];
    XML_Parser xp;
} S_file;

static const char *S_attr(const XML_Char **atts, const char *name) {
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(atts[i], name)) return atts[i + 1];
    return NULL;
}

static void S_copy_code(char *out, size_t cap, const char *s) {
    /* strip quotes and blanks: '"GRYFFINDOR HEAD"' -> GRYFFINDOR HEAD */
    while (*s == ' ' || *s == '"' || *s == '\'') s++;
    /* PETRARCH writes an agent without a country as "---GOV"; sitrep
     * writes "GOV". A lone "---" (no actor at all) stays unmatchable. */
    if (!strncmp(s, "---", 3) && s[3] && s[3] != '"' && s[3] != '\'' && s[3] != ' ') s += 3;
    snprintf(out, cap, "%s", s);
    size_t l = strlen(out);
    while (l && (out[l - 1] == ' ' || out[l - 1] == '"' || out[l - 1] == '\'')) out[--l] = 0;
}

/* One <Config option= value=>, as PETRARCH reads it: require_dyad is
 * false when the value contains "false" (any case); the integer options
 * ignore a non-number. Unknown options are ignored. */
static void S_config_set(S_config *c, const char *opt, const char *val) {
    if (!strcmp(opt, "require_dyad")) {
        int f = 0;
        for (const char *p = val; *p && !f; p++) f = !strncasecmp(p, "false", 5);
        c->require_dyad = !f;
        return;
    }
    char *end;
    long n = strtol(val, &end, 10);
    if (end == val || n < 0 || n > 1000) return;
    int *dst = !strcmp(opt, "new_actor_length") ? &c->new_actor_length
               : !strcmp(opt, "comma_min")      ? &c->comma_min
               : !strcmp(opt, "comma_max")      ? &c->comma_max
               : !strcmp(opt, "comma_bmin")     ? &c->comma_bmin
               : !strcmp(opt, "comma_bmax")     ? &c->comma_bmax
               : !strcmp(opt, "comma_emin")     ? &c->comma_emin
               : !strcmp(opt, "comma_emax")     ? &c->comma_emax : NULL;
    if (dst) *dst = (int)n;
}

static void XMLCALL S_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    S_file *f = ud;
    if (!strcmp(name, "Sentence")) {
        if (f->nrecs == f->cap) {
            size_t cap = f->cap ? f->cap * 2 : 64;
            S_record *r = realloc(f->recs, cap * sizeof *r);
            if (!r) return;
            f->recs = r;
            f->cap = cap;
        }
        S_record *r = &f->recs[f->nrecs++];
        memset(r, 0, sizeof *r);
        const char *v;
        if ((v = S_attr(atts, "id"))) snprintf(r->id, sizeof r->id, "%s", v);
        if ((v = S_attr(atts, "date"))) snprintf(r->date, sizeof r->date, "%s", v);
        if ((v = S_attr(atts, "category"))) snprintf(r->category, sizeof r->category, "%s", v);
        v = S_attr(atts, "sentence");
        r->sentence = v && !strcasecmp(v, "true");
        r->line = (size_t)XML_GetCurrentLineNumber(f->xp);
        r->cfg = f->cur;
    } else if (!strcmp(name, "EventCoding") && f->nrecs) {
        S_record *r = &f->recs[f->nrecs - 1];
        const char *v;
        if ((v = S_attr(atts, "noevents")) && !strcasecmp(v, "true")) r->noevents = 1;
        if ((v = S_attr(atts, "error"))) {
            r->error = 1;
            snprintf(r->errkind, sizeof r->errkind, "%s", v);
        }
        const char *s = S_attr(atts, "sourcecode"), *t = S_attr(atts, "targetcode"),
                   *e = S_attr(atts, "eventcode");
        if (s || t || e) {
            S_triple *x = realloc(r->exp, (r->nexp + 1) * sizeof *x);
            if (!x) return;
            r->exp = x;
            S_triple *tr = &r->exp[r->nexp++];
            S_copy_code(tr->src, sizeof tr->src, s ? s : "");
            S_copy_code(tr->tgt, sizeof tr->tgt, t ? t : "");
            S_copy_code(tr->code, sizeof tr->code, e ? e : "");
        }
    } else if (!strcmp(name, "Text") && f->nrecs) {
        f->in_text = 1;
        sr_buf_clear(&f->chars);
    } else if (!strcmp(name, "Config")) {
        const char *o = S_attr(atts, "option"), *v = S_attr(atts, "value");
        if (o) S_config_set(&f->cur, o, v ? v : "");
        if (o && f->nconfig < 16) {
            snprintf(f->config[f->nconfig].opt, 64, "%s", o);
            snprintf(f->config[f->nconfig].val, 64, "%s", v ? v : "");
            f->nconfig++;
        }
    } else if (!strcmp(name, "Verbfile") || !strcmp(name, "Actorfile") ||
               !strcmp(name, "Agentfile") || !strcmp(name, "Discardfile") ||
               !strcmp(name, "Issuefile") || !strcmp(name, "Include")) {
        f->in_env_field = 1;
        snprintf(f->env_field, sizeof f->env_field, "%s", name);
        sr_buf_clear(&f->chars);
    }
}

static void S_trim_into(char *out, size_t cap, const char *s) {
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
    snprintf(out, cap, "%s", s);
    size_t l = strlen(out);
    while (l && (out[l - 1] == ' ' || out[l - 1] == '\n' || out[l - 1] == '\t' || out[l - 1] == '\r'))
        out[--l] = 0;
}

static void XMLCALL S_end(void *ud, const XML_Char *name) {
    S_file *f = ud;
    if (!strcmp(name, "Text") && f->in_text && f->nrecs) {
        S_record *r = &f->recs[f->nrecs - 1];
        sr_buf_clear(&r->text);
        /* Collapse the hard line breaks of the file into spaces. */
        const char *s = f->chars.data ? f->chars.data : "";
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
        int sp = 0;
        for (; *s; s++) {
            if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
                sp = 1;
                continue;
            }
            if (sp && r->text.len) sr_buf_putc(&r->text, ' ');
            sp = 0;
            sr_buf_putc(&r->text, *s);
        }
        f->in_text = 0;
    } else if (f->in_env_field && !strcmp(name, f->env_field)) {
        const char *s = f->chars.data ? f->chars.data : "";
        char *dst = !strcmp(name, "Verbfile") ? f->verbfile
                    : !strcmp(name, "Actorfile") ? f->actorfile
                    : !strcmp(name, "Agentfile") ? f->agentfile
                    : !strcmp(name, "Discardfile") ? f->discardfile
                    : !strcmp(name, "Issuefile") ? f->issuefile : f->include;
        S_trim_into(dst, !strcmp(name, "Include") ? sizeof f->include : sizeof f->verbfile, s);
        f->in_env_field = 0;
    }
}

static void XMLCALL S_chars(void *ud, const XML_Char *s, int len) {
    S_file *f = ud;
    if (f->in_text || f->in_env_field) sr_buf_append(&f->chars, s, (size_t)len);
}

static void S_file_free(S_file *f) {
    for (size_t i = 0; i < f->nrecs; i++) {
        free(f->recs[i].exp);
        sr_buf_free(&f->recs[i].text);
    }
    free(f->recs);
    sr_buf_free(&f->chars);
}

static int S_read_file(const char *path, S_file *f, sitrep_error *err) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err->msg, sizeof err->msg, "cannot open %s: %s", path, strerror(errno));
        err->code = SITREP_E_IO;
        return -2;
    }
    f->xp = XML_ParserCreate("UTF-8");
    XML_SetUserData(f->xp, f);
    XML_SetElementHandler(f->xp, S_start, S_end);
    XML_SetCharacterDataHandler(f->xp, S_chars);
    char buf[65536];
    int rc = 0;
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, fp);
        int done = n < sizeof buf;
        if (XML_Parse(f->xp, buf, (int)n, done) == XML_STATUS_ERROR) {
            err->code = SITREP_E_SYNTAX;
            snprintf(err->file, sizeof err->file, "%s", path);
            err->line = (size_t)XML_GetCurrentLineNumber(f->xp);
            err->col = (size_t)XML_GetCurrentColumnNumber(f->xp) + 1;
            snprintf(err->msg, sizeof err->msg, "malformed XML: %s",
                     XML_ErrorString(XML_GetErrorCode(f->xp)));
            rc = -1;
            break;
        }
        if (done) break;
    }
    XML_ParserFree(f->xp);
    f->xp = NULL;
    fclose(fp);
    return rc;
}

/* Resolves a dictionary name from <Environment> relative to the XML file:
 * next to it, then ../dictionaries/, then dictionaries/. */
static int S_resolve(const char *xml, const char *name, char *out, size_t cap) {
    struct stat st;
    if (!name[0]) return -1;
    if (name[0] == '/') {
        snprintf(out, cap, "%s", name);
        return stat(out, &st) == 0 ? 0 : -1;
    }
    char dir[1024];
    if (snprintf(dir, sizeof dir, "%s", xml) >= (int)sizeof dir) return -1;
    char *sl = strrchr(dir, '/');
    if (sl) *sl = 0;
    else snprintf(dir, sizeof dir, ".");
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *cands[][2] = {{"", name}, {"/../dictionaries", base}, {"/dictionaries", base},
                              {"", base}};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        if (snprintf(out, cap, "%s%s/%s", dir, cands[i][0], cands[i][1]) >= (int)cap) continue;
        if (stat(out, &st) == 0) return 0;
    }
    return -1;
}

static int S_in_include(const char *include, const char *cat) {
    if (!include[0]) return 1;
    size_t l = strlen(cat);
    for (const char *p = include; *p;) {
        while (*p == ' ' || *p == ',') p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != ',') q++;
        if ((size_t)(q - p) == l && !strncmp(p, cat, l)) return 1;
        p = q;
    }
    return 0;
}

static int S_has_null(const S_triple *t) {
    return !strcmp(t->src, "---") || !strcmp(t->tgt, "---") || !t->src[0] || !t->tgt[0] ||
           strchr(t->src, ' ') || strchr(t->tgt, ' ');
}

static void S_usage(FILE *out) {
    fprintf(out,
            "usage: sitrep validate [OPTIONS] FILE.xml\n"
            "Codes every active record (sentence=\"true\", category in <Include>) of a\n"
            "PETRARCH validation file from its raw <Text> and compares the events with\n"
            "the expected <EventCoding>s. Dictionaries come from <Environment>, resolved\n"
            "next to the file, then in ../dictionaries/. <Config> options (require_dyad,\n"
            "comma_*) apply from the point where they stand, as in PETRARCH.\n\n"
            "  -m, --model PATH   tagger/parser model file or directory (default: models/)\n"
            "  -d, --dict PATH    extra dictionary file or directory (repeatable)\n"
            "  -q, --quiet        print only failures and the summary\n"
            "      --id ID        run only record ID\n"
            "      --no-coref     no pronoun/last-name coreference\n"
            "      --use-parse    (accepted for compatibility; the <Parse> trees are ignored)\n"
            "  -h, --help         this help\n");
}

int cmd_validate(int argc, char **argv) {
    static const struct option lo[] = {{"model", required_argument, 0, 'm'},
                                       {"dict", required_argument, 0, 'd'},
                                       {"quiet", no_argument, 0, 'q'},
                                       {"id", required_argument, 0, 'i'},
                                       {"no-coref", no_argument, 0, 'C'},
                                       {"use-parse", no_argument, 0, 'P'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *model_path = NULL, *only = NULL;
    const char *extra[16];
    size_t nextra = 0;
    int quiet = 0, coref = 1, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "m:d:qh", lo, NULL)) != -1) {
        switch (ch) {
        case 'm': model_path = optarg; break;
        case 'd':
            if (sr_cli_add_dict("validate", extra, &nextra, 16, optarg)) return EX_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'i': only = optarg; break;
        case 'C': coref = 0; break;
        case 'P': break;
        case 'h': S_usage(stdout); return EX_OK;
        default: S_usage(stderr); return EX_USAGE;
        }
    }
    if (optind + 1 != argc) {
        S_usage(stderr);
        return EX_USAGE;
    }
    const char *xml = argv[optind];
    S_file f;
    memset(&f, 0, sizeof f);
    f.cur = S_config_default;
    sitrep_error err = {0};
    int rr = S_read_file(xml, &f, &err);
    if (rr != 0) {
        S_file_free(&f);
        int code = sr_cli_report(&err);
        return rr == -2 ? EX_NOINPUT : code;
    }
    /* Dictionaries. */
    const char *paths[24];
    char resolved[5][1024];
    size_t np = 0;
    const char *names[5] = {f.verbfile, f.actorfile, f.agentfile, f.discardfile, f.issuefile};
    for (int i = 0; i < 5; i++) {
        if (!names[i][0]) continue;
        if (S_resolve(xml, names[i], resolved[i], sizeof resolved[i]) != 0) {
            fprintf(stderr, "sitrep validate: %s: dictionary '%s' not found (tried next to the file "
                            "and in ../dictionaries/)\n", xml, names[i]);
            S_file_free(&f);
            return EX_NOINPUT;
        }
        paths[np++] = resolved[i];
    }
    for (size_t i = 0; i < nextra; i++) paths[np++] = extra[i];
    if (np == 0) {
        fprintf(stderr, "sitrep validate: %s: no dictionaries in <Environment> and no --dict\n", xml);
        S_file_free(&f);
        return EX_DATAERR;
    }
    sitrep_dict *dict = sr_cli_load_dict(paths, np);
    if (!dict) {
        S_file_free(&f);
        return EX_NOINPUT;
    }
    /* NULL: the model library's default (models/, $SITREP_MODELS). */
    sitrep_model *model = sitrep_model_load(model_path, &err);
    if (!model) {
        sitrep_dict_free(dict);
        S_file_free(&f);
        return sr_cli_report(&err);
    }
    sitrep_coder *coder = sitrep_coder_new(model, dict, &err);
    if (!coder) {
        sitrep_model_free(model);
        sitrep_dict_free(dict);
        S_file_free(&f);
        return sr_cli_report(&err);
    }
    sr_coder_opts opts;
    sr_coder_set_opts(coder, NULL);
    memset(&opts, 0, sizeof opts);
    opts.allow_unknown_codes = 1;
    opts.coref = coref;
    opts.combine = 1;
    opts.nominal = 0;
    opts.max_events = 256;
    sr_coder_set_opts(coder, &opts);

    /* Names point into f.recs, which lives until S_file_free below. */
    struct { const char *name; int total, exact; } cats[32] = {{0}};
    int ncats = 0;
    size_t active = 0, exact = 0, exact_nn = 0, tp = 0, nexp = 0, nprod = 0, crashes = 0;
    for (size_t i = 0; i < f.nrecs; i++) {
        S_record *r = &f.recs[i];
        if (!r->sentence || !S_in_include(f.include, r->category)) continue;
        if (only && strcmp(only, r->id) != 0) continue;
        active++;
        opts.null_target = !r->cfg.require_dyad;
        opts.new_actor_len = r->cfg.new_actor_length;
        opts.comma_min = r->cfg.comma_min;
        opts.comma_max = r->cfg.comma_max;
        opts.comma_bmin = r->cfg.comma_bmin;
        opts.comma_bmax = r->cfg.comma_bmax;
        opts.comma_emin = r->cfg.comma_emin;
        opts.comma_emax = r->cfg.comma_emax;
        sr_coder_set_opts(coder, &opts);
        char date[16] = "";
        if (strlen(r->date) == 8)
            snprintf(date, sizeof date, "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
        sitrep_article_info info = {.id = r->id, .date = date, .is_html = 0};
        const char *text = r->text.data ? r->text.data : "";
        sitrep_article *a = sitrep_article_new(&info, text, strlen(text), &err);
        sitrep_events *ev = a ? sitrep_code_article(coder, a, &err) : NULL;
        if (!ev) crashes++;
        /* Produced set (deduplicated). */
        size_t ne = sitrep_events_count(ev);
        S_triple *prod = calloc(ne ? ne : 1, sizeof *prod);
        size_t npr = 0;
        for (size_t k = 0; k < ne && prod; k++) {
            const sitrep_event *e = sitrep_events_get(ev, k);
            S_triple t;
            snprintf(t.src, sizeof t.src, "%s", e->source_code);
            snprintf(t.tgt, sizeof t.tgt, "%s", e->target_code);
            snprintf(t.code, sizeof t.code, "%s", e->cameo);
            int dup = 0;
            for (size_t q = 0; q < npr; q++)
                if (!memcmp(&prod[q], &t, sizeof t)) dup = 1;
            if (!dup) prod[npr++] = t;
        }
        size_t hit = 0, expn = (r->noevents || r->error) ? 0 : r->nexp, exp_nn = 0, hit_nn = 0;
        for (size_t q = 0; q < expn; q++) {
            int nn = !S_has_null(&r->exp[q]);
            exp_nn += nn;
            for (size_t k = 0; k < npr; k++)
                if (!strcmp(prod[k].src, r->exp[q].src) && !strcmp(prod[k].tgt, r->exp[q].tgt) &&
                    !strcmp(prod[k].code, r->exp[q].code)) {
                    hit++;
                    hit_nn += nn;
                    break;
                }
        }
        int ok = hit == expn && npr == expn;
        size_t npr_nn = 0; /* produced triples without a null or free-text actor */
        for (size_t k = 0; k < npr; k++) npr_nn += !S_has_null(&prod[k]);
        int ok_nn = hit_nn == exp_nn && npr_nn == exp_nn;
        exact += ok;
        exact_nn += ok_nn;
        tp += hit;
        nexp += expn;
        nprod += npr;
        int ci = 0;
        for (; ci < ncats && strcmp(cats[ci].name, r->category) != 0; ci++) {}
        if (ci == ncats && ncats < 32) {
            cats[ncats].name = r->category;
            cats[ncats].total = cats[ncats].exact = 0;
            ncats++;
        }
        if (ci < 32) {
            cats[ci].total++;
            cats[ci].exact += ok;
        }
        if (!quiet || !ok) {
            printf("%-5s %-18s %-9s expected:", ok ? "ok" : "FAIL", r->id, r->category);
            if (r->noevents) printf(" (no events)");
            if (r->error) printf(" (error=%s)", r->errkind);
            for (size_t q = 0; q < expn; q++)
                printf(" %s-%s-%s", r->exp[q].src, r->exp[q].tgt, r->exp[q].code);
            printf(" | produced:");
            if (!npr) printf(" (none)");
            for (size_t k = 0; k < npr; k++) printf(" %s-%s-%s", prod[k].src, prod[k].tgt, prod[k].code);
            printf("\n");
        }
        free(prod);
        sitrep_events_free(ev);
        sitrep_article_free(a);
    }
    double P = nprod ? (double)tp / (double)nprod : 0, R = nexp ? (double)tp / (double)nexp : 0;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    printf("\n## validate %s\n", xml);
    printf("records: %zu active\n", active);
    printf("exact: %zu/%zu = %.1f%%\n", exact, active, active ? 100.0 * (double)exact / (double)active : 0);
    printf("exact-ignoring-null-actor-triples: %zu/%zu = %.1f%%\n", exact_nn, active,
           active ? 100.0 * (double)exact_nn / (double)active : 0);
    printf("events: expected %zu, produced %zu, correct %zu\n", nexp, nprod, tp);
    printf("precision: %.3f recall: %.3f f1: %.3f\n", P, R, F);
    printf("crashes: %zu\n", crashes);
    printf("by category (exact/total):");
    for (int i = 0; i < ncats; i++) printf(" %s %d/%d", cats[i].name, cats[i].exact, cats[i].total);
    printf("\n");
    sitrep_coder_free(coder);
    sitrep_model_free(model);
    sitrep_dict_free(dict);
    S_file_free(&f);
    return EX_OK;
}
