//! The only code that writes to the catalog: opening it (creating and migrating the schema
//! with refinery's migrations from `migrations/`), loading reference vocabularies, and
//! writing a file's documents.

pub mod corrections;
mod facts;
mod vocab;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use facts::reextract;
pub use vocab::{current as current_vocabularies, load_vocabularies, Vocabularies};
pub use write::{replace_file, FileRecord, FtsBatch, FtsFeed};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How long a connection waits for another process's write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The newest schema version this build knows.
pub fn latest_schema_version() -> i64 {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| m.version() as i64)
        .max()
        .unwrap_or(0)
}

/// Segments FTS5 merges at a time: its default, and during a bulk import.
const FTS_AUTOMERGE: i64 = 4;
const BULK_AUTOMERGE: i64 = 16;

/// How many segments FTS5 merges at a time (its `automerge` option).
fn set_automerge(conn: &Connection, segments: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('automerge', ?1)",
        [segments],
    )
}

/// Indexes that only queries use (no foreign key, uniqueness or import lookup needs them):
/// a bulk import drops them and builds them again at the end, by sorting, which at 1,000,000
/// documents costs far less than keeping them up to date row by row. `documents_fields` is
/// not among them: reports name it, and it grows in row id order anyway.
const QUERY_INDEXES: &[&str] = &[
    "documents_doc_no",
    "documents_case_no",
    "documents_cable_id",
    "documents_doc_date",
    "documents_sha256",
    "documents_type_date",
    "documents_date_type",
    "document_tags_tag",
    "document_tags_tag_document",
    "dates_kind_value",
    "dates_mentioned",
    "document_exemptions_code",
    "document_exemptions_code_document",
    "addressees_role_document",
    "paragraphs_numbered",
    "assistance_requests_date",
    "agency_mentions_agency_document",
    "document_references_cable_id",
];

/// The triggers that keep the full-text index in step with `paragraphs` for any writer. A
/// bulk import feeds the index itself, once per transaction (`FtsBatch`), and sets them aside
/// until its end: run for every paragraph written, even standing aside they were about a
/// third of the cost of writing one (a trigger program, a statement journal, a savepoint on
/// the index).
const FTS_TRIGGERS: &[&str] = &["paragraphs_ai", "paragraphs_ad", "paragraphs_au"];

/// Held while an import (or a schema update) runs; dropping it lets the next one go.
pub struct ImportLock {
    _file: std::fs::File,
}

impl ImportLock {
    fn acquire(db: &Path, who: &str) -> Result<ImportLock> {
        let mut name = db.as_os_str().to_owned();
        name.push("-lock");
        let path = PathBuf::from(name);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("creating the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!("cablecat: {who} {}; waiting for it to finish", db.display());
                file.lock()
                    .with_context(|| format!("waiting for the lock {}", path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", path.display()))
            }
        }
        Ok(ImportLock { _file: file })
    }
}

/// What `Catalog::check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub passed: Vec<String>,
    pub problems: Vec<String>,
    /// The full-text index is incomplete or does not match the paragraphs.
    pub fts_broken: bool,
    /// `document_paragraphs` does not match the paragraphs.
    pub runs_broken: bool,
}

/// An open catalog: a SQLite file with the current schema.
pub struct Catalog {
    pub conn: Connection,
    pub path: PathBuf,
}

fn check_is_sqlite(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut header = [0u8; 16];
    let n = f.read(&mut header).unwrap_or(0);
    if n == 0 {
        return Ok(()); // an empty file becomes a new catalog
    }
    if n < 16 || &header != b"SQLite format 3\0" {
        bail!(
            "{} is not a cablecat catalog: it is not a SQLite database. \
             Give another path with --db, or move the file away.",
            path.display()
        );
    }
    Ok(())
}

fn schema_version(conn: &Connection) -> Result<Option<i64>> {
    let has_history: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'",
        [],
        |r| r.get(0),
    )?;
    if !has_history {
        return Ok(None);
    }
    Ok(conn.query_row(
        "SELECT max(version) FROM refinery_schema_history",
        [],
        |r| r.get(0),
    )?)
}

fn check_not_newer(conn: &Connection, path: &Path) -> Result<()> {
    if let Some(v) = schema_version(conn)? {
        let latest = latest_schema_version();
        if v > latest {
            bail!(
                "{} was made by a newer cablecat (schema version {v}; this cablecat knows up to {latest}). \
                 Upgrade cablecat to use it; nothing was changed.",
                path.display()
            );
        }
    }
    Ok(())
}

