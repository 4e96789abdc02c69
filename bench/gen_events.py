#!/usr/bin/env python3
"""gen_events.py - realistic send-failure logs for `make bench`, deterministic (fixed seed:
the same arguments give the same bytes).

  gen_events.py mailgun  N OUT   Mailgun Events API items as JSON Lines, ~900 bytes an event
  gen_events.py sendgrid N OUT   one SendGrid Event Webhook batch (a JSON array)
  gen_events.py sendgrid-lines N OUT   SendGrid webhook POST bodies stored one per line
                                 (a JSON array of 1,000 events a line)
  gen_events.py csv N OUT        a CRM's failure export: date,to,from,code,response
  gen_events.py nodemailer N OUT Nodemailer error objects as JSON Lines
  (our own records are `sendhealth import` of the Mailgun file: bench/bench.py makes them)
  OUT may be '-' (stdout), so that 10M events can be piped into a reader without a file.
  --part K/P writes only the K-th of P parts (0-based) of the N events, with its own seed,
  so that P generators can feed P pipes at once.

The mix: 85 % failures, 15 % delivered; 40 sending domains; 10 recipient domains (Gmail,
Outlook, Yahoo, GMX, web.de, T-Online); the replies are the real texts of those providers
and of Mailgun / SendGrid themselves, with what differs per message in them as in real logs
(Gmail's per-message id, Outlook's front-end host, the sending IP). Recipients come from a
population of 20 million addresses, so that sets of distinct addresses are exercised."""
import base64
import datetime
import json
import random
import sys

SEED = 20261127
SPAN = 14 * 86400          # two weeks of events
START = 1794182400         # 2026-11-09 00:00 UTC
POPULATION = 20_000_000

FIRST = ("anna ben clara david emma felix greta hannah jan jonas lara lena leon lukas mia "
         "noah paul sophie tim zoe max lisa finn marie nina tom elias ida karl lotta").split()
LAST = ("mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch "
        "richter klein wolf neumann schwarz braun zimmermann hartmann krueger lange werner "
        "smith jones brown garcia miller davis lopez wilson").split()
CLIENTS = ("bakery-mueller.de fitstudio.com acme.io weinhaus-koch.de bikeshop24.de "
           "praxis-dr-lange.de hotel-seeblick.at modehaus-wolf.de techstart.io gartenwelt.de "
           "kanzlei-richter.de yogaflow.com petfood-direct.de autohaus-becker.de "
           "buchladen-am-markt.de zahnarzt-schulz.de reisebuero-sonne.de stadtwerke-nord.de "
           "immobilien-hartmann.de cafe-zimmermann.de").split()
# 40 sending domains: two per client (a marketing and a transactional subdomain)
SENDERS = ["mg." + c for c in CLIENTS] + ["news." + c for c in CLIENTS]
assert len(SENDERS) == 40

PROVIDER_DOMAINS = {
    "gmail": ("gmail.com", "googlemail.com"),
    "outlook": ("outlook.com", "hotmail.com", "live.com"),
    "yahoo": ("yahoo.com", "aol.com"),
    "gmx": ("gmx.de", "web.de"),
    "tonline": ("t-online.de",),
}
ALL_DOMAINS = sum(PROVIDER_DOMAINS.values(), ())
assert len(ALL_DOMAINS) == 10
MX = {"gmail": "gmail-smtp-in.l.google.com", "outlook": "outlook-com.olc.protection.outlook.com",
      "yahoo": "mta7.am0.yahoodns.net", "gmx": "mx00.emig.gmx.net", "tonline": "mx00.t-online.de"}

