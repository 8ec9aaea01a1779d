"""Titles that read as headlines: subject, then the action in the present tense agreeing
with it, then the object ("Allied defence ministers approve a new command structure").

Number comes from the grammar of the subject: coordinated subjects ("Russia and China")
are plural, and so is a head noun that ``lemminflect`` knows as a plural form
("ministers", "allies"); everything else (names, "NATO", "the alliance") is singular.
"""

from __future__ import annotations

import re

from .grammar import Predicate, closed_classes, inflect, verb_tags

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
    if re.search(r"\s(?:and|&)\s", s):
        return True
    head = _HEAD_CUT.split(" " + s + " ")[0].split()
    if not head:
        return False
    word = head[-1].strip(".,;:’'\"").lower()
    if word in ("they", "we", "both", "allies", "people"):
        return True
    if len(word) < 3 or not word.endswith("s") or word.endswith("ss"):
        return False
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN")
    return bool(nouns) and nouns[0] != word


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


def cut(s: str, n: int = MAX_TITLE) -> str:
    """``s`` cut at a word boundary to at most ``n`` characters, with no dangling function word."""
    s = re.sub(r"\s+", " ", s).strip(" ,;:–—-")
    if len(s) > n:
        s = s[:n].rsplit(" ", 1)[0]
    prev = None
    while prev != s:
        prev = s
        s = _DANGLING.sub("", s).strip(" ,;:–—-")
    return s


def headline(text: str, pred: Predicate | None, offset: int = 0) -> str:
    """A headline from one clause ``text``: the words before the predicate as its subject,
    the predicate in the present tense, then its object up to the first clause boundary.
    ``pred`` has offsets into the string that ``text`` starts at ``offset`` of. Without a
    predicate (a verbless entry: "The Founding Act"), the text itself, cut."""
    if pred is None:
        return cut(_first_words(text, 14))
    s, e = pred.aux_start - offset, pred.end - offset
    subject = _clean_subject(text[:s])
    rest = re.split(r"[,;:()\[\]“”\"]|\s[—–-]\s|\s(?:which|who|because|after|before|while|amid|"
                    r"despite|following|according)\s", text[e:])[0]
    obj = _first_words(rest, 8)
    verb = pred.present(plural=bool(subject) and is_plural(subject))
    if not subject:
        verb = verb[:1].upper() + verb[1:]
    return cut(f"{subject} {verb} {obj}".strip())


def _first_words(s: str, n: int) -> str:
    words = s.split()
    return " ".join(words[:n])


def _clean_subject(s: str) -> str:
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)
    s = re.split(r"[,;:]", s)[-1].strip()
    words = s.split()
    det = closed_classes()["determiner"]
    while words and words[0].lower() in det | {"and", "but", "then", "so"}:
        words = words[1:]
    if len(words) > 6:
        return ""
    s = " ".join(words)
    return s[:1].upper() + s[1:]
