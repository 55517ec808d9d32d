"""Read a company's answer to an objection: what it says, what it leaves out, what to do next.

``read_reply(text, lang)`` sorts a pasted answer into one of CATEGORIES (confirmed, vague,
refused, extension, needs-info, redirect, unrelated), quotes the sentences that led there,
lists the points a complete answer would state and suggests the next step, pre-filled.

The rules are data, not a black box: one file per language, data/replies/<lang>.yaml, with word
lists a facilitator can read and extend (data/schema/replies.schema.yaml explains them).
Adding a language is adding a file. Nothing is sent anywhere and nothing is written: the text
stays in memory, and it is only ever data, never a template or code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..i18n import normalize_lang, t
from ..paths import DATA
from ..text import clean_block
from .deadline import Due, answer_due
from .model import LetterInputError, format_date

REPLY_DIR = DATA / "replies"
SCHEMA = "replies.schema.yaml"
CATEGORIES: tuple[str, ...] = (
    "refused",
    "confirmed",
    "extension",
    "needs-info",
    "redirect",
    "vague",
)  # the order in which they are tried: the first that matches a sentence wins
ALL_CATEGORIES: tuple[str, ...] = (*CATEGORIES, "unrelated")
MISSING: tuple[str, ...] = ("stops", "already-used", "which-data", "from-when")
NEXT_KINDS: tuple[str, ...] = (
    "follow-up",  # a letter kind: ask for a clear answer
    "complaint",  # a letter kind: to the data protection authority (Art. 77)
    "objection-ai",  # a letter kind: object again, through the channel they named
    "send-details",  # send what they asked for (no letter template: a short reply)
    "new-deadline",  # wait until the extended deadline
    "wait",  # wait until the deadline (no answer yet)
    "done",  # nothing left to do
    "check",  # the pasted text does not answer the objection
)
MAX_CHARS = 50_000  # a long e-mail thread; a 1 MB paste is refused before it is read
EXCERPT_CHARS = 600
MAX_REASONS = 5


class ReplyRulesError(RuntimeError):
    """A rules file in data/replies/ is broken (named by file and field): a data bug."""


# --- the rules ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Text as rules compare it: NFC, case-folded, typographic apostrophes made plain."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")


def _date_regex(months: list[str]) -> str:
    names = "|".join(re.escape(_fold(m)) for m in months)
    return (
        r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
        rf"|\d{{1,2}}\.?\s+(?:{names})\s+\d{{4}}|(?:{names})\s+\d{{1,2}},?\s+\d{{4}})"
    )


def _phrase_regex(phrase: str, date_re: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", _fold(phrase).strip()) if w]
    parts: list[str] = []
    for word in words:
        if word == "{date}":
            parts.append(date_re)
        elif word.endswith("*"):
            parts.append(re.escape(word.rstrip("*")) + r"\w*")
        else:
            parts.append(re.escape(word))
    last = words[-1]
    end = "" if last.endswith("*") or last == "{date}" else r"(?!\w)"
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + end


def _group(phrases: list[str], date_re: str) -> re.Pattern:
    # longest first, so that a longer phrase is preferred where two start at the same place
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile("|".join(_phrase_regex(p, date_re) for p in ordered))


@dataclass(frozen=True)
class Rule:
    """Matches a sentence with a phrase from every list in `all` and none from `none`."""

    name: str
    label: str
    all: tuple[re.Pattern, ...]
    none: re.Pattern | None = None

    def matches(self, folded: str) -> bool:
        """True if the (folded) sentence satisfies the rule."""
        if self.none is not None and self.none.search(folded):
            return False
        return all(group.search(folded) for group in self.all)


@dataclass(frozen=True)
class Rules:
    """The compiled rules of one language, read from data/replies/<lang>.yaml."""

    lang: str
    name: str
    markers: re.Pattern
    abbreviations: tuple[str, ...]
    months: tuple[str, ...]
    quote_starts: re.Pattern
    reference: re.Pattern
    categories: dict[str, tuple[Rule, ...]]
    missing: dict[str, tuple[Rule, ...]]
    labels: dict[str, str]
    descriptions: dict[str, str]
    missing_labels: dict[str, str]
    rule_labels: dict[str, str] = field(default_factory=dict)


def _compile_rules(entries: list[dict], date_re: str) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            name=entry.get("name", ""),
            label=entry.get("label", ""),
            all=tuple(_group(group, date_re) for group in entry["all"]),
            none=_group(entry["none"], date_re) if entry.get("none") else None,
        )
        for entry in entries
    )


def load_rules(path: Path) -> Rules:
    """Read, check and compile one rules file; ReplyRulesError names the file and the field."""
    from .. import data

    name = path.name
    try:
        raw = data.read_yaml(path.read_text(encoding="utf-8"))
    except Exception as error:  # a YAML error: the facilitator needs to see where
        raise ReplyRulesError(f"{name}: (file): {' '.join(str(error).split())}") from None
    problems = [
        f"{name}: {'.'.join(map(str, where)) or '(file)'}: {message}"
        for where, message in data._validator(SCHEMA.removesuffix(".schema.yaml")).iter_errors(raw)
    ]
    if not problems and raw["lang"] != path.stem:
        problems.append(f"{name}: lang: {raw['lang']!r} differs from the file name")
    if problems:
        raise ReplyRulesError("\n".join(problems))
    date_re = _date_regex(raw["months"])
    words = sorted(raw["reference_words"], key=len, reverse=True)
    reference = re.compile(
        r"(?<!\w)(?:"
        + "|".join(r"[\s\-]+".join(map(re.escape, w.split())) for w in words)
        + r")(?!\w)[\s:#.\-]*(?:(?:number|no|nr|id)(?!\w)[\s:#.]*)?(?:(?:is|ist|lautet)\s+)?"
        r"([a-z0-9][a-z0-9\-_]{3,39})",
        re.IGNORECASE,
    )
    categories = raw["categories"]
    try:
        compiled = {c: _compile_rules(categories[c]["rules"], date_re) for c in CATEGORIES}
        missing = {m: _compile_rules(raw["missing"][m]["rules"], date_re) for m in MISSING}
    except re.error as error:  # pragma: no cover - phrases are escaped; kept for safety
        raise ReplyRulesError(f"{name}: a phrase does not compile: {error}") from None
    rule_labels = {
        rule["name"]: rule["label"]
        for rule in categories["needs-info"]["rules"]
        if rule.get("name") and rule.get("label")
    }
    return Rules(
        lang=raw["lang"],
        name=raw["name"],
        markers=_group(raw["markers"], date_re),
        abbreviations=tuple(sorted(raw["abbreviations"], key=len, reverse=True)),
        months=tuple(raw["months"]),
        quote_starts=_group(raw["quote_starts"], date_re),
        reference=reference,
        categories=compiled,
        missing=missing,
        labels={c: categories[c]["label"] for c in ALL_CATEGORIES},
        descriptions={c: categories[c]["description"] for c in ALL_CATEGORIES},
        missing_labels={m: raw["missing"][m]["label"] for m in MISSING},
        rule_labels=rule_labels,
    )


def check_rules(folder: Path | None = None) -> tuple[list[str], int]:
    """Problems of every rules file in `folder` (default data/replies/), and how many are valid."""
    problems: list[str] = []
    valid = 0
    for path in sorted((folder or REPLY_DIR).glob("*.yaml")):
        try:
            load_rules(path)
            valid += 1
        except ReplyRulesError as error:
            problems += [f"replies/{line}" for line in str(error).splitlines()]
    return problems, valid


def languages() -> tuple[str, ...]:
    """The languages the kit can read answers in: one rules file each."""
    return tuple(sorted(p.stem for p in REPLY_DIR.glob("*.yaml")))


@cache
def rules(lang: str) -> Rules:
    """The compiled rules for `lang` (read once per kernel)."""
    if lang not in languages():
        raise LetterInputError("lang", "unknown-language")
    return load_rules(REPLY_DIR / f"{lang}.yaml")


def _ui_rules(lang: str) -> Rules:
    lang = str(lang or "")
    return rules(lang if lang in languages() else normalize_lang(lang))


# --- reading the text ---------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:html|head|body|p|br|div|span|a|b|i|u|strong|em|table|tbody|thead|tr|td|th|"
    r"ul|ol|li|h[1-6]|script|style|img|font|blockquote|center|hr|meta|title|iframe|svg|form|"
    r"input|button|link|base|object|embed|pre|code|section|article|header|footer)\b[^>]*>"
    r"|<!--",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "blockquote", "hr", "pre", "section", "article", "header", "footer",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "head", "title", "template", "noscript", "svg", "iframe"}
_URL = re.compile(r"https?://[^\s<>\"'(){}\[\]`]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


class _TextOnly(HTMLParser):
    """The visible text of an HTML mail; scripts, styles and attributes are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_to_text(text: str) -> str:
    text = re.sub(r"<([^<>\s@]+@[^<>\s]+)>", r"(\1)", text)  # <privacy@example.com> is not a tag
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def clean_answer(text: object) -> tuple[str, list[str]]:
    """The answer as plain text, and warnings; LetterInputError for what cannot be read."""
    if not isinstance(text, str):
        raise LetterInputError("answer", "not-text")
    if len(text) > MAX_CHARS:
        raise LetterInputError("answer", "too-long", MAX_CHARS)
    warnings: list[str] = []
    if _HTML_TAG.search(text):
        text = _html_to_text(text)
        warnings.append("html-removed")
    text = clean_block(text)
    if not text:
        raise LetterInputError("answer", "required")
    return text, warnings


