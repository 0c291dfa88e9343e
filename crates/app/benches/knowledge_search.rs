//! Good-practice search: tantivy (as used by the application) against SQLite FTS5 on the same
//! 100,000 synthetic practices and the same queries, in one run.
//!
//! Measures indexing rate and search latency for free text plus two facet filters (a GCM
//! objective and a region). Tantivy's search is the application's own `PracticeIndex::search`,
//! which also counts all nine facets and highlights excerpts; FTS5 returns the top 20 by bm25 and
//! the total. Run: `cargo bench -p app --bench knowledge_search` (set `PRACTICES=` to change n).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::knowledge::index::{IndexedPractice, PracticeIndex};
use app::knowledge::taxonomy::{FacetKind, PRACTICE_TYPES, PRINCIPLES, REGIONS, STAGES};
use app::knowledge::{PracticeContent, SearchRequest, SortOrder};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

const QUERIES: usize = 300;
const VOCABULARY: usize = 20_000;

/// A small deterministic generator (xorshift), so every run sees the same data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small numbers, roughly like word frequencies.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * n as f64) as usize
    }
}

const COMMON: [&str; 24] = [
    "migrants",
    "families",
    "reunification",
    "orientation",
    "workers",
    "recruitment",
    "return",
    "integration",
    "skills",
    "remittances",
    "documents",
    "consular",
    "children",
    "training",
    "employment",
    "housing",
    "health",
    "rights",
    "information",
    "community",
    "programme",
    "partners",
    "evaluation",
    "services",
];

fn word(random: &mut Random) -> String {
    if random.below(4) == 0 {
        COMMON[random.below(COMMON.len())].to_owned()
    } else {
        format!("w{}", random.skewed(VOCABULARY))
    }
}

fn words(random: &mut Random, count: usize) -> String {
    (0..count)
        .map(|_| word(random))
        .collect::<Vec<_>>()
        .join(" ")
}

fn practice(random: &mut Random) -> PracticeContent {
    let languages = ["en", "en", "en", "fr", "es", "ar", "de"];
    let objectives: Vec<u8> = (0..1 + random.below(3))
        .map(|_| 1 + random.below(23) as u8)
        .collect();
    let start = 2005 + random.below(19) as i32;
    PracticeContent {
        title: words(random, 7),
        summary: words(random, 25),
        description: words(random, 120),
        results: words(random, 30),
        objectives,
        principles: vec![PRINCIPLES[random.below(10)].to_owned()],
        stages: vec![STAGES[random.below(3)].to_owned()],
        regions: vec![REGIONS[random.below(5)].to_owned()],
        countries: vec![
            ["DE", "TR", "PH", "EC", "CA", "JO", "KE", "NZ"][random.below(8)].to_owned(),
        ],
        year_start: Some(start),
        year_end: Some(start + random.below(4) as i32),
        practice_type: PRACTICE_TYPES[random.below(6)].to_owned(),
        evidence_strength: [
            "anecdotal",
            "monitored",
            "evaluated",
            "rigorously_evaluated",
        ][random.below(4)]
        .to_owned(),
        language: languages[random.below(languages.len())].to_owned(),
        ..PracticeContent::default()
    }
}

struct Query {
    text: String,
    objective: u8,
    region: &'static str,
}

