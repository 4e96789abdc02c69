#!/bin/sh
# test_files.sh - no file is ever lost or half-written. Every writer (report in each format,
# --unmatched-csv, --export-addresses, import, merge, catalogue import/export/sync, fetch)
# goes through a temp file and a rename; SIGINT or SIGTERM in the middle of a write leaves
# the previous file as it was and no temp file; a full disk (a 256 KiB tmpfs filled up, when
# this machine lets us mount one), a file-size limit (prlimit --fsize) and /dev/full are
# reported with exit 3, and lose nothing; /dev/null and FIFOs are written, never replaced.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fake.sh"
F=tests/fixtures
LOG=$F/report/week/mailgun.jsonl
D=$T_TMP/d
mkdir -p "$D"
export SOURCE_DATE_EPOCH=1800000000
if ! fake_start; then
	t_fail "fake server" "did not start"
	t_done
	exit 1
fi
export MAILGUN_API_KEY=MARKERKEY123

# t_intact NAME FILE : FILE still holds "previous"
t_intact() {
	if [ "$(cat "$2" 2>/dev/null)" = previous ]; then t_pass "$1: previous file intact"; else
		t_fail "$1: previous file intact" "'$2' holds: $(head -c 100 "$2" 2>/dev/null)"; fi
}

# --- every writer goes through a temp file and a rename -----------------------------------
# WRITERS: name | output file | arguments (%O is the output)
WRITERS="report json|r.json|report $LOG -o %O
report xlsx|r.xlsx|report $LOG -o %O
report csv|r.csv|report $LOG -o %O
report text|r.txt|report $LOG -o %O
unmatched csv|u.csv|report $LOG -o $D/side.json --unmatched-csv %O
export addresses|a.csv|report $LOG -o $D/side2.json --export-addresses %O
import|i.jsonl|import $LOG -o %O
merge|m.json|merge $F/report/sample.json -o %O
catalogue import|c.csv|catalogue import $F/catalogue/sheet-de.csv -o %O
catalogue export|e.csv|catalogue export -o %O
catalogue sync|s.csv|catalogue sync -o %O
fetch|f.jsonl|fetch mailgun --domain mg.example.com -o %O"

# each writer once into a directory whose only other entry is the previous file
k=0
while IFS='|' read -r name file args; do
	k=$((k + 1))
	mkdir -p "$D/w/$k"
	echo previous >"$D/w/$k/$file"
	# shellcheck disable=SC2086
	set -- $(echo "$args" | sed "s#%O#$D/w/$k/$file#")
	"$SENDHEALTH" -q "$@" >/dev/null 2>"$T_ERR"
	rc=$?
	case $rc in 0 | 1) t_pass "$name: written (exit $rc)" ;; *) t_fail "$name: written" "exit $rc: $(head -c 300 "$T_ERR")" ;; esac
	if [ "$(cat "$D/w/$k/$file")" != previous ] && [ -s "$D/w/$k/$file" ]; then
		t_pass "$name: the file was replaced"; else t_fail "$name: the file was replaced" "unchanged or empty"; fi
	t_no_temp "$name: no temp file left" "$D/w/$k"
done <<EOF
$WRITERS
EOF

