"""Reading HTML: the main text of saved pages, their metadata, their structure as
blocks, and the events that come out of a chronology written as a list or a table."""

from __future__ import annotations

import json

import pytest

from nato_timeline.pipeline import extract_document
from nato_timeline.read import InputError, read_bytes, read_file
from nato_timeline.read.blocks import text_blocks

from .reading_files import LIST_PAGE, NEWS_PAGE, TABLE_PAGE


def _page(html: str, name: str = "page.html"):
    [doc] = read_bytes(html.encode("utf-8"), name=name, path=name)
    return doc


def _event_dates(doc) -> dict[str, str]:
    """Each event's date and the quote it came from."""
    return {e.date.value: e.quote for e in extract_document(doc).events if e.date}


def _assert_blocks_are_lines(doc) -> None:
    """Every block starts and ends a line of the body, in order, none overlapping,
    and every sentence lies inside one block."""
    body = doc.body
    previous_end = -1
    for b in doc.blocks:
        assert previous_end < b.start < b.end <= len(body)
        assert b.start == 0 or body[b.start - 1] == "\n", body[b.start:b.end]
        assert b.end == len(body) or body[b.end] == "\n", body[b.start:b.end]
        assert body[b.start:b.end].strip() == body[b.start:b.end]
        previous_end = b.end
    for s in doc.sentences:
        assert any(b.start <= s.start and s.end <= b.end for b in doc.blocks), s.text


def test_a_news_page_keeps_the_article_and_drops_what_surrounds_it():
    doc = _page(NEWS_PAGE)
    assert doc.kind == "html"
    assert "met in Brussels on Wednesday for the first session" in doc.body
    assert "The meeting on 12 January 2022 lasted about four hours" in doc.body
    assert "planned in Vienna on Thursday" in doc.body
    for furniture in ("cookie", "Accept all", "Subscribe", "Share on", "Posted by", "Related articles",
                      "Geneva", "All rights reserved", "dataLayer"):
        assert furniture not in doc.body, furniture
    _assert_blocks_are_lines(doc)
    assert doc.body.startswith("NATO-Russia Council meets in Brussels\n\n")
    assert [b.kind for b in doc.blocks][:2] == ["heading", "paragraph"]


def test_a_news_page_gives_its_title_date_address_and_publisher():
    doc = _page(NEWS_PAGE)
    assert doc.title == "NATO-Russia Council meets in Brussels"  # not the <title> with the site's name
    assert doc.published.value == "2022-01-12"  # published, not modified (the 14th)
    assert doc.published_from == "json-ld"
    assert doc.url == "https://observer.example.org/2022/01/nato-russia-council-meets"
    assert doc.publisher == "The Brussels Observer"


def test_the_events_of_a_news_page_are_dated_from_its_metadata():
    events = {(e.date.value, e.quote) for e in extract_document(_page(NEWS_PAGE)).events if e.date}
    # "on Wednesday" and "on Thursday" are anchored on the page's own date
    assert any(date == "2022-01-12" and "met in Brussels on Wednesday" in quote for date, quote in events), events
    assert any(date == "2022-01-13" and "Vienna on Thursday" in quote for date, quote in events), events


def test_a_chronology_written_as_a_list_is_a_line_per_item_that_starts_with_its_date():
    doc = _page(LIST_PAGE)
    assert (doc.published.value, doc.published_from) == ("2022-02-01", "html-meta")
    assert doc.publisher == "Alliance Review"
    _assert_blocks_are_lines(doc)
    items = [(b.level, doc.body[b.start:b.end]) for b in doc.blocks if b.kind == "list-item"]
    assert items == [
        (0, "27 May 1997 – NATO and Russia sign the Founding Act on Mutual Relations in Paris."),
        (0, "28 May 2002 – The NATO-Russia Council is established at a summit in Rome."),
        (0, "1 April 2014 – NATO suspends all practical cooperation with Russia"),
        (1, "the political dialogue in the Council continues at the level of ambassadors"),
        (0, "12 January 2022 – The NATO-Russia Council meets in Brussels."),
    ]
    # the items of one list are consecutive lines, the heading before them a block of its own
    assert "Key dates\n\n27 May 1997 – NATO" in doc.body
    assert "with Russia\nthe political dialogue" in doc.body
    assert "ambassadors\n12 January 2022" in doc.body
    assert ("heading", 2) in [(b.kind, b.level) for b in doc.blocks]
    assert "Sign up" not in doc.body and "About us" not in doc.body


def test_the_events_of_a_list_chronology():
    dates = _event_dates(_page(LIST_PAGE))
    assert {"1997-05-27", "2002-05-28", "2014-04-01", "2022-01-12"} <= set(dates)
    assert dates["2022-01-12"] == "12 January 2022 – The NATO-Russia Council meets in Brussels."
    assert "suspends all practical cooperation" in dates["2014-04-01"]


def test_a_chronology_written_as_a_table_is_a_line_per_row_with_its_cells():
    doc = _page(TABLE_PAGE)
    _assert_blocks_are_lines(doc)
    rows = [doc.body[b.start:b.end] for b in doc.blocks if b.kind == "table-row"]
    assert rows == [
        "Date | Meeting | Place",
        "10 January 2022 | Russia and the United States hold strategic stability talks | Geneva",
        "12 January 2022 | The NATO-Russia Council meets | Brussels",
        "13 January 2022 | The OSCE Permanent Council meets | Vienna",
    ]
    assert "\n".join(rows) in doc.body  # consecutive lines
    # nothing in the markup dates this page: it stays unknown, never guessed
    assert doc.published is None and doc.published_from == "unknown"
    assert "Archive" not in doc.body and "Copyright" not in doc.body


