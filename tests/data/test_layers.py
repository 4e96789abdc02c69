#!/usr/bin/env python3
"""The rooms keep their shape: every #include "..." of the program's sources points down the
order cmd -> report -> import, catalogue -> net -> model -> util; no circle joins two rooms;
no source folder holds more than 15 .c files; no function is longer than 80 lines.
Each finding is printed as file:line: reason (paths from the repository root, wherever it
is run from); `python3 tests/data/test_layers.py --lengths` lists every function over 50
lines.

Report's subrooms: run -> render -> doc -> aggregate -> match. run is report's top, the
one place that chains reading, the document and its writers (report/run/job.c writes a
split run's files); render writes a document and knows nothing of how it was made, so it
never includes run.
Import's: the front door (import/*.c: logread, detect, dedupe) -> the readers
(import/logs, import/mail) -> import/reader.h, the calls a reader may make, which the
front door implements."""
import os
import re
import sys
import tempfile

ROOMS = ("cmd", "report", "import", "catalogue", "net", "model", "util")
# What each room may include besides itself; the order, written out.
MAY_USE = {
    "cmd": {"report", "import", "catalogue", "net", "model", "util"},
    "report": {"import", "catalogue", "net", "model", "util"},
    "import": {"net", "model", "util"},
    "catalogue": {"net", "model", "util"},
    "net": {"model", "util"},
    "model": {"util"},
    "util": set(),
}
SUBROOMS = {
    "report": {
        "report/run": {"report/render", "report/doc", "report/aggregate", "report/match"},
        "report/render": {"report/doc", "report/aggregate", "report/match"},
        "report/doc": {"report/aggregate", "report/match"},
        "report/aggregate": {"report/match"},
        "report/match": set(),
    },
    "import": {
        "import": {"import/logs", "import/mail", "import/reader"},
        "import/logs": {"import/reader"},
        "import/mail": {"import/logs", "import/reader"},
        "import/reader": set(),
    },
}
# A header that is a room of its own: the interface the rooms above it implement or call.
INTERFACES = {"import/reader.h": "import/reader"}
# Functions over the limit in rooms whose owners are splitting them now (issue 9): listed,
# not failed. An entry that is no longer too long is named so that it can go.
KNOWN_LONG = set()
MAX_C_FILES = 15
MAX_FUNCTION_LINES = 80
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def sources(root):
    for room in ROOMS:
        for d, dirs, files in os.walk(os.path.join(root, room)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, f), root)


def room_of(path):
    """(top room, subroom) of a source path such as report/match/matcher.c."""
    if path in INTERFACES:
        return path.split("/")[0], INTERFACES[path]
    parts = path.split("/")
    top = parts[0]
    if top in SUBROOMS:
        sub = "/".join(parts[:2]) if len(parts) > 2 else top
        return top, sub
    return top, top


def include_problems(path, lines, edges):
    problems = []
    top, sub = room_of(path)
    for n, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m or m.group(1).split("/")[0] not in ROOMS:
            continue
        inc = m.group(1)
        itop, isub = room_of(inc)
        if (top, sub) != (itop, isub):
            edges.setdefault(sub, {}).setdefault(isub, (path, n))
        if itop != top and itop not in MAY_USE[top]:
            problems.append("%s:%d: %s includes %s: %s is above %s" %
                            (path, n, top, inc, itop, top))
        elif itop == top and sub != isub and top in SUBROOMS and \
                isub not in SUBROOMS[top].get(sub, set()):
            problems.append("%s:%d: %s includes %s: %s may not use %s" %
                            (path, n, sub, inc, sub, isub))
    return problems


def circles(edges):
    """Each include from one room into another that reaches back to the first."""
    problems = []
    for room in sorted(edges):
        for other, (path, n) in sorted(edges[room].items()):
            if room in reach(edges, other):
                problems.append("%s:%d: %s includes from %s, which includes back from %s" %
                                (path, n, room, other, room))
    return problems


def reach(edges, room):
    seen, todo = set(), [room]
    while todo:
        for nxt in edges.get(todo.pop(), {}):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def code_only(text):
    """The text with comments, strings and character literals blanked, lines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, first line, number of lines from '{' to '}') of each function definition:
    a body opens with '{' alone at the start of a line (the style of the tree)."""
    lines = code_only(text).split("\n")
    found, i = [], 0
    while i < len(lines):
        if lines[i].rstrip() != "{" or i == 0:
            i += 1
            continue
        sig = " ".join(lines[max(0, i - 3):i])
        names = re.findall(r"([A-Za-z_]\w*)\s*\(", sig)
        depth, j = 0, i
        while j < len(lines):
            depth += lines[j].count("{") - lines[j].count("}")
            if depth == 0:
                break
            j += 1
        if names:
            found.append((names[0] if names[0] not in ("__attribute__",) else names[-1],
                          i + 1, j - i + 1))
        i = j + 1
    return found


