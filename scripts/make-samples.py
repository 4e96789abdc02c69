#!/usr/bin/env python3
"""Writes the bundled demo data in data/samples/ (deterministic: fixed seed).

Two weeks (2026-11-09 to 2026-11-22) of an agency's sending for five clients:
  mailgun-events.jsonl   Mailgun Events API items as JSON Lines (accepted, delivered,
                         failed, rejected, complained) for three client domains
  sendgrid-webhook.json  a SendGrid Event Webhook batch (JSON array) for one client
  smtp-failures.csv      a CRM's log of Gmail / Google Workspace SMTP sends for one client
  clients.csv            client,domain

Every failure text is one real servers or ESPs send (see ../shared/reference and the
corpus). Regenerate: python3 scripts/make-samples.py [OUTDIR]"""
import csv
import json
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "data/samples"
START = 1794182400  # 2026-11-09T00:00:00Z, a Monday (ISO week 2026-W46)
DAYS = 14
rnd = random.Random(47)

FIRST = ["anna", "ben", "clara", "david", "emma", "felix", "greta", "hannah", "jonas", "lena",
         "max", "mia", "noah", "paul", "sophie", "tim", "lara", "jan", "eva", "tom"]
RCPT_DOMAINS = [("gmail.com", 40), ("outlook.com", 18), ("hotmail.com", 6), ("yahoo.com", 8),
                ("web.de", 10), ("gmx.de", 9), ("t-online.de", 5), ("icloud.com", 4)]


def rcpt(domain=None):
    if domain is None:
        domain = rnd.choices([d for d, _ in RCPT_DOMAINS], [w for _, w in RCPT_DOMAINS])[0]
    return "%s.%s%d@%s" % (rnd.choice(FIRST), rnd.choice(FIRST), rnd.randrange(1, 400), domain)


def when(day=None):
    day = rnd.randrange(DAYS) if day is None else day
    # office hours, more on weekdays
    return START + day * 86400 + rnd.randrange(7 * 3600, 19 * 3600) + rnd.random()


def mg_id():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rnd.choice(alphabet) for _ in range(22))


def mailgun_event(kind, domain, to, ts, status=None, severity=None, reason=None, extra=None):
    ev = {
        "event": kind, "id": mg_id(), "timestamp": round(ts, 6),
        "log-level": {"delivered": "info", "accepted": "info", "failed": "error"}.get(kind, "warn"),
        "envelope": {"sender": "news@" + domain, "transport": "smtp", "targets": to},
        "message": {"headers": {"from": "Newsletter <news@%s>" % domain, "to": to,
                                "message-id": "%d.%s@%s" % (int(ts), mg_id()[:8], domain),
                                "subject": "Your November update"}, "size": rnd.randrange(8000, 60000)},
        "recipient": to, "recipient-domain": to.split("@")[1], "tags": ["newsletter"],
        "flags": {"is-authenticated": True, "is-test-mode": False}, "user-variables": {},
    }
    if severity:
        ev["severity"] = severity
        ev["log-level"] = "error" if severity == "permanent" else "warn"
    if reason:
        ev["reason"] = reason
    if status:
        ev["delivery-status"] = status
    if extra:
        ev.update(extra)
    return ev


def ds(code, message, enhanced="", description="", attempt=1, mx=""):
    d = {"code": code, "message": message, "description": description, "attempt-no": attempt,
         "enhanced-code": enhanced, "session-seconds": round(rnd.uniform(0.2, 2.5), 3)}
    if mx:
        d["mx-host"] = mx
    return d


GMAIL_NOUSER = ("550 5.1.1 The email account that you tried to reach does not exist. Please try "
                "double-checking the recipient's email address for typos or unnecessary spaces. "
                "For more information, go to https://support.google.com/mail/?p=NoSuchUser "
                "%s - gsmtp")
GMAIL_DMARC = ("550 5.7.26 Unauthenticated email from %s is not accepted due to domain's DMARC "
               "policy. Please contact the administrator of %s domain if this was a legitimate "
               "mail. To learn about the DMARC initiative, go to "
               "https://support.google.com/mail/?p=DmarcRejection %s - gsmtp")
OUTLOOK_THROTTLE = ("4.7.650 The mail server [198.51.100.%d] has been temporarily rate limited "
                    "due to IP reputation. For e-mail delivery information, see "
                    "https://aka.ms/postmaster (S775) [Name=Protocol Filter Agent]")
OUTLOOK_NOTFOUND = ("550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
                    "[AM4PEPF00027A6C.eurprd04.prod.outlook.com]")
YAHOO_DEFER = ("421 4.7.0 [TSS04] Messages from 198.51.100.%d temporarily deferred due to "
               "unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes")
WEBDE_BLOCK = ("554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service "
               "554-Bad DNS PTR resource record. 554 For explanation visit "
               "https://postmaster.gmx.net/en/case?c=r0601&i=ip&v=198.51.100.%d&r=1MNt1-1r")
