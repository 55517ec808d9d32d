"""Choosing a server on a federated network (Fediverse, Matrix), and moving later.

Reads data/servers/<network>.yaml. `server_choice(alt_id, lang)` gives what a view shows: the
advice to pick a server near you, a few sourced servers (those in the participant's language
first), each with labelled facts, and how to move to another server later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import data
from ..i18n import normalize_lang, t
from .text import label

SERVER_FACTS: tuple[str, ...] = ("languages", "region", "signup", "covenant", "operator_kind")


@dataclass(frozen=True)
class ServerChoice:
    """What to tell a participant about picking a server for one platform, in one language."""

    network: str  # participant-facing name of the network
    advice: str
    servers: tuple[dict[str, Any], ...]  # domain, url, operator, facts [(heading, value)], note
    move: tuple[str, ...]


def network_of(alt_id: str) -> str | None:
    """The id of the network (data/servers/) whose servers `alt_id` accounts live on, or None."""
    for network_id, record in sorted(data.records("servers").items()):
        if alt_id in record["alternatives"]:
            return network_id
    return None


def servers_for(alt_id: str, lang: str = "en") -> list[dict[str, Any]]:
    """The network's server records for `alt_id`, those in `lang` first, then general ones."""
    network_id = network_of(alt_id)
    if network_id is None:
        return []
    lang = normalize_lang(lang)
    servers = data.records("servers")[network_id]["servers"]

    def order(server: dict[str, Any]) -> tuple[int, int]:
        langs = server["languages"]
        return (0 if lang in langs else 1 if "multi" in langs else 2, servers.index(server))

    return sorted(servers, key=order)


def server_facts(server: dict[str, Any], lang: str = "en") -> list[tuple[str, str]]:
    """(heading, value) pairs for one server, every value a label, never a raw id."""
    return [(t("server.row." + f, lang), label(f, server[f], lang)) for f in SERVER_FACTS]


def server_choice(alt_id: str, lang: str = "en") -> ServerChoice | None:
    """Advice, a few servers and the move steps for `alt_id`, or None if it has no servers."""
    network_id = network_of(alt_id)
    if network_id is None:
        return None
    lang = normalize_lang(lang)
    record = data.records("servers")[network_id]
    servers = tuple(
        {
            "domain": s["domain"],
            "url": s["url"],
            "operator": s["operator"],
            "facts": server_facts(s, lang),
            "note": s.get("note", {}).get(lang, ""),
        }
        for s in servers_for(alt_id, lang)
    )
    return ServerChoice(
        network=label("network", network_id, lang),
        advice=record["advice"][lang],
        servers=servers,
        move=tuple(record["move"][lang]),
    )
