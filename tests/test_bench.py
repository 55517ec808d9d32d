"""The benchmark's report: docs/performance.md is what the committed results say."""

from __future__ import annotations

from bench.report import latest_results, performance_md
from bench.run import table
from toolkit.paths import ROOT

RESULTS = ROOT / "bench" / "results"


def _latest(kind: str) -> dict:
    results = latest_results(kind)
    assert results is not None, f"no {kind} results in {RESULTS}"
    return results


def test_performance_doc_matches_the_latest_results():
    results = _latest("full")
    assert (ROOT / "docs" / "performance.md").read_text(encoding="utf-8") == performance_md(
        results, table(results)
    ), "docs/performance.md is out of date: run `make bench` (or bench.report) again"


def test_latest_results_meet_the_targets():
    """The issue's targets, as measured in the committed run (not timed here)."""
    results = _latest("full")
    assert not results["quick"] and results["runs"] >= 5
    assert results["ratios"]["workshop"]["tti"] <= 1.15
    assert results["ratios"]["workshop"]["kernel_pss"] <= 1.2
    crowd = {(r["page"], r["client"], r["participants"]): r for r in results["concurrency"]}
    assert crowd[("workshop", "light", 30)]["failures"] == 0
    for row in results["concurrency"]:
        assert row["kernels_after_cull"] == 0
        assert row["seconds_until_all_culled"] <= row["cull_limit_s"]
    hub = _latest("hub")
    assert hub["crowds"] and all(row["failures"] == 0 for row in hub["crowds"])
