"""Extraction records: ``timeline extract --format jsonl`` writes them and
``timeline load`` stores them with ingest's rules. A record reads back as the
very records the pipeline made; extract → load stores exactly what ingest
stores (real SQLite files, real processes); loading is idempotent, replaces a
changed document, fails a bad line alone and refuses an unknown version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nato_timeline.extraction_records import KIND, VERSION, dumps, from_record, to_record
from nato_timeline.ingest import outcomes
from nato_timeline.records import Document, EventCandidate, Extraction, Furniture, Span
from nato_timeline.temporal.types import PartialDate, Timex

from .conftest import REPO, SEEDS
from .test_ingest_parallel import DATA, rows, timeline


def _extractions(paths) -> list[Extraction]:
    return [x for _, outcome in outcomes(paths) for _, x in outcome.items if isinstance(x, Extraction)]


def _same(a: Extraction, b: Extraction) -> bool:
    """Equal field for field, the timexes' extras too (left out of Timex equality)."""
    return a == b and [t.extra for t in a.timexes] == [t.extra for t in b.timexes]


def _through_json(ex: Extraction) -> Extraction:
    return from_record(json.loads(dumps(ex)))


def test_every_field_of_a_hand_built_extraction_survives():
    body = "Share this\nOn 3 May 2021 the ministers met in Riga. Talks resume in June — ça va.\n"
    doc = Document(
        name="feed.jsonl:7", path="in/feed.jsonl", body=body, sha256="ab" * 32, title="Riga talks",
        published=PartialDate(2021, 5), published_from="metadata", url="https://x.test/a", publisher="X",
        sentences=(Span(11, 52, body[11:52]), Span(53, 83, "Talks resume in June.")),  # a text of its own
        furniture=(Furniture(0, 10, "Share this", "share"),),
    )
    timexes = (
        Timex(14, 24, "3 May 2021", "DATE", "2021-05-03", "absolute", rule="date_dmy"),
        Timex(69, 73, "June", "DATE", "2021-06", "document-date", mod="START", rule="month",
              range_partner=0, extra={"tense": "future", "ref": "m(06)"}),
    )
    events = (
        EventCandidate(PartialDate(2021, 5, 3), "2021-05-03", "Ministers meet in Riga", "meeting",
                       body[11:52], 11, 52, 14, 24, ("NATO", "Russia"), ("Riga",), 0.9, "occurred"),
        EventCandidate(None, "XXXX-06", "Talks resume", "talks", body[53:83], 53, 83, 69, 73,
                       confidence=0.35, status="scheduled"),
    )
    ex = Extraction(doc, timexes, events)
    back = _through_json(ex)
    assert _same(back, ex)
    assert back.document.sentences[1].text == "Talks resume in June."
    assert dumps(ex).isascii() and "\n" not in dumps(ex)


#: any text, lone surrogates and control characters included
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)


@settings(max_examples=60, deadline=None)
@given(body=ANY_TEXT, title=st.none() | ANY_TEXT, quote=ANY_TEXT, extra=st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=3),
       confidence=st.floats(0, 1), actors=st.lists(ANY_TEXT, max_size=3).map(tuple))
def test_any_text_and_number_survive(body, title, quote, extra, confidence, actors):
    doc = Document(name="n", path="p", body=body, sha256="0" * 64, title=title,
                   sentences=(Span(0, len(body), body), Span(0, 0, quote)), furniture=(Furniture(0, 1, quote, "x"),))
    ex = Extraction(doc, (Timex(0, 1, quote, "DATE", "XXXX-01-12", "unresolved", extra=extra),),
                    (EventCandidate(None, "XXXX", quote, "t", quote, 0, 1, 0, 1, actors, (), confidence),))
    assert _same(_through_json(ex), ex)


def test_what_the_pipeline_finds_in_the_seeds_and_a_site_survives():
    found = _extractions([SEEDS, REPO / "tests" / "data" / "site", DATA])
    assert len(found) > 10
    assert any(t.extra for ex in found for t in ex.timexes)
    assert any(ex.document.furniture for ex in found)
    for ex in found:
        assert _same(_through_json(ex), ex), ex.document.name


@pytest.mark.parametrize("change, reason", [
    (lambda r: r.pop("events"), "without 'events'"),
    (lambda r: r["document"].update(body=3), "bad value: expected text"),
    (lambda r: r["timexes"].append({"start": 1}), "without 'end'"),
    (lambda r: r["document"].update(published="May 2021"), "not a calendar date value"),
    (lambda r: r.update(record="something else"), "not an extraction record"),
])
def test_a_record_that_is_wrong_says_what(change, reason):
    from nato_timeline.extraction_records import RecordError

    [ex] = _extractions([SEEDS / "003_08fce08e132a00d2.txt"])
    record = to_record(ex)
    change(record)
    with pytest.raises(RecordError, match=reason):
        from_record(record)