/// The page size of a new catalog. Its rows are large (a document's text, a paragraph's), so
/// 16 KB pages hold them in fewer pages and overflow chains than SQLite's default 4 KB, and its
/// B-trees are shallower. Measured 2026-12-01: the population imports in 4.16-4.55 s against
/// 4.37-5.11 s (alternating, 5 rounds; system time 1.0 s against 1.3 s); at 100,000 documents
/// the import takes the same time, search pages 54-66 ms against 58-69 ms for the slowest,
/// lists and most reports 10-20% less (a few, such as violence-statistics, 15% more).
const PAGE_SIZE: i64 = 16384;

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl Catalog {
    /// Open the catalog at `path`, creating it (and its folder's file) when missing and
    /// migrating an older schema to the current one.
    pub fn open(path: &Path) -> Result<Catalog> {
        if path.exists() {
            check_is_sqlite(path)?;
        }
        let mut conn = Connection::open(path)
            .with_context(|| format!("opening catalog {}", path.display()))?;
        configure(&conn)?;
        check_not_newer(&conn, path).map_err(|e| {
            // A corrupt file fails here with SQLite's own words; say what it means.
            e.context(format!("checking catalog {}", path.display()))
        })?;
        // Switching to WAL takes the file for a moment; another cablecat creating the same
        // catalog can hold it, and SQLite does not wait for that by itself.
        // A new catalog is written in pages of PAGE_SIZE; only an empty file takes it, before
        // WAL, so a catalog made by an older cablecat keeps its own.
        if conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))? == 0 {
            conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        }
        let started = std::time::Instant::now();
        let mode: String = loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                r => {
                    break r
                        .with_context(|| format!("{} is not a readable catalog", path.display()))?
                }
            }
        };
        if mode != "wal" && mode != "memory" {
            // Read-only media and some network file systems refuse WAL; go on without it.
            eprintln!(
                "cablecat: note: {} does not support WAL journaling ({mode})",
                path.display()
            );
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        if schema_version(&conn)?.unwrap_or(0) < latest_schema_version() {
            // Two processes creating or updating one catalog take turns.
            let _lock = ImportLock::acquire(path, "another cablecat is updating")?;
            embedded::migrations::runner()
                .run(&mut conn)
                .with_context(|| format!("updating the schema of {}", path.display()))?;
        }
        vocab::ensure_loaded(&mut conn)?;
        Ok(Catalog {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Open an existing catalog without creating it, migrating it if it is older.
    pub fn open_existing(path: &Path) -> Result<Catalog> {
        if !path.exists() {
            bail!(
                "no catalog at {}: run `cablecat --db {} import FOLDER` first, or give --db",
                path.display(),
                path.display()
            );
        }
        Catalog::open(path)
    }

    /// Whether an import killed before its end (of a cablecat before V11, which built the
    /// full-text index only then) left the index to be rebuilt.
    pub fn fts_pending(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM meta WHERE key = 'fts_bulk'",
            [],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    /// Whether a bulk import killed before its end left indexes to build (or the full-text
    /// index to rebuild).
    pub fn bulk_pending(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM meta WHERE key IN ('fts_bulk', 'bulk_indexes')",
            [],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    /// Set aside the indexes only queries use, for a large import: they are built again, by
    /// sorting, at the end (`end_bulk`); and the full-text index's triggers, for the writer
    /// feeds the index itself. They are noted in `meta` first, so an import killed half-way
    /// leaves the catalog saying what to build, and the next import (or `check --repair`)
    /// does it. The full-text index is not set aside: the writer feeds it once per
    /// transaction (`FtsBatch`), on the writer thread while the parsers go on, which costs
    /// about what one rebuild at the end costs and keeps it whole at every commit.
    pub fn begin_bulk(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut set_aside: Vec<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'bulk_indexes'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|v| serde_json::from_str(&v).unwrap_or_default())
            .unwrap_or_default();
        let set_aside_now = QUERY_INDEXES
            .iter()
            .map(|n| ("index", n))
            .chain(FTS_TRIGGERS.iter().map(|n| ("trigger", n)));
        for (kind, name) in set_aside_now {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2",
                    [kind, name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                set_aside.push(sql);
                tx.execute(&format!("DROP {} {name}", kind.to_uppercase()), [])?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('bulk_indexes', ?1)",
            [serde_json::to_string(&set_aside)?],
        )?;
        // FTS5 merges its segments 4 at a time as they come; a bulk import merges 16 at a
        // time, so each paragraph's entries are rewritten about half as often (writer CPU on
        // 20,000 synthetic releases 10.2 s -> 9.0 s). `finish_bulk` puts 4 back.
        set_automerge(&tx, BULK_AUTOMERGE)?;
        tx.commit()?;
        Ok(())
    }

    /// Build the indexes and triggers set aside, and the full-text index if an older import
    /// left it to rebuild (or `rebuild_fts` is asked).
    pub fn end_bulk(&mut self) -> Result<()> {
        self.finish_bulk(false)
    }

    fn finish_bulk(&mut self, rebuild_fts: bool) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let set_aside: Vec<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'bulk_indexes'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|v| serde_json::from_str(&v).unwrap_or_default())
            .unwrap_or_default();
        for sql in &set_aside {
            // The statements are the catalog's own, as sqlite_master held them.
            let sql = sql
                .replacen("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
                .replacen("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1);
            tx.execute(&sql, [])?;
        }
        let pending: bool = tx.query_row(
            "SELECT count(*) > 0 FROM meta WHERE key = 'fts_bulk'",
            [],
            |r| r.get(0),
        )?;
        if rebuild_fts || pending {
            tx.execute(
                "INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')",
                [],
            )?;
        }
        set_automerge(&tx, FTS_AUTOMERGE)?;
        tx.execute(
            "DELETE FROM meta WHERE key IN ('fts_bulk', 'bulk_indexes')",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Settings for the import writer. A larger page cache: many indexes take inserts at once
    /// (measured at 10,000 files: 6% faster than SQLite's 2 MB default, for 20 MB more
    /// memory). And a full-text buffer as large as a transaction's text (`BATCH_BYTES`): FTS5
    /// writes its buffer out as a new segment whenever it passes 1 MB, and merges segments
    /// four at a time; with one segment per transaction the index of 2,000 synthetic
    /// releases took 38% fewer instructions (merging 2.9 G -> 0.5 G). The buffer size is a
    /// setting of the index, kept in the catalog, so it is written once.
    pub fn prepare_writer(&self, fts_buffer: u64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -32_000)?;
        let current: Option<i64> = self
            .conn
            .query_row(
                "SELECT v FROM paragraphs_fts_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if current != Some(fts_buffer as i64) {
            self.conn.execute(
                "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('hashsize', ?1)",
                [fts_buffer as i64],
            )?;
        }
        Ok(())
    }

    /// Make sure no other import writes to this catalog while this one runs: imports of one
    /// catalog take turns (a second waits for the first, saying so). The lock is the OS's
    /// lock on `<catalog>-lock`, so a killed import leaves nothing held.
    pub fn lock_for_import(&self) -> Result<ImportLock> {
        ImportLock::acquire(&self.path, "another import is writing to")
    }

    /// Rebuild the full-text index from the paragraphs (`cablecat check --repair`).
    pub fn rebuild_fts(&mut self) -> Result<()> {
        self.finish_bulk(true)
            .context("rebuilding the full-text index")
    }

    /// Record each document's run of paragraph ids again, from the paragraphs.
    pub fn rebuild_runs(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM document_paragraphs", [])?;
        tx.execute(
            "INSERT INTO document_paragraphs (document_id, first_paragraph, last_paragraph)
             SELECT document_id, min(id), max(id) FROM paragraphs GROUP BY document_id",
            [],
        )?;
        tx.commit().context("recording the runs of paragraph ids")
    }

    /// SQLite's integrity check, foreign keys, the schema version, each document's run of
    /// paragraph ids and the full-text index.
    pub fn check(&self) -> Result<CheckReport> {
        let mut r = CheckReport::default();
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if integrity == ["ok"] {
            r.passed.push("SQLite integrity check".into());
        } else {
            for line in integrity.iter().take(20) {
                r.problems.push(format!("integrity: {line}"));
            }
        }
        let orphans: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                    row.get(0)
                })?;
        if orphans == 0 {
            r.passed
                .push("foreign keys: every row's document, paragraph and agency exist".into());
        } else {
            r.problems.push(format!(
                "foreign keys: {orphans} rows point at rows that do not exist"
            ));
        }
        let version = schema_version(&self.conn)?.unwrap_or(0);
        let latest = latest_schema_version();
        if version == latest {
            r.passed
                .push(format!("schema version {version} (this cablecat's)"));
        } else {
            r.problems.push(format!(
                "schema version {version}, this cablecat's is {latest}"
            ));
        }
        // Searches with filters trust each document's run of paragraph ids (V14).
        let off_runs: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM (
                        SELECT document_id, min(id) AS a, max(id) AS b, count(*) AS n
                        FROM paragraphs GROUP BY document_id) p
                     LEFT JOIN document_paragraphs r ON r.document_id = p.document_id
                     WHERE r.document_id IS NULL OR r.first_paragraph != p.a
                        OR r.last_paragraph != p.b OR p.n != p.b - p.a + 1)
                  + (SELECT count(*) FROM document_paragraphs r WHERE NOT EXISTS (
                        SELECT 1 FROM paragraphs WHERE document_id = r.document_id))",
            [],
            |row| row.get(0),
        )?;
        if off_runs == 0 {
            r.passed.push(
                "paragraph runs: each document's paragraphs are the one run of ids recorded for it"
                    .into(),
            );
        } else {
            r.runs_broken = true;
            r.problems.push(format!(
                "paragraph runs: {off_runs} documents whose recorded run of paragraph ids is not their paragraphs' (searches with filters would miss or add hits)"
            ));
        }
        let (documents, paragraphs): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM paragraphs)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let set_aside: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'bulk_indexes'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(v) = set_aside {
            let n = serde_json::from_str::<Vec<String>>(&v).map_or(0, |l| l.len());
            r.fts_broken = true;
            r.problems.push(format!(
                "indexes: {n} indexes and triggers set aside by an import that did not finish (queries are slow, and the full-text index does not follow other writers, until they are built)"
            ));
        }
        if self.fts_pending()? {
            r.fts_broken = true;
            r.problems.push(
                "full-text index: not complete (an import stopped before building it)".into(),
            );
        } else {
            match self.conn.execute(
                "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1)",
                [],
            ) {
                Ok(_) => r.passed.push(format!(
                    "full-text index matches the {paragraphs} paragraphs of {documents} documents"
                )),
                Err(e) => {
                    r.fts_broken = true;
                    r.problems.push(format!("full-text index: {e}"));
                }
            }
        }
        Ok(r)
    }

    /// A second connection that can only read: for ad-hoc SQL and reports.
    pub fn read_only(&self) -> Result<Connection> {
        open_read_only(&self.path)
    }
}

