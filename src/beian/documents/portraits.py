"""Public-domain portraits shipped inside PyPI wheels, used as the faces of synthetic identities.

- astronaut.png (scikit-image): Eileen Collins, NASA photograph, public domain.
- grace_hopper.jpg (matplotlib): Grace Hopper, U.S. Navy photograph, public domain.
"""

from pathlib import Path


def portrait_paths() -> dict[str, Path]:
    import matplotlib
    import skimage

    return {"astronaut": Path(skimage.__file__).parent / "data" / "astronaut.png",
            "grace_hopper": Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"}


def portrait_bytes(name: str) -> bytes:
    return portrait_paths()[name].read_bytes()
