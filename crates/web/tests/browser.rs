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

    async fn body_text(&self) -> String {
        self.browser
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
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
        harness.body_text().await.contains("مسؤول النظام"),
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
    assert!(harness.body_text().await.contains("caseworker"));

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
        harness.body_text().await.contains("مكتب عمّان"),
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
            let first_case = harness.browser.find(Locator::Css("tbody a")).await.unwrap();
            first_case.click().await.unwrap();
            assert!(
                harness.body_text().await.contains("السجل الزمني"),
                "the case file's timeline in Arabic"
            );
            harness.screenshot("case-ar").await;
            harness.open("/?lang=fr").await;
        }
        harness.sign_out().await;
    }
    harness.finish().await;
}
