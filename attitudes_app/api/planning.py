"""HTTP routes of the planning tools: calendar feeds, single-item .ics downloads, the PDF run sheet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services import calendar, i18n, timeline
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError
from services.runsheet import run_sheet_pdf

# Public routes of this module and why they are safe (merged into routes.PUBLIC_ROUTES).
PLANNING_PUBLIC_ROUTES: dict[str, str] = {
    "/api/calendar/{token}.ics": "Calendar subscription feed: the secret, revocable 256-bit token is the credential "
    "(calendar apps cannot log in); read only, and it stops when its user leaves the wedding.",
    "/api/timeline/{token}/runsheet.pdf": "Run sheet of a shared timeline: the secret, revocable 256-bit share "
    "token is the credential; read only, the same schedule the public share page shows.",
}

Auth = Annotated[Principal, Depends(require_principal)]
planning_router = APIRouter(tags=["planning"])
_PRIVATE = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}


def _lang(request: Request) -> str:
    return (
        i18n.normalize_language(request.cookies.get("attitudes_lang") or "")
        if request.cookies.get("attitudes_lang")
        else i18n.best_language(request.headers.get("accept-language", ""))
    )


def _not_found(exc: DomainError, lang: str) -> PlainTextResponse:
    return PlainTextResponse(i18n.render(lang, exc.message), status_code=404, headers=_PRIVATE)


@planning_router.get("/api/calendar/{token}.ics", include_in_schema=False)
async def calendar_feed(token: str, request: Request) -> Response:
    def build() -> bytes:
        with transaction() as s:
            return calendar.feed(s, token)

    try:
        body = await run_in_threadpool(build)
    except DomainError as exc:
        return _not_found(exc, _lang(request))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={**_PRIVATE, "Content-Disposition": 'inline; filename="wedding.ics"'},
    )


@planning_router.get("/api/timeline/{token}/runsheet.pdf", include_in_schema=False)
async def shared_run_sheet(token: str, request: Request) -> Response:
    lang = _lang(request)

    def build() -> bytes:
        with transaction() as s:
            return run_sheet_pdf(timeline.public_timeline(s, token, lang=lang), lang)

    try:
        body = await run_in_threadpool(build)
    except DomainError as exc:
        return _not_found(exc, lang)
    return Response(
        body,
        media_type="application/pdf",
        headers={**_PRIVATE, "Content-Disposition": 'inline; filename="run-sheet.pdf"'},
    )


@planning_router.get("/api/v1/weddings/{wedding_id}/timeline.pdf")
async def run_sheet(wedding_id: str, request: Request, principal: Auth) -> Response:
    lang = _lang(request)

    def build() -> bytes:
        with transaction() as s:
            view = timeline.run_sheet_view(s, principal, wedding_id, lang=lang)
            return run_sheet_pdf(view, lang)

    try:
        body = await run_in_threadpool(build)
    except DomainError as exc:
        return _not_found(exc, lang)
    return Response(
        body,
        media_type="application/pdf",
        headers={**_PRIVATE, "Content-Disposition": 'inline; filename="run-sheet.pdf"'},
    )


@planning_router.get("/api/v1/weddings/{wedding_id}/calendar/{kind}/{item_id}.ics")
async def item_calendar_file(wedding_id: str, kind: str, item_id: str, request: Request, principal: Auth) -> Response:
    def build() -> tuple[str, bytes]:
        with transaction() as s:
            return calendar.item_ics(s, principal, wedding_id, kind, item_id)

    try:
        filename, body = await run_in_threadpool(build)
    except DomainError as exc:
        return _not_found(exc, _lang(request))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={**_PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'},
    )
