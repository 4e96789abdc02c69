#!/bin/sh
# test_fetch.sh - `sendhealth fetch mailgun|sendgrid` against tests/fake_server.py: paging,
# retries, refusals, cut-off and stalled downloads, the .part file, and the API key that
# must never show anywhere but in the Authorization header.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fake.sh"

if ! fake_start; then
	t_fail "fake server" "did not start"
	t_done
	exit 1
fi
KEY=MARKERKEY123
export MAILGUN_API_KEY=$KEY SENDGRID_API_KEY=$KEY
O=$T_TMP/out

# t_lines NAME FILE N : FILE has N lines
t_lines() {
	n=$(wc -l <"$2" 2>/dev/null || echo missing)
	n=$(echo $n)
	if [ "$n" = "$3" ]; then t_pass "$1"; else t_fail "$1" "$2 has $n lines, want $3"; fi
}
# t_jsonl NAME FILE IDKEY : every line is a JSON object, and IDKEY values are unique
t_jsonl() {
	if "$PY" - "$2" "$3" <<'EOF'; then t_pass "$1"; else t_fail "$1" "bad JSON lines in $2"; fi
import json, sys
ids = [json.loads(line)[sys.argv[2]] for line in open(sys.argv[1], encoding="utf-8")]
sys.exit(0 if ids and len(ids) == len(set(ids)) else 1)
EOF
}
# t_faster NAME START SECONDS : less than SECONDS passed since START
t_faster() {
	if awk -v s="$2" -v e="$(now)" -v m="$3" -v f="$TEST_TIME_FACTOR" 'BEGIN { exit !(e - s < m * f) }'; then
		t_pass "$1"; else
		t_fail "$1" "took longer than $3 s"; fi
}
t_slower() {
	if awk -v s="$2" -v e="$(now)" -v m="$3" 'BEGIN { exit !(e - s >= m) }'; then t_pass "$1"; else
		t_fail "$1" "took less than $3 s"; fi
}

# --- Mailgun -----------------------------------------------------------------------------

t_run "mailgun: 3 pages and an empty one" 0 fetch mailgun --domain mg.example.com -o "$O/mg.jsonl"
t_lines "mailgun: every event written" "$O/mg.jsonl" 723
t_jsonl "mailgun: one JSON event per line, no duplicates" "$O/mg.jsonl" id
t_absent "mailgun: no .part file left" "$O/mg.jsonl.part"
t_err "mailgun: summary" "wrote 723 events (3 pages)"
t_nlog "mailgun: 4 requests" "/v3/mg.example.com/events" 4
t_log "mailgun: first page asks ascending, 300 a page, failures" \
	"ascending=yes&limit=300&event=failed%20OR%20rejected%20OR%20complained"
t_nlog "mailgun: paging.next re-based onto the fake server" "/v3/mg.example.com/events/eyJ" 3
t_log "mailgun: Basic auth api:KEY" "\"Authorization\": \"Basic YXBpOk1BUktFUktFWTEyMw==\""
if grep -qF '"timestamp":1700000001.1234567,' "$O/mg.jsonl"; then
	t_pass "mailgun: timestamps written as Mailgun sent them"
else t_fail "mailgun: timestamps written as Mailgun sent them" "$(head -c 200 "$O/mg.jsonl")"; fi

t_run "mailgun: explicit window and events" 0 fetch mailgun --domain window.example.com \
	--since 2026-01-01 --until 2026-01-02T00:00:00Z --event failed,delivered -o "$O/w.jsonl"
t_log "mailgun: begin and end in epoch seconds" \
	"/v3/window.example.com/events?begin=1767225600&end=1767312000&ascending=yes"
t_log "mailgun: event filter joined with OR" "event=failed%20OR%20delivered"
t_run "mailgun: --until alone means the week before" 0 fetch mailgun --domain until.example.com \
	--until 2026-01-08T00:00:00Z -o "$O/u.jsonl"
