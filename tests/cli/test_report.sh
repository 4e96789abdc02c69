# test_report.sh - `report` on inputs whose answers are known: counts per category and
# domain, verdicts, the JSON schema, XLSX read back, compare deltas, split by client,
# -j 1 = -j N. (health and merge: test_health.sh, test_merge.sh.)
. tests/cli/lib.sh
W=tests/fixtures/report/week
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"

t_run "report to json" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" --clients "$W/clients.csv" -o "$T_TMP/w.json"
J=$T_TMP/w.json
eq "failures counted" "$(jq_ "$J" 'd["totals"]["failures"]')" 10
eq "recipient_invalid: 3 Gmail + 2 Yahoo" "$(jq_ "$J" '[c["count"] for c in d["categories"] if c["id"]=="recipient_invalid"][0]')" 5
eq "expired: the two Too old" "$(jq_ "$J" '[c["count"] for c in d["categories"] if c["id"]=="expired"][0]')" 2
eq "dns_auth: the unverified domain" "$(jq_ "$J" '[c["count"] for c in d["categories"] if c["id"]=="dns_auth"][0]')" 1
eq "suppressed: the SendGrid drop" "$(jq_ "$J" '[c["count"] for c in d["categories"] if c["id"]=="suppressed"][0]')" 1
eq "transient: the unknown 451, temporary" "$(jq_ "$J" '[(c["count"],c["temporary"]) for c in d["categories"] if c["id"]=="transient"][0]')" "(1, 1)"
eq "duplicate webhook event counted once" "$(jq_ "$J" 'd["inputs"]["duplicates"]')" 1
eq "per domain failures" "$(jq_ "$J" 'sorted((x["domain"],x["failures"]) for x in d["domains"])')" "[('mg.a.com', 6), ('mg.b.com', 1), ('send.c.com', 3)]"
eq "clients mapped by parent domain" "$(jq_ "$J" 'sorted((x["domain"],x["client"]) for x in d["domains"])')" "[('mg.a.com', 'Alpha'), ('mg.b.com', 'Beta'), ('send.c.com', 'Gamma')]"
eq "verdicts" "$(jq_ "$J" 'sorted((h["domain"],h["verdict"]) for h in d["health"])')" "[('mg.a.com', 'INSUFFICIENT_DATA'), ('mg.b.com', 'CRITICAL'), ('send.c.com', 'INSUFFICIENT_DATA')]"
eq "the first action addresses the most" "$(jq_ "$J" 'd["actions"][0]["text"]')" "Remove 5 invalid addresses (list them with --export-addresses) — 5 failures"
eq "verify DNS names the domain" "$(jq_ "$J" '[a["text"] for a in d["actions"] if a["kind"]=="verify_dns"][0]')" "Verify DNS for mg.b.com (Mailgun: The sending domain is not verified in Mailgun) — 1 failure"
eq "each explained error names its catalogue layer" "$(jq_ "$J" 'sorted(set(e.get("layer","-") for e in d["errors"] if e["entry_id"]))')" "['built-in']"
eq "unmatched message with its sheet row" "$(jq_ "$J" 'd["unmatched"][0]["csv_row"]')" '451,"451 frobnication limit reached for this tenant",,,'
if "$PY" -c 'import jsonschema' 2>/dev/null; then
	if "$PY" -c 'import json,sys,jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open("data/report.schema.json")))' "$J" 2>"$T_ERR"; then
		t_pass "report validates against data/report.schema.json"; else t_fail "schema" "$(tail -3 "$T_ERR")"; fi
else t_skip "schema" "python3-jsonschema missing"; fi

# German texts follow --lang
t_run "report --lang de" 0 --lang de report "$W/mailgun.jsonl" -o "$T_TMP/de.json"
eq "German category title" "$(jq_ "$T_TMP/de.json" '[c["title"] for c in d["categories"] if c["id"]=="expired"][0]')" "Nach Wiederholungen aufgegeben"
eq "the seed's German meaning" "$(jq_ "$T_TMP/de.json" '[e["meaning"] for e in d["errors"] if e["entry_id"]=="gmail-550-5.1.1-no-such-user"][0]')" "E-Mail-Konto existiert nicht"

# several outputs at once, XLSX read back
t_run "xlsx and csv in one run" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" -o "$T_TMP/w.xlsx" -o "$T_TMP/errors.csv" \
	--unmatched-csv "$T_TMP/unmatched.csv" --export-addresses "$T_TMP/addresses.csv"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	got=$("$PY" -c 'import openpyxl,sys
