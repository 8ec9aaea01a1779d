"""Tests of same-event matching, grouping, year-less matching and slugs."""

from __future__ import annotations

from dataclasses import dataclass

from nato_timeline.merge import choose_event, event_slug, group_candidates, match_year_less, same_event, slugify
from nato_timeline.temporal.types import PartialDate as D


@dataclass
class Ev:
    date: D | None
    type: str
    places: tuple = ()
    actors: tuple = ()
    title: str = ""
    date_value: str = ""


def test_month_supports_day_inside_it():
    assert same_event(Ev(D(2014, 4), "suspension", actors=("NATO",)), Ev(D(2014, 4, 1), "suspension", actors=("NATO", "Russia")))
    assert same_event(Ev(D(2022), "military-action"), Ev(D(2022, 2), "military-action"))


def test_different_days_never_match():
    assert not same_event(Ev(D(2022, 1, 10), "talks", ("Geneva",)), Ev(D(2022, 1, 12), "talks", ("Geneva",)))


def test_undated_never_matches():
    assert not same_event(Ev(None, "meeting"), Ev(D(2022, 1, 12), "meeting"))


def test_type_groups_need_shared_place():
    a = Ev(D(2022, 1, 12), "meeting", ("Brussels",), ("NATO-Russia Council",))
    b = Ev(D(2022, 1, 12), "talks", ("Brussels",), ("NATO", "Russia", "NATO-Russia Council"))
    assert same_event(a, b)
    assert not same_event(Ev(D(2022, 1, 12), "meeting"), Ev(D(2022, 1, 12), "talks"))
    assert not same_event(Ev(D(2022, 1, 12), "meeting"), Ev(D(2022, 1, 12), "publication"))


def test_places_and_actors_must_agree():
    assert not same_event(Ev(D(2022, 1, 13), "meeting", ("Vienna",)), Ev(D(2022, 1, 13), "meeting", ("Brussels",)))
    assert not same_event(Ev(D(2014, 3), "meeting", actors=("NATO-Russia Council",)), Ev(D(2014, 3), "meeting", actors=("EAPC",)))
    assert same_event(Ev(D(2014, 3), "meeting", ("Brussels",)), Ev(D(2014, 3, 5), "meeting"))


def test_a_place_within_another_agrees_with_it():
    # a city and its country, a region and its country: one place told finer or coarser
    strike = dict(type="military-action", actors=("Russia",), title="Russian missiles strike a depot")
    assert same_event(Ev(D(2022, 3, 1), places=("Kyiv",), **strike), Ev(D(2022, 3, 1), places=("Ukraine",), **strike))
    assert same_event(Ev(D(2022, 3, 1), places=("Ukraine",), **strike), Ev(D(2022, 3, 1), places=("Crimea",), **strike))
    # two places of one country are two places
    assert not same_event(Ev(D(2022, 3, 1), places=("Kyiv",), **strike), Ev(D(2022, 3, 1), places=("Crimea",), **strike))


def test_group_candidates_keeps_days_apart():
    cands = [
        Ev(D(2022, 1, 12), "meeting", ("Brussels",)),
        Ev(D(2022, 1, 10), "talks", ("Geneva",)),
        Ev(D(2022, 1), "meeting", ("Brussels",)),
        Ev(D(2022, 1, 12), "meeting", ("Brussels",)),
        Ev(D(2022, 1, 13), "meeting", ("Vienna",)),
    ]
    assert group_candidates(cands) == [[0, 2, 3], [1], [4]]


def test_match_year_less():
    cand = Ev(None, "meeting", ("Brussels",), ("NATO-Russia Council",), date_value="XXXX-01-12")
    dated = [
        Ev(D(2022, 1, 12), "meeting", ("Brussels",), ("NATO-Russia Council",)),
        Ev(D(2022, 1, 10), "talks", ("Geneva",)),
        Ev(D(2022, 1, 12), "talks", ("Brussels",)),
    ]
    assert match_year_less(cand, dated) == D(2022, 1, 12)


