"""Watch every log record of the test run for a CURP.

A CURP identifies a person; it must never reach a log file, where nobody
controls who reads it. conftest.py attaches LogGuard to the root logger for
the whole run and fails the run when it saw one.
"""

import logging
import re

# The shape of a CURP: four letters, birth date, sex, state, three consonants,
# homoclave and check digit.
CURP_SHAPE = re.compile(r"\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d\b", re.IGNORECASE)


class LogGuard(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if CURP_SHAPE.search(text):
            self.leaks.append(f"{record.name}: {text[:300]}")
