"""A light participant: HTTP plus a kernel websocket, doing what the browser does to show the app.

The browser (1) GETs the page, for which Voila starts a kernel and runs the notebook, then
(2) opens the kernel's websocket and (3) asks the widget manager for every widget's state
(`request_states` on the `jupyter.widget.control` comm) to draw them. Timing that sequence
measures the server without the cost of rendering in a browser on the same machine.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from datetime import UTC, datetime

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


def _message(
    msg_type: str, content: dict, session: str, channel: str = "shell", metadata: dict | None = None
) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "bench",
                "date": datetime.now(UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
    )


async def participant(url: str, timeout: float = 180.0) -> tuple[float, int, object]:
    """Open the app like a browser; return (seconds to widget states, number of widgets, ws)."""
    start = time.perf_counter()
    client = AsyncHTTPClient(max_clients=200)
    response = await client.fetch(
        HTTPRequest(url, request_timeout=timeout, connect_timeout=timeout)
    )
    html = response.body.decode("utf-8", "replace")
    match = KERNEL_ID.search(html)
    if not match:
        raise RuntimeError("no kernel id in the page")
    ws_url = channels_url(url, match.group(1))
    count, ws = await widget_states(ws_url, {}, timeout - (time.perf_counter() - start))
    return time.perf_counter() - start, count, ws


def channels_url(server_url: str, kernel_id: str) -> str:
    """The websocket address of a kernel's channels on the Jupyter server at `server_url`."""
    base = server_url.replace("http://", "ws://", 1).rstrip("/")
    return f"{base}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"


async def widget_states(
    ws_url: str, headers: dict[str, str], timeout: float, deflate: bool = False
) -> tuple[int, object]:
    """Open a kernel's websocket and get every widget's state; return (widgets, ws).

    `deflate`: offer permessage-deflate, as browsers do.
    """
    ws = await websocket_connect(
        HTTPRequest(ws_url, headers=headers, request_timeout=timeout, connect_timeout=timeout),
        compression_options={} if deflate else None,
    )
    session = uuid.uuid4().hex
    comm_id = uuid.uuid4().hex
    ws.write_message(_message("kernel_info_request", {}, session))
    ws.write_message(
        _message(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            session,
            metadata={"version": "1.0.0"},  # the widget control protocol (ipywidgets 8)
        )
    )
    ws.write_message(
        _message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, session)
    )
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        raw = await ws.read_message()
        if raw is None:
            raise RuntimeError("websocket closed")
        if isinstance(raw, bytes):
            continue  # binary frames carry widget buffers
        msg = json.loads(raw)
        content = msg.get("content", {})
        if msg.get("msg_type") == "comm_msg" and content.get("comm_id") == comm_id:
            return len(content.get("data", {}).get("states", {})), ws
    raise TimeoutError("no widget states")


async def participant_on_wifi(
    url: str, assets: list[str], timeout: float = 400.0, connections: int = 6
) -> tuple[float, int]:
    """Open the app as a phone does, every file included; return (seconds to ready, widgets).

    What a browser does on a first load over HTTP/1.1: GET the page; as soon as its head
    arrives, fetch the page's static files (`assets`: paths recorded from a real Chromium load
    of the same server), at most `connections` at a time; then open the kernel websocket
    (deflated, as Chromium asks) and get every widget's state. Bodies are not decompressed,
    so that the bench's own CPU goes to moving bytes, as a phone's would.
    """
    start = time.perf_counter()
    base = url.rstrip("/")
    headers = {"Accept-Encoding": "gzip, deflate"}  # what Chromium asks over plain HTTP
    client = AsyncHTTPClient(force_instance=True, max_clients=connections)
    head_seen = asyncio.Event()
    chunks: list[bytes] = []

    def keep(chunk: bytes) -> None:
        head_seen.set()
        chunks.append(chunk)

    async def files() -> None:
        await head_seen.wait()
        await asyncio.gather(
            *(
                client.fetch(
                    HTTPRequest(
                        base + path,
                        headers=headers,
                        decompress_response=False,
                        request_timeout=timeout,
                        connect_timeout=timeout,
                    )
                )
                for path in assets
            )
        )

    page_client = AsyncHTTPClient(force_instance=True)
    loading = asyncio.ensure_future(files())
    try:
        await page_client.fetch(
            HTTPRequest(
                url,
                streaming_callback=keep,  # gzipped on the link, read here for the kernel id
                request_timeout=timeout,
                connect_timeout=timeout,
            )
        )
        html = b"".join(chunks).decode("utf-8", "replace")
        match = KERNEL_ID.search(html)
        if not match:
            raise RuntimeError("no kernel id in the page")
        await loading
        left = timeout - (time.perf_counter() - start)
        count, ws = await widget_states(channels_url(url, match.group(1)), {}, left, deflate=True)
        ws.close()
        return time.perf_counter() - start, count
    finally:
        loading.cancel()
        client.close()
        page_client.close()
