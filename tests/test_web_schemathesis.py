"""Schemathesis against the whole JSON API, from its own OpenAPI schema: no 5xx for any generated request.

Every GET operation of ``/openapi.json`` is exercised with values schemathesis generates from the schema
(Unicode text included), on a store holding Vietnamese, English and other scripts
(``test_web_hardening.write_vietnam_store``). 100 examples per operation (13 GET operations: about 1,300
requests), deterministic (``derandomize``), bounded to a couple of minutes. ``tests/test_web_fuzz.py`` adds the
hostile values a schema does not suggest (non-UTF-8 query strings, FTS syntax, very long strings).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from diplograph.web.app import create_app  # noqa: E402
from test_web_hardening import write_vietnam_store  # noqa: E402  (tests/ is on sys.path)

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EXAMPLES = 100
CALLS: list[str] = []  # the requests made, to check the run's size
_STORE = Path(__file__).resolve().parent / ".schemathesis-store.sqlite"


def _app():  # type: ignore[no-untyped-def]
    if _STORE.exists():
        _STORE.unlink()
    write_vietnam_store(_STORE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return create_app(str(_STORE), cache_seconds=0)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.include(method="GET").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_is_a_server_error(case) -> None:  # type: ignore[no-untyped-def]
    CALLS.append(case.path)
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (case.method, case.path, case.query, response.text[:300])


def test_the_run_made_over_a_thousand_requests_to_every_operation() -> None:
    # (runs after the parametrized test above, in file order)
    assert len(CALLS) >= 1000, len(CALLS)
    gets = {path for path, item in schema.raw_schema["paths"].items() if "get" in item}
    assert set(CALLS) == gets, sorted(gets - set(CALLS))


def teardown_module() -> None:
    if _STORE.exists():
        _STORE.unlink()
