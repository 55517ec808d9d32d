"""Moving a group: dated messages to copy, calendar dates and a QR poster for the invite.

The model is `toolkit.alternatives.messages.plan_group_move`; this panel collects the group,
the switch day and the invite link, and shows each message with a copy button. It sits under
the alternatives step, which tells it the platform and the services being left.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import ipywidgets as ipw

from ..alternatives.messages import GROUP_KINDS, MessageError, plan_group_move
from ..html import bit, fragment
from ..i18n import t
from ..letters.model import format_date
from .base import StepView
from .common import FULL_WIDTH as WIDE
from .common import Html, data_uri
from .copy import CopyButton


class GroupMovePanel(StepView):
    """Plan moving a family chat, a club or a team: announce, remind, switch."""

    def __init__(self, session: Any, choice: Callable[[], tuple[str | None, list[str]]]) -> None:
        super().__init__(session)
        self.add_class("kit-move")
        self.add_class("kit-stack")  # labels above their fields (kit.css)
        self._choice = choice  # () -> (platform id or None, services being left)
        self._heading = Html()
        self.kind = ipw.Dropdown(layout=WIDE, style={"description_width": "initial"})
        self.switch_on = ipw.DatePicker(
            value=date.today() + timedelta(days=21), style={"description_width": "initial"}
        )
        self.invite = ipw.Text(layout=WIDE, style={"description_width": "initial"})
        self.plan_button = ipw.Button(button_style="primary", layout=ipw.Layout(width="auto"))
        self.plan_button.add_class("kit-plan-move")
        self.output = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.downloads = Html()
        self.on_click(self.plan_button, self.make)
        self.children = [
            self._heading,
            self.kind,
            self.switch_on,
            self.invite,
            self.plan_button,
            self.messages,
            self.output,
            self.downloads,
        ]
        self.relabel()

    def make(self) -> None:
        """Write the messages for the platform chosen above (or say what is missing)."""
        lang = self.lang
        platform, services = self._choice()
        if not platform or not services:
            self.messages.show(t("move.need_choice", lang), "error")
            return
        try:
            move = plan_group_move(
                self.kind.value,
                services,
                platform,
                self.switch_on.value or "",
                lang,
                self.invite.value,
            )
        except MessageError:
            self.messages.show(t("move.bad_input", lang), "error")
            return
        self.messages.clear()
        boxes: list[ipw.Widget] = []
        for message in move.messages:
            title = Html(bit("heading", f"{message.title} · {format_date(message.day, lang)}", 4))
            text = ipw.Textarea(value=message.text, rows=6, layout=WIDE)
            text.add_class("kit-move-message")
            copy = CopyButton(
                text=message.text,
                label=t("move.copy", lang),
                done_label=t("copy.done", lang),
                failed_label=t("copy.failed", lang),
            )
            boxes.append(ipw.VBox([title, text, copy], layout=ipw.Layout(width="100%")))
        self.output.children = boxes
        files = [
            {
                "label": t("move.dl.ics", lang),
                "filename": "group-move.ics",
                "href": data_uri(move.to_ics(), "text/calendar;charset=utf-8"),
            }
        ]
        if move.invite:
            files.append(
                {
                    "label": t("move.dl.poster", lang),
                    "filename": "group-move-poster.svg",
                    "href": data_uri(move.poster_svg(), "image/svg+xml"),
                }
            )
        self.downloads.value = fragment("move_downloads.html.j2", lang, files=files)

    def relabel(self) -> None:
        """Labels in the interface language; the choices stay."""
        lang = self.lang
        self._heading.value = fragment("move_intro.html.j2", lang)
        current = self.kind.value
        self.kind.options = [(t("move.kind." + k, lang), k) for k in GROUP_KINDS]
        self.kind.value = current if current in GROUP_KINDS else GROUP_KINDS[0]
        self.kind.description = t("move.field.kind", lang)
        self.switch_on.description = t("move.field.switch_on", lang)
        self.invite.description = t("move.field.invite", lang)
        self.invite.placeholder = t("move.field.invite.placeholder", lang)
        self.plan_button.description = t("move.plan", lang)

    def reset(self) -> None:
        """Forget the invite and the messages."""
        self.invite.value = ""
        self.output.children = []
        self.downloads.value = ""
        self.messages.clear()
