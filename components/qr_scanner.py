"""The camera QR reader (assets/qr_scanner.jsx around jsQR 1.4.0): on_scan receives the decoded text."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec


class QrScanner(rx.Component):
    library = "$/public/qr_scanner.jsx"
    lib_dependencies: list[str] = ["jsqr@1.4.0"]
    tag = "QrScanner"

    start_label: rx.Var[str]
    stop_label: rx.Var[str]
    denied_label: rx.Var[str]
    unsupported_label: rx.Var[str]
    on_scan: rx.EventHandler[passthrough_event_spec(str)]


qr_scanner = QrScanner.create
