"""Intakes for every suite: the answers a client gives, and the rows stored from them.

Answers come in the two shapes the journey knows: the fields a browser posts for each step
(``full_answers``), and the answers a submission stores (``typical_answers``,
``worst_answers``, ``REVIEWED_ANSWERS``). A stored submission is built by the app's own
``new_submission`` and ``assess_first``, with facts as of the day it was sent, assessed by
the shipped rule set unless a test gives another result; tests/test_factories.py checks
that the real step forms accept every stored answer set unchanged.
"""

import copy
import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from intake.assessing import assess_answers
from intake.config import DEFAULTS
from intake.db import utcnow
from intake.facts import facts_from_answers
from intake.models import Appointment, Decision, Photo, Submission, SubmissionConcern, User
from intake.photos.cleaning import clean_photo
from intake.rules import get_ruleset
from intake.submission import assess_first, new_submission
from tests.support.images import phone_jpeg

SUBMITTED_AT = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
SUBMITTED_ON = SUBMITTED_AT.date()
_numbers = itertools.count(1)

BENGALI = "আমার মুখে ব্রণের দাগ আছে এবং আমি ত্বক মসৃণ করতে চাই। "
HINDI = "मेरे चेहरे पर मुंहासों के निशान हैं और मैं त्वचा को चिकना करना चाहती हूँ। "
ENGLISH = "I would like smoother skin before my sister's wedding in February. "
GOALS = "Fewer marks and an even tone. দাগ কম আর রং সমান হোক। दाग कम और रंगत एक जैसी हो। "
LONG_WORD = "Supercalifragilistic" * 12
# Crashes WeasyPrint 70 with Debian 12's Pango, HarfBuzz and FriBidi (SIGSEGV or SIGABRT)
# wherever overflow-wrap: break-word applies, as it does to every block of the summary.
CRASH = ("\u2067ab\u2069\u202dcd" * 120)[:1000]

# "No" to every health question: each intake changes only what makes it what it is.
QUIET_HEALTH = {
    "pregnant": "no",
    "breastfeeding": "no",
    "hormonal_contraception": "no",
    "diabetes": "no",
    "bleeding_disorder": "no",
    "thrombosis": "no",
    "immune_weakened": "no",
    "autoimmune": "no",
    "cancer_treatment": "no",
    "keloids": "no",
    "raised_scars": "no",
    "cold_sores": "no",
}
QUIET_SKIN_HEALTH = {
    "infection_now": ["none"],
    "active_acne": "none",
    "sunburn_now": "no",
    "tan_now": "no",
    "skin_cancer": "no",
    "moles": "none",
    "skin_conditions": ["none"],
    "allergies": ["none"],
}
QUIET_MEDICINES = {
    "isotretinoin": "never",
    "anticoagulant": "no",
    "antiplatelet": "no",
    "topical_retinoid": "no",
    "procedures": ["none"],
}


# The lists a Yes/No question opens; stored, its No is the list's "None of these".
GATES = {
    "infection_now": "any_infection",
    "skin_conditions": "any_skin_condition",
    "allergies": "any_allergy",
    "procedures": "any_procedure",
}


def as_posted(step_answers: dict) -> dict:
    """Return a step's stored answers as a browser posts them: each list behind its gate."""
    fields = {}
    for name, value in step_answers.items():
        if name in GATES:
            fields[GATES[name]] = "no" if value == ["none"] else "yes"
            if value == ["none"]:
                continue
        fields[name] = value
    return fields


