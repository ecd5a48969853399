#!/usr/bin/env bash
# test_ux.sh - what a first-time user hits: exit codes follow sysexits(3)
# the same way in every subcommand (66 a missing input, 73 an output that
# cannot be created, 64 a bad option or value), and every message names
# the command, the file or option, and what was expected.
. "$(dirname "$0")/lib.sh"

# run NAME CMD... : runs CMD, keeps its exit code in $rc and stderr in $TMP/NAME.err
run() { local n=$1; shift; "$@" >"$TMP/$n.out" 2>"$TMP/$n.err"; rc=$?; }

mkdir -p "$TMP/emptydir"
: >"$TMP/empty.txt"
printf 'Russia attacked Ukraine.\n' >"$TMP/one.txt"

# A missing input is EX_NOINPUT (66) everywhere, not EX_IOERR (74).
run code_missing $SITREP code "$TMP/nope.txt"
check_eq "code: missing input exits 66" "$rc" 66
check_grep "code: missing input names the file" "nope.txt: cannot open" "$TMP/code_missing.err"
run dict_missing $SITREP dict check "$TMP/nope.txt"
check_eq "dict check: missing file exits 66" "$rc" 66
check_grep "dict check: no clean bill for an unread file" "in the files that could be read" "$TMP/dict_missing.err"
run model_missing $SITREP code --model "$TMP/nomodel" "$TMP/one.txt"
check_eq "code: missing --model exits 66" "$rc" 66
run events_missing $SITREP events --db "$TMP/none.db"
check_eq "events: missing store exits 66" "$rc" 66
check_grep "events: missing store named" "none.db" "$TMP/events_missing.err"
run train_missing $SITREP train tagger --train "$TMP/nope.conllu" -o "$TMP/m" --quiet
check_eq "train: missing training file exits 66" "$rc" 66
run evaltext_missing $SITREP eval text "$TMP/nope.conllu"
check_eq "eval text: missing gold exits 66" "$rc" 66
check_grep "eval text: message names command and file" "^sitrep eval text: .*nope.conllu: cannot open" "$TMP/evaltext_missing.err"

# A store in a directory that does not exist: EX_CANTCREAT (73), saying why.
run ingest_nodir $SITREP ingest -q --db "$TMP/no/such/dir/x.db" "$TMP/one.txt"
check_eq "ingest: store in a missing directory exits 73" "$rc" 73
check_grep "ingest: says the directory is missing" "cannot create: directory '.*no/such/dir' does not exist" "$TMP/ingest_nodir.err"
check "ingest: no store file was made" test ! -e "$TMP/no/such/dir/x.db"
run code_noout $SITREP code -o "$TMP/no/such/dir/x.jsonl" "$TMP/one.txt"
check_eq "code: -o in a missing directory exits 73" "$rc" 73
check_grep "code: -o error gives the reason" "x.jsonl: cannot create: No such file" "$TMP/code_noout.err"

# getopt's messages name the full command, not a bare "code".
run code_bogus $SITREP code --bogus
check_eq "code: unknown option exits 64" "$rc" 64
check_grep "code: unknown option message names 'sitrep code'" "^sitrep code: unrecognized option '--bogus'" "$TMP/code_bogus.err"
run validate_bogus $SITREP validate --bogus
check_grep "validate: unknown option message names 'sitrep validate'" "^sitrep validate: unrecognized option" "$TMP/validate_bogus.err"
run plover_bogus $SITREP eval plover --bogus
check_eq "eval plover: unknown option exits 64" "$rc" 64
check_grep "eval plover: message names 'sitrep eval plover'" "^sitrep eval plover: unrecognized option" "$TMP/plover_bogus.err"
run train_bogus $SITREP train tagger --bogus
check_eq "train: unknown option exits 64" "$rc" 64
check_grep "train: an unknown option is called unknown (not 'needs a value')" "unknown option '--bogus'" "$TMP/train_bogus.err"

# Dates must exist on the calendar.
run code_date $SITREP code --date 2025-02-30 "$TMP/one.txt"
check_eq "code: --date 2025-02-30 exits 64" "$rc" 64
check_grep "code: bad date message" "^sitrep code: --date '2025-02-30': expected a calendar date YYYY-MM-DD" "$TMP/code_date.err"
run ingest_date $SITREP ingest -q --db "$TMP/d.db" --date 2025-02-29 "$TMP/one.txt"
check_eq "ingest: --date 2025-02-29 exits 64" "$rc" 64
check_grep "ingest: bad date message" "--date '2025-02-29': expected a calendar date" "$TMP/ingest_date.err"
check "ingest: --date 2024-02-29 (leap year) is accepted" $SITREP ingest -q --db "$TMP/d.db" --date 2024-02-29 "$TMP/empty.txt"

