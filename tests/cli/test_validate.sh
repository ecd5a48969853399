#!/usr/bin/env bash
# test_validate.sh - `sitrep validate` on a small invented validation file.
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/coder"

check_exit "usage without a file" 64 $SITREP validate
check_exit "missing file" 66 $SITREP validate "$TMP/nope.xml"
many=(); for i in $(seq 17); do many+=(-d "$TMP"); done
check_exit "more than 16 --dict is refused, not dropped" 64 $SITREP validate "${many[@]}" "$TMP/nope.xml"
check_exit "eval plover: more than 16 --dict is refused too" 64 $SITREP eval plover "${many[@]}" "$TMP/nope.tsv"
$SITREP validate "$D/bad.validate.xml" >"$TMP/bad.out" 2>"$TMP/bad.err"
check_eq "malformed XML is a data error" "$?" 65
check_grep "malformed XML reports file:line" 'bad\.validate\.xml:[0-9]+:[0-9]+: malformed XML' "$TMP/bad.err"
# A dictionary named in <Environment> that does not exist.
sed 's/test.verbs.txt/missing.verbs.txt/' "$D/mini.validate.xml" > "$TMP/missing.xml"
check_exit "missing dictionary" 66 $SITREP validate "$TMP/missing.xml"
check_grep "help lists --model" '--model' <($SITREP validate --help)

# The full run needs the shipped parser model (models/).
if [ -e "$ROOT/models/en_ewt.tagger" ]; then
  $SITREP validate -m "$ROOT/models" "$D/mini.validate.xml" > "$TMP/out" 2>"$TMP/err"
  check_eq "validate exits 0" "$?" 0
  check_grep "3 active records" '^records: 3 active' "$TMP/out"
  check_grep "simple record coded" '^ok +MINI-01 .*produced: ARN-GON-111' "$TMP/out"
  check_grep "noevents record" 'MINI-03 .*\(no events\)' "$TMP/out"
  check_nogrep "inactive records skipped" 'MINI-0[45]' "$TMP/out"
  check_grep "summary figures" '^precision: [0-9.]+ recall: [0-9.]+ f1: [0-9.]+' "$TMP/out"
  check_grep "no crashes" '^crashes: 0' "$TMP/out"
  check_grep "category breakdown" '^by category \(exact/total\): BASIC [0-9]/2 NEG [0-9]/1' "$TMP/out"
  # eval plover on a tiny TSV with the same dictionaries
  $SITREP eval plover -m "$ROOT/models" --no-default-dict -d "$D/test.actors.txt" \
    -d "$D/test.verbs.txt" "$D/mini.plover.tsv" > "$TMP/plv" 2>"$TMP/plv.err"
  check_eq "eval plover exits 0" "$?" 0
  check_grep "plover pairs" '^pairs: 3$' "$TMP/plv"
  check_grep "plover recall" '^recall: 66.7% \(2/3' "$TMP/plv"
  check_grep "plover confusion" 'ASSAULT .*\(unmatched\)=1' "$TMP/plv"
  printf 'no header here\n' > "$TMP/bad.tsv"
  check_exit "plover TSV without the columns" 65 $SITREP eval plover -m "$ROOT/models" \
    --no-default-dict -d "$D/test.verbs.txt" "$TMP/bad.tsv"
fi
finish
