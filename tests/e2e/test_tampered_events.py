"""Forged WebSocket events against the running production build.

A real Socket.IO client connects to /_event like the browser does, carrying a real session
cookie, and sends events no page of ours can produce: another tenant's wedding id, extra
fields (tenant_id, role), a role nobody may hand out. Each is refused, logged in the audit
trail, and changes nothing.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
import socketio
from sqlmodel import select

from models.audit import AuditEvent
from models.tenancy import CollaboratorInvitation, Membership
from models.weddings import Wedding
from services.db import transaction
from state.dashboard import DashboardState
from state.team import TeamState
from state.weddings import WeddingSettingsState
from tests.helpers import configure_backend, new_wedding, signup, wedding_form


@pytest.fixture
def backend(live_app, monkeypatch):
    """This test process talks to the live app's own PostgreSQL and Redis."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    return live_app


NAMESPACE = "/_event"  # the browser's socket.io client derives it from the /_event URL


class Browserless:
    """A Socket.IO client speaking Reflex's event protocol with a given session cookie."""

    def __init__(self, base_url: str, session_token: str | None):
        self.base_url = base_url
        self.token = str(uuid.uuid4())
        self.updates: list[dict] = []
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", lambda data: self.updates.append(json.loads(data) if isinstance(data, str) else data),
                    namespace=NAMESPACE)
        headers = {}  # the WebSocket client sends Origin: base_url itself
        if session_token:
            headers["Cookie"] = f"attitudes_session={session_token}"
        self.sio.connect(f"{base_url}?token={self.token}", socketio_path="/_event", transports=["websocket"],
                         headers=headers, namespaces=[NAMESPACE], wait_timeout=10)

    def send(self, handler: str, payload: dict, *, path: str, params: dict[str, str], until: str) -> list[dict]:
        """Send one event; return the updates received until one of them mentions `until`."""
        before = len(self.updates)
        self.sio.emit("event", {
            "name": handler,
            "payload": payload,
            "router_data": {"pathname": path, "query": params, "asPath": path.replace("[wedding_id]",
                                                                                      params.get("wedding_id", ""))},
        }, namespace=NAMESPACE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if until in json.dumps(self.updates[before:]):
                return self.updates[before:]
            time.sleep(0.05)
        raise AssertionError(f"no update mentioning {until!r} after {handler}: {self.updates[before:]}")

    def close(self):
        self.sio.disconnect()


def _handler(state, name: str) -> str:
    return f"{state.get_full_name()}.{name}"


def _wedding(wedding_id) -> Wedding:
    with transaction() as s:
        return s.get(Wedding, wedding_id)


def _refusals(user_id) -> list[AuditEvent]:
    with transaction() as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.actor_user_id == user_id,
                                                    AuditEvent.action == "security.refused")))


def _text(updates: list[dict]) -> str:
    return json.dumps(updates)


def test_editing_another_tenants_wedding_is_refused_logged_and_changes_nothing(backend):
    victim = signup("Victor Victim")
    victim_wedding = new_wedding(victim.principal, partner_a="Victor", partner_b="Vera")
    attacker = signup("Mallory Attacker")
    client = Browserless(backend.base_url, attacker.token)
    try:
        forged = wedding_form(partner_a="Hacked", partner_b="Hacked")
        updates = client.send(_handler(WeddingSettingsState, "save"), {"form_data": forged},
                              path="/w/[wedding_id]/settings", params={"wedding_id": str(victim_wedding)}, until="form_error")
        read = client.send(_handler(DashboardState, "load"), {}, path="/w/[wedding_id]",
                           params={"wedding_id": str(victim_wedding)}, until="not_found")
    finally:
        client.close()
    wedding = _wedding(victim_wedding)
    assert (wedding.partner_a, wedding.partner_b, wedding.version) == ("Victor", "Vera", 1)
    assert "Victor" not in _text(updates + read) and "Vera" not in _text(updates + read)
    assert "This page does not exist or you do not have access to it." in _text(updates)
    assert '"not_found_rx_state_": true' in _text(read)
    assert {e.after["where"] for e in _refusals(attacker.user_id)} >= {"wedding.save"}


def test_extra_fields_in_a_form_event_are_refused_and_change_nothing(backend):
    owner = signup("Olive Owner")
    wedding_id = new_wedding(owner.principal)
    client = Browserless(backend.base_url, owner.token)
    try:
        forged = wedding_form(partner_a="Changed", tenant_id=str(uuid.uuid4()), role="owner")
        updates = client.send(_handler(WeddingSettingsState, "save"), {"form_data": forged},
                              path="/w/[wedding_id]/settings", params={"wedding_id": str(wedding_id)},
                              until="form_error")
    finally:
        client.close()
    wedding = _wedding(wedding_id)
    assert wedding.partner_a == "Camille" and wedding.tenant_id == owner.tenant_id and wedding.version == 1
    assert "This request was refused." in _text(updates)
    assert {e.after["where"] for e in _refusals(owner.user_id)} >= {"wedding.save"}


def test_inviting_with_a_role_no_form_offers_is_refused(backend):
    owner = signup("Olga Owner")
    wedding_id = new_wedding(owner.principal)
    client = Browserless(backend.base_url, owner.token)
    try:
        updates = client.send(_handler(TeamState, "invite"),
                              {"form_data": {"email": "intruder@example.com", "role": "owner"}},
                              path="/w/[wedding_id]/team", params={"wedding_id": str(wedding_id)},
                              until="form_error")
    finally:
        client.close()
    with transaction() as s:
        assert not s.exec(select(CollaboratorInvitation).where(CollaboratorInvitation.wedding_id == wedding_id)).all()
        assert len(s.exec(select(Membership).where(Membership.tenant_id == owner.tenant_id)).all()) == 1
    assert "This request was refused." in _text(updates)


def test_events_without_a_session_are_sent_to_the_login_page(backend):
    owner = signup("Nina Noone")
    wedding_id = new_wedding(owner.principal, partner_a="Nina", partner_b="Noah")
    client = Browserless(backend.base_url, None)
    try:
        updates = client.send(_handler(DashboardState, "load"), {}, path="/w/[wedding_id]",
                              params={"wedding_id": str(wedding_id)}, until="/login")
    finally:
        client.close()
    text = _text(updates)
    assert "/login" in text
    assert "Nina" not in text and "Noah" not in text
