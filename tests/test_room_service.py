"""The room service as JupyterHub runs it (a real process): keys, hostile requests, what it holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tools.harness import free_port, stop_process, wait_until_serving

ROOM_KEY, FACILITATOR_KEY = "room-key-for-tests-0123456789", "facilitator-key-0123"
CANARY = "Zyxwvut Canarynamé"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("room") / "service.log"
    env = {
        **os.environ,
        "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}",
        "JUPYTERHUB_SERVICE_PREFIX": "/services/room/",
        "KIT_ROOM_KEY": ROOM_KEY,
        "KIT_FACILITATOR_KEY": FACILITATOR_KEY,
        "KIT_JOIN_URL": "http://192.0.2.1:8000/",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit.room.service"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/services/room/"
    wait_until_serving(base + "facilitator", process, log_path=log)
    yield base, log
    stop_process(process)
    assert "Traceback" not in log.read_text()  # stopped by SIGTERM, as the hub does, cleanly


def request(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(
        url, data=body, headers=headers or {}, method="POST" if body is not None else "GET"
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


KEYED = {"X-Kit-Room-Key": ROOM_KEY, "Content-Type": "application/json"}


def test_the_keyed_door_needs_the_room_key(service):
    base, _log = service
    action = json.dumps({"op": "event", "event": "plan"}).encode()
    assert request(base + "api/keyed", action, {"X-Kit-Room-Key": "wrong"})[0] == 403
    assert request(base + "api/keyed", action, {"X-Kit-Room-Key": FACILITATOR_KEY})[0] == 403
    assert request(base + "api/keyed", action, KEYED) == (200, '{"ok": true}')


@pytest.mark.parametrize(
    "body",
    [
        b"x" * 5000,
        b"not json",
        b"\xff\xfe",
        b"[]",
        json.dumps(
            {"op": "event", "event": "letter", "service": CANARY, "kind": "access"}
        ).encode(),
        json.dumps(
            {"op": "share", "entry": "entry-000001", "kind": "email", "address": CANARY}
        ).encode(),
    ],
)
def test_hostile_requests_get_a_reason_and_leave_nothing(service, body):
    base, log = service
    status, text = request(base + "api/keyed", body, KEYED)
    assert status == 400 and json.loads(text)["error"]
    assert CANARY not in log.read_text()


def test_the_facilitators_view_needs_its_own_key(service):
    base, _log = service
    status, page = request(base + "facilitator")
    assert status == 200 and "kit-connected" not in page and "192.0.2.1" not in page
    assert request(base + "facilitator/api")[0] == 403
    assert request(base + "facilitator/login", json.dumps({"key": ROOM_KEY}).encode())[0] == 403
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.request.Request(
        base + "facilitator/login",
        data=json.dumps({"key": FACILITATOR_KEY}).encode(),
        method="POST",
    )
    assert opener.open(login, timeout=10).status == 200
    page = opener.open(base + "facilitator", timeout=10).read().decode()
    assert "kit-connected" in page and "192.0.2.1" in page  # the join address and its QR code
    # a POST without the custom header (a form on another site) is refused
    refused = urllib.request.Request(
        base + "facilitator/api", data=b'{"op": "wipe"}', method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        opener.open(refused, timeout=10)
    assert error.value.code == 403
    held = json.loads(opener.open(base + "facilitator/api?all=1", timeout=10).read())
    assert CANARY not in json.dumps(held, ensure_ascii=False)
