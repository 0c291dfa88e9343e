//! Demonstration data: offices in several countries and one user per role, so that a newcomer
//! can sign in as each role and see what it may see. Seeding is idempotent: it does nothing
//! when the database already has users. The seeded cases carry the content of their stage
//! ([`furnish`]).

mod furnish;

use crate::App;
use crate::accounts::{self, NewUser};
use crate::error::Result;
use crate::offices::{self, OfficeForm};
use crate::policy::{Actor, Role};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "corridor-demo";

/// One demo account.
#[derive(Debug, Clone, Copy)]
pub struct DemoLogin {
    pub username: &'static str,
    pub role: Role,
}

pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin {
        username: "admin",
        role: Role::Admin,
    },
    DemoLogin {
        username: "supervisor",
        role: Role::Supervisor,
    },
    DemoLogin {
        username: "caseworker",
        role: Role::Caseworker,
    },
    DemoLogin {
        username: "facilitator",
        role: Role::Facilitator,
    },
    DemoLogin {
        username: "editor",
        role: Role::KnowledgeEditor,
    },
    DemoLogin {
        username: "analyst",
        role: Role::Analyst,
    },
    DemoLogin {
        username: "migrant",
        role: Role::Migrant,
    },
];

/// Code, name, country, kind and time zone of each demo office.
const DEMO_OFFICES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "DE-BER",
        "Berlin headquarters",
        "DE",
        "headquarters",
        "Europe/Berlin",
    ),
    (
        "TR-IST",
        "Istanbul family assistance office",
        "TR",
        "field_office",
        "Europe/Istanbul",
    ),
    (
        "LB-BEY",
        "Beirut family assistance office",
        "LB",
        "field_office",
        "Asia/Beirut",
    ),
    (
        "ET-ADD",
        "Addis Ababa family assistance office",
        "ET",
        "field_office",
        "Africa/Addis_Ababa",
    ),
    (
        "EC-UIO",
        "Quito human mobility office",
        "EC",
        "field_office",
        "America/Guayaquil",
    ),
    (
        "PH-MNL",
        "Manila orientation centre",
        "PH",
        "field_office",
        "Asia/Manila",
    ),
    (
        "AE-DXB",
        "Consulate in Dubai",
        "AE",
        "consulate",
        "Asia/Dubai",
    ),
];

/// What seeding did.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded,
    AlreadyPresent,
}

pub async fn seed(app: &App) -> Result<SeedOutcome> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db.pool)
        .await?;
    if users > 0 {
        return Ok(SeedOutcome::AlreadyPresent);
    }
    let console = Actor::console();
    let mut office_ids = Vec::new();
    for (code, name, country, kind, time_zone) in DEMO_OFFICES {
        let form = OfficeForm {
            time_zone: (*time_zone).into(),
            code: (*code).into(),
            name: (*name).into(),
            country: (*country).into(),
            kind: (*kind).into(),
        };
        office_ids.push(offices::create(app, &console, &form).await?.id);
    }
    let field_office = office_ids.get(1).cloned().unwrap_or_default();
    for login in DEMO_LOGINS {
        let offices = match login.role {
            Role::Migrant => Vec::new(),
            Role::Admin | Role::Analyst => vec![office_ids.first().cloned().unwrap_or_default()],
            _ => vec![field_office.clone()],
        };
        let new_user = NewUser {
            username: login.username.into(),
            display_name: format!("Demo {}", login.role.as_str().replace('_', " ")),
            password: DEMO_PASSWORD.into(),
            locale: "en".into(),
            roles: vec![login.role.as_str().into()],
            offices,
        };
        accounts::create(app, &console, &new_user).await?;
    }
    if !app.packs.packs().is_empty() {
        seed_cases(app).await?;
        let options = crate::cases::generate::GenerateOptions {
            count: DEMO_GENERATED_CASES,
            office_code: None,
            seed: 7,
            history_days: 400,
        };
        crate::cases::generate::generate(app, &console, &options, |_| {}).await?;
    }
    crate::knowledge::seed::seed(app).await?;
    crate::orientation::seed::seed_demo(app).await?;
    Ok(SeedOutcome::Seeded)
}

/// Synthetic cases spread over every office, pathway, status and priority, besides the cases
/// the demo caseworker opens through the ordinary operations.
pub const DEMO_GENERATED_CASES: u64 = 160;

const SURNAMES: &[&str] = &[
    "Haddad",
    "Khalil",
    "Al-Masri",
    "Tesfaye",
    "Haile",
    "Ahmadi",
    "Karimi",
    "Hussein",
    "Abdi",
    "Yousef",
    "Müller",
    "Osman",
    "Gebremedhin",
    "Rahimi",
    "Nasser",
];
const GIVEN_NAMES: &[&str] = &[
    "Amal", "Rania", "Omar", "Yonas", "Selam", "Farid", "Zahra", "Mariam", "Dawit", "Layla",
    "Samir", "Hiwot",
];
const NATIONALITIES: &[&str] = &["SYR", "ERI", "AFG", "IRQ", "SOM", "YEM"];
/// How far along the workflow each demo case is taken, cycling.
const PROGRESS: &[&[&str]] = &[
    &[],
    &["counselling"],
    &["counselling", "forms"],
    &["counselling", "forms", "completeness_check"],
    &["counselling", "forms", "completeness_check", "forms"],
];

