"""Benchmark JupyterHub (`make hub`'s configuration): sign-ins at once, memory per participant.

Each participant does what a browser does: signs in with a temporary account, waits until their
own server serves the workshop app, opens the kernel's websocket and asks for every widget's
state (bench/client.py). Measured: seconds from sign-in to a working app (a new server), the
same for a second visit (a running server), failures, and the memory of each participant's
server and kernel (PSS, MiB). Results: bench/results/<date>-hub.json; `make bench` puts the
latest into docs/performance.md.

    python -m bench.hub --at-once 1 10 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench.client import KERNEL_ID, channels_url, widget_states
from bench.run import ROOT, machine, memory_mb, process_table, summary
from tools.harness import start_hub, stop_process

APP_PATH = "voila/render/00-workshop.ipynb"
TIMEOUT = 300.0


def sign_in(url: str) -> tuple[requests.Session, str, str]:
    """Sign in with a temporary account and wait for the app; return (session, user, page)."""
    session = requests.Session()
    response = session.get(url + "hub/login", timeout=TIMEOUT)
    user = None
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = re.search(r"/user/([^/]+)/", response.url) or re.search(
            r"/spawn-pending/([^/?]+)", response.url
        )
        if found:
            user = found.group(1)
        if user and response.status_code == 200 and KERNEL_ID.search(response.text):
            return session, user, response.text
        time.sleep(0.5)
        target = url + f"user/{user}/{APP_PATH}" if user else url + "hub/spawn"
        response = session.get(target, timeout=TIMEOUT)
    raise TimeoutError("no app within the time limit")


async def participant(url: str, pool: ThreadPoolExecutor) -> dict:
    """One participant from sign-in to widget states; seconds and who they are."""
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    session, user, page = await loop.run_in_executor(pool, sign_in, url)
    signed_in = time.perf_counter() - start
    kernel_id = KERNEL_ID.search(page).group(1)
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    ws_url = channels_url(url + f"user/{user}/", kernel_id)
    count, ws = await widget_states(ws_url, {"Cookie": cookies}, TIMEOUT)
    return {
        "user": user,
        "session": session,
        "ws": ws,
        "page_s": signed_in,
        "ready_s": time.perf_counter() - start,
        "widgets": count,
    }


def _descendants(pid: int) -> dict[int, str]:
    """Every process below `pid`, with its command line."""
    table = process_table()
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        for child, (parent, command) in table.items():
            if parent == current and child not in found:
                found[child] = command
                todo.append(child)
    return found


def participant_memory(hub_pid: int) -> dict[str, list[float]]:
    """PSS and RSS of every participant's server and of every kernel, in MiB.

    PSS says how many fit on one machine (shared pages counted once); RSS is what one
    participant's container needs on its own (Kubernetes: one pod per participant).
    """
    found: dict[str, list[float]] = {
        "server_pss_mb": [],
        "server_rss_mb": [],
        "kernel_pss_mb": [],
        "kernel_rss_mb": [],
    }
    for pid, command in _descendants(hub_pid).items():
        if "jupyterhub.singleuser" in command or "jupyterhub-singleuser" in command:
            kind = "server"
        elif "ipykernel" in command:
            kind = "kernel"
        else:
            continue
        memory = memory_mb(pid)
        found[f"{kind}_pss_mb"].append(memory["pss"])
        found[f"{kind}_rss_mb"].append(memory["rss"])
    return found


async def crowd(url: str, hub_pid: int, n: int) -> dict:
    """`n` participants sign in at once; then each comes back once to their running server."""
    with ThreadPoolExecutor(max_workers=n) as pool:
        start = time.perf_counter()
        results = await asyncio.gather(
            *(participant(url, pool) for _ in range(n)), return_exceptions=True
        )
        wall = time.perf_counter() - start
        ok = [r for r in results if not isinstance(r, BaseException)]
        failures = sorted({type(r).__name__ for r in results if isinstance(r, BaseException)})
        await asyncio.sleep(2)
        memory = participant_memory(hub_pid)
        for row in ok:
            row["ws"].close()
        # a second visit: the server is running, only a new page and kernel are needed
        again = []
        for row in ok[: min(5, len(ok))]:
            start = time.perf_counter()
            page = row["session"].get(url + f"user/{row['user']}/{APP_PATH}", timeout=TIMEOUT)
            if page.status_code == 200 and KERNEL_ID.search(page.text):
                again.append(time.perf_counter() - start)
    servers, kernels = memory["server_pss_mb"], memory["kernel_pss_mb"]
    return {
        "participants": n,
        "failures": n - len(ok),
        "failure_kinds": failures,
        "ready_s": summary([r["ready_s"] for r in ok]),
        "wall_s": wall,
        "widgets": sorted({r["widgets"] for r in ok}),
        "running_server_page_s": summary(again),
        "servers": len(servers),
        "server_pss_mb": summary(servers),
        "kernel_pss_mb": summary(kernels),
        "server_rss_mb": summary(memory["server_rss_mb"]),
        "kernel_rss_mb": summary(memory["kernel_rss_mb"]),
        "per_participant_mb": (sum(servers) + sum(kernels)) / max(1, len(servers)),
    }


def table(results: dict) -> str:
    """The results as a Markdown table."""
    lines = [
        "| at once | failures | ready p50 s | ready max s | running server s | server PSS (RSS) MiB | kernel PSS (RSS) MiB | per participant PSS MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results["crowds"]:
        ready, again = row["ready_s"], row["running_server_page_s"]
        lines.append(
            f"| {row['participants']} | {row['failures']} | {ready.get('median', 0):.1f} | "
            f"{ready.get('max', 0):.1f} | {again.get('median', 0):.1f} | "
            f"{row['server_pss_mb'].get('median', 0):.0f} ({row['server_rss_mb'].get('median', 0):.0f}) | "
            f"{row['kernel_pss_mb'].get('median', 0):.0f} ({row['kernel_rss_mb'].get('median', 0):.0f}) | "
            f"{row['per_participant_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Run each crowd against a fresh hub; write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--at-once", type=int, nargs="+", default=[1, 10, 20])
    args = parser.parse_args()
    results: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "crowds": [],
    }
    for n in args.at_once:
        with tempfile.TemporaryDirectory() as state:
            hub, url = start_hub(Path(state))
            try:
                row = asyncio.run(crowd(url, hub.pid, n))
            finally:
                stop_process(hub, timeout=60)
        results["crowds"].append(row)
        ready = row["ready_s"]
        print(
            f"  {n} at once: {row['failures']} failures, ready p50 {ready.get('median', 0):.1f} s, "
            f"max {ready.get('max', 0):.1f} s, {row['per_participant_mb']:.0f} MiB each",
            flush=True,
        )
    text = table(results)
    print("\n" + text)
    out = ROOT / "bench" / "results" / f"{results['date'][:10]}-hub.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    # docs/performance.md: the latest full `make bench` run, now with this hub run in it
    from bench.report import latest_results, write_performance_md
    from bench.run import table as bench_table

    latest = latest_results()
    if latest is not None:
        print(f"updated: {write_performance_md(latest, bench_table(latest)).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
