/*
 * sitrep.h - the public interface of libsitrep.
 *
 * libsitrep turns news text into political event data (CAMEO / PLOVER).
 * The pipeline is: text -> sentences/tokens -> tags/lemmas/dependencies ->
 * actors -> events -> linked events in a store.
 *
 * Conventions (the contract for every function below, unless it says
 * otherwise):
 *  - Handles are opaque. Every `*_new` / `*_load` / `*_open` has a matching
 *    `*_free` / `*_close`, which accepts NULL.
 *  - Functions that can fail take a `sitrep_error *err` (may be NULL) and
 *    return NULL or a non-zero sitrep_status on failure, filling `err`.
 *  - Strings returned as `const char *` are owned by the handle they came
 *    from and live as long as it does. Strings returned as `char *` are
 *    owned by the caller and freed with free().
 *  - All byte offsets are UTF-8 byte offsets into the article text exactly
 *    as it was given to sitrep_article_new().
 *  - Handles are not thread-safe unless stated; models and dictionaries
 *    are read-only once loaded and may be shared between threads.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SITREP_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

typedef enum sitrep_status {
    SITREP_OK = 0,
    SITREP_E_USAGE,    /* bad arguments from the caller */
    SITREP_E_IO,       /* a file could not be opened, read or written */
    SITREP_E_NOMEM,    /* out of memory */
    SITREP_E_SYNTAX,   /* malformed input data (file:line:col in the error) */
    SITREP_E_FORMAT,   /* input of the wrong kind (e.g. not a model file) */
    SITREP_E_VERSION,  /* a model/store from an unsupported version */
    SITREP_E_CORRUPT,  /* checksum mismatch, truncated file */
    SITREP_E_DB,       /* the store reported an error */
    SITREP_E_INTERNAL  /* a bug in sitrep */
} sitrep_status;

/* An error report, in the manner of yyjson: a code, a message, and where.
 * `file` is empty and `line`/`col` are 0 when they do not apply; `pos` is a
 * byte offset into the input being read, or SIZE_MAX when unknown. */
typedef struct sitrep_error {
    sitrep_status code;
    char msg[480];
    char file[256];
    size_t line; /* 1-based */
    size_t col;  /* 1-based, in bytes */
    size_t pos;
} sitrep_error;

/* Library version string, e.g. "0.1.0". Never NULL. */
const char *sitrep_version(void);

/* Short name of a status ("syntax error", ...). Never NULL. */
const char *sitrep_status_name(sitrep_status code);

/* The sysexits(3) exit code a front end should use for `code`
 * (EX_OK, EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_IOERR, EX_SOFTWARE...). */
int sitrep_exit_code(sitrep_status code);

/* Formats `err` as "file:line:col: message" (parts omitted when unknown)
 * into `buf` of size `cap`; returns `buf`. */
const char *sitrep_error_format(const sitrep_error *err, char *buf, size_t cap);

/* ------------------------------------------------------------------ */
/* Articles: text layer (normalize, tokenize, split sentences)         */
/* ------------------------------------------------------------------ */

typedef struct sitrep_article sitrep_article;

/* Metadata for a new article. Every field may be NULL. `date` is
 * "YYYY-MM-DD". Strings are copied. */
typedef struct sitrep_article_info {
    const char *id;
    const char *date;
    const char *title;
    const char *source; /* outlet name */
    const char *url;
    int is_html; /* 1: strip tags/entities; 0: plain; -1: detect */
} sitrep_article_info;

/* Builds an article from `len` bytes of `text` (not NUL-terminated is
 * fine; bytes are copied). Validates UTF-8 (invalid bytes are replaced and
 * counted, never fatal), normalizes, tokenizes and splits sentences.
 * Returns NULL only when out of memory. The article owns one arena; all
 * its tokens, sentences and annotations are freed with it. */
sitrep_article *sitrep_article_new(const sitrep_article_info *info,
                                   const char *text, size_t len,
                                   sitrep_error *err);
void sitrep_article_free(sitrep_article *a);

/* Metadata accessors; return "" (never NULL) for absent fields. */
const char *sitrep_article_id(const sitrep_article *a);
const char *sitrep_article_date(const sitrep_article *a);
const char *sitrep_article_title(const sitrep_article *a);
const char *sitrep_article_source(const sitrep_article *a);
const char *sitrep_article_url(const sitrep_article *a);
/* The dateline ("KYIV, March 14 (Reuters) -") if one was recognised. */
const char *sitrep_article_dateline(const sitrep_article *a);

