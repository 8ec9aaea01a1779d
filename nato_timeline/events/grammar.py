"""Predicates by the grammar of English: which words of a clause are its verbs, in which form.

No part-of-speech model and no list of event verbs: a word is a verb form when
``lemminflect``'s lexicon of English inflections says it can be one (``signed`` is the past
and the participle of *sign*), and its neighbours decide how it is used:

* after a determiner, a possessive or a preposition it is a noun ("the talks", "after talks");
* a capitalised word inside a sentence is a name ("Brussels Signed"), not a verb;
* after a modal it is a bare verb ("will meet": future; "could meet": hypothetical);
* after "to" it is an infinitive; after a form of *have* a perfect; after a form of *be* a
  passive ("was founded") or a progressive;
* otherwise a past form is a finite past ("endorsed") or a reduced relative ("a panel set
  up in 2002"), both of which take a date; a present form ("joins") is a verb when nothing
  makes it a noun and, for words that are nouns too ("talks", "plans"), when a name, a
  pronoun or an adverb stands right before it.

Each predicate carries its lemma, its form, whether it is negated or hypothetical, and its
*kind*: ``state`` ("remains", "believes"), ``comment`` ("said", "warned"), ``light``
("took", "began") or ``event`` for every other verb. The closed classes and the three verb
lists are data files in ``data/``; a verb in no list is an event verb.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"

#: words (with inner hyphens or apostrophes) and single punctuation marks
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|n['’]t|[^\sA-Za-z0-9]|\d+")


def _read_list(name: str) -> frozenset[str]:
    words = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.lower())
    return frozenset(words)


def _read_blocks(name: str) -> dict[str, frozenset[str]]:
    """The blocks of a data file: a line "[name]" opens one, then one word a line."""
    blocks: dict[str, set[str]] = {}
    current = None
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = blocks.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line.lower())
    return {k: frozenset(v) for k, v in blocks.items()}


@functools.lru_cache(maxsize=1)
def closed_classes() -> dict[str, frozenset[str]]:
    """The closed classes of ``data/closed_classes.txt``, by name."""
    return _read_blocks("closed_classes.txt")


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The cue words of ``data/cues.txt``, by the rule that reads them."""
    return _read_blocks("cues.txt")


