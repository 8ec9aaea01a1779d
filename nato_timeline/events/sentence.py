"""What every step of the event layer reads from one sentence: its predicates and clauses
(read once, cached), the records of its dates and triggers, and the small text helpers
the steps share."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import Trigger
from ..temporal.types import PartialDate, Timex
from .grammar import Predicate, alternation, predicates

TYPES = (
    "meeting",
    "talks",
    "summit",
    "statement",
    "agreement",
    "suspension",
    "resumption",
    "withdrawal",
    "sanction",
    "military-action",
    "violation",
    "annexation",
    "accession",
    "publication",
    "election",
    "appointment",
    "establishment",
    "other",
)

#: the kinds of event at which other acts take place: what is decided "at the summit"
GATHERINGS = ("meeting", "talks", "summit")


MAX_TITLE = 90


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|is due|are due|due to|scheduled|planned|plans? to|"
    r"set to|expected to|is expected|are expected|going to|intends? to|would look to|"
    r"would hold|upcoming|next)\b",
    re.I,
)


_NOT_VERB_AFTER_TO = {
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
    "those", "all", "some", "any", "each", "every", "both", "one", "two", "three", "be", "date",
    "russia", "nato", "him", "them", "it", "us", "which", "whom", "what", "another", "other",
    "moscow", "kiev", "kyiv", "several", "many", "more", "less", "most", "such",
}


_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*,", re.I)


_FUNCTION_TAIL = re.compile(
    r"(?:\s+(?:the|a|an|of|to|and|or|with|in|at|on|for|from|by|as|its|his|her|their|our|"
    r"that|which|who|is|are|was|were|but|after|before|than|into|between|over|under|until|till|since|during))+$",
    re.I,
)


_QUOTE_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?|``.*?''")


@dataclass(slots=True)
class _Trig:
    start: int  # offsets relative to the sentence
    end: int
    t: Trigger
    strength: int
    pred: Predicate | None = None  # the grammar's reading, for a verb found by grammar alone


@dataclass(slots=True)
class _Tx:
    start: int  # relative to the sentence
    end: int
    timex: Timex
    date: PartialDate | None


@functools.lru_cache(maxsize=256)
def preds_of(text: str) -> list[Predicate]:
    """The predicates of one sentence, read once however many dates it has."""
    return predicates(text)


_NOMINAL_LINK = re.compile(
    r"^(?:\s*(?:['’]s\s+)?(?:[\w’'.-]+\s+){0,3}?)$"
)


_DETERMINED = re.compile(r"(?:\b(?:the|a|an|this|that|its|their|his|her|our)|['’]s?)\s+(?:[a-z]+\s+)?$", re.I)


def _nominal(text: str, at: int) -> bool:
    """A determiner or a possessive before ``at``: the word there is used as a noun."""
    return bool(_DETERMINED.search(text[max(0, at - 30) : at]))


# --------------------------------------------------------------------------- titles
def _clean(s: str) -> str:
    s = re.sub(r"\[\d+\]|\[[^\]]*needed\]", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,;:.-–—\"“”'‘’")


def _cut(s: str, n: int) -> str:
    s = s.strip()
    if len(s) <= n:
        return s
    cut = s[: n + 1]
    i = cut.rfind(" ")
    s = cut[:i] if i > 0 else s[:n]
    s = _FUNCTION_TAIL.sub("", " " + s).strip()
    return s.rstrip(" ,;:-–—")


#: words before "to" that make the infinitive the main event ("decided to suspend").
_PLANNERS = re.compile(r"\b" + alternation("planner") + r"\s+$", re.I)
