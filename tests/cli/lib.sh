# lib.sh - assertions for CLI tests. Source it, call the checks, then
# `finish`, which prints "NAME: N passed, N failed" and sets the exit code.
# $SITREP runs the binary under test (with valgrind when SITREP_WRAP is set).
set -u
SITREP="${SITREP_WRAP:+$SITREP_WRAP }${SITREP_BIN:?SITREP_BIN not set}"
ROOT="${SITREP_ROOT:?}"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
_pass=0 _fail=0
_name=$(basename "$0" .sh)

pass() { _pass=$((_pass + 1)); }
fail() { _fail=$((_fail + 1)); echo "  FAIL: $*" >&2; }
# check DESC CMD... : the command must exit 0.
check() { local d=$1; shift; if "$@" >/dev/null 2>"$TMP/err"; then pass; else fail "$d (exit $?: $(head -c 300 "$TMP/err"))"; fi; }
# check_exit DESC CODE CMD... : the command must exit with CODE.
check_exit() { local d=$1 want=$2; shift 2; "$@" >/dev/null 2>&1; local rc=$?; if [ $rc -eq "$want" ]; then pass; else fail "$d (exit $rc, wanted $want)"; fi; }
# check_grep DESC PATTERN FILE : FILE must contain the extended regex.
check_grep() { if grep -Eq -- "$2" "$3"; then pass; else fail "$1 (no /$2/ in $3)"; fi; }
check_nogrep() { if grep -Eq -- "$2" "$3"; then fail "$1 (/$2/ found in $3)"; else pass; fi; }
# check_eq DESC GOT WANT
check_eq() { if [ "$2" = "$3" ]; then pass; else fail "$1 (got '$2', wanted '$3')"; fi; }
finish() { echo "$_name: $_pass passed, $_fail failed"; [ $_fail -eq 0 ]; }
