import datetime
import logging

from edusalud.residents.enums import Sex
from tests.factories import make_curp
from tests.log_guard import LogGuard


def record(message: str, *args) -> logging.LogRecord:
    return logging.LogRecord("edusalud", logging.INFO, __file__, 1, message, args, None)


def test_the_guard_catches_a_curp_in_a_message_or_its_arguments():
    curp = make_curp(birth_date=datetime.date(1990, 1, 2), sex=Sex.MALE)
    guard = LogGuard()

    guard.handle(record("Imported %s", curp))
    guard.handle(record(f"GET /residentes/?q={curp.lower()} 200"))

    assert len(guard.leaks) == 2


def test_the_guard_lets_ordinary_lines_through():
    guard = LogGuard()

    guard.handle(record("Login lockout of user %s lifted by user %s", 12, 3))
    guard.handle(record("GET /residentes/?sede=DFIMS000001 200"))

    assert guard.leaks == []
