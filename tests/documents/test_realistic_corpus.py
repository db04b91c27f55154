"""The second, independent document generator (issue 14 #1): its ground truth is self-consistent, its
images have the properties it claims (checked on its own layout record, never through the reader),
it is deterministic in its seed, and the current reader's per-field accuracy on it is recorded."""

import io
import json
import random
import re
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest
from PIL import Image

from beian.documents import realistic
from beian.documents.realistic import identities as ids

TODAY = realistic.TODAY


@pytest.fixture(scope="module")
def flat():
    """Documents without the photo step (cheap): 12 of each layout."""
    return list(realistic.corpus(12, seed=5, photographed=False))


def of(samples, layout):
    return [s for s in samples if s.layout == layout]


# --- the numbers follow the public rules ------------------------------------------------------------

def test_check_digit_functions_agree_with_the_standards_own_examples():
    assert ids.id_number_valid("11010519491231002X")  # GB 11643's example
    assert not ids.id_number_valid("110105194912310021")
    assert not ids.id_number_valid("11010519491331002X")  # month 13
    assert ids.uscc_valid("91350100M000100Y43")  # GB 32100's example
    assert not ids.uscc_valid("91350100M000100Y44")
    assert [ids.capital_in_words(n) for n in (3, 10, 100, 1050, 12000, 10005)] == [
        "叁万元整", "壹拾万元整", "壹佰万元整", "壹仟零伍拾万元整", "壹亿贰仟万元整", "壹亿零伍万元整"]


def test_id_ground_truth_is_self_consistent(flat):
    regions = {r.code: r for r in ids.REGIONS}
    for sample in of(flat, "id_front"):
        person, fields = sample.subject, sample.fields
        number = fields["cert_number"]
        assert ids.id_number_valid(number), number
        assert number[6:14] == fields["birth_date"].replace("-", "")
        assert int(number[16]) % 2 == (1 if fields["sex"] == "男" else 0)
        assert fields["address"].startswith(regions[number[:6]].prefix)
        assert 2 <= len(fields["name"]) and "　" not in fields["address"]
        assert person.valid_from < TODAY and (person.valid_until is None or person.valid_until > TODAY)


def test_id_validity_follows_the_age_rule(flat):
    for sample in of(flat, "id_back"):
        person = sample.subject
        years = ids.validity_years(person.birth, person.valid_from)
        assert sample.fields["valid_from"] == person.valid_from.isoformat()
        if years is None:
            assert sample.fields["valid_until"] == "长期"
        else:
            until = date.fromisoformat(sample.fields["valid_until"])
            assert until.year - person.valid_from.year == years
            assert (until.month, until.day) == (person.valid_from.month, person.valid_from.day) or until.day == 28
        assert sample.fields["issuing_authority"] == person.region.police


def test_licence_ground_truth_is_self_consistent(flat):
    licences = of(flat, "licence_two_column") + of(flat, "licence_single_column")
    for sample in licences:
        company, fields = sample.subject, sample.fields
        assert ids.uscc_valid(fields["cert_number"]), fields["cert_number"]
        assert fields["cert_number"][1] == ("2" if company.individual else "1")
        assert fields["cert_number"][2:8] == company.region.code
        assert "（" not in fields["name"] + fields["company_type"] + fields["address"]  # the contract's ASCII form
        assert company.established <= company.issued <= TODAY
        if company.individual:
            assert "valid_from" not in fields and fields["company_type"] == "个体工商户"
            continue
        assert fields["valid_from"] == company.established.isoformat()
        if fields["valid_until"] != "长期":
            end = date.fromisoformat(fields["valid_until"]) + timedelta(days=1)
            assert end > company.established and end.year - company.established.year in (10, 20, 30, 50)
        if company.capital:
            assert re.fullmatch(r"(人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟亿]+万元整", company.capital)


def test_the_corpus_is_varied(flat):
    people = [s.subject for s in flat if s.layout in ("id_front", "id_back")]
    companies = [s.subject for s in flat if s.layout.startswith("licence")]
    assert len({p.region.prefix[:2] for p in people}) >= 8
    assert len({p.name for p in people}) == len(people)
    assert len({c.company_type for c in companies}) >= 4
    assert len({c.name for c in companies}) == len(companies)
    assert {"range", "long"} <= {c.term_style for c in companies}


# --- the images look like the real documents (checked on the layout record) --------------------------

def test_id_address_wraps_like_a_real_card_and_the_portrait_overlaps_the_text_block(flat):
    line_counts = Counter()
    for sample in of(flat, "id_front"):
        runs = sample.field_runs("address")
        line_counts[len(runs)] += 1
        assert 2 <= len(runs) <= 3, [r.text for r in runs]
        assert "".join(r.text for r in runs) == sample.subject.address
        assert all(len(r.text) <= 17 for r in runs)  # about eleven characters a line, digits narrower
        assert len({r.box[0] for r in runs}) == 1  # continuation lines start under the first
        tops = [r.box[1] for r in runs]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
        info = sample.layout_info
        assert info["portrait_box"][0] < info["text_block_right"]  # the photo's faded edge under the text block
        assert max(r.box[2] for r in runs) <= info["text_block_right"] + 2
        name, number = sample.field_runs("name")[0], sample.field_runs("cert_number")[0]
        assert name.box[1] < runs[0].box[1] < number.box[1]
    assert line_counts[3] >= 1 and line_counts[2] >= 1


