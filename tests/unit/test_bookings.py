"""Quotes, proposals, bookings, message threads and reviews between a wedding's team and a vendor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.audit import AuditEvent
from models.bookings import (
    Message,
    MessageAttachment,
    MessageThread,
    QuoteRequest,
    ThreadRead,
    VendorBooking,
    VendorDayLock,
    VendorReview,
)
from models.notifications import OutboxMessage
from models.planning import BudgetCategory, BudgetItem
from models.tenancy import Membership
from models.vendors import VendorProfile, WeddingVendor
from services import bookings, budget, messages, reviews
from services.db import transaction
from services.errors import Conflict, Forbidden, NotFound, TamperedInput, ValidationError
from services.storage import get_storage
from tests.booking_helpers import TODAY, book, call, make_vendor, propose, request
from tests.helpers import count, invite_member, new_wedding


@pytest.fixture(autouse=True)
def files(tmp_path, monkeypatch):
    """Attachments go to this test's own folder."""
    root = tmp_path / "files"
    monkeypatch.setenv("ATTITUDES_STORAGE_URL", f"file://{root}")
    get_storage.cache_clear()
    yield root
    get_storage.cache_clear()


@pytest.fixture
def setup(camille, ana):
    """Camille's wedding (with the suggested budget) and Ana's photography studio."""
    wid = new_wedding(camille.principal, budget_total="25000", expected_guests="120")
    call(budget.setup_defaults, camille.principal, wid, lang="en")
    vendor = make_vendor(ana)
    return wid, vendor


def quote(qid) -> QuoteRequest:
    return call(lambda s: s.get(QuoteRequest, qid))


def test_quote_proposal_accept_books_the_day_and_adds_budget_lines(setup, camille, ana):
    wid, vendor = setup
    qid = request(camille, wid, vendor, message="Ceremony and reception, 120 guests.")
    assert quote(qid).status == "requested"
    assert "New quote request" in call(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.to_email == ana.email)).one().subject
    )
    # The vendor sees the date, the couple's names and the guest count, never the guest list.
    seen = call(bookings.vendor_overview, ana.principal, lang="en", today=TODAY)
    row = seen["rows"][0]
    assert row["couple"] == "Camille & Alex" and row["guests"] == 120 and row["status"] == "requested"
    assert row["message"] == "Ceremony and reception, 120 guests." and row["unread"] == 1
    assert not any("guest_list" in key or "email" in key for key in row)

    propose(ana, qid, package_id=str(vendor.package_id), price="")  # the package's price
    q = quote(qid)
    assert (q.status, q.price, q.deposit, q.package_name) == ("proposed", 250_000, 75_000, "Full day")

    booking = call(bookings.accept_proposal, camille.principal, qid)
    assert quote(qid).status == "accepted"
    assert (booking.price, booking.deposit, booking.status) == (250_000, 75_000, "confirmed")
    locks = call(lambda s: s.exec(select(VendorDayLock)).all())
    assert [(lk.vendor_id, lk.day) for lk in locks] == [(vendor.id, booking.day)]
    assert call(bookings.vendor_busy_days, vendor.id, booking.day, booking.day) == [booking.day]
    # The deposit and the balance land in the budget's Photography category as payments due.
    items = call(lambda s: s.exec(select(BudgetItem).where(BudgetItem.vendor == "Lumière Photo")).all())
    lines = sorted((i.name, i.estimated_minor, i.committed_minor, i.due_date) for i in items)
    assert lines == [
        ("Lumière Photo: balance", 175_000, 175_000, TODAY + timedelta(days=100)),
        ("Lumière Photo: deposit", 75_000, 75_000, TODAY + timedelta(days=10)),
    ]
    cat = call(lambda s: s.get(BudgetCategory, items[0].category_id))
    assert cat.kind == "photography"
    due = budget.due_soon(call(budget.budget_view, camille.principal, wid), TODAY)
    assert [i.name for i in due] == ["Lumière Photo: deposit"]
    assert count(WeddingVendor, WeddingVendor.wedding_id == wid, WeddingVendor.status == "booked") == 1
    actions = call(lambda s: set(s.exec(select(AuditEvent.action)).all()))
    assert {"quote.request", "quote.propose", "quote.accept", "booking.create"} <= actions
    assert "accepted your proposal" in call(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.kind == "quote_accepted")).one().subject
    )
    # The couple's page shows it booked, the thread attached to the booking.
    page = call(bookings.couple_overview, camille.principal, wid, lang="en", today=TODAY)
    assert page["rows"][0]["status_label"] == "Booked" and page["rows"][0]["booking_id"] == str(booking.id)
    assert call(lambda s: s.exec(select(MessageThread.booking_id)).one()) == booking.id


