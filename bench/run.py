"""`make bench`: the pages of the national data set under wrk, against the framework's floor.

1. The database (BENCH_DATABASE_URL, default a local `ecri_bench` PostgreSQL database) is created,
   migrated and filled with `flask demo load --scale national` when it has no accounts yet.
2. The app and the floor (bench/floor.py) are served by gunicorn with the same settings:
   2 × cores workers, gthread with 4 threads each. The app uses Redis as in production
   (BENCH_REDIS_URL, default database 14 of a local Redis) when one answers, else none.
3. The script logs in a trainee, a trainer and the consortium coordinator through the login form,
   checks every page answers 200, reads its X-Query-Count (of a first request, which may fill the
   result cache, and of a second), then runs `wrk --latency -c 16` on it for BENCH_SECONDS (default 15).
4. It prints the table and writes bench/RESULTS.md.

BENCH_WORKERS and BENCH_THREADS change the gunicorn settings of both servers; BENCH_PAGES (names,
comma-separated) measures only those pages and then leaves RESULTS.md alone.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the app's packages, when run as `python bench/run.py`
BENCH = ROOT / "bench"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/ecri_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
CONNECTIONS = 16
FETCH_TIMEOUT = 120  # seconds a page may take to answer the check request before wrk runs
THREADS_PER_WORKER = 4
DEMO_PASSWORD = "ecri-demo-pass"
COORDINATOR = "coordinator@demo.ecri-lms.eu"
ANALYSIS = "## Analysis"
INHERITED = (
    "DATABASE_URL",
    "REDIS_URL",
    "STORAGE_DIR",
    "PUBLIC_BASE_URL",
    "TRUST_PROXY_HEADERS",
    "MAIL_SERVER",
    "ECRI_CONFIG",
    "SECRET_KEY",
    "FLASK_DEBUG",
)


@dataclass
class Page:
    name: str
    path: str
    cookie: str = ""
    body: str = ""  # a POST body (sent by bench/post.lua) when set


@dataclass
class Result:
    page: Page
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    queries: str
    size: int
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reachable_redis() -> str:
    """BENCH_REDIS_URL (or the default) when a Redis server answers there, else ''."""
    from redis import Redis
    from redis.exceptions import RedisError

    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except RedisError:
        print(f"No Redis at {url}: the app runs without it (results cached per process).")
        return ""
    return url


def environment(database_url: str, workdir: Path, port: int) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in INHERITED}
    env.update(
        {
            "ECRI_CONFIG": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": database_url,
            "STORAGE_DIR": str(workdir / "storage"),
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "BENCH_COUNT_QUERIES": "1",
            "FLASK_APP": "wsgi",
            "XDG_RUNTIME_DIR": str(workdir),
            "LOGIN_RATE_LIMIT_PER_ADDRESS": "100 per minute",
        }
    )
    return env


def flask(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database when it does not exist yet."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if not url.drivername.startswith("postgresql"):
        return
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)).fetchone() is None:
            connection.execute(f'CREATE DATABASE "{url.database}"')


def gunicorn(app: str, port: int, env: dict[str, str], log: Path, workers: int, threads: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        app,
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn {app} exited:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    sys.exit(f"gunicorn {app} did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(base: str, method: str, path: str, cookie: str = "", body: str = ""):
    """(status, headers, body, session cookie after the exchange)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=FETCH_TIMEOUT)
    headers = {"Cookie": f"session={cookie}"} if cookie else {}
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or ():
            jar.load(header)
        new_cookie = jar["session"].value if "session" in jar else cookie
        return response.status, response.headers, response.read(), new_cookie
    finally:
        connection.close()


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def log_in(base: str, email: str) -> tuple[str, str]:
    """The session cookie of a fresh login, and a CSRF token that goes with it."""
    _status, _headers, page, cookie = fetch(base, "GET", "/login")
    token = CSRF.search(page.decode()).group(1)
    status, _headers, _body, cookie = fetch(
        base, "POST", "/login", cookie, urlencode({"csrf_token": token, "email": email, "password": DEMO_PASSWORD})
    )
    if status != 302:
        sys.exit(f"Logging in as {email} failed ({status}).")
    _status, _headers, page, cookie = fetch(base, "GET", "/profile", cookie)
    return cookie, CSRF.search(page.decode()).group(1)


