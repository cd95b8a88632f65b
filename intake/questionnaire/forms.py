"""The six steps of the intake as forms: every question in plain words, every check explained."""

import re
from datetime import date

from wtforms.validators import ValidationError

from intake.dates import PartialDate, whole_years
from intake.questionnaire.fields import (
    ChoiceField,
    DatePartsField,
    Followup,
    Heading,
    NotInFuture,
    PlausibleBirthDate,
    Required,
    StepForm,
    TextField,
)
from intake.questionnaire.typed_values import ascii_digits
from intake.translating import lazy_gettext as _l

# Stamped on every submission; change it whenever a question or its answers change meaning.
# v2: step 2 asks for the client's goals in their own words ("goals").
# v3: step 3 asks about raised scars, skin cancer and a tan; infections allow several answers;
# infections, skin conditions, allergies and recent treatments have "None of these".
# v4: step 3's skin questions and allergies are a step of their own ("skin_health").
# v5: infections, skin conditions, allergies and recent treatments are asked Yes/No first, the
# list opening on Yes; stored as before (No is the list's "None of these").
FORM_VERSION = "2026-12-v5"
# Stamped on every consent. Each language's wording is versioned on its own: bump a
# language's version whenever its consent text changes (tests/i18n pins each wording).
# v2: the photo consent covers the photos a client adds on the photo page.
CONSENT_VERSIONS = {"en": "2026-12-v2-en", "bn": "2026-12-v2-bn", "hi": "2026-12-v2-hi"}

ADULT_AGE = 18

CONSENT_TEXTS = {
    "treatment_data": _l(
        "I agree that the clinic may keep my answers and use them to decide whether "
        "microneedling is right for me and to plan my care. Only the clinic's skin specialists "
        "can see them. They are kept with my clinic records, and I can ask the clinic to see "
        "or correct them at any time. My answers are true as far as I know."
    ),
    "photos": _l(
        "The clinic may keep photos of my skin: the ones I add to this form, and the ones taken "
        "at the clinic before and after treatment, to follow how my skin changes. Only the "
        "clinic's skin specialists see them. They stay in my clinic record and are never "
        "published or shared. Saying no does not change my care."
    ),
}


def consent_language(version: str) -> str | None:
    """Return the language whose current consent text has this version, or None."""
    return next((lang for lang, known in CONSENT_VERSIONS.items() if known == version), None)


YES_NO = (("yes", _l("Yes")), ("no", _l("No")))
NONE_OF_THESE = ("none", _l("None of these"))
MONTH_IS_ENOUGH = _l("The month and year are enough if you do not remember the day.")
NOT_IN_FUTURE = _l("This date is in the future. Enter a date that has already passed.")


def yes_no(label, missing, hint=None, *, examples=False, gates=None) -> ChoiceField:
    """Return a required Yes/No question, its two answers side by side.

    ``gates``: the list of choices this question opens on Yes (see ChoiceField).
    """
    return ChoiceField(
        label,
        [Required(missing)],
        choices=YES_NO,
        description=hint,
        compact=True,
        examples=examples,
        gates=gates,
    )


def gated_list(label, missing, choices) -> ChoiceField:
    """Return the list a Yes/No question opens: several answers, "None of these" being No."""
    return ChoiceField(
        label,
        [Required(missing)],
        choices=choices,
        multiple=True,
        exclusive=NONE_OF_THESE[0],
        description=_l("Choose all that apply."),
    )


def when_yes(gate: str, listed: str) -> Followup:
    """Return the follow-up that opens a gate's list on Yes."""
    return Followup(listed, (listed,), when=(gate, frozenset({"yes"})))


def past_date(label, missing, hint=None, *, month_only=True, **kwargs) -> DatePartsField:
    """Return a required date that cannot be in the future."""
    return DatePartsField(
        label,
        [Required(missing), NotInFuture(NOT_IN_FUTURE)],
        month_only=month_only,
        description=hint,
        **kwargs,
    )


def age_on(birth_iso: object, today: date | None) -> int | None:
    """Return the age in whole years for a stored date of birth, or None if unknown."""
    if not isinstance(birth_iso, str) or today is None:
        return None
    try:
        born = PartialDate.from_iso(birth_iso)
    except ValueError:
        return None
    return whole_years(born.earliest(), today)


# ---------------------------------------------------------------- step 1: about you


def _under_18_here(form: "AboutForm") -> bool | None:
    born, today = form.date_of_birth.data, form.context.today
    if born is None or today is None or form.date_of_birth.problem:
        return None
    return whole_years(born.earliest(), today) < ADULT_AGE


