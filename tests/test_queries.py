"""The read side on a real database, with hand-built extractions: every list
filter alone and combined, full-text search (ranking, snippets, syntax errors,
metacharacters), the search index kept in sync by the write path, sources,
actors and related events."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from nato_timeline import models as m
from nato_timeline import queries, store, textquery
from nato_timeline.errors import UsageError
from nato_timeline.queries import EventFilter
from nato_timeline.records import Document
from nato_timeline.temporal.types import PartialDate, Timex

from .test_store import cand, save, tx

COUNCIL = "The NATO-Russia Council met in Brussels on 12 January 2022 to discuss security guarantees."
COUNCIL_B = "On January 12 the council met at the Palais d'Egmont in Brussels."
TALKS = "Russia and the United States held talks in Geneva on 10 January 2022."
CRIMEA = "Russia annexed Crimea in 2014."
SUSPENSION = "NATO suspended practical cooperation with Russia in April 2014, citing sanctions."
SUMMIT = "The summit opened in Madrid on January 12."
MINISTERS = "Stoltenberg met Lavrov in Brussels on 19 May 2015 to discuss cooperation."


def doc(name: str, body: str, published: PartialDate | None = None, published_from: str = "unknown") -> Document:
    return Document(name=name, path=f"/docs/{name}", body=body, published=published,
                    published_from=published_from, sha256=hashlib.sha256(body.encode()).hexdigest())


@pytest.fixture
def world(session):
    """Six events from seven documents; the summit is year-less (undated)."""
    save(session, doc("a.txt", COUNCIL, PartialDate(2022, 1, 12), "dateline"),
         cand("2022-01-12", "NATO-Russia Council meets in Brussels", "meeting", COUNCIL,
              places=("Brussels",), actors=("NATO", "NATO-Russia Council", "Russia")),
         timexes=[Timex(43, 58, "12 January 2022", "DATE", "2022-01-12")])
    save(session, doc("b.txt", COUNCIL_B),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_B, places=("Brussels",)))
    save(session, doc("c.txt", TALKS),
         cand("2022-01-10", "Russia-US talks in Geneva", "talks", TALKS,
              places=("Geneva",), actors=("Russia", "United States")))
    save(session, doc("d.txt", CRIMEA),
         cand("2014", "Russia annexes Crimea", "annexation", CRIMEA, places=("Crimea",), actors=("Russia",)))
    save(session, doc("e.txt", SUSPENSION),
         cand("2014-04", "NATO suspends cooperation with Russia", "suspension", SUSPENSION,
              actors=("NATO", "Russia")))
    save(session, doc("f.txt", SUMMIT),
         cand(None, "Summit opens in Madrid", "summit", SUMMIT, value="XXXX-01-12",
              places=("Madrid",), actors=("NATO", "G7")))
    save(session, doc("g.txt", MINISTERS),
         cand("2015-05-19", "Stoltenberg meets Lavrov in Brussels", "meeting", MINISTERS,
              places=("Brussels",), actors=("Jens Stoltenberg", "Sergey Lavrov")))
    return session


def titles(session, **kw) -> list[str]:
    return [e.title for e in queries.list_events(session, EventFilter(**kw))]


COUNCIL_T, TALKS_T = "NATO-Russia Council meets in Brussels", "Russia-US talks in Geneva"
CRIMEA_T, SUSP_T = "Russia annexes Crimea", "NATO suspends cooperation with Russia"
SUMMIT_T, MIN_T = "Summit opens in Madrid", "Stoltenberg meets Lavrov in Brussels"


# ---------------------------------------------------------------- list filters


def test_no_filter_is_the_dated_chronology(world):
    assert titles(world) == [CRIMEA_T, SUSP_T, MIN_T, TALKS_T, COUNCIL_T]
    assert titles(world, include_undated=True)[-1] == SUMMIT_T


EACH_FILTER = [
    ({"actors": ("russia",)}, [CRIMEA_T, SUSP_T, TALKS_T, COUNCIL_T]),
    ({"actors": ("RUSSIA", "Sergey Lavrov")}, [CRIMEA_T, SUSP_T, MIN_T, TALKS_T, COUNCIL_T]),
    ({"actors": ("United States",)}, [TALKS_T]),
    ({"types": ("meeting",)}, [MIN_T, COUNCIL_T]),
    ({"types": ("meeting", "talks")}, [MIN_T, TALKS_T, COUNCIL_T]),
    ({"types": ("Annexation",)}, [CRIMEA_T]),
    ({"places": ("brussels",)}, [MIN_T, COUNCIL_T]),
    ({"places": ("Brussels", "Geneva")}, [MIN_T, TALKS_T, COUNCIL_T]),
    ({"sources": ("b.txt",)}, [COUNCIL_T]),
    ({"sources": ("c.txt", "d.txt")}, [CRIMEA_T, TALKS_T]),
    ({"min_sources": 2}, [COUNCIL_T]),
    ({"min_sources": 1}, [CRIMEA_T, SUSP_T, MIN_T, TALKS_T, COUNCIL_T]),
    ({"min_sources": 3}, []),
]

# The tables below run inside one test each: every test pays for a migrated
# database and the fixture's ingest, on each backend the suite runs on.


def test_each_filter(world):
    for kw, expected in EACH_FILTER:
        assert titles(world, **kw) == expected, kw


TEXT_FILTER = [
    ("crimea", [CRIMEA_T]),
    ("Crimea", [CRIMEA_T]),
    ("sanction*", [SUSP_T]),
    ("sanctions", [SUSP_T]),
    ('"security guarantees"', [COUNCIL_T]),
    ('"guarantees security"', []),
    ("geneva OR crimea", [CRIMEA_T, TALKS_T]),
    ("russia -crimea", [SUSP_T, TALKS_T, COUNCIL_T]),
    ("russia NOT crimea NOT geneva", [SUSP_T, COUNCIL_T]),
    ("(talks OR cooperation) russia", [SUSP_T, TALKS_T]),
    ("NATO-Russia", [COUNCIL_T]),
    ("egmont", [COUNCIL_T]),  # a word only the second source's quote has
    ("cooperation", [SUSP_T, MIN_T]),
    ("nothingofthekind", []),
]


def test_text_filter(world):
    for query, expected in TEXT_FILTER:
        assert titles(world, text=query) == expected, query


def test_filters_combine_with_and(world):
    assert titles(world, actors=("russia",), types=("meeting", "talks")) == [TALKS_T, COUNCIL_T]
    assert titles(world, places=("Brussels",), text="cooperation") == [MIN_T]
    assert titles(world, actors=("Russia",), min_sources=2) == [COUNCIL_T]
    assert titles(world, actors=("NATO",), since=PartialDate(2020), text="brussels") == [COUNCIL_T]
    assert titles(world, types=("meeting",), sources=("c.txt",)) == []
    # every combination is the intersection of its parts
    parts = [{"actors": ("Russia",)}, {"types": ("meeting", "talks", "suspension")}, {"text": "russia OR council"},
             {"places": ("Brussels", "Geneva")}, {"until": PartialDate(2022, 1, 11)}]
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            both = titles(world, **a, **b)
            assert both == [t for t in titles(world, **a) if t in titles(world, **b)], (a, b)


def test_undated_events_follow_the_same_filters(world):
    assert titles(world, actors=("NATO",), include_undated=True) == [SUSP_T, COUNCIL_T, SUMMIT_T]
    assert titles(world, actors=("G7",), include_undated=True) == [SUMMIT_T]
    assert titles(world, actors=("G7",)) == []
    assert titles(world, text="madrid", include_undated=True) == [SUMMIT_T]
    assert titles(world, types=("meeting",), include_undated=True) == [MIN_T, COUNCIL_T]


def test_limit_applies_after_filters(world):
    assert titles(world, actors=("Russia",), limit=2) == [CRIMEA_T, SUSP_T]
    assert titles(world, actors=("NATO",), include_undated=True, limit=3) == [SUSP_T, COUNCIL_T, SUMMIT_T]


def test_unknown_names_match_nothing_and_are_reported(world):
    flt = EventFilter(actors=("Nobody", "russia"), places=("Atlantis",), types=("picnic",), sources=("zz.txt", "a.txt"))
    assert queries.list_events(world, EventFilter(actors=("Nobody",))) == []
    assert titles(world, actors=("Nobody", "Russia"))[:1] == [CRIMEA_T]  # OR within the option
    assert queries.unknown_names(world, flt) == [
        ("actor", "Nobody"), ("place", "Atlantis"), ("type", "picnic"), ("document", "zz.txt")]
    assert queries.unknown_names(world, EventFilter(actors=("RUSSIA",), types=("Meeting",))) == []


METACHARACTERS = ["'", '"', "*", "NEAR(", "--", "'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "\\", "a'b\"c*"]


@pytest.mark.parametrize("option", ["actors", "types", "places", "sources", "text"])
def test_metacharacters_in_every_text_option(world, option):
    for value in METACHARACTERS:
        flt = EventFilter(**{option: value if option == "text" else (value,)})
        try:
            assert queries.list_events(world, flt) == [], value
        except UsageError as exc:  # only --text has a syntax; punctuation alone is no words
            assert option == "text" and "search text" in str(exc), value
    assert len(titles(world)) == 5  # nothing was dropped or changed


def test_metacharacters_in_search(world):
    for value in METACHARACTERS:
        try:
            hits = queries.search_events(world, f"russia {value}")
        except UsageError as exc:
            unbalanced = value.count('"') % 2 or value.count("(") != value.count(")")
            assert "search text" in str(exc) and unbalanced, value  # an unclosed quote or parenthesis
        else:
            assert all("russia" in (h.event.title + h.event.summary).lower() for h in hits), value
            if not any(c.isalnum() for c in value):  # punctuation alone adds nothing to match
                assert len(hits) == 4, value
    assert world.scalar(select(func.count()).select_from(m.Event)) == 6


# ---------------------------------------------------------------- search


def test_search_ranks_title_matches_first_with_snippets(world):
    hits = queries.search_events(world, "cooperation")
    assert [h.event.title for h in hits] == [SUSP_T, MIN_T]
    assert hits[0].rank > hits[1].rank
    for h in hits:
        assert h.highlights
        for a, b in h.highlights:
            assert h.snippet[a:b].lower().startswith("cooperation")


def test_search_snippet_offsets_for_prefix_and_phrase(world):
    [hit] = queries.search_events(world, "sanct*")
    assert [hit.snippet[a:b].lower() for a, b in hit.highlights] == ["sanctions"]
    [hit] = queries.search_events(world, '"security guarantees"')
    marked = [hit.snippet[a:b].lower() for a, b in hit.highlights]
    assert marked in (["security", "guarantees"], ["security guarantees"])


def test_search_finds_undated_events_and_limits(world):
    assert [h.event.title for h in queries.search_events(world, "madrid")] == [SUMMIT_T]
    hits = queries.search_events(world, "russia", limit=2)
    assert len(hits) == 2
    every = queries.search_events(world, "russia", limit=None)
    assert len(every) == 4 and every[:2] == hits
    ranks = [h.rank for h in every]
    assert ranks == sorted(ranks, reverse=True)
    assert queries.search_events(world, "nothingofthekind") == []


def test_search_hit_json_has_rank_snippet_and_highlights(world):
    [hit] = queries.search_events(world, "crimea")
    data = hit.to_json()
    assert data["title"] == CRIMEA_T and data["snippet"] == hit.snippet
    assert data["highlights"] == [list(h) for h in hit.highlights] and isinstance(data["rank"], float)


SYNTAX_ERRORS = [
    ('"unclosed', "double quote is not closed"),
    ("(talks OR meeting", "'(' is not closed"),
    ("talks)", "')' has no matching '('"),
    ("OR talks", "OR needs words on both sides"),
    ("talks OR", "OR needs words on both sides"),
    ("talks OR OR meeting", "OR needs words on both sides"),
    ("talks AND", "AND needs words on both sides"),
    ("russia NOT", "NOT needs a word after it"),
    ("-crimea", "add a word to search for"),
    ("NOT crimea", "add a word to search for"),
    ("NEAR(", "'(' is not closed"),
    ("--", "no words to search for"),
    ("*", "no words to search for"),
    ("()", "no words to search for"),
    ("", "search text is empty"),
    ("   ", "search text is empty"),
]


def test_syntax_errors_are_usage_errors_with_one_line(world):
    for query, message in SYNTAX_ERRORS:
        with pytest.raises(UsageError) as err:
            queries.search_events(world, query)
        assert message in str(err.value) and "\n" not in str(err.value), query
        with pytest.raises(UsageError):
            queries.list_events(world, EventFilter(text=query))


def _fts_ok(session, query: str) -> None:
    try:
        queries.search_events(session, query)
    except UsageError:
        pass


_PIECES = ["russia", "NATO", "OR", "AND", "NOT", "NEAR", "(", ")", '"', "'", "*", "-", "--", ";", ":", "^",
           "+", "{", "}", "col:", "NEAR(", "x*y", "é", " ", "\\", "%", "_", "0"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=12).flatmap(
    lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])))
def test_any_text_is_a_query_or_a_usage_error(world, query):
    """Nothing typed reaches the database as syntax: the backend never rejects what the parser let through."""
    _fts_ok(world, query)
    try:
        queries.list_events(world, EventFilter(text=query))
    except UsageError:
        pass


# ---------------------------------------------------------------- the text query language


@pytest.mark.parametrize("query,fts5", [
    ("council brussels", '("council" AND "brussels")'),
    ('"security guarantees"', '"security guarantees"'),
    ('"security guar"*', '"security guar"*'),
    ("sanction*", '"sanction"*'),
    ("talks OR meeting", '("talks" OR "meeting")'),
    ("russia -crimea", '(("russia") NOT "crimea")'),
    ("russia NOT crimea", '(("russia") NOT "crimea")'),
    ("nato AND russia", '("nato" AND "russia")'),
    ("(talks OR meeting) geneva", '(("talks" OR "meeting") AND "geneva")'),
    ("NATO-Russia", '"nato russia"'),
    ("Russia's", '"russia s"'),
    ("'; DROP TABLE events; --", '("drop" AND "table" AND "events")'),
    ("NEAR(a b)", '("near" AND ("a" AND "b"))'),
    ("or and not", '("or" AND "and" AND "not")'),
    ("Sinirlioğlu", '"sinirlioğlu"'),
    ("snake_case", '"snake case"'),
])
def test_query_language_for_sqlite(query, fts5):
    assert textquery.to_fts5(textquery.parse(query)) == fts5


def test_query_language_for_postgresql():
    """Terms are bound parameters of phraseto_tsquery; only prefixes are written as tsquery text."""
    sql, params = textquery.to_postgres(textquery.parse('(talks OR "Russia-NATO deal") -crimea sanction*'))
    assert sql == ("((phraseto_tsquery('english', :tsq_0) || phraseto_tsquery('english', :tsq_1)) && "
                   "to_tsquery('english', :tsq_2) && !!phraseto_tsquery('english', :tsq_3))")
    assert params == {"tsq_0": "talks", "tsq_1": "Russia-NATO deal", "tsq_2": "'sanction':*", "tsq_3": "crimea"}
    sql, params = textquery.to_postgres(textquery.parse("'; DROP TABLE events; --"))
    assert "DROP" not in sql and ";" not in sql and list(params.values()) == ["DROP", "TABLE", "events;"]
    _, params = textquery.to_postgres(textquery.parse('"a b"*'))
    assert params == {"tsq_0": "'a' <-> 'b':*"}


def test_query_language_limits():
    with pytest.raises(UsageError, match="more than 64 words"):
        textquery.parse(" ".join(["w"] * 65))
    with pytest.raises(UsageError, match="nested parentheses"):
        textquery.parse("(" * 17 + "w" + ")" * 17)
    assert textquery.parse("(" * 16 + "w" + ")" * 16) == textquery.Term(("w",))


def test_parse_snippet_offsets():
    on, off = queries._MARK_ON, queries._MARK_OFF
    assert queries.parse_snippet(f"a {on}bc{off} d {on}e{off}") == ("a bc d e", ((2, 4), (7, 8)))
    assert queries.parse_snippet(f"{off}x{on}") == ("x", ())


# ---------------------------------------------------------------- the index follows the write path


def _indexed(session) -> int:
    return session.execute(text("SELECT count(*) FROM event_search")).scalar()


def _search_titles(session, q: str) -> list[str]:
    return [h.event.title for h in queries.search_events(session, q)]


def test_index_follows_merges_and_deletions(world):
    assert _indexed(world) == world.scalar(select(func.count()).select_from(m.Event)) == 6
    assert _search_titles(world, "egmont") == [COUNCIL_T]
    with tx(world):
        store.delete_document(world, document_id=world.scalar(select(m.Document.id).where(m.Document.name == "b.txt")))
    assert _search_titles(world, "egmont") == []  # the quote went with its document
    assert _search_titles(world, "guarantees") == [COUNCIL_T]  # the other source's stays
    with tx(world):
        store.delete_document(world, document_id=world.scalar(select(m.Document.id).where(m.Document.name == "d.txt")))
    assert _search_titles(world, "crimea") == []  # the event went with its last source
    assert _indexed(world) == world.scalar(select(func.count()).select_from(m.Event)) == 5


def test_index_follows_year_less_resolution(session):
    save(session, doc("y.txt", COUNCIL_B),
         cand(None, "Council meets in Brussels", "meeting", COUNCIL_B, value="XXXX-01-12", places=("Brussels",)))
    saved = save(session, doc("x.txt", COUNCIL),
                 cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL, places=("Brussels",)))
    assert saved.resolved == 1
    [hit] = queries.search_events(session, "egmont")
    assert hit.event.date == "2022-01-12"
    assert _indexed(session) == 1


# ---------------------------------------------------------------- sources, actors, related


def test_list_sources(world):
    found = {d.name: d for d in queries.list_sources(world)}
    assert list(found) == sorted(found)
    a = found["a.txt"]
    assert (a.published, a.published_from, a.expressions, a.events, a.quotes) == ("2022-01-12", "dateline", 1, 1, 1)
    assert (found["b.txt"].published, found["b.txt"].published_from, found["b.txt"].expressions) == (None, "unknown", 0)
    assert found["f.txt"].events == 1
    assert a.to_json()["document"] == "a.txt"


def test_list_actors(world):
    got = {a.name: (a.events, a.first, a.last) for a in queries.list_actors(world)}
    assert got["Russia"] == (4, "2014", "2022-01-12")
    assert got["NATO"] == (3, "2014-04", "2022-01-12")  # the undated summit counts, but has no date
    assert got["G7"] == (1, None, None)
    assert got["Sergey Lavrov"] == (1, "2015-05-19", "2015-05-19")
    order = [(a.events, a.name) for a in queries.list_actors(world)]
    assert order == sorted(order, key=lambda t: (-t[0], t[1].casefold()))


def _id(session, title: str) -> int:
    return session.scalar(select(m.Event.id).where(m.Event.title == title))


def test_related_events(world):
    rel = queries.related_events(world, _id(world, COUNCIL_T))
    assert [r.event.title for r in rel] == [TALKS_T]  # shares Russia, two days before
    assert rel[0].shared_actors == ("Russia",) and rel[0].days_apart == 2
    [back] = queries.related_events(world, _id(world, TALKS_T))
    assert back.event.title == COUNCIL_T and back.score == rel[0].score
    undated = queries.related_events(world, _id(world, SUMMIT_T))
    assert [r.event.title for r in undated] == [SUSP_T, COUNCIL_T]  # share NATO; no date to compare
    assert all(r.days_apart is None and r.shared_actors == ("NATO",) for r in undated)
    assert queries.related_events(world, _id(world, COUNCIL_T), 0) == []
    assert queries.related_events(world, 10**6) == []


def test_related_events_near_in_time_without_shared_actors(session):
    save(session, doc("p.txt", "p"), cand("2020-03-01", "Summit in Paris", "summit", "p", places=("Paris",)))
    save(session, doc("q.txt", "q"), cand("2020-03-20", "Talks in Oslo", "talks", "q", places=("Oslo",)))
    save(session, doc("r.txt", "r"), cand("2020-06-01", "Talks in Rome", "talks", "r", places=("Rome",)))
    [near] = queries.related_events(session, _id(session, "Summit in Paris"))
    assert near.event.title == "Talks in Oslo" and near.days_apart == 19 and near.shared_actors == ()
