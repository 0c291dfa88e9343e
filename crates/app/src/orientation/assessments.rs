//! Pre and post quizzes (the same items, in an order shuffled per participant), satisfaction
//! feedback, and the knowledge-gain report disaggregated by sex, age group, nationality and
//! migration category with small cells suppressed.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, Tx};
use crate::error::{Error, FieldErrors, Result};
use crate::orientation::content::QuizItem;
use crate::orientation::curricula;
use crate::orientation::sessions::load_enrolment_for;
use crate::policy::{self, Action, Actor, ListScope};
use crate::time::{new_id, now_millis};

pub use crate::reports::disclosure::{MIN_CELL, suppressed_cells};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentKind {
    Pre,
    Post,
}

impl AssessmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentKind::Pre => "pre",
            AssessmentKind::Post => "post",
        }
    }

    pub fn parse(text: &str) -> Option<AssessmentKind> {
        match text {
            "pre" => Some(AssessmentKind::Pre),
            "post" => Some(AssessmentKind::Post),
            _ => None,
        }
    }
}

/// A quiz item as one participant sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizQuestion {
    pub module_key: String,
    pub item: QuizItem,
}

/// A quiz and the language of its session, which it is shown in.
#[derive(Debug, Clone)]
pub struct Quiz {
    pub language: String,
    pub questions: Vec<QuizQuestion>,
}

/// The quiz of an enrolment's curriculum, in an order fixed for this participant and kind.
pub async fn quiz(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
    kind: AssessmentKind,
) -> Result<Quiz> {
    let (enrolment, session, _) = load_enrolment_for(app, actor, enrolment_id).await?;
    let curriculum = curricula::load_detail(&app.db, &session.curriculum_id).await?;
    let mut questions: Vec<QuizQuestion> = curriculum
        .quiz_items()
        .map(|(module_key, item)| QuizQuestion {
            module_key: module_key.to_owned(),
            item: item.clone(),
        })
        .collect();
    shuffle(
        &mut questions,
        &format!("{}:{}", enrolment.id, kind.as_str()),
    );
    Ok(Quiz {
        language: session.language,
        questions,
    })
}

/// A Fisher–Yates shuffle driven by a hash of `seed`, so a page shows the same order twice.
fn shuffle<T>(items: &mut [T], seed: &str) {
    let mut state = blake3::hash(seed.as_bytes());
    let mut counter = 0usize;
    for index in (1..items.len()).rev() {
        let bytes = state.as_bytes();
        let offset = (counter % 4) * 8;
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[offset..offset + 8]);
        let pick = usize::try_from(u64::from_le_bytes(word) % (index as u64 + 1)).unwrap_or(0);
        items.swap(index, pick);
        counter += 1;
        if counter.is_multiple_of(4) {
            state = blake3::hash(state.as_bytes());
        }
    }
}

/// The score of one taken quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentResult {
    pub id: String,
    pub correct: i64,
    pub total: i64,
    /// Per module: (correct, total).
    pub modules: BTreeMap<String, (i64, i64)>,
}