SEX = (
    ("female", _l("Female")),
    ("male", _l("Male")),
    ("other", _l("Something else (for example intersex)")),
    ("prefer_not", _l("I would rather not say")),
)
_PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()\-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _check_phone(text: str) -> None:
    digits = sum(ch.isdecimal() for ch in text)
    if not _PHONE_CHARACTERS.match(text) or not 7 <= digits <= 15:
        raise ValidationError(
            _l("Enter a phone number in digits, for example 98300 12345 or +91 98300 12345.")
        )


class AboutForm(StepForm):
    step = "about"
    title = _l("About you")
    intro = _l("So the clinic knows who you are and how to reach you.")

    full_name = TextField(
        _l("Full name"),
        [Required(_l("Enter your full name."))],
        max_length=120,
        autocomplete="name",
    )
    date_of_birth = DatePartsField(
        _l("Date of birth"),
        [Required(_l("Enter your date of birth.")), PlausibleBirthDate()],
        description=_l("For example 27 3 1990."),
    )
    sex = ChoiceField(
        _l("Sex"),
        [Required(_l("Choose one of the options for sex."))],
        choices=SEX,
        description=_l("Some health questions, such as pregnancy, apply only to some people."),
    )
    phone = TextField(
        _l("Mobile number"),
        [Required(_l("Enter a mobile number so the clinic can reach you."))],
        max_length=20,
        input_type="tel",
        autocomplete="tel",
        input_class="input--medium",
        normalise=ascii_digits,
    )
    email = TextField(
        _l("Email address (optional)"),
        max_length=254,
        input_type="email",
        autocomplete="email",
    )
    guardian_name = TextField(
        _l("Your parent or guardian's full name"),
        [Required(_l("Enter your parent or guardian's full name."))],
        max_length=120,
    )
    guardian_relationship = TextField(
        _l("How are they related to you?"),
        [Required(_l("Say how they are related to you, for example mother."))],
        max_length=60,
        description=_l("For example mother, father or legal guardian."),
        input_class="input--medium",
    )
    guardian_phone = TextField(
        _l("Their mobile number"),
        [Required(_l("Enter your parent or guardian's mobile number."))],
        max_length=20,
        input_type="tel",
        input_class="input--medium",
        normalise=ascii_digits,
    )

    layout = (
        "full_name",
        "date_of_birth",
        "sex",
        "phone",
        "email",
        Followup(
            "guardian",
            ("guardian_name", "guardian_relationship", "guardian_phone"),
            title=_l(
                "Because you are under 18, a parent or guardian needs to agree to treatment "
                "and come with you to the visit."
            ),
            test=_under_18_here,
        ),
    )

    def validate_phone(self, field):
        _check_phone(field.data)

    def validate_guardian_phone(self, field):
        _check_phone(field.data)

    def validate_email(self, field):
        if field.data and not _EMAIL.match(field.data):
            raise ValidationError(
                _l("Enter an email address like name@example.com, or leave it empty.")
            )


# ---------------------------------------------------------------- step 2: your skin

