"""The plan step: the personal action plan, with downloads (HTML, PDF, ics)."""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw

from ..html import fragment
from ..i18n import t
from ..plan import Plan, build_plan
from .base import StepView
from .common import data_uri


class PlanView(StepView):
    """Shows the plan made from this session and offers it for download; stores nothing.

    The model is the session; `plan()` derives the plan from it (toolkit/plan.py).
    """

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.downloads = ipw.HTML()
        self.downloads.add_class("kit-downloads")
        self.preview = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.preview.add_class("kit-plan")
        self.children = [self.messages, self.downloads, self.preview]
        self.add_class("kit-plan-view")
        # Only the language changes while the plan is on screen (relabel); the other steps
        # change the session while it is hidden, and on_show() rebuilds it.

    def plan(self) -> Plan:
        """The plan for what this session holds now."""
        s = self.session
        return build_plan(
            list(s.services), list(s.letters), list(s.alternatives), s.lang, date.today()
        )

    def on_show(self) -> None:
        """Rebuild when shown (the other steps may have changed the session)."""
        self.refresh()

    def relabel(self) -> None:
        """The plan in the new language."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw the plan and its downloads."""
        lang = self.lang
        plan = self.plan()
        doc = plan.document
        stem = "privacy-action-plan" if lang == "en" else "datenschutz-aktionsplan"
        files = [
            {
                "label": t("plan.dl.html", lang),
                "filename": f"{stem}.html",
                "href": data_uri(doc.to_html().encode("utf-8"), "text/html;charset=utf-8"),
            },
            {
                "label": t("plan.dl.pdf", lang),
                "filename": f"{stem}.pdf",
                "href": data_uri(doc.to_pdf(), "application/pdf"),
            },
        ]
        if plan.reminders:
            files.append(
                {
                    "label": t("plan.dl.ics", lang),
                    "filename": f"{stem}.ics",
                    "href": data_uri(plan.to_ics(), "text/calendar;charset=utf-8"),
                }
            )
        self.downloads.value = fragment("plan.html.j2", lang, files=files)
        self.preview.value = fragment("plan_doc.html.j2", lang, body=doc.to_html_fragment())

    def reset(self) -> None:
        """The plan follows the session; clearing the session clears it."""
        self.refresh()
