"""Interface strings, read from gettext catalogues (letters have their own templates and language).

The catalogues are `toolkit/locale/<lang>/LC_MESSAGES/kit.po`, the format translators' tools
(Weblate, Poedit, Babel) read. Each `msgid` is a stable key such as ``obj.next``; `msgstr` is the
text, with ``{placeholders}`` for `str.format`. The compiled `kit.mo` next to each `.po` is what
the app reads: the standard library's `gettext` loads it in about a millisecond, while parsing the
`.po` with Babel at start-up costs about 170 ms per kernel (measured: Babel import 120 ms, reading
a 600-entry catalogue 50 ms), which every participant's page would pay. `make catalogs` compiles
the `.po` files; a test checks that every `.mo` matches its `.po` and that every key the code uses
exists in every language.

Nothing registers strings by importing a module: `t()` works whatever was imported.
English is the fallback language.
"""

from __future__ import annotations

import gettext
from functools import cache
from urllib.parse import parse_qs

from .paths import PACKAGE

DEFAULT_LANG = "en"
DOMAIN = "kit"
LOCALE_DIR = PACKAGE / "locale"
# Each language's name in itself, for the language menus.
LANG_NAMES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
}


def _languages() -> tuple[str, ...]:
    """The interface languages: those with a compiled catalogue, English and German first."""
    found = {p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    first = ("en", "de")
    return tuple(c for c in first if c in found) + tuple(
        c for c in LANG_NAMES if c in found and c not in first
    )


LANGS: tuple[str, ...] = _languages()


class MissingString(KeyError):
    """An interface string key that no catalogue has (a bug in the kit, not in the input)."""


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


def normalize_lang(value: object) -> str:
    """Return a supported language code for `value` ('de', 'DE', 'de-AT' -> 'de'), else English."""
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else DEFAULT_LANG


class Easy(str):
    """A language code read in its easy variant: Easy English, Leichte Sprache (issue #20).

    It is the language code itself (`Easy("de") == "de"`, the same hash), so everything that
    picks a text, a date format or a record's text by language works unchanged; only `t()`
    looks at `easy` and takes the explanation from the easy catalogue
    (`locale/<lang>/LC_MESSAGES/easy.mo`) where it has one. Buttons and labels keep their
    ordinary text; letters stay legal text.
    """

    easy = True

    def __new__(cls, code: str) -> Easy:
        return super().__new__(cls, code)


def easy_langs() -> tuple[str, ...]:
    """The languages with an easy variant (an easy catalogue)."""
    return tuple(c for c in LANGS if (LOCALE_DIR / c / "LC_MESSAGES" / "easy.mo").is_file())


def as_read(lang: str, easy: bool) -> str:
    """`lang` in its easy variant when `easy` and the language has one, else the plain code."""
    code = normalize_lang(lang)
    return Easy(code) if easy and code in easy_langs() else code


@cache
def _easy(lang: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "easy.mo"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _lookup(key: str, lang: str) -> str | None:
    if getattr(lang, "easy", False):
        text = _easy(str.__str__(lang)).gettext(key)
        if text != key:
            return text
    for code in (normalize_lang(lang), DEFAULT_LANG):
        text = _translations(code).gettext(key)
        if text != key:
            return text
    return None


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The interface string `key` in `lang` (falling back to English), formatted with `values`."""
    text = _lookup(key, lang)
    if text is None:
        raise MissingString(key)
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The plural form of `key` for the count `n` in `lang` (``{n}`` is filled in).

    A plural entry has ``msgid "key"``, ``msgid_plural "key"`` and one `msgstr[i]` per plural
    form of the language (its `Plural-Forms` header says how many).
    """
    code = normalize_lang(lang)
    for candidate in (code, DEFAULT_LANG):
        text = _translations(candidate).ngettext(key, key, n)
        if text != key:
            return text.format(n=n, **values)
    raise MissingString(key)


def has(key: str) -> bool:
    """True if the catalogue has an interface string `key`."""
    return _lookup(key, DEFAULT_LANG) is not None


def lang_from_query(query: str | None) -> str | None:
    """The language asked for in a query string such as 'lang=de&x=1', or None."""
    values = parse_qs(query or "").get("lang")
    return normalize_lang(values[0]) if values else None


def punctuation(mark: str, lang: str) -> str:
    """`mark` (':', ';', '?', '!') as set after a word: French puts a no-break space before it."""
    return "\u00a0" + mark if lang == "fr" and mark in ":;?!" else mark


def quotes(lang: str) -> tuple[str, str]:
    """The language's quotation marks (CLDR's, through Babel, beyond English and German)."""
    if lang == "de":
        return "„", "“"
    if lang == "en":
        return "“", "”"
    from babel import Locale

    locale = Locale.parse(normalize_lang(lang))
    start, end = str(locale.quotation_start), str(locale.quotation_end)
    if lang == "fr":  # French sets a no-break space inside « »
        return start + "\u00a0", "\u00a0" + end
    return start, end
