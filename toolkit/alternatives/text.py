"""Participant-facing words for the alternatives: labels for every data value, natural lists.

Records keep controlled values (`not-applicable`, `AGPL-3.0-only`, `free-with-paid-plans`,
`decentralised`, country codes); participants only ever see the labels made here. Views call
`label(field, value, lang)` for one value and `facts(alt_id, lang)` for a labelled fact sheet.
Nothing here imports ipywidgets or pandas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from .. import data
from ..i18n import has, normalize_lang, t
from ..letters.model import format_date

# The rows of a platform's fact sheet (and of the side-by-side comparison), in this order.
FACT_FIELDS: tuple[str, ...] = (
    "category", "cost", "beginner_friendly", "platforms", "ai_training", "open_source", "license",
    "protocol", "federated", "e2ee_default", "self_hostable", "phone_number_required", "operator",
    "jurisdiction", "funding", "verified_on",
)  # fmt: skip


def natural_list(items: Iterable[str], lang: str = "en") -> str:
    """'A', 'A and B', 'A, B and C' (German: 'A und B', 'A, B und C'), as people write them."""
    words = [str(item) for item in items if str(item)]
    if len(words) < 2:
        return "".join(words)
    conjunction = t("list.and", lang)
    # Spanish writes "e" for "y" before the sound /i/ ("WhatsApp e Instagram", not "y Instagram")
    if normalize_lang(lang) == "es" and re.match(r"h?i(?![aeiouáéó])", words[-1], re.I):
        conjunction = "e"
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _license(value: str, lang: str) -> str:
    """'AGPL-3.0-only AND Apache-2.0' -> 'GNU AGPL, version 3, and Apache 2.0' (free licences)."""
    if value in ("unknown", "proprietary"):
        return t(f"license.{value}", lang)
    names = []
    for part in value.replace("(", " ").replace(")", " ").split():
        if part in ("AND", "OR", "WITH"):
            names.append(t("license.op." + part.lower(), lang))
        else:
            key = "license." + part
            names.append(t(key, lang) if has(key) else t("license.other", lang))
    return " ".join(names)


def label(field: str, value: Any, lang: str = "en") -> str:
    """The participant-facing words for one value of one field of an alternative record."""
    lang = normalize_lang(lang)
    if isinstance(value, list):
        parts = [label(field, item, lang) for item in value]
        return natural_list(parts, lang) if parts else t("val.unknown", lang)
    if isinstance(value, dict):  # a text in the records' languages (data.po for the others)
        return str(value[lang])
    if value == "unknown":
        return t("val.unknown", lang)
    if value == "not-applicable" and field != "protocol":
        return t("val.not-applicable", lang)
    if isinstance(value, bool):
        return t(f"val.{str(value).lower()}", lang)
    keyed = {
        "category": "cat.",
        "cost": "cost.",
        "platforms": "platform.",
        "open_source": "open.",
        "ai_training": "ai.",
        "funding": "funding.",
        "signup": "signup.",
        "operator_kind": "operator_kind.",
        "network": "network.",
    }
    if field in keyed:
        return t(keyed[field] + str(value), lang)
    if field == "license":
        return _license(str(value), lang)
    if field == "protocol":
        key = f"protocol.{value}"
        return t(key, lang) if has(key) else str(value)
    if field in ("jurisdiction", "region"):
        key = f"country.{value}"
        return t(key, lang) if has(key) else t("country.other", lang, code=value)
    if field in ("verified_on", "read_on"):
        return format_date(date.fromisoformat(str(value)), lang)
    if field == "languages":
        key = f"language.{value}"
        return t(key, lang) if has(key) else str(value)
    return str(value)


def field_label(field: str, lang: str = "en") -> str:
    """The row heading of a field ('Trains AI on users' data'), never the field's id."""
    return t("alt.row." + field, lang)


def record_label(record: dict[str, Any], field: str, lang: str = "en") -> str:
    """Like `label`, with what a record adds: an AI-training 'no' says what it rests on."""
    if field == "ai_training" and record[field] == "no" and record.get("ai_training_basis"):
        return t(f"ai.no.{record['ai_training_basis']}", lang)
    return label(field, record[field], lang)


def facts(alt_id: str, lang: str = "en") -> list[tuple[str, str]]:
    """A platform's fact sheet as (heading, value) pairs in `lang`, every value labelled."""
    record = data.records("alternatives")[alt_id]
    return [(field_label(f, lang), record_label(record, f, lang)) for f in FACT_FIELDS]


def comparison(alt_ids: Iterable[str], lang: str = "en") -> list[tuple[str, list[str]]]:
    """Rows for a side-by-side table: (heading, one labelled value per platform in `alt_ids`)."""
    records = data.records("alternatives")
    ids = list(alt_ids)
    return [
        (field_label(f, lang), [record_label(records[a], f, lang) for a in ids])
        for f in FACT_FIELDS
    ]


_RAW_FIELD = re.compile(r"\b(" + "|".join(FACT_FIELDS) + r")\b")
_RAW_VALUE = re.compile(r"’ (true|false|unknown|'no'|'yes'|'partly')")
_VALUE_KEYS = {"true": "val.true", "false": "val.false", "unknown": "val.unknown", "no": "ai.no",
               "yes": "ai.yes", "partly": "ai.partly"}  # fmt: skip
_SPDX = re.compile(r"\b[A-Za-z]*GPL-[0-9.]+-(?:only|or-later)\b|\bApache-2\.0\b")


def readable(text: str, lang: str = "en") -> str:
    """Free text from a record (notes) with raw field ids and SPDX ids turned into labels.

    Notes were written for facilitators and sometimes name fields (`self_hostable`) or licence
    ids; participants see the headings and licence names instead.
    """
    lang = normalize_lang(lang)
    text = _RAW_FIELD.sub(lambda m: f"‘{field_label(m.group(1), lang)}’", str(text))
    text = _RAW_VALUE.sub(lambda m: "’: " + t(_VALUE_KEYS[m.group(1).strip("'")], lang), text)
    text = _SPDX.sub(lambda m: _license(m.group(0), lang), text)
    return text.replace("not-applicable", t("val.not-applicable", lang))


def notes(alt_id: str, lang: str = "en") -> str:
    """A platform's caveats in `lang`, readable for participants (empty when it has none)."""
    record = data.records("alternatives")[alt_id]
    return readable(record.get("notes", {}).get(normalize_lang(lang), ""), lang)
