"""Objects an API caller names, found within the caller's account only: another account's order answers exactly
as a missing one (404 `not_found`), so references cannot be probed."""

from beian.api import messages as msg
from beian.api.errors import ApiError
from beian.filings import selectors


def order_or_404(request, reference: str):
    order = selectors.order_by_reference(account=request.auth, reference=reference)
    if order is None:
        raise ApiError(404, "not_found", msg.NOT_FOUND, details={"reference": str(reference)[:20]})
    return order
