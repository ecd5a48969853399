#!/usr/bin/env bash
# bench_store.sh - `sitrep ingest` into SQLite (articles/s, sentences/s at
# -j 1 and -j 2 on >= 10,000 articles) and linking cost as the store grows
# (10k, 100k, 1M events, synthetic mentions through the store API).
# Prints a markdown section. Corpus: bench/corpus/ (gitignored), built from
# texts in the repo, replicated with distinct ids and a numbered closing
# line (identical content would be skipped as a duplicate).
set -uo pipefail
cd "$(dirname "$0")/.."
SITREP=${SITREP:-$PWD/build/rel/sitrep}
N=${BENCH_STORE_ARTICLES:-10000}
RUNS=${BENCH_STORE_RUNS:-5}
mkdir -p bench/corpus
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "## Store: ingest and linking"
echo

# --- corpus: plain-text articles when a parser model is installed, else the
# pre-parsed CoNLL-U test articles (then the parser is not measured).
texts=()
for f in examples/*.txt tests/data/text_article.txt; do [ -f "$f" ] && texts+=("$f"); done
probe=$(printf '{"id":"p","text":"Probe."}\n' | "$SITREP" ingest --quiet --db "$tmp/probe.db" - 2>&1)
if [ ${#texts[@]} -gt 0 ] && ! grep -q "no model" <<<"$probe"; then
  kind=text
  corpus=bench/corpus/store-$N.jsonl
  if [ ! -s "$corpus" ]; then
    python3 - "$N" "$corpus" "${texts[@]}" <<'EOF'
import json, sys
n, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
with open(out, "w", encoding="utf-8") as o:
    for i in range(n):
        t = texts[i % len(texts)]
        day = 1 + (i // 500) % 28
        o.write(json.dumps({"id": f"bench-{i}", "date": f"2025-03-{day:02d}",
                            "source": f"outlet{i % 7}", "text": f"{t}\n\nReport {i}."}) + "\n")
EOF
  fi
  args=("$corpus")
else
  kind=conllu
  corpus=bench/corpus/store-$N.conllu
  if [ ! -s "$corpus" ]; then
    cat tests/data/ingest/[abcd].conllu |
      awk -v n="$N" 'BEGIN { RS = ""; ORS = "\n\n" } { doc[NR] = $0 } END {
        c = 0
        while (c < n) for (k = 1; k <= NR && c < n; k++) {
          d = doc[k]
          if (d ~ /^# newdoc id = /) {
            c++
            if (c > 1) printf "# text = Report %d.\n1\tReport\treport\tNOUN\tNN\t_\t0\troot\t_\t_\n2\t%d\t%d\tNUM\tCD\t_\t1\tnummod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n", c, c, c
            sub(/\n/, "-b" c "\n", d)
          }
          print d
        }
        printf "# text = Report end.\n1\tReport\treport\tNOUN\tNN\t_\t0\troot\t_\t_\n2\tend\tend\tNOUN\tNN\t_\t1\tnmod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
      }' >"$corpus"
  fi
  args=(--dict tests/data/ingest/dict --date 2025-03-07 --source Wire "$corpus")
fi

echo "Ingest of $N articles ($kind corpus \`$corpus\`) into a fresh store; median of $RUNS runs:"
echo
echo "| -j | seconds | articles/s | sentences/s | events stored | peak RSS (MiB) |"
echo "|---:|---:|---:|---:|---:|---:|"
for j in 1 2; do
  times=()
  for run in $(seq $RUNS); do
    rm -f "$tmp"/b.db*
    s=$(date +%s.%N)
    /usr/bin/time -f %M -o "$tmp/rss" "$SITREP" ingest --quiet --db "$tmp/b.db" -j $j "${args[@]}" 2>/dev/null
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
  read -r arts sents evs < <(sqlite3 -separator ' ' "$tmp/b.db" \
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences), (SELECT count(*) FROM events)")
  printf '| %d | %.2f | %.0f | %.0f | %d | %.0f |\n' $j "$t" "$(echo "$arts / $t" | bc -l)" \
    "$(echo "$sents / $t" | bc -l)" "$evs" "$(echo "$(cat "$tmp/rss") / 1024" | bc -l)"
done
echo

# --- stories: threaded at query time over the stored mentions (docs/store.md)
nm=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM mentions WHERE issues <> '' AND target_code <> ''")
times=()
for run in $(seq $RUNS); do
  s=$(date +%s.%N)
  "$SITREP" stories --db "$tmp/b.db" --json >"$tmp/stories.jsonl"
  e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc -l)")
done
t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
printf 'Stories over that store (`sitrep stories --json`, computed at query time): %d issue-tagged mentions -> %d stories in %.3f s (median of %d runs, whole process).\n' \
  "$nm" "$(wc -l <"$tmp/stories.jsonl")" "$t" "$RUNS"
echo

# --- linking cost as the store grows
cc -std=c17 -D_GNU_SOURCE -O2 -Iinclude -Isrc -o "$tmp/bench_link" bench/bench_link.c build/rel/libsitrep.a \
  $(pkg-config --libs libutf8proc jansson expat sqlite3 zlib libzstd) -lm -pthread
echo "Linking cost per article (5 mentions each, half of them joining a recent event) as"
echo "the store grows; synthetic mentions through sitrep_store_add, dates advancing 500"
echo "articles/day; one run (\`bench/bench_link.c\`):"
echo
"$tmp/bench_link" "$tmp/link.db" 10000 100000 1000000
echo
echo "Per-article time includes storing the article, its sentences, mentions and actor"
echo "rows, and the linking (one probe of the events(source_code, target_code, link_key, day)"
echo "index per mention)."