def _own_part(text: str, rules_: Rules) -> tuple[str, bool]:
    """The company's own text: quoted lines ('>') and a quoted original message left out."""
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        if kept and rules_.quote_starts.search(_fold(stripped)):
            return "\n".join(kept), True
        kept.append(stripped)
    return "\n".join(kept), False


_DOT = "\x00"


def split_sentences(text: str, rules_: Rules) -> list[str]:
    """Sentences of a text: paragraphs joined across hard line breaks, then cut at . ! ?"""
    paragraphs = [
        " ".join(line.strip() for line in block.split("\n") if line.strip())
        for block in re.split(r"\n\s*\n", text)
    ]
    months = "|".join(re.escape(m) for m in rules_.months)
    found: list[str] = []
    for paragraph in paragraphs:
        protected = paragraph
        for abbreviation in rules_.abbreviations:
            pattern = r"(?<!\w)" + re.escape(abbreviation)
            protected = re.sub(
                pattern,
                lambda m: m.group(0).replace(".", _DOT),
                protected,
                flags=re.IGNORECASE,
            )
        protected = re.sub(
            rf"(\d)\.(?=\s+(?:{months})\b)", rf"\1{_DOT}", protected, flags=re.IGNORECASE
        )
        for piece in re.split(r"(?<=[.!?])[\"'”»)]*\s+", protected):
            sentence = piece.replace(_DOT, ".").strip()
            if sentence:
                found.append(sentence)
    return found


