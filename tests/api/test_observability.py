"""Request ids, JSON logs and Prometheus metrics."""

from __future__ import annotations

import json
import logging

import httpx

from services.core.observability import JsonFormatter, request_id_var
from tests.conftest import World


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient, world: World) -> None:
    r = await client.get("/challenges", headers=world.dept_a.headers)
    generated = r.headers["x-request-id"]
    assert len(generated) == 32
    r = await client.get("/challenges", headers={**world.dept_a.headers, "X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    # An id that could inject into logs is replaced, not echoed.
    r = await client.get("/livez", headers={"X-Request-ID": "bad id\twith spaces"})
    assert r.headers["x-request-id"] != "bad id\twith spaces"


async def test_metrics_count_requests_by_route_template(
    client: httpx.AsyncClient, world: World
) -> None:
    await client.get(
        "/challenges/00000000-0000-0000-0000-000000000000", headers=world.dept_a.headers
    )
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert (
        'oip_http_requests_total{method="GET",route="/challenges/{challenge_id}",status="404"}'
        in r.text
    )
    assert "oip_http_request_duration_seconds_bucket" in r.text


def test_log_lines_are_json_with_the_request_id() -> None:
    token = request_id_var.set("req-42")
    try:
        record = logging.LogRecord(
            "oip.test", logging.INFO, __file__, 1, "hello %s", ("world",), None
        )
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["msg"] == "hello world"
    assert line["request_id"] == "req-42"
    assert line["level"] == "INFO"
