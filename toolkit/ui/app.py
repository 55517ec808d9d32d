"""The workshop app: a page header, a language switch, the steps, and a clear-everything button.

One kernel serves one participant. The workshop notebook composes every step so that what a
participant picks in one step flows into the next; the topic notebooks compose a single step.
Each step's view is built the first time it is shown, so heavy imports (pandas) wait until a
step needs them. Navigation is the session's `step` trait: views set it, the shell follows.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar

import ipywidgets as ipw

from ..html import bit, fragment
from ..i18n import DEFAULT_LANG, LANG_NAMES, LANGS, easy_langs, lang_from_query, t
from ..paths import TEMPLATES
from ..room import client as room
from ..session import Session
from .common import Html, Messages, guarded


# Each step's view, imported when the step is first shown (pandas waits until it is needed).
def _start(session: Session) -> ipw.Widget:
    from .start import StartView

    return StartView(session)


def _objection(session: Session) -> ipw.Widget:
    from ..letters.view import ObjectionView

    return ObjectionView(session)


def _compare(session: Session) -> ipw.Widget:
    from ..policies.view import CompareView

    return CompareView(session)


def _alternatives(session: Session) -> ipw.Widget:
    from ..alternatives.view import AlternativesView

    return AlternativesView(session)


def _plan(session: Session) -> ipw.Widget:
    from .plan import PlanView

    return PlanView(session)


STEP_VIEWS: dict[str, Callable[[Session], ipw.Widget]] = {
    "start": _start,
    "objection": _objection,
    "compare": _compare,
    "alternatives": _alternatives,
    "plan": _plan,
}


@cache
def stylesheet() -> str:
    """The app's CSS (templates/html/ui/kit.css), read once per kernel."""
    return (TEMPLATES / "html" / "ui" / "kit.css").read_text(encoding="utf-8")


