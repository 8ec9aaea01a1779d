"""Tests of the event extractor, with hand-built timexes (independent of the temporal engine)."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nato_timeline.events import TYPES, extract_events  # noqa: E402
from nato_timeline.records import Document, Furniture  # noqa: E402
from nato_timeline.temporal.types import PartialDate, Timex  # noqa: E402
from eval_devset import naive_sentences as split_sentences  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# ----------------------------------------------------------------------------- helpers
def tx(body: str, text: str, value: str, nth: int = 0, anchor: str = "absolute", typ: str = "DATE") -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Timex(start, start + len(text), text, typ, value, anchor=anchor)


def make_doc(body: str, timexes, published: str | None = None, furniture=(), name="t.txt") -> Document:
    sents = split_sentences(body, [(t.start, t.end) for t in timexes])
    return Document(
        name=name,
        path=name,
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        published=PartialDate.parse(published) if published else None,
        sentences=tuple(sents),
        furniture=tuple(furniture),
    )


def seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(prefix + "_*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("seed documents not available")
    return files[0].read_text(encoding="utf-8")


def find(cands, value: str, typ: str | None = None):
    return [c for c in cands if c.date_value == value and (typ is None or c.type == typ)]


# ----------------------------------------------------------------------------- unit
def test_types_are_documented_in_data_file():
    head = (Path(__file__).resolve().parents[1] / "nato_timeline/data/event_types.tsv").read_text()
    for t in TYPES:
        assert re.search(rf"^#\s+{re.escape(t)}\s", head, re.M), t


def test_simple_meeting_with_title_place_and_actor():
    body = "The NATO-Russia Council met in Brussels on 12 January 2022 to discuss Ukraine."
    t = tx(body, "12 January 2022", "2022-01-12")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert c.date == PartialDate(2022, 1, 12)
    assert c.type == "meeting"
    assert c.title == "NATO-Russia Council meets in Brussels"
    assert c.places == ("Brussels",)
    assert "NATO-Russia Council" in c.actors
    assert (c.start, c.end) == (0, len(body))
    assert (c.timex_start, c.timex_end) == (t.start, t.end)
    assert c.quote == body
    assert 0.0 <= c.confidence <= 1.0 and c.confidence >= 0.7


def test_plain_comment_is_not_an_event():
    body = "Stoltenberg said on Monday that dialogue remains important."
    t = tx(body, "Monday", "2022-01-10")
    assert extract_events(make_doc(body, [t]), [t]) == []


def test_duration_and_set_are_ignored():
    body = "NATO met Russia for two weeks."
    t = tx(body, "two weeks", "P2W", typ="DURATION")
    assert extract_events(make_doc(body, [t]), [t]) == []


def test_furniture_timex_is_skipped():
    body = "Author bio. He has been at the paper since 2017 and joined NATO since 2017."
    t = tx(body, "2017", "2017")
    f = Furniture(0, len(body), body, "bio")
    assert extract_events(make_doc(body, [t], furniture=[f]), [t]) == []


def test_unresolved_month_day_kept_and_relative_dropped():
    body = "The council met in Brussels on January 12. Stoltenberg meets Biden this Monday."
    t1 = tx(body, "January 12", "XXXX-01-12", anchor="unresolved")
    t2 = tx(body, "this Monday", "XXXX-WXX-1", anchor="unresolved")
    cands = extract_events(make_doc(body, [t1, t2]), [t1, t2])
    assert len(cands) == 1
    assert cands[0].date is None and cands[0].date_value == "XXXX-01-12"
    assert cands[0].places == ("Brussels",)


def test_scheduled_status():
    body = "NATO foreign ministers will meet in Madrid on 5 June 2030."
    t = tx(body, "5 June 2030", "2030-06-05")
    (c,) = extract_events(make_doc(body, [t], published="2030-05-01"), [t])
    assert c.status == "scheduled"


def test_nominal_since_clause_gets_its_own_date():
    body = "Relations between Russia and the West have been tense since the annexation of the Crimean peninsula in 2014."
    t = tx(body, "2014", "2014")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert c.type == "annexation"
    assert c.title == "Russia annexes Crimea"
    assert "Russia" in c.actors and c.places == ("Crimea",)


def test_cancelled_plan_is_not_an_event():
    body = "The treaty replaced an accord which was to expire in December 2012."
    t = tx(body, "December 2012", "2012-12")
    assert extract_events(make_doc(body, [t]), [t]) == []


def test_office_resolves_to_the_holder_named_nearby():
    body = ("Jens Stoltenberg arrived in Lithuania. The Secretary General met the Finnish president in Vilnius "
            "on 11 July 2023.")
    t = tx(body, "11 July 2023", "2023-07-11")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert "Jens Stoltenberg, NATO Secretary General" in c.actors
    assert c.places == ("Vilnius",)


def test_office_stays_an_office_when_its_holder_is_not_named():
    body = "The Secretary General met the Finnish president in Vilnius on 11 July 2023."
    t = tx(body, "11 July 2023", "2023-07-11")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert "NATO Secretary General" in c.actors
    assert not [a for a in c.actors if a.startswith("Jens Stoltenberg")]


def test_office_is_not_given_to_a_named_person_out_of_office_on_the_date():
    body = ("Former chief Anders Fogh Rasmussen was in the audience. The Secretary General met the Finnish "
            "president in Vilnius on 11 July 2023.")
    t = tx(body, "11 July 2023", "2023-07-11")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert "NATO Secretary General" in c.actors
    assert not [a for a in c.actors if "Rasmussen" in a]


def test_person_carries_the_office_held_on_the_date():
    body = "Jens Stoltenberg met Sergey Lavrov in Brussels on 19 May 2015."
    t = tx(body, "19 May 2015", "2015-05-19")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert {"Jens Stoltenberg, NATO Secretary General", "Sergey Lavrov, Russian Foreign Minister"} <= set(c.actors)
    body2 = "Jens Stoltenberg met Sergey Lavrov in Oslo in 2013."
    t2 = tx(body2, "2013", "2013")
    (c2,) = extract_events(make_doc(body2, [t2]), [t2])
    assert "Jens Stoltenberg" in c2.actors  # not yet in office


def test_title_is_short_and_cut_at_word():
    body = ("On 3 March 2021 the extraordinarily long-named committee of the assembled representatives "
            "of very many countries signed an agreement about nearly everything under the sun and more.")
    t = tx(body, "3 March 2021", "2021-03-03")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert len(c.title) <= 90
    assert c.title in body or not c.title.endswith(("-", ",", "."))


# ----------------------------------------------------------------------------- seeds
def test_seed_001_since_2002_and_annexation_but_not_furniture():
    body = seed("001")
    ts = [tx(body, "2002", "2002"), tx(body, "2014", "2014"), tx(body, "2017", "2017")]
    bio = body.index("Author:")
    f = Furniture(bio, len(body), body[bio:], "author bio")
    cands = extract_events(make_doc(body, ts, published="2021-06-07", furniture=[f]), ts)
    est = find(cands, "2002")
    assert len(est) == 1 and "NATO-Russia Council" in est[0].actors
    ann = find(cands, "2014", "annexation")
    assert len(ann) == 1 and ann[0].title == "Russia annexes Crimea"
    assert "Russia" in ann[0].actors and "Crimea" in ann[0].places
    assert not find(cands, "2017")
    assert len(cands) == 2


def test_seed_002_unresolved_january_12():
    body = seed("002")
    ts = [tx(body, "January 12", "XXXX-01-12", anchor="unresolved")]
    cands = extract_events(make_doc(body, ts), ts)
    (c,) = cands
    assert c.date is None and c.date_value == "XXXX-01-12"
    assert c.type == "meeting" and c.places == ("Brussels",)
    assert c.title == "NATO-Russia Council meets in Brussels"


def _seed3():
    body = seed("003")
    ts = [
        tx(body, "12.01.2022", "2022-01-12"),
        tx(body, "Wednesday", "2022-01-12"),
        tx(body, "12 January 2022", "2022-01-12"),
        tx(body, "January 10", "2022-01-10", 0),
        tx(body, "January 13", "2022-01-13", 0),
        tx(body, "January 10", "2022-01-10", 1),
        tx(body, "January 12", "2022-01-12", 0),
        tx(body, "January 13", "2022-01-13", 1),
        tx(body, "December 17, 2021", "2021-12-17"),
    ]
    return body, ts


def test_seed_003_three_stages_and_publication():
    body, ts = _seed3()
    cands = extract_events(make_doc(body, ts, published="2022-01-12"), ts)
    nrc = find(cands, "2022-01-12")
    assert nrc and all("Brussels" in c.places for c in nrc)
    assert any(c.title == "NATO-Russia Council meets in Brussels" for c in nrc)
    geneva = find(cands, "2022-01-10")
    assert len(geneva) == 2 and all("Geneva" in c.places for c in geneva)
    assert any(c.title == "Russia-US talks in Geneva" for c in geneva)
    vienna = find(cands, "2022-01-13")
    assert len(vienna) == 2 and all("Vienna" in c.places for c in vienna)
    assert any("OSCE" in " ".join(c.actors) for c in vienna)
    assert all(c.status == "scheduled" for c in vienna)
    pub = find(cands, "2021-12-17")
    assert len(pub) == 1 and pub[0].type == "publication"
    assert pub[0].title.startswith("Russian Foreign Ministry publishes")
    # the sentence with three events gives three candidates with their own date and place
    sent = [c for c in cands if c.quote.startswith("The first stage")]
    assert {(c.date_value, c.places) for c in sent} == {("2022-01-10", ("Geneva",)), ("2022-01-13", ("Vienna",))}


def test_seed_004_news_items():
    body = seed("004")
    ts = [
        tx(body, "05 Oct. 2015", "2015-10-05"),
        tx(body, "29 Sep. 2015", "2015-09-29"),
        tx(body, "19 May. 2015", "2015-05-19"),
        tx(body, "Tuesday", "2015-05-19"),
        tx(body, "19 May 2015", "2015-05-19"),
        tx(body, "April 2014", "2014-04"),
    ]
    cands = extract_events(make_doc(body, ts, published="2024-07-01"), ts)
    may = find(cands, "2015-05-19")
    assert len(may) == 1
    assert may[0].title == "Stoltenberg meets Lavrov in Brussels"
    assert {"Jens Stoltenberg", "Sergey Lavrov"} <= {a.split(",")[0] for a in may[0].actors}
    assert "Brussels" in may[0].places
    sep = find(cands, "2015-09-29")
    assert len(sep) == 1 and "New York" in sep[0].places and "Jens Stoltenberg, NATO Secretary General" in sep[0].actors
    assert sep[0].title.startswith("Stoltenberg")
    octo = find(cands, "2015-10-05")
    assert len(octo) == 1 and octo[0].type == "meeting"
    assert "Foreign Minister of Turkey" in octo[0].title
    apr = find(cands, "2014-04")
    assert len(apr) == 1 and apr[0].type == "suspension"
    assert apr[0].title == "NATO suspends all practical cooperation with Russia"
    assert len(cands) == 4


# ----------------------------------------------------------------------------- dev set
def test_devset_recall_precision_floor():
    import eval_devset

    if not eval_devset.DEV.is_dir():
        pytest.skip("development set not available")
    res = eval_devset.evaluate()
    print(f"dev set: precision={res['precision']:.3f} recall={res['recall']:.3f}")
    assert res["recall"] >= 0.75
    assert res["precision"] >= 0.75


def test_decision_noun_takes_its_type_from_the_complement():
    body = "The step comes after NATO members’ decision on April 1 to suspend all military contacts with Russia."
    t = tx(body, "April 1", "2014-04-01")
    (c,) = extract_events(make_doc(body, [t], published="2014-04-07"), [t])
    assert (c.type, c.date_value) == ("suspension", "2014-04-01")
    assert c.title == "NATO suspends all military contacts with Russia"


def test_decision_verb_is_not_a_noun():
    body = "As a result of Russia's actions in Ukraine, NATO decided in April 2014 to suspend all practical cooperation with Russia."
    t = tx(body, "April 2014", "2014-04")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert c.type == "suspension" and c.places == ()


def test_one_sentence_two_bodies_two_meetings():
    body = ("Since then there were two meetings of the NATO-Russia Council (May 2016 and July 2016), and two "
            "meetings of the Euro-Atlantic Partnership Council (May 2016 and June 2017).")
    ts = [tx(body, "May 2016", "2016-05"), tx(body, "July 2016", "2016-07"),
          tx(body, "May 2016", "2016-05", nth=1), tx(body, "June 2017", "2017-06")]
    cands = extract_events(make_doc(body, ts), ts)
    march = find(cands, "2016-05", "meeting")
    assert len(march) == 2
    assert {"NATO-Russia Council", "Euro-Atlantic Partnership Council"} <= {a for c in march for a in c.actors}


def test_main_clause_after_a_temporal_opener_shares_its_date_one_event_per_predicate():
    body = ("Soon after NATO launched its air attacks Wednesday night, the president announced that Russia was "
            "suspending cooperation with NATO and informed the observers that he was withdrawing most of its troops.")
    t = tx(body, "Wednesday night", "1999-03-24TNI")
    cands = extract_events(make_doc(body, [t], published="1999-03-24"), [t])
    assert sorted(c.type for c in cands) == ["military-action", "suspension", "withdrawal"]
    assert {c.date for c in cands} == {PartialDate(1999, 3, 24)}
    assert all((c.timex_start, c.timex_end) == (t.start, t.end) for c in cands)


def test_a_plain_after_clause_does_not_date_the_main_clause():
    body = "After NATO launched air attacks on Wednesday, Russia suspended its cooperation with NATO."
    t = tx(body, "Wednesday", "1999-03-24")
    cands = extract_events(make_doc(body, [t], published="1999-03-24"), [t])
    assert [c.type for c in cands] == ["military-action"]


def test_weak_triggers_inherit_nothing():
    body = "Shortly after the talks ended on Monday, the ministers discussed the crisis."
    t = tx(body, "Monday", "2022-01-10")
    cands = extract_events(make_doc(body, [t]), [t])
    assert [c.type for c in cands] == ["talks"]


def test_list_of_dated_items_gives_one_event_each_with_its_own_place():
    body = ("The week brought talks in Geneva on January 10, the council in Brussels on January 12, "
            "the OSCE in Vienna on January 13.")
    ts = [tx(body, "January 10", "2022-01-10"), tx(body, "January 12", "2022-01-12"), tx(body, "January 13", "2022-01-13")]
    cands = extract_events(make_doc(body, ts), ts)
    assert [(c.date_value, c.places) for c in cands] == [
        ("2022-01-10", ("Geneva",)), ("2022-01-12", ("Brussels",)), ("2022-01-13", ("Vienna",))]


def test_an_including_phrase_is_not_a_list_item():
    body = ("The government announced on Wednesday that it would base new weapons, including "
            "rocket artillery in Lithuania from 2026.")
    ts = [tx(body, "Wednesday", "2024-07-10"), tx(body, "2026", "2026")]
    cands = extract_events(make_doc(body, ts, published="2024-07-14"), ts)
    assert "2026" in {c.date_value for c in cands}


def test_not_until_says_when():
    body = "The accord was signed in November 1990, yet was not ratified until two years later."
    ts = [tx(body, "November 1990", "1990-11"), tx(body, "two years later", "1992", anchor="context")]
    cands = extract_events(make_doc(body, ts), ts)
    assert [c.date_value for c in cands] == ["1990-11", "1992"]
    assert (cands[1].type, cands[1].title) == ("agreement", "Accord is ratified")
    body2 = "Russia never ratified the treaty in 2001."
    t2 = tx(body2, "2001", "2001")
    assert extract_events(make_doc(body2, [t2]), [t2]) == []


# ----------------------------------------------------------------------------- continuations
def test_a_sentence_continuing_a_dated_event_is_another_source_of_it():
    body = ("The NATO-Russia Council met in Brussels on 12 January 2022. "
            "Stoltenberg, who chaired the meeting, said the allies were ready to talk.")
    t = tx(body, "12 January 2022", "2022-01-12")
    first, second = extract_events(make_doc(body, [t]), [t])
    assert (second.date, second.type, second.title, second.places) == (first.date, first.type, first.title, first.places)
    assert second.quote.startswith("Stoltenberg") and second.start == body.index("Stoltenberg")
    assert (second.timex_start, second.timex_end) == (t.start, t.end)  # dated by the other sentence's date
    assert second.confidence < first.confidence


def test_a_continuation_needs_a_definite_noun_of_the_event_type():
    body = ("The NATO-Russia Council met in Brussels on 12 January 2022. "
            "Stoltenberg said a meeting would be useful. Lavrov criticised the sanctions.")
    t = tx(body, "12 January 2022", "2022-01-12")
    assert len(extract_events(make_doc(body, [t]), [t])) == 1


def test_a_continuation_fitting_two_events_gives_nothing_unless_a_place_decides():
    body = ("The NATO-Russia Council met in Brussels on 12 January 2022, and the OSCE met in Vienna on "
            "13 January 2022. Diplomats said the meeting showed how far apart the sides were. "
            "The meeting in Vienna ended without a statement.")
    ts = [tx(body, "12 January 2022", "2022-01-12"), tx(body, "13 January 2022", "2022-01-13")]
    cands = extract_events(make_doc(body, ts), ts)
    assert [c.date_value for c in cands] == ["2022-01-12", "2022-01-13"]  # "Diplomats said the meeting ..." is ambiguous
    body2 = body.replace("Diplomats said the meeting showed how far apart the sides were. ", "")
    ts2 = [tx(body2, "12 January 2022", "2022-01-12"), tx(body2, "13 January 2022", "2022-01-13")]
    cands2 = extract_events(make_doc(body2, ts2), ts2)
    assert [(c.date_value, c.quote[:11]) for c in cands2][-1] == ("2022-01-13", "The meeting")


def test_a_continuation_does_not_cross_a_paragraph():
    body = "The NATO-Russia Council met in Brussels on 12 January 2022.\n\nStoltenberg, who chaired the meeting, spoke."
    t = tx(body, "12 January 2022", "2022-01-12")
    assert len(extract_events(make_doc(body, [t]), [t])) == 1


def test_a_date_between_speaker_and_verb_of_saying_dates_the_saying_not_what_is_said():
    body = ("Lavrov on Tuesday told journalists that the troop deployment near the border was dangerous, "
            "and on Wednesday warned that the sanctions had failed.")
    ts = [tx(body, "Tuesday", "2022-01-11"), tx(body, "Wednesday", "2022-01-12")]
    assert extract_events(make_doc(body, ts), ts) == []


def test_a_date_before_a_verb_of_saying_still_dates_reported_news():
    body = "NATO on Monday said it would suspend all practical cooperation with Russia."
    t = tx(body, "Monday", "2014-04-07")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert c.date_value == "2014-04-07"


def test_a_date_before_an_announcement_dates_the_announced_event():
    body = "Russia on Monday announced the suspension of its mission to NATO."
    t = tx(body, "Monday", "2021-10-18")
    (c,) = extract_events(make_doc(body, [t]), [t])
    assert (c.date_value, c.type) == ("2021-10-18", "suspension")


# ----------------------------------------------------------------------------- derived dates
def test_a_duration_with_a_signal_dates_its_clause_by_the_point_it_reaches():
    body = "The accord was drafted in March 2001, but only ratified three years later."
    later = tx(body, "three years", "P3Y", typ="DURATION")
    later.extra.update(signal="later", point="2004")
    cands = extract_events(make_doc(body, [tx(body, "March 2001", "2001-03"), later]), [
        tx(body, "March 2001", "2001-03"), later])
    ratified = find(cands, "2004", "agreement")
    assert len(ratified) == 1 and ratified[0].precision == "year"
    assert (ratified[0].timex_start, ratified[0].timex_end) == (later.start, later.end)


def test_a_duration_without_a_point_dates_nothing():
    body = "The accord was drafted in March 2001, but only ratified three years later."
    later = tx(body, "three years", "P3Y", typ="DURATION")
    cands = extract_events(make_doc(body, [later]), [tx(body, "March 2001", "2001-03"), later])
    assert not find(cands, "2004")


def test_two_years_later_through_the_pipeline(tmp_path):
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    p = tmp_path / "a.txt"
    p.write_text("The pact was signed in June 1985. It was not ratified until two years later.\n",
                 encoding="utf-8")
    [doc] = read_file(p, published=PartialDate.parse("2020-05-05"))
    events = extract_document(doc).events
    assert [e.date_value for e in events if e.type == "agreement"] == ["1985-06", "1987"]


# ----------------------------------------------------------------------------- plans called off
def _plan_doc(body: str, published: str = "2010-12-01", **dates):
    txs = [tx(body, text, value) for text, value in dates.values()]
    return extract_events(make_doc(body, txs, published), txs)


def test_a_planned_gathering_called_off_in_the_next_sentence_is_no_event():
    body = ("The ministers agreed on 2 February to resume contacts, setting the next summit for October. "
            "On 12 September the host government called off the summit over security fears.")
    cands = _plan_doc(body, a=("2 February", "2010-02-02"), b=("October", "2010-10"),
                      c=("12 September", "2010-09-12"))
    assert not find(cands, "2010-10")
    assert find(cands, "2010-02-02")  # the decision itself happened


def test_a_planned_gathering_postponed_in_the_passive_is_no_event():
    body = "Envoys scheduled a round of talks for 14 July. The talks were later postponed."
    cands = _plan_doc(body, "2010-08-01", a=("14 July", "2010-07-14"))
    assert not find(cands, "2010-07-14")


def test_leaving_talks_after_their_date_does_not_undo_them():
    body = "Talks were scheduled for March. In May the delegation pulled out of the talks."
    cands = _plan_doc(body, a=("March", "2010-03"), b=("May", "2010-05"))
    assert find(cands, "2010-03", "talks")


def test_a_cancelled_thing_that_is_no_gathering_leaves_the_plan():
    body = "A summit was scheduled for October. In September the ministry cancelled the visas."
    cands = _plan_doc(body, a=("October", "2010-10"), b=("September", "2010-09"))
    assert find(cands, "2010-10", "summit")


def test_a_gathering_not_planned_is_not_called_off_by_the_next_sentence():
    body = "The council met on 3 March in Vienna. The next meeting was cancelled."
    cands = _plan_doc(body, a=("3 March", "2010-03-03"))
    assert find(cands, "2010-03-03", "meeting")


def test_a_cancellation_in_another_paragraph_leaves_the_plan():
    body = "A summit was scheduled for October.\n\nThe summit was cancelled."
    cands = _plan_doc(body, a=("October", "2010-10"))
    assert find(cands, "2010-10", "summit")


# ----------------------------------------------------------------------------- statements' own acts
def test_a_first_person_decision_is_dated_by_the_statement():
    body = "After consultations with the members, we have decided to convene an extraordinary session of the council."
    cands = extract_events(make_doc(body, [], "2011-05-03"), [])
    assert len(cands) == 1
    c = cands[0]
    assert (c.date_value, c.type, c.status) == ("2011-05-03", "other", "occurred")
    assert c.title.startswith("Decision to convene an extraordinary session")
    assert c.timex_start == c.timex_end  # no date expression to highlight


@pytest.mark.parametrize("body, published", [
    ('The minister said: "We have agreed to hold a summit in the spring with our partners."', "2011-05-03"),
    ("After long talks, we have agreed to hold a joint session of the committee.", "2011-05"),
    ("After long talks, we have agreed to hold a joint session of the committee.", None),
    ("After long talks, they have agreed to hold a joint session of the committee.", "2011-05-03"),
    ("We have agreed to the terms.", "2011-05-03"),
])
def test_no_statement_act_when_quoted_undated_third_person_or_no_verb(body, published):
    assert extract_events(make_doc(body, [], published), []) == []
