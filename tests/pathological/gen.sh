#!/usr/bin/env bash
# gen.sh KIND OUT - writes a generated pathological input (never committed):
#   longline  10 MiB single line of words, no punctuation, no newline
#   nospace   10 MiB of letters and dots without any whitespace
#   hyphens   10 MiB "a-a-a-..." (one hyphenated chain)
set -eu
kind=$1 out=$2
case $kind in
  longline) yes 'word ' | tr -d '\n' | head -c 10485760 >"$out" ;;
  nospace) yes 'abc.def' | tr -d '\n' | head -c 10485760 >"$out" ;;
  hyphens) yes 'a-' | tr -d '\n' | head -c 10485760 >"$out" ;;
  *) echo "gen.sh: unknown kind $kind" >&2; exit 64 ;;
esac