wb=openpyxl.load_workbook(sys.argv[1])
ws=wb["Categories"]
rows=[r for r in ws.iter_rows(values_only=True)]
print(wb.sheetnames[:3], sorted(r[0] for r in rows[1:] if isinstance(r[0], int)))' "$T_TMP/w.xlsx")
	eq "xlsx sheets and category counts" "$got" "['Summary', 'Actions', 'Categories'] [1, 1, 1, 2, 5]"
else t_skip "xlsx read back" "python3-openpyxl missing"; fi
eq "errors csv has a header and one row per error" "$(wc -l < "$T_TMP/errors.csv" | tr -d ' ')" 7
eq "unmatched csv in the sheet's layout" "$(head -1 "$T_TMP/unmatched.csv")" "Code,Fehlermeldung,Bedeutung,Lösung,Glossar"
eq "addresses exported, sorted" "$(tr '\n' ' ' < "$T_TMP/addresses.csv")" "email gone0@yahoo.com gone1@yahoo.com user0@gmail.com user1@gmail.com user2@gmail.com "
# a recipient with a line break must not put a second address on the suppression list
printf '%s\n' 'date,to,from,code,response' \
	'2026-01-01T00:00:00Z,"x@example.com' 'ceo@client.example",n@mg.client1.com,550,550 5.1.1 user unknown' \
	'2026-01-01T00:00:01Z,=cmd@example.com,n@mg.client1.com,550,550 5.1.1 user unknown' >"$T_TMP/inject.csv"
t_run "addresses: hostile recipients" 0 report "$T_TMP/inject.csv" -o "$T_TMP/inject.json" \
	--export-addresses "$T_TMP/inject-addresses.csv"
eq "addresses: no injected line, formula neutralised" "$(tr '\n' ' ' < "$T_TMP/inject-addresses.csv")" "email '=cmd@example.com "
t_err "addresses: the left-out recipient is counted" "left out 1 recipient with white space or control characters"
t_run "text to stdout" 0 report "$W/mailgun.jsonl"
t_out "text summary has the categories" "Gave up after retries"
t_run "xlsx to stdout refused" 2 report "$W/mailgun.jsonl" -f xlsx
t_run "no input" 2 report -o "$T_TMP/x.json"
t_run "unknown extension" 2 report "$W/mailgun.jsonl" -o "$T_TMP/x.pdf"
t_run "at most 8 outputs" 2 report "$W/mailgun.jsonl" -o a -o b -o c -o d -o e -o f -o g -o h -o i
t_err "at most 8 outputs: says so" "at most 8 --output options"
t_run "--split-by takes client" 2 report "$W/mailgun.jsonl" --split-by domain -o "$T_TMP/sd"
t_err "--split-by says what it takes" "--split-by takes 'client', not 'domain'"

# windows
t_run "--week keeps only that ISO week" 0 report "$W/mailgun.jsonl" --week 2026-W48 -o "$T_TMP/empty.json"
eq "events outside the week counted" "$(jq_ "$T_TMP/empty.json" 'd["inputs"]["outside_window"]')" 12
eq "period is the window" "$(jq_ "$T_TMP/empty.json" 'd["period"]["start"]')" "2026-11-23T00:00:00Z"
t_run "--since/--until" 0 report "$W/mailgun.jsonl" --since 2026-11-16T03:00:00Z --until 2026-11-16T05:00:00Z -o "$T_TMP/win.json"
eq "two hours of events" "$(jq_ "$T_TMP/win.json" 'd["totals"]["events"]')" 2
t_run "bad --week" 2 report "$W/mailgun.jsonl" --week 2026-47

