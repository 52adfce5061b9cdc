"""The "Live" badge: mounting it starts the page's live counts (state/live.py); leaving the page stops them."""

from __future__ import annotations

import reflex as rx

from components.i18n import T
from state.live import LiveState


def live_badge(page: str) -> rx.Component:
    return rx.badge(
        rx.box(class_name=rx.cond(LiveState.live, "live-dot on", "live-dot")),
        T("Live"),
        color_scheme=rx.cond(LiveState.live, "green", "gray"),
        variant="soft",
        high_contrast=True,
        radius="full",
        title=T("Numbers update by themselves while this page is open."),
        on_mount=LiveState.watch(page),
        on_unmount=LiveState.stop,
        data_testid="live-badge",
    )