t_log "mailgun: a week before --until" "/v3/until.example.com/events?begin=1767225600&end=1767830400&"
t_run "mailgun: --event all sends no filter" 0 fetch mailgun --domain all.example.com --event all \
	-o "$O/all.jsonl"
t_nlog "mailgun: no event parameter" "/v3/all.example.com/events?begin=" 1
if grep -F "/v3/all.example.com/events?begin=" "$FAKE_LOG" | grep -qF "event="; then
	t_fail "mailgun: --event all" "an event filter was sent"; else t_pass "mailgun: --event all"; fi

s=$(now)
t_run "mailgun: 429 Retry-After: 1, then success" 0 fetch mailgun --domain ratelimit.example.com \
	-o "$O/rl.jsonl"
t_slower "mailgun: waited as Retry-After said" "$s" 0.9
t_lines "mailgun: all events after the 429" "$O/rl.jsonl" 723
s=$(now)
SENDHEALTH_RETRY_MAX_WAIT=1 t_run "mailgun: Retry-After: 3600 is capped" 0 \
	fetch mailgun --domain ratelong.example.com -o "$O/rlong.jsonl"
t_faster "mailgun: capped wait" "$s" 3
t_run "mailgun: 429 X-RateLimit-Reset, then success" 0 fetch mailgun \
	--domain ratereset.example.com -o "$O/rr.jsonl"
t_run "mailgun: 429 every time" 4 fetch mailgun --domain ratealways.example.com -o "$O/ra.jsonl"
t_err "mailgun: 429 final message" "still rate-limited; wait a while and run again: "
t_nlog "mailgun: 429 retried up to the limit" "/v3/ratealways.example.com/events" 3
t_run "mailgun: 500 once, then success" 0 fetch mailgun --domain flaky.example.com -o "$O/fl.jsonl"
t_lines "mailgun: all events after the 500" "$O/fl.jsonl" 723
t_nlog "mailgun: the first page asked twice" "/v3/flaky.example.com/events?" 2

t_run "mailgun: 503 every time" 4 fetch mailgun --domain always500.example.com -o "$O/a5.jsonl"
t_err "mailgun: 503 message" "the service keeps failing; try again later: "
t_err "mailgun: 503 tries" "answered HTTP 503 (3 tries): \"Service Unavailable\""
t_absent "mailgun: no empty .part left" "$O/a5.jsonl.part"
t_absent "mailgun: no output after 503s" "$O/a5.jsonl"

MAILGUN_API_KEY=WRONGKEY999 t_run "mailgun: 401" 4 fetch mailgun --domain mg.example.com \
	-o "$O/401.jsonl"
t_err "mailgun: 401 message" "the API key was refused (wrong key, or a key for another region?)"
t_run "mailgun: 404" 4 fetch mailgun --domain unknown.example.com -o "$O/404.jsonl"
t_err "mailgun: 404 message" "unknown domain 'unknown.example.com' (or wrong region"
t_run "mailgun: 403" 4 fetch mailgun --domain forbidden.example.com -o "$O/403.jsonl"
t_err "mailgun: 403 message" "access denied"
t_nlog "mailgun: 401/403/404 never retried" "/v3/unknown.example.com/events" 1

t_run "mailgun: body cut off once, retried" 0 fetch mailgun --domain cutonce.example.com \
	-o "$O/cut1.jsonl"
t_lines "mailgun: all events after the cut" "$O/cut1.jsonl" 723
t_jsonl "mailgun: the restarted page is not doubled" "$O/cut1.jsonl" id
echo "old content" >"$O/cut2.jsonl"
t_run "mailgun: body cut off every time" 4 fetch mailgun --domain cutalways.example.com \
	-o "$O/cut2.jsonl"
t_err "mailgun: cut-off message" "broke off"
t_err "mailgun: .part count in the message" "cut2.jsonl.part' keeps the 300 events fetched"
t_lines "mailgun: .part holds the first page" "$O/cut2.jsonl.part" 300
if [ "$(cat "$O/cut2.jsonl")" = "old content" ]; then t_pass "mailgun: the old file stays"; else
	t_fail "mailgun: the old file stays" "it changed"; fi

