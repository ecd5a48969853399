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

/* Text-layer options; a zeroed struct (or NULL) gives the defaults. */
typedef struct sitrep_text_opts {
    /* 0 (default): hyphenated words are split as in UD English EWT
     * ("30-day" -> "30" "-" "day", pieces flagged as one compound; "e-mail",
     * "anti-war" and phone numbers stay whole). 1: keep "30-day" whole. */
    int keep_hyphens;
} sitrep_text_opts;

/* sitrep_article_new with options (`opts` may be NULL). */
sitrep_article *sitrep_article_new_opts(const sitrep_article_info *info,
                                        const char *text, size_t len,
                                        const sitrep_text_opts *opts,
                                        sitrep_error *err);

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

/* Loads a model (see docs/parser.md for the file format). `path` is a
 * model file (tagger and/or parser sections; for "X.tagger" a sibling
 * "X.parser" is loaded too when present) or a directory holding
 * en_ewt.tagger and en_ewt.parser. NULL means the default directory:
 * $SITREP_MODELS, else ./models, else <dir of the executable>/../../models,
 * else SITREP_DATADIR/models when compiled in. Fails with SITREP_E_FORMAT /
 * _VERSION / _CORRUPT on bad files, SITREP_E_IO when absent. */
sitrep_model *sitrep_model_load(const char *path, sitrep_error *err);
void sitrep_model_free(sitrep_model *m);

/* CRC-32 checksums of the loaded tagger and parser files (0 if absent). */
uint32_t sitrep_model_checksum(const sitrep_model *m, int parser);

/* Tags, lemmatizes and parses every sentence of `a` in place. A model
 * without parser sections only tags and lemmatizes. Thread-safe for
 * distinct articles sharing one model. Each calling thread keeps working
 * memory and per-word memos of score sums from one article to the next
 * (about 14 MB with the shipped models; the results do not depend on
 * them): freed when the thread exits, and the calling thread's memos of
 * a model by sitrep_model_free. */
sitrep_status sitrep_article_analyze(sitrep_article *a, const sitrep_model *m,
                                     sitrep_error *err);

/* Training (`sitrep train`). Deterministic for a given seed. */
typedef struct sitrep_train_opts {
    const char *train_path;  /* CoNLL-U */
    const char *dev_path;    /* CoNLL-U or NULL */
    const char *tagger_path; /* parser training: tagger model that tags the data */
    int epochs;              /* 0: default (tagger 10, parser 15) */
    int jackknife;           /* parser: >1 = retag train with k-fold taggers */
    int tagger_epochs;       /* epochs of the jackknife taggers (0: 10) */
    uint64_t seed;
    FILE *log;               /* per-epoch progress, may be NULL */
    /* tagger (and, for the parser, its jackknife taggers); 0 or 1: off */
    int tagger_ensemble;     /* average the weights of N runs (seeds seed + 7919 i) */
    int tagger_lex_folds;    /* lexicon features of a training sentence from the other K-1 folds */
    int parser_ensemble;     /* parser: average the weights of N runs (seeds seed + 7919 i); 0 or 1: off */
    int parser_base_features; /* parser: 1 = only the 63 base feature templates (as models before
                                 2026-11-22), 0 = all templates (default) */
    int parser_prune;        /* parser: features updated fewer than N times in all runs are left
                                out of the model; 0: default (3 per run) */
    const char *clusters_path; /* tagger: a word-clusters model (kind "clusters") to train
                                  with, or NULL; the tagger then needs that file beside it
                                  as <name>.clusters. The parser uses the clusters of its
                                  --tagger when that tagger has them. */
    int cluster_coarse, cluster_fine; /* clusters: classes (0: 64 and 512) */
    int parser_beam;         /* parser: > 1 = train globally with a beam of this width; the model
                                is then always decoded with that beam (slower, more accurate);
                                0 or 1: greedy (default) */
    long parser_max_features; /* parser: > 0 = keep at most this many transition features,
                                 raising the parser_prune cut as needed (bounds the model
                                 size and its cache misses); 0: no bound */
    const char *silver_path; /* parser: extra training sentences (CoNLL-U), typically another
                                parser's output on unannotated text; their tags are kept as
                                given (not jackknifed), or NULL */
    const char *supertagger_path; /* parser: a supertagger model (kind "supertagger") whose
                                     predictions become parser features; the parser then needs
                                     that file beside it as <name>.stag. With jackknife > 1 the
                                     training sentences get supertags from k-fold supertaggers
                                     (as their tags). NULL: no supertags */
    const char *drop_templates; /* tagger, supertagger (ids 1-63) or parser (1-255): feature
                                   templates to leave out, as ids and ranges ("18,23-29"; ids
                                   in docs/parser.md); the model records them and is scored
                                   without them. NULL: all templates */
    int supertag_classes;       /* supertagger: at most this many classes (32-4096); the
                                   rarest supertags lose their child flags. 0: all */
} sitrep_train_opts;

