//! Translations and the page language.
//!
//! Every user-facing string is a Fluent message in `locales/<lang>/*.ftl`. The language of a
//! request comes from `?lang=` (then remembered in a cookie), else the `lang` cookie, else
//! `Accept-Language`, else English. Arabic pages are right-to-left.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Bidi isolation marks around placeables break attributes, CSV cells and tests; pages
        // isolate user text with <bdi> and dir="auto" instead.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub tag: &'static str,
    /// The language's name in itself, for the language switcher.
    pub native_name: &'static str,
    pub right_to_left: bool,
}

/// The languages the interface speaks: one per folder of `locales/`, each naming itself
/// (`language-native-name`) and its writing direction (`language-direction`) in its own
/// messages; English first, then by tag. Adding a language is adding a folder: the messages are
/// compiled into the binary, so the next build offers it everywhere.
pub fn languages() -> &'static [Language] {
    static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
        let mut found: Vec<Language> = LOCALES
            .locales()
            .map(|id| {
                let own = |key: &str| LOCALES.try_lookup(id, key);
                Language {
                    // Read once at start-up and kept for the life of the process.
                    tag: Box::leak(id.to_string().into_boxed_str()),
                    native_name: Box::leak(
                        own("language-native-name")
                            .unwrap_or_else(|| id.to_string())
                            .into_boxed_str(),
                    ),
                    right_to_left: own("language-direction").as_deref() == Some("rtl"),
                }
            })
            .collect();
        found.sort_by_key(|language| (language.tag != "en", language.tag));
        found
    });
    &LANGUAGES
}

const COOKIE_NAME: &str = "lang";

pub fn language(tag: &str) -> Option<Language> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    languages()
        .iter()
        .copied()
        .find(|language| language.tag == primary)
}

/// Translates messages into one language.
#[derive(Debug, Clone)]
pub struct Translator {
    pub language: Language,
    id: LanguageIdentifier,
    /// The request's query string without `lang`, so that switching language stays on the
    /// same page with the same parameters (such as `?person=` on a form).
    kept_query: String,
}

impl Translator {
    pub fn new(language: Language) -> Translator {
        let id = language.tag.parse().unwrap_or_default();
        Translator {
            language,
            id,
            kept_query: String::new(),
        }
    }

    /// The same translator, keeping the request's query (less `lang`) for language links.
    pub fn keeping_query(mut self, query: Option<&str>) -> Translator {
        self.kept_query = query
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang=") && *pair != "lang")
            .collect::<Vec<_>>()
            .join("&");
        self
    }

    /// The link that shows this page in the language `tag`.
    pub fn language_href(&self, tag: &str) -> String {
        if self.kept_query.is_empty() {
            format!("?lang={tag}")
        } else {
            format!("?{}&lang={tag}", self.kept_query)
        }
    }

    pub fn english() -> Translator {
        Translator::new(languages()[0])
    }

    pub fn lang(&self) -> &'static str {
        self.language.tag
    }

    pub fn dir(&self) -> &'static str {
        if self.language.right_to_left {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message `key`; the English text when this language lacks it.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.id, key)
    }

    /// The message `key` with named arguments.
    pub fn t_with(&self, key: &str, args: &[(&'static str, String)]) -> String {
        // Numbers go in as numbers so that plural selectors pick the right form.
        let fluent_value = |value: &String| match value.parse::<i64>() {
            Ok(number) => FluentValue::from(number),
            Err(_) => FluentValue::from(value.clone()),
        };
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), fluent_value(value)))
            .collect();
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// Whether this language has the message (whatever arguments it needs).
    pub fn has(&self, key: &str) -> bool {
        // A message that needs arguments fails to format without them, but it exists. The
        // crate does not export its error type, so the variant is told by its name.
        match LOCALES.lookup_single_language::<&str>(&self.id, key, None) {
            Ok(_) => true,
            Err(error) => format!("{error:?}").starts_with("FluentError"),
        }
    }
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

pub(crate) fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookie_value(headers, name)
}

fn from_query(query: Option<&str>) -> Option<Language> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "lang")
        .and_then(|(_, v)| language(v))
}

fn from_accept_language(headers: &HeaderMap) -> Option<Language> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut ranked: Vec<(f32, &str)> = header
        .split(',')
        .map(|part| {
            let mut pieces = part.trim().split(";q=");
            let tag = pieces.next().unwrap_or_default();
            let quality = pieces.next().and_then(|q| q.parse().ok()).unwrap_or(1.0);
            (quality, tag)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().find_map(|(_, tag)| language(tag))
}

/// The cookie that remembers a language choice for a year.
pub fn language_cookie(language: Language) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        language.tag
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("lang=en; Path=/"))
}

