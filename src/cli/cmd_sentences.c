/* cmd_sentences.c - `sitrep sentences`: one JSON line per sentence (or
 * CoNLL-U). The work is shared with `sitrep tokenize` (text_input.c). */
#include "cli.h"
#include "text_input.h"

int cmd_sentences(int argc, char **argv) { return sr_cli_text_main(argc, argv, 0); }
