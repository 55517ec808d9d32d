"""Easy English and Leichte Sprache: the switch, the easy explanations and the letter explainer."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape
from test_app_widgets import labels

from toolkit import data, i18n
from toolkit.letters import KINDS, REASONS, compose
from toolkit.letters.explain import EXPLAIN_DIR, explain, languages
from toolkit.letters.spec import channels_for, offered_kinds
from toolkit.ui import WorkshopApp

EASY = ("en", "de")


def easy_catalogue(lang: str) -> dict[str, str]:
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "easy.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_english_and_german_have_an_easy_variant_with_the_same_keys():
    assert set(EASY) <= set(i18n.easy_langs())
    keys = {lang: set(easy_catalogue(lang)) for lang in EASY}
    # the explanations of the main walk so far (start, objection, compare, plan, answer, moving);
    # the other explanations keep their ordinary text until they have an easy one
    assert len(keys["en"]) >= 30 and keys["en"] == keys["de"]
    for lang in EASY:
        for key, text in easy_catalogue(lang).items():
            assert i18n.has(key), key  # an easy text explains an existing string
            ordinary = i18n.t(key, lang)
            assert text.strip() and text != ordinary, (lang, key)
            assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", ordinary))


@pytest.mark.parametrize("lang", EASY)
def test_the_switch_gives_easy_explanations_and_keeps_the_buttons(lang):
    app = WorkshopApp(lang=lang)
    easy_intro = easy_catalogue(lang)["start.intro"]
    assert i18n.t("start.intro", lang) in labels(app)
    assert app._easy.layout.display is None
    app._easy.value = True
    assert app.session.easy and app.session.lang == lang
    text = labels(app)
    assert easy_intro in text and i18n.t("start.intro", lang) not in text
    assert i18n.t("app.clear", lang) in text  # labels keep their ordinary words
    app.show("compare")  # a step opened later reads easily too
    assert easy_catalogue(lang)["cmp.legend"] in labels(app)
    app._easy.value = False
    assert i18n.t("cmp.legend", lang) in labels(app)
    app.show("start")
    assert i18n.t("start.intro", lang) in labels(app) and easy_intro not in labels(app)


def test_languages_without_an_easy_variant_hide_the_switch():
    others = [c for c in i18n.LANGS if c not in i18n.easy_langs()]
    for lang in others:
        app = WorkshopApp(lang=lang)
        assert app._easy.layout.display == "none", lang


def _letters(lang: str, full: bool):
    services = data.records("services")
    authorities = data.records("authorities")
    for sid, record in sorted(services.items()):
        for kind in offered_kinds(record):
            for channel in channels_for(kind, record):
                kw = {"name": "Kim Canary", "email": "kim@example.org"}
                if full:
                    kw["address"] = "Street 1\n12345 Town"
                if kind == "admin-optout":
                    kw["workspace_url"] = "https://team.slack.com"
                if kind in ("follow-up", "complaint"):
                    kw["sent_on"] = date(2026, 10, 15)
                    if full:
                        kw.update(reference="A-1", answer="We will take your request into account.")
                if kind == "complaint" and record["lead_authority"] not in authorities:
                    kw["authority"] = "de-by"
                if kind == "objection-ai" and full:
                    kw.update(
                        reasons=list(REASONS),
                        own_reason="Mine.",
                        others_affected=True,
                        direct_marketing=True,
                    )
                yield compose(
                    kind, service=sid, lang=lang, channel=channel, made_on=date(2026, 12, 1), **kw
                )


EXPLAINED_KINDS = KINDS  # every kind of letter the kit writes


@pytest.mark.parametrize("full", [True, False], ids=["every-choice", "no-choice"])
@pytest.mark.parametrize("lang", EASY)
def test_every_paragraph_of_every_real_objection_is_explained(lang, full):
    assert lang in languages()
    for kind in EXPLAINED_KINDS:
        assert (EXPLAIN_DIR / lang / f"{kind}.yaml").is_file()
    letters = [x for x in _letters(lang, full) if x.kind in EXPLAINED_KINDS]
    assert len(letters) > 60
    for letter in letters:
        for item in explain(letter.body, letter.kind, lang, "Kim Canary"):
            assert item.explain, (letter.service, letter.kind, letter.channel, item.paragraph[:80])


def test_the_letter_preview_explains_each_paragraph_in_easy_reading_only():
    app = WorkshopApp(lang="en")
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    view.wizard.go(2)
    view.control("name").value = "Kim Canary"
    view.control("email").value = "kim@example.org"
    view.next.click()
    assert view.form.letter is not None
    assert "kit-explain" not in view.preview.value
    app._easy.value = True
    first = explain(view.form.letter.body, "objection-ai", "en", "Kim Canary")[1].explain
    assert "kit-explain" in view.preview.value and str(escape(first)) in view.preview.value
    assert view.form.letter.body.split("\n")[0] in view.preview.value  # the letter is unchanged
