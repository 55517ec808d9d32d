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


def newest_check() -> str:
    """The day of the newest verified_on of the loaded records."""
    from datetime import date

    from toolkit import data

    days = [r["verified_on"] for k in data.DATED_KINDS for r in data.records(k).values()]
    return date.fromisoformat(max(days))


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("step", WorkshopApp.STEPS)
def test_every_page_says_when_the_data_were_last_checked(lang, step):
    """The header of every page, in the workshop app and each topic notebook, dates the data."""
    import re

    from toolkit.letters.model import format_date

    day = newest_check()
    line = t("app.data_as_of", lang, date=format_date(day, lang))
    written = {"en": f"{day.day} {day.strftime('%B')} {day.year}", "de": day.strftime("%d.%m.%Y")}
    assert written[lang] in line
    workshop = WorkshopApp(lang=lang)
    workshop.show(step)
    # the topic notebooks (01-objection ... 04-action-plan) show one step; the start page only
    # exists in the workshop app
    single = WorkshopApp(steps=(step,), lang=lang) if step != "start" else workshop
    for app in (workshop, single):
        assert app._body.children[0] is app.views[step]
        page = labels(app)
        assert re.search(rf'<p class="kit-as-of">{re.escape(line)}</p>', page), (step, lang)
    other = "de" if lang == "en" else "en"
    single.session.lang = other  # a language switch rewrites the line
    assert t("app.data_as_of", other, date=format_date(day, other)) in labels(single)
    assert line not in labels(single)


def test_data_as_of_reads_the_newest_top_level_verified_on(tmp_path):
    from datetime import date

    from toolkit import data

    for kind, name, text in (
        ("services", "a", "name: A\nverified_on: '2026-05-04'\n"),
        (
            "alternatives",
            "b",
            "name: B\nsources:\n  - verified_on: 2031-01-01\nverified_on: 2026-07-08\n",
        ),
        ("authorities", "c", 'name: C\nverified_on: "2025-01-02"\n'),
        ("services", "broken", "name: D\nverified_on: 2026-02-30\n"),
    ):
        (tmp_path / kind).mkdir(exist_ok=True)
        (tmp_path / kind / f"{name}.yaml").write_text(text, encoding="utf-8")
    try:
        data.use_data_dir(tmp_path)
        assert data.data_as_of() == date(2026, 7, 8)
        assert data.data_as_of_text("en") == "8 July 2026"
        assert data.data_as_of_text("de") == "08.07.2026"
        data.use_data_dir(tmp_path / "empty")
        assert data.data_as_of() is None and data.data_as_of_text("en") == ""
    finally:
        data.use_data_dir(None)
    assert data.data_as_of() == newest_check()
