"""The objection step: a wizard (service, grounds, your details, preview and download)."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from .. import data
from ..i18n import LANG_NAMES, LANGS, has, t
from ..ui.common import FULL_WIDTH, Messages, download_link, esc, guarded, routes_html
from . import strings  # noqa: F401 - registers the interface strings
from .compose import KINDS, Letter, channels_for, compose, reason_choices
from .model import LetterInputError, format_date

STEPS = ("service", "grounds", "details", "preview")
LABEL = {"description_width": "150px"}
TEXT_FIELDS = ("name", "email", "place", "account_email", "account_url")


def _field_error() -> ipw.HTML:
    box = ipw.HTML(layout=ipw.Layout(margin="0 0 4px 150px"))
    box.add_class("kit-field-error")
    return box


class ObjectionView(ipw.VBox):
    """Write objections, opt-outs, follow-ups and complaints; nothing is sent or stored."""

    def __init__(self, session: Any, app: Any = None) -> None:
        self._session = session
        self._app = app
        self.letter: Letter | None = None
        self._step = 0
        self.messages = Messages()
        services = data.records("services")
        self._records = {sid: rec for sid, rec in services.items() if rec["letters"]["kinds"]}
        self._authorities = data.records("authorities")
        wrap = guarded  # shorthand
        lang_now = lambda: self._session.lang  # noqa: E731

        # step 1: service, kind, letter language, channel
        self.service = ipw.Dropdown(style=LABEL, layout=FULL_WIDTH)
        self.kind = ipw.Dropdown(style=LABEL, layout=FULL_WIDTH)
        self.letter_lang = ipw.ToggleButtons(
            options=[(LANG_NAMES[c], c) for c in LANGS],
            value=session.lang,
            style={**LABEL, "button_width": "auto"},
        )
        self.channel = ipw.Dropdown(style=LABEL, layout=FULL_WIDTH)
        self._how = ipw.HTML()
        # step 2: grounds (objection), owner (opt-out), history (follow-up, complaint)
        self._grounds_intro = ipw.HTML()
        self.reasons = {
            rid: ipw.Checkbox(indent=False, layout=FULL_WIDTH) for _, rid in reason_choices("en")
        }
        self.others = ipw.Checkbox(indent=False, layout=FULL_WIDTH)
        self.own_reason = ipw.Textarea(
            style=LABEL, layout=ipw.Layout(width="100%", max_width="640px", height="5em")
        )
        self.is_owner = ipw.Checkbox(value=True, indent=False)
        self.workspace_url = ipw.Text(
            style=LABEL, layout=FULL_WIDTH, placeholder="https://example.slack.com"
        )
        self._owner_hint = ipw.HTML()
        self.sent_on = ipw.DatePicker(style=LABEL)
        self.reference = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self.answer = ipw.Textarea(
            style=LABEL, layout=ipw.Layout(width="100%", max_width="640px", height="5em")
        )
        self.authority = ipw.Dropdown(style=LABEL, layout=FULL_WIDTH)
        self._authority_hint = ipw.HTML()
        # step 3: details
        self.name = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self.email = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self.address = ipw.Textarea(
            style=LABEL, layout=ipw.Layout(width="100%", max_width="640px", height="5em")
        )
        self.place = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self.account_email = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self.account_url = ipw.Text(style=LABEL, layout=FULL_WIDTH)
        self._details_note = ipw.HTML()
        self.errors = {
            name: _field_error()
            for name in (
                *TEXT_FIELDS,
                "address",
                "own_reason",
                "answer",
                "workspace_url",
                "sent_on",
                "reference",
            )
        }
        # step 4: preview
        self.preview = ipw.HTML()
        self.preview.add_class("kit-preview")
        self.blocks = ipw.VBox()
        self.downloads = ipw.HTML()
        self.downloads.add_class("kit-downloads")
        # navigation
        self._heading = ipw.HTML()
        self.back = ipw.Button(icon="arrow-left", layout=ipw.Layout(width="auto"))
        self.next = ipw.Button(
            icon="arrow-right", button_style="primary", layout=ipw.Layout(width="auto")
        )
        self.reset_button = ipw.Button(icon="eraser", layout=ipw.Layout(width="auto"))
        self.next.add_class("kit-next")
        self.back.add_class("kit-back")
        self.reset_button.add_class("kit-reset")
        self.back.on_click(wrap(lambda _: self.go(self._step - 1), self.messages, lang_now))
        self.next.on_click(wrap(lambda _: self.go(self._step + 1), self.messages, lang_now))
        self.reset_button.on_click(wrap(self._on_reset, self.messages, lang_now))
        self.service.observe(wrap(self._on_service, self.messages, lang_now), "value")
        self.kind.observe(wrap(self._on_kind, self.messages, lang_now), "value")
        self.is_owner.observe(wrap(self._on_owner, self.messages, lang_now), "value")
        self._pages = {
            "service": ipw.VBox(
                [self.service, self.kind, self.letter_lang, self.channel, self._how]
            ),
            "grounds": ipw.VBox(),
            "details": ipw.VBox(
                [
                    self._details_note,
                    self.name,
                    self.errors["name"],
                    self.email,
                    self.errors["email"],
                    self.account_email,
                    self.errors["account_email"],
                    self.account_url,
                    self.errors["account_url"],
                    self.address,
                    self.errors["address"],
                    self.place,
                    self.errors["place"],
                ]
            ),
            "preview": ipw.VBox([self.preview, self.blocks, self.downloads]),
        }
        self._page = ipw.Box(layout=ipw.Layout(display="block"))
        nav = ipw.HBox(
            [self.back, self.next, self.reset_button], layout=ipw.Layout(flex_flow="row wrap")
        )
        children = [self._heading, self.messages, self._page, nav]
        if not self._records:
            children = [ipw.HTML(), self.messages]
        super().__init__(children, layout=ipw.Layout(width="100%"))
        self.add_class("kit-objection")
        session.observe(lambda _: self._relabel(), "lang")
        if not self._records:
            self.messages.show(t("obj.no_services", session.lang), "error")
            return
        self._fill_services()
        self._relabel()
        self.go(0)

    # --- options ------------------------------------------------------------------------
    def _fill_services(self) -> None:
        chosen = [s for s in self._session.services if s in self._records]
        rest = sorted(
            (s for s in self._records if s not in chosen),
            key=lambda s: self._records[s]["name"].lower(),
        )
        current = self.service.value
        self.service.options = [(self._records[s]["name"], s) for s in [*chosen, *rest]]
        order = [*chosen, *rest]
        self.service.value = current if current in self._records else (order[0] if order else None)

    def on_show(self) -> None:
        """Called when the step is shown: bring the services picked elsewhere to the top."""
        self._fill_services()
        focus = self._session.focus_service
        if focus in self._records:
            self.service.value = focus
            self._session.focus_service = ""
            self.go(0)

    def _on_service(self, _change: Any = None) -> None:
        record = self._records.get(self.service.value)
        if not record:
            return
        lang = self._session.lang
        kinds = [k for k in KINDS if k in record["letters"]["kinds"]]
        current = self.kind.value
        self.kind.options = [(t("kind." + k, lang), k) for k in kinds]
        if kinds:
            self.kind.value = current if current in kinds else kinds[0]
        self._on_kind()
        default_authority = record["lead_authority"]
        if default_authority in self._authorities:
            self.authority.value = default_authority

    def _on_kind(self, _change: Any = None) -> None:
        record = self._records.get(self.service.value)
        if not record or not self.kind.value:
            return
        self._fill_channels(record)
        self._show_how(record)
        self._fill_grounds()

    def _on_owner(self, _change: Any = None) -> None:
        """Owner or member: the channel changes (e-mail to the company, or a message to the owner)."""
        record = self._records.get(self.service.value)
        if record and self.kind.value:
            self._fill_channels(record)

    def _fill_channels(self, record: dict) -> None:
        channels = channels_for(self.kind.value, record, self.is_owner.value)
        self.channel.options = [(t("channel." + c, self._session.lang), c) for c in channels]
        # the best channel for this service and kind comes first
        self.channel.value = channels[0]

    def _show_how(self, record: dict) -> None:
        lang = self._session.lang
        routes = [{**route, "steps": route["steps"][lang]} for route in record["opt_out"]]
        self._how.value = (
            f"<h4>{esc(t('obj.how', lang, service=record['name']))}</h4>{routes_html(routes, lang)}"
        )

    def _fill_grounds(self) -> None:
        lang = self._session.lang
        kind = self.kind.value
        page = self._pages["grounds"]
        if kind == "objection-ai":
            self._grounds_intro.value = f"<p>{esc(t('obj.grounds.intro', lang))}</p>"
            page.children = [
                self._grounds_intro,
                *self.reasons.values(),
                self.others,
                self.own_reason,
                self.errors["own_reason"],
            ]
        elif kind == "admin-optout":
            page.children = [
                self.is_owner,
                self._owner_hint,
                self.workspace_url,
                self.errors["workspace_url"],
            ]
        elif kind in ("follow-up", "complaint"):
            extra = [self.authority, self._authority_hint] if kind == "complaint" else []
            page.children = [
                self.sent_on,
                self.errors["sent_on"],
                self.reference,
                self.errors["reference"],
                self.answer,
                self.errors["answer"],
                *extra,
            ]
        else:
            self._grounds_intro.value = f"<p>{esc(t('obj.no_grounds', lang))}</p>"
            page.children = [self._grounds_intro]

    # --- navigation ---------------------------------------------------------------------
    def go(self, step: int) -> None:
        """Show wizard step `step` (0-3); moving to the preview composes the letter."""
        step = max(0, min(step, len(STEPS) - 1))
        if STEPS[step] == "preview" and not self._compose():
            step = (
                STEPS.index("details")
                if self._error_field in (*TEXT_FIELDS, "address")
                else self._step
            )
        self._step = step
        self._page.children = [self._pages[STEPS[step]]]
        self.back.disabled = step == 0
        self.next.disabled = step == len(STEPS) - 1
        self._relabel_heading()

    _error_field = ""

    def details(self) -> dict[str, Any]:
        """The participant's input, as compose() takes it."""
        kind = self.kind.value
        values: dict[str, Any] = {name: getattr(self, name).value for name in TEXT_FIELDS}
        values["address"] = self.address.value
        if kind == "objection-ai":
            values["reasons"] = [rid for rid, box in self.reasons.items() if box.value]
            values["others_affected"] = self.others.value
            values["own_reason"] = self.own_reason.value
        if kind == "admin-optout":
            values["is_owner"] = self.is_owner.value
            values["workspace_url"] = self.workspace_url.value
        if kind in ("follow-up", "complaint"):
            values["sent_on"] = self.sent_on.value
            values["reference"] = self.reference.value
            values["answer"] = self.answer.value
        if kind == "complaint" and self.authority.value:
            values["authority"] = self.authority.value
        return values

    def _compose(self) -> bool:
        lang = self._session.lang
        for box in self.errors.values():
            box.value = ""
        self._error_field = ""
        try:
            letter = compose(
                self.kind.value,
                service=self.service.value,
                lang=self.letter_lang.value,
                channel=self.channel.value,
                **self.details(),
            )
        except LetterInputError as error:
            self._error_field = error.field
            key = "err." + error.code
            text = (
                t(key, lang, limit=error.limit)
                if has(key)
                else t("err.other", lang, detail=str(error))
            )
            if error.field in self.errors:
                self.errors[
                    error.field
                ].value = f'<span role="alert" style="color:#b3261e">{esc(text)}</span>'
                self.messages.show(t("obj.fix", lang), "error")
            else:
                self.messages.show(text, "error")
            return False
        self.letter = letter
        self.messages.clear()
        for name in letter.warnings:
            self.messages.show(t("err.cut", lang, field=name), "info")
        self._session.add_letter(
            letter.kind, letter.service, letter.lang, letter.channel, letter.made_on
        )
        self._render_preview()
        return True

    def _render_preview(self) -> None:
        letter = self.letter
        if letter is None:
            return
        lang = self._session.lang
        rcpt = letter.recipient
        to_parts = [rcpt.name, rcpt.email or rcpt.url]
        if letter.channel == "letter":
            to_parts += list(rcpt.address_lines)
        to = ", ".join(p for p in to_parts if p)
        self.preview.value = (
            f"<h3>{esc(t('obj.preview', lang))}</h3>"
            f"<p><strong>{esc(t('obj.to', lang))}:</strong> {esc(to)}<br>"
            f"<strong>{esc(t('obj.subject', lang))}:</strong> {esc(letter.subject)}</p>"
            f'<pre class="kit-letter" style="white-space:pre-wrap;font-family:inherit;'
            f'border:1px solid #ccc;padding:8px;max-width:640px;word-break:normal;overflow-wrap:anywhere">{esc(letter.body)}</pre>'
        )
        blocks: list[ipw.Widget] = []
        if letter.channel == "form" and letter.kind == "objection-ai":
            fields = [("account_email", self.account_email.value or self.email.value)]
            fields += [(name, letter.blocks.get(name, "")) for name in ("form_reason", "form_more")]
            blocks.append(ipw.HTML(f"<p>{esc(t('obj.form.fields', lang))}</p>"))
            for name, text in fields:
                if text:
                    area = ipw.Textarea(
                        value=text,
                        description=t("obj.field." + name, lang),
                        disabled=False,
                        style={"description_width": "initial"},
                        layout=ipw.Layout(
                            width="100%",
                            max_width="640px",
                            height="7em" if len(text) > 80 else "2.5em",
                        ),
                    )
                    area.add_class("kit-block")
                    blocks.append(area)
        self.blocks.children = blocks
        links = [
            download_link(
                letter.to_txt(),
                letter.filename("txt"),
                "text/plain;charset=utf-8",
                t("obj.dl.txt", lang),
            ),
        ]
        if letter.channel in ("email", "form") or letter.recipient.email:
            links.append(
                download_link(
                    letter.to_eml(), letter.filename("eml"), "message/rfc822", t("obj.dl.eml", lang)
                )
            )
        if letter.channel == "letter" or letter.kind == "complaint":
            links.append(
                download_link(
                    letter.to_pdf(),
                    letter.filename("pdf"),
                    "application/pdf",
                    t("obj.dl.pdf", lang),
                )
            )
        links.append(
            download_link(
                letter.to_ics(),
                letter.filename("ics"),
                "text/calendar;charset=utf-8",
                t("obj.dl.ics", lang),
            )
        )
        if letter.recipient.email:
            links.append(
                f'<a class="kit-mailto" href="{esc(letter.mailto())}">{esc(t("obj.mailto", lang))}</a>'
            )
        checklist = []
        if letter.channel == "form":
            if letter.recipient.url:
                links.insert(
                    0,
                    f'<a class="kit-form-link" href="{esc(letter.recipient.url)}" target="_blank" rel="noopener noreferrer">{esc(t("obj.form.open", lang))}</a>',
                )
            checklist += [t("obj.check.login", lang), t("obj.check.each", lang)]
        checklist += [
            t("obj.check.keep", lang),
            t("obj.check.remind", lang, due=format_date(letter.deadline, lang)),
        ]
        items = "".join(f"<li>{esc(c)}</li>" for c in checklist)
        self.downloads.value = (
            f"<h4>{esc(t('obj.downloads', lang))}</h4><p>{' · '.join(links)}</p>"
            f"<h4>{esc(t('obj.checklist', lang))}</h4><ul>{items}</ul>"
            f"<p><em>{esc(t('obj.never_sent', lang))}</em></p>"
        )

    # --- reset and labels ---------------------------------------------------------------
    def reset(self) -> None:
        """Forget every detail the participant typed (shared laptops)."""
        for name in (*TEXT_FIELDS, "address", "own_reason", "answer", "workspace_url", "reference"):
            getattr(self, name).value = ""
        for box in self.reasons.values():
            box.value = False
        self.others.value = False
        self.is_owner.value = True
        self.sent_on.value = None
        for box in self.errors.values():
            box.value = ""
        self.letter = None
        self.preview.value = ""
        self.blocks.children = []
        self.downloads.value = ""
        if self._records:
            self.go(0)

    def _on_reset(self, _button: Any) -> None:
        self.reset()
        self.messages.show(t("obj.reset.done", self._session.lang), "ok")

    def _relabel_heading(self) -> None:
        lang = self._session.lang
        name = t("obj.step." + STEPS[self._step], lang)
        self._heading.value = f"<h2>{esc(t('title.objection', lang))}</h2><h3>{esc(t('obj.stepof', lang, n=self._step + 1, total=len(STEPS), name=name))}</h3>"

    def _relabel(self) -> None:
        lang = self._session.lang
        for name, key in [
            ("service", "obj.service"),
            ("kind", "obj.kind"),
            ("letter_lang", "obj.letter_lang"),
            ("channel", "obj.channel"),
            ("own_reason", "obj.own_reason"),
            ("workspace_url", "obj.workspace_url"),
            ("sent_on", "obj.sent_on"),
            ("reference", "obj.reference"),
            ("answer", "obj.answer"),
            ("authority", "obj.authority"),
            ("name", "obj.name"),
            ("email", "obj.email"),
            ("address", "obj.address"),
            ("place", "obj.place"),
            ("account_email", "obj.account_email"),
            ("account_url", "obj.account_url"),
        ]:
            getattr(self, name).description = t(key, lang)
        for label, rid in reason_choices(lang):
            self.reasons[rid].description = label
        self.others.description = t("obj.others", lang)
        self.is_owner.description = t("obj.is_owner", lang)
        self._owner_hint.value = f"<p>{esc(t('obj.not_owner', lang))}</p>"
        self._authority_hint.value = f"<p>{esc(t('obj.authority.hint', lang))}</p>"
        self._details_note.value = f"<p><em>{esc(t('obj.details.privacy', lang))}</em></p>"
        self.back.description = t("obj.back", lang)
        self.next.description = t("obj.next", lang)
        self.reset_button.description = t("obj.reset", lang)
        current_auth = self.authority.value
        self.authority.options = sorted(
            (
                (
                    f"{a['name']} ({a['short']})"
                    if lang == "de"
                    else f"{a['name_en']} ({a['short']})",
                    aid,
                )
                for aid, a in self._authorities.items()
            ),
            key=lambda pair: pair[0].lower(),
        )
        if current_auth in self._authorities:
            self.authority.value = current_auth
        self.address.placeholder = "Straße 1\n12345 Stadt" if lang == "de" else "1 Street\nCity"
        chosen_channel = self.channel.value
        self._on_service()
        if chosen_channel in [value for _, value in self.channel.options]:
            self.channel.value = chosen_channel  # relabelling keeps the participant's choice
        if self._records:
            self._relabel_heading()
        if self.letter is not None:
            self._render_preview()
