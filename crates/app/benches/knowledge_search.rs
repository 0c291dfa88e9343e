//! Good-practice search: tantivy (as the application uses it) against SQLite FTS5 on the same
//! synthetic practices, the same queries and the same filters, in one run.
//!
//! The corpus draws its words from a Zipf–Mandelbrot distribution over 50,000 words, so that a
//! few words (real ones: "migrants", "families", …) occur in a quarter of the practices and most
//! occur in well under one percent, as in real text once stop words are gone. Queries have one
//! or two words (all required); a fifth of the words are among the 30 most common. Every query
//! carries two facet filters, a GCM objective and a region.
//!
//! Both engines answer the same question: the top 20 by relevance with title, summary and a
//! highlighted excerpt, the total, and counts for all nine facets where a filtered facet is
//! counted without its own filter. Tantivy runs `PracticeIndex::search`; FTS5 runs one page
//! query (bm25, title weighted double, `snippet()`) and one SQL query for the total and the facet
//! counts, with facets in a `(practice, kind, value)` table filled from the same values. Both
//! SQL queries take the text matches first and filter them by index lookups (see `FTS_PAGE`).
//!
//! Run: `cargo bench -p app --bench knowledge_search`. `PRACTICES=n` changes the size (default
//! 100,000); `BENCH_DIR=path` keeps both indexes there and reuses them on the next run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use app::knowledge::index::{IndexedPractice, PracticeIndex, facet_values};
use app::knowledge::taxonomy::{FacetKind, PRACTICE_TYPES, PRINCIPLES, REGIONS, STAGES};
use app::knowledge::{PracticeContent, SearchRequest, SortOrder};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

const QUERIES: usize = 300;
const WARM_UP: usize = 50;
const PAGE: usize = 20;
const VOCABULARY: usize = 50_000;
/// Zipf–Mandelbrot: the word of rank r has weight 1 / (r + SHIFT).
const SHIFT: f64 = 100.0;
/// Query words counted as common: the most frequent ones.
const COMMON_RANKS: usize = 30;

/// The most frequent words are real ones, the rest are `w<rank>`.
const FREQUENT: [&str; 30] = [
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
    "language",
    "diaspora",
    "labour",
    "protection",
    "schools",
    "volunteers",
];

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
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Word ranks by Zipf–Mandelbrot frequency (rank 0 is the most frequent).
struct Vocabulary {
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut total = 0.0;
        let mut cumulative: Vec<f64> = (0..VOCABULARY)
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0 + SHIFT);
                total
            })
            .collect();
        for value in &mut cumulative {
            *value /= total;
        }
        Vocabulary { cumulative }
    }

    fn rank(&self, random: &mut Random) -> usize {
        let u = random.unit();
        self.cumulative
            .partition_point(|&c| c < u)
            .min(VOCABULARY - 1)
    }

    /// Share of practices of `length` words containing the word of `rank`.
    fn document_share(&self, rank: usize, length: usize) -> f64 {
        let previous = if rank == 0 {
            0.0
        } else {
            self.cumulative[rank - 1]
        };
        1.0 - (1.0 - (self.cumulative[rank] - previous)).powi(length as i32)
    }
}

fn word(rank: usize) -> String {
    match FREQUENT.get(rank) {
        Some(word) => (*word).to_owned(),
        None => format!("w{rank}"),
    }
}

