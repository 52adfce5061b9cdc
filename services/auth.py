"""Accounts: sign-up, log-in with one-time tickets, principals, password reset."""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, select

from models.auth import OneTimeToken
from models.base import utcnow
from models.tenancy import Membership, Tenant, User
from services import audit, i18n, ratelimit, sessions
from services.authz import Principal, Role
from services.config import get_settings
from services.db import transaction
from services.errors import N_, DomainError, Msg, TamperedInput, ValidationError
from services.notifications import send_email


def _password_hasher() -> PasswordHasher:
    """argon2id with RFC 9106's low-memory profile (about 0.2 s a hash on this kind of machine).

    ATTITUDES_PASSWORD_HASHING=light (set by tests/conftest.py, never in production) uses one pass over
    8 MiB (about 10 ms): the test suite creates hundreds of accounts, and the default cost dominated its time.
    A hash made either way verifies either way; log-in re-hashes with the current parameters.
    """
    if os.environ.get("ATTITUDES_PASSWORD_HASHING") == "light":
        return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    return PasswordHasher()


_hasher = _password_hasher()
# Verified against when the email is unknown, so both paths cost one argon2 verification.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

LOGIN_TICKET_TTL = timedelta(seconds=60)
RESET_TOKEN_TTL = timedelta(hours=1)
MIN_PASSWORD_LENGTH = 10
TENANT_KINDS = ("couple", "agency", "vendor")  # vendor: a vendor organization with its marketplace profile
_COMMON_PASSWORDS = frozenset(
    "password password1 password123 1234567890 12345678910 qwertyuiop iloveyou123 letmein123 "
    "welcome123 wedding2026 wedding2027 motdepasse azertyuiop contraseña 0123456789 qwerty1234 "
    "1q2w3e4r5t abcdefghij aaaaaaaaaa 1111111111 passw0rd123 administrator".split()
)


def normalize_email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError({"email": N_("Enter a valid email address, like name@example.com.")}) from None


def password_problem(password: str, email: str = "") -> Msg | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return N_("Use at least {n} characters.", n=MIN_PASSWORD_LENGTH)
    if len(password) > 200:
        return N_("Use at most 200 characters.")
    if password.lower() in _COMMON_PASSWORDS or len(set(password)) < 4:
        return N_("This password is too easy to guess. Try a short sentence.")
    if email and password.lower() == email.lower():
        return N_("Your password cannot be your email address.")
    return None


def _only_fields(data: Mapping[str, Any], allowed: set[str]) -> dict[str, str]:
    """Reject anything a form of ours cannot send (tenant_id, role, is_platform_admin...)."""
    extra = set(data) - allowed
    if extra:
        raise TamperedInput()
    return {k: ("" if data.get(k) is None else str(data.get(k))) for k in allowed}


def load_principal(session: Session, user_id: uuid.UUID, session_id: str = "") -> Principal | None:
    user = session.get(User, user_id)
    if user is None:
        return None
    roles = {m.tenant_id: Role(m.role) for m in session.exec(select(Membership).where(Membership.user_id == user_id))}
    return Principal(user.id, user.email, user.display_name, user.locale, user.is_platform_admin, roles, session_id)


def principal_from_token(token: str | None) -> Principal | None:
    resolved = sessions.resolve_session(token)
    if resolved is None:
        return None
    key, user_id = resolved
    with transaction() as s:
        return load_principal(s, user_id, key)


def signup(data: Mapping[str, Any], *, ip: str, lang: str, invite_token: str = "") -> str:
    """Create a user and their own tenant (couple or agency); returns a one-time login ticket.

    With a collaborator invitation token, the user joins the inviting tenant instead.
    """
    fields = _only_fields(data, {"display_name", "email", "password", "tenant_kind", "tenant_name"})
    ratelimit.hit(f"signup:ip:{ip}", get_settings().signup_rate_limit)
    errors: dict[str, Msg] = {}
    name = " ".join(fields["display_name"].split())
    if not name:
        errors["display_name"] = N_("Tell us your name.")
    elif len(name) > 120:
        errors["display_name"] = N_("Use at most {n} characters.", n=120)
    email = ""
    try:
        email = normalize_email(fields["email"])
    except ValidationError as exc:
        errors.update(exc.field_errors)
    if problem := password_problem(fields["password"], email):
        errors["password"] = problem
    kind = fields["tenant_kind"] or "couple"
    if kind not in TENANT_KINDS:
        raise TamperedInput()
    with transaction() as s:
        if email and s.exec(select(User.id).where(User.email == email)).first():
            errors["email"] = N_("An account already exists for this email. Log in or reset your password.")
        if errors:
            raise ValidationError(errors)
        user = User(
            email=email,
            password_hash=_hasher.hash(fields["password"]),
            display_name=name,
            locale=i18n.normalize_language(lang),
        )
        s.add(user)
        s.flush()
        if invite_token:
            from services.collaborators import accept_invitation_in

            accept_invitation_in(s, user, invite_token)
        else:
            tenant_name = " ".join(fields["tenant_name"].split())[:200] or name
            tenant = Tenant(name=tenant_name, kind=kind)
            s.add(tenant)
            s.flush()
            s.add(Membership(tenant_id=tenant.id, user_id=user.id, role=Role.OWNER))
            audit.record(s, None, "tenant.create", tenant_id=tenant.id, obj=tenant, after={"kind": kind}, ip=ip)
            if kind == "vendor":
                from services.vendors import create_vendor_org

                create_vendor_org(s, tenant, contact_email=email, lang=user.locale)
        audit.record(s, None, "user.signup", obj=user, after={"email": email}, ip=ip)
        return _issue_token(s, user.id, "login", LOGIN_TICKET_TTL)


