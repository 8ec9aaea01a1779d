"""TimelineJS 3 JSON: checked against the format's documented fields and types.

The schema below encodes timeline.knightlab.com "JSON data format": the top
object needs ``events`` (a list of slides) and may have ``title`` (a slide),
``eras`` and ``scale``; a slide needs ``start_date`` (except the title slide);
a date object needs a numeric ``year`` and may have numeric ``month`` (1-12),
``day``, ``hour``, ``minute``, ``second``, ``millisecond`` and a string
``display_date``; a text object has string ``headline`` and ``text``; ``group``
and ``display_date`` are strings, ``autolink`` a boolean and ``unique_id`` a
string unique among the slides. Undocumented keys are refused, so the export
cannot drift into fields TimelineJS ignores.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import jsonschema  # a test extra
import pytest

from nato_timeline.export import timelinejs

from .export_events import HOSTILE, event, source


DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
    },
}
TEXT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
SLIDE_PROPS = {
    "start_date": DATE,
    "end_date": DATE,
    "text": TEXT,
    "media": {"type": "object", "required": ["url"]},
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {"type": "object"},
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string", "minLength": 1},
}
SCHEMA = {
    "type": "object",
    "required": ["events"],
    "additionalProperties": False,
    "properties": {
        "events": {
            "type": "array",
            "items": {"type": "object", "required": ["start_date"], "additionalProperties": False,
                      "properties": SLIDE_PROPS},
        },
        "title": {"type": "object", "additionalProperties": False, "properties": SLIDE_PROPS},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


def validate(doc: dict) -> None:
    jsonschema.validate(doc, SCHEMA)
    ids = [s["unique_id"] for s in doc["events"] if "unique_id" in s]
    assert len(ids) == len(set(ids)), "unique_id must be unique among slides"


def test_the_schema_rejects_what_the_format_forbids():
    """The validator itself can fail: a string year, a month 13, a slide without a date."""
    good = {"events": [{"start_date": {"year": 2014}}]}
    validate(good)
    for bad in ({"events": [{"start_date": {"year": "2014"}}]},
                {"events": [{"start_date": {"year": 2014, "month": 13}}]},
                {"events": [{"text": {"headline": "x"}}]},
                {"slides": []}):
        with pytest.raises(jsonschema.ValidationError):
            validate(bad)


@pytest.mark.parametrize("date,precision,expected", [
    ("2002", "year", {"year": 2002}),
    ("2014-04", "month", {"year": 2014, "month": 4}),
    ("2022-01-12", "day", {"year": 2022, "month": 1, "day": 12}),
])
def test_start_date_carries_only_the_parts_the_precision_gives(date, precision, expected):
    doc = json.loads(timelinejs.render([event(date, precision)]))
    validate(doc)
    [slide] = doc["events"]
    start = dict(slide["start_date"])
    assert start.pop("display_date") == date
    assert start == expected
    assert slide["display_date"] == date


def test_slide_fields_map_the_event():
    ev = event("2022-01-13", "day", slug="2022-01-13-osce-meeting-in-vienna", title="OSCE meeting in Vienna",
               type="meeting", status="scheduled", disputed=True, summary="A summary the quotes do not hold.",
               sources=[source("Talks in Vienna on 13 January 2022.", "13 January 2022", document="003.txt"),
                        source("The OSCE meets on January 13.", "January 13", document="004.txt")])
    doc = json.loads(timelinejs.render([ev]))
    validate(doc)
    [slide] = doc["events"]
    assert slide["unique_id"] == ev.slug
    assert slide["group"] == "meeting"
    assert slide["text"]["headline"] == "OSCE meeting in Vienna"
    body = slide["text"]["text"]
    assert "A summary the quotes do not hold." in body
    assert "Talks in Vienna on <strong>13 January 2022</strong>." in body
    assert "003.txt" in body and "004.txt" in body
    assert "Sources disagree on the date." in body
    assert "Scheduled" in body


def test_summary_equal_to_a_quote_is_not_repeated():
    ev = event()
    body = json.loads(timelinejs.render([ev]))["events"][0]["text"]["text"]
    assert body.count("NATO-Russia Council met in Brussels") == 1


def test_undated_events_are_left_out():
    doc = json.loads(timelinejs.render([event(), event("XXXX-01-12", None, id=2, slug="undated-x")]))
    validate(doc)
    assert [s["unique_id"] for s in doc["events"]] == [event().slug]


def test_document_text_is_escaped_since_timelinejs_renders_html():
    ev = event(title=HOSTILE, summary=HOSTILE,
               sources=[source(f"On 12 January 2022 {HOSTILE}", "12 January 2022", document=HOSTILE + ".txt",
                               title=HOSTILE)])
    doc = json.loads(timelinejs.render([ev]))
    validate(doc)
    slide = doc["events"][0]
    for field in (slide["text"]["headline"], slide["text"]["text"]):
        tags = _tags(field)
        assert "script" not in tags and "img" not in tags, field
        assert "&lt;script&gt;" in field
    assert slide["autolink"] is False


def _tags(fragment: str) -> set[str]:
    found: set[str] = set()

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add(tag)

    P().feed(fragment)
    return found


def test_seed_export_validates_end_to_end(runner, seeded_db):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["export", "--format", "timelinejs", "--db", str(seeded_db)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate(doc)
    listed = json.loads(runner.invoke(app, ["list", "--format", "json", "--db", str(seeded_db)]).stdout)
    assert [s["unique_id"] for s in doc["events"]] == [e["slug"] for e in listed]
    for slide, ev in zip(doc["events"], listed):
        assert slide["display_date"] == ev["date"]
        parts = {"year": ["year"], "month": ["year", "month"], "day": ["year", "month", "day"]}[ev["precision"]]
        assert sorted(set(slide["start_date"]) - {"display_date"}) == sorted(parts)
        assert "-".join(f"{slide['start_date'][p]:02d}" for p in parts) == ev["date"]
