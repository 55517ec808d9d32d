"""Compressed responses and cache lifetimes (toolkit/web.py) on a real tornado server."""

from __future__ import annotations

import asyncio
import gzip
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
import tornado.web

from toolkit import web
from tools.harness import free_port

SCRIPT = ("export const answer = 42; // " + "widgets " * 400 + "\n") * 20  # about 64 KB
HASHED = "84.09c61a35dce1705f.js"


class Page(tornado.web.RequestHandler):
    """A dynamic page written in two flushed parts, as Voila streams its HTML."""

    async def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write("<html><head>" + "<!-- head -->" * 200)
        await self.flush()
        self.write("</head><body>" + "<p>cell</p>" * 200 + "</body></html>")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A tornado app with a static folder and a page, `web.install`ed, in a thread of its own."""
    folder: Path = tmp_path_factory.mktemp("static")
    (folder / "voila.js").write_text(SCRIPT)
    (folder / HASHED).write_text(SCRIPT)
    (folder / "font.woff2").write_bytes(bytes(range(256)) * 40)
    (folder / "tiny.js").write_text("let a = 1;")
    port = free_port()
    started: Future = Future()
    stop: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    def run() -> None:
        async def main() -> None:
            app = tornado.web.Application(
                [
                    (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": str(folder)}),
                    (r"/", Page),
                ]
            )
            web.install(app)
            app.listen(port, "127.0.0.1")
            stop.append((asyncio.get_running_loop(), asyncio.Event()))
            started.set_result(True)
            await stop[0][1].wait()

        asyncio.run(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.result(timeout=10)
    yield f"http://127.0.0.1:{port}"
    loop, done = stop[0]
    loop.call_soon_threadsafe(done.set)
    thread.join(timeout=10)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_scripts_are_gzipped_for_browsers_that_accept_it(server):
    status, headers, body = fetch(server + "/static/voila.js", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body).decode() == SCRIPT
    _, again, body = fetch(server + "/static/voila.js", **{"Accept-Encoding": "gzip"})
    assert int(again["Content-Length"]) == len(body)  # stored: its length is known at once
    assert gzip.decompress(body).decode() == SCRIPT
    # a client that does not accept gzip gets the file as it is
    status, headers, body = fetch(server + "/static/voila.js", **{"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in headers
    assert body.decode() == SCRIPT


def test_later_participants_get_the_same_stored_bytes(server):
    first = fetch(server + "/static/" + HASHED, **{"Accept-Encoding": "gzip, deflate"})[2]
    again = fetch(server + "/static/" + HASHED, **{"Accept-Encoding": "gzip, deflate"})[2]
    assert again == first
    assert gzip.decompress(again).decode() == SCRIPT
    key = next(key for key in web.COMPRESSED._items if key[0] == "/static/" + HASHED)
    assert web.COMPRESSED.get(key) == first


def test_versioned_files_are_cached_for_a_year_others_revalidate(server):
    _, hashed, _ = fetch(server + "/static/" + HASHED)
    assert hashed["Cache-Control"] == "public, max-age=31536000, immutable"
    _, query, _ = fetch(server + "/static/voila.js?v=abc123")
    assert query["Cache-Control"] == "public, max-age=31536000, immutable"
    _, plain, _ = fetch(server + "/static/voila.js")
    assert plain["Cache-Control"] == "no-cache"
    assert "Expires" not in plain
    # revalidation is a 304 with no body
    status, headers, body = fetch(server + "/static/voila.js", **{"If-None-Match": plain["Etag"]})
    assert (status, body) == (304, b"")
    assert headers["Cache-Control"] == "no-cache"


def test_what_gzip_does_not_shrink_is_sent_as_it_is(server):
    _, font, body = fetch(server + "/static/font.woff2", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in font and len(body) == 256 * 40
    _, tiny, body = fetch(server + "/static/tiny.js", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in tiny and body == b"let a = 1;"
    # a range request gets the bytes it asked for, uncompressed
    status, ranged, body = fetch(
        server + "/static/voila.js", **{"Accept-Encoding": "gzip", "Range": "bytes=0-5"}
    )
    assert (status, body, "Content-Encoding" in ranged) == (206, b"export", False)


def test_streamed_pages_are_gzipped_and_not_marked_cacheable(server):
    status, headers, body = fetch(server + "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode().endswith("</body></html>")
    assert "Cache-Control" not in headers


@pytest.mark.parametrize(
    ("path", "query", "versioned"),
    [
        ("/voila/labextensions/x/static/remoteEntry.c8c9eed2cdefdeac.js", "", True),
        ("/voila/templates/privacykit/static/9834b82ad26e2a37583d.woff2", "", True),
        ("/voila/templates/privacykit/static/index.css", "v=ee8de0", True),
        ("/voila/static/7155.voila.js", "", False),
        ("/voila/static/voila.js", "x=1", False),
        ("/voila/static/deadbeef.js", "", False),  # too short to be a content hash
    ],
)
def test_is_versioned(path, query, versioned):
    assert web.is_versioned(path, query) is versioned


def test_stored_bytes_stay_within_their_limit():
    store = web._CompressedStatic(limit=10)
    store.put(("a", "1"), b"x" * 6)
    store.put(("b", "1"), b"y" * 6)  # pushes out the least recently used
    assert store.get(("a", "1")) is None and store.get(("b", "1")) == b"y" * 6
    store.put(("c", "1"), b"z" * 11)  # larger than the whole limit: not kept
    assert store.get(("c", "1")) is None and store.size == 6


def test_the_server_raises_its_open_files_limit():
    """Under the usual soft limit of 1024, 100 participants at once ran out of file descriptors."""
    import subprocess
    import sys

    probe = "from toolkit.web import raise_open_files_limit as r; print(r())"
    result = subprocess.run(
        ["bash", "-c", f'ulimit -S -n 1024 && "{sys.executable}" -c "{probe}" && ulimit -H -n'],
        capture_output=True,
        text=True,
        check=True,
    )
    raised, hard = result.stdout.split()
    expected = 65536 if hard == "unlimited" else min(65536, int(hard))
    assert int(raised) == max(expected, 1024)
