/* cmd_tokenize.c - `sitrep tokenize`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_tokenize(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep tokenize: not implemented yet\n");
    return EX_UNAVAILABLE;
}
