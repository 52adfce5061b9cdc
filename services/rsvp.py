"""Guests' RSVP: private household links, the public RSVP page, find-your-invitation, invitation emails, PDFs.

The public functions here take no principal: the caller is a guest holding a household's link token
(or typing their name on the find page). Everything they may read or change is derived from that
token's household on the server; ids in their form are only accepted when they belong to it.
Every change is audited with principal None and the household in `after`.
"""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import segno
from rapidfuzz import fuzz
from sqlmodel import Session, select

from models.base import utcnow
from models.guests import DIETARY_CODES, EventMealOption, Guest, GuestEventInvitation, Household
from models.rsvp import SEND_KINDS, HouseholdResponse, InvitationSend
from models.tenancy import User
from models.weddings import Wedding
from services import audit, i18n, ratelimit
from services.authz import Permission, Principal, can
from services.config import get_settings
from services.errors import N_, Msg, NotFound, TamperedInput, ValidationError
from services.guests import (
    _check_capacity,
    _events,
    _in_wedding,
    _meal_options,
    clean_block,
    clean_text,
    fold,
    hash_token,
    household_token,
    new_household_token,
    normalize_email,
)
from services.notifications import send_email
from services.weddings import load_wedding

RSVP_PAGE_LIMIT = 120  # RSVP page loads and answers per IP per rate-limit window
FIND_LIMIT = 12  # name look-ups per IP per window
AUDIENCES = ("all", "pending")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
BAD_LINK = N_("This invitation link is not valid any more. Ask the couple for a new one.")


def rsvp_url(token: str) -> str:
    return f"{get_settings().base_url}/rsvp/{token}"


def qr_svg_data_uri(url: str) -> str:
    """A QR code of exactly this link (nothing else is encoded), as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2, dark="#2b1a2f")


# ---- the token's household -------------------------------------------------------------------------


def household_for_token(session: Session, token: str, *, lock: bool = False) -> tuple[Household, Wedding]:
    """The household behind a live link, and its wedding; NotFound for unknown, revoked or deleted."""
    if not token or len(token) > 100 or not token.replace("-", "").replace("_", "").isalnum():
        raise NotFound(BAD_LINK)
    query = select(Household).where(Household.invite_token_hash == hash_token(token))
    if lock:
        query = query.with_for_update()
    household = session.exec(query).first()
    if household is None:
        raise NotFound(BAD_LINK)
    wedding = session.get(Wedding, household.wedding_id)
    if wedding is None or wedding.deleted_at is not None or wedding.tenant_id != household.tenant_id:
        raise NotFound(BAD_LINK)
    return household, wedding


def _members(session: Session, household: Household) -> list[Guest]:
    rows = session.exec(
        select(Guest).where(Guest.household_id == household.id, Guest.tenant_id == household.tenant_id)
    ).all()
    order = {"adult": 0, "child": 1, "infant": 2}
    return sorted(rows, key=lambda g: (order.get(g.age_group, 3), g.created_at, g.first_name))


def guest_language(session: Session, household: Household, wedding: Wedding) -> str:
    """The household's language: its first member's, else the wedding's locale."""
    for g in _members(session, household):
        if g.language:
            return i18n.normalize_language(g.language)
    return i18n.normalize_language(wedding.locale)


def _today(wedding: Wedding) -> date:
    return datetime.now(ZoneInfo(wedding.timezone or "UTC")).date()


def is_open(wedding: Wedding, today: date | None = None) -> bool:
    return wedding.rsvp_deadline is None or (today or _today(wedding)) <= wedding.rsvp_deadline


def contact_email(session: Session, wedding: Wedding) -> str:
    """Where guests write after the deadline: the couple's RSVP contact, else the owner's email."""
    if wedding.rsvp_contact_email:
        return wedding.rsvp_contact_email
    owner = session.get(User, wedding.created_by) if wedding.created_by else None
    return owner.email if owner else ""


def couple_names(wedding: Wedding) -> str:
    return f"{wedding.partner_a} & {wedding.partner_b}"


def _hit(kind: str, ip: str, limit: int) -> None:
    ratelimit.hit(f"rsvp:{kind}:{ip or 'unknown'}", limit)


# ---- the public RSVP page ---------------------------------------------------------------------------


