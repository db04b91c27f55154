"""What counts as a proper answer to hostile input in view tests."""

REFUSED_CONTROL = 'data-code="input_control_characters"'


def answered(response, ok=(200, 302)) -> bool:
    """The view answered normally, or the request layer refused a control character with its own page
    (a NUL never reaches a view: decisions #32)."""
    if response.status_code in ok:
        return True
    return response.status_code == 400 and REFUSED_CONTROL in response.content.decode()
