//! Administration pages: users, offices and the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::accounts::role_approvals::{self, PendingRole};
use app::accounts::{self, NewUser, User};
use app::audit::{self, ActorName, AuditAction, AuditFilter, NamedAuditEvent};
use app::offices::{self, Office, OfficeForm, OfficeKind};
use app::policy::{self, Action, ListScope, Role, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_values, form_version, render, render_with_status,
    see_other,
};

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    page: PageContext,
    users: Vec<User>,
    can_manage: bool,
}

pub(super) async fn users(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let users = accounts::list(&state.app.db, &signed_in.actor).await?;
    let can_manage = policy::list_scope(&signed_in.actor, Action::ManageUsers).is_ok();
    render(&UsersPage {
        page: PageContext::new(t, &state, &signed_in, "/admin/users"),
        users,
        can_manage,
    })
}

/// The values of the new-user form, kept when it comes back with errors.
#[derive(Debug, Default)]
struct NewUserValues {
    username: String,
    display_name: String,
    locale: String,
    roles: Vec<String>,
    offices: Vec<String>,
}

impl NewUserValues {
    fn has_role(&self, role: &Role) -> bool {
        self.roles.iter().any(|chosen| chosen == role.as_str())
    }

    fn has_office(&self, office_id: &str) -> bool {
        self.offices.iter().any(|chosen| chosen == office_id)
    }
}

#[derive(Template)]
#[template(path = "user_new.html")]
struct NewUserPage {
    page: PageContext,
    errors: FieldErrors,
    form: NewUserValues,
    roles: &'static [Role],
    offices: Vec<Office>,
}

async fn new_user_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    form: NewUserValues,
    errors: FieldErrors,
) -> Result<NewUserPage, AppError> {
    policy::list_scope(&signed_in.actor, Action::ManageUsers)?;
    Ok(NewUserPage {
        page: PageContext::new(t, state, signed_in, "/admin/users"),
        errors,
        form,
        roles: &Role::ALL,
        offices: offices::list(&state.app.db, &signed_in.actor).await?,
    })
}

pub(super) async fn new_user_form(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let values = NewUserValues {
        locale: t.lang().to_owned(),
        ..Default::default()
    };
    render(&new_user_page(&state, t, &signed_in, values, FieldErrors::default()).await?)
}

pub(super) async fn create_user(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let new_user = NewUser {
        username: form_value(&form, "username"),
        display_name: form_value(&form, "display_name"),
        password: form_value(&form, "password"),
        locale: form_value(&form, "locale"),
        roles: form_values(&form, "roles"),
        offices: form_values(&form, "offices"),
    };
    match accounts::create(&state.app, &signed_in.actor, &new_user).await {
        Ok(user) if user.roles.len() < new_user.roles.len() => Ok(see_other(&format!(
            "/admin/users/{}?notice=notice-role-waits",
            user.id
        ))),
        Ok(user) => Ok(see_other(&format!("/admin/users/{}", user.id))),
        Err(app::Error::Invalid(errors)) => {
            let values = NewUserValues {
                username: new_user.username,
                display_name: new_user.display_name,
                locale: new_user.locale,
                roles: new_user.roles,
                offices: new_user.offices,
            };
            let page = new_user_page(&state, t, &signed_in, values, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "user_detail.html")]
struct UserDetailPage {
    page: PageContext,
    user: User,
    office_names: Vec<String>,
    can_manage: bool,
    /// Roles waiting for a second administrator, each with whether the viewer may decide it.
    pending_roles: Vec<(PendingRole, bool)>,
    errors: FieldErrors,
    notice: Option<&'static str>,
}

#[derive(Deserialize)]
pub(super) struct NoticeQuery {
    notice: Option<String>,
}

fn known_notice(notice: Option<&str>) -> Option<&'static str> {
    const NOTICES: &[&str] = &[
        "notice-saved",
        "notice-password-reset",
        "notice-password-changed",
        "notice-role-waits",
    ];
    notice.and_then(|notice| NOTICES.iter().copied().find(|known| *known == notice))
}

async fn user_detail_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    id: &str,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<UserDetailPage, AppError> {
    let user = accounts::get(&state.app.db, &signed_in.actor, id).await?;
    let office_names = offices::list(&state.app.db, &signed_in.actor)
        .await?
        .into_iter()
        .filter(|office| user.offices.contains(&office.id))
        .map(|office| format!("{} — {}", office.code, office.name))
        .collect();
    let can_manage = policy::is_allowed(
        &signed_in.actor,
        Action::ManageUsers,
        Target::in_offices(&user.offices),
    );
    let pending_roles = role_approvals::pending_for(&state.app, &signed_in.actor, &user.id)
        .await?
        .into_iter()
        .map(|pending| {
            let may_decide = role_approvals::may_decide(&signed_in.actor, &pending);
            (pending, may_decide)
        })
        .collect();
    Ok(UserDetailPage {
        page: PageContext::new(t, state, signed_in, "/admin/users"),
        user,
        office_names,
        can_manage,
        pending_roles,
        errors,
        notice,
    })
}

pub(super) async fn user_detail(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let notice = known_notice(query.notice.as_deref());
    render(&user_detail_page(&state, t, &signed_in, &id, FieldErrors::default(), notice).await?)
}

async fn set_disabled(
    state: &AppState,
    signed_in: &SignedIn,
    id: &str,
    form: &[(String, String)],
    disabled: bool,
) -> Result<Response, AppError> {
    let version = form_version(form)?;
    accounts::set_disabled(&state.app, &signed_in.actor, id, version, disabled).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=notice-saved")))
}

pub(super) async fn disable_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    set_disabled(&state, &signed_in, &id, &form, true).await
}

