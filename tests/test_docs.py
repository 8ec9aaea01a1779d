"""The README cannot drift from the program: every command is in the README and
has its section in a reference page under docs/ (docs/commands.md, or the page of
its subject), the Quick start holds the two commands CI and new users run, and every
reference page it links to exists."""

from __future__ import annotations

import re

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
#: The reference pages under docs/.
DOCS = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))


def test_quick_start_has_make_run_and_make_test():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make run" in quick and "make test" in quick


def test_every_command_is_documented():
    from typer.main import get_command

    from nato_timeline.cli import app

    for name in get_command(app).commands:
        assert f"`timeline {name}" in README, name
        assert re.search(rf"^##+ `timeline {name}\b", DOCS, re.M), name


def test_every_reference_link_leads_to_a_page():
    reference = README.split("## Reference", 1)[1]
    links = re.findall(r"\]\((docs/[\w.-]+\.md)\)", reference)
    assert len(links) >= 5
    for link in links:
        assert (REPO / link).is_file(), link


def test_ci_runs_make_test():
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_no_placeholder_left():
    assert not re.search(r"EXAMPLE_[A-Z]+", README)
