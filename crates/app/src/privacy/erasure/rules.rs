//! How each table of the record of processing is erased: one declared rule per table, applied in
//! order by one mechanism ([`super::apply`]). A test holds this list to
//! [`crate::privacy::processing::ACTIVITIES`] and to the sealed columns, so a new table of
//! personal data cannot ship without saying what erasure does to it.

/// A set of ids chosen for erasure, held in a temporary table of the erasing connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// People erased: their identifying fields go, the coarse reporting fields stay.
    People,
    /// Cases whose personal content is erased (the person was their principal applicant, or
    /// the case's retention period ran out). The case row and its timeline stay for counts.
    Cases,
    /// Orientation participants erased (linked to an erased person, or expired on their own).
    Participants,
    /// Migrant accounts linked to erased people or participants (never staff accounts).
    Users,
}

impl Set {
    pub const ALL: [Set; 4] = [Set::Cases, Set::People, Set::Participants, Set::Users];

    /// The temporary table holding the set's ids.
    pub fn table(self) -> &'static str {
        match self {
            Set::People => "erasure_people",
            Set::Cases => "erasure_cases",
            Set::Participants => "erasure_participants",
            Set::Users => "erasure_users",
        }
    }
}

/// What erasure does to the selected rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    Delete,
    /// `SET` clause; `{now}` stands for the erasure instant. Blobs that may not be NULL become
    /// empty with `substr(column, 1, 0)`, which both backends keep as an empty byte string.
    Update(&'static str),
    /// These columns become NULL; rows where they already are stay untouched (rewriting them
    /// would cost PostgreSQL a new row version for nothing).
    Clear(&'static [&'static str]),
    /// Nothing to erase in this table, and why.
    Keep(&'static str),
}

/// One table's rule: the rows whose `column` is in `set` (any of the pairs) get `treatment`.
#[derive(Debug, Clone, Copy)]
pub struct ErasureRule {
    pub table: &'static str,
    pub rows: &'static [(&'static str, Set)],
    pub treatment: Treatment,
}

use Set as S;
use Treatment as T;

const fn rule(
    table: &'static str,
    rows: &'static [(&'static str, Set)],
    treatment: Treatment,
) -> ErasureRule {
    ErasureRule {
        table,
        rows,
        treatment,
    }
}

