"""The command line of class mode: ``python -m servicelab.classroom`` / ``servicelab-class`` / ``make class``.

    servicelab-class [serve] [--db FILE] [--port N] [--network] [--host ADDR] [--code CODE] [--lang zh|en]

Starts the classroom server, prints the join URL, the code and a QR code; Ctrl-C stops it.
``--ready-line``, ``--parent-pid`` and ``--watch-stdin`` are for :class:`ClassSession`.
"""
from __future__ import annotations

import argparse
import json
import sys

from ..errors import ServiceLabError
from ..i18n import LANGUAGES, t


def parser(lang: str = "zh") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="servicelab-class", description=t("classroom.cli.description", lang))
    p.add_argument("command", nargs="?", default="serve", choices=["serve"])
    p.add_argument("--db", default=None, help="class file (default: $SERVICELAB_CLASS_DB or classroom.db in the user data folder)")
    p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    p.add_argument("--network", action="store_true", help="bind the room's network address instead of 127.0.0.1")
    p.add_argument("--host", default=None, help="address to bind (default 127.0.0.1; with --network the room's address)")
    p.add_argument("--code", default=None, help="join code (default: a new random one)")
    p.add_argument("--lang", default="zh", choices=list(LANGUAGES), help="language of this terminal and of the page")
    p.add_argument("--verbose", action="store_true", help="log every request")
    p.add_argument("--ready-line", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--watch-stdin", action="store_true", help=argparse.SUPPRESS)
    return p


def _human(info: dict, lang: str) -> None:
    from .join import qr_text

    print(t("classroom.cli.running", lang, db=info["db"]))
    print(t("classroom.cli.open", lang, url=info["url"]))
    print(t("classroom.cli.code", lang, code=info["code"]))
    print(qr_text(info["url"]))
    if info["network"]:
        print(t("classroom.warning.network", lang, address=f"{info['host']}:{info['port']}"))
    else:
        print(t("classroom.cli.local_only", lang))
    print(t("classroom.cli.stop", lang), flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .server import READY_PREFIX, serve

    def ready(info: dict) -> None:
        if args.ready_line:
            print(READY_PREFIX + json.dumps(info, ensure_ascii=True), flush=True)
        else:
            _human(info, args.lang)

    try:
        serve(args.db, host=args.host, port=args.port, network=args.network, code=args.code, lang=args.lang,
              ready=ready, parent_pid=args.parent_pid, watch_stdin=args.watch_stdin, verbose=args.verbose)
    except ServiceLabError as err:
        print(err.message(args.lang), file=sys.stderr)
        sys.exit(2)
    except OSError as err:  # port in use, address not on this computer
        print(t("classroom.error.server_failed", args.lang, detail=str(err)), file=sys.stderr)
        sys.exit(2)
    if not args.ready_line:
        print(t("classroom.cli.stopped", args.lang))
    return 0
