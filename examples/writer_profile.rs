//! Where the catalog writer's time goes, statement by statement: parse and extract every
//! file of a folder first (not timed), then store them the way `cablecat import` does — a
//! bulk import, in transactions of 500 files, from one thread — with SQLite's profile hook
//! and `sqlite3_stmt_status` counting each SQL statement's executions, time and virtual
//! machine steps, and `EXPLAIN` saying which statements build a temporary b-tree per run.
//!
//!     cargo run --release --example writer_profile -- DIR OUT.db [--incremental]
//!         [--fts-buffer MB] [--batch FILES] [--no-trace]
//!
//! `--incremental` writes into the catalog OUT.db already holds with every index in place (as
//! an import smaller than the catalog does) instead of setting aside the query indexes.
//! `--fts-buffer` sets the full-text index's buffer (16 MB, as imports do; FTS5's own
//! default is 1); `--batch` the files per transaction (500); `--no-trace` leaves the profile hook out, for times without its cost. The
//! writer's CPU time (user and system, from /proc) is printed beside its wall time.
//! Under `valgrind --tool=callgrind` it gives the writer's instructions alone.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::path::{Path, PathBuf};
use std::time::Instant;

use cablecat::store::{self, FileRecord, FtsBatch, FtsFeed};
use rusqlite::ffi;
use sha2::{Digest, Sha256};

#[derive(Default)]
struct Stat {
    calls: u64,
    nanos: u64,
    steps: u64,
    reprepared: u64,
}

/// One statement's SQL text and what it cost.
type Texts = Vec<(Vec<u8>, Stat)>;

/// Statistics by statement, keyed by the addresses of the statement and its SQL text (cheap
/// to take on every run), and the statements running now, with when each started (SQLite's
/// own profile times are in whole milliseconds).
#[derive(Default)]
struct Profile {
    stats: HashMap<(usize, usize), Texts>,
    running: Vec<(usize, Instant)>,
}

/// SQLITE_TRACE_STMT (a statement starts) and SQLITE_TRACE_PROFILE (it ends): `p` is the
/// statement.
unsafe extern "C" fn on_trace(
    mask: c_uint,
    ctx: *mut c_void,
    p: *mut c_void,
    _x: *mut c_void,
) -> c_int {
    let profile = &mut *(ctx as *mut Profile);
    let stmt = p as *mut ffi::sqlite3_stmt;
    if mask == ffi::SQLITE_TRACE_STMT as c_uint {
        // Also sent when each trigger program of the statement starts.
        if !profile.running.iter().any(|r| r.0 == stmt as usize) {
            profile.running.push((stmt as usize, Instant::now()));
        }
        return 0;
    }
    let Some(at) = profile.running.iter().rposition(|r| r.0 == stmt as usize) else {
        return 0;
    };
    let (_, started) = profile.running.remove(at);
    let nanos = started.elapsed().as_nanos() as u64;
    let sql = ffi::sqlite3_sql(stmt);
    if sql.is_null() {
        return 0;
    }
    let key = (stmt as usize, sql as usize);
    // A statement finalized and another prepared can reuse both addresses: compare the text.
    let text = CStr::from_ptr(sql as *const c_char).to_bytes();
    let slot = profile.stats.entry(key).or_default();
    let i = match slot.iter().position(|(t, _)| t == text) {
        Some(i) => i,
        None => {
            slot.push((text.to_vec(), Stat::default()));
            slot.len() - 1
        }
    };
    let s = &mut slot[i].1;
    s.calls += 1;
    s.nanos += nanos;
    s.steps += ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_VM_STEP, 1) as u64;
    s.reprepared += ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 1) as u64;
    0
}

