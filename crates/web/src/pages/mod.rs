//! HTML pages for staff and for every signed-in person. They work without JavaScript: plain
//! links and forms, and a form that fails validation comes back with its messages and values.

mod account;
mod admin;

#[cfg(test)]
pub(crate) use admin::audit_action_key;
pub use admin::{AuditQuery, audit_filter as admin_audit_filter};
mod auth;
mod case_contact;
pub mod case_documents;
mod case_queue;
mod cases;
mod home;
pub(crate) mod knowledge;
pub mod orientation;
pub mod portal;
mod portal_apply;
mod portal_my;
mod privacy;
mod privacy_access;
mod privacy_erasure;
mod reports;

use askama::Template;
use axum::Router;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use app::policy::{self, Action, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::{Language, Translator, languages};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/login", get(auth::login_form).post(auth::login))
        .route(
            "/login/second-factor",
            get(auth::second_factor_form).post(auth::second_factor),
        )
        .route("/logout", post(auth::logout))
        .route("/account", get(account::show))
        .route("/account/locale", post(account::set_locale))
        .route("/account/password", post(account::change_password))
        .route(
            "/account/second-factor",
            get(account::enrol_intro).post(account::confirm_enrolment),
        )
        .route("/account/second-factor/start", post(account::enrol_start))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/new", get(admin::new_user_form))
        .route("/admin/users/{id}", get(admin::user_detail))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route("/admin/users/{id}/password", post(admin::reset_password))
        .route(
            "/admin/users/{id}/roles/{approval}",
            post(admin::decide_role),
        )
        .route(
            "/admin/offices",
            get(admin::offices).post(admin::create_office),
        )
        .route("/admin/audit", get(admin::audit))
        .route("/cases", get(case_queue::queue).post(cases::create_case))
        .route("/cases/assign", post(case_queue::assign))
        .route("/cases/new", get(cases::new_case_form))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/move", post(cases::move_case))
        .route("/cases/{id}/members", post(cases::add_member))
        .route("/cases/{id}/assessment", post(cases::assess))
        .route("/cases/{id}/priority", post(cases::confirm_priority))
        .route("/cases/{id}/take", post(cases::take))
        .merge(case_contact::routes())
        .route("/privacy", get(privacy::processing))
        .merge(privacy_erasure::routes())
        .merge(privacy_access::routes())
        .route("/reports", get(reports::dashboard))
        .route("/reports/export", post(reports::export))
        .merge(orientation::routes())
        .merge(case_documents::routes())
        .merge(knowledge_routes())
        .merge(portal::routes())
        .merge(portal_my::routes())
}

fn knowledge_routes() -> Router<AppState> {
    Router::new()
        .route("/practices", get(knowledge::search))
        .route("/practices/feed.atom", get(knowledge::feed))
        .route("/practices/export.csv", get(knowledge::export_csv))
        .route("/practices/{id}", get(knowledge::practice))
        .route(
            "/knowledge",
            get(knowledge::staff_list).post(knowledge::create),
        )
        .route("/knowledge/new", get(knowledge::new_form))
        .route("/knowledge/{id}", get(knowledge::staff_detail))
        .route(
            "/knowledge/{id}/edit",
            get(knowledge::edit_form).post(knowledge::update),
        )
        .route("/knowledge/{id}/action", post(knowledge::act))
}

/// A link in the staff navigation, shown only when the policy allows what it leads to.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: &'static str,
    pub label_key: &'static str,
    pub help_key: &'static str,
    pub current: bool,
}

/// The person shown in the page header.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub display_name: String,
}

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub t: Translator,
    pub user: Option<NavUser>,
    pub nav: Vec<NavLink>,
    pub demo: bool,
}