echo "old content" >"$O/reset.jsonl"
t_run "mailgun: connection reset in mid-body every time" 4 fetch mailgun \
	--domain resetalways.example.com -o "$O/reset.jsonl"
t_err "mailgun: reset message" "broke off"
t_nlog "mailgun: the reset page retried up to the limit" "/v3/resetalways.example.com/events/eyJ" 3
t_lines "mailgun: .part holds the pages before the reset" "$O/reset.jsonl.part" 300
if [ "$(cat "$O/reset.jsonl")" = "old content" ]; then t_pass "mailgun: reset leaves the old file"; else
	t_fail "mailgun: reset leaves the old file" "it changed"; fi
t_run "mailgun: a redirect loop" 4 fetch mailgun --domain redirectloop.example.com -o "$O/loop.jsonl"
t_err "mailgun: redirect loop message" "redirect refused (more than 5"
t_absent "mailgun: nothing left after the loop" "$O/loop.jsonl.part"
s=$(now)
SENDHEALTH_HTTP_TRIES=2 t_run "mailgun: a stalled server times out" 4 fetch mailgun \
	--domain stall.example.com -o "$O/st.jsonl"
t_faster "mailgun: timeout is quick" "$s" 4
t_err "mailgun: timeout message" "sent no data for 1 s (timed out) (2 tries)"
t_run "mailgun: stalled mid-body once, restarted" 0 fetch mailgun --domain stallbody.example.com \
	-o "$O/sb.jsonl"
t_jsonl "mailgun: stalled page not doubled" "$O/sb.jsonl" id
t_lines "mailgun: all events after the stall" "$O/sb.jsonl" 723
t_run "mailgun: broken JSON" 4 fetch mailgun --domain garbage.example.com -o "$O/g.jsonl"
t_err "mailgun: broken JSON message" "is not valid JSON"
t_run "mailgun: to standard output" 0 -q fetch mailgun --domain mg.example.com -o -
t_lines "mailgun: stdout lines" "$T_OUT" 723
t_empty_err "mailgun: -q prints nothing"
t_run "mailgun: --api-base wins over the environment" 4 fetch mailgun --domain mg.example.com \
	--api-base http://127.0.0.1:9 -o "$O/base.jsonl"
t_err "mailgun: refused connection message" "cannot connect to 'http://127.0.0.1:9/v3/mg.example.com/events'"

# --- usage and keys ------------------------------------------------------------------------

t_run "usage: no domain" 2 fetch mailgun -o "$O/x.jsonl"
t_run "usage: no output" 2 fetch mailgun --domain mg.example.com
t_run "usage: bad region" 2 fetch mailgun --domain mg.example.com --region asia -o "$O/x.jsonl"
t_run "usage: bad event" 2 fetch mailgun --domain mg.example.com --event bounced -o "$O/x.jsonl"
t_run "usage: bad domain" 2 fetch mailgun --domain "a/../b" -o "$O/x.jsonl"
t_run "usage: since after until" 2 fetch mailgun --domain mg.example.com --since 1d --until 2d \
	-o "$O/x.jsonl"
t_run "usage: bad time" 2 fetch mailgun --domain mg.example.com --since yesterday -o "$O/x.jsonl"
t_run "usage: bad api base" 2 fetch mailgun --domain mg.example.com --api-base ftp://x -o "$O/x.jsonl"
t_run "usage: unknown service" 2 fetch mailjet -o "$O/x.jsonl"
t_run "usage: bad list" 2 fetch sendgrid --lists bounces,unsubscribes -o "$O/x.jsonl"
t_run "usage: --api-key is refused" 2 fetch mailgun --domain mg.example.com --api-key=SECRETVALUE77 \
	-o "$O/x.jsonl"
