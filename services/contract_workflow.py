"""The contract status workflow as data: which move leads where, and which side may make it.

Statuses and moves follow issue #6 exactly:

    draft -> submitted -> in_review -> changes_requested -> submitted ... -> approved
          -> signed_couple (the couple signs) -> executed (the vendor countersigns)
    any status except executed (and the two end states) -> withdrawn
    executed -> void (platform admin, with a reason)

Who may do what:
- the vendor team (of the booking's vendor) uploads versions, submits, withdraws, countersigns;
- platform admins open the review, request changes, approve (reason required) and void (reason
  required);
- the wedding's team signs an approved contract. The couple may also withdraw (decline) a
  contract that has been put in front of them (approved, or signed by them and still waiting for
  the vendor): it is their consent to give or refuse, and they must not be left holding an
  offer they no longer want until the vendor acts. Earlier than approval the contract is the
  vendor's draft under review, so the couple has nothing to withdraw there.

Everything here is pure (no database); services.contracts applies it and audits each move.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.errors import N_, Conflict, Forbidden, Msg, ValidationError


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SIGNED_COUPLE = "signed_couple"
    EXECUTED = "executed"
    WITHDRAWN = "withdrawn"
    VOID = "void"


class Actor(StrEnum):
    VENDOR = "vendor"
    COUPLE = "couple"
    ADMIN = "admin"


class Action(StrEnum):
    SUBMIT = "submit"
    START_REVIEW = "start_review"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    SIGN_COUPLE = "sign_couple"
    SIGN_VENDOR = "sign_vendor"
    WITHDRAW = "withdraw"
    VOID = "void"


@dataclass(frozen=True)
class Move:
    action: Action
    source: Status
    target: Status
    actors: frozenset[Actor]
    reason_required: bool = False


_V, _C, _A = frozenset({Actor.VENDOR}), frozenset({Actor.COUPLE}), frozenset({Actor.ADMIN})
_WITHDRAWABLE_BY_COUPLE = {Status.APPROVED, Status.SIGNED_COUPLE}
END_STATES = frozenset({Status.WITHDRAWN, Status.VOID})

MOVES: tuple[Move, ...] = (
    Move(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED, _V),
    Move(Action.SUBMIT, Status.CHANGES_REQUESTED, Status.SUBMITTED, _V),
    Move(Action.START_REVIEW, Status.SUBMITTED, Status.IN_REVIEW, _A),
    Move(Action.REQUEST_CHANGES, Status.IN_REVIEW, Status.CHANGES_REQUESTED, _A, reason_required=True),
    Move(Action.APPROVE, Status.IN_REVIEW, Status.APPROVED, _A, reason_required=True),
    Move(Action.SIGN_COUPLE, Status.APPROVED, Status.SIGNED_COUPLE, _C),
    Move(Action.SIGN_VENDOR, Status.SIGNED_COUPLE, Status.EXECUTED, _V),
    *(
        Move(
            Action.WITHDRAW,
            s,
            Status.WITHDRAWN,
            _V | (_C if s in _WITHDRAWABLE_BY_COUPLE else frozenset()),
        )
        for s in Status
        if s not in END_STATES and s is not Status.EXECUTED
    ),
    Move(Action.VOID, Status.EXECUTED, Status.VOID, _A, reason_required=True),
)

# The vendor may add versions while the contract is theirs to edit.
EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
# Statuses the admin review queue shows by default.
WAITING_FOR_REVIEW = (Status.SUBMITTED, Status.IN_REVIEW)

STATUS_LABELS: dict[Status, Msg] = {
    Status.DRAFT: N_("Draft"),
    Status.SUBMITTED: N_("Submitted"),
    Status.IN_REVIEW: N_("In review"),
    Status.CHANGES_REQUESTED: N_("Changes requested"),
    Status.APPROVED: N_("Approved"),
    Status.SIGNED_COUPLE: N_("Signed by the couple"),
    Status.EXECUTED: N_("Executed"),
    Status.WITHDRAWN: N_("Withdrawn"),
    Status.VOID: N_("Void"),
}
STATUS_COLORS: dict[Status, str] = {
    Status.DRAFT: "gray",
    Status.SUBMITTED: "blue",
    Status.IN_REVIEW: "amber",
    Status.CHANGES_REQUESTED: "orange",
    Status.APPROVED: "green",
    Status.SIGNED_COUPLE: "teal",
    Status.EXECUTED: "grass",
    Status.WITHDRAWN: "gray",
    Status.VOID: "red",
}

MAX_REASON = 2000


class TransitionRefused(Conflict):
    """The workflow does not allow this move from the contract's current status."""

    default = N_("This step is not possible for a contract in its current status. Reload to see where it stands.")


def moves_from(status: Status) -> tuple[Move, ...]:
    return tuple(m for m in MOVES if m.source == status)


def find_move(status: Status | str, action: Action | str) -> Move | None:
    try:
        status, action = Status(status), Action(action)
    except ValueError:
        return None
    return next((m for m in MOVES if m.source == status and m.action == action), None)


def transition(status: Status | str, action: Action | str, actor: Actor | str, reason: str = "") -> Status:
    """The status after `actor` performs `action`, or a typed error and no change.

    TransitionRefused when the move does not exist from this status, Forbidden when it exists
    but belongs to another side, ValidationError when a required reason is missing.
    """
    move = find_move(status, action)
    if move is None:
        raise TransitionRefused()
    if Actor(actor) not in move.actors:
        raise Forbidden(N_("Only the other side of the contract can take this step."))
    if move.reason_required and not " ".join((reason or "").split()):
        raise ValidationError({"reason": N_("Give a reason: it is recorded with the decision.")})
    if len(reason or "") > MAX_REASON:
        raise ValidationError({"reason": N_("Keep the reason under {n} characters.", n=MAX_REASON)})
    return move.target


def allowed_actions(status: Status | str, actor: Actor | str) -> list[Action]:
    """The moves the given side can make now (drives which buttons a page shows)."""
    return [m.action for m in moves_from(Status(status)) if Actor(actor) in m.actors]
