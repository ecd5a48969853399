#!/usr/bin/env bash
# `sitrep dict`: check, lookup, stats, coverage on tests/data/dict, and the
# acceptance lookups on sitrep's own data/dict.
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/dict"

# check: clean files exit 0; malformed lines are listed as file:line:col
check "check clean dictionaries" $SITREP dict check "$D"
$SITREP dict check "$D/bad/bad.actors.txt" >"$TMP/bad" 2>"$TMP/bad.err"
check_eq "check exits EX_DATAERR on malformed lines" $? 65
check_eq "every malformed line is listed" "$(wc -l <"$TMP/bad")" 8
check_grep "file:line:col: what (expected ...)" \
  '^.*bad\.actors\.txt:2:10: bad date restriction \(expected ' "$TMP/bad"
check_grep "actor without a code" "bad\.actors\.txt:5:1: actor 'NO_CODE_HERE' has no code" "$TMP/bad"
check_grep "summary on stderr" "8 malformed lines" "$TMP/bad.err"
$SITREP dict check "$D/bad" >"$TMP/badall" 2>/dev/null
check_eq "all bad files" "$(wc -l <"$TMP/badall")" 25
printf 'bad.actors.txt:2\nbad.actors.txt:3  # known\n' >"$TMP/allow"
$SITREP dict check --allow "$TMP/allow" "$D/bad/bad.actors.txt" >"$TMP/allowed" 2>"$TMP/allowed.err"
check_eq "allow-list removes listed lines" "$(wc -l <"$TMP/allowed")" 6
check_grep "allowed count" "2 allowed" "$TMP/allowed.err"
# a malformed allow-list line after good ones: EX_DATAERR (and, under
# ASan, no leak of the entries read before it)
printf 'bad.actors.txt:2\nbad.actors.txt:x\n' >"$TMP/allow.bad"
check_exit "malformed allow-list" 65 $SITREP dict check --allow "$TMP/allow.bad" "$D/bad/bad.actors.txt"
check_exit "missing file" 66 $SITREP dict check "$D/no-such.txt"
printf 'hello world\n' >"$TMP/mystery.txt"
check_exit "unknown kind" 65 $SITREP dict check "$TMP/mystery.txt"
check_exit "no files is a usage error" 64 $SITREP dict check
check_exit "unknown subcommand" 64 $SITREP dict frob

# lookup
L() { $SITREP dict lookup --dict "$D" "$@" 2>/dev/null | head -1; }
check_eq "lookup synonym" "$(L 'the Republic of Freedonia')" FRD
check_eq "lookup date range" "$(L --date 1933-06-01 'President Firefly')" FRDGOV
check_eq "lookup after date" "$(L --date 1936-01-01 'Rufus T. Firefly')" FRDELI
check_eq "lookup diacritics folded" "$(L 'recep tayyip erdogan')" TURGOV
check_eq "lookup actor + agent" "$(L 'Freedonian foreign ministers')" FRDGOVFRM
check_eq "lookup NGO~ agent" "$(L 'Sylvanian relief agency')" NGOSYL
$SITREP dict lookup --dict "$D" --date 2025-03-14 "Volodymyr Zelenskiy" >"$TMP/lk"
check_grep "lookup prints the entry and file:line" \
  "^actor	UKRGOV	VOLODYMYR_ZELENSKIY	.*test\.actors\.txt:32$" "$TMP/lk"
check_exit "no match exits 1" 1 $SITREP dict lookup --dict "$D" "Grand Fenwick"
check_exit "bad date is a usage error" 64 $SITREP dict lookup --dict "$D" --date 2025-13-45 NATO
SITREP_DATA="$ROOT/tests/data" $SITREP dict lookup Freedonia >"$TMP/env" 2>/dev/null
check_eq "SITREP_DATA locates the default dictionaries" "$(head -1 "$TMP/env")" FRD