t_err "usage: --api-key says why" "would show in the process list"
if grep -qF SECRETVALUE77 "$T_ERR" "$T_OUT"; then t_fail "usage: --api-key value not echoed" "it was"
else t_pass "usage: --api-key value not echoed"; fi
MAILGUN_API_KEY= t_run "keys: none configured" 2 fetch mailgun --domain mg.example.com -o "$O/x.jsonl"
t_err "keys: says where a key comes from" "no API key: set \$MAILGUN_API_KEY or give --api-key-file"
printf '%s\n' "$KEY" >"$T_TMP/key644"
chmod 644 "$T_TMP/key644"
MAILGUN_API_KEY= t_run "keys: a 644 key file is refused" 2 fetch mailgun --domain mg.example.com \
	--api-key-file "$T_TMP/key644" -o "$O/x.jsonl"
t_err "keys: refusal says chmod 600" "chmod 600"
printf '  %s  \nsecond line\n' "$KEY" >"$T_TMP/key600"
chmod 600 "$T_TMP/key600"
MAILGUN_API_KEY= t_run "keys: a 600 key file works" 0 fetch mailgun --domain keyfile.example.com \
	--api-key-file "$T_TMP/key600" -o "$O/kf.jsonl"
t_absent "usage: nothing written" "$O/x.jsonl"

# --- SendGrid ------------------------------------------------------------------------------

t_run "sendgrid: all four lists" 0 fetch sendgrid --on-behalf-of sub1 -o "$O/sg.jsonl"
t_lines "sendgrid: every item written" "$O/sg.jsonl" 1052
t_err "sendgrid: summary" "wrote 1052 items"
for l in "bounces 1037" "blocks 12" "spam_reports 3"; do
	set -- $l
	n=$(grep -c "\"sendhealth_list\":\"$1\"}" "$O/sg.jsonl")
	if [ "$n" = "$2" ]; then t_pass "sendgrid: $1 tagged"; else
		t_fail "sendgrid: $1 tagged" "$n items, want $2"; fi
done
n=$(grep -c '"subuser":"sub1","sendhealth_list":' "$O/sg.jsonl")
[ "$n" = 1052 ] && t_pass "sendgrid: every item names the subuser" ||
	t_fail "sendgrid: every item names the subuser" "$n of 1052"
printf 'client,domain\nBäckerei Müller,subuser:sub1\n' >"$O/sub-clients.csv"
t_run "sendgrid: --clients subuser:NAME maps the fetched items" 0 -q report -f json \
	--clients "$O/sub-clients.csv" -o "$O/sub.json" "$O/sg.jsonl"
if "$PY" - "$O/sub.json" <<'EOF'; then t_pass "sendgrid: the subuser's failures are the client's"; else
import json, sys
d = json.load(open(sys.argv[1]))
doms = d["domains"]
sys.exit(0 if doms and all(x["client"] == "Bäckerei Müller" for x in doms) else 1)
EOF
	t_fail "sendgrid: the subuser's failures are the client's" "$(head -c 600 "$O/sub.json")"; fi
t_log "sendgrid: bounces page 1" "/v3/suppression/bounces?start_time="
t_log "sendgrid: offset 500" "&limit=500&offset=500\""
t_log "sendgrid: offset 1000" "&limit=500&offset=1000\""
t_nlog "sendgrid: 3 bounce pages" "/v3/suppression/bounces?" 3
t_nlog "sendgrid: 1 blocks page" "/v3/suppression/blocks?" 1
t_nlog "sendgrid: invalid_emails asked" "/v3/suppression/invalid_emails?" 1
t_nlog "sendgrid: on-behalf-of sent" "\"on-behalf-of\": \"sub1\"" 6
t_nlog "sendgrid: Bearer auth" "\"Authorization\": \"Bearer $KEY\"" 6
t_log "sendgrid: Accept JSON" "\"Accept\": \"application/json\""
if "$PY" - "$FAKE_URL/_requests" <<'EOF'; then t_pass "sendgrid: headers as the server saw them"; else
import json, sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
reqs = json.load(opener.open(sys.argv[1], timeout=5))
sg = [r for r in reqs if r["path"].startswith("/v3/suppression/")]
ok = sg and all(r["headers"].get("on-behalf-of") == "sub1" and
                r["headers"].get("Authorization") == "Bearer MARKERKEY123" and
                r["headers"].get("Accept") == "application/json" for r in sg[:6])
