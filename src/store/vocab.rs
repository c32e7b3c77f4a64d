//! Reference vocabularies (`data/vocab/*.csv`) loaded into their tables: exemptions and
//! classification reasons, TAGS codes, precedences, agencies, and the terms extraction works
//! from. The CSVs are built into the binary and loaded when a catalog is created or the
//! built-in set changes; a librarian's edited copies are loaded with `cablecat vocab reload
//! DIR`, and then stay until reloaded. The text of every file loaded is kept in `meta`, so
//! extraction always reads the vocabulary the catalog holds.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::extract::vocab::{rows, VocabFiles};

/// File names, in the order they are loaded.
pub const FILES: &[&str] = &[
    "exemptions.csv",
    "tags.csv",
    "precedence.csv",
    "agencies.csv",
    "violence_terms.csv",
    "violence_context.csv",
    "request_phrases.csv",
    "request_items.csv",
    "actors.csv",
];

/// The text of every vocabulary file, by name.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    pub files: Vec<(String, String)>,
}

fn builtin_text(name: &str) -> &'static str {
    match name {
        "exemptions.csv" => include_str!("../../data/vocab/exemptions.csv"),
        "tags.csv" => include_str!("../../data/vocab/tags.csv"),
        "precedence.csv" => include_str!("../../data/vocab/precedence.csv"),
        "agencies.csv" => include_str!("../../data/vocab/agencies.csv"),
        "violence_terms.csv" => include_str!("../../data/vocab/violence_terms.csv"),
        "violence_context.csv" => include_str!("../../data/vocab/violence_context.csv"),
        "request_phrases.csv" => include_str!("../../data/vocab/request_phrases.csv"),
        "request_items.csv" => include_str!("../../data/vocab/request_items.csv"),
        "actors.csv" => include_str!("../../data/vocab/actors.csv"),
        _ => "",
    }
}

impl Vocabularies {
    pub fn builtin() -> Vocabularies {
        Vocabularies {
            files: FILES
                .iter()
                .map(|n| (n.to_string(), builtin_text(n).to_string()))
                .collect(),
        }
    }

    /// Read edited copies from a folder; files it lacks come from the built-in set.
    pub fn from_dir(dir: &Path) -> Result<Vocabularies> {
        if !dir.is_dir() {
            anyhow::bail!("{} is not a folder of vocabulary CSV files", dir.display());
        }
        let mut files = Vec::new();
        for name in FILES {
            let p = dir.join(name);
            let text = if p.exists() {
                std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?
            } else {
                builtin_text(name).to_string()
            };
            files.push((name.to_string(), text));
        }
        let v = Vocabularies { files };
        // Check they read before anything is replaced.
        crate::extract::Vocab::from_files(&v.extraction())
            .with_context(|| format!("reading the vocabularies in {}", dir.display()))?;
        Ok(v)
    }

    pub fn get(&self, name: &str) -> &str {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }

    /// The files extraction reads.
    pub fn extraction(&self) -> VocabFiles {
        VocabFiles {
            agencies: self.get("agencies.csv").to_string(),
            violence_terms: self.get("violence_terms.csv").to_string(),
            violence_context: self.get("violence_context.csv").to_string(),
            request_phrases: self.get("request_phrases.csv").to_string(),
            request_items: self.get("request_items.csv").to_string(),
            actors: self.get("actors.csv").to_string(),
        }
    }

    fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for (n, t) in &self.files {
            h.update(n.as_bytes());
            h.update([0]);
            h.update(t.as_bytes());
            h.update([0]);
        }
        format!("{:x}", h.finalize())
    }
}

fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Load the built-in vocabularies when the catalog is new or the built-in set changed,
/// unless a librarian loaded their own.
pub(crate) fn ensure_loaded(conn: &mut Connection) -> Result<()> {
    let vocab = Vocabularies::builtin();
    let origin = meta(conn, "vocab_origin")?;
    if origin.as_deref().is_some_and(|o| o != "builtin") {
        return Ok(());
    }
    if meta(conn, "vocab_builtin")?.as_deref() == Some(vocab.fingerprint().as_str()) {
        return Ok(());
    }
    load_vocabularies(conn, &vocab, "builtin")?;
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('vocab_builtin', ?1)",
        [vocab.fingerprint()],
    )?;
    Ok(())
}

/// The vocabularies the catalog holds.
pub fn current(conn: &Connection) -> Result<Vocabularies> {
    let mut files = Vec::new();
    for name in FILES {
        let text =
            meta(conn, &format!("vocab:{name}"))?.unwrap_or_else(|| builtin_text(name).to_string());
        files.push((name.to_string(), text));
    }
    Ok(Vocabularies { files })
}

