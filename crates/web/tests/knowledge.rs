//! The knowledge platform through the router, as a visitor, an editor and a reviewer would use
//! it, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;

use app::demo;
use app::testing::{TestApp, for_each_backend};
use serde_json::{Value, json};
use support::{body_text, demo_settings, location, send, sign_in, token_for};

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

/// Sends a JSON request with a bearer token; returns the status, the content type and the body.
async fn api(
    t: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Value,
) -> (StatusCode, String, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = send(t, request).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = body_text(response).await;
    (status, content_type, serde_json::from_str(&text).unwrap())
}

fn problem_fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect()
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

        // Choosing objective 5 keeps the other objectives on offer, each with its count.
        let (_, browse) = get_text(&t, "/practices?objective=5", None).await;
        assert!(browse.contains(r#"name="objective" value="5" checked"#));
        let offered = browse.matches(r#"name="objective" value=""#).count();
        assert!(offered > 1, "sibling objectives stay visible: {offered}");

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

fn api_practice() -> Value {
    json!({
        "title": "Ferry-side desk for joining spouses",
        "language": "en",
        "summary": "A desk at the ferry terminal helps spouses who join a partner.",
        "description": "Staff meet **quokkaland** arrivals and book their first appointments.",
        "objectives": [5, 16],
        "principles": ["people_centred"],
        "stages": ["after"],
        "regions": ["oceania"],
        "countries": ["nz"],
        "year_start": 2022,
        "practice_type": "service",
        "results": "Most spouses registered within a week.",
        "replicability": "Any port with a ferry service.",
        "evidence_strength": "monitored",
        "contact": "ferry@example.org"
    })
}

#[tokio::test]
async fn an_editor_submits_over_json_and_a_reviewer_sends_it_back_then_publishes() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let author = token_for(&t, "caseworker").await;
        let reviewer = token_for(&t, "editor").await;

        // Bad input: problem+json naming every faulty field with its message key.
        let (status, content_type, problem) = api(
            &t,
            "POST",
            "/api/v1/practices",
            &author,
            json!({"title": "", "language": "xx", "objectives": [30], "countries": ["XX"]}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["status"], 422);
        assert_eq!(
            problem_fields(&problem),
            ["title", "language", "objectives", "countries"]
        );
        assert_eq!(problem["errors"][0]["code"], "error-required-short-text");
        assert!(!problem["errors"][0]["message"].as_str().unwrap().is_empty());

        // A bare draft saves, but cannot be submitted until the Hub's criteria are met.
        let (status, _, bare) = api(
            &t,
            "POST",
            "/api/v1/practices",
            &author,
            json!({"title": "Ferry-side desk", "language": "en"}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(bare["status"], "draft");
        let id = bare["id"].as_str().unwrap().to_owned();
        let (status, content_type, problem) = api(
            &t,
            "POST",
            &format!("/api/v1/practices/{id}/submit"),
            &author,
            json!({"version": bare["version"]}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(content_type, "application/problem+json");
        let fields = problem_fields(&problem);
        for field in ["summary", "objectives", "regions", "replicability"] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }

        let (status, _, draft) = api(
            &t,
            "PUT",
            &format!("/api/v1/practices/{id}"),
            &author,
            json!({"version": bare["version"], "content": api_practice()}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{draft}");
        assert_eq!(draft["content_number"], 2);
        assert_eq!(draft["content"]["countries"], json!(["NZ"]), "normalised");
        // The version seen before the edit is stale now.
        let (status, content_type, _) = api(
            &t,
            "POST",
            &format!("/api/v1/practices/{id}/submit"),
            &author,
            json!({"version": bare["version"]}),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(content_type, "application/problem+json");
        let (status, _, submitted) = api(
            &t,
            "POST",
            &format!("/api/v1/practices/{id}/submit"),
            &author,
            json!({"version": draft["version"]}),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(submitted["status"], "submitted");

        let review = format!("/api/v1/practices/{id}/review");
        let version = submitted["version"].clone();
        let (status, _, _) = api(
            &t,
            "POST",
            &review,
            &author,
            json!({"version": version, "decision": "publish"}),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "authors do not publish");
        let (status, _, problem) = api(
            &t,
            "POST",
            &review,
            &reviewer,
            json!({"version": version, "decision": "approve"}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem_fields(&problem), ["decision"]);
        let (status, _, problem) = api(
            &t,
            "POST",
            &review,
            &reviewer,
            json!({"version": version, "decision": "request_changes", "comment": "  "}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem_fields(&problem), ["comment"]);
        let (status, _, sent_back) = api(
            &t,
            "POST",
            &review,
            &reviewer,
            json!({"version": version, "decision": "request_changes",
                   "comment": "How many spouses used the desk?"}),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(sent_back["status"], "changes_requested");

        let mut content = api_practice();
        content["results"] = json!("212 spouses registered within a week in 2023.");
        let (_, _, edited) = api(
            &t,
            "PUT",
            &format!("/api/v1/practices/{id}"),
            &author,
            json!({"version": sent_back["version"], "content": content}),
        )
        .await;
        assert_eq!(edited["content_number"], 3);
        let (_, _, resubmitted) = api(
            &t,
            "POST",
            &format!("/api/v1/practices/{id}/submit"),
            &author,
            json!({"version": edited["version"]}),
        )
        .await;
        let (_, _, in_review) = api(
            &t,
            "POST",
            &review,
            &reviewer,
            json!({"version": resubmitted["version"], "decision": "start_review"}),
        )
        .await;
        assert_eq!(in_review["status"], "in_review");
        let (status, _, published) = api(
            &t,
            "POST",
            &review,
            &reviewer,
            json!({"version": in_review["version"], "decision": "publish"}),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(published["status"], "published");

        // Now in the open API list (with facets), the exports and the feed.
        let (_, list) = get_text(
            &t,
            "/api/v1/practices?q=quokkaland&objective=5&region=oceania",
            None,
        )
        .await;
        let list: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list["total"], 1, "{list}");
        assert_eq!(list["hits"][0]["id"], id.as_str());
        assert!(
            list["hits"][0]["highlight_html"]
                .as_str()
                .unwrap()
                .contains("<b>quokkaland</b>")
        );
        let objectives = list["facets"]["objective"].as_array().unwrap();
        assert!(
            objectives
                .iter()
                .any(|c| c["value"] == "16" && c["count"] == 1)
        );
        let (_, one) = get_text(&t, &format!("/api/v1/practices/{id}"), None).await;
        let one: Value = serde_json::from_str(&one).unwrap();
        assert_eq!(
            one["content"]["results"],
            "212 spouses registered within a week in 2023."
        );
        let (_, exported) = get_text(&t, "/api/v1/practices/export.json", None).await;
        let exported: Value = serde_json::from_str(&exported).unwrap();
        let entry = exported
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id.as_str())
            .unwrap();
        assert_eq!(
            entry["content"]["title"],
            "Ferry-side desk for joining spouses"
        );
        let (_, csv) = get_text(&t, "/practices/export.csv", None).await;
        assert!(csv.starts_with('\u{FEFF}'));
        assert!(csv.contains(&id) && csv.contains("Ferry-side desk for joining spouses"));
        let (_, feed) = get_text(&t, "/practices/feed.atom", None).await;
        assert!(feed.contains("<title>Ferry-side desk for joining spouses</title>"));
        assert!(feed.contains(&format!("urn:corridor:practice:{id}")));
        t
    })
    .await;
}

#[tokio::test]
async fn a_refused_submission_names_the_fields_and_links_to_them_and_an_author_does_not_publish() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let editor = sign_in(&t, "editor").await;
        let (_, form) = get_text(&t, "/knowledge/new", Some(&editor)).await;
        assert!(
            form.contains("To send a practice for review, fill in:"),
            "{form}"
        );
        assert!(form.contains(r#"<fieldset id="objectives">"#));

        let created = post_form(
            &t,
            "/knowledge",
            &editor,
            "title=Hotline&language=en&version=0",
        )
        .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let page = location(&created);
        let action = format!("{page}/action");
        let refused = post_form(&t, &action, &editor, "action=submit&version=1").await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(refused).await;
        assert!(
            html.contains(&format!(r#"<a href="{page}/edit#summary">Summary: "#)),
            "{html}"
        );
        assert!(html.contains(&format!(r#"<a href="{page}/edit#objectives">"#)));
        let (_, edit) = get_text(&t, &format!("{page}/edit"), Some(&editor)).await;
        for anchor in ["summary", "objectives", "contact", "practice_type"] {
            assert_eq!(
                edit.matches(&format!(r#"id="{anchor}""#)).count(),
                1,
                "{anchor}"
            );
        }

        let filled = format!("{FORM}&version=1");
        let saved = post_form(&t, &format!("{page}/edit"), &editor, &filled).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let submitted = post_form(&t, &action, &editor, "action=submit&version=2").await;
        assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
        let (_, detail) = get_text(&t, &page, Some(&editor)).await;
        assert!(detail.contains("Someone who did not write this practice publishes it."));
        assert!(!detail.contains(r#"value="publish""#));
        let own = post_form(&t, &action, &editor, "action=publish&version=3").await;
        assert_eq!(own.status(), StatusCode::CONFLICT);
        assert!(
            body_text(own)
                .await
                .contains("another editor must publish it")
        );
        t
    })
    .await;
}
