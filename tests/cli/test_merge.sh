#!/bin/sh
# test_merge.sh - `sendhealth merge`: reports of disjoint inputs merged into exactly the
# report one run over all of them gives, in any output format; counts add up, windows
# widen, clients are mapped at merge time; anything that is not a report is refused.
. tests/cli/lib.sh
W=tests/fixtures/report/week
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"

# merge of disjoint inputs equals one run
t_run "shard a" 0 report "$W/mailgun.jsonl" -o "$T_TMP/a.json"
t_run "shard b" 0 report "$W/sendgrid.json" -o "$T_TMP/b.json"
t_run "both at once" 0 report "$W/mailgun.jsonl" "$W/sendgrid.json" -o "$T_TMP/ab.json"
t_run "merge the shards" 0 merge "$T_TMP/a.json" "$T_TMP/b.json" -o "$T_TMP/m.json"
if cmp -s "$T_TMP/ab.json" "$T_TMP/m.json"; then t_pass "merge equals a single run, byte for byte"; else
	t_fail "merge equals a single run" "$(diff "$T_TMP/ab.json" "$T_TMP/m.json" | head -10)"; fi
t_run "merge refuses a non-report" 1 merge "$W/sendgrid.json"

# shards cut from one log, reported in parallel (GNU parallel) and merged: every number is
# the one run's, the distinct invalid addresses included (the same address fails in every
# shard, so summing the shards' counts would say four times too many)
if command -v parallel >/dev/null 2>&1; then
	awk 'BEGIN { for (i = 0; i < 6000; i++)
		printf "{\"event\":\"failed\",\"id\":\"e%d\",\"timestamp\":%d,\"severity\":\"permanent\",\"recipient\":\"user%d@gmail.com\",\"envelope\":{\"sender\":\"news@mg.shard.example\"},\"delivery-status\":{\"code\":550,\"enhanced-code\":\"5.1.1\",\"message\":\"550 5.1.1 The email account that you tried to reach does not exist\"}}\n", i, 1794224646 + i, i % 1500 }' \
		>"$T_TMP/shard-log.jsonl"
	mkdir -p "$T_TMP/shards"
	split -l 1500 "$T_TMP/shard-log.jsonl" "$T_TMP/shards/part-"
	ls "$T_TMP/shards"/part-* | parallel -j 2 "$SENDHEALTH" -q report {} -o {}.json
	t_run "merge the parallel shards" 0 merge "$T_TMP"/shards/part-*.json -o "$T_TMP/shards-merged.json"
	t_run "one run over the same files" 0 report "$T_TMP"/shards/part-?? -o "$T_TMP/shards-one.json"
	if cmp -s "$T_TMP/shards-one.json" "$T_TMP/shards-merged.json"; then
		t_pass "parallel shards merged equal one run, byte for byte"
	else
		t_fail "parallel shards merged equal one run" \
			"$(diff "$T_TMP/shards-one.json" "$T_TMP/shards-merged.json" | head -10)"
	fi
	eq "the distinct addresses are counted once" \
		"$(jq_ "$T_TMP/shards-merged.json" '[a["addresses"] for a in d["actions"] if "addresses" in a]')" \
		"[1500]"
	eq "each shard alone counts its own" \
		"$(jq_ "$T_TMP/shards/part-aa.json" '[a["addresses"] for a in d["actions"] if "addresses" in a]')" \
		"[1500]"
else
	t_skip "parallel shards" "GNU parallel is not installed (scripts/install-deps test)"
fi

# the formats: JSON on stdout by default, else by -f or the -o extension
t_run "JSON to stdout" 0 merge "$T_TMP/a.json" "$T_TMP/b.json"
cp "$T_OUT" "$T_TMP/stdout.json"
if cmp -s "$T_TMP/stdout.json" "$T_TMP/m.json"; then t_pass "stdout holds the same JSON"; else
	t_fail "stdout holds the same JSON" "$(diff "$T_TMP/stdout.json" "$T_TMP/m.json" | head -5)"; fi
t_run "-f text" 0 merge -f text "$T_TMP/a.json" "$T_TMP/b.json"
t_out "-f text is the summary" "Deliverability report"
t_run "-o .xlsx" 0 merge "$T_TMP/a.json" "$T_TMP/b.json" -o "$T_TMP/m.xlsx"
eq "-o .xlsx writes a workbook" "$(head -c 2 "$T_TMP/m.xlsx")" "PK"
t_run "-o .csv" 0 merge "$T_TMP/a.json" "$T_TMP/b.json" -o "$T_TMP/m.csv"
eq "-o .csv: a header and one row per error" "$(wc -l < "$T_TMP/m.csv" | tr -d ' ')" 7
t_run "an XLSX report to stdout is refused" 2 merge -f xlsx "$T_TMP/a.json"
t_err "it says how" "an XLSX report needs a file"

