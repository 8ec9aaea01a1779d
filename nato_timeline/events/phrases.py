"""Titles from clauses: the subject, the verb phrase and the object of the clause an event
was read from, made into a headline; and titles for events a lone noun stands for."""

from __future__ import annotations

import re

from ..lexicon import Lexicon, Trigger
from ..records import Document, EventCandidate
from .grammar import alternation, closed_classes, inflect, predicates, verb_tags
from .sentence import (
    _FUNCTION_TAIL,
    _RELATIVE,
    _WORD,
    MAX_TITLE,
    _clean,
    _cut,
    _Tx,
    preds_of,
)
from .titles import agree, before_next_clause, finish, is_plural, title_problems, unquote_names

_PRONOUN_SUBJECT = re.compile(r"^(?:i|we|he|she|they|it|you|this|that|there)$", re.I)


_DROP_LEAD = re.compile(
    r"^(?:\W+|and|but|while|whereas|also|then|however|meanwhile|separately|so|yet|"
    r"in addition|in response|shortly after|after|before|following|since)\b\W*",
    re.I,
)


_AUX_TAIL = re.compile(
    r"(?:(?:^|\s+)(?:has|have|had|was|were|is|are|will|would|shall|may|might|could|can|did|does|do|"
    r"be|been|being|also|just|formally|officially|finally|first|already|then|not|now|"
    r"immediately|reportedly|jointly|once|again|later|earlier|today|having|being|\w+ly))+$",
    re.I,
)


_OBJECT_CUT = re.compile(
    r"(?<!\d),|,(?!\d{3})|[;:()\[\]“”\"—–]|\s-\s|\s(?:it|they|he|she|we)\s+(?:was|were|is|are|would|will|had|has)\b|"
    r"\sto\s+(?!the\b|a\b|an\b|its\b|his\b|her\b|their\b)[a-z]+\b|\s(?:which|that|who|because|in response|"
    r"following|after|before|as a|as part|while|amid|despite|since|during|on|"
    r"in order|according)\b",
    re.I,
)


_NAME = re.compile(r"(?<![\w-])(?:[A-Z][\w’'-]*|[A-Z]{2,})(?:\s+(?:of\s+)?(?:[A-Z][\w’'-]*|[A-Z]{2,}))*")


def _finished_title(doc: Document, c: EventCandidate, lex: Lexicon) -> str:
    """The candidate's title mended (:func:`.titles.finish`); a one-word title ("Meeting")
    takes its actor, its place or the first name of its sentence ("NATO meeting",
    "Meeting in Brussels", "New START extension") or, in a line with no name (an infobox's
    "Signed 8 April 2010"), the first name of the document's title; the word that says
    what happened stays."""
    title = finish(c.title)
    if len(title.split()) >= 2:
        return title
    return finish(_one_word_title(doc, c, lex, title))


def _one_word_title(doc: Document, c: EventCandidate, lex: Lexicon, title: str) -> str:
    noun = title[:1].lower() + title[1:]
    built = _clause_headline(doc.body[c.start : c.end], c.timex_start - c.start, title)
    if built:
        return built
    named = _named_phrase(doc.body[c.start : c.end], noun)
    if named:
        return named
    if c.actors:
        # an actor may carry the office held that day ("Sergey Lavrov, Russian Foreign Minister")
        return f"{lex.short_name(c.actors[0].split(', ')[0])} {noun}"
    if c.places:
        return f"{title} in {c.places[0]}"
    text = doc.body[c.start : c.end]
    for m in _NAME.finditer(text):
        name = m.group()
        if m.start() == 0 or c.timex_start <= c.start + m.start() < c.timex_end or name.lower() == noun.lower() \
                or _CALENDAR_WORD.match(name.split()[0]):
            continue  # a capital that only opens the sentence, or the date itself
        return _cut(f"{name} {noun}", MAX_TITLE)
    m = _NAME.search(doc.title or "")
    if m is not None and m.group().lower() != noun.lower():
        return _cut(f"{m.group()} {noun}", MAX_TITLE)
    topic = _topic(doc.body)
    if topic and topic.lower() != noun.lower():
        return _cut(f"{topic} {noun}", MAX_TITLE)
    return f"{title} takes place"


