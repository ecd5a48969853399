/* eval_plover.c - `sitrep eval plover`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_eval_plover(int argc, char **argv);
int cmd_eval_plover(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep eval plover: not implemented yet\n");
    return EX_UNAVAILABLE;
}
