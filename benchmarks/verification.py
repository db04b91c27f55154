"""The verification pipeline: CPU seconds per applicant, OCR field accuracy, face-distance distribution.

- OCR accuracy on N generated documents (default 200: 100 ID fronts, 50 ID backs, 50 business
  licences), photographed at random angles, scales and JPEG qualities; fields compared exactly.
- CPU per applicant: OCR of the ID front and back, liveness on 12 camera frames (8 of them looked at),
  descriptors of the live face, the registry portrait and the ID photo (`find_card_face`: searched where
  the OCR found the card's portrait, cut again at full resolution) — what one person costs the task worker.
- Baseline in the same run: decoding and re-encoding the same images with Pillow (the floor of merely
  touching the pixels), printed as a ratio.
- Face distances: same person (portrait vs its ID card photo, camera frames, recompressed/rescaled
  copies) and different people. Card portraits specifically (small, printed, security pattern, the
  per-comparison thresholds): benchmarks/card_faces.py.

Targets (issue 5): <= 1.5 s CPU per applicant, >= 98% of ID numbers read exactly.

    .venv/bin/python benchmarks/verification.py [N]
"""

import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from PIL import Image  # noqa: E402

from beian.documents import ocr  # noqa: E402
from beian.documents import synthetic as syn  # noqa: E402
from beian.verification import faces, liveness  # noqa: E402
from beian.verification import synthetic_video as video  # noqa: E402
from beian.verification.portraits import portrait_paths  # noqa: E402


def shot(image, rng):
    """A varied phone photo of a document: scale, angle, JPEG quality."""
    scale = rng.uniform(0.85, 1.3)
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    photo = syn.photographed(image, seed=rng.randint(0, 10**6), angle=rng.uniform(-4, 4))
    return syn.to_bytes(photo, quality=rng.randint(70, 95))


def ocr_accuracy(n: int, rng: random.Random, portraits) -> dict:
    fronts, backs = n // 2, n // 4
    licences = n - fronts - backs
    stats = {}

    def tally(kind, field, ok):
        done, good = stats.get((kind, field), (0, 0))
        stats[(kind, field)] = (done + 1, good + int(ok))

    for i in range(fronts):
        person = syn.random_person(rng)
        fields = ocr.read_document(shot(syn.id_front(person, portraits[i % 2], seed=i), rng), "resident_id_front")["fields"]
        for field, want in (("cert_number", person.cert_number), ("name", person.name), ("address", person.address)):
            tally("resident_id_front", field, fields.get(field) == want)
    for i in range(backs):
        person = syn.random_person(rng)
        fields = ocr.read_document(shot(syn.id_back(person, seed=i), rng), "resident_id_back")["fields"]
        for field, want in (("valid_from", person.valid_from.isoformat()), ("valid_until", person.valid_until_text)):
            tally("resident_id_back", field, fields.get(field) == want)
    for i in range(licences):
        company = syn.random_company(rng)
        fields = ocr.read_document(shot(syn.business_license(company, seed=i), rng), "business_license")["fields"]
        for field in ("cert_number", "name", "legal_representative", "address"):
            tally("business_license", field, fields.get(field) == getattr(company, field))
    return stats


def applicant_inputs(rng, portraits):
    person = syn.random_person(rng)
    portrait = portraits[0]
    frames = [syn.to_bytes(f, quality=85) for f in video.turning_frames(portrait, count=24)[::2]]
    front = shot(syn.id_front(person, portrait), rng)
    back = shot(syn.id_back(person), rng)
    return {"front": front, "back": back, "frames": frames, "portrait": syn.to_bytes(portrait)}


def pipeline(inputs) -> bool:
    """What the tasks do for one applicant (storage and database left out)."""
    front = ocr.read_document(inputs["front"], "resident_id_front")
    ocr.read_document(inputs["back"], "resident_id_back")
    frames = inputs["frames"]
    result, live, _ = liveness.check([faces.load(frames[i]) for i in liveness.sample_indices(len(frames))])
    portrait = faces.find_faces(faces.load(inputs["portrait"]))[0].descriptor()
    region = front["portrait_region"]
    id_face = faces.find_card_face(faces.load(inputs["front"]), region=tuple(region) if region else None).descriptor()
    live_descriptor = live.descriptor()
    return result.passed and faces.distance(live_descriptor, portrait) <= faces.THRESHOLDS["live_vs_registry"] and \
        faces.distance(id_face, portrait) <= faces.THRESHOLDS["id_vs_registry"]


def baseline(inputs) -> None:
    for data in [inputs["front"], inputs["back"], inputs["portrait"], *inputs["frames"]]:
        image = Image.open(io.BytesIO(data)).convert("RGB")
        image.save(io.BytesIO(), "JPEG", quality=85)


def distances(portraits, rng) -> tuple[list[float], list[float]]:
    def variants(img, seed):
        r = random.Random(seed)
        out = [img, img.resize((img.width // 2, img.height // 2)),
               Image.open(io.BytesIO(syn.to_bytes(img, quality=40))).convert("RGB"),
               syn.photographed(syn.id_front(syn.random_person(r), img, seed=seed)),
               video.turning_frames(img, count=8)[2], video.turning_frames(img, count=8)[6]]
        bright = Image.eval(img, lambda v: min(255, int(v * 1.3)))
        return out + [bright]

    descriptors = []
    for i, img in enumerate(portraits):
        descriptors.append([faces.find_faces(v)[0].descriptor() for v in variants(img, i)])
    same = [faces.distance(a, b) for group in descriptors for j, a in enumerate(group) for b in group[j + 1:]]
    different = [faces.distance(a, b) for a in descriptors[0] for b in descriptors[1]]
    return same, different


def summary(values):
    values = sorted(values)
    return f"n={len(values)} min={values[0]:.3f} median={statistics.median(values):.3f} max={values[-1]:.3f}"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(2026)
    portraits = [Image.open(p).convert("RGB") for p in portrait_paths().values()]
    ocr.engine(), faces.models()  # load once, as a worker does
    warm = applicant_inputs(rng, portraits)
    pipeline(warm)

    applicants = [applicant_inputs(rng, portraits) for _ in range(10)]
    start = time.process_time()
    passed = sum(pipeline(a) for a in applicants)
    per_applicant = (time.process_time() - start) / len(applicants)
    start = time.process_time()
    for a in applicants:
        baseline(a)
    floor = (time.process_time() - start) / len(applicants)
    print(f"pipeline CPU per applicant: {per_applicant:.3f} s (target <= 1.5 s); {passed}/{len(applicants)} passed")
    print(f"baseline (decode + re-encode the same images): {floor:.4f} s; ratio {per_applicant / floor:.1f}x")

    start = time.process_time()
    stats = ocr_accuracy(n, rng, portraits)
    ocr_cpu = time.process_time() - start
    print(f"OCR on {n} generated documents: {ocr_cpu / n:.3f} s CPU per document")
    for (kind, field), (done, good) in sorted(stats.items()):
        print(f"  {kind:18} {field:22} {good}/{done} = {100 * good / done:.1f}%")
    done, good = stats[("resident_id_front", "cert_number")]
    print(f"ID numbers read exactly: {100 * good / done:.1f}% (target >= 98%)")

    same, different = distances(portraits, rng)
    print(f"face distance, same person:      {summary(same)}")
    print(f"face distance, different people: {summary(different)}")
    print(f"threshold {faces.THRESHOLD}: same > threshold {sum(d > faces.THRESHOLD for d in same)}, "
          f"different <= threshold {sum(d <= faces.THRESHOLD for d in different)}")


if __name__ == "__main__":
    main()
