#!/bin/sh
# test_mail.sh - bounce mail as an input of import, report and health: one .eml, a
# directory, a Maildir (cur/ and new/), an mbox (">From " unquoted), a gzip mbox, standard
# input, --input-format mail|mbox; the same bounce read twice counts once; a bad message
# is named (file:line: message N) and the run goes on. Messages: tests/fixtures/mail/
# (written for this test).
. tests/cli/lib.sh
M=tests/fixtures/mail
export SOURCE_DATE_EPOCH=1800000000
unset SENDHEALTH_CATALOGUE
export XDG_DATA_HOME="$T_TMP/xdg" HOME="$T_TMP/home"

# recipients of the records import wrote, sorted, space-separated
rcpts() { "$PY" -c 'import json,sys
print(" ".join(sorted(json.loads(l)["event"] + ":" + json.loads(l)["recipient"] for l in open(sys.argv[1]) if l.strip())))' "$T_OUT"; }

t_run "one .eml: a report with two failed recipients" 0 import "$M/dsn-two.eml"
eq "one record per failed recipient" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example"
t_out "the sending domain comes from the returned original" '"sending_domain":"shop.example"'
t_out "the original Message-ID" '"message_id":"offer-0302@shop.example"'
t_out "the diagnostic is the message" 'User unknown in virtual mailbox table'
t_out "the source is mail" '"source":"mail"'

t_run "an out-of-office reply" 0 import "$M/out-of-office.eml"
eq "is no failure" "$(rcpts)" ""
t_run "a complaint" 0 import "$M/complaint.eml"
eq "is a complaint for the original recipient" "$(rcpts)" "complained:reader@isp.example"

# a directory and a Maildir
t_run "a directory of messages" 0 import "$M"
eq "every bounce of it" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example complained:reader@isp.example deferred:slow@third.example"
mkdir -p "$T_TMP/Maildir/cur" "$T_TMP/Maildir/new" "$T_TMP/Maildir/tmp"
cp "$M/dsn-two.eml" "$T_TMP/Maildir/cur/1772445900.M1P1.host:2,S"
cp "$M/plain-text.eml" "$T_TMP/Maildir/new/1772611200.M2P2.host"
cp "$M/delayed.eml" "$T_TMP/Maildir/tmp/1772611300.M3P3.host"
t_run "a Maildir: cur/ and new/, not tmp/" 0 import "$T_TMP/Maildir"
eq "the messages of cur/ and new/" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example"

# an mbox: From_ separators, >From unquoted, gzip, stdin
for f in dsn-two plain-text delayed; do
	echo "From MAILER-DAEMON Mon Mar  2 10:05:00 2026"
	sed 's/^From /\>From /' "$M/$f.eml"
	echo
done >"$T_TMP/bounces.mbox"
printf '>From the shop, with love\nFrom a line that follows text: no separator\n' >>"$T_TMP/bounces.mbox"
t_run "an mbox" 0 import "$T_TMP/bounces.mbox"
eq "each message of it" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example deferred:slow@third.example"
tr '\n' '\r' <"$T_TMP/bounces.mbox" >"$T_TMP/cr.mbox"
t_run "an mbox with bare CR line ends" 0 import "$T_TMP/cr.mbox"
eq "the same records" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example deferred:slow@third.example"
sed 's/$/\r/' "$T_TMP/bounces.mbox" >"$T_TMP/crlf.mbox"
t_run "an mbox with CRLF line ends" 0 import "$T_TMP/crlf.mbox"
eq "the same records" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example deferred:slow@third.example"
gzip -c "$T_TMP/bounces.mbox" >"$T_TMP/bounces.mbox.gz"
t_run "a gzip mbox" 0 import "$T_TMP/bounces.mbox.gz"
eq "the same records" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example deferred:slow@third.example"
"$SENDHEALTH" import - <"$M/plain-text.eml" >"$T_OUT" 2>"$T_ERR"
eq "standard input" "$(rcpts)" "bounce:gone@fourth.example"
t_run "--input-format mbox on an mbox" 0 import --input-format mbox "$T_TMP/bounces.mbox"
eq "reads it" "$(rcpts | wc -w | tr -d ' ')" 4
t_run "--input-format mail on a message" 0 import --input-format mail "$M/delayed.eml"
eq "reads it" "$(rcpts)" "deferred:slow@third.example"

# the same bounce twice (an mbox export and the mailbox) counts once
t_run "the same bounces in a directory and an mbox" 0 import "$M" "$T_TMP/bounces.mbox"
eq "count once" "$(rcpts | wc -w | tr -d ' ')" 5
t_err "the duplicates are counted" "4 duplicates dropped"

{ printf 'X-GM-THRID: 1\nX-Gmail-Labels: Inbox\n'; cat "$M/dsn-two.eml"; } >"$T_TMP/takeout.eml"
t_run "the same bounce from a Takeout export and the mailbox" 0 import "$T_TMP/takeout.eml" "$M/dsn-two.eml"
eq "counts once though only one copy names the provider" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example"

# a bad message: named, counted, the rest read
{
	cat "$T_TMP/bounces.mbox"
	echo
	echo "From MAILER-DAEMON Mon Mar  2 11:00:00 2026"
	printf 'this is not a mail message at all\n\n'
	echo "From MAILER-DAEMON Mon Mar  2 12:00:00 2026"
	cat "$M/complaint.eml"
} >"$T_TMP/bad.mbox"
t_run "an mbox with a message that is no mail" 1 import "$T_TMP/bad.mbox"
t_err "names file, line and message" "bad.mbox:$(grep -n '^From MAILER-DAEMON Mon Mar  2 11' "$T_TMP/bad.mbox" | cut -d: -f1): message 4: not a mail message"
eq "and reads the rest" "$(rcpts | wc -w | tr -d ' ')" 5

# a bounce that names no failed recipient (no report, no address in its text, no returned
# original): said and counted, not dropped in silence
printf 'From: System Administrator <postmaster@dest.example>\nTo: nina@shop.example\nSubject: Undeliverable: Spring offer\nDate: Mon, 2 Mar 2026 12:05:00 +0000\n\nYour message did not reach some or all of the intended recipients.\n\n  Karl Berg on 3/2/2026 12:05 PM\n    The e-mail account does not exist at the organization this message was sent to.\n' >"$T_TMP/norcpt.eml"
t_run "a bounce that names no recipient" 1 import "$T_TMP/norcpt.eml"
t_err "... is named with its file" "norcpt.eml:1: a bounce that names no failed recipient"
t_err "... and counted" "1 record skipped (1 mail_no_recipient)"

# report and health take them like any other input
t_run "report over an mbox and a directory" 0 report -f json -o "$T_TMP/r.json" "$T_TMP/bounces.mbox" "$M"
eq "failures counted once" "$(jq_ "$T_TMP/r.json" 'd["totals"]["failures"]')" 4
t_run "health over a Maildir (too few sent to judge: exit 3)" 3 health "$T_TMP/Maildir"
t_out "names the sending domain" "shop.example"
# import --classify: each failure's category and catalogue entry, for every input format
cls() { "$PY" -c 'import json,sys
print(" ".join(sorted("%s:%s:%s" % (d["recipient"], d["category"], d["catalogue_id"]) for d in map(json.loads, open(sys.argv[1])))))' "$T_OUT"; }
t_run "import --classify on mail" 0 import --classify "$M/dsn-two.eml" "$M/out-of-office.eml" "$M/complaint.eml"
eq "categories and entries" "$(cls)" "ann@dest.example:recipient_invalid:smtp-user-unknown full@other.example:mailbox_full:smtp-mailbox-full reader@isp.example:None:None"
t_run "import --classify on a Mailgun log" 0 import --classify tests/fixtures/import/mailgun-jsonl/events.jsonl
t_out "a Mailgun failure gets its category" '"category":"'
"$SENDHEALTH" import --classify "$M" >"$T_TMP/classified.jsonl" 2>/dev/null
t_run "classified records read back as records" 0 import "$T_TMP/classified.jsonl"
eq "the same records" "$(rcpts)" "bounce:ann@dest.example bounce:full@other.example bounce:gone@fourth.example complained:reader@isp.example deferred:slow@third.example"
# the demo mbox is what its script writes, and reads as nine failures of a Gmail sender
"$PY" scripts/make-bounces-mbox.py "$T_TMP/demo.mbox"
if cmp -s "$T_TMP/demo.mbox" data/samples/bounces.mbox; then t_pass "data/samples/bounces.mbox is the script's"; else
	t_fail "data/samples/bounces.mbox is the script's" "run python3 scripts/make-bounces-mbox.py"; fi
t_run "the demo mbox" 0 import data/samples/bounces.mbox
eq "nine records, none for the out-of-office reply" "$(rcpts | wc -w | tr -d ' ')" 9
t_no_out "the out-of-office sender is no failure" "anna.greta9@web.de"
t_out "the sender is a Gmail sender" '"esp":"gmail","sending_domain":"dentalcare.co"'

# the corpus's bounces mangled as mail gets mangled on its way: every line end LF, CRLF or
# CR at random, every header field twice, and an mbox whose blank lines before "From " were
# lost - the same records as the messages as they are
C=../shared/corpus/bounces
if [ -d "$C/eml" ]; then
	mkdir -p "$T_TMP/mangled"
	"$PY" - "$C/eml" "$T_TMP/mangled" <<'EOF'
import os, random, sys
rnd = random.Random(7)
for name in sorted(os.listdir(sys.argv[1])):
    b = open(os.path.join(sys.argv[1], name), 'rb').read().replace(b'\r\n', b'\n')
    end = b.find(b'\n\n')
    head, body = (b[:end], b[end:]) if end >= 0 else (b, b'')
    fields = []
    for l in head.split(b'\n'):
        if l[:1] in (b' ', b'\t') and fields:
            fields[-1] += b'\n' + l
        else:
            fields.append(l)
    lines = (b'\n'.join(f + b'\n' + f for f in fields) + body).split(b'\n')
    ends = [rnd.choice([b'\n', b'\r\n', b'\r']) for _ in lines[:-1]]
    for i in range(1, len(ends)):  # CR, then an empty line's LF, is one CRLF
        if ends[i - 1] == b'\r' and lines[i] == b'' and ends[i] == b'\n':
            ends[i] = b'\r\n'
    out = b''.join(l + e for l, e in zip(lines, ends)) + lines[-1]
    open(os.path.join(sys.argv[2], name), 'wb').write(out)
EOF
	"$SENDHEALTH" import -f mail "$C/eml" >"$T_OUT" 2>"$T_ERR"
	want=$(rcpts)
	t_run "the corpus with mixed line ends and doubled header fields" 1 import -f mail "$T_TMP/mangled"
	eq "the same records" "$(rcpts)" "$want"
	tr -d '\r' <"$C/mbox/mbox-0" | "$PY" -c 'import sys; sys.stdout.write(sys.stdin.read().replace("\n\nFrom ", "\nFrom "))' >"$T_TMP/glued.mbox"
	"$SENDHEALTH" import -f mbox "$C/mbox/mbox-0" >"$T_OUT" 2>"$T_ERR"
	want=$(rcpts)
	t_run "the corpus mbox without the blank lines before its separators" 1 import -f mbox "$T_TMP/glued.mbox"
	eq "the same records" "$(rcpts)" "$want"
else
	t_skip "the mangled corpus" "$C is absent"
fi
t_done
