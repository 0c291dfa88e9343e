//! The knowledge platform on SQLite and PostgreSQL: workflow, versions, audit, policy, search
//! kept in step with publishing, and the seed content.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser};
use app::audit::{self, AuditFilter};
use app::error::Error;
use app::knowledge::taxonomy::FacetKind;
use app::knowledge::{
    self, PracticeContent, ReviewDecision, SearchRequest, SortOrder, Status, seed,
};
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::testing::{TestApp, for_each_backend, test_settings};

async fn actor(t: &TestApp, username: &str, role: &str) -> Actor {
    let office = match offices::find_by_code(&t.app.db, "NZ-AKL").await.unwrap() {
        Some(office) => office.id,
        None => {
            let form = OfficeForm {
                code: "NZ-AKL".into(),
                name: "Auckland".into(),
                country: "NZ".into(),
                kind: "field_office".into(),
                ..OfficeForm::default()
            };
            offices::create(&t.app, &Actor::console(), &form)
                .await
                .unwrap()
                .id
        }
    };
    let offices = if role == "migrant" {
        vec![]
    } else {
        vec![office]
    };
    let user = accounts::create(
        &t.app,
        &Actor::console(),
        &NewUser {
            username: username.into(),
            display_name: username.into(),
            password: "a long enough password".into(),
            locale: "en".into(),
            roles: vec![role.into()],
            offices,
        },
    )
    .await
    .unwrap();
    Actor {
        user_id: user.id,
        roles: user.roles,
        offices: user.offices,
    }
}

fn practice(title: &str) -> PracticeContent {
    PracticeContent {
        title: title.into(),
        summary: "Volunteers meet newly arrived families at the airport.".into(),
        description: "A **welcome** service for families joining relatives.".into(),
        objectives: vec![16],
        principles: vec!["whole_of_society".into()],
        stages: vec!["after".into()],
        regions: vec!["oceania".into()],
        countries: vec!["NZ".into()],
        year_start: Some(2021),
        practice_type: "service".into(),
        results: "Families felt welcome and found services quickly.".into(),
        replicability: "Any city with volunteers.".into(),
        evidence_strength: "anecdotal".into(),
        language: "en".into(),
        contact: "welcome@example.org".into(),
        ..PracticeContent::default()
    }
}

fn search(text: &str, filters: &[(FacetKind, &str)]) -> SearchRequest {
    SearchRequest {
        text: text.into(),
        filters: filters
            .iter()
            .map(|(kind, value)| (*kind, (*value).to_owned()))
            .collect(),
        sort: SortOrder::Relevance,
        offset: 0,
        limit: 20,
    }
}

