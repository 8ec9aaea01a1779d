"""An analyst's corrections end to end, on SQLite and PostgreSQL: accept, reject,
edit, merge, split, forget, log and undo, their error paths, and corrections
kept across re-ingests of a changed document and a re-extraction of everything."""

from __future__ import annotations

import json

import pytest

A = """\
---
title: Ministers meet
published: 2022-07-01
url: https://example.org/a
publisher: Example News
---
Foreign ministers met in Brussels on 12 January 2022 to discuss the crisis.

The summit in Madrid took place on 29 June 2022.
"""

B = """\
---
title: Summit report
published: 2022-07-02
---
The NATO summit in Madrid took place on 29 June 2022.
"""


@pytest.fixture
def tl(runner, db_url):
    """``tl("list", "--format", "json")`` on the test's database."""
    from nato_timeline.cli import app

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--db", db_url])

    return invoke


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


@pytest.fixture
def stored(tl, docs):
    r = tl("ingest", str(docs / "a.txt"), str(docs / "b.txt"))
    assert r.exit_code == 0, r.stdout + r.stderr
    return docs


def events(tl, *options) -> dict[str, dict]:
    """The listed events by type (these documents give one event of each type)."""
    r = tl("list", "--format", "json", "--include-undated", *options)
    assert r.exit_code == 0, r.stderr
    return {e["type"]: e for e in json.loads(r.stdout)}


def slug(tl, type_: str) -> str:
    return events(tl, "--include-rejected")[type_]["slug"]


def test_accept_marks_reviewed_and_list_chooses_by_it(tl, stored):
    r = tl("accept", slug(tl, "summit"), "--by", "anna")
    assert r.exit_code == 0 and r.stdout.startswith("accepted 2022-06-29-")
    listed = events(tl)
    assert listed["summit"]["reviewed"] is True and listed["meeting"]["reviewed"] is False
    assert set(events(tl, "--reviewed")) == {"summit"}
    assert set(events(tl, "--unreviewed")) == {"meeting"}
    piped = tl("list", "--fields", "title,reviewed").stdout.splitlines()
    assert any("summit" in line.lower() and line.rstrip().endswith("yes") for line in piped), piped


def test_reject_hides_from_list_search_export_and_show(tl, stored):
    s = slug(tl, "meeting")
    r = tl("reject", s, "--reason", "a briefing, not a meeting")
    assert r.exit_code == 0, r.stderr
    assert "meeting" not in events(tl)
    included = events(tl, "--include-rejected")["meeting"]
    assert included["rejected"] is True and included["rejected_reason"] == "a briefing, not a meeting"
    assert "rejected" not in events(tl, "--include-rejected")["summit"]
    assert tl("search", "ministers").exit_code == 1
    assert tl("search", "ministers", "--include-rejected").exit_code == 0
    assert "ministers" not in tl("export", "--format", "csv").stdout
    assert tl("show", s).exit_code == 1
    shown = tl("show", s, "--include-rejected")
    assert shown.exit_code == 0 and "Rejected    yes: a briefing, not a meeting" in shown.stdout


def test_accept_lifts_a_rejection(tl, stored):
    s = slug(tl, "meeting")
    tl("reject", s)
    assert tl("accept", s).exit_code == 0
    assert events(tl)["meeting"]["reviewed"] is True


def test_edit_keeps_the_precision_written_and_show_says_what_changed(tl, stored):
    s = slug(tl, "meeting")
    r = tl("edit", s, "--date", "April 2014", "--title", "Ministers meet in Brussels", "--actor", "NATO",
           "--status", "scheduled", "--type", "Talks")
    assert r.exit_code == 0, r.stderr
    e = events(tl)["talks"]
    assert (e["date"], e["precision"], e["start"], e["end"]) == ("2014-04", "month", "2014-04-01", "2014-04-30")
    assert e["title"] == "Ministers meet in Brussels" and e["status"] == "scheduled" and e["actors"] == ["NATO"]
    assert e["corrected"]["date"] == "2022-01-12"
    assert e["corrected"]["title"] == "Foreign ministers meet in Brussels"
    shown = tl("show", str(e["id"])).stdout
    assert "Corrected   date (extracted: 2022-01-12)" in shown
    assert "Corrected   type (extracted: meeting)" in shown
    assert tl("search", "Ministers meet").exit_code == 0  # the search index has the new title