def login(data: Mapping[str, Any], *, ip: str) -> str:
    """Check email and password; returns a one-time ticket the session route exchanges for a cookie."""
    fields = _only_fields(data, {"email", "password"})
    settings = get_settings()
    email = fields["email"].strip().lower()
    ratelimit.hit(f"login:ip:{ip}", settings.login_rate_limit * 3)
    ratelimit.check(f"login:acct:{email}", settings.login_rate_limit)
    with transaction() as s:
        user = s.exec(select(User).where(User.email == email)).first() if email else None
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, fields["password"])
            ok = user is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            ratelimit.hit(f"login:acct:{email}", settings.login_rate_limit)
            raise ValidationError({"": N_("This email and password do not match an account.")})
        ratelimit.reset(f"login:acct:{email}")
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(fields["password"])
        audit.record(s, None, "user.login", obj=user, ip=ip)
        return _issue_token(s, user.id, "login", LOGIN_TICKET_TTL)


def _issue_token(s: Session, user_id: uuid.UUID, purpose: str, ttl: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    s.add(OneTimeToken(id=sessions.hash_token(token), purpose=purpose, user_id=user_id, expires_at=utcnow() + ttl))
    return token


def _consume_token(s: Session, token: str, purpose: str) -> uuid.UUID | None:
    row = s.get(OneTimeToken, sessions.hash_token(token or ""))
    if row is None or row.purpose != purpose or row.used_at is not None or row.expires_at < utcnow():
        return None
    row.used_at = utcnow()
    return row.user_id


def exchange_login_ticket(ticket: str, *, ip: str, user_agent: str) -> str | None:
    """Single use: turns a fresh login ticket into a new session token (None when invalid)."""
    with transaction() as s:
        user_id = _consume_token(s, ticket, "login")
    return sessions.start_session(user_id, ip, user_agent) if user_id else None


def logout(token: str | None, *, ip: str) -> None:
    """End the session behind a cookie (if any) and record it."""
    resolved = sessions.resolve_session(token)
    sessions.end_session(token)
    if resolved:
        with transaction() as s:
            audit.record(s, None, "user.logout", after={"user_id": str(resolved[1])}, ip=ip)


def request_password_reset(data: Mapping[str, Any], *, ip: str, lang: str) -> None:
    """Always answers the same way, so nobody learns which emails have accounts."""
    fields = _only_fields(data, {"email"})
    email = normalize_email(fields["email"])
    ratelimit.hit(f"reset:ip:{ip}", 10)
    ratelimit.hit(f"reset:acct:{email}", 3)
    with transaction() as s:
        user = s.exec(select(User).where(User.email == email)).first()
        if user is None:
            return
        token = _issue_token(s, user.id, "reset", RESET_TOKEN_TTL)
        link = f"{get_settings().base_url}/reset/{token}"
        lang = user.locale or lang
        send_email(
            s,
            to=user.email,
            kind="password_reset",
            subject=i18n.gettext(lang, "Reset your Attitudes.vip password"),
            body=i18n.gettext(
                lang,
                "Hello {name},\n\nOpen this link within one hour to choose a new password:\n{link}\n\nIf you did not ask for this, ignore this message.",
                name=user.display_name,
                link=link,
            ),
        )
        audit.record(s, None, "user.password_reset_requested", obj=user, ip=ip)


def reset_password(token: str, data: Mapping[str, Any], *, ip: str) -> str:
    """Set a new password from a reset link; ends every other session; returns a login ticket."""
    fields = _only_fields(data, {"password", "confirm"})
    with transaction() as s:
        row = s.get(OneTimeToken, sessions.hash_token(token or ""))
        if row is None or row.purpose != "reset" or row.used_at is not None or row.expires_at < utcnow():
            raise DomainError(N_("This reset link has expired or was already used. Ask for a new one."))
        user = s.get(User, row.user_id)
        if problem := password_problem(fields["password"], user.email):
            raise ValidationError({"password": problem})
        if fields["password"] != fields["confirm"]:
            raise ValidationError({"confirm": N_("The two passwords differ.")})
        row.used_at = utcnow()
        user.password_hash = _hasher.hash(fields["password"])
        audit.record(s, None, "user.password_reset", obj=user, ip=ip)
        ticket = _issue_token(s, user.id, "login", LOGIN_TICKET_TTL)
    sessions.store().delete_user(user.id)
    return ticket


def set_language(principal: Principal, lang: str) -> str:
    lang = i18n.normalize_language(lang)
    with transaction() as s:
        user = s.get(User, principal.user_id)
        user.locale = lang
    return lang


def create_platform_admin(email: str, password: str, name: str = "Administrator") -> uuid.UUID:
    email = normalize_email(email)
    if problem := password_problem(password, email):
        raise ValidationError({"password": problem})
    with transaction() as s:
        user = s.exec(select(User).where(User.email == email)).first()
        if user is None:
            user = User(email=email, password_hash=_hasher.hash(password), display_name=name)
            s.add(user)
        else:
            user.password_hash = _hasher.hash(password)
        user.is_platform_admin = True
        s.flush()
        audit.record(s, None, "user.make_admin", obj=user)
        return user.id