CONCERNS = (
    ("wrinkles", _l("Fine lines and wrinkles")),
    ("acne_scars", _l("Acne scars"), _l("Marks or dents left in the skin after pimples")),
    ("pigmentation", _l("Dark patches or uneven skin colour")),
    ("enlarged_pores", _l("Large, visible pores")),
    ("texture", _l("Rough or uneven skin texture")),
)
CONCERN_LABELS = dict(c[:2] for c in CONCERNS)
AREAS = (
    ("forehead", _l("Forehead")),
    ("around_eyes", _l("Around the eyes")),
    ("cheeks", _l("Cheeks")),
    ("nose", _l("Nose")),
    ("around_mouth", _l("Mouth and upper lip")),
    ("chin_jaw", _l("Chin and jaw")),
    ("neck", _l("Neck")),
)
WRINKLE_LOOKS = (
    (
        "barely",
        _l("Very fine lines that are hard to see"),
        _l("Perhaps some uneven colour from the sun, but no real lines."),
    ),
    (
        "when_moving",
        _l("Lines only when my face moves"),
        _l("When I smile, frown or raise my eyebrows. They go when my face is still."),
    ),
    (
        "at_rest",
        _l("Lines even when my face is still"),
        _l("They stay when I am not moving my face."),
    ),
    (
        "everywhere",
        _l("Many deep lines almost everywhere"),
        _l("Often with loose or sagging skin, or a lot of sun damage."),
    ),
)
SCAR_TYPES = (
    (
        "rolling",
        _l("Wide, soft dips"),
        _l("Gentle dips with sloping edges that make the skin look wavy."),
    ),
    (
        "boxcar_shallow",
        _l("Round or oval dents with sharp edges, shallow"),
        _l("Like small, shallow craters with steep sides."),
    ),
    (
        "boxcar_deep",
        _l("Round or oval dents with sharp edges, deep"),
        _l("Like small, deep craters with steep sides."),
    ),
    (
        "ice_pick",
        _l("Narrow, deep pits"),
        _l("Tiny holes like a pinprick or a large open pore."),
    ),
)
SCAR_VISIBILITY = (
    (
        "flat_marks",
        _l("Flat marks only"),
        _l("Red, brown or white marks, but the skin is not dented."),
    ),
    (
        "close_up",
        _l("Dents I notice only up close"),
        _l("Hard to see from an arm's length away; make-up or a beard covers them."),
    ),
    (
        "visible_flatten",
        _l("Dents others see when talking to me, that flatten when I stretch the skin"),
        _l("Easy to see from an arm's length away and hard to cover with make-up."),
    ),
    (
        "visible_stay",
        _l("Dents others see when talking to me, that stay when I stretch the skin"),
        _l("Easy to see from an arm's length away, and stretching does not smooth them."),
    ),
)
PIGMENTATION_TYPES = (
    (
        "melasma",
        _l("Patches on the cheeks, forehead or upper lip"),
        _l(
            "Often on both sides of the face. They can start or darken with pregnancy, the pill "
            "or the sun."
        ),
    ),
    (
        "post_inflammatory_hyperpigmentation",
        _l("Dark marks left after pimples, cuts or rashes"),
        _l("Flat marks where the skin was once sore or inflamed."),
    ),
    (
        "sun_spots",
        _l("Sun spots or freckles"),
        _l("Small, flat brown spots on skin that gets a lot of sun."),
    ),
)
SUN_REACTIONS = (
    ("always_burns_never_tans", _l("I always burn and never tan")),
    ("usually_burns_tans_little", _l("I usually burn, and tan only a little")),
    ("sometimes_burns_tans_slowly", _l("I sometimes burn a little, and slowly tan to light brown")),
    ("rarely_burns_tans_easily", _l("I rarely burn, and tan easily to medium brown")),
    ("very_rarely_burns_tans_dark", _l("I very rarely burn, and tan easily to dark brown")),
    ("never_burns", _l("I never burn; my skin is naturally deep dark brown")),
)


def _areas(label) -> ChoiceField:
    return ChoiceField(
        label,
        [Required(_l("Choose at least one area."))],
        choices=AREAS,
        multiple=True,
        compact=True,
        description=_l("Choose all that apply."),
    )


def _when_concern(concern: str, fields: tuple[str, ...], title, name=None) -> Followup:
    return Followup(name or concern, fields, title=title, when=("concerns", frozenset({concern})))


