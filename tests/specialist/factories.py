"""The specialist suite's intake: its stored answers, assessed by an older rule set."""

import copy
import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from intake.config import DEFAULTS
from intake.db import utcnow
from intake.models import Appointment, Submission, SubmissionConcern
from tests import factories

# Free text a client typed. It must never reach the audit trail.
ANSWER_MARKER = "Zebraquine-7731"

_numbers = itertools.count(1)

ANSWERS = {
    "about": {
        "full_name": "Priya Das",
        "date_of_birth": "1991-04-12",
        "sex": "female",
        "phone": "98300 00000",
        "email": "priya@example.com",
    },
    "skin": {
        "goals": "",
        "concerns": ["acne_scars", "texture"],
        "acne_scars_areas": ["cheeks"],
        "acne_scars_types": ["ice_pick", "rolling"],
        "acne_scars_main_type": "rolling",
        "acne_scars_visibility": "visible_flatten",
        "texture_areas": ["cheeks"],
        "sun_reaction": "rarely_burns_tans_easily",
    },
    "health": {**factories.QUIET_HEALTH, "cold_sores": "yes"},
    "skin_health": factories.QUIET_SKIN_HEALTH,
    "medicines": {
        **factories.QUIET_MEDICINES,
        "isotretinoin": "stopped",
        "isotretinoin_last_dose": "2026-06-10",
        "medicines_list": f"Vitamin D\n{ANSWER_MARKER}",
    },
    "review": {"consent_treatment_data": ["yes"], "consent_photos": "no"},
}

# An assessment by an older rule set (the contract of DESIGN.md), so that re-assessing with
# the shipped rules has something to change.
ASSESSMENT = {
    "rules_version": "2026.10.0+test000000",
    "overall": "needs_specialist_review",
    "flags": [
        {
            "id": "isotretinoin_within_6_months",
            "severity": "review",
            "concern": None,
            "title": "Isotretinoin now or in the last 6 months",
            "explanation": "Sources disagree on the waiting time; decide case by case.",
            "because": {"isotretinoin_last_dose_months_ago": 5},
            "sources": ["S9", "S11"],
            "contested": True,
        },
        {
            "id": "herpes_history_antiviral_prophylaxis",
            "severity": "precaution",
            "concern": None,
            "title": "Cold sore history: antiviral prophylaxis",
            "explanation": "Start oral antiviral prophylaxis before treatment.",
            "because": {"herpes_history": True},
            "sources": ["S60"],
            "contested": False,
        },
        {
            "id": "ice_pick_scars_need_tca_cross_or_punch",
            "severity": "advisory",
            "concern": "acne_scars",
            "title": "Ice pick scars: add TCA CROSS or punch excision",
            "explanation": "Ice pick scars respond poorly to microneedling alone.",
            "because": {"concerns[0].scar_types": ["rolling", "ice_pick"]},
            "sources": ["S28", "S29"],
            "contested": False,
        },
    ],
    "per_concern": {
        "acne_scars": {
            "rating": "fair_candidate",
            "plan": {
                "needle_depth_mm": [1.5, 2.0],
                "sessions": [3, 6],
                "interval_weeks": [4, 6],
                "adjuncts": ["TCA CROSS for ice pick scars"],
            },
            "notes": "Mixed picture with ice pick scars.",
        },
        "texture": {
            "rating": "good_candidate",
            "plan": {
                "needle_depth_mm": [0.5, 1.0],
                "sessions": [3, 4],
                "interval_weeks": [4, 4],
                "adjuncts": [],
            },
            "notes": "",
        },
    },
}


def make_submission(session: Session, **overrides) -> Submission:
    """Store a submitted intake with its concerns, consents and the older assessment; commit.

    Overrides: any Submission column (``answers`` too: the facts are derived from them), plus
    ``overall`` (the assessment's outcome), ``concerns`` (list of codes), ``assessment`` (a
    whole assessment dict).
    """
    number = next(_numbers)
    assessment = copy.deepcopy(overrides.pop("assessment", ASSESSMENT))
    if "overall" in overrides:
        assessment["overall"] = overrides.pop("overall")
    concerns = overrides.pop("concerns", None)
    answers = copy.deepcopy(overrides.pop("answers", ANSWERS))
    answers["about"]["full_name"] = overrides.pop("full_name", ANSWERS["about"]["full_name"])
    submission = factories.make_submission(
        session,
        answers,
        reference=overrides.pop("reference", f"T{number:03d}-{number * 7919 % 10000:04d}"),
        submitted_at=overrides.pop("submitted_at", utcnow() - timedelta(minutes=number)),
        assessment=assessment,
        **overrides,
    )
    if concerns is not None:
        # The dashboard's concern filter reads these rows, not the answers.
        submission.concerns = [SubmissionConcern(concern=code) for code in concerns]
    session.commit()
    return submission


def sent_before_toxin_window_ended(session: Session) -> tuple[Submission, date]:
    """Store an intake sent 20 days ago by a client who had botulinum toxin 10 days before.

    Assessed as of its sending date by the shipped rules, so the 2-week toxin window is
    still open then (it ended 4 days after). Returns it with its sending date; commits.
    """
    sent_at = utcnow() - timedelta(days=20)
    sent_on = sent_at.astimezone(ZoneInfo(DEFAULTS["CLINIC_TIMEZONE"])).date()
    answers = factories.typical_answers()
    answers["medicines"] = {
        **factories.QUIET_MEDICINES,
        "procedures": ["botulinum_toxin"],
        "botulinum_toxin_date": (sent_on - timedelta(days=10)).isoformat(),
    }
    submission = factories.make_submission(
        session, answers, reference="T0XN-4WKS", submitted_at=sent_at
    )
    session.commit()
    return submission, sent_on


def add_visit(
    session: Session, submission: Submission, starts_at: datetime, status: str = "intake_sent"
) -> Appointment:
    """Attach the intake to a visit starting at ``starts_at`` (UTC); commit."""
    day = starts_at.astimezone(ZoneInfo(DEFAULTS["CLINIC_TIMEZONE"])).date()
    visit = Appointment(
        client_name=submission.full_name,
        mobile=f"+9198300{submission.id:05d}",
        language=submission.language,
        starts_at=starts_at,
        visit_date=day,
        status=status,
        submission=submission,
    )
    session.add(visit)
    session.commit()
    return visit
