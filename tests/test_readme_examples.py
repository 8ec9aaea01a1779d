"""The README and the reference pages cannot drift from the program: every
console example is run against the bundled seeds and must print what the page
shows (``make readme`` rewrites the outputs after a change), and the schema
page is what ``timeline schema`` prints."""

from __future__ import annotations

import pytest

from . import readme_examples


@pytest.fixture(scope="module")
def pages():
    return readme_examples.expected()


@pytest.mark.parametrize("name", [*readme_examples.PAGES, readme_examples.SCHEMA_PAGE])
def test_examples_print_what_the_page_shows(pages, name):
    now, real = pages[name]
    assert now == real, (f"{name}: an example's output differs from what the command prints; "
                         f"run `make readme`\n" + readme_examples.diff(name, now, real))


def test_the_pages_have_examples_to_run():
    for name in readme_examples.PAGES:
        text = (readme_examples.REPO / name).read_text(encoding="utf-8")
        assert "```console\n$ timeline " in text, name


def test_a_changed_output_is_caught_and_rewritten():
    page = "Intro.\n\n```console\n$ timeline schema --format json | head -2\nnot what it prints\n```\n\nEnd.\n"
    rendered = readme_examples.render_page(page)
    assert rendered.startswith("Intro.\n\n```console\n$ timeline schema --format json | head -2\n[\n  {\n```")
    assert rendered.endswith("```\n\nEnd.\n")
    assert readme_examples.render_page(rendered) == rendered
