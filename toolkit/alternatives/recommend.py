"""Match open platforms to the services a participant uses and what they need, with reasons."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import data
from ..i18n import normalize_lang, t

NEEDS: tuple[str, ...] = (
    "e2ee-default",
    "no-phone-number",
    "federated",
    "self-hostable",
    "open-source",
    "eu-based",
    "no-ai-training",
    "android",
    "ios",
    "desktop",
)
# EU and EEA member states (ISO 3166-1 alpha-2): where the GDPR applies directly.
EU_EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)


class RecommendError(ValueError):
    """An unknown service id or need; the message names it."""


def _check(record: dict[str, Any], need: str) -> bool | None:
    """True if the platform meets `need`, False if not, None if the data says `unknown`."""
    simple = {
        "e2ee-default": ("e2ee_default", True),
        "federated": ("federated", True),
        "self-hostable": ("self_hostable", True),
        "no-phone-number": ("phone_number_required", False),
    }
    if need in simple:
        field, wanted = simple[need]
        value = record[field]
        return None if value == "unknown" else value is wanted
    if need == "open-source":
        return None if record["open_source"] == "unknown" else record["open_source"] == "full"
    if need == "eu-based":
        return None if record["jurisdiction"] == "unknown" else record["jurisdiction"] in EU_EEA
    if need == "no-ai-training":
        return None if record["ai_training"] == "unknown" else record["ai_training"] == "no"
    return need in record["platforms"]


# What a used service is for decides which needs count for its alternatives: a messaging need
# says nothing about a photo-sharing or map app, so it neither helps nor hurts those.
NEED_PURPOSES: dict[str, frozenset[str]] = {
    "e2ee-default": frozenset(
        {"messenger", "workplace-chat", "video-meetings", "email", "cloud-storage"}
    ),
    "federated": frozenset(
        {"social-network", "messenger", "workplace-chat", "forum", "q-and-a", "blogging",
         "video-sharing"}
    ),
}  # fmt: skip
COLUMNS: list[str] = [
    "name", "category", "category_label", "purpose", "needs_met", "needs_counted",
    "needs_unknown", "beginner_friendly", "replaces_used", "why", "lacks", "unknown", "summary",
    "website",
]  # fmt: skip


def met_label(record: dict[str, Any], need: str, lang: str) -> str:
    """Why a platform meets `need`, in `lang`; an AI 'no' says whether it is stated or technical."""
    if need == "no-ai-training" and record.get("ai_training_basis") == "no-access":
        return t("need.no-ai-training.no-access", lang)
    return t("need." + need, lang)


def need_applies(need: str, purposes: set[str] | frozenset[str]) -> bool:
    """True if `need` matters for a service used for one of `purposes` (service categories)."""
    wanted = NEED_PURPOSES.get(need)
    return wanted is None or not purposes or bool(wanted & set(purposes))


def _validate(uses: list[str], needs: list[str], services: dict[str, Any]) -> None:
    bad_uses = [u for u in uses if u not in services]
    if bad_uses:
        raise RecommendError(f"unknown service id(s): {', '.join(map(repr, bad_uses))}")
    bad_needs = [n for n in needs if n not in NEEDS]
    if bad_needs:
        raise RecommendError(
            f"unknown need(s): {', '.join(map(repr, bad_needs))}; one of {', '.join(NEEDS)}"
        )


def recommend(
    uses: list[str] | tuple[str, ...],
    needs: tuple[str, ...] | list[str] = (),
    lang: str = "en",
    *,
    beginner: bool = False,
) -> pd.DataFrame:
    """Alternatives to the services in `uses`, ranked by how well they meet `needs`.

    Needs are weighed by what each used service is for (`NEED_PURPOSES`): a need that does not
    apply to a platform's purpose is not counted for it. Each used service keeps its own
    ranking and the lists are interleaved, so the best (or only) alternative for every used
    service is near the top: a messaging need never pushes the only photo-sharing option down.
    With `beginner`, platforms that are easy to start come first within each service's list.
    Rows say why they match (`why`), what they lack (`lacks`) and what is not known
    (`unknown`), in `lang`; `category_label` and `purpose` are participant-facing words.
    """
    from .text import label, natural_list

    lang = normalize_lang(lang)
    services = data.records("services")
    uses = list(dict.fromkeys(str(u) for u in uses))
    needs = list(dict.fromkeys(str(n) for n in needs))
    _validate(uses, needs, services)
    rows = []
    for alt_id, record in data.records("alternatives").items():
        replaced = [u for u in uses if u in record["replaces"]]
        if uses and not replaced:
            continue
        purposes = {services[u]["category"] for u in replaced}
        why, lacks, unknown = [], [], []
        if replaced:
            names = natural_list([services[u]["name"] for u in replaced], lang)
            why.append(t("alt.replaces", lang, names=names))
        met = counted = 0
        for need in needs:
            if not need_applies(need, purposes):
                continue
            counted += 1
            result = _check(record, need)
            if result is True:
                met += 1
                why.append(met_label(record, need, lang))
            elif result is False:
                lacks.append(t("lack." + need, lang))
            else:
                unknown.append(t("alt.unknown", lang, what=t("need." + need, lang)))
        easy = record.get("beginner_friendly", "unknown")
        if beginner:
            if easy is True:
                why.append(t("need.beginner", lang))
            elif easy is False:
                lacks.append(t("lack.beginner", lang))
            else:
                unknown.append(t("alt.unknown", lang, what=t("need.beginner", lang)))
        rows.append(
            {
                "id": alt_id,
                "name": record["name"],
                "category": record["category"],
                "category_label": label("category", record["category"], lang),
                "purpose": t(
                    "alt.for",
                    lang,
                    names=natural_list([services[u]["name"] for u in replaced], lang),
                )
                if replaced
                else "",
                "needs_met": met,
                "needs_counted": counted,
                "needs_unknown": len(unknown),
                "beginner_friendly": easy,
                "replaces_used": replaced,
                "why": why,
                "lacks": lacks,
                "unknown": unknown,
                "summary": record["summary"][lang],
                "website": record["website"],
            }
        )
    if not rows:
        return pd.DataFrame(columns=COLUMNS).rename_axis("id")
    return _rank(pd.DataFrame(rows).set_index("id"), uses, beginner)[COLUMNS]


def _rank(frame: pd.DataFrame, uses: list[str], beginner: bool) -> pd.DataFrame:
    """Order rows: each used service's own best first, interleaved (round by round)."""
    frame = frame.copy()
    frame["_share"] = [
        met / counted if counted else 1.0
        for met, counted in zip(frame["needs_met"], frame["needs_counted"], strict=True)
    ]
    frame["_easy"] = [
        (value is True) if beginner else False for value in frame["beginner_friendly"]
    ]
    frame["_replaced"] = frame["replaces_used"].map(len)
    frame["_name"] = frame["name"].str.casefold()
    # Beginners: easy-to-start first; among equally easy ones, the share of needs met decides.
    keys = ["_easy", "_share", "needs_unknown", "_replaced", "_name"]
    ascending = [False, False, True, False, True]
    ordered = frame.sort_values(keys, ascending=ascending)
    best_round: dict[str, int] = {}
    for use in uses or [None]:
        members = [
            aid for aid in ordered.index if use is None or use in ordered.at[aid, "replaces_used"]
        ]
        for position, aid in enumerate(members):
            best_round[aid] = min(best_round.get(aid, position), position)
    frame["_round"] = [best_round[aid] for aid in frame.index]
    frame = frame.sort_values(["_round", *keys], ascending=[True, *ascending])
    return frame.drop(columns=["_share", "_easy", "_replaced", "_name", "_round"])


def invitation(platform: str, **options: Any) -> str:
    """The invitation to `platform` (see toolkit.alternatives.messages.invitation)."""
    from .messages import invitation as _invitation

    return _invitation(platform, **options)
