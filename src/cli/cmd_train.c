/* cmd_train.c - `sitrep train`: not implemented yet. */
#include <stdio.h>
#include <sysexits.h>
#include "cli.h"

int cmd_train(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep train: not implemented yet\n");
    return EX_UNAVAILABLE;
}