def rsvp_view(session: Session, token: str, *, lang: str | None = None, ip: str = "") -> dict[str, Any]:
    """Everything the RSVP page shows, formatted for `lang` (default: the guest's language)."""
    _hit("page", ip, RSVP_PAGE_LIMIT)
    household, wedding = household_for_token(session, token)
    lang = i18n.normalize_language(lang or guest_language(session, household, wedding))
    members = _members(session, household)
    events = {e.id: e for e in _events(session, wedding)}
    meals: dict[uuid.UUID, list[EventMealOption]] = defaultdict(list)
    for m in _meal_options(session, wedding):
        meals[m.event_id].append(m)
    invs: dict[uuid.UUID, list[GuestEventInvitation]] = defaultdict(list)
    ids = [g.id for g in members]
    for inv in (
        session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id.in_(ids))).all() if ids else []
    ):
        if inv.event_id in events:
            invs[inv.guest_id].append(inv)
    order = list(events)
    tz = wedding.timezone or "UTC"
    people = []
    answered = False
    for g in members:
        rows = []
        for inv in sorted(invs[g.id], key=lambda i: order.index(i.event_id)):
            e = events[inv.event_id]
            answered = answered or inv.rsvp_status != "pending"
            rows.append(
                {
                    "event_id": str(e.id),
                    "event": e.name,
                    "when": i18n.format_moment(e.starts_at, lang, tz, "medium") if e.starts_at else "",
                    "location": e.location,
                    "status": inv.rsvp_status,
                    "meal_id": str(inv.meal_option_id or ""),
                    "plus_one_meal_id": str(inv.plus_one_meal_option_id or ""),
                    "meals": [{"id": str(m.id), "name": m.name} for m in meals[e.id]],
                    "plus_one": inv.plus_one_attending,
                }
            )
        people.append(
            {
                "id": str(g.id),
                "first_name": g.first_name,
                "name": f"{g.first_name} {g.last_name}".strip(),
                "plus_one": g.plus_one,
                "plus_one_name": g.plus_one_name,
                "dietary": list(g.dietary or []),
                "dietary_notes": g.dietary_notes,
                "invitations": rows,
            }
        )
    extra = session.exec(select(HouseholdResponse).where(HouseholdResponse.household_id == household.id)).first()
    venue = ", ".join(p for p in (wedding.venue_name, wedding.venue_address) if p)
    return {
        "lang": lang,
        "guest_lang": guest_language(session, household, wedding),
        "household": household.name,
        "couple": couple_names(wedding),
        "date": i18n.format_day(wedding.wedding_date, lang, "full"),
        "venue": venue,
        "open": is_open(wedding),
        "deadline": i18n.format_day(wedding.rsvp_deadline, lang, "long") if wedding.rsvp_deadline else "",
        "contact": contact_email(session, wedding),
        "members": people,
        "song": extra.song_request if extra else "",
        "message": extra.message if extra else "",
        "answered": answered or extra is not None,
    }


def _flag(value: Any) -> bool:
    return value in (True, "on", "true", "1", "yes")


def _parse_answers(data: Mapping[str, Any]) -> tuple[dict, dict, dict]:
    """Split the flat form into per-guest answers. Keys: att__<guest>__<event>, meal__…, plus__…, plusmeal__…,
    plusname__<guest>, diet__<guest>__<code>, notes__<guest>."""
    answers: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    details: dict[str, dict[str, Any]] = defaultdict(lambda: {"diet": set()})
    for key, value in data.items():
        parts = str(key).split("__")
        if parts[0] in ("att", "meal", "plus", "plusmeal") and len(parts) == 3:
            answers[(parts[1], parts[2])][parts[0]] = value
        elif parts[0] in ("plusname", "notes") and len(parts) == 2:
            details[parts[1]][parts[0]] = value
        elif parts[0] == "diet" and len(parts) == 3:
            if parts[2] not in DIETARY_CODES:
                raise TamperedInput()
            if _flag(value):
                details[parts[1]]["diet"].add(parts[2])
        elif parts[0] in ("song", "message") and len(parts) == 1:
            continue
        else:
            raise TamperedInput()
    return answers, details, {"song": data.get("song", ""), "message": data.get("message", "")}


