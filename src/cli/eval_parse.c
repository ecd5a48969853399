/* eval_parse.c - `sitrep eval parse`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_eval_parse(int argc, char **argv);
int cmd_eval_parse(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep eval parse: not implemented yet\n");
    return EX_UNAVAILABLE;
}
