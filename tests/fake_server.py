#!/usr/bin/env python3
"""fake_server.py - the local stand-in for Google Sheets, Mailgun and SendGrid that the
network tests run against. Binds 127.0.0.1 on a free port, prints the port as its first
stdout line (and writes it to --port-file), and appends one JSON line per request
(method, path, headers) to --log; GET /_requests returns them all as JSON. Nothing here
ever talks to the internet.

Scenarios are chosen by the path: the sheet id or the Mailgun domain starts with a
scenario word (private, flaky, stall, ratelimit, cutonce, ...), the SendGrid scenario by
the on-behalf-of subuser. --scenario WORD applies a scenario to requests that name none.
A "once" scenario misbehaves on the first request for its id/domain only; use a fresh
id/domain per test. See scenario_of, do_sheet, do_mailgun and do_sendgrid below.
--tls CERT KEY serves HTTPS instead (a test certificate; the client must be told to trust
it); --redirect-base URL is where the "tohttp" scenario redirects to.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.Lock()
COUNTS = {}  # scenario key -> requests seen
REQUESTS = []  # every request seen: {"method", "path", "headers"}

MAILGUN_PAGES = [300, 300, 123]
SENDGRID_COUNTS = {"bounces": 1037, "blocks": 12, "invalid_emails": 0, "spam_reports": 3}

# The shared sheet's layout: German headers, section-title rows, CRLF rows, a quoted
# multi-line cell and the Gmail code cells that read 421, "4.3.0".
SHEET_ROWS = [
    ["Fehlerbibliotheken für verschiedene SMTPs", "", "", "", ""],
    ["Mailgun:", "", "", "", ""],
    ["Code", "Fehlermeldung", "Bedeutung", "Lösung", "Glossar"],
    ["400", "Domain example.com is not allowed to send: Sandbox subdomains are for test "
     "purposes only. Please add your own domain or add the address to authorized "
     "recipients in Account Settings.", "Die Domain ist eine Sandbox-Domain, nur für Tests",
     "Verwenden Sie eine echte Domain oder fügen Sie den Empfänger zu den autorisierten "
     "Empfängern hinzu", "Sandbox-Domain: Testdomain"],
    ["401", "Forbidden", "Der Benutzer hat nicht die erforderlichen Berechtigungen",
     "Benutzerrechte überprüfen", "Forbidden: Statuscode, der fehlende Berechtigungen anzeigt"],
    ["404", "Domain not found: example.com", "Die angegebene Domain existiert nicht",
     "Schritt 1: Domain prüfen\r\nSchritt 2: Region prüfen", "Domain: Teil einer E-Mail-Adresse"],
    ["", "", "", "", ""],
    ["Gmail / Google Workspace:", "", "", "", ""],
    ["Fehlercode", "Bedeutung", "Lösung", "Glossar", ""],
    ['421, "4.3.0"', "Temporäres Systemproblem. Bitte später erneut versuchen",
     "Nachricht später erneut senden", "SMTP: Simple Mail Transfer Protocol", ""],
    ['452, "4.2.2"', "Postfach des Empfängers ist über Quota",
     "Empfänger bittet, Postfach zu leeren", "Over quota: Speicherlimit erreicht", ""],
]
BAD_ROW = ["4x1, \"9.9\"", "Kaputter Code", "Zeile wird übersprungen", "", ""]

TABS = {
    "Mailgun": SHEET_ROWS[1:7],
    "Gmail / Google Workspace": SHEET_ROWS[7:],
}

SIGN_IN_PAGE = (b"<!DOCTYPE html><html><head><title>Google Sheets: Sign-in</title></head>"
                b"<body>Sign in to continue to Sheets</body></html>")


def csv_field(s, quote_all):
    if quote_all or any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def to_csv(rows, quote_all=False):
    return "".join(",".join(csv_field(f, quote_all) for f in r) + "\r\n" for r in rows).encode()


def once(key, n=1):
    """True for the first n requests with this key."""
    with LOCK:
        COUNTS[key] = COUNTS.get(key, 0) + 1
        return COUNTS[key] <= n


def mailgun_event(domain, page, i):
    ts = "%d.%07d" % (1700000000 + page * 1000 + i, (i * 1234567) % 10000000)
    event = (
        '{"event": "failed", "id": "ev-%d-%d", "timestamp": %s, "severity": "permanent", '
        '"reason": "bounce", "log-level": "error", "recipient": "user%d@example.org", '
        '"recipient-domain": "example.org", "envelope": {"sender": "news@%s", "targets": '
        '"user%d@example.org", "transport": "smtp"}, "delivery-status": {"code": 550, '
        '"enhanced-code": "5.1.1", "message": "5.1.1 The email account that you tried to '
        'reach does not exist. \\u00dcberpr\\u00fcfen", "description": "", "attempt-no": 1, '
        '"session-seconds": 0.4367}, "message": {"headers": {"message-id": "m%d@%s", '
        '"subject": "Hello \\"World\\"", "to": "user%d@example.org"}, "size": 1024}, '
        '"tags": [], "user-variables": {}, "flags": {"is-test-mode": false}}'
    ) % (page, i, ts, i, domain, i, i, domain, i)
    return event


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake/1"

    def log_message(self, fmt, *args):  # quiet: the tests read --log instead
        pass

    def record(self):
        req = {"method": self.command, "path": self.path,
               "headers": {k: v for k, v in self.headers.items()}}
        with LOCK:
            REQUESTS.append(req)
            if ARGS.log:
                with open(ARGS.log, "a", encoding="utf-8") as f:
                    f.write(json.dumps(req) + "\n")

    def send(self, status, body, ctype="application/json", headers=None, length=None):
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def cut(self, body, ctype="application/json"):
        """Announces the whole body, sends half of it, and hangs up."""
        self.close_connection = True
        self.send(200, body[: len(body) // 2], ctype, length=len(body) + 1000)

    def stall(self, seconds=4.0):
        time.sleep(seconds)

    def reset(self, body, ctype="application/json"):
        """Sends the headers and half the body, then resets the connection (TCP RST)."""
        self.close_connection = True
        try:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def redirect(self, scen):
        """redirectloop: a 302 back to the same URL; tohttp: a 302 to --redirect-base."""
        if scen == "redirectloop":
            return self.send(302, b"", "text/html", {"Location": self.path})
        return self.send(302, b"", "text/html", {"Location": ARGS.redirect_base + self.path})

    def huge(self, ctype):
        """A 20 MiB body, sent as it is made (chunked: no length announced)."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * (1 << 20)
            for _ in range(20):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        if self.path == "/_requests":  # what was asked so far, headers included
            with LOCK:
                body = json.dumps(REQUESTS, indent=1).encode()
            return self.send(200, body)
        self.record()
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        try:
            if parts[:2] == ["spreadsheets", "d"]:
                return self.do_sheet(parts, q)
            if parts and parts[0] == "googleusercontent":
                return self.send(200, self.sheet_body(parts[1]), "text/csv; charset=utf-8")
            if parts[:1] == ["accounts"]:
                return self.send(200, SIGN_IN_PAGE, "text/html; charset=utf-8")
            if parts[:1] == ["v3"] and len(parts) >= 3 and parts[2] == "events":
                return self.do_mailgun(parts, q)
            if parts[:2] == ["v3", "suppression"] and len(parts) == 3:
                return self.do_sendgrid(parts[2], q)
        except (BrokenPipeError, ConnectionResetError):
            return None
        return self.send(404, b'{"message": "no such fake endpoint"}')

    # --- Google Sheets -------------------------------------------------------------

    def sheet_body(self, sheet_id):
        rows = list(SHEET_ROWS)
        if sheet_id.startswith("badrows"):
            rows.append(BAD_ROW)
        if sheet_id.startswith("junk"):
            return b"just,some\r\nwords,here\r\n"
        return to_csv(rows)

    def do_sheet(self, parts, q):
        if len(parts) >= 5 and parts[2] == "e":  # published: /spreadsheets/d/e/ID/pub
            return self.send(200, to_csv(SHEET_ROWS), "text/csv")
        sheet_id = parts[2] if len(parts) > 2 else ""
        scen = scenario_of(sheet_id)
        if scen == "private":
            return self.send(200, SIGN_IN_PAGE, "text/html; charset=utf-8")
        if scen == "redirectprivate":
            return self.send(302, b"", "text/html",
                             {"Location": "/accounts/ServiceLogin?continue=sheet"})
        if scen == "bomhtml":
            return self.send(200, b"\xef\xbb\xbf \r\n" + SIGN_IN_PAGE, "text/plain")
        if scen == "forbidden":
            return self.send(403, SIGN_IN_PAGE, "text/html")
        if scen == "notfound":
            return self.send(404, b"Not Found", "text/plain")
        if scen == "flaky" and once(sheet_id):
            return self.send(500, b"Internal Server Error", "text/plain")
        if scen in ("redirectloop", "tohttp"):
            return self.redirect(scen)
        if scen == "ratealways":
            return self.send(429, b"Too Many Requests", "text/plain", {"Retry-After": "0"})
        if scen == "reset":
            return self.reset(to_csv(SHEET_ROWS), "text/csv")
        if scen == "huge":
            return self.huge("text/csv")
        if scen == "stall":
            self.stall()
        if scen == "empty":
            return self.send(200, b"", "text/csv")
        if len(parts) >= 5 and parts[3:5] == ["gviz", "tq"]:
            tab = q.get("sheet", [""])[0]
            rows = TABS.get(tab, SHEET_ROWS)
            return self.send(200, to_csv(rows, quote_all=True), "text/csv; charset=utf-8")
        if scen == "direct":
            return self.send(200, self.sheet_body(sheet_id), "text/csv")
        # Google answers /export with a 307 to googleusercontent.com
        gid = q.get("gid", ["0"])[0]
        return self.send(307, b"", "text/html",
                         {"Location": "/googleusercontent/%s/export.csv?gid=%s" % (sheet_id, gid)})

    # --- Mailgun ---------------------------------------------------------------------

    def mailgun_auth_ok(self):
        want = "Basic " + base64.b64encode(("api:" + ARGS.api_key).encode()).decode()
        return self.headers.get("Authorization") == want

    def do_mailgun(self, parts, q):
        domain = parts[1]
        scen = scenario_of(domain)
        page = 0
        if len(parts) == 4:
            page = json.loads(base64.urlsafe_b64decode(parts[3].encode()).decode())["p"]
        if not self.mailgun_auth_ok():
            return self.send(401, b"Forbidden", "text/plain")
        if scen == "unknown":
            return self.send(404, json.dumps({"message": "Domain not found: " + domain}).encode())
        if scen == "forbidden":
            return self.send(403, b'{"message": "Forbidden"}')
        if scen == "ratelimit" and once(domain):
            return self.send(429, b'{"message": "Too Many Requests"}', headers={"Retry-After": "1"})
        if scen == "ratelong" and once(domain):
            return self.send(429, b'{"message": "Too Many Requests"}',
                             headers={"Retry-After": "3600"})
        if scen == "ratealways":
            return self.send(429, b'{"message": "Too Many Requests"}', headers={"Retry-After": "0"})
        if scen == "ratereset" and once(domain):
            return self.send(429, b'{"message": "Too Many Requests"}',
                             headers={"X-RateLimit-Reset": "%.3f" % (time.time() + 0.3)})
        if scen == "flaky" and once(domain):
            return self.send(500, b'{"message": "Internal Server Error"}')
        if scen == "always500":
            return self.send(503, b'{"message": "Service Unavailable"}')
        if scen == "garbage":
            return self.send(200, b'{"items": [{"event": "failed",')
        if scen in ("redirectloop", "tohttp"):
            return self.redirect(scen)
        if scen == "huge":
            return self.huge("application/json")
        body = self.mailgun_page(domain, page)
        if page == 1 and (scen == "cutalways" or (scen == "cutonce" and once(domain))):
            return self.cut(body)
        if page == 1 and scen == "resetalways":
            return self.reset(body)
        if page == 0 and scen == "stall":
            self.stall()
        if page == 1 and scen == "stallbody" and once(domain):
            self.close_connection = True
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.stall()
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        return self.send(200, body)

    def mailgun_page(self, domain, page):
        n = MAILGUN_PAGES[page] if page < len(MAILGUN_PAGES) else 0
        items = ",\n    ".join(mailgun_event(domain, page, i) for i in range(n))

        def link(p):
            token = base64.urlsafe_b64encode(json.dumps({"p": p}).encode()).decode()
            return "https://api.mailgun.net/v3/%s/events/%s" % (domain, token)
        paging = {"next": link(page + 1), "previous": link(max(page - 1, 0)),
                  "first": link(0), "last": link(len(MAILGUN_PAGES))}
        return ('{\n  "items": [\n    %s\n  ],\n  "paging": %s\n}\n'
                % (items, json.dumps(paging, indent=4))).encode()

    # --- SendGrid --------------------------------------------------------------------

    def do_sendgrid(self, name, q):
        if self.headers.get("Authorization") != "Bearer " + ARGS.api_key:
            return self.send(401, b'{"errors":[{"field":null,"message":"authorization required"}]}')
        sub = self.headers.get("on-behalf-of", "")
        if sub.startswith("ratelimited") and once(sub):
            return self.send(429, b'{"errors":[{"field":"","message":"too many requests"}]}',
                             headers={"X-RateLimit-Reset": str(int(time.time()) + 1),
                                      "X-RateLimit-Remaining": "0"})
        if sub.startswith("tohttp"):
            return self.redirect("tohttp")
        if sub.startswith("stranger"):
            return self.send(403, b'{"errors":[{"field":null,"message":"access forbidden"}]}')
        if name not in SENDGRID_COUNTS:
            return self.send(404, b'{"errors":[{"field":null,"message":"resource not found"}]}')
        limit = int(q.get("limit", ["500"])[0])
        offset = int(q.get("offset", ["0"])[0])
        total = SENDGRID_COUNTS[name]
        items = []
        for i in range(offset, min(offset + limit, total)):
            item = {"created": 1700000000 + i, "email": "%s%d@example.org" % (name, i),
                    "reason": "550 5.1.1 user unknown ", "status": "5.1.1"}
            if name == "spam_reports":
                item = {"created": 1700000000 + i, "email": "spam%d@example.org" % i,
                        "ip": "10.0.0.%d" % i}
            items.append(item)
        return self.send(200, json.dumps(items).encode())


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a client that hangs up (a timeout, a refused TLS handshake) is part of the tests
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def scenario_of(name):
    for word in ("redirectprivate", "redirectloop", "private", "bomhtml", "forbidden",
                 "notfound", "flaky", "stallbody", "stall", "empty", "direct", "unknown",
                 "ratelimit", "ratelong", "ratealways", "ratereset", "always500", "garbage",
                 "cutonce", "cutalways", "resetalways", "reset", "tohttp", "huge"):
        if name.startswith(word):
            return word
    return ARGS.scenario or ""


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port-file")
    ap.add_argument("--log")
    ap.add_argument("--api-key", default="MARKERKEY123")
    ap.add_argument("--scenario", default="")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--redirect-base", default="http://127.0.0.1:9")
    ARGS = ap.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    if ARGS.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls[0], ARGS.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    print(port, flush=True)
    if ARGS.port_file:
        tmp = ARGS.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, ARGS.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
