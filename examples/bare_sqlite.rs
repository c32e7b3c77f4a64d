//! The bare-SQLite baseline for the import benchmark: what a user gets from plain SQLite with
//! no catalog at all. One thread reads each file, stores it in
//! `documents(id, path, sha256, body)` and its blank-line-separated paragraphs in
//! `paragraphs(id, document_id, seq, text)`, 1,000 files per transaction (WAL,
//! `synchronous=NORMAL`), then builds an FTS5 external-content index over `paragraphs.text`
//! once with `'rebuild'` (the tokenizer cablecat uses). No other table or index.
//!
//!     cargo run --release --example bare_sqlite -- CORPUS_DIR OUT.db
//!     cargo run --release --example bare_sqlite -- --cablecat-schema CORPUS_DIR OUT.db
//!
//! `--cablecat-schema` is the second line of the benchmark: the same files, no parsing, but
//! written into cablecat's own schema (files, documents, paragraphs, with cablecat's indexes,
//! constraints and bulk mode), so the cost of the schema shows apart from the cost of parsing.
//!
//! Prints one line of JSON: seconds for the inserts and for the index, and the row counts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::params;
use sha2::{Digest, Sha256};

/// The files under `dir`, in name order (as cablecat walks them).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("xml"))
        {
            out.push(p);
        }
    }
}

/// Paragraphs: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push('\n');
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

struct Counts {
    documents: u64,
    paragraphs: u64,
    insert_seconds: f64,
    index_seconds: f64,
}

fn plain(files: &[PathBuf], db: &Path) -> anyhow::Result<Counts> {
    let started = Instant::now();
    let mut conn = rusqlite::Connection::open(db)?;
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, body TEXT NOT NULL);
         CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL);
         CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, content='paragraphs', content_rowid='id',
             tokenize='unicode61 remove_diacritics 2');",
    )?;
    let (mut docs, mut paras) = (0u64, 0u64);
    for chunk in files.chunks(1000) {
        let tx = conn.transaction()?;
        {
            let mut doc =
                tx.prepare_cached("INSERT INTO documents(path, sha256, body) VALUES (?1, ?2, ?3)")?;
            let mut para = tx.prepare_cached(
                "INSERT INTO paragraphs(document_id, seq, text) VALUES (?1, ?2, ?3)",
            )?;
            for path in chunk {
                let bytes = std::fs::read(path)?;
                let sha = hex::encode(Sha256::digest(&bytes));
                let text = String::from_utf8_lossy(&bytes);
                doc.execute(params![path.display().to_string(), sha, text])?;
                let doc_id = tx.last_insert_rowid();
                docs += 1;
                for (seq, p) in paragraphs(&text).iter().enumerate() {
                    para.execute(params![doc_id, seq as i64 + 1, p])?;
                    paras += 1;
                }
            }
        }
        tx.commit()?;
    }
    let insert_seconds = started.elapsed().as_secs_f64();
    conn.execute(
        "INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')",
        [],
    )?;
    Ok(Counts {
        documents: docs,
        paragraphs: paras,
        insert_seconds,
        index_seconds: started.elapsed().as_secs_f64() - insert_seconds,
    })
}

/// The same rows in cablecat's schema, with its indexes, in its bulk mode (query indexes
/// built at the end, the full-text index fed once per transaction).
fn cablecat_schema(files: &[PathBuf], db: &Path) -> anyhow::Result<Counts> {
    let started = Instant::now();
    let mut catalog = cablecat::store::Catalog::open(db)?;
    catalog.begin_bulk()?;
    let conn = &mut catalog.conn;
    let (mut docs, mut paras) = (0u64, 0u64);
    for chunk in files.chunks(1000) {
        let tx = conn.transaction()?;
        let mut feed = cablecat::store::FtsBatch::begin(&tx)?;
        {
            let mut file = tx.prepare_cached(
                "INSERT INTO files(path, sha256, size, format, imported_at) VALUES (?1, ?2, ?3, 'text', '')",
            )?;
            let mut doc = tx.prepare_cached(
                "INSERT INTO documents(file_id, source_path, sha256, body, imported_at) VALUES (?1, ?2, ?3, ?4, '')",
            )?;
            let mut para = tx.prepare_cached(
                "INSERT INTO paragraphs(document_id, seq, kind, text) VALUES (?1, ?2, 'body', ?3)",
            )?;
            for path in chunk {
                let bytes = std::fs::read(path)?;
                let sha = hex::encode(Sha256::digest(&bytes));
                let text = String::from_utf8_lossy(&bytes);
                let p = path.display().to_string();
                file.execute(params![p, sha, text.len() as i64])?;
                let file_id = tx.last_insert_rowid();
                doc.execute(params![file_id, p, sha, text])?;
                let doc_id = tx.last_insert_rowid();
                docs += 1;
                for (seq, chunk) in paragraphs(&text).iter().enumerate() {
                    para.execute(params![doc_id, seq as i64 + 1, chunk])?;
                    feed.wrote(Some(tx.last_insert_rowid()));
                    paras += 1;
                }
            }
        }
        feed.finish(&tx)?;
        tx.commit()?;
    }
    let insert_seconds = started.elapsed().as_secs_f64();
    catalog.end_bulk()?;
    Ok(Counts {
        documents: docs,
        paragraphs: paras,
        insert_seconds,
        index_seconds: started.elapsed().as_secs_f64() - insert_seconds,
    })
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let schema = args.first().is_some_and(|a| a == "--cablecat-schema");
    if schema {
        args.remove(0);
    }
    let [corpus, db] = args.as_slice() else {
        anyhow::bail!("usage: bare_sqlite [--cablecat-schema] CORPUS_DIR OUT.db");
    };
    let mut files = Vec::new();
    walk(Path::new(corpus), &mut files);
    let c = if schema {
        cablecat_schema(&files, Path::new(db))?
    } else {
        plain(&files, Path::new(db))?
    };
    println!(
        "{{\"seconds\": {:.2}, \"insert_seconds\": {:.2}, \"index_seconds\": {:.2}, \"documents\": {}, \"paragraphs\": {}}}",
        c.insert_seconds + c.index_seconds,
        c.insert_seconds,
        c.index_seconds,
        c.documents,
        c.paragraphs
    );
    Ok(())
}
