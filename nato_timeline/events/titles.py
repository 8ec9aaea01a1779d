"""Titles that read as headlines: subject, then the action in the present tense agreeing
with it, then the object ("Allied defence ministers approve a new command structure").

Number comes from the grammar of the subject: coordinated subjects ("Russia and China")
are plural, and so is a head noun that ``lemminflect`` knows as a plural form
("ministers", "allies"); everything else (names, "NATO", "the alliance") is singular.
"""

from __future__ import annotations

import re

from .grammar import Predicate, closed_classes, cues, inflect, predicates, verb_tags

MAX_TITLE = 90

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HEAD_CUT = re.compile(r"\s(?:of|from|in|at|for|with|on|to|between|who|which|that)\s", re.I)
_DANGLING = re.compile(
    r"(?:\s+(?:the|a|an|of|to|and|or|with|in|at|on|for|from|by|as|its|his|her|their|our|that|which|"
    r"who|is|are|was|were|but|after|before|than|into|between|over|under|until|since|during|its))+$",
    re.I,
)


def is_plural(subject: str) -> bool:
    """Whether ``subject`` takes a plural verb: "Russia and China", "NATO ministers"."""
    s = subject.strip()
    head_np = _HEAD_CUT.split(" " + s + " ")[0]
    if re.search(r"\s(?:and|&)\s", head_np + " "):
        return True
    head = head_np.split()
    if not head:
        return False
    raw = head[-1].strip(".,;:’'\"")
    word = raw.lower()
    if word in ("they", "we", "both", "allies", "people", "police"):  # plural without -s
        return True
    if head[-1].lower() in _NUMBER_WORDS or (head[-1].isdigit() and (len(head) == 1 or head[-2].lower() in ("the", "all", "these", "those"))):
        return True  # "the two", "all three", "the 27"; not a label: "Article 5"
    if len(head) >= 2 and (head[-2].lower() in _NUMBER_WORDS or head[-2][:1].isdigit()):
        return True  # "two sides", "12 states"
    if raw[:1].isupper() and word.endswith("s") and _one_name(head_np.strip()):
        return False  # a name: "United States", "United Nations"
    if len(head) == 1 and raw[:1].isupper() and _PEOPLE_ADJECTIVE.search(word):
        return True  # "the British", "the Dutch": a people
    if len(word) < 3 or not word.endswith("s") or word.endswith("ss"):
        return False
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    nouns = lemmas.get("NOUN")
    if not lemmas and raw[:1].isupper():
        # "Germans", "Soviets", "Serbs": a people; "Brussels", "Jones", "Philippines": one
        return bool(_PEOPLE_PLURAL.fullmatch(word))
    return bool(nouns) and nouns[0] != word


def _one_name(np: str) -> bool:
    """Whether ``np`` ends with the name, of several words, of one state, place or
    organisation the lexicon knows ("United States", "United Nations")."""
    from ..lexicon import get_lexicon

    lex = get_lexicon()
    for m in lex.find_actors(np) + lex.find_places(np):
        if m.end == len(np) and " " in m.surface:
            a = lex.actor(m.canonical)
            return a is None or a.kind != "person"
    return False


#: a people named by its adjective ("British", "French", "Japanese")
_PEOPLE_ADJECTIVE = re.compile(r"(?:ish|ese|ench|utch)$")
#: how the plural names of peoples and parties end ("Germans", "Soviets", "Communists",
#: "Democrats", "Bolsheviks", "Turks", "Serbs", "Swedes", "Finns", "Basques", "Czechs");
#: names of one place or person in -s mostly end otherwise ("Brussels", "Jones", "Cyprus")
_PEOPLE_PLURAL = re.compile(r"[a-z-]+(?:ans|ets|ists|crats|ites|ots|ks|bs|des|nns|ques|chs)")


