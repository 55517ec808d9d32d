"""The room's web side: what participants' pages, kernels and the facilitator's view call.

Three doors, each with its own key:
- participants' pages call `<base>kit-room/api` with their own session (Voila's token cookie, or
  their JupyterHub server's login): hello (connected now), vote, done / need help;
- kernels call `<room>api/keyed` with the room key (KIT_ROOM_KEY, in their environment) to
  count what the room did; under `make hub` each participant's server passes its page's actions
  on through the same door (`RemoteBackend`), as the room then lives in a service of its own;
- the facilitator's view, `<room>facilitator`, asks for the facilitator key (never the
  participants'). The key travels in the address's fragment (`#key=...`), which browsers never
  send, so it reaches neither logs nor the projector once the page has swapped it for a cookie.
Bodies are JSON of at most 4 KB; what is refused gets a 400 with a short reason. Nothing here
logs a body.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from .client import KEY_HEADER
from .store import RoomError, RoomStore

MAX_BODY = 4096
COOKIE = "kit_facilitator"
FACILITATOR_HEADER = "X-Kit-Facilitator"
PARTICIPANT_OPS = frozenset({"hello", "vote", "signal"})
BROWSER_EVENTS = frozenset(
    {"plan"}
)  # counted in the page: a download is a click, not a kernel call
log = logging.getLogger("toolkit.room")


class RoomUnavailable(RuntimeError):
    """The room service did not answer (under `make hub`); the page says so and goes on."""


@dataclass(frozen=True)
class RoomKeys:
    """The two secrets: for kernels and servers (room), for the facilitator's view."""

    room: str
    facilitator: str

    def facilitator_cookie(self) -> str:
        return hmac.new(self.facilitator.encode(), b"kit-facilitator", hashlib.sha256).hexdigest()


class LocalBackend:
    """The store in this process (the Voila server, or the room service)."""

    def __init__(self, store: RoomStore) -> None:
        self.store = store

    async def apply(self, action: dict[str, Any]) -> dict[str, Any]:
        return self.store.apply(action)


