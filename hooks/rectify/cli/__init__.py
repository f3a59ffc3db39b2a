"""The ``rectify`` command: its parser, and the dispatch to one module per sub-command.

Each command's module has ``add_parser`` (its arguments and help text) and ``run`` (its exit code);
a command says why it stops through ``console.fail``."""

from __future__ import annotations

import argparse
import sys

from rectify import __version__

from . import bundle, check, console, fonts, import_, init, ledger, new, pdf, publish, serve, site

# In the order ``rectify --help`` lists them.
COMMANDS = {
    "check": check,
    "bundle": bundle,
    "pdf": pdf,
    "fonts": fonts,
    "import": import_,
    "ledger": ledger,
    "init": init,
    "site": site,
    "publish": publish,
    "serve": serve,
    "new": new,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rectify", description="整改公开：检查整改情况通报的数据")
    parser.add_argument("--version", action="version", version=f"rectify {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for command in COMMANDS.values():
        command.add_parser(commands)
    console.use_utf8()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
