"""``python -m commsim``."""

from commsim.cli import run

run()
