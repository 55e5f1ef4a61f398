"""Sending a short message to a person: one interface, several channels.

A deployment picks channels with ``OTP_SENDERS`` ("console", "email", "sms"). The console channel
writes to the server's log, which is what the demo uses; the SMS channel posts JSON to an HTTP
gateway (most Vietnamese SMS brand-name providers accept such a call behind a small adapter).
"""

import json
import logging
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger("thanthien.notify")


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    confidential: bool = False

    @property
    def shown_to(self) -> str:
        """The destination as logs may show it: masked when it is confidential."""
        if not self.confidential:
            return self.to
        return "***" + self.to[-2:] if len(self.to) > 4 else "***"


class Sender(Protocol):
    name: str

    def accepts(self, destination: str) -> bool: ...

    def send(self, message: Message) -> None: ...


class ConsoleSender:
    name = "console"
    outbox: list[Message] = []  # noqa: RUF012 - kept for the demo and tests to read

    def accepts(self, destination: str) -> bool:
        return True

    def send(self, message: Message) -> None:
        ConsoleSender.outbox.append(message)
        del ConsoleSender.outbox[:-100]
        logger.info("message to %s: %s — %s", message.shown_to, message.subject, message.body)
        print(
            f"[thanthien] message to {message.shown_to}: {message.subject} — {message.body}",
            flush=True,
        )


class EmailSender:
    name = "email"

    def accepts(self, destination: str) -> bool:
        return "@" in destination

    def send(self, message: Message) -> None:
        send_mail(message.subject, message.body, None, [message.to])


class SmsSender:
    name = "sms"

    def accepts(self, destination: str) -> bool:
        return "@" not in destination and bool(settings.SMS_GATEWAY_URL)

    def send(self, message: Message) -> None:
        payload = json.dumps({"to": message.to, "text": f"{message.subject}: {message.body}"})
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's own gateway
            settings.SMS_GATEWAY_URL,
            data=payload.encode("utf-8"),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status >= 300:
                raise OSError(f"SMS gateway answered {response.status}")


SENDERS: dict[str, type] = {"console": ConsoleSender, "email": EmailSender, "sms": SmsSender}


def send_message(to: str, subject: str, body: str, *, confidential: bool = False) -> list[str]:
    """Send through every configured channel that accepts the destination; names of those used.

    ``confidential``: the destination belongs to someone whose identity is secret (a denouncer):
    it is used to deliver, and masked wherever it would be written down.
    """
    used = []
    for name in settings.OTP_SENDERS:
        sender = SENDERS[name]()
        if sender.accepts(to):
            sender.send(Message(to=to, subject=subject, body=body, confidential=confidential))
            used.append(name)
    return used