def detect_language(text: str, hint: str) -> str:
    """The language whose marker words the text uses most; `hint` when none clearly wins."""
    folded = _fold(text)
    counts = {lang: len(rules(lang).markers.findall(folded)) for lang in languages()}
    hint = hint if hint in counts else normalize_lang(hint)
    best = max(counts, key=lambda lang: (counts[lang], lang == hint))
    return best if counts[best] > counts.get(hint, 0) and counts[best] >= 3 else hint


# --- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """What to do next, with values to pre-fill the letter (keyword arguments of compose)."""

    kind: str  # one of NEXT_KINDS; a letter kind of toolkit.letters.KINDS where one is due
    prefill: dict[str, str] = field(default_factory=dict)  # sent_on, reference, answer
    due: date | None = None  # the deadline this step waits for or the one that passed
    reason: str = ""  # why a complaint: "refused" or "overdue"
    asked_for: tuple[str, ...] = ()  # needs-info: identity, account, details
    links: tuple[str, ...] = ()  # redirect: URLs and e-mail addresses named in the answer

    @property
    def letter(self) -> str | None:
        """The letter kind to compose for this step, or None when it is not a letter."""
        from .compose import KINDS

        return self.kind if self.kind in KINDS else None

    def explain(self, lang: str = "en") -> str:
        """One sentence for the participant saying what to do and why."""
        lang = normalize_lang(lang)
        due = format_date(self.due, lang) if self.due else ""
        if self.kind == "complaint":
            key = "next.complaint.overdue" if self.reason == "overdue" else "next.complaint.refused"
            return t(key, lang, due=due)
        if self.kind == "send-details":
            labels = _ui_rules(lang).rule_labels
            asked = ", ".join(labels.get(a, a) for a in self.asked_for) or "…"
            return t("next.send-details", lang, asked=asked)
        if self.kind in ("new-deadline", "wait") and not due:
            return t("next.wait.open", lang)
        text = t("next." + self.kind, lang, due=due)
        if self.kind == "objection-ai" and self.links:
            text += " " + ", ".join(self.links)
        if self.kind == "follow-up" and due:
            text += t("next.due", lang, due=due)
        return text


