"""The letter languages and the texts around a letter in each of them.

A letter language is a directory `templates/letters/<lang>/` holding one template per kind and a
`texts.yaml`: the language's own name (for the letter-language toggle), the GDPR's abbreviation,
the PDF's page footer, the kinds' names and the calendar reminder's texts, and the sentences of
the grounds an objection may give. Adding a language is adding a directory: nothing in the code
names one, so the letter language stays apart from the interface's (issue #20). English and
German come first (the interface's original languages); the others follow in code order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import data
from ..paths import TEMPLATES

LETTER_DIR = TEMPLATES / "letters"
FIRST = ("en", "de")


def _languages() -> tuple[str, ...]:
    found = sorted(p.parent.name for p in LETTER_DIR.glob("*/texts.yaml"))
    return tuple(code for code in FIRST if code in found) + tuple(
        code for code in found if code not in FIRST
    )


LANGS: tuple[str, ...] = _languages()


@cache
def texts(lang: str) -> dict[str, Any]:
    """The parsed `texts.yaml` of the letter language `lang` (KeyError for another code)."""
    if lang not in LANGS:
        raise KeyError(lang)
    return data.read_yaml((LETTER_DIR / lang / "texts.yaml").read_text(encoding="utf-8"))


def name(lang: str) -> str:
    """The language's name in itself ('Deutsch', 'Français'), for the letter-language toggle."""
    return str(texts(lang)["name"])


def reason_sentence(reason: str, lang: str) -> str:
    """The sentence a ground `reason` puts into an objection written in `lang`."""
    return str(texts(lang)["reasons"][reason])


def kind_name(kind: str, lang: str) -> str:
    """A letter kind's lower-case name inside a sentence ('objection', 'Widerspruch')."""
    return str(texts(lang)["kinds"][kind])


def reminder(kind: str, lang: str) -> tuple[str, str]:
    """The calendar reminder's (summary, description) templates for a letter of `kind`."""
    ics = texts(lang)["ics"]
    entry = ics.get(kind, ics["default"])
    return str(entry["summary"]), str(entry["description"])


def page_footer(lang: str) -> str:
    """The PDF's footer, 'Page {page} of {pages}' in the letter's language."""
    return str(texts(lang)["page"])
