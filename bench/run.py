"""Benchmark the workshop app against a bare Voila page, on this machine, in one run.

Measures, with the repository's own Voila configuration (toolkit.server):
- time to interactive (navigation start until the first button is usable) of the workshop app,
  each topic notebook and a baseline notebook that shows one ipywidgets button;
- interaction latency: click to letter preview, and filter to table update;
- memory per participant: the kernel's RSS and PSS once the page is interactive;
- concurrency: N participants opening the app at once (up to 100), and the CPU-seconds the
  server and kernels spent per participant to get them ready;
- cleanup: kernels and memory after the pages close, and after the culling time;
- bytes on the wire for a first load, a reload and a second visit, with and without the kit's
  small-page settings (bench/wire.py);
- memory after every step of the workshop app was opened in turn (bench/room.py);
- a room on one Wi-Fi: 30 and 100 phones through one shared 20 Mbit/s link on loopback
  (bench/link.py), against the bare page served with and without compression.
Results: a table on stdout, bench/results/<date>.json, and docs/performance.md.
Run with `make bench` (or `make bench QUICK=1` for a smaller run).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.i18n import t  # noqa: E402
from toolkit.server import ServeOptions  # noqa: E402
from tools.harness import CHROMIUM, CHROMIUM_ARGS, free_port, start_voila, stop_process  # noqa: E402

PAGES = {
    "baseline": ROOT / "bench" / "baseline.ipynb",
    "workshop": ROOT / "notebooks" / "00-workshop.ipynb",
    "objection": ROOT / "notebooks" / "01-objection.ipynb",
    "compare": ROOT / "notebooks" / "02-compare-policies.ipynb",
    "alternatives": ROOT / "notebooks" / "03-alternatives.ipynb",
    "plan": ROOT / "notebooks" / "04-action-plan.ipynb",
}
# The first usable input: a button that is not disabled.
READY = ".widget-button:not([disabled]) >> visible=true"  # the first one may be hidden (compare: "object to this service" until a service is picked)
TIMEOUT_MS = 180_000


# --- processes and memory ------------------------------------------------------------------
def _stat_fields(pid: int | str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name: state, parent pid, ..."""
    return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def process_table() -> dict[int, tuple[int, str]]:
    """Every process on the machine: pid -> (parent pid, command line)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int(_stat_fields(entry.name)[1])
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            table[int(entry.name)] = (parent, command)
    return table


def _proc_state(pid: int) -> str:
    """A process's state letter from /proc (gone: "-")."""
    try:
        return _stat_fields(pid)[0]
    except OSError:
        return "-"


def kernel_pids(server_pid: int) -> set[int]:
    """The kernel processes of a Voila server: its ipykernel children, and the kernels forked
    by its fork server (toolkit/forkkernel.py), which are that server's children."""
    table = process_table()
    forkers = {
        pid
        for pid, (parent, command) in table.items()
        if parent == server_pid and "toolkit.forkkernel" in command
    }
    return {
        pid
        for pid, (parent, command) in table.items()
        if (parent == server_pid and "ipykernel" in command) or parent in forkers
    }


def fork_server_pids(server_pid: int) -> set[int]:
    """The fork server of a Voila server (none with jupyter_client's own provisioner)."""
    return {
        pid
        for pid, (parent, command) in process_table().items()
        if parent == server_pid and "toolkit.forkkernel" in command
    }


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (its private pages only) of a process in MiB (from smaps_rollup)."""
    values = {"rss": 0.0, "pss": 0.0, "uss": 0.0}
    try:
        for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
            key = line.split(":")[0]
            if key in ("Rss", "Pss"):
                values[key.lower()] = int(line.split()[1]) / 1024
            elif key in ("Private_Clean", "Private_Dirty"):
                values["uss"] += int(line.split()[1]) / 1024
    except OSError:
        pass
    return values


@dataclass
class Server:
    """A Voila server started with the kit's configuration."""

    process: subprocess.Popen
    url: str
    log: Path | None = None  # its output (Voila's log), in a temporary folder removed after

    def log_lines(self, marker: str) -> list[str]:
        """The server's log lines that contain `marker`."""
        if self.log is None or not self.log.exists():
            return []
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if marker in line]


