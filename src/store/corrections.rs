//! Librarians' corrections: a field of a document set by hand wins over what the parser read,
//! is recorded with who made it and when, and is applied again whenever the document's file is
//! imported again.

use anyhow::{anyhow, bail, Context, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// What a correction does to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The field takes the given value.
    Set,
    /// The field has no value (the parser read one that is not there).
    Unset,
    /// Back to what the parser reads.
    Revert,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Set => "set",
            Action::Unset => "unset",
            Action::Revert => "revert",
        }
    }
}

/// How a field's values are checked and written.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Text,
    Upper,
    /// ISO date; the `dates` row of this kind follows it.
    Date(&'static str),
    SentAt,
    OneOf(&'static [&'static str]),
}

/// The fields of `documents` a librarian may correct, with their shapes.
const FIELDS: &[(&str, Shape)] = &[
    ("doc_no", Shape::Upper),
    ("case_no", Shape::Upper),
    ("release_date", Shape::Date("released")),
    ("release_status", Shape::OneOf(&["full", "part", "denied"])),
    (
        "doc_type",
        Shape::OneOf(&["cable", "email", "memo", "letter", "other"]),
    ),
    ("cable_id", Shape::Upper),
    ("sent_at", Shape::SentAt),
    ("doc_date", Shape::Date("document")),
    ("precedence", Shape::Upper),
    ("origin", Shape::Text),
    ("classification", Shape::Upper),
    ("subject", Shape::Text),
    ("declassify_on", Shape::Date("declassify_on")),
    ("classified_by", Shape::Text),
];

/// The names of the fields that can be corrected.
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|(n, _)| *n).collect()
}

fn shape(field: &str) -> Result<(&'static str, Shape)> {
    FIELDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(field))
        .copied()
        .ok_or_else(|| {
            anyhow!(
                "{field:?} is not a field that can be corrected; the fields are: {}",
                field_names().join(", ")
            )
        })
}

/// The value as the catalog stores it, or why it cannot be.
pub fn normalize(field: &str, value: &str) -> Result<String> {
    let (name, shape) = shape(field)?;
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() {
        bail!("the new {name} is empty; to say the document has none, use `cablecat unset`");
    }
    Ok(match shape {
        Shape::Text => v,
        Shape::Upper => v.to_uppercase(),
        Shape::Date(_) => {
            NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .map_err(|_| anyhow!("{name} is a date written YYYY-MM-DD, not {v:?}"))?;
            v
        }
        Shape::SentAt => {
            NaiveDateTime::parse_from_str(&v, "%Y-%m-%dT%H:%MZ").map_err(|_| {
                anyhow!("sent_at is a UTC date-time written YYYY-MM-DDTHH:MMZ (2010-01-12T22:35Z), not {v:?}")
            })?;
            v
        }
        Shape::OneOf(allowed) => {
            let l = v.to_lowercase();
            if !allowed.contains(&l.as_str()) {
                bail!("{name} is one of {}, not {v:?}", allowed.join(", "));
            }
            l
        }
    })
}

/// One correction, as `cablecat corrections` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub id: i64,
    pub document: String,
    pub source_path: String,
    pub part: String,
    pub field: String,
    pub action: String,
    pub value: Option<String>,
    pub parsed: Option<String>,
    pub who: String,
    pub at: String,
    pub note: Option<String>,
}

/// Record a correction of `field` of document `doc_id` and apply it; returns its row id.
pub fn record(
    conn: &mut Connection,
    doc_id: i64,
    field: &str,
    action: Action,
    value: Option<&str>,
    who: &str,
    note: Option<&str>,
) -> Result<i64> {
    let (name, _) = shape(field)?;
    let value = match (action, value) {
        (Action::Set, Some(v)) => Some(normalize(name, v)?),
        (Action::Set, None) => bail!("give the new value of {name}"),
        _ => None,
    };
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let (source_path, part, label): (String, String, Option<String>) = tx
        .query_row(
            "SELECT source_path, coalesce(part, ''), coalesce(doc_no, cable_id) FROM documents WHERE id = ?1",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| anyhow!("no document with row id {doc_id}"))?;
    // What the parser read: kept by the correction in force, else the field as it stands.
    let in_force: Option<Option<String>> = tx
        .query_row(
            "SELECT parsed FROM corrections_in_force WHERE document_id = ?1 AND field = ?2",
            params![doc_id, name],
            |r| r.get(0),
        )
        .optional()?;
    if action == Action::Revert && in_force.is_none() {
        bail!("{name} of this document has no correction to revert");
    }
    let parsed = match in_force {
        Some(p) => p,
        None => current(&tx, doc_id, name)?,
    };
    tx.execute(
        "INSERT INTO corrections(source_path, part, doc_no, field, action, value, parsed, who, at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            source_path,
            part,
            label,
            name,
            action.as_str(),
            value,
            parsed,
            who,
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            note
        ],
    )?;
    let id = tx.last_insert_rowid();
    let new = match action {
        Action::Set => value,
        Action::Unset => None,
        Action::Revert => parsed,
    };
    let raw = (action != Action::Revert).then_some("corrected");
    write_field(&tx, doc_id, name, new.as_deref(), raw)?;
    tx.commit().context("saving the correction")?;
    Ok(id)
}

