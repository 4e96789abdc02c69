#!/bin/sh
# test_explain.sh - `sendhealth explain` as a user pastes an error: the issue's example
# errors to the entries a user expects, how it matched, --all and --provider, --json, the
# German texts and labels, the catalogue it reads, and the exit codes (1: not in the
# catalogue, 2: nothing or something unusable to explain).
. tests/cli/lib.sh
export HOME="$T_TMP/home" XDG_DATA_HOME="$T_TMP/xdg"
unset SENDHEALTH_CATALOGUE

# the issue's examples, each to the entry a user expects
while IFS='|' read -r want text; do
	t_run "explain: $text" 0 explain --json "$text"
	t_out "explain: $text -> $want" "\"id\": \"$want\""
done <<'CASES'
gmail-550-5.7.26-dmarc|550 5.7.26 Unauthenticated email from x.com is not accepted due to domain's DMARC policy
outlook-0x800ccc0e|0x800CCC0E
mailgun-too-old|Too old
mailgun-400-free-account|Domain mg.acme.io is not allowed to send: Free accounts are for test purposes only. Please upgrade or add the address to authorized recipients in Account Settings.
rfc3463-x.2.2|X.2.2
rfc3463-x.2.2|5.2.2
gmail-421-4.3.0-eenvelope-bulk|{"code":"EENVELOPE","response":"421 4.3.0 Temporary System Problem. Try again later","responseCode":421}
CASES
t_run "explain joins unquoted words" 0 explain 550 5.1.1 The email account that you tried to reach does not exist
t_out "explain joined words match gmail" "gmail-550-5.1.1"
t_run "explain shows how it matched" 0 explain "Too old"
t_out "explain says message pattern" "Matched by message"
t_run "explain --all lists candidates" 0 explain --all --provider gmail 421 4.7.0
t_out "--all has the TLS row" "gmail-421-4.7.0-tls-required"
t_out "--all has the whitelist row" "gmail-421-4.7.0-ip-not-whitelisted"
t_run "explain --lang de is the seed's German" 0 --lang de explain 0x800CCC0E
t_out "german meaning verbatim" "Verbindung zum Server nicht möglich"
t_out "german labels" "Bedeutung"
# a 4xx over an RFC 3463 row that leaves the category open: the code class's category first
t_run "explain a 4xx with an open X.2.0" 0 explain --json "451 4.2.0 resources short right now, try again later"
eq "a 4xx with an open X.2.0 is transient" "$("$PY" -c 'import json,sys; print(json.load(sys.stdin)["category"])' < "$T_OUT")" "transient"
# a 4xx no entry and no evidence explains: its class, as a report would count it
t_run "explain a 4xx with unknown words" 0 explain --json "451 Ein Fehler ist aufgetreten, qqq zzz"
eq "a 4xx with unknown words is transient by its class" \
	"$("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["category"], d["match"], d["id"])' < "$T_OUT")" \
	"transient basic code class None"
t_run "a 5xx with unknown words is not in the catalogue" 1 explain "550 qqq zzz unheard of"
t_run "not in the catalogue exits 1" 1 explain "qqq zzz unheard of"
t_err "not in the catalogue says so" "is not in the catalogue"
t_run "explain with nothing is a usage error" 2 explain
t_run "explain --provider must be known" 2 explain --provider yahoo x

# labels in the chosen language, aligned by characters (umlauts take one column)
t_run "English labels" 0 explain 0x800CCC0E
for l in "Meaning" "Solution" "Category" "Action" "Matched by"; do t_out "English label: $l" "  $l "; done
t_run "German labels" 0 --lang de explain 0x800CCC0E
for l in "Bedeutung  " "Lösung     " "Glossar    " "Kategorie  " "Maßnahme   " "Treffer    "; do
	t_out "German label aligned: $l" "  $l"
done

# --json: an object, or with --all an array, best first
t_run "--json is one object" 0 explain --json "Too old"
eq "--json: the entry's fields" "$("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(type(d).__name__, d["id"], d["category"], d["action"])' < "$T_OUT")" \
	"dict mailgun-too-old expired clear_error"
t_run "--json --all is an array" 0 explain --json --all --provider gmail 421 4.7.0
eq "--all --provider: the provider's entries first" \
	"$("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(type(d).__name__, len(d) > 1, d[0]["provider"])' < "$T_OUT")" \
	"list True gmail"
t_run "-a and -p" 0 explain -a -p gmail 421 4.7.0
t_out "-a lists the whitelist row" "gmail-421-4.7.0-ip-not-whitelisted"