/// CPU time (user and system) of the calling thread so far, in seconds (clock ticks of 10 ms).
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime 13th.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let incremental = args.iter().any(|a| a == "--incremental");
    let trace = !args.iter().any(|a| a == "--no-trace");
    let fts_buffer: u64 = match args.iter().position(|a| a == "--fts-buffer") {
        Some(i) => {
            args.get(i + 1)
                .map(|v| v.parse())
                .transpose()?
                .unwrap_or(16)
                << 20
        }
        None => 16 << 20,
    };
    let batch: usize = match args.iter().position(|a| a == "--batch") {
        Some(i) => args
            .get(i + 1)
            .map(|v| v.parse())
            .transpose()?
            .unwrap_or(500),
        None => 500,
    };
    let args: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || !matches!(args[i - 1].as_str(), "--fts-buffer" | "--batch"))
        })
        .map(|(_, a)| a)
        .collect();
    let [dir, db] = args.as_slice() else {
        anyhow::bail!("usage: writer_profile DIR OUT.db [--incremental]");
    };
    // The files an import of DIR would read, in its order.
    let roots = [PathBuf::from(dir)];
    let paths: Vec<PathBuf> = cablecat::import::Walk::new(&roots)
        .filter_map(|f| match f {
            cablecat::import::Found::File(p) => Some(p),
            cablecat::import::Found::Problem(..) => None,
        })
        .collect();
    let vocab = cablecat::extract::Vocab::builtin();
    let t = Instant::now();
    let files: Vec<(String, String, u64, Vec<cablecat::model::Document>)> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let sha = hex::encode(Sha256::digest(&bytes));
            let mut docs = cablecat::parse::parse_bytes(p, &bytes).ok()?;
            for d in &mut docs {
                cablecat::extract::extract(d, &vocab);
            }
            Some((p.display().to_string(), sha, bytes.len() as u64, docs))
        })
        .collect();
    eprintln!(
        "parsed {} files in {:.1} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );

    let mut catalog = store::Catalog::open(Path::new(db))?;
    let mut profile = Profile::default();
    if trace {
        unsafe {
            ffi::sqlite3_trace_v2(
                catalog.conn.handle(),
                (ffi::SQLITE_TRACE_STMT | ffi::SQLITE_TRACE_PROFILE) as c_uint,
                Some(on_trace),
                &mut profile as *mut _ as *mut c_void,
            );
        }
    }
    if !incremental {
        catalog.begin_bulk()?;
    }
    let fts = FtsFeed::Batch;
    catalog.prepare_writer(fts_buffer)?;
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    for chunk in files.chunks(batch) {
        let tx = catalog
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut feed = match fts {
            FtsFeed::Batch => Some(FtsBatch::begin(&tx)?),
            _ => None,
        };
        for (path, sha, size, docs) in chunk {
            let record = FileRecord {
                path,
                sha256: sha,
                size: *size,
                encoding: "UTF-8",
                format: "text",
                imported_at: "2026-01-01T00:00:00Z",
                pdf: None,
                ocr: None,
            };
            let first = store::replace_file(&tx, &record, docs, fts)?;
            if let Some(f) = feed.as_mut() {
                f.wrote(first);
            }
        }
        if let Some(f) = feed {
            f.finish(&tx)?;
        }
        tx.commit()?;
    }
    let write = started.elapsed().as_secs_f64();
    let write_cpu = thread_cpu_seconds() - cpu_started;
    let t = Instant::now();
    if !incremental {
        catalog.end_bulk()?;
    }
    let end = t.elapsed().as_secs_f64();
    let end_cpu = thread_cpu_seconds() - cpu_started - write_cpu;
    unsafe {
        ffi::sqlite3_trace_v2(catalog.conn.handle(), 0, None, std::ptr::null_mut());
    }

    let mut stats: HashMap<String, Stat> = HashMap::new();
    for (sql, s) in profile.stats.into_values().flatten() {
        let sql = String::from_utf8_lossy(&sql);
        let t = stats
            .entry(sql.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_default();
        t.calls += s.calls;
        t.nanos += s.nanos;
        t.steps += s.steps;
        t.reprepared += s.reprepared;
    }
    drop(catalog);
    let total: u64 = stats.values().map(|s| s.nanos).sum();
    println!(
        "{} files: writing {write:.2} s (CPU {write_cpu:.2} s), end of import (indexes) {end:.2} s \
         (CPU {end_cpu:.2} s); statements {:.2} s of it",
        files.len(),
        total as f64 / 1e9
    );
    println!(
        "{:>7} {:>8} {:>6} {:>8} {:>9} {:>5} {:>6}  statement",
        "calls", "ms", "%", "us/call", "steps/cl", "temp", "reprep"
    );
    let mut rows: Vec<_> = stats.iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.nanos));
    let conn = rusqlite::Connection::open(db)?;
    for (sql, s) in rows {
        // A temporary b-tree built on every run of the statement (an IN list in a CHECK
        // constraint does that).
        let temp = conn
            .prepare(&format!("EXPLAIN {sql}"))
            .and_then(|mut st| {
                let mut rows = st.raw_query();
                let mut n = 0;
                while let Some(r) = rows.next()? {
                    n += usize::from(r.get::<_, String>(1)? == "OpenEphemeral");
                }
                Ok(n)
            })
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        let short: String = sql.chars().take(110).collect();
        println!(
            "{:>7} {:>8.1} {:>5.1}% {:>8.1} {:>9.1} {:>5} {:>6}  {short}",
            s.calls,
            s.nanos as f64 / 1e6,
            100.0 * s.nanos as f64 / total.max(1) as f64,
            s.nanos as f64 / 1e3 / s.calls as f64,
            s.steps as f64 / s.calls as f64,
            temp,
            s.reprepared
        );
    }
    Ok(())
}
