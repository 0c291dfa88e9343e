//! Orientation pages and API through the router, on the demo data: roster, QR check-in,
//! quiz entry, certificate with QR, public verification before and after revocation, the
//! report with suppressed cells, and who may see what.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use app::accounts;
use app::demo;
use app::orientation::curricula;
use app::orientation::sessions::{self, AttendanceMark, CheckMethod, Direction};
use app::testing::{TestApp, for_each_backend};
use app::time::{HOUR, MINUTE, now_millis};
use support::{body_text, demo_settings, location, send, sign_in};

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::HOST, "corridor.test");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

fn post_form(path: &str, cookie: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn actor_of(t: &TestApp, username: &str) -> app::policy::Actor {
    let id = accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap();
    accounts::load(&t.app.db, &id).await.unwrap().actor()
}

#[tokio::test]
async fn a_session_runs_from_roster_to_a_verified_then_revoked_certificate() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let facilitator = sign_in(&t, "facilitator").await;
        let migrant = sign_in(&t, "migrant").await;
        let facilitator_actor = actor_of(&t, "facilitator").await;
        let session = sessions::list(&t.app.db, &facilitator_actor)
            .await
            .unwrap()
            .remove(0);

        let index = body_text(send(&t, get("/orientation", Some(&facilitator))).await).await;
        assert!(index.contains(&format!("/orientation/sessions/{}", session.id)));
        let roster_page = send(
            &t,
            get(
                &format!("/orientation/sessions/{}", session.id),
                Some(&facilitator),
            ),
        )
        .await;
        assert_eq!(roster_page.status(), StatusCode::OK);
        let roster_html = body_text(roster_page).await;
        assert!(roster_html.contains("Amina Haddad") && roster_html.contains("Yonas Tesfaye"));

        // The migrant sees their session and a QR code to check in with; not the roster.
        let mine = body_text(send(&t, get("/orientation?lang=ar", Some(&migrant))).await).await;
        assert!(mine.contains("dir=\"rtl\"") && mine.contains("<svg"));
        assert!(mine.contains("جلسات التوجيه الخاصة بي"));
        let roster = sessions::roster(&t.app, &facilitator_actor, &session.id)
            .await
            .unwrap();
        let amina = roster
            .lines
            .iter()
            .find(|l| l.participant.name == "Amina Haddad")
            .unwrap()
            .enrolment
            .clone();
        let yonas = roster
            .lines
            .iter()
            .find(|l| l.participant.name == "Yonas Tesfaye")
            .unwrap()
            .enrolment
            .clone();
        assert!(mine.contains(&amina.checkin_code));
        let denied = send(
            &t,
            get(
                &format!("/orientation/sessions/{}", session.id),
                Some(&migrant),
            ),
        )
        .await;
        assert_eq!(denied.status(), StatusCode::NOT_FOUND);

        // Roster before the session.
        let submitted = send(
            &t,
            post_form(
                &format!("/orientation/sessions/{}/roster", session.id),
                &facilitator,
                &format!("version={}", session.version),
            ),
        )
        .await;
        assert_eq!(submitted.status(), StatusCode::SEE_OTHER);

        // The session began four hours ago (time passes in the test by moving it back).
        sqlx::query("UPDATE orientation_sessions SET starts_at = $1 WHERE id = $2")
            .bind(now_millis() - 4 * HOUR)
            .bind(&session.id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        // The facilitator's phone opens Amina's QR code and confirms her arrival.
        let scanned = send(
            &t,
            get(
                &format!("/orientation/checkin/{}", amina.checkin_code),
                Some(&facilitator),
            ),
        )
        .await;
        assert_eq!(scanned.status(), StatusCode::OK);
        assert!(body_text(scanned).await.contains("Amina Haddad"));
        let checked_in = send(
            &t,
            post_form(
                "/orientation/checkin",
                &facilitator,
                &format!(
                    "code={}&day=1&direction=in&method=qr_scan",
                    amina.checkin_code
                ),
            ),
        )
        .await;
        assert_eq!(checked_in.status(), StatusCode::SEE_OTHER);
        let twice = send(
            &t,
            post_form(
                "/orientation/checkin",
                &facilitator,
                &format!("code={}&day=1&direction=in", amina.checkin_code),
            ),
        )
        .await;
        assert_eq!(twice.status(), StatusCode::CONFLICT);
        assert!(body_text(twice).await.contains("Already checked in"));
        // Yonas came on time and stayed; his times come from the paper roll call.
        let start = sessions::get(&t.app.db, &facilitator_actor, &session.id)
            .await
            .unwrap()
            .starts_at;
        for (direction, at) in [
            (Direction::In, start),
            (Direction::Out, start + 3 * HOUR + 5 * MINUTE),
        ] {
            let mark = AttendanceMark {
                day: 1,
                direction,
                at,
                method: CheckMethod::RollCall,
            };
            sessions::record_attendance(&t.app, &facilitator_actor, &yonas.id, mark)
                .await
                .unwrap();
        }

        // The facilitator enters Yonas's quizzes for him.
        let quiz = body_text(
            send(
                &t,
                get(
                    &format!("/orientation/enrolments/{}/quiz/post", yonas.id),
                    Some(&facilitator),
                ),
            )
            .await,
        )
        .await;
        assert!(quiz.contains("name=\"q-fap-decides\""));
        let answers = "q-fap-decides=0&q-fap-names=1&q-fap-school=0&satisfaction=5&usefulness=4";
        for kind in ["pre", "post"] {
            let recorded = send(
                &t,
                post_form(
                    &format!("/orientation/enrolments/{}/quiz/{kind}", yonas.id),
                    &facilitator,
                    answers,
                ),
            )
            .await;
            assert_eq!(recorded.status(), StatusCode::SEE_OTHER, "{kind} quiz");
        }
        let session = sessions::get(&t.app.db, &facilitator_actor, &session.id)
            .await
            .unwrap();
        let closed = send(
            &t,
            post_form(
                &format!("/orientation/sessions/{}/attendance", session.id),
                &facilitator,
                &format!("version={}", session.version),
            ),
        )
        .await;
        assert_eq!(closed.status(), StatusCode::SEE_OTHER);
        // Amina has no check-out and no post-test: no certificate.
        let refused = send(
            &t,
            post_form(
                &format!("/orientation/enrolments/{}/certificate", amina.id),
                &facilitator,
                "",
            ),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        let issued = send(
            &t,
            post_form(
                &format!("/orientation/enrolments/{}/certificate", yonas.id),
                &facilitator,
                "",
            ),
        )
        .await;
        assert_eq!(issued.status(), StatusCode::SEE_OTHER);
        let certificate_path = location(&issued);
        let certificate_html =
            body_text(send(&t, get(&certificate_path, Some(&facilitator))).await).await;
        assert!(certificate_html.contains("<svg") && certificate_html.contains("Yonas Tesfaye"));
        // The printed address comes from the configuration, whatever Host a client sends.
        let spoofed = Request::get(&certificate_path)
            .header(header::HOST, "evil.example")
            .header(header::COOKIE, &facilitator)
            .body(Body::empty())
            .unwrap();
        let spoofed_html = body_text(send(&t, spoofed).await).await;
        assert!(!spoofed_html.contains("evil.example"));
        assert!(spoofed_html.contains(&format!("{}/verify/CC1.", t.app.settings.public_base_url)));
        let token_start = certificate_html.find("CC1.").unwrap();
        let token: String = certificate_html[token_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect();

        // Anyone can verify it, without signing in.
        let verified = body_text(send(&t, get(&format!("/verify/{token}"), None)).await).await;
        assert!(verified.contains("Genuine and valid.") && verified.contains("Yonas Tesfaye"));
        let keys = body_text(send(&t, get("/verify/keys.json", None)).await).await;
        let bundle: app::orientation::certificates::TrustBundle =
            serde_json::from_str(&keys).unwrap();
        assert!(app::orientation::certificates::verify_token(&token, &bundle).is_ok());
        let forged = token.replacen("CC1.e", "CC1.f", 1);
        let rejected = body_text(send(&t, get(&format!("/verify/{forged}"), None)).await).await;
        assert!(rejected.contains("Not valid."));

        // The supervisor revokes it; verification fails from then on.
        let supervisor = sign_in(&t, "supervisor").await;
        let certificate_id = certificate_path.rsplit('/').next().unwrap();
        let revoked = send(
            &t,
            post_form(
                &format!("/orientation/certificates/{certificate_id}/revoke"),
                &supervisor,
                "reason=Issued+in+error",
            ),
        )
        .await;
        assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
        let after = body_text(send(&t, get(&format!("/verify/{token}"), None)).await).await;
        assert!(after.contains("This certificate has been revoked."));
        let api = body_text(send(&t, get(&format!("/api/v1/verify/{token}"), None)).await).await;
        let api: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["valid"], false);
        assert_eq!(api["reason"], "verify-revoked");

        // The analyst's report hides the single participant.
        let analyst = sign_in(&t, "analyst").await;
        let curriculum = curricula::find_by_code(&t.app.db, "fap-de-family-reunification")
            .await
            .unwrap()
            .unwrap();
        let report = send(
            &t,
            get(
                &format!("/orientation/curricula/{}/report", curriculum.id),
                Some(&analyst),
            ),
        )
        .await;
        assert_eq!(report.status(), StatusCode::OK);
        assert!(body_text(report).await.contains("hidden (small group)"));
        let facilitator_report = send(
            &t,
            get(
                &format!("/orientation/curricula/{}/report", curriculum.id),
                Some(&facilitator),
            ),
        )
        .await;
        assert_eq!(facilitator_report.status(), StatusCode::FORBIDDEN);
        t
    })
    .await;
}