# ingest takes the input format as -i/--input-format, like `sitrep code`;
# --format stays an alias. A wrong value says it is the *input* format.
run ingest_if $SITREP ingest -q --db "$TMP/f.db" -i csv "$TMP/one.txt"
check_eq "ingest: -i csv exits 64" "$rc" 64
check_grep "ingest: -i error explains input vs export format" "--input-format 'csv': expected auto, text, jsonl, xml or conllu.*sitrep export --format" "$TMP/ingest_if.err"
check "ingest: --input-format text works" $SITREP ingest -q --db "$TMP/f.db" --input-format text "$TMP/empty.txt"
check "ingest: --format text still works" $SITREP ingest -q --db "$TMP/f.db" --format text "$TMP/empty.txt"
check "ingest: -i json (alias of jsonl, as in code)" $SITREP ingest -q --db "$TMP/f.db" -i json "$TMP/empty.txt"

# dict: -d is --dict as in code/ingest/validate; unknown short options are
# errors (they used to be taken as a phrase or file name).
printf 'GRAND_FENWICK_ [GFW]\n' >"$TMP/gfw.actors.txt"
run dict_d $SITREP dict lookup -d "$TMP/gfw.actors.txt" "Grand Fenwick"
check_eq "dict lookup -d PATH finds the entry" "$(head -1 "$TMP/dict_d.out")" GFW
run dict_x $SITREP dict lookup -x Russia
check_eq "dict: unknown short option exits 64" "$rc" 64
check_grep "dict: unknown short option named" "unknown option '-x'" "$TMP/dict_x.err"
run dict_dd $SITREP dict lookup -d "$TMP/gfw.actors.txt" -- "Grand Fenwick"
check_eq "dict lookup: -- ends the options" "$(head -1 "$TMP/dict_dd.out")" GFW

# An input that holds no article is not an error, but it is said.
run code_emptydir $SITREP code "$TMP/emptydir"
check_eq "code: an empty directory exits 0" "$rc" 0
check_grep "code: an empty directory is reported" "note: no articles found" "$TMP/code_emptydir.err"
run code_stdin $SITREP code </dev/null
check_nogrep "code: empty stdin (a filter's empty chunk) is silent" "no articles" "$TMP/code_stdin.err"

# Help texts mention the options that exist.
$SITREP dict --help >"$TMP/dict.help"
check_grep "dict --help lists -d" "-d, --dict PATH" "$TMP/dict.help"
check_grep "dict --help lists -h" "-h, --help" "$TMP/dict.help"
$SITREP ingest --help >"$TMP/ingest.help"
check_grep "ingest --help lists -i, --input-format" "-i, --input-format" "$TMP/ingest.help"
$SITREP validate --help >"$TMP/validate.help"
check_grep "validate --help lists -h" "-h, --help" "$TMP/validate.help"
$SITREP parse --help >"$TMP/parse.help"
check_grep "parse --help lists -m, --model" "-m, --model" "$TMP/parse.help"

# An installed layout (make install): <prefix>/bin/sitrep finds its
# dictionaries and models in <prefix>/share/sitrep from any directory.
P="$TMP/prefix"
mkdir -p "$P/bin" "$P/share/sitrep" "$TMP/elsewhere"
cp "$SITREP_BIN" "$P/bin/sitrep"
ln -s "$ROOT/data/dict" "$P/share/sitrep/dict"
ln -s "$ROOT/data/ontology" "$P/share/sitrep/ontology"
ln -s "$ROOT/models" "$P/share/sitrep/models"
(cd "$TMP/elsewhere" && echo "Russia attacked Ukraine." |
  env -u SITREP_DATA -u SITREP_MODELS -u SITREP_MODEL ${SITREP_WRAP:-} "$P/bin/sitrep" code --date 2025-03-01 \
  >"$TMP/inst.out" 2>"$TMP/inst.err")
check_grep "installed binary finds dictionaries and model" '"source":\{"code":"RUS".*"target":\{"code":"UKR".*"cameo":"19' "$TMP/inst.out"
finish
