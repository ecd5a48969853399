#!/usr/bin/env bash
# bench_io.sh SHARED - reader throughput: JSON Lines records per second and
# MB/s (plain, gzip, zstd, stdin) with `sitrep code --count`, which reads
# and validates records without tokenizing or coding; and peak memory when
# streaming from stdin (bounded, whatever the input size).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
SITREP=build/rel/sitrep
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# ~3 KB articles made of PLOVER dev sentences, repeated to ~100 MB.
awk -F'\t' 'NR>1 && $3!="" {gsub(/\\/,"\\\\",$3); gsub(/"/,"\\\"",$3); s = s " " $3; n++
  if (n == 15) { printf "{\"id\":\"p%d\",\"date\":\"2019-01-01\",\"title\":\"t\",\"source\":\"s\",\"text\":\"%s\"}\n", NR, s; s = ""; n = 0 } }' \
  "$SHARED/plover/PLV_train.tsv" > "$tmp/one.jsonl"
while [ "$(stat -c %s "$tmp/in.jsonl" 2>/dev/null || echo 0)" -lt 100000000 ]; do cat "$tmp/one.jsonl" >> "$tmp/in.jsonl"; done
bytes=$(stat -c %s "$tmp/in.jsonl")
recs=$(wc -l < "$tmp/in.jsonl")
gzip -1 -c "$tmp/in.jsonl" > "$tmp/in.jsonl.gz"
zstd -q -1 -c "$tmp/in.jsonl" > "$tmp/in.jsonl.zst"
t_plain=$(median "$SITREP" code --count "$tmp/in.jsonl")
t_gz=$(median "$SITREP" code --count "$tmp/in.jsonl.gz")
t_zst=$(median "$SITREP" code --count "$tmp/in.jsonl.zst")
t_stdin=$(median sh -c "\"$SITREP\" code --count - < \"$tmp/in.jsonl\"")
rss_stdin=$(peak_rss_kb sh -c "cat \"$tmp/in.jsonl\" | \"$SITREP\" code --count -")
echo "## Article reader (JSON Lines)"
echo
echo "Input: $recs records, $((bytes / 1000000)) MB (uncompressed) of PLOVER dev sentences in ~3 KB articles."
echo "\`sitrep code --count\`: read + validate every record, no tokenizing or coding. Target: >= 50 MB/s."
echo
echo "| input | seconds | MB/s (uncompressed) | records/s |"
echo "|---|---|---|---|"
for row in "file:$t_plain" "gzip file:$t_gz" "zstd file:$t_zst" "stdin:$t_stdin"; do
  name=${row%%:*} t=${row##*:}
  awk -v n="$name" -v t="$t" -v b="$bytes" -v r="$recs" 'BEGIN{printf "| %s | %.2f | %.0f | %.0f |\n", n, t, b/t/1e6, r/t}'
done
echo
echo "Peak RSS reading ${bytes} bytes from a pipe: ${rss_stdin} KiB (streaming; memory does not grow with the input)."
