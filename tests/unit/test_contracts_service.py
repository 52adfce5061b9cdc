"""Contracts through the services: versions, review, signing, executed PDF, who sees what."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from models.audit import AuditEvent
from models.contracts import Contract, ContractEvent, ContractVersion
from models.vendors import VendorProfile
from services import contract_pdf, contracts, demo, storage
from services.auth import principal_from_token
from services.contract_workflow import TransitionRefused
from services.db import transaction
from services.demo import ADMIN_EMAIL, ADMIN_PASSWORD
from services.errors import Forbidden, NotFound, ValidationError
from services.vendor_demo import VENDOR_EMAIL, VENDOR_PASSWORD
from tests.contract_helpers import booking_for, make_admin, sample_pdf, use_storage, vendor_org
from tests.helpers import count, invite_member, last_email, login

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 400


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def files(monkeypatch, tmp_path):
    use_storage(monkeypatch, tmp_path / "files")
    yield tmp_path / "files"
    storage.get_storage.cache_clear()


@pytest.fixture
def world(files, camille, lea, alex):
    """camille: the couple; lea: the vendor team; an admin; alex: an unrelated couple."""
    vendor = vendor_org(lea)
    booking = booking_for(camille, vendor)
    return {"booking": booking, "admin": make_admin(), "vendor": lea, "couple": camille, "stranger": alex}


def _upload(world, *lines, title="Photography contract"):
    return call(
        contracts.create_upload_contract,
        world["vendor"].principal,
        world["booking"].id,
        title=title,
        data=sample_pdf(*lines),
        file_name="../../etc/passwd.pdf",
    )


def test_full_flow_from_upload_to_executed_pdf(world, files):
    vendor, admin, couple = world["vendor"].principal, world["admin"].principal, world["couple"].principal
    c = _upload(world, "Deposit 30%", "Balance on the day")
    assert c.status == "draft" and c.current_version == 1 and c.amount == 240_000
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    call(contracts.act, admin, c.id, "request_changes", "Deposit must be 25%", ip="198.51.100.9")
    with pytest.raises(ValidationError):  # the same version cannot be resubmitted
        call(contracts.act, vendor, c.id, "submit")
    call(contracts.add_upload_version, vendor, c.id, data=sample_pdf("Deposit 25%", "Balance on the day"))
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    diff = call(contracts.diff_versions, admin, c.id, 1, 2)
    assert ("changed", "Deposit 30%", "Deposit 25%") in [(r.kind, r.left, r.right) for r in diff]
    call(contracts.act, admin, c.id, "approve", "Terms are fair")
    view = call(contracts.contract_view, couple, c.id)
    assert view.can_sign and [v["number"] for v in view.versions] == [2]
    with pytest.raises(ValidationError) as err:
        call(contracts.sign, couple, c.id, full_name="Camille Martin", consent=False, ip="1.1.1.1", user_agent="UA")
    assert "consent" in err.value.field_errors
    with pytest.raises(ValidationError):  # the document the signer saw must be the current one
        call(
            contracts.sign,
            couple,
            c.id,
            full_name="Camille Martin",
            consent=True,
            ip="1",
            user_agent="UA",
            document_sha256="0" * 64,
        )
    with pytest.raises(TransitionRefused):  # the vendor signs second
        call(contracts.sign, vendor, c.id, full_name="Lea Garcia", consent=True, ip="2.2.2.2", user_agent="UA")
    call(
        contracts.sign,
        couple,
        c.id,
        full_name="Camille Martin",
        consent=True,
        ip="203.0.113.5",
        user_agent="Mozilla/5.0 (X11)",
        document_sha256=view.current_sha256,
    )
    done = call(
        contracts.sign, vendor, c.id, full_name="Lea Garcia", consent="on", ip="198.51.100.2", user_agent="Firefox/140"
    )
    assert done.status == "executed" and done.executed_sha256

    data, _ = call(contracts.executed_file, couple, c.id)
    original, _ = call(contracts.version_file, vendor, c.id, 2)
    assert len(PdfReader(io.BytesIO(data)).pages) == len(PdfReader(io.BytesIO(original)).pages) + 1
    last = " ".join(contract_pdf.page_texts(data)[-1].split())
    assert "Camille Martin" in last and "Lea Garcia" in last and "203.0.113.5" in last
    assert call(contracts.verify_executed, admin, c.id).ok

    # Every step is in the history and the audit log, with who and why.
    with transaction() as s:
        actions = [
            e.action
            for e in s.exec(
                select(ContractEvent).where(ContractEvent.contract_id == c.id).order_by(ContractEvent.created_at)
            )
        ]
        audit_rows = s.exec(select(AuditEvent).where(AuditEvent.object_id == str(c.id))).all()
    assert actions == [
        "create",
        "submit",
        "start_review",
        "request_changes",
        "new_version",
        "submit",
        "start_review",
        "approve",
        "sign_couple",
        "sign_vendor",
    ]
    change = next(a for a in audit_rows if a.action == "contract.request_changes")
    assert change.after["reason"] == "Deposit must be 25%" and change.actor_user_id == world["admin"].user_id
    assert change.ip == "198.51.100.9"
    assert any(a.action == "contract.signature" and a.after["full_name"] == "Camille Martin" for a in audit_rows)

    # Executed: nobody can add versions, withdraw or sign again; an admin may void with a reason.
    for fn in (
        lambda: call(contracts.add_upload_version, vendor, c.id, data=sample_pdf("x")),
        lambda: call(contracts.act, vendor, c.id, "withdraw"),
        lambda: call(contracts.sign, vendor, c.id, full_name="Lea Garcia", consent=True, ip="", user_agent=""),
    ):
        with pytest.raises(TransitionRefused):
            fn()
    with pytest.raises(ValidationError):
        call(contracts.act, admin, c.id, "void", "  ")
    assert call(contracts.act, admin, c.id, "void", "Signed under a wrong name").status == "void"


def test_tampered_executed_pdf_is_detected(world, files):
    vendor, admin, couple = world["vendor"].principal, world["admin"].principal, world["couple"].principal
    c = _upload(world, "Terms")
    for who, action in ((vendor, "submit"), (admin, "start_review")):
        call(contracts.act, who, c.id, action)
    call(contracts.act, admin, c.id, "approve", "ok")
    call(contracts.sign, couple, c.id, full_name="Camille Martin", consent=True, ip="1.2.3.4", user_agent="UA")
    done = call(contracts.sign, vendor, c.id, full_name="Lea Garcia", consent=True, ip="1.2.3.5", user_agent="UA")
    path = files / done.executed_storage_key
    path.write_bytes(path.read_bytes() + b"\n%an incremental update appended later\n")
    check = call(contracts.verify_executed, admin, c.id)
    assert not check.ok and check.recorded_sha256 == done.executed_sha256 != check.actual_sha256
    with pytest.raises(ValidationError):  # a modified file is never served as the signed contract
        call(contracts.executed_file, couple, c.id)


@pytest.mark.parametrize(("data", "words"), [(EXE, "Windows program"), (b"PK\x03\x04zip", "ZIP archive")])
def test_non_pdf_upload_stores_nothing(world, files, data, words):
    with pytest.raises(ValidationError) as err:
        call(
            contracts.create_upload_contract,
            world["vendor"].principal,
            world["booking"].id,
            title="Contract",
            data=data,
            file_name="contract.pdf",
        )
    assert words in err.value.field_errors["file"].id
    assert count(Contract) == 0 and count(ContractVersion) == 0
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


def test_storage_key_ignores_the_client_file_name(world, files):
    c = _upload(world, "Terms")
    with transaction() as s:
        v = s.exec(select(ContractVersion).where(ContractVersion.contract_id == c.id)).one()
    assert "passwd" not in v.storage_key and v.storage_key.startswith("contracts/")
    assert v.sha256 == contract_pdf.sha256((files / v.storage_key).read_bytes())


def test_who_sees_what(world, files, ana):
    vendor, admin, couple = world["vendor"].principal, world["admin"].principal, world["couple"].principal
    other_vendor = vendor_org(ana, name="Other Studio")  # ana works for another vendor
    c = _upload(world, "Terms")
    # Drafts are between the vendor and the admins: the couple does not see them yet.
    for outsider in (couple, world["stranger"].principal, ana.principal):
        with pytest.raises(NotFound):
            call(contracts.contract_view, outsider, c.id)
        with pytest.raises(NotFound):
            call(contracts.version_file, outsider, c.id, 1)
    assert call(contracts.contract_view, admin, c.id).sides == ["admin"]
    assert call(contracts.wedding_contracts, couple, world["booking"].wedding_id) == []
    with pytest.raises(NotFound):
        call(contracts.wedding_contracts, world["stranger"].principal, world["booking"].wedding_id)
    # Another vendor cannot attach a contract to someone else's booking.
    with pytest.raises(NotFound):
        call(contracts.create_upload_contract, ana.principal, world["booking"].id, title="x", data=sample_pdf("x"))
    assert other_vendor and call(contracts.vendor_contracts, ana.principal) == []
    # Only admins run the queue and make review decisions.
    for not_admin in (vendor, couple):
        with pytest.raises(NotFound):
            call(contracts.review_queue, not_admin)
    call(contracts.act, vendor, c.id, "submit")
    with pytest.raises(Forbidden):
        call(contracts.act, vendor, c.id, "start_review")
    call(contracts.act, admin, c.id, "start_review")
    with pytest.raises(Forbidden):
        call(contracts.act, vendor, c.id, "approve", "self-approved")
    call(contracts.act, admin, c.id, "approve", "fine")
    assert [r["id"] for r in call(contracts.wedding_contracts, couple, world["booking"].wedding_id)] == [str(c.id)]
    view = call(contracts.contract_view, couple, c.id)
    assert view.comments == [] and view.sides == ["couple"] and "withdraw" in view.actions
    with pytest.raises(NotFound):  # the couple sees only the version they sign
        call(contracts.version_file, couple, c.id, 0)


def test_template_contract_versions_and_field_diff(world, files):
    vendor, admin = world["vendor"].principal, world["admin"].principal
    form = call(contracts.template_defaults, vendor, world["booking"].id, "en")
    assert "Lumière Photo" in form["parties"] and "Camille & Alex" in form["parties"]
    assert form["price"] == "€2,400.00" and "Deposit €600.00" in form["payment_schedule"]
    with pytest.raises(ValidationError) as err:
        call(contracts.create_template_contract, vendor, world["booking"].id, form)
    assert set(err.value.field_errors) == {"services", "cancellation_terms"}
    form |= {"services": "Full day coverage", "cancellation_terms": "Deposit kept within 90 days"}
    c = call(contracts.create_template_contract, vendor, world["booking"].id, form)
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    call(contracts.add_comment, admin, c.id, 1, "Cancellation terms are too strict")
    call(contracts.act, admin, c.id, "request_changes", "See comment")
    call(contracts.add_template_version, vendor, c.id, form | {"cancellation_terms": "Deposit kept within 60 days"})
    rows = call(contracts.diff_versions, admin, c.id, 1, 2)
    assert [(r.label, r.left, r.right) for r in rows if r.kind == "changed"] == [
        ("cancellation_terms", "Deposit kept within 90 days", "Deposit kept within 60 days")
    ]
    view = call(contracts.contract_view, vendor, c.id)
    assert [v["number"] for v in view.versions] == [1, 2]
    assert view.versions[0]["fields"]["cancellation_terms"] == "Deposit kept within 90 days"  # version 1 unchanged
    assert [(m["version"], m["body"]) for m in view.comments] == [(1, "Cancellation terms are too strict")]
    pdf, _ = call(contracts.version_file, vendor, c.id, 2)
    assert "60 days" in " ".join(contract_pdf.page_texts(pdf))


def test_review_queue_filters_sorts_and_pages(world, files, ana, sam):
    admin = world["admin"].principal
    second = vendor_org(ana, name="Bloom Florists")
    made = []
    for n, price in enumerate((100_000, 500_000, 300_000)):
        b = booking_for(world["couple"], (world["booking"].vendor_id, world["booking"].vendor_tenant_id), price=price)
        c = call(
            contracts.create_upload_contract,
            world["vendor"].principal,
            b.id,
            title=f"Contract {n}",
            data=sample_pdf(f"n{n}"),
        )
        call(contracts.act, world["vendor"].principal, c.id, "submit")
        made.append(c)
    b2 = booking_for(sam, second, price=900_000)
    florist = call(contracts.create_upload_contract, ana.principal, b2.id, title="Flowers", data=sample_pdf("f"))
    call(contracts.act, ana.principal, florist.id, "submit")
    call(contracts.act, admin, florist.id, "start_review")
    _upload(world, "still a draft")

    page = call(contracts.review_queue, admin)
    assert page.total == 4 and [r["title"] for r in page.rows] == ["Contract 0", "Contract 1", "Contract 2", "Flowers"]
    by_amount = call(contracts.review_queue, admin, sort="amount")
    assert [r["amount"] for r in by_amount.rows] == [900_000, 500_000, 300_000, 100_000]
    florists = call(contracts.review_queue, admin, vendor="bloom")
    assert [(r["vendor"], r["couple"]) for r in florists.rows] == [("Bloom Florists", "Camille & Alex")]
    assert call(contracts.review_queue, admin, status="in_review").total == 1
    assert call(contracts.review_queue, admin, status="draft").total == 1
    paged = call(contracts.review_queue, admin, page=2, page_size=3)
    assert paged.pages == 2 and [r["title"] for r in paged.rows] == ["Flowers"]


def test_demo_fills_the_review_queue(files):
    assert demo.seed_demo() is True
    admin = principal_from_token(login(ADMIN_EMAIL, ADMIN_PASSWORD))
    queue = call(contracts.review_queue, admin)
    assert sorted(r["status"] for r in queue.rows) == ["in_review", "submitted"]
    in_review = next(r for r in queue.rows if r["status"] == "in_review")
    rows = call(contracts.diff_versions, admin, in_review["id"], 1, 2)
    assert [r.label for r in rows if r.kind == "changed"] == ["cancellation_terms"]
    view = call(contracts.contract_view, admin, in_review["id"])
    assert [e["action"] for e in view.events][-3:] == ["new_version", "submit", "start_review"]
    assert view.comments and view.comments[0]["version"] == 1
    # The demo photographer sees the submitted contract on their side; its stored PDF matches its hash.
    photographer = principal_from_token(login(VENDOR_EMAIL, VENDOR_PASSWORD))
    mine = call(contracts.vendor_contracts, photographer)
    assert [r["status"] for r in mine] == ["submitted"]
    pdf, _ = call(contracts.version_file, photographer, mine[0]["id"], 1)
    assert "Full-day coverage" in " ".join(contract_pdf.page_texts(pdf))


def _approved(world):
    vendor, admin = world["vendor"].principal, world["admin"].principal
    c = _upload(world, "Terms")
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    call(contracts.act, admin, c.id, "approve", "ok")
    return c


def test_couple_may_decline_an_approved_contract_but_a_viewer_may_not(world, files, rose):
    c = _approved(world)
    viewer = invite_member(world["couple"], world["booking"].wedding_id, "viewer", rose)
    view = call(contracts.contract_view, viewer.principal, c.id)
    assert view.sides == ["couple"] and not view.can_sign and "withdraw" not in view.actions
    with pytest.raises(Forbidden):
        call(contracts.sign, viewer.principal, c.id, full_name="Grandma Rose", consent=True, ip="", user_agent="")
    with pytest.raises(Forbidden):
        call(contracts.act, viewer.principal, c.id, "withdraw")
    done = call(contracts.act, world["couple"].principal, c.id, "withdraw")
    assert done.status == "withdrawn"
    with pytest.raises(TransitionRefused):  # nothing moves a withdrawn contract
        call(contracts.act, world["vendor"].principal, c.id, "submit")


def test_couple_cannot_withdraw_before_approval_and_vendor_cannot_edit_after_submit(world, files):
    c = _upload(world, "Terms")
    call(contracts.act, world["vendor"].principal, c.id, "submit")
    with pytest.raises(NotFound):  # not approved yet: the couple does not see it at all
        call(contracts.act, world["couple"].principal, c.id, "withdraw")
    with pytest.raises(TransitionRefused):
        call(contracts.add_upload_version, world["vendor"].principal, c.id, data=sample_pdf("sneaky change"))
    with pytest.raises(TransitionRefused):  # whichever kind of version
        call(contracts.add_template_version, world["vendor"].principal, c.id, {})


def test_a_draft_withdrawn_before_approval_stays_hidden_from_the_couple(world, files):
    hidden = _upload(world, "Draft terms")
    call(contracts.act, world["vendor"].principal, hidden.id, "withdraw")
    shown = _approved(world)
    call(contracts.act, world["vendor"].principal, shown.id, "withdraw")
    couple = world["couple"].principal
    with pytest.raises(NotFound):
        call(contracts.contract_view, couple, hidden.id)
    with pytest.raises(NotFound):
        call(contracts.version_file, couple, hidden.id, 1)
    assert call(contracts.contract_view, couple, shown.id).contract["status"] == "withdrawn"
    listed = [r["id"] for r in call(contracts.wedding_contracts, couple, world["booking"].wedding_id)]
    assert listed == [str(shown.id)]


def test_decisions_are_emailed_through_the_outbox(world, files):
    vendor, admin = world["vendor"].principal, world["admin"].principal
    c = _upload(world, "Terms")
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    call(contracts.act, admin, c.id, "request_changes", "Add the cancellation terms")
    with transaction() as s:
        contact = s.get(VendorProfile, world["booking"].vendor_id).contact_email
    mail = last_email(contact)
    assert mail.subject == "Changes requested: Photography contract"
    assert "Reason: Add the cancellation terms" in mail.body_text and f"/vendor/contracts/{c.id}" in mail.body_text
    call(contracts.add_upload_version, vendor, c.id, data=sample_pdf("Terms v2"))
    call(contracts.act, vendor, c.id, "submit")
    call(contracts.act, admin, c.id, "start_review")
    call(contracts.act, admin, c.id, "approve", "Fair terms")
    assert last_email(contact).subject == "Contract approved: Photography contract"
    to_couple = last_email(world["couple"].email)
    assert to_couple.subject == "A contract is ready for you to sign: Photography contract"
    assert f"/w/{world['booking'].wedding_id}/contracts/{c.id}" in to_couple.body_text