def test_without_a_budget_the_booking_adds_no_budget_line(camille, ana):
    wid = new_wedding(camille.principal)
    vendor = make_vendor(ana)
    booking = book(camille, wid, vendor, ana)
    assert booking.budget_item_id is None and count(BudgetItem) == 0


def test_moving_the_wedding_lists_the_bookings_left_on_the_old_day(camille, ana):
    from models.weddings import Wedding
    from services.weddings import update_wedding
    from tests.helpers import wedding_form

    wid = new_wedding(camille.principal)
    booking = book(camille, wid, make_vendor(ana), ana)
    assert call(bookings.bookings_off_the_date, camille.principal, wid) == []
    wedding = call(lambda s: s.get(Wedding, wid))
    new_day = wedding.wedding_date + timedelta(days=7)
    call(
        update_wedding,
        camille.principal,
        wid,
        wedding_form(wedding_date=new_day.isoformat()),
        expected_version=wedding.version,
        viewer_lang="en",
        today=TODAY,
    )
    assert call(bookings.bookings_off_the_date, camille.principal, wid) == [("Lumière Photo", booking.day)]
    with pytest.raises(NotFound):
        call(bookings.bookings_off_the_date, ana.principal, wid)  # the vendor does not read the couple's wedding


def test_a_booked_day_cannot_be_booked_twice(setup, camille, lea, ana):
    wid, vendor = setup
    day = TODAY + timedelta(days=200)
    other = new_wedding(lea.principal, partner_a="Lea", partner_b="Sam", wedding_date=day.isoformat())
    call(budget.setup_defaults, lea.principal, other, lang="en")
    first = request(camille, wid, vendor, day)
    second = request(lea, other, vendor, day)
    propose(ana, first)
    propose(ana, second)
    call(bookings.accept_proposal, camille.principal, first)
    items_before = count(BudgetItem)
    with pytest.raises(Conflict) as exc:
        call(bookings.accept_proposal, lea.principal, second)
    assert "already booked" in exc.value.message.id
    assert quote(second).status == "proposed"  # nothing changed for Lea
    assert count(VendorBooking) == 1 and count(BudgetItem) == items_before and count(VendorDayLock) == 1
    assert count(WeddingVendor, WeddingVendor.wedding_id == other) == 0
    # And a new request for that day is refused up front.
    call(bookings.decline_proposal, lea.principal, second)
    with pytest.raises(ValidationError) as exc:
        request(lea, other, vendor, day)
    assert "day" in exc.value.field_errors


def test_vendors_taking_several_events_a_day_can_be_booked_twice(camille, lea, ana):
    day = TODAY + timedelta(days=90)
    caterer = make_vendor(ana, name="Maison Traiteur", types=("caterer",), multiple=True)
    w1 = new_wedding(camille.principal, wedding_date=day.isoformat())
    w2 = new_wedding(lea.principal, wedding_date=day.isoformat())
    book(camille, w1, caterer, ana)
    book(lea, w2, caterer, ana)
    assert count(VendorBooking) == 2 and count(VendorDayLock) == 0


