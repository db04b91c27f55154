"""What the ministry's public ICP query says about filings made through other providers.

Used to tell 首次备案 from 新增网站（原备案不在本服务商）and 接入备案 at the basic-info check. The ministry is
reached over HTTP (the bundled simulator by default); when it cannot be reached the answer is
"unknown" (an empty dict), so the check never blocks on it.
"""

import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from beian.rules import safejson

log = logging.getLogger(__name__)


def external_status(*, cert_number: str, domains: list[str], mobiles: dict[str, str] | None = None,
                    timeout: float = 2.0) -> dict:
    """{"subject_filed": bool, "domains": {domain: filed_subject_cert_number},
    "sites": {domain: {"shell": bool, "mobile_matches": bool}}} for OTHER providers' filings.

    `mobiles` (domain → the applicant's website principal mobile) lets the ministry say whether that is the
    mobile filed for the domain, as a 接入备案 needs (seed 003 §9); the filed mobile itself never comes back.
    `mobile_matches` is absent when the ministry could not compare (no mobile given, or none on record)."""
    if not cert_number and not domains:
        return {}
    pairs = ",".join(f"{d}:{m}" for d, m in (mobiles or {}).items() if d in domains and m and "," not in m)
    query = urllib.parse.urlencode({"cert_number": cert_number, "domains": ",".join(domains),
                                    "exclude_provider": settings.MINISTRY_PROVIDER_ID, **({"mobiles": pairs} if pairs else {})})
    url = f"{settings.MINISTRY_URL}/query/api/provider-check?{query}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (configured ministry URL)
            data = safejson.loads(response.read(200_001), max_bytes=200_000)  # JsonProblem is a ValueError
    except (urllib.error.URLError, OSError, ValueError) as exc:
        log.info("ministry public query unavailable: %s", exc)
        return {}
    if not isinstance(data, dict):
        log.info("ministry public query answered something other than an object")
        return {}
    sites = data.get("sites") if isinstance(data.get("sites"), dict) else {}
    return {"subject_filed": bool(data.get("subject_filed")),
            "domains": {d: v for d, v in (data.get("domains") or {}).items() if isinstance(d, str)},
            "sites": {d: {k: v[k] for k in ("shell", "mobile_matches") if isinstance(v.get(k), bool)}
                      for d, v in sites.items() if isinstance(d, str) and isinstance(v, dict)}}
