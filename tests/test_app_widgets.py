"""The app shell, driven as a participant would, in plain pytest (no browser)."""

import pytest

from toolkit.i18n import t
from toolkit.ui import ObjectionApp, WorkshopApp


def labels(widget) -> str:
    """All descriptions and HTML values below a widget, as one string."""
    parts = []
    stack = [widget]
    while stack:
        w = stack.pop()
        for attr in ("description", "value", "tooltip"):
            v = getattr(w, attr, None)
            if isinstance(v, str):
                parts.append(v)
        options = getattr(w, "_options_labels", None)
        if options:
            parts.extend(options)
        stack.extend(getattr(w, "children", ()))
    return "\n".join(parts)


def test_language_switch_relabels_everything():
    app = WorkshopApp(lang="en")
    assert t("app.clear", "en") in labels(app)
    app._lang.value = "de"
    assert app.session.lang == "de"
    text = labels(app)
    assert t("app.clear", "de") in text
    assert t("start.intro", "de") in text
    assert t("step.compare", "de") in text
    assert t("app.clear", "en") not in text


def test_query_string_picks_language(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=de")
    app = WorkshopApp.from_request()
    assert app.session.lang == "de"
    monkeypatch.setenv("QUERY_STRING", "lang=xx")
    assert WorkshopApp.from_request().session.lang == "en"


def test_navigation_shows_each_step_and_builds_it_once():
    app = WorkshopApp()
    for step in app.steps:
        app._nav.value = step
        assert app._body.children[0] is app.views[step]
    first = app.views["start"]
    app._nav.value = "start"
    assert app.views["start"] is first


def test_start_page_services_flow_into_session_and_clear_resets():
    app = WorkshopApp()
    start = app.views["start"]
    start._picks["facebook"].value = True
    start._picks["slack"].value = True
    assert app.session.services == ["facebook", "slack"]
    app._nav.value = "compare"
    app._clear.click()
    assert app.session.services == ["facebook", "slack"]  # nothing is cleared before "yes"
    app._cancel.click()
    assert app._confirm_row.layout.display == "none" and app.session.services
    app._clear.click()
    app._confirm.click()
    assert app.session.services == []
    assert not any(box.value for box in start._picks.values())
    assert app._nav.value == "start"
    assert t("app.cleared", "en") in app.messages.value


def test_single_step_app_has_no_navigation():
    app = ObjectionApp(lang="de")
    assert app._nav not in app.children
    assert t("title.objection", "de") in app._title.value


def test_unknown_step_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown step"):
        WorkshopApp(steps=("nope",))


def test_callback_errors_become_messages_not_tracebacks():
    app = WorkshopApp()

    def boom(*_):
        raise RuntimeError("secret detail")

    app._show = boom
    app._nav.value = "compare"
    assert "RuntimeError" in app.messages.value
    assert "secret detail" not in app.messages.value


def test_every_step_guards_its_callbacks_and_logs_no_participant_data(capfd):
    """A failing callback in any step shows a message; the server log names no typed value."""
    app = WorkshopApp()
    app.show("objection")
    view = app.views["objection"]

    def boom():
        raise ValueError("Kim Canary kim@example.org")

    view._on_next = boom
    view.next._click_handlers.callbacks.clear()
    view.on_click(view.next, lambda: view._on_next())
    view.next.click()
    assert "ValueError" in view.messages.value and "Kim" not in view.messages.value
    app._lang.value = "de"  # the language switch is guarded too
    err = capfd.readouterr().err
    assert "ValueError" in err and "Kim" not in err and "example.org" not in err


def test_language_switch_on_the_start_page_is_guarded():
    app = WorkshopApp()
    start = app.views["start"]

    def boom():
        raise KeyError("x")

    start.relabel = boom
    app._lang.value = "de"
    assert "KeyError" in start.messages.value
