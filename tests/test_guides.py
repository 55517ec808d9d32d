"""The facilitator and learner guides in every interface language (issue #20: "the facilitator
guide and the handouts in every language").

English and German share one file (the kit's first two languages, reviewed together); every other
interface language has its own file, translated from the English. A translation must have every
section of the English and keep every command and file path a facilitator types.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.i18n import LANG_NAMES, LANGS

DOCS = Path(__file__).parents[1] / "docs"
OTHERS = [lang for lang in LANGS if lang not in ("en", "de")]
# What a facilitator types or opens: commands and paths, without the placeholders (<network>,
# SECONDS) that the guides translate.
TYPED = re.compile(r"^(make |python -m |\.venv/|data/|docs/|toolkit/|templates/|bench/)[^<]*$")
PLACEHOLDER = re.compile(r"\b[A-Z]{4,}\b")


def english(stem: str) -> str:
    text = (DOCS / f"{stem}.md").read_text(encoding="utf-8")
    return text.split("## English", 1)[1].split("## Deutsch", 1)[0]


def typed(text: str) -> set[str]:
    return {
        " ".join(span.split())
        for span in re.findall(r"`([^`]+)`", text)
        if TYPED.match(span) and not PLACEHOLDER.search(span)
    }


def test_there_are_languages_beyond_english_and_german():
    assert OTHERS


@pytest.mark.parametrize("stem", ["facilitator-guide", "learner-guide"])
@pytest.mark.parametrize("lang", OTHERS)
def test_each_guide_is_in_the_language_with_every_section_and_command(stem, lang):
    source = english(stem)
    path = DOCS / f"{stem}.{lang}.md"
    assert path.is_file(), f"no {path.name}"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n### ") == source.count("\n### ")
    wanted = typed(source)
    assert wanted or stem == "learner-guide"
    assert wanted <= typed(text), sorted(wanted - typed(text))
    # the file names itself in the language menu and links every other language
    assert f"**{LANG_NAMES[lang]}**" in text.split("\n\n", 2)[1]
    for other in OTHERS:
        if other != lang:
            assert f"({stem}.{other}.md)" in text


@pytest.mark.parametrize("stem", ["facilitator-guide", "learner-guide"])
def test_the_english_and_german_guide_links_every_translation(stem):
    head = (DOCS / f"{stem}.md").read_text(encoding="utf-8").split("## English", 1)[0]
    for lang in OTHERS:
        assert f"[{LANG_NAMES[lang]}]({stem}.{lang}.md)" in head
