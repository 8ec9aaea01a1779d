"""Chronologies by their layout: entries dated by the date that opens them.

A chronology is written as a list whose items begin with their date. Two shapes are read:

* **date-led lines**: ``3 March 2019: NATO ...``, ``3 March 2019 – ...``, ``1997, ...``,
  ``- May 1997 ...`` (a bullet or a number may come first); the entry is the rest of the line;
* **timeline paragraphs**: ``On November 10, NATO warns ...``, ``The next day Moscow puts
  forward ...``: a line opening with a preposition and a date, or with a date reckoned from
  the entry before, told in the present as timelines are (a report's "On Monday, the
  minister said ..." is in the past and is no entry);
* **date lines**: a line that holds only a date, followed by the line that says what
  happened (``12 January 2022`` / ``The NATO-Russia Council met in Brussels.``); the entry is
  the date line and the first sentence under it. A date used as a heading works the same.

One such line is not a chronology (a dateline above an article is a date line too): a shape
counts only when at least two lines of the document have it, with different dates. A date
line that holds the document's own date is the stamp of the page or of an item on it
("12 January 2022" over a story, a news list of the day), not an entry. Entries need no verb ("1997 –
The Founding Act"): the layout says that something happened on that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..temporal.ranges import RANGE_DASHES
from ..temporal.types import PartialDate, Timex
from .grammar import cues, predicates

#: what may stand before the date on an entry's line: a bullet, a number, a heading mark
_LEAD = re.compile(r"[ \t]*(?:[-•*–—▪►#]+[ \t]*|\(?\d{1,3}[.)][ \t]+|[A-Za-z][.)][ \t]+)?")
#: what separates a date-led line's date from its text
_SEPARATOR = re.compile(r"[ \t]*(?:[:–—|]|-(?=\s)|,(?=\s))?[ \t]*")
_LINE_TAIL = re.compile(r"[ \t.:,;–—-]*")
#: a preposition before a line's date: "On November 10, ..."
_PREPOSITION = re.compile(r"(?:On|In|From|Since|By|During|At|Until)[ \t]+")
_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One chronology entry: the date that opens it and the text that says what happened.

    ``start``/``end`` cover the whole entry (date and text), ``text_start`` is where its
    text begins; offsets are into the document body."""

    timex: Timex
    start: int
    end: int
    text_start: int
    shape: str  # "date-led" | "date-line"
    told: bool = False  # a timeline paragraph told in the present ("On November 10, NATO warns")
    through: PartialDate | None = None  # the last date of a range that dates the entry ("2014-2016")


