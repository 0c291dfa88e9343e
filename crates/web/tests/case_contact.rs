//! The contact side of cases through the router (pages and JSON API), on SQLite and on
//! PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};

use app::accounts::{self, NewUser, tokens};
use app::cases::{self, QueueFilter};
use app::demo;
use app::offices;
use app::policy::Actor;
use app::testing::{TestApp, for_each_backend};

mod support;
use support::{
    bearer, body_text as text, demo_settings as settings, get_with_cookie as get, post_form, send,
    sign_in,
};

fn post(path: &str, cookie: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    post_form(path, Some(cookie), body)
}

async fn office_id(t: &TestApp, code: &str) -> String {
    offices::list(&t.app.db, &Actor::console())
        .await
        .unwrap()
        .into_iter()
        .find(|office| office.code == code)
        .unwrap()
        .id
}

/// A caseworker of the Beirut office, who signs in with the demo password.
async fn beirut_caseworker(t: &TestApp) -> accounts::User {
    let new_user = NewUser {
        username: "beirut".into(),
        display_name: "Beirut caseworker".into(),
        password: demo::DEMO_PASSWORD.into(),
        locale: "en".into(),
        roles: vec!["caseworker".into()],
        offices: vec![office_id(t, "LB-BEY").await],
    };
    accounts::create(&t.app, &Actor::console(), &new_user)
        .await
        .unwrap()
}

async fn user(t: &TestApp, username: &str) -> accounts::User {
    let id = accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap();
    accounts::load(&t.app.db, &id).await.unwrap()
}

async fn token_for(t: &TestApp, user: &accounts::User) -> String {
    tokens::create(&t.app, &user.actor(), "test", tokens::DEFAULT_DAYS)
        .await
        .unwrap()
        .1
}

/// The last case of the demo queue and its principal applicant.
async fn demo_case(t: &TestApp) -> (cases::Case, String) {
    let caseworker = user(t, "caseworker").await.actor();
    let queue = cases::queue(&t.app, &caseworker, &QueueFilter::default(), None, 200)
        .await
        .unwrap();
    let case = queue.rows.last().unwrap().case.clone();
    let file = cases::open(&t.app, &caseworker, &case.id).await.unwrap();
    (case, file.members[0].person.id.clone())
}

fn tomorrow(hour: u8) -> String {
    let day = app::orientation::civil_date(app::time::now_millis() + 86_400_000);
    format!("{day}T{hour:02}%3A00")
}

