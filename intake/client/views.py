"""The client's pages: landing, the steps, resume, language and confirmation."""

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_date, get_locale
from flask_wtf.csrf import CSRFError

from intake import db
from intake.client import cleaning_notice, drafts, limits
from intake.clinic_time import clinic_date, clinic_today
from intake.db import utcnow
from intake.i18n import LANGUAGES
from intake.models import Draft, Submission
from intake.pdf.prepare import prepare_after_response
from intake.photos import storage
from intake.photos.drafts import keep_photos_in_step, photo_consent
from intake.questionnaire import (
    CONSENT_VERSIONS,
    STEPS,
    consent_language,
    review_sections,
    step_form,
    unfinished_steps,
)
from intake.questionnaire.fields import StepForm
from intake.questionnaire.forms import STEP_FORMS
from intake.rules import current_ruleset
from intake.security import local_path
from intake.submission import submit_draft
from intake.visits import appointments, invitations, notifications

bp = Blueprint("client", __name__)

# Longer than any token we issue; anything longer is not worth hashing.
_TOKEN_LIMIT = 64


def days_valid() -> int:
    """Return how many days a resume link works after the last save."""
    return int(current_app.config["RESUME_TOKEN_DAYS"])


def current_draft(*, for_update: bool = False) -> Draft | None:
    """Return the draft this browser's session holds, if its link still works."""
    token = session.get("draft_token")
    if not isinstance(token, str):
        return None
    draft = drafts.find_draft(db.session(), token, for_update=for_update)
    if draft is None:
        return None
    # A submitted intake's link ends too: it leads to the reference code, which is enough
    # for a while, not for ever.
    if drafts.is_expired(draft, utcnow()):
        return None
    return draft


def _start_draft() -> Draft:
    language = str(get_locale())
    draft, token = drafts.create_draft(db.session(), language, utcnow())
    session["draft_token"] = token
    # Whether chosen or taken from the browser, the journey stays in the language it began in.
    session["lang"] = language
    return draft


def resume_link() -> str | None:
    """Return this browser's private resume link, if it has a draft."""
    token = session.get("draft_token")
    return url_for("client.resume", token=token, _external=True) if token else None


@bp.get("/")
def landing():
    draft = current_draft()
    continue_at = None
    if draft is not None and draft.submission_id is None and draft.answers:
        continue_at = drafts.where_to_continue(draft, clinic_today())
    return render_template(
        "client/landing.html",
        draft=draft,
        continue_at=continue_at,
        cleaning_notices=cleaning_notice.notices(draft),
    )


def _too_many():
    # Returned, not raised: the request's transaction commits, and with it the count.
    return render_template("client/too_many.html"), 429


@bp.post("/start")
def start():
    if not limits.allow("draft"):
        return _too_many()
    previous = current_draft()
    # The new draft first: on SQLite, a row added after deleting the newest reuses its id.
    _start_draft()
    if previous is not None and previous.submission_id is None:
        # "Start again with new answers": the old answers and their link end here, so a
        # link shared or written down earlier cannot open them any more.
        drafts.end_drafts(db.session(), Draft.id == previous.id, utcnow())
    return redirect(url_for("client.step", step=STEPS[0]))


@bp.route("/intake/<step>", methods=["GET", "POST"])
def step(step: str):
    if step not in STEPS:
        abort(404)
    draft = current_draft(for_update=request.method == "POST")
    if draft is None:
        if request.method == "GET":
            return redirect(url_for("client.landing"))
        if _session_link_ended():
            # Ended on purpose (started again elsewhere, or purged): not to be filled anew.
            return _link_ended_page()
        if not limits.allow("draft"):
            return _too_many()
        # The session was lost (cookies cleared, a very long pause): keep what was posted.
        draft = _start_draft()
    if draft.submission_id is not None:
        return redirect(url_for("client.done"))
    today = clinic_today()
    if request.method == "GET":
        return _render_step(step_form(step, draft.answers, today), draft)
    response = _receive(step, draft, today)
    # Once per post, after every save of it (a step that passes is saved twice).
    if draft.submission_id is None and draft.continue_at is None:
        drafts.remember_where_to_continue(draft, today)
    return response


def _receive(step: str, draft: Draft, today: date):
    """Save a posted step and answer it: the next page, the same one with errors, or done."""
    back_to_review = request.form.get("back_to") == "review"

    if not limits.allow("save"):
        return _too_many()
    form = step_form(step, draft.answers, today, formdata=request.form)
    # Every post is kept as typed, valid or not, so no button ever loses an answer.
    _save(draft, form, applicable_only=False)
    appointments.intake_saved(draft)
    # A photo consent withdrawn, or a concern no longer chosen, takes its photos with it.
    keep_photos_in_step(db.session(), draft)
    index = STEPS.index(step)
    if "lang" in request.form:
        _set_language(request.form["lang"], draft)
        return redirect(url_for("client.step", step=step))
    if "back" in request.form:
        if index == 0:
            return redirect(url_for("client.landing"))
        return redirect(_previous_page(step))
    if "save" in request.form:
        return redirect(url_for("client.saved", step=step))

    ok = form.check(shown=set(request.form.getlist("shown")))
    unfinished = unfinished_steps(draft.answers, today) if step == "review" else []
    if not ok or unfinished:
        return _render_step(form, draft, unfinished=unfinished)
    _save(draft, form, applicable_only=True)
    if step == "review":
        # Record the consent the page showed, not whatever language the session has now.
        agreed_in = consent_language(request.form.get("consent_version", ""))
        if agreed_in is None:
            return _render_step(form, draft, consent_changed=True)
        submission = submit_draft(
            db.session(),
            draft,
            current_ruleset(),
            today,
            language=agreed_in,
            as_of=appointments.visit_date_of_draft(draft),
        )
        appointments.intake_sent(draft, submission)
        # The submission is final before the client is told so.
        db.session().commit()
        notifications.tell_if_flagged(submission)
        # The specialist's summary is ready before anyone opens the intake.
        prepare_after_response(submission.id)
        return redirect(url_for("client.done"))
    if index == 0:
        session["show_resume_link"] = True
    if back_to_review:
        # Came from "Change" on the review page: go back there, not through every later step.
        return redirect(url_for("client.step", step="review"))
    return redirect(_next_page(step))


