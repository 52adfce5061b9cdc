"""Every State event handler and every HTTP route is guarded or explicitly, knowingly public."""

from __future__ import annotations

import inspect

import reflex as rx
from fastapi.routing import APIRoute

import attitudes_app.attitudes_app as web
from attitudes_app.api.routes import PUBLIC_ROUTES, ROUTERS, build_api
from attitudes_app.api.security import require_principal
from state.base import GUARD_ATTR

# Reflex's own handlers. They exist on its internal states, except setvar, which is on every
# state and only calls `set_<var>` methods: the test below makes sure none of ours defines one.
FRAMEWORK_HANDLERS = {
    "setvar": "calls set_<var> methods only; no State of ours defines one",
    "hydrate": "Reflex: sends the initial state of this browser's own session",
    "set_is_hydrated": "Reflex: a UI flag of this browser's own session",
    "hydrate_and_load": "Reflex: hydrate, then the page's on_load handlers (each guarded)",
    "on_load_internal": "Reflex: runs the page's on_load handlers (each guarded)",
    "update_vars_internal": "Reflex: writes this browser's own cookie/local-storage vars",
    "handle_frontend_exception": "Reflex: logs a browser-side exception",
}
# Reflex's own HTTP endpoints, mounted under ours.
FRAMEWORK_ROUTES = {
    "/ping": "Reflex liveness probe; returns a constant",
    "/_health": "Reflex health probe; no data",
    "/_event": "the WebSocket carrying State events; every handler is checked below",
}


def _all_states(cls: type[rx.State] = rx.State):
    yield cls
    for sub in cls.get_substates():
        yield from _all_states(sub)


def _our_states():
    return [s for s in _all_states() if not s.__module__.startswith("reflex")]


def test_app_defines_states_to_check():
    names = {s.__name__ for s in _our_states()}
    assert {"LoginState", "SignupState", "DashboardState", "TeamState", "WeddingSettingsState"} <= names


def test_every_state_handler_is_guarded_or_explicitly_public():
    unguarded = []
    for state in _all_states():
        ours = not state.__module__.startswith("reflex")
        for name, handler in state.event_handlers.items():
            marker = getattr(handler.fn, GUARD_ATTR, None)
            if marker is not None:
                kind, reason = marker
                assert ours, f"{state.__name__}.{name}: framework state with our marker?"
                assert kind in ("authenticated", "public"), f"{state.__name__}.{name}: unknown guard {kind}"
                if kind == "public":
                    assert len(reason) > 20, f"{state.__name__}.{name}: public handlers must say why"
                continue
            if name in FRAMEWORK_HANDLERS and handler.fn.__module__.startswith("reflex"):
                continue
            unguarded.append(f"{state.__module__}.{state.__name__}.{name}")
    assert not unguarded, f"handlers with neither @authenticated nor @public: {unguarded}"


def test_no_state_of_ours_has_a_setter_reachable_through_setvar():
    for state in _our_states():
        setters = [n for n, _ in inspect.getmembers(state) if n.startswith("set_") and n not in dir(rx.State)]
        assert not setters, f"{state.__name__} has {setters}: setvar would let any browser call them"


def test_public_handlers_are_the_reviewed_ones():
    public = sorted(
        f"{s.__name__}.{n}"
        for s in _our_states()
        for n, h in s.event_handlers.items()
        if getattr(h.fn, GUARD_ATTR, ("",))[0] == "public"
    )
    assert public == [
        # find-your-invitation: rate limited per IP; only the one matched household's name and first
        # names are shown, its id stays server side (backend var), the link is given after confirmation
        "FindInvitationState.confirm",
        "FindInvitationState.load",
        "FindInvitationState.not_us",
        "FindInvitationState.search",
        "ForgotState.submit",
        "InviteState.load",
        "LangState.detect",
        "LangState.switch",
        # runs on unmount (also right after log-out): only bumps this tab's own live-loop counter
        "LiveState.stop",
        "LoginState.clear",
        "LoginState.submit",
        "ResetState.submit",
        # guest RSVP page: the household token from the route is the credential (unguessable, revocable,
        # rate limited); the service accepts only ids of that token's household
        "RsvpState.edit_again",
        "RsvpState.load",
        "RsvpState.submit",
        "SeatingState.stop",  # the seating canvas's live loop: like LiveState.stop, only bumps its own counter
        "SharedTimelineState.load",  # read-only timeline behind an unguessable, revocable share token
        "ShellState.peek",
        "SignupState.clear",
        "SignupState.submit",
    ]


def _depends_on_principal(route: APIRoute) -> bool:
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if dep.call is require_principal:
            return True
        stack.extend(dep.dependencies)
    return False


def test_every_api_route_requires_a_principal_or_is_explicitly_public():
    api = build_api()
    mounted = [getattr(r, "original_router", None) for r in api.routes]
    assert all(router in mounted for router in ROUTERS)
    # Anything else on the app is FastAPI's own documentation routes.
    assert {getattr(r, "path", None) for r in api.routes if getattr(r, "original_router", None) is None} == {
        "/api/openapi.json",
        "/api/docs",
        "/docs/oauth2-redirect",
    }
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    assert {r.path for r in routes} >= {"/api/v1/me", "/api/v1/weddings", "/api/auth/session"}
    unguarded = [r.path for r in routes if not _depends_on_principal(r) and r.path not in PUBLIC_ROUTES]
    assert not unguarded, f"API routes with no require_principal and not in PUBLIC_ROUTES: {unguarded}"
    stale = set(PUBLIC_ROUTES) - {r.path for r in routes}
    assert not stale, f"PUBLIC_ROUTES lists routes that no longer exist: {stale}"


def test_framework_routes_are_known():
    reflex_routes = {getattr(r, "path", "") for r in web.app._api.routes}
    assert reflex_routes <= set(FRAMEWORK_ROUTES), (
        f"new Reflex endpoint to review: {reflex_routes - set(FRAMEWORK_ROUTES)}"
    )


def test_no_state_var_shadows_a_route_argument():
    """route_param() reads [wedding_id] and [token] as state attributes; a var of that name would win."""
    for state in _our_states():
        shadowing = {"wedding_id", "token"} & set(state.base_vars)
        assert not shadowing, f"{state.__name__} defines {shadowing}; rename it (route_param would read it)"