pub(super) async fn enable_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    set_disabled(&state, &signed_in, &id, &form, false).await
}

pub(super) async fn reset_password(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    match accounts::reset_password(
        &state.app,
        &signed_in.actor,
        &id,
        &form_value(&form, "new_password"),
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/admin/users/{id}?notice=notice-password-reset"
        ))),
        Err(app::Error::Invalid(errors)) => {
            let page = user_detail_page(&state, t, &signed_in, &id, errors, None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "offices.html")]
struct OfficesPage {
    page: PageContext,
    offices: Vec<Office>,
    can_manage: bool,
    errors: FieldErrors,
    form: OfficeForm,
    kinds: &'static [OfficeKind],
}

async fn offices_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    form: OfficeForm,
    errors: FieldErrors,
) -> Result<OfficesPage, AppError> {
    Ok(OfficesPage {
        page: PageContext::new(t, state, signed_in, "/admin/offices"),
        offices: offices::list(&state.app.db, &signed_in.actor).await?,
        can_manage: policy::is_allowed(&signed_in.actor, Action::ManageOffices, Target::system()),
        errors,
        form,
        kinds: &OfficeKind::ALL,
    })
}

pub(super) async fn offices(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let form = OfficeForm {
        kind: OfficeKind::FieldOffice.as_str().into(),
        ..Default::default()
    };
    render(&offices_page(&state, t, &signed_in, form, FieldErrors::default()).await?)
}