def _guest_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def submit_rsvp(
    session: Session, token: str, data: Mapping[str, Any], *, lang: str | None = None, ip: str = ""
) -> dict[str, Any]:
    """Record a household's answers. All or nothing: any refusal changes nothing."""
    _hit("page", ip, RSVP_PAGE_LIMIT)
    household, wedding = household_for_token(session, token, lock=True)
    lang = i18n.normalize_language(lang or guest_language(session, household, wedding))
    if not is_open(wedding):
        raise ValidationError(
            {
                "": N_(
                    "The RSVP deadline has passed. To change your answer, write to the couple at {email}.",
                    email=contact_email(session, wedding) or "-",
                )
            }
        )
    answers, details, extra = _parse_answers(data)
    members = {str(g.id): g for g in _members(session, household)}
    mentioned = {gid for gid, _ in answers} | set(details)
    strangers = [m for m in mentioned if m not in members]
    if strangers:
        ids = [_guest_id(s) for s in strangers]
        audit.security_event(
            "security.refused", None, where="rsvp.submit", household=str(household.id), ids=strangers[:5]
        )
        if any(i is None for i in ids):
            raise TamperedInput()
        raise ValidationError({"": N_("This invitation does not include that guest. Nothing was changed.")})
    events = {str(e.id): e for e in _events(session, wedding)}
    meals = {str(m.id): m for m in _meal_options(session, wedding)}
    current = {
        (str(i.guest_id), str(i.event_id)): i
        for i in session.exec(
            select(GuestEventInvitation).where(GuestEventInvitation.guest_id.in_([g.id for g in members.values()]))
        ).all()
        if str(i.event_id) in events
    }
    errors: dict[str, Msg] = {}
    planned: dict[tuple[str, str], tuple[str, uuid.UUID | None, bool, uuid.UUID | None]] = {}
    for gid, eid in answers:
        if (gid, eid) not in current:
            raise ValidationError({"": N_("This invitation does not include that event. Nothing was changed.")})
    for gid, eid in current:
        guest, event = members[gid], events[eid]
        answer = answers.get((gid, eid), {})
        key = f"{gid}__{eid}"
        att = str(answer.get("att", "") or "")
        if att not in ("yes", "no"):
            if att:
                raise TamperedInput()
            errors[f"att__{key}"] = N_(
                "Tell us whether {name} will come to {event}.", name=guest.first_name, event=event.name
            )
            continue
        status = "attending" if att == "yes" else "declined"
        meal_key = str(answer.get("meal", "") or "")
        meal_id = None
        if meal_key and status == "attending":
            meal = meals.get(meal_key)
            if meal is None or str(meal.event_id) != eid:
                errors[f"meal__{key}"] = N_("Choose one of the meals offered at {event}.", event=event.name)
                continue
            meal_id = meal.id
        plus = _flag(answer.get("plus")) and status == "attending"
        if plus and guest.plus_one == "none":
            errors[f"plus__{key}"] = N_("{name}'s invitation does not include a plus-one.", name=guest.first_name)
            continue
        plus_meal_key = str(answer.get("plusmeal", "") or "")
        plus_meal_id = None
        if plus_meal_key and plus:
            plus_meal = meals.get(plus_meal_key)
            if plus_meal is None or str(plus_meal.event_id) != eid:
                errors[f"plusmeal__{key}"] = N_("Choose one of the meals offered at {event}.", event=event.name)
                continue
            plus_meal_id = plus_meal.id
        planned[(gid, eid)] = (status, meal_id, plus, plus_meal_id)
    for gid, d in details.items():
        if clean_text(d.get("plusname", ""), 200) and members[gid].plus_one == "none":
            errors[f"plusname__{gid}"] = N_(
                "{name}'s invitation does not include a plus-one.", name=members[gid].first_name
            )
    if errors:
        raise ValidationError(errors)
    # Seats: every event whose count would grow is checked against its capacity.
    for eid, event in events.items():
        seats = {members[g].id: 1 + int(p[2]) for (g, e), p in planned.items() if e == eid and p[0] == "attending"}
        before = sum(
            1 + int(i.plus_one_attending) for (g, e), i in current.items() if e == eid and i.rsvp_status == "attending"
        )
        if seats and sum(seats.values()) > before and (problem := _check_capacity(session, wedding, event, seats)):
            raise ValidationError({"": problem})
    now = utcnow()
    hid = str(household.id)
    for (gid, eid), (status, meal_id, plus, plus_meal_id) in planned.items():
        inv = current[(gid, eid)]
        before = {
            "status": inv.rsvp_status,
            "meal": str(inv.meal_option_id or ""),
            "plus_one": inv.plus_one_attending,
            "plus_one_meal": str(inv.plus_one_meal_option_id or ""),
        }
        if inv.rsvp_status != status or inv.responded_at is None:
            inv.responded_at = now
        inv.rsvp_status, inv.meal_option_id, inv.plus_one_attending = status, meal_id, plus
        inv.plus_one_meal_option_id = plus_meal_id
        after = {
            "status": status,
            "meal": str(meal_id or ""),
            "plus_one": plus,
            "plus_one_meal": str(plus_meal_id or ""),
        }
        if before != after:
            audit.record(
                session,
                None,
                "rsvp.answer",
                tenant_id=wedding.tenant_id,
                obj=inv,
                before=before,
                after={**after, "household_id": hid, "guest_id": gid, "event_id": eid},
                ip=ip,
            )
    for gid, g in members.items():
        if gid not in details:
            continue
        d = details[gid]
        before = {
            "dietary": sorted(g.dietary or []),
            "dietary_notes": g.dietary_notes,
            "plus_one_name": g.plus_one_name,
        }
        g.dietary = sorted(d["diet"])
        g.dietary_notes = clean_text(d.get("notes", ""), 500)
        if g.plus_one != "none":
            g.plus_one_name = clean_text(d.get("plusname", ""), 200)
        after = {"dietary": list(g.dietary), "dietary_notes": g.dietary_notes, "plus_one_name": g.plus_one_name}
        if before != after:
            g.updated_at = now
            audit.record(
                session,
                None,
                "rsvp.details",
                tenant_id=wedding.tenant_id,
                obj=g,
                before=before,
                after={**after, "household_id": hid},
                ip=ip,
            )
    row = session.exec(select(HouseholdResponse).where(HouseholdResponse.household_id == household.id)).first()
    song, message = clean_text(extra["song"], 300), clean_block(extra["message"], 2000)
    if row is None:
        row = HouseholdResponse(tenant_id=wedding.tenant_id, wedding_id=wedding.id, household_id=household.id)
        session.add(row)
    row.song_request, row.message, row.updated_at = song, message, now
    audit.record(
        session,
        None,
        "rsvp.submit",
        tenant_id=wedding.tenant_id,
        obj=household,
        after={"household_id": hid, "song": song, "message": message},
        ip=ip,
    )
    session.flush()
    summary = _confirmation_lines(session, household, wedding, lang)
    _confirmation_email(session, household, wedding, lang, summary, token)
    return {"lines": summary, "couple": couple_names(wedding)}


