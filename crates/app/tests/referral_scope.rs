//! What each office may do on a case: its own office, an office it is referred to (after
//! acceptance), the target of a transfer still waiting, and an unrelated office. Every case
//! operation is tried by a supervisor and a caseworker of each, and the outcome compared with
//! the policy table. Runs on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::User;
use app::cases::appointments::{self, AppointmentForm, RescheduleForm};
use app::cases::documents::{self, Decision as DocumentDecision, NewDocument};
use app::cases::facts::{self, FactEntry};
use app::cases::notes;
use app::cases::people::PersonForm;
use app::cases::referrals::{self, Decision, ReferralForm};
use app::cases::{self, MoveRequest};
use app::error::Error;
use app::policy::{self, Action, Actor, Target};
use app::portal::office_access;
use app::privacy::consent::{self, ConsentForm};
use app::testing::{self, TestApp, for_each_backend, test_settings};
use app::time::now_millis;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

/// How an office stands to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Home,
    Receiving,
    TransferTarget,
    Unrelated,
}

const STANDINGS: [Standing; 4] = [
    Standing::Home,
    Standing::Receiving,
    Standing::TransferTarget,
    Standing::Unrelated,
];

/// Every operation on one case that staff can call, with the action the policy table decides.
#[derive(Debug, Clone, Copy)]
enum Operation {
    Open,
    OpenWithContact,
    FactsHistory,
    Checklist,
    Documents,
    LatestReport,
    Notes,
    Thread,
    Appointments,
    Referrals,
    Consents,
    ReadDocument,
    AddNote,
    SendMessage,
    BookAppointment,
    RescheduleAppointment,
    SetAppointmentStatus,
    SaveFacts,
    AddMember,
    Assess,
    ConfirmPriority,
    Move,
    AddDocument,
    DecideChecklistRow,
    CheckCompleteness,
    GivePortalAccess,
    RecordConsent,
    WithdrawConsent,
    RequestReferral,
}

impl Operation {
    const ALL: [Operation; 29] = [
        Operation::Open,
        Operation::OpenWithContact,
        Operation::FactsHistory,
        Operation::Checklist,
        Operation::Documents,
        Operation::LatestReport,
        Operation::Notes,
        Operation::Thread,
        Operation::Appointments,
        Operation::Referrals,
        Operation::Consents,
        Operation::ReadDocument,
        Operation::AddNote,
        Operation::SendMessage,
        Operation::BookAppointment,
        Operation::RescheduleAppointment,
        Operation::SetAppointmentStatus,
        Operation::SaveFacts,
        Operation::AddMember,
        Operation::Assess,
        Operation::ConfirmPriority,
        Operation::Move,
        Operation::AddDocument,
        Operation::DecideChecklistRow,
        Operation::CheckCompleteness,
        Operation::GivePortalAccess,
        Operation::RecordConsent,
        Operation::WithdrawConsent,
        Operation::RequestReferral,
    ];

    fn action(self) -> Action {
        use Operation as O;
        match self {
            O::Open
            | O::OpenWithContact
            | O::FactsHistory
            | O::Checklist
            | O::Documents
            | O::LatestReport
            | O::Notes
            | O::Thread
            | O::Appointments
            | O::Referrals
            | O::Consents => Action::ViewCases,
            O::ReadDocument => Action::ReadCaseDocuments,
            O::AddNote
            | O::SendMessage
            | O::BookAppointment
            | O::RescheduleAppointment
            | O::SetAppointmentStatus => Action::ContactCase,
            O::ConfirmPriority => Action::ConfirmPriority,
            O::DecideChecklistRow => Action::VerifyCaseDocuments,
            O::SaveFacts
            | O::AddMember
            | O::Assess
            | O::Move
            | O::AddDocument
            | O::CheckCompleteness
            | O::GivePortalAccess
            | O::RecordConsent
            | O::WithdrawConsent
            | O::RequestReferral => Action::WorkOnCases,
        }
    }
}

/// The case and the records of it that operations name.
struct Fixture {
    offices: Vec<(Standing, String)>,
    home: String,
    receiving: String,
    case_id: String,
    document_id: String,
    checklist_row: String,
    appointment_id: String,
    consent_id: String,
}

impl Fixture {
    fn office(&self, standing: Standing) -> &str {
        &self
            .offices
            .iter()
            .find(|(each, _)| *each == standing)
            .unwrap()
            .1
    }
}

async fn staff(t: &TestApp, fixture: &Fixture, standing: Standing, role: &str) -> User {
    let office = fixture.office(standing);
    testing::account(
        t,
        &format!("{role}-{standing:?}").to_lowercase(),
        role,
        &[office],
    )
    .await
}