# --- SIGINT and SIGTERM while the file is being written ------------------------------------
# A report big enough that writing it takes a while; the signal goes out as soon as the temp
# file appears (polled every 10 ms), i.e. in the middle of the write.
ERRS=$((20000 / TEST_TIME_FACTOR))
"$PY" tests/report/make_big_report.py "$T_TMP/big.json" "$ERRS" 500 >/dev/null
big=$((ERRS * 5))
"$PY" - "$T_TMP/big.jsonl" "$big" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        # every other message unknown to the catalogue, each its own (letters only, so
        # that normalising keeps them apart): a long --unmatched-csv
        word = "".join(chr(97 + (i // 26 ** k) % 26) for k in range(4))
        msg = "550 5.1.1 no such user %d" % i if i % 2 else "451 zork %s happened" % word
        f.write('{"event":"failed","id":"e%d","timestamp":%d,"severity":"permanent",'
                '"recipient":"u%d@example.org","envelope":{"sender":"n@mg.example.com"},'
                '"delivery-status":{"code":550,"message":"%s"}}\n'
                % (i, 1700000000 + i, i, msg))
EOF

# interrupt NAME SIGNAL PATTERN FILE ARGS... : runs sendhealth ARGS in the background, sends
# SIGNAL once a file matching PATTERN shows in FILE's directory, and checks the outcome
interrupt() {
	name=$1 sig=$2 pat=$3 file=$4
	shift 4
	dir=$(dirname "$file")
	rm -rf "$dir"
	mkdir -p "$dir"
	echo previous >"$file"
	# killed on purpose: under valgrind, what it had not freed yet is no leak
	VALGRIND_NO_LEAK_CHECK=1 "$SENDHEALTH" "$@" >/dev/null 2>"$T_ERR" &
	pid=$!
	i=0 seen=
	while [ "$i" -lt $((3000 * TEST_TIME_FACTOR)) ] && kill -0 "$pid" 2>/dev/null; do
		if ls -a "$dir" | grep -q -e "$pat"; then seen=1; break; fi
		sleep 0.01
		i=$((i + 1))
	done
	if [ -z "$seen" ]; then
		wait "$pid"
		t_fail "$name: caught during the write" "no temp file appeared (exit $?)"
		return
	fi
	kill -s "$sig" "$pid"
	wait "$pid" 2>/dev/null
	rc=$?
	case $rc in
	130 | 143) t_pass "$name: stopped by $sig (exit $rc)" ;;
	0) t_skip "$name: stopped by $sig" "the write finished before the signal arrived" ;;
	*) t_fail "$name: stopped by $sig" "exit $rc: $(head -c 300 "$T_ERR")" ;;
	esac
	t_intact "$name" "$file"
	t_no_temp "$name: no temp file left" "$dir"
}
interrupt "merge to XLSX, SIGINT" INT '\.tmp\.' "$D/i1/out.xlsx" merge "$T_TMP/big.json" -o "$D/i1/out.xlsx"
interrupt "merge to XLSX, SIGTERM" TERM '\.tmp\.' "$D/i2/out.xlsx" merge "$T_TMP/big.json" -o "$D/i2/out.xlsx"
interrupt "merge to JSON, SIGTERM" TERM '\.tmp\.' "$D/i3/out.json" merge "$T_TMP/big.json" -o "$D/i3/out.json"
interrupt "import, SIGINT" INT '\.tmp\.' "$D/i4/out.jsonl" import "$T_TMP/big.jsonl" -o "$D/i4/out.jsonl"
interrupt "fetch, stalled in mid-body, SIGINT" INT '\.part$' "$D/i5/out.jsonl" \
	fetch mailgun --domain stallbody1.example.com -o "$D/i5/out.jsonl"
interrupt "fetch, stalled in mid-body, SIGTERM" TERM '\.part$' "$D/i6/out.jsonl" \
	fetch mailgun --domain stallbody2.example.com -o "$D/i6/out.jsonl"

# --- a full disk ------------------------------------------------------------------------------
# full NAME DIR FILE ARGS... : the writer ARGS (run under $WRAP) into DIR/FILE (holding
# "previous") fails with exit 3 and a message; the previous file and nothing else is left
WRAP=
full() {
	name=$1 dir=$2 file=$3
	shift 3
	echo previous >"$dir/$file" 2>/dev/null
	$WRAP "$SENDHEALTH" "$@" >/dev/null 2>"$T_ERR"
	rc=$?
	if [ "$rc" = 3 ]; then t_pass "$name: exit 3"; else t_fail "$name: exit 3" "exit $rc: $(head -c 300 "$T_ERR")"; fi
	if grep -q -e "No space left on device" -e "File too large" -e "cannot write" "$T_ERR"; then
		t_pass "$name: says why"; else t_fail "$name: says why" "$(head -c 300 "$T_ERR")"; fi
	t_intact "$name" "$dir/$file"
	t_no_temp "$name: no temp file left" "$dir"
}
# full_all LABEL DIR : every writer into DIR (each output well over 4 KiB)
head -n 400 "$T_TMP/big.jsonl" >"$T_TMP/some.jsonl"
full_all() {
	label=$1 dir=$2
	full "$label: report json" "$dir" r.json report "$LOG" -o "$dir/r.json"
	full "$label: report xlsx" "$dir" r.xlsx report "$LOG" -o "$dir/r.xlsx"
	full "$label: report csv" "$dir" r.csv merge "$F/report/sample.json" -o "$dir/r.csv"
	full "$label: unmatched csv" "$dir" u.csv report "$T_TMP/some.jsonl" --format json -o /dev/null \
		--unmatched-csv "$dir/u.csv"
	full "$label: import" "$dir" i.jsonl import "$LOG" -o "$dir/i.jsonl"
	full "$label: merge" "$dir" m.json merge "$F/report/sample.json" -o "$dir/m.json"
	full "$label: catalogue export" "$dir" e.csv catalogue export -o "$dir/e.csv"
	full "$label: fetch" "$dir" f.jsonl fetch mailgun --domain full1.example.com -o "$dir/f.jsonl"
}

