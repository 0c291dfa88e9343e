//! The one place that answers "may this actor do this to that record?".
//!
//! Deny by default: an action is allowed only when one of the actor's roles has a [`Grant`] for it
//! in [`grant`], and the grant covers the record's scope. Listing uses the same table through
//! [`list_scope`], so what a page lists and what a single read allows never disagree. Every
//! handler and operation asks here; nothing else in the code base decides access.

use crate::error::{Error, Result};

/// The roles a user can hold. A user may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Supervisor,
    Caseworker,
    Facilitator,
    KnowledgeEditor,
    Analyst,
    Migrant,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Supervisor,
        Role::Caseworker,
        Role::Facilitator,
        Role::KnowledgeEditor,
        Role::Analyst,
        Role::Migrant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Caseworker => "caseworker",
            Role::Facilitator => "facilitator",
            Role::KnowledgeEditor => "knowledge_editor",
            Role::Analyst => "analyst",
            Role::Migrant => "migrant",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    pub fn is_staff(self) -> bool {
        self != Role::Migrant
    }
}

/// Something an actor may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Open the staff area at all.
    UseStaffArea,
    ViewOffices,
    ManageOffices,
    ViewUsers,
    ManageUsers,
    ViewAudit,
    /// Change one's own password, second factor, locale and API tokens.
    ManageOwnAccount,
    /// Open case files and the queue.
    ViewCases,
    /// Open cases, add people, record facts, documents and assessments, give the applicant
    /// portal access and move cases through the workflow: the case's substance.
    WorkOnCases,
    /// Notes, messages and appointments on a case: the contact side, which a referral shares.
    ContactCase,
    /// See security alerts (e.g. many wrong PINs across accounts).
    ViewSecurityAlerts,
    /// Confirm the priority an assessment suggests.
    ConfirmPriority,
    /// Let a case go forward without a complete file, with a reason.
    OverrideCompleteness,
    /// Read the content of a case's uploaded documents (every read is audited).
    ReadCaseDocuments,
    /// Verify, reject or waive a case's checklist items.
    VerifyCaseDocuments,
    /// Write good practices, edit one's drafts and submit them for review.
    DraftPractice,
    /// Review submitted practices: request changes, publish, archive.
    ReviewPractices,
    /// Read orientation curricula and their modules.
    ViewCurricula,
    /// Import, export and edit regional orientation curricula.
    ManageCurricula,
    /// Localise a curriculum into a country variant and override its modules.
    LocaliseCurricula,
    /// Schedule sessions, keep rosters, attendance and quizzes, issue certificates.
    RunOrientation,
    /// A participant's own sessions, quizzes and certificate.
    AttendOrientation,
    RevokeCertificates,
    /// Aggregate orientation reports (knowledge gain, satisfaction).
    ViewOrientationReports,
    /// Enrol the members of a case's family in an orientation session in one step.
    EnrolCaseFamily,
    /// A migrant's own case through the portal: shared notes, messages with staff.
    UseCasePortal,
    /// Refer or transfer a case without a recorded basis for referral, with a reason.
    OverrideConsent,
    /// Fill the database with synthetic cases (demonstrations, load tests).
    GenerateSyntheticData,
    /// The case indicators dashboard and its aggregate CSV tables.
    ViewReports,
    /// Record-level case data with identifiers replaced by pseudonyms, for a stated purpose.
    ExportPseudonymisedCases,
    /// Erase a person's data (GDPR Art. 17): irreversible, so supervisors only.
    ErasePersonalData,
    /// Set retention periods and run the retention purge (the console, daily).
    ApplyRetention,
    /// See an office's retention periods.
    ViewRetention,
    /// Record and fulfil a person's request for access to their data (GDPR Art. 15).
    HandleSubjectAccess,
    /// Open a case outside one's offices for a short time, with a reason (break the glass).
    BreakGlass,
    /// Review the emergency accesses to one's offices' cases.
    ReviewBreakGlass,
    /// A person signing up in the portal opens their own application: the new account acts on
    /// itself, so no staff member or console stands in for them.
    StartOwnApplication,
}

