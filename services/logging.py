"""Structured logs (JSON lines in production, readable in a terminal)."""

from __future__ import annotations

import logging
import os
import sys

import structlog


def configure_logging() -> None:
    json_logs = os.environ.get("ATTITUDES_LOG_JSON", "") in ("1", "true") or not sys.stderr.isatty()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer() if json_logs else structlog.dev.ConsoleRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )
