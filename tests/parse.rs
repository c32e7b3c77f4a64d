//! The parser against releases a librarian labelled by hand (tests/fixtures/gold.jsonl, the
//! labels of the sample holdings in data/cables), field by field, in both shapes: as
//! released, and punctuation-stripped onto one line as the seed document came.

use std::path::Path;

use cablecat::model::{format_sent_at, AddresseeRole, Document};
use cablecat::parse;
use serde_json::Value;

fn norm(v: &str) -> String {
    v.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

fn norm_subject(v: &str) -> String {
    let n = norm(v);
    for mark in [
        "(U) ", "(C) ", "(S) ", "(SBU) ", "(LOU) ", "(TS) ", "(S/NF) ", "(C/NF) ",
    ] {
        if let Some(rest) = n.strip_prefix(mark) {
            return rest.to_string();
        }
    }
    n
}

/// The catalog's value of a labelled field, as `score.py` reads it back.
fn field(doc: &Document, name: &str) -> Value {
    let s = |v: Option<String>| v.map(Value::String).unwrap_or(Value::Null);
    let date = |d: Option<chrono::NaiveDate>| s(d.map(|d| d.to_string()));
    match name {
        "doc_no" => s(doc.doc_no.clone()),
        "case_no" => s(doc.case_no.clone()),
        "release_date" => date(doc.release_date),
        "release_status" => s(doc.release_status.map(|x| x.as_str().to_string())),
        "doc_type" => s(doc.doc_type.map(|x| x.as_str().to_string())),
        "cable_id" => s(doc.cable_id.clone()),
        "sent_at" => s(doc.sent_at.as_ref().map(format_sent_at)),
        "doc_date" => date(doc.doc_date),
        "precedence" => s(doc.precedence.clone()),
        "origin" => s(doc.origin.clone()),
        "classification" => s(doc.classification.clone()),
        "subject" => s(doc.subject.clone()),
        "declassify_on" => date(doc.declassify_on),
        "to" => Value::Array(
            doc.addressees
                .iter()
                .filter(|a| a.role == AddresseeRole::To)
                .map(|a| Value::String(a.name.clone()))
                .collect(),
        ),
        "tags" => Value::Array(doc.tags.iter().cloned().map(Value::String).collect()),
        "exemptions" => {
            let mut codes: Vec<String> = doc.exemptions.iter().map(|e| e.code.clone()).collect();
            codes.sort();
            codes.dedup();
            Value::Array(codes.into_iter().map(Value::String).collect())
        }
        "paragraph_count" => Value::from(doc.numbered_paragraphs()),
        other => panic!("unknown labelled field {other}"),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str()).map(norm).collect())
        .unwrap_or_default()
}

fn same(name: &str, want: &Value, got: &Value) -> bool {
    match name {
        "to" | "exemptions" => {
            let mut w = strings(want);
            let mut g = strings(got);
            w.sort();
            g.sort();
            w.dedup();
            g.dedup();
            w == g
        }
        "tags" => strings(want) == strings(got),
        "paragraph_count" => want.as_u64().unwrap_or(0) == got.as_u64().unwrap_or(0),
        "subject" => match (want.as_str(), got.as_str()) {
            (Some(w), Some(g)) => {
                strsim::normalized_levenshtein(&norm_subject(w), &norm_subject(g)) >= 0.9
            }
            (w, g) => w.is_none() && g.is_none(),
        },
        _ => want.as_str().map(norm) == got.as_str().map(norm),
    }
}

/// What `score.py --stripped` does to a release: the seed's shape.
fn strip_like_seed(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() || "'%&@-".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ") + "\n"
}

/// Parse every labelled sample and return the wrong fields and the count of fields checked.
fn check(stripped: bool) -> (Vec<String>, usize) {
    let gold = include_str!("fixtures/gold.jsonl");
    let mut wrong = Vec::new();
    let mut total = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let label: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
        let file = label["file"].as_str().unwrap();
        if stripped && !file.ends_with(".txt") {
            continue;
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/cables")
            .join(file);
        let bytes = std::fs::read(&path).unwrap();
        let docs = if stripped {
            vec![parse::parse_text(&strip_like_seed(
                &String::from_utf8_lossy(&bytes),
            ))]
        } else {
            parse::parse_bytes(&path, &bytes).unwrap()
        };
        assert_eq!(docs.len(), 1, "{file}");
        let doc = &docs[0];
        let uncertain: Vec<&str> = label
            .get("uncertain")
            .and_then(|u| u.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        for (name, want) in &label {
            if ["file", "uncertain", "note"].contains(&name.as_str())
                || uncertain.contains(&name.as_str())
            {
                continue;
            }
            total += 1;
            let got = field(doc, name);
            if !same(name, want, &got) {
                wrong.push(format!("{file}: {name}: want {want}, got {got}"));
            }
        }
    }
    (wrong, total)
}

#[test]
fn labelled_releases_parse_as_labelled() {
    let (wrong, total) = check(false);
    assert!(total > 700, "only {total} labelled fields checked");
    assert!(
        wrong.is_empty(),
        "{} of {total} fields wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn stripped_releases_keep_most_fields() {
    let (wrong, total) = check(true);
    let right = total - wrong.len();
    // The one-line shape loses what only punctuation told apart; 93% is the floor the
    // parser is held to (issue 3), and the seed itself is checked field by field below.
    assert!(
        right * 100 >= total * 93,
        "{right} of {total} right:\n{}",
        wrong.join("\n")
    );
    assert!(
        !wrong.iter().any(|w| w.starts_with("nsarchive/")),
        "{}",
        wrong.join("\n")
    );
}
