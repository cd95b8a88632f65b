"""The stored records: drafts, submissions, photos, assessments, accounts, visits, audit."""

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from intake.db import Base, JSONType, UTCDateTime, utcnow
from intake.review_state import review_urgency, urgent_titles


class Draft(Base):
    """An intake in progress, reachable only through its (hashed) resume token."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL")
    )
    # Set when the client started from a visit's invitation: the intake sent belongs to it.
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), index=True
    )
    # The step a returning client continues at, worked out when a step is saved so that the
    # landing page builds no form; it holds for the clinic day it was worked out on.
    continue_at: Mapped[str | None] = mapped_column(String(16))
    continue_at_on: Mapped[date | None] = mapped_column(Date)


class EndedLink(Base):
    """A resume link whose draft was ended early (started again, or its intake purged).

    Only the token's hash, so the link can say it no longer works rather than that it was
    mistyped; kept until the link would have expired anyway.
    """

    __tablename__ = "ended_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Submission(Base):
    """A submitted intake: immutable answers and the facts derived from them."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    language: Mapped[str] = mapped_column(String(8))
    form_version: Mapped[str] = mapped_column(String(32))
    # Denormalised from the answers so the dashboard can list and search without reading JSON.
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    age: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict] = mapped_column(JSONType)
    facts: Mapped[dict] = mapped_column(JSONType)
    # Kept in step with the latest assessment and decision, for the dashboard's filters.
    outcome: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="new")
    # The dashboard's default order (highest first), kept in step with status and outcome.
    urgency: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    # The latest assessment's absolute and review finding titles: each dashboard row says why.
    reasons: Mapped[list] = mapped_column(JSONType, default=list)
    # When its visit starts, unless the client is not coming to it; kept in step by the
    # Appointment, so the dashboard orders visits to come from this table's own index.
    visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    concerns: Mapped[list["SubmissionConcern"]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True
    )
    consents: Mapped[list["Consent"]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True
    )
    assessments: Mapped[list["Assessment"]] = relationship(
        back_populates="submission",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Assessment.id",
    )
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="submission",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Decision.id",
    )
    # The visit this intake belongs to, if any (appointments.submission_id is unique).
    appointment: Mapped["Appointment | None"] = relationship(back_populates="submission")

    # Every list orders by (urgency, submitted_at, id), all descending: each filter's index
    # ends in those keys, so a page is read from the index in order, never sorted from every
    # matching row; all three descending keeps the page cursor one tuple comparison.
    __table_args__ = (
        Index("ix_submissions_urgency_submitted", "urgency", "submitted_at", "id"),
        Index("ix_submissions_status_urgency", "status", "urgency", "submitted_at", "id"),
        Index("ix_submissions_outcome_urgency", "outcome", "urgency", "submitted_at", "id"),
        # Visits to come, soonest first, per urgency: only the intakes with a visit are in it.
        Index(
            "ix_submissions_urgency_visit",
            "urgency",
            "visit_at",
            "submitted_at",
            "id",
            sqlite_where=text("visit_at IS NOT NULL"),
            postgresql_where=text("visit_at IS NOT NULL"),
        ),
        # text_pattern_ops lets PostgreSQL serve "name starts with" searches from the index;
        # the order keys after the name let SQLite order the matches from the index alone
        # instead of reading every matching row (10x at 100,000 intakes).
        Index(
            "ix_submissions_name_key_urgency",
            "name_key",
            "urgency",
            "submitted_at",
            "id",
            postgresql_ops={"name_key": "text_pattern_ops"},
        ),
    )

    @validates("status", "outcome")
    def _keep_urgency(self, key: str, value: str) -> str:
        status = value if key == "status" else self.status
        outcome = value if key == "outcome" else self.outcome
        # A new row's status is only defaulted at flush: an unset one is new.
        self.urgency = review_urgency(status or "new", outcome)
        return value

    def take_assessment(self, assessment: "Assessment") -> None:
        """Make ``assessment`` the latest, with the outcome and reasons the dashboard lists."""
        self.assessments.append(assessment)
        self.outcome = assessment.overall
        self.reasons = urgent_titles(assessment.result)

    @property
    def latest_assessment(self) -> "Assessment":
        return self.assessments[-1]

    @property
    def latest_decision(self) -> "Decision | None":
        return self.decisions[-1] if self.decisions else None


class SubmissionConcern(Base):
    """One concern of a submission, as a row so the dashboard can filter on an index."""

    __tablename__ = "submission_concerns"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    concern: Mapped[str] = mapped_column(String(32), primary_key=True)

    submission: Mapped[Submission] = relationship(back_populates="concerns")

    __table_args__ = (Index("ix_submission_concerns_concern", "concern", "submission_id"),)