#[tokio::test]
async fn the_case_page_books_appointments_writes_notes_and_refers_with_consent() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let outsider = beirut_caseworker(&t).await;
        let (case, person) = demo_case(&t).await;
        let caseworker = sign_in(&t, "caseworker").await;
        let page_path = format!("/cases/{}", case.id);

        let booking = format!(
            "person_id={person}&kind=embassy&starts_at={}&duration_minutes=45&location=Embassy",
            tomorrow(9)
        );
        let booked = send(
            &t,
            post(&format!("{page_path}/appointments"), &caseworker, &booking),
        )
        .await;
        assert_eq!(booked.status(), StatusCode::SEE_OTHER);
        let clash = send(
            &t,
            post(&format!("{page_path}/appointments"), &caseworker, &booking),
        )
        .await;
        assert_eq!(clash.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(clash).await.contains("already has an appointment"));
        let home = text(send(&t, get("/", &caseworker)).await).await;
        assert!(
            home.contains(&case.reference),
            "the reminder on the start page"
        );

        let noted = send(
            &t,
            post(
                &format!("{page_path}/notes"),
                &caseworker,
                "note_text=Call+the+sponsor&visibility=internal",
            ),
        )
        .await;
        assert_eq!(noted.status(), StatusCode::SEE_OTHER);
        let sent = send(
            &t,
            post(
                &format!("{page_path}/messages"),
                &caseworker,
                "message_text=Please+bring+your+passport",
            ),
        )
        .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&page_path, &caseworker)).await).await;
        assert!(
            page.contains("Call the sponsor")
                && page.contains("Please bring your passport")
                && page.contains("Embassy")
        );
        assert!(
            page.contains("None recorded"),
            "no basis for any purpose yet"
        );

        let beirut = office_id(&t, "LB-BEY").await;
        let refer = format!("kind=referral&to_office_id={beirut}&note=Sponsor+in+Beirut");
        let blocked = send(
            &t,
            post(&format!("{page_path}/referrals"), &caseworker, &refer),
        )
        .await;
        assert_eq!(blocked.status(), StatusCode::CONFLICT);
        let recorded = send(
            &t,
            post(
                &format!("{page_path}/consents"),
                &caseworker,
                &format!("person_id={person}&purpose=referral&basis=consent&scope=Beirut"),
            ),
        )
        .await;
        assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&format!("{page_path}?lang=fr"), &caseworker)).await).await;
        assert!(
            page.contains("Consentement"),
            "the current basis, in French"
        );
        let referred = send(
            &t,
            post(&format!("{page_path}/referrals"), &caseworker, &refer),
        )
        .await;
        assert_eq!(referred.status(), StatusCode::SEE_OTHER);

        let other = sign_in(&t, &outsider.username).await;
        assert_eq!(
            send(&t, get(&page_path, &other)).await.status(),
            StatusCode::NOT_FOUND,
            "not before acceptance"
        );
        let incoming = text(send(&t, get("/referrals", &other)).await).await;
        assert!(incoming.contains(&case.reference) && incoming.contains("Sponsor in Beirut"));
        let referral_id = referrals_of(&t, &case.id).await;
        let no_reason = send(
            &t,
            post(
                &format!("/referrals/{referral_id}/decision"),
                &other,
                "version=1&decision=reject&reason=",
            ),
        )
        .await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let accepted = send(
            &t,
            post(
                &format!("/referrals/{referral_id}/decision"),
                &other,
                "version=1&decision=accept",
            ),
        )
        .await;
        assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            accepted.headers().get(header::LOCATION).unwrap(),
            page_path.as_str()
        );
        let shared = send(&t, get(&page_path, &other)).await;
        assert_eq!(shared.status(), StatusCode::OK);
        assert!(text(shared).await.contains("Call the sponsor"));

        for outsider in ["admin", "analyst", "migrant"] {
            let cookie = sign_in(&t, outsider).await;
            assert_eq!(
                send(
                    &t,
                    post(
                        &format!("{page_path}/notes"),
                        &cookie,
                        "note_text=x&visibility=shared"
                    )
                )
                .await
                .status(),
                StatusCode::NOT_FOUND,
                "{outsider}"
            );
        }
        t
    })
    .await;
}

async fn referrals_of(t: &TestApp, case_id: &str) -> String {
    let caseworker = user(t, "caseworker").await.actor();
    app::cases::referrals::for_case(&t.app, &caseworker, case_id)
        .await
        .unwrap()[0]
        .id
        .clone()
}

