"""The platform's URLconf plus views that fail on purpose (for the error-page tests)."""

import logging

from django.http import HttpResponse
from django.urls import path

from beian import urls as platform

# Django reads the error handlers from the root URLconf, which this module replaces in its tests.
handler400, handler403, handler404, handler500 = (
    getattr(platform, f"handler{status}", f"django.views.defaults.{view}") for status, view in (
        (400, "bad_request"), (403, "permission_denied"), (404, "page_not_found"), (500, "server_error")))

calls = []


def boom(request):
    raise RuntimeError("boom")


def throttled(request):
    return HttpResponse(status=429, headers={"Retry-After": "30"})


def logs(request):
    logging.getLogger("tests.errors").warning("inside the view")
    return HttpResponse("ok")


def spy(request):
    calls.append(request.method)
    return HttpResponse("ok")


urlpatterns = [path("test/boom/", boom), path("test/throttled/", throttled), path("test/logs/", logs),
               path("test/spy/", spy), *platform.urlpatterns]
