#!/bin/sh
# test_sync.sh - `sendhealth catalogue sync` against tests/fake_server.py standing in for
# Google: the 307 to the CSV, the diff against the catalogue in use, the atomic install,
# sheets that are not public, retries, timeouts, --tab, --dry-run and the URL forms.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fake.sh"

if ! fake_start; then
	t_fail "fake server" "did not start"
	t_done
	exit 1
fi
SHEET=https://docs.google.com/spreadsheets/d
DEFAULT_ID=1XIl6TyuMamX2vlts1-lzBVXR2ArCFqiJnTeBxz7qBKQ
SYNCED=$XDG_DATA_HOME/sendhealth/catalogue.csv
O=$T_TMP/out
mkdir -p "$O"

# t_same NAME FILE SUM : FILE's checksum is still SUM
t_same() {
	if [ "$(cksum <"$2")" = "$3" ]; then t_pass "$1"; else t_fail "$1" "$2 changed"; fi
}
# t_rows NAME FILE N : sendhealth reads FILE as a catalogue of N rows
t_rows() {
	n=$("$SENDHEALTH" --catalogue "$2" catalogue info 2>&1 | sed -n 's/^rows: //p')
	if [ "$n" = "$3" ]; then t_pass "$1"; else t_fail "$1" "$2 has '$n' rows, want $3"; fi
}

# --- the default sheet: 307 -> CSV, installed as the synced copy -------------------------

t_run "sync: the seed's sheet by default" 0 catalogue sync
t_log "sync: the export URL of the seed's sheet" \
	"/spreadsheets/d/$DEFAULT_ID/export?format=csv&gid=0"
t_log "sync: the 307 was followed" "/googleusercontent/$DEFAULT_ID/export.csv?gid=0"
t_out "sync: summary line" "sync: "
t_out "sync: changed rows listed" "~ "
t_no_out "sync: no built-in row removed" "- "
t_out "sync: the built-in rows stay" "sync: 0 added, 0 removed, 3 changed, 370 unchanged"
t_err "sync: the layers counted" "sheet layer: 5 rows, 5 override built-in entries (2 only in white space), 0 new; 373 entries in use"
t_err "sync: rows counted" ": 5 entries, 0 rows skipped"
t_err "sync: where it went" "wrote 5 entries to '$SYNCED'"
t_rows "sync: the synced copy is a catalogue" "$SYNCED" 5
t_no_temp "sync: written atomically" "$(dirname "$SYNCED")"
if grep -q "Schritt 1: Domain prüfen" "$SYNCED" && grep -q "^Schritt 2: Region prüfen" "$SYNCED"; then
	t_pass "sync: the multi-line cell kept"
else t_fail "sync: the multi-line cell kept" "$(cat "$SYNCED")"; fi
SUM=$(cksum <"$SYNCED")

t_run "sync: again, nothing changes" 0 catalogue sync
t_out "sync: all unchanged" "sync: 0 added, 0 removed, 0 changed, 373 unchanged"
t_err "sync: a second sync writes nothing" "already holds this sheet: nothing written"
t_same "sync: the second sync left the file" "$SYNCED" "$SUM"

# --- layers: the built-in entries under the sheet ------------------------------------------

t_run "layers: info" 0 catalogue info
t_out "layers: info names the synced sheet" "catalogue: $SYNCED (synced copy)"
t_out "layers: info counts the built-in layer" "built-in  368 entries in use (5 overridden by the sheet)"
t_out "layers: info counts the sheet layer" "sheet     5 rows: 5 override built-in entries (2 only in white space), 0 new"
t_run "layers: a built-in entry the sheet lacks still explains" 0 explain "Too old"
t_out "layers: it says it is built-in" "built-in"
t_run "layers: a sheet row explains with the sheet's text" 0 explain --json "Forbidden"
t_out "layers: the JSON names the sheet layer" '"layer": "sheet"'

# --- the difference against the catalogue in use ---------------------------------------

