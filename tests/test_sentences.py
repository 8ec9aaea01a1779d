"""Sentence splitting: offsets, abbreviations, quotes, line breaks, glued text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nato_timeline.sentences import split_sentences


def texts(text: str, regions=None) -> list[str]:
    return [s.text for s in split_sentences(text, regions)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met. It agreed.", ["The council met.", "It agreed."]),
        ("Mr. Smith met Dr. Jones in Geneva. They talked.", ["Mr. Smith met Dr. Jones in Geneva.", "They talked."]),
        ("The U.S. delegation arrived. Talks began.", ["The U.S. delegation arrived.", "Talks began."]),
        ("Talks were held in the U.S. The next round is in Europe.", ["Talks were held in the U.S.", "The next round is in Europe."]),
        ("It happened on Jan. 12, 2022 in Brussels. Later it rained.", ["It happened on Jan. 12, 2022 in Brussels.", "Later it rained."]),
        ("Signed on Sept. 12. Then nothing.", ["Signed on Sept. 12.", "Then nothing."]),
        ("Resolution No. 5 was adopted. It passed.", ["Resolution No. 5 was adopted.", "It passed."]),
        ("They met in St. Petersburg on Oct. 3.", ["They met in St. Petersburg on Oct. 3."]),
        ("The meeting began at 10 a.m. Moscow time and ended late.", ["The meeting began at 10 a.m. Moscow time and ended late."]),
        ("It began at 9 a.m. The press was excluded.", ["It began at 9 a.m.", "The press was excluded."]),
        ("General J. Smith spoke. He was brief.", ["General J. Smith spoke.", "He was brief."]),
        ("Budgets rose 3.5 percent in 2021. Spending fell.", ["Budgets rose 3.5 percent in 2021.", "Spending fell."]),
        ("He said: “We will meet again.” The talks ended.", ["He said: “We will meet again.”", "The talks ended."]),
        ("“We are ready,” he said. “Are you?” she asked.", ["“We are ready,” he said.", "“Are you?” she asked."]),
        ("Is this the end? No. It is not!", ["Is this the end?", "No.", "It is not!"]),
        ("NATO summit opens in Vilnius\n\nLeaders arrived on Tuesday.", ["NATO summit opens in Vilnius", "Leaders arrived on Tuesday."]),
        ("Headline without a stop\nFirst line of text.", ["Headline without a stop", "First line of text."]),
        ("05 Oct. 2015I just met the minister. We spoke.", ["05 Oct. 2015I just met the minister.", "We spoke."]),
        ("19 May. 2015The minister came.", ["19 May. 2015The minister came."]),
        ("It entered into force in 2011.[1] It expires in 2026.", ["It entered into force in 2011.[1]", "It expires in 2026."]),
        ("He studied at the University.He joined in 2017.", ["He studied at the University.", "He joined in 2017."]),
        ("The general spoke about the\nairspace violation on Monday.", ["The general spoke about the\nairspace violation on Monday."]),
        ("First paragraph ends here.\nSecond line starts here.", ["First paragraph ends here.", "Second line starts here."]),
        # lines broken inside a sentence (links on a scraped page): after a comma, which no
        # heading ends with, and after an abbreviation's stop before a lower-case line
        ("On 3 May 2009,\nThe ferry sailed.", ["On 3 May 2009,\nThe ferry sailed."]),
        ("Later the U.S.\nannounced a plan.", ["Later the U.S.\nannounced a plan."]),
        ("Ferries sailed.\nthen it rained.", ["Ferries sailed.", "then it rained."]),
        ("MOSCOW. -The ministry said so.", ["MOSCOW. -The ministry said so."]),
        ("Gen. Pavel Grachev traveled to Brussels.", ["Gen. Pavel Grachev traveled to Brussels."]),
        ("  \n  Leading and trailing space.  \n\n", ["Leading and trailing space."]),
        ("  • |\n  •\nReal text.", ["Real text."]),
        ("Let me state ... there are no obstacles.", ["Let me state ... there are no obstacles."]),
        # a caption run into the dateline of the story under it ends before the dateline
        ("The mayor at a ferry meeting in Tromso on May 3 (HW) May 4, 2019 -- Envoys arrive today.",
         ["The mayor at a ferry meeting in Tromso on May 3 (HW)", "May 4, 2019 -- Envoys arrive today."]),
        # ... but a date that ends a clause, or one after its place, stays in its sentence
        ("The summit ended on May 4, 2019 -- A day early.", ["The summit ended on May 4, 2019 -- A day early."]),
        ("Tromso, 4 May 2019 (HW/AP) -- Envoys arrive today.", ["Tromso, 4 May 2019 (HW/AP) -- Envoys arrive today."]),
    ],
)
def test_split_table(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_and_regions() -> None:
    text = "Share bar\nThe council met. It agreed.\nFooter"
    start = text.index("The")
    end = text.index("\nFooter")
    spans = split_sentences(text, [(start, end)])
    assert [s.text for s in spans] == ["The council met.", "It agreed."]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_regions_starting_mid_line() -> None:
    text = "moreNATO chief meets minister\n01 Jan. 2015The chief met the minister."
    spans = split_sentences(text, [(4, len(text))])
    assert spans[0].text == "NATO chief meets minister"
    assert spans[1].text == "01 Jan. 2015The chief met the minister."


_PIECES = st.sampled_from(list("ab .!?\n“”USMr\t") + ["Jan.", " 12", "\n\n", "U.S.", "Mr.", ".[1]", "2015I"])


@given(st.lists(_PIECES, max_size=80).map("".join))
def test_offsets_property(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end


def test_linear_enough() -> None:
    text = ("The council met in Brussels on Jan. 12. Mr. Smith said so. " * 4000) + "\n"
    spans = split_sentences(text)
    assert len(spans) == 8000
