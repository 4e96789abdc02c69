#!/usr/bin/env python3
"""Writes data/samples/bounces.mbox: the bounce mail that came back to a Gmail / Google
Workspace sender of the demo data (praxis@dentalcare.co, client "Dental Care") in the same
two weeks, as a Google Takeout or Thunderbird mbox export holds it.

The messages are written here (not copied from any corpus), in the shapes real servers
send: Gmail's RFC 3464 reports for failures (also for Outlook.com, Yahoo and iCloud
recipients) and a delay, a plain-text "failure notice" from a receiving server after it had accepted the
mail, and an out-of-office reply (which is no failure); each with the X-GM-THRID and
X-Gmail-Labels headers Takeout adds. Deterministic.
Regenerate: python3 scripts/make-bounces-mbox.py [OUT]"""
import email.utils
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "data/samples/bounces.mbox"
SENDER = "praxis@dentalcare.co"
START = 1794182400  # 2026-11-09T00:00:00Z

# (day, seconds into the day, kind, recipient, status, diagnostic)
BOUNCES = [
    (0, 33000, "gmail", "lena.max17@web.de", "5.1.1",
     "550 5.1.1 Requested action not taken: mailbox unavailable"),
    (1, 41000, "gmail", "tim.paul88@gmx.de", "5.2.2",
     "552 5.2.2 Mailbox full: quota exceeded"),
    (2, 38000, "gmail", "sophie.noah5@outlook.com", "5.7.515",
     "550 5.7.515 Access denied, sending domain dentalcare.co doesn't meet the required "
     "authentication level. The sender's domain in the 5322.From address doesn't meet the "
     "authentication requirements defined for the sender."),
    (3, 45000, "gmail", "ben.felix301@gmail.com", "5.1.1",
     "550 5.1.1 The email account that you tried to reach does not exist. Please try "
     "double-checking the recipient's email address for typos or unnecessary spaces."),
    (4, 30000, "delay", "clara.jan42@t-online.de", "4.4.1",
     "421 4.4.1 Connection timed out while talking to mx00.t-online.de"),
    (6, 52000, "gmail", "mia.lara120@yahoo.com", "5.7.9",
     "554 5.7.9 Message not accepted for policy reasons. See "
     "https://help.yahoo.com/kb/postmaster"),
    (8, 36000, "text", "jonas.eva77@gmx.de", "",
     "550 5.1.1 mailbox unavailable"),
    (9, 40000, "ooo", "anna.greta9@web.de", "", ""),
    (11, 47000, "gmail", "paul.hannah250@outlook.com", "5.1.10",
     "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient paul.hannah250@outlook.com not "
     "found by SMTP address lookup"),
    (13, 34000, "gmail", "emma.tom63@icloud.com", "5.7.1",
     "554 5.7.1 [CS01] Message rejected due to local policy. Please visit "
     "https://support.apple.com/en-us/HT204137"),
]


def date(t):
    return email.utils.formatdate(t, usegmt=True)


def original(i, rcpt, t):
    return ("From: Zahnarztpraxis <%s>\nTo: %s\nSubject: Ihr Termin in der Praxis\n"
            "Message-ID: <termin-%03d@dentalcare.co>\nDate: %s\n" % (SENDER, rcpt, i, date(t)))


def gmail_report(i, rcpt, status, diag, t, action="failed"):
    delay = action == "delayed"
    dom = rcpt.split("@")[1]
    human = ("Message not delivered yet\n\nThere was a temporary problem delivering your "
             "message to %s. Gmail will retry for 46 more hours. You'll be notified if the "
             "delivery fails permanently.\n" % rcpt) if delay else (
             "Address not found\n\nYour message wasn't delivered to %s because the address "
             "couldn't be found, or is unable to receive mail.\n" % rcpt)
    return ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: %s\n"
            "Subject: Delivery Status Notification (%s)\n"
            "Message-ID: <bounce-%03d@mx.google.com>\nDate: %s\nAuto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; "
            "report-type=delivery-status; boundary=\"b%03d\"\n\n"
            "--b%03d\nContent-Type: text/plain; charset=UTF-8\n\n%s\n"
            "The response from the remote server was:\n%s\n\n"
            "--b%03d\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; googlemail.com\nArrival-Date: %s\n\n"
            "Final-Recipient: rfc822; %s\nAction: %s\nStatus: %s\nRemote-MTA: dns; mx.%s\n"
            "Diagnostic-Code: smtp; %s\nLast-Attempt-Date: %s\n\n"
            "--b%03d\nContent-Type: text/rfc822-headers\n\n%s\n--b%03d--\n"
            % (SENDER, "Delay" if delay else "Failure", i, date(t + 60), i, i, human, diag,
               i, date(t), rcpt, action, status, dom, diag, date(t + 60), i,
               original(i, rcpt, t), i))


def text_bounce(i, rcpt, diag, t):
    return ("From: MAILER-DAEMON@mx.gmx.example\nTo: %s\nSubject: failure notice\n"
            "Message-ID: <fail-%03d@mx.gmx.example>\nDate: %s\n\n"
            "This is the mail system at mx.gmx.example. Your message was accepted but could\n"
            "not be delivered to the following address. This is a permanent error.\n\n"
            "<%s>:\n%s\n\n--- Below this line is a copy of the message.\n\n%s\nTermin.\n"
            % (SENDER, i, date(t + 3600), rcpt, diag, original(i, rcpt, t)))


def out_of_office(i, rcpt, t):
    return ("From: Anna Greta <%s>\nTo: %s\nSubject: Abwesenheitsnotiz: Ihr Termin in der "
            "Praxis\nMessage-ID: <ooo-%03d@web.de>\nDate: %s\nAuto-Submitted: auto-replied\n\n"
            "Ich bin bis zum 30. November nicht im Haus und lese Ihre Nachricht danach.\n"
            % (rcpt, SENDER, i, date(t + 120)))


def main():
    parts = []
    for i, (day, sec, kind, rcpt, status, diag) in enumerate(BOUNCES):
        t = START + day * 86400 + sec
        if kind == "gmail":
            msg = gmail_report(i, rcpt, status, diag, t)
        elif kind == "delay":
            msg = gmail_report(i, rcpt, status, diag, t, "delayed")
        elif kind == "text":
            msg = text_bounce(i, rcpt, diag, t)
        else:
            msg = out_of_office(i, rcpt, t)
        body = "".join((">" + l if l.lstrip(">").startswith("From ") else l)
                       for l in msg.splitlines(True))
        # Google Takeout adds Gmail's own headers to each message
        parts.append("From %d@xxx %s\nX-GM-THRID: %d\nX-Gmail-Labels: Inbox,Unread\n%s\n" % (
            1700000000000000000 + i, email.utils.time.asctime(email.utils.time.gmtime(t + 60)),
            1700000000000000000 + i, body))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
