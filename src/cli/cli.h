/* cli.h - the sitrep command-line front end. Each subcommand lives in its
 * own cmd_NAME.c, parses its own options, prints its own --help, and calls
 * only libsitrep. Return values are sysexits(3) codes. */
#ifndef SR_CLI_H
#define SR_CLI_H
#include <stdio.h>
#include "sitrep.h"

#define SR_CLI_COMMANDS(X)                                                   \
    X(tokenize, "split text into tokens (JSON Lines or CoNLL-U)")           \
    X(sentences, "split text into sentences")                               \
    X(parse, "tag, lemmatize and dependency-parse text to CoNLL-U")         \
    X(train, "train the tagger, supertagger, parser or clusters")           \
    X(eval, "score tokenization, parsing or PLOVER coding against gold")    \
    X(dict, "check, look up and count dictionary entries")                  \
    X(code, "code articles into CAMEO/PLOVER events")                       \
    X(validate, "run a PETRARCH validation file")                           \
    X(ingest, "code articles into an SQLite event store")                   \
    X(export, "export events from a store")                                 \
    X(events, "show events from a store as a table")                        \
    X(stories, "show issue threads (stories) across articles in a store")

#define SR_CLI_DECLARE(name, help) int cmd_##name(int argc, char **argv);
SR_CLI_COMMANDS(SR_CLI_DECLARE)
#undef SR_CLI_DECLARE

/* Prints "sitrep: " + the formatted error to stderr and returns the
 * sysexits code for it. */
int sr_cli_report(const sitrep_error *err);

/* (cli_common.c) Finds a model for the CLI: `given` when set (file or
 * directory), else $SITREP_MODEL, $SITREP_MODELS, <datadir>/../models or
 * ./models when it holds en_ewt.tagger. Writes the path to out[cap];
 * returns 0, or -1 when none is found. */
int sr_cli_find_model(const char *given, char *out, size_t cap);
/* (cli_common.c) Loads every path (file or directory) into a new
 * dictionary set, which the caller frees with sitrep_dict_free. Warns
 * about malformed lines but goes on; returns NULL (message printed) when a
 * path cannot be read or memory runs out. */
sitrep_dict *sr_cli_load_dict(const char *const *paths, size_t n);
/* (cli_common.c) 1 when s is a real calendar date YYYY-MM-DD (month
 * lengths and leap years checked: 2025-02-30 is not), else 0. */
int sr_cli_is_date(const char *s);
/* (cli_common.c) Before creating a file at path: 0 when its directory
 * exists, else prints "sitrep CMD: PATH: cannot create ..." and returns
 * EX_CANTCREAT. */
int sr_cli_check_creatable(const char *cmd, const char *path);
/* (cli_common.c) Appends a --dict path to paths[0..*n) (capacity cap):
 * 0, or prints "sitrep CMD: too many --dict options ..." and returns
 * EX_USAGE when the list is full (never drops a dictionary silently). */
int sr_cli_add_dict(const char *cmd, const char **paths, size_t *n, size_t cap, const char *path);
/* (cmd_stories.c) Prints the stories (default window) of the mentions
 * that `f` selects as a table, with a header line when there is at least
 * one. Returns the number printed, or -1 after filling err. */
long sr_cli_stories_table(sitrep_store *s, const sitrep_store_filter *f, FILE *out,
                          sitrep_error *err);
#endif