impl Action {
    pub const ALL: [Action; 37] = [
        Action::UseStaffArea,
        Action::ViewOffices,
        Action::ManageOffices,
        Action::ViewUsers,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::ManageOwnAccount,
        Action::ViewCases,
        Action::WorkOnCases,
        Action::ContactCase,
        Action::ViewSecurityAlerts,
        Action::ConfirmPriority,
        Action::OverrideCompleteness,
        Action::ReadCaseDocuments,
        Action::VerifyCaseDocuments,
        Action::DraftPractice,
        Action::ReviewPractices,
        Action::ViewCurricula,
        Action::ManageCurricula,
        Action::LocaliseCurricula,
        Action::RunOrientation,
        Action::AttendOrientation,
        Action::RevokeCertificates,
        Action::ViewOrientationReports,
        Action::EnrolCaseFamily,
        Action::UseCasePortal,
        Action::OverrideConsent,
        Action::GenerateSyntheticData,
        Action::ViewReports,
        Action::ExportPseudonymisedCases,
        Action::ErasePersonalData,
        Action::ApplyRetention,
        Action::ViewRetention,
        Action::HandleSubjectAccess,
        Action::BreakGlass,
        Action::ReviewBreakGlass,
        Action::StartOwnApplication,
    ];
}

/// How far a role's permission for an action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grant {
    None,
    /// Records owned by the actor.
    OwnRecords,
    /// Records of the offices the actor belongs to.
    OwnOffices,
    Everywhere,
}

/// The permission table. Anything not listed is denied.
pub fn grant(role: Role, action: Action) -> Grant {
    use Action as A;
    use Role as R;
    let case_work = matches!(
        action,
        A::ViewCases
            | A::WorkOnCases
            | A::ContactCase
            | A::ConfirmPriority
            | A::OverrideCompleteness
            | A::EnrolCaseFamily
            | A::ReadCaseDocuments
            | A::VerifyCaseDocuments
            | A::OverrideConsent
            | A::UseCasePortal
            | A::ExportPseudonymisedCases
            | A::ErasePersonalData
            | A::HandleSubjectAccess
            | A::BreakGlass
            | A::ReviewBreakGlass
    );
    match (role, action) {
        (R::Migrant, A::StartOwnApplication) => Grant::OwnRecords,
        (_, A::StartOwnApplication) => Grant::None,
        // Administrators run the system; they do not read case files.
        (R::Admin, _) if case_work => Grant::None,
        (R::Admin, _) => Grant::Everywhere,
        (_, A::ManageOwnAccount)
        | (R::Migrant, A::AttendOrientation)
        | (R::Migrant, A::UseCasePortal) => Grant::OwnRecords,
        (R::Migrant, _) => Grant::None,
        (R::KnowledgeEditor, A::DraftPractice | A::ReviewPractices) => Grant::Everywhere,
        (_, A::DraftPractice) => Grant::OwnRecords,
        (R::Supervisor, A::ManageCurricula | A::LocaliseCurricula) => Grant::Everywhere,
        (R::Facilitator, A::LocaliseCurricula) => Grant::Everywhere,
        (R::Supervisor | R::Facilitator, A::RunOrientation) => Grant::OwnOffices,
        (R::Supervisor, A::RevokeCertificates | A::ViewOrientationReports) => Grant::OwnOffices,
        (R::Analyst, A::ViewOrientationReports | A::ViewReports | A::ExportPseudonymisedCases) => {
            Grant::Everywhere
        }
        (R::Supervisor, A::ViewReports) => Grant::OwnOffices,
        (_, A::ViewCurricula) => Grant::Everywhere,
        (_, A::UseStaffArea | A::ViewOffices) => Grant::Everywhere,
        (R::Supervisor, A::ViewUsers | A::ViewAudit | A::ViewRetention) => Grant::OwnOffices,
        (R::Supervisor, A::ViewSecurityAlerts) => Grant::Everywhere,
        (_, A::UseCasePortal) => Grant::None,
        // Emergency access is for records outside one's offices, so it reaches everywhere; what
        // it opens is limited by `privacy::break_glass` (one case, read only, for a while).
        (R::Supervisor | R::Caseworker, A::BreakGlass) => Grant::Everywhere,
        (R::Supervisor, _) if case_work => Grant::OwnOffices,
        (R::Caseworker, A::ViewCases | A::WorkOnCases | A::ContactCase | A::ReadCaseDocuments) => {
            Grant::OwnOffices
        }
        (R::Caseworker | R::Facilitator, A::EnrolCaseFamily) => Grant::OwnOffices,
        _ => Grant::None,
    }
}

