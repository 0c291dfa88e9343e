//! Seed practices from `content/knowledge/*.yaml`, embedded in the binary: the four programmes of
//! the 2018 concept note (some in several languages) and a dozen more. Seeding goes through the
//! ordinary workflow (draft, submit, publish) as the console, so every record is audited.

use crate::App;
use crate::error::{Error, Result};
use crate::knowledge::{self, PracticeContent, ReviewDecision};
use crate::policy::Actor;

const SEED_FILES: [(&str, &str); 2] = [
    (
        "concept-note.yaml",
        include_str!("../../../../content/knowledge/concept-note.yaml"),
    ),
    (
        "more-practices.yaml",
        include_str!("../../../../content/knowledge/more-practices.yaml"),
    ),
];

/// Every seed practice, parsed.
pub fn seed_practices() -> Result<Vec<PracticeContent>> {
    let mut practices = Vec::new();
    for (name, text) in SEED_FILES {
        let parsed: Vec<PracticeContent> = serde_yaml::from_str(text)
            .map_err(|error| Error::Internal(format!("{name}: {error}")))?;
        practices.extend(parsed);
    }
    Ok(practices)
}

/// Publishes the seed practices unless the database already has practices. Returns how many
/// were published.
pub async fn seed(app: &App) -> Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM practices")
        .fetch_one(&app.db.pool)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let console = Actor::console();
    let practices = seed_practices()?;
    for content in &practices {
        let draft = knowledge::create_draft(app, &console, content.clone()).await?;
        let submitted = knowledge::submit(app, &console, &draft.id, draft.version).await?;
        knowledge::review(
            app,
            &console,
            &submitted.id,
            submitted.version,
            &ReviewDecision::Publish,
        )
        .await?;
    }
    Ok(practices.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_practice_meets_the_submission_criteria() {
        let practices = seed_practices().unwrap_or_default();
        assert!(practices.len() >= 16, "{}", practices.len());
        for practice in practices {
            let practice = practice.normalised();
            assert!(
                practice.check_submission().is_ok(),
                "{}: {:?}",
                practice.title,
                practice.check_submission()
            );
        }
    }
}
