"""Tests of the data files and their loader."""

from __future__ import annotations

import datetime as dt

from nato_timeline.lexicon import get_lexicon, load_lexicon, DATA_DIR
from nato_timeline.events import TYPES


def test_cached():
    assert get_lexicon() is get_lexicon()


def test_trigger_types_known_and_titles_present():
    lex = get_lexicon()
    for t in lex.triggers:
        assert t.type in TYPES, t
        assert t.verb3 and t.noun
    met = lex.trigger("met")
    assert met.type == "meeting" and met.verb3 == "meets"
    assert lex.trigger("annexation").type == "annexation"
    assert lex.trigger("held talks").type == "talks"


def test_triggers_match_glued_infobox_labels():
    found = [t.form for _, _, t in get_lexicon().find_triggers("Signed19 November 1990 EffectiveNovember 9")]
    assert found == ["signed", "effective"]


def test_actor_aliases():
    lex = get_lexicon()
    names = lambda s: [m.canonical for m in lex.find_actors(s)]  # noqa: E731
    assert names("the Alliance and NATO Allies") == ["NATO", "NATO"]
    assert names("North Atlantic Treaty Organization") == ["NATO"]
    assert names("Moscow, the Kremlin, the Russian Federation") == ["Russia", "Russia", "Russia"]
    assert names("the Russia-NATO Council (NRC)") == ["NATO-Russia Council", "NATO-Russia Council"]
    assert names("Washington and the U.S. and the US") == ["United States"] * 3
    assert names("Sergei Lavrov") == ["Sergey Lavrov"]
    assert names("let us go") == []  # acronyms are case-sensitive


def test_office_holders_by_date():
    lex = get_lexicon()
    sg = "NATO Secretary General"
    assert lex.office_holder(sg, dt.date(2015, 5, 19)) == "Jens Stoltenberg"
    assert lex.office_holder(sg, dt.date(2024, 10, 1)) == "Mark Rutte"
    assert lex.office_holder(sg, dt.date(2024, 9, 30)) == "Jens Stoltenberg"
    assert lex.office_holder(sg, None) is None
    assert lex.short_name("Jens Stoltenberg") == "Stoltenberg"


def test_places():
    lex = get_lexicon()
    got = [m.canonical for m in lex.find_places("Kiev, Kyiv, the Crimean peninsula, Palais d'Egmont, Vilnius")]
    assert got == ["Kyiv", "Kyiv", "Crimea", "Palais d'Egmont", "Vilnius"]
    assert lex.place("Palais d'Egmont").within == "Brussels"


def test_data_files_have_header_comments():
    for name in ("event_types.tsv", "actors.tsv", "places.tsv", "cancellations.tsv"):
        first = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#")


def test_user_data_dir_extends(tmp_path):
    (tmp_path / "actors.tsv").write_text("Atlantis\tstate\t\t\t\t\tAtlanteans|Atlantean\n", encoding="utf-8")
    (tmp_path / "event_types.tsv").write_text("parleyed\tverb\ttalks\tparleys\tParley\t3\n", encoding="utf-8")
    lex = load_lexicon([DATA_DIR, tmp_path])
    assert [m.canonical for m in lex.find_actors("the Atlanteans")] == ["Atlantis"]
    assert lex.trigger("parleyed").type == "talks"
    assert lex.trigger("met").type == "meeting"


def test_env_var_names_the_user_data_dir(tmp_path, monkeypatch):
    (tmp_path / "places.tsv").write_text("Atlantis City\tcity\t\tAtlantopolis\n", encoding="utf-8")
    monkeypatch.setenv("NATO_TIMELINE_DATA", str(tmp_path))
    lex = load_lexicon()
    assert lex.place("Atlantis City") is not None
    assert lex.trigger("met").type == "meeting"


def test_holders_overlap_the_span_and_office_on_covers_it():
    lex = get_lexicon()
    sg = "NATO Secretary General"
    assert lex.holders(sg, dt.date(2015, 5, 19), dt.date(2015, 5, 19)) == {"Jens Stoltenberg"}
    # the year 2014 saw two secretaries general
    assert lex.holders(sg, dt.date(2014, 1, 1), dt.date(2014, 12, 31)) == {"Anders Fogh Rasmussen", "Jens Stoltenberg"}
    assert lex.office_on("Jens Stoltenberg", dt.date(2015, 1, 1), dt.date(2015, 12, 31)) == sg
    assert lex.office_on("Jens Stoltenberg", dt.date(2014, 1, 1), dt.date(2014, 12, 31)) is None
    assert lex.office_on("Nobody Known", dt.date(2014, 1, 1), dt.date(2014, 1, 1)) is None


def test_user_office_file_adds_terms(tmp_path):
    (tmp_path / "actors.tsv").write_text(
        "Test Office\toffice\tTest Office\t\t\t\tthe test chair\n"
        "Ann Example\tperson\tExample\tTest Office\t2020-01-01\t2021-01-01\tExample\n",
        encoding="utf-8",
    )
    lex = load_lexicon([DATA_DIR, tmp_path])
    assert lex.holders("Test Office", dt.date(2020, 6, 1), dt.date(2020, 6, 1)) == {"Ann Example"}
    assert lex.holders("Test Office", dt.date(2021, 6, 1), dt.date(2021, 6, 1)) == set()
    assert [m.canonical for m in lex.find_actors("Then the test chair spoke.")] == ["Test Office"]


def test_cancelling_verbs_come_from_the_data_file_and_user_files(tmp_path):
    lex = get_lexicon()
    text = "Moscow pulled out of the talks; Paris cancelled the summit."
    assert [text[s:e] for s, e in lex.find_cancellations(text)] == ["pulled out of", "cancelled"]
    assert lex.find_cancellations("The talks were held.") == []
    (tmp_path / "cancellations.tsv").write_text("# user verbs\nshelved\n", encoding="utf-8")
    lex = load_lexicon([DATA_DIR, tmp_path])
    assert [m for m in lex.find_cancellations("They shelved the meeting.")] == [(5, 12)]


def _alternation(names, text):
    return [(m.start(), m.end(), m.group(0)) for m in names.whole.finditer(text)]


def test_name_index_finds_what_one_alternation_finds():
    """Names are looked up by their first word, not tried all at every position; the matches
    are those of one alternation of every name: word edges, the longest name first, left to
    right, case kept where the data says so, glued infobox labels too."""
    lex = get_lexicon()
    text = ("The North  Atlantic Treaty Organization and NATO's envoys met the Russian Federation "
            "in Brussels.\nSigned19 November 1990 EffectiveNovember 9, then talks were held, "
            "Moscow’s delegation signed; nato and Nato differ from NATO. Secretary General "
            "Jens Stoltenberg visited Kyiv and the Kremlin")
    for names in (lex.trigger_re, lex.actor_re, lex.place_re):
        assert list(names.finditer(text)) == _alternation(names, text)
    assert [t.form for _s, _e, t in lex.find_triggers(text)][:1] == ["met"]
    assert {m.canonical for m in lex.find_places(text)} >= {"Brussels", "Kyiv"}


def test_a_name_is_not_found_inside_a_word_in_capitals():
    lex = get_lexicon()
    assert [t.form for _s, _e, t in lex.find_triggers("WARSAW PACT SENTIMENT")] == []
    assert [t.form for _s, _e, t in lex.find_triggers("WAR broke out")] == ["war"]
