"""The verification pipeline: CPU seconds per applicant, OCR field accuracy, face-distance distribution.

- OCR accuracy per field on BOTH document generators, compared exactly:
  old — `beian.documents.synthetic` (the reader's own generator): N documents (default 100: half ID
  fronts, a quarter backs, a quarter licences) photographed at random angles, scales, JPEG qualities;
  new — `beian.documents.realistic` (issue 14 #1, independent of the reader): M phone photos of each
  layout (default 10: ID front, ID back, two-column 2019 licence, single-column licence) on tables,
  with shadows, glare, tilt, blur, moiré and JPEG loss.
  Printed as one table, field → old % / new % (and the two licence layouts apart), with issue 14's
  targets next to the new column.
- CPU per applicant: OCR of the ID front and back, liveness on 12 camera frames (8 of them looked at),
  descriptors of the live face, the registry portrait and the ID photo (`find_card_face`: searched where
  the OCR found the card's portrait, cut again at full resolution) — what one person costs the task worker;
  measured with the old generator's ID photos and again with the new generator's.
- Baseline in the same run: decoding and re-encoding the same images with Pillow (the floor of merely
  touching the pixels), printed as a ratio.
- Face distances: same person (portrait vs its ID card photo, camera frames, recompressed/rescaled
  copies) and different people. Card portraits specifically (small, printed, security pattern, the
  per-comparison thresholds): benchmarks/card_faces.py.

Targets (issue 5): <= 1.5 s CPU per applicant, >= 98% of ID numbers read exactly. Issue 14, on the new
generator: ID address >= 95%, licence name >= 95%, address >= 90%, legal representative >= 95%, term
dates >= 95%, ID numbers and USCC >= 98%.

    .venv/bin/python benchmarks/verification.py [N] [--new M] [--seed S]     # defaults: 100, 10, 2026
"""

import argparse
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

from beian.documents import ocr, realistic  # noqa: E402
from beian.documents import synthetic as syn  # noqa: E402
from beian.documents.portraits import portrait_paths  # noqa: E402
from beian.verification import faces, liveness  # noqa: E402
from beian.verification import synthetic_video as video  # noqa: E402


def shot(image, rng):
    """A varied phone photo of a document: scale, angle, JPEG quality."""
    scale = rng.uniform(0.85, 1.3)
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    photo = syn.photographed(image, seed=rng.randint(0, 10**6), angle=rng.uniform(-4, 4))
    return syn.to_bytes(photo, quality=rng.randint(70, 95))


def ocr_accuracy(n: int, rng: random.Random, portraits) -> dict:
    """The old generator: {(kind, field): (done, exactly right)}."""
    fronts, backs = n // 2, n // 4
    licences = n - fronts - backs
    stats = {}

    def tally(kind, field, ok):
        done, good = stats.get((kind, field), (0, 0))
        stats[(kind, field)] = (done + 1, good + int(ok))

    for i in range(fronts):
        person = syn.random_person(rng)
        fields = ocr.read_document(shot(syn.id_front(person, portraits[i % 2], seed=i), rng), "resident_id_front")["fields"]
        for field, want in (("cert_number", person.cert_number), ("name", person.name), ("address", person.address),
                            ("sex", person.sex), ("ethnicity", person.ethnicity),
                            ("birth_date", person.birth.isoformat())):
            tally("resident_id_front", field, fields.get(field) == want)
    for i in range(backs):
        person = syn.random_person(rng)
        fields = ocr.read_document(shot(syn.id_back(person, seed=i), rng), "resident_id_back")["fields"]
        for field, want in (("valid_from", person.valid_from.isoformat()), ("valid_until", person.valid_until_text),
                            ("issuing_authority", person.authority)):
            tally("resident_id_back", field, fields.get(field) == want)
    for i in range(licences):
        company = syn.random_company(rng)
        fields = ocr.read_document(shot(syn.business_license(company, seed=i), rng), "business_license")["fields"]
        for field in ("cert_number", "name", "legal_representative", "address"):
            tally("business_license", field, fields.get(field) == getattr(company, field))
        tally("business_license", "company_type", fields.get("company_type") == realistic.contract(company.kind))
    return stats


def realistic_accuracy(m: int, seed: int) -> tuple[dict, dict, int]:
    """The new generator: {(layout, field): (done, right)}, {profile: (done, right)}, unreadable photos."""
    stats, profiles, unreadable = {}, {}, 0
    for sample in realistic.corpus(m, seed=seed):
        try:
            fields = ocr.read_document(sample.data, sample.kind)["fields"]
        except ocr.UnreadableImage:
            fields, unreadable = {}, unreadable + 1
        for field, want in sample.fields.items():
            ok = int(fields.get(field) == want)
            done, good = stats.get((sample.layout, field), (0, 0))
            stats[(sample.layout, field)] = (done + 1, good + ok)
            done, good = profiles.get(sample.conditions["profile"], (0, 0))
            profiles[sample.conditions["profile"]] = (done + 1, good + ok)
    return stats, profiles, unreadable


LAYOUT_KIND = realistic.KIND_OF
TARGETS = {("resident_id_front", "cert_number"): 98, ("resident_id_front", "address"): 95,
           ("business_license", "cert_number"): 98, ("business_license", "name"): 95,
           ("business_license", "address"): 90, ("business_license", "legal_representative"): 95,
           ("business_license", "valid_from"): 95, ("business_license", "valid_until"): 95}


