#!/usr/bin/env bash
# bench_text.sh - tokenizer + sentence splitter throughput.
# Corpus: the raw text of UD EWT (all "# text" lines, paragraphs as blank-line
# separated blocks) plus the PLOVER dev sentences, replicated to >= 50 MB and
# cut into 1 MB article files in bench/corpus/text/ (gitignored, built once).
# Measured: `sitrep tokenize --stats DIR`, i.e. reading the files, UTF-8
# validation/normalization, tokenization and sentence splitting of every
# article, with output reduced to one line of counts (so JSON printing does
# not dominate). One core (taskset), 5 runs, medians reported.
# The headline figure is MB per CPU second (user+sys of the whole process,
# startup included): the build machine is shared, so wall time mostly
# measures how often other jobs preempt us. Wall-time MB/s is printed too.
set -euo pipefail
: "${SHARED:=../shared}" "${SITREP:=build/rel/sitrep}"
if ! declare -F peak_rss_kb >/dev/null; then
  peak_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
fi
dir=bench/corpus/text
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  seed=$(mktemp)
  for f in "$SHARED"/ud/en_ewt-ud-{train,dev,test}.conllu; do
    awk '/^# newpar/ || /^# newdoc/ {print ""} /^# text = / {print substr($0, 10)}' "$f"
  done >"$seed"
  [ -f "$SHARED/plover/PLV_train.tsv" ] && cut -f3 "$SHARED/plover/PLV_train.tsv" | tail -n +2 | sed 's/$/\n/' >>"$seed"
  big=$(mktemp)
  while [ "$(stat -c %s "$big")" -lt 52428800 ]; do cat "$seed" >>"$big"; done
  split -C 1048576 -d -a 3 "$big" "$dir/part-"
  rm -f "$seed" "$big"
  touch "$dir/.done"
fi
bytes=$(cat "$dir"/part-* | wc -c)
# Five runs: "cpu_seconds wall_seconds" per line (GNU time: user+sys, elapsed).
runs=$(for i in 1 2 3 4 5; do
  /usr/bin/time -f '%U %S %e' taskset -c 0 "$SITREP" tokenize --stats "$dir" 2>&1 >/dev/null | tail -1 |
    awk '{printf "%.3f %.3f\n", $1 + $2, $3}'
done)
cpu=$(echo "$runs" | cut -d' ' -f1 | sort -g | sed -n 3p)
wall=$(echo "$runs" | cut -d' ' -f2 | sort -g | sed -n 3p)
rss=$(peak_rss_kb taskset -c 0 "$SITREP" tokenize --stats "$dir")
stats=$("$SITREP" tokenize --stats "$dir" | sed 's/,"seconds".*/}/')
mbs() { awk -v b="$bytes" -v s="$1" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "inf" }'; }
echo "## Text layer: tokenize + sentence split"
echo
echo "- corpus: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB in $(ls "$dir"/part-* | wc -l) articles of 1 MB (EWT raw text + PLOVER sentences, replicated)"
echo "- command: \`taskset -c 0 sitrep tokenize --stats bench/corpus/text\` (one core)"
printf -- "- throughput: **%s MB/s of CPU time** (median of 5: %s s user+sys; target >= 100)\n" "$(mbs "$cpu")" "$cpu"
printf -- "- wall time: %s MB/s (median of 5: %s s; the machine is shared)\n" "$(mbs "$wall")" "$wall"
echo "- peak RSS: ${rss} KiB"
echo "- counts: \`$stats\`"
