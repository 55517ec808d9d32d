"""Room mode without a browser: the store keeps aggregates only, and refuses what is not one."""

from __future__ import annotations

import json
from datetime import date

import pytest
from markupsafe import escape

from toolkit.i18n import LANGS, t
from toolkit.letters.spec import KINDS
from toolkit.room import addresses
from toolkit.room import client as room_client
from toolkit.room.content import agenda, known_labels, new_store, quiz, quiz_in
from toolkit.room.store import CONNECTED_S, FORGET_S, MIN_COUNT, RoomError, RoomStore
from toolkit.room.strings import FACILITATOR_KEYS, PARTICIPANT_KEYS, label_names
from toolkit.room.view import facilitator_html, join_address, key_page_html
from toolkit.session import Session
from toolkit.ui.addressbook import AddressBookPanel

CANARY = "Zyxwvut Canarynamé"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock) -> RoomStore:
    room = new_store(clock=clock)
    room.facilitate({"op": "open"})
    return room


def page(n: int) -> str:
    return f"page-{n:08d}"


def test_counts_below_the_threshold_are_hidden_and_shown_from_it(store):
    for _ in range(MIN_COUNT - 1):
        store.apply(
            {"op": "event", "event": "letter", "service": "facebook", "kind": "objection-ai"}
        )
    store.apply({"op": "event", "event": "plan"})
    view = store.facilitate({"op": "state"})
    assert {(c["event"], c["n"]) for c in view["counts"]} == {("letter", None), ("plan", None)}
    store.apply({"op": "event", "event": "letter", "service": "facebook", "kind": "objection-ai"})
    letters = [c for c in store.facilitate({"op": "state"})["counts"] if c["event"] == "letter"]
    assert letters == [{"event": "letter", "labels": ["facebook", "objection-ai"], "n": MIN_COUNT}]


@pytest.mark.parametrize(
    "action",
    [
        {"op": "event", "event": "letter", "service": CANARY, "kind": "objection-ai"},
        {
            "op": "event",
            "event": "letter",
            "service": "facebook",
            "kind": "objection-ai",
            "name": CANARY,
        },
        {"op": "event", "event": "answer", "service": "facebook", "text": CANARY},
        {"op": "event", "event": "alternative", "alternative": CANARY},
        {"op": "event", "event": CANARY},
        {"op": "hello", "page": CANARY},
        {"op": CANARY, "page": page(1)},
        [CANARY],
        CANARY,
        None,
    ],
)
def test_anything_but_known_ids_is_refused_with_a_reason(store, action):
    with pytest.raises(RoomError) as error:
        store.apply(action)
    assert str(error.value)
    assert CANARY not in json.dumps(store.snapshot(), ensure_ascii=False)


def test_connected_counts_pages_that_said_hello_lately_and_forgets_silent_ones(store, clock):
    for n in range(3):
        store.apply({"op": "hello", "page": page(n)})
    assert store.facilitate({"op": "state"})["connected"] == 3
    clock.now += CONNECTED_S + 1
    store.apply({"op": "hello", "page": page(0)})
    assert store.facilitate({"op": "state"})["connected"] == 1
    clock.now += FORGET_S + 1
    store.facilitate({"op": "state"})
    assert store.snapshot()["pages"] == []


def test_a_poll_counts_one_answer_per_page_and_keeps_only_totals_when_closed(store):
    view = store.facilitate({"op": "poll", "question": "Which?", "options": ["A", "B", "", "C"]})
    assert view["poll"]["options"] == ["A", "B", "C"]
    number = view["poll"]["number"]
    for n, option in enumerate([0, 1, 1]):
        store.apply({"op": "vote", "page": page(n), "poll": number, "option": option})
    state = store.apply({"op": "vote", "page": page(0), "poll": number, "option": 2})  # changed
    assert state["poll"]["mine"] == 2 and "results" not in state["poll"]  # until revealed
    assert store.facilitate({"op": "state"})["poll"]["results"] == [0, 2, 1]
    closed = store.facilitate({"op": "close"})
    assert closed["poll"]["results"] == [0, 2, 1] and closed["poll"]["open"] is False
    assert store.snapshot()["poll"]["votes"] == {}
    with pytest.raises(RoomError, match="closed"):
        store.apply({"op": "vote", "page": page(4), "poll": number, "option": 0})