/// What an office that accepted a referral of a case may do on it: read what the referral
/// covers (the file and its documents) and work its contact side (notes, messages,
/// appointments). Nothing that changes the case's substance, the applicant's access or its
/// workflow: those stay with the case's own office.
pub fn reaches_referral_offices(action: Action) -> bool {
    matches!(
        action,
        Action::ViewCases | Action::ReadCaseDocuments | Action::ContactCase
    )
}

/// The signed-in user as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub roles: Vec<Role>,
    pub offices: Vec<String>,
}

impl Actor {
    /// The operator at the server's console (`corridor user add`, demo seeding). Whoever can run
    /// the binary against the database already holds every right, so this actor is an admin.
    pub fn console() -> Actor {
        Actor {
            user_id: CONSOLE_ACTOR.to_owned(),
            roles: vec![Role::Admin],
            offices: Vec::new(),
        }
    }

    pub fn is_console(&self) -> bool {
        self.user_id == CONSOLE_ACTOR
    }

    /// The id to record as the actor of an audit event.
    pub fn audit_id(&self) -> Option<&str> {
        if self.is_console() {
            None
        } else {
            Some(&self.user_id)
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    fn widest_grant(&self, action: Action) -> Grant {
        self.roles
            .iter()
            .map(|role| grant(*role, action))
            .max()
            .unwrap_or(Grant::None)
    }
}

const CONSOLE_ACTOR: &str = "console";

/// Where a record sits: the offices it belongs to, the offices it is shared with by an accepted
/// referral, and the user who owns it, if any.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    pub offices: &'a [String],
    /// Offices that reach the record only for [`reaches_referral_offices`] actions.
    pub shared_with: &'a [String],
    pub owner: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// A record that belongs to no office or owner (the office list, the system itself).
    pub fn system() -> Target<'static> {
        Target::default()
    }

