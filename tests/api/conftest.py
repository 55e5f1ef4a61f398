"""Shared set-up for the API tests: keys, clients, and the check of every JSON answer against the
OpenAPI schema the API publishes."""

import json
import re

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from jsonschema import Draft202012Validator

from tests.petitions.conftest import _media, land, no_approval, submit  # noqa: F401
from thanthien.api.keys import apikey_create
from thanthien.api.v1 import api


@pytest.fixture(scope="session")
def openapi() -> dict:
    # Through JSON, as clients read it (the status codes become strings).
    return json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))


def _closed(schema):
    """The schema with every object closed to undeclared keys, so that an answer carrying a key the
    schema does not document fails (pydantic leaves objects open by default)."""
    if isinstance(schema, dict):
        schema = {key: _closed(value) for key, value in schema.items()}
        if schema.get("type") == "object" and "properties" in schema:
            schema.setdefault("additionalProperties", False)
        return schema
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema


def _operation(openapi: dict, method: str, path: str) -> dict:
    """The operation a concrete path belongs to; literal paths win over templated ones."""
    candidates = []
    for template, operations in openapi["paths"].items():
        pattern = "".join(
            "[^/]+" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", template)
        )
        if re.fullmatch(pattern, path) and method.lower() in operations:
            candidates.append((template.count("{"), operations[method.lower()]))
    assert candidates, f"{method} {path} is not in the OpenAPI schema"
    return min(candidates, key=lambda c: c[0])[1]


@pytest.fixture
def check(openapi):
    """check(response) → the JSON body, after validating it against the operation's declared schema
    for the response's status code (which must be declared)."""

    def _check(response) -> dict | list:
        request = response.wsgi_request
        operation = _operation(openapi, request.method, request.path)
        declared = operation["responses"].get(str(response.status_code))
        assert declared is not None, (
            f"{request.method} {request.path}: status {response.status_code} is not declared"
        )
        assert response["Content-Type"].startswith("application/json")
        schema = declared["content"]["application/json"]["schema"]
        validator = Draft202012Validator(
            _closed({**schema, "components": openapi["components"]}),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        body = json.loads(response.content)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
        return body

    return _check


@pytest.fixture
def key_for(db):
    """key_for(user) → a new API key acting as ``user`` (None: a citizen-side client's key)."""

    def _key_for(user=None, name="test client") -> str:
        return apikey_create(name=name, username=user.username if user else None)[1]

    return _key_for


@pytest.fixture
def client_with_key(key_for):
    def _client(user) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {key_for(user)}")

    return _client


def error_of(response, status: int, code: str) -> dict:
    """The error body, after checking it has the API's one shape."""
    assert response.status_code == status, response.content
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"].strip()
    return body["error"]
