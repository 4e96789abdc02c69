#!/bin/sh
# test_secrets.sh - the API key shows nowhere but in the Authorization header of requests
# to the API's own host. Every command runs with a marker key in $MAILGUN_API_KEY and
# $SENDGRID_API_KEY and with -v; fetch also with --api-key-file, and against the fake
# server's error scenarios (refused key, unknown domain, cut and reset bodies, 429
# storm, stall, redirect loop, a redirect to another host, broken JSON, nothing
# listening). Then stdout, stderr, every file written, the process's command line and
# the other host's request log are searched for the marker. Key files open to group or
# others are refused with the reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fake.sh"

KEY=SH-MARKER-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
KEY2=SH-OTHER-MARKER-7f3a9c
SEEN=$T_TMP/seen W=$T_TMP/written
mkdir -p "$SEEN" "$W"

# The other host: where the "tohttp" scenarios redirect to. It must never see the key.
OTHER_PID=
"$PY" "$FAKE_DIR/fake_server.py" --port-file "$T_TMP/other.port" --log "$T_TMP/other.log" \
	--api-key "$KEY" >/dev/null 2>&1 &
OTHER_PID=$!
trap 'fake_stop; [ -n "$OTHER_PID" ] && kill "$OTHER_PID" 2>/dev/null; rm -rf "$T_TMP"' EXIT
i=0
while [ ! -s "$T_TMP/other.port" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
OTHER=http://127.0.0.1:$(cat "$T_TMP/other.port" 2>/dev/null)
if ! fake_start --api-key "$KEY" --redirect-base "$OTHER"; then
	t_fail "fake server" "did not start"
	t_done
	exit 1
fi
export MAILGUN_API_KEY=$KEY SENDGRID_API_KEY=$KEY

n=0
# run NAME RC ARGS... : sendhealth -v ARGS; keeps stdout and stderr for the search
run() {
	t_run "$@"
	n=$((n + 1))
	cp "$T_OUT" "$SEEN/$n.out"
	cp "$T_ERR" "$SEEN/$n.err"
}

# --- fetch, the key from the environment --------------------------------------------------
run "mailgun: ok" 0 -v fetch mailgun --domain mg.example.com -o "$W/mg.jsonl"
run "mailgun: to stdout" 0 -v fetch mailgun --domain out.example.com -o -
run "mailgun: 404" 4 -v fetch mailgun --domain unknown.example.com -o "$W/404.jsonl"
run "mailgun: 403" 4 -v fetch mailgun --domain forbidden.example.com -o "$W/403.jsonl"
run "mailgun: cut off" 4 -v fetch mailgun --domain cutalways.example.com -o "$W/cut.jsonl"
run "mailgun: reset" 4 -v fetch mailgun --domain resetalways.example.com -o "$W/reset.jsonl"
run "mailgun: 429 storm" 4 -v fetch mailgun --domain ratealways.example.com -o "$W/429.jsonl"
SENDHEALTH_HTTP_TRIES=1 run "mailgun: stalled" 4 -v fetch mailgun --domain stall.example.com \
	-o "$W/stall.jsonl"
run "mailgun: redirect loop" 4 -v fetch mailgun --domain redirectloop.example.com -o "$W/loop.jsonl"
run "mailgun: broken JSON" 4 -v fetch mailgun --domain garbage.example.com -o "$W/garbage.jsonl"
run "mailgun: nothing listening" 4 -v fetch mailgun --domain mg.example.com \
	--api-base http://127.0.0.1:9 -o "$W/refused.jsonl"
run "mailgun: a redirect to another host" 4 -v fetch mailgun --domain tohttp.example.com \
	-o "$W/other.jsonl"
: >"$W/afile"
run "mailgun: cannot write the output" 3 -v fetch mailgun --domain mg.example.com \
	-o "$W/afile/x.jsonl"
run "sendgrid: ok" 0 -v fetch sendgrid --on-behalf-of sub1 -o "$W/sg.jsonl"
run "sendgrid: 403" 4 -v fetch sendgrid --on-behalf-of stranger -o "$W/sg403.jsonl"
run "sendgrid: 429 then ok" 0 -v fetch sendgrid --lists blocks --on-behalf-of ratelimited9 \
	-o "$W/sg429.jsonl"
run "sendgrid: a redirect to another host" 4 -v fetch sendgrid --lists blocks --on-behalf-of tohttp1 \
	-o "$W/sgother.jsonl"
MAILGUN_API_KEY=$KEY2 run "mailgun: a refused key" 4 -v fetch mailgun --domain mg.example.com \
	-o "$W/401.jsonl"
SENDGRID_API_KEY=$KEY2 run "sendgrid: a refused key" 4 -v fetch sendgrid -o "$W/sg401.jsonl"
MAILGUN_API_KEY="$KEY with a space" run "mailgun: a malformed key" 2 -v fetch mailgun \
	--domain mg.example.com -o "$W/bad.jsonl"
run "usage: --api-key is refused" 2 -v fetch mailgun --domain mg.example.com \
	--api-key="$KEY2" -o "$W/argv.jsonl"

# --- fetch, the key from a file -----------------------------------------------------------
printf '%s\n' "$KEY" >"$T_TMP/key"
chmod 600 "$T_TMP/key"
MAILGUN_API_KEY= run "key file: 600 works" 0 -v fetch mailgun --domain kf.example.com \
	--api-key-file "$T_TMP/key" -o "$W/kf.jsonl"
SENDGRID_API_KEY= run "key file: sendgrid" 0 -v fetch sendgrid --lists blocks \
	--api-key-file "$T_TMP/key" -o "$W/kfsg.jsonl"
MAILGUN_API_KEY= run "key file: 404" 4 -v fetch mailgun --domain unknown2.example.com \
	--api-key-file "$T_TMP/key" -o "$W/kf404.jsonl"
for mode in 640 604 644 660; do
	cp "$T_TMP/key" "$T_TMP/key$mode"
	chmod "$mode" "$T_TMP/key$mode"
	MAILGUN_API_KEY= run "key file: mode $mode refused" 2 -v fetch mailgun --domain mg.example.com \
		--api-key-file "$T_TMP/key$mode" -o "$W/kf$mode.jsonl"
	t_err "key file: mode $mode, the reason" "is open to group or others (mode 0$mode); run 'chmod 600"
done
printf '%s with a space\n' "$KEY" >"$T_TMP/keybad"
chmod 600 "$T_TMP/keybad"
MAILGUN_API_KEY= run "key file: malformed" 2 -v fetch mailgun --domain mg.example.com \
	--api-key-file "$T_TMP/keybad" -o "$W/kfbad.jsonl"
t_err "key file: malformed, the reason" "contains a space or control character at position"
MAILGUN_API_KEY= run "key file: a directory" 2 -v fetch mailgun --domain mg.example.com \
	--api-key-file "$T_TMP" -o "$W/kfdir.jsonl"

# the command line never holds the key: look at a stalled fetch while it runs
MAILGUN_API_KEY= SENDHEALTH_HTTP_TIMEOUT=3 SENDHEALTH_HTTP_TRIES=1 "$SENDHEALTH" -v fetch mailgun \
	--domain stall2.example.com --api-key-file "$T_TMP/key" -o "$W/ps.jsonl" >/dev/null 2>&1 &
pid=$!
sleep 1
tr '\0' ' ' <"/proc/$pid/cmdline" >"$SEEN/cmdline" 2>/dev/null
wait "$pid"
if [ -s "$SEEN/cmdline" ]; then t_pass "command line read while fetching"; else
	t_skip "command line" "/proc/$pid/cmdline was gone"; fi

# --- every other command, with the keys in the environment --------------------------------
F=tests/fixtures
run "report" 0 -v report "$W/mg.jsonl" -o "$W/r.json" -o "$W/r.xlsx" -o "$W/r.csv" \
	--unmatched-csv "$W/u.csv" --export-addresses "$W/a.csv" --summary
run "health" 2 -v health "$W/mg.jsonl"
run "import" 0 -v import "$W/mg.jsonl" "$W/sg.jsonl" -o "$W/records.jsonl"
run "merge" 0 -v merge "$W/r.json" -o "$W/m.json"
run "explain" 0 -v explain "550 5.1.1 user unknown"
run "catalogue info" 0 -v catalogue info
run "catalogue list" 0 -v catalogue list
run "catalogue check" 1 -v catalogue check "$F/catalogue/sheet-de.csv"
run "catalogue export" 0 -v catalogue export -o "$W/cat.csv"
run "catalogue import" 1 -v catalogue import "$F/catalogue/sheet-de.csv" -o "$W/cat2.csv"
run "catalogue sync" 0 -v catalogue sync -o "$W/synced.csv"
run "catalogue sync: a private sheet" 4 -v catalogue sync \
	https://docs.google.com/spreadsheets/d/private1/edit -o "$W/private.csv"
run "help" 0 -v help
run "help fetch" 0 -v help fetch

# --- the search ------------------------------------------------------------------------------
# an XLSX is a zip: search what is inside it too
for x in "$W"/*.xlsx; do
	"$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
open(sys.argv[2], "wb").write(b"".join(z.read(n) for n in z.namelist()))' "$x" "$SEEN/$(basename "$x").unzipped" ||
		t_fail "key: unzip $x" "not a zip"
done
found=$(grep -rlF -e "$KEY" -e "$KEY2" "$SEEN" "$W" "$XDG_DATA_HOME" 2>/dev/null)
if [ -z "$found" ]; then t_pass "key: in no stdout, stderr, -v output, command line or written file"
else t_fail "key: in no stdout, stderr, -v output, command line or written file" "$found"; fi
nfiles=$(find "$W" -type f | wc -l)
if [ "$nfiles" -ge 15 ]; then t_pass "key: searched $nfiles written files (.part files included)"
else t_fail "key: files searched" "only $nfiles"; fi
if grep -q "GET http://127.0.0.1" "$SEEN"/*.err; then t_pass "key: -v shows the requests"; else
	t_fail "key: -v shows the requests" "no GET lines"; fi
if "$PY" - "$FAKE_LOG" "$KEY" "$KEY2" <<'EOF'; then t_pass "key: only in the Authorization header"; else
import base64, json, sys
keys = sys.argv[2:]
forms = keys + [base64.b64encode(("api:" + k).encode()).decode() for k in keys]
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for k in keys:
        if k in r["path"]:
            sys.exit(1)
    for name, v in r["headers"].items():
        if any(f in v for f in forms) and name.lower() != "authorization":
            sys.exit(1)
EOF
	t_fail "key: only in the Authorization header" "found elsewhere in a request"; fi
if [ -s "$T_TMP/other.log" ]; then t_pass "key: the other host was asked"; else
	t_fail "key: the other host was asked" "no request reached it"; fi
if "$PY" - "$T_TMP/other.log" "$KEY" <<'EOF'; then t_pass "key: never sent to another host"; else
import base64, sys
text = open(sys.argv[1], encoding="utf-8").read()
key = sys.argv[2]
sys.exit(1 if key in text or base64.b64encode(("api:" + key).encode()).decode() in text
         or "Authorization" in text else 0)
EOF
	t_fail "key: never sent to another host" "$(head -c 400 "$T_TMP/other.log")"; fi
t_done
