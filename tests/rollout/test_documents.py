"""Plan 149-KH/HU generated from the demo's data: the sections of the signed plan (I–V) in the same
order with the same content (shared/reference/ke-hoach-149-KH-HU-2023.md), as .docx and as PDF; and
the review reports."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from tests.conftest import client_for
from thanthien.core.documents import render_docx, render_pdf
from thanthien.rollout.documents import plan_document, review_document

SHOTS = Path("/tmp/shots/rollout")

# The signed plan, in order: heading, then the opening words of each of its items.
EXPECTED_149 = [
    "HUYỆN ỦY THẠCH THÀNH",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số 149-KH/HU",
    "Thạch Thành, ngày 07 tháng 3 năm 2023",
    "KẾ HOẠCH",
    "Xây dựng mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ”",
    "Thực hiện Kế hoạch số 93-KH/BDVTU ngày 10/2/2023 của Ban Dân vận Tỉnh ủy Thanh Hóa",
    "Công văn số 1065-CV/HU ngày 13/02/2023",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Thông qua việc xây dựng các mô hình điểm ở xã, thị trấn",
    "- Xây dựng mô hình nhằm đánh giá đúng thực trạng",
    "- Việc xây dựng mô hình phải thiết thực, hiệu quả, có tính thực tiễn.",
    "II. NỘI DUNG",
    "1. Tuyên truyền, phổ biến sâu rộng",
    "2. Tuyên truyền, vận động nhân dân tham gia",
    "3. Thực hiện đầy đủ, nghiêm túc quy chế dân chủ ở cơ sở",
    "4. Nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước",
    "5. Thực hiện tốt công tác phối hợp với Khối Dân vận",
    "6. Thực hiện tốt công tác kiểm tra, sơ kết, tổng kết, thi đua, khen thưởng",
    "III. QUY TRÌNH THỰC HIỆN",
    "1. Khảo sát lựa chọn đơn vị",
    "2. Các xã, thị trấn được lựa chọn",
    "3. Tổ chức lễ ra mắt mô hình và tập huấn",
    "4. Tổ chức triển khai thực hiện các nội dung",
    "5. Tổ chức hội nghị đối thoại",
    "6. Tổ chức kiểm tra, tổng kết, đánh giá",
    "IV. ĐỊA ĐIỂM, THỜI GIAN",
    "1. Địa điểm",
    "mô hình điểm tại thị trấn Vân Du trong tháng 3/2023, sau đó lựa chọn 2 xã để nhân rộng",
    "2. Thời gian",
    "- Tháng 02/2023: khảo sát lựa chọn đơn vị triển khai.",
    "- Tháng 03/2023: tổ chức hội nghị triển khai kế hoạch, ra mắt mô hình điểm",
    "- Tháng 4–11/2023: hướng dẫn, kiểm tra việc triển khai",
    "(tháng 6 và tháng 11)",
    "V. TỔ CHỨC THỰC HIỆN",
    "1. Ban Dân vận Huyện ủy: phối hợp UBND huyện xây dựng kế hoạch",
    "lập dự toán kinh phí hỗ trợ một phần",
    "2. Ban Chấp hành Đảng ủy các xã, thị trấn: lãnh đạo, chỉ đạo Khối Dân vận",
    "3. Khối Dân vận các xã, thị trấn: báo cáo chủ trương với Thường trực cấp ủy",
    "4. Ban Dân vận Huyện ủy: tham mưu cho Thường trực Huyện ủy",
    "Nơi nhận:",
    "- Ban Dân vận Tỉnh ủy (b/c),",
    "- Lưu VPHU.",
    "T/M BAN THƯỜNG VỤ",
]


def docx_lines(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    lines = []
    for p in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    ):
        text = "".join(
            (node.text or "") if node.tag.endswith("}t") else "\n"
            for node in p.iter()
            if node.tag.endswith("}t") or node.tag.endswith("}br")
        )
        if text.strip():
            lines.append(text)
    return lines


def assert_in_order(lines, expected):
    text, position = "\n".join(lines), 0
    for needle in expected:
        found = text.find(needle, position)
        if found < 0:
            raise AssertionError(
                f"{needle!r} missing or out of order after {text[:position][-80:]!r}"
            )
        position = found + len(needle)


def test_the_demo_plan_has_the_signed_plans_sections_in_order(plan149):
    lines = docx_lines(render_docx(plan_document(plan149)))
    assert_in_order(lines, EXPECTED_149)
    # Exactly the five sections, numbered I–V, and the six content areas and steps.
    sections = [line for line in lines if line.split(".")[0] in {"I", "II", "III", "IV", "V", "VI"}]
    assert [s.split(".")[0] for s in sections] == ["I", "II", "III", "IV", "V"]
    numbered = [line.split(".")[0] for line in lines if line[:2] in {f"{n}." for n in range(1, 10)}]
    assert numbered == ["1", "2", "3", "4", "5", "6"] * 2 + ["1", "2"] + ["1", "2", "3", "4"]


def test_the_plan_follows_its_data(plan149):
    """Change the data, and the document changes: nothing in it is fixed text."""
    plan149.milestones.filter(kind="survey").update(title="Khảo sát và chấm điểm các đơn vị.")
    plan149.purposes += "\nMục đích mới thêm."
    plan149.save()
    lines = docx_lines(render_docx(plan_document(plan149)))
    assert "- Tháng 02/2023: khảo sát và chấm điểm các đơn vị." in lines
    assert "- Mục đích mới thêm." in lines


def test_the_plan_pdf_page_renders_like_an_official_document(plan149):
    pdf = render_pdf(plan_document(plan149))
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    source = SHOTS / "plan-149.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(source),
            str(SHOTS / "plan-149"),
        ],
        check=True,
        timeout=60,
    )
    from PIL import Image

    page = Image.open(SHOTS / "plan-149-1.png").convert("L")
    width, height = page.size
    assert abs(height / width - 297 / 210) < 0.01  # A4 portrait

    # Ink in the top-left (issuer) and top-right (Party name) of the heading, and a white left margin
    # of about 30 mm.
    def ink(box):
        return sum(1 for v in page.crop(box).get_flattened_data() if v < 128)

    assert ink((int(width * 0.15), 0, int(width * 0.5), int(height * 0.12))) > 50
    assert ink((int(width * 0.55), 0, width, int(height * 0.12))) > 50
    assert ink((0, 0, int(width * 0.12), height)) == 0
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "9", str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for heading in ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "V. TỔ CHỨC THỰC HIỆN", "Số 149-KH/HU"]:
        assert heading in text


def test_the_final_review_report_has_figures_findings_and_ranking(plan149, units):
    review = plan149.reviews.get(kind="final")
    lines = docx_lines(render_docx(review_document(review)))
    assert_in_order(
        lines,
        [
            "BÁO CÁO",
            "Tổng kết xây dựng mô hình",
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Thị trấn Vân Du",
            "trả lời đúng hạn",
            "Kiểm tra ngày 20/06/2023",
            "+ Kiến nghị: Niêm yết công khai",
            "2. Thị trấn Kim Tân",
            "II. XẾP LOẠI THI ĐUA VÀ ĐỀ NGHỊ KHEN THƯỞNG",
            "Hạng",
            "Thị trấn Vân Du",
            "Giấy khen của Ban Thường vụ Huyện ủy",
            "Đã quyết định khen thưởng: Quyết định số 215-QĐ/HU",
            "III. ĐÁNH GIÁ CHUNG",
        ],
    )
    unit_lines = docx_lines(render_docx(review_document(review, units["kim_tan"])))
    assert any("tại thị trấn Kim Tân" in line for line in unit_lines)
    assert not any("Vân Du" in line for line in unit_lines if "Kiểm tra ngày" in line)


def test_documents_download_with_their_names(plan149, district_supervisor):
    client = client_for(district_supervisor)
    response = client.get(reverse("rollout_plan_document", args=[plan149.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert "149-KH-HU" in response["Content-Disposition"]
    assert client.get(reverse("rollout_plan_document", args=[plan149.pk, "exe"])).status_code == 404


def test_the_review_reports_download_as_pdf(plan149, district_supervisor, units, other_official):
    review = plan149.reviews.get(kind="final")
    client = client_for(district_supervisor)
    url = reverse("rollout_review_document", args=[review.pk, "pdf"])
    response = client.get(url)
    assert response.content.startswith(b"%PDF")
    unit = client.get(f"{url}?unit={units['kim_tan'].pk}")
    assert unit.content.startswith(b"%PDF") and unit.content != response.content
    # Thạch Bình's official reads Thạch Bình's report, not Kim Tân's, not the district's.
    other = client_for(other_official)
    assert other.get(f"{url}?unit={units['thach_binh'].pk}").status_code == 200
    assert other.get(f"{url}?unit={units['kim_tan'].pk}").status_code == 404
    assert other.get(url).status_code == 404
    assert client.get(f"{url}?unit=abc").status_code == 404