def test_match_year_less_never_guesses():
    cand = Ev(None, "meeting", ("Brussels",), date_value="XXXX-01-12")
    two_years = [Ev(D(2022, 1, 12), "meeting", ("Brussels",)), Ev(D(2019, 1, 12), "meeting", ("Brussels",))]
    assert match_year_less(cand, two_years) is None
    assert match_year_less(cand, [Ev(D(2022, 1, 12), "meeting", ("Vienna",))]) is None
    assert match_year_less(cand, [Ev(D(2022, 1, 12), "publication", ("Brussels",))]) is None
    assert match_year_less(cand, [Ev(D(2022, 1), "meeting", ("Brussels",))]) is None
    assert match_year_less(Ev(None, "meeting", ("Brussels",), date_value="XXXX-WXX-1"), two_years) is None


def test_slugs():
    assert slugify("Stoltenberg meets Sinirlioğlu in Brussels!") == "stoltenberg-meets-sinirlioglu-in-brussels"
    assert event_slug(D(2022, 1, 12), "NATO-Russia Council meets in Brussels") == "2022-01-12-nato-russia-council-meets-in-brussels"
    assert event_slug(None, "Meeting in Brussels") == "undated-meeting-in-brussels"
    long = event_slug(D(2015, 5), "word " * 40)
    assert len(long) <= 80 and long.startswith("2015-05-") and not long.endswith("-")
    assert all(p == "word" for p in long.split("-")[2:])
    assert long.isascii()


def test_bare_mentions_of_one_year_need_a_common_word():
    drafted = Ev(D(2009), "agreement", title="Drafting")
    expired = Ev(D(2009, 12), "agreement", title="Expiry")
    assert not same_event(drafted, expired)
    assert same_event(Ev(D(1990, 11), "agreement", title="Signing"),
                      Ev(D(1990, 11, 19), "agreement", title="Treaty signing in Paris"))
    # a shared actor is enough
    assert same_event(Ev(D(2015), "statement", actors=("Russia",), title="Russia announces its intention"),
                      Ev(D(2015, 3, 10), "statement", actors=("Russia", "NATO"), title="Halt of participation"))


def test_meetings_of_different_bodies_stay_apart():
    nrc = Ev(D(2014, 3), "meeting", actors=("NATO-Russia Council", "Russia"), title="NATO-Russia Council meets")
    eapc = Ev(D(2014, 3), "meeting", actors=("Euro-Atlantic Partnership Council", "Russia"), title="EAPC meets")
    assert not same_event(nrc, eapc)
    # a body and one of its parts, or a body named inside another's name, are related
    osce = Ev(D(2022, 1, 13), "meeting", ("Vienna",), ("OSCE",), "OSCE meeting in Vienna")
    council = Ev(D(2022, 1, 13), "meeting", ("Vienna",), ("OSCE Permanent Council",), "Session in Vienna")
    assert same_event(osce, council)
    nato = Ev(D(2022, 1, 12), "meeting", ("Brussels",), ("NATO", "Russia"), "Meeting in Brussels")
    nrc_day = Ev(D(2022, 1, 12), "meeting", ("Brussels",), ("NATO-Russia Council",), "NATO-Russia Council meets")
    assert same_event(nato, nrc_day)


def test_title_stems():
    from nato_timeline.lexicon import title_stems

    assert title_stems("Russia announces") & title_stems("Announcement of its intention")
    assert title_stems("Signing of the treaty with Russia") == {"sign", "treat", "russi"}
    # an inflection is dropped before the stem is cut: "signs" and "signing" are one word
    assert title_stems("Gorbachev signs the treaty") & title_stems("Open signing") == {"sign"}
    assert same_event(Ev(D(1987, 12, 8), "agreement", title="Open signing"),
                      Ev(D(1987, 12, 8), "agreement", actors=("Soviet Union",), title="Gorbachev signs the treaty"))