@pytest.mark.parametrize(
    "action",
    [
        {"op": "poll", "question": "Q", "options": ["only one"]},
        {"op": "poll", "question": "Q", "options": [str(n) for n in range(7)]},
        {"op": "poll", "question": "", "options": ["a", "b"]},
        {"op": "poll", "question": "Q" * 500, "options": ["a", "b"]},
        {"op": "poll", "question": "Q", "options": "a,b"},
        {"op": "quiz", "quiz": "no-such-question"},
        {"op": "timer", "minutes": -1},
        {"op": "timer", "minutes": 10_000},
        {"op": "timer", "minutes": "10"},
        {"op": "timer", "minutes": True},
        {"op": "nuke"},
    ],
)
def test_the_facilitator_gets_a_reason_for_what_cannot_be_done(store, action):
    with pytest.raises(RoomError) as error:
        store.facilitate(action)
    assert str(error.value)


@pytest.mark.parametrize("option", [True, 1.0, "1", -1, 4, None])
def test_a_vote_must_name_an_option_of_the_open_poll(store, option):
    number = store.facilitate({"op": "quiz", "quiz": "deadline"})["poll"]["number"]
    with pytest.raises(RoomError):
        store.apply({"op": "vote", "page": page(1), "poll": number, "option": option})


def test_a_quiz_shows_the_right_answer_only_when_revealed(store):
    number = store.facilitate({"op": "quiz", "quiz": "deadline"})["poll"]["number"]
    state = store.apply({"op": "vote", "page": page(1), "poll": number, "option": 0})
    assert "correct" not in state["poll"]
    store.facilitate({"op": "reveal"})
    state = store.apply({"op": "hello", "page": page(1)})
    assert state["poll"]["correct"] == quiz()["deadline"]["correct"]


def test_the_time_box_counts_down_and_stops(store, clock):
    store.facilitate({"op": "timer", "label": "agenda:object", "minutes": 25})
    clock.now += 60
    assert store.apply({"op": "hello", "page": page(1)})["timer"] == {
        "label": "agenda:object",
        "minutes": 25,
        "remaining": 24 * 60,
    }
    clock.now += 25 * 60
    assert store.apply({"op": "hello", "page": page(1)})["timer"]["remaining"] == 0
    assert store.facilitate({"op": "timer", "minutes": 0})["timer"] is None


def test_help_and_done_show_seats_and_counts_and_can_be_taken_back(store, clock):
    store.apply({"op": "signal", "page": page(1), "signal": "help", "seat": "  Row\n2  "})
    clock.now += FORGET_S + 10  # page 1 fell silent: its signal goes with it
    store.apply({"op": "signal", "page": page(2), "signal": "done"})
    view = store.facilitate({"op": "state"})
    assert view["help"] == 0 and view["done"] == 1  # page 1 was silent past FORGET_S
    store.apply({"op": "signal", "page": page(1), "signal": "help", "seat": "Row 2"})
    view = store.facilitate({"op": "state"})
    assert [(s["seat"], s["signal"]) for s in view["seats"]] == [("", "done"), ("Row 2", "help")]
    store.apply({"op": "signal", "page": page(1), "signal": ""})
    assert store.facilitate({"op": "state"})["help"] == 0
    with pytest.raises(RoomError):
        store.apply({"op": "signal", "page": page(1), "signal": "help", "seat": "x" * 25})
    with pytest.raises(RoomError):
        store.apply({"op": "signal", "page": page(1), "signal": "panic"})


def test_participants_see_nothing_until_a_facilitator_opens_the_room_and_after_the_wipe(clock):
    room = new_store(clock=clock)
    assert room.apply({"op": "hello", "page": page(1)}) == {"active": False}
    room.facilitate({"op": "open"})
    room.facilitate({"op": "timer", "label": "", "minutes": 5})
    room.apply({"op": "event", "event": "plan"})
    room.apply({"op": "signal", "page": page(1), "signal": "help", "seat": "A1"})
    assert room.apply({"op": "hello", "page": page(1)})["timer"]["minutes"] == 5
    room.facilitate({"op": "wipe"})
    assert room.apply({"op": "hello", "page": page(1)}) == {"active": False}
    held = room.snapshot()
    assert held["counts"] == [] and held["signals"] == [] and held["timer"] is None