/// Records a quiz: `answers` maps item keys to the chosen option. A facilitator may enter it on
/// behalf of a participant who cannot read; the participant may take it themselves.
pub async fn record(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
    kind: AssessmentKind,
    answers: &BTreeMap<String, usize>,
) -> Result<AssessmentResult> {
    let (enrolment, session, by_participant) = load_enrolment_for(app, actor, enrolment_id).await?;
    if session.attendance_submitted_at.is_some() && kind == AssessmentKind::Pre {
        return Err(Error::Conflict("attendance-submitted"));
    }
    let curriculum = curricula::load_detail(&app.db, &session.curriculum_id).await?;
    let items: BTreeMap<&str, (&str, &QuizItem)> = curriculum
        .quiz_items()
        .map(|(module_key, item)| (item.key.as_str(), (module_key, item)))
        .collect();
    let mut errors = FieldErrors::default();
    for (key, choice) in answers {
        match items.get(key.as_str()) {
            Some((_, item)) if *choice < item.options.len() => {}
            _ => errors.add(key, "error-quiz-answer"),
        }
    }
    if items.is_empty() {
        errors.add("answers", "error-quiz-empty");
    }
    errors.into_result()?;
    let mut modules: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (key, (module_key, item)) in &items {
        let entry = modules.entry((*module_key).to_owned()).or_default();
        entry.1 += 1;
        if answers.get(*key) == Some(&item.answer) {
            entry.0 += 1;
        }
    }
    let correct = modules.values().map(|(c, _)| c).sum();
    let total = modules.values().map(|(_, t)| t).sum();
    let id = new_id();
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_assessments (id, enrolment_id, kind, correct, total, on_behalf, recorded_by, taken_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(enrolment_id)
    .bind(kind.as_str())
    .bind(correct)
    .bind(total)
    .bind(i64::from(!by_participant))
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => Error::Conflict("assessment-taken"),
        _ => Error::Database(error),
    })?;
    let upsert = match kind {
        AssessmentKind::Pre => {
            "INSERT INTO orientation_module_scores (enrolment_id, curriculum_id, module_key, pre_correct, pre_total) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (enrolment_id, module_key) \
             DO UPDATE SET pre_correct = excluded.pre_correct, pre_total = excluded.pre_total"
        }
        AssessmentKind::Post => {
            "INSERT INTO orientation_module_scores (enrolment_id, curriculum_id, module_key, post_correct, post_total) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (enrolment_id, module_key) \
             DO UPDATE SET post_correct = excluded.post_correct, post_total = excluded.post_total"
        }
    };
    for (module_key, (module_correct, module_total)) in &modules {
        sqlx::query(upsert)
            .bind(enrolment_id)
            .bind(&session.curriculum_id)
            .bind(module_key)
            .bind(module_correct)
            .bind(module_total)
            .execute(&mut *tx)
            .await?;
    }
    add_to_gain_totals(&mut tx, enrolment_id).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationAssessmentRecord,
            "orientation_enrolment",
            Some(&enrolment.id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "kind": kind.as_str(),
            "correct": correct,
            "total": total,
            "on_behalf": !by_participant,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(AssessmentResult {
        id,
        correct,
        total,
        modules,
    })
}

