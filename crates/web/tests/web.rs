//! The router driven with `oneshot`, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use app::accounts::{self, NewUser};
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::testing::{for_each_backend, test_settings};

mod support;
use app::demo;
use support::*;

#[tokio::test]
async fn the_site_has_an_icon() {
    let t = app::testing::sqlite_app(test_settings()).await;
    let response = send(&t, get("/favicon.ico")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "image/svg+xml"
    );
    let login = body_text(send(&t, get("/login")).await).await;
    assert!(login.contains(r#"<link rel="icon" href="/favicon.ico""#));
    t.finish().await;
}

#[tokio::test]
async fn health_checks_answer() {
    for_each_backend(test_settings(), |t| async move {
        assert_eq!(send(&t, get("/healthz")).await.status(), StatusCode::OK);
        assert_eq!(send(&t, get("/readyz")).await.status(), StatusCode::OK);
        t
    })
    .await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_request_id() {
    for_each_backend(test_settings(), |t| async move {
        let response = send(&t, get("/login")).await;
        let headers = response.headers();
        let csp = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
        assert_eq!(
            headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff"
        );
        assert_eq!(headers.get(header::REFERRER_POLICY).unwrap(), "same-origin");
        assert!(headers.contains_key("x-request-id"));
        t
    })
    .await;
}

#[tokio::test]
async fn language_comes_from_the_query_then_the_cookie_then_accept_language() {
    for_each_backend(test_settings(), |t| async move {
        let response = send(&t, get("/login?lang=ar")).await;
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("lang=ar"));
        let html = body_text(response).await;
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
        assert!(html.contains("تسجيل الدخول"));

        let html = body_text(send(&t, get_with_cookie("/login", "lang=fr")).await).await;
        assert!(html.contains(r#"<html lang="fr" dir="ltr">"#));
        let request = Request::get("/login")
            .header(header::ACCEPT_LANGUAGE, "de-CH, en;q=0.5")
            .body(Body::empty())
            .unwrap();
        let html = body_text(send(&t, request).await).await;
        assert!(html.contains(r#"<html lang="de" dir="ltr">"#));
        let request = Request::get("/login")
            .header(header::ACCEPT_LANGUAGE, "ti, es;q=0.8")
            .body(Body::empty())
            .unwrap();
        let html = body_text(send(&t, request).await).await;
        assert!(
            html.contains(r#"<html lang="es""#),
            "falls back to the next language offered"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn unknown_pages_and_api_routes_are_proper_404s() {
    for_each_backend(test_settings(), |t| async move {
        let response = send(&t, get("/no-such-page")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(body_text(response).await.contains("<h1>Not found</h1>"));
        let response = send(&t, get("/api/v1/no-such-thing")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        let problem: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert_eq!(problem["status"], 404);
        assert_eq!(problem["type"], "/problems/not-found");
        t
    })
    .await;
}

#[tokio::test]
async fn pages_need_a_session_and_redirect_to_sign_in() {
    for_each_backend(test_settings(), |t| async move {
        let response = send(&t, get("/admin/users")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers().get(header::LOCATION).unwrap(),
            "/login?next=%2Fadmin%2Fusers"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_comes_back_with_a_message_and_the_name_kept() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let response = send(
            &t,
            post_form(
                "/login",
                None,
                "username=caseworker&password=wrong-password&next=%2F",
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let html = body_text(response).await;
        assert!(html.contains("The user name or password is not right"));
        assert!(html.contains(r#"value="caseworker""#));
        let empty = send(
            &t,
            post_form("/login", None, "username=&password=&next=%2F"),
        )
        .await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(empty).await.contains(r#"aria-invalid="true""#));
        t
    })
    .await;
}

#[tokio::test]
async fn each_role_sees_only_what_it_may() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let admin = sign_in(&t, "admin").await;
        let html = body_text(send(&t, get_with_cookie("/", &admin)).await).await;
        for link in ["/admin/users", "/admin/offices", "/admin/audit", "/account"] {
            assert!(
                html.contains(&format!(r#"href="{link}""#)),
                "admin sees {link}"
            );
        }
        let caseworker = sign_in(&t, "caseworker").await;
        let html = body_text(send(&t, get_with_cookie("/", &caseworker)).await).await;
        assert!(
            !html.contains(r#"href="/admin/users""#) && !html.contains(r#"href="/admin/audit""#)
        );
        assert_eq!(
            send(&t, get_with_cookie("/admin/users", &caseworker))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            send(&t, get_with_cookie("/admin/audit", &caseworker))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        let supervisor = sign_in(&t, "supervisor").await;
        let html = body_text(send(&t, get_with_cookie("/admin/users", &supervisor)).await).await;
        assert!(
            html.contains(">caseworker<") && !html.contains(">analyst<"),
            "supervisor sees own office only"
        );

        let migrant = sign_in(&t, "migrant").await;
        let html = body_text(send(&t, get_with_cookie("/", &migrant)).await).await;
        assert!(!html.contains(r#"href="/admin/offices""#));
        assert_eq!(
            send(&t, get_with_cookie("/admin/offices", &migrant))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        t
    })
    .await;
}

#[tokio::test]
async fn an_invalid_new_user_form_comes_back_with_messages_and_values() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let admin = sign_in(&t, "admin").await;
        let response = send(
            &t,
            post_form(
                "/admin/users",
                Some(&admin),
                "username=Bad+Name&display_name=Amal&password=short&locale=ar",
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(response).await;
        assert!(html.contains("Use at least 10 characters."));
        assert!(html.contains("Choose at least one valid role."));
        assert!(html.contains(r#"value="Amal""#));
        assert!(
            html.contains(r##"<a href="#username">"##),
            "error summary links to the field"
        );
        let users_before = accounts::list(&t.app.db, &Actor::console())
            .await
            .unwrap()
            .len();
        assert_eq!(users_before, demo::DEMO_LOGINS.len(), "nothing was written");
        t
    })
    .await;
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let cookie = sign_in(&t, "analyst").await;
        assert_eq!(
            send(&t, get_with_cookie("/", &cookie)).await.status(),
            StatusCode::OK
        );
        let response = send(&t, post_form("/logout", Some(&cookie), "")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            send(&t, get_with_cookie("/", &cookie)).await.status(),
            StatusCode::SEE_OTHER
        );
        t
    })
    .await;
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let cookie = sign_in(&t, "admin").await;
        let request = Request::post("/admin/offices")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &cookie)
            .header("sec-fetch-site", "cross-site")
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::from(
                "code=XX-EVL&name=Evil&country=XX&kind=field_office",
            ))
            .unwrap();
        assert_eq!(send(&t, request).await.status(), StatusCode::FORBIDDEN);
        assert!(
            offices::find_by_code(&t.app.db, "XX-EVL")
                .await
                .unwrap()
                .is_none()
        );
        t
    })
    .await;
}

#[tokio::test]
async fn administrators_must_enrol_a_second_factor_outside_demo_mode() {
    for_each_backend(test_settings(), |t| async move {
        let new_admin = NewUser {
            username: "root".into(),
            display_name: "Root".into(),
            password: "a long enough password".into(),
            locale: "en".into(),
            roles: vec!["admin".into()],
            offices: vec![],
        };
        accounts::create(&t.app, &Actor::console(), &new_admin)
            .await
            .unwrap();
        let response = send(
            &t,
            post_form(
                "/login",
                None,
                "username=root&password=a+long+enough+password&next=%2F",
            ),
        )
        .await;
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let home = send(&t, get_with_cookie("/admin/users", &cookie)).await;
        assert_eq!(home.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            home.headers().get(header::LOCATION).unwrap(),
            "/account/second-factor"
        );
        let intro =
            body_text(send(&t, get_with_cookie("/account/second-factor", &cookie)).await).await;
        assert!(!intro.contains("<svg"), "nothing is generated on GET");
        let started = send(
            &t,
            post_form("/account/second-factor/start", Some(&cookie), ""),
        )
        .await;
        assert!(
            body_text(started).await.contains("<svg"),
            "starting shows a QR code"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_api_answers_with_a_bearer_token() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let token = token_for(&t, "supervisor").await;
        let response = send(&t, bearer("GET", "/api/v1/me", &token, None)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let me: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert_eq!(me["username"], "supervisor");
        assert_eq!(me["roles"], serde_json::json!(["supervisor"]));
        let users: serde_json::Value = serde_json::from_str(
            &body_text(send(&t, bearer("GET", "/api/v1/users", &token, None)).await).await,
        )
        .unwrap();
        assert!(
            users
                .as_array()
                .unwrap()
                .iter()
                .all(|user| user["username"] != "analyst")
        );
        let audit = send(&t, bearer("GET", "/api/v1/audit?limit=5", &token, None)).await;
        assert_eq!(audit.status(), StatusCode::OK);
        let forbidden = send(
            &t,
            bearer(
                "POST",
                "/api/v1/offices",
                &token,
                Some(r#"{"code":"XX-A","name":"A","country":"XX","kind":"consulate"}"#),
            ),
        )
        .await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
        t
    })
    .await;
}

#[tokio::test]
async fn api_errors_are_problem_json() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let response = send(&t, get("/api/v1/me")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            response.headers().get(header::WWW_AUTHENTICATE).unwrap(),
            "Bearer"
        );
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );

        let token = token_for(&t, "admin").await;
        let malformed = send(
            &t,
            bearer("POST", "/api/v1/offices", &token, Some("{not json")),
        )
        .await;
        assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            malformed.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );

        let invalid = send(
            &t,
            bearer(
                "POST",
                "/api/v1/offices",
                &token,
                Some(r#"{"code":"x","name":"","country":"Jordan","kind":"tent"}"#),
            ),
        )
        .await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: serde_json::Value = serde_json::from_str(&body_text(invalid).await).unwrap();
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["code", "name", "country", "kind"]);
        assert_eq!(problem["errors"][0]["code"], "error-office-code");

        let created = send(
            &t,
            bearer(
                "POST",
                "/api/v1/offices",
                &token,
                Some(r#"{"code":"JO-AMM","name":"Amman","country":"JO","kind":"field_office"}"#),
            ),
        )
        .await;
        assert_eq!(created.status(), StatusCode::CREATED);

        let huge = format!(r#"{{"code":"{}"}}"#, "A".repeat(web::BODY_LIMIT + 10));
        let too_large = send(&t, bearer("POST", "/api/v1/offices", &token, Some(&huge))).await;
        assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            too_large.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    for_each_backend(test_settings(), |t| async move {
        let response = send(&t, get("/api/v1/openapi.json")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let doc: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/api/v1/me",
            "/api/v1/users",
            "/api/v1/users/{id}",
            "/api/v1/offices",
            "/api/v1/audit",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} documented");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn offices_page_creates_and_keeps_input_on_error() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let admin = sign_in(&t, "admin").await;
        let bad = send(
            &t,
            post_form(
                "/admin/offices",
                Some(&admin),
                "code=JO-AMM&name=Amman&country=Jordan&kind=field_office",
            ),
        )
        .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(bad).await;
        assert!(html.contains("two-letter ISO 3166") && html.contains(r#"value="Amman""#));
        let good = send(
            &t,
            post_form(
                "/admin/offices",
                Some(&admin),
                "code=JO-AMM&name=Amman&country=JO&kind=field_office",
            ),
        )
        .await;
        assert_eq!(good.status(), StatusCode::SEE_OTHER);
        let form = OfficeForm::default();
        assert!(
            offices::find_by_code(&t.app.db, "JO-AMM")
                .await
                .unwrap()
                .is_some(),
            "{form:?}"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_audit_log_names_staff_labels_actions_and_never_names_an_applicant() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        sign_in(&t, "caseworker").await;
        sign_in(&t, "migrant").await;
        let admin = sign_in(&t, "admin").await;
        let audit = |query: &'static str| {
            let admin = admin.clone();
            let t = &t;
            async move {
                let response =
                    send(t, get_with_cookie(&format!("/admin/audit?{query}"), &admin)).await;
                assert_eq!(response.status(), StatusCode::OK, "{query}");
                body_text(response).await
            }
        };

        let by_name = audit("actor=demo+CASE").await;
        assert!(
            by_name.contains("<td>Demo caseworker (caseworker)</td>"),
            "{by_name}"
        );
        assert!(by_name.contains(">Signed in</span>"));
        assert!(!by_name.contains("Demo migrant") && !by_name.contains("<td>Demo admin"));

        let sign_ins = audit("action=auth.sign_in").await;
        assert!(sign_ins.contains("<td>Applicant</td>"));
        assert!(!sign_ins.contains("Demo migrant"));
        assert!(sign_ins.contains(r#"<option value="auth.sign_in" selected>Signed in</option>"#));

        let applicant_by_name = audit("actor=migrant").await;
        assert!(!applicant_by_name.contains("<td>Applicant</td>"));

        let arabic = audit("action=auth.sign_in&lang=ar").await;
        assert!(arabic.contains(">تسجيل الدخول</span>"));
        t
    })
    .await;
}
