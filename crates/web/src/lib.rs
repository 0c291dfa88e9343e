//! HTTP: HTML pages and the JSON API over the application.
//!
//! Thin by design: each handler parses the request, calls one `app` operation (which checks the
//! policy and writes the audit event) and renders the result. This crate holds no business rules
//! and no SQL.

pub mod api;
pub mod auth;
pub mod code_names;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod subject_access;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::AppError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: app::App,
    /// Mark cookies `Secure` (the site is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
}

/// Request bodies larger than this are refused with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole site: pages, API, health checks and static files, with every layer in place.
pub fn router(state: AppState) -> Router {
    let secure_cookies = state.secure_cookies;
    let security_headers = [
        (CONTENT_SECURITY_POLICY, CSP),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (X_FRAME_OPTIONS, "DENY"),
        (REFERRER_POLICY, "same-origin"),
        // Pages carry case files, PINs and tokens: no browser or proxy keeps a copy. Static
        // files set their own caching.
        (CACHE_CONTROL, "no-store"),
    ];
    let mut router = Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(pages::orientation::public_routes())
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route(
            "/static/style.css",
            get(|| async { stylesheet(include_str!("../static/style.css")) }),
        )
        .route(
            "/static/portal.css",
            get(|| async { stylesheet(include_str!("../static/portal.css")) }),
        )
        .route("/favicon.ico", get(icon))
        .fallback(|| async { AppError::not_found() })
        .with_state(state.clone())
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(pages::case_documents::upload_routes(state))
        .layer(CsrfLayer::new())
        .layer(axum::middleware::from_fn(error::render))
        .layer(axum::middleware::from_fn(i18n::negotiate))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(CompressionLayer::new());
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    if secure_cookies {
        router = router.layer(SetResponseHeaderLayer::overriding(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    router
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            // The path only: query strings can carry names and other personal data.
            let request_id = request.headers().get(&REQUEST_ID).and_then(|value| value.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), MakeRequestUuid))
}

async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    match state.app.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// The site's icon: three lines of a road, in SVG (every browser the service supports shows
/// an SVG icon), so that no page's request for `/favicon.ico` ends in a 404.
async fn icon() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "image/svg+xml"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/icon.svg"),
    )
}

/// A stylesheet served with its content type and an hour's caching.
fn stylesheet(css: &'static str) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        css,
    )
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// When an appointment starts, on its office's wall clock: `YYYY-MM-DD HH:MM (Europe/Istanbul)`.
pub fn appointment_start(appointment: &app::cases::appointments::Appointment) -> String {
    format_in_zone(appointment.starts_at, &appointment.time_zone)
}

/// An instant on the wall clock of `time_zone`, the zone named: `2026-12-04 10:00 (Europe/Istanbul)`.
pub fn format_in_zone(millis: i64, time_zone: &str) -> String {
    format!(
        "{} ({time_zone})",
        app::time::millis_to_local(millis, time_zone)
    )
}

/// `YYYY-MM-DD HH:MM UTC` for an instant in unix milliseconds.
pub fn format_instant(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        second_of_day / 3600,
        second_of_day % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn instants_format_as_utc_civil_time() {
        assert_eq!(super::format_instant(0), "1970-01-01 00:00 UTC");
        assert_eq!(
            super::format_instant(1_795_748_700_000),
            "2026-11-27 03:05 UTC"
        );
        assert_eq!(
            super::format_instant(951_782_400_000),
            "2000-02-29 00:00 UTC"
        );
    }
}
