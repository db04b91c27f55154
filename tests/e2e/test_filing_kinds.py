"""Issue 15's done-when: one browser test per filing kind, each carrying an order from the applicant's first click
to the ministry's result and asserting the public ICP query afterwards (tests/e2e/filing_kinds_support.py builds
the filed records a later kind starts from, through the running simulator).

Sections: first / new_site_here / new_site_elsewhere / access (new filings), change_* (变更), cancel_access and
deregister_* (releases), claim (认领).
"""

import pytest

from beian.filings.models import FiledWebsite

from .filing_kinds_support import filed, public_query, unique

pytestmark = pytest.mark.django_db(transaction=True)


def test_support_files_a_subject_through_the_simulator(ministry):
    """The helper every later kind starts from: a filing approved over HTTP, known to both sides."""
    n = unique()
    owner, filing, order = filed(ministry, email=f"support-{n}@example.com", n=n,
                                 domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com", f"kinds-{n}-c.com"]])
    sites = list(filing.websites.order_by("seq"))
    assert [w.domain for w in sites] == [f"kinds-{n}.com", f"kinds-{n}-b.com"]
    assert all(w.status == FiledWebsite.ACTIVE for w in sites)
    rows = public_query(ministry, f"kinds-{n}.com")
    assert rows and rows[0]["subject_number"] == filing.subject_number
