"""After the letter: paste the company's answer, see what it says, go on; keep the case file.

The model is `toolkit.case.Case` (one per service, in the session's memory) and
`toolkit.letters.read_reply`; this view only collects the paste and the dates, shows the
verdict from a template, and hands the next letter to the objection step through the session
(`session.prefill`, then `session.go("objection")`). The case file is a download made in
memory and is opened again from the participant's own device; nothing is written on the server.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw

from .. import case as cases
from .. import data
from ..html import bit, fragment
from ..i18n import t
from ..letters.model import LetterInputError, format_date
from .base import StepView
from .common import FULL_WIDTH as WIDE
from .common import Html, data_uri

MAX_CASE_FILE = 2_000_000  # bytes; toolkit.case refuses larger files too


def case_for(session: Any, service: str) -> cases.Case:
    """The session's case for `service`, made from its letters on first use."""
    if service not in session.cases:
        record = data.records("services")[service]
        case = cases.Case(service, record["name"], session.lang)
        for letter in session.documents:
            if letter.service == service:
                case.add_letter(letter)
        session.cases = {**session.cases, service: case}
    return session.cases[service]


class AnswerPanel(StepView):
    """'I got an answer': read it, see the next step, download or open the case file."""

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.add_class("kit-answer")
        services = {sid: r for sid, r in data.records("services").items() if r["letters"]["kinds"]}
        self._services = services
        self._heading = Html()
        self.service = ipw.Dropdown(layout=WIDE)
        self.sent_on = ipw.DatePicker()
        self.text = ipw.Textarea(rows=6, layout=WIDE)
        self.read = ipw.Button(button_style="primary", layout=ipw.Layout(width="auto"))
        self.read.add_class("kit-read-answer")
        self.result = Html()
        self.next_letter = ipw.Button(layout=ipw.Layout(width="auto", display="none"))
        self.next_letter.add_class("kit-next-letter")
        self.case_view = Html()
        self.upload = ipw.FileUpload(accept=".html,.json", multiple=False)
        self.upload.add_class("kit-open-case")
        self._upload_label = Html()
        for widget in (self.service, self.sent_on, self.text):
            widget.style.description_width = "initial"
        self.on_click(self.read, self._on_read)
        self.on_click(self.next_letter, self._on_next_letter)
        self.on_change(self.upload, self._on_upload)
        self.on_change(self.service, self._show_case)
        self._next: Any = None
        self.children = [
            self._heading,
            self.service,
            self.sent_on,
            self.text,
            self.read,
            self.messages,
            self.result,
            self.next_letter,
            self.case_view,
            self._upload_label,
            self.upload,
        ]
        self.relabel()

    def on_show(self) -> None:
        """Offer the services with letters first; set the sent date from the latest letter."""
        written = [d.service for d in self.session.documents if d.service in self._services]
        picked = [s for s in self.session.services if s in self._services and s not in written]
        rest = sorted(
            (s for s in self._services if s not in written + picked),
            key=lambda s: self._services[s]["name"].casefold(),
        )
        current = self.service.value
        order = list(dict.fromkeys([*written, *picked, *rest]))
        self.service.options = [(self._services[s]["name"], s) for s in order]
        self.service.value = current if current in order else order[0]
        letter = next(
            (d for d in reversed(self.session.documents) if d.service == self.service.value), None
        )
        if letter is not None and self.sent_on.value is None:
            self.sent_on.value = letter.made_on
        self._show_case()

    def _on_read(self) -> None:
        service = self.service.value
        case = case_for(self.session, service)
        if case.objection() is None:
            sent = self.sent_on.value or date.today()
            case.add_letter(
                cases.CaseLetter(
                    kind="objection-ai",
                    lang=self.session.lang,
                    channel="form",
                    sent_on=sent,
                    subject=t("ans.case.earlier", self.lang),
                    body="",
                    recipient=self._services[service]["name"],
                )
            )
        try:
            answer = case.add_answer(self.text.value, date.today(), lang=self.lang)
        except LetterInputError as error:
            self.messages.show(t("err." + error.code, self.lang, limit=error.limit), "error")
            return
        self.messages.clear()
        if service not in self.session.answered:
            self.session.answered = [*self.session.answered, service]
        self._show_verdict(case, answer)
        self._show_case()

    def _show_verdict(self, case: cases.Case, answer: Any) -> None:
        lang = self.lang
        from ..letters.reply import Reply  # the labels of categories and missing items

        reply = Reply(answer.category, answer.lang, tuple(answer.reasons), tuple(answer.missing),
                      case.next_step())  # fmt: skip
        step = case.next_step()
        self._next = step
        self.result.value = fragment(
            "answer_result.html.j2",
            lang,
            category=answer.category,
            label=reply.label(lang),
            description=reply.description(lang),
            reasons=list(answer.reasons),
            missing=reply.missing_labels(lang),
            warnings=[],
            next=step.explain(lang),
            due=case.due().explain(lang) if case.due() else "",
        )
        if step.letter:
            self.next_letter.description = t("ans.write." + step.letter, lang)
            self.next_letter.layout.display = None
        else:
            self.next_letter.layout.display = "none"

    def _on_next_letter(self) -> None:
        step = self._next
        if step is None or not step.letter:
            return
        self.session.prefill = {"kind": step.letter, **step.prefill}
        self.session.go("objection", focus_service=self.service.value)

    def _on_upload(self) -> None:
        files = self.upload.value
        if not files:
            return
        item = files[0]
        content = bytes(item["content"])
        self.upload.value = ()
        if len(content) > MAX_CASE_FILE:
            self.messages.show(cases.CaseFileError("too-large").message(self.lang), "error")
            return
        try:
            case = cases.load(content)
        except cases.CaseFileError as error:
            self.messages.show(error.message(self.lang), "error")
            return
        if case.service not in self._services:
            self.messages.show(
                cases.CaseFileError("invalid", "service").message(self.lang), "error"
            )
            return
        self.session.cases = {**self.session.cases, case.service: case}
        self.service.value = case.service
        self.messages.show(t("ans.case.opened", self.lang, service=case.service_name), "ok")
        self._show_case()
        step = case.next_step()
        self._next = step
        self.result.value = bit("paragraph", step.explain(self.lang))
        self.next_letter.layout.display = None if step.letter else "none"
        if step.letter:
            self.next_letter.description = t("ans.write." + step.letter, self.lang)

    def _show_case(self) -> None:
        case = self.session.cases.get(self.service.value)
        if case is None:
            self.case_view.value = ""
            return
        lang = self.lang
        events = [
            f"{format_date(e.on, lang)}: {t('case.st.' + e.status, lang)}" for e in case.history
        ]
        self.case_view.value = fragment(
            "case_status.html.j2",
            lang,
            case=case,
            status=t("case.st." + case.status, lang),
            events=events,
            filename=case.filename(),
            href=data_uri(cases.dump(case), "text/html;charset=utf-8"),
        )

    def relabel(self) -> None:
        """Labels in the interface language."""
        lang = self.lang
        self._heading.value = fragment("answer_intro.html.j2", lang)
        self.service.description = t("obj.service", lang)
        self.sent_on.description = t("ans.sent_on", lang)
        self.text.description = t("ans.text", lang)
        self.text.placeholder = t("ans.placeholder", lang)
        self.read.description = t("ans.read", lang)
        self._upload_label.value = bit("paragraph", t("ans.case.open", lang))
        self.upload.description = t("ans.case.upload", lang)
        if self.service.options:
            self._show_case()

    def reset(self) -> None:
        """Forget the pasted answer (the session's cases were cleared)."""
        self.text.value = ""
        self.result.value = ""
        self.case_view.value = ""
        self.next_letter.layout.display = "none"
