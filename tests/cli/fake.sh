# fake.sh - starts tests/fake_server.py for a network test (sourced after lib.sh) and
# makes sure nothing can reach the internet: every base URL points at the fake server,
# and any other host goes to a dead proxy. The server is killed when the script exits.
# Sets FAKE_URL (http://127.0.0.1:PORT), FAKE_LOG (its request log) and FAKE_PID.
: "${PY:=/usr/bin/python3}"
[ -x "$PY" ] || PY=python3
: "${FAKE_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
FAKE_LOG=$T_TMP/fake-requests.log
FAKE_PID=

fake_stop() {
	if [ -n "$FAKE_PID" ]; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
		FAKE_PID=
	fi
}
trap 'fake_stop; rm -rf "$T_TMP"' EXIT
trap 'exit 130' INT TERM

# fake_start [ARGS...] : starts the server; returns 1 when it did not come up in 5 s
fake_start() {
	rm -f "$T_TMP/fake.port"
	"$PY" "$FAKE_DIR/fake_server.py" --port-file "$T_TMP/fake.port" --log "$FAKE_LOG" "$@" \
		>"$T_TMP/fake.out" 2>&1 &
	FAKE_PID=$!
	i=0
	while [ ! -s "$T_TMP/fake.port" ]; do
		i=$((i + 1))
		if [ "$i" -gt 100 ] || ! kill -0 "$FAKE_PID" 2>/dev/null; then
			echo "fake server did not start: $(cat "$T_TMP/fake.out")"
			return 1
		fi
		sleep 0.05
	done
	FAKE_URL=http://127.0.0.1:$(cat "$T_TMP/fake.port")
	export SENDHEALTH_GOOGLE_BASE=$FAKE_URL SENDHEALTH_MAILGUN_BASE=$FAKE_URL
	export SENDHEALTH_SENDGRID_BASE=$FAKE_URL
}

# No request may leave this machine: a mistake that names a real host fails at once.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9
export HTTP_PROXY=$http_proxy HTTPS_PROXY=$https_proxy all_proxy=$ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
# Short timeouts and waits keep the suite fast; tests that need others set their own.
export SENDHEALTH_HTTP_TIMEOUT=1 SENDHEALTH_CONNECT_TIMEOUT=2 SENDHEALTH_HTTP_TRIES=3
export SENDHEALTH_RETRY_BASE_MS=50 SENDHEALTH_RETRY_MAX_WAIT=2
export XDG_DATA_HOME=$T_TMP/xdg HOME=$T_TMP/home
# Under `make SAN=1` a sanitizer report must never pass for an expected exit code (1, 4).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
unset SENDHEALTH_CATALOGUE MAILGUN_API_KEY SENDGRID_API_KEY