fn queries(random: &mut Random) -> Vec<Query> {
    (0..QUERIES)
        .map(|_| Query {
            text: if random.below(2) == 0 {
                COMMON[random.below(COMMON.len())].to_owned()
            } else {
                format!("w{}", random.skewed(2_000))
            },
            objective: 1 + random.below(23) as u8,
            region: REGIONS[random.below(5)],
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn report(name: &str, mut timings: Vec<Duration>) -> Duration {
    timings.sort();
    let p50 = percentile(&timings, 0.50);
    let p95 = percentile(&timings, 0.95);
    println!(
        "{name:<8} search p50 {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms",
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        timings.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    p95
}

fn main() {
    let count: usize = std::env::var("PRACTICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let practices: Vec<PracticeContent> = (0..count).map(|_| practice(&mut random)).collect();
    let ids: Vec<String> = (0..count).map(|i| format!("p{i:07}")).collect();
    let queries = queries(&mut random);
    println!("{count} synthetic practices, {QUERIES} queries (text + objective + region)");

    let folder = tempfile::tempdir().unwrap();
    let index = PracticeIndex::open_or_create(&folder.path().join("tantivy")).unwrap();
    let started = Instant::now();
    let documents = practices
        .iter()
        .zip(&ids)
        .enumerate()
        .map(|(n, (content, id))| IndexedPractice {
            id,
            content,
            published_at: n as i64,
        });
    index.replace_all(documents, 1).unwrap();
    let tantivy_rate = count as f64 / started.elapsed().as_secs_f64();
    println!("tantivy  indexing {tantivy_rate:>10.0} practices/s");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fts_rate = runtime.block_on(fts_index(folder.path(), &practices));
    println!("fts5     indexing {fts_rate:>10.0} practices/s");

    let mut tantivy_timings = Vec::with_capacity(QUERIES);
    let mut tantivy_hits = 0;
    for query in &queries {
        let request = SearchRequest {
            text: query.text.clone(),
            filters: vec![
                (FacetKind::Objective, query.objective.to_string()),
                (FacetKind::Region, query.region.to_owned()),
            ],
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 20,
        };
        let started = Instant::now();
        let results = index.search(&request).unwrap();
        tantivy_timings.push(started.elapsed());
        tantivy_hits += results.total;
    }
    let (fts_timings, fts_hits) = runtime.block_on(fts_search(folder.path(), &queries));
    println!("matches summed over all queries: tantivy {tantivy_hits}, fts5 {fts_hits}");
    let tantivy_p95 = report("tantivy", tantivy_timings);
    let fts_p95 = report("fts5", fts_timings);
    println!(
        "ratio    search p95 fts5/tantivy {:.2}   indexing tantivy/fts5 {:.2}",
        fts_p95.as_secs_f64() / tantivy_p95.as_secs_f64(),
        tantivy_rate / fts_rate
    );
}

async fn fts_pool(folder: &std::path::Path) -> sqlx::SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(folder.join("fts.db"))
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap()
}

async fn fts_index(folder: &std::path::Path, practices: &[PracticeContent]) -> f64 {
    let pool = fts_pool(folder).await;
    for statement in [
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
        "CREATE TABLE practices (id INTEGER PRIMARY KEY, region TEXT NOT NULL, published_at INTEGER NOT NULL)",
        "CREATE TABLE practice_objectives (objective INTEGER NOT NULL, practice INTEGER NOT NULL, PRIMARY KEY (objective, practice)) WITHOUT ROWID",
        "CREATE INDEX practices_region ON practices (region, id)",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    let started = Instant::now();
    let mut tx = pool.begin().await.unwrap();
    for (n, practice) in practices.iter().enumerate() {
        let rowid = n as i64 + 1;
        let body = format!(
            "{} {} {}",
            practice.summary, practice.description, practice.results
        );
        sqlx::query("INSERT INTO fts (rowid, title, body) VALUES ($1, $2, $3)")
            .bind(rowid)
            .bind(&practice.title)
            .bind(&body)
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query("INSERT INTO practices (id, region, published_at) VALUES ($1, $2, $3)")
            .bind(rowid)
            .bind(&practice.regions[0])
            .bind(rowid)
            .execute(&mut *tx)
            .await
            .unwrap();
        let mut objectives = practice.objectives.clone();
        objectives.sort_unstable();
        objectives.dedup();
        for objective in objectives {
            sqlx::query("INSERT INTO practice_objectives (objective, practice) VALUES ($1, $2)")
                .bind(i64::from(objective))
                .bind(rowid)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    practices.len() as f64 / started.elapsed().as_secs_f64()
}

async fn fts_search(folder: &std::path::Path, queries: &[Query]) -> (Vec<Duration>, usize) {
    let pool = fts_pool(folder).await;
    let filter = "fts MATCH $1 AND p.region = $2 AND EXISTS \
        (SELECT 1 FROM practice_objectives o WHERE o.objective = $3 AND o.practice = p.id)";
    let page = format!(
        "SELECT p.id, bm25(fts, 2.0, 1.0) AS score FROM fts JOIN practices p ON p.id = fts.rowid \
         WHERE {filter} ORDER BY score LIMIT 20"
    );
    let count =
        format!("SELECT COUNT(*) FROM fts JOIN practices p ON p.id = fts.rowid WHERE {filter}");
    let mut timings = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for query in queries {
        let started = Instant::now();
        let rows = sqlx::query(sqlx::AssertSqlSafe(page.as_str()))
            .bind(&query.text)
            .bind(query.region)
            .bind(i64::from(query.objective))
            .fetch_all(&pool)
            .await
            .unwrap();
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count.as_str()))
            .bind(&query.text)
            .bind(query.region)
            .bind(i64::from(query.objective))
            .fetch_one(&pool)
            .await
            .unwrap();
        timings.push(started.elapsed());
        let _first: Option<i64> = rows.first().map(|row| row.get(0));
        hits += total as usize;
    }
    (timings, hits)
}
