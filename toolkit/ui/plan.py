"""The plan step: the personal action plan, with downloads (HTML, PDF, ics)."""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw

from ..html import fragment
from ..i18n import LANG_NAMES, t
from ..letters.export import MIME_TYPES as MIME
from ..letters.export import zip_letters
from ..letters.model import format_date
from ..plan import Plan, build_plan
from .answer import AnswerPanel
from .base import StepView
from .common import Html
from .downloads import Downloads, Made


class PlanView(StepView):
    """Shows the plan made from this session and offers it for download; stores nothing.

    The model is the session; `plan()` derives the plan from it (toolkit/plan.py).
    """

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.downloads = Downloads()
        self.downloads.add_class("kit-downloads")
        self.preview = Html(layout=ipw.Layout(width="100%"))
        self.preview.add_class("kit-plan")
        self.answer = AnswerPanel(session)
        self.children = [self.messages, self.downloads, self.answer, self.preview]
        self.add_class("kit-plan-view")
        # Only the language changes while the plan is on screen (relabel); the other steps
        # change the session while it is hidden, and on_show() rebuilds it.

    def plan(self) -> Plan:
        """The plan for what this session holds now."""
        s = self.session
        texts = [(letter.subject, letter.body) for letter in s.documents]
        return build_plan(
            list(s.services),
            list(s.letters),
            list(s.alternatives),
            s.lang,
            date.today(),
            texts,
            list(s.settings_done),
        )

    def on_show(self) -> None:
        """Rebuild when shown (the other steps may have changed the session)."""
        self.refresh()
        self.answer.on_show()

    def relabel(self) -> None:
        """The plan in the new language."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw the plan and its download links (files are made when clicked)."""
        lang = self.lang
        plan = self.plan()
        doc = plan.document
        stem = t("plan.file_stem", lang)
        made = {
            "html": Made(f"{stem}.html", "text/html;charset=utf-8",
                         lambda: doc.to_html().encode("utf-8")),
            "pdf": Made(f"{stem}.pdf", "application/pdf", doc.to_pdf),
        }  # fmt: skip
        if plan.reminders:
            made["ics"] = Made(f"{stem}.ics", "text/calendar;charset=utf-8", plan.to_ics)
        files = [
            {"label": t("plan.dl." + key, lang), "key": key, "filename": m.filename}
            for key, m in made.items()
        ]
        documents = list(self.session.documents)
        letters = [self._letter_entry(n, letter, made) for n, letter in enumerate(documents)]
        zip_file = {"key": "zip", "filename": t("plan.zip_name", lang)}
        if documents:
            made["zip"] = Made(zip_file["filename"], "application/zip",
                               lambda: zip_letters(documents))  # fmt: skip
        self.downloads.show(
            fragment("plan.html.j2", lang, files=files, letters=letters, zip=zip_file), made, lang
        )
        self.preview.value = fragment("plan_doc.html.j2", lang, body=doc.to_html_fragment())

    def _letter_entry(self, n: int, letter: Any, made: dict[str, Made]) -> dict[str, Any]:
        lang = self.lang
        meta = ", ".join(
            [
                t("kind." + letter.kind, lang),
                LANG_NAMES.get(letter.lang, letter.lang),
                t("channel." + letter.channel, lang),
                format_date(letter.made_on, lang),
            ]
        )
        files = []
        for fmt in letter.downloads():
            if fmt in MIME:
                key = f"letter{n}.{fmt}"
                made[key] = Made(letter.filename(fmt), MIME[fmt], getattr(letter, "to_" + fmt))
                files.append({"label": t("obj.dl." + fmt, lang), "key": key,
                              "filename": made[key].filename})  # fmt: skip
        return {"title": letter.service_name, "meta": meta, "files": files}

    def reset(self) -> None:
        """The plan follows the session; clearing the session clears it."""
        self.answer.reset()
        self.refresh()
