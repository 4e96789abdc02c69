# test_import.sh - `sendhealth import` as a user runs it: exit codes, the summary and the
# file:line messages on stderr, records on stdout or in -o FILE, and that records written
# by import read back unchanged.
. tests/cli/lib.sh
F=tests/fixtures/import

t_run "help" 0 import --help
t_out "help names the options" "--input-format F"
t_run "no files" 2 import
t_err "no files: says so" "sendhealth: import: no input files given (use - for standard input)"
t_run "unknown format" 2 import --input-format xml $F/mailgun-page/page.json
t_err "unknown format: says which" "unknown input format 'xml'"
t_run "bad --map" 2 import --map recipient $F/csv-map/crm.csv
t_err "bad --map: says why" "--map takes field=column pairs, not 'recipient'"

t_run "page" 0 import $F/mailgun-page/page.json
t_out "page: records" '"source":"mailgun_events","event":"failed","severity":"temporary"'
t_err "page: summary" "sendhealth: import: 1 file, 3 records, 0 duplicates dropped"
[ "$(wc -l <"$T_OUT")" -eq 3 ] && t_pass "page: three lines" || t_fail "page: three lines" "$(wc -l <"$T_OUT")"
t_run "quiet" 0 -q import $F/mailgun-page/page.json
t_empty_err "quiet: nothing on stderr"

# one record, all of it
printf '%s\n' '{"event":"failed","id":"Z1","timestamp":1700000000.25,"severity":"permanent","reason":"bounce","recipient":"Ann@Example.COM","envelope":{"sender":"news@Mail.Acme.io"},"delivery-status":{"code":550,"message":"550 5.1.1 \"ann\" unknown\tuser"},"tags":["a","b"]}' >"$T_TMP/one.jsonl"
t_run "one record" 0 -q import "$T_TMP/one.jsonl"
cat >"$T_TMP/want" <<WANT
{"source":"mailgun_events","event":"failed","severity":"permanent","timestamp":"2023-11-14T22:13:20Z","timestamp_unix":1700000000.25,"esp":"mailgun","sending_domain":"mail.acme.io","sender":"news@Mail.Acme.io","recipient":"Ann@Example.COM","recipient_domain":"example.com","recipient_provider":"","smtp_code":550,"enhanced_code":"5.1.1","message":"550 5.1.1 \"ann\" unknown\tuser","description":"","esp_reason":"bounce","bounce_classification":"","message_id":"","event_id":"Z1","tags":"a,b","subaccount":"","file":"$T_TMP/one.jsonl","line":1}
WANT
if cmp -s "$T_OUT" "$T_TMP/want"; then t_pass "one record: golden"; else
	t_fail "one record: golden" "$(diff "$T_TMP/want" "$T_OUT")"; fi

t_run "bad lines" 1 import $F/mailgun-bad/bad.jsonl
cat >"$T_TMP/want" <<WANT
$F/mailgun-bad/bad.jsonl:2: truncated JSON: the line ends inside a value
$F/mailgun-bad/bad.jsonl:3: a Mailgun event without 'event'
$F/mailgun-bad/bad.jsonl:4: a Mailgun 'failed' event without 'timestamp'
$F/mailgun-bad/bad.jsonl:5: a Mailgun 'failed' event with an unreadable timestamp
$F/mailgun-bad/bad.jsonl:6: a Mailgun 'failed' event without 'recipient'
$F/mailgun-bad/bad.jsonl:9: a JSON number where an event object was expected
sendhealth: import: 1 file, 2 records, 0 duplicates dropped
sendhealth: import: 6 records skipped (1 bad_json, 1 unknown_event, 1 missing_timestamp, 1 bad_timestamp, 1 missing_recipient, 1 not_an_event)
WANT
if cmp -s "$T_ERR" "$T_TMP/want"; then t_pass "bad lines: stderr golden"; else
	t_fail "bad lines: stderr golden" "$(diff "$T_TMP/want" "$T_ERR")"; fi
[ "$(wc -l <"$T_OUT")" -eq 2 ] && t_pass "bad lines: the good ones written" || t_fail "bad lines: the good ones written" "$(wc -l <"$T_OUT")"

t_run "strict" 1 import --strict -o "$T_TMP/strict.jsonl" $F/mailgun-bad/bad.jsonl
t_err "strict: the first bad record" "sendhealth: import: $F/mailgun-bad/bad.jsonl:2: truncated JSON: the line ends inside a value"
[ ! -e "$T_TMP/strict.jsonl" ] && t_pass "strict: no output file" || t_fail "strict: no output file" "exists"

