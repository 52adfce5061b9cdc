"""All table models; importing this package registers every table on SQLModel.metadata."""

from models.audit import AuditEvent
from models.auth import AuthSession, OneTimeToken
from models.guests import Guest, Household
from models.notifications import OutboxMessage
from models.planning import BudgetCategory, BudgetItem, Task, TimelineItem
from models.tenancy import CollaboratorInvitation, Membership, Tenant, User
from models.vendors import WeddingVendor
from models.weddings import Wedding, WeddingEvent

__all__ = [
    "AuditEvent",
    "AuthSession",
    "BudgetCategory",
    "BudgetItem",
    "CollaboratorInvitation",
    "Guest",
    "Household",
    "Membership",
    "OneTimeToken",
    "OutboxMessage",
    "Task",
    "Tenant",
    "TimelineItem",
    "User",
    "Wedding",
    "WeddingEvent",
    "WeddingVendor",
]