#[tokio::test]
async fn facilitators_schedule_and_localise_through_forms_that_keep_their_values() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let facilitator = sign_in(&t, "facilitator").await;
        let gulf = curricula::find_by_code(&t.app.db, "ciop-pdo-ph-gcc").await.unwrap().unwrap();
        let page = body_text(send(&t, get(&format!("/orientation/curricula/{}", gulf.id), Some(&facilitator))).await).await;
        assert!(page.contains("<h2>Migration realities</h2>") || page.contains("Migration realities"));
        let bad = send(&t, post_form(&format!("/orientation/curricula/{}/localise", gulf.id), &facilitator, "code=Bad+Code&destination=QA&title_en=Qatar")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(bad).await.contains("value=\"Qatar\""));
        let created = send(&t, post_form(&format!("/orientation/curricula/{}/localise", gulf.id), &facilitator, "code=ciop-pdo-ph-qa&destination=QA&title_en=Philippines+to+Qatar&local_language=ar&title_local=%D9%82%D8%B7%D8%B1")).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let local_path = location(&created);
        let local_id = local_path.rsplit('/').next().unwrap().to_owned();
        let changed = send(&t, post_form(&format!("{local_path}/modules"), &facilitator, "module_key=country-profile&language=en&title=Qatar&minutes=50&content=Rest+day+is+Friday+%3Cscript%3Ex%3C%2Fscript%3E&facilitator_notes=")).await;
        assert_eq!(changed.status(), StatusCode::SEE_OTHER);
        let local = body_text(send(&t, get(&local_path, Some(&facilitator))).await).await;
        assert!(local.contains("Rest day is Friday") && local.contains("&lt;script&gt;") && !local.contains("<script>x"));

        // Scheduling: a bad form comes back with messages and values; a good one creates it.
        let office_id = actor_of(&t, "facilitator").await.offices[0].clone();
        let bad = send(&t, post_form("/orientation", &facilitator, &format!("curriculum_id={local_id}&office_id={office_id}&format=in_person&place=Manila&starts_at=tomorrow&day_count=2&capacity=30&language=en"))).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad_html = body_text(bad).await;
        assert!(bad_html.contains("value=\"Manila\"") && bad_html.contains("Give a date and time."));
        let good = send(&t, post_form("/orientation", &facilitator, &format!("curriculum_id={local_id}&office_id={office_id}&format=mobile&place=Manila&starts_at=2030-01-15T08:00&day_count=2&capacity=30&language=en&support=childminding"))).await;
        assert_eq!(good.status(), StatusCode::SEE_OTHER);
        assert!(location(&good).starts_with("/orientation/sessions/"));

        let openapi = body_text(send(&t, get("/api/v1/openapi.json", Some(&facilitator))).await).await;
        assert!(openapi.contains("/api/v1/orientation/attendance") && openapi.contains("/api/v1/users"));
        t
    })
    .await;
}

