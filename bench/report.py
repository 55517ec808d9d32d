"""Write docs/performance.md from a benchmark run."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


FAILURE_NOTE = (
    " A failure is a page that was not interactive within 180 s. Before kernels used Unix sockets,"
    " kernels starting together sometimes raced for one TCP port; the loser died, and Voila then"
    " blocked in a send to it, for every participant (all 50 of a run, once). Spread arrivals, or"
    " use --preheat, for large rooms."
)


def latest_results(kind: str = "full") -> dict | None:
    """The newest bench/results/<date>.json ("full"), <date>-hub.json or <date>-quick.json."""
    suffix = "" if kind == "full" else f"-{kind}"
    pattern = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}{suffix}\.json")
    runs = sorted(
        p for p in (ROOT / "bench" / "results").glob("*.json") if pattern.fullmatch(p.name)
    )
    return json.loads(runs[-1].read_text(encoding="utf-8")) if runs else None


def hub_section(pandas_rss_mb: float) -> str:
    """The latest JupyterHub run (`make bench-hub`), if there is one.

    `pandas_rss_mb`: how much a kernel grows once a participant opens the comparison.
    """
    results = latest_results("hub")
    if results is None:
        return ""
    from bench.hub import table as hub_table

    m = results["machine"]
    rows = results["crowds"]
    largest = max(rows, key=lambda row: row["participants"])
    per = max(row["per_participant_mb"] for row in rows)
    rss = max(
        row.get("server_rss_mb", {}).get("median", 0)
        + row.get("kernel_rss_mb", {}).get("median", 0)
        for row in rows
    )
    return f"""
## JupyterHub (`make bench-hub`)
Measured on {results["date"]} on the same kind of machine ({m["cpus"]} cores, {m["memory_gib"]} GiB), with
`make hub`'s configuration (`deploy/jupyterhub/`, temporary accounts, one local server per
participant). Each participant signs in, waits for their own server to serve the workshop app, and
gets every widget's state over the kernel's websocket (`bench/hub.py`). "Running server" is a second
visit to a server that is already up.

{hub_table(results)}

