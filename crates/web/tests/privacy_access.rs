//! Subject-access requests and emergency access through the router, on the demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};
use http_body_util::BodyExt;

use app::accounts::{self, NewUser};
use app::policy::Actor;
use app::testing::{TestApp, for_each_backend};

mod support;
use support::{body_text, demo_settings, get_with_cookie, post_form, seeded, send, sign_in};

/// A case of the demo supervisor's office and its principal applicant.
async fn supervised_case(t: &TestApp) -> (String, String) {
    let row: (String, String) = sqlx::query_as(
        "SELECT m.case_id, m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id \
         JOIN user_offices o ON o.office_id = c.office_id JOIN users u ON u.id = o.user_id \
         WHERE u.username = 'supervisor' AND m.role = 'principal_applicant' ORDER BY c.opened_at, c.id LIMIT 1",
    )
    .fetch_one(&t.app.db.pool)
    .await
    .unwrap();
    row
}

/// A caseworker of another office than the demo supervisor's.
async fn outsider(t: &TestApp) -> String {
    let office: String = sqlx::query_scalar(
        "SELECT id FROM offices WHERE id NOT IN (SELECT office_id FROM user_offices o JOIN users u ON u.id = o.user_id \
         WHERE u.username = 'supervisor') ORDER BY code LIMIT 1",
    )
    .fetch_one(&t.app.db.pool)
    .await
    .unwrap();
    let new = NewUser {
        username: "outsider".into(),
        display_name: "Out Sider".into(),
        password: "corridor-demo".into(),
        locale: "en".into(),
        roles: vec!["caseworker".into()],
        offices: vec![office],
    };
    accounts::create(&t.app, &Actor::console(), &new)
        .await
        .unwrap();
    sign_in(t, "outsider").await
}

fn read_zip(bytes: &[u8], script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answer.zip");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn a_supervisor_records_a_request_and_downloads_the_answer_in_the_persons_language() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let (case_id, person) = supervised_case(&t).await;
        let supervisor = sign_in(&t, "supervisor").await;
        let case_page = body_text(send(&t, get_with_cookie(&format!("/cases/{case_id}"), &supervisor)).await).await;
        assert!(case_page.contains(&format!("/privacy/requests/new?person={person}")), "the case page offers a request per person");
        let form = send(&t, get_with_cookie(&format!("/privacy/requests/new?person={person}"), &supervisor)).await;
        assert_eq!(form.status(), StatusCode::OK);
        let form = body_text(form).await;
        assert!(form.contains(&format!("href=\"?person={person}&#38;lang=ar\"")), "switching language keeps the person");
        let in_arabic = send(&t, get_with_cookie(&format!("/privacy/requests/new?person={person}&lang=ar"), &supervisor)).await;
        assert_eq!(in_arabic.status(), StatusCode::OK);

        let bad = send(&t, post_form("/privacy/requests", Some(&supervisor), &format!("person_id={person}&requested_via=email&received_on=2999-01-01&language=ar"))).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad = body_text(bad).await;
        assert!(bad.contains("aria-invalid=\"true\"") && bad.contains("value=\"2999-01-01\""), "the typed date comes back with its message");
        let recorded = send(&t, post_form("/privacy/requests", Some(&supervisor), &format!("person_id={person}&requested_via=email&received_on=&language=ar"))).await;
        assert_eq!(recorded.status(), StatusCode::SEE_OTHER);

        let list = body_text(send(&t, get_with_cookie("/privacy/requests", &supervisor)).await).await;
        assert!(list.contains("Requests for access to personal data") && list.contains("/export"));
        assert!(list.contains("href=\"/privacy/requests\""), "the navigation offers the requests");
        let caseworker = sign_in(&t, "caseworker").await;
        assert_eq!(send(&t, get_with_cookie("/privacy/requests", &caseworker)).await.status(), StatusCode::FORBIDDEN);
        assert!(!body_text(send(&t, get_with_cookie(&format!("/cases/{case_id}"), &caseworker)).await).await.contains("/privacy/requests/new"));

        let request: String = sqlx::query_scalar("SELECT id FROM subject_access_requests WHERE person_id = $1")
            .bind(&person)
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
        assert_eq!(send(&t, post_form(&format!("/privacy/requests/{request}/export"), Some(&caseworker), "version=1")).await.status(), StatusCode::FORBIDDEN);
        let answer = send(&t, post_form(&format!("/privacy/requests/{request}/export"), Some(&supervisor), "version=1")).await;
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(answer.headers().get(header::CONTENT_TYPE).unwrap(), "application/zip");
        let bytes = answer.into_body().collect().await.unwrap().to_bytes();
        let script = "import sys, zipfile, json\n\
z = zipfile.ZipFile(sys.argv[1])\n\
assert z.testzip() is None\n\
print(sorted(z.namelist()))\n\
data = json.loads(z.read('data.json'))\n\
print(data['person_id'], len(data['sections']['cases']), len(data['sections']['audit_events']) > 0)\n\
print(z.read('summary.html').decode('utf-8'))\n";
        let out = read_zip(&bytes, script);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("['data.json', 'summary.html']"));
        assert_eq!(lines.next(), Some(format!("{person} 1 True").as_str()));
        let html: String = lines.collect::<Vec<_>>().join("\n");
        assert!(html.contains("lang=\"ar\" dir=\"rtl\""), "the summary is right-to-left Arabic");
        assert!(html.contains("<h1>بياناتك الشخصية</h1>"));

        let again = send(&t, post_form(&format!("/privacy/requests/{request}/export"), Some(&supervisor), "version=2")).await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "a fulfilled request is not fulfilled twice");
        let list = body_text(send(&t, get_with_cookie("/privacy/requests", &supervisor)).await).await;
        assert!(list.contains("No open requests."));
        t
    })
    .await;
}

