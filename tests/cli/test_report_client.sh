# test_report_client.sh - the client's report: every --split-by client file and
# --audience client hold only that client's data and nothing internal (other clients'
# names and domains, input paths, catalogue ids, option names), read back as the client's
# spreadsheet reads it; its first sheet is the overview.
. tests/cli/lib.sh
S=data/samples
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"
IN="$S/mailgun-events.jsonl $S/sendgrid-webhook.json $S/smtp-failures.csv"
CHECK=tests/report/render/check_client_xlsx.py

# every word a client must not see in ACME Shop's file
OTHERS="Client Three|client3.com|Bäckerei Müller|bakery-mueller.de|Fit Studio|fitstudio.com|Dental Care|dentalcare.co"
INTERNAL="mailgun-events|sendgrid-webhook|smtp-failures|data/samples|.jsonl|--export-addresses|--|dns_auth|recipient_invalid|reputation_block|(unknown)|Found in the catalogue|not in the catalogue|Unmatched|gmail-550|mailgun-605"

# shellcheck disable=SC2086
t_run "split by client to xlsx" 0 report --clients "$S/clients.csv" $IN --split-by client -o "$T_TMP/split"
# shellcheck disable=SC2086
t_run "last week's agency report" 0 report --clients "$S/clients.csv" $IN -o "$T_TMP/prev.json"
# shellcheck disable=SC2086
t_run "split by client compared with last week" 0 report --clients "$S/clients.csv" $IN --split-by client \
	--compare "$T_TMP/prev.json" -o "$T_TMP/cmp"
# shellcheck disable=SC2086
t_run "--audience client on an input of several clients is refused" 2 report --audience client \
	--clients "$S/clients.csv" $S/mailgun-events.jsonl -o "$T_TMP/mixed.xlsx"
t_err "it says which clients and the way out" "the input holds events of 3 clients (ACME Shop, Client Three, Bäckerei Müller): name one with --client NAME, or use --split-by client"
t_absent "no file is written" "$T_TMP/mixed.xlsx"
t_run "--client names a client of --clients" 2 report --client "ACME" --clients "$S/clients.csv" \
	$S/mailgun-events.jsonl -o "$T_TMP/nope.json"
t_err "an unknown client: the clients there are" "--client 'ACME' is not a client in '$S/clients.csv' (its clients: ACME Shop, Client Three, Bäckerei Müller, Fit Studio, Dental Care)"
t_run "--client without --clients" 2 report --client "ACME Shop" $S/mailgun-events.jsonl -o "$T_TMP/nope.json"
t_absent "nothing written for a refused --client" "$T_TMP/nope.json"
# shellcheck disable=SC2086
t_run "one report for a client" 0 report --client "ACME Shop" --clients "$S/clients.csv" $IN \
	--since 2026-11-01 --until 2026-12-01 -o "$T_TMP/one.xlsx" -o "$T_TMP/one.json"
# shellcheck disable=SC2086
t_run "split to JSON (a new directory given as dir/)" 0 report --clients "$S/clients.csv" $IN --since 2026-11-01 --until 2026-12-01 \
	--split-by client -f json -o "$T_TMP/json split/"
eq "--client gives what --split-by client gives that client" \
	"$(jq_ "$T_TMP/one.json" '{k: v for k, v in d.items() if k != "generated_at"} == {k: v for k, v in __import__("json").load(open(__import__("sys").argv[3])).items() if k != "generated_at"}' "$T_TMP/json split/ACME_Shop.json")" "True"
printf 'client,domain\nACME Shop,acme.io\nOther,other.example\n' >"$T_TMP/acme-only.csv"
t_run "--audience client: events of no client are not the client's" 2 report --audience client \
	--clients "$T_TMP/acme-only.csv" $S/mailgun-events.jsonl -o "$T_TMP/only.json"
t_err "... and it says so" "the input holds events of 1 client (ACME Shop) and of no client"
printf 'client,domain\nAll of us,acme.io\nAll of us,client3.com\nAll of us,bakery-mueller.de\nOther,other.example\n' \
	>"$T_TMP/one-client.csv"
t_run "--audience client on an input of one client" 0 report --audience client --clients "$T_TMP/one-client.csv" \
	$S/mailgun-events.jsonl -o "$T_TMP/only.json"
