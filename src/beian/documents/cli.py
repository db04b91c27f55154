"""`beian read-document FILE --kind KIND`: the web flow's OCR on one image, printed as JSON.
`beian appsign FILE`: an APP's signing values read from an `.apk` / `.cer` / `.pem`, printed as JSON.

Exit codes: 0 read (issues may be listed), 2 the file is missing, not an image / not a signing file, or shows no text.
"""

import argparse
import json
import sys

from beian.documents import messages as msg


def read_document_main(argv: list[str]) -> int:
    from beian.documents.ocr import KINDS, UnreadableImage, read_document

    parser = argparse.ArgumentParser(prog="beian read-document", description="识别身份证或营业执照照片中的字段")
    parser.add_argument("file", help="图片文件（jpg/png/gif），- 表示标准输入")
    parser.add_argument("--kind", required=True, choices=KINDS)
    args = parser.parse_args(argv)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else open(args.file, "rb").read()  # noqa: SIM115
    except OSError as exc:
        print(f"beian read-document: {msg.CLI_CANNOT_OPEN.format(file=args.file, reason=exc.strerror)}", file=sys.stderr)
        return 2
    try:
        result = read_document(data, args.kind)
    except UnreadableImage as exc:
        print(f"beian read-document: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    result.pop("detected_kind", None)
    result.pop("portrait_region", None)  # layout for the face pipeline, not part of the printed contract
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def appsign_main(argv: list[str]) -> int:
    from beian.documents.appsign import MAX_SIGNING_FILE_BYTES, SigningFileError, read_signing_file

    parser = argparse.ArgumentParser(prog="beian appsign",
                                     description="从已签名的 APK 或签名证书读取包名、公钥和证书指纹（MD5 / SHA-1 / SHA-256）")
    parser.add_argument("file", help=".apk、.cer / .crt / .der 或 .pem 文件，- 表示标准输入")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            data, name = sys.stdin.buffer.read(MAX_SIGNING_FILE_BYTES + 1), "stdin"
        else:
            with open(args.file, "rb") as stream:
                data, name = stream.read(MAX_SIGNING_FILE_BYTES + 1), args.file
    except OSError as exc:
        print(f"beian appsign: {msg.CLI_CANNOT_OPEN.format(file=args.file, reason=exc.strerror)}", file=sys.stderr)
        return 2
    try:
        info = read_signing_file(data, filename=name)
    except SigningFileError as exc:
        print(f"beian appsign: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    print(json.dumps(info.as_from_file(), ensure_ascii=False, indent=2))
    return 0