def test_bad_input_leaves_nothing_stored(setup, camille, ana):
    wid, vendor = setup
    with pytest.raises(ValidationError) as exc:
        request(camille, wid, vendor, message="   ")
    assert "message" in exc.value.field_errors
    with pytest.raises(ValidationError):
        request(camille, wid, vendor, TODAY - timedelta(days=1))
    with pytest.raises(TamperedInput):
        call(bookings.request_quote, camille.principal, wid, vendor.id, {"message": "x", "price": "1"}, today=TODAY)
    assert count(QuoteRequest) == 0 and count(MessageThread) == 0 and count(Message) == 0
    qid = request(camille, wid, vendor)
    for bad, field in (
        ({"deposit": "3000"}, "deposit"),
        ({"balance_due": ""}, "balance_due"),
        ({"price": "abc"}, "price"),
        ({"deposit_due": (TODAY - timedelta(days=2)).isoformat()}, "deposit_due"),
        ({"balance_due": (TODAY + timedelta(days=5)).isoformat()}, "balance_due"),  # before the deposit
    ):
        with pytest.raises(ValidationError) as exc:
            propose(ana, qid, **bad)
        assert field in exc.value.field_errors
    q = quote(qid)
    assert (q.status, q.price, q.version) == ("requested", None, 1)
    with pytest.raises(Conflict):  # nothing to accept yet
        call(bookings.accept_proposal, camille.principal, qid)
    with pytest.raises(TamperedInput):  # another vendor's package
        propose(ana, qid, package_id=str(make_vendor(ana, name="Other").package_id))


def test_each_side_does_only_its_own_part_and_outsiders_see_nothing(setup, camille, ana, alex):
    wid, vendor = setup
    qid = request(camille, wid, vendor)
    with pytest.raises(NotFound):
        propose(camille, qid)  # the couple cannot write the vendor's proposal
    propose(ana, qid)
    with pytest.raises(NotFound):
        call(bookings.accept_proposal, ana.principal, qid)  # nor the vendor accept it
    for fn in (bookings.load_quote,):
        with pytest.raises(NotFound):
            call(fn, alex.principal, qid)
    with pytest.raises(NotFound):
        call(bookings.accept_proposal, alex.principal, qid)
    with pytest.raises(NotFound):
        call(bookings.vendor_overview, alex.principal, lang="en", today=TODAY)
    viewer = invite_member(camille, wid, "viewer", name="Grandma Viewer")
    with pytest.raises(Forbidden):
        call(bookings.accept_proposal, viewer.principal, qid)
    assert call(bookings.couple_overview, viewer.principal, wid, lang="en", today=TODAY)["can_book"] is False
    # A second vendor organization sees none of the first one's requests.
    other_vendor = make_vendor(alex, name="DJ Nova", types=("dj",))
    assert call(bookings.vendor_overview, alex.principal, lang="en", today=TODAY)["rows"] == []
    assert other_vendor.id != vendor.id
    call(bookings.accept_proposal, camille.principal, qid)


def test_vendor_declines_and_couple_declines(setup, camille, ana):
    wid, vendor = setup
    qid = request(camille, wid, vendor)
    call(bookings.vendor_decline, ana.principal, qid, "Fully booked that month")
    assert quote(qid).status == "declined"
    with pytest.raises(Conflict):
        propose(ana, qid)
    qid2 = request(camille, wid, vendor)
    propose(ana, qid2)
    call(bookings.decline_proposal, camille.principal, qid2)
    assert quote(qid2).status == "declined" and count(VendorBooking) == 0


# ---- messages ---------------------------------------------------------------------------------


def thread_of(qid):
    return call(lambda s: s.exec(select(MessageThread).where(MessageThread.quote_id == qid)).one().id)