t_run "missing file" 3 import $F/mailgun-page/page.json $F/nope.json
t_err "missing file: named" "sendhealth: import: cannot open '$F/nope.json': No such file or directory"
t_run "directory" 3 import $F
t_err "directory: named" "'$F' is a directory without files"
t_run "unmapped CSV" 1 import $F/csv-unmapped/unmapped.csv
t_err "unmapped CSV: the hint" "rename them or use --map field=column"
t_run "--map" 0 import --map recipient=alpha,message=beta $F/csv-unmapped/unmapped.csv
t_out "--map: mapped" '"recipient":"1"'

t_run "overlapping inputs" 0 import $F/mailgun-page/page.json $F/mailgun-array/events.json
t_err "overlapping inputs: duplicates counted" "2 files, 3 records, 3 duplicates dropped"

# -o, then read back
t_run "write -o" 0 import -o "$T_TMP/all.jsonl" $F/mailgun-page/page.json $F/sendgrid-events/events.json \
	$F/csv-crm/gmail-log.csv $F/nodemailer/errors.jsonl $F/mailgun-logs/logs.json
t_err "write -o: summary" "5 files, 22 records, 1 duplicate dropped"
t_run "read back" 0 import -o "$T_TMP/again.jsonl" "$T_TMP/all.jsonl"
if cmp -s "$T_TMP/all.jsonl" "$T_TMP/again.jsonl"; then t_pass "read back: same records"; else
	t_fail "read back: same records" "$(diff "$T_TMP/all.jsonl" "$T_TMP/again.jsonl" | head -5)"; fi
t_err "read back: summary" "1 file, 22 records, 0 duplicates dropped"

# a FIFO (or /dev/null) as -o is written into, not replaced by a rename
mkfifo "$T_TMP/fifo" && { cat "$T_TMP/fifo" >"$T_TMP/from-fifo" & }
t_run "-o FIFO" 0 -q import -o "$T_TMP/fifo" $F/mailgun-page/page.json
wait
[ -p "$T_TMP/fifo" ] && [ "$(wc -l <"$T_TMP/from-fifo")" -eq 3 ] && t_pass "-o FIFO: still a FIFO, records through it" ||
	t_fail "-o FIFO: still a FIFO, records through it" "$(ls -l "$T_TMP")"

# standard input and gzip
"$SENDHEALTH" import - <$F/mailgun-jsonl/events.jsonl >"$T_TMP/stdin.out" 2>"$T_ERR"
[ $? = 0 ] && grep -q '"file":"<stdin>","line":3' "$T_TMP/stdin.out" && t_pass "stdin" || t_fail "stdin" "$(cat "$T_ERR")"
gzip -c $F/mailgun-jsonl/events.jsonl >"$T_TMP/events.jsonl.gz"
t_run "gzip" 0 -q import "$T_TMP/events.jsonl.gz"
sed 's#"file":"[^"]*"##' "$T_OUT" >"$T_TMP/gz.out"
"$SENDHEALTH" -q import $F/mailgun-jsonl/events.jsonl | sed 's#"file":"[^"]*"##' >"$T_TMP/plain.out"
cmp -s "$T_TMP/gz.out" "$T_TMP/plain.out" && t_pass "gzip: same records" || t_fail "gzip: same records" "differ"
printf '\037\213garbage' >"$T_TMP/bad.gz"
t_run "gzip garbage" 1 import "$T_TMP/bad.gz"
t_err "gzip garbage: said" "bad.gz: not a valid gzip stream"
: >"$T_TMP/empty.json"
t_run "empty file" 1 import "$T_TMP/empty.json"
t_err "empty file: said" "empty.json: no data (empty input)"

