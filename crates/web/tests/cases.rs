//! Case pages through the router, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};

use app::demo;
use app::testing::for_each_backend;

mod support;
use support::{
    body_text as text, demo_settings as settings, get_with_cookie as get, post_form, send, sign_in,
};

fn post(path: &str, cookie: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    post_form(path, Some(cookie), body)
}

fn case_id(location: &str) -> String {
    location.trim_start_matches("/cases/").to_owned()
}

#[tokio::test]
async fn a_caseworker_opens_a_case_and_moves_it_while_others_cannot_see_it() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let queue = text(send(&t, get("/cases", &caseworker)).await).await;
        assert!(queue.contains("TR-DEU-"), "the demo queue lists the office's cases");

        let matches = text(send(&t, get("/cases/new?surname=Haddad&given_names=", &caseworker)).await).await;
        assert!(matches.contains("TR-DEU-"), "search before create lists people on record");

        let offices: Vec<String> = app::offices::list(&t.app.db, &app::policy::Actor::console())
            .await
            .unwrap()
            .into_iter()
            .filter(|office| office.code == "TR-IST")
            .map(|office| office.id)
            .collect();
        let office = &offices[0];
        let bad = send(&t, post("/cases", &caseworker, &format!("office_id={office}&pathway=de%2Fde.family.spouse&surname=&given_names=Amal&birth_date=1990-13&sex=F&nationality=SYR"))).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(bad).await;
        assert!(html.contains(r#"value="Amal""#) && html.contains("YYYY-MM"));

        let created = send(&t, post("/cases", &caseworker, &format!("office_id={office}&pathway=de%2Fde.family.spouse&surname=%D8%AD%D8%AF%D8%A7%D8%AF&given_names=Amal&birth_date=1990-04&sex=F&nationality=SYR"))).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let location = created.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
        let id = case_id(&location);
        let page = text(send(&t, get(&location, &caseworker)).await).await;
        assert!(page.contains("حداد"), "the name as written in Arabic");

        let moved = send(&t, post(&format!("/cases/{id}/move"), &caseworker, "version=1&to=counselling")).await;
        assert_eq!(moved.status(), StatusCode::SEE_OTHER);
        let stale = send(&t, post(&format!("/cases/{id}/move"), &caseworker, "version=1&to=withdrawn&reason=late")).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        assert!(text(stale).await.contains("Changed in the meantime"), "a stale edit says so");
        // A refusal by the workflow explains itself and leads back to the case.
        let mut refused = post(&format!("/cases/{id}/move"), &caseworker, "version=2&to=decided_approved");
        refused.headers_mut().insert(header::REFERER, format!("http://localhost{location}").parse().unwrap());
        let refused = send(&t, refused).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        let page = text(refused).await;
        assert!(page.contains("This cannot be done now") && !page.contains("Changed in the meantime"));
        assert!(page.contains("This step is not possible from the case"));
        assert!(page.contains(&format!(r#"href="{location}""#)), "a way back to the case");
        let no_reason = send(&t, post(&format!("/cases/{id}/move"), &caseworker, "version=2&to=on_hold&reason=")).await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let arabic = text(send(&t, get(&format!("{location}?lang=ar"), &caseworker)).await).await;
        assert!(arabic.contains(r#"dir="rtl""#) && arabic.contains("الإرشاد"), "the status in Arabic");

        for outsider in ["admin", "analyst", "facilitator"] {
            let cookie = sign_in(&t, outsider).await;
            assert_eq!(send(&t, get(&location, &cookie)).await.status(), StatusCode::NOT_FOUND, "{outsider}");
            assert_eq!(send(&t, get("/cases", &cookie)).await.status(), StatusCode::FORBIDDEN, "{outsider}");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn a_supervisor_confirms_a_suggested_priority_from_the_case_page() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let supervisor = sign_in(&t, "supervisor").await;
        let queue = app::cases::queue(
            &t.app,
            &app::accounts::load(
                &t.app.db,
                &app::accounts::find_id_by_username(&t.app.db, "caseworker")
                    .await
                    .unwrap()
                    .unwrap(),
            )
            .await
            .unwrap()
            .actor(),
            &app::cases::QueueFilter::default(),
            None,
            200,
        )
        .await
        .unwrap();
        let last = queue.rows.last().unwrap().case.clone();
        let assessed = send(
            &t,
            post(
                &format!("/cases/{}/assessment", last.id),
                &caseworker,
                &format!("version={}&codes=LP-AN&narrative=Threats", last.version),
            ),
        )
        .await;
        assert_eq!(assessed.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&format!("/cases/{}", last.id), &caseworker)).await).await;
        assert!(
            !page.contains(&format!("/cases/{}/priority", last.id)),
            "caseworkers cannot confirm"
        );
        let page = text(send(&t, get(&format!("/cases/{}", last.id), &supervisor)).await).await;
        assert!(page.contains(&format!("/cases/{}/priority", last.id)));
        let confirmed = send(
            &t,
            post(
                &format!("/cases/{}/priority", last.id),
                &supervisor,
                &format!("version={}", last.version + 1),
            ),
        )
        .await;
        assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&format!("/cases/{}", last.id), &caseworker)).await).await;
        assert!(
            page.contains("Suggested and confirmed by a supervisor")
                && !page.contains("Suggested:"),
            "once confirmed the priority no longer reads as a suggestion"
        );
        let queue = text(send(&t, get("/cases", &caseworker)).await).await;
        let mine = queue.find(&last.reference).unwrap();
        let first_normal = queue.find("<td>Normal").unwrap();
        assert!(
            mine < first_normal,
            "the confirmed emergency case now comes before every normal case"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_caseworker_takes_a_case_from_its_page() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let me = support::actor_of(&t, "caseworker").await;
        // Opened by the supervisor, so assigned to them.
        let head = support::actor_of(&t, "supervisor").await;
        let case = app::testing::spouse_case(&t, &head, &me.offices[0], "Tesfaye").await;
        let caseworker = sign_in(&t, "caseworker").await;
        let path = format!("/cases/{}", case.id);
        let page = text(send(&t, get(&path, &caseworker)).await).await;
        assert!(
            page.contains(&format!("{path}/take")),
            "the case page offers to take it"
        );
        let taken = send(
            &t,
            post(
                &format!("{path}/take"),
                &caseworker,
                &format!("version={}", case.version),
            ),
        )
        .await;
        assert_eq!(taken.status(), StatusCode::SEE_OTHER);
        let file = app::cases::open(&t.app, &me, &case.id).await.unwrap();
        assert_eq!(file.case.assigned_to.as_deref(), Some(me.user_id.as_str()));
        let page = text(send(&t, get(&path, &caseworker)).await).await;
        assert!(
            !page.contains(&format!("{path}/take")),
            "nothing left to take"
        );
        assert!(
            page.contains("Assigned to a caseworker"),
            "the timeline says so"
        );
        let name = app::accounts::load(&t.app.db, &me.user_id)
            .await
            .unwrap()
            .display_name;
        assert!(
            page.contains(&format!("(by <bdi>{name}</bdi>)")),
            "and who did it"
        );
        let supervisor = sign_in(&t, "supervisor").await;
        let page = text(send(&t, get(&path, &supervisor)).await).await;
        assert!(
            !page.contains(&format!("{path}/take")),
            "only caseworkers take cases"
        );
        t
    })
    .await;
}
