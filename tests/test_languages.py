"""Every step in every interface language, with no English left on a page of another language.

A participant walks the workshop app (start page with services ticked, the objection wizard to
its letter, the comparison, the alternatives, the plan) in each language; the text of every
state they see is searched for the English of any interface string or record text that has a
translation of its own. Issue #20: "no string left in English on a non-English page".
"""

from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po

from toolkit import datatext, i18n
from toolkit.ui import WorkshopApp

OTHERS = [lang for lang in i18n.LANGS if lang != "en"]
TAGS = re.compile(r"<[^>]+>")


def visible_text(widget) -> str:
    """What the widgets below `widget` show: labels, options, HTML without tags."""
    parts = []
    stack = [widget]
    while stack:
        w = stack.pop()
        layout = getattr(w, "layout", None)
        if layout is not None and getattr(layout, "display", None) == "none":
            continue
        for attr in ("description", "value", "placeholder", "tooltip"):
            value = getattr(w, attr, None)
            if isinstance(value, str):
                parts.append(html.unescape(TAGS.sub(" ", value)))
        parts.extend(getattr(w, "_options_labels", None) or ())
        stack.extend(getattr(w, "children", ()))
    return " ".join(" ".join(parts).split())


def _english_interface() -> dict[str, str]:
    with (i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "kit.po").open("rb") as handle:
        return {
            (m.id[0] if m.pluralizable else m.id): (m.string[0] if m.pluralizable else m.string)
            for m in read_po(handle)
            if m.id
        }


ENGLISH = _english_interface()


def english_left(text: str, lang: str) -> list[str]:
    """Interface strings in `text` left in English although `lang` has them translated."""
    found = []
    for key, english in ENGLISH.items():
        plain = " ".join(TAGS.sub(" ", english).split())
        fixed = re.split(r"\{\w+\}", plain)
        longest = max(fixed, key=len).strip()
        if len(longest) < 20 or i18n.t(key, lang) == english:
            continue
        if longest in text:
            found.append(key)
    return found


def records_in_english(text: str, lang: str) -> set[str]:
    """Record texts (data/) in `text` still in English: `lang`'s data.po has no translation."""
    return {e for e in _record_texts() if e in text and datatext.translate(e, lang) == e}


def _record_texts() -> list[str]:
    with datatext.POT.open("rb") as handle:
        return [m.id for m in read_po(handle) if m.id and len(m.id) >= 30]


def walk(lang: str):
    """(where, app) at every state a participant passes, in `lang`."""
    app = WorkshopApp(lang=lang)
    start = app.views["start"]
    yield "start", app
    for service_id, box in start._picks.items():
        box.value = service_id in ("facebook", "linkedin", "slack")
    yield "start, three ticked", app
    app.show("objection")
    view = app.views["objection"]
    yield "objection, service", app
    view.control("service").value = "facebook"
    view.control("kind").value = "objection-ai"
    view.next.click()
    yield "objection, grounds", app
    view.next.click()
    yield "objection, details", app
    view.control("name").value = "Kim Canary"
    view.control("email").value = "kim@example.org"
    view.next.click()
    assert view.form.letter is not None, (lang, view.messages.value)
    yield "objection, letter", app
    app.show("compare")
    yield "compare", app
    app.show("alternatives")
    yield "alternatives", app
    alternatives = app.views["alternatives"]
    alternatives.pick.value = "mattermost"
    alternatives.choose.click()
    yield "alternatives, chosen", app
    app.show("plan")
    yield "plan", app


# Record texts (service summaries, opt-out steps, notes) a participant meets on this walk that
# are still in English because the language's data.po does not translate them yet: a ratchet,
# lowered as translations land, to be 0 (issue #20). German texts are in the records.
RECORD_TEXTS_IN_ENGLISH = {"de": 0, "fr": 0}


@pytest.mark.parametrize("lang", OTHERS)
def test_every_step_speaks_the_language_with_no_english_left(lang):
    seen, records = 0, set()
    for where, app in walk(lang):
        text = visible_text(app)
        left = english_left(text, lang)
        assert not left, (lang, where, left[:5])
        records |= records_in_english(text, lang)
        seen += 1
    assert seen == 10
    assert len(records) <= RECORD_TEXTS_IN_ENGLISH.get(lang, 0), (lang, sorted(records)[:5])


def test_the_check_finds_english_on_an_english_page():
    """The search above can fail: on the English app it finds the English of German strings."""
    where, app = next(walk("en"))
    assert where == "start"
    assert len(english_left(visible_text(app), "de")) >= 5
