"""`beian face-match IMAGE_A IMAGE_B`: the web flow's face comparison on two images, printed as JSON.

With --document, IMAGE_B is a photo of an ID card or passport page: its printed portrait is searched for
as the face check does, and the card threshold applies (docs/decisions.md 51).

Exit codes: 0 compared, 1 no face found in an image, 2 a file is missing or not an image.
"""

import argparse
import json
import sys

from beian.verification import messages as msg


def face_match_main(argv: list[str]) -> int:
    from beian.verification.faces import NotAnImage, load, match

    parser = argparse.ArgumentParser(prog="beian face-match", description="比对两张图片中的人脸是否为同一人")
    parser.add_argument("image_a")
    parser.add_argument("image_b")
    parser.add_argument("--document", action="store_true",
                        help="IMAGE_B 是证件照片（身份证人像面、护照资料页）：按证件人像查找，并使用证件人像阈值")
    args = parser.parse_args(argv)
    images = []
    for path in (args.image_a, args.image_b):
        try:
            with open(path, "rb") as fh:
                images.append(load(fh.read()))
        except OSError as exc:
            print(f"beian face-match: {msg.CLI_CANNOT_OPEN.format(file=path, reason=exc.strerror)}", file=sys.stderr)
            return 2
        except NotAnImage:
            print(f"beian face-match: {msg.CLI_NOT_AN_IMAGE.format(file=path)}", file=sys.stderr)
            return 2
    result = match(*images, document=args.document)
    print(json.dumps(result, ensure_ascii=False))
    missing = [path for path, n in ((args.image_a, result["faces_a"]), (args.image_b, result["faces_b"])) if not n]
    if missing:
        print(f"beian face-match: {msg.CLI_NO_FACE.format(files='、'.join(missing))}", file=sys.stderr)
        return 1
    return 0
