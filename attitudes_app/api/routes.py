"""The HTTP API mounted beside the Reflex app: session cookie routes and /api/v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.bookings import bookings_router
from attitudes_app.api.contracts import contracts_router
from attitudes_app.api.guests import guests_router
from attitudes_app.api.planning import PLANNING_PUBLIC_ROUTES, planning_router
from attitudes_app.api.rsvp import rsvp_router
from attitudes_app.api.seating import seating_router
from attitudes_app.api.security import SESSION_COOKIE, cookie_kwargs, require_principal
from attitudes_app.api.vendors import vendors_router
from models.base import utcnow
from services import auth, sessions
from services.authz import Principal
from services.config import get_settings
from services.dashboard import wedding_dashboard
from services.db import transaction
from services.errors import DomainError, NotFound
from services.weddings import list_weddings

# Routes anyone may call, each with the reason it is safe. Every other route must depend
# on require_principal; tests/unit/test_handler_guards.py enforces this.
PUBLIC_ROUTES: dict[str, str] = {
    "/api/auth/session": "Exchanges a single-use, 60-second login ticket for the session cookie.",
    "/api/auth/logout": "Ends the caller's own session (POST only; SameSite=Lax blocks cross-site posts).",
    "/api/v1/health": "Liveness and database check for load balancers and the Docker healthcheck.",
    **PLANNING_PUBLIC_ROUTES,  # calendar feed and shared run sheet: the secret token is the credential
}

Auth = Annotated[Principal, Depends(require_principal)]


def _same_site_path(raw: str) -> str:
    return raw if raw.startswith("/") and not raw.startswith("//") and "\\" not in raw else "/weddings"


session_router = APIRouter(prefix="/api/auth", tags=["session"])


@session_router.get("/session", include_in_schema=False)
async def exchange_ticket(request: Request, ticket: str = "", next: str = "/weddings") -> RedirectResponse:
    base = get_settings().base_url
    token = await run_in_threadpool(
        auth.exchange_login_ticket,
        ticket,
        ip=request.client.host if request.client else "",
        user_agent=request.headers.get("user-agent", ""),
    )
    if token is None:
        return RedirectResponse(f"{base}/login?expired=1", status_code=303)
    # Rotate: whatever session this browser had before is ended at login.
    await run_in_threadpool(sessions.end_session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(f"{base}{_same_site_path(next)}", status_code=303)
    response.set_cookie(value=token, max_age=get_settings().session_max_days * 86400, **cookie_kwargs())
    response.headers["Cache-Control"] = "no-store"
    return response


@session_router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> RedirectResponse:
    await run_in_threadpool(
        auth.logout, request.cookies.get(SESSION_COOKIE), ip=request.client.host if request.client else ""
    )
    response = RedirectResponse(f"{get_settings().base_url}/login?bye=1", status_code=303)
    kwargs = cookie_kwargs()
    response.delete_cookie(kwargs["key"], path="/", secure=kwargs["secure"], httponly=True, samesite="lax")
    return response


v1 = APIRouter(prefix="/api/v1", tags=["v1"])


class Health(BaseModel):
    status: str
    database: str


@v1.get("/health")
async def health() -> Health:
    def ping() -> None:
        with transaction() as s:
            s.exec(sa.text("SELECT 1"))

    try:
        await run_in_threadpool(ping)
        return Health(status="ok", database="ok")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)  # type: ignore[return-value]


class Me(BaseModel):
    id: str
    email: str
    display_name: str
    locale: str
    tenants: dict[str, str]


@v1.get("/me")
async def me(principal: Auth) -> Me:
    return Me(
        id=str(principal.user_id),
        email=principal.email,
        display_name=principal.display_name,
        locale=principal.locale,
        tenants={str(k): v.value for k, v in principal.roles.items()},
    )


class WeddingSummary(BaseModel):
    id: str
    partner_a: str
    partner_b: str
    wedding_date: date
    venue_name: str
    deleted: bool


@v1.get("/weddings")
async def weddings(principal: Auth) -> list[WeddingSummary]:
    def load():
        with transaction() as s:
            return [
                WeddingSummary(
                    id=str(w.id),
                    partner_a=w.partner_a,
                    partner_b=w.partner_b,
                    wedding_date=w.wedding_date,
                    venue_name=w.venue_name,
                    deleted=w.deleted_at is not None,
                )
                for w in list_weddings(s, principal)
            ]

    return await run_in_threadpool(load)


@v1.get("/weddings/{wedding_id}/dashboard")
async def dashboard(wedding_id: str, principal: Auth) -> dict[str, Any]:
    def load():
        with transaction() as s:
            now = utcnow()
            return wedding_dashboard(s, principal, wedding_id, today=now.date(), now=now)

    try:
        data = await run_in_threadpool(load)
    except NotFound:
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)  # type: ignore[return-value]
    except DomainError as exc:
        return JSONResponse({"title": exc.message.id, "status": 403}, status_code=403)  # type: ignore[return-value]
    return {
        k: (str(v) if isinstance(v, date) else v)
        for k, v in data.__dict__.items()
        if k not in ("tasks_due", "timeline_next")
    }


ROUTERS = (
    session_router,
    v1,
    planning_router,
    guests_router,
    rsvp_router,
    seating_router,
    contracts_router,
    bookings_router,
    vendors_router,
)


def build_api() -> FastAPI:
    api = FastAPI(
        title="Attitudes.vip API", version="1", docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None
    )
    for router in ROUTERS:
        api.include_router(router)
    return api
