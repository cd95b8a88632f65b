"""Keep resume tokens out of the access logs: a token in a log line would open a draft."""

import logging
import re

_RESUME_PATH = re.compile(r"(/resume/)[^\s?#\"']+")
# gunicorn.error too: at debug level, gunicorn's workers log each request's method and path.
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


class ResumeTokenFilter(logging.Filter):
    """Rewrite each record so any /resume/<token> reads /resume/[redacted]."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _RESUME_PATH.sub(r"\1[redacted]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def install() -> None:
    """Attach the filter to the access loggers, once."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ResumeTokenFilter) for f in logger.filters):
            logger.addFilter(ResumeTokenFilter())
