#!/usr/bin/env python3
"""test_xlsx_read.py - opens the XLSX reports the way a user's spreadsheet does: openpyxl
checks sheets, headers, values, formats, frozen headers and filters against the JSON
fixtures; then LibreOffice (when installed) must convert the workbook without complaint.
Environment: TEST_BIN_DIR (where tests/report/render/render_report is built)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "report")
BIN_DIR = os.environ.get("TEST_BIN_DIR", os.path.join(ROOT, "build", "tests"))
RENDER = os.path.join(BIN_DIR, "report", "render", "render_report")

passed = failed = skipped = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL %s: %s" % (name, detail))


def skip(name, why):
    global skipped
    skipped += 1
    print("skip %s: %s" % (name, why))


def render(tmp, fixture, lang):
    out = os.path.join(tmp, fixture.replace(".json", ".xlsx"))
    r = subprocess.run([RENDER, "xlsx", lang, os.path.join(FIXTURES, fixture), out],
                       capture_output=True, text=True, timeout=120)
    check("render %s" % fixture, r.returncode == 0, r.stderr)
    return out


def load(fixture):
    with open(os.path.join(FIXTURES, fixture), encoding="utf-8") as f:
        return json.load(f)


def header(ws):
    return [c.value for c in ws[1]]


EN_SHEETS = ["Summary", "Actions", "Categories", "Errors", "Domains", "Recipient domains",
             "Daily", "Unmatched", "Clients"]
DE_SHEETS = ["Übersicht", "Maßnahmen", "Kategorien", "Fehler", "Absenderdomains",
             "Empfängerdomains", "Tagesverlauf", "Nicht zugeordnet", "Kunden"]
EN_HEADERS = {
    "Actions": ["#", "Action", "Category", "Failures", "Domains concerned", "Addresses to remove"],
    "Categories": ["Count", "Share", "Permanent", "Temporary", "Category", "Recommended action"],
    "Errors": ["Count", "Provider", "Code", "Enhanced code", "Message", "Meaning", "Solution",
               "Category", "Action", "Top recipient domains"],
    "Domains": ["Sending domain", "Client", "Sent", "Delivered", "Failures", "Complaints"],
    "Recipient domains": ["Recipient domain", "Mailbox provider", "Delivered", "Failures"],
    "Daily": ["Date", "Sent", "Delivered", "Failures"],
    "Unmatched": ["Count", "Provider", "Codes", "Message", "Example", "Row for the shared sheet"],
    "Clients": ["Client", "Domains", "Sent", "Delivered", "Failures", "Complaints", "Verdict"],
}
CATEGORY_SHEETS = {"Domains": "domains", "Recipient domains": "recipient_domains",
                   "Daily": "daily", "Clients": "clients"}


def sample_en(path):
    doc = load("sample.json")
    wb = openpyxl.load_workbook(path)
    check("sheet names in order", wb.sheetnames == EN_SHEETS, wb.sheetnames)
    titles = {c["id"]: c["title"] for c in doc["categories"]}
    for sheet, want in EN_HEADERS.items():
        got = header(wb[sheet])
        check("%s header" % sheet, got[:len(want)] == want, got)
        if sheet in CATEGORY_SHEETS:
            used = [c["id"] for c in doc["categories"]
                    if any(r["by_category"].get(c["id"], 0) for r in doc[CATEGORY_SHEETS[sheet]])]
            check("%s category columns" % sheet,
                  got[len(want):] == [titles[i] for i in used], got[len(want):])
    for sheet in EN_SHEETS[1:]:
        ws = wb[sheet]
        check("%s header frozen" % sheet, ws.freeze_panes == "A2", ws.freeze_panes)
        check("%s autofilter" % sheet, (ws.auto_filter.ref or "").startswith("A1:"),
              ws.auto_filter.ref)
    ws = wb["Categories"]
    counts = [ws.cell(row=i + 2, column=1).value for i in range(len(doc["categories"]))]
    check("category counts equal the JSON", counts == [c["count"] for c in doc["categories"]],
          counts)
    check("count format has thousands separators", ws["A2"].number_format.startswith("#,##0"),
          ws["A2"].number_format)
    check("share is a percentage", "%" in ws["B2"].number_format and
          abs(ws["B2"].value - doc["categories"][0]["share"]) < 1e-9, ws["B2"].number_format)
    ws = wb["Errors"]
    e0 = doc["errors"][0]
    check("errors: first count", ws["A2"].value == e0["count"], ws["A2"].value)
    want = ", ".join("%s (%s)" % (d["domain"], format(d["count"], ",")) for d in e0["recipient_domains"][:5])
    check("errors: top recipient domains", ws["J2"].value == want, ws["J2"].value)
    unmatched = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=6).value == "(not in the catalogue)"]
    check("errors: unmatched rows marked", len(unmatched) == sum(1 for e in doc["errors"] if e["entry_id"] is None),
          len(unmatched))
    ws = wb["Daily"]
    check("daily: dates are dates", ws["A2"].is_date and ws["A2"].value.strftime("%Y-%m-%d") == doc["daily"][0]["date"],
          ws["A2"].value)
    check("daily: 14 days", ws.max_row == 15, ws.max_row)
    ws = wb["Summary"]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for v in ["CRITICAL", "WARNING", "OK", "INSUFFICIENT DATA", "Deliverability report", "Top actions"]:
        check("summary has %s" % v, v in texts)
    fills = {c.value: c.fill.fgColor.rgb for row in ws.iter_rows() for c in row
             if c.value in ("CRITICAL", "WARNING", "OK", "INSUFFICIENT DATA")}
    check("verdict colours", fills == {"CRITICAL": "FFFFC7CE", "WARNING": "FFFFEB9C",
                                       "OK": "FFC6EFCE", "INSUFFICIENT DATA": "FFD9D9D9"}, fills)
    rates = [c for row in ws.iter_rows() for c in row
             if isinstance(c.value, (int, float)) and "0.00%" in c.number_format]
    check("health rates as percentages", len(rates) == 3 * len(doc["health"]), len(rates))
    actions = [v for v in texts if v.startswith("1. ")]
    check("top action listed", actions == ["1. " + doc["actions"][0]["text"]], actions)
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    check("two charts", len(charts) == 2, charts)


def sample_de(path):
    wb = openpyxl.load_workbook(path)
    check("German sheet names", wb.sheetnames == DE_SHEETS, wb.sheetnames)
    check("German headers", header(wb["Fehler"])[:5] == ["Anzahl", "Anbieter", "Code", "Erweiterter Code", "Fehlermeldung"],
          header(wb["Fehler"]))
    texts = {c.value for row in wb["Übersicht"].iter_rows() for c in row if isinstance(c.value, str)}
    check("German verdicts", {"KRITISCH", "WARNUNG", "ZU WENIG DATEN"} <= texts)


def hostile(path):
    doc = load("hostile.json")
    wb = openpyxl.load_workbook(path)
    formulas = [(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    check("no formulas anywhere", formulas == [], formulas)
    ws = wb["Errors"]
    msgs = {ws.cell(row=r, column=5).value: ws.cell(row=r, column=5) for r in range(2, ws.max_row + 1)}
    for text in ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0"]:
        c = msgs.get(text)
        check("formula-like %r stored as text" % text, c is not None and c.data_type == "s",
              None if c is None else c.data_type)
    check("control characters removed", "bad byte[31m red and C1" in msgs, list(msgs)[:6])
    long = [m for m in msgs if isinstance(m, str) and len(m) > 1000]
    check("40,000 characters cut to 32,767", len(long) == 1 and len(long[0]) == 32767 and long[0].endswith("…"),
          [len(m) for m in long])
    check("provider '=evil' is text", ws["B8"].value == "=evil" and ws["B8"].data_type == "s", ws["B8"].value)
    check("sending domain '=1+1' is text", wb["Domains"]["A2"].value == "=1+1")
    check("csv row kept as text", wb["Unmatched"]["F2"].value == doc["unmatched"][0]["csv_row"])
    texts = [c.value for row in wb["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    check("null rate shown as n/a", "n/a" in texts)


def empty(path):
    wb = openpyxl.load_workbook(path)
    check("empty: no Clients sheet", wb.sheetnames == EN_SHEETS[:-1], wb.sheetnames)
    for sheet in EN_SHEETS[1:-1]:
        ws = wb[sheet]
        check("empty: %s has its header only" % sheet,
              ws.max_row == 1 and header(ws)[:len(EN_HEADERS[sheet])] == EN_HEADERS[sheet] and
              (ws.auto_filter.ref or "").startswith("A1:"), (ws.max_row, ws.auto_filter.ref))


def schema():
    try:
        import jsonschema
    except ImportError:
        skip("fixtures valid against data/report.schema.json", "python3-jsonschema is not installed")
        return
    with open(os.path.join(ROOT, "data", "report.schema.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft7Validator(json.load(f), format_checker=jsonschema.FormatChecker())
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith(".json"):
            errors = [e.message for e in validator.iter_errors(load(name))]
            check("%s valid against the report schema" % name, errors == [], errors[:3])


def libreoffice(tmp, paths):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        skip("libreoffice converts the workbooks", "soffice is not installed")
        return
    profile = "file://" + os.path.join(tmp, "lo-profile")
    for path, fmt in paths:
        outdir = os.path.join(tmp, "lo-" + fmt)
        r = subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                            "--convert-to", fmt, "--outdir", outdir, path],
                           capture_output=True, text=True, timeout=300)
        out = os.path.join(outdir, os.path.basename(path).rsplit(".", 1)[0] + "." + fmt)
        ok = r.returncode == 0 and os.path.exists(out) and os.path.getsize(out) > 0
        check("libreoffice converts %s to %s" % (os.path.basename(path), fmt), ok,
              "rc=%d %s %s" % (r.returncode, r.stdout[-300:], r.stderr[-300:]))


def main():
    if not os.access(RENDER, os.X_OK):
        print("FAIL render_report not built at %s" % RENDER)
        return 1
    schema()
    with tempfile.TemporaryDirectory() as tmp:
        en = render(tmp, "sample.json", "en")
        de = render(tmp, "sample-de.json", "de")
        bad = render(tmp, "hostile.json", "en")
        none = render(tmp, "empty.json", "en")
        sample_en(en)
        sample_de(de)
        hostile(bad)
        empty(none)
        libreoffice(tmp, [(en, "pdf"), (de, "csv"), (bad, "pdf")])
    print("cli: passed=%d failed=%d skipped=%d" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
