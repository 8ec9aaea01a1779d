"""The event layer's grammar, layout and headline steps, on sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from nato_timeline.events.grammar import predicates
from nato_timeline.events.layout import entries
from nato_timeline.events.titles import agree, cut, headline, is_plural
from nato_timeline.pipeline import extract_document
from nato_timeline.read import read_text
from nato_timeline.temporal import anchor_timexes, find_timexes
from nato_timeline.temporal.types import PartialDate, Timex


def _preds(s: str) -> list[tuple[str, str, str]]:
    return [(p.lemma, p.form, p.kind) for p in predicates(s)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a verb in no word list is still a predicate, by its inflection
        ("The Latvian parliament endorsed the protocol on Friday.", [("endorse", "past", "event")]),
        ("The pact was initialled in Vienna.", [("initial", "passive", "event")]),
        ("Ministers will reconvene next week.", [("reconvene", "future", "event")]),
        ("Norway joins the scheme on Monday.", [("join", "present", "event")]),
        ("The envoys have met twice since then.", [("meet", "perfect", "event")]),
        # nouns that are verb forms too stay nouns after a determiner or a preposition
        ("The talks ended after talks with the envoys.", [("end", "past", "event")]),
        # states, comments and light verbs are told apart
        ("Russia remains divided.", [("remain", "present", "state")]),
        ("The minister warned of reprisals.", [("warn", "past", "comment")]),
        # a participle opening a sentence before a noun is an adjective; a plural noun right
        # before a past verb or an auxiliary is the subject's head, not a verb
        ("Allied ministers agreed a plan.", [("agree", "past", "event")]),
        ("Armed groups attacked the depot.", [("attack", "past", "event")]),
        ("Coastal states ratified it.", [("ratify", "past", "event")]),
        ("Defence ministers have approved it.", [("approve", "perfect", "event")]),
        # ... but a participle before a preposition opens a clause, and a plural form before
        # an object is a verb
        ("Founded in 1949, the alliance grew.", [("found", "past", "event"), ("grow", "past", "event")]),
        ("Moscow plans an exercise.", [("plan", "present", "event")]),
        # a participle coordinated after a passive or a perfect shares its auxiliary
        ("The pact was drafted and approved in Oslo.", [("draft", "passive", "event"), ("approve", "passive", "event")]),
        ("Norway has signed and ratified it.", [("sign", "perfect", "event"), ("ratify", "perfect", "event")]),
        ("The pact was signed and Norway ratified it.", [("sign", "passive", "event"), ("ratify", "past", "event")]),
        # a bare verb joined to an infinitive or a modal's verb shares its "to" or its modal
        ("The board was set up to draft and adopt a plan.",
         [("set", "passive", "light"), ("draft", "infinitive", "event"), ("adopt", "infinitive", "event")]),
        ("Oslo wants to open the port and build a quay.",
         [("want", "present", "state"), ("open", "infinitive", "event"), ("build", "infinitive", "event")]),
        ("Envoys will meet in Oslo and sign the pact.", [("meet", "future", "event"), ("sign", "future", "event")]),
        # ... not a verb with a subject of its own
        ("Oslo plans to hold talks and they meet in Bergen.",
         [("plan", "present", "event"), ("hold", "infinitive", "event"), ("meet", "present", "event")]),
        # a counted noun after a name's adjective is no verb ("2,000 Russian soldiers")
        ("Oslo sent about 2,000 Norwegian soldiers home.", [("send", "past", "event")]),
        # no verb follows a possessive: "Oslo's plans", "Riga's top envoy", "Oslo's planned move"
        ("The allies opposed Oslo's plans.", [("oppose", "past", "event")]),
        ("Riga's top envoy resigned.", [("resign", "past", "event")]),
        ("Oslo's planned move was delayed.", [("delay", "passive", "event")]),
        # a noun before the head of a subject is no verb ("harbour police officers arrested")
        ("Harbour police officers arrested two men.", [("arrest", "past", "event")]),
        ("A new county task force began work.", [("begin", "past", "light")]),
        # a singular name that an article opens modifies the noun after it ("a Baltic Sea
        # mortar attack"); a verb after a singular name ends in -s
        ("Oslo protested a Baltic Sea mortar attack.", [("protest", "past", "event")]),
        ("The North Atlantic Council meets envoys.", [("meet", "present", "event")]),
        # a word in capitals is an acronym, a name: "the UK" and "the US" are no pronouns
        ("The US bans imports of Norwegian salmon.", [("ban", "present", "event")]),
        # a sentence has a finite verb: with none other, the present form after the plain
        # noun phrase that opens it is the verb, although it is a noun too
        ("The council releases 300 tonnes of grain.", [("release", "present", "event")]),
        ("The EU kicks off talks with Oslo.", [("kick", "present", "event")]),
        # ... not in a phrase without a stop, nor after a preposition in the subject
        ("The council releases", []),
        ("Talks between the two sides in Oslo.", []),
    ],
)
def test_predicates_by_inflection(sentence, expected):
    assert _preds(sentence) == expected


def test_negation_and_hypothesis_are_marked():
    neg, hyp = predicates("Ankara did not ratify it, and Oslo would approve it.")
    assert (neg.lemma, neg.negated, neg.hypothetical) == ("ratify", True, False)
    assert (hyp.lemma, hyp.negated, hyp.hypothetical) == ("approve", False, True)


def test_infinitive_passive_is_no_finite_predicate():
    (p,) = [p for p in predicates("a loan to be repaid by June") if p.lemma == "repay"]
    assert p.form == "infinitive" and not p.finite


def test_a_capitalised_word_inside_a_sentence_is_a_name():
    assert _preds("Officials from Signed Street arrived.") == [("arrive", "past", "event")]


@pytest.mark.parametrize(
    "subject, plural",
    [("Russia and Belarus", True), ("Allied defence ministers", True), ("NATO", False),
     ("The alliance", False), ("The foreign ministers of the alliance", True), ("The press", False)],
)
def test_subject_number(subject, plural):
    assert is_plural(subject) is plural


def test_agreement_of_the_title_verb():
    assert agree("approves a plan", "Allied defence ministers") == "approve a plan"
    assert agree("has met", "Both sides") == "have met"
    assert agree("meets with Lavrov", "Stoltenberg") == "meets with Lavrov"


def test_cut_leaves_no_dangling_function_word():
    assert cut("Ministers agree on a plan to expand the force of the") == "Ministers agree on a plan to expand the force"
    assert len(cut("word " * 40)) <= 90


def test_headline_from_a_clause():
    text = "The Dutch senate endorsed the accession protocol"
    (p,) = predicates(text)
    assert headline(text, p) == "Dutch senate endorses the accession protocol"
    text = "Agreed to open a liaison office"
    p = predicates(text)[0]
    assert headline(text, p) == "Agrees to open a liaison office"


def _entries(body: str, dct=PartialDate(2024, 1, 10)):
    timexes = anchor_timexes(find_timexes(body), body, dct)
    return [(e.timex.value, body[e.text_start : e.end], e.shape) for e in entries(body, timexes, published=dct)]


def test_date_led_lines_are_entries():
    body = ("Key dates\n"
            "3 March 2019: Envoys agreed to open a liaison office.\n"
            "12 May 2020 – The liaison office opened in Vilnius.\n")
    assert _entries(body) == [
        ("2019-03-03", "Envoys agreed to open a liaison office.", "date-led"),
        ("2020-05-12", "The liaison office opened in Vilnius.", "date-led"),
    ]


def test_an_entry_wrapped_over_lines_goes_on_to_its_sentence_end():
    # plain text wrapped at a fixed width: the entry's sentence does not end with its line
    body = ("Key dates\n\n"
            "4 May: A coastguard cutter with eleven crew runs aground near\n"
            "Tromso but the crew is rescued.\n\n"
            "6 May: The ferry line resumes its winter timetable.\n"
            "9 May: Harbour pilots go on strike in the northern\n"
            "ports.\n")
    assert [t for _v, t, _s in _entries(body, PartialDate(2021, 6, 1))] == [
        "A coastguard cutter with eleven crew runs aground near\nTromso but the crew is rescued.",
        "The ferry line resumes its winter timetable.",
        "Harbour pilots go on strike in the northern\nports.",
    ]


def test_date_lines_head_the_line_under_them():
    body = ("1 June 2001\n"
            "Ministers met in Budapest. They talked for hours.\n\n"
            "14 June 2001\n"
            "The council adopted a work plan.\n")
    assert _entries(body) == [
        ("2001-06-01", "Ministers met in Budapest.", "date-line"),
        ("2001-06-14", "The council adopted a work plan.", "date-line"),
    ]


def test_timeline_paragraphs_told_in_the_present_are_entries():
    body = ("How the dispute grew\n\n"
            "On October 3, the coastguard seizes two trawlers off the cape.\n\n"
            "Two days later, the fishing ministry recalls its envoy.\n\n"
            "On October 9, both sides agree to talks in Oslo.\n")
    got = _entries(body, PartialDate(2023, 11, 1))
    assert [(v, shape) for v, _t, shape in got] == [("2023-10-03", "date-led"), ("2023-10-09", "date-led")]
    # the entry dated from the one before is read with the extracted events
    dated = _events(body, "2023-11-01")
    assert ("2023-10-05", "Fishing ministry recalls its envoy") in dated, dated


def test_report_paragraphs_told_in_the_past_are_no_entries():
    body = ("On Monday, the minister said the port would stay open.\n\n"
            "On Tuesday, the harbour master said much the same.\n")
    assert _entries(body, PartialDate(2023, 11, 1)) == []


def test_one_date_line_is_a_dateline_not_a_chronology():
    body = "4 April 2023\nThe flag went up outside the headquarters in the afternoon.\n"
    assert _entries(body) == []


def test_date_lines_of_the_documents_own_day_are_stamps():
    # a news list of the day: each item under the date it was posted
    body = ("10 January 2024\n"
            "The harbour board approved the new quay after a long debate.\n\n"
            "10 January 2024\n"
            "The ferry company announced a winter timetable for the islands.\n\n"
            "2 January 2024\n"
            "The board met the fishermen's union in the town hall.\n")
    assert _entries(body, PartialDate(2024, 1, 10)) == []
    # the same lines in a document of another day are a chronology
    assert [v for v, _t, _s in _entries(body, PartialDate(2024, 2, 1))] == ["2024-01-10", "2024-01-10", "2024-01-02"]


def test_lines_of_one_date_are_no_chronology():
    body = ("5 May 2021: The ministers arrived in the capital by train.\n"
            "5 May 2021: The ministers opened the conference at noon.\n")
    assert _entries(body) == []


def test_a_sentence_that_opens_with_its_date_is_no_entry():
    body = "May 1997 saw the act signed.\nJune 1998 brought more talks.\n"
    assert _entries(body) == []


def _events(body: str, published="2023-07-11", weigh: bool = True):
    """(date, title) of the events of ``body``; ``weigh=False``: what the rules alone find."""
    doc = read_text(body, name="t.txt", published=PartialDate.parse(published))
    return [(c.date.value if c.date else None, c.title) for c in extract_document(doc, weigh=weigh).events]


def _event_dates(body: str, published="2023-07-11"):
    """The dates of the events of ``body``, in order."""
    return [d for d, _t in _events(body, published)]


def test_a_verb_in_no_list_dates_its_clause():
    got = _events("The Dutch senate endorsed the amended bill on Thursday.")
    assert got == [("2023-07-06", "Dutch senate endorses the amended bill")]


def test_a_verbless_chronology_entry_is_an_event():
    body = ("Milestones\n"
            "1994 – A partnership programme for the region\n"
            "2002 – A joint council in Rome\n")
    got = _events(body)
    assert [d for d, _t in got] == ["1994", "2002"]


def test_a_page_stamp_is_no_event():
    body = "Last updated: 14 March 2023 10:02\nThe envoys met in Oslo on Monday.\n"
    got = _events(body, "2023-03-14")
    assert got == [("2023-03-13", "Envoys meet")]
    # a record's field ("DATE=3/14/2023 TYPE=REPORT") stamps the record
    body = "DATE=3/14/2023 TYPE=REPORT TITLE=OSLO TALKS CONTENT= The envoys agreed to resume talks.\n"
    assert _events(body, "2023-03-14") == [], _events(body, "2023-03-14")
    # a byline's agency before the stamp ("Harbour Wire Published ...") is still a label
    body = "Harbour Wire Published 14 Mar, 2023 10:02am\nThe envoys met in Oslo on Monday.\n"
    got = _events(body, "2023-03-14")
    assert got == [("2023-03-13", "Envoys meet")], got


def test_a_verb_dated_only_by_a_noun_modifier_is_no_event():
    got = _events("The envoy quoted the 1997 charter at length.")
    assert all(d != "1997" for d, _t in got)


# ---------------------------------------------------------------- clauses and dating

from nato_timeline.events.clauses import clauses, governing_date  # noqa: E402


def _clause_texts(s: str) -> list[tuple[str, list[str]]]:
    return [(c.kind, [s[a:b] for a, b in c.pieces]) for c in clauses(s)]


def test_a_subordinate_clause_with_a_verb_of_its_own_is_a_clause():
    s = "Norway signed the pact in May 2021, soon after Sweden ratified it."
    assert _clause_texts(s) == [
        ("main", ["Norway signed the pact in May 2021, soon "]),
        ("subordinate", ["after Sweden ratified it."]),
    ]


def test_a_preposition_that_could_be_a_subordinator_opens_no_clause():
    s = "Envoys met after talks in Oslo on Monday."
    assert [k for k, _ in _clause_texts(s)] == ["main"]


def test_an_embedded_relative_clause_ends_before_its_hosts_verb():
    s = "Veterans of the war that ended in 1995 gathered on Sunday."
    (main, rel) = clauses(s)
    assert [s[a:b] for a, b in rel.pieces] == ["that ended in 1995 "]
    assert [s[a:b] for a, b in main.pieces] == ["Veterans of the war ", "gathered on Sunday."]


def _dates(s: str, *texts: str) -> list[tuple[int, int]]:
    return [(s.index(t), s.index(t) + len(t)) for t in texts]


def test_the_date_of_its_own_clause_governs_a_verb():
    s = "Veterans of the war that ended in 1995 gathered on Sunday."
    dates = _dates(s, "1995", "Sunday")
    assert governing_date(s, s.index("gathered"), dates) == 1
    assert governing_date(s, s.index("ended"), dates) == 0


def test_a_fronted_date_governs_the_main_clause():
    s = "On Friday, after a long meeting, the council approved the plan it had drafted in March."
    dates = _dates(s, "Friday", "March")
    assert governing_date(s, s.index("approved"), dates) == 0
    assert governing_date(s, s.index("drafted"), dates) == 1


def test_a_participle_clause_after_a_comma_keeps_its_own_date():
    s = "The ferry left Tromsø in March, reaching the island on Friday after a storm."
    dates = _dates(s, "March", "Friday")
    assert governing_date(s, s.index("reaching"), dates) == 1
    assert governing_date(s, s.index("left"), dates) == 0


def test_a_when_clause_takes_the_date_before_it():
    s = "Unlike Tuesday, when police were called to the square, the rally on Friday was calm."
    dates = _dates(s, "Tuesday", "Friday")
    assert governing_date(s, s.index("called"), dates) == 0


def test_a_noun_takes_the_date_that_modifies_it():
    s = "At Monday's session the delegates recalled the 2010 summit in Lisbon."
    dates = _dates(s, "Monday", "2010")
    assert governing_date(s, s.index("session"), dates) == 0
    assert governing_date(s, s.index("summit"), dates) == 1


def test_a_past_verb_dates_a_weekday_in_the_past():
    # published on a Tuesday: the Monday of a past-tense clause is the day before
    got = _events("On Monday evening, after a dinner in Riga, the minister agreed to send the bill "
                  "to parliament.", "2023-07-11")
    assert got and got[0][0] == "2023-07-10"


def test_a_future_verb_dates_a_weekday_ahead():
    got = _events("The ministers will sign the accord on Monday.", "2023-07-11")
    assert got and got[0][0] == "2023-07-17"


def test_a_subordinate_clause_does_not_take_the_main_clauses_date():
    got = _events("Norway applied for membership in May 2021, shortly after Sweden invaded the islands.",
                  "2023-04-04")
    assert got == [("2021-05", "Norway applies for membership")]


def test_years_ago_today_is_one_date_years_back():
    got = _events("Fifteen years ago today, Latvian envoys initialled the charter in Oslo.", "2019-09-03")
    assert [d for d, _t in got] == ["2004-09-03"]


def test_on_this_day_in_a_year_is_that_day_of_that_year():
    got = _events("On this day in 2004, Latvian envoys initialled the charter in Oslo.", "2019-09-03")
    assert [d for d, _t in got] == ["2004-09-03"]


def test_a_dateline_is_not_part_of_the_quote():
    body = "OSLO (Reuters) -- Latvian envoys initialled the charter on Monday.\n"
    doc = read_text(body, name="t.txt", published=PartialDate(2019, 9, 3))
    (c,) = extract_document(doc).events
    assert c.quote.startswith("Latvian envoys") and body[c.start : c.end] == c.quote


def test_a_weekday_inside_a_noun_phrase_is_past_with_its_clause():
    # "a ... mortar attack on a ferry Monday that killed": no present verb makes Monday a
    # coming day
    body = "Oslo protested on Wednesday a Baltic Sea mortar attack on a ferry Monday that killed two sailors.\n"
    doc = read_text(body, name="t.txt", published=PartialDate(2019, 9, 5))
    values = {t.text: t.value for t in extract_document(doc).timexes}
    assert values == {"Wednesday": "2019-09-04", "Monday": "2019-09-02"}, values


def test_what_someone_wants_or_fears_is_no_occurrence():
    got = _events("Oslo sought a firm pledge that Riga will be invited to join the compact in 1999.", "1997-06-01")
    assert all(d != "1999" for d, _t in got), got
    # an event named inside the fear still happened
    got = _events("The plan answers fears that Riga, emboldened by the 1994 attack on the port, could strike again.",
                  "1997-06-01")
    assert [d for d, _t in got] == ["1994"], got


def test_a_year_before_a_gathering_gives_way_to_its_day():
    # "The 2023 harbour summit" names the summit by its year; the day in the clause dates it
    for body in ("The 2023 harbour summit will take place on July 11 in Tromso.",
                 "The 2023 harbour summit is scheduled for July 11 in Tromso."):
        got = _events(body, "2023-06-30")
        assert [d for d, _t in got] == ["2023-07-11"], got


def test_the_start_of_a_count_dates_nothing():
    got = _events("The 1990 harbour summit in Oslo was the 10th harbour summit since 1949.", "2020-01-01")
    assert [d for d, _t in got] == ["1990"], got


def test_a_year_that_opens_a_name_dates_no_noun_before_it():
    got = _events("Last month Oslo enacted the suspension of its part in the 1987 Baltic Fisheries Treaty.",
                  "2020-01-01")
    assert all(d != "1987" for d, _t in got), got
    # the year still dates a gathering it names
    got = _events("The ministers adopted a plan at the 1999 Tallinn Summit.", "2020-01-01")
    assert [d for d, _t in got] == ["1999"], got


def test_a_dateline_with_its_date_dates_nothing_in_its_sentence():
    # the dateline's date is the report's: the visit it opens is dated by its own words
    body = ("Harbour news\n\nOslo, 3 September 2019 (HW/AP) -- The Latvian envoy's visit to Oslo "
            "on Thursday is expected to be brief.\n")
    doc = read_text(body, name="t.txt", published=PartialDate(2019, 9, 3))
    got = extract_document(doc).events
    assert [c.date.value for c in got] == ["2019-09-05"], [(c.date.value, c.title) for c in got]
    assert got[0].quote.startswith("The Latvian envoy")


def test_a_hyphenated_name_is_no_dateline():
    body = "Oslo-Riga talks ended on Monday without a deal.\n"
    doc = read_text(body, name="t.txt", published=PartialDate(2019, 9, 3))
    assert all(c.quote.startswith("Oslo-Riga") for c in extract_document(doc).events)


def test_coordinated_predicates_keep_their_own_dates_and_share_the_subject():
    got = _events("The envoys met in Oslo on Monday and signed the accord on Tuesday.", "2023-07-12")
    assert sorted(got) == [("2023-07-10", "Envoys meet"), ("2023-07-11", "Envoys sign the accord")]


def test_several_decisions_under_one_date_are_several_events():
    got = _events("At the summit in Riga on 11 July, the allies agreed to a new plan and launched a fund.",
                  "2023-07-12")
    # the agreement and the launch; the summit is their setting, told with the first
    assert [d for d, _t in got] == ["2023-07-11", "2023-07-11"], got
    assert not any(t.lower().endswith("summit") for _d, t in got), got


def test_a_light_verb_dates_its_clause_when_nothing_else_does():
    got = _events("Estonia became a member of the alliance in 2004.", "2023-07-12")
    assert got == [("2004", "Estonia becomes a member of the alliance")]


def test_titles_are_in_the_present_tense():
    got = _events("Talks between the envoys began in Geneva on Monday.", "2023-07-12")
    assert got and "began" not in got[0][1] and "begin" in got[0][1]


def test_a_dated_relative_clause_is_an_event_of_its_own_and_keeps_its_date():
    got = _events("Ivanov, who took office in 2001, met the envoys in Oslo in February 2004.", "2023-07-12")
    assert sorted(got) == [("2001", "Ivanov takes office"), ("2004-02", "Ivanov meets the envoys")]


def test_a_name_dated_in_brackets_is_an_event():
    got = _events("Relations improved after the Oslo Charter (2002) was published.", "2023-07-12")
    assert ("2002", "Oslo Charter") in got


def test_a_reference_number_is_no_dated_name():
    got = _events("See Press Communique (2016) 059 for details.", "2023-07-12")
    assert all(t != "Press Communique" for _d, t in got)


@pytest.mark.parametrize(
    "sentence",
    ["Will the envoys meet in Oslo on Monday?",
     "If the envoys meet in Oslo on Monday, the council will respond.",
     "The envoys could meet in Oslo in June.",
     "The envoys would meet in Oslo in 2024 unless the talks collapsed."],
)
def test_questions_conditions_and_possibilities_are_no_events(sentence):
    assert _events(sentence, "2023-07-12") == []


@pytest.mark.parametrize(
    "sentence, kept",
    [("Prices of grain soared in March 2022.", False),
     ("Relations between the two capitals improved in 2003.", False),
     ("The Dutch senate endorsed the bill in March 2022.", True),
     ("Ivanov initialled the text in March 2022.", True)],
)
def test_a_verb_in_no_list_is_an_event_when_someone_named_acts(sentence, kept):
    assert bool(_events(sentence, "2023-07-12")) is kept


@pytest.mark.parametrize("stamp", ["Retrieved 5 May 2022", "Accessed 5 May 2022", "Printed 5 May 2022"])
def test_a_page_fetch_stamp_is_no_publication_date(stamp):
    doc = extract_document(read_text(f"{stamp}\nThe envoys met on Monday.\n", name="t.txt")).document
    assert doc.published is None


def test_an_adverbial_between_subject_and_verb_is_not_the_subject():
    text = "Report.\n\nThe Danish premier for the first time will inspect the base in Thule on 3 May.\n"
    doc = read_text(text, published=PartialDate(2021, 4, 20))
    titles = [c.title for c in extract_document(doc).events]
    assert any(t.startswith("Danish premier inspects") for t in titles), titles


def test_a_that_clause_with_its_own_date_keeps_it():
    """"said on Monday that ... in 2019": the complement's verb takes the complement's date;
    without a date of its own the complement is the news the reporting verb dates."""
    from nato_timeline.events.dating import attachments

    text = "The envoy said on Monday that the militia had shelled the port in 2019."
    timexes = anchor_timexes(find_timexes(text), text, PartialDate(2021, 4, 20))
    got = [(text[s:e], t.text) for s, e, t in attachments(text, timexes)]
    assert ("shelled", "2019") in got and not any(w == "shelled" and d == "Monday" for w, d in got)
    text = "The ministry announced on Tuesday that the garrison had finished its pull-out."
    timexes = anchor_timexes(find_timexes(text), text, PartialDate(2021, 4, 20))
    assert [t.text for _s, _e, t in attachments(text, timexes)] == ["Tuesday"]


def test_a_gathering_never_held_is_no_event_and_one_not_attended_is_not_theirs():
    assert _events("The council never held the planned conference in 2020.") == []
    got = _events("The premier will not attend the summit in Riga next week.")
    assert [t for _d, t in got] == ["Summit in Riga"]
    got = _events("Lavrov declined to attend the meeting on Thursday.")
    assert got and not any("meets" in t for _d, t in got), got


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a form that may be a noun is the verb when an object opens right after it
        ("The fishing ministry recalls its envoy.", [("recall", "present", "comment")]),
        ("The ministry plans an exercise.", [("plan", "present", "event")]),
        # ... but not before a length of time ("talks a year ago"), nor after a determiner
        ("The peace talks a year ago failed.", [("fail", "past", "event")]),
    ],
)
def test_a_present_form_before_its_object_is_a_verb(sentence, expected):
    assert _preds(sentence) == expected


def test_a_when_clause_after_a_date_happens_at_it():
    got = _events("Relations soured last March, when Norway expelled two attaches.", "2023-07-11")
    assert ("2023-03", "Norway expels two attaches") in got, got


def test_a_verb_coordinated_after_the_shared_date_is_an_event_of_it():
    got = _events("Norway suspended the joint patrols yesterday in protest, and ordered its frigates home.",
                  "2023-07-11")
    assert ("2023-07-10", "Norway orders its frigates home") in got, got


def test_a_chronology_entrys_date_is_its_events_not_a_year_inside_it():
    body = ("March 3, 2016\n\n"
            "The agency publishes its 2016 Trade Survey, finding Norway in breach of the pact.\n\n"
            "May 9, 2016\n\n"
            "Envoys hold a first round of talks in Bergen.\n")
    got = _events(body, "2019-01-01")
    assert ("2016-03-03", "Agency publishes its 2016 Trade Survey") in got, got
    assert not any(d == "2016" for d, _t in got), got


def test_a_negated_verb_leaves_the_date_to_the_verb_that_is_not():
    assert _event_dates("Oslo says the pact fails because a revised text agreed on in 2004 has never been ratified.",
                  "2009-05-01") == ["2004"]


def test_condemning_and_demanding_are_comments_not_events():
    got = _events("On Tuesday the ministers condemned the shelling and demanded a ceasefire.")
    assert got == [], got


def test_two_days_joined_by_and_date_an_event_by_the_first():
    assert _event_dates("The forum was held in Tartu on 14 and 15 March 2019.",
                        "2019-04-01") == ["2019-03-14"]


def test_an_event_noun_said_not_to_be_is_no_event():
    got = _events("Oslo and Riga ended their round of consultations on Monday without agreement on quotas.")
    assert all("agreement" not in t.lower() for _d, t in got), got
    # ... and the date goes to the gathering that did take place
    got = _events("Oslo and Riga ended their fisheries summit today without agreement on quotas.", "2023-07-11")
    assert [(d, "summit" in t.lower()) for d, t in got] == [("2023-07-11", True)], got


def test_a_gathering_a_report_opens_with_as_under_way_is_on_the_reports_day():
    body = ("VILNIUS (Wire) – The two delegations are holding a closed-door meeting at the castle.\n\n"
            "The talks follow months of quarrels over fishing rights.\n")
    assert _event_dates(body, "2024-05-14") == ["2024-05-14"]
    # not in a quotation, not a trend, not without a day to date it by
    assert _events("“We are holding a meeting,” she said. Prices have been rising.", "2024-05-14") == []
    assert _events("The two delegations are holding a closed-door meeting.", "2024-05") == []


def test_an_initial_does_not_end_a_chronology_entry():
    body = ("March 3, 2016\n\n"
            "The U.S. envoy meets his Norwegian counterpart in Oslo. They talk for hours.\n\n"
            "May 9, 2016\n\n"
            "Per U.N. request, a second round of talks takes place in Bergen.\n")
    got = [t for _v, t, _s in _entries(body, PartialDate(2019, 1, 1))]
    assert got == ["The U.S. envoy meets his Norwegian counterpart in Oslo.",
                   "Per U.N. request, a second round of talks takes place in Bergen."], got


def test_a_date_an_event_came_after_or_before_does_not_date_it():
    got = _events("After 2008, the joint committee stalled and the envoys left Oslo.", "2023-07-11")
    assert all(d != "2008" for d, _t in got), got
    got = _events("Before 9 May the governors signed a border accord in Tartu.", "2023-07-11")
    assert all(d != "2023-05-09" for d, _t in got), got
    # the bound of a dated noun leaves the noun its date: the vote is in November
    got = _events("The mayor will review the budget after the November vote.", "2023-07-11")
    assert ("2023-11", ) in [(d,) for d, _t in got], got
    # a clock time after which something happened keeps its day
    assert _event_dates("The envoys signed the border accord shortly after 10 p.m. on Tuesday.",
                        "2023-07-13") == ["2023-07-11"]


def test_a_form_after_an_adverb_is_the_verb():
    text = "A storm briefly knocks out the ferry link."
    assert [(text[p.start:p.end], p.form) for p in predicates(text)] == [("knocks out", "present")]
    # an adjective in -ly leaves the plural noun a noun
    text = "Deadly attacks continued in the south."
    assert [text[p.start:p.end] for p in predicates(text)] == ["continued"]


def test_a_chronology_tells_steps_of_unnamed_actors_in_the_present():
    body = ("How the dispute grew\n\n"
            "On October 3, the coastguard seizes two trawlers off the cape.\n\n"
            "On October 9, both sides agree to talks in Oslo.\n\n"
            "A storm on October 12 briefly knocks out the ferry link.\n")
    got = _events(body, "2023-11-01")
    assert ("2023-10-12", "Storm knocks out the ferry link") in got, got
    # in a report in the past, the rules need someone named to act; the act of something
    # unnamed is left to the weighed sentences (events.weighing), which read it as one
    got = _events("A storm on Tuesday knocked out the ferry link.", "2023-11-01", weigh=False)
    assert got == [], got
    got = _events("A storm on Tuesday knocked out the ferry link.", "2023-11-01")
    assert got == [("2023-10-31", "Storm knocks out the ferry link")], got


def test_year_led_lines_are_a_chronology():
    body = ("Key dates\n"
            "1961: The two harbours sign a twinning charter.\n"
            "1975: The ferry line between them opens.\n")
    assert [d for d, _t in _events(body, "2020-01-01")] == ["1961", "1975"]


def test_what_participants_did_at_a_dated_gathering_takes_its_date():
    body = ("Fisheries ministers of the Baltic states met in Riga on 14 March 2023. "
            "Ministers approved a joint quota plan. They also adopted a code for inspections.\n\n"
            "The chairman praised the mood of the talks. "
            "\u201cWe agreed on the essentials,\u201d the delegates said.\n")
    got = _events(body, "2023-03-15")
    dated = {t for d, t in got if d == "2023-03-14"}
    assert "Ministers approve a joint quota plan" in dated, got
    assert any(t.endswith("adopt a code for inspections") for t in dated), got
    # one speaker's comment and a quotation are not acts of the gathering
    assert not any("praise" in t or "essentials" in t for t in dated), got


def test_a_new_date_ends_the_gathering_and_a_month_is_no_occasion():
    body = ("Ministers met in Riga on 14 March 2023. In 2019 the states signed a first accord. "
            "Ministers approved a joint quota plan.\n")
    assert ("2023-03-14", "Ministers approve a joint quota plan") not in _events(body, "2023-03-15")
    body = "Ministers met in Riga in March 2023. Ministers approved a joint quota plan.\n"
    assert all("quota" not in t for _d, t in _events(body, "2023-04-15"))


def test_acts_at_a_gathering_of_several_days_take_the_month_they_share():
    body = ("Fisheries ministers of the Baltic states met in Riga on 14 and 15 March 2023. "
            "Ministers approved a joint quota plan.\n")
    got = _events(body, "2023-03-20")
    assert ("2023-03", "Ministers approve a joint quota plan") in got, got
    # days of two years share no month: the act is left undated by the gathering
    body = ("Fisheries ministers of the Baltic states met in Riga from 30 December to 2 January 2023. "
            "Ministers approved a joint quota plan.\n")
    got = _events(body, "2023-01-20")
    assert any(d == "2022-12-30" and "Meeting" in t for d, t in got), got
    assert all("quota" not in t for _d, t in got), got


def test_a_passive_act_after_a_gathering_was_done_at_it():
    body = ("The harbour states held a summit in Gdansk on 3 April 2008. "
            "Among other business, Aland and Bornholm were invited to join the compact.\n")
    got = _events(body, "2008-04-10")
    assert any(d == "2008-04-03" and "invite" in t for d, t in got), got
    # who came is no act done there; a negated invitation none at all
    body = ("The harbour states held a summit in Gdansk on 3 April 2008. "
            "The ministers were joined by the mayor of Sopot. Aland was not invited.\n")
    got = _events(body, "2008-04-10")
    assert all("join" not in t and "invite" not in t for _d, t in got), got


def test_the_main_verb_after_a_fronted_phrase_is_the_act_at_the_gathering():
    body = ("Harbour ministers met in Gdansk on 4 December 2012. In addition to approving the plan "
            "that addressed the threat of floods, the ministers agreed to build a new sea wall.\n")
    got = _events(body, "2012-12-10")
    dated = [t for d, t in got if d == "2012-12-04"]
    assert any("agree" in t for t in dated), got
    # the verb of the relative clause is no act at the gathering
    assert not any("address" in t for t in dated), got
    # what a statement says is its content, not another act
    body = ("Harbour ministers met in Gdansk on 4 December 2012. "
            "In their statement, the ministers pledged to build a new sea wall.\n")
    assert all("pledge" not in t for _d, t in _events(body, "2012-12-10"))


def test_a_date_that_names_an_earlier_thing_leaves_the_story_at_the_gathering():
    body = ("Harbour ministers met in Gdansk on 4 December 2012. The ministers adopted a new charter, "
            "replacing the charter adopted at the 1999 Tallinn conference. "
            "The ministers approved a budget for dredging.\n")
    got = _events(body, "2012-12-10")
    dated = [t for d, t in got if d == "2012-12-04"]
    assert any("adopt a new charter" in t for t in dated), got
    assert any("approve a budget" in t for t in dated), got
    # the earlier conference keeps its own year, and no act is dated by it
    assert [t for d, t in got if d == "1999"] and not any("adopt" in t for d, t in got if d == "1999"), got


def test_a_lone_event_noun_is_titled_by_the_words_that_name_it():
    # an actor of the sentence need not be the noun's agent ("Latvia attacks"): the name
    # and date words before the noun say which one it was
    got = _events("Relations between Oslo and Riga have been cool since the Sept. 11 harbour attacks.", "2002-05-28")
    assert got == [("2001-09-11", "Sept. 11 harbour attacks")], got


def test_a_short_quoted_name_stays_in_a_headline():
    body = 'Harbour ministers met in Gdansk on 4 December 2012. The ministers adopted a new "Blue Coast Charter".\n'
    got = _events(body, "2012-12-10")
    assert ("2012-12-04", "Ministers adopt a new Blue Coast Charter") in got, got


def test_a_comma_that_closes_a_place_leaves_the_date_to_its_clause():
    assert _event_dates("The accord was signed in Oslo, Norway, on 4 May 1994.",
                        "2020-01-01") == ["1994-05-04"]
    # a comma after an earlier date still repeats that date's event
    got = _events("The envoys met in Geneva on 10 January, in Vienna on 12 January.", "2022-02-01")
    assert sorted(d for d, _t in got) == ["2022-01-10", "2022-01-12"], got


def test_no_clause_ends_inside_a_date():
    from nato_timeline.events.clauses import _clauses
    from nato_timeline.events.sentence import _Tx, preds_of

    text = "The office opened in Tallinn on March 29, 2004 when the member states approved it."
    start = text.index("March")
    timex = Timex(start, start + len("March 29, 2004"), "March 29, 2004", "DATE", "2004-03-29")
    txs = [_Tx(timex.start, timex.end, timex, timex.date)]
    spans = _clauses(text, txs, preds_of(text))
    assert not any(timex.start < b < timex.end for _a, b in spans), [text[a:b] for a, b in spans]


def test_a_reporting_word_that_is_a_noun_opens_no_reporting_clause():
    from nato_timeline.events.clauses import _clauses
    from nato_timeline.events.sentence import preds_of

    def spans(text):
        return [text[a:b] for a, b in _clauses(text, [], preds_of(text))]
    assert spans("The ferry line opened in 1998, a year ahead of the member states.") == [
        "The ferry line opened in 1998, a year ahead of the member states."]
    assert spans("The ferry line opened in 1998, the harbour master says.") == [
        "The ferry line opened in 1998", ", the harbour master says."]


def test_the_start_of_a_thing_the_text_names_is_an_event():
    got = _events("The inspections, which began on Saturday, June 18, now cover every port.", "2022-06-20")
    assert got == [("2022-06-18", "Inspections begin")], got
    # a trend is no event: an indefinite subject, a verb that is no beginning or end
    assert _events("Prices rose on Saturday, June 18, in every port.", "2022-06-20") == []


def test_titles_of_chronology_lines():
    body = ("Key dates\n"
            "1961: The Hanseatic League collapses and the new union is founded.\n"
            "1975: Article 9 of the charter, which binds the members to a common tariff, is invoked for the first time.\n"
            "1980: The ferry line is opened.\n")
    got = dict(_events(body, "2020-01-01"))
    # a coordinated clause with a verb of its own is no part of the object
    assert got["1961"] == "Hanseatic League collapses", got
    # the main clause's verb, not a relative clause's; a label's number is no plural
    assert got["1975"].startswith("Article 9 of the charter is invoked"), got
    # a passive stays passive, with no full stop
    assert got["1980"] == "Ferry line is opened", got


def test_a_spaced_dash_closes_a_clause():
    from nato_timeline.events.clauses import _clauses
    from nato_timeline.events.sentence import preds_of

    text = "Ferries Stopped at Dawn — Harbour Times, Sept. 10"
    assert [text[a:b] for a, b in _clauses(text, [], preds_of(text))][0] == "Ferries Stopped at Dawn"


def test_a_state_since_a_date_has_its_onset_then():
    assert _events("Iceland has been a member of the fisheries council since 3 May 1996.", "2020-01-01") == [
        ("1996-05-03", "Iceland becomes a member of the fisheries council")]
    # a country whose name is a common word too is named ("Turkey", "Chad")
    assert _events("Turkey has been a member of the fisheries council since 1952.", "2020-01-01") == [
        ("1952", "Turkey becomes a member of the fisheries council")]
    # no onset without "since", no event for a mood or an unnamed subject
    assert _events("Relations have been tense since 2014.", "2020-01-01") == []
    assert _events("Iceland was a member of the council in 1996.", "2020-01-01") == []


def test_a_noun_that_looks_like_a_state_verb_is_no_verb_before_a_participle():
    text = "Two officials familiar with the matter told reporters on Sunday."
    assert [text[p.start:p.end] for p in predicates(text)] == ["told"]
    # after the verb itself the participle is its complement
    text = "NATO remains committed to the plan."
    assert "committed" not in [text[p.start:p.end] for p in predicates(text)]


def test_date_lines_pass_over_short_label_lines():
    body = ("MEETINGS OF THE HARBOUR BOARD\n\n"
            "1\n12 March 1998\nPLENARY\nAdopted rules of procedure for the board.\n\n"
            "2\n9 April 1998,\nBergen,\nWORKING LEVEL\nAgreed on a plan for the winter ferries.\n")
    got = _entries(body, PartialDate(2003, 1, 1))
    assert [(v, t) for v, t, _s in got] == [("1998-03-12", "Adopted rules of procedure for the board."),
                                           ("1998-04-09", "Agreed on a plan for the winter ferries.")]
    titles = dict(_events(body, "2003-01-01"))
    # an entry that opens with a past form says what was done: that form is its verb
    assert titles["1998-03-12"] == "Adopts rules of procedure for the board", titles
    # a capitalised word that is itself a past form is no subject of the next word
    text = "Adopted rules of procedure for the board."
    assert predicates(text) == []


def test_a_gerund_with_its_object_names_a_dated_act():
    assert ("2014-02", "Toppling of the governor") in _events(
        "Protests followed the toppling of the governor in February 2014.", "2022-06-01")
    # a gerund of a state or a comment names no act
    got = _events("Envoys questioned the meaning of the accord in February 2014.", "2022-06-01")
    assert all("Meaning" not in t for _d, t in got), got


def test_a_word_inside_a_name_is_no_trigger():
    got = _events("The Harbour Summit Declaration is a text that was read out on 10 July 2024.", "2024-08-01")
    assert all(not t.lower().startswith("summit") and "summit in" not in t.lower() for _d, t in got), got


def test_a_fronted_since_clause_keeps_its_date():
    got = _events("Since the mayor opened the new quay in 2007, Norway has expanded the harbour steadily.", "2020-01-01")
    assert all("expand" not in t.lower() for _d, t in got), got


def test_what_had_been_agreed_before_the_saying_is_not_dated_by_it():
    body = "A source in Oslo's mission said on Wednesday that the harbour council {} to the appointment of a new envoy."
    assert _event_dates(body.format("agreed"), "2008-01-10") == ["2008-01-09"]
    assert _event_dates(body.format("had agreed"), "2008-01-10") == []


def test_a_statement_is_news_when_someone_named_makes_it():
    text = ("The harbour council will meet on Tuesday to discuss the closure, two officials familiar "
            "with the matter told reporters on Sunday.")
    assert _event_dates(text, "2025-09-21") == ["2025-09-23"]
    text = "The harbour council will meet on Tuesday to discuss the closure, Mayor Olsen told reporters on Sunday."
    assert "2025-09-21" in [d for d, _t in _events(text, "2025-09-21")]


def test_a_sentence_set_at_a_gathering_dated_before_takes_its_date():
    body = ("At their Geneva meeting in May 2002, the harbour states founded a council.\n\n"
            "At the Geneva meeting, the ministers approved a ferry plan for the lakes.\n\n"
            "At the Vienna meeting, the ministers approved a customs plan.\n")
    got = _events(body, "2004-01-01")
    assert ("2002-05", "Ministers approve a ferry plan for the lakes") in got, got
    # a gathering the text has not dated gives no date
    assert all("customs" not in t for _d, t in got), got


def test_the_date_of_a_starting_value_does_not_date_the_change():
    assert _event_dates("Norway raised its ferry budget to 2.1 billion in 2024 from 1.2 billion in 2014.",
                        "2025-01-01") == ["2024"]


def test_agreeing_to_hold_a_gathering_is_an_event_apart_from_it():
    got = _events("The harbour states agreed on Tuesday to hold a summit in Geneva in July.", "2023-01-12")
    assert ("2023-01-10", "Harbour states agree to hold a summit in Geneva in July") in got, got
    assert "2023-07" in [d for d, _t in got], got
    # deciding to suspend is the suspension
    got = _events("The ministers decided in April to suspend the ferry service.", "2023-06-01")
    assert [t for _d, t in got] == ["Ministers suspend the ferry service"], got


def test_an_act_done_at_a_dated_gathering_is_one_event_with_it():
    for body in ("On 12 June 2019, at its summit in Geneva, the Harbour Council adopted a ferry charter.",
                 "On 12 June 2019, at a summit in Geneva, the Harbour Council adopted a ferry charter.",
                 "The Harbour Council adopted a ferry charter at the summit in Geneva on 12 June 2019.",
                 # the gathering the subject attends is the act's setting too
                 "Harbour Council delegates attending the summit in Geneva on 12 June 2019 adopted a ferry charter.",
                 "Harbour Council delegates taking part in the summit in Geneva on 12 June 2019 adopted a ferry charter."):
        # what was done at the summit is what happened there: one occurrence, at its place
        cands = _candidates(body, "2020-01-01")
        assert [(c.date.value, c.type) for c in cands] == [("2019-06-12", "other")], (body, cands)
        assert re.search(r"(?:Council adopts|delegates adopt) a ferry charter", cands[0].title), cands
        assert "Geneva" in cands[0].places, cands
    # a planned or negated act is no occurrence; a year that names the gathering dates it alone
    for body in ("The mayors will sign a ferry charter at the summit in Geneva on 12 June 2019.",
                 "On 12 June 2019, at its summit in Geneva, the Harbour Council did not adopt the charter.",
                 "The harbour states agreed at the 2019 Geneva summit to open a ferry line."):
        types = [c.type for c in _candidates(body, "2018-01-01")]
        assert types == ["summit"], (body, types)


def _candidates(body: str, published: str):
    return extract_document(read_text(body, name="t.txt", published=PartialDate.parse(published))).events


def test_the_deadline_of_a_goal_does_not_date_the_decision():
    assert _event_dates("The harbour states agreed on Sunday to make the new ferry line operational by 2030.",
                        "2024-05-14") == ["2024-05-12"]
    # a deadline that opens the clause dates what was done by then
    assert _event_dates("By May 2019, Norway and Sweden had removed every mine from the bay.",
                        "2024-05-14") == ["2019-05"]


def test_a_year_in_a_name_dates_no_verb():
    got = _events("Norway and Sweden began on Monday the long-planned Nordlys 2019 ferry exercise, "
                  "the Norwegian coast guard announced.", "2019-09-11")
    assert {d for d, _t in got} == {"2019-09-09"}, got
    # the year still dates the thing it names, and a year that ends its line is a table's date
    got = _events("Harbour mayors attended the Nordic 2019 Bergen summit.", "2020-01-01")
    assert "2019" in [d for d, _t in got], got
    assert _event_dates("Timeline\n\nNorway joins the Ferry Partnership 1994\n", "2020-01-01") == ["1994"]


def test_a_reduced_passive_after_the_date_leaves_it_to_the_main_verb():
    got = _events("Norway suspended all of its obligations under the ferry accord with Sweden at midnight Wednesday "
                  "according to a decree signed by the king.", "2023-05-12")
    assert [(d, t.split()[1]) for d, t in got] == [("2023-05-10", "suspends")], got


def test_the_gathering_a_speaker_came_from_took_place_that_day():
    for body in ("The ferry plan needs work, Mayor Olsen said Friday after meeting with Governor Berg.",
                 "Mayor Olsen said on Friday following talks with Governor Berg that the plan needed work."):
        got = _events(body, "2024-05-11")
        assert [d for d, _t in got] == ["2024-05-10"], (body, got)
    # what the speaker only says is no event
    assert _events("Mayor Olsen said on Friday that the plan needed work.", "2024-05-11") == []


def test_dates_offered_as_alternatives_date_nothing():
    got = _events("The ferry line will reopen in March or April, the harbour office said on Monday.", "2024-01-10")
    assert got == [], got
    got = _events("The Harbour Council met in Bergen in March or in April.", "2024-06-10")
    assert got == [], got
    # dates joined by "and" are two occasions
    assert _event_dates("The Harbour Council met in Bergen in March and in April.",
                        "2024-06-10") == ["2024-03", "2024-04"]


def test_further_sentences_of_a_chronology_entry_take_its_date():
    body = ("Key dates\n\n"
            "2010: Norway offers a ferry to Sweden. Denmark also agrees talks with Finland. "
            "It plans to cover the whole coast.\n\n"
            "2011: Norway sends a second ferry. Iceland hosts a radar station.\n")
    got = _events(body, "2016-01-01")
    assert any(d == "2010" and "Finland" in t for d, t in got), got
    assert any(d == "2011" and t.startswith("Iceland hosts") for d, t in got), got
    # a pronoun names no one: "It plans" gives nothing
    assert not any("cover" in t for _d, t in got), got


def test_an_entry_told_as_a_headline_participle_goes_on_in_a_present_chronology():
    body = ("Key events of the ferry dispute\n"
            "March 24 - Norway closes the port of Bergen.\n"
            "March 25 - Sweden breaks off ferry talks with Norway.\n"
            "April 4 - Airlift proposed to take 1,000 stranded travellers home. Denmark agrees to send two ships.\n"
            "April 6 - Norway reopens the port.\n")
    got = _events(body, "1999-05-15")
    assert any(d == "1999-04-04" and t.startswith("Denmark agrees") for d, t in got), got
    # in a chronology told in the past, a participle's entry goes on with its story
    body = body.replace("closes", "closed").replace("breaks", "broke").replace("reopens", "reopened")
    got = _events(body, "1999-05-15")
    assert not any(t.startswith("Denmark") for _d, t in got), got


def test_entries_under_a_year_heading_take_its_year_and_stay_entries():
    # the entries' days take the year above them, far from the page's own date; an entry
    # told as a headline participle is still an entry (its date goes on from the list's)
    body = ("Ferry strike: key dates\n\n2011\n"
            "March 3 - Ferry crews walk out in Bergen.\n"
            "March 9 - New airlift proposed to carry freight to the islands.\n"
            "April 2 - Crews return to work in Bergen.\n")
    got = _events(body, "2016-08-12")
    assert sorted(d for d, _t in got) == ["2011-03-03", "2011-03-09", "2011-04-02"], got


def test_a_timeline_day_goes_on_under_its_date_line_and_in_the_next_paragraph():
    body = ("Key events\n\n"
            "February 20, 2014\nThe port closes.\n\n"
            "February 22, 2014\nThe mayor flees to the coast. Ousted mayor Olsen also takes refuge in Sweden.\n\n"
            "Key dates\n\n"
            "March 2: Voters elect a new council.\n\n"
            "Opposition leader Anna Berg is released from prison.\n\n"
            "March 4: The council meets for the first time.\n\n"
            "A soldier stands guard outside the town hall in Bergen. (AP)\n")
    got = _events(body, "2014-03-06")
    assert any(d == "2014-02-22" and "refuge" in t for d, t in got), got
    assert any(d == "2014-03-02" and "Berg" in t for d, t in got), got
    # a photo's caption tells no step of the day
    assert not any("guard" in t or "stand" in t for _d, t in got), got


def test_a_length_after_counts_back_from_the_sentence_s_date():
    got = _events("The Harbour Council reopened the ferry line on Monday, two years after Norway's closure of the "
                  "port ended the old service.", "2024-03-13")
    assert ("2024-03-11" in {d for d, _t in got}) and ("2022" in {d for d, _t in got}), got
    # a fronted "it" stands for the main clause's subject in the headline
    got = _events("Forty years after it was established, the Harbour Council opened a second port on Wednesday.",
                  "2024-03-15")
    assert ("1984", "Harbour Council is established") in got, got
    # what is dated in the clause after "after" keeps its own date: nothing is counted
    got = _events("The closure came half a year after the Harbour Council voted on 2 February to shut the port.",
                  "2024-08-05")
    assert ("2024-02-02" in {d for d, _t in got}) and "2023" not in {d[:4] for d, _t in got} \
        and not any(d == "2024-02" for d, _t in got), got
    # a length not given ("more than", "almost") counts nothing
    assert _event_dates("The Harbour Council reopened the line on Monday, almost a decade after Norway's closure of "
                  "the port.", "2024-03-13") == ["2024-03-11"]


def test_an_initial_s_full_stop_does_not_cut_the_subject():
    got = _events("Earlier this month, the U.K. Parliament passed a bill on ferry safety.", "2024-05-28")
    assert [(d, t.split(" passes")[0]) for d, t in got] == [("2024-05", "U.K. Parliament")], got


def test_a_predicate_takes_the_finest_of_nested_event_dates():
    assert _event_dates("In 2019, the harbour accord was signed by Norway on 4 May.",
                        "2020-01-01") == ["2019-05-04"]


def test_since_after_a_perfect_opens_a_period_and_dates_no_act():
    assert _events("Mayor Olsen had met Governor Berg on many occasions since 2015.", "2020-01-01") == []
    # a state since a date still has its onset then, whatever its verb
    assert _event_dates("Norway has been a member of the Ferry Council since 14 March 2004.",
                        "2020-01-01") == ["2004-03-14"]
    assert _event_dates("The Ferry Council has existed in its present form since 2002.",
                        "2020-01-01") == ["2002"]


def test_a_comment_verb_s_date_does_not_date_what_the_comment_is_about():
    got = _events("Harbour officials stressed earlier in April that Norway's closing of the ferry line "
                  "poses a risk to trade.", "2024-04-29")
    assert got == [], got


def test_an_act_at_a_gathering_of_several_days_is_dated_as_the_gathering_is():
    # one record for the summit and what was done at it, dated as the summit is: by its first day
    got = _events("On June 7-8, 2019, at the Bergen Summit, Norway and Sweden adopted a ferry charter.", "2021-01-01")
    assert got == [("2019-06-07", "Norway and Sweden adopt a ferry charter")], got
    # an occurrence of its own over two days keeps the first
    assert _event_dates("Drones entered Norwegian airspace on the night of June 7-8, 2019.",
                        "2021-01-01") == ["2019-06-07"]


def test_a_deadline_is_no_date_of_the_act_that_sets_it():
    assert _event_dates("The harbour states on Wednesday agreed to a rise in ferry spending, backing a goal of "
                  "two new lines by 2035.", "2025-06-26") == ["2025-06-25"]


def test_an_entry_whose_sentence_has_a_finer_date_gives_one_event_at_it():
    body = ("Background\n\n"
            "2014-2016: The Ferry Crisis In March 2014, Norway closed the Bergen ferry line.\n\n"
            "2017-2019: A New Start In May 2018, Norway reopened the line.\n")
    assert _event_dates(body, "2020-01-01") == ["2014-03", "2018-05"]


def test_the_comma_of_a_number_does_not_cut_the_subject():
    got = _events("About 2,000 Norwegian sailors joined the ferry fleet on Monday.", "2024-05-15")
    assert [t for _d, t in got] == ["About 2,000 Norwegian sailors join the ferry fleet"], got


def test_a_date_between_subject_and_verb_dates_the_verb():
    # "accepted" may be an adjective; after a name or a preposition the date is no modifier
    assert _event_dates("Norway on Tuesday accepted the ferry offer.", "2024-05-16") == ["2024-05-14"]
    assert _event_dates("Norway yesterday accepted the ferry offer.", "2024-05-16") == ["2024-05-15"]
    # after a determiner the date is inside the noun phrase, and the adjective dates nothing
    assert _event_dates("Norway revised the 2019 accepted text.", "2024-05-16") == []


def test_what_a_named_speaker_says_is_under_way_is_news_of_the_day():
    # a progressive in the reported clause is under way when it is said; the speaker
    # vouches for an unnamed subject ("the board") and stands for "they"
    got = _events("Harbour chief Ola Nordmann said on Tuesday the board was closing two ferry lines.", "2024-05-16")
    assert got == [("2024-05-14", "Board closes two ferry lines")], got
    got = _events("Bergen police said on Tuesday they were investigating a fire at the ferry terminal.", "2024-05-16")
    assert got == [("2024-05-14", "Bergen police investigate a fire at the ferry terminal")], got
    # an unnamed speaker vouches for nothing, and a state is no news
    assert _events("Officials said on Tuesday the board was closing two ferry lines.", "2024-05-16") == []
    assert _events("Ola Nordmann said on Tuesday the board was worried.", "2024-05-16") == []
    # a present progressive tells what goes on, a trend or a watch, not an act of that day
    assert _events("Ola Nordmann said on Tuesday the Bergen ferry board is monitoring the traffic.",
                   "2024-05-16") == []


def test_an_event_noun_in_a_purpose_clause_is_what_the_act_is_for():
    got = _events("Harbour chief Ola Nordmann said on Tuesday the board was closing two ferry lines to show "
                  "that it takes the attack on the terminal seriously.", "2024-05-16")
    assert got == [("2024-05-14", "Board closes two ferry lines")], got


def test_a_capital_right_before_a_gathering_noun_is_its_venue():
    # "London" may stand for the British government; before "summit" it is where it was held,
    # so the year-dated heading and the dated sentence name one summit in one place
    doc = read_text("1990 London summit\n\nThe 1990 London summit was a NATO summit. It was held in London "
                    "on 5 July 1990.\n", name="t.txt", published=None)
    places = {c.places for c in extract_document(doc).events}
    assert places == {("London",)}, places
    # the part of a compound names no venue
    doc = read_text("NATO-London talks were held on 5 July 1990.\n", name="t.txt", published=None)
    events = extract_document(doc).events
    assert events and all("London" not in c.places for c in events), events


def test_stating_is_saying():
    # "stated" reports what is said, like "said": its date goes to news it reports, and a
    # statement of opinion is no event
    got = _events("Harbour chief Ola Nordmann stated on Tuesday that the board was closing two ferry lines.",
                  "2024-05-16")
    assert got == [("2024-05-14", "Board closes two ferry lines")], got
    assert _events("The Bergen ferry report stated in 2004 that the crossing was safe.", "2024-05-16") == []


def test_a_length_counted_from_another_date_dates_its_clause():
    # "two days later" names no noun after it: the verb before it takes the day it counts to
    got = _events("Norway closed the Bergen ferry line on 3 May 2019. Sweden closed its own line two days later.",
                  "2020-01-01")
    assert ("2019-05-05", "Sweden closes its own line") in got, got


def test_a_capitalised_word_after_the_article_is_a_name():
    # "The Explorer" is a ship's name though "explorer" is an English word; "the ship" is not,
    # and what it did is left to the weighed sentences, which read it as an event
    got = _events("The Explorer reached Bergen on 5 May 2019.", "2020-01-01")
    assert got == [("2019-05-05", "Explorer reaches Bergen")], got
    assert _events("The ship reached Bergen on 5 May 2019.", "2020-01-01", weigh=False) == []
    assert _events("The ship reached Bergen on 5 May 2019.", "2020-01-01") == [("2019-05-05", "Ship reaches Bergen")]


def test_a_range_written_with_a_minus_sign_dates_one_event_by_its_first_day():
    body = "Norway is studying the decisions of the harbour summit that was held in Bergen, Norway on July 8−9."
    assert [d for d, _t in _events(body, "2016-07-20")] == ["2016-07-08"]


def test_a_subheading_between_dashes_names_a_section_and_is_no_event():
    body = ("Bergen's harbour: key moments\n\n- 2011: Ferry strike -\n\n"
            "On 3 March 2011, the Bergen Ferry Union walked out.\n\n- 2012: New quay -\n\n"
            "In May 2012, the Bergen Harbour Board opened a new quay.\n")
    assert sorted(d for d, _t in _events(body, "2016-08-12")) == ["2011-03-03", "2012-05"]


def test_a_quotation_with_a_date_of_its_own_reports_what_happened_then():
    # a quotation is a comment, unless it dates an act as a dated relative clause does
    got = _events("“The harbour boards have agreed today that the ferry will run in winter,” the mayor said.",
                  "2023-07-12")
    assert [d for d, _t in got] == ["2023-07-12"], got
    assert _events("“The harbour board has long wanted a new lease for the quay,” the mayor told reporters.",
                   "2023-07-12") == []


def test_a_dated_saying_dates_the_act_it_reports_in_the_present_perfect():
    # the act is done by the time it is told, and the report's news of that day
    got = _events("The port authority has suspended the ferry licence, the mayor said on Saturday.", "2019-02-04")
    assert [d for d, _t in got] == ["2019-02-02"], got
    # a reported act in the past is not dated by the saying: it may lie any time before
    assert _events("The port authority suspended the ferry licence, the mayor said on Saturday.",
                   "2019-02-04", weigh=False) == []


def test_reporting_a_figure_is_a_comment_not_an_act():
    # a further sentence of an entry that reports a figure tells what was said that day
    body = ("Storm log\n\n"
            "March 3 - Coastguard boats hit two ferries in the northern channel. Norway reports 40 dead.\n"
            "March 5 - The channel reopens.\n")
    titles = [t for _d, t in _events(body, "2021-06-01")]
    assert not any("report" in t.lower() for t in titles), titles
    assert any("hit two ferries" in t for t in titles), titles


def test_a_moratorium_is_a_suspension():
    doc = read_text("The harbour board declared a moratorium on new fishing licences on 14 July 2007.",
                    name="t.txt", published=PartialDate(2007, 7, 20))
    assert [(c.date.value, c.type) for c in extract_document(doc).events] == [("2007-07-14", "suspension")]


def test_a_listed_verb_after_a_determiner_is_a_noun():
    # "a sign of", "its annexes": nouns, no signing and no annexation
    assert _event_dates("The ferry strike began on 3 May 2021, and a year later there is no sign of an end.",
                        "2022-05-10") == ["2021-05-03"]
    assert [c.type for c in _candidates("The charter and its annexes were published in 2019.", "2022-05-10")] \
        == ["publication"]


def test_a_clause_with_a_verb_of_its_own_borrows_no_event():
    # ", and a year later, the strike goes on": the later date is of the going on, no
    # second start of the strike
    assert _event_dates("The ferry crews launched a strike on 3 May 2021, and a year later, the strike continues.",
                        "2022-05-10") == ["2021-05-03"]
    # a clause with no verb of its own repeats the previous one's event
    assert _event_dates("The envoys met in Geneva on 12 January, and on 13 January in Vienna.",
                        "2022-05-10") == ["2022-01-12", "2022-01-13"]


def test_a_date_after_a_record_s_field_label_or_a_page_s_stamp_label_dates_no_event():
    body = ("Harbour Times Copyright (c) 1995. DATE: TUESDAY, June 28, 1994 TAG: 9406280011 SECTION: NATIONAL "
            "SOURCE: Associated Press DATELINE: BERGEN, NORWAY LENGTH: Medium\n"
            "The ferry crews signed a new contract in Bergen on Monday.\n")
    assert _event_dates(body, "1994-06-28") == ["1994-06-27"]
    body = ("Ferry crews end strike in BergenNTB | Bergen | Updated: 15-01-2021 17:09 IST | Created: 15-01-2021 17:09 IST\n"
            "The ferry crews signed a new contract in Bergen on Friday.\n")
    assert _event_dates(body, "2021-01-15") == ["2021-01-15"]


def test_a_dateline_with_a_colon_is_no_field_label():
    assert _event_dates("BERGEN: Monday's talks between the ferry crews and the port ended with a new contract.",
                        "2021-01-15") == ["2021-01-11"]


def test_a_particle_goes_with_its_verb_before_a_name():
    (p,) = predicates("The EU kicks off Oslo's ferry talks.")
    assert (p.lemma, p.particle) == ("kick", "off")
