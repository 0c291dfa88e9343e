//! Erasure (GDPR Art. 17): a person's data is removed or irreversibly anonymised in every module,
//! while the counts that reports read and the audit chain stay intact.
//!
//! One mechanism serves a supervisor's erasure of one person and the retention purge of
//! thousands of cases: the ids to erase are put into temporary tables ([`rules::Set`]), the sets
//! are completed from each other (a case's people, a person's participant record and migrant
//! account), and every table's declared [`rules::RULES`] entry runs once as one set-based
//! statement. Files of deleted documents are removed from the file store after the commit.
//!
//! What stays: case rows (status, office, pathway, dates, priority), the timeline's moves,
//! completeness verdicts, case membership, and a person's sex, birth year and nationality, which
//! the indicators break down by. Audit events name people and cases by their ids only.
//!
//! A case's personal content (facts, documents, notes, messages, reasons, narratives) goes when
//! the erased person is its principal applicant: the content is mostly theirs, and documents and
//! facts are keyed by the pack's person roles, not by person ids, so another member's share
//! cannot be told apart. Erasing another member erases their person record, appointments,
//! consents' scope, orientation record and account, and leaves the case's content.

pub mod rules;

use sqlx::Row;

use self::rules::{RULES, Set, Treatment};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::people::PersonNames;
use crate::db::Tx;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{Millis, now_millis};

/// The ground for erasure the supervisor relies on (GDPR Art. 17(1)(a)–(e)). A code, not free
/// text, so that the audit event can carry it without risking personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    NoLongerNecessary,
    ConsentWithdrawn,
    Objection,
    UnlawfulProcessing,
    LegalObligation,
}

impl Ground {
    pub const ALL: [Ground; 5] = [
        Ground::NoLongerNecessary,
        Ground::ConsentWithdrawn,
        Ground::Objection,
        Ground::UnlawfulProcessing,
        Ground::LegalObligation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::NoLongerNecessary => "no_longer_necessary",
            Ground::ConsentWithdrawn => "consent_withdrawn",
            Ground::Objection => "objection",
            Ground::UnlawfulProcessing => "unlawful_processing",
            Ground::LegalObligation => "legal_obligation",
        }
    }

    pub fn parse(text: &str) -> Option<Ground> {
        Ground::ALL
            .into_iter()
            .find(|ground| ground.as_str() == text)
    }
}

/// The erasure form as typed.
#[derive(Debug, Clone, Default)]
pub struct ErasureForm {
    pub reason: String,
    /// The reference of one of the person's cases, typed to confirm that the right person is
    /// being erased.
    pub confirm_reference: String,
}

/// How much one erasure removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub cases: u64,
    pub people: u64,
    pub participants: u64,
    pub accounts: u64,
    pub files: u64,
}

impl Erased {
    pub fn add(&mut self, other: Erased) {
        self.cases += other.cases;
        self.people += other.people;
        self.participants += other.participants;
        self.accounts += other.accounts;
        self.files += other.files;
    }
}

/// A person a supervisor may erase, for the confirmation page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureTarget {
    pub person_id: String,
    pub office_id: String,
    /// The person's names, so that the page says whom it erases.
    pub names: PersonNames,
    /// The references of the cases the person belongs to; one of them is typed to confirm.
    pub case_references: Vec<String>,
    /// Cases whose personal content goes too (the person is their principal applicant).
    pub principal_cases: u64,
}

impl ErasureTarget {
    /// Whether `typed` is the reference of one of the person's cases (any case, trimmed).
    fn confirmed_by(&self, typed: &str) -> bool {
        let typed = typed.trim();
        !typed.is_empty()
            && self
                .case_references
                .iter()
                .any(|reference| reference.eq_ignore_ascii_case(typed))
    }
}

/// The person, if the actor may erase them and they are not erased yet.
pub async fn target(app: &App, actor: &Actor, person_id: &str) -> Result<ErasureTarget> {
    let row = sqlx::query("SELECT office_id, erased_at, names FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    let office_id: String = row.try_get("office_id")?;
    let offices = [office_id.clone()];
    policy::authorize(actor, Action::ViewCases, Target::in_offices(&offices))
        .map_err(|_| Error::NotFound)?;
    policy::authorize(
        actor,
        Action::ErasePersonalData,
        Target::in_offices(&offices),
    )?;
    if row.try_get::<Option<i64>, _>("erased_at")?.is_some() {
        return Err(Error::Conflict("privacy-already-erased"));
    }
    let principal_cases: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id \
         WHERE m.person_id = $1 AND m.role = 'principal_applicant' AND c.erased_at IS NULL",
    )
    .bind(person_id)
    .fetch_one(&app.db.pool)
    .await?;
    let case_references: Vec<String> = sqlx::query_scalar(
        "SELECT c.reference FROM case_members m JOIN cases c ON c.id = m.case_id \
         WHERE m.person_id = $1 ORDER BY c.opened_at, c.id",
    )
    .bind(person_id)
    .fetch_all(&app.db.pool)
    .await?;
    let sealed_names: Vec<u8> = row.try_get("names")?;
    Ok(ErasureTarget {
        person_id: person_id.to_owned(),
        names: crate::cases::people::open_names(app, person_id, &sealed_names)?,
        office_id,
        case_references,
        principal_cases: u64::try_from(principal_cases).unwrap_or(0),
    })
}