@pytest.mark.parametrize("args, code, message", [
    (["--date", "next week"], 2, "--date: "),
    (["--title", "  "], 2, "--title is empty"),
    (["--actor", ""], 2, "--actor is empty"),
    ([], 2, "nothing to change"),
    (["--status", "maybe"], 2, ""),
])
def test_edit_errors(tl, stored, args, code, message):
    r = tl("edit", slug(tl, "summit"), *args)
    assert r.exit_code == code and message in r.stderr
    assert "Traceback" not in r.stderr
    assert tl("log", "--format", "json").stdout.count('"op": "edit"') == 0


def test_naming_events_errors(tl, stored):
    r = tl("accept", "atlantis")
    assert r.exit_code == 1 and "no event matches 'atlantis'" in r.stderr
    r = tl("accept", "in")  # words in both titles
    assert r.exit_code == 2 and "2 events match 'in'; name one by id or slug" in r.stderr
    assert tl("accept", " ").exit_code == 2


def test_merge_flags_disputed_dates_unless_one_is_chosen(tl, stored):
    meeting, summit = slug(tl, "meeting"), slug(tl, "summit")
    r = tl("merge", summit, meeting)
    assert r.exit_code == 0 and "disputed" in r.stdout
    listed = events(tl)
    assert set(listed) == {"summit"} and len(listed["summit"]["sources"]) == 3
    assert listed["summit"]["disputed"] is True


def test_merge_with_a_date(tl, stored):
    r = tl("merge", slug(tl, "summit"), slug(tl, "meeting"), "--date", "2022-06")
    assert r.exit_code == 0, r.stderr
    e = events(tl)["summit"]
    assert (e["date"], e["precision"], e["disputed"]) == ("2022-06", "month", False)


def test_merge_needs_two_events(tl, stored):
    s = slug(tl, "summit")
    r = tl("merge", s, s)
    assert r.exit_code == 2 and "at least two different events" in r.stderr


def test_split_moves_sources_into_a_new_event(tl, stored):
    s = slug(tl, "summit")
    r = tl("split", s, "--source", "2")
    assert r.exit_code == 0, r.stderr
    summits = [e for e in json.loads(tl("list", "--format", "json").stdout) if e["type"] == "summit"]
    assert sorted(len(e["sources"]) for e in summits) == [1, 1]
    assert sorted(e["sources"][0]["document"] for e in summits) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("numbers, message", [
    ([], "--source N"), (["3"], "--source 3: "), (["0"], "--source 0: "), (["1", "2"], "every source"),
])
def test_split_errors(tl, stored, numbers, message):
    r = tl("split", slug(tl, "summit"), *[x for n in numbers for x in ("--source", n)])
    assert r.exit_code == 2 and message in r.stderr


def test_log_newest_first_with_who_what_and_why(tl, stored):
    tl("reject", slug(tl, "meeting"), "--reason", "not an event", "--by", "anna")
    tl("accept", slug(tl, "summit"), "--by", "ben")
    entries = json.loads(tl("log", "--format", "json").stdout)
    assert [e["op"] for e in entries] == ["accept", "reject", "ingest"]
    assert [e["by"] for e in entries[:2]] == ["ben", "anna"]
    assert entries[1]["reason"] == "not an event"
    assert entries[2]["summary"].endswith("2 new, 0 changed, 0 unchanged, 0 failed")
    assert len(json.loads(tl("log", "--limit", "1", "--format", "json").stdout)) == 1
    csv = tl("log", "--format", "csv").stdout.splitlines()
    assert csv[0] == "id,at,by,op,summary,reason,state" and len(csv) == 4
    table = tl("log").stdout
    assert "anna" in table and "not an event" in table


def test_log_by_defaults_to_the_login_name(tl, stored):
    import getpass

    tl("accept", slug(tl, "summit"))
    assert json.loads(tl("log", "--format", "json").stdout)[0]["by"] == getpass.getuser()


def test_undo_reverts_one_correction_and_keeps_the_others(tl, stored):
    s = slug(tl, "meeting")
    tl("edit", s, "--title", "First")
    tl("accept", s)
    edit_id = json.loads(tl("log", "--format", "json").stdout)[1]["id"]
    r = tl("undo", str(edit_id))
    assert r.exit_code == 0 and r.stdout.startswith(f"undid {edit_id} (edit)")
    e = events(tl)["meeting"]
    assert e["title"] == "Foreign ministers meet in Brussels" and e["corrected"] == {} and e["reviewed"] is True
    assert json.loads(tl("log", "--format", "json").stdout)[1]["undone"] is True
    again = tl("undo", str(edit_id))
    assert again.exit_code == 2 and "already undone" in again.stderr


