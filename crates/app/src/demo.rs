//! Demonstration data: offices in several countries and one user per role, so that a newcomer
//! can sign in as each role and see what it may see. Seeding is idempotent: it does nothing
//! when the database already has users.

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

const DEMO_OFFICES: &[(&str, &str, &str, &str)] = &[
    ("DE-BER", "Berlin headquarters", "DE", "headquarters"),
    (
        "TR-IST",
        "Istanbul family assistance office",
        "TR",
        "field_office",
    ),
    (
        "LB-BEY",
        "Beirut family assistance office",
        "LB",
        "field_office",
    ),
    (
        "ET-ADD",
        "Addis Ababa family assistance office",
        "ET",
        "field_office",
    ),
    (
        "EC-UIO",
        "Quito human mobility office",
        "EC",
        "field_office",
    ),
    ("PH-MNL", "Manila orientation centre", "PH", "field_office"),
    ("AE-DXB", "Consulate in Dubai", "AE", "consulate"),
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
    for (code, name, country, kind) in DEMO_OFFICES {
        let form = OfficeForm {
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
    crate::orientation::seed::seed_demo(app).await?;
    Ok(SeedOutcome::Seeded)
}
