#!/usr/bin/env bash
# bench_parse.sh - tokenize + tag + lemmatize + parse throughput, model
# load time and peak RSS.
# Corpus: the raw text of UD EWT dev+test (rebuilt from "# text" lines,
# paragraphs as blank-line separated blocks), replicated 10 times into 20
# article files of bench/corpus/parse/ (gitignored, built once).
# News-length corpus: the two seed articles of $SHARED/seeds (~24
# tokens/sentence), each copied 500 times as separate article files into
# bench/corpus/parse-news/ (gitignored, built once; 100 copies until
# 2026-11-22, when a run took 0.4 s and process start and model load were
# 8% of it).
# Measured: `sitrep parse --stats DIR/*` with CoNLL-U output to /dev/null,
# one core (taskset). The machine is shared and its speed drifts by up to
# 40% within minutes, so each throughput is given as the fastest of 9 runs
# (the least disturbed one) and as their median.
set -euo pipefail
: "${SHARED:=../shared}" "${SITREP:=build/rel/sitrep}"
if ! declare -F median >/dev/null; then
  median() { local t=() i s e; for i in 1 2 3 4 5; do s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); t+=("$(echo "$e - $s" | bc -l)"); done; printf '%s\n' "${t[@]}" | sort -g | sed -n 3p; }
  peak_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
fi
dir=bench/corpus/parse
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  seed=$(mktemp)
  for f in "$SHARED"/ud/en_ewt-ud-{dev,test}.conllu; do
    awk '/^# newpar/ || /^# newdoc/ {print ""} /^# text = / {print substr($0, 10)}' "$f"
  done >"$seed"
  for i in $(seq -w 1 10); do
    cp "$seed" "$dir/part-$i.txt"
  done
  rm -f "$seed"
  touch "$dir/.done"
fi
ndir=bench/corpus/parse-news
if [ ! -f "$ndir/.done-500" ]; then
  rm -rf "$ndir"; mkdir -p "$ndir"
  for i in $(seq -w 1 500); do
    for f in "$SHARED"/seeds/*.txt; do cp "$f" "$ndir/$i-$(basename "$f")"; done
  done
  touch "$ndir/.done-500"
fi
# fastest_median N CMD...: "MIN MEDIAN" wall seconds of N runs.
fastest_median() {
  local n=$1 i s e t=(); shift
  for ((i = 0; i < n; i++)); do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | sort -g | awk -v n="$n" '{v[NR]=$1} END {printf "%s %s\n", v[1], v[int((n+1)/2)]}'
}
files=("$dir"/part-*.txt)
nfiles=("$ndir"/*.txt)
stats=$(taskset -c 0 "$SITREP" parse --model models --stats "${files[@]}" 2>&1 >/dev/null | tail -1)
sents=$(echo "$stats" | sed 's/.*; \([0-9]*\) sentences.*/\1/')
toks=$(echo "$stats" | sed 's/.* sentences, \([0-9]*\) tokens.*/\1/')
read -r sec secmed < <(fastest_median 9 taskset -c 0 "$SITREP" parse --model models "${files[@]}")
load=$(median taskset -c 0 "$SITREP" parse --model models /dev/null)
rss=$(peak_rss_kb taskset -c 0 "$SITREP" parse --model models "${files[@]}")
size=$(du -cb models/en_ewt.* | tail -1 | cut -f1)
nstats=$(taskset -c 0 "$SITREP" parse --model models --stats "${nfiles[@]}" 2>&1 >/dev/null | tail -1)
nsents=$(echo "$nstats" | sed 's/.*; \([0-9]*\) sentences.*/\1/')
ntoks=$(echo "$nstats" | sed 's/.* sentences, \([0-9]*\) tokens.*/\1/')
read -r nsec nsecmed < <(fastest_median 9 taskset -c 0 "$SITREP" parse --model models "${nfiles[@]}")
echo "## Tagger + lemmatizer + parser"
echo
echo "- corpus: UD EWT dev+test raw text x10 ($sents sentences, $toks tokens as split by sitrep; $(echo "$toks / $sents" | bc -l | xargs printf '%.1f') tokens/sentence)"
echo "- command: \`sitrep parse --model models FILES >/dev/null\` (tokenize, tag, lemmatize, parse, write CoNLL-U; one core via taskset)"
printf -- "- throughput: **%.0f sentences/s**, %.0f tokens/s (fastest of 9: %.3f s, including model load; median %.0f sentences/s)\n" \
  "$(echo "$sents / $sec" | bc -l)" "$(echo "$toks / $sec" | bc -l)" "$sec" "$(echo "$sents / $secmed" | bc -l)"
printf -- "- news-length: the seed articles x500 as %d article files (%s sentences, %s tokens; %.1f tokens/sentence): **%.0f sentences/s**, %.0f tokens/s (fastest of 9: %.3f s, including model load; median %.0f sentences/s)\n" \
  "${#nfiles[@]}" "$nsents" "$ntoks" "$(echo "$ntoks / $nsents" | bc -l)" "$(echo "$nsents / $nsec" | bc -l)" "$(echo "$ntoks / $nsec" | bc -l)" "$nsec" "$(echo "$nsents / $nsecmed" | bc -l)"
# the rate on a long stream: the one-time start and model load (the
# empty-input run below) taken out, as the coder bench does
printf -- "- after the one-time load (%.3f s, measured below): EWT %.0f sentences/s (median %.0f), news-length %.0f sentences/s (median %.0f)\n" \
  "$load" "$(echo "$sents / ($sec - $load)" | bc -l)" "$(echo "$sents / ($secmed - $load)" | bc -l)" \
  "$(echo "$nsents / ($nsec - $load)" | bc -l)" "$(echo "$nsents / ($nsecmed - $load)" | bc -l)"
printf -- "- model load (parse of an empty input, whole process): %.3f s\n" "$load"
echo "- peak RSS: ${rss} KiB; model files: $(echo "$size / 1048576" | bc -l | xargs printf '%.1f') MiB"
echo "- internal figures from --stats: EWT: $stats; news: $nstats"