const NAV: &[(&str, &str, &str, Action)] = &[
    ("/", "nav-home", "nav-home-help", Action::ManageOwnAccount),
    (
        "/portal/my",
        "nav-my-application",
        "nav-my-application-help",
        Action::UseCasePortal,
    ),
    ("/cases", "nav-cases", "nav-cases-help", Action::ViewCases),
    (
        "/referrals",
        "nav-referrals",
        "nav-referrals-help",
        Action::WorkOnCases,
    ),
    (
        "/admin/users",
        "nav-users",
        "nav-users-help",
        Action::ViewUsers,
    ),
    (
        "/admin/offices",
        "nav-offices",
        "nav-offices-help",
        Action::ViewOffices,
    ),
    (
        "/admin/audit",
        "nav-audit",
        "nav-audit-help",
        Action::ViewAudit,
    ),
    (
        "/orientation",
        "nav-orientation",
        "nav-orientation-help",
        Action::ViewCurricula,
    ),
    (
        "/orientation",
        "nav-orientation",
        "nav-orientation-help",
        Action::AttendOrientation,
    ),
    (
        "/reports",
        "nav-reports",
        "nav-reports-help",
        Action::ViewReports,
    ),
    (
        "/privacy/requests",
        "nav-privacy-requests",
        "nav-privacy-requests-help",
        Action::HandleSubjectAccess,
    ),
    (
        "/knowledge",
        "nav-knowledge",
        "nav-knowledge-help",
        Action::DraftPractice,
    ),
    (
        "/account",
        "nav-account",
        "nav-account-help",
        Action::ManageOwnAccount,
    ),
];

impl PageContext {
    pub fn anonymous(t: Translator) -> PageContext {
        PageContext {
            t,
            user: None,
            nav: Vec::new(),
            demo: false,
        }
    }

    pub fn new(
        t: Translator,
        state: &AppState,
        signed_in: &SignedIn,
        current: &str,
    ) -> PageContext {
        let actor = &signed_in.actor;
        let mut nav: Vec<NavLink> = NAV
            .iter()
            .filter(|(_, _, _, action)| match action {
                Action::ManageOwnAccount => {
                    policy::is_allowed(actor, *action, Target::owned_by(&actor.user_id))
                }
                _ => policy::list_scope(actor, *action).is_ok(),
            })
            .map(|(href, label_key, help_key, _)| NavLink {
                href,
                label_key,
                help_key,
                current: *href == current,
            })
            .collect();
        nav.dedup_by(|later, earlier| later.href == earlier.href);
        PageContext {
            t,
            user: Some(NavUser {
                display_name: signed_in.user.display_name.clone(),
            }),
            nav,
            demo: state.app.settings.demo_mode,
        }
    }

    pub fn public(t: Translator, state: &AppState) -> PageContext {
        PageContext {
            demo: state.app.settings.demo_mode,
            ..PageContext::anonymous(t)
        }
    }

    pub fn languages(&self) -> &'static [Language] {
        languages()
    }

    /// The label of a coded value: the message `<prefix>-<value>`, e.g. `case-status-intake`.
    pub fn label(&self, prefix: &str, value: &str) -> String {
        self.t.t(&format!("{prefix}-{value}"))
    }
}

/// Renders a template as a page with the given status.
pub fn render_with_status(
    status: StatusCode,
    template: &impl Template,
) -> Result<Response, AppError> {
    let html = template.render().map_err(app::Error::internal)?;
    Ok((status, Html(html)).into_response())
}

pub fn render(template: &impl Template) -> Result<Response, AppError> {
    render_with_status(StatusCode::OK, template)
}

/// A 303 redirect: after a successful POST the browser loads the result with GET.
pub fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// A form body as name/value pairs, so that repeated names (checkboxes) keep every value.
pub type FormPairs = axum::Form<Vec<(String, String)>>;

pub fn form_value(pairs: &[(String, String)], name: &str) -> String {
    pair_value(pairs, name).to_owned()
}

/// A number typed in a form field, read as a person means it: digits of any script (Eastern
/// Arabic, Persian) become ASCII, the Arabic decimal separator a point, thousands separators go.
pub fn typed_number(pairs: &[(String, String)], name: &str) -> String {
    app::cases::facts::read_by_hand(rules::FactKind::Number, pair_value(pairs, name))
}

/// A date or a date and time typed in a form field, its digits of any script as ASCII.
pub fn typed_date(pairs: &[(String, String)], name: &str) -> String {
    by_hand_date(pair_value(pairs, name))
}