def agree(verb_phrase: str, subject: str) -> str:
    """``verb_phrase`` (third person singular first: "meets with") agreeing with ``subject``."""
    if not is_plural(subject):
        return verb_phrase
    first, _, rest = verb_phrase.partition(" ")
    low = first.lower()
    if low == "is":
        plural = "are"
    elif low == "has":
        plural = "have"
    elif low == "was":
        plural = "were"
    else:
        lemma = verb_tags(low)[0]
        plural = inflect(lemma, "VBP") if lemma else first
    return f"{plural} {rest}".strip()


#: a function word written twice in a row by the steps that build a title
_REPEATED = re.compile(r"\b(of|in|at|on|over|to|with|for|the|a|an|and|by|from)\s+\1\b", re.I)


def cut(s: str, n: int = MAX_TITLE) -> str:
    """``s`` cut at a word boundary to at most ``n`` characters, with no dangling function word."""
    s = re.sub(r"\s+", " ", s).strip(" ,;:–—-")
    s = re.sub(r"(?<![A-Z])[.!?]+$", "", s)  # a headline has no full stop ("U.S." keeps its own)
    s = _REPEATED.sub(r"\1", s)  # "meets over over lunch"
    if len(s) > n:
        s = s[:n].rsplit(" ", 1)[0]
    prev = None
    while prev != s:
        prev = s
        s = _DANGLING.sub("", s).strip(" ,;:–—-")
    return s


#: a short quoted name inside a phrase: 'adopted a new "Strategic Concept"', 'the “Partnership for Peace”'
_QUOTED_NAME = re.compile(r'(?<=\w )(["“”])([^"“”\n]{1,60})(["”“])')


def unquote_names(s: str) -> str:
    """``s`` with the quotation marks of a short quoted name after a word dropped (replaced by
    spaces, so offsets hold): a name in quotes is part of the object it stands in ("adopted
    a new "Strategic Concept"" is no cut after "a new"); a longer quotation (more than six
    words) stays, and a quotation that opens the phrase is what someone said."""
    def plain(m: re.Match) -> str:
        inner = m.group(2)
        return f" {inner} " if len(inner.split()) <= 6 else m.group(0)
    return _QUOTED_NAME.sub(plain, s)


def headline(text: str, pred: Predicate | None, offset: int = 0) -> str:
    """A headline from one clause ``text``: the words before the predicate as its subject,
    the predicate in the present tense, then its object up to the first clause boundary.
    ``pred`` has offsets into the string that ``text`` starts at ``offset`` of. Without a
    predicate (a verbless entry: "The Founding Act"), the text itself, cut."""
    if pred is None:
        return cut(_first_words(text, 14))
    s, e = pred.aux_start - offset, pred.end - offset
    subject = _clean_subject(text[:s])
    rest = re.split(r"(?<!\d),|,(?!\d{3})|[;:()\[\]“”\"]|\s[—–-]\s|\s(?:which|who|because|after|before|while|amid|"
                    r"despite|following|according)\s", unquote_names(text[e:]))[0]
    rest = before_next_clause(rest)
    obj = _first_words(rest, 8).rstrip(" .")
    plural = bool(subject) and is_plural(subject)
    verb = pred.present(plural=plural)
    if pred.form == "passive":  # "is founded", "are dissolved"
        verb = ("are " if plural else "is ") + inflect(pred.lemma, "VBN") + (f" {pred.particle}" if pred.particle else "")
    if not subject:
        verb = verb[:1].upper() + verb[1:]
    return cut(f"{subject} {verb} {obj}".strip())


def before_next_clause(rest: str) -> str:
    """The words after a verb up to a coordinated clause with a verb of its own: the object
    of "collapses" in "collapses and the Warsaw Pact is dissolved" is nothing."""
    later = next((p for p in predicates(rest) if p.finite), None)
    if later is None:
        return rest
    joint = [m.start() for m in re.finditer(r"\s(?:and|but|or)\s", rest[: later.aux_start])]
    return rest[: joint[-1]] if joint else rest


