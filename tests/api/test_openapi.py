"""The OpenAPI schema: served, complete, and without a docs page that would need a CDN."""

import json

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_schema_is_served_as_generated(openapi):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.content) == openapi
    assert openapi["info"]["version"] == "1"


@pytest.mark.django_db
def test_there_is_no_docs_page():
    assert Client().get("/api/v1/docs").status_code == 404


def test_every_operation_documents_its_errors_in_the_one_shape(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            errors = {code for code in operation["responses"] if code.startswith("4")}
            assert "400" in errors or method == "get" and "{" in path, (method, path)
            for code in errors:
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, code)
            if path.startswith("/api/v1/staff/"):
                assert {"401", "403", "404"} <= errors, (method, path)
