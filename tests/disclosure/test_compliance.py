"""Compliance against hand-worked data. The catalogue (migration) requires per commune, for
deadlines in 2023: the 2023 estimate (due 31/01), the 2023 plan (due 31/01), quarterly execution
Q4/2022 (15/01), Q1 (15/04), Q2 (15/07), Q3 (15/10), and the 2022 settlement (29/07): 7 each."""

import datetime as dt

import pytest

from tests.conftest import client_for
from thanthien.core.models import Body
from thanthien.disclosure import compliance, services
from thanthien.disclosure.figures import disclosure_figures
from thanthien.disclosure.models import Category

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def publish(unit, code, start, year, quarter=None):
    return services.disclosure_create(
        unit=unit,
        body=Body.objects.get(unit=unit, kind="peoples_committee"),
        category=Category.objects.get(code=code),
        title=f"{code} {year} {quarter or ''} {unit.name}",
        starts_on=start,
        ends_on=start + dt.timedelta(days=40),
        actor=None,
        period_year=year,
        period_quarter=quarter,
        check_permission=False,
    )


@pytest.fixture
def worked(db, units):
    van_du, kim_tan = units["van_du"], units["kim_tan"]
    # Vân Du: estimate on time, plan late, Q1 on time, Q2 late, Q3 missing, Q4/2022 on time,
    # settlement 2022 on time → done 4, late 2, missing 1.
    publish(van_du, "budget-estimate", dt.date(2023, 1, 20), 2023)
    publish(van_du, "socio-economic-plan", dt.date(2023, 2, 15), 2023)
    publish(van_du, "budget-execution", dt.date(2023, 4, 10), 2023, 1)
    publish(van_du, "budget-execution", dt.date(2023, 7, 20), 2023, 2)
    publish(van_du, "budget-execution", dt.date(2023, 1, 12), 2022, 4)
    publish(van_du, "budget-settlement", dt.date(2023, 6, 30), 2022)
    # Kim Tân: only the estimate, late → late 1, missing 6.
    publish(kim_tan, "budget-estimate", dt.date(2023, 2, 2), 2023)
    # A disclosure of another year does not count.
    publish(kim_tan, "budget-estimate", dt.date(2024, 1, 2), 2024)
    return units


def test_commune_counts(worked):
    items = compliance.obligations(worked["van_du"], *YEAR, today=dt.date(2024, 6, 1))
    tally = compliance.total(items, worked["van_du"])
    assert dict(tally.counts) == {"done": 4, "late": 2, "missing": 1}
    assert tally.rate == round(100 * 4 / 7, 1)


def test_district_rollup(worked):
    district = worked["district"]
    items = compliance.obligations(district, *YEAR, today=dt.date(2024, 6, 1))
    by_unit = {t.unit.code: t.counts for t in compliance.tallies(items)}
    assert by_unit["15190"] == {"done": 4, "late": 2, "missing": 1}
    assert by_unit["15187"] == {"late": 1, "missing": 6}
    others = [c for code, c in by_unit.items() if code not in ("15190", "15187")]
    assert others and all(c == {"missing": 7} for c in others)
    total = compliance.total(items, district)
    assert total.counts["done"] == 4 and total.counts["late"] == 3
    assert total.counts["missing"] == 1 + 6 + 7 * len(others)
    province = compliance.total(
        compliance.obligations(worked["province"], *YEAR, dt.date(2024, 6, 1)), worked["province"]
    )
    assert province.counts["done"] >= 4 and province.counts["late"] == 3


def test_not_yet_due_is_due_not_missing(worked):
    items = compliance.obligations(worked["kim_tan"], *YEAR, today=dt.date(2023, 5, 1))
    counts = compliance.total(items, worked["kim_tan"]).counts
    # Deadlines after 1 May (Q2, Q3, settlement) are still due.
    assert counts["due"] == 3 and counts["missing"] == 3 and counts["late"] == 1


def test_figure(worked):
    figure = {f.key: f for f in disclosure_figures(worked["van_du"], *YEAR)}[
        "disclosure.compliance"
    ]
    assert (figure.numerator, figure.denominator) == (4, 7)


def test_district_view(worked, district_supervisor, django_assert_max_num_queries):
    client = client_for(district_supervisor)
    url = f"/disclosure/compliance/?unit={worked['district'].pk}&since=2023-01-01&until=2023-12-31"
    with django_assert_max_num_queries(15):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    row = html.split('data-unit="15190"')[1].split("</tr>")[0]
    assert "<td>4</td><td>2</td><td>0</td><td>1</td>" in row.replace(" ", "")


def test_compliance_outside_scope(worked, other_official, citizen):
    assert client_for(citizen).get("/disclosure/compliance/").status_code == 404
    response = client_for(other_official).get(
        f"/disclosure/compliance/?unit={worked['district'].pk}"
    )
    assert response.status_code == 200
    assert 'data-unit="15190"' not in response.content.decode()
