"""One shared Wi-Fi on loopback: a TCP proxy whose connections all share one link's bandwidth.

A room's phones share one radio channel: while one device receives, the others wait. The proxy
forwards every connection it accepts on 127.0.0.1 to the server, and every chunk, in either
direction and of every connection, must first get its turn on one link of `mbit_s`: the link
is busy for the chunk's bits divided by the bandwidth, and chunks take their turns in the order
they arrive (so each connection gets its share, as on a busy channel). Latency and radio losses
are not modelled. Bounded: loopback only, at most `max_connections` at once, chunks of 16 KiB.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

CHUNK = 16 * 1024


class SharedLink:
    """A bandwidth-limited TCP proxy in front of 127.0.0.1:`upstream_port`."""

    def __init__(self, upstream_port: int, mbit_s: float, max_connections: int = 1500) -> None:
        self.upstream_port = upstream_port
        self.bytes_per_s = mbit_s * 1_000_000 / 8
        self.mbit_s = mbit_s
        self.max_connections = max_connections
        self.port = 0
        self.bytes_down = 0  # server to clients
        self.bytes_up = 0
        self._free_at = 0.0  # when the link has sent everything given to it so far
        self._open = 0
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    async def start(self) -> SharedLink:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)

    async def _turn(self, size: int) -> None:
        """Wait until `size` bytes have crossed the shared link."""
        now = time.monotonic()
        start = max(now, self._free_at)
        self._free_at = start + size / self.bytes_per_s
        await asyncio.sleep(self._free_at - now)

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, down: bool
    ) -> None:
        try:
            while chunk := await reader.read(CHUNK):
                await self._turn(len(chunk))
                if down:
                    self.bytes_down += len(chunk)
                else:
                    self.bytes_up += len(chunk)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter):
        if self._open >= self.max_connections:
            client_w.close()
            return
        self._open += 1
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            self._open -= 1
            client_w.close()
            return
        try:
            await asyncio.gather(
                self._pipe(client_r, server_w, down=False),
                self._pipe(server_r, client_w, down=True),
            )
        finally:
            self._open -= 1
