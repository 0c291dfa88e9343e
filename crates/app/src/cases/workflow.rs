//! The case workflow as a table: which status may follow which, who may move it, and what each
//! move requires. Every move is one transaction with its timeline entry and audit event.

use crate::policy::Action;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseStatus {
    Intake,
    Counselling,
    Forms,
    CompletenessCheck,
    ReadyForSubmission,
    AppointmentBooked,
    Submitted,
    Approved,
    Refused,
    Travel,
    Closed,
    OnHold,
    Withdrawn,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 13] = [
        CaseStatus::Intake,
        CaseStatus::Counselling,
        CaseStatus::Forms,
        CaseStatus::CompletenessCheck,
        CaseStatus::ReadyForSubmission,
        CaseStatus::AppointmentBooked,
        CaseStatus::Submitted,
        CaseStatus::Approved,
        CaseStatus::Refused,
        CaseStatus::Travel,
        CaseStatus::Closed,
        CaseStatus::OnHold,
        CaseStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Intake => "intake",
            CaseStatus::Counselling => "counselling",
            CaseStatus::Forms => "forms",
            CaseStatus::CompletenessCheck => "completeness_check",
            CaseStatus::ReadyForSubmission => "ready_for_submission",
            CaseStatus::AppointmentBooked => "appointment_booked",
            CaseStatus::Submitted => "submitted",
            CaseStatus::Approved => "decided_approved",
            CaseStatus::Refused => "decided_refused",
            CaseStatus::Travel => "travel",
            CaseStatus::Closed => "closed",
            CaseStatus::OnHold => "on_hold",
            CaseStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<CaseStatus> {
        CaseStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// Closed and withdrawn cases take no further moves.
    pub fn is_final(self) -> bool {
        matches!(self, CaseStatus::Closed | CaseStatus::Withdrawn)
    }
}

/// What a move needs besides the permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    None,
    /// The person must say why (kept sealed on the timeline).
    Reason,
    /// A complete completeness report, or a supervisor's override with a reason.
    CompleteFile,
    /// The principal applicant's valid orientation certificate, when the office requires one
    /// for the pathway (see `orientation::requirements`).
    OrientationCertificate,
}

/// One allowed move.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub from: CaseStatus,
    pub to: CaseStatus,
    pub permission: Action,
    pub requires: Requirement,
}

const fn step(from: CaseStatus, to: CaseStatus, requires: Requirement) -> Move {
    Move {
        from,
        to,
        permission: Action::WorkOnCases,
        requires,
    }
}

use CaseStatus as S;
use Requirement as R;

/// The forward path of an application and its few ways back. Holding, resuming and withdrawing
/// apply to every open status and are handled in [`allowed_moves`].
pub const MOVES: &[Move] = &[
    step(S::Intake, S::Counselling, R::None),
    step(S::Counselling, S::Forms, R::None),
    step(S::Forms, S::CompletenessCheck, R::None),
    step(S::CompletenessCheck, S::Forms, R::Reason),
    step(S::CompletenessCheck, S::ReadyForSubmission, R::CompleteFile),
    step(S::ReadyForSubmission, S::AppointmentBooked, R::None),
    step(S::AppointmentBooked, S::Submitted, R::None),
    step(S::Submitted, S::Approved, R::None),
    step(S::Submitted, S::Refused, R::Reason),
    step(S::Approved, S::Travel, R::OrientationCertificate),
    step(S::Travel, S::Closed, R::None),
    step(S::Refused, S::Closed, R::None),
];

/// Every move open from `status` (`held` is the status an on-hold case resumes to).
pub fn allowed_moves(status: CaseStatus, held: Option<CaseStatus>) -> Vec<Move> {
    if status.is_final() {
        return Vec::new();
    }
    let mut moves: Vec<Move> = MOVES.iter().copied().filter(|m| m.from == status).collect();
    match (status, held) {
        (S::OnHold, Some(previous)) => moves.push(step(S::OnHold, previous, R::None)),
        (S::OnHold, None) => {}
        _ => moves.push(step(status, S::OnHold, R::Reason)),
    }
    moves.push(step(status, S::Withdrawn, R::Reason));
    moves
}
