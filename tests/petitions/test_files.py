"""Files sent with a petition or an answer: what is kept of a photo, which files are refused, and who
may download them (an official of the unit, the holder of the tracking code, the public for
published answers only)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

from tests.conftest import client_for
from thanthien.petitions import services
from thanthien.petitions.models import Answer, Attachment, Contact, Field, Petition

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112
# Vân Du, roughly: 20°06' N, 105°39' E.
GPS = {1: "N", 2: (20.0, 6.0, 0.0), 3: "E", 4: (105.0, 39.0, 0.0)}


def jpeg(*, gps: bool = True, orientation: int | None = None, size=(40, 20)) -> bytes:
    """A small photo as a phone takes it: a camera make, maybe a rotation, maybe the GPS position."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneCam"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update(GPS)
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(*, gps: bool = False) -> bytes:
    exif = Image.Exif()
    if gps:
        exif.get_ifd(GPS_IFD).update(GPS)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny file that claims to be a huge image (a "decompression bomb")."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


BROKEN_JPEG = b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 10


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_bytes(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as f:
        return f.read()


def stored_exif(attachment: Attachment) -> Image.Exif:
    return Image.open(io.BytesIO(stored_bytes(attachment))).getexif()


def counts() -> tuple[int, int, int]:
    return Petition.objects.count(), Contact.objects.count(), Attachment.objects.count()


@pytest.fixture
def form_data(units):
    return {
        "kind": "feedback",
        "field": Field.objects.get(code="infrastructure").pk,
        "unit": units["van_du"].pk,
        "village": units["van_du_village"].pk,
        "title": "Cống thoát nước bị tắc",
        "content": "Cống thoát nước đầu khu phố 1 bị tắc, nước tràn lên mặt đường mỗi khi mưa.",
        "name": "Lò Thị Mai",
        "phone": "0987 222 333",
        "email": "",
        "consent_publish": "on",
        "submission_key": "f" * 32,
    }


def post_form(client, form_data, files, **extra):
    return client.post("/petitions/new/", {**form_data, **extra, "files": files})


def the_petition() -> Petition:
    return Petition.objects.get(title="Cống thoát nước bị tắc")


def form_errors(response) -> str:
    form = response.context["form"]
    return " ".join(e for errors in form.errors.values() for e in errors)


# --- Location in photos ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_removes_the_gps_position_from_a_photo_when_the_citizen_does_not_share_the_location(
    client, form_data
):
    original = jpeg()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD) == GPS  # the photo has one

    response = post_form(client, form_data, [upload("cong.jpg", original, "image/jpeg")])

    assert response.status_code == 302
    petition = the_petition()
    assert petition.latitude is None and petition.longitude is None
    attachment = petition.attachments.get()
    exif = stored_exif(attachment)
    assert GPS_IFD not in exif
    assert exif.get_ifd(GPS_IFD) == {}
    # The rest of the metadata stays (the camera make here); the photo is re-encoded.
    assert exif[MAKE] == "PhoneCam"
    assert stored_bytes(attachment) != original
    assert (attachment.content_type, attachment.extension) == ("image/jpeg", "jpg")
    assert attachment.original_name == "cong.jpg"
    assert attachment.size == len(stored_bytes(attachment))


@pytest.mark.django_db
def test_it_keeps_the_gps_position_and_the_file_as_sent_when_the_citizen_shares_the_location(
    client, form_data
):
    original = jpeg()

    response = post_form(
        client,
        form_data,
        [upload("cong.jpg", original, "image/jpeg")],
        share_location="on",
        latitude="20.100000",
        longitude="105.650000",
    )

    assert response.status_code == 302
    petition = the_petition()
    assert (str(petition.latitude), str(petition.longitude)) == ("20.100000", "105.650000")
    attachment = petition.attachments.get()
    assert stored_bytes(attachment) == original
    assert stored_exif(attachment).get_ifd(GPS_IFD) == GPS


@pytest.mark.django_db
def test_a_photo_without_a_position_is_stored_exactly_as_sent_with_its_other_metadata(submit):
    original = jpeg(gps=False, orientation=6)

    petition = submit(files=[upload("cong.jpg", original)])

    attachment = petition.attachments.get()
    assert stored_bytes(attachment) == original
    exif = stored_exif(attachment)
    assert (exif[MAKE], exif[ORIENTATION]) == ("PhoneCam", 6)