def test_undo_merge_and_split(tl, stored):
    tl("merge", slug(tl, "summit"), slug(tl, "meeting"))
    merge_id = json.loads(tl("log", "--format", "json").stdout)[0]["id"]
    assert tl("undo", str(merge_id)).exit_code == 0
    listed = events(tl)
    assert len(listed["summit"]["sources"]) == 2 and len(listed["meeting"]["sources"]) == 1
    tl("split", slug(tl, "summit"), "--source", "1")
    split_id = json.loads(tl("log", "--format", "json").stdout)[0]["id"]
    assert tl("undo", str(split_id)).exit_code == 0
    assert len(events(tl)["summit"]["sources"]) == 2


def test_undo_errors(tl, stored):
    r = tl("undo", "999")
    assert r.exit_code == 1 and "no entry 999 in the log" in r.stderr
    ingest_id = json.loads(tl("log", "--format", "json").stdout)[0]["id"]
    r = tl("undo", str(ingest_id))
    assert r.exit_code == 2 and "is an ingest: it cannot be undone" in r.stderr
    assert tl("undo", "x").exit_code == 2


def test_forget_removes_what_only_the_document_supports(tl, stored, query):
    r = tl("forget", "a.txt", "--reason", "retracted")
    assert r.exit_code == 0 and "forgot a.txt: 1 event removed, 1 kept with other sources" in r.stdout
    listed = events(tl)
    assert set(listed) == {"summit"} and [s["document"] for s in listed["summit"]["sources"]] == ["b.txt"]
    assert query("SELECT count(*) FROM documents")[0][0] == 1
    # a forgotten document stays out of later ingests until the forget is undone
    again = tl("ingest", str(stored / "a.txt"))
    assert again.exit_code == 0 and "Skipped 1 forgotten document" in again.stdout
    assert query("SELECT count(*) FROM documents")[0][0] == 1
    forget_id = next(e["id"] for e in json.loads(tl("log", "--format", "json").stdout) if e["op"] == "forget")
    assert "the next ingest of the file stores it again" in tl("undo", str(forget_id)).stdout
    assert "1 new" in tl("ingest", str(stored / "a.txt")).stdout
    assert set(events(tl)) == {"summit", "meeting"}


def test_forget_errors(tl, stored):
    r = tl("forget", "nothing.txt")
    assert r.exit_code == 1 and "no document named 'nothing.txt' is stored" in r.stderr
    assert tl("forget", " ").exit_code == 2


def test_ingest_with_another_published_date_re_extracts(tl, tmp_path):
    doc = tmp_path / "mission.txt"
    doc.write_text("The Alliance said on Monday that it would suspend its mission in Moscow.\n")
    assert "1 new" in tl("ingest", str(doc)).stdout
    assert "suspension" not in events(tl)
    r = tl("ingest", str(doc), "--published", "2021-10-19")
    assert r.exit_code == 0 and "0 new, 1 changed, 0 unchanged" in r.stdout
    e = events(tl)["suspension"]
    assert e["date"] == "2021-10-18"
    assert "0 new, 0 changed, 1 unchanged" in tl("ingest", str(doc), "--published", "2021-10-19").stdout
    assert "0 new, 0 changed, 1 unchanged" in tl("ingest", str(doc)).stdout


def test_corrections_survive_a_changed_document_and_a_re_extraction(tl, stored, db_url):
    """Ingest, correct, re-ingest a changed version, re-extract everything: every
    correction is still applied, or reported when its quote is gone."""
    tl("edit", slug(tl, "meeting"), "--date", "2022-01", "--title", "Ministers meet")
    tl("accept", slug(tl, "summit"))
    tl("split", slug(tl, "summit"), "--source", "2")
    changed = A.replace("Foreign ministers", "An editor's new opening paragraph.\n\nForeign ministers")
    (stored / "a.txt").write_text(changed, encoding="utf-8")
    r = tl("ingest", str(stored / "a.txt"))
    assert r.exit_code == 0 and "1 changed" in r.stdout and "warning" not in r.stderr

    def check():
        listed = json.loads(tl("list", "--format", "json").stdout)
        meeting = next(e for e in listed if e["type"] == "meeting")
        assert (meeting["date"], meeting["title"], meeting["precision"]) == ("2022-01", "Ministers meet", "month")
        summits = [e for e in listed if e["type"] == "summit"]
        assert len(summits) == 2  # still split
        assert [e["reviewed"] for e in summits].count(True) == 1

    check()
    # a newer extractor re-extracts everything: every document is replaced
    from nato_timeline import store
    from nato_timeline.db import open_database, session_factory
    from nato_timeline.models import Document

    engine = open_database(db_url)
    try:
        with session_factory(engine, write=True).begin() as session:
            for doc in session.query(Document).all():
                store.delete_document(session, document_id=doc.id)
    finally:
        engine.dispose()
    r = tl("ingest", str(stored / "a.txt"), str(stored / "b.txt"))
    assert r.exit_code == 0 and "2 new" in r.stdout
    check()
    # the sentence an edit names is deleted: reported by ingest and log, not dropped
    (stored / "a.txt").write_text(changed.replace("Foreign ministers met in Brussels on 12 January 2022 "
                                                  "to discuss the crisis.", ""), encoding="utf-8")
    r = tl("ingest", str(stored / "a.txt"))
    assert "no longer applies: its quotes are no longer in a.txt" in r.stderr
    log = json.loads(tl("log", "--format", "json").stdout)
    edit = next(e for e in log if e["op"] == "edit")
    assert edit["stale"] == "its quotes are no longer in a.txt" and not edit["undone"]
    assert "no longer applies" in tl("log").stdout
    # the sentence comes back: the edit applies again
    (stored / "a.txt").write_text(A, encoding="utf-8")
    tl("ingest", str(stored / "a.txt"))
    assert events(tl)["meeting"]["title"] == "Ministers meet"
    assert next(e for e in json.loads(tl("log", "--format", "json").stdout) if e["op"] == "edit")["stale"] is None


