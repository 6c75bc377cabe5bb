"""Jupyter server extension: a small proxy from the GPU Jobs panel to a Ray cluster's Jobs REST API.

The browser cannot call the Ray dashboard itself (no CORS), so the panel asks this server:

    GET  <base>/alpha-factory/ray/jobs?address=<dashboard URL>            every job on the cluster
    GET  <base>/alpha-factory/ray/jobs/<id>/logs?address=...&lines=200    the last lines of its driver log
    POST <base>/alpha-factory/ray/jobs/<id>/stop?address=...              ask Ray to stop it

The Ray token, when the cluster needs one, comes in the `X-Alpha-Factory-Ray-Token` request header
and goes to Ray as `Authorization: Bearer <token>`; it is never logged nor echoed. Only http and
https addresses are accepted (a bare `host:port` means http, as in kernel-lib's Ray client). Every
failure is a JSON body `{"error": {"code", "message"}}`: 400 for a bad request, 502 when the cluster
cannot be reached or answers with an error, 504 when it does not answer in time.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote, urlsplit

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.simple_httpclient import HTTPTimeoutError

TOKEN_HEADER = "X-Alpha-Factory-Ray-Token"
CONNECT_TIMEOUT_S = 5.0
# how long one Ray request may take; ALPHA_FACTORY_RAY_TIMEOUT_S overrides it (seconds)
DEFAULT_REQUEST_TIMEOUT_S = 20.0
DEFAULT_LOG_LINES = 200
MAX_LOG_LINES = 5000
# the fields of Ray's JobDetails the panel shows; runtime_env (which may hold secrets in env_vars)
# and driver_info are left out
JOB_FIELDS = (
    "type",
    "job_id",
    "submission_id",
    "status",
    "entrypoint",
    "message",
    "error_type",
    "start_time",
    "end_time",
    "metadata",
    "entrypoint_num_cpus",
    "entrypoint_num_gpus",
    "driver_exit_code",
)
_JOB_ID = re.compile(r"^[A-Za-z0-9_.:@+-]{1,200}$")


class RayProxyError(Exception):
    """A failure with an HTTP status for our answer, a short code and one readable line."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def normalise_address(raw: Optional[str]) -> str:
    """The dashboard's base URL (scheme://host[:port][/prefix], no trailing slash), or a 400."""
    a = (raw or "").strip()
    if not a:
        raise RayProxyError(400, "ray_address", "no Ray dashboard address: set it in Settings › Alpha Factory (e.g. http://ray-head:8265)")
    if "://" not in a:
        a = "http://" + a
    try:
        parts = urlsplit(a)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise RayProxyError(400, "ray_address", f"the Ray dashboard address {raw!r} is not a valid URL") from None
    if parts.scheme not in ("http", "https"):
        raise RayProxyError(400, "ray_address", f"the Ray dashboard address must be an http or https URL, not {parts.scheme}:")
    if not parts.hostname:
        raise RayProxyError(400, "ray_address", f"the Ray dashboard address {raw!r} has no host")
    if parts.username or parts.password:
        raise RayProxyError(400, "ray_address", "put the Ray token in the token setting, not in the dashboard address")
    if parts.query or parts.fragment:
        raise RayProxyError(400, "ray_address", f"the Ray dashboard address {raw!r} must not have a query or fragment")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def check_job_id(job_id: str) -> str:
    if not _JOB_ID.match(job_id):
        raise RayProxyError(400, "bad_job_id", f"not a Ray job id: {job_id[:80]!r}")
    return job_id


def log_tail(text: str, lines: int) -> Tuple[str, bool]:
    """The last `lines` lines of `text` (a trailing newline does not count as a line) and whether lines were cut."""
    body = text[:-1] if text.endswith("\n") else text
    if body == "":
        return "", False
    rows = body.split("\n")
    return "\n".join(rows[-lines:]), len(rows) > lines


def request_timeout_s() -> float:
    try:
        t = float(os.environ.get("ALPHA_FACTORY_RAY_TIMEOUT_S", DEFAULT_REQUEST_TIMEOUT_S))
    except ValueError:
        return DEFAULT_REQUEST_TIMEOUT_S
    return t if t > 0 else DEFAULT_REQUEST_TIMEOUT_S


