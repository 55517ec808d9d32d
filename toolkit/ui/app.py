"""The workshop app: a page header, a language switch, the steps, and a clear-everything button.

One kernel serves one participant. The workshop notebook composes every step so that what a
participant picks in one step flows into the next; the topic notebooks compose a single step.
Each step's view is built the first time it is shown, so heavy imports (pandas) wait until a
step needs them.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, ClassVar

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import HTMLStyle

from ..i18n import DEFAULT_LANG, LANG_NAMES, LANGS, lang_from_query, t
from ..session import Session
from .common import Messages, esc, guarded

# step name -> "module:Class" of its view (imported when the step is first shown)
STEP_VIEWS: dict[str, str] = {
    "start": "toolkit.ui.start:StartView",
    "objection": "toolkit.letters.view:ObjectionView",
    "compare": "toolkit.policies.view:CompareView",
    "alternatives": "toolkit.alternatives.view:AlternativesView",
    "plan": "toolkit.ui.plan:PlanView",
}


def request_query() -> str:
    """The query string of the page request ('lang=de&token=...').

    A kernel from Voila's preheated pool runs the notebook before anyone asks for the page;
    it then waits here for the request (everything imported before this point is ready).
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


def _load_view(name: str) -> type:
    module_name, _, class_name = STEP_VIEWS[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


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
        self.steps = tuple(steps or self.STEPS)
        unknown = [s for s in self.steps if s not in STEP_VIEWS]
        if unknown:
            raise ValueError(f"unknown step(s): {', '.join(unknown)}")
        self.views: dict[str, Any] = {}
        self.messages = Messages()
        # Static text shares one Layout and style: fewer models for the browser to draw.
        text_layout, text_style = ipw.Layout(), HTMLStyle()
        self._title = ipw.HTML(layout=text_layout, style=text_style)
        self._lang = ipw.ToggleButtons(
            options=[(LANG_NAMES[code], code) for code in LANGS],
            value=self.session.lang,
            style={"button_width": "auto", "description_width": "initial"},
        )
        self._lang.add_class("kit-lang")
        self._clear = ipw.Button(icon="eraser", layout=ipw.Layout(width="auto"))
        self._clear.add_class("kit-clear")
        self._nav = ipw.ToggleButtons(style={"button_width": "auto"})
        self._nav.add_class("kit-nav")
        self._body = ipw.Box(layout=ipw.Layout(display="block", width="100%"))
        self._privacy = ipw.HTML(layout=text_layout, style=text_style)
        self._loading: ipw.HTML | None = None  # made when a step first takes a moment to build
        self._lang.observe(self._on_lang, "value")
        self.session.observe(self._relabel, "lang")
        self._clear.on_click(guarded(self._on_clear, self.messages, self._lang_now))
        self._nav.observe(guarded(self._on_nav, self.messages, self._lang_now), "value")
        header = ipw.HBox(
            [self._lang, self._clear],
            layout=ipw.Layout(flex_flow="row wrap", align_items="center"),
        )
        children = [self._title, header]
        if len(self.steps) > 1:
            children.append(self._nav)
        children += [self.messages, self._body, self._privacy]
        super().__init__(children, layout=ipw.Layout(width="100%"))
        self.add_class("kit-app")
        self._relabel()
        self.show(self.steps[0])

    # construction helpers -------------------------------------------------------------
    @classmethod
    def from_request(cls, steps: tuple[str, ...] | None = None) -> WorkshopApp:
        """Build the app for the current Voila request (``?lang=de`` picks German)."""
        return cls(steps=steps, lang=lang_from_query(request_query()) or DEFAULT_LANG)

    def _lang_now(self) -> str:
        return self.session.lang

    # behaviour ---------------------------------------------------------------------------
    def view(self, name: str) -> Any:
        """The view of step `name`, built on first use."""
        if name not in self.views:
            self.views[name] = _load_view(name)(self.session, app=self)
        return self.views[name]

    def show(self, name: str) -> None:
        """Show step `name` (also used by views, e.g. 'object to this service')."""
        if name not in self.steps:
            raise ValueError(f"this app has no step {name!r}")
        if name not in self.views:
            # Building a step can take a moment (pandas, data): say so first.
            if self._loading is None:
                self._loading = ipw.HTML(self._loading_html())
            self._body.children = [self._loading]
        self._body.children = [self.view(name)]
        if self._nav.value != name and len(self.steps) > 1:
            self._nav.value = name
        on_show = getattr(self.views[name], "on_show", None)
        if on_show:
            on_show()

    def clear(self) -> None:
        """Forget every entry in every step (shared laptops)."""
        self.session.clear()
        for view in self.views.values():
            view.reset()
        self.show(self.steps[0])
        self.messages.show(t("app.cleared", self.session.lang), "ok")

    def _on_clear(self, _button: Any) -> None:
        self.clear()

    def _on_nav(self, change: dict) -> None:
        if change["new"] and change["new"] != self._current():
            self.messages.clear()
            self.show(change["new"])

    def _current(self) -> str | None:
        shown = self._body.children[0] if self._body.children else None
        return next((n for n, v in self.views.items() if v is shown), None)

    def _on_lang(self, change: dict) -> None:
        self.session.lang = change["new"]

    def _relabel(self, *_: Any) -> None:
        lang = self.session.lang
        if self._lang.value != lang:
            self._lang.value = lang
        title = t("title." + self.steps[0], lang) if len(self.steps) == 1 else t("app.title", lang)
        self._title.value = (
            f'<h1 class="kit-title" style="margin:0.3em 0 0.1em">{esc(title)}</h1>'
            f'<p style="margin:0 0 0.5em">{esc(t("app.tagline", lang))}</p>'
        )
        self._lang.description = t("app.language", lang)
        self._clear.description = t("app.clear", lang)
        self._clear.tooltip = t("app.clear.tooltip", lang)
        current = self._nav.value
        self._nav.options = [(t("step." + s, lang), s) for s in self.steps]
        self._nav.description = ""
        if current in self.steps:
            self._nav.value = current
        if self._loading is not None:
            self._loading.value = self._loading_html()
        self._privacy.value = (
            f'<p class="kit-privacy" style="font-size:0.9em;color:#444">'
            f"{esc(t('app.privacy', lang))}</p>"
        )

    def _loading_html(self) -> str:
        text = esc(t("app.loading", self.session.lang))
        return f'<p class="kit-loading" role="status">{text}</p>'


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
