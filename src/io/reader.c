/* reader.c - sitrep_reader: plain text, JSON Lines, PETRARCH XML and
 * CoNLL-U inputs from files, directories and stdin (see docs/formats.md).
 *
 * Inputs are expanded at open (directories walked recursively in sorted
 * byte order, hidden entries skipped) so that missing paths fail at once;
 * then each file is opened lazily, its format detected, and records are
 * streamed from it: JSON Lines and text line by line through sr_src (so
 * stdin never has to fit in memory), XML through expat in chunks.
 * CoNLL-U files are read whole by the parser's sr_conllu_read. */
#include "io/reader.h"
#include <dirent.h>
#include <errno.h>
#include <expat.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "io/jsonfast.h"
#include "io/source.h"
#include "parse/conllu.h"
#include "text/article.h"
#include "text/header.h"
#include "util/buf.h"
#include "util/error.h"

enum { S_K_TITLE, S_K_DATE, S_K_SOURCE, S_K_URL, S_K_ID, S_NKEYS };

/* A finished <Sentence> waiting to be returned. */
typedef struct S_xrec {
    char *id, *date, *source, *text;
    size_t len, line;
    int too_long; /* the text passed SR_SRC_MAX_LINE and was dropped */
} S_xrec;

struct sitrep_reader {
    char **files;
    size_t nfiles, cur;
    int strict;
    sitrep_input_format forced;
    char *default_date, *default_source;
    size_t skipped;
    int stopped;
    sitrep_error stop_err;

    /* the current file */
    sr_src *src;
    sitrep_input_format fmt;
    char *base; /* basename minus .gz/.zst: ids of text articles */
    char *disp; /* path, or "stdin": ids "disp:line" of JSON Lines */
    size_t nrec; /* records read from this file */
    int file_open;

    /* the record being returned */
    sr_buf f[S_NKEYS];
    sr_buf body, scratch;
    sr_buf text; /* the JSON "text" decoded by the fast path */
    json_t *json;
    int is_html; /* of the current text record: "Format: html" header */
    char date[11];

    /* PETRARCH XML */
    XML_Parser xp;
    int xml_done;
    S_xrec *xq;
    size_t xq_n, xq_head, xq_cap;
    S_xrec xcur;
    int x_in_sent, x_in_text, x_oom;
    sr_buf x_text;
    S_xrec xret; /* the record handed out last (freed on the next call) */

    /* CoNLL-U: articles parsed from the current file */
    sitrep_article **aq;
    size_t aq_n, aq_head, aq_cap;
    int have_pending;
    sitrep_error pending;

    sitrep_reader_error_fn on_error;
    void *on_error_ctx;

    const void *mem; /* sr_reader_open_mem: the one input, in memory */
    size_t mem_len;
};

/* ---------------------------------------------------------------- */
/* Small helpers                                                    */

static int S_is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static void S_trim(const char **s, size_t *n) {
    while (*n && S_is_space(**s)) (*s)++, (*n)--;
    while (*n && S_is_space((*s)[*n - 1])) (*n)--;
}

static int S_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int sr_date_normalize(const char *s, size_t n, char out[11]) {
    const char *y, *m, *d;
    S_trim(&s, &n);
    if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
        (n == 10 || s[10] == 'T' || s[10] == ' ')) {
        y = s, m = s + 5, d = s + 8;
    } else if (n == 8 && S_digits(s, 8)) {
        y = s, m = s + 4, d = s + 6;
    } else {
        return 0;
    }
    if (!S_digits(y, 4) || !S_digits(m, 2) || !S_digits(d, 2)) return 0;
    int mo = (m[0] - '0') * 10 + (m[1] - '0');
    int dd = (d[0] - '0') * 10 + (d[1] - '0');
    int yy = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    /* Month lengths and leap years: 2025-02-29 and 2025-04-31 would
     * otherwise reach the store and sort as real days. */
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    if (mo < 1 || mo > 12 || dd < 1 || dd > mdays[mo - 1] + (mo == 2 && leap)) return 0;
    memcpy(out, y, 4);
    out[4] = '-';
    memcpy(out + 5, m, 2);
    out[7] = '-';
    memcpy(out + 8, d, 2);
    out[10] = '\0';
    return 1;
}


/* Copies s into b with every invalid UTF-8 byte replaced by U+FFFD.
 * Returns the number of bytes replaced, or -1 when out of memory. */
static long S_utf8_repair(sr_buf *b, const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    long bad = 0;
    sr_buf_clear(b);
    for (size_t i = 0; i < n;) {
        int replaced;
        size_t l = sr_buf_put_utf8_char(b, p + i, n - i, &replaced);
        if (l == 0) return -1;
        bad += replaced;
        i += l;
    }
    if (!b->data && sr_buf_append(b, "", 0)) return -1; /* NUL-terminated even when empty */
    return bad;
}

