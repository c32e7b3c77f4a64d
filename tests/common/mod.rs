//! Helpers the test files share: a parsed document's fields as the catalog stores them, and
//! the comparison rules of the gold labels (shared/gold/FORMAT.md).
#![allow(dead_code)]

pub mod scratch;

use cablecat::model::{format_sent_at, AddresseeRole, Document};
use serde_json::Value;

pub fn norm(v: &str) -> String {
    v.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

pub fn norm_subject(v: &str) -> String {
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
pub fn field(doc: &Document, name: &str) -> Value {
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

pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str()).map(norm).collect())
        .unwrap_or_default()
}

pub fn same(name: &str, want: &Value, got: &Value) -> bool {
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
pub fn strip_like_seed(text: &str) -> String {
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
