"""Messages for bringing people along: the invitation, and a group move planned with dates.

Texts are Jinja templates in templates/messages/<lang>/ rendered with the letters' strict
environment (an overlay that only changes the folder), so a missing variable fails loudly and
whatever a participant types is data, never template source. The move plan's calendar uses the
kit's one iCalendar writer (toolkit.letters.export.ics_calendar); its poster is an SVG made from
an autoescaped template of templates/html/ with a QR code drawn by segno.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import jinja2

from .. import data
from ..i18n import normalize_lang, t
from ..letters.model import format_date
from ..letters.render import environment, tidy
from ..paths import TEMPLATES
from ..text import clean_line
from .recommend import NEEDS, RecommendError, _check, met_label
from .text import natural_list

MESSAGE_DIR = TEMPLATES / "messages"
# How one joins each platform; decides the wording of invitations and move instructions.
#   server: pick a server (any of many) and make an account there; follow or join by address
#   account: install the app and make an account with the one provider
#   space: join a space somebody runs (a workspace, a cloud, a forum) through a link
#   link: open a link; no account needed
#   app: install an app; there is nobody to join (maps, video player, app store)
JOIN_MODES: tuple[str, ...] = ("server", "account", "space", "link", "app")
_JOIN: dict[str, str] = {
    "mastodon": "server", "pixelfed": "server", "peertube": "server", "lemmy": "server",
    "friendica": "server", "writefreely": "link", "element": "server",
    "conversations": "server",
    "signal": "account", "threema": "account", "simplex": "account", "delta-chat": "account",
    "proton-mail": "account", "tuta": "account", "bluesky": "account",
    "mattermost": "space", "rocket-chat": "space", "zulip": "space", "nextcloud": "space",
    "discourse": "space", "cryptpad": "space",
    "jitsi-meet": "link", "bigbluebutton": "link",
    "organic-maps": "app", "newpipe": "app", "f-droid": "app",
}  # fmt: skip
# Group kinds a participant can move; German messages to neighbours use "Sie", others "ihr".
GROUP_KINDS: tuple[str, ...] = ("family", "friends", "club", "team", "neighbours")
_FORMAL_DE = frozenset({"neighbours"})
REMINDER_DAYS_BEFORE = 7
MESSAGE_KEYS: tuple[str, ...] = ("announcement", "instructions", "reminder", "moved")


class MessageError(RecommendError):
    """An unknown platform, group kind or service, or an impossible date; the message names it."""


def join_mode(alt_id: str) -> str:
    """How one joins platform `alt_id` (one of JOIN_MODES), from the table or its record."""
    if alt_id in _JOIN:
        return _JOIN[alt_id]
    record = data.records("alternatives")[alt_id]
    if record["category"] == "video-meetings":
        return "link"
    if record["category"] in ("maps", "video-client", "app-store"):
        return "app"
    if record["category"] in ("workplace-chat", "cloud-storage", "forum"):
        return "space"
    return (
        "server" if record["federated"] is True and record["self_hostable"] is True else "account"
    )


@cache
def message_environment() -> jinja2.Environment:
    """The letters' strict plain-text environment, reading templates/messages/ instead."""
    return environment().overlay(loader=jinja2.FileSystemLoader(MESSAGE_DIR))


def render_message(name: str, lang: str, context: dict[str, Any]) -> str:
    """Render templates/messages/<lang>/<name>.txt.j2; blank runs tidied; errors name the file."""
    path = f"{normalize_lang(lang)}/{name}.txt.j2"
    if not (MESSAGE_DIR / path).is_file():  # a language without its own messages: in English
        path = f"en/{name}.txt.j2"
    try:
        text = message_environment().get_template(path).render(context)
    except jinja2.TemplateNotFound:
        raise MessageError(f"no message template {path}") from None
    except jinja2.TemplateError as error:
        raise RuntimeError(f"{path}: {type(error).__name__}: {error}") from error
    return tidy(text) + "\n"


def _platform(alt_id: str) -> dict[str, Any]:
    record = data.records("alternatives").get(alt_id)
    if record is None:
        raise MessageError(f"unknown platform id {alt_id!r}")
    return record


def _service_names(from_services: list[str] | tuple[str, ...], record: dict | None) -> list[str]:
    services = data.records("services")
    bad = [s for s in from_services if s not in services]
    if bad:
        raise MessageError(f"unknown service id(s): {', '.join(map(repr, bad))}")
    used = list(dict.fromkeys(from_services))
    if not used and record is not None:
        used = list(record["replaces"][:1])
    return [services[s]["name"] for s in used]


def _platform_context(alt_id: str, record: dict[str, Any], lang: str) -> dict[str, Any]:
    from .servers import servers_for

    return {
        "id": alt_id,
        "name": record["name"],
        "website": record["website"],
        "first_steps": record["first_steps"][lang],
        # A meeting link or a space somebody runs: the steps are the host's, not the invitees'.
        "invitee_steps": record["first_steps"][lang]
        if join_mode(alt_id) in ("server", "account", "app")
        else [],
        "join": join_mode(alt_id),
        "servers": [s["domain"] for s in servers_for(alt_id, lang)[:2]],
    }


