"""Synthetic camera input for tests and the demo: a portrait that turns its head, or a still one.

The turn is a smooth horizontal displacement centred on the nose, which moves the nose against the
eyes as a real head turn does in the 5-point landmarks. Written as YUV4MPEG2 (.y4m) for Chromium's
fake camera (--use-file-for-fake-video-capture) or as frames for the server-side check.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from beian.verification.faces import find_faces

WIDTH, HEIGHT = 640, 480


def framed(portrait: Image.Image) -> Image.Image:
    """The portrait centred on a light background at camera size, face filling about half the height."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), (235, 235, 235))
    face = portrait.convert("RGB").copy()
    face.thumbnail((WIDTH, HEIGHT))
    canvas.paste(face, ((WIDTH - face.width) // 2, (HEIGHT - face.height) // 2))
    return canvas


def turned(image: Image.Image, amount: float, face=None) -> Image.Image:
    """amount in eye distances: positive moves the nose to the image's right."""
    import cv2

    face = face or find_faces(image)[0]
    eyes = np.array(face.points[:4])
    eye_distance = float(np.linalg.norm(eyes[:2].mean(axis=0) - eyes[2:].mean(axis=0)))
    eye_y, nose_x, nose_y = float(eyes[:, 1].mean()), float(face.points[4][0]), float(face.points[4][1])
    h, w = image.height, image.width
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # Eyes stay, everything below them shears sideways (most at the nose, fading by the chin), only
    # within the face's width: to the 5-point model this is the nose moving against the eyes.
    t = np.clip((yy - eye_y) / max(nose_y - eye_y, 1.0), 0, None)
    vertical = np.where(t <= 1, t * t * (3 - 2 * t), np.exp(-((t - 1) / 1.2) ** 2))
    horizontal = np.exp(-(((xx - nose_x) / (0.9 * eye_distance)) ** 2) / 2)
    shift = (amount * eye_distance * vertical * horizontal).astype(np.float32)
    out = cv2.remap(np.asarray(image), xx - shift, yy, interpolation=cv2.INTER_LINEAR,
                    borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(out)


def turning_frames(portrait: Image.Image, count: int = 30, amplitude: float = 0.4) -> list[Image.Image]:
    """One full left-right-left sweep over `count` frames (the fake camera loops it)."""
    base = framed(portrait)
    face = find_faces(base)[0]
    return [turned(base, amplitude * math.sin(2 * math.pi * i / count), face) for i in range(count)]


def still_frames(image: Image.Image, count: int = 30) -> list[Image.Image]:
    base = framed(image)
    return [base] * count


def write_y4m(frames: list[Image.Image], path, fps: int = 10) -> None:
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            ycbcr = np.asarray(frame.convert("RGB").resize((WIDTH, HEIGHT)).convert("YCbCr"))
            y = ycbcr[:, :, 0]
            cb = ycbcr[::2, ::2, 1]
            cr = ycbcr[::2, ::2, 2]
            out.write(b"FRAME\n" + y.tobytes() + cb.tobytes() + cr.tobytes())


def read_y4m(path) -> list[Image.Image]:
    """The frames of a .y4m file written by `write_y4m` (4:2:0), as RGB images."""
    with open(path, "rb") as fh:
        header = fh.readline().split()
        size = {t[:1]: int(t[1:]) for t in header[1:] if t[:1] in (b"W", b"H")}
        width, height = size[b"W"], size[b"H"]
        luma, chroma = width * height, (width // 2) * (height // 2)
        frames = []
        while fh.readline().startswith(b"FRAME"):
            plane = fh.read(luma + 2 * chroma)
            if len(plane) < luma + 2 * chroma:
                break
            y = Image.frombytes("L", (width, height), plane[:luma])
            cb, cr = (Image.frombytes("L", (width // 2, height // 2), plane[luma + i * chroma:luma + (i + 1) * chroma])
                      .resize((width, height)) for i in range(2))
            frames.append(Image.merge("YCbCr", (y, cb, cr)).convert("RGB"))
    return frames
