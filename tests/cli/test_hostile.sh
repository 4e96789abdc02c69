#!/bin/sh
# test_hostile.sh - hostile input through every command that reads files: truncated and
# garbage JSON, 100,000-deep nesting, a 100 MB line, NUL bytes, invalid and overlong UTF-8,
# a BOM, 10,000 columns, an unterminated quote, formula cells, HTML where CSV belongs,
# gzip and random bytes, an empty file, a directory. The inputs are made here, in a temp
# directory. Each case runs with a time limit and (outside ASan and valgrind, which need
# the address space) a 1 GiB memory limit, and must give the expected exit code and a
# message naming the file - never a crash, a hang, a sanitizer report or a temp file left
# behind; a failed run leaves the previous output as it was.
. "$(dirname "$0")/lib.sh"
: "${PY:=python3}"
IN=$T_TMP/in OUT=$T_TMP/out
mkdir -p "$IN" "$OUT"
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"
unset SENDHEALTH_CATALOGUE
# Under valgrind (TEST_TIME_FACTOR > 1) the big line is 10 MB: the same code path, and
# valgrind reads 100 MB too slowly for the CI budget.
BIG_MB=100
[ "$TEST_TIME_FACTOR" -gt 1 ] && BIG_MB=10

"$PY" - "$IN" "$BIG_MB" <<'EOF'
import gzip, os, random, sys
d, big_mb = sys.argv[1], int(sys.argv[2])
random.seed(6)
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
ev = ('{"event":"failed","id":"E%d","timestamp":1700000000,"severity":"permanent",'
      '"recipient":"a%d@example.com","envelope":{"sender":"n@mg.client1.com"},'
      '"delivery-status":{"code":550,"message":"550 5.1.1 user unknown"}}\n')
good = "".join(ev % (i, i) for i in range(3)).encode()
w("truncated.json", b'{"items": [{"event": "failed", "id": "x", "timestamp": 17000')
w("garbage.json", b'{]}{[:,,"\x01\x02 nope')
w("deep-array.json", b"[" * 100000 + b"]" * 100000)
w("deep-object.json", b'{"a":' * 100000 + b"1" + b"}" * 100000)
# a 100 MB event between two good ones
with open(os.path.join(d, "bigline.jsonl"), "wb") as f:
    f.write((ev % (1, 1)).encode())
    f.write(b'{"event":"failed","id":"BIG","timestamp":1700000000,"recipient":"b@example.com",'
            b'"delivery-status":{"message":"')
    chunk = b"x" * (1 << 20)
    for _ in range(big_mb):
        f.write(chunk)
    f.write(b'"}}\n')
    f.write((ev % (2, 2)).encode())
w("nul.jsonl", good.replace(b"user unknown", b"user\x00unknown", 1))
w("bad-utf8.jsonl", good.replace(b"user unknown",
                                 b"user \xff\xfe unknown \xc0\xaf \xe0\x80\xaf \xed\xa0\x80", 1))
w("bom.jsonl", b"\xef\xbb\xbf" + good)
w("wide.csv", (",".join("c%d" % i for i in range(10000)) + "\n" +
               ",".join("v" for i in range(10000)) + "\n").encode())
w("unterminated.csv", b"date,to,code,response\n2026-01-01,a@example.com,550,ok\n"
  b'2026-01-01,b@example.com,550,"never closed\n2026-01-02,c@example.com,550,x\n')
w("formula.csv", b"date,to,from,code,response\n"
  b'2026-01-01T00:00:00Z,a@example.com,n@mg.client1.com,550,"=HYPERLINK(""http://evil.example/"",""click"")"\n'
  b"2026-01-01T00:00:01Z,b@example.com,n@mg.client1.com,550,=cmd|' /C calc'!A0\n"
  b"2026-01-01T00:00:02Z,c@example.com,n@mg.client1.com,550,@SUM(1+1)*cmd|' /C calc'!A0\n"
  b"2026-01-01T00:00:03Z,d@example.com,n@mg.client1.com,550,+1+cmd|' /C calc'!A0\n")
w("page.csv", b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
  b"<body>Sign in - Google Accounts</body></html>\n")
w("random.gz", b"\x1f\x8b\x08\x00" + bytes(random.getrandbits(8) for _ in range(4096)))
w("random.bin", bytes(random.getrandbits(8) for _ in range(65536)))
w("bomb.jsonl.gz", gzip.compress(b"\n" * (200 << 20), 9))
w("empty.json", b"")
w("not-a-report.json", b'{"schema_version": 1, "hello": "world"}')
w("sheet-formula.csv", "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n"
  "550,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",=cmd|' /C calc'!A0,@SUM(1),+1\n"
  .encode())
