# test_cli_basics.sh - the command-line frame and the catalogue commands as a user meets
# them: help for every command, exit codes, catalogue selection order, import/export
# round trips. (explain: test_explain.sh.)
. tests/cli/lib.sh
F=tests/fixtures/catalogue
export HOME="$T_TMP/home" XDG_DATA_HOME="$T_TMP/xdg"
unset SENDHEALTH_CATALOGUE

# every command in the table `sendhealth help` prints
cmds=$("$SENDHEALTH" help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "$(echo $cmds | wc -w)" -ge 8 ] && t_pass "help lists every command" || t_fail "help lists every command" "$cmds"
for c in $cmds; do
	t_run "$c --help exits 0" 0 "$c" --help
	t_out "$c --help prints usage" "Usage: sendhealth"
	t_empty_err "$c --help prints nothing on stderr"
done
for c in "fetch mailgun" "fetch sendgrid"; do
	t_run "$c --help exits 0" 0 $c --help
	t_out "$c --help prints usage" "Usage: sendhealth"
done
for c in info list check import export sync; do
	t_run "catalogue $c --help exits 0" 0 catalogue "$c" --help
	t_out "catalogue $c --help prints usage" "Usage: sendhealth"
done
t_run "help lists commands" 0 help
t_out "help names explain" "explain"
t_run "--version" 0 --version
t_out "--version prints it" "sendhealth "
t_run "no command is a usage error" 2
t_err "usage error gives a hint" "Try 'sendhealth help'"
t_run "unknown command" 2 frobnicate
t_err "unknown command named" "unknown command 'frobnicate'"
t_run "bad --lang" 2 --lang fr explain x
t_run "unknown option" 2 explain --bogus x
t_err "unknown option hint" "Try 'sendhealth explain --help'"

# which catalogue is in use
t_run "built-in catalogue" 0 catalogue info
t_out "info names the built-in" "built-in"
t_run "export csv" 0 catalogue export -o "$T_TMP/cat.csv"
t_run "import our own export" 0 catalogue import -o "$T_TMP/cat2.csv" "$T_TMP/cat.csv"
if cmp -s "$T_TMP/cat.csv" "$T_TMP/cat2.csv"; then t_pass "export then import is byte-identical"; else
	t_fail "export then import is byte-identical" "files differ"; fi
rows=$(grep -c '' data/catalogue.csv)
t_run "export json" 0 catalogue export --format json
n=$("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(len(d), all("meaning" in e and "id" in e for e in d))' <"$T_OUT")
[ "$n" = "$(( $(python3 -c 'import csv;print(len(list(csv.reader(open("data/catalogue.csv")))))') - 1 )) True" ] &&
	t_pass "json export has every entry" || t_fail "json export has every entry" "got $n"

t_run "import a German sheet layout to the synced copy" 1 catalogue import "$F/sheet-de.csv"
t_err "bad row reported with file:line" "sheet-de.csv:9:"
t_err "import says where it wrote" "wrote 3 entries"
[ -f "$XDG_DATA_HOME/sendhealth/catalogue.csv" ] && t_pass "synced copy written" || t_fail "synced copy written" "missing"
t_run "synced copy is now in use" 0 catalogue info
t_out "info names the synced copy" "synced copy"
t_out "info counts its rows" "rows: 3"
t_run "known row kept its built-in id" 0 explain --json "from parameter is missing"
t_out "id from the built-in catalogue" "mailgun-400-from-missing"
SENDHEALTH_CATALOGUE="$T_TMP/cat.csv" t_run "environment beats the synced copy" 0 catalogue info
t_out "info names the environment" "SENDHEALTH_CATALOGUE"
t_run "--catalogue beats everything" 0 --catalogue "$T_TMP/cat.csv" catalogue info
t_out "info names --catalogue" "(--catalogue)"
t_run "--catalogue missing file is an I/O error" 3 --catalogue "$T_TMP/nope.csv" catalogue info
t_err "missing file named" "cannot open '$T_TMP/nope.csv'"

cp "$XDG_DATA_HOME/sendhealth/catalogue.csv" "$T_TMP/before.csv"
t_run "import without a header writes nothing" 1 catalogue import "$F/no-header.csv"
t_err "no header explained" "no header row found"
cmp -s "$T_TMP/before.csv" "$XDG_DATA_HOME/sendhealth/catalogue.csv" && t_pass "previous catalogue intact" ||
	t_fail "previous catalogue intact" "changed"
ls -a "$XDG_DATA_HOME/sendhealth" | grep -q '\.tmp\.' && t_fail "no temp file left" "found one" || t_pass "no temp file left"
t_run "check a good file" 0 catalogue check data/catalogue.csv
t_run "check a sheet with a bad row" 1 catalogue check "$F/sheet-de.csv"
t_err "check names the line" "sheet-de.csv:9: cannot read the code 'abc'"
t_run "check a directory" 3 catalogue check tests
t_err "directory named" "Is a directory"
# CLI habits (issue 12): never "unchanged" for a file that did not exist; garbage cut
t_run "import nothing to a new file" 1 catalogue import -o "$T_TMP/never.csv" "$F/no-header.csv"
t_err "import nothing: the file was not written" "'$T_TMP/never.csv' was not written"
t_nerr() { if grep -qF -- "$2" "$T_ERR"; then t_fail "$1" "found '$2'"; else t_pass "$1"; fi; }
t_nerr "import nothing: not 'unchanged'" "is unchanged"
[ ! -e "$T_TMP/never.csv" ] && t_pass "import nothing: no file" || t_fail "import nothing: no file" "exists"
t_run "a 3000-character command" 2 "$(printf '%3000s' '' | tr ' ' 'z')"
t_err "the command is cut" "unknown command '$(printf '%60s' '' | tr ' ' 'z')…'"
t_run "a 3000-character option" 2 report "--$(printf '%3000s' '' | tr ' ' 'z')"
t_err "the option is cut" "unknown option '--$(printf '%58s' '' | tr ' ' 'z')…'"
t_run "-v after the command" 3 catalogue info -v --catalogue "$T_TMP/nope.csv"
t_done
