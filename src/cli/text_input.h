/* text_input.h - small helpers shared by `sitrep tokenize`, `sitrep
 * sentences` and `sitrep eval text`: walking files, directories and stdin
 * as plain-text articles, and printing an article's sentences/tokens.
 * (The full multi-format reader is sitrep_reader; this stays minimal.) */
#ifndef SR_CLI_TEXT_INPUT_H
#define SR_CLI_TEXT_INPUT_H
#include <stddef.h>
#include <stdio.h>
#include "sitrep.h"

/* Called once per input with its name ("-" for stdin) and contents.
 * Return 0 to continue, non-zero (a sysexits code) to stop. */
typedef int (*sr_cli_text_fn)(void *ctx, const char *name, const char *buf, size_t len);

/* Reads every path in paths[0, n) (n == 0 means stdin; "-" is stdin;
 * directories are walked recursively in sorted order, hidden entries
 * skipped) and calls fn. Returns EX_OK, the first non-zero fn result, or
 * a sysexits code after printing "sitrep: PATH: reason" for unreadable
 * paths (reading continues with the next path; the worst code is
 * returned at the end). */
int sr_cli_text_walk(char **paths, int n, sr_cli_text_fn fn, void *ctx);
/* Makes later walks skip the regular file `out` is writing to (found in
 * an input directory: skipped; given as an input: EX_USAGE with a
 * message). NULL, or a pipe or terminal, excludes nothing. */
void sr_cli_text_exclude(FILE *out);

/* Output of tokenize/sentences. */
typedef enum { SR_CLI_OUT_JSONL, SR_CLI_OUT_CONLLU } sr_cli_text_format;

/* Writes article `a` (whose text started at byte `base` of input `name`)
 * to `out`: with `tokens` set, one JSON line per sentence with its tokens,
 * else one JSON line per sentence with its text; or CoNLL-U (tokens only,
 * "_" for tags). Offsets printed are base + article offsets, i.e. byte
 * offsets into the input file. Returns 0, or -1 on a write error. */
int sr_cli_text_print(FILE *out, const char *name, size_t base, const sitrep_article *a,
                      sr_cli_text_format fmt, int tokens);
/* `sitrep tokenize` (tokens = 1) and `sitrep sentences` (tokens = 0):
 * option parsing, input walking and output. Returns a sysexits code. */
int sr_cli_text_main(int argc, char **argv, int tokens);
#endif
