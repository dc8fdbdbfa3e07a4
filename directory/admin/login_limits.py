"""Limits on login attempts — moderators' (/admin) and organization editors'
(/organization) alike: per IP and per account, counting only failures.

- Per IP (LOGIN_RATE_LIMIT, default 5/minute): failed logins from one address, on either
  login page. Behind PROXY_FIX_HOPS trusted proxies the address is the right-most untrusted
  entry of X-Forwarded-For, which the client cannot choose: extra entries it adds on the
  left are ignored.
- Per account (LOGIN_ACCOUNT_RATE_LIMIT, default 10 per 10 minutes): failed logins for one
  account from any number of addresses, so rotating IPs does not help a guesser.

A wrong current password on a "Change password" page counts as a failed login of that
account, against both limits, so a stolen session cannot be used to guess the password.

Neither locks the right password out for long: only failures count, a limit lasts at most
its window, and a browser that has logged in to this account before carries a signed
"known device" cookie that exempts it from the per-account limit — so someone failing on
purpose from elsewhere cannot keep the real moderator or editor out.
Counters live in RATELIMIT_STORAGE_URI (Redis in production: shared by every worker).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

DEVICE_MAX_AGE = 90 * 24 * 3600
DEFAULT_ACCOUNT_LIMIT = "10 per 10 minutes"


@dataclass(frozen=True)
class Device:
    """The known-device cookie of one kind of account."""

    cookie: str
    path: str
    salt: str


DEVICES = {
    "moderator": Device("circles_login_device", "/admin", "circles-login-device"),
    "editor": Device("circles_editor_device", "/organization", "circles-editor-login-device"),
}
DEVICE_COOKIE = DEVICES["moderator"].cookie
EDITOR_DEVICE_COOKIE = DEVICES["editor"].cookie
# The login pages, and the pages where a wrong current password counts as a failed login.
LOGIN_ENDPOINTS = {"admin.login": "moderator", "editors.login": "editor"}
PASSWORD_ENDPOINTS = {"admin.change_password": "moderator",
                      "editors.change_password": "editor"}


def account_key(email: str) -> str:
    """A stable, non-reversible key for an account (no e-mail address in Redis)."""
    normal = email.strip().lower()[:254]
    return hashlib.sha256(normal.encode("utf-8", "replace")).hexdigest()[:32]


def _serializer(kind: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=DEVICES[kind].salt)


def remember_device(response: Response, email: str, *, kind: str = "moderator") -> None:
    """After a successful login: mark this browser as one that knows this account."""
    device = DEVICES[kind]
    response.set_cookie(
        device.cookie, _serializer(kind).dumps(account_key(email)), max_age=DEVICE_MAX_AGE,
        path=device.path, httponly=True, samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def _kind() -> str:
    endpoint = request.endpoint or ""
    return LOGIN_ENDPOINTS.get(endpoint) or PASSWORD_ENDPOINTS.get(endpoint) or "moderator"


def _email() -> str:
    """The account being tried: the login form's address, or the logged-in account's."""
    if (request.endpoint or "") in PASSWORD_ENDPOINTS:
        account = g.get("admin") if _kind() == "moderator" else g.get("editor")
        return account.email if account is not None else ""
    return request.form.get("email") or ""


def is_known_device() -> bool:
    """Whether this browser logged in to the account it is now trying, before."""
    kind = _kind()
    cookie = request.cookies.get(DEVICES[kind].cookie)
    if not cookie:
        return False
    try:
        remembered = _serializer(kind).loads(cookie, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return remembered == account_key(_email())


def _account() -> str:
    return f"login-account:{_kind()}:{account_key(_email())}"


def mark_wrong_password() -> None:
    """A "Change password" page got a wrong current password: it counts as a failed login."""
    g.login_failed = True


def _login_failed(response: Response) -> bool:
    return response.status_code != 302  # a successful login redirects


def _password_failed(_response: Response) -> bool:
    return bool(g.get("login_failed"))


def init_app(app: Flask, limiter) -> None:  # noqa: ANN001 - a flask_limiter.Limiter
    """Put both limits on both login pages and both "Change password" pages; each limit's
    counter is shared by all four."""
    from flask_limiter.util import get_remote_address

    app.config.setdefault("LOGIN_ACCOUNT_RATE_LIMIT", DEFAULT_ACCOUNT_LIMIT)
    per_ip = lambda: current_app.config["LOGIN_RATE_LIMIT"]  # noqa: E731
    per_account = lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]  # noqa: E731
    for endpoint in (*LOGIN_ENDPOINTS, *PASSWORD_ENDPOINTS):
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        failed = _login_failed if endpoint in LOGIN_ENDPOINTS else _password_failed
        view = limiter.shared_limit(per_ip, scope="login-ip", key_func=get_remote_address,
                                    methods=["POST"], deduct_when=failed)(view)
        view = limiter.shared_limit(
            per_account, scope="login-account", key_func=_account, methods=["POST"],
            deduct_when=failed,
            # Only a login page exempts a known browser: on a password page the session is
            # already there, and a stolen one must not guess for free.
            exempt_when=is_known_device if endpoint in LOGIN_ENDPOINTS else None,
        )(view)
        app.view_functions[endpoint] = view
