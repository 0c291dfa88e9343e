//! The record of processing activities (GDPR Art. 30; IOM data protection principles): what
//! Corridor keeps about people, why, on what basis, who receives it and for how long.
//!
//! It is declared here, beside the code, and a test holds it to the schema: every table of the
//! database belongs to exactly one activity or is declared as holding no personal data. A new
//! table therefore cannot ship without saying which processing it serves.

use super::consent::Basis;

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataCategory {
    Identity,
    Demographics,
    Contact,
    FamilyRelationships,
    IdentityDocuments,
    /// Special category: vulnerability and specific needs.
    Vulnerability,
    CaseHistory,
    Communications,
    Credentials,
    Learning,
    ActivityRecords,
}

impl DataCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            DataCategory::Identity => "identity",
            DataCategory::Demographics => "demographics",
            DataCategory::Contact => "contact",
            DataCategory::FamilyRelationships => "family_relationships",
            DataCategory::IdentityDocuments => "identity_documents",
            DataCategory::Vulnerability => "vulnerability",
            DataCategory::CaseHistory => "case_history",
            DataCategory::Communications => "communications",
            DataCategory::Credentials => "credentials",
            DataCategory::Learning => "learning",
            DataCategory::ActivityRecords => "activity_records",
        }
    }
}

/// Who receives the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    OfficeStaff,
    Supervisors,
    ReceivingOffice,
    ThePersonConcerned,
    Administrators,
    AnalystsAggregatesOnly,
    Public,
    CertificateVerifiers,
}

impl Recipient {
    pub fn as_str(self) -> &'static str {
        match self {
            Recipient::OfficeStaff => "office_staff",
            Recipient::Supervisors => "supervisors",
            Recipient::ReceivingOffice => "receiving_office",
            Recipient::ThePersonConcerned => "the_person_concerned",
            Recipient::Administrators => "administrators",
            Recipient::AnalystsAggregatesOnly => "analysts_aggregates_only",
            Recipient::Public => "public",
            Recipient::CertificateVerifiers => "certificate_verifiers",
        }
    }
}

/// One processing activity. Its name, purpose and retention are the Fluent messages
/// `privacy-activity-<id>`, `privacy-purpose-<id>` and `privacy-retention-<id>`.
#[derive(Debug, Clone, Copy)]
pub struct ProcessingActivity {
    pub id: &'static str,
    pub basis: Basis,
    pub categories: &'static [DataCategory],
    pub recipients: &'static [Recipient],
    /// The tables that hold its data.
    pub tables: &'static [&'static str],
}

use DataCategory as C;
use Recipient as R;