fn current(tx: &Transaction, doc_id: i64, field: &str) -> Result<Option<String>> {
    // `field` comes from FIELDS, never from the user as typed.
    let sql = format!("SELECT {field} FROM documents WHERE id = ?1");
    Ok(tx.query_row(&sql, [doc_id], |r| r.get(0))?)
}

/// Write a field's value, and keep the `dates` row of a date field in step with it.
fn write_field(
    tx: &Transaction,
    doc_id: i64,
    field: &str,
    value: Option<&str>,
    raw: Option<&str>,
) -> Result<()> {
    let (name, shape) = shape(field)?;
    let sql = format!("UPDATE documents SET {name} = ?2 WHERE id = ?1");
    tx.execute(&sql, params![doc_id, value])?;
    let (kind, precision, stored) = match shape {
        Shape::Date(kind) => (kind, "day", value.map(str::to_string)),
        Shape::SentAt => ("sent", "minute", value.map(|v| v.to_string())),
        _ => return Ok(()),
    };
    tx.execute(
        "DELETE FROM dates WHERE document_id = ?1 AND kind = ?2",
        params![doc_id, kind],
    )?;
    if let Some(v) = stored {
        tx.execute(
            "INSERT INTO dates(document_id, kind, value, precision, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![doc_id, kind, v, precision, raw],
        )?;
    }
    Ok(())
}

/// Apply the corrections in force to a document just written from a fresh parse, noting in
/// each what the parser read this time.
pub fn apply(tx: &Transaction, doc_id: i64) -> Result<()> {
    let rows: Vec<(i64, String, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT correction_id, field, action, value FROM corrections_in_force WHERE document_id = ?1",
        )?
        .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, field, action, value) in rows {
        if shape(&field).is_err() {
            continue;
        }
        let parsed = current(tx, doc_id, &field)?;
        tx.execute(
            "UPDATE corrections SET parsed = ?2 WHERE id = ?1",
            params![id, parsed],
        )?;
        let new = if action == "set" { value } else { None };
        write_field(tx, doc_id, &field, new.as_deref(), Some("corrected"))?;
    }
    Ok(())
}

/// Whether the catalog holds any correction (imports skip the lookup when it holds none).
pub fn any(conn: &Connection) -> Result<bool> {
    // Asked for every file imported: prepared once.
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM corrections)")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .unwrap_or(false))
}

/// The SQL behind `cablecat corrections`: every correction, oldest first, with the document
/// it applies to now (`:all` unset: only those in force).
pub const LIST_SQL: &str =
    "SELECT c.id, coalesce(d.doc_no, d.cable_id, c.doc_no) AS document, c.field, c.action,
       c.value, c.parsed, c.who, c.at, c.note, c.source_path, nullif(c.part, '') AS part,
       CASE WHEN f.correction_id IS NULL THEN 'no' ELSE 'yes' END AS in_force
FROM corrections c
LEFT JOIN documents d ON d.source_path = c.source_path AND coalesce(d.part, '') = c.part
LEFT JOIN corrections_in_force f ON f.correction_id = c.id
WHERE (:all IS NOT NULL OR f.correction_id IS NOT NULL)
  AND (:document IS NULL OR d.id = :document)
ORDER BY c.id";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_normalized() {
        assert_eq!(normalize("classification", " secret ").unwrap(), "SECRET");
        assert_eq!(normalize("release_status", "Part").unwrap(), "part");
        assert_eq!(normalize("doc_date", "1996-11-27").unwrap(), "1996-11-27");
        assert!(normalize("doc_date", "27 Nov 1996").is_err());
        assert!(normalize("sent_at", "2010-01-12 22:35").is_err());
        assert!(normalize("body", "x").is_err());
        assert!(normalize("doc_type", "telegram").is_err());
    }
}
