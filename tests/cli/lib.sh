# lib.sh - helpers for the CLI tests (sourced). Each check runs the binary under test
# ($SENDHEALTH) and compares what a user sees: exit code, stdout, stderr, the files left
# behind, the requests a fake server saw (tests/cli/fake.sh sets $FAKE_LOG).
# A script calls t_done at the end, which prints "cli: passed=N failed=N skipped=N".
set -u
: "${SENDHEALTH:=./sendhealth}"
T_PASSED=0 T_FAILED=0 T_SKIPPED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT
T_OUT=$T_TMP/stdout T_ERR=$T_TMP/stderr
# Under `make check-sanitize` a sanitizer report must never pass for an expected exit code
# (1, 3, 4): it exits 86, which no test expects.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
# Upper bounds on run times are multiplied by this (make check-sanitize sets 2; make
# check-valgrind 4: each run starts valgrind first).
: "${TEST_TIME_FACTOR:=1}"
# the Python run-all uses (the one the test packages are installed for)
if [ -z "${PY:-}" ]; then PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3; fi

t_pass() { T_PASSED=$((T_PASSED + 1)); echo "ok   $1"; }
t_fail() { T_FAILED=$((T_FAILED + 1)); echo "FAIL $1: $2"; }
t_skip() { T_SKIPPED=$((T_SKIPPED + 1)); echo "skip $1: $2"; }

# t_run NAME WANT_RC ARGS... : runs sendhealth ARGS, checks the exit code; standard input
# is $T_STDIN (T_STDIN=file t_run ...), else empty
t_run() {
	_t_name=$1 _t_want=$2; shift 2
	"$SENDHEALTH" "$@" >"$T_OUT" 2>"$T_ERR" <"${T_STDIN:-/dev/null}"
	T_RC=$?
	if [ "$T_RC" = "$_t_want" ]; then t_pass "$_t_name"; else
		t_fail "$_t_name" "exit $T_RC, want $_t_want; stderr: $(head -c 400 "$T_ERR")"; fi
}
# t_out NAME TEXT : stdout of the last t_run contains TEXT (fixed string)
t_out() {
	if grep -qF -- "$2" "$T_OUT"; then t_pass "$1"; else
		t_fail "$1" "stdout lacks '$2'; got: $(head -c 400 "$T_OUT")"; fi
}
t_no_out() {
	if grep -qF -- "$2" "$T_OUT"; then t_fail "$1" "stdout has '$2'"; else t_pass "$1"; fi
}
# t_err NAME TEXT : stderr of the last t_run contains TEXT
t_err() {
	if grep -qF -- "$2" "$T_ERR"; then t_pass "$1"; else
		t_fail "$1" "stderr lacks '$2'; got: $(head -c 400 "$T_ERR")"; fi
}
t_empty_err() {
	if [ -s "$T_ERR" ]; then t_fail "$1" "stderr not empty: $(head -c 300 "$T_ERR")"; else t_pass "$1"; fi
}
# eq NAME GOT WANT : two strings are equal
eq() {
	if [ "$2" = "$3" ]; then t_pass "$1"; else t_fail "$1" "got '$2', want '$3'"; fi
}
# jq_ FILE EXPR : prints the Python expression EXPR over the JSON document in FILE (as d)
jq_() {
	"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(eval(sys.argv[2], {"d": d}))' "$@"
}
# t_absent NAME FILE : FILE does not exist
t_absent() {
	if [ -e "$2" ]; then t_fail "$1" "$2 exists"; else t_pass "$1"; fi
}
# t_no_temp NAME DIR : no temp file (.NAME.tmp.XXXXXX) and no .part is left in DIR
t_no_temp() {
	_t_left=$(ls -a "$2" | grep -e '\.tmp\.' -e '\.part$')
	if [ -z "$_t_left" ]; then t_pass "$1"; else t_fail "$1" "left: $_t_left"; fi
}
# t_log NAME TEXT : the fake server saw a request containing TEXT
t_log() {
	if grep -qF -- "$2" "$FAKE_LOG"; then t_pass "$1"; else
		t_fail "$1" "no request with '$2'"; fi
}
# t_nlog NAME TEXT N : N requests to the fake server contain TEXT
t_nlog() {
	_t_n=$(grep -cF -- "$2" "$FAKE_LOG")
	if [ "$_t_n" = "$3" ]; then t_pass "$1"; else t_fail "$1" "$_t_n requests with '$2', want $3"; fi
}
# now : the time in seconds (with a fraction), for run times
now() { date +%s.%N; }
t_done() {
	echo "cli: passed=$T_PASSED failed=$T_FAILED skipped=$T_SKIPPED"
	[ "$T_FAILED" = 0 ]
}
