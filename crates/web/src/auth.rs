//! Who is calling: the session cookie for pages, a Bearer token (or the cookie) for the API.
//!
//! The extractors here only establish identity. What the caller may do is decided by
//! `app::policy`, inside each operation.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};

use app::accounts::sessions::{self, SessionStage};
use app::accounts::{User, tokens};
use app::policy::{Actor, Role};

use crate::AppState;
use crate::error::AppError;
use crate::i18n::read_cookie;

pub const SESSION_COOKIE: &str = "corridor_session";

/// A cookie only the server reads: HttpOnly and SameSite=Lax always, Secure behind TLS.
/// `attributes` adds the path and, for a lasting cookie, its age.
fn server_cookie(name: &str, token: &str, attributes: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; {attributes}; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("corridor_invalid=; Max-Age=0"))
}

/// The session cookie, set after sign-in; it lasts as long as the browser runs.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    server_cookie(SESSION_COOKIE, token, "Path=/", secure)
}

/// The browser's device token: long-lived, so that sign-in attempts from this browser count
/// apart from strangers' (`app::accounts::throttle`); sent to the sign-in form only.
pub const DEVICE_COOKIE: &str = "corridor_device";

pub fn device_cookie(token: &str, secure: bool) -> HeaderValue {
    server_cookie(
        DEVICE_COOKIE,
        token,
        "Path=/login; Max-Age=31536000",
        secure,
    )
}

pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("corridor_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// A fully signed-in person, from the session cookie or an API token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub actor: Actor,
    /// The session's token hash, when signed in through the browser.
    pub session_hash: Option<String>,
}

impl SignedIn {
    fn new(user: User, session_hash: Option<String>) -> SignedIn {
        SignedIn {
            actor: user.actor(),
            user,
            session_hash,
        }
    }

    /// An administrator who must enrol a second factor before anything else.
    fn owes_enrolment(&self, state: &AppState) -> bool {
        state.app.settings.require_admin_totp
            && self.user.roles.contains(&Role::Admin)
            && !self.user.totp_enabled
    }
}

fn bearer_token(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Reads the session cookie and returns the session, at whatever sign-in stage.
pub async fn cookie_session(
    headers: &HeaderMap,
    state: &AppState,
) -> Result<Option<sessions::Session>, AppError> {
    let Some(token) = read_cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    Ok(sessions::resolve(&state.app, token).await?)
}

async fn identify(parts: &Parts, state: &AppState) -> Result<SignedIn, AppError> {
    if let Some(secret) = bearer_token(parts) {
        let user = tokens::resolve(&state.app, secret)
            .await?
            .ok_or(app::Error::Unauthenticated)?;
        return Ok(SignedIn::new(user, None));
    }
    let session = cookie_session(&parts.headers, state)
        .await?
        .ok_or(app::Error::Unauthenticated)?;
    if session.stage != SessionStage::SignedIn {
        return Err(app::Error::Unauthenticated.into());
    }
    Ok(SignedIn::new(session.user, Some(session.token_hash)))
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = identify(parts, state).await?;
        let path = parts.uri.path();
        let enrolment_route = path.starts_with("/account") || path == "/logout";
        if signed_in.owes_enrolment(state) && !enrolment_route {
            return Err(AppError::SecondFactorEnrolmentRequired);
        }
        Ok(signed_in)
    }
}

/// The caller's network address, for sign-in throttling. Deployments behind a proxy see the
/// proxy's address unless the proxy is configured to pass the client's through.
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The caller's address as an extractor.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(parts)))
    }
}

/// Whether the visitor of a public page is signed in, for a header that offers their own pages
/// and sign-out instead of sign-in. Never an error: a public page shows either way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Visitor {
    pub signed_in: bool,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = matches!(
            cookie_session(&parts.headers, state).await,
            Ok(Some(session)) if session.stage == SessionStage::SignedIn
        );
        Ok(Visitor { signed_in })
    }
}
