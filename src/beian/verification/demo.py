"""Demo identities and sample files, so a new user can try the phone page end to end: the demo
principal exists in the identity-registry simulator with a public-domain portrait, and matching
ID card photos plus fake-camera videos are written to DATA_DIR/samples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PIL import Image

from beian.documents import synthetic as syn
from beian.registries.identity import seed_identity
from beian.verification import synthetic_video as video
from beian.verification.portraits import portrait_paths

DEMO_PERSON = syn.Person(name="陈明", cert_number="330106198003050019", sex="男", ethnicity="汉", birth=date(1980, 3, 5),
                         address="浙江省杭州市西湖区西溪路500号3幢1201室", authority="杭州市公安局西湖分局",
                         valid_from=date(2016, 5, 1), valid_until=date(2036, 5, 1))
DEMO_COMPANY = syn.Company(name="上海浦江示例软件有限公司", cert_number="91310115MA4U2WB18C", legal_representative="沈佳",
                           address="上海市浦东新区张江路100号5楼501室", established=date(2019, 6, 18))


def seed_demo_identities() -> None:
    seed_identity(name=DEMO_PERSON.name, cert_number=DEMO_PERSON.cert_number, portrait="grace_hopper")


def write_samples(folder: Path) -> list[Path]:
    """ID front/back and licence photos, and .y4m videos for Chromium's fake camera. Idempotent."""
    folder.mkdir(parents=True, exist_ok=True)
    hopper = Image.open(portrait_paths()["grace_hopper"])
    astronaut = Image.open(portrait_paths()["astronaut"])
    outputs = {
        "陈明-身份证人像面.jpg": lambda p: p.write_bytes(syn.to_bytes(syn.photographed(syn.id_front(DEMO_PERSON, hopper)))),
        "陈明-身份证国徽面.jpg": lambda p: p.write_bytes(syn.to_bytes(syn.photographed(syn.id_back(DEMO_PERSON)))),
        "上海浦江-营业执照.jpg": lambda p: p.write_bytes(syn.to_bytes(syn.photographed(syn.business_license(DEMO_COMPANY)))),
        "camera-陈明-turning.y4m": lambda p: video.write_y4m(video.turning_frames(hopper, count=30), p),
        "camera-other-person-turning.y4m": lambda p: video.write_y4m(video.turning_frames(astronaut, count=30), p),
        "camera-still-photo.y4m": lambda p: video.write_y4m(video.still_frames(hopper, count=10), p),
    }
    paths = []
    for name, write in outputs.items():
        path = folder / name
        if not path.exists():
            write(path)
        paths.append(path)
    return paths
