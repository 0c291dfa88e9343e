//! The append-only, hash-chained audit log.
//!
//! Every change, and every read of a sensitive record, writes one event *in the same transaction*
//! as the change, so there is never a change without its event or an event without its change.
//! Each event's hash covers the previous event's hash, so editing, deleting or reordering any
//! event breaks the chain from that point; [`verify`] names the first broken `seq`. A single
//! `audit_head` row serialises appends on both backends (its `UPDATE` takes a row lock).
//! Details are JSON chosen by the caller and must never hold sensitive plaintext.

use sqlx::Row;

use crate::db::{Db, Tx};
use crate::error::Result;
use crate::time::{Millis, now_millis};

/// What an audit event records. Stored as [`AuditAction::as_str`]; the audit page labels each
/// with the Fluent message `audit-action-<text>` (dots and underscores as hyphens), and a test
/// checks that every action has one in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    AppointmentBook,
    AppointmentReschedule,
    AppointmentStatus,
    AuthPinLocked,
    AuthSecondFactor,
    AuthSecondFactorFailed,
    AuthSecondFactorLimit,
    AuthSignIn,
    AuthSignInFailed,
    AuthSignOut,
    CaseAssess,
    CaseAssign,
    CaseBreakGlass,
    CaseBreakGlassReviewed,
    CaseCompletenessCheck,
    CaseCreate,
    CaseDocumentAdd,
    CaseDocumentRead,
    CaseFactsSave,
    CaseGenerate,
    CaseItemDecide,
    CaseMemberAdd,
    CaseMessageSend,
    CaseMessagesRead,
    CaseMove,
    CaseNoteAdd,
    CaseNotesRead,
    CasePortalAccessGiven,
    CasePortalLink,
    CasePortalPinRenewed,
    CasePortalRead,
    CasePriorityConfirm,
    CaseReadSensitive,
    CaseReferralAccept,
    CaseReferralReject,
    CaseReferralRequest,
    CaseReferralRevoke,
    ConsentRecord,
    ConsentWithdraw,
    OfficeCreate,
    OfficeSetSla,
    OfficeUpdate,
    OrientationAssessmentRecord,
    OrientationAttendanceBackfill,
    OrientationAttendanceSubmit,
    OrientationCertificateIssue,
    OrientationCertificateRevocationDecide,
    OrientationCertificateRevocationRequest,
    OrientationCertificateRevoke,
    OrientationCheckIn,
    OrientationCheckOut,
    OrientationCurriculumImport,
    OrientationEnrol,
    OrientationEnrolCaseFamily,
    OrientationFeedback,
    OrientationModuleOverride,
    OrientationParticipantCreate,
    OrientationRequirementSet,
    OrientationRosterSubmit,
    OrientationSessionCancel,
    OrientationSessionReschedule,
    OrientationSessionSchedule,
    OrientationWithdraw,
    PersonReadSensitive,
    PracticeArchive,
    PracticeComment,
    PracticeCreate,
    PracticePublish,
    PracticeRequestChanges,
    PracticeStartReview,
    PracticeSubmit,
    PracticeUpdate,
    PrivacyErase,
    ReportExportAggregate,
    ReportExportPseudonymised,
    RetentionPurge,
    RetentionSet,
    SecurityAlert,
    SubjectAccessFulfil,
    SubjectAccessRecord,
    SubjectAccessRefuse,
    TokenCreate,
    TokenRevoke,
    UserCreate,
    UserDisable,
    UserEnable,
    UserLocale,
    UserPasswordChange,
    UserPasswordReset,
    UserRoleApproved,
    UserRoleRefused,
    UserRoleRequested,
    UserSignUp,
    UserTotpEnable,
}

