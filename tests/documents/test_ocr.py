"""OCR of generated documents with known fields, issues for bad photos, and the CLI contract."""

import json
import random
from datetime import date

import pytest
from PIL import Image

from beian.cli import main
from beian.documents import ocr
from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    rng = random.Random(42)
    person, company = syn.random_person(rng, today=TODAY), syn.random_company(rng)
    expired = syn.random_person(rng, expired=True, today=TODAY)
    # The current card (address on three lines, portrait over the text's edge) and the 2019 two-column licence.
    card = syn.random_person(random.Random(5), today=TODAY)
    card.address = "湖北省武汉市武昌区城关街道文化路81号12栋3单元1502室"
    company_2019 = syn.random_company_2019(random.Random(6))
    company_2019.legal_representative = "谢艳"
    portrait = Image.open(portrait_paths()["grace_hopper"])
    folder = tmp_path_factory.mktemp("docs")
    files = {
        "front": syn.photographed(syn.id_front(person, portrait)),
        "back": syn.photographed(syn.id_back(person)),
        "license": syn.photographed(syn.business_license(company)),
        "expired_back": syn.photographed(syn.id_back(expired)),
        "blurred_front": syn.blurred(syn.id_front(person, portrait), 6),
        "recaptured_front": syn.recaptured(syn.photographed(syn.id_front(person, portrait))),
        "card_front": syn.photographed(syn.id_front(card, portrait, wrap=11, portrait_left=470), angle=2.5),
        "license_2019": syn.photographed(syn.business_license_2019(company_2019), angle=-2),
        "license_spaced": syn.photographed(syn.business_license(company_2019, spaced=True), angle=1.5),
        "license_smudged": syn.photographed(syn.business_license(company, smudged=("住所",))),
    }
    paths = {}
    for name, image in files.items():
        paths[name] = folder / f"{name}.jpg"
        paths[name].write_bytes(syn.to_bytes(image))
    return {"person": person, "company": company, "expired": expired, "paths": paths, "card": card,
            "company_2019": company_2019}


def read(docs, name, kind):
    return ocr.read_document(docs["paths"][name].read_bytes(), kind, today=TODAY)


def test_front_fields_are_read_exactly(docs):
    result = read(docs, "front", "resident_id_front")
    person = docs["person"]
    assert result["fields"]["name"] == person.name
    assert result["fields"]["cert_number"] == person.cert_number
    assert result["fields"]["address"] == person.address
    assert result["fields"]["birth_date"] == person.birth.isoformat()
    assert result["issues"] == []
    assert set(result["confidence"]) >= {"name", "cert_number", "address"}


def test_back_fields_are_read_exactly(docs):
    result = read(docs, "back", "resident_id_back")
    person = docs["person"]
    assert result["fields"]["valid_from"] == person.valid_from.isoformat()
    assert result["fields"]["valid_until"] == person.valid_until_text
    assert result["fields"]["issuing_authority"] == person.authority
    assert "name" not in result["fields"]  # fields the kind does not have are omitted


def test_business_license_fields_are_read_exactly(docs):
    result = read(docs, "license", "business_license")
    company = docs["company"]
    assert {k: result["fields"][k] for k in ("name", "cert_number", "legal_representative", "address")} == {
        "name": company.name, "cert_number": company.cert_number,
        "legal_representative": company.legal_representative, "address": company.address}
    assert result["fields"]["valid_until"] == "长期"


def test_wrong_side_is_reported(docs):
    result = read(docs, "front", "resident_id_back")
    assert [i["code"] for i in result["issues"]] == ["wrong_side"]
    assert "国徽面" in result["issues"][0]["message"]


def test_expired_id_is_reported(docs):
    codes = [i["code"] for i in read(docs, "expired_back", "resident_id_back")["issues"]]
    assert codes == ["expired"]


def test_blurred_and_recaptured_photos_are_reported(docs):
    try:  # too blurred to read anything, or read in part: either way the answer says it is blurred
        codes = [i["code"] for i in read(docs, "blurred_front", "resident_id_front")["issues"]]
    except ocr.UnreadableImage as exc:
        codes = [exc.code]
    assert "blurry" in codes
    assert "recaptured" in [i["code"] for i in read(docs, "recaptured_front", "resident_id_front")["issues"]]
    assert "recaptured" not in [i["code"] for i in read(docs, "front", "resident_id_front")["issues"]]


def test_expiring_within_three_months_is_reported():
    fields = {"valid_from": "2016-12-01", "valid_until": "2027-01-15"}
    assert [i["code"] for i in ocr.check_fields("resident_id_back", fields, today=TODAY)] == ["expires_soon"]
    fields["valid_until"] = "2027-03-01"
    assert ocr.check_fields("resident_id_back", fields, today=TODAY) == []


def test_traditional_and_fullwidth_characters_are_normalised():
    assert ocr.normalise("劉偉　浙江省杭州市西湖區１２號") == "刘伟 浙江省杭州市西湖区12号"


def test_id_number_with_letter_o_for_zero_is_repaired():
    lines = [ocr.Line("公民身份号码 11O105199602096374", 0.9, 0, 0, 100, 20)]
    assert ocr._find_id_number(lines)[0] == "110105199602096374"


