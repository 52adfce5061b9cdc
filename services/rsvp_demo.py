"""Demo data for the guests' RSVP: a deadline, a contact, the invitations already sent, a few songs and messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from models.guests import Guest, GuestEventInvitation, Household
from models.rsvp import HouseholdResponse, InvitationSend
from models.weddings import Wedding

_SONGS = ("September — Earth, Wind & Fire", "Dancing Queen — ABBA", "La Vie en rose", "Valerie — Amy Winehouse")
_MESSAGES = (
    "We can't wait to celebrate with you!",
    "Félicitations ! On sera là pour danser.",
    "So happy for you both. See you in Bordeaux!",
)


def seed_rsvp_demo(s: Session, w: Wedding, today: datetime) -> None:
    s.flush()
    w.rsvp_deadline = w.wedding_date - timedelta(days=45)
    w.rsvp_contact_email = "camille.alex@example.com"
    households = s.exec(select(Household).where(Household.wedding_id == w.id).order_by(Household.created_at)).all()
    answered = set(
        s.exec(
            select(Guest.household_id)
            .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
            .where(Guest.wedding_id == w.id, GuestEventInvitation.rsvp_status != "pending")
            .distinct()
        ).all()
    )
    emails = dict(
        s.exec(select(Guest.household_id, Guest.email).where(Guest.wedding_id == w.id, Guest.email != "")).all()
    )
    for n, h in enumerate(households):
        if h.id in emails:
            s.add(
                InvitationSend(
                    tenant_id=w.tenant_id,
                    wedding_id=w.id,
                    household_id=h.id,
                    kind="invitation",
                    to_email=emails[h.id],
                    sent_at=today - timedelta(days=40),
                )
            )
        if h.id in answered and n % 3 == 0:
            s.add(
                HouseholdResponse(
                    tenant_id=w.tenant_id,
                    wedding_id=w.id,
                    household_id=h.id,
                    song_request=_SONGS[n % len(_SONGS)],
                    message=_MESSAGES[n % len(_MESSAGES)],
                    submitted_at=today - timedelta(days=20 - n % 15),
                    updated_at=today - timedelta(days=20 - n % 15),
                )
            )