def test_summary_joins_distinct_sources_best_first():
    from nato_timeline.merge import summarize

    a = "The NATO-Russia Council met in Brussels on January 12."
    b = "On January 12, Russia and NATO discussed security at a meeting of the council in Brussels."
    assert summarize([a, b]) == a + " " + b
    # repeated sentences and citation markers go
    assert summarize([a, "  The NATO-Russia  Council met in Brussels on January 12.[1]", a]) == a
    # a sentence contained in a longer one gives way to it, in its place
    assert summarize(["Talks in Geneva", "Russia and the US held talks in Geneva on January 10.", b]) == \
        "Russia and the US held talks in Geneva on January 10. " + b
    # missing final punctuation is added between sentences
    assert summarize(["Talks began on Monday", b]).startswith("Talks began on Monday. On January 12")


def test_summary_is_bounded():
    from nato_timeline.merge import summarize

    long = "word " * 200
    s = summarize([long.strip()], max_chars=100)
    assert len(s) <= 100 and s.endswith("…") and not s.endswith(" …")
    a, b = "A" * 60 + ".", "B" * 60 + "."
    assert summarize([a, b], max_chars=100) == a  # the second does not fit whole
    assert summarize([], max_chars=100) == "" and summarize(["   "]) == ""


def _naive_groups(cands, same=same_event):
    """The definition group_candidates must keep: every group is compared, and the
    mention joins the one ``choose_event`` picks among those it fits."""
    rank = {"year": 1, "month": 2, "day": 3}
    groups: list[list[int]] = []
    for i, c in enumerate(cands):
        fits = [g for g in groups if all(same(c, cands[j]) for j in g)]
        finest = [max((cands[j] for j in g), key=lambda x: rank[x.date.precision]) for g in fits]
        pick = choose_event(c, finest) if c.date is not None else None
        if pick is None:
            groups.append([i])
        else:
            fits[pick].append(i)
    return groups


def _mixed_mentions(n: int, seed: int) -> list[Ev]:
    import random

    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        year = rnd.choice((2014, 2015, 2022))
        kind = rnd.random()
        if kind < 0.1:
            date = None
        elif kind < 0.3:
            date = D(year)
        elif kind < 0.6:
            date = D(year, rnd.choice((1, 4)))
        else:
            date = D(year, rnd.choice((1, 4)), rnd.choice((1, 12, 13)))
        out.append(Ev(date, rnd.choice(("meeting", "talks", "suspension")),
                      places=rnd.choice(((), ("Brussels",), ("Geneva",))),
                      actors=rnd.choice(((), ("NATO",), ("Russia",))),
                      title=rnd.choice(("Council meets", "Talks held", "Cooperation suspended")),
                      date_value=date.value if date else "XXXX"))
    return out


def test_group_candidates_gives_the_clusters_of_comparing_every_pair():
    for seed in range(20):
        cands = _mixed_mentions(60, seed)
        assert group_candidates(cands) == _naive_groups(cands), seed


def test_group_candidates_compares_only_mentions_of_one_year():
    """Growth in comparisons, not time: ten distinct events a year, over more and more years."""
    def mentions(years: int) -> list[Ev]:
        return [Ev(D(1900 + y, 1 + k, 1), "meeting", places=(f"P{k}",), title="Meeting")
                for y in range(years) for k in range(10)]

    def comparisons(cands, grouping) -> int:
        n = 0

        def counting(a, b):
            nonlocal n
            n += 1
            return same_event(a, b)

        grouping(cands, counting)
        return n

    small, large = mentions(20), mentions(80)
    assert group_candidates(small) == _naive_groups(small)
    # four times the mentions: four times the comparisons (linear), where every pair
    # would be sixteen times
    assert comparisons(large, group_candidates) == 4 * comparisons(small, group_candidates)
    assert comparisons(large, _naive_groups) > 15 * comparisons(small, _naive_groups)
    assert comparisons(large, group_candidates) < comparisons(large, _naive_groups) / 50


def test_a_vaguer_mention_joins_the_one_event_it_fits():
    cands = [Ev(D(2022, 1, 12), "meeting", ("Brussels",), title="Council meets"),
             Ev(D(2022, 1, 13), "meeting", ("Vienna",), title="OSCE meets"),
             Ev(D(2022, 1), "meeting", ("Brussels",), title="Council meeting")]
    assert group_candidates(cands) == [[0, 2], [1]]