class SkinForm(StepForm):
    step = "skin"
    title = _l("Your skin")
    intro = _l("Tell us what you would like to improve. There are no wrong answers.")

    concerns = ChoiceField(
        _l("What would you like to improve?"),
        [Required(_l("Choose at least one thing you would like to improve."))],
        choices=CONCERNS,
        multiple=True,
        description=_l("Choose all that apply. A few questions about each will follow."),
    )
    wrinkles_areas = _areas(_l("Where are your lines and wrinkles?"))
    wrinkles_look = ChoiceField(
        _l("How do your lines look?"),
        [Required(_l("Choose how your lines look."))],
        choices=WRINKLE_LOOKS,
        description=_l("Look in a mirror with your face relaxed, then smile and frown."),
    )
    acne_scars_areas = _areas(_l("Where are your acne scars?"))
    acne_scars_types = ChoiceField(
        _l("What do your scars look like?"),
        [Required(_l("Choose at least one kind of scar."))],
        choices=SCAR_TYPES,
        multiple=True,
        description=_l("Choose all that apply. Many people have more than one kind."),
    )
    acne_scars_main_type = ChoiceField(
        _l("Which kind do you have most of? (optional)"),
        choices=(
            *((value, label) for value, label, _ in SCAR_TYPES),
            ("not_sure", _l("About the same, or I am not sure")),
        ),
    )
    acne_scars_visibility = ChoiceField(
        _l("How visible are your acne scars?"),
        [Required(_l("Choose how visible your scars are."))],
        choices=SCAR_VISIBILITY,
        description=_l(
            "Look in a mirror from about an arm's length away, then gently stretch the skin "
            "with two fingers."
        ),
    )
    pigmentation_areas = _areas(_l("Where are the dark patches?"))
    pigmentation_type = ChoiceField(
        _l("Which looks most like your dark patches?"),
        [Required(_l("Choose the description closest to your dark patches."))],
        choices=PIGMENTATION_TYPES,
        description=_l("Choose the closest. The specialist will look at your skin at the visit."),
    )
    enlarged_pores_areas = _areas(_l("Where are the large pores?"))
    texture_areas = _areas(_l("Where is the skin rough or uneven?"))
    goals = TextField(
        _l("In your own words, what would you like to change about your skin? (optional)"),
        max_length=1000,
        multiline=True,
        description=_l("For example: the scars on my cheeks bother me in photos."),
    )
    sun_reaction = ChoiceField(
        _l("What happens to your skin in strong sun without sunscreen?"),
        [Required(_l("Choose what happens to your skin in strong sun."))],
        choices=SUN_REACTIONS,
        description=_l(
            "Think of an hour in the midday sun. Burning means the skin turns red and sore."
        ),
    )

    layout = (
        "concerns",
        _when_concern(
            "wrinkles", ("wrinkles_areas", "wrinkles_look"), _l("Fine lines and wrinkles")
        ),
        _when_concern("acne_scars", ("acne_scars_areas", "acne_scars_types"), _l("Acne scars")),
        # Asked only of those with more than one kind: the others have answered it already.
        Followup(
            "acne_scars_main_type",
            ("acne_scars_main_type",),
            when=("acne_scars_types", frozenset(value for value, *_ in SCAR_TYPES)),
            at_least=2,
        ),
        _when_concern("acne_scars", ("acne_scars_visibility",), None, "acne_scars_visibility"),
        _when_concern(
            "pigmentation",
            ("pigmentation_areas", "pigmentation_type"),
            _l("Dark patches or uneven skin colour"),
        ),
        _when_concern("enlarged_pores", ("enlarged_pores_areas",), _l("Large, visible pores")),
        _when_concern("texture", ("texture_areas",), _l("Rough or uneven skin texture")),
        "goals",
        Heading(_l("Your skin in the sun")),
        "sun_reaction",
    )

    def validate_acne_scars_main_type(self, field):
        chosen = self.acne_scars_types.data
        if field.data and field.data != "not_sure" and field.data not in chosen:
            raise ValidationError(_l("Choose one of the kinds of scar you ticked above."))


# ---------------------------------------------------------------- step 3: health

DIABETES = (
    ("no", _l("No")),
    ("controlled", _l("Yes, and it is well controlled"), _l("My doctor is happy with my sugar.")),
    ("uncontrolled", _l("Yes, and it is not well controlled, or I am not sure")),
)
BLEEDING = (
    ("no", _l("No")),
    ("controlled", _l("Yes, and my doctor manages it")),
    ("uncontrolled", _l("Yes, and it is not managed, or I am not sure")),
)
INFECTIONS = (
    ("cold_sore", _l("A cold sore (fever blister)")),
    (
        "shingles",
        _l("Shingles"),
        _l("A painful rash of blisters in a band on one side of the face or body."),
    ),
    ("impetigo", _l("Crusty, oozing or yellow sores (impetigo)")),
    ("fungal", _l("A fungal infection: an itchy, scaly, ring-shaped patch")),
    ("warts", _l("Warts")),
    ("other", _l("Another infection there"), _l("For example infected spots.")),
    NONE_OF_THESE,
)
ACNE_NOW = (
    ("none", _l("No pimples at the moment")),
    ("mild", _l("A few blackheads, whiteheads or small pimples")),
    ("moderate", _l("Many pimples, some red or sore")),
    ("severe", _l("Large, painful lumps or cysts deep under the skin")),
)
MOLES = (
    ("none", _l("No")),
    ("benign", _l("Yes, and they have not changed")),
    (
        "changing_or_undiagnosed",
        _l("Yes, and one is new, has changed or bleeds, or a doctor has never checked it"),
    ),
)
SKIN_CONDITIONS = (
    ("eczema", _l("Eczema (dermatitis)"), _l("Dry, itchy, red patches.")),
    ("psoriasis", _l("Psoriasis"), _l("Thick, red, scaly patches.")),
    ("rosacea", _l("Rosacea"), _l("Redness and flushing on the cheeks and nose.")),
    ("vitiligo", _l("Vitiligo"), _l("White patches where the skin has lost its colour.")),
    ("lichen_planus", _l("Lichen planus"), _l("Itchy, flat, purplish bumps.")),
    ("cutaneous_lupus", _l("Lupus of the skin"), _l("Red, scaly or scarring patches.")),
    ("other", _l("Another skin condition")),
    NONE_OF_THESE,
)
CONDITIONS = tuple(c for c in SKIN_CONDITIONS if c is not NONE_OF_THESE)
CONDITION_LABELS = {value: label for value, label, *_ in CONDITIONS}
CONDITION_PLACES = (
    ("treatment_area", _l("On the parts of my face I want treated")),
    ("elsewhere", _l("Only elsewhere on my face or body")),
    ("both", _l("Both")),
)
CONDITION_STATES = (
    ("flaring", _l("It is flaring up now")),
    ("calm", _l("It is calm at the moment")),
)
ALLERGIES = (
    (
        "local_anaesthetic",
        _l("Numbing cream or local anaesthetic"),
        _l("For example lidocaine, or the injection at the dentist."),
    ),
    ("nickel", _l("Nickel"), _l("For example a rash from cheap jewellery or jeans buttons.")),
    ("gold", _l("Gold")),
    ("other_metal", _l("Another metal")),
    ("topical_product", _l("Skincare products or serums"), _l("For example vitamin C serum.")),
    ("other", _l("Something else")),
    NONE_OF_THESE,
)