#: words that name nothing before an event noun: function words, and "following"
_NOT_NAMING = frozenset().union(*(closed_classes()[k] for k in
                                  ("preposition", "determiner", "pronoun", "auxiliary", "subordinator"))) \
    | {"and", "or", "following", "including"}


def _named_phrase(text: str, noun: str) -> str | None:
    """The noun with the words that name it in the sentence, after its article ("since the
    Sept. 11 terror attacks" → "Sept. 11 terror attacks"): a capitalised word among them
    says which one it was, where an actor of the sentence might not be its agent ("NATO
    attacks"). Lower-case words alone ("the latest attacks") or a year alone ("the 2003
    invasion": the year is the date shown beside it) name nothing."""
    m = re.search(r"\b(?:the|a|an)\s+((?:[\w.’'-]+\s+){1,4}?)" + re.escape(noun) + r"\b", text, re.I)
    if m is None:
        return None
    words = m.group(1).split()
    if words and re.fullmatch(r"\d{4}", words[0]):
        words = words[1:]  # "the 2003 invasion": the year is the event's date, shown beside it
    if not any(w[:1].isupper() for w in words) or any(w.lower() in _NOT_NAMING for w in words):
        return None
    phrase = " ".join(words) + " " + noun
    return phrase[:1].upper() + phrase[1:]


def _clause_headline(text: str, at: int, word: str) -> str | None:
    """A headline from the event verb nearest the date at ``at`` whose lemma shares its stem
    with ``word`` ("Ratification" → "Accord is ratified"); a clause with no subject of its own
    ("..., yet was not ratified until ...") takes the sentence's first subject."""
    stem = word.lower()[:5]
    preds = [p for p in predicates(text) if p.finite and p.lemma[:5] == stem]
    if not preds:
        return None
    p = min(preds, key=lambda p: abs(p.start - at))
    first = next((q for q in predicates(text) if q.finite), p)
    own = _subject_words(text[: p.aux_start]) or _subject_words(text[: first.aux_start])
    if not own and _PRONOUN_BEFORE.search(text, max(0, p.aux_start - 12), p.aux_start):
        # "Forty-six years after it was established, NATO ...": the pronoun of a fronted
        # clause stands for the subject of the main clause after it
        comma = text.find(",", p.end)
        main = next((q for q in predicates(text) if q.finite and comma >= 0 and q.start > comma), None)
        own = _subject_words(text[comma + 1 : main.aux_start]) if main is not None else ""
    if not own:
        return None
    plural = is_plural(own)
    verb = p.present(plural=plural)
    if p.form == "passive":
        verb = ("are " if plural else "is ") + inflect(p.lemma, "VBN")
    built = finish(f"{own} {verb}")
    return built if len(built.split()) >= 2 and not title_problems(built) else None


_PRONOUN_BEFORE = re.compile(r"\b(?:it|they)\s+$", re.I)


def _subject_words(s: str) -> str:
    """The noun phrase that ends ``s`` as a subject: the words after its last comma, dash,
    conjunction or subordinator, without a leading determiner, at most six; none when it is
    a lone pronoun."""
    s = re.split(r"[,;:—–]|\b(?:and|but|yet|while|whereas|after|before|when|since|because|until|once)\b", s)[-1].strip()
    words = s.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or len(words) > 6 or words[0].lower() in closed_classes()["auxiliary"] \
            or (len(words) == 1 and words[0].lower() in closed_classes()["pronoun"]):
        return ""  # "... years after it was established": a pronoun names no one in a headline
    return " ".join(words)


_CALENDAR_WORD = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$", re.I)


def _topic(body: str) -> str | None:
    """The name a document repeats most (two words or more, or one in capitals), if any."""
    counts: dict[str, int] = {}
    for m in _NAME.finditer(body):
        name = m.group()
        words = name.split()
        if _CALENDAR_WORD.match(words[0]) or (len(words) < 2 and not name.isupper()):
            continue
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -len(k)))
    return best if counts[best] >= 2 else None


_RELATIVE_OPEN = re.compile(r",\s*(?:who|which|whose|where)\b", re.I)


_COORDINATED_VP = re.compile(r"(?:,\s*|\s)(?:and|but|then|and then|before|after)\s+(?:also\s+|later\s+)?\S*$")


_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)