def _pct(pair) -> str:
    if not pair:
        return "—"
    done, good = pair
    return f"{100 * good / done:5.1f}% ({good}/{done})"


def _merge(*pairs):
    pairs = [p for p in pairs if p]
    return (sum(p[0] for p in pairs), sum(p[1] for p in pairs)) if pairs else None


def print_table(old: dict, new: dict) -> None:
    by_kind = {}
    for (layout, field), pair in new.items():
        by_kind.setdefault((LAYOUT_KIND[layout], field), []).append((layout, pair))
    order = realistic.FIELDS
    keys = sorted(set(old) | set(by_kind), key=lambda k: (list(order).index(k[0]), order[k[0]].index(k[1])
                                                          if k[1] in order[k[0]] else 99))
    header = f"  {'document':18} {'field':21} {'old generator':>16} {'new generator':>16}   {'target':>6}" \
             f"   {'new: 2-column':>16} {'new: 1-column':>16}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for kind, field in keys:
        parts = dict(by_kind.get((kind, field), []))
        target = TARGETS.get((kind, field))
        line = (f"  {kind:18} {field:21} {_pct(old.get((kind, field))):>16} {_pct(_merge(*parts.values())):>16}"
                f"   {'>=' + str(target) + '%' if target else '':>6}")
        if kind == "business_license":
            line += f"   {_pct(parts.get('licence_two_column')):>16} {_pct(parts.get('licence_single_column')):>16}"
        print(line)


def applicant_inputs(rng, portraits, *, generator: str = "old"):
    portrait = portraits[0]
    frames = [syn.to_bytes(f, quality=85) for f in video.turning_frames(portrait, count=24)[::2]]
    if generator == "new":
        seed = rng.randint(0, 10**6)
        front = realistic.make_sample("id_front", seed, portrait=portrait).data
        back = realistic.make_sample("id_back", seed).data
    else:
        person = syn.random_person(rng)
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
    region = front.get("portrait_region")
    card = faces.find_card_face(faces.load(inputs["front"]), region=tuple(region) if region else None)
    if card is None:  # the ID photo was not found: the applicant fails here (counted, not a crash)
        return False
    id_face = card.descriptor()
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


def cpu_per_applicant(applicants) -> tuple[float, float, int]:
    start = time.process_time()
    passed = sum(pipeline(a) for a in applicants)
    per_applicant = (time.process_time() - start) / len(applicants)
    start = time.process_time()
    for a in applicants:
        baseline(a)
    floor = (time.process_time() - start) / len(applicants)
    return per_applicant, floor, passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100, help="documents from the old generator")
    parser.add_argument("--new", type=int, default=10, help="phone photos per layout from the new generator")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    portraits = [Image.open(p).convert("RGB") for p in portrait_paths().values()]
    ocr.engine(), faces.models()  # load once, as a worker does
    warm = applicant_inputs(rng, portraits)
    pipeline(warm)

    for generator in ("old", "new"):
        applicants = [applicant_inputs(rng, portraits, generator=generator) for _ in range(10)]
        per_applicant, floor, passed = cpu_per_applicant(applicants)
        print(f"pipeline CPU per applicant ({generator} generator's ID photos): {per_applicant:.3f} s "
              f"(target <= 1.5 s); {passed}/{len(applicants)} passed")
        print(f"  baseline (decode + re-encode the same images): {floor:.4f} s; ratio {per_applicant / floor:.1f}x")

    start = time.process_time()
    old = ocr_accuracy(args.n, rng, portraits)
    old_cpu = time.process_time() - start
    start = time.process_time()
    new, profiles, unreadable = realistic_accuracy(args.new, args.seed)
    new_cpu = time.process_time() - start  # includes generating the photos
    new_n = args.new * len(realistic.LAYOUTS)
    print(f"\nOCR exact per field: old generator {args.n} documents ({old_cpu / args.n:.3f} s CPU each); "
          f"new generator {new_n} phone photos ({new_cpu / new_n:.3f} s CPU each, generation included; "
          f"{unreadable} unreadable)")
    print_table(old, new)
    print("  new generator by photo profile (all fields): "
          + ", ".join(f"{p} {_pct(profiles[p])}" for p in ("gentle", "typical", "hard") if p in profiles))
    ids_old, ids_new = old[("resident_id_front", "cert_number")], new[("id_front", "cert_number")]
    uscc_new = _merge(new[("licence_two_column", "cert_number")], new[("licence_single_column", "cert_number")])
    print(f"ID numbers read exactly: old {_pct(ids_old)}, new {_pct(ids_new)} (target >= 98%); "
          f"USCC: old {_pct(old[('business_license', 'cert_number')])}, new {_pct(uscc_new)}")

    same, different = distances(portraits, rng)
    print(f"\nface distance, same person:      {summary(same)}")
    print(f"face distance, different people: {summary(different)}")
    print(f"threshold {faces.THRESHOLD}: same > threshold {sum(d > faces.THRESHOLD for d in same)}, "
          f"different <= threshold {sum(d <= faces.THRESHOLD for d in different)}")


if __name__ == "__main__":
    main()