def test_the_counted_labels_are_the_kits_ids():
    labels = known_labels()
    assert sorted(labels["kinds"]) == sorted(KINDS)
    assert "facebook" in labels["services"] and "mastodon" in labels["alternatives"]
    names = label_names("de")
    assert names["service"]["facebook"] == "Facebook"
    assert names["kind"]["objection-ai"] == t("kind.objection-ai", "de")


def test_quiz_and_agenda_are_complete_in_every_language():
    assert len(quiz()) >= 6 and len(agenda()) >= 6
    for item in quiz().values():
        assert item["source"] and 0 <= item["correct"] < len(item["options"])
        for lang in LANGS:
            assert item["question"][lang] and item["explain"][lang]
            assert all(option[lang] for option in item["options"])
    assert quiz_in("de")["deadline"]["question"] != quiz_in("en")["deadline"]["question"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_room_text_exists_in_every_language(lang):
    for key in PARTICIPANT_KEYS:
        assert t(f"room.p.{key}", lang) != f"room.p.{key}"
    for key in FACILITATOR_KEYS:
        assert t(f"room.f.{key}", lang) != f"room.f.{key}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_facilitator_page_has_the_join_code_and_escapes_what_it_shows(lang):
    html = facilitator_html(lang, "/kit-room/", "http://192.0.2.7:8866/?token=abc")
    assert "<svg" in html and f"lang={lang}" in html
    assert (
        str(escape(t("room.f.join", lang))) in html and str(escape(t("room.f.wipe", lang))) in html
    )
    assert "token=abc" in html  # the join address carries the participants' token, not the key
    key_page = key_page_html(lang, "/kit-room/")
    assert str(escape(t("room.f.key.intro", lang).split("`")[0])) in key_page


def test_the_join_address_carries_the_room_language():
    assert join_address("http://h:1/?token=x&lang=en", "de") == "http://h:1/?token=x&lang=de"


class FakeClient(room_client.RoomClient):
    """The real client's counting, with the sending replaced by a list."""

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9/kit-room/", "key")
        self.sent_actions: list[dict] = []

    def _enqueue(self, action: dict[str, str]) -> None:
        self.sent_actions.append(action)


def test_a_kernel_counts_each_thing_once_and_sends_ids_only():
    session = Session(lang="en")
    fake = FakeClient()
    room_client.watch(session, fake)
    session.add_letter("objection-ai", "facebook", "en", "web-form", date.today())
    session.add_letter("objection-ai", "facebook", "de", "web-form", date.today())
    session.alternatives = ["mastodon"]
    session.alternatives = ["mastodon", "signal"]
    assert fake.sent_actions == [
        {"op": "event", "event": "letter", "service": "facebook", "kind": "objection-ai"},
        {"op": "event", "event": "alternative", "alternative": "mastodon"},
        {"op": "event", "event": "alternative", "alternative": "signal"},
    ]
    store = new_store()
    for action in fake.sent_actions:  # and the store takes exactly these
        store.apply(action)
    assert len(store.snapshot()["counts"]) == 3


def test_no_room_no_sending():
    assert room_client.client_from_env({}) is None
    assert (
        room_client.client_from_env({"KIT_ROOM_URL": "file:///etc/passwd", "KIT_ROOM_KEY": "k"})
        is None
    )
    assert room_client.watch(Session(), None) is None  # no KIT_ROOM_URL in the tests' env


def test_the_client_drops_what_the_room_does_not_take():
    client = room_client.RoomClient("http://127.0.0.1:9/kit-room/", "key")  # nothing listens
    client.count("plan")
    client.count("plan")  # once only
    client.flush(timeout=10)
    assert client.sent == {("plan",)}


# -- the address book ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "given", "written"),
    [
        ("fediverse", " @Anna@Mastodon.Social ", "Anna@mastodon.social"),
        ("matrix", "@anna:Matrix.org", "@anna:matrix.org"),
        ("signal", "anna.42", "anna.42"),
        (
            "signal",
            "https://signal.me/#eu/abcdefghijklmnop",
            "https://signal.me/#eu/abcdefghijklmnop",
        ),
        ("email", "Anna@Example.ORG", "Anna@example.org"),
    ],
)
def test_addresses_are_checked_and_written_one_way(kind, given, written):
    assert addresses.normalize(kind, given).address == written


