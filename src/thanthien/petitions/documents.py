"""The official documents of complaints and denunciations, built from the case's data.

Each is an ``OfficialDocument`` rendered by ``core.documents`` as .docx (to edit before signing) or
PDF. A denunciation's documents never carry the denouncer's identity: they are built from the case,
which does not hold it.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thanthien.core.documents import STATE, OfficialDocument, Paragraph

from .models import Kind, Petition, State


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
    docs: list[tuple[str, str]] = []
    if petition.kind == Kind.COMPLAINT:
        case = petition.complaint
        if case.accepted_on:
            docs.append(("acceptance", _("Notice of acceptance")))
        if case.refusal_reason:
            docs.append(("refusal", _("Notice of refusal")))
        if (
            petition.state in (State.DIALOGUE, State.DECIDED, State.APPEALED, State.FINAL)
            and case.dialogue_record
        ):
            docs.append(("dialogue", _("Record of the dialogue")))
        if case.decided_on:
            docs.append(("decision", _("Complaint decision")))
    elif petition.kind == Kind.DENUNCIATION:
        case = petition.denunciation
        if case.accepted_on:
            docs.append(("acceptance", _("Decision to accept the denunciation")))
        for extension in case.extensions.all():
            docs.append(
                (
                    f"extension-{extension.number}",
                    _("Extension decision no. %(n)d") % {"n": extension.number},
                )
            )
        if case.concluded_on:
            docs.append(("conclusion", _("Conclusion on the content denounced")))
    return docs


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
    if petition.kind == Kind.COMPLAINT:
        return _complaint_document(petition, name, base, received)
    return _denunciation_document(petition, name, base, received)


def _complainant(petition: Petition) -> str:
    contact = getattr(petition, "contact", None)
    return contact.name if contact and contact.name else _("the complainant")


def _complaint_document(
    petition: Petition, name: str, base: dict, received: str
) -> OfficialDocument:
    case = petition.complaint
    who = _complainant(petition)
    others = case.complainants
    if name == "decision":
        outcome = case.get_outcome_display()
        body = [
            Paragraph(_("Pursuant to the Law on Complaints 2011;")),
            Paragraph(
                _("Considering the complaint of %(who)s received on %(day)s;")
                % {"who": who, "day": received}
            ),
            Paragraph(
                _("1. What is complained of: %(act)s (by %(respondent)s).")
                % {"act": case.act_complained_of, "respondent": case.respondent},
                indent=False,
            ),
            Paragraph(
                _("2. Verification results: %(text)s") % {"text": case.verification_result},
                indent=False,
            ),
            Paragraph(
                _("3. Result of the dialogue: %(text)s") % {"text": case.dialogue_result},
                indent=False,
            ),
            Paragraph(_("4. Legal basis: %(text)s") % {"text": case.legal_basis}, indent=False),
            Paragraph(_("5. Conclusion: %(text)s") % {"text": case.conclusion}, indent=False),
            Paragraph("QUYẾT ĐỊNH:", bold=True, indent=False, align="center"),
            Paragraph(
                _("Article 1. %(outcome)s: %(act)s.")
                % {"outcome": outcome, "act": case.act_complained_of}
            ),
        ]
        if case.compensation:
            body.append(
                Paragraph(_("Article 2. Compensation: %(text)s") % {"text": case.compensation})
            )
        body.append(
            Paragraph(
                _(
                    "Article %(n)d. Within 30 days of receiving this decision (45 days in remote areas), if not "
                    "satisfied, the complainant may complain to the superior body or sue at the administrative court."
                )
                % {"n": 3 if case.compensation else 2}
            )
        )
        if others:
            body.append(
                Paragraph(
                    _("Complainants on the same matter: %(names)s.") % {"names": ", ".join(others)}
                )
            )
        return OfficialDocument(
            **base,
            number=case.decision_number,
            type_code="QĐ",
            kind_title="QUYẾT ĐỊNH",
            subject=_("On resolving the complaint of %(who)s (first instance)") % {"who": who}
            if case.instance == 1
            else _("On resolving the complaint of %(who)s (second instance)") % {"who": who},
            body=body,
            recipients=[who, case.respondent, _("Filed")],
        )
    if name == "dialogue":
        return OfficialDocument(
            **base,
            number=None,
            type_code="BB",
            kind_title="BIÊN BẢN",
            subject=_("Dialogue on the complaint of %(who)s") % {"who": who},
            body=[
                Paragraph(case.dialogue_record),
                Paragraph(_("Result: %(text)s") % {"text": case.dialogue_result}),
            ],
            recipients=[who, _("Filed")],
        )
    if name == "acceptance":
        return OfficialDocument(
            **base,
            number=None,
            type_code="TB",
            kind_title="THÔNG BÁO",
            subject=_("Acceptance of the complaint of %(who)s") % {"who": who},
            body=[
                Paragraph(
                    _(
                        "The complaint received on %(day)s is accepted for resolution. "
                        "Time limit: %(deadline)s."
                    )
                    % {"day": received, "deadline": petition.deadline.strftime("%d/%m/%Y")}
                )
            ],
            recipients=[who, _("Filed")],
        )
    return OfficialDocument(
        **base,
        number=None,
        type_code="TB",
        kind_title="THÔNG BÁO",
        subject=_("Refusal to accept the complaint of %(who)s") % {"who": who},
        body=[Paragraph(_("Reasons: %(text)s") % {"text": case.refusal_reason})],
        recipients=[who, _("Filed")],
    )


def _denunciation_document(
    petition: Petition, name: str, base: dict, received: str
) -> OfficialDocument:
    """No identity here: the denouncer is "the denouncer"; recipients name roles, not people."""
    case = petition.denunciation
    recipients = [_("The denouncer (through the handler)"), _("The person denounced"), _("Filed")]
    if name == "conclusion":
        body = [
            Paragraph(
                _(
                    "On %(day)s the People's Committee received a denunciation against %(denounced)s."
                )
                % {"day": received, "denounced": case.denounced}
            ),
            Paragraph(_("Content denounced: %(text)s") % {"text": petition.title}),
            Paragraph(_("Conclusion: %(text)s") % {"text": case.conclusion}),
        ]
        if case.measures:
            body.append(Paragraph(_("Measures: %(text)s") % {"text": case.measures}))
        return OfficialDocument(
            **base,
            number=case.conclusion_number,
            type_code="KL",
            kind_title="KẾT LUẬN",
            subject=_("Conclusion on the content of the denunciation against %(denounced)s")
            % {"denounced": case.denounced},
            body=body,
            recipients=recipients,
        )
    if name.startswith("extension-"):
        number = int(name.split("-", 1)[1])
        extension = case.extensions.get(number=number)
        return OfficialDocument(
            **base,
            number=None,
            type_code="QĐ",
            kind_title="QUYẾT ĐỊNH",
            subject=_("Extending the time to resolve a denunciation"),
            body=[
                Paragraph(
                    _("Extension no. %(n)d by %(days)d days, to %(day)s. Reason: %(reason)s")
                    % {
                        "n": number,
                        "days": extension.days,
                        "day": extension.new_deadline.strftime("%d/%m/%Y"),
                        "reason": extension.reason,
                    }
                )
            ],
            recipients=recipients,
        )
    return OfficialDocument(
        **base,
        number=None,
        type_code="QĐ",
        kind_title="QUYẾT ĐỊNH",
        subject=_("Accepting a denunciation for resolution"),
        body=[
            Paragraph(
                _(
                    "The denunciation received on %(day)s against %(denounced)s is accepted. "
                    "Time limit: %(deadline)s."
                )
                % {
                    "day": received,
                    "denounced": case.denounced,
                    "deadline": petition.deadline.strftime("%d/%m/%Y"),
                }
            )
        ],
        recipients=recipients,
    )
