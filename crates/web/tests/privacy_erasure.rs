//! Erasing a person from the case page and the retention periods page, through the router, on
//! SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::StatusCode;

use app::demo;
use app::testing::for_each_backend;

mod support;
use support::{
    body_text as text, demo_case, demo_settings as settings, get_with_cookie as get, post_form,
    send, sign_in,
};

fn post(path: &str, cookie: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    post_form(path, Some(cookie), body)
}

#[tokio::test]
async fn a_supervisor_erases_a_person_from_the_case_page_with_a_ground() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let (case, person) = demo_case(&t).await;
        let supervisor = sign_in(&t, "supervisor").await;
        let caseworker = sign_in(&t, "caseworker").await;
        let form_path = format!("/people/{person}/erase");

        let page = text(send(&t, get(&format!("/cases/{case}"), &supervisor)).await).await;
        assert!(
            page.contains(&format!("{form_path}?case={case}")),
            "the case page offers erasure"
        );
        let page = text(send(&t, get(&format!("/cases/{case}"), &caseworker)).await).await;
        assert!(
            !page.contains(&form_path),
            "caseworkers are not offered erasure"
        );
        let denied = send(&t, post(&form_path, &caseworker, "reason=objection")).await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);

        let form = send(&t, get(&format!("{form_path}?case={case}"), &supervisor)).await;
        assert_eq!(form.status(), StatusCode::OK);
        let form = text(form).await;
        let file = app::cases::open(&t.app, &support::actor_of(&t, "supervisor").await, &case)
            .await
            .unwrap();
        let reference = file.case.reference.clone();
        let names = &file.members[0].person.names;
        assert!(form.contains(r#"name="reason""#));
        assert!(
            form.contains(&reference) && form.contains(&names.surname),
            "the page names the person and the case"
        );
        assert!(
            form.contains(r#"class="danger""#),
            "styled as the dangerous action it is"
        );
        let unconfirmed = send(
            &t,
            post(
                &form_path,
                &supervisor,
                &format!("case={case}&reason=objection"),
            ),
        )
        .await;
        assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            text(unconfirmed)
                .await
                .contains(r#"id="confirm_reference-error""#)
        );
        let missing = send(
            &t,
            post(&form_path, &supervisor, &format!("case={case}&reason=")),
        )
        .await;
        assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = text(missing).await;
        assert!(body.contains(r#"id="reason-error""#) && body.contains(r#"aria-invalid="true""#));

        let erased = send(
            &t,
            post(
                &form_path,
                &supervisor,
                &format!("case={case}&reason=objection&confirm_reference={reference}"),
            ),
        )
        .await;
        assert_eq!(erased.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            erased.headers()["location"],
            format!("/cases/{case}").as_str()
        );
        let page = text(send(&t, get(&format!("/cases/{case}"), &supervisor)).await).await;
        assert!(
            page.contains("Erased") && !page.contains(&form_path),
            "the person shows as erased"
        );
        let again = send(&t, post(&form_path, &supervisor, "reason=objection")).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);

        // The case is read, never worked on again: no forms, and work sent anyway is refused.
        let page = text(send(&t, get(&format!("/cases/{case}"), &caseworker)).await).await;
        assert!(page.contains(r#"id="erased-notice""#));
        for form in ["move", "messages", "portal-access", "take", "members"] {
            assert!(
                !page.contains(&format!(r#"action="/cases/{case}/{form}""#)),
                "no {form} form after the erasure"
            );
        }
        let message = send(
            &t,
            post(
                &format!("/cases/{case}/messages"),
                &caseworker,
                "message_text=Hello",
            ),
        )
        .await;
        assert_eq!(message.status(), StatusCode::CONFLICT);
        assert!(text(message).await.contains("no more work is done on it"));

        // Every list that shows the case still answers, and reads the person as erased.
        let pathway = &file.case.pathway_id;
        let status = file.case.status.as_str();
        for list in [
            "/cases".to_owned(),
            format!("/cases?status={status}"),
            format!("/cases?pathway={pathway}"),
            format!("/cases?q={reference}"),
        ] {
            let response = send(&t, get(&list, &caseworker)).await;
            assert_eq!(response.status(), StatusCode::OK, "{list}");
            let html = text(response).await;
            if list.contains("q=") {
                assert!(
                    html.contains(&reference) && html.contains("Erased"),
                    "{list}"
                );
            }
        }
        let token = support::token_for(&t, "caseworker").await;
        let mut next = Some("/api/v1/cases?limit=50".to_owned());
        let mut pages = 0;
        while let Some(path) = next.take() {
            let response = send(&t, support::bearer("GET", &path, &token, None)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let json: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
            next = json["next"]
                .as_str()
                .map(|after| format!("/api/v1/cases?limit=50&after={after}"));
            pages += 1;
            assert!(pages < 20, "the API list ends");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn supervisors_see_their_offices_retention_periods() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let supervisor = sign_in(&t, "supervisor").await;
        let page = send(&t, get("/privacy/retention", &supervisor)).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = text(page).await;
        assert!(
            body.contains("<td>5</td><td>12</td><td>3</td>"),
            "defaults are shown"
        );
        let caseworker = sign_in(&t, "caseworker").await;
        let denied = send(&t, get("/privacy/retention", &caseworker)).await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);
        t
    })
    .await;
}