static char *S_basename_id(const char *path) {
    if (strcmp(path, "-") == 0) return strdup("stdin");
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    size_t n = strlen(b);
    static const char *const sfx[] = {".gz", ".zst", ".zstd"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(sfx[i]);
        if (n > k && strcmp(b + n - k, sfx[i]) == 0) {
            n -= k;
            break;
        }
    }
    return strndup(b, n);
}

/* ---------------------------------------------------------------- */
/* Expanding the input list                                         */

typedef struct S_list {
    char **v;
    size_t n, cap;
} S_list;

static int S_push(S_list *l, char *s) {
    if (!s) return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->v, cap * sizeof *p);
        if (!p) {
            free(s);
            return -1;
        }
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static sitrep_status S_walk(S_list *out, const char *dir, int depth, sitrep_error *err) {
    if (depth > 64) return sr_error_set(err, SITREP_E_IO, dir, 0, 0, "directories nested too deeply (a symlink loop?)");
    DIR *d = opendir(dir);
    if (!d) return sr_error_set(err, SITREP_E_IO, dir, 0, 0, "cannot open directory: %s", strerror(errno));
    S_list names = {0};
    struct dirent *e;
    sitrep_status st = SITREP_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue; /* hidden files, "." and ".." */
        if (S_push(&names, strdup(e->d_name))) {
            st = sr_error_set(err, SITREP_E_NOMEM, dir, 0, 0, "out of memory");
            break;
        }
    }
    closedir(d);
    if (!st && names.n) qsort(names.v, names.n, sizeof *names.v, S_cmp_str);
    for (size_t i = 0; i < names.n && !st; i++) {
        size_t dl = strlen(dir);
        int slash = dl && dir[dl - 1] == '/';
        char *p = malloc(dl + strlen(names.v[i]) + 2);
        if (!p) {
            st = sr_error_set(err, SITREP_E_NOMEM, dir, 0, 0, "out of memory");
            break;
        }
        sprintf(p, "%s%s%s", dir, slash ? "" : "/", names.v[i]);
        struct stat sb;
        int found = stat(p, &sb) == 0;
        if (found && S_ISDIR(sb.st_mode)) {
            st = S_walk(out, p, depth + 1, err);
            free(p);
        } else if (found && S_ISREG(sb.st_mode)) {
            if (S_push(out, p)) st = sr_error_set(err, SITREP_E_NOMEM, dir, 0, 0, "out of memory");
        } else {
            /* Dangling symlinks, fifos, sockets, devices inside a tree:
             * nothing to read, skipped. */
            free(p);
        }
    }
    for (size_t i = 0; i < names.n; i++) free(names.v[i]);
    free(names.v);
    return st;
}

sitrep_reader *sitrep_reader_open(const char *const *paths, size_t n,
                                  const sitrep_reader_opts *opts, sitrep_error *err) {
    static const char *const stdin_only[] = {"-"};
    if (n == 0 || !paths) {
        paths = stdin_only;
        n = 1;
    }
    sitrep_reader *r = calloc(1, sizeof *r);
    if (!r) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (opts) {
        r->strict = opts->strict;
        r->forced = opts->format;
        if (opts->default_date && *opts->default_date) {
            char d[11];
            if (!sr_date_normalize(opts->default_date, strlen(opts->default_date), d)) {
                sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "bad default date '%s' (expected YYYY-MM-DD)",
                             opts->default_date);
                sitrep_reader_close(r);
                return NULL;
            }
            r->default_date = strdup(d);
        }
        if (opts->default_source) r->default_source = strdup(opts->default_source);
    }
    S_list files = {0};
    sitrep_status st = SITREP_OK;
    for (size_t i = 0; i < n && !st; i++) {
        const char *p = paths[i];
        if (!p) continue;
        struct stat sb;
        if (strcmp(p, "-") == 0) {
            if (S_push(&files, strdup(p))) st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        } else if (stat(p, &sb) != 0) {
            st = sr_error_set(err, SITREP_E_IO, p, 0, 0, "cannot open: %s", strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            st = S_walk(&files, p, 0, err);
        } else if (S_push(&files, strdup(p))) {
            st = sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        }
    }
    r->files = files.v;
    r->nfiles = files.n;
    if (st) {
        sitrep_reader_close(r);
        return NULL;
    }
    return r;
}

