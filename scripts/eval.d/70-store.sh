# 70-store.sh - the seed articles through `sitrep ingest`: the two seed
# reports (dated 2025-03-07 and 2025-03-14, a week apart, so --window 7)
# must link into at least one Russia-USA event reported by both articles.
# Sourced by scripts/eval: uses $SITREP, $SHARED and gate.
st_tmp=$(mktemp -d)
"$SITREP" ingest --quiet --db "$st_tmp/seeds.db" --window 7 --date 2025-03-07 "$SHARED"/seeds/000_*.txt &&
"$SITREP" ingest --quiet --db "$st_tmp/seeds.db" --window 7 --date 2025-03-14 "$SHARED"/seeds/004_*.txt || { rm -rf "$st_tmp"; return 1; }
"$SITREP" events --db "$st_tmp/seeds.db" --dyad RUS-USA --dyad-any --width 140
st_max=$("$SITREP" export --db "$st_tmp/seeds.db" --format csv --dyad RUS-USA --dyad-any |
  sqlite3 -batch -noheader :memory: ".import --csv /dev/stdin ev" "SELECT coalesce(max(CAST(num_articles AS INTEGER)), 0) FROM ev")
rm -rf "$st_tmp"
gate "store.seeds_rus_usa_max_num_articles" "$st_max" 2