"$PY" - "$SYNCED" "$O/in-use.csv" "$O/ids" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head, body = rows[0], rows[1:]
dropped, changed = body[1][0], body[2][0]
body[2][head.index("solution_de")] += " (alt)"
extra = list(body[0]); extra[0] = "test-only-row"
out = [head, body[0], body[2], body[3], body[4], extra]
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(out)
open(sys.argv[3], "w").write("%s\n%s\n" % (dropped, changed))
EOF
DROPPED=$(sed -n 1p "$O/ids") CHANGED=$(sed -n 2p "$O/ids")
INUSE=$(cksum <"$O/in-use.csv")
t_run "diff: --dry-run against --catalogue" 0 --catalogue "$O/in-use.csv" catalogue sync --dry-run
t_out "diff: summary" "sync: 1 added, 1 removed, 1 changed, 3 unchanged"
t_out "diff: the added id" "+ $DROPPED"
t_out "diff: the removed id" "- test-only-row"
t_out "diff: the changed id and field" "~ $CHANGED: solution_de"
t_err "diff: dry run says so" "dry run: nothing written"
t_same "diff: --dry-run leaves the synced copy" "$SYNCED" "$SUM"
t_same "diff: --dry-run leaves the catalogue in use" "$O/in-use.csv" "$INUSE"
t_run "diff: an unreadable catalogue in use is a warning" 0 --catalogue "$O/gone.csv" catalogue sync --dry-run
t_err "diff: marked as a warning" "sendhealth: catalogue: warning: cannot read the catalogue in use"
t_out "diff: every row added then" "sync: 5 added, 0 removed"
t_run "diff: -o writes elsewhere" 0 --catalogue "$O/in-use.csv" catalogue sync -o "$O/new/cat.csv"
t_rows "diff: -o file complete" "$O/new/cat.csv" 5
t_same "diff: -o leaves the synced copy" "$SYNCED" "$SUM"
t_run "diff: -o - writes CSV to stdout" 0 catalogue sync -o -
t_out "diff: CSV header on stdout" "id,provider,section,"
t_no_out "diff: no diff on stdout" "sync: "
t_err "diff: the diff went to stderr" "sync: 0 added, 0 removed, 0 changed, 373 unchanged"

# --- a sheet that is not public changes nothing -----------------------------------------

for case in "private:sign-in page (text/html)" "redirectprivate:302 to a sign-in page" \
	"bomhtml:BOM, blank line and <html> as text/plain"; do
	id=${case%%:*}
	t_run "private: $id" 4 catalogue sync "$SHEET/${id}1/edit?usp=sharing"
	t_err "private: $id says how to share" "\"anyone with the link can view\""
	t_err "private: $id changes nothing" "nothing was changed"
	t_same "private: $id leaves the synced copy" "$SYNCED" "$SUM"
done
t_run "private: 403" 4 catalogue sync "$SHEET/forbidden1/edit"
t_err "private: 403 message" "HTTP 403: the sheet is not public"
t_run "missing: 404" 4 catalogue sync "$SHEET/notfound1/edit"
t_err "missing: 404 message" "no such sheet"
t_nlog "missing: 404 not retried" "/spreadsheets/d/notfound1/" 1
t_run "empty: an empty download" 4 catalogue sync "$SHEET/empty1/edit" -o "$O/empty.csv"
t_err "empty: message" "is empty"
t_absent "empty: nothing written" "$O/empty.csv"
t_run "junk: CSV without a header" 4 catalogue sync "$SHEET/junk1/edit" -o "$O/junk.csv"
t_err "junk: message" "no header row found"
t_absent "junk: nothing written" "$O/junk.csv"
t_same "failures: the synced copy never changed" "$SYNCED" "$SUM"

# --- retries and timeouts ------------------------------------------------------------------

t_run "retry: 500 once, then the CSV" 0 catalogue sync "$SHEET/flaky1/edit" -o "$O/flaky.csv"
t_nlog "retry: asked twice" "/spreadsheets/d/flaky1/export" 2
t_rows "retry: complete catalogue" "$O/flaky.csv" 5
s=$(now)
SENDHEALTH_HTTP_TRIES=1 t_run "timeout: a stalled server" 4 catalogue sync "$SHEET/stall1/edit" \
	-o "$O/stall.csv"
if awk -v s="$s" -v e="$(now)" -v f="$TEST_TIME_FACTOR" 'BEGIN { exit !(e - s < 3 * f) }'; then
	t_pass "timeout: quick"; else
	t_fail "timeout: quick" "took 3 s or more"; fi
t_err "timeout: message" "sent no data for 1 s (timed out)"
t_absent "timeout: nothing written" "$O/stall.csv"
t_run "refused: nothing listening" 4 catalogue sync --google-base http://127.0.0.1:9 \
	-o "$O/refused.csv"
t_err "refused: message" "cannot connect to 'http://127.0.0.1:9/spreadsheets/d/$DEFAULT_ID/export'"

# --- network faults: each ends quickly with exit 4, a clear message and nothing written ----

t_run "faults: a redirect loop" 4 catalogue sync "$SHEET/redirectloop1/edit" -o "$O/loop.csv"
t_err "faults: redirect loop message" "redirect refused (more than 5"
t_nlog "faults: a redirect loop is not retried" "/spreadsheets/d/redirectloop1/export" 6
t_absent "faults: nothing written after the loop" "$O/loop.csv"
t_run "faults: a 429 storm" 4 catalogue sync "$SHEET/ratealways1/edit" -o "$O/429.csv"
t_err "faults: 429 storm message" "still rate-limited; wait a while and run again"
t_nlog "faults: 429 asked SENDHEALTH_HTTP_TRIES times" "/spreadsheets/d/ratealways1/export" 3
t_run "faults: reset in mid-body" 4 catalogue sync "$SHEET/reset1/edit" -o "$O/reset.csv"
t_err "faults: reset message" "broke off"
t_nlog "faults: a reset is retried" "/spreadsheets/d/reset1/export" 3
t_absent "faults: nothing written after the reset" "$O/reset.csv"
t_run "faults: an oversized sheet" 4 catalogue sync "$SHEET/huge1/edit" -o "$O/huge.csv"
t_err "faults: oversized message" "sent more than 16777216 bytes"
t_absent "faults: nothing written after the cap" "$O/huge.csv"
t_same "faults: the synced copy never changed" "$SYNCED" "$SUM"