/// Adds an enrolment's modules that both quizzes now cover to the report's running totals.
/// Called once per quiz in the quiz's transaction: the first quiz completes no module, the
/// second completes them all, so every module is added exactly once.
async fn add_to_gain_totals(tx: &mut Tx, enrolment_id: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO orientation_gain_totals (curriculum_id, office_id, sex, age_group, nationality, \
         migration_category, module_key, participants, pre_correct, pre_total, post_correct, post_total) \
         SELECT m.curriculum_id, s.office_id, p.sex, p.age_group, p.nationality, p.migration_category, \
         m.module_key, 1, m.pre_correct, m.pre_total, m.post_correct, m.post_total \
         FROM orientation_module_scores m \
         JOIN orientation_enrolments e ON e.id = m.enrolment_id \
         JOIN orientation_sessions s ON s.id = e.session_id \
         JOIN participants p ON p.id = e.participant_id \
         WHERE m.enrolment_id = $1 AND m.pre_total IS NOT NULL AND m.post_total IS NOT NULL \
         ON CONFLICT (curriculum_id, office_id, sex, age_group, nationality, migration_category, module_key) \
         DO UPDATE SET participants = orientation_gain_totals.participants + excluded.participants, \
         pre_correct = orientation_gain_totals.pre_correct + excluded.pre_correct, \
         pre_total = orientation_gain_totals.pre_total + excluded.pre_total, \
         post_correct = orientation_gain_totals.post_correct + excluded.post_correct, \
         post_total = orientation_gain_totals.post_total + excluded.post_total",
    )
    .bind(enrolment_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Recomputes the knowledge-gain and satisfaction totals from the module scores and feedback
/// (the migration's backfill), for rows written by other means than [`record`] and
/// [`record_feedback`], such as a bulk import.
pub async fn rebuild_gain_totals(db: &Db) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM orientation_gain_totals")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO orientation_gain_totals (curriculum_id, office_id, sex, age_group, nationality, \
         migration_category, module_key, participants, pre_correct, pre_total, post_correct, post_total) \
         SELECT m.curriculum_id, s.office_id, p.sex, p.age_group, p.nationality, p.migration_category, m.module_key, \
         COUNT(*), SUM(m.pre_correct), SUM(m.pre_total), SUM(m.post_correct), SUM(m.post_total) \
         FROM orientation_module_scores m \
         JOIN orientation_enrolments e ON e.id = m.enrolment_id \
         JOIN orientation_sessions s ON s.id = e.session_id \
         JOIN participants p ON p.id = e.participant_id \
         WHERE m.pre_total IS NOT NULL AND m.post_total IS NOT NULL \
         GROUP BY m.curriculum_id, s.office_id, p.sex, p.age_group, p.nationality, p.migration_category, m.module_key",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM orientation_feedback_totals")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO orientation_feedback_totals (curriculum_id, office_id, answered, satisfaction_sum) \
         SELECT s.curriculum_id, s.office_id, COUNT(*), SUM(f.satisfaction) FROM orientation_feedback f \
         JOIN orientation_enrolments e ON e.id = f.enrolment_id JOIN orientation_sessions s ON s.id = e.session_id \
         GROUP BY s.curriculum_id, s.office_id",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Satisfaction and usefulness, each 1–5, once per enrolment.
pub async fn record_feedback(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
    satisfaction: i64,
    usefulness: i64,
) -> Result<()> {
    let (enrolment, session, _) = load_enrolment_for(app, actor, enrolment_id).await?;
    let mut errors = FieldErrors::default();
    if !(1..=5).contains(&satisfaction) {
        errors.add("satisfaction", "error-rating");
    }
    if !(1..=5).contains(&usefulness) {
        errors.add("usefulness", "error-rating");
    }
    errors.into_result()?;
    let mut tx = app.db.begin().await?;
    let previous: Option<i64> =
        sqlx::query_scalar("SELECT satisfaction FROM orientation_feedback WHERE enrolment_id = $1")
            .bind(&enrolment.id)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO orientation_feedback_totals (curriculum_id, office_id, answered, satisfaction_sum) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (curriculum_id, office_id) DO UPDATE SET \
         answered = orientation_feedback_totals.answered + excluded.answered, \
         satisfaction_sum = orientation_feedback_totals.satisfaction_sum + excluded.satisfaction_sum",
    )
    .bind(&session.curriculum_id)
    .bind(&session.office_id)
    .bind(i64::from(previous.is_none()))
    .bind(satisfaction - previous.unwrap_or(0))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO orientation_feedback (enrolment_id, satisfaction, usefulness, given_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (enrolment_id) DO UPDATE SET satisfaction = excluded.satisfaction, \
         usefulness = excluded.usefulness, given_at = excluded.given_at",
    )
    .bind(&enrolment.id)
    .bind(satisfaction)
    .bind(usefulness)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationFeedback,
            "orientation_enrolment",
            Some(&enrolment.id),
        )
        .in_office(Some(&session.office_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Pre and post scores of a group, as percentages of items answered right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gain {
    pub pre_percent: f64,
    pub post_percent: f64,
}

impl Gain {
    /// Percentage points gained.
    pub fn points(&self) -> f64 {
        self.post_percent - self.pre_percent
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    pre_correct: i64,
    pre_total: i64,
    post_correct: i64,
    post_total: i64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.pre_correct += other.pre_correct;
        self.pre_total += other.pre_total;
        self.post_correct += other.post_correct;
        self.post_total += other.post_total;
    }

    fn gain(&self) -> Option<Gain> {
        (self.pre_total > 0 && self.post_total > 0).then(|| Gain {
            pre_percent: percent(self.pre_correct, self.pre_total),
            post_percent: percent(self.post_correct, self.post_total),
        })
    }
}

fn percent(part: i64, whole: i64) -> f64 {
    part as f64 * 100.0 / whole as f64
}

/// One module's gain over everyone in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleGain {
    pub module_key: String,
    pub title: crate::orientation::Text,
    pub gain: Option<Gain>,
}

/// One group of a breakdown (e.g. `female`). Everything is `None` when the cell is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: String,
    pub participants: Option<i64>,
    pub overall: Option<Gain>,
    /// In the order of [`KnowledgeGainReport::modules`].
    pub modules: Vec<Option<Gain>>,
    pub suppressed: bool,
}

