"""Adversarial text: the extraction never raises and grows linearly with its
input, and document text cannot run as a spreadsheet formula or drive the
user's terminal."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nato_timeline.pipeline import extract_document
from nato_timeline.read import InputError, read_text
from nato_timeline.temporal.types import PartialDate

# ----------------------------------------------------------------------------- fuzz

ATOMS = [
    "NATO", "Russia", "met", "signed", "in", "Brussels", "on", "12", "January", "2022", "1999",
    ".", ",", ";", "-", "–", "—", "/", ":", "(", ")", "“", "”", "'", "\"", "\n", "\n\n", " ", "\t",
    "1.1.", "31.02.2022", "2022-13-45", "12/19/20", "0000", "9999", "XXXX", "FY2022", "Q3",
    "last", "next", "Monday", "week", "year", "ago", "since", "until", "the end of", "more than 30",
    "---", "published: 2020", "title:", "Share", "Facebook", "|", "Home", "Read more",
    "\x1b[31m", "\x07", "\x00", "\r", "\u202e", "\ufeff", "\u00a0", "\u2028", "𝟙𝟚", "١٢",
]
word = st.one_of(st.sampled_from(ATOMS), st.text(max_size=6))
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(ATOMS), max_size=300).map("".join),
    st.lists(word, max_size=300).map(" ".join),
    st.tuples(st.sampled_from(["1", ".", "-", "12.", "2022", " ", "January "]), st.integers(1, 3000)).map(
        lambda t: t[0] * t[1]
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=texts, published=st.one_of(st.none(), st.just(PartialDate(2022, 1, 12)), st.just(PartialDate(2014))))
def test_extraction_never_raises(text, published):
    try:
        doc = read_text(text, published=published)
    except InputError:  # an empty text or a malformed front matter: said, not raised further
        return
    extraction = extract_document(doc)
    for t in extraction.timexes:
        assert 0 <= t.start < t.end <= len(doc.body)
    for e in extraction.events:
        assert doc.body[e.start : e.end] == e.quote


# ----------------------------------------------------------------------------- linear time

UNITS = {
    "prose": "NATO and Russia met in Brussels on 12 January 2022 to discuss security. The talks lasted two hours. ",
    "digits": "1234567890" * 5 + " ",
    "dots": "12.01.2022." * 3 + "1.1.1.1.1. ",
    "punctuation": "!?.;:,-()[]\"'" * 4 + " ",
    "one-long-line": "word " * 50,
    "short-lines": "Meeting\n\n",
    "menu": "Home | News | About | Contact\n",
    "quotes": "“He said ‘on Monday’ they met.” ",
    "controls": "a\x1b[0m\x07b ",
    "titles": "Mr. ",  # stops that end no sentence: was quadratic in the sentence splitter
    "dot-runs": "x" + "." * 40,  # stops with no space after: was exponential in the run
}


def _best(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        extract_document(read_text(text))
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UNITS))
def test_whole_pipeline_grows_linearly(name):
    """Furniture, sentences, temporal expressions, events: four times the text
    takes about four times as long (a ratio, not a wall-clock limit)."""
    extract_document(read_text("NATO met Russia on 1 January 2020.\n"))  # load the data once
    unit = UNITS[name]
    head = "Title\n\nNATO met Russia in Riga on 2 May 2021.\n\n"  # never all furniture
    small = head + (unit * (12_500 // len(unit) + 1))[:12_500]
    big = head + (unit * (50_000 // len(unit) + 1))[:50_000]
    t_small = max(_best(small), 1e-3)
    t_big = _best(big)
    assert t_big / t_small < 8, (name, t_small, t_big)


# ----------------------------------------------------------------------------- output escaping

FORMULAS = ["=", "+", "-", "@"]


def test_csv_cells_never_start_a_formula(cli, tmp_path):
    for i, sign in enumerate(FORMULAS):
        name = f"{sign}SUM(1+1){i}.txt"  # the file name lands in the "documents" column
        (tmp_path / name).write_text(
            f"Report {i}\n\n{sign}HYPERLINK(\"http://example.invalid\",\"x\") NATO and Russia met in Geneva "
            f"on {i + 1} March 2021 to discuss arms control.\n",
            encoding="utf-8",
        )
    assert cli("ingest", str(tmp_path)).exit_code == 0
    result = cli("list", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + len(FORMULAS)
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # the text is kept, behind an apostrophe
    quotes = [row[rows[0].index("quote")] for row in rows[1:]]
    documents = [row[rows[0].index("documents")] for row in rows[1:]]
    assert sorted(q[:2] for q in quotes) == sorted("'" + s for s in FORMULAS)
    assert sorted(d[:2] for d in documents) == sorted("'" + s for s in FORMULAS)


ESCAPES = {
    "ESC": "\x1b[2J\x1b[31m",
    "OSC 8 link": "\x1b]8;;http://example.invalid\x1b\\",
    "BEL": "\x07",
    "CR": "\r",
    "C1 CSI": "\x9b31m",
    "bidi override": "\u202e",
}


@pytest.fixture
def hostile_db(cli, tmp_path):
    """A document whose text, title and name carry terminal control sequences
    (a .jsonl record, since a file's \\r would become a line break)."""
    record = {
        "id": "wire" + "".join(ESCAPES.values()),
        "title": "Title" + "".join(ESCAPES.values()),
        "text": f"NATO and Russia {ESCAPES['ESC']}met in {ESCAPES['OSC 8 link']}Geneva{ESCAPES['OSC 8 link']} "
        f"on 12 January 2022{ESCAPES['BEL']} to discuss {ESCAPES['C1 CSI']}security{ESCAPES['bidi override']}. "
        f"The talks{ESCAPES['CR']} lasted hours.\n",
    }
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def _assert_clean(output: str) -> None:
    for name, seq in ESCAPES.items():
        assert seq not in output, name
    assert not any(ch in output for ch in "\x1b\x07\x9b\r\u202e")


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--format", "markdown"], ["show", "1"], ["show", "no such event at all"]],
    ids=["list", "markdown", "show", "show-none"],
)
def test_terminal_output_carries_no_control_sequences(cli, hostile_db, args):
    result = cli(*args)
    assert result.exit_code in (0, 1)
    _assert_clean(result.stdout + result.stderr)
    if args == ["show", "1"]:
        assert "Geneva" in result.stdout and "wire" in result.stdout  # the text is there, the controls are not