sitrep_reader *sr_reader_open_mem(const char *name, const void *data, size_t len,
                                 const sitrep_reader_opts *opts, sitrep_error *err) {
    const char *paths[1] = {"-"};
    sitrep_reader *r = sitrep_reader_open(paths, 1, opts, err);
    if (!r) return NULL;
    if (r->nfiles != 1) { /* cannot happen: "-" is always listed, or open failed */
        sitrep_reader_close(r);
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    free(r->files[0]);
    r->files[0] = strdup(name ? name : "<memory>");
    if (!r->files[0]) {
        r->nfiles = 0;
        sitrep_reader_close(r);
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    r->mem = data ? data : "";
    r->mem_len = data ? len : 0;
    return r;
}

/* ---------------------------------------------------------------- */
/* Per-file state                                                    */

static void S_xrec_free(S_xrec *x) {
    free(x->id);
    free(x->date);
    free(x->source);
    free(x->text);
    memset(x, 0, sizeof *x);
}

static void S_close_file(sitrep_reader *r) {
    sr_src_close(r->src);
    r->src = NULL;
    free(r->base);
    free(r->disp);
    r->base = r->disp = NULL;
    if (r->xp) XML_ParserFree(r->xp);
    r->xp = NULL;
    for (size_t i = r->xq_head; i < r->xq_n; i++) S_xrec_free(&r->xq[i]);
    r->xq_n = r->xq_head = 0;
    S_xrec_free(&r->xcur);
    S_xrec_free(&r->xret);
    sr_buf_clear(&r->x_text);
    r->x_in_sent = r->x_in_text = r->x_oom = 0;
    for (size_t i = r->aq_head; i < r->aq_n; i++) sitrep_article_free(r->aq[i]);
    r->aq_n = r->aq_head = 0;
    r->have_pending = 0;
    r->file_open = 0;
    r->nrec = 0;
}

static sitrep_input_format S_format_from_name(const char *path) {
    size_t n = strlen(path);
    static const char *const sfx[] = {".gz", ".zst", ".zstd"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(sfx[i]);
        if (n > k && strcmp(path + n - k, sfx[i]) == 0) {
            n -= k;
            break;
        }
    }
    static const struct { const char *ext; sitrep_input_format f; } map[] = {
        {".jsonl", SITREP_IN_JSONL}, {".ndjson", SITREP_IN_JSONL}, {".json", SITREP_IN_JSONL},
        {".xml", SITREP_IN_PETRXML}, {".conllu", SITREP_IN_CONLLU}, {".conll", SITREP_IN_CONLLU},
        {".txt", SITREP_IN_TEXT},    {".text", SITREP_IN_TEXT},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        size_t k = strlen(map[i].ext);
        if (n > k && strncasecmp(path + n - k, map[i].ext, k) == 0) return map[i].f;
    }
    return SITREP_IN_AUTO;
}

static sitrep_input_format S_format_from_bytes(const char *p, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && S_is_space(p[i])) i++;
    if (i == n) return SITREP_IN_TEXT;
    if (p[i] == '{') return SITREP_IN_JSONL;
    if (p[i] == '<') return SITREP_IN_PETRXML;
    const char *q = p + i;
    size_t m = n - i;
    if ((m >= 8 && !memcmp(q, "# newdoc", 8)) || (m >= 9 && !memcmp(q, "# sent_id", 9)) ||
        (m >= 8 && !memcmp(q, "# text =", 8)))
        return SITREP_IN_CONLLU;
    if (q[0] >= '1' && q[0] <= '9') { /* "1\tword\tlemma..." */
        const char *nl = memchr(q, '\n', m);
        size_t ln = nl ? (size_t)(nl - q) : m, tabs = 0;
        for (size_t k = 0; k < ln; k++) tabs += q[k] == '\t';
        if (tabs == 9) return SITREP_IN_CONLLU;
    }
    return SITREP_IN_TEXT;
}

static int S_conllu_cb(void *ctx, sr_conllu_doc *doc) {
    sitrep_reader *r = ctx;
    if (r->aq_n == r->aq_cap) {
        size_t cap = r->aq_cap ? r->aq_cap * 2 : 16;
        // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized as such
        sitrep_article **p = realloc(r->aq, cap * sizeof *p);
        if (!p) {
            sitrep_article_free(doc->article);
            return 1;
        }
        r->aq = p;
        r->aq_cap = cap;
    }
    /* the reader's defaults apply to CoNLL-U documents too */
    sitrep_article *a = doc->article;
    if (!*a->date && r->default_date) a->date = sr_arena_strdup(&a->arena, r->default_date);
    if (!*a->source && r->default_source) a->source = sr_arena_strdup(&a->arena, r->default_source);
    if (!a->date || !a->source) {
        sitrep_article_free(a);
        return 1;
    }
    r->aq[r->aq_n++] = a;
    return 0;
}

static void XMLCALL S_x_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL S_x_end(void *ud, const XML_Char *name);
static void XMLCALL S_x_chars(void *ud, const XML_Char *s, int len);

/* Opens files[cur] and detects its format. On error the file is passed
 * over (cur advances) and the error returned. */
static sitrep_status S_open_file(sitrep_reader *r, sitrep_error *err) {
    const char *path = r->files[r->cur];
    if (r->mem) {
        r->src = sr_src_open_mem(path, r->mem, r->mem_len);
        if (!r->src) sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
    } else {
        r->src = sr_src_open(path, err);
    }
    if (!r->src) {
        r->cur++;
        return err ? err->code : SITREP_E_IO;
    }
    r->file_open = 1;
    r->base = S_basename_id(path);
    r->disp = strdup(strcmp(path, "-") != 0 ? path : "stdin");
    if (!r->base || !r->disp) goto oom;
    r->fmt = r->forced;
    if (r->fmt == SITREP_IN_AUTO) r->fmt = S_format_from_name(path);
    size_t avail = 0;
    const char *head = NULL;
    if (r->fmt == SITREP_IN_AUTO || r->fmt == SITREP_IN_TEXT) {
        head = sr_src_peek(r->src, 4096, &avail, err);
        if (!head) goto fail;
    }
    if (r->fmt == SITREP_IN_AUTO) r->fmt = S_format_from_bytes(head, avail);
    if (r->fmt == SITREP_IN_TEXT && memchr(head, '\0', avail)) {
        sr_error_set(err, SITREP_E_FORMAT, sr_src_name(r->src), 0, 0,
                     "binary data (NUL bytes), not a text file: skipped");
        goto fail;
    }
    if (r->fmt == SITREP_IN_PETRXML) {
        r->xp = XML_ParserCreate("UTF-8");
        if (!r->xp) goto oom;
        XML_SetUserData(r->xp, r);
        XML_SetElementHandler(r->xp, S_x_start, S_x_end);
        XML_SetCharacterDataHandler(r->xp, S_x_chars);
        r->xml_done = 0;
    } else if (r->fmt == SITREP_IN_CONLLU) {
        /* The CoNLL-U reader works on a whole buffer: read the
         * (decompressed) file, parse, queue the articles. */
        sr_buf all = SR_BUF_INIT;
        char chunk[65536];
        long k;
        while ((k = sr_src_read(r->src, chunk, sizeof chunk, err)) > 0)
            if (sr_buf_append(&all, chunk, (size_t)k)) {
                sr_buf_free(&all);
                goto oom;
            }
        if (k < 0) {
            sr_buf_free(&all);
            goto fail;
        }
        sitrep_error cerr;
        sr_error_clear(&cerr);
        sitrep_status st = sr_conllu_read(all.data ? all.data : "", all.len, sr_src_name(r->src), 0,
                                          S_conllu_cb, r, &cerr);
        sr_buf_free(&all);
        if (st) {
            r->have_pending = 1;
            r->pending = cerr;
        }
    }
    return SITREP_OK;
oom:
    sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
fail:
    S_close_file(r);
    r->cur++;
    return err ? err->code : SITREP_E_IO;
}

/* ---------------------------------------------------------------- */
/* Records                                                          */

static void S_clear_fields(sitrep_reader *r) {
    for (int k = 0; k < S_NKEYS; k++) sr_buf_clear(&r->f[k]);
    sr_buf_clear(&r->body);
    r->date[0] = '\0';
}

static const char *S_s(const sr_buf *b) { return b->data ? b->data : ""; }

/* Fills *rec from the field buffers and applies defaults. */
static void S_fill_rec(sitrep_reader *r, sr_record *rec, size_t line) {
    rec->id = S_s(&r->f[S_K_ID]);
    rec->title = S_s(&r->f[S_K_TITLE]);
    rec->url = S_s(&r->f[S_K_URL]);
    rec->source = r->f[S_K_SOURCE].len ? r->f[S_K_SOURCE].data
                                       : (r->default_source ? r->default_source : "");
    rec->date = r->date[0] ? r->date : (r->default_date ? r->default_date : "");
    rec->file = sr_src_name(r->src);
    rec->line = line;
    rec->is_html = r->fmt == SITREP_IN_TEXT ? r->is_html : 0;
}

static int S_is_ff_line(const char *l, size_t n) {
    return (n == 1 && l[0] == '\f') || (n == 2 && l[0] == '\f' && l[1] == '\r');
}

static int S_is_blank(const char *l, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!S_is_space(l[i])) return 0;
    return 1;
}