#[tokio::test]
async fn a_caseworker_of_another_office_breaks_the_glass_with_a_reason_and_the_supervisor_reviews_it()
 {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let (case_id, _) = supervised_case(&t).await;
        let outsider = outsider(&t).await;
        let refused = send(&t, get_with_cookie(&format!("/cases/{case_id}"), &outsider)).await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
        let offer = body_text(refused).await;
        assert!(
            offer.contains("Open in emergency access")
                && offer.contains(&format!("/cases/{case_id}/emergency-access"))
        );
        let nowhere =
            body_text(send(&t, get_with_cookie("/cases/no-such-case", &outsider)).await).await;
        assert!(
            nowhere.contains("Open in emergency access"),
            "the offer does not tell existing cases apart"
        );

        let short = send(
            &t,
            post_form(
                &format!("/cases/{case_id}/emergency-access"),
                Some(&outsider),
                "reason=now",
            ),
        )
        .await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(short).await.contains("value=\"now\""));
        let granted = send(
            &t,
            post_form(
                &format!("/cases/{case_id}/emergency-access"),
                Some(&outsider),
                "reason=Family+at+the+border+needs+help+tonight",
            ),
        )
        .await;
        assert_eq!(granted.status(), StatusCode::SEE_OTHER);
        let page = send(&t, get_with_cookie(&format!("/cases/{case_id}"), &outsider)).await;
        assert_eq!(page.status(), StatusCode::OK, "the case opens for reading");
        let moved = send(
            &t,
            post_form(
                &format!("/cases/{case_id}/assessment"),
                Some(&outsider),
                "version=1&narrative=x",
            ),
        )
        .await;
        assert_eq!(
            moved.status(),
            StatusCode::FORBIDDEN,
            "but not for changing"
        );

        let supervisor = sign_in(&t, "supervisor").await;
        let review = body_text(
            send(
                &t,
                get_with_cookie("/privacy/emergency-access", &supervisor),
            )
            .await,
        )
        .await;
        assert!(
            review.contains("Family at the border needs help tonight")
                && review.contains("Out Sider")
        );
        let grant: (String, i64) = sqlx::query_as("SELECT id, version FROM break_glass_grants")
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
        let reviewed = send(
            &t,
            post_form(
                &format!("/privacy/emergency-access/{}/reviewed", grant.0),
                Some(&supervisor),
                &format!("version={}", grant.1),
            ),
        )
        .await;
        assert_eq!(reviewed.status(), StatusCode::SEE_OTHER);
        let review = body_text(
            send(
                &t,
                get_with_cookie("/privacy/emergency-access", &supervisor),
            )
            .await,
        )
        .await;
        assert!(!review.contains("Mark reviewed"));
        assert_eq!(
            send(&t, get_with_cookie("/privacy/emergency-access", &outsider))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        t
    })
    .await;
}
