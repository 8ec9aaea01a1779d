"""Every output format, from plain records (never a Session).

stdout carries data (tables, JSON, CSV, Markdown); stderr carries talk
(summaries' warnings, errors, progress). Text that comes from documents is
cleaned of control and escape sequences before it reaches a terminal, and is
passed to Rich as ``Text``, never as markup, so a document cannot restyle or
rewrite the user's terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from .tabular import Listing, delimited
from .textsafe import clean, one_line, to_json, visible
from .views import (
    ActorSummary,
    EventView,
    IngestReport,
    LogEntry,
    RelatedEvent,
    SearchHit,
    SourceSummary,
    TypeSummary,
)

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

# Rich is imported inside the functions that build Rich objects, so that JSON,
# CSV and Markdown output (``list --format json``, ``export``) never load it.


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console that honours ``NO_COLOR`` (Rich does) and ``--no-color``."""
    from rich.console import Console

    return Console(stderr=stderr, no_color=no_color or None, highlight=False, soft_wrap=False)


# ---------------------------------------------------------------- list


def events_table(events: Sequence[EventView]) -> Table:
    """The chronology: one section per year, each date at its own precision."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Year", style="bold cyan", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Type", style="magenta", no_wrap=True)
    table.add_column("Event", ratio=1)
    table.add_column("Sources", justify="right", no_wrap=True)
    first = True
    for year, group in groupby(events, key=lambda e: e.year):
        if not first:
            table.add_section()
        first = False
        for i, ev in enumerate(group):
            title = Text(one_line(ev.title))
            if ev.disputed:
                title.append("  (sources disagree on the date)", style="yellow")
            if ev.status == "scheduled":
                title.append("  (scheduled)", style="dim")
            title.append(_marks(ev), style="dim")
            table.add_row(
                year if i == 0 else "",
                Text(clean(ev.date), style="dim" if not ev.precision else ""),
                ev.type,
                title,
                str(len(ev.sources)),
            )
    return table


def _marks(ev: EventView) -> str:
    """What a human said of an event, as a list shows it."""
    marks = [w for w, on in (("rejected", ev.rejected), ("corrected", ev.corrected),
                             ("reviewed", ev.reviewed and not ev.rejected)) if on]
    return f"  ({', '.join(marks)})" if marks else ""


def events_json(events: Iterable[EventView]) -> str:
    return to_json([e.to_json() for e in events])


CSV_COLUMNS = (
    "id", "slug", "date", "precision", "start", "end", "type", "title", "status",
    "confidence", "disputed", "actors", "places", "sources", "documents", "quote",
    "reviewed", "rejected", "corrected", "citations",
)

#: The fields of an event for ``--fields`` and every tabular format.
EVENTS = Listing(
    fields={
        "id": lambda e: e.id, "slug": lambda e: e.slug, "year": lambda e: e.year, "date": lambda e: e.date,
        "precision": lambda e: e.precision or "", "start": lambda e: e.start or "", "end": lambda e: e.end or "",
        "type": lambda e: e.type, "title": lambda e: e.title, "status": lambda e: e.status,
        "confidence": lambda e: e.confidence, "disputed": lambda e: e.disputed,
        "actors": lambda e: list(e.actors), "places": lambda e: list(e.places),
        "sources": lambda e: len(e.sources),
        "documents": lambda e: list(dict.fromkeys(s.document for s in e.sources)),
        "quote": lambda e: e.sources[0].quote if e.sources else "",
        "summary": lambda e: e.summary or "",
        "reviewed": lambda e: e.reviewed, "rejected": lambda e: e.rejected,
        "corrected": lambda e: list(e.corrected),
        "citations": lambda e: list(dict.fromkeys(s.citation for s in e.sources)),
    },
    table=("date", "type", "title", "sources"),
    delimited=CSV_COLUMNS,
)


def _md(text: str | None) -> str:
    return one_line(text).replace("|", "\\|")


def events_markdown(events: Sequence[EventView]) -> str:
    lines: list[str] = ["# Chronology", ""]
    for year, group in groupby(events, key=lambda e: e.year):
        lines += [f"## {year}", "", "| Date | Type | Event | Sources |", "|---|---|---|---|"]
        for e in group:
            docs = "; ".join(_md(c) for c in dict.fromkeys(s.citation for s in e.sources))
            flag = (" *(sources disagree on the date)*" if e.disputed else "") + (f" *{_marks(e).strip()}*"
                                                                                   if _marks(e) else "")
            lines.append(f"| {_md(e.date)} | {e.type} | {_md(e.title)}{flag} | {docs} |")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- show


def _highlighted_quote(quote: str, start: int, timex_start: int, timex_end: int) -> Text:
    from rich.text import Text

    text = Text(clean(quote).replace("\n", " "))
    a, b = timex_start - start, timex_end - start
    if 0 <= a < b <= len(quote) and len(clean(quote)) == len(quote):
        text.stylize("bold reverse yellow", a, b)
    return text


def event_detail(ev: EventView) -> Group:
    """One event with every field and every source quote, the date expression highlighted."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column()
    date = Text(clean(ev.date))
    date.append(f"  ({ev.precision} precision" if ev.precision else "  (undated: the year could not be resolved")
    if ev.start:
        date.append(f", {ev.start} to {ev.end}" if ev.start != ev.end else "")
    date.append(")")
    rows = [
        ("Date", date),
        ("Type", Text(ev.type)),
        ("Status", Text(ev.status)),
        ("Slug", Text(ev.slug)),
        ("Id", Text(str(ev.id))),
        ("Confidence", Text(f"{ev.confidence:.2f}")),
    ]
    if ev.actors:
        rows.append(("Actors", Text(clean(", ".join(ev.actors)))))
    if ev.places:
        rows.append(("Places", Text(clean(", ".join(ev.places)))))
    if ev.disputed:
        given = ", ".join(sorted({f"{s.date} ({s.document})" for s in ev.sources}))
        rows.append(("Disputed", Text(f"sources give different dates: {clean(given)}", style="yellow")))
    rows.append(("Reviewed", Text("yes" if ev.reviewed else "no")))
    if ev.rejected:
        why = f": {ev.rejected_reason}" if ev.rejected_reason else ""
        rows.append(("Rejected", Text(f"yes{clean(why)}", style="red")))
    for field, was in ev.corrected.items():
        shown = "; ".join(was) if isinstance(was, list) else (was if was is not None else "")
        rows.append(("Corrected", Text(f"{field} (extracted: {clean(one_line(shown)) or 'none'})")))
    for k, v in rows:
        fields.add_row(k, v)
    parts: list = [Panel(fields, title=Text(one_line(ev.title), style="bold"), title_align="left")]
    if ev.summary and len(ev.sources) > 1:
        parts.append(Text("Summary", style="bold"))
        parts.append(Padding(Text(clean(ev.summary)), (0, 0, 0, 3)))
    parts.append(Text(f"Sources ({len(ev.sources)})", style="bold"))
    for i, s in enumerate(ev.sources, 1):
        head = Text(f"{i}. ", style="bold")
        head.append(clean(s.document), style="cyan")
        head.append(f"  chars {s.start}-{s.end}", style="dim")
        head.append(f"  date {clean(s.date)} ({s.anchor})", style="dim")
        parts.append(head)
        if s.document_title or s.url or s.publisher:
            parts.append(Padding(Text(clean(s.citation), style="italic"), (0, 0, 0, 3)))
        quote = _highlighted_quote(s.quote, s.start, s.timex_start, s.timex_end)
        parts.append(Padding(quote, (0, 0, 0, 3)))
    return Group(*parts)


