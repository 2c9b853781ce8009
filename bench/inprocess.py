"""`python bench/inprocess.py`: the benchmark's pages timed in-process, one request at a time, with no HTTP server.

Where `make bench` says how fast a page is under load, this says where one request's time goes:
for each page, the mean and best time of BENCH_REPEAT requests (default 20) and the SQL statements
of one. `python bench/inprocess.py "consortium dashboard"` also prints a cProfile of that page, sorted
by cumulative time. It reads the same database as the benchmark (BENCH_DATABASE_URL), which
`make bench` fills.
"""

import cProfile
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import COORDINATOR, CSRF, DEFAULT_DATABASE_URL, DEMO_PASSWORD, targets  # noqa: E402


def logged_in_client(app, email: str):
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": DEMO_PASSWORD})
    if response.status_code != 302:
        sys.exit(f"Logging in as {email} failed ({response.status_code}).")
    return client, CSRF.search(client.get("/profile").get_data(as_text=True)).group(1)


def started_attempt(client, token: str, quiz_id: int) -> tuple[str, dict]:
    location = client.post(f"/quizzes/{quiz_id}/start", data={"csrf_token": token}).headers["Location"]
    attempt_id = int(re.search(r"/attempts/(\d+)$", location).group(1))
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    question_id = int(re.search(r'name="shown" value="(\d+)"', page).group(1))
    answer = re.search(rf'name="q{question_id}" value="([^"]*)"', page)
    return f"/attempts/{attempt_id}", {
        "csrf_token": token,
        "shown": question_id,
        f"q{question_id}": answer.group(1) if answer else "",
    }


def requests(app, found: dict) -> dict:
    """Page name → (client, method, path, form), the same pages as `make bench`."""
    trainee, token = logged_in_client(app, found["trainee"])
    trainer, _token = logged_in_client(app, found["trainer"])
    coordinator, _token = logged_in_client(app, COORDINATOR)
    sheet_trainer, _token = logged_in_client(app, found["sheet_trainer"])
    holder, _token = logged_in_client(app, found["holder"])
    attempt, answer = started_attempt(trainee, token, found["quiz"])
    feed_page = trainee.post("/my/calendar-feed", data={"csrf_token": token}).get_data(as_text=True)
    feed = re.search(r'value="https?://[^/"]+(/calendar/feed/[^"]+\.ics)"', feed_page).group(1)
    return {
        "catalogue search": (trainee, "GET", "/courses?q=strategy", None),
        "course page": (trainee, "GET", f"/courses/{found['course']}", None),
        "upcoming runs": (trainee, "GET", "/runs", None),
        "trainee dashboard": (trainee, "GET", "/", None),
        "run page": (trainee, "GET", f"/runs/{found['run']}", None),
        "quiz page (attempt)": (trainee, "GET", attempt, None),
        "answer submission (POST)": (trainee, "POST", f"{attempt}/questions/{answer['shown']}", answer),
        "run registrations (trainer)": (trainer, "GET", f"/runs/{found['run']}/registrations", None),
        "attendance sheet (trainer)": (sheet_trainer, "GET", f"/sessions/{found['sheet']}/sheet", None),
        "coordinator home": (coordinator, "GET", "/", None),
        "consortium dashboard": (coordinator, "GET", "/reports/", None),
        "personal ICS feed": (app.test_client(), "GET", feed, None),
        "certificate PDF": (holder, "GET", f"/certificates/{found['certificate']}.pdf", None),
        "needs ranking": (coordinator, "GET", f"/needs/?survey={found['survey']}", None),
    }


def send(client, method: str, path: str, form: dict | None):
    response = client.open(path, method=method, data=form)
    if response.status_code != 200:
        sys.exit(f"{method} {path} answered {response.status_code}")
    return response


def timed(request, repeat: int) -> tuple[float, float, str]:
    send(*request)  # warm caches and connections
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = send(*request)
        durations.append(time.perf_counter() - started)
    return sum(durations) / repeat * 1000, min(durations) * 1000, response.headers.get("X-Query-Count", "?")


def main() -> None:
    from config import normalise_database_url
    from ecri_lms import create_app

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    found = targets(database_url)
    app = create_app(
        "development",
        {
            "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
            "COUNT_QUERIES": True,
            "RATELIMIT_ENABLED": False,
        },
    )
    chosen = sys.argv[1:]
    print(f"{'page':32} {'mean ms':>8} {'best ms':>8} {'SQL':>4}")
    for name, request in requests(app, found).items():
        if chosen and name not in chosen:
            continue
        mean, best, queries = timed(request, repeat)
        print(f"{name:32} {mean:8.1f} {best:8.1f} {queries:>4}", flush=True)
        if chosen:
            profiler = cProfile.Profile()
            profiler.runcall(send, *request)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
