"""The official documents of a complaint: notices of acceptance and refusal, the record of the
dialogue and the complaint decision, built from the case's data (rendered by ``core.documents``)."""

from django.utils.translation import gettext as _

from thanthien.core.documents import OfficialDocument, Paragraph
from thanthien.petitions.models import Petition, State


def available(petition: Petition) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
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
    return docs


def _complainant(petition: Petition) -> str:
    contact = getattr(petition, "contact", None)
    return contact.name if contact and contact.name else _("the complainant")


def build(petition: Petition, name: str, base: dict, received: str) -> OfficialDocument:
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
