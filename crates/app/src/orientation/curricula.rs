//! Curricula and their modules. A localisation stores only its own module rows; the effective
//! modules are the parent's with the localisation's rows laid over them by key.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, Row};

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, Tx};
use crate::error::{Error, FieldErrors, Result};
use crate::orientation::content::{
    CurriculumDocument, ModuleBody, ModuleDocument, QuizItem, is_code,
};
use crate::orientation::{Stage, Text, parse_stored};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{new_id, now_millis};

/// How deep localisations may nest (regional → country → e.g. one destination city).
const MAX_DEPTH: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Curriculum {
    pub id: String,
    pub code: String,
    pub parent_id: Option<String>,
    pub stage: Stage,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub region: Option<String>,
    pub audience: String,
    pub languages: Vec<String>,
    pub title: Text,
    pub content_version: i64,
    pub version: i64,
}

/// One module as a session uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub key: String,
    pub position: i64,
    pub minutes: i64,
    pub title: Text,
    pub objectives: Text,
    pub facilitator_notes: Text,
    /// Markdown; render with [`crate::orientation::markdown::render_safe`].
    pub content: Text,
    pub quiz: Vec<QuizItem>,
    /// Taken unchanged from the curriculum this one localises.
    pub inherited: bool,
}

/// A curriculum with its effective modules.
#[derive(Debug, Clone, PartialEq)]
pub struct CurriculumDetail {
    pub curriculum: Curriculum,
    pub parent_code: Option<String>,
    pub modules: Vec<Module>,
}

impl CurriculumDetail {
    /// The hours a participant must attend, in minutes: the sum of the modules.
    pub fn required_minutes(&self) -> i64 {
        self.modules.iter().map(|module| module.minutes).sum()
    }

    /// Every quiz item with the key of its module.
    pub fn quiz_items(&self) -> impl Iterator<Item = (&str, &QuizItem)> {
        self.modules.iter().flat_map(|module| {
            module
                .quiz
                .iter()
                .map(move |item| (module.key.as_str(), item))
        })
    }
}

const CURRICULUM_COLUMNS: &str = "SELECT id, code, parent_id, stage, origin, destination, region, audience, \
     languages, title, content_version, version FROM orientation_curricula";

fn curriculum_from_row(row: &sqlx::any::AnyRow) -> Result<Curriculum> {
    let stage: String = row.try_get("stage")?;
    let languages: String = row.try_get("languages")?;
    let title: String = row.try_get("title")?;
    Ok(Curriculum {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        parent_id: row.try_get("parent_id")?,
        stage: parse_stored(&stage, Stage::parse)?,
        origin: row.try_get("origin")?,
        destination: row.try_get("destination")?,
        region: row.try_get("region")?,
        audience: row.try_get("audience")?,
        languages: serde_json::from_str(&languages).map_err(Error::internal)?,
        title: serde_json::from_str(&title).map_err(Error::internal)?,
        content_version: row.try_get("content_version")?,
        version: row.try_get("version")?,
    })
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Curriculum>> {
    policy::authorize(actor, Action::ViewCurricula, Target::system())?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{CURRICULUM_COLUMNS} ORDER BY code"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(curriculum_from_row).collect()
}

pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<CurriculumDetail> {
    policy::authorize(actor, Action::ViewCurricula, Target::system())?;
    load_detail(db, id).await
}

pub async fn find_by_code(db: &Db, code: &str) -> Result<Option<Curriculum>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{CURRICULUM_COLUMNS} WHERE code = $1"
    )))
    .bind(code)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(curriculum_from_row).transpose()
}

async fn load_curriculum(conn: &mut AnyConnection, id: &str) -> Result<Curriculum> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{CURRICULUM_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    curriculum_from_row(&row)
}

/// A curriculum with its effective modules, without a policy check (sessions and certificates
/// read the curriculum of a session the caller was already allowed to see).
pub(crate) async fn load_detail(db: &Db, id: &str) -> Result<CurriculumDetail> {
    let mut conn = db.pool.acquire().await?;
    load_detail_on(&mut conn, id).await
}

