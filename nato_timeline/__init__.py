"""nato-timeline: a timeline database and query CLI for NATO–Russia relations.

Importing the package is cheap: nothing heavy (SQLAlchemy, Alembic, Rich) is
imported here, so ``timeline --help`` starts fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
