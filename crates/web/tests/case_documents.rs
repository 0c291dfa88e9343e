//! Case facts, eligibility, checklists, documents and the completeness check through the router,
//! on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use app::demo;
use app::testing::for_each_backend;

mod support;
use support::documents::{date_in, passport_mrz};
use support::{
    BOUNDARY, bearer, body_text as text, demo_settings as settings, get_with_cookie as get,
    post_form, send, sign_in, token_for, upload,
};

fn post(path: &str, cookie: &str, body: &str) -> Request<Body> {
    post_form(path, Some(cookie), body)
}

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

/// The checklist rows the upload form offers (`item@person`).
fn row_keys(html: &str) -> Vec<String> {
    html.split("<option value=\"")
        .skip(1)
        .filter_map(|piece| piece.split('"').next())
        .filter(|value| value.contains('@'))
        .map(str::to_owned)
        .collect()
}

async fn open_spouse_case(t: &app::testing::TestApp, cookie: &str) -> String {
    let offices: Vec<String> = app::offices::list(&t.app.db, &app::policy::Actor::console())
        .await
        .unwrap()
        .into_iter()
        .filter(|office| office.code == "TR-IST")
        .map(|office| office.id)
        .collect();
    let created = send(t, post("/cases", cookie, &format!("office_id={}&pathway=de%2Fde.family.spouse&surname=Haddad&given_names=Amal&birth_date=1990-04-12&sex=F&nationality=SYR", offices[0]))).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let location = created
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap();
    location.trim_start_matches("/cases/").to_owned()
}

async fn audit_actions(t: &app::testing::TestApp, case_id: &str) -> Vec<String> {
    let filter = app::audit::AuditFilter {
        target_id: Some(case_id.to_owned()),
        limit: 500,
        ..app::audit::AuditFilter::default()
    };
    app::audit::list(&t.app.db, &filter)
        .await
        .unwrap()
        .into_iter()
        .map(|event| event.action)
        .collect()
}

