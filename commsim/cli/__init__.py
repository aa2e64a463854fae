"""The ``commsim`` command: a thin layer of argument parsing over the core.

Every subcommand is a function taking parsed arguments and returning an exit
code. ``CommsimError`` is printed as one line on stderr with its exit code;
an unexpected exception is reported as one line too (with ``COMMSIM_DEBUG=1``
showing the traceback), so no traceback reaches a user by default.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from commsim import __version__
from commsim.cli import library_commands, play_commands, scoring_commands, store_commands
from commsim.errors import CommsimError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commsim",
        description="Practise NHS consultations in free text and get feedback on your words.",
        epilog="Run 'commsim COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"commsim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    library_commands.register(commands)
    play_commands.register(commands)
    scoring_commands.register(commands)
    store_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return library_commands.default(args)
        return handler(args)
    except CommsimError as error:
        print(_one_line_prefix(str(error)), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("commsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``commsim list | head``): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("COMMSIM_DEBUG"):
            traceback.print_exc()
        print(
            f"commsim: internal error: {type(error).__name__}: {error} (set COMMSIM_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 70


def _one_line_prefix(message: str) -> str:
    # Multi-line messages are lists of path:line problems: print them as they are.
    return message if "\n" in message or ":" in message.split(" ")[0] else f"commsim: {message}"


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