def _confirmation_lines(session: Session, household: Household, wedding: Wedding, lang: str) -> list[str]:
    events = {e.id: e for e in _events(session, wedding)}
    meals = {m.id: m.name for m in _meal_options(session, wedding)}
    lines = []
    for g in _members(session, household):
        for inv in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id == g.id)).all():
            e = events.get(inv.event_id)
            if e is None:
                continue
            if inv.rsvp_status == "attending":
                text = i18n.gettext(lang, "{name} will come to {event}", name=g.first_name, event=e.name)
                if inv.meal_option_id in meals:
                    text += f" ({meals[inv.meal_option_id]})"
                if inv.plus_one_attending:
                    text += " " + i18n.gettext(lang, "with a plus-one")
                    if inv.plus_one_meal_option_id in meals:
                        text += f" ({meals[inv.plus_one_meal_option_id]})"
            elif inv.rsvp_status == "declined":
                text = i18n.gettext(lang, "{name} will not come to {event}", name=g.first_name, event=e.name)
            else:
                text = i18n.gettext(lang, "{name}: no answer yet for {event}", name=g.first_name, event=e.name)
            lines.append(text)
    return lines


def _household_emails(session: Session, household: Household) -> list[str]:
    seen: list[str] = []
    for g in _members(session, household):
        if g.email and g.email not in seen:
            seen.append(g.email)
    return seen[:5]


def _confirmation_email(
    session: Session, household: Household, wedding: Wedding, lang: str, lines: list[str], token: str
) -> None:
    couple = couple_names(wedding)
    subject = i18n.gettext(lang, "Your answer for {couple}'s wedding", couple=couple)
    body = "\n".join(
        [
            i18n.gettext(lang, "Thank you, {household}! We received your answer.", household=household.name),
            "",
            *[f"- {line}" for line in lines],
            "",
            i18n.gettext(lang, "You can change it until the RSVP deadline with your private link:"),
            rsvp_url(token),
        ]
    )
    for to in _household_emails(session, household):
        send_email(session, to=to, subject=subject, body=body, kind="rsvp_confirmation", tenant_id=wedding.tenant_id)


