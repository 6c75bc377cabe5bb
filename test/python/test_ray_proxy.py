"""The Jupyter server extension's Ray jobs proxy (alpha_factory_lab/ray_proxy.py) against a real Ray
head and a real Jupyter server.

A Ray head is started the way kernel-lib/test/jobs/ray.test.ts does it (`ray start --head` from the
project venv, one CPU, its own --temp-dir, only its own processes stopped afterwards), here with Ray's
token authentication on (RAY_AUTH_MODE=token), so the proxy's `Authorization: Bearer` is checked by
Ray itself. Jobs are submitted with Ray's own SDK (JobSubmissionClient), as `ray job submit` would;
`jupyter server` runs as a subprocess with a token and this source tree first on PYTHONPATH, and the
test calls the proxy over HTTP like the panel does. Expected values come from Ray (its SDK's view of
the same jobs), never from the proxy itself.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RAY = BIN / "ray"
JUPYTER = BIN / "jupyter"

try:
    import ray  # noqa: F401
    from ray.job_submission import JobStatus, JobSubmissionClient

    HAVE_RAY = RAY.exists()
except ImportError:  # pragma: no cover
    HAVE_RAY = False

needs_ray = pytest.mark.skipif(not HAVE_RAY, reason=f"{sys.executable} has no ray (pip install -r gpu/requirements.txt)")

RAY_TOKEN = secrets.token_hex(16)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pids_with(marker: str) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    out.append(int(d))
        except OSError:
            pass
    return out


def stop_pids_with(marker: str) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids_with(marker):
            try:
                os.kill(p, sig)
            except OSError:
                pass
        end = time.time() + 10
        while pids_with(marker) and time.time() < end:
            time.sleep(0.2)


@pytest.fixture(scope="module")
def ray_head():
    temp = tempfile.mkdtemp(prefix="af-ray-")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RAY_USAGE_STATS_ENABLED": "0",
        "RAY_raylet_start_wait_time_s": "120",
        "RAY_agent_register_timeout_ms": "300000",
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": RAY_TOKEN,
    }
    env.pop("RAY_AUTH_TOKEN_PATH", None)
    gcs, dash, client, agent = (free_port() for _ in range(4))
    args = [
        str(RAY), "start", "--head", f"--port={gcs}", f"--dashboard-port={dash}", f"--ray-client-server-port={client}",
        f"--dashboard-agent-listen-port={agent}", "--dashboard-host=127.0.0.1", "--num-cpus=1", "--num-gpus=0",
        "--include-dashboard=true", "--disable-usage-stats", f"--temp-dir={temp}",
    ]  # fmt: skip
    r = None
    for _ in range(3):  # a loaded machine can make the raylet give up on the dashboard agent: retry
        r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240)
        if r.returncode == 0:
            break
        stop_pids_with(temp)
    try:
        assert r is not None and r.returncode == 0, f"ray start failed: {(r.stderr or r.stdout)[-800:]}"
        address = f"http://127.0.0.1:{dash}"
        end = time.time() + 90
        while True:
            try:
                # Ray's own SDK, given the token the way a proxy in front of the dashboard would be
                sdk = JobSubmissionClient(address, headers={"Authorization": f"Bearer {RAY_TOKEN}"})
                sdk.list_jobs()
                break
            except Exception:
                if time.time() > end:
                    raise
                time.sleep(0.5)
        yield {"address": address, "sdk": sdk}
    finally:
        stop_pids_with(temp)
        shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="module")
def server():
    """`jupyter server` with a token, our source tree first on PYTHONPATH, empty user config folders."""
    scratch = tempfile.mkdtemp(prefix="af-jpserver-")
    port = free_port()
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "JUPYTER_CONFIG_DIR": os.path.join(scratch, "config"),
        "JUPYTER_DATA_DIR": os.path.join(scratch, "data"),
        "JUPYTER_RUNTIME_DIR": os.path.join(scratch, "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "ALPHA_FACTORY_RAY_TIMEOUT_S": "2",
    }
    for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN"):
        env.pop(k, None)
    args = [
        str(JUPYTER), "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={scratch}", "--ServerApp.jpserver_extensions={'alpha_factory_lab': True}", "--debug",
    ]  # fmt: skip
    if hasattr(os, "getuid") and os.getuid() == 0:
        args.append("--allow-root")
    log_path = os.path.join(scratch, "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen(args, env=env, cwd=scratch, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        end = time.time() + 120
        while True:
            assert proc.poll() is None, f"jupyter server exited:\n{Path(log_path).read_text()[-2000:]}"
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.time() < end, f"jupyter server did not start:\n{Path(log_path).read_text()[-2000:]}"
            time.sleep(0.3)
        yield {"base": base, "token": token, "log": lambda: Path(log_path).read_text()}
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


def call(server, method: str, path: str, address: str | None, ray_token: str | None = None, jupyter_auth: bool = True, **query):
    """(HTTP status, JSON body) of one request to the proxy."""
    q = dict(query)
    if address is not None:
        q["address"] = address
    url = f"{server['base']}/alpha-factory/ray/{path}" + (f"?{urllib.parse.urlencode(q)}" if q else "")
    headers = {"Accept": "application/json"}
    if jupyter_auth:
        headers["Authorization"] = f"token {server['token']}"
    if ray_token is not None:
        headers["X-Alpha-Factory-Ray-Token"] = ray_token
    req = urllib.request.Request(url, method=method, headers=headers, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            return e.code, json.loads(body or b"{}")
        except ValueError:
            return e.code, {"raw": body.decode("utf-8", "replace")}


def wait_until(cond, timeout: float, what: str):
    end = time.time() + timeout
    while True:
        v = cond()
        if v:
            return v
        assert time.time() < end, f"timed out waiting for {what}"
        time.sleep(0.5)


@needs_ray
def test_lists_reads_logs_and_stops_a_job_submitted_with_rays_own_sdk(ray_head, server):
    sdk, address = ray_head["sdk"], ray_head["address"]
    # plain Ray, no alpha-factory code: prints six numbered lines, then sleeps until stopped
    script = "import time\nfor i in range(1, 7): print(f'af-line-{i}', flush=True)\ntime.sleep(600)"
    sid = sdk.submit_job(entrypoint=f"python -c {shlex.quote(script)}", runtime_env={"env_vars": {"AF_SECRET_ENV": "hidden-value"}})

    status, body = call(server, "GET", "jobs", address, RAY_TOKEN)
    assert status == 200, body
    assert body["address"] == address
    ours = [j for j in body["jobs"] if j["submission_id"] == sid]
    assert len(ours) == 1, body
    details = sdk.get_job_info(sid)
    assert ours[0]["entrypoint"] == details.entrypoint
    assert ours[0]["type"] == "SUBMISSION"
    assert ours[0]["status"] in ("PENDING", "RUNNING")
    # runtime_env (which can hold secrets) is not passed to the browser
    assert "runtime_env" not in ours[0] and "hidden-value" not in json.dumps(body)

    # the log tail once the driver printed its six lines
    def six_lines():
        s, b = call(server, "GET", f"jobs/{sid}/logs", address, RAY_TOKEN, lines=2)
        assert s == 200, b
        return b if "af-line-6" in b["logs"] else None

    try:
        tail = wait_until(six_lines, 120, "the job's six log lines")
    except AssertionError:
        info = sdk.get_job_info(sid)
        raise AssertionError(f"no six log lines: Ray says {info.status} {info.message!r}; logs {sdk.get_job_logs(sid)[-800:]!r}") from None
    full = sdk.get_job_logs(sid)
    assert tail["logs"] == "\n".join(full.rstrip("\n").split("\n")[-2:])
    assert tail["logs"].endswith("af-line-5\naf-line-6")
    assert tail["truncated"] is True
    s, whole = call(server, "GET", f"jobs/{sid}/logs", address, RAY_TOKEN)
    assert s == 200 and whole["truncated"] is False and whole["logs"] == full.rstrip("\n")

    # the list shows it RUNNING, as Ray's SDK does
    assert sdk.get_job_status(sid) == JobStatus.RUNNING
    s, body = call(server, "GET", "jobs", address, RAY_TOKEN)
    assert [j["status"] for j in body["jobs"] if j["submission_id"] == sid] == ["RUNNING"]

    # stop through the proxy: Ray's SDK then reports it STOPPED
    s, stopped = call(server, "POST", f"jobs/{sid}/stop", address, RAY_TOKEN)
    assert s == 200, stopped
    assert stopped == {"id": sid, "stopped": True}
    wait_until(lambda: sdk.get_job_status(sid) == JobStatus.STOPPED, 60, "Ray to stop the job")
    s, body = call(server, "GET", "jobs", address, RAY_TOKEN)
    assert [j["status"] for j in body["jobs"] if j["submission_id"] == sid] == ["STOPPED"]
    # a second stop of a stopped job: Ray answers stopped = false
    s, again = call(server, "POST", f"jobs/{sid}/stop", address, RAY_TOKEN)
    assert s == 200 and again["stopped"] is False

    # the job that finished on its own
    done = sdk.submit_job(entrypoint="python -c \"print('af-done')\"")
    wait_until(lambda: sdk.get_job_status(done) == JobStatus.SUCCEEDED, 120, "the second job to finish")
    s, body = call(server, "GET", "jobs", address, RAY_TOKEN)
    assert [j["status"] for j in body["jobs"] if j["submission_id"] == done] == ["SUCCEEDED"]
    s, logs = call(server, "GET", f"jobs/{done}/logs", address, RAY_TOKEN)
    assert s == 200 and "af-done" in logs["logs"]

    # an unknown job: Ray's 404 becomes a clear error
    s, b = call(server, "GET", "jobs/raysubmit_nosuchjob/logs", address, RAY_TOKEN)
    assert s == 502 and b["error"]["code"] == "ray_not_found", b
    assert "raysubmit_nosuchjob" in b["error"]["message"]

    # the Ray token never reaches the server log (the server runs with --debug)
    assert RAY_TOKEN not in server["log"]()


@needs_ray
def test_a_missing_or_wrong_ray_token_is_refused_by_ray_with_a_clear_error(ray_head, server):
    address = ray_head["address"]
    s, b = call(server, "GET", "jobs", address)
    assert s == 502 and b["error"]["code"] == "ray_auth", b
    assert "HTTP 401" in b["error"]["message"] and "token" in b["error"]["message"]
    s, b = call(server, "GET", "jobs", address, "not-the-token")
    assert s == 502 and b["error"]["code"] == "ray_auth", b
    assert "HTTP 403" in b["error"]["message"]
    assert "not-the-token" not in json.dumps(b) and "not-the-token" not in server["log"]()


def test_an_unreachable_cluster_is_a_clear_json_error(server):
    port = free_port()  # nothing listens there
    s, b = call(server, "GET", "jobs", f"http://127.0.0.1:{port}", "tok")
    assert s == 502, b
    assert b["error"]["code"] == "ray_unreachable"
    assert f"http://127.0.0.1:{port}" in b["error"]["message"]
    s, b = call(server, "POST", "jobs/raysubmit_x/stop", f"127.0.0.1:{port}")
    assert s == 502 and b["error"]["code"] == "ray_unreachable", b
    assert f"http://127.0.0.1:{port}" in b["error"]["message"]  # a bare host:port is http


def test_a_dashboard_that_never_answers_times_out(server):
    # a socket that accepts connections and never answers: the proxy gives up after
    # ALPHA_FACTORY_RAY_TIMEOUT_S (2 s in this server)
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        lsock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(lsock.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        t0 = time.monotonic()
        s, b = call(server, "GET", "jobs", f"http://127.0.0.1:{lsock.getsockname()[1]}")
        took = time.monotonic() - t0
    finally:
        stop.set()
        t.join()
        for c in held:
            c.close()
        lsock.close()
    assert s == 504 and b["error"]["code"] == "ray_timeout", b
    assert "2 s" in b["error"]["message"]
    assert took < 30


def test_bad_requests_are_refused_before_any_network_call(server):
    for address, needle in [
        (None, "no Ray dashboard address"),
        ("", "no Ray dashboard address"),
        ("file:///etc/passwd", "http or https"),
        ("ftp://ray:21", "http or https"),
        ("http://user:pw@ray:8265", "token setting"),
        ("http://:8265", "no host"),
        ("http://ray:notaport", "not a valid URL"),
    ]:
        s, b = call(server, "GET", "jobs", address)
        assert s == 400, (address, b)
        assert b["error"]["code"] == "ray_address" and needle in b["error"]["message"], (address, b)
    s, b = call(server, "GET", "jobs/a%20b/logs", "http://127.0.0.1:1")
    assert s == 400 and b["error"]["code"] == "bad_job_id", b
    for lines in ("0", "x", "5001"):
        s, b = call(server, "GET", "jobs/raysubmit_1/logs", "http://127.0.0.1:1", lines=lines)
        assert s == 400 and b["error"]["code"] == "bad_lines", (lines, b)


def test_the_proxy_needs_jupyters_own_authentication(server):
    s, _ = call(server, "GET", "jobs", "http://127.0.0.1:1", jupyter_auth=False)
    assert s == 403
    s, _ = call(server, "POST", "jobs/raysubmit_1/stop", "http://127.0.0.1:1", jupyter_auth=False)
    assert s == 403


def test_log_tail_counts_lines_like_tail():
    # the pure helper, against what `tail -n` prints (computed by coreutils here)
    from alpha_factory_lab.ray_proxy import log_tail

    for text in ["", "a", "a\n", "a\nb\nc\n", "a\nb\nc", "\n\nx\n", "one\ntwo\nthree\nfour\n"]:
        for n in (1, 2, 3, 10):
            expected = subprocess.run(["tail", "-n", str(n)], input=text, capture_output=True, text=True).stdout
            got, cut = log_tail(text, n)
            assert got == expected.removesuffix("\n"), (text, n)
            assert cut == (len(text.removesuffix("\n").split("\n")) > n if text else False)
