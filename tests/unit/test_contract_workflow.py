"""The contract workflow: every status pair x every side, against the table written in issue #6."""

from __future__ import annotations

import itertools

import pytest

from services.contract_workflow import Action, Actor, Status, TransitionRefused, allowed_actions, transition
from services.errors import Forbidden, ValidationError

S = Status
# (from, to, side) that the issue allows, restated by hand (not derived from the module's table).
ALLOWED = {
    (S.DRAFT, S.SUBMITTED, Actor.VENDOR),
    (S.CHANGES_REQUESTED, S.SUBMITTED, Actor.VENDOR),
    (S.SUBMITTED, S.IN_REVIEW, Actor.ADMIN),
    (S.IN_REVIEW, S.CHANGES_REQUESTED, Actor.ADMIN),
    (S.IN_REVIEW, S.APPROVED, Actor.ADMIN),
    (S.APPROVED, S.SIGNED_COUPLE, Actor.COUPLE),
    (S.SIGNED_COUPLE, S.EXECUTED, Actor.VENDOR),
    (S.EXECUTED, S.VOID, Actor.ADMIN),
    *(
        (s, S.WITHDRAWN, Actor.VENDOR)
        for s in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.SIGNED_COUPLE)
    ),
    # Documented choice: the couple may decline a contract put in front of them.
    (S.APPROVED, S.WITHDRAWN, Actor.COUPLE),
    (S.SIGNED_COUPLE, S.WITHDRAWN, Actor.COUPLE),
}
REASON = "Clause 4 is unclear"


def _reaches(source: Status, target: Status, actor: Actor) -> bool:
    """True if some action takes `source` to `target` for this side; each refusal is a typed error."""
    for action in Action:
        try:
            if transition(source, action, actor, reason=REASON) == target:
                return True
        except (TransitionRefused, Forbidden):
            continue
    return False


@pytest.mark.parametrize(
    ("source", "target", "actor"),
    list(itertools.product(Status, Status, Actor)),
    ids=lambda v: str(v),
)
def test_every_status_pair_for_every_side(source, target, actor):
    assert _reaches(source, target, actor) is ((source, target, actor) in ALLOWED)


def test_executed_cannot_be_withdrawn_by_anyone():
    for actor in Actor:
        with pytest.raises(TransitionRefused):
            transition(S.EXECUTED, Action.WITHDRAW, actor)


def test_end_states_allow_nothing():
    for status, action, actor in itertools.product((S.WITHDRAWN, S.VOID), Action, Actor):
        with pytest.raises(TransitionRefused):
            transition(status, action, actor, reason=REASON)


def test_wrong_side_is_forbidden_not_refused():
    with pytest.raises(Forbidden):
        transition(S.IN_REVIEW, Action.APPROVE, Actor.VENDOR, reason=REASON)
    with pytest.raises(Forbidden):
        transition(S.APPROVED, Action.SIGN_COUPLE, Actor.VENDOR)
    with pytest.raises(Forbidden):
        transition(S.SIGNED_COUPLE, Action.SIGN_VENDOR, Actor.COUPLE)


@pytest.mark.parametrize(
    ("source", "action"),
    [(S.IN_REVIEW, Action.APPROVE), (S.IN_REVIEW, Action.REQUEST_CHANGES), (S.EXECUTED, Action.VOID)],
)
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_admin_decisions_need_a_reason(source, action, reason):
    with pytest.raises(ValidationError) as err:
        transition(source, action, Actor.ADMIN, reason=reason)
    assert "reason" in err.value.field_errors


def test_overlong_reason_is_refused():
    with pytest.raises(ValidationError):
        transition(S.IN_REVIEW, Action.APPROVE, Actor.ADMIN, reason="x" * 2001)


def test_unknown_status_or_action_is_refused():
    with pytest.raises(TransitionRefused):
        transition("published", Action.SUBMIT, Actor.VENDOR)
    with pytest.raises(TransitionRefused):
        transition(S.DRAFT, "delete", Actor.VENDOR)


def test_buttons_each_side_sees():
    assert allowed_actions(S.DRAFT, Actor.VENDOR) == [Action.SUBMIT, Action.WITHDRAW]
    assert allowed_actions(S.SUBMITTED, Actor.ADMIN) == [Action.START_REVIEW]
    assert allowed_actions(S.IN_REVIEW, Actor.ADMIN) == [Action.REQUEST_CHANGES, Action.APPROVE]
    assert allowed_actions(S.APPROVED, Actor.COUPLE) == [Action.SIGN_COUPLE, Action.WITHDRAW]
    assert allowed_actions(S.SIGNED_COUPLE, Actor.VENDOR) == [Action.SIGN_VENDOR, Action.WITHDRAW]
    assert allowed_actions(S.EXECUTED, Actor.ADMIN) == [Action.VOID]
    assert allowed_actions(S.SUBMITTED, Actor.COUPLE) == []
