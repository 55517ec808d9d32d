"""The shape of the package: models without widgets, views thin, no test tooling in the app."""

from __future__ import annotations

import re

from toolkit.paths import PACKAGE, ROOT

VIEWS = re.compile(r"(^|/)(view\.py|ui/[^/]+\.py)$")


def modules() -> list[tuple[str, str]]:
    found = [
        (str(path.relative_to(PACKAGE)), path.read_text(encoding="utf-8"))
        for path in PACKAGE.rglob("*.py")
    ]
    assert len(found) > 20
    return found


def test_only_views_import_ipywidgets():
    importing = [
        name for name, text in modules() if re.search(r"^\s*(import|from) ipywidgets", text, re.M)
    ]
    assert importing, "the views import ipywidgets"
    assert [name for name in importing if not VIEWS.search(name)] == []


def test_the_package_holds_no_test_or_bench_harness():
    assert not (PACKAGE / "harness.py").exists()
    for name, text in modules():
        assert "playwright" not in text.lower(), name
        assert "tools.harness" not in text, name
    assert (ROOT / "tools" / "harness.py").exists()


def test_views_build_no_html_in_f_strings():
    """HTML comes from templates/html/ui/ through the one autoescaped environment."""
    tag = re.compile(r"""f["'][^"'\n]*<(p|div|h\d|ul|li|a|span|strong|table|tr|td)[\s>]""")
    views = [(n, text) for n, text in modules() if VIEWS.search(n)]
    assert len(views) >= 6
    assert [n for n, text in views if tag.search(text)] == []


def test_no_module_registers_strings_by_import():
    assert [n for n, text in modules() if re.search(r"\bregister\(", text)] == []