def _may_be_pregnant(form: StepForm) -> bool:
    return form.context.answers.get("about", {}).get("sex") != "male"


def _condition_fields(condition: str) -> dict:
    label = CONDITION_LABELS[condition]
    return {
        f"condition_{condition}_where": ChoiceField(
            _l("Where is it?"),
            [Required(_l("Choose where you have it."))],
            choices=CONDITION_PLACES,
            summary_label=_l("%(condition)s: where is it?", condition=label),
        ),
        f"condition_{condition}_now": ChoiceField(
            _l("How is it now?"),
            [Required(_l("Choose how it is now."))],
            choices=CONDITION_STATES,
            summary_label=_l("%(condition)s: how is it now?", condition=label),
        ),
    }


def _condition_followup(condition: str) -> Followup:
    fields = tuple(_condition_fields(condition))
    if condition == "other":
        fields = ("condition_other_name", *fields)
    return Followup(
        f"condition_{condition}",
        fields,
        title=CONDITION_LABELS[condition],
        when=("skin_conditions", frozenset({condition})),
    )


class HealthForm(StepForm):
    step = "health"
    title = _l("Your health")
    intro = _l(
        "Some health conditions change how skin heals. Your answers are private and only the "
        "clinic's specialists see them."
    )

    pregnant = yes_no(
        _l("Are you pregnant, or could you be?"),
        _l("Say whether you are or could be pregnant."),
    )
    breastfeeding = yes_no(_l("Are you breastfeeding?"), _l("Say whether you are breastfeeding."))
    hormonal_contraception = yes_no(
        _l("Do you use hormonal contraception?"),
        _l("Say whether you use hormonal contraception."),
        _l(
            "The pill, an injection, an implant or a hormonal coil (like Mirena; not a copper "
            "coil)."
        ),
    )
    diabetes = ChoiceField(
        _l("Do you have diabetes?"),
        [Required(_l("Say whether you have diabetes."))],
        choices=DIABETES,
    )
    bleeding_disorder = ChoiceField(
        _l("Do you have a condition that makes you bleed or bruise easily?"),
        [Required(_l("Say whether you bleed or bruise easily."))],
        choices=BLEEDING,
        description=_l("For example haemophilia, von Willebrand disease or low platelets."),
        examples=True,
    )
    thrombosis = yes_no(
        _l("Have you ever had a blood clot?"),
        _l("Say whether you have had a blood clot."),
        _l("For example in a leg (DVT) or a lung, or a stroke caused by a clot."),
        examples=True,
    )
    immune_weakened = yes_no(
        _l("Is your immune system weakened by an illness or a medicine?"),
        _l("Say whether your immune system is weakened."),
        _l(
            "For example after an organ transplant; taking methotrexate, biologic injections or "
            "steroid tablets; or HIV with a low CD4 count."
        ),
        examples=True,
    )
    autoimmune = yes_no(
        _l("Do you have an autoimmune or connective-tissue disease?"),
        _l("Say whether you have an autoimmune disease."),
        _l("For example lupus (SLE), scleroderma or rheumatoid arthritis."),
        examples=True,
    )
    autoimmune_name = TextField(
        _l("What is it called?"),
        [Required(_l("Write the name of the condition, as your doctor calls it."))],
        max_length=120,
    )
    cancer_treatment = yes_no(
        _l("Have you ever had chemotherapy or radiotherapy?"),
        _l("Say whether you have had chemotherapy or radiotherapy."),
    )
    cancer_last_treatment = past_date(
        _l("When did your last chemotherapy or radiotherapy end?"),
        _l("Enter when your last treatment ended."),
        MONTH_IS_ENOUGH,
    )
    cancer_radiotherapy_face = yes_no(
        _l("Was radiotherapy ever aimed at your face or neck?"),
        _l("Say whether radiotherapy was aimed at your face or neck."),
    )
    # A question per answer: the rules read each one (reference sections A and B).
    keloids = yes_no(
        _l("Have you ever had a keloid?"),
        _l("Say whether you have had a keloid."),
        _l(
            "A keloid is a raised, thick scar that keeps growing beyond the edges of the "
            "original wound, for example after a piercing or a cut."
        ),
    )
    raised_scars = yes_no(
        _l("Have you ever had a raised, thick scar that stayed within the edges of the wound?"),
        _l("Say whether you have had a raised scar."),
        _l(
            "For example a scar from a cut, a burn or an operation that became lumpy and raised "
            "above the skin, but did not spread beyond the cut."
        ),
    )
    cold_sores = yes_no(
        _l("Have you ever had cold sores?"),
        _l("Say whether you have had cold sores."),
        _l("Small, painful blisters on or near the lips (herpes simplex)."),
    )
    layout = (
        Followup(
            "pregnancy",
            ("pregnant", "breastfeeding", "hormonal_contraception"),
            title=_l("Pregnancy and contraception"),
            test=_may_be_pregnant,
        ),
        Heading(_l("Long-term health")),
        "diabetes",
        "bleeding_disorder",
        "thrombosis",
        "immune_weakened",
        "autoimmune",
        Followup("autoimmune_yes", ("autoimmune_name",), when=("autoimmune", frozenset({"yes"}))),
        "cancer_treatment",
        Followup(
            "cancer_yes",
            ("cancer_last_treatment", "cancer_radiotherapy_face"),
            when=("cancer_treatment", frozenset({"yes"})),
        ),
        Heading(_l("Scars and cold sores")),
        "keloids",
        "raised_scars",
        "cold_sores",
    )