# counts add up: the same report twice counts twice
t_run "a report merged with itself" 0 merge "$T_TMP/a.json" "$T_TMP/a.json" -o "$T_TMP/aa.json"
eq "failures doubled" "$(jq_ "$T_TMP/aa.json" 'd["totals"]["failures"]')" \
	"$(jq_ "$T_TMP/a.json" '2 * d["totals"]["failures"]')"
eq "categories doubled" "$(jq_ "$T_TMP/aa.json" '[c["count"] for c in d["categories"]]')" \
	"$(jq_ "$T_TMP/a.json" '[2 * c["count"] for c in d["categories"]]')"

# a report saved before address sets were (its count of invalid addresses only) merged with
# a newer one, and that merge merged again: the count it summed is kept, still "about"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["address_set"]; json.dump(d, open(sys.argv[2], "w"))' \
	"$T_TMP/a.json" "$T_TMP/a-old.json"
t_run "an old report and a new one" 0 merge "$T_TMP/a-old.json" "$T_TMP/b.json" -o "$T_TMP/old1.json"
t_run "that merge merged again" 0 merge "$T_TMP/old1.json" -o "$T_TMP/old2.json"
want=$(jq_ "$T_TMP/a.json" 'sum(a["addresses"] for a in d["actions"] if "addresses" in a)')
want=$((want + $(jq_ "$T_TMP/b.json" 'sum(a["addresses"] for a in d["actions"] if "addresses" in a)')))
eq "the old report's addresses are summed with the new one's" \
	"$(jq_ "$T_TMP/old1.json" '[a["addresses"] for a in d["actions"] if "addresses" in a]')" "[$want]"
if cmp -s "$T_TMP/old1.json" "$T_TMP/old2.json"; then t_pass "merging it again changes nothing"; else
	t_fail "merging it again changes nothing" "$(diff "$T_TMP/old1.json" "$T_TMP/old2.json" | head -10)"; fi
eq "the count stays an estimate" \
	"$(jq_ "$T_TMP/old2.json" '[a["text"].split(" invalid")[0] for a in d["actions"] if "addresses" in a]')" \
	"['Remove about $want']"

# windows widen to the span of the shards'
t_run "week 47" 0 report --week 2026-W47 "$W/mailgun.jsonl" -o "$T_TMP/w47.json"
t_run "week 48" 0 report --week 2026-W48 "$W/mailgun.jsonl" -o "$T_TMP/w48.json"
t_run "two weeks merged" 0 merge "$T_TMP/w47.json" "$T_TMP/w48.json" -o "$T_TMP/w.json"
eq "the period spans both weeks" "$(jq_ "$T_TMP/w.json" '[d["period"][k] for k in ("source", "start", "end")]')" \
	"['window', '2026-11-16T00:00:00Z', '2026-11-30T00:00:00Z']"
t_run "a week and a report without a window" 0 merge "$T_TMP/w47.json" "$T_TMP/b.json" -o "$T_TMP/wb.json"
eq "no window then: the events' own span" "$(jq_ "$T_TMP/wb.json" 'd["period"]["source"]')" "data"

# clients mapped when merging
t_run "--clients at merge time" 0 merge --clients "$W/clients.csv" "$T_TMP/a.json" "$T_TMP/b.json" -o "$T_TMP/mc.json"
eq "domains get their clients" "$(jq_ "$T_TMP/mc.json" 'sorted((x["domain"], x["client"]) for x in d["domains"])')" \
	"[('mg.a.com', 'Alpha'), ('mg.b.com', 'Beta'), ('send.c.com', 'Gamma')]"

# the command line
t_run "--help exits 0" 0 merge --help
t_out "--help names --clients" "--clients FILE"
t_no_out "--help has no input options" "--since"
t_run "nothing to merge" 2 merge
t_err "nothing to merge says so" "no report to merge"
t_run "unknown option" 2 merge --bogus "$T_TMP/a.json"
t_run "unknown --format" 2 merge -f pdf "$T_TMP/a.json"
t_err "--format names the formats" "--format takes xlsx, json, text or csv, not 'pdf'"
t_run "unknown extension" 2 merge "$T_TMP/a.json" -o "$T_TMP/m.pdf"
t_err "unknown extension: use --format" "cannot tell the format of"
t_absent "unknown extension: nothing written" "$T_TMP/m.pdf"
t_run "a missing report" 3 merge "$T_TMP/a.json" "$T_TMP/missing.json"
t_err "the missing report is named" "missing.json"
t_run "an input option is not merge's" 2 merge --since 7d "$T_TMP/a.json"
t_done
