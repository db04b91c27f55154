"""Face distances on document portraits: the ID card's printed portrait, photographed, against the 公安库
portrait and against the live face; the same for a passport/permit photo page. Measurements, no timing
targets (the CPU per applicant is benchmarks/verification.py's).

Samples (beian.verification.synthetic_cards): every public-domain portrait available offline (two
identities: scikit-image's astronaut.png, matplotlib's grace_hopper.jpg — no other frontal face ships in
the installed wheels; skimage's camera.png is a profile, its lfw_subset is 25 x 25 px of uncleared
photos) printed at the real proportions on a card with a security pattern, photographed under four
conditions (close, normal, small, hard), on both layouts (居民身份证 人像面, passport photo page).

- old: the path before decision 51 — `find_faces` in the OCR's portrait region, else the whole photo
  scaled to 640 px, descriptor from those pixels;
- new: `find_card_face` — region, whole photo, whole photo at 1,280 px, then the face cut again from the
  full-resolution photo at 160 px.

Pairs: card vs registry (genuine = same person; for a 居民身份证 the card is printed from the registry's
photograph), live vs card (the most frontal frame of a synthetic head turn), live vs registry. Impostors:
the other identity. Prints min/median/max per class, the face-found rate per condition, and the errors at
each comparison's threshold.

    .venv/bin/python benchmarks/card_faces.py [photos per identity, condition and layout; default 6]
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from PIL import Image, ImageEnhance  # noqa: E402

from beian.documents import ocr  # noqa: E402
from beian.documents.portraits import portrait_paths  # noqa: E402
from beian.verification import faces, liveness  # noqa: E402
from beian.verification import synthetic_cards as cards  # noqa: E402
from beian.verification import synthetic_video as video  # noqa: E402

LAYOUTS = {"id_card": (cards.id_card, (0.78, 0.4)), "photo_page": (cards.photo_page, (0.19, 0.48))}


def summary(values) -> str:
    if not values:
        return "n=0"
    values = sorted(values)
    return f"n={len(values):3} min={values[0]:.3f} median={statistics.median(values):.3f} max={values[-1]:.3f}"


def live_descriptors(portrait: Image.Image, rng: random.Random, count: int = 3) -> list:
    """The most frontal frame's descriptor of `count` synthetic head turns (amplitude, light, JPEG varied)."""
    out = []
    for _ in range(count):
        lit = ImageEnhance.Brightness(portrait).enhance(rng.uniform(0.8, 1.2))
        frames = video.turning_frames(lit, count=16, amplitude=rng.uniform(0.3, 0.45))[::2]
        frames = [faces.load(cards.to_bytes(f, quality=rng.randint(70, 90))) for f in frames]
        result, face, _ = liveness.check(frames)
        out.append(face.descriptor())
    return out


def card_photos(names, sources, boxes, per_cell: int):
    """(identity, condition, layout, photo bytes, OCR portrait region or None)."""
    out = []
    for name in names:
        for condition in cards.CONDITIONS:
            for layout, (make, portrait_at) in LAYOUTS.items():
                for i in range(per_cell):
                    seed = sum(map(ord, name + condition + layout)) * 101 + i
                    rng = random.Random(seed)
                    card = make(sources[name], boxes[name], seed=seed)
                    photo = cards.photographed(card, cards.random_shot(rng, condition), seed=seed,
                                               portrait_at=portrait_at)
                    data = cards.to_bytes(photo, quality=95)  # the JPEG loss is in the shot; this only stores it
                    region = None
                    if layout == "id_card":
                        try:
                            region = ocr.read_document(data, "resident_id_front").get("portrait_region")
                        except ocr.UnreadableImage:
                            region = None
                    out.append((name, condition, layout, data, tuple(region) if region else None))
    return out


