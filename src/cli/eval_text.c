/* eval_text.c - `sitrep eval text`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_eval_text(int argc, char **argv);
int cmd_eval_text(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep eval text: not implemented yet\n");
    return EX_UNAVAILABLE;
}
