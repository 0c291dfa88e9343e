//! The portal's pathway finder: the next question comes from the rules engine, "I don't know"
//! keeps a fact unknown and shows it as something to find out, and answers are checked by type.
//!
//! The finder reads only the loaded packs and stores nothing, so SQLite alone is enough here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::Error;
use app::portal::finder::{self, FinderState, Step};
use app::testing::{sqlite_app, test_settings};

fn family_in_germany() -> FinderState {
    FinderState {
        pack_id: "de".into(),
        purpose: "family".into(),
        answers: Vec::new(),
    }
}

fn asked(step: Step) -> String {
    match step {
        Step::Ask(question) => question.name,
        Step::Check => "(check)".into(),
    }
}

#[tokio::test]
async fn dont_know_is_not_asked_again_and_shows_as_to_find_out() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let state = family_in_germany();
    let first = asked(finder::next_step(app, &state, "en").unwrap());
    assert_eq!(first, "sponsor.title");

    let state = finder::answer(app, &state, &first, None).unwrap();
    assert_eq!(state.answer_to("sponsor.title"), Some(""));
    let second = asked(finder::next_step(app, &state, "en").unwrap());
    assert_ne!(
        second, "sponsor.title",
        "a skipped question is not asked again"
    );

    let result = finder::result(app, &state, "en").unwrap();
    let spouse = result
        .iter()
        .find(|pathway| pathway.pathway_id == "de.family.spouse")
        .unwrap();
    assert_eq!(spouse.outcome, "undetermined");
    assert!(
        spouse
            .to_find_out
            .iter()
            .any(|question| question.text.contains("Which residence title")),
        "{:?}",
        spouse.to_find_out
    );
    t.finish().await;
}

#[tokio::test]
async fn answers_are_checked_by_the_fact_type() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let state = family_in_germany();
    for (name, value, key) in [
        ("applicant.birth_date", "14.03.1995", "portal-error-date"),
        ("sponsor.title", "king", "portal-error-choose"),
        ("household.net_income", "-5", "portal-error-money"),
        ("household.living_space_sqm", "sixty", "portal-error-number"),
        (
            "household.health_insurance",
            "perhaps",
            "portal-error-choose",
        ),
        ("children", "40", "portal-error-number"),
        ("applicant.married", " ", "portal-error-required"),
    ] {
        match finder::answer(app, &state, name, Some(value)) {
            Err(Error::Invalid(errors)) => assert_eq!(errors.for_field(name), Some(key), "{name}"),
            other => panic!("{name}={value} was taken: {other:?}"),
        }
    }
    assert!(matches!(
        finder::answer(app, &state, "applicant.favourite_colour", Some("blue")),
        Err(Error::NotFound)
    ));
    let state = finder::answer(app, &state, "household.net_income", Some("2400.50")).unwrap();
    assert_eq!(state.answer_to("household.net_income"), Some("2400.50"));
    t.finish().await;
}

#[tokio::test]
async fn children_are_asked_about_one_by_one_once_counted() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let mut state = family_in_germany();
    state = finder::answer(app, &state, "children", Some("2")).unwrap();
    let question = finder::question(app, &state, "children[1].birth_date", "ar").unwrap();
    assert_eq!(question.child, Some(1));
    assert!(question.text.text.contains("ما تاريخ ميلاد هذا الطفل"));
    assert!(matches!(
        finder::question(app, &state, "children[2].birth_date", "en"),
        Err(Error::NotFound)
    ));
    t.finish().await;
}

#[tokio::test]
async fn an_unknown_destination_or_purpose_is_refused() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    for (pack, purpose, field) in [("mars", "family", "destination"), ("de", "work", "purpose")] {
        match finder::check_start(app, pack, purpose) {
            Err(Error::Invalid(errors)) => assert!(errors.for_field(field).is_some()),
            other => panic!("{pack}.{purpose}: {other:?}"),
        }
    }
    let destinations = finder::destinations(app, "es");
    let germany = destinations.iter().find(|d| d.pack_id == "de").unwrap();
    assert_eq!(germany.purposes, vec!["family".to_owned()]);
    assert!(germany.title.text.starts_with("Alemania"));
    assert_eq!(germany.title.fallback_lang, None);
    t.finish().await;
}