#[tokio::test]
async fn the_api_covers_the_contact_side_with_problem_details() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let (case, person) = demo_case(&t).await;
        let staff = token_for(&t, &user(&t, "caseworker").await).await;
        let migrant_user = user(&t, "migrant").await;
        let migrant = token_for(&t, &migrant_user).await;
        let base = format!("/api/v1/cases/{}", case.id);

        let openapi = text(send(&t, bearer("GET", "/api/v1/openapi.json", &staff, None)).await).await;
        assert!(openapi.contains("/api/v1/cases/{id}/appointments") && openapi.contains("/api/v1/referrals/{id}/decision"));

        let request = format!(r#"{{"person_id":"{person}","kind":"interview","starts_at":"{}","duration_minutes":30,"location":"Office"}}"#, tomorrow(11).replace("%3A", ":"));
        let created = send(&t, bearer("POST", &format!("{base}/appointments"), &staff, Some(&request))).await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let appointment: serde_json::Value = serde_json::from_str(&text(created).await).unwrap();
        let id = appointment["id"].as_str().unwrap();
        let clash = send(&t, bearer("POST", &format!("{base}/appointments"), &staff, Some(&request))).await;
        assert_eq!(clash.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(clash.headers().get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
        let problem: serde_json::Value = serde_json::from_str(&text(clash).await).unwrap();
        assert_eq!(problem["errors"][0]["field"], "starts_at");
        assert_eq!(problem["errors"][0]["code"], "error-appointment-clash");
        let done = send(&t, bearer("POST", &format!("/api/v1/appointments/{id}/status"), &staff, Some(r#"{"version":1,"status":"attended"}"#))).await;
        assert_eq!(done.status(), StatusCode::OK);
        let stale = send(&t, bearer("POST", &format!("/api/v1/appointments/{id}/status"), &staff, Some(r#"{"version":1,"status":"missed"}"#))).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);

        let referral = format!(r#"{{"kind":"transfer","to_office_id":"{}"}}"#, office_id(&t, "LB-BEY").await);
        let blocked = send(&t, bearer("POST", &format!("{base}/referrals"), &staff, Some(&referral))).await;
        assert_eq!(blocked.status(), StatusCode::CONFLICT);
        let problem: serde_json::Value = serde_json::from_str(&text(blocked).await).unwrap();
        assert_eq!(problem["type"], "/problems/consent-required");

        // The migrant: nothing before the link; shared notes and messages after it.
        let shared = r#"{"note_text":"Your interview is confirmed","visibility":"shared"}"#;
        assert_eq!(send(&t, bearer("POST", &format!("{base}/notes"), &staff, Some(shared))).await.status(), StatusCode::CREATED);
        assert_eq!(send(&t, bearer("POST", &format!("{base}/notes"), &staff, Some(r#"{"note_text":"internal only","visibility":"internal"}"#))).await.status(), StatusCode::CREATED);
        assert_eq!(send(&t, bearer("GET", &format!("{base}/notes"), &migrant, None)).await.status(), StatusCode::NOT_FOUND);
        let link = format!(r#"{{"person_id":"{person}","user_id":"{}"}}"#, migrant_user.id);
        assert_eq!(send(&t, bearer("POST", &format!("{base}/portal-accounts"), &migrant, Some(&link))).await.status(), StatusCode::NOT_FOUND, "a migrant cannot link themself");
        assert_eq!(send(&t, bearer("POST", &format!("{base}/portal-accounts"), &staff, Some(&link))).await.status(), StatusCode::NO_CONTENT);
        let notes = text(send(&t, bearer("GET", &format!("{base}/notes"), &migrant, None)).await).await;
        assert!(notes.contains("Your interview is confirmed") && !notes.contains("internal only"));
        assert_eq!(send(&t, bearer("POST", &format!("{base}/messages"), &migrant, Some(r#"{"message_text":"Thank you"}"#))).await.status(), StatusCode::CREATED);
        let thread: serde_json::Value = serde_json::from_str(&text(send(&t, bearer("GET", &format!("{base}/messages"), &staff, None)).await).await).unwrap();
        let newest = thread.as_array().unwrap().last().unwrap();
        assert_eq!(newest["side"], "migrant");
        assert_eq!(newest["unread"], true);
        assert_eq!(send(&t, bearer("GET", &format!("{base}/appointments"), &migrant, None)).await.status(), StatusCode::NOT_FOUND, "the portal shows notes and messages only");
        let empty = send(&t, bearer("POST", &format!("{base}/messages"), &migrant, Some(r#"{"message_text":""}"#))).await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let consent = format!(r#"{{"person_id":"{person}","purpose":"referral","basis":"nonsense"}}"#);
        let invalid = send(&t, bearer("POST", &format!("{base}/consents"), &staff, Some(&consent))).await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let consent = consent.replace("nonsense", "consent");
        let record: serde_json::Value = serde_json::from_str(&text(send(&t, bearer("POST", &format!("{base}/consents"), &staff, Some(&consent))).await).await).unwrap();
        assert_eq!(record["current"], true);
        let transfer = send(&t, bearer("POST", &format!("{base}/referrals"), &staff, Some(&referral))).await;
        assert_eq!(transfer.status(), StatusCode::CREATED);
        let withdraw = format!("{base}/consents/{}/withdraw", record["id"].as_str().unwrap());
        assert_eq!(send(&t, bearer("POST", &withdraw, &staff, Some(r#"{"version":1}"#))).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(send(&t, bearer("POST", &withdraw, &staff, Some(r#"{"version":1}"#))).await.status(), StatusCode::CONFLICT);
        t
    })
    .await;
}

#[tokio::test]
async fn the_office_calendar_pages_by_the_offices_own_days() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let istanbul = office_id(&t, "TR-IST").await;
        let caseworker = user(&t, "caseworker").await.actor();
        let queue = cases::queue(&t.app, &caseworker, &QueueFilter::default(), None, 1)
            .await
            .unwrap();
        let case = &queue.rows[0].case;
        let file = cases::open(&t.app, &caseworker, &case.id).await.unwrap();
        // 01:30 in Istanbul (UTC+3) is 22:30 UTC the day before.
        app::cases::appointments::book(
            &t.app,
            &caseworker,
            &case.id,
            &app::cases::appointments::AppointmentForm {
                person_id: file.members[0].person.id.clone(),
                kind: "interview".into(),
                starts_at: "2031-03-12T01:30".into(),
                duration_minutes: "30".into(),
                location: "Office, room 2".into(),
            },
        )
        .await
        .unwrap();
        let supervisor = sign_in(&t, "supervisor").await;
        let day = |from: &str| format!("/offices/{istanbul}/calendar?from={from}&days=1");
        let page = text(send(&t, get(&day("2031-03-12"), &supervisor)).await).await;
        assert!(page.contains(&case.reference), "listed on its own day");
        assert!(page.contains("2031-03-12 01:30 (Europe/Istanbul)"));
        assert!(page.contains("from=2031-03-11") && page.contains("from=2031-03-13"));
        let before = text(send(&t, get(&day("2031-03-11"), &supervisor)).await).await;
        assert!(!before.contains(&case.reference), "not on the UTC date");
        t
    })
    .await;
}

/// `text` with its ASCII digits written as Eastern Arabic digits, form-encoded.
fn in_arabic_digits(text: &str) -> String {
    let arabic: String = text
        .replace("%3A", ":")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(digit) => char::from_u32(0x0660 + digit).unwrap(),
            None => c,
        })
        .collect();
    arabic
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn staff_forms_read_dates_and_numbers_typed_with_arabic_digits() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let (case, person) = demo_case(&t).await;
        let caseworker = sign_in(&t, "caseworker").await;
        let booking = format!(
            "person_id={person}&kind=embassy&starts_at={}&duration_minutes={}&location=Embassy",
            in_arabic_digits(&tomorrow(15)),
            in_arabic_digits("45"),
        );
        let booked = send(
            &t,
            post(
                &format!("/cases/{}/appointments", case.id),
                &caseworker,
                &booking,
            ),
        )
        .await;
        assert_eq!(
            booked.status(),
            StatusCode::SEE_OTHER,
            "{}",
            text(booked).await
        );
        let actor = user(&t, "caseworker").await.actor();
        let contact = cases::open_with_contact(&t.app, &actor, &case.id)
            .await
            .unwrap()
            .1;
        let appointment = contact.appointments.last().unwrap();
        assert_eq!(appointment.ends_at - appointment.starts_at, 45 * 60_000);
        t
    })
    .await;
}
