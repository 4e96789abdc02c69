# test_report_compare.sh - week over week: an action keeps its key whichever error led it
# (no "Invalid recipient (gmail) 0 -> 5" beside "(sendgrid) 4 -> 0"); the Provider column
# names who refused, the catalogue entry's provider beside it.
. tests/cli/lib.sh
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"

# mailgun_week FILE START N_GMAIL N_UNAVAILABLE: N Gmail "no such user" replies and N Mailgun
# events whose reply only says "550 Mailbox unavailable" (a catalogue row from SendGrid's
# table), to unknown.example recipients, from mg.a.com
mailgun_week() {
	"$PY" - "$@" <<'PY'
import json, sys
path, start, gmail, unavail = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = []
def ev(i, rcpt, code, msg, enh):
    dom = rcpt.split("@")[1]
    return {"event": "failed", "id": "w%d-%d" % (start, i), "timestamp": start + 60 * i,
            "envelope": {"sender": "news@mg.a.com", "targets": rcpt}, "recipient": rcpt,
            "recipient-domain": dom, "message": {"headers": {"from": "news@mg.a.com"}},
            "severity": "permanent", "reason": "bounce",
            "delivery-status": {"code": code, "message": msg, "enhanced-code": enh}}
for i in range(gmail):
    rows.append(ev(i, "gone%d@gmail.com" % i, 550, "550 5.1.1 The email account that you tried to reach does not exist. - gsmtp", "5.1.1"))
for i in range(unavail):
    rows.append(ev(100 + i, "nobody%d@unknown.example" % i, 550, "550 Mailbox unavailable", ""))
with open(path, "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
PY
}
mailgun_week "$T_TMP/w1.jsonl" 1794700000 1 4   # week 1: most invalid recipients are SendGrid-worded
mailgun_week "$T_TMP/w2.jsonl" 1795300000 5 1   # week 2: most are Gmail's

t_run "week 1" 0 report "$T_TMP/w1.jsonl" -o "$T_TMP/w1.json"
t_run "week 2 compared with week 1" 0 report "$T_TMP/w2.jsonl" --compare "$T_TMP/w1.json" -o "$T_TMP/w2.json"
eq "one remove-addresses action, the same key both weeks" \
	"$(jq_ "$T_TMP/w2.json" '[(a["key"], a["failures"]["previous"], a["failures"]["current"]) for a in d["compare"]["actions"] if a["kind"]=="remove_addresses"]')" \
	"[('remove_addresses|recipient_invalid|', 5, 6)]"
eq "the action's key names no catalogue provider" "$(jq_ "$T_TMP/w1.json" '[a["key"] for a in d["actions"]]')" \
	"['remove_addresses|recipient_invalid|']"
t_run "week 2 as text" 0 report "$T_TMP/w2.jsonl" --compare "$T_TMP/w1.json"
t_no_out "no action listed twice under two providers" "(gmail)"

# who refused
eq "Provider: Gmail for Gmail's reply, Mailgun for a bare reply to an unknown domain" \
	"$(jq_ "$T_TMP/w1.json" 'sorted((e["provider"], e["catalogue_provider"], e["reported_by"]) for e in d["errors"])')" \
	"[('Gmail', 'gmail', 'mailgun'), ('Mailgun', 'sendgrid', 'mailgun')]"
sed 's/unknown\.example/outlook.com/g' "$T_TMP/w1.jsonl" >"$T_TMP/w1-outlook.jsonl"
t_run "the same replies from outlook.com recipients" 0 report "$T_TMP/w1-outlook.jsonl" -o "$T_TMP/w1o.json"
eq "Provider: the recipients' mailbox provider, never the catalogue row's sendgrid" \
	"$(jq_ "$T_TMP/w1o.json" '[e["provider"] for e in d["errors"] if e["catalogue_provider"]=="sendgrid"]')" "['Microsoft']"
t_run "merge keeps who refused" 0 merge "$T_TMP/w1o.json" -o "$T_TMP/merged.json"
eq "merged: the same providers" \
	"$(jq_ "$T_TMP/merged.json" 'sorted((e["provider"], e["catalogue_provider"], e["reported_by"]) for e in d["errors"])')" \
	"[('Gmail', 'gmail', 'mailgun'), ('Microsoft', 'sendgrid', 'mailgun')]"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	t_run "week 1 as xlsx" 0 report "$T_TMP/w1-outlook.jsonl" -o "$T_TMP/w1o.xlsx"
	eq "Errors sheet: Provider and the catalogue entry's provider" "$("$PY" -c 'import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1])["Errors"]
rows=list(ws.iter_rows(values_only=True)); h=rows[0]
print(sorted((r[h.index("Provider")], r[h.index("Catalogue entry'"'"'s provider")]) for r in rows[1:]))' "$T_TMP/w1o.xlsx")" \
		"[('Gmail', 'gmail'), ('Microsoft', 'sendgrid')]"
else t_skip "errors sheet" "python3-openpyxl missing"; fi
t_done
