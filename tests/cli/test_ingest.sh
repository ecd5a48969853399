#!/usr/bin/env bash
# `sitrep ingest`, `sitrep export`, `sitrep events`: the SQLite store,
# cross-article linking, idempotent re-ingest, crash safety (kill -9),
# -j determinism, export formats loading in real consumers. Uses pre-parsed
# CoNLL-U and an invented dictionary (tests/data/ingest) so it needs no
# trained model; the JSON Lines checks run only when a model is installed.
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/ingest"
ING=($SITREP ingest --dict "$D/dict" --quiet)
DB="$TMP/t.db"
q() { sqlite3 -batch -noheader "$1" "$2"; }

# --- usage -----------------------------------------------------------------
for c in ingest export events; do
  $SITREP $c --help >"$TMP/help" 2>&1; check_eq "$c --help exits 0" $? 0
  check_grep "$c --help shows usage" "^usage: sitrep $c" "$TMP/help"
done
check_exit "ingest without --db" 64 $SITREP ingest "$D/a.conllu"
check_exit "ingest without inputs" 64 $SITREP ingest --db "$DB"
check_exit "ingest bad --window" 64 $SITREP ingest --db "$DB" --window 9999 "$D/a.conllu"
many=(); for i in $(seq 33); do many+=(-d "$TMP"); done
check_exit "ingest: more than 32 --dict is refused, not dropped" 64 $SITREP ingest --db "$DB" "${many[@]}" "$D/a.conllu"
check_exit "ingest bad --link-by" 64 $SITREP ingest --db "$DB" --link-by verb "$D/a.conllu"
check_exit "ingest bad --date" 64 $SITREP ingest --db "$DB" --date 2025-3-7 "$D/a.conllu"
check_exit "ingest bad -j" 64 $SITREP ingest --db "$DB" -j 0 "$D/a.conllu"
check_exit "ingest missing input" 66 "${ING[@]}" --db "$DB" "$D/no-such.conllu"
check_exit "export bad --format" 64 $SITREP export --db "$DB" --format xls
check_exit "export bad --dyad" 64 $SITREP export --db "$DB" --dyad RUS
check_exit "events bad --from" 64 $SITREP events --db "$DB" --from yesterday
check_exit "events on a missing store" 66 $SITREP events --db "$TMP/none.db"
$SITREP events --db "$TMP/none.db" 2>"$TMP/err"
check_grep "missing store error names the file" "none.db" "$TMP/err"
echo "not a database at all, just text" >"$TMP/text.db"
for i in $(seq 200); do echo "padding padding padding padding" >>"$TMP/text.db"; done
check_exit "a text file is not a store" 65 $SITREP events --db "$TMP/text.db"

# --- linking across articles ---------------------------------------------------
# Alpha and Beta report the same attack on 03-07, Gamma again on 03-08
# (within +-1 day); Alpha's 03-11 report is a new event.
ingest_all() { # DB
  "${ING[@]}" --db "$1" --source Alpha --date 2025-03-07 "$D/a.conllu" &&
  "${ING[@]}" --db "$1" --source Beta --date 2025-03-07 "$D/b.conllu" &&
  "${ING[@]}" --db "$1" --source Gamma --date 2025-03-08 "$D/c.conllu" &&
  "${ING[@]}" --db "$1" --source Alpha --date 2025-03-11 "$D/d.conllu"
}
ingest_all "$DB"; check_eq "ingest exits 0" $? 0
check_eq "articles" "$(q "$DB" 'SELECT count(*) FROM articles')" 4
check_eq "mentions" "$(q "$DB" 'SELECT count(*) FROM mentions')" 6
check_eq "linked events" "$(q "$DB" 'SELECT count(*) FROM events')" 4
check_eq "the attack links 3 articles from 3 outlets" \
  "$(q "$DB" "SELECT num_mentions, num_articles, num_sources, first_seen, last_seen FROM events WHERE source_code='VLM' AND date='2025-03-07'")" \
  "3|3|3|2025-03-07|2025-03-08"
check_eq "four days later is another event" \
  "$(q "$DB" "SELECT count(*) FROM events WHERE source_code='VLM' AND target_code='TRK'")" 2
check_eq "schema version" "$(q "$DB" 'SELECT version FROM schema_version')" 2
check_eq "WAL mode" "$(q "$DB" 'PRAGMA journal_mode')" wal
check_eq "evidence kept" "$(q "$DB" "SELECT pattern_loc FROM mentions WHERE cameo='112'")" "ingest.verbs.txt:5"

