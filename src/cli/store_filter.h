/* store_filter.h - the query options shared by `sitrep export` and
 * `sitrep events` (--from/--to, --actor, --dyad, --cameo, --root, --plover,
 * --min-sources, --events/--mentions, --limit), parsed into a
 * sitrep_store_filter. */
#ifndef SR_CLI_STORE_FILTER_H
#define SR_CLI_STORE_FILTER_H
#include <getopt.h>
#include <stdio.h>
#include "sitrep.h"

/* getopt_long codes of the shared options (all above any short option). */
enum {
    SR_OPT_FROM = 1000, SR_OPT_TO, SR_OPT_ACTOR, SR_OPT_DYAD, SR_OPT_DYAD_ANY, SR_OPT_CAMEO,
    SR_OPT_ROOT, SR_OPT_PLOVER, SR_OPT_MIN_SOURCES, SR_OPT_EVENTS, SR_OPT_MENTIONS,
    SR_OPT_LIMIT
};

/* The long options above, for splicing into a getopt_long table
 * (SR_CLI_FILTER_OPTIONS expands to the entries, without a terminator). */
#define SR_CLI_FILTER_OPTIONS                                                   \
    {"from", required_argument, NULL, SR_OPT_FROM},                             \
    {"to", required_argument, NULL, SR_OPT_TO},                                 \
    {"actor", required_argument, NULL, SR_OPT_ACTOR},                           \
    {"dyad", required_argument, NULL, SR_OPT_DYAD},                             \
    {"dyad-any", no_argument, NULL, SR_OPT_DYAD_ANY},                           \
    {"cameo", required_argument, NULL, SR_OPT_CAMEO},                           \
    {"root", required_argument, NULL, SR_OPT_ROOT},                             \
    {"plover", required_argument, NULL, SR_OPT_PLOVER},                         \
    {"min-sources", required_argument, NULL, SR_OPT_MIN_SOURCES},               \
    {"events", no_argument, NULL, SR_OPT_EVENTS},                               \
    {"mentions", no_argument, NULL, SR_OPT_MENTIONS},                           \
    {"limit", required_argument, NULL, SR_OPT_LIMIT}

/* Applies option `c` with argument `arg` to *f / *mentions. Returns 1 when
 * `c` is one of the shared options, 0 when it is not, or -1 after printing
 * "sitrep CMD: ..." for an invalid value (e.g. a malformed date). The
 * filter keeps pointers into `arg` (argv strings) and into static
 * storage for --dyad halves. */
int sr_cli_filter_opt(const char *cmd, int c, const char *arg, sitrep_store_filter *f,
                      int *mentions);

/* The help text of the shared options. */
void sr_cli_filter_help(FILE *out);
#endif
