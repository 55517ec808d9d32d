"""A letter explained paragraph by paragraph, in easy language (issue #20).

The letter itself stays legal text. Next to it, a participant who asks for it reads, for each
paragraph, what it says and why it is there, in Easy English or Leichte Sprache. The texts are in
`templates/letters/explain/<lang>/<kind>.yaml`: a list of entries, each with `starts` (a regular
expression the paragraph begins with, as that language's template writes it) and `explain`.
Paragraphs are found by their beginning, not their position, because a letter's paragraphs
depend on the participant's choices (grounds, direct marketing, a reference, an answer).
A test checks that every paragraph of every real letter gets an explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import data
from .texts import LETTER_DIR

EXPLAIN_DIR = LETTER_DIR / "explain"


@dataclass(frozen=True)
class Explained:
    """One paragraph of a letter and what it means ('' where no explanation matched)."""

    paragraph: str
    explain: str


def languages() -> tuple[str, ...]:
    """The letter languages with explanations (Easy English, Leichte Sprache)."""
    return tuple(sorted(p.name for p in EXPLAIN_DIR.iterdir() if p.is_dir()))


@cache
def _entries(lang: str, kind: str) -> tuple[tuple[str, str], ...]:
    path = EXPLAIN_DIR / lang / f"{kind}.yaml"
    if not path.is_file():
        return ()
    items = data.read_yaml(path.read_text(encoding="utf-8")) or []
    return tuple((str(i["starts"]), " ".join(str(i["explain"]).split())) for i in items)


def paragraphs(body: str) -> list[str]:
    """The letter's paragraphs: blocks between blank lines, a list of grounds staying whole."""
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def explain(body: str, kind: str, lang: str, sender: str = "") -> list[Explained]:
    """Each paragraph of a letter of `kind` in `lang` with its explanation.

    `starts` may hold `{sender}`, the sender's name as the letter signs it (escaped: a name is
    text, never a pattern).
    """
    entries = [
        (re.compile(starts.replace("{sender}", re.escape(sender.strip()) if sender else "(?!)")), e)
        for starts, e in _entries(lang, kind)
    ]
    out = []
    for paragraph in paragraphs(body):
        text = next((e for pattern, e in entries if pattern.match(paragraph)), "")
        out.append(Explained(paragraph, text))
    return out