# stats
$SITREP dict stats --dict "$D" >"$TMP/st"
check_grep "stats actors" "^actors	12$" "$TMP/st"
check_grep "stats patterns" "^patterns	6$" "$TMP/st"
check_grep "stats synsets" "^synsets	4$" "$TMP/st"
check_grep "stats discards" "^discards	3$" "$TMP/st"
check_grep "stats issues" "^issues	5$" "$TMP/st"

# coverage over a small PLOVER-like TSV
printf 'x\tsentence_id\tsource\ttarget\n0\t1\tthe Kremlin\tFreedonian police\n1\t2\tGrand Fenwick\tZelenskyy\n' >"$TMP/p.tsv"
$SITREP dict coverage --dict "$D" "$TMP/p.tsv" >"$TMP/cov"
check_grep "coverage fraction" "^coverage	0\.7500$" "$TMP/cov"
check_grep "unresolved listed" "^unresolved	1	grand fenwick$" "$TMP/cov"
# every mention resolved: nothing to list (the empty list was once sorted
# from a NULL pointer)
printf 'x\tsentence_id\tsource\ttarget\n0\t1\tthe Kremlin\tFreedonian police\n' >"$TMP/p1.tsv"
$SITREP dict coverage --dict "$D" "$TMP/p1.tsv" >"$TMP/cov1"
check_eq "full coverage exits 0" $? 0
check_grep "full coverage fraction" "^coverage	1\.0000$" "$TMP/cov1"
check_nogrep "nothing unresolved" "^unresolved" "$TMP/cov1"

# sitrep's own dictionaries (data/dict): the acceptance lookups
A() { $SITREP dict lookup --dict "$ROOT/data/dict" --date "$1" "$2" 2>/dev/null | head -1; }
check_eq "Volodymyr Zelenskiy" "$(A 2025-03-14 'Volodymyr Zelenskiy')" UKRGOV
check_eq "Zelenskyy" "$(A 2025-03-14 Zelenskyy)" UKRGOV
check_eq "Trump 2025" "$(A 2025-03-14 Trump)" USAGOV
check_eq "Trump 2022" "$(A 2022-06-01 Trump)" USAELI
check_eq "the Kremlin" "$(A 2025-03-14 'the Kremlin')" RUSGOV
check_eq "Peskov" "$(A 2025-03-14 Peskov)" RUSGOV
check_eq "Steve Witkoff" "$(A 2025-03-14 'Steve Witkoff')" USAGOV
check_eq "Saudi Arabia" "$(A 2025-03-14 'Saudi Arabia')" SAU
check_eq "NATO" "$(A 2025-03-14 NATO)" IGOWSTNAT
check "data/dict is clean" $SITREP dict check "$ROOT/data/dict"
# --- TABARI stems: in *.actors files a word without a trailing '_' is a stem
printf 'ISRAEL [ISR]\nJORDAN_ [JOR]\n' >"$TMP/t.actors"
cp "$TMP/t.actors" "$TMP/t.txt"
$SITREP dict lookup -d "$TMP/t.actors" Israelis >"$TMP/stem.out"
check_eq "TABARI stem matches a longer word" "$(head -1 "$TMP/stem.out")" ISR
check_grep "lookup marks the stem match" "ISRAEL.*t.actors:1.stem$" "$TMP/stem.out"
check_exit "a trailing _ is a whole word" 1 $SITREP dict lookup -d "$TMP/t.actors" Jordanians
check_exit "--stems off" 1 $SITREP dict lookup --stems off -d "$TMP/t.actors" Israelis
check_exit "PETRARCH-format files stay whole-word" 1 $SITREP dict lookup -d "$TMP/t.txt" Israelis
check_exit "--stems on for any file" 0 $SITREP dict lookup --stems on -d "$TMP/t.txt" Israelis
check_exit "bad --stems value" 64 $SITREP dict lookup --stems maybe -d "$TMP/t.txt" Israelis
finish