#[tokio::test]
async fn the_completeness_check_catches_a_missing_certificate_and_an_expired_passport_until_they_are_fixed()
 {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let id = open_spouse_case(&t, &caseworker).await;
        let file = format!("/cases/{id}/file");

        let page = text(send(&t, get(&format!("/cases/{id}"), &caseworker)).await).await;
        assert!(page.contains(&file), "the case page links to facts and documents");
        let form = text(send(&t, get(&file, &caseworker)).await).await;
        assert!(form.contains("Is the applicant married?"), "questions come from the pack");
        assert!(form.contains(r#"name="sponsor.title""#) && form.contains("blue_card"), "enumerations offer their values");

        let bad = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, "version=0&applicant.married=yes&sponsor.title_held_months=many")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(bad).await.contains("This answer does not fit the question."));
        let saved = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, "version=0&applicant.married=yes&verified=applicant.married&sponsor.title=settlement_permit")).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let stale = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, "version=0&applicant.married=no")).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let again = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, "version=1&sponsor.lives_with_other_spouse=no")).await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER);

        let page = text(send(&t, get(&file, &caseworker)).await).await;
        assert!(page.contains("Not yet determined"), "the outcome waits for facts");
        assert!(page.contains("Questions that can still change the outcome"));
        assert!(page.contains("AufenthG §30(1)"), "reasons carry their citations");
        let history = app::cases::facts::history(&t.app, &actor(&t, "caseworker").await, &id).await.unwrap();
        assert_eq!(history.len(), 2, "each save keeps a snapshot");
        assert!(page.contains(&history[1].pack_hash), "the history names the pack version");
        let rows = row_keys(&page);
        assert!(rows.contains(&"marriage_certificate@applicant".to_owned()), "{rows:?}");
        assert!(rows.contains(&"passport@applicant".to_owned()));

        // Content decides the type: a text file named .pdf is refused, a PNG named .pdf is a PNG.
        let upload_path = format!("/cases/{id}/documents");
        let fake = send(&t, upload(&upload_path, &caseworker, &[("item", "photos@applicant")], Some(("scan.pdf", b"just text")))).await;
        assert_eq!(fake.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(fake).await.contains("Only PDF, JPEG and PNG files are accepted."));
        let too_large = vec![b'%'; app::cases::documents::MAX_DOCUMENT_BYTES + 1];
        let large = send(&t, upload(&upload_path, &caseworker, &[("item", "photos@applicant")], Some(("big.pdf", &too_large)))).await;
        assert_eq!(large.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad_mrz = passport_mrz("N1234567", "2020-01-01").replace("900412", "900413");
        let refused = send(&t, upload(&upload_path, &caseworker, &[("item", "passport@applicant"), ("mrz", &bad_mrz)], None)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "a wrong check digit is refused");

        let issued = date_in(-10);
        let expires = date_in(3650);
        for row in rows.iter().filter(|row| !row.starts_with("marriage_certificate@") && !row.starts_with("passport@")) {
            let added = send(&t, upload(&upload_path, &caseworker, &[("item", row), ("issued_on", &issued), ("expires_on", &expires), ("translated_into", "de"), ("legalised", "yes")], Some(("scan.pdf", PNG)))).await;
            assert_eq!(added.status(), StatusCode::SEE_OTHER, "{row}");
        }
        let expired = passport_mrz("N1234567", "2020-01-01");
        let added = send(&t, upload(&upload_path, &caseworker, &[("item", "passport@applicant"), ("mrz", &expired)], Some(("passport.pdf", PDF)))).await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);

        for to in ["counselling", "forms", "completeness_check"] {
            let version = case_version(&t, &caseworker, &id).await;
            let moved = send(&t, post(&format!("/cases/{id}/move"), &caseworker, &format!("version={version}&to={to}"))).await;
            assert_eq!(moved.status(), StatusCode::SEE_OTHER, "{to}");
        }
        let travel = format!("travel_date={}", date_in(30));
        let checked = send(&t, post(&format!("/cases/{id}/completeness"), &caseworker, &travel)).await;
        assert_eq!(checked.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&file, &caseworker)).await).await;
        assert!(page.contains(r#"data-verdict="incomplete""#));
        assert!(page.contains(r#"data-item="marriage_certificate" data-status="missing""#), "the marriage certificate is missing");
        assert!(page.contains(r#"data-item="passport" data-status="invalid""#) && page.contains("Expired"), "the passport has expired");

        let version = case_version(&t, &caseworker, &id).await;
        let blocked = send(&t, post(&format!("/cases/{id}/move"), &caseworker, &format!("version={version}&to=ready_for_submission"))).await;
        assert_eq!(blocked.status(), StatusCode::CONFLICT, "an incomplete report blocks the move");
        let case_page = text(send(&t, get(&format!("/cases/{id}"), &caseworker)).await).await;
        assert!(case_page.contains(r#"disabled aria-describedby="blocked-ready_for_submission""#), "the button says it cannot succeed");
        assert!(case_page.contains("found 2 documents missing or not valid:"), "{case_page}");

        let valid = passport_mrz("N7654321", &date_in(3650));
        let added = send(&t, upload(&upload_path, &caseworker, &[("item", "passport@applicant"), ("mrz", &valid)], Some(("passport.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16])))).await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        // The queue finds the case by the passport's number, typed as people write it.
        let found = text(send(&t, get("/cases?q=n765+4321", &caseworker)).await).await;
        assert!(found.contains(&format!("href=\"/cases/{id}\"")), "found by document number");
        let other = text(send(&t, get("/cases?q=N7654322", &caseworker)).await).await;
        assert!(!other.contains(&format!("href=\"/cases/{id}\"")));
        let added = send(&t, upload(&upload_path, &caseworker, &[("item", "marriage_certificate@applicant"), ("translated_into", "de"), ("legalised", "yes")], Some(("marriage.pdf", PDF)))).await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        let checked = send(&t, post(&format!("/cases/{id}/completeness"), &caseworker, &travel)).await;
        assert_eq!(checked.status(), StatusCode::SEE_OTHER);
        let page = text(send(&t, get(&file, &caseworker)).await).await;
        assert!(page.contains(r#"data-verdict="complete""#), "{}", page.split("id=\"completeness\"").nth(1).unwrap_or_default());

        let resaved = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, "version=2&sponsor.lives_with_other_spouse=no")).await;
        assert_eq!(resaved.status(), StatusCode::SEE_OTHER);
        let version = case_version(&t, &caseworker, &id).await;
        let stale_report = send(&t, post(&format!("/cases/{id}/move"), &caseworker, &format!("version={version}&to=ready_for_submission"))).await;
        assert_eq!(stale_report.status(), StatusCode::CONFLICT, "a report older than the file does not count");
        assert!(text(stale_report).await.contains("changed after the last completeness check"));
        let checked = send(&t, post(&format!("/cases/{id}/completeness"), &caseworker, &travel)).await;
        assert_eq!(checked.status(), StatusCode::SEE_OTHER);
        for to in ["ready_for_submission", "appointment_booked", "submitted"] {
            let version = case_version(&t, &caseworker, &id).await;
            let moved = send(&t, post(&format!("/cases/{id}/move"), &caseworker, &format!("version={version}&to={to}"))).await;
            assert_eq!(moved.status(), StatusCode::SEE_OTHER, "{to}");
        }

        // Downloads return the sealed bytes as sniffed, and every read is audited.
        let documents = app::cases::documents::documents(&t.app, &actor(&t, "caseworker").await, &id).await.unwrap();
        let png = documents.iter().find(|document| document.content_type.as_deref() == Some("image/png")).unwrap();
        let on_disk = std::fs::read(t.app.paths.files().join(&png.id)).unwrap();
        assert!(!on_disk.windows(4).any(|window| window == b"IHDR"), "files are sealed at rest");
        let downloaded = send(&t, get(&format!("/cases/{id}/documents/{}/content", png.id), &caseworker)).await;
        assert_eq!(downloaded.status(), StatusCode::OK);
        assert_eq!(downloaded.headers().get(header::CONTENT_TYPE).unwrap(), "image/png");
        let disposition = downloaded.headers().get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().to_owned();
        assert!(disposition.starts_with("attachment"));
        assert!(disposition.contains("filename=\"scan.png\""), "named by its content, not as sent: {disposition}");
        assert_eq!(bytes(downloaded).await, PNG);

        let actions = audit_actions(&t, &id).await;
        for action in ["case.create", "case.facts_save", "case.document_add", "case.completeness_check", "case.move", "case.document_read"] {
            assert!(actions.iter().any(|a| a == action), "{action} is audited");
        }
        let verdict = app::audit::verify(&t.app.db, |_| {}).await.unwrap();
        assert_eq!(verdict, app::audit::ChainVerdict::Intact { events: app::audit::count(&t.app.db).await.unwrap() as u64 });
        t
    })
    .await;
}

async fn bytes(response: axum::response::Response) -> Vec<u8> {
    use http_body_util::BodyExt;
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

/// The case's version, as the case page's forms carry it.
async fn case_version(t: &app::testing::TestApp, cookie: &str, id: &str) -> i64 {
    let page = text(send(t, get(&format!("/cases/{id}"), cookie)).await).await;
    page.split(r#"name="version" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .parse()
        .unwrap()
}

async fn actor(t: &app::testing::TestApp, username: &str) -> app::policy::Actor {
    let id = app::accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap();
    app::accounts::load(&t.app.db, &id).await.unwrap().actor()
}

#[tokio::test]
async fn supervisors_decide_items_with_reasons_and_outsiders_read_nothing() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let supervisor = sign_in(&t, "supervisor").await;
        let id = open_spouse_case(&t, &caseworker).await;
        let saved = send(
            &t,
            post(
                &format!("/cases/{id}/facts"),
                &caseworker,
                "version=0&applicant.married=yes",
            ),
        )
        .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let added = send(
            &t,
            upload(
                &format!("/cases/{id}/documents"),
                &caseworker,
                &[("item", "photos@applicant")],
                Some(("photo.png", PNG)),
            ),
        )
        .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        let rows = app::cases::documents::checklist(&t.app, &actor(&t, "supervisor").await, &id)
            .await
            .unwrap();
        let photos = rows.iter().find(|row| row.item_id == "photos").unwrap();
        let form = app::cases::documents::checklist(&t.app, &actor(&t, "caseworker").await, &id)
            .await
            .unwrap();
        assert_eq!(form.len(), rows.len());
        let decide = |row: &str| format!("/cases/{id}/checklist/{row}/decision");

        let page = text(send(&t, get(&format!("/cases/{id}/file"), &caseworker)).await).await;
        assert!(
            !page.contains(&decide(&photos.id)),
            "caseworkers are not offered decisions"
        );
        let denied = send(
            &t,
            post(
                &decide(&photos.id),
                &caseworker,
                &format!("version={}&decision=verify", photos.version),
            ),
        )
        .await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);
        let no_reason = send(
            &t,
            post(
                &decide(&photos.id),
                &supervisor,
                &format!("version={}&decision=reject&reason=", photos.version),
            ),
        )
        .await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let rejected = send(
            &t,
            post(
                &decide(&photos.id),
                &supervisor,
                &format!("version={}&decision=reject&reason=Blurred", photos.version),
            ),
        )
        .await;
        assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
        let page =
            text(send(&t, get(&format!("/cases/{id}/file?lang=ar"), &supervisor)).await).await;
        assert!(
            page.contains(r#"dir="rtl""#) && page.contains("مرفوضة") && page.contains("Blurred"),
            "the rejection and its reason, in Arabic"
        );
        let marriage = rows
            .iter()
            .find(|row| row.item_id == "marriage_certificate")
            .unwrap();
        let waived = send(
            &t,
            post(
                &decide(&marriage.id),
                &supervisor,
                &format!(
                    "version={}&decision=waive&reason=Religious+marriage+recorded+at+the+embassy",
                    marriage.version
                ),
            ),
        )
        .await;
        assert_eq!(waived.status(), StatusCode::SEE_OTHER);
        let stale = send(
            &t,
            post(
                &decide(&marriage.id),
                &supervisor,
                &format!("version={}&decision=waive&reason=again", marriage.version),
            ),
        )
        .await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);

        let documents =
            app::cases::documents::documents(&t.app, &actor(&t, "caseworker").await, &id)
                .await
                .unwrap();
        assert!(documents[0].rejected);
        let content = format!("/cases/{id}/documents/{}/content", documents[0].id);
        for outsider in ["admin", "analyst", "facilitator"] {
            let cookie = sign_in(&t, outsider).await;
            assert_eq!(
                send(&t, get(&format!("/cases/{id}/file"), &cookie))
                    .await
                    .status(),
                StatusCode::NOT_FOUND,
                "{outsider}"
            );
            assert_eq!(
                send(&t, get(&content, &cookie)).await.status(),
                StatusCode::NOT_FOUND,
                "{outsider}"
            );
        }
        let reads = app::audit::list(
            &t.app.db,
            &app::audit::AuditFilter {
                action: Some("case.document_read".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(reads.is_empty(), "refused reads leave no read event");
        t
    })
    .await;
}

#[tokio::test]
async fn the_api_changes_facts_uploads_and_checks_with_field_problems() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let token = token_for(&t, "caseworker").await;
        let id = open_spouse_case(&t, &caseworker).await;

        let facts = send(&t, bearer("GET", &format!("/api/v1/cases/{id}/facts"), &token, None)).await;
        assert_eq!(facts.status(), StatusCode::OK);
        let facts: serde_json::Value = serde_json::from_str(&text(facts).await).unwrap();
        assert_eq!(facts["version"], 0);
        assert!(facts["facts"].as_array().unwrap().iter().any(|fact| fact["name"] == "applicant.married" && fact["kind"] == "bool"));

        let bad = send(&t, bearer("PUT", &format!("/api/v1/cases/{id}/facts"), &token, Some(r#"{"version":0,"facts":[{"name":"applicant.birth_date","value":"12/04/1990"},{"name":"nobody.height","value":"2"}]}"#))).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.headers().get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
        let problem: serde_json::Value = serde_json::from_str(&text(bad).await).unwrap();
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["applicant.birth_date", "nobody.height"]);

        let saved = send(&t, bearer("PUT", &format!("/api/v1/cases/{id}/facts"), &token, Some(r#"{"version":0,"facts":[{"name":"applicant.married","value":"yes","verified":true}]}"#))).await;
        assert_eq!(saved.status(), StatusCode::OK);
        let snapshot: serde_json::Value = serde_json::from_str(&text(saved).await).unwrap();
        assert_eq!(snapshot["outcome"], "undetermined");
        assert!(!snapshot["missing"].as_array().unwrap().is_empty());

        let mut body = Vec::new();
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nphotos@applicant\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n\r\n").as_bytes());
        body.extend_from_slice(PNG);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let request = Request::post(format!("/api/v1/cases/{id}/documents"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .unwrap();
        let uploaded = send(&t, request).await;
        assert_eq!(uploaded.status(), StatusCode::CREATED);
        let listed = send(&t, bearer("GET", &format!("/api/v1/cases/{id}/documents"), &token, None)).await;
        let listed: serde_json::Value = serde_json::from_str(&text(listed).await).unwrap();
        assert_eq!(listed[0]["content_type"], "image/png");

        let checked = send(&t, bearer("POST", &format!("/api/v1/cases/{id}/completeness"), &token, Some(r#"{"travel_date":"soon"}"#))).await;
        assert_eq!(checked.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let checked = send(&t, bearer("POST", &format!("/api/v1/cases/{id}/completeness"), &token, Some("{}"))).await;
        assert_eq!(checked.status(), StatusCode::CREATED);
        let report: serde_json::Value = serde_json::from_str(&text(checked).await).unwrap();
        assert_eq!(report["verdict"], "incomplete");
        assert!(report["items"].as_array().unwrap().iter().any(|item| item["item_id"] == "photos" && item["status"] == "needs_review" && item["findings"][0] == "issue-date-unknown"), "a photo without its date needs a look");

        let openapi = text(send(&t, bearer("GET", "/api/v1/openapi.json", &token, None)).await).await;
        assert!(openapi.contains("/api/v1/cases/{id}/completeness") && openapi.contains("/api/v1/cases/{id}/documents"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_facts_form_reads_arabic_digits_and_the_api_stays_exact() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let id = open_spouse_case(&t, &caseworker).await;
        let typed = "version=0&household.net_income=%D9%A3%D9%AC%D9%A2%D9%A0%D9%A0";
        let saved = send(&t, post(&format!("/cases/{id}/facts"), &caseworker, typed)).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER, "٣٬٢٠٠ in the form");
        let (facts, _) =
            app::cases::facts::questions(&t.app, &actor(&t, "caseworker").await, &id, "en")
                .await
                .unwrap();
        let income = facts
            .iter()
            .find(|question| question.name == "household.net_income")
            .unwrap();
        assert_eq!(income.value, "3200");

        let token = token_for(&t, "caseworker").await;
        let exact = r#"{"version":1,"facts":[{"name":"household.net_income","value":"٣٢٠٠"}]}"#;
        let refused = send(
            &t,
            bearer(
                "PUT",
                &format!("/api/v1/cases/{id}/facts"),
                &token,
                Some(exact),
            ),
        )
        .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "the API takes values exactly"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_facts_form_asks_what_is_still_needed_first_and_folds_the_rest_by_section() {
    for_each_backend(settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let caseworker = sign_in(&t, "caseworker").await;
        let id = open_spouse_case(&t, &caseworker).await;
        let file = format!("/cases/{id}/file");
        let page = text(send(&t, get(&file, &caseworker)).await).await;

        let needed_at = page
            .find("Still needed for the assessment")
            .expect("needed questions come first");
        let folded_at = page
            .find("<details class=\"facts-section\"")
            .expect("the rest is folded");
        assert!(needed_at < folded_at);
        let needed = &page[needed_at..folded_at];
        assert!(
            needed.contains(r#"name="sponsor.title""#),
            "the most decisive question is open"
        );
        assert!(!needed.contains(r#"name="applicant.married_before_flight""#));
        assert!(
            page.contains("The marriage</span> ("),
            "sections carry the pack's titles"
        );
        assert!(page.contains("Settlement permit (Niederlassungserlaubnis)"));
        assert!(
            !page.contains(">settlement_permit<"),
            "choices read as labels, not codes"
        );

        let arabic = text(send(&t, get(&format!("{file}?lang=ar"), &caseworker)).await).await;
        assert!(
            arabic.contains("ما زال مطلوبًا للتقييم") && arabic.contains("الزواج ("),
            "{arabic}"
        );

        let refused = send(
            &t,
            post(
                &format!("/cases/{id}/facts"),
                &caseworker,
                "version=0&applicant.married_before_flight=perhaps",
            ),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(refused).await;
        let household = page
            .split("<details")
            .skip(1)
            .find(|section| section.contains("applicant.married_before_flight"))
            .expect("the marriage questions are folded");
        assert!(
            household.starts_with(" class=\"facts-section\" open"),
            "a refused answer in a folded section unfolds it"
        );
        t
    })
    .await;
}