# ------------------------------------------------------------------ extract → load, end to end


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Good documents of every kind, a site whose pages share lines, and bad inputs."""
    folder = tmp_path / "corpus"
    shutil.copytree(DATA, folder / "docs")
    shutil.copytree(REPO / "tests" / "data" / "site", folder / "site")
    shutil.copytree(SEEDS, folder / "seeds")
    return folder


def test_extract_then_load_stores_what_ingest_stores(corpus, tmp_path):
    ingested, loaded, records = tmp_path / "ingested.db", tmp_path / "loaded.db", tmp_path / "records.jsonl"
    assert timeline("ingest", str(corpus), "--db", str(ingested), "--jobs", "1").returncode == 1  # bad inputs
    extracted = timeline("extract", str(corpus), "--format", "jsonl")
    assert extracted.returncode == 1
    # the inputs that fail are the ones ingest reports, one line each
    assert len(extracted.stderr.splitlines()) == 3 and "Traceback" not in extracted.stderr
    records.write_text(extracted.stdout, encoding="utf-8")
    lines = extracted.stdout.splitlines()
    assert len(lines) == 16 and all(json.loads(x)["version"] == VERSION for x in lines)
    result = timeline("load", str(records), "--db", str(loaded))
    assert result.returncode == 0, result.stderr
    assert "15 new, 0 changed, 1 unchanged, 0 failed" in result.stdout  # the copy of 02 is unchanged
    assert rows(loaded) == rows(ingested)
    # twice: nothing written
    again = timeline("load", str(records), "--db", str(loaded), "--format", "json")
    assert json.loads(again.stdout)["documents"] == {"new": 0, "changed": 0, "unchanged": 16, "failed": 0}
    assert rows(loaded) == rows(ingested)


def test_a_changed_document_replaces_its_earlier_version_as_in_ingest(corpus, tmp_path):
    ingested, loaded = tmp_path / "ingested.db", tmp_path / "loaded.db"
    seeds = corpus / "seeds"

    def both(name: str) -> None:
        assert timeline("ingest", str(seeds), "--db", str(ingested), "--jobs", "1").returncode == 0
        records = tmp_path / name
        records.write_text(timeline("extract", str(seeds), "--format", "jsonl").stdout, encoding="utf-8")
        assert timeline("load", str(records), "--db", str(loaded)).returncode == 0

    both("before.jsonl")
    for seed in sorted(seeds.iterdir())[:2]:
        seed.write_text(seed.read_text(encoding="utf-8") + "\nThe council met again in Brussels on 12 January 2022.\n",
                        encoding="utf-8")
    both("after.jsonl")
    got = rows(loaded)
    assert got == rows(ingested)
    assert len(got["documents"]) == 5


def test_loading_on_each_backend_merges_and_is_idempotent(cli, query, tmp_path, db_url):
    records = tmp_path / "seeds.jsonl"
    records.write_text("".join(dumps(x) + "\n" for x in _extractions([SEEDS])), encoding="utf-8")
    first = cli("load", str(records), "--db", db_url)
    assert first.exit_code == 0, first.stderr
    assert "Documents: 5 new, 0 changed, 0 unchanged, 0 failed." in first.stdout
    assert "Events: 11 added, 3 merged, 1 dated from another document." in first.stdout
    assert cli("load", str(records), "--db", db_url).stdout.startswith("Documents: 0 new, 0 changed, 5 unchanged")
    assert query("SELECT count(*) FROM documents") == [(5,)]


def test_a_bad_line_fails_alone(cli, query, tmp_path, db_url):
    good = [dumps(x) for x in _extractions([SEEDS / "003_08fce08e132a00d2.txt", SEEDS / "004_be10287c07096ca6.txt"])]
    records = tmp_path / "mixed.jsonl"
    records.write_text("\n".join([good[0], "{not json", json.dumps({"record": KIND, "version": VERSION}), good[1]])
                       + "\n", encoding="utf-8")
    result = cli("load", str(records), "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {records}: line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"error: {records}: line 3: extraction record without 'document'",
    ]
    assert "2 new, 0 changed, 0 unchanged, 2 failed" in result.stdout
    assert query("SELECT count(*) FROM documents") == [(2,)]


def test_an_unknown_version_is_refused_with_one_line(cli, query, tmp_path, db_url):
    [ex] = _extractions([SEEDS / "003_08fce08e132a00d2.txt"])
    newer = tmp_path / "newer.jsonl"
    newer.write_text("".join(json.dumps({**to_record(ex), "version": 99}) + "\n" for _ in range(3)), encoding="utf-8")
    known = tmp_path / "known.jsonl"
    known.write_text(dumps(_extractions([SEEDS / "004_be10287c07096ca6.txt"])[0]) + "\n", encoding="utf-8")
    result = cli("load", str(newer), str(known), "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {newer}: line 1: extraction record version 99 is not one this nato-timeline reads "
        "(it reads version 1): load it with the version that wrote it, or a newer one"]
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
    assert query("SELECT name FROM documents") == [("004_be10287c07096ca6.txt",)]


def test_load_of_nothing_that_exists_is_a_usage_error(runner, tmp_path):
    from nato_timeline.cli import app

    db = tmp_path / "t.db"
    result = runner.invoke(app, ["load", str(tmp_path / "none.jsonl"), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'none.jsonl'}: no such file or directory"
    assert not db.exists()


def test_a_file_of_documents_is_refused_with_one_line(cli, tmp_path, db_url):
    feed = DATA / "04_feed.jsonl"  # documents to ingest, not records
    result = cli("load", str(feed), "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {feed}: line 1: not an extraction record (no "record": "{KIND}"); '
        "a file of documents is read by `timeline ingest`"]
    assert "0 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