#[tokio::test]
async fn a_practice_goes_from_draft_through_review_to_search_and_back_out() {
    for_each_backend(test_settings(), |t| async move {
        let editor = actor(&t, "author", "caseworker").await;
        let reviewer = actor(&t, "reviewer", "knowledge_editor").await;
        let app = &t.app;

        let mut draft = practice("Airport welcome for reunited families");
        draft.replicability.clear();
        let created = knowledge::create_draft(app, &editor, draft.clone())
            .await
            .unwrap();
        assert_eq!(created.status, Status::Draft);
        // The Hub's criteria: replicability must be described before submission.
        let refused = knowledge::submit(app, &editor, &created.id, created.version).await;
        assert!(
            matches!(refused, Err(Error::Invalid(ref e)) if e.for_field("replicability").is_some())
        );

        draft.replicability = "Any city with volunteers.".into();
        let edited = knowledge::update_draft(app, &editor, &created.id, created.version, draft)
            .await
            .unwrap();
        assert_eq!(edited.content_number, 2);
        let submitted = knowledge::submit(app, &editor, &edited.id, edited.version)
            .await
            .unwrap();
        assert_eq!(submitted.status, Status::Submitted);

        // Only reviewers decide.
        let denied = knowledge::review(
            app,
            &editor,
            &submitted.id,
            submitted.version,
            &ReviewDecision::Publish,
        )
        .await;
        assert!(matches!(denied, Err(Error::Forbidden)));

        let in_review = knowledge::review(
            app,
            &reviewer,
            &submitted.id,
            submitted.version,
            &ReviewDecision::StartReview,
        )
        .await
        .unwrap();
        let empty_comment = ReviewDecision::RequestChanges {
            comment: "  ".into(),
        };
        assert!(matches!(
            knowledge::review(
                app,
                &reviewer,
                &in_review.id,
                in_review.version,
                &empty_comment
            )
            .await,
            Err(Error::Invalid(_))
        ));
        let sent_back = knowledge::review(
            app,
            &reviewer,
            &in_review.id,
            in_review.version,
            &ReviewDecision::RequestChanges {
                comment: "Please add the number of families served.".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(sent_back.status, Status::ChangesRequested);
        let history = knowledge::comments(app, &editor, &sent_back.id)
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].kind, "changes_requested");

        // Not public before publication.
        assert!(matches!(
            knowledge::get_published(&app.db, &sent_back.id).await,
            Err(Error::NotFound)
        ));
        let hidden = knowledge::search(app, &search("airport", &[]))
            .await
            .unwrap();
        assert_eq!(hidden.total, 0);

        let mut revised = sent_back.content.clone();
        revised.results = "About 400 families were welcomed in the first year.".into();
        let revised =
            knowledge::update_draft(app, &editor, &sent_back.id, sent_back.version, revised)
                .await
                .unwrap();
        let resubmitted = knowledge::submit(app, &editor, &revised.id, revised.version)
            .await
            .unwrap();
        let published = knowledge::review(
            app,
            &reviewer,
            &resubmitted.id,
            resubmitted.version,
            &ReviewDecision::Publish,
        )
        .await
        .unwrap();
        assert_eq!(published.status, Status::Published);
        assert!(published.published_at.is_some());

        let versions = knowledge::versions(app, &reviewer, &published.id)
            .await
            .unwrap();
        assert_eq!(
            versions.iter().map(|v| v.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert!(versions[2].content.results.contains("400 families"));

        let found = knowledge::search(
            app,
            &search("airport families", &[(FacetKind::Region, "oceania")]),
        )
        .await
        .unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.hits[0].id, published.id);
        assert!(
            found.hits[0].highlight_html.contains("<b>"),
            "{}",
            found.hits[0].highlight_html
        );
        assert_eq!(
            knowledge::list_published(&app.db, 10).await.unwrap().len(),
            1
        );

        // A stale version is a conflict, not an overwrite.
        assert!(matches!(
            knowledge::archive(app, &reviewer, &published.id, published.version - 1).await,
            Err(Error::Conflict(_))
        ));
        knowledge::archive(app, &reviewer, &published.id, published.version)
            .await
            .unwrap();
        let gone = knowledge::search(app, &search("airport", &[]))
            .await
            .unwrap();
        assert_eq!(gone.total, 0);

        let events = audit::list(
            &app.db,
            &AuditFilter {
                target_type: Some("practice".into()),
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        let mut actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
        actions.reverse();
        assert_eq!(
            actions,
            [
                "practice.create",
                "practice.update",
                "practice.submit",
                "practice.start_review",
                "practice.request_changes",
                "practice.update",
                "practice.submit",
                "practice.publish",
                "practice.archive"
            ]
        );
        t
    })
    .await;
}

#[tokio::test]
async fn staff_see_their_own_drafts_and_reviewers_see_all() {
    for_each_backend(test_settings(), |t| async move {
        let author = actor(&t, "author", "caseworker").await;
        let other = actor(&t, "other", "facilitator").await;
        let reviewer = actor(&t, "reviewer", "knowledge_editor").await;
        let migrant = actor(&t, "migrant", "migrant").await;
        let app = &t.app;
        let draft = knowledge::create_draft(app, &author, practice("Mine"))
            .await
            .unwrap();

        assert!(matches!(
            knowledge::get_for_staff(app, &other, &draft.id).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            knowledge::update_draft(app, &other, &draft.id, draft.version, practice("Theirs"))
                .await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            knowledge::create_draft(app, &migrant, practice("No")).await,
            Err(Error::Forbidden)
        ));
        assert_eq!(
            knowledge::list_for_staff(app, &author).await.unwrap().len(),
            1
        );
        assert_eq!(
            knowledge::list_for_staff(app, &other).await.unwrap().len(),
            0
        );
        assert_eq!(
            knowledge::list_for_staff(app, &reviewer)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            knowledge::get_for_staff(app, &reviewer, &draft.id)
                .await
                .is_ok()
        );
        t
    })
    .await;
}

#[tokio::test]
async fn seeded_family_reunification_is_found_in_french_and_arabic_with_facets() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        let seeded = seed::seed(app).await.unwrap();
        assert!(seeded >= 16);
        assert_eq!(
            seed::seed(app).await.unwrap(),
            0,
            "seeding twice adds nothing"
        );

        let filters = [(FacetKind::Objective, "5"), (FacetKind::Region, "europe")];
        let french = knowledge::search(app, &search("regroupement familial", &filters))
            .await
            .unwrap();
        assert_eq!(french.total, 1, "{:?}", french.hits);
        assert!(french.hits[0].summary.contains("regroupement familial"));
        assert!(french.hits[0].highlight_html.contains("<b>"));

        // Written without hamza or shadda: normalisation and stemming still find it.
        let arabic = knowledge::search(app, &search("لم شمل الاسره", &filters))
            .await
            .unwrap();
        assert_eq!(arabic.total, 1, "{:?}", arabic.hits);
        assert!(arabic.hits[0].title.contains("لمّ شمل"));

        // Filtering by a region the practice is not in finds nothing.
        let elsewhere = knowledge::search(
            app,
            &search("regroupement familial", &[(FacetKind::Region, "oceania")]),
        )
        .await
        .unwrap();
        assert_eq!(elsewhere.total, 0);

        // Facet counts over everything published.
        let all = knowledge::search(app, &search("", &[])).await.unwrap();
        assert_eq!(all.total, seeded);
        let objective_five = all
            .facet(FacetKind::Objective)
            .iter()
            .find(|c| c.value == "5")
            .unwrap();
        assert!(objective_five.count >= 5, "{objective_five:?}");
        let languages: Vec<_> = all
            .facet(FacetKind::Language)
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        for language in ["en", "fr", "es", "ar"] {
            assert!(languages.contains(&language), "{languages:?}");
        }
        // Two filters of one kind widen; of two kinds narrow.
        let fr_or_ar = knowledge::search(
            app,
            &search(
                "",
                &[(FacetKind::Language, "fr"), (FacetKind::Language, "ar")],
            ),
        )
        .await
        .unwrap();
        assert_eq!(fr_or_ar.total, 2);

        let newest = knowledge::search(
            app,
            &SearchRequest {
                sort: SortOrder::Newest,
                ..search("", &[])
            },
        )
        .await
        .unwrap();
        let dates: Vec<_> = newest.hits.iter().map(|h| h.published_at).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn a_missing_or_stale_index_is_rebuilt_from_the_database() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        seed::seed(app).await.unwrap();
        let expected = knowledge::list_published(&app.db, 1000)
            .await
            .unwrap()
            .len();
        // Another node publishes: only the database generation moves.
        sqlx::query("UPDATE knowledge_index_state SET generation = generation + 5")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let all = knowledge::search(app, &search("", &[])).await.unwrap();
        assert_eq!(all.total, expected);
        assert_eq!(knowledge::reindex(app).await.unwrap(), expected);
        t
    })
    .await;
}

