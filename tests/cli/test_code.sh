#!/usr/bin/env bash
# `sitrep code`: inputs, output formats, threads, errors. Uses pre-parsed
# CoNLL-U (tests/data/io/events.conllu) and a tiny invented dictionary so
# that it needs no trained model.
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/io"
CODE=($SITREP code --dict "$D/dict")

$SITREP code --help >"$TMP/help"; check_eq "--help exits 0" $? 0
check_grep "--help lists formats" "gdelt" "$TMP/help"
check_exit "unknown format is a usage error" 64 $SITREP code --format xls "$D/events.conllu"
check_exit "bad -j is a usage error" 64 $SITREP code -j 0 "$D/events.conllu"
check_exit "missing input is EX_NOINPUT" 66 "${CODE[@]}" "$D/no-such-file.jsonl"
check_exit "bad --date is a usage error" 64 "${CODE[@]}" --date 2024-99-01 "$D/events.conllu"

# JSON Lines: valid JSON, two events, defaults applied
"${CODE[@]}" --date 2024-05-01 --source Testwire "$D/events.conllu" >"$TMP/ev.jsonl"
check_eq "jsonl exits 0" $? 0
check_eq "two events" "$(wc -l <"$TMP/ev.jsonl")" 2
check "every line is JSON" jq -e . "$TMP/ev.jsonl"
check_eq "first event" "$(jq -r '[.article_id,.source.code,.target.code,.cameo,.date,.evidence.verb.text,.source.start,.source.end] | join(" ")' "$TMP/ev.jsonl" | head -1)" \
  "io-1 ZEM KOR 190 2024-05-01 attacked 0 6"
check_eq "id with comma and quote survives" "$(jq -r 'select(.cameo=="122") | .article_id' "$TMP/ev.jsonl")" 'io,"2"'

# the same from stdin, gzip and zstd
"${CODE[@]}" --date 2024-05-01 --source Testwire - <"$D/events.conllu" >"$TMP/stdin.jsonl"
check_eq "stdin gives the same events" "$(cmp -s "$TMP/ev.jsonl" "$TMP/stdin.jsonl" && echo same)" same
gzip -c "$D/events.conllu" >"$TMP/e.conllu.gz"
"${CODE[@]}" --date 2024-05-01 --source Testwire "$TMP/e.conllu.gz" >"$TMP/gz.jsonl"
check_eq "gzip gives the same events" "$(cmp -s "$TMP/ev.jsonl" "$TMP/gz.jsonl" && echo same)" same
if command -v zstd >/dev/null; then
  zstd -q -c "$D/events.conllu" >"$TMP/e.zst"
  "${CODE[@]}" --date 2024-05-01 --source Testwire -i conllu - <"$TMP/e.zst" >"$TMP/zst.jsonl"
  check_eq "zstd on stdin gives the same events" "$(cmp -s "$TMP/ev.jsonl" "$TMP/zst.jsonl" && echo same)" same
fi

# CSV and TSV load in sqlite3 without options
"${CODE[@]}" -f csv "$D/events.conllu" >"$TMP/ev.csv"
check_grep "csv header" "^article_id,sentence,date,source_code," "$TMP/ev.csv"
check_eq "csv uses CRLF" "$(grep -c $'\r$' "$TMP/ev.csv")" 3
sqlite3 "$TMP/csv.db" ".import --csv $TMP/ev.csv events" 2>"$TMP/sqlerr"
check_eq "sqlite3 imports the csv" "$(sqlite3 "$TMP/csv.db" 'select count(*) from events')" 2
check_eq "csv quoting round-trips" "$(sqlite3 "$TMP/csv.db" "select article_id || '|' || sentence_text from events where cameo = '122'")" \
  'io,"2"|Korvia condemned Zembla, officials said.'
"${CODE[@]}" -f tsv "$D/events.conllu" >"$TMP/ev.tsv"
sqlite3 "$TMP/tsv.db" ".mode tabs" ".import $TMP/ev.tsv events"
check_eq "sqlite3 imports the tsv" "$(sqlite3 "$TMP/tsv.db" "select article_id || '|' || verb_text from events order by rowid")" \
  "$(printf 'io-1|attacked\nio,"2"|condemned')"
"${CODE[@]}" -f csv --no-header "$D/events.conllu" >"$TMP/nohdr.csv"
check_eq "--no-header" "$(wc -l <"$TMP/nohdr.csv")" 2

# GDELT: 61 tab-separated columns; PLOVER: JSON with event/actor
"${CODE[@]}" -f gdelt --date 2024-05-01 "$D/events.conllu" >"$TMP/ev.gdelt"
check_eq "gdelt has 61 columns on every line" "$(awk -F'\t' '{print NF}' "$TMP/ev.gdelt" | sort -u)" 61
check_eq "gdelt day and codes" "$(awk -F'\t' 'NR==2 {print $2, $6, $8, $27, $29, $30}' "$TMP/ev.gdelt")" "20240501 ZEM ZEM 190 19 4"
"${CODE[@]}" -f plover "$D/events.conllu" >"$TMP/ev.plover"
check_eq "plover event categories" "$(jq -r '.event[0]' "$TMP/ev.plover" | tr '\n' ' ')" "ASSAULT REJECT "
check_eq "plover actor" "$(jq -r '.actor[0].code + "/" + .recipient[0].entitytext' "$TMP/ev.plover" | head -1)" "ZEM/Korvia"

