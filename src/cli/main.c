/* main.c - `sitrep COMMAND [OPTIONS]` dispatch. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include "cli.h"

typedef struct { const char *name, *help; int (*fn)(int, char **); } S_command;

#define SR_CLI_ENTRY(name, help) {#name, help, cmd_##name},
static const S_command S_commands[] = {SR_CLI_COMMANDS(SR_CLI_ENTRY)};
#undef SR_CLI_ENTRY

static void S_usage(FILE *out) {
    fprintf(out,
            "usage: sitrep COMMAND [OPTIONS] [ARGS]\n"
            "       sitrep --help | --version\n\n"
            "sitrep turns news text into political event data (CAMEO, PLOVER).\n\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++)
        fprintf(out, "  %-10s %s\n", S_commands[i].name, S_commands[i].help);
    fprintf(out, "\nRun `sitrep COMMAND --help` for a command's options; `man sitrep`\n"
                "(in the source tree: `man -l man/sitrep.1`) for more.\n");
}

int sr_cli_report(const sitrep_error *err) {
    char buf[1024];
    fprintf(stderr, "sitrep: %s\n", sitrep_error_format(err, buf, sizeof buf));
    /* sysexits(3): an input file that does not exist is EX_NOINPUT (66),
     * not a failed read (EX_IOERR). The library has one I/O code for both,
     * so tell them apart here by the file the error names. Callers that
     * open an output (a store to create) check its directory first. */
    struct stat st;
    if (err && err->code == SITREP_E_IO && err->file[0] && stat(err->file, &st) != 0 &&
        (errno == ENOENT || errno == ENOTDIR))
        return EX_NOINPUT;
    return sitrep_exit_code(err ? err->code : SITREP_E_INTERNAL);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        S_usage(stderr);
        return EX_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        S_usage(stdout);
        return EX_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("sitrep %s\n", sitrep_version());
        return EX_OK;
    }
    for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++)
        if (strcmp(cmd, S_commands[i].name) == 0) {
            /* getopt prefixes its own messages with argv[0]: make that
             * "sitrep code", not a bare "code". */
            char prog[32];
            snprintf(prog, sizeof prog, "sitrep %s", cmd);
            argv[1] = prog;
            return S_commands[i].fn(argc - 1, argv + 1);
        }
    fprintf(stderr, "sitrep: unknown command '%s' (see `sitrep --help`)\n", cmd);
    return EX_USAGE;
}
