"""Output of ``timeline extract``: per document, its date, temporal expressions and events."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .merge import event_slug
from .records import EventCandidate, Extraction
from .render import clean, events_table
from .views import EventView, SourceView


def candidate_view(doc_name: str, c: EventCandidate) -> EventView:
    """An extracted event in the shape ``list`` prints (no id: nothing is stored)."""
    start, end = (c.date.interval() if c.date else (None, None))
    return EventView(
        id=0, slug=event_slug(c.date, c.title),
        date=c.date.value if c.date else c.date_value, precision=c.precision,
        start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        title=c.title, type=c.type, status=c.status, confidence=c.confidence, summary=c.quote,
        actors=tuple(c.actors), places=tuple(c.places),
        sources=(SourceView(doc_name, c.quote, c.start, c.end, c.timex_start, c.timex_end,
                            c.date.value if c.date else c.date_value, c.precision, ""),),
    )


def extraction_json_obj(ex: Extraction) -> dict:
    doc = ex.document
    events = []
    for c in ex.events:
        obj = candidate_view(doc.name, c).to_json()
        obj["id"] = None
        events.append(obj)
    return {
        "document": doc.name,
        "title": doc.title,
        "published": doc.published.value if doc.published else None,
        "published_from": doc.published_from,
        "timexes": [
            {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value,
             "anchor": t.anchor, **({"mod": t.mod} if t.mod else {})}
            for t in ex.timexes
        ],
        "events": events,
    }


def extractions_json(results: Sequence[Extraction]) -> str:
    return json.dumps([extraction_json_obj(ex) for ex in results], ensure_ascii=False, indent=2)


def extraction_detail(ex: Extraction) -> Group:
    doc = ex.document
    head = Text(clean(doc.name), style="bold cyan")
    head.append(f"  published {doc.published.value if doc.published else 'unknown'} ({doc.published_from})",
                style="dim")
    timexes = Table(box=None, header_style="bold", title="Temporal expressions", title_justify="left")
    for col in ("Text", "Start", "End", "Type", "Value", "Anchor"):
        timexes.add_column(col, no_wrap=col != "Text")
    for t in ex.timexes:
        timexes.add_row(Text(clean(t.text)), str(t.start), str(t.end), t.type, clean(t.value), t.anchor)
    views = sorted((candidate_view(doc.name, c) for c in ex.events),
                   key=lambda v: (v.start is None, v.start or "", v.date))
    parts: list = [head, timexes]
    if views:
        parts += [Text("Events", style="bold"), events_table(views)]
    else:
        parts.append(Text("No events.", style="dim"))
    parts.append(Text(""))
    return Group(*parts)
