"""What a certificate states, as plain data: the PDF and the Open Badges assertion read this.

A certificate keeps these facts from the day it was issued, so renaming a course
or correcting a person's name later does not change a certificate already given.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class CertificateFacts:
    code: str  # unique, unguessable; printed on the page and in the QR's address
    person_name: str
    course_title: str
    hours: int
    starts_on: datetime.date
    ends_on: datetime.date
    areas: tuple[str, ...]  # competency areas, in Spanish
    issuer: str  # the unit that gives it, e.g. "Coordinación de Educación en Salud"
    place: str  # the site's name, or "Nacional" for a national edition
    issued_on: datetime.date
    verify_url: str  # absolute address of the public verification page
