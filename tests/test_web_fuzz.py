"""A fuzz of the whole JSON API, driven by its own OpenAPI schema: no 5xx, whatever comes in.

For every GET operation in ``/openapi.json`` and every parameter it declares (path and query),
values are drawn from the schema (enums, integer bounds, ISO dates, booleans) and from hostile
pools (Vietnamese and other scripts, combining marks, emoji, right-to-left text, control
characters, SQL and FTS syntax, markup, very long strings, out-of-range numbers), plus query
strings that are not UTF-8. A seeded generator keeps every run the same (no extra dependency);
1,200 cases. Every answer is < 500, an error has the one error shape, and every response carries
the security headers.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
from diplograph.web.app import create_app

from test_web_hardening import write_vietnam_store  # tests/ is on sys.path (no package)

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

CASES = 1200
HOSTILE = [
    "Việt Nam", "Nguyễn Phú Trọng", "Hà Nội", "Vie\u0323\u0302t Nam", "Bùi Thanh Sơn", "Đà Nẵng",
    "北京", "中华人民共和国", "東京", "서울", "Москва", "ישראל", "مصر", "ประเทศไทย", "🇻🇳🤝🇺🇸", "e\u0301",
    "\u200b", "\u202eevil", "\x00", "\x1b[31m", "\t\n", " ", "%", "%%", "%00", "%zz", "+", "&", "=", "#", "?",
    "/", "//", "../../etc/passwd", "..", ".json", "a.json", "VNM.csv", "' OR 1=1 --", '"; DROP TABLE facts; --',
    "NEAR(a b)", "*", "a AND b", '"unbalanced', "(", ")", "<script>alert(1)</script>", "<img src=x onerror=1>",
    "{{7*7}}", "${jndi:x}", "-1", "0", "1e309", "NaN", "inf", "2021-13", "2021-02-30", "9999-99-99", "1700",
    "-0001", "2021-06-30T00:00", "yesterday", "vnm", "VNM", "Son", "Nguyen", "the United States", "UNSC",
    "x" * 199, "y" * 201, "ệ" * 150, "9" * 40,
]


def _schema_value(rng: random.Random, schema: dict[str, Any]) -> Any:
    """A value the schema allows (or nearly: bounds are crossed now and then)."""
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return _schema_value(rng, rng.choice(options)) if options else None
    kind = schema.get("type")
    if "enum" in schema:
        return rng.choice(schema["enum"])
    if kind == "array":
        return [_schema_value(rng, schema.get("items", {})) for _ in range(rng.randint(1, 3))]
    if kind == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 10**6)
        return rng.choice([low, high, low - 1, high + 1, rng.randint(low, min(high, low + 1000))])
    if kind == "boolean":
        return rng.choice([True, False, "yes", "2"])
    if schema.get("pattern", "").startswith("^\\d{4}"):
        return rng.choice(["2021", "2021-06", "2021-06-30", "2021-13", "20211", "2021-02-30"])
    return rng.choice(HOSTILE)


def _cases(schema: dict[str, Any], rng: random.Random) -> Iterator[tuple[str, str]]:
    operations = [(path, op) for path, item in schema["paths"].items() for method, op in item.items()
                  if method == "get"]
    for n in range(CASES):
        path, op = operations[n % len(operations)]
        url = path
        query: list[tuple[str, str]] = []
        for param in op.get("parameters", []):
            hostile = rng.random() < 0.6
            value = rng.choice(HOSTILE) if hostile else _schema_value(rng, param.get("schema", {}))
            if param["in"] == "path":
                url = url.replace("{" + param["name"] + "}", quote(str(value), safe="") or "x")
            elif value is not None and (param.get("required") or rng.random() < 0.7):
                values = value if isinstance(value, list) else [value]
                query += [(param["name"], str(v).lower() if isinstance(v, bool) else str(v)) for v in values]
        encoded = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query)
        if n % 97 == 0:
            encoded += ("&" if encoded else "") + "q=%C3%28%FF"  # not UTF-8
        yield url, encoded


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "vn.sqlite"
    write_vietnam_store(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(path, cache_seconds=0), raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_api_never_answers_5xx(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    rng = random.Random(20261205)
    statuses: dict[int, int] = {}
    failures = []
    for url, query in _cases(schema, rng):
        target = url + ("?" + query if query else "")
        response = client.get(target)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {target[:200]}: {response.text[:200]}")
            continue
        assert response.headers.get("content-security-policy"), target
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"ok", "error", "status"} and body["status"] == response.status_code, target
    assert not failures, "\n".join(failures[:20])
    assert sum(statuses.values()) == CASES
    assert statuses.get(200, 0) > CASES // 10, statuses  # the fuzz reaches real answers, not only errors