@pytest.mark.parametrize(
    ("kind", "given"),
    [
        ("fediverse", "anna"),
        ("fediverse", "anna@localhost"),
        ("fediverse", "<script>@x.org"),
        ("matrix", "anna:matrix.org"),
        ("signal", "anna"),
        ("signal", "https://evil.example/#eu/abcdefghijklmnop"),
        ("email", "anna@@x.org"),
        ("email", "anna@x.org\r\nBcc: b@x.org"),
        ("phone", "+49 170 1234567"),
    ],
)
def test_what_is_not_an_address_of_its_kind_is_refused_with_a_message(kind, given):
    with pytest.raises(addresses.AddressError) as error:
        addresses.normalize(kind, given)
    assert t(error.value.key, "de") != error.value.key


def test_the_follow_list_is_the_csv_mastodon_imports():
    import csv
    import io

    entries = [
        addresses.normalize("fediverse", "@anna@mastodon.social", "Anna"),
        addresses.normalize("matrix", "@ben:matrix.org"),
        addresses.normalize("fediverse", "cem@floe.earth"),
    ]
    rows = list(csv.DictReader(io.StringIO(addresses.follow_csv(entries))))
    # mastodon/mastodon app/models/form/import.rb: EXPECTED_HEADERS_BY_TYPE[:following]
    assert list(rows[0]) == ["Account address", "Show boosts", "Notify on new posts", "Languages"]
    assert [r["Account address"] for r in rows] == ["anna@mastodon.social", "cem@floe.earth"]
    assert {r["Show boosts"] for r in rows} == {"true"}
    sheet = addresses.sheet_html(entries, "de")
    assert sheet.count("<svg") == 3 and "Anna" in sheet and "@ben:matrix.org" in sheet


class StoreClient(room_client.RoomClient):
    """The real panel talking to a real store, without HTTP."""

    def __init__(self, store: RoomStore) -> None:
        super().__init__("http://127.0.0.1:9/kit-room/", "key")
        self.store = store

    def call(self, action):
        try:
            return self.store.apply(action)
        except RoomError as error:
            raise room_client.RoomRefused(str(error)) from None


def test_nothing_is_shared_without_the_tick_and_all_is_gone_after_the_workshop(store):
    one = AddressBookPanel(Session(lang="en"), StoreClient(store))
    two = AddressBookPanel(Session(lang="de"), StoreClient(store))
    one.address.value = "anna@mastodon.social"
    one.share.click()
    assert store.snapshot()["addresses"] == []
    assert t("room.book.need_consent", "en") in one.messages.value
    one.consent.value = True
    one.address.value = "not an address"
    one.share.click()
    assert store.snapshot()["addresses"] == []
    one.address.value = "anna@mastodon.social"
    one.name.value = "Anna"
    one.share.click()
    assert store.snapshot()["addresses"] == [
        {"kind": "fediverse", "address": "anna@mastodon.social", "name": "Anna"}
    ]
    two.fetch.click()
    assert "following_accounts.csv" in two.downloads.value
    assert t("room.book.count", "de", n=1) in two.messages.value
    one.unshare.click()
    assert store.snapshot()["addresses"] == []
    one.consent.value = True
    one.share.click()
    store.facilitate({"op": "wipe"})
    assert store.snapshot()["addresses"] == []
    two.fetch.click()
    assert "following_accounts.csv" not in two.downloads.value


def test_without_a_room_the_address_book_is_not_shown():
    panel = AddressBookPanel(Session())  # no KIT_ROOM_URL in the tests' environment
    assert panel.layout.display == "none"


def test_an_answer_read_is_counted_once_per_service():
    session = Session(lang="en")
    fake = FakeClient()
    room_client.watch(session, fake)
    session.answered = ["facebook"]
    session.answered = ["facebook", "linkedin"]
    assert fake.sent_actions == [
        {"op": "event", "event": "answer", "service": "facebook"},
        {"op": "event", "event": "answer", "service": "linkedin"},
    ]
