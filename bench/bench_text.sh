#!/usr/bin/env bash
# bench_text.sh - tokenizer + sentence splitter throughput.
# Corpus: the raw text of UD EWT (all "# text" lines, paragraphs as blank-line
# separated blocks) plus the PLOVER dev sentences, replicated to >= 50 MB and
# cut into 1 MB article files in bench/corpus/text/ (gitignored, built once).
# Measured: `sitrep tokenize --stats DIR`, i.e. reading the files, UTF-8
# validation/normalization, tokenization and sentence splitting of every
# article, with output reduced to one line of counts (so JSON printing does
# not dominate). One core, median of 5 runs.
set -euo pipefail
: "${SHARED:=../shared}" "${SITREP:=build/rel/sitrep}"
if ! declare -F median >/dev/null; then
  median() { local t=() i s e; for i in 1 2 3 4 5; do s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); t+=("$(echo "$e - $s" | bc -l)"); done; printf '%s\n' "${t[@]}" | sort -g | sed -n 3p; }
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
sec=$(median taskset -c 0 "$SITREP" tokenize --stats "$dir")
rss=$(peak_rss_kb taskset -c 0 "$SITREP" tokenize --stats "$dir")
stats=$("$SITREP" tokenize --stats "$dir")
mbs=$(echo "$bytes / 1000000 / $sec" | bc -l)
echo "## Text layer: tokenize + sentence split"
echo
echo "- corpus: $(echo "$bytes / 1000000" | bc) MB (EWT raw text + PLOVER sentences, replicated; 1 MB articles)"
echo "- command: \`sitrep tokenize --stats bench/corpus/text\` (one core via taskset)"
printf -- "- throughput: **%.1f MB/s** (median of 5: %.3f s)\n" "$mbs" "$sec"
echo "- peak RSS: ${rss} KiB"
echo "- counts: \`$stats\`"
