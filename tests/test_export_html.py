"""The HTML page without a browser: structure, escaping, and nothing that could
reach the network. (tests/test_html_browser.py renders it in Chromium.)"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from nato_timeline.export import html as html_export

from .export_events import HOSTILE, event, source


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the style element's content."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


URL_ATTRS = {"src", "href", "action", "formaction", "srcset", "poster", "data", "background", "ping", "manifest"}


def test_no_reference_can_reach_the_network():
    page = Page(html_export.render([event(), event("2014-04", "month", id=2, slug="b")]))
    for tag, attrs in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "img", "video", "audio", "source", "base"}, tag
        for name in URL_ATTRS & set(attrs):
            value = attrs[name]
            assert value.startswith("#") or value.startswith("data:"), (tag, name, value)
    assert "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style


def test_csp_forbids_fetches_and_allows_only_the_inline_style_by_hash():
    text = html_export.render([event()])
    page = Page(text)
    [csp] = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp
    assert "@media print" in style


def test_grouped_by_year_each_date_at_its_precision():
    events = [event("2002", "year", id=1, slug="a"), event("2014", "year", id=2, slug="b"),
              event("2014-04", "month", id=3, slug="c"), event("2022-01-12", "day", id=4, slug="d"),
              event("XXXX-01-12", None, id=5, slug="e")]
    page = Page(html_export.render(events))
    sections = [a["id"] for t, a in page.tags if t == "section"]
    assert sections == ["y2002", "y2014", "y2022", "yundated"]
    times = [a.get("datetime") for t, a in page.tags if t == "time"]
    assert times == ["2002", "2014", "2014-04", "2022-01-12", None]
    text = page.all_text()
    for shown in ("April 2014", "12 January 2022", "12 January, year unknown"):
        assert shown in text
    assert "1 April 2014" not in text and "January 2002" not in text
    classes = [a["class"] for t, a in page.tags if t == "li" and "event" in a.get("class", "")]
    assert classes == ["event precision-year", "event precision-year", "event precision-month",
                       "event precision-day", "event precision-undated"]


def test_each_event_shows_type_sources_and_quotes_with_the_date_marked():
    ev = event(type="suspension", status="scheduled", disputed=True, summary="Something else entirely.",
               sources=[source("NATO decided in April 2014 to suspend cooperation.", "April 2014",
                               document="004.txt", date="2014-04", precision="month"),
                        source("Cooperation was suspended on 1 April 2014.", "1 April 2014", document="001.txt")])
    text = html_export.render([ev])
    page = Page(text)
    words = page.all_text()
    for shown in ("suspension", "scheduled", "sources disagree on the date", "Something else entirely.",
                  "004.txt", "001.txt", "NATO decided in April 2014 to suspend cooperation.",
                  "date given 2014-04 (absolute)"):
        assert shown in words, shown
    assert "<mark>April 2014</mark>" in text and "<mark>1 April 2014</mark>" in text


def test_document_text_is_escaped_everywhere():
    hostile_slug = 'x" onmouseover="alert(1)'
    ev = event(title=HOSTILE, summary=HOSTILE, slug=hostile_slug, type="<b>meeting</b>", actors=(HOSTILE,),
               places=(HOSTILE,),
               sources=[source(f"On 12 January 2022 {HOSTILE}", "12 January 2022", document=HOSTILE + ".txt",
                               title=HOSTILE, published=HOSTILE)])
    page = Page(html_export.render([ev], title=HOSTILE))
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "img", "b"}
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
    assert [a["id"] for t, a in page.tags if t == "li" and "id" in a] == [f"e-{hostile_slug}"]
    assert '<script>alert("x")</script>' in page.all_text()


def test_control_and_bidi_characters_are_removed():
    text = html_export.render([event(title="Council\u202e stnemmoc\x1b[31m meets")])
    assert "\u202e" not in text and "\x1b" not in text


def test_empty_chronology_is_still_a_page():
    page = Page(html_export.render([]))
    assert "No events to show." in page.all_text()
    assert not [a for t, a in page.tags if t == "section"]


def test_human_dates():
    assert html_export.human_date("2022-01-02") == "2 January 2022"
    assert html_export.human_date("2014-12") == "December 2014"
    assert html_export.human_date("1999") == "1999"
    assert html_export.human_date("XXXX-03") == "March, year unknown"
    assert html_export.human_date("XXXX-WXX-3") == "date unknown"
