"""The web app and JSON API (``diplograph serve``); needs the ``server`` extra.

::

    from diplograph.web import create_app

    app = create_app("vn.sqlite")   # read-only; run with uvicorn.run(app)
"""

from __future__ import annotations

from typing import Any


def create_app(store_target: Any) -> Any:
    """The FastAPI app over a store path/URL or an open store (see :mod:`diplograph.web.app`)."""
    try:
        from diplograph.web.app import create_app as _create_app
    except ImportError as exc:  # fastapi / jinja2 missing
        from diplograph.errors import MissingDependencyError

        raise MissingDependencyError(exc.name or "fastapi", "server") from exc
    return _create_app(store_target)


__all__ = ["create_app"]
