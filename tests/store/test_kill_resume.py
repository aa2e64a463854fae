"""Nothing typed is lost: a consultation killed with SIGKILL resumes with every earlier turn intact.

The consultation runs as a real ``commsim play`` process on a pseudo-terminal
(the plain terminal loop needs one), is killed mid-way, and is carried on with
``commsim resume`` in a second process. Timeouts below only stop a broken run
from hanging the suite; nothing asserts how long anything took.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commsim.runner import run_script
from commsim.store import Store
from tests.store.conftest import MINI, STRONG, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
GUARD_SECONDS = 60


class Terminal:
    """A commsim process on a pseudo-terminal: type lines, wait for text."""

    def __init__(self, *argv: str, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "commsim", *argv], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.output = ""

    def expect(self, text: str, after: int = 0) -> int:
        """Read until ``text`` appears after position ``after``; return where it ends."""
        deadline = time.monotonic() + GUARD_SECONDS
        while text not in self.output[after:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}; the terminal showed:\n{self.output}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the process has gone
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    raise AssertionError(f"process ended before {text!r}; it showed:\n{self.output}")
                self.output += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.output.index(text, after) + len(text)

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self) -> int:
        try:
            return self.process.wait(timeout=GUARD_SECONDS)
        finally:
            os.close(self.master)


def test_a_killed_consultation_resumes_with_every_earlier_turn_intact(db_path: Path):
    env = subprocess_env(COMMSIM_DB=str(db_path), TERM="dumb")
    first = Terminal("play", str(MINI), "--learner", "ada", env=env)
    seen = first.expect("You: ")
    for answer in STRONG[:2]:
        first.type(answer)
        seen = first.expect("You: ", seen)  # the reply was printed, so the turn was committed
    first.process.send_signal(signal.SIGKILL)
    assert first.finish() == -signal.SIGKILL

    with Store.open(db_path) as store:
        (attempt,) = store.unfinished_attempts()
        before = store.load_attempt(attempt.id)
    assert [t.text for t in before.turns if t.speaker == "learner"] == STRONG[:2]
    assert len(before.turns) == 5 and before.attempt.status == "open"

    second = Terminal("resume", env=env)
    shown = second.expect("You: ", second.expect(before.turns[-1].text))
    for turn in before.turns:  # the transcript so far is shown again
        assert turn.text in second.output[:shown]
    second.type(STRONG[2])
    second.expect("Saved as attempt")
    assert second.finish() == 0

    with Store.open(db_path) as store:
        after = store.load_attempt(attempt.id)
    assert after.turns[: len(before.turns)] == before.turns  # text, intent, criteria and timestamps untouched
    assert [t.text for t in after.turns if t.speaker == "learner"] == STRONG
    assert after.attempt.finished and store_unfinished(db_path) == []
    straight = run_script_for(STRONG)
    assert [t.text for t in after.turns] == [t.text for t in straight.consultation.turns]
    assert after.attempt.grade == straight.score.grade
    assert after.attempt.ending == straight.consultation.ending_id == "consented"


def test_ctrl_d_pauses_and_says_how_to_resume(db_path: Path):
    env = subprocess_env(COMMSIM_DB=str(db_path), TERM="dumb")
    terminal = Terminal("play", str(MINI), env=env)
    seen = terminal.expect("You: ")
    terminal.type(STRONG[0])
    seen = terminal.expect("You: ", seen)
    os.write(terminal.master, b"\x04")  # end of input
    terminal.expect("commsim resume 1", seen)
    assert terminal.finish() == 0
    assert [a.id for a in store_unfinished(db_path)] == [1]


WRITER = """
import sys
from commsim.store import NewTurn, Store
store = Store.open(sys.argv[1])
attempt = store.start_attempt("ada", scenario_id="s", scenario_title="S", rubrics=["consent"],
                              turns=[NewTurn(speaker="counterpart", text="opening", node="n")])
seq = 1
while True:
    store.record_turns(attempt.id, seq, [NewTurn(speaker="learner", text=f"answer {seq}" * 50, node="n"),
                                         NewTurn(speaker="counterpart", text=f"reply {seq + 1}", node="n")])
    seq += 2
"""


def test_a_writer_killed_mid_write_leaves_only_whole_turns(db_path: Path):
    """An answer and its reply are committed together: a kill never leaves half of the pair."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], env=subprocess_env())
    deadline = time.monotonic() + GUARD_SECONDS
    try:
        while True:
            assert time.monotonic() < deadline, "the writer never got going"
            assert writer.poll() is None, "the writer stopped by itself"
            if db_path.exists():
                try:
                    with Store.open(db_path) as store:
                        if store.attempts() and store.attempts()[0].turns > 200:
                            break
                except Exception:
                    pass
            time.sleep(0.05)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    with Store.open(db_path) as store:
        (attempt,) = store.attempts()
        turns = store.load_attempt(attempt.id).turns
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [t.seq for t in turns] == list(range(len(turns)))
    assert len(turns) % 2 == 1  # the opening, then whole answer-and-reply pairs
    assert [t.speaker for t in turns[1:]] == ["learner", "counterpart"] * (len(turns) // 2)


def store_unfinished(db_path: Path):
    with Store.open(db_path) as store:
        return store.unfinished_attempts()


def run_script_for(answers: list[str]):
    from commsim.library import Library
    from tests.conftest import FIXTURES

    library = Library.load(scenario_dirs=[FIXTURES / "valid"])
    return run_script(library, library.scenarios["mini-consent"], answers)