impl AuditAction {
    pub const ALL: [AuditAction; 94] = [
        AuditAction::AppointmentBook,
        AuditAction::AppointmentReschedule,
        AuditAction::AppointmentStatus,
        AuditAction::AuthPinLocked,
        AuditAction::AuthSecondFactor,
        AuditAction::AuthSecondFactorFailed,
        AuditAction::AuthSecondFactorLimit,
        AuditAction::AuthSignIn,
        AuditAction::AuthSignInFailed,
        AuditAction::AuthSignOut,
        AuditAction::CaseAssess,
        AuditAction::CaseAssign,
        AuditAction::CaseBreakGlass,
        AuditAction::CaseBreakGlassReviewed,
        AuditAction::CaseCompletenessCheck,
        AuditAction::CaseCreate,
        AuditAction::CaseDocumentAdd,
        AuditAction::CaseDocumentRead,
        AuditAction::CaseFactsSave,
        AuditAction::CaseGenerate,
        AuditAction::CaseItemDecide,
        AuditAction::CaseMemberAdd,
        AuditAction::CaseMessageSend,
        AuditAction::CaseMessagesRead,
        AuditAction::CaseMove,
        AuditAction::CaseNoteAdd,
        AuditAction::CaseNotesRead,
        AuditAction::CasePortalAccessGiven,
        AuditAction::CasePortalLink,
        AuditAction::CasePortalPinRenewed,
        AuditAction::CasePortalRead,
        AuditAction::CasePriorityConfirm,
        AuditAction::CaseReadSensitive,
        AuditAction::CaseReferralAccept,
        AuditAction::CaseReferralReject,
        AuditAction::CaseReferralRequest,
        AuditAction::CaseReferralRevoke,
        AuditAction::ConsentRecord,
        AuditAction::ConsentWithdraw,
        AuditAction::OfficeCreate,
        AuditAction::OfficeSetSla,
        AuditAction::OfficeUpdate,
        AuditAction::OrientationAssessmentRecord,
        AuditAction::OrientationAttendanceBackfill,
        AuditAction::OrientationAttendanceSubmit,
        AuditAction::OrientationCertificateIssue,
        AuditAction::OrientationCertificateRevocationDecide,
        AuditAction::OrientationCertificateRevocationRequest,
        AuditAction::OrientationCertificateRevoke,
        AuditAction::OrientationCheckIn,
        AuditAction::OrientationCheckOut,
        AuditAction::OrientationCurriculumImport,
        AuditAction::OrientationEnrol,
        AuditAction::OrientationEnrolCaseFamily,
        AuditAction::OrientationFeedback,
        AuditAction::OrientationModuleOverride,
        AuditAction::OrientationParticipantCreate,
        AuditAction::OrientationRequirementSet,
        AuditAction::OrientationRosterSubmit,
        AuditAction::OrientationSessionCancel,
        AuditAction::OrientationSessionReschedule,
        AuditAction::OrientationSessionSchedule,
        AuditAction::OrientationWithdraw,
        AuditAction::PersonReadSensitive,
        AuditAction::PracticeArchive,
        AuditAction::PracticeComment,
        AuditAction::PracticeCreate,
        AuditAction::PracticePublish,
        AuditAction::PracticeRequestChanges,
        AuditAction::PracticeStartReview,
        AuditAction::PracticeSubmit,
        AuditAction::PracticeUpdate,
        AuditAction::PrivacyErase,
        AuditAction::ReportExportAggregate,
        AuditAction::ReportExportPseudonymised,
        AuditAction::RetentionPurge,
        AuditAction::RetentionSet,
        AuditAction::SecurityAlert,
        AuditAction::SubjectAccessFulfil,
        AuditAction::SubjectAccessRecord,
        AuditAction::SubjectAccessRefuse,
        AuditAction::TokenCreate,
        AuditAction::TokenRevoke,
        AuditAction::UserCreate,
        AuditAction::UserDisable,
        AuditAction::UserEnable,
        AuditAction::UserLocale,
        AuditAction::UserPasswordChange,
        AuditAction::UserPasswordReset,
        AuditAction::UserRoleApproved,
        AuditAction::UserRoleRefused,
        AuditAction::UserRoleRequested,
        AuditAction::UserSignUp,
        AuditAction::UserTotpEnable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AppointmentBook => "appointment.book",
            AuditAction::AppointmentReschedule => "appointment.reschedule",
            AuditAction::AppointmentStatus => "appointment.status",
            AuditAction::AuthPinLocked => "auth.pin_locked",
            AuditAction::AuthSecondFactor => "auth.second_factor",
            AuditAction::AuthSecondFactorFailed => "auth.second_factor_failed",
            AuditAction::AuthSecondFactorLimit => "auth.second_factor_limit",
            AuditAction::AuthSignIn => "auth.sign_in",
            AuditAction::AuthSignInFailed => "auth.sign_in_failed",
            AuditAction::AuthSignOut => "auth.sign_out",
            AuditAction::CaseAssess => "case.assess",
            AuditAction::CaseAssign => "case.assign",
            AuditAction::CaseBreakGlass => "case.break_glass",
            AuditAction::CaseBreakGlassReviewed => "case.break_glass_reviewed",
            AuditAction::CaseCompletenessCheck => "case.completeness_check",
            AuditAction::CaseCreate => "case.create",
            AuditAction::CaseDocumentAdd => "case.document_add",
            AuditAction::CaseDocumentRead => "case.document_read",
            AuditAction::CaseFactsSave => "case.facts_save",
            AuditAction::CaseGenerate => "case.generate",
            AuditAction::CaseItemDecide => "case.item_decide",
            AuditAction::CaseMemberAdd => "case.member_add",
            AuditAction::CaseMessageSend => "case.message_send",
            AuditAction::CaseMessagesRead => "case.messages_read",
            AuditAction::CaseMove => "case.move",
            AuditAction::CaseNoteAdd => "case.note_add",
            AuditAction::CaseNotesRead => "case.notes_read",
            AuditAction::CasePortalAccessGiven => "case.portal_access_given",
            AuditAction::CasePortalLink => "case.portal_link",
            AuditAction::CasePortalPinRenewed => "case.portal_pin_renewed",
            AuditAction::CasePortalRead => "case.portal_read",
            AuditAction::CasePriorityConfirm => "case.priority_confirm",
            AuditAction::CaseReadSensitive => "case.read_sensitive",
            AuditAction::CaseReferralAccept => "case.referral_accept",
            AuditAction::CaseReferralReject => "case.referral_reject",
            AuditAction::CaseReferralRequest => "case.referral_request",
            AuditAction::CaseReferralRevoke => "case.referral_revoke",
            AuditAction::ConsentRecord => "consent.record",
            AuditAction::ConsentWithdraw => "consent.withdraw",
            AuditAction::OfficeCreate => "office.create",
            AuditAction::OfficeSetSla => "office.set_sla",
            AuditAction::OfficeUpdate => "office.update",
            AuditAction::OrientationAssessmentRecord => "orientation.assessment.record",
            AuditAction::OrientationAttendanceBackfill => "orientation.attendance.backfill",
            AuditAction::OrientationAttendanceSubmit => "orientation.attendance.submit",
            AuditAction::OrientationCertificateIssue => "orientation.certificate.issue",
            AuditAction::OrientationCertificateRevocationDecide => {
                "orientation.certificate.revocation_decide"
            }
            AuditAction::OrientationCertificateRevocationRequest => {
                "orientation.certificate.revocation_request"
            }
            AuditAction::OrientationCertificateRevoke => "orientation.certificate.revoke",
            AuditAction::OrientationCheckIn => "orientation.check_in",
            AuditAction::OrientationCheckOut => "orientation.check_out",
            AuditAction::OrientationCurriculumImport => "orientation.curriculum.import",
            AuditAction::OrientationEnrol => "orientation.enrol",
            AuditAction::OrientationEnrolCaseFamily => "orientation.enrol_case_family",
            AuditAction::OrientationFeedback => "orientation.feedback",
            AuditAction::OrientationModuleOverride => "orientation.module.override",
            AuditAction::OrientationParticipantCreate => "orientation.participant.create",
            AuditAction::OrientationRequirementSet => "orientation.requirement.set",
            AuditAction::OrientationRosterSubmit => "orientation.roster.submit",
            AuditAction::OrientationSessionCancel => "orientation.session.cancel",
            AuditAction::OrientationSessionReschedule => "orientation.session.reschedule",
            AuditAction::OrientationSessionSchedule => "orientation.session.schedule",
            AuditAction::OrientationWithdraw => "orientation.withdraw",
            AuditAction::PersonReadSensitive => "person.read_sensitive",
            AuditAction::PracticeArchive => "practice.archive",
            AuditAction::PracticeComment => "practice.comment",
            AuditAction::PracticeCreate => "practice.create",
            AuditAction::PracticePublish => "practice.publish",
            AuditAction::PracticeRequestChanges => "practice.request_changes",
            AuditAction::PracticeStartReview => "practice.start_review",
            AuditAction::PracticeSubmit => "practice.submit",
            AuditAction::PracticeUpdate => "practice.update",
            AuditAction::PrivacyErase => "privacy.erase",
            AuditAction::ReportExportAggregate => "report.export_aggregate",
            AuditAction::ReportExportPseudonymised => "report.export_pseudonymised",
            AuditAction::RetentionPurge => "retention.purge",
            AuditAction::RetentionSet => "retention.set",
            AuditAction::SecurityAlert => "security.alert",
            AuditAction::SubjectAccessFulfil => "subject_access.fulfil",
            AuditAction::SubjectAccessRecord => "subject_access.record",
            AuditAction::SubjectAccessRefuse => "subject_access.refuse",
            AuditAction::TokenCreate => "token.create",
            AuditAction::TokenRevoke => "token.revoke",
            AuditAction::UserCreate => "user.create",
            AuditAction::UserDisable => "user.disable",
            AuditAction::UserEnable => "user.enable",
            AuditAction::UserLocale => "user.locale",
            AuditAction::UserPasswordChange => "user.password_change",
            AuditAction::UserPasswordReset => "user.password_reset",
            AuditAction::UserRoleApproved => "user.role_approved",
            AuditAction::UserRoleRefused => "user.role_refused",
            AuditAction::UserRoleRequested => "user.role_requested",
            AuditAction::UserSignUp => "user.sign_up",
            AuditAction::UserTotpEnable => "user.totp_enable",
        }
    }

    /// The action a stored text names; `None` for text no version of Corridor wrote.
    pub fn parse(text: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }
}

