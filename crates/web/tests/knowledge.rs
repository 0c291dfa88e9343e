//! The knowledge platform through the router, as a visitor, an editor and a reviewer would use
//! it, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;

use app::testing::{TestApp, for_each_backend, test_settings};
use app::{Settings, demo};

fn router(t: &TestApp) -> axum::Router {
    web::router(web::AppState {
        app: t.app.clone(),
        secure_cookies: false,
    })
}

async fn send(t: &TestApp, request: Request<Body>) -> Response {
    router(t).oneshot(request).await.unwrap()
}

async fn body_text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

async fn get_text(t: &TestApp, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = send(t, request.body(Body::empty()).unwrap()).await;
    let status = response.status();
    (status, body_text(response).await)
}

async fn post_form(t: &TestApp, path: &str, cookie: &str, body: &str) -> Response {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_owned()))
        .unwrap();
    send(t, request).await
}

fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

async fn sign_in(t: &TestApp, username: &str) -> String {
    let response = send(
        t,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(format!(
                "username={username}&password=corridor-demo&next=%2F"
            )))
            .unwrap(),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "sign-in of {username}"
    );
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|value| value.starts_with("corridor_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

fn demo_settings() -> Settings {
    Settings {
        require_admin_totp: false,
        demo_mode: true,
        ..test_settings()
    }
}

const FORM: &str = "title=Night+bus+welcome+for+reunited+families&language=en\
&summary=Volunteers+meet+families+arriving+by+night+bus.\
&description=A+**zanzibarian**+welcome+desk.&objectives=16&objectives=5\
&principles=whole_of_society&stages=after&regions=oceania&countries=NZ\
&year_start=2021&year_end=&practice_type=service&partners=City+council\
&results=Families+found+services+quickly.&lessons=&replicability=Any+city.\
&evidence_strength=anecdotal&evidence_links=&resources=&contact=desk%40example.org";

#[tokio::test]
async fn a_visitor_finds_family_reunification_in_french_and_arabic_by_objective_and_region() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let (status, french) = get_text(
            &t,
            "/practices?q=regroupement+familial&objective=5&region=europe",
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(french.contains("Programme d&#39;assistance aux familles") || french.contains("Programme d'assistance aux familles"), "{french}");
        assert!(french.contains("<b>regroupement</b>"), "highlighted");
        assert!(french.contains(r#"name="objective" value="5" checked"#), "filter kept");

        // "لم شمل الاسرة", typed without shadda or hamza, in the Arabic interface.
        let arabic_query = "/practices?lang=ar&q=%D9%84%D9%85+%D8%B4%D9%85%D9%84+%D8%A7%D9%84%D8%A7%D8%B3%D8%B1%D8%A9&objective=5&region=europe";
        let (status, arabic) = get_text(&t, arabic_query, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(arabic.contains(r#"dir="rtl""#));
        assert!(arabic.contains("برنامج مساعدة الأسر"), "{arabic}");

        let (_, none) = get_text(&t, "/practices?q=regroupement+familial&region=oceania", None).await;
        assert!(!none.contains("Programme d"), "the region filter excludes it");
        t
    })
    .await;
}

#[tokio::test]
async fn an_editor_submits_a_reviewer_requests_changes_then_publishes_and_it_is_everywhere() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let author = sign_in(&t, "caseworker").await;
        let reviewer = sign_in(&t, "editor").await;

        let created = post_form(&t, "/knowledge", &author, &format!("{FORM}&version=0")).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let page = location(&created);
        let id = page.trim_start_matches("/knowledge/").to_owned();
        let action = format!("{page}/action");

        let submitted = post_form(&t, &action, &author, "action=submit&version=1").await;
        assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
        // Authors cannot publish their own practice.
        let refused = post_form(&t, &action, &author, "action=publish&version=2").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        let empty = post_form(
            &t,
            &action,
            &reviewer,
            "action=request_changes&comment=&version=2",
        )
        .await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let sent_back = post_form(
            &t,
            &action,
            &reviewer,
            "action=request_changes&comment=Say+how+many+families.&version=2",
        )
        .await;
        assert_eq!(sent_back.status(), StatusCode::SEE_OTHER);
        let (_, detail) = get_text(&t, &page, Some(&author)).await;
        assert!(detail.contains("Say how many families."), "{detail}");

        let edited = post_form(
            &t,
            &format!("{page}/edit"),
            &author,
            &format!("{FORM}&version=3").replace("quickly.", "quickly%3B+120+families+in+2024."),
        )
        .await;
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        post_form(&t, &action, &author, "action=submit&version=4").await;
        let (_, hidden) = get_text(&t, "/practices?q=zanzibarian", None).await;
        assert!(
            !hidden.contains("Night bus welcome"),
            "not public before publication"
        );

        let published = post_form(&t, &action, &reviewer, "action=publish&version=5").await;
        assert_eq!(published.status(), StatusCode::SEE_OTHER);

        let (_, search) = get_text(&t, "/practices?q=zanzibarian&objective=16", None).await;
        assert!(search.contains("Night bus welcome"), "{search}");
        let (status, public) = get_text(&t, &format!("/practices/{id}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            public.contains("<strong>zanzibarian</strong>"),
            "Markdown rendered"
        );
        assert!(public.contains("120 families"));

        let (_, api) = get_text(&t, "/api/v1/practices?q=zanzibarian&region=oceania", None).await;
        let api: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["total"], 1);
        assert_eq!(api["hits"][0]["id"], id.as_str());
        assert!(
            api["facets"]["objective"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["value"] == "16")
        );
        let (_, one) = get_text(&t, &format!("/api/v1/practices/{id}"), None).await;
        assert!(one.contains("\"status\":\"published\""));

        let (_, json) = get_text(&t, "/api/v1/practices/export.json", None).await;
        let exported: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(
            exported
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == id.as_str())
        );
        let (_, csv) = get_text(&t, "/practices/export.csv", None).await;
        assert!(csv.starts_with('\u{FEFF}'));
        assert!(csv.contains("Night bus welcome for reunited families"));
        let (_, feed) = get_text(&t, "/practices/feed.atom", None).await;
        assert!(
            feed.contains("<title>Night bus welcome for reunited families</title>"),
            "{feed}"
        );
        assert!(feed.contains(&format!("urn:corridor:practice:{id}")));
        t
    })
    .await;
}