def request_query() -> str:
    """The query string of the page request ('lang=de&token=...').

    A kernel from Voila's preheated pool runs the notebook before anyone asks for the page;
    it then waits here for the request (everything imported before this point is ready).
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


class WorkshopApp(ipw.VBox):
    """The whole app, or a single step of it (``steps=("objection",)``)."""

    STEPS: ClassVar[tuple[str, ...]] = ("start", "objection", "compare", "alternatives", "plan")

    def __init__(
        self,
        steps: tuple[str, ...] | None = None,
        lang: str = DEFAULT_LANG,
        session: Session | None = None,
    ) -> None:
        self.session = session or Session(lang=lang)
        room.watch(self.session)  # counts only, to the room's store (nothing without a room)
        self.steps = tuple(steps or self.STEPS)
        unknown = [s for s in self.steps if s not in STEP_VIEWS]
        if unknown:
            raise ValueError(f"unknown step(s): {', '.join(unknown)}")
        self.session.steps = list(self.steps)
        self.views: dict[str, Any] = {}
        self.messages = Messages()
        # Static text shares one Layout (and, as every Html, one style): fewer models to draw.
        text_layout = ipw.Layout()
        self._title = Html(layout=text_layout)
        # a list, not buttons: seven languages' buttons do not fit a phone's width
        self._lang = ipw.Dropdown(
            options=[(LANG_NAMES[code], code) for code in LANGS],
            value=self.session.lang,
            style={"description_width": "initial"},
            layout=ipw.Layout(width="auto"),
        )
        self._lang.add_class("kit-lang")
        # Easy English / Leichte Sprache: shown for the languages that have it (i18n.Easy)
        self._easy = ipw.Checkbox(
            value=self.session.easy, indent=False, layout=ipw.Layout(width="auto")
        )
        self._easy.add_class("kit-easy")
        self._nav = ipw.ToggleButtons(style={"button_width": "auto"})
        self._nav.add_class("kit-nav")
        self._body = ipw.Box(layout=ipw.Layout(display="block", width="100%"))
        self._privacy = Html(layout=text_layout)
        # no icon: its font (78 KB) would be part of every first page load
        self._clear = ipw.Button(layout=ipw.Layout(width="auto"))
        self._clear.add_class("kit-clear")
        self._confirm = ipw.Button(button_style="danger", layout=ipw.Layout(width="auto"))
        self._confirm.add_class("kit-clear-confirm")
        self._cancel = ipw.Button(layout=ipw.Layout(width="auto"))
        self._cancel.add_class("kit-clear-cancel")
        self._confirm_text = Html()
        self._confirm_row = ipw.HBox(
            [self._confirm_text, self._confirm, self._cancel],
            layout=ipw.Layout(flex_flow="row wrap", align_items="center", display="none"),
        )
        self._loading: ipw.HTML | None = None  # made when a step first takes a moment to build
        guard = self._guard
        self._lang.observe(guard(self._on_lang), "value")
        self._easy.observe(guard(self._on_easy), "value")
        self.session.observe(guard(self._relabel), "lang")
        self.session.observe(guard(self._on_step), "step")
        self._clear.on_click(guard(self._ask_clear))
        self._confirm.on_click(guard(self._on_clear))
        self._cancel.on_click(guard(self._cancel_clear))
        self._nav.observe(guard(self._on_nav), "value")
        languages = ipw.HBox(
            [self._lang, self._easy],
            layout=ipw.Layout(flex_flow="row wrap", align_items="center", width="100%"),
        )
        children = [self._title, languages]
        if len(self.steps) > 1:
            children.append(self._nav)
        footer = ipw.HBox(
            [self._privacy, self._clear],
            layout=ipw.Layout(flex_flow="row wrap", align_items="center", width="100%"),
        )
        children += [self.messages, self._body, footer, self._confirm_row]
        super().__init__(children, layout=ipw.Layout(width="100%"))
        self.add_class("kit-app")
        self._relabel()
        self.session.step = self.steps[0]
        if not self._body.children:
            self._show(self.steps[0])

    # construction helpers -------------------------------------------------------------
    @classmethod
    def from_request(cls, steps: tuple[str, ...] | None = None) -> WorkshopApp:
        """Build the app for the current Voila request (``?lang=de`` picks German)."""
        return cls(steps=steps, lang=lang_from_query(request_query()) or DEFAULT_LANG)

    def _guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        return guarded(callback, self.messages, lambda: self.session.lang)

    # behaviour ---------------------------------------------------------------------------
    def view(self, name: str) -> Any:
        """The view of step `name`, built on first use."""
        if name not in self.views:
            self.views[name] = STEP_VIEWS[name](self.session)
        return self.views[name]

    def show(self, name: str) -> None:
        """Show step `name` (the same as the participant choosing it in the navigation)."""
        if name not in self.steps:
            raise ValueError(f"this app has no step {name!r}")
        if self.session.step != name:
            self.session.step = name  # the observer shows it
        elif self._current() != name:
            self._show(name)

    def _on_step(self, change: dict) -> None:
        if change["new"] in self.steps:
            self._show(change["new"])

    def _show(self, name: str) -> None:
        self.messages.clear()
        if name not in self.views:
            # Building a step can take a moment (pandas, data): say so first.
            if self._loading is None:
                self._loading = Html(self._loading_html())
            self._body.children = [self._loading]
        view = self.view(name)
        self._body.children = [view]
        if self._nav.value != name and len(self.steps) > 1:
            self._nav.value = name
        view.on_show()

    def clear(self) -> None:
        """Forget every entry in every step (shared laptops)."""
        self.session.clear()
        for view in self.views.values():
            view.reset()
        self._confirm_row.layout.display = "none"
        self.show(self.steps[0])
        self.messages.show(t("app.cleared", self.session.lang), "ok")

    def _ask_clear(self, _button: Any) -> None:
        self._confirm_row.layout.display = "flex"

    def _cancel_clear(self, _button: Any) -> None:
        self._confirm_row.layout.display = "none"

    def _on_clear(self, _button: Any) -> None:
        self.clear()

    def _on_nav(self, change: dict) -> None:
        if change["new"] and change["new"] != self.session.step:
            self.session.step = change["new"]

    def _current(self) -> str | None:
        shown = self._body.children[0] if self._body.children else None
        return next((n for n, v in self.views.items() if v is shown), None)

    def _on_lang(self, change: dict) -> None:
        self.session.lang = change["new"]

    def _on_easy(self, change: dict) -> None:
        self.session.easy = bool(change["new"])

    def _relabel(self, *_: Any) -> None:
        lang = self.session.lang
        if self._lang.value != lang:
            self._lang.value = lang
        title = t("title." + self.steps[0], lang) if len(self.steps) == 1 else t("app.title", lang)
        self._title.value = fragment("app_header.html.j2", lang, title=title, css=stylesheet())
        self._lang.description = t("app.language", lang)
        self._easy.description = t("app.easy", lang)
        self._easy.layout.display = None if lang in easy_langs() else "none"
        self._clear.description = t("app.clear", lang)
        self._clear.tooltip = t("app.clear.tooltip", lang)
        self._confirm.description = t("app.clear.confirm", lang)
        self._cancel.description = t("app.clear.cancel", lang)
        self._confirm_text.value = bit("paragraph", t("app.clear.ask", lang))
        current = self._nav.value
        self._nav.options = [(t("step." + s, lang), s) for s in self.steps]
        self._nav.description = ""
        if current in self.steps:
            self._nav.value = current
        if self._loading is not None:
            self._loading.value = self._loading_html()
        self._privacy.value = bit("paragraph", t("app.privacy", lang), "kit-privacy")

    def _loading_html(self) -> str:
        return bit("message", t("app.loading", self.session.lang), "info")


class _SingleStep:
    """Factory of a one-step app, e.g. ``ObjectionApp.from_request()`` in a topic notebook."""

    def __init__(self, step: str) -> None:
        self.step = step

    def from_request(self) -> WorkshopApp:
        """Build the one-step app for the current request."""
        return WorkshopApp.from_request(steps=(self.step,))

    def __call__(self, lang: str = DEFAULT_LANG, session: Session | None = None) -> WorkshopApp:
        return WorkshopApp(steps=(self.step,), lang=lang, session=session)


ObjectionApp = _SingleStep("objection")
CompareApp = _SingleStep("compare")
AlternativesApp = _SingleStep("alternatives")
PlanApp = _SingleStep("plan")
