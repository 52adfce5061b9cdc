"""Reflex configuration. The embedded default needs no services; see README for production."""

import reflex as rx

from services.config import get_settings

settings = get_settings()

config = rx.Config(
    app_name="attitudes_app",
    # The app's own engine (services.db) reads the database URL and `attitudes migrate` runs Alembic. Given
    # to Reflex, the URL only fed its start-up schema check, which does not know the SQLite FTS5 tables of
    # vendor search and printed a false "Detected database schema changes" on every `make run`.
    db_url=None,
    redis_url=settings.redis_url,
    # Without Redis, state lives in this process's memory (run one backend worker).
    state_manager_mode="redis" if settings.redis_url else "memory",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=settings.allowed_origins,
    api_url=settings.api_url,
    deploy_url=settings.base_url,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="plum", gray_color="mauve", radius="large", scaling="100%")
        )
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
