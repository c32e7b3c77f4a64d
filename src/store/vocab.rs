//! Reference vocabularies (`data/vocab/*.csv`) loaded into their tables: exemptions and
//! classification reasons, TAGS codes, precedences. The CSVs are built into the binary, and
//! reloaded when they change; a librarian's edited copies can be loaded from a folder.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{params, Connection, Transaction};
use sha2::{Digest, Sha256};

/// The text of each vocabulary file, by file name.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    pub exemptions: String,
    pub tags: String,
    pub precedence: String,
}

impl Vocabularies {
    pub fn builtin() -> Vocabularies {
        Vocabularies {
            exemptions: include_str!("../../data/vocab/exemptions.csv").to_string(),
            tags: include_str!("../../data/vocab/tags.csv").to_string(),
            precedence: include_str!("../../data/vocab/precedence.csv").to_string(),
        }
    }

    /// Read edited copies from a folder; files it lacks come from the built-in set.
    pub fn from_dir(dir: &Path) -> Result<Vocabularies> {
        let builtin = Vocabularies::builtin();
        let read = |name: &str, fallback: String| -> Result<String> {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
            } else {
                Ok(fallback)
            }
        };
        Ok(Vocabularies {
            exemptions: read("exemptions.csv", builtin.exemptions)?,
            tags: read("tags.csv", builtin.tags)?,
            precedence: read("precedence.csv", builtin.precedence)?,
        })
    }

    fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for part in [&self.exemptions, &self.tags, &self.precedence] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        format!("{:x}", h.finalize())
    }
}

/// Load the built-in vocabularies unless the catalog already holds these very ones.
pub(crate) fn ensure_loaded(conn: &mut Connection) -> Result<()> {
    let vocab = Vocabularies::builtin();
    let current: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'vocab_builtin'",
            [],
            |r| r.get(0),
        )
        .ok();
    if current.as_deref() == Some(vocab.fingerprint().as_str()) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    load(&tx, &vocab)?;
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('vocab_builtin', ?1)",
        [vocab.fingerprint()],
    )?;
    tx.commit()?;
    Ok(())
}

/// Replace the reference tables with `vocab`.
pub fn load_vocabularies(conn: &mut Connection, vocab: &Vocabularies) -> Result<()> {
    let tx = conn.transaction()?;
    load(&tx, vocab)?;
    tx.commit()?;
    Ok(())
}

fn records(name: &str, text: &str) -> Result<Vec<csv::StringRecord>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .with_context(|| format!("{name}: no header row"))?
        .clone();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{name}: row {}", i + 2))?;
        out.push(rec);
    }
    let _ = headers;
    Ok(out)
}

fn column(name: &str, text: &str, col: &str) -> Result<usize> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    rdr.headers()?
        .iter()
        .position(|h| h == col)
        .with_context(|| format!("{name}: no column {col:?}"))
}

fn load(tx: &Transaction, vocab: &Vocabularies) -> Result<()> {
    // Exemptions: codes already stamped on documents keep pointing at their row.
    let ex = &vocab.exemptions;
    let cols: Vec<usize> = [
        "code",
        "authority",
        "kind",
        "label",
        "description",
        "citation",
        "marking_variants",
        "source",
    ]
    .iter()
    .map(|c| column("exemptions.csv", ex, c))
    .collect::<Result<_>>()?;
    tx.execute("DELETE FROM exemptions", [])?;
    {
        let mut stmt = tx.prepare(
            "INSERT OR REPLACE INTO exemptions(code, authority, kind, label, description, citation, marking_variants, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for r in records("exemptions.csv", ex)? {
            let get = |i: usize| r.get(cols[i]).filter(|v| !v.is_empty());
            stmt.execute(params![
                get(0).map(str::to_lowercase),
                get(1).unwrap_or(""),
                get(2),
                get(3),
                get(4),
                get(5),
                get(6),
                get(7)
            ])?;
        }
    }

    let tg = &vocab.tags;
    let cols: Vec<usize> = [
        "code",
        "kind",
        "category",
        "title",
        "era",
        "verification",
        "source",
    ]
    .iter()
    .map(|c| column("tags.csv", tg, c))
    .collect::<Result<_>>()?;
    tx.execute("DELETE FROM tag_codes", [])?;
    {
        let mut stmt = tx.prepare(
            "INSERT INTO tag_codes(code, kind, category, title, era, verification, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in records("tags.csv", tg)? {
            let get = |i: usize| r.get(cols[i]).filter(|v| !v.is_empty());
            stmt.execute(params![
                get(0),
                get(1),
                get(2),
                get(3),
                get(4),
                get(5),
                get(6)
            ])?;
        }
    }

    let pr = &vocab.precedence;
    let cols: Vec<usize> = ["designation", "prosign", "rank", "handling", "source"]
        .iter()
        .map(|c| column("precedence.csv", pr, c))
        .collect::<Result<_>>()?;
    tx.execute("DELETE FROM precedences", [])?;
    {
        let mut stmt = tx.prepare(
            "INSERT OR REPLACE INTO precedences(designation, prosign, rank, handling, source)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in records("precedence.csv", pr)? {
            let get = |i: usize| r.get(cols[i]).filter(|v| !v.is_empty());
            stmt.execute(params![
                get(0),
                get(1),
                get(2).and_then(|v| v.parse::<i64>().ok()),
                get(3),
                get(4)
            ])?;
        }
    }
    Ok(())
}
