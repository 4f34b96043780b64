"""The JSON API: ``create_app(settings)`` serves the record read-only, with OpenAPI.

::

    app.py       create_app: routes, error handlers, security headers
    routes.py    the endpoints under /api (lists share filters and paging)
    queries.py   filters and cursors turned into store reads; the in-memory lists
    service.py   a read-only store per request, and what is kept per database state
    schemas.py   the answer shapes in /openapi.json
    errors.py    the one error shape for every 4xx/5xx
"""

from __future__ import annotations

from .app import CONTENT_SECURITY_POLICY, create_app
from .service import Catalog, Reader

__all__ = ["CONTENT_SECURITY_POLICY", "Catalog", "Reader", "create_app"]
