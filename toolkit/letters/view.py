"""The objection step: a wizard (service, grounds, your details, preview and download).

Thin views over `LetterForm` (toolkit/letters/form.py) and its `Wizard`: every widget follows a
trait of the model, each step's view shows the fields the kind's spec lists for it, and the
HTML comes from templates/html/ui/. Nothing is sent or stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw

from .. import authorities as places
from .. import data
from ..html import bit, fragment
from ..i18n import has, t
from ..ui.base import Choice, StepView
from ..ui.common import FULL_WIDTH as WIDE
from ..ui.common import Html
from ..ui.copy import CopyButton
from ..ui.downloads import Downloads, Made
from ..wizard import State
from .compose import LANGS as LETTER_LANGS
from .compose import Letter, Notice, reason_choices
from .explain import explain
from .export import MIME_TYPES
from .form import LetterForm
from .model import LetterInputError, format_date
from .spec import DETAILS_FIELDS, SPECS, unreachable_kinds
from .texts import name as letter_language_name

TEXT = ("name", "email", "place", "account_email", "account_url", "workspace_url", "reference")
AREAS = ("address", "own_reason", "answer")
BOOLS = ("direct_marketing", "is_owner")
MIME = MIME_TYPES


def error_text(error: LetterInputError, lang: str) -> str:
    """A participant's sentence for an input error (never the field's id)."""
    key = "err." + error.code
    if has(key):
        return t(key, lang, limit=error.limit)
    return t(
        "err.other", lang, detail=t("obj." + error.field, lang) if has("obj." + error.field) else ""
    )


def notice_text(notice: Notice, lang: str) -> str:
    """A participant's sentence for a notice from compose()."""
    if notice.code == "cut":
        return t("notice.cut", lang, field=t("obj." + notice.field, lang))
    return t("notice." + notice.code, lang, chars=notice.detail)


class Field(ipw.VBox):
    """An input with its label (the widget's own <label>, styled to sit above and wrap) and
    its error below it; a group of inputs (the grounds) gets a heading instead."""

    def __init__(self, name: str, control: ipw.Widget) -> None:
        self.name = name
        self.control = control
        self.label = Html()
        self.error = Html()
        self.error.add_class("kit-field-error")
        grouped = isinstance(control, ipw.Box)
        children = [self.label, control, self.error] if grouped else [control, self.error]
        super().__init__(children, layout=ipw.Layout(width="100%"))
        self.add_class("kit-field")
        self.add_class(f"kit-field-{name}")

    def relabel(self, lang: str) -> None:
        """Label in `lang`."""
        text = t("obj." + self.name, lang)
        if isinstance(self.control, ipw.Box):
            self.label.value = bit("label", text, self.name)
        else:
            self.control.description = text

    def show_error(self, text: str) -> None:
        """Mark the field with `text` ('' clears it)."""
        self.error.value = bit("field_error", text)


class FormStep(ipw.VBox):
    """One step of the wizard: the fields the spec lists for it, linked to the model."""

    def __init__(self, view: ObjectionView, names: tuple[str, ...]) -> None:
        self.view = view
        self.fields: dict[str, Field] = {}
        super().__init__(layout=ipw.Layout(width="100%"))
        self.show_fields(names)

    def field(self, name: str) -> Field:
        """The field widget of `name`, made and linked to the model on first use."""
        if name not in self.fields:
            self.fields[name] = self.view.make_field(name)
        return self.fields[name]

    def show_fields(
        self,
        names: tuple[str, ...],
        intro: list[ipw.Widget] | None = None,
        after: dict[str, ipw.Widget] | None = None,
    ) -> None:
        """Show these fields (in this order), intro widgets before them, `after[name]` after one."""
        after = after or {}
        children = [*(intro or [])]
        for name in names:
            children.append(self.field(name))
            if name in after:
                children.append(after[name])
        self.children = children

    def relabel(self, lang: str) -> None:
        """Relabel every field."""
        for box in self.fields.values():
            box.relabel(lang)


