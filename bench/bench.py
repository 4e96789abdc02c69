#!/usr/bin/python3
"""bench.py - `make bench`: sendhealth against what people use instead, on the same files.

Generates (once, into bench/out/) every input format side by side - Mailgun JSON Lines, a
SendGrid webhook batch (one big array), SendGrid batches one per line, a CRM's failure CSV,
Nodemailer errors as JSON Lines, and our own records (`sendhealth import` of the Mailgun
file) - of 100k and 1M events with bench/gen_events.py, then times on each file, best of N runs:
  cat FILE > /dev/null                     the I/O floor
  logread_bench yajl|csv FILE              a raw parse (YAJL for JSON, libcsv for CSV) that does nothing
  sendhealth report --format json -j 1     one thread, end to end
  sendhealth report --format json          the default (online CPUs)
  py_report.py FILE                        the Python script a user writes instead
  jq -n -f jq_report.jq FILE               the same grouping in jq (the largest Mailgun file)
(the quick ones taking turns, run by run), and prints MB/s, events/s, peak RSS and the
ratios, checks the targets of issue 5, streams 10M generated events through pipes into
`sendhealth report` for the memory check, times the XLSX writer on a report with 10,000
errors and 1,000 domains, and appends it all to bench/RESULTS.md with the machine's
description.

CPU s is user+sys of the best run (the machine is shared: compare CPU, not only wall time).
Quick mode for a developer: BENCH_SIZES="200000" BENCH_BIG=0 BENCH_RUNS=1 (and BENCH_FORMATS
to pick formats, e.g. "csv sendgrid-lines").

Environment: SENDHEALTH (./sendhealth), BENCH_BIN_DIR (build/bench), BENCH_RUNS (5),
BENCH_FORMATS ("mailgun sendgrid sendgrid-lines csv nodemailer records"),
BENCH_SIZES ("100000 1000000"), BENCH_BIG (10000000; 0 skips the memory check),
BENCH_JQ_TIMEOUT (180 s: a jq run that takes longer counts as at least that long)."""
import datetime
import os
import platform
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
SH = os.environ.get("SENDHEALTH", "./sendhealth")
BIN = os.environ.get("BENCH_BIN_DIR", "build/bench")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(x) for x in os.environ.get("BENCH_SIZES", "100000 1000000").split()]
BIG = int(os.environ.get("BENCH_BIG", "10000000"))
JQ_TIMEOUT = float(os.environ.get("BENCH_JQ_TIMEOUT", "180"))
FORMATS = os.environ.get("BENCH_FORMATS",
                         "mailgun sendgrid sendgrid-lines csv nodemailer records").split()
EXT = {"mailgun": "jsonl", "sendgrid": "json", "sendgrid-lines": "jsonl", "csv": "csv",
       "nodemailer": "jsonl", "records": "jsonl"}
RAW = "raw parse (YAJL / libcsv)"


class Run:
    def __init__(self, secs, rss_kib, timed_out=False, cpu=0.0):
        self.secs, self.rss, self.timed_out, self.cpu = secs, rss_kib, timed_out, cpu