def targets(database_url: str) -> dict:
    """Ids for the pages: a trainee with a seat on an upcoming run of a course with a quiz, that run's
    trainer, the national needs survey."""
    from sqlalchemy import func, select

    from config import normalise_database_url
    from ecri_lms import create_app
    from ecri_lms.accounts.models import User
    from ecri_lms.assessment.models import Quiz
    from ecri_lms.catalogue.models import Course
    from ecri_lms.certificates.models import Certificate
    from ecri_lms.infra.extensions import db
    from ecri_lms.infra.timeutil import utcnow
    from ecri_lms.needs.models import Survey
    from ecri_lms.scheduling.models import CourseRun, CourseRunTrainer, Registration, TrainingSession

    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url)})
    with app.app_context():
        seats = (
            select(Registration.user_id, CourseRun.id, Course.code, Quiz.id)
            .join(CourseRun, CourseRun.id == Registration.run_id)
            .join(Course, Course.id == CourseRun.course_id)
            .join(Quiz, Quiz.course_id == Course.id)
            .join(User, User.id == Registration.user_id)
            .where(
                Registration.status == "confirmed",
                CourseRun.status == "published",
                CourseRun.starts_at > utcnow(),
                Quiz.archived_at.is_(None),
                Quiz.time_limit_minutes == 0,
                User.email.like("trainee%@national.ecri-lms.eu"),
            )
            .order_by(CourseRun.id, Registration.user_id)
            .limit(1)
        )
        user_id, run_id, course_code, quiz_id = db.session.execute(seats).one()
        trainer_id = db.session.scalar(
            select(func.min(CourseRunTrainer.user_id)).where(CourseRunTrainer.run_id == run_id)
        )
        finished = db.session.scalar(
            select(Registration.run_id)
            .join(CourseRun, CourseRun.id == Registration.run_id)
            .where(CourseRun.status == "completed")
            .group_by(Registration.run_id)
            .order_by(func.count().desc(), Registration.run_id)
            .limit(1)
        )
        certificate = db.session.scalar(select(Certificate).where(Certificate.run_id == finished).limit(1))
        found = {
            "trainee": db.session.get(User, user_id).email,
            "trainer": db.session.get(User, trainer_id).email,
            "sheet": db.session.scalar(select(func.min(TrainingSession.id)).where(TrainingSession.run_id == finished)),
            "sheet_trainer": db.session.get(
                User,
                db.session.scalar(
                    select(func.min(CourseRunTrainer.user_id)).where(CourseRunTrainer.run_id == finished)
                ),
            ).email,
            "certificate": certificate.id,
            "holder": certificate.user.email,
            "run": run_id,
            "course": course_code,
            "quiz": quiz_id,
            "survey": db.session.scalar(select(Survey.id).where(Survey.name.like("National%"))),
        }
        db.session.remove()
        db.engine.dispose()
    return found


def start_attempt(base: str, quiz_id: int, cookie: str, token: str) -> tuple[int, int, str]:
    """An attempt in progress: its id, its first question and an answer to it."""
    status, headers, _body, _cookie = fetch(
        base, "POST", f"/quizzes/{quiz_id}/start", cookie, urlencode({"csrf_token": token})
    )
    match = re.search(r"/attempts/(\d+)$", headers.get("Location", ""))
    if status != 302 or not match:
        sys.exit(f"Starting quiz {quiz_id} failed ({status}, {headers.get('Location')}).")
    attempt_id = int(match.group(1))
    _status, _headers, page, _cookie = fetch(base, "GET", f"/attempts/{attempt_id}", cookie)
    question_id = int(re.search(r'name="shown" value="(\d+)"', page.decode()).group(1))
    answer = re.search(rf'name="q{question_id}" value="([^"]*)"', page.decode())
    return attempt_id, question_id, answer.group(1) if answer else ""


def pages(base: str, found: dict) -> list[Page]:
    trainee, trainee_token = log_in(base, found["trainee"])
    trainer, _token = log_in(base, found["trainer"])
    coordinator, _token = log_in(base, COORDINATOR)
    sheet_trainer, _token = log_in(base, found["sheet_trainer"])
    holder, _token = log_in(base, found["holder"])
    attempt_id, question_id, answer = start_attempt(base, found["quiz"], trainee, trainee_token)
    _status, _headers, page, _cookie = fetch(
        base, "POST", "/my/calendar-feed", trainee, urlencode({"csrf_token": trainee_token})
    )
    feed = urlsplit(re.search(r'value="(http[^"]+/calendar/feed/[^"]+\.ics)"', page.decode()).group(1)).path
    return [
        Page("catalogue search", "/courses?q=strategy", trainee),
        Page("course page", f"/courses/{found['course']}", trainee),
        Page("upcoming runs", "/runs", trainee),
        Page("trainee dashboard", "/", trainee),
        Page("run page", f"/runs/{found['run']}", trainee),
        Page("quiz page (attempt)", f"/attempts/{attempt_id}", trainee),
        Page(
            "answer submission (POST)",
            f"/attempts/{attempt_id}/questions/{question_id}",
            trainee,
            urlencode({"csrf_token": trainee_token, "shown": question_id, f"q{question_id}": answer}),
        ),
        Page("run registrations (trainer)", f"/runs/{found['run']}/registrations", trainer),
        Page("attendance sheet (trainer)", f"/sessions/{found['sheet']}/sheet", sheet_trainer),
        Page("coordinator home", "/", coordinator),
        Page("consortium dashboard", "/reports/", coordinator),
        Page("personal ICS feed", feed),
        Page("certificate PDF", f"/certificates/{found['certificate']}.pdf", holder),
        Page("needs ranking", f"/needs/?survey={found['survey']}", coordinator),
    ]


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, page: Page, seconds: int) -> tuple[float, float, float, int]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    env = dict(os.environ)
    if page.cookie:
        command += ["-H", f"Cookie: session={page.cookie}"]
    if page.body:
        command += ["-s", str(BENCH / "post.lua")]
        env["BENCH_BODY"] = page.body
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, env=env).stdout
    latencies = {m.group(1): float(m.group(2)) * UNIT_MS[m.group(3)] for m in LATENCY.finditer(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rps, latencies["50"], latencies["99"], int(errors.group(1)) if errors else 0


def measure(base: str, page: Page, seconds: int) -> Result:
    method = "POST" if page.body else "GET"
    try:
        counts = []
        for _first_then_second in range(2):
            status, headers, body, _cookie = fetch(base, method, page.path, page.cookie, page.body)
            if status != 200:
                sys.exit(f"{page.name}: {method} {page.path} answered {status}")
            counts.append(headers.get("X-Query-Count", "?"))
    except TimeoutError:
        print(f"{page.name}: no answer within {FETCH_TIMEOUT} s, not measured", flush=True)
        return Result(page, 0.0, FETCH_TIMEOUT * 1000.0, FETCH_TIMEOUT * 1000.0, "timeout", 0, 0)
    rps, p50, p99, errors = wrk(base + page.path, page, seconds)
    queries = counts[1] if counts[0] == counts[1] else f"{counts[1]} ({counts[0]} first)"
    return Result(page, rps, p50, p99, queries, len(body), errors)


def machine() -> str:
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True, check=False).stdout.rstrip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({cpu})\n\n```\n$ free -g\n{memory}\n```"


def postgres_version(database_url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if not url.drivername.startswith("postgresql"):
        return "SQLite"
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False)) as connection:
        return connection.execute("SELECT version()").fetchone()[0]


