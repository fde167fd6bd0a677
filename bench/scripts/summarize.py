#!/usr/bin/env python3
"""Turns the baseline runs (JSON reports of socketx-bench load) into Markdown tables and a plot.

  summarize.py peak RUNS_DIR CONFIG SIZE     median msgs/s of a throughput config (for open loop)
  summarize.py all OUT_DIR PLOT_PNG          writes OUT_DIR/sections/*.md and the PNG
  summarize.py splice DOC SECTIONS_DIR       replaces <!-- bench:NAME:begin/end --> blocks in DOC
  summarize.py jmh JMH_RESULT.json           Markdown table of a JMH JSON result
  summarize.py jfr RECORDING.jfr             hottest methods, categories, allocation, GC of a JFR file
  summarize.py floods OUT_DIR                Markdown table of a floods.sh run
  summarize.py flood-line OUT_DIR NAME       one line about one flood of that run
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys

LABELS = {
    "direct": "direct (no proxy)",
    "nginx-ws": "nginx ws",
    "nginx-wss": "nginx wss (TLS 1.3)",
    "socketx-ws": "SocketX proxy, ws",
    "socketx-wss": "SocketX proxy, wss (TLS 1.3)",
    "socketx-ws-x25519": "SocketX proxy, ws, suite x25519",
    "socketx-idle": "SocketX proxy, ws",
}
ORDER = ["direct", "nginx-ws", "nginx-wss", "socketx-ws", "socketx-wss", "socketx-ws-x25519"]


def load_runs(runs, prefix):
    """{label-without-prefix: report} for every runs/PREFIX-*.json."""
    out = {}
    for path in sorted(glob.glob(os.path.join(runs, prefix + "-*.json"))):
        out[os.path.basename(path)[len(prefix) + 1 : -5]] = json.load(open(path))
    return out


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    if v is None:
        return "–"
    if digits == 0:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


def ratio(a, b):
    return None if not a or not b else a / b


def throughput(runs):
    """{(config, size): {...medians...}} over rounds."""
    grouped = {}
    for label, r in load_runs(runs, "tput").items():
        m = re.match(r"(.+)-(\d+)-r(\d+)$", label)
        if m:
            grouped.setdefault((m.group(1), int(m.group(2))), []).append(r)
    table = {}
    for key, rs in grouped.items():
        table[key] = {
            "rounds": len(rs),
            "msgs": median([r["messagesPerSecond"] for r in rs]),
            "min": min(r["messagesPerSecond"] for r in rs),
            "max": max(r["messagesPerSecond"] for r in rs),
            "cpu": median([r["watchedCpuMicrosPerMessage"] for r in rs]),
            "p50": median([r["latency"]["p50"] for r in rs]),
            "p99": median([r["latency"]["p99"] for r in rs]),
            "busy": median([r["machineBusy"] for r in rs]),
            "softirq": median([r["machineSoftirq"] for r in rs]),
            "steal": median([r["machineSteal"] for r in rs]),
            "errors": sum(r["errors"] for r in rs),
        }
    return table


def peak(runs, config, size):
    t = throughput(runs).get((config, int(size)))
    print(int(t["msgs"]) if t else 20000)


def section_machine(out):
    env = {}
    path = os.path.join(out, "machine.env")
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.rstrip("\n").partition("=")
            env[k] = v
    rows = [
        ("CPUs (nproc)", env.get("nproc")),
        ("CPU model", env.get("cpu")),
        ("memory", env.get("memory")),
        ("kernel", env.get("kernel")),
        ("JDK", env.get("jdk")),
        ("nginx", env.get("nginx")),
        ("OpenSSL", env.get("openssl")),
        ("open files limit", env.get("nofile")),
        ("measured", env.get("date")),
        ("proxy under test (last proxy/ commit)", env.get("proxy")),
    ]
    lines = ["| | |", "|---|---|"] + [f"| {k} | {v or '–'} |" for k, v in rows]
    return "\n".join(lines)


def section_throughput(runs):
    t = throughput(runs)
    sizes = sorted({s for _, s in t})
    lines = [
        "| size | config | msgs/s (median) | range | × direct | × nginx wss | proxy CPU µs/msg "
        "| p50 µs | p99 µs | machine busy | softirq | steal | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        direct = t.get(("direct", size), {}).get("msgs")
        nginx_wss = t.get(("nginx-wss", size), {}).get("msgs")
        for config in ORDER:
            row = t.get((config, size))
            if not row:
                continue
            cpu = row["cpu"] if config != "direct" else None
            lines.append(
                f"| {size_label(size)} | {LABELS[config]} | {fmt(row['msgs'])} "
                f"| {fmt(row['min'])}–{fmt(row['max'])} "
                f"| {fmt(ratio(row['msgs'], direct), 2)} | {fmt(ratio(row['msgs'], nginx_wss), 2)} "
                f"| {fmt(cpu, 1)} | {fmt(row['p50'])} | {fmt(row['p99'])} "
                f"| {pct(row['busy'])} | {pct(row['softirq'])} | {pct(row['steal'])} "
                f"| {row['errors']} |"
            )
    rounds = max((r["rounds"] for r in t.values()), default=0)
    lines.append("")
    lines.append(
        f"Medians of {rounds} interleaved round(s). A message is one round trip (generator → "
        "proxy → upstream → proxy → generator); proxy CPU is user + system time of the proxy "
        "process(es) over the measurement window divided by round trips."
    )
    return "\n".join(lines)


def section_latency(runs, out, plot):
    rs = load_runs(runs, "lat")
    points = {}
    for label, r in rs.items():
        m = re.match(r"(.+)-([0-9.]+)$", label)
        if m:
            points.setdefault(m.group(1), []).append((float(m.group(2)), r))
    lines = [
        "| load (× nginx wss peak) | target msgs/s | config | achieved msgs/s | p50 µs | p90 µs "
        "| p99 µs | p99.9 µs | p99 added over direct |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    fractions = sorted({f for ps in points.values() for f, _ in ps})
    data_dir = os.path.join(out, "plot")
    os.makedirs(data_dir, exist_ok=True)
    for f in fractions:
        direct = dict(points.get("direct", [])).get(f)
        for config in ORDER:
            r = dict(points.get(config, [])).get(f)
            if not r:
                continue
            added = None if not direct or config == "direct" else r["latency"]["p99"] - direct[
                "latency"]["p99"]
            lines.append(
                f"| {f:g} | {fmt(r['targetRate'])} | {LABELS[config]} | {fmt(r['messagesPerSecond'])} "
                f"| {fmt(r['latency']['p50'])} | {fmt(r['latency']['p90'])} "
                f"| {fmt(r['latency']['p99'])} | {fmt(r['latency']['p999'])} | {fmt(added)} |"
            )
    for config, ps in points.items():
        with open(os.path.join(data_dir, config + ".dat"), "w") as d:
            for f, r in sorted(ps, key=lambda p: p[0]):
                d.write(f"{r['targetRate']} {r['latency']['p50']} {r['latency']['p99']}\n")
    if points and plot:
        connections = next(iter(points.values()))[0][1]["connections"]
        draw(data_dir, [c for c in ORDER if c in points], plot, connections)
    return "\n".join(lines)


def draw(data_dir, configs, plot, connections):
    series = []
    for i, c in enumerate(configs):
        dat = os.path.join(data_dir, c + ".dat")
        series.append(f"'{dat}' using 1:3 with linespoints lw 2 lc {i + 1} title '{LABELS[c]} p99'")
        series.append(f"'{dat}' using 1:2 with linespoints dt 2 lc {i + 1} title '{LABELS[c]} p50'")
    script = "\n".join(
        [
            "set terminal pngcairo size 1000,600 font ',10'",
            f"set output '{plot}'",
            f"set title 'Latency vs load: 1 KiB echo, {connections} connections, open loop'",
            "set xlabel 'offered load (round trips/s)'",
            "set ylabel 'latency (µs, log scale)'",
            "set logscale y",
            "set grid",
            "set key outside right",
            "plot " + ", \\\n  ".join(series),
        ]
    )
    subprocess.run(["gnuplot"], input=script.encode(), check=True)


def section_handshakes(runs):
    rs = load_runs(runs, "hs")
    lines = [
        "| config | handshakes/s | p50 ms | p99 ms | proxy CPU µs/handshake | handshakes/s per proxy core "
        "| errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for config in ORDER:
        r = rs.get(config)
        if not r:
            continue
        cpu = r["watchedCpuMicrosPerHandshake"] if config != "direct" else None
        lines.append(
            f"| {LABELS[config]} | {fmt(r['handshakesPerSecond'])} "
            f"| {fmt(r['handshakeLatency']['p50'] / 1000, 2)} "
            f"| {fmt(r['handshakeLatency']['p99'] / 1000, 2)} | {fmt(cpu)} "
            f"| {fmt(1e6 / cpu if cpu else None)} | {r['errors']} |"
        )
    lines.append("")
    lines.append(
        "A handshake is TCP connect + WebSocket upgrade (+ TLS) + for SocketX the whole key exchange"
        " and the proxy's upstream connect, then close; the generator does the client half of the"
        " same cryptography on the same two cores."
    )
    return "\n".join(lines)


def section_idle(out):
    path = os.path.join(out, "runs", "idle.jsonl")
    if not os.path.exists(path):
        return "_not measured in this run_"
    rows = [json.loads(line) for line in open(path) if line.strip()]
    lines = [
        "| process | connections held | RSS kB | RSS growth kB per connection | live heap kB "
        "| heap per connection kB |",
        "|---|---|---|---|---|---|",
    ]
    by_name = {}
    for r in rows:
        held = r.get("held", (r.get("ready") or {}).get("established", 0))
        by_name.setdefault(r["name"], []).append((held, r))
        per_rss = (r["rssKb"] - r["rssBeforeKb"]) / held if held else None
        per_heap = (r["heapKb"] - r["heapBeforeKb"]) / held if held and r["heapKb"] else None
        lines.append(
            f"| {LABELS.get(r['name'], r['name'])} | {fmt(held)} | {fmt(r['rssKb'])} "
            f"| {fmt(per_rss, 1)} | {fmt(r['heapKb'] or None)} | {fmt(per_heap, 1)} |"
        )
    lines.append("")
    lines.append(
        "Connections are added level by level to one process (a generator process per level "
        "keeps its connections open); RSS is VmRSS of the proxy process(es), live heap is "
        "`GC.heap_info` after `GC.run`. Growth is measured from the process before the first level."
    )
    lines.append("")
    for name, pts in by_name.items():
        rss = slope([(h, r["rssKb"] - r["rssBeforeKb"]) for h, r in pts])
        heap = slope([(h, r["heapKb"] - r["heapBeforeKb"]) for h, r in pts if r["heapKb"]])
        lines.append(
            f"- {LABELS.get(name, name)}: slope {fmt(rss, 1)} kB RSS per connection"
            + (f", {fmt(heap, 1)} kB live heap per connection" if heap is not None else "")
            + f" (least squares over {len(pts)} levels)."
        )
    return "\n".join(lines)


def slope(points):
    points = [(x, y) for x, y in points if x]
    if len(points) < 2:
        return points[0][1] / points[0][0] if points else None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else None


def size_label(size):
    return f"{size // 1024} KiB" if size >= 1024 else f"{size} B"


def pct(v):
    return "–" if v is None else f"{v * 100:.0f} %"


def write_all(out, plot):
    runs = os.path.join(out, "runs")
    sections = {
        "machine": section_machine(out),
        "throughput": section_throughput(runs),
        "latency": section_latency(runs, out, plot),
        "handshakes": section_handshakes(runs),
        "idle": section_idle(out),
    }
    os.makedirs(os.path.join(out, "sections"), exist_ok=True)
    for name, text in sections.items():
        with open(os.path.join(out, "sections", name + ".md"), "w") as f:
            f.write(text + "\n")
        print(f"## {name}\n{text}\n")


def splice(doc, sections_dir):
    text = open(doc).read()
    for path in sorted(glob.glob(os.path.join(sections_dir, "*.md"))):
        name = os.path.basename(path)[:-3]
        begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
        if begin not in text or end not in text:
            continue
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + begin + "\n" + open(path).read() + end + tail
    open(doc, "w").write(text)


CATEGORIES = [
    ("TLS (JDK SSLEngine)", ("sun.security.ssl.",)),
    ("AES-GCM / JCE", ("com.sun.crypto.", "javax.crypto.", "sun.security.provider.", "sun.security.jca.")),
    ("BouncyCastle (X25519, ML-KEM)", ("org.bouncycastle.",)),
    ("Jackson", ("com.fasterxml.",)),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "net.logstash.")),
    ("metrics", ("io.micrometer.",)),
    ("SocketX protocol", ("io.socketx.protocol.",)),
    ("SocketX proxy", ("io.socketx.proxy.",)),
    ("Netty WebSocket/HTTP codec", ("io.netty.handler.codec.",)),
    ("Netty TLS handler", ("io.netty.handler.ssl.",)),
    ("Netty buffers", ("io.netty.buffer.", "io.netty.util.Recycler", "io.netty.util.internal.")),
    ("Netty transport (epoll, pipeline)", ("io.netty.channel.", "io.netty.util.concurrent.")),
]


def jfr_events(path, events):
    raw = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "64", "--events", events, path],
        check=True,
        capture_output=True,
    ).stdout
    return json.loads(raw)["recording"]["events"]


def frame_name(frame):
    m = frame.get("method") or {}
    owner = (m.get("type") or {}).get("name", "?").replace("/", ".")
    return owner + "." + m.get("name", "?")


def category(frames):
    """The category of the innermost frame that belongs to a known library, else 'JDK/other'."""
    for f in frames:
        name = frame_name(f)
        for label, prefixes in CATEGORIES:
            if name.startswith(prefixes):
                return label
    return "JDK/other"


def jfr(path):
    samples = jfr_events(path, "jdk.ExecutionSample")
    native = jfr_events(path, "jdk.NativeMethodSample")
    total = len(samples) or 1
    self_counts, incl_counts, cats = {}, {}, {}
    for e in samples:
        frames = ((e["values"].get("stackTrace") or {}).get("frames")) or []
        if not frames:
            continue
        top = frame_name(frames[0])
        self_counts[top] = self_counts.get(top, 0) + 1
        for name in {frame_name(f) for f in frames}:
            incl_counts[name] = incl_counts.get(name, 0) + 1
        c = category(frames)
        cats[c] = cats.get(c, 0) + 1
    print(f"{len(samples)} Java execution samples, {len(native)} native-method samples "
          "(threads blocked or in syscalls)")
    print("\nSelf time by category (innermost frame of a known library):")
    for c, n in sorted(cats.items(), key=lambda kv: -kv[1]):
        print(f"  {100 * n / total:5.1f} %  {c}")
    print("\nHottest methods, self:")
    for name, n in sorted(self_counts.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {100 * n / total:5.1f} %  {name}")
    print("\nHottest methods, inclusive (io.socketx and io.netty.handler only):")
    for name, n in sorted(incl_counts.items(), key=lambda kv: -kv[1]):
        if name.startswith(("io.socketx.", "io.netty.handler.")):
            print(f"  {100 * n / total:5.1f} %  {name}")
    native_top = {}
    for e in native:
        frames = ((e["values"].get("stackTrace") or {}).get("frames")) or []
        if frames:
            native_top[frame_name(frames[0])] = native_top.get(frame_name(frames[0]), 0) + 1
    print("\nNative methods (samples):")
    for name, n in sorted(native_top.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {n:6d}  {name}")
    allocs = jfr_events(path, "jdk.ObjectAllocationSample")
    by_class, by_site = {}, {}
    for e in allocs:
        v = e["values"]
        weight = v.get("weight", 0)
        cls = (v.get("objectClass") or {}).get("name", "?")
        by_class[cls] = by_class.get(cls, 0) + weight
        frames = ((v.get("stackTrace") or {}).get("frames")) or []
        site = next((frame_name(f) for f in frames
                     if frame_name(f).startswith(("io.socketx.", "io.netty."))), "?")
        by_site[site] = by_site.get(site, 0) + weight
    total_alloc = sum(by_class.values()) or 1
    print(f"\nAllocation (sampled weight {total_alloc / 1e6:,.0f} MB):")
    for cls, w in sorted(by_class.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {100 * w / total_alloc:5.1f} %  {cls}")
    print("Allocation sites (first io.socketx/io.netty frame):")
    for site, w in sorted(by_site.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {100 * w / total_alloc:5.1f} %  {site}")
    gcs = jfr_events(path, "jdk.GarbageCollection")
    pause = 0.0
    for e in gcs:
        d = str(e["values"].get("sumOfPauses", "0"))
        pause += parse_duration_ms(d)
    print(f"\nGC: {len(gcs)} collections, {pause:.1f} ms total pause")


def jmh(path):
    results = json.load(open(path))
    print("| benchmark | parameters | score | ± (99.9 %) | unit | allocated B/op |")
    print("|---|---|---|---|---|---|")
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        m = r["primaryMetric"]
        try:
            err = f"{float(m.get('scoreError')):,.2f}"
        except (TypeError, ValueError):
            err = "–"  # a single iteration has no error estimate ("NaN")
        if err == "nan":
            err = "–"
        alloc = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
        alloc = f"{alloc['score']:,.0f}" if alloc else "–"
        print(f"| {name[-2]}.{name[-1]} | {params or '–'} | {m['score']:,.2f} | {err} "
              f"| {m['scoreUnit']} | {alloc} |")
    print()
    print("JMH 1.37, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement (DOMAIN_MAP parse: 2 s), "
          "average time per operation; allocation from `-prof gc`.")


def parse_duration_ms(text):
    m = re.match(r"PT(?:(\d+)M)?([0-9.]+)S", text)
    if m:
        return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
    try:
        return float(text) / 1e6
    except ValueError:
        return 0.0


FLOOD_LABELS = {
    "none": "none (control)",
    "ping-flood": "ping flood, before the SocketX handshake",
    "ping-flood-session": "ping flood, on SocketX sessions",
    "handshake-flood": "handshake flood, ML-KEM-1024, fixed key share, 4 sources",
    "handshake-flood-wide": "handshake flood, ML-KEM-1024, fixed key share, 64 sources",
    "upgrade-flood": "upgrade flood, no SocketX handshake",
    "idle-flood": "idle SocketX sessions",
}
FLOOD_ORDER = list(FLOOD_LABELS)


def read_env(path):
    env = {}
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.rstrip("\n").partition("=")
            env[k] = v
    return env


def read_json(path):
    return json.load(open(path)) if os.path.exists(path) else None


def proc_window(path, start, end):
    """Peak VmRSS, VmHWM at the end and mean CPU % of the samples within [start, end]."""
    rows = []
    if os.path.exists(path):
        for line in open(path):
            f = line.split()
            if len(f) == 4:
                rows.append((float(f[0]), int(f[1]), int(f[2]), int(f[3])))
    inside = [r for r in rows if start <= r[0] <= end]
    if len(inside) < 2:
        return None
    seconds = inside[-1][0] - inside[0][0]
    cpu = (inside[-1][1] - inside[0][1]) / 100.0 / seconds * 100 if seconds > 0 else None
    return {
        "rss_peak_mb": max(r[2] for r in inside) / 1024,
        "hwm_mb": rows[-1][3] / 1024,
        "cpu_pct": cpu,
        "samples": len(inside),
    }


def rejections(path):
    """{reason: count} of socketx_upgrade_rejections_total, and the suppressed log lines."""
    out, suppressed = {}, None
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r'socketx_upgrade_rejections_total\{reason="([^"]+)"\} ([0-9.eE+]+)', line)
            if m:
                out[m.group(1)] = int(float(m.group(2)))
            m = re.match(r"socketx_log_suppressed_total ([0-9.eE+]+)", line)
            if m:
                suppressed = int(float(m.group(1)))
    return out, suppressed


def flood_row(out, name):
    run = os.path.join(out, "runs", name)
    env = read_env(run + ".env")
    start = float(env.get("start", 0)) + int(env.get("setup", 0)) + int(env.get("ramp", 0))
    proc = proc_window(run + ".proc", start, start + int(env.get("duration", 0)))
    reasons, suppressed = rejections(run + ".metrics")
    log_lines, audit = None, {}
    if os.path.exists(run + ".proxy.log"):
        log_lines = 0
        for line in open(run + ".proxy.log"):
            log_lines += 1
            m = re.search(r'"close_code":(\d+),"close_reason":"[^"]*","closed_by":"proxy"', line)
            if m:
                audit[m.group(1)] = audit.get(m.group(1), 0) + 1
    return {
        "name": name,
        "alive": env.get("alive") == "1",
        "legit": read_json(run + ".legit.json"),
        "probe": read_json(run + ".probe.json"),
        "flood": read_json(run + ".flood.json"),
        "proc": proc,
        "reasons": reasons,
        "suppressed": suppressed,
        "log_lines": log_lines,
        "audit": audit,
    }


def attack_rate(f):
    if not f:
        return "–"
    o = f.get("outcomes") or {}
    if f["scenario"] == "ping-flood":
        return (f"{fmt(f['sentPerSecond'])} pings/s, {fmt(f['established'])} connections flooding "
                f"at the end, {fmt(o.get('attempts', 0))} reconnects")
    if f["scenario"] == "handshake-flood":
        return (f"{fmt(o.get('attemptsPerSecond'))} upgrades/s, "
                f"{fmt(f['handshakesPerSecond'])} SERVER_HELLO/s")
    if f["scenario"] == "idle":
        return f"{fmt(f['established'])} sessions held"
    return f"{fmt(o.get('attemptsPerSecond'))} upgrades/s, {fmt(f['handshakes'])} admitted"


def closes(f):
    if not f:
        return "–"
    o = f.get("outcomes") or {}
    parts = [f"{code} ×{fmt(n)}" for code, n in sorted((o.get("closeCodes") or {}).items())]
    if o.get("resets"):
        parts.append(f"reset ×{fmt(o['resets'])}")
    if o.get("closedWithoutCloseFrame"):
        parts.append(f"no close frame ×{fmt(o['closedWithoutCloseFrame'])}")
    return ", ".join(parts) or "0"


def audited(audit):
    return ", ".join(f"{code} ×{fmt(n)}" for code, n in sorted(audit.items())) or "none"


def refused(f, reasons):
    by_reason = ", ".join(f"{k} {fmt(v)}" for k, v in sorted(reasons.items()))
    seen = fmt((f.get("outcomes") or {}).get("refused")) if f else "–"
    return seen + (f" ({by_reason})" if by_reason else "")


def floods(out):
    rows = [flood_row(out, n) for n in FLOOD_ORDER if os.path.exists(os.path.join(out, "runs", n + ".env"))]
    env = read_env(os.path.join(out, "machine.env"))
    lines = [
        "| flood | attack achieved | refused with 503 (proxy's count by reason) "
        "| closed by the proxy: seen by the flood; proxy's close audit "
        "| proxy RSS peak MB (VmHWM) | proxy CPU | legitimate msgs/s, p99 ms, errors "
        "| new sessions: p99 ms, done/refused/errors | proxy log lines (suppressed) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        f, legit, probe, proc = r["flood"], r["legit"], r["probe"], r["proc"]
        rss = (f"{fmt(proc['rss_peak_mb'])} ({fmt(proc['hwm_mb'])})" if proc else "–")
        if not r["alive"]:
            rss += " **proxy died**"
        cpu = f"{fmt(proc['cpu_pct'])} %" if proc and proc["cpu_pct"] is not None else "–"
        lg = (f"{fmt(legit['messagesPerSecond'])}, {fmt(legit['latency']['p99'] / 1000, 1)}, "
              f"{fmt(legit['errors'])}" if legit else "failed")
        pb = (f"{fmt(probe['handshakeLatency']['p99'] / 1000, 1)}, {fmt(probe['handshakes'])}/"
              f"{fmt(probe['outcomes']['refused'])}/{fmt(probe['errors'])}" if probe else "failed")
        logs = f"{fmt(r['log_lines'])} ({fmt(r['suppressed'])})"
        lines.append(
            f"| {FLOOD_LABELS.get(r['name'], r['name'])} | {attack_rate(f)} "
            f"| {refused(f, r['reasons']) if f else '–'} | {closes(f)}; {audited(r['audit'])} "
            f"| {rss} | {cpu} | {lg} | {pb} "
            f"| {logs} |"
        )
    lines.append("")
    lines.append(
        f"Run {env.get('date', '?')}, proxy {env.get('proxy', '?')}, {env.get('nproc', '?')} CPUs, "
        f"proxy JVM `{env.get('java_opts', '')}`, production default limits. Each row is a fresh "
        "proxy; the legitimate client holds SocketX sessions at a fixed open-loop rate of 1 KiB "
        "messages and opens new sessions at a low fixed rate from addresses of its own, through "
        "the whole window. RSS and CPU are the proxy's, sampled every second in the window; VmHWM "
        "is the peak RSS of the proxy's life. A refusal counted by the proxy may fall outside the "
        "generator's window, so the proxy's counts can be higher. A flood that never reads cannot "
        "see the close frame the proxy queues behind the pongs: it sees the reset when the proxy "
        "gives up on the closing handshake; the proxy's close audit (the `close_code` of its audit "
        "records with `closed_by` proxy, over the proxy's life, as far as `LOG_RATE_LIMIT` let "
        "them be written) says which code it sent."
    )
    print("\n".join(lines))


def flood_line(out, name):
    r = flood_row(out, name)
    proc = r["proc"] or {}
    legit = r["legit"] or {}
    print(
        f"attack {attack_rate(r['flood'])}; refused {refused(r['flood'], r['reasons'])}; "
        f"closed {closes(r['flood'])} (audit {audited(r['audit'])}); RSS peak {fmt(proc.get('rss_peak_mb'))} MB; "
        f"CPU {fmt(proc.get('cpu_pct'))} %; legit p99 "
        f"{fmt((legit.get('latency') or {}).get('p99', 0) / 1000, 1)} ms, errors {legit.get('errors', '–')}"
        + ("" if r["alive"] else "; PROXY DIED")
    )


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "peak":
        peak(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "all":
        write_all(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif cmd == "splice":
        splice(sys.argv[2], sys.argv[3])
    elif cmd == "jmh":
        jmh(sys.argv[2])
    elif cmd == "jfr":
        jfr(sys.argv[2])
    elif cmd == "floods":
        floods(sys.argv[2])
    elif cmd == "flood-line":
        flood_line(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
