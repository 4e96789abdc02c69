#!/usr/bin/env python3
"""Build data/catalogue.csv from the user's German seed document and our overlay.

The seed (a German help article with prose at the top and markdown-ish tables
below) supplies every German cell verbatim; data/catalogue-overlay.csv supplies
what the seed does not have: the row id, the match pattern, severity, category,
action and the English texts, plus whole rows for the prose errors ("Fehlerliste")
and for the rows sendhealth adds itself (section "sendhealth").

Regenerate (stdlib only, run from the repository root):

    python3 scripts/seed_to_catalogue.py \
        --seed /work/shared/seed/000_060a8cbefa9aea3c.txt \
        --overlay data/catalogue-overlay.csv --out data/catalogue.csv

    python3 scripts/seed_to_catalogue.py --seed ... --check   # compare, write nothing

The committed data/catalogue.csv is the source of truth the program embeds; this
script only guarantees that its German cells are the seed's, character for
character ("-" in the seed becomes an empty field). It exits 1 on any mismatch:
a seed row without an overlay entry, an overlay entry without a seed row, a
duplicate id, or a value outside the allowed vocabularies.
"""

import argparse
import csv
import io
import re
import sys

HEADER = [
    "id", "provider", "section", "http_status", "smtp_code", "enhanced_code",
    "outlook_code", "message", "pattern", "severity", "category", "action",
    "meaning_de", "solution_de", "glossary_de", "meaning_en", "solution_en",
    "glossary_en",
]

OVERLAY_HEADER = [
    "id", "seed_key", "provider", "section", "http_status", "smtp_code",
    "enhanced_code", "outlook_code", "message", "pattern", "severity",
    "category", "action", "meaning_en", "solution_en", "glossary_en",
]

PROVIDERS = {"mailgun", "gmail", "outlook", "sendgrid", "rfc3463", "smtp"}
SEVERITIES = {"permanent", "temporary"}
CATEGORIES = [
    "dns_auth", "account", "rate_limit", "expired", "recipient_invalid",
    "mailbox_full", "reputation_block", "policy", "message_invalid",
    "credentials", "network_client", "transient", "suppressed", "unknown",
]
ACTIONS = {
    "verify_dns", "contact_support", "clear_error", "reduce_volume",
    "remove_addresses", "fix_request", "fix_credentials", "check_network",
    "retry_later", "review_content", "upgrade_plan", "none",
}
ID_RE = re.compile(r"^[a-z0-9._-]+$")

# Header rows of the seed tables and the meaning of their columns.
TABLE_HEADERS = {
    ("Code", "Fehlermeldung", "Bedeutung", "Lösung", "Glossar"):
        ("code", "message", "meaning", "solution", "glossary"),
    ("Fehlercode", "Bedeutung", "Lösung", "Glossar"):
        ("code", "meaning", "solution", "glossary"),
    ("Fehlerkategorie", "Fehlercode", "Bedeutung", "Lösung", "Glossar"):
        ("section", "code", "meaning", "solution", "glossary"),
    ("Statuscode", "Bedeutung", "Lösung", "Glossar"):
        ("code", "meaning", "solution", "glossary"),
    ("Code", "Meldung", "Erklärung", "Lösung", "Glossar"):
        ("code", "message", "meaning", "solution", "glossary"),
}

GMAIL_CODE_RE = re.compile(r'^(\d{3}), "(\d\.\d{1,3}\.\d{1,3})"$')


def provider_of(title):
    if title.startswith("Mailgun"):
        return "mailgun"
    if title.startswith("Gmail"):
        return "gmail"
    if title.startswith("Enhanced Mail System Status Codes"):
        return "rfc3463"
    if title.startswith("SendGrid"):
        return "sendgrid"
    if "Outlook" in title or title == "RAS Fehler":
        return "outlook"
    raise ValueError("no provider for table title %r" % title)


def cell(value):
    """A seed cell as stored: '-' means empty."""
    return "" if value == "-" else value


