"""The further steps of a chronology entry: the sentences after an entry's first one, on
its line, tell more of what happened at the entry's date.

    2010: The United States offers to send ships to Europe. NATO also agrees talks with
    Russia, which is concerned about the shield.

The first sentence is the entry (:mod:`.layout`); "NATO also agrees talks with Russia" is
a second event of 2010. So is a sentence of the paragraph right after the entry's, which
opens with no date of its own (a timeline's second paragraph of one day). A further sentence counts when the entry and the sentence are
told in the present, as timelines are ("Turkey hosts a radar"; a news list's item told in
the past goes on with the story of the day, what was said there), and its subject is
named, not a pronoun ("It plans to cover all of Europe" says what the alliance intends,
of no one named). Its events are read by the extractor's sentence reader, given as
``read_sentence``, with the entry's date standing at the sentence's start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Callable, Sequence

from ..lexicon import Lexicon
from ..records import Document, EventCandidate, Span
from ..temporal.types import ANCHOR_CONTEXT
from . import layout
from .grammar import predicates
from .sentence import _QUOTE_SPAN

ReadSentence = Callable[..., list[EventCandidate]]

#: the end of an entry's line and, at most, one break before the next paragraph
_ONE_BREAK = re.compile(r"[^\n]*\n[ \t]*\n?[ \t]*")

#: a photo credit that ends a caption: "(AP)", "(AP Photo/Alik Keplicz)", "(Reuters)"
_CREDIT = re.compile(r"\((?:[A-Z][\w.’'-]*)(?:[ /][A-Z][\w.’'-]*){0,4}\)\s*\W?\s*$")

#: what may open a further step's subject: not a pronoun, which names no one
_PRONOUNS = frozenset("it its they their he she we this these that those there".split())


#: how far after its entry's first sentence a further step may stand: an entry's line and
#: the paragraph after it, not the rest of a long page (and each look stays short)
_REACH = 3000


def entry_of(chronology: Sequence[layout.Entry], starts: Sequence[int], body: str,
             sent: Span) -> layout.Entry | None:
    """The entry whose line ``sent`` continues, if any (``chronology`` sorted by start,
    ``starts`` their starts): the line of a date-led entry, or the line under a date line,
    and the one paragraph right after it that opens with no date of its own (the next
    entry would)."""
    k = bisect_right(starts, sent.start) - 1
    if k < 0:
        return None
    entry = chronology[k]
    if sent.start - entry.end > _REACH:
        return None
    gap = body[entry.end : sent.start]
    if entry.end > sent.start or gap.count("\n") > 2 or (gap.count("\n") and not _ONE_BREAK.fullmatch(gap)):
        return None
    return entry


def entry_steps(doc: Document, sent: Span, entry: layout.Entry, lex: Lexicon, named: Sequence[tuple[int, str]],
                read_sentence: ReadSentence, told_present: bool = False) -> list[EventCandidate]:
    """Events of ``sent``, a further sentence of ``entry``'s line, at the entry's date.
    ``told_present``: the chronology tells its entries in the present, so an entry that
    opens with a headline's bare participle ("Airlift proposed to take ...") is one of them."""
    text = sent.text
    if _CREDIT.search(text):
        return []  # a photo's caption ("A soldier stands in the trench. (AP)") tells no step
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]
    first = next((p for p in predicates(text) if p.finite and not any(a <= p.start < b for a, b in quoted)), None)
    opening = next((p for p in predicates(doc.body[entry.text_start : entry.end]) if p.finite), None)
    if first is None or opening is None or first.negated or first.hypothetical or first.kind not in ("event", "light"):
        return []
    if (_tense(opening, doc.body, entry.text_start) != "present" and not (told_present and opening.form == "past")) \
            or _tense(first, text) != "present":
        return []  # a news list's item told in the past goes on with its story: what was said there
    subject = text[: first.aux_start].split()
    if not subject or subject[0].lower() in _PRONOUNS or not any(w[:1].isupper() for w in subject):
        return []
    t = entry.timex
    here = replace(t, start=sent.start, end=sent.start, anchor=ANCHOR_CONTEXT)
    out = []
    for c in read_sentence(doc, sent, [here], lex, named, ("present", "progressive")):
        if c.date != t.date:
            continue
        out.append(replace(c, timex_start=t.start, timex_end=t.end, confidence=round(c.confidence * 0.8, 3)))
    return out


def _tense(pred, text: str, offset: int = 0) -> str:
    """"present" or "past": a passive by its auxiliary ("is released", "was released")."""
    if pred.form == "passive":
        aux = text[offset + pred.aux_start : offset + pred.start].lower().split()
        return "present" if aux and aux[0] in ("is", "are", "has", "have") else "past"
    return "present" if pred.form in ("present", "progressive", "perfect") else "past"
