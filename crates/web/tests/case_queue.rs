//! The cases API, bulk assignment and quotas through the router, on SQLite and on PostgreSQL
//! when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};
use serde_json::{Value, json};

use app::accounts;
use app::testing::{TestApp, for_each_backend};

mod support;
use support::{
    bearer, body_text, demo_settings, get_with_cookie, post_form, seeded, send, sign_in, token_for,
};

async fn user_id(t: &TestApp, username: &str) -> String {
    accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap()
}

async fn call(
    t: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let json = body.map(|body| body.to_string());
    let response = send(t, bearer(method, path, token, json.as_deref())).await;
    let status = response.status();
    let text = body_text(response).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn office_id(t: &TestApp, code: &str) -> String {
    app::offices::list(&t.app.db, &app::policy::Actor::console())
        .await
        .unwrap()
        .into_iter()
        .find(|office| office.code == code)
        .unwrap()
        .id
}

#[tokio::test]
async fn the_cases_api_pages_creates_moves_and_checks_versions() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let worker = token_for(&t, "caseworker").await;
        let supervisor = token_for(&t, "supervisor").await;
        let office = office_id(&t, "TR-IST").await;

        let (status, first) = call(&t, "GET", &format!("/api/v1/cases?office_id={office}&limit=5"), &worker, None).await;
        assert_eq!(status, StatusCode::OK);
        let items = first["items"].as_array().unwrap();
        assert_eq!(items.len(), 5);
        let next = first["next"].as_str().unwrap();
        let (_, second) = call(&t, "GET", &format!("/api/v1/cases?office_id={office}&limit=5&after={next}"), &worker, None).await;
        let first_ids: Vec<&Value> = items.iter().map(|item| &item["case"]["id"]).collect();
        assert!(second["items"].as_array().unwrap().iter().all(|item| !first_ids.contains(&&item["case"]["id"])));
        let (_, intake) = call(&t, "GET", "/api/v1/cases?status=intake&pathway=de.family.spouse", &worker, None).await;
        assert!(intake["items"].as_array().unwrap().iter().all(|item| item["case"]["status"] == "intake" && item["case"]["pathway_id"] == "de.family.spouse"));
        let (status, _) = call(&t, "GET", "/api/v1/cases?after=nonsense", &worker, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let new_case = |confirm: bool, birth: &str| json!({
            "office_id": office, "pathway": "de/de.family.spouse", "confirm_new": confirm,
            "applicant": {"surname": "Haddad", "given_names": "Amal", "birth_date": birth, "sex": "F", "nationality": "SYR"}
        });
        let (status, similar) = call(&t, "POST", "/api/v1/cases", &worker, Some(new_case(false, "1990-04"))).await;
        assert_eq!(status, StatusCode::CONFLICT, "search before create: people named Haddad are on record");
        assert!(similar["case"].is_null() && !similar["similar"].as_array().unwrap().is_empty());
        let invalid = send(&t, bearer("POST", "/api/v1/cases", &worker, Some(&new_case(true, "1990-13").to_string()))).await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(invalid.headers().get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
        let problem: Value = serde_json::from_str(&body_text(invalid).await).unwrap();
        assert_eq!(problem["errors"][0]["field"], "birth_date");
        let (status, created) = call(&t, "POST", "/api/v1/cases", &worker, Some(new_case(true, "1990-04"))).await;
        assert_eq!(status, StatusCode::CREATED);
        let id = created["case"]["id"].as_str().unwrap().to_owned();
        assert_eq!(created["case"]["version"], 1);

        let (status, file) = call(&t, "GET", &format!("/api/v1/cases/{id}"), &worker, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(file["members"][0]["person"]["surname"], "Haddad");
        assert_eq!(file["members"][0]["role"], "principal_applicant");

        let (status, moved) = call(&t, "POST", &format!("/api/v1/cases/{id}/move"), &worker, Some(json!({"version": 1, "to": "counselling"}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(moved["status"], "counselling");
        let (status, _) = call(&t, "POST", &format!("/api/v1/cases/{id}/move"), &worker, Some(json!({"version": 1, "to": "forms"}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "a stale version");
        let (status, _) = call(&t, "POST", &format!("/api/v1/cases/{id}/move"), &worker, Some(json!({"version": 2, "to": "on_hold"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "holding needs a reason");

        let member = json!({"version": 2, "role": "sponsor", "person": {"surname": "Haddad", "given_names": "Omar", "sex": "M"}});
        let (status, file) = call(&t, "POST", &format!("/api/v1/cases/{id}/members"), &worker, Some(member)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(file["members"].as_array().unwrap().len(), 2);
        let (status, assessed) = call(&t, "POST", &format!("/api/v1/cases/{id}/assessment"), &worker, Some(json!({"version": 3, "codes": ["SC-UC"]}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(assessed["suggested"], "urgent");
        let (status, _) = call(&t, "POST", &format!("/api/v1/cases/{id}/priority"), &worker, Some(json!({"version": 4}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only a supervisor confirms");
        let (status, confirmed) = call(&t, "POST", &format!("/api/v1/cases/{id}/priority"), &supervisor, Some(json!({"version": 4}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(confirmed["priority"], "urgent");

        let admin = token_for(&t, "admin").await;
        let (status, _) = call(&t, "GET", "/api/v1/cases", &admin, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = call(&t, "GET", &format!("/api/v1/cases/{id}"), &admin, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (_, spec) = call(&t, "GET", "/api/v1/openapi.json", &worker, None).await;
        for path in ["/api/v1/cases", "/api/v1/cases/{id}/move", "/api/v1/cases/assign", "/api/v1/cases/quotas"] {
            assert!(spec["paths"].get(path).is_some(), "{path} is documented");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn bulk_assignment_is_all_or_nothing_and_limited_to_caseworkers_of_the_office() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let supervisor = token_for(&t, "supervisor").await;
        let caseworker_id = user_id(&t, "caseworker").await;
        let supervisor_id = user_id(&t, "supervisor").await;
        let office = office_id(&t, "TR-IST").await;
        let (_, page) = call(&t, "GET", &format!("/api/v1/cases?office_id={office}&limit=3"), &supervisor, None).await;
        let cases: Vec<(String, i64)> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| (item["case"]["id"].as_str().unwrap().to_owned(), item["case"]["version"].as_i64().unwrap()))
            .collect();
        let body = |assignee: &str, versions: &[(String, i64)]| {
            json!({"assignee": assignee, "cases": versions.iter().map(|(id, v)| json!({"id": id, "version": v})).collect::<Vec<_>>()})
        };

        let (status, problem) = call(&t, "POST", "/api/v1/cases/assign", &supervisor, Some(body(&supervisor_id, &cases))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a supervisor is not a caseworker");
        assert_eq!(problem["errors"][0]["field"], "assignee");
        let (status, _) = call(&t, "POST", "/api/v1/cases/assign", &supervisor, Some(body(&caseworker_id, &[]))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        let other_office = office_id(&t, "EC-UIO").await;
        let outside: String = sqlx::query_scalar("SELECT id FROM cases WHERE office_id = $1 LIMIT 1")
            .bind(&other_office)
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
        let mut with_outside = cases.clone();
        with_outside.push((outside, 1));
        let (status, _) = call(&t, "POST", "/api/v1/cases/assign", &supervisor, Some(body(&caseworker_id, &with_outside))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a case of another office does not exist for them");

        let mut stale = cases.clone();
        stale[2].1 += 7;
        let (status, _) = call(&t, "POST", "/api/v1/cases/assign", &supervisor, Some(body(&caseworker_id, &stale))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, unchanged) = call(&t, "GET", &format!("/api/v1/cases/{}", cases[0].0), &supervisor, None).await;
        assert_eq!(unchanged["case"]["version"], cases[0].1, "nothing was written");

        let (status, done) = call(&t, "POST", "/api/v1/cases/assign", &supervisor, Some(body(&caseworker_id, &cases))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(done["assigned"], 3);
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'case.assign'")
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
        assert_eq!(audited, 3, "one audit event per case");
        let (_, mine) = call(&t, "GET", &format!("/api/v1/cases?assigned_to={caseworker_id}&limit=200"), &supervisor, None).await;
        for (id, _) in &cases {
            assert!(mine["items"].as_array().unwrap().iter().any(|item| item["case"]["id"] == id.as_str()));
        }
        t
    })
    .await;
}

#[tokio::test]
async fn the_queue_page_assigns_ticked_cases_without_javascript_and_shows_quotas() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let cookie = sign_in(&t, "supervisor").await;
        let html =
            body_text(send(&t, get_with_cookie("/cases?status=intake", &cookie)).await).await;
        assert!(html.contains(r#"name="case""#) && html.contains(r#"name="assignee""#));
        assert!(
            html.contains("AufenthG §36a(2) S.2"),
            "the §36a quota with its citation"
        );
        assert!(
            html.contains("approved since the first day of this month"),
            "what used means"
        );
        let values: Vec<String> = html
            .split(r#"name="case" value=""#)
            .skip(1)
            .take(2)
            .map(|rest| rest.split('"').next().unwrap().to_owned())
            .collect();
        assert_eq!(values.len(), 2);
        let caseworker_id = user_id(&t, "caseworker").await;

        let none = send(
            &t,
            post_form(
                "/cases/assign",
                Some(&cookie),
                &format!("assignee={caseworker_id}&back=status%3Dintake"),
            ),
        )
        .await;
        assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            body_text(none)
                .await
                .contains("Select between 1 and 200 cases.")
        );

        let form = format!(
            "back=status%3Dintake&assignee={caseworker_id}&case={}&case={}",
            values[0].replace(':', "%3A"),
            values[1].replace(':', "%3A")
        );
        let done = send(&t, post_form("/cases/assign", Some(&cookie), &form)).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let location = done
            .headers()
            .get(header::LOCATION)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(location.starts_with("/cases?") && location.contains("status=intake"));
        let again = send(&t, post_form("/cases/assign", Some(&cookie), &form)).await;
        assert_eq!(
            again.status(),
            StatusCode::CONFLICT,
            "the versions on the page are stale now"
        );
        t
    })
    .await;
}
