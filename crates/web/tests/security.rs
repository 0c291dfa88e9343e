//! The router's side of account security: where sign-in may lead, what browsers may keep,
//! errors under `/api/`, and the second factor's limits as a person meets them. Runs on SQLite
//! and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use app::accounts::totp;
use app::testing::{PASSWORD, TestApp, for_each_backend, test_settings};

mod support;
use support::*;

fn cookie_named(response: &axum::response::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn sign_in_leads_only_to_paths_on_this_site() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let hostile = [
            "%2F%09%2Fevil.example",
            "%2F%2Fevil.example",
            "%2F%5Cevil.example",
            "https%3A%2F%2Fevil.example",
            "%2F%252F%252Fevil.example",
            "%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example",
            "%2F%E2%88%95%E2%88%95evil.example",
        ];
        for next in hostile {
            let response = send(
                &t,
                post_form(
                    "/login",
                    None,
                    &format!("username=caseworker&password=corridor-demo&next={next}"),
                ),
            )
            .await;
            assert_eq!(location(&response), "/", "POST /login next={next}");
        }
        let cookie = sign_in(&t, "caseworker").await;
        for next in hostile {
            let response = send(&t, get_with_cookie(&format!("/login?next={next}"), &cookie)).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            assert_eq!(location(&response), "/", "GET /login?next={next}");
        }
        let response = send(
            &t,
            get_with_cookie("/login?next=%2Fcases%3Fpage%3D2", &cookie),
        )
        .await;
        assert_eq!(location(&response), "/cases?page=2", "a real path is kept");
        t
    })
    .await;
}

#[tokio::test]
async fn no_signed_in_page_or_answer_may_be_kept_by_a_browser_or_proxy() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let (case, _) = demo_case(&t).await;
        let supervisor = sign_in(&t, "supervisor").await;
        let token = token_for(&t, "supervisor").await;
        let case_page = send(&t, get_with_cookie(&format!("/cases/{case}"), &supervisor)).await;
        let case_json = send(
            &t,
            bearer("GET", &format!("/api/v1/cases/{case}"), &token, None),
        )
        .await;
        let actor = actor_of(&t, "supervisor").await;
        let fresh = app::testing::spouse_case(&t, &actor, &actor.offices[0], "Tesfaye").await;
        let pin_page = send(
            &t,
            post_form(
                &format!("/cases/{}/portal-access", fresh.id),
                Some(&supervisor),
                "",
            ),
        )
        .await;
        for (what, response) in [
            ("case page", &case_page),
            ("case JSON", &case_json),
            ("new PIN page", &pin_page),
        ] {
            assert_eq!(response.status(), StatusCode::OK, "{what}");
            assert_eq!(
                response.headers().get(header::CACHE_CONTROL).unwrap(),
                "no-store",
                "{what}"
            );
            assert!(
                response
                    .headers()
                    .get(header::STRICT_TRANSPORT_SECURITY)
                    .is_none(),
                "no HSTS without TLS"
            );
        }
        let style = send(&t, get("/static/style.css")).await;
        assert_eq!(
            style.headers().get(header::CACHE_CONTROL).unwrap(),
            "public, max-age=3600",
            "static files keep their caching"
        );

        let behind_tls = web::router(web::AppState {
            app: t.app.clone(),
            secure_cookies: true,
        });
        let response = tower::ServiceExt::oneshot(behind_tls, get("/healthz"))
            .await
            .unwrap();
        assert_eq!(
            response
                .headers()
                .get(header::STRICT_TRANSPORT_SECURITY)
                .unwrap(),
            "max-age=31536000; includeSubDomains"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn every_api_error_is_problem_json_even_from_the_query_string_and_the_size_limit() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let (case, _) = demo_case(&t).await;
        let token = token_for(&t, "caseworker").await;
        let bad_query = send(
            &t,
            bearer("GET", "/api/v1/cases?overdue=perhaps", &token, None),
        )
        .await;
        assert_eq!(bad_query.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            bad_query.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        let problem: serde_json::Value = serde_json::from_str(&body_text(bad_query).await).unwrap();
        assert_eq!(problem["status"], 400);

        let too_large = vec![b'x'; app::cases::documents::MAX_DOCUMENT_BYTES + 200 * 1024];
        let upload = Request::post(format!("/api/v1/cases/{case}/documents"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::CONTENT_LENGTH, too_large.len())
            .body(Body::from(too_large))
            .unwrap();
        let refused = send(&t, upload).await;
        assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            refused.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        t
    })
    .await;
}

/// Signs in with the password as `root`; returns the pending session's cookie.
async fn password_step(t: &TestApp) -> String {
    let response = send(
        t,
        post_form(
            "/login",
            None,
            "username=root&password=a+long+enough+password&next=%2Fadmin%2Fusers",
        ),
    )
    .await;
    assert!(location(&response).starts_with("/login/second-factor"));
    cookie_named(&response, "corridor_session")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_used_code_is_refused_and_the_fifth_wrong_code_ends_the_pending_sign_in() {
    for_each_backend(test_settings(), |t| async move {
        let admin = app::testing::account(&t, "root", "admin", &[]).await;
        assert_eq!(PASSWORD, "a long enough password");
        let enrolment = totp::begin_enrolment(&t.app, &admin.actor()).await.unwrap();
        let used = totp::current_code(&enrolment.secret_base32).unwrap();
        totp::confirm_enrolment(&t.app, &admin.actor(), &used)
            .await
            .unwrap();

        let cookie = password_step(&t).await;
        let replay = send(
            &t,
            post_form(
                "/login/second-factor",
                Some(&cookie),
                &format!("code={used}&next=%2F"),
            ),
        )
        .await;
        assert_eq!(
            replay.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a used code"
        );
        for _ in 0..3 {
            let wrong = send(
                &t,
                post_form("/login/second-factor", Some(&cookie), "code=000000"),
            )
            .await;
            assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        let fifth = send(
            &t,
            post_form("/login/second-factor", Some(&cookie), "code=000000"),
        )
        .await;
        assert_eq!(fifth.status(), StatusCode::UNAUTHORIZED);
        assert!(
            cookie_named(&fifth, "corridor_session")
                .unwrap()
                .contains("Max-Age=0"),
            "the pending sign-in's cookie is cleared"
        );
        assert!(body_text(fifth).await.contains("Too many wrong codes."));
        let right = totp::code_at(&enrolment.secret_base32, 1).unwrap();
        let after = send(
            &t,
            post_form(
                "/login/second-factor",
                Some(&cookie),
                &format!("code={right}"),
            ),
        )
        .await;
        assert_eq!(location(&after), "/login", "the password step starts again");
        t
    })
    .await;
}

#[tokio::test]
async fn a_browser_that_signed_in_before_gets_a_device_cookie_for_the_sign_in_form_only() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let response = send(
            &t,
            post_form(
                "/login",
                None,
                "username=analyst&password=corridor-demo&next=%2F",
            ),
        )
        .await;
        let device = cookie_named(&response, "corridor_device").unwrap();
        for part in [
            "Path=/login",
            "HttpOnly",
            "SameSite=Lax",
            "Max-Age=31536000",
        ] {
            assert!(device.contains(part), "{part} in {device}");
        }
        t
    })
    .await;
}
