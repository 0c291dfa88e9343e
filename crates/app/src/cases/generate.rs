//! Synthetic cases for demonstrations and load tests (`corridor generate cases`).
//!
//! The cases look like real ones: names that fit the office's region, partly unknown dates of
//! birth, a spread of pathways, statuses, priorities, due dates and assignees, and timelines that
//! say how each case got where it is. People are sealed and blind-indexed exactly as
//! [`super::people`] does it, so search and the case page treat them like any other.
//!
//! Speed comes from batching: one transaction per batch of [`BATCH`] cases, multi-row inserts,
//! case references reserved as a block per office and year, and one audit event per batch
//! (`case.generate`, with the count) instead of one per case. Only an administrator (in
//! practice the console) may generate.

use std::collections::HashMap;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;

use super::people::{self, PersonNames};
use super::triage::{self, Priority};
use super::workflow::CaseStatus;
use super::{MemberRole, destination_code, quotas};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::{Backend, Rows, Tx, Value};
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{DAY, Millis, new_id, now_millis};

/// Cases per transaction.
pub const BATCH: u64 = 5_000;
/// The tables a generation fills.
const FILLED_TABLES: [&str; 4] = ["cases", "case_members", "people", "case_events"];
/// From this many cases on, the secondary indexes of the filled tables are dropped for the load
/// and built once after it (see `Db::defer_indexes`); smaller runs, such as the demo's, keep them.
const DEFER_INDEXES_FROM: u64 = 50_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub count: u64,
    /// Only this office (its code); otherwise every office in turn.
    pub office_code: Option<String>,
    /// The same seed gives the same names, statuses and dates.
    pub seed: u64,
    /// How far back cases were opened, in days.
    pub history_days: i64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            count: 1_000,
            office_code: None,
            seed: 2026,
            history_days: 730,
        }
    }
}

struct Office {
    id: String,
    country: String,
    caseworkers: Vec<String>,
}

struct PathwayChoice {
    pack_id: String,
    pack_hash: String,
    pathway_id: String,
}

/// Names that fit a region: surnames, given names (female, male) and nationalities.
struct NamePool {
    surnames: &'static [&'static str],
    female: &'static [&'static str],
    male: &'static [&'static str],
    nationalities: &'static [&'static str],
}

const LEVANT: NamePool = NamePool {
    surnames: &[
        "Haddad", "Khalil", "Al-Masri", "Nasser", "Hussein", "Yousef", "Darwish", "Hamdan",
        "Saleh", "Aziz", "Mansour", "Qasim", "Al-Hamwi", "Sabbagh",
    ],
    female: &[
        "Amal", "Rania", "Layla", "Mariam", "Noor", "Huda", "Rasha", "Samira", "Lina",
    ],
    male: &[
        "Omar", "Samir", "Ahmad", "Khaled", "Yusuf", "Hassan", "Ali", "Karim", "Tarek",
    ],
    nationalities: &["SYR", "SYR", "SYR", "IRQ", "YEM", "LBN"],
};
const HORN: NamePool = NamePool {
    surnames: &[
        "Tesfaye",
        "Haile",
        "Gebremedhin",
        "Tekle",
        "Berhane",
        "Kidane",
        "Woldemariam",
        "Asfaw",
        "Abdi",
        "Osman",
        "Farah",
        "Warsame",
    ],
    female: &[
        "Selam", "Hiwot", "Meron", "Saba", "Tsega", "Ruth", "Hodan", "Asha",
    ],
    male: &[
        "Yonas", "Dawit", "Biniam", "Samuel", "Henok", "Liban", "Bashir",
    ],
    nationalities: &["ERI", "ERI", "ETH", "SOM"],
};
const CENTRAL_ASIA: NamePool = NamePool {
    surnames: &[
        "Ahmadi",
        "Karimi",
        "Rahimi",
        "Hosseini",
        "Mohammadi",
        "Sultani",
        "Noori",
        "Azizi",
    ],
    female: &["Zahra", "Fatima", "Maryam", "Shabnam", "Parwana", "Nilofar"],
    male: &["Farid", "Mahmood", "Jawad", "Reza", "Hamid", "Sohrab"],
    nationalities: &["AFG", "AFG", "IRN"],
};
const ANDES: NamePool = NamePool {
    surnames: &[
        "García",
        "Rodríguez",
        "Pérez",
        "González",
        "Hernández",
        "Martínez",
        "López",
        "Ramírez",
    ],
    female: &["María José", "Andrea", "Daniela", "Valentina", "Carolina"],
    male: &["José Luis", "Carlos", "Andrés", "Miguel", "Luis"],
    nationalities: &["VEN", "VEN", "COL", "PER"],
};
const ISLANDS: NamePool = NamePool {
    surnames: &[
        "Santos",
        "Reyes",
        "Cruz",
        "Bautista",
        "Ocampo",
        "Mendoza",
        "Dela Cruz",
    ],
    female: &["Maria", "Jennifer", "Kristine", "Angelica"],
    male: &["Juan", "Mark", "John Paul", "Jose"],
    nationalities: &["PHL"],
};