def start_server(notebook: Path, cull: int, interval: int, preheat: int = 0) -> Server:
    """Start Voila on `notebook`, on a port nobody listens on, and wait until it answers.

    (Fixed ports collided with other servers on a shared machine, and Voila moved to the next
    free port while the bench measured the other server's page.)
    """
    opts = ServeOptions(
        port=free_port(),
        notebook=notebook,
        cull_idle_timeout=cull,
        cull_interval=interval,
        preheat=preheat,
    )
    log = Path(tempfile.mkdtemp(prefix="kit-bench-log-")) / "voila.log"
    process, url = start_voila(opts, log_path=log)
    return Server(process, url, log)


def stop_server(server: Server) -> None:
    """Stop a server and its kernels (a server that hangs is killed, and its kernels with it)."""
    kernels = kernel_pids(server.process.pid) | fork_server_pids(server.process.pid)
    stop_process(server.process)
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if server.log is not None:
        shutil.rmtree(server.log.parent, ignore_errors=True)


def summary(values: list[float]) -> dict[str, float]:
    """Median, min, max (and p95 with enough values)."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    out = {
        "n": len(values),
        "median": statistics.median(values),
        "min": ordered[0],
        "max": ordered[-1],
    }
    if len(values) >= 10:
        out["p95"] = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return out


# --- measurements ----------------------------------------------------------------------------
async def open_page(browser, url: str, timeout_ms: int = TIMEOUT_MS):
    """Open `url` in a fresh context; return (context, page, ms from navigation start to ready)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(url, timeout=timeout_ms)
    await page.wait_for_selector(READY, state="visible", timeout=timeout_ms)
    ms = await page.evaluate("performance.now()")
    return context, page, ms


async def time_to_interactive(browser, servers: dict[str, Server], runs: int) -> dict:
    """TTI and kernel memory per fresh page, `runs` times for each server.

    The pages take turns (baseline, workshop, ..., baseline, workshop, ...), so that a slow
    moment of the machine falls on all of them alike and the ratios to the baseline stay fair.
    """
    found: dict[str, dict[str, list[float]]] = {
        name: {"tti": [], "rss": [], "pss": []} for name in servers
    }
    for _ in range(runs):
        for name, server in servers.items():
            before = kernel_pids(server.process.pid)
            context, _page, ms = await open_page(browser, server.url)
            found[name]["tti"].append(ms)
            await asyncio.sleep(0.5)  # let the kernel settle after the last message
            for pid in kernel_pids(server.process.pid) - before:
                mem = memory_mb(pid)
                found[name]["rss"].append(mem["rss"])
                found[name]["pss"].append(mem["pss"])
            await context.close()
    return {
        name: {
            "tti_ms": summary(values["tti"]),
            "kernel_rss_mb": summary(values["rss"]),
            "kernel_pss_mb": summary(values["pss"]),
        }
        for name, values in found.items()
    }


async def letter_latency(browser, server: Server, runs: int) -> dict:
    """From clicking Next on 'your details' to the letter preview on screen."""
    values = []
    for run in range(runs):
        context, page, _ = await open_page(browser, server.url)
        for _ in range(2):
            await page.get_by_role("button", name=t("obj.next", "en")).click()
        await page.get_by_label(t("obj.name", "en")).fill(f"Bench Participant {run}")
        start = time.perf_counter()
        await page.get_by_role("button", name=t("obj.next", "en")).click()
        await page.locator(".kit-letter").wait_for(timeout=TIMEOUT_MS)
        values.append((time.perf_counter() - start) * 1000)
        await context.close()
    return summary(values)