/// Replace the reference tables with `vocab`; `origin` says where it came from.
pub fn load_vocabularies(conn: &mut Connection, vocab: &Vocabularies, origin: &str) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    load(&tx, vocab)?;
    for (name, text) in &vocab.files {
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
            params![format!("vocab:{name}"), text],
        )?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('vocab_origin', ?1)",
        [origin],
    )?;
    tx.commit()?;
    Ok(())
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn load(tx: &Transaction, vocab: &Vocabularies) -> Result<()> {
    let col = |r: &std::collections::HashMap<String, String>, k: &str| {
        r.get(k).cloned().unwrap_or_default()
    };

    tx.execute("DELETE FROM exemptions", [])?;
    let mut stmt = tx.prepare(
        "INSERT OR REPLACE INTO exemptions(code, authority, kind, label, description, citation, marking_variants, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in rows("exemptions.csv", vocab.get("exemptions.csv"))? {
        let code = col(&r, "code").to_lowercase();
        if code.is_empty() {
            continue;
        }
        stmt.execute(params![
            code,
            col(&r, "authority"),
            opt(&col(&r, "kind")),
            opt(&col(&r, "label")),
            opt(&col(&r, "description")),
            opt(&col(&r, "citation")),
            opt(&col(&r, "marking_variants")),
            opt(&col(&r, "source")),
        ])?;
    }
    drop(stmt);

    tx.execute("DELETE FROM tag_codes", [])?;
    let mut stmt = tx.prepare(
        "INSERT INTO tag_codes(code, kind, category, title, era, verification, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in rows("tags.csv", vocab.get("tags.csv"))? {
        stmt.execute(params![
            col(&r, "code"),
            opt(&col(&r, "kind")),
            opt(&col(&r, "category")),
            opt(&col(&r, "title")),
            opt(&col(&r, "era")),
            opt(&col(&r, "verification")),
            opt(&col(&r, "source")),
        ])?;
    }
    drop(stmt);

    tx.execute("DELETE FROM precedences", [])?;
    let mut stmt = tx.prepare(
        "INSERT OR REPLACE INTO precedences(designation, prosign, rank, handling, source) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in rows("precedence.csv", vocab.get("precedence.csv"))? {
        stmt.execute(params![
            col(&r, "designation"),
            opt(&col(&r, "prosign")),
            col(&r, "rank").parse::<i64>().ok(),
            opt(&col(&r, "handling")),
            opt(&col(&r, "source")),
        ])?;
    }
    drop(stmt);

    // Agencies keep their ids, so mentions stay linked; ones no longer listed go.
    tx.execute(
        "CREATE TEMP TABLE IF NOT EXISTS seen_agencies(id INTEGER PRIMARY KEY)",
        [],
    )?;
    tx.execute("DELETE FROM temp.seen_agencies", [])?;
    let mut stmt = tx.prepare(
        "INSERT INTO agencies(acronym, name, country, kind, aliases, word, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(acronym, country) DO UPDATE SET
            name = excluded.name, kind = excluded.kind, aliases = excluded.aliases,
            word = excluded.word, source = excluded.source
         RETURNING id",
    )?;
    let mut seen = tx.prepare("INSERT OR IGNORE INTO temp.seen_agencies(id) VALUES (?1)")?;
    for r in rows("agencies.csv", vocab.get("agencies.csv"))? {
        if col(&r, "acronym").is_empty() {
            continue;
        }
        let id: i64 = stmt.query_row(
            params![
                col(&r, "acronym"),
                col(&r, "name"),
                col(&r, "country"),
                opt(&col(&r, "kind")),
                opt(&col(&r, "aliases")),
                col(&r, "word").eq_ignore_ascii_case("yes"),
                opt(&col(&r, "source")),
            ],
            |row| row.get(0),
        )?;
        seen.execute([id])?;
    }
    drop(stmt);
    drop(seen);
    tx.execute(
        "DELETE FROM agencies WHERE id NOT IN (SELECT id FROM temp.seen_agencies)",
        [],
    )?;

    tx.execute("DELETE FROM violence_terms", [])?;
    for r in rows("violence_terms.csv", vocab.get("violence_terms.csv"))? {
        tx.execute(
            "INSERT OR REPLACE INTO violence_terms(term, measure, needs_context, source, class, form) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                col(&r, "term").to_lowercase(),
                col(&r, "measure"),
                col(&r, "needs_context").eq_ignore_ascii_case("yes"),
                opt(&col(&r, "source")),
                opt(&col(&r, "class")),
                opt(&col(&r, "form"))
            ],
        )?;
    }
    tx.execute("DELETE FROM violence_context", [])?;
    for r in rows("violence_context.csv", vocab.get("violence_context.csv"))? {
        tx.execute(
            "INSERT OR REPLACE INTO violence_context(word, source, kind) VALUES (?1, ?2, ?3)",
            params![
                col(&r, "word").to_lowercase(),
                opt(&col(&r, "source")),
                opt(&col(&r, "kind")).unwrap_or("violence")
            ],
        )?;
    }
    tx.execute("DELETE FROM request_phrases", [])?;
    for r in rows("request_phrases.csv", vocab.get("request_phrases.csv"))? {
        tx.execute(
            "INSERT OR REPLACE INTO request_phrases(phrase, kind, source) VALUES (?1, ?2, ?3)",
            params![
                col(&r, "phrase").to_lowercase(),
                opt(&col(&r, "kind")),
                opt(&col(&r, "source"))
            ],
        )?;
    }
    tx.execute("DELETE FROM request_items", [])?;
    for r in rows("request_items.csv", vocab.get("request_items.csv"))? {
        tx.execute(
            "INSERT OR REPLACE INTO request_items(term, category, source) VALUES (?1, ?2, ?3)",
            params![
                col(&r, "term").to_lowercase(),
                col(&r, "category"),
                opt(&col(&r, "source"))
            ],
        )?;
    }
    tx.execute("DELETE FROM actor_words", [])?;
    for r in rows("actors.csv", vocab.get("actors.csv"))? {
        tx.execute(
            "INSERT OR REPLACE INTO actor_words(word, kind, source) VALUES (?1, ?2, ?3)",
            params![
                col(&r, "word").to_lowercase(),
                col(&r, "kind"),
                opt(&col(&r, "source"))
            ],
        )?;
    }
    Ok(())
}