def _verb_phrase(text: str, tstart: int, tend: int, trig: Trigger, subj: str) -> str:
    """The trigger verb as the title says it: in the present tense, agreeing with ``subj``,
    passive when the text is ("was founded" → "is founded"); a listed phrase of several
    words keeps its own present form ("enters into force")."""
    word = text[tstart:tend]
    plural = is_plural(subj)
    if " " in word:
        # a listed phrase keeps its own form, but a passive stays one ("is shot down" is
        # not "shoots down")
        first, rest = word.split(None, 1)
        lemma, tags, _n = verb_tags(first.lower())
        if lemma and "VBN" in tags and _PASSIVE_AUX.search(text[max(0, tstart - 24) : tstart]):
            return ("are " if plural else "is ") + inflect(lemma, "VBN") + " " + rest
        return agree(trig.verb3, subj)
    lemma, tags, _n = verb_tags(word.lower())
    if not lemma:
        return agree(trig.verb3, subj)
    if "VBN" in tags and _PASSIVE_AUX.search(text[max(0, tstart - 24) : tstart]):
        return ("are " if plural else "is ") + inflect(lemma, "VBN")
    particle = re.match(r"\s+(up|out|off|down|back|over|away)\b", text[tend : tend + 8])
    verb = inflect(lemma, "VBP" if plural else "VBZ")
    return f"{verb} {particle.group(1)}" if particle else verb


def _named(subject: str) -> bool:
    """Whether a subject names someone: a capitalised word after its first, or a first word
    that is a name (all capitals, an actor or a place of the lexicon: "Turkey", or not a
    common word of English)."""
    words = subject.split()
    if any(w[:1].isupper() for w in words[1:]):
        return True
    first = words[0].strip("“”\"'’") if words else ""
    if not first[:1].isupper():
        return False
    if first.isupper() and len(first) > 1:
        return True
    from lemminflect import getAllLemmas

    if not getAllLemmas(first.lower()):
        return True
    from ..lexicon import get_lexicon

    lex = get_lexicon()
    return any(m.start == 0 and m.end == len(first) for m in (*lex.find_actors(first), *lex.find_places(first)))


def _shared_subject(text: str, cs: int, at: int, txs, mentions, lex) -> str | None:
    """The subject a coordinated predicate shares with the sentence's first clause ("The
    envoys met on Monday *and signed* the accord on Tuesday"), or the host's subject before
    a relative clause ("Putin, who took office in 2000, *met* ..."); else ``None``."""
    rel = None
    for m in _RELATIVE_OPEN.finditer(text, 0, cs + 1):
        rel = m
    if rel is not None and text[cs : cs + 1] == "," and text.rfind(",", rel.end(), cs) < 0:
        return _subject(text, 0, rel.start(), txs, mentions, lex)
    if not _COORDINATED_VP.search(text[max(0, at - 16) : at + 1]):
        return None
    first = next((p for p in preds_of(text) if p.finite and p.end < at), None)
    if first is None:
        return None
    return _subject(text, 0, first.aux_start, txs, mentions, lex)


def _strip_timexes(text: str, a: int, b: int, txs: list[_Tx]) -> str:
    chars = list(text[a:b])
    for x in txs:
        s, e = max(a, x.start), min(b, x.end)
        for i in range(s, e):
            chars[i - a] = " "
    out = "".join(chars)
    out = re.sub(
        r"\b(?:on|in|at|since|from|by|as of|until|during|of|the)\s+(?=\s|$|[,;)(])", " ", out, flags=re.I
    )
    out = re.sub(r"\(\s*\)", " ", out)
    return out


