"""One document through the pure stages: temporal expressions, their anchoring
on the document's date, and the events they date. No database here, so
``timeline extract`` and ``timeline ingest`` share exactly this code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .eventdates import reanchor
from .events import extract_events
from .lexicon import get_lexicon
from .read import sentence_regions, title_candidate
from .records import STRUCTURED_KINDS, Document, Extraction, Furniture
from .sentences import split_sentences
from .temporal import anchor_timexes, day_first_hint, find_dateline, find_timexes


def with_furniture(doc: Document, extra: Sequence[Furniture]) -> Document:
    """``doc`` with ``extra`` furniture spans added (e.g. lines repeated across its
    site, :func:`nato_timeline.furniture.site_furniture`) and its sentences cut again
    so that none covers furniture."""
    if not extra:
        return doc
    spans = sorted({(f.start, f.end): f for f in (*doc.furniture, *extra)}.values(), key=lambda f: f.start)
    blocks = doc.blocks if doc.kind in STRUCTURED_KINDS else ()
    sentences = split_sentences(doc.body, sentence_regions(len(doc.body), spans, blocks))
    title = doc.title
    if title and any(doc.body[f.start : f.end].strip() == title.strip() for f in extra):
        # the line taken as the title is one the site repeats (its name, or a headline
        # linked from other pages): a title-shaped line right after the furniture is
        # the page's own title; without one the title found on reading stays
        found = title_candidate(doc.body, spans)
        if found is not None:
            title = doc.body[found[0] : found[1]]
    return replace(doc, title=title, furniture=tuple(spans), sentences=tuple(sentences))


def extract_document(doc: Document, extra_furniture: Sequence[Furniture] = (), weigh: bool = True) -> Extraction:
    """Find, anchor and date everything in ``doc``.

    Without a publication date from the command line, front matter or metadata,
    a dateline at the top of the text (``Brussels 12.01.2022``) serves as one.
    Page furniture never anchors anything (an author bio's "since 2017" does not
    give a year to "January 12"). ``extra_furniture`` adds furniture found by
    looking at other documents (lines repeated across a site). ``weigh=False`` leaves out
    the events of :mod:`nato_timeline.events.weighing` (to train its model on the rest).

    After anchoring, the event layer corrects what the tense of a sentence cannot
    decide (:func:`nato_timeline.eventdates.reanchor`: an event noun's month, a
    starting weekday, "this week" of a dated statement) and the text is anchored
    again, so that anaphors ("since then") follow the corrected dates.
    """
    doc = with_furniture(doc, extra_furniture)
    # ambiguous numeric dates (7/4/14): the address or publisher may say day first
    raw = find_timexes(doc.body, day_first=day_first_hint(doc.url, doc.publisher))
    if doc.published is None:
        found = find_dateline(doc.body, raw)
        if found is not None and not doc.in_furniture(found[1].start, found[1].end):
            doc = replace(doc, published=found[0], published_from="dateline")
    timexes = anchor_timexes(raw, doc.body, doc.published, ignore=doc.in_furniture)
    fixes = reanchor(raw, timexes, doc.body, doc.published, doc.sentences, get_lexicon())
    if fixes:
        raw = [fixes.get(i, t) for i, t in enumerate(raw)]
        timexes = anchor_timexes(raw, doc.body, doc.published, ignore=doc.in_furniture)
    events = extract_events(doc, timexes, weigh=weigh)
    return Extraction(document=doc, timexes=tuple(timexes), events=tuple(events))