w("sheet-open-quote.csv", "Code,Fehlermeldung,Bedeutung,Lösung,Glossar\n"
  "550,user unknown,Bedeutung,Lösung,\n550,\"never closed,x,y\n".encode())
w("sheet-wide.csv", (",".join("Code" if i == 0 else "c%d" % i for i in range(10000)) + "\n").encode())
os.makedirs(os.path.join(d, "adir"), exist_ok=True)
# a previous report for --compare with 50,000 domains (a pairwise match would take hours)
import json
doc = json.load(open("tests/fixtures/report/sample.json", encoding="utf-8"))
n = 50000 // (10 if big_mb < 100 else 1)
dom, health = doc["domains"][0], doc["health"][0]
doc["domains"] = [dict(dom, domain="d%d.example.com" % i) for i in range(n)]
doc["health"] = [dict(health, domain="d%d.example.com" % i) for i in range(n)]
json.dump(doc, open(os.path.join(d, "wide-report.json"), "w"))
EOF

# Memory: a 1 GiB address-space limit, unless the binary cannot start under one (ASan
# reserves terabytes of shadow memory; valgrind maps its own).
LIMIT="ulimit -v 1048576"
if [ "$(sh -c "$LIMIT"'; "$0" --version >/dev/null 2>&1 && echo yes' "$SENDHEALTH" 2>/dev/null)" != yes ]; then
	LIMIT=:
	t_skip "memory limit" "the binary under test cannot run under ulimit -v (sanitizer or valgrind)"
fi
SECS=$((60 * TEST_TIME_FACTOR))

n=0
# hostile NAME "RCS" TEXT ARGS... : ARGS with %I for $IN and %O for a fresh output path
# (which holds "previous" before the run). Exit code in RCS (space-separated), TEXT in
# stderr, no crash or timeout, no temp file; a failed run (2, 3, 4) leaves %O as it was.
hostile() {
	name=$1 rcs=$2 text=$3
	shift 3
	n=$((n + 1))
	out=$OUT/$n
	mkdir -p "$out"
	o=
	for a in "$@"; do
		case $a in *%O*) o=$out/r$(echo "$a" | sed 's/.*%O//') ;; esac
	done
	[ -n "$o" ] && echo previous >"$o"
	# shellcheck disable=SC2046
	(
		eval "$LIMIT"
		for a in "$@"; do
			a=$(echo "$a" | sed "s#%I#$IN#g; s#%O#$out/r#g")
			set -- "$@" "$a"
			shift
		done
		exec timeout "$SECS" "$SENDHEALTH" "$@"
	) >"$T_OUT" 2>"$T_ERR" </dev/null
	rc=$?
	case " $rcs " in
	*" $rc "*) t_pass "$name: exit $rc" ;;
	*) t_fail "$name" "exit $rc, want $rcs$( [ "$rc" = 124 ] && echo ' (timed out)')$( [ "$rc" -ge 128 ] && echo ' (killed by a signal)'); stderr: $(head -c 300 "$T_ERR")" ;;
	esac
	if [ -n "$text" ]; then t_err "$name: says so" "$text"; fi
	if ls -a "$out" | grep -q '\.tmp\.'; then t_fail "$name: no temp file" "$(ls -a "$out")"; fi
	[ -n "$o" ] && check_output "$name" "$o" "$rc"
}

# check_output NAME FILE RC : 0 wrote FILE; 2, 3, 4 left it as it was; 1 (records
# skipped) either, and what it wrote is whole (JSON parses)
check_output() {
	if [ "$(cat "$2" 2>/dev/null)" = previous ]; then
		case $3 in
		0) t_fail "$1: output written" "'$2' still holds the previous content" ;;
		*) t_pass "$1: previous output intact" ;;
		esac
		return
	fi
	case $3 in
	0 | 1) ;;
	*) t_fail "$1: previous output intact" "'$2' changed"; return ;;
	esac
	case $2 in
	*.json | *.jsonl)
		if "$PY" -c 'import json, sys
for line in (open(sys.argv[1], encoding="utf-8") if sys.argv[1].endswith("l") else [open(sys.argv[1], encoding="utf-8").read()]):
    line.strip() and json.loads(line)' "$2" 2>/dev/null; then t_pass "$1: output written, whole"; else
			t_fail "$1: output written, whole" "'$2' does not parse"; fi ;;
	*) t_pass "$1: output written" ;;
	esac
}

