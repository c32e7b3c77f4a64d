//! Every canned report on the sample holdings: its CSV reviewed as a snapshot, the same CSV
//! whether run by name or as plain SQL, and what the seed document must yield.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Catalog {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

/// The sample holdings, imported once for all the tests here.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("catalog.db");
        // Relative paths, so snapshots do not depend on where the checkout is.
        let out = Command::new(env!("CARGO_BIN_EXE_cablecat"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--db", db.to_str().unwrap(), "import", "data/cables"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Catalog { _dir: dir, db }
    })
}

fn cablecat(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .arg("--db")
        .arg(&catalog().db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cablecat {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

/// Rows as maps from column name to value, as a report writer reads them.
fn named_rows(csv_text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn report_names() -> Vec<String> {
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("sql");
    let mut names: Vec<String> = std::fs::read_dir(sql)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".sql") && !n.ends_with(".by.sql"))
        .map(|n| n.trim_end_matches(".sql").to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn every_report_snapshot() {
    for name in report_names() {
        let csv = cablecat(&["report", &name, "--format", "csv"]);
        assert!(
            csv.ends_with("\r\n") || csv.is_empty(),
            "{name}: RFC 4180 lines end in CRLF"
        );
        insta::assert_snapshot!(format!("report_{name}"), csv);
    }
    let by = cablecat(&[
        "report",
        "assistance-requests",
        "--by",
        "month",
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("report_assistance-requests_by_month", by);
}

#[test]
fn reports_are_the_same_by_name_or_as_sql() {
    for name in report_names() {
        let sql = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sql/{name}.sql")),
        )
        .unwrap();
        let by_name = cablecat(&["report", &name, "--format", "csv"]);
        let as_sql = cablecat(&["sql", &sql, "--format", "csv"]);
        assert_eq!(by_name, as_sql, "{name}");
    }
}

#[test]
fn the_seed_yields_its_violence_figures() {
    let csv = cablecat(&["report", "violence-statistics", "--format", "csv"]);
    let all = named_rows(&csv);
    let seed: Vec<_> = all.iter().filter(|r| r["doc_no"] == "C05288068").collect();
    let has = |value: &str, unit: &str, class: &str| {
        seed.iter()
            .any(|r| r["value"] == value && r["unit"] == unit && r["class"] == class)
    };
    assert!(
        has("11", "percent", "killed") && has("4", "percent", "killed"),
        "Tijuana's share of killings: {seed:#?}"
    );
    assert!(
        has("40", "count", "killed"),
        "40 police killed in 2009: {seed:#?}"
    );
    assert!(
        has("49", "count", "killed"),
        "49 officers in 2008: {seed:#?}"
    );
    let police = seed.iter().find(|r| r["value"] == "40").unwrap();
    assert_eq!(police["measure"], "killed (police)");
    assert_eq!(police["place"], "statewide");
    // Every row says how sure it is, and the default shows only the rows a reader keeps.
    assert!(all
        .iter()
        .all(|r| r["confidence"].parse::<f64>().unwrap() >= 0.5));
    // Nothing from the banners or the distribution list.
    assert!(all
        .iter()
        .all(|r| !r["text"].contains("Case No") && !r["text"].contains("INFO LOG-00")));
}

#[test]
fn the_seed_yields_its_assistance_requests() {
    let csv = cablecat(&["report", "assistance-requests", "--format", "csv"]);
    let all = named_rows(&csv);
    let seed: Vec<_> = all.iter().filter(|r| r["doc_no"] == "C05288068").collect();
    let item = |words: &[&str]| {
        seed.iter()
            .find(|r| words.iter().all(|w| r["item"].to_lowercase().contains(w)))
    };
    for words in [
        &["armored cars"][..],
        &["ballistic vests"],
        &["training", "managing police"],
        &["training", "professionalism", "leadership"],
        &["technology"],
        &["intelligence sharing"],
        &["vetting"],
        &["drug treatment centers"],
        &["advance warning", "repatriation"],
        &["biometric data"],
        &["road", "border fence"],
    ] {
        assert!(
            item(words).is_some(),
            "no request for {words:?} in {seed:#?}"
        );
    }
    // `limited equipment armored cars ballistic vests`: one row per thing asked for.
    assert!(item(&["armored cars", "ballistic vests"]).is_none());
    // Paragraphs 9 and 10 report the December 3 meeting in Tijuana.
    for words in [
        &["biometric data"][..],
        &["drug treatment centers"],
        &["road", "border fence"],
    ] {
        assert_eq!(item(words).unwrap()["date"], "2009-12-03", "{words:?}");
    }
    // Who asked: named, or resolved through `he` to the Governor.
    assert_eq!(
        item(&["training", "professionalism"]).unwrap()["requester"],
        "Municipal Dirctor Leyzaola"
    );
    let road = item(&["road", "border fence"]).unwrap();
    assert!(road["requester"].contains("Governor"), "{road:?}");
    assert_eq!(road["requester_source"], "pronoun");
    // Ordered by date.
    let dates: Vec<&str> = all
        .iter()
        .map(|r| r["date"].as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn doubtful_rows_are_shown_on_request() {
    let default = named_rows(&cablecat(&[
        "report",
        "assistance-requests",
        "--format",
        "csv",
    ]));
    let all = named_rows(&cablecat(&[
        "report",
        "assistance-requests",
        "-p",
        "min_confidence=0",
        "--format",
        "csv",
    ]));
    assert!(all.len() > default.len());
    assert!(all
        .iter()
        .any(|r| r["confidence"].parse::<f64>().unwrap() < 0.5));
    let equipment = named_rows(&cablecat(&[
        "report",
        "assistance-requests",
        "-p",
        "category=equipment",
        "--format",
        "csv",
    ]));
    assert!(!equipment.is_empty() && equipment.iter().all(|r| r["category"] == "equipment"));
    let killed = named_rows(&cablecat(&[
        "report",
        "violence-statistics",
        "-p",
        "class=killed",
        "--format",
        "csv",
    ]));
    assert!(!killed.is_empty() && killed.iter().all(|r| r["class"] == "killed"));
}

#[test]
fn report_parameters_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("holdings.csv");
    cablecat(&[
        "report",
        "holdings",
        "-p",
        "case=F-2010-07760",
        "--output",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    let r = rows(&text);
    assert_eq!(r.len(), 1);
    assert_eq!(&r[0][0], "C05288068");
    assert_eq!(&r[0][9], "1.4(b) 1.4(d) b1 b7(e)");

    let json = cablecat(&[
        "report",
        "violence-statistics",
        "--from",
        "2010-01",
        "--to",
        "2010-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["date"].as_str().unwrap().starts_with("2010-01")));
    assert!(v.as_array().unwrap().iter().any(|r| r["value"] == 49));
}
