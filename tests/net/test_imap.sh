#!/bin/sh
# test_imap.sh - the IMAP input against a real server: a Dovecot started here on 127.0.0.1
# (IMAPS, a certificate made now) holding a few bounces and a few ordinary messages
# (tests/fixtures/mail-imap/). Through tests/net/imap_fetch (net/imap.h): only the bounces
# come back, a --since/--until window, a second run gives the same, the mailbox stays
# untouched (no \Seen), a connection cut mid-message (retried; and for good), a wrong
# password (exit 4, never echoed), a mailbox that does not exist. Skips when Dovecot or
# openssl is not installed, or when a non-root user cannot start it (saying why; as root
# a failed start fails). Dovecot is always stopped (trap).
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/tests/cli/lib.sh"
. "$HERE/dovecot.sh"
: "${TEST_BIN_DIR:=build/tests}"
FETCH=$(cd "$TEST_BIN_DIR" 2>/dev/null && pwd)/net/imap_fetch
PASSWORD=Imap-Test-Passw0rd-31
PROXY_PID=
cleanup() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null
	dovecot_stop
	rm -rf "$T_TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if ! dovecot_available; then
	t_skip "imap" "dovecot or openssl is not installed (scripts/install-deps test)"
	t_done
	exit 0
fi
if [ ! -x "$FETCH" ]; then
	t_fail "imap" "$FETCH is not built (make unit-tests)"
	t_done
	exit 1
fi