eq "... is that client's report" "$(jq_ "$T_TMP/only.json" '(d["audience"], [c["client"] for c in d["clients"]], d["totals"]["events"])')" \
	"('client', ['All of us'], 6624)"
t_run "--audience takes agency or client" 2 report --audience boss "$S/mailgun-events.jsonl"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	old_ifs=$IFS; IFS='|'
	# shellcheck disable=SC2086
	got=$("$PY" "$CHECK" "$T_TMP/split/ACME_Shop.xlsx" $OTHERS $INTERNAL)
	# shellcheck disable=SC2086
	got_cmp=$("$PY" "$CHECK" "$T_TMP/cmp/ACME_Shop.xlsx" $OTHERS $INTERNAL)
	# shellcheck disable=SC2086
	got_de=$("$PY" "$CHECK" "$T_TMP/split/Client_Three.xlsx" ACME acme.io Müller $INTERNAL)
	IFS=$old_ifs
	eq "ACME's file: nothing of others, nothing internal; overview first, no Unmatched or Clients sheet" "$got" \
		"sheets: Overview, Actions, Categories, Errors, Domains, Recipient domains, Daily"
	eq "compared: the same, plus the Changes sheet" "$got_cmp" \
		"sheets: Overview, Actions, Categories, Errors, Domains, Recipient domains, Daily, Changes"
	eq "Client Three's file" "$got_de" \
		"sheets: Overview, Actions, Categories, Errors, Domains, Recipient domains, Daily"
	eq "the overview names the client, its verdict and reason in words, three actions" "$("$PY" -c 'import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1])["Overview"]
v=[c for r in ws.iter_rows(values_only=True) for c in r if c is not None]
print(v[0]); print("CRITICAL" in v, any("refused until they are fixed" in str(x) for x in v))
print(sum(1 for x in v if str(x)[:3] in ("1. ","2. ","3. ","4. ")), len(ws._charts))' "$T_TMP/split/Client_Three.xlsx")" \
		"Email delivery report for Client Three
True True
1 1"
	eq "compared with last week: the totals before and now" "$("$PY" -c 'import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1])["Overview"]
print([c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c,str) and "→" in c])' "$T_TMP/cmp/ACME_Shop.xlsx")" \
		"['Sent: 2,313 → 2,313', 'Failures: 132 → 132', 'Complaints: 3 → 3']"
	eq "the agency's own file keeps everything" "$("$PY" -c 'import openpyxl,sys
wb=openpyxl.load_workbook(sys.argv[1]); print(wb.sheetnames[0], "Clients" in wb.sheetnames)' "$T_TMP/split/agency.xlsx")" "Summary True"
	old_ifs=$IFS; IFS='|'
	# shellcheck disable=SC2086
	got=$("$PY" "$CHECK" "$T_TMP/one.xlsx" $OTHERS $INTERNAL)
	IFS=$old_ifs
	eq "--audience client: nothing internal" "$got" \
		"sheets: Overview, Actions, Categories, Errors, Domains, Recipient domains, Daily"
else t_skip "client xlsx read back" "python3-openpyxl missing"; fi
eq "client JSON: no input names, no catalogue ids, no unmatched rows" \
	"$(jq_ "$T_TMP/one.json" '(d["audience"], d["inputs"]["sources"], [e["entry_id"] for e in d["errors"]][:2], d["unmatched"])')" \
	"('client', [], [None, None], [])"
if "$PY" -c 'import jsonschema' 2>/dev/null; then
	if "$PY" -c 'import json,sys,jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open("data/report.schema.json")))' "$T_TMP/one.json" 2>"$T_ERR"; then
		t_pass "a client's JSON validates against data/report.schema.json"; else t_fail "client schema" "$(tail -3 "$T_ERR")"; fi
else t_skip "client schema" "python3-jsonschema missing"; fi
t_run "a client's report cannot be merged" 1 merge "$T_TMP/one.json" -o "$T_TMP/merged.json"
t_err "merge says why" "is a client's report (no catalogue ids to add its errors up by): merge the agency's reports"
eq "the agency JSON names its inputs" "$(jq_ "$T_TMP/prev.json" '(d["audience"], len(d["inputs"]["sources"]))')" "('agency', 3)"
t_done