def _subject(text: str, cs: int, tstart: int, txs, mentions, lex) -> str | None:
    raw = _strip_timexes(text, cs, tstart, txs)
    raw = _RELATIVE.sub(",", raw)
    raw = re.sub(r"\([^)]*\)", " ", raw)
    raw = re.sub(r"^.*?\(\w+\)\s*(?:--|—|–|-)\s*", "", raw)  # "BRUSSELS (AP) —"
    raw = re.sub(r"\[[^\]]*\]", " ", raw)
    # a full stop after an initial ends no sentence: "the U.S. Senate", "J. Smith"
    # nor does the comma of a number ("about 2,000 Russian soldiers")
    parts = [p for p in re.split(r"(?<!\d),|,(?!\d)|[;:]|\s--\s|\s[—–-]\s|[.!?](?<!\b[A-Z]\.)\s", raw)
             if _WORD.search(p)]
    if not parts:
        return None
    i = len(parts) - 1
    subj = _subject_part(parts[i])
    if subj and re.fullmatch(r"(?:which|who|that)", subj, re.I) and i > 0:
        subj = _subject_part(parts[i - 1])
    elif not subj and i > 1 and re.match(r"\s*(?:[a-z]+(?:ed|ing)|by|with|after|in)\b", parts[i - 1]):
        subj = _subject_part(parts[i - 2])
    joints = list(re.finditer(r"\s(?:and|but)\s+", subj or ""))
    if joints and any(p.finite for p in predicates(subj[: joints[-1].start()])):
        # "The Soviet Union collapses and the Warsaw Pact (is dissolved)": the subject of a
        # coordinated clause follows the conjunction
        subj = _subject_part(subj[joints[-1].end() :])
    if not subj or _PRONOUN_SUBJECT.match(subj) or re.fullmatch(r"(?:which|who|that)", subj, re.I):
        return None
    # a named person in the subject: use the short name ("Stoltenberg")
    offset = text.find(subj, cs, tstart + 1)
    if offset >= 0:
        lo, hi = offset, offset + len(subj)
    else:
        # a bracket taken out of it ("Secretary General of NATO (NATO) George Robertson"):
        # a person named in the clause's last part before its verb
        lo, hi = max(cs, *(text.rfind(c, cs, tstart) + 1 for c in ",;:")), tstart
    inside = [m for m in mentions if lo <= m.start < hi]
    persons = [m for m in inside if (lex.actor(m.canonical) and lex.actor(m.canonical).kind == "person")]
    if persons:
        names = list(dict.fromkeys(lex.short_name(m.canonical) for m in persons))
        return " and ".join(names[:2])
    if len(_WORD.findall(subj)) <= 5:
        subj = re.sub(r"^(?:the|a|an)\s+", "", subj, flags=re.I)
        return subj[:1].upper() + subj[1:]
    orgs = [m for m in inside if lex.actor(m.canonical) and lex.actor(m.canonical).kind in ("org", "state")]
    if orgs and offset >= 0:  # an organisation's name must be the subject's own, not a word near it
        return lex.short_name(orgs[0].canonical)
    return None


_PLANNER_TAIL = re.compile(r"(?:\s+|^)(?:has\s+|have\s+|had\s+)?" + alternation("planner_tail") + r"\s+to$", re.I)


def _subject_part(subj: str) -> str:
    if re.match(r"\s*(?:after|before|in|on|at|by|with|for|from|during|since|following|despite|"
                r"amid|under|over|through|without|upon)\b", subj, re.I):
        return ""  # a prepositional phrase is no subject
    subj = re.sub(r"^.*\b(?:that|after|when|as|because|while|whereas|if)\s+", "", subj, flags=re.I)
    prev = None
    while prev != subj:
        prev = subj
        subj = _DROP_LEAD.sub("", subj.strip())
        subj = _PLANNER_TAIL.sub("", subj).strip()
        subj = _AUX_TAIL.sub("", subj).strip()
        # an adverbial between subject and verb: "the president for the first time will attend"
        subj = _ADVERBIAL_TAIL.sub("", subj).strip() or subj
    return _clean(_without_participle(subj))


#: a participle with its complement after the subject's head: "delegates attending the
#: summit", "Heads of State participating in the meeting", "troops taking part in"
_PARTICIPLE_AFTER = re.compile(r"(\S+)\s+([a-z]+ing)\s+(?:the|a|an|its|their|in|at|on|for|with|to|from|part)\b")


def _without_participle(subj: str) -> str:
    """``subj`` without a participle phrase that modifies its head, a plural noun or a name:
    the phrase is a reduced relative ("delegates (who are) attending the summit")."""
    m = _PARTICIPLE_AFTER.search(subj)
    if m is None or "VBG" not in verb_tags(m.group(2))[1]:
        return subj
    head = m.group(1)
    if not (head[:1].isupper() or (head.endswith("s") and not head.endswith("ss"))):
        return subj  # "defence spending in Europe": a gerund compound, not a modifier
    return subj[: m.end(1)]


_ADVERBIAL_TAIL = re.compile(r"(?<=\w)\s+(?:for|in|on|at|during|since|after|before|over|by)\s+(?:[\w'’-]+\s+){0,3}"
                             + alternation("adverbial_noun") + "$", re.I)