# ---- find your invitation ---------------------------------------------------------------------------


def _public_wedding(session: Session, wedding_id: Any) -> Wedding:
    try:
        wid = uuid.UUID(str(wedding_id))
    except ValueError:
        raise NotFound() from None
    wedding = session.get(Wedding, wid)
    if wedding is None or wedding.deleted_at is not None:
        raise NotFound()
    return wedding


def find_page_info(session: Session, wedding_id: Any, lang: str) -> dict[str, str]:
    wedding = _public_wedding(session, wedding_id)
    return {"couple": couple_names(wedding), "date": i18n.format_day(wedding.wedding_date, lang, "long")}


def _name_matches(query: str, name: str) -> bool:
    """Tolerant: accents and case ignored, "Chris" finds "Christopher", small typos forgiven."""
    q, n = fold(query), fold(name)
    if not q or not n:
        return False
    if q == n or (len(q) >= 3 and n.startswith(q)):
        return True
    return len(q) >= 4 and fuzz.ratio(q, n) >= 85


def match_households(rows: Iterable[tuple[uuid.UUID, str, str]], name: str, last_name: str = "") -> list[uuid.UUID]:
    """Households with a guest matching the typed name. rows: (household id, first name, last name).
    "Ana Martin" in the name field is read as first and last name."""
    words = fold(name).split()
    if not words:
        return []
    if fold(last_name):
        first, last = " ".join(words), fold(last_name)
    else:
        first, last = words[0], " ".join(words[1:])
    found: list[uuid.UUID] = []
    for hid, fn, ln in rows:
        full = _name_matches(" ".join(words), f"{fn} {ln}") and len(words) > 1
        if not full and not (_name_matches(first, fn) and (not last or _name_matches(last, ln))):
            continue
        if hid not in found:
            found.append(hid)
    return found


def find_invitation(
    session: Session, wedding_id: Any, name: str, last_name: str = "", *, ip: str = ""
) -> dict[str, Any]:
    """Look a guest up by name. Reveals only the one matched household's own name and first names."""
    _hit("find", ip, FIND_LIMIT)
    wedding = _public_wedding(session, wedding_id)
    name, last_name = clean_text(name, 120), clean_text(last_name, 120)
    if len(fold(name)) < 2:
        raise ValidationError({"name": N_("Type your first name as it is on the invitation.")})
    rows = session.exec(
        select(Guest.household_id, Guest.first_name, Guest.last_name).where(
            Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id
        )
    ).all()
    found = match_households(rows, name, last_name)
    if not found:
        return {"kind": "none"}
    if len(found) > 1:
        return {"kind": "ambiguous" if not last_name and len(fold(name).split()) < 2 else "several"}
    household = session.get(Household, found[0])
    firsts = [g.first_name for g in _members(session, household)]
    return {"kind": "match", "household_id": str(household.id), "household": household.name, "first_names": firsts}


def claim_invitation(session: Session, wedding_id: Any, household_id: str, *, ip: str = "") -> str:
    """The link token of a household the guest confirmed as theirs (a new one if it had none)."""
    wedding = _public_wedding(session, wedding_id)
    household = session.get(Household, uuid.UUID(household_id))
    if household is None or household.wedding_id != wedding.id:
        raise NotFound()
    token = household_token(household)
    if token is None:
        token = new_household_token(household)
        audit.record(
            session,
            None,
            "household.token",
            tenant_id=wedding.tenant_id,
            obj=household,
            after={"household_id": str(household.id), "via": "find"},
            ip=ip,
        )
    return token


# ---- the couple's side: links, deadline, sending -----------------------------------------------------


def _household(session: Session, wedding: Wedding, household_id: Any) -> Household:
    return _in_wedding(session, Household, wedding, household_id)


