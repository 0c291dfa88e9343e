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
        // Waits for the next page, so that what follows never reads the sign-in form.
        self.submit("form.stack button[type=submit]").await;
    }

    async fn sign_out(&self) {
        self.submit("form.signout button").await;
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
async fn an_administrators_second_factor_refuses_a_used_code_and_ends_after_five_wrong_ones() {
    if !browser_available() {
        return;
    }
    let harness = Harness::start().await;
    let app = &harness.test_app.app;
    let id = app::accounts::find_id_by_username(&app.db, "admin")
        .await
        .unwrap()
        .unwrap();
    let admin = app::accounts::load(&app.db, &id).await.unwrap().actor();
    let enrolment = app::accounts::totp::begin_enrolment(app, &admin)
        .await
        .unwrap();
    let used = app::accounts::totp::current_code(&enrolment.secret_base32).unwrap();
    app::accounts::totp::confirm_enrolment(app, &admin, &used)
        .await
        .unwrap();

    harness.sign_in("admin").await;
    assert!(
        harness.exists("#code").await,
        "the second step asks for a code"
    );
    // The code that confirmed enrolment was used: refused, and it counts as a wrong code.
    harness.fill("#code", &used).await;
    harness.submit("form.stack button[type=submit]").await;
    assert!(harness.shows("That code is not right.").await);
    harness.screenshot("second-factor-used-code").await;
    for _ in 0..3 {
        harness.fill("#code", "000000").await;
        harness.submit("form.stack button[type=submit]").await;
        assert!(harness.exists("#code").await, "still the second step");
    }
    harness.fill("#code", "000000").await;
    harness.submit("form.stack button[type=submit]").await;
    assert!(harness.shows("Too many wrong codes.").await);
    assert!(
        harness.exists("#password").await,
        "back at the password step"
    );
    harness.screenshot("second-factor-ended").await;
    // There is no pending sign-in left to take a sixth code.
    harness.open("/login/second-factor").await;
    assert!(
        harness.exists("#password").await,
        "the password step starts again"
    );
    let url = harness.browser.current_url().await.unwrap();
    assert_eq!(url.path(), "/login");
    harness.finish().await;
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
    open_items: &'static str,
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
    open_items: "documents missing or not valid:",
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
    open_items: "وثائق ناقصة أو غير صالحة:",
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
    // The marriage questions are not among those still needed: their section is folded.
    harness
        .click(r#"details:has(select[name="applicant.married"]) > summary"#)
        .await;
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

    // The move that cannot succeed yet is shown disabled, with why and what is open beside it.
    harness.open(&case_path).await;
    assert!(
        harness
            .exists(r#"form.move:has(input[name="to"][value="ready_for_submission"]):not(:has(input[name="override"])) button[disabled][aria-describedby="blocked-ready_for_submission"]"#)
            .await,
        "the move waits for a complete file"
    );
    let beside = harness.body_text().await;
    assert!(beside.contains(labels.completeness_required), "{beside}");
    assert!(
        beside.contains(labels.open_items),
        "the open items are listed: {beside}"
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

/// axe-core's script (npm package in `tests/axe`, installed with `npm ci` when missing), or
/// `None` when it cannot be had and the browser tests are not required.
fn axe_source() -> Option<String> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe");
    let script = folder.join("node_modules/axe-core/axe.min.js");
    if !script.exists() {
        let _ = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&folder)
            .status();
    }
    match std::fs::read_to_string(&script) {
        Ok(source) => Some(source),
        Err(error) => {
            assert!(
                std::env::var_os("CORRIDOR_REQUIRE_BROWSER").is_none(),
                "CORRIDOR_REQUIRE_BROWSER is set but axe-core is missing ({error}); run npm ci in {}",
                folder.display()
            );
            let _ = writeln!(
                std::io::stderr(),
                "\n*** Portal browser tests SKIPPED: axe-core missing, run npm ci in {} ***\n",
                folder.display()
            );
            None
        }
    }
}

const AXE_RUN: &str = "const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(result => done(result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
  .catch(error => done(['axe did not run: ' + error]));";

/// A browser on the portal, checking every page it reaches with axe-core.
struct Portal {
    harness: Harness,
    axe: String,
    name: &'static str,
    pages: usize,
}

impl Portal {
    /// Fails with a screenshot under target/ when `condition` does not hold.
    async fn expect(&self, condition: bool, what: &str) {
        if !condition {
            let shot = format!("portal-{}-{}", self.name, self.pages);
            self.harness.screenshot(&shot).await;
            let text = self.harness.body_text().await;
            panic!("{what} (screenshot {shot}.png)\n{text}");
        }
    }

    /// Fails with a screenshot unless the page shows `text`.
    async fn expect_shows(&self, text: &str, what: &str) {
        self.expect(self.harness.shows(text).await, what).await;
    }

    /// Fails with a screenshot unless the page has an element matching `css`.
    async fn expect_exists(&self, css: &str, what: &str) {
        self.expect(self.harness.exists(css).await, what).await;
    }

    /// Runs axe-core on the current page: no serious or critical violation.
    async fn axe_clean(&mut self) {
        self.pages += 1;
        let browser = &self.harness.browser;
        browser.execute(&self.axe, vec![]).await.unwrap();
        let found = browser.execute_async(AXE_RUN, vec![]).await.unwrap();
        let violations: Vec<String> = serde_json::from_value(found).unwrap();
        let url = browser.current_url().await.unwrap();
        self.expect(
            violations.is_empty(),
            &format!("axe on {}: {violations:#?}", url.path()),
        )
        .await;
    }

    async fn value_of(&self, css: &str) -> String {
        let field = self.harness.browser.find(Locator::Css(css)).await.unwrap();
        field.attr("value").await.unwrap().unwrap_or_default()
    }

    /// Answers the question on the page: a choice is clicked, a date set, text typed;
    /// `None` is "I don't know".
    async fn answer(&self, value: Option<&str>) {
        let Some(value) = value else {
            self.harness.submit("button[name=skip]").await;
            return;
        };
        let choice = format!("input[name=value][value='{value}']");
        if self.harness.exists(&choice).await {
            self.harness.click(&choice).await;
        } else if self.harness.exists("input#answer[type=date]").await {
            let field = self
                .harness
                .browser
                .find(Locator::Css("#answer"))
                .await
                .unwrap();
            let element = serde_json::to_value(&field).unwrap();
            self.harness
                .browser
                .execute(
                    "arguments[0].value = arguments[1];",
                    vec![element, value.into()],
                )
                .await
                .unwrap();
        } else {
            self.harness.fill("#answer", value).await;
        }
        self.harness.submit(".actions button:not([name])").await;
    }

    /// Answers the finder's questions from `answers` (anything else: "I don't know"), checking
    /// each page, until the check-your-answers page.
    async fn walk(&mut self, answers: &[(&str, &str)], check_title: &str) {
        for _ in 0..40 {
            if !self.harness.exists("input[name=q]").await {
                self.expect(
                    self.harness.shows(check_title).await,
                    "the finder ends on check your answers",
                )
                .await;
                return;
            }
            self.axe_clean().await;
            let name = self.value_of("input[name=q]").await;
            let value = answers
                .iter()
                .find(|(asked, _)| *asked == name)
                .map(|(_, value)| *value);
            self.answer(value).await;
        }
        self.expect(false, "the finder did not finish").await;
    }
}

const SPOUSE_IN_GERMANY: &[(&str, &str)] = &[
    ("sponsor.title", "settlement_permit"),
    ("sponsor.lives_with_other_spouse", "no"),
    ("applicant.birth_date", "1995-03-14"),
    ("sponsor.birth_date", "1990-07-02"),
    ("applicant.german_level", "A1"),
    ("children", "0"),
    ("household.living_space_sqm", "60"),
    ("household.net_income", "4200"),
    ("household.housing_cost", "900"),
    ("household.health_insurance", "yes"),
    ("applicant.identity_clarified", "yes"),
    ("applicant.has_passport", "yes"),
    ("applicant.expulsion_interest", "no"),
];

async fn portal(name: &'static str) -> Option<Portal> {
    if !browser_available() {
        return None;
    }
    let axe = axe_source()?;
    Some(Portal {
        harness: Harness::start().await,
        axe,
        name,
        pages: 0,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_finds_spouse_reunification_in_arabic_on_a_phone() {
    let Some(mut portal) = portal("arabic").await else {
        return;
    };
    portal
        .harness
        .browser
        .set_window_size(360, 740)
        .await
        .unwrap();
    portal.harness.open("/portal?lang=ar").await;
    portal
        .expect(
            portal.harness.html_attribute("dir").await == "rtl"
                && portal.harness.html_attribute("lang").await == "ar",
            "the page is Arabic, right to left",
        )
        .await;
    portal
        .expect_shows(
            "لا نحفظ أي شيء عنك",
            "the start page says plainly that nothing is stored",
        )
        .await;
    portal.axe_clean().await;
    portal
        .harness
        .click("input[name=start][value='de.family']")
        .await;
    portal
        .harness
        .submit("form[action='/portal/finder'] button")
        .await;
    portal
        .expect_shows("ما نوع تصريح الإقامة", "the first question is in Arabic")
        .await;
    portal.walk(SPOUSE_IN_GERMANY, "راجع إجاباتك").await;
    portal.axe_clean().await;

    portal.harness.click("a.button").await;
    portal.expect_shows("نتيجتك", "the result page").await;
    portal.axe_clean().await;
    let result = portal.harness.body_text().await;
    let spouse = result
        .split("الالتحاق بزوج أجنبي يعيش في ألمانيا")
        .nth(1)
        .unwrap_or_default();
    portal
        .expect(
            spouse.trim_start().starts_with("أنت مؤهل"),
            "eligible to join the spouse in Germany",
        )
        .await;
    portal
        .expect(
            spouse.contains("AufenthG §30(1) S.1 Nr.2, §2(9)") && spouse.contains("مستوفى"),
            "each reason says how it stands and cites the law",
        )
        .await;

    portal
        .harness
        .click("a[href*='pathway=de.family.spouse']")
        .await;
    portal
        .expect_shows("جواز سفر ساري المفعول", "the checklist lists the passport")
        .await;
    portal.axe_clean().await;
    portal
        .expect(
            portal.harness.html_attribute("dir").await == "rtl",
            "still right to left",
        )
        .await;
    apply_and_upload_the_passport(&mut portal).await;
    portal.harness.finish().await;
}

/// From the result page just left: starts the application (recovering from a refused form),
/// reaches "My application", uploads a photo of the passport, and checks that the office's
/// caseworker sees it. Every portal page on the way is checked with axe-core.
async fn apply_and_upload_the_passport(portal: &mut Portal) {
    portal.harness.browser.back().await.unwrap();
    portal
        .harness
        .click("a[href^='/portal/apply'][href$='pathway=de.family.spouse']")
        .await;
    portal
        .expect_exists("#consent", "the application form")
        .await;
    portal.axe_clean().await;
    let fill_account = async |portal: &Portal| {
        portal.harness.fill("#surname", "حداد").await;
        portal.harness.fill("#given_names", "أمل").await;
        portal
            .harness
            .browser
            .find(Locator::Id("office_id"))
            .await
            .unwrap()
            .select_by_label("Istanbul family assistance office")
            .await
            .unwrap();
        portal.harness.fill("#identifier", "+90 555 123 4567").await;
        portal
            .harness
            .fill("#password", "a long enough password")
            .await;
        portal
            .harness
            .fill("#password_confirm", "a long enough password")
            .await;
    };
    fill_account(portal).await;
    // Without the consent ticked, the form comes back with the message linked to the box.
    portal
        .harness
        .submit("form[action='/portal/apply'] button[type=submit]")
        .await;
    portal
        .expect_exists(
            ".error-summary a[href='#consent']",
            "the refusal names the consent",
        )
        .await;
    portal.axe_clean().await;
    fill_account(portal).await;
    portal.harness.click("#consent").await;
    portal
        .harness
        .submit("form[action='/portal/apply'] button[type=submit]")
        .await;
    // Received: with a phone number the person signs in next (a taken number gets the same page).
    portal
        .expect_exists(
            "form[action='/login'] #password",
            "the application is received",
        )
        .await;
    portal.axe_clean().await;
    portal
        .harness
        .fill("#password", "a long enough password")
        .await;
    portal
        .harness
        .submit("form[action='/login'] button[type=submit]")
        .await;
    portal.expect_exists("#file", "my application").await;
    portal.axe_clean().await;
    let my_path = portal
        .harness
        .browser
        .current_url()
        .await
        .unwrap()
        .path()
        .to_owned();

    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), support::JPEG).unwrap();
    portal.harness.choose("#item", "passport@applicant").await;
    portal
        .harness
        .browser
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    portal
        .harness
        .submit("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    portal
        .expect_shows("وصلت وثيقتك", "the upload is confirmed in Arabic")
        .await;
    portal.axe_clean().await;

    portal
        .harness
        .submit("header form[action='/logout'] button")
        .await;
    portal.harness.sign_in("caseworker").await;
    let case_id = my_path.trim_start_matches("/portal/my/");
    portal
        .harness
        .open(&format!("/cases/{case_id}/file?lang=en"))
        .await;
    portal
        .expect_shows(
            "sent by the applicant through the portal",
            "the caseworker sees the upload at once",
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_answer_is_shown_and_recovered_from_in_english() {
    let Some(mut portal) = portal("english").await else {
        return;
    };
    portal.harness.open("/portal?lang=en").await;
    portal
        .harness
        .submit("form[action='/portal/finder'] button")
        .await;
    portal
        .expect_shows(
            "Choose where you want to go and what for.",
            "starting without a choice is refused with a message",
        )
        .await;
    portal.axe_clean().await;
    portal
        .harness
        .click("input[name=start][value='de.family']")
        .await;
    portal
        .harness
        .submit("form[action='/portal/finder'] button")
        .await;

    let before_space: Vec<(&str, &str)> = SPOUSE_IN_GERMANY
        .iter()
        .copied()
        .filter(|(name, _)| *name != "household.living_space_sqm")
        .collect();
    for _ in 0..20 {
        let name = portal.value_of("input[name=q]").await;
        if name == "household.living_space_sqm" {
            break;
        }
        let value = before_space
            .iter()
            .find(|(asked, _)| *asked == name)
            .map(|(_, value)| *value);
        portal.answer(value).await;
    }
    portal.answer(Some("sixty")).await;
    portal
        .expect_shows(
            "Enter a whole number or a number with a decimal point",
            "the refused answer gets a message",
        )
        .await;
    portal
        .expect(
            portal.value_of("#answer").await == "sixty"
                && portal.harness.exists("#answer[aria-invalid=true]").await
                && portal
                    .harness
                    .exists(".error-summary a[href='#answer']")
                    .await,
            "the answer is kept, marked invalid and linked from the summary",
        )
        .await;
    portal.axe_clean().await;
    portal.answer(Some("60")).await;
    portal.walk(SPOUSE_IN_GERMANY, "Check your answers").await;
    portal.harness.click("a.button").await;
    portal
        .expect(
            portal.harness.shows("You are eligible").await
                && portal.harness.shows("AufenthG §29(1) Nr.2, §2(4)").await,
            "the result explains living space with its citation",
        )
        .await;
    portal.axe_clean().await;
    portal.harness.finish().await;
}

/// Posts the page's first form whose action ends with `action_end` from inside the page (as
/// the browser would, with its cookies and origin) and hands back the response's content type
/// and its first bytes as text, since a download leaves the page where it is.
const FETCH_FORM: &str = "const [actionEnd, fields, done] = arguments;
const form = document.querySelector(`form[action$='${actionEnd}']`);
const body = new URLSearchParams(new FormData(form));
for (const [name, value] of Object.entries(fields)) body.set(name, value);
fetch(form.action, { method: 'POST', body })
  .then(response => response.arrayBuffer().then(bytes => done([
    String(response.status),
    response.headers.get('content-type') || '',
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(0, 4000)),
  ])))
  .catch(error => done(['0', '', String(error)]));";

async fn fetch_form(portal: &Portal, action_end: &str, fields: serde_json::Value) -> Vec<String> {
    let found = portal
        .harness
        .browser
        .execute_async(FETCH_FORM, vec![action_end.into(), fields])
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_reads_and_exports_and_a_supervisor_answers_access_and_erases() {
    let Some(mut portal) = portal("data-protection").await else {
        return;
    };
    portal.harness.open("/?lang=en").await;
    portal.harness.sign_in("analyst").await;
    portal.harness.open("/reports").await;
    portal
        .expect_shows(
            "Completeness at the first check",
            "completeness at the first check",
        )
        .await;
    portal
        .expect_shows("Time between workflow stages", "the time to decision")
        .await;
    portal
        .expect_exists("figure svg", "charts drawn on the server")
        .await;
    portal
        .expect_shows("hidden", "small cells are suppressed")
        .await;
    portal.axe_clean().await;
    let export = fetch_form(
        &portal,
        "/reports/export",
        serde_json::json!({ "purpose": "Quarterly report to the ministry" }),
    )
    .await;
    portal
        .expect(
            export[0] == "200"
                && export[1].starts_with("text/csv")
                && export[2].starts_with('\u{feff}')
                && export[2]
                    .lines()
                    .nth(1)
                    .is_some_and(|tags| tags.starts_with("#date") && tags.contains("#org")),
            &format!("an HXL-tagged CSV: {export:?}"),
        )
        .await;
    portal.harness.sign_out().await;

    let (case, person) = support::demo_case(&portal.harness.test_app).await;
    portal.harness.sign_in("supervisor").await;
    portal.harness.open(&format!("/cases/{case}")).await;
    portal
        .harness
        .submit(&format!("a[href='/privacy/requests/new?person={person}']"))
        .await;
    portal.axe_clean().await;
    portal.harness.choose("#language", "ar").await;
    portal
        .harness
        .submit("form[action='/privacy/requests'] button")
        .await;
    portal
        .expect_exists(
            "form[action$='/export']",
            "the request is listed with its export",
        )
        .await;
    portal.axe_clean().await;
    let zip = fetch_form(&portal, "/export", serde_json::json!({})).await;
    portal
        .expect(
            zip[0] == "200" && zip[1] == "application/zip" && zip[2].starts_with("PK"),
            &format!("the subject-access export is a ZIP: {:?}", &zip[..2]),
        )
        .await;

    portal
        .harness
        .open(&format!("/people/{person}/erase?case={case}"))
        .await;
    portal.axe_clean().await;
    portal.harness.choose("#reason", "objection").await;
    let reference = {
        let app = &portal.harness.test_app.app;
        let id = app::accounts::find_id_by_username(&app.db, "supervisor")
            .await
            .unwrap()
            .unwrap();
        let supervisor = app::accounts::load(&app.db, &id).await.unwrap().actor();
        app::cases::open(app, &supervisor, &case)
            .await
            .unwrap()
            .case
            .reference
    };
    portal.harness.fill("#confirm_reference", &reference).await;
    portal.harness.submit("#erase-person button").await;
    portal
        .expect_shows("Erased", "the person shows as erased")
        .await;
    let verdict = app::audit::verify(&portal.harness.test_app.app.db, |_| {})
        .await
        .unwrap();
    portal
        .expect(
            matches!(verdict, app::audit::ChainVerdict::Intact { .. }),
            &format!("the audit chain verifies: {verdict:?}"),
        )
        .await;
    portal.harness.finish().await;
}

// ---------------------------------------------------------------------------------------------
// Orientation: a past session's paper attendance sheet, the certificate it leads to, and its
// public verification by the short number printed on it.

/// What the orientation walk types and expects in one language.
struct SheetWalk {
    name: &'static str,
    lang: &'static str,
    /// The check-in time as written on the paper sheet.
    checked_in: &'static str,
    valid: &'static str,
    phone: bool,
}

/// The demo's past session whose paper sheet waits to be typed, and one of its participants'
/// enrolment.
async fn session_to_type(app: &app::App) -> (String, String) {
    let console = app::policy::Actor::console();
    let session = app::orientation::sessions::list(&app.db, &console)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.starts_at < app::time::now_millis() && s.attendance_submitted_at.is_none())
        .unwrap();
    let enrolment = app::orientation::sessions::roster(app, &console, &session.id)
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|line| line.participant.name == "Leyla Omar")
        .unwrap()
        .enrolment
        .id;
    (session.id, enrolment)
}

impl Portal {
    /// Checks the page with axe and that it stays under 30 KB.
    async fn small_and_clean(&mut self) {
        let source = self.harness.browser.source().await.unwrap();
        self.expect(
            source.len() < 30_000,
            &format!("the page is under 30 KB ({} bytes)", source.len()),
        )
        .await;
        self.axe_clean().await;
    }
}

async fn a_facilitator_types_a_paper_sheet_and_verifies_the_certificate(walk: &SheetWalk) {
    let Some(mut portal) = portal(walk.name).await else {
        return;
    };
    if walk.phone {
        portal
            .harness
            .browser
            .set_window_size(360, 740)
            .await
            .unwrap();
    }
    let (session_id, leyla) = session_to_type(&portal.harness.test_app.app).await;
    portal.harness.sign_in("facilitator").await;
    portal
        .harness
        .open(&format!("/orientation?lang={}", walk.lang))
        .await;
    portal.small_and_clean().await;
    portal
        .harness
        .open(&format!("/orientation/sessions/{session_id}"))
        .await;
    portal
        .expect_shows("Europe/Istanbul", "the page names the office's time zone")
        .await;
    portal.small_and_clean().await;

    portal.harness.choose("#sheet-enrolment", &leyla).await;
    portal.harness.choose("#sheet-day", "1").await;
    portal.harness.fill("#checked_in", walk.checked_in).await;
    portal.harness.fill("#checked_out", "12:00").await;
    portal.harness.submit("form[action$='/sheet'] button").await;
    portal
        .expect_shows("09:00–12:00", "the sheet's times are on the roster")
        .await;
    portal
        .harness
        .submit("form[action$='/attendance'] button")
        .await;
    // On a phone the roster scrolls sideways: the facilitator swipes to the certificate column.
    let issue = portal
        .harness
        .browser
        .find(Locator::Css("form[action$='/certificate'] button"))
        .await
        .unwrap();
    let issue = serde_json::to_value(&issue).unwrap();
    portal
        .harness
        .browser
        .execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'center' });",
            vec![issue],
        )
        .await
        .unwrap();
    portal
        .harness
        .submit("form[action$='/certificate'] button")
        .await;
    portal
        .expect_exists(".certificate dd.code", "the certificate shows its number")
        .await;
    portal.small_and_clean().await;
    let number = portal
        .harness
        .browser
        .find(Locator::Css(".certificate dd.code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    portal.harness.sign_out().await;
    portal.harness.open("/verify").await;
    portal.harness.fill("#number", &number).await;
    portal.harness.submit("form:has(#number) button").await;
    portal
        .expect_shows(walk.valid, "the number verifies publicly")
        .await;
    portal
        .expect_shows("Leyla Omar", "the verification names the participant")
        .await;
    portal.small_and_clean().await;
    portal.harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_types_a_paper_sheet_and_verifies_the_certificate_in_english() {
    a_facilitator_types_a_paper_sheet_and_verifies_the_certificate(&SheetWalk {
        name: "orientation-english",
        lang: "en",
        checked_in: "09:00",
        valid: "Genuine and valid.",
        phone: false,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_types_a_paper_sheet_and_verifies_the_certificate_in_arabic_on_a_phone() {
    a_facilitator_types_a_paper_sheet_and_verifies_the_certificate(&SheetWalk {
        name: "orientation-arabic",
        lang: "ar",
        checked_in: "٠٩:٠٠",
        valid: "أصلية وسارية.",
        phone: true,
    })
    .await;
}

// --- Law packs that read well in every language -------------------------------------------

/// Germany's spouse pathway answered as a person types on an Arabic phone keyboard.
const SPOUSE_IN_ARABIC_DIGITS: &[(&str, &str)] = &[
    ("sponsor.title", "settlement_permit"),
    ("sponsor.lives_with_other_spouse", "no"),
    ("applicant.birth_date", "1994-02-01"),
    ("sponsor.birth_date", "1990-07-02"),
    ("applicant.german_level", "A1"),
    ("applicant.married", "yes"),
    ("children", "٠"),
    ("sponsor.title_held_months", "٣٢"),
    ("household.living_space_sqm", "٦٠"),
    ("household.net_income", "٣٢٠٠"),
    ("household.housing_cost", "٩٠٠"),
    ("household.health_insurance", "yes"),
    ("applicant.identity_clarified", "yes"),
    ("applicant.has_passport", "yes"),
    ("applicant.expulsion_interest", "no"),
];

/// Words of the visible page that look like codes (`settlement_permit`, `common_law_partner`).
fn raw_codes(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || "()[],.:;«»\"'".contains(c))
        .filter(|word| {
            word.contains('_') && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect()
}

impl Portal {
    /// The page's HTML size in bytes as the browser holds it.
    async fn page_bytes(&self) -> usize {
        let size = self
            .harness
            .browser
            .execute(
                "return new TextEncoder().encode(document.documentElement.outerHTML).length;",
                vec![],
            )
            .await
            .unwrap();
        size.as_u64()
            .and_then(|bytes| usize::try_from(bytes).ok())
            .unwrap_or(usize::MAX)
    }

    /// The page shows no code in place of a word, is accessible and stays small.
    async fn reads_well(&mut self, what: &str) {
        self.axe_clean().await;
        let text = self.harness.body_text().await;
        let codes = raw_codes(&text);
        self.expect(
            codes.is_empty(),
            &format!("{what}: codes on screen {codes:?}"),
        )
        .await;
        let bytes = self.page_bytes().await;
        self.expect(bytes < 30 * 1024, &format!("{what}: {bytes} bytes"))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_finder_reads_arabic_digits_and_shows_no_codes_on_a_phone() {
    let Some(mut portal) = portal("packs").await else {
        return;
    };
    portal
        .harness
        .browser
        .set_window_size(360, 740)
        .await
        .unwrap();
    portal
        .harness
        .open("/portal/finder?start=de.family&lang=ar")
        .await;
    portal
        .expect_shows("تصريح الإقامة الدائمة", "the residence titles read as names")
        .await;
    portal.reads_well("the first question").await;

    let mut asked = Vec::new();
    for _ in 0..40 {
        if !portal.harness.exists("input[name=q]").await {
            break;
        }
        portal.reads_well("a question").await;
        let name = portal.value_of("input[name=q]").await;
        if name == "children" {
            portal
                .expect_shows("كم عدد أطفال الأسرة", "the count of children is asked first")
                .await;
            portal
                .expect_exists(
                    "input#answer[inputmode=numeric]",
                    "a count, typed as a number",
                )
                .await;
        }
        let value = SPOUSE_IN_ARABIC_DIGITS
            .iter()
            .find(|(asked, _)| *asked == name)
            .map(|(_, value)| *value);
        asked.push(name);
        portal.answer(value).await;
    }
    portal
        .expect(
            asked.iter().any(|name| name == "children")
                && !asked.iter().any(|name| name.starts_with("children[")),
            &format!("no child, so no child's date is asked: {asked:?}"),
        )
        .await;
    portal
        .expect_shows("راجع إجاباتك", "the finder ends on check your answers")
        .await;
    portal
        .expect_shows("3200", "Arabic digits were read as the number typed")
        .await;
    portal.reads_well("check your answers").await;

    portal.harness.click("a.button").await;
    portal.expect_shows("نتيجتك", "the result page").await;
    portal.reads_well("the result").await;
    let result = portal.harness.body_text().await;
    let spouse = result
        .split("الالتحاق بزوج أجنبي يعيش في ألمانيا")
        .nth(1)
        .unwrap_or_default();
    portal
        .expect(
            spouse.trim_start().starts_with("أنت مؤهل"),
            "eligible to join the spouse in Germany",
        )
        .await;
    portal.harness.finish().await;
}
