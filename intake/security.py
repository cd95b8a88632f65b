"""Security defaults every response carries: CSRF, headers, and no caching of client data."""

from flask import Flask, abort, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()

# No inline script or style anywhere: the pages load only the app's own files.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# A year; not includeSubDomains, which would bind the clinic's other sites too.
HSTS = "max-age=31536000"


def trust_proxies(app: Flask) -> None:
    """Take the client's address and scheme from the PROXY_FIX_HOPS proxies in front, if any."""
    hops = app.config["PROXY_FIX_HOPS"]
    if not isinstance(hops, int) or isinstance(hops, bool) or hops < 0:
        raise ValueError(f"PROXY_FIX_HOPS must be a whole number of proxies, not {hops!r}")
    # Anyone can send X-Forwarded-For: believed only as far back as proxies we run append to it,
    # otherwise a forged header would dodge sign-in throttling and falsify the audit trail.
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def local_path(target: str | None, under: str = "/") -> str | None:
    """Return ``target`` if it is a path on this site under ``under``, else None.

    The one guard for every redirect to a URL a request names: only a path on this site
    passes, so a crafted link cannot send anyone to another site after a click, however
    the host is spelled ("//evil", "https://evil", "/\\evil", control characters).
    """
    if not target or not target.isprintable() or "\\" in target or target.startswith("//"):
        return None
    # A path starting with one "/" has no scheme and no host, so this is the whole check.
    return target if target.startswith(under) else None


def accepts_uploads(view):
    """Mark a view as the one kind that takes files, up to PHOTO_REQUEST_MAX_BYTES a request."""
    view.accepts_uploads = True
    return view


def _takes_uploads(app: Flask) -> bool:
    view = app.view_functions.get(request.endpoint or "")
    return getattr(view, "accepts_uploads", False)


def init_app(app: Flask) -> None:
    """Turn on CSRF protection and the security headers, and believe only our own proxies."""

    @app.before_request
    def _refuse_nul_in_paths():
        # No URL of ours has a NUL in it, and PostgreSQL refuses one in any text it is asked
        # to compare (a 500 for "/specialist/intakes/%00").
        if "\x00" in request.path:
            abort(404)

    @app.before_request
    def _refuse_malformed_forms():
        uploads = _takes_uploads(app)
        if uploads:
            # Photos are big; only here may a request be, and the view checks each file.
            request.max_content_length = app.config["PHOTO_REQUEST_MAX_BYTES"]
        if request.method != "POST":
            return
        # No other form takes a file, yet Flask-WTF would hand an uploaded one to a text
        # field's validators (a 500). And a multipart part with a broken name header parses
        # to a field named None, which Flask-WTF's token lookup cannot handle (a 500 too),
        # on the photo page as anywhere else.
        if (request.files and not uploads) or None in request.form:
            abort(400)

    csrf.init_app(app)
    trust_proxies(app)

    @app.after_request
    def _security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            # Once a browser has seen the site over https, it never tries plain http again.
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint != "static":
            # Pages carry health data or forms about it: no browser or proxy may keep a copy.
            response.headers["Cache-Control"] = "no-store"
        return response
