"""The one exception tree of diplograph; every message says what to do next.

::

    DiplographError            anything diplograph raises on purpose
    ├── InputError             a path, file or argument the user gave cannot be used
    │   └── GoldFormatError    a gold / prediction file is not FACTS.md JSON Lines
    ├── StoreError             the database cannot be opened, migrated or written
    └── MissingDependencyError an optional extra (scale, postgres, server, graph) is not installed

Problems with single input documents (an empty file, a bad JSONL line) are not
exceptions: ingest reports them as :class:`diplograph.ingest.IngestProblem` and
the build goes on with the next document.
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base class: the CLI prints these as one line and exits with status 1."""


class InputError(DiplographError):
    """An input path, file or argument cannot be used as given."""


class GoldFormatError(InputError):
    """A gold or prediction file is not JSON Lines in the FACTS.md format."""


class StoreError(DiplographError):
    """The store (SQLite file or PostgreSQL database) cannot be opened or written."""


class MissingDependencyError(DiplographError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module} is not installed; install it with: pip install 'diplograph[{extra}]'"
        )
        self.module = module
        self.extra = extra


__all__ = [
    "DiplographError",
    "GoldFormatError",
    "InputError",
    "MissingDependencyError",
    "StoreError",
]
