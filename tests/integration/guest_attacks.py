"""Tenant-isolation cases for the guest list services (merged into test_tenant_isolation.ATTACKS).

Each attack runs as tenant A's owner (and partner) against tenant B's guests, households, events and
meals, either through B's wedding or smuggled into A's own wedding ("via A's wedding"), and must be
refused with NotFound while B's rows stay untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlmodel import select

from models.guests import EventMealOption, Guest
from models.weddings import WeddingEvent
from services import guest_events, guest_import, guests
from services.db import transaction
from services.guest_import import RawTable
from services.guests import GuestQuery

MIXED = "via A's wedding"
TABLE = RawTable("g.csv", ["First name", "Email"], [["Eve", "eve@example.com"]], [2])


def _s(fn):
    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


@dataclass(frozen=True)
class Ids:
    guest: str
    household: str
    event: str
    meal: str


@cache
def ids(wedding_id) -> Ids:
    """A guest, its household, the event and a meal of a wedding (read directly, as a fixture would)."""
    with transaction() as s:
        g = s.exec(select(Guest).where(Guest.wedding_id == wedding_id).order_by(Guest.first_name)).first()
        e = s.exec(select(WeddingEvent).where(WeddingEvent.wedding_id == wedding_id)).first()
        m = s.exec(select(EventMealOption).where(EventMealOption.wedding_id == wedding_id)).first()
        return Ids(str(g.id), str(g.household_id), str(e.id), str(m.id))


def _a(t):
    return ids(t.wedding_id)


GUEST_ATTACKS = {
    "services.guests.list_guests": [
        ("list B's guests", lambda me, a, b: _s(guests.list_guests)(me, b.wedding_id, GuestQuery())),
    ],
    "services.guests.guest_options": [
        ("B's events, tags, households", lambda me, a, b: _s(guests.guest_options)(me, b.wedding_id)),
    ],
    "services.guests.guest_summary": [
        ("B's counts", lambda me, a, b: _s(guests.guest_summary)(me, b.wedding_id)),
    ],
    "services.guests.get_guest": [
        ("read B's guest", lambda me, a, b: _s(guests.get_guest)(me, b.wedding_id, _a(b).guest)),
        (f"read B's guest {MIXED}", lambda me, a, b: _s(guests.get_guest)(me, a.wedding_id, _a(b).guest)),
    ],
    "services.guests.save_guest": [
        ("add to B", lambda me, a, b: _s(guests.save_guest)(me, b.wedding_id, None, {"first_name": "Spy"})),
        ("edit B's guest", lambda me, a, b: _s(guests.save_guest)(me, b.wedding_id, _a(b).guest, {"first_name": "X"})),
        (
            f"edit B's guest {MIXED}",
            lambda me, a, b: _s(guests.save_guest)(me, a.wedding_id, _a(b).guest, {"first_name": "X"}),
        ),
        (
            f"join B's household {MIXED}",
            lambda me, a, b: _s(guests.save_guest)(
                me, a.wedding_id, None, {"first_name": "Spy", "household_id": _a(b).household}
            ),
        ),
        (
            f"invite to B's event {MIXED}",
            lambda me, a, b: _s(guests.save_guest)(
                me, a.wedding_id, _a(a).guest, {f"invited_{_a(b).event}": "on", f"rsvp_{_a(b).event}": "attending"}
            ),
        ),
        (
            f"choose B's meal {MIXED}",
            lambda me, a, b: _s(guests.save_guest)(
                me,
                a.wedding_id,
                _a(a).guest,
                {f"invited_{_a(a).event}": "on", f"rsvp_{_a(a).event}": "attending", f"meal_{_a(a).event}": _a(b).meal},
            ),
        ),
    ],
    "services.guests.set_rsvp": [
        ("answer for B", lambda me, a, b: _s(guests.set_rsvp)(me, b.wedding_id, _a(b).guest, _a(b).event, "declined")),
        (
            f"answer for B's guest {MIXED}",
            lambda me, a, b: _s(guests.set_rsvp)(me, a.wedding_id, _a(b).guest, _a(a).event, "declined"),
        ),
        (
            f"answer at B's event {MIXED}",
            lambda me, a, b: _s(guests.set_rsvp)(me, a.wedding_id, _a(a).guest, _a(b).event, "declined"),
        ),
    ],
    "services.guests.delete_guests": [
        (
            "delete B's guest",
            lambda me, a, b: _s(guests.delete_guests)(me, b.wedding_id, [_a(b).guest], confirmed=True),
        ),
        (
            f"delete B's guest {MIXED}",
            lambda me, a, b: _s(guests.delete_guests)(me, a.wedding_id, [_a(a).guest, _a(b).guest], confirmed=True),
        ),
    ],
    "services.guests.tag_guests": [
        ("tag B's guest", lambda me, a, b: _s(guests.tag_guests)(me, b.wedding_id, [_a(b).guest], "spy")),
        (f"tag B's guest {MIXED}", lambda me, a, b: _s(guests.tag_guests)(me, a.wedding_id, [_a(b).guest], "spy")),
    ],
    "services.guests.invite_guests": [
        (
            "invite in B",
            lambda me, a, b: _s(guests.invite_guests)(me, b.wedding_id, [_a(b).guest], _a(b).event, remove=True),
        ),
        (
            f"invite to B's event {MIXED}",
            lambda me, a, b: _s(guests.invite_guests)(me, a.wedding_id, [_a(a).guest], _a(b).event),
        ),
    ],
    "services.guests.rename_household": [
        ("rename B's", lambda me, a, b: _s(guests.rename_household)(me, b.wedding_id, _a(b).household, "Spy")),
        (
            f"rename B's household {MIXED}",
            lambda me, a, b: _s(guests.rename_household)(me, a.wedding_id, _a(b).household, "Spy"),
        ),
    ],
    "services.guests.issue_household_token": [
        ("token for B", lambda me, a, b: _s(guests.issue_household_token)(me, b.wedding_id, _a(b).household)),
        (
            f"token for B's household {MIXED}",
            lambda me, a, b: _s(guests.issue_household_token)(me, a.wedding_id, _a(b).household),
        ),
    ],
    "services.guest_events.save_event": [
        ("add event to B", lambda me, a, b: _s(guest_events.save_event)(me, b.wedding_id, None, {"name": "Spy"})),
        (
            f"edit B's event {MIXED}",
            lambda me, a, b: _s(guest_events.save_event)(me, a.wedding_id, _a(b).event, {"name": "Spy"}),
        ),
    ],
    "services.guest_events.delete_event": [
        (
            "delete B's event",
            lambda me, a, b: _s(guest_events.delete_event)(me, b.wedding_id, _a(b).event, confirmed=True),
        ),
        (
            f"delete B's event {MIXED}",
            lambda me, a, b: _s(guest_events.delete_event)(me, a.wedding_id, _a(b).event, confirmed=True),
        ),
    ],
    "services.guest_events.add_standard_events": [
        ("events for B", lambda me, a, b: _s(guest_events.add_standard_events)(me, b.wedding_id, names={})),
    ],
    "services.guest_import.preview_import": [
        ("preview into B", lambda me, a, b: _s(guest_import.preview_import)(me, b.wedding_id, TABLE)),
        (
            f"default to B's event {MIXED}",
            lambda me, a, b: _s(guest_import.preview_import)(me, a.wedding_id, TABLE, default_events=[_a(b).event]),
        ),
    ],
    "services.guest_import.commit_import": [
        (
            "import into B",
            lambda me, a, b: _s(guest_import.commit_import)(me, b.wedding_id, TABLE, ["first_name", "email"]),
        ),
        (
            f"map a column to B's event {MIXED}",
            lambda me, a, b: _s(guest_import.commit_import)(
                me, a.wedding_id, TABLE, ["first_name", f"rsvp:{_a(b).event}"]
            ),
        ),
    ],
    "services.guest_import.export_rows": [
        ("B's rows", lambda me, a, b: _s(guest_import.export_rows)(me, b.wedding_id)),
    ],
    "services.guest_import.export_guests": [
        ("B's file", lambda me, a, b: _s(guest_import.export_guests)(me, b.wedding_id, "xlsx")),
    ],
}
GUEST_MODULES = (guests, guest_events, guest_import)
GUEST_TABLES = ("household", "guesttag", "guesteventinvitation", "eventmealoption", "weddingevent")
