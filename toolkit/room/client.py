"""A participant's kernel tells the room what was done: counts only, each once, in the background.

`watch(session)` observes the session (letters made, answers read, alternatives chosen) and
sends each (event, labels) once per participant to the room's keyed door (KIT_ROOM_URL, with
KIT_ROOM_KEY), which `python -m toolkit serve` and `make hub` put in the kernels' environment.
Labels are ids (service, letter kind, alternative), never anything typed. Without KIT_ROOM_URL
(JupyterLab, Binder) nothing is sent. A room that does not answer costs the participant nothing:
the sending runs in one background thread with a short timeout, and failures are dropped.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from typing import Any

KEY_HEADER = "X-Kit-Room-Key"  # the keyed door (toolkit.room.handlers imports it from here)
TIMEOUT_S = 3


class RoomUnreachable(RuntimeError):
    """The room did not answer (server gone, or no room here)."""


class RoomRefused(ValueError):
    """The room refused the request; the message is its reason (a catalogue key or a phrase)."""


class RoomClient:
    """Sends count events to the room, each (event, labels) at most once."""

    def __init__(self, url: str, key: str) -> None:
        self.url = url.rstrip("/") + "/api/keyed"
        self.key = key
        self.sent: set[tuple[str, ...]] = set()
        self._queue: queue.Queue[dict[str, str]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def count(self, event: str, **labels: str) -> None:
        """Count `event` with `labels` for this participant, unless already counted."""
        key = (event, *(f"{k}={v}" for k, v in sorted(labels.items())))
        if key in self.sent:
            return
        self.sent.add(key)
        self._enqueue({"op": "event", "event": event, **labels})

    def _enqueue(self, action: dict[str, str]) -> None:
        self._queue.put(action)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kit-room", daemon=True)
            self._thread.start()

    def _request(self, action: dict[str, str]):  # -> urllib.request.Request
        import urllib.request  # here, not at import: 50 ms a kernel's start need not pay

        return urllib.request.Request(  # noqa: S310 - the kit's own server, http(s) only
            self.url,
            data=json.dumps(action).encode(),
            headers={KEY_HEADER: self.key, "Content-Type": "application/json"},
            method="POST",
        )

    def _run(self) -> None:
        import urllib.request  # here, in the background: 50 ms not paid at a kernel's start

        while True:
            action = self._queue.get()
            request = self._request(action)
            try:
                urllib.request.urlopen(request, timeout=TIMEOUT_S).close()  # noqa: S310
            except OSError:
                pass  # the room is optional: a participant's work never waits for it
            self._queue.task_done()

    def call(self, action: dict[str, str]) -> dict[str, Any]:
        """Ask the room now and wait for its answer (the address book: a participant's click).

        Raises RoomUnreachable when the room does not answer, RoomRefused with the reason's key
        when it refuses.
        """
        import urllib.error
        import urllib.request

        request = self._request(action)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code == 400:
                raise RoomRefused(json.loads(error.read() or b"{}").get("error", "")) from None
            raise RoomUnreachable(str(error.code)) from None
        except (OSError, ValueError) as error:
            raise RoomUnreachable(type(error).__name__) from None

    def flush(self, timeout: float = 5) -> None:
        """Wait until everything queued was tried (tests)."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True).start()
        done.wait(timeout)


def client_from_env(env: dict[str, str] | None = None) -> RoomClient | None:
    """The room client for this kernel, or None when no room is configured."""
    env = os.environ if env is None else env
    url, key = env.get("KIT_ROOM_URL", ""), env.get("KIT_ROOM_KEY", "")
    if not url.startswith(("http://", "https://")) or not key:
        return None
    return RoomClient(url, key)


def watch(session: Any, client: RoomClient | None = None) -> RoomClient | None:
    """Count what this session does in the room (letters, answers read, alternatives)."""
    client = client or client_from_env()
    if client is None:
        return None

    def on_letters(change: dict) -> None:
        for entry in change["new"]:
            client.count("letter", service=entry["service"], kind=entry["kind"])

    def on_answered(change: dict) -> None:
        for service in change["new"]:
            client.count("answer", service=service)

    def on_alternatives(change: dict) -> None:
        for alternative in change["new"]:
            client.count("alternative", alternative=alternative)

    session.observe(on_letters, "letters")
    session.observe(on_answered, "answered")
    session.observe(on_alternatives, "alternatives")
    return client