# the catalogue it reads: --catalogue replaces the built-in one
printf '%s\n' 'id,provider,section,http_status,smtp_code,enhanced_code,outlook_code,message,pattern,severity,category,action,meaning_de,solution_de,glossary_de,meaning_en,solution_en,glossary_en' \
	'own-frobnicated,smtp,Own,,550,,,frobnicated beyond repair,frobnicated beyond repair,permanent,recipient_invalid,remove_addresses,Kaputt,Entfernen,,Broken,Remove it,' >"$T_TMP/own.csv"
t_run "--catalogue: an entry of its own" 0 --catalogue "$T_TMP/own.csv" explain "550 frobnicated beyond repair"
t_out "--catalogue: found there" "own-frobnicated"
t_run "--catalogue: the built-in entries are gone" 1 --catalogue "$T_TMP/own.csv" explain "0x800CCC0E"
t_run "--catalogue missing" 3 --catalogue "$T_TMP/nope.csv" explain "Too old"
t_err "--catalogue missing is named" "nope.csv"

# the command line
t_run "--help exits 0" 0 explain --help
t_out "--help names --provider" "--provider P"
t_run "an empty text" 2 explain ""
t_err "an empty text says so" "nothing to explain"
t_run "--provider needs a value" 2 explain --provider
t_err "--provider's value missing" "option '--provider' needs an argument"
t_err "unknown provider hint" "Try 'sendhealth explain --help'"
t_run "unknown provider named" 2 explain --provider yahoo 550
t_err "unknown provider says which" "unknown provider 'yahoo'"

# the evidence across the whole text: a block list beats "connection refused"
t_run "why: block list over weak words" 0 explain --why "554 5.7.1 Client host [203.0.113.9] blocked using zen.spamhaus.org; connection refused"
t_out "why: the category" "reputation_block"
t_out "why: the evidence line" "Evidence   reputation_block, weight"
t_out "why: the block list named" "block list 'spamhaus' 8"
t_out "why: the provider" "provider Spamhaus"
t_run "why: no entry, the evidence alone" 0 explain "421 Too many sessions from 203.0.113.5, closing"
t_out "why: evidence alone says so" "(evidence)"
t_out "why: evidence alone gives the category" "rate_limit (Rate limit or quota)"
t_no_out "why: no evidence line without --why" "Evidence"
t_run "why: JSON lists the evidence" 0 explain --json "421 Too many sessions from 203.0.113.5, closing"
t_out "why: JSON evidence words" '"words": "too many sessions"'
t_out "why: JSON no entry" '"id": null'
t_run "why: German label" 0 --lang de explain --why "554 5.7.1 blocked using zen.spamhaus.org"
t_out "why: German evidence label" "Indizien"
t_run "why: nothing certain is still not explained" 1 explain "550 zork happened"

# each explained error names the catalogue layer that explained it
t_run "layer: built-in entry" 0 explain "Too old"
t_out "layer: text names it" "Layer      built-in (built-in catalogue)"
t_run "layer: German label" 0 --lang de explain "Too old"
t_out "layer: German text" "Ebene      built-in (eingebauter Katalog)"
t_run "layer: JSON" 0 explain --json "Too old"
t_out "layer: JSON key" '"layer": "built-in"'
# CLI habits (issue 12): global options after the command, '-' reads standard input, a long
# garbage argument is cut in the message
t_run "--lang after the text" 0 explain 0x800CCC0E --lang de
t_out "--lang after the text: German labels" "  Bedeutung "
t_out "--lang after the text: the seed's German" "Verbindung zum Server nicht möglich"
t_run "--catalogue after the command" 3 explain x --catalogue "$T_TMP/nope.csv"
t_err "--catalogue after the command: used" "cannot open '$T_TMP/nope.csv'"
printf '550 5.1.1 The email account that you tried to reach does not exist.\n Please try\n' >"$T_TMP/reply.txt"
T_STDIN="$T_TMP/reply.txt" t_run "explain - reads standard input" 0 explain --json -
t_out "explain -: the pasted reply matched" '"enhanced_code": "5.1.1"'
t_no_out "explain -: not the text '-'" '"text": "-"'
t_run "explain - with empty input" 2 explain -
t_err "explain - with empty input: said" "nothing to explain"
G=$(printf '%3000s' '' | tr ' ' 'q')
t_run "a 3000-character garbage text" 1 explain "$G"
t_err "the text is cut at 60 characters" "'$(printf '%60s' '' | tr ' ' 'q')…' is not in the catalogue"
[ "$(wc -c <"$T_ERR")" -lt 300 ] && t_pass "the message stays short" || t_fail "the message stays short" "$(wc -c <"$T_ERR") bytes"
t_done