def test_blank_image_has_no_text():
    blank = syn.to_bytes(Image.new("RGB", (800, 500), (240, 240, 240)))
    with pytest.raises(ocr.UnreadableImage) as info:
        ocr.read_document(blank, "resident_id_front")
    assert info.value.code == "no_text"


def test_cli_prints_the_contract(docs, capsys):
    assert main(["read-document", str(docs["paths"]["license"]), "--kind", "business_license"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"kind", "fields", "confidence", "issues"}
    assert out["kind"] == "business_license" and out["fields"]["cert_number"] == docs["company"].cert_number


def test_cli_exit_2_for_a_file_that_is_not_an_image(tmp_path, capsys):
    fake = tmp_path / "id.jpg"
    fake.write_bytes(b"MZ\x90\x00 this is a renamed executable")
    assert main(["read-document", str(fake), "--kind", "resident_id_front"]) == 2
    err = capsys.readouterr().err
    assert "not_an_image" in err and "图片" in err
    assert main(["read-document", str(tmp_path / "missing.jpg"), "--kind", "resident_id_front"]) == 2


def test_cli_front_prints_only_the_contract_keys(docs, capsys):
    assert main(["read-document", str(docs["paths"]["front"]), "--kind", "resident_id_front"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"kind", "fields", "confidence", "issues"}


def test_large_photos_report_boxes_in_the_photo_s_own_coordinates(docs):
    """Photos over MAX_SIDE are read scaled down; the boxes (and the portrait region built from them)
    must still be in the original photo's pixels."""
    small = Image.open(docs["paths"]["front"]).convert("RGB")
    big = small.resize((small.width * 2, small.height * 2))
    assert max(big.size) > ocr.MAX_SIDE
    number = docs["person"].cert_number

    def number_box(image):
        line = next(ln for ln in ocr.ocr_lines(image) if number in ln.text.replace(" ", ""))
        return line.x0, line.y0, line.x1, line.y1

    for a, b in zip(number_box(small), number_box(big), strict=True):
        assert abs(2 * a - b) < 12


def test_portrait_region_is_right_of_the_text_and_above_the_number(docs):
    reading = read(docs, "front", "resident_id_front")
    left, top, right, bottom = reading["portrait_region"]
    lines = ocr.ocr_lines(ocr.load_image(docs["paths"]["front"].read_bytes()))
    name = next(ln for ln in lines if docs["person"].name in ln.text)
    number = next(ln for ln in lines if docs["person"].cert_number in ln.text.replace(" ", ""))
    assert left >= name.x1 and bottom <= number.y0 and right > left + 100


def test_a_value_on_a_tilted_photo_belongs_to_the_label_level_with_its_start():
    """A long 经营范围 value on a tilted licence photo overlaps the 住所 row in its axis-aligned box; its
    left end is level with 经营范围's label, so it is not appended to the address."""
    L = ocr.Line
    lines = sorted([
        L("住所", 0.99, 198, 855, 293, 924, left_y=885, right_y=893),
        L("湖北省武汉市武昌区人民路733号16楼777室", 0.99, 421, 808, 1086, 905, left_y=880, right_y=833),
        L("技术开发、技术服务、技术咨询", 0.99, 424, 865, 1398, 983, left_y=962, right_y=886),
        L("经营范围", 0.99, 209, 945, 356, 1001, left_y=970, right_y=976),
    ], key=lambda ln: (ln.cy, ln.x0))
    fields, _ = ocr.PARSERS["business_license"](lines)
    assert fields["address"] == "湖北省武汉市武昌区人民路733号16楼777室"


def test_the_current_card_s_address_is_read_over_its_three_lines(docs):
    result = read(docs, "card_front", "resident_id_front")
    card = docs["card"]
    assert result["fields"]["address"] == card.address and result["fields"]["name"] == card.name
    assert result["fields"]["cert_number"] == card.cert_number
    assert min(result["confidence"][f] for f in ("name", "cert_number")) >= ocr.MIN_CONFIDENCE


@pytest.mark.parametrize("name", ["license_2019", "license_spaced"])
def test_two_column_and_spaced_licences_are_read_by_column(docs, name):
    result = read(docs, name, "business_license")
    company = docs["company_2019"]
    want = {"name": company.name, "cert_number": company.cert_number, "legal_representative": "谢艳",
            "address": company.address, "company_type": company.kind, "valid_from": company.established.isoformat(),
            "valid_until": company.term_until.isoformat() if company.term_until else "长期"}
    assert {k: result["fields"].get(k) for k in want} == want
    assert all(result["confidence"][k] >= ocr.MIN_CONFIDENCE for k in want)


def test_a_smudged_address_is_not_read_with_confidence(docs):
    """Blurred where the address is printed: whatever the recogniser makes of it is below the threshold."""
    result = read(docs, "license_smudged", "business_license")
    assert result["confidence"].get("address", 0.0) < ocr.MIN_CONFIDENCE
    assert result["fields"]["name"] == docs["company"].name
    assert result["confidence"]["name"] >= ocr.MIN_CONFIDENCE
