"""Match open platforms to the services a participant uses and what they need, with reasons."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from .. import data
from ..i18n import normalize_lang, t
from ..paths import TEMPLATES
from ..text import clean_line

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


def recommend(
    uses: list[str] | tuple[str, ...], needs: tuple[str, ...] | list[str] = (), lang: str = "en"
) -> pd.DataFrame:
    """Alternatives to the services in `uses`, ranked by how well they meet `needs`.

    Each row says why it matches (`why`), what it lacks (`lacks`) and what is not known
    (`unknown`), in `lang`. Ranking: needs met, then fewest unknowns, then services replaced.
    """
    lang = normalize_lang(lang)
    services = data.records("services")
    uses = [str(u) for u in uses]
    needs = [str(n) for n in needs]
    bad_uses = [u for u in uses if u not in services]
    if bad_uses:
        raise RecommendError(f"unknown service id(s): {', '.join(map(repr, bad_uses))}")
    bad_needs = [n for n in needs if n not in NEEDS]
    if bad_needs:
        raise RecommendError(
            f"unknown need(s): {', '.join(map(repr, bad_needs))}; one of {', '.join(NEEDS)}"
        )
    rows = []
    for alt_id, record in data.records("alternatives").items():
        replaced = [u for u in uses if u in record["replaces"]]
        if uses and not replaced:
            continue
        why, lacks, unknown = [], [], []
        if replaced:
            why.append(
                t("alt.replaces", lang, names=", ".join(services[u]["name"] for u in replaced))
            )
        met = 0
        for need in needs:
            result = _check(record, need)
            if result is True:
                met += 1
                why.append(t("need." + need, lang))
            elif result is False:
                lacks.append(t("lack." + need, lang))
            else:
                unknown.append(t("alt.unknown", lang, what=t("need." + need, lang)))
        rows.append(
            {
                "id": alt_id,
                "name": record["name"],
                "category": record["category"],
                "needs_met": met,
                "needs_unknown": len(unknown),
                "replaces_used": replaced,
                "why": why,
                "lacks": lacks,
                "unknown": unknown,
                "summary": record["summary"][lang],
                "website": record["website"],
            }
        )
    columns = [
        "name",
        "category",
        "needs_met",
        "needs_unknown",
        "replaces_used",
        "why",
        "lacks",
        "unknown",
        "summary",
        "website",
    ]
    if not rows:
        return pd.DataFrame(columns=columns).rename_axis("id")
    frame = pd.DataFrame(rows).set_index("id")
    frame["_replaced"] = frame["replaces_used"].map(len)
    frame["_name"] = frame["name"].str.casefold()
    frame = frame.sort_values(
        ["needs_met", "needs_unknown", "_replaced", "_name"], ascending=[False, True, False, True]
    )
    return frame.drop(columns=["_replaced", "_name"])[columns]


@cache
def _invitation_env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "messages"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - plain text, escaped where shown
        trim_blocks=True,
        lstrip_blocks=True,
    )


def invitation(
    platform: str,
    *,
    lang: str = "en",
    uses: list[str] | tuple[str, ...] = (),
    needs: tuple[str, ...] | list[str] = (),
    sender: str = "",
    contact: str = "",
    recipient: str = "",
) -> str:
    """A message inviting contacts to `platform` (German or English), ready to copy."""
    lang = normalize_lang(lang)
    record = data.records("alternatives").get(platform)
    if record is None:
        raise RecommendError(f"unknown platform id {platform!r}")
    services = data.records("services")
    used = [u for u in uses if u in record["replaces"] and u in services] or list(
        record["replaces"][:1]
    )
    bad_needs = [n for n in needs if n not in NEEDS]
    if bad_needs:
        raise RecommendError(f"unknown need(s): {', '.join(map(repr, bad_needs))}")
    why = [t("need." + n, lang) for n in needs if _check(record, n) is True]
    context = {
        "from_services": ", ".join(services[u]["name"] for u in used),
        "platform": {
            "name": record["name"],
            "summary": record["summary"][lang],
            "website": record["website"],
            "first_steps": record["first_steps"][lang],
            "why": why,
        },
        "sender": clean_line(sender)[:120],
        "contact": clean_line(contact)[:200],
        "recipient": clean_line(recipient)[:120],
    }
    return (
        _invitation_env().get_template(f"{lang}/invitation.txt.j2").render(context).strip() + "\n"
    )