sys.exit(0 if ok else 1)
EOF
	t_fail "sendgrid: headers as the server saw them" "see $FAKE_URL/_requests"; fi
t_run "sendgrid: one list" 0 fetch sendgrid --lists blocks -o "$O/sg1.jsonl"
t_lines "sendgrid: blocks only" "$O/sg1.jsonl" 12
grep -q '"subuser"' "$O/sg1.jsonl" && t_fail "sendgrid: without a subuser, no subuser key" "found" ||
	t_pass "sendgrid: without a subuser, no subuser key"
s=$(now)
t_run "sendgrid: 429 X-RateLimit-Reset, then success" 0 fetch sendgrid --lists spam_reports \
	--on-behalf-of ratelimited1 -o "$O/sg2.jsonl"
t_lines "sendgrid: items after the 429" "$O/sg2.jsonl" 3
SENDGRID_API_KEY=WRONGKEY999 t_run "sendgrid: 401" 4 fetch sendgrid -o "$O/sg3.jsonl"
t_err "sendgrid: 401 message" "the API key was refused"
t_run "sendgrid: 403 for a stranger's subuser" 4 fetch sendgrid --on-behalf-of stranger \
	-o "$O/sg4.jsonl"
t_err "sendgrid: 403 message" "access denied"
t_run "usage: bad subuser" 2 fetch sendgrid --on-behalf-of "a b" -o "$O/x.jsonl"

# --- the key goes into the Authorization header and nowhere else ---------------------------

MAILGUN_API_KEY=WRONGKEY999 t_run "verbose: 401" 4 -v fetch mailgun --domain mg.example.com \
	-o "$O/v1.jsonl"
cat "$T_OUT" "$T_ERR" >"$T_TMP/seen"
t_run "verbose: cut off" 4 -v fetch mailgun --domain cutalways2.example.com -o "$O/v2.jsonl"
cat "$T_OUT" "$T_ERR" >>"$T_TMP/seen"
t_run "verbose: 404" 4 -v fetch mailgun --domain unknown2.example.com -o "$O/v3.jsonl"
cat "$T_OUT" "$T_ERR" >>"$T_TMP/seen"
t_run "verbose: sendgrid" 0 -v fetch sendgrid --on-behalf-of sub2 -o "$O/v4.jsonl"
cat "$T_OUT" "$T_ERR" >>"$T_TMP/seen"
t_run "verbose: mailgun" 0 -v fetch mailgun --domain verbose.example.com -o "$O/v5.jsonl"
cat "$T_OUT" "$T_ERR" >>"$T_TMP/seen"
if grep -qF "GET http://127.0.0.1" "$T_TMP/seen"; then t_pass "verbose: requests shown"; else
	t_fail "verbose: requests shown" "no GET lines"; fi
if grep -rqF "$KEY" "$T_TMP/seen" "$O"; then
	t_fail "key: never in stdout, stderr or written files" "$(grep -rlF "$KEY" "$T_TMP/seen" "$O")"
else t_pass "key: never in stdout, stderr or written files"; fi
if "$PY" - "$FAKE_LOG" "$KEY" <<'EOF'; then t_pass "key: only in the Authorization header"; else
import json, sys
key = sys.argv[2]
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if key in r["path"]:
        sys.exit(1)
    for k, v in r["headers"].items():
        if key in v and k.lower() != "authorization":
            sys.exit(1)
EOF
	t_fail "key: only in the Authorization header" "found elsewhere in a request"; fi

t_run "help: fetch" 0 fetch --help
t_run "help: fetch mailgun" 0 fetch mailgun --help
t_out "help: mailgun options" "--api-key-file FILE"
t_run "help: fetch sendgrid" 0 fetch sendgrid --help
t_done