/// A typed date or date and time with its digits of any script as ASCII.
pub fn by_hand_date(text: &str) -> String {
    app::cases::facts::read_by_hand(rules::FactKind::Date, text)
}

/// The first value named `name` in a form or query string, or "".
pub fn pair_value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.as_str())
}

/// The `version` an edit form carries for optimistic concurrency; a form without one is a bad
/// request, not a validation error.
pub fn form_version(pairs: &[(String, String)]) -> Result<i64, AppError> {
    form_value(pairs, "version")
        .parse()
        .map_err(|_| AppError::bad_request("version"))
}

pub fn form_values(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
        .collect()
}

/// The longest `next` kept; anything longer falls back to `/`.
const MAX_NEXT: usize = 2048;

/// Where to go after sign-in: `next` when it is a path on this site, otherwise `/`.
///
/// Browsers forgive a lot in a `Location` (tabs and newlines dropped, `\\` read as `/`, `//host`
/// read as another site), so only a plain path passes: exactly one `/` followed by a path
/// character, and only RFC 3986 path characters (printable ASCII: no whitespace, control
/// characters or backslashes). Decoded once, it must still start with one `/` and hold no
/// control character, whitespace, backslash or look-alike slash, so an encoded `//` or `%0A`
/// cannot slip through a later decoding; encoded letters of any script stay allowed.
pub fn safe_next(next: &str) -> &str {
    let decoded = percent_decoded(next);
    if next.len() <= MAX_NEXT
        && starts_with_one_slash(next)
        && next.chars().all(is_path_char)
        && starts_with_one_slash(&decoded)
        && !decoded.chars().any(is_hostile_decoded)
    {
        next
    } else {
        "/"
    }
}

fn starts_with_one_slash(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/') && chars.next().is_none_or(|second| !"/\\".contains(second))
}

/// Characters a browser may read as a separator or drop, once decoded.
fn is_hostile_decoded(c: char) -> bool {
    const SLASH_LOOK_ALIKES: &str =
        "\u{2215}\u{2044}\u{ff0f}\u{29f8}\u{2571}\u{fe68}\u{ff3c}\u{29f5}\u{29f9}";
    c.is_control() || c.is_whitespace() || c == '\\' || SLASH_LOOK_ALIKES.contains(c)
}

/// RFC 3986 path, query and fragment characters, `%` included; nothing else.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c)
}

/// `text` with each `%XX` replaced by its byte once; a result that is not UTF-8 becomes a
/// single space, which [`safe_next`] refuses.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push(u8::try_from(high * 16 + low).unwrap_or(b' '));
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| " ".to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn hostile_next_values_fall_back_to_the_start_page() {
        let long = format!("/{}", "a".repeat(3000));
        let hostile = [
            "/\t/evil.example",
            "/\t\t/evil.example",
            "/%09/evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\\/evil.example",
            "%2F%2Fevil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "/javascript:alert(1)\n",
            "/\r\nLocation: https://evil.example",
            "/%0d%0aSet-Cookie:x=1",
            "/\u{2215}\u{2215}evil.example",
            "/\u{ff0f}evil.example",
            "\u{ff0f}\u{ff0f}evil.example",
            "/\u{2044}evil.example",
            " /cases",
            "/cases ",
            "/ca ses",
            "/cases\u{a0}",
            "/\u{0}",
            "/%00",
            "evil.example",
            "",
            "./cases",
            long.as_str(),
            "/%E2%88%95evil.example",
        ];
        assert!(hostile.len() >= 25);
        assert_eq!(
            safe_next("/%E2%80%A8evil"),
            "/",
            "an encoded line separator"
        );
        assert_eq!(safe_next("/%C0%AF"), "/", "an over-long encoding of `/`");
        for value in hostile {
            assert_eq!(safe_next(value), "/", "{value:?} must fall back");
        }
    }

    #[test]
    fn paths_on_this_site_are_kept() {
        for value in [
            "/",
            "/cases",
            "/cases/01J5ZQ?status=intake&page=2",
            "/portal/my#messages",
            "/knowledge?q=%D8%B9%D9%85%D9%84",
            "/cases/a-b_c.d~e",
        ] {
            assert_eq!(safe_next(value), value);
        }
    }
}
