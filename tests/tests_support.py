"""Shared constants for the test suites."""

from datetime import UTC, datetime

FIXED_NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)

# axe-core rule sets every page must pass: WCAG 2.0–2.2 A and AA, plus best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                      "wcag22aa", "best-practice"]}}

# The moderator the browser tests' live server holds.
ADMIN_EMAIL = "moderator@example.org"
ADMIN_PASSWORD = "a long and quiet evening"


def standards_dir():
    """../shared/standards (the published HSDS and Meeting Guide files), wherever this
    checkout sits: CIRCLES_STANDARDS_DIR, else beside the repository, else /work/shared."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    candidates = [os.environ.get("CIRCLES_STANDARDS_DIR"), root.parent / "shared" / "standards",
                  "/work/shared/standards"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "hsds" / "schema").is_dir():
            return Path(candidate)
    raise FileNotFoundError(
        "the shared standards folder was not found; set CIRCLES_STANDARDS_DIR to "
        "…/shared/standards"
    )


# --- talking to a real gunicorn over HTTP ----------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_request(port, method, path, body=None, headers=None):
    """(status, Set-Cookie header, body text) of one request to 127.0.0.1:port."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie"), response.read().decode()
    finally:
        connection.close()


def submit_form_fields(token: str, n: int) -> dict:
    """A valid /submit form for an online group named after `n`."""
    import secrets

    return {
        "csrf_token": token, "form_nonce": secrets.token_hex(16),
        "group_name": f"Concurrent Circle {n}", "organization": "Lakeside Community Services",
        "description": "A peer-led circle.", "topics": "family-and-friends",
        "format": "online", "cost": "free", "languages": "en", "audience": "everyone",
        "accepting_new_members": "yes", "registration_required": "no",
        "contact_email": "circle@example.org", "owner_email": "host@example.org",
        "m-0-weekday": "tue", "m-0-start_time": "19:00", "m-0-end_time": "20:30",
        "m-0-timezone": "America/Chicago", "m-0-recurrence": "weekly",
        "m-0-online_url": f"https://meet.example.org/c{n}", "action": "submit",
    }


class SwitchableProxy:
    """A TCP proxy in front of a database that can pass traffic, refuse it (connections
    reset, new ones closed at once: a server that is down) or hang (connections stay open
    and nothing more is forwarded either way: a server or network that stops answering)."""

    def __init__(self, target: tuple[str, int]):
        import socket
        import threading

        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode = "pass"
        self._lock = threading.Lock()
        self.connections: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
                continue
            with self._lock:
                self.connections.append(client)
            if self.mode == "hang":
                continue  # accepted, never answered
            upstream = socket.create_connection(self.target)
            with self._lock:
                self.connections.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source, sink) -> None:  # noqa: ANN001 - sockets
        try:
            while data := source.recv(65536):
                if self.mode == "hang":
                    continue  # swallowed: the other side waits for ever
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source)
            self._drop(sink)

    @staticmethod
    def _drop(connection) -> None:  # noqa: ANN001
        import socket

        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        connection.close()

    def _drop_all(self) -> None:
        with self._lock:
            connections, self.connections = self.connections, []
        for connection in connections:
            self._drop(connection)

    def refuse(self) -> None:
        self.mode = "refuse"
        self._drop_all()

    def hang(self) -> None:
        self.mode = "hang"

    def restore(self) -> None:
        """Pass traffic again; connections that hung are cut (as a real recovery does)."""
        previous, self.mode = self.mode, "pass"
        if previous == "hang":
            self._drop_all()

    def close(self) -> None:
        self.refuse()
        self.listener.close()
