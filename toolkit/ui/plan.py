"""The plan step: the personal action plan, with downloads (HTML, PDF, ics)."""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as ipw

from ..i18n import t
from ..plan import build_plan
from .common import Messages, download_link, esc, guarded


class PlanView(ipw.VBox):
    """Shows the plan made from this session and offers it for download; stores nothing."""

    def __init__(self, session: Any, app: Any = None) -> None:
        self._session = session
        self._app = app
        self.messages = Messages()
        self.keep = ipw.HTML()
        self.downloads = ipw.HTML()
        self.downloads.add_class("kit-downloads")
        self.preview = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.preview.add_class("kit-plan")
        super().__init__(
            [self.messages, self.keep, self.downloads, self.preview],
            layout=ipw.Layout(width="100%"),
        )
        self.add_class("kit-plan-view")
        refresh = guarded(lambda _=None: self.refresh(), self.messages, lambda: self._session.lang)
        # Only the language changes while the plan is on screen; the other steps change the
        # session while it is hidden, and on_show() rebuilds it (PDFs are not free to make).
        session.observe(refresh, "lang")
        if app is None:
            self.refresh()  # inside the app, show() calls on_show() right after building

    def plan(self):
        """The plan for what this session holds now."""
        s = self._session
        return build_plan(
            list(s.services), list(s.letters), list(s.alternatives), s.lang, date.today()
        )

    def on_show(self) -> None:
        """Rebuild when shown (the other steps may have changed the session)."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw the plan and its downloads."""
        lang = self._session.lang
        plan = self.plan()
        doc = plan.document
        stem = "privacy-action-plan" if lang == "en" else "datenschutz-aktionsplan"
        links = [
            download_link(
                doc.to_html().encode("utf-8"),
                f"{stem}.html",
                "text/html;charset=utf-8",
                t("plan.dl.html", lang),
            ),
            download_link(doc.to_pdf(), f"{stem}.pdf", "application/pdf", t("plan.dl.pdf", lang)),
        ]
        if plan.reminders:
            links.append(
                download_link(
                    plan.to_ics(),
                    f"{stem}.ics",
                    "text/calendar;charset=utf-8",
                    t("plan.dl.ics", lang),
                )
            )
        self.keep.value = f'<p role="note"><strong>{esc(t("plan.keep", lang))}</strong></p>'
        self.downloads.value = "<p>" + " · ".join(links) + "</p>"
        self.preview.value = f'<div style="border:1px solid #ccc;padding:4px 14px;max-width:800px">{doc.to_html_fragment()}</div>'

    def reset(self) -> None:
        """The plan follows the session; clearing the session clears it."""
        self.refresh()