@pytest.mark.parametrize(
    "args",
    [["list", "--format", "csv"], ["list", "--format", "json"], ["sources", "--format", "csv"],
     ["sources", "--format", "json"],
     ["show", "1", "--format", "json"], ["actors", "--format", "csv"], ["export", "--format", "csv"],
     ["export", "--format", "edtf"], ["export", "--format", "json"], ["export", "--format", "timelinejs"]],
    ids=lambda a: "-".join(x for x in a if x not in ("--format", "1")),
)
def test_machine_output_carries_no_control_sequences(cli, hostile_db, tmp_path, args):
    """CSV, JSON and the export formats: no control character and no bidi override
    reaches the terminal; JSON keeps them as ``\\u`` escapes, whole."""
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    _assert_clean(result.stdout)
    assert not any(ch in result.stdout for ch in "\x00\x9b\u202d\u2066")
    if "json" in args:
        json.loads(result.stdout)


def test_control_characters_are_never_stored(cli, query, hostile_db, tmp_path):
    """Tab and newline are the only control characters stored, whatever the input
    (a ``.jsonl`` ``\\u0000``, C1 controls, a form feed)."""
    record = {"text": "NATO met\u0000 Russia\u0085 in Oslo\u000c on 3 May 2021.\u009b\tEnd.\n",
              "title": "A\u0000 title\u0007"}
    (tmp_path / "nul.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "ff.txt").write_bytes(b"Page one\x0cNATO met Russia in Riga on 2 May 2021.\x1b[2J\x07\n")
    result = cli("ingest", str(tmp_path / "nul.jsonl"), str(tmp_path / "ff.txt"))
    assert result.exit_code == 0, result.stderr
    rows = query("SELECT body, coalesce(title, ''), name FROM documents")
    assert len(rows) == 3
    for body, title, _name in rows:
        for text in (body, title):
            assert not [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0], repr(text)
    bodies = sorted(r[0] for r in rows)
    assert "NATO met Russia\n in Oslo\n on 3 May 2021.\tEnd.\n" in bodies
    assert "Page one\nNATO met Russia in Riga on 2 May 2021.[2J\n" in bodies


def test_ingest_messages_carry_no_control_sequences(cli, tmp_path):
    bad = tmp_path / ("bad" + ESCAPES["ESC"] + ESCAPES["BEL"] + ".txt")
    bad.write_bytes(b"")
    result = cli("ingest", str(bad))
    assert result.exit_code == 1
    _assert_clean(result.stderr)
    assert "empty file" in result.stderr


def test_progress_bar_shows_file_names_as_plain_text(tmp_path, db_url, monkeypatch):
    """On a terminal the bar shows each file's name; a name is text, never markup
    or a control sequence (the last file's name is in the bar's final frame)."""
    from rich.console import Console

    from nato_timeline import cli
    from nato_timeline.db import open_database
    from nato_timeline.ingest import run

    folder = tmp_path / "in"
    folder.mkdir()
    name = "z [red]hostile \x1b]0;TITLE\x07\x1b[2J.txt"
    (folder / name).write_text("NATO and Russia met in Geneva on 12 January 2022.\n", encoding="utf-8")
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal that shows a live bar
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, force_interactive=True, width=200, color_system="standard")
    engine = open_database(db_url)
    try:
        report = cli._run_ingest(run, [str(folder)], engine, console, False, {"requested": False})
    finally:
        engine.dispose()
    assert report.new == 1
    shown = screen.getvalue()
    assert "[red]hostile" in shown  # as written, not as a style
    assert "\x1b]0;" not in shown and "\x07" not in shown and "\x1b[2J" not in shown
