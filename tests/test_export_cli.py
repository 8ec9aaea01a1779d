"""``timeline export`` end to end: stdout and -o, the list formats, filters, and
every error path (bad or missing format, unusable output path, empty database)."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import REPO

FORMATS = ["timelinejs", "ical", "edtf", "html", "json", "csv", "markdown"]


@pytest.fixture
def export(runner, seeded_url):
    from nato_timeline.cli import app

    def invoke(*args, db=seeded_url):
        return runner.invoke(app, ["export", *args, "--db", str(db)])

    return invoke


@pytest.fixture
def lst(runner, seeded_url):
    from nato_timeline.cli import app

    def invoke(*args):
        return runner.invoke(app, ["list", *args, "--db", seeded_url])

    return invoke


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdout_by_default_and_the_same_bytes_with_o(export, fmt, tmp_path):
    result = export("--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    out = tmp_path / f"export.{fmt}"
    written = export("--format", fmt, "-o", str(out))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    assert "Exported 10 events" in written.stderr and str(out) in written.stderr
    if fmt == "ical":  # DTSTAMP is the time of export
        strip = lambda t: "\n".join(l for l in t.splitlines() if not l.startswith("DTSTAMP"))  # noqa: E731
        assert strip(out.read_bytes().decode()) == strip(result.stdout)
    else:
        assert out.read_bytes().decode("utf-8") == result.stdout
    assert [p.name for p in tmp_path.iterdir()] == [out.name], "no temporary file left behind"


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_list_formats_are_the_shapes_of_list(export, lst, fmt):
    assert export("--format", fmt).stdout.strip() == lst("--format", fmt).stdout.strip()


def test_filters_select_what_list_selects(export, lst):
    args = ["--since", "2015", "--until", "2022-01-10", "--limit", "4"]
    listed = json.loads(lst(*args, "--format", "json").stdout)
    assert len(listed) == 4
    exported = json.loads(export("--format", "timelinejs", *args).stdout)
    assert [s["unique_id"] for s in exported["events"]] == [e["slug"] for e in listed]


@pytest.mark.parametrize("args", [
    ["--actor", "Russia", "--type", "meeting", "--type", "talks"],
    ["--text", "council", "--min-sources", "2"],
    ["--place", "Brussels", "--source", "003_08fce08e132a00d2.txt"],
])
def test_every_list_filter_selects_what_list_selects(export, lst, args):
    listed = json.loads(lst(*args, "--format", "json").stdout)
    assert listed, "the filter should select some seed events"
    assert json.loads(export("--format", "json", *args).stdout) == listed
    exported = json.loads(export("--format", "timelinejs", *args).stdout)
    assert [s["unique_id"] for s in exported["events"]] == [e["slug"] for e in listed if e["precision"]]


def test_bad_dates_are_usage_errors(export):
    result = export("--format", "html", "--since", "next blue moon")
    assert result.exit_code == 2
    assert "--since" in result.stderr and "Traceback" not in result.stderr
    result = export("--format", "html", "--since", "2022", "--until", "2021")
    assert result.exit_code == 2 and "after --until" in result.stderr


def test_missing_format_is_a_usage_error_listing_formats(export):
    result = export()
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    for fmt in FORMATS:
        assert fmt in line


def test_unknown_format_is_a_usage_error_listing_formats(export):
    result = export("--format", "pdf")
    assert result.exit_code == 2
    for fmt in FORMATS:
        assert fmt in result.stderr


def test_output_folder_that_does_not_exist(export, tmp_path):
    target = tmp_path / "nowhere" / "t.html"
    result = export("--format", "html", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_output_that_is_a_folder(export, tmp_path):
    result = export("--format", "html", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc, a folder no one can create files in")
def test_unwritable_output_folder_is_one_line_and_exit_1(export):
    result = export("--format", "html", "-o", "/proc/self/timeline.html")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write /proc/self/timeline.html")
    assert result.stderr.count("\n") == 1


def test_a_failed_export_leaves_an_existing_file_untouched(export, tmp_path):
    out = tmp_path / "chronology.html"
    out.write_text("previous export")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database " * 100)
    result = export("--format", "html", "-o", str(out), db=not_a_db)
    assert result.exit_code == 1 and "error:" in result.stderr
    assert out.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chronology.html", "notes.db"]


def test_overwrite_keeps_the_file_mode(export, tmp_path):
    out = tmp_path / "t.ics"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert export("--format", "ical", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("BEGIN:VCALENDAR")
    assert (out.stat().st_mode & 0o777) == 0o640


def test_dash_is_stdout(export):
    result = export("--format", "edtf", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("edtf,slug")
    assert not os.path.exists("-")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_database_gives_an_empty_but_valid_document(runner, tmp_path, fmt):
    from nato_timeline.cli import app

    assert runner.invoke(app, ["db", "upgrade", "--db", str(tmp_path / "empty.db")]).exit_code == 0
    result = runner.invoke(app, ["export", "--format", fmt, "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0, result.stderr
    assert "No events to export" in result.stderr
    out = result.stdout
    if fmt == "timelinejs":
        assert json.loads(out)["events"] == []
    elif fmt == "json":
        assert json.loads(out) == []
    elif fmt == "ical":
        raw = result.stdout_bytes  # Click's .stdout turns CRLF into LF
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
        assert b"VEVENT" not in raw
    elif fmt == "edtf":
        assert out.splitlines() == ["edtf,slug,title,type,date,precision,disputed,start,end,status,sources,documents"]
    elif fmt == "html":
        assert "No events to show." in out
    assert "Traceback" not in result.stderr


@pytest.fixture
def undated_db(runner, tmp_path):
    """A database with one dated and one undated event, from documents written here."""
    from nato_timeline.cli import app

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "dated.txt").write_text("Brussels 12.01.2022\n\nThe NATO-Russia Council met in Brussels on "
                                    "12 January 2022 to discuss European security.\n")
    (docs / "undated.txt").write_text("NATO and Russia met in Vienna on March 3 to discuss arms control.\n")
    db = tmp_path / "u.db"
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    listed = json.loads(runner.invoke(app, ["list", "--include-undated", "--format", "json", "--db", str(db)]).stdout)
    assert [e["precision"] is None for e in listed] == [False, True], listed
    return db


@pytest.mark.parametrize("fmt,kept", [("timelinejs", 1), ("ical", 1), ("edtf", 2), ("html", 2), ("json", 2)])
def test_undated_events_on_request_and_a_note_where_the_format_cannot_hold_them(export, undated_db, fmt, kept):
    result = export("--format", fmt, "--include-undated", db=undated_db)
    assert result.exit_code == 0, result.stderr
    if kept == 1:
        assert "1 undated event left out" in result.stderr
    else:
        assert "left out" not in result.stderr
    if fmt == "edtf":
        assert "XXXX-03-03" in result.stdout
    if fmt == "html":
        assert "3 March, year unknown" in result.stdout


def test_readme_documents_every_export_format():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `timeline export", 1)[1].split("\n### ", 1)[0]
    for fmt in FORMATS:
        assert f"`{fmt}`" in section, fmt
    assert "docs/timeline.png" in section and (REPO / "docs" / "timeline.png").is_file()


def test_renderers_import_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys\n"
            "from nato_timeline.export import edtf, html, ical, timelinejs\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'rich', 'typer'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
