"""Signs that a certificate photo is not a live photo of the original (翻拍, screenshot, edited picture).

Seed 000: "上传资料需使用阿里云APP现场拍摄真实证件材料的照片并上传，不可以翻拍存储在手机或电脑中的证件照片，否则将
导致备案审核失败。" The platform cannot prove a photo was taken live, so it computes signals on upload and shows
them, with their evidence, to the applicant (a hint to photograph the original) and to the reviewer (who decides);
an upload is never refused for them (docs/decisions.md). Each signal is one stable code:

  edited_software    EXIF Software names an image editor (Photoshop, 美图秀秀 …); a phone's own camera firmware
                     ("iOS 17.4", "HDR+ 1.0", "MediaTek Camera Application") is not one
  edited_after_shot  EXIF DateTime (last saved) later than DateTimeOriginal (taken) by more than EDIT_SLACK
  screenshot_size    the pixel size of a phone screen (SCREEN_SIZES, either way round) with no camera Make/Model
  screen_moire       a screen's pixel grid photographed: documents/ocr.py's screen_pattern (the strongest periodic
                     peak of the high-frequency band of a full-resolution 512 px centre crop, against the band's
                     median) above MOIRE_THRESHOLD. Measured with benchmarks/recapture_moire.py on the realistic
                     generator's phone photos (documents/realistic) and the same photos with a screen grid laid over
                     them (documents/synthetic.recaptured), re-saved as JPEG: 24 originals 20–71, the same
                     overlaid 357–1683 (docs/decisions.md).

Pure functions over the bytes: no Django, no storage.
"""

from __future__ import annotations

from datetime import datetime

from beian.documents import images
from beian.documents import messages as msg
from beian.documents.ocr import screen_pattern

MOIRE_THRESHOLD = 200.0  # as documents/ocr.py's RECAPTURE_THRESHOLD; measured again on the realistic photos
EDIT_SLACK = 60  # seconds: a camera writes DateTime a moment after DateTimeOriginal, never a minute
EDITORS = ("photoshop", "lightroom", "gimp", "snapseed", "picsart", "meitu", "mtxx", "美图", "醒图", "xingtu", "pixlr",
           "paint.net", "affinity", "canva", "facetune", "fotor", "polarr", "vsco", "photoscape", "acdsee",
           "picasa", "b612", "faceu", "wps")
# Portrait screen sizes of common phones (iPhone 6 to 15 Pro Max, 1080p/1440p Android at 16:9, 18:9, 19.5:9, 20:9).
SCREEN_SIZES = frozenset({
    (640, 1136), (750, 1334), (828, 1792), (1080, 1920), (1125, 2436), (1170, 2532), (1179, 2556), (1242, 2208),
    (1242, 2688), (1284, 2778), (1290, 2796), (720, 1280), (720, 1600), (1080, 2160), (1080, 2220), (1080, 2244),
    (1080, 2280), (1080, 2340), (1080, 2400), (1080, 2412), (1440, 2560), (1440, 2960), (1440, 3040), (1440, 3088),
    (1440, 3120), (1440, 3200), (1220, 2712), (1260, 2800),
})
EXIF_SOFTWARE, EXIF_DATETIME, EXIF_MAKE, EXIF_MODEL = 0x0131, 0x0132, 0x010F, 0x0110
EXIF_IFD, EXIF_DATETIME_ORIGINAL = 0x8769, 0x9003


def _when(text) -> datetime | None:
    try:
        return datetime.strptime(str(text).strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def exif_facts(image) -> dict:
    """The EXIF tags the signals use, as text ("" when absent)."""
    try:
        exif = image.getexif()
        sub = exif.get_ifd(EXIF_IFD)
    except Exception:  # noqa: BLE001 - a damaged EXIF block is no signal, and never an error
        return {"software": "", "saved": "", "taken": "", "camera": ""}

    def text(value) -> str:
        return str(value or "").strip().rstrip("\x00")[:80]

    return {"software": text(exif.get(EXIF_SOFTWARE)), "saved": text(exif.get(EXIF_DATETIME)),
            "taken": text(sub.get(EXIF_DATETIME_ORIGINAL)),
            "camera": " ".join(t for t in (text(exif.get(EXIF_MAKE)), text(exif.get(EXIF_MODEL))) if t)}


def signals_of(image, *, moire: float | None = None) -> list[dict]:
    """[{code, message, evidence}] for a decoded image (full resolution: scaling would alias a grid away)."""
    found = []
    facts = exif_facts(image)
    software = facts["software"].lower()
    if software and any(editor in software for editor in EDITORS):
        found.append({"code": "edited_software", "evidence": {"software": facts["software"]}})
    taken, saved = _when(facts["taken"]), _when(facts["saved"])
    if taken and saved and (saved - taken).total_seconds() > EDIT_SLACK:
        found.append({"code": "edited_after_shot", "evidence": {"taken": facts["taken"], "saved": facts["saved"]}})
    width, height = image.size
    if (min(width, height), max(width, height)) in SCREEN_SIZES and not facts["camera"]:
        found.append({"code": "screenshot_size", "evidence": {"size": f"{width}×{height}"}})
    score = screen_pattern(image) if moire is None else moire
    if score > MOIRE_THRESHOLD:
        found.append({"code": "screen_moire", "evidence": {"score": round(score), "threshold": round(MOIRE_THRESHOLD)}})
    for signal in found:
        signal["message"] = msg.RECAPTURE_SIGNALS[signal["code"]].format(**signal["evidence"])
    return found


def check(data: bytes) -> dict:
    """The evidence stored with a material: {signals, moire, exif}. An image that cannot be decoded gives none (the
    upload check has refused it already)."""
    try:
        with images.decode(data, formats=images.MATERIAL_FORMATS) as image:
            score = screen_pattern(image)
            signals = signals_of(image, moire=score)
            facts = exif_facts(image)
    except images.ImageRefused:
        return {"signals": [], "moire": None, "threshold": MOIRE_THRESHOLD, "exif": {}}
    return {"signals": signals, "moire": round(score, 1), "threshold": MOIRE_THRESHOLD,
            "exif": {k: v for k, v in facts.items() if v}}
