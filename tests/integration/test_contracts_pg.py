"""Contracts on PostgreSQL: admins see every tenant's contracts and nobody else does; the listings show each
vendor only its own; the files route checks the side; the whole workflow with S3 storage (moto server)."""

from __future__ import annotations

import boto3
import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from attitudes_app.api.routes import build_api
from attitudes_app.api.security import SESSION_COOKIE
from models.contracts import Contract, ContractVersion
from services import contracts, storage
from services.db import transaction
from services.errors import NotFound
from tests.contract_helpers import booking_for, make_admin, sample_pdf, use_storage, vendor_org
from tests.helpers import signup
from tests.integration.test_storage_s3 import s3_endpoint, s3_env  # noqa: F401  (moto server fixtures)


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def files(pg, tmp_path, monkeypatch):
    use_storage(monkeypatch, tmp_path / "files")
    yield
    storage.get_storage.cache_clear()


def _two_tenants():
    """Two couples, two vendor organizations, one submitted contract each."""
    out = []
    for couple_name, vendor_name in (("Camille Martin", "Studio Nord"), ("Beatriz Navarro", "Fleurs Sud")):
        couple, vendor = signup(couple_name), signup(f"{vendor_name} Owner")
        booking = booking_for(couple, vendor_org(vendor, name=vendor_name))
        c = call(
            contracts.create_upload_contract,
            vendor.principal,
            booking.id,
            title=f"{vendor_name} contract",
            data=sample_pdf(vendor_name),
        )
        call(contracts.act, vendor.principal, c.id, "submit")
        out.append((couple, vendor, booking, c))
    return out


def test_admin_sees_across_tenants_and_nobody_else_does(files):
    (couple_a, vendor_a, booking_a, ca), (couple_b, vendor_b, booking_b, cb) = _two_tenants()
    admin = make_admin()
    queue = call(contracts.review_queue, admin.principal, vendor="Studio Nord")
    assert [r["id"] for r in queue.rows] == [str(ca.id)]
    everything = {r["id"] for r in call(contracts.review_queue, admin.principal, page_size=100).rows}
    assert {str(ca.id), str(cb.id)} <= everything
    for c in (ca, cb):
        assert call(contracts.contract_view, admin.principal, c.id).sides == ["admin"]
        pdf, _ = call(contracts.version_file, admin.principal, c.id, 1)
        assert pdf.startswith(b"%PDF-")
    # The other tenant's vendor and couple: NotFound, as if the contract did not exist.
    for outsider in (vendor_b, couple_b, couple_a):  # couple A: only once approved
        with pytest.raises(NotFound):
            call(contracts.contract_view, outsider.principal, ca.id)
        with pytest.raises(NotFound):
            call(contracts.version_file, outsider.principal, ca.id, 1)
    for not_admin in (vendor_a, couple_a):
        with pytest.raises(NotFound):
            call(contracts.review_queue, not_admin.principal)
    # Listings: each vendor sees only its own contracts and bookings.
    assert [r["id"] for r in call(contracts.vendor_contracts, vendor_a.principal)] == [str(ca.id)]
    assert [b["id"] for b in call(contracts.vendor_bookings, vendor_b.principal)] == [str(booking_b.id)]
    assert call(contracts.vendor_contracts, couple_a.principal) == []


def test_files_route_checks_the_side(files):
    (couple_a, vendor_a, _, ca), (_, vendor_b, _, _) = _two_tenants()
    api = build_api()

    def get(path: str, who=None):
        client = TestClient(api)
        if who is not None:
            client.cookies.set(SESSION_COOKIE, who.token)
        return client.get(path)

    url = f"/api/v1/contracts/{ca.id}/versions/1.pdf"
    assert get(url).status_code == 401
    own = get(url, vendor_a)
    assert own.status_code == 200 and own.content.startswith(b"%PDF-")
    assert own.headers["content-type"] == "application/pdf"
    assert own.headers["x-content-type-options"] == "nosniff"
    assert own.headers["content-disposition"].startswith("inline")
    assert get(url + "?download=1", vendor_a).headers["content-disposition"].startswith("attachment")
    for outsider in (vendor_b, couple_a):
        assert get(url, outsider).status_code == 404
    assert get(f"/api/v1/contracts/{ca.id}/executed.pdf", vendor_a).status_code == 404
    assert get("/api/v1/contracts/not-a-uuid/versions/1.pdf", vendor_a).status_code == 404