/// Who did what to which record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub actor_id: Option<&'a str>,
    pub office_id: Option<&'a str>,
    pub action: AuditAction,
    pub target_type: &'a str,
    pub target_id: Option<&'a str>,
    pub details: serde_json::Value,
}

impl<'a> NewAuditEvent<'a> {
    pub fn new(
        actor_id: Option<&'a str>,
        action: AuditAction,
        target_type: &'a str,
        target_id: Option<&'a str>,
    ) -> Self {
        NewAuditEvent {
            actor_id,
            office_id: None,
            action,
            target_type,
            target_id,
            details: serde_json::Value::Null,
        }
    }

    pub fn in_office(mut self, office_id: Option<&'a str>) -> Self {
        self.office_id = office_id;
        self
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: Millis,
    pub actor_id: Option<String>,
    pub office_id: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<AuditEvent> {
        Ok(AuditEvent {
            seq: row.try_get("seq")?,
            at: row.try_get("at")?,
            actor_id: row.try_get("actor_id")?,
            office_id: row.try_get("office_id")?,
            action: row.try_get("action")?,
            target_type: row.try_get("target_type")?,
            target_id: row.try_get("target_id")?,
            details: row.try_get("details")?,
            prev_hash: row.try_get("prev_hash")?,
            hash: row.try_get("hash")?,
        })
    }

    /// The hash this event must carry, computed from its content and its predecessor's hash.
    pub fn expected_hash(&self) -> String {
        chain_hash(&self.prev_hash, self.seq, self.at, &EventContent::of(self))
    }
}

struct EventContent<'a> {
    actor_id: Option<&'a str>,
    office_id: Option<&'a str>,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<&'a str>,
    details: &'a str,
}

