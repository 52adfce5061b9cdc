"""Day-of timeline: validation, time zones, overlaps, share links, the PDF run sheet."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from models.planning import TimelineItem
from models.schedule import TimelineShareLink
from models.weddings import WeddingEvent
from services import i18n, timeline
from services.db import transaction
from services.errors import Forbidden, NotFound, ValidationError
from services.runsheet import run_sheet_pdf
from services.weddings import delete_wedding
from tests.helpers import count, invite_member, new_wedding, table_rows

WEDDING_DAY = date(2027, 6, 12)  # summer: Europe/Paris is UTC+2


@pytest.fixture
def wedding(camille):
    return new_wedding(camille.principal, template="classic", wedding_date=WEDDING_DAY.isoformat())


def ceremony_id(wid) -> str:
    with transaction() as s:
        return str(
            s.exec(select(WeddingEvent.id).where(WeddingEvent.wedding_id == wid, WeddingEvent.kind == "ceremony")).one()
        )


def add(principal, wid, **fields):
    form = {"title": "Sparklers", "day": WEDDING_DAY.isoformat(), "start": "22:30", "duration": "15", **fields}
    with transaction() as s:
        return timeline.add_item(s, principal, wid, form)


def errors_of(principal, wid, **fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as exc:
        add(principal, wid, **fields)
    return {k: i18n.render("en", m) for k, m in exc.value.field_errors.items()}


def view(principal, wid):
    with transaction() as s:
        return timeline.timeline_page(s, principal, wid, lang="en")


def items_of(v, event: str) -> list[dict]:
    return next(g for g in v["groups"] if g["name"] == event)["items"]


# ---- overlaps -----------------------------------------------------------------------------------


def at(hh: int, mm: int = 0) -> datetime:
    return datetime(2027, 6, 12, hh, mm, tzinfo=UTC)


def test_overlaps_are_found_on_both_sides_and_touching_items_do_not_overlap():
    spans = [("a", at(15), at(16)), ("b", at(15, 30), at(15, 45)), ("c", at(16), at(17)), ("d", at(16, 30), at(16, 30))]
    assert timeline.find_overlaps(spans) == {"a": ["b"], "b": ["a"]}


@given(st.lists(st.tuples(st.integers(0, 600), st.integers(0, 120)), max_size=12))
def test_overlap_is_symmetric_and_matches_the_definition(raw):
    spans = [(i, at(0) + timedelta(minutes=s), at(0) + timedelta(minutes=s + d)) for i, (s, d) in enumerate(raw)]
    found = timeline.find_overlaps(spans)
    for a, sa_, ea in spans:
        for b, sb, eb in spans:
            if a < b:
                overlapping = ea > sa_ and eb > sb and sa_ < eb and sb < ea
                assert (b in found.get(a, [])) == overlapping
                assert (a in found.get(b, [])) == overlapping


def test_an_overlapping_item_is_flagged_in_its_event(camille, wedding):
    add(
        camille.principal,
        wedding,
        title="Speech by the best man",
        start="15:20",
        duration="20",
        event_id=ceremony_id(wedding),
    )
    v = view(camille.principal, wedding)
    ceremony = {i["title"]: i for i in items_of(v, "Ceremony")}
    assert ceremony["Speech by the best man"]["overlap"] and ceremony["Ceremony"]["overlap"]
    assert ceremony["Ceremony"]["overlap_with"] == "Speech by the best man"
    assert not ceremony["Guests arrive"]["overlap"]
    assert v["overlaps"] == 2


# ---- items ---------------------------------------------------------------------------------------


def test_items_are_entered_and_shown_in_the_weddings_time_zone(camille, wedding):
    item = add(camille.principal, wedding, event_id=ceremony_id(wedding))
    assert item.starts_at == datetime(2027, 6, 12, 20, 30, tzinfo=UTC)  # 22:30 in Paris
    row = next(i for i in items_of(view(camille.principal, wedding), "Ceremony") if i["title"] == "Sparklers")
    assert (row["start"], row["end"], row["duration"]) == ("10:30\u202fPM", "10:45\u202fPM", "15 min")


def test_an_item_in_another_time_zone_is_converted(camille, wedding):
    item = add(camille.principal, wedding, timezone="America/New_York", start="09:00")
    assert item.starts_at == datetime(2027, 6, 12, 13, 0, tzinfo=UTC)
    row = next(i for i in items_of(view(camille.principal, wedding), "Other items") if i["title"] == "Sparklers")
    assert row["start_iso"] == "15:00"  # shown in Paris time


def test_bad_input_is_explained_and_nothing_is_saved(camille, wedding):
    before = count(TimelineItem)
    assert errors_of(camille.principal, wedding, duration="-30") == {
        "duration": "An item cannot end before it starts: enter 0 minutes or more."
    }
    assert errors_of(camille.principal, wedding, timezone="Mars/Olympus") == {
        "timezone": "Choose a time zone from the list, like Europe/Paris."
    }
    assert errors_of(camille.principal, wedding, title="  ", start="25:00") == {
        "title": "Enter a title, like Ceremony or First dance.",
        "start": "Enter a time like 14:30.",
    }
    assert (
        errors_of(camille.principal, wedding, duration="an hour")["duration"]
        == "Enter the duration in minutes, like 45."
    )
    assert count(TimelineItem) == before


def test_edit_with_a_negative_duration_keeps_the_saved_item(camille, wedding):
    item = add(camille.principal, wedding)
    with pytest.raises(ValidationError), transaction() as s:
        timeline.update_item(
            s,
            camille.principal,
            wedding,
            item.id,
            {"title": "Sparklers", "start": "22:30", "duration": "-5"},
            expected_version=1,
        )
    with transaction() as s:
        assert s.get(TimelineItem, item.id).duration_minutes == 15


def test_viewer_cannot_edit_the_timeline(camille, wedding, rose):
    viewer = invite_member(camille, wedding, "viewer", rose)
    assert view(viewer.principal, wedding)["can_edit"] is False
    with pytest.raises(Forbidden):
        add(viewer.principal, wedding)


# ---- share links ---------------------------------------------------------------------------------


def share(principal, wid, label="Photographer") -> str:
    with transaction() as s:
        return timeline.create_share_link(s, principal, wid, label)


def public(token: str) -> dict:
    with transaction() as s:
        return timeline.public_timeline(s, token, lang="en")


def test_share_link_opens_a_read_only_timeline_until_revoked(camille, wedding):
    token = share(camille.principal, wedding)
    assert len(token) >= 43  # 256 random bits, URL-safe
    assert token not in str(table_rows(TimelineShareLink.__table__))  # only its hash is stored
    shared = public(token)
    assert shared["couple"] == "Camille & Alex"
    assert [g["name"] for g in shared["groups"]] == ["Ceremony", "Reception"]
    [link] = view(camille.principal, wedding)["links"]
    assert link["label"] == "Photographer" and link["hint"] == token[-4:]
    with transaction() as s:
        timeline.revoke_share_link(s, camille.principal, wedding, link["id"])
    with pytest.raises(NotFound) as exc:
        public(token)
    assert i18n.render("en", exc.value.message) == "This link is not valid any more. Ask the couple for a new one."


@pytest.mark.parametrize("token", ["", "nope", "x" * 43, "a" * 500])
def test_unknown_tokens_open_nothing(token):
    with pytest.raises(NotFound):
        public(token)


def test_share_link_stops_when_the_wedding_is_deleted(camille, wedding):
    token = share(camille.principal, wedding)
    with transaction() as s:
        delete_wedding(s, camille.principal, wedding, "Camille & Alex")
    with pytest.raises(NotFound):
        public(token)


def test_another_couple_cannot_revoke_my_link(camille, wedding, ana):
    share(camille.principal, wedding)
    [link] = view(camille.principal, wedding)["links"]
    other = new_wedding(ana.principal)
    with pytest.raises(NotFound), transaction() as s:
        timeline.revoke_share_link(s, ana.principal, other, link["id"])


def test_run_sheet_is_a_pdf_with_a_unicode_font(camille, wedding):
    add(camille.principal, wedding, title="Lâcher de lanternes – Zoë & Søren", notes="Prévoir briquets ✓")
    pdf = run_sheet_pdf(public(share(camille.principal, wedding)), "fr")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"DejaVu" in pdf and len(pdf) > 5000


# ---- the wedding date moves -------------------------------------------------------------------


def test_moving_the_wedding_date_moves_events_and_items_at_the_same_local_time(camille, wedding):
    """June (UTC+2 in Paris) to November (UTC+1): the sparklers stay at 22:30 local, the ceremony too."""
    from models.weddings import Wedding
    from services.weddings import update_wedding
    from tests.helpers import wedding_form

    paris = ZoneInfo("Europe/Paris")
    item = add(camille.principal, wedding)
    with transaction() as s:
        ceremony_before = s.get(WeddingEvent, uuid.UUID(ceremony_id(wedding))).starts_at.astimezone(paris)
        version = s.get(Wedding, wedding).version
    new_day = date(2027, 11, 6)
    with transaction() as s:
        update_wedding(
            s,
            camille.principal,
            wedding,
            wedding_form(wedding_date=new_day.isoformat()),
            expected_version=version,
            viewer_lang="en",
            today=date(2026, 11, 29),
        )
    with transaction() as s:
        moved = s.get(TimelineItem, item.id)
        ceremony_after = s.get(WeddingEvent, uuid.UUID(ceremony_id(wedding))).starts_at.astimezone(paris)
    local = moved.starts_at.astimezone(paris)
    assert (local.date(), local.time().isoformat("minutes")) == (new_day, "22:30")
    assert moved.version == item.version + 1  # an open edit form of the old time gets a conflict, not a silent undo
    assert ceremony_after.date() == new_day and ceremony_after.time() == ceremony_before.time()
    assert ceremony_before.date() == WEDDING_DAY