async def filter_latency(browser, server: Server, runs: int) -> dict:
    """From choosing a filter to the updated count on screen."""
    values = []
    for _ in range(runs):
        context, page, _ = await open_page(browser, server.url)
        await page.locator(".kit-matrix").wait_for(timeout=TIMEOUT_MS)
        before = await page.locator(".kit-count").inner_text()
        start = time.perf_counter()
        await page.get_by_label(t("cmp.filter.ai_training", "en")).select_option(
            label=t("ai.yes", "en")
        )
        await page.wait_for_function(
            "old => document.querySelector('.kit-count').innerText !== old",
            arg=before,
            timeout=TIMEOUT_MS,
        )
        values.append((time.perf_counter() - start) * 1000)
        await context.close()
    return summary(values)


async def concurrency(
    browser, server: Server, n: int, cull: int, interval: int, client: str
) -> dict:
    """`n` participants open the page at once; then all close; then culling.

    client "light": HTTP plus kernel websocket (bench/client.py), measuring the server alone;
    client "chromium": real browser pages, which also spend this machine's CPU on rendering.
    """
    from bench.client import participant
    from bench.room import cpu_seconds

    server_cpu = cpu_seconds(server.process.pid)
    start = time.perf_counter()

    async def one():
        try:
            if client == "light":
                seconds, _widgets, ws = await participant(server.url)
                return ws, None, seconds * 1000
            return await open_page(browser, server.url)
        except Exception as error:
            return error

    results = await asyncio.gather(*(one() for _ in range(n)))
    wall = time.perf_counter() - start
    ok = [r for r in results if not isinstance(r, BaseException)]
    failures = [type(r).__name__ for r in results if isinstance(r, BaseException)]
    await asyncio.sleep(1)
    kernels = kernel_pids(server.process.pid)
    # CPU the server and the new kernels spent to get everyone ready (the server had none)
    server_spent = cpu_seconds(server.process.pid) - server_cpu
    kernels_spent = sum(cpu_seconds(p) for p in kernels)
    cpu = server_spent + kernels_spent
    kernel_pss = sum(memory_mb(p)["pss"] for p in kernels)
    server_pss = memory_mb(server.process.pid)["pss"]
    for handle, _page, _ms in ok:
        if client == "light":
            handle.close()
        else:
            await handle.close()
    closed_at = time.monotonic()
    await asyncio.sleep(2)
    after_close = kernel_pids(server.process.pid)
    close_pss = sum(memory_mb(p)["pss"] for p in after_close) + memory_mb(server.process.pid)["pss"]
    deadline = closed_at + cull + 3 * interval + 30
    while kernel_pids(server.process.pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.25)
    culled_after = time.monotonic() - closed_at
    left = kernel_pids(server.process.pid)
    return {
        "client": client,
        "participants": n,
        "failures": len(failures),
        "failure_kinds": sorted(set(failures)),
        "tti_ms": summary([ms for _h, _p, ms in ok]),
        "wall_s": wall,
        "cpu_s_per_participant": cpu / n,
        "cpu_s_server_per_participant": server_spent / n,
        "cpu_s_kernels_per_participant": kernels_spent / n,
        "kernels": len(kernels),
        "kernel_pss_mb": kernel_pss,
        "total_pss_mb": kernel_pss + server_pss,
        "kernels_after_close": len(after_close),
        "pss_after_close_mb": close_pss,
        "kernels_after_cull": len(left),
        # why a kernel stayed: its /proc state (S sleeping, R running, Z not reaped); the server's
        # log says "Kept kernel ..." for one it still manages (toolkit/kernels.py)
        "kernels_left_states": sorted(_proc_state(pid) for pid in left),
        "kernels_kept_logged": len(server.log_lines("Kept kernel")),
        "seconds_until_all_culled": None if left else round(culled_after, 1),
        # Jupyter Server frees a kernel idle for `cull` seconds at its next check: at most
        # cull + interval after the last message, which came before the tab closed.
        "cull_limit_s": cull + interval,
        "server_pss_after_cull_mb": memory_mb(server.process.pid)["pss"],
    }


# The pages of the shared-link scenario: the bare page as Voila serves it without the kit's
# small-page settings (what every participant loaded before issue 21), and with them.
LINK_PAGES = ("baseline-uncompressed", "baseline", "workshop")


