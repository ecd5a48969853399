#!/usr/bin/env bash
# bench_code.sh - end-to-end coding speed: raw text -> tokens -> tags and
# parse -> actors -> events, one thread, with our dictionaries (data/dict)
# and with the full Phoenix dictionaries (CAMEO.2.0 verbs + Phoenix.*).
# Prints a markdown section. Uses $SITREP, $SHARED and `median` from
# bench/run; the model comes from models/ (or $SITREP_MODELS).
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SITREP=${SITREP:-$PWD/build/rel/sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Input: the PLOVER dev sentences, one plain-text article each, x4.
awk -F'\t' 'NR>1 && !seen[$3]++ {print $3 "\n"}' "$SHARED/plover/PLV_train.tsv" > "$tmp/one.txt"
for i in 1 2 3 4; do cat "$tmp/one.txt"; done > "$tmp/in.txt"
nsent=$("$SITREP" sentences "$tmp/in.txt" 2>/dev/null | grep -c .)
P=$SHARED/petrarch2/dictionaries
t_ours=$(median "$SITREP" code -j 1 --date 2019-01-01 "$tmp/in.txt")
PHX=(--dict "$P/CAMEO.2.0.txt" \
  --dict "$P/Phoenix.Countries.actors.txt" --dict "$P/Phoenix.International.actors.txt" \
  --dict "$P/Phoenix.MilNonState.actors.txt" --dict "$P/Phoenix.agents.txt" \
  --dict "$P/Phoenix.discards.txt" --dict "$P/Phoenix.IssueCoding.txt")
t_phx=$(median "$SITREP" code -j 1 --date 2019-01-01 "${PHX[@]}" "$tmp/in.txt")
# What every run pays once: loading the model and the Phoenix dictionaries
# (empty input).
: > "$tmp/empty.txt"
t_load=$(median "$SITREP" code -j 1 --date 2019-01-01 "${PHX[@]}" "$tmp/empty.txt")
t_load_ours=$(median "$SITREP" code -j 1 --date 2019-01-01 "$tmp/empty.txt")
t_parse=$(median "$SITREP" parse "$tmp/in.txt")
# The coder alone: the same sentences pre-parsed (CoNLL-U in, events out).
"$SITREP" parse "$tmp/in.txt" > "$tmp/in.conllu" 2>/dev/null
t_conllu=$(median "$SITREP" code -j 1 --date 2019-01-01 "$tmp/in.conllu")
echo "## Event coding (raw text to events, 1 thread)"
echo
echo "Input: $nsent sentences (the PLOVER dev sentences x4, plain text). Times include"
echo "loading the model and the dictionaries, once per run (the load-only rows); the last"
echo "column leaves that one-time load out (the rate on a long stream)."
echo
echo "| run | seconds | sentences/s | sentences/s after load |"
echo "|---|---|---|---|"
awk -v t="$t_parse" -v n="$nsent" 'BEGIN{printf "| parse only (tokenize+tag+parse) | %.2f | %.0f | - |\n", t, n/t}'
awk -v t="$t_ours" -v l="$t_load_ours" -v n="$nsent" 'BEGIN{printf "| code, data/dict | %.2f | %.0f | %.0f |\n", t, n/t, n/(t-l)}'
awk -v t="$t_phx" -v l="$t_load" -v n="$nsent" 'BEGIN{printf "| code, Phoenix dictionaries | %.2f | %.0f | %.0f |\n", t, n/t, n/(t-l)}'
awk -v t="$t_load_ours" 'BEGIN{printf "| load only (model + data/dict, empty input) | %.2f | - | - |\n", t}'
awk -v t="$t_load" 'BEGIN{printf "| load only (model + Phoenix dictionaries, empty input) | %.2f | - | - |\n", t}'
awk -v t="$t_conllu" -v n="$nsent" 'BEGIN{printf "| coder only (pre-parsed CoNLL-U in), data/dict | %.2f | %.0f | - |\n", t, n/t}'