def test_licence_labels_are_spread_as_printed(flat):
    for sample in of(flat, "licence_two_column") + of(flat, "licence_single_column"):
        labels = {r.text: r for r in sample.runs if r.role == "label"}
        name_label = labels["名称"]
        widest = max((r for r in labels.values() if r.box[0] == name_label.box[0]), key=lambda r: len(r.text))
        assert len(widest.text) >= 4
        # 名称 is spread to the width of the column's longest label: a gap of at least two characters
        assert abs((name_label.box[2] - name_label.box[0]) - (widest.box[2] - widest.box[0])) < 0.25 * (
            widest.box[2] - widest.box[0])


def test_two_column_licence_has_two_columns_a_seal_over_text_and_a_qr_code(flat):
    for sample in of(flat, "licence_two_column"):
        info = sample.layout_info
        right = info["columns"]["right"]
        address = sample.field_runs("address")
        assert address and all(r.box[0] >= right[1] - 2 for r in address)  # the address is in the right column
        rep = sample.field_runs("legal_representative")[0]
        assert rep.box[2] < right[0]  # and the legal representative in the left
        assert info["seal_covers"] == [] or set(info["seal_covers"]) <= set(sample.fields)
        sx0, sy0, sx1, sy1 = info["seal_box"]
        under = [r for r in sample.runs if r.box[0] < sx1 and sx0 < r.box[2] and r.box[1] < sy1 and sy0 < r.box[3]]
        assert under, "the red seal is stamped over the 登记机关 line and the date"
        pixels = np.asarray(sample.document.convert("RGB").crop(info["seal_box"]), np.int16)
        assert ((pixels[..., 0] - pixels[..., 1]) > 60).mean() > 0.03  # red ink
        qr = np.asarray(sample.document.convert("L").crop(info["qr_box"]))
        assert (qr < 80).mean() > 0.3 and (qr > 170).mean() > 0.3  # black and white modules


def test_single_column_licence_is_one_column():
    samples = [realistic.make_sample("licence_single_column", i, photographed=False) for i in range(8)]
    for sample in samples:
        starts = {r.box[0] for r in sample.runs if r.field in ("name", "company_type", "legal_representative")}
        assert len(starts) == 1
    assert any(s.subject.individual and s.subject.representative_label == "经营者" for s in samples) or all(
        not s.subject.individual for s in samples)


def test_phone_photos_carry_their_conditions_and_decode():
    sample = realistic.make_sample("licence_two_column", 3, profile="hard")
    c = sample.conditions
    assert c["profile"] == "hard" and 60 <= c["jpeg_quality"] <= 92
    photo = Image.open(io.BytesIO(sample.data))
    assert photo.format == "JPEG" and photo.size == tuple(c["photo_size"])
    w, h = photo.size
    assert all(0 <= x <= w and 0 <= y <= h for x, y in c["corners"])
    assert set(c) >= {"rotate_deg", "tilt", "cast_shadow", "glare_spots", "blur_sigma", "moire", "table"}


def test_generation_is_deterministic_in_the_seed():
    a = realistic.make_sample("id_front", 11)
    b = realistic.make_sample("id_front", 11)
    c = realistic.make_sample("id_front", 12)
    assert a.data == b.data and a.fields == b.fields and a.conditions == b.conditions
    assert c.fields != a.fields and c.data != a.data
    first = [(s.layout, s.fields) for s in realistic.corpus(2, seed=3, photographed=False)]
    assert first == [(s.layout, s.fields) for s in realistic.corpus(2, seed=3, photographed=False)]
    assert first != [(s.layout, s.fields) for s in realistic.corpus(2, seed=4, photographed=False)]


def test_rng_state_outside_does_not_change_the_documents():
    random.seed(1)
    a = realistic.make_sample("id_back", 2).data
    random.seed(2)
    np.random.seed(3)
    assert realistic.make_sample("id_back", 2).data == a


# --- the current reader on the new documents ---------------------------------------------------------

def reader_accuracy(n: int, seed: int = 0) -> dict[tuple[str, str], tuple[int, int]]:
    from beian.documents import ocr

    stats: dict[tuple[str, str], tuple[int, int]] = {}
    for sample in realistic.corpus(n, seed=seed):
        try:
            got = ocr.read_document(sample.data, sample.kind, today=TODAY)["fields"]
        except ocr.UnreadableImage:
            got = {}
        for field, want in sample.fields.items():
            done, good = stats.get((sample.layout, field), (0, 0))
            stats[(sample.layout, field)] = (done + 1, good + int(got.get(field) == want))
    return stats


@pytest.fixture(scope="module")
def accuracy(record_testsuite_property):
    stats = reader_accuracy(6)
    table = {f"{layout}.{field}": f"{good}/{done}" for (layout, field), (done, good) in sorted(stats.items())}
    record_testsuite_property("realistic_reader_accuracy", json.dumps(table, ensure_ascii=False))
    print("\nreader on the realistic corpus (6 per layout):\n" + "\n".join(f"  {k:45} {v}" for k, v in table.items()))
    return stats


@pytest.mark.slow
def test_reader_accuracy_on_the_realistic_corpus_is_recorded(accuracy):
    """Records (does not judge) every field; the issue's targets are asserted by the reader's work."""
    assert {layout for layout, _ in accuracy} == set(realistic.LAYOUTS)
    assert all(accuracy[(layout, "cert_number" if layout != "id_back" else "valid_from")][0] == 6
               for layout in realistic.LAYOUTS)


@pytest.mark.slow
def test_numbers_stay_read_on_the_realistic_corpus(accuracy):
    """ID numbers and USCC read today (issue 14): they must stay >= 98% on these photos too."""
    for layout in ("id_front", "licence_two_column", "licence_single_column"):
        done, good = accuracy[(layout, "cert_number")]
        assert good / done >= 0.98, f"{layout}: {good}/{done}"
