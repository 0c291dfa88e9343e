//! End-to-end tests in a real browser: Debian's Chromium driven through chromedriver.
//!
//! They run whenever `chromium` and `chromedriver` are installed and say so loudly when they
//! are not; with `CORRIDOR_REQUIRE_BROWSER` set (as in CI) a missing browser is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::sync::oneshot;

use app::testing::{TestApp, sqlite_app, test_settings};
use app::{Settings, demo};

mod support;
use support::documents::{date_in, passport_mrz};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn browser_available() -> bool {
    let present =
        std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var_os("CORRIDOR_REQUIRE_BROWSER").is_none(),
            "CORRIDOR_REQUIRE_BROWSER is set but chromium/chromedriver are not installed"
        );
        let _ = writeln!(
            std::io::stderr(),
            "\n*** Browser tests SKIPPED: install Debian's chromium and chromium-driver to run them ***\n"
        );
    }
    present
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The site, a chromedriver and a browser session; everything stops on drop of `finish`.
struct Harness {
    test_app: TestApp,
    base: String,
    stop_server: oneshot::Sender<()>,
    driver: Child,
    browser: Client,
    _profile: tempfile::TempDir,
}

impl Harness {
    async fn start() -> Harness {
        let settings = Settings {
            demo_mode: true,
            require_admin_totp: false,
            ..test_settings()
        };
        let test_app = sqlite_app(settings).await;
        demo::seed(&test_app.app).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop_server, stopped) = oneshot::channel::<()>();
        let state = web::AppState {
            app: test_app.app.clone(),
            secure_cookies: false,
        };
        tokio::spawn(web::serve(listener, state, async {
            let _ = stopped.await;
        }));

        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let capabilities: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                         "--window-size=1000,900", format!("--user-data-dir={}", profile.path().display())]
            }
        }))
        .unwrap();
        let mut browser = None;
        for _ in 0..50 {
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(capabilities.clone());
            match builder.connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => {
                    browser = Some(client);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        Harness {
            test_app,
            base,
            stop_server,
            driver,
            browser: browser.expect("chromedriver answers"),
            _profile: profile,
        }
    }

    async fn open(&self, path: &str) {
        self.browser
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    async fn html_attribute(&self, name: &str) -> String {
        let html = self.browser.find(Locator::Css("html")).await.unwrap();
        html.attr(name).await.unwrap().unwrap_or_default()
    }

    /// The page's text. A click that navigates can leave the old body behind for a moment, so a
    /// stale element is read again from the new page.
    async fn body_text(&self) -> String {
        for _ in 0..50 {
            let body = self.browser.find(Locator::Css("body")).await.unwrap();
            match body.text().await {
                Ok(text) => return text,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        }
        panic!("the page never settled")
    }

    /// Whether the page shows `text`, waiting for a navigation that a click started to finish.
    async fn shows(&self, text: &str) -> bool {
        for _ in 0..50 {
            if self.body_text().await.contains(text) {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    }

    async fn sign_in(&self, username: &str) {
        self.open("/login").await;
        self.browser
            .find(Locator::Id("username"))
            .await
            .unwrap()
            .send_keys(username)
            .await
            .unwrap();
        self.browser
            .find(Locator::Id("password"))
            .await
            .unwrap()
            .send_keys("corridor-demo")
            .await
            .unwrap();
        self.browser
            .find(Locator::Css("form.stack button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn sign_out(&self) {
        self.browser
            .find(Locator::Css("form.signout button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn screenshot(&self, name: &str) {
        let png = self.browser.screenshot().await.unwrap();
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    async fn fill(&self, css: &str, text: &str) {
        let field = self.browser.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    async fn choose(&self, css: &str, value: &str) {
        self.browser
            .find(Locator::Css(css))
            .await
            .unwrap()
            .select_by_value(value)
            .await
            .unwrap();
    }

    async fn click(&self, css: &str) {
        self.browser
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Clicks a button that sends a form and waits until the next page has replaced this one.
    async fn submit(&self, css: &str) {
        let page = self.browser.find(Locator::Css("html")).await.unwrap();
        self.click(css).await;
        for _ in 0..200 {
            if page.attr("lang").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("{css} did not lead to another page");
    }

    async fn exists(&self, css: &str) -> bool {
        !self
            .browser
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
    }

    async fn finish(mut self) {
        let _ = self.browser.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.stop_server.send(());
        self.test_app.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_signs_in_as_each_role_in_arabic_and_french() {
    if !browser_available() {
        return;
    }
    let harness = Harness::start().await;

    harness.open("/login?lang=ar").await;
    assert_eq!(harness.html_attribute("dir").await, "rtl");
    assert_eq!(harness.html_attribute("lang").await, "ar");
    harness
        .browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Tab.to_string())
        .await
        .unwrap();
    let first_focus = harness.browser.active_element().await.unwrap();
    assert_eq!(
        first_focus.attr("class").await.unwrap().as_deref(),
        Some("skip"),
        "the skip link comes first"
    );
    harness.screenshot("login-ar").await;

    harness.sign_in("admin").await;
    assert!(
        harness.shows("مسؤول النظام").await,
        "the start page names the role in Arabic"
    );
    harness
        .browser
        .find(Locator::Css(r#"a[href="/admin/users"]"#))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        harness
            .browser
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/admin/users")
    );
    assert!(harness.shows("caseworker").await);

    harness.open("/admin/offices").await;
    harness
        .browser
        .find(Locator::Id("code"))
        .await
        .unwrap()
        .send_keys("JO-AMM")
        .await
        .unwrap();
    harness
        .browser
        .find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("مكتب عمّان")
        .await
        .unwrap();
    harness
        .browser
        .find(Locator::Id("country"))
        .await
        .unwrap()
        .send_keys("JO")
        .await
        .unwrap();
    harness
        .browser
        .find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        harness.shows("مكتب عمّان").await,
        "Arabic typed in the browser is stored and shown"
    );
    harness.screenshot("offices-ar").await;

    harness
        .browser
        .find(Locator::Css(r#"a[hreflang="fr"]"#))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(harness.html_attribute("lang").await, "fr");
    assert_eq!(harness.html_attribute("dir").await, "ltr");
    harness.sign_out().await;

    for (username, sees_users) in [
        ("supervisor", true),
        ("caseworker", false),
        ("migrant", false),
    ] {
        harness.sign_in(username).await;
        let users_links = harness
            .browser
            .find_all(Locator::Css(r#"a[href="/admin/users"]"#))
            .await
            .unwrap();
        assert_eq!(!users_links.is_empty(), sees_users, "{username}");
        harness.screenshot(&format!("home-{username}-fr")).await;
        if username == "caseworker" {
            harness.open("/cases?lang=ar").await;
            assert_eq!(harness.html_attribute("dir").await, "rtl");
            // Following the link by its address waits for the page, where a click would race
            // the next read against the navigation.
            let first_case = harness
                .browser
                .find(Locator::Css(r#"tbody a[id^="ref-"]"#))
                .await
                .unwrap();
            let href = first_case.attr("href").await.unwrap().unwrap();
            harness.open(&href).await;
            assert!(
                harness.shows("السجل الزمني").await,
                "the case file's timeline in Arabic"
            );
            harness.screenshot("case-ar").await;
            harness.open("/?lang=fr").await;
        }
        harness.sign_out().await;
    }
    harness.finish().await;
}

/// Labels the family test reads in each language.
struct Labels {
    lang: &'static str,
    dir: &'static str,
    undetermined: &'static str,
    expired: &'static str,
    missing: &'static str,
    complete: &'static str,
    completeness_required: &'static str,
    submitted: &'static str,
}

const ENGLISH: Labels = Labels {
    lang: "en",
    dir: "ltr",
    undetermined: "Not yet determined",
    expired: "Expired",
    missing: "Missing",
    complete: "Complete",
    completeness_required: "must pass the completeness check",
    submitted: "Submitted",
};

const ARABIC: Labels = Labels {
    lang: "ar",
    dir: "rtl",
    undetermined: "لم يتحدد بعد",
    expired: "منتهية الصلاحية",
    missing: "ناقصة",
    complete: "مكتمل",
    completeness_required: "التحقق من الاكتمال",
    submitted: "مقدَّمة",
};

/// Clicks the move button to `to` on the case page.
async fn move_to(harness: &Harness, case_path: &str, to: &str) {
    harness.open(case_path).await;
    harness
        .submit(&format!(r#"form.move:has(input[name="to"][value="{to}"]):not(:has(input[name="override"])) button"#))
        .await;
}

/// Adds a document through the upload form: the row, optional file, MRZ and details.
async fn add_document(
    harness: &Harness,
    item: &str,
    file: Option<&std::path::Path>,
    mrz: &str,
    dated: bool,
) {
    harness.choose("#item", item).await;
    if let Some(file) = file {
        harness
            .browser
            .find(Locator::Id("file"))
            .await
            .unwrap()
            .send_keys(&file.display().to_string())
            .await
            .unwrap();
    }
    if !mrz.is_empty() {
        harness.fill("#mrz", mrz).await;
    }
    if dated {
        harness.fill("#issued_on", &date_in(-10)).await;
        harness.fill("#expires_on", &date_in(3650)).await;
    }
    harness.fill("#translated_into", "de").await;
    harness.click("#legalised").await;
    harness.submit("#add-document").await;
    assert!(
        harness.exists("form.upload").await && !harness.exists(".error-summary").await,
        "{item} was added"
    );
}

/// "A caseworker, as a new user would, takes a family from intake to `submitted` in the
/// browser; the completeness check catches a missing marriage certificate and an expired
/// passport, and every step is in the audit log."
async fn a_caseworker_takes_a_family_to_submitted(labels: &Labels) {
    if !browser_available() {
        return;
    }
    let harness = Harness::start().await;
    let files = tempfile::tempdir().unwrap();
    let scan = files.path().join("scan.png");
    std::fs::write(
        &scan,
        [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
        ],
    )
    .unwrap();
    let certificate = files.path().join("certificate.pdf");
    std::fs::write(&certificate, b"%PDF-1.7\n%%EOF\n").unwrap();
    let office = app::offices::list(&harness.test_app.app.db, &app::policy::Actor::console())
        .await
        .unwrap()
        .into_iter()
        .find(|office| office.code == "TR-IST")
        .unwrap()
        .id;

    harness.sign_in("caseworker").await;
    harness
        .open(&format!("/cases/new?lang={}", labels.lang))
        .await;
    assert_eq!(harness.html_attribute("dir").await, labels.dir);
    harness.choose("#office_id", &office).await;
    harness.choose("#pathway", "de/de.family.spouse").await;
    harness.fill("#surname", "Haddad").await;
    harness.fill("#given_names", "Amal").await;
    harness.fill("#birth_date", "1990-04-12").await;
    harness.choose("#sex", "F").await;
    harness.fill("#nationality", "SYR").await;
    harness
        .submit(r#"form[action="/cases"] button:not(.secondary)"#)
        .await;
    let case_path = harness
        .browser
        .current_url()
        .await
        .unwrap()
        .path()
        .to_owned();
    let case_id = case_path.trim_start_matches("/cases/").to_owned();

    harness.click("details summary").await;
    harness.choose("#role", "sponsor").await;
    harness
        .fill(r#"form[action$="/members"] #surname"#, "Haddad")
        .await;
    harness
        .fill(r#"form[action$="/members"] #given_names"#, "Karim")
        .await;
    harness
        .fill(r#"form[action$="/members"] #birth_date"#, "1985-02-01")
        .await;
    harness
        .fill(r#"form[action$="/members"] #nationality"#, "SYR")
        .await;
    harness.submit(r#"form[action$="/members"] button"#).await;
    assert!(harness.shows("Karim").await);
    move_to(&harness, &case_path, "counselling").await;
    move_to(&harness, &case_path, "forms").await;

    harness.open(&case_path).await;
    harness.click("p.case-documents-link a").await;
    let file_path = format!("{case_path}/file");
    harness
        .choose(r#"select[name="applicant.married"]"#, "yes")
        .await;
    harness
        .click(r#"input[name="verified"][value="applicant.married"]"#)
        .await;
    harness
        .choose(r#"select[name="sponsor.title"]"#, "settlement_permit")
        .await;
    harness.submit("#save-facts").await;
    assert!(
        harness.shows(labels.undetermined).await,
        "the eligibility snapshot"
    );
    harness
        .screenshot(&format!("case-facts-{}", labels.lang))
        .await;

    let rows: Vec<String> = {
        let mut values = Vec::new();
        for option in harness
            .browser
            .find_all(Locator::Css("#item option"))
            .await
            .unwrap()
        {
            values.push(option.attr("value").await.unwrap().unwrap_or_default());
        }
        values
    };
    assert!(
        rows.iter()
            .any(|row| row == "marriage_certificate@applicant"),
        "{rows:?}"
    );
    for row in rows
        .iter()
        .filter(|row| !row.starts_with("marriage_certificate@") && !row.starts_with("passport@"))
    {
        add_document(&harness, row, Some(&scan), "", true).await;
    }
    add_document(
        &harness,
        "passport@applicant",
        Some(&scan),
        &passport_mrz("N1234567", "2020-01-01"),
        false,
    )
    .await;

    move_to(&harness, &case_path, "completeness_check").await;
    harness.open(&file_path).await;
    harness.fill("#travel_date", &date_in(30)).await;
    harness.submit("#run-check").await;
    assert!(
        harness
            .exists(r#"#verdict[data-verdict="incomplete"]"#)
            .await
    );
    assert!(
        harness
            .exists(r#"tr[data-item="marriage_certificate"][data-status="missing"]"#)
            .await,
        "the marriage certificate is missing"
    );
    assert!(
        harness
            .exists(r#"tr[data-item="passport"][data-status="invalid"]"#)
            .await,
        "the passport is not acceptable"
    );
    let report = harness
        .browser
        .find(Locator::Css("table.report"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        report.contains(labels.expired) && report.contains(labels.missing),
        "{report}"
    );
    harness
        .screenshot(&format!("case-incomplete-{}", labels.lang))
        .await;

    move_to(&harness, &case_path, "ready_for_submission").await;
    assert!(
        harness
            .body_text()
            .await
            .contains(labels.completeness_required),
        "the move waits for a complete file"
    );

    harness.open(&file_path).await;
    add_document(
        &harness,
        "passport@applicant",
        Some(&scan),
        &passport_mrz("N7654321", &date_in(3650)),
        false,
    )
    .await;
    add_document(
        &harness,
        "marriage_certificate@applicant",
        Some(&certificate),
        "",
        false,
    )
    .await;
    harness.fill("#travel_date", &date_in(30)).await;
    harness.submit("#run-check").await;
    assert!(
        harness.exists(r#"#verdict[data-verdict="complete"]"#).await,
        "the file is complete"
    );
    assert!(harness.shows(labels.complete).await);
    harness
        .screenshot(&format!("case-complete-{}", labels.lang))
        .await;

    for to in ["ready_for_submission", "appointment_booked", "submitted"] {
        move_to(&harness, &case_path, to).await;
    }
    harness.open(&case_path).await;
    assert!(harness.shows(labels.submitted).await);

    let filter = app::audit::AuditFilter {
        target_id: Some(case_id),
        limit: 500,
        ..app::audit::AuditFilter::default()
    };
    let events = app::audit::list(&harness.test_app.app.db, &filter)
        .await
        .unwrap();
    let count = |action: &str| events.iter().filter(|event| event.action == action).count();
    assert_eq!(count("case.create"), 1);
    assert_eq!(count("case.member_add"), 1);
    assert_eq!(count("case.facts_save"), 1);
    assert_eq!(count("case.document_add"), rows.len() + 1);
    assert_eq!(count("case.completeness_check"), 2);
    assert_eq!(
        count("case.move"),
        6,
        "intake → counselling → forms → completeness check → ready → appointment → submitted"
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caseworker_takes_a_family_from_intake_to_submitted_in_english() {
    a_caseworker_takes_a_family_to_submitted(&ENGLISH).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caseworker_takes_a_family_from_intake_to_submitted_in_arabic() {
    a_caseworker_takes_a_family_to_submitted(&ARABIC).await;
}
