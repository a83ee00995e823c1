"""The review server: the build's review pages, made editable, on 127.0.0.1 behind a random token.

Every URL starts with the token (``http://127.0.0.1:PORT/<token>/hi-th.html``); a request without it,
from a page of another origin (its ``Origin`` header), or addressed to another host name (DNS
rebinding) is refused with 403. Only the pages the build wrote for the pairs (`store.find_pairs`)
are served, by name from a fixed list, so no path reaches outside the output folder.

The page is the build's static page with one more element: ``<script id="review-config">``, which
turns on editing in its script (``report.js``). It reads and changes the pair through a small JSON
API under ``api/<pair>/``: ``state`` (GET), ``change``, ``undo`` and ``redo`` (POST, JSON with the version the
page has: 409 with a message when the pair changed since).

Flask (and Werkzeug's threaded server) serve it; nothing here loads a model.
"""

from __future__ import annotations

import getpass
import json
import logging
import re
import secrets
import subprocess
import threading
from contextlib import ExitStack
from pathlib import Path

from markupsafe import escape

from ..errors import AlignerError, MissingPackageError, OutputError
from ..io import recover_output_set
from ..outlock import holding
from .store import ReviewError, ReviewStore, StaleVersion, checked_editor, no_output_folder

log = logging.getLogger(__name__)

LOCAL_HOSTS = ("127.0.0.1", "localhost")
#: the largest request body: a change is a few hundred bytes, an English line a few kilobytes
MAX_BODY = 1 << 20


