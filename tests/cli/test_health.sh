#!/bin/sh
# test_health.sh - `sendhealth health` as a monitor runs it: the verdict table, and the
# monitoring-plugin exit code of the worst verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN),
# which is also the answer to anything that keeps it from judging (bad options, unreadable
# inputs, nothing to judge).
. tests/cli/lib.sh
W=tests/fixtures/report/week
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"

gen() { # FILE DELIVERED BOUNCES COMPLAINTS [SENDING_DOMAIN]
	"$PY" - "$@" <<'PYGEN'
import json, sys
path, ok, bad, comp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
dom = sys.argv[5] if len(sys.argv) > 5 else "mg.h.com"
with open(path, "w") as f:
    for i in range(ok + bad + comp):
        kind = "delivered" if i < ok else "failed" if i < ok + bad else "complained"
        e = {"event": kind, "id": "%s-e%d" % (dom, i), "timestamp": 1794787200 + i,
             "recipient": "u%d@gmail.com" % i, "envelope": {"sender": "n@" + dom}}
        if kind == "failed":
            e.update(severity="permanent", reason="bounce", **{"delivery-status": {"code": 550,
                     "message": "550 5.1.1 The email account that you tried to reach does not exist."}})
        f.write(json.dumps(e) + "\n")
PYGEN
}
gen "$T_TMP/ok.jsonl" 600 0 0
gen "$T_TMP/warn.jsonl" 600 15 0
gen "$T_TMP/crit.jsonl" 600 40 0

# the verdicts and their exit codes
t_run "health OK exits 0" 0 health "$T_TMP/ok.jsonl"
t_out "health prints the verdict" "OK"
t_run "health WARNING exits 1" 1 health "$T_TMP/warn.jsonl"
t_out "warning reason names the rate" "Hard-bounce rate 2.44%"
t_run "health CRITICAL exits 2" 2 health "$T_TMP/crit.jsonl"
t_run "health with too little data exits 3" 3 health "$W/sendgrid.json"
t_run "health on an unreadable input exits 3" 3 health "$T_TMP/missing.jsonl"
t_err "the unreadable input is named" "missing.jsonl"
printf '{"hard_bounce": {"warning": 0.07, "critical": 0.1}}\n' > "$T_TMP/th.json"
t_run "--thresholds moves the line" 0 health --thresholds "$T_TMP/th.json" "$T_TMP/crit.jsonl"
printf '{"hard_bounce": {"warning": 2}}\n' > "$T_TMP/badth.json"
t_run "bad thresholds are a usage problem" 3 health --thresholds "$T_TMP/badth.json" "$T_TMP/crit.jsonl"
t_run "health --json" 2 health --json "$T_TMP/crit.jsonl"
eq "json verdict" "$("$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["verdict"])' < "$T_OUT")" CRITICAL

# the worst domain decides; --domain judges one alone
gen "$T_TMP/good.jsonl" 600 0 0 mg.good.com
t_run "two domains: the worst decides" 2 health "$T_TMP/crit.jsonl" "$T_TMP/good.jsonl"
t_out "both domains in the table" "mg.good.com"
t_run "--domain judges one domain" 0 health --domain mg.good.com "$T_TMP/crit.jsonl" "$T_TMP/good.jsonl"
t_no_out "--domain leaves the others out" "mg.h.com"
t_run "-d with --json" 0 health -d mg.good.com --json "$T_TMP/crit.jsonl" "$T_TMP/good.jsonl"
t_run "--domain without events" 3 health --domain nope.example "$T_TMP/ok.jsonl"
t_err "--domain without events says so" "no events for the domain 'nope.example'"

# a verdict per client
printf 'client,domain\nAcme,h.com\nGood Co,good.com\n' > "$T_TMP/clients.csv"
t_run "--clients adds the client verdicts" 2 health --clients "$T_TMP/clients.csv" "$T_TMP/crit.jsonl" "$T_TMP/good.jsonl"
t_out "the client table" "CLIENT"
t_out "a client's name" "Good Co"