def check(root, list_lengths=False):
    """The findings for the tree at root, one string each."""
    problems, edges, per_dir = [], {}, {}
    known = dict.fromkeys(KNOWN_LONG if root == ROOT else (), 0)
    for path in sources(root):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        problems += include_problems(path, text.split("\n"), edges)
        if path.endswith(".c"):
            per_dir.setdefault(os.path.dirname(path), []).append(path)
        for name, line, length in functions(text):
            if length > MAX_FUNCTION_LINES and (path, name) in known:
                known[(path, name)] = length
            elif length > MAX_FUNCTION_LINES:
                problems.append("%s:%d: %s is %d lines long (at most %d)" %
                                (path, line, name, length, MAX_FUNCTION_LINES))
            elif list_lengths and length > 50:
                print("%s:%d: %s: %d lines" % (path, line, name, length))
    for (path, name), length in sorted(known.items()):
        print("note: %s: %s is %s" % (path, name, "%d lines long, a known exception" % length
                                      if length else "no longer too long: drop it from "
                                      "KNOWN_LONG"))
    problems += circles(edges)
    for d, files in sorted(per_dir.items()):
        if len(files) > MAX_C_FILES:
            problems.append("%s/: %d .c files (at most %d)" % (d, len(files), MAX_C_FILES))
    return problems


def body(name, n):
    """A function whose body is n lines from '{' to '}', with braces in a string and a
    comment that must not count."""
    inner = ["\tputs(\"}\"); /* { */"] + ["\tx++;"] * (n - 3)
    return "void %s(void)\n{\n%s\n}\n" % (name, "\n".join(inner))


# A tree with one of each finding, and near misses that must pass.
SELFTEST = {
    "util/u.c": '#include "util/u.h"\n#include "report/run/pipeline.h"\n',
    "util/u.h": "",
    "model/m.c": '#include "util/u.h"\n' + body("fits", 80) + body("too_long", 81),
    "import/logs/r.c": '#include "import/reader.h"\n#include "import/logread.h"\n',
    "import/logread.c": '#include "import/logs/r.h"\n#include "import/reader.h"\n',
    "catalogue/c.c": '#include "net/n.h"\n',
    "net/n.c": '#include "catalogue/c.h"\n',
    "report/run/p.c": '#include "report/doc/d.h"\n#include "report/render/t.h"\n',
    "report/render/t.c": '#include "report/doc/d.h"\n#include "report/run/p.h"\n',
}
SELFTEST.update({"report/match/f%02d.c" % i: "" for i in range(16)})
SELFTEST_WANT = [
    "util/u.c:2: util includes report/run/pipeline.h: report is above util",
    "model/m.c:84: too_long is 81 lines long (at most 80)",
    "import/logs/r.c:2: import/logs includes import/logread.h: import/logs may not use import",
    "net/n.c:1: net includes catalogue/c.h: catalogue is above net",
    "report/render/t.c:2: report/render includes report/run/p.h: report/render may not use "
    "report/run",
    "report/render/t.c:2: report/render includes from report/run, which includes back from "
    "report/render",
    "report/run/p.c:2: report/run includes from report/render, which includes back from "
    "report/run",
    "import/logread.c:1: import includes from import/logs, which includes back from import",
    "import/logs/r.c:2: import/logs includes from import, which includes back from "
    "import/logs",
    "catalogue/c.c:1: catalogue includes from net, which includes back from catalogue",
    "net/n.c:1: net includes from catalogue, which includes back from net",
    "report/match/: 16 .c files (at most 15)",
]


def selftest():
    """The checker finds each kind of problem in a made-up tree, and nothing else."""
    with tempfile.TemporaryDirectory() as root:
        for path, text in SELFTEST.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        got = check(root)
    if sorted(got) == sorted(SELFTEST_WANT):
        return 0
    for p in sorted(set(got) - set(SELFTEST_WANT)):
        print("FAIL selftest: unexpected: %s" % p)
    for p in sorted(set(SELFTEST_WANT) - set(got)):
        print("FAIL selftest: not found: %s" % p)
    return 1


def main(root, list_lengths):
    failed = selftest()
    problems = check(root, list_lengths)
    for p in problems:
        print(p)
    print("layers: %d problems in the tree%s" %
          (len(problems), ", the checker's selftest failed" if failed else ""))
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main(ROOT, "--lengths" in sys.argv))