/* One plain-text article: the lines up to a form-feed line or the end of
 * the file, split into the optional header block and the body by the
 * text layer's sr_text_parse_header (docs/formats.md). */
static sitrep_status S_next_text(sitrep_reader *r, sr_record *rec, int *have, sitrep_error *err) {
    const char *l, *file = sr_src_name(r->src);
    size_t n, start_line = 0;
    int too_long = 0;
    S_clear_fields(r);
    r->is_html = -1;
    for (;;) {
        int rc = sr_src_getline(r->src, &l, &n, err);
        if (rc < 0) return err ? err->code : SITREP_E_IO;
        if (rc == 0) break;
        if (S_is_ff_line(l, n)) {
            if (start_line) break;
            continue; /* nothing yet: an empty article between separators */
        }
        if (!start_line) {
            if (S_is_blank(l, n)) continue;
            start_line = sr_src_lineno(r->src);
        }
        if (r->body.len + n > SR_SRC_MAX_LINE) {
            too_long = 1; /* keep memory bounded: drop the rest, report below */
            continue;
        }
        if (sr_buf_append(&r->body, l, n) || sr_buf_putc(&r->body, '\n')) goto oom;
    }
    if (!start_line) {
        *have = 0;
        return SITREP_OK;
    }
    r->nrec++;
    if (too_long)
        return sr_error_set(err, SITREP_E_SYNTAX, file, start_line, 0,
                            "article longer than %zu MiB skipped", SR_SRC_MAX_LINE >> 20);
    sitrep_article_info info;
    size_t off = 0;
    if (sr_text_parse_header(r->body.data, r->body.len, &info, &off) < 0) goto oom;
    static const int keys[] = {S_K_TITLE, S_K_SOURCE, S_K_URL, S_K_ID};
    const char *vals[] = {info.title, info.source, info.url, info.id};
    int bad_date = info.date && *info.date && !sr_date_normalize(info.date, strlen(info.date), r->date);
    int fail = 0;
    for (int k = 0; k < 4; k++)
        if (vals[k] && sr_buf_puts(&r->f[keys[k]], vals[k])) fail = 1;
    r->is_html = info.is_html;
    sr_text_header_free(&info);
    if (fail) goto oom;
    if (bad_date)
        return sr_error_set(err, SITREP_E_SYNTAX, file, start_line, 0,
                            "expected a date as YYYY-MM-DD in the Date: header; article skipped");
    while (r->body.len > off && S_is_space(r->body.data[r->body.len - 1])) r->body.data[--r->body.len] = '\0';
    if (!r->f[S_K_TITLE].len) {
        /* a header without Title: the first non-blank line of the body */
        const char *t = r->body.data + off, *e = r->body.data + r->body.len;
        while (t < e && S_is_space(*t)) t++;
        const char *nl = memchr(t, '\n', (size_t)(e - t));
        size_t tn = (size_t)((nl ? nl : e) - t);
        S_trim(&t, &tn);
        if (sr_buf_append(&r->f[S_K_TITLE], t, tn > 300 ? 300 : tn)) goto oom;
    }
    if (!r->f[S_K_ID].len) {
        if (r->nrec == 1) {
            if (sr_buf_puts(&r->f[S_K_ID], r->base)) goto oom;
        } else if (sr_buf_printf(&r->f[S_K_ID], "%s#%zu", r->base, r->nrec)) {
            goto oom;
        }
    }
    S_fill_rec(r, rec, start_line);
    rec->text = r->body.data + off;
    rec->len = r->body.len - off;
    *have = 1;
    return SITREP_OK;
oom:
    return sr_error_set(err, SITREP_E_NOMEM, file, 0, 0, "out of memory");
}

