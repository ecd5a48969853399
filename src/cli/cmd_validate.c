/* cmd_validate.c - `sitrep validate`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_validate(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep validate: not implemented yet\n");
    return EX_UNAVAILABLE;
}
