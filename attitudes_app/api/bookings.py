"""Message attachments, served only to the members of the thread's two sides (never from a public path)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services import messages
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError

bookings_router = APIRouter(prefix="/api/v1", tags=["bookings"])
Auth = Annotated[Principal, Depends(require_principal)]


@bookings_router.get("/attachments/{attachment_id}")
async def attachment(attachment_id: str, principal: Auth) -> Response:
    def load():
        with transaction() as s:
            return messages.get_attachment(s, principal, attachment_id)

    try:
        name, content_type, data = await run_in_threadpool(load)
    except DomainError:
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)
    # Always a download (never rendered on our origin), under the sender's file name.
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