def alternation(name: str) -> str:
    """A regular-expression group of the cue words ``name`` (longest first; a phrase's
    spaces match any run of spaces), for rules that read words in context."""
    words = sorted(cues()[name], key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


@functools.lru_cache(maxsize=1)
def verb_kinds() -> dict[str, frozenset[str]]:
    return {"state": _read_list("state_verbs.txt"), "comment": _read_list("comment_verbs.txt"),
            "light": _read_list("light_verbs.txt")}


@functools.lru_cache(maxsize=1)
def change_verbs() -> frozenset[str]:
    """Verbs of a change in amount or quality ("rise", "improve"): a trend's verbs."""
    return _read_list("change_verbs.txt")


@functools.lru_cache(maxsize=1)
def aspect_verbs() -> frozenset[str]:
    """Verbs of beginning and ending ("began", "ended"): ``data/aspect_verbs.txt``."""
    return _read_list("aspect_verbs.txt")


@functools.lru_cache(maxsize=1)
def stamp_verbs() -> frozenset[str]:
    """Verbs a page stamps itself with ("Published", "Last updated"): ``data/stamp_verbs.txt``."""
    return _read_list("stamp_verbs.txt")


@functools.lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """The parts of speech the lexicon knows a lower-case word as ("ADV", "NOUN", ...)."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word))


@functools.lru_cache(maxsize=65536)
def verb_tags(word: str) -> tuple[str, frozenset[str], bool]:
    """``(lemma, Penn tags, also a noun)`` of a lower-case word as a verb form; the lemma is
    ``""`` when the word is no verb form at all."""
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    lemmas = getAllLemmas(word)
    verb = lemmas.get("VERB") or lemmas.get("AUX")
    if not verb and not lemmas and len(word) > 5 and word.endswith("ed") and word.isalpha():
        # a regular past form the lexicon lacks ("initialled", "re-endorsed")
        from lemminflect import getAllLemmasOOV

        lemma = getAllLemmasOOV(word, upos="VERB").get("VERB", ("",))[0]
        return (lemma, frozenset(("VBD", "VBN")), False) if lemma else ("", frozenset(), False)
    if not verb:
        return "", frozenset(), False
    lemma = verb[0]
    tags = {tag for tag, forms in getAllInflections(lemma, upos="VERB").items() if word in forms}
    if "VBD" in tags and word in getInflection(lemma, tag="VBN"):
        tags.add("VBN")  # the lexicon lists a regular participle only as the past
    tags = frozenset(tags)
    return lemma, tags, "NOUN" in lemmas or "ADJ" in lemmas or "PROPN" in lemmas


@functools.lru_cache(maxsize=16384)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the Penn ``tag`` ("VBZ": meets), or the lemma when it has no such form."""
    from lemminflect import getInflection

    if lemma == "be" and tag in ("VBP", "VBZ"):
        return "are" if tag == "VBP" else "is"  # the lexicon's first VBP form is "am"
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower case, with a typographic apostrophe made plain


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb of a clause. ``start``/``end`` cover the verb (and its particle), offsets of
    the text given to :func:`predicates`; ``aux_start`` is where its auxiliaries begin."""

    start: int
    end: int
    lemma: str
    form: str  # past | present | perfect | passive | progressive | future | infinitive | bare
    kind: str  # event | state | comment | light
    negated: bool = False
    hypothetical: bool = False
    particle: str = ""
    aux_start: int = -1

    @property
    def finite(self) -> bool:
        return self.form not in ("infinitive", "bare")

    def present(self, plural: bool = False) -> str:
        """The verb in the present tense, agreeing with a singular or plural subject."""
        verb = inflect(self.lemma, "VBP" if plural else "VBZ")
        return f"{verb} {self.particle}" if self.particle else verb


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), w, w.lower().replace("’", "'"))
            for m in _TOKEN.finditer(text, start, end) for w in (m.group(),)]


def _is_word(t: Token) -> bool:
    return t.text[0].isalpha()


def _modifies_next(toks: list[Token], i: int, cc) -> bool:
    """A participle that opens its sentence and stands before a word of an open class (a
    noun): an adjective, not a verb without a subject. "Founded in 2002", "Signed by both"
    open a clause (a preposition follows); "Allied ministers", "Armed groups" are noun phrases."""
    if i + 1 >= len(toks) or not _is_word(toks[i + 1]):
        return False
    nxt = toks[i + 1].low
    return not any(nxt in cc[k] for k in ("preposition", "determiner", "pronoun", "auxiliary", "modal",
                                          "negation", "conditional")) \
        and nxt not in _PARTICLES and not nxt.endswith("ly") and nxt != "to"


#: the grammar's own classes (``data/closed_classes.txt``): particles, adverbs between a
#: subject and its verb, forms of "be" and "have", future modals, determiners that open an
#: object ("recalls its envoy") and units of time ("talks a year ago")
_CC = closed_classes()
_PARTICLES, _SKIP_ADVERB = _CC["particle"], _CC["clause_adverb"]
_BE, _HAVE, _FUTURE_MODALS = _CC["be"], _CC["have"], _CC["future_modal"]
_OBJECT_OPENERS, _TIME_UNITS = _CC["object_opener"], _CC["time_unit"]


def _object_follows(toks: list[Token], i: int, cc) -> bool:
    """A determiner right after a word that is a noun or a present verb, and a noun before
    it: the word is the verb and the determiner opens its object ("the ministry recalls
    its envoy")."""
    return i + 1 < len(toks) and toks[i + 1].low in _OBJECT_OPENERS and i > 0 \
        and toks[i - 1].low not in cc["determiner"] and toks[i - 1].low not in cc["preposition"] \
        and not (i + 2 < len(toks) and toks[i + 2].low in _TIME_UNITS)  # "talks a year ago"


def _adverb_before(toks: list[Token], i: int) -> bool:
    """The word before is only ever an adverb ("briefly knocks out", "formally invites"):
    adverbs modify verbs, so the form after it is the verb, not a plural noun ("deadly
    attacks", "weekly talks" have adjectives)."""
    if i == 0 or not _is_word(toks[i - 1]) or not toks[i - 1].low.endswith("ly"):
        return False
    return word_classes(toks[i - 1].low) == {"ADV"}


def _verb_follows(toks: list[Token], i: int, cc) -> bool:
    """The next word is a verb that needs a subject (a past, an auxiliary, a modal): the word
    before it, a noun too, is that subject ("ministers met", "troops have", "talks will")."""
    if i + 1 >= len(toks) or not _is_word(toks[i + 1]):
        return False
    nxt = toks[i + 1].low
    if nxt in cc["auxiliary"] or nxt in cc["modal"]:
        return True
    _, tags, nominal = verb_tags(nxt)
    return "VBD" in tags and not nominal


def _name_modifier_after_article(toks: list[Token], j: int) -> bool:
    """Whether ``toks[j]`` ends a run of two or three capitalised singular words that an
    article opens ("a Bosnian Serb", "the Baltic Sea"): a name used as a modifier, so the
    word after it is a noun ("a Bosnian Serb mortar attack"). A plural name ("the Bosnian
    Serbs attack") may be a subject."""
    k = j
    while k >= 0 and k > j - 3 and _is_word(toks[k]) and toks[k].text[0].isupper():
        k -= 1
    run = toks[k + 1 : j + 1]
    return len(run) >= 2 and k >= 0 and toks[k].low in ("a", "an", "the") \
        and not any(t.low.endswith("s") for t in run)


def predicates(text: str, start: int = 0, end: int | None = None) -> list[Predicate]:
    """The verbs of ``text[start:end]`` with their form and kind, in text order."""
    # the steps of the event reader ask again about the same sentences and clauses
    return list(_predicates(text, start, end))


def _as_noun(toks: list[Token], i: int, j: int, nominal: bool, cc) -> bool:
    """Whether the present form ``toks[i]``, a noun too (``nominal``: "talks", "plans"), is
    read as the noun; ``toks[j]`` is the word before it, adverbs skipped (``j`` < 0: none).
    It is the verb after a name, a pronoun or an adverb, or before its object."""
    if not nominal:
        return False
    det, prep, pron = cc["determiner"], cc["preposition"], cc["pronoun"]
    low = toks[i].low
    prev = toks[j] if j >= 0 else None
    plow = prev.low if prev is not None else ""
    # a word in capitals is an acronym, a name: "the US bans imports" ("US" is no "us")
    acronym = prev is not None and len(prev.text) > 1 and prev.text.isupper()
    if not (prev is not None and ((prev.text[0].isupper() and (acronym or re.split("'", plow)[0] not in pron | det)
                                   and "VBD" not in verb_tags(plow)[1])
                                  or (plow in pron and not acronym) or plow in _SKIP_ADVERB)) \
            and not (prev is not None and _is_word(prev) and _object_follows(toks, i, cc)) \
            and not _adverb_before(toks, i):
        return True  # "That's even": a pronoun's contraction is no name
    if _verb_follows(toks, i, cc):
        return True  # the head of the subject: "NATO ministers met", "Russian troops have"
    if i + 1 < len(toks) and _is_word(toks[i + 1]) and toks[i + 1].text[0].islower() \
            and ("NOUN" in word_classes(toks[i + 1].low) or verb_tags(toks[i + 1].low)[2]) \
            and _verb_follows(toks, i + 1, cc):
        return True  # a noun of a compound subject: "police officers arrested", "a task force began"
    if prev is not None and prev.text[0].isupper() and j > 0 and \
            (toks[j - 1].low in det or toks[j - 1].low.endswith("'s") or toks[j - 1].low in prep
             or toks[j - 1].text[:1].isdigit()):
        return True  # "the NATO talks", "last summer's Georgia war", "of Russian drones",
        # "2,000 Russian soldiers": a noun
    if not low.endswith("s") and prev is not None and _name_modifier_after_article(toks, j):
        return True  # "a Bosnian Serb mortar attack": a noun (a verb after a singular name ends in -s)
    return False


#: the most words a verb phrase's object may hold between a verb and one joined to it
_JOINED_REACH = 8


def _joined_to(toks, j: int, verb_end: int) -> bool:
    """Whether the conjunction ``toks[j]`` joins what follows it to the verb phrase ending
    ``verb_end``: at most ``_JOINED_REACH`` words of an object between, no clause break."""
    k = j - 1
    while k >= 0 and toks[k].end > verb_end:
        if toks[k].text in (";", ":", "—", "–", ".", "!", "?") or j - k > _JOINED_REACH:
            return False
        k -= 1
    return k >= 0 and toks[k].end == verb_end


#: a sentence's end: its stop, then perhaps a closing quote or bracket
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')\]]*\s*$")


@functools.lru_cache(maxsize=4096)
def _predicates(text: str, start: int, end: int | None) -> tuple[Predicate, ...]:
    out, noun_verb = _scan(text, start, end)
    if noun_verb >= 0 and not any(p.finite for p in out) \
            and _SENTENCE_STOP.search(text[max(start, (len(text) if end is None else end) - 8) : end]):
        # a sentence has a finite verb: with none found, the first present form read as a
        # noun is it ("The government releases 18,000 guns", "The EU kicks off talks")
        out, _ = _scan(text, start, end, noun_verb)
    return tuple(out)


def _scan(text: str, start: int, end: int | None, force: int = -1) -> tuple[list[Predicate], int]:
    """The predicates of ``text[start:end]``, and the index of the first present form read
    as a noun after a subject (-1 if none); the token ``force`` is read as a verb."""
    cc = closed_classes()
    det, prep, modal, hypo = cc["determiner"], cc["preposition"], cc["modal"], cc["hypothetical"]
    neg, pron = cc["negation"], cc["pronoun"]
    kinds = verb_kinds()
    toks = tokens(text, start, end)
    out: list[Predicate] = []
    noun_verb = -1
    # where the plain noun phrase that may open the clause ends (at a preposition or a past
    # form), and whether the clause has an auxiliary (whose verb is then found): read once,
    # when a present form is first read as a noun
    opening: tuple[int, bool] | None = None
    for i, tok in enumerate(toks):
        if not _is_word(tok):
            continue
        low = tok.low
        if low in cc["auxiliary"] or low in modal or low in det or low in prep or low in pron:
            continue
        lemma, tags, nominal = verb_tags(low)
        if not lemma:
            continue
        # sentence-initial, after an opening mark or a colon, a capital says nothing
        initial = i == 0 or toks[i - 1].text in "\"“(:—–-•*" or (toks[i - 1].text in ".!?")
        if tok.text[0].isupper() and not initial:
            continue
        # the words before it, adverbs skipped: what governs its form
        j = i - 1
        negated = False
        while j >= 0 and _is_word(toks[j]) and (toks[j].low in _SKIP_ADVERB or toks[j].low in neg
                                                  or (toks[j].low.endswith("ly") and len(toks[j].low) > 4)):
            negated = negated or toks[j].low in neg
            j -= 1
        prev = toks[j] if j >= 0 else None
        plow = prev.low if prev is not None else ""
        if prev is not None and not _is_word(prev) and prev.text in ("'", "’") and j > 0:
            continue  # a possessive: "the allies' plans"
        if prev is not None and re.search(r"\w['’]s$", prev.text) and re.split("['’]", plow)[0] not in pron | det:
            continue  # a possessive: "NATO's plans", "Israel's top official", "Russia's planned move"
        if (plow in det and not (plow == "that" and ("VBD" in tags or not nominal))) \
                or (plow in prep and plow != "to"):
            continue  # "the talks", "after talks"; but "that brought" is a relative clause's verb
        if prev is not None and _is_word(prev) and verb_tags(plow)[0] in kinds["state"] and plow not in _BE \
                and plow not in _HAVE and "VBN" in tags and not (j > 0 and toks[j - 1].low in det):
            # a participle after a state verb is its complement: "remains committed"; not
            # after a noun that looks like one ("the matter told", "the state said")
            continue
        form = ""
        aux_at = prev.start if prev is not None else tok.start
        hypothetical = False
        if plow in modal and "VB" in tags:
            form = "future" if plow in _FUTURE_MODALS else "bare"
            hypothetical = plow in hypo
        elif plow == "to" and "VB" in tags:
            form = "infinitive"
        elif plow in _HAVE and "VBN" in tags:
            form = "perfect"
        elif plow in _BE and "VBN" in tags:
            form = "passive"
        elif plow in _BE and "VBG" in tags:
            form = "progressive"
        elif "VBN" in tags and plow in ("and", "or") and out and out[-1].form in ("passive", "perfect") \
                and j > 0 and toks[j - 1].end == out[-1].end:
            # "was drafted and approved", "has signed and ratified": the auxiliary is shared
            form, aux_at, negated = out[-1].form, out[-1].aux_start, out[-1].negated
        elif "VB" in tags and plow in ("and", "or") and out and out[-1].form in ("infinitive", "bare", "future") \
                and _joined_to(toks, j, out[-1].end):
            # "to identify and pursue", "to improve transparency and develop cooperation", "will
            # meet and discuss": a verb without a subject of its own, joined to one after "to" or
            # a modal, shares them
            form, aux_at, negated = out[-1].form, out[-1].aux_start, out[-1].negated
            hypothetical = out[-1].hypothetical
        elif "VBD" in tags or "VBN" in tags:
            if nominal and "VBD" not in tags and plow not in pron and not (prev and prev.text[0].isupper()):
                continue
            if prev is None and _modifies_next(toks, i, cc):
                continue  # no subject before it, a noun after it: "Allied ministers", "Armed groups"
            form = "past"
            aux_at = tok.start
        elif "VBZ" in tags or "VBP" in tags:
            if plow in _BE or plow in _HAVE:
                continue
            if i == force:
                form, aux_at = "present", tok.start
            elif _as_noun(toks, i, j, nominal, cc):
                if noun_verb < 0 and j >= 0 and i + 1 < len(toks) and toks[i + 1].text[0].isalnum() \
                        and (prev.text[0].isupper() or "NOUN" in word_classes(plow)):
                    if opening is None:
                        opening = (next((k for k, t in enumerate(toks) if t.low in prep or "VBD" in verb_tags(t.low)[1]),
                                        len(toks)),
                                   any(t.low in modal or t.low in cc["auxiliary"] for t in toks))
                    if i <= opening[0] and not opening[1]:
                        # after a plain noun phrase that opens the clause, its subject (a past
                        # form in it may be the verb: "Adopted rules of procedure"; an auxiliary
                        # has its verb: "The board did not meet")
                        noun_verb = i
                continue
            else:
                form, aux_at = "present", tok.start
        else:
            continue
        # the auxiliaries before the verb: negation and modality among them
        k = j - 1 if form not in ("past", "present") else j
        while k >= 0 and _is_word(toks[k]) and (toks[k].low in cc["auxiliary"] or toks[k].low in modal
                                                  or toks[k].low in neg or toks[k].low in _SKIP_ADVERB):
            negated = negated or toks[k].low in neg
            if toks[k].low in hypo and toks[k].low not in _FUTURE_MODALS:
                hypothetical = True
            if toks[k].low in _FUTURE_MODALS and form in ("passive", "perfect", "progressive"):
                form = "future"
            aux_at = toks[k].start
            k -= 1
        if k >= 0 and toks[k].low == "to" and form in ("passive", "perfect", "progressive") and aux_at < tok.start:
            form = "infinitive"  # "to be completed", "to have met"
        particle = ""
        stop = tok.end
        if i + 1 < len(toks) and toks[i + 1].low in _PARTICLES and (
            i + 2 >= len(toks) or toks[i + 2].low in det or toks[i + 2].low in prep or not _is_word(toks[i + 2])
            or toks[i + 2].text[0].isupper()  # "kicks off Ukraine's talks", "set up NATO's office"
        ):
            particle = toks[i + 1].low
            stop = toks[i + 1].end
        kind = "event"
        for name in ("state", "comment", "light"):
            if lemma in kinds[name]:
                kind = name
                break
        out.append(Predicate(tok.start, stop, lemma, form, kind, negated, hypothetical, particle, aux_at))
    return out, noun_verb