/// `load_detail` on a connection the caller already holds (its chain and module queries then
/// share one checkout of the pool).
pub(crate) async fn load_detail_on(conn: &mut AnyConnection, id: &str) -> Result<CurriculumDetail> {
    let curriculum = load_curriculum(conn, id).await?;
    let mut chain = vec![curriculum.clone()];
    while let Some(parent_id) = chain.last().and_then(|c| c.parent_id.clone()) {
        if chain.len() >= MAX_DEPTH {
            return Err(Error::Internal(
                "curriculum localisations nest too deep".into(),
            ));
        }
        chain.push(load_curriculum(conn, &parent_id).await?);
    }
    let parent_code = chain.get(1).map(|parent| parent.code.clone());
    let mut merged: BTreeMap<String, (Module, bool)> = BTreeMap::new();
    for (depth, level) in chain.iter().enumerate().rev() {
        for (module, removed) in own_modules(conn, &level.id).await? {
            let inherited = depth > 0;
            merged.insert(
                module.key.clone(),
                (
                    Module {
                        inherited,
                        ..module
                    },
                    removed,
                ),
            );
        }
    }
    let mut modules: Vec<Module> = merged
        .into_values()
        .filter(|(_, removed)| !removed)
        .map(|(module, _)| module)
        .collect();
    modules.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.key.cmp(&b.key)));
    Ok(CurriculumDetail {
        curriculum,
        parent_code,
        modules,
    })
}

/// The module rows a curriculum stores itself, with their `removed` flag.
async fn own_modules(conn: &mut AnyConnection, curriculum_id: &str) -> Result<Vec<(Module, bool)>> {
    let rows = sqlx::query(
        "SELECT module_key, position, removed, minutes, body FROM orientation_modules \
         WHERE curriculum_id = $1 ORDER BY position",
    )
    .bind(curriculum_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let body: String = row.try_get("body")?;
            let body: ModuleBody = serde_json::from_str(&body).map_err(Error::internal)?;
            let removed: i64 = row.try_get("removed")?;
            Ok((
                Module {
                    key: row.try_get("module_key")?,
                    position: row.try_get("position")?,
                    minutes: row.try_get("minutes")?,
                    title: body.title,
                    objectives: body.objectives,
                    facilitator_notes: body.facilitator_notes,
                    content: body.content,
                    quiz: body.quiz,
                    inherited: false,
                },
                removed != 0,
            ))
        })
        .collect()
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Created(String),
    Updated(String),
    /// The stored content version is the same or newer; nothing changed.
    Unchanged(String),
}