class ObjectionView(StepView):
    """Write objections, opt-outs, follow-ups and complaints; nothing is sent or stored."""

    def __init__(self, session: Any, app: Any = None) -> None:
        super().__init__(session)
        self.add_class("kit-objection")
        # a letter in the page's language where the kit writes letters in it, else in English
        self.form = LetterForm(letter_lang=session.lang if session.lang in LETTER_LANGS else "en")
        self.form.offer(list(session.services))
        records = self.form.records
        self._choices: list[Choice] = []
        self._shown_letter: Letter | None = None
        self._authorities = data.records("authorities")
        self.wizard = self.form.wizard
        if not records:
            self.children = [self.messages]
            self.messages.show(t("obj.no_services", self.lang), "error")
            return
        self.form.service = self.form.service_order[0]
        self._heading = Html()
        self._how = Html()
        self._grounds_intro = Html()
        self._authority_info = Html()
        self._details_note = Html()
        self.preview = Html()
        self.preview.add_class("kit-preview")
        self.blocks = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.downloads = Downloads()
        self.downloads.add_class("kit-downloads")
        self.back = ipw.Button(icon="arrow-left", layout=ipw.Layout(width="auto"))
        self.next = ipw.Button(
            icon="arrow-right", button_style="primary", layout=ipw.Layout(width="auto")
        )
        self.reset_button = ipw.Button(icon="eraser", layout=ipw.Layout(width="auto"))
        self.back.add_class("kit-back")
        self.next.add_class("kit-next")
        self.reset_button.add_class("kit-reset")
        self.on_click(self.back, self.wizard.back)
        self.on_click(self.next, self._on_next)
        self.on_click(self.reset_button, self._on_reset)
        self.pages = {
            "service": FormStep(self, ("service", "kind", "letter_lang", "channel")),
            "grounds": FormStep(self, ()),
            "details": FormStep(self, DETAILS_FIELDS),
            "preview": ipw.VBox([self.preview, self.blocks, self.downloads]),
        }
        # A setting is the real opt-out for some services (Gemini, X): say it was done.
        # its own Layout: hiding it must not hide every widget that shares WIDE
        self.setting_done = ipw.Checkbox(indent=False, layout=ipw.Layout(width="100%"))
        self.setting_done.add_class("kit-setting-done")
        self.on_change(self.setting_done, self._on_setting_done)
        self.session.observe(self.guard(lambda _c: self._show_setting()), "settings_done")
        self.pages["service"].children = [
            *self.pages["service"].children,
            self._how,
            self.setting_done,
        ]
        self.pages["details"].children = [self._details_note, *self.pages["details"].children]
        self._page = ipw.Box(layout=ipw.Layout(display="block", width="100%"))
        nav = ipw.HBox(
            [self.back, self.next, self.reset_button],
            layout=ipw.Layout(flex_flow="row wrap", width="100%"),
        )
        nav.add_class("kit-wizard-nav")
        self.children = [self._heading, self.messages, self._page, nav]
        self.form.observe(self.guard(lambda _c: self._show_grounds()), "kind")
        self.form.observe(self.guard(lambda _c: self._show_region()), "regions")
        self.form.observe(self.guard(lambda _c: self._show_authority()), "authority")
        self.form.observe(self.guard(lambda _c: self._show_how()), ["service", "kind"])
        self.wizard.observe(self.guard(lambda _c: self._show_step()), ["current", "states"])
        self.wizard.observe(self.guard(lambda _c: self._show_errors()), "errors")
        self._show_grounds()
        self.relabel()
        self._show_step()

    # --- fields ----------------------------------------------------------------------------
    def control(self, name: str) -> ipw.Widget:
        """The input widget of field `name` on the step that shows it now (for tests, tools)."""
        for page in self.pages.values():
            fields = getattr(page, "fields", {})
            if name in fields and fields[name] in page.children:
                return fields[name].control
        raise KeyError(f"no field {name!r} is shown for this kind of letter")

    def field_box(self, name: str) -> Field:
        """The labelled box of field `name` (label, input, error)."""
        for page in self.pages.values():
            fields = getattr(page, "fields", {})
            if name in fields and fields[name] in page.children:
                return fields[name]
        raise KeyError(name)

    def make_field(self, name: str) -> Field:
        """The input of `name` (by its kind of value), linked to the model, in a Field."""
        form = self.form
        if name in TEXT:
            control = ipw.Text(layout=WIDE, continuous_update=False)
            ipw.link((form, name), (control, "value"))
        elif name in AREAS:
            control = ipw.Textarea(rows=4, layout=WIDE, continuous_update=False)
            ipw.link((form, name), (control, "value"))
        elif name in BOOLS:
            control = ipw.Checkbox(indent=False, layout=WIDE)
            ipw.link((form, name), (control, "value"))
        elif name == "sent_on":
            control = ipw.DatePicker()
            ipw.link((form, name), (control, "value"))
        elif name == "reasons":
            control = self._reasons_box()
        else:  # a choice: service, kind, letter_lang, channel, authority
            control = self._choice(name)
        box = Field(name, control)
        box.relabel(self.lang)
        return box

    def _choice(self, name: str) -> ipw.Widget:
        lang = lambda: self.lang  # noqa: E731
        records = self.form.records
        if name == "letter_lang":
            # a list, not toggle buttons: seven languages' buttons do not fit a phone's width
            widget = ipw.Dropdown(layout=WIDE)
            widget.add_class("kit-letter-lang")
            self._letter_lang = Choice(
                widget,
                self.form,
                name,
                None,
                letter_language_name,
                self.guard,
                fixed=LETTER_LANGS,
            )
            return widget
        widget = ipw.Dropdown(layout=WIDE)
        if name == "service":
            label = lambda sid: records[sid]["name"]  # noqa: E731
            options = "service_order"
        elif name == "authority":
            label, options = self._authority_label, "authorities"
        elif name == "country":
            label, options = self._country_label, "countries"
        elif name == "region":
            label, options = self._region_label, "regions"
        else:  # kind, channel
            prefix = name + "."
            label = lambda value, prefix=prefix: t(prefix + value, lang())  # noqa: E731
            options = name + "s"
        self._choices.append(Choice(widget, self.form, name, options, label, self.guard))
        return widget

    def _authority_label(self, aid: str) -> str:
        auth = self._authorities[aid]
        name = places.authority_name(auth, self.lang)
        where = (
            self._country_label(auth["country"]) if auth["country"] in self.form.countries else ""
        )
        region = auth.get("region", "")
        return f"{name} ({auth['short']}; {region or where})" if (region or where) else name

    def _country_label(self, code: str) -> str:
        return {row["code"]: row["name"] for row in places.countries(self.lang)}.get(code, code)

    def _region_label(self, code: str) -> str:
        rows = places.regions(self.form.country or "DE", self.lang)
        return {row["code"]: row["name"] for row in rows}.get(code, code)

    def _show_authority(self) -> None:
        aid = self.form.authority
        if aid not in self._authorities:
            self._authority_info.value = ""
            return
        lead = self.form.records[self.form.service]["lead_authority"]
        self._authority_info.value = fragment(
            "authority_card.html.j2",
            self.lang,
            a=places.authority(aid),
            local=self.form.local_authority(),
            lead=lead if lead in self._authorities else "",
        )

    def _show_region(self) -> None:
        page = self.pages["grounds"]
        if "region" in page.fields:
            page.fields["region"].layout.display = None if self.form.regions else "none"

    def _reasons_box(self) -> ipw.VBox:
        boxes = {rid: ipw.Checkbox(indent=False, layout=WIDE) for _, rid in reason_choices("en")}
        self.reason_boxes = boxes

        def to_model() -> None:
            self.form.reasons = [rid for rid, box in boxes.items() if box.value]

        def from_model() -> None:
            for rid, box in boxes.items():
                if box.value != (rid in self.form.reasons):
                    box.value = rid in self.form.reasons

        for box in boxes.values():
            self.on_change(box, to_model)
        self.form.observe(self.guard(lambda _c: from_model()), "reasons")
        container = ipw.VBox(list(boxes.values()), layout=ipw.Layout(width="100%"))
        container.add_class("kit-reasons")
        return container

    # --- steps ----------------------------------------------------------------------------
    def _show_grounds(self) -> None:
        kind = self.form.kind
        if kind not in SPECS:
            return
        names = SPECS[kind].grounds
        self.pages["grounds"].show_fields(
            names, intro=[self._grounds_intro], after={"authority": self._authority_info}
        )
        self._relabel_grounds_intro()
        self._show_region()
        self._show_authority()

    def _show_how(self) -> None:
        record = self.form.records.get(self.form.service)
        if not record:
            self._how.value = ""
            return
        lang = self.lang
        routes = [{**r, "steps": r["steps"][lang]} for r in record["opt_out"]]
        self._show_setting()
        missing = [t("kind." + k, lang) for k in unreachable_kinds(record)]
        self._how.value = fragment(
            "objection_how.html.j2", lang, service=record, routes=routes, missing=missing
        )

    def _show_setting(self) -> None:
        record = self.form.records.get(self.form.service)
        has_setting = bool(record) and any(r["route"] == "setting" for r in record["opt_out"])
        self.setting_done.layout.display = None if has_setting else "none"
        if record:
            self.setting_done.description = t("obj.setting.done", self.lang, service=record["name"])
            wanted = self.form.service in self.session.settings_done
            if self.setting_done.value != wanted:
                self.setting_done.value = wanted

    def _on_setting_done(self) -> None:
        service = self.form.service
        done = [s for s in self.session.settings_done if s != service]
        if self.setting_done.value:
            done.append(service)
        if done != list(self.session.settings_done):
            self.session.settings_done = done

    def _show_step(self) -> None:
        step = self.wizard.step
        self._page.children = [self.pages[step]]
        self.back.disabled = not self.wizard.can_back
        self.next.disabled = not self.wizard.can_next
        self._heading.value = fragment(
            "objection_heading.html.j2",
            self.lang,
            current=self.wizard.current,
            steps=[
                {"name": name, "state": state.value, "current": i == self.wizard.current}
                for i, (name, state) in enumerate(
                    zip(self.wizard.steps, self.wizard.states, strict=True)
                )
            ],
        )
        if step == "preview" and self.form.letter is not None:
            if self.form.letter is not self._shown_letter:
                self._letter_made(self.form.letter)
        elif not self.wizard.errors:
            self.messages.clear()
        if self.wizard.states[-1] == State.FAIL and not self.wizard.errors:
            self.messages.show(t("obj.fail", self.lang), "error")

    def _show_errors(self) -> None:
        errors = self.wizard.errors
        lang = self.lang
        for page in self.pages.values():
            for name, box in getattr(page, "fields", {}).items():
                box.show_error(error_text(errors[name], lang) if name in errors else "")
        if errors:
            self.messages.show(t("obj.fix", lang, n=len(errors)), "error")
        else:
            self.messages.clear()

    def _on_next(self) -> None:
        self.wizard.next()

    def _letter_made(self, letter: Letter) -> None:
        self._shown_letter = letter
        self.session.keep_letter(letter)
        self._render_preview(letter)

    def _render_preview(self, letter: Letter) -> None:
        lang = self.lang
        rcpt = letter.recipient
        to_parts = [rcpt.name, rcpt.email or rcpt.url]
        if letter.channel == "letter":
            to_parts += list(rcpt.address_lines)
        notices = [notice_text(n, lang) for n in letter.notices]
        explained = []
        if getattr(lang, "easy", False):  # the explainer is part of the easy reading
            explained = [
                e
                for e in explain(letter.body, letter.kind, letter.lang, letter.sender_name)
                if e.explain
            ]
        self.preview.value = fragment(
            "letter_preview.html.j2",
            lang,
            letter=letter,
            to=", ".join(p for p in to_parts if p),
            notices=notices,
            explained=explained,
        )
        self.messages.clear()
        blocks: list[ipw.Widget] = [self._copy(letter.text(), "obj.copy.letter")]
        spec = SPECS[letter.kind]
        if letter.form.names:
            # the form's own fields when the record names them; otherwise say they are generic
            intro = "obj.form.fields" if letter.form.sourced else "obj.form.generic"
            blocks.append(Html(bit("paragraph", t(intro, lang))))
            for name in letter.form.names:
                text = letter.blocks.get(name, "")
                if text:
                    area = ipw.Textarea(
                        value=text,
                        layout=ipw.Layout(
                            width="100%",
                            max_width="640px",
                            height="8em" if len(text) > 80 else "2.6em",
                        ),
                    )
                    area.add_class("kit-block")
                    label = Html(bit("label", t("obj.field." + name, lang), name))
                    copy = self._copy(text, "obj.copy.block")
                    blocks.append(ipw.VBox([label, area, copy], layout=ipw.Layout(width="100%")))
        self.blocks.children = blocks
        # Made when a link is clicked (ui/downloads.py): the PDF took about 0.18 s per redraw.
        made = {
            fmt: Made(letter.filename(fmt), MIME[fmt], getattr(letter, "to_" + fmt))
            for fmt in letter.downloads()
            if fmt in MIME
        }
        files = [{"key": fmt, "filename": m.filename} for fmt, m in made.items()]
        checklist = []
        if letter.channel == "form":
            checklist += [t("obj.check.login", lang), t("obj.check.each", lang)]
        checklist += [
            t("obj.check.keep", lang),
            t(spec.remind, lang, due=format_date(letter.deadline, lang)),
        ]
        if spec.explain_due and (letter.request_due or letter.kind != "complaint"):
            checklist.append(letter.due.explain(lang))
        self.downloads.show(
            fragment(
                "letter_downloads.html.j2",
                lang,
                form_url=rcpt.url if letter.channel == "form" else "",
                files=files,
                mailto=letter.mailto() if "mailto" in letter.downloads() else "",
                checklist=checklist,
            ),
            made,
            lang,
        )

    def _copy(self, text: str, key: str) -> CopyButton:
        lang = self.lang
        return CopyButton(
            text=text,
            label=t(key, lang),
            done_label=t("copy.done", lang),
            failed_label=t("copy.failed", lang),
        )

    # --- language, reset -------------------------------------------------------------------
    def relabel(self) -> None:
        """Labels in the interface language; no value changes."""
        if not self.form.records:
            self.messages.show(t("obj.no_services", self.lang), "error")
            return
        lang = self.lang
        for page in self.pages.values():
            if isinstance(page, FormStep):
                page.relabel(lang)
        for choice in self._choices:
            choice.show()
        if hasattr(self, "reason_boxes"):
            for label, rid in reason_choices(lang):
                self.reason_boxes[rid].description = label
        self._relabel_grounds_intro()
        self._details_note.value = bit("paragraph", t("obj.details.privacy", lang), "kit-note")
        self.back.description = t("obj.back", lang)
        self.next.description = t("obj.next", lang)
        self.reset_button.description = t("obj.reset", lang)
        self._show_how()
        self._show_authority()
        self._show_step()
        self._show_errors()
        if self._shown_letter is not None and self.wizard.step == "preview":
            self._render_preview(self._shown_letter)

    def _relabel_grounds_intro(self) -> None:
        spec = SPECS.get(self.form.kind)
        if spec:
            self._grounds_intro.value = bit("paragraph", t(spec.intro, self.lang))

    def on_show(self) -> None:
        """Bring the services picked elsewhere to the top; open a service asked for."""
        if not self.form.records:
            return
        self.form.offer(list(self.session.services))
        focus = self.session.focus_service
        if focus in self.form.records:
            self.form.service = focus
            self.session.focus_service = ""
            self.wizard.restart()
        self._apply_prefill()

    def _apply_prefill(self) -> None:
        """Start the letter another step asked for (e.g. the follow-up to a vague answer)."""
        prefill = dict(self.session.prefill)
        if not prefill:
            return
        self.session.prefill = {}
        kind = prefill.pop("kind", "")
        if kind in self.form.kinds:
            self.form.kind = kind
        for name, value in prefill.items():
            if name == "sent_on" and value:
                self.form.sent_on = date.fromisoformat(str(value))
            elif name in ("reference", "answer") and isinstance(value, str):
                setattr(self.form, name, value)
        self.wizard.go(1)

    def reset(self) -> None:
        """Forget every detail the participant typed (shared laptops)."""
        if self.form.records:
            self.form.clear_details()
            self.preview.value = ""
            self.blocks.children = []
            self.downloads.clear()

    def _on_reset(self) -> None:
        self.reset()
        self.messages.show(t("obj.reset.done", self.lang), "ok")
