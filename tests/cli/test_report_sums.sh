# test_report_sums.sh - one meaning for every number: sent, delivered, failures and
# addresses add up across the days, domains, health rows, clients, actions, the XLSX
# sheets, the JSON and the text summary, for the bundled demo logs, each client's split
# file, a merged report and a log without accepted events.
. tests/cli/lib.sh
S=data/samples
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"
IN="$S/mailgun-events.jsonl $S/sendgrid-webhook.json $S/smtp-failures.csv"
CHECK=tests/report/render/check_sums.py
have_xlsx=1
"$PY" -c 'import openpyxl' 2>/dev/null || have_xlsx=0

sums() { # name json [xlsx [text]]
	name=$1; shift
	if [ "$have_xlsx" = 0 ] && [ $# -gt 1 ]; then x=$1; shift; shift; set -- "$x" - "$@"; fi
	got=$("$PY" "$CHECK" "$@" 2>&1)
	case "$got" in
	"checked "*) t_pass "$name ($got)" ;;
	*) t_fail "$name" "$got" ;;
	esac
}

# shellcheck disable=SC2086
t_run "the demo week" 0 report --clients "$S/clients.csv" $IN -o "$T_TMP/w.json" -o "$T_TMP/w.xlsx" -o "$T_TMP/w.txt"
sums "the demo week: JSON, XLSX and text agree" "$T_TMP/w.json" "$T_TMP/w.xlsx" "$T_TMP/w.txt"
eq "sent is the one number everywhere" "$(jq_ "$T_TMP/w.json" '(d["totals"]["sent"], sum(x["sent"] for x in d["daily"]), sum(x["sent"] for x in d["clients"]))')" "(4298, 4298, 4298)"

# shellcheck disable=SC2086
t_run "split by client" 0 report --clients "$S/clients.csv" $IN --split-by client -f json -o "$T_TMP/split"
for f in "$T_TMP"/split/*.json; do
	sums "$(basename "$f"): adds up" "$f"
done
eq "the clients' files add up to the agency's" "$(jq_ "$T_TMP/split/agency.json" 'd["totals"]["sent"]')" \
	"$(cat "$T_TMP"/split/[A-Z]*.json | "$PY" -c 'import json,sys
dec=json.JSONDecoder(); s=sys.stdin.read(); i=0; n=0
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    d, i = dec.raw_decode(s, i); n += d["totals"]["sent"]
print(n)')"

# two halves merged: the days still add up (each day's cells per domain are kept)
head -n 3000 "$S/mailgun-events.jsonl" >"$T_TMP/a.jsonl"
tail -n +3001 "$S/mailgun-events.jsonl" >"$T_TMP/b.jsonl"
t_run "first half" 0 report "$T_TMP/a.jsonl" -o "$T_TMP/a.json"
t_run "second half" 0 report "$T_TMP/b.jsonl" -o "$T_TMP/b.json"
t_run "merged" 0 merge "$T_TMP/a.json" "$T_TMP/b.json" -o "$T_TMP/ab.json"
sums "merged halves add up" "$T_TMP/ab.json"
t_run "one run over both" 0 report "$S/mailgun-events.jsonl" -o "$T_TMP/one.json"
eq "merged = one run: sent per day" "$(jq_ "$T_TMP/ab.json" '[x["sent"] for x in d["daily"]]')" \
	"$(jq_ "$T_TMP/one.json" '[x["sent"] for x in d["daily"]]')"

# a log with failures and retries but no accepted events: sent is never below failures
"$PY" - "$T_TMP/retries.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(30):
        ev = {"event": "failed", "id": "r%d" % i, "timestamp": 1794700000 + 3600 * i,
              "envelope": {"sender": "a@mg.retry.com", "targets": "x@gmail.com"}, "recipient": "x@gmail.com",
              "recipient-domain": "gmail.com", "severity": "temporary", "reason": "generic",
              "delivery-status": {"code": 421, "message": "421 4.7.0 Try again later", "enhanced-code": "4.7.0"}}
        f.write(json.dumps(ev) + "\n")
    for i in range(10):
        ev = {"event": "delivered", "id": "d%d" % i, "timestamp": 1794700000 + 3600 * i,
              "envelope": {"sender": "a@mg.retry.com", "targets": "x@gmail.com"}, "recipient": "x@gmail.com",
              "recipient-domain": "gmail.com"}
        f.write(json.dumps(ev) + "\n")
PY
t_run "a log of retries" 0 report "$T_TMP/retries.jsonl" -o "$T_TMP/retries.json" -o "$T_TMP/retries.txt"
sums "retries: sent covers every delivery and failure" "$T_TMP/retries.json" - "$T_TMP/retries.txt"
eq "retries: sent 40, failures 30" "$(jq_ "$T_TMP/retries.json" '(d["totals"]["sent"], d["totals"]["failures"])')" "(40, 30)"
t_done