/// Decides the language of each request and remembers an explicit `?lang=` choice.
pub async fn negotiate(mut request: Request, next: Next) -> Response {
    let chosen = from_query(request.uri().query());
    let language = chosen
        .or_else(|| cookie_value(request.headers(), COOKIE_NAME).and_then(language))
        .or_else(|| from_accept_language(request.headers()))
        .unwrap_or(languages()[0]);
    let translator = Translator::new(language).keeping_query(request.uri().query());
    request.extensions_mut().insert(translator);
    let mut response = next.run(request).await;
    if let Some(language) = chosen {
        response
            .headers_mut()
            .append(SET_COOKIE, language_cookie(language));
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Translator {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Translator>()
            .cloned()
            .unwrap_or_else(Translator::english))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_ids(ftl: &str) -> Vec<&str> {
        ftl.lines()
            .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    fn locale_files(tag: &str) -> Vec<(String, String)> {
        let dir = format!("{}/../../locales/{tag}", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "ftl"))
            .map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(entry.path()).unwrap_or_default(),
                )
            })
            .collect();
        files.sort();
        files
    }

    fn english_ids() -> Vec<String> {
        locale_files("en")
            .iter()
            .flat_map(|(_, text)| message_ids(text))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn language_links_keep_the_other_parameters_of_the_page() {
        let t = Translator::english().keeping_query(Some("person=01J&lang=ar&next=%2F"));
        assert_eq!(t.language_href("fr"), "?person=01J&next=%2F&lang=fr");
        assert_eq!(Translator::english().language_href("ar"), "?lang=ar");
    }

    #[test]
    fn every_locale_folder_is_a_language_that_names_itself() {
        let dir = format!("{}/../../locales", env!("CARGO_MANIFEST_DIR"));
        let mut folders: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().is_dir())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort_by_key(|tag| (tag != "en", tag.clone()));
        let tags: Vec<&str> = languages().iter().map(|language| language.tag).collect();
        assert_eq!(tags, folders);
        for language in languages() {
            assert_ne!(language.native_name, language.tag);
            assert_eq!(
                language.right_to_left,
                language.tag == "ar",
                "{}",
                language.tag
            );
            if language.tag != "en" {
                assert_ne!(language.native_name, "English", "{}", language.tag);
            }
        }
    }

    #[test]
    fn every_language_translates_every_message() {
        let english = locale_files("en");
        assert!(
            english
                .iter()
                .map(|(_, text)| message_ids(text).len())
                .sum::<usize>()
                > 100
        );
        for language in languages().iter().skip(1) {
            let translated = locale_files(language.tag);
            for (name, text) in &english {
                let theirs = translated
                    .iter()
                    .find(|(other, _)| other == name)
                    .map(|(_, text)| message_ids(text));
                let theirs = theirs.unwrap_or_default();
                let missing: Vec<&str> = message_ids(text)
                    .into_iter()
                    .filter(|id| !theirs.contains(id))
                    .collect();
                assert!(
                    missing.is_empty(),
                    "{}/{name} lacks {missing:?}",
                    language.tag
                );
            }
        }
    }

    #[test]
    fn no_message_is_defined_in_two_files() {
        for language in languages() {
            let mut seen: Vec<&str> = Vec::new();
            let files = locale_files(language.tag);
            for (name, text) in &files {
                for id in message_ids(text) {
                    assert!(
                        !seen.contains(&id),
                        "{}/{name} defines {id} again",
                        language.tag
                    );
                    seen.push(id);
                }
            }
        }
    }

    #[test]
    fn every_message_a_template_names_exists() {
        let english = english_ids();
        // Every template, in every folder.
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates"
        ))];
        let mut files = Vec::new();
        while let Some(folder) = folders.pop() {
            for path in std::fs::read_dir(folder)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
            {
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 40, "{} templates found", files.len());
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for piece in text
                .split("t(\"")
                .skip(1)
                .chain(text.split("t_with(\"").skip(1))
            {
                let key = piece.split('"').next().unwrap_or_default();
                assert!(
                    english.iter().any(|id| id == key),
                    "{} uses unknown message {key}",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn roles_kinds_and_problems_have_messages() {
        let english = Translator::english();
        for role in app::policy::Role::ALL {
            assert!(english.has(role.as_str()), "{role:?}");
        }
        for kind in app::offices::OfficeKind::ALL {
            assert!(english.has(kind.as_str()), "{kind:?}");
        }
        for status in app::cases::workflow::CaseStatus::ALL {
            assert!(
                english.has(&format!("case-status-{}", status.as_str())),
                "{status:?}"
            );
        }
        for priority in app::cases::triage::Priority::ALL {
            assert!(
                english.has(&format!("priority-{}", priority.as_str())),
                "{priority:?}"
            );
        }
        for role in app::cases::MemberRole::ALL {
            assert!(
                english.has(&format!("member-{}", role.as_str())),
                "{role:?}"
            );
        }
        // What the portal shows of a case, named at run time.
        for status in app::cases::workflow::CaseStatus::ALL {
            for key in ["portal-status-{}", "portal-status-{}-next"] {
                let key = key.replace("{}", status.as_str());
                assert!(english.has(&key), "{key}");
            }
        }
        for state in app::cases::documents::ItemState::ALL {
            let key = format!("portal-item-state-{}", state.as_str());
            assert!(english.has(&key), "{key}");
        }
        for kind in app::cases::appointments::AppointmentKind::ALL {
            let key = format!("appointment-kind-{}", kind.as_str());
            assert!(english.has(&key), "{key}");
        }
        for event in app::cases::EventKind::ALL {
            let key = format!("event-{}", event.as_str());
            assert!(english.has(&key), "{key}");
        }
        for action in app::audit::AuditAction::ALL {
            let key = crate::pages::audit_action_key(action);
            assert!(english.has(&key), "{key}");
        }
        for slug in [
            "bad-request",
            "unauthenticated",
            "forbidden",
            "not-found",
            "conflict",
            "payload-too-large",
            "validation",
            "too-many-attempts",
            "timeout",
            "internal",
            "second-factor-required",
        ] {
            assert!(
                english.has(&format!("problem-{slug}-title"))
                    && english.has(&format!("problem-{slug}-detail")),
                "{slug}"
            );
        }
    }

    #[test]
    fn arabic_plurals_follow_cldr() {
        let arabic = Translator::new(language("ar").unwrap_or(languages()[0]));
        let two = arabic.t_with("users-count", &[("count", "2".into())]);
        let eleven = arabic.t_with("users-count", &[("count", "11".into())]);
        assert_ne!(two, eleven);
        assert!(
            !two.contains('2'),
            "Arabic uses the dual form for two: {two}"
        );
    }
}