#[tokio::test]
async fn a_facilitator_enrols_a_case_family_from_the_session_page() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let facilitator = sign_in(&t, "facilitator").await;
        let facilitator_actor = actor_of(&t, "facilitator").await;
        let session = sessions::list(&t.app.db, &facilitator_actor)
            .await
            .unwrap()
            .remove(0);
        let page = body_text(
            send(
                &t,
                get(
                    &format!("/orientation/sessions/{}", session.id),
                    Some(&facilitator),
                ),
            )
            .await,
        )
        .await;
        assert!(page.contains(&format!("/orientation/sessions/{}/family", session.id)));
        assert!(page.contains("name=\"case_reference\""));
        let before = sessions::roster(&t.app, &facilitator_actor, &session.id)
            .await
            .unwrap()
            .lines
            .len();
        let reference: String =
            // A case of the facilitator's own office: the demo has cases in every office.
            sqlx::query_scalar(
                "SELECT c.reference FROM cases c JOIN user_offices o ON o.office_id = c.office_id \
                 JOIN users u ON u.id = o.user_id WHERE u.username = 'facilitator' \
                 ORDER BY c.reference LIMIT 1",
            )
                .fetch_one(&t.app.db.pool)
                .await
                .unwrap();
        let members: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id \
             WHERE c.reference = $1 AND m.role <> 'sponsor'",
        )
        .bind(&reference)
        .fetch_one(&t.app.db.pool)
        .await
        .unwrap();
        let path = format!("/orientation/sessions/{}/family", session.id);
        let enrolled = send(
            &t,
            post_form(&path, &facilitator, &format!("case_reference={reference}")),
        )
        .await;
        assert_eq!(enrolled.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&enrolled),
            format!("/orientation/sessions/{}", session.id)
        );
        let after = sessions::roster(&t.app, &facilitator_actor, &session.id)
            .await
            .unwrap()
            .lines
            .len();
        assert_eq!(after, before + usize::try_from(members).unwrap());

        let unknown = send(
            &t,
            post_form(&path, &facilitator, "case_reference=NO-SUCH-CASE"),
        )
        .await;
        assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
        t
    })
    .await;
}