# --- re-ingest is a no-op --------------------------------------------------------
dump() { q "$1" "SELECT a.doc_id, m.sentence, m.cameo, m.event_id FROM mentions m JOIN articles a ON a.id=m.article_id ORDER BY m.id;
  SELECT source_code, target_code, link_key, date, cameo, num_mentions, num_articles, num_sources, first_seen, last_seen, evidence_mention FROM events ORDER BY id;
  SELECT count(*) FROM articles; SELECT count(*) FROM sentences;"; }
dump "$DB" >"$TMP/dump1"
ingest_all "$DB"
dump "$DB" >"$TMP/dump2"
check_eq "re-ingest changes nothing" "$(cmp -s "$TMP/dump1" "$TMP/dump2" && echo same)" same
$SITREP ingest --dict "$D/dict" --db "$DB" --source Alpha --date 2025-03-07 "$D/a.conllu" >"$TMP/sum"
check_grep "summary reports skipped duplicates" "0 new, 1 already stored" "$TMP/sum"

# --- queries ---------------------------------------------------------------------
$SITREP events --db "$DB" --width 120 >"$TMP/table"; check_eq "events exits 0" $? 0
check_grep "table header" "^DATE +SOURCE +TARGET +CODE" "$TMP/table"
check_grep "table row with counts" "2025-03-07 +VLM +TRK +190 .* 3 +3 +Velmora attacked Tarsk" "$TMP/table"
check_eq "table fits the width" "$(awk '{ if (length($0) > 120) n++ } END { print n+0 }' "$TMP/table")" 0
$SITREP events --db "$DB" --width 60 >"$TMP/narrow"
check_eq "narrow table fits" "$(awk '{ if (length($0) > 60) n++ } END { print n+0 }' "$TMP/narrow")" 0
nrows() { $SITREP export --db "$DB" --format jsonl "$@" | wc -l; }
check_eq "--dyad is directed" "$(nrows --dyad VLM-TRK)" 2
check_eq "--dyad-any both ways" "$(nrows --dyad VLM-TRK --dyad-any)" 3
check_eq "--actor" "$(nrows --actor OST)" 1
check_eq "--min-sources" "$(nrows --min-sources 2)" 1
check_eq "--from" "$(nrows --from 2025-03-10)" 1
check_eq "--to" "$(nrows --to 2025-03-07)" 2
check_eq "--root" "$(nrows --root 19)" 2
check_eq "--cameo prefix" "$(nrows --cameo 11)" 1
check_eq "--plover" "$(nrows --plover consult)" 1
check_eq "--mentions" "$(nrows --mentions)" 6
check_eq "--mentions with filters" "$(nrows --mentions --dyad VLM-TRK --min-sources 3)" 3

# --- exports load in real consumers ---------------------------------------------
$SITREP export --db "$DB" --format csv >"$TMP/ev.csv"
sqlite3 "$TMP/imp.db" ".import --csv $TMP/ev.csv ev"
check_eq "csv imports into sqlite3" "$(q "$TMP/imp.db" 'SELECT count(*) FROM ev')" 4
check_eq "csv link columns" \
  "$(q "$TMP/imp.db" "SELECT num_articles || '/' || num_sources || '/' || outlet FROM ev WHERE source_code='VLM' AND date='2025-03-07'")" "3/3/Alpha"
$SITREP export --db "$DB" --format tsv >"$TMP/ev.tsv"
sqlite3 "$TMP/imp.db" ".mode tabs" ".import $TMP/ev.tsv tv"
check_eq "tsv imports into sqlite3" "$(q "$TMP/imp.db" 'SELECT count(*), sum(num_mentions) FROM tv')" "4|6"
$SITREP export --db "$DB" --mentions --format csv >"$TMP/m.csv"
sqlite3 "$TMP/imp.db" ".import --csv $TMP/m.csv mv"
check_eq "mentions csv imports" "$(q "$TMP/imp.db" 'SELECT count(DISTINCT event_id), count(*) FROM mv')" "4|6"
$SITREP export --db "$DB" >"$TMP/ev.jsonl"
check_eq "jsonl parses with sqlite json" \
  "$(while IFS= read -r l; do q "$TMP/imp.db" "SELECT json_extract('${l//\'/\'\'}', '\$.num_articles')"; done <"$TMP/ev.jsonl" | tr '\n' ,)" "3,1,1,1,"
if command -v jq >/dev/null; then
  check "jsonl is JSON" jq -e . "$TMP/ev.jsonl"
  $SITREP export --db "$DB" --format plover >"$TMP/ev.plover"
  check "plover is JSON" jq -e . "$TMP/ev.plover"
  check_eq "plover carries link counts" "$(jq -r 'select(.event==["ASSAULT"]) | .num_sources' "$TMP/ev.plover" | tr '\n' ,)" "3,1,"
fi
$SITREP export --db "$DB" --format gdelt >"$TMP/ev.gdelt"
check_eq "gdelt has 61 columns" "$(awk -F'\t' '{print NF}' "$TMP/ev.gdelt" | sort -u)" 61
check_eq "gdelt NumMentions/NumSources/NumArticles" "$(awk -F'\t' 'NR==2 {print $1, $32, $33, $34}' "$TMP/ev.gdelt")" "1 3 3 3"
$SITREP export --db "$DB" --format conllu >"$TMP/ev.conllu"
check_eq "conllu: one block per evidence sentence" "$(grep -c '^# text = ' "$TMP/ev.conllu")" 4
check_eq "conllu: token lines have 10 columns" "$(grep -v '^#' "$TMP/ev.conllu" | grep . | awk -F'\t' '{print NF}' | sort -u)" 10
check_grep "conllu: event comment" "^# sitrep_event = 2025-03-07 VLM TRK 190 ASSAULT asserted \(event 1, 3 articles, 3 sources\)" "$TMP/ev.conllu"
"${ING[@]}" --db "$TMP/q.db" --source 'The "Daily", Wire' --date 2025-03-07 "$D/b.conllu"
$SITREP export --db "$TMP/q.db" --format csv >"$TMP/q.csv"
sqlite3 "$TMP/imp.db" ".import --csv $TMP/q.csv qv"
check_eq "csv outlet with quote and comma round-trips" "$(q "$TMP/imp.db" 'SELECT outlet FROM qv')" 'The "Daily", Wire'
$SITREP export --db "$TMP/q.db" --format tsv >"$TMP/q.tsv"
sqlite3 "$TMP/imp.db" ".mode tabs" ".import $TMP/q.tsv qt"
check_eq "tsv outlet with quote round-trips" "$(q "$TMP/imp.db" 'SELECT outlet FROM qt')" 'The "Daily", Wire'
check_exit "export to an unwritable file" 73 $SITREP export --db "$DB" -o "$TMP/no/such/dir/x.csv"

# --- relinking with another window ---------------------------------------------
"${ING[@]}" --db "$DB" --window 5 "$D/a.conllu"
check_eq "--window 5 relinks: 03-11 joins 03-07" "$(q "$DB" "SELECT count(*) FROM events WHERE source_code='VLM'")" 1
check_eq "window recorded" "$(q "$DB" "SELECT value FROM meta WHERE key='link_window'")" 5

# --- newer schema is refused -----------------------------------------------------
cp "$DB" "$TMP/new.db"; q "$TMP/new.db" "PRAGMA wal_checkpoint; UPDATE schema_version SET version=7" >/dev/null
$SITREP events --db "$TMP/new.db" 2>"$TMP/err"; check_eq "newer schema: exit 65" $? 65
check_grep "newer schema: clear error" "schema version 7 is newer" "$TMP/err"

# --- a big corpus: -j determinism and kill -9 -------------------------------------
# 4000 articles: the four test articles replicated with distinct ids and a
# closing "Report N." sentence (identical content would be a duplicate).
N=1000
cat "$D"/[abcd].conllu >"$TMP/four.conllu"
awk -v n=$N 'BEGIN { RS = ""; ORS = "\n\n" } { doc[NR] = $0 } END {
  for (i = 1; i <= n; i++) for (k = 1; k <= NR; k++) {
    d = doc[k]
    if (d ~ /^# newdoc id = /) {
      if (c++) printf "# text = Report %d.\n1\tReport\treport\tNOUN\tNN\t_\t0\troot\t_\t_\n2\t%d\t%d\tNUM\tCD\t_\t1\tnummod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n", c, c, c
      sub(/\n/, "-r" i "\n", d)
    }
    print d
  }
  printf "# text = Report %d.\n1\tReport\treport\tNOUN\tNN\t_\t0\troot\t_\t_\n2\t%d\t%d\tNUM\tCD\t_\t1\tnummod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n", c, c, c
}' "$TMP/four.conllu" >"$TMP/big.conllu"
total=$((N * 4))
"${ING[@]}" --db "$TMP/j1.db" --date 2025-03-07 --source Wire -j 1 "$TMP/big.conllu"
"${ING[@]}" --db "$TMP/j2.db" --date 2025-03-07 --source Wire -j 2 "$TMP/big.conllu"
check_eq "clean run stores every article" "$(q "$TMP/j1.db" 'SELECT count(*) FROM articles')" $total
dump "$TMP/j1.db" >"$TMP/d1"; dump "$TMP/j2.db" >"$TMP/d2"
check_eq "-j 2 stores exactly what -j 1 stores" "$(cmp -s "$TMP/d1" "$TMP/d2" && echo same)" same