def date_fields(name: str, value: date | None = None, *, day="", month="", year="") -> dict:
    """Return the three boxes of a date question, as a browser posts them."""
    if value is not None:
        day, month, year = str(value.day), str(value.month), str(value.year)
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def full_answers(today: date) -> dict[str, dict]:
    """Return the posted fields of a complete adult intake, step by step."""
    return {
        "about": {
            "full_name": "Asha Roy",
            **date_fields("date_of_birth", today.replace(year=today.year - 30)),
            "sex": "female",
            "phone": "98300 12345",
            "email": "asha@example.com",
        },
        "skin": {
            "concerns": ["acne_scars", "pigmentation"],
            "acne_scars_areas": ["cheeks"],
            "acne_scars_types": ["ice_pick", "rolling"],
            "acne_scars_main_type": "rolling",
            "acne_scars_visibility": "visible_flatten",
            "pigmentation_areas": ["cheeks", "forehead"],
            "pigmentation_type": "melasma",
            "sun_reaction": "rarely_burns_tans_easily",
        },
        "health": {
            **QUIET_HEALTH,
            "hormonal_contraception": "yes",
            "diabetes": "controlled",
            "cold_sores": "yes",
        },
        "skin_health": as_posted(
            {
                **QUIET_SKIN_HEALTH,
                "active_acne": "mild",
                "moles": "benign",
                "skin_conditions": ["eczema"],
                "condition_eczema_where": "elsewhere",
                "condition_eczema_now": "calm",
                "allergies": ["nickel"],
            }
        ),
        "medicines": as_posted(
            {
                **QUIET_MEDICINES,
                "isotretinoin": "stopped",
                **date_fields("isotretinoin_last_dose", today - timedelta(days=400)),
                "antiplatelet": "yes",
                "topical_retinoid": "yes",
                **date_fields("topical_retinoid_last_used", today - timedelta(days=3)),
                "procedures": ["chemical_peel"],
                **date_fields("chemical_peel_date", today - timedelta(days=21)),
                "chemical_peel_depth": "not_sure",
                "medicines_list": "metformin 500 mg twice a day\ncetirizine",
            }
        ),
        "review": {"consent_treatment_data": "yes", "consent_photos": "no"},
    }


def typical_answers(free_text: str | None = None) -> dict:
    """Return the clinic's everyday intake as stored: acne scars and marks, skin type IV.

    ``free_text`` replaces every answer the client types, and opens the questions that ask
    for typed text (autoimmune condition, other skin condition, other allergy).
    """

    def typed(default: str) -> str:
        return default if free_text is None else free_text

    health = {**QUIET_HEALTH, "cold_sores": "yes"}
    skin_health = {**QUIET_SKIN_HEALTH, "active_acne": "mild"}
    if free_text is not None:
        health.update(autoimmune="yes", autoimmune_name=free_text)
        skin_health.update(
            skin_conditions=["other"],
            condition_other_name=free_text,
            condition_other_where="treatment_area",
            condition_other_now="calm",
            allergies=["other"],
            allergy_other=free_text,
        )
    return {
        "about": {
            "full_name": typed("Priya Sen"),
            "date_of_birth": "1999-03-02",
            "sex": "female",
            "phone": typed("+91 98300 00000"),
            "email": typed("priya@example.com"),
        },
        "skin": {
            "goals": typed("The scars on my cheeks bother me in photos."),
            "concerns": ["acne_scars", "pigmentation"],
            "acne_scars_areas": ["cheeks"],
            "acne_scars_types": ["rolling", "boxcar_shallow"],
            "acne_scars_main_type": "rolling",
            "acne_scars_visibility": "visible_flatten",
            "pigmentation_areas": ["cheeks"],
            "pigmentation_type": "post_inflammatory_hyperpigmentation",
            "sun_reaction": "rarely_burns_tans_easily",
        },
        "health": health,
        "skin_health": skin_health,
        "medicines": {
            **QUIET_MEDICINES,
            "topical_retinoid": "yes",
            "topical_retinoid_last_used": "2026-11-17",
            "procedures": ["chemical_peel"],
            "chemical_peel_date": "2026-08-28",
            "chemical_peel_depth": "superficial",
            "medicines_list": typed("Adapalene gel at night"),
        },
        "review": {"consent_treatment_data": ["yes"], "consent_photos": "no"},
    }