def test_workflow_with_s3_storage(pg, s3_env):  # noqa: F811
    couple, vendor = signup("Noor Haddad"), signup("Sami Vendor")
    admin = make_admin()
    booking = booking_for(couple, vendor_org(vendor, name="Cloud Studio"))
    c = call(
        contracts.create_upload_contract, vendor.principal, booking.id, title="S3 contract", data=sample_pdf("Terms")
    )
    call(contracts.act, vendor.principal, c.id, "submit")
    call(contracts.act, admin.principal, c.id, "start_review")
    call(contracts.act, admin.principal, c.id, "approve", "fine")
    listed = call(contracts.wedding_contracts, couple.principal, booking.wedding_id)
    assert [(r["id"], r["status"]) for r in listed] == [(str(c.id), "approved")]
    call(
        contracts.sign, couple.principal, c.id, full_name="Noor Haddad", consent=True, ip="203.0.113.1", user_agent="UA"
    )
    done = call(
        contracts.sign, vendor.principal, c.id, full_name="Sami Vendor", consent=True, ip="203.0.113.2", user_agent="UA"
    )
    s3 = boto3.client("s3", endpoint_url=s3_env)
    with transaction() as s:
        version = s.exec(select(ContractVersion).where(ContractVersion.contract_id == c.id)).one()
        row = s.get(Contract, c.id)
    stored = s3.get_object(Bucket="attitudes-files", Key=row.executed_storage_key)
    assert stored["ContentType"] == "application/pdf"
    assert s3.get_object(Bucket="attitudes-files", Key=version.storage_key)["Body"].read() == sample_pdf("Terms")
    assert call(contracts.verify_executed, admin.principal, c.id).ok
    data, _ = call(contracts.executed_file, couple.principal, c.id)
    assert contracts.contract_pdf.sha256(data) == done.executed_sha256
    # Someone with bucket access rewrites the signed PDF: the check notices, and it is no longer served.
    s3.put_object(Bucket="attitudes-files", Key=row.executed_storage_key, Body=data + b"%edited\n")
    assert not call(contracts.verify_executed, admin.principal, c.id).ok
    with pytest.raises(contracts.DocumentTampered):
        call(contracts.executed_file, couple.principal, c.id)


def test_a_non_pdf_upload_leaves_nothing_in_s3(pg, s3_env):  # noqa: F811
    vendor, couple = signup("Exe Vendor"), signup("Exe Couple")
    booking = booking_for(couple, vendor_org(vendor, name="Exe Studio"))
    with pytest.raises(contracts.ValidationError):
        call(contracts.create_upload_contract, vendor.principal, booking.id, title="x", data=b"MZ" + b"\x00" * 100)
    listed = boto3.client("s3", endpoint_url=s3_env).list_objects_v2(
        Bucket="attitudes-files", Prefix=f"contracts/{booking.vendor_tenant_id.hex}/"
    )
    assert listed.get("KeyCount", 0) == 0


def test_two_admins_deciding_at_once_make_one_decision(files):
    """The contract row is locked while a move is applied: the second decision sees the new status."""
    import threading

    from services.contract_workflow import TransitionRefused

    (_, vendor, _, c), _ = _two_tenants()
    first, second = make_admin("Ada One"), make_admin("Ada Two")
    call(contracts.act, first.principal, c.id, "start_review")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(admin, action):
        principal = admin.principal
        barrier.wait()
        try:
            call(contracts.act, principal, c.id, action, "decided")
            outcomes.append(action)
        except TransitionRefused:
            outcomes.append("refused")

    threads = [
        threading.Thread(target=decide, args=(first, "approve")),
        threading.Thread(target=decide, args=(second, "request_changes")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("refused") == 1 and len(outcomes) == 2  # one decision applied, the other refused
    with transaction() as s:
        row = s.get(Contract, c.id)
        events = s.exec(select(contracts.ContractEvent).where(contracts.ContractEvent.contract_id == c.id)).all()
    assert row.status in ("approved", "changes_requested")
    assert [e.action for e in events].count("approve") + [e.action for e in events].count("request_changes") == 1