/* Copies an optional string member of `o` into r->f[k]. Returns 0, or -1
 * when it is present but not a string (or null). */
static int S_json_str(sitrep_reader *r, json_t *o, const char *name, int k) {
    json_t *v = json_object_get(o, name);
    sr_buf_clear(&r->f[k]);
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v)) return -1;
    const char *s = json_string_value(v);
    size_t n = strnlen(s, json_string_length(v)); /* metadata stops at a NUL */
    return sr_buf_append(&r->f[k], s, n) ? -2 : 0;
}

static sitrep_status S_next_jsonl(sitrep_reader *r, sr_record *rec, int *have, sitrep_error *err) {
    const char *l;
    size_t n;
    const char *file = sr_src_name(r->src);
    for (;;) {
        int rc = sr_src_getline(r->src, &l, &n, err);
        if (rc < 0) return err ? err->code : SITREP_E_IO;
        if (rc == 0) {
            *have = 0;
            return SITREP_OK;
        }
        if (S_is_blank(l, n)) continue;
        break;
    }
    size_t ln = sr_src_lineno(r->src);
    S_clear_fields(r);
    json_decref(r->json);
    json_error_t je;
    size_t vs, ve;
    int fast = 0;
    if (sr_jsonl_fast_text(l, n, &r->text, &vs, &ve)) {
        /* jansson parses only the metadata: the line with "text":"" */
        sr_buf_clear(&r->scratch);
        if (sr_buf_append(&r->scratch, l, vs) || sr_buf_append(&r->scratch, "\"\"", 2) ||
            sr_buf_append(&r->scratch, l + ve, n - ve))
            return sr_error_set(err, SITREP_E_NOMEM, file, ln, 0, "out of memory");
        r->json = json_loadb(r->scratch.data, r->scratch.len, JSON_ALLOW_NUL, &je);
        fast = r->json != NULL;
    }
    if (!fast) r->json = json_loadb(l, n, JSON_ALLOW_NUL, &je);
    if (!r->json) {
        /* Jansson rejects invalid UTF-8; repair it (U+FFFD) rather than
         * lose the record, and only pay for that on this slow path. */
        long bad = S_utf8_repair(&r->scratch, l, n);
        if (bad < 0) return sr_error_set(err, SITREP_E_NOMEM, file, ln, 0, "out of memory");
        if (bad > 0) r->json = json_loadb(r->scratch.data, r->scratch.len, JSON_ALLOW_NUL, &je);
    }
    if (!r->json)
        return sr_error_set(err, SITREP_E_SYNTAX, file, ln, je.column > 0 ? (size_t)je.column : 0,
                            "invalid JSON (%s); expected one JSON object per line", je.text);
    json_t *o = r->json;
    if (!json_is_object(o))
        return sr_error_set(err, SITREP_E_SYNTAX, file, ln, 1, "expected a JSON object, got %s",
                            json_is_array(o) ? "an array" : "a scalar");
    json_t *text = json_object_get(o, "text");
    if (!json_is_string(text))
        return sr_error_set(err, SITREP_E_SYNTAX, file, ln, 0, "expected a string field \"text\"%s",
                            text ? " (it is not a string)" : "");
    static const struct { const char *name; int k; } strs[] = {
        {"title", S_K_TITLE}, {"source", S_K_SOURCE}, {"url", S_K_URL}};
    for (size_t i = 0; i < 3; i++) {
        int e = S_json_str(r, o, strs[i].name, strs[i].k);
        if (e == -2) return sr_error_set(err, SITREP_E_NOMEM, file, ln, 0, "out of memory");
        if (e) return sr_error_set(err, SITREP_E_SYNTAX, file, ln, 0, "expected \"%s\" to be a string", strs[i].name);
    }
    json_t *id = json_object_get(o, "id");
    if (json_is_string(id) && json_string_length(id) > 0) {
        const char *s = json_string_value(id);
        if (sr_buf_append(&r->f[S_K_ID], s, strnlen(s, json_string_length(id)))) goto oom;
    } else if (json_is_integer(id)) {
        if (sr_buf_printf(&r->f[S_K_ID], "%lld", (long long)json_integer_value(id))) goto oom;
    } else if (id && !json_is_null(id) && !json_is_string(id)) {
        return sr_error_set(err, SITREP_E_SYNTAX, file, ln, 0, "expected \"id\" to be a string or an integer");
    } else if (sr_buf_printf(&r->f[S_K_ID], "%s:%zu", r->disp, ln)) {
        goto oom;
    }
    json_t *date = json_object_get(o, "date");
    if (date && !json_is_null(date)) {
        const char *ds = json_string_value(date);
        if (!json_is_string(date) || (json_string_length(date) && !sr_date_normalize(ds, json_string_length(date), r->date)))
            return sr_error_set(err, SITREP_E_SYNTAX, file, ln, 0, "expected \"date\" as \"YYYY-MM-DD\"");
    }
    r->nrec++;
    S_fill_rec(r, rec, ln);
    rec->text = fast ? r->text.data : json_string_value(text);
    rec->len = fast ? r->text.len : json_string_length(text);
    *have = 1;
    return SITREP_OK;
oom:
    return sr_error_set(err, SITREP_E_NOMEM, file, ln, 0, "out of memory");
}

