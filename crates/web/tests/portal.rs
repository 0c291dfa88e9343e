//! The migrants' portal through the router: the pathway finder in English and Arabic, answers
//! kept on a refused input, back and change answer, the result with citations and the checklist.
//!
//! The finder stores nothing, so these tests need no second backend: they run on SQLite only.
//! Starting an application writes; its transaction is tested on both backends in `app`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};

use app::testing::{TestApp, for_each_backend, sqlite_app, test_settings};

mod support;
use support::*;

/// Answers for a person joining a spouse in Germany who holds a settlement permit, with
/// everything the spouse pathway needs given and the rest left as "I don't know".
const SPOUSE_ANSWERS: &[(&str, &str)] = &[
    ("sponsor.title", "settlement_permit"),
    ("sponsor.lives_with_other_spouse", "no"),
    ("applicant.birth_date", "1995-03-14"),
    ("sponsor.birth_date", "1990-07-02"),
    ("applicant.german_level", "A1"),
    ("applicant.married", "yes"),
    ("children", "0"),
    ("household.living_space_sqm", "60"),
    ("household.net_income", "4200"),
    ("household.housing_cost", "900"),
    ("household.health_insurance", "yes"),
    ("applicant.identity_clarified", "yes"),
    ("applicant.has_passport", "yes"),
    ("applicant.expulsion_interest", "no"),
];

fn unescape(html: &str) -> String {
    html.replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#61;", "=")
        .replace("&#x3d;", "=")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The hidden inputs of the question form, as query pairs.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|piece| {
            let name = piece.split('"').next().unwrap().to_owned();
            let value = piece
                .split("value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (name, unescape(value))
        })
        .collect()
}

fn encode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                web::error::encode_component(name),
                web::error::encode_component(value)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The session cookie a response sets, as sent back (`name=value`), with its attributes.
fn session_cookie(response: &axum::response::Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with("corridor_session="))
        .expect("the person is signed in")
}

/// The case reference a page shows (the first isolated text).
fn reference_in(html: &str) -> String {
    html.split("<bdi>")
        .nth(1)
        .and_then(|rest| rest.split("</bdi>").next())
        .unwrap()
        .to_owned()
}

fn lang_cookie(lang: &str) -> String {
    format!("lang={lang}")
}

