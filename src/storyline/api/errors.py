"""One JSON error shape for every 4xx and 5xx: ``{"error": {status, code, message, params}}``.

Handlers are installed on the app for HTTP errors (unknown route, wrong method), request
validation (a parameter of the wrong type or out of range), Storyline's own errors (a bad
filter value, an unreadable database, a query over the time limit: 503 with the code
``query_timeout``) and anything unexpected, which is logged with its traceback and
answered without one.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import StoreError, StorylineError
from ..store import QueryTimeoutError

logger = logging.getLogger(__name__)

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 422: "invalid_parameter"}


class ApiError(StorylineError):
    """Raised by an endpoint for a request it cannot answer: a bad value, an unknown id.

    ``status`` is the HTTP status; ``param`` the query or path parameter at fault;
    ``code`` the error's machine word when the status's own is not enough.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.param = param
        self.code = code


class NotFound(ApiError):
    """Raised when a path names an article or entity that is not in the record."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"no {what} with id {ident!r}", status=404, param="id")


def error_body(
    status: int,
    message: str,
    params: list[dict[str, str]] | None = None,
    code: str | None = None,
) -> Any:
    """The one error object; ``code`` defaults to the status's word."""
    code = code or _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    return {"error": {"status": status, "code": code, "message": message, "params": params or []}}


def error_response(
    status: int,
    message: str,
    params: list[dict[str, str]] | None = None,
    code: str | None = None,
) -> Any:
    return JSONResponse(error_body(status, message, params, code), status_code=status)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])


async def on_http_error(request: Request, exc: Exception) -> Any:
    if not isinstance(exc, HTTPException):
        return await on_unexpected_error(request, exc)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path!r}; the API is listed at /openapi.json"
    response = error_response(exc.status_code, message)
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def on_validation_error(request: Request, exc: Exception) -> Any:
    if not isinstance(exc, RequestValidationError):
        return await on_unexpected_error(request, exc)
    params = []
    for problem in exc.errors():
        loc = problem.get("loc", ())
        params.append({"name": _where(loc), "problem": str(problem.get("msg", "invalid"))})
    names = ", ".join(p["name"] for p in params) or "request"
    first = params[0]["problem"] if params else "invalid"
    return error_response(422, f"invalid {names}: {first}", params)


async def on_storyline_error(request: Request, exc: Exception) -> Any:
    if not isinstance(exc, StorylineError):
        return await on_unexpected_error(request, exc)
    if isinstance(exc, ApiError):
        params = [{"name": exc.param, "problem": exc.message}] if exc.param else []
        response = error_response(exc.status, exc.message, params, exc.code)
        if exc.status == 503:
            response.headers["Retry-After"] = "5"
        return response
    if isinstance(exc, QueryTimeoutError):
        logger.warning("%s %s: %s", request.method, request.url, exc.message)
        response = error_response(503, exc.message, code="query_timeout")
        response.headers["Retry-After"] = "1"
        return response
    if isinstance(exc, StoreError):
        logger.error("database unavailable: %s", exc)
        return error_response(503, f"the database cannot be read: {exc}")
    # Any other library error is about a value the request passed on (a date, a status).
    return error_response(400, str(exc))


async def on_unexpected_error(request: Request, exc: Exception) -> Any:
    logger.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` in the one shape."""
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StorylineError, on_storyline_error)
    app.add_exception_handler(Exception, on_unexpected_error)
