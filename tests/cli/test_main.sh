#!/usr/bin/env bash
# The top-level CLI: --help, --version, unknown commands.
. "$(dirname "$0")/lib.sh"
$SITREP --help >"$TMP/help"; check_eq "--help exits 0" $? 0
check_grep "--help lists commands" "ingest" "$TMP/help"
$SITREP --version >"$TMP/v"; check_grep "--version" "^sitrep [0-9]+\.[0-9]+" "$TMP/v"
check_exit "unknown command is a usage error" 64 $SITREP frobnicate
check_exit "no command is a usage error" 64 $SITREP
finish
