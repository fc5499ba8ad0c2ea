"""A real Redis and a real Celery worker run an import and a match: background jobs in production.

The worker is another process, so it must reach the test database: this runs
on PostgreSQL (CI always does) and is skipped on SQLite's in-memory test
database, which no other process can open.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from edusalud.admissions import services as admissions_services
from edusalud.admissions import tasks as admissions_tasks
from edusalud.admissions.models import Assignment, CycleStatus, MatchRunStatus
from edusalud.config.celery import app as celery_app
from edusalud.exchange import services, tasks
from edusalud.exchange.models import ImportStatus
from edusalud.residents.models import Person
from tests.admissions.conftest import small_cycle
from tests.exchange.test_resident_import import csv_bytes, curp_for, row

ROWS = 1200  # more than two progress steps (plans.PROGRESS_EVERY)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def worker(redis_url, tmp_path):
    """`edusalud worker` on the test database, and this process sending to it instead of eager."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can open: runs on PostgreSQL")
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "edusalud.config.test_settings",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "edusalud"),
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous = dict(celery_app.conf)
    use_broker(redis_url, eager=False)
    yield process
    use_broker(previous["broker_url"], eager=previous["task_always_eager"])
    process.terminate()
    process.wait(timeout=20)
    log.close()


def use_broker(url: str, *, eager: bool) -> None:
    celery_app.conf.update(broker_url=url, task_always_eager=eager)
    # Celery caches its connection and producer pools on the first send, and an
    # eager send (earlier tests) opens them too, on the old broker: drop them so
    # the next send connects to `url`.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for(job, *statuses, timeout=90):
    seen = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.add(job.rows_done)
        if job.status in statuses:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"job still {job.status} after {timeout} s")


@pytest.mark.django_db(transaction=True)
def test_an_import_runs_through_redis_on_a_real_worker(world, worker):
    user = world.users["site"]
    rows = [row(curp_for(), first=f"Residente {n}") for n in range(ROWS)]
    job = services.create_import(
        by=user, kind="residents", filename="sede.csv", content=csv_bytes(*rows)
    )

    tasks.check_import.delay(job.pk, "es-mx")
    wait_for(job, ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED)
    assert job.status == ImportStatus.READY, job.summary
    assert (job.summary["to_create"], job.rows_done, job.rows_total) == (ROWS, ROWS, ROWS)

    services.confirm_import(by=user, job=job)
    tasks.run_import.delay(job.pk, "es-mx")
    wait_for(job, ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.FAILED)

    assert job.status == ImportStatus.DONE
    assert (job.rows_done, job.rows_total) == (ROWS, ROWS)
    imported = Person.objects.filter(first_names__startswith="Residente ")
    assert imported.count() == ROWS
    assert {h.history_user_id for h in Person.history.filter(id__in=imported.values("id"))} == {
        user.pk
    }


@pytest.mark.django_db(transaction=True)
def test_the_admissions_match_runs_on_a_real_worker(world, worker):
    cycle = small_cycle()
    run = admissions_services.request_match(by=world.users["national"], cycle=cycle)

    admissions_tasks.match_cycle.delay(run.pk, "es-mx")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if not run.is_running:
            break
        time.sleep(0.05)

    assert (run.status, run.steps_done, run.placed) == (MatchRunStatus.DONE, 4, 4)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.MATCHED
    assert Assignment.objects.filter(applicant__cycle=cycle).count() == 5
