"""Keep resume and invitation tokens and searched-for names out of the access logs."""

import logging
import re

# A token in a log line would open a draft, or a visit's intake.
_RESUME_PATH = re.compile(r"(/(?:resume|visit)/)[^\s?#\"']+")
# The dashboard posts its search, but an old bookmark or a hand-typed ?q= still carries a
# client's name, also inside a sign-in link's percent-encoded next= and in a Referer.
_SEARCH_QUERY = re.compile(r"((?:[?&]|%3f|%26)q(?:=|%3d))(?:(?!%26)[^&\s#\"'])*", re.IGNORECASE)
# gunicorn.error too: at debug level, gunicorn's workers log each request's method and path.
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


class AccessLogFilter(logging.Filter):
    """Rewrite each record so any /resume/<token>, /visit/<token> or ?q= reads [redacted]."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _RESUME_PATH.sub(r"\1[redacted]", message)
        redacted = _SEARCH_QUERY.sub(r"\1[redacted]", redacted)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def install() -> None:
    """Attach the filter to the access loggers, once."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, AccessLogFilter) for f in logger.filters):
            logger.addFilter(AccessLogFilter())