/// Erases one person, and the personal content of the cases they are the principal applicant
/// of. Supervisors of the person's office only; one transaction, audited with ids only.
pub async fn erase_person(
    app: &App,
    actor: &Actor,
    person_id: &str,
    form: &ErasureForm,
) -> Result<Erased> {
    let target = target(app, actor, person_id).await?;
    let mut errors = FieldErrors::default();
    let ground = Ground::parse(form.reason.trim());
    if ground.is_none() {
        errors.add("reason", "error-choose-option");
    }
    if !target.confirmed_by(&form.confirm_reference) {
        errors.add("confirm_reference", "privacy-erase-error-reference");
    }
    let (Some(ground), true) = (ground, errors.0.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let office_id = target.office_id;
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    // The check of `target` ran before the transaction: another erasure of the same person may
    // have committed since. Claiming the row here decides, under the row's write lock, which of
    // two concurrent erasures runs; the other finds it erased and changes nothing.
    let claimed =
        sqlx::query("UPDATE people SET erased_at = $1 WHERE id = $2 AND erased_at IS NULL")
            .bind(now)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if claimed == 0 {
        return Err(Error::Conflict("privacy-already-erased"));
    }
    start(&mut tx).await?;
    sqlx::query("INSERT INTO erasure_people (id) VALUES ($1)")
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO erasure_cases (id) SELECT m.case_id FROM case_members m \
         JOIN cases c ON c.id = m.case_id \
         WHERE m.person_id = $1 AND m.role = 'principal_applicant' AND c.erased_at IS NULL",
    )
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    let cases: Vec<String> = sqlx::query_scalar("SELECT id FROM erasure_cases ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    let (erased, documents) = apply(&mut tx, now).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PrivacyErase,
            "person",
            Some(person_id),
        )
        .in_office(Some(&office_id))
        .with_details(serde_json::json!({
            "ground": ground.as_str(),
            "cases": cases,
            "participants": erased.participants,
            "accounts": erased.accounts,
            "documents": documents.len(),
        })),
    )
    .await?;
    tx.commit().await?;
    let erased = remove_files(app, erased, &documents).await;
    checkpoint(app).await;
    Ok(erased)
}

/// Creates the temporary id sets (once per connection). They are empty: [`apply`] empties them
/// before its transaction commits, and a transaction that fails takes its ids back with it.
pub(crate) async fn start(tx: &mut Tx) -> Result<()> {
    for set in Set::ALL {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE TEMPORARY TABLE IF NOT EXISTS {} (id TEXT PRIMARY KEY)",
            set.table()
        )))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The people of the cases in `erasure_cases` who belong to no other case that still holds
/// personal data: the retention purge erases them with their cases.
pub(crate) async fn add_people_of_cases(tx: &mut Tx) -> Result<()> {
    sqlx::query(
        "INSERT INTO erasure_people (id) SELECT DISTINCT m.person_id FROM case_members m \
         JOIN people p ON p.id = m.person_id \
         WHERE m.case_id IN (SELECT id FROM erasure_cases) AND p.erased_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM case_members o JOIN cases c ON c.id = o.case_id \
             WHERE o.person_id = m.person_id AND c.erased_at IS NULL \
             AND o.case_id NOT IN (SELECT id FROM erasure_cases))",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Completes the sets, applies every rule and returns the counts and the documents whose files
/// must go once the transaction has committed.
pub(crate) async fn apply(tx: &mut Tx, now: Millis) -> Result<(Erased, Vec<String>)> {
    sqlx::query(
        "INSERT INTO erasure_participants (id) SELECT id FROM participants \
         WHERE person_id IN (SELECT id FROM erasure_people) AND erased_at IS NULL \
         ON CONFLICT (id) DO NOTHING",
    )
    .execute(&mut **tx)
    .await?;
    // Only accounts that are nothing but a migrant's own (a staff account is never erased here)
    // and that no one who stays still uses: a parent's account linked to an erased child stays.
    sqlx::query(
        "INSERT INTO erasure_users (id) SELECT DISTINCT linked.user_id FROM ( \
           SELECT user_id FROM person_accounts WHERE person_id IN (SELECT id FROM erasure_people) \
           UNION SELECT user_id FROM participants \
             WHERE id IN (SELECT id FROM erasure_participants) AND user_id IS NOT NULL \
         ) AS linked WHERE NOT EXISTS ( \
           SELECT 1 FROM user_roles r WHERE r.user_id = linked.user_id AND r.role <> 'migrant') \
         AND NOT EXISTS ( \
           SELECT 1 FROM person_accounts o JOIN people p ON p.id = o.person_id \
           WHERE o.user_id = linked.user_id AND p.erased_at IS NULL \
             AND o.person_id NOT IN (SELECT id FROM erasure_people)) \
         AND NOT EXISTS ( \
           SELECT 1 FROM participants o WHERE o.user_id = linked.user_id AND o.erased_at IS NULL \
             AND o.id NOT IN (SELECT id FROM erasure_participants))",
    )
    .execute(&mut **tx)
    .await?;
    let documents: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM case_documents WHERE case_id IN (SELECT id FROM erasure_cases)",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut sizes = Vec::new();
    for set in Set::ALL {
        let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {}",
            set.table()
        )))
        .fetch_one(&mut **tx)
        .await?;
        sizes.push((set, u64::try_from(count).unwrap_or(0)));
    }
    let size = |wanted: Set| {
        sizes
            .iter()
            .find(|(set, _)| *set == wanted)
            .map_or(0, |(_, n)| *n)
    };
    for rule in RULES {
        if let Some(statement) = statement(rule, now, &|set| size(set) > 0) {
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(&mut **tx)
                .await?;
        }
    }
    // No ids stay behind on the pooled connection.
    for set in Set::ALL {
        crate::db::empty_temporary_table(tx, set.table()).await?;
    }
    let erased = Erased {
        cases: size(Set::Cases),
        people: size(Set::People),
        participants: size(Set::Participants),
        accounts: size(Set::Users),
        files: 0,
    };
    Ok((erased, documents))
}

