"""Run Alembic from code (CLI, tests, container start)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from services.config import ROOT


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["configure_logger"] = False
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def upgrade_to_head(database_url: str | None = None) -> None:
    command.upgrade(alembic_config(database_url), "heads")  # "heads" also works with one head