class SkinHealthForm(StepForm):
    # Split from step 3 in form v4, so no step is longer than a few phone screens; answers
    # of earlier versions keep these questions under "health" (see answers.stored_answers).
    # Scars and cold sores, being history, stayed in step 3.
    step = "skin_health"
    title = _l("Your skin now, and allergies")
    intro = _l("Some skin problems change when the skin can be treated, or how it heals.")

    any_infection = yes_no(
        _l("Do you have an infection on your face right now?"),
        _l("Say whether you have an infection on your face right now."),
        _l("For example a cold sore, shingles, infected spots or warts."),
        gates="infection_now",
    )
    infection_now = gated_list(
        _l("Which of these do you have on your face now?"),
        _l("Choose the infections you have now."),
        INFECTIONS,
    )
    active_acne = ChoiceField(
        _l("Do you have pimples (active acne) on your face now?"),
        [Required(_l("Choose the option that fits your skin now."))],
        choices=ACNE_NOW,
    )
    sunburn_now = yes_no(
        _l("Is the skin of your face sunburnt or irritated right now?"),
        _l("Say whether your face is sunburnt or irritated."),
        _l("For example red, sore or peeling after the sun or a strong skincare product."),
    )
    tan_now = yes_no(
        _l("Is the skin you want treated tanned, or has it had a lot of strong sun lately?"),
        _l("Say whether the skin is tanned or has had a lot of sun lately."),
        _l("For example after a beach holiday, or working outdoors in the midday sun."),
    )
    skin_cancer = yes_no(
        _l(
            "Has a doctor told you that you have skin cancer on the parts of your face you want "
            "treated?"
        ),
        _l("Say whether a doctor has told you that you have skin cancer there."),
        _l("For example basal cell carcinoma, squamous cell carcinoma or melanoma."),
        examples=True,
    )
    moles = ChoiceField(
        _l("Do you have moles or raised spots on the parts of your face you want treated?"),
        [Required(_l("Say whether you have moles or raised spots there."))],
        choices=MOLES,
    )
    any_skin_condition = yes_no(
        _l("Do you have a skin condition, anywhere on your body?"),
        _l("Say whether you have a skin condition."),
        _l("For example eczema, psoriasis, rosacea, vitiligo, lichen planus or lupus of the skin."),
        gates="skin_conditions",
    )
    skin_conditions = gated_list(
        _l("Which skin conditions do you have?"),
        _l("Choose the skin conditions you have."),
        SKIN_CONDITIONS,
    )
    condition_other_name = TextField(
        _l("What is the other skin condition called?"),
        [Required(_l("Write the name of the skin condition."))],
        max_length=120,
    )
    any_allergy = yes_no(
        _l("Do you have any allergies?"),
        _l("Say whether you have any allergies."),
        _l("For example to numbing cream, nickel or other metals, or skincare products."),
        gates="allergies",
    )
    allergies = gated_list(
        _l("What are you allergic to?"),
        _l("Choose what you are allergic to."),
        ALLERGIES,
    )
    allergy_other = TextField(
        _l("What else are you allergic to?"),
        [Required(_l("Write what else you are allergic to."))],
        max_length=200,
    )

    layout = (
        "any_infection",
        when_yes("any_infection", "infection_now"),
        "active_acne",
        "sunburn_now",
        "tan_now",
        "skin_cancer",
        "moles",
        "any_skin_condition",
        when_yes("any_skin_condition", "skin_conditions"),
        *(_condition_followup(c) for c, *_ in CONDITIONS),
        Heading(_l("Allergies")),
        "any_allergy",
        when_yes("any_allergy", "allergies"),
        Followup("allergy_other", ("allergy_other",), when=("allergies", frozenset({"other"}))),
    )