def test_a_vaguer_mention_fitting_two_events_joins_neither():
    cands = [Ev(D(2022, 1, 12), "meeting", ("Brussels",), title="Council meets"),
             Ev(D(2022, 1, 20), "meeting", ("Brussels",), title="Council meets again"),
             Ev(D(2022, 1), "meeting", ("Brussels",), title="Council meeting")]
    assert group_candidates(cands) == [[0], [1], [2]]


def test_choose_event():
    day12, day20 = Ev(D(2022, 1, 12), "meeting"), Ev(D(2022, 1, 20), "meeting")
    month, year = Ev(D(2022, 1), "meeting"), Ev(D(2022), "meeting")
    assert choose_event(month, []) is None
    assert choose_event(month, [day12]) == 0
    assert choose_event(month, [day12, day20]) is None
    assert choose_event(month, [day12, month]) == 1          # its own date wins
    assert choose_event(day12, [year, month]) == 1           # finer than all: the most precise
    assert choose_event(year, [month, day12]) is None        # two finer events: ambiguous


def test_a_week_is_never_widened_to_its_year():
    # "ratified last week" in an article of 4 April 2023: ISO week 13 (27 March - 2 April),
    # stored at the year because it spans two months; it may only join what overlaps that week
    week = Ev(D(2023), "agreement", actors=("Turkey",), title="Turkey ratifies the protocol", date_value="2023-W13")
    assert not same_event(week, Ev(D(2023, 4, 4), "agreement", actors=("Turkey",), title="Turkey ratifies it"))
    assert same_event(week, Ev(D(2023, 3, 30), "agreement", actors=("Turkey",), title="Turkey ratifies it"))
    assert not same_event(Ev(D(2023, 7, 11), "meeting", actors=("NATO",), title="Ministers meet"),
                          Ev(D(2023, 2), "meeting", actors=("NATO",), title="Ministers meet", date_value="2023-W07"))


def test_acts_of_no_known_kind_are_told_apart_by_their_words():
    sends = Ev(D(2011), "other", actors=("United States",), title="Washington sends a ferry to Bergen")
    hosts = Ev(D(2011), "other", actors=("Norway", "United States"), title="Norway hosts a radar for the US")
    assert not same_event(sends, hosts)
    assert same_event(sends, Ev(D(2011, 5), "other", actors=("United States",), title="US ferry sent to Bergen"))


def test_a_shared_name_is_not_a_shared_act():
    # one day, one actor, one place: the names in both headlines say nothing of the act
    hits = Ev(D(2019, 4, 12), "other", places=("Bergen",), actors=("Norway",), title="Norway closes the Bergen ferry line")
    sorry = Ev(D(2019, 4, 12), "other", actors=("Norway",), title="Norway apologises for the delays")
    assert not same_event(hits, sorry)
    assert same_event(hits, Ev(D(2019, 4, 12), "other", actors=("Norway",), title="Ferry line to Bergen is closed"))


def test_an_act_of_no_known_kind_on_the_day_and_at_the_place_of_a_known_one_is_that_act():
    signing = Ev(D(1997, 5, 27), "agreement", places=("Bergen",), actors=("Norway",), title="Norway signs the act in Bergen")
    ceremony = Ev(D(1997, 5, 27), "other", places=("Bergen",), title="Ceremony in Bergen")
    assert same_event(signing, ceremony) and same_event(ceremony, signing)
    # not on another day, not at another place, not when the day is not known
    assert not same_event(signing, Ev(D(1997, 5, 28), "other", places=("Bergen",), title="Ceremony in Bergen"))
    assert not same_event(signing, Ev(D(1997, 5, 27), "other", places=("Oslo",), title="Ceremony in Oslo"))
    assert not same_event(signing, Ev(D(1997, 5), "other", places=("Bergen",), title="Ceremony in Bergen"))