fn pools_for(country: &str) -> &'static [NamePool] {
    match country {
        "EC" => &[ANDES],
        "PH" => &[ISLANDS],
        "ET" => &[HORN],
        "LB" => &[LEVANT],
        "TR" => &[LEVANT, LEVANT, CENTRAL_ASIA],
        _ => &[LEVANT, HORN, CENTRAL_ASIA],
    }
}

fn pool_for(rng: &mut SmallRng, country: &str) -> &'static NamePool {
    let pools = pools_for(country);
    &pools[rng.random_range(0..pools.len())]
}

fn pick<T: Copy>(rng: &mut SmallRng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// A status for a case opened `age_days` ago: young cases are early in the workflow.
fn status_for(rng: &mut SmallRng, age_days: i64) -> CaseStatus {
    use CaseStatus as S;
    const YOUNG: &[(CaseStatus, u32)] = &[(S::Intake, 50), (S::Counselling, 30), (S::Forms, 20)];
    const OLDER: &[(CaseStatus, u32)] = &[
        (S::Intake, 6),
        (S::Counselling, 10),
        (S::Forms, 12),
        (S::CompletenessCheck, 10),
        (S::ReadyForSubmission, 6),
        (S::AppointmentBooked, 6),
        (S::Submitted, 14),
        (S::Approved, 9),
        (S::Refused, 4),
        (S::Travel, 5),
        (S::Closed, 12),
        (S::OnHold, 3),
        (S::Withdrawn, 3),
    ];
    let table = if age_days < 30 { YOUNG } else { OLDER };
    let total: u32 = table.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.random_range(0..total);
    for (status, weight) in table {
        if roll < *weight {
            return *status;
        }
        roll -= weight;
    }
    S::Intake
}

/// The status a case usually comes from, for its latest timeline entry.
fn previous_status(status: CaseStatus) -> Option<CaseStatus> {
    use CaseStatus as S;
    match status {
        S::Intake => None,
        S::Counselling => Some(S::Intake),
        S::Forms => Some(S::Counselling),
        S::CompletenessCheck => Some(S::Forms),
        S::ReadyForSubmission => Some(S::CompletenessCheck),
        S::AppointmentBooked => Some(S::ReadyForSubmission),
        S::Submitted => Some(S::AppointmentBooked),
        S::Approved | S::Refused => Some(S::Submitted),
        S::Travel => Some(S::Approved),
        S::Closed => Some(S::Travel),
        S::OnHold | S::Withdrawn => Some(S::Forms),
    }
}

/// Keys of names already rendered and hashed: a name's blind index is the same every time.
#[derive(Default)]
struct KeyCache {
    surnames: HashMap<&'static str, String>,
    names: HashMap<(&'static str, &'static str), String>,
}

struct Generator<'a> {
    app: &'a App,
    rng: SmallRng,
    offices: Vec<Office>,
    pathways: Vec<PathwayChoice>,
    keys: KeyCache,
    now: Millis,
    history_days: i64,
    codes: &'static triage::NeedCodes,
}

/// One generated case before its reference is known.
struct Draft {
    office: usize,
    /// Its index in the generator's pathways.
    pathway: usize,
    year: i64,
    /// The `YYYY-MM` of its approval, for a case generated as `decided_approved`.
    approved_in: Option<String>,
    row: Vec<Value>,
}