"${ING[@]}" --db "$TMP/k.db" --date 2025-03-07 --source Wire --batch 50 "$TMP/big.conllu" &
pid=$!
n=0
for _ in $(seq 400); do
  n=$(q "$TMP/k.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 200 ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
n=$(q "$TMP/k.db" 'SELECT count(*) FROM articles')
check "killed partway (stored $n of $total)" test "$n" -gt 0 -a "$n" -lt $total
check_eq "killed at a batch boundary" "$((n % 50))" 0
"${ING[@]}" --db "$TMP/k.db" --date 2025-03-07 --source Wire --batch 50 "$TMP/big.conllu"
check_eq "re-run after kill -9 exits 0" $? 0
dump "$TMP/k.db" >"$TMP/dk"
check_eq "after kill -9 + re-run: same store as a clean run" "$(cmp -s "$TMP/d1" "$TMP/dk" && echo same)" same
check_eq "integrity" "$(q "$TMP/k.db" 'PRAGMA integrity_check')" ok

# --- JSON Lines with bad records (needs a parser model) ----------------------------
printf '%s\n' '{"id":"j1","date":"2025-03-07","source":"Alpha","text":"Velmora attacked Tarsk."}' \
  '{"id":"j2", bad json' \
  '{"id":"j3","date":"2025-03-07","url":"https://www.beta.example/x","text":"Velmora attacked Tarsk again."}' \
  '{"id":"j4","date":"2025-03-08"}' \
  '{"id":"j5","date":"2025-03-08","text":"Tarsk accused Velmora."}' >"$TMP/bad.jsonl"
$SITREP ingest --dict "$D/dict" --db "$TMP/js.db" "$TMP/bad.jsonl" >"$TMP/js.out" 2>"$TMP/js.err"
rc=$?
if grep -q "no model" "$TMP/js.err"; then
  echo "  (JSON Lines checks skipped: no parser model installed)"
else
  check_eq "bad records are skipped (exit 0)" $rc 0
  check_grep "bad record reported with its line" "bad.jsonl:2" "$TMP/js.err"
  check_grep "missing text reported with its line" "bad.jsonl:4" "$TMP/js.err"
  check_eq "good records stored" "$(q "$TMP/js.db" 'SELECT group_concat(doc_id) FROM articles')" "j1,j3,j5"
  check_eq "outlet from the URL host, else unknown" "$(q "$TMP/js.db" 'SELECT group_concat(outlet) FROM articles')" "Alpha,beta.example,unknown"
  $SITREP ingest --dict "$D/dict" --strict --db "$TMP/st.db" "$TMP/bad.jsonl" >/dev/null 2>&1
  check_eq "--strict stops with 65" $? 65
  check_eq "--strict keeps the records before" "$(q "$TMP/st.db" 'SELECT group_concat(doc_id) FROM articles')" "j1"
fi
# --- missing dates and outlets are reported, not silent ----------------------------
$SITREP ingest --dict "$D/dict" --db "$TMP/nd.db" "$D/a.conllu" >"$TMP/nd.out"
check_grep "summary notes undated articles" "note: 1 new article had no date" "$TMP/nd.out"
check_grep "summary notes articles without an outlet" "note: 1 new article had no outlet" "$TMP/nd.out"
$SITREP ingest --dict "$D/dict" --db "$TMP/nd2.db" --date 2025-03-07 --source Alpha "$D/a.conllu" >"$TMP/nd2.out"
check_nogrep "no notes when date and outlet are given" "note:" "$TMP/nd2.out"
finish