class RemoteBackend:
    """The store in the room service, reached with the room key (participants' hub servers)."""

    def __init__(self, url: str, key: str) -> None:
        self.url = url.rstrip("/") + "/api/keyed"
        self.key = key

    async def apply(self, action: dict[str, Any]) -> dict[str, Any]:
        request = HTTPRequest(
            self.url,
            method="POST",
            body=json.dumps(action),
            headers={KEY_HEADER: self.key, "Content-Type": "application/json"},
            request_timeout=5,
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as error:
            if error.code == 400 and error.response is not None:
                raise RoomError(_error_text(error.response.body)) from None
            raise RoomUnavailable(f"room service: HTTP {error.code}") from None
        except OSError as error:
            raise RoomUnavailable(f"room service: {type(error).__name__}") from None
        return json.loads(response.body)


def _error_text(body: bytes) -> str:
    try:
        return str(json.loads(body).get("error", "refused"))
    except (ValueError, AttributeError):
        return "refused"


def read_action(handler: web.RequestHandler) -> dict[str, Any]:
    """The request's JSON object, or RoomError (too big, not JSON, not an object)."""
    body = handler.request.body or b""
    if len(body) > MAX_BODY:
        raise RoomError("request too large")
    try:
        action = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RoomError("request is not JSON") from None
    if not isinstance(action, dict):
        raise RoomError("an action is a JSON object")
    return action


class _JsonMixin:
    """Answer with JSON, refusals as 400 with the reason, nothing cached."""

    def reply(self, data: Any, status: int = 200) -> None:
        self.set_status(status)  # type: ignore[attr-defined]
        self.set_header("Content-Type", "application/json; charset=utf-8")  # type: ignore[attr-defined]
        self.set_header("Cache-Control", "no-store")  # type: ignore[attr-defined]
        self.finish(json.dumps(data))  # type: ignore[attr-defined]

    def refuse(self, error: Exception) -> None:
        self.reply({"error": str(error)}, status=400)


def room_texts(lang: str) -> dict[str, Any]:
    """What a participant's page needs to draw the room, in its language."""
    from ..i18n import normalize_lang
    from .content import agenda_in, quiz_in
    from .strings import participant_strings

    code = normalize_lang(lang)
    return {
        "strings": participant_strings(code),
        "quiz": quiz_in(code),
        "agenda": {a["id"]: a["label"] for a in agenda_in(code)},
    }


def participant_handler_class() -> type:
    """The participants' door, on Jupyter's own authenticated handler (built on first use)."""
    from jupyter_server.base.handlers import APIHandler

    class ParticipantHandler(_JsonMixin, APIHandler):
        """GET ?page=: hello (say "connected", get the room's state); GET ?texts=1&lang=: the
        texts, quiz and agenda in the page's language, asked only once a room is open. POST: a
        vote, a signal or a counted download."""

        def initialize(self, backend: Any) -> None:
            self.backend = backend

        @web.authenticated
        async def get(self) -> None:
            self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the page's POSTs carry back
            if self.get_argument("texts", ""):
                self.reply(room_texts(self.get_argument("lang", "en")))
                return
            try:
                self.reply(
                    await self.backend.apply({"op": "hello", "page": self.get_argument("page", "")})
                )
            except RoomError as error:
                self.refuse(error)
            except RoomUnavailable as error:
                log.warning("%s", error)
                self.reply({"active": False, "unavailable": True})

        @web.authenticated
        async def post(self) -> None:
            try:
                action = read_action(self)
                op = action.get("op")
                if op == "event" and action.get("event") in BROWSER_EVENTS:
                    action = {"op": "event", "event": action["event"]}  # no page id with counts
                elif op not in PARTICIPANT_OPS:
                    raise RoomError("unknown action")
                self.reply(await self.backend.apply(action))
            except RoomError as error:
                self.refuse(error)
            except RoomUnavailable as error:
                log.warning("%s", error)
                self.reply({"active": False, "unavailable": True})

    return ParticipantHandler


class KeyedHandler(_JsonMixin, web.RequestHandler):
    """Kernels' counts and (under the hub) participants' servers' actions, with the room key."""

    def initialize(self, store: RoomStore, keys: RoomKeys) -> None:
        self.store = store
        self.keys = keys

    def check_xsrf_cookie(self) -> None:  # a key in a header, not a cookie: no CSRF to fear
        return

    def post(self) -> None:
        given = self.request.headers.get(KEY_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.keys.room.encode()):
            raise web.HTTPError(403)
        try:
            self.reply(self.store.apply(read_action(self)))
        except RoomError as error:
            self.refuse(error)


class _FacilitatorBase(_JsonMixin, web.RequestHandler):
    def initialize(self, store: RoomStore, keys: RoomKeys, page: dict[str, Any]) -> None:
        self.store = store
        self.keys = keys
        self.page = page

    def set_default_headers(self) -> None:
        from ..server import CSP, REFERRER_POLICY

        self.set_header("Content-Security-Policy", CSP)
        self.set_header("Referrer-Policy", REFERRER_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")

    def check_xsrf_cookie(self) -> None:  # SameSite=Strict cookie plus a custom header (below)
        return

    def signed_in(self) -> bool:
        cookie = self.get_cookie(COOKIE, "")
        return hmac.compare_digest(cookie.encode(), self.keys.facilitator_cookie().encode())

    def require(self) -> None:
        if not self.signed_in():
            raise web.HTTPError(403)
        if self.request.method == "POST" and self.request.headers.get(FACILITATOR_HEADER) != "1":
            raise web.HTTPError(403)


class FacilitatorPage(_FacilitatorBase):
    """The facilitator's view (or, before the key, the page that asks for it)."""

    def get(self) -> None:
        from ..i18n import normalize_lang
        from .view import facilitator_html, key_page_html

        lang = normalize_lang(self.get_argument("lang", "en"))
        self.set_header("Cache-Control", "no-store")
        if not self.signed_in():
            self.finish(key_page_html(lang, self.page["prefix"]))
            return
        self.store.facilitate({"op": "open"})
        self.finish(facilitator_html(lang, **self.page))


class FacilitatorLogin(_FacilitatorBase):
    """POST {"key": ...}: the right key sets the facilitator's cookie."""

    def post(self) -> None:
        try:
            given = str(read_action(self).get("key", ""))
        except RoomError as error:
            self.refuse(error)
            return
        if not hmac.compare_digest(given.encode(), self.keys.facilitator.encode()):
            self.reply({"error": "wrong key"}, status=403)
            return
        self.set_cookie(
            COOKIE,
            self.keys.facilitator_cookie(),
            path=self.page["prefix"],
            httponly=True,
            samesite="Strict",
        )
        self.reply({"ok": True})


class FacilitatorApi(_FacilitatorBase):
    """GET: the room as the facilitator sees it. POST: time box, poll, quiz, reveal, wipe."""

    def get(self) -> None:
        self.require()
        if self.get_argument("all", "") == "1":  # "what the store holds", everything, as it is
            self.reply(self.store.snapshot())
            return
        self.reply(self.store.facilitate({"op": "state"}))

    def post(self) -> None:
        self.require()
        try:
            self.reply(self.store.facilitate(read_action(self)))
        except RoomError as error:
            self.refuse(error)


def room_handlers(
    prefix: str, store: RoomStore, keys: RoomKeys, join_url: str
) -> list[tuple[str, type, dict[str, Any]]]:
    """The keyed door and the facilitator's view under `prefix` (which ends with '/')."""
    page = {"prefix": prefix, "join_url": join_url}
    common = {"store": store, "keys": keys}
    return [
        (prefix + "api/keyed", KeyedHandler, common),
        (prefix + "facilitator", FacilitatorPage, {**common, "page": page}),
        (prefix + "facilitator/login", FacilitatorLogin, {**common, "page": page}),
        (prefix + "facilitator/api", FacilitatorApi, {**common, "page": page}),
    ]


def participant_handlers(prefix: str, backend: Any) -> list[tuple[str, type, dict[str, Any]]]:
    """The participants' door under `prefix` (their server's base URL + 'kit-room/')."""
    return [(prefix + "api", participant_handler_class(), {"backend": backend})]
