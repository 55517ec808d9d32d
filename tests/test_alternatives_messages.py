"""Invitations and the group move planner: texts per platform and language, dates, .ics, poster."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import jinja2.meta
import pytest
from hostile_corpus import HOSTILE

from toolkit import data
from toolkit.alternatives import MessageError, invitation, plan_group_move, server_choice
from toolkit.alternatives.messages import (
    GROUP_KINDS,
    JOIN_MODES,
    MESSAGE_DIR,
    MESSAGE_KEYS,
    join_mode,
    message_environment,
)
from toolkit.i18n import t

TODAY = date(2026, 12, 1)
SWITCH = date(2026, 12, 20)
ALTS = sorted(data.records("alternatives"))
INVITE = "https://example.org/join/our-group"


def _move(alt_id: str, lang: str, **kw):
    record = data.records("alternatives")[alt_id]
    return plan_group_move(
        kw.pop("group_kind", "family"),
        kw.pop("from_services", record["replaces"][:2]),
        alt_id,
        kw.pop("switch_on", SWITCH),
        lang,
        invite=kw.pop("invite", INVITE),
        today=TODAY,
    )


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("alt_id", ALTS)
def test_move_messages_for_every_platform_in_both_languages(alt_id, lang):
    record = data.records("alternatives")[alt_id]
    services = data.records("services")
    move = _move(alt_id, lang)
    assert [m.key for m in move.messages] == list(MESSAGE_KEYS)
    days = {m.key: m.day for m in move.messages}
    assert days == {
        "announcement": TODAY,
        "instructions": TODAY,
        "reminder": SWITCH - timedelta(days=7),
        "moved": SWITCH,
    }
    names = [services[s]["name"] for s in record["replaces"][:2]]
    joined = names[0] if len(names) == 1 else f"{names[0]} {t('list.and', lang)} {names[1]}"
    assert joined in move.message("announcement").text
    for message in move.messages:
        assert record["name"] in message.text
        assert "{{" not in message.text and "{%" not in message.text
        assert message.title == t(f"move.{message.key}", lang)
    for key in ("instructions", "reminder", "moved"):
        assert INVITE in move.message(key).text
    date_text = "20.12.2026" if lang == "de" else "20 December 2026"
    assert date_text in move.message("announcement").text
    marker = {"en": "we are moving", "de": "wir ziehen"}[lang]
    assert marker in move.message("announcement").text


def test_german_group_messages_use_ihr_and_sie_for_neighbours():
    family = _move("signal", "de", group_kind="family").message("announcement").text
    neighbours = _move("signal", "de", group_kind="neighbours").message("announcement").text
    assert "ihr dazukommt" in family and "Sie dazukommen" not in family
    assert "Sie dazukommen" in neighbours and "ihr " not in neighbours
    assert "unserer Familiengruppe" in family  # dative after "mit"
    moved = _move("signal", "de", group_kind="family").message("moved").text
    assert "ist unsere Familiengruppe auf Signal" in moved


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("kind", GROUP_KINDS)
def test_every_group_kind_names_the_group(kind, lang):
    move = _move("element", lang, group_kind=kind)
    assert t(f"move.group_with.{kind}", lang) in move.message("announcement").text
    assert t(f"move.group.{kind}", lang) in move.message("moved").text


def test_reminder_falls_on_today_when_the_switch_is_less_than_a_week_away():
    move = _move("signal", "en", switch_on=TODAY + timedelta(days=3))
    assert move.message("reminder").day == TODAY


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"group_kind": "army"}, "'army'"),
        ({"switch_on": TODAY}, "after today"),
        ({"switch_on": "next week"}, "not a date"),
        ({"from_services": ["myspace"]}, "'myspace'"),
        ({"from_services": []}, "at least one service"),
    ],
)
def test_move_input_errors_are_named(kwargs, named):
    with pytest.raises(MessageError, match=named):
        _move("signal", "en", **kwargs)
    with pytest.raises(MessageError, match="'nope'"):
        plan_group_move("family", ["whatsapp"], "nope", SWITCH, today=TODAY)


def test_move_calendar_parses_back_with_three_dated_events():
    import icalendar

    move = _move("element", "de")
    calendar = icalendar.Calendar.from_ical(move.to_ics())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert [e.decoded("dtstart") for e in events] == [TODAY, SWITCH - timedelta(days=7), SWITCH]
    assert str(events[0]["summary"]) == t("move.ics.announcement", "de", name="Element")
    assert str(events[2]["description"]) == move.message("moved").text
    assert all(e.walk("VALARM") for e in events)


def test_poster_is_svg_with_a_qr_code_and_the_escaped_invite():
    hostile = 'https://example.org/?a=1&b=<script>alert("x")</script>'
    move = _move("element", "en", invite=hostile)
    svg = move.poster_svg()
    root = ET.fromstring(svg)  # noqa: S314 - the kit's own SVG; well-formed means escaped
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "We are moving to Element" in text and "20 December 2026" in text
    assert "<script>" not in svg.decode() and "&lt;script&gt;" in svg.decode()
    path = [el for el in root.iter() if el.tag.endswith("path")]
    assert path and re.fullmatch(r"[Mmhv0-9. -]+", path[0].get("d"))
    assert "Wir ziehen um zu Element" in _move("element", "de").poster_svg().decode()
    with pytest.raises(MessageError, match="invite"):
        _move("element", "en", invite="").poster_svg()


def test_poster_qr_code_encodes_the_invite():
    import segno

    move = _move("signal", "en")
    expected = segno.make(INVITE, error="m").svg_inline(scale=1, border=0, omitsize=True)
    d = re.search(r' d="([^"]+)"', expected).group(1)
    assert f'd="{d}"' in move.poster_svg().decode()


def test_invitation_reads_naturally_without_drawbacks_unless_asked():
    text = invitation("element", uses=["slack", "whatsapp"], needs=["e2ee-default"])
    assert "from Slack and WhatsApp to Element" in text
    summary = data.records("alternatives")["element"]["summary"]["en"]
    assert summary not in text
    assert "- " + t("need.e2ee-default", "en") in text
    detailed = invitation(
        "element", uses=["slack", "whatsapp"], needs=["no-phone-number"], details=True
    )
    assert summary in detailed
    de = invitation("signal", lang="de", uses=["whatsapp", "telegram", "messenger"])
    assert "ich ziehe von WhatsApp, Telegram und Messenger zu Signal um" in de
    assert "To be fair" not in invitation("signal", uses=["whatsapp"], needs=["no-phone-number"])
    assert "To be fair" in invitation(
        "signal", uses=["whatsapp"], needs=["no-phone-number"], details=True
    )


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("alt_id", ALTS)
def test_invitation_for_every_platform(alt_id, lang):
    text = invitation(alt_id, lang=lang, contact="@ana@example.org")
    record = data.records("alternatives")[alt_id]
    assert record["name"] in text and record["website"] in text and "@ana@example.org" in text
    assert "{{" not in text and "\n\n\n" not in text
    if join_mode(alt_id) in ("link", "space"):
        assert record["first_steps"][lang][0] not in text  # the host's steps, not the guest's
    else:
        assert record["first_steps"][lang][0] in text


def test_every_platform_has_a_way_of_joining():
    assert {join_mode(a) for a in ALTS} <= set(JOIN_MODES)


def test_message_templates_exist_per_language_and_read_only_known_variables():
    env = message_environment()
    known = {"group", "group_with", "formal", "from_services", "platform", "switch_on",
             "reminder_on", "invite", "details", "sender", "contact", "recipient"}  # fmt: skip
    for lang in ("en", "de"):
        for name in ["invitation", *(f"move-{k}" for k in MESSAGE_KEYS)]:
            source = (MESSAGE_DIR / lang / f"{name}.txt.j2").read_text(encoding="utf-8")
            assert jinja2.meta.find_undeclared_variables(env.parse(source)) <= known, name
    assert env.undefined is jinja2.StrictUndefined  # the letters' strict environment


def test_server_choice_for_mastodon_is_sourced_and_labelled():
    choice = server_choice("mastodon", "de")
    assert choice.network == t("network.fediverse", "de")
    assert "Nähe" in choice.advice and choice.move
    assert choice.servers[0]["facts"][0] == ("Sprache", "Deutsch")  # German servers first
    for server in choice.servers:
        for _, value in server["facts"]:
            assert value in {"Deutsch", "viele Sprachen", "Deutschland", "unbekannt",
                             "ja", "nein", "eine Privatperson", "eine gemeinnützige Organisation"}  # fmt: skip
    english = server_choice("mastodon", "en")
    assert english.servers[0]["facts"][0][1] == "many languages"
    assert server_choice("signal", "en") is None
    network = data.records("servers")["fediverse"]
    for server in network["servers"]:
        assert all(s["kind"] == "primary" and s["quote"] for s in server["sources"])


def test_move_instructions_name_servers_near_the_reader():
    text = _move("mastodon", "de").message("instructions").text
    assert "floe.earth" in text


def test_matrix_servers_say_sign_up_and_that_accounts_cannot_move():
    choice = server_choice("element", "en")
    assert [s["domain"] for s in choice.servers] == ["matrix.org", "synod.im"]
    facts = dict(choice.servers[0]["facts"])
    assert facts[t("server.row.signup", "en")] == t("signup.open", "en")
    assert facts[t("server.row.covenant", "en")] == t("val.not-applicable", "en")
    assert "cannot move an account" in choice.move[0]
    assert server_choice("element", "de").servers[0]["domain"] == "synod.im"


def test_a_server_list_naming_a_missing_platform_is_refused(tmp_path):
    import shutil

    from toolkit.paths import DATA

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "servers" / "matrix.yaml"
    path.write_text(path.read_text().replace("alternatives: [element]", "alternatives: [nope]"))
    loaded = data.load_all(tmp_path / "data")
    assert [str(p) for p in loaded["servers"].problems] == [
        "servers/matrix.yaml: alternatives: no alternative with id 'nope' in data/alternatives/"
    ]
    assert "matrix" not in loaded["servers"].records


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_invites_stay_data_in_messages_calendar_and_poster(name):
    import icalendar

    value = HOSTILE[name]
    move = _move("element", "en", invite=value)
    shown = move.invite
    assert len(shown) <= 300 and "\r" not in shown and "\n" not in shown and "\x00" not in shown
    for message in move.messages:
        assert "49" not in message.text or "49" in value  # {{ 7*7 }} is never evaluated
        if shown:
            assert message.key == "announcement" or shown in message.text
    events = [c for c in icalendar.Calendar.from_ical(move.to_ics()).walk() if c.name == "VEVENT"]
    assert len(events) == 3
    if shown:
        ET.fromstring(move.poster_svg())  # noqa: S314 - well-formed whatever was pasted