def _next_page(step: str) -> str:
    """Return the page after a step: the photo page follows the skin step."""
    if step == "skin":
        return url_for("client.photos")
    return url_for("client.step", step=STEPS[STEPS.index(step) + 1])


def _previous_page(step: str) -> str:
    """Return the page before a step (never the first: that goes back to the landing page)."""
    previous = STEPS[STEPS.index(step) - 1]
    return url_for("client.photos") if previous == "skin" else url_for("client.step", step=previous)


def _save(draft: Draft, form: StepForm, *, applicable_only: bool) -> None:
    """Store the step's answers, noting for the client what cleaning changed in them."""
    answers = form.answers(applicable_only=applicable_only)
    drafts.save_step(draft, form.step, answers, utcnow(), days_valid())
    cleaning_notice.remember(draft, form)


def _render_step(form: StepForm, draft: Draft | None, **extra):
    answers = draft.answers if draft is not None else {}
    today = clinic_today()
    sections = []
    if form.step == "review":
        # Listing the answers and checking them read the same forms: each is built once.
        sections, forms = review_sections(answers, today)
        if "unfinished" not in extra and draft is not None:
            extra["unfinished"] = drafts.unfinished(draft, today, forms)
        extra["consent_version"] = CONSENT_VERSIONS[str(get_locale())]
        # Each save drops the photos of a draft without photo consent: none to look for.
        consented = draft is not None and photo_consent(answers) == "yes"
        extra["photos"] = storage.draft_photos(db.session(), draft) if consented else []
    back_to = request.values.get("back_to")
    return render_template(
        "client/step.html",
        form=form,
        errors=form.error_list(),
        steps=STEPS,
        form_titles={name: STEP_FORMS[name].title for name in STEPS},
        number=STEPS.index(form.step) + 1,
        sections=sections,
        resume_link=resume_link() if session.pop("show_resume_link", False) else None,
        welcome_back=session.pop("welcome_back", False),
        back_to_review=back_to == "review" and form.step != "review",
        cleaning_notices=cleaning_notice.notices(draft),
        **extra,
    )


@bp.get("/saved")
def saved():
    draft = current_draft()
    if draft is None:
        return redirect(url_for("client.landing"))
    step = request.args.get("step")
    if step not in STEPS:
        step = drafts.where_to_continue(draft, clinic_today())
    expires_on = format_date(clinic_date(draft.expires_at), "d MMMM y")
    return render_template(
        "client/saved.html",
        link=resume_link(),
        expires_on=expires_on,
        step=step,
        cleaning_notices=cleaning_notice.notices(draft),
    )


def _session_link_ended() -> bool:
    token = session.get("draft_token")
    return isinstance(token, str) and drafts.link_ended(db.session(), token)


def _link_ended_page():
    return render_template("client/link_problem.html", problem="ended"), 410


@bp.get("/resume/<token>")
def resume(token: str):
    draft = drafts.find_draft(db.session(), token) if len(token) <= _TOKEN_LIMIT else None
    if draft is None:
        if len(token) <= _TOKEN_LIMIT and drafts.link_ended(db.session(), token):
            return _link_ended_page()
        return render_template("client/link_problem.html", problem="unknown"), 404
    if drafts.is_expired(draft, utcnow()):
        return render_template("client/link_problem.html", problem="expired"), 410
    session["draft_token"] = token
    session["lang"] = draft.language
    if draft.submission_id is not None:
        return redirect(url_for("client.done"))
    session["welcome_back"] = True
    return redirect(url_for("client.step", step=drafts.where_to_continue(draft, clinic_today())))


@bp.get("/intake/done")
def done():
    draft = current_draft()
    if draft is None or draft.submission_id is None:
        return redirect(url_for("client.landing"))
    submission = db.session().get(Submission, draft.submission_id)
    visit = appointments.visit_of_sent(draft, submission)
    return render_template(
        "client/done.html",
        reference=submission.reference,
        visit=invitations.when(visit) if visit is not None else None,
    )


def _set_language(lang: str, draft: Draft | None) -> None:
    if lang in LANGUAGES:
        session["lang"] = lang
        if draft is not None and draft.submission_id is None:
            draft.language = lang


@bp.post("/language")
def language():
    _set_language(request.form.get("lang", ""), current_draft())
    return redirect(local_path(request.form.get("next")) or url_for("client.landing"))


@bp.errorhandler(CSRFError)
def page_timed_out(error: CSRFError):
    """Show the posted answers again with a fresh token; nothing is saved from the old one."""
    step = (request.view_args or {}).get("step")
    if request.endpoint == "client.step" and step in STEPS:
        draft = current_draft()
        if draft is None or draft.submission_id is None:
            answers = draft.answers if draft is not None else {}
            form = step_form(step, answers, clinic_today(), formdata=request.form)
            return _render_step(form, draft, timed_out=True), 400
    return render_template("client/timed_out.html"), 400
