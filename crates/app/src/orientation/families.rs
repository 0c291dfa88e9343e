//! Enrolling a case's family in a session in one step. Each member of the case (the sponsor
//! excepted: they live at the destination already) becomes a participant once — the participant
//! row points at the case's person, so a second enrolment or a second session finds the same
//! participant — and is enrolled while the session has room, waitlisted after. Members already
//! on the session are skipped. Everything happens in one transaction, each new participant and
//! enrolment audited, plus one event for the whole action.

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::people::{self, PERSON_COLUMNS};
use crate::error::{Error, Result};
use crate::orientation::participants::{self, NewParticipant};
use crate::orientation::sessions::{self, EnrolmentSource, EnrolmentStatus};
use crate::policy::{self, Action, Actor, Target};

/// What enrolling a family did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyEnrolment {
    pub enrolled: usize,
    pub waitlisted: usize,
    /// Members already on the session (in any status).
    pub skipped: usize,
}

/// A case person's sex as the participant record spells it.
fn participant_sex(person_sex: &str) -> &'static str {
    match person_sex {
        "F" => "female",
        "M" => "male",
        "X" => "other",
        _ => "unknown",
    }
}

/// Case people carry ICAO alpha-3 nationalities and participants ISO alpha-2 ones; with no
/// mapping table in the code base yet, a family enrolled from a case is recorded under the
/// user-assigned "unknown" code `ZZ`, which the report counts as its own group.
const UNKNOWN_NATIONALITY: &str = "ZZ";

/// Enrols the family of the case with reference `case_reference` in a session.
pub async fn enrol_case_family(
    app: &App,
    actor: &Actor,
    session_id: &str,
    case_reference: &str,
) -> Result<FamilyEnrolment> {
    let session = sessions::load(&app.db, session_id).await?;
    policy::authorize(
        actor,
        Action::EnrolCaseFamily,
        Target::in_offices(&session.target_offices()),
    )?;
    let reference = case_reference.trim();
    let not_found = || Error::invalid("case_reference", "error-case-not-found");
    if reference.is_empty() {
        return Err(Error::invalid(
            "case_reference",
            "error-required-short-text",
        ));
    }
    let case = sqlx::query("SELECT id, office_id FROM cases WHERE reference = $1")
        .bind(reference)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or_else(not_found)?;
    let case_id: String = case.try_get("id")?;
    let case_office: String = case.try_get("office_id")?;
    // A case in an office the actor does not serve does not exist for them.
    policy::authorize(
        actor,
        Action::EnrolCaseFamily,
        Target::in_offices(std::slice::from_ref(&case_office)),
    )
    .map_err(|_| not_found())?;
    sessions::ensure_open(&session)?;

    let mut tx = app.db.begin().await?;
    let members = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {PERSON_COLUMNS}, x.id AS participant_id, \
         (SELECT e.id FROM orientation_enrolments e WHERE e.session_id = $2 AND e.participant_id = x.id) AS enrolment_id \
         FROM case_members m JOIN people p ON p.id = m.person_id LEFT JOIN participants x ON x.person_id = p.id \
         WHERE m.case_id = $1 AND m.role <> 'sponsor' \
         ORDER BY CASE m.role WHEN 'principal_applicant' THEN 0 ELSE 1 END, p.id"
    )))
    .bind(&case_id)
    .bind(session_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut outcome = FamilyEnrolment::default();
    for row in &members {
        let enrolment_id: Option<String> = row.try_get("enrolment_id")?;
        if enrolment_id.is_some() {
            outcome.skipped += 1;
            continue;
        }
        let participant_id = match row.try_get::<Option<String>, _>("participant_id")? {
            Some(id) => id,
            None => {
                let person = people::from_row(app, row)?;
                let name = format!("{} {}", person.names.given_names, person.names.surname);
                let birth_year = person
                    .birth_date
                    .as_deref()
                    .and_then(|date| date.get(..4))
                    .and_then(|year| year.parse().ok());
                let new = NewParticipant {
                    office_id: &session.office_id,
                    name: name.trim(),
                    sex: participant_sex(&person.sex),
                    birth_year,
                    nationality: UNKNOWN_NATIONALITY,
                    migration_category: "family",
                    user_id: None,
                    person_id: Some(&person.id),
                };
                participants::insert(app, &mut tx, actor, &new).await?
            }
        };
        let (_, status) = sessions::insert_enrolment(
            &mut tx,
            actor,
            &session,
            &participant_id,
            EnrolmentSource::Case,
        )
        .await?;
        match status {
            EnrolmentStatus::Waitlisted => outcome.waitlisted += 1,
            _ => outcome.enrolled += 1,
        }
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationEnrolCaseFamily,
            "orientation_session",
            Some(&session.id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "case": case_id,
            "enrolled": outcome.enrolled,
            "waitlisted": outcome.waitlisted,
            "skipped": outcome.skipped,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}
