"""Small pages for a room on one Wi-Fi: compressed responses and cache lifetimes for static files.

Voila serves its ~95 static files (about 5 MB per participant's first page load) uncompressed,
and marks them `no-cache` or not at all, so every participant moves 5 MB over the shared link
and every reload asks again for each file. Tornado's `compress_response` setting does not help
standalone Voila: Voila adds `tornado_settings` after its Application is built, when tornado has
already chosen its output transforms.

`CompressAndCache` is a tornado output transform that
- gzips HTML, JS, CSS, JSON, SVG and text when the browser accepts gzip;
- compresses each static file once (at the highest level) and replays the stored bytes to
  every later participant, so a room of 100 does not cost 100 compressions of 5 MB;
- gives static files whose URL is versioned (a content hash in the file name, or a `?v=`
  query) a lifetime of a year (`immutable`), and every other static file `no-cache`, so the
  browser revalidates it with its ETag (a 304 of a few hundred bytes) and never runs a stale
  copy after an upgrade.

`install(app)` puts it in front of a tornado Application's transforms. `KitVoila` is Voila with
it installed (`python -m toolkit.web`, what `toolkit.server.voila_command` runs), and
`_load_jupyter_server_extension` installs it in a Jupyter Server (participants' servers under
JupyterHub, `toolkit.server.singleuser_config`).
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from typing import Any

from tornado import httputil
from tornado.web import Application, GZipContentEncoding

YEAR_S = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR_S}, immutable"
REVALIDATE = "no-cache"
# A content hash in a file name: 84.09c61a35dce1705f.js, remoteEntry.c8c9eed2cdefdeac.js,
# 9834b82ad26e2a37583d.woff2 (webpack's names in Voila's and the widgets' bundles).
HASHED_NAME = re.compile(r"(?:^|[./-])[0-9a-f]{16,}\.[A-Za-z0-9]+$")
VERSION_QUERY = re.compile(r"(?:^|&)v=[^&]+")
CACHE_LIMIT_BYTES = 64 * 1024 * 1024  # compressed static files kept in memory, at most


def is_versioned(path: str, query: str) -> bool:
    """True when a static URL names one version of its file (hash in the name or `?v=`)."""
    name = path.rsplit("/", 1)[-1]
    return bool(HASHED_NAME.search(name) or VERSION_QUERY.search(query))


class _CompressedStatic:
    """Gzipped static files by (URL path, ETag), least recently used dropped past the limit."""

    def __init__(self, limit: int = CACHE_LIMIT_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    def get(self, key: tuple[str, str]) -> bytes | None:
        body = self._items.get(key)
        if body is not None:
            self._items.move_to_end(key)
        return body

    def put(self, key: tuple[str, str], body: bytes) -> None:
        if key in self._items or len(body) > self.limit:
            return
        self._items[key] = body
        self.size += len(body)
        while self.size > self.limit:
            _, dropped = self._items.popitem(last=False)
            self.size -= len(dropped)


COMPRESSED = _CompressedStatic()


class CompressAndCache(GZipContentEncoding):
    """Gzip what is worth it, once per static file, and set static files' cache lifetimes.

    A static file is a response of tornado's StaticFileHandler (or a subclass: Voila's and
    Jupyter Server's): the only handler that sets `Accept-Ranges: bytes`.
    """

    STATIC_LEVEL = 9  # once per file, so the smallest result is worth its time

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self._path = request.path
        self._query = request.query
        self._get = request.method == "GET"
        self._mode = "tornado"  # or "replay" (stored bytes) or "store" (compress, then keep)
        self._key: tuple[str, str] | None = None

    def transform_first_chunk(
        self,
        status_code: int,
        headers: httputil.HTTPHeaders,
        chunk: bytes,
        finishing: bool,
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        static = headers.get("Accept-Ranges") == "bytes"
        if not static:
            return super().transform_first_chunk(status_code, headers, chunk, finishing)
        if is_versioned(self._path, self._query):
            headers["Cache-Control"] = IMMUTABLE
        else:
            headers["Cache-Control"] = REVALIDATE
            headers.pop("Expires", None)
        # Jupyter Server's FileFindHandler (JupyterLab extensions) sends no ETag: then the
        # file's modification time and size tell one version from another.
        etag = headers.get("Etag") or (
            f"{headers.get('Last-Modified', '')}/{headers.get('Content-Length', '')}"
        )
        ctype = str(headers.get("Content-Type", "")).split(";")[0]
        size = int(headers.get("Content-Length", self.MIN_LENGTH))  # the file's whole size
        if (
            status_code != 200  # a 304, or a range (206) whose bytes must stay as they are
            or not self._get
            or etag == "/"
            or "Content-Encoding" in headers
            or not self._gzipping
            or not self._compressible_type(ctype)
            or size < self.MIN_LENGTH
        ):
            self._gzipping = False  # tornado's own would gzip a file sent in several chunks
            return super().transform_first_chunk(status_code, headers, chunk, finishing)
        headers["Vary"] = "Accept-Encoding"
        self._key = (self._path, etag)
        stored = COMPRESSED.get(self._key)
        if stored is not None:
            self._mode = "replay"
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(stored))
            return status_code, headers, stored
        self._mode = "store"
        self._compressor = zlib.compressobj(self.STATIC_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        self._parts: list[bytes] = []
        headers["Content-Encoding"] = "gzip"
        out = self.transform_chunk(chunk, finishing)
        if finishing:
            headers["Content-Length"] = str(len(out))
        else:
            headers.pop("Content-Length", None)
        return status_code, headers, out

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._mode == "replay":
            return b""
        if self._mode == "store":
            out = self._compressor.compress(chunk)
            if finishing:
                out += self._compressor.flush()
            self._parts.append(out)
            if finishing and self._key is not None:
                COMPRESSED.put(self._key, b"".join(self._parts))
                self._parts = []
            return out
        return super().transform_chunk(chunk, finishing)


def install(app: Application) -> None:
    """Put `CompressAndCache` first among `app`'s output transforms (once)."""
    transforms: list[Any] = app.transforms
    transforms[:] = [t for t in transforms if t not in (GZipContentEncoding, CompressAndCache)]
    transforms.insert(0, CompressAndCache)


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Jupyter Server extension hook: compress and cache in a participant's server, and pass
    its page's room actions on to the room service when there is one (`make hub`)."""
    install(serverapp.web_app)
    from .room.setup import install_in_server

    install_in_server(serverapp.web_app, serverapp.base_url)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "toolkit.web"}]


