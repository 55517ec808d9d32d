"""The one autoescaped Jinja environment for HTML: pages, handouts and the views' fragments.

Templates live in templates/html/ (fragments of the app's views in templates/html/ui/).
Everything passed in is data and is escaped; undefined names fail loudly. A fragment gets
``t(key, **values)`` and ``tn(key, n, **values)`` (plural forms) bound to the interface language, so templates carry no language logic,
``day(value)``: an ISO date as that language writes it ("1 dicembre 2026"; other values as they are),
and ``colon``: the colon after a label (French sets a no-break space before it: "À :").
Every template can call ``data_as_of(lang)``: the day the kit's data were last checked, as
written in that language (toolkit.data.data_as_of_text).
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

import jinja2

from .i18n import punctuation, t, tn
from .paths import TEMPLATES, template_cache


class HtmlTemplateError(RuntimeError):
    """An HTML template is missing or broken (a bug in the kit, not in the input)."""


def _data_as_of(lang: str) -> str:
    from .data import data_as_of_text  # the data module (yaml) only when a template asks

    return data_as_of_text(lang)


@cache
def environment() -> jinja2.Environment:
    """Autoescaped, strict, loading from templates/html/."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "html"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache("html"),
    )
    env.globals["data_as_of"] = _data_as_of
    return env


def render(name: str, **context: Any) -> str:
    """Render templates/html/`name` with `context` (escaped)."""
    try:
        return environment().get_template(name).render(**context)
    except jinja2.TemplateError as error:
        raise HtmlTemplateError(f"{name}: {type(error).__name__}: {error}") from error


def day(value: Any, lang: str = "en") -> str:
    """An ISO date (text or date) as `lang` writes it in running text; anything else unchanged."""
    from datetime import date

    from .letters.model import format_date

    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return format_date(value, lang) if isinstance(value, date) else str(value)


def fragment(name: str, lang: str, **context: Any) -> str:
    """Render the view fragment templates/html/ui/`name` in the interface language `lang`."""
    return render(
        f"ui/{name}",
        lang=lang,
        t=partial(t, lang=lang),
        tn=partial(tn, lang=lang),
        day=partial(day, lang=lang),
        colon=punctuation(":", lang),
        **context,
    )


def bit(name: str, *args: Any, **kwargs: Any) -> str:
    """One of the small shared pieces in templates/html/ui/bits.html.j2 (a message, a label ...)."""
    module = environment().get_template("ui/bits.html.j2").module
    return str(getattr(module, name)(*args, **kwargs))