/* The article text as given (length in *len if len != NULL). */
const char *sitrep_article_text(const sitrep_article *a, size_t *len);
/* Number of invalid UTF-8 bytes that were replaced. */
size_t sitrep_article_invalid_bytes(const sitrep_article *a);

size_t sitrep_article_sentence_count(const sitrep_article *a);
size_t sitrep_article_token_count(const sitrep_article *a);

/* A read-only view of one token. `form` is NOT NUL-terminated: use
 * form_len. Tag fields are "" and head is -1 until the article has been
 * analyzed (sitrep_article_analyze). */
typedef struct sitrep_token {
    const char *form;  /* normalized form (NFC, quotes folded) */
    size_t form_len;
    size_t start, end; /* byte span in the article text */
    const char *lemma; /* NUL-terminated, "" when unknown */
    const char *upos;  /* "NOUN", ... */
    const char *xpos;  /* Penn tag */
    const char *feats; /* "Number=Sing|..." or "_" */
    int head;          /* 1-based index in the sentence, 0 = root, -1 unset */
    const char *deprel;
    int space_after;   /* 0 when the next token follows with no space */
} sitrep_token;

/* Sentence `i`: its byte span and token range. Returns 0, or -1 when out
 * of range. */
int sitrep_article_sentence(const sitrep_article *a, size_t i,
                            size_t *start, size_t *end, size_t *ntokens);
/* Token `j` of sentence `i`; returns 0, or -1 when out of range. */
int sitrep_article_token(const sitrep_article *a, size_t i, size_t j,
                         sitrep_token *out);

/* ------------------------------------------------------------------ */
/* Tagging, lemmatization and dependency parsing                       */
/* ------------------------------------------------------------------ */

typedef struct sitrep_model sitrep_model;

/* Loads a model file written by sitrep_train (see docs/model-format.md).
 * Fails with SITREP_E_FORMAT / _VERSION / _CORRUPT on bad files. */
sitrep_model *sitrep_model_load(const char *path, sitrep_error *err);
void sitrep_model_free(sitrep_model *m);

/* Tags, lemmatizes and parses every sentence of `a` in place. */
sitrep_status sitrep_article_analyze(sitrep_article *a, const sitrep_model *m,
                                     sitrep_error *err);

/* ------------------------------------------------------------------ */
/* Dictionaries (PETRARCH / TABARI formats)                            */
/* ------------------------------------------------------------------ */

typedef struct sitrep_dict sitrep_dict;

/* An empty dictionary set. */
sitrep_dict *sitrep_dict_new(void);
void sitrep_dict_free(sitrep_dict *d);

/* Loads a dictionary file (kind guessed from its name and content:
 * actors, agents, verbs, discards, issues) or every dictionary file in a
 * directory. Malformed lines are reported through `err` for the first one
 * and counted; loading continues (see sitrep_dict_check for all of them). */
sitrep_status sitrep_dict_load(sitrep_dict *d, const char *path,
                               sitrep_error *err);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/* One coded event mention. All strings are owned by the sitrep_events
 * list it came from. Spans are byte offsets into the article text;
 * start == end == 0 when absent. */
typedef struct sitrep_event {
    const char *article_id;
    size_t sentence;          /* 0-based sentence index */
    const char *date;         /* YYYY-MM-DD */
    const char *source_code;  /* e.g. "RUSGOV" */
    const char *source_text;
    size_t source_start, source_end;
    const char *target_code;  /* "" when there is none */
    const char *target_text;
    size_t target_start, target_end;
    const char *cameo;        /* e.g. "0871" */
    const char *root;         /* e.g. "08" */
    int quad;                 /* QuadClass 1..4 */
    double goldstein;
    const char *plover_category; /* e.g. "CEASEFIRE"? see docs */
    const char *plover_mode;
    const char *issues;       /* "ISSUE,ISSUE" or "" */
    /* evidence */
    const char *sentence_text;
    const char *verb_text;
    size_t verb_start, verb_end;
    const char *pattern;      /* the matched pattern as written */
    const char *pattern_loc;  /* "file:line" of the pattern */
    const char *source_entry; /* "file:line" of the actor entry */
    const char *target_entry;
    const char *modality;     /* "", "negated", "future", "threat", ... */
} sitrep_event;

typedef struct sitrep_events sitrep_events;
size_t sitrep_events_count(const sitrep_events *ev);
const sitrep_event *sitrep_events_get(const sitrep_events *ev, size_t i);
void sitrep_events_free(sitrep_events *ev);

/* ------------------------------------------------------------------ */
/* Coder                                                               */
/* ------------------------------------------------------------------ */

