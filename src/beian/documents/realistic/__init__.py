"""A second, independent generator of test documents: phone photos of 居民身份证 and 2019 营业执照
made to look like the real cards, each with its ground truth in the reader's field names.

Independence: nothing here is derived from the reader (`beian.documents.ocr`) or from the first
generator (`beian.documents.synthetic`); the layouts are measured from the real documents in
millimetres and the people, addresses and companies come from their own banks. Only the contract
is shared: the reader's field names, ISO dates, "长期", and its documented normalisation (full-width
forms to ASCII). See docs/decisions.md ("A second, independent document generator").

    sample = realistic.make_sample("id_front", seed=7)
    sample.data        # JPEG bytes of the phone photo, what an applicant uploads
    sample.kind        # "resident_id_front", the reader's kind
    sample.fields      # ground truth: {"name": …, "address": …, "cert_number": …}
    sample.runs        # where every piece of text was drawn on the flat document (the layout record)
    sample.conditions  # the photo's conditions (profile, tilt, glare spots, blur, JPEG quality …)

    for sample in realistic.corpus(6, seed=1): ...   # 6 of each layout
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from PIL import Image

from . import cards, identities, licences, photo
from .drawing import Run
from .identities import Company, Person

LAYOUTS = ("id_front", "id_back", "licence_two_column", "licence_single_column")
KIND_OF = {"id_front": "resident_id_front", "id_back": "resident_id_back",
           "licence_two_column": "business_license", "licence_single_column": "business_license"}
FIELDS = {"resident_id_front": ("name", "sex", "ethnicity", "birth_date", "address", "cert_number"),
          "resident_id_back": ("issuing_authority", "valid_from", "valid_until"),
          "business_license": ("cert_number", "name", "company_type", "legal_representative", "address",
                               "valid_from", "valid_until")}
TODAY = date(2026, 11, 25)
PROFILE_MIX = (("gentle", 30), ("typical", 50), ("hard", 20))

_FULLWIDTH = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " "}


def contract(text: str) -> str:
    """The reader's documented normalisation of printed text: full-width forms become ASCII
    (（自然人投资或控股） → (自然人投资或控股)). Nothing else is changed."""
    return text.translate(str.maketrans(_FULLWIDTH))


@dataclass
class Sample:
    layout: str
    seed: int
    kind: str
    fields: dict[str, str]
    extra: dict[str, str]
    document: Image.Image
    runs: list[Run]
    layout_info: dict
    photo: Image.Image | None = None
    data: bytes = b""
    conditions: dict = field(default_factory=dict)
    subject: Person | Company | None = None

    def field_runs(self, name: str) -> list[Run]:
        return [r for r in self.runs if r.field == name]


@lru_cache(maxsize=1)
def _portraits() -> tuple[Image.Image, ...]:
    from beian.documents.portraits import portrait_paths

    return tuple(Image.open(p).convert("RGB") for p in portrait_paths().values())


def person_fields(person: Person) -> dict[str, str]:
    return {"name": person.name, "sex": person.sex, "ethnicity": person.ethnicity,
            "birth_date": person.birth.isoformat(), "address": contract(person.address),
            "cert_number": person.cert_number}


def back_fields(person: Person) -> dict[str, str]:
    return {"issuing_authority": person.authority, "valid_from": person.valid_from.isoformat(),
            "valid_until": person.valid_until_text}


def company_fields(company: Company) -> dict[str, str]:
    fields = {"cert_number": company.cert_number, "name": contract(company.name),
              "company_type": contract(company.company_type),
              "legal_representative": company.legal_representative, "address": contract(company.address)}
    if not company.individual:  # the 营业期限 starts on the day of establishment, printed or not
        fields["valid_from"] = company.established.isoformat()
        fields["valid_until"] = "长期" if company.valid_until is None else company.valid_until.isoformat()
    return fields


def company_extra(company: Company) -> dict[str, str]:
    extra = {"established": company.established.isoformat(), "scope": company.scope,
             "representative_label": company.representative_label, "address_label": company.address_label}
    if company.capital:
        extra["registered_capital"] = company.capital
    return extra


def make_sample(layout: str, seed: int, *, portrait: Image.Image | None = None, profile: str | None = None,
                photographed: bool = True, today: date = TODAY) -> Sample:
    """One document of `layout`, fully determined by (layout, seed)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    rng = random.Random(f"realistic:{layout}:{seed}")
    if layout in ("id_front", "id_back"):
        person = identities.random_person(rng, today=today)
        if layout == "id_front":
            face = portrait or _portraits()[rng.randrange(len(_portraits()))]
            image, runs, info = cards.id_front(person, face, rng)
            fields, extra = person_fields(person), {}
        else:
            image, runs, info = cards.id_back(person, rng)
            fields, extra = back_fields(person), {}
        document = cards.rounded(image, info["scale_px_per_mm"])
        document_px = rng.randint(900, 1400)
        subject = person
    else:
        individual = layout == "licence_single_column" and rng.random() < 0.25
        company = identities.random_company(rng, today=today, individual=individual)
        draw = licences.two_column if layout == "licence_two_column" else licences.single_column
        document, runs, info = draw(company, rng)
        fields, extra = company_fields(company), company_extra(company)
        document_px = rng.randint(1500, 2300) if layout == "licence_two_column" else rng.randint(1400, 2000)
        subject = company
    sample = Sample(layout=layout, seed=seed, kind=KIND_OF[layout], fields=fields, extra=extra,
                    document=document, runs=runs, layout_info=info, subject=subject)
    if photographed:
        names, weights = zip(*PROFILE_MIX, strict=True)
        chosen = profile or rng.choices(names, weights)[0]
        sample.photo, sample.data, sample.conditions = photo.phone_photo(
            document, rng, profile=chosen, document_px=document_px)
    return sample


def corpus(n: int, *, seed: int = 0, layouts: tuple[str, ...] = LAYOUTS, profile: str | None = None,
           photographed: bool = True):
    """`n` documents of each layout, varied people, addresses and companies; deterministic in `seed`."""
    for i in range(n):
        for layout in layouts:
            yield make_sample(layout, seed * 100_000 + i, profile=profile, photographed=photographed)