def event_json(ev: EventView) -> str:
    return to_json(ev.to_json())


def candidates_table(events: Sequence[EventView]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold")
    table.add_column("Id", justify="right")
    table.add_column("Date")
    table.add_column("Slug")
    table.add_column("Title")
    for e in events:
        table.add_row(str(e.id), clean(e.date), clean(e.slug), Text(one_line(e.title)))
    return table


def related_section(related: Sequence[RelatedEvent]) -> Group:
    """The events ``show`` lists under an event: date, title, slug, and why they are related."""
    from rich.console import Group
    from rich.text import Text

    parts: list = [Text(f"Related events ({len(related)})", style="bold")]
    for r in related:
        line = Text("- ")
        line.append(clean(r.event.date), style="" if r.event.precision else "dim")
        line.append(f"  id {r.event.id}  ", style="cyan")
        line.append(one_line(r.event.title))
        why = []
        if r.shared_actors:
            why.append("shares " + ", ".join(clean(a) for a in r.shared_actors))
        if r.days_apart is not None:
            why.append("same dates" if r.days_apart == 0 else
                       f"{r.days_apart} day{'s' if r.days_apart != 1 else ''} apart")
        if why:
            line.append(f"  ({'; '.join(why)})", style="dim")
        parts.append(line)
    return Group(*parts)


# ---------------------------------------------------------------- search


def _snippet_text(hit: SearchHit) -> Text:
    from rich.text import Text

    raw = hit.snippet.replace("\n", " ")
    text = Text(clean(raw))
    if len(clean(raw)) == len(raw):  # offsets still point at the same characters
        for a, b in hit.highlights:
            text.stylize("bold reverse yellow", a, b)
    return text


def hits_table(hits: Sequence[SearchHit]) -> Table:
    """Search hits, best first: date, title and the snippet with the matches highlighted."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=1)
    table.add_column("Match", ratio=2)
    for i, h in enumerate(hits, 1):
        title = Text(one_line(h.event.title))
        title.append(f"\nid {h.event.id}", style="cyan")
        table.add_row(str(i), Text(clean(h.event.date), style="" if h.event.precision else "dim"),
                      title, _snippet_text(h))
    return table


HITS = Listing(
    fields={"rank": lambda h: round(h.rank, 4), **{k: (lambda f: lambda h: f(h.event))(f) for k, f in EVENTS.fields.items()},
            "snippet": lambda h: one_line(h.snippet)},
    table=("date", "id", "title", "snippet"),
    delimited=("rank", "id", "slug", "date", "precision", "type", "title", "snippet"),
)


def hits_csv(hits: Iterable[SearchHit]) -> str:
    rows = HITS.rows(hits, HITS.delimited)
    for row in rows:
        row[0] = f"{row[0]:.4f}"
    return delimited(HITS.delimited, rows)


# ---------------------------------------------------------------- sources and actors


def records_json(items: Iterable) -> str:
    """Any records with a ``to_json`` as a JSON array."""
    return to_json([i.to_json() for i in items])


def _rows_markdown(heading: str, header: Sequence[str], rows: Iterable[Sequence]) -> str:
    lines = [f"# {heading}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md("" if v is None else str(v)) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_SOURCE_HEADER = ("Document", "Published", "Known from", "Expressions", "Events", "Quotes", "Title")


def _source_row(d: SourceSummary) -> tuple:
    return (d.name, d.published or "", d.published_from, d.expressions, d.events, d.quotes, d.title or "")


def sources_table(docs: Sequence[SourceSummary]) -> Table:
    """One document a row, its title under its name; counts of temporal expressions, events, quotes."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Document", ratio=1)
    table.add_column("Published", no_wrap=True)
    table.add_column("From", no_wrap=True)
    table.add_column("Expressions", justify="right", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Quotes", justify="right", no_wrap=True)
    for d in docs:
        name = Text(clean(d.name), style="cyan")
        if d.title:
            name.append("\n" + one_line(d.title), style="dim")
        table.add_row(name, clean(d.published or ""), d.published_from, str(d.expressions),
                      str(d.events), str(d.quotes))
    return table


SOURCES = Listing(
    fields={"document": lambda d: d.name, "published": lambda d: d.published or "",
            "published_from": lambda d: d.published_from, "expressions": lambda d: d.expressions,
            "events": lambda d: d.events, "quotes": lambda d: d.quotes, "title": lambda d: d.title or "",
            "url": lambda d: d.url or "", "publisher": lambda d: d.publisher or ""},
    table=("document", "published", "published_from", "expressions", "events", "quotes", "title"),
    delimited=("document", "published", "published_from", "expressions", "events", "quotes",
               "title", "url", "publisher"),
)


def sources_markdown(docs: Iterable[SourceSummary]) -> str:
    return _rows_markdown("Sources", _SOURCE_HEADER, (_source_row(d) for d in docs))


_ACTOR_HEADER = ("Actor", "Events", "First", "Last")


_TYPE_HEADER = ("Type", "Events")


def types_table(found: Sequence[TypeSummary]) -> Table:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Type", style="magenta")
    table.add_column("Events", justify="right")
    for t in found:
        table.add_row(t.name, str(t.events))
    return table


def types_csv(found: Iterable[TypeSummary]) -> str:
    return delimited(tuple(h.lower() for h in _TYPE_HEADER), ((t.name, t.events) for t in found))


def types_markdown(found: Iterable[TypeSummary]) -> str:
    return _rows_markdown("Event types", _TYPE_HEADER, ((t.name, t.events) for t in found))


def _actor_row(a: ActorSummary) -> tuple:
    return (a.name, a.events, a.first or "undated", a.last or "undated")


def actors_table(found: Sequence[ActorSummary]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Actor", ratio=1)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    for a in found:
        table.add_row(*(Text(one_line(str(v))) for v in _actor_row(a)))
    return table


ACTORS = Listing(
    fields={"actor": lambda a: a.name, "kind": lambda a: a.kind or "", "events": lambda a: a.events,
            "first": lambda a: a.first or "", "last": lambda a: a.last or ""},
    table=("actor", "events", "first", "last"),
    delimited=("actor", "kind", "events", "first", "last"),
)


def actors_markdown(found: Iterable[ActorSummary]) -> str:
    return _rows_markdown("Actors", _ACTOR_HEADER, (_actor_row(a) for a in found))


# ---------------------------------------------------------------- ingest


def ingest_summary(report: IngestReport) -> Text:
    from rich.text import Text

    text = Text()
    text.append(f"Documents: {report.new} new, {report.changed} changed, "
                f"{report.unchanged} unchanged, {report.failed} failed.\n")
    text.append(f"Events: {report.events_added} added, {report.events_merged} merged")
    if report.resolved_cross_document:
        text.append(f", {report.resolved_cross_document} dated from another document")
    text.append(".")
    if report.forgotten:
        text.append(f"\nSkipped {report.forgotten} forgotten document{'s' if report.forgotten != 1 else ''}"
                    " (timeline undo brings one back).")
    if report.interrupted:
        text.append("\nInterrupted: the documents above were stored; run the command again to finish.",
                    style="yellow")
    return text


def error_line(message: str) -> str:
    from rich.markup import escape

    return f"[bold red]error:[/] {escape(visible(message))}"


def note_line(message: str) -> str:
    from rich.markup import escape

    return f"[yellow]note:[/] {escape(clean(message))}"


# ---------------------------------------------------------------- the corrections log


def _log_state(e: LogEntry) -> str:
    return "undone" if e.undone else ("no longer applies" if e.stale else "")


def log_table(entries: Sequence[LogEntry]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name, kw in (("Id", {"justify": "right"}), ("When (UTC)", {"no_wrap": True}), ("By", {}),
                     ("Op", {"style": "magenta"}), ("What, and why", {"ratio": 1, "overflow": "fold"})):
        table.add_column(name, **kw)
    for e in entries:
        what = Text(clean(one_line(e.summary)))
        state = _log_state(e)
        if state:
            what.append(f"  ({state}{': ' + e.stale if e.stale and not e.undone else ''})", style="yellow")
        if e.reason:
            what.append(f"\nwhy: {clean(one_line(e.reason))}", style="italic")
        table.add_row(str(e.id), e.at.replace("T", " ").rstrip("Z"), Text(clean(e.by)), e.op, what)
    return table


def log_json(entries: Iterable[LogEntry]) -> str:
    return to_json([e.to_json() for e in entries])


_LOG_HEADER = ("id", "at", "by", "op", "summary", "reason", "state")


def log_csv(entries: Iterable[LogEntry]) -> str:
    return delimited(_LOG_HEADER, ((e.id, e.at, e.by, e.op, e.summary, e.reason or "", _log_state(e))
                                   for e in entries))


def warning_line(message: str) -> str:
    from rich.markup import escape

    return f"[yellow]warning:[/] {escape(clean(message))}"
