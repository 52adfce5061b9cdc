"""Authentication for API routes: the same server-side session as the web app."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from services.auth import principal_from_token
from services.authz import Principal
from services.config import get_settings

SESSION_COOKIE = "attitudes_session"


async def require_principal(request: Request) -> Principal:
    """FastAPI dependency: every non-public route declares it (tests/unit checks that)."""
    principal = await run_in_threadpool(principal_from_token, request.cookies.get(SESSION_COOKIE))
    if principal is None:
        raise HTTPException(status_code=401, detail="Log in to use this API.")
    return principal


def cookie_kwargs() -> dict:
    settings = get_settings()
    return {
        "key": SESSION_COOKIE,
        "httponly": True,
        "secure": settings.cookie_secure,
        "samesite": "lax",
        "path": "/",
    }