/* --- PETRARCH XML ------------------------------------------------ */

static const char *S_attr(const XML_Char **atts, const char *name) {
    for (size_t i = 0; atts[i]; i += 2)
        if (strcasecmp(atts[i], name) == 0) return atts[i + 1];
    return NULL;
}

static char *S_dup0(const char *s) { return strdup(s ? s : ""); }

static void XMLCALL S_x_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    sitrep_reader *r = ud;
    if (strcmp(name, "Sentence") == 0) {
        S_xrec_free(&r->xcur);
        r->x_in_sent = 1;
        r->xcur.id = S_dup0(S_attr(atts, "id"));
        r->xcur.date = S_dup0(S_attr(atts, "date"));
        r->xcur.source = S_dup0(S_attr(atts, "source"));
        r->xcur.line = (size_t)XML_GetCurrentLineNumber(r->xp);
        if (!r->xcur.id || !r->xcur.date || !r->xcur.source) r->x_oom = 1;
        sr_buf_clear(&r->x_text);
    } else if (r->x_in_sent && strcmp(name, "Text") == 0) {
        r->x_in_text = 1;
    }
}

static void XMLCALL S_x_chars(void *ud, const XML_Char *s, int len) {
    sitrep_reader *r = ud;
    if (!r->x_in_text) return;
    if (r->x_text.len + (size_t)len > SR_SRC_MAX_LINE) {
        r->xcur.too_long = 1; /* bounded memory: drop it, report at </Sentence> */
        sr_buf_clear(&r->x_text);
        return;
    }
    if (sr_buf_append(&r->x_text, s, (size_t)len)) r->x_oom = 1;
}

