#!/usr/bin/env python3
"""mail_bench - bounce mail, side by side with Sisimai (Debian libsisimai-perl), one thread
each, on the same mbox: the corpus's mbox-0 (../shared/corpus/bounces/mbox) repeated
BENCH_MAIL_COPIES times (default 50), or data/samples/bounces.mbox when the corpus is
absent. Messages per second by CPU time (user + system) and by wall time, best of
BENCH_RUNS (Sisimai: one run); the ratio is the issue's target (>= 50x). Beside them the
floors: $BENCH_BIN_DIR/mail_gmime_bench (bench/mail_gmime_bench.c) cutting the same mbox
and only parsing each message with GMime and freeing it, and the same program's CPU per
message (best of BENCH_RUNS passes in one process, file already read) for GMime alone
(gmime), GMime with a warning callback as our reader sets one (gmime-warn), GMime cutting
the mbox itself (gmime-mbox) and our reader (mail_read) - each beside the ratio to
Sisimai's CPU per message that it alone would allow. With valgrind installed (and
BENCH_MAIL_IR not 0) the instructions per message of each, counted by callgrind on
BENCH_MAIL_IR_COPIES copies (default 5): a figure the load of the machine does not move.
Appends a table to bench/RESULTS.md. Run by bench/run (`make bench`); alone:
python3 bench/mail_bench.py"""
import datetime
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SENDHEALTH = os.environ.get("SENDHEALTH", os.path.join(ROOT, "sendhealth"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
COPIES = int(os.environ.get("BENCH_MAIL_COPIES", "50"))
SHARED = os.environ.get("SENDHEALTH_SHARED", os.path.join(ROOT, "..", "shared"))
BIN_DIR = os.environ.get("BENCH_BIN_DIR", os.path.join(ROOT, "build", "bench"))
IR = os.environ.get("BENCH_MAIL_IR", "1") != "0"
IR_COPIES = int(os.environ.get("BENCH_MAIL_IR_COPIES", "5"))
MODES = [("gmime", "GMime parse+free (floor)"),
         ("gmime-warn", "GMime parse+free, warning callback set (our reader's floor)"),
         ("gmime-mbox", "GMime cutting the mbox itself (GMIME_FORMAT_MBOX)"),
         ("mail", "mail_read (our reader, records built)")]


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    p.stdout.close()
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("mail_bench: %s failed" % " ".join(cmd))
    return time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, out


def best(cmd, runs):
    got = [run(cmd) for _ in range(runs)]
    return min(g[0] for g in got), min(g[1] for g in got), got[0][2]


def make_box(src, copies, name):
    box = os.path.join(HERE, "out", name)
    data = open(src, "rb").read()
    with open(box, "wb") as f:
        for _ in range(copies):
            f.write(data if data.endswith(b"\n\n") else data + b"\n")
    return box


def count_messages(box):
    return sum(1 for line in open(box, "rb") if line.startswith(b"From "))


def per_message(floor, mode, box):
    """CPU microseconds per message, best of RUNS passes in one process."""
    out = subprocess.run([floor, mode, box, str(RUNS)], stdout=subprocess.PIPE,
                         check=True).stdout.decode().split()
    return float(out[out.index("us/message") - 1]), int(out[out.index("messages") - 1])


def instructions(floor, mode, box, msgs):
    """Instructions per message in the bench's loop (callgrind), or None."""
    cg = os.path.join(HERE, "out", "callgrind.%s" % mode)
    p = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=one_pass",
                        "--callgrind-out-file=" + cg, floor, mode, box, "1"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for line in p.stderr.decode().splitlines():
        if "I   refs:" in line or "I refs:" in line:
            return int(line.split()[-1].replace(",", "")) / max(msgs, 1)
    return None


def main():
    src = os.path.join(SHARED, "corpus", "bounces", "mbox", "mbox-0")
    if not os.path.exists(src):
        src = os.path.join(ROOT, "data", "samples", "bounces.mbox")
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    box = make_box(src, COPIES, "bounces-x%d.mbox" % COPIES)
    msgs = count_messages(box)
    print("\n== bounce mail: %s x %d, %d messages, %.1f MB" % (
        os.path.relpath(src, ROOT), COPIES, msgs, os.path.getsize(box) / 1e6), flush=True)
    wall, cpu, _ = best([SENDHEALTH, "-q", "import", "-o", "/dev/null", box], RUNS)
    rows = [("sendhealth import", wall, cpu)]
    floor = os.path.join(BIN_DIR, "mail_gmime_bench")
    per_msg = []
    if os.access(floor, os.X_OK):
        fwall, fcpu, _ = best([floor, "gmime", box], RUNS)
        rows.append(("raw GMime parse+free (floor)", fwall, fcpu))
        small = make_box(src, IR_COPIES, "bounces-x%d.mbox" % IR_COPIES)
        ir = IR and shutil.which("valgrind") is not None
        n_small = count_messages(small)
        for mode, label in MODES:
            us, _ = per_message(floor, mode, box)
            per_msg.append((label, us, instructions(floor, mode, small, n_small) if ir else None))
    else:
        print("  %s is not built (make build/bench/mail_gmime_bench): no floor" % floor)
    have = subprocess.run(["perl", "-MSisimai", "-e1"], stderr=subprocess.DEVNULL).returncode == 0
    if have and shutil.which("perl"):
        swall, scpu, out = best(["perl", "-MSisimai", "-e",
                                 "my $r = Sisimai->make($ARGV[0]) || []; print scalar(@$r)", box], 1)
        rows.append(("Sisimai->make (Perl)", swall, scpu))
        print("  Sisimai found %s bounces" % out.decode().strip())
    else:
        print("  Sisimai is not installed (apt-get install libsisimai-perl): no comparison")
    lines = ["| tool | wall s | CPU s | messages/s (CPU) | messages/s (wall) |",
             "|---|---:|---:|---:|---:|"]
    for name, w, c in rows:
        lines.append("| %s | %.2f | %.2f | %.0f | %.0f |" % (name, w, c, msgs / max(c, 1e-3),
                                                             msgs / max(w, 1e-3)))
    sis = [r for r in rows if r[0].startswith("Sisimai")]
    if sis:
        ratio_cpu = sis[0][2] / max(rows[0][2], 1e-3)
        ratio_wall = sis[0][1] / max(rows[0][1], 1e-3)
        lines.append("")
        lines.append("sendhealth / Sisimai: %.1fx by CPU time, %.1fx by wall time (target 50x: %s)"
                     % (ratio_cpu, ratio_wall, "met" if ratio_cpu >= 50 else "not met"))
        for name, _, c in rows:
            if name.startswith("raw GMime"):
                lines.append("raw GMime floor / Sisimai: %.1fx by CPU time (a reader that lets "
                             "GMime parse every message cannot pass this)"
                             % (sis[0][2] / max(c, 1e-3)))
    if per_msg:
        sis_us = sis[0][2] * 1e6 / msgs if sis else None
        lines.append("")
        lines.append("CPU per message in one process (file already read; best of %d passes)%s:"
                     % (RUNS, ", instructions by callgrind on %d copies" % IR_COPIES
                        if any(p[2] for p in per_msg) else ""))
        lines.append("")
        lines.append("| work per message | CPU us | instructions | Sisimai / this (CPU) |")
        lines.append("|---|---:|---:|---:|")
        for label, us, ins in per_msg:
            lines.append("| %s | %.1f | %s | %s |" % (
                label, us, "{:,.0f}".format(ins) if ins else "-",
                "%.1fx" % (sis_us / us) if sis_us else "-"))
        lines.append("| sendhealth import (whole run, CPU / messages) | %.1f | - | %s |" % (
            rows[0][2] * 1e6 / msgs, "%.1fx" % (sis_us / (rows[0][2] * 1e6 / msgs))
            if sis_us else "-"))
        if sis_us:
            lines.append("| Sisimai->make (whole run, CPU / messages) | %.1f | - | 1.0x |"
                         % sis_us)
            lines.append("")
            lines.append("50x Sisimai needs <= %.1f us per message end to end." % (sis_us / 50))
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(HERE, "RESULTS.md"), "a", encoding="utf-8") as f:
        f.write("\n### Bounce mail, %s: %d messages (%s x %d)\n\n%s\n" % (
            datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), msgs,
            os.path.relpath(src, ROOT), COPIES, text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
