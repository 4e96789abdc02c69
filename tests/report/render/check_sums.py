#!/usr/bin/env python3
"""check_sums.py REPORT.json [REPORT.xlsx|- [SUMMARY.txt]] - adds up every part of one report
against the others, as a reader comparing sheets would: the days, the sending domains, the
health rows and the clients against the totals; sent never below failures; an action's
addresses never above its failures; the XLSX sheets and the text summary against the JSON.
Prints one line per disagreement, then "checked N sums"."""
import json
import re
import sys

problems, checked = [], 0


def same(what, got, want):
    global checked
    checked += 1
    if got != want:
        problems.append("%s: %r, want %r" % (what, got, want))


def at_most(what, small, big):
    global checked
    checked += 1
    if small > big:
        problems.append("%s: %r > %r" % (what, small, big))


def json_checks(d):
    t = d["totals"]
    for k in ("sent", "delivered", "failures"):
        same("daily %s add up to the totals" % k, sum(x[k] for x in d["daily"]), t[k])
        same("domains' %s add up to the totals" % k, sum(x[k] for x in d["domains"]), t[k])
    same("health rows' sent add up to the totals", sum(h["sent"] for h in d["health"]), t["sent"])
    for k in ("permanent", "temporary"):
        same("domains' %s failures add up" % k, sum(x[k] for x in d["domains"]), t[k])
    same("permanent + temporary = failures", t["permanent"] + t["temporary"], t["failures"])
    mapped = [x for x in d["domains"] if x["client"]]
    for k in ("sent", "delivered", "failures"):
        same("clients' %s = their domains'" % k, sum(c[k] for c in d["clients"]),
             sum(x[k] for x in mapped))
    for row in d["domains"] + d["clients"] + [t]:
        name = row.get("domain") or row.get("client") or "totals"
        at_most("%s: failures within sent" % name, row["failures"], row["sent"])
        at_most("%s: delivered within sent" % name, row["delivered"], row["sent"])
    for a in d["actions"]:
        if "addresses" in a:
            at_most("action %r: addresses within failures" % a["key"], a["addresses"], a["failures"])
    same("categories add up to the failures", sum(c["count"] for c in d["categories"]), t["failures"])


def xlsx_checks(d, path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    t = d["totals"]

    def table(name):
        rows = list(wb[name].iter_rows(values_only=True))
        return rows[0], [r for r in rows[1:] if any(v is not None for v in r)]

    for sheet in ("Daily", "Domains", "Clients"):
        if sheet not in wb.sheetnames:
            continue
        head, rows = table(sheet)
        for label in ("Sent", "Delivered", "Failures"):
            got = sum(r[head.index(label)] or 0 for r in rows)
            want = t[label.lower()] if sheet != "Clients" else sum(c[label.lower()] for c in d["clients"])
            same("%s sheet: %s column adds up" % (sheet, label), got, want)
    if "Summary" in wb.sheetnames:
        labels = {}
        for r in wb["Summary"].iter_rows(values_only=True):
            if isinstance(r[0], str) and isinstance(r[1], int) and r[0] not in labels:
                labels[r[0]] = r[1]
        for label in ("Sent", "Delivered", "Failures"):
            same("Summary sheet: %s" % label, labels.get(label), t[label.lower()])


def text_checks(d, path):
    text = open(path, encoding="utf-8").read()
    for label in ("Sent", "Delivered", "Failures"):
        m = re.search(r"^  %s +([\d,]+)$" % label, text, re.M)
        same("text summary: %s" % label, int(m.group(1).replace(",", "")) if m else None,
             d["totals"][label.lower()])


def main():
    d = json.load(open(sys.argv[1]))
    json_checks(d)
    if len(sys.argv) > 2 and sys.argv[2] != "-":
        xlsx_checks(d, sys.argv[2])
    if len(sys.argv) > 3:
        text_checks(d, sys.argv[3])
    for p in problems:
        print(p)
    print("checked %d sums" % checked)


main()
