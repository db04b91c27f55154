"""Content-Security-Policy for the platform and the ministry simulator (Django 6 has this built in, 5.2 not).

The settings mirror Django 6's, so moving to it later is a change of middleware only:
SECURE_CSP (enforced) and SECURE_CSP_REPORT_ONLY (reported, not enforced) map each directive to a list of
sources, or True for a directive without sources; an empty dict sends no header. `CSP_REPORT_ONLY=1` in
the environment moves the policy to report-only (see beian.settings).

Every page complies without 'unsafe-inline': scripts and styles come from static files only; behaviour that
used to sit in onclick/onsubmit attributes is in beian/ui.js (data-confirm, data-open, data-select).
tests/web/test_csp.py scans the templates, tests/e2e/test_csp.py walks the pages in Chromium.
"""

from django.conf import settings

SELF, NONE = "'self'", "'none'"

# What the pages need: the phone page shows the camera (a MediaStream, blob:) and captures frames into
# data:/blob: images; QR codes are inline SVG markup (no style attributes); htmx loads fragments from the
# same origin. Swagger UI at /api/docs (django-ninja's bundled copy) needs nothing more: its settings are a
# JSON data block and its scripts are static files; its logo is a data: image.
DEFAULT_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    # The installable web app (issue 20 #6): its manifest and its service worker, both from this origin.
    "manifest-src": [SELF],
    "worker-src": [SELF],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
    "base-uri": [NONE],
    "object-src": [NONE],
}

# Chrome shows a PDF through a plugin document that a policy breaks (object-src 'none' blocks it, and
# the viewer's own inline styles are refused: crbug.com/271452); a PDF runs no script of ours.
EXEMPT_TYPES = ("application/pdf",)


def build(policy: dict) -> str:
    parts = []
    for directive, sources in policy.items():
        if sources is True:
            parts.append(directive)
        elif sources:
            parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").split(";")[0].strip() in EXEMPT_TYPES:
            return response
        for setting, header in (("SECURE_CSP", "Content-Security-Policy"),
                                ("SECURE_CSP_REPORT_ONLY", "Content-Security-Policy-Report-Only")):
            policy = getattr(settings, setting, None)
            if policy and header not in response:
                response[header] = build(policy)
        return response
