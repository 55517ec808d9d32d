"""Command line: `python -m toolkit serve`, `check-data`, `check-sources`, `handouts`, `data-pot`."""

from __future__ import annotations

import argparse
import os
import sys


def _serve(args: argparse.Namespace) -> int:
    from .room.setup import facilitator_url
    from .server import (
        ServeOptions,
        is_loopback,
        lan_address,
        new_token,
        participant_url,
        voila_command,
        voila_env,
    )

    token = args.token or os.environ.get("TOKEN") or None
    if not is_loopback(args.host):
        if args.no_token:
            print(
                f"Refusing to serve on {args.host} without a token: anyone on the network could "
                "open participants' pages. Drop --no-token.",
                file=sys.stderr,
            )
            return 2
        token = token or new_token()
    opts = ServeOptions(
        host=args.host,
        port=args.port,
        token=token,
        cull_idle_timeout=args.cull_idle_timeout,
        preheat=args.preheat,
        fork_kernels=not args.no_fork,
    )
    address = lan_address() if not is_loopback(args.host) else None
    url = participant_url(args.host, args.port, token, address)
    facilitator_key = os.environ.get("KIT_FACILITATOR_KEY") or new_token()
    room = f"{url.split('?')[0]}kit-room/"
    print(f"\n  Workshop app: {url}\n  (Ctrl-C stops it)\n", flush=True)
    if token and address:
        try:
            import segno

            segno.make(url, error="m").terminal(compact=True)
        except ImportError:  # pragma: no cover - segno is a dependency
            pass
    # The facilitator's view has a key of its own, never the participants' token; it is in the
    # address's fragment, which browsers do not send (so it is in no log). toolkit/room/.
    print(f"Facilitator: {facilitator_url(room, facilitator_key)}\n", flush=True)
    env = voila_env()
    env.update(KIT_FACILITATOR_KEY=facilitator_key, KIT_JOIN_URL=url)
    os.execvpe(sys.executable, voila_command(opts), env)  # noqa: S606
    return 0  # pragma: no cover


def _check_data(args: argparse.Namespace) -> int:
    from .data import check_data
    from .letters.reply import check_rules

    problems, counts, share = check_data()
    rule_problems, counts["reply rule files"] = check_rules()
    problems = [*map(str, problems), *rule_problems]
    for problem in problems:
        print(problem)
    if args.per_record:
        for record_id, fields in share.per_record.items():
            print(
                f"  {record_id}: {len(fields)} unknown{': ' + ', '.join(fields) if fields else ''}"
            )
    print(share)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(f"{summary}: {len(problems)} problem(s)")
    return 1 if problems else 0


def _check_sources(args: argparse.Namespace) -> int:
    from datetime import date

    from .checks import source_todo
    from .data import records

    today = date.fromisoformat(args.today) if args.today else date.today()
    todo = source_todo(records("services"), today, args.max_age)
    for item in todo:
        print(item)
    print(
        f"{len(todo)} source(s) to re-read (older than {args.max_age} days, "
        "version unknown, or older than the facts they support)"
    )
    return 1 if todo and args.strict else 0


def _handouts(args: argparse.Namespace) -> int:
    from .handouts import build_handouts

    for path in build_handouts(args.out):
        print(path)
    return 0


def _binder_setup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jupyter_core.paths import jupyter_config_dir

    from .server import binder_setup

    config_dir = Path(args.config_dir or jupyter_config_dir())
    data_dir = Path(args.data_dir or Path(sys.prefix) / "share" / "jupyter")
    for path in binder_setup(config_dir, data_dir):
        print(path)
    return 0


def _data_pot(_args: argparse.Namespace) -> int:
    from .data import load_all
    from .datatext import POT, sources, write_template

    loaded = load_all()
    problems = [p for entry in loaded.values() for p in entry.problems]
    if problems:
        print(f"{len(problems)} data problems: run check-data first", file=sys.stderr)
        return 1
    count = write_template(sources())
    print(f"{POT}: {count} texts")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m toolkit` and `privacy-kit`."""
    parser = argparse.ArgumentParser(prog="python -m toolkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the workshop app with Voila")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8866")))
    serve.add_argument("--token", help="token participants need (made up when serving on a LAN)")
    serve.add_argument("--no-token", action="store_true", help="only allowed on 127.0.0.1")
    serve.add_argument("--cull-idle-timeout", type=int, default=600, help="seconds (default 600)")
    serve.add_argument("--preheat", type=int, default=0, help="pre-started kernels (default 0)")
    serve.add_argument(
        "--no-fork",
        action="store_true",
        help="start each kernel as a new Python instead of forking a warmed one",
    )
    serve.set_defaults(func=_serve)
    check = sub.add_parser(
        "check-data", help="validate every record in data/ and the answer-reading rules"
    )
    check.add_argument(
        "--per-record", action="store_true", help="list the unknowns of each service"
    )
    check.set_defaults(func=_check_data)
    sources = sub.add_parser(
        "check-sources", help="list sources to re-read before a workshop (offline; a to-do list)"
    )
    sources.add_argument("--max-age", type=int, default=183, help="days (default 183)")
    sources.add_argument("--today", help="count ages from this day (YYYY-MM-DD; default today)")
    sources.add_argument("--strict", action="store_true", help="exit 1 when anything is listed")
    sources.set_defaults(func=_check_sources)
    handouts = sub.add_parser(
        "handouts", help="write printable handouts (HTML, PDF) in every interface language"
    )
    handouts.add_argument("--out", default=None, help="folder (default dist/handouts)")
    handouts.set_defaults(func=_handouts)
    pot = sub.add_parser(
        "data-pot", help="write toolkit/locale/data.pot, the records' English texts to translate"
    )
    pot.set_defaults(func=_data_pot)
    binder = sub.add_parser("binder-setup", help="install the kit's Voila settings (Binder)")
    binder.add_argument("--config-dir", help="Jupyter config folder (default: the user's)")
    binder.add_argument("--data-dir", help="Jupyter data folder (default: this environment's)")
    binder.set_defaults(func=_binder_setup)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
