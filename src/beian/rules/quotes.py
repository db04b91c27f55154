"""The seed sentence behind each finding code, quoted verbatim for docs/rules.md.

Issue 13: every rule in docs/rules.md quotes the help document (../shared/seeds/) it was taken
from. `QUOTES[code] = (where, quote)`: `where` names the seed and its section as in
reference.md §0 (e.g. "S3 §1.1"), `quote` is the seed's own words (trimmed, never paraphrased).
A code whose rule comes from the spec or a standard rather than a seed quotes that instead.
"""

from beian.rules.codes import Code

QUOTES: dict[Code, tuple[str, str]] = {
    Code.DOMAIN_HOLDER_MISMATCH: (
        "S3 §1.1",
        "填写的主办单位或主办人名称需要与域名持有者的实名认证信息保持一致（如姓名、证件类型、证件号码等均需一致）。",
    ),
}