class Consent(Base):
    """What the client agreed to: which text, in which language, when."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))  # "treatment_data" or "photos"
    given: Mapped[bool] = mapped_column(Boolean)
    text_version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="consents")


class Assessment(Base):
    """One run of a rule set over a submission's facts as of a date; re-assessing adds another."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rules_version: Mapped[str] = mapped_column(String(64))
    # The day the facts were counted to: the visit date, the sending date, or a chosen one.
    as_of: Mapped[date] = mapped_column(Date)
    overall: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict] = mapped_column(JSONType)

    submission: Mapped[Submission] = relationship(back_populates="assessments")


class User(UserMixin, Base):
    """A front-desk, specialist or administrator account that signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="specialist")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Copied into the session at sign-in; raising it ends every session signed in before.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Where the clinic's mail server tells the specialist of a flagged intake; optional.
    email: Mapped[str | None] = mapped_column(String(254))

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_front_desk(self) -> bool:
        return self.role == "front_desk"


class Decision(Base):
    """A specialist's decision on a submission; a new one never overwrites the old."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str | None] = mapped_column(Text)

    submission: Mapped[Submission] = relationship(back_populates="decisions")
    user: Mapped[User] = relationship()
    # The assessment the specialist read when deciding, which a later re-assessment never moves.
    assessment: Mapped[Assessment] = relationship()


class DecisionDraft(Base):
    """A decision being typed when the idle timeout ended the session, kept for the sign-in
    after; in the database, because the session cookie is signed, not encrypted."""

    __tablename__ = "decision_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    fields: Mapped[dict] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    __table_args__ = (
        UniqueConstraint("user_id", "submission_id", name="uq_decision_drafts_user_submission"),
    )


class LoginAttempt(Base):
    """A sign-in attempt, kept in the database so every app process throttles alike."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )


class AddressCount(Base):
    """How many drafts or saved steps one client address made in one hour, for every process."""

    __tablename__ = "address_counts"

    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer)


class DashboardSearch(Base):
    """A specialist's dashboard search, kept here so the session cookie holds only its id."""

    __tablename__ = "dashboard_searches"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class AuditEvent(Base):
    """An append-only record of who did what, when and from where; never answer content."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str | None] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), index=True)
    # No foreign key: the audit outlives a purged submission, so it keeps the id and reference.
    submission_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reference: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict] = mapped_column(JSONType, default=dict)


# A visit in these states will not happen: the client is not coming to it.
NOT_COMING = ("cancelled", "no_show")


class Appointment(Base):
    """A client's visit: who, when, for what, and how far their intake has come."""

    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_name: Mapped[str] = mapped_column(String(200))
    # E.164, e.g. +919830012345: the one form WhatsApp and sms: links take.
    mobile: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The visit's day in the clinic's calendar, kept beside starts_at for the board's index.
    visit_date: Mapped[date] = mapped_column(Date)
    service: Mapped[str] = mapped_column(String(32), default="microneedling")
    specialist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default="invited")
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL"), unique=True
    )
    # The invitation link's token, hashed; None once revoked.
    invitation_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # When the specialists were e-mailed that this visit's intake was flagged; None if never.
    specialists_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    specialist: Mapped[User | None] = relationship()
    submission: Mapped[Submission | None] = relationship(back_populates="appointment")

    __table_args__ = (
        Index("ix_appointments_visit_date_starts_at", "visit_date", "starts_at"),
        # One live visit per number and time; a cancelled one leaves the slot free again.
        Index(
            "ux_appointments_mobile_starts_at",
            "mobile",
            "starts_at",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
    )

    @validates("starts_at", "status", "submission")
    def _keep_visit_at(self, key: str, value):
        # Every change of time, status or intake passes here, whichever code makes it.
        previous = self.submission
        if key == "submission" and previous is not None and previous is not value:
            previous.visit_at = None
        submission = value if key == "submission" else previous
        if submission is not None:
            starts_at = value if key == "starts_at" else self.starts_at
            status = value if key == "status" else self.status
            submission.visit_at = None if status in NOT_COMING else starts_at
        return value


class Photo(Base):
    """A client's photo of one concern, re-encoded without metadata."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A draft's photos go with it when it expires; on sending they move to the submission.
    draft_id: Mapped[int | None] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), index=True
    )
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    concern: Mapped[str] = mapped_column(String(32))
    area: Mapped[str | None] = mapped_column(String(32))
    media_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    added_by: Mapped[str] = mapped_column(String(80), default="client")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class PdfDocument(Base):
    """A rendered PDF summary, cached per (submission, assessment, decision)."""

    __tablename__ = "pdf_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    cache_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None while a worker renders it: the row is that worker's claim on this state.
    content: Mapped[bytes | None] = mapped_column(LargeBinary)


__all__ = [
    "Appointment",
    "Assessment",
    "AuditEvent",
    "Consent",
    "Decision",
    "DecisionDraft",
    "Draft",
    "EndedLink",
    "LoginAttempt",
    "PdfDocument",
    "Photo",
    "Submission",
    "SubmissionConcern",
    "User",
]