S=${SENDHEALTH_SHARED:-../shared}/samples
if [ -d "$S" ]; then
	t_run "stats are not events" 1 import "$S/mailgun-stats-total.json"
	t_err "stats are not events: said" "not an event log (looks like Mailgun stats)"
	t_run "JS literal" 1 import "$S/nodemailer-error-eauth.js.txt"
	t_err "JS literal: said" "a JavaScript object literal, not JSON"
	t_run "every event sample" 0 import "$S/mailgun-event-accepted.json" "$S/mailgun-event-delivered.json" \
		"$S/mailgun-event-failed-delayed-bounce.json" "$S/mailgun-event-failed-permanent.json" \
		"$S/mailgun-event-failed-temporary.json" "$S/mailgun-events-page-accepted.json" \
		"$S/mailgun-events-page-failed-openapi.json" "$S/mailgun-events-page-rejected.json" \
		"$S/mailgun-events-page.json" "$S/mailgun-logs-api-response.json" \
		"$S/mailgun-webhook-permanent-fail.json" "$S/sendgrid-blocks.json" "$S/sendgrid-bounces.json" \
		"$S/sendgrid-invalid-emails.json" "$S/sendgrid-spam-reports.json" \
		"$S/sendgrid-webhook-blocked.json" "$S/sendgrid-webhook-bounce.json" \
		"$S/sendgrid-webhook-category-array.json" "$S/sendgrid-webhook-deferred.json" \
		"$S/sendgrid-webhook-dropped.json" "$S/sendgrid-webhook-singlesend.json" "$S/sendgrid-webhook.json"
	t_no_out "every event sample: nothing skipped" "skipped"
else
	t_skip "samples" "../shared is absent"
fi
# JSON Lines whose lines are not all plain events (pages, webhook payloads, escapes, broken
# tails): lines the fast path does not take are YAJL's, and nothing is handed on twice
S=data/samples/mailgun-events.jsonl
L1=$(sed -n 10p $S) L2=$(sed -n 11p $S) L3=$(sed -n 12p $S) L4=$(sed -n 13p $S)
{ echo "$L1"; echo "{\"items\":[$L2,$L3],\"paging\":{\"next\":\"x\"}}"
  echo "{\"items\":[$L2,$L3],\"paging\":{\"next\":\"x\\q\"}} broken"
  echo "{\"event-data\":$L4,\"signature\":{}}"; echo "{\"signature\":{}, \"event-data\":$L4} x"
  echo "$L4" | sed 's/"event":"/"event":"\\u0066/'; echo "$L1" | sed 's/}$/} {/'; echo "$L1"
} > "$T_TMP/mixed.jsonl"
t_run "mixed JSON Lines" 1 import "$T_TMP/mixed.jsonl" -o "$T_TMP/mixed.out"
t_err "4 events, the rest duplicates" "1 file, 4 records, 6 duplicates dropped"
t_err "a broken page is reported at its line" "mixed.jsonl:3: invalid JSON"
t_err "a payload with a tail is reported" "mixed.jsonl:5: invalid JSON"
t_err "a second value cut short is reported" "mixed.jsonl:7: truncated JSON"
# CSV as users export it (issue 12): a German CRM's ';' Windows-1252 export, US dates,
# --date-order, a file without recipients, a file that is no text
D=$F/csv-crm-de
t_run "German CRM export" 0 import $D/crm-export-cp1252.csv
t_out "the umlauts of 'Empfänger' and its addresses survive" '"recipient":"m.müller@bäckerei-müller.de"'
t_out "German dates read" '"timestamp":"2026-11-16T10:30:00Z"'
t_run "German CRM export, -v" 0 -v import $D/crm-export-cp1252.csv
t_err "-v names the character set converted from" "crm-export-cp1252.csv': csv in Windows-1252, 3 records"
t_run "only ambiguous dates" 1 import $D/ambiguous-dates.csv
t_err "ambiguous: the reason and the way out" "ambiguous-dates.csv:2: ambiguous date '05/06/2026': day/month or month/day? no row of this file settles it; use --date-order dmy or mdy"
t_run "--date-order mdy" 0 import --date-order mdy $D/ambiguous-dates.csv
t_out "--date-order mdy: May 6" '"timestamp":"2026-05-06T00:00:00Z"'
t_run "--date-order dmy" 0 import --date-order dmy $D/ambiguous-dates.csv
t_out "--date-order dmy: 5 June" '"timestamp":"2026-06-05T00:00:00Z"'
t_run "bad --date-order" 2 import --date-order dym $D/ambiguous-dates.csv
t_err "bad --date-order: the choices" "--date-order takes dmy, mdy, ymd or auto, not 'dym'"
t_run "no recipients is an error" 1 import $D/no-recipient.csv
t_err "no recipients: names the file and the way out" "$D/no-recipient.csv: no column holds the recipient, so none of the 2 rows has one (header: Kunde, Fehler); name it with --map recipient=COLUMN"
t_run "not text" 1 import $D/not-text.csv
t_err "not text: names the line and the fix" "$D/not-text.csv:2: not text in UTF-8, Windows-1252 or ISO-8859-1 (byte 0x01 on line 2); save the file as CSV UTF-8"
t_done