pub(super) async fn create_office(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let office = OfficeForm {
        code: form_value(&form, "code"),
        name: form_value(&form, "name"),
        country: form_value(&form, "country"),
        kind: form_value(&form, "kind"),
        time_zone: form_value(&form, "time_zone"),
    };
    match offices::create(&state.app, &signed_in.actor, &office).await {
        Ok(_) => Ok(see_other("/admin/offices")),
        Err(app::Error::Invalid(errors)) => {
            let page = offices_page(&state, t, &signed_in, office, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// The audit page's filter, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub target_type: String,
    pub before: Option<i64>,
}

/// An audit event as the page shows it: the actor by name (an applicant as "Applicant"), the
/// action by its label in the reader's language, the details as a list.
pub(super) struct AuditRow {
    seq: i64,
    time: String,
    actor: String,
    action: String,
    action_code: String,
    target: String,
    details: Vec<(String, String)>,
}

impl AuditRow {
    fn from_event(t: &Translator, named: NamedAuditEvent) -> AuditRow {
        let event = named.event;
        AuditRow {
            seq: event.seq,
            time: crate::format_instant(event.at),
            actor: actor_label(t, named.actor),
            action: action_label(t, &event.action),
            action_code: event.action,
            target: match event.target_id {
                Some(id) => format!("{}:{id}", event.target_type),
                None => event.target_type,
            },
            details: detail_pairs(&event.details),
        }
    }
}

fn actor_label(t: &Translator, actor: ActorName) -> String {
    match actor {
        ActorName::System => t.t("audit-actor-system"),
        ActorName::Staff {
            display_name,
            username,
        } => format!("{display_name} ({username})"),
        ActorName::Applicant => t.t("audit-actor-applicant"),
        ActorName::Removed => t.t("audit-actor-removed"),
    }
}

/// The action's label; text written by no known action shows as it is.
fn action_label(t: &Translator, action: &str) -> String {
    match AuditAction::parse(action) {
        Some(action) => t.t(&audit_action_key(action)),
        None => action.to_owned(),
    }
}

pub(crate) fn audit_action_key(action: AuditAction) -> String {
    format!("audit-action-{}", action.as_str().replace(['.', '_'], "-"))
}

/// The details' top-level fields, each value as plain text (nested values as compact JSON).
fn detail_pairs(details: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(details) {
        Ok(serde_json::Value::Object(fields)) => fields
            .into_iter()
            .map(|(key, value)| (key, detail_text(value)))
            .collect(),
        Ok(serde_json::Value::Null) => Vec::new(),
        Ok(other) => vec![(String::new(), detail_text(other))],
        Err(_) => vec![(String::new(), details.to_owned())],
    }
}

fn detail_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(detail_text)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: PageContext,
    filter: AuditQuery,
    events: Vec<AuditRow>,
    older: Option<i64>,
    /// Every action, as (stored text, label), by label.
    actions: Vec<(&'static str, String)>,
}

const AUDIT_PAGE_SIZE: i64 = 50;

/// Turns the typed filter into the audit module's filter within the actor's scope.
pub fn audit_filter(
    signed_in: &SignedIn,
    query: &AuditQuery,
    limit: i64,
) -> Result<AuditFilter, AppError> {
    let offices_of_user = match policy::list_scope(&signed_in.actor, Action::ViewAudit)? {
        ListScope::Everything => None,
        ListScope::OfficesOf(user_id) => Some(user_id),
        ListScope::OwnedBy(_) => return Err(app::Error::Forbidden.into()),
    };
    let non_empty = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
    Ok(AuditFilter {
        actor: non_empty(&query.actor),
        action: non_empty(&query.action),
        target_type: non_empty(&query.target_type),
        target_id: None,
        offices_of_user,
        before_seq: query.before,
        limit,
    })
}

pub(super) async fn audit(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let filter = audit_filter(&signed_in, &query, AUDIT_PAGE_SIZE)?;
    let events = audit::list_named(&state.app.db, &filter).await?;
    let older = (events.len() as i64 == AUDIT_PAGE_SIZE)
        .then(|| events.last().map(|named| named.event.seq))
        .flatten();
    let mut actions: Vec<(&'static str, String)> = AuditAction::ALL
        .into_iter()
        .map(|action| (action.as_str(), t.t(&audit_action_key(action))))
        .collect();
    actions.sort_by(|a, b| a.1.cmp(&b.1));
    render(&AuditPage {
        filter: query,
        events: events
            .into_iter()
            .map(|named| AuditRow::from_event(&t, named))
            .collect(),
        older,
        actions,
        page: PageContext::new(t, &state, &signed_in, "/admin/audit"),
    })
}

/// A second administrator approves or refuses a role that waits (`decision` is `approve` or
/// `refuse`).
pub(super) async fn decide_role(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, approval)): Path<(String, String)>,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let approve = match form_value(&form, "decision").as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::bad_request("decision")),
    };
    role_approvals::decide(&state.app, &signed_in.actor, &approval, approve).await?;
    Ok(see_other(&format!("/admin/users/{id}?notice=notice-saved")))
}
