"""Plain records that queries return and renderers print.

They import nothing heavy, so rendering never touches a Session, and the JSON
shape is defined in one place (:meth:`EventView.to_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceView:
    document: str  # the document's file name
    quote: str
    start: int
    end: int
    timex_start: int
    timex_end: int
    date: str  # the date this source gives, at its own precision (or X-value)
    precision: str | None
    anchor: str
    document_title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def citation(self) -> str:
        """The document as a reader cites it: publisher, 'title', date, URL (what is known)."""
        return citation(self.publisher, self.document_title, self.published, self.url, self.document)

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "title": self.document_title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "citation": self.citation,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "date_start": self.timex_start,
            "date_end": self.timex_end,
            "date": self.date,
            "precision": self.precision,
            "anchor": self.anchor,
        }


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    slug: str
    date: str  # YYYY, YYYY-MM, YYYY-MM-DD; X-value when undated
    precision: str | None  # year, month, day; None when undated
    start: str | None  # ISO first day covered
    end: str | None  # ISO last day covered
    title: str
    type: str
    status: str = "occurred"
    confidence: float = 0.5
    disputed: bool = False
    summary: str | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[SourceView, ...] = field(default_factory=tuple)
    #: What a human said of it: accepted, rejected (and why), and the extracted
    #: value of each field an edit changed.
    reviewed: bool = False
    rejected: bool = False
    rejected_reason: str | None = None
    corrected: dict = field(default_factory=dict)

    @property
    def year(self) -> str:
        return self.date[:4] if self.precision else "undated"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "slug": self.slug,
            "date": self.date,
            "precision": self.precision,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "type": self.type,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "disputed": self.disputed,
            "summary": self.summary,
            "actors": list(self.actors),
            "places": list(self.places),
            "sources": [s.to_json() for s in self.sources],
            "reviewed": self.reviewed,
            # only rejected events that were asked for (--include-rejected) are listed
            **({"rejected": True, "rejected_reason": self.rejected_reason} if self.rejected else {}),
            "corrected": dict(self.corrected),
        }


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def citation(publisher: str | None, title: str | None, published: str | None, url: str | None,
             fallback: str) -> str:
    """``NATO, 'Statement by the Secretary General', 8 Apr 2016, https://…``: the
    parts known, in that order; the file name when nothing else is."""
    parts = []
    if publisher:
        parts.append(publisher)
    if title:
        parts.append(f"'{title}'")
    if published:
        bits = published.split("-")
        if len(bits) == 3:
            parts.append(f"{int(bits[2])} {_MONTHS[int(bits[1]) - 1]} {bits[0]}")
        elif len(bits) == 2:
            parts.append(f"{_MONTHS[int(bits[1]) - 1]} {bits[0]}")
        else:
            parts.append(published)
    if url:
        parts.append(url)
    if not (publisher or title or url):
        parts.insert(0, fallback)
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One entry of the corrections log: a correction or an ingest."""

    id: int
    op: str
    at: str  # ISO UTC
    by: str
    summary: str
    reason: str | None = None
    changes: dict = field(default_factory=dict)
    undone: bool = False
    stale: str | None = None  # why it no longer applies

    def to_json(self) -> dict:
        return {"id": self.id, "op": self.op, "at": self.at, "by": self.by, "summary": self.summary,
                "reason": self.reason, "changes": dict(self.changes), "undone": self.undone, "stale": self.stale}


@dataclass(slots=True)
class IngestReport:
    """What an ingest did; rendered as the summary."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    events_added: int = 0
    events_merged: int = 0
    resolved_cross_document: int = 0
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)
    #: Documents skipped because a live ``timeline forget`` names them.
    forgotten: int = 0
    #: A line per correction that stopped applying (its quotes are gone).
    stale_corrections: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    def to_json(self) -> dict:
        return {
            "documents": {
                "new": self.new,
                "changed": self.changed,
                "unchanged": self.unchanged,
                "failed": self.failed,
            },
            "events": {
                "added": self.events_added,
                "merged": self.events_merged,
                "resolved_cross_document": self.resolved_cross_document,
            },
            "errors": list(self.errors),
            "interrupted": self.interrupted,
            "forgotten": self.forgotten,
            "corrections_no_longer_applying": list(self.stale_corrections),
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An event found by full-text search: how well it matched, and where."""

    event: EventView
    rank: float  # higher is better; comparable only within one search
    snippet: str  # a short passage around the matches
    highlights: tuple[tuple[int, int], ...] = ()  # character offsets of the matches in ``snippet``

    def to_json(self) -> dict:
        return {
            **self.event.to_json(),
            "rank": round(self.rank, 6),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A stored document: when it was published, how that was known, what it gave."""

    name: str
    title: str | None
    published: str | None  # YYYY[-MM[-DD]]
    published_from: str  # front-matter, dateline, option, unknown...
    expressions: int  # temporal expressions found in it
    events: int  # events it reports
    quotes: int  # its source quotes (an event can be reported by several sentences)
    url: str | None = None
    publisher: str | None = None

    def to_json(self) -> dict:
        return {
            "document": self.name, "title": self.title, "published": self.published,
            "published_from": self.published_from, "expressions": self.expressions,
            "events": self.events, "quotes": self.quotes, "url": self.url, "publisher": self.publisher,
        }


@dataclass(frozen=True, slots=True)
class TypeSummary:
    """An event type and how many events (not rejected) have it."""

    name: str
    events: int

    def to_json(self) -> dict:
        return {"type": self.name, "events": self.events}


@dataclass(frozen=True, slots=True)
class ActorSummary:
    name: str
    kind: str | None
    events: int
    first: str | None  # the date of the earliest dated event, at its precision
    last: str | None  # the date of the latest dated event, at its precision

    def to_json(self) -> dict:
        return {"actor": self.name, "kind": self.kind, "events": self.events,
                "first": self.first, "last": self.last}


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """An event close to another: the actors they share and how far apart they are."""

    event: EventView
    shared_actors: tuple[str, ...]
    days_apart: int | None  # None when either is undated; 0 when their dates overlap
    score: float
