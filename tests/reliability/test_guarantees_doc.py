"""The Guarantees page (docs/guarantees.md) names real tests: each ``file::test``
it cites exists, so a promise cannot outlive the test behind it."""

from __future__ import annotations

import re

from ..conftest import REPO

GUARANTEES = (REPO / "docs" / "guarantees.md").read_text(encoding="utf-8")


def test_every_guarantee_names_a_test_that_exists():
    section = GUARANTEES
    cited = re.findall(r"`((?:R|tests)/[\w/]+\.py)::(\w+)`", section)
    assert len(cited) >= 20
    for path, name in cited:
        source = (REPO / path.replace("R/", "tests/reliability/", 1)).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name}"


def test_every_reliability_test_is_cited():
    section = GUARANTEES
    for path in sorted((REPO / "tests" / "reliability").glob("test_*.py")):
        if path.name == "test_guarantees_doc.py":
            continue
        for name in re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M):
            assert f"R/{path.name}::{name}`" in section, f"{path.name}::{name} is not in docs/guarantees.md"
