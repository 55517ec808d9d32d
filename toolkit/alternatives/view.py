"""The alternatives step: what you use and need -> ranked cards, comparison, first steps, invitation."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw
from ipywidgets.widgets.widget_bool import CheckboxStyle

from .. import data
from ..html import bit, fragment
from ..i18n import LANG_NAMES, LANGS, t
from ..ui.addressbook import AddressBookPanel
from ..ui.base import StepView
from ..ui.common import FULL_WIDTH, Html
from ..ui.common import LABEL_STYLE as STYLE
from ..ui.copy import CopyButton
from ..ui.move import GroupMovePanel
from .messages import invitation
from .recommend import NEEDS, recommend
from .servers import server_choice
from .text import comparison, facts, label, notes

GRID = ipw.Layout(grid_template_columns="repeat(auto-fill, minmax(180px, 1fr))", width="100%")


class AlternativesView(StepView):
    """Find open platforms for the services a participant uses, and bring contacts along.

    The model is `recommend()` (toolkit/alternatives/recommend.py) over what is ticked.
    """

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self._session = session
        self._alts = data.records("alternatives")
        services = data.records("services")
        replaced = {sid for rec in self._alts.values() for sid in rec["replaces"]}
        self._services = sorted(
            replaced & set(services), key=lambda s: services[s]["name"].casefold()
        )
        # One layout and one style for all boxes (as on the start page): 34 services and their
        # needs were 3 models each, every one a message and a view before the page is usable.
        box_style, need_layout = CheckboxStyle(), ipw.Layout(width="auto")
        use_layout = ipw.Layout()
        self.uses = {
            sid: ipw.Checkbox(
                description=services[sid]["name"], indent=False, layout=use_layout, style=box_style
            )
            for sid in self._services
        }
        self.needs = {
            need: ipw.Checkbox(indent=False, layout=need_layout, style=box_style) for need in NEEDS
        }
        self._uses_label = Html()
        self._needs_label = Html()
        self.count = Html()
        self.cards = Html()
        self.cards.add_class("kit-cards")
        self.compare = ipw.SelectMultiple(rows=6, style=STYLE, layout=FULL_WIDTH)
        self.comparison = Html(layout=ipw.Layout(overflow="auto", width="100%"))
        self.compare.add_class("kit-alt-compare")
        self.pick = ipw.Dropdown(style=STYLE, layout=FULL_WIDTH)
        self.pick.add_class("kit-alt-pick")
        self.details = Html()
        self.choose = ipw.Button(
            icon="check", button_style="success", layout=ipw.Layout(width="auto")
        )
        self.choose.add_class("kit-choose")
        self.invite_lang = ipw.Dropdown(
            options=[(LANG_NAMES[c], c) for c in LANGS],
            value=session.lang,
            style=STYLE,
        )
        self.invite_sender = ipw.Text(style=STYLE, layout=FULL_WIDTH)
        self.invite_contact = ipw.Text(style=STYLE, layout=FULL_WIDTH)
        self.invite_details = ipw.Checkbox(indent=False, layout=FULL_WIDTH)
        self.invitation = ipw.Textarea(
            style=STYLE, layout=ipw.Layout(width="100%", max_width="640px", height="16em")
        )
        self.invitation.add_class("kit-invitation")
        self.copy_invitation = CopyButton()
        self.move = GroupMovePanel(session, self._move_choice)
        self.book = AddressBookPanel(session)  # only where a room exists
        self._invite_heading = Html()
        for box in [*self.uses.values(), *self.needs.values()]:
            self.on_change(box, self.refresh)
        self.on_change(self.compare, self._show_comparison)
        self.on_change(self.pick, self._show_details)
        for widget in (
            self.invite_lang,
            self.invite_sender,
            self.invite_contact,
            self.invite_details,
        ):
            self.on_change(widget, self._show_invitation)
        self.on_click(self.choose, self._on_choose)
        session.observe(self.guard(lambda _c: self._sync_uses()), "services")
        self.children = [
            self.messages,
            self._uses_label,
            ipw.GridBox(list(self.uses.values()), layout=GRID),
            self._needs_label,
            ipw.GridBox(
                list(self.needs.values()),
                layout=ipw.Layout(
                    grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", width="100%"
                ),
            ),
            self.count,
            self.cards,
            self.compare,
            self.comparison,
            self.pick,
            self.details,
            self.choose,
            self._invite_heading,
            self.invite_lang,
            self.invite_sender,
            self.invite_contact,
            self.invite_details,
            self.invitation,
            self.copy_invitation,
            self.move,
            self.book,
        ]
        self.add_class("kit-alternatives")
        self._sync_uses()
        self.relabel()

    @property
    def value(self):
        """The ranked alternatives for what is ticked (a DataFrame from recommend())."""
        uses = [sid for sid, box in self.uses.items() if box.value]
        needs = [need for need, box in self.needs.items() if box.value]
        return recommend(uses, needs, self._session.lang) if uses else None

    def on_show(self) -> None:
        """Tick the services the participant picked earlier in the app."""
        self._sync_uses()

    def _sync_uses(self) -> None:
        chosen = set(self._session.services)
        for sid, box in self.uses.items():
            if sid in chosen and not box.value:
                box.value = True

    def refresh(self) -> None:
        """Redraw the cards and the choices that depend on them."""
        lang = self._session.lang
        ranked = self.value
        cards = [] if ranked is None else [self._card(aid, row) for aid, row in ranked.iterrows()]
        self.count.value = fragment("alt_count.html.j2", lang, ranked=ranked, n=len(cards))
        self.cards.value = fragment("alt_results.html.j2", lang, cards=cards)
        options = [(card["name"], card["id"]) for card in cards]
        keep = [v for v in self.compare.value if v in dict((v, k) for k, v in options)]
        self.compare.options = options
        self.compare.value = tuple(keep[:3])
        current = self.pick.value
        self.pick.options = options
        values = [v for _, v in options]
        self.pick.value = current if current in values else (values[0] if values else None)
        self._show_comparison()
        self._show_details()

    def _card(self, aid: str, row: Any) -> dict[str, Any]:
        record = self._alts[aid]
        return {
            "id": aid,
            "name": row["name"],
            "category": record["category"],
            "license": label("license", record["license"], self.lang),
            "protocol": label("protocol", record["protocol"], self.lang),
            "why": list(row["why"]),
            "lacks": list(row["lacks"]),
            "unknown": list(row["unknown"]),
            "website": row["website"],
        }

    def _show_comparison(self) -> None:
        lang = self._session.lang
        chosen = list(self.compare.value)[:3]
        if len(self.compare.value) > 3:
            self.compare.value = tuple(chosen)
            return
        if not chosen:
            self.comparison.value = ""
            return
        rows = comparison(chosen, lang)
        self.comparison.value = fragment(
            "alt_comparison.html.j2", lang, names=[self._alts[a]["name"] for a in chosen], rows=rows
        )

    def _show_details(self) -> None:
        lang = self._session.lang
        aid = self.pick.value
        if not aid:
            self.details.value = ""
            self.choose.layout.display = "none"
            self._show_invitation()
            return
        choice = server_choice(aid, lang)
        self.details.value = fragment(
            "alt_details.html.j2",
            lang,
            record=self._alts[aid],
            notes=notes(aid, lang),
            facts=facts(aid, lang),
            servers=choice,
        )
        self.choose.layout.display = None
        self._show_invitation()

    def _show_invitation(self) -> None:
        aid = self.pick.value
        if not aid:
            self.invitation.value = ""
            return
        uses = [sid for sid, box in self.uses.items() if box.value]
        needs = [need for need, box in self.needs.items() if box.value]
        text = invitation(
            aid,
            lang=self.invite_lang.value,
            uses=uses,
            needs=needs,
            sender=self.invite_sender.value,
            contact=self.invite_contact.value,
            details=self.invite_details.value,
        )
        self.invitation.value = self.copy_invitation.text = text

    def _move_choice(self) -> tuple[str | None, list[str]]:
        """The platform picked and the services ticked: what the group move is about."""
        return self.pick.value, [sid for sid, box in self.uses.items() if box.value]

    def _on_choose(self) -> None:
        aid = self.pick.value
        if aid and aid not in self._session.alternatives:
            self._session.alternatives = [*self._session.alternatives, aid]
        if aid:
            self.messages.show(
                t("alt.chosen", self._session.lang, name=self._alts[aid]["name"]), "ok"
            )

    def reset(self) -> None:
        """Untick everything and clear the invitation fields."""
        for box in [*self.uses.values(), *self.needs.values()]:
            box.value = False
        self.invite_sender.value = ""
        self.invite_contact.value = ""
        self.move.reset()
        self.book.reset()
        self.compare.value = ()
        self.messages.clear()

    def relabel(self) -> None:
        """Labels in the interface language; the ticks stay."""
        lang = self._session.lang
        self._uses_label.value = bit("heading", t("alt.uses", lang))
        self._needs_label.value = bit("heading", t("alt.needs", lang))
        for need, box in self.needs.items():
            box.description = t("need." + need, lang)
        self.compare.description = t("alt.compare", lang)
        self.pick.description = t("alt.pick", lang)
        self.choose.description = t("alt.choose", lang)
        self._invite_heading.value = bit("heading", t("alt.invite", lang))
        self.invite_lang.description = t("alt.invite.lang", lang)
        self.invite_sender.description = t("alt.invite.sender", lang)
        self.invite_contact.description = t("alt.invite.contact", lang)
        self.invite_details.description = t("alt.invite.details", lang)
        self.copy_invitation.label = t("copy.invitation", lang)
        self.copy_invitation.done_label = t("copy.done", lang)
        self.copy_invitation.failed_label = t("copy.failed", lang)
        self.invitation.description = t("alt.invite.text", lang)
        self.refresh()