impl Generator<'_> {
    fn person(
        &mut self,
        people_rows: &mut Rows,
        office: usize,
        surname: &'static str,
        female: bool,
        age: i64,
        nationality: &'static str,
    ) -> Result<String> {
        let pool = pool_for(&mut self.rng, &self.offices[office].country);
        let given: &'static str = if female {
            pick(&mut self.rng, pool.female)
        } else {
            pick(&mut self.rng, pool.male)
        };
        let app = self.app;
        let surname_key = self
            .keys
            .surnames
            .entry(surname)
            .or_insert_with(|| people::surname_key(app, surname))
            .clone();
        let name_key = self
            .keys
            .names
            .entry((surname, given))
            .or_insert_with(|| {
                people::name_key(
                    app,
                    &PersonNames {
                        surname: surname.to_owned(),
                        given_names: given.to_owned(),
                    },
                )
            })
            .clone();
        let id = new_id();
        let names = serde_json::to_string(&PersonNames {
            surname: surname.to_owned(),
            given_names: given.to_owned(),
        })
        .map_err(Error::internal)?;
        let sealed_names = app.keyring.seal_text(
            FieldContext {
                table: "people",
                column: "names",
                row_id: &id,
            },
            &names,
        )?;
        let current_year = year_of(self.now);
        let birth_year = current_year - age;
        // One in ten dates of birth is known only by its year, as on many documents.
        let birth_date = if self.rng.random_range(0..10) == 0 {
            format!("{birth_year}")
        } else {
            format!(
                "{birth_year}-{:02}-{:02}",
                self.rng.random_range(1..=12),
                self.rng.random_range(1..=28)
            )
        };
        let sealed_birth = app.keyring.seal_text(
            FieldContext {
                table: "people",
                column: "birth_date",
                row_id: &id,
            },
            &birth_date,
        )?;
        people_rows.push([
            Value::Text(id.clone()),
            Value::Text(self.offices[office].id.clone()),
            Value::Bytes(sealed_names),
            Value::Text(name_key),
            Value::Text(surname_key),
            Value::Bytes(sealed_birth),
            Value::Int(birth_year),
            Value::Text(if female { "F" } else { "M" }.to_owned()),
            Value::Text(nationality.to_owned()),
            Value::Int(self.now),
        ]);
        Ok(id)
    }

    /// One case with its people and timeline; the case row lacks its reference.
    fn case(
        &mut self,
        n: u64,
        people_rows: &mut Rows,
        members: &mut Rows,
        events: &mut Rows,
    ) -> Result<Draft> {
        let office = usize::try_from(n).unwrap_or(0) % self.offices.len();
        let pathway = self.rng.random_range(0..self.pathways.len());
        let age_days = self.rng.random_range(0..self.history_days.max(1));
        let opened_at = self.now - age_days * DAY - self.rng.random_range(0..DAY);
        let status = status_for(&mut self.rng, age_days);
        let roll = self.rng.random_range(0..100);
        let priority = match roll {
            0..3 => Priority::Emergency,
            3..15 => Priority::Urgent,
            _ => Priority::Normal,
        };
        // A few cases wait for a supervisor to confirm what their assessment suggests.
        let suggested = (priority == Priority::Normal && self.rng.random_range(0..50) == 0)
            .then_some(Priority::Urgent);
        let held = (status == CaseStatus::OnHold).then_some(CaseStatus::Forms);
        let caseworkers = &self.offices[office].caseworkers;
        let assigned = (!caseworkers.is_empty() && self.rng.random_range(0..5) > 0)
            .then(|| caseworkers[self.rng.random_range(0..caseworkers.len())].clone());
        let moved_at = opened_at + self.rng.random_range(0..=(self.now - opened_at).max(1));
        let id = new_id();
        let pack = &self.pathways[pathway];
        let row = vec![
            Value::Text(id.clone()),
            Value::Text(self.offices[office].id.clone()),
            Value::Text(pack.pack_id.clone()),
            Value::Text(pack.pack_hash.clone()),
            Value::Text(pack.pathway_id.clone()),
            Value::Text(status.as_str().to_owned()),
            Value::OptText(held.map(|status| status.as_str().to_owned())),
            Value::Text(priority.as_str().to_owned()),
            Value::Int(priority.rank()),
            Value::OptText(suggested.map(|priority| priority.as_str().to_owned())),
            Value::Int(i64::from(
                priority != Priority::Normal || suggested.is_some(),
            )),
            Value::OptText(assigned),
            Value::Int(opened_at),
            Value::Int(opened_at + self.codes.sla(priority)),
            Value::Int(if status == CaseStatus::Intake {
                opened_at
            } else {
                moved_at
            }),
        ];
        let pool = pool_for(&mut self.rng, &self.offices[office].country);
        let surname: &'static str = pick(&mut self.rng, pool.surnames);
        let nationality: &'static str = pick(&mut self.rng, pool.nationalities);
        let female = self.rng.random_range(0..3) > 0;
        let age = self.rng.random_range(18..60);
        let applicant = self.person(people_rows, office, surname, female, age, nationality)?;
        members.push([
            Value::Text(id.clone()),
            Value::Text(applicant),
            Value::Text(MemberRole::PrincipalApplicant.as_str().to_owned()),
        ]);
        if n.is_multiple_of(3) {
            let sponsor_age = age + self.rng.random_range(-5..8);
            let sponsor = self.person(
                people_rows,
                office,
                surname,
                !female,
                sponsor_age,
                nationality,
            )?;
            members.push([
                Value::Text(id.clone()),
                Value::Text(sponsor),
                Value::Text(MemberRole::Sponsor.as_str().to_owned()),
            ]);
        }
        events.push([
            Value::Text(new_id()),
            Value::Text(id.clone()),
            Value::Int(opened_at),
            Value::Text("opened".to_owned()),
            Value::OptText(None),
            Value::OptText(None),
        ]);
        if let Some(from) = previous_status(status) {
            events.push([
                Value::Text(new_id()),
                Value::Text(id),
                Value::Int(moved_at),
                Value::Text("status".to_owned()),
                Value::OptText(Some(from.as_str().to_owned())),
                Value::OptText(Some(status.as_str().to_owned())),
            ]);
        }
        let approved_in = (status == CaseStatus::Approved)
            .then(|| quotas::month_of(moved_at))
            .transpose()?;
        Ok(Draft {
            office,
            pathway,
            year: year_of(opened_at),
            approved_in,
            row,
        })
    }

    /// Generates and stores one batch in one transaction.
    async fn batch(&mut self, actor: &Actor, first: u64, size: u64) -> Result<()> {
        let mut cases = Rows::new(
            "INSERT INTO cases (id, office_id, pack_id, pack_hash, pathway_id, status, held_status, priority, \
             priority_rank, suggested_priority, has_vulnerability, assigned_to, opened_at, due_at, updated_at, reference) VALUES",
            16,
        );
        let mut people_rows = Rows::new(
            "INSERT INTO people (id, office_id, names, name_key, surname_key, birth_date, birth_year, sex, nationality, created_at) VALUES",
            10,
        );
        let mut members = Rows::new(
            "INSERT INTO case_members (case_id, person_id, role) VALUES",
            3,
        );
        let mut events = Rows::new(
            "INSERT INTO case_events (id, case_id, at, kind, from_status, to_status) VALUES",
            6,
        );
        let mut drafts = Vec::new();
        for n in first..first + size {
            drafts.push(self.case(n, &mut people_rows, &mut members, &mut events)?);
        }
        let mut tx = self.app.db.begin().await?;
        if self.app.db.backend == Backend::Sqlite {
            // The default page cache (2 MB) is far smaller than the indexes of a million cases:
            // without this, every batch reads the same index pages again from the file.
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut *tx)
                .await?;
        }
        let mut blocks: HashMap<(usize, i64), (i64, String)> = HashMap::new();
        let mut wanted: HashMap<(usize, i64), i64> = HashMap::new();
        for draft in &drafts {
            *wanted.entry((draft.office, draft.year)).or_default() += 1;
        }
        for ((office, year), count) in wanted {
            let first_number = reserve(&mut tx, &self.offices[office].id, year, count).await?;
            blocks.insert(
                (office, year),
                (first_number, self.offices[office].country.clone()),
            );
        }
        let mut approvals: HashMap<(usize, &str), i64> = HashMap::new();
        for draft in &drafts {
            if let Some(month) = &draft.approved_in {
                *approvals.entry((draft.pathway, month)).or_default() += 1;
            }
        }
        for ((pathway, month), count) in approvals {
            let choice = &self.pathways[pathway];
            quotas::add_approvals(&mut tx, &choice.pack_id, &choice.pathway_id, month, count)
                .await?;
        }
        for draft in drafts {
            let Some((next, country)) = blocks.get_mut(&(draft.office, draft.year)) else {
                return Err(Error::Internal("no reference block".into()));
            };
            let reference = format!(
                "{country}-{}-{}-{:06}",
                destination_code(&self.pathways[draft.pathway].pack_id),
                draft.year,
                *next
            );
            *next += 1;
            cases.push(draft.row);
            cases.push([Value::Text(reference)]);
        }
        let backend = self.app.db.backend;
        cases.insert(&mut tx, backend).await?;
        people_rows.insert(&mut tx, backend).await?;
        members.insert(&mut tx, backend).await?;
        events.insert(&mut tx, backend).await?;
        let office = (self.offices.len() == 1).then(|| self.offices[0].id.as_str());
        audit::record(
            &mut tx,
            NewAuditEvent::new(actor.audit_id(), AuditAction::CaseGenerate, "case", None)
                .in_office(office)
                .with_details(serde_json::json!({ "count": size, "synthetic": true })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn year_of(millis: Millis) -> i64 {
    jiff::Timestamp::from_millisecond(millis)
        .map(|stamp| i64::from(jiff::tz::TimeZone::UTC.to_datetime(stamp).date().year()))
        .unwrap_or(1970)
}

/// Reserves `count` consecutive reference numbers of an office and year; returns the first.
async fn reserve(tx: &mut Tx, office_id: &str, year: i64, count: i64) -> Result<i64> {
    sqlx::query("INSERT INTO case_counters (office_id, year, next) VALUES ($1, $2, 1) ON CONFLICT (office_id, year) DO NOTHING")
        .bind(office_id)
        .bind(year)
        .execute(&mut **tx)
        .await?;
    let first: i64 = sqlx::query_scalar(
        "UPDATE case_counters SET next = next + $1 WHERE office_id = $2 AND year = $3 RETURNING next - $1",
    )
    .bind(count)
    .bind(office_id)
    .bind(year)
    .fetch_one(&mut **tx)
    .await?;
    Ok(first)
}

async fn offices(app: &App, code: Option<&str>) -> Result<Vec<Office>> {
    let rows = sqlx::query(
        "SELECT id, country FROM offices WHERE ($1 IS NULL OR code = $1) ORDER BY code",
    )
    .bind(code)
    .fetch_all(&app.db.pool)
    .await?;
    let mut offices = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let caseworkers = sqlx::query_scalar(
            "SELECT o.user_id FROM user_offices o JOIN user_roles r ON r.user_id = o.user_id AND r.role = 'caseworker' \
             JOIN users u ON u.id = o.user_id WHERE o.office_id = $1 AND u.disabled_at IS NULL ORDER BY o.user_id",
        )
        .bind(&id)
        .fetch_all(&app.db.pool)
        .await?;
        offices.push(Office {
            country: row.try_get("country")?,
            id,
            caseworkers,
        });
    }
    Ok(offices)
}

/// Generates `options.count` cases; `progress` hears how many are stored after each batch.
pub async fn generate(
    app: &App,
    actor: &Actor,
    options: &GenerateOptions,
    mut progress: impl FnMut(u64),
) -> Result<u64> {
    policy::authorize(actor, Action::GenerateSyntheticData, Target::system())?;
    let offices = offices(app, options.office_code.as_deref()).await?;
    if offices.is_empty() {
        return Err(Error::invalid("office", "error-choose-option"));
    }
    let pathways: Vec<PathwayChoice> = app
        .packs
        .packs()
        .iter()
        .flat_map(|pack| {
            pack.pathways.iter().map(|pathway| PathwayChoice {
                pack_id: pack.id.clone(),
                pack_hash: pack.hash.clone(),
                pathway_id: pathway.id.clone(),
            })
        })
        .collect();
    if pathways.is_empty() {
        return Err(Error::invalid("pathway", "error-choose-option"));
    }
    let mut generator = Generator {
        app,
        rng: SmallRng::seed_from_u64(options.seed),
        offices,
        pathways,
        keys: KeyCache::default(),
        now: now_millis(),
        history_days: options.history_days,
        codes: triage::need_codes()?,
    };
    let deferred = if options.count >= DEFER_INDEXES_FROM {
        Some(app.db.defer_indexes(&FILLED_TABLES).await?)
    } else {
        None
    };
    let mut done = 0;
    let mut outcome = Ok(());
    while done < options.count && outcome.is_ok() {
        let size = BATCH.min(options.count - done);
        outcome = generator.batch(actor, done, size).await;
        if outcome.is_ok() {
            done += size;
            progress(done);
        }
    }
    // The indexes come back even when a batch failed: the batches before it are kept.
    if let Some(deferred) = deferred {
        app.db.rebuild_indexes(deferred).await?;
    }
    // Fresh statistics: PostgreSQL does not analyze the tables before autovacuum gets to them,
    // and with the row counts of the demonstration data it plans the queue's join to the
    // members as a scan of all of them (seconds instead of milliseconds, BENCHMARKS.md).
    for table in FILLED_TABLES {
        sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {table}")))
            .execute(&app.db.pool)
            .await?;
    }
    // Batches write cases directly: their tallies are built from what was stored, also when a
    // batch failed after others had committed.
    super::rollup::rebuild(app).await?;
    outcome?;
    Ok(done)
}