def invitation(
    platform: str,
    *,
    lang: str = "en",
    uses: list[str] | tuple[str, ...] = (),
    needs: tuple[str, ...] | list[str] = (),
    sender: str = "",
    contact: str = "",
    recipient: str = "",
    details: bool = False,
) -> str:
    """A message inviting contacts to `platform` in `lang`, ready to copy.

    It names the services being left as people write them ("Slack and WhatsApp"), says how to
    join this kind of platform, and lists what the participant likes about it; the platform's
    drawbacks and summary only with `details`.
    """
    lang = normalize_lang(lang)
    record = _platform(platform)
    services = data.records("services")
    used = [u for u in uses if u in record["replaces"] and u in services]
    bad_needs = [n for n in needs if n not in NEEDS]
    if bad_needs:
        raise MessageError(f"unknown need(s): {', '.join(map(repr, bad_needs))}")
    why = [met_label(record, n, lang) for n in needs if _check(record, n) is True]
    lacks = [t("lack." + n, lang) for n in needs if _check(record, n) is False]
    context = {
        "from_services": natural_list(_service_names(used, record), lang),
        "platform": {
            **_platform_context(platform, record, lang),
            "summary": record["summary"][lang],
            "why": why,
            "lacks": lacks,
        },
        "details": bool(details),
        "sender": clean_line(sender)[:120],
        "contact": clean_line(contact)[:200],
        "recipient": clean_line(recipient)[:120],
    }
    return render_message("invitation", lang, context)


@dataclass(frozen=True)
class MoveMessage:
    """One message of a group move: what it is, when to send it, the text to copy."""

    key: str
    title: str
    day: date
    text: str


@dataclass(frozen=True)
class GroupMove:
    """A planned move of one group to a new platform: four dated messages, calendar, poster."""

    lang: str
    group_kind: str
    from_names: tuple[str, ...]
    platform: str
    platform_name: str
    switch_on: date
    invite: str
    messages: tuple[MoveMessage, ...]

    def message(self, key: str) -> MoveMessage:
        """The message `key` (one of MESSAGE_KEYS)."""
        for message in self.messages:
            if message.key == key:
                return message
        raise KeyError(key)

    def to_ics(self) -> bytes:
        """Calendar reminders on the announcement, reminder and switch days (.ics bytes)."""
        from ..letters.export import ics_calendar

        events = [
            (m.day, t(f"move.ics.{m.key}", self.lang, name=self.platform_name), m.text)
            for m in self.messages
            if m.key != "instructions"
        ]
        return ics_calendar(events, "group-move")

    def poster_svg(self) -> bytes:
        """A printable A4 poster (SVG) with a QR code of the invite link or address."""
        if not self.invite:
            raise MessageError("a poster needs the invite link or address")
        return poster_svg(self.invite, self.platform_name, self.switch_on, self.lang)


def plan_group_move(
    group_kind: str,
    from_services: list[str] | tuple[str, ...],
    to_alternative: str,
    switch_on: date | str,
    lang: str = "en",
    invite: str = "",
    *,
    today: date | None = None,
) -> GroupMove:
    """Plan moving a group from `from_services` to `to_alternative` on `switch_on`.

    Gives, in `lang`, the announcement and the instructions (send today), a reminder (a week
    before the switch, or today when the switch is sooner) and the "we have moved" message (on
    the switch day). `invite` is the link or address the participant pastes (a room link, an
    account address); it appears in the instructions and on the poster.
    """
    lang = normalize_lang(lang)
    if group_kind not in GROUP_KINDS:
        raise MessageError(f"unknown group kind {group_kind!r}; one of {', '.join(GROUP_KINDS)}")
    record = _platform(to_alternative)
    names = _service_names(list(from_services), None)
    if not names:
        raise MessageError("name at least one service the group is leaving")
    today = today or date.today()
    try:
        switch = date.fromisoformat(switch_on) if isinstance(switch_on, str) else switch_on
    except ValueError:
        raise MessageError(f"{switch_on!r} is not a date (YYYY-MM-DD)") from None
    if switch <= today:
        raise MessageError(f"the switch day {switch.isoformat()} must be after today")
    invite = clean_line(invite)[:300]
    reminder = max(today, switch - timedelta(days=REMINDER_DAYS_BEFORE))
    context = {
        "group": t(f"move.group.{group_kind}", lang),
        "group_with": t(f"move.group_with.{group_kind}", lang),
        "formal": lang == "de" and group_kind in _FORMAL_DE,
        "from_services": natural_list(names, lang),
        "platform": _platform_context(to_alternative, record, lang),
        "switch_on": format_date(switch, lang),
        "reminder_on": format_date(reminder, lang),
        "invite": invite,
    }
    days = {"announcement": today, "instructions": today, "reminder": reminder, "moved": switch}
    messages = tuple(
        MoveMessage(
            key, t(f"move.{key}", lang), days[key], render_message(f"move-{key}", lang, context)
        )
        for key in MESSAGE_KEYS
    )
    return GroupMove(
        lang=lang,
        group_kind=group_kind,
        from_names=tuple(names),
        platform=to_alternative,
        platform_name=record["name"],
        switch_on=switch,
        invite=invite,
        messages=messages,
    )


def poster_svg(invite: str, platform_name: str, switch_on: date, lang: str = "en") -> bytes:
    """An A4 SVG poster: 'We are moving to X', the date, a QR code of `invite`, the text of it."""
    import segno
    from markupsafe import Markup

    from ..html import environment as html_environment

    lang = normalize_lang(lang)
    invite = clean_line(invite)[:300]
    qr = segno.make(invite, error="m")
    size = qr.symbol_size(scale=1, border=0)[0]
    # segno draws the modules as one path; only the path data goes into our escaped template.
    path = qr.svg_inline(scale=1, border=0, omitsize=True)
    start = path.index(' d="') + 4
    modules = Markup.escape(path[start : path.index('"', start)])
    return (
        html_environment()
        .get_template("poster.svg.j2")
        .render(
            heading=t("move.poster.heading", lang, name=platform_name),
            when=t("move.poster.when", lang, date=format_date(switch_on, lang)),
            scan=t("move.poster.scan", lang),
            invite_lines=[invite[i : i + 46] for i in range(0, len(invite), 46)],
            modules=modules,
            size=size,
            lang=lang,
        )
        .encode("utf-8")
    )
