/* cmd_sentences.c - `sitrep sentences`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_sentences(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep sentences: not implemented yet\n");
    return EX_UNAVAILABLE;
}