# The fixtures into the Maildir, each file dated by its X-Test-Arrival (Dovecot's
# arrival date for a Maildir file is its mtime), plus a 600 KB bounce (one failed
# recipient) to cut a connection in the middle of.
fill_maildir() {
	n=1
	for f in "$ROOT"/tests/fixtures/mail-imap/*.eml; do
		when=$(sed -n 's/^X-Test-Arrival: //p' "$f")
		dst=$DV_MAILDIR/cur/$((1796000000 + n)).M${n}P1.test:2,
		cp "$f" "$dst"
		touch -d "$when" "$dst"
		n=$((n + 1))
	done
	big=$DV_MAILDIR/cur/$((1796000000 + n)).M${n}P1.test:2,
	{ printf 'From: MAILER-DAEMON@mx.sender.example\nTo: news@client1.example\n'
	  printf 'Subject: Undelivered Mail Returned to Sender (large)\n'
	  printf 'Date: Sat, 28 Nov 2026 10:00:00 +0000\nMessage-ID: <big@mx.sender.example>\n\n'
	  printf '<lena@dest4.example>: host mx.dest4.example said: 550 5.1.1 User unknown\n\n'
	  "$PY" -c 'import sys
for i in range(8000): sys.stdout.write("returned line %05d %s\n" % (i, "x" * 56))'
	  printf 'END-OF-LARGE-BOUNCE\n'; } >"$big"
	touch -d '2026-11-28 10:00:00 UTC' "$big"
}

dovecot_setup "$T_TMP/dovecot" bounces "$PASSWORD" || { t_fail "setup" "openssl failed"; t_done; exit 1; }
fill_maildir
if ! dovecot_start; then
	# as root (CI) Dovecot must start; a developer's own user may lack what a rootless
	# Dovecot needs (a port, the directory's permissions): a skip that says why
	_why=$(tail -n 3 "$T_TMP/dovecot/dovecot.log" 2>/dev/null | tr '\n' ' ')
	if [ "$(id -u)" != 0 ]; then
		t_skip "imap" "Dovecot did not start as user $(id -un) (run as root to test IMAP): ${_why:-no log}"
		t_done
		exit 0
	fi
	t_fail "dovecot starts" "$_why"
	t_done
	exit 1
fi
export SENDHEALTH_CA_FILE="$DV_DIR/cert.pem" SENDHEALTH_IMAP_PASSWORD="$PASSWORD"
export SENDHEALTH_RETRY_BASE_MS=20 SENDHEALTH_HTTP_TRIES=3 SENDHEALTH_HTTP_TIMEOUT=10
URL="imaps://bounces@127.0.0.1:$DV_PORT/INBOX"
OUT=$T_TMP/out ERR=$T_TMP/err

# fetch NAME WANT_RC ARGS... : runs the helper, checks its exit code
fetch() {
	_n=$1 _w=$2; shift 2
	"$FETCH" "$@" >"$OUT" 2>"$ERR"
	_rc=$?
	if [ "$_rc" = "$_w" ]; then t_pass "$_n"; else
		t_fail "$_n" "exit $_rc, want $_w; stderr: $(head -c 400 "$ERR")"; fi
}
subjects() { grep -v '^found=' "$OUT" | cut -f3 | sort | tr '\n' '|'; }
flags_seen() { ls "$DV_MAILDIR/cur" "$DV_MAILDIR/new" | grep -c ':2,.*S'; }

# 1. a fetch: the five bounces (by sender, by report type, by subject alone), no other
fetch "fetch" 0 "$URL"
[ "$_rc" = 0 ] || sed 's/^/    dovecot: /' "$DV_DIR/dovecot.log" | tail -n 5
eq "fetch: only the bounces" "$(subjects)" \
	"Complaint about message from 192.0.2.1|Undeliverable: Your invoice|Undelivered Mail Returned to Sender|Undelivered Mail Returned to Sender (large)|failure notice|"
eq "fetch: counts" "$(tail -n 1 "$OUT")" "found=5 fetched=5 skipped=0 reconnects=0"
eq "fetch: source names" "$(grep -c "^imaps://bounces@127.0.0.1:$DV_PORT/INBOX;UID=[0-9]*	" "$OUT")" 5
eq "fetch: the large bounce arrives whole" \
	"$(grep '(large)' "$OUT" | cut -f2)" "$(($(wc -c <"$big") + $(wc -l <"$big")))" # LF -> CRLF
first=$(cat "$OUT")

# 2. read-only: no message got \Seen (or any flag), none was moved or removed
eq "read-only: no \\Seen flag" "$(flags_seen)" 0
eq "read-only: all 8 messages still there" "$(ls "$DV_MAILDIR/cur" "$DV_MAILDIR/new" | grep -c '\.test')" 8

# 3. a second run gives the same
fetch "second run" 0 "$URL"
eq "second run: same messages" "$(cat "$OUT")" "$first"

# 3b. a message over the size cap is skipped and named, and the run goes on: with a cap
# of 1000 bytes the first bounce (1106 bytes as served) and the large one are skipped
fetch "too large: skipped" 0 "$URL" --max-message 1000
eq "too large: named" "$(grep '^skipped' "$OUT" | cut -f2- | sed 's/.*UID=//' | tr '\t\n' ' |')" \
	"1 the message is larger than 1000 bytes|8 the message is larger than 1000 bytes|"
eq "too large: the others read" "$(tail -n 1 "$OUT")" "found=5 fetched=3 skipped=2 reconnects=0"

# 4. a window: arrivals 2026-11-10, -15, -20, -25, -28 (bounces)
fetch "window" 0 "$URL" --since 2026-11-14 --until 2026-11-24
eq "window: 15th and 20th only" "$(subjects)" \
	"Complaint about message from 192.0.2.1|Undeliverable: Your invoice|"
fetch "window: since only" 0 "$URL" --since 2026-11-25
eq "window: since 25th" "$(grep -c UID= "$OUT")" 2

# 5. wrong password: exit 4, a clear message, the password never shown
SENDHEALTH_IMAP_PASSWORD=Wrong-Passw0rd-77 fetch "wrong password: exit 4" 4 "$URL"
t_grep() { if grep -qF -- "$2" "$3"; then t_pass "$1"; else t_fail "$1" "no '$2' in: $(head -c 300 "$3")"; fi; }
t_grep "wrong password: says so" "refused the login of 'bounces'" "$ERR"
eq "wrong password: never echoed" "$(cat "$OUT" "$ERR" | grep -c -e Wrong-Passw0rd-77 -e "$PASSWORD")" 0

# 6. a mailbox that does not exist
fetch "missing mailbox: exit 4" 4 "imaps://bounces@127.0.0.1:$DV_PORT/Bounces"
t_grep "missing mailbox: says so" "cannot open the mailbox 'Bounces'" "$ERR"

# 7. the connection cut in the middle of the large bounce, once: retried on a new
# connection (examined again: still no \Seen), every message once and whole
start_proxy() {
	rm -f "$T_TMP/proxy.port"
	"$PY" "$HERE/cut_proxy.py" "$DV_PORT" "$1" "$2" "$T_TMP/proxy.port" &
	PROXY_PID=$!
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -s "$T_TMP/proxy.port" ] && break
		sleep 0.1
	done
	PURL="imaps://bounces@127.0.0.1:$(cat "$T_TMP/proxy.port")/INBOX"
}
stop_proxy() { kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; PROXY_PID=; }
start_proxy 300000 once
fetch "cut once: retried" 0 "$PURL"
eq "cut once: one reconnect, all five" "$(tail -n 1 "$OUT")" "found=5 fetched=5 skipped=0 reconnects=1"
eq "cut once: same messages" "$(subjects)" "$(printf '%s\n' "$first" | grep -v '^found=' | cut -f3 | sort | tr '\n' '|')"
eq "cut once: still no \\Seen" "$(flags_seen)" 0
stop_proxy

# 8. cut for good (the server gone after it): exit 4, the message says how far it got,
# the messages before the cut were delivered whole, the cut one not at all (the large
# bounce has the highest UID: the four others come first)
start_proxy 300000 dead
fetch "cut for good: exit 4" 4 "$PURL"
t_grep "cut for good: says how far" "fetching message 5 of 5 (UID 8); the 4 before it were read" "$ERR"
eq "cut for good: the 4 before delivered" "$(tail -n 1 "$OUT")" "found=5 fetched=4 skipped=0 reconnects=1"
eq "cut for good: none of the large one" "$(grep -c '(large)' "$OUT")" 0
stop_proxy

# 8b. a server that stops answering in the middle of the large bounce: the idle timeout
# ($SENDHEALTH_HTTP_TIMEOUT) ends the wait, the retry on a new connection gets it all
start_proxy 300000 stall
t0=$(now)
SENDHEALTH_HTTP_TIMEOUT=2 fetch "stalled: retried" 0 "$PURL"
eq "stalled: one reconnect, all five" "$(tail -n 1 "$OUT")" "found=5 fetched=5 skipped=0 reconnects=1"
eq "stalled: gave up waiting within 10 s" \
	"$(awk -v a="$(now)" -v b="$t0" -v f="$TEST_TIME_FACTOR" 'BEGIN { print (a - b < 10 * f) }')" 1
stop_proxy

# 9. the CLI: `fetch imap` writes the bounces as an mbox, quietly when stderr is no
# terminal; its failures exit 4, leave no file and never show the password, even -v
MBOX=$T_TMP/bounces.mbox
t_run "cli: fetch imap" 0 fetch imap "$URL" --since 2026-11-01 --until 2026-11-30 -o "$MBOX"
eq "cli: five entries" "$(grep -c '^From MAILER-DAEMON ' "$MBOX")" 5
eq "cli: the large one whole" "$(grep -c '^END-OF-LARGE-BOUNCE$' "$MBOX")" 1
eq "cli: no CR left" "$(tr -cd '\r' <"$MBOX" | wc -c)" 0
t_err "cli: says what it wrote" "wrote 5 bounces to '$MBOX'"
eq "cli: no progress line off a terminal" "$(tr -cd '\r' <"$T_ERR" | wc -c)" 0
t_run "cli: window" 0 fetch imap "$URL" --since 2026-11-14 --until 2026-11-24 -o "$MBOX"
eq "cli: window: two entries" "$(grep -c '^From MAILER-DAEMON ' "$MBOX")" 2
SENDHEALTH_IMAP_PASSWORD=Wrong-Passw0rd-77 t_run "cli: wrong password: exit 4" 4 -v fetch imap "$URL" -o "$T_TMP/wrong.mbox"
t_err "cli: wrong password: says so" "refused the login of 'bounces'"
t_err "cli: -v shows the commands" "IMAP EXAMINE \"INBOX\""
eq "cli: wrong password: never shown" "$(cat "$T_OUT" "$T_ERR" | grep -c -e Wrong-Passw0rd-77 -e "$PASSWORD")" 0
t_absent "cli: wrong password: no file" "$T_TMP/wrong.mbox"
t_run "cli: missing mailbox: exit 4" 4 -v fetch imap "imaps://bounces@127.0.0.1:$DV_PORT/Bounces" -o "$T_TMP/none.mbox"
t_err "cli: missing mailbox: says so" "cannot open the mailbox 'Bounces'"
eq "cli: -v never shows the password" "$(grep -c -e "$PASSWORD" "$T_ERR")" 0
t_run "cli: a password in the URL is refused" 2 fetch imap "imaps://bounces:$PASSWORD@127.0.0.1:$DV_PORT/INBOX" -o "$T_TMP/none.mbox"
eq "cli: ... and not repeated" "$(grep -c -e "$PASSWORD" "$T_ERR")" 0
t_no_temp "cli: no temp file left" "$T_TMP"
# on a terminal (script(1) gives it one) a progress line counts the messages
if command -v script >/dev/null 2>&1; then
	script -qec "'$SENDHEALTH' fetch imap '$URL' --since 2026-11-01 -o '$T_TMP/tty.mbox'" /dev/null \
		>"$T_TMP/tty.out" 2>&1 </dev/null
	t_grep "cli: progress on a terminal" "message 5 of 5" "$T_TMP/tty.out"
	eq "cli: ... one line, redrawn" "$(grep -c 'message 1 of 5.*message 5 of 5' "$T_TMP/tty.out")" 1
else
	t_skip "cli: progress on a terminal" "script(1) is not installed"
fi

# 10. imaps:// as an input of report, health and import: failures as for fetch (report
# exit 4, health UNKNOWN), the password never shown; the bounces read as records, each
# named by its message's UID
printf 'Wrong-Passw0rd-77\n' >"$T_TMP/pw" && chmod 644 "$T_TMP/pw"
t_run "report: a password file others can read: refused" 2 report "$URL" --imap-password-file "$T_TMP/pw" -o "$T_TMP/r.json"
t_err "report: ... says so" "chmod 600"
chmod 600 "$T_TMP/pw"
t_run "report: --imap-password-file is used" 4 report "$URL" --imap-password-file "$T_TMP/pw" -o "$T_TMP/r.json"
SENDHEALTH_IMAP_PASSWORD=Wrong-Passw0rd-77 t_run "report: wrong password: exit 4" 4 report "$URL" --since 2026-11-01 -o "$T_TMP/r.json"
t_err "report: wrong password: says so" "refused the login of 'bounces'"
eq "report: wrong password: never shown" "$(cat "$T_OUT" "$T_ERR" | grep -c -e Wrong-Passw0rd-77 -e "$PASSWORD")" 0
t_absent "report: no report after a failed input" "$T_TMP/r.json"
t_run "health: missing mailbox: UNKNOWN" 3 health "imaps://bounces@127.0.0.1:$DV_PORT/Bounces" --since 2026-11-01
t_err "health: missing mailbox: says so" "cannot open the mailbox 'Bounces'"
t_run "report: a password in the URL is refused" 2 report "imaps://bounces:$PASSWORD@127.0.0.1:$DV_PORT/INBOX" -o "$T_TMP/r.json"
eq "report: ... and not repeated" "$(cat "$T_OUT" "$T_ERR" | grep -c -e "$PASSWORD")" 0
SENDHEALTH_IMAP_PASSWORD=Wrong-Passw0rd-77 t_run "import: wrong password: exit 4" 4 import "$URL" -o "$T_TMP/recs.jsonl"
eq "import: wrong password: never shown" "$(cat "$T_OUT" "$T_ERR" | grep -c -e Wrong-Passw0rd-77 -e "$PASSWORD")" 0
t_absent "import: no records file after a failed input" "$T_TMP/recs.jsonl"
t_run "import: the bounces of the box" 0 import "$URL" -o "$T_TMP/recs.jsonl"
eq "import: 4 failures and a complaint" "$(grep -c '"event":"bounce"' "$T_TMP/recs.jsonl") $(grep -c '"event":"complained"' "$T_TMP/recs.jsonl")" "4 1"
eq "import: each record names its message" \
	"$(grep -c "\"file\":\"imaps://bounces@127.0.0.1:$DV_PORT/INBOX;UID=[1-48]\"" "$T_TMP/recs.jsonl")" 5
t_run "report: the bounces of the box" 0 report "$URL" --since 2026-11-01 --until 2026-11-30 --format json -o "$T_TMP/r.json"
eq "report: the box's failures and complaint" "$(jq_ "$T_TMP/r.json" '(d["totals"]["failures"], d["totals"].get("complaints"))')" "(4, 1)"
# the box and its mbox export together: each bounce counts once
t_run "report: box + its export" 0 fetch imap "$URL" --since 2026-11-01 --until 2026-11-30 -o "$T_TMP/all.mbox"
t_run "report: box and export together" 0 report "$URL" "$T_TMP/all.mbox" --since 2026-11-01 --until 2026-11-30 --format json -o "$T_TMP/r2.json"
eq "report: each bounce once" "$(jq_ "$T_TMP/r2.json" '(d["totals"]["failures"], d["totals"].get("complaints"))')" "(4, 1)"
eq "report: the export's copies are the duplicates" "$(jq_ "$T_TMP/r2.json" '[(s["kind"], s["records"], s["duplicates"]) for s in d["inputs"]["sources"]]')" \
	"[('api', 5, 0), ('file', 0, 5)]"

# 11. a message the box holds but that cannot be read (over the size cap) inside report,
# health and import: counted as skipped and named in a warning, as fetch does; the rest read
SENDHEALTH_IMAP_MAX_MESSAGE=100000 t_run "report: a message over the cap: read the rest" 1 \
	report "$URL" --since 2026-11-01 --until 2026-11-30 --format json -o "$T_TMP/r3.json"
eq "report: ... warned, named by its UID" "$(grep -c "INBOX;UID=[0-9]*' skipped: the message is larger than 100000 bytes" "$T_ERR")" 1
t_err "report: ... and counted" "1 record skipped (1 mail_not_fetched)"
eq "report: ... the others counted" "$(jq_ "$T_TMP/r3.json" '(d["totals"]["failures"], d["totals"].get("complaints"))')" "(3, 1)"
eq "report: ... the skipped one counted" "$(jq_ "$T_TMP/r3.json" 'sum(s["skipped"] for s in d["inputs"]["sources"])')" 1
# (3: too few messages to judge, as without the cap)
SENDHEALTH_IMAP_MAX_MESSAGE=100000 t_run "health: a message over the cap" 3 health "$URL" --since 2026-11-01 --until 2026-11-30
t_err "health: ... warned" "skipped: the message is larger than 100000 bytes"
SENDHEALTH_IMAP_MAX_MESSAGE=100000 t_run "import: a message over the cap" 1 import "$URL" -o "$T_TMP/recs3.jsonl"
t_err "import: ... warned" "skipped: the message is larger than 100000 bytes"
eq "import: ... the others read" "$(grep -c '"event"' "$T_TMP/recs3.jsonl")" 4
SENDHEALTH_IMAP_MAX_MESSAGE=lots t_run "a cap that is no number: usage" 2 import "$URL" -o "$T_TMP/recs4.jsonl"
t_err "... says so" "SENDHEALTH_IMAP_MAX_MESSAGE must be a number of bytes"

# 12. imap:// (no TLS from the start): STARTTLS before the login (the server takes no
# login without TLS), the same bounces as over imaps://
PLAIN_URL="imap://bounces@127.0.0.1:$DV_PORT_PLAIN/INBOX"
t_run "imap:// STARTTLS: the bounces of the box" 0 import "$PLAIN_URL" -o "$T_TMP/recs5.jsonl"
eq "imap:// STARTTLS: the same records as imaps://" \
	"$(sed 's/127.0.0.1:[0-9]*/HOST/' "$T_TMP/recs5.jsonl" | sed 's/"imap[s]*:/"X:/g')" \
	"$(sed 's/127.0.0.1:[0-9]*/HOST/' "$T_TMP/recs.jsonl" | sed 's/"imap[s]*:/"X:/g')"
fetch "imap:// STARTTLS: fetch" 0 "$PLAIN_URL"
eq "imap:// STARTTLS: fetch counts" "$(tail -n 1 "$OUT")" "found=5 fetched=5 skipped=0 reconnects=0"
SENDHEALTH_CA_FILE= t_run "imap:// STARTTLS: the certificate is verified" 4 import "$PLAIN_URL" -o "$T_TMP/recs6.jsonl"
eq "read-only after all: no \\Seen flag" "$(flags_seen)" 0

# the test itself can see a \Seen flag: a plain read-write fetch sets it
curl -s --cacert "$DV_DIR/cert.pem" -u "bounces:$PASSWORD" "imaps://127.0.0.1:$DV_PORT/INBOX/;UID=1" >/dev/null
eq "control: a read-write fetch does set \\Seen" "$(flags_seen)" 1

t_done