def parse_tables(lines):
    """Yield one dict per seed table data row, in seed order."""
    title = None
    columns = None
    prev = ""
    rows = []
    for lineno, line in enumerate(lines, 1):
        if " | " not in line:
            if line.strip() and not line.startswith("|---"):
                prev = line
            continue
        if not line.endswith(" |"):
            raise ValueError("seed line %d: table row without trailing ' |'" % lineno)
        cells = line[:-2].split(" | ")
        if tuple(cells) in TABLE_HEADERS:
            columns = TABLE_HEADERS[tuple(cells)]
            if prev:  # a title line right before the header starts a new table
                title = re.sub(r"\s*:\s*$", "", prev.strip())
            prev = ""
            continue
        prev = ""
        if columns is None or len(cells) != len(columns):
            raise ValueError("seed line %d: %d cells, expected %s" %
                             (lineno, len(cells), columns))
        raw = dict(zip(columns, cells))
        provider = provider_of(title)
        row = {k: "" for k in HEADER}
        row["provider"] = provider
        row["section"] = raw.get("section", title)
        code = raw["code"]
        if provider == "mailgun":
            row["http_status"] = code
        elif provider == "gmail":
            m = GMAIL_CODE_RE.match(code)
            if not m:
                raise ValueError("seed line %d: bad Gmail code %r" % (lineno, code))
            row["smtp_code"], row["enhanced_code"] = m.group(1), m.group(2)
        elif provider == "outlook":
            row["outlook_code"] = code
        elif provider == "rfc3463":
            row["enhanced_code"] = code
        elif provider == "sendgrid":
            row["smtp_code"] = cell(code)
        row["message"] = cell(raw.get("message", "-"))
        row["meaning_de"] = cell(raw["meaning"])
        row["solution_de"] = cell(raw["solution"])
        row["glossary_de"] = cell(raw["glossary"])
        row["_seed_key"] = code + "|" + raw.get("message", raw["meaning"])
        row["_lineno"] = lineno
        rows.append(row)
    return rows


def find_line(lines, text, start=0):
    for i in range(start, len(lines)):
        if lines[i] == text:
            return i
    raise ValueError("seed: line %r not found" % text)


def block(lines, first, last):
    """Lines first..last (inclusive, by content) joined with LF."""
    i = find_line(lines, first, PROSE_START[0])
    j = find_line(lines, last, i)
    return "\n".join(lines[i:j + 1])


PROSE_START = [0]


def prose_german(lines):
    """German cells of the prose errors, keyed by the overlay's seed_key."""
    # The article lists its headings twice (table of contents, then the body):
    # the body starts after the second "Fehlerliste:".
    first = find_line(lines, "Fehlerliste:")
    PROSE_START[0] = find_line(lines, "Fehlerliste:", first + 1) + 1
    one = lambda text: block(lines, text, text)  # noqa: E731
    verification_meaning = one(
        "Wenn die Absenderadresse fehlt oder unleserlich ist, erreicht die E-Mail "
        "möglicherweise nie ihr Ziel, und der Empfänger kann nicht antworten. Ein "
        "Verifizierungsfehler tritt auch auf, wenn der empfangende Server die "
        "erforderlichen MX-Einträge der sendenden Domain nicht findet.")
    verification_solution = block(
        lines, "Wenn Sie eine Subdomain verwenden:",
        "„Catch-all“ in der E-Mail-Konfiguration erstellen, damit die "
        "Verifizierung beim empfangenden Server bestanden wird")
    too_old = one(
        "Dies ist ein interner Mailgun-Fehler, den Sie in den Agency-Einstellungen "
        "von ProfitBoost löschen können. Um jedoch herauszufinden, warum dieser "
        "Fehler auftritt, müssen Sie den Mailgun-Support kontaktieren.")
    too_many = ("Der Fehler bedeutet, dass zu viele E-Mail-Anfragen gleichzeitig "
                "gesendet wurden. Kontaktieren Sie den Mailgun-Support, um ein "
                "Limit zu prüfen.")
    verification = (verification_meaning, verification_solution, "")
    return {
        "prose:domain-not-allowed": (
            one("Die Domain ist nicht verifiziert und erfordert eine "
                "DNS-Konfiguration. Melden Sie sich in Ihrem Control Panel an, um "
                "die erforderlichen DNS-Einträge zu sehen."),
            block(lines, "Mailgun Login: https://login.mailgun.com/login/",
                  "Hinweis: Manchmal zeigt es grüne Häkchen an, obwohl nicht alle "
                  "korrekt sind. Klicken Sie in diesem Fall erneut auf „Verify DNS "
                  "Settings“, um die Einträge zu aktualisieren."),
            ""),
        "prose:account-terminated": (
            one("Die Domain darf nicht senden: Konto beendet."),
            one("Die Agentur muss den Mailgun-Support kontaktieren, um den Grund "
                "für die Beendigung zu erfahren."),
            ""),
        "prose:too-old": (too_old, too_old, ""),
        "prose:verification-unrouteable": verification,
        "prose:verification-user-unknown": verification,
        "prose:verification-sender-domain": verification,
        "prose:verification-no-mx": verification,
        "prose:too-many-requests": (
            one(too_many),
            block(lines, too_many,
                  "Fehler kann in Agency-Einstellungen -> Email Services Tab "
                  "gelöscht werden."),
            ""),
        "prose:gmail-temporary-system-problem": (
            one("Tritt bei Massenmails über Gmail SMTP auf"),
            one("Empfehlung: LC Email verwenden oder in kleinen Volumen versenden"),
            ""),
    }


