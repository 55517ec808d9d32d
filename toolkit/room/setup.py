"""Wiring the room into a server: the kit's Voila (`make serve`), a participant's server under
JupyterHub, and the room service (`make hub`). Keys and addresses come from the environment:

KIT_ROOM_KEY         the kernels' and servers' key to the store (made up when missing)
KIT_FACILITATOR_KEY  the facilitator's key (made up and printed when missing)
KIT_JOIN_URL         the participants' address shown on the join page
KIT_ROOM_URL         where kernels (and hub servers) reach the store; set here for kernels
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from .handlers import LocalBackend, RemoteBackend, RoomKeys, participant_handlers, room_handlers

ROOM_PATH = "kit-room/"


def keys_from_env(env: dict[str, str] | None = None) -> tuple[RoomKeys, bool]:
    """The room's keys, and whether the facilitator's key was made up here (then print it)."""
    env = os.environ if env is None else env
    made = not env.get("KIT_FACILITATOR_KEY")
    keys = RoomKeys(
        room=env.get("KIT_ROOM_KEY") or secrets.token_urlsafe(24),
        facilitator=env.get("KIT_FACILITATOR_KEY") or secrets.token_urlsafe(18),
    )
    return keys, made


def facilitator_url(base: str, key: str, lang: str = "en") -> str:
    """The facilitator's address: `base` is the room's URL (ending in '/'); the key is a fragment."""
    return f"{base}facilitator?lang={lang}#key={key}"


def standalone_handlers(app: Any) -> tuple[list, str, bool]:
    """The room's handlers for the kit's Voila `app`, the facilitator's URL, and whether its key
    was made up here (then the caller prints the URL: no `python -m toolkit serve` did).

    The store is an object in this server's memory; kernels reach it over loopback.
    """
    from ..server import is_loopback, participant_url
    from .content import new_store

    keys, made = keys_from_env()
    base_url = app.base_url if app.base_url.endswith("/") else app.base_url + "/"
    prefix = base_url + ROOM_PATH
    token = getattr(app, "token", "") or None
    join = os.environ.get("KIT_JOIN_URL") or participant_url(app.ip, app.port, token)
    store = new_store()
    handlers = room_handlers(prefix, store, keys, join) + participant_handlers(
        prefix, LocalBackend(store)
    )
    local = app.ip if is_loopback(app.ip) and ":" not in app.ip else "127.0.0.1"
    os.environ["KIT_ROOM_URL"] = f"http://{local}:{app.port}{prefix}"  # kernels inherit it
    os.environ["KIT_ROOM_KEY"] = keys.room
    os.environ["KIT_FACILITATOR_KEY"] = keys.facilitator
    shown = participant_url(app.ip, app.port, None).split("?")[0].rstrip("/")
    return handlers, facilitator_url(f"{shown}{prefix}", keys.facilitator), made


def install_in_server(web_app: Any, base_url: str) -> bool:
    """A participant's server under JupyterHub: its page's room actions go to the room service."""
    url, key = os.environ.get("KIT_ROOM_URL", ""), os.environ.get("KIT_ROOM_KEY", "")
    if not url or not key:
        return False
    base = base_url if base_url.endswith("/") else base_url + "/"
    web_app.add_handlers(".*$", participant_handlers(base + ROOM_PATH, RemoteBackend(url, key)))
    return True
