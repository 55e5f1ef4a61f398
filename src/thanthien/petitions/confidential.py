"""The denouncer's identity (Luật Tố cáo 2018, Art. 47, 56; Decree 31/2019).

It is stored apart from the case, encrypted with a key that is not in the database; it is shown only
to the official handling the case and to those a leader of the unit authorizes; every reading is in
the audit trail. Nothing else in the platform reads ``ConfidentialIdentity``: pages, exports, the API,
notifications and the search index see the case without it.
"""

import json
import os
from dataclasses import asdict, dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.audit import audit_record

from .models import ConfidentialIdentity, IdentityGrant, Petition


@dataclass
class Identity:
    name: str = ""
    address: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


def _keys() -> list[bytes]:
    if settings.IDENTITY_KEY:
        return [k.strip().encode() for k in settings.IDENTITY_KEY.split(",") if k.strip()]
    path = settings.IDENTITY_KEY_PATH
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(Fernet.generate_key())
    return [path.read_bytes().strip()]


def cipher() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


def encrypt_bytes(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return cipher().decrypt(bytes(token))
    except InvalidToken as exc:
        raise PermissionDenied(
            _("The confidential data cannot be read with this server's key.")
        ) from exc


def identity_store(*, petition: Petition, identity: Identity) -> None:
    token = encrypt_bytes(json.dumps(asdict(identity), ensure_ascii=False).encode("utf-8"))
    ConfidentialIdentity.objects.update_or_create(petition=petition, defaults={"token": token})


def can_see_identity(user, petition: Petition) -> bool:
    """The assigned handler, and officials a leader of the case's unit explicitly authorized."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not permissions.can(user, "petitions.view", petition.body.unit):
        return False
    if petition.assignee_id == user.pk:
        return True
    return IdentityGrant.objects.filter(
        petition=petition, user=user, revoked_at__isnull=True
    ).exists()


def identity_read(*, petition: Petition, user, purpose: str) -> Identity:
    """The identity, for someone allowed to see it; the reading is recorded (without the identity)."""
    if not can_see_identity(user, petition):
        audit_record(
            "denunciation.identity_refused", obj=petition, actor=user, unit=petition.body.unit
        )
        raise PermissionDenied(_("You are not authorized to see the denouncer's identity."))
    record = ConfidentialIdentity.objects.filter(petition=petition).first()
    if record is None:
        return Identity()
    identity = Identity(**json.loads(decrypt_bytes(record.token)))
    audit_record(
        "denunciation.identity_viewed",
        obj=petition,
        actor=user,
        unit=petition.body.unit,
        data={"purpose": purpose[:100]},
    )
    return identity


def identity_for_sending(petition: Petition) -> Identity:
    """Only for sending the denouncer notices about their own case: never displayed, never logged."""
    record = ConfidentialIdentity.objects.filter(petition=petition).first()
    return Identity(**json.loads(decrypt_bytes(record.token))) if record else Identity()


@transaction.atomic
def identity_grant(*, petition: Petition, leader, user) -> IdentityGrant:
    if not permissions.can(leader, "petitions.approve", petition.body.unit):
        raise PermissionDenied(_("Only a leader of the unit may authorize access to the identity."))
    if not permissions.can(user, "petitions.view", petition.body.unit):
        raise PermissionDenied(_("This official does not work on the petitions of this unit."))
    grant, _created = IdentityGrant.objects.get_or_create(
        petition=petition, user=user, revoked_at__isnull=True, defaults={"granted_by": leader}
    )
    audit_record(
        "denunciation.identity_granted",
        obj=petition,
        actor=leader,
        unit=petition.body.unit,
        data={"to_user": user.pk},
    )
    return grant


@transaction.atomic
def identity_revoke(*, petition: Petition, leader, user) -> int:
    if not permissions.can(leader, "petitions.approve", petition.body.unit):
        raise PermissionDenied(_("Only a leader of the unit may authorize access to the identity."))
    count = IdentityGrant.objects.filter(
        petition=petition, user=user, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    audit_record(
        "denunciation.identity_revoked",
        obj=petition,
        actor=leader,
        unit=petition.body.unit,
        data={"to_user": user.pk},
    )
    return count