def table(results: list[Result], floor: Result) -> str:
    lines = [
        "| page | req/s | × floor | p50 ms | p99 ms | SQL queries | bytes | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in [*results, floor]:
        lines.append(
            f"| {result.page.name} | {result.requests_per_second:.0f} | "
            f"{result.requests_per_second / floor.requests_per_second:.2f} | {result.p50_ms:.1f} | "
            f"{result.p99_ms:.1f} | {result.queries} | {result.size:,} | {result.errors} |"
        )
    return "\n".join(lines)


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    workers = int(os.environ.get("BENCH_WORKERS", 2 * (os.cpu_count() or 1)))
    threads = int(os.environ.get("BENCH_THREADS", THREADS_PER_WORKER))
    chosen = {name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()}
    workdir = Path(os.environ.get("BENCH_WORKDIR", ROOT / "instance" / "bench"))
    workdir.mkdir(parents=True, exist_ok=True)
    port, floor_port = free_port(), free_port()
    env = environment(database_url, workdir, port)  # the CLI runs its jobs inline: no REDIS_URL
    redis_url = reachable_redis()
    ensure_database(database_url)
    flask(env, "db", "upgrade")
    print(flask(env, "demo", "load", "--if-empty", "--scale", "national").strip().splitlines()[0])
    found = targets(database_url)
    app = gunicorn(
        "wsgi:app", port, env | ({"REDIS_URL": redis_url} if redis_url else {}), workdir / "app.log", workers, threads
    )
    base = f"http://127.0.0.1:{port}"
    try:
        results = []
        for page in pages(base, found):
            if chosen and page.name not in chosen:
                continue
            results.append(measure(base, page, seconds))
            print(f"  {page.name}: {results[-1].requests_per_second:.0f} req/s", flush=True)
    finally:
        stop(app)
    html_sizes = [r.size for r in results if not r.page.body and not r.page.path.endswith((".ics", ".pdf"))]
    floor_env = env | {"FLOOR_BYTES": str(sum(html_sizes) // len(html_sizes) if html_sizes else 30000)}
    floor_server = gunicorn("bench.floor:app", floor_port, floor_env, workdir / "floor.log", workers, threads)
    try:
        floor = measure(f"http://127.0.0.1:{floor_port}", Page("floor (bare Flask, same template size)", "/"), seconds)
    finally:
        stop(floor_server)
    report = table(results, floor)
    print(report)
    if chosen:
        return
    results_file = BENCH / "RESULTS.md"
    previous = results_file.read_text(encoding="utf-8") if results_file.exists() else ""
    analysis = previous[previous.find(ANALYSIS) :] if ANALYSIS in previous else ""  # kept: written by hand
    results_file.write_text(
        f"# Benchmark results\n\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `make bench`: gunicorn {workers} workers × "
        f"{threads} threads (gthread), `wrk -t2 -c{CONNECTIONS} -d{seconds}s --latency` on the same "
        f"machine, the national data set (`flask demo load --scale national`), "
        f"{'Redis' if redis_url else 'no Redis'}.\n\n"
        f"Machine: {machine()}\n\nDatabase: {postgres_version(database_url)}\n\n{report}\n\n{analysis}",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
