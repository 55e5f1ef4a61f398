import pytest

from thanthien.core.models import AdminUnit
from thanthien.core.search import filter_folded, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chính quyền thân thiện", "chinh quyen than thien"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("Thạch  Định\n", "thach dinh"),
        # The same word typed with combining marks (NFD, as some phones send it).
        ("Thie\u0302\u0323n", "thien"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.django_db
def test_chinh_quyen_than_thien_matches_the_accented_text():
    assert fold("chinh quyen than thien") == fold("Chính quyền thân thiện")


@pytest.mark.django_db
def test_filter_folded_needs_every_word():
    found = set(
        filter_folded(AdminUnit.objects.all(), "name_folded", "VAN du").values_list(
            "name", flat=True
        )
    )
    assert {"Thị trấn Vân Du", "Xã Vân Du"} <= found
    assert "Xã Thành Vinh" not in found
    assert (
        filter_folded(AdminUnit.objects.all(), "name_folded", "thạch dinh")
        .filter(code="15214")
        .exists()
    )
