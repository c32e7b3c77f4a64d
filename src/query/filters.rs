//! The document filters `list`, `search` and `export` share: each option given adds one
//! condition on `documents d`, with its value bound as a named parameter.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use clap::Args;

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct Filters {
    /// Only documents dated on or after this day: 1996, 1996-11 or 1996-11-27
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only documents dated on or before this day: 1996, 1996-11 or 1996-11-27
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Only documents that name this agency (acronym or name: CIA, "Central Intelligence Agency")
    #[arg(long)]
    pub agency: Option<String>,

    /// Only documents with this TAGS code (PREL, MX...)
    #[arg(long)]
    pub tag: Option<String>,

    /// Only documents stamped with this exemption code (b1, b6, 1.4(d)...)
    #[arg(long)]
    pub exemption: Option<String>,

    /// Only documents of this type: cable, email, memo, letter, other
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,

    /// Only documents of this original classification (SECRET, CONFIDENTIAL...)
    #[arg(long)]
    pub classification: Option<String>,

    /// Only documents with this release status: full, part, denied
    #[arg(long, value_name = "STATUS")]
    pub released: Option<String>,

    /// Only documents of this collection: the folder their file is in (clinton, nsarchive...)
    #[arg(long)]
    pub collection: Option<String>,

    /// Only documents from PDFs with pages that have no text layer (image-only scans):
    /// what `import --ocr` would read
    #[arg(long)]
    pub needs_ocr: bool,
}

/// The collection of a document as SQL, from a column holding its file's path: the name of
/// the folder the file is in (`store::collection`, a function of the read connections).
pub fn collection_of(path: &str) -> String {
    format!("collection_of({path})")
}

/// A date as the catalog compares it, or a message saying how to write it.
fn date_bound(name: &str, v: &str) -> Result<String> {
    let v = v.trim();
    let ok = match v.len() {
        4 => v.chars().all(|c| c.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if !ok {
        bail!("--{name} takes a date written 1996, 1996-11 or 1996-11-27, not {v:?}");
    }
    Ok(v.to_string())
}

/// An exemption code as the catalog stores it: `B7E` and `b7 (e)` are `b7(e)`, `1.4D` is `1.4(d)`.
pub fn exemption_code(v: &str) -> String {
    let v: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let re = regex::Regex::new(r"^(b\d|1\.\d)\(?([a-z])\)?$").expect("valid pattern");
    match re.captures(&v) {
        Some(c) => format!("{}({})", &c[1], &c[2]),
        None => v,
    }
}

impl Filters {
    /// The conditions (joined with AND, empty when no filter is given) and their parameters.
    pub fn to_sql(&self, params: &mut BTreeMap<String, String>) -> Result<String> {
        let mut conds: Vec<&str> = Vec::new();
        let collection: String;
        if let Some(v) = &self.from {
            params.insert("from".into(), date_bound("from", v)?);
            conds.push("d.doc_date >= :from");
        }
        if let Some(v) = &self.to {
            // 1996-11 includes every day of November: compare with 1996-11-99.
            params.insert("to".into(), format!("{}-99", date_bound("to", v)?));
            conds.push("d.doc_date <= :to");
        }
        if let Some(v) = &self.doc_type {
            let t = v.trim().to_lowercase();
            if !["cable", "email", "memo", "letter", "other"].contains(&t.as_str()) {
                bail!("--type is one of cable, email, memo, letter, other, not {v:?}");
            }
            params.insert("type".into(), t);
            conds.push("d.doc_type = :type");
        }
        if let Some(v) = &self.released {
            let s = v.trim().to_lowercase();
            if !["full", "part", "denied"].contains(&s.as_str()) {
                bail!("--released is one of full, part, denied, not {v:?}");
            }
            params.insert("released".into(), s);
            conds.push("d.release_status = :released");
        }
        if let Some(v) = &self.classification {
            params.insert("classification".into(), v.trim().to_uppercase());
            conds.push("d.classification = :classification");
        }
        if let Some(v) = &self.tag {
            params.insert("tag".into(), v.trim().to_uppercase());
            conds.push("d.id IN (SELECT document_id FROM document_tags WHERE tag = :tag)");
        }
        if let Some(v) = &self.exemption {
            params.insert("exemption".into(), exemption_code(v));
            conds.push(
                "d.id IN (SELECT document_id FROM document_exemptions WHERE code = :exemption)",
            );
        }
        if let Some(v) = &self.collection {
            params.insert("collection".into(), v.trim().to_string());
            collection = format!("{} = :collection", collection_of("d.source_path"));
            conds.push(&collection);
        }
        if let Some(v) = &self.agency {
            params.insert("agency".into(), v.trim().to_string());
            conds.push(
                "d.id IN (SELECT m.document_id FROM agency_mentions m
                          WHERE m.agency_id IN (SELECT id FROM agencies
                                                WHERE acronym = :agency COLLATE NOCASE
                                                   OR name = :agency COLLATE NOCASE)
                          UNION
                          SELECT a.document_id FROM addressees a
                          WHERE a.agency_id IN (SELECT id FROM agencies
                                                WHERE acronym = :agency COLLATE NOCASE
                                                   OR name = :agency COLLATE NOCASE))",
            );
        }
        if self.needs_ocr {
            conds.push(
                "d.file_id IN (SELECT id FROM files WHERE text_pages < pages AND ocr IS NULL)",
            );
        }
        Ok(conds.join("\n  AND "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exemption_codes_are_read_as_printed() {
        assert_eq!(exemption_code("B7E"), "b7(e)");
        assert_eq!(exemption_code("b7 (e)"), "b7(e)");
        assert_eq!(exemption_code("1.4D"), "1.4(d)");
        assert_eq!(exemption_code("B1"), "b1");
        assert_eq!(exemption_code("25X6"), "25x6");
    }

    #[test]
    fn the_collection_is_the_folder_holding_the_file() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::add_functions(&conn).unwrap();
        for (path, want) in [
            ("data/cables/clinton/C05739559.txt", "clinton"),
            ("/srv/holdings/nsarchive/x.txt", "nsarchive"),
            ("talbott/a b.txt", "talbott"),
            ("lone.txt", ""),
            ("/lone.txt", ""),
            ("a/a/a.txt", "a"),
            ("a//b.txt", "a"),
        ] {
            let got: String = conn
                .query_row(&format!("SELECT {}", collection_of("?1")), [path], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(got, want, "{path}");
        }
    }

    #[test]
    fn dates_are_checked() {
        let f = Filters {
            from: Some("Nov 1996".into()),
            ..Default::default()
        };
        let e = f.to_sql(&mut BTreeMap::new()).unwrap_err().to_string();
        assert!(e.contains("--from takes a date"), "{e}");
        let f = Filters {
            from: Some("1996-11".into()),
            to: Some("1997".into()),
            ..Default::default()
        };
        let mut p = BTreeMap::new();
        let sql = f.to_sql(&mut p).unwrap();
        assert!(sql.contains(":from") && sql.contains(":to"));
        assert_eq!(p["to"], "1997-99");
    }
}