def _object(text: str, tend: int, ce: int, txs, mentions, lex) -> str:
    seg_end = ce
    for x in txs:
        if tend <= x.start < seg_end:
            seg_end = x.start
            break
    seg = before_next_clause(unquote_names(text[tend:seg_end]))
    m = _OBJECT_CUT.search(seg)
    if m:
        seg = seg[: m.start()]
    # "in Brussels", "at the Palais": the place is added separately
    seg = re.split(r"\s(?:in|at)\s+(?:the\s+)?[A-Z]", seg)[0]
    persons = [
        m
        for m in mentions
        if tend <= m.start and m.end <= tend + len(seg)
        and lex.actor(m.canonical)
        and lex.actor(m.canonical).kind == "person"
    ]
    if persons:
        lead = re.match(r"\s*((?:with|to)\s)", seg)
        return (lead.group(1) if lead else "") + lex.short_name(persons[-1].canonical)
    words = seg.split()
    seg = " ".join(words[:8])
    seg = _FUNCTION_TAIL.sub("", " " + seg).strip()
    return _clean(seg)


#: nouns of light triggers that say nothing of what happened (``data/event_types.tsv``)
_GENERIC_NOUNS = frozenset(("event",))


def _title(text, clause, subj_at, tstart, tend, trig: Trigger, txs, c_actors, places, all_mentions, lex, x) -> str:
    cs, ce = clause
    place = places[0] if places else None
    if trig.pos == "noun":
        title = _noun_title(text, clause, subj_at, tstart, tend, trig, txs, c_actors, all_mentions, lex)
    else:
        subj = _subject(text, cs, subj_at, txs, all_mentions, lex) or \
            _shared_subject(text, cs, subj_at, txs, all_mentions, lex)
        obj = _object(text, tend, ce, txs, all_mentions, lex)
        if not subj and trig.noun.lower() in _GENERIC_NOUNS:
            # "Event" says nothing: the words that stand before the verb name what it was
            words = _WORD.findall(_strip_timexes(text, cs, subj_at, txs))
            while words and words[-1].lower() in closed_classes()["auxiliary"]:
                words.pop()  # "It was (held)": the auxiliary belongs to the verb phrase
            # a pronoun alone is a subject only when the title goes on to say what or where
            pronoun = len(words) == 1 and _PRONOUN_SUBJECT.match(words[0]) and (obj or place)
            subj = " ".join(words[-4:]) if len(words) >= 2 or pronoun else None
            subj = subj[:1].upper() + subj[1:] if subj else None
        if subj and trig.pos == "decision":
            subj = re.sub(r"['’]s?$", "", subj)  # "the government's decision": the government decides
        if subj:
            title = f"{subj} {_verb_phrase(text, tstart, tend, trig, subj)} {obj}".strip()
        elif obj and not re.match(r"(?:with|to|of|for|between|against|on|in|into|from|by)\b", obj):
            title = f"{trig.noun} of {obj}"
        else:
            title = f"{trig.noun} {obj}".strip()
    if place and place.lower() not in title.lower():
        p = lex.place(place)
        if p and p.kind == "venue" and p.within:
            title_place = p.within if p.within.lower() not in title.lower() else None
        else:
            title_place = place
        if title_place:
            title = f"{title} in {title_place}"
    title = _clean(title)
    if len(title) < 4:
        title = _clean(_strip_timexes(text, cs, ce, txs))
    return _cut(title, MAX_TITLE)


#: a light verb of taking part before the event noun ("are set to hold talks")
_TAKING_PART = re.compile(r"\b" + alternation("taking_part") + r"\s+(?:(?!since|after|before|following)\w+\s+){0,4}$", re.I)
#: a verb of taking part, negated or declined: "would not attend", "declined to attend"
_DECLINED = re.compile(r"(?:\b(?:not|never)|n't)\s+(?:\w+ly\s+)?$|\b(?:declin|refus|fail)\w*\s+to\s+$", re.I)


#: capitalised words right before a noun: "the Riga summit", "a Moscow meeting"
_NAME_BEFORE_NOUN = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+$")