MAILBOX_FULL = "552 5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm %s - gsmtp"
UNVERIFIED = ("Domain %s is not allowed to send: The domain is unverified and requires DNS "
              "configuration. Log in to your control panel to view required DNS records.")


def gid():
    return "%s%d-%s.%d" % (rnd.choice("abcdefgh"), rnd.randrange(10, 99), mg_id()[:12], rnd.randrange(100, 999))


def mailgun_samples():
    out = []
    # mg.acme.io: a healthy shop newsletter with the usual mix of problems
    for day in range(DAYS):
        for _ in range(rnd.randrange(120, 180)):
            to = rcpt()
            ts = when(day)
            out.append(mailgun_event("accepted", "mg.acme.io", to, ts - 2, extra={"method": "http"}))
            out.append(mailgun_event("delivered", "mg.acme.io", to, ts,
                                     ds(250, "OK", mx="mx.%s" % to.split("@")[1])))
    for _ in range(46):
        to = rcpt("gmail.com")
        ts = when()
        out.append(mailgun_event("accepted", "mg.acme.io", to, ts - 2, extra={"method": "http"}))
        out.append(mailgun_event("failed", "mg.acme.io", to, ts,
                                 ds(550, GMAIL_NOUSER % gid(), "5.1.1", mx="gmail-smtp-in.l.google.com"),
                                 "permanent", "bounce"))
    for _ in range(31):
        to = rcpt(rnd.choice(["outlook.com", "hotmail.com"]))
        out.append(mailgun_event("failed", "mg.acme.io", to, when(),
                                 ds(451, OUTLOOK_THROTTLE % rnd.randrange(2, 250), "4.7.650",
                                    mx="outlook-com.olc.protection.outlook.com"),
                                 "temporary", "generic", {"delivery-status": dict(
                                     ds(451, OUTLOOK_THROTTLE % 7, "4.7.650"), **{"retry-seconds": 600})}))
    for _ in range(12):
        to = rcpt(rnd.choice(["outlook.com", "yahoo.com"]))
        ts = when()
        out.append(mailgun_event("accepted", "mg.acme.io", to, ts - 28800, extra={"method": "http"}))
        out.append(mailgun_event("failed", "mg.acme.io", to, ts, ds(602, "Too old", attempt=8),
                                 "permanent", "old"))
    for _ in range(17):
        to = rcpt()
        ts = when()
        out.append(mailgun_event("accepted", "mg.acme.io", to, ts - 1, extra={"method": "http"}))
        out.append(mailgun_event("failed", "mg.acme.io", to, ts,
                                 ds(605, "", description="Not delivering to previously bounced address"),
                                 "permanent", "suppress-bounce"))
    for _ in range(22):
        out.append(mailgun_event("failed", "mg.acme.io", rcpt("yahoo.com"), when(),
                                 ds(421, YAHOO_DEFER % rnd.randrange(2, 250), "4.7.0",
                                    mx="mta7.am0.yahoodns.net"), "temporary", "generic"))
    for _ in range(4):
        to = rcpt("gmail.com")
        ts = when()
        out.append(mailgun_event("accepted", "mg.acme.io", to, ts - 1, extra={"method": "http"}))
        out.append(mailgun_event("failed", "mg.acme.io", to, ts,
                                 ds(552, MAILBOX_FULL % gid(), "5.2.2"), "permanent", "bounce"))
    for _ in range(3):
        out.append(mailgun_event("complained", "mg.acme.io", rcpt(), when()))

    # mg.client3.com: a new client whose sending domain was never verified
    for _ in range(118):
        to = rcpt()
        ev = mailgun_event("rejected", "mg.client3.com", to, when(),
                           extra={"reject": {"reason": UNVERIFIED % "mg.client3.com", "description": ""}})
        out.append(ev)
    # mg.bakery-mueller.de: small list, a DMARC problem at Gmail and a PTR block at GMX/web.de
    for day in range(DAYS):
        for _ in range(rnd.randrange(45, 75)):
            to = rcpt()
            ts = when(day)
            out.append(mailgun_event("accepted", "mg.bakery-mueller.de", to, ts - 3, extra={"method": "smtp"}))
            out.append(mailgun_event("delivered", "mg.bakery-mueller.de", to, ts, ds(250, "OK")))
    for _ in range(27):
        to = rcpt("gmail.com")
        ts = when()
        out.append(mailgun_event("accepted", "mg.bakery-mueller.de", to, ts - 3, extra={"method": "smtp"}))
        out.append(mailgun_event("failed", "mg.bakery-mueller.de", to, ts,
                                 ds(550, GMAIL_DMARC % ("bakery-mueller.de", "bakery-mueller.de", gid()), "5.7.26"),
                                 "permanent", "generic"))
    for _ in range(14):
        to = rcpt(rnd.choice(["web.de", "gmx.de"]))
        ts = when()
        out.append(mailgun_event("accepted", "mg.bakery-mueller.de", to, ts - 3, extra={"method": "smtp"}))
        out.append(mailgun_event("failed", "mg.bakery-mueller.de", to, ts,
                                 ds(554, WEBDE_BLOCK % rnd.randrange(2, 250), "5.7.1"),
                                 "permanent", "generic"))
    for _ in range(9):
        to = rcpt("outlook.com")
        ts = when()
        out.append(mailgun_event("accepted", "mg.bakery-mueller.de", to, ts - 3, extra={"method": "smtp"}))
        out.append(mailgun_event("failed", "mg.bakery-mueller.de", to, ts,
                                 ds(550, OUTLOOK_NOTFOUND, "5.5.0"), "permanent", "bounce"))
    out.sort(key=lambda e: e["timestamp"])
    with open(os.path.join(OUT, "mailgun-events.jsonl"), "w") as f:
        for e in out:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")


