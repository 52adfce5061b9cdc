"""HTTP routes of the marketplace: portfolio images, served only to authorized viewers (never a public path)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services import vendors
from services.authz import Principal
from services.db import transaction
from services.errors import NotFound

Auth = Annotated[Principal, Depends(require_principal)]
vendors_router = APIRouter(tags=["vendors"])


@vendors_router.get("/api/v1/vendor-images/{image_id}/{size}")
async def vendor_image(image_id: str, size: str, principal: Auth) -> Response:
    """A portfolio picture ("thumb" 400 px or "full" 1600 px): the vendor's team, or any logged-in user once the
    vendor is published. Anything else is 404."""

    def load() -> tuple[bytes, str]:
        with transaction() as s:
            return vendors.image_content(s, principal, image_id, size)

    try:
        body, content_type = await run_in_threadpool(load)
    except NotFound:
        return PlainTextResponse("Not found", status_code=404, headers={"Cache-Control": "private, no-store"})
    return Response(
        body,
        media_type=content_type,
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