# Two questions per skin condition; FormMeta registers fields set on the class afterwards.
for _condition, *_ in CONDITIONS:
    for _name, _field in _condition_fields(_condition).items():
        setattr(SkinHealthForm, _name, _field)


# ---------------------------------------------------------------- step 4: medicines

ISOTRETINOIN = (
    ("never", _l("No, never")),
    ("now", _l("Yes, I am taking it now")),
    ("stopped", _l("Yes, but I have stopped")),
)
PROCEDURES = (
    ("botulinum_toxin", _l("Anti-wrinkle injections (botulinum toxin, such as Botox)")),
    ("dermal_filler", _l("Filler injections (for example hyaluronic acid)")),
    ("chemical_peel", _l("A chemical peel")),
    ("laser", _l("Laser or light treatment")),
    ("microneedling", _l("Microneedling (derma pen or roller)")),
    NONE_OF_THESE,
)
PROCEDURE_LABELS = dict(PROCEDURES)
PEEL_DEPTHS = (
    ("superficial", _l("Light: little or no peeling; back to normal in a day or two")),
    ("medium", _l("Medium: the skin peeled for about a week")),
    ("deep", _l("Deep: strong peeling, and healing took two weeks or more")),
    ("not_sure", _l("I am not sure")),
)
LASER_KINDS = (
    (
        "nonablative",
        _l("Gentle: some redness for a day or two, but no raw skin"),
        _l("For example laser toning, hair removal or IPL."),
    ),
    (
        "ablative",
        _l("Resurfacing: the skin was raw, crusted or peeling for days"),
        _l("For example a CO2 or erbium laser."),
    ),
    ("not_sure", _l("I am not sure")),
)


def _procedure_date(procedure: str) -> DatePartsField:
    return past_date(
        _l("When did you last have it?"),
        _l("Enter when you last had this treatment."),
        MONTH_IS_ENOUGH,
        summary_label=_l(
            "%(treatment)s: when did you last have it?", treatment=PROCEDURE_LABELS[procedure]
        ),
    )


def _when_procedure(procedure: str, fields: tuple[str, ...]) -> Followup:
    return Followup(
        procedure,
        fields,
        title=PROCEDURE_LABELS[procedure],
        when=("procedures", frozenset({procedure})),
    )


