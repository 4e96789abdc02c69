# test_report_texts.sh - what a user reads in report, health and the text summary: the
# period of --since 7d, thresholds as written, singular and plural, one slash in split
# paths, columns aligned with non-ASCII names, the clients section, German throughout.
. tests/cli/lib.sh
S=data/samples
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"
IN="$S/mailgun-events.jsonl $S/sendgrid-webhook.json $S/smtp-failures.csv"

# --since 7d: the period ends at the run's now, not in 2100
before=$(date -u +%s)
t_run "--since 7d" 0 report "$S/mailgun-events.jsonl" --since 7d -o "$T_TMP/7d.json"
after=$(date -u +%s)
eq "the period of --since 7d ends now" "$(jq_ "$T_TMP/7d.json" '__import__("calendar").timegm(__import__("time").strptime(d["period"]["end"], "%Y-%m-%dT%H:%M:%SZ"))' |
	awk -v b="$before" -v a="$after" '{ print ($1 >= b && $1 <= a + 1) ? "now" : $1 }')" now
eq "and starts seven days before" "$(jq_ "$T_TMP/7d.json" '__import__("calendar").timegm(__import__("time").strptime(d["period"]["end"], "%Y-%m-%dT%H:%M:%SZ")) - __import__("calendar").timegm(__import__("time").strptime(d["period"]["start"], "%Y-%m-%dT%H:%M:%SZ"))')" 604801

# thresholds as a person wrote them
printf '%s\n' '{ "hard_bounce": { "warning": 0.03, "critical": 0.07 } }' >"$T_TMP/th.json"
# shellcheck disable=SC2086
t_run "--thresholds" 0 report $IN --thresholds "$T_TMP/th.json" -o "$T_TMP/th-report.json"
eq "a threshold from --thresholds prints as written" \
	"$(grep -o '"\(warning\|critical\)": [0-9.e-]*' "$T_TMP/th-report.json" | sort -u | tr '\n' ' ')" \
	'"critical": 0.003 "critical": 0.05 "critical": 0.07 "warning": 0.001 "warning": 0.01 "warning": 0.03 '
eq "no real printed with 17 digits (0.050000000000000003)" "$(grep -c '0000000000000[0-9]' "$T_TMP/th-report.json")" 0

# one address: singular in the message and in the action
printf '%s\n' 'date,to,from,code,response' \
	'2026-01-01T00:00:00Z,gone@example.com,n@mg.client1.com,550,550 5.1.1 user unknown' >"$T_TMP/one.csv"
t_run "one invalid address" 0 report "$T_TMP/one.csv" -o "$T_TMP/one.json" --export-addresses "$T_TMP/one-addr.csv"
t_err "the message says address" "wrote 1 invalid address to"
eq "the action says address" "$(jq_ "$T_TMP/one.json" 'd["actions"][0]["text"]')" \
	"Remove 1 invalid address (list it with --export-addresses) — 1 failure"

# split into a directory given with a trailing slash: one slash in the paths
# shellcheck disable=SC2086
t_run "split into out/" 0 report --clients "$S/clients.csv" $IN --split-by client -f json -o "$T_TMP/out/"
t_err "the agency's path has one slash" "wrote 5 client reports and '$T_TMP/out/agency.json'"

