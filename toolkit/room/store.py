"""The room's shared store: counts, the clock, one poll and the help signals, in memory only.

Each participant has a kernel of their own, so nothing in one participant's kernel can see the
room. The store lives in one process every kernel and every page can reach: the Voila server
under `make serve`, the room service under `make hub` (toolkit/room/service.py). It is a plain
object in that process's memory, not a file, so ending the server ends the store, and "End the
workshop" (`wipe`) empties it at once.

What it holds, and nothing else (SECURITY.md says the same):
- counts of what the room did: how many participants made a letter per service and kind, read
  an answer, downloaded a plan or chose an alternative. Kernels send each (event, labels) once
  per participant, so a count is a number of participants; labels must be ids from data/ and the
  letter kinds, anything else is refused, so no typed text can get in;
- random page ids with the time each page last said hello (for "connected now"), dropped after
  a minute of silence;
- the running time box, the open poll and, per page id, the option chosen (dropped when the
  poll closes: only the totals stay);
- "done" / "need help" per page id, with the seat label the participant may type (at most 24
  characters; the facilitator sees it);
- the address book: the new addresses participants ticked "share with the room" for (kind,
  address, an optional name), which every participant can take home (toolkit/room/addresses.py).
`facilitator_view` hides every count of what the room did below `MIN_COUNT` participants.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

MIN_COUNT = 5  # counts of what the room did below this many participants are not shown
CONNECTED_S = 30  # a page that said hello within this many seconds counts as connected
FORGET_S = 120  # page ids silent this long are dropped
SEAT_MAX = 24
TEXT_MAX = 160  # a poll question or an option, typed by the facilitator
OPTIONS_MIN, OPTIONS_MAX = 2, 6
TIMER_MAX_MIN = 240
PAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
EVENTS: dict[str, tuple[str, ...]] = {
    "letter": ("service", "kind"),
    "answer": ("service",),
    "plan": (),
    "alternative": ("alternative",),
}
SIGNALS = ("done", "help")


class RoomError(ValueError):
    """A request the store refuses; the message says why (shown to whoever sent it)."""


def _clean_text(value: Any, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise RoomError(f"{what} must be text")
    text = " ".join(value.split())
    text = "".join(ch for ch in text if ch.isprintable())
    if len(text) > limit:
        raise RoomError(f"{what} is longer than {limit} characters")
    return text


def _poll_text(action: dict) -> tuple[str, list[str]]:
    """The question and its 2-6 answers (empty answer fields dropped), or RoomError."""
    question = _clean_text(action.get("question"), TEXT_MAX, "question")
    options = action.get("options")
    if not isinstance(options, list):
        raise RoomError("options must be a list")
    options = [o for o in (_clean_text(o, TEXT_MAX, "option") for o in options) if o]
    if not question:
        raise RoomError("the question is empty")
    if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
        raise RoomError(f"give {OPTIONS_MIN} to {OPTIONS_MAX} answers")
    return question, options


def _page_id(value: Any) -> str:
    if not isinstance(value, str) or not PAGE_ID.match(value):
        raise RoomError("page id missing or malformed")
    return value


@dataclass
class Poll:
    """One question to the room: typed by the facilitator, or from the quiz bank (`quiz` id)."""

    number: int
    question: str
    options: list[str]
    quiz: str = ""
    revealed: bool = False
    votes: dict[str, int] = field(default_factory=dict)  # page id -> option, while open
    open: bool = True
    totals: list[int] = field(default_factory=list)

    def results(self) -> list[int]:
        if not self.open:
            return list(self.totals)
        counts = Counter(self.votes.values())
        return [counts.get(i, 0) for i in range(len(self.options))]


@dataclass
class Timer:
    """A time box: `label` (an agenda id or the facilitator's words) until `ends_at` (epoch s)."""

    label: str
    minutes: int
    ends_at: float


class RoomStore:
    """Aggregates of one workshop room; thread-safe; `apply` is the one way in for requests."""

    def __init__(
        self,
        *,
        services: Iterable[str] = (),
        kinds: Iterable[str] = (),
        alternatives: Iterable[str] = (),
        quiz: dict[str, dict] | None = None,
        agenda: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._allowed = {
            "service": frozenset(services),
            "kind": frozenset(kinds),
            "alternative": frozenset(alternatives),
        }
        self._quiz = quiz or {}
        self._agenda = frozenset(agenda)
        self._clock = clock
        self._lock = threading.Lock()
        self.active = False  # set when a facilitator opens the facilitator view
        self._reset()

    def _reset(self) -> None:
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.pages: dict[str, float] = {}
        self.timer: Timer | None = None
        self.poll: Poll | None = None
        self.polls_asked = 0
        self.signals: dict[str, dict[str, Any]] = {}
        self.addresses: dict[str, dict[str, str]] = {}  # entry id -> shared address (opt-in)

    # -- participants and kernels -------------------------------------------------------------

    def apply(self, action: Any) -> dict[str, Any]:
        """Carry out one participant's or kernel's action (a dict from JSON); return the state.

        Actions: {"op": "hello", "page"}, {"op": "vote", "page", "poll", "option"},
        {"op": "signal", "page", "signal": "done"|"help"|"", "seat"},
        {"op": "event", "event", ...labels}. Anything else raises RoomError.
        """
        if not isinstance(action, dict):
            raise RoomError("an action is a JSON object")
        op = action.get("op")
        with self._lock:
            now = self._clock()
            if op == "event":
                self._event(action)
                return {"ok": True}
            if op in ("share", "unshare", "addresses"):
                return self._address_book(op, action)
            page = _page_id(action.get("page"))
            if op == "hello":
                pass
            elif op == "vote":
                self._vote(page, action)
            elif op == "signal":
                self._signal(page, action, now)
            else:
                raise RoomError("unknown action")
            self.pages[page] = now
            self._forget(now)
            return self._participant_state(page, now)

    def _event(self, action: dict) -> None:
        event = action.get("event")
        if event not in EVENTS:
            raise RoomError("unknown event")
        labels = []
        for name in EVENTS[event]:
            value = action.get(name)
            if not isinstance(value, str) or value not in self._allowed[name]:
                raise RoomError(f"unknown {name}")
            labels.append(value)
        extra = set(action) - {"op", "event", *EVENTS[event]}
        if extra:
            raise RoomError("unexpected fields: " + ", ".join(sorted(map(str, extra))))
        self.counts[(event, *labels)] += 1

    def _address_book(self, op: str, action: dict) -> dict[str, Any]:
        """The opt-in address book: share one entry, take it back, or read the list."""
        from .addresses import AddressError, normalize

        if op != "addresses":
            entry = _page_id(action.get("entry"))
            if op == "unshare":
                self.addresses.pop(entry, None)
            elif not self.active:
                raise RoomError("the room is not open")
            else:
                try:
                    shared = normalize(
                        str(action.get("kind", "")),
                        str(action.get("address", "")),
                        str(action.get("name", "")),
                    )
                except AddressError as error:
                    raise RoomError(error.key) from None
                self.addresses[entry] = vars(shared)
        entries = sorted(self.addresses.values(), key=lambda e: (e["name"].lower(), e["address"]))
        return {"active": self.active, "entries": entries}

    def _vote(self, page: str, action: dict) -> None:
        poll = self.poll
        if poll is None or not poll.open or action.get("poll") != poll.number:
            raise RoomError("this poll is closed")
        option = action.get("option")
        if not isinstance(option, int) or isinstance(option, bool):
            raise RoomError("option must be a number")
        if not 0 <= option < len(poll.options):
            raise RoomError("no such option")
        poll.votes[page] = option

    def _signal(self, page: str, action: dict, now: float) -> None:
        signal = action.get("signal")
        if signal == "":
            self.signals.pop(page, None)
            return
        if signal not in SIGNALS:
            raise RoomError("signal must be done, help or empty")
        seat = _clean_text(action.get("seat", ""), SEAT_MAX, "seat")
        self.signals[page] = {"signal": signal, "seat": seat, "since": now}

    def _forget(self, now: float) -> None:
        for page in [p for p, seen in self.pages.items() if now - seen > FORGET_S]:
            del self.pages[page]
            self.signals.pop(page, None)

    def _timer_state(self, now: float) -> dict[str, Any] | None:
        if self.timer is None:
            return None
        return {
            "label": self.timer.label,
            "minutes": self.timer.minutes,
            "remaining": max(0, round(self.timer.ends_at - now)),
        }

    def _poll_state(self, page: str | None) -> dict[str, Any] | None:
        poll = self.poll
        if poll is None:
            return None
        state: dict[str, Any] = {
            "number": poll.number,
            "question": poll.question,
            "options": poll.options,
            "quiz": poll.quiz,
            "open": poll.open,
            "revealed": poll.revealed,
        }
        if page is not None:
            state["mine"] = poll.votes.get(page)
        if poll.revealed or page is None:
            state["results"] = poll.results()
        if poll.quiz and poll.revealed:
            state["correct"] = self._quiz[poll.quiz]["correct"]
        return state

    def _participant_state(self, page: str, now: float) -> dict[str, Any]:
        if not self.active:
            return {"active": False}
        mine = self.signals.get(page)
        return {
            "active": True,
            "timer": self._timer_state(now),
            "poll": self._poll_state(page),
            "signal": mine["signal"] if mine else "",
            "seat": mine["seat"] if mine else "",
        }

    # -- the facilitator ----------------------------------------------------------------------

    def facilitate(self, action: Any) -> dict[str, Any]:
        """Carry out a facilitator's action; return the facilitator's view.

        {"op": "open"} (the view was opened: the room's features show on participants' pages),
        {"op": "timer", "label", "minutes"} (minutes 0 stops it), {"op": "poll", "question",
        "options"}, {"op": "quiz", "quiz"}, {"op": "reveal"}, {"op": "close"}, {"op": "clear",
        "page_signals"} (clears the done/help list), {"op": "wipe"} (end of the workshop).
        """
        if not isinstance(action, dict):
            raise RoomError("an action is a JSON object")
        op = action.get("op")
        with self._lock:
            now = self._clock()
            if op == "open":
                self.active = True
            elif op == "timer":
                self._set_timer(action, now)
            elif op == "poll":
                self._ask(*_poll_text(action), "")
            elif op == "quiz":
                quiz = action.get("quiz")
                if quiz not in self._quiz:
                    raise RoomError("no such quiz question")
                self._ask("", [], quiz)
            elif op == "reveal":
                if self.poll is not None:
                    self.poll.revealed = True
            elif op == "close":
                self._close_poll()
            elif op == "clear":
                self.signals = {}
            elif op == "wipe":
                self._reset()
                self.active = False
            elif op != "state":
                raise RoomError("unknown action")
            self._forget(now)
            return self._facilitator_view(now)

    def _set_timer(self, action: dict, now: float) -> None:
        minutes = action.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            raise RoomError("minutes must be a whole number")
        if not 0 <= minutes <= TIMER_MAX_MIN:
            raise RoomError(f"minutes must be between 0 and {TIMER_MAX_MIN}")
        if minutes == 0:
            self.timer = None
            return
        label = _clean_text(action.get("label", ""), TEXT_MAX, "label")
        self.timer = Timer(label=label, minutes=minutes, ends_at=now + 60 * minutes)

    def _ask(self, question: str, options: list[str], quiz: str) -> None:
        self._close_poll()
        self.polls_asked += 1
        self.poll = Poll(self.polls_asked, question, options, quiz)
        if quiz:
            self.poll.options = [""] * len(self._quiz[quiz]["options"])

    def _close_poll(self) -> None:
        if self.poll is not None and self.poll.open:
            self.poll.totals = self.poll.results()
            self.poll.votes = {}
            self.poll.open = False

    def _facilitator_view(self, now: float) -> dict[str, Any]:
        connected = sum(1 for seen in self.pages.values() if now - seen <= CONNECTED_S)
        counts = [
            {"event": key[0], "labels": list(key[1:]), "n": n if n >= MIN_COUNT else None}
            for key, n in sorted(self.counts.items())
        ]
        waiting = sorted(self.signals.values(), key=lambda s: s["since"])
        return {
            "active": self.active,
            "connected": connected,
            "min_count": MIN_COUNT,
            "counts": counts,
            "timer": self._timer_state(now),
            "poll": self._poll_state(None),
            "done": sum(1 for s in waiting if s["signal"] == "done"),
            "help": sum(1 for s in waiting if s["signal"] == "help"),
            "addresses": len(self.addresses),
            "seats": [
                {"seat": s["seat"], "signal": s["signal"], "minutes": int((now - s["since"]) // 60)}
                for s in waiting
            ],
        }

    def snapshot(self) -> dict[str, Any]:
        """Everything the store holds, as it is (the facilitator can look: "what is kept")."""
        with self._lock:
            return {
                "active": self.active,
                "counts": [[*key, n] for key, n in sorted(self.counts.items())],
                "pages": sorted(self.pages),
                "timer": None if self.timer is None else vars(self.timer),
                "poll": None if self.poll is None else vars(self.poll),
                "signals": list(self.signals.values()),
                "addresses": list(self.addresses.values()),
            }
