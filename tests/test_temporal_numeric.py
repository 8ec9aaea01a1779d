"""The ambiguous numeric date rule (data/en/dayfirst.txt, engine module doc).

Year first for ISO; day first with dots; a number over 12 is the day; two numbers
up to 12 with slashes (7/4/14): the text's own evidence, then the caller's hint
(address or publisher), then a European dateline, else month first.
"""

from __future__ import annotations

import json

import pytest

from nato_timeline.temporal import day_first_hint, find_timexes, tag
from nato_timeline.temporal.types import PartialDate


def values(text, **kw):
    return [t.value for t in find_timexes(text, **kw)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("The memo is dated 3/9/11 on its cover.", "2011-03-09"),  # default: month first
        ("The memo is dated 03/09/2011 on its cover.", "2011-03-09"),
        ("The memo is dated 30/09/2011 on its cover.", "2011-09-30"),  # 30 can only be the day
        ("The memo is dated 09/30/2011 on its cover.", "2011-09-30"),
        ("The memo is dated 3.9.2011 on its cover.", "2011-09-03"),  # dots: day first
        ("The memo is dated 2011/09/03 on its cover.", "2011-09-03"),  # year first
        ("The memo is dated 5/5/11 on its cover.", "2011-05-05"),  # same either way
    ],
)
def test_numeric_forms(text, value):
    assert values(text) == [value]


def test_evidence_in_the_text_decides():
    # 28/2 shows the writer puts the day first, so 3/9 is 3 September
    assert values("Filed 3/9/11, amended 28/2/12.") == ["2011-09-03", "2012-02-28"]
    # 2/28 shows month first, and outweighs a European hint
    assert values("Filed 3/9/11, amended 2/28/12.", day_first=True) == ["2011-03-09", "2012-02-28"]


def test_hint_decides_without_evidence():
    assert values("Filed 3/9/11.", day_first=True) == ["2011-09-03"]
    assert values("Filed 3/9/11.", day_first=False) == ["2011-03-09"]


@pytest.mark.parametrize(
    "text,value",
    [
        ("ATHENS. - The port reopened. (wire) 3/9/11", "2011-09-03"),
        ("Warsaw, (PAP) - Talks ended. 3/9/11", "2011-09-03"),
        ("WASHINGTON - Talks ended. 3/9/11", "2011-03-09"),  # not a European dateline
        ("Talks ended in Athens. 3/9/11", "2011-03-09"),  # a place in the text is no dateline
    ],
)
def test_dateline_place(text, value):
    assert values(text) == [value]


@pytest.mark.parametrize(
    "url,publisher,hint",
    [
        ("https://www.example.gr/2014/04/story.html", None, True),
        ("http://news.example.co.uk/a", None, True),
        ("https://example.com/a", None, None),
        (None, "Example Daily (reprint of an Anadolu Agency report)", True),
        (None, "The Example Times", None),
        (None, None, None),
    ],
)
def test_day_first_hint(url, publisher, hint):
    assert day_first_hint(url, publisher) is hint


def test_time_stamp_is_swapped_too():
    [t] = tag("Updated 3/9/2011 10:15 AM.", None, day_first=True)
    assert t.value == "2011-09-03T10:15"


def test_pipeline_uses_the_jsonl_address(runner, tmp_path):
    from nato_timeline.cli import app

    f = tmp_path / "wire.jsonl"
    recs = [
        {"id": "gr", "url": "https://www.example.gr/x", "text": "Ministers met. Posted 3/9/11."},
        {"id": "us", "url": "https://www.example.com/x", "text": "Ministers met. Posted 3/9/11."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    got = {d["document"].split(":")[-1]: [t["value"] for t in d["timexes"]] for d in json.loads(result.stdout)}
    assert got == {"gr": ["2011-09-03"], "us": ["2011-03-09"]}


def test_dct_of_a_day_first_dateline_anchors_weekdays():
    text = "BRUSSELS. - Envoys met on Monday.\n[agency] 7/4/14"
    ts = tag(text, PartialDate(2014, 4, 7))
    assert [(t.text, t.value) for t in ts] == [("Monday", "2014-04-07"), ("7/4/14", "2014-04-07")]
