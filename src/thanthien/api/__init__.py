"""The platform's programming interfaces: the JSON API (``/api/v1/``, django-ninja, OpenAPI schema) and
the Open311 GeoReport v2 endpoints (``/open311/v2/``) so that existing civic-reporting clients work."""