impl<'a> EventContent<'a> {
    fn of(event: &'a AuditEvent) -> Self {
        EventContent {
            actor_id: event.actor_id.as_deref(),
            office_id: event.office_id.as_deref(),
            action: &event.action,
            target_type: &event.target_type,
            target_id: event.target_id.as_deref(),
            details: &event.details,
        }
    }
}

/// BLAKE3 over the previous hash and a length-prefixed encoding of every field. The encoding is
/// spelled out here rather than borrowed from a JSON serialiser, whose key order could change.
fn chain_hash(prev_hash: &str, seq: i64, at: Millis, content: &EventContent<'_>) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: Option<&[u8]>| match bytes {
        None => {
            hasher.update(&[0]);
        }
        Some(bytes) => {
            hasher.update(&[1]);
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    };
    field(Some(prev_hash.as_bytes()));
    field(Some(&seq.to_le_bytes()));
    field(Some(&at.to_le_bytes()));
    field(content.actor_id.map(str::as_bytes));
    field(content.office_id.map(str::as_bytes));
    field(Some(content.action.as_bytes()));
    field(Some(content.target_type.as_bytes()));
    field(content.target_id.map(str::as_bytes));
    field(Some(content.details.as_bytes()));
    hasher.finalize().to_hex().to_string()
}

