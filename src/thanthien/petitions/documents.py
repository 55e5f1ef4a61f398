"""The official documents of a case, built from its data; each procedure (complaints, denunciations)
registers which documents it has and how they read (``procedures``).

Each is an ``OfficialDocument`` rendered by ``core.documents`` as .docx (to edit before signing) or
PDF. A denunciation's documents never carry the denouncer's identity: they are built from the case,
which does not hold it.
"""

from django.utils import timezone, translation

from thanthien.core.documents import STATE, OfficialDocument

from .models import Petition
from .procedures import procedure_for


def _issuer(petition: Petition) -> tuple[str, str]:
    unit = petition.body.unit
    parent = unit.parent
    parent_line = f"UBND {parent.name}".upper() if parent else ""
    return parent_line, petition.body.name.upper().replace("UBND ", "ỦY BAN NHÂN DÂN ")


def _place(petition: Petition) -> str:
    return petition.body.unit.short_name


def _leader_name(petition: Petition) -> str:
    from thanthien.core.models import Membership, Role

    member = (
        Membership.objects.active_on(timezone.localdate())
        .filter(body__unit=petition.body.unit, body__kind="peoples_committee", role=Role.LEADER)
        .select_related("user")
        .first()
    )
    return member.user.display_name if member else ""


def available(petition: Petition) -> list[tuple[str, str]]:
    procedure = procedure_for(petition.kind)
    return procedure.documents(petition) if procedure else []


def build(petition: Petition, name: str) -> OfficialDocument | None:
    """Official documents are written in Vietnamese, whatever the language of the page."""
    if name not in {n for n, _label in available(petition)}:
        return None
    with translation.override("vi"):
        return _build(petition, name)


def _build(petition: Petition, name: str) -> OfficialDocument:
    parent, issuer = _issuer(petition)
    base = {
        "layout": STATE,
        "issuer_parent": parent,
        "issuer": issuer,
        "issuer_code": "UBND",
        "place": _place(petition),
        "date": timezone.localdate(),
        "signer_title": "CHỦ TỊCH",
        "signer_name": _leader_name(petition),
    }
    received = timezone.localtime(petition.received_at).strftime("%d/%m/%Y")
    return procedure_for(petition.kind).build_document(petition, name, base, received)
