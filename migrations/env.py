"""Alembic environment. The program runs migrations itself (``db.upgrade``) and
hands its open connection over through ``config.attributes["connection"]``; the
``alembic`` command line works too, with the URL from ``-x db=URL``, ``TIMELINE_DB``
or the default database (``postgresql://`` meaning psycopg 3, as in the program)."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from nato_timeline import db, models, settings

config = context.config
target_metadata = models.Base.metadata

#: Tables written by raw DDL in a revision, not described by the models: the
#: full-text search table (an FTS5 virtual table and its shadow tables on SQLite).
UNMODELLED_PREFIXES = ("event_search",)


def _include_name(name, type_, parent_names) -> bool:
    return not (type_ == "table" and name and name.startswith(UNMODELLED_PREFIXES))


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = db.normalise_url(context.get_x_argument(as_dictionary=True).get("db") or settings.db_url())
    context.configure(
        url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = db.normalise_url(context.get_x_argument(as_dictionary=True).get("db") or settings.db_url())
    engine = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
