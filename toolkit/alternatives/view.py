"""The alternatives step: what you use and need -> ranked cards, comparison, first steps, invitation."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from .. import data
from ..i18n import LANG_NAMES, LANGS, t
from ..ui.common import FULL_WIDTH, Messages, esc, guarded
from ..ui.common import LABEL_STYLE as STYLE
from .recommend import NEEDS, invitation, recommend

GRID = ipw.Layout(grid_template_columns="repeat(auto-fill, minmax(180px, 1fr))", width="100%")
COMPARE_ROWS = (
    "license", "open_source", "protocol", "federated", "e2ee_default", "self_hostable",
    "phone_number_required", "operator", "jurisdiction", "funding", "ai_training", "platforms", "verified_on",
)  # fmt: skip


def _value(field: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t(f"val.{str(value).lower()}", lang)
    if value == "unknown":
        return t("val.unknown", lang)
    if field == "open_source":
        return t("open." + value, lang)
    if field == "ai_training":
        return t("ai." + value, lang)
    if field == "jurisdiction" and value == "decentralised":
        return t("val.decentralised", lang)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


class AlternativesView(ipw.VBox):
    """Find open platforms for the services a participant uses, and bring contacts along."""

    def __init__(self, session: Any, app: Any = None) -> None:
        self._session = session
        self._app = app
        self.messages = Messages()
        lang_now = lambda: self._session.lang  # noqa: E731
        self._alts = data.records("alternatives")
        services = data.records("services")
        replaced = {sid for rec in self._alts.values() for sid in rec["replaces"]}
        self._services = sorted(
            replaced & set(services), key=lambda s: services[s]["name"].casefold()
        )
        self.uses = {
            sid: ipw.Checkbox(description=services[sid]["name"], indent=False)
            for sid in self._services
        }
        self.needs = {
            need: ipw.Checkbox(indent=False, layout=ipw.Layout(width="auto")) for need in NEEDS
        }
        self._uses_label = ipw.HTML()
        self._needs_label = ipw.HTML()
        self.count = ipw.HTML()
        self.cards = ipw.HTML()
        self.cards.add_class("kit-cards")
        self.compare = ipw.SelectMultiple(rows=6, style=STYLE, layout=FULL_WIDTH)
        self.comparison = ipw.HTML(layout=ipw.Layout(overflow="auto", width="100%"))
        self.pick = ipw.Dropdown(style=STYLE, layout=FULL_WIDTH)
        self.details = ipw.HTML()
        self.choose = ipw.Button(
            icon="check", button_style="success", layout=ipw.Layout(width="auto")
        )
        self.choose.add_class("kit-choose")
        self.invite_lang = ipw.ToggleButtons(
            options=[(LANG_NAMES[c], c) for c in LANGS],
            value=session.lang,
            style={**STYLE, "button_width": "auto"},
        )
        self.invite_sender = ipw.Text(style=STYLE, layout=FULL_WIDTH)
        self.invite_contact = ipw.Text(style=STYLE, layout=FULL_WIDTH)
        self.invitation = ipw.Textarea(
            style=STYLE, layout=ipw.Layout(width="100%", max_width="640px", height="16em")
        )
        self.invitation.add_class("kit-invitation")
        self._invite_heading = ipw.HTML()
        update = guarded(lambda _=None: self.refresh(), self.messages, lang_now)
        for box in [*self.uses.values(), *self.needs.values()]:
            box.observe(update, "value")
        self.compare.observe(
            guarded(lambda _=None: self._show_comparison(), self.messages, lang_now), "value"
        )
        self.pick.observe(
            guarded(lambda _=None: self._show_details(), self.messages, lang_now), "value"
        )
        for widget in (self.invite_lang, self.invite_sender, self.invite_contact):
            widget.observe(
                guarded(lambda _=None: self._show_invitation(), self.messages, lang_now), "value"
            )
        self.choose.on_click(guarded(self._on_choose, self.messages, lang_now))
        session.observe(
            guarded(lambda _=None: self._sync_uses(), self.messages, lang_now), "services"
        )
        session.observe(guarded(lambda _=None: self._relabel(), self.messages, lang_now), "lang")
        super().__init__(
            [
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
                self.invitation,
            ],
            layout=ipw.Layout(width="100%"),
        )
        self.add_class("kit-alternatives")
        self._sync_uses()
        self._relabel()

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
        if ranked is None:
            self.count.value = f"<p>{esc(t('alt.none', lang))}</p>"
            self.cards.value = ""
            options: list[tuple[str, str]] = []
        elif ranked.empty:
            self.count.value = f"<p>{esc(t('alt.nomatch', lang))}</p>"
            self.cards.value = ""
            options = []
        else:
            self.count.value = (
                f"<p><strong>{esc(t('alt.results', lang, n=len(ranked)))}</strong></p>"
            )
            self.cards.value = (
                '<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:10px">'
                + "".join(self._card(aid, row, lang) for aid, row in ranked.iterrows())
                + "</div>"
            )
            options = [(row["name"], aid) for aid, row in ranked.iterrows()]
        keep = [v for v in self.compare.value if v in dict((v, k) for k, v in options)]
        self.compare.options = options
        self.compare.value = tuple(keep[:3])
        current = self.pick.value
        self.pick.options = options
        values = [v for _, v in options]
        self.pick.value = current if current in values else (values[0] if values else None)
        self._show_comparison()
        self._show_details()

    def _card(self, aid: str, row: Any, lang: str) -> str:
        why = "".join(f"<li>✓ {esc(w)}</li>" for w in row["why"])
        lacks = "".join(f"<li>✗ {esc(w)}</li>" for w in row["lacks"])
        unknown = "".join(f"<li>? {esc(w)}</li>" for w in row["unknown"])
        record = self._alts[aid]
        return (
            f'<div class="kit-card" data-id="{esc(aid)}" style="border:1px solid #bbb;border-radius:6px;padding:8px 10px">'
            f'<h4 style="margin:0 0 4px">{esc(row["name"])}</h4>'
            f'<p style="margin:0 0 4px;font-size:0.9em">{esc(t("cat." + record["category"], lang))} · {esc(record["license"])} · {esc(record["protocol"])}</p>'
            f'<ul style="list-style:none;padding-left:0;margin:4px 0">{why}{lacks}{unknown}</ul>'
            f'<a href="{esc(row["website"])}" target="_blank" rel="noopener noreferrer">{esc(row["website"])}</a></div>'
        )

    def _show_comparison(self) -> None:
        lang = self._session.lang
        chosen = list(self.compare.value)[:3]
        if len(self.compare.value) > 3:
            self.compare.value = tuple(chosen)
            return
        if not chosen:
            self.comparison.value = ""
            return
        head = "".join(f'<th scope="col">{esc(self._alts[a]["name"])}</th>' for a in chosen)
        rows = "".join(
            f'<tr><th scope="row" style="text-align:left">{esc(t("alt.row." + field, lang))}</th>'
            + "".join(f"<td>{esc(_value(field, self._alts[a][field], lang))}</td>" for a in chosen)
            + "</tr>"
            for field in COMPARE_ROWS
        )
        self.comparison.value = f'<table class="kit-compare-alts" style="border-collapse:collapse"><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>'

    def _show_details(self) -> None:
        lang = self._session.lang
        aid = self.pick.value
        if not aid:
            self.details.value = ""
            self.choose.layout.display = "none"
            self._show_invitation()
            return
        record = self._alts[aid]
        steps = "".join(f"<li>{esc(s)}</li>" for s in record["first_steps"][lang])
        move = "".join(f"<li>{esc(s)}</li>" for s in record["migration"][lang])
        notes = record.get("notes", {}).get(lang, "")
        sources = "".join(
            f'<li><a href="{esc(s["url"])}" target="_blank" rel="noopener noreferrer">{esc(s["title"])}</a> ({esc(s.get("kind", "primary"))}, {esc(s["read_on"])})</li>'
            for s in record["sources"]
        )
        self.details.value = (
            f'<div style="border:1px solid #ccc;padding:8px 12px;max-width:900px"><h3>{esc(record["name"])}</h3>'
            f"<p>{esc(record['summary'][lang])}</p>"
            f"<h4>{esc(t('alt.first_steps', lang))}</h4><ol>{steps}</ol>"
            f"<h4>{esc(t('alt.migration', lang))}</h4><ol>{move}</ol>"
            + (
                f"<p><strong>{esc(t('alt.notes', lang))}:</strong> {esc(notes)}</p>"
                if notes
                else ""
            )
            + f"<h4>{esc(t('alt.sources', lang))}</h4><ul>{sources}</ul></div>"
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
        self.invitation.value = invitation(
            aid,
            lang=self.invite_lang.value,
            uses=uses,
            needs=needs,
            sender=self.invite_sender.value,
            contact=self.invite_contact.value,
        )

    def _on_choose(self, _button: Any) -> None:
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
        self.compare.value = ()
        self.messages.clear()

    def _relabel(self) -> None:
        lang = self._session.lang
        self._uses_label.value = f"<h3>{esc(t('alt.uses', lang))}</h3>"
        self._needs_label.value = f"<h3>{esc(t('alt.needs', lang))}</h3>"
        for need, box in self.needs.items():
            box.description = t("need." + need, lang)
        self.compare.description = t("alt.compare", lang)
        self.pick.description = t("alt.pick", lang)
        self.choose.description = t("alt.choose", lang)
        self._invite_heading.value = f"<h3>{esc(t('alt.invite', lang))}</h3>"
        self.invite_lang.description = t("alt.invite.lang", lang)
        self.invite_sender.description = t("alt.invite.sender", lang)
        self.invite_contact.description = t("alt.invite.contact", lang)
        self.invitation.description = t("alt.invite.text", lang)
        self.refresh()