# (weight, provider, mailgun severity, reason, code, enhanced, message template)
# Fields in templates: {ip} sending IP, {gid} Gmail's per-message id, {host} Outlook's
# front end, {dom} the sending client's domain, {bare} that domain without the subdomain.
FAILURES = [
    (22, "gmail", "permanent", "bounce", 550, "5.1.1",
     "550 5.1.1 The email account that you tried to reach does not exist. Please try "
     "double-checking the recipient's email address for typos or unnecessary spaces. For more "
     "information, go to https://support.google.com/mail/?p=NoSuchUser {gid} - gsmtp"),
    (7, "gmail", "temporary", "generic", 421, "4.7.28",
     "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your "
     "IP address. To protect our users from spam, mail sent from your IP address has been "
     "temporarily rate limited. For more information, go to "
     "https://support.google.com/mail/?p=UnsolicitedRateLimitError {gid} - gsmtp"),
    (4, "gmail", "permanent", "generic", 550, "5.7.26",
     "550 5.7.26 Unauthenticated email from {bare} is not accepted due to domain's DMARC "
     "policy. Please contact the administrator of {bare} domain if this was a legitimate mail. "
     "To learn about the DMARC initiative, go to "
     "https://support.google.com/mail/?p=DmarcRejection {gid} - gsmtp"),
    (3, "gmail", "permanent", "bounce", 552, "5.2.2",
     "552 5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to "
     "https://support.google.com/mail/?p=OverQuotaPerm {gid} - gsmtp"),
    (9, "outlook", "permanent", "bounce", 550, "5.5.0",
     "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [{host}]"),
    (7, "outlook", "temporary", "generic", 451, "4.7.650",
     "4.7.650 The mail server [{ip}] has been temporarily rate limited due to IP reputation. "
     "For e-mail delivery information, see https://aka.ms/postmaster (S775) "
     "[Name=Protocol Filter Agent] [{host}]"),
    (4, "outlook", "permanent", "generic", 550, "5.7.1",
     "550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet "
     "service provider since part of their network is on our block list (S3150). You can also "
     "refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [{host}]"),
    (7, "yahoo", "temporary", "generic", 421, "4.7.0",
     "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or "
     "user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"),
    (5, "yahoo", "permanent", "bounce", 554, "",
     "554 delivery error: dd This user doesn't have a yahoo.com account ({rcpt}) [0] - "
     "mta4471.mail.bf1.yahoo.com"),
    (2, "yahoo", "permanent", "generic", 554, "5.7.9",
     "554 5.7.9 Message not accepted for policy reasons.  See "
     "https://postmaster.yahooinc.com/error-codes"),
    (2, "gmx", "permanent", "generic", 554, "5.7.1",
     "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service "
     "554-Bad DNS PTR resource record. 554 For explanation visit "
     "https://postmaster.gmx.net/en/case?c=r0601&i=ip&v={ip}&r=1MNt1-1r"),
    (2, "gmx", "permanent", "bounce", 550, "5.1.1",
     "Requested action not taken: mailbox unavailable"),
    (2, "tonline", "permanent", "generic", 554, "",
     "554 IP={ip} - A problem occurred. (Ask your postmaster for help or to contact "
     "tosa@rx.t-online.de to clarify.) (BL)"),
    # Mailgun's own verdicts: no SMTP conversation, the reason says it
    (9, "*", "permanent", "suppress-bounce", 605, "", ""),
    (3, "*", "permanent", "old", 602, "", "Too old"),
    (1, "*", "permanent", "suppress-complaint", 607, "", ""),
    (1, "*", "permanent", "suppress-unsubscribe", 606, "", ""),
]
DESCRIPTIONS = {605: "Not delivering to previously bounced address",
                607: "Not delivering to a user who marked your messages as spam",
                606: "Not delivering to unsubscribed address"}


def cumulative(rows):
    out, t = [], 0
    for r in rows:
        t += r[0]
        out.append(t)
    return out, t


FAIL_CUM, FAIL_TOTAL = cumulative(FAILURES)


