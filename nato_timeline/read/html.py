"""HTML pages: the main text without navigation, banners, share bars, comments and
related links (trafilatura, made for news pages), with the page's title, publication
date, canonical URL and publisher, and its structure as blocks.

The publication date is taken, in this order, from the page's JSON-LD
``datePublished``, from a ``<meta>`` tag of ``data/published_meta.txt``, or from
what htmldate finds in the markup (``<time>`` elements, the URL); each is
recorded as how the date was known (``json-ld``, ``html-meta``, ``htmldate``).
Without one the text's own dateline may still give it (see the pipeline).

trafilatura and htmldate are imported when a page is read, never at start-up.
"""

from __future__ import annotations

import json

from ..records import Document
from ..temporal.types import PartialDate
from .blocks import CELL_SEPARATOR, BodyBuilder, clean_line, clean_lines
from .data import lines
from .text import InputError, parse_published, read_text

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Tags of trafilatura's output and of HTML, by what they are.
_LISTS = {"list", "ul", "ol", "dl"}
_ITEMS = {"item", "li", "dt", "dd"}
_TABLES = {"table"}
_ROWS = {"row", "tr"}
_CELLS = {"cell", "td", "th"}
_PARAGRAPHS = {"p", "quote", "blockquote", "pre", "code", "figcaption", "address"}
_BREAKS = {"lb", "br"}
_SKIPPED = {"script", "style", "noscript", "template", "graphic", "img", "figure", "svg", "button", "form"}
_CONTAINERS = {"body", "div", "section", "article", "main", "doc", "header", "footer", "aside", "span", "font",
               "center", "thead", "tbody", "tfoot", "details", "summary"}


def read_html(
    raw: bytes,
    *,
    name: str,
    path: str,
    sha256: str,
    url: str | None = None,
    published: PartialDate | None = None,
    layout: bool = True,
) -> Document:
    """The document of an HTML page (its bytes; the encoding is the page's own).
    ``url`` is where it was fetched from, used when the page names no canonical
    URL. Raises :class:`InputError` when the page has no main text."""
    where = path or name
    try:
        import trafilatura
    except ImportError as exc:  # trafilatura itself, or what it imports (lxml's HTML cleaner)
        raise InputError(where, f"reading HTML needs trafilatura ({exc.name or exc}): "
                                "pip install trafilatura lxml_html_clean") from None
    tree = trafilatura.load_html(raw)
    if tree is None:
        raise InputError(where, "not an HTML page that can be parsed")
    meta = page_metadata(tree)
    page_url = meta.get("url") or url
    date, date_from = meta.get("published"), meta.get("published_from")
    if date is None and published is None:
        date = _htmldate(raw, page_url)
        date_from = "htmldate" if date is not None else None
    # last: the extractor changes the tree it is given
    extracted = trafilatura.bare_extraction(
        tree, url=page_url, include_comments=False, include_tables=True, include_images=False,
        include_links=False, with_metadata=True,
    )
    if extracted is None or extracted.body is None:
        raise InputError(where, "no article text found in the page")
    builder = BodyBuilder()
    add_element_blocks(extracted.body, builder)
    body = builder.body()
    if not body.strip():
        raise InputError(where, "no article text found in the page")
    if published is not None:
        date, date_from = published, "command-line"
    return read_text(
        body,
        name=name,
        path=path,
        published=date,
        published_from=date_from,
        sha256=sha256,
        title=clean_line(meta.get("title") or extracted.title or "") or None,
        url=page_url or extracted.url,
        publisher=meta.get("publisher") or extracted.sitename or None,
        front_matter=False,
        layout=layout,
        kind="html",
        blocks=builder.blocks,
    )


# ------------------------------------------------------------------ structure


def add_element_blocks(element, builder: BodyBuilder, level: int = 0) -> None:
    """Write the blocks under ``element`` (trafilatura's output or plain HTML)."""
    loose: list[str] = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag in _SKIPPED or not isinstance(tag, str):
            loose.append(child.tail or "")
            continue
        if tag in _BREAKS:
            loose.append("\n" + (child.tail or ""))
            continue
        block = tag in _LISTS or tag in _TABLES or tag in _PARAGRAPHS or tag in _CONTAINERS \
            or tag in _HEADINGS or tag == "head" or tag in _ITEMS
        if not block:  # inline: a link, emphasis
            loose.append(_inline_text(child) + (child.tail or ""))
            continue
        _flush(loose, builder)
        loose = [child.tail or ""]
        if tag == "head" or tag in _HEADINGS:
            rend = child.get("rend") or tag
            builder.add(clean_line(_inline_text(child)), "heading", _HEADINGS.get(rend, 2))
        elif tag in _LISTS:
            _add_list(child, builder, level)
        elif tag in _TABLES:
            _add_table(child, builder)
        elif tag in _ITEMS:
            builder.add(clean_line(_inline_text(child)), "list-item", level)
        elif tag in _PARAGRAPHS and not _has_blocks(child):
            builder.add(clean_lines(_inline_text(child)), "paragraph")
        else:
            add_element_blocks(child, builder, level)
    _flush(loose, builder)


