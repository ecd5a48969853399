/* cmd_eval.c - `sitrep eval`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_eval(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep eval: not implemented yet\n");
    return EX_UNAVAILABLE;
}