class Gen:
    def __init__(self, n, part=0):
        self.rnd = random.Random(SEED + part)
        self.n = n
        self.step = SPAN / max(n, 1)

    def token(self, k):
        """k letters and digits (base64 of random bits, '+' and '/' swapped for letters)."""
        b = self.rnd.getrandbits(6 * k + 8).to_bytes((6 * k + 15) // 8, "little")
        return base64.b64encode(b, b"xZ")[:k].decode()

    def pick_failure(self):
        x = int(self.rnd.random() * FAIL_TOTAL)
        lo, hi = 0, len(FAIL_CUM) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if FAIL_CUM[mid] > x:
                hi = mid
            else:
                lo = mid + 1
        return FAILURES[lo]

    def common(self, i):
        """What every event of either ESP needs: time, ids, sender, recipient."""
        r = self.rnd
        k = int(r.random() * POPULATION)
        local = "%s.%s%d" % (FIRST[k % 30], LAST[(k // 30) % 30], k // 900)
        client = CLIENTS[int(r.random() * 20)]
        sender_dom = ("mg." if r.random() < 0.6 else "news.") + client
        ts = START + i * self.step + r.random() * self.step
        return r, local, client, sender_dom, ts

    def fill(self, tmpl, client, sender_dom, rcpt, ip):
        if not tmpl:
            return tmpl
        gid = "%s%d-%s.%d" % ("abcdefghz"[int(self.rnd.random() * 9)], int(self.rnd.random() * 100),
                              self.token(12), int(self.rnd.random() * 1000))
        host = "%s.eurprd0%d.prod.outlook.com" % (self.token(16).upper(),
                                                  1 + int(self.rnd.random() * 8))
        return tmpl.format(ip=ip, gid=gid, host=host, dom=sender_dom, bare=client, rcpt=rcpt)


MG_TAIL = ('"flags":{"is-authenticated":true,"is-test-mode":false},'
           '"log-level":"%s","user-variables":{"customer_id":"%d"}}\n')


def mailgun_event(g, i):
    r, local, client, sender_dom, ts = g.common(i)
    ip = "198.51.100.%d" % (1 + int(r.random() * 254))
    msgid = "%d.%s@%s" % (int(ts), g.token(10), sender_dom)
    if r.random() < 0.15:
        dom = ALL_DOMAINS[int(r.random() * 10)]
        rcpt = local + "@" + dom
        kind, sev = "delivered", None
        ds = ('{"tls":true,"mx-host":"%s","code":250,"description":"","attempt-no":1,'
              '"message":"OK"}' % ("mx." + dom))
        head = '"event":"delivered",'
    else:
        w, prov, sev, reason, code, enh, tmpl = g.pick_failure()
        doms = ALL_DOMAINS if prov == "*" else PROVIDER_DOMAINS[prov]
        dom = doms[int(r.random() * (len(doms)))]
        rcpt = local + "@" + dom
        msg = g.fill(tmpl, client, sender_dom, rcpt, ip)
        desc = DESCRIPTIONS.get(code, "")
        ds = ('{"tls":true,"mx-host":"%s","code":%d,"description":"%s","attempt-no":%d,'
              '"enhanced-code":"%s","message":"%s"}'
              % (MX.get(prov, ""), code, desc, 1 + int(r.random() * 3), enh, msg))
        head = '"event":"failed","severity":"%s","reason":"%s",' % (sev, reason)
    return ('{%s"id":"%s","timestamp":%.6f,"envelope":{"sender":"bounce+%s@%s","transport":'
            '"smtp","sending-ip":"%s","targets":"%s"},"message":{"headers":{"to":"%s",'
            '"message-id":"%s","from":"News <news@%s>"},"size":%d},"recipient":"%s","recipient-domain":"%s",'
            '"tags":["newsletter","november"],"delivery-status":%s,'
            % (head, g.token(22), ts, g.token(8), sender_dom, ip, rcpt, rcpt, msgid, sender_dom,
               2000 + int(r.random() * 80000), rcpt, dom, ds)
            + MG_TAIL % ("info" if sev is None else "warn" if sev == "temporary" else "error",
                         int(r.random() * (10 ** 8))))


SG_BOUNCE_CLASS = {"5.1.1": "Invalid Address", "5.2.2": "Mailbox Unavailable",
                   "5.7.26": "Unauthenticated", "5.7.1": "Reputation", "5.5.0": "Invalid Address",
                   "5.7.9": "Content", "": "Unclassified"}


def sendgrid_event(g, i):
    r, local, client, sender_dom, ts = g.common(i)
    ip = "149.72.%d.%d" % (int(r.random() * 256), 1 + int(r.random() * 254))
    base = ('"timestamp":%d,"smtp-id":"<%s@ismtpd-%d>","sg_event_id":"%s","sg_message_id":'
            '"%s.filter%04d.%d.0","category":["newsletter","november"],"from":"hello@%s"'
            % (int(ts), g.token(16), int(r.random() * 1000), g.token(22), g.token(16),
               int(r.random() * 2000), int(ts), sender_dom))
    if r.random() < 0.15:
        dom = ALL_DOMAINS[int(r.random() * 10)]
        return ('{"email":"%s@%s","event":"delivered",%s,"response":"250 2.0.0 OK %s",'
                '"ip":"%s","tls":1}' % (local, dom, base, g.token(12), ip))
    w, prov, sev, reason, code, enh, tmpl = g.pick_failure()
    doms = ALL_DOMAINS if prov == "*" else PROVIDER_DOMAINS[prov]
    dom = doms[int(r.random() * (len(doms)))]
    rcpt = local + "@" + dom
    if prov == "*":
        why = {605: "Bounced Address", 607: "Spam Reporting Address",
               606: "Unsubscribed Address"}.get(code, "Bounced Address")
        return ('{"email":"%s","event":"dropped",%s,"reason":"%s","status":"5.0.0"}'
                % (rcpt, base, why))
    msg = g.fill(tmpl, client, sender_dom, rcpt, ip)
    if sev == "temporary":
        return ('{"email":"%s","event":"deferred",%s,"response":"%s","attempt":"%d"}'
                % (rcpt, base, msg, 1 + int(r.random() * 5)))
    typ = "blocked" if enh in ("5.7.1", "5.7.26", "5.7.9") or code == 554 else "bounce"
    return ('{"email":"%s","event":"bounce",%s,"reason":"%s","status":"%s","type":"%s",'
            '"bounce_classification":"%s","ip":"%s","tls":1}'
            % (rcpt, base, msg, enh or "5.0.0", typ, SG_BOUNCE_CLASS.get(enh, "Unclassified"), ip))


def failure_fields(g, i):
    """A failure as a CRM or Nodemailer logs it: time, recipient, sender, code, reply."""
    r, local, client, sender_dom, ts = g.common(i)
    ip = "198.51.100.%d" % (1 + int(r.random() * 254))
    w, prov, sev, reason, code, enh, tmpl = g.pick_failure()
    if prov == "*":  # an ESP's own verdict has no SMTP reply: a CRM sees a generic reject
        prov, code, tmpl = "gmx", 550, "Requested action not taken: mailbox unavailable"
    doms = PROVIDER_DOMAINS[prov]
    rcpt = local + "@" + doms[int(r.random() * len(doms))]
    return ts, rcpt, "hello@" + sender_dom, code, g.fill(tmpl, client, sender_dom, rcpt, ip)


def iso(ts, sep="T", z="Z"):
    return datetime.datetime.fromtimestamp(int(ts), datetime.timezone.utc).strftime(
        "%Y-%m-%d" + sep + "%H:%M:%S") + z


def csv_row(g, i):
    ts, rcpt, sender, code, msg = failure_fields(g, i)
    if msg[3:4] == "-":  # a multi-line reply (Gmail's 421-4.7.28) as a CRM stores it
        msg = msg.replace(" To protect", "\nTo protect", 1)
    if any(c in msg for c in ',"\n'):
        msg = '"' + msg.replace('"', '""') + '"'
    return "%s,%s,%s,%d,%s\n" % (iso(ts, " ", ""), rcpt, sender, code, msg)


def nodemailer_event(g, i):
    ts, rcpt, sender, code, msg = failure_fields(g, i)
    return json.dumps({"code": "EENVELOPE", "response": msg, "responseCode": code,
                       "command": "RCPT TO", "message": "Can't send mail - all recipients were "
                       "rejected: " + msg, "recipient": rcpt, "timestamp": iso(ts),
                       "from": sender}, separators=(",", ":")) + "\n"


def lines(w, make, lo, hi, g):
    batch = []
    for i in range(lo, hi):
        batch.append(make(g, i))
        if len(batch) == 4096:
            w("".join(batch))
            batch = []
    w("".join(batch))


FORMATS = ("mailgun", "sendgrid", "sendgrid-lines", "csv", "nodemailer")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--part")]
    part = [a for a in sys.argv[1:] if a.startswith("--part")]
    if len(args) != 3 or args[0] not in FORMATS:
        sys.exit("usage: gen_events.py %s N OUT|- [--part K/P]" % "|".join(FORMATS))
    fmt, n, path = args[0], int(args[1]), args[2]
    k, p = (int(x) for x in part[0].split("=", 1)[-1].split("/")) if part else (0, 1)
    g = Gen(n, k if p > 1 else 0)
    lo, hi = n * k // p, n * (k + 1) // p
    out = sys.stdout if path == "-" else open(path + ".part", "w")
    w = out.write
    try:
        if fmt == "mailgun":
            lines(w, mailgun_event, lo, hi, g)
        elif fmt == "nodemailer":
            lines(w, nodemailer_event, lo, hi, g)
        elif fmt == "csv":
            w("date,to,from,code,response\n")  # each part is a file of its own
            lines(w, csv_row, lo, hi, g)
        elif fmt == "sendgrid-lines":
            for b in range(lo, hi, 1000):
                w("[" + ",".join(sendgrid_event(g, i) for i in range(b, min(b + 1000, hi)))
                  + "]\n")
        else:
            w("[\n")
            batch = []
            for i in range(lo, hi):
                batch.append(sendgrid_event(g, i))
                if len(batch) == 4096:
                    w(",\n".join(batch) + (",\n" if i + 1 < hi else ""))
                    batch = []
            w(",\n".join(batch))
            w("\n]\n")
        out.flush()
    except BrokenPipeError:
        sys.exit(1)
    if path != "-":
        out.close()
        import os
        os.replace(path + ".part", path)


main()
