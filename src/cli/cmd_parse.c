/* cmd_parse.c - `sitrep parse`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_parse(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep parse: not implemented yet\n");
    return EX_UNAVAILABLE;
}
