"""Sources added to known events, end to end through ``timeline ingest`` and ``show``:
a sentence continuing a dated event, and a vaguer mention of an event already known."""

from __future__ import annotations

import json

COUNCIL = ("The NATO-Russia Council met in Brussels on 12 January 2022. "
           "Stoltenberg, who chaired the meeting, said the allies were ready to talk.\n")
AGAIN = "The NATO-Russia Council met in Brussels again on 26 January 2022.\n"
VAGUE = "The last formal meeting of the NATO-Russia Council took place in Brussels in January 2022, diplomats said.\n"


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def _events(cli):
    r = cli("list", "--format", "json", "--include-undated")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_a_continuing_sentence_is_an_added_source_not_a_new_event(cli, tmp_path):
    r = cli("ingest", _write(tmp_path, "council.txt", COUNCIL), "--published", "2022-01-13")
    assert r.exit_code == 0, r.stderr
    assert "1 added, 1 merged" in r.stdout
    [ev] = _events(cli)
    assert ev["date"] == "2022-01-12"
    assert [s["quote"][:11] for s in ev["sources"]] == ["The NATO-Ru", "Stoltenberg"]
    shown = cli("show", ev["slug"])
    assert shown.exit_code == 0 and "who chaired the meeting" in shown.stdout


def test_a_vaguer_mention_joins_the_one_known_event(cli, tmp_path):
    assert cli("ingest", _write(tmp_path, "council.txt", COUNCIL), "--published", "2022-01-13").exit_code == 0
    r = cli("ingest", _write(tmp_path, "later.txt", VAGUE), "--published", "2023-03-01")
    assert r.exit_code == 0, r.stderr
    assert "0 added, 1 merged" in r.stdout
    [ev] = _events(cli)
    assert ev["date"] == "2022-01-12"
    assert sorted({s["document"] for s in ev["sources"]}) == ["council.txt", "later.txt"]


def test_a_vaguer_mention_fitting_two_known_events_joins_neither(cli, tmp_path):
    assert cli("ingest", _write(tmp_path, "council.txt", COUNCIL), "--published", "2022-01-13").exit_code == 0
    assert cli("ingest", _write(tmp_path, "again.txt", AGAIN), "--published", "2022-01-27").exit_code == 0
    r = cli("ingest", _write(tmp_path, "later.txt", VAGUE), "--published", "2023-03-01")
    assert r.exit_code == 0, r.stderr
    assert "1 added, 0 merged" in r.stdout
    by_date = {e["date"]: e for e in _events(cli)}
    assert sorted(by_date) == ["2022-01", "2022-01-12", "2022-01-26"]
    assert [s["document"] for s in by_date["2022-01"]["sources"]] == ["later.txt"]


def test_show_states_a_date_disagreement_with_each_source_date(cli, tmp_path, session):
    from sqlalchemy import select

    from nato_timeline import models as m
    from nato_timeline import store

    later = "The NATO-Russia Council met in Brussels on 12 January 2022, officials recalled.\n"
    assert cli("ingest", _write(tmp_path, "council.txt", COUNCIL), "--published", "2022-01-13").exit_code == 0
    assert cli("ingest", _write(tmp_path, "recalled.txt", later), "--published", "2022-02-01").exit_code == 0
    [ev] = _events(cli)
    plain = cli("show", ev["slug"])
    assert plain.exit_code == 0 and "Disputed" not in plain.stdout
    # a source that says another day (as a correction would): both kept, the event flagged
    src = session.scalars(select(m.EventSource).join(m.Document).where(m.Document.name == "recalled.txt")).one()
    src.date_value = "2022-01-13"
    session.flush()
    store.refresh_event(session, event_id=src.event_id)
    session.commit()
    shown = cli("show", ev["slug"])
    assert shown.exit_code == 0, shown.stderr
    assert "sources give different dates" in shown.stdout
    assert "2022-01-12 (council.txt)" in shown.stdout and "2022-01-13 (recalled.txt)" in shown.stdout
    assert json.loads(cli("show", ev["slug"], "--format", "json").stdout)["disputed"] is True
