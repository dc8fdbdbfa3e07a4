"""Limits on moderator login attempts: per IP and per account, counting only failures.

- Per IP (LOGIN_RATE_LIMIT, default 5/minute): failed logins from one address. Behind
  PROXY_FIX_HOPS trusted proxies the address is the right-most untrusted entry of
  X-Forwarded-For, which the client cannot choose: extra entries it adds on the left are
  ignored.
- Per account (LOGIN_ACCOUNT_RATE_LIMIT, default 10 per 10 minutes): failed logins for one
  e-mail address from any number of addresses, so rotating IPs does not help a guesser.

Neither locks the right password out for long: only failures count, a limit lasts at most
its window, and a browser that has logged in to this account before carries a signed
"known device" cookie that exempts it from the per-account limit — so someone failing on
purpose from elsewhere cannot keep the real moderator out.
Counters live in RATELIMIT_STORAGE_URI (Redis in production: shared by every worker).
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

DEVICE_COOKIE = "circles_login_device"
DEVICE_MAX_AGE = 90 * 24 * 3600
DEFAULT_ACCOUNT_LIMIT = "10 per 10 minutes"


def account_key(email: str) -> str:
    """A stable, non-reversible key for an account (no e-mail address in Redis)."""
    normal = email.strip().lower()[:254]
    return hashlib.sha256(normal.encode("utf-8", "replace")).hexdigest()[:32]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="circles-login-device")


def remember_device(response: Response, email: str) -> None:
    """After a successful login: mark this browser as one that knows this account."""
    response.set_cookie(
        DEVICE_COOKIE, _serializer().dumps(account_key(email)), max_age=DEVICE_MAX_AGE,
        path="/admin", httponly=True, samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def is_known_device() -> bool:
    """Whether this browser logged in to the account it is now trying, before."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return False
    try:
        remembered = _serializer().loads(cookie, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return remembered == account_key(request.form.get("email") or "")


def _account() -> str:
    return "login-account:" + account_key(request.form.get("email") or "")


def init_app(app: Flask, limiter) -> None:  # noqa: ANN001 - a flask_limiter.Limiter
    """Add the per-account limit to the login view (the per-IP one is in RATE_LIMITS)."""
    app.config.setdefault("LOGIN_ACCOUNT_RATE_LIMIT", DEFAULT_ACCOUNT_LIMIT)
    view = app.view_functions.get("admin.login")
    if view is None:
        return
    app.view_functions["admin.login"] = limiter.limit(
        lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"],
        key_func=_account,
        methods=["POST"],
        deduct_when=lambda r: r.status_code != 302,  # only failures count
        exempt_when=is_known_device,
    )(view)