# compare: changes against last week (the Mailgun log alone)
t_run "last week's report" 0 report "$W/mailgun.jsonl" -o "$T_TMP/a.json"
t_run "compare with last week" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" --compare "$T_TMP/a.json" -o "$T_TMP/c.json"
eq "failures change" "$(jq_ "$T_TMP/c.json" 'd["compare"]["totals"]["failures"]["change"]')" 3
t_run "compare in the text summary" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" --compare "$T_TMP/a.json"
t_out "changes section" "Changes since the previous report"
t_run "compare in the workbook" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" --compare "$T_TMP/a.json" -o "$T_TMP/c.xlsx"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	eq "a Changes sheet with the failures row" "$("$PY" -c 'import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1])["Changes"]
print([r for r in ws.iter_rows(values_only=True) if r[1]=="Failures"][0][2:5])' "$T_TMP/c.xlsx")" "(7, 10, 3)"
fi
eq "a new category shows its whole count" "$(jq_ "$T_TMP/c.json" '[c["count"]["change"] for c in d["compare"]["categories"] if c["id"]=="suppressed"][0]')" 1

# split by client: each file holds only that client's rows
t_run "split by client" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" --clients "$W/clients.csv" --split-by client -f json -o "$T_TMP/split"
eq "one file per client plus the agency" "$(ls "$T_TMP/split" | tr '\n' ' ')" "Alpha.json Beta.json Gamma.json agency.json "
eq "Alpha holds only its domain" "$(jq_ "$T_TMP/split/Alpha.json" '[x["domain"] for x in d["domains"]]')" "['mg.a.com']"
eq "Gamma's failures" "$(jq_ "$T_TMP/split/Gamma.json" 'd["totals"]["failures"]')" 3
eq "the agency report has all" "$(jq_ "$T_TMP/split/agency.json" 'd["totals"]["failures"]')" 10

# threads give the same report as one thread (a file large enough to be split)
if [ -f data/samples/mailgun-events.jsonl ]; then
	t_run "-j 1" 0 report -j 1 data/samples/mailgun-events.jsonl -o "$T_TMP/j1.json"
	t_run "-j 3" 0 report -j 3 data/samples/mailgun-events.jsonl -o "$T_TMP/j3.json"
	cmp -s "$T_TMP/j1.json" "$T_TMP/j3.json" && t_pass "-j 3 equals -j 1" || t_fail "-j 3 equals -j 1" "$(diff "$T_TMP/j1.json" "$T_TMP/j3.json" | head)"
fi
# SendGrid webhook batches stored one POST body per line (an array of events a line) are
# split too: the same report, and a broken batch reported at its own line, at -j 1 and -j 2
if [ -f data/samples/sendgrid-webhook.json ]; then
	"$PY" -c 'import json, sys
events = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for copy in range(12):
        for i in range(0, len(events), 400):
            batch = [dict(e, sg_event_id="%s-%d" % (e["sg_event_id"], copy)) for e in events[i:i + 400]]
            out.write(json.dumps(batch) + "\n")
            if copy == 6 and i == 0:
                out.write("[{\"event\": broken\n")' data/samples/sendgrid-webhook.json "$T_TMP/sg-lines.jsonl"
	t_run "SendGrid batch lines, -j 1" 1 report -j 1 "$T_TMP/sg-lines.jsonl" -o "$T_TMP/sgl1.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/sgl1.err"
	t_run "SendGrid batch lines, -j 2" 1 report -j 2 "$T_TMP/sg-lines.jsonl" -o "$T_TMP/sgl2.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/sgl2.err"
	cmp -s "$T_TMP/sgl1.json" "$T_TMP/sgl2.json" && t_pass "SendGrid batch lines: -j 2 equals -j 1" ||
		t_fail "SendGrid batch lines: -j 2 equals -j 1" "$(diff "$T_TMP/sgl1.json" "$T_TMP/sgl2.json" | head)"
	cmp -s "$T_TMP/sgl1.err" "$T_TMP/sgl2.err" && t_pass "SendGrid batch lines: the same problems" ||
		t_fail "SendGrid batch lines: the same problems" "$(diff "$T_TMP/sgl1.err" "$T_TMP/sgl2.err" | head -5)"
	t_err "the broken batch at its own line" "sg-lines.jsonl:26:"
	eq "every event of every batch read" "$(jq_ "$T_TMP/sgl2.json" 'd["inputs"]["sources"][0]["records"]')" 17472
fi
# one big SendGrid array (a batch saved as a pretty-printed document) is cut between its
# elements: strings holding "},{" and escaped quotes do not fool the cut, every element is
# read once, a bad element keeps its real line, and -j 2 / -j 3 report what -j 1 does
if [ -f data/samples/sendgrid-webhook.json ]; then
	"$PY" -c 'import json, sys
events = json.load(open(sys.argv[1]))
out, line, bad = [], 1, None
for copy in range(10):
    for i, e in enumerate(events):
        e = dict(e, sg_event_id="%s-%d" % (e["sg_event_id"], copy))
        if i % 2 == 0:
            e["reason"] = "550 \"}, {\" user },{ \\\" ],[ {\"x\": 1}, {"
        if copy == 6 and i == 3:
            e["timestamp"] = "yesterday"
        out.append(e)
text = json.dumps(out, indent=1)
open(sys.argv[2], "w").write(text + "\n")
lines, at = text.split("\n"), None
for n, l in enumerate(lines):
    if "\"yesterday\"" in l:
        at = n
while lines[at].strip() != "{":
    at -= 1
print(at + 1)' data/samples/sendgrid-webhook.json "$T_TMP/sg-array.json" > "$T_TMP/sg-array.line"
	t_run "one SendGrid array, -j 1" 1 report -j 1 "$T_TMP/sg-array.json" -o "$T_TMP/sga1.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/sga1.err"
	for j in 2 3; do
		t_run "one SendGrid array, -j $j" 1 report -j $j "$T_TMP/sg-array.json" -o "$T_TMP/sga$j.json"
		grep -v "wrote" "$T_ERR" > "$T_TMP/sga$j.err"
		cmp -s "$T_TMP/sga1.json" "$T_TMP/sga$j.json" && t_pass "one SendGrid array: -j $j equals -j 1" ||
			t_fail "one SendGrid array: -j $j equals -j 1" "$(diff "$T_TMP/sga1.json" "$T_TMP/sga$j.json" | head)"
		cmp -s "$T_TMP/sga1.err" "$T_TMP/sga$j.err" && t_pass "one SendGrid array: the same problems at -j $j" ||
			t_fail "one SendGrid array: the same problems at -j $j" "$(diff "$T_TMP/sga1.err" "$T_TMP/sga$j.err" | head -5)"
	done
	t_err "one SendGrid array: the bad element at its own line" "sg-array.json:$(cat "$T_TMP/sg-array.line"):"
	eq "one SendGrid array: every element read once" "$(jq_ "$T_TMP/sga2.json" '[d["inputs"]["records"], d["inputs"]["skipped"]]')" "[14559, 1]"
	# a syntax error in the first half: one reader gives up there, and so do the threads
	"$PY" -c 'import sys
t = open(sys.argv[1]).read()
i = t.index("\"email\"", len(t) // 5)
open(sys.argv[2], "w").write(t[:i] + "\"email\" ! " + t[i + 8:])' "$T_TMP/sg-array.json" "$T_TMP/sg-broken.json"
	t_run "a broken SendGrid array, -j 1" 1 report -j 1 "$T_TMP/sg-broken.json" -o "$T_TMP/sgb1.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/sgb1.err"
	t_run "a broken SendGrid array, -j 2" 1 report -j 2 "$T_TMP/sg-broken.json" -o "$T_TMP/sgb2.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/sgb2.err"
	cmp -s "$T_TMP/sgb1.json" "$T_TMP/sgb2.json" && cmp -s "$T_TMP/sgb1.err" "$T_TMP/sgb2.err" &&
		t_pass "a broken SendGrid array: -j 2 stops where -j 1 does" ||
		t_fail "a broken SendGrid array: -j 2 stops where -j 1 does" "$(diff "$T_TMP/sgb1.err" "$T_TMP/sgb2.err" | head -5; diff "$T_TMP/sgb1.json" "$T_TMP/sgb2.json" | head -5)"
fi
# an mbox of bounces is cut at separator lines ("From " after a blank line); a message that
# is no mail keeps its line and its number, and -j 2 / -j 3 report what -j 1 does
if [ -f data/samples/bounces.mbox ]; then
	"$PY" -c 'import sys
box = open(sys.argv[1]).read()
out, line = open(sys.argv[2], "w"), 1
for copy in range(400):
    part = box.replace("bounce-0", "bounce-%d-" % copy).replace("termin-0", "termin-%d-" % copy)
    if copy == 250:
        bad = "From MAILER-DAEMON Mon Nov  9 09:11:00 2026\n\nnot a mail at all\nFrom here on no separator\n\n"
        sys.stdout.write("%d: message %d:\n" % (line, copy * box.count("\n\nFrom ") + copy + 1))
        out.write(bad)
        line += bad.count("\n")
    out.write(part)
    line += part.count("\n")' data/samples/bounces.mbox "$T_TMP/big.mbox" > "$T_TMP/big.mbox.at"
	t_run "an mbox, -j 1" 1 report -j 1 "$T_TMP/big.mbox" -o "$T_TMP/mbox1.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/mbox1.err"
	for j in 2 3; do
		t_run "an mbox, -j $j" 1 report -j $j "$T_TMP/big.mbox" -o "$T_TMP/mbox$j.json"
		grep -v "wrote" "$T_ERR" > "$T_TMP/mbox$j.err"
		cmp -s "$T_TMP/mbox1.json" "$T_TMP/mbox$j.json" && cmp -s "$T_TMP/mbox1.err" "$T_TMP/mbox$j.err" &&
			t_pass "an mbox: -j $j reports what -j 1 does" ||
			t_fail "an mbox: -j $j reports what -j 1 does" "$(diff "$T_TMP/mbox1.err" "$T_TMP/mbox$j.err" | head -5; diff "$T_TMP/mbox1.json" "$T_TMP/mbox$j.json" | head -5)"
	done
	t_err "an mbox: the bad message at its line, with its number" "big.mbox:$(cat "$T_TMP/big.mbox.at")"
	eq "an mbox: every message read" "$(jq_ "$T_TMP/mbox3.json" '[d["inputs"]["records"] + d["inputs"]["duplicates"], d["inputs"]["skipped"]]')" "[3600, 1]"
fi
# a Maildir (cur/ then new/) is read by several threads, a run of its files each, in the
# order one reader takes them: the same report and the same problems at -j 1, 2 and 3
if [ -f data/samples/bounces.mbox ]; then
	"$PY" -c 'import os, sys
box = open(sys.argv[1]).read().split("\n\nFrom ")
msgs = [m if i == 0 else "From " + m for i, m in enumerate(box)]
msgs = [m.split("\n", 1)[1] for m in msgs]  # the From_ line is the mbox'"'"'s, not the message'"'"'s
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(sys.argv[2], sub), exist_ok=True)
for copy in range(30):
    for i, m in enumerate(msgs):
        m = m.replace("bounce-0", "bounce-%d-" % copy).replace("termin-0", "termin-%d-" % copy)
        sub = "cur" if copy < 20 else "new"
        open(os.path.join(sys.argv[2], sub, "%05d.%d:2,S" % (copy, i)), "w").write(m)
open(os.path.join(sys.argv[2], "cur", "00017.x:2,S"), "w").write("not a mail at all\n")
open(os.path.join(sys.argv[2], "tmp", "unfinished"), "w").write("From: x\n")' data/samples/bounces.mbox "$T_TMP/Maildir"
	t_run "a Maildir, -j 1" 1 report -j 1 "$T_TMP/Maildir" -o "$T_TMP/md1.json"
	grep -v "wrote" "$T_ERR" > "$T_TMP/md1.err"
	for j in 2 3; do
		t_run "a Maildir, -j $j" 1 report -j $j "$T_TMP/Maildir" -o "$T_TMP/md$j.json"
		grep -v "wrote" "$T_ERR" > "$T_TMP/md$j.err"
		cmp -s "$T_TMP/md1.json" "$T_TMP/md$j.json" && cmp -s "$T_TMP/md1.err" "$T_TMP/md$j.err" &&
			t_pass "a Maildir: -j $j reports what -j 1 does" ||
			t_fail "a Maildir: -j $j reports what -j 1 does" "$(diff "$T_TMP/md1.err" "$T_TMP/md$j.err" | head -5; diff "$T_TMP/md1.json" "$T_TMP/md$j.json" | head -5)"
	done
	t_err "a Maildir: the file that is no mail named" "cur/00017.x:2,S: not a mail message"
	eq "a Maildir: every message of cur/ and new/ read, tmp/ not" "$(jq_ "$T_TMP/md3.json" '[d["inputs"]["records"] + d["inputs"]["duplicates"], d["inputs"]["skipped"]]')" "[270, 1]"
fi
# a CSV is split too, at record boundaries: most of its newlines are inside quoted fields
# (a cut there would break records), the separator is ';' (each slice reads it as the whole
# file was read), and a bad row keeps its real line; -j 2 reports what -j 1 does
"$PY" -c 'import sys
out = open(sys.argv[1], "w", newline="")
out.write("Datum;Empfaenger;Absender;Code;Antwort\n")
line = 2
for i in range(24000):
    date = "not a date" if i == 15000 else "2026-11-%02d 10:%02d:00" % (1 + i % 28, i % 60)
    if i == 15000:
        sys.stdout.write("%d\n" % line)
    reply = "550-5.1.1 <u%d@gmail.com>; \"no such user\"" % i + "\n550-5.1.1 try again" * (i % 9)
    out.write("%s;u%d@gmail.com;news@mg.shop%d.de;550;\"%s\"\n" % (date, i, i % 7, reply.replace("\"", "\"\"")))
    line += 1 + reply.count("\n")' "$T_TMP/split.csv" > "$T_TMP/split.line"
t_run "a CSV, -j 1" 1 report -j 1 "$T_TMP/split.csv" -o "$T_TMP/csv1.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/csv1.err"
t_run "a CSV, -j 2" 1 report -j 2 "$T_TMP/split.csv" -o "$T_TMP/csv2.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/csv2.err"
cmp -s "$T_TMP/csv1.json" "$T_TMP/csv2.json" && t_pass "a CSV: -j 2 equals -j 1" ||
	t_fail "a CSV: -j 2 equals -j 1" "$(diff "$T_TMP/csv1.json" "$T_TMP/csv2.json" | head)"
cmp -s "$T_TMP/csv1.err" "$T_TMP/csv2.err" && t_pass "a CSV: the same problems" ||
	t_fail "a CSV: the same problems" "$(diff "$T_TMP/csv1.err" "$T_TMP/csv2.err" | head -5)"
t_err "a CSV: the bad row at its own line" "split.csv:$(cat "$T_TMP/split.line"):"
eq "a CSV: every row read, quotes and all" "$(jq_ "$T_TMP/csv2.json" '[d["inputs"]["records"], d["inputs"]["skipped"], len(d["domains"])]')" "[23999, 1, 7]"
t_run "a CSV, -j 3" 1 report -j 3 "$T_TMP/split.csv" -o "$T_TMP/csv3.json"
cmp -s "$T_TMP/csv1.json" "$T_TMP/csv3.json" && t_pass "a CSV: -j 3 equals -j 1" ||
	t_fail "a CSV: -j 3 equals -j 1" "$(diff "$T_TMP/csv1.json" "$T_TMP/csv3.json" | head)"
# the charset of a CSV whose head is ASCII is decided where its first other byte comes
# (Windows-1252 here, in the first half); the second half, read by its own thread, holds
# only bytes that would pass for UTF-8 ("\xc3\xa4") and is read as Windows-1252 all the same
"$PY" -c 'import sys
out = open(sys.argv[1], "wb")
out.write(b"date,to,from,code,response\n")
for i in range(60000):
    dom = b"mg.shop.de" if i < 1000 else b"mg.b\xe4cker.de" if i < 30000 else b"mg.\xc3\xa4tsch.de"
    out.write(b"2026-11-02 10:00:00,u%d@gmail.com,news@%s,550,550 5.1.1 no such user here\n" % (i, dom))' "$T_TMP/late.csv"
t_run "a late charset, -j 1" 0 report -j 1 "$T_TMP/late.csv" -o "$T_TMP/late1.json"
t_run "a late charset, -j 2" 0 report -j 2 "$T_TMP/late.csv" -o "$T_TMP/late2.json"
cmp -s "$T_TMP/late1.json" "$T_TMP/late2.json" && t_pass "a late charset: -j 2 equals -j 1" ||
	t_fail "a late charset: -j 2 equals -j 1" "$(diff "$T_TMP/late1.json" "$T_TMP/late2.json" | head)"
eq "a late charset: Windows-1252 throughout" "$(jq_ "$T_TMP/late2.json" 'sorted(x["domain"] for x in d["domains"])')" "['mg.bäcker.de', 'mg.shop.de', 'mg.Ã¤tsch.de']"
# what the whole file's head settles holds in every slice: day/month order (13/11 in the
# head; the second half has only dates like 05/11), and a CSV whose recipient column is
# empty everywhere is refused once, as by one thread
"$PY" -c 'import sys
out = open(sys.argv[1], "w")
out.write("date,to,from,code,response\n")
for i in range(60000):
    day = 13 + i % 15 if i < 500 else 1 + i % 12
    out.write("%02d/11/2026 10:00,u%d@gmail.com,news@mg.shop.de,550,550 5.1.1 no such user here\n" % (day, i))
out = open(sys.argv[2], "w")
out.write("date,to,from,code,response\n")
for i in range(60000):
    out.write("2026-11-02 10:00:00,,news@mg.shop.de,550,550 5.1.1 no such user here at all\n")' "$T_TMP/dmy.csv" "$T_TMP/norcpt.csv"
t_run "a day/month CSV, -j 1" 0 report -j 1 "$T_TMP/dmy.csv" -o "$T_TMP/dmy1.json"
t_run "a day/month CSV, -j 2" 0 report -j 2 "$T_TMP/dmy.csv" -o "$T_TMP/dmy2.json"
cmp -s "$T_TMP/dmy1.json" "$T_TMP/dmy2.json" && t_pass "a day/month CSV: -j 2 equals -j 1" ||
	t_fail "a day/month CSV: -j 2 equals -j 1" "$(diff "$T_TMP/dmy1.json" "$T_TMP/dmy2.json" | head)"
t_run "no recipient anywhere, -j 1" 1 report -j 1 "$T_TMP/norcpt.csv" -o "$T_TMP/nr1.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/nr1.err"
t_run "no recipient anywhere, -j 2" 1 report -j 2 "$T_TMP/norcpt.csv" -o "$T_TMP/nr2.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/nr2.err"
cmp -s "$T_TMP/nr1.err" "$T_TMP/nr2.err" && t_pass "no recipient anywhere: -j 2 says what -j 1 does" ||
	t_fail "no recipient anywhere: -j 2 says what -j 1 does" "$(diff "$T_TMP/nr1.err" "$T_TMP/nr2.err" | head -5)"
eq "no recipient anywhere: said once" "$(grep -c 'none of the 60000 rows has a recipient' "$T_TMP/nr2.err")" 1
# bad lines in a split file keep their real line numbers
{ sed -n '1,3000p' data/samples/mailgun-events.jsonl; echo '{"event": broken'; sed -n '3001,$p' data/samples/mailgun-events.jsonl; } > "$T_TMP/broken.jsonl"
t_run "a bad line in a split file" 1 report -j 2 "$T_TMP/broken.jsonl" -o "$T_TMP/broken.json"
t_err "reported at its own line" "broken.jsonl:3001:"
t_err "summary counts it" "1 record skipped"
# several inputs are read one per thread and folded in input order: the same report and
# the same problems, in the same order, as one thread
split -l 1500 data/samples/mailgun-events.jsonl "$T_TMP/part"
gzip "$T_TMP/partab"
{ head -5 "$T_TMP/partac"; echo '{"event": broken'; tail -n +6 "$T_TMP/partac"; } > "$T_TMP/partac.bad"
set -- "$T_TMP/partaa" "$T_TMP/partab.gz" data/samples/sendgrid-webhook.json "$T_TMP/partac.bad" \
	"$T_TMP/partad" data/samples/smtp-failures.csv "$T_TMP/partae"
t_run "several inputs, -j 1" 1 report -j 1 "$@" -o "$T_TMP/m1.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/m1.err"
t_run "several inputs, -j 3" 1 report -j 3 "$@" -o "$T_TMP/m3.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/m3.err"
cmp -s "$T_TMP/m1.json" "$T_TMP/m3.json" && t_pass "several inputs: -j 3 equals -j 1" || t_fail "several inputs: -j 3 equals -j 1" "$(diff "$T_TMP/m1.json" "$T_TMP/m3.json" | head)"
cmp -s "$T_TMP/m1.err" "$T_TMP/m3.err" && t_pass "several inputs: the same problems in the same order" || t_fail "several inputs: the same problems in the same order" "$(diff "$T_TMP/m1.err" "$T_TMP/m3.err" | head)"
t_err "a bad line keeps its file and line" "partac.bad:6:"
# thousands of bad records in a split file: held in a temporary file past the first 4096,
# reported all the same, in order
awk 'NR<=100 {print; next} {print; print "{\"event\": broken"; print "not json"}' data/samples/mailgun-events.jsonl > "$T_TMP/manybad.jsonl"
t_run "many bad records, -j 1" 1 -v report -j 1 "$T_TMP/manybad.jsonl" -o "$T_TMP/mb1.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/mb1.err"
t_run "many bad records, -j 2" 1 -v report -j 2 "$T_TMP/manybad.jsonl" -o "$T_TMP/mb2.json"
grep -v "wrote" "$T_ERR" > "$T_TMP/mb2.err"
cmp -s "$T_TMP/mb1.err" "$T_TMP/mb2.err" && t_pass "many bad records: -j 2 reports what -j 1 does" || t_fail "many bad records: -j 2 reports what -j 1 does" "$(diff "$T_TMP/mb1.err" "$T_TMP/mb2.err" | head -5)"
t_err "every one counted" "13048 records skipped"
eq "many bad records: the last one at its line" "$(grep -c 'manybad.jsonl:19672:' "$T_TMP/mb2.err")" 1
# the same event in two exports counts once, whatever the threads: overlapping files, and
# a file whose second half repeats its first (8 MB: split, the repeat in another slice)
head -n 1000 data/samples/mailgun-events.jsonl > "$T_TMP/ov1.jsonl"
sed -n '501,1500p' data/samples/mailgun-events.jsonl > "$T_TMP/ov2.jsonl"
cat data/samples/mailgun-events.jsonl data/samples/mailgun-events.jsonl > "$T_TMP/twice.jsonl"
for j in 1 2 3; do
	t_run "overlapping inputs, -j $j" 0 report -j $j "$T_TMP/ov1.jsonl" "$T_TMP/ov2.jsonl" \
		"$T_TMP/twice.jsonl" "$T_TMP/ov1.jsonl" -o "$T_TMP/ov$j.json"
	eq "overlapping inputs, -j $j: every event once" \
		"$(jq_ "$T_TMP/ov$j.json" '[d["inputs"]["records"], d["inputs"]["duplicates"]]')" "[6624, 9624]"
	eq "overlapping inputs, -j $j: each file's own count as in input order" \
		"$(jq_ "$T_TMP/ov$j.json" '[[s["records"], s["duplicates"]] for s in d["inputs"]["sources"]]')" \
		"[[1000, 0], [500, 500], [5124, 8124], [0, 1000]]"
done
eq "overlapping inputs: -j 3 counts what -j 1 does" \
	"$(jq_ "$T_TMP/ov3.json" '[d["totals"], d["categories"], d["domains"]]')" \
	"$(jq_ "$T_TMP/ov1.json" '[d["totals"], d["categories"], d["domains"]]')"
eq "several inputs: every record read" "$(jq_ "$T_TMP/m3.json" 'd["inputs"]["records"]')" "$(jq_ "$T_TMP/m1.json" 'd["inputs"]["records"]')"
# never a silent zero (issue 12): a CSV whose rows name no recipient is an error, so
# --export-addresses writing no address from it does not exit 0; a German CRM export does
D=tests/fixtures/import/csv-crm-de
t_run "export from rows without recipients" 1 report -o "$T_TMP/norcpt.json" \
	--export-addresses "$T_TMP/norcpt.txt" $D/no-recipient.csv
t_err "rows without recipients: said" "none of the 2 rows has one"
t_run "export from a Windows-1252 CRM export" 0 report -o "$T_TMP/crm.json" \
	--export-addresses "$T_TMP/crm.txt" $D/crm-export-cp1252.csv
grep -q 'm.müller@bäckerei-müller.de' "$T_TMP/crm.txt" && t_pass "the invalid address, in UTF-8" ||
	t_fail "the invalid address, in UTF-8" "$(cat "$T_TMP/crm.txt")"
# CLI habits (issue 12): --split-by needs a directory; stdin is "standard input"; --lang
# after the command; cut garbage
t_run "--split-by client -o one.xlsx" 2 report "$W/mailgun.jsonl" --clients "$W/clients.csv" \
	--split-by client -o "$T_TMP/one.xlsx"
t_err "--split-by client -o FILE: the way out" "'$T_TMP/one.xlsx' names a file: use -o DIR"
[ ! -e "$T_TMP/one.xlsx" ] && t_pass "no directory named one.xlsx" || t_fail "no directory named one.xlsx" "exists"
: >"$T_TMP/afile"
t_run "--split-by client -o an existing file" 2 report "$W/mailgun.jsonl" --clients "$W/clients.csv" \
	--split-by client -o "$T_TMP/afile"
# a new directory named as the README does (-o out/, -o week47): no dot anywhere in the path
mkdir "$T_TMP/cwd"
sh_bin=$(cd "$(dirname "$SENDHEALTH")" && pwd)/$(basename "$SENDHEALTH")
for d in out/ week47; do
	if (cd "$T_TMP/cwd" && "$sh_bin" report "$OLDPWD/$W/mailgun.jsonl" --clients "$OLDPWD/$W/clients.csv" \
		--split-by client -o "$d" >/dev/null 2>"$T_ERR") && [ -f "$T_TMP/cwd/$d/agency.xlsx" ]; then
		t_pass "--split-by client -o $d makes the directory"
	else t_fail "--split-by client -o $d makes the directory" "$(head -c 300 "$T_ERR")"; fi
done
T_STDIN="$W/mailgun.jsonl" t_run "report from standard input" 0 report - -f json -o "$T_TMP/stdin.json"
eq "stdin is a source of its own kind" "$(jq_ "$T_TMP/stdin.json" '[(s["name"], s["kind"]) for s in d["inputs"]["sources"]]')" "[('standard input', 'stdin')]"
T_STDIN="$W/mailgun.jsonl" t_run "report --lang de after the inputs" 0 report - --lang de
t_out "the German text summary" "Zustellbarkeitsbericht"
t_out "standard input in German, not cut" "  Standardeingabe  Standardeingabe  mailgun"
t_run "a 3000-character --since" 2 report --since "$(printf '%3000s' '' | tr ' ' '7')" "$W/mailgun.jsonl"
t_err "--since: the value cut" "not '$(printf '%60s' '' | tr ' ' '7')…'"
t_run "a 3000-character --format" 2 report -f "$(printf '%3000s' '' | tr ' ' 'x')" "$W/mailgun.jsonl"
t_err "--format: the value cut" "not '$(printf '%60s' '' | tr ' ' 'x')…'"
t_done
