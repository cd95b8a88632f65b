"""The clinic's phone, WhatsApp, address and hours, from settings, with links to call and chat."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale


@dataclass(frozen=True)
class ClinicContact:
    """What the clinic has set of its contact details; empty texts are not shown."""

    phone: str
    whatsapp: str
    address: str
    hours: str

    @property
    def tel_link(self) -> str:
        return "tel:" + _dial_digits(self.phone, keep_plus=True)

    @property
    def whatsapp_link(self) -> str:
        # wa.me takes the full international number as digits only.
        return "https://wa.me/" + _dial_digits(self.whatsapp, keep_plus=False)

    def __bool__(self) -> bool:
        return any((self.phone, self.whatsapp, self.address, self.hours))


def _dial_digits(number: str, *, keep_plus: bool) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return "+" + digits if keep_plus and number.strip().startswith("+") else digits


def _in_language(setting: object) -> str:
    """Return a setting's text: one text, or one per language with English as the fallback."""
    if isinstance(setting, dict):
        setting = setting.get(str(get_locale())) or setting.get("en") or ""
    return setting.strip() if isinstance(setting, str) else ""


def clinic_contact() -> ClinicContact:
    """Return the clinic's contact details as set (CLINIC_PHONE, _WHATSAPP, _ADDRESS, _HOURS)."""
    config = current_app.config
    return ClinicContact(
        phone=_in_language(config.get("CLINIC_PHONE")),
        whatsapp=_in_language(config.get("CLINIC_WHATSAPP")),
        address=_in_language(config.get("CLINIC_ADDRESS")),
        hours=_in_language(config.get("CLINIC_HOURS")),
    )
