"""One strict Jinja environment for every letter template.

Templates live in templates/letters/<lang>/<kind>.txt.j2 and define blocks (`subject`, `body`,
and for some kinds `form_reason`, `form_more`, `ask_owner`). Undefined variables fail loudly;
template errors come back as LetterTemplateError naming the template.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
import jinja2.meta

from ..paths import TEMPLATES, template_cache

LETTER_DIR = TEMPLATES / "letters"


class LetterTemplateError(RuntimeError):
    """A letter template is missing or broken (a bug in the kit, not in the input)."""


@cache
def environment() -> jinja2.Environment:
    """The letters' Jinja environment: plain text, strict, whitespace-tidy."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(LETTER_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - plain-text letters; HTML views escape on display
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=template_cache("letters"),
    )


def template_name(kind: str, lang: str) -> str:
    """The file name of a letter template relative to templates/letters/."""
    return f"{lang}/{kind}.txt.j2"


def render_blocks(kind: str, lang: str, context: dict[str, Any]) -> dict[str, str]:
    """Render every block of the template for `kind` in `lang`; text tidied."""
    name = template_name(kind, lang)
    try:
        template = environment().get_template(name)
        ctx = template.new_context(dict(context))
        return {block: tidy("".join(render(ctx))) for block, render in template.blocks.items()}
    except jinja2.TemplateNotFound:
        raise LetterTemplateError(f"no letter template {name}") from None
    except jinja2.TemplateError as error:
        raise LetterTemplateError(f"{name}: {type(error).__name__}: {error}") from error


def undeclared_variables(kind: str, lang: str) -> set[str]:
    """Names a template reads from its context (for the template contract test)."""
    name = template_name(kind, lang)
    source = (LETTER_DIR / name).read_text(encoding="utf-8")
    return jinja2.meta.find_undeclared_variables(environment().parse(source)) - {"self"}


def tidy(text: str) -> str:
    """Strip trailing spaces and runs of blank lines from rendered text."""
    lines = [line.rstrip() for line in text.strip().split("\n")]
    kept: list[str] = []
    for line in lines:
        if line == "" and kept and kept[-1] == "":
            continue
        kept.append(line)
    return "\n".join(kept)