/* Trains the tagger+lemmatizer (kind "tagger"), the supertagger (kind
 * "supertagger": each word's relation and the side of its head, learned
 * from the trees of train_path, as input to a parser trained with
 * supertagger_path; tagger options apply, and parser_prune sets its
 * feature cut), the parser (kind
 * "parser"), the sentence-boundary refinement (kind "sentences", from
 * CoNLL-U) or word clusters (kind "clusters": train_path is a language
 * model in ARPA format, plain, gzip or zstd; `epochs` is the number of
 * exchange passes, 0: 20) and writes the model file `out_path`; *crc (if
 * non-NULL) gets the file checksum. */
sitrep_status sitrep_train(const char *kind, const sitrep_train_opts *o, const char *out_path,
                           uint32_t *crc, sitrep_error *err);

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
 * and counted; loading continues (see sitrep_dict_check for all of them).
 * Returns SITREP_OK; SITREP_E_SYNTAX when some lines were malformed (every
 * well-formed entry is still loaded and usable: callers may treat this as
 * a warning); SITREP_E_IO when the path cannot be read; SITREP_E_FORMAT
 * when a file's kind cannot be determined. A directory loads every *.txt
 * file in it (sorted by name, not recursive, hidden files skipped) whose
 * kind can be determined. */
sitrep_status sitrep_dict_load(sitrep_dict *d, const char *path,
                               sitrep_error *err);

/* Called once per malformed line while loading (the error has code
 * SITREP_E_SYNTAX and file/line/col/msg set; it is borrowed for the call). */
typedef void (*sitrep_dict_report_fn)(void *ctx, const sitrep_error *e);
/* Sets (or clears, with NULL) the reporter for later sitrep_dict_load calls. */
void sitrep_dict_set_reporter(sitrep_dict *d, sitrep_dict_report_fn fn,
                              void *ctx);
/* Malformed lines seen so far by loads into `d`. */
size_t sitrep_dict_error_count(const sitrep_dict *d);

/* Checks a dictionary file or directory without keeping it: calls `fn`
 * (may be NULL) for every malformed line, as "file:line:col: what is wrong
 * (expected ...)". Returns the number of malformed lines, or (size_t)-1
 * when the path cannot be read or its kind determined (then `err` says
 * why). */
size_t sitrep_dict_check(const char *path, sitrep_dict_report_fn fn,
                         void *ctx, sitrep_error *err);

/* Looks `phrase` up as an actor description ("President Zelenskyy", "the
 * Kremlin") on `date` ("YYYY-MM-DD", or NULL/"" for undated): actor and
 * agent phrases are matched longest-first, left to right, and composed as
 * the coder does (actor code + agent code). Returns a malloc'ed string the
 * caller frees: the first line is the resulting code ("" when nothing
 * matched), then one line per match "KIND\tCODE\tPHRASE\tfile:line".
 * Returns NULL only on OOM or a malformed date (err says which). */
char *sitrep_dict_lookup(const sitrep_dict *d, const char *phrase,
                         const char *date, sitrep_error *err);

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
    const char *plover_category; /* e.g. "CONSULT", "ASSAULT"; "" when the
                                  * CAMEO code has no PLOVER category (01x) */
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
    const char *modality;     /* comma-separated: "" (asserted), "negated",
                               * "future", "possible", "conditional",
                               * "threat", "reported" (docs/coder.md) */
    /* Attribution: who reports the event ("according to whom"): the
     * subject of a speech verb the event's clause depends on, an
     * "according to X" phrase, or the speaker of the quotation it is in
     * (docs/coder.md). attribution_code is the speaker's actor code, ""
     * when the speaker is no known actor ("sources"); attribution_text is
     * the speaker's phrase as written; the span is its byte offsets into
     * the article text. No attribution: both strings "" and the span 0,0
     * (never NULL in events from sitrep_code_article). */
    const char *attribution_code;
    const char *attribution_text;
    size_t attribution_start, attribution_end;
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
/* Registers `fn` to be called with every bad record or unreadable file
 * that the reader skips while it is driven by sitrep_pipeline_run (which
 * otherwise only counts them), e.g. to print "file:line: message".
 * `fn` runs on the thread calling sitrep_pipeline_run. NULL unsets it. */