@pytest.mark.django_db
def test_a_sideways_photo_still_shows_upright_after_its_position_is_removed(submit):
    # A phone held upright stores the pixels sideways (40×20) and the tag "rotate 90°" (6);
    # viewers show it 20 wide and 40 high. Removing the position must not change what people see.
    original = jpeg(orientation=6, size=(40, 20))
    assert ImageOps.exif_transpose(Image.open(io.BytesIO(original))).size == (20, 40)

    petition = submit(files=[upload("cong.jpg", original)])

    stored = Image.open(io.BytesIO(stored_bytes(petition.attachments.get())))
    assert GPS_IFD not in stored.getexif()
    assert ImageOps.exif_transpose(stored).size == (20, 40)


@pytest.mark.django_db
def test_it_removes_the_gps_position_from_a_png_too(submit):
    original = png(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD) == GPS

    petition = submit(files=[upload("anh.png", original)])

    assert stored_exif(petition.attachments.get()).get_ifd(GPS_IFD) == {}


@pytest.mark.django_db
def test_answer_evidence_keeps_its_position(submit, clerk, handler, no_approval):
    # Officials photograph the repaired road on purpose: the place is part of the evidence.
    petition = services.petition_accept(petition=submit(), actor=clerk)
    petition = services.petition_start(petition=petition, actor=handler)
    original = jpeg()

    answer = services.petition_answer(
        petition=petition,
        actor=handler,
        text="Đã nạo vét cống, ảnh chụp sau khi sửa.",
        files=[upload("sau-khi-sua.jpg", original)],
    )

    assert stored_bytes(answer.attachments.get()) == original


