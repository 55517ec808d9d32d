"""Zero to JupyterHub files (deploy/kubernetes/): offline checks, no cluster or Docker needed."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from toolkit.paths import NOTEBOOKS, ROOT
from toolkit.server import CSP, KERNEL_MANAGER, TEMPLATE_NAME, TEMPLATE_ROOT

K8S = ROOT / "deploy" / "kubernetes"
DOCKERFILE = K8S / "Dockerfile"
CONFIG = K8S / "config.yaml"
KEYS = Path(__file__).parent / "fixtures" / "z2jh" / "values-keys.txt"
HUB_SINGLEUSER_FILE = ROOT / "deploy" / "jupyterhub" / "singleuser" / "jupyter_server_config.json"
MEASURED_PEAK_BYTES = 300e6  # a participant's server + kernel at its largest (README.md there)


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


singleuser_config = _load_module(K8S / "singleuser_config.py", "k8s_singleuser_config")


@pytest.fixture(scope="module")
def values() -> dict:
    data = yaml.safe_load(CONFIG.read_text())
    assert isinstance(data, dict) and data
    return data


def _chart_versions() -> tuple[str, str]:
    """(chart version, JupyterHub version) named in config.yaml's header."""
    found = re.search(
        r"Chart: jupyterhub/jupyterhub (\d+\.\d+\.\d+), which bundles JupyterHub (\d+\.\d+\.\d+)",
        CONFIG.read_text(),
    )
    assert found, "config.yaml's header must name the chart and its JupyterHub version"
    return found.group(1), found.group(2)


# --- Dockerfile and Makefile parsing ---------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, rest = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        pending = ""
    assert instructions, "no instruction found in the Dockerfile"
    return instructions


def _docker_env() -> dict[str, str]:
    env = {}
    for keyword, rest in _dockerfile():
        if keyword == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(rest))
    return env


def _docker_run_commands() -> list[list[str]]:
    return [
        shlex.split(command)
        for keyword, rest in _dockerfile()
        if keyword == "RUN"
        for command in rest.split("&&")
    ]


def _image_path(image_path: str) -> Path:
    """The repository file that a path inside the image comes from (COPY . into WORKDIR)."""
    workdir = next(rest for keyword, rest in _dockerfile() if keyword == "WORKDIR")
    assert image_path.startswith(workdir + "/"), f"{image_path} is not under {workdir}"
    return ROOT / image_path.removeprefix(workdir + "/")


def _pip_install_args(commands: list[list[str]], python: str) -> list[list[str]]:
    return [command[4:] for command in commands if command[:4] == [python, "-m", "pip", "install"]]


def _makefile_recipe(target: str) -> list[list[str]]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(target + ":"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(shlex.split(line.strip()))
    return recipe


# --- config.yaml --------------------------------------------------------------------------------


def _valid_patterns() -> list[list[str]]:
    patterns = [
        line.strip().split(".")
        for line in KEYS.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(patterns) > 100, "the chart's key list looks truncated"
    return patterns


def _is_valid(path: list[str], patterns: list[list[str]]) -> bool:
    for pattern in patterns:
        free = pattern[-1] == "**"
        fixed = pattern[:-1] if free else pattern
        if len(path) < len(fixed) or (not free and len(path) != len(fixed)):
            continue
        if all(want in ("*", got) for want, got in zip(fixed, path, strict=False)):
            return True
    return False


def _key_paths(node: dict, prefix: tuple[str, ...] = ()):
    for key, value in node.items():
        yield [*prefix, str(key)]
        if isinstance(value, dict):
            yield from _key_paths(value, (*prefix, str(key)))


def test_config_names_the_chart_version_used_in_the_readme():
    chart, hub = _chart_versions()
    readme = (K8S / "README.md").read_text()
    assert f"--version {chart}" in readme
    assert f"JupyterHub {hub}" in readme


def test_every_config_key_is_in_the_chart_schema(values):
    patterns = _valid_patterns()
    # the matcher itself must reject what the schema does not have
    assert _is_valid(["singleuser", "storage", "type"], patterns)
    assert _is_valid(["hub", "config", "Anything", "at_all"], patterns)
    assert not _is_valid(["singleuser", "storage", "tpye"], patterns)
    assert not _is_valid(["singleuser", "notebookDir"], patterns)
    paths = list(_key_paths(values))
    assert len(paths) > 20
    unknown = [".".join(path) for path in paths if not _is_valid(path, patterns)]
    assert unknown == []


def test_hub_config_sets_only_traits_that_exist(values):
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator
    from tmpauthenticator import TmpAuthenticator

    classes = {c.__name__: c for c in (JupyterHub, Authenticator, TmpAuthenticator)}
    hub_config = values["hub"]["config"]
    assert hub_config
    for class_name, settings in hub_config.items():
        assert class_name in classes, f"unknown configurable class {class_name}"
        traits = classes[class_name].class_traits(config=True)
        for trait in settings:
            assert trait in traits, f"{class_name}.{trait} is not a configurable trait"
    assert hub_config["Authenticator"]["allow_all"] is True  # JupyterHub 5 admits nobody without
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="jupyterhub.authenticators")}
    assert hub_config["JupyterHub"]["authenticator_class"] in names