/// Appends an event inside the caller's transaction and returns its `seq`.
pub async fn record(tx: &mut Tx, event: NewAuditEvent<'_>) -> Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_hash: String = head.try_get("hash")?;
    let at = now_millis();
    let details = event.details.to_string();
    let content = EventContent {
        actor_id: event.actor_id,
        office_id: event.office_id,
        action: event.action.as_str(),
        target_type: event.target_type,
        target_id: event.target_id,
        details: &details,
    };
    let hash = chain_hash(&prev_hash, seq, at, &content);
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO audit_events \
         (seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(seq)
    .bind(at)
    .bind(event.actor_id)
    .bind(event.office_id)
    .bind(event.action.as_str())
    .bind(event.target_type)
    .bind(event.target_id)
    .bind(&details)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

/// Which events to list. `None` fields do not filter. `actor` is a user id, or part of a staff
/// member's user name or display name (applicants are found by id only: their names stay out of
/// the log's search). `offices_of_user` limits the events to the offices that user belongs to (a
/// supervisor's scope); `None` means every office.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub offices_of_user: Option<String>,
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// Who an event's actor is, as the log may show it: staff by name, an applicant never by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorName {
    /// No user: the system itself or the console.
    System,
    Staff {
        display_name: String,
        username: String,
    },
    Applicant,
    /// The account no longer exists.
    Removed,
}

/// An event with its actor named.
#[derive(Debug, Clone)]
pub struct NamedAuditEvent {
    pub event: AuditEvent,
    pub actor: ActorName,
}

/// Newest first. The office scope is applied in SQL so that paging stays correct.
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
    let rows = list_rows(db, filter).await?;
    rows.iter().map(AuditEvent::from_row).collect()
}

/// [`list`] with each actor named.
pub async fn list_named(db: &Db, filter: &AuditFilter) -> Result<Vec<NamedAuditEvent>> {
    let rows = list_rows(db, filter).await?;
    rows.iter()
        .map(|row| {
            let event = AuditEvent::from_row(row)?;
            let actor = match (
                &event.actor_id,
                row.try_get::<Option<String>, _>("username")?,
            ) {
                (None, _) => ActorName::System,
                (Some(_), None) => ActorName::Removed,
                (Some(_), Some(_)) if row.try_get::<i64, _>("is_applicant")? != 0 => {
                    ActorName::Applicant
                }
                (Some(_), Some(username)) => ActorName::Staff {
                    display_name: row.try_get("display_name")?,
                    username,
                },
            };
            Ok(NamedAuditEvent { event, actor })
        })
        .collect()
}

