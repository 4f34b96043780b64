"""A schema-driven fuzz of the API: schemathesis against /openapi.json, never a 5xx.

A few examples per endpoint keep it to seconds; every operation of the spec is exercised,
so a new endpoint is fuzzed without editing this file.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.slow

EXAMPLES_PER_ENDPOINT = 8


def test_no_endpoint_answers_5xx(corpus: TestClient) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", corpus.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_ENDPOINT,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.text)
            if response.status_code >= 400:
                error = response.json()["error"]
                assert error["status"] == response.status_code and error["message"]

        fuzz()