def test_no_persistent_storage_for_participants(values):
    storage = values["singleuser"]["storage"]
    assert storage == {"type": "none"}
    assert not any(keyword == "VOLUME" for keyword, _ in _dockerfile())


def test_participants_servers_reach_no_other_host(values):
    policy = values["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    rules = policy["egressAllowRules"]
    assert rules["nonPrivateIPs"] is False and rules["privateIPs"] is False
    assert rules["cloudMetadataServer"] is False
    assert not policy.get("egress")  # no extra egress rule opened by hand


def test_idle_servers_and_temporary_users_are_culled(values):
    assert values["cull"] == {"enabled": True, "users": True, "timeout": 900, "every": 60}


def _bytes(quantity: str) -> float:
    units = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    number, unit = re.fullmatch(r"([\d.]+)([KMG]i?)", quantity).groups()
    return float(number) * units[unit]


def test_resources_cover_the_measured_peak(values):
    memory, cpu = values["singleuser"]["memory"], values["singleuser"]["cpu"]
    assert _bytes(memory["guarantee"]) >= MEASURED_PEAK_BYTES
    assert _bytes(memory["limit"]) > _bytes(memory["guarantee"])
    assert 0 < cpu["guarantee"] <= cpu["limit"]
    assert values["prePuller"]["hook"]["enabled"] and values["prePuller"]["continuous"]["enabled"]
    placeholder = values["scheduling"]["userPlaceholder"]
    assert placeholder["enabled"] and placeholder["replicas"] > 0
    assert values["scheduling"]["podPriority"]["enabled"]  # placeholders need it to be evicted


def test_default_url_renders_a_notebook_of_the_image_root(values):
    url = values["singleuser"]["defaultUrl"]
    assert url.startswith("/voila/render/")
    root_dir = Path(singleuser_config.image_config()["ServerApp"]["root_dir"])
    assert root_dir == NOTEBOOKS
    assert (root_dir / url.removeprefix("/voila/render/")).is_file()
    image = values["singleuser"]["image"]
    assert isinstance(image["name"], str) and isinstance(image["tag"], str)


# --- Dockerfile ---------------------------------------------------------------------------------


def test_dockerfile_is_not_at_the_repository_root():
    # A root Dockerfile would make Binder (repo2docker) ignore environment.yml.
    assert DOCKERFILE.is_file()
    assert not (ROOT / "Dockerfile").exists()
    assert "docker build -f deploy/kubernetes/Dockerfile" in DOCKERFILE.read_text()


def test_dockerfile_installs_like_the_makefile():
    make = [
        *_pip_install_args(_makefile_recipe("$(VENV)/bin/python"), "$(BIN)/python"),
        *_pip_install_args(_makefile_recipe("$(VENV)/.app"), "$(BIN)/python"),
        *_pip_install_args(_makefile_recipe("$(VENV)/.hub"), "$(BIN)/python"),
    ]
    assert make == [["-q", "--upgrade", "pip"], ["-q", "-e", "."], ["-q", "-e", ".[hub]"]]
    assert _pip_install_args(_docker_run_commands(), "python") == make


def test_jupyterhub_in_the_image_matches_the_chart():
    _chart, hub_version = _chart_versions()
    constraint_file = _image_path(_docker_env()["PIP_CONSTRAINT"])
    assert constraint_file == K8S / "constraints.txt"
    pins = [
        Requirement(line)
        for line in constraint_file.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pin = next(req for req in pins if req.name == "jupyterhub")
    extra = next(
        Requirement(req)
        for req in _pyproject()["project"]["optional-dependencies"]["hub"]
        if Requirement(req).name == "jupyterhub"
    )
    chart_hub = Version(hub_version)
    assert chart_hub in pin.specifier and chart_hub in extra.specifier
    assert Version(f"{chart_hub.major + 1}.0.0") not in pin.specifier  # same major as the hub


def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_image_finds_the_template_and_its_server_config():
    env = _docker_env()
    assert _image_path(env["JUPYTER_PATH"]) == TEMPLATE_ROOT
    assert (TEMPLATE_ROOT / "voila" / "templates" / TEMPLATE_NAME).is_dir()
    writes_config = [
        command
        for command in _docker_run_commands()
        if command[:2] == ["python", "deploy/kubernetes/singleuser_config.py"]
    ]
    assert writes_config == [
        [
            "python",
            "deploy/kubernetes/singleuser_config.py",
            "$JUPYTER_CONFIG_DIR/jupyter_server_config.json",
        ]
    ]
    assert env["JUPYTER_CONFIG_DIR"].startswith("/")
    # kernels talk over Unix sockets (singleuser_config): their paths must fit in 107 bytes
    assert singleuser_config.image_config()["KernelManager"] == {"transport": "ipc"}
    assert len(f"{env['JUPYTER_RUNTIME_DIR']}/kernel-{'0' * 36}-ipc-4") <= 107
    users = [rest for keyword, rest in _dockerfile() if keyword == "USER"]
    assert users == ["1000"]  # jovyan, as Zero to JupyterHub runs user pods
    cmd = [rest for keyword, rest in _dockerfile() if keyword == "CMD"]
    assert cmd == ['["jupyterhub-singleuser"]']


def _ignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore-style patterns exclude `path` (or a folder above it)."""
    parts = path.split("/")
    for pattern in patterns:
        regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
        regex = regex.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        if any(re.fullmatch(regex, "/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            return True
    return False


def test_build_context_keeps_what_the_image_needs():
    lines = (K8S / "Dockerfile.dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert patterns and not any(p.startswith("!") for p in patterns)  # _ignored has no "!"
    data = [str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*") if p.is_file()]
    assert data
    needed = [
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "toolkit/__init__.py",
        "toolkit/fonts/LICENSE-DejaVu.txt",
        "notebooks/00-workshop.ipynb",
        str((TEMPLATE_ROOT / "voila" / "templates" / TEMPLATE_NAME).relative_to(ROOT)),
        "deploy/jupyterhub/jupyterhub_config.py",
        "deploy/kubernetes/singleuser_config.py",
        "deploy/kubernetes/constraints.txt",
        *data,
    ]
    for path in needed:
        assert (ROOT / path).exists(), path
        assert not _ignored(path, patterns), path
    for path in (
        ".git/HEAD",
        ".venv/bin/python",
        "deploy/jupyterhub/node_modules/.bin/configurable-http-proxy",
        "deploy/jupyterhub/singleuser/jupyter_server_config.json",
        ".hub/jupyterhub.sqlite",
        "bench/results/run.json",
        "toolkit/__pycache__/server.cpython-311.pyc",
        "privacy_workshop_kit.egg-info/PKG-INFO",
        "dist/handouts/de.pdf",
    ):
        assert _ignored(path, patterns), path


# --- the image's single-user server settings ---------------------------------------------------


def test_image_server_config_is_the_hub_one_but_for_root(tmp_path, monkeypatch):
    # The hub config writes its servers' settings when loaded; run it with a scratch state dir.
    from traitlets.config import Config

    monkeypatch.setenv("HUB_STATE_DIR", str(tmp_path / "hub"))
    monkeypatch.setattr(sys, "path", list(sys.path))  # the config puts the repo first
    runpy.run_path(str(ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"),
                   init_globals={"get_config": Config})  # fmt: skip
    hub = json.loads(HUB_SINGLEUSER_FILE.read_text())
    image = singleuser_config.image_config()
    # only the server's root and running as root differ
    assert image["ServerApp"]["allow_root"] is False
    assert image["ServerApp"].pop("root_dir") == str(NOTEBOOKS)
    assert "root_dir" not in hub["ServerApp"]  # the hub passes Spawner.notebook_dir instead
    hub["ServerApp"]["allow_root"] = False
    assert image == hub
    # and what they say, checked on their own
    server = image["ServerApp"]
    assert {name for name, on in server["jpserver_extensions"].items() if on} == {
        "voila",
        "toolkit.web",  # compressed responses and static files' cache lifetimes
    }
    assert server["jpserver_extensions"]["jupyterlab"] is False
    assert server["terminals_enabled"] is False
    assert server["tornado_settings"]["headers"] == {
        "Content-Security-Policy": CSP,
        "Referrer-Policy": "same-origin",
    }
    assert server["tornado_settings"]["mathjax_url"] is None
    assert server["kernel_manager_class"] == KERNEL_MANAGER
    assert image["VoilaConfiguration"]["template"] == TEMPLATE_NAME
    assert image["VoilaConfiguration"]["show_tracebacks"] is False
    assert image["TagRemovePreprocessor"] == {"enabled": True, "remove_cell_tags": ["hide"]}
    assert image["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_jupyter_server_reads_the_image_config_from_jupyter_config_dir(tmp_path):
    # Installed packages enable JupyterLab etc. in <prefix>/etc/jupyter/jupyter_server_config.d;
    # the baked file in JUPYTER_CONFIG_DIR must win, as it does for `make hub`.
    config_dir = tmp_path / "jupyter"
    assert singleuser_config.main([str(config_dir / "jupyter_server_config.json")]) == 0
    probe = (
        "import json\n"
        "from jupyter_server.serverapp import ServerApp\n"
        "app = ServerApp()\n"
        "app.load_config_file()\n"
        "app.find_server_extensions()\n"
        "print(json.dumps({'ext': dict(app.jpserver_extensions),"
        " 'terminals': app.terminals_enabled, 'root': app.root_dir,"
        " 'headers': app.tornado_settings['headers']}))\n"
    )
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir)}
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", probe],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["ext"]["voila"] is True
    for name in ("jupyterlab", "notebook", "nbclassic", "jupyter_lsp", "jupyter_server_terminals"):
        assert seen["ext"].get(name) is False, name
    assert seen["terminals"] is False
    assert Path(seen["root"]) == NOTEBOOKS
    assert seen["headers"]["Content-Security-Policy"] == CSP
