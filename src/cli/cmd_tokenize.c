/* cmd_tokenize.c - `sitrep tokenize`: sentences with their tokens, as JSON
 * Lines or CoNLL-U. The work is shared with `sitrep sentences`
 * (text_input.c). */
#include "cli.h"
#include "text_input.h"

int cmd_tokenize(int argc, char **argv) { return sr_cli_text_main(argc, argv, 1); }