typedef void (*sitrep_reader_error_fn)(void *ctx, const sitrep_error *err);
void sitrep_reader_on_error(sitrep_reader *r, sitrep_reader_error_fn fn, void *ctx);

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
/* Like sitrep_write_events, with the article the events came from (may
 * be NULL) supplying what events do not carry: the URL (GDELT SOURCEURL,
 * PLOVER citeinfo) and the outlet name. */
sitrep_status sitrep_write_article_events(FILE *out, sitrep_output_format f,
                                          const sitrep_article *a,
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

/* An SQLite event store (schema: docs/store.md). One writer at a time;
 * a store handle is not thread-safe. */
typedef struct sitrep_store sitrep_store;

/* How event mentions are linked into events across articles: mentions
 * with the same source code, target code and key (the CAMEO root, or the
 * full CAMEO code) whose dates lie within `window_days` of the event's
 * date (the date of its first mention) become one event. */
typedef enum sitrep_link_key {
    SITREP_LINK_ROOT = 0, /* default: same two-digit CAMEO root */
    SITREP_LINK_CODE = 1  /* same full CAMEO code */
} sitrep_link_key;

typedef struct sitrep_store_opts {
    int readonly;               /* 1: open an existing store for queries */
    int batch;                  /* articles per transaction; 0 = 500 */
    const char *default_source; /* outlet when an article has none (before
                                   the URL host fallback); NULL = none */
} sitrep_store_opts;

/* Opens (creating if needed) the store at `path` with default options:
 * WAL mode, schema created or migrated to the current version. Fails with
 * SITREP_E_VERSION when the file was written by a newer sitrep,
 * SITREP_E_FORMAT when it is not a sitrep store, SITREP_E_DB/_IO when
 * SQLite cannot open it. */
sitrep_store *sitrep_store_open(const char *path, sitrep_error *err);
/* Like sitrep_store_open with options (`opts` may be NULL). */
sitrep_store *sitrep_store_open_opts(const char *path,
                                     const sitrep_store_opts *opts,
                                     sitrep_error *err);
/* Commits pending work and closes; accepts NULL. */
void sitrep_store_close(sitrep_store *s);

/* The schema version this library writes. */
int sitrep_store_schema_version(void);

/* The linking settings recorded in the store (defaults: 1 day, ROOT). */
void sitrep_store_linking(const sitrep_store *s, int *window_days,
                          sitrep_link_key *key);
/* Changes the linking settings. When they differ from the recorded ones,
 * every existing mention is relinked (in ingestion order) in one
 * transaction and *relinked (if non-NULL) is set to 1. window_days must be
 * 0..365. */
sitrep_status sitrep_store_set_linking(sitrep_store *s, int window_days,
                                       sitrep_link_key key, int *relinked,
                                       sitrep_error *err);

/* What sitrep_store_add did with one article. */
typedef struct sitrep_store_added {
    int added;          /* 1 stored; 0 skipped as a duplicate (same id or
                           same content hash as a stored article) */
    size_t sentences;   /* sentences stored */
    size_t mentions;    /* event mentions stored */
    size_t new_events;  /* linked events created by them */
} sitrep_store_added;

/* Stores article `a` with its coded events `ev` (may be NULL: no events)
 * and links the events. The outlet is a's source, else opts'
 * default_source, else the host of a's URL, else "unknown". Work is
 * committed every `batch` articles and by sitrep_store_commit/close: a
 * crash loses at most the uncommitted batch, never part of an article.
 * `out` may be NULL. */
sitrep_status sitrep_store_add(sitrep_store *s, const sitrep_article *a,
                               const sitrep_events *ev,
                               sitrep_store_added *out, sitrep_error *err);
/* Commits the open transaction, if any. */
sitrep_status sitrep_store_commit(sitrep_store *s, sitrep_error *err);

/* Row counts of the main tables. */
typedef struct sitrep_store_counts {
    int64_t articles, sentences, mentions, events;
    int64_t last_mention_id; /* highest mention id (0 when none) */
} sitrep_store_counts;
sitrep_status sitrep_store_count(sitrep_store *s, sitrep_store_counts *out,
                                 sitrep_error *err);

/* The most frequent (source, target) pairs among mentions with id >
 * `after_mention` (0: all), most frequent first, ties by codes. Fills up
 * to `n` entries of `out` and returns how many, or -1 on error. */
typedef struct sitrep_store_dyad {
    char source[64], target[64];
    int64_t mentions;
} sitrep_store_dyad;
long sitrep_store_top_dyads(sitrep_store *s, int64_t after_mention,
                            sitrep_store_dyad *out, size_t n, sitrep_error *err);

/* Filters for queries; every field is optional (NULL / 0 = no filter).
 * Codes match as prefixes ("RUS" matches "RUSGOV", "04" matches "042"). */
typedef struct sitrep_store_filter {
    const char *from, *to;    /* inclusive YYYY-MM-DD bounds on the date */
    const char *actor;        /* source or target code prefix */
    const char *dyad_source;  /* source code prefix ... */
    const char *dyad_target;  /* ... and target code prefix */
    int dyad_any;             /* 1: also the reverse direction */
    const char *cameo;        /* CAMEO code prefix */
    const char *root;         /* two-digit CAMEO root, exact */
    const char *plover;       /* PLOVER category, case-insensitive */
    int min_sources;          /* events with at least this many outlets */
    size_t limit;             /* 0 = all rows */
} sitrep_store_filter;

/* One query result: a linked event (represented by its strongest mention,
 * with date = the event date) or a raw mention (with its event's counts).
 * All strings are borrowed for the duration of the callback. */
typedef struct sitrep_store_row {
    int64_t id;        /* event id, or mention id for mention queries */
    int64_t event_id;
    sitrep_event ev;
    const char *outlet, *url, *title;
    const char *first_seen, *last_seen;
    int64_t num_mentions, num_articles, num_sources;
    const char *conllu; /* the evidence sentence's parse as CoNLL-U, or "" */
} sitrep_store_row;

typedef int (*sitrep_store_row_fn)(void *ctx, const sitrep_store_row *row);

/* Calls `fn` for every linked event (mentions == 0) or raw mention
 * (mentions == 1) passing `f` (may be NULL), ordered by date then id. A
 * non-zero return from `fn` (a sitrep_status) stops the query and is
 * returned; `fn` fills err itself if it wants a message. */
sitrep_status sitrep_store_query(sitrep_store *s, const sitrep_store_filter *f,
                                 int mentions, sitrep_store_row_fn fn,
                                 void *ctx, sitrep_error *err);

/* A story: the mentions tagged with one issue (CEASEFIRE, SANCTIONS, ...)
 * between two countries, in either direction, in articles published at
 * most `window_days` after the story's previous article. Stories join
 * what event linking keeps apart (different CAMEO roots, event dates far
 * apart, RUS vs RUSGOV) into one thread of coverage; docs/store.md.
 * Everything is borrowed for the duration of the callback. */
typedef struct sitrep_store_story {
    int64_t id;                         /* 1-based rank in this result */
    const char *issue;
    const char *actor_a, *actor_b;      /* country-level codes, a < b */
    const char *first_date, *last_date; /* publication dates ("" undated) */
    int64_t num_mentions, num_articles, num_sources;
    size_t num_events;
    const int64_t *event_ids;           /* linked events, ascending */
    const char *const *event_labels;    /* "SOURCE>TARGET CAMEO" of each */
    const char *const *outlets;         /* num_sources outlet names */
} sitrep_store_story;

typedef int (*sitrep_store_story_fn)(void *ctx, const sitrep_store_story *story);

/* Calls `fn` for every story of the store, ordered by first publication
 * date, issue, then actors. The filter (may be NULL) selects mentions:
 * from/to bound the article date; actor and dyad match either direction
 * (a story has no direction); cameo, root and plover as in
 * sitrep_store_query; min_sources and limit apply to stories. `issue`
 * (NULL or "": all) keeps one issue, case-insensitively. `window_days`
 * < 0 means the default, 7. A non-zero return from `fn` stops and is
 * returned. SITREP_E_NOMEM or SITREP_E_DB on failure. */
sitrep_status sitrep_store_stories(sitrep_store *s, const sitrep_store_filter *f,
                                   const char *issue, int window_days,
                                   sitrep_store_story_fn fn, void *ctx,
                                   sitrep_error *err);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_H */
