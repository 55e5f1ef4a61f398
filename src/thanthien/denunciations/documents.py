"""The official documents of a denunciation: acceptance, extensions and the conclusion. They never
carry the denouncer's identity: they are built from the case, which does not hold it."""

from django.utils.translation import gettext as _

from thanthien.core.documents import OfficialDocument, Paragraph
from thanthien.petitions.models import Petition


def available(petition: Petition) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
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


def build(petition: Petition, name: str, base: dict, received: str) -> OfficialDocument:
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
