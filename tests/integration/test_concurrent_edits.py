"""Two people saving the same wedding at the same moment on PostgreSQL: the second save is a conflict."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlmodel import Session

from services.authz import Permission
from services.db import get_engine, transaction
from services.errors import Conflict
from services.weddings import load_wedding, update_wedding
from tests.helpers import invite_member, new_wedding, signup, wedding_form


def test_simultaneous_saves_never_overwrite_each_other(pg):
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    partner = invite_member(owner, wid, "partner", name="Alex Dubois")

    # Camille saves; her transaction has written the row but not committed yet...
    first = Session(get_engine(), expire_on_commit=False)
    update_wedding(
        first,
        owner.principal,
        wid,
        wedding_form(venue_name="Camille's venue"),
        expected_version=1,
        viewer_lang="en",
        today=date.today(),
    )
    first.flush()
    # ...when Alex saves from the same version 1. Camille's commit lands a moment later.
    committer = threading.Timer(0.5, first.commit)
    committer.start()
    try:
        with pytest.raises(Conflict), transaction() as s:
            update_wedding(
                s,
                partner.principal,
                wid,
                wedding_form(venue_name="Alex's venue"),
                expected_version=1,
                viewer_lang="en",
                today=date.today(),
            )
    finally:
        committer.join()
        first.close()

    with transaction() as s:
        w = load_wedding(s, owner.principal, wid, Permission.WEDDING_VIEW)
        assert (w.venue_name, w.version) == ("Camille's venue", 2)
