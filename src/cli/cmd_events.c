/* cmd_events.c - `sitrep events`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_events(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep events: not implemented yet\n");
    return EX_UNAVAILABLE;
}
