"""How sure the reader is when it is right and when it is wrong: the measurement behind OCR_MIN_CONFIDENCE.

Documents from the generator (ID fronts with the current card's 3-line address and overlapping portrait,
2019 two-column licences with spaced labels, single-column licences), photographed harshly on purpose so that
the reader gets some fields wrong: scaled down, blurred, shadowed, a glare spot, a little perspective, noise,
strong JPEG. Every cross-checked field's reading is compared exactly with the truth; for each threshold the
script prints how many wrong readings would still count as confident (shown as a red mismatch) and how many
right ones would be shown as 未能识别，请核对 instead of prefilled.

    .venv/bin/python benchmarks/ocr_confidence.py [N per kind] [-v: list the wrong readings]
"""

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np  # noqa: E402
from beian.verification.portraits import portrait_paths  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from beian.documents import fields as doc_fields  # noqa: E402
from beian.documents import ocr  # noqa: E402
from beian.documents import synthetic as syn  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def harsh(image: Image.Image, rng: random.Random) -> bytes:
    """A bad phone photo: perspective, shadow, sometimes a glare spot, soft focus, noise, small and lossy."""
    w, h = image.size
    d = rng.uniform(0, 0.04)
    # Keystone: the top edge a little narrower than the bottom (the phone held at an angle).
    quad = (w * d, 0, 0, h, w, h, w * (1 - d), 0)
    image = image.transform((w, h), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC,
                            fillcolor=(90, 80, 70))
    image = syn.photographed(image, seed=rng.randint(0, 10**6), angle=rng.uniform(-4, 4))
    arr = np.asarray(image).astype(np.float32)
    yy, xx = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / arr.shape[1] + np.sin(angle) * yy / arr.shape[0])
    ramp = (ramp - ramp.min()) / (np.ptp(ramp) or 1)
    arr *= (1 - rng.uniform(0.2, 0.5) * ramp)[..., None]  # uneven light
    if rng.random() < 0.7:
        cx, cy, r = rng.uniform(0.2, 0.8) * arr.shape[1], rng.uniform(0.3, 0.7) * arr.shape[0], rng.uniform(40, 140)
        glare = np.clip(1 - np.hypot(xx - cx, yy - cy) / r, 0, 1) ** 0.7 * rng.uniform(0.6, 0.95)
        arr = arr * (1 - glare[..., None]) + 250 * glare[..., None]
    arr += np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(2, 9), arr.shape)
    image = Image.fromarray(arr.clip(0, 255).astype("uint8"))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 3.2)))
    scale = rng.uniform(0.3, 0.7)
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    return syn.to_bytes(image, quality=rng.randint(20, 60))


def documents(n: int, rng: random.Random):
    portraits = [Image.open(p).convert("RGB") for p in portrait_paths().values()]
    for i in range(n):
        person = syn.random_person(rng)
        person.address = syn.long_address(rng, rng.choice(syn.CITIES)[1])
        image = syn.id_front(person, portraits[i % 2], seed=i, wrap=11, portrait_left=470)
        yield "resident_id_front", harsh(image, rng), {"name": person.name, "address": person.address,
                                                       "cert_number": person.cert_number}
    for i in range(n):
        person = syn.random_person(rng)
        yield "resident_id_back", harsh(syn.id_back(person, seed=i), rng), {"valid_until": person.valid_until_text}
    for i in range(n):
        company = syn.random_company_2019(rng)
        image = (syn.business_license_2019(company, seed=i) if i % 2 == 0
                 else syn.business_license(company, seed=i, spaced=True))
        yield "business_license", harsh(image, rng), {
            "name": company.name, "address": company.address, "cert_number": company.cert_number,
            "legal_representative": company.legal_representative,
            "valid_until": company.term_until.isoformat() if company.term_until else "长期"}


def median(values: list[float]) -> str:
    return f"{values[len(values) // 2]:.2f}" if values else "-"


def main() -> None:
    verbose = "-v" in sys.argv
    args = [a for a in sys.argv[1:] if a != "-v"]
    n = int(args[0]) if args else 40
    rng = random.Random(14)
    ocr.engine()
    readings, start, docs = [], time.process_time(), 0
    for kind, data, truth in documents(n, rng):
        docs += 1
        try:
            result = ocr.read_document(data, kind)
        except ocr.UnreadableImage:
            result = {"fields": {}, "confidence": {}}
        for field, want in truth.items():
            got = result["fields"].get(field)
            readings.append((kind, field, got == want, got is not None, result["confidence"].get(field, 0.0)))
            if verbose and got is not None and got != want:
                print(f"  wrong {kind} {field}: {got!r} for {want!r}, confidence {result['confidence'].get(field)}")
    print(f"{docs} harsh photos, {(time.process_time() - start) / docs:.3f} s CPU per document")
    print(f"{'kind':18} {'field':22} {'read':>5} {'exact':>6}   confidence of right / wrong readings (median)")
    for key in sorted({(k, f) for k, f, *_ in readings}):
        rows = [r for r in readings if r[:2] == key]
        right = sorted(r[4] for r in rows if r[2])
        wrong = sorted(r[4] for r in rows if not r[2] and r[3])
        print(f"{key[0]:18} {key[1]:22} {sum(r[3] for r in rows):5} {len(right):6}   {median(right)} / {median(wrong)}"
              f" ({len(wrong)} wrong)")
    print(f"\n{'threshold':>9} {'wrong but confident':>20} {'right but unsure':>17}   (of {len(readings)} readings)")
    for t in THRESHOLDS:
        confident_wrong = sum(1 for r in readings if r[3] and not r[2] and r[4] >= t)
        unsure_right = sum(1 for r in readings if r[2] and r[4] < t)
        mark = "  <- documents.fields.MIN_CONFIDENCE" if abs(t - doc_fields.MIN_CONFIDENCE) < 1e-9 else ""
        print(f"{t:9.2f} {confident_wrong:20} {unsure_right:17}{mark}")


if __name__ == "__main__":
    main()