def _voila_class() -> type:
    from voila.app import Voila

    class KitVoila(Voila):
        """Voila whose responses are compressed and whose static files carry cache lifetimes."""

        def init_handlers(self) -> list:
            # The room (toolkit/room/) first: Voila's own handlers would answer its paths.
            from .room.setup import standalone_handlers

            handlers, url, made = standalone_handlers(self)
            if made:  # else `python -m toolkit serve` printed it already
                print(f"Facilitator: {url}", flush=True)
            return handlers + super().init_handlers()

        def listen(self) -> None:
            install(self.app)
            super().listen()

    return KitVoila


def raise_open_files_limit(wanted: int = 65536) -> int:
    """Raise this process's soft limit of open files towards its hard limit; return the new one.

    Each participant holds several connections (the page's files, six at a time, and the kernel
    websocket) and each kernel several sockets to the server: with the usual soft limit of 1024,
    54 of 100 participants opening the app at once got "Too many open files" (HTTP 500).
    Kernels forked or started by this process inherit the limit.
    """
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def use_kit_login_page() -> None:
    """Serve the kit's login page (templates/jupyter/server/login.html: the "door").

    Voila 0.5 renders Jupyter Server's login page from jupyter_server's template folder
    (`DEFAULT_TEMPLATE_PATH_LIST`) and has no setting for another one; putting the kit's folder
    first in that same list before Voila starts makes a participant who opened the address
    without the access code see how to join, in their language and English, instead of Jupyter's page.
    """
    import jupyter_server

    from .paths import TEMPLATES

    path = str(TEMPLATES / "jupyter" / "server")
    if path not in jupyter_server.DEFAULT_TEMPLATE_PATH_LIST:
        jupyter_server.DEFAULT_TEMPLATE_PATH_LIST.insert(0, path)


def main() -> None:
    """Run Voila with `CompressAndCache` and the kit's login page (options as for `voila`)."""
    raise_open_files_limit()
    use_kit_login_page()
    _voila_class().launch_instance()


if __name__ == "__main__":
    main()