class MedicinesForm(StepForm):
    step = "medicines"
    title = _l("Medicines and recent treatments")
    intro = _l(
        "Some medicines and treatments mean waiting a little before microneedling. Please do "
        "not stop any medicine because of this form; the specialist will talk it through."
    )

    isotretinoin = ChoiceField(
        _l("Have you ever taken isotretinoin tablets for acne?"),
        [Required(_l("Say whether you have taken isotretinoin."))],
        choices=ISOTRETINOIN,
        description=_l("Brand names include Isotroin, Accutane, Roaccutane, Sotret and Tretiva."),
        examples=True,
    )
    isotretinoin_last_dose = past_date(
        _l("When did you take your last isotretinoin tablet?"),
        _l("Enter when you took your last isotretinoin tablet."),
        MONTH_IS_ENOUGH,
    )
    anticoagulant = yes_no(
        _l("Do you take a blood thinner?"),
        _l("Say whether you take a blood thinner."),
        _l(
            "For example warfarin, acenocoumarol, apixaban, rivaroxaban, dabigatran or heparin "
            "injections."
        ),
        examples=True,
    )
    antiplatelet = yes_no(
        _l("Do you take aspirin or clopidogrel?"),
        _l("Say whether you take aspirin or clopidogrel."),
        _l("Including low-dose aspirin for the heart, and prasugrel or ticagrelor."),
        examples=True,
    )
    topical_retinoid = yes_no(
        _l("Do you put creams or serums with retinoids or acids on your face?"),
        _l("Say whether you use retinoid or acid creams."),
        _l("For example tretinoin, adapalene, retinol, or glycolic, lactic or mandelic acid."),
        examples=True,
    )
    topical_retinoid_last_used = past_date(
        _l("When did you last put it on?"),
        _l("Enter the date you last used it."),
        _l("If you use it every day, enter today's date."),
        month_only=False,
    )
    any_procedure = yes_no(
        _l("Have you had a skin treatment on your face in the past year?"),
        _l("Say whether you have had a treatment on your face in the past year."),
        _l(
            "For example anti-wrinkle or filler injections, a chemical peel, laser or light "
            "treatment, or microneedling."
        ),
        gates="procedures",
    )
    procedures = gated_list(
        _l("Which treatments have you had in the past year?"),
        _l("Choose the treatments you have had."),
        PROCEDURES,
    )
    botulinum_toxin_date = _procedure_date("botulinum_toxin")
    dermal_filler_date = _procedure_date("dermal_filler")
    chemical_peel_date = _procedure_date("chemical_peel")
    chemical_peel_depth = ChoiceField(
        _l("How strong was the peel?"),
        [Required(_l("Choose how strong the peel was, or “I am not sure”."))],
        choices=PEEL_DEPTHS,
    )
    laser_date = _procedure_date("laser")
    laser_kind = ChoiceField(
        _l("What was the laser treatment like?"),
        [Required(_l("Choose what the laser treatment was like, or “I am not sure”."))],
        choices=LASER_KINDS,
    )
    microneedling_date = _procedure_date("microneedling")
    medicines_list = TextField(
        _l("Which medicines, vitamins or supplements do you take? (optional)"),
        max_length=2000,
        multiline=True,
        description=_l(
            "One per line, with how often you take it, for example: metformin 500 mg twice a "
            "day. Leave empty if none."
        ),
    )

    layout = (
        "isotretinoin",
        Followup(
            "isotretinoin_stopped",
            ("isotretinoin_last_dose",),
            when=("isotretinoin", frozenset({"stopped"})),
        ),
        "anticoagulant",
        "antiplatelet",
        "topical_retinoid",
        Followup(
            "topical_retinoid_yes",
            ("topical_retinoid_last_used",),
            when=("topical_retinoid", frozenset({"yes"})),
        ),
        "any_procedure",
        when_yes("any_procedure", "procedures"),
        _when_procedure("botulinum_toxin", ("botulinum_toxin_date",)),
        _when_procedure("dermal_filler", ("dermal_filler_date",)),
        _when_procedure("chemical_peel", ("chemical_peel_date", "chemical_peel_depth")),
        _when_procedure("laser", ("laser_date", "laser_kind")),
        _when_procedure("microneedling", ("microneedling_date",)),
        "medicines_list",
    )


# ---------------------------------------------------------------- step 5: review and consent


def _under_18_overall(form: StepForm) -> bool | None:
    age = age_on(form.context.answers.get("about", {}).get("date_of_birth"), form.context.today)
    return None if age is None else age < ADULT_AGE


class ReviewForm(StepForm):
    step = "review"
    title = _l("Check your answers")
    summary_title = _l("Consent")
    intro = _l("Check what you told us. You can change any answer before you send it.")

    consent_treatment_data = ChoiceField(
        _l("Using your answers"),
        [Required(_l("Tick “I agree” so the clinic can use your answers to plan your visit."))],
        choices=(("yes", _l("I agree")),),
        multiple=True,
        description=CONSENT_TEXTS["treatment_data"],
    )
    consent_photos = ChoiceField(
        _l("Photos of your skin"),
        [Required(_l("Say whether the clinic may keep photos of your skin."))],
        choices=(
            ("yes", _l("Yes, the clinic may keep photos of my skin")),
            ("no", _l("No photos, thank you")),
        ),
        description=CONSENT_TEXTS["photos"],
    )
    guardian_consent = ChoiceField(
        _l("Your parent or guardian's agreement"),
        [Required(_l("Say whether your parent or guardian agrees."))],
        choices=(
            ("yes", _l("I am the parent or guardian named in step 1, and I agree")),
            ("not_present", _l("My parent or guardian is not with me now")),
        ),
        description=_l(
            "Because you are under 18, your parent or guardian must agree. If they are with "
            "you, please pass them the phone."
        ),
    )

    layout = (
        "consent_treatment_data",
        "consent_photos",
        Followup("guardian_consent", ("guardian_consent",), test=_under_18_overall),
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    form.step: form
    for form in (AboutForm, SkinForm, HealthForm, SkinHealthForm, MedicinesForm, ReviewForm)
}
STEPS = tuple(STEP_FORMS)