# --- bad rows: reported as url:line, the rest installed ----------------------------------

t_run "rows: a bad row is skipped" 1 catalogue sync "$SHEET/badrows1/edit" -o "$O/bad.csv"
t_err "rows: reported as url:line" "/spreadsheets/d/badrows1/export?format=csv&gid=0:13: cannot read the code"
t_rows "rows: the good rows installed" "$O/bad.csv" 5

# --- tabs and URL forms ----------------------------------------------------------------------

t_run "tabs: two tabs make one catalogue" 0 catalogue sync --tab Mailgun \
	--tab "Gmail / Google Workspace" -o "$O/tabs.csv"
t_log "tabs: gviz URL for the first tab" \
	"/spreadsheets/d/$DEFAULT_ID/gviz/tq?tqx=out:csv&headers=1&sheet=Mailgun\""
t_log "tabs: gviz URL, name encoded" \
	"/gviz/tq?tqx=out:csv&headers=1&sheet=Gmail%20%2F%20Google%20Workspace\""
t_err "tabs: per-tab counts" "(tab 'Gmail / Google Workspace'): 2 entries"
t_rows "tabs: rows of both tabs" "$O/tabs.csv" 5
t_run "forms: a bare sheet id" 0 -q catalogue sync direct0123456789abcdefghijklmnop -o "$O/id.csv"
t_log "forms: export URL for the id" "/spreadsheets/d/direct0123456789abcdefghijklmnop/export?format=csv&gid=0"
t_run "forms: #gid" 0 catalogue sync "$SHEET/gidsheet/edit#gid=1234" -o "$O/gid.csv"
t_log "forms: gid kept" "/spreadsheets/d/gidsheet/export?format=csv&gid=1234"
t_run "forms: published to the web" 0 catalogue sync \
	"$SHEET/e/2PACX-1vTestPublished/pubhtml?gid=5&single=true" -o "$O/pub.csv"
t_log "forms: pub?output=csv" "/spreadsheets/d/e/2PACX-1vTestPublished/pub?output=csv&gid=5&single=true"
t_run "forms: a plain CSV URL is used as is" 0 catalogue sync \
	"$FAKE_URL/googleusercontent/plainid/export.csv?gid=0" -o "$O/plain.csv"
t_rows "forms: plain URL catalogue" "$O/plain.csv" 5
t_run "forms: --google-base wins over the environment" 0 catalogue sync \
	--google-base "$FAKE_URL/" "$SHEET/basesheet/htmlview" -o "$O/base.csv"
t_log "forms: htmlview rewritten" "/spreadsheets/d/basesheet/export?format=csv&gid=0"

t_run "usage: two sources" 2 catalogue sync "$SHEET/a/edit" "$SHEET/b/edit"
t_run "usage: --tab with a plain URL" 2 catalogue sync https://example.org/x.csv --tab Mailgun
t_err "usage: --tab message" "--tab needs one"
t_run "usage: not a URL" 2 catalogue sync "my sheet"
t_run "usage: ftp" 2 catalogue sync ftp://example.org/x.csv
t_run "usage: bad Google base" 2 catalogue sync --google-base "docs.google.com"
SENDHEALTH_HTTP_TIMEOUT=soon t_run "usage: bad timeout variable" 2 catalogue sync -o "$O/x.csv"
t_err "usage: names the variable" "\$SENDHEALTH_HTTP_TIMEOUT"
t_run "help: catalogue sync" 0 catalogue sync --help
t_out "help: default source shown" "$DEFAULT_ID"
t_same "end: the synced copy still the first sync's" "$SYNCED" "$SUM"

# --- reset: back to the built-in catalogue alone ---------------------------------------------

t_run "reset: drops the sheet layer" 0 catalogue reset
t_err "reset: says so" "removed the sheet layer '$SYNCED'"
t_absent "reset: the synced copy is gone" "$SYNCED"
t_run "reset: info afterwards" 0 catalogue info
t_out "reset: built-in alone" "catalogue: built-in catalogue (built-in)"
t_out "reset: no sheet layer" "sheet     none"
t_run "reset: again is fine" 0 catalogue reset
t_err "reset: nothing to drop" "no sheet layer at"
t_run "reset: takes no arguments" 2 catalogue reset now
t_done