def worst_answers() -> dict:
    """Return the worst case as stored: a minor, every concern and finding, three scripts."""
    # As long as the medicines box takes, with a word too long for any line at the end.
    long_text = (ENGLISH + BENGALI + HINDI) * 8 + LONG_WORD
    every_area = ["forehead", "cheeks", "chin_jaw"]
    return {
        "about": {
            "full_name": "অনন্যা চক্রবর্তী (Ananya Chakraborty) अनन्या",
            "date_of_birth": "2009-05-14",
            "sex": "female",
            "phone": "+91 98300 11111",
            "email": "ananya.chakraborty.with.a.very.long.address@example.com",
            "guardian_name": "মিতা চক্রবর্তী",
            "guardian_relationship": "Mother (মা)",
            "guardian_phone": "+91 98300 22222",
        },
        "skin": {
            # As long as the goals box takes, in three scripts.
            "goals": (GOALS * 12)[:1000].strip(),
            "concerns": ["wrinkles", "acne_scars", "pigmentation", "enlarged_pores", "texture"],
            "wrinkles_areas": every_area,
            "wrinkles_look": "everywhere",
            "acne_scars_areas": every_area,
            "acne_scars_types": ["ice_pick", "boxcar_deep", "rolling"],
            "acne_scars_main_type": "ice_pick",
            "acne_scars_visibility": "visible_stay",
            "pigmentation_areas": every_area,
            "pigmentation_type": "melasma",
            "enlarged_pores_areas": every_area,
            "texture_areas": every_area,
            "sun_reaction": "never_burns",
        },
        "health": {
            "pregnant": "no",
            "breastfeeding": "yes",
            "hormonal_contraception": "yes",
            "diabetes": "uncontrolled",
            "bleeding_disorder": "controlled",
            "thrombosis": "yes",
            "immune_weakened": "yes",
            "autoimmune": "yes",
            "autoimmune_name": "Systemic lupus erythematosus " + HINDI.strip(),
            "cancer_treatment": "yes",
            "cancer_last_treatment": "2026-05",
            "cancer_radiotherapy_face": "no",
            "keloids": "yes",
            "raised_scars": "yes",
            "cold_sores": "yes",
        },
        "skin_health": {
            "infection_now": ["cold_sore", "warts"],
            "active_acne": "moderate",
            "sunburn_now": "yes",
            "tan_now": "yes",
            "skin_cancer": "yes",
            "moles": "changing_or_undiagnosed",
            "skin_conditions": ["rosacea", "psoriasis", "vitiligo", "other"],
            "condition_rosacea_where": "treatment_area",
            "condition_rosacea_now": "calm",
            "condition_psoriasis_where": "elsewhere",
            "condition_psoriasis_now": "calm",
            "condition_vitiligo_where": "elsewhere",
            "condition_vitiligo_now": "calm",
            "condition_other_name": (BENGALI * 2).strip(),
            "condition_other_where": "both",
            "condition_other_now": "flaring",
            "allergies": ["local_anaesthetic", "nickel", "gold", "other"],
            "allergy_other": "Vitamin C serum; " + HINDI.strip(),
        },
        "medicines": {
            "isotretinoin": "stopped",
            "isotretinoin_last_dose": "2026-09",
            "anticoagulant": "yes",
            "antiplatelet": "yes",
            "topical_retinoid": "yes",
            "topical_retinoid_last_used": "2026-11-19",
            "procedures": [
                "botulinum_toxin",
                "dermal_filler",
                "chemical_peel",
                "laser",
                "microneedling",
            ],
            "botulinum_toxin_date": "2026-11-13",
            "dermal_filler_date": "2026-11-02",
            "chemical_peel_date": "2026-10-30",
            "chemical_peel_depth": "medium",
            "laser_date": "2026-10-23",
            "laser_kind": "ablative",
            "microneedling_date": "2026-11-12",
            "medicines_list": long_text,
        },
        "review": {
            "consent_treatment_data": ["yes"],
            "consent_photos": "yes",
            "guardian_consent": "yes",
        },
    }


# Free text a client typed. It must never reach the audit trail.
ANSWER_MARKER = "Zebraquine-7731"

# The specialist suite's intake: acne scars and texture, isotretinoin stopped in June.
REVIEWED_ANSWERS = {
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
    "health": {**QUIET_HEALTH, "cold_sores": "yes"},
    "skin_health": QUIET_SKIN_HEALTH,
    "medicines": {
        **QUIET_MEDICINES,
        "isotretinoin": "stopped",
        "isotretinoin_last_dose": "2026-06-10",
        "medicines_list": f"Vitamin D\n{ANSWER_MARKER}",
    },
    "review": {"consent_treatment_data": ["yes"], "consent_photos": "no"},
}

