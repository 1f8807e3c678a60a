"""report.py: which of a repeated scenario's runs the report shows, and the target verdicts."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))
import report  # noqa: E402  (the module under test lives beside this folder, not in a package)


def run(target, scenario="fanout", **figures):
    """A generator result in the shape Friday.Bench.LoadGenerator writes."""
    units = {"latency_p99": "ms", "deliveries_per_second": "1/s", "server_cpu_per_delivery": "us", "rss_per_connection": "KiB"}
    return {
        "target": target, "scenario": scenario, "status": "ok", "detail": None,
        "parameters": {"clients": "10000", "rate": "10", "seconds": "30"},
        "metrics": [{"name": name, "value": value, "unit": units.get(name, "")} for name, value in figures.items()],
    }


class ReportTests(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory()
        self.results = Path(self._dir.name)

    def tearDown(self):
        self._dir.cleanup()

    def write(self, case, result):
        (self.results / f"{case}.{result['target']}.json").write_text(json.dumps(result))

    def test_repeated_scenario_is_reported_by_its_median_p99_run(self):
        for n, (friday, signalr) in enumerate([(300, 400), (100, 500), (200, 450)], start=1):
            self.write(f"fanout-big-run{n}", run("friday", latency_p99=friday))
            self.write(f"fanout-big-run{n}", run("signalr", latency_p99=signalr))

        runs = report.load(self.results)

        self.assertEqual(200, report.p99(runs[("fanout-big", "friday")]))
        self.assertEqual(450, report.p99(runs[("fanout-big", "signalr")]))

    def test_a_run_without_a_p99_counts_as_the_slowest(self):
        self.write("fanout-big-run1", run("friday", latency_p99=300))
        self.write("fanout-big-run2", run("friday"))
        self.write("fanout-big-run3", run("friday", latency_p99=100))

        self.assertEqual(300, report.p99(report.load(self.results)[("fanout-big", "friday")]))

    def test_table_lists_every_runs_p99_in_the_order_they_ran(self):
        for n, p99 in enumerate([300, 100, 200], start=1):
            self.write(f"fanout-big-run{n}", run("friday", latency_p99=p99))
            self.write(f"fanout-big-run{n}", run("signalr", latency_p99=p99 + 1))

        table = report.table("fanout-big", report.load(self.results))

        self.assertIn("| latency_p99 | ms | 200 | 201 | 1.00 |", table)
        self.assertIn("Run 3 times", table)
        self.assertIn("Friday 300, 100, 200 ms; SignalR 301, 101, 201 ms", table)

    def test_targets_are_judged_on_the_runs_own_figures(self):
        self.write("fanout-big", run("friday", latency_p99=90))
        self.write("fanout-big", run("signalr", latency_p99=400))
        self.write("idle", run("friday", "idle", rss_per_connection=22.3))
        self.write("fanout-max", run("friday", deliveries_per_second=300_000))

        rows = {line.split(" | ")[0].lstrip("| "): line.rsplit(" | ", 1)[1].rstrip(" |") for line in
                report.targets(report.load(self.results)).splitlines() if line.startswith("| ") and "met?" not in line}

        self.assertEqual("met", rows["fan-out 10,000 at 10/s: p99 ≤ 100 ms and ≤ ¼ of SignalR's"])
        self.assertEqual("**missed**", rows["idle 10,000: ≤ 12 KiB server RSS per subscribed connection"])
        self.assertEqual("not measured", rows["fan-out 1,000 at max rate: ≥ 2× SignalR's deliveries/s"])

    def test_ratio_target_is_missed_when_only_the_absolute_limit_is_met(self):
        self.write("fanout-big", run("friday", latency_p99=90))
        self.write("fanout-big", run("signalr", latency_p99=300))

        self.assertIn("| 90 ms (0.30 × SignalR) | **missed** |", report.targets(report.load(self.results)))

    def test_report_file_has_the_tables_targets_and_the_hand_written_analysis(self):
        self.write("fanout-big", run("friday", latency_p99=90))
        (self.results / "analysis.md").write_text("## Why\n\nBecause.")
        out = self.results / "out" / "benchmarks.md"
        out.parent.mkdir()

        subprocess.run([sys.executable, str(BENCH / "report.py"), str(self.results), str(out)], check=True)

        text = out.read_text()
        self.assertIn("### Fan-out: 10000 clients, broadcasts at 10/s for 30 s", text)
        self.assertIn("## Targets", text)
        self.assertTrue(text.rstrip().endswith("Because."))


if __name__ == "__main__":
    unittest.main()