def _server_for(name: str, cull: int = 600, interval: int = 60) -> Server:
    """A server for a page name; "<page>-uncompressed" is plain Voila (bench/room.py).

    make serve's culling by default: a phone on a slow link may take minutes to load the page's
    files before it connects to its kernel, which must not be culled meanwhile.
    """
    from bench.room import start_uncompressed

    page = name.removesuffix("-uncompressed")
    if name == page:
        return start_server(PAGES[page], cull=cull, interval=interval)
    opts = ServeOptions(
        port=free_port(), notebook=PAGES[page], cull_idle_timeout=cull, cull_interval=interval
    )
    return Server(*start_uncompressed(opts))


async def wire_weights(browser, servers: dict[str, Server]) -> dict:
    """Bytes on the wire, first load / reload / second visit, with and without the kit's settings."""
    from bench.wire import page_weight

    found = {}
    for name in ("baseline-uncompressed", "workshop-uncompressed", "baseline", "workshop"):
        if name in servers:
            server, own = servers[name], False
        else:
            server, own = _server_for(name), True
        try:
            weight = await page_weight(browser, server.url)
            weight.pop("assets")
            found[name] = weight
        finally:
            if own:
                stop_server(server)
    return found


async def steps_memory(browser, server: Server) -> dict:
    """The workshop app with every step opened in turn: switch time and kernel PSS after each."""
    from bench.room import walk_steps

    before = kernel_pids(server.process.pid)

    def memory() -> dict[str, float]:
        mine = kernel_pids(server.process.pid) - before
        found = [memory_mb(p) for p in mine]
        return {
            "kernel_pss_mb": sum(m["pss"] for m in found),
            "kernel_uss_mb": sum(m["uss"] for m in found),
            # PSS splits shared pages between the processes sharing them: say how many there were
            "kernels_alive": len(kernel_pids(server.process.pid)),
        }

    return await walk_steps(browser, server.url, memory)


async def room_memory(browser, server: Server, n: int) -> dict:
    """`n` participants, each with every step opened, all still open: memory per kernel.

    PSS splits a page shared by k processes into k parts, so one kernel's PSS depends on how many
    others share its pages (the warmed parent's modules, above all). `steps_memory` measures a
    kernel with two others alive; a room has many: this is the per-participant figure there.
    """
    from bench.room import walk_steps

    before = kernel_pids(server.process.pid)
    contexts: list = []
    try:
        for _ in range(n):
            await walk_steps(browser, server.url, dict, keep=contexts)
        await asyncio.sleep(1)
        mine = kernel_pids(server.process.pid) - before
        found = [memory_mb(p) for p in mine]
        return {
            "participants": n,
            "kernels": len(found),
            "kernel_pss_mb_each": sum(m["pss"] for m in found) / max(len(found), 1),
            "kernel_uss_mb_each": sum(m["uss"] for m in found) / max(len(found), 1),
            "server_pss_mb": memory_mb(server.process.pid)["pss"],
        }
    finally:
        for context in contexts:
            await context.close()


async def link_row(browser, name: str, n: int, mbit_s: float) -> dict:
    """`n` phones through one shared link to a fresh server of page `name`."""
    from bench.room import room_on_wifi
    from bench.wire import page_weight

    server = _server_for(name)
    try:
        assets = (await page_weight(browser, server.url))["assets"]
        return {"page": name, **await room_on_wifi(server.url, assets, n, mbit_s)}
    finally:
        stop_server(server)