@dataclass(frozen=True)
class Reply:
    """What an answer says (`category`), why (`reasons`, quoted), and what it leaves out."""

    category: str
    lang: str  # the language whose rules read it
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    next_step: NextStep
    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rules_matched: tuple[str, ...] = ()  # "category/rule" for every rule that matched
    asked_for: tuple[str, ...] = ()
    reference: str = ""
    links: tuple[str, ...] = ()
    due: Due | None = None
    warnings: tuple[str, ...] = ()
    text: str = ""  # the cleaned answer (the company's part)

    def label(self, lang: str = "en") -> str:
        """The category's short name in `lang` (the interface language)."""
        return _ui_rules(lang).labels[self.category]

    def description(self, lang: str = "en") -> str:
        """What the category means, in `lang`."""
        return _ui_rules(lang).descriptions[self.category]

    def missing_labels(self, lang: str = "en") -> list[str]:
        """The points the answer leaves out, as phrases in `lang`."""
        labels = _ui_rules(lang).missing_labels
        return [labels[m] for m in self.missing]

    def warning_texts(self, lang: str = "en") -> list[str]:
        """What the reader changed in the text before reading it, in `lang`."""
        return [t("reply." + w, lang) for w in self.warnings]

    def excerpt(self, limit: int = EXCERPT_CHARS) -> str:
        """The quoted reasons (or the start of the answer) in one line, for a letter."""
        return excerpt(self.reasons or (self.text,), limit)


def excerpt(sentences: tuple[str, ...] | list[str], limit: int = EXCERPT_CHARS) -> str:
    """Sentences joined into one line of at most `limit` characters, cut at a word."""
    text = " […] ".join(" ".join(s.split()) for s in sentences if s.strip())
    if len(text) <= limit:
        return text
    cut = text[: limit - 4].rsplit(" ", 1)[0]
    return cut + " […]"


def _find_reference(text: str, rules_: Rules) -> str:
    for match in rules_.reference.finditer(text):
        token = match.group(1)
        if any(ch.isdigit() for ch in token):
            return token
    return ""


