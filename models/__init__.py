"""All table models; importing this package registers every table on SQLModel.metadata."""

from models.audit import AuditEvent
from models.auth import AuthSession, OneTimeToken
from models.bookings import (
    Message,
    MessageAttachment,
    MessageThread,
    QuoteRequest,
    ThreadRead,
    VendorBooking,
    VendorDayLock,
    VendorReview,
)
from models.budget import BudgetPayer, BudgetPayment, BudgetScenario, BudgetShare
from models.checkin import GuestCheckIn
from models.contracts import Contract, ContractComment, ContractEvent, ContractSignature, ContractVersion
from models.guests import EventMealOption, Guest, GuestEventInvitation, GuestTag, Household
from models.notifications import OutboxMessage
from models.planning import BudgetCategory, BudgetItem, Task, TimelineItem
from models.rsvp import HouseholdResponse, InvitationSend
from models.schedule import CalendarSequence, CalendarSubscription, TimelineShareLink
from models.seating import (
    OptimizationRun,
    RoomElement,
    SeatAssignment,
    SeatingAction,
    SeatingPlan,
    SeatingPresence,
    SeatingRule,
    SeatingTable,
)
from models.tenancy import CollaboratorInvitation, Membership, Tenant, User
from models.vendors import (
    ShortlistEntry,
    VendorBlockedDate,
    VendorImage,
    VendorPackage,
    VendorProfile,
    WeddingVendor,
)
from models.weddings import Wedding, WeddingEvent

__all__ = [
    "Message",
    "MessageAttachment",
    "MessageThread",
    "QuoteRequest",
    "ThreadRead",
    "VendorBooking",
    "VendorDayLock",
    "VendorReview",
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
    "Contract",
    "ContractComment",
    "ContractEvent",
    "ContractSignature",
    "ContractVersion",
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
    "OptimizationRun",
    "OutboxMessage",
    "RoomElement",
    "SeatAssignment",
    "SeatingAction",
    "SeatingPlan",
    "SeatingPresence",
    "SeatingRule",
    "SeatingTable",
    "ShortlistEntry",
    "Task",
    "Tenant",
    "TimelineItem",
    "TimelineShareLink",
    "User",
    "VendorBlockedDate",
    "VendorImage",
    "VendorPackage",
    "VendorProfile",
    "Wedding",
    "WeddingEvent",
    "WeddingVendor",
]
