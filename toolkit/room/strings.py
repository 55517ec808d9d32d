"""The room's texts for the pages' scripts, from the interface catalogues (toolkit/locale/)."""

from __future__ import annotations

from functools import cache

import yaml

from ..i18n import normalize_lang, t
from ..paths import DATA

PARTICIPANT_KEYS = (
    "region", "timer", "timer.nolabel", "timer.up", "timer.up.nolabel", "poll", "poll.note",
    "voted", "closed", "correct", "done", "help", "seat", "seat.note", "help.sent", "done.sent",
    "undo", "error", "mine", "change",
)  # fmt: skip
FACILITATOR_KEYS = (
    "connected", "timer.none", "poll.none", "poll.answers", "poll.reveal", "signals.done",
    "signals.help", "signals.noseat", "signals.since", "signals.none", "counts.few",
    "counts.none", "event.letter", "event.answer", "event.plan", "event.alternative",
    "wipe.confirm", "wiped", "error", "key.wrong", "addresses",
)  # fmt: skip


def participant_strings(lang: str) -> dict[str, str]:
    """What a participant's page may show of the room, in `lang` (placeholders kept)."""
    return {key: t(f"room.p.{key}", lang) for key in PARTICIPANT_KEYS}


def facilitator_strings(lang: str) -> dict[str, str]:
    """What the facilitator's script shows, in `lang` (placeholders kept)."""
    return {key: t(f"room.f.{key}", lang) for key in FACILITATOR_KEYS}


@cache
def _names(kind: str) -> dict[str, str]:
    names = {}
    for path in sorted((DATA / kind).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()  # every record starts with `name:` (a test checks)
        names[path.stem] = str(yaml.safe_load(first)["name"])
    return names


def label_names(lang: str) -> dict[str, dict[str, str]]:
    """Names for the ids in the counts: services, letter kinds, alternatives."""
    from .content import known_labels

    lang = normalize_lang(lang)
    return {
        "service": _names("services"),
        "kind": {k: t(f"kind.{k}", lang) for k in known_labels()["kinds"]},
        "alternative": _names("alternatives"),
    }
