"""Tenant-isolation cases for the RSVP tools (merged into test_tenant_isolation.ATTACKS).

As tenant A's owner (and partner), B's household links, deadline, send log and PDFs must be out of
reach: NotFound through B's wedding, and NotFound when B's household id is smuggled into A's wedding.
"""

from __future__ import annotations

from services import rsvp
from tests.integration.guest_attacks import MIXED, _a, _s

RSVP_MODULES = (rsvp,)

RSVP_ATTACKS = {
    "services.rsvp.household_link": [
        ("B's link", lambda me, a, b: _s(rsvp.household_link)(me, b.wedding_id, _a(b).household)),
        (f"B's link {MIXED}", lambda me, a, b: _s(rsvp.household_link)(me, a.wedding_id, _a(b).household)),
        (
            f"regenerate B's link {MIXED}",
            lambda me, a, b: _s(rsvp.household_link)(me, a.wedding_id, _a(b).household, regenerate=True),
        ),
    ],
    "services.rsvp.revoke_household_link": [
        ("revoke B's link", lambda me, a, b: _s(rsvp.revoke_household_link)(me, b.wedding_id, _a(b).household)),
        (
            f"revoke B's link {MIXED}",
            lambda me, a, b: _s(rsvp.revoke_household_link)(me, a.wedding_id, _a(b).household),
        ),
    ],
    "services.rsvp.rsvp_settings": [
        ("B's deadline", lambda me, a, b: _s(rsvp.rsvp_settings)(me, b.wedding_id)),
    ],
    "services.rsvp.save_rsvp_settings": [
        (
            "change B's deadline",
            lambda me, a, b: _s(rsvp.save_rsvp_settings)(
                me, b.wedding_id, {"rsvp_deadline": "", "rsvp_contact_email": ""}
            ),
        ),
    ],
    "services.rsvp.household_rows": [
        ("B's households and send log", lambda me, a, b: _s(rsvp.household_rows)(me, b.wedding_id, "en")),
    ],
    "services.rsvp.send_targets": [
        ("count B's recipients", lambda me, a, b: _s(rsvp.send_targets)(me, b.wedding_id, "all")),
    ],
    "services.rsvp.send_invitations": [
        (
            "email B's households",
            lambda me, a, b: _s(rsvp.send_invitations)(me, b.wedding_id, "invitation", [_a(b).household]),
        ),
        (
            f"email B's household {MIXED}",
            lambda me, a, b: _s(rsvp.send_invitations)(me, a.wedding_id, "invitation", [_a(b).household]),
        ),
    ],
    "services.rsvp.invitation_cards_pdf": [
        ("B's cards", lambda me, a, b: _s(rsvp.invitation_cards_pdf)(me, b.wedding_id)),
    ],
    "services.rsvp.guest_list_pdf": [
        ("B's guest list PDF", lambda me, a, b: _s(rsvp.guest_list_pdf)(me, b.wedding_id, "en")),
    ],
}
