"""A ``.jsonl`` line longer than a document may be is refused while it is read:
never held whole, reported by its number in one line, and the lines after it
are read and stored."""

from __future__ import annotations

import gc
import io
import json
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nato_timeline.read.jsonl import OversizedLine, _bounded_lines, iter_jsonl_lines


def _lines(data: bytes, max_bytes: int, buffer_size: int) -> list:
    out = []
    for chunk in _bounded_lines(io.BufferedReader(io.BytesIO(data), buffer_size=buffer_size), max_bytes):
        if isinstance(chunk, OversizedLine):
            out.append(chunk.size)
            continue
        assert len(chunk) <= max_bytes + 2
        out.extend(line if len(line) <= max_bytes else len(line) for line in chunk.splitlines())
    return out


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.tuples(st.binary(max_size=12).map(lambda b: b.replace(b"\r", b"a").replace(b"\n", b"b")),
                                 st.sampled_from([b"\n", b"\r", b"\r\n", b"\r\r", b"\n\n", b""]))),
       max_bytes=st.integers(1, 10), buffer_size=st.integers(1, 16))
def test_lines_are_those_splitlines_gives_and_long_ones_only_their_length(pieces, max_bytes, buffer_size):
    data = b"".join(a + b for a, b in pieces)
    expected = [line if len(line) <= max_bytes else len(line) for line in data.splitlines()]
    assert _lines(data, max_bytes, buffer_size) == expected


def test_a_long_line_is_never_held_whole(tmp_path):
    """A 20 MB line with a 1 MB limit: what Python allocates while reading the
    file stays near the limit, and the lines around it come through with their
    numbers."""
    path = tmp_path / "batch.jsonl"
    first = json.dumps({"id": "a", "text": "NATO and Russia met in Brussels on 12 January 2022."}).encode()
    last = json.dumps({"id": "c", "text": "Russia annexed Crimea in March 2014."}).encode()
    with open(path, "wb") as f:
        f.write(first + b"\n" + b'{"id": "b", "text": "')
        for _ in range(20):
            f.write(b"x" * 1_000_000)
        f.write(b'"}\r\n' + last + b"\n")
    gc.collect()
    tracemalloc.start()
    try:
        got = list(iter_jsonl_lines(path, max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(n, type(line).__name__) for n, line in got] == [(1, "bytes"), (2, "OversizedLine"), (3, "bytes")]
    assert got[0][1] == first and got[2][1] == last
    assert got[1][1].size == 20_000_000 + len(b'{"id": "b", "text": "') + 2
    assert peak < 4_000_000, peak  # the limit twice over at most, never the line


@pytest.mark.slow
@pytest.mark.sqlite_only  # reading the file is the same whatever stores it
def test_ingest_refuses_a_line_over_the_limit_and_stores_the_others(cli, tmp_path):
    from nato_timeline.read import MAX_DOCUMENT_BYTES

    path = tmp_path / "wires.jsonl"
    with open(path, "wb") as f:
        f.write(json.dumps({"id": "a", "text": "NATO and Russia met in Brussels on 12 January 2022."}).encode() + b"\n")
        f.write(b'{"id": "b", "text": "')
        block = b"x" * 1_000_000
        for _ in range(MAX_DOCUMENT_BYTES // len(block) + 1):
            f.write(block)
        f.write(b'"}\n')
        f.write(json.dumps({"id": "c", "text": "Russia annexed Crimea in March 2014."}).encode() + b"\n")
    result = cli("ingest", str(path), "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}: line 2: too large (101.0 MB): a document may have at most 100.0 MB; split it"]
    assert "Traceback" not in result.stderr
    listed = cli("list", "--format", "json")
    assert sorted(e["title"] for e in json.loads(listed.stdout)) == ["NATO and Russia meet in Brussels",
                                                                      "Russia annexes Crimea"]
