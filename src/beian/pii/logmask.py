"""A logging filter that masks mobiles and resident ID numbers in every line, exception text included.

Log calls name orders by reference, never by person; this is the net for what slips through (an exception
message that quotes a registry URL, a library's debug line)."""

import logging

from beian.pii.mask import mask_text


class MaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record for logging's own error report
            return True
        masked = mask_text(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