# An assessment by an older rule set (the contract of DESIGN.md), so that re-assessing with
# the shipped rules has something to change.
OLDER_ASSESSMENT = {
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


def make_submission(
    session: Session,
    answers: dict,
    *,
    reference: str,
    language: str = "en",
    submitted_at: datetime = SUBMITTED_AT,
    assessment: dict | None = None,
    **columns,
) -> Submission:
    """Store a submission of ``answers`` as the app does, with facts and assessment; flush it.

    The facts are derived as of the day it was sent in the clinic's calendar, and the shipped
    rule set assesses them (with the day each window ends) unless ``assessment`` gives the
    result of another (for example an older) rule set. ``columns`` overrides any other
    Submission column.
    """
    sent_on = submitted_at.astimezone(ZoneInfo(DEFAULTS["CLINIC_TIMEZONE"])).date()
    if assessment is None:
        facts, result = assess_answers(get_ruleset(), answers, sent_on)
    else:
        facts, result = facts_from_answers(answers, sent_on), assessment
    submission = new_submission(
        answers, reference=reference, language=language, submitted_at=submitted_at
    )
    assess_first(submission, facts, result, sent_on)
    for column, value in columns.items():
        setattr(submission, column, value)
    session.add(submission)
    session.flush()
    return submission


def typical_submission(session: Session, free_text: str | None = None) -> Submission:
    """Store the typical intake."""
    return make_submission(session, typical_answers(free_text), reference="K7QH-3MWD")


def worst_submission(session: Session) -> Submission:
    """Store the worst-case intake: every concern, many findings, three scripts."""
    return make_submission(session, worst_answers(), reference="B2XR-9TLN", language="bn")


def add_photos(
    session: Session,
    submission: Submission,
    count: int,
    concern: str = "acne_scars",
    width: int = 1200,
) -> list[Photo]:
    """Attach ``count`` cleaned phone-like photos of one concern to a submission; flush."""
    photos = []
    for number in range(count):
        clean = clean_photo(phone_jpeg(width + 100 * number, width * 3 // 4, orientation=1))
        photo = Photo(
            submission_id=submission.id,
            concern=concern,
            area="cheeks",
            media_type=clean.media_type,
            width=clean.width,
            height=clean.height,
            size=len(clean.content),
            sha256=clean.sha256,
            content=clean.content,
        )
        session.add(photo)
        photos.append(photo)
    session.flush()
    return photos


def make_specialist(session: Session, username: str = "dr.roy") -> User:
    """Store a specialist (no usable password: whoever needs to sign in adds their own)."""
    user = User(username=username, display_name="Dr Ishita Roy", password_hash="!")
    session.add(user)
    session.flush()
    return user


def add_decision(
    session: Session,
    submission: Submission,
    user: User,
    *,
    outcome: str = "proceed_with_precautions",
    reason: str | None = None,
    notes: str = "",
    after: timedelta = timedelta(days=1),
) -> Decision:
    """Record a specialist's decision on the latest assessment."""
    decision = Decision(
        submission=submission,
        assessment_id=submission.latest_assessment.id,
        user=user,
        created_at=submission.submitted_at + after,
        outcome=outcome,
        notes=notes,
        override_reason=reason,
    )
    session.add(decision)
    session.flush()
    return decision


def reviewed_submission(session: Session, **overrides) -> Submission:
    """Store REVIEWED_ANSWERS as assessed by the older rule set, under a fresh reference; commit.

    Each is sent a minute before the one stored before it, unless ``submitted_at`` says.
    Overrides: any Submission column (``answers`` too: the facts are derived from them), plus
    ``overall`` (the assessment's outcome), ``concerns`` (list of codes), ``assessment`` (a
    whole assessment dict).
    """
    number = next(_numbers)
    assessment = copy.deepcopy(overrides.pop("assessment", OLDER_ASSESSMENT))
    if "overall" in overrides:
        assessment["overall"] = overrides.pop("overall")
    concerns = overrides.pop("concerns", None)
    answers = copy.deepcopy(overrides.pop("answers", REVIEWED_ANSWERS))
    answers["about"]["full_name"] = overrides.pop(
        "full_name", REVIEWED_ANSWERS["about"]["full_name"]
    )
    submission = make_submission(
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
    answers = typical_answers()
    answers["medicines"] = {
        **QUIET_MEDICINES,
        "procedures": ["botulinum_toxin"],
        "botulinum_toxin_date": (sent_on - timedelta(days=10)).isoformat(),
    }
    submission = make_submission(session, answers, reference="T0XN-4WKS", submitted_at=sent_at)
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