def test_messages_unread_counts_and_read_marks(setup, camille, ana, sam):
    wid, vendor = setup
    qid = request(camille, wid, vendor)
    tid = thread_of(qid)
    call(messages.post_message, camille.principal, tid, "Do you travel to Arcachon?")
    assert call(messages.unread_total, ana.principal) == 2  # the request and the question
    assert call(messages.unread_total, camille.principal) == 0  # one's own messages are read
    view = call(messages.thread_view, ana.principal, tid, lang="en")
    assert [m["body"] for m in view["messages"]] == ["Hello!", "Do you travel to Arcachon?"]
    assert view["title"] == "Camille & Alex" and view["side"] == "vendor"
    assert call(messages.unread_total, ana.principal) == 0
    call(messages.post_message, ana.principal, tid, "Yes, at no extra cost.")
    assert call(messages.unread_total, camille.principal) == 1
    assert call(messages.wedding_unread, camille.principal, wid) == 1
    assert call(bookings.couple_overview, camille.principal, wid, lang="en", today=TODAY)["rows"][0]["unread"] == 1
    # A planner on the wedding's team sees all three as unread: counts are per person.
    planner = invite_member(camille, wid, "planner", sam)
    assert call(messages.unread_total, planner.principal) == 3


def test_only_members_of_either_side_read_or_write(setup, camille, ana, alex, files):
    wid, vendor = setup
    tid = thread_of(request(camille, wid, vendor))
    before = count(Message)
    for fn, args in (
        (messages.post_message, (tid, "Hi, I am not part of this")),
        (messages.thread_view, (tid,)),
        (messages.thread_marker, (tid,)),
    ):
        with pytest.raises(NotFound):
            kwargs = {"lang": "en"} if fn is messages.thread_view else {}
            call(fn, alex.principal, *args, **kwargs)
    assert count(Message) == before
    # Another vendor organization is an outsider too.
    make_vendor(alex, name="DJ Nova")
    with pytest.raises(NotFound):
        call(messages.post_message, alex.principal, tid, "Psst, cheaper here", [messages.Upload("a.txt", b"x")])
    assert count(Message) == before and count(MessageAttachment) == 0 and not any(files.rglob("*"))
    with pytest.raises(ValidationError):
        call(messages.post_message, camille.principal, tid, "   ")


def test_attachments_are_stored_and_served_only_to_the_two_sides(setup, camille, ana, alex, files):
    wid, vendor = setup
    tid = thread_of(request(camille, wid, vendor))
    pdf = b"%PDF-1.4 moodboard" * 100
    call(messages.post_message, camille.principal, tid, "Our moodboard", [messages.Upload("../../mood board.pdf", pdf)])
    att = call(lambda s: s.exec(select(MessageAttachment)).one())
    assert att.filename == "mood board.pdf" and att.size == len(pdf) and att.content_type == "application/pdf"
    assert ".." not in att.storage_key and att.storage_key.startswith(f"attachments/{tid.hex}/")
    for who in (camille, ana):
        assert call(messages.get_attachment, who.principal, att.id) == ("mood board.pdf", "application/pdf", pdf)
    with pytest.raises(NotFound):
        call(messages.get_attachment, alex.principal, att.id)
    view = call(messages.thread_view, ana.principal, tid, lang="en")
    assert view["messages"][-1]["files"][0]["name"] == "mood board.pdf"
    # Too large: refused, nothing stored (no row, no file).
    stored = sorted(files.rglob("*"))
    big = messages.Upload("video.mp4", b"0" * (messages.MAX_FILE_BYTES + 1))
    with pytest.raises(ValidationError) as exc:
        call(messages.post_message, camille.principal, tid, "Video", [big])
    assert "files" in exc.value.field_errors
    assert count(MessageAttachment) == 1 and sorted(files.rglob("*")) == stored
    assert count(Message) == 2


def test_new_message_emails_the_other_side_at_most_every_ten_minutes(setup, camille, ana, sam, monkeypatch):
    wid, vendor = setup
    with transaction() as s:
        s.add(Membership(tenant_id=vendor.tenant_id, user_id=sam.user_id, role="vendor"))
    tid = thread_of(request(camille, wid, vendor))

    def mails(to):
        return count(OutboxMessage, OutboxMessage.to_email == to, OutboxMessage.kind == "vendor_message")

    call(messages.post_message, camille.principal, tid, "First")
    call(messages.post_message, camille.principal, tid, "Second")
    assert (mails(ana.email), mails(sam.email), mails(camille.email)) == (1, 1, 0)
    later = messages.utcnow() + timedelta(minutes=11)
    monkeypatch.setattr(messages, "utcnow", lambda: later)
    call(messages.post_message, camille.principal, tid, "Third")
    assert (mails(ana.email), mails(sam.email)) == (2, 2)
    call(messages.post_message, ana.principal, tid, "Answer")
    assert mails(camille.email) == 1 and mails(sam.email) == 2  # the author's own side is not emailed
    body = call(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.to_email == camille.email)).all()[-1].body_text
    )
    assert "Lumière Photo" in body and f"/w/{wid}/bookings" in body
    assert count(ThreadRead, ThreadRead.user_id == ana.user_id) == 1