# bad records: skipped and counted, or with --strict the end of the reading
{ head -5 "$T_TMP/ok.jsonl"; echo '{"event": broken'; tail -n +6 "$T_TMP/ok.jsonl"; } > "$T_TMP/bad.jsonl"
t_run "a bad record is skipped, the verdict stands" 0 health "$T_TMP/bad.jsonl"
t_err "the bad record at its line" "bad.jsonl:6:"
t_err "and counted" "1 record skipped"
# --strict stops reading there: only the five records before it are judged
t_run "--strict stops at it" 3 health --strict "$T_TMP/bad.jsonl"
t_out "--strict: what came before is judged" "only 5 sent (fewer than 500)"
t_err "--strict: the record that stopped it" "bad.jsonl:6:"

# the window: nothing in it, nothing to judge
t_run "a week without events" 3 health --week 2027-W01 "$T_TMP/ok.jsonl"

# German reasons, English column names and verdicts (monitors read those)
t_run "--lang de" 1 --lang de health "$T_TMP/warn.jsonl"
t_out "German reason" "Hard-Bounce-Rate 2,44 % (15 von 615) liegt bei oder über 2,00 %"
t_out "verdict stays the id" "WARNING"

# the command line: help, and every usage error is UNKNOWN (3), never OK
t_run "--help exits 0" 0 health --help
t_out "--help names --domain" "--domain D"
t_out "--help names the shared --strict" "--strict"
t_run "no input" 3 health
t_err "no input says so" "no input given"
t_run "unknown option" 3 health --bogus "$T_TMP/ok.jsonl"
t_err "unknown option hint" "Try 'sendhealth health --help'"
t_run "--jobs out of range" 3 health --jobs 0 "$T_TMP/ok.jsonl"
t_err "--jobs names its range" "--jobs takes a number from 1 to 256, not '0'"
t_run "--region must be us or eu" 3 health --region ap mailgun:mg.example.com
t_err "--region says which" "--region takes 'us' or 'eu', not 'ap'"
t_run "--api-key is refused" 3 health --api-key SECRETKEY42 "$T_TMP/ok.jsonl"
t_err "--api-key says why" "--api-key is not accepted"
if grep -q SECRETKEY42 "$T_ERR" "$T_OUT"; then t_fail "the refused key is not echoed" "it is"; else
	t_pass "the refused key is not echoed"; fi
t_run "--week with --since" 3 health --week 2026-W47 --since 2026-11-01 "$T_TMP/ok.jsonl"
t_err "the conflict is named" "--week cannot be combined with --since or --until"
# CLI habits (issue 12): -q after the command; a window no event fell in is a sentence
t_run "-q after the command" 1 health "$T_TMP/warn.jsonl" -q
t_out "-q after the command: the table still" "WARNING"
t_empty_err "-q after the command: nothing on stderr"
t_run "--week with no events in it" 3 health --week 2020-W01 "$T_TMP/ok.jsonl"
t_err "--week with no events: the sentence" "no events fell in the week 2020-W01 ("
t_err "--week with no events: nothing to judge" "all outside it): nothing to judge"
t_no_out "--week with no events: no bare header" "VERDICT"
t_run "--since after every event, --json" 3 health --since 2090-01-01 --json "$T_TMP/ok.jsonl"
t_out "--json still prints the (empty) array" "[]"
t_err "--since: the sentence names the window" "no events fell in the window from 2090-01-01"
S=data/samples
t_run "the demo's domains" 2 health --clients "$S/clients.csv" "$S/mailgun-events.jsonl" "$S/sendgrid-webhook.json" \
	"$S/smtp-failures.csv" "$S/bounces.mbox"
t_out "one blocking failure reads as one" "1 failure of the sending account or the domain's authentication: mail from this domain is refused until it is fixed"
t_out "several read as several" "118 failures of the sending account or the domain's authentication: mail from this domain is refused until they are fixed"
t_done