fn words(vocabulary: &Vocabulary, random: &mut Random, count: usize) -> String {
    (0..count)
        .map(|_| word(vocabulary.rank(random)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn practice(vocabulary: &Vocabulary, random: &mut Random) -> PracticeContent {
    let languages = ["en", "en", "en", "fr", "es", "ar", "de"];
    let objectives: Vec<u8> = (0..1 + random.below(3))
        .map(|_| 1 + random.below(23) as u8)
        .collect();
    let start = 2005 + random.below(19) as i32;
    PracticeContent {
        title: words(vocabulary, random, 7),
        summary: words(vocabulary, random, 25),
        description: words(vocabulary, random, 120),
        results: words(vocabulary, random, 30),
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
    .normalised()
}

struct Query {
    words: Vec<String>,
    objective: String,
    region: &'static str,
}

impl Query {
    fn request(&self) -> SearchRequest {
        SearchRequest {
            text: self.words.join(" "),
            filters: vec![
                (FacetKind::Objective, self.objective.clone()),
                (FacetKind::Region, self.region.to_owned()),
            ],
            sort: SortOrder::Relevance,
            offset: 0,
            limit: PAGE,
        }
    }

    /// The same words for FTS5, each quoted (implicit AND).
    fn fts_match(&self) -> String {
        self.words
            .iter()
            .map(|word| format!("\"{word}\""))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// 60% one word, 40% two; each word common (top 30) one time in five, otherwise drawn from the
/// corpus distribution below the top 30.
fn queries(vocabulary: &Vocabulary, random: &mut Random) -> Vec<Query> {
    (0..QUERIES)
        .map(|_| {
            let length = if random.below(5) < 3 { 1 } else { 2 };
            let words = (0..length)
                .map(|_| {
                    if random.below(5) == 0 {
                        return word(random.below(COMMON_RANKS));
                    }
                    loop {
                        let rank = vocabulary.rank(random);
                        if rank >= COMMON_RANKS {
                            return word(rank);
                        }
                    }
                })
                .collect();
            Query {
                words,
                objective: (1 + random.below(23)).to_string(),
                region: REGIONS[random.below(5)],
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Prints p50/p95/max and returns (p50, p95).
fn report(name: &str, mut timings: Vec<Duration>) -> (Duration, Duration) {
    timings.sort();
    let p50 = percentile(&timings, 0.50);
    let p95 = percentile(&timings, 0.95);
    println!(
        "{name:<8} search p50 {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms",
        millis(p50),
        millis(p95),
        timings.last().map_or(0.0, |d| millis(*d))
    );
    (p50, p95)
}

fn main() {
    let count: usize = std::env::var("PRACTICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let vocabulary = Vocabulary::new();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let practices: Vec<PracticeContent> = (0..count)
        .map(|_| practice(&vocabulary, &mut random))
        .collect();
    let ids: Vec<String> = (0..count).map(|i| format!("p{i:07}")).collect();
    let queries = queries(&vocabulary, &mut random);
    let two_words = queries.iter().filter(|q| q.words.len() == 2).count();
    println!(
        "{count} synthetic practices of 182 words; {QUERIES} queries ({two_words} of two words), \
         each with an objective and a region filter"
    );
    println!(
        "share of practices containing the word of rank 1: {:.0}%, 30: {:.1}%, 1000: {:.2}%, \
         10000: {:.3}%",
        vocabulary.document_share(0, 182) * 100.0,
        vocabulary.document_share(29, 182) * 100.0,
        vocabulary.document_share(999, 182) * 100.0,
        vocabulary.document_share(9_999, 182) * 100.0,
    );

    let kept = std::env::var_os("BENCH_DIR").map(std::path::PathBuf::from);
    let temporary = tempfile::tempdir().unwrap();
    let folder = kept.as_deref().unwrap_or(temporary.path());
    std::fs::create_dir_all(folder).unwrap();

    let index = PracticeIndex::open_or_create(&folder.join("tantivy")).unwrap();
    let tantivy_rate = if index.len() == count as u64 {
        println!("tantivy  index reused");
        None
    } else {
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
        let rate = count as f64 / started.elapsed().as_secs_f64();
        println!("tantivy  indexing {rate:>10.0} practices/s");
        Some(rate)
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fts_rate = runtime.block_on(fts_index(folder, &practices));
    match fts_rate {
        Some(rate) => println!("fts5     indexing {rate:>10.0} practices/s"),
        None => println!("fts5     index reused"),
    }

    for query in &queries[..WARM_UP] {
        index.search(&query.request()).unwrap();
    }
    let mut tantivy_timings = Vec::with_capacity(QUERIES);
    let mut tantivy_totals = Vec::with_capacity(QUERIES);
    for query in &queries {
        let request = query.request();
        let started = Instant::now();
        let results = index.search(&request).unwrap();
        tantivy_timings.push(started.elapsed());
        tantivy_totals.push(results.total);
    }
    let (tantivy_p50, tantivy_p95) = report("tantivy", tantivy_timings);
    let (fts_timings, fts_totals) = runtime.block_on(fts_search(folder, &queries));

    let mut sorted_totals = tantivy_totals.clone();
    sorted_totals.sort_unstable();
    println!(
        "matches per query: median {}, p95 {}, none {}; totals equal to FTS5's in {} of {QUERIES}",
        sorted_totals[QUERIES / 2],
        sorted_totals[QUERIES * 95 / 100],
        sorted_totals.iter().filter(|&&n| n == 0).count(),
        tantivy_totals
            .iter()
            .zip(&fts_totals)
            .filter(|(a, b)| a == b)
            .count(),
    );
    let (fts_p50, fts_p95) = report("fts5", fts_timings);
    println!(
        "ratio    fts5/tantivy search p50 {:.1}  p95 {:.1}",
        fts_p50.as_secs_f64() / tantivy_p50.as_secs_f64(),
        fts_p95.as_secs_f64() / tantivy_p95.as_secs_f64(),
    );
    if let (Some(tantivy), Some(fts)) = (tantivy_rate, fts_rate) {
        println!("ratio    tantivy/fts5 indexing {:.2}", tantivy / fts);
    }
}

async fn fts_pool(folder: &Path) -> sqlx::SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(folder.join("fts.db"))
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        // 64 MiB of page cache instead of the default 2 MiB: the facet table is read per match.
        .pragma("cache_size", "-65536");
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap()
}

/// Builds the FTS5 side unless `folder` already holds it for these practices; returns the rate.
async fn fts_index(folder: &Path, practices: &[PracticeContent]) -> Option<f64> {
    let pool = fts_pool(folder).await;
    let existing: Option<i64> = sqlx::query_scalar("SELECT COUNT(*) FROM fts")
        .fetch_one(&pool)
        .await
        .ok();
    if existing == Some(practices.len() as i64) {
        return None;
    }
    for statement in [
        "DROP TABLE IF EXISTS fts",
        "DROP TABLE IF EXISTS practice_facets",
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, summary UNINDEXED, \
         tokenize = 'unicode61 remove_diacritics 2')",
        "INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)')",
        "CREATE TABLE practice_facets (practice INTEGER NOT NULL, kind TEXT NOT NULL, \
         value TEXT NOT NULL, PRIMARY KEY (practice, kind, value)) WITHOUT ROWID",
        "CREATE INDEX practice_facets_value ON practice_facets (kind, value, practice)",
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
        sqlx::query("INSERT INTO fts (rowid, title, body, summary) VALUES ($1, $2, $3, $4)")
            .bind(rowid)
            .bind(&practice.title)
            .bind(&body)
            .bind(&practice.summary)
            .execute(&mut *tx)
            .await
            .unwrap();
        let mut facets = facet_values(practice);
        facets.sort_by(|a, b| (a.0.as_str(), &a.1).cmp(&(b.0.as_str(), &b.1)));
        facets.dedup();
        for (kind, value) in facets {
            sqlx::query("INSERT INTO practice_facets (practice, kind, value) VALUES ($1, $2, $3)")
                .bind(rowid)
                .bind(kind.as_str())
                .bind(value)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    let rate = practices.len() as f64 / started.elapsed().as_secs_f64();
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    Some(rate)
}

/// The page: the text matches with their bm25 score (title weighted double) first, then the two
/// filters by index lookups in `practice_facets`, the top 20 by score, and title, summary and a
/// highlighted excerpt for those 20 only. `CROSS JOIN` keeps the matches as the outer loop: the
/// planner cannot see how few they are and would otherwise scan a whole facet value instead.
/// (Filtering with `fts.rowid IN (SELECT …)` in the MATCH query instead hands the rowid list to
/// FTS5, which then runs the full-text query once per practice of the facet value: 2–8 s.)
const FTS_PAGE: &str = "WITH matches AS MATERIALIZED (SELECT rowid AS id, rank AS score FROM fts \
     WHERE fts MATCH $1), \
     top AS MATERIALIZED (SELECT m.id, m.score FROM matches m \
       CROSS JOIN practice_facets o ON o.practice = m.id AND o.kind = 'objective' AND o.value = $2 \
       CROSS JOIN practice_facets r ON r.practice = m.id AND r.kind = 'region' AND r.value = $3 \
       ORDER BY m.score LIMIT $4) \
     SELECT fts.rowid, fts.title, fts.summary, snippet(fts, 1, '<b>', '</b>', '…', 32) \
     FROM top CROSS JOIN fts ON fts.rowid = top.id WHERE fts MATCH $1 ORDER BY top.score";

/// The total and every facet's counts: the text matches, those passing the region filter, those
/// passing the objective filter and those passing both, each by index lookups; objectives are
/// counted over matches passing the region filter, regions over those passing the objective
/// filter, the other kinds over those passing both (as the application counts them).
const FTS_COUNTS: &str = "WITH matches AS MATERIALIZED (SELECT rowid AS id FROM fts WHERE fts MATCH $1), \
     in_region AS MATERIALIZED (SELECT m.id FROM matches m CROSS JOIN practice_facets f \
       ON f.practice = m.id AND f.kind = 'region' AND f.value = $3), \
     in_objective AS MATERIALIZED (SELECT m.id FROM matches m CROSS JOIN practice_facets f \
       ON f.practice = m.id AND f.kind = 'objective' AND f.value = $2), \
     in_both AS MATERIALIZED (SELECT r.id FROM in_region r CROSS JOIN practice_facets f \
       ON f.practice = r.id AND f.kind = 'objective' AND f.value = $2) \
     SELECT f.kind, f.value, COUNT(*) FROM in_both b CROSS JOIN practice_facets f \
       ON f.practice = b.id WHERE f.kind NOT IN ('objective', 'region') GROUP BY f.kind, f.value \
     UNION ALL SELECT f.kind, f.value, COUNT(*) FROM in_region r CROSS JOIN practice_facets f \
       ON f.practice = r.id AND f.kind = 'objective' GROUP BY f.kind, f.value \
     UNION ALL SELECT f.kind, f.value, COUNT(*) FROM in_objective o CROSS JOIN practice_facets f \
       ON f.practice = o.id AND f.kind = 'region' GROUP BY f.kind, f.value \
     UNION ALL SELECT '', '', COUNT(*) FROM in_both";

async fn fts_search(folder: &Path, queries: &[Query]) -> (Vec<Duration>, Vec<usize>) {
    let pool = fts_pool(folder).await;
    let mut timings = Vec::with_capacity(queries.len());
    let mut totals = Vec::with_capacity(queries.len());
    for (n, query) in queries[..WARM_UP].iter().chain(queries).enumerate() {
        let text = query.fts_match();
        let started = Instant::now();
        let page = sqlx::query(FTS_PAGE)
            .bind(&text)
            .bind(&query.objective)
            .bind(query.region)
            .bind(PAGE as i64)
            .fetch_all(&pool)
            .await
            .unwrap();
        let counts = sqlx::query(FTS_COUNTS)
            .bind(&text)
            .bind(&query.objective)
            .bind(query.region)
            .fetch_all(&pool)
            .await
            .unwrap();
        let elapsed = started.elapsed();
        if n < WARM_UP {
            continue;
        }
        timings.push(elapsed);
        let total = counts
            .iter()
            .find(|row| row.get::<String, _>(0).is_empty())
            .map_or(0, |row| row.get::<i64, _>(2));
        assert_eq!(page.len(), (total as usize).min(PAGE));
        totals.push(total as usize);
    }
    (timings, totals)
}