# --- logs: import, report, health --------------------------------------------------------

for cmd in "import -o %O.jsonl" "report -o %O.json"; do
	c=${cmd%% *}
	# shellcheck disable=SC2086
	set -- $cmd
	hostile "$c truncated JSON" "1" "truncated.json:1: truncated JSON" "$@" %I/truncated.json
	hostile "$c garbage JSON" "1" "garbage.json: not valid JSON" "$@" %I/garbage.json
	hostile "$c 100,000-deep array" "1" "deep-array.json: JSON nested deeper than" "$@" %I/deep-array.json
	hostile "$c 100,000-deep object" "1" "deep-object.json: JSON nested deeper than" "$@" %I/deep-object.json
	hostile "$c a ${BIG_MB} MB line" "1" "bigline.jsonl:2: an event larger than" "$@" %I/bigline.jsonl
	hostile "$c NUL bytes" "1" "nul.jsonl: not a log: binary data (NUL bytes)" "$@" %I/nul.jsonl
	hostile "$c invalid and overlong UTF-8" "0" "" "$@" %I/bad-utf8.jsonl
	hostile "$c a BOM" "0" "" "$@" %I/bom.jsonl
	hostile "$c 10,000 columns" "1" "wide.csv:1: cannot tell which columns" "$@" %I/wide.csv
	hostile "$c unterminated quote" "1" "unterminated.csv:3: a quoted field is not closed" "$@" %I/unterminated.csv
	hostile "$c formula cells" "0" "" "$@" %I/formula.csv
	hostile "$c HTML where CSV belongs" "1" "page.csv: not a log: an HTML or XML page" "$@" %I/page.csv
	hostile "$c HTML as --input-format csv" "1" "page.csv:" "$@" --input-format csv %I/page.csv
	hostile "$c random gzip" "1" "random.gz: not a valid gzip stream" "$@" %I/random.gz
	hostile "$c gzip bomb (200 MB of blank lines)" "1" "bomb.jsonl.gz: no data" "$@" %I/bomb.jsonl.gz
	hostile "$c random bytes" "1" "random.bin: not a log format" "$@" %I/random.bin
	hostile "$c random bytes as --input-format mailgun" "1" "random.bin" "$@" --input-format mailgun %I/random.bin
	hostile "$c empty file" "1" "empty.json: no data (empty input)" "$@" %I/empty.json
	hostile "$c a directory" "3" "'$IN/adir' is a directory" "$@" %I/adir
	hostile "$c a missing file" "3" "cannot open '$IN/nope.json'" "$@" %I/nope.json
done
hostile "report: output is a directory" "3" "'$IN/adir': Is a directory" report -o %I/adir --format json \
	%I/bom.jsonl
hostile "health: garbage" "3" "garbage.json: not valid JSON" health %I/garbage.json
hostile "health: a ${BIG_MB} MB line" "3" "bigline.jsonl:2: an event larger than" health %I/bigline.jsonl
hostile "health: a directory" "3" "is a directory" health %I/adir

# the side files: --clients, --thresholds, --stats
hostile "report --clients random bytes" "1" "random.bin:1: expected two columns" report %I/bom.jsonl \
	--clients %I/random.bin -o %O.json
hostile "report --clients a directory" "3" "cannot read '$IN/adir': Is a directory" report %I/bom.jsonl \
	--clients %I/adir -o %O.json
hostile "report --clients unterminated quote" "1" "unterminated.csv:3: a quoted cell is not closed" \
	report %I/bom.jsonl --clients %I/unterminated.csv -o %O.json
hostile "report --thresholds garbage" "2" "garbage.json:1: " report %I/bom.jsonl \
	--thresholds %I/garbage.json -o %O.json
hostile "report --thresholds 100,000-deep" "2" "deep-array.json:1: " report %I/bom.jsonl \
	--thresholds %I/deep-array.json -o %O.json
hostile "report --stats random bytes" "1" "'$IN/random.bin' is not JSON" report %I/bom.jsonl \
	--stats mg.client1.com=%I/random.bin -o %O.json
hostile "report --stats a ${BIG_MB} MB line" "1 3" "bigline.jsonl" report %I/bom.jsonl \
	--stats mg.client1.com=%I/bigline.jsonl -o %O.json
hostile "merge --clients random bytes" "1" "random.bin:1: expected two columns" merge \
	tests/fixtures/report/sample.json --clients %I/random.bin -o %O.json