#[tokio::test]
async fn an_editor_does_not_publish_what_they_wrote_unless_the_deployment_allows_it() {
    for_each_backend(test_settings(), |t| async move {
        let author = actor(&t, "author", "knowledge_editor").await;
        let other = actor(&t, "second", "knowledge_editor").await;
        let app = &t.app;
        let draft = knowledge::create_draft(app, &author, practice("Pre-departure hotline"))
            .await
            .unwrap();
        let submitted = knowledge::submit(app, &author, &draft.id, draft.version)
            .await
            .unwrap();
        let in_review = knowledge::review(
            app,
            &other,
            &submitted.id,
            submitted.version,
            &ReviewDecision::StartReview,
        )
        .await
        .unwrap();
        let again = knowledge::review(
            app,
            &other,
            &in_review.id,
            in_review.version,
            &ReviewDecision::StartReview,
        )
        .await;
        assert!(matches!(
            again,
            Err(Error::Conflict("practice-already-in-review"))
        ));

        assert!(
            !knowledge::may_publish(app, &author, &draft.id)
                .await
                .unwrap()
        );
        let own = knowledge::review(
            app,
            &author,
            &in_review.id,
            in_review.version,
            &ReviewDecision::Publish,
        )
        .await;
        assert!(matches!(
            own,
            Err(Error::Conflict("practice-needs-second-person"))
        ));
        let published = knowledge::review(
            app,
            &other,
            &in_review.id,
            in_review.version,
            &ReviewDecision::Publish,
        )
        .await
        .unwrap();
        assert_eq!(published.status, Status::Published);
        t
    })
    .await;

    let single_editor = app::Settings {
        publish_needs_second_person: false,
        ..test_settings()
    };
    for_each_backend(single_editor, |t| async move {
        let author = actor(&t, "author", "knowledge_editor").await;
        let app = &t.app;
        let draft = knowledge::create_draft(app, &author, practice("Pre-departure hotline"))
            .await
            .unwrap();
        let submitted = knowledge::submit(app, &author, &draft.id, draft.version)
            .await
            .unwrap();
        let published = knowledge::review(
            app,
            &author,
            &submitted.id,
            submitted.version,
            &ReviewDecision::Publish,
        )
        .await
        .unwrap();
        assert_eq!(published.status, Status::Published);
        t
    })
    .await;
}
