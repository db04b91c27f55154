"""The screen-moiré signal (documents/recapture.py) measured: the realistic generator's phone photos of IDs and
licences (documents/realistic) against the same photos with a screen's pixel grid laid over them
(documents/synthetic.recaptured), at full resolution as uploaded and re-encoded as a JPEG (as a phone saves it).

    PYTHONPATH=src .venv/bin/python benchmarks/recapture_moire.py [count]

Prints each score and the ranges; docs/decisions.md quotes them for MOIRE_THRESHOLD.
"""

import io
import sys

from PIL import Image

from beian.documents import realistic, synthetic
from beian.documents.ocr import screen_pattern
from beian.documents.recapture import MOIRE_THRESHOLD


def main(count: int = 8) -> None:
    originals, overlaid = [], []
    for sample in realistic.corpus(count, seed=3):
        photo = Image.open(io.BytesIO(sample.data))
        grid = Image.open(io.BytesIO(synthetic.to_bytes(synthetic.recaptured(photo, seed=sample.seed), quality=88)))
        originals.append(screen_pattern(photo))
        overlaid.append(screen_pattern(grid))
        print(f"{sample.layout:24} {sample.seed:7} {sample.conditions.get('profile', ''):8} "
              f"original {originals[-1]:7.1f}  overlaid {overlaid[-1]:8.1f}")
    print(f"originals {min(originals):.1f}–{max(originals):.1f}; overlaid {min(overlaid):.1f}–{max(overlaid):.1f}; "
          f"threshold {MOIRE_THRESHOLD}")
    print(f"flagged: originals {sum(s > MOIRE_THRESHOLD for s in originals)}/{len(originals)}, "
          f"overlaid {sum(s > MOIRE_THRESHOLD for s in overlaid)}/{len(overlaid)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