# a client's name with umlauts, precomposed and decomposed: the columns still line up
printf 'client,domain\nB\303\244ckerei M\303\274ller,bakery-mueller.de\nBa\314\210ckerei Mu\314\210ller 2,acme.io\nFit Studio,fitstudio.com\n' >"$T_TMP/clients.csv"
# shellcheck disable=SC2086
t_run "health with umlaut names" 2 health --clients "$T_TMP/clients.csv" $IN
cols=$("$PY" -c 'import sys
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    for v in ("WARNING", "CRITICAL", "INSUFFICIENT_DATA", " OK "):
        if v in line and line.startswith(("mg.", "send.", "dentalcare")):
            pre = line[:line.index(v)]
            cols.add(len(pre) - sum(1 for ch in pre if 0x300 <= ord(ch) <= 0x36F))
print(len(cols))' "$T_OUT")
eq "health: every verdict in the same column" "$cols" 1
# shellcheck disable=SC2086
t_run "text summary with umlaut names" 0 report --clients "$T_TMP/clients.csv" $IN
"$PY" -c 'import sys
sec = open(sys.argv[1], encoding="utf-8").read().split("\nClients\n")[1].split("\n\n")[0].splitlines()
width = lambda s: len(s) - sum(1 for ch in s if 0x300 <= ord(ch) <= 0x36F)
print(len(sec), len({width(l[:l.index("mg.") if "mg." in l else l.index("send.")]) for l in sec[1:]}))' "$T_OUT" >"$T_TMP/sec" 2>&1
eq "the summary has a Clients section, its columns aligned" "$(cat "$T_TMP/sec")" "4 1"

# --lang de: German throughout, no English sentence among the German labels
# shellcheck disable=SC2086
t_run "German report" 0 --lang de report --clients "$S/clients.csv" $IN -o "$T_TMP/de.json"
"$PY" -c 'import json, re, sys
d = json.load(open(sys.argv[1]))
texts = [a["text"] for a in d["actions"]] + [c["title"] for c in d["categories"]] + \
        [c["action"] for c in d["categories"]] + [r for h in d["health"] for r in h["reasons"]] + \
        [e[k] for e in d["errors"] for k in ("meaning", "solution")]
english = re.compile(r"\b(the|failures?|is|are|from|with|Remove|Verify|Review|of)\b")
bad = [t for t in texts if english.search(t.replace("Email Services", "").replace("Too old", ""))]
print(len(texts) > 20, bad[:3])' "$T_TMP/de.json" >"$T_TMP/de-check" 2>&1
eq "German actions, categories, reasons, meanings and solutions" "$(cat "$T_TMP/de-check")" "True []"
eq "an action's reason is the first sentence whole, a '(' inside a word does not end it" \
	"$(jq_ "$T_TMP/de.json" '[a["text"] for a in d["actions"] if "PTR" in a["text"]]')" \
	"['DNS prüfen für mg.bakery-mueller.de (Die Absenderdomain ist beim E-Mail-Dienst nicht verifiziert, oder SPF-, DKIM-, DMARC- bzw. Reverse-DNS-(PTR-)Prüfungen schlagen fehl) — 14 Fehler']"
# shellcheck disable=SC2086
t_run "German health" 2 --lang de health $IN
t_out "German numbers in a reason" "0,14 % (3 von 2.181) liegt bei oder über 0,10 %"
t_run "German explain of an error the catalogue explains in English only" 0 --lang de explain "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown"
t_out "its meaning is the category's German text" "Bedeutung  Die Empfängeradresse oder ihre Domain existiert nicht"
t_no_out "no English meaning among the German labels" "The receiving server says"
"$PY" -c 'import sys
starts = set()
for l in open(sys.argv[1], encoding="utf-8"):
    if l.startswith("  ") and not l.startswith("   "):
        label, rest = l[2:].split(" ", 1)
        starts.add(len(l) - len(rest.lstrip()))
print(len(starts))' "$T_OUT" >"$T_TMP/explain-cols" 2>&1
eq "explain's values line up under Lösung and Maßnahme" "$(cat "$T_TMP/explain-cols")" 1
t_run "... and as JSON" 0 --lang de explain --json "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown"
eq "the JSON's meaning and solution are German too" "$(jq_ "$T_OUT" '(d["meaning"][:40], d["solution"][:30])')" \
	"('Die Empfängeradresse oder ihre Domain ex', 'Korrigieren Sie offensichtlich')"

# XLSX as printed: no text cut by its neighbour, A4 landscape one page wide, headers repeated
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	# shellcheck disable=SC2086
	t_run "German split to xlsx" 0 --lang de report --clients "$S/clients.csv" $IN --split-by client -o "$T_TMP/de"
	for f in "$T_TMP/de/agency.xlsx" "$T_TMP/de/ACME_Shop.xlsx" "$T_TMP/de/Bäckerei_Müller.xlsx"; do
		got=$("$PY" tests/report/render/check_layout.py "$f")
		case "$got" in
		"checked "*) t_pass "$(basename "$f"): every cell readable, print set up ($got)" ;;
		*) t_fail "$(basename "$f") layout" "$got" ;;
		esac
	done
	eq "Summary: first and last event one per row, not a range" "$("$PY" -c 'import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print([(r[0], r[1]) for r in ws.iter_rows(values_only=True) if r[0] in ("Erstes Ereignis", "Letztes Ereignis")])' "$T_TMP/de/agency.xlsx")" \
		"[('Erstes Ereignis', '2026-11-09 02:42 UTC'), ('Letztes Ereignis', '2026-11-22 18:57 UTC')]"
else t_skip "xlsx layout" "python3-openpyxl missing"; fi
t_done
