"""What every step's view shares: one error guard, relabelling, and widgets that follow a model.

A view is thin: its state lives in a model (traits, no widgets), its HTML in templates. The
language switch only relabels. Every callback a view registers goes through `guard`, so an
error becomes a translated message in the view's message area, and a log line on the
server's stderr that names the error's type and place but no value the participant typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as ipw

from .common import Messages, guarded


class StepView(ipw.VBox):
    """Base of the steps' views: a message area, guarded callbacks, relabel on language."""

    def __init__(self, session: Any, children: list | None = None, **kwargs: Any) -> None:
        self.session = session
        self.messages = Messages()
        kwargs.setdefault("layout", ipw.Layout(width="100%"))
        super().__init__(children or [], **kwargs)
        session.observe(self.guard(lambda _change: self.relabel()), "lang")

    @property
    def lang(self) -> str:
        """The interface language now."""
        return self.session.lang

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """`callback` with this view's error guard."""
        return guarded(callback, self.messages, lambda: self.session.lang)

    def on_click(self, button: ipw.Button, callback: Callable[[], Any]) -> None:
        """Call `callback()` (guarded) when `button` is clicked."""
        button.on_click(self.guard(lambda _button: callback()))

    def on_change(self, widget: Any, callback: Callable[[], Any], name: str = "value") -> None:
        """Call `callback()` (guarded) when the trait `name` of `widget` changes."""
        widget.observe(self.guard(lambda _change: callback()), name)

    def relabel(self) -> None:
        """Put every label in the interface language; never changes a value."""

    def on_show(self) -> None:
        """Called each time the step is shown."""

    def reset(self) -> None:
        """Forget what the participant entered on this step."""


class Choice:
    """A Dropdown (or ToggleButtons) that follows a model's value and options traits.

    The model decides the options and the value; the widget shows them with labels in the
    interface language. While the view updates the widget from the model, the widget's own
    change events are ignored, so options set before or after the value cannot fight, and a
    relabel never changes the model's value.
    """

    def __init__(
        self,
        widget: Any,
        model: Any,
        value: str,
        options: str | None,
        label: Callable[[str], str],
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        fixed: tuple[str, ...] = (),
    ) -> None:
        self.widget, self.model, self.value_name, self.options_name = widget, model, value, options
        self.label, self.fixed = label, fixed
        self._syncing = False
        widget.observe(guard(self._from_widget), "value")
        model.observe(guard(lambda _c: self.show()), value)
        if options:
            model.observe(guard(lambda _c: self.show()), options)
        self.show()

    def values(self) -> list[str]:
        """The values the widget offers now."""
        return list(getattr(self.model, self.options_name)) if self.options_name else [*self.fixed]

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def show(self) -> None:
        """Show the model's options (relabelled) and value."""
        values = self.values()
        current = getattr(self.model, self.value_name)
        with self._quiet():
            self.widget.options = [(self.label(v), v) for v in values]
            self.widget.value = current if current in values else None

    def _from_widget(self, change: dict) -> None:
        if self._syncing or change["new"] is None:
            return
        setattr(self.model, self.value_name, change["new"])