def sendgrid_samples():
    out = []
    n = 0

    def sg(event, email, ts, **kw):
        nonlocal n
        n += 1
        e = {"email": email, "timestamp": int(ts), "event": event,
             "smtp-id": "<%s@ismtpd-%d>" % (mg_id()[:16], rnd.randrange(100, 999)),
             "sg_event_id": mg_id(), "sg_message_id": "%s.filter%04d.%d.0" % (mg_id()[:16], n % 9999, int(ts)),
             "category": ["fitness", "november"], "from": "hello@send.fitstudio.com"}
        e.update(kw)
        out.append(e)

    for day in range(DAYS):
        for _ in range(rnd.randrange(40, 60)):
            to = rcpt()
            ts = when(day)
            sg("processed", to, ts - 1)
            sg("delivered", to, ts, response="250 2.0.0 OK " + gid(), ip="149.72.1.%d" % rnd.randrange(2, 250), tls=1)
    for _ in range(23):
        to = rcpt("gmail.com")
        ts = when()
        sg("processed", to, ts - 1)
        sg("bounce", to, ts, reason=GMAIL_NOUSER % gid(), status="5.1.1", type="bounce",
           bounce_classification="Invalid Address", ip="149.72.1.9", tls=1)
    for _ in range(11):
        to = rcpt(rnd.choice(["outlook.com", "hotmail.com"]))
        ts = when()
        sg("processed", to, ts - 1)
        sg("bounce", to, ts,
           reason="550 5.7.1 Unfortunately, messages from [149.72.1.9] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
           status="5.7.1", type="blocked", bounce_classification="Reputation", ip="149.72.1.9")
    for _ in range(16):
        sg("deferred", rcpt("yahoo.com"), when(), response=YAHOO_DEFER % 9, attempt=str(rnd.randrange(1, 6)))
    for _ in range(8):
        to = rcpt()
        ts = when()
        sg("processed", to, ts - 1)
        sg("dropped", to, ts, reason="Bounced Address", status="5.0.0")
    for _ in range(2):
        sg("spamreport", rcpt(), when())
    out.sort(key=lambda e: e["timestamp"])
    with open(os.path.join(OUT, "sendgrid-webhook.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def smtp_samples():
    rows = []
    for day in range(DAYS):
        for _ in range(rnd.randrange(8, 14)):
            rows.append((when(day), rcpt(), "delivered", "250", "250 2.0.0 OK  %s - gsmtp" % gid()))
    for _ in range(19):
        rows.append((when(), rcpt(), "failed", "421",
                     '{"code":"EENVELOPE","response":"421 4.3.0 Temporary System Problem.  Try again later (10). %s - gsmtp","responseCode":421,"command":"DATA"}' % gid()))
    for _ in range(6):
        rows.append((when(), rcpt(), "failed", "550",
                     "550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 %s - gsmtp" % gid()))
    for _ in range(3):
        rows.append((when(), "", "failed", "535",
                     "535-5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials %s - gsmtp" % gid()))
    rows.sort()
    with open(os.path.join(OUT, "smtp-failures.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "from", "to", "event", "code", "response"])
        for ts, to, ev, code, resp in rows:
            day = ts - START
            w.writerow(["2026-11-%02dT%02d:%02d:%02dZ" % (9 + int(day // 86400), int(day % 86400 // 3600),
                                                          int(day % 3600 // 60), int(day % 60)),
                        "praxis@dentalcare.co", to, ev, code, resp])


def clients():
    with open(os.path.join(OUT, "clients.csv"), "w") as f:
        f.write("client,domain\nACME Shop,acme.io\nClient Three,client3.com\n"
                "Bäckerei Müller,bakery-mueller.de\nFit Studio,fitstudio.com\nDental Care,dentalcare.co\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    mailgun_samples()
    sendgrid_samples()
    smtp_samples()
    clients()
