"""The rule data: every EXAMPLE matches its rule, negatives suppress, the loader is strict."""

from __future__ import annotations

import re

import pytest

from nato_timeline.temporal import find_timexes
from nato_timeline.temporal.loader import RuleError, build_ruleset, load

RS = load()
POSITIVE = [(r, e) for r in RS.rules if not r.remove for e in r.examples]
NEGATIVE = [(r, e) for r in RS.rules if r.remove for e in r.examples]


def test_every_rule_has_an_example():
    assert [r.name for r in RS.rules if not r.examples] == []


@pytest.mark.parametrize("rule,ex", POSITIVE, ids=[f"{r.name}:{e.text}" for r, e in POSITIVE])
def test_example_matches_its_rule(rule, ex):
    pat = re.compile(rule.pattern, re.IGNORECASE)
    assert pat.search(ex.text), f"{rule.name} does not match {ex.text!r}"
    if ex.extent:
        found = [t for t in find_timexes(ex.text) if t.rule == rule.name]
        assert ex.extent in [t.text for t in found], [(t.text, t.rule) for t in find_timexes(ex.text)]
        if ex.value:
            got = [t for t in found if t.text == ex.extent][0]
            shown = got.extra.get("ref", got.value) + got.extra.get("suffix", "") if "ref" in got.extra and got.extra["ref"] not in ("present", "ref") else got.value
            assert shown == ex.value


@pytest.mark.parametrize("rule,ex", NEGATIVE, ids=[f"{r.name}:{e.text}" for r, e in NEGATIVE])
def test_negative_rule_suppresses_its_example(rule, ex):
    m = re.compile(rule.pattern, re.IGNORECASE).search(ex.text)
    assert m, f"{rule.name} does not match {ex.text!r}"
    for t in find_timexes(ex.text):
        assert t.end <= m.start() or t.start >= m.end(), (t.text, t.rule)
        if ex.extent:
            assert t.text != ex.extent


def _build(rules, patterns=None, norms=None):
    return build_ruleset(rules, patterns or {"yy": "[0-9]{2}"}, norms or {"month": {"jan": "01"}})


def test_loader_rejects_empty_match():
    with pytest.raises(RuleError, match="empty"):
        _build("RULE bad\nTYPE DATE\nVALUE 2000\nPATTERN (?:[0-9]{4})?\n")


def test_loader_rejects_unknown_reference():
    with pytest.raises(RuleError, match="unknown reference"):
        _build("RULE bad\nTYPE DATE\nVALUE 2000\nPATTERN %nosuch [0-9]{4}\n")


def test_loader_rejects_cycles_unknown_groups_and_fields():
    with pytest.raises(RuleError, match="cycle"):
        _build("RULE a\nTYPE DATE\nVALUE 1\nPATTERN %x\n", {"x": "a%y", "y": "b%x"})
    with pytest.raises(RuleError, match="unknown group"):
        _build("RULE a\nTYPE DATE\nVALUE {y}\nPATTERN [0-9]{4}\n")
    with pytest.raises(RuleError, match="unknown field"):
        _build("RULE a\nTYPE DATE\nVALUE 1\nPATERN x\n")
    with pytest.raises(RuleError, match="duplicate"):
        _build("RULE a\nTYPE DATE\nVALUE 1\nPATTERN x\n\nRULE a\nTYPE DATE\nVALUE 1\nPATTERN y\n")


def test_loader_expands_references():
    rs = _build("RULE a\nTYPE DATE\nVALUE {m}\nPATTERN (?P<m>%month) '(?P<y>%yy)\n")
    assert rs.combined.search("in Jan '98")


def test_combined_regex_is_cached():
    assert load() is load()
