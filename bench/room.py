"""A room on one Wi-Fi, CPU per participant, and memory after every step, for bench/run.py."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.client import participant_on_wifi
from bench.link import SharedLink
from toolkit.i18n import t
from toolkit.paths import ROOT
from toolkit.server import WEB_MODULE, ServeOptions, voila_command, voila_env
from tools.harness import wait_until_serving

TICKS = os.sysconf("SC_CLK_TCK")
# The workshop app's steps, in order, and the element each one shows once it is built.
STEPS = {
    "start": ".kit-start",
    "objection": ".kit-objection",
    "compare": ".kit-compare",
    "alternatives": ".kit-alternatives",
    "plan": ".kit-plan-view",
}


def uncompressed_command(opts: ServeOptions) -> list[str]:
    """The kit's Voila command without what makes pages small: plain `voila`, as before issue 21.

    Same notebook, template, culling and kernel transport; no compression, no cache lifetimes,
    no websocket deflate, every JupyterLab extension loaded.
    """
    cmd = [arg for arg in voila_command(opts) if "extension_denylist" not in arg]
    cmd[cmd.index(WEB_MODULE)] = "voila"
    for i, arg in enumerate(cmd):
        if arg.startswith("--Voila.tornado_settings="):
            tornado = json.loads(arg.split("=", 1)[1])
            tornado.pop("websocket_compression_options", None)
            cmd[i] = f"--Voila.tornado_settings={json.dumps(tornado)}"
    return cmd


def start_uncompressed(opts: ServeOptions) -> tuple[subprocess.Popen, str]:
    """Start `uncompressed_command(opts)`; return the process and its URL once it answers."""
    process = subprocess.Popen(
        uncompressed_command(opts),
        cwd=ROOT,
        env=voila_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{opts.port}/"
    wait_until_serving(url + "voila/static/voila.js", process)
    return process, url


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


async def room_on_wifi(
    server_url: str, assets: list[str], n: int, mbit_s: float, timeout: float = 400.0
) -> dict[str, Any]:
    """`n` phones open the page at once through one link of `mbit_s`; when is each ready?"""
    from bench.run import summary

    port = int(server_url.rstrip("/").rsplit(":", 1)[1])
    link = await SharedLink(port, mbit_s).start()
    start = time.perf_counter()
    try:
        results = await asyncio.gather(
            *(participant_on_wifi(link.url, assets, timeout) for _ in range(n)),
            return_exceptions=True,
        )
    finally:
        await link.stop()
    wall = time.perf_counter() - start
    ok = [r for r in results if not isinstance(r, BaseException)]
    failures = [type(r).__name__ for r in results if isinstance(r, BaseException)]
    return {
        "participants": n,
        "mbit_s": mbit_s,
        "failures": len(failures),
        "failure_kinds": sorted(set(failures)),
        "ready_s": summary([seconds for seconds, _ in ok]),
        "wall_s": wall,
        "mb_down": link.bytes_down / 1e6,
        "mb_per_participant": link.bytes_down / 1e6 / n,
    }


async def walk_steps(
    browser: Any, url: str, memory, timeout_ms: int = 180_000, keep: list | None = None
) -> dict:
    """Open the workshop app and every step in turn; time each switch, memory after each.

    `memory()` returns a dict of the memory of the kernel this page started. With `keep` (a
    list), the page stays open and its browser context is appended there for the caller to close.
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    if keep is not None:
        keep.append(context)
    try:
        page = await context.new_page()
        await page.goto(url, timeout=timeout_ms)
        await page.wait_for_selector(STEPS["start"], state="visible", timeout=timeout_ms)
        await asyncio.sleep(0.5)
        found = {"start": {"switch_ms": 0.0, **memory()}}
        for step, ready in list(STEPS.items())[1:]:
            button = page.locator(".kit-nav").get_by_role("button", name=t(f"step.{step}", "en"))
            started = time.perf_counter()
            await button.click()
            await page.wait_for_selector(ready, state="visible", timeout=timeout_ms)
            switch_ms = (time.perf_counter() - started) * 1000
            await asyncio.sleep(0.5)  # the kernel settles after its last message
            found[step] = {"switch_ms": switch_ms, **memory()}
        return found
    finally:
        if keep is None:
            await context.close()
