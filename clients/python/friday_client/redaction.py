"""Keeps tokens out of log records and error texts: the token travels in the connect URL's query,
which the websockets library logs at DEBUG and quotes in some exceptions."""

from __future__ import annotations

import logging
import re

_SECRET_PARAMETER = re.compile(r"((?:[?&]|%3F|%26)(?:token|access_token)=)[^&\s'\"]*", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with the value of every ``token``/``access_token`` query parameter replaced."""
    return _SECRET_PARAMETER.sub(r"\1[redacted]", text)


class RedactingFilter(logging.Filter):
    """Rewrites a record whose formatted message carries a token before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def socket_logger() -> logging.Logger:
    """The logger handed to websockets for each connection, with the filter attached once."""
    logger = logging.getLogger("friday_client.websockets")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger
