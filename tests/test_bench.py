"""The benchmark's report: docs/performance.md is what the committed results say."""

from __future__ import annotations

import asyncio
import time

import pytest

from bench.link import SharedLink
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


def test_latest_results_meet_the_room_targets():
    """Issue 21's targets, as measured in the committed full run (not timed here)."""
    results = _latest("full")
    if "link" not in results:
        pytest.skip("the committed full run predates issue 21's measurements: run `make bench`")
    wire = results["wire"]["workshop"]
    assert wire["first"]["bytes"] <= 1_500_000
    assert wire["reload"]["bytes"] <= 100_000
    assert wire["first"]["scripts_gzip"] == wire["first"]["scripts"]
    crowd = {(r["page"], r["client"], r["participants"]): r for r in results["concurrency"]}
    assert crowd[("workshop", "light", 100)]["failures"] == 0
    assert all(row["failures"] == 0 for row in results["link"])


def test_shared_link_carries_every_byte_and_shares_its_bandwidth():
    """Two downloads through one 4 Mbit/s link: intact, counted, and no faster than the link."""
    payload = bytes(range(256)) * 800  # 200 KiB

    async def run() -> tuple[list[bytes], float, SharedLink]:
        async def serve(reader, writer):
            await reader.readline()
            writer.write(payload)
            await writer.drain()
            writer.close()

        upstream = await asyncio.start_server(serve, "127.0.0.1", 0)
        link = await SharedLink(upstream.sockets[0].getsockname()[1], mbit_s=4).start()

        async def download() -> bytes:
            reader, writer = await asyncio.open_connection("127.0.0.1", link.port)
            writer.write(b"GET\n")
            await writer.drain()
            body = await reader.read()
            writer.close()
            return body

        start = time.monotonic()
        bodies = await asyncio.gather(download(), download())
        elapsed = time.monotonic() - start
        await link.stop()
        upstream.close()
        return bodies, elapsed, link

    bodies, elapsed, link = asyncio.run(run())
    assert bodies == [payload, payload]
    assert link.bytes_down == 2 * len(payload) and link.bytes_up == 8
    # 2 x 200 KiB at 4 Mbit/s cannot take less than 0.82 s on one shared link
    assert elapsed >= 2 * len(payload) * 8 / 4e6


def test_uncompressed_command_is_plain_voila_with_the_same_notebook():
    from bench.room import uncompressed_command
    from toolkit.server import ServeOptions, voila_command

    opts = ServeOptions(port=9001)
    plain, kit = uncompressed_command(opts), voila_command(opts)
    assert plain[1:3] == ["-m", "voila"] and kit[1:3] == ["-m", "toolkit.web"]
    assert "websocket_compression_options" not in " ".join(plain)
    assert not any("extension_denylist" in arg for arg in plain)
    assert set(kit) - set(plain) == {
        "toolkit.web",
        next(a for a in kit if "extension_denylist" in a),
        next(a for a in kit if a.startswith("--Voila.tornado_settings=")),
    }


def test_memory_split_follows_one_forked_kernel_through_every_step():
    """bench.memory forks a warmed parent and reports each step's copied and new pages."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bench.memory"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(rows) == ["forked", "start", "objection", "compare", "alternatives", "plan"]
    assert rows["forked"]["new_mb"] < 1 < rows["plan"]["new_mb"]  # the app's objects are new
    assert rows["plan"]["copied_mb"] > rows["forked"]["copied_mb"]  # using code copies pages
    assert all(row["pss_mb"] > 0 for row in rows.values())
