//! The database: one pool, one SQL text per query, two backends.
//!
//! SQLite is the embedded default; PostgreSQL serves deployments with several web nodes. Both go
//! through sqlx's `Any` driver, so every query in the domain modules is written once (with `$1`
//! placeholders, which SQLite accepts too). What differs between the backends is confined to this
//! module: migrations, connection pragmas, how a write transaction begins, and backups.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor};

use crate::error::{Error, Result};

/// A transaction on whichever backend is in use.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(Error::Internal(format!(
                "unsupported database URL scheme (expected sqlite: or postgres:): {}",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }
}

/// The connection pool and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// Connects, creating an SQLite file when missing. Does not migrate.
    pub async fn connect(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let max_connections = match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|connection, _| {
                Box::pin(async move {
                    if connection.backend_name().eq_ignore_ascii_case("sqlite") {
                        // sqlx leaves the rollback journal on; WAL lets readers work during writes.
                        // SQLite's default page cache is 2 MB per connection; with a million cases
                        // the queue's indexes alone are far larger, so each connection keeps 64 MB
                        // and reads the file through a memory map instead of a copy per page.
                        // secure_delete overwrites deleted content, so an erased person's sealed
                        // names and blind indexes do not linger in free pages of the file.
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                                 PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; \
                                 PRAGMA secure_delete = ON;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db { pool, backend })
    }

    /// Copies SQLite's write-ahead log into the database file and truncates it, so pages as they
    /// were before an erasure do not stay in the log. PostgreSQL has nothing to do here.
    pub async fn checkpoint(&self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => {
                sqlx::migrate!("migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Begins a transaction that will write. SQLite takes the write lock at once, so two writers
    /// queue on `busy_timeout` instead of failing when a read lock cannot be upgraded.
    pub async fn begin(&self) -> Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// How many write transactions are worth running side by side: SQLite has one writer at a
    /// time; PostgreSQL locks rows, so writers of different rows proceed together, about one
    /// per core (this machine's, as a stand-in for the server's), at most four.
    pub fn concurrent_writers(&self) -> usize {
        match self.backend {
            Backend::Sqlite => 1,
            Backend::Postgres => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        }
    }

    /// Keeps other writers away from `table` until `tx` ends, for a transaction that empties
    /// and refills it. SQLite's write transactions already exclude each other.
    pub async fn lock_for_rewrite(&self, tx: &mut Tx, table: &str) -> Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "LOCK TABLE {table} IN EXCLUSIVE MODE"
            )))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Drops the non-unique indexes of `tables` before a bulk load and returns their
    /// definitions for [`Db::rebuild_indexes`]. Building an index once over sorted rows is
    /// several times faster than keeping it up to date row by row; unique indexes stay, so
    /// the load is still checked.
    pub async fn defer_indexes(&self, tables: &[&str]) -> Result<DeferredIndexes> {
        let listing = match self.backend {
            Backend::Sqlite => {
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 \
                 AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
            }
            Backend::Postgres => {
                "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema() \
                 AND tablename = $1 AND indexdef NOT LIKE 'CREATE UNIQUE%'"
            }
        };
        // One transaction (both backends roll back DDL): if any listing or drop fails, the
        // indexes already dropped come back instead of vanishing with their definitions.
        let mut tx = self.begin().await?;
        let mut definitions = Vec::new();
        let dropped: Result<()> = async {
            for table in tables {
                let found: Vec<(String, String)> = sqlx::query_as(listing)
                    .bind(*table)
                    .fetch_all(&mut *tx)
                    .await?;
                for (name, definition) in found {
                    sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}")))
                        .execute(&mut *tx)
                        .await?;
                    definitions.push(definition);
                }
            }
            Ok(())
        }
        .await;
        // Rolled back at once rather than when the connection is next used, so the indexes are
        // back before this returns.
        if let Err(error) = dropped {
            tx.rollback().await?;
            return Err(error);
        }
        tx.commit().await?;
        Ok(DeferredIndexes { definitions })
    }

    /// Builds the indexes [`Db::defer_indexes`] dropped.
    pub async fn rebuild_indexes(&self, deferred: DeferredIndexes) -> Result<()> {
        let mut connection = self.pool.acquire().await?;
        if self.backend == Backend::Sqlite {
            // The drops committed on another connection; SQLite parses CREATE INDEX against this
            // connection's cached schema, and only a read makes it notice the change.
            sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                .execute(&mut *connection)
                .await?;
        }
        for definition in deferred.definitions {
            sqlx::query(sqlx::AssertSqlSafe(definition))
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        let mut connection = self.pool.acquire().await?;
        connection.ping().await?;
        Ok(())
    }

    /// Writes a consistent copy of an SQLite database to `target` while it stays online.
    /// PostgreSQL is backed up with its own tools; the returned text says how.
    pub async fn backup(&self, target: &std::path::Path, url: &str) -> Result<BackupOutcome> {
        match self.backend {
            Backend::Sqlite => {
                if target.exists() {
                    return Err(Error::Conflict("backup target exists"));
                }
                let target = target.to_string_lossy().replace('\'', "''");
                let statement = format!("VACUUM INTO '{target}'");
                sqlx::query(sqlx::AssertSqlSafe(statement))
                    .execute(&self.pool)
                    .await?;
                Ok(BackupOutcome::Written)
            }
            Backend::Postgres => Ok(BackupOutcome::UseExternalTool(format!(
                "pg_dump --format=custom --file={} '{}'",
                target.display(),
                url
            ))),
        }
    }
}

/// What `backup` did.
#[derive(Debug, PartialEq, Eq)]
pub enum BackupOutcome {
    Written,
    UseExternalTool(String),
}

/// Empties a temporary table of the transaction's connection. PostgreSQL never vacuums a
/// temporary table, so rows deleted batch after batch would stay behind as dead tuples that every
/// later statement over the table reads (and that make the planner expect a large table);
/// `TRUNCATE` gives it new, empty storage. SQLite's `DELETE` without `WHERE` already does that.
pub async fn empty_temporary_table(tx: &mut Tx, table: &str) -> Result<()> {
    let statement = if tx.backend_name().eq_ignore_ascii_case("sqlite") {
        format!("DELETE FROM {table}")
    } else {
        format!("TRUNCATE {table}")
    };
    sqlx::query(sqlx::AssertSqlSafe(statement))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Turns the result of a versioned `UPDATE … WHERE id = $n AND version = $m` into an error when
/// no row matched: the record was changed (or removed) by someone else since it was read.
pub fn expect_one_row(result: sqlx::any::AnyQueryResult) -> Result<()> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("stale-version"))
    }
}

