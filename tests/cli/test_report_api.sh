# test_report_api.sh - report and health reading the ESP APIs directly (mailgun:DOMAIN,
# sendgrid:[SUBUSER]) against the local fake server: pages stream into the reader, the key
# never shows, API failures exit 4 with the API's meaning.
. tests/cli/lib.sh
. tests/cli/fake.sh
if ! fake_start; then t_skip "fake server" "did not start"; t_done; exit; fi
KEY=MARKERKEY123 # the key tests/fake_server.py accepts
export SOURCE_DATE_EPOCH=1800000000

MAILGUN_API_KEY=$KEY t_run "report mailgun:DOMAIN" 0 -v report mailgun:mg.example.com -o "$T_TMP/mg.json"
got=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["inputs"]["sources"][0]["kind"], d["inputs"]["records"])' "$T_TMP/mg.json")
[ "$got" = "api 723" ] && t_pass "every event of the three pages read" || t_fail "every event read" "got '$got'"
grep -q "events=accepted\|event=accepted" "$FAKE_LOG" && t_pass "asks for the events a report needs" ||
	t_fail "event filter" "$(grep -o 'event=[^&"]*' "$FAKE_LOG" | head -1)"
if grep -q "$KEY" "$T_OUT" "$T_ERR" "$T_TMP/mg.json"; then t_fail "the key never shows" "found"; else t_pass "the key never shows"; fi
SENDGRID_API_KEY=$KEY t_run "health sendgrid:" 3 health sendgrid:
t_out "suppression lists name no sending domain: no verdict" "name no sending domain"
printf 'client,domain\nAcme Bakery,subuser:sub1\nOther,other.example\n' >"$T_TMP/clients.csv"
SENDGRID_API_KEY=$KEY t_run "report sendgrid:SUBUSER --clients subuser:NAME" 0 -q report sendgrid:sub1 \
	--clients "$T_TMP/clients.csv" -f json -o "$T_TMP/sub.json"
got=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(set(x["client"] or "-" for x in d["domains"])), d["totals"]["failures"] > 0)' "$T_TMP/sub.json")
[ "$got" = "['Acme Bakery'] True" ] && t_pass "the subuser's failures are its client's" ||
	t_fail "the subuser's failures are its client's" "got '$got'"
MAILGUN_API_KEY=$KEY t_run "unknown domain is a remote error" 4 report mailgun:unknown.example.com -o "$T_TMP/u.json"
t_err "the API's meaning" "unknown domain 'unknown.example.com'"
t_run "no key" 2 report mailgun:mg.example.com -o "$T_TMP/nokey.json"
t_err "says where a key comes from" "MAILGUN_API_KEY"
t_run "--api-key refused" 2 report --api-key "$KEY" mailgun:mg.example.com
if grep -q "$KEY" "$T_ERR"; then t_fail "refusal does not echo the key" "found"; else t_pass "refusal does not echo the key"; fi
t_run "neither a file nor an API" 2 report nosuch:thing -o "$T_TMP/n.json"
t_err "explains the input forms" "mailgun:DOMAIN, sendgrid:[SUBUSER] or imaps://user@host/MAILBOX"
t_done
