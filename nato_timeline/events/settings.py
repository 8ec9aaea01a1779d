"""A gathering as the setting of a clause: what the clause says was done "at the summit"
happened when the summit did, and the summit happened when that was done.

One date in a clause may date two events, the act and the gathering it was done at:

* "On 8 November 1991, at its Summit Meeting in Rome, the Council adopted a declaration":
  the date goes to one of them (here the summit), and the act takes it too;
* "NATO leaders pledged membership at the summit in Bucharest on 3 April": the date
  stands with the summit, and the pledge takes it too;
* "On 3 April, at a summit in Bucharest, the allies pledged ...": the pledge took the
  date, and the summit takes it too.

A setting is a gathering noun after "at" or "during" with a determiner or a possessive
("at its summit", "during the Riga meeting", "at NATO's summit"), or one the subject is
said to attend ("leaders attending the summit ... issued", "participating in the
meeting"); a gathering named as the object ("held a summit"), the subject ("the summit
adopted") or in another clause is no setting. The act is the clause's main verb: finite, not negated, with no date of its own.
The sentence reader then gives one record for the two (``extract._acts_at_gatherings``).
"""

from __future__ import annotations

import re
from typing import Sequence

from .sentence import _FUTURE, GATHERINGS, _Trig, _Tx, preds_of

#: a gathering's noun phrase as a setting: "at its", "during the", "at NATO's", with up to
#: four words (names, adjectives: "Summit Meeting in", "annual") before the noun
_SETTING = re.compile(r"\b(?:at|during|attending|(?:participating|taking\s+part)\s+in)\s+"
                      r"(?:the|its|their|a|an|this|that|[A-Z][\w-]*['’]s)\s+(?:[\w’'-]+\s+){0,4}$", re.I)


def settings(text: str, fixed, trigs: Sequence[_Trig], txs: Sequence[_Tx]):
    """``(date, trigger, clause, "setting")`` for the act done at a dated setting, for the
    setting of a dated act, in each clause where one of the two has the date, and for the
    gathering a dated speaker came from ("said Friday after meeting with Ivanov")."""
    out = []
    taken = {g.start for _x, g, _c, _m in fixed if g is not None}
    for x, g, (cs, ce), mode in fixed:
        if g is None or g.t.type == "statement":
            held = _gathering_before_speaking(text, x, trigs, taken)
            if held is not None:
                out.append((x, held, (cs, max(ce, _end_of(text, held))), "setting"))
                taken.add(held.start)
            continue
        if mode not in ("clause", "tight"):
            continue
        setting = [h for h in trigs if cs <= h.start < ce and is_setting(text, h, cs)]
        # "at its Summit Meeting": two nouns of one phrase are one gathering
        setting = [h for k, h in enumerate(setting) if k == 0 or text[setting[k - 1].end : h.start].strip()]
        if len(setting) != 1:
            continue
        gathering = setting[0]
        at = _SETTING.search(text, max(cs, gathering.start - 60), gathering.start)
        if at is not None and at.start() <= x.start < gathering.start:
            continue  # "agreed at the 2016 Summit": a year that names the gathering dates it alone
        acts = [h for h in trigs if cs <= h.start < ce and h.t.pos in ("verb", "decision") and h.strength >= 2]
        # the main verb follows the setting ("At its summit, NATO pledged"; "delegates attending
        # the summit adopted") or, when none does, precedes it ("pledged ... at the summit")
        after = [h for h in acts if h.start > gathering.end]
        act = after[0] if after else (acts[-1] if acts else None)
        if act is None or not _told(text, act, cs):
            continue
        other = [y for y in txs if cs <= y.start < ce and y.start != x.start and y.timex.value != x.timex.value]
        if other:
            continue  # another date in the clause: which one each takes is the dating's to say
        if g is gathering and act.start not in taken:
            out.append((x, act, (cs, ce), "setting"))
        elif g is act and gathering.start not in taken:
            out.append((x, gathering, (cs, ce), "setting"))
        taken.update((act.start, gathering.start))
    return out


#: what a speaker came from: "said Friday after meeting with", "speaking on Tuesday following talks with"
_AFTER_GATHERING = re.compile(r"\s*,?\s*(?:shortly\s+)?(?:after|following)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
                              r"(?:[\w’'-]+\s+){0,2}?$")


def _gathering_before_speaking(text: str, x: _Tx, trigs: Sequence[_Trig], taken: set[int]) -> _Trig | None:
    """The gathering a speaker came from, named right after the date of the speaking:
    "Robertson said Friday after meeting with Ivanov" met Ivanov on Friday, the speaking
    following it the same day."""
    return next((h for h in trigs if h.start not in taken and came_from(text, x, h)), None)


def came_from(text: str, x: _Tx, h: _Trig) -> bool:
    """Whether ``h`` is a gathering named as what the speaking dated by ``x`` followed."""
    return x.end < h.start <= x.end + 40 and h.t.pos == "noun" and h.t.type in GATHERINGS \
        and _AFTER_GATHERING.fullmatch(text, x.end, h.start) is not None


def _end_of(text: str, h: _Trig) -> int:
    """Where the phrase of ``h`` ends: the next comma, semicolon or the sentence's end."""
    m = re.search(r"[,;]|$", text[h.end :])
    return h.end + m.start()


def _told(text: str, act: _Trig, cs: int) -> bool:
    """Whether ``act`` is told as done: a finite verb in the past or the present (a
    chronology's), not negated, not planned ("will be granted at its next summit", "is
    scheduled to sign ... at a summit")."""
    pred = act.pred or next((p for p in preds_of(text) if p.start <= act.start < p.end), None)
    return pred is not None and pred.form in ("past", "present", "passive") and not pred.negated \
        and not pred.hypothetical and not _MODAL.search(text, max(cs, pred.aux_start), act.start) \
        and not _FUTURE.search(text, max(cs, pred.aux_start), act.end)


_MODAL = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|to)\b", re.I)


def has_setting(text: str, trigs: Sequence[_Trig], cs: int, ce: int) -> bool:
    """Whether the clause ``text[cs:ce]`` is set at a gathering ("At the Rome Summit, ...")."""
    return any(cs <= h.start < ce and is_setting(text, h, cs) for h in trigs)


def is_setting(text: str, h: _Trig, cs: int) -> bool:
    return h.t.pos == "noun" and h.t.type in GATHERINGS and _SETTING.search(text, max(cs, h.start - 60), h.start) \
        is not None