def household_link(
    session: Session, principal: Principal, wedding_id: Any, household_id: Any, *, regenerate: bool = False
) -> str:
    """The household's private link (created on first use); `regenerate` replaces it (old link stops)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    household = _household(session, wedding, household_id)
    token = None if regenerate else household_token(household)
    if token is None:
        token = new_household_token(household)
        audit.record(
            session,
            principal,
            "household.token.regenerate" if regenerate else "household.token",
            tenant_id=wedding.tenant_id,
            obj=household,
            after={"household_id": str(household.id)},
        )
    return rsvp_url(token)


def revoke_household_link(session: Session, principal: Principal, wedding_id: Any, household_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    household = _household(session, wedding, household_id)
    if household.invite_token_hash is None:
        return
    household.invite_token_hash, household.invite_token_created_at = None, None
    audit.record(
        session,
        principal,
        "household.token.revoke",
        tenant_id=wedding.tenant_id,
        obj=household,
        after={"household_id": str(household.id)},
    )


def rsvp_settings(session: Session, principal: Principal, wedding_id: Any) -> dict[str, Any]:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    return {
        "deadline": wedding.rsvp_deadline.isoformat() if wedding.rsvp_deadline else "",
        "contact": wedding.rsvp_contact_email,
        "fallback_contact": contact_email(session, wedding),
        "can_edit": can(principal, Permission.GUESTS_EDIT, wedding.tenant_id),
    }


def save_rsvp_settings(session: Session, principal: Principal, wedding_id: Any, data: Mapping[str, Any]) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    errors: dict[str, Msg] = {}
    raw = str(data.get("rsvp_deadline", "") or "").strip()
    deadline = None
    if raw:
        try:
            deadline = date.fromisoformat(raw)
        except ValueError:
            errors["rsvp_deadline"] = N_("Enter a date like 2027-05-01.")
        else:
            if deadline > wedding.wedding_date:
                errors["rsvp_deadline"] = N_("The RSVP deadline must be on or before the wedding day.")
    email = normalize_email(data.get("rsvp_contact_email", ""))
    if email is None:
        errors["rsvp_contact_email"] = N_("Enter a valid email address, like name@example.com.")
    if errors:
        raise ValidationError(errors)
    before = {"rsvp_deadline": str(wedding.rsvp_deadline or ""), "rsvp_contact_email": wedding.rsvp_contact_email}
    wedding.rsvp_deadline, wedding.rsvp_contact_email = deadline, email or ""
    wedding.version += 1
    wedding.updated_at = utcnow()
    audit.record(
        session,
        principal,
        "wedding.rsvp_settings",
        tenant_id=wedding.tenant_id,
        obj=wedding,
        before=before,
        after={"rsvp_deadline": str(deadline or ""), "rsvp_contact_email": wedding.rsvp_contact_email},
    )


def _sent_label(sent: InvitationSend, lang: str, tz: str) -> str:
    when = i18n.format_moment(sent.sent_at, lang, tz, "short")
    if sent.kind == "invitation":
        return i18n.gettext(lang, "Invitation sent {when}", when=when)
    return i18n.gettext(lang, "Reminder sent {when}", when=when)


def household_rows(session: Session, principal: Principal, wedding_id: Any, lang: str) -> list[dict[str, Any]]:
    """Per household: members' first names, link state, answered or not, the last email sent."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    households = session.exec(
        select(Household).where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
    ).all()
    guests = session.exec(
        select(Guest).where(Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ).all()
    by_house: dict[uuid.UUID, list[Guest]] = defaultdict(list)
    for g in sorted(guests, key=lambda g: (g.created_at, g.first_name)):
        by_house[g.household_id].append(g)
    answered = set(
        session.exec(
            select(Guest.household_id)
            .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
            .where(Guest.wedding_id == wedding.id, GuestEventInvitation.rsvp_status != "pending")
            .distinct()
        ).all()
    )
    last_sent: dict[uuid.UUID, InvitationSend] = {}
    for s in session.exec(
        select(InvitationSend).where(InvitationSend.wedding_id == wedding.id).order_by(InvitationSend.sent_at)
    ).all():
        last_sent[s.household_id] = s
    tz = wedding.timezone or "UTC"
    rows = []
    for h in sorted(households, key=lambda h: fold(h.name)):
        members = by_house.get(h.id, [])
        sent = last_sent.get(h.id)
        rows.append(
            {
                "id": str(h.id),
                "name": h.name,
                "members": ", ".join(g.first_name for g in members),
                "has_link": bool(h.invite_token_hash),
                "answered": h.id in answered,
                "has_email": any(g.email for g in members),
                "sent": _sent_label(sent, lang, tz) if sent else "",
            }
        )
    return rows


def send_targets(session: Session, principal: Principal, wedding_id: Any, audience: str) -> list[str]:
    """Households that would receive an email: with an address, invited somewhere, and for
    "pending" not answered at all yet."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    if audience not in AUDIENCES:
        raise TamperedInput()
    rows = session.exec(
        select(Guest.household_id, Guest.email, GuestEventInvitation.rsvp_status)
        .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
        .where(Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ).all()
    with_email, answered, invited = set(), set(), []
    for hid, email, status in rows:
        if email:
            with_email.add(hid)
        if status != "pending":
            answered.add(hid)
        if hid not in invited:
            invited.append(hid)
    # guests without any invitation still give their household an address
    with_email |= set(
        session.exec(
            select(Guest.household_id).where(
                Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id, Guest.email != ""
            )
        ).all()
    )
    return [str(h) for h in invited if h in with_email and (audience == "all" or h not in answered)]


def send_invitations(
    session: Session, principal: Principal, wedding_id: Any, kind: str, household_ids: list[str]
) -> int:
    """Email each household its private link (in its language) and log every message. Returns emails sent."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    if kind not in SEND_KINDS or len(household_ids) > 200:
        raise TamperedInput()
    sent = 0
    couple = couple_names(wedding)
    for hid in household_ids:
        household = _household(session, wedding, hid)
        token = household_token(household)
        if token is None:
            token = new_household_token(household)
            audit.record(session, principal, "household.token", tenant_id=wedding.tenant_id, obj=household)
        lang = guest_language(session, household, wedding)
        day = i18n.format_day(wedding.wedding_date, lang, "long")
        if kind == "invitation":
            subject = i18n.gettext(lang, "You're invited to {couple}'s wedding", couple=couple)
            intro = i18n.gettext(
                lang,
                "Dear {household}, {couple} would love to celebrate with you on {day}.",
                household=household.name,
                couple=couple,
                day=day,
            )
        else:
            subject = i18n.gettext(lang, "Reminder: please answer {couple}'s invitation", couple=couple)
            intro = i18n.gettext(
                lang,
                "Dear {household}, {couple} are still waiting for your answer for {day}.",
                household=household.name,
                couple=couple,
                day=day,
            )
        lines = [intro, "", i18n.gettext(lang, "Answer here with your private link:"), rsvp_url(token)]
        if wedding.rsvp_deadline:
            lines += [
                "",
                i18n.gettext(lang, "Please answer by {day}.", day=i18n.format_day(wedding.rsvp_deadline, lang, "long")),
            ]
        for to in _household_emails(session, household):
            msg = send_email(
                session, to=to, subject=subject, body="\n".join(lines), kind=f"rsvp_{kind}", tenant_id=wedding.tenant_id
            )
            session.flush()
            session.add(
                InvitationSend(
                    tenant_id=wedding.tenant_id,
                    wedding_id=wedding.id,
                    household_id=household.id,
                    kind=kind,
                    to_email=to,
                    outbox_message_id=msg.id,
                )
            )
            sent += 1
        audit.record(
            session,
            principal,
            f"rsvp.send.{kind}",
            tenant_id=wedding.tenant_id,
            obj=household,
            after={"household_id": str(household.id)},
        )
    return sent


# ---- PDFs ---------------------------------------------------------------------------------------------


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    if FONT.exists():
        pdf.add_font("DejaVu", "", str(FONT))
        pdf.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT))
        family = "DejaVu"
    else:  # core fonts: Latin-1 only, others replaced
        family = "Helvetica"
    return pdf, family