/// In order: rows that point at others are handled before the rows they point at.
pub const RULES: &[ErasureRule] = &[
    // Case content, when the case's content is erased.
    rule("case_documents", &[("case_id", S::Cases)], T::Delete),
    rule("case_facts", &[("case_id", S::Cases)], T::Delete),
    rule("eligibility_snapshots", &[("case_id", S::Cases)], T::Delete),
    rule(
        "checklist_items",
        &[("case_id", S::Cases)],
        T::Clear(&["reason"]),
    ),
    rule(
        "completeness_reports",
        &[],
        T::Keep("verdicts and item statuses only; the completeness indicator counts them"),
    ),
    rule(
        "case_events",
        &[("case_id", S::Cases)],
        T::Clear(&["reason"]),
    ),
    rule(
        "vulnerability_assessments",
        &[("case_id", S::Cases)],
        T::Clear(&["narrative"]),
    ),
    rule("case_notes", &[("case_id", S::Cases)], T::Delete),
    rule(
        "case_messages",
        &[("case_id", S::Cases), ("sender_id", S::Users)],
        T::Delete,
    ),
    rule(
        "case_message_reads",
        &[("case_id", S::Cases), ("user_id", S::Users)],
        T::Delete,
    ),
    rule(
        "case_referrals",
        &[("case_id", S::Cases)],
        T::Clear(&["note", "override_reason", "decision_reason"]),
    ),
    // Who opened the case in an emergency stays on record for review; their reason may describe
    // the family, so it goes.
    rule(
        "break_glass_grants",
        &[("case_id", S::Cases)],
        T::Update("reason = substr(reason, 1, 0)"),
    ),
    // The person.
    // That a request was answered, and when, is kept to show the duty was met; a refusal's
    // reason may describe the person, so it goes.
    rule(
        "subject_access_requests",
        &[("person_id", S::People)],
        T::Clear(&["reason"]),
    ),
    rule(
        "appointments",
        &[("person_id", S::People), ("case_id", S::Cases)],
        T::Delete,
    ),
    rule(
        "consents",
        &[("person_id", S::People)],
        T::Clear(&["scope"]),
    ),
    rule("person_accounts", &[("person_id", S::People)], T::Delete),
    rule(
        "case_figures_by_month",
        &[],
        T::Keep("monthly tallies without ids; erasure keeps the aggregate counts"),
    ),
    rule(
        "case_members",
        &[],
        T::Keep("case and person ids with the role; member counts feed the indicators"),
    ),
    rule(
        "people",
        &[("id", S::People)],
        T::Update(
            "names = substr(names, 1, 0), name_key = 'erased', surname_key = 'erased', \
             birth_date = NULL, erased_at = {now}",
        ),
    ),
    rule("cases", &[("id", S::Cases)], T::Update("erased_at = {now}")),
    // Orientation: the certificate token carries the name in its signed claims.
    rule(
        "orientation_certificates",
        &[("participant_id", S::Participants)],
        T::Update(
            "token = '', revoked_at = COALESCE(revoked_at, {now}), \
             revocation_reason = COALESCE(revocation_reason, 'erased')",
        ),
    ),
    rule(
        "participants",
        &[("id", S::Participants)],
        T::Update("name_sealed = substr(name_sealed, 1, 0), user_id = NULL, erased_at = {now}"),
    ),
    rule(
        "orientation_sessions",
        &[],
        T::Keep("sessions name no participant"),
    ),
    rule(
        "orientation_enrolments",
        &[],
        T::Keep("participant ids and statuses; attendance reports count them"),
    ),
    rule(
        "orientation_attendance",
        &[],
        T::Keep("enrolment ids and times; attendance reports count them"),
    ),
    rule(
        "orientation_assessments",
        &[],
        T::Keep("scores per enrolment; the knowledge-gain report counts them"),
    ),
    rule(
        "orientation_module_scores",
        &[],
        T::Keep("scores per enrolment; the knowledge-gain report counts them"),
    ),
    rule(
        "orientation_feedback",
        &[],
        T::Keep("anonymous ratings per enrolment"),
    ),
    rule(
        "orientation_revocation_requests",
        &[],
        T::Keep("certificate ids and staff's reasons; the certificate itself is erased above"),
    ),
    rule(
        "orientation_notices",
        &[],
        T::Keep("enrolment ids and session dates; they name no one"),
    ),
    // The migrant's own account.
    rule("sessions", &[("user_id", S::Users)], T::Delete),
    rule("api_tokens", &[("user_id", S::Users)], T::Delete),
    rule("recovery_codes", &[("user_id", S::Users)], T::Delete),
    rule("known_devices", &[("user_id", S::Users)], T::Delete),
    rule("role_approvals", &[("user_id", S::Users)], T::Delete),
    rule(
        "users",
        &[("id", S::Users)],
        T::Update(
            "username = 'erased-' || id, display_name = '', password_hash = '', \
             totp_secret = NULL, totp_enabled_at = NULL, disabled_at = COALESCE(disabled_at, {now})",
        ),
    ),
    rule(
        "user_roles",
        &[],
        T::Keep("the role of a disabled, anonymised account"),
    ),
    rule(
        "user_offices",
        &[],
        T::Keep("the office of a disabled, anonymised account"),
    ),
    rule(
        "attempt_counters",
        &[],
        T::Keep("keyed hashes only, counted within the sign-in windows"),
    ),
    rule(
        "security_alerts",
        &[],
        T::Keep("counts across all accounts, about no one person"),
    ),
    // Records that are not about the people concerned.
    rule(
        "practices",
        &[],
        T::Keep("good practices are written by staff, not about migrants"),
    ),
    rule(
        "practice_versions",
        &[],
        T::Keep("good practices are written by staff, not about migrants"),
    ),
    rule(
        "practice_comments",
        &[],
        T::Keep("reviewers' comments on good practices"),
    ),
    rule(
        "audit_events",
        &[],
        T::Keep("append-only and chained; events carry pseudonymous ids, never names"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::processing::ACTIVITIES;

    #[test]
    fn every_table_of_personal_data_has_exactly_one_erasure_rule() {
        for table in ACTIVITIES.iter().flat_map(|activity| activity.tables) {
            let rules = RULES.iter().filter(|rule| rule.table == *table).count();
            assert_eq!(rules, 1, "{table} needs exactly one erasure rule");
        }
        for rule in RULES {
            assert!(
                ACTIVITIES.iter().any(|a| a.tables.contains(&rule.table)),
                "{} has a rule but no processing activity",
                rule.table
            );
        }
    }

    #[test]
    fn every_sealed_column_is_erased() {
        for column in crate::crypto::ENCRYPTED_COLUMNS {
            let rule = RULES.iter().find(|rule| rule.table == column.table);
            let erased = match rule.map(|rule| rule.treatment) {
                Some(Treatment::Delete) => true,
                Some(Treatment::Update(set)) => set.contains(&format!("{} =", column.column)),
                Some(Treatment::Clear(columns)) => columns.contains(&column.column),
                _ => false,
            };
            assert!(erased, "{}.{} is not erased", column.table, column.column);
        }
    }

    #[test]
    fn rules_that_erase_select_rows_and_rules_that_keep_select_none() {
        for rule in RULES {
            match rule.treatment {
                Treatment::Keep(why) => assert!(rule.rows.is_empty() && !why.is_empty()),
                _ => assert!(!rule.rows.is_empty(), "{} selects no rows", rule.table),
            }
        }
    }
}
