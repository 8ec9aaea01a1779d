"""Text that users type into the query options: SQL metacharacters, FTS syntax,
escape sequences and non-dates are only ever text. No injection, no traceback:
a usage error (exit 2, one line) or a clean answer (exit 0 or 1, at most a note
and a line saying nothing matched).

Each text option is one line of ``TEXT_OPTIONS``: a name, how to put a value on
the command line, and whether the value must be a date. An option added to the
CLI (``--text``, ``--actor``, ``--place``, ``--source``, ``search QUERY``) is one
more line here.
"""

from __future__ import annotations

import shutil

import pytest

from .helpers import integrity

#: (id, argv for a value, the value is a date)
TEXT_OPTIONS = [
    ("show", lambda v: ["show", "--", v], False),
    ("list --since", lambda v: ["list", f"--since={v}"], True),
    ("list --until", lambda v: ["list", f"--until={v}"], True),
    ("list --text", lambda v: ["list", f"--text={v}"], False),
    ("list --actor", lambda v: ["list", f"--actor={v}"], False),
    ("list --place", lambda v: ["list", f"--place={v}"], False),
    ("list --source", lambda v: ["list", f"--source={v}"], False),
    ("list --type", lambda v: ["list", f"--type={v}"], False),
    ("search", lambda v: ["search", "--", v], False),
    ("export --text", lambda v: ["export", "--format", "csv", f"--text={v}"], False),
    ("export --actor", lambda v: ["export", "--format", "html", f"--actor={v}"], False),
    ("ingest --published", lambda v: ["ingest", "SEEDS", f"--published={v}"], True),
    ("extract --published", lambda v: ["extract", "SEEDS", f"--published={v}"], True),
]

#: commands that read a database, and so take --db
WITH_DB = ("list", "show", "ingest", "search", "export")

NASTY = [
    "'",
    '"',
    "*",
    "NEAR(",
    "--",
    "%",
    "_",
    "\\",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "nato* AND russia NOT \"council\"",
    "NEAR(nato russia, 2)",
    "title:crimea",
    "\x1b[2J\x1b]8;;http://x\x07link\x1b]8;;\x07\r\x07",
    "2022-01-12'",
    "' OR '1'='1",
    "x" * 5000,
    " ".join(f"word{i}" for i in range(1000)),  # an expression tree too large for one query
    "nato " * 26_000,  # 130 KB: a LIKE pattern too complex
    "y" * 131_000,
]


_STORES: dict[str, str] = {}
_BEFORE: dict[str, str] = {}


@pytest.fixture
def store(request, backend, tmp_path_factory) -> str:
    """The seeded database of the backend (a copy, on SQLite), shared by this
    module's tests: none of them may change it."""
    if backend not in _STORES:
        if backend == "sqlite":
            db = tmp_path_factory.mktemp("query") / "t.db"
            shutil.copy(request.getfixturevalue("seeded_db"), db)
            _STORES[backend] = str(db)
        else:
            _STORES[backend] = request.getfixturevalue("seeded_pg")
    return _STORES[backend]


def _everything(store: str) -> str:
    from typer.testing import CliRunner

    from nato_timeline.cli import app

    return CliRunner().invoke(app, ["list", "--format", "json", "--include-undated", "--db", store]).stdout


@pytest.fixture
def before(backend, store) -> str:
    if backend not in _BEFORE:
        _BEFORE[backend] = _everything(store)
    return _BEFORE[backend]


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
@pytest.mark.parametrize(("option", "argv", "is_date"), TEXT_OPTIONS, ids=[o[0] for o in TEXT_OPTIONS])
def test_text_options_take_any_text_safely(runner, backend, store, before, option, argv, is_date, value):
    from nato_timeline.cli import app

    from ..conftest import SEEDS

    args = [str(SEEDS) if a == "SEEDS" else a for a in argv(value)]
    if args[0] in WITH_DB:
        args[1:1] = ["--db", store]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    err = result.stderr.strip()
    assert "Traceback" not in err and "internal error" not in err
    if is_date:
        assert result.exit_code == 2
        assert len(err.splitlines()) == 1 and err.startswith("error: --")
    elif result.exit_code == 2:  # search syntax the query language refuses, or an unknown type
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    else:
        assert result.exit_code in (0, 1), err
        # at most a note on a name nothing has, and the "No events" line
        assert len(err.splitlines()) <= 2, err
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    # the database never gets a query it cannot run: a cap says what is too long first
    assert "database error" not in err and "internal error" not in err, err
    # nothing was changed, dropped or added
    assert _everything(store) == before
    if backend == "sqlite":
        assert integrity(store) == ("ok", [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--since", "not a date"], "error: --since: "),
        (["list", "--until", "yesterday-ish"], "error: --until: "),
        (["show", ""], "error: EVENT is empty"),
        (["show", "   "], "error: EVENT is empty"),
    ],
)
def test_unusable_values_are_usage_errors(runner, store, args, message):
    from nato_timeline.cli import app

    result = runner.invoke(app, [*args, "--db", store])
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
