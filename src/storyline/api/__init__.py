"""The JSON API: ``create_app(settings)`` serves the record read-only, with OpenAPI.

::

    app.py       create_app: routes, error handlers, security headers
    routes.py    the endpoints under /api (lists share filters and paging)
    queries.py   filters, paging and search over the snapshot, in Python
    service.py   the per-process snapshot of the record, re-read when the file changes
    schemas.py   the answer shapes in /openapi.json
    errors.py    the one error shape for every 4xx/5xx
"""

from __future__ import annotations

from .app import CONTENT_SECURITY_POLICY, create_app
from .service import Catalog, Snapshot

__all__ = ["CONTENT_SECURITY_POLICY", "Catalog", "Snapshot", "create_app"]