/// Check, without writing to it, that `path` is a catalog of this cablecat's schema: what
/// only reads (the web pages) cannot update an older one, nor read a newer one.
pub fn check_current(path: &Path) -> Result<()> {
    if !path.exists() {
        bail!(
            "no catalog at {}: run `cablecat --db {} import FOLDER` first, or give --db",
            path.display(),
            path.display()
        );
    }
    check_is_sqlite(path)?;
    let conn = open_read_only(path)?;
    check_not_newer(&conn, path)?;
    let version = schema_version(&conn)
        .with_context(|| format!("{} is not a readable catalog", path.display()))?
        .unwrap_or(0);
    if version < latest_schema_version() {
        bail!(
            "{} has schema version {version}, older than this cablecat's ({}); serving never \
             writes, so run `cablecat --db {} check` once to update it",
            path.display(),
            latest_schema_version(),
            path.display()
        );
    }
    Ok(())
}

/// A read-only connection to an existing catalog.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .with_context(|| format!("opening {} to read", path.display()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", "ON")?;
    add_functions(&conn)?;
    Ok(conn)
}

/// The collection a document's file belongs to: the name of the folder it is in
/// (`data/cables/clinton/C05739559.txt` is in `clinton`), empty for a file named without a
/// folder.
pub fn collection(source_path: &str) -> &str {
    let folder = source_path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir.trim_end_matches('/'));
    folder.rsplit_once('/').map_or(folder, |(_, name)| name)
}