def test_the_events_of_a_table_chronology():
    dates = _event_dates(_page(TABLE_PAGE))
    assert {"2022-01-10", "2022-01-12", "2022-01-13"} <= set(dates)
    assert dates["2022-01-12"] == "12 January 2022 | The NATO-Russia Council meets | Brussels"


def test_a_date_in_the_markup_or_the_address_is_found_by_htmldate():
    article = ("<article><h1>Moscow publishes draft treaties</h1><p>The Russian Foreign Ministry published two "
               "draft agreements on security guarantees and asked for talks to begin at once.</p><p>Western "
               "officials said they would study the texts, but that some demands were unacceptable.</p></article>")
    in_address = ('<html><head><title>Draft treaties</title><link rel="canonical" '
                  'href="https://wire.example.org/2021/12/17/draft-treaties"></head><body>' + article + "</body></html>")
    doc = _page(in_address)
    assert (doc.published.value, doc.published_from) == ("2021-12-17", "htmldate")
    in_time = ('<html><head><title>Draft treaties</title></head><body><time class="published" '
               'datetime="2021-12-18T09:00">18 December 2021</time>' + article + "</body></html>")
    doc = _page(in_time)
    assert (doc.published.value, doc.published_from) == ("2021-12-18", "htmldate")


def test_the_command_line_date_wins_over_the_page(tmp_path):
    from nato_timeline.temporal.types import PartialDate

    path = tmp_path / "news.htm"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    [doc] = read_file(path, published=PartialDate.parse("2022-01-13"))
    assert (doc.published.value, doc.published_from) == ("2022-01-13", "command-line")
    assert doc.url.startswith("https://observer.example.org/")


def test_a_page_in_another_encoding_is_read_by_its_own_charset():
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "frank and difficult", "“frank and difficult”")
    doc = _page_bytes(page.encode("cp1252"))
    assert "“frank and difficult”" in doc.body


def _page_bytes(raw: bytes):
    [doc] = read_bytes(raw, name="page.html", path="page.html")
    return doc


@pytest.mark.parametrize("html", [
    "<html><head><title>Empty</title></head><body></body></html>",
    "<html><body><nav><a href='/'>Home</a></nav></body></html>",
])
def test_a_page_without_text_is_one_error(html):
    with pytest.raises(InputError) as info:
        _page(html)
    assert str(info.value).startswith("page.html: ")
    assert "\n" not in str(info.value)


def test_extract_json_says_the_kind_the_address_and_how_the_date_was_known(runner, tmp_path):
    from nato_timeline.cli import app

    (tmp_path / "news.html").write_text(NEWS_PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Brussels, 12 January 2022\n\nThe Council met today.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    html, text = json.loads(result.stdout)
    assert (html["kind"], html["url"], html["published_from"]) == (
        "html", "https://observer.example.org/2022/01/nato-russia-council-meets", "json-ld")
    assert html["source"] == str(tmp_path / "news.html") and html["publisher"] == "The Brussels Observer"
    assert (text["kind"], text["url"], text["published_from"]) == ("text", None, "dateline")


def test_ingest_stores_the_extracted_text_so_quotes_are_in_their_context(cli, tmp_path, query):
    (tmp_path / "table.html").write_text(TABLE_PAGE, encoding="utf-8")
    result = cli("ingest", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "1 new" in result.stdout
    [(body,)] = query("SELECT body FROM documents")
    assert "12 January 2022 | The NATO-Russia Council meets | Brussels" in body
    quotes = query('SELECT quote, start, "end" FROM event_sources')
    assert quotes and all(body[start:end] == quote for quote, start, end in quotes)
    assert cli("ingest", str(tmp_path)).stdout.count("1 unchanged") == 1


def test_plain_text_has_paragraphs_bullets_headings_and_rows_as_blocks():
    body = ("# Key dates\n\nThe steps below are\nthe main ones.\n\n- 27 May 1997 – the Founding Act\n"
            "  - signed in Paris\n- 28 May 2002 – the Council\n\n| Date | Event |\n|---|---|\n"
            "| 12 January 2022 | The Council meets |\n")
    blocks = [(b.kind, b.level, body[b.start:b.end]) for b in text_blocks(body)]
    assert blocks == [
        ("heading", 1, "# Key dates"),
        ("paragraph", 0, "The steps below are\nthe main ones."),
        ("list-item", 0, "- 27 May 1997 – the Founding Act"),
        ("list-item", 1, "- signed in Paris"),
        ("list-item", 0, "- 28 May 2002 – the Council"),
        ("table-row", 0, "| Date | Event |"),
        ("table-row", 0, "| 12 January 2022 | The Council meets |"),
    ]


def test_sentences_stay_inside_blocks_when_furniture_found_across_a_site_cuts_them_again():
    from nato_timeline.pipeline import with_furniture
    from nato_timeline.records import Furniture

    doc = _page(LIST_PAGE)
    # an item without a final stop, then one in lower case: as plain text, one sentence
    assert "cooperation with Russia\nthe political dialogue" in doc.body
    last = doc.blocks[-1]
    cut = with_furniture(doc, [Furniture(last.start, last.end, doc.body[last.start:last.end], "repeated")])
    assert len(cut.sentences) == len(doc.sentences) - 1
    _assert_blocks_are_lines(cut)
    assert "1 April 2014 – NATO suspends all practical cooperation with Russia" in [s.text for s in cut.sentences]
