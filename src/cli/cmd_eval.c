/* cmd_eval.c - `sitrep eval text|parse|plover GOLD`: dispatch only; each
 * evaluation lives in its own eval_*.c. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include "cli.h"

int cmd_eval_text(int argc, char **argv);
int cmd_eval_parse(int argc, char **argv);
int cmd_eval_plover(int argc, char **argv);

int cmd_eval(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out,
                "usage: sitrep eval text GOLD.conllu     tokenization and sentence F1\n"
                "       sitrep eval parse GOLD.conllu    UPOS/XPOS/lemma/UAS/LAS (CoNLL 2018)\n"
                "       sitrep eval plover GOLD.tsv      PLOVER source/target/category recall\n"
                "Run `sitrep eval KIND --help` for options.\n");
        return argc < 2 ? EX_USAGE : EX_OK;
    }
    /* argv[1] becomes getopt's program name in its messages */
    static char prog[] = "sitrep eval plover";
    if (strcmp(argv[1], "text") == 0) return cmd_eval_text(argc - 1, argv + 1);
    if (strcmp(argv[1], "parse") == 0) return cmd_eval_parse(argc - 1, argv + 1);
    if (strcmp(argv[1], "plover") == 0) {
        argv[1] = prog;
        return cmd_eval_plover(argc - 1, argv + 1);
    }
    fprintf(stderr, "sitrep eval: unknown evaluation '%s' (text, parse, plover)\n", argv[1]);
    return EX_USAGE;
}
