/* cmd_code.c - `sitrep code`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_code(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep code: not implemented yet\n");
    return EX_UNAVAILABLE;
}
