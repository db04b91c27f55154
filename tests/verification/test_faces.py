"""Face comparison and liveness on the public-domain portraits and synthetic camera frames."""

import json

import pytest
from PIL import Image

from beian.cli import main
from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.verification import faces, liveness
from beian.verification import synthetic_video as video


@pytest.fixture(scope="module")
def portraits():
    return {name: Image.open(path).convert("RGB") for name, path in portrait_paths().items()}


def test_same_person_across_an_id_card_photo(portraits):
    person = syn.random_person(__import__("random").Random(1))
    card = syn.photographed(syn.id_front(person, portraits["grace_hopper"]))
    result = faces.match(portraits["grace_hopper"], card)
    assert result["same_person"] is True and result["distance"] < 0.4


def test_different_people(portraits):
    result = faces.match(portraits["grace_hopper"], portraits["astronaut"])
    assert result["faces_a"] == 1 and result["faces_b"] == 1
    assert result["same_person"] is False and result["distance"] > faces.THRESHOLD


def test_cli_face_match(tmp_path, capsys):
    paths = portrait_paths()
    assert main(["face-match", str(paths["astronaut"]), str(paths["astronaut"])]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"faces_a": 1, "faces_b": 1, "distance": 0.0, "same_person": True, "threshold": faces.THRESHOLD}


def test_cli_no_face_exit_1(tmp_path, capsys):
    empty = tmp_path / "wall.png"
    Image.new("RGB", (400, 400), (200, 200, 200)).save(empty)
    assert main(["face-match", str(empty), str(portrait_paths()["astronaut"])]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["faces_a"] == 0 and "未在图片中检测到人脸" in captured.err


@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
def test_turning_head_passes_liveness(portraits, name):
    frames = video.turning_frames(portraits[name], count=24)[::3]
    result, face, frame = liveness.check(frames)
    assert result.passed, result
    assert abs(face.yaw - liveness.median([y for y in result.yaws if y is not None])) < 0.1


def test_still_photo_fails_liveness(portraits):
    result, _, _ = liveness.check(video.still_frames(portraits["astronaut"], count=8))
    assert not result.passed and result.code == "no_motion"


def test_no_face_fails_liveness():
    result, face, _ = liveness.check([Image.new("RGB", (640, 480), (30, 30, 30))] * 6)
    assert result.code == "no_face" and face is None


def test_y4m_file_is_well_formed(tmp_path, portraits):
    path = tmp_path / "cam.y4m"
    video.write_y4m(video.still_frames(portraits["astronaut"], count=3), path)
    data = path.read_bytes()
    header, _, rest = data.partition(b"\n")
    assert header.startswith(b"YUV4MPEG2 W640 H480")
    assert len(rest) == 3 * (len(b"FRAME\n") + 640 * 480 * 3 // 2)


def test_id_face_searched_in_the_portrait_region_matches_the_full_search(portraits):
    from beian.documents import ocr

    person = syn.random_person(__import__("random").Random(3))
    data = syn.to_bytes(syn.photographed(syn.id_front(person, portraits["grace_hopper"])))
    region = ocr.read_document(data, "resident_id_front")["portrait_region"]
    card = faces.load(data)
    in_region, whole = faces.find_faces(card, region=tuple(region)), faces.find_faces(card)
    assert in_region and whole
    box = in_region[0].box
    assert region[0] <= box[0] and box[2] <= region[2] and region[1] <= box[1] and box[3] <= region[3]
    # The same face, in the card's coordinates, with a descriptor of the same person as the registry's.
    assert abs(box[0] - whole[0].box[0]) < 15 and abs(box[1] - whole[0].box[1]) < 15
    registry = faces.find_faces(portraits["grace_hopper"])[0].descriptor()
    assert faces.distance(in_region[0].descriptor(), registry) < faces.THRESHOLD


def test_a_region_without_a_face_falls_back_to_the_whole_image(portraits):
    card = syn.photographed(syn.id_front(syn.random_person(__import__("random").Random(4)), portraits["astronaut"]))
    found = faces.find_faces(card, region=(0, 0, 120, 120))
    assert found and found[0].box[0] > 120


def test_liveness_looks_at_evenly_spaced_frames():
    assert liveness.sample_indices(5) == [0, 1, 2, 3, 4]
    picked = liveness.sample_indices(24)
    assert len(picked) == liveness.MAX_FRAMES and picked[0] == 0 and picked[-1] >= 20
    assert picked == sorted(set(picked))
