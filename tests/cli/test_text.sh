#!/usr/bin/env bash
# test_text.sh - `sitrep tokenize`, `sitrep sentences`, `sitrep eval text`
# and bad input (pathological files are generated here, not committed).
. "$(dirname "$0")/lib.sh"
D=$ROOT/tests/data
P=$ROOT/tests/pathological

check "tokenize --help" $SITREP tokenize --help
check "sentences --help" $SITREP sentences --help
check_exit "unknown option" 64 $SITREP tokenize --bogus
check_exit "unknown format" 64 $SITREP sentences --format xml "$D/text_article.txt"
check_exit "missing file" 66 $SITREP tokenize "$TMP/nope.txt"

# Sentences of the header+body file: dateline stripped, quote kept whole,
# WATCH line on its own; offsets are into the file.
$SITREP sentences "$D/text_article.txt" >"$TMP/s.jsonl"
check_eq "sentence count" "$(wc -l <"$TMP/s.jsonl")" 4
check_grep "dateline" '"dateline":"JEDDAH, March 11 \(Test Wire\)"' "$TMP/s.jsonl"
check_grep "first sentence" '"text":"Ukraine said on Tuesday it would accept a U.S. proposal for a 30-day ceasefire."' "$TMP/s.jsonl"
check_grep "quote sentence" '"text":"“The ball is in their court,” he said."' "$TMP/s.jsonl"
check_grep "watch line" '"text":"WATCH: Rubio speaks to reporters"' "$TMP/s.jsonl"
start=$(sed -n 1p "$TMP/s.jsonl" | sed 's/.*"start":\([0-9]*\).*/\1/')
check_eq "offset into file" "$(tail -c +$((start + 1)) "$D/text_article.txt" | head -c 14)" "Ukraine said o"

# Tokens as JSON and CoNLL-U.
$SITREP tokenize "$D/text_article.txt" >"$TMP/t.jsonl"
check_grep "clitic-free token list" '\["U.S.",[0-9]+,[0-9]+,1\]' "$TMP/t.jsonl"
check_grep "hyphen split" '\["30",[0-9]+,[0-9]+,0\],\["-",[0-9]+,[0-9]+,0\],\["day"' "$TMP/t.jsonl"
check_grep "folded quote form" '\["\\"",[0-9]+,[0-9]+,0\],\["The"' "$TMP/t.jsonl"
$SITREP tokenize --keep-hyphens "$D/text_article.txt" >"$TMP/k.jsonl"
check_grep "keep hyphens" '\["30-day",' "$TMP/k.jsonl"
$SITREP tokenize --format conllu "$D/text_article.txt" >"$TMP/t.conllu"
check_grep "conllu sent_id" '^# sent_id = 2$' "$TMP/t.conllu"
check_grep "conllu text" '^# text = WATCH: Rubio speaks to reporters$' "$TMP/t.conllu"
check_grep "conllu token" '^3	on	_	_	_	_	_	_	_	TokenRange=' "$TMP/t.conllu"
check_grep "conllu SpaceAfter" '^7	court	_	_	_	_	_	_	_	SpaceAfter=No' "$TMP/t.conllu"

# stdin, "-", and directories.
printf "Don't stop. Go on!" | $SITREP tokenize >"$TMP/in.jsonl"
check_eq "stdin sentences" "$(wc -l <"$TMP/in.jsonl")" 2
check_grep "stdin clitic" '\["Do",0,2,0\],\["n.t",2,5,1\]' "$TMP/in.jsonl"
mkdir -p "$TMP/dir/sub"; cp "$D/text_article.txt" "$TMP/dir/sub/a.txt"; printf 'One. Two.' >"$TMP/dir/b.txt"
$SITREP sentences "$TMP/dir" >"$TMP/d.jsonl"
check_eq "directory walk" "$(wc -l <"$TMP/d.jsonl")" 6
check_grep "sorted, recursive" 'dir/b.txt' "$(printf '%s' "$TMP/d.jsonl")"
$SITREP tokenize --stats "$TMP/dir" >"$TMP/st.json"
check_grep "stats" '"files":2,' "$TMP/st.json"

