#!/usr/bin/env bash
# `sitrep stories` and the stories footer of `sitrep events`: mentions of one
# issue between two countries, threaded across articles published at most
# --window days apart. Pre-parsed CoNLL-U and invented actors/issues, so no
# trained model is needed.
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/ingest"
S="$ROOT/tests/data/stories"
DB="$TMP/s.db"
ing() { $SITREP ingest --dict "$D/dict" --dict "$S/stories.issues.txt" --quiet --db "$DB" "$@"; }

$SITREP stories --help >"$TMP/help"; check_eq "stories --help exits 0" $? 0
check_grep "stories --help shows usage" "^usage: sitrep stories" "$TMP/help"
check_exit "stories without --db" 64 $SITREP stories
check_exit "stories bad --window" 64 $SITREP stories --db "$DB" --window 400
check_exit "stories on a missing store" 66 $SITREP stories --db "$TMP/none.db"

# Tarsk meets Velmora about a truce (Alpha, 03-20); six days later Velmora
# accuses Tarsk over it (Beta, 03-26): other direction, other root, other
# date, so two linked events, but one story. Gamma's meeting 15 days after
# that starts a new story.
ing --source Alpha --date 2025-03-20 "$S/e.conllu" &&
ing --source Beta --date 2025-03-26 "$S/f.conllu" &&
ing --source Gamma --date 2025-04-10 "$S/g.conllu"
check_eq "ingest exits 0" $? 0
check_eq "no linked event spans two articles" \
  "$(sqlite3 -batch -noheader "$DB" 'SELECT max(num_articles) FROM events')" 1

$SITREP stories --db "$DB" >"$TMP/t"; check_eq "stories exits 0" $? 0
check_grep "header" "^FIRST +LAST +ISSUE +ACTORS +ART +SRC +MEN +EVENTS" "$TMP/t"
check_grep "the truce story joins two outlets" \
  "^2025-03-20  2025-03-26  TRUCE +TRK-VLM +2 +2 +2  TRK>VLM 040 #1, VLM>TRK 112 #2$" "$TMP/t"
check_grep "15 days later is a new story" "^2025-04-10  2025-04-10  TRUCE +TRK-VLM +1 +1 +1  TRK>VLM 040 #3$" "$TMP/t"
check_eq "two stories" "$(grep -c TRUCE "$TMP/t")" 2

$SITREP stories --db "$DB" --window 30 --json >"$TMP/j"
check_eq "window 30: one story" "$(wc -l <"$TMP/j")" 1
check_grep "json: three articles, three outlets" '"num_articles":3,"num_sources":3' "$TMP/j"
check_grep "json: outlets listed" '"outlets":\["Alpha","Beta","Gamma"\]' "$TMP/j"
check_eq "window 6: a 6-day gap still threads" "$($SITREP stories --db "$DB" --window 6 --json | wc -l)" 2
check_eq "window 5: three stories" "$($SITREP stories --db "$DB" --window 5 --json | wc -l)" 3

check_eq "--issue any case" "$($SITREP stories --db "$DB" --json --issue truce | wc -l)" 2
check_eq "--issue other" "$($SITREP stories --db "$DB" --json --issue CEASEFIRE | wc -l)" 0
check_eq "--dyad matches both directions" "$($SITREP stories --db "$DB" --json --dyad VLM-TRK | wc -l)" 2
check_eq "--dyad of others" "$($SITREP stories --db "$DB" --json --dyad OST-TRK | wc -l)" 0
check_eq "--min-sources" "$($SITREP stories --db "$DB" --json --min-sources 2 | wc -l)" 1
check_eq "--from bounds publication dates" "$($SITREP stories --db "$DB" --json --from 2025-04-01 | wc -l)" 1
check_eq "--limit" "$($SITREP stories --db "$DB" --json --limit 1 | wc -l)" 1

$SITREP events --db "$DB" --width 120 --dyad TRK-VLM >"$TMP/ev"; check_eq "events exits 0" $? 0
check_grep "events footer lists the stories" "^2025-03-20  2025-03-26  TRUCE +TRK-VLM +2 +2 +2" "$TMP/ev"
$SITREP events --db "$DB" --width 120 >"$TMP/ev2"
check_eq "no footer without --actor/--dyad" "$(grep -c '^Stories' "$TMP/ev2")" 0
$SITREP events --db "$DB" --width 120 --actor OST >"$TMP/ev3"
check_grep "footer says when there is none" "^\\(no stories\\)$" "$TMP/ev3"
finish
