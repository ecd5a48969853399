/* cmd_dict.c - `sitrep dict`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_dict(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep dict: not implemented yet\n");
    return EX_UNAVAILABLE;
}
