"""Reading RSS 2.0 and Atom feeds: one document per entry, with its link, title,
published date and content (or summary)."""

from __future__ import annotations

import json

import pytest

from nato_timeline.pipeline import extract_document
from nato_timeline.read import InputError, read_bytes

from .reading_files import ATOM, RSS


def _feed(text: str, name: str):
    return read_bytes(text.encode("utf-8"), name=name, path=name)


def test_an_rss_feed_gives_one_document_per_item():
    first, second = _feed(RSS, "news.rss")
    assert first.kind == "feed"
    assert first.name == "news.rss:https://newsroom.example.org/news/190000.htm"
    assert first.title == "NATO-Russia Council meets in Brussels"
    assert first.url == "https://newsroom.example.org/news/190000.htm"
    assert first.publisher == "Alliance Newsroom"
    # the day the item gives (00:30 at +01:00), not the day in UTC
    assert (first.published.value, first.published_from) == ("2022-01-13", "feed")
    assert first.body == ("NATO-Russia Council meets in Brussels\n\n"
                          "The NATO-Russia Council met in Brussels on 12 January 2022 at the level of ambassadors.\n\n"
                          "The Secretary General chaired the meeting.")
    assert [b.kind for b in first.blocks] == ["heading", "paragraph", "paragraph"]
    assert second.title == "Russia suspends its mission to NATO"
    assert second.published.value == "2021-10-18"
    assert "from 1 November 2021" in second.body


def test_an_atom_feed_gives_content_or_summary():
    first, second = _feed(ATOM, "press.atom")
    assert first.name == "press.atom:urn:example:ministry:press:101"
    assert first.url == "https://ministry.example.org/press/101"
    assert first.published.value == "2022-01-11"  # published (01:00 at +03:00), not updated
    assert first.publisher == "Ministry press releases"
    items = [first.body[b.start:b.end] for b in first.blocks if b.kind == "list-item"]
    assert items == ["13 January 2022 – The OSCE Permanent Council meets in Vienna."]
    # no <published>: the updated date
    assert (second.published.value, second.published_from) == ("2022-01-13", "feed")
    assert second.body.endswith("The joint exercises with Belarus will start on 10 February 2022, the ministry said.")


def test_the_events_of_feed_entries():
    rss, _ = _feed(RSS, "news.rss")
    geneva, belarus = _feed(ATOM, "press.atom")
    assert "2022-01-12" in {e.date.value for e in extract_document(rss).events if e.date}
    geneva_dates = {e.date.value for e in extract_document(geneva).events if e.date}
    assert {"2022-01-10", "2022-01-13"} <= geneva_dates
    assert "2022-02-10" in {e.date.value for e in extract_document(belarus).events if e.date}


def test_a_feed_is_known_by_its_root_whatever_its_name():
    assert [d.kind for d in _feed(RSS, "export.xml")] == ["feed", "feed"]
    assert [d.kind for d in _feed(ATOM, "download")] == ["feed", "feed"]


@pytest.mark.parametrize("text, reason", [
    ("<?xml version='1.0'?><sitemap><url>https://example.org/</url></sitemap>", "not an RSS or Atom feed"),
    ("<?xml version='1.0'?><rss version='2.0'><channel><title>Empty</title></channel></rss>",
     "the feed has no entry with text"),
])
def test_a_feed_without_entries_is_one_error(text, reason):
    with pytest.raises(InputError) as info:
        _feed(text, "bad.xml")
    assert str(info.value).startswith(f"bad.xml: {reason}")


def test_ingest_a_feed_twice_with_a_new_item_on_top(cli, tmp_path, query):
    feed = tmp_path / "news.rss"
    feed.write_text(RSS, encoding="utf-8")
    result = cli("ingest", str(feed))
    assert result.exit_code == 0, result.stderr
    assert "2 new, 0 changed, 0 unchanged, 0 failed" in result.stdout
    newer = RSS.replace("<item>", """<item>
      <title>Allies meet in Riga</title>
      <link>https://newsroom.example.org/news/200000.htm</link>
      <guid>https://newsroom.example.org/news/200000.htm</guid>
      <pubDate>Wed, 30 Nov 2022 18:00:00 +0200</pubDate>
      <description>Foreign ministers met in Riga on 29 November 2022.</description>
    </item>
    <item>""", 1)
    feed.write_text(newer, encoding="utf-8")
    result = cli("ingest", str(feed))
    assert "1 new, 0 changed, 2 unchanged, 0 failed" in result.stdout, result.stdout
    assert len(query("SELECT id FROM documents")) == 3


def test_extract_json_of_a_feed(runner, tmp_path):
    from nato_timeline.cli import app

    (tmp_path / "press.atom").write_text(ATOM, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "press.atom"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [(d["kind"], d["url"], d["published"], d["published_from"]) for d in docs] == [
        ("feed", "https://ministry.example.org/press/101", "2022-01-11", "feed"),
        ("feed", "https://ministry.example.org/press/102", "2022-01-13", "feed"),
    ]
