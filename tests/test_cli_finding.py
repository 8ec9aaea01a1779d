"""Finding things: --actor by any alias or a person's name whatever role is
stored with it, --type in plural or any case, ``timeline types``, ``show`` by
date; and each source's citation in every export. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re

import pytest

from .test_cli_corrections import docs, events, stored, tl  # noqa: F401  (fixtures)


def titles(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [e["title"] for e in json.loads(result.stdout)]


@pytest.mark.parametrize("name", ["Jens Stoltenberg", "Stoltenberg", "stoltenberg",
                                  "Jens Stoltenberg, NATO Secretary General"])
def test_a_person_is_found_whatever_role_is_stored(seeded_cli, name):
    found = titles(seeded_cli("list", "--actor", name, "--format", "json"))
    assert "Stoltenberg meets Lavrov in Brussels" in found


@pytest.mark.parametrize("alias, actor", [("Lavrov", "Sergey Lavrov, Russian Foreign Minister"),
                                          ("the Alliance", "NATO"), ("US", "United States")])
def test_an_alias_finds_its_actor(seeded_cli, alias, actor):
    by_alias = titles(seeded_cli("list", "--actor", alias, "--format", "json"))
    assert by_alias and by_alias == titles(seeded_cli("list", "--actor", actor, "--format", "json"))


def test_an_unknown_actor_gets_close_suggestions(seeded_cli):
    r = seeded_cli("list", "--actor", "Stoltenbreg")
    assert r.exit_code == 0
    assert ("no actor named 'Stoltenbreg' is stored (timeline actors lists them); "
            "did you mean: Jens Stoltenberg, NATO Secretary General") in r.stderr


def test_types_lists_counts_and_type_takes_plurals(seeded_cli):
    listed = json.loads(seeded_cli("types", "--format", "json").stdout)
    counts = {t["type"]: t["events"] for t in listed}
    assert counts["meeting"] == 4 and listed[0]["type"] == "meeting"
    assert "meeting" in seeded_cli("types").stdout
    assert seeded_cli("types", "--format", "csv").stdout.startswith("type,events\n")
    meetings = titles(seeded_cli("list", "--type", "meeting", "--format", "json"))
    assert titles(seeded_cli("list", "--type", "Meetings", "--format", "json")) == meetings
    assert len(titles(seeded_cli("list", "--type", "talks", "--format", "json"))) == counts["talks"]
    r = seeded_cli("list", "--type", "meetnigs")
    assert "no type named 'meetnigs' is stored (timeline types lists them); did you mean: meeting" in r.stderr


def test_show_a_date(seeded_cli):
    one = seeded_cli("show", "2022-01-12", "--related", "0")
    assert one.exit_code == 0 and "NATO-Russia Council meets in Brussels" in one.stdout
    month = seeded_cli("show", "2014-04", "--format", "json")
    assert json.loads(month.stdout)["precision"] == "month"
    none = seeded_cli("show", "1999-01-01")
    assert none.exit_code == 1 and "no event matches '1999-01-01'" in none.stderr


def test_show_a_date_with_several_events_lists_them(tl, tmp_path):
    (tmp_path / "two.txt").write_text("The summit in Madrid took place on 29 June 2022.\n\n"
                                      "Foreign ministers met in Brussels on 29 June 2022.\n")
    tl("ingest", str(tmp_path / "two.txt"))
    r = tl("show", "2022-06-29")
    assert r.exit_code == 1 and "2 events match '2022-06-29'" in r.stderr


CITATION = "Example News, 'Ministers meet', 1 Jul 2022, https://example.org/a"


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html", "timelinejs", "ical"])
def test_every_export_cites_its_sources(tl, stored, fmt):
    out = tl("export", "--format", fmt).stdout
    if fmt == "ical":  # folded lines of 75 octets
        out = re.sub(r"\r?\n ", "", out).replace("\\,", ",")
    if fmt in ("html", "timelinejs"):
        out = re.sub(r"<[^>]+>", "", out).replace("&#x27;", "'")
    assert CITATION in out


def test_html_links_the_url(tl, stored):
    assert '<a href="https://example.org/a">https://example.org/a</a>' in tl("export", "--format", "html").stdout