# ---- reviews ----------------------------------------------------------------------------------


def review_form(**overrides):
    data = {"quality": "5", "communication": "4", "value": "4", "professionalism": "5", "text": "Wonderful photos."}
    data.update(overrides)
    return data


def rating(vendor_id):
    v = call(lambda s: s.get(VendorProfile, vendor_id))
    return v.rating_avg, v.rating_count


def test_reviews_after_the_day_once_with_one_reply_and_moderation(setup, camille, lea, ana, alex):
    wid, vendor = setup
    booking = book(camille, wid, vendor, ana)
    with pytest.raises(ValidationError):  # the day has not passed yet
        call(reviews.submit_review, camille.principal, booking.id, review_form(), today=booking.day)
    after = booking.day + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        call(reviews.submit_review, camille.principal, booking.id, review_form(quality="6", text=""), today=after)
    assert set(exc.value.field_errors) == {"quality", "text"}
    with pytest.raises(NotFound):  # not the couple's booking
        call(reviews.submit_review, lea.principal, booking.id, review_form(), today=after)
    assert count(VendorReview) == 0 and rating(vendor.id) == (0.0, 0)
    review = call(reviews.submit_review, camille.principal, booking.id, review_form(), today=after)
    assert review.overall == 4.5 and rating(vendor.id) == (4.5, 1)
    with pytest.raises(Conflict):
        call(reviews.submit_review, camille.principal, booking.id, review_form(), today=after)

    # A second couple's review (3.0) moves the average.
    w2 = new_wedding(lea.principal, wedding_date=(TODAY + timedelta(days=30)).isoformat())
    b2 = book(lea, w2, vendor, ana)
    low = {"quality": "3", "communication": "3", "value": "3", "professionalism": "3", "text": "Late."}
    r2 = call(reviews.submit_review, lea.principal, b2.id, low, today=b2.day + timedelta(days=1))
    assert rating(vendor.id) == (3.75, 2)

    with pytest.raises(NotFound):
        call(reviews.reply, camille.principal, review.id, "Thanks")  # only the vendor replies
    call(reviews.reply, ana.principal, review.id, "Thank you both!")
    with pytest.raises(Conflict):
        call(reviews.reply, ana.principal, review.id, "Again")
    shown = call(reviews.vendor_reviews, alex.principal, vendor.id, lang="en")
    assert [r["reply"] for r in shown["reviews"]] == ["", "Thank you both!"] and shown["count"] == 2

    with pytest.raises(NotFound):  # moderation is for platform admins
        call(reviews.moderate, ana.principal, r2.id, hide=True, reason="Unfair")
    admin = alex.principal.__class__(**{**alex.principal.__dict__, "is_platform_admin": True})
    with pytest.raises(ValidationError):
        call(reviews.moderate, admin, r2.id, hide=True, reason=" ")
    call(reviews.moderate, admin, r2.id, hide=True, reason="Mentions a private dispute")
    assert rating(vendor.id) == (4.5, 1)
    assert [r["id"] for r in call(reviews.vendor_reviews, alex.principal, vendor.id, lang="en")["reviews"]] == [
        str(review.id)
    ]
    assert (
        call(reviews.admin_reviews, admin, lang="en", flt="hidden")[0]["hidden_reason"] == "Mentions a private dispute"
    )
    call(reviews.moderate, admin, r2.id, hide=False)
    assert rating(vendor.id) == (3.75, 2)
    actions = call(lambda s: [a for a in s.exec(select(AuditEvent.action)).all() if a.startswith("review.")])
    assert sorted(actions) == ["review.create", "review.create", "review.hide", "review.reply", "review.unhide"]


