"""Plain records passed between the pipeline stages (read → extract → resolve → store).

They are frozen dataclasses with no behaviour beyond small derived properties, so
every stage can be tested alone by building them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .temporal.types import PartialDate, Timex

#: How a document's publication date was known.
PUBLISHED_FROM = (
    "command-line",  # --published
    "front-matter",  # a --- block at the top of the file
    "metadata",  # a field of a .jsonl record
    "dateline",  # a dateline or "Published:" stamp in the text
    "json-ld",  # an HTML page's JSON-LD datePublished
    "html-meta",  # an HTML page's <meta> publication date (article:published_time, ...)
    "htmldate",  # found in an HTML page's markup by htmldate (<time>, the URL, ...)
    "feed",  # a feed entry's published (or updated) date
    "unknown",
)

#: What a document was read from (``Document.kind``).
KINDS = ("text", "jsonl", "html", "pdf", "feed")

#: The kinds whose blocks are the source's own structure (not read off plain
#: text): no sentence of theirs crosses a block's edge.
STRUCTURED_KINDS = ("html", "feed")

#: The kinds of :class:`Block`.
BLOCK_KINDS = ("heading", "paragraph", "list-item", "table-row")


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of a document's layout, ``body[start:end]``: a heading (``level`` 1
    to 6), a paragraph, a list item (``level`` 0 at the top, 1 inside another item,
    ...) or a table row (its cells joined by `` | ``). Each starts on a line of
    its own in the body."""

    start: int
    end: int
    kind: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document body, ``body[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Furniture:
    """A stretch of page furniture (share bars, bios, navigation) and the rule that found it."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read from a file: its body and what is known about it.

    ``body`` is the text after any front-matter block; every offset in the
    program is a character offset into it. ``sentences`` cover the content
    only: page furniture is listed in ``furniture`` and left out of them.
    ``kind`` says what it was read from (:data:`KINDS`); ``blocks`` are its
    headings, paragraphs, list items and table rows, in order.
    """

    name: str  # file name (or "file.jsonl:id" for a record of a .jsonl file)
    path: str  # where it was read from
    body: str
    sha256: str  # of the raw bytes the document came from
    title: str | None = None
    published: PartialDate | None = None
    published_from: str = "unknown"
    url: str | None = None
    publisher: str | None = None
    sentences: tuple[Span, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    kind: str = "text"
    blocks: tuple[Block, ...] = ()

    def in_furniture(self, start: int, end: int) -> bool:
        """True when ``body[start:end]`` overlaps page furniture."""
        return any(f.start < end and start < f.end for f in self.furniture)


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An event found in one sentence of one document.

    ``date`` is ``None`` when the governing temporal expression could not be
    resolved (``date_value`` then keeps its ``X`` parts, e.g. ``XXXX-01-12``).
    ``quote``/``start``/``end`` is the source sentence; ``timex_start``/
    ``timex_end`` the date expression inside it, for highlighting.
    """

    date: PartialDate | None
    date_value: str
    title: str
    type: str
    quote: str
    start: int
    end: int
    timex_start: int
    timex_end: int
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    confidence: float = 0.5
    status: str = "occurred"  # or "scheduled" when it lies ahead of the document date

    @property
    def precision(self) -> str | None:
        return self.date.precision if self.date else None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the pipeline found in one document."""

    document: Document
    timexes: tuple[Timex, ...] = ()
    events: tuple[EventCandidate, ...] = field(default_factory=tuple)
