"""Sign-up, log-in, sessions, password reset and rate limits, through the real auth service."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlmodel import select

from models.audit import AuditEvent
from models.auth import AuthSession, OneTimeToken
from models.base import utcnow
from models.notifications import OutboxMessage
from models.tenancy import Membership, Tenant, User
from services import auth, i18n, sessions
from services.authz import Role
from services.config import get_settings
from services.db import transaction
from services.errors import DomainError, RateLimited, TamperedInput, ValidationError
from tests.helpers import PASSWORD, count, last_email, link_token, login, signup, unique_email

WRITTEN_BY_SIGNUP = (User, Tenant, Membership, AuditEvent, OneTimeToken)


def signup_form(**overrides):
    form = {
        "display_name": "Camille Martin",
        "email": unique_email("camille"),
        "password": PASSWORD,
        "tenant_kind": "couple",
        "tenant_name": "Camille & Alex",
    }
    form.update(overrides)
    return form


def row_counts() -> dict[str, int]:
    return {model.__name__: count(model) for model in WRITTEN_BY_SIGNUP}


# ---- sign-up ------------------------------------------------------------------------------


def test_signup_creates_an_owner_of_a_new_couple_tenant():
    account = signup("Camille Martin", lang="fr-CA")
    p = account.principal
    assert p.email == account.email
    assert p.locale == "fr"
    assert dict(p.roles) == {account.tenant_id: Role.OWNER}
    assert not p.is_platform_admin
    with transaction() as s:
        assert s.get(Tenant, account.tenant_id).kind == "couple"
        assert s.get(User, account.user_id).password_hash != PASSWORD


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "short1!"}, "password"),
        ({"password": "password123"}, "password"),
        ({"password": "aaaaaaaaaaaa"}, "password"),
        ({"display_name": "   "}, "display_name"),
    ],
)
def test_signup_reports_the_bad_field_and_writes_nothing(overrides, field):
    before = row_counts()
    with pytest.raises(ValidationError) as exc:
        auth.signup(signup_form(**overrides), ip="10.0.0.1", lang="en")
    assert set(exc.value.field_errors) == {field}
    assert row_counts() == before


def test_signup_reports_every_bad_field_at_once():
    before = row_counts()
    with pytest.raises(ValidationError) as exc:
        auth.signup(signup_form(display_name="", email="camille@", password="abc"), ip="10.0.0.1", lang="en")
    assert set(exc.value.field_errors) == {"display_name", "email", "password"}
    assert "10" in i18n.render("en", exc.value.field_errors["password"])  # "Use at least 10 characters."
    assert row_counts() == before


def test_password_equal_to_email_is_refused():
    email = unique_email("same")
    with pytest.raises(ValidationError) as exc:
        auth.signup(signup_form(email=email, password=email), ip="10.0.0.1", lang="en")
    assert set(exc.value.field_errors) == {"password"}


def test_duplicate_email_is_refused_whatever_its_case(accounts):
    before = row_counts()
    with pytest.raises(ValidationError) as exc:
        auth.signup(signup_form(email=accounts["camille"].email.upper()), ip="10.0.0.1", lang="en")
    assert set(exc.value.field_errors) == {"email"}
    assert "already exists" in i18n.render("en", exc.value.field_errors["email"])
    assert row_counts() == before


@pytest.mark.parametrize(
    "extra",
    [
        {"tenant_id": "00000000-0000-0000-0000-000000000001"},
        {"role": "owner"},
        {"is_platform_admin": "true"},
    ],
)
def test_signup_with_fields_no_form_sends_is_refused_and_creates_nothing(extra):
    before = row_counts()
    with pytest.raises(TamperedInput):
        auth.signup({**signup_form(), **extra}, ip="10.0.0.1", lang="en")
    assert row_counts() == before


def test_signup_with_an_unknown_tenant_kind_is_refused():
    before = row_counts()
    with pytest.raises(TamperedInput):
        auth.signup(signup_form(tenant_kind="admin"), ip="10.0.0.1", lang="en")
    assert row_counts() == before


# ---- log-in -------------------------------------------------------------------------------


def test_login_with_right_password_gives_a_session_for_that_user(accounts):
    account = accounts["camille"]
    token = login(account.email.upper())  # emails are case-insensitive
    assert auth.principal_from_token(token).user_id == account.user_id


def test_wrong_password_and_unknown_email_give_the_same_error(accounts):
    account = accounts["camille"]
    errors = []
    for email, password in ((account.email, "wrong password 123"), (unique_email("nobody"), PASSWORD)):
        with pytest.raises(ValidationError) as exc:
            auth.login({"email": email, "password": password}, ip="10.0.0.2")
        errors.append(exc.value.field_errors)
    assert errors[0] == errors[1]
    assert set(errors[0]) == {""}
    assert "do not match" in i18n.render("en", errors[0][""])


def test_login_with_extra_fields_is_refused(accounts):
    account = accounts["camille"]
    with pytest.raises(TamperedInput):
        auth.login({"email": account.email, "password": PASSWORD, "is_platform_admin": True}, ip="10.0.0.2")


def _login_seconds(email: str) -> float:
    start = time.perf_counter()
    with pytest.raises(ValidationError):
        auth.login({"email": email, "password": "not the password 42"}, ip="10.0.0.3")
    return time.perf_counter() - start


def test_unknown_email_costs_as_much_as_a_wrong_password(monkeypatch):
    """Both paths run one argon2 verification, so timing does not reveal which emails exist.

    With the production parameters: the suite's light ones (tests/conftest.py) cost too little to compare.
    """
    production = auth.PasswordHasher()
    monkeypatch.setattr(auth, "_hasher", production)
    monkeypatch.setattr(auth, "_DUMMY_HASH", production.hash("any dummy password"))
    account = signup("Timing Tester")
    known = min(_login_seconds(account.email) for _ in range(3))
    unknown = min(_login_seconds(unique_email("ghost")) for _ in range(3))
    assert known > 0.005, "a wrong password should cost an argon2 verification"
    assert unknown >= 0.5 * known, f"unknown email took {unknown:.4f}s, known {known:.4f}s"


# ---- login tickets and sessions ------------------------------------------------------------


def test_login_ticket_works_once(accounts):
    account = accounts["camille"]
    ticket = auth.login({"email": account.email, "password": PASSWORD}, ip="10.0.0.2")
    assert auth.exchange_login_ticket(ticket, ip="10.0.0.2", user_agent="pytest")
    assert auth.exchange_login_ticket(ticket, ip="10.0.0.2", user_agent="pytest") is None


def test_expired_login_ticket_is_refused(accounts):
    account = accounts["camille"]
    ticket = auth.login({"email": account.email, "password": PASSWORD}, ip="10.0.0.2")
    with transaction() as s:
        row = s.get(OneTimeToken, sessions.hash_token(ticket))
        assert row.expires_at - utcnow() <= timedelta(seconds=60)
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert auth.exchange_login_ticket(ticket, ip="10.0.0.2", user_agent="pytest") is None


def test_tokens_are_stored_hashed(accounts):
    account = accounts["camille"]
    with transaction() as s:
        stored = s.exec(select(AuthSession.id).where(AuthSession.user_id == account.user_id)).all()
    assert stored == [sessions.hash_token(account.token)]
    assert account.token not in stored


def test_each_login_gets_a_new_session_and_ending_one_keeps_the_other(accounts):
    account = accounts["camille"]
    first = login(account.email)
    second = login(account.email)
    assert len({account.token, first, second}) == 3
    assert auth.principal_from_token(first).user_id == account.user_id
    sessions.end_session(first)
    assert auth.principal_from_token(first) is None
    assert auth.principal_from_token(second).user_id == account.user_id


def test_garbage_tokens_resolve_to_nobody():
    assert auth.principal_from_token(None) is None
    assert auth.principal_from_token("") is None
    assert auth.principal_from_token("forged-token") is None


def _age_session(token: str, **fields) -> None:
    with transaction() as s:
        row = s.get(AuthSession, sessions.hash_token(token))
        for name, value in fields.items():
            setattr(row, name, value)


def test_session_survives_eleven_idle_hours(accounts):
    account = accounts["camille"]
    _age_session(account.token, last_seen_at=utcnow() - timedelta(hours=11))
    assert auth.principal_from_token(account.token) is not None


def test_session_ends_after_thirteen_idle_hours(accounts):
    account = accounts["camille"]
    _age_session(account.token, last_seen_at=utcnow() - timedelta(hours=13))
    assert auth.principal_from_token(account.token) is None
    assert count(AuthSession, AuthSession.user_id == account.user_id) == 0


def test_session_ends_after_seven_days_even_when_active(accounts):
    account = accounts["camille"]
    _age_session(account.token, created_at=utcnow() - timedelta(days=8), last_seen_at=utcnow())
    assert auth.principal_from_token(account.token) is None


def test_logout_ends_the_session_and_is_audited(accounts):
    account = accounts["camille"]
    other_device = login(account.email)
    auth.logout(account.token, ip="10.0.0.9")
    assert auth.principal_from_token(account.token) is None
    assert auth.principal_from_token(other_device) is not None  # only this browser's session ends
    assert count(AuditEvent, AuditEvent.action == "user.logout", AuditEvent.ip == "10.0.0.9") == 1


# ---- password reset -----------------------------------------------------------------------


def test_password_reset_by_email_link(accounts):
    account = accounts["camille"]
    other_session = login(account.email)
    auth.request_password_reset({"email": account.email}, ip="10.0.0.4", lang="en")
    mail = last_email(account.email)
    assert mail.kind == "password_reset"
    assert mail.status == "outbox"
    token = link_token(mail.body_text, "reset")

    new_password = "a brand new passphrase"
    ticket = auth.reset_password(token, {"password": new_password, "confirm": new_password}, ip="10.0.0.4")

    # Every session that existed before the reset is over.
    assert auth.principal_from_token(account.token) is None
    assert auth.principal_from_token(other_session) is None
    # The returned ticket logs the user in; the new password works and the old one no longer does.
    fresh = auth.exchange_login_ticket(ticket, ip="10.0.0.4", user_agent="pytest")
    assert auth.principal_from_token(fresh).user_id == account.user_id
    assert auth.principal_from_token(login(account.email, new_password)).user_id == account.user_id
    with pytest.raises(ValidationError):
        auth.login({"email": account.email, "password": PASSWORD}, ip="10.0.0.4")
    # The link works once.
    with pytest.raises(DomainError) as exc:
        auth.reset_password(
            token, {"password": "yet another passphrase", "confirm": "yet another passphrase"}, ip="10.0.0.4"
        )
    assert "expired or was already used" in i18n.render("en", exc.value.message)


def test_reset_with_mismatched_confirmation_keeps_the_link_usable(accounts):
    account = accounts["camille"]
    auth.request_password_reset({"email": account.email}, ip="10.0.0.4", lang="en")
    token = link_token(last_email(account.email).body_text, "reset")
    with pytest.raises(ValidationError) as exc:
        auth.reset_password(
            token, {"password": "a brand new passphrase", "confirm": "a brand new passphrasE"}, ip="10.0.0.4"
        )
    assert set(exc.value.field_errors) == {"confirm"}
    assert auth.principal_from_token(account.token) is not None  # nothing happened
    auth.reset_password(
        token, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}, ip="10.0.0.4"
    )


def test_expired_reset_link_is_refused(accounts):
    account = accounts["camille"]
    auth.request_password_reset({"email": account.email}, ip="10.0.0.4", lang="en")
    token = link_token(last_email(account.email).body_text, "reset")
    with transaction() as s:
        s.get(OneTimeToken, sessions.hash_token(token)).expires_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(DomainError):
        auth.reset_password(
            token, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}, ip="10.0.0.4"
        )
    assert auth.principal_from_token(login(account.email)) is not None  # old password still valid


def test_reset_for_an_unknown_email_answers_the_same_and_sends_nothing():
    auth.request_password_reset({"email": unique_email("nobody")}, ip="10.0.0.4", lang="en")
    assert count(OutboxMessage) == 0


def test_reset_token_cannot_be_used_as_a_login_ticket(accounts):
    account = accounts["camille"]
    auth.request_password_reset({"email": account.email}, ip="10.0.0.4", lang="en")
    token = link_token(last_email(account.email).body_text, "reset")
    assert auth.exchange_login_ticket(token, ip="10.0.0.4", user_agent="pytest") is None


# ---- rate limits --------------------------------------------------------------------------


def _minutes(exc: RateLimited) -> str:
    return i18n.render("en", exc.message)


def test_default_limits_are_ten_logins_per_account_and_five_signups_per_ip(use_backend, db):
    use_backend(db, login_rate_limit=None, signup_rate_limit=None)
    settings = get_settings()
    assert (settings.login_rate_limit, settings.signup_rate_limit, settings.rate_limit_window_seconds) == (10, 5, 900)


def test_login_locks_an_account_after_n_failures(use_backend, db, accounts):
    use_backend(db, login_rate_limit=3)  # 10 by default (above); 3 keeps argon2 time down
    account = accounts["camille"]
    for _ in range(3):
        with pytest.raises(ValidationError):
            auth.login({"email": account.email, "password": "wrong password 123"}, ip="10.0.1.1")
    with pytest.raises(RateLimited) as exc:  # even the right password, even from another IP
        auth.login({"email": account.email, "password": PASSWORD}, ip="10.0.1.2")
    assert _minutes(exc.value) == "Too many attempts. Try again in 15 minutes."
    assert login(accounts["lea"].email, ip="10.0.1.3")  # other accounts are not locked


def test_successful_login_resets_the_account_counter(use_backend, db, accounts):
    use_backend(db, login_rate_limit=2)
    account = accounts["camille"]
    for _ in range(2):  # without the reset, the second round would be locked out
        with pytest.raises(ValidationError):
            auth.login({"email": account.email, "password": "wrong password 123"}, ip="10.0.1.1")
        assert auth.login({"email": account.email, "password": PASSWORD}, ip="10.0.1.1")


def test_login_is_limited_per_ip(use_backend, db):
    use_backend(db, login_rate_limit=1)  # per IP: three times the per-account limit
    for _ in range(3):
        with pytest.raises(ValidationError):
            auth.login({"email": unique_email("probe"), "password": "wrong password 123"}, ip="10.0.2.1")
    with pytest.raises(RateLimited) as exc:
        auth.login({"email": unique_email("probe"), "password": "wrong password 123"}, ip="10.0.2.1")
    assert "minutes" in _minutes(exc.value)
    with pytest.raises(ValidationError):  # another IP is not affected
        auth.login({"email": unique_email("probe"), "password": "wrong password 123"}, ip="10.0.2.2")


def test_signup_is_limited_per_ip(use_backend, db):
    use_backend(db, signup_rate_limit=None)  # the real default: 5 per IP per 15 minutes
    before = row_counts()
    for _ in range(5):
        with pytest.raises(ValidationError):
            auth.signup(signup_form(password="short"), ip="10.0.3.1", lang="en")
    with pytest.raises(RateLimited) as exc:
        auth.signup(signup_form(), ip="10.0.3.1", lang="en")
    assert _minutes(exc.value) == "Too many attempts. Try again in 15 minutes."
    assert row_counts() == before
    signup("Alex Dubois", ip="10.0.3.2")  # another IP still signs up
