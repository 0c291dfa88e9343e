//! The curricula shipped in `content/orientation/` (compiled in, so the binary carries them)
//! and the orientation part of the demonstration data.

use crate::App;
use crate::error::Result;
use crate::orientation::civil_date;
use crate::orientation::content::CurriculumDocument;
use crate::orientation::curricula::{self, ImportOutcome};
use crate::orientation::participants::{self, ParticipantForm};
use crate::orientation::sessions::{self, EnrolmentSource, SessionForm};
use crate::policy::Actor;
use crate::time::DAY;
use crate::time::now_millis;

/// The shipped curricula, parents before their localisations.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "coa-pdo-canada-adult.json",
        include_str!("../../../../content/orientation/coa-pdo-canada-adult.json"),
    ),
    (
        "coa-pdo-canada-youth.json",
        include_str!("../../../../content/orientation/coa-pdo-canada-youth.json"),
    ),
    (
        "ciop-pdo-ph-gcc.json",
        include_str!("../../../../content/orientation/ciop-pdo-ph-gcc.json"),
    ),
    (
        "ciop-pdo-ph-kw.json",
        include_str!("../../../../content/orientation/ciop-pdo-ph-kw.json"),
    ),
    (
        "fap-de-family-reunification.json",
        include_str!("../../../../content/orientation/fap-de-family-reunification.json"),
    ),
    (
        "tawjeeh-ae-pao.json",
        include_str!("../../../../content/orientation/tawjeeh-ae-pao.json"),
    ),
];

/// Imports every shipped curriculum (newer content versions replace older ones).
pub async fn import_shipped(app: &App, actor: &Actor) -> Result<Vec<ImportOutcome>> {
    let mut outcomes = Vec::with_capacity(SHIPPED.len());
    for (_, text) in SHIPPED {
        let document = CurriculumDocument::from_json(text)?;
        outcomes.push(curricula::import(app, actor, &document).await?);
    }
    Ok(outcomes)
}

const DEMO_PARTICIPANTS: &[(&str, &str, &str, &str)] = &[
    ("Amina Haddad", "female", "1990", "SY"),
    ("Yonas Tesfaye", "male", "1985", "ER"),
    ("Hawa Abdi", "female", "2001", "SO"),
    ("Karim Nasser", "male", "1978", "SY"),
];

/// Curricula, and one upcoming family-reunification session in the demo field office with the
/// demo migrant and a few others enrolled.
pub async fn seed_demo(app: &App) -> Result<()> {
    let console = Actor::console();
    import_shipped(app, &console).await?;
    let Some(office) = crate::offices::find_by_code(&app.db, "TR-IST").await? else {
        return Ok(());
    };
    let Some(curriculum) = curricula::find_by_code(&app.db, "fap-de-family-reunification").await?
    else {
        return Ok(());
    };
    let migrant: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE username = 'migrant'")
            .fetch_optional(&app.db.pool)
            .await?;
    let starts = civil_date(now_millis() + 7 * DAY);
    let session = sessions::schedule(
        app,
        &console,
        &SessionForm {
            curriculum_id: curriculum.id,
            office_id: office.id.clone(),
            format: "in_person".into(),
            place: "Istanbul family assistance office, room 2".into(),
            starts_at: format!("{starts}T07:00"),
            day_count: "1".into(),
            capacity: "25".into(),
            language: "ar".into(),
            facilitators: "Demo facilitator".into(),
            interpreter: "Tigrinya interpreter on call".into(),
            support: vec!["interpretation".into(), "childminding".into()],
        },
    )
    .await?;
    for (index, (name, sex, birth_year, nationality)) in DEMO_PARTICIPANTS.iter().enumerate() {
        let participant = participants::create(
            app,
            &console,
            &ParticipantForm {
                office_id: office.id.clone(),
                name: (*name).into(),
                sex: (*sex).into(),
                birth_year: (*birth_year).into(),
                nationality: (*nationality).into(),
                migration_category: "family".into(),
                user_id: if index == 0 { migrant.clone() } else { None },
            },
        )
        .await?;
        sessions::enrol(
            app,
            &console,
            &session.id,
            &participant.id,
            EnrolmentSource::Facilitator,
        )
        .await?;
    }
    Ok(())
}
