"""The facilitator's pages as HTML (templates/html/room/): the view itself, and the key page."""

from __future__ import annotations

import json
from functools import partial

from ..html import render
from ..i18n import LANG_NAMES, LANGS, t
from .content import agenda_in, quiz_in
from .store import MIN_COUNT
from .strings import facilitator_strings, label_names


def join_address(join_url: str, lang: str) -> str:
    """The participants' address with the room's language in it (`lang=` added or replaced)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(join_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"] + [("lang", lang)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def qr_svg(text: str) -> str:
    """A QR code for `text` as inline SVG (segno; scanned from a projector across a room)."""
    import segno

    return segno.make(text, error="m").svg_inline(
        scale=8, border=2, dark="#000", light="#fff", omitsize=True
    )


def facilitator_html(lang: str, prefix: str, join_url: str) -> str:
    """The facilitator's view: join code, connected now, clock, poll, signals, counts."""
    address = join_address(join_url, lang)
    others = [(code, LANG_NAMES[code]) for code in LANGS if code != lang]
    config = {
        "prefix": prefix,
        "strings": facilitator_strings(lang),
        "names": label_names(lang),
        "quiz": quiz_in(lang),
        "agenda": {a["id"]: a["label"] for a in agenda_in(lang)},
        "min_count": MIN_COUNT,
    }
    return render(
        "room/facilitator.html.j2",
        lang=lang,
        other_langs=others,
        t=partial(t, lang=lang),
        address=address,
        qr=qr_svg(address),
        agenda=agenda_in(lang),
        quiz=quiz_in(lang),
        option_slots=range(1, 7),
        min_count=MIN_COUNT,
        config=json.dumps(config, ensure_ascii=False),
    )


def key_page_html(lang: str, prefix: str) -> str:
    """Before the key: a page that takes it from the address's fragment (#key=...)."""
    config = {"prefix": prefix, "wrong": t("room.f.key.wrong", lang)}
    return render(
        "room/key.html.j2",
        lang=lang,
        t=partial(t, lang=lang),
        config=json.dumps(config, ensure_ascii=False),
    )