def _flush(loose: list[str], builder: BodyBuilder) -> None:
    text = clean_lines("".join(loose))
    if text:
        builder.add(text, "paragraph")


def _add_list(element, builder: BodyBuilder, level: int, group: object = None) -> None:
    """The items of a list, a sub-list's items at the next level, all on
    consecutive lines (a table inside an item stands apart)."""
    group = group if group is not None else object()
    for item in element:
        tag = _tag(item)
        if tag not in _ITEMS:
            if tag in _LISTS:
                _add_list(item, builder, level + 1, group)
            continue
        builder.add(clean_line(_inline_text(item, skip=_LISTS | _TABLES)), "list-item", level, group)
        for sub in item.iter(*_LISTS, *_TABLES):
            if sub is item or _nearest_item(sub) is not item:
                continue
            if _tag(sub) in _LISTS:
                _add_list(sub, builder, level + 1, group)
            else:
                _add_table(sub, builder)
                group = object()


def _nearest_item(element):
    parent = element.getparent()
    while parent is not None and _tag(parent) not in _ITEMS:
        parent = parent.getparent()
    return parent


def _add_table(element, builder: BodyBuilder) -> None:
    group = object()
    for row in element.iter(*_ROWS):
        if _nearest_table(row) is not element:
            continue  # a row of a table inside a cell
        cells = [clean_line(_inline_text(cell)) for cell in row if _tag(cell) in _CELLS]
        cells = [c for c in cells if c]
        if cells:
            builder.add(CELL_SEPARATOR.join(cells), "table-row", 0, group)


def _nearest_table(element):
    parent = element.getparent()
    while parent is not None and _tag(parent) not in _TABLES:
        parent = parent.getparent()
    return parent


def _has_blocks(element) -> bool:
    return any(_tag(e) in _LISTS or _tag(e) in _TABLES for e in element.iterdescendants())


def _inline_text(element, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """The text of ``element`` with line breaks kept, leaving out ``skip`` elements
    (a list inside a list item) and scripts."""
    parts = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag in _BREAKS:
            parts.append("\n")
        elif tag in skip or tag in _SKIPPED or not isinstance(tag, str):
            pass
        elif tag in _CELLS:
            parts.append(" " + _inline_text(child, skip) + " ")
        else:
            parts.append(_inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _tag(element) -> str | object:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else tag  # comments and processing instructions


# ------------------------------------------------------------------ metadata


def page_metadata(tree) -> dict:
    """What the page says about itself: ``title``, ``url`` (canonical),
    ``publisher``, ``published`` and ``published_from`` (``json-ld`` or
    ``html-meta``), each present only when found."""
    meta: dict = {}
    for data in _json_ld(tree):
        if "published" not in meta and isinstance(data.get("datePublished"), str):
            date = _date(data["datePublished"])
            if date is not None:
                meta.update(published=date, published_from="json-ld")
        publisher = data.get("publisher")
        if "publisher" not in meta and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            meta["publisher"] = clean_line(publisher["name"]) or None
        if "title" not in meta and isinstance(data.get("headline"), str):
            meta["title"] = data["headline"]
    tags = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or element.get("datetime") or "").strip()
        if key and content:
            tags.setdefault(key, content)
    if "published" not in meta:
        for key in lines("published_meta.txt"):
            date = _date(tags[key]) if key in tags else None
            if date is not None:
                meta.update(published=date, published_from="html-meta")
                break
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href", "").startswith("http"):
            meta["url"] = link.get("href").strip()
            break
    else:
        if tags.get("og:url", "").startswith("http"):
            meta["url"] = tags["og:url"]
    if "publisher" not in meta and tags.get("og:site_name"):
        meta["publisher"] = clean_line(tags["og:site_name"])
    if "title" not in meta and tags.get("og:title"):
        meta["title"] = tags["og:title"]
    return {k: v for k, v in meta.items() if v}


def _json_ld(tree):
    """Every JSON-LD object of the page, those inside ``@graph`` lists too."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _date(value: str) -> PartialDate | None:
    try:
        return parse_published(value)
    except ValueError:
        return None


def _htmldate(raw: bytes, url: str | None) -> PartialDate | None:
    """The publication date htmldate finds in the markup and the URL alone (not
    guessed from the text: the text's dateline is the pipeline's to find)."""
    import htmldate

    try:
        found = htmldate.find_date(raw, extensive_search=False, original_date=True, url=url)
    except Exception:  # htmldate's own failures leave the date unknown, never the page unread
        return None
    return _date(found) if found else None
