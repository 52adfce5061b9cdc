"""All table models; importing this package registers every table on SQLModel.metadata."""

from models.audit import AuditEvent
from models.auth import AuthSession, OneTimeToken
from models.budget import BudgetPayer, BudgetPayment, BudgetScenario, BudgetShare
from models.checkin import GuestCheckIn
from models.guests import EventMealOption, Guest, GuestEventInvitation, GuestTag, Household
from models.notifications import OutboxMessage
from models.planning import BudgetCategory, BudgetItem, Task, TimelineItem
from models.rsvp import HouseholdResponse, InvitationSend
from models.schedule import CalendarSequence, CalendarSubscription, TimelineShareLink
from models.tenancy import CollaboratorInvitation, Membership, Tenant, User
from models.vendors import WeddingVendor
from models.weddings import Wedding, WeddingEvent

__all__ = [
    "AuditEvent",
    "AuthSession",
    "BudgetCategory",
    "BudgetItem",
    "BudgetPayer",
    "BudgetPayment",
    "BudgetScenario",
    "BudgetShare",
    "CalendarSequence",
    "CalendarSubscription",
    "CollaboratorInvitation",
    "EventMealOption",
    "Guest",
    "GuestCheckIn",
    "GuestEventInvitation",
    "GuestTag",
    "Household",
    "HouseholdResponse",
    "InvitationSend",
    "Membership",
    "OneTimeToken",
    "OutboxMessage",
    "Task",
    "Tenant",
    "TimelineItem",
    "TimelineShareLink",
    "User",
    "Wedding",
    "WeddingEvent",
    "WeddingVendor",
]