# eval text on a small gold file written for this test.
cat >"$TMP/gold.conllu" <<'G'
# newdoc id = d1
# newpar id = p1
# sent_id = 1
# text = Kyiv didn't object.
1	Kyiv	_	_	_	_	_	_	_	_
2-3	didn't	_	_	_	_	_	_	_	_
2	did	_	_	_	_	_	_	_	_
3	n't	_	_	_	_	_	_	_	_
4	object	_	_	_	_	_	_	_	SpaceAfter=No
5	.	_	_	_	_	_	_	_	_

# sent_id = 2
# text = Talks resume today
1	Talks	_	_	_	_	_	_	_	_
2	resume	_	_	_	_	_	_	_	_
3	today	_	_	_	_	_	_	_	_

G
$SITREP eval text "$TMP/gold.conllu" >"$TMP/ev.txt"
check_grep "eval token F1" '"tokens":\{"gold":7,"system":7,"matched":7,.*"f1":100.0000' "$TMP/ev.txt"
check_grep "eval sentence F1" '"sentences":\{"gold":2,"system":2,"matched":2' "$TMP/ev.txt"
printf '1\tx\n' >"$TMP/bad.conllu"
check_exit "eval bad gold" 65 $SITREP eval text "$TMP/bad.conllu"

# Bad input never crashes (ASan build): generated pathological files.
: >"$TMP/empty.txt"
check "empty file" $SITREP tokenize "$TMP/empty.txt"
check_eq "empty output" "$($SITREP tokenize "$TMP/empty.txt" | wc -c)" 0
mkdir -p "$TMP/emptydir"
$SITREP sentences "$TMP/emptydir" >"$TMP/eo" 2>"$TMP/ee"; check_eq "empty directory exits 0" $? 0
check_grep "empty directory is reported, not silent" "no files found" "$TMP/ee"
head -c 200000 /dev/urandom >"$TMP/binary.bin"
check "binary data" $SITREP tokenize "$TMP/binary.bin"
check "binary as html" $SITREP sentences --html "$TMP/binary.bin"
printf 'ok \xff\xfe\xc3 bad \x00 nul \xed\xa0\x80 sur' >"$TMP/invalid.txt"
$SITREP tokenize --stats "$TMP/invalid.txt" >"$TMP/inv.json"
check_grep "invalid bytes counted" '"invalid_bytes":6' "$TMP/inv.json"
$SITREP tokenize "$TMP/invalid.txt" >"$TMP/inv.jsonl"
check_grep "valid JSON after bad bytes" '\["sur",' "$TMP/inv.jsonl"
# 10 MB single line without punctuation: truncated sentences, linear time.
"$P/gen.sh" longline "$TMP/long.txt"
check_eq "long line size" "$(wc -c <"$TMP/long.txt")" 10485760
timeout 60 $SITREP tokenize --stats "$TMP/long.txt" >"$TMP/long.json"; rc=$?
check_eq "long line exit" "$rc" 0
check_grep "long line cut at 256" '"tokens":2097152,"sentences":8192' "$TMP/long.json"
"$P/gen.sh" nospace "$TMP/nospace.txt"
timeout 60 $SITREP tokenize --stats "$TMP/nospace.txt" >"$TMP/ns.json"; rc=$?
check_eq "10 MB without spaces exit" "$rc" 0
"$P/gen.sh" hyphens "$TMP/hyph.txt"
timeout 60 $SITREP tokenize --stats "$TMP/hyph.txt" >"$TMP/hy.json"; rc=$?
check_eq "10 MB hyphen chain exit" "$rc" 0
# EWT conventions (issue #3): "$" apart from the amount, units split off,
# contractions without apostrophe, sentence-final "etc" leaves its period.
printf 'They paid $20,000 at 5pm, i dont know why. Shoes, bags, etc.\n' >"$TMP/ewt.txt"
$SITREP tokenize --format conllu "$TMP/ewt.txt" >"$TMP/ewt.conllu"
check_eq "ewt conventions: forms" "$(grep -v '^#' "$TMP/ewt.conllu" | grep . | cut -f2 | paste -sd' ')" \
  'They paid $ 20,000 at 5 pm , i do nt know why . Shoes , bags , etc .'
check_grep "ewt conventions: nt glued to do" '^[0-9]+	do	.*SpaceAfter=No' "$TMP/ewt.conllu"
finish