#[tokio::test]
async fn the_api_runs_the_workflow_and_is_described_in_openapi() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let anonymous = send(
            &t,
            Request::post("/api/v1/practices")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"title":"x","language":"en"}"#))
                .unwrap(),
        )
        .await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

        let (_, spec) = get_text(&t, "/api/v1/openapi.json", None).await;
        for path in [
            "/api/v1/practices",
            "/api/v1/practices/{id}/review",
            "/api/v1/practices/export.json",
        ] {
            assert!(spec.contains(path), "{path} missing from the spec");
        }
        let (status, missing) = get_text(&t, "/api/v1/practices/no-such-id", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(missing.contains("\"status\":404"), "{missing}");
        t
    })
    .await;
}

#[tokio::test]
async fn staff_pages_list_drafts_and_refuse_migrants() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let reviewer = sign_in(&t, "editor").await;
        let (status, list) = get_text(&t, "/knowledge", Some(&reviewer)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains("Canadian Orientation Abroad"));
        let (status, form) = get_text(&t, "/knowledge/new", Some(&reviewer)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains(r#"name="objectives" value="23""#));

        let migrant = sign_in(&t, "migrant").await;
        let (status, _) = get_text(&t, "/knowledge/new", Some(&migrant)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let invalid = post_form(&t, "/knowledge", &reviewer, "title=&language=xx&version=0").await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = body_text(invalid).await;
        assert!(page.contains("aria-invalid=\"true\""));
        t
    })
    .await;
}
