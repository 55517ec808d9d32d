"""Write docs/performance.md from a benchmark run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_performance_md(results: dict, table: str) -> Path:
    """The latest numbers, the machine, and how to read them."""
    m = results["machine"]
    crowd = results["concurrency"]
    largest_ok = max(
        (
            row["participants"]
            for row in crowd
            if row["failures"] == 0 and row["page"] == "workshop" and row["client"] == "light"
        ),
        default=0,
    )
    text = f"""# Performance

Measured by `make bench{" QUICK=1" if results["quick"] else ""}` on {results["date"]}, on {m["cpus"]} cores
({m["cpu"]}), {m["memory_gib"]} GiB, Python {m["python"]}. Each page is opened {results["runs"]} times in a fresh
headless Chromium context against a Voila server started with the kit's own configuration
(`toolkit.server`); the baseline is `bench/baseline.ipynb`, a notebook that shows one ipywidgets button and
imports nothing else, served the same way in the same run.

{table}

## How to read it
- **TTI** (time to interactive): from navigation start until the first button on the page is usable, in
  the browser's own clock (`performance.now()`). Medians with min and max.
- **Kernel RSS/PSS**: memory of the participant's kernel once the page is interactive. PSS shares common
  pages fairly between kernels and is the better number for "how many fit".
- **At once**: that many participants open the page in the same second. Client `light` does what the
  browser does over HTTP and the kernel websocket (`bench/client.py`: the page, then every widget's
  state), so it measures the server alone, as in a room where everyone brings a device. Client
  `chromium` opens real pages in one headless Chromium on the same machine, which spends the same two
  cores on rendering too. Failures are pages not interactive within 180 s. Each row has its baseline
  row: the floor for that load.
- **Culling**: the bench sets the idle timeout to {crowd[0]["seconds_until_all_culled"] if crowd else "?"} s at most for the run
  (`--cull`); `make serve` uses 600 s. Kernels of closed tabs stay until then (Voila issue 1458).

## How many participants one machine holds
In this run {largest_ok} participants opened the app at once without a failure on this machine. Memory is
the limit to plan for: budget the kernel PSS above per participant plus the server, and keep a margin
for the steps that load pandas (comparison, alternatives).
"""
    path = ROOT / "docs" / "performance.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
