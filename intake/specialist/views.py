"""One intake: read it, re-assess it, decide on it, export it."""

import json
import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from intake import audit, db, lifecycle
from intake.assessing import assessment_date, reassess, record_reassessment
from intake.clinic_time import clinic_today
from intake.glance import answer_sections, client_header
from intake.models import Decision, Photo, Submission
from intake.pdf.prepare import prepare_after_response
from intake.photos import storage
from intake.questionnaire import client_goals
from intake.review_state import status_after_decision
from intake.rules import FactsError, current_ruleset
from intake.specialist import bp, decision_drafts
from intake.specialist.assessments import changes_between, findings_by_severity
from intake.specialist.decisions import goes_against, replacing
from intake.specialist.forms import DecisionForm, ReassessForm
from intake.specialist.references import find_submission
from intake.wording import AREAS, CONCERNS, describe_because, long_date, words

log = logging.getLogger(__name__)


def _submission(reference: str) -> Submission:
    submission = db.session().scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        abort(404)
    return submission


def _render_detail(submission: Submission, form: DecisionForm, status: int = 200, **extra):
    assessment = submission.latest_assessment
    previous = submission.assessments[-2] if len(submission.assessments) > 1 else None
    form.assessment_id.data = str(assessment.id)
    form.confirm_replace.data = False
    return render_template(
        "specialist/intake.html",
        submission=submission,
        assessment=assessment,
        sections=answer_sections(submission.answers),
        goals=client_goals(submission.answers),
        findings=findings_by_severity(assessment.result),
        header=client_header(submission),
        because=lambda flag: describe_because(
            flag.get("because", {}), submission.facts, submission.answers
        ),
        citations=current_ruleset().sources,
        changes=changes_between(previous, assessment) if previous else None,
        form=form,
        against_rules=lambda decision: goes_against(decision, assessment.overall),
        replacing=replacing,
        photos=storage.submission_photos(db.session(), submission),
        concern_words=lambda concern: words(CONCERNS, concern),
        area_words=lambda area: words(AREAS, area),
        **extra,
    ), status


@bp.get("/intakes/<reference>")
def intake(reference: str):
    """Show one intake: answers, findings, candidacy, versions, decisions."""
    submission = db.session().scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        found = find_submission(reference)
        if found is None:
            abort(404)
        return redirect(url_for("specialist.intake", reference=found.reference), 301)
    if submission.status == "new":
        submission.status = "viewed"
    audit.record("intake_viewed", submission)
    prepare_after_response(submission.id)
    typed = decision_drafts.take(current_user._get_current_object(), submission)
    if typed is None:
        return _render_detail(submission, DecisionForm(formdata=None))
    form = DecisionForm(formdata=MultiDict(typed))
    stale = typed.get("assessment_id") != str(submission.latest_assessment.id)
    return _render_detail(submission, form, restored=True, stale=stale)


@bp.post("/intakes/<reference>/decision")
def decide(reference: str):
    """Record a decision; one against the rules' outcome needs a written reason."""
    submission = _submission(reference)
    assessment = submission.latest_assessment
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render_detail(submission, form, 400)
    if form.assessment_id.data != str(assessment.id):
        # Someone re-assessed while this specialist was reading: they must see the new findings.
        return _render_detail(submission, form, 409, stale=True)
    replaced = submission.latest_decision
    if replaced is not None and not form.confirm_replace.data:
        form.confirm_replace.errors.append(
            f"Yours replaces {replacing(replaced)}. Tick the box to confirm; the earlier "
            "decision stays in the history."
        )
        return _render_detail(submission, form, 400)
    against = goes_against(form.outcome.data, assessment.overall)
    reason = (form.override_reason.data or "").strip()
    if against and not reason:
        form.override_reason.errors.append(
            "This decision differs from the rules' outcome: write why, so the record explains it."
        )
        return _render_detail(submission, form, 400)
    decision = Decision(
        assessment_id=assessment.id,
        user_id=current_user.id,
        outcome=form.outcome.data,
        notes=(form.notes.data or "").strip(),
        override_reason=reason or None,
    )
    submission.decisions.append(decision)
    submission.status = status_after_decision(decision.outcome)
    db.session().flush()
    audit.record(
        "decision_recorded",
        submission,
        {
            "decision_id": decision.id,
            "assessment_id": assessment.id,
            "replaces": replaced.id if replaced else None,
            "decision": decision.outcome,
            "rules_outcome": assessment.overall,
            "against_rules": against,
        },
    )
    prepare_after_response(submission.id)
    flash("Decision recorded.", "notice")
    return redirect(
        url_for("specialist.intake", reference=submission.reference) + "#decisions", 303
    )


@bp.post("/intakes/<reference>/reassess")
def reassess_intake(reference: str):
    """Assess again with the current rules as of the assessment date or today; keep the old."""
    submission = _submission(reference)
    form = ReassessForm()
    if not form.validate_on_submit():
        abort(400)
    as_of = clinic_today() if form.as_of.data == "today" else assessment_date(submission)
    previous = submission.latest_assessment
    if previous.rules_version == current_ruleset().version and previous.as_of == as_of:
        flash(
            "This intake is already assessed with the current rules as of "
            f"{long_date(as_of)}; nothing to do."
        )
        return redirect(url_for("specialist.intake", reference=reference), 303)
    try:
        assessment = reassess(submission, as_of)
    except FactsError as error:
        # The message can quote the facts: log its kind only, and say what to do.
        log.error("re-assessment failed: %s", type(error).__name__)
        flash(
            "The current rules could not assess this intake: the facts its stored answers give "
            "do not fit their schema. The earlier assessment stands; ask an administrator."
        )
        return redirect(url_for("specialist.intake", reference=reference), 303)
    record_reassessment(submission, previous, assessment)
    prepare_after_response(submission.id)
    flash(
        f"Re-assessed with the current rules as of {long_date(as_of)}. What changed is shown below."
    )
    return redirect(url_for("specialist.intake", reference=reference) + "#changes", 303)


@bp.get("/intakes/<reference>/photos/<int:photo_id>")
def photo(reference: str, photo_id: int):
    """Show one of the intake's photos, full size; every view is audited."""
    submission = _submission(reference)
    found = db.session().get(Photo, photo_id)
    if found is None or found.submission_id != submission.id:
        abort(404)
    audit.record("photo_viewed", submission, {"photo_id": found.id})
    return (
        found.content,
        200,
        {
            "Content-Type": found.media_type,
            "Content-Disposition": "inline",
            "Cache-Control": "no-store",
        },
    )


@bp.get("/intakes/<reference>/export.json")
def export(reference: str):
    """Download everything stored about the intake, for the client's access request."""
    submission = _submission(reference)
    audit.record("exported", submission, {"format": "json", "via": "web"})
    body = json.dumps(lifecycle.export_record(submission), ensure_ascii=False, indent=2)
    return (
        body,
        200,
        {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": f'attachment; filename="intake-{submission.reference}.json"',
        },
    )