def machine() -> dict:
    """What this ran on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(
        next(
            line
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ).split()[1]
    )
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


async def main_async(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright

    results: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "quick": args.quick,
        "runs": args.runs,
        "cull_idle_timeout_s": args.cull,
        "cull_interval_s": args.interval,
        "preheat": args.preheat,
    }
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        names = [
            name
            for name in PAGES
            if not args.quick or name in ("baseline", "workshop", "objection", "compare")
        ]
        servers = {}
        try:
            for name in names:
                servers[name] = start_server(
                    PAGES[name], cull=args.cull, interval=args.interval, preheat=args.preheat
                )
                await open_page(browser, servers[name].url)  # warm its caches (not counted)
            pages = await time_to_interactive(browser, servers, args.runs)
            if "objection" in servers:
                pages["objection"]["letter_preview_ms"] = await letter_latency(
                    browser, servers["objection"], args.runs
                )
            if "compare" in servers:
                pages["compare"]["filter_update_ms"] = await filter_latency(
                    browser, servers["compare"], args.runs
                )
            results["wire"] = await wire_weights(browser, servers)
            results["steps"] = await steps_memory(browser, servers["workshop"])
            if not args.quick:
                results["room_memory"] = await room_memory(browser, servers["workshop"], 10)
            results["memory_split"] = memory_split()
        finally:
            for server in servers.values():
                stop_server(server)
        for name, page in pages.items():
            print(f"  {name}: TTI median {page['tti_ms']['median']:.0f} ms", flush=True)
        results["pages"] = pages
        crowd = []
        plan = [(n, "light") for n in args.concurrency] + [
            (n, "chromium") for n in args.browser_crowd
        ]
        for n, client in plan:
            # A kernel idle for the culling time before its page connects is culled (a 404 for
            # that participant): with 100 at once on 2 cores pages waited more than 10 s for
            # their websocket. So a crowd of n gets at least n seconds (make serve: 600 s).
            cull = max(args.cull, n)
            for name in ("baseline", "workshop"):
                server = start_server(
                    PAGES[name], cull=cull, interval=args.interval, preheat=args.preheat
                )
                try:
                    crowd.append(
                        {
                            "page": name,
                            **await concurrency(browser, server, n, cull, args.interval, client),
                        }
                    )
                finally:
                    stop_server(server)
                row = crowd[-1]
                print(
                    f"  {n} at once ({name}, {client}): {row['failures']} failures, p50 {row['tti_ms'].get('median', 0):.0f} ms",
                    flush=True,
                )
        results["concurrency"] = crowd
        results["link"] = []
        for n in args.link:
            for name in LINK_PAGES:
                row = await link_row(browser, name, n, args.mbit)
                results["link"].append(row)
                print(
                    f"  {n} at once on {args.mbit:g} Mbit/s ({name}): {row['failures']} failures, "
                    f"p50 {row['ready_s'].get('median', 0):.1f} s, "
                    f"{row['mb_per_participant']:.2f} MB each",
                    flush=True,
                )
        await browser.close()
    base = results["pages"]["baseline"]
    results["ratios"] = {
        name: {
            "tti": page["tti_ms"]["median"] / base["tti_ms"]["median"],
            "kernel_pss": page["kernel_pss_mb"]["median"] / base["kernel_pss_mb"]["median"],
        }
        for name, page in results["pages"].items()
    }
    return results


def table(results: dict) -> str:
    """The results as Markdown tables."""
    lines = [
        "| page | TTI median (min-max) ms | x baseline | kernel RSS MiB | kernel PSS MiB | x baseline |",
        "|---|---|---|---|---|---|",
    ]
    for name, page in results["pages"].items():
        tti, rss, pss = page["tti_ms"], page["kernel_rss_mb"], page["kernel_pss_mb"]
        ratio = results["ratios"][name]
        lines.append(
            f"| {name} | {tti['median']:.0f} ({tti['min']:.0f}-{tti['max']:.0f}) | {ratio['tti']:.2f} | "
            f"{rss.get('median', 0):.0f} | {pss.get('median', 0):.0f} | {ratio['kernel_pss']:.2f} |"
        )
    latency = []
    for name, key, label in (
        ("objection", "letter_preview_ms", "click to letter preview"),
        ("compare", "filter_update_ms", "filter to table update"),
    ):
        value = results["pages"].get(name, {}).get(key)
        if value:
            latency.append(
                f"| {label} | {value['median']:.0f} | {value['min']:.0f} | {value['max']:.0f} |"
            )
    if latency:
        lines += ["", "| interaction | median ms | min | max |", "|---|---|---|---|", *latency]
    lines += [
        "",
        "| page | client | at once | failures | TTI p50 ms | TTI p95 ms | wall s | PSS MiB open / closed / culled | kernels after close | kernels after cull | culled after s | limit s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["concurrency"]:
        tti = row["tti_ms"]
        lines.append(
            f"| {row['page']} | {row['client']} | {row['participants']} | {row['failures']} | {tti.get('median', 0):.0f} | {tti.get('p95', tti.get('max', 0)):.0f} | "
            f"{row['wall_s']:.1f} | {row['total_pss_mb']:.0f} / {row['pss_after_close_mb']:.0f} / "
            f"{row['server_pss_after_cull_mb']:.0f} | {row['kernels_after_close']} | {row['kernels_after_cull']} | "
            f"{row['seconds_until_all_culled']} | {row['cull_limit_s']} |"
        )
    return "\n".join(lines + extra_tables(results))


def extra_tables(results: dict) -> list[str]:
    """Tables of the measurements added for issue 21 (absent in older results)."""
    lines: list[str] = []
    cpu_rows = [row for row in results["concurrency"] if "cpu_s_per_participant" in row]
    if cpu_rows:
        base = {
            (row["client"], row["participants"]): row
            for row in cpu_rows
            if row["page"] == "baseline"
        }
        lines += [
            "",
            "| page | client | at once | failures | ready p50 s | ready p95 s | x baseline (p50) | CPU s per participant | of it server / kernel |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in cpu_rows:
            tti = row["tti_ms"]
            floor = base.get((row["client"], row["participants"]), {}).get("tti_ms", {})
            ratio = tti.get("median", 0) / floor["median"] if floor.get("median") else 0
            lines.append(
                f"| {row['page']} | {row['client']} | {row['participants']} | {row['failures']} | "
                f"{tti.get('median', 0) / 1000:.1f} | {tti.get('p95', tti.get('max', 0)) / 1000:.1f} | "
                f"{ratio:.2f} | {row['cpu_s_per_participant']:.2f} | "
                f"{row.get('cpu_s_server_per_participant', 0):.2f} / "
                f"{row.get('cpu_s_kernels_per_participant', 0):.2f} |"
            )
    wire = results.get("wire")
    if wire:
        lines += [
            "",
            "| page | first load: requests | first load MB | reload: asked / from cache | reload KB | second visit KB | websocket KB (first, uncompressed) |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, row in wire.items():
            first, reload, again = row["first"], row["reload"], row["revisit"]
            lines.append(
                f"| {name} | {first['requests']} | {first['bytes'] / 1e6:.2f} | "
                f"{reload['from_network']} / {reload['from_cache']} | {reload['bytes'] / 1e3:.0f} | "
                f"{again['bytes'] / 1e3:.0f} | {first['websocket_bytes'] / 1e3:.0f} |"
            )
    steps = results.get("steps")
    if steps:
        base = results["pages"]["baseline"]["kernel_pss_mb"].get("median", 0)
        lines += [
            "",
            "| workshop app, steps opened in turn | switch ms | kernel PSS MiB after | x baseline | kernel USS MiB (private) | kernels alive |",
            "|---|---|---|---|---|---|",
        ]
        for name, row in steps.items():
            lines.append(
                f"| {name} | {row['switch_ms']:.0f} | {row['kernel_pss_mb']:.0f} | "
                f"{row['kernel_pss_mb'] / base if base else 0:.2f} | "
                f"{row.get('kernel_uss_mb', 0):.0f} | {row.get('kernels_alive', 0)} |"
            )
    room = results.get("room_memory")
    if room:
        lines += [
            "",
            "| room: participants with every step open | kernels | kernel PSS MiB each | kernel USS MiB each (private) | server PSS MiB |",
            "|---|---|---|---|---|",
            f"| {room['participants']} | {room['kernels']} | {room['kernel_pss_mb_each']:.0f} | "
            f"{room['kernel_uss_mb_each']:.0f} | {room['server_pss_mb']:.0f} |",
        ]
    split = results.get("memory_split")
    if split:
        lines += [
            "",
            "| one forked kernel, steps opened in turn (bench/memory.py) | PSS MiB | copied from the warmed parent MiB | new MiB |",
            "|---|---|---|---|",
        ]
        for name, row in split.items():
            lines.append(
                f"| {name} | {row['pss_mb']:.1f} | {row['copied_mb']:.1f} | {row['new_mb']:.1f} |"
            )
    link = results.get("link")
    if link:
        base = {row["participants"]: row for row in link if row["page"] == "baseline"}
        lines += [
            "",
            "| page | phones on one link | Mbit/s | failures | ready p50 s | ready p95 s | x baseline (p50) | MB per phone |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in link:
            ready = row["ready_s"]
            floor = base.get(row["participants"], {}).get("ready_s", {})
            ratio = ready.get("median", 0) / floor["median"] if floor.get("median") else 0
            lines.append(
                f"| {row['page']} | {row['participants']} | {row['mbit_s']:g} | {row['failures']} | "
                f"{ready.get('median', 0):.1f} | {ready.get('p95', ready.get('max', 0)):.1f} | "
                f"{ratio:.2f} | {row['mb_per_participant']:.2f} |"
            )
    return lines


def memory_split() -> dict:
    """bench.memory in a fresh Python: a forked kernel's pages, copied from its parent or new."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    """Parse options, run, write the results."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a smaller run (under five minutes)")
    parser.add_argument(
        "--runs", type=int, default=None, help="page loads per measurement (default 7, quick 5)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        nargs="*",
        default=None,
        help="participants at once (default 10 30 50)",
    )
    parser.add_argument(
        "--browser-crowd",
        type=int,
        nargs="*",
        default=None,
        help="participants at once in real Chromium pages (default 10; quick none)",
    )
    parser.add_argument(
        "--cull", type=int, default=30, help="idle seconds before a kernel is culled (bench only)"
    )
    parser.add_argument("--interval", type=int, default=5, help="culling check interval in seconds")
    parser.add_argument("--preheat", type=int, default=0, help="pre-started kernels per server")
    parser.add_argument(
        "--link",
        type=int,
        nargs="*",
        default=None,
        help="phones at once through one shared link (default 30 100; quick 5)",
    )
    parser.add_argument("--mbit", type=float, default=20.0, help="the shared link's Mbit/s")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    args = parser.parse_args()
    args.runs = args.runs or (5 if args.quick else 7)
    if args.concurrency is None:
        args.concurrency = [10] if args.quick else [10, 30, 50, 100]
    if args.link is None:
        args.link = [5] if args.quick else [30, 100]
    if args.cull is None:
        args.cull = 15 if args.quick else 30
    if args.browser_crowd is None:
        args.browser_crowd = [] if args.quick else [10]
    from toolkit.paths import CACHE_ENV
    from toolkit.web import raise_open_files_limit

    # The bench's servers keep the kit's record and template caches in a folder of their own:
    # in the shared one, any other checkout's `make check-data` or test run replaces the records'
    # cache (one file per data version), and a kernel that finds none checks all records itself
    # (about 0.3 s instead of 0.02 s), which the bench would then count as the page's cost.
    own_cache = None if os.environ.get(CACHE_ENV) else tempfile.mkdtemp(prefix="kit-bench-cache-")
    if own_cache:
        os.environ[CACHE_ENV] = own_cache
    raise_open_files_limit()  # 100 phones through the link: about 2,400 sockets in this process
    try:
        results = asyncio.run(main_async(args))
    finally:
        if own_cache:
            shutil.rmtree(own_cache, ignore_errors=True)
    text = table(results)
    print("\n" + text)
    out = (
        ROOT / "bench" / "results" / f"{results['date'][:10]}{'-quick' if args.quick else ''}.json"
    )
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    if not args.no_docs and not args.quick:  # the docs show full runs only
        from bench.report import write_performance_md

        write_performance_md(results, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
