"""The serving configuration: safe by default."""

import json
import subprocess
import sys

import pytest

from toolkit.server import CSP, ServeOptions, is_loopback, participant_url, voila_command, voila_env


def test_command_hides_tracebacks_uses_template_csp_and_culling():
    cmd = voila_command(ServeOptions(port=9000))
    joined = " ".join(cmd)
    assert "--template=privacykit" in cmd
    assert "--VoilaConfiguration.show_tracebacks=False" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=600" in cmd
    tornado = json.loads(
        next(c for c in cmd if c.startswith("--Voila.tornado_settings=")).split("=", 1)[1]
    )
    assert tornado["headers"]["Content-Security-Policy"] == CSP
    assert "--port=9000" in cmd
    assert "token" not in joined


def test_csp_allows_only_self():
    assert "default-src 'self'" in CSP
    assert "connect-src 'self'" in CSP
    assert "http" not in CSP


def test_beyond_loopback_needs_a_token():
    with pytest.raises(ValueError, match="token"):
        ServeOptions(host="0.0.0.0")
    cmd = voila_command(ServeOptions(host="0.0.0.0", token="abc"))
    assert "--Voila.token=abc" in cmd


@pytest.mark.parametrize(
    ("host", "loop"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


def test_serve_refuses_lan_without_token():
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "serve", "--host", "0.0.0.0", "--no-token"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "token" in result.stderr


def test_participant_url_carries_token():
    assert participant_url("0.0.0.0", 8866, "t0k", "10.1.2.3") == "http://10.1.2.3:8866/?token=t0k"
    assert participant_url("127.0.0.1", 8866, None) == "http://127.0.0.1:8866/"


def test_template_dir_is_on_the_jupyter_path():
    env = voila_env({"JUPYTER_PATH": "/elsewhere"})
    first = env["JUPYTER_PATH"].split(":")[0]
    assert first.endswith("templates/jupyter")
    assert (__import__("pathlib").Path(first) / "voila/templates/privacykit/index.html.j2").exists()
