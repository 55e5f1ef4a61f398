"""Load-test ``thanthien serve`` with wrk and write the results into bench/RESULTS.md.

    # SQLite (the file bench/seed.py filled; never the developer's var/ database)
    THANTHIEN_DATA_DIR=/tmp/ttbench .venv/bin/python bench/run.py --label sqlite
    # PostgreSQL
    THANTHIEN_DATA_DIR=/tmp/ttbench-pg DATABASE_URL=postgres://postgres@127.0.0.1:5432/ttbench \
        .venv/bin/python bench/run.py --label postgresql

The script starts the server on a free port of 127.0.0.1, waits for /healthz, logs in as the demo
official for the inbox, picks tracking codes, then runs wrk against each endpoint: the hello-world
page first and again last (their mean is the yardstick), the public list, the list filtered by
field, the tracking-code page, the staff inbox and submissions. The server is stopped at the end
whatever happens; its output is kept in bench/out/.
"""

import argparse
import atexit
import datetime as dt
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
sys.path.insert(0, str(ROOT / "src"))
# Never point at the developer's database by accident: without a data dir, use the bench one.
os.environ.setdefault("THANTHIEN_DATA_DIR", "/tmp/ttbench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.settings")

AIM_RATIO = 0.25
AIM_P99_MS = 100.0
AIM_SUBMIT_RPS = 200.0
DEMO_USER = "vandu.diachinh"
DEMO_PASSWORD = "thanthien-demo"


