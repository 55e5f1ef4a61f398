"""Sending a notice to a subscriber: one interface, one adapter per channel (email, SMS, Zalo
Official Account). Email goes through Django's mail backend; SMS and Zalo, when not configured,
use the console adapter, which prints
the message and keeps it in ``ConsoleAdapter.outbox``."""

import json
import logging
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger("thanthien.disclosure")


class DeliveryError(Exception):
    """The channel refused or could not take the message; the task may try again."""


class Adapter(Protocol):
    name: str

    def send(self, destination: str, subject: str, text: str) -> None: ...


class ConsoleAdapter:
    name = "console"
    outbox: list[tuple[str, str, str]] = []  # noqa: RUF012 - read by the demo and tests

    def send(self, destination: str, subject: str, text: str) -> None:
        ConsoleAdapter.outbox.append((destination, subject, text))
        del ConsoleAdapter.outbox[:-200]
        shown = "***" + destination[-3:]
        logger.info("notice to %s: %s", shown, subject)
        print(f"[thanthien] notice to {shown}: {subject}", flush=True)


class EmailAdapter:
    name = "email"

    def send(self, destination: str, subject: str, text: str) -> None:
        try:
            send_mail(subject, text, None, [destination])
        except Exception as exc:  # noqa: BLE001 - any mail failure is retried
            raise DeliveryError(str(exc)[:200]) from exc


class _JsonPost:
    url = ""
    token = ""

    def post(self, payload: dict) -> None:
        request = urllib.request.Request(  # noqa: S310 - the operator's own gateway
            self.url,
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json", **self.headers()},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if response.status >= 300:
                    raise DeliveryError(f"HTTP {response.status}")
        except OSError as exc:
            raise DeliveryError(str(exc)[:200]) from exc

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


class SmsAdapter(_JsonPost):
    """Posts {"to", "text"} to the SMS brand-name gateway the deployment already uses."""

    name = "sms"

    def __init__(self) -> None:
        self.url = settings.SMS_GATEWAY_URL
        self.token = getattr(settings, "SMS_GATEWAY_TOKEN", "")

    def send(self, destination: str, subject: str, text: str) -> None:
        self.post({"to": destination, "text": f"{subject}: {text}"[:600]})


class ZaloAdapter(_JsonPost):
    """Zalo Official Account API (message to a follower's user id)."""

    name = "zalo"
    url = "https://openapi.zalo.me/v3.0/oa/message/cs"

    def __init__(self) -> None:
        self.token = getattr(settings, "ZALO_OA_ACCESS_TOKEN", "")

    def headers(self) -> dict:
        return {"access_token": self.token}

    def send(self, destination: str, subject: str, text: str) -> None:
        self.post(
            {
                "recipient": {"user_id": destination},
                "message": {"text": f"{subject}\n{text}"[:2000]},
            }
        )


# Tests replace entries here to simulate a failing channel.
OVERRIDES: dict[str, Adapter] = {}


def adapter_for(channel: str) -> Adapter:
    if channel in OVERRIDES:
        return OVERRIDES[channel]
    if channel == "email":
        return EmailAdapter()  # Django's EMAIL_BACKEND decides (the console one in the demo)
    if channel == "sms" and getattr(settings, "SMS_GATEWAY_URL", ""):
        return SmsAdapter()
    if channel == "zalo" and getattr(settings, "ZALO_OA_ACCESS_TOKEN", ""):
        return ZaloAdapter()
    return ConsoleAdapter()
