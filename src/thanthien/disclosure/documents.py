"""A notice as an official document (Decree 30/2020 layout) to sign and post on the board: .docx to
edit before signing, PDF to print."""

from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.documents import STATE, OfficialDocument, Paragraph

from .models import Notice


def _leader_name(notice: Notice) -> str:
    from thanthien.core.models import Membership, Role

    member = (
        Membership.objects.active_on(timezone.localdate())
        .filter(body__unit=notice.unit, body__kind="peoples_committee", role=Role.LEADER)
        .select_related("user")
        .first()
    )
    return member.user.display_name if member else ""


def notice_document(notice: Notice) -> OfficialDocument:
    unit = notice.unit
    parent = unit.parent
    body = [Paragraph(line) for line in notice.text.splitlines() if line.strip()]
    broadcasts = [timezone.localtime(b.at) for b in notice.broadcasts.all()]
    if broadcasts:
        times = "; ".join(f"{b:%H:%M %d/%m/%Y}" for b in broadcasts)
        body.append(Paragraph(_("Read on the commune loudspeaker") + f": {times}.", italic=True))
    villages = [v.name for v in notice.villages.all()]
    return OfficialDocument(
        layout=STATE,
        issuer_parent=f"UBND {parent.name}".upper() if parent else "",
        issuer=f"ỦY BAN NHÂN DÂN {unit.name}".upper(),
        number=None,
        type_code="TB",
        issuer_code="UBND",
        place=unit.short_name,
        date=notice.published_on,
        kind_title="THÔNG BÁO",
        subject=notice.title,
        body=body,
        signer_title="CHỦ TỊCH",
        signer_name=_leader_name(notice),
        recipients=[*(villages or [_("The villages of the commune")]), _("Filed")],
    )