def main() -> None:
    per_cell = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    rng = random.Random(2026)
    sources = {name: Image.open(path).convert("RGB") for name, path in portrait_paths().items()}
    names = sorted(sources)
    ocr.engine(), faces.models()
    registry = {n: faces.find_faces(sources[n])[0].descriptor() for n in names}
    boxes = {n: faces.find_faces(sources[n])[0].box for n in names}
    live = {n: live_descriptors(sources[n], rng) for n in names}
    photos = card_photos(names, sources, boxes, per_cell)
    print(f"{len(photos)} card photos: {len(names)} identities x {len(cards.CONDITIONS)} conditions x "
          f"{len(LAYOUTS)} layouts x {per_cell}; {sum(r is not None for *_, r in photos)} with an OCR portrait region")

    found = {}  # (path, condition) -> (found, total)
    dist = {}  # (path, pair, genuine) -> [distances]
    cpu = {"old": 0.0, "new": 0.0}
    for name, condition, _layout, data, region in photos:
        image = faces.load(data)
        start = time.process_time()
        old = faces.find_faces(image, region=region)
        old = old[0].descriptor() if old else None
        cpu["old"] += time.process_time() - start
        start = time.process_time()
        new = faces.find_card_face(image, region=region)
        new = new.descriptor() if new else None
        cpu["new"] += time.process_time() - start
        for path, descriptor in (("old", old), ("new", new)):
            done, total = found.get((path, condition), (0, 0))
            found[(path, condition)] = (done + (descriptor is not None), total + 1)
            if descriptor is None:
                continue
            for other in names:
                genuine = other == name
                dist.setdefault((path, "id_vs_registry", genuine), []).append(faces.distance(descriptor, registry[other]))
                dist.setdefault((path, "live_vs_id", genuine), []).extend(
                    faces.distance(descriptor, d) for d in live[other])
                dist.setdefault((path, f"id_vs_registry/{condition}", genuine), []).append(
                    faces.distance(descriptor, registry[other]))
    for name in names:
        for other in names:
            dist.setdefault(("new", "live_vs_registry", name == other), []).extend(
                faces.distance(d, registry[other]) for d in live[name])

    print("\nportrait found (old path -> new path):")
    for condition in cards.CONDITIONS:
        (o, t), (n, _) = found[("old", condition)], found[("new", condition)]
        print(f"  {condition:7} {o:3}/{t} -> {n:3}/{t}")
    print(f"CPU per card photo, search + descriptor: old {cpu['old'] / len(photos):.3f} s, "
          f"new {cpu['new'] / len(photos):.3f} s")

    print("\ndistances (genuine = same person, impostor = the other identity):")
    for pair in ("id_vs_registry", *(f"id_vs_registry/{c}" for c in cards.CONDITIONS), "live_vs_id", "live_vs_registry"):
        for path in ("old", "new"):
            if (path, pair, True) not in dist:
                continue
            print(f"  {pair:26} {path}  genuine  {summary(dist[(path, pair, True)])}")
            print(f"  {pair:26} {path}  impostor {summary(dist[(path, pair, False)])}")

    print("\nerrors (old: its path and one threshold 0.6; new: find_card_face and each comparison's threshold):")
    for pair in ("id_vs_registry", "live_vs_id", "live_vs_registry"):
        for path, threshold in (("old", 0.6), ("new", faces.THRESHOLDS[pair])):
            if (path, pair, True) not in dist:
                continue
            genuine, impostor = dist[(path, pair, True)], dist[(path, pair, False)]
            print(f"  {pair:18} {path} threshold {threshold}: genuine rejected "
                  f"{sum(d > threshold for d in genuine)}/{len(genuine)}, impostors accepted "
                  f"{sum(d <= threshold for d in impostor)}/{len(impostor)}")
    genuine = dist[("new", "id_vs_registry", True)] + dist[("new", "live_vs_id", True)]
    impostor = dist[("new", "id_vs_registry", False)] + dist[("new", "live_vs_id", False)]
    print(f"card portraits, both comparisons: genuine max {max(genuine):.3f}, impostor min {min(impostor):.3f}, "
          f"midpoint {(max(genuine) + min(impostor)) / 2:.3f}; CARD_THRESHOLD {faces.CARD_THRESHOLD}: margin "
          f"{faces.CARD_THRESHOLD - max(genuine):.3f} over the genuine, {min(impostor) - faces.CARD_THRESHOLD:.3f} "
          f"under the impostors")


if __name__ == "__main__":
    main()
