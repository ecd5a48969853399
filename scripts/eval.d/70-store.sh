# 70-store.sh - the two seed articles through `sitrep ingest` with the
# default linking window (issue 6). Event dates come from each sentence's
# time expressions: 000 (2025-03-07) says the U.S. and Ukraine "prepare to
# meet in Saudi Arabia next week" (-> ~2025-03-13), 004 (2025-03-14)
# reports the proposal "agreed upon by the US and Ukraine in recent
# negotiations in Saudi Arabia" (-> 2025-03-14). Both code as USA<->UKR
# root 04, so that event must link across the two outlets: num_articles =
# 2. The Russia-USA dyad is printed for inspection, not gated: with
# correct event dates the two articles report no common Russia-USA event
# (000: February talks, the 03-07 sanctions threat; 004: Putin's 03-14
# message and Trump's reply), so no Russia-USA event link is expected.
# The ceasefire thread between Russia and the USA that both report is a
# *story* (docs/store.md: one issue, two countries, articles <= 7 days
# apart): gated at 2 articles.
# Sourced by scripts/eval: uses $SITREP, $SHARED and gate.
st_tmp=$(mktemp -d)
"$SITREP" ingest --quiet --db "$st_tmp/seeds.db" --date 2025-03-07 "$SHARED"/seeds/000_*.txt &&
"$SITREP" ingest --quiet --db "$st_tmp/seeds.db" --date 2025-03-14 "$SHARED"/seeds/004_*.txt || { rm -rf "$st_tmp"; return 1; }
echo "-- sitrep events --dyad RUS-USA --dyad-any"
"$SITREP" events --db "$st_tmp/seeds.db" --dyad RUS-USA --dyad-any --width 140
echo "-- sitrep events --dyad UKR-USA --dyad-any"
"$SITREP" events --db "$st_tmp/seeds.db" --dyad UKR-USA --dyad-any --width 140
st_q() {
  "$SITREP" export --db "$st_tmp/seeds.db" --format csv --dyad "$1" --dyad-any |
    sqlite3 -batch -noheader :memory: ".import --csv /dev/stdin ev" "$2"
}
st_talks=$(st_q UKR-USA "SELECT coalesce(max(CAST(num_articles AS INTEGER)), 0) FROM ev WHERE root = '04'")
st_rus=$(st_q RUS-USA "SELECT coalesce(max(CAST(num_articles AS INTEGER)), 0) FROM ev")
echo "store: RUS-USA max num_articles = ${st_rus:-0} (informational)"
echo "-- sitrep stories --issue CEASEFIRE"
"$SITREP" stories --db "$st_tmp/seeds.db" --issue CEASEFIRE
st_story=$("$SITREP" stories --db "$st_tmp/seeds.db" --json --issue CEASEFIRE --dyad RUS-USA |
  sed -n 's/.*"num_articles":\([0-9]*\).*/\1/p' | sort -n | tail -1)
rm -rf "$st_tmp"
gate "store.seeds_rus_usa_ceasefire_story_articles (= 2)" "$(( ${st_story:-0} == 2 ? 2 : 0 ))" 2
gate "store.seeds_usa_ukr_talks_num_articles (= 2)" "$(( ${st_talks:-0} == 2 ? 2 : 0 ))" 2
