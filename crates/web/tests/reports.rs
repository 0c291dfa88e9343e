//! The reports dashboard and its downloads through the router, on the demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::{StatusCode, header};

use app::testing::for_each_backend;

mod support;
use support::{body_text, demo_settings, get_with_cookie, post_form, seeded, send, sign_in};

#[tokio::test]
async fn an_analyst_sees_charts_with_their_numbers_and_downloads_an_hxl_table() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let analyst = sign_in(&t, "analyst").await;

        let page = send(&t, get_with_cookie("/reports", &analyst)).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = body_text(page).await;
        assert!(html.contains("<h1>Reports</h1>"));
        assert!(html.contains("<svg") && html.contains("role=\"img\""));
        assert!(
            html.contains("</svg><figcaption>"),
            "each office's small chart names its office where it shows"
        );
        assert!(html.contains("<caption>Cases opened and closed per month</caption>"));
        assert!(
            html.contains("href=\"/reports\""),
            "the navigation offers reports"
        );
        // Demo names never reach a report.
        for name in ["Haddad", "Khalil", "Nasser"] {
            assert!(!html.contains(name), "{name} on the dashboard");
        }

        let arabic = body_text(send(&t, get_with_cookie("/reports?lang=ar", &analyst)).await).await;
        assert!(arabic.contains("dir=\"rtl\"") && arabic.contains("<h1>التقارير</h1>"));

        let bad = send(&t, get_with_cookie("/reports?from=2026-13", &analyst)).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad = body_text(bad).await;
        assert!(bad.contains("aria-invalid=\"true\"") && bad.contains("for example 2026-03"));

        let no_purpose = send(
            &t,
            post_form(
                "/reports/export",
                Some(&analyst),
                "table=monthly_cases&purpose=x",
            ),
        )
        .await;
        assert_eq!(no_purpose.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            body_text(no_purpose)
                .await
                .contains("at least ten characters")
        );

        let csv = send(
            &t,
            post_form(
                "/reports/export",
                Some(&analyst),
                "table=sex_and_age&purpose=Annual+report+to+the+steering+committee",
            ),
        )
        .await;
        assert_eq!(csv.status(), StatusCode::OK);
        assert_eq!(
            csv.headers().get(header::CONTENT_TYPE).unwrap(),
            "text/csv; charset=utf-8"
        );
        let csv = body_text(csv).await;
        let second_row = csv.lines().nth(1).unwrap();
        assert!(
            second_row
                .starts_with("#org +code,#country +code,#affected +num,#affected +f +age0_17")
        );
        t
    })
    .await;
}

#[tokio::test]
async fn caseworkers_have_no_reports() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let caseworker = sign_in(&t, "caseworker").await;
        let page = send(&t, get_with_cookie("/reports", &caseworker)).await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let export = send(
            &t,
            post_form(
                "/reports/export",
                Some(&caseworker),
                "table=case_records&purpose=Curious+about+numbers",
            ),
        )
        .await;
        assert_eq!(export.status(), StatusCode::FORBIDDEN);
        t
    })
    .await;
}

#[tokio::test]
async fn anyone_reads_the_record_of_processing_in_their_language() {
    for_each_backend(demo_settings(), |t| async move {
        let page = send(&t, support::get("/privacy")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = body_text(page).await;
        for activity in app::privacy::processing::ACTIVITIES {
            assert!(html.contains(&format!("id=\"activity-{}\"", activity.id)));
        }
        assert!(html.contains("Vulnerability and specific needs (special category)"));
        assert!(html.contains("Public task"));
        let arabic = body_text(send(&t, support::get("/privacy?lang=ar")).await).await;
        assert!(arabic.contains("dir=\"rtl\"") && arabic.contains("كيف نستخدم البيانات الشخصية"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_dashboard_shows_orientation_reach_and_practices_with_their_definitions_and_tables() {
    for_each_backend(demo_settings(), |t| async move {
        seeded(&t).await;
        let analyst = sign_in(&t, "analyst").await;
        let html = body_text(send(&t, get_with_cookie("/reports", &analyst)).await).await;
        for text in [
            "<h2 id=\"orientation-reach\">Orientation reach</h2>",
            "Completed: those checked in on every day of their session.",
            "Knowledge gain by module",
            "<h2 id=\"practices\">Good practices by objective and region</h2>",
            "the period and office filters do not apply",
            "<th scope=\"col\">Africa</th>",
            "<th scope=\"row\">1. Data</th>",
        ] {
            assert!(html.contains(text), "{text} on the dashboard");
        }
        assert!(
            html.matches("role=\"img\"").count() >= 3,
            "charts beside the tables"
        );
        let arabic = body_text(send(&t, get_with_cookie("/reports?lang=ar", &analyst)).await).await;
        assert!(
            arabic.contains("نطاق التوجيه")
                && arabic.contains("الممارسات الجيدة حسب الهدف والمنطقة")
        );
        t
    })
    .await;
}
