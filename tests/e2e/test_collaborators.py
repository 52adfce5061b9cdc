"""Team invitations in the browser: the demo couple invites a planner, who signs up from the link and joins the
wedding; a vendor owner invites, revokes and removes team members."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from services import vendors
from services.collaborators import accept_invitation
from services.db import transaction
from tests.e2e.ui import (
    ADMIN,
    DASHBOARD_URL,
    DEMO,
    DEMO_COUPLE,
    PASSWORD,
    WEDDINGS_URL,
    demo_wedding_id,
    fill_signup,
    goto,
    log_in,
    unique_email,
    wait_hydrated,
)
from tests.helpers import configure_backend, signup


def test_owner_invites_a_planner_who_signs_up_from_the_link(page: Page, base_url: str, new_context):
    log_in(page, base_url, *DEMO)
    wedding_id = demo_wedding_id(page)
    goto(page, f"{base_url}/w/{wedding_id}/team")
    expect(page.get_by_role("heading", name="Invite a collaborator")).to_be_visible()

    email = unique_email("planner")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Role").select_option(label="Planner")
    page.locator("#invite-submit").click()
    expect(page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
    link_box = page.get_by_test_id("invite-link")
    expect(link_box).to_have_text(re.compile(rf"^{re.escape(base_url)}/invite/[A-Za-z0-9_-]{{20,}}$"))
    link = link_box.inner_text().strip()
    pending = page.get_by_role("row").filter(has_text=email)
    expect(pending).to_contain_text("Planner")  # listed under pending invitations

    invitee = new_context().new_page()
    goto(invitee, link)
    expect(invitee.get_by_role("heading", name="You are invited")).to_be_visible()
    expect(invitee.get_by_text(DEMO_COUPLE)).to_be_visible()
    expect(invitee.get_by_text(email)).to_be_visible()
    invitee.get_by_role("link", name="Create an account").click()
    invitee.wait_for_url(re.compile(r".*/signup/?\?invite="))
    wait_hydrated(invitee)
    fill_signup(invitee, "Pat Planner", email, PASSWORD)
    invitee.locator("#signup-submit").click()
    invitee.wait_for_url(WEDDINGS_URL)
    card = invitee.get_by_role("heading", name=DEMO_COUPLE)
    expect(card).to_be_visible()
    expect(invitee.get_by_text("Planner", exact=True)).to_be_visible()  # their role on the wedding card
    invitee.get_by_role("link", name="Open dashboard").click()
    invitee.wait_for_url(DASHBOARD_URL)
    assert DASHBOARD_URL.match(invitee.url).group(1) == wedding_id
    expect(invitee.get_by_role("heading", name=DEMO_COUPLE)).to_be_visible()
    expect(invitee.get_by_test_id("guests-invited")).to_have_text("150")

    # The owner's team page lists the planner as a member, no longer as pending.
    goto(page, f"{base_url}/w/{wedding_id}/team")
    member = page.get_by_role("row").filter(has_text=email)
    expect(member).to_have_count(1)
    expect(member).to_contain_text("Pat Planner")
    expect(member).to_contain_text("Planner")
    expect(page.get_by_role("heading", name="Pending invitations")).to_have_count(0)

    # The invitation email is in the platform outbox, with the link.
    admin = new_context().new_page()
    log_in(admin, base_url, *ADMIN)
    goto(admin, f"{base_url}/admin/outbox")
    message = admin.get_by_role("row").filter(has_text=email)
    expect(message).to_contain_text(f"Camille Martin invited you to plan the wedding of {DEMO_COUPLE}")
    message.get_by_role("button").click()
    expect(admin.locator("pre").filter(has_text=link)).to_be_visible()

    # The link worked once.
    goto(invitee, link)
    expect(invitee.get_by_text("This invitation was already used. Log in to continue.")).to_be_visible()
    expect(invitee.get_by_role("heading", name="You are invited")).to_have_count(0)

    # Removing the planner asks first; Cancel keeps them, Remove takes the wedding away from them.
    member.get_by_role("button", name="Remove").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Remove this member?")
    expect(dialog).to_contain_text("Pat Planner")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(member).to_have_count(1)
    member.get_by_role("button", name="Remove").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Remove").click()
    expect(member).to_have_count(0)
    goto(invitee, f"{base_url}/weddings")
    expect(invitee.get_by_role("heading", name=DEMO_COUPLE)).to_have_count(0)


def test_vendor_owner_invites_revokes_and_removes_team_members(page: Page, base_url: str, live_app, monkeypatch, shoot):
    """The vendor team page: invite (role vendor, shown as pending with its expiry), revoke, and remove a member
    after confirming."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    owner = signup("Vera Vendor", kind="vendor", password=PASSWORD)
    member_email = unique_email("member")
    with transaction() as s:
        token = vendors.invite_member(s, owner.principal, member_email, lang="en")
    member = signup("Milo Member", email=member_email)
    with transaction() as s:
        accept_invitation(s, member.principal, token)

    goto(page, f"{base_url}/login")  # a vendor-only account lands on /vendor
    page.get_by_label("Email").fill(owner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r".*/vendor/?$"))
    goto(page, f"{base_url}/vendor/team")
    expect(page.get_by_role("row").filter(has_text="Milo Member")).to_contain_text("Vendor")

    email = unique_email("assistant")
    page.get_by_label("Email").fill(email)
    page.locator("#vendor-invite").click()
    expect(page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
    expect(page.get_by_test_id("invite-link")).to_have_text(re.compile(rf"^{re.escape(base_url)}/invite/\S{{20,}}$"))
    pending = page.get_by_role("row").filter(has_text=email)
    expect(pending).to_contain_text("Vendor")
    shoot("pending")
    pending.get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("row").filter(has_text=email)).to_have_count(0)
    expect(page.get_by_role("heading", name="Pending invitations")).to_have_count(0)

    # Removing asks first; cancelling keeps the member, confirming removes them.
    row = page.get_by_role("row").filter(has_text="Milo Member")
    row.get_by_role("button", name="Remove").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Remove this member?")
    expect(dialog).to_contain_text("They lose access to your vendor area right away.")
    shoot("remove-dialog")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Remove").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Remove").click()
    expect(page.get_by_role("row").filter(has_text="Milo Member")).to_have_count(0)
    # The owner has no Remove button on their own row.
    expect(page.get_by_role("row").filter(has_text="Vera Vendor").get_by_role("button")).to_have_count(0)
