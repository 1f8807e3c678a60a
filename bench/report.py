"""Turns bench/results/*.json into docs/benchmarks.md with Friday beside SignalR, plus SVG charts
under docs/benchmarks/.

Usage: python3 report.py RESULTS_DIR [REPORT.md]   (REPORT.md defaults to docs/benchmarks.md)
The targets of issue 9 are checked against the run's own figures (the "Targets" table); an optional
RESULTS_DIR/analysis.md (written by hand after a run: why a target is missed, profiles) follows it.
Only the standard library is required; matplotlib (Debian's python3-matplotlib) adds the charts.
"""
import json
import re
import sys
from pathlib import Path

TARGETS = ("friday", "signalr")
NAMES = {"friday": "Friday", "signalr": "SignalR"}
CASES = ("fanout-big", "fanout-max", "idle", "capacity", "notes-e2e", "notes-e2e-pg", "resume")
LATENCY_CASES = ("fanout-big", "fanout-max", "notes-e2e", "notes-e2e-pg")
THROUGHPUT_CASES = ("fanout-big", "fanout-max")
REPEAT = re.compile(r"(.+)-run(\d+)")


def load(results):
    """Every run by (case, target); a case the script repeated (CASE-run1, ...) is its median-p99 run."""
    runs = {}
    for path in sorted(results.glob("*.json")):
        case, target = path.stem.rsplit(".", 1)
        runs[(case, target)] = json.loads(path.read_text())
    for case, target in {(m[1], t) for c, t in runs if (m := REPEAT.fullmatch(c))}:
        ordered = sorted(repeated(runs, case, target), key=lambda run: float("inf") if p99(run) is None else p99(run))
        runs[(case, target)] = ordered[(len(ordered) - 1) // 2]
    return runs


def repeated(runs, case, target):
    """The runs of a repeated case, in the order they ran."""
    found = [(int(m[2]), run) for (c, t), run in runs.items() if t == target and (m := REPEAT.fullmatch(c)) and m[1] == case]
    return [run for _, run in sorted(found, key=lambda item: item[0])]


def p99(run):
    return metrics(run).get("latency_p99", {}).get("value")


def title(case, runs):
    run = next((runs[(case, t)] for t in TARGETS if (case, t) in runs), None)
    if run is None:
        return case
    p = run["parameters"]
    rate = "as fast as accepted" if p.get("rate") == "0" else f"at {p.get('rate')}/s"
    database = " (PostgreSQL)" if case.endswith("-pg") else " (SQLite)" if run["scenario"] == "notes-e2e" else ""
    return {
        "fanout": f"Fan-out: {p.get('clients')} clients, broadcasts {rate} for {p.get('seconds')} s",
        "idle": f"Idle: {p.get('clients')} subscribed connections held for {p.get('seconds')} s",
        "notes-e2e": f"Notes end to end{database}: one subscriber, POST /api/notes {rate} for {p.get('seconds')} s",
        "resume": f"Resume: reconnect with last_seq after {p.get('notes')} missed notes",
    }[run["scenario"]] + (" — capacity" if case == "capacity" else "")


def metrics(run):
    return {m["name"]: m for m in run["metrics"]} if run else {}


def fmt(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2f}"


def table(case, runs):
    friday, signalr = runs.get((case, "friday")), runs.get((case, "signalr"))
    fm, sm = metrics(friday), metrics(signalr)
    lines = [
        f"### {title(case, runs)}",
        "",
        "| metric | unit | Friday | SignalR | Friday ÷ SignalR |",
        "|---|---|---:|---:|---:|",
        f"| status | | {friday['status'] if friday else 'not run'} | {signalr['status'] if signalr else 'not run'} | |",
    ]
    for name in dict.fromkeys([*fm, *sm]):
        f, s = fm.get(name, {}).get("value"), sm.get(name, {}).get("value")
        unit = (fm.get(name) or sm.get(name))["unit"]
        ratio = f"{f / s:.2f}" if f is not None and s else "–"
        lines.append(f"| {name} | {unit} | {fmt(f)} | {fmt(s)} | {ratio} |")
    for run in (friday, signalr):
        if run and run.get("detail"):
            lines.append(f"\n{run['target']}: {run['detail']}")
    repeats = {t: [p99(run) for run in repeated(runs, case, t)] for t in TARGETS}
    if any(len(v) > 1 for v in repeats.values()):
        each = "; ".join(f"{NAMES[t]} {', '.join(fmt(v) for v in repeats[t])} ms" for t in TARGETS if repeats[t])
        lines.append(f"\nRun {max(len(v) for v in repeats.values())} times, each on a fresh server; the table shows "
                     f"each server's run with the median p99. p99 of every run: {each}.")
    return "\n".join(lines) + "\n"


def get(runs, case, target, name):
    """A figure of one run, or None when the run or the figure is missing."""
    return metrics(runs.get((case, target))).get(name, {}).get("value")


def check(friday, limit, signalr=None, factor=None, higher=False):
    """Whether Friday's figure meets the absolute limit and/or the ratio to SignalR's; None when unmeasured."""
    if friday is None or (factor is not None and signalr is None):
        return None
    meets = True
    if limit is not None:
        meets &= friday >= limit if higher else friday <= limit
    if factor is not None:
        meets &= friday >= factor * signalr if higher else friday <= factor * signalr
    return meets


def targets(runs):
    """Issue 9's targets against this run's figures, so the verdicts can never disagree with the tables."""
    def ratio(f, s):
        return f" ({f / s:.2f} × SignalR)" if f is not None and s else ""

    rows = []
    f, s = get(runs, "fanout-big", "friday", "latency_p99"), get(runs, "fanout-big", "signalr", "latency_p99")
    rows.append(("fan-out 10,000 at 10/s: p99 ≤ 100 ms and ≤ ¼ of SignalR's", f"{fmt(f)} ms{ratio(f, s)}",
                 check(f, 100, s, 0.25)))
    f, s = get(runs, "fanout-max", "friday", "deliveries_per_second"), get(runs, "fanout-max", "signalr", "deliveries_per_second")
    rows.append(("fan-out 1,000 at max rate: ≥ 2× SignalR's deliveries/s", f"{fmt(f)}/s{ratio(f, s)}",
                 check(f, None, s, 2, higher=True)))
    f, s = get(runs, "fanout-max", "friday", "server_cpu_per_delivery"), get(runs, "fanout-max", "signalr", "server_cpu_per_delivery")
    rows.append(("fan-out 1,000 at max rate: ≤ ½ SignalR's server CPU per delivery", f"{fmt(f)} µs{ratio(f, s)}",
                 check(f, None, s, 0.5)))
    f = get(runs, "idle", "friday", "rss_per_connection")
    rows.append(("idle 10,000: ≤ 12 KiB server RSS per subscribed connection", f"{fmt(f)} KiB", check(f, 12)))
    clients = int(runs[("capacity", "friday")]["parameters"].get("clients", 0)) if ("capacity", "friday") in runs else None
    connected, lost = get(runs, "capacity", "friday", "connected"), get(runs, "capacity", "friday", "lost")
    rows.append((f"capacity: {fmt(clients)} connections (the open-file limit less headroom), every one subscribed and receiving",
                 f"{fmt(connected)} connected, {fmt(lost)} lost",
                 None if connected is None else connected == clients and lost == 0))
    for case, name in (("notes-e2e", "SQLite"), ("notes-e2e-pg", "PostgreSQL")):
        f = get(runs, case, "friday", "latency_p99")
        rows.append((f"POST /api/notes → data_changed at 200/s on {name}: p99 ≤ 20 ms", f"{fmt(f)} ms", check(f, 20)))
    f = get(runs, "resume", "friday", "resume_time")
    rows.append(("reconnect and resume of 1,000 missed events ≤ 200 ms", f"{fmt(f)} ms", check(f, 200)))

    verdict = {True: "met", False: "**missed**", None: "not measured"}
    lines = ["## Targets", "", "| target | this run | met? |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {verdict[m]} |" for t, v, m in rows]
    return "\n".join(lines) + "\n"


def charts(chart_dir, runs):
    try:
        import matplotlib
        matplotlib.use("svg")
        import matplotlib.pyplot as plt
        # Same figures, same file: regenerating the report leaves unchanged charts unchanged in git.
        plt.rcParams["svg.hashsalt"] = "friday"
    except ImportError:
        return []
    written = []
    colours = {"friday": "#2b6cb0", "signalr": "#9b2c2c"}

    cases = [c for c in LATENCY_CASES if any((c, t) in runs for t in TARGETS)]
    if cases:
        fig, axes = plt.subplots(1, len(cases), figsize=(5 * len(cases), 4), squeeze=False)
        for ax, case in zip(axes[0], cases):
            names = ("latency_p50", "latency_p90", "latency_p99")
            for i, target in enumerate(TARGETS):
                heights = [get(runs, case, target, n) or 0 for n in names]
                ax.bar([x + i * 0.4 for x in range(3)], heights, 0.4, label=target, color=colours[target])
            ax.set_xticks([x + 0.2 for x in range(3)], ["p50", "p90", "p99"])
            ax.set_title(case)
            ax.set_ylabel("ms")
            ax.legend()
        fig.suptitle("Delivery latency (lower is better)")
        fig.tight_layout()
        fig.savefig(chart_dir / "latency.svg", metadata={"Date": None})
        written.append("latency.svg")

    cases = [c for c in THROUGHPUT_CASES if any((c, t) in runs for t in TARGETS)]
    if cases:
        fig, axes = plt.subplots(1, 2, figsize=(10, 4))
        for ax, name, label in ((axes[0], "deliveries_per_second", "deliveries / s (higher is better)"),
                                (axes[1], "server_cpu_per_delivery", "server CPU µs / delivery (lower is better)")):
            for i, target in enumerate(TARGETS):
                ax.bar([x + i * 0.4 for x in range(len(cases))], [get(runs, c, target, name) or 0 for c in cases],
                       0.4, label=target, color=colours[target])
            ax.set_xticks([x + 0.2 for x in range(len(cases))], cases)
            ax.set_title(label)
            ax.legend()
        fig.tight_layout()
        fig.savefig(chart_dir / "throughput.svg", metadata={"Date": None})
        written.append("throughput.svg")
    return written


def main():
    results = Path(sys.argv[1])
    report = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
    chart_dir = report.parent / report.stem
    chart_dir.mkdir(parents=True, exist_ok=True)
    runs = load(results)
    parts = ["# Friday vs ASP.NET Core SignalR", ""]
    unavailable = results / "friday-unavailable.txt"
    if unavailable.exists():
        parts += [f"**{unavailable.read_text().strip()}**", ""]
    parts += [
        "Both servers run on this machine beside the load generator (bench/Friday.Bench.LoadGenerator), "
        "which shares the same cores. Each scenario starts a fresh server process. Latency is measured on "
        "one clock: the generator stamps each publish and each receipt. Memory is the server's VmRSS, CPU "
        "its utime + stime from /proc (10 ms resolution).",
        "",
        "## Machine",
        "",
        "```",
        (results / "machine.txt").read_text().strip() if (results / "machine.txt").exists() else "unknown",
        "```",
        "",
        "## Results",
        "",
    ]
    parts += [table(case, runs) for case in CASES if any((case, t) in runs for t in TARGETS)]
    written = charts(chart_dir, runs)
    parts += ["## Charts", ""]
    parts += [f"![{name}]({chart_dir.name}/{name})\n" for name in written] or ["matplotlib was not available; no charts.\n"]
    micro = sorted((results / "micro" / "results").glob("*-report-github.md"))
    if micro:
        parts += ["## Micro-benchmarks (BenchmarkDotNet)", ""]
        for path in micro:
            parts += [f"### {path.name.removesuffix('-report-github.md').rsplit('.', 1)[-1]}", "", path.read_text().strip(), ""]
    parts += [targets(runs)]
    if (results / "commands.txt").exists():
        parts += ["## Commands", "", "```", (results / "commands.txt").read_text().strip(), "```", ""]
    analysis = results / "analysis.md"
    if analysis.exists():
        parts += [analysis.read_text().strip(), ""]
    report.write_text("\n".join(parts))


if __name__ == "__main__":
    main()
