/* cmd_export.c - `sitrep export`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_export(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep export: not implemented yet\n");
    return EX_UNAVAILABLE;
}
