"""The room's address book: new addresses participants chose to share, to take home.

Only what a participant ticked "share with the room" for gets in, and only in the room's store
(in memory; gone when the workshop ends). Four kinds of address, each checked for its shape:
a Fediverse handle (user@server), a Matrix ID (@user:server), a Signal username (name.01) or
username link (https://signal.me/#eu/...), an e-mail address for Delta Chat. The list goes home as
a Mastodon follow-import CSV (the Fediverse handles) and a sheet with a QR code per address.

The CSV has the columns Mastodon's importer expects for follows: `Account address`, `Show boosts`,
`Notify on new posts`, `Languages` (mastodon/mastodon app/models/form/import.rb,
EXPECTED_HEADERS_BY_TYPE[:following], read at commit 0dbb2d2 on 2026-12-02; the importer strips a
leading "@" and reads the booleans case-insensitively).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

KINDS: tuple[str, ...] = ("fediverse", "matrix", "signal", "email")
NAME_MAX = 40
FOLLOW_HEADERS = ("Account address", "Show boosts", "Notify on new posts", "Languages")
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
_PATTERNS = {
    "fediverse": re.compile(rf"^@?(?P<user>[a-z0-9_]{{1,30}})@(?P<host>{_DOMAIN})$", re.I),
    # Matrix user IDs: @localpart:server, localpart of a-z 0-9 . _ = - / + (the spec's grammar)
    "matrix": re.compile(
        rf"^@(?P<user>[a-z0-9._=/+-]{{1,64}}):(?P<host>(?i:{_DOMAIN}))(?::\d{{1,5}})?$"
    ),
    # Signal usernames: a nickname of 3-32 characters, a dot and at least two digits
    "signal": re.compile(
        r"^(?:(?P<user>[a-z_][a-z0-9_]{2,31}\.\d{2,9})|(?P<link>https://signal\.me/#eu/[A-Za-z0-9_-]{10,200}))$",
        re.I,
    ),
    "email": re.compile(rf"^(?P<user>[A-Za-z0-9._%+-]{{1,64}})@(?P<host>{_DOMAIN})$", re.I),
}


class AddressError(ValueError):
    """An address that is not of its kind's shape; `key` names the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Entry:
    """One shared address: its kind, the address as written to others, an optional name."""

    kind: str
    address: str
    name: str = ""

    def link(self) -> str:
        """Where a QR code of this address leads (a profile or chat link), or '' for none."""
        if self.kind == "fediverse":
            user, host = self.address.split("@")
            return f"https://{host}/@{user}"
        if self.kind == "matrix":
            return f"https://matrix.to/#/{self.address}"
        if self.kind == "signal" and self.address.startswith("https://"):
            return self.address
        if self.kind == "email":
            return f"mailto:{self.address}"
        return ""


def normalize(kind: str, address: str, name: str = "") -> Entry:
    """The entry for `address` of `kind` in one written form, or AddressError."""
    if kind not in KINDS:
        raise AddressError("room.book.error.kind")
    text = "".join(str(address).split())  # spaces and line breaks never belong in an address
    match = _PATTERNS[kind].match(text)
    if not match or len(text) > 255:
        raise AddressError(f"room.book.error.{kind}")
    if kind == "fediverse":
        text = f"{match['user']}@{match['host'].lower()}"
    elif kind in ("matrix", "email"):
        text = text[: match.start("host")] + text[match.start("host") :].lower()
    clean_name = " ".join(str(name).split())
    if len(clean_name) > NAME_MAX or any(not ch.isprintable() for ch in clean_name):
        raise AddressError("room.book.error.name")
    return Entry(kind, text, clean_name)


def follow_csv(entries: list[Entry]) -> str:
    """The Fediverse handles as a CSV Mastodon imports as follows (Preferences > Import)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FOLLOW_HEADERS)
    for entry in entries:
        if entry.kind == "fediverse":
            writer.writerow([entry.address, "true", "false", ""])
    return out.getvalue()


def sheet_html(entries: list[Entry], lang: str) -> str:
    """A printable page: each address with its name and a QR code to scan at home."""
    from functools import partial

    from ..html import render
    from ..i18n import t
    from .view import qr_svg

    rows = [
        {
            "kind": t(f"room.book.kind.{e.kind}", lang),
            "address": e.address,
            "name": e.name,
            "qr": qr_svg(e.link()) if e.link() else "",
        }
        for e in entries
    ]
    return render("room/addresses.html.j2", lang=lang, t=partial(t, lang=lang), rows=rows)