On one machine a participant costs about {per:.0f} MiB (PSS of their server and kernel on the start
page; the kernel grows by about 45 MiB with the comparison and the alternatives). In a container of
their own nothing is shared: count the RSS, about {rss:.0f} MiB on the start page and about
{rss + pandas_rss_mb:.0f} MiB with pandas loaded (the comparison page's kernel RSS above, minus the
workshop page's): `deploy/kubernetes/config.yaml` guarantees each pod 320 MB to cover it.
{largest["participants"]} sign-ins at the same moment: {largest["failures"]} failures, the last ready after
{largest["ready_s"].get("max", 0):.0f} s: starting a server costs CPU, so on 2 cores a crowd waits for its servers.
"""


def write_performance_md(results: dict, table: str) -> Path:
    """Write docs/performance.md from `results`."""
    path = ROOT / "docs" / "performance.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(performance_md(results, table), encoding="utf-8")
    return path


def performance_md(results: dict, table: str) -> str:
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
    pages = results["pages"]
    light = [row for row in crowd if row["client"] == "light" and row["page"] == "workshop"]
    failures = [row for row in crowd if row["failures"]]
    budget = m["memory_gib"] * 1024 * 0.8
    grows = (
        pages["compare"]["kernel_rss_mb"]["median"] - pages["workshop"]["kernel_rss_mb"]["median"]
    )
    low = pages["workshop"]["kernel_pss_mb"]["median"]
    high = max(pages[p]["kernel_pss_mb"]["median"] for p in pages if p != "baseline")
    # A workshop app participant opens every step in one kernel: that, when measured, is the most.
    steps = results.get("steps") or {}
    high = max([high, *(row["kernel_pss_mb"] for row in steps.values())])
    failure_text = (
        "; ".join(
            f"{row['page']} page, {row['participants']} at once ({row['client']}): {row['failures']} of "
            f"{row['participants']} not ready within 180 s ({', '.join(row['failure_kinds'])})"
            for row in failures
        )
        or "none"
    )
    crowd_text = ", ".join(
        f"{row['participants']} at once: p50 {row['tti_ms'].get('median', 0) / 1000:.0f} s"
        for row in light
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
  row: the floor for that load. PSS is the server's and all kernels' together: while the pages are
  open, 2 s after they closed (kernels stay until culled), and once they are culled (the server alone).
- **Culling**: the bench sets the idle timeout to {results.get("cull_idle_timeout_s", "?")} s, checked every
  {results.get("cull_interval_s", "?")} s (`--cull`, `--interval`); `make serve` uses 600 s and 60 s. Kernels of closed
  tabs stay until then (Voila issue 1458: the browser's shutdown request is refused); "culled after" counts
  from the moment the pages closed until no kernel process was left. The limit is the idle timeout plus
  one check interval: a kernel idle since just after a check is stopped at the check after its timeout.
  A closed page's kernel is culled even if it still counts as busy (`cull_busy`: in one run of 100 at
  once, one kernel outlived the limit; a lost final "idle" status under load is the likeliest cause
  found, not proven). Where a kernel stays, the JSON records its process state
  (`kernels_left_states`) and how often the server logged "Kept kernel" with the reason
  (`kernels_kept_logged`).

## What was tuned, and what it bought
- Steps are built when first shown, and `toolkit` loads pandas only in the steps that need it: the
  workshop app's start page costs about the baseline's memory; the comparison and alternatives steps
  add pandas (about +45 MiB PSS) when a participant opens them.
- Records are read with libyaml and checked with a small validator (`toolkit/schema.py`) instead of
  the `jsonschema` package, whose import builds grammars for format checks: reading the data went from
  about 2.3 s to 0.14 s per kernel, and the objection page's time to interactive from 2.25x to about
  1.4x the baseline.
- The comparison view redrew its table seven times while being built; now once (its page: 2.7x to
  about 1.8x the baseline).
- Idle kernels are culled all at once (`toolkit/kernels.py`): Jupyter Server checked them one after
  another and waited for each graceful shutdown, so when 30 or 50 tabs closed together the last kernel
  went 6 to 16 s after the limit (idle timeout plus check interval). Checked together and stopped without
  a grace period (a closed page's kernel holds nothing to save), every kernel goes within the limit.
- The start page sends fewer widget models (65 before, 46 now): its checkboxes share one layout and one
  style, the welcome text and the picker's heading are one HTML widget, and the "Loading" note is made
  only when a step is first built. Every model is a message and a view the browser has to draw.
- Kernels talk to Voila over Unix sockets (`--KernelManager.transport=ipc`) instead of TCP ports.
  With TCP, kernels starting in the same moment could pick the same free port; one died ("Address
  already in use") and Voila's event loop blocked for good in a send to it: every page of the room
  hung (50 of 50 in one run; the 1 to 3 of 30 or 50 pages lost in earlier runs were most likely the
  same race). With Unix sockets: 0 failures in 6 runs of 50 at once on the baseline page, where TCP
  hung 1 run in 3 (server stack in the closing note of issue 7).
- The pages take turns in the time-to-interactive runs (baseline, workshop, topic pages, baseline, ...),
  so that a slow moment of the machine falls on every page alike; earlier each page ran its runs in a
  block, and the ratio to the baseline moved by up to 0.3 between two quick runs.
- A preheated kernel pool (`python -m toolkit serve --preheat N`) starts kernels before participants
  arrive; the app then waits for the request to learn its language. It is not on by default: each
  pooled kernel holds memory from the start.

## How many participants one machine holds
In this run up to {largest_ok} participants opened the workshop app at once without a failure on this
machine ({crowd_text}, measured at the server). Time, not memory, is what people notice on a 2-core
machine: pages are ready about as fast as a bare Voilà page, but kernels start one after another, so
let a room join over a minute or two, or start a pool beforehand (`--preheat`).

Memory: a participant's kernel needs about {low:.0f} MiB (PSS) on the start page and the letters and up
to about {high:.0f} MiB once they have opened the comparison, alternatives and plan. With 80 % of this machine's
{m["memory_gib"]} GiB that is room for about {int(budget // high)} participants who open every step
({int(budget // low)} who stay with the letters). An 8 GiB laptop holds about
{int(8 * 1024 * 0.8 // high)} who open every step.

Failures seen in this run: {failure_text}.{FAILURE_NOTE if failures else ""}
{room_section(results)}{hub_section(grows)}"""
    return text


def room_section(results: dict) -> str:
    """How to read the tables added for issue 21 (a room on one Wi-Fi), when the run has them."""
    if "link" not in results:
        return ""
    wire = results.get("wire", {})
    before = wire.get("workshop-uncompressed", {}).get("first", {})
    after = wire.get("workshop", {}).get("first", {})
    reload = wire.get("workshop", {}).get("reload", {})
    steps = results.get("steps", {})
    last = list(steps.values())[-1]["kernel_pss_mb"] if steps else 0
    last_uss = list(steps.values())[-1].get("kernel_uss_mb", 0) if steps else 0
    link = results["link"]
    largest = max((row["participants"] for row in link), default=0)
    mbit = link[0]["mbit_s"] if link else 0
    rows = {(row["page"], row["participants"]): row for row in link}
    app = rows.get(("workshop", largest), {}).get("ready_s", {})
    bare = rows.get(("baseline-uncompressed", largest), {}).get("ready_s", {})
    crowd = [
        row
        for row in results["concurrency"]
        if row["page"] == "workshop" and row["client"] == "light" and "cpu_s_per_participant" in row
    ]
    cpu = max((row["cpu_s_per_participant"] for row in crowd), default=0)
    room = results.get("room_memory")
    room_text = (
        f"""
- **A room with every step open** (`room_memory` in bench/run.py): {room["participants"]} participants, one after
  another, each open every step and stay: {room["kernel_pss_mb_each"]:.0f} MiB PSS per kernel
  ({room["kernel_uss_mb_each"]:.0f} MiB private), the server {room["server_pss_mb"]:.0f} MiB. This is what each participant costs
  in a room that size; the row above, with two other kernels alive, is the figure for a nearly
  empty server."""
        if room
        else ""
    )
    split = results.get("memory_split", {})
    forked, full = split.get("forked", {}), split.get("plan", {})
    floor_text = (
        f"""
- **The memory floor** (`bench/memory.py`, the last table): one kernel forked from a warmed parent
  as the fork server makes them, every step opened in turn, its own pages read from
  /proc/self/smaps. Freshly forked it holds {forked.get("pss_mb", 0):.0f} MiB PSS, nearly all of it its share of
  the parent's pages; with every step opened {full.get("pss_mb", 0):.0f} MiB, of which {full.get("copied_mb", 0):.0f} MiB are pages
  copied from the parent and {full.get("new_mb", 0):.0f} MiB new. The copies are the price of running the code at
  all: CPython writes a reference count into every object it touches, so using pandas, ipywidgets
  or fpdf2 copies the pages their objects sit on (`gc.freeze()` only keeps the collector off them).
  The new memory is the kit's records and widgets, the comparison's frames and, on the plan, what
  building the PDF leaves (fpdf2 parses the fonts for each document; after each PDF the kit collects
  and trims the heap, `toolkit.printing.give_back_memory`: when it was added on 2026-12-02 it took
  this figure from about 82 to 75 MiB). So 60 MiB per participant is not reachable with
  CPython kernels that use these libraries: the bare page's kernel starts at about
  {forked.get("pss_mb", 0):.0f} MiB, and the copied pages alone add about {full.get("copied_mb", 0):.0f}."""
        if split
        else ""
    )
    return f"""
## A room on one Wi-Fi
- **Bytes on the wire** (`bench/wire.py`): one participant in headless Chromium, counted by the
  browser (DevTools `encodedDataLength`: headers and bodies as sent). "-uncompressed" is the same page
  served by plain Voila, without `toolkit/web.py` (no compression, no cache lifetimes, every JupyterLab
  extension): what every participant loaded before. The workshop app's first load: {before.get("bytes", 0) / 1e6:.2f} MB in
  {before.get("requests", 0)} requests before, {after.get("bytes", 0) / 1e6:.2f} MB in {after.get("requests", 0)} now; a reload {reload.get("bytes", 0) / 1e3:.0f} KB
  ({reload.get("from_cache", 0)} files from the browser's cache, {reload.get("not_modified", 0)} revalidated). The websocket column is the
  widget messages' text before deflate (the link below counts them as sent).
- **Steps opened in turn**: the workshop app, each step chosen in the navigation once (start, letters,
  comparison, alternatives, plan); the kernel's PSS after each, {last:.0f} MiB once every step was opened
  ({last_uss:.0f} MiB of it private).
  PSS divides each shared page between the processes sharing it (here the kernels alive on that server
  and their fork server), so it falls as a room fills; USS, the kernel's private pages alone, is the
  floor a participant costs however many share.{room_text}
- **Phones on one link** (`bench/link.py`, `bench/client.py`): that many participants open the page
  in the same second through one shared link of {mbit:g} Mbit/s on 127.0.0.1 (a proxy through which every
  byte of every connection takes its turn). Each does what a phone's browser does on a first load: the
  page, every static file Chromium loaded for it (at most six at a time), then the kernel websocket
  and every widget's state. Ready is when all of that arrived; "MB per phone" is what crossed the link.
  {largest} phones at once: the workshop app ready after {app.get("median", 0):.0f} s (p50; p95 {app.get("p95", app.get("max", 0)):.0f} s), against
  {bare.get("median", 0):.0f} s (p95 {bare.get("p95", bare.get("max", 0)):.0f} s) for the bare page served uncompressed.
- **CPU per participant**: the server's and the new kernels' CPU time (user and system) from the moment
  the crowd arrives until every page is ready, divided by the participants: up to {cpu:.2f} CPU-seconds for
  the workshop app in this run. On 2 cores that sets the pace: N participants need about N x that / 2 s.
  A crowd of N gets an idle timeout of at least N seconds: a kernel idle that long before its page
  connects is culled (seen at 100 at once with 10 s). The phones on one link use `make serve`'s 600 s.

## What issue 21 changed
- **Small pages** (`toolkit/web.py`): Voila added `tornado_settings` after building its tornado
  Application, so `compress_response` never took effect. An output transform now gzips HTML, JS, CSS
  and JSON, compresses each static file once (level 9) and replays the stored bytes to everyone after,
  gives versioned files (a content hash in the name, or `?v=`) a year's `immutable` lifetime, and the
  rest `no-cache` (a 304 after an ETag check, never a stale file after an upgrade). The kernel
  websocket is deflated; the syntax-colour extension the app never uses is not loaded. No brotli:
  Chromium's network code advertises it only "if transferred data is opaque to proxy", over HTTPS or
  to localhost (`net/url_request/url_request_http_job.cc`, in the copy of Chromium's source that was
  read; here it sent `gzip, deflate, br, zstd` to 127.0.0.1), so phones on a room's plain-HTTP Wi-Fi
  ask for gzip.
- **Forked kernels** (`toolkit/forkkernel.py`): a new kernel was a new Python importing ipykernel,
  IPython and ipywidgets again (about 0.35 of its 0.55 CPU-seconds) and loading its own pandas
  when a participant opened the comparison. Now one warmed parent per server imports them (and
  pandas, fpdf2) once, and each kernel is a fork of it: imports cost nothing, and those pages are
  shared by every kernel until written (`gc.freeze()` keeps the collector off them). PSS counts a
  shared page once in total, split between the processes that share it, so a kernel's PSS falls as
  the room grows. `--no-fork` goes back to a new Python per kernel.
- **Checked records once per machine** (`toolkit/data.py`): every kernel read and checked the 150
  YAML records again, 0.3 to 0.6 CPU-seconds per kernel, the largest part of a topic page's time
  over the bare page. The first kernel now writes what it checked as one JSON file in the kit's
  cache folder, keyed by a hash of the data, the schemas, the checking code and the day; the others
  read it in about 15 ms. Jinja's own bytecode cache does the same for compiled templates (about
  0.15 s for the comparison's 13).
- **Fewer widget models**: every HTML widget shares one style model, and the alternatives' tick
  boxes share one layout and one style (letters page 233 to 197 models, alternatives 238 to 161).{floor_text}
"""