def _first_words(s: str, n: int) -> str:
    words = s.split()
    return " ".join(words[:n])


def _clean_subject(s: str) -> str:
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)
    s = re.sub(r",\s*(?:which|who)\b[^,]*,", " ", s)  # "Article 5, which stipulates ..., is"
    s = re.split(r"[,;:]", s)[-1].strip()
    words = s.split()
    det = closed_classes()["determiner"]
    while words and words[0].lower() in det | {"and", "but", "then", "so"}:
        words = words[1:]
    if len(words) > 6:
        return ""
    s = " ".join(words)
    return s[:1].upper() + s[1:]


_EVENT_NOUN_SUFFIX = re.compile(r"(?:tion|sion|ment|al|ure|ance|ence|ing|ship|cy|event)s?$")
#: the names of instruments stand for their signing ("The Treaty of Brest-Litovsk (1918)")
_INSTRUMENTS = cues()["instrument"]
_FUNCTION_END = frozenset("the a an of to and or but with in at on for from by as its his her their our that which "
                          "who whose is are was were be been than into between over under until since during "
                          "this these those".split())
_BAD_START = frozenset("which who whose that and or but to of".split())


def _verb_form(word: str) -> tuple[str, frozenset[str], bool]:
    return verb_tags(word.lower().strip(".,;:’'\""))


_TITLE_TOKEN = re.compile(r"[$€£]?\d[\d.,:%]*|[A-Za-z][A-Za-z'’-]*")
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten tens dozens hundreds thousands millions several "
                          "many both".split())


def _plural_subject(subject: str) -> bool:
    first = subject.split()[0].lower() if subject.split() else ""
    return is_plural(subject) or first in _NUMBER_WORDS


