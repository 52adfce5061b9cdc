"""RSVP downloads: printable invitation cards with QR codes and the guest list as PDF, for the wedding's members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services import i18n, rsvp
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError, NotFound

rsvp_router = APIRouter(prefix="/api/v1", tags=["rsvp"])
Auth = Annotated[Principal, Depends(require_principal)]


def _lang(request: Request) -> str:
    cookie = request.cookies.get("attitudes_lang")
    return i18n.normalize_language(cookie) if cookie else i18n.best_language(request.headers.get("accept-language", ""))


async def _pdf(build) -> Response:
    try:
        filename, content = await run_in_threadpool(build)
    except NotFound:
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)
    except DomainError as exc:
        return JSONResponse({"title": exc.message.id, "status": 403}, status_code=403)
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@rsvp_router.get("/weddings/{wedding_id}/invitation-cards.pdf")
async def invitation_cards(wedding_id: str, principal: Auth) -> Response:
    """Four cards per A4 page, each with the household's name and a QR code of its private link."""

    def build():
        with transaction() as s:
            return rsvp.invitation_cards_pdf(s, principal, wedding_id)

    return await _pdf(build)


@rsvp_router.get("/weddings/{wedding_id}/guest-list.pdf")
async def guest_list(wedding_id: str, request: Request, principal: Auth) -> Response:
    """The guest list by household with every answer, in the viewer's language."""
    lang = _lang(request)

    def build():
        with transaction() as s:
            return rsvp.guest_list_pdf(s, principal, wedding_id, lang)

    return await _pdf(build)