def read_overlay(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != OVERLAY_HEADER:
            raise ValueError("%s: unexpected header %r" % (path, header))
        out = []
        for n, rec in enumerate(reader, 2):
            if len(rec) != len(OVERLAY_HEADER):
                raise ValueError("%s:%d: %d fields" % (path, n, len(rec)))
            out.append(dict(zip(OVERLAY_HEADER, rec)))
        return out


def build(seed_path, overlay_path):
    with open(seed_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    seed_rows = parse_tables(lines)
    prose = prose_german(lines)
    overlay = read_overlay(overlay_path)

    # A seed_key may in principle repeat: occurrences pair up in seed order.
    keyed_overlay = {}
    for o in overlay:
        key = o["seed_key"]
        if key and not key.startswith("prose:"):
            keyed_overlay.setdefault(key, []).append(o)

    out = []
    used = set()
    for row in seed_rows:
        cands = [o for o in keyed_overlay.get(row["_seed_key"], [])
                 if o["id"] not in used]
        if not cands:
            raise ValueError("seed line %d: no overlay entry for %r" %
                             (row["_lineno"], row["_seed_key"]))
        o = cands[0]
        used.add(o["id"])
        for field in ("provider", "section", "http_status", "smtp_code",
                      "enhanced_code", "outlook_code", "message"):
            if o[field] and o[field] != row[field]:
                raise ValueError("overlay %s: %s %r differs from seed %r" %
                                 (o["id"], field, o[field], row[field]))
        for field in ("id", "pattern", "severity", "category", "action",
                      "meaning_en", "solution_en", "glossary_en"):
            row[field] = o[field]
        out.append(row)

    for o in overlay:
        key = o["seed_key"]
        if key and not key.startswith("prose:"):
            if o["id"] not in used:
                raise ValueError("overlay %s: seed_key %r matches no seed row" %
                                 (o["id"], key))
            continue
        row = {k: "" for k in HEADER}
        for field in OVERLAY_HEADER[2:]:
            row[field] = o[field]
        row["id"] = o["id"]
        if key:
            if key not in prose:
                raise ValueError("overlay %s: unknown prose key %r" % (o["id"], key))
            row["meaning_de"], row["solution_de"], row["glossary_de"] = prose[key]
        out.append(row)
    validate(out)
    return out


def validate(rows):
    seen = set()
    for r in rows:
        rid = r["id"]
        problems = []
        if not ID_RE.match(rid):
            problems.append("bad id")
        if rid in seen:
            problems.append("duplicate id")
        seen.add(rid)
        if r["provider"] not in PROVIDERS:
            problems.append("provider %r" % r["provider"])
        if r["severity"] not in SEVERITIES:
            problems.append("severity %r" % r["severity"])
        if r["category"] not in CATEGORIES:
            problems.append("category %r" % r["category"])
        if r["action"] not in ACTIONS:
            problems.append("action %r" % r["action"])
        if not r["section"]:
            problems.append("empty section")
        if not any(r[f] for f in ("pattern", "message", "smtp_code",
                                  "enhanced_code", "outlook_code", "http_status")):
            problems.append("nothing to match on")
        if not r["meaning_en"] or not r["solution_en"]:
            problems.append("missing English text")
        if problems:
            raise ValueError("row %s: %s" % (rid, ", ".join(problems)))


def render(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for r in rows:
        w.writerow([r[k] for k in HEADER])
    return buf.getvalue()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("--overlay", default="data/catalogue-overlay.csv")
    ap.add_argument("--out", default="data/catalogue.csv")
    ap.add_argument("--check", action="store_true",
                    help="compare with --out instead of writing it")
    args = ap.parse_args(argv)
    try:
        text = render(build(args.seed, args.overlay))
    except (OSError, ValueError) as e:
        print("seed_to_catalogue: %s" % e, file=sys.stderr)
        return 1
    if args.check:
        try:
            with open(args.out, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            print("seed_to_catalogue: %s" % e, file=sys.stderr)
            return 1
        if current != text:
            print("seed_to_catalogue: %s is not what the seed and overlay give"
                  % args.out, file=sys.stderr)
            return 1
        return 0
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
