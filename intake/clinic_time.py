"""The clinic's calendar: today, and the day a moment falls on, where the clinic is."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def clinic_zone() -> ZoneInfo:
    """Return the clinic's time zone (CLINIC_TIMEZONE)."""
    return ZoneInfo(current_app.config["CLINIC_TIMEZONE"])


def clinic_today() -> date:
    """Return today's date where the clinic is, which is what ages and windows count from."""
    return datetime.now(clinic_zone()).date()


def clinic_date(moment: datetime) -> date:
    """Return the date an aware moment falls on where the clinic is."""
    # 20:00 UTC is already the next day in Kolkata: a UTC date would be a day early.
    return moment.astimezone(clinic_zone()).date()