# --- What is accepted -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_type_comes_from_the_content_not_from_the_name(client, form_data, handler):
    response = post_form(client, form_data, [upload("x.pdf", png(), "application/pdf")])

    assert response.status_code == 302
    petition = the_petition()
    attachment = petition.attachments.get()
    assert (attachment.content_type, attachment.extension) == ("image/png", "png")
    assert attachment.file.name.endswith(".png")
    assert attachment.original_name == "x.pdf"
    download = client_for(handler).get(f"/staff/petitions/{petition.pk}/files/{attachment.pk}/")
    assert download["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_a_pdf_is_accepted_as_a_pdf(submit):
    petition = submit(files=[upload("don.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")])

    attachment = petition.attachments.get()
    assert (attachment.content_type, attachment.extension) == ("application/pdf", "pdf")


@pytest.mark.django_db
def test_a_text_file_named_like_a_photo_is_refused_by_name_and_nothing_is_saved(
    client, form_data, settings
):
    before = counts()

    response = post_form(
        client,
        form_data,
        [
            upload("cong.jpg", jpeg(), "image/jpeg"),
            upload("photo.jpg", b"just some text, not a photo\n", "image/jpeg"),
        ],
    )

    assert response.status_code == 400
    assert "photo.jpg" in form_errors(response)
    assert "photo.jpg" in response.content.decode()
    assert counts() == before
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "files, expected",
    [
        pytest.param(lambda: [upload("trong.jpg", b"")], "", id="empty"),
        pytest.param(lambda: [upload(f"anh{i}.png", png()) for i in range(6)], "5", id="six-files"),
        pytest.param(lambda: [upload("lon.jpg", jpeg() + b"\0" * 2000)], "lon.jpg", id="too-large"),
        pytest.param(
            lambda: [upload("bom.png", png_header_only(20_000, 10_000))],
            "",
            id="decompression-bomb",
        ),
        pytest.param(lambda: [upload("hong.jpg", BROKEN_JPEG)], "", id="broken-photo"),
        pytest.param(
            lambda: [upload("hong.jpg", BROKEN_JPEG)],
            "hong.jpg",
            id="broken-photo-named",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(
    client, form_data, settings, files, expected
):
    settings.MAX_UPLOAD_BYTES = 1000  # every good file here is smaller
    before = counts()

    response = post_form(client, form_data, files())

    assert response.status_code == 400
    errors = form_errors(response)
    assert errors and expected in errors
    assert counts() == before


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_limit_through_the_service_too(submit, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    before = counts()

    with pytest.raises(ValidationError) as refused:
        submit(files=[upload("nho.png", png()), upload("lon.jpg", b"\xff\xd8\xff" * 400)])

    assert "lon.jpg" in " ".join(refused.value.messages)
    assert counts() == before


@pytest.mark.django_db
def test_the_service_names_an_empty_file(submit):
    before = counts()

    with pytest.raises(ValidationError) as refused:
        submit(files=[upload("nho.png", png()), upload("trong.jpg", b"")])

    assert "trong.jpg" in " ".join(refused.value.messages)
    assert counts() == before


@pytest.mark.django_db
def test_five_files_are_accepted(submit):
    petition = submit(files=[upload(f"anh{i}.png", png()) for i in range(5)])

    assert petition.attachments.filter(role=Attachment.Role.SUBMISSION).count() == 5


# --- Who may download -----------------------------------------------------------------------------


@pytest.fixture
def sent(submit):
    """A petition with one photo, as the citizen sent it."""
    petition = submit(files=[upload("cong.jpg", jpeg(gps=False))])
    return petition, petition.attachments.get()


def answer_with_evidence(petition, clerk, handler) -> Answer:
    petition = services.petition_accept(petition=petition, actor=clerk)
    petition = services.petition_start(petition=petition, actor=handler)
    return services.petition_answer(
        petition=petition,
        actor=handler,
        text="Đã nạo vét cống, ảnh chụp sau khi sửa.",
        files=[upload("sau-khi-sua.png", png())],
    )


@pytest.mark.django_db
def test_an_official_of_the_unit_downloads_the_citizens_file_safely(sent, handler, clerk):
    petition, attachment = sent

    for official in (handler, clerk):
        response = client_for(official).get(
            f"/staff/petitions/{petition.pk}/files/{attachment.pk}/"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == stored_bytes(attachment)


@pytest.mark.django_db
def test_others_cannot_download_the_citizens_file_from_the_staff_pages(
    sent, other_official, citizen
):
    petition, attachment = sent
    url = f"/staff/petitions/{petition.pk}/files/{attachment.pk}/"

    assert client_for(other_official).get(url).status_code == 404
    assert client_for(citizen).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "login" in anonymous.url


@pytest.mark.django_db
def test_a_file_is_only_served_under_its_own_petition(sent, submit, handler):
    petition, attachment = sent
    other = submit(title="Một kiến nghị khác hẳn", content="Nội dung khác hẳn của kiến nghị này.")

    staff = client_for(handler).get(f"/staff/petitions/{other.pk}/files/{attachment.pk}/")
    citizen = client_for(None).get(f"/petitions/track/{other.tracking_code}/files/{attachment.pk}/")

    assert staff.status_code == 404
    assert citizen.status_code == 404


@pytest.mark.django_db
def test_the_public_sees_answer_evidence_of_published_petitions_but_never_what_the_citizen_sent(
    sent, clerk, handler, no_approval
):
    petition, submitted = sent
    answer = answer_with_evidence(petition, clerk, handler)
    evidence = answer.attachments.get()
    public = client_for(None)

    page = public.get(f"/petitions/public/{petition.pk}/")
    assert page.status_code == 200
    assert f"/petitions/public/{petition.pk}/files/{evidence.pk}/" in page.content.decode()
    assert f"/files/{submitted.pk}/" not in page.content.decode()
    response = public.get(f"/petitions/public/{petition.pk}/files/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert public.get(f"/petitions/public/{petition.pk}/files/{submitted.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_public_sees_no_file_of_a_petition_whose_sender_did_not_consent(
    submit, clerk, handler, no_approval
):
    petition = submit(consent_publish=False)
    evidence = answer_with_evidence(petition, clerk, handler).attachments.get()

    response = client_for(None).get(f"/petitions/public/{petition.pk}/files/{evidence.pk}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_public_sees_no_file_of_a_petition_not_yet_answered(sent):
    petition, submitted = sent

    response = client_for(None).get(f"/petitions/public/{petition.pk}/files/{submitted.pk}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_holder_of_the_tracking_code_gets_their_own_file(sent):
    petition, attachment = sent

    response = client_for(None).get(
        f"/petitions/track/{petition.tracking_code}/files/{attachment.pk}/"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == stored_bytes(attachment)


@pytest.mark.django_db
def test_the_citizen_sees_answer_evidence_only_once_the_answer_is_approved(
    sent, clerk, handler, chairman
):
    petition, _ = sent
    answer = answer_with_evidence(petition, clerk, handler)  # Vân Du needs a leader's approval
    assert answer.status == Answer.Status.PENDING
    evidence = answer.attachments.get()
    url = f"/petitions/track/{petition.tracking_code}/files/{evidence.pk}/"
    citizen = client_for(None)

    assert citizen.get(url).status_code == 404
    assert url not in citizen.get(f"/petitions/track/{petition.tracking_code}/").content.decode()

    petition.refresh_from_db()
    services.petition_approve(petition=petition, actor=chairman)

    assert citizen.get(url).status_code == 200
    assert url in citizen.get(f"/petitions/track/{petition.tracking_code}/").content.decode()