/// The rule's statement over the non-empty sets, or `None` when it has nothing to do.
fn statement(
    rule: &rules::ErasureRule,
    now: Millis,
    non_empty: &dyn Fn(Set) -> bool,
) -> Option<String> {
    let selected: Vec<String> = rule
        .rows
        .iter()
        .filter(|(_, set)| non_empty(*set))
        .map(|(column, set)| format!("{column} IN (SELECT id FROM {})", set.table()))
        .collect();
    if selected.is_empty() {
        return None;
    }
    let table = rule.table;
    let condition = selected.join(" OR ");
    match rule.treatment {
        Treatment::Delete => Some(format!("DELETE FROM {table} WHERE {condition}")),
        Treatment::Update(set) => Some(format!(
            "UPDATE {table} SET {} WHERE {condition}",
            set.replace("{now}", &now.to_string())
        )),
        Treatment::Clear(columns) => {
            let cleared: Vec<String> = columns.iter().map(|c| format!("{c} = NULL")).collect();
            let held: Vec<String> = columns.iter().map(|c| format!("{c} IS NOT NULL")).collect();
            Some(format!(
                "UPDATE {table} SET {} WHERE ({condition}) AND ({})",
                cleared.join(", "),
                held.join(" OR ")
            ))
        }
        Treatment::Keep(_) => None,
    }
}

/// After the commit: removes the erased documents' files. A file that cannot be removed is
/// logged by count, never by name.
pub(crate) async fn remove_files(app: &App, mut erased: Erased, documents: &[String]) -> Erased {
    let files = app.paths.files();
    let mut failed = 0_u64;
    for id in documents {
        match tokio::fs::remove_file(files.join(id)).await {
            Ok(()) => erased.files += 1,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => failed += 1,
        }
    }
    if failed > 0 {
        tracing::warn!(failed, "erased documents' files could not be removed");
    }
    erased
}

/// Lets SQLite drop the pages as they were before an erasure from its write-ahead log.
pub(crate) async fn checkpoint(app: &App) {
    if let Err(error) = app.db.checkpoint().await {
        tracing::warn!(%error, "write-ahead log checkpoint after erasure failed");
    }
}

#[cfg(test)]
mod tests {
    use super::rules::{ErasureRule, Set, Treatment};
    use super::statement;

    fn rule(treatment: Treatment) -> ErasureRule {
        ErasureRule {
            table: "t",
            rows: &[("case_id", Set::Cases)],
            treatment,
        }
    }

    #[test]
    fn clearing_skips_rows_already_empty_and_other_updates_do_not() {
        let cleared = statement(
            &rule(Treatment::Clear(&["note", "override_reason"])),
            7,
            &|_| true,
        );
        assert_eq!(
            cleared.as_deref(),
            Some(
                "UPDATE t SET note = NULL, override_reason = NULL WHERE (case_id IN \
                 (SELECT id FROM erasure_cases)) AND (note IS NOT NULL OR override_reason IS NOT NULL)"
            )
        );
        let updated = statement(
            &rule(Treatment::Update("scope = NULL, erased_at = {now}")),
            7,
            &|_| true,
        );
        assert_eq!(
            updated.as_deref(),
            Some(
                "UPDATE t SET scope = NULL, erased_at = 7 WHERE case_id IN \
                 (SELECT id FROM erasure_cases)"
            )
        );
        assert_eq!(
            statement(&rule(Treatment::Clear(&["note"])), 7, &|_| false),
            None
        );
    }
}
