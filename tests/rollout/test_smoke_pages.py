"""Every page of the rollout opens for the board official on the demo data."""

from django.urls import reverse

from tests.conftest import client_for


def test_it_opens_every_page(plan149, district_supervisor):
    client = client_for(district_supervisor)
    survey = plan149.surveys.get()
    inspection = plan149.inspections.first()
    review = plan149.reviews.get(kind="final")
    urls = [
        reverse("rollout_plans"),
        reverse("rollout_plan", args=[plan149.pk]),
        reverse("rollout_timeline", args=[plan149.pk]),
        reverse("rollout_budget", args=[plan149.pk]),
        reverse("rollout_survey", args=[survey.pk]),
        reverse("rollout_inspection", args=[inspection.pk]),
        reverse("rollout_review", args=[review.pk]),
        reverse("rollout_plan_document", args=[plan149.pk, "docx"]),
        reverse("rollout_review_document", args=[review.pk, "docx"]),
        reverse("rollout_review_document", args=[review.pk, "docx"])
        + f"?unit={inspection.unit_id}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_surveyor_sees_own_scores_prefilled(plan149, district_supervisor):
    from thanthien.rollout.models import Survey

    survey = plan149.surveys.get()
    Survey.objects.filter(pk=survey.pk).update(state="open")
    cand = survey.candidates.get(unit__code="15190")
    crit = survey.criteria.first()
    text = client_for(district_supervisor).get(reverse("rollout_survey", args=[survey.pk]))
    assert f'name="c{crit.pk}" inputmode="numeric" value="9"' in text.content.decode()
    assert f'id="s{cand.pk}-{crit.pk}"' in text.content.decode()