# -j N: same output, same order, on many documents
for i in $(seq 1 40); do sed "s/^# newdoc id = \(.*\)/# newdoc id = \1-$i/" "$D/events.conllu"; done >"$TMP/many.conllu"
"${CODE[@]}" -j 1 "$TMP/many.conllu" >"$TMP/j1.jsonl"
"${CODE[@]}" -j 4 "$TMP/many.conllu" >"$TMP/j4.jsonl"
check_eq "80 events" "$(wc -l <"$TMP/j1.jsonl")" 80
check_eq "-j 4 output identical to -j 1" "$(cmp -s "$TMP/j1.jsonl" "$TMP/j4.jsonl" && echo same)" same

# bad JSON Lines records: reported with file:line, skipped, exit 0;
# --strict stops with EX_DATAERR
printf '{"id":"b1","text":"x"\n[1]\n{"id":"b3"}\n' >"$TMP/bad.jsonl"
"${CODE[@]}" "$TMP/bad.jsonl" >"$TMP/bad.out" 2>"$TMP/bad.err"
check_eq "bad records only: exit 0" $? 0
check_grep "line 1 reported" "bad.jsonl:1:[0-9]+: invalid JSON" "$TMP/bad.err"
check_grep "line 3 reported with what was expected" 'bad.jsonl:3: expected a string field "text"' "$TMP/bad.err"
check_grep "count of skipped records" "3 bad records skipped" "$TMP/bad.err"
check_exit "--strict stops with 65" 65 "${CODE[@]}" --strict "$TMP/bad.jsonl"

# --count: every input kind through the reader only
check_eq "--count over text, JSONL, XML, CoNLL-U and a tree" \
  "$($SITREP code -q --count "$D/header.txt" "$D/mixed.jsonl" "$D/petr.xml" "$D/events.conllu" "$D/tree")" \
  "13 articles, 4 bad records, 534 text bytes"
printf 'First\nbody one\n\f\nSecond\nbody two\n' | gzip -c >"$TMP/ff.gz"
check_eq "--count on gzip text from stdin, form-feed separated" \
  "$($SITREP code --count - <"$TMP/ff.gz")" "2 articles, 0 bad records, 29 text bytes"

# with a trained model (when one is installed): plain text end to end,
# and the GNU parallel recipe from docs/formats.md
if [ -e "$ROOT/models/en_ewt.tagger" ]; then
  printf '{"id":"t1","date":"2024-05-02","text":"Zembla attacked Korvia on Monday."}\n{"id":"t2","text":"Korvia condemned Zembla."}\n' >"$TMP/t.jsonl"
  "${CODE[@]}" "$TMP/t.jsonl" >"$TMP/t.out"
  check_eq "text articles are parsed and coded" $? 0
  check_grep "the attack is coded" '"cameo":"190"' "$TMP/t.out"
  # A state's own names (capital, seat of government) are that state, not a
  # second actor beside its leader: no USAGOV -> USAGOV event from "from the
  # Oval Office"; two different named people still may be ("Ford pardoned Nixon").
  printf '{"id":"o1","date":"2025-03-07","text":"Speaking from the Oval Office on Friday, Trump repeated his call for talks."}\n' >"$TMP/o.jsonl"
  $SITREP code "$TMP/o.jsonl" >"$TMP/o.out"
  check_eq "no event between a leader and his own seat of government" "$(grep -c '"target":{"code":"USAGOV"' "$TMP/o.out")" 0
  if command -v parallel >/dev/null; then
    for i in $(seq 1 30); do sed "s/\"id\":\"t/\"id\":\"t$i-/" "$TMP/t.jsonl"; done >"$TMP/t30.jsonl"
    "${CODE[@]}" "$TMP/t30.jsonl" >"$TMP/serial.out"
    parallel --pipe -N 7 -k "${CODE[@]}" <"$TMP/t30.jsonl" >"$TMP/par.out"
    check_eq "GNU parallel gives the serial output" "$(cmp -s "$TMP/serial.out" "$TMP/par.out" && echo same)" same
  fi
fi

# Each malformed dictionary given with --dict is reported once, naming its
# own first bad line (not the first bad line of an earlier file).
B="$ROOT/tests/data/dict/bad"
$SITREP code --no-default-dict --dict "$B/bad.actors.txt" --dict "$B/bad.agents.txt" \
  --input-format conllu /dev/null >/dev/null 2>"$TMP/dictwarn"
check_eq "one warning per malformed --dict file" "$(grep -c 'warning:' "$TMP/dictwarn")" 2
check_grep "actors warning names its file" 'bad\.actors\.txt:[0-9]+:[0-9]+:' "$TMP/dictwarn"
check_grep "agents warning names its file" 'bad\.agents\.txt:[0-9]+:[0-9]+:' "$TMP/dictwarn"
finish
