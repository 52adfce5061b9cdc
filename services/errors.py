"""Typed domain errors. Messages are message ids translated for the viewer by services.i18n."""

from __future__ import annotations

from typing import Any, NamedTuple


class Msg(NamedTuple):
    id: str
    params: dict[str, Any]


def N_(msgid: str, **params: Any) -> Msg:
    """Mark a message for extraction into the catalogs; translated later for the viewer."""
    return Msg(msgid, params)


class DomainError(Exception):
    default = N_("Something went wrong. Please try again.")

    def __init__(self, message: Msg | None = None):
        self.message = message or self.default
        super().__init__(self.message.id)


class NotFound(DomainError):
    default = N_("This page does not exist or you do not have access to it.")


class Forbidden(DomainError):
    default = N_("Your role does not allow this action.")


class Conflict(DomainError):
    default = N_("Someone else changed this in the meantime. Reload and try again.")


class RateLimited(DomainError):
    default = N_("Too many attempts. Please wait a few minutes and try again.")

    def __init__(self, retry_after: int, message: Msg | None = None):
        self.retry_after = retry_after
        super().__init__(
            message or N_("Too many attempts. Try again in {minutes} minutes.", minutes=max(1, -(-retry_after // 60)))
        )


class ValidationError(DomainError):
    """Errors keyed by form field; "" holds errors that belong to no single field."""

    default = N_("Please correct the highlighted fields.")

    def __init__(self, field_errors: dict[str, Msg]):
        self.field_errors = field_errors
        super().__init__(field_errors.get("", self.default))


class TamperedInput(DomainError):
    """A request no form of ours can produce: unknown or forbidden fields, malformed ids."""

    default = N_("This request was refused.")
