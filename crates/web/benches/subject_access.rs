//! The subject-access export of a person with 50 documents, on SQLite and on PostgreSQL (when a
//! server answers): gathering every module's records, marking the request fulfilled with its
//! audit events, and writing the ZIP (JSON + Arabic summary), as the download does.
//! Run: `cargo bench -p web --bench subject_access` (`RUNS=` changes the number of timed exports).
//!
//! Each run records a fresh request (not timed) and times `fulfil` + `archive`; the median and
//! the slowest run are printed per backend. Budget: 1 s.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::cases::documents::{self, NewDocument};
use app::cases::facts::{self, FactEntry};
use app::cases::people::PersonForm;
use app::cases::{self, NewCaseForm};
use app::policy::Actor;
use app::privacy::subject_access::{self, AccessRequestForm};
use app::testing::{self, TestApp, for_each_backend, test_settings};

const DOCUMENTS: usize = 50;
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

async fn prepare(t: &TestApp) -> (Actor, String) {
    let office = testing::office(t, "JO-AMM").await;
    let caseworker = testing::account(t, "rana", "caseworker", &[&office])
        .await
        .actor();
    let supervisor = testing::account(t, "sami", "supervisor", &[&office])
        .await
        .actor();
    let form = NewCaseForm {
        office_id: office.clone(),
        pathway: "de/de.family.spouse".into(),
        applicant: PersonForm {
            surname: "Haddad".into(),
            given_names: "Amal".into(),
            birth_date: "1990-04-12".into(),
            sex: "F".into(),
            nationality: "SYR".into(),
        },
    };
    let case = cases::create(&t.app, &caseworker, &form).await.unwrap();
    let entry = FactEntry {
        name: "applicant.married".into(),
        value: "yes".into(),
        verified: false,
    };
    facts::save(
        &t.app,
        &caseworker,
        &case.id,
        0,
        &[entry],
        facts::Typing::Exact,
    )
    .await
    .unwrap();
    let rows = documents::checklist(&t.app, &caseworker, &case.id)
        .await
        .unwrap();
    let mine: Vec<_> = rows
        .iter()
        .filter(|row| row.person == "applicant")
        .collect();
    for number in 0..DOCUMENTS {
        let row = mine[number % mine.len()];
        let document = NewDocument {
            item: row.key(),
            file_name: format!("scan-{number}.pdf"),
            content: PDF.to_vec(),
            ..NewDocument::default()
        };
        documents::add_document(&t.app, &caseworker, &case.id, &document)
            .await
            .unwrap();
    }
    let person = cases::open(&t.app, &caseworker, &case.id)
        .await
        .unwrap()
        .members[0]
        .person
        .id
        .clone();
    (supervisor, person)
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(for_each_backend(test_settings(), |t| async move {
        let (supervisor, person) = prepare(&t).await;
        let mut times = Vec::new();
        let mut size = 0;
        let mut documents_listed = 0;
        for _ in 0..runs {
            let form = AccessRequestForm {
                person_id: person.clone(),
                requested_via: "letter".into(),
                received_on: String::new(),
                language: "ar".into(),
            };
            let request = subject_access::record(&t.app, &supervisor, &form).await.unwrap();
            let started = Instant::now();
            let export = subject_access::fulfil(&t.app, &supervisor, &request.id, request.version).await.unwrap();
            let archive = web::subject_access::archive(&export).unwrap();
            times.push(started.elapsed());
            size = archive.len();
            documents_listed = export.section("documents").map_or(0, |s| s.records.len());
        }
        times.sort();
        let median = times[times.len() / 2];
        let slowest = times.last().copied().unwrap_or(Duration::ZERO);
        println!(
            "{}: subject-access export, {documents_listed} documents, {runs} runs: median {:.1} ms, slowest {:.1} ms, ZIP {size} bytes",
            t.backend_name(),
            median.as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0,
        );
        t
    }));
}