typedef struct sitrep_coder sitrep_coder;

/* A coder over a model and a dictionary set, both borrowed (they must
 * outlive the coder). Cheap; make one per thread. */
sitrep_coder *sitrep_coder_new(const sitrep_model *m, const sitrep_dict *d,
                               sitrep_error *err);
void sitrep_coder_free(sitrep_coder *c);

/* Analyzes `a` (if not yet done) and codes its events. */
sitrep_events *sitrep_code_article(sitrep_coder *c, sitrep_article *a,
                                   sitrep_error *err);

/* ------------------------------------------------------------------ */
/* I/O: reading articles, writing events                               */
/* ------------------------------------------------------------------ */

/* Input formats. SITREP_IN_AUTO detects from the name (.jsonl, .xml,
 * .conllu, .gz, .zst) and the first bytes. */
typedef enum sitrep_input_format {
    SITREP_IN_AUTO = 0,
    SITREP_IN_TEXT,    /* plain text: optional header block, then text */
    SITREP_IN_JSONL,   /* {"id","date","title","text","source","url"} */
    SITREP_IN_PETRXML, /* PETRARCH <Sentences> XML */
    SITREP_IN_CONLLU   /* pre-parsed CoNLL-U (one article per document) */
} sitrep_input_format;

typedef struct sitrep_reader_opts {
    sitrep_input_format format;
    const char *default_date;   /* YYYY-MM-DD when an article has none */
    const char *default_source; /* outlet when an article has none */
    int strict;                 /* 1: a bad record stops the reader */
} sitrep_reader_opts;

typedef struct sitrep_reader sitrep_reader;

/* Opens files, directories (walked recursively, in sorted order) and "-"
 * for stdin. `paths` has `n` entries; gzip/zstd are decompressed
 * transparently. `opts` may be NULL for defaults. */
sitrep_reader *sitrep_reader_open(const char *const *paths, size_t n,
                                  const sitrep_reader_opts *opts,
                                  sitrep_error *err);
/* Reads the next article into *out (caller frees it with
 * sitrep_article_free). Returns SITREP_OK with *out set; SITREP_OK with
 * *out == NULL at the end of input; or an error for a bad record, with
 * file:line in err. After a bad record (non-strict) reading may continue:
 * call again. */
sitrep_status sitrep_reader_next(sitrep_reader *r, sitrep_article **out,
                                 sitrep_error *err);
/* Records skipped as bad so far. */
size_t sitrep_reader_skipped(const sitrep_reader *r);
void sitrep_reader_close(sitrep_reader *r);

/* Output formats for events. */
typedef enum sitrep_output_format {
    SITREP_OUT_JSONL = 0, /* one JSON object per event (docs/event-schema.md) */
    SITREP_OUT_CSV,       /* RFC 4180, with a header row */
    SITREP_OUT_TSV,
    SITREP_OUT_GDELT,     /* GDELT 2.0-like event table (tab-separated) */
    SITREP_OUT_PLOVER     /* PLOVER JSON (one object per line) */
} sitrep_output_format;

/* Parses a format name ("jsonl", "csv", ...); returns -1 when unknown. */
int sitrep_output_format_from_name(const char *name);

/* Writes the header row for formats that have one (CSV/TSV/GDELT); a
 * no-op for the others. */
sitrep_status sitrep_write_header(FILE *out, sitrep_output_format f);
/* Writes every event of `ev` in format `f`. */
sitrep_status sitrep_write_events(FILE *out, sitrep_output_format f,
                                  const sitrep_events *ev);

/* Runs articles from `r` through `nthreads` worker threads (each with its
 * own sitrep_coder over `m` and `d`), and calls `sink` on the calling
 * thread once per article IN INPUT ORDER with its events (borrowed for the
 * call). Memory is bounded: at most a fixed window of articles is in
 * flight. A non-zero return from `sink` stops the run and is returned. */
typedef int (*sitrep_sink_fn)(void *ctx, const sitrep_article *a,
                              const sitrep_events *ev);
sitrep_status sitrep_pipeline_run(sitrep_reader *r, const sitrep_model *m,
                                  const sitrep_dict *d, int nthreads,
                                  sitrep_sink_fn sink, void *ctx,
                                  sitrep_error *err);

/* ------------------------------------------------------------------ */
/* Store                                                               */
/* ------------------------------------------------------------------ */

typedef struct sitrep_store sitrep_store;

sitrep_store *sitrep_store_open(const char *path, sitrep_error *err);
void sitrep_store_close(sitrep_store *s);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_H */
