"""Hostile inputs: what participants (or someone at a shared laptop) might type, on purpose or not."""

from __future__ import annotations

HOSTILE: dict[str, str] = {
    "script": "<script>alert('xss')</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "svg-onload": "<svg/onload=alert(document.domain)>",
    "javascript-link": "javascript:alert(1)",
    "html-entities": "&lt;b&gt; &amp;amp; &#x3C;script&#x3E;",
    "attribute-break": '" onmouseover="alert(1)" x="',
    "jinja-expression": "{{ 7*7 }}",
    "jinja-statement": "{% for x in range(3) %}{{ x }}{% endfor %}",
    "jinja-config": "{{ config.__class__.__init__.__globals__ }}",
    "percent-format": "%s %d %(name)s",
    "brace-format": "{0} {name!r} {__class__}",
    "header-injection": "Eve\r\nBcc: victim@example.org",
    "lf-header": "Eve\nSubject: pwned",
    "encoded-newline": "Eve%0d%0aBcc:x@example.org",
    "nul": "Eve\x00Null",
    "controls": "A\x01\x02\x07\x08\x1b[31mB\x7f",
    "rtl-override": "\u202eexe.txt",
    "bidi-isolates": "\u2066abc\u2069 \u200f\u200e",
    "combining": "Z\u0351\u0302\u0336a\u0337\u034dl\u0335g\u0334o",
    "emoji": "👩🏽‍💻🔥🇪🇺 Zoë",
    "cjk-arabic": "山田太郎 محمد",
    "zero-width": "Ev\u200be\u200d",
    "formula-hyperlink": '=HYPERLINK("http://evil.example","click")',
    "formula-plus": "+1+cmd|' /C calc'!A0",
    "formula-minus": "-2+3",
    "formula-at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "path": "../../etc/passwd",
    "windows-path": "..\\..\\windows\\system32",
    "sql": "'; DROP TABLE users; --",
    "only-spaces": "   \t  ",
    "long-100k": "x" * 100_000,
    "long-1m": "y" * 1_000_000,
}

# A few entries are long; tests that type into a browser use the short ones plus one long one.
SHORT = {name: value for name, value in HOSTILE.items() if len(value) < 1000}
