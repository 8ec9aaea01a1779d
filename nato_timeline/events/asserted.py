"""Whether a clause asserts an occurrence: not a question, a condition or a mere possibility;
whether a reporting verb governs a date and reports news; whether a date premodifies a noun;
where a purpose infinitive begins."""

from __future__ import annotations

import re

from .clauses import clauses_of
from .grammar import alternation, closed_classes, verb_tags
from .sentence import _FUTURE, _NOT_VERB_AFTER_TO, _PLANNERS, _Trig, _Tx

_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")


_MAYBE_BEFORE = re.compile(r"\b(?:could|might|may|should|must)\s+(?:not\s+|never\s+)?(?:have\s+|be\s+)?(?:\w+ly\s+)?$", re.I)


_WOULD_BEFORE = re.compile(r"\bwould\s+(?:not\s+|never\s+)?(?:have\s+|be\s+)?(?:\w+ly\s+)?$", re.I)


_CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.I)


#: a "that" clause of a noun of wishing, fearing or expecting, up to the verb after it, with
#: no comma or clause break between ("a pledge that Romania will be invited")
_WISHED = re.compile(r"\b(?:" + alternation("wish_noun") + r")\s+that\s+[^,;:.!?()]{0,120}$", re.I)


#: a decision in the pluperfect: "had agreed", "had already decided"
_DECIDED_BEFORE = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:decided|agreed)\b", re.I)


def wished(text: str, at: int) -> bool:
    """Whether the verb at ``at`` tells what someone wishes, fears or expects ("sought a
    pledge that Romania will be invited"), not what happened. (A noun there may still be
    what happened: "fears that Russia, emboldened by the 2022 invasion, could attack".)"""
    return _WISHED.search(text, max(0, at - 160), at) is not None


def _not_asserted(text: str, at: int) -> bool:
    """Whether the verb at ``at`` stands in a question, in a condition ("if Russia attacks
    on Monday"), or under a modal of possibility ("could attack", "would attack ... unless")."""
    if _QUESTION_END.search(text):
        return True
    before = text[max(0, at - 30) : at]
    if _MAYBE_BEFORE.search(before):
        return True
    conditional = _CONDITION.search(text)
    if conditional and _WOULD_BEFORE.search(before):
        return True
    if conditional and re.match(r"\W*(?:if|unless)\b", text, re.I) and "," not in text[:at]:
        return True  # "If the envoys meet on Monday, ...": the verb is inside the condition
    if conditional:
        for c in clauses_of(text):
            if at in c and c.kind == "subordinate" and _CONDITION.match(text, c.start):
                return True
    return False


_NEXT_WORD = re.compile(r"(?:['’]s)?\s+([A-Za-z][\w-]*)")


def _premodifies(text: str, x: _Tx) -> bool:
    """Whether the date stands before a noun it modifies ("the 1997 act", "2014's crisis")."""
    m = _NEXT_WORD.match(text, x.end)
    if m is None:
        return False
    word = m.group(1)
    if text[x.end : x.end + 1] in ("'", "’"):
        return True
    low = word.lower()
    if low == x.timex.extra.get("signal"):
        return False  # "three days later": the length counts from another date, it names no noun
    cc = closed_classes()
    if word[0].isupper() or low in cc["preposition"] or low in cc["determiner"] or low in cc["auxiliary"] \
            or low in cc["modal"] or low in cc["subordinator"] or low in cc["pronoun"] or low in ("and", "or", "but"):
        return False
    lemma, tags, nominal = verb_tags(low)
    if re.match(r"[a-z]+ly$", low):
        return False
    if nominal and "VBD" in tags:
        # "accepted" is a verb or an adjective: after a determiner or a possessive the date
        # is inside a noun phrase ("the 1997 accepted text"), after a preposition or a
        # name it is not ("Russia on Tuesday accepted the offer", "NATO Tuesday accepted")
        before = _WORD_BEFORE.search(text, max(0, x.start - 40), x.start)
        return before is not None and (before.group(1).lower() in cc["determiner"] or before.group(2) is not None)
    return nominal or not (tags & {"VBD", "VBZ", "VBP", "VBN"})


#: the word before a date, and its possessive ending if it has one
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)(['’]s?)?\s+$")


def _purpose_start(text: str, cs: int, ce: int, after: int) -> int:
    """Where a purpose infinitive ("to discuss ...") begins after the trigger, else ``ce``."""
    for m in re.finditer(r"\bto\s+([a-z]+)\b", text[after:ce]):
        if m.group(1) in _NOT_VERB_AFTER_TO:
            continue
        if _PLANNERS.search(text[max(cs, after + m.start() - 40) : after + m.start()]):
            continue
        return after + m.start()
    return ce


#: a verb of saying right after the date ("on Friday told journalists"); not "announced",
#: whose object is the news itself
_SAYING_AFTER = re.compile(r"\s*,?\s*" + alternation("saying_after") + r"\b", re.I)
_SAYING_BEFORE = re.compile(
    r"\b(?:told(?:\s+\w+){0,2}|" + alternation("saying_before") + r")\s+(?:\w+\s+){0,6}?(?:on\s+|at\s+)?(?:the\s+)?$",
    re.I,
)
_OCCURRENCE = re.compile(r"\b" + alternation("occurrence_verb") + r"\b", re.I)


def _reporting_governs(text: str, x: _Tx, clause) -> bool:
    """True when the date hangs on a reporting verb ("said Friday", "said at ... on Monday",
    or a date between the speaker and a verb of saying: "the spokesman on Friday told journalists")."""
    cs, ce = clause
    if _SAYING_AFTER.match(text, x.end, ce):
        return True
    before = text[cs : x.start]
    m = _SAYING_BEFORE.search(before)
    if not m:
        return False
    seg = before[m.start() :]
    # an event trigger between the verb and the date governs it instead ("said it met on")
    return not _OCCURRENCE.search(seg)


#: the auxiliary of a past progressive right before its verb: "was (now) expelling"; a
#: present one ("is monitoring", "is increasing") tells what goes on, not an act of the day
_PROGRESSIVE_BEFORE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|now\s+)?$", re.I)


def _reports_news(text: str, x: _Tx, trigs: list[_Trig], clause) -> bool:
    for g in trigs:
        if g.t.pos == "light" or g.strength <= 0:
            continue
        window = text[max(0, g.start - 40) : g.start]
        if _DECIDED_BEFORE.search(window):
            continue  # "said on Wednesday that the alliance had agreed to ...": before the saying
        if _FUTURE.search(window) or re.search(r"\b(?:decided|agreed|would)\b", window, re.I):
            return True
        if _PROGRESSIVE_BEFORE.search(window) and text[g.start : g.end].endswith("ing"):
            return True  # "said on Tuesday the alliance was expelling": under way when said
    return False