# formula cells stay text in every report format
hostile "report: formula cells to CSV and XLSX" "0" "" report %I/formula.csv -o %O.csv -o %O.xlsx \
	--unmatched-csv %O.unmatched.csv
f=$OUT/$n
if "$PY" - "$f/r.csv" "$f/r.unmatched.csv" <<'EOF'; then t_pass "formula cells: no CSV cell starts a formula"; else
import csv, sys
bad = [c for p in sys.argv[1:] for row in csv.reader(open(p, encoding="utf-8")) for c in row
       if c[:1] in ("=", "+", "-", "@")]
sys.exit(1 if bad else 0)
EOF
	t_fail "formula cells: no CSV cell starts a formula" "$(cat "$f/r.csv")"; fi
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	if "$PY" - "$f/r.xlsx" <<'EOF'; then t_pass "formula cells: XLSX holds them as text"; else
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
cells = [c for ws in wb for row in ws.iter_rows() for c in row]
texts = [c for c in cells if isinstance(c.value, str) and "cmd|" in c.value]
sys.exit(0 if texts and not [c for c in cells if c.data_type == "f"] else 1)
EOF
		t_fail "formula cells: XLSX holds them as text" "a formula cell in $f/r.xlsx"; fi
else t_skip "formula cells: XLSX" "python3-openpyxl missing"; fi

# --- saved reports: merge, --compare ------------------------------------------------------

hostile "merge: garbage" "3" "garbage.json:1: not a JSON report" merge %I/garbage.json -o %O.json
hostile "merge: 100,000-deep" "3" "deep-array.json:1: not a JSON report" merge %I/deep-array.json -o %O.json
hostile "merge: a ${BIG_MB} MB line" "3" "bigline.jsonl:2: not a JSON report" merge %I/bigline.jsonl -o %O.json
hostile "merge: NUL bytes" "3" "nul.jsonl:1: not a JSON report" merge %I/nul.jsonl -o %O.json
hostile "merge: a BOM" "3" "bom.jsonl:1: not a JSON report" merge %I/bom.jsonl -o %O.json
hostile "merge: empty" "3" "empty.json:1: not a JSON report" merge %I/empty.json -o %O.json
hostile "merge: random bytes" "3" "random.bin:1: not a JSON report" merge %I/random.bin -o %O.json
hostile "merge: a directory" "3" "cannot read '$IN/adir': Is a directory" merge %I/adir -o %O.json
hostile "merge: JSON, not a report" "1" "not-a-report.json' lacks" merge %I/not-a-report.json -o %O.json
hostile "report --compare garbage" "3" "garbage.json:1: not a JSON report" report %I/bom.jsonl \
	--compare %I/garbage.json -o %O.json
hostile "report --compare 50,000 domains" "0" "" report %I/bom.jsonl --compare %I/wide-report.json \
	-o %O.json

# --- the shared sheet: catalogue check and import -----------------------------------------

hostile "catalogue: formula cells are data" "0" "1 entries" catalogue import %I/sheet-formula.csv -o %O.csv
hostile "catalogue: unterminated quote" "1" "sheet-open-quote.csv:3: a quoted cell is not closed" \
	catalogue import %I/sheet-open-quote.csv -o %O.csv
hostile "catalogue: 10,000 columns" "1" "sheet-wide.csv:1: the row has too many columns" \
	catalogue import %I/sheet-wide.csv -o %O.csv
hostile "catalogue: HTML" "1" "no header row found in '$IN/page.csv'" catalogue import %I/page.csv -o %O.csv
hostile "catalogue: random bytes" "1" "random.bin:1: the row is not valid UTF-8" catalogue import %I/random.bin -o %O.csv
hostile "catalogue: empty" "1" "no header row found in '$IN/empty.json'" catalogue import %I/empty.json -o %O.csv
hostile "catalogue: a ${BIG_MB} MB line" "1" "bigline.jsonl" catalogue import %I/bigline.jsonl -o %O.csv
hostile "catalogue: a directory" "3" "cannot read '$IN/adir': Is a directory" catalogue import %I/adir -o %O.csv
hostile "catalogue check: garbage" "1" "no header row found" catalogue check %I/garbage.json
hostile "catalogue check: NUL bytes" "1" "nul.jsonl:1: " catalogue check %I/nul.jsonl
hostile "--catalogue garbage" "1" "no header row found in '$IN/random.bin'" --catalogue %I/random.bin explain 550 5.1.1
t_done
