"""Guest list downloads: the whole list as CSV or XLSX, for the signed-in members of the wedding."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError, NotFound
from services.guest_import import export_guests

guests_router = APIRouter(prefix="/api/v1", tags=["guests"])
Auth = Annotated[Principal, Depends(require_principal)]


@guests_router.get("/weddings/{wedding_id}/guests.{fmt}")
async def export(wedding_id: str, fmt: str, principal: Auth) -> Response:
    """The guest list in the columns the import reads back (one row per guest, RSVP and meal per event)."""
    if fmt not in ("csv", "xlsx"):
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)

    def build():
        with transaction() as s:
            return export_guests(s, principal, wedding_id, fmt)

    try:
        filename, content, media_type = await run_in_threadpool(build)
    except NotFound:
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)
    except DomainError as exc:
        return JSONResponse({"title": exc.message.id, "status": 403}, status_code=403)
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