def measure(cmd, runs, stdout=subprocess.DEVNULL, timeout=None):
    """Best wall time of `runs` runs, and the largest peak RSS of the process (wait4)."""
    best, rss, cpu = None, 0, 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
        timed_out = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.perf_counter() - t0 > timeout:
                p.send_signal(signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        dt = time.perf_counter() - t0
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if not timed_out and code not in (0, 1):
            sys.exit("bench: %s failed (exit %d): %s" % (" ".join(cmd), code, err[-400:]))
        rss = max(rss, ru.ru_maxrss)
        if timed_out:
            return Run(dt, rss, True, ru.ru_utime + ru.ru_stime)
        if best is None or dt < best:
            best, cpu = dt, ru.ru_utime + ru.ru_stime
    return Run(best, rss, False, cpu)


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 30
    except (ValueError, OSError):
        mem = 0
    return "%s, %d online CPUs, %d GiB RAM, %s %s, load average %.2f %.2f %.2f" % (
        cpu, os.cpu_count() or 0, mem, platform.system(), platform.release(), *load)


def generate(kind, n):
    name = os.path.join(OUT, "%s-%s.%s" % (kind, label(n), EXT[kind]))
    if not os.path.exists(name):
        print("bench: generating %s" % name, flush=True)
        if kind == "records":  # our own records: what `sendhealth import` writes
            src = generate("mailgun", n)
            subprocess.run([SH, "-q", "import", "-o", name, src], check=True)
        else:
            subprocess.run([PY, os.path.join(HERE, "gen_events.py"), kind, str(n), name],
                           check=True)
    return name


def label(n):
    return "%dm" % (n // 1000000) if n % 1000000 == 0 else "%dk" % (n // 1000)


def mib(kib):
    return kib / 1024.0


def bench_file(kind, n, have_jq, rows):
    path = generate(kind, n)
    size = os.path.getsize(path)
    subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    tools = [
        ("cat > /dev/null", ["cat", path], RUNS, None),
        (RAW, [os.path.join(BIN, "logread_bench"), "csv" if kind == "csv" else "yajl", path, "1"],
         RUNS, None),
        ("sendhealth -j 1", [SH, "-q", "report", "-j", "1", "--format", "json", "-o", os.devnull, path], RUNS, None),
        ("sendhealth (default -j)", [SH, "-q", "report", "--format", "json", "-o", os.devnull, path], RUNS, None),
        ("python3 py_report.py", [PY, os.path.join(HERE, "py_report.py"), path], max(1, min(RUNS, 2)), None),
    ]
    if have_jq and kind == "mailgun" and n == max(SIZES):  # jq takes minutes: the target file only
        tools.append(("jq", ["jq", "-n", "-f", os.path.join(HERE, "jq_report.jq"), path], 1, JQ_TIMEOUT))
    res = {}
    print("\n== %s, %d events, %.0f MB" % (os.path.relpath(path, ROOT), n, size / 1e6), flush=True)
    # the quick tools take turns, run by run, so that a change in the machine's load
    # falls on all of them alike: their ratios are what is compared
    quick = [t for t in tools if t[2] == RUNS]
    for _ in range(RUNS):
        for name, cmd, runs, timeout in quick:
            r = measure(cmd, 1, timeout=timeout)
            b = res.get(name)
            if b is None or r.secs < b.secs:
                res[name] = Run(r.secs, max(r.rss, b.rss if b else 0), r.timed_out, r.cpu)
            else:
                b.rss = max(b.rss, r.rss)
    for name, cmd, runs, timeout in tools:
        if name in res:
            r = res[name]
        else:
            r = measure(cmd, runs, timeout=timeout)
            res[name] = r
        print("  %-26s %8.2f s%s %8.1f MB/s %10.0f events/s %7.2f CPU s %6.2f µs/event "
              "%8.1f MiB peak RSS %5.2f CPUs" % (
                  name, r.secs, "+" if r.timed_out else " ", size / r.secs / 1e6, n / r.secs,
                  r.cpu, r.cpu / n * 1e6, mib(r.rss), r.cpu / r.secs), flush=True)
    rows.append((kind, n, size, res))
    return res


def memory_check(kind):
    """BIG generated events of one format piped into `sendhealth report` (one generator and
    pipe per CPU, at most 4): (seconds, peak RSS KiB, exit code)."""
    parts = max(1, min(os.cpu_count() or 1, 4))
    print("\n== memory: %d generated %s events piped into sendhealth report (%d generators, "
          "one pipe each)" % (BIG, kind, parts), flush=True)
    t0 = time.perf_counter()
    procs, fds = [], []
    for k in range(parts):
        r, w = os.pipe()
        gen = [PY, os.path.join(HERE, "gen_events.py"), "mailgun" if kind == "records" else kind,
               str(BIG), "-", "--part=%d/%d" % (k, parts)]
        if kind == "records":  # our records: the generator through `sendhealth import`
            g = subprocess.Popen(gen, stdout=subprocess.PIPE)
            procs.append(g)
            procs.append(subprocess.Popen([SH, "-q", "import", "-"], stdin=g.stdout, stdout=w))
            g.stdout.close()
        else:
            procs.append(subprocess.Popen(gen, stdout=w))
        os.close(w)
        fds.append(r)
    sh = subprocess.Popen([SH, "-q", "report", "--format", "json", "-o",
                           os.path.join(OUT, "big-report.json")] + ["/dev/fd/%d" % r for r in fds],
                          pass_fds=fds, stderr=subprocess.PIPE)
    for r in fds:
        os.close(r)
    _, status, ru = os.wait4(sh.pid, 0)
    err = sh.stderr.read().decode(errors="replace")
    sh.stderr.close()
    for g in procs:
        g.wait()
    big = (time.perf_counter() - t0, ru.ru_maxrss, os.waitstatus_to_exitcode(status))
    if big[2] not in (0, 1):
        print("  sendhealth failed: " + err[-400:])
    print("  %d events in %.0f s (the generators are the bottleneck), exit %d, %.1f MiB peak RSS"
          % (BIG, big[0], big[2], mib(big[1])), flush=True)
    return big


def ratio(a, b):
    """How many times faster b is than a (a.secs / b.secs), '>' when a timed out."""
    return ("> " if a.timed_out else "") + "%.1f" % (a.secs / b.secs)


def main():
    os.chdir(ROOT)
    os.makedirs(OUT, exist_ok=True)
    have_jq = shutil.which("jq") is not None
    if not have_jq:
        print("bench: jq not found - its column is skipped (apt-get install -y jq)", flush=True)
    for need in (SH, os.path.join(BIN, "logread_bench")):
        if not os.access(need, os.X_OK):
            sys.exit("bench: %s is missing: run it through `make bench`" % need)
    desc = machine()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    print("bench: %s\nbench: commit %s, best of %d runs" % (desc, commit, RUNS), flush=True)
    rows = []
    for kind in FORMATS:
        for n in SIZES:
            bench_file(kind, n, have_jq and kind == "mailgun", rows)

    # memory does not grow with the input: BIG events of each format streamed through pipes
    bigs = []
    for kind in (FORMATS if BIG else []):
        bigs.append((kind, memory_check(kind)))

    # the XLSX writer on 10,000 errors and 1,000 domains
    print("\n== XLSX: a report with 10,000 errors and 1,000 domains", flush=True)
    bigjson = os.path.join(OUT, "big-errors.json")
    subprocess.run([PY, "tests/report/make_big_report.py", bigjson, "10000", "1000"], check=True)
    render = os.path.join(os.path.dirname(BIN), "tests", "report", "render", "render_report")
    xl_render = xl_writer = None
    if os.access(render, os.X_OK):
        xl_render = measure([render, "xlsx", "en", bigjson, os.path.join(OUT, "big-render.xlsx")], RUNS)
        # the writer's own time, without loading the 8 MB JSON (RENDER_TIME)
        for _ in range(RUNS):
            p = subprocess.run([render, "xlsx", "en", bigjson, os.path.join(OUT, "big-render.xlsx")],
                               env=dict(os.environ, RENDER_TIME="1"), capture_output=True, text=True)
            for line in p.stderr.splitlines():
                if " took " in line:
                    t = float(line.split(" took ")[1].split()[0])
                    xl_writer = t if xl_writer is None else min(xl_writer, t)
        print("  render_report xlsx             %6.2f s (the XLSX writer itself: %.2f s)" % (
            xl_render.secs, xl_writer if xl_writer is not None else float("nan")))
    xl_merge = measure([SH, "-q", "merge", bigjson, "-o", os.path.join(OUT, "big-errors.xlsx")], RUNS)
    print("  sendhealth merge big.json -o big.xlsx %6.2f s (load, re-derive, write)" % xl_merge.secs)

    # ratios and targets
    lines = []
    out = lines.append
    out("## %s, commit %s" % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit))
    out("")
    out("Machine: %s (at the start; %s at the end). Best of %d runs (Python: of %d, jq: 1, "
        "stopped after %d s). CPUs used: CPU time / wall time of the best run." % (
            desc, "load average %.2f %.2f %.2f" % os.getloadavg(), RUNS, max(1, min(RUNS, 2)),
            JQ_TIMEOUT))
    out("")
    out("| input | tool | s | MB/s | events/s | CPU s | CPU µs/event | peak RSS MiB | CPUs used |")
    out("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, n, size, res in rows:
        for name, r in res.items():
            out("| %s %s | %s | %s%.2f | %.0f | %.0f | %.2f | %.2f | %.1f | %.2f |" % (
                kind, label(n), name, "> " if r.timed_out else "", r.secs, size / r.secs / 1e6,
                n / r.secs, r.cpu, r.cpu / n * 1e6, mib(r.rss), r.cpu / r.secs))
    out("")
    out("| input | default vs Python | CPU: Python / default | default vs jq | -j 1 / raw parse | default / raw parse | CPU: -j 1 / raw parse | -j 1 / cat | default / -j 1 |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, n, size, res in rows:
        d, j1, y, c = (res["sendhealth (default -j)"], res["sendhealth -j 1"], res[RAW],
                       res["cat > /dev/null"])
        py = res["python3 py_report.py"]
        out("| %s %s | %s× | %.1f× | %s | %.2f | %.2f | %.2f | %.1f | %.2f |" % (
            kind, label(n), ratio(py, d), py.cpu / max(d.cpu, 1e-6),
            ratio(res["jq"], d) + "×" if "jq" in res else "-", j1.secs / y.secs, d.secs / y.secs,
            j1.cpu / max(y.cpu, 1e-6), j1.secs / c.secs, d.secs / j1.secs))
    out("")
    targets = []
    mg = [res for kind, n, size, res in rows if kind == "mailgun" and n == max(SIZES)]
    if mg:
        res = mg[0]
        d, j1, y = res["sendhealth (default -j)"], res["sendhealth -j 1"], res[RAW]
        if "jq" in res:
            targets.append(("end to end >= 8x faster than jq", res["jq"].secs / d.secs >= 8,
                            ratio(res["jq"], d) + "×"))
        targets.append(("-j 1 within 1.2x of the raw YAJL pass (Mailgun)", j1.secs <= 1.2 * y.secs,
                        "%.2f×" % (j1.secs / y.secs)))
        targets.append(("default at least as fast as the raw YAJL pass", d.secs <= y.secs,
                        "%.2f×" % (d.secs / y.secs)))
    for kind, n, size, res in rows:  # issue 13: >= 10x Python on every format, default -j
        if n != max(SIZES):
            continue
        d, j1, py = res["sendhealth (default -j)"], res["sendhealth -j 1"], res["python3 py_report.py"]
        targets.append(("%s %s: end to end >= 10x faster than Python" % (kind, label(n)),
                        py.secs / d.secs >= 10, "%.1f×" % (py.secs / d.secs)))
        targets.append(("%s %s: peak RSS <= 64 MiB" % (kind, label(n)),
                        max(d.rss, j1.rss) <= 64 * 1024, "%.1f MiB" % mib(max(d.rss, j1.rss))))
    for kind, b in bigs:
        targets.append(("%s: peak RSS <= 64 MiB on %d events (piped)" % (kind, BIG),
                        b[1] <= 64 * 1024 and b[2] in (0, 1), "%.1f MiB" % mib(b[1])))
    if xl_writer is not None:
        targets.append(("XLSX, 10,000 errors and 1,000 domains, written < 1 s (the writer, RENDER_TIME)",
                        xl_writer < 1, "%.2f s" % xl_writer))
    # render_report (a test helper: load the JSON, write the XLSX) is printed above for the
    # breakdown; what a user runs is the merge below, so that is the target
    targets.append(("XLSX through `sendhealth merge big.json -o big.xlsx` < 1 s", xl_merge.secs < 1,
                    "%.2f s" % xl_merge.secs))
    out("| target | result | met |")
    out("|---|---:|---|")
    for name, ok, val in targets:
        out("| %s | %s | %s |" % (name, val, "yes" if ok else "**no**"))
    out("")
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    results = os.path.join(HERE, "RESULTS.md")
    new = not os.path.exists(results)
    with open(results, "a") as f:
        if new:
            f.write("# Benchmark results\n\nAppended by `make bench` (bench/bench.py); ratios from the"
                    " same run are what to compare.\n\n")
        f.write(text + "\n")
    print("bench: appended to %s" % os.path.relpath(results, ROOT))


main()