def _noun_title(text, clause, subj_at, tstart, tend, trig: Trigger, txs, c_actors, all_mentions, lex) -> str:
    cs, ce = clause
    after = text[tend:ce]
    # "the Riga summit": a place before a gathering is where it met, not who met
    venue = _NAME_BEFORE_NOUN.search(text, cs, tstart)
    if venue and trig.type in ("meeting", "talks", "summit"):
        name = re.sub(r"^(?:The|A|An)\s+", "", venue.group(1))
        found = lex.find_places(name)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
            return f"{text[tstart:tend][:1].upper()}{text[tstart:tend][1:]} in {name}"
    # "talks between Russia and the US"
    m = re.match(r"\s+between\s+([^,;()]+?)\s+and\s+([^,;()]+?)(?=\s+(?:that|which|who|on|in|at|dedicated|over|to)\b|[,;()]|$)", after)
    if m:
        a = _actor_short_in(m.group(1), lex)
        b = _actor_short_in(m.group(2), lex)
        if a and b:
            return f"{a}-{b} {text[tstart:tend].lower()}"
    # "a meeting of the NATO-Russia Council" → "NATO-Russia Council meets"
    m = re.match(r"\s+of\s+(?:the\s+)?([^,;()]+)", after)
    if m and trig.type in ("meeting", "talks", "summit"):
        who = _actor_short_in(m.group(1), lex, kinds=("org",))
        if who:
            return f"{who} {trig.verb3}"
    # "the annexation of the Crimean peninsula" → "Russia annexes Crimea"
    obj = None
    if m:
        obj_raw = _cut_object_phrase(m.group(1))
        places = lex.find_places(obj_raw)
        actors = lex.find_actors(obj_raw)
        if places and places[0].start <= 4:
            obj = places[0].canonical
        elif actors and actors[0].start <= 4:
            obj = lex.short_name(actors[0].canonical)
        else:
            obj = obj_raw
    agent = _premod_actor(text, cs, tstart, lex)
    if agent is None:
        # the subject of a light verb: "NATO's foreign ministers are set to hold talks"
        light = _TAKING_PART.search(text[cs:tstart])
        if light and _DECLINED.search(text[cs : cs + light.start()]):
            light = None  # "would not attend the summit": the summit is not theirs
        if light:
            subj = _subject(text, cs, cs + light.start(), txs, all_mentions, lex)
            if subj:
                rest = _object(text, tend, ce, txs, all_mentions, lex)
                return f"{subj} {trig.verb3} {rest}".strip()
        others = [mm for mm in c_actors if not (tend <= mm.start < tend + 80) and lex.actor(mm.canonical) and lex.actor(mm.canonical).kind in ("state", "org")]
        canon = list(dict.fromkeys(mm.canonical for mm in others))
        if obj and len(canon) == 1 and trig.type in ("annexation", "military-action", "violation", "suspension", "withdrawal", "accession", "sanction"):
            agent = lex.short_name(canon[0])
    if agent and obj:
        return f"{agent} {trig.verb3} {obj}"
    if agent:
        return f"{agent} {text[tstart:tend].lower()}"
    noun = text[tstart:tend]
    noun = noun[:1].upper() + noun[1:]
    rest = _object(text, tend, ce, txs, all_mentions, lex)
    return f"{noun} {rest}".strip()


def _cut_object_phrase(s: str) -> str:
    m = _OBJECT_CUT.search(s)
    if m:
        s = s[: m.start()]
    s = re.split(r"\s(?:in|at)\s+(?:the\s+)?[A-Z]", s)[0]
    return _FUNCTION_TAIL.sub("", " " + " ".join(s.split()[:6])).strip()


def _premod_actor(text: str, cs: int, tstart: int, lex) -> str | None:
    """An actor right before a noun trigger: "Russia's invasion", "an OSCE meeting"."""
    head = text[cs:tstart]
    m = re.search(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:['’]s)?\s+(?:[a-z]+(?:['’]s|['’])?\s+){0,1}$", head)
    if not m:
        return None
    found = lex.find_actors(m.group(1))
    if found:
        return lex.short_name(found[-1].canonical)
    return None


def _actor_short_in(s: str, lex, kinds=("org", "state", "person")) -> str | None:
    found = lex.find_actors(s)
    for m in found:
        a = lex.actor(m.canonical)
        if a and a.kind in kinds:
            return lex.short_name(a.canonical)
    return None
