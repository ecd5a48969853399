#!/usr/bin/env bash
# bench_dict.sh - dictionary compile time and memory, and phrase matching.
# Load = reading + compiling into the token trie, measured as
# `sitrep dict stats` (which loads and prints counts): the full Phoenix set
# (Phoenix.*.txt + CAMEO.2.0.txt from the PETRARCH-2 distribution) and
# sitrep's own data/dict. Matching = `sitrep dict coverage` over the PLOVER
# dev-set source/target mentions replicated 50x (each mention tokenized and
# matched longest-first for actors and agents at every token), minus the
# load time. One core, median of 5 runs; peak RSS from /usr/bin/time.
set -euo pipefail
: "${SHARED:=../shared}" "${SITREP:=build/rel/sitrep}"
if ! declare -F median >/dev/null; then
  median() { local t=() i s e; for i in 1 2 3 4 5; do s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); t+=("$(echo "$e - $s" | bc -l)"); done; printf '%s\n' "${t[@]}" | sort -g | sed -n 3p; }
  peak_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
fi
p2="$SHARED/petrarch2/dictionaries"
phx=()
for f in "$p2"/Phoenix.*.txt "$p2"/CAMEO.2.0.txt; do phx+=(--dict "$f"); done
echo "## Dictionaries (load + compile, matching)"
echo
echo "| dictionaries | files | actor phrases | agent phrases | verb forms | patterns | load s (median of 5) | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|"
row() {
  local name=$1; shift
  local st t rss
  st=$("$SITREP" dict stats "$@" 2>/dev/null)
  t=$(median "$SITREP" dict stats "$@")
  rss=$(peak_rss_kb "$SITREP" dict stats "$@")
  printf '| %s | %s | %s | %s | %s | %s | %.3f | %.1f |\n' "$name" \
    "$(awk '$1=="files"{print $2}' <<<"$st")" "$(awk '$1=="actor_phrases"{print $2}' <<<"$st")" \
    "$(awk '$1=="agent_phrases"{print $2}' <<<"$st")" "$(awk '$1=="verb_forms"{print $2}' <<<"$st")" \
    "$(awk '$1=="patterns"{print $2}' <<<"$st")" "$t" "$(echo "$rss / 1024" | bc -l)"
}
row "Phoenix.*.txt + CAMEO.2.0.txt" "${phx[@]}"
[ -d data/dict ] && row "sitrep data/dict" --dict data/dict
echo
tsv=$(mktemp)
head -1 "$SHARED/plover/PLV_train.tsv" >"$tsv"
for i in $(seq 50); do tail -n +2 "$SHARED/plover/PLV_train.tsv"; echo; done | grep -v '^$' >>"$tsv"
mentions=$("$SITREP" dict coverage "${phx[@]}" "$tsv" 2>/dev/null | awk '$1=="mentions"{print $2}')
tl=$(median "$SITREP" dict stats "${phx[@]}")
tc=$(median "$SITREP" dict coverage "${phx[@]}" "$tsv")
per=$(echo "($tc - $tl) / $mentions * 1000000" | bc -l)
printf -- '- matching (Phoenix set): %s mentions in %.3f s after load -> %.1f us per mention (%.0f mentions/s)\n' \
  "$mentions" "$(echo "$tc - $tl" | bc -l)" "$per" "$(echo "$mentions / ($tc - $tl)" | bc -l)"
# The same set read with TABARI stem semantics (--stems on: every word
# without a final '_' is a stem), the cost of stem candidates per token.
if "$SITREP" dict stats --stems on "${phx[@]}" >/dev/null 2>&1; then
  stems=$("$SITREP" dict stats --stems on "${phx[@]}" 2>/dev/null | awk '$1=="stem_words"{print $2}')
  tls=$(median "$SITREP" dict stats --stems on "${phx[@]}")
  tcs=$(median "$SITREP" dict coverage --stems on "${phx[@]}" "$tsv")
  printf -- '- matching with TABARI stems forced on (%s stem words): %.1f us per mention (load %.3f s)\n' \
    "$stems" "$(echo "($tcs - $tls) / $mentions * 1000000" | bc -l)" "$tls"
fi
rm -f "$tsv"
echo "- target: load of the Phoenix set <= 1 s and <= 300 MB RSS"
