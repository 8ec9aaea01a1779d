"""``timeline review`` driven by keys through Textual's own test pilot: keys in,
database state out, on SQLite and PostgreSQL; and without a terminal, exit 2."""

from __future__ import annotations

import asyncio
import json

import pytest

from .test_cli_corrections import events, slug  # noqa: F401  (fixtures below)
from .test_cli_corrections import docs, stored, tl  # noqa: F401


def _drive(db_url, keys, *, by="anna"):
    """Run the review queue headless on the database and press ``keys``."""
    from nato_timeline.db import open_database
    from nato_timeline.review import ReviewApp

    engine = open_database(db_url)

    async def run():
        app = ReviewApp(engine, by=by)
        async with app.run_test() as pilot:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            return app.query_one("#status").render()

    try:
        return str(asyncio.run(run()))
    finally:
        engine.dispose()


def test_least_confident_comes_first_and_a_accepts_it(db_url, stored, tl):
    before = events(tl)
    first = min(before.values(), key=lambda e: e["confidence"])
    status = _drive(db_url, ["a"])
    assert "accepted" in status and "[1 to review]" in status
    after = events(tl)
    assert [t for t, e in after.items() if e["reviewed"]] == [first["type"]]
    assert json.loads(tl("log", "--format", "json").stdout)[0]["by"] == "anna"


def test_r_rejects_s_skips_q_quits(db_url, stored, tl):
    _drive(db_url, ["s", "r", "q"])
    rejected = [t for t, e in events(tl, "--include-rejected").items() if e.get("rejected")]
    assert len(rejected) == 1 and rejected[0] == max(events(tl, "--include-rejected").values(),
                                                      key=lambda e: e["confidence"])["type"]


def test_d_edits_the_date_at_the_precision_typed(db_url, stored, tl):
    _drive(db_url, ["d", *"2014-04", "enter"])
    edited = [e for e in events(tl).values() if e["corrected"]]
    assert len(edited) == 1 and (edited[0]["date"], edited[0]["precision"]) == ("2014-04", "month")


def test_t_edits_the_title_and_escape_cancels(db_url, stored, tl):
    _drive(db_url, ["t", *"New", "escape", "t", *"Checked", "enter"])
    titles = {e["title"] for e in events(tl).values()}
    assert "Checked" in titles and "New" not in titles
    assert [e["op"] for e in json.loads(tl("log", "--format", "json").stdout)].count("edit") == 1


def test_m_merges_with_another_event(db_url, stored, tl):
    other = max(events(tl).values(), key=lambda e: e["confidence"])
    _drive(db_url, ["m", *str(other["id"]), "enter"])
    assert len(events(tl)) == 1


def test_a_bad_date_is_said_and_nothing_changes(db_url, stored, tl):
    status = _drive(db_url, ["d", *"soon", "enter"])
    assert status.startswith("error:")
    assert all(not e["corrected"] for e in events(tl).values())


def test_without_a_terminal_it_says_so_and_exits_2(tl):
    r = tl("review")
    assert r.exit_code == 2 and "review needs a terminal" in r.stderr
