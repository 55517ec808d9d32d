"""Small pages for a room on one Wi-Fi, as a real Chromium gets them from the real server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import open_app

from toolkit.web import IMMUTABLE, is_versioned

pytestmark = pytest.mark.browser

FIRST_LOAD_BUDGET = 1_500_000  # bytes on the wire (issue 21)
RELOAD_BUDGET = 100_000


def _record(context, page) -> dict[str, dict]:
    """Every request of `page`: URL, status, headers, bytes received, from the browser's cache."""
    rows: dict[str, dict] = {}
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def response(event: dict) -> None:
        r = event["response"]
        row = rows.setdefault(event["requestId"], {"bytes": 0, "cached": False})
        row.update(
            url=r["url"],
            status=r["status"],
            mime=r.get("mimeType", ""),
            headers={k.lower(): v for k, v in r["headers"].items()},
            cached=row["cached"] or bool(r.get("fromDiskCache")),
        )

    def finished(event: dict) -> None:
        rows.setdefault(event["requestId"], {"bytes": 0, "cached": False})["bytes"] = event[
            "encodedDataLength"
        ]

    def cached(event: dict) -> None:
        rows.setdefault(event["requestId"], {"bytes": 0})["cached"] = True

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestServedFromCache", cached)
    return rows


def _static(row: dict) -> bool:
    return "/voila/" in urlsplit(row["url"]).path and row["headers"].get("accept-ranges") == "bytes"


def test_first_load_is_compressed_and_static_files_carry_cache_lifetimes(browser, voila_app):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    rows = _record(context, page)
    open_app(page, voila_app)
    page.wait_for_load_state("networkidle")
    loaded = [row for row in rows.values() if "status" in row]
    scripts = [row for row in loaded if "javascript" in row["mime"]]
    assert len(scripts) > 50  # Voila's bundle and the widgets' are there
    uncompressed = [  # files under 1 KiB are not worth compressing
        row["url"]
        for row in scripts
        if row["headers"].get("content-encoding") != "gzip"
        and int(row["headers"].get("content-length", 0)) >= 1024
    ]
    assert uncompressed == []
    page_html = next(row for row in loaded if row["url"] == voila_app.url)
    assert page_html["headers"]["content-encoding"] == "gzip"
    assert "no-store" in page_html["headers"]["cache-control"]  # it names this page's kernel
    static = [row for row in loaded if _static(row)]
    # besides the scripts: two stylesheets (the icon font only once a page shows an icon)
    assert len(static) - len(scripts) in (2, 3)
    for row in static:
        split = urlsplit(row["url"])
        expected = IMMUTABLE if is_versioned(split.path, split.query) else "no-cache"
        assert row["headers"]["cache-control"] == expected, row["url"]
    assert sum(row["bytes"] for row in loaded) <= FIRST_LOAD_BUDGET

    # a reload: versioned files come from the browser's cache, the rest are revalidated (304)
    rows.clear()
    page.reload()
    page.wait_for_selector(".kit-app", state="visible", timeout=90_000)
    page.wait_for_load_state("networkidle")
    again = [row for row in rows.values() if "status" in row]
    asked = [row for row in again if not row["cached"]]
    versioned_asked = [
        row["url"]
        for row in asked
        if _static(row) and is_versioned(urlsplit(row["url"]).path, urlsplit(row["url"]).query)
    ]
    assert versioned_asked == []
    assert {row["status"] for row in asked if _static(row)} == {304}
    assert sum(row["bytes"] for row in again) <= RELOAD_BUDGET
    context.close()
