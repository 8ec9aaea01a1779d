"""The commands for people who query the database directly: ``timeline query``,
``timeline schema``, ``timeline db path`` and ``timeline db stats``.

Registered on the app by :mod:`cli` (imported at its end); the work is in
:mod:`sqlquery`, imported inside the commands so that help stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .cli import (
    DbOption,
    FieldsOption,
    FormatOption,
    ListFormat,
    QuietOption,
    VerboseOption,
    _open_database,
    _say,
    app,
    db_app,
    handle_errors,
)


@app.command()
@handle_errors
def query(
    sql: Annotated[str, typer.Argument(help="One SQL statement that reads: SELECT, or WITH ... SELECT.", show_default=False)],
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run read-only SQL over the database (SQLite or PostgreSQL) and print the rows.

    A statement that would change the database is refused (exit 2) and changes
    nothing; an SQL error exits 1. `timeline schema` lists the tables and
    columns, and what they mean.

    Examples:

      timeline query 'SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC'

      timeline query 'SELECT date_value, title FROM events WHERE n_sources > 1' --format csv

      timeline query 'SELECT name FROM documents' --format jsonl
    """
    from . import tabular
    from .sqlquery import run_query

    engine = _open_database(db)
    try:
        header, rows = run_query(engine, sql)
    finally:
        engine.dispose()
    names = tabular.parse_fields(fields, header)
    if names is not None:
        header, rows = list(names), [[row[header.index(n)] for n in names] for row in rows]
    if not header:
        return
    if fmt is ListFormat.table and not rows:
        _say("No rows.")
        return
    sys.stdout.write(tabular.render(fmt.value, header, rows))


class SchemaFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
@handle_errors
def schema(
    fmt: Annotated[SchemaFormat, typer.Option("--format", "-f", help="text for people; json or markdown for other tools.")] = SchemaFormat.text,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Print the tables and columns of the database and what each means.

    This is the schema as a contract for `timeline query`, Datasette (which
    opens the SQLite file as it is) or any SQL client; it needs no database.

    Examples:

      timeline schema

      timeline schema --format markdown > schema.md
    """
    from .sqlquery import schema as tables
    from .sqlquery import schema_text

    found = tables()
    if fmt is SchemaFormat.json:
        import json

        typer.echo(json.dumps([{"table": t.name, "meaning": t.meaning,
                                "columns": [{"name": c.name, "type": c.type, "meaning": c.meaning} for c in t.columns]}
                               for t in found], indent=2))
    elif fmt is SchemaFormat.markdown:
        from . import tabular

        for t in found:
            typer.echo(f"### `{t.name}`\n\n{t.meaning}\n")
            typer.echo(tabular.markdown(("column", "type", "meaning"),
                                        [(f"`{c.name}`", c.type, c.meaning) for c in t.columns]))
    else:
        sys.stdout.write(schema_text(found))


@db_app.command("path")
@handle_errors
def db_path(db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Print where the database is: a SQLite file's path, or the URL without its password.

    Changes nothing and opens nothing; the file need not exist yet.

    Examples:

      timeline db path

      sqlite3 "$(timeline db path)" '.tables'
    """
    from . import settings

    url = settings.db_url(db)
    if url.startswith("sqlite:///"):
        typer.echo(url[len("sqlite:///"):])
        return
    from sqlalchemy.engine import make_url

    typer.echo(make_url(url).render_as_string(hide_password=True))


@db_app.command("stats")
@handle_errors
def db_stats(
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Print how many documents, events, sources (quotes), actors and places are stored.

    Examples:

      timeline db stats

      timeline db stats --format json
    """
    from . import tabular
    from .sqlquery import stats

    header = ("what", "count")
    names = tabular.parse_fields(fields, header) or header
    engine = _open_database(db)
    try:
        counts = stats(engine)
    finally:
        engine.dispose()
    rows = [[row[header.index(n)] for n in names] for row in counts]
    sys.stdout.write(tabular.render(fmt.value, names, rows))