/// Creates or updates a curriculum from its document. A localisation needs its parent first.
pub async fn import(
    app: &App,
    actor: &Actor,
    document: &CurriculumDocument,
) -> Result<ImportOutcome> {
    let action = if document.localises.is_some() {
        Action::LocaliseCurricula
    } else {
        Action::ManageCurricula
    };
    policy::authorize(actor, action, Target::system())?;
    document.validate()?;
    let parent = match &document.localises {
        Some(code) => Some(
            find_by_code(&app.db, code)
                .await?
                .ok_or_else(|| Error::invalid("localises", "error-curriculum-parent"))?,
        ),
        None => None,
    };
    let existing = find_by_code(&app.db, &document.code).await?;
    if let Some(existing) = &existing
        && existing.content_version >= document.version
    {
        return Ok(ImportOutcome::Unchanged(existing.id.clone()));
    }
    let fields = ResolvedFields::of(document, parent.as_ref())?;
    let mut tx = app.db.begin().await?;
    let (id, outcome) = match &existing {
        Some(existing) => {
            update_curriculum(&mut tx, &existing.id, existing.version, &fields, document).await?;
            (
                existing.id.clone(),
                ImportOutcome::Updated(existing.id.clone()),
            )
        }
        None => {
            let id = new_id();
            insert_curriculum(
                &mut tx,
                &id,
                parent.as_ref().map(|p| p.id.as_str()),
                &fields,
                document,
            )
            .await?;
            (id.clone(), ImportOutcome::Created(id))
        }
    };
    sqlx::query("DELETE FROM orientation_modules WHERE curriculum_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    for (index, module) in document.modules.iter().enumerate() {
        let position = (index as i64 + 1) * 10;
        insert_module(&mut tx, &id, position, module).await?;
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationCurriculumImport,
            "curriculum",
            Some(&id),
        )
        .with_details(serde_json::json!({
            "code": document.code,
            "version": document.version,
            "modules": document.modules.len(),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The fields of a curriculum row once a localisation's gaps are filled from its parent.
struct ResolvedFields {
    stage: Stage,
    audience: String,
    origin: Option<String>,
    destination: Option<String>,
    region: Option<String>,
    languages: Vec<String>,
}

impl ResolvedFields {
    fn of(document: &CurriculumDocument, parent: Option<&Curriculum>) -> Result<ResolvedFields> {
        let stage = document
            .stage
            .or(parent.map(|p| p.stage))
            .ok_or_else(|| Error::invalid("stage", "error-curriculum-stage"))?;
        let audience = document
            .audience
            .clone()
            .or_else(|| parent.map(|p| p.audience.clone()))
            .ok_or_else(|| Error::invalid("stage", "error-curriculum-stage"))?;
        let languages = if document.languages.is_empty() {
            parent.map(|p| p.languages.clone()).unwrap_or_default()
        } else {
            document.languages.clone()
        };
        Ok(ResolvedFields {
            stage,
            audience,
            origin: document
                .origin
                .clone()
                .or_else(|| parent.and_then(|p| p.origin.clone())),
            destination: document
                .destination
                .clone()
                .or_else(|| parent.and_then(|p| p.destination.clone())),
            region: document
                .region
                .clone()
                .or_else(|| parent.and_then(|p| p.region.clone())),
            languages,
        })
    }
}

async fn insert_curriculum(
    tx: &mut Tx,
    id: &str,
    parent_id: Option<&str>,
    fields: &ResolvedFields,
    document: &CurriculumDocument,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO orientation_curricula (id, code, parent_id, stage, origin, destination, region, \
         audience, languages, title, content_version, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(&document.code)
    .bind(parent_id)
    .bind(fields.stage.as_str())
    .bind(&fields.origin)
    .bind(&fields.destination)
    .bind(&fields.region)
    .bind(&fields.audience)
    .bind(serde_json::to_string(&fields.languages).map_err(Error::internal)?)
    .bind(serde_json::to_string(&document.title).map_err(Error::internal)?)
    .bind(document.version)
    .bind(now_millis())
    .execute(&mut **tx)
    .await
    .map_err(code_taken)?;
    Ok(())
}

async fn update_curriculum(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    fields: &ResolvedFields,
    document: &CurriculumDocument,
) -> Result<()> {
    let result = sqlx::query(
        "UPDATE orientation_curricula SET stage = $1, origin = $2, destination = $3, region = $4, \
         audience = $5, languages = $6, title = $7, content_version = $8, version = version + 1 \
         WHERE id = $9 AND version = $10",
    )
    .bind(fields.stage.as_str())
    .bind(&fields.origin)
    .bind(&fields.destination)
    .bind(&fields.region)
    .bind(&fields.audience)
    .bind(serde_json::to_string(&fields.languages).map_err(Error::internal)?)
    .bind(serde_json::to_string(&document.title).map_err(Error::internal)?)
    .bind(document.version)
    .bind(id)
    .bind(expected_version)
    .execute(&mut **tx)
    .await?;
    crate::db::expect_one_row(result)
}

async fn insert_module(
    tx: &mut Tx,
    curriculum_id: &str,
    position: i64,
    module: &ModuleDocument,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO orientation_modules (curriculum_id, module_key, position, removed, minutes, body) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(curriculum_id)
    .bind(&module.key)
    .bind(position)
    .bind(i64::from(module.removed))
    .bind(module.minutes)
    .bind(serde_json::to_string(&module.body()).map_err(Error::internal)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn code_taken(error: sqlx::Error) -> Error {
    match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => {
            Error::invalid("code", "error-curriculum-code-taken")
        }
        _ => Error::Database(error),
    }
}

/// The document of one curriculum as stored: a localisation exports only what it overrides.
pub async fn export(db: &Db, actor: &Actor, id: &str) -> Result<CurriculumDocument> {
    policy::authorize(actor, Action::ViewCurricula, Target::system())?;
    let mut conn = db.pool.acquire().await?;
    let curriculum = load_curriculum(&mut conn, id).await?;
    let parent_code = match &curriculum.parent_id {
        Some(parent_id) => Some(load_curriculum(&mut conn, parent_id).await?.code),
        None => None,
    };
    let modules = own_modules(&mut conn, id)
        .await?
        .into_iter()
        .map(|(module, removed)| ModuleDocument {
            key: module.key,
            removed,
            minutes: module.minutes,
            title: module.title,
            objectives: module.objectives,
            facilitator_notes: module.facilitator_notes,
            content: module.content,
            quiz: module.quiz,
        })
        .collect();
    Ok(CurriculumDocument {
        code: curriculum.code,
        localises: parent_code,
        stage: Some(curriculum.stage),
        origin: curriculum.origin,
        destination: curriculum.destination,
        region: curriculum.region,
        audience: Some(curriculum.audience),
        languages: curriculum.languages,
        version: curriculum.content_version,
        title: curriculum.title,
        modules,
    })
}

/// A new country variant of a curriculum, as a facilitator fills it in.
#[derive(Debug, Clone, Default)]
pub struct LocaliseForm {
    pub code: String,
    /// ISO 3166-1 alpha-2 destination of the variant.
    pub destination: String,
    pub title_en: String,
    pub title_local: String,
    /// The language of `title_local`, e.g. `ar`.
    pub local_language: String,
}

/// Creates a localisation of `parent_id` that inherits every module.
pub async fn localise(
    app: &App,
    actor: &Actor,
    parent_id: &str,
    form: &LocaliseForm,
) -> Result<Curriculum> {
    policy::authorize(actor, Action::LocaliseCurricula, Target::system())?;
    let parent = load_curriculum(&mut *app.db.pool.acquire().await?, parent_id).await?;
    let mut errors = FieldErrors::default();
    let code = form.code.trim().to_ascii_lowercase();
    if !is_code(&code) {
        errors.add("code", "error-curriculum-code");
    }
    let destination = form.destination.trim().to_ascii_uppercase();
    if destination.len() != 2 || !destination.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("destination", "error-country-code");
    }
    if form.title_en.trim().is_empty() || form.title_en.chars().count() > 200 {
        errors.add("title_en", "error-required-short-text");
    }
    errors.into_result()?;
    let mut title = Text::new();
    title.insert("en".into(), form.title_en.trim().to_owned());
    let local_language = form.local_language.trim();
    if !form.title_local.trim().is_empty() && !local_language.is_empty() {
        title.insert(
            local_language.to_owned(),
            form.title_local.trim().to_owned(),
        );
    }
    let document = CurriculumDocument {
        code,
        localises: Some(parent.code.clone()),
        stage: None,
        origin: None,
        destination: Some(destination),
        region: None,
        audience: None,
        languages: Vec::new(),
        version: 1,
        title,
        modules: Vec::new(),
    };
    match import(app, actor, &document).await? {
        ImportOutcome::Created(id) => {
            load_curriculum(&mut *app.db.pool.acquire().await?, &id).await
        }
        ImportOutcome::Updated(_) | ImportOutcome::Unchanged(_) => {
            Err(Error::invalid("code", "error-curriculum-code-taken"))
        }
    }
}

/// A change to one module of a localisation.
#[derive(Debug, Clone, Default)]
pub struct ModuleOverride {
    pub module_key: String,
    pub language: String,
    pub title: String,
    pub minutes: String,
    /// Markdown.
    pub content: String,
    pub facilitator_notes: String,
}

/// Overrides one inherited module of a localisation in one language, keeping the rest of the
/// inherited text (other languages, objectives, quiz) as it was.
pub async fn override_module(
    app: &App,
    actor: &Actor,
    curriculum_id: &str,
    change: &ModuleOverride,
) -> Result<Module> {
    policy::authorize(actor, Action::LocaliseCurricula, Target::system())?;
    let detail = load_detail(&app.db, curriculum_id).await?;
    if detail.curriculum.parent_id.is_none() {
        policy::authorize(actor, Action::ManageCurricula, Target::system())?;
    }
    let module = detail
        .modules
        .iter()
        .find(|module| module.key == change.module_key)
        .ok_or(Error::NotFound)?;
    let mut errors = FieldErrors::default();
    let minutes = change
        .minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (1..=24 * 60).contains(m));
    if minutes.is_none() {
        errors.add("minutes", "error-module-minutes");
    }
    if change.title.trim().is_empty() || change.title.chars().count() > 200 {
        errors.add("title", "error-required-short-text");
    }
    if change.content.chars().count() > 50_000 {
        errors.add("content", "error-text-too-long");
    }
    let language = change.language.trim();
    if !(2..=8).contains(&language.len())
        || !language.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    {
        errors.add("language", "error-choose-option");
    }
    errors.into_result()?;
    let mut updated = module.clone();
    updated.minutes = minutes.unwrap_or(module.minutes);
    updated
        .title
        .insert(language.to_owned(), change.title.trim().to_owned());
    updated
        .content
        .insert(language.to_owned(), change.content.clone());
    if !change.facilitator_notes.trim().is_empty() {
        updated
            .facilitator_notes
            .insert(language.to_owned(), change.facilitator_notes.clone());
    }
    updated.inherited = false;
    let body = ModuleBody {
        title: updated.title.clone(),
        objectives: updated.objectives.clone(),
        facilitator_notes: updated.facilitator_notes.clone(),
        content: updated.content.clone(),
        quiz: updated.quiz.clone(),
    };
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_modules (curriculum_id, module_key, position, removed, minutes, body) \
         VALUES ($1, $2, $3, 0, $4, $5) \
         ON CONFLICT (curriculum_id, module_key) DO UPDATE SET minutes = excluded.minutes, body = excluded.body, removed = 0",
    )
    .bind(curriculum_id)
    .bind(&updated.key)
    .bind(updated.position)
    .bind(updated.minutes)
    .bind(serde_json::to_string(&body).map_err(Error::internal)?)
    .execute(&mut *tx)
    .await?;
    let result = sqlx::query(
        "UPDATE orientation_curricula SET content_version = content_version + 1, version = version + 1 \
         WHERE id = $1 AND version = $2",
    )
    .bind(curriculum_id)
    .bind(detail.curriculum.version)
    .execute(&mut *tx)
    .await?;
    crate::db::expect_one_row(result)?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationModuleOverride,
            "curriculum",
            Some(curriculum_id),
        )
        .with_details(serde_json::json!({ "module": updated.key, "language": language })),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// The title of a curriculum, for lists a participant sees (titles are not restricted).
pub async fn load_title(db: &Db, id: &str) -> Result<Text> {
    let title: String = sqlx::query_scalar("SELECT title FROM orientation_curricula WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    serde_json::from_str(&title).map_err(Error::internal)
}

/// A curriculum with its modules, for whoever may read its reports (analysts included).
pub async fn load_for_report(db: &Db, actor: &Actor, id: &str) -> Result<CurriculumDetail> {
    policy::list_scope(actor, Action::ViewOrientationReports)?;
    load_detail(db, id).await
}
