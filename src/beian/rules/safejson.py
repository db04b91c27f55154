"""JSON from outside, read within limits: size, nesting depth and number size are checked before the text
is decoded, so hostile input is an input error with a stable code, never a RecursionError, a quadratic
int() or an infinity reaching the engine.

Used by every surface that reads JSON from a person or a peer: the precheck page, the API, the ministry
callback receiver, the simulator's provider API, the request layer's control-character check and the CLI.

Codes: json_too_large, json_invalid (not JSON, or not UTF-8), json_too_deep, json_number_too_large.
"""

import json
import math
import re
import threading

from beian.rules import messages as msg

MAX_BYTES = 512 * 1024  # an application is a few KB
MAX_DEPTH = 32  # precheck.md's application nests 5 levels; deeper is not an application
MAX_DIGITS = 20  # digits of an integer: the largest number an application carries is a file size in bytes

# A JSON string with its escapes; possessive, so that an unterminated one costs one pass, not a backtrack.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_INT_PART = re.compile(r"-?(\d*)")


class JsonProblem(ValueError):
    """The text is not JSON within the limits; `code` is stable, `message` Chinese."""

    def __init__(self, code: str, message: str, *, path: str | None = None):
        super().__init__(message)
        self.code, self.message, self.path = code, message, path


class _TooLarge:
    """Stands in for a number over the limits until its path is known (the parser's hooks have no context)."""

    __slots__ = ()


_TOO_LARGE = _TooLarge()


def _problem(code: str, **fmt) -> JsonProblem:
    return JsonProblem(code, msg.JSON_LIMITS[code].format(**fmt), path=fmt.get("path"))


def check_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raises json_too_deep when arrays and objects nest deeper than max_depth (brackets in strings do not
    count). Linear in the text and stops at the first bracket too deep."""
    if text.count("[") + text.count("{") <= max_depth:  # an upper bound: most texts stop here
        return
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise _problem("json_too_deep", limit=max_depth)
        else:
            depth -= 1


def _find(value, target) -> str | None:
    """The path of `target` in a parsed value (iterative; the depth is already bounded)."""
    stack = [(value, "")]
    while stack:
        item, path = stack.pop()
        if item is target:
            return path or "$"
        if isinstance(item, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(item))
    return None


# The hooks see one number's text and nothing else; what they found, and the limit, are per thread (the
# decoder is built once: building one per call would cost more than the checks).
_state = threading.local()


def _number(text: str, convert):
    # The integer part's digits are counted before int() would spend quadratic time on them.
    if len(_INT_PART.match(text).group(1)) > _state.max_digits:
        _state.flagged = True
        return _TOO_LARGE
    value = convert(text)
    if isinstance(value, float) and not math.isfinite(value):  # 1e999
        _state.flagged = True
        return _TOO_LARGE
    return value


def _constant(name: str):  # NaN, Infinity: not JSON, and never a size
    _state.flagged = True
    return _TOO_LARGE


_DECODER = json.JSONDecoder(parse_int=lambda s: _number(s, int), parse_float=lambda s: _number(s, float),
                            parse_constant=_constant)


def loads(data: str | bytes, *, max_bytes: int | None = MAX_BYTES, max_depth: int = MAX_DEPTH,
          max_digits: int = MAX_DIGITS):
    """The parsed value; raises JsonProblem. Bytes are UTF-8 (a BOM is allowed)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise _problem("json_too_large", limit=max(max_bytes // 1024, 1))
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonProblem("json_invalid", msg.JSON_LIMITS["json_not_utf8"]) from None
    check_depth(data, max_depth)
    _state.flagged, _state.max_digits = False, max_digits
    try:
        value = _DECODER.decode(data)
    except json.JSONDecodeError as exc:
        raise _problem("json_invalid", line=exc.lineno, col=exc.colno) from None
    if _state.flagged:
        path = _find(value, _TOO_LARGE)
        where = msg.JSON_NUMBER_WHERE.format(path=path) if path and path != "$" else ""
        raise JsonProblem("json_number_too_large",
                          msg.JSON_LIMITS["json_number_too_large"].format(where=where, limit=max_digits), path=path)
    return value