/// SQL functions of the catalog's own, on every connection that reads it:
/// `collection_of(source_path)` (see `collection`).
pub fn add_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "collection_of",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                rusqlite::types::ValueRef::Text(t) => {
                    Some(collection(&String::from_utf8_lossy(t)).to_string())
                }
                _ => None,
            })
        },
    )?;
    // `paragraph_in(id, runs)`: whether paragraph `id` lies in one of `runs`, a JSON array of
    // `[first, last]` not overlapping (rows of `document_paragraphs`), in any order.
    // `runs` is read once per statement when it is a bound parameter.
    conn.create_scalar_function(
        "paragraph_in",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let runs = ctx.get_or_create_aux(1, |v| -> Result<Vec<[i64; 2]>, BoxError> {
                let mut runs: Vec<[i64; 2]> = serde_json::from_slice(v.as_bytes()?)?;
                runs.sort_unstable();
                Ok(runs)
            })?;
            let id: i64 = ctx.get(0)?;
            let i = runs.partition_point(|r| r[0] <= id);
            Ok(i > 0 && id <= runs[i - 1][1])
        },
    )?;
    Ok(())
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// An in-memory catalog with the full schema: for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    add_functions(&conn)?;
    embedded::migrations::runner().run(&mut conn)?;
    vocab::ensure_loaded(&mut conn)?;
    Ok(conn)
}