def test_corrections_of_two_analysts_at_once_both_land(db_url, stored, tl):
    """Two writers correcting one database at the same moment: both corrections land."""
    import threading

    from nato_timeline.corrections import ops
    from nato_timeline.db import open_database, session_factory

    targets = [slug(tl, "meeting"), slug(tl, "summit")]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def analyst(name: str, event: str) -> None:
        engine = open_database(db_url)
        try:
            barrier.wait()
            with session_factory(engine, write=True).begin() as session:
                ops.edit(session, event, {"title": f"Checked by {name}"}, by=name)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=analyst, args=(n, e)) for n, e in zip(("anna", "ben"), targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    titles = {e["title"] for e in events(tl).values()}
    assert titles == {"Checked by anna", "Checked by ben"}
    assert {e["by"] for e in json.loads(tl("log", "--format", "json").stdout) if e["op"] == "edit"} == {"anna", "ben"}


def test_provenance_citations_in_json_csv_and_markdown(tl, stored):
    e = events(tl)["meeting"]
    assert e["sources"][0]["citation"] == "Example News, 'Ministers meet', 1 Jul 2022, https://example.org/a"
    assert e["sources"][0]["url"] == "https://example.org/a"
    assert "Example News, 'Ministers meet', 1 Jul 2022, https://example.org/a" in tl("list", "--format", "csv").stdout
    assert "'Summit report', 2 Jul 2022" in tl("list", "--format", "markdown").stdout
    assert "Example News, 'Ministers meet', 1 Jul 2022" in tl("show", e["slug"]).stdout


def test_citation_parts():
    from nato_timeline.views import citation

    assert citation("NATO", "Statement", "2016-04-08", "https://x", "f.txt") == "NATO, 'Statement', 8 Apr 2016, https://x"
    assert citation(None, None, "2016-04", None, "f.txt") == "f.txt, Apr 2016"
    assert citation(None, None, None, None, "f.txt") == "f.txt"
    assert citation(None, "T", "2016", None, "f.txt") == "'T', 2016"



def test_a_merge_and_a_rejection_survive_a_changed_document(tl, stored):
    tl("merge", slug(tl, "summit"), slug(tl, "meeting"), "--date", "2022-06")
    tl("reject", slug(tl, "summit"), "--reason", "a test")
    assert events(tl) == {}
    changed = A.replace("The summit", "Another paragraph came first.\n\nThe summit")
    (stored / "a.txt").write_text(changed, encoding="utf-8")
    r = tl("ingest", str(stored / "a.txt"), str(stored / "b.txt"))
    assert r.exit_code == 0 and "1 changed" in r.stdout and "warning" not in r.stderr
    assert events(tl) == {}
    [merged] = events(tl, "--include-rejected").values()
    assert (merged["date"], len(merged["sources"]), merged["rejected"]) == ("2022-06", 3, True)


def test_a_new_published_date_in_front_matter_re_extracts(tl, tmp_path):
    doc = tmp_path / "note.md"
    text = "---\npublished: {}\n---\nThe Alliance said on Monday that it would suspend its mission in Moscow.\n"
    doc.write_text(text.format("2021-10-19"))
    tl("ingest", str(doc))
    assert events(tl)["suspension"]["date"] == "2021-10-18"
    doc.write_text(text.format("2021-11-03"))
    r = tl("ingest", str(doc))
    assert r.exit_code == 0 and "0 new, 1 changed" in r.stdout
    assert events(tl)["suspension"]["date"] == "2021-11-01"
