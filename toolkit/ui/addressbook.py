"""The room's address book, under the alternatives: share a new address (opt-in), take the list home.

Shown only where a room exists (`python -m toolkit serve`, `make hub`). The participant's entry
goes to the room's store only after they tick "share with the room" and press Share; Take back
removes it. The list comes home as a Mastodon follow-import CSV and a sheet of QR codes, made in
this kernel's memory (toolkit/room/addresses.py).
"""

from __future__ import annotations

import secrets
from typing import Any

import ipywidgets as ipw

from ..html import fragment
from ..i18n import t
from ..room import addresses
from ..room.client import RoomClient, RoomRefused, RoomUnreachable, client_from_env
from .base import StepView
from .common import FULL_WIDTH as WIDE
from .common import Html, data_uri


class AddressBookPanel(StepView):
    """Share my new address with the room (only when ticked); download the room's list."""

    def __init__(self, session: Any, client: RoomClient | None = None) -> None:
        super().__init__(session)
        self.add_class("kit-address-book")
        self.add_class("kit-stack")  # labels above their fields (kit.css)
        self.client = client or client_from_env()
        self._entry = secrets.token_urlsafe(12)  # this participant's entry, random
        self._shared = False
        self._heading = Html()
        self.kind = ipw.Dropdown(layout=WIDE, style={"description_width": "initial"})
        self.address = ipw.Text(layout=WIDE, style={"description_width": "initial"})
        self.name = ipw.Text(layout=WIDE, style={"description_width": "initial"})
        self.consent = ipw.Checkbox(value=False, indent=False, layout=WIDE)
        self.consent.add_class("kit-book-consent")
        self.share = ipw.Button(button_style="primary", layout=ipw.Layout(width="auto"))
        self.share.add_class("kit-book-share")
        self.unshare = ipw.Button(layout=ipw.Layout(width="auto"))
        self.unshare.add_class("kit-book-unshare")
        self.fetch = ipw.Button(layout=ipw.Layout(width="auto"))
        self.fetch.add_class("kit-book-fetch")
        self.downloads = Html()
        self.downloads.add_class("kit-book-downloads")
        self.on_click(self.share, self.do_share)
        self.on_click(self.unshare, self.do_unshare)
        self.on_click(self.fetch, self.do_fetch)
        buttons = ipw.HBox(
            [self.share, self.unshare, self.fetch], layout=ipw.Layout(flex_flow="row wrap")
        )
        self.children = [
            self._heading,
            self.kind,
            self.address,
            self.name,
            self.consent,
            buttons,
            self.messages,
            self.downloads,
        ]
        if self.client is None:  # no room here (JupyterLab, Binder): nothing to share with
            self.layout.display = "none"
        self.relabel()

    def _call(self, action: dict[str, str]) -> dict[str, Any] | None:
        lang = self.lang
        try:
            return self.client.call({**action, "entry": self._entry}) if self.client else None
        except RoomRefused as error:
            reason = str(error)
            key = reason if reason.startswith("room.book.") else "room.book.error.closed"
            self.messages.show(t(key, lang), "error")
        except RoomUnreachable:
            self.messages.show(t("room.book.error.unreachable", lang), "error")
        return None

    def do_share(self) -> None:
        """Share the address, only with the tick (the room keeps it until the workshop ends)."""
        lang = self.lang
        if not self.consent.value:
            self.messages.show(t("room.book.need_consent", lang), "error")
            return
        try:  # checked here first, so the message comes without a round trip
            entry = addresses.normalize(self.kind.value, self.address.value, self.name.value)
        except addresses.AddressError as error:
            self.messages.show(t(error.key, lang), "error")
            return
        answer = self._call({"op": "share", **vars(entry)})
        if answer is not None:
            self._shared = True
            self.messages.show(t("room.book.shared", lang, n=len(answer["entries"])), "ok")

    def do_unshare(self) -> None:
        """Take my entry out of the room's list."""
        answer = self._call({"op": "unshare"})
        if answer is not None:
            self._shared = False
            self.consent.value = False
            self.messages.show(t("room.book.unshared", self.lang), "ok")

    def do_fetch(self) -> None:
        """The room's list now, as a Mastodon follow-import CSV and a QR sheet."""
        lang = self.lang
        answer = self._call({"op": "addresses"})
        if answer is None:
            return
        entries = [addresses.Entry(**e) for e in answer["entries"]]
        if not entries:
            self.downloads.value = ""
            self.messages.show(t("room.book.empty", lang), "info")
            return
        self.messages.show(t("room.book.count", lang, n=len(entries)), "ok")
        files = [
            {
                "label": t("room.book.dl.sheet", lang),
                "filename": "room-addresses.html",
                "href": data_uri(
                    addresses.sheet_html(entries, lang).encode(), "text/html;charset=utf-8"
                ),
            }
        ]
        if any(e.kind == "fediverse" for e in entries):
            files.append(
                {
                    "label": t("room.book.dl.csv", lang),
                    "filename": "following_accounts.csv",
                    "href": data_uri(
                        addresses.follow_csv(entries).encode(), "text/csv;charset=utf-8"
                    ),
                }
            )
        self.downloads.value = fragment("move_downloads.html.j2", lang, files=files)

    def relabel(self) -> None:
        """Labels in the interface language; the entries stay."""
        lang = self.lang
        self._heading.value = fragment("book_intro.html.j2", lang)
        current = self.kind.value
        self.kind.options = [(t(f"room.book.kind.{k}", lang), k) for k in addresses.KINDS]
        self.kind.value = current if current in addresses.KINDS else addresses.KINDS[0]
        self.kind.description = t("room.book.field.kind", lang)
        self.address.description = t("room.book.field.address", lang)
        self.address.placeholder = t("room.book.field.address.placeholder", lang)
        self.name.description = t("room.book.field.name", lang)
        self.consent.description = t("room.book.consent", lang)
        self.share.description = t("room.book.share", lang)
        self.unshare.description = t("room.book.unshare", lang)
        self.fetch.description = t("room.book.fetch", lang)

    def reset(self) -> None:
        """Clear everything: the fields, the tick, and my entry in the room's list."""
        if self._shared:
            self._call({"op": "unshare"})
            self._shared = False
        self.address.value = ""
        self.name.value = ""
        self.consent.value = False
        self.downloads.value = ""
        self.messages.clear()