/// A case of the home office with facts, a document, an appointment and a basis for referral,
/// referred to the receiving office (accepted) and waiting to be transferred to the target.
async fn fixture(t: &TestApp) -> Fixture {
    let offices = vec![
        (Standing::Home, testing::office(t, "JO-AMM").await),
        (Standing::Receiving, testing::office(t, "LB-BEY").await),
        (Standing::TransferTarget, testing::office(t, "TR-IST").await),
        (Standing::Unrelated, testing::office(t, "EG-CAI").await),
    ];
    let home = offices[0].1.clone();
    let receiving = offices[1].1.clone();
    let target = offices[2].1.clone();
    let me = testing::account(t, "home-owner", "caseworker", &[&home])
        .await
        .actor();
    let case = testing::spouse_case(t, &me, &home, "Haddad").await;
    let person_id = cases::open(&t.app, &me, &case.id).await.unwrap().members[0]
        .person
        .id
        .clone();
    let married = FactEntry {
        name: "applicant.married".into(),
        value: "yes".into(),
        verified: false,
    };
    facts::save(
        &t.app,
        &me,
        &case.id,
        0,
        &[married],
        app::cases::facts::Typing::Exact,
    )
    .await
    .unwrap();
    let rows = documents::checklist(&t.app, &me, &case.id).await.unwrap();
    let passport = rows.iter().find(|row| row.person == "applicant").unwrap();
    let document = documents::add_document(
        &t.app,
        &me,
        &case.id,
        &NewDocument {
            item: passport.key(),
            file_name: "passport.pdf".into(),
            content: PDF.to_vec(),
            ..NewDocument::default()
        },
    )
    .await
    .unwrap();
    let day = app::orientation::civil_date(now_millis() + 3 * 86_400_000);
    let appointment = appointments::book(
        &t.app,
        &me,
        &case.id,
        &AppointmentForm {
            person_id: person_id.clone(),
            kind: "biometrics".into(),
            starts_at: format!("{day}T09:00"),
            duration_minutes: "60".into(),
            location: "German embassy, Amman".into(),
        },
    )
    .await
    .unwrap();
    let consent = consent::record(
        &t.app,
        &me,
        &case.id,
        &ConsentForm {
            person_id: person_id.clone(),
            purpose: "referral".into(),
            basis: "consent".into(),
            scope: "Beirut and Istanbul offices".into(),
        },
    )
    .await
    .unwrap();
    let refer = |kind: &str, to: &str| ReferralForm {
        kind: kind.into(),
        to_office_id: to.to_owned(),
        note: "Sponsor moved".into(),
        ..ReferralForm::default()
    };
    let referral = referrals::request(&t.app, &me, &case.id, &refer("referral", &receiving))
        .await
        .unwrap();
    let accepting = testing::account(t, "receiving-head", "supervisor", &[&receiving])
        .await
        .actor();
    referrals::decide(
        &t.app,
        &accepting,
        &referral.id,
        referral.version,
        Decision::Accept,
        "",
    )
    .await
    .unwrap();
    referrals::request(&t.app, &me, &case.id, &refer("transfer", &target))
        .await
        .unwrap();
    let checklist_row = documents::checklist(&t.app, &me, &case.id)
        .await
        .unwrap()
        .into_iter()
        .find(|row| row.person == "applicant")
        .unwrap()
        .id;
    Fixture {
        offices,
        home,
        receiving,
        case_id: case.id,
        document_id: document.id,
        checklist_row,
        appointment_id: appointment.id,
        consent_id: consent.id,
    }
}