def _text(family: str, value: str) -> str:
    return value if family == "DejaVu" else value.encode("latin-1", "replace").decode("latin-1")


def invitation_cards_pdf(session: Session, principal: Principal, wedding_id: Any) -> tuple[str, bytes]:
    """Printable cards, four per A4 page: the household's name and a QR code of its private link.
    Households without a link get one (audited)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    households = sorted(
        session.exec(
            select(Household).where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
        ).all(),
        key=lambda h: fold(h.name),
    )
    pdf, family = _pdf()
    couple = couple_names(wedding)
    for n, household in enumerate(households):
        token = household_token(household)
        if token is None:
            token = new_household_token(household)
            audit.record(session, principal, "household.token", tenant_id=wedding.tenant_id, obj=household)
        lang = guest_language(session, household, wedding)
        if n % 4 == 0:
            pdf.add_page()
        x, y = 10 + (n % 2) * 95, 10 + ((n // 2) % 2) * 138
        pdf.rect(x, y, 90, 132)
        pdf.set_xy(x + 5, y + 8)
        pdf.set_font(family, "B", 15)
        pdf.multi_cell(80, 7, _text(family, couple), align="C")
        pdf.set_font(family, "", 10)
        pdf.set_x(x + 5)
        pdf.multi_cell(80, 5, _text(family, i18n.format_day(wedding.wedding_date, lang, "long")), align="C")
        if wedding.venue_name:
            pdf.set_x(x + 5)
            pdf.multi_cell(80, 5, _text(family, wedding.venue_name), align="C")
        pdf.set_xy(x + 5, y + 40)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(80, 6, _text(family, household.name), align="C")
        qr = io.BytesIO()
        segno.make(rsvp_url(token), error="m").save(qr, kind="png", scale=8, border=2)
        qr.seek(0)
        pdf.image(qr, x=x + 22, y=y + 58, w=46, h=46)
        pdf.set_xy(x + 5, y + 108)
        pdf.set_font(family, "", 9)
        pdf.multi_cell(
            80, 4.5, _text(family, i18n.gettext(lang, "Scan to answer, or open your private link:")), align="C"
        )
        pdf.set_x(x + 5)
        pdf.set_font(family, "", 6)
        pdf.multi_cell(80, 3.5, rsvp_url(token), align="C")
    if not households:
        pdf.add_page()
        pdf.set_font(family, "", 12)
        pdf.cell(0, 10, _text(family, i18n.gettext(i18n.normalize_language(wedding.locale), "No households yet.")))
    return f"invitation-cards-{wedding.wedding_date.isoformat()}.pdf", bytes(pdf.output())


def guest_list_pdf(session: Session, principal: Principal, wedding_id: Any, lang: str) -> tuple[str, bytes]:
    """The guest list by household with each guest's answers per event, for printing."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    lang = i18n.normalize_language(lang)
    events = {e.id: e for e in _events(session, wedding)}
    meals = {m.id: m.name for m in _meal_options(session, wedding)}
    households = {
        h.id: h
        for h in session.exec(
            select(Household).where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
        ).all()
    }
    guests = session.exec(
        select(Guest).where(Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ).all()
    invs: dict[uuid.UUID, list[GuestEventInvitation]] = defaultdict(list)
    for inv in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.wedding_id == wedding.id)).all():
        invs[inv.guest_id].append(inv)
    status = {
        "attending": i18n.gettext(lang, "Attending"),
        "declined": i18n.gettext(lang, "Declined"),
        "pending": i18n.gettext(lang, "Pending"),
    }
    pdf, family = _pdf()
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.cell(
        0,
        10,
        _text(family, f"{couple_names(wedding)} · {i18n.gettext(lang, 'Guest list')}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(family, "", 10)
    pdf.cell(
        0,
        6,
        _text(
            family,
            i18n.format_day(wedding.wedding_date, lang, "long")
            + " · "
            + i18n.ngettext(lang, "{n} guest", "{n} guests", len(guests)),
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    by_house: dict[uuid.UUID, list[Guest]] = defaultdict(list)
    for g in guests:
        by_house[g.household_id].append(g)
    order = list(events)
    for hid in sorted(by_house, key=lambda h: fold(households[h].name) if h in households else ""):
        pdf.set_font(family, "B", 11)
        pdf.cell(0, 7, _text(family, households[hid].name if hid in households else ""), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        for g in sorted(by_house[hid], key=lambda g: g.first_name):
            answers = []
            for inv in sorted(invs[g.id], key=lambda i: order.index(i.event_id) if i.event_id in events else 99):
                if inv.event_id not in events:
                    continue
                text = f"{events[inv.event_id].name}: {status.get(inv.rsvp_status, inv.rsvp_status)}"
                if inv.meal_option_id in meals:
                    text += f" ({meals[inv.meal_option_id]})"
                if inv.plus_one_attending:
                    text += " +1"
                    if inv.plus_one_meal_option_id in meals:
                        text += f" ({meals[inv.plus_one_meal_option_id]})"
                answers.append(text)
            line = f"{g.first_name} {g.last_name}".strip() + ("  —  " + "; ".join(answers) if answers else "")
            pdf.set_x(16)
            pdf.multi_cell(0, 5, _text(family, line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return f"guest-list-{wedding.wedding_date.isoformat()}.pdf", bytes(pdf.output())
