"""The local review page's web server: standard library only, on 127.0.0.1.

The page shows the plain text of the drafts, so the server is for this machine's user alone:
- it listens on the loopback address only, on a free port;
- it answers only requests whose Host header names that address and port (a web page elsewhere
  cannot reach it by pointing a domain name at 127.0.0.1, "DNS rebinding");
- every request for the drafts or a change needs the session's random token, which only the
  address printed in the terminal (and opened in the browser) carries; the page sends it back in
  a header, which a form or link on another site cannot do; changes must be JSON from the
  page's own origin;
- responses are never cached, load nothing from elsewhere (Content-Security-Policy) and send no
  Referer.
"""

from __future__ import annotations

import hmac
import http.server
import json
import secrets
import sys
import threading
import traceback
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from anonymiser.errors import AnonymiserError
from anonymiser.review.edits import Edit, EditError
from anonymiser.review.session import ReviewSession

TOKEN_HEADER = "X-Review-Token"
MAX_BODY = 64 * 1024
# A request that stops sending (a Content-Length larger than its body) is dropped after this
# many seconds instead of holding its thread for ever.
REQUEST_TIMEOUT = 30
STATIC = {
    "review.js": "text/javascript; charset=utf-8",
    "documents.js": "text/javascript; charset=utf-8",
    "review.css": "text/css; charset=utf-8",
}
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
}

_TEMPLATES = Environment(
    loader=PackageLoader("anonymiser.review", "templates"),
    autoescape=select_autoescape(["html"]),
)


class ReviewPageError(AnonymiserError):
    """The review page cannot start (its port is taken, or not one this user may use)."""


class _Listener(http.server.ThreadingHTTPServer):
    # The page saves, edits and reloads at once; the standard queue of 5 connections waiting
    # to be accepted resets the rest ("connection reset" on a save).
    request_queue_size = 128
    daemon_threads = True


def listen(port: int, handler=http.server.BaseHTTPRequestHandler) -> _Listener:
    """The review page's listening socket on 127.0.0.1:port (0: any free port)."""
    try:
        return _Listener(("127.0.0.1", port), handler)
    except (OSError, OverflowError) as error:  # OverflowError: a port above 65535
        reason = getattr(error, "strerror", None) or str(error)
        raise ReviewPageError(
            f"127.0.0.1:{port}: the review page cannot listen there ({reason}). Another "
            "program (or another review page) may be using that port: give another --port, "
            "or leave --port out to use a free one."
        ) from None


class ReviewServer:
    """Serves one ReviewSession until `finished` is set (the page's Finish button) or stopped."""

    def __init__(self, session: ReviewSession, port: int = 0) -> None:
        self.session = session
        self.token = secrets.token_urlsafe(32)
        self.finished = threading.Event()
        self.httpd = listen(port, self._handler())
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.origin}/?token={self.token}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="review-page", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _handler(self):
        server = self

        class Handler(_ReviewHandler):
            review = server

        return Handler


def _content_length(value: str | None) -> int | None:
    """The body's length in bytes; None unless it is plain decimal digits (int() would take
    '-1', ' 1_0' or '+5', and a negative length reads until the client gives up)."""
    if value is None or value == "":
        return 0
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    # Only how it compares with MAX_BODY matters; int() refuses thousands of digits.
    return int(value) if len(value) <= 18 else MAX_BODY + 1


class _ReviewHandler(http.server.BaseHTTPRequestHandler):
    review: ReviewServer
    server_version = "anonymiser-review"
    sys_version = ""
    timeout = REQUEST_TIMEOUT

    def log_message(self, format: str, *args) -> None:
        # Request lines carry the token: they are not logged. Errors are (see _fail).
        pass

    # -- requests ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path == "/":
            if not self._token_ok(parse_qs(url.query).get("token", [""])[0]):
                return
            page = _TEMPLATES.get_template("review.html").render(
                review=self.review.session.folder.slug, token=self.review.token
            )
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        elif url.path.startswith("/static/") and url.path[8:] in STATIC:
            name = url.path[8:]
            body = resources.files("anonymiser.review").joinpath("static", name).read_bytes()
            self._send(200, body, STATIC[name])
        elif url.path == "/api/state":
            if self._token_ok(self.headers.get(TOKEN_HEADER, "")):
                self._json(200, self.review.session.state(with_documents=True))
        else:
            self._send(404, b"Not found", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if not (self._host_ok() and self._token_ok(self.headers.get(TOKEN_HEADER, ""))):
            return
        if self.headers.get("Origin", self.review.origin) != self.review.origin:
            self._send(403, b"Wrong origin", "text/plain; charset=utf-8")
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._send(415, b"JSON only", "text/plain; charset=utf-8")
            return
        length = _content_length(self.headers.get("Content-Length"))
        if length is None:
            self._send(400, b"Bad Content-Length", "text/plain; charset=utf-8")
            return
        if length > MAX_BODY:
            self._send(413, b"Too large", "text/plain; charset=utf-8")
            return
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            self._send(408, b"The request's body did not arrive", "text/plain; charset=utf-8")
            return
        if len(body) < length:
            self._send(400, b"The body is shorter than its Content-Length", "text/plain")
            return
        try:
            payload = json.loads(body or b"{}")
            if not isinstance(payload, dict):
                raise json.JSONDecodeError("not an object", "", 0)
            self._route(urlsplit(self.path).path, payload)
        except json.JSONDecodeError:
            self._json(400, {"error": "The request was not valid JSON."})
        except EditError as error:
            self._json(400, {"error": str(error), "entity": error.entity_id})
        except AnonymiserError as error:
            self._json(409, {"error": str(error)})
        except Exception:
            self._fail()

    def _route(self, path: str, payload: dict) -> None:
        session = self.review.session
        if path == "/api/edit":
            selected = session.edit(Edit.from_json(payload))
            self._json(200, {**session.state(), "selected": selected})
        elif path == "/api/save":
            result = session.save()
            message = (
                f"Saved {result.saved} changes to {session.folder.decisions_file.name}. "
                f"{result.decided} of {result.total} decided."
            )
            self._json(200, {**session.state(), "message": message})
        elif path == "/api/finish":
            if session.edits and not payload.get("discard"):
                self._json(409, {"error": "There are unsaved changes: save them first."})
                return
            # Set before answering: whoever reads the answer may look at `finished` at once.
            self.review.finished.set()
            self._json(200, {"message": "Finished. You can close this tab."})
        else:
            self._send(404, b"Not found", "text/plain; charset=utf-8")

    # -- checks -----------------------------------------------------------------------------

    def _host_ok(self) -> bool:
        allowed = {f"127.0.0.1:{self.review.port}", f"localhost:{self.review.port}"}
        if self.headers.get("Host", "") in allowed:
            return True
        self._send(421, b"Wrong host", "text/plain; charset=utf-8")
        return False

    def _token_ok(self, token: str) -> bool:
        if hmac.compare_digest(token.encode(), self.review.token.encode()):
            return True
        self._send(
            403,
            b"This review page needs the address printed by 'anonymiser review' (with its token).",
            "text/plain; charset=utf-8",
        )
        return False

    # -- responses --------------------------------------------------------------------------

    def _json(self, status: int, data: dict) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The client went away before its answer (a closed tab, a request that timed out
            # on its side): there is no one left to tell, and nothing was half-written.
            self.close_connection = True

    def _fail(self) -> None:
        """A bug: the traceback goes to the terminal, the page says something went wrong."""
        traceback.print_exc(file=sys.stderr)
        self._json(500, {"error": "Something went wrong; see the terminal. Nothing was saved."})
