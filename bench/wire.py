"""Bytes on the wire for one participant, as Chromium counts them (DevTools protocol).

A first load in a fresh browser context, then a reload of the same tab (the browser's cache
warm), then a second visit in the same context (a participant opening the link again). Each
counts requests, bytes received over the network for them (headers and bodies as sent,
compressed or not: `Network.loadingFinished.encodedDataLength`), requests answered from the
browser's cache without asking the server, and the kernel websocket's message bytes.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

SMALL = 1024  # bytes: below this a response is not compressed (tornado's MIN_LENGTH)
READY = ".widget-button:not([disabled]) >> visible=true"  # the first one may be hidden (compare: "object to this service" until a service is picked)


class _Recorder:
    """Requests and websocket frames of one page, from the DevTools protocol."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.ws_bytes = 0

    def attach(self, cdp: Any) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def reset(self) -> None:
        self.rows = {}
        self.ws_bytes = 0

    def _row(self, event: dict) -> dict[str, Any]:
        return self.rows.setdefault(event["requestId"], {"bytes": 0, "cached": False})

    def _sent(self, event: dict) -> None:
        self._row(event)["url"] = event["request"]["url"]

    def _response(self, event: dict) -> None:
        response = event["response"]
        headers = {k.lower(): v for k, v in response["headers"].items()}
        row = self._row(event)
        row.update(
            status=response["status"],
            mime=response.get("mimeType", ""),
            encoding=headers.get("content-encoding", ""),
            cache_control=headers.get("cache-control", ""),
            length=int(headers.get("content-length") or 0),  # 0: sent in chunks (large)
        )
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            row["cached"] = True

    def _finished(self, event: dict) -> None:
        self._row(event)["bytes"] = int(event.get("encodedDataLength", 0))

    def _cached(self, event: dict) -> None:
        self._row(event)["cached"] = True

    def _frame(self, event: dict) -> None:
        self.ws_bytes += len(event["response"].get("payloadData", ""))

    def assets(self, page_url: str) -> list[str]:
        """The static files the page loaded from its server: paths with their queries."""
        found = []
        for row in self.rows.values():
            url = row.get("url", "")
            if url.startswith(page_url.rstrip("/") + "/voila/") and row.get("status") == 200:
                found.append(url[len(page_url.rstrip("/")) :])
        return found

    def summary(self) -> dict[str, Any]:
        rows = [row for row in self.rows.values() if "status" in row]
        from_network = [row for row in rows if not row["cached"]]
        # Scripts worth compressing: under 1 KB (tornado's GZipContentEncoding.MIN_LENGTH) gzip
        # saves nothing, and the server sends them as they are (4 of Voila's, 169-590 bytes).
        scripts = [
            row
            for row in from_network
            if row.get("status") == 200
            and "javascript" in row.get("mime", "")
            and not (row.get("encoding") != "gzip" and 0 < row.get("length", 0) < SMALL)
        ]
        return {
            "requests": len(rows),
            "from_network": len(from_network),
            "from_cache": len(rows) - len(from_network),
            "bytes": sum(row["bytes"] for row in rows),
            "not_modified": sum(1 for row in from_network if row.get("status") == 304),
            "scripts_gzip": sum(1 for row in scripts if row.get("encoding") == "gzip"),
            "scripts": len(scripts),
            "encodings": dict(Counter(row.get("encoding") or "none" for row in from_network)),
            "websocket_bytes": self.ws_bytes,
        }


async def page_weight(browser: Any, url: str, ready: str = READY, timeout_ms: int = 180_000):
    """First load, reload and second visit of `url`: requests and bytes of each.

    Also "assets": the static files of the first load, for bench/client.py's room of phones.
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        recorder = _Recorder()
        recorder.attach(cdp)
        found = {}
        for step in ("first", "reload", "revisit"):
            recorder.reset()
            if step == "reload":
                await page.reload(timeout=timeout_ms)
            else:
                await page.goto(url, timeout=timeout_ms)
            await page.wait_for_selector(ready, state="visible", timeout=timeout_ms)
            await asyncio.sleep(0.5)  # the last responses' loadingFinished events
            found[step] = recorder.summary()
            if step == "first":
                found["assets"] = recorder.assets(url)
        return found
    finally:
        await context.close()
