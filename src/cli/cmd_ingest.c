/* cmd_ingest.c - `sitrep ingest`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_ingest(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep ingest: not implemented yet\n");
    return EX_UNAVAILABLE;
}