    pub fn owned_by(owner: &'a str) -> Target<'a> {
        Target {
            owner: Some(owner),
            ..Target::default()
        }
    }

    pub fn in_offices(offices: &'a [String]) -> Target<'a> {
        Target {
            offices,
            ..Target::default()
        }
    }

    /// A case of `home`, shared by accepted referrals with `shared_with`.
    pub fn case(home: &'a [String], shared_with: &'a [String]) -> Target<'a> {
        Target {
            offices: home,
            shared_with,
            owner: None,
        }
    }
}

fn covers(grant: Grant, actor: &Actor, action: Action, target: &Target<'_>) -> bool {
    let serves = |offices: &[String]| offices.iter().any(|office| actor.offices.contains(office));
    match grant {
        Grant::None => false,
        Grant::Everywhere => true,
        Grant::OwnOffices => {
            serves(target.offices)
                || (reaches_referral_offices(action) && serves(target.shared_with))
        }
        Grant::OwnRecords => target.owner == Some(actor.user_id.as_str()),
    }
}

/// Allowed, or [`Error::Forbidden`].
pub fn authorize(actor: &Actor, action: Action, target: Target<'_>) -> Result<()> {
    let allowed = actor
        .roles
        .iter()
        .any(|role| covers(grant(*role, action), actor, action, &target));
    if allowed {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

pub fn is_allowed(actor: &Actor, action: Action, target: Target<'_>) -> bool {
    authorize(actor, action, target).is_ok()
}

/// Which records a list may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    Everything,
    /// Only records of the offices of this user.
    OfficesOf(String),
    /// Only records owned by this user.
    OwnedBy(String),
}

/// The scope of a list for `action`, or [`Error::Forbidden`] when the actor may see none.
pub fn list_scope(actor: &Actor, action: Action) -> Result<ListScope> {
    match actor.widest_grant(action) {
        Grant::Everywhere => Ok(ListScope::Everything),
        Grant::OwnOffices => Ok(ListScope::OfficesOf(actor.user_id.clone())),
        Grant::OwnRecords => Ok(ListScope::OwnedBy(actor.user_id.clone())),
        Grant::None => Err(Error::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Who may do what where. Columns: own record, record in own office, record in another office,
    /// system record (no office, no owner). `Y` allowed, `.` denied.
    const MATRIX: &[(Role, Action, &str)] = &[
        (Role::Admin, Action::UseStaffArea, "YYYY"),
        (Role::Admin, Action::ViewOffices, "YYYY"),
        (Role::Admin, Action::ManageOffices, "YYYY"),
        (Role::Admin, Action::ViewUsers, "YYYY"),
        (Role::Admin, Action::ManageUsers, "YYYY"),
        (Role::Admin, Action::ViewAudit, "YYYY"),
        (Role::Admin, Action::ManageOwnAccount, "YYYY"),
        (Role::Admin, Action::ViewCases, "...."),
        (Role::Admin, Action::WorkOnCases, "...."),
        (Role::Admin, Action::ConfirmPriority, "...."),
        (Role::Admin, Action::OverrideCompleteness, "...."),
        (Role::Admin, Action::DraftPractice, "YYYY"),
        (Role::Admin, Action::ReviewPractices, "YYYY"),
        (Role::Supervisor, Action::UseStaffArea, "YYYY"),
        (Role::Supervisor, Action::ViewOffices, "YYYY"),
        (Role::Supervisor, Action::ManageOffices, "...."),
        (Role::Supervisor, Action::ViewUsers, ".Y.."),
        (Role::Supervisor, Action::ManageUsers, "...."),
        (Role::Supervisor, Action::ViewAudit, ".Y.."),
        (Role::Supervisor, Action::ManageOwnAccount, "Y..."),
        (Role::Supervisor, Action::ViewCases, ".Y.."),
        (Role::Supervisor, Action::WorkOnCases, ".Y.."),
        (Role::Supervisor, Action::ConfirmPriority, ".Y.."),
        (Role::Supervisor, Action::OverrideCompleteness, ".Y.."),
        (Role::Supervisor, Action::DraftPractice, "Y..."),
        (Role::Supervisor, Action::ReviewPractices, "...."),
        (Role::Caseworker, Action::UseStaffArea, "YYYY"),
        (Role::Caseworker, Action::ViewOffices, "YYYY"),
        (Role::Caseworker, Action::ManageOffices, "...."),
        (Role::Caseworker, Action::ViewUsers, "...."),
        (Role::Caseworker, Action::ManageUsers, "...."),
        (Role::Caseworker, Action::ViewAudit, "...."),
        (Role::Caseworker, Action::ManageOwnAccount, "Y..."),
        (Role::Caseworker, Action::ViewCases, ".Y.."),
        (Role::Caseworker, Action::WorkOnCases, ".Y.."),
        (Role::Caseworker, Action::ConfirmPriority, "...."),
        (Role::Caseworker, Action::OverrideCompleteness, "...."),
        (Role::Caseworker, Action::DraftPractice, "Y..."),
        (Role::Caseworker, Action::ReviewPractices, "...."),
        (Role::Facilitator, Action::UseStaffArea, "YYYY"),
        (Role::Facilitator, Action::ViewOffices, "YYYY"),
        (Role::Facilitator, Action::ManageOffices, "...."),
        (Role::Facilitator, Action::ViewUsers, "...."),
        (Role::Facilitator, Action::ManageUsers, "...."),
        (Role::Facilitator, Action::ViewAudit, "...."),
        (Role::Facilitator, Action::ManageOwnAccount, "Y..."),
        (Role::Facilitator, Action::ViewCases, "...."),
        (Role::Facilitator, Action::WorkOnCases, "...."),
        (Role::Facilitator, Action::ConfirmPriority, "...."),
        (Role::Facilitator, Action::OverrideCompleteness, "...."),
        (Role::Facilitator, Action::DraftPractice, "Y..."),
        (Role::Facilitator, Action::ReviewPractices, "...."),
        (Role::KnowledgeEditor, Action::UseStaffArea, "YYYY"),
        (Role::KnowledgeEditor, Action::ViewOffices, "YYYY"),
        (Role::KnowledgeEditor, Action::ManageOffices, "...."),
        (Role::KnowledgeEditor, Action::ViewUsers, "...."),
        (Role::KnowledgeEditor, Action::ManageUsers, "...."),
        (Role::KnowledgeEditor, Action::ViewAudit, "...."),
        (Role::KnowledgeEditor, Action::ManageOwnAccount, "Y..."),
        (Role::KnowledgeEditor, Action::ViewCases, "...."),
        (Role::KnowledgeEditor, Action::WorkOnCases, "...."),
        (Role::KnowledgeEditor, Action::ConfirmPriority, "...."),
        (Role::KnowledgeEditor, Action::OverrideCompleteness, "...."),
        (Role::KnowledgeEditor, Action::DraftPractice, "YYYY"),
        (Role::KnowledgeEditor, Action::ReviewPractices, "YYYY"),
        (Role::Analyst, Action::UseStaffArea, "YYYY"),
        (Role::Analyst, Action::ViewOffices, "YYYY"),
        (Role::Analyst, Action::ManageOffices, "...."),
        (Role::Analyst, Action::ViewUsers, "...."),
        (Role::Analyst, Action::ManageUsers, "...."),
        (Role::Analyst, Action::ViewAudit, "...."),
        (Role::Analyst, Action::ManageOwnAccount, "Y..."),
        (Role::Analyst, Action::ViewCases, "...."),
        (Role::Analyst, Action::WorkOnCases, "...."),
        (Role::Analyst, Action::ConfirmPriority, "...."),
        (Role::Analyst, Action::OverrideCompleteness, "...."),
        (Role::Analyst, Action::DraftPractice, "Y..."),
        (Role::Analyst, Action::ReviewPractices, "...."),
        (Role::Migrant, Action::UseStaffArea, "...."),
        (Role::Migrant, Action::ViewOffices, "...."),
        (Role::Migrant, Action::ManageOffices, "...."),
        (Role::Migrant, Action::ViewUsers, "...."),
        (Role::Migrant, Action::ManageUsers, "...."),
        (Role::Migrant, Action::ViewAudit, "...."),
        (Role::Migrant, Action::ManageOwnAccount, "Y..."),
        (Role::Migrant, Action::ViewCases, "...."),
        (Role::Migrant, Action::WorkOnCases, "...."),
        (Role::Migrant, Action::ConfirmPriority, "...."),
        (Role::Migrant, Action::OverrideCompleteness, "...."),
        (Role::Migrant, Action::DraftPractice, "...."),
        (Role::Migrant, Action::ReviewPractices, "...."),
        (Role::Admin, Action::ViewCurricula, "YYYY"),
        (Role::Supervisor, Action::ViewCurricula, "YYYY"),
        (Role::Caseworker, Action::ViewCurricula, "YYYY"),
        (Role::Facilitator, Action::ViewCurricula, "YYYY"),
        (Role::KnowledgeEditor, Action::ViewCurricula, "YYYY"),
        (Role::Analyst, Action::ViewCurricula, "YYYY"),
        (Role::Migrant, Action::ViewCurricula, "...."),
        (Role::Admin, Action::ManageCurricula, "YYYY"),
        (Role::Supervisor, Action::ManageCurricula, "YYYY"),
        (Role::Caseworker, Action::ManageCurricula, "...."),
        (Role::Facilitator, Action::ManageCurricula, "...."),
        (Role::KnowledgeEditor, Action::ManageCurricula, "...."),
        (Role::Analyst, Action::ManageCurricula, "...."),
        (Role::Migrant, Action::ManageCurricula, "...."),
        (Role::Admin, Action::LocaliseCurricula, "YYYY"),
        (Role::Supervisor, Action::LocaliseCurricula, "YYYY"),
        (Role::Caseworker, Action::LocaliseCurricula, "...."),
        (Role::Facilitator, Action::LocaliseCurricula, "YYYY"),
        (Role::KnowledgeEditor, Action::LocaliseCurricula, "...."),
        (Role::Analyst, Action::LocaliseCurricula, "...."),
        (Role::Migrant, Action::LocaliseCurricula, "...."),
        (Role::Admin, Action::RunOrientation, "YYYY"),
        (Role::Supervisor, Action::RunOrientation, ".Y.."),
        (Role::Caseworker, Action::RunOrientation, "...."),
        (Role::Facilitator, Action::RunOrientation, ".Y.."),
        (Role::KnowledgeEditor, Action::RunOrientation, "...."),
        (Role::Analyst, Action::RunOrientation, "...."),
        (Role::Migrant, Action::RunOrientation, "...."),
        (Role::Admin, Action::AttendOrientation, "YYYY"),
        (Role::Supervisor, Action::AttendOrientation, "...."),
        (Role::Caseworker, Action::AttendOrientation, "...."),
        (Role::Facilitator, Action::AttendOrientation, "...."),
        (Role::KnowledgeEditor, Action::AttendOrientation, "...."),
        (Role::Analyst, Action::AttendOrientation, "...."),
        (Role::Migrant, Action::AttendOrientation, "Y..."),
        (Role::Admin, Action::EnrolCaseFamily, "...."),
        (Role::Supervisor, Action::EnrolCaseFamily, ".Y.."),
        (Role::Caseworker, Action::EnrolCaseFamily, ".Y.."),
        (Role::Facilitator, Action::EnrolCaseFamily, ".Y.."),
        (Role::KnowledgeEditor, Action::EnrolCaseFamily, "...."),
        (Role::Analyst, Action::EnrolCaseFamily, "...."),
        (Role::Migrant, Action::EnrolCaseFamily, "...."),
        (Role::Admin, Action::RevokeCertificates, "YYYY"),
        (Role::Supervisor, Action::RevokeCertificates, ".Y.."),
        (Role::Caseworker, Action::RevokeCertificates, "...."),
        (Role::Facilitator, Action::RevokeCertificates, "...."),
        (Role::KnowledgeEditor, Action::RevokeCertificates, "...."),
        (Role::Analyst, Action::RevokeCertificates, "...."),
        (Role::Migrant, Action::RevokeCertificates, "...."),
        (Role::Admin, Action::ViewOrientationReports, "YYYY"),
        (Role::Supervisor, Action::ViewOrientationReports, ".Y.."),
        (Role::Caseworker, Action::ViewOrientationReports, "...."),
        (Role::Facilitator, Action::ViewOrientationReports, "...."),
        (
            Role::KnowledgeEditor,
            Action::ViewOrientationReports,
            "....",
        ),
        (Role::Analyst, Action::ViewOrientationReports, "YYYY"),
        (Role::Migrant, Action::ViewOrientationReports, "...."),
        (Role::Admin, Action::ReadCaseDocuments, "...."),
        (Role::Admin, Action::VerifyCaseDocuments, "...."),
        (Role::Supervisor, Action::ReadCaseDocuments, ".Y.."),
        (Role::Supervisor, Action::VerifyCaseDocuments, ".Y.."),
        (Role::Caseworker, Action::ReadCaseDocuments, ".Y.."),
        (Role::Caseworker, Action::VerifyCaseDocuments, "...."),
        (Role::Facilitator, Action::ReadCaseDocuments, "...."),
        (Role::Facilitator, Action::VerifyCaseDocuments, "...."),
        (Role::KnowledgeEditor, Action::ReadCaseDocuments, "...."),
        (Role::KnowledgeEditor, Action::VerifyCaseDocuments, "...."),
        (Role::Analyst, Action::ReadCaseDocuments, "...."),
        (Role::Analyst, Action::VerifyCaseDocuments, "...."),
        (Role::Migrant, Action::ReadCaseDocuments, "...."),
        (Role::Migrant, Action::VerifyCaseDocuments, "...."),
        (Role::Admin, Action::UseCasePortal, "...."),
        (Role::Supervisor, Action::UseCasePortal, "...."),
        (Role::Caseworker, Action::UseCasePortal, "...."),
        (Role::Facilitator, Action::UseCasePortal, "...."),
        (Role::KnowledgeEditor, Action::UseCasePortal, "...."),
        (Role::Analyst, Action::UseCasePortal, "...."),
        (Role::Migrant, Action::UseCasePortal, "Y..."),
        (Role::Admin, Action::OverrideConsent, "...."),
        (Role::Supervisor, Action::OverrideConsent, ".Y.."),
        (Role::Caseworker, Action::OverrideConsent, "...."),
        (Role::Facilitator, Action::OverrideConsent, "...."),
        (Role::KnowledgeEditor, Action::OverrideConsent, "...."),
        (Role::Analyst, Action::OverrideConsent, "...."),
        (Role::Migrant, Action::OverrideConsent, "...."),
        (Role::Admin, Action::GenerateSyntheticData, "YYYY"),
        (Role::Supervisor, Action::GenerateSyntheticData, "...."),
        (Role::Caseworker, Action::GenerateSyntheticData, "...."),
        (Role::Facilitator, Action::GenerateSyntheticData, "...."),
        (Role::KnowledgeEditor, Action::GenerateSyntheticData, "...."),
        (Role::Analyst, Action::GenerateSyntheticData, "...."),
        (Role::Migrant, Action::GenerateSyntheticData, "...."),
        (Role::Admin, Action::ViewReports, "YYYY"),
        (Role::Admin, Action::ExportPseudonymisedCases, "...."),
        (Role::Supervisor, Action::ViewReports, ".Y.."),
        (Role::Supervisor, Action::ExportPseudonymisedCases, ".Y.."),
        (Role::Caseworker, Action::ViewReports, "...."),
        (Role::Caseworker, Action::ExportPseudonymisedCases, "...."),
        (Role::Facilitator, Action::ViewReports, "...."),
        (Role::Facilitator, Action::ExportPseudonymisedCases, "...."),
        (Role::KnowledgeEditor, Action::ViewReports, "...."),
        (
            Role::KnowledgeEditor,
            Action::ExportPseudonymisedCases,
            "....",
        ),
        (Role::Analyst, Action::ViewReports, "YYYY"),
        (Role::Analyst, Action::ExportPseudonymisedCases, "YYYY"),
        (Role::Migrant, Action::ViewReports, "...."),
        (Role::Migrant, Action::ExportPseudonymisedCases, "...."),
        (Role::Admin, Action::ErasePersonalData, "...."),
        (Role::Supervisor, Action::ErasePersonalData, ".Y.."),
        (Role::Caseworker, Action::ErasePersonalData, "...."),
        (Role::Facilitator, Action::ErasePersonalData, "...."),
        (Role::KnowledgeEditor, Action::ErasePersonalData, "...."),
        (Role::Analyst, Action::ErasePersonalData, "...."),
        (Role::Migrant, Action::ErasePersonalData, "...."),
        (Role::Admin, Action::ApplyRetention, "YYYY"),
        (Role::Supervisor, Action::ApplyRetention, "...."),
        (Role::Caseworker, Action::ApplyRetention, "...."),
        (Role::Facilitator, Action::ApplyRetention, "...."),
        (Role::KnowledgeEditor, Action::ApplyRetention, "...."),
        (Role::Analyst, Action::ApplyRetention, "...."),
        (Role::Migrant, Action::ApplyRetention, "...."),
        (Role::Admin, Action::ViewRetention, "YYYY"),
        (Role::Supervisor, Action::ViewRetention, ".Y.."),
        (Role::Caseworker, Action::ViewRetention, "...."),
        (Role::Facilitator, Action::ViewRetention, "...."),
        (Role::KnowledgeEditor, Action::ViewRetention, "...."),
        (Role::Analyst, Action::ViewRetention, "...."),
        (Role::Migrant, Action::ViewRetention, "...."),
        (Role::Admin, Action::HandleSubjectAccess, "...."),
        (Role::Supervisor, Action::HandleSubjectAccess, ".Y.."),
        (Role::Caseworker, Action::HandleSubjectAccess, "...."),
        (Role::Facilitator, Action::HandleSubjectAccess, "...."),
        (Role::KnowledgeEditor, Action::HandleSubjectAccess, "...."),
        (Role::Analyst, Action::HandleSubjectAccess, "...."),
        (Role::Migrant, Action::HandleSubjectAccess, "...."),
        (Role::Admin, Action::BreakGlass, "...."),
        (Role::Supervisor, Action::BreakGlass, "YYYY"),
        (Role::Caseworker, Action::BreakGlass, "YYYY"),
        (Role::Facilitator, Action::BreakGlass, "...."),
        (Role::KnowledgeEditor, Action::BreakGlass, "...."),
        (Role::Analyst, Action::BreakGlass, "...."),
        (Role::Migrant, Action::BreakGlass, "...."),
        (Role::Admin, Action::ReviewBreakGlass, "...."),
        (Role::Supervisor, Action::ReviewBreakGlass, ".Y.."),
        (Role::Caseworker, Action::ReviewBreakGlass, "...."),
        (Role::Facilitator, Action::ReviewBreakGlass, "...."),
        (Role::KnowledgeEditor, Action::ReviewBreakGlass, "...."),
        (Role::Analyst, Action::ReviewBreakGlass, "...."),
        (Role::Migrant, Action::ReviewBreakGlass, "...."),
        (Role::Admin, Action::StartOwnApplication, "...."),
        (Role::Supervisor, Action::StartOwnApplication, "...."),
        (Role::Caseworker, Action::StartOwnApplication, "...."),
        (Role::Facilitator, Action::StartOwnApplication, "...."),
        (Role::KnowledgeEditor, Action::StartOwnApplication, "...."),
        (Role::Analyst, Action::StartOwnApplication, "...."),
        (Role::Migrant, Action::StartOwnApplication, "Y..."),
        (Role::Admin, Action::ContactCase, "...."),
        (Role::Admin, Action::ViewSecurityAlerts, "YYYY"),
        (Role::Supervisor, Action::ContactCase, ".Y.."),
        (Role::Supervisor, Action::ViewSecurityAlerts, "YYYY"),
        (Role::Caseworker, Action::ContactCase, ".Y.."),
        (Role::Caseworker, Action::ViewSecurityAlerts, "...."),
        (Role::Facilitator, Action::ContactCase, "...."),
        (Role::Facilitator, Action::ViewSecurityAlerts, "...."),
        (Role::KnowledgeEditor, Action::ContactCase, "...."),
        (Role::KnowledgeEditor, Action::ViewSecurityAlerts, "...."),
        (Role::Analyst, Action::ContactCase, "...."),
        (Role::Analyst, Action::ViewSecurityAlerts, "...."),
        (Role::Migrant, Action::ContactCase, "...."),
        (Role::Migrant, Action::ViewSecurityAlerts, "...."),
    ];

    #[test]
    fn the_matrix_covers_every_role_and_action() {
        for role in Role::ALL {
            for action in Action::ALL {
                let rows = MATRIX
                    .iter()
                    .filter(|(r, a, _)| *r == role && *a == action)
                    .count();
                assert_eq!(rows, 1, "{role:?} × {action:?} must appear exactly once");
            }
        }
    }

    #[test]
    fn every_role_action_and_scope_decides_as_the_matrix_says() {
        let own_office = vec!["office-a".to_owned()];
        let other_office = vec!["office-b".to_owned()];
        for (role, action, expected) in MATRIX {
            let actor = Actor {
                user_id: "me".into(),
                roles: vec![*role],
                offices: own_office.clone(),
            };
            let targets = [
                Target::owned_by("me"),
                Target::in_offices(&own_office),
                Target::in_offices(&other_office),
                Target::system(),
            ];
            let decided: String = targets
                .iter()
                .map(|target| {
                    if is_allowed(&actor, *action, *target) {
                        'Y'
                    } else {
                        '.'
                    }
                })
                .collect();
            assert_eq!(&decided, expected, "{role:?} × {action:?}");
        }
    }

    #[test]
    fn an_office_a_case_is_referred_to_reads_it_and_works_its_contact_side_only() {
        let home = vec!["home".to_owned()];
        let shared = vec!["receiving".to_owned()];
        let staff_of = |office: &str, role| Actor {
            user_id: format!("{office}-staff"),
            roles: vec![role],
            offices: vec![office.to_owned()],
        };
        for role in [Role::Supervisor, Role::Caseworker] {
            for action in Action::ALL {
                let target = Target::case(&home, &shared);
                let at_home = is_allowed(&staff_of("home", role), action, target);
                let receiving = is_allowed(&staff_of("receiving", role), action, target);
                let elsewhere = is_allowed(&staff_of("elsewhere", role), action, target);
                let home_only =
                    is_allowed(&staff_of("home", role), action, Target::in_offices(&home));
                let everywhere = grant(role, action) == Grant::Everywhere;
                assert_eq!(at_home, home_only, "{role:?} {action:?} at home");
                assert_eq!(
                    receiving,
                    home_only && (everywhere || reaches_referral_offices(action)),
                    "{role:?} {action:?} in the receiving office"
                );
                assert_eq!(elsewhere, everywhere, "{role:?} {action:?} elsewhere");
            }
        }
        assert!(reaches_referral_offices(Action::ContactCase));
        for substance in [
            Action::WorkOnCases,
            Action::ConfirmPriority,
            Action::OverrideCompleteness,
            Action::VerifyCaseDocuments,
            Action::OverrideConsent,
            Action::ErasePersonalData,
            Action::HandleSubjectAccess,
        ] {
            assert!(!reaches_referral_offices(substance), "{substance:?}");
        }
    }

    #[test]
    fn an_actor_without_roles_is_denied_everything() {
        let nobody = Actor {
            user_id: "me".into(),
            roles: vec![],
            offices: vec!["office-a".into()],
        };
        for action in Action::ALL {
            assert!(!is_allowed(&nobody, action, Target::owned_by("me")));
            assert!(list_scope(&nobody, action).is_err());
        }
    }

    #[test]
    fn list_scope_agrees_with_the_table() {
        let supervisor = Actor {
            user_id: "s".into(),
            roles: vec![Role::Supervisor],
            offices: vec![],
        };
        assert_eq!(
            list_scope(&supervisor, Action::ViewUsers).ok(),
            Some(ListScope::OfficesOf("s".into()))
        );
        let both = Actor {
            roles: vec![Role::Supervisor, Role::Admin],
            ..supervisor
        };
        assert_eq!(
            list_scope(&both, Action::ViewAudit).ok(),
            Some(ListScope::Everything)
        );
    }
}
