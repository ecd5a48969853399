#!/usr/bin/env bash
# bench_code.sh SHARED - end-to-end coding speed: raw text -> tokens ->
# parse -> actors -> events, one thread, with our dictionaries (data/dict)
# and with the full Phoenix dictionaries. Prints a markdown section.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
SITREP=build/rel/sitrep
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Input: the PLOVER dev sentences (one article per line, JSON Lines).
awk -F'\t' 'NR>1 && !seen[$3]++ {gsub(/\\/,"\\\\",$3); gsub(/"/,"\\\"",$3); printf "{\"id\":\"p%d\",\"date\":\"2019-01-01\",\"text\":\"%s\"}\n", NR, $3}' \
  "$SHARED/plover/PLV_train.tsv" > "$tmp/one.jsonl"
for i in 1 2 3 4 5 6 7 8; do cat "$tmp/one.jsonl"; done > "$tmp/in.jsonl"
nsent=$("$SITREP" sentences "$tmp/in.jsonl" 2>/dev/null | wc -l || echo 0)
[ "$nsent" -gt 0 ] || nsent=$(wc -l < "$tmp/in.jsonl")
P=$SHARED/petrarch2/dictionaries
t_ours=$(median "$SITREP" code --threads 1 "$tmp/in.jsonl" -o /dev/null)
t_phx=$(median "$SITREP" code --threads 1 --no-default-dict \
  --dict "$P/CAMEO.2.0.txt" --dict "$P/Phoenix.Countries.actors.txt" \
  --dict "$P/Phoenix.International.actors.txt" --dict "$P/Phoenix.MilNonState.actors.txt" \
  --dict "$P/Phoenix.agents.txt" --dict "$P/Phoenix.discards.txt" --dict "$P/Phoenix.IssueCoding.txt" \
  "$tmp/in.jsonl" -o /dev/null)
echo "## Event coding (raw text to events, 1 thread)"
echo
echo "Input: $nsent sentences (PLOVER dev sentences x8)."
echo
echo "| dictionaries | seconds | sentences/s |"
echo "|---|---|---|"
awk -v t="$t_ours" -v n="$nsent" 'BEGIN{printf "| data/dict | %.2f | %.0f |\n", t, n/t}'
awk -v t="$t_phx" -v n="$nsent" 'BEGIN{printf "| Phoenix (CAMEO.2.0 + Phoenix.*) | %.2f | %.0f |\n", t, n/t}'