def _find_links(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        if url not in found and len(url) <= 300:
            found.append(url)
    for match in _EMAIL.finditer(_URL.sub(" ", text)):
        address = match.group(0).strip(".")
        if address not in found and len(address) <= 254:
            found.append(address)
    return tuple(found[:5])


def suggest(
    category: str,
    *,
    due: Due | None = None,
    today: date | None = None,
    sent_on: date | None = None,
    reference: str = "",
    answer: str = "",
    asked_for: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
) -> NextStep:
    """The next step for an answer of `category` (or "none" for no answer yet), pre-filled.

    A follow-up for vague, a complaint for refused or once the deadline has passed, what they
    asked for for needs-info, the new deadline for an extension (a complaint if it came late).
    """
    today = today or date.today()
    prefill = {"sent_on": sent_on.isoformat() if sent_on else "", "reference": reference}
    prefill = {k: v for k, v in prefill.items() if v}
    if answer:
        prefill["answer"] = answer
    overdue = bool(due and due.is_overdue(today))
    latest = due.latest if due else None
    if category == "refused":
        return NextStep("complaint", prefill, latest, reason="refused")
    if category == "confirmed":
        return NextStep("done", prefill)
    if category == "extension":
        if due and (due.extension_late or overdue):
            return NextStep("complaint", prefill, latest, reason="overdue")
        return NextStep("new-deadline", prefill, latest)
    if category == "needs-info":
        return NextStep("send-details", prefill, latest, asked_for=tuple(asked_for))
    if category == "redirect":
        return NextStep("objection-ai", {}, None, links=tuple(links))
    if category == "vague":
        if overdue:
            return NextStep("complaint", prefill, latest, reason="overdue")
        return NextStep("follow-up", prefill, latest)
    if category == "none":  # no answer yet
        if overdue:
            return NextStep("complaint", prefill, latest, reason="overdue")
        return NextStep("wait", prefill, latest)
    return NextStep("check", prefill, latest)


def read_reply(
    text: str,
    lang: str = "en",
    *,
    sent_on: date | str | None = None,
    channel: str = "email",
    received_on: date | str | None = None,
    answered_on: date | str | None = None,
    today: date | None = None,
) -> Reply:
    """Read a company's answer pasted by the participant.

    lang: the language the answer is probably in (the participant's); when its words are
    clearly another language with a rules file, that one is used (Reply.lang says which).
    sent_on, channel, received_on: the objection, for the deadlines (Reply.due) and the
    pre-filled next step; answered_on: the day the answer came (default today), which decides
    whether an announced extension was in time. Raises LetterInputError for a text that
    cannot be read (not text, empty, longer than MAX_CHARS).
    """
    today = today or date.today()
    cleaned, warnings = clean_answer(text)
    hint = str(lang or "")
    hint = hint if hint in languages() else normalize_lang(hint)
    first = rules(hint)
    own, quoted = _own_part(cleaned, first)
    use = detect_language(own, hint)
    rules_ = rules(use)
    if use != hint:
        own, quoted = _own_part(cleaned, rules_)
    if quoted:
        warnings.append("quote-ignored")
    sentences = split_sentences(own, rules_)
    folded = [_fold(s) for s in sentences]
    matched: dict[str, tuple[str, ...]] = {}
    names: list[str] = []
    asked_for: list[str] = []
    for category in CATEGORIES:
        hits: list[str] = []
        for rule in rules_.categories[category]:
            rule_hit = False
            for sentence, low in zip(sentences, folded, strict=True):
                if rule.matches(low):
                    rule_hit = True
                    if sentence not in hits:
                        hits.append(sentence)
            if rule_hit:
                names.append(f"{category}/{rule.name}" if rule.name else category)
                if category == "needs-info" and rule.name and rule.name not in asked_for:
                    asked_for.append(rule.name)
        if hits:
            matched[category] = tuple(hits)
    chosen = next((c for c in CATEGORIES if c in matched), "unrelated")
    missing = [
        point
        for point in MISSING
        if not any(rule.matches(low) for rule in rules_.missing[point] for low in folded)
    ]
    if chosen == "confirmed" and "stops" in missing:
        missing.remove("stops")  # a confirmation states it, whatever the word lists say
    reasons = matched.get(chosen, ())[:MAX_REASONS]
    sent = _as_date(sent_on, "sent_on")
    answered = _as_date(answered_on, "answered_on") or today
    due = None
    if sent is not None:
        due = answer_due(
            sent,
            channel,
            received_on=received_on,
            extension_announced_on=answered if chosen == "extension" else None,
        )
    reference = _find_reference(own, rules_)
    links = _find_links(own)
    step = suggest(
        chosen,
        due=due,
        today=today,
        sent_on=sent,
        reference=reference,
        answer=excerpt(reasons or (own,)),
        asked_for=tuple(asked_for),
        links=links,
    )
    return Reply(
        category=chosen,
        lang=use,
        reasons=tuple(reasons),
        missing=tuple(missing),
        next_step=step,
        matched=matched,
        rules_matched=tuple(names),
        asked_for=tuple(asked_for) if chosen == "needs-info" else (),
        reference=reference,
        links=links,
        due=due,
        warnings=tuple(warnings),
        text=own,
    )


def _as_date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise LetterInputError(name, "not-a-date") from None
