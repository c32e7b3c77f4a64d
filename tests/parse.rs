//! The parser against releases a librarian labelled by hand (tests/fixtures/gold.jsonl, the
//! labels of the sample holdings in data/cables), field by field, in both shapes: as
//! released, and punctuation-stripped onto one line as the seed document came.

use std::path::Path;

mod common;

use cablecat::parse;
use common::{field, same, strip_like_seed};
use serde_json::Value;

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
    // The one-line shape loses what only punctuation told apart; 98% is the floor the
    // parser is held to (issue 11; 93% before it), and the seed itself is checked field by
    // field below.
    assert!(
        right * 100 >= total * 98,
        "{right} of {total} right:\n{}",
        wrong.join("\n")
    );
    assert!(
        !wrong.iter().any(|w| w.starts_with("nsarchive/")),
        "{}",
        wrong.join("\n")
    );
}
