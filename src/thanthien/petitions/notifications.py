"""Telling citizens and officials what happened to a petition, through background tasks.

Only the tracking code, the state and the deadline go into a message: never the petition's text,
which may hold personal data, so that an SMS read over someone's shoulder reveals little.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thanthien.core.models import Body, Membership, Role
from thanthien.core.notify import send_message


def notify_citizen(petition_id: int, event: str) -> None:
    from .tasks import send_citizen_notice

    send_citizen_notice.enqueue(petition_id, event)


def notify_officials(petition_id: int, event: str) -> None:
    from .tasks import send_official_notice

    send_official_notice.enqueue(petition_id, event)


def citizen_message(petition, event: str) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Petition %(code)s") % {"code": petition.tracking_code}
        deadline = petition.deadline.strftime("%d/%m/%Y") if petition.deadline else "—"
        texts = {
            "submitted": _("Received. Tracking code %(code)s. Answer due by %(deadline)s."),
            "answered": _(
                "Your petition %(code)s has been answered. Look it up with its tracking code."
            ),
            "declined": _("Your petition %(code)s was declined. Look it up to read the reason."),
            "accepted": _(
                "Your petition %(code)s has been accepted; it will be resolved by %(deadline)s."
            ),
            "extended": _("The resolution of %(code)s has been extended to %(deadline)s."),
        }
        body = texts[event] % {"code": petition.tracking_code, "deadline": deadline}
    return subject, body


def official_recipients(petition, roles=(Role.CLERK, Role.HANDLER, Role.LEADER)) -> list[str]:
    # The officials of the handling body's unit, in post today: petitions are handled by the
    # People's Committee and its departments, as permissions are given by unit.
    members = (
        Membership.objects.active_on(timezone.localdate())
        .filter(
            body__unit_id=petition.body.unit_id,
            role__in=roles,
            body__kind__in=[Body.Kind.PEOPLES_COMMITTEE, Body.Kind.DEPARTMENT],
        )
        .select_related("user")
        .order_by("user_id")
    )
    destinations = []
    for m in members:
        destination = m.user.email or m.user.phone
        if destination and destination not in destinations:
            destinations.append(destination)
    if (
        petition.assignee_id
        and petition.assignee.email
        and petition.assignee.email not in destinations
    ):
        destinations.append(petition.assignee.email)
    return destinations


def official_message(petition, event: str) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Petition %(code)s") % {"code": petition.tracking_code}
        texts = {
            "new": _("New petition %(code)s for %(body)s, due %(deadline)s."),
            "approval": _("An answer to %(code)s waits for your approval."),
            "reopened": _("The citizen reopened %(code)s; new deadline %(deadline)s."),
            "due_soon": _("Petition %(code)s is due on %(deadline)s."),
            "overdue": _("Petition %(code)s is overdue since %(deadline)s."),
        }
        deadline = petition.deadline.strftime("%d/%m/%Y") if petition.deadline else "—"
        body = texts[event] % {
            "code": petition.tracking_code,
            "body": petition.body.name,
            "deadline": deadline,
        }
    return subject, body


def send_to_citizen(petition, event: str) -> list[str]:
    if petition.is_anonymous:
        return []
    confidential = petition.kind == "denunciation"
    if confidential:
        # The denouncer is reached from the encrypted identity; the address is never logged.
        from .confidential import identity_for_sending

        identity = identity_for_sending(petition)
        destinations = (identity.phone, identity.email)
    else:
        contact = getattr(petition, "contact", None)
        if contact is None:
            return []
        destinations = (contact.phone, contact.email)
    subject, body = citizen_message(petition, event)
    used = []
    for destination in destinations:
        if destination:
            used += send_message(destination, subject, body, confidential=confidential)
    return used