/// Follows the finder from the start choice until it asks no more, answering from `answers`
/// (and "I don't know" to anything else); returns the check page's address and the names asked.
async fn walk(t: &TestApp, lang: &str, answers: &[(&str, &str)]) -> (String, Vec<String>) {
    let cookie = lang_cookie(lang);
    let mut url = "/portal/finder?start=de.family".to_owned();
    let mut asked = Vec::new();
    for _ in 0..80 {
        let response = send(t, get_with_cookie(&url, &cookie)).await;
        if response.status() == StatusCode::SEE_OTHER {
            let to = location(&response);
            assert!(to.starts_with("/portal/finder/check?"), "{to}");
            return (to, asked);
        }
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        let html = body_text(response).await;
        let mut fields = hidden_fields(&html);
        let name = fields
            .iter()
            .find(|(field, _)| field == "q")
            .map(|(_, value)| value.clone())
            .unwrap();
        asked.push(name.clone());
        match answers.iter().find(|(answered, _)| *answered == name) {
            Some((_, value)) => fields.push(("value".into(), (*value).into())),
            None => fields.push(("skip".into(), "1".into())),
        }
        let response = send(
            t,
            get_with_cookie(
                &format!("/portal/finder/answer?{}", encode(&fields)),
                &cookie,
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
        url = location(&response);
    }
    panic!("the finder did not finish: {asked:?}");
}

#[tokio::test]
async fn the_finder_leads_to_an_explained_result_in_english() {
    let t = sqlite_app(test_settings()).await;
    let start = body_text(send(&t, get("/portal")).await).await;
    assert!(start.contains("Nothing about you is stored"), "{start}");
    assert!(start.contains("value=\"de.family\""));
    assert!(
        start.contains("href=\"/portal?lang=ar\""),
        "a bare start page switches language"
    );

    let (check, asked) = walk(&t, "en", SPOUSE_ANSWERS).await;
    assert_eq!(
        asked.first().map(String::as_str),
        Some("sponsor.title"),
        "{asked:?}"
    );
    let page = body_text(send(&t, get(&check)).await).await;
    assert!(page.contains("Check your answers"));
    assert!(
        page.contains("Settlement permit (Niederlassungserlaubnis)"),
        "{page}"
    );
    assert!(page.contains("then=check"));

    let result_url = check.replace("/portal/finder/check?", "/portal/finder/result?");
    let response = send(&t, get(&result_url)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let result = body_text(response).await;
    let spouse = result
        .split("<section")
        .find(|section| section.contains("Joining a spouse who lives in Germany"))
        .unwrap();
    assert!(spouse.contains("You are eligible"), "{spouse}");
    assert!(
        spouse.contains("AufenthG §30(1)"),
        "the pathway cites its provision"
    );
    assert!(
        spouse.contains("AufenthG §30(1) S.1 Nr.2, §2(9)"),
        "each reason cites the law"
    );
    assert!(spouse.contains("Met:"));
    assert!(result.contains("Your document checklist"));
    let child = result
        .split("<section")
        .find(|section| section.contains("A minor child joining parents"))
        .unwrap();
    assert!(child.contains("Not open to you on what you said"));
    assert!(
        child.contains("What could change it") && child.contains("AufenthG §32(4) S.1"),
        "a hardship exception is offered as what could change it: {child}"
    );
    let subsidiary = result
        .split("<section")
        .find(|section| section.contains("subsidiary protection"))
        .unwrap();
    assert!(
        !subsidiary.contains("§104(14) S.1"),
        "a suspension is never offered as a way in"
    );

    let checklist_url = format!(
        "{}&pathway=de.family.spouse",
        check.replace("/portal/finder/check?", "/portal/finder/checklist?")
    );
    let response = send(&t, get(&checklist_url)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let checklist = body_text(response).await;
    assert!(checklist.contains("Valid passport"));
    assert!(checklist.contains("valid for at least 3 months after the planned travel date"));
    assert!(checklist.contains("AufenthG §5(1) Nr.4"));
    assert!(checklist.contains("/static/portal.css"));
    t.finish().await;
}

#[tokio::test]
async fn the_finder_speaks_arabic_right_to_left() {
    let t = sqlite_app(test_settings()).await;
    let first = body_text(send(&t, get("/portal/finder?start=de.family&lang=ar")).await).await;
    assert!(first.contains("dir=\"rtl\"") && first.contains("lang=\"ar\""));
    assert!(first.contains("ما نوع تصريح الإقامة"), "{first}");
    assert!(
        first.contains("تصريح الإقامة الدائمة"),
        "choices are labelled in Arabic"
    );

    let (check, _) = walk(&t, "ar", SPOUSE_ANSWERS).await;
    let result_url = check.replace("/portal/finder/check?", "/portal/finder/result?");
    let result = body_text(send(&t, get_with_cookie(&result_url, "lang=ar")).await).await;
    assert!(result.contains("dir=\"rtl\""));
    assert!(result.contains("نتيجتك"));
    let spouse = result
        .split("<section")
        .find(|section| section.contains("الالتحاق بزوج أجنبي يعيش في ألمانيا"))
        .unwrap();
    assert!(spouse.contains("أنت مؤهل"), "{spouse}");
    assert!(spouse.contains("AufenthG §30(1)"));
    t.finish().await;
}

#[tokio::test]
async fn a_refused_answer_comes_back_with_its_message_and_value() {
    let t = sqlite_app(test_settings()).await;
    let state = "dest=de&purpose=family&a=sponsor.title%3Dsettlement_permit";
    let response = send(
        &t,
        get(&format!(
            "/portal/finder/answer?{state}&q=applicant.birth_date&value=31.02.1995"
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = body_text(response).await;
    assert!(page.contains("Enter a date as year-month-day"), "{page}");
    assert!(
        page.contains("href=\"#answer\""),
        "the summary links to the field"
    );
    assert!(
        page.contains("value=\"31.02.1995\""),
        "the typed answer is kept"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("aria-describedby=\"answer-format answer-error\""));
    assert!(
        hidden_fields(&page).contains(&("a".into(), "sponsor.title=settlement_permit".into())),
        "earlier answers are kept"
    );

    let empty = send(
        &t,
        get(&format!(
            "/portal/finder/answer?{state}&q=sponsor.lives_with_other_spouse"
        )),
    )
    .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(empty).await.contains("I don"));

    let fixed = send(
        &t,
        get(&format!(
            "/portal/finder/answer?{state}&q=applicant.birth_date&value=1995-02-28"
        )),
    )
    .await;
    assert_eq!(fixed.status(), StatusCode::SEE_OTHER);
    assert!(location(&fixed).contains("applicant.birth_date%3D1995-02-28"));

    let start = send(&t, get("/portal/finder?start=mars.family")).await;
    assert_eq!(start.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let start = body_text(start).await;
    assert!(start.contains("Choose where you want to go"));
    assert!(start.contains("href=\"#start-0\"") && start.contains("id=\"start-0\""));
    t.finish().await;
}

#[tokio::test]
async fn back_and_change_answer_keep_the_other_answers() {
    let t = sqlite_app(test_settings()).await;
    let state = "dest=de&purpose=family&a=sponsor.title%3Dsettlement_permit&a=sponsor.lives_with_other_spouse%3Dno";
    let page = body_text(send(&t, get(&format!("/portal/finder?{state}"))).await).await;
    assert!(
        page.contains("q=sponsor.lives_with_other_spouse\" class=\"back\"")
            || page.contains("q=sponsor.lives_with_other_spouse"),
        "back leads to the last answer: {page}"
    );
    let previous = body_text(
        send(
            &t,
            get(&format!(
                "/portal/finder?{state}&q=sponsor.lives_with_other_spouse"
            )),
        )
        .await,
    )
    .await;
    assert!(
        previous.contains("value=\"no\" checked"),
        "the earlier answer is shown"
    );

    let changed = send(
        &t,
        get(&format!(
            "/portal/finder/answer?{state}&q=sponsor.title&value=blue_card&then=check"
        )),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let to = location(&changed);
    assert!(to.starts_with("/portal/finder/check?"), "{to}");
    assert!(
        to.contains("a=sponsor.title%3Dblue_card&a=sponsor.lives_with_other_spouse%3Dno"),
        "the answer changes in place: {to}"
    );
    t.finish().await;
}

#[tokio::test]
async fn a_pack_text_missing_in_the_language_shows_in_english_marked_as_such() {
    let t = sqlite_app(test_settings()).await;
    // The Canadian pack has no Spanish wording: its question shows in English, marked lang="en".
    let page = body_text(send(&t, get("/portal/finder?start=ca.family&lang=es")).await).await;
    assert!(page.contains("lang=\"es\""));
    assert!(
        page.contains("<h1 lang=\"en\" dir=\"ltr\">") || page.contains("lang=\"en\" dir=\"ltr\">"),
        "{page}"
    );
    assert!(!page.contains("ca.q."), "never a raw key");
    assert!(page.contains("No lo sé"), "the interface itself is Spanish");

    // The German pack is written in every interface language.
    for (lang, question) in [
        ("es", "¿Qué permiso de residencia tiene el familiar"),
        ("de", "Welchen Aufenthaltstitel hat das Familienmitglied"),
        ("fr", "Quel titre de séjour"),
    ] {
        let page = body_text(
            send(
                &t,
                get(&format!("/portal/finder?start=de.family&lang={lang}")),
            )
            .await,
        )
        .await;
        assert!(page.contains(question), "{lang}: {page}");
        assert!(
            !page.contains("lang=\"en\" dir=\"ltr\""),
            "{lang}: no fallback"
        );
    }
    t.finish().await;
}

/// The compressed size of a page as served for `encoding`.
async fn served_size(
    t: &TestApp,
    path: &str,
    lang: &str,
    encoding: &str,
    session: &str,
) -> (StatusCode, usize) {
    let request = axum::http::Request::get(path)
        .header(header::COOKIE, format!("{}; {session}", lang_cookie(lang)))
        .header(header::ACCEPT_ENCODING, encoding)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = send(t, request).await;
    let status = response.status();
    let served = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|value| value.to_str().unwrap().to_owned());
    assert_eq!(
        served.as_deref(),
        Some(encoding),
        "{path} is served compressed"
    );
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, body.len())
}

/// Every portal page, compressed as served, with its stylesheet, stays under 30 KB. The table
/// printed here is the one in BENCHMARKS.md (`cargo test -p web --test portal page_weight --
/// --nocapture`).
#[tokio::test]
async fn page_weight_of_every_portal_page_is_under_budget() {
    const BUDGET: usize = 30 * 1024;
    let t = sqlite_app(test_settings()).await;
    let (check, _) = walk(&t, "en", SPOUSE_ANSWERS).await;
    let state = check.trim_start_matches("/portal/finder/check?").to_owned();
    let pages = [
        ("start", "/portal".to_owned()),
        (
            "start, refused",
            "/portal/finder?start=mars.family".to_owned(),
        ),
        (
            "first question",
            "/portal/finder?start=de.family".to_owned(),
        ),
        (
            "question, refused answer",
            format!("/portal/finder/answer?{state}&q=applicant.birth_date&value=1995"),
        ),
        ("check your answers", check.clone()),
        ("result", format!("/portal/finder/result?{state}")),
        (
            "checklist",
            format!("/portal/finder/checklist?{state}&pathway=de.family.spouse"),
        ),
        (
            "start an application",
            format!("/portal/apply?{state}&pathway=de.family.spouse"),
        ),
        ("sign in", "/login?next=/portal/my".to_owned()),
    ];
    let office = office_with_caseworker(&t).await;
    let (session, _) = start_application(&t, &office, &[]).await;
    let mine = my_application_path(&t, &session).await;
    for encoding in ["br", "gzip"] {
        let (_, css) = served_size(&t, "/static/portal.css", "en", encoding, "").await;
        let (_, staff_css) = served_size(&t, "/static/style.css", "en", encoding, "").await;
        println!("| page | lang | {encoding} HTML | + CSS |");
        let signed_in = [("my application", &mine)];
        let all = pages.iter().map(|(name, path)| (*name, path, "")).chain(
            signed_in
                .iter()
                .map(|(name, path)| (*name, *path, session.as_str())),
        );
        for (name, path, session) in all {
            // The sign-in page is the staff site's, with its stylesheet.
            let css = if name == "sign in" { staff_css } else { css };
            for lang in ["en", "ar"] {
                let (status, html) = served_size(&t, path, lang, encoding, session).await;
                assert!(status.is_success() || status.is_client_error(), "{path}");
                println!("| {name} | {lang} | {html} B | {} B |", html + css);
                assert!(html + css <= BUDGET, "{name} in {lang}: {} B", html + css);
            }
        }
    }
    t.finish().await;
}

/// An office with a caseworker who can sign in; returns the office's name.
async fn office_with_caseworker(t: &TestApp) -> String {
    let console = app::policy::Actor::console();
    let office = app::offices::create(
        &t.app,
        &console,
        &app::offices::OfficeForm {
            code: "JO-AMM".into(),
            name: "Amman field office".into(),
            country: "JO".into(),
            kind: "field_office".into(),
            ..app::offices::OfficeForm::default()
        },
    )
    .await
    .unwrap();
    app::accounts::create(
        &t.app,
        &console,
        &app::accounts::NewUser {
            username: "rana".into(),
            display_name: "Rana".into(),
            password: "corridor-demo".into(),
            locale: "en".into(),
            roles: vec!["caseworker".into()],
            offices: vec![office.id.clone()],
        },
    )
    .await
    .unwrap();
    office.id
}

/// The apply link of the spouse pathway on the result page, as the page gives it.
async fn apply_link(t: &TestApp) -> String {
    let (check, _) = walk(t, "en", SPOUSE_ANSWERS).await;
    let state = check.trim_start_matches("/portal/finder/check?");
    let html = body_text(send(t, get(&format!("/portal/finder/result?{state}"))).await).await;
    let link = html
        .split("href=\"")
        .map(|piece| piece.split('"').next().unwrap())
        .find(|href| {
            href.starts_with("/portal/apply?") && href.ends_with("pathway=de.family.spouse")
        })
        .expect("the result offers to start an application");
    unescape(link)
}

/// The form's hidden finder state plus `fields`, as a form body.
async fn apply_body(t: &TestApp, link: &str, fields: &[(&str, &str)]) -> String {
    let html = body_text(send(t, get(link)).await).await;
    let mut pairs = hidden_fields(&html);
    pairs.extend(
        fields
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned())),
    );
    encode(&pairs)
}

const GOOD_APPLICATION: &[(&str, &str)] = &[
    ("surname", "Haddad"),
    ("given_names", "Amal"),
    ("identifier", "amal@example.org"),
    ("password", "a long enough password"),
    ("password_confirm", "a long enough password"),
    ("consent", "yes"),
];

#[tokio::test]
async fn starting_an_application_then_signing_in_reaches_the_office_queue() {
    for_each_backend(test_settings(), |t| async move {
        let office = office_with_caseworker(&t).await;
        let link = apply_link(&t).await;

        let form = body_text(send(&t, get(&link)).await).await;
        assert!(
            form.contains("Amman field office"),
            "the offices are offered"
        );
        assert!(form.contains("href=\"/privacy\""));
        assert!(
            unescape(&form).contains("name=\"a\" value=\"household.net_income=4200\""),
            "the finder's answers travel"
        );

        let refused = apply_body(
            &t,
            &link,
            &[
                ("surname", "Haddad"),
                ("identifier", "not an address"),
                ("password", "short"),
                ("office_id", ""),
            ],
        )
        .await;
        let response = send(&t, post_form("/portal/apply", None, &refused)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(response).await;
        for expected in [
            "href=\"#identifier\"",
            "Enter an e-mail address, or a phone number",
            "Use at least 10 characters.",
            "tick the box to agree",
            "href=\"#office_id\"",
            "value=\"Haddad\"",
            "value=\"not an address\"",
            "aria-invalid=\"true\"",
        ] {
            assert!(html.contains(expected), "{expected} in the refused page");
        }
        assert!(
            !html.contains("value=\"short\""),
            "a password is never sent back"
        );

        let mut good = GOOD_APPLICATION.to_vec();
        good.push(("office_id", &office));
        let body = apply_body(&t, &link, &good).await;
        let response = send(&t, post_form("/portal/apply", None, &body)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            !has_session_cookie(&response),
            "the person signs in next, as anyone would with a taken identifier"
        );
        let received = body_text(response).await;
        assert!(received.contains("Your application has been received"));
        let (session, reference) = sign_in_to_application(&t).await;
        assert!(session.starts_with("corridor_session="));
        assert!(reference.starts_with("JO-"), "{reference}");

        let caseworker = sign_in(&t, "rana").await;
        let queue = body_text(send(&t, get_with_cookie("/cases", &caseworker)).await).await;
        assert!(
            queue.contains(&reference),
            "the office's caseworker sees the new case"
        );

        // The same identifier again: the very same answer, nothing about an existing account.
        let response = send(&t, post_form("/portal/apply", None, &body)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(!has_session_cookie(&response));
        assert_eq!(body_text(response).await, received);
        t
    })
    .await;
}

fn has_session_cookie(response: &axum::response::Response) -> bool {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| value.to_str().unwrap().starts_with("corridor_session="))
}

/// Signs in as the applicant of [`GOOD_APPLICATION`] (or `identifier`), as the page after
/// applying offers; returns the session cookie (`name=value`) and the case reference that
/// My application shows.
async fn sign_in_as_applicant(t: &TestApp, identifier: &str) -> (String, String) {
    let response = send(
        t,
        post_form(
            "/login",
            None,
            &format!(
                "username={}&password=a+long+enough+password&next=%2Fportal%2Fmy",
                identifier.replace('@', "%40").replace('+', "%2B")
            ),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/portal/my");
    let cookie = session_cookie(&response)
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let mut my = send(t, get_with_cookie("/portal/my", &cookie)).await;
    if my.status() == StatusCode::SEE_OTHER {
        // One application leads straight to it.
        my = send(t, get_with_cookie(&location(&my), &cookie)).await;
    }
    let reference = reference_in(&body_text(my).await);
    (cookie, reference)
}

async fn sign_in_to_application(t: &TestApp) -> (String, String) {
    sign_in_as_applicant(t, "amal@example.org").await
}

#[tokio::test]
async fn sign_up_attempts_are_throttled_per_address() {
    let t = sqlite_app(test_settings()).await;
    let link = apply_link(&t).await;
    // Different identifiers each time, so that only the address's count can stop them.
    for attempt in 0..t.app.settings.login_failures_per_address {
        let body = apply_body(
            &t,
            &link,
            &[("identifier", &format!("probe{attempt}@example.org"))],
        )
        .await;
        let response = send(&t, post_form("/portal/apply", None, &body)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }
    let body = apply_body(&t, &link, &[("identifier", "late@example.org")]).await;
    let response = send(&t, post_form("/portal/apply", None, &body)).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = body_text(response).await;
    assert!(html.contains("Too many failed attempts."));
    assert!(html.contains("value=\"late@example.org\""));
    t.finish().await;
}

/// Starts the spouse application at the office with `fields` on top of the good ones; returns
/// the session cookie (`name=value`) and the case reference shown.
async fn start_application(t: &TestApp, office: &str, fields: &[(&str, &str)]) -> (String, String) {
    let link = apply_link(t).await;
    let mut good: Vec<(&str, &str)> = GOOD_APPLICATION
        .iter()
        .filter(|(name, _)| !fields.iter().any(|(given, _)| given == name))
        .copied()
        .collect();
    good.push(("office_id", office));
    good.extend_from_slice(fields);
    let body = apply_body(t, &link, &good).await;
    let response = send(t, post_form("/portal/apply", None, &body)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let identifier = good
        .iter()
        .find(|(name, _)| *name == "identifier")
        .map(|(_, value)| (*value).to_owned())
        .unwrap();
    sign_in_as_applicant(t, &identifier).await
}

/// The person's own application page: where `/portal/my` leads them.
async fn my_application_path(t: &TestApp, cookie: &str) -> String {
    let response = send(t, get_with_cookie("/portal/my", cookie)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "one application");
    location(&response)
}

#[tokio::test]
async fn my_application_shows_progress_takes_uploads_and_messages_and_the_caseworker_sees_them() {
    let t = sqlite_app(test_settings()).await;
    let office = office_with_caseworker(&t).await;
    let (cookie, reference) = start_application(&t, &office, &[]).await;
    let path = my_application_path(&t, &cookie).await;

    let html = body_text(send(&t, get_with_cookie(&path, &cookie)).await).await;
    for expected in [
        reference.as_str(),
        "Where your application stands",
        "The office has your application.",
        "Still needed",
        "name=\"item\"",
        "accept=\"image/jpeg,image/png,application/pdf\"",
        "Sign out",
    ] {
        assert!(html.contains(expected), "{expected} on the page");
    }
    let passport = "passport@applicant";
    assert!(html.contains(&format!("value=\"{passport}\"")), "{html}");

    // A file that is neither a photo nor a PDF comes back refused, with the choice kept.
    let refused = upload(
        &format!("{path}/documents"),
        &cookie,
        &[("item", passport)],
        Some(("notes.txt", b"just text")),
    );
    let response = send(&t, refused).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_text(response).await;
    assert!(
        html.contains("href=\"#file\""),
        "the error summary links the field"
    );
    assert!(html.contains(&format!("value=\"{passport}\" selected")));

    let accepted = upload(
        &format!("{path}/documents"),
        &cookie,
        &[("item", passport)],
        Some(("passport-photo.jpg", JPEG)),
    );
    let response = send(&t, accepted).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = body_text(send(&t, get_with_cookie(&location(&response), &cookie)).await).await;
    assert!(html.contains("Your document has arrived"));
    assert!(html.contains("Received, to be checked"));
    assert!(html.contains("1 file sent"));

    let empty = post_form(&format!("{path}/messages"), Some(&cookie), "message_text=+");
    let response = send(&t, empty).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let sent = post_form(
        &format!("{path}/messages"),
        Some(&cookie),
        "message_text=My+passport+photo+is+sent",
    );
    assert_eq!(send(&t, sent).await.status(), StatusCode::SEE_OTHER);

    // The caseworker sees the file and the message at once.
    let caseworker = sign_in(&t, "rana").await;
    let case_id = path.trim_start_matches("/portal/my/");
    let documents = body_text(
        send(
            &t,
            get_with_cookie(&format!("/cases/{case_id}/file"), &caseworker),
        )
        .await,
    )
    .await;
    assert!(
        documents.contains("sent by the applicant through the portal"),
        "{documents}"
    );
    assert!(documents.contains("image/jpeg"));
    let case_page = body_text(
        send(
            &t,
            get_with_cookie(&format!("/cases/{case_id}"), &caseworker),
        )
        .await,
    )
    .await;
    assert!(case_page.contains("My passport photo is sent"));
    t.finish().await;
}

#[tokio::test]
async fn an_applicant_reaches_only_their_own_application() {
    let t = sqlite_app(test_settings()).await;
    let office = office_with_caseworker(&t).await;
    let (first, _) = start_application(&t, &office, &[]).await;
    let first_path = my_application_path(&t, &first).await;
    let (second, _) = start_application(&t, &office, &[("identifier", "omar@example.org")]).await;
    let second_path = my_application_path(&t, &second).await;
    assert_ne!(first_path, second_path);

    let response = send(&t, get_with_cookie(&first_path, &second)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let upload_elsewhere = upload(
        &format!("{first_path}/documents"),
        &second,
        &[("item", "passport@applicant")],
        Some(("p.jpg", JPEG)),
    );
    assert_eq!(
        send(&t, upload_elsewhere).await.status(),
        StatusCode::NOT_FOUND
    );
    let message_elsewhere = post_form(
        &format!("{first_path}/messages"),
        Some(&second),
        "message_text=hello",
    );
    assert_eq!(
        send(&t, message_elsewhere).await.status(),
        StatusCode::NOT_FOUND
    );

    // Staff have no "my application", and a signed-out visitor is sent to sign in.
    let caseworker = sign_in(&t, "rana").await;
    let response = send(&t, get_with_cookie(&first_path, &caseworker)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = send(&t, get(&first_path)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/login?next="));
    t.finish().await;
}

#[tokio::test]
async fn without_email_or_phone_a_person_signs_up_and_in_with_the_case_reference_and_a_pin() {
    let t = sqlite_app(test_settings()).await;
    let office = office_with_caseworker(&t).await;
    let link = apply_link(&t).await;
    let mut fields = GOOD_APPLICATION.to_vec();
    fields.retain(|(name, _)| !["identifier", "password", "password_confirm"].contains(name));
    fields.extend_from_slice(&[
        ("office_id", office.as_str()),
        ("sign_in_with", "reference"),
        ("pin", "123456"),
        ("pin_confirm", "123456"),
    ]);
    let body = apply_body(&t, &link, &fields).await;
    let response = send(&t, post_form("/portal/apply", None, &body)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_text(response).await;
    assert!(html.contains("This PIN is too easy to guess."));
    assert!(html.contains("href=\"#pin\""));
    assert!(
        html.contains("value=\"reference\" checked"),
        "the choice is kept"
    );

    for pin in ["pin", "pin_confirm"] {
        let at = fields.iter().position(|(name, _)| name == &pin).unwrap();
        fields[at].1 = "482913";
    }
    let body = apply_body(&t, &link, &fields).await;
    let response = send(&t, post_form("/portal/apply", None, &body)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = body_text(response).await;
    assert!(html.contains("enter this case reference as your user name"));
    let reference = reference_in(&html);

    let login = format!("username={reference}&password=482913&next=%2Fportal%2Fmy");
    let response = send(&t, post_form("/login", None, &login)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/portal/my");
    // The same PIN typed on an Arabic keyboard.
    let arabic = encode(&[
        ("username".to_owned(), reference.clone()),
        ("password".to_owned(), "٤٨٢٩١٣".to_owned()),
        ("next".to_owned(), "/portal/my".to_owned()),
    ]);
    let response = send(&t, post_form("/login", None, &arabic)).await;
    assert_eq!(location(&response), "/portal/my");
    let wrong = format!("username={reference}&password=482914");
    let response = send(&t, post_form("/login", None, &wrong)).await;
    assert_ne!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a wrong PIN signs nobody in"
    );
    t.finish().await;
}

/// The PIN on the page that gives portal access.
fn shown_pin(html: &str) -> String {
    html.split("class=\"pin\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the PIN is shown")
        .to_owned()
}

#[tokio::test]
async fn the_office_gives_portal_access_with_the_case_reference_and_a_pin_shown_once() {
    let t = sqlite_app(test_settings()).await;
    let office = office_with_caseworker(&t).await;
    let rana_id: String = sqlx::query_scalar("SELECT id FROM users WHERE username = 'rana'")
        .fetch_one(&t.app.db.pool)
        .await
        .unwrap();
    let rana = app::accounts::load(&t.app.db, &rana_id)
        .await
        .unwrap()
        .actor();
    let case = app::cases::create(
        &t.app,
        &rana,
        &app::cases::NewCaseForm {
            office_id: office.clone(),
            pathway: "de/de.family.spouse".into(),
            applicant: app::cases::people::PersonForm {
                surname: "Tesfaye".into(),
                given_names: "Selam".into(),
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();
    let caseworker = sign_in(&t, "rana").await;
    let give = || {
        post_form(
            &format!("/cases/{}/portal-access", case.id),
            Some(&caseworker),
            "",
        )
    };

    let response = send(&t, give()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let first_pin = shown_pin(&body_text(response).await);
    assert_eq!(first_pin.len(), 6);

    let sign_in_with = |pin: &str| {
        format!(
            "username={}&password={pin}&next=%2Fportal%2Fmy",
            case.reference
        )
    };
    let response = send(&t, post_form("/login", None, &sign_in_with(&first_pin))).await;
    assert_eq!(location(&response), "/portal/my");
    let session = session_cookie(&response);
    let session = session.split(';').next().unwrap().to_owned();
    assert_eq!(
        my_application_path(&t, &session).await,
        format!("/portal/my/{}", case.id)
    );

    // Given again (a forgotten PIN): a new PIN, the old one and its session end.
    let second_pin = shown_pin(&body_text(send(&t, give()).await).await);
    let response = send(&t, post_form("/login", None, &sign_in_with(&first_pin))).await;
    if first_pin != second_pin {
        assert_ne!(
            response.status(),
            StatusCode::SEE_OTHER,
            "the old PIN is refused"
        );
    }
    let response = send(&t, get_with_cookie("/portal/my", &session)).await;
    assert!(
        location(&response).starts_with("/login"),
        "the old session ended"
    );
    let response = send(&t, post_form("/login", None, &sign_in_with(&second_pin))).await;
    assert_eq!(location(&response), "/portal/my");

    // An applicant who signs in with their own e-mail keeps it: no second account.
    let (_, reference) = start_application(&t, &office, &[]).await;
    let own: String = sqlx::query_scalar("SELECT id FROM cases WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&t.app.db.pool)
        .await
        .unwrap();
    let response = send(
        &t,
        post_form(
            &format!("/cases/{own}/portal-access"),
            Some(&caseworker),
            "",
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        body_text(response)
            .await
            .contains("already signs in with their own")
    );
    t.finish().await;
}

#[tokio::test]
async fn the_portal_header_knows_a_signed_in_applicant() {
    let t = sqlite_app(support::demo_settings()).await;
    support::seeded(&t).await;
    let anonymous = body_text(send(&t, get("/portal")).await).await;
    assert!(anonymous.contains(r#"href="/login?next=/portal/my""#));
    let migrant = sign_in(&t, "migrant").await;
    for page in ["/portal", "/portal/finder?dest=de&purpose=family"] {
        let html = body_text(send(&t, get_with_cookie(page, &migrant)).await).await;
        assert!(
            html.contains(r#"action="/logout""#) && !html.contains("/login?next=/portal/my"),
            "{page} offers sign-out, not sign-in"
        );
    }
    t.finish().await;
}

#[tokio::test]
async fn a_new_portal_application_is_flagged_in_the_queue_with_its_messages_and_files() {
    for_each_backend(test_settings(), |t| async move {
        let office = office_with_caseworker(&t).await;
        let (cookie, reference) = start_application(&t, &office, &[]).await;
        let path = my_application_path(&t, &cookie).await;
        let caseworker = sign_in(&t, "rana").await;
        let queue = |query: &'static str| {
            let caseworker = caseworker.clone();
            let t = &t;
            async move {
                let response =
                    send(t, get_with_cookie(&format!("/cases{query}"), &caseworker)).await;
                assert_eq!(response.status(), StatusCode::OK);
                body_text(response).await
            }
        };

        let html = queue("").await;
        assert!(
            html.contains("One new application is not assigned to anyone yet"),
            "{html}"
        );
        let unassigned = queue("?status=intake&unassigned=yes").await;
        assert!(unassigned.contains(&reference));

        let passport = "passport@applicant";
        let sent_file = upload(
            &format!("{path}/documents"),
            &cookie,
            &[("item", passport)],
            Some(("passport-photo.jpg", JPEG)),
        );
        assert_eq!(send(&t, sent_file).await.status(), StatusCode::SEE_OTHER);
        let message = post_form(
            &format!("{path}/messages"),
            Some(&cookie),
            "message_text=Hello",
        );
        assert_eq!(send(&t, message).await.status(), StatusCode::SEE_OTHER);

        let zone = app::offices::find_by_code(&t.app.db, "JO-AMM")
            .await
            .unwrap()
            .unwrap()
            .time_zone;
        let mine = body_text(send(&t, get_with_cookie(&path, &cookie)).await).await;
        assert!(
            mine.contains(&format!(" ({zone})</time>")),
            "times on the office's clock, named"
        );

        let html = queue("").await;
        assert!(html.contains(">1 unread message</span>"), "{html}");
        assert!(html.contains(">1 new file</span>"));

        let case_id = path.trim_start_matches("/portal/my/");
        let case_page = body_text(
            send(
                &t,
                get_with_cookie(&format!("/cases/{case_id}"), &caseworker),
            )
            .await,
        )
        .await;
        assert!(
            case_page.contains("language</dt><dd><bdi>English</bdi></dd>"),
            "{case_page}"
        );
        let html = queue("").await;
        assert!(
            !html.contains("unread message"),
            "opening the case reads the thread"
        );
        assert!(
            html.contains(">1 new file</span>"),
            "a file waits for a decision"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn codes_never_reach_the_page_choices_languages_and_answers_read_as_names() {
    let t = sqlite_app(test_settings()).await;
    let relationship = body_text(
        send(
            &t,
            get("/portal/finder?dest=ca&purpose=family&q=case.relationship&lang=ar"),
        )
        .await,
    )
    .await;
    assert!(relationship.contains("شريك بحكم الواقع"), "{relationship}");
    assert!(
        !relationship.contains(">common_law_partner<")
            && relationship.contains("value=\"common_law_partner\""),
        "the code is the value sent, never the text read"
    );

    let category = body_text(
        send(
            &t,
            get("/portal/finder/check?dest=ec&purpose=residence&a=applicant.category%3Drentier&lang=es"),
        )
        .await,
    )
    .await;
    assert!(category.contains("Rentista"), "{category}");
    assert!(!category.contains(">rentier<"));

    let (check, _) = walk(&t, "ar", SPOUSE_ANSWERS).await;
    let checklist_url = format!(
        "{}&pathway=de.family.spouse",
        check.replace("/portal/finder/check?", "/portal/finder/checklist?")
    );
    let checklist = body_text(send(&t, get_with_cookie(&checklist_url, "lang=ar")).await).await;
    assert!(
        checklist.contains("مع ترجمة معتمدة إلى الألمانية"),
        "{checklist}"
    );
    assert!(!checklist.contains("إلى de"));
    t.finish().await;
}

#[tokio::test]
async fn the_children_question_asks_how_many_then_one_date_per_child() {
    let t = sqlite_app(test_settings()).await;
    let answers: Vec<(&str, &str)> = SPOUSE_ANSWERS
        .iter()
        .map(|(name, value)| {
            if *name == "children" {
                (*name, "٢")
            } else {
                (*name, *value)
            }
        })
        .chain([
            ("children[0].birth_date", "2019-05-03"),
            ("children[1].birth_date", "2022-01-20"),
        ])
        .collect();
    let (check, asked) = walk(&t, "en", &answers).await;
    let position = |name: &str| asked.iter().position(|asked| asked == name);
    let count = position("children").expect("the number of children is asked");
    assert!(
        position("children[0].birth_date").is_some_and(|first| first > count),
        "{asked:?}"
    );
    assert!(position("children[1].birth_date").is_some(), "{asked:?}");
    assert!(position("children[2].birth_date").is_none(), "{asked:?}");

    let count_page = body_text(
        send(
            &t,
            get(&format!(
                "{}&q=children",
                check.replace("/portal/finder/check?", "/portal/finder?")
            )),
        )
        .await,
    )
    .await;
    assert!(
        count_page.contains("How many children under 18"),
        "{count_page}"
    );
    assert!(count_page.contains("inputmode=\"numeric\""));
    assert!(count_page.contains("one child per page"));
    let check_page = body_text(send(&t, get(&check)).await).await;
    assert!(
        check_page.contains("q=children%5B1%5D.birth_date")
            || check_page.contains("q=children[1].birth_date"),
        "{check_page}"
    );
    t.finish().await;
}

#[tokio::test]
async fn canadas_sponsorship_lists_its_documents_and_offers_an_application() {
    let t = sqlite_app(test_settings()).await;
    let canada =
        body_text(send(&t, get("/portal/finder/result?dest=ca&purpose=family")).await).await;
    assert!(
        canada.contains("/portal/apply?") && canada.contains("pathway=ca.family.sponsorship"),
        "{canada}"
    );
    let checklist = body_text(
        send(&t, get("/portal/finder/checklist?dest=ca&purpose=family&pathway=ca.family.sponsorship&lang=fr")).await,
    )
    .await;
    assert!(checklist.contains("IMM 1344"), "{checklist}");
    assert!(checklist.contains("Demande de parrainage"));
    t.finish().await;
}

#[tokio::test]
async fn citations_keep_their_own_language_marked_and_the_words_around_them_are_translated() {
    let t = sqlite_app(test_settings()).await;
    let result = "/portal/finder/result?dest=ec&purpose=residence";
    let spanish = body_text(send(&t, get(&format!("{result}&lang=es"))).await).await;
    assert!(
        spanish.contains("<bdi>LOMH art. 61 Nr.2</bdi> — <span>requisitos comunes con la residencia temporal</span>"),
        "{spanish}"
    );
    assert!(!spanish.contains("shared with temporary residence"));
    let arabic = body_text(send(&t, get(&format!("{result}&lang=ar"))).await).await;
    assert!(
        arabic.contains("<bdi lang=\"es\" dir=\"ltr\">LOMH art. 61 Nr.2</bdi>"),
        "{arabic}"
    );
    assert!(arabic.contains("شروط مشتركة مع الإقامة المؤقتة"));

    let (check, _) = walk(&t, "ar", SPOUSE_ANSWERS).await;
    let germany = check.replace("/portal/finder/check?", "/portal/finder/result?");
    let page = body_text(send(&t, get_with_cookie(&germany, "lang=ar")).await).await;
    assert!(
        page.contains("<bdi lang=\"de\" dir=\"ltr\">AufenthG §30(1)</bdi>"),
        "{page}"
    );
    t.finish().await;
}