/// A breakdown by one characteristic: `sex`, `age_group`, `nationality` or `migration_category`.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub dimension: &'static str,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeGainReport {
    pub curriculum_id: String,
    /// Participants with both a pre and a post quiz; `None` when fewer than [`MIN_CELL`].
    pub participants: Option<i64>,
    pub overall: Option<Gain>,
    pub modules: Vec<ModuleGain>,
    pub breakdowns: Vec<Breakdown>,
    /// Mean satisfaction (1–5) and the number who answered, when enough did.
    pub satisfaction: Option<(f64, i64)>,
}

pub const DIMENSIONS: [&str; 4] = ["sex", "age_group", "nationality", "migration_category"];

/// Fine-grained rows: (sex, age group, nationality, category) × module → participants, tally.
type Key = [String; 4];

/// One fine-grained group's modules: module key → (participants, tally).
type GroupModules = BTreeMap<String, (i64, Tally)>;

/// The knowledge gain of a curriculum's participants who took both quizzes.
pub async fn knowledge_gain(
    db: &Db,
    actor: &Actor,
    curriculum_id: &str,
) -> Result<KnowledgeGainReport> {
    let scope = policy::list_scope(actor, Action::ViewOrientationReports)?;
    let curriculum = curricula::load_detail(db, curriculum_id).await?;
    let (office_filter, scope_user) = match &scope {
        ListScope::Everything => ("", None),
        ListScope::OfficesOf(user_id) | ListScope::OwnedBy(user_id) => (
            " AND t.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $2)",
            Some(user_id.as_str()),
        ),
    };
    // Running totals per office and group (see `add_to_gain_totals`), summed over the offices
    // in scope: a few hundred rows, whatever the number of participants.
    let sql = format!(
        "SELECT t.sex, t.age_group, t.nationality, t.migration_category, t.module_key, \
         CAST(SUM(t.participants) AS BIGINT) AS n, \
         CAST(SUM(t.pre_correct) AS BIGINT) AS pre_correct, CAST(SUM(t.pre_total) AS BIGINT) AS pre_total, \
         CAST(SUM(t.post_correct) AS BIGINT) AS post_correct, CAST(SUM(t.post_total) AS BIGINT) AS post_total \
         FROM orientation_gain_totals t WHERE t.curriculum_id = $1{office_filter} \
         GROUP BY t.sex, t.age_group, t.nationality, t.migration_category, t.module_key"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(curriculum_id);
    if let Some(user_id) = scope_user {
        query = query.bind(user_id);
    }
    let rows = query.fetch_all(&db.pool).await?;
    let mut groups: BTreeMap<Key, GroupModules> = BTreeMap::new();
    for row in &rows {
        let key: Key = [
            row.try_get("sex")?,
            row.try_get("age_group")?,
            row.try_get("nationality")?,
            row.try_get("migration_category")?,
        ];
        let tally = Tally {
            pre_correct: row.try_get("pre_correct")?,
            pre_total: row.try_get("pre_total")?,
            post_correct: row.try_get("post_correct")?,
            post_total: row.try_get("post_total")?,
        };
        let count: i64 = row.try_get("n")?;
        groups
            .entry(key)
            .or_default()
            .insert(row.try_get("module_key")?, (count, tally));
    }
    let module_keys: Vec<&str> = curriculum.modules.iter().map(|m| m.key.as_str()).collect();
    let whole = aggregate(groups.values(), &module_keys);
    let shown = whole.participants >= MIN_CELL;
    let modules = curriculum
        .modules
        .iter()
        .zip(&whole.modules)
        .map(|(module, tally)| ModuleGain {
            module_key: module.key.clone(),
            title: module.title.clone(),
            gain: if shown { tally.gain() } else { None },
        })
        .collect();
    let breakdowns = if shown {
        DIMENSIONS
            .iter()
            .enumerate()
            .map(|(index, dimension)| breakdown(dimension, index, &groups, &module_keys))
            .collect()
    } else {
        Vec::new()
    };
    Ok(KnowledgeGainReport {
        curriculum_id: curriculum_id.to_owned(),
        participants: shown.then_some(whole.participants),
        overall: if shown { whole.overall.gain() } else { None },
        modules,
        breakdowns,
        satisfaction: satisfaction(db, curriculum_id, scope_user).await?,
    })
}

struct Aggregate {
    participants: i64,
    overall: Tally,
    modules: Vec<Tally>,
}

fn aggregate<'a>(
    groups: impl Iterator<Item = &'a GroupModules>,
    module_keys: &[&str],
) -> Aggregate {
    let mut total = Aggregate {
        participants: 0,
        overall: Tally::default(),
        modules: vec![Tally::default(); module_keys.len()],
    };
    for group in groups {
        // Everyone in a group answered every module's items, so the largest module count is
        // the number of people.
        total.participants += group.values().map(|(count, _)| *count).max().unwrap_or(0);
        for (slot, key) in total.modules.iter_mut().zip(module_keys) {
            if let Some((_, tally)) = group.get(*key) {
                slot.add(tally);
                total.overall.add(tally);
            }
        }
    }
    total
}

