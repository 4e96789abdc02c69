#!/usr/bin/env python3
"""gen_mailgun.py - writes SIZE_MB of realistic Mailgun events as JSON Lines (the shape of
the Events API items: failed temporary/permanent, delivered, accepted, opened) for the
ingest benchmark. Deterministic: the same size gives the same file.
Usage: gen_mailgun.py SIZE_MB OUT [--pretty-array]"""
import json, random, sys

def event(i, rnd):
    kind = rnd.choice(["failed", "failed", "delivered", "delivered", "accepted", "opened"])
    dom = rnd.choice(["gmail.com", "outlook.com", "yahoo.com", "web.de", "gmx.de", "t-online.de"])
    rcpt = "user%d@%s" % (rnd.randrange(10**6), dom)
    ts = 1700000000 + i * 0.37 + rnd.random()
    e = {
        "event": kind, "id": "%022x" % rnd.getrandbits(88), "timestamp": round(ts, 6),
        "log-level": "warn" if kind == "failed" else "info",
        "envelope": {"sender": "news@mail.acme%d.io" % (i % 7), "transport": "smtp",
                     "sending-ip": "198.51.100.%d" % (i % 250), "targets": rcpt},
        "flags": {"is-routed": False, "is-authenticated": True, "is-system-test": False,
                  "is-test-mode": False},
        "message": {"headers": {"to": rcpt, "message-id": "%d.%x@mail.acme.io" % (i, i * 7919),
                                "from": "Acme News <news@mail.acme.io>",
                                "subject": "Your weekly digest no. %d" % (i % 52)},
                    "attachments": [], "size": rnd.randrange(2000, 90000)},
        "recipient": rcpt, "recipient-domain": dom, "campaigns": [],
        "tags": ["newsletter", "week-%d" % (i % 52)],
        "user-variables": {"customer_id": str(rnd.randrange(10**8)), "list": "main"},
        "storage": {"url": "https://storage-us-east4.api.mailgun.net/v3/domains/mail.acme.io/messages/%x" % i,
                    "key": "%x" % i},
    }
    if kind == "failed":
        if rnd.random() < 0.5:
            e.update(severity="temporary", reason="generic")
            e["delivery-status"] = {"tls": True, "mx-host": "mx.%s" % dom, "code": 421,
                "description": "", "session-seconds": 0.75, "utf8": True, "retry-seconds": 600,
                "enhanced-code": "4.7.28", "attempt-no": 1, "certificate-verified": True,
                "message": "421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address."}
        else:
            e.update(severity="permanent", reason="bounce")
            e["delivery-status"] = {"tls": True, "mx-host": "mx.%s" % dom, "code": 550,
                "description": "", "session-seconds": 0.41, "utf8": True, "enhanced-code": "5.1.1",
                "attempt-no": 1, "certificate-verified": True,
                "message": "550 5.1.1 The email account that you tried to reach does not exist."}
    elif kind == "delivered":
        e["delivery-status"] = {"tls": True, "mx-host": "mx.%s" % dom, "code": 250,
            "description": "", "session-seconds": 0.43, "utf8": True, "attempt-no": 1,
            "message": "OK", "certificate-verified": True}
    return e

def main():
    size = int(sys.argv[1]) << 20
    pretty = "--pretty-array" in sys.argv
    rnd = random.Random(42)
    written, i = 0, 0
    with open(sys.argv[2], "w") as out:
        if pretty:
            out.write("[\n")
        while written < size:
            s = json.dumps(event(i, rnd), indent=2 if pretty else None)
            if pretty:
                s = ("," if i else "") + s
            out.write(s + "\n")
            written += len(s) + 1
            i += 1
        if pretty:
            out.write("]\n")
    print("%d events, %d bytes" % (i, written), file=sys.stderr)

main()