def _lines(body: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in body.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


#: a full stop that ends no sentence: after an initial ("U.S. releases", "Per U.S.
#: initiative") or a title or abbreviation before a name or a number ("Gen. Grachev", "No. 5")
_ABBREVIATIONS = cues()["abbreviation"]
_STOP = re.compile(r"[.!?](?=\s|$)")
_LAST_TOKEN = re.compile(r"(?:^|[^A-Za-z])([A-Za-z]+)$")


#: how a line that ends its sentence ends
_LINE_DONE = re.compile(r"""[.!?:;"”’)\]][ \t]*$""")
#: the most lines one entry's first sentence is wrapped over
_WRAP_LINES = 6


def _wrapped_end(body: str, lines: Sequence[tuple[int, int]], n: int, by_start: dict) -> int:
    """Where the text of the entry on line ``n`` ends: a line cut in mid-sentence (text
    wrapped at a fixed width, "... is lost near" / "Belgrade but the pilot is recovered.")
    goes on into the next line, unless that line is empty or opens with a date of its own."""
    last, end = lines[n]
    for ms, me in lines[n + 1 : n + _WRAP_LINES]:
        if _LINE_DONE.search(body, last, end) or not body[ms:me].strip():
            break
        lead = _LEAD.match(body, ms, me)
        if (lead.end() if lead else ms) in by_start:
            break
        last, end = ms, me
    return end


def _first_sentence_end(body: str, start: int, end: int) -> int:
    for m in _STOP.finditer(body, start, end):
        if m.group() == ".":
            tok = _LAST_TOKEN.search(body, max(start, m.start() - 12), m.start())
            if tok and ((len(tok.group(1)) == 1 and tok.group(1).isupper()) or tok.group(1).lower() in _ABBREVIATIONS):
                continue
        return m.end()
    return end


def _told_in_the_present(text: str) -> bool:
    """Whether the first verb of ``text`` is in the present, the tense timelines are told in
    ("NATO warns", "Russian troops begin arriving"); a report's sentences are in the past."""
    first = next((p for p in predicates(text[:200]) if p.form not in ("infinitive", "bare")), None)
    return first is not None and first.form in ("present", "progressive") and not first.hypothetical


def told_in_the_present(body: str, chronology: Sequence[Entry]) -> bool:
    """Whether most entries of a chronology are told in the present ("March 24 - NATO
    launches air war"), as timelines are."""
    present = sum(_told_in_the_present(body[e.text_start : e.end]) for e in chronology)
    return bool(chronology) and 2 * present > len(chronology)


#: a news agency's subheading between dashes ("- 2014: NATO slams Crimea grab -"): it
#: names a section whose paragraphs tell its events with their own dates; no entry
SECTION_HEAD = re.compile(r"[ \t]*[-–—][ \t]+\S[^\n]*\S[ \t]+[-–—][ \t]*")


def entries(body: str, timexes: Sequence[Timex], in_furniture=lambda s, e: False,
            published: PartialDate | None = None) -> list[Entry]:
    """The chronology entries of ``body``, by the dates in ``timexes`` (anchored);
    ``published`` is the document's date."""
    by_start: dict[int, Timex] = {}
    for t in timexes:
        if t.type in ("DATE", "TIME") and t.date is not None:
            by_start.setdefault(t.start, t)
    lines = _lines(body)
    led: list[Entry] = []
    date_lines: list[Entry] = []
    for n, (ls, le) in enumerate(lines):
        if le - ls < 4 or in_furniture(ls, le) or SECTION_HEAD.fullmatch(body, ls, le):
            continue
        lead = _LEAD.match(body, ls, le)
        at = lead.end() if lead else ls
        t = by_start.get(at)
        told = False  # "On November 10, NATO warns ...": a timeline told in the present
        if t is None:
            prep = _PREPOSITION.match(body, at, le)
            t = by_start.get(prep.end()) if prep else None
            if t is None:
                continue
            told = True
        # a range or a second date right after the first belongs to the date part, and so
        # does the word that makes a length a date ("Two days later")
        end_of_date = t.end
        signal = t.extra.get("signal", "")
        m = re.match(r"[ \t]+" + re.escape(signal) + r"\b", body[end_of_date:le]) if signal else None
        if m:
            end_of_date += m.end()
        nxt = next((u for u in timexes if end_of_date <= u.start <= end_of_date + 3 and u.start < le), None)
        through = None
        if nxt is not None and re.fullmatch(rf"\s*[{RANGE_DASHES}]\s*|\s+to\s+", body[end_of_date : nxt.start]):
            end_of_date = nxt.end
            through = nxt.date
        sep = _SEPARATOR.match(body, end_of_date, le)
        text_at = sep.end() if sep else end_of_date
        rest = body[text_at:le]
        if _LINE_TAIL.fullmatch(rest):
            # a date line: its entry is the next line that opens with no date and says
            # something (three words or more); short label lines between are passed over
            # ("26 Sept. 1997," / "New York," / "MINISTERIAL LEVEL" / "Approved a work ...")
            for ms, me in lines[n + 1 : n + 5]:
                if me - ms == 0 or not body[ms:me].strip():
                    continue
                lead2 = _LEAD.match(body, ms, me)
                if (lead2.end() if lead2 else ms) in by_start or in_furniture(ms, me):
                    break
                if len(_WORDS.findall(body[ms:me])) < 3:
                    continue
                if t.date != published:
                    date_lines.append(Entry(t, ls, _first_sentence_end(body, ms, me), ms, "date-line",
                                            through=through))
                break
            continue
        if not body[end_of_date:text_at].strip() and not rest[:1].isupper():
            continue  # "May 1997 witnessed ...": a sentence that opens with its date, no entry
        # a day or month named without its year and dated by the entries before it is
        # an entry's own date, not a date counted from another ("The next day, ...")
        counted = t.anchor == "context" and not t.extra.get("story")
        if (told or counted) and not _told_in_the_present(rest):
            continue  # "On Monday, the minister said ...": a report's sentence, not an entry
        if len(_WORDS.findall(rest)) >= 2:
            end = _wrapped_end(body, lines, n, by_start)
            led.append(Entry(t, ls, _first_sentence_end(body, text_at, end), text_at, "date-led",
                             told or counted, through))
    out: list[Entry] = []
    for shape in (led, date_lines):
        if len({e.timex.date for e in shape}) >= 2:
            out += shape
    return sorted(out, key=lambda e: e.start)