pub const ACTIVITIES: &[ProcessingActivity] = &[
    ProcessingActivity {
        id: "case_management",
        basis: Basis::PublicTask,
        categories: &[
            C::Identity,
            C::Demographics,
            C::Contact,
            C::FamilyRelationships,
            C::IdentityDocuments,
            C::Vulnerability,
            C::CaseHistory,
            C::Communications,
        ],
        recipients: &[
            R::OfficeStaff,
            R::Supervisors,
            R::ReceivingOffice,
            R::ThePersonConcerned,
        ],
        tables: &[
            "people",
            "cases",
            "case_members",
            "case_events",
            "vulnerability_assessments",
            "case_facts",
            "eligibility_snapshots",
            "checklist_items",
            "case_documents",
            "completeness_reports",
            "appointments",
            "case_notes",
            "case_messages",
            "case_message_reads",
            "case_referrals",
            "person_accounts",
        ],
    },
    ProcessingActivity {
        id: "lawful_basis",
        basis: Basis::LegalObligation,
        categories: &[C::Identity, C::ActivityRecords],
        recipients: &[R::OfficeStaff, R::Supervisors],
        tables: &["consents"],
    },
    ProcessingActivity {
        id: "orientation",
        basis: Basis::PublicTask,
        categories: &[C::Identity, C::Demographics, C::Learning],
        recipients: &[
            R::OfficeStaff,
            R::Supervisors,
            R::ThePersonConcerned,
            R::CertificateVerifiers,
            R::AnalystsAggregatesOnly,
        ],
        tables: &[
            "participants",
            "orientation_sessions",
            "orientation_enrolments",
            "orientation_attendance",
            "orientation_assessments",
            "orientation_module_scores",
            "orientation_feedback",
            "orientation_certificates",
            "orientation_revocation_requests",
            "orientation_notices",
        ],
    },
    ProcessingActivity {
        id: "knowledge",
        basis: Basis::LegitimateInterests,
        categories: &[C::Identity, C::Contact],
        recipients: &[R::Public],
        tables: &["practices", "practice_versions", "practice_comments"],
    },
    ProcessingActivity {
        id: "accounts",
        basis: Basis::LegitimateInterests,
        categories: &[C::Identity, C::Credentials, C::ActivityRecords],
        recipients: &[R::Administrators],
        tables: &[
            "users",
            "user_roles",
            "user_offices",
            "recovery_codes",
            "sessions",
            "api_tokens",
            "attempt_counters",
            "known_devices",
            "role_approvals",
            "security_alerts",
        ],
    },
    ProcessingActivity {
        id: "audit",
        basis: Basis::LegalObligation,
        categories: &[C::ActivityRecords],
        recipients: &[R::Supervisors, R::Administrators],
        tables: &["audit_events", "break_glass_grants"],
    },
    ProcessingActivity {
        id: "subject_rights",
        basis: Basis::LegalObligation,
        categories: &[C::Identity, C::ActivityRecords],
        recipients: &[R::Supervisors, R::ThePersonConcerned],
        tables: &["subject_access_requests"],
    },
    ProcessingActivity {
        id: "reporting",
        basis: Basis::PublicTask,
        categories: &[C::Demographics, C::CaseHistory],
        recipients: &[R::Supervisors, R::AnalystsAggregatesOnly],
        // Monthly tallies by sex, age group and nationality: a tally of one can single a person
        // out, so they are kept as personal data and shown only after suppression.
        tables: &["case_figures_by_month"],
    },
];

/// Tables that hold no personal data: configuration, counters, content and aggregates.
pub const NOT_PERSONAL: &[&str] = &[
    "offices",
    "office_sla_days",
    "case_counters",
    "approvals_by_month",
    "data_keys",
    "audit_head",
    "knowledge_index_state",
    "orientation_curricula",
    "orientation_modules",
    "orientation_requirements",
    "orientation_gain_totals",
    "orientation_feedback_totals",
    "retention_policies",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables the migrations leave, read in order: created, less those dropped later.
    fn schema_tables() -> Vec<String> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .collect();
        files.sort();
        let mut tables: Vec<String> = Vec::new();
        for file in files {
            let sql = std::fs::read_to_string(file).unwrap_or_default();
            for line in sql.lines() {
                match line.split_whitespace().collect::<Vec<_>>()[..] {
                    ["CREATE", "TABLE", name, ..] => tables.push(name.trim_matches('(').to_owned()),
                    ["DROP", "TABLE", name, ..] => {
                        let name = name.trim_end_matches(';');
                        tables.retain(|table| table != name);
                    }
                    _ => {}
                }
            }
        }
        tables
    }

    #[test]
    fn every_table_belongs_to_one_activity_or_holds_no_personal_data() {
        let tables = schema_tables();
        assert!(tables.len() > 20, "the migrations were not found");
        for table in &tables {
            let owners = ACTIVITIES
                .iter()
                .filter(|activity| activity.tables.contains(&table.as_str()))
                .count()
                + usize::from(NOT_PERSONAL.contains(&table.as_str()));
            assert_eq!(owners, 1, "{table} must be declared exactly once");
        }
        for declared in ACTIVITIES.iter().flat_map(|a| a.tables).chain(NOT_PERSONAL) {
            assert!(
                tables.iter().any(|t| t == declared),
                "{declared} is not in the schema"
            );
        }
    }

    #[test]
    fn every_sealed_column_is_in_a_personal_table() {
        for column in crate::crypto::ENCRYPTED_COLUMNS {
            assert!(
                ACTIVITIES.iter().any(|a| a.tables.contains(&column.table)),
                "{} holds sealed data but no activity declares it",
                column.table
            );
        }
    }
}
