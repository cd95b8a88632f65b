"""The client's goals in their own words: asked in step 2, kept as written, read by everyone."""

import re

from markupsafe import escape
from sqlalchemy import select

from intake.facts import facts_from_answers
from intake.models import Submission
from intake.questionnaire import FORM_VERSION, STEPS, answer_sections
from intake.rules import validate_facts
from tests.support import pdftools
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.workspace import PASSWORD, add_user, sign_in

BENGALI_GOALS = "ছবিতে গালের দাগগুলো খুব চোখে পড়ে।"
LATIN_GOALS = "I want smoother cheeks before my sister's wedding in March."
GOALS = f"{BENGALI_GOALS}\n{LATIN_GOALS}"
LIMIT_ERROR = "Shorten this answer to 1000 characters or fewer (it has 1001)."


def _submit(app, client, goals: str, language: str = "en") -> Submission:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    intake = Intake(client)
    fields = full_answers(clinic_today())
    fields["skin"]["goals"] = goals
    intake.start()
    for step in STEPS[:-1]:
        assert intake.post(step, fields[step]).status_code == 302, step
    review = client.get("/intake/review").text
    assert intake.post("review", fields["review"]).location == "/intake/done"
    with app.extensions["db_sessionmaker"]() as db:
        submission = db.scalars(select(Submission)).one()
        db.expunge(submission)
    return submission, review


def _specialist(app, client):
    with app.extensions["db_sessionmaker"]() as db:
        add_user(app, db, "meera", PASSWORD, display_name="Dr Meera Sen")
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)
    assert sign_in(client, "meera", PASSWORD).status_code == 303
    return client


def test_goals_typed_in_bengali_reach_review_submission_specialist_and_pdf(app, client):
    submission, review = _submit(app, client, GOALS, language="bn")
    # The review page asks in Bengali and shows the goals as written, line break included.
    assert "নিজের কথায় লিখুন" in review
    assert f"<dd>{escape(GOALS)}</dd>" in review
    assert submission.answers["skin"]["goals"] == GOALS
    assert submission.form_version == FORM_VERSION

    signed_in = _specialist(app, client)
    page = signed_in.get(f"/specialist/intakes/{submission.reference}").text
    goals_at = page.index(BENGALI_GOALS)
    # Near the top: in the header, before the findings and long before the answers.
    assert goals_at < page.index('id="findings-heading"')
    assert "in their own words" in page[:goals_at]
    assert page.count(BENGALI_GOALS) == 2  # and again among the answers, in place

    pdf = signed_in.get(f"/specialist/intakes/{submission.reference}/summary.pdf")
    assert pdf.status_code == 200
    text = " ".join(pdftools.text(pdf.data).split())
    # Among the client's answers, in place.
    words = text[text.index("The client's answers") :]
    words = words[: words.index("Sources")]
    assert "what would you like to change about your skin?" in words
    assert LATIN_GOALS in words


def test_goals_are_optional_and_nothing_is_shown_when_empty(app, client):
    submission, review = _submit(app, client, "   ")
    assert submission.answers["skin"]["goals"] == ""
    assert re.search(r"what would you like to change about your skin\? \(optional\)</dt>", review)
    page = _specialist(app, client).get(f"/specialist/intakes/{submission.reference}").text
    assert 'class="client-goals"' not in page


def test_too_long_goals_are_refused_with_the_limit_and_kept(app, intake):
    intake.start()
    fields = full_answers(clinic_today())
    assert intake.post("about", fields["about"]).status_code == 302
    too_long = "My cheeks " + "x" * 991
    page = intake.post("skin", {**fields["skin"], "goals": too_long})
    assert page.status_code == 200
    assert LIMIT_ERROR in page.text
    # The summary names the question as well as the problem.
    named = rf'<a href="#goals">[^<]*\(optional\): {re.escape(LIMIT_ERROR)}</a>'
    assert re.search(named, page.text)
    # What was typed stays in the box to be shortened, not cut or thrown away.
    assert f">{too_long}</textarea>" in page.text
    just_right = too_long[:1000]
    assert intake.post("skin", {**fields["skin"], "goals": just_right}).status_code == 302


def test_facts_never_read_the_goals(app, client):
    submission, _review = _submit(app, client, GOALS)
    today = clinic_today()
    without = {**submission.answers, "skin": dict(submission.answers["skin"])}
    del without["skin"]["goals"]
    facts = facts_from_answers(submission.answers, today)
    assert facts == facts_from_answers(without, today)
    assert validate_facts(facts)
    assert not any(GOALS in str(value) for value in facts.values())


def test_an_older_form_without_the_goals_question_reads_without_it(app, client):
    submission, _review = _submit(app, client, GOALS)
    assert FORM_VERSION != "2026-11-v1"
    # The same intake as the first form version stored it: step 2 had no goals question.
    with app.extensions["db_sessionmaker"]() as db:
        stored = db.get(Submission, submission.id)
        skin = {k: v for k, v in stored.answers["skin"].items() if k != "goals"}
        stored.answers = {**stored.answers, "skin": skin}
        stored.form_version = "2026-11-v1"
        db.commit()
        old_answers = stored.answers
    with app.test_request_context():
        sections = dict(answer_sections(old_answers))
    skin_rows = dict(sections["Your skin"])
    # Not "Not answered": the question was never asked.
    assert not any("own words" in question for question in skin_rows)
    assert (
        skin_rows["What would you like to improve?"]
        == "Acne scars\nDark patches or uneven skin colour"
    )

    page = _specialist(app, client).get(f"/specialist/intakes/{submission.reference}")
    assert page.status_code == 200
    assert "own words" not in page.text and GOALS not in page.text
    assert "2026-11-v1" in page.text


def test_a_skipped_goals_question_reads_as_not_answered(app, client):
    submission, _review = _submit(app, client, "")
    with app.test_request_context():
        skin_rows = dict(dict(answer_sections(submission.answers))["Your skin"])
    question = "In your own words, what would you like to change about your skin? (optional)"
    assert skin_rows[question] == "Not answered"
