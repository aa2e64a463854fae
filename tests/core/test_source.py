"""Reading YAML keeps the line of every value, and bad YAML says where."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsim.errors import InvalidFileError
from commsim.library.source import read_yaml


def test_every_path_knows_its_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("id: x\nnodes:\n  greeting:\n    says: hi\n    responses:\n      - next: b\n")
    source = read_yaml(path)
    assert source.line_of(("nodes", "greeting", "says")) == 4
    assert source.line_of(("nodes", "greeting", "responses", 0, "next")) == 6
    # A path that does not exist falls back to its deepest existing parent.
    assert source.line_of(("nodes", "greeting", "fallback")) == 3


def test_duplicate_keys_are_reported_not_silently_overwritten(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("nodes:\n  a: 1\n  b: 2\n  a: 3\n")
    source = read_yaml(path)
    assert [str(p) for p in source.problems] == [f"{path}:4: duplicate key 'a' (first at line 2)"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: [\n", 3, "YAML syntax"),
        ("a: 1\n  b: 2\n", 2, "YAML syntax"),
        ("", 1, "file is empty"),
        ("a: !!python/object:os.system ls\n", 1, "YAML syntax"),
    ],
)
def test_bad_yaml_gives_path_line_and_reason(tmp_path, text, line, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(InvalidFileError) as caught:
        read_yaml(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.path) == (line, str(path))
    assert fragment in problem.message


def test_alias_bombs_are_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidFileError, match="too many values"):
        read_yaml(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InvalidFileError, match="not UTF-8"):
        read_yaml(path)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_arbitrary_text_never_escapes_as_another_error(text):
    try:
        read_yaml("fuzz.yaml", text)
    except InvalidFileError as error:
        assert all(p.line >= 1 for p in error.problems)
