"""Who and where: the actors and places of a clause, named canonically (a person with the
office held on the event's date), and how sure a candidate is."""

from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import Lexicon, Mention, Trigger
from ..temporal.types import PartialDate
from .sentence import GATHERINGS, _Tx

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|into|outside|inside|across|throughout|around)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*\s+)?)$",
    re.I,
)


def _places_in(text: str, mentions: list[Mention], lex: Lexicon) -> list[str]:
    out: list[str] = []
    actor_aliases = lex._actor_by_alias  # names that may also denote a government
    for m in mentions:
        p = lex.place(m.canonical)
        if p is None:
            continue
        key = m.surface if (len(m.surface) <= 4 or not re.search(r"[a-z]", m.surface)) else m.surface.lower()
        ambiguous = p.kind == "country" or key in actor_aliases or key.lower() in actor_aliases
        if ambiguous and p.kind != "venue" and not _LOCATIVE.search(text[max(0, m.start - 40) : m.start]) \
                and not _gathering_after(text, m.start, m.end, lex):
            continue
        if p.kind == "venue":
            out.append(p.canonical)
            if p.within and lex.place(p.within):
                out.append(p.within)
        else:
            out.append(p.canonical)
    return list(dict.fromkeys(out))


def _gathering_after(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the place at ``start:end`` names the venue of the gathering noun right after
    it: "the 1990 London summit" holds the summit there; a compound's part does not
    ("the NATO-Russia summit", "U.S.-Russia talks")."""
    if text[start - 1 : start] in ("-", "–", "/"):
        return False
    window = text[end : end + 30]
    return any(t.type in GATHERINGS and t.pos == "noun" and window[:s].isspace()
               for s, _e, t in lex.find_triggers(window))


#: how far (characters) from an office's mention the text may name its holder
NEAR_NAME = 600


def _canonical_actors(mentions: list[Mention], date: PartialDate | None, lex: Lexicon,
                      named: Sequence[tuple[int, str]] = (), at: int = 0) -> list[str]:
    """Canonical actors of ``mentions``; a person is written with the office held on the
    event's date ("Jens Stoltenberg, NATO Secretary General").

    An office ("the Secretary General") is its holder on that date when the text names
    that holder within :data:`NEAR_NAME` characters (``named``: (offset, canonical) of the
    document's person mentions; ``at``: the sentence's offset); otherwise it stays the office.
    """
    out: list[str] = []
    span = date.interval() if date is not None else None
    for m in mentions:
        a = lex.actor(m.canonical)
        if a is None:
            continue
        if a.kind == "office":
            holder = None
            if span is not None:
                near = {c for off, c in named if abs(off - (at + m.start)) <= NEAR_NAME}
                found = lex.holders(a.canonical, *span) & near
                holder = found.pop() if len(found) == 1 else None
            out.append(_with_office(holder, span, lex) if holder else a.canonical)
            continue
        out.append(_with_office(a.canonical, span, lex) if a.kind == "person" else a.canonical)
    return list(dict.fromkeys(out))


def _with_office(person: str, span, lex: Lexicon) -> str:
    office = lex.office_on(person, *span) if span is not None else None
    return f"{person}, {office}" if office else person


def _confidence(date, trig: Trigger, actors, places, x: _Tx | None) -> float:
    c = 0.35
    if date is None:
        c -= 0.1
    elif date.precision == "day":
        c += 0.2
    elif date.precision == "month":
        c += 0.1
    c += {3: 0.15, 2: 0.08}.get(trig.strength, 0.0)
    if actors:
        c += 0.1
    if places:
        c += 0.1
    if x is not None and x.timex.anchor == "unresolved":
        c -= 0.05
    return round(max(0.05, min(0.95, c)), 2)
