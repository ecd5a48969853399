# 30-dict.sh - dictionaries against the shared data (sourced by scripts/eval):
#  1. `sitrep dict check` on every PETRARCH-2/Phoenix dictionary: clean except
#     the genuine errors listed (and explained) in
#     tests/data/dict/petrarch2-known-errors.allow;
#  2. the acceptance lookups on sitrep's own data/dict;
#  3. coverage: the share of PLOVER dev-set source/target mentions that
#     data/dict resolves to a code (issue 4 target: >= 85%).
_d=$(mktemp -d)
_p2="$SHARED/petrarch2/dictionaries"
"$SITREP" dict check --allow tests/data/dict/petrarch2-known-errors.allow "$_p2"/* \
  > "$_d/check.txt" 2> "$_d/check.err"
_rc=$?
cat "$_d/check.txt" "$_d/check.err"
gate "dict-petrarch2-check-clean" "$(( _rc == 0 ))" 1

_ok=0 _n=0
while IFS='|' read -r _phrase _date _want; do
  _n=$((_n + 1))
  _got=$("$SITREP" dict lookup --dict data/dict --date "$_date" "$_phrase" 2>/dev/null | head -1)
  if [ "$_got" = "$_want" ]; then _ok=$((_ok + 1)); else echo "dict lookup: '$_phrase' $_date -> '$_got' (wanted $_want)"; fi
done <<'LOOKUPS'
Volodymyr Zelenskiy|2025-03-14|UKRGOV
Zelenskyy|2025-03-14|UKRGOV
Trump|2025-03-14|USAGOV
Trump|2022-06-01|USAELI
the Kremlin|2025-03-14|RUSGOV
Peskov|2025-03-14|RUSGOV
Steve Witkoff|2025-03-14|USAGOV
Saudi Arabia|2025-03-14|SAU
NATO|2025-03-14|IGOWSTNAT
LOOKUPS
echo "dict lookups: $_ok of $_n right"
gate "dict-acceptance-lookups" "$_ok" "$_n"

"$SITREP" dict coverage --dict data/dict --top 25 "$SHARED/plover/PLV_train.tsv" > "$_d/cov.txt" 2>&1
head -5 "$_d/cov.txt"
echo "most frequent unresolved mentions (count, text):"
grep '^unresolved' "$_d/cov.txt" | head -15 | cut -f2- | sed 's/^/  /'
_cov=$(awk '$1=="coverage"{printf "%.1f", $2*100}' "$_d/cov.txt")
gate "dict-plover-mention-coverage-pct" "${_cov:-0}" 85
rm -rf "$_d"
