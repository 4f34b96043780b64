"""The whole site: the JSON API plus the dashboard pages and their static files."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..api import create_app
from ..api.errors import (
    on_http_error,
    on_storyline_error,
    on_unexpected_error,
    on_validation_error,
)
from ..config import Settings
from ..errors import StorylineError
from .pages import render, router
from .render import STATIC

Handler = Callable[[Request, Exception], Awaitable[Any]]


def create_site(settings: Settings) -> FastAPI:
    """The API of :func:`storyline.api.create_app` with the dashboard mounted beside it.

    Static files are served from the package (``web/static``) without directory listings;
    pages are server-rendered, with scripts only from files (the CSP forbids inline ones).

    Args:
        settings: ``settings.db`` names the database to serve.
    """
    app = create_app(settings)
    app.mount("/static", StaticFiles(directory=str(STATIC), html=False), name="static")
    app.include_router(router)
    for kind, handler in (
        (HTTPException, on_http_error),
        (RequestValidationError, on_validation_error),
        (StorylineError, on_storyline_error),
        (Exception, on_unexpected_error),
    ):
        app.add_exception_handler(kind, _page_or_json(handler))
    return app


def _wants_page(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _page_or_json(handler: Handler) -> Handler:
    """The API's error answer, as an HTML page when a browser asked for a page."""

    async def answer(request: Request, exc: Exception) -> Any:
        response = await handler(request, exc)
        if not _wants_page(request):
            return response
        error = json.loads(bytes(response.body))["error"]
        return render(request, "error.html", status_code=error["status"], error=error)

    return answer