# --- wrk -----------------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    path: str
    kind: str  # hello | read | submit
    rps: float = 0.0
    requests: int = 0
    p50_ms: float | None = None
    p99_ms: float | None = None
    non_2xx_3xx: int = 0
    socket_errors: dict = field(default_factory=dict)
    status: dict = field(default_factory=dict)  # from the Lua script, when it counts
    notes: list = field(default_factory=list)
    raw: str = ""

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unknown duration {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str, result: Result) -> Result:
    result.raw = output
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.rps = float(m.group(1))
    if m := re.search(r"(\d+) requests in", output):
        result.requests = int(m.group(1))
    for pct, attr in (("50", "p50_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s+{pct}%\s+(\S+)", output, re.MULTILINE):
            setattr(result, attr, _ms(m.group(1)))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result.non_2xx_3xx = int(m.group(1))
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = {
            k: int(v)
            for k, v in zip(("connect", "read", "write", "timeout"), m.groups(), strict=True)
            if int(v)
        }
    if m := re.search(r"STATUS 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 5xx=(\d+)", output):
        result.status = dict(zip(("2xx", "3xx", "4xx", "5xx"), map(int, m.groups()), strict=True))
    return result


def lua_long(text: str) -> str:
    """A Lua long-bracket string literal holding ``text`` as it is."""
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


LUA_COUNT_STATUS = """
local threads = {}
local next_tid = 1
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end
function init(args)
  c2, c3, c4, c5, counter = 0, 0, 0, 0, 0
end
function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1
  elseif status >= 400 then c4 = c4 + 1
  elseif status >= 300 then c3 = c3 + 1
  else c2 = c2 + 1 end
end
function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("c2"); t[2] = t[2] + thread:get("c3")
    t[3] = t[3] + thread:get("c4"); t[4] = t[4] + thread:get("c5")
  end
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\\n", t[1], t[2], t[3], t[4]))
end
"""


def lua_headers(headers: dict) -> str:
    return "".join(f"wrk.headers[ {lua_long(k)} ] = {lua_long(v)}\n" for k, v in headers.items())


def lua_track(codes: list[str]) -> str:
    items = ",".join(f'"{c}"' for c in codes)
    return f"""
local codes = {{{items}}}
local n = #codes
local i = 0
function init(args)
  i = math.random(n)
end
function request()
  i = i % n + 1
  return wrk.format("GET", "/petitions/track/" .. codes[i] .. "/")
end
"""


def lua_post(path: str, headers: dict, body: str, marker: str) -> str:
    """POST ``body`` with ``marker`` replaced by thread-counter, so no two bodies are equal."""
    prefix, suffix = body.split(marker)
    return (
        LUA_COUNT_STATUS
        + lua_headers(headers)
        + f"""
local prefix = {lua_long(prefix)}
local suffix = {lua_long(suffix)}
local run = os.time()  -- differs between the warm-up and the measured run
function request()
  counter = counter + 1
  local body = prefix .. run .. "-" .. tid .. "-" .. counter .. suffix
  return wrk.format("POST", {lua_long(path)}, nil, body)
end
"""
    )


def run_wrk(base: str, result: Result, args, script: str | None, headers: dict, duration: float):
    cmd = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{duration:g}s"]
    cmd += ["--latency", f"--timeout={args.timeout:g}s"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    if script:
        script_path = OUT / f"{result.name}.lua"
        script_path.write_text(script, encoding="utf-8")
        cmd += ["-s", str(script_path)]
    cmd.append(base + (result.path if "<" not in result.path else "/"))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    if proc.returncode != 0:
        result.notes.append(f"wrk exited {proc.returncode}: {proc.stderr.strip()[:200]}")
    return parse_wrk(proc.stdout + proc.stderr, result)


# --- The server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, args, log_path: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        exe = shutil.which("thanthien", path=str(ROOT / ".venv" / "bin")) or "thanthien"
        self.cmd = [
            exe, "serve", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(args.workers), "--threads", str(args.server_threads),
        ]  # fmt: skip
        env = dict(os.environ)
        env.setdefault("ACCESS_LOG", "")  # no access log: it would be measured too
        self.log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        atexit.register(self.stop)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"the server did not answer /healthz in {timeout:g}s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group of the server we started
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if not self.log.closed:
            self.log.close()

    def wait_idle(self, limit: float = 240) -> float:
        """Wait until /hello answers fast again: gunicorn still works through the requests of
        connections wrk has closed, and they must not be billed to the next endpoint."""
        start = time.monotonic()
        fast = 0
        while time.monotonic() - start < limit and fast < 3:
            t = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/hello", timeout=limit) as r:
                    r.read()
                fast = fast + 1 if time.monotonic() - t < 0.05 else 0
            except (urllib.error.URLError, OSError):
                fast = 0
            time.sleep(0.2)
        return time.monotonic() - start

    def log_text(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


# --- HTTP helpers --------------------------------------------------------------------------------


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def cookie(jar, name: str) -> str | None:
    return next((c.value for c in jar if c.name == name), None)


def form_token(html: str) -> str:
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not m:
        raise RuntimeError("no csrfmiddlewaretoken in the form")
    return m.group(1)


def login(base: str) -> str:
    op, jar = opener()
    with op.open(base + "/accounts/login/", timeout=10) as r:
        token = form_token(r.read().decode())
    data = urllib.parse.urlencode(
        {"username": DEMO_USER, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    req = urllib.request.Request(base + "/accounts/login/", data=data, headers={"Referer": base})
    with op.open(req, timeout=30) as r:
        r.read()
    session = cookie(jar, "sessionid")
    if not session:
        raise RuntimeError("login as the demo official failed")
    return session


def status_of(req, op=None) -> tuple[int, str]:
    try:
        with (op or urllib.request.build_opener()).open(req, timeout=30) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- Data from the database ----------------------------------------------------------------------


def db_facts(n_codes: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    # The app moves while it is measured: bring the bench database to the current migrations.
    call_command("migrate", interactive=False, verbosity=0)

    from thanthien.core.models import AdminUnit, Body
    from thanthien.demo.units_people import PILOT_CODE
    from thanthien.petitions.models import Field, Petition

    lo_hi = Petition.objects.order_by("id").values_list("id", flat=True)
    lo, hi = lo_hi.first(), lo_hi.last()
    if lo is None:
        raise SystemExit("no petitions: run bench/seed.py first")
    rng = random.Random(7)
    ids = [rng.randint(lo, hi) for _ in range(n_codes)]
    codes = list(Petition.objects.filter(id__in=ids).values_list("tracking_code", flat=True))
    committee = Body.objects.get(
        unit__code=PILOT_CODE, unit__level=AdminUnit.Level.COMMUNE, name="UBND thị trấn Vân Du"
    )
    facts = {
        "vendor": connection.vendor,
        "database": str(connection.settings_dict["NAME"]),
        "rows": Petition.objects.count(),
        "max_id": hi,
        "codes": codes,
        "unit": committee.unit_id,
        "field": Field.objects.get(code="land").pk,
        "field_code": "land",
        "village": AdminUnit.objects.filter(parent_id=committee.unit_id).values_list(
            "pk", flat=True
        )[:1][0],
    }
    connections.close_all()
    return facts


def created_since(max_id: int) -> int:
    from django.db import connections

    from thanthien.petitions.models import Petition

    n = Petition.objects.filter(id__gt=max_id).count()
    connections.close_all()
    return n


# --- Submissions ---------------------------------------------------------------------------------

MARKER = "@@N@@"


def submission_payload(facts: dict, nonce: str) -> dict:
    return {
        "kind": "feedback",
        "title": "Đèn đường khu phố 2 bị hỏng",
        "content": (
            "Đèn đường trước nhà văn hóa khu phố 2 không sáng đã một tuần, buổi tối rất tối, "
            f"đề nghị sửa sớm. Mã kiểm thử {nonce}-{MARKER}."
        ),
        "name": "Nguyễn Văn Thử",
        "phone": "0912345678",
    }


def prepare_submission(base: str, facts: dict, nonce: str) -> tuple[Result, str, dict]:
    """Prefer the JSON API; fall back to the HTML form with a CSRF token. Returns the wrk script."""
    payload = submission_payload(facts, nonce)
    api = {
        **payload,
        "field": facts["field_code"],
        "unit": facts["unit"],
        "consent_publish": True,
    }
    probe = json.dumps({**api, "content": api["content"].replace(MARKER, "probe")})
    req = urllib.request.Request(
        base + "/api/v1/petitions",
        data=probe.encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    status, text = status_of(req, urllib.request.build_opener(NoRedirect))
    notes = []
    if 200 <= status < 300:
        body = json.dumps(api, ensure_ascii=False)
        headers = {"Content-Type": "application/json"}
        script = lua_post("/api/v1/petitions", headers, body, MARKER)
        return Result("submit-api", "/api/v1/petitions", "submit"), script, {}
    notes.append(f"JSON API /api/v1/petitions answered {status}; used the HTML form instead")
    op, jar = opener()
    with op.open(base + "/petitions/new/", timeout=10) as r:
        token = form_token(r.read().decode())
    csrf = cookie(jar, "csrftoken")
    form = {
        **payload,
        "field": facts["field"],
        "unit": facts["unit"],
        "consent_publish": "on",
        "csrfmiddlewaretoken": token,
    }
    body = urllib.parse.urlencode(form).replace(urllib.parse.quote_plus(MARKER), MARKER)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
    }
    script = lua_post("/petitions/new/", headers, body, MARKER)
    result = Result("submit-form", "/petitions/new/", "submit")
    result.notes.extend(notes)
    return result, script, {}


# --- Report --------------------------------------------------------------------------------------


def fmt_ms(value: float | None) -> str:
    return "—" if value is None else (f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms")


def verdict(r: Result, hello: float, label_vendor: str) -> str:
    if r.kind == "hello":
        return "yardstick"
    if r.kind == "submit":
        locked = r.status.get("locked", 0)
        ok = r.rps >= AIM_SUBMIT_RPS and r.errors == 0 and not locked
        aim = f"≥ {AIM_SUBMIT_RPS:.0f}/s, no errors"
        if label_vendor != "sqlite":
            aim += " (aim set for SQLite)"
        return ("✅ " if ok else "❌ ") + aim
    ratio_ok = hello and r.rps / hello >= AIM_RATIO
    p99_ok = r.p99_ms is not None and r.p99_ms < AIM_P99_MS
    misses = []
    if not ratio_ok:
        misses.append(f"ratio < {AIM_RATIO:.2f}")
    if not p99_ok:
        misses.append(f"p99 ≥ {AIM_P99_MS:.0f} ms")
    if r.errors:
        misses.append("errors")
    return "✅" if not misses else "❌ " + ", ".join(misses)


def machine() -> str:
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return f"{os.cpu_count()} cores ({model}), {int(mem) / 1024 / 1024:.0f} GB RAM"


def git_commit() -> str:
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return proc.stdout.strip() + (" + uncommitted changes in src/" if dirty else "")


def section(label: str, facts: dict, results: list[Result], meta: dict) -> str:
    hellos = [r.rps for r in results if r.kind == "hello" and r.rps]
    hello = sum(hellos) / len(hellos) if hellos else 0.0
    lines = [
        f"<!-- bench:{label} -->",
        f"### {label}: {facts['vendor']}, {facts['rows']:,} petitions",
        "",
        f"- date: {meta['date']}; commit: `{meta['commit']}`; machine: {meta['machine']}",
        f"- server: `thanthien serve --workers {meta['workers']} --threads {meta['threads']}`"
        f" (gunicorn gthread, access log off); wrk {meta['wrk']}: {meta['connections']}"
        f" connections, {meta['wrk_threads']} threads, {meta['duration']:g} s per endpoint"
        f" after a {meta['warmup']:g} s warm-up",
        f"- load average before / after: {meta['load_before']} / {meta['load_after']}"
        " (the machine is shared with other engineers' test runs)",
        f"- hello world: {hellos[0]:,.0f} req/s first, {hellos[-1]:,.0f} req/s last; yardstick"
        f" = mean {hello:,.0f} req/s"
        if hellos
        else "- hello world: no result",
        "",
        "| database | rows | endpoint | req/s | × hello | p50 | p99 | errors | verdict |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = f"{r.rps / hello:.2f}" if hello else "—"
        errs = str(r.errors)
        detail = []
        if r.non_2xx_3xx:
            detail.append(f"{r.non_2xx_3xx} non-2xx/3xx")
        detail += [f"{v} {k}" for k, v in r.socket_errors.items()]
        if r.status.get("5xx"):
            detail.append(f"{r.status['5xx']} 5xx")
        if r.status.get("locked"):
            detail.append(f"{r.status['locked']} 'database is locked'")
        if detail:
            errs += " (" + ", ".join(detail) + ")"
        lines.append(
            f"| {facts['vendor']} | {facts['rows']:,} | {r.name} `{r.path}` | {r.rps:,.0f} |"
            f" {ratio} | {fmt_ms(r.p50_ms)} | {fmt_ms(r.p99_ms)} | {errs} |"
            f" {verdict(r, hello, facts['vendor'])} |"
        )
    notes = [n for r in results for n in r.notes]
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    lines += ["", f"Server log: `bench/out/{meta['log']}`.", f"<!-- /bench:{label} -->", ""]
    return "\n".join(lines)


HEADER = """# Benchmarks

Throughput and latency of `thanthien serve` with 1,000,000 petitions, next to a hello-world page of
the same server in the same run (the project's yardstick). Aim: lists and lookups at ≥ 25 % of the
hello-world rate with p99 < 100 ms at 32 connections; submissions ≥ 200/s on SQLite with no
"database is locked" error.

## Reproduce

```sh
sudo apt-get install -y wrk        # Debian/Ubuntu package

# SQLite, in its own data dir (never the developer's var/)
THANTHIEN_DATA_DIR=/tmp/ttbench .venv/bin/python bench/seed.py --count 1000000
THANTHIEN_DATA_DIR=/tmp/ttbench .venv/bin/python bench/run.py --label sqlite

# PostgreSQL
psql -h 127.0.0.1 -U postgres -c 'create database ttbench'
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ttbench
THANTHIEN_DATA_DIR=/tmp/ttbench-pg .venv/bin/python bench/seed.py --count 1000000
THANTHIEN_DATA_DIR=/tmp/ttbench-pg .venv/bin/python bench/run.py --label postgresql
```

`bench/run.py --help` lists the knobs (duration, connections, workers, threads, endpoints).

## Results

"""


def write_results(label: str, text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    pattern = re.compile(
        rf"<!-- bench:{re.escape(label)} -->.*?<!-- /bench:{re.escape(label)} -->\n?", re.S
    )
    if pattern.search(current):
        current = pattern.sub(lambda _m: text, current)
    else:
        marker = "## Findings"
        if marker in current:
            current = current.replace(marker, text + "\n" + marker, 1)
        else:
            current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


# --- Main ----------------------------------------------------------------------------------------

ENDPOINTS = ["hello", "public", "public-field", "track", "inbox", "overdue", "submit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--label", default=None, help="section name in RESULTS.md (default: vendor)"
    )
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="wrk request timeout, s")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=4)
    parser.add_argument("--codes", type=int, default=2000, help="tracking codes to rotate through")
    parser.add_argument("--only", nargs="*", choices=ENDPOINTS, help="run only these endpoints")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: sudo apt-get install -y wrk  (Debian/Ubuntu package)")
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    wrk_version = (wrk_version.stdout + wrk_version.stderr).split()[1]
    OUT.mkdir(parents=True, exist_ok=True)
    facts = db_facts(args.codes)
    label = args.label or facts["vendor"]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log_name = f"server-{label}-{stamp}.log"
    print(f"{facts['vendor']} {facts['database']}: {facts['rows']:,} petitions", flush=True)

    meta = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "commit": git_commit(),
        "machine": machine(),
        "workers": args.workers,
        "threads": args.server_threads,
        "wrk": wrk_version,
        "connections": args.connections,
        "wrk_threads": args.wrk_threads,
        "duration": args.duration,
        "warmup": args.warmup,
        "load_before": f"{os.getloadavg()[0]:.2f}",
        "log": log_name,
    }
    server = Server(args, OUT / log_name)
    results: list[Result] = []
    try:
        server.wait_ready()
        base = server.base
        print(f"server ready at {base} (log bench/out/{log_name})", flush=True)
        wanted = args.only or ENDPOINTS
        plan: list[tuple[Result, str | None, dict]] = []
        plan.append((Result("hello (first)", "/hello", "hello"), None, {}))
        if "public" in wanted:
            plan.append((Result("public list", "/petitions/public/", "read"), None, {}))
        if "public-field" in wanted:
            path = f"/petitions/public/?field={facts['field']}"
            plan.append((Result("public list by field", path, "read"), None, {}))
        if "track" in wanted:
            path = "/petitions/track/<code>/"
            plan.append((Result("tracking code", path, "read"), lua_track(facts["codes"]), {}))
        if "inbox" in wanted:
            try:
                session = login(base)
                headers = {"Cookie": f"sessionid={session}"}
                plan.append((Result("staff inbox", "/staff/petitions/", "read"), None, headers))
                if "overdue" in wanted:
                    # What the superior body watches: every overdue case of its units.
                    path = "/staff/petitions/?which=overdue"
                    plan.append((Result("overdue list", path, "read"), None, headers))
            except Exception as exc:  # noqa: BLE001 - reported, the other endpoints still run
                failed = Result("staff inbox", "/staff/petitions/", "read")
                failed.notes.append(f"staff inbox skipped: login failed ({exc})")
                results.append(failed)
        if "submit" in wanted:
            nonce = f"{stamp}-{random.randrange(10**6)}"
            submit, script, headers = prepare_submission(base, facts, nonce)
            plan.append((submit, script, headers))
        plan.append((Result("hello (last)", "/hello", "hello"), None, {}))

        for result, script, headers in plan:
            # One GET first: a 500 here means the page is broken, not slow.
            if result.kind == "read" and "<code>" not in result.path:
                req = urllib.request.Request(base + result.path, headers=headers)
                code, _text = status_of(req, urllib.request.build_opener(NoRedirect))
                if code >= 400:
                    result.notes.append(f"{result.path} answered {code} before the run")
            if result.kind == "submit":
                before_log = len(server.log_text())
            if args.warmup > 0:
                warm = Result(result.name, result.path, result.kind)
                run_wrk(base, warm, args, script, headers, args.warmup)
                server.wait_idle()
            print(f"wrk {result.name} {result.path} …", flush=True)
            if result.kind == "submit":
                first_new = created_since(facts["max_id"])
            run_wrk(base, result, args, script, headers, args.duration)
            if result.kind == "submit":
                log = server.log_text()[before_log:]
                result.status["locked"] = log.count("database is locked")
                created = created_since(facts["max_id"]) - first_new
                result.notes.append(
                    f"{result.name}: {created:,} petitions created during the measured"
                    f" {args.duration:g} s ({created / args.duration:,.0f}/s, warm-up excluded);"
                    f" 'database is locked' in the server log: {result.status['locked']};"
                    f" status counts from wrk: {result.status}"
                )
            print(
                f"  {result.rps:,.1f} req/s  p50 {fmt_ms(result.p50_ms)}  p99"
                f" {fmt_ms(result.p99_ms)}  errors {result.errors} {result.status or ''}",
                flush=True,
            )
            results.append(result)
            waited = server.wait_idle()
            if waited > 5:
                result.notes.append(
                    f"after {result.name} the server needed {waited:.0f} s to work off requests"
                    " wrk had given up on"
                )
    finally:
        server.stop()
    log = server.log_text()
    errors_500 = log.count("Internal Server Error")
    if errors_500:
        results[-1].notes.append(f"the server logged {errors_500} 'Internal Server Error' lines")
    meta["load_after"] = f"{os.getloadavg()[0]:.2f}"
    (OUT / f"wrk-{label}-{stamp}.txt").write_text(
        "\n\n".join(f"## {r.name} {r.path}\n{r.raw}" for r in results), encoding="utf-8"
    )
    text = section(label, facts, results, meta)
    print(text)
    if not args.no_write:
        write_results(label, text)
        print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
