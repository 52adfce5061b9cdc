"""Reviews of vendors: by the couple after a booking's day, one per booking; one reply by the vendor;
moderation by platform admins (hide with a reason, unhide). The vendor's rating_avg and rating_count
always reflect the visible reviews only, recomputed in the same transaction as every change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, func, select

from models.base import utcnow
from models.bookings import REVIEW_ASPECTS, VendorBooking, VendorReview
from models.vendors import VendorProfile
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Permission, Principal, authorize
from services.bookings import BOOK_PERMISSION, _either_side, _uuid, notify_side
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.weddings import couple_names, load_wedding

MAX_TEXT = 4000
REVIEW_FIELDS = set(REVIEW_ASPECTS) | {"text"}
ASPECT_LABELS = {
    "quality": N_("Quality").id,
    "communication": N_("Communication").id,
    "value": N_("Value for money").id,
    "professionalism": N_("Professionalism").id,
}


def recompute_rating(session: Session, vendor_id: Any) -> tuple[float, int]:
    """rating_avg / rating_count of the vendor from its visible reviews (0 and 0 when there are none)."""
    avg, count = session.exec(
        select(func.avg(VendorReview.overall), func.count()).where(
            VendorReview.vendor_id == vendor_id, VendorReview.hidden.is_(False)
        )
    ).one()
    rating = round(float(avg or 0.0), 2)
    session.execute(
        sa.update(VendorProfile)
        .where(VendorProfile.id == vendor_id)
        .values(rating_avg=rating, rating_count=int(count))
        .execution_options(synchronize_session=False)
    )
    vendor = session.get(VendorProfile, vendor_id)
    if vendor is not None:
        session.refresh(vendor, ["rating_avg", "rating_count"])
    return rating, int(count)


def submit_review(
    session: Session, principal: Principal, booking_id: Any, data: Mapping[str, Any], *, today: date
) -> VendorReview:
    booking = session.exec(
        select(VendorBooking).where(
            VendorBooking.id == _uuid(booking_id), VendorBooking.tenant_id.in_(principal.tenant_ids)
        )
    ).first()
    if booking is None:
        raise NotFound()
    load_wedding(session, principal, booking.wedding_id, BOOK_PERMISSION)
    if set(data) - REVIEW_FIELDS:
        raise TamperedInput()
    if booking.status != "confirmed" or booking.day >= today:
        raise ValidationError({"": N_("You can review this vendor once the booked day has passed.")})
    if session.exec(select(VendorReview.id).where(VendorReview.booking_id == booking.id)).first() is not None:
        raise Conflict(N_("You have already reviewed this booking."))
    errors: dict[str, Msg] = {}
    aspects: dict[str, int] = {}
    for aspect in REVIEW_ASPECTS:
        try:
            stars = int(str(data.get(aspect) or "").strip())
        except ValueError:
            stars = 0
        if not 1 <= stars <= 5:
            errors[aspect] = N_("Give 1 to 5 stars.")
        aspects[aspect] = stars
    text = str(data.get("text") or "").strip()
    if not text:
        errors["text"] = N_("Tell other couples how it went.")
    elif len(text) > MAX_TEXT:
        errors["text"] = N_("Keep the review under {n} characters.", n=MAX_TEXT)
    if errors:
        raise ValidationError(errors)
    review = VendorReview(
        booking_id=booking.id,
        vendor_id=booking.vendor_id,
        vendor_tenant_id=booking.vendor_tenant_id,
        tenant_id=booking.tenant_id,
        wedding_id=booking.wedding_id,
        author_user_id=principal.user_id,
        author_name=principal.display_name[:120],
        aspects=aspects,
        overall=round(sum(aspects.values()) / len(aspects), 2),
        text=text,
    )
    session.add(review)
    session.flush()
    recompute_rating(session, booking.vendor_id)
    audit.record(
        session,
        principal,
        "review.create",
        tenant_id=booking.tenant_id,
        obj=review,
        after={"booking_id": str(booking.id), "aspects": aspects, "overall": review.overall},
    )
    notify_side(
        session,
        booking.vendor_tenant_id,
        exclude=principal.user_id,
        subject=N_("You have a new review").id,
        body=N_("A couple reviewed your work ({stars} / 5). You can reply once from your requests page.").id,
        kind="vendor_review",
        stars=f"{review.overall:.1f}",
    )
    return review


def _review_for(session: Session, principal: Principal, review_id: Any) -> VendorReview:
    review = session.exec(
        select(VendorReview).where(VendorReview.id == _uuid(review_id), _either_side(principal, VendorReview))
    ).first()
    if review is None:
        raise NotFound()
    return review


def reply(session: Session, principal: Principal, review_id: Any, text: str) -> VendorReview:
    """The vendor's one public reply."""
    review = _review_for(session, principal, review_id)
    if principal.role_in(review.vendor_tenant_id) is None:
        raise NotFound()
    text = str(text or "").strip()
    if not text:
        raise ValidationError({"reply": N_("Write your reply.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"reply": N_("Keep the reply under {n} characters.", n=MAX_TEXT)})
    claimed = session.execute(
        sa.update(VendorReview)
        .where(VendorReview.id == review.id, VendorReview.replied_at.is_(None))
        .values(reply=text, replied_at=utcnow(), replied_by=principal.user_id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict(N_("This review already has a reply."))
    session.refresh(review)
    audit.record(
        session, principal, "review.reply", tenant_id=review.vendor_tenant_id, obj=review, after={"reply": text}
    )
    return review


def moderate(session: Session, principal: Principal, review_id: Any, *, hide: bool, reason: str = "") -> VendorReview:
    """Admins hide a review (a reason is required) or show it again; the vendor's rating follows."""
    authorize(principal, Permission.ADMIN_REVIEWS)
    review = session.get(VendorReview, _uuid(review_id))
    if review is None:
        raise NotFound()
    reason = str(reason or "").strip()
    before = {"hidden": review.hidden, "reason": review.hidden_reason}
    if hide:
        if not reason:
            raise ValidationError({"reason": N_("Say why this review is hidden.")})
        review.hidden, review.hidden_reason = True, reason[:1000]
        review.hidden_by, review.hidden_at = principal.user_id, utcnow()
    else:
        review.hidden, review.hidden_reason, review.hidden_by, review.hidden_at = False, "", None, None
    session.add(review)
    session.flush()
    recompute_rating(session, review.vendor_id)
    audit.record(
        session,
        principal,
        "review.hide" if hide else "review.unhide",
        tenant_id=review.vendor_tenant_id,
        obj=review,
        before=before,
        after={"hidden": review.hidden, "reason": review.hidden_reason},
    )
    return review


def _stars(value: float) -> str:
    return f"{value:.1f}"


def _row(review: VendorReview, lang: str) -> dict[str, Any]:
    return {
        "id": str(review.id),
        "author": review.author_name,
        "overall": _stars(review.overall),
        "stars": int(review.overall + 0.5),  # half stars round up
        "aspects": [
            {"label": i18n.gettext(lang, ASPECT_LABELS[a]), "stars": int(review.aspects.get(a, 0))}
            for a in REVIEW_ASPECTS
        ],
        "text": review.text,
        "reply": review.reply,
        "replied": review.replied_at is not None,
        "when": i18n.format_day(review.created_at.date(), lang, "medium"),
        "hidden": review.hidden,
        "hidden_reason": review.hidden_reason,
    }


def vendor_reviews(session: Session, principal: Principal, vendor_id: Any, *, lang: str) -> dict[str, Any]:
    """Visible reviews of a published vendor (or of one's own vendor organization), newest first."""
    vendor = session.get(VendorProfile, _uuid(vendor_id))
    if vendor is None or (not vendor.published and principal.role_in(vendor.tenant_id) is None):
        raise NotFound()
    rows = session.exec(
        select(VendorReview)
        .where(VendorReview.vendor_id == vendor.id, VendorReview.hidden.is_(False))
        .order_by(VendorReview.created_at.desc())
    ).all()
    return {
        "rating": _stars(vendor.rating_avg),
        "count": vendor.rating_count,
        "reviews": [_row(r, lang) for r in rows],
        "can_reply": principal.role_in(vendor.tenant_id) is not None,
    }


def own_reviews(session: Session, principal: Principal, *, lang: str) -> list[dict[str, Any]]:
    """Reviews of the principal's vendor organizations (hidden ones included, with the reason), to reply to."""
    rows = session.exec(
        select(VendorReview, Wedding)
        .join(Wedding, Wedding.id == VendorReview.wedding_id)
        .where(VendorReview.vendor_tenant_id.in_(principal.tenant_ids))
        .order_by(VendorReview.created_at.desc())
    ).all()
    return [_row(r, lang) | {"couple": couple_names(w)} for r, w in rows]


def admin_reviews(session: Session, principal: Principal, *, lang: str, flt: str = "all") -> list[dict[str, Any]]:
    authorize(principal, Permission.ADMIN_REVIEWS)
    query = (
        select(VendorReview, VendorProfile)
        .join(VendorProfile, VendorProfile.id == VendorReview.vendor_id)
        .order_by(VendorReview.created_at.desc())
        .limit(500)
    )
    if flt == "hidden":
        query = query.where(VendorReview.hidden.is_(True))
    elif flt == "visible":
        query = query.where(VendorReview.hidden.is_(False))
    return [_row(r, lang) | {"vendor": v.name} for r, v in session.exec(query).all()]