/// Tries the operation with input that changes nothing when it is allowed (a stale version, a
/// value out of range), so that every office meets the same case.
async fn attempt(
    t: &TestApp,
    f: &Fixture,
    operation: Operation,
    actor: &Actor,
) -> Result<(), Error> {
    let app = &t.app;
    let case = f.case_id.as_str();
    use Operation as O;
    match operation {
        O::Open => cases::open(app, actor, case).await.map(drop),
        O::OpenWithContact => cases::open_with_contact(app, actor, case).await.map(drop),
        O::FactsHistory => facts::history(app, actor, case).await.map(drop),
        O::Checklist => documents::checklist(app, actor, case).await.map(drop),
        O::Documents => documents::documents(app, actor, case).await.map(drop),
        O::LatestReport => documents::latest_report(app, actor, case).await.map(drop),
        O::Notes => notes::notes(app, actor, case).await.map(drop),
        O::Thread => notes::thread(app, actor, case).await.map(drop),
        O::Appointments => appointments::for_case(app, actor, case).await.map(drop),
        O::Referrals => referrals::for_case(app, actor, case).await.map(drop),
        O::Consents => consent::for_case(app, actor, case).await.map(drop),
        O::ReadDocument => documents::read_content(app, actor, case, &f.document_id)
            .await
            .map(drop),
        O::AddNote => notes::add_note(app, actor, case, "A note", "nobody")
            .await
            .map(drop),
        O::SendMessage => notes::send_message(app, actor, case, " ").await.map(drop),
        O::BookAppointment => appointments::book(app, actor, case, &AppointmentForm::default())
            .await
            .map(drop),
        O::RescheduleAppointment => appointments::reschedule(
            app,
            actor,
            &f.appointment_id,
            -1,
            &RescheduleForm::default(),
        )
        .await
        .map(drop),
        O::SetAppointmentStatus => {
            appointments::set_status(app, actor, &f.appointment_id, -1, "nonsense")
                .await
                .map(drop)
        }
        O::SaveFacts => facts::save(app, actor, case, -1, &[], app::cases::facts::Typing::Exact)
            .await
            .map(drop),
        O::AddMember => {
            cases::add_member(app, actor, case, -1, &PersonForm::default(), "nonsense").await
        }
        O::Assess => cases::assess(app, actor, case, -1, &[], "").await.map(drop),
        O::ConfirmPriority => cases::confirm_priority(app, actor, case, -1)
            .await
            .map(drop),
        O::Move => {
            let request = MoveRequest {
                to: "nonsense".into(),
                ..MoveRequest::default()
            };
            cases::move_case(app, actor, case, -1, &request)
                .await
                .map(drop)
        }
        O::AddDocument => documents::add_document(app, actor, case, &NewDocument::default())
            .await
            .map(drop),
        O::DecideChecklistRow => documents::decide(
            app,
            actor,
            case,
            &f.checklist_row,
            -1,
            DocumentDecision::Verify,
            "",
        )
        .await
        .map(drop),
        O::CheckCompleteness => documents::check_completeness(app, actor, case, "not a date")
            .await
            .map(drop),
        O::GivePortalAccess => office_access::issue(app, actor, case).await.map(drop),
        O::RecordConsent => consent::record(app, actor, case, &ConsentForm::default())
            .await
            .map(drop),
        O::WithdrawConsent => consent::withdraw(app, actor, case, &f.consent_id, -1).await,
        O::RequestReferral => referrals::request(app, actor, case, &ReferralForm::default())
            .await
            .map(drop),
    }
}

fn reached(result: &Result<(), Error>) -> bool {
    !matches!(result, Err(Error::Forbidden | Error::NotFound))
}

/// What the issue's rule says, written out apart from the policy table: the home office does
/// all its role allows; a receiving office reads and works the contact side; nobody else
/// reaches the case.
fn expected_by_rule(standing: Standing, role_allows_at_home: bool, action: Action) -> bool {
    let reading_or_contact = matches!(
        action,
        Action::ViewCases | Action::ReadCaseDocuments | Action::ContactCase
    );
    match standing {
        Standing::Home => role_allows_at_home,
        Standing::Receiving => role_allows_at_home && reading_or_contact,
        Standing::TransferTarget | Standing::Unrelated => false,
    }
}

#[tokio::test]
async fn every_case_operation_reaches_exactly_the_offices_the_policy_table_names() {
    for_each_backend(test_settings(), |t| async move {
        let f = fixture(&t).await;
        let home = [f.home.clone()];
        let shared = [f.receiving.clone()];
        let mut mismatches = Vec::new();
        let mut tried = 0;
        for role in ["supervisor", "caseworker"] {
            for standing in STANDINGS {
                let actor = staff(&t, &f, standing, role).await.actor();
                for operation in Operation::ALL {
                    let action = operation.action();
                    let table = policy::is_allowed(&actor, action, Target::case(&home, &shared));
                    let at_home = policy::is_allowed(
                        &Actor {
                            offices: home.to_vec(),
                            ..actor.clone()
                        },
                        action,
                        Target::in_offices(&home),
                    );
                    let rule = expected_by_rule(standing, at_home, action);
                    let outcome = attempt(&t, &f, operation, &actor).await;
                    tried += 1;
                    if reached(&outcome) != table || table != rule {
                        mismatches.push(format!(
                            "{role} of the {standing:?} office, {operation:?}: got {outcome:?}, \
                             table says {table}, rule says {rule}"
                        ));
                    }
                }
            }
        }
        assert_eq!(tried, 2 * 4 * Operation::ALL.len());
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        t
    })
    .await;
}