static void XMLCALL S_x_end(void *ud, const XML_Char *name) {
    sitrep_reader *r = ud;
    if (strcmp(name, "Text") == 0) {
        r->x_in_text = 0;
        if (r->x_in_sent && sr_buf_putc(&r->x_text, ' ')) r->x_oom = 1;
    } else if (strcmp(name, "Sentence") == 0 && r->x_in_sent) {
        r->x_in_sent = 0;
        /* The text is wrapped at arbitrary points in these files: fold
         * every whitespace run into one space. */
        char *t = malloc(r->x_text.len + 1);
        size_t n = 0;
        if (!t) {
            r->x_oom = 1;
            return;
        }
        for (size_t i = 0; i < r->x_text.len; i++) {
            char c = r->x_text.data[i];
            if (S_is_space(c)) {
                if (n && t[n - 1] != ' ') t[n++] = ' ';
            } else {
                t[n++] = c;
            }
        }
        while (n && t[n - 1] == ' ') n--;
        t[n] = '\0';
        if (r->xq_n == r->xq_cap) {
            if (r->xq_head > 0) { /* reuse the consumed front */
                memmove(r->xq, r->xq + r->xq_head, (r->xq_n - r->xq_head) * sizeof *r->xq);
                r->xq_n -= r->xq_head;
                r->xq_head = 0;
            } else {
                size_t cap = r->xq_cap ? r->xq_cap * 2 : 16;
                S_xrec *p = realloc(r->xq, cap * sizeof *p);
                if (!p) {
                    free(t);
                    r->x_oom = 1;
                    return;
                }
                r->xq = p;
                r->xq_cap = cap;
            }
        }
        r->xcur.text = t;
        r->xcur.len = n;
        r->xq[r->xq_n++] = r->xcur;
        memset(&r->xcur, 0, sizeof r->xcur);
    }
}

static sitrep_status S_next_xml(sitrep_reader *r, sr_record *rec, int *have, sitrep_error *err) {
    const char *file = sr_src_name(r->src);
    S_xrec_free(&r->xret);
    while (r->xq_head == r->xq_n) {
        r->xq_head = r->xq_n = 0;
        if (r->xml_done) {
            if (r->have_pending) { /* the error after the last good sentence */
                r->have_pending = 0;
                if (err) *err = r->pending;
                return r->pending.code;
            }
            *have = 0;
            return SITREP_OK;
        }
        char chunk[65536];
        long k = sr_src_read(r->src, chunk, sizeof chunk, err);
        if (k < 0) {
            r->xml_done = 1;
            return err ? err->code : SITREP_E_IO;
        }
        int final = k == 0;
        if (XML_Parse(r->xp, chunk, (int)k, final) == XML_STATUS_ERROR) {
            /* sentences completed before the error still come first */
            r->xml_done = 1;
            r->have_pending = 1;
            sr_error_set(&r->pending, SITREP_E_SYNTAX, file, (size_t)XML_GetCurrentLineNumber(r->xp),
                         (size_t)XML_GetCurrentColumnNumber(r->xp) + 1,
                         "XML: %s; the rest of the file is skipped",
                         XML_ErrorString(XML_GetErrorCode(r->xp)));
            continue;
        }
        if (r->x_oom) {
            r->xml_done = 1;
            return sr_error_set(err, SITREP_E_NOMEM, file, 0, 0, "out of memory");
        }
        if (final) r->xml_done = 1;
    }
    r->xret = r->xq[r->xq_head++];
    S_clear_fields(r);
    S_xrec *x = &r->xret;
    if (x->too_long)
        return sr_error_set(err, SITREP_E_SYNTAX, file, x->line, 0,
                            "<Text> longer than %zu MiB skipped", SR_SRC_MAX_LINE >> 20);
    if (*x->date && !sr_date_normalize(x->date, strlen(x->date), r->date))
        return sr_error_set(err, SITREP_E_SYNTAX, file, x->line, 0,
                            "expected date=\"YYYYMMDD\" or \"YYYY-MM-DD\" on <Sentence>");
    r->nrec++;
    if (sr_buf_puts(&r->f[S_K_SOURCE], x->source)) goto oom;
    if (*x->id) {
        if (sr_buf_puts(&r->f[S_K_ID], x->id)) goto oom;
    } else if (sr_buf_printf(&r->f[S_K_ID], "%s:%zu", r->disp, x->line)) {
        goto oom;
    }
    S_fill_rec(r, rec, x->line);
    rec->text = x->text;
    rec->len = x->len;
    *have = 1;
    return SITREP_OK;
oom:
    return sr_error_set(err, SITREP_E_NOMEM, file, 0, 0, "out of memory");
}

