//! Helpers shared by the router tests: requests, bodies and signing in as a demo user.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

pub mod documents;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;

use app::testing::{TestApp, test_settings};
use app::{Settings, demo};

pub fn router(t: &TestApp) -> axum::Router {
    web::router(web::AppState {
        app: t.app.clone(),
        secure_cookies: false,
    })
}

pub async fn send(t: &TestApp, request: Request<Body>) -> Response {
    router(t).oneshot(request).await.unwrap()
}

pub async fn body_text(response: Response) -> String {
    String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap()
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub fn get_with_cookie(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

pub fn post_form(path: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

pub fn bearer(method: &str, path: &str, token: &str, json: Option<&str>) -> Request<Body> {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    match json {
        Some(json) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_owned())),
        None => request.body(Body::empty()),
    }
    .unwrap()
}

/// Seeds the demo data and signs in as `username`; returns the cookie header value.
pub async fn sign_in(t: &TestApp, username: &str) -> String {
    let response = send(
        t,
        post_form(
            "/login",
            None,
            &format!("username={username}&password=corridor-demo&next=%2F"),
        ),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "sign-in of {username}"
    );
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|value| value.starts_with("corridor_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    cookie.split(';').next().unwrap().to_owned()
}

/// The actor of the account `username`.
pub async fn actor_of(t: &TestApp, username: &str) -> app::policy::Actor {
    let id = app::accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap();
    app::accounts::load(&t.app.db, &id).await.unwrap().actor()
}

/// A new API token of the account `username`, with the default lifetime.
pub async fn token_for(t: &TestApp, username: &str) -> String {
    let actor = actor_of(t, username).await;
    let days = app::accounts::tokens::DEFAULT_DAYS;
    app::accounts::tokens::create(&t.app, &actor, "test", days)
        .await
        .unwrap()
        .1
}

pub fn demo_settings() -> Settings {
    Settings {
        require_admin_totp: false,
        demo_mode: true,
        ..test_settings()
    }
}

pub async fn seeded(t: &TestApp) {
    demo::seed(&t.app).await.unwrap();
}

pub const BOUNDARY: &str = "corridor-test-boundary";

/// A multipart upload: text fields, and a file part when `file` is given.
pub fn upload(
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Request<Body> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, content)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, cookie)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap()
}

/// Where a redirect leads.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

/// The first bytes of a JPEG file: enough for the upload's type check.
pub const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0];

/// The last case of the demo supervisor's queue and its principal applicant's person id.
pub async fn demo_case(t: &TestApp) -> (String, String) {
    let id = app::accounts::find_id_by_username(&t.app.db, "supervisor")
        .await
        .unwrap()
        .unwrap();
    let supervisor = app::accounts::load(&t.app.db, &id).await.unwrap().actor();
    let queue = app::cases::queue(
        &t.app,
        &supervisor,
        &app::cases::QueueFilter::default(),
        None,
        200,
    )
    .await
    .unwrap();
    let case = queue.rows.last().unwrap().case.id.clone();
    let file = app::cases::open(&t.app, &supervisor, &case).await.unwrap();
    (case, file.members[0].person.id.clone())
}
