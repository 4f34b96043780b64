"""The app factory: the JSON API over one database, with its security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI, Request, Response

from ..config import Settings
from .errors import install_error_handlers
from .routes import router
from .service import Catalog

# Scripts and styles only from files this server sends: no inline script, no CDN. The
# dashboard's charts are server-drawn SVG, so nothing else is needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _version() -> str:
    try:
        return version("storyline")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def create_app(settings: Settings) -> FastAPI:
    """The JSON API over ``settings.db``, with its OpenAPI description at ``/openapi.json``.

    Each request reads the database read-only, every query limited to
    ``settings.query_timeout_ms``; nothing is ever written. The interactive docs pages are
    off: they load their scripts from a CDN.

    Args:
        settings: ``settings.db`` names the database to serve.
    """
    app = FastAPI(
        title="Storyline",
        version=_version(),
        summary="The sourced record of a conflict and its negotiations, as JSON.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.catalog = Catalog(settings)
    install_error_handlers(app)
    app.include_router(router)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    return app
