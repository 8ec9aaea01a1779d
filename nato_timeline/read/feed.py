"""RSS and Atom feeds (feedparser): each entry is a document with its link, title,
published date and content (or summary, when the feed gives no content).

An entry's body is its title, as a heading, then its content's blocks. Its name
is the feed's name and the entry's id (or link), which stay the same when the
feed is read again with newer entries on top. An entry with neither title nor
text is passed over; a feed with no entry at all is an error.
"""

from __future__ import annotations

import hashlib
import json

from ..records import Document
from ..temporal.types import PartialDate
from .blocks import BodyBuilder, clean_line, clean_lines
from .text import InputError, parse_published, read_text

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(
    raw: bytes,
    *,
    name: str,
    path: str,
    published: PartialDate | None = None,
    layout: bool = True,
) -> list[Document]:
    """The documents of a feed's bytes, one per entry, in the feed's order."""
    where = path or name
    try:
        import feedparser
    except ImportError:
        raise InputError(where, "reading feeds needs feedparser: pip install feedparser") from None
    parsed = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not parsed.entries and (parsed.bozo or not version):
        raise InputError(where, "not an RSS or Atom feed (no feed element and no entries)")
    publisher = clean_line(parsed.feed.get("title", "")) or None
    docs: list[Document] = []
    for n, entry in enumerate(parsed.entries, 1):
        doc = _entry_document(entry, n, name=name, path=path, publisher=publisher,
                              published=published, layout=layout)
        if doc is not None:
            docs.append(doc)
    if not docs:
        raise InputError(where, "the feed has no entry with text")
    return docs


def _entry_document(entry, n: int, *, name: str, path: str, publisher: str | None,
                    published: PartialDate | None, layout: bool) -> Document | None:
    from .html import add_element_blocks

    title = clean_line(entry.get("title", "")) or None
    content, kind = _content(entry)
    builder = BodyBuilder()
    if title:
        builder.add(title, "heading", 1)
    if content:
        if kind in _HTML_TYPES:
            import lxml.html

            try:
                root = lxml.html.fragment_fromstring(content, create_parent="div")
            except Exception:  # lxml's parser errors are of several kinds; the text stands as written
                builder.add(clean_lines(content), "paragraph")
            else:
                add_element_blocks(root, builder)
        else:
            for para in content.replace("\r\n", "\n").split("\n\n"):
                builder.add(clean_lines(para), "paragraph")
    body = builder.body()
    if not body.strip():
        return None
    date, date_from = (published, "command-line") if published is not None else _entry_date(entry)
    ident = entry.get("id") or entry.get("link") or str(n)
    record = {"id": ident, "title": title, "link": entry.get("link"), "date": date.value if date else None,
              "body": body}
    try:
        return read_text(
            body,
            name=f"{name}:{ident}",
            path=path,
            published=date,
            published_from=date_from,
            sha256=hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest(),
            title=title,
            url=entry.get("link") or None,
            publisher=publisher,
            front_matter=False,
            layout=layout,
            kind="feed",
            blocks=builder.blocks,
        )
    except InputError:
        return None  # only furniture, or no sentence: nothing to read in this entry


def _content(entry) -> tuple[str, str]:
    """The entry's fullest text and its type: the content, else the summary."""
    for item in entry.get("content") or ():
        if item.get("value", "").strip():
            return item["value"], (item.get("type") or "text/html").lower()
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary", "")
    return summary, (detail.get("type") or "text/html").lower()


def _entry_date(entry) -> tuple[PartialDate | None, str | None]:
    """The entry's date as written (its own day, not the UTC day feedparser
    converts it to): published, else updated."""
    import email.utils

    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if not value:
            continue
        try:
            return parse_published(value), "feed"
        except ValueError:
            pass
        parts = email.utils.parsedate_tz(value)
        if parts and parts[0] > 0:
            try:
                return PartialDate.parse(f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"), "feed"
            except ValueError:
                pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return PartialDate.parse(f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"), "feed"
    return None, None
