"""Every title the extractor gives reads as a headline, and no quote opens with a dateline.

Runs the extractor over the development sets beside the repository (read in place; the test
skips a set that is absent): ``nato-russia-dev``, the TempEval-3 training articles and the
WikiWars training articles. A title has at least two words, a verb or an event noun, a verb
that agrees with its subject, no dangling function word and at most 90 characters
(:func:`nato_timeline.events.titles.title_problems`). The sentences are the sets'; the
expectations are rules of English, not copies of any title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nato_timeline.events.titles import finish, title_problems
from nato_timeline.lexicon import get_lexicon
from nato_timeline.pipeline import extract_document
from nato_timeline.read import parse_published, read_file

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {"nato-russia-dev": "docs", "tempeval3-train": "text", "wikiwars-train": "text"}
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*)*\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–|_)\s"
    r"|[A-Z][a-z]+\s+\d{1,2}[./]\d{1,2}[./]\d{2,4}\s)"
)


def _event_nouns() -> frozenset[str]:
    return frozenset(t.form.lower() for t in get_lexicon().triggers if t.pos == "noun")


def _documents(name: str):
    folder = DATA / name
    if not folder.exists():
        pytest.skip(f"{folder} is not beside the repository")
    meta = {}
    if (folder / "docs.jsonl").exists():
        for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                m = json.loads(line)
                meta[m["file"]] = m.get("published")
    for path in sorted((folder / SETS[name]).glob("*.txt")):
        pub = meta.get(path.name)
        yield from read_file(path, published=parse_published(pub) if pub else None)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_every_title_reads_as_a_headline(name):
    nouns = _event_nouns()
    bad, seen = [], 0
    for doc in _documents(name):
        for c in extract_document(doc).events:
            seen += 1
            problems = title_problems(c.title, nouns)
            if problems:
                bad.append((doc.name, c.title, problems))
    assert seen > 50, f"too few events to judge: {seen}"
    assert bad == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_no_quote_opens_with_a_dateline(name):
    bad = [(doc.name, c.quote[:60]) for doc in _documents(name) for c in extract_document(doc).events
           if DATELINE.match(c.quote)]
    assert bad == []


@pytest.mark.parametrize(
    "title, problem",
    [
        ("Meeting", "fewer than two words"),
        ("Envoys agree on a plan to", "ends with 'to'"),
        ("Which the envoys signs", "starts with 'Which'"),
        ("Oslo and Riga signs a pact", "'signs' does not agree with 'Oslo and Riga'"),
        ("Three envoys meets", "'meets' does not agree with 'Three envoys'"),
        ("Quite tiny", "no verb and no event noun"),
        ("Envoys agree to meets", "'meets' after 'to'"),
        ("The pact has finally expires", "'expires' after 'has'"),
        ("Talks am held in Oslo", "'am' without 'I'"),
        ("Event in the region", "opens with the generic 'Event'"),
        ("Swedes votes in a referendum", "'votes' does not agree with 'Swedes'"),
    ],
)
def test_title_problems_are_named(title, problem):
    assert problem in title_problems(title)


@pytest.mark.parametrize(
    "title",
    ["Allied defence ministers approve a new command structure in Brussels",
     "The Latvian senate ratifies the accession protocol", "NATO-Russia Council meets",
     "Shares close at $23.25", "Referendum on independence"],
)
def test_good_titles_pass(title):
    assert title_problems(title, _event_nouns()) == []


@pytest.mark.parametrize(
    "title, mended",
    [
        # a number counts the noun after it, which stays plural
        ("Two sides sign a memorandum", "Two sides sign a memorandum"),
        ("Three joins", "Three join"),
        # a people named by its plural or its adjective takes a plural verb; a state's
        # name in the plural does not
        ("Estonians votes in a referendum", "Estonians vote in a referendum"),
        ("Serbs rejects the plan", "Serbs reject the plan"),
        ("The Netherlands ratifies it", "The Netherlands ratifies it"),
        ("British recognises the government", "British recognise the government"),
        ("United States ratifies the treaty", "United States ratifies the treaty"),
        # after an auxiliary or "to" the verb is bare or a participle; a pronoun's
        # contraction goes
        ("Ministers agree to meets", "Ministers agree to meet"),
        ("The army has almost encircles the port", "The army has almost encircled the port"),
        ("He's meets the envoy", "He meets the envoy"),
        ("Talks am held in Oslo", "Talks are held in Oslo"),
        # an adjective's plural noun is the subject, the -s word after it the verb
        ("Nordic foreign ministers holds talks in Oslo", "Nordic foreign ministers hold talks in Oslo"),
        ("The envoy meets over over lunch", "The envoy meets over lunch"),
        # an adverb between subject and verb is neither ("They further invades", "Allies also agrees")
        ("They further invades the province", "They further invade the province"),
        ("Allies also agrees", "Allies also agree"),
    ],
)
def test_finish_mends_number_and_verb_form(title, mended):
    assert finish(title) == mended
    assert title_problems(mended) == []


def test_finish_mends_what_needs_no_context():
    assert finish("Which the two envoys signs") == "The two envoys sign"
    assert finish("Oslo and Riga has agreed to meet on") == "Oslo and Riga have agreed to meet"


def test_a_number_with_thousands_is_not_cut_at_its_comma():
    from nato_timeline.events.grammar import predicates
    from nato_timeline.events.titles import headline

    text = "The ministry says the army is massing 92,000 troops near the border, officials added"
    verb = next(p for p in predicates(text) if p.lemma == "mass")
    assert headline(text, verb) == "Ministry says the army masses 92,000 troops near the border"


def test_a_place_before_a_gathering_is_its_venue():
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_text
    from nato_timeline.temporal.types import PartialDate

    doc = read_text("The Moscow talks on 5 May 2003 ended early. Allies recalled the Riga summit in November 2006.",
                    name="t.txt", published=PartialDate(2024, 1, 1))
    titles = {c.title for c in extract_document(doc).events}
    assert {"Talks in Moscow", "Summit in Riga"} <= titles, titles


@pytest.mark.parametrize(
    "title",
    [
        # the plural noun of a preposition's phrase is no verb to mend
        "Talks with defence ministers in Brussels",
        "Talks with Russian defence ministers",
        # a title with no subject opens with its verb ("Exchanges views on ...")
        "Exchanges views on arms control",
        # a plain present after a plural subject already agrees; the -s noun after it is its object
        "Heads of State and Government outline initial steps",
        # a modal is no past tense to put in the present ("would" is not "wills")
        "Ankara would back the decision",
        "Allies could agree a plan",
    ],
)
def test_finish_leaves_agreeing_titles_alone(title):
    assert finish(title) == title
    assert title_problems(title) == []


def _titles(text: str) -> set[str]:
    from nato_timeline.read import read_text
    from nato_timeline.temporal.types import PartialDate

    doc = read_text(text, name="t.txt", published=PartialDate(2024, 3, 10))
    return {c.title for c in extract_document(doc).events}


def test_a_decision_noun_after_a_possessive_is_the_possessor_deciding():
    assert _titles("The cabinet's decision on Tuesday surprised the allies.") == {"Cabinet decides"}
    assert _titles("The allies' decision on Tuesday surprised Moscow.") == {"Allies decide"}


def test_a_pronoun_subject_keeps_its_verb_phrase_whole():
    # the auxiliary of "was held" belongs to the verb, not to the subject before it
    assert _titles("It was held in London on 5 March 2019.") == {"It is held in London"}


def test_a_person_named_after_a_bracket_in_the_subject_is_its_head():
    # the bracket is taken out of the subject; the person named before the verb acts
    assert _titles("Outgoing Secretary General of the North Atlantic Treaty Organization (NATO) Jens "
                   "Stoltenberg arrived in Oslo on Wednesday on a farewell visit.") == {"Stoltenberg arrives"}


def test_a_listed_phrase_in_the_passive_stays_passive():
    # "shot down" is a listed phrase; "was shot down" is not "shoots down"
    assert _titles("On 17 July 2014, the ferry Nordlys was shot down over the fjord.") == {
        "Ferry Nordlys is shot down over the fjord"}
    assert _titles("On 3 May 2015, rebels shot down a ferry over the fjord.") == {"Rebels shoot down a ferry over the fjord"}