fn demo_actor(app_users: &[crate::accounts::User], username: &str) -> Option<Actor> {
    app_users
        .iter()
        .find(|user| user.username == username)
        .map(crate::accounts::User::actor)
}

/// Which seeded case is the demo migrant's own (a spouse reunification case in forms).
const DEMO_MIGRANT_CASE: usize = 3;

/// Opens the demo migrant's case to them in the portal: the account linked to the applicant,
/// the checklist from the facts known so far, a shared note and a message from the caseworker.
async fn link_demo_migrant(
    app: &App,
    users: &[crate::accounts::User],
    caseworker: &Actor,
    case: &crate::cases::Case,
) -> Result<()> {
    use crate::cases::{self, facts, notes};
    let Some(migrant) = demo_actor(users, "migrant") else {
        return Ok(());
    };
    let file = cases::open(app, caseworker, &case.id).await?;
    let Some(applicant) = file.members.first() else {
        return Ok(());
    };
    notes::link_account(
        app,
        caseworker,
        &case.id,
        &applicant.person.id,
        &migrant.user_id,
    )
    .await?;
    let (_, version) = facts::stored(app, &case.id).await?;
    facts::save(
        app,
        caseworker,
        &case.id,
        version,
        &[],
        facts::Typing::Exact,
    )
    .await?;
    notes::add_note(
        app,
        caseworker,
        &case.id,
        "Please bring the original marriage certificate to your appointment.",
        "shared",
    )
    .await?;
    notes::send_message(
        app,
        caseworker,
        &case.id,
        "Welcome. You can upload photos of your documents here, and write to me with any question.",
    )
    .await?;
    Ok(())
}

/// Synthetic family-reunification cases in the demo field office, some with confirmed priority.
async fn seed_cases(app: &App) -> Result<()> {
    use crate::cases::{self, MoveRequest, NewCaseForm, people::PersonForm};
    let users = accounts::list(&app.db, &Actor::console()).await?;
    let (Some(caseworker), Some(supervisor)) = (
        demo_actor(&users, "caseworker"),
        demo_actor(&users, "supervisor"),
    ) else {
        return Ok(());
    };
    let Some(office_id) = caseworker.offices.first().cloned() else {
        return Ok(());
    };
    let pathways = [
        "de/de.family.spouse",
        "de/de.family.child",
        "de/de.family.parents_of_minor_refugee",
    ];
    for n in 0..40_usize {
        let form = NewCaseForm {
            office_id: office_id.clone(),
            pathway: pathways[n % pathways.len()].to_owned(),
            applicant: PersonForm {
                surname: SURNAMES[n % SURNAMES.len()].to_owned(),
                given_names: GIVEN_NAMES[(n * 7) % GIVEN_NAMES.len()].to_owned(),
                birth_date: format!("{}-{:02}", 1970 + (n * 3) % 35, 1 + n % 12),
                sex: if n % 3 == 0 { "M" } else { "F" }.to_owned(),
                nationality: NATIONALITIES[n % NATIONALITIES.len()].to_owned(),
            },
        };
        let Ok(mut case) = cases::create(app, &caseworker, &form).await else {
            continue;
        };
        for to in PROGRESS[n % PROGRESS.len()] {
            let reason = if *to == "forms" && case.status.as_str() == "completeness_check" {
                "Marriage certificate missing"
            } else {
                ""
            };
            let request = MoveRequest {
                to: (*to).to_owned(),
                reason: reason.to_owned(),
                override_completeness: false,
            };
            case = cases::move_case(app, &caseworker, &case.id, case.version, &request).await?;
        }
        let staff = furnish::DemoStaff {
            caseworker: &caseworker,
            supervisor: &supervisor,
        };
        furnish::furnish(app, &staff, &case, n).await?;
        if n == DEMO_MIGRANT_CASE {
            link_demo_migrant(app, &users, &caseworker, &case).await?;
        }
        if n % 6 == 1 {
            let codes = if n % 12 == 1 {
                vec!["LP-AN".to_owned()]
            } else {
                vec!["SC-UC".to_owned(), "SM-CI".to_owned()]
            };
            cases::assess(
                app,
                &caseworker,
                &case.id,
                case.version,
                &codes,
                "Recorded in the demonstration data",
            )
            .await?;
            if n % 4 == 1 {
                let current = cases::open(app, &supervisor, &case.id).await?.case;
                cases::confirm_priority(app, &supervisor, &case.id, current.version).await?;
            }
        }
    }
    Ok(())
}