/* ---------------------------------------------------------------- */
/* The two public layers                                             */

static sitrep_status S_next(sitrep_reader *r, sr_record *rec, sitrep_article **art, int *have,
                            sitrep_error *err);

static sitrep_status S_fail(sitrep_reader *r, sitrep_status st, sitrep_error *err) {
    r->skipped++;
    if (r->strict) {
        r->stopped = 1;
        if (err) r->stop_err = *err;
        else sr_error_set(&r->stop_err, st, NULL, 0, 0, "%s", sitrep_status_name(st));
        r->stop_err.code = st;
    }
    return st;
}

sitrep_status sr_reader_next_any(sitrep_reader *r, sr_record *rec, sitrep_article **art, int *have,
                                 sitrep_error *err) {
    return S_next(r, rec, art, have, err);
}

/* The next record or CoNLL-U article: *art is set for CoNLL-U (when
 * art != NULL), else *rec. */
static sitrep_status S_next(sitrep_reader *r, sr_record *rec, sitrep_article **art, int *have,
                            sitrep_error *err) {
    *have = 0;
    if (art) *art = NULL;
    if (r->stopped) {
        if (err) *err = r->stop_err;
        return r->stop_err.code;
    }
    for (;;) {
        if (!r->file_open) {
            if (r->cur >= r->nfiles) return SITREP_OK;
            sitrep_status st = S_open_file(r, err);
            if (st) return S_fail(r, st, err);
        }
        sitrep_status st = SITREP_OK;
        switch (r->fmt) {
        case SITREP_IN_JSONL: st = S_next_jsonl(r, rec, have, err); break;
        case SITREP_IN_PETRXML: st = S_next_xml(r, rec, have, err); break;
        case SITREP_IN_CONLLU:
            if (!art) {
                st = sr_error_set(err, SITREP_E_FORMAT, sr_src_name(r->src), 0, 0,
                                  "CoNLL-U input gives articles, not raw records: skipped");
                S_close_file(r);
                r->cur++;
                return S_fail(r, st, err);
            }
            if (r->aq_head < r->aq_n) {
                *art = r->aq[r->aq_head++];
                *have = 1;
                return SITREP_OK;
            }
            if (r->have_pending) {
                r->have_pending = 0;
                if (err) *err = r->pending;
                return S_fail(r, r->pending.code, err);
            }
            break;
        default: st = S_next_text(r, rec, have, err); break;
        }
        if (st) return S_fail(r, st, err);
        if (*have) return SITREP_OK;
        S_close_file(r);
        r->cur++;
    }
}

sitrep_status sr_reader_next_record(sitrep_reader *r, sr_record *rec, int *have, sitrep_error *err) {
    return S_next(r, rec, NULL, have, err);
}

sitrep_status sitrep_reader_next(sitrep_reader *r, sitrep_article **out, sitrep_error *err) {
    *out = NULL;
    /* Zeroed: S_next fills either rec or art, never both. */
    sr_record rec = {0};
    sitrep_article *art = NULL;
    int have;
    sitrep_status st = S_next(r, &rec, &art, &have, err);
    if (st || !have) return st;
    if (art) {
        *out = art;
        return SITREP_OK;
    }
    sitrep_article_info info = {rec.id, rec.date, rec.title, rec.source, rec.url, rec.is_html};
    *out = sitrep_article_new(&info, rec.text, rec.len, err);
    if (!*out) return err && err->code ? err->code : SITREP_E_NOMEM;
    return SITREP_OK;
}

size_t sitrep_reader_skipped(const sitrep_reader *r) { return r ? r->skipped : 0; }

void sitrep_reader_on_error(sitrep_reader *r, sitrep_reader_error_fn fn, void *ctx) {
    r->on_error = fn;
    r->on_error_ctx = ctx;
}

void sr_reader_report(sitrep_reader *r, const sitrep_error *err) {
    if (r->on_error) r->on_error(r->on_error_ctx, err);
}

int sr_reader_is_strict(const sitrep_reader *r) { return r->strict; }

void sitrep_reader_close(sitrep_reader *r) {
    if (!r) return;
    S_close_file(r);
    for (size_t i = 0; i < r->nfiles; i++) free(r->files[i]);
    free(r->files);
    free(r->default_date);
    free(r->default_source);
    for (int k = 0; k < S_NKEYS; k++) sr_buf_free(&r->f[k]);
    sr_buf_free(&r->body);
    sr_buf_free(&r->scratch);
    sr_buf_free(&r->text);
    sr_buf_free(&r->x_text);
    json_decref(r->json);
    free(r->xq);
    free(r->aq);
    free(r);
}