/// The demo's past session whose paper attendance sheet is still to be typed, and its upcoming
/// sessions, soonest first.
async fn demo_sessions(
    t: &TestApp,
    facilitator: &app::policy::Actor,
) -> (sessions::Session, Vec<sessions::Session>) {
    let all = sessions::list(&t.app.db, facilitator).await.unwrap();
    let to_type = all
        .iter()
        .find(|s| s.starts_at < now_millis() && s.attendance_submitted_at.is_none())
        .unwrap()
        .clone();
    let mut upcoming: Vec<sessions::Session> = all
        .into_iter()
        .filter(|s| s.starts_at > now_millis())
        .collect();
    upcoming.sort_by_key(|s| s.starts_at);
    (to_type, upcoming)
}

async fn enrolment_of(
    t: &TestApp,
    facilitator: &app::policy::Actor,
    session_id: &str,
    name: &str,
) -> String {
    sessions::roster(&t.app, facilitator, session_id)
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|line| line.participant.name == name)
        .unwrap()
        .enrolment
        .id
}

/// The first `ABCDE-23456` certificate number on a page.
fn certificate_number(html: &str) -> String {
    let is_code = |c: char| c.is_ascii_uppercase() || ('2'..='9').contains(&c);
    html.char_indices()
        .filter_map(|(at, _)| html.get(at..at + 11))
        .find(|candidate| {
            candidate.chars().enumerate().all(
                |(index, c)| {
                    if index == 5 { c == '-' } else { is_code(c) }
                },
            )
        })
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_past_sessions_paper_sheet_leads_to_a_certificate_verified_by_its_number() {
    for_each_backend(demo_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let facilitator = sign_in(&t, "facilitator").await;
        let facilitator_actor = actor_of(&t, "facilitator").await;
        let (past, upcoming) = demo_sessions(&t, &facilitator_actor).await;
        let past_path = format!("/orientation/sessions/{}", past.id);

        // The page names the office's zone, offers the sheet, and says why the roster and the
        // plan can no longer change.
        let page = body_text(send(&t, get(&past_path, Some(&facilitator))).await).await;
        assert!(page.contains("Europe/Istanbul") && page.contains("Enter a paper attendance sheet"));
        assert!(page.contains(" disabled aria-describedby=\"why-roster\""));
        assert!(page.contains("The roster must be submitted before the session starts."));
        assert!(!page.contains(&format!("{past_path}/edit")));

        // The sheet is typed in Eastern Arabic digits, on Istanbul's clock.
        let leyla = enrolment_of(&t, &facilitator_actor, &past.id, "Leyla Omar").await;
        let sheet = format!(
            "enrolment_id={leyla}&day=1&checked_in=%D9%A0%D9%A9%3A%D9%A0%D9%A0&checked_out=12%3A00"
        );
        let typed = send(&t, post_form(&format!("{past_path}/sheet"), &facilitator, &sheet)).await;
        assert_eq!(typed.status(), StatusCode::SEE_OTHER);
        let page = body_text(send(&t, get(&past_path, Some(&facilitator))).await).await;
        assert!(page.contains("09:00–12:00 <small>(paper sheet)</small>"));
        let twice = send(&t, post_form(&format!("{past_path}/sheet"), &facilitator, &sheet)).await;
        assert_eq!(twice.status(), StatusCode::CONFLICT);
        let twice = body_text(twice).await;
        assert!(twice.contains("This cannot be done now") && twice.contains("Already checked in"));

        // Attendance submitted, the certificate issued in the session's language (Arabic).
        let closed = send(
            &t,
            post_form(&format!("{past_path}/attendance"), &facilitator, &format!("version={}", past.version)),
        )
        .await;
        assert_eq!(closed.status(), StatusCode::SEE_OTHER);
        let issued = send(
            &t,
            post_form(&format!("/orientation/enrolments/{leyla}/certificate"), &facilitator, ""),
        )
        .await;
        assert_eq!(issued.status(), StatusCode::SEE_OTHER);
        let certificate_path = location(&issued);
        let certificate = body_text(send(&t, get(&certificate_path, Some(&facilitator))).await).await;
        assert!(certificate.contains("class=\"certificate\" lang=\"ar\" dir=\"rtl\""));
        let number = certificate_number(&certificate);

        // Anyone verifies it by the printed number, typed any way.
        let typed_number = number.to_lowercase().replace('-', "+");
        let verified = body_text(send(&t, get(&format!("/verify?number={typed_number}"), None)).await).await;
        assert!(verified.contains("Genuine and valid.") && verified.contains("Leyla Omar"));
        let unknown = body_text(send(&t, get("/verify?number=ZZZZZ-ZZZZZ", None)).await).await;
        assert!(unknown.contains("No certificate has this number."));

        // The facilitator asks for revocation; the supervisor approves; the number now reads
        // revoked.
        let asked = send(
            &t,
            post_form(&format!("{certificate_path}/revocation-request"), &facilitator, "reason=Wrong+person"),
        )
        .await;
        assert_eq!(asked.status(), StatusCode::SEE_OTHER);
        let supervisor = sign_in(&t, "supervisor").await;
        let seen = body_text(send(&t, get(&certificate_path, Some(&supervisor))).await).await;
        let start = seen.find("/orientation/revocation-requests/").unwrap();
        let request_path: String = seen[start..].chars().take_while(|c| *c != '"').collect();
        let certificate_id = certificate_path.rsplit('/').next().unwrap();
        let decided = send(
            &t,
            post_form(&request_path, &supervisor, &format!("decision=approved&certificate_id={certificate_id}")),
        )
        .await;
        assert_eq!(decided.status(), StatusCode::SEE_OTHER);
        let revoked = body_text(send(&t, get(&format!("/verify?number={number}"), None)).await).await;
        assert!(revoked.contains("This certificate has been revoked."));

        // An upcoming session: no sheet before its day, but it can be moved, and the migrant
        // enrolled on it is told.
        let next = upcoming.last().unwrap();
        let amina = enrolment_of(&t, &facilitator_actor, &next.id, "Amina Haddad").await;
        let early = send(
            &t,
            post_form(
                &format!("/orientation/sessions/{}/sheet", next.id),
                &facilitator,
                &format!("enrolment_id={amina}&day=1&checked_in=10%3A00&checked_out=13%3A00"),
            ),
        )
        .await;
        assert_eq!(early.status(), StatusCode::CONFLICT);
        assert!(body_text(early).await.contains("the day has not started"));
        let moved_to = app::time::add_days(&app::time::today_in("Europe/Istanbul"), 10).unwrap();
        let moved = send(
            &t,
            post_form(
                &format!("/orientation/sessions/{}/edit", next.id),
                &facilitator,
                &format!(
                    "version={}&format=in_person&place=Room+3&starts_at={moved_to}T14%3A00&day_count=1&capacity=25&language=ar&facilitators=&interpreter=",
                    next.version
                ),
            ),
        )
        .await;
        assert_eq!(moved.status(), StatusCode::SEE_OTHER);
        let migrant = sign_in(&t, "migrant").await;
        let told = body_text(send(&t, get("/orientation", Some(&migrant))).await).await;
        assert!(told.contains(&format!("Your session has been moved. It now starts {moved_to} 14:00 (Europe/Istanbul).")));
        let soon = &upcoming[0];
        let cancelled = send(
            &t,
            post_form(
                &format!("/orientation/sessions/{}/cancel", soon.id),
                &facilitator,
                &format!("version={}&reason=Room+unavailable", soon.version),
            ),
        )
        .await;
        assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
        let page = body_text(send(&t, get(&format!("/orientation/sessions/{}", soon.id), Some(&facilitator))).await).await;
        assert!(page.contains("Cancelled.") && page.contains("Room unavailable"));
        assert!(page.contains("This session has been cancelled."));
        t
    })
    .await;
}