def _detail(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        j = json.loads(text)
        if isinstance(j, dict):
            text = str(j.get("detail") or j.get("msg") or j.get("message") or text)
    except ValueError:
        pass
    rows = [r for r in text.split("\n") if r.strip()]
    return (rows[-1] if rows else "")[:300]


async def ray_request(address: str, method: str, path: str, token: Optional[str]) -> Any:
    """One request to the Ray Jobs REST API; the parsed JSON answer, or a RayProxyError."""
    headers = {"Accept": "application/json", "User-Agent": "alpha-factory-lab"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    where = f"{method} {path}"
    timeout = request_timeout_s()
    req = HTTPRequest(
        address + path,
        method=method,
        headers=headers,
        body=b"" if method == "POST" else None,
        connect_timeout=min(CONNECT_TIMEOUT_S, timeout),
        request_timeout=timeout,
        follow_redirects=False,
    )
    try:
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
    except HTTPTimeoutError:
        raise RayProxyError(504, "ray_timeout", f"the Ray dashboard at {address} did not answer in {timeout:g} s ({where})") from None
    except HTTPClientError as e:
        # raise_error=False leaves only the errors of the transport (e.g. the stream closed)
        raise RayProxyError(502, "ray_unreachable", f"cannot reach the Ray dashboard at {address} ({where}: {e.message})") from None
    except OSError as e:
        reason = e.strerror or e.__class__.__name__
        raise RayProxyError(502, "ray_unreachable", f"cannot reach the Ray dashboard at {address} ({where}: {reason})") from None
    if resp.code == 599:
        # tornado's code for "no HTTP answer": refused, DNS failure, timeout
        err = resp.error
        text = str(err) if err is not None else "no answer"
        if "timeout" in text.lower() or "timed out" in text.lower():
            raise RayProxyError(504, "ray_timeout", f"the Ray dashboard at {address} did not answer in {timeout:g} s ({where})")
        reason = getattr(getattr(err, "real_error", None), "strerror", None) or getattr(err, "strerror", None) or text
        raise RayProxyError(502, "ray_unreachable", f"cannot reach the Ray dashboard at {address} ({where}: {reason})")
    if resp.code < 200 or resp.code >= 300:
        code = "ray_auth" if resp.code in (401, 403) else "ray_not_found" if resp.code == 404 else "ray_http"
        hint = " (check the Ray token in Settings › Alpha Factory)" if code == "ray_auth" else ""
        raise RayProxyError(502, code, f"Ray {where}: HTTP {resp.code}{hint}: {_detail(resp.body or b'')}")
    body = resp.body or b""
    if not body:
        return {}
    try:
        return json.loads(body)
    except ValueError:
        raise RayProxyError(502, "ray_protocol", f"Ray {where}: the answer is not JSON (is {address} a Ray dashboard?)") from None


class _RayHandler(APIHandler):
    """Common parts: the address and token of the request, and JSON errors."""

    def _target(self) -> Tuple[str, Optional[str]]:
        address = normalise_address(self.get_query_argument("address", None))
        token = self.request.headers.get(TOKEN_HEADER) or None
        return address, token

    def _fail(self, e: RayProxyError) -> None:
        self.set_status(e.status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": {"code": e.code, "message": e.message}}))

    def _ok(self, body: Dict[str, Any]) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))


class JobsHandler(_RayHandler):
    @web.authenticated
    async def get(self) -> None:
        try:
            address, token = self._target()
            raw = await ray_request(address, "GET", "/api/jobs/", token)
            if not isinstance(raw, list):
                raise RayProxyError(502, "ray_protocol", f"Ray GET /api/jobs/: expected a list of jobs from {address}")
            jobs: List[Dict[str, Any]] = [{k: j.get(k) for k in JOB_FIELDS} for j in raw if isinstance(j, dict)]
        except RayProxyError as e:
            self._fail(e)
            return
        self._ok({"address": address, "jobs": jobs})


class LogsHandler(_RayHandler):
    @web.authenticated
    async def get(self, job_id: str) -> None:
        try:
            address, token = self._target()
            check_job_id(job_id)
            try:
                lines = int(self.get_query_argument("lines", str(DEFAULT_LOG_LINES)))
            except ValueError:
                raise RayProxyError(400, "bad_lines", "lines must be a whole number") from None
            if not 1 <= lines <= MAX_LOG_LINES:
                raise RayProxyError(400, "bad_lines", f"lines must be between 1 and {MAX_LOG_LINES}")
            raw = await ray_request(address, "GET", f"/api/jobs/{quote(job_id, safe='')}/logs", token)
            logs = raw.get("logs") if isinstance(raw, dict) else None
            if not isinstance(logs, str):
                raise RayProxyError(502, "ray_protocol", f"Ray GET /api/jobs/{job_id}/logs: no logs in the answer")
        except RayProxyError as e:
            self._fail(e)
            return
        tail, truncated = log_tail(logs, lines)
        self._ok({"id": job_id, "logs": tail, "truncated": truncated})


class StopHandler(_RayHandler):
    @web.authenticated
    async def post(self, job_id: str) -> None:
        try:
            address, token = self._target()
            check_job_id(job_id)
            raw = await ray_request(address, "POST", f"/api/jobs/{quote(job_id, safe='')}/stop", token)
        except RayProxyError as e:
            self._fail(e)
            return
        self._ok({"id": job_id, "stopped": bool(raw.get("stopped")) if isinstance(raw, dict) else False})


def setup_handlers(web_app: Any) -> None:
    base = url_path_join(web_app.settings.get("base_url", "/"), "alpha-factory", "ray")
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "jobs") + "/?", JobsHandler),
            (url_path_join(base, "jobs", r"([^/]+)", "logs"), LogsHandler),
            (url_path_join(base, "jobs", r"([^/]+)", "stop"), StopHandler),
        ],
    )
