"""Output of ``timeline extract``: per document, its date, temporal expressions and events."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .merge import event_slug, group_candidates, representative, summarize
from .records import EventCandidate, Extraction
from .render import clean, events_table
from .textsafe import to_json
from .views import EventView, SourceView


def _source(doc_name: str, c: EventCandidate) -> SourceView:
    return SourceView(doc_name, c.quote, c.start, c.end, c.timex_start, c.timex_end,
                      c.date.value if c.date else c.date_value, c.precision, "")


def candidate_view(doc_name: str, c: EventCandidate, more: Sequence[EventCandidate] = ()) -> EventView:
    """An extracted event in the shape ``list`` prints (no id: nothing is stored);
    ``more`` are other mentions of it in the document, shown as its other sources."""
    start, end = (c.date.interval() if c.date else (None, None))
    members = (c, *more)
    return EventView(
        id=0, slug=event_slug(c.date, c.title),
        date=c.date.value if c.date else c.date_value, precision=c.precision,
        start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        title=c.title, type=c.type, status=c.status, confidence=c.confidence,
        summary=summarize(list(dict.fromkeys(x.quote for x in sorted(members, key=lambda x: x.start)))),
        actors=tuple(dict.fromkeys(a for x in members for a in x.actors)),
        places=tuple(dict.fromkeys(p for x in members for p in x.places)),
        sources=tuple(_source(doc_name, x) for x in sorted(members, key=lambda x: (x.start, x.end))),
    )


def event_views(doc_name: str, cands: Sequence[EventCandidate]) -> list[EventView]:
    """The document's events as storing it would make them: mentions of one event
    (a sentence that continues it, a second report in the same text) are one event
    with several sources, shown under its most precise mention."""
    out = []
    for cluster in group_candidates(cands):
        members = [cands[i] for i in cluster]
        rep = representative(members)
        out.append(candidate_view(doc_name, rep, [c for c in members if c is not rep]))
    return out


def extraction_json_obj(ex: Extraction) -> dict:
    doc = ex.document
    events = []
    for view in event_views(doc.name, ex.events):
        obj = view.to_json()
        obj["id"] = None
        events.append(obj)
    return {
        "document": doc.name,
        "kind": doc.kind,
        "source": doc.path,
        "url": doc.url,
        "title": doc.title,
        "publisher": doc.publisher,
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
    return to_json([extraction_json_obj(ex) for ex in results])


def extraction_detail(ex: Extraction) -> Group:
    doc = ex.document
    head = Text(clean(doc.name), style="bold cyan")
    head.append(f"  {doc.kind}", style="dim")
    head.append(f"  published {doc.published.value if doc.published else 'unknown'} ({doc.published_from})",
                style="dim")
    timexes = Table(box=None, header_style="bold", title="Temporal expressions", title_justify="left")
    for col in ("Text", "Start", "End", "Type", "Value", "Anchor"):
        timexes.add_column(col, no_wrap=col != "Text")
    for t in ex.timexes:
        timexes.add_row(Text(clean(t.text)), str(t.start), str(t.end), t.type, clean(t.value), t.anchor)
    views = sorted(event_views(doc.name, ex.events),
                   key=lambda v: (v.start is None, v.start or "", v.date))
    parts: list = [head, timexes]
    if views:
        parts += [Text("Events", style="bold"), events_table(views)]
    else:
        parts.append(Text("No events.", style="dim"))
    parts.append(Text(""))
    return Group(*parts)
