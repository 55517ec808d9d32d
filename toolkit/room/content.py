"""What the room offers the facilitator: the agenda's time boxes and the quiz bank (data/room/)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from ..datatext import IN_RECORDS, Texts
from ..i18n import normalize_lang
from ..paths import DATA

ROOM_DATA = DATA / "room"


class RoomContentError(ValueError):
    """data/room/ has a record the room cannot use (a bug in the data, named in the message)."""


def _texts(item: dict, key: str, where: str) -> Texts:
    """The text in English and German (the other languages come from data.po: datatext.py)."""
    texts = item.get(key)
    if not isinstance(texts, dict) or any(
        not str(texts.get(lang, "")).strip() for lang in IN_RECORDS
    ):
        raise RoomContentError(f"{where}: {key} needs a text in each of {', '.join(IN_RECORDS)}")
    return Texts({lang: str(texts[lang]) for lang in IN_RECORDS})


@cache
def agenda() -> tuple[dict[str, Any], ...]:
    """The agenda's time boxes: id, minutes, label per language."""
    items = yaml.safe_load((ROOM_DATA / "agenda.yaml").read_text(encoding="utf-8"))
    out = []
    for n, item in enumerate(items):
        where = f"agenda.yaml item {n + 1}"
        minutes = item.get("minutes")
        if not isinstance(minutes, int) or not 1 <= minutes <= 240:
            raise RoomContentError(f"{where}: minutes must be 1 to 240")
        out.append(
            {"id": str(item["id"]), "minutes": minutes, "label": _texts(item, "label", where)}
        )
    return tuple(out)


@cache
def quiz() -> dict[str, dict[str, Any]]:
    """The quiz bank by id: question, options, explanation per language; the correct index."""
    items = yaml.safe_load((ROOM_DATA / "quiz.yaml").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(items):
        where = f"quiz.yaml item {n + 1}"
        options = [_texts({"o": o}, "o", where) for o in item.get("options", [])]
        correct = item.get("correct")
        if not 2 <= len(options) <= 6:
            raise RoomContentError(f"{where}: 2 to 6 options")
        if not isinstance(correct, int) or not 0 <= correct < len(options):
            raise RoomContentError(f"{where}: correct must index an option")
        if not str(item.get("source", "")).strip():
            raise RoomContentError(f"{where}: source missing")
        out[str(item["id"])] = {
            "question": _texts(item, "question", where),
            "options": options,
            "correct": correct,
            "explain": _texts(item, "explain", where),
            "source": str(item["source"]),
        }
    return out


def quiz_in(lang: str) -> dict[str, dict[str, Any]]:
    """The quiz bank in one language (what a page shows): question, options, explain, correct."""
    code = normalize_lang(lang)
    return {
        qid: {
            "question": q["question"][code],
            "options": [o[code] for o in q["options"]],
            "explain": q["explain"][code],
            "correct": q["correct"],
            "source": q["source"],
        }
        for qid, q in quiz().items()
    }


def agenda_in(lang: str) -> list[dict[str, Any]]:
    """The agenda in one language: id, minutes, label."""
    code = normalize_lang(lang)
    return [{"id": a["id"], "minutes": a["minutes"], "label": a["label"][code]} for a in agenda()]


def known_labels() -> dict[str, list[str]]:
    """The ids a count may name: services, letter kinds and alternatives (from the file names).

    Read from the file names, not by loading the records: the server imports this, and loading
    the records (pandas, the letters package) would cost it about a second and 40 MB.
    A test checks the kinds against toolkit.letters.spec.KINDS.
    """
    from ..paths import TEMPLATES

    return {
        "services": sorted(p.stem for p in (DATA / "services").glob("*.yaml")),
        "kinds": sorted(
            p.name.removesuffix(".txt.j2") for p in (TEMPLATES / "letters" / "en").glob("*.txt.j2")
        ),
        "alternatives": sorted(p.stem for p in (DATA / "alternatives").glob("*.yaml")),
    }


def new_store(**options: Any):  # -> RoomStore
    """A RoomStore that accepts this kit's services, kinds, alternatives and quiz."""
    from .store import RoomStore

    labels = known_labels()
    return RoomStore(
        services=labels["services"],
        kinds=labels["kinds"],
        alternatives=labels["alternatives"],
        quiz=quiz(),
        agenda=[a["id"] for a in agenda()],
        **options,
    )
