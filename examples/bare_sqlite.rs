//! The bare-SQLite baseline for the import benchmark: the same files stored in the same
//! schema with no parsing at all — each file one document, split into paragraphs at blank
//! lines, plus small rows (a date per paragraph, ten tags per document) — in batched
//! transactions, with the full-text index built once at the end.
//!
//!     cargo run --release --example bare_sqlite -- CORPUS_DIR CATALOG.db
//!
//! Prints one line of JSON: seconds for the inserts and for the index, and the row counts.

use std::path::{Path, PathBuf};
use std::time::Instant;

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
        } else {
            out.push(p);
        }
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = PathBuf::from(&args[1]);
    let db = PathBuf::from(&args[2]);
    let mut files = Vec::new();
    walk(&corpus, &mut files);

    let started = Instant::now();
    let mut catalog = cablecat::store::Catalog::open(&db)?;
    catalog.begin_bulk()?;
    let conn = &mut catalog.conn;
    let (mut docs, mut paras, mut small) = (0u64, 0u64, 0u64);
    for chunk in files.chunks(1000) {
        let tx = conn.transaction()?;
        {
            let mut file = tx.prepare_cached(
                "INSERT INTO files(path, sha256, size, format, imported_at) VALUES (?1, '', ?2, 'text', '')",
            )?;
            let mut doc = tx.prepare_cached(
                "INSERT INTO documents(file_id, source_path, sha256, body, imported_at) VALUES (?1, ?2, '', ?3, '')",
            )?;
            let mut para = tx.prepare_cached(
                "INSERT INTO paragraphs(document_id, seq, kind, text) VALUES (?1, ?2, 'body', ?3)",
            )?;
            let mut date = tx.prepare_cached(
                "INSERT INTO dates(document_id, paragraph_id, kind, value, precision) VALUES (?1, ?2, 'mentioned', '2010-01-12', 'day')",
            )?;
            let mut tag = tx.prepare_cached(
                "INSERT INTO document_tags(document_id, seq, tag) VALUES (?1, ?2, 'PREL')",
            )?;
            for path in chunk {
                let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
                let p = path.display().to_string();
                file.execute(rusqlite::params![p, text.len() as i64])?;
                let file_id = tx.last_insert_rowid();
                doc.execute(rusqlite::params![file_id, p, text])?;
                let doc_id = tx.last_insert_rowid();
                docs += 1;
                for (seq, chunk) in text
                    .split("\n\n")
                    .filter(|c| !c.trim().is_empty())
                    .enumerate()
                {
                    para.execute(rusqlite::params![doc_id, seq as i64 + 1, chunk])?;
                    let pid = tx.last_insert_rowid();
                    date.execute(rusqlite::params![doc_id, pid])?;
                    paras += 1;
                    small += 1;
                }
                for seq in 1..=10 {
                    tag.execute(rusqlite::params![doc_id, seq])?;
                    small += 1;
                }
            }
        }
        tx.commit()?;
    }
    let inserted = started.elapsed().as_secs_f64();
    catalog.end_bulk()?;
    let total = started.elapsed().as_secs_f64();
    println!(
        "{{\"seconds\": {total:.2}, \"insert_seconds\": {inserted:.2}, \"index_seconds\": {:.2}, \"documents\": {docs}, \"paragraphs\": {paras}, \"small_rows\": {small}}}",
        total - inserted
    );
    Ok(())
}