# a small tmpfs, filled up: needs root and a kernel that lets us mount
FS=$T_TMP/fs
mkdir -p "$FS"
if mount -t tmpfs -o size=256k tmpfs "$FS" 2>/dev/null; then
	trap 'umount "$FS" 2>/dev/null; fake_stop; rm -rf "$T_TMP"' EXIT
	for f in r.json r.xlsx r.csv u.csv i.jsonl m.json e.csv f.jsonl; do echo previous >"$FS/$f"; done
	dd if=/dev/zero of="$FS/filler" bs=4096 >/dev/null 2>&1
	full_all "full tmpfs" "$FS"
	umount "$FS"
else
	t_skip "full tmpfs" "cannot mount a tmpfs here (not root, or no permission): tested with prlimit --fsize and /dev/full only"
fi

# a file-size limit: writes past it fail with EFBIG (SIGXFSZ is ignored)
mkdir -p "$D/fsize"
WRAP="prlimit --fsize=4096"
full_all "prlimit --fsize" "$D/fsize"
WRAP=
# /dev/full: a special file, written in place; the error is the write's
for w in "report json:report $LOG --format json -o /dev/full" "import:import $LOG -o /dev/full" \
	"catalogue export:catalogue export -o /dev/full" "fetch:fetch mailgun --domain devfull.example.com -o /dev/full"; do
	# shellcheck disable=SC2086
	"$SENDHEALTH" ${w#*:} >/dev/null 2>"$T_ERR"
	rc=$?
	if [ "$rc" = 3 ] && grep -q "No space left on device" "$T_ERR"; then t_pass "/dev/full: ${w%%:*}: exit 3, says why"
	else t_fail "/dev/full: ${w%%:*}" "exit $rc: $(head -c 300 "$T_ERR")"; fi
done
if [ -c /dev/full ]; then t_pass "/dev/full is still a device"; else t_fail "/dev/full" "replaced"; fi

# --- /dev/null and FIFOs are written in place, never replaced ----------------------------------
for w in "report xlsx:report $LOG --format xlsx -o /dev/null" "report json:report $LOG -o /dev/null --format json" \
	"import:import $LOG -o /dev/null" "fetch:fetch mailgun --domain devnull.example.com -o /dev/null"; do
	# shellcheck disable=SC2086
	if "$SENDHEALTH" -q ${w#*:} >/dev/null 2>"$T_ERR"; then t_pass "/dev/null: ${w%%:*}"; else
		t_fail "/dev/null: ${w%%:*}" "$(head -c 300 "$T_ERR")"; fi
done
if [ -c /dev/null ]; then t_pass "/dev/null is still a device"; else t_fail "/dev/null" "replaced"; fi
for w in "import:import $LOG -o %F" "fetch:fetch mailgun --domain fifo.example.com -o %F"; do
	fifo=$T_TMP/fifo-${w%%:*}
	mkfifo "$fifo"
	cat "$fifo" >"$fifo.got" &
	reader=$!
	# shellcheck disable=SC2086
	"$SENDHEALTH" -q $(echo "${w#*:}" | sed "s#%F#$fifo#") >/dev/null 2>"$T_ERR"
	rc=$?
	wait "$reader"
	if [ "$rc" = 0 ] && [ -p "$fifo" ] && [ -s "$fifo.got" ]; then t_pass "FIFO: ${w%%:*}: written through, still a FIFO"
	else t_fail "FIFO: ${w%%:*}" "exit $rc; $(ls -l "$fifo"); $(head -c 200 "$T_ERR")"; fi
	ls -a "$T_TMP" | grep -q "fifo-${w%%:*}.part" && t_fail "FIFO: ${w%%:*}: no .part" "left"
done

# --- fetch's .part: a symlink planted in its place is not followed ---------------------------
mkdir -p "$D/sym"
echo victim >"$T_TMP/victim"
ln -s "$T_TMP/victim" "$D/sym/out.jsonl.part"
t_run "fetch: .part planted as a symlink" 0 -q fetch mailgun --domain sym.example.com -o "$D/sym/out.jsonl"
if [ "$(cat "$T_TMP/victim")" = victim ]; then t_pass "fetch: the symlink's target untouched"; else
	t_fail "fetch: the symlink's target untouched" "it was written through"; fi
t_done