def default_editor() -> str:
    """Who is reviewing, when --translator-name is not given: git's user.name, else the login name."""
    try:
        name = subprocess.run(
            ["git", "config", "--get", "user.name"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def create_app(store: ReviewStore, token: str):
    """The Flask application serving `store`'s pairs to whoever has `token`."""
    try:
        from flask import Flask, Response, abort, jsonify, request
        from werkzeug.exceptions import HTTPException
    except ImportError:
        raise MissingPackageError("the review server (Flask)", "pip install -e '.[review]'") from None

    app = Flask("aligner.review")
    app.json.ensure_ascii = False
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @app.errorhandler(HTTPException)
    def http_error(error):
        return _refuse(f"{error.code} {error.name}", error.code)

    @app.errorhandler(Exception)
    def unexpected(error):
        # the page gets one line; the details go to the log, never to the browser
        log.error("review server: %s", type(error).__name__, exc_info=error)
        return _refuse("the review server failed on this request (its log says why)", 500)

    @app.before_request
    def guard():
        hostname = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host
        if hostname not in LOCAL_HOSTS:
            return _refuse("this server answers only to 127.0.0.1")
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.host}":
            return _refuse("requests from another origin are refused")
        first = request.path.split("/")[1] if request.path.count("/") >= 1 else ""
        if not secrets.compare_digest(first.encode(), token.encode()):
            return _refuse("a valid token is needed: open the URL `aligner review` printed")
        return None

    @app.after_request
    def headers(response):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get(f"/{token}/")
    def index():
        items = "".join(
            f'<li><a href="{escape(name)}.html">{escape(name)}</a> ({escape(pair.mode)})</li>'
            for name, pair in store.pairs.items()
        )
        return Response(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>aligner review</title>'
            f"</head><body><h1>Review</h1><ul>{items}</ul></body></html>",
            mimetype="text/html",
        )

    @app.get(f"/{token}/<name>.html")
    def page(name: str):
        pair = store.pairs.get(name)
        if pair is None:
            abort(404)
        html = pair.page.read_text(encoding="utf-8")
        config = json.dumps({"api": f"api/{name}/", "pair": name}).replace("</", "<\\/")
        html, found = re.subn(
            r"(<body\b[^>]*>)",
            lambda m: m.group(1) + f'<script type="application/json" id="review-config">{config}</script>',
            html,
            count=1,
        )
        if not found:
            abort(500)
        return Response(html, mimetype="text/html")

    @app.get(f"/{token}/api/<name>/state")
    def state(name: str):
        return _answer(lambda: store.state(name))

    @app.post(f"/{token}/api/<name>/change")
    def change(name: str):
        body = _body()
        return _answer(lambda: store.apply(name, str(body.get("version", "")), body.get("change")))

    @app.post(f"/{token}/api/<name>/undo")
    def undo(name: str):
        body = _body()
        return _answer(lambda: store.undo(name, str(body.get("version", ""))))

    @app.post(f"/{token}/api/<name>/redo")
    def redo(name: str):
        body = _body()
        return _answer(lambda: store.redo(name, str(body.get("version", ""))))

    def _body() -> dict:
        if not request.is_json:
            abort(_refuse("send JSON (Content-Type: application/json)", 415))
        data = request.get_data(cache=False)
        try:
            body = json.loads(data)
        except (ValueError, RecursionError):
            # RecursionError: a body nested thousands deep, which no page of ours sends
            abort(_refuse("the body is not JSON this server reads (malformed, or nested too deep)", 400))
        if not isinstance(body, dict):
            abort(_refuse("the body is a JSON object", 400))
        return body

    def _answer(work):
        try:
            return jsonify(work())
        except StaleVersion as error:
            return jsonify({"error": error.message, "stale": True}), 409
        except ReviewError as error:
            status = 404 if error.message.startswith("no pair ") else 400
            return jsonify({"error": error.message}), status
        except AlignerError as error:
            # a file of the output folder that cannot be read (damaged, half-written by hand): the
            # request conflicts with what is on disk; the line names the file and the fix
            return jsonify({"error": error.one_line()}), 409

    def _refuse(message: str, status: int = 403):
        return Response(json.dumps({"error": message}), status=status, mimetype="application/json")

    return app


class ReviewServer:
    """The server on 127.0.0.1 (port 0: a free one), in this thread (`serve_forever`) or another."""

    def __init__(self, out: Path | str, editor: str, *, port: int = 0, token: str | None = None):
        out = Path(out)
        checked_editor(editor)
        if not out.is_dir():
            raise no_output_folder(out)
        # The folder's lock, for the server's whole life: a build switching its outputs in would
        # overwrite the decisions saved meanwhile. A build killed mid-switch is finished first, or the
        # next build's recovery would overwrite what is saved here.
        self._hold = ExitStack()
        self._hold.enter_context(holding(out, "review server"))
        try:
            recover_output_set(out)
            self._start(out, editor, port, token)
        except BaseException:
            self._hold.close()
            raise

    def _start(self, out: Path, editor: str, port: int, token: str | None) -> None:
        self.store = ReviewStore(out, editor)
        self.token = token or secrets.token_urlsafe(24)
        app = create_app(self.store, self.token)
        from werkzeug.serving import WSGIRequestHandler, make_server

        class QuietHandler(WSGIRequestHandler):
            def log_request(self, code="-", size="-"):
                log.debug("%s %s %s", self.command, _without_token(self.path), code)

            def log_error(self, *args):
                log.debug(*args)

        try:
            self._server = make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
        except OSError as exc:
            raise OutputError(
                f"cannot listen on 127.0.0.1:{port} ({exc.strerror})",
                fix="choose another --port, or 0 for any free one",
            ) from None
        self.port = self._server.server_port
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The address to open: the only pair's page, or the list of pairs."""
        base = f"http://127.0.0.1:{self.port}/{self.token}/"
        return base + f"{next(iter(self.store.pairs))}.html" if len(self.store.pairs) == 1 else base

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def start(self) -> ReviewServer:
        """Serve in a background thread (tests)."""
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def shutdown(self) -> None:
        """Stop serving (`serve_forever` or the thread of `start` must be running) and free the folder."""
        try:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
        finally:
            self._hold.close()


def _without_token(path: str) -> str:
    parts = path.split("/", 2)
    return "/…/" + parts[2] if len(parts) > 2 else path