def _adjective(word: str) -> bool:
    """A lower-case word the lexicon knows as an adjective and not as a verb ("foreign", "senior")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return word[:1].islower() and "ADJ" in lemmas and "VERB" not in lemmas


def _without_adverbs(words: list[str]) -> str:
    """The subject before a verb, without the adverbs between them ("They further")."""
    while words and (_ADVERB.match(words[-1]) or words[-1].lower() in _ADVERB_VERBS):
        words = words[:-1]
    return " ".join(words)


def _agreement_error(words: list[str]) -> tuple[int, str] | None:
    """The title's verb when it is a third-person form after a plural subject:
    ``(index, subject)``. The verb is the first word that can only be a verb ("adopted",
    "signs" after a name), or else the first ``-s`` form that may be a noun too ("joins")."""
    det = closed_classes()["determiner"] | closed_classes()["preposition"]
    fallback = None
    moved = False
    for i in range(1, len(words)):
        low = words[i].lower()
        if words[i - 1].lower() in det or not words[i][0].islower():
            continue
        if (words[i - 1].lower() in _NUMBER_WORDS or words[i - 1][:1].isdigit()) and i + 1 < len(words) \
                and words[i + 1].lower() not in det:
            continue  # the noun a number counts: "two sides sign", "3 envoys meet"
        if low in ("is", "has", "was", "are", "have", "were"):
            at, third = i, low in ("is", "has", "was")
        elif _ADVERB.match(low) or low in _ADVERB_VERBS:
            continue  # "They further invades": the adverb is not the verb
        else:
            lemma, tags, nominal = _verb_form(low)
            if not lemma or not tags & {"VBZ", "VBP", "VBD"}:
                continue
            third = "VBZ" in tags and low.endswith("s") and not low.endswith("ss")
            if nominal:
                if third and fallback is None:
                    if not _in_phrase(words, i, det):
                        fallback = i
                elif third and fallback == i - 1 and not moved and fallback >= 2 and _adjective(words[fallback - 1]):
                    fallback, moved = i, True  # "foreign ministers holds talks": the second is the verb
                elif not third and fallback is None and "VBP" in tags and _plural_subject(_without_adverbs(words[:i])):
                    return None  # "Heads of State outline steps": the plain form already agrees
                continue
            at = i
        if not third:
            return None
        subject = _without_adverbs(words[:at])
        return (at, subject) if _plural_subject(subject) else None
    if fallback == 1 and _verb_form(words[0].lower())[1] & {"VBZ"}:
        return None  # "Exchanges views on ...": the opening -s form may be the verb of a title with no subject
    if fallback is not None:
        subject = _without_adverbs(words[:fallback])
        return (fallback, subject) if _plural_subject(subject) else None
    return None


def _in_phrase(words: list[str], i: int, det: frozenset[str]) -> bool:
    """Whether ``words[i]`` ends the noun phrase of a preposition ("talks with defence
    ministers", "with Russian envoys"): the nearest function word before it is a preposition,
    and no word between is a determiner or a verb form."""
    prepositions = closed_classes()["preposition"]
    for j in range(i - 1, 0, -1):
        low = words[j].lower()
        if low in prepositions:
            return True
        if low in det or (words[j][0].islower() and _verb_form(low)[0]):
            return False
    return False


_ADVERB = re.compile(r"(?:\w+ly|almost|already|just|also|not|never|now|then|since|still|once|again|yet|"
                     r"formally|officially|finally|jointly)$", re.I)
#: adverbs that are verb forms too ("to further", "to back"): not the title's verb
_ADVERB_VERBS = frozenset("further back up down out".split())
_AUX_WORDS = frozenset("is are was were be been being has have had will would to can could may might must "
                       "shall should does do did".split())


def _past_verb(words: list[str]) -> int | None:
    """The index of a past-tense verb right after the subject ("Talks began"), if any."""
    det = closed_classes()["determiner"] | closed_classes()["preposition"]
    for i in range(1, len(words)):
        prev = words[i - 1].lower()
        if prev in det or prev in _AUX_WORDS:
            continue
        if i >= 2 and words[i - 2].lower() in _AUX_WORDS and _ADVERB.match(prev):
            continue  # "has almost conquered": a perfect, not a past
        if words[i].lower() in closed_classes()["modal"]:
            return None  # "Russia would back": a modal is no past tense to put in the present
        lemma, tags, nominal = _verb_form(words[i].lower())
        if not lemma or not words[i][0].islower():
            continue
        if "VBD" in tags and not tags & {"VBZ", "VBP"} and not nominal:
            return i
        if tags & {"VBZ", "VBP"}:
            return None  # the first verb is present: the title is in the present tense
    return None


def title_problems(title: str, event_nouns: frozenset[str] = frozenset()) -> list[str]:
    """What keeps ``title`` from reading as a headline (empty when it does): fewer than two
    words, neither a verb nor an event noun, a third-person verb after a plural subject,
    a dangling function word at the end, a relative pronoun or conjunction at the start,
    more than ``MAX_TITLE`` characters."""
    problems = []
    words = _TITLE_TOKEN.findall(title)
    if len(words) < 2:
        problems.append("fewer than two words")
    if len(title) > MAX_TITLE:
        problems.append("longer than 90 characters")
    if not words:
        return problems
    if words[-1].lower() in _FUNCTION_END:
        problems.append(f"ends with {words[-1]!r}")
    if words[0].lower() in _BAD_START:
        problems.append(f"starts with {words[0]!r}")
    words = [w for w in words if w[0].isalpha()] + ([words[-1]] if not words[-1][0].isalpha() else [])
    has_verb = any(_verb_form(w)[0] for w in words if w[0].isalpha())
    has_noun = any(w.lower() in event_nouns or w.lower() in _INSTRUMENTS or _EVENT_NOUN_SUFFIX.search(w.lower())
                   for w in words)
    if not has_verb and not has_noun:
        problems.append("no verb and no event noun")
    bad = _agreement_error(words)
    if bad is not None:
        problems.append(f"{words[bad[0]]!r} does not agree with {bad[1]!r}")
    past = _past_verb(words)
    if past is not None:
        problems.append(f"{words[past]!r} is in the past tense")
    after = _third_person_after_aux(words)
    if after is not None:
        problems.append(f"{words[after[0]]!r} after {words[after[1]]!r}")
    if "am" in words and "I" not in words:
        problems.append("'am' without 'I'")
    if words[0].lower() in _GENERIC_HEADS:
        problems.append(f"opens with the generic {words[0]!r}")
    return problems


#: words that say nothing of what happened
_GENERIC_HEADS = frozenset("event occurrence thing".split())
#: what a third-person -s form cannot follow: "to meets", "will meets", "has almost conquers"
#: a pronoun with "is" or "has" contracted: "He's meets" is mended to "He meets"
_CONTRACTED = frozenset("he's she's it's that's there's what's who's".split())
_BARE_INFINITIVE = frozenset("to will would shall should can could may might must".split())
_BARE_BEFORE = frozenset("to will would shall should can could may might must do does did has have had "
                         "is are was were be been".split())


def _third_person_after_aux(words: list[str]) -> tuple[int, int] | None:
    """``(verb, auxiliary)`` indices of a third-person form after a word that wants a bare
    verb or a participle, adverbs between skipped."""
    for i in range(1, len(words)):
        low = words[i].lower()
        if not low.endswith("s") or low.endswith("ss") or not words[i][0].islower():
            continue
        j = i - 1
        while j > 0 and _ADVERB.match(words[j]):
            j -= 1
        prev = words[j].lower()
        bare = prev in _BARE_INFINITIVE or prev.replace("’", "'") in _CONTRACTED
        if prev not in _BARE_BEFORE and not bare:
            continue
        lemma, tags, nominal = _verb_form(low)
        # after "has" or "is" a noun may follow ("has talks"); after "to" or a modal a verb does
        if lemma and "VBZ" in tags and (bare or not nominal):
            return i, j
    return None


def finish(title: str) -> str:
    """``title`` with what can be mended without context mended: a leading relative pronoun
    or conjunction dropped, the first verb made to agree with a plural subject, a dangling
    function word cut."""
    words = title.split()
    while words and words[0].lower().strip(",") in _BAD_START and len(words) > 2:
        words = words[1:]
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    title = " ".join(words)
    plain = _WORD.findall(title)
    past = _past_verb(plain)
    if past is not None:
        subject = " ".join(plain[:past])
        present = inflect(_verb_form(plain[past].lower())[0], "VBP" if _plural_subject(subject) else "VBZ")
        title = re.sub(rf"\b{re.escape(plain[past])}\b", present, title, count=1)
        plain = _WORD.findall(title)
    if "I" not in plain:
        title = re.sub(r"\bam\b", "are" if _plural_subject(title) else "is", title)
        plain = _WORD.findall(title)
    after = _third_person_after_aux(plain)
    if after is not None:
        verb, prev = plain[after[0]], plain[after[1]]
        if prev.lower().replace("’", "'") in _CONTRACTED:  # "He's meets": the contraction goes
            title = re.sub(rf"\b{re.escape(prev)}(?=\s)", prev[:-2], title, count=1)
            mended = inflect(_verb_form(verb.lower())[0], "VBZ")
        else:
            mended = _verb_form(verb.lower())[0]
            if prev.lower() in ("has", "have", "had", "is", "are", "was", "were", "been", "be"):
                mended = inflect(mended, "VBN")
        title = re.sub(rf"\b{re.escape(verb)}\b", mended, title, count=1)
        plain = _WORD.findall(title)
    bad = _agreement_error(plain)
    if bad is not None:
        verb = plain[bad[0]]
        low = verb.lower()
        plural = {"is": "are", "has": "have", "was": "were"}.get(low) or inflect(_verb_form(low)[0], "VBP")
        title = re.sub(rf"\b{re.escape(verb)}\b", plural, title, count=1)
    return cut(title)
