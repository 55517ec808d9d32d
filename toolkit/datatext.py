"""Data records' texts in every interface language.

The records in `data/` carry their texts in English and German (`summary: {en: ..., de: ...}`),
written and reviewed with the facts. Every other interface language gets them from a gettext
catalogue, `toolkit/locale/<lang>/LC_MESSAGES/data.po`, the format translators' tools read:
each `msgid` is the English text itself and the `#:` references say which records use it (`data/services/facebook.yaml#summary`). Keying
on the English text means a translation whose English changed no longer matches (gettext's
usual staleness rule: the participant then sees the current English, not an outdated claim), and
one sentence used by several records is translated once.

`python -m toolkit data-pot` writes the template `toolkit/locale/data.pot` from the records;
`make catalogs` compiles every `data.po`. A test checks that the template is current.

At load, every `{en, de}` text in a record becomes a `Texts` mapping: `texts["fr"]` (and
`.get("fr")`) looks the English up in the French catalogue when first asked, so the many places
that write `record["summary"][lang]` work for every language, and a kernel pays only for the
languages its participant uses.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .paths import PACKAGE

DOMAIN = "data"
LOCALE_DIR = PACKAGE / "locale"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
# Languages whose texts the records hold themselves.
IN_RECORDS = ("en", "de")


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def translate(english: Any, lang: str) -> Any:
    """`english` (a text or a list of texts) in `lang`; English where no translation exists."""
    catalogue = _catalogue(lang)
    if isinstance(english, list):
        return [catalogue.gettext(item) if item else item for item in english]
    if isinstance(english, str) and english:
        return catalogue.gettext(english)
    return english


class Texts(dict):
    """A record's `{en, de}` text that answers for the other interface languages too."""

    def __missing__(self, lang: str) -> Any:
        if not isinstance(lang, str) or "en" not in self or not _is_code(lang):
            raise KeyError(lang)
        return translate(dict.__getitem__(self, "en"), lang)

    def get(self, lang: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[lang]
        except KeyError:
            return default


def _is_code(lang: str) -> bool:
    return len(lang) == 2 and lang.isalpha() and lang.islower()


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and "en" in value and set(value) <= set(IN_RECORDS)


def localize(value: Any) -> Any:
    """`value` with every `{en, de}` text inside it turned into `Texts` (in place where it can)."""
    if _is_text(value):
        return Texts(value)
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = localize(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = localize(item)
    return value


def english_texts(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(English text, where) for every translatable text in a record, lists item by item."""
    if _is_text(value):
        english = value["en"]
        for item in english if isinstance(english, list) else [english]:
            if isinstance(item, str) and item.strip():
                yield item, where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from english_texts(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from english_texts(item, f"{where}.{index}")


def sources() -> dict[str, dict[str, Any]]:
    """Everything with texts to translate: the checked records by kind, and the room's files."""
    from .data import load_all, read_yaml
    from .paths import DATA

    loaded = load_all()
    found = {kind: entry.records for kind, entry in loaded.items()}
    found["room"] = {
        path.stem: read_yaml(path.read_text(encoding="utf-8"))
        for path in sorted((DATA / "room").glob("*.yaml"))
    }
    return found


def template(records_by_kind: dict[str, dict[str, Any]]) -> Any:
    """The gettext template (a Babel Catalog) of every English text in the records."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="privacy-workshop-kit data", fuzzy=False)
    # services first: what a participant reads most, and what a translator short of time does first
    order = sorted(records_by_kind, key=lambda kind: (kind != "services", kind))
    for kind in order:
        records = records_by_kind[kind]
        for record_id, record in sorted(records.items()):
            for english, where in english_texts(record):
                catalog.add(english, locations=[(f"data/{kind}/{record_id}.yaml#{where}", None)])
    return catalog


def write_template(records_by_kind: dict[str, dict[str, Any]], path: Path = POT) -> int:
    """Write the template to `path`; the number of texts in it."""
    from babel.messages.pofile import write_po

    catalog = template(records_by_kind)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=False, no_location=False)
    return len(catalog)
