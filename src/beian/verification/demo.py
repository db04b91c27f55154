"""Demo identities and sample files, so a new user can complete any demo order end to end: the demo
principal 陈明 exists in the identity-registry simulator with a public-domain portrait, and his ID card
photos, each demo company's business licence and fake-camera videos are written to DATA_DIR/samples."""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

from PIL import Image

from beian import demo_data as data
from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.registries.identity import seed_identity
from beian.verification import synthetic_video as video

DEMO_PERSON = syn.Person(**{k: data.PERSON[k] for k in ("name", "cert_number", "sex", "ethnicity", "birth", "address",
                                                        "authority", "valid_from", "valid_until")})
ID_FRONT, ID_BACK = f"{DEMO_PERSON.name}-身份证人像面.jpg", f"{DEMO_PERSON.name}-身份证国徽面.jpg"
CAMERA_PASS, CAMERA_OTHER, CAMERA_STILL = (f"camera-{DEMO_PERSON.name}-turning.y4m", "camera-other-person-turning.y4m",
                                           "camera-still-photo.y4m")
STAMP = ".demo-data"  # fingerprint of the data the files were made from: other data, new files
OBSOLETE = ("上海浦江-营业执照.jpg",)  # earlier demo versions' files, which no longer match the demo data
CAMERA_FRAMES = 12  # what the phone page sends: one left-right sweep


def company(key: str) -> syn.Company:
    _province, _city, _district, name, cert, address, _area, established = data.COMPANIES[key]
    return syn.Company(name=name, cert_number=cert, legal_representative=data.PERSON["name"], address=address,
                       established=established)


def licence_name(key: str) -> str:
    return f"营业执照-{data.COMPANIES[key][3]}.jpg"


def seed_demo_identities() -> None:
    seed_identity(name=DEMO_PERSON.name, cert_number=DEMO_PERSON.cert_number, portrait="grace_hopper")


def _fingerprint() -> str:
    return hashlib.sha256(repr((sorted(data.PERSON.items()), sorted(data.COMPANIES.items()), CAMERA_FRAMES)).encode()
                          ).hexdigest()[:16]


def write_samples(folder: Path) -> list[Path]:
    """ID front/back, every demo company's licence, and .y4m videos for Chromium's fake camera.
    Idempotent: files made from the same data are kept, files from other data are remade."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / STAMP
    fresh = stamp.exists() and stamp.read_text().strip() == _fingerprint()
    hopper = Image.open(portrait_paths()["grace_hopper"])
    astronaut = Image.open(portrait_paths()["astronaut"])
    outputs = {
        ID_FRONT: lambda p: p.write_bytes(syn.to_bytes(syn.photographed(syn.id_front(DEMO_PERSON, hopper)))),
        ID_BACK: lambda p: p.write_bytes(syn.to_bytes(syn.photographed(syn.id_back(DEMO_PERSON)))),
        CAMERA_PASS: lambda p: video.write_y4m(video.turning_frames(hopper, count=30), p),
        CAMERA_OTHER: lambda p: video.write_y4m(video.turning_frames(astronaut, count=30), p),
        CAMERA_STILL: lambda p: video.write_y4m(video.still_frames(hopper, count=10), p),
    }
    for key in data.COMPANIES:
        outputs[licence_name(key)] = (
            lambda p, key=key: p.write_bytes(syn.to_bytes(syn.photographed(syn.business_license(company(key))))))
    for name in OBSOLETE:
        (folder / name).unlink(missing_ok=True)
    paths = []
    for name, write in outputs.items():
        path = folder / name
        if not (fresh and path.exists()):
            write(path)
        paths.append(path)
    stamp.write_text(_fingerprint())
    return paths


def sample_for(folder: Path, *, kind: str, side: str, company: str) -> Path | None:
    """The sample file that fills one material slot of a demo company's order, if there is one."""
    if kind == "principal_id":
        return folder / {"front": ID_FRONT, "back": ID_BACK}.get(side, ID_FRONT)
    if kind == "subject_certificate":
        return folder / licence_name(company)
    return None


def camera_frames(folder: Path, name: str = CAMERA_PASS) -> list[bytes]:
    """JPEG frames of a sample video, as the phone page captures them from the camera."""
    path = folder / name
    return _camera_frames(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _camera_frames(path: Path, _mtime: int) -> list[bytes]:
    frames = video.read_y4m(path)
    step = len(frames) / CAMERA_FRAMES
    out = []
    for i in range(min(CAMERA_FRAMES, len(frames))):
        buffer = io.BytesIO()
        frames[int(i * step)].save(buffer, "JPEG", quality=90)
        out.append(buffer.getvalue())
    return out