def test_the_couple_page_offers_a_review_only_after_the_day(setup, camille, ana):
    wid, vendor = setup
    booking = book(camille, wid, vendor, ana)
    row = call(bookings.couple_overview, camille.principal, wid, lang="en", today=TODAY)["rows"][0]
    assert (row["can_review"], row["review_pending"]) == (False, True)
    later = booking.day + timedelta(days=2)
    row = call(bookings.couple_overview, camille.principal, wid, lang="en", today=later)["rows"][0]
    assert row["can_review"] is True
    call(reviews.submit_review, camille.principal, booking.id, review_form(), today=later)
    row = call(bookings.couple_overview, camille.principal, wid, lang="en", today=later)["rows"][0]
    assert (row["can_review"], row["reviewed"], row["review_overall"]) == (False, True, "4.5")


def test_demo_wedding_has_booked_the_demo_photographer_with_a_thread():
    from models.weddings import Wedding
    from services import demo
    from services.auth import principal_from_token
    from tests.helpers import login

    assert demo.seed_demo() is True
    couple = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    vendor = principal_from_token(login("vendor@attitudes.vip", "vendor-photos-2027"))
    with transaction() as s:
        booking = s.exec(
            select(VendorBooking)
            .join(VendorProfile, VendorProfile.id == VendorBooking.vendor_id)
            .join(Wedding, Wedding.id == VendorBooking.wedding_id)
            .where(VendorProfile.tenant_id.in_(vendor.tenant_ids), Wedding.partner_a == "Camille")
        ).one()
        wedding_id = booking.wedding_id
        assert s.get(VendorProfile, booking.vendor_id).tenant_id in vendor.tenant_ids
    page = call(bookings.couple_overview, couple, wedding_id, lang="en", today=TODAY)
    [row] = [r for r in page["rows"] if r["booking_id"] == str(booking.id)]
    assert len(page["rows"]) == count(QuoteRequest, QuoteRequest.wedding_id == wedding_id)  # every quote is listed
    assert row["status_label"] == "Booked" and row["unread"] == 0
    view = call(messages.thread_view, vendor, row["thread_id"], lang="en")
    assert len(view["messages"]) == 4 and view["title"] == "Camille & Alex"
    assert count(VendorDayLock, VendorDayLock.booking_id == booking.id) == 1
    assert call(bookings.vendor_overview, vendor, lang="en", today=TODAY)["rows"][0]["guests"] > 100


def test_attachment_route_serves_the_file_only_to_the_two_sides(setup, camille, ana, alex):
    from fastapi.testclient import TestClient

    from attitudes_app.api.routes import build_api

    wid, vendor = setup
    tid = thread_of(request(camille, wid, vendor))
    html = b"<script>alert(1)</script>"
    call(messages.post_message, ana.principal, tid, "Our brochure", [messages.Upload("brochure é.html", html)])
    att = call(lambda s: s.exec(select(MessageAttachment)).one())
    client = TestClient(build_api())
    url = f"/api/v1/attachments/{att.id}"
    assert client.get(url).status_code == 401  # no session
    for outsider in (alex.token, ""):
        client.cookies.set("attitudes_session", outsider)
        assert client.get(url).status_code in (401, 404)
    for member in (camille, ana):
        client.cookies.set("attitudes_session", member.token)
        response = client.get(url)
        assert response.status_code == 200 and response.content == html
        # Never rendered on our origin: always a download, no sniffing, sandboxed.
        assert response.headers["content-disposition"].startswith("attachment;")
        assert "filename*=UTF-8''brochure%20%C3%A9.html" in response.headers["content-disposition"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in response.headers["content-security-policy"]
    client.cookies.set("attitudes_session", camille.token)
    assert client.get("/api/v1/attachments/not-a-uuid").status_code == 404
