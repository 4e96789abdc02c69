#!/bin/sh
# test_regress.sh - replays, through each fuzz target's own checks but without libFuzzer,
# every input a fuzzer once crashed on (tests/fixtures/regress/<target>/), the committed
# corpus (tests/fuzz/corpus/<target>/) and the seeds made from the test fixtures. Runs in
# every test pass, so the sanitizer build replays them under ASan+UBSan.
. tests/cli/lib.sh
: "${TEST_BIN_DIR:=build/tests}"
: "${PY:=python3}"
"$PY" tests/fuzz/seed "$T_TMP/seeds" || t_fail "seeds" "tests/fuzz/seed failed"
for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	bin=$TEST_BIN_DIR/fuzz/replay_$t
	if [ ! -x "$bin" ]; then
		t_fail "$t" "$bin is not built (make unit-tests)"
		continue
	fi
	for d in "tests/fixtures/regress/$t" "tests/fuzz/corpus/$t" "$T_TMP/seeds/$t"; do
		[ -n "$(ls "$d" 2>/dev/null)" ] || continue
		case $d in "$T_TMP"/*) what="seeds from the fixtures" ;; *) what=$d ;; esac
		if "$bin" "$d" >"$T_OUT" 2>"$T_ERR"; then
			t_pass "$t: $what ($(sed -n 's/^replayed //p' "$T_OUT"))"
		else
			t_fail "$t: $what" "$(tail -n 5 "$T_ERR")"
		fi
	done
done
t_done
