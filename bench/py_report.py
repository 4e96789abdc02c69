#!/usr/bin/env python3
"""py_report.py - what a user writes instead of sendhealth: read a Mailgun JSON Lines export
(or a SendGrid webhook batch, batches one per line, a CRM's failure CSV
date,to,from,code,response, Nodemailer errors as JSON Lines, or sendhealth's own records)
with the json and csv modules, put each failure in a category with a
few regexes, count per category, per sending domain, per recipient domain and per day, and
print the result as JSON. The yardstick `make bench` times sendhealth against.
Usage: py_report.py FILE"""
import collections
import csv
import datetime
import json
import re
import sys

CATEGORIES = [
    ("recipient_invalid", re.compile(
        r"5\.1\.1|does not exist|mailbox unavailable|mailbox not found|no such user|"
        r"user unknown|doesn't have a .* account", re.I)),
    ("mailbox_full", re.compile(r"5\.2\.2|out of storage|over quota|mailbox full", re.I)),
    ("dns_auth", re.compile(r"5\.7\.26|dmarc|spf|dkim|unauthenticated", re.I)),
    ("rate_limit", re.compile(r"4\.7\.28|rate limit|unusual rate|deferred due to|TSS04", re.I)),
    ("reputation_block", re.compile(r"block list|blocklist|spamhaus|reputation|\(BL\)|PTR", re.I)),
    ("policy", re.compile(r"5\.7\.9|policy reasons|5\.7\.1", re.I)),
]
SUPPRESS = {"suppress-bounce", "suppress-complaint", "suppress-unsubscribe", "Bounced Address",
            "Spam Reporting Address", "Unsubscribed Address"}


def category(reason, text):
    if reason in SUPPRESS:
        return "suppressed"
    if reason == "old" or text == "Too old":
        return "expired"
    for name, rx in CATEGORIES:
        if rx.search(text):
            return name
    return "unknown"


def events(path):
    with open(path, "rb") as f:
        head = f.readline()
        f.seek(0)
        if head.startswith(b"[") and head.rstrip().endswith(b"]"):
            for line in f:  # SendGrid webhook batches, one per line
                if line.strip():
                    yield from json.loads(line)
        elif head.startswith(b"["):
            yield from json.load(f)  # a SendGrid webhook batch
        elif not head.startswith(b"{"):
            with open(path, newline="", encoding="utf-8") as t:
                for row in csv.DictReader(t):  # a CRM's failure export
                    yield {"event": "failed", "recipient": row["to"], "from": row["from"],
                           "text": row["response"], "timestamp": row["date"] + "Z",
                           "code": int(row["code"] or 0)}
        else:
            for line in f:
                if line.strip():
                    e = json.loads(line)
                    if "responseCode" in e or ("code" in e and "event" not in e):  # Nodemailer
                        e = {"event": "failed", "recipient": e.get("recipient", ""),
                             "from": e.get("from", ""), "timestamp": e.get("timestamp", ""),
                             "text": e.get("response") or e.get("message", ""),
                             "code": e.get("responseCode") or 0}
                    yield e


def day_of(ts):
    if isinstance(ts, str):
        return ts[:10]  # ISO 8601
    return datetime.datetime.fromtimestamp(float(ts), datetime.timezone.utc).strftime("%Y-%m-%d")


def main():
    totals = collections.Counter()
    by_cat = collections.Counter()
    by_domain = collections.defaultdict(collections.Counter)
    by_rcpt = collections.defaultdict(collections.Counter)
    by_day = collections.defaultdict(collections.Counter)
    invalid = set()
    for e in events(sys.argv[1]):
        kind = e.get("event")
        totals[kind] += 1
        if "text" in e:  # CSV or Nodemailer, made alike above
            rcpt, sender, text, reason = e["recipient"], e["from"], e["text"], ""
            failed, permanent = True, e["code"] >= 500
        elif "timestamp_unix" in e:  # sendhealth's records
            rcpt, sender, reason = e["recipient"], e["sender"], e["esp_reason"]
            text = e["message"] or e["description"]
            failed, permanent = kind == "failed", e["severity"] == "permanent"
        elif "email" in e:  # SendGrid
            rcpt, sender = e["email"], e.get("from", "")
            ds, text, reason = {}, e.get("reason") or e.get("response") or "", e.get("reason", "")
            failed = kind in ("bounce", "dropped", "deferred")
            permanent = kind in ("bounce", "dropped")
        else:  # Mailgun
            rcpt, sender = e.get("recipient", ""), e.get("envelope", {}).get("sender", "")
            ds = e.get("delivery-status", {})
            text = ds.get("message") or ds.get("description") or ""
            reason = e.get("reason", "")
            failed = kind == "failed"
            permanent = e.get("severity") == "permanent"
        domain = sender.rpartition("@")[2].lower()
        rdom = rcpt.rpartition("@")[2].lower()
        day = day_of(e["timestamp"])
        if not failed:
            by_domain[domain][kind] += 1
            continue
        cat = category(reason, text)
        by_cat[cat] += 1
        by_domain[domain][cat] += 1
        by_rcpt[rdom][cat] += 1
        by_day[day][cat] += 1
        totals["permanent" if permanent else "temporary"] += 1
        if cat == "recipient_invalid" and permanent:
            invalid.add(rcpt.lower())
    json.dump({"totals": totals, "categories": by_cat, "domains": by_domain,
               "recipient_domains": by_rcpt, "daily": by_day,
               "invalid_addresses": len(invalid)}, sys.stdout, indent=2, sort_keys=True)
    print()


main()