/// Index definitions dropped for a bulk load, to be built again after it.
#[derive(Debug)]
#[must_use = "rebuild the indexes after the load"]
pub struct DeferredIndexes {
    definitions: Vec<String>,
}

/// `$first, $first+1, ...`: `count` numbered placeholders for an `IN` list.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    let marks: Vec<String> = (first..first + count).map(|i| format!("${i}")).collect();
    marks.join(", ")
}

/// Bound values per statement. SQLite looks a numbered parameter up in a list as long as the
/// statement's parameters, so binding costs grow with the square of their number there: a few
/// hundred per statement is fastest. PostgreSQL pays a round trip per statement instead.
fn max_params(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 200,
        Backend::Postgres => 8_000,
    }
}
/// A value for a multi-row insert.
pub(crate) enum Value {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    Bytes(Vec<u8>),
}

/// Rows of one table, inserted in statements of at most [`max_params`] values.
pub(crate) struct Rows {
    /// `INSERT INTO t (a, b, c) VALUES`, without the tuples.
    head: &'static str,
    width: usize,
    values: Vec<Value>,
}

impl Rows {
    pub(crate) fn new(head: &'static str, width: usize) -> Rows {
        Rows {
            head,
            width,
            values: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: impl IntoIterator<Item = Value>) {
        self.values.extend(row);
    }

    pub(crate) async fn insert(self, tx: &mut Tx, backend: Backend) -> Result<()> {
        let per_statement = (max_params(backend) / self.width).max(1);
        let mut values = self.values.into_iter().peekable();
        while values.peek().is_some() {
            let chunk: Vec<Value> = values.by_ref().take(per_statement * self.width).collect();
            let rows = chunk.len() / self.width;
            let mut sql = String::with_capacity(self.head.len() + rows * self.width * 6);
            sql.push_str(self.head);
            for row in 0..rows {
                sql.push_str(if row == 0 { " (" } else { ", (" });
                for column in 0..self.width {
                    if column > 0 {
                        sql.push_str(", ");
                    }
                    sql.push('$');
                    sql.push_str(&(row * self.width + column + 1).to_string());
                }
                sql.push(')');
            }
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for value in chunk {
                query = match value {
                    Value::Text(v) => query.bind(v),
                    Value::OptText(v) => query.bind(v),
                    Value::Int(v) => query.bind(v),
                    Value::Bytes(v) => query.bind(v),
                };
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}
