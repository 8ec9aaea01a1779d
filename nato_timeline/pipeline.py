"""One document through the pure stages: temporal expressions, their anchoring
on the document's date, and the events they date. No database here, so
``timeline extract`` and ``timeline ingest`` share exactly this code."""

from __future__ import annotations

from dataclasses import replace

from .events import extract_events
from .records import Document, Extraction
from .temporal import anchor_timexes, day_first_hint, find_dateline, find_timexes


def extract_document(doc: Document) -> Extraction:
    """Find, anchor and date everything in ``doc``.

    Without a publication date from the command line, front matter or metadata,
    a dateline at the top of the text (``Brussels 12.01.2022``) serves as one.
    Page furniture never anchors anything (an author bio's "since 2017" does not
    give a year to "January 12").
    """
    # ambiguous numeric dates (7/4/14): the address or publisher may say day first
    raw = find_timexes(doc.body, day_first=day_first_hint(doc.url, doc.publisher))
    if doc.published is None:
        found = find_dateline(doc.body, raw)
        if found is not None and not doc.in_furniture(found[1].start, found[1].end):
            doc = replace(doc, published=found[0], published_from="dateline")
    timexes = anchor_timexes(raw, doc.body, doc.published, ignore=doc.in_furniture)
    events = extract_events(doc, timexes)
    return Extraction(document=doc, timexes=tuple(timexes), events=tuple(events))
