#!/usr/bin/env python3
"""Every row of every table in the user's seed document is in data/catalogue.csv with its
German texts verbatim, and `sendhealth explain` finds it from its code or message and
prints its meaning (German with --lang de). Skips (exit 77) when ../shared is absent.

The seed is parsed here independently of scripts/seed_to_catalogue.py, so a mistake in
the generator cannot hide itself."""
import csv
import json
import os
import subprocess
import sys

SHARED = os.environ.get("SENDHEALTH_SHARED", "../shared")
SEED = os.path.join(SHARED, "seed", "000_060a8cbefa9aea3c.txt")
BIN = os.environ.get("SENDHEALTH", "./sendhealth")
HEADER_FIRST = {"Code", "Fehlercode", "Fehlerkategorie", "Statuscode"}

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def seed_rows():
    """(provider, code, message, meaning, solution, glossary) for each table row."""
    rows, title, cols = [], "", None
    for line in open(SEED, encoding="utf-8").read().split("\n"):
        if " | " not in line:
            if line.strip() and not line.startswith("|---"):
                title = line.strip()
            continue
        cells = [c for c in line.rstrip().rstrip("|").split(" | ")]
        cells = [c.strip() for c in cells]
        if cells[0] in HEADER_FIRST:
            cols = cells
            continue
        low = title.lower()
        prov = ("mailgun" if "mailgun" in low else "gmail" if "gmail" in low else
                "rfc3463" if "enhanced" in low else "sendgrid" if "sendgrid" in low else "outlook")
        d = dict(zip(cols, cells))
        code = d.get("Fehlercode") or d.get("Code") or d.get("Statuscode")
        msg = d.get("Fehlermeldung") or d.get("Meldung") or ""
        meaning = d.get("Bedeutung") or d.get("Erklärung")
        rows.append((prov, code, "" if msg == "-" else msg, meaning, d["Lösung"], d["Glossar"]))
    return rows


def explain(args):
    p = subprocess.run([BIN] + args, capture_output=True, text=True)
    if p.returncode != 0:
        return []
    out = json.loads(p.stdout)
    return out if isinstance(out, list) else [out]


def main():
    if not os.path.exists(SEED):
        print("skip: %s not found" % SEED)
        return 77
    rows = seed_rows()
    check("seed has 295 table rows", len(rows) == 295, "got %d" % len(rows))
    cat = list(csv.DictReader(open("data/catalogue.csv", encoding="utf-8")))
    blank = lambda s: "" if s == "-" else s
    for prov, code, msg, meaning, solution, glossary in rows:
        name = "%s %s %s" % (prov, code, (msg or meaning)[:40])
        hits = [r for r in cat if r["provider"] == prov and r["meaning_de"] == blank(meaning)
                and r["solution_de"] == blank(solution) and r["glossary_de"] == blank(glossary)
                and r["message"] == msg and code.replace('"', "").replace(", ", " ").split(" ")[0]
                in (r["http_status"], r["smtp_code"], r["outlook_code"], r["enhanced_code"],
                    "-" if not r["smtp_code"] else None)]
        check("in catalogue: " + name, len(hits) >= 1, "no row with these German cells")
        if not hits:
            continue
        ids = {h["id"] for h in hits}
        # query by message when the row has one, else by its code
        query = msg if msg else code.replace('"', "").replace(",", "")
        if code != "-" and msg and prov in ("sendgrid", "gmail"):
            query = code.replace('"', "").replace(",", "") + " " + msg
        found = explain(["explain", "--all", "--json", "--provider", prov, query])
        check("explain finds: " + name, any(f["id"] in ids for f in found),
              "query %r gave %s" % (query, [f["id"] for f in found][:6]))
        if blank(meaning):
            de = explain(["--lang", "de", "explain", "--all", "--json", "--provider", prov, query])
            check("german meaning: " + name,
                  any(f["id"] in ids and f["meaning"] == meaning for f in de))
    print("cli: passed=%d failed=%d skipped=0" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