async fn list_rows(db: &Db, filter: &AuditFilter) -> Result<Vec<sqlx::any::AnyRow>> {
    let actor_pattern = filter
        .actor
        .as_deref()
        .map(|text| format!("%{}%", like_escaped(&text.to_lowercase())));
    let rows = sqlx::query(
        "SELECT e.seq, e.at, e.actor_id, e.office_id, e.action, e.target_type, e.target_id, \
                e.details, e.prev_hash, e.hash, u.username, u.display_name, \
                CAST(CASE WHEN EXISTS (SELECT 1 FROM user_roles r \
                                       WHERE r.user_id = u.id AND r.role = 'migrant') \
                          THEN 1 ELSE 0 END AS BIGINT) AS is_applicant \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE ($1 IS NULL OR e.actor_id = $1 OR e.actor_id IN \
                (SELECT s.id FROM users s \
                 WHERE (LOWER(s.username) LIKE $8 ESCAPE '\\' OR LOWER(s.display_name) LIKE $8 ESCAPE '\\') \
                   AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = s.id AND r.role = 'migrant'))) \
           AND ($2 IS NULL OR e.action = $2) \
           AND ($3 IS NULL OR e.target_type = $3) \
           AND ($4 IS NULL OR e.target_id = $4) \
           AND ($5 IS NULL OR e.seq < $5) \
           AND ($6 IS NULL OR e.office_id IN \
                (SELECT office_id FROM user_offices WHERE user_id = $6)) \
         ORDER BY e.seq DESC LIMIT $7",
    )
    .bind(filter.actor.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.target_type.as_deref())
    .bind(filter.target_id.as_deref())
    .bind(filter.before_seq)
    .bind(filter.offices_of_user.as_deref())
    .bind(filter.limit.clamp(1, 500))
    .bind(actor_pattern)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows)
}

/// `text` with LIKE's wildcards taken literally (escape character `\`).
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Every event about a person or a case they are a member of, oldest first and without a
/// limit: a subject-access answer must not drop the oldest. No policy check; the caller asks.
pub(crate) async fn about_person(db: &Db, person_id: &str) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash \
         FROM audit_events \
         WHERE (target_type = 'person' AND target_id = $1) \
            OR (target_type = 'case' AND target_id IN \
                (SELECT case_id FROM case_members WHERE person_id = $1)) \
         ORDER BY seq",
    )
    .bind(person_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(AuditEvent::from_row).collect()
}

/// The outcome of walking the chain.
#[derive(Debug, PartialEq, Eq)]
pub enum ChainVerdict {
    Intact { events: u64 },
    Broken { seq: i64, reason: BreakReason },
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum BreakReason {
    /// An event is missing: the sequence jumps.
    Gap,
    /// The event does not point at its predecessor's hash.
    WrongPrevious,
    /// The event's content does not match its hash.
    ContentAltered,
    /// The chain ends somewhere other than where the head says.
    HeadMismatch,
}

impl std::fmt::Display for BreakReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BreakReason::Gap => "an event is missing before this one",
            BreakReason::WrongPrevious => "it does not point at the previous event's hash",
            BreakReason::ContentAltered => "its content does not match its hash",
            BreakReason::HeadMismatch => "the chain's last event does not match the recorded head",
        })
    }
}

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const VERIFY_BATCH: i64 = 1000;

/// Walks the whole chain in `seq` order, in batches, telling `progress` how far it got.
pub async fn verify(db: &Db, mut progress: impl FnMut(u64)) -> Result<ChainVerdict> {
    let mut expected_seq = 1;
    let mut previous_hash = GENESIS_HASH.to_owned();
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash \
             FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2",
        )
        .bind(expected_seq)
        .bind(VERIFY_BATCH)
        .fetch_all(&db.pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let event = AuditEvent::from_row(row)?;
            if event.seq != expected_seq {
                return Ok(ChainVerdict::Broken {
                    seq: expected_seq,
                    reason: BreakReason::Gap,
                });
            }
            if event.prev_hash != previous_hash {
                return Ok(ChainVerdict::Broken {
                    seq: event.seq,
                    reason: BreakReason::WrongPrevious,
                });
            }
            if event.hash != event.expected_hash() {
                return Ok(ChainVerdict::Broken {
                    seq: event.seq,
                    reason: BreakReason::ContentAltered,
                });
            }
            previous_hash = event.hash;
            expected_seq += 1;
        }
        progress(u64::try_from(expected_seq - 1).unwrap_or_default());
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let head_seq: i64 = head.try_get("seq")?;
    let head_hash: String = head.try_get("hash")?;
    if head_seq != expected_seq - 1 || head_hash != previous_hash {
        return Ok(ChainVerdict::Broken {
            seq: head_seq.max(expected_seq),
            reason: BreakReason::HeadMismatch,
        });
    }
    Ok(ChainVerdict::Intact {
        events: u64::try_from(expected_seq - 1).unwrap_or_default(),
    })
}

/// How many events the log holds.
pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(&db.pool)
        .await?)
}
