"""Dates hang from the academic year, which opens on 1 March."""

import datetime


def academic_year(day: datetime.date) -> int:
    """The year whose 1 March opened the academic year that contains `day`."""
    return day.year if (day.month, day.day) >= (3, 1) else day.year - 1


def march_first(year: int) -> datetime.date:
    return datetime.date(year, 3, 1)


def end_of_february(year: int) -> datetime.date:
    return march_first(year) - datetime.timedelta(days=1)


def years_before(day: datetime.date, years: float) -> datetime.date:
    return day - datetime.timedelta(days=round(years * 365.25))