fn breakdown(
    dimension: &'static str,
    index: usize,
    groups: &BTreeMap<Key, GroupModules>,
    module_keys: &[&str],
) -> Breakdown {
    let mut by_value: BTreeMap<&str, Vec<&GroupModules>> = BTreeMap::new();
    for (key, modules) in groups {
        by_value
            .entry(key[index].as_str())
            .or_default()
            .push(modules);
    }
    let aggregates: Vec<(&str, Aggregate)> = by_value
        .into_iter()
        .map(|(value, members)| (value, aggregate(members.into_iter(), module_keys)))
        .collect();
    let counts: Vec<i64> = aggregates.iter().map(|(_, a)| a.participants).collect();
    let hidden = suppressed_cells(&counts);
    let cells = aggregates
        .into_iter()
        .zip(hidden)
        .map(|((value, aggregate), suppressed)| Cell {
            value: value.to_owned(),
            participants: (!suppressed).then_some(aggregate.participants),
            overall: if suppressed {
                None
            } else {
                aggregate.overall.gain()
            },
            modules: aggregate
                .modules
                .iter()
                .map(|tally| if suppressed { None } else { tally.gain() })
                .collect(),
            suppressed,
        })
        .collect();
    Breakdown { dimension, cells }
}

async fn satisfaction(
    db: &Db,
    curriculum_id: &str,
    scope_user: Option<&str>,
) -> Result<Option<(f64, i64)>> {
    let office_filter = if scope_user.is_some() {
        " AND t.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $2)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(t.answered), 0) AS BIGINT) AS n, CAST(SUM(t.satisfaction_sum) AS BIGINT) AS total \
         FROM orientation_feedback_totals t WHERE t.curriculum_id = $1{office_filter}"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(curriculum_id);
    if let Some(user_id) = scope_user {
        query = query.bind(user_id);
    }
    let row = query.fetch_one(&db.pool).await?;
    let answered: i64 = row.try_get("n")?;
    let total: Option<i64> = row.try_get("total")?;
    Ok((answered >= MIN_CELL).then(|| (total.unwrap_or(0) as f64 / answered as f64, answered)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shuffle_is_a_stable_permutation_that_differs_between_seeds() {
        let original: Vec<u32> = (0..20).collect();
        let mut first = original.clone();
        shuffle(&mut first, "a:pre");
        let mut again = original.clone();
        shuffle(&mut again, "a:pre");
        let mut other = original.clone();
        shuffle(&mut other, "a:post");
        assert_eq!(first, again);
        assert_ne!(first, other);
        let mut sorted = first.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, original);
    }
}
