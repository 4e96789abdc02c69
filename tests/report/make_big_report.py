#!/usr/bin/env python3
"""make_big_report.py - writes a large schema-v1 report for timing the writers (not a test).
Usage: make_big_report.py OUT.json [ERRORS [DOMAINS]]   (defaults 10000 and 1000)
Then: time build/tests/report/render/render_report xlsx en OUT.json OUT.xlsx"""
import json
import random
import sys

CATS = ["dns_auth", "account", "rate_limit", "expired", "recipient_invalid", "mailbox_full",
        "reputation_block", "policy", "message_invalid", "credentials", "network_client",
        "transient", "suppressed", "unknown"]
RCPT = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "web.de", "gmx.de", "t-online.de",
        "icloud.com"]


def by_cat(rnd, n):
    return {c: rnd.randint(1, 500) for c in rnd.sample(CATS, n)}


def main():
    out = sys.argv[1]
    n_err = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    n_dom = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    rnd = random.Random(7)
    errors = []
    for i in range(n_err):
        cnt = rnd.randint(1, 5000)
        errors.append({
            "key": "msg:%d" % i, "entry_id": None if i % 3 else "entry-%d" % i, "provider": "mailgun",
            "code": "550", "smtp_code": "550", "enhanced_code": "5.1.%d" % (i % 10),
            "message": "550 5.1.1 <user%d@example.com>: Recipient address rejected: User unknown in virtual mailbox table %d" % (i, i),
            "meaning": "The receiving server says the recipient address does not exist (%d)." % i,
            "solution": "Check the address for typos; if it is correct, remove it from your lists.",
            "category": CATS[i % len(CATS)], "action_kind": "remove_addresses", "count": cnt,
            "permanent": cnt, "temporary": 0,
            "recipient_domains": [{"domain": d, "count": rnd.randint(1, 100)} for d in rnd.sample(RCPT, 6)]})
    domains = []
    for i in range(n_dom):
        domains.append({"domain": "mg%d.client%d.com" % (i, i % 50), "client": "Client %d" % (i % 50),
                        "sent": 10000, "delivered": 9000, "failures": 1000, "permanent": 800,
                        "temporary": 200, "complaints": 3, "by_category": by_cat(rnd, 8)})
    health = [{"domain": d["domain"], "client": d["client"], "verdict": "OK", "sent": 10000,
               "rates": [{"id": "hard_bounce", "numerator": 1, "denominator": 10000, "value": 0.0001,
                          "formula": "", "warning": 0.02, "critical": 0.05, "level": "OK"}],
               "reasons": []} for d in domains]
    doc = {
        "schema_version": 1, "generator": "sendhealth 0.1.0", "generated_at": "2026-11-23T07:15:02Z",
        "lang": "en", "period": {"start": "2026-11-09T00:00:00Z", "end": "2026-11-23T00:00:00Z", "source": "window"},
        "inputs": {"sources": [], "records": 0, "skipped": 0, "skipped_by_reason": {}, "duplicates": 0, "outside_window": 0},
        "totals": {"events": 0, "by_event": {}, "sent": 0, "delivered": 0, "failures": 0, "permanent": 0,
                   "temporary": 0, "complaints": 0, "matched": 0, "unmatched": 0},
        "categories": [{"id": c, "title": c, "count": 1, "share": 0.01, "permanent": 1, "temporary": 0,
                        "action_kind": "none", "action": ""} for c in CATS],
        "errors": errors, "domains": domains,
        "recipient_domains": [{"domain": d, "mailbox_provider": "other", "failures": 1, "delivered": 1,
                               "by_category": by_cat(rnd, 5)} for d in RCPT],
        "daily": [{"date": "2026-11-%02d" % d, "sent": 1, "delivered": 1, "failures": 1,
                   "by_category": by_cat(rnd, 6)} for d in range(9, 23)],
        "clients": [], "actions": [], "health": health, "unmatched": [], "compare": None,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
