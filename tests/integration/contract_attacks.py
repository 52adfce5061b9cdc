"""Tenant-isolation cases for vendor contracts (merged into test_tenant_isolation.ATTACKS).

`seed_contracts(b)` gives tenant B's wedding a vendor organization with a confirmed booking and two
contracts: an executed one (versions, comments, signatures, signed PDF) and a draft. As tenant A's owner
(and partner), none of it may be read or changed: NotFound every time, B's rows untouched. The
listings (vendor_contracts, vendor_bookings) are checked in test_contracts_pg.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services import contracts
from services.db import transaction
from tests.contract_helpers import booking_for, make_admin, sample_pdf, vendor_org
from tests.helpers import signup

MIXED = "via A's wedding"
CONTRACT_MODULES = (contracts,)
CONTRACT_TABLES = ("contract",)
CONTRACT_LISTINGS = {"services.contracts.vendor_contracts", "services.contracts.vendor_bookings"}
TEMPLATE = {
    "title": "Catering contract",
    "parties": "Traiteur B and Beatriz & Bruno",
    "date": "12 June 2027",
    "services": "Dinner for 80",
    "price": "€8,000.00",
    "payment_schedule": "Half now, half on the day",
    "cancellation_terms": "Deposit kept",
}


def _s(fn):
    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


@dataclass
class ContractIds:
    booking: uuid.UUID
    executed: uuid.UUID
    draft: uuid.UUID


SEEDED: dict[uuid.UUID, ContractIds] = {}


def seed_contracts(t) -> ContractIds:
    """B's contracts, built through the real services (run once, before any snapshot)."""
    vendor_user = signup("Theo Traiteur")
    admin = make_admin("Iris Admin")
    booking = booking_for(t.owner, vendor_org(vendor_user, name="Traiteur B"), wedding_id=t.wedding_id)
    v, a, c = vendor_user.principal, admin.principal, t.owner.principal
    executed = _s(contracts.create_upload_contract)(v, booking.id, title="Venue contract", data=sample_pdf("Terms"))
    _s(contracts.act)(v, executed.id, "submit")
    _s(contracts.act)(a, executed.id, "start_review")
    _s(contracts.add_comment)(a, executed.id, 1, "Looks fine")
    _s(contracts.act)(a, executed.id, "approve", "ok")
    _s(contracts.sign)(c, executed.id, full_name="Beatriz Navarro", consent=True, ip="10.0.0.9", user_agent="UA")
    _s(contracts.sign)(v, executed.id, full_name="Theo Traiteur", consent=True, ip="10.0.0.8", user_agent="UA")
    draft = _s(contracts.create_template_contract)(v, booking.id, TEMPLATE)
    ids = ContractIds(booking.id, executed.id, draft.id)
    SEEDED[t.wedding_id] = ids
    return ids


def _c(t) -> ContractIds:
    return SEEDED[t.wedding_id]


SIGN = {"full_name": "Camille Martin", "consent": True, "ip": "10.9.9.9", "user_agent": "attack"}

CONTRACT_ATTACKS = {
    "services.contracts.create_upload_contract": [
        (
            "attach a contract to B's booking",
            lambda me, a, b: _s(contracts.create_upload_contract)(me, _c(b).booking, title="x", data=sample_pdf("x")),
        ),
    ],
    "services.contracts.create_template_contract": [
        (
            "attach a template contract to B's booking",
            lambda me, a, b: _s(contracts.create_template_contract)(me, _c(b).booking, TEMPLATE),
        ),
    ],
    "services.contracts.template_defaults": [
        ("B's booking details", lambda me, a, b: _s(contracts.template_defaults)(me, _c(b).booking, "en")),
    ],
    "services.contracts.add_upload_version": [
        (
            "new version of B's contract",
            lambda me, a, b: _s(contracts.add_upload_version)(me, _c(b).draft, data=sample_pdf("y")),
        ),
    ],
    "services.contracts.add_template_version": [
        (
            "new template version of B's contract",
            lambda me, a, b: _s(contracts.add_template_version)(me, _c(b).draft, TEMPLATE),
        ),
    ],
    "services.contracts.act": [
        ("submit B's draft", lambda me, a, b: _s(contracts.act)(me, _c(b).draft, "submit")),
        ("withdraw B's draft", lambda me, a, b: _s(contracts.act)(me, _c(b).draft, "withdraw")),
        ("void B's executed contract", lambda me, a, b: _s(contracts.act)(me, _c(b).executed, "void", "because")),
        ("B's contract id as text", lambda me, a, b: _s(contracts.act)(me, str(_c(b).draft), "submit")),
    ],
    "services.contracts.add_comment": [
        ("comment on B's contract", lambda me, a, b: _s(contracts.add_comment)(me, _c(b).executed, 1, "hi")),
    ],
    "services.contracts.sign": [
        ("sign B's contract", lambda me, a, b: _s(contracts.sign)(me, _c(b).executed, **SIGN)),
    ],
    "services.contracts.version_file": [
        ("B's contract PDF", lambda me, a, b: _s(contracts.version_file)(me, _c(b).executed, 1)),
        ("B's draft PDF", lambda me, a, b: _s(contracts.version_file)(me, _c(b).draft, 1)),
    ],
    "services.contracts.executed_file": [
        ("B's signed PDF", lambda me, a, b: _s(contracts.executed_file)(me, _c(b).executed)),
    ],
    "services.contracts.verify_executed": [
        ("verify B's signed PDF", lambda me, a, b: _s(contracts.verify_executed)(me, _c(b).executed)),
    ],
    "services.contracts.contract_view": [
        ("read B's contract", lambda me, a, b: _s(contracts.contract_view)(me, _c(b).executed)),
        ("B's wedding id as a contract id", lambda me, a, b: _s(contracts.contract_view)(me, b.wedding_id)),
    ],
    "services.contracts.diff_versions": [
        ("diff B's versions", lambda me, a, b: _s(contracts.diff_versions)(me, _c(b).executed, 1, 1)),
    ],
    "services.contracts.wedding_contracts": [
        ("B's wedding's contracts", lambda me, a, b: _s(contracts.wedding_contracts)(me, b.wedding_id)),
    ],
    "services.contracts.review_queue": [
        ("the admin review queue", lambda me, a, b: _s(contracts.review_queue)(me)),
    ],
}
