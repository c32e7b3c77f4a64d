//! The real binary, run in a scratch folder, as a librarian and an analyst use it.

mod common;

use std::path::Path;
use std::process::Command;

use common::scratch::{samples, Scratch};

use rusqlite::Connection;

use common::scratch::csv_rows;

#[test]
fn import_builds_the_catalog_and_reimport_changes_nothing() {
    let s = Scratch::new();
    let out = s.import_samples();
    let files = walk_count(&samples());
    assert!(out.contains(&format!("imported {files} files")), "{out}");
    assert!(out.contains("failed 0"), "{out}");
    assert!(s.db().exists());

    let again = s.import_samples();
    assert!(again.contains("imported 0 files"), "{again}");
    assert!(again.contains(&format!("unchanged {files}")), "{again}");
}

fn walk_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk_count(&p);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "xml")) {
            n += 1;
        }
    }
    n
}

#[test]
fn the_seed_document_is_catalogued_field_by_field() {
    let s = Scratch::new();
    s.import_samples();
    let conn = Connection::open(s.db()).unwrap();
    let row: Vec<Option<String>> = conn
        .query_row(
            "SELECT doc_no, case_no, release_date, release_status, doc_type, cable_id, sent_at,
                    doc_date, precedence, origin, classification, subject, declassify_on
             FROM documents WHERE source_path LIKE '%nsarchive/C05288068.txt'",
            [],
            |r| (0..13).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    let want = [
        "C05288068",
        "F-2010-07760",
        "2013-10-21",
        "part",
        "cable",
        "10MEXICO45",
        "2010-01-12T22:35Z",
        "2010-01-12",
        "ROUTINE",
        "AMEMBASSY MEXICO",
        "CONFIDENTIAL",
        "Tijuana Bilateral Assessment",
        "2020-01-12",
    ];
    let got: Vec<&str> = row.iter().map(|v| v.as_deref().unwrap_or("NULL")).collect();
    assert_eq!(got, want);

    let id: i64 = conn
        .query_row(
            "SELECT id FROM documents WHERE doc_no = 'C05288068'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let list = |sql: &str| -> Vec<String> {
        let mut st = conn.prepare(sql).unwrap();
        st.query_map([id], |r| r.get(0))
            .unwrap()
            .map(|x| x.unwrap())
            .collect()
    };
    assert_eq!(
        list("SELECT name FROM addressees WHERE document_id = ?1 AND role = 'to' ORDER BY seq"),
        ["SECSTATE WASHDC"]
    );
    assert_eq!(
        list("SELECT tag FROM document_tags WHERE document_id = ?1 ORDER BY seq"),
        ["PREL", "PGOV", "PHUM", "SNAR", "ECON", "KCRM", "MX"]
    );
    assert_eq!(
        list("SELECT DISTINCT code FROM document_exemptions WHERE document_id = ?1 ORDER BY code"),
        ["1.4(b)", "1.4(d)", "b1", "b7(e)"]
    );
    let numbered: i64 = conn
        .query_row(
            "SELECT count(*) FROM paragraphs WHERE document_id = ?1 AND number IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(numbered, 22);
    // The banner is gone from the body, repeated fifteen times as it was.
    let body: String = conn
        .query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!body.contains("Case No F-2010-07760"), "{body}");
    assert!(body.contains("Tijuana Bilateral Assessment"));
    // Full-text search finds a paragraph by its words.
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid
             WHERE paragraphs_fts MATCH 'armored' AND p.document_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hits >= 1);
}

#[test]
fn list_show_and_sql() {
    let s = Scratch::new();
    s.import_samples();
    let list = s.ok(&["list", "--format", "csv"]);
    let rows = csv_rows(&list);
    // Each sample file holds one document (the FRUS files each hold one <div type="document">).
    assert_eq!(rows.len(), walk_count(&samples()), "one row per document");
    assert!(rows
        .iter()
        .any(|r| r[1] == "C05288068" && r.last().unwrap() == "Tijuana Bilateral Assessment"));

    let show = s.ok(&["show", "C05288068"]);
    for want in [
        "Tijuana Bilateral Assessment",
        "AMEMBASSY MEXICO",
        "SECSTATE WASHDC",
        "PREL, PGOV",
        "b7(e)",
        "1. (SBU)",
    ] {
        assert!(show.contains(want), "show lacks {want:?}:\n{show}");
    }
    let by_cable = s.ok(&["show", "10MEXICO45", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&by_cable).unwrap();
    assert_eq!(v["doc_no"], "C05288068");
    assert_eq!(
        v["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p["number"].is_null())
            .count(),
        22
    );

    let missing = s.run(&["show", "C00000000"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no document"));

    let sql = s.ok(&[
        "sql",
        "SELECT doc_no, subject FROM documents WHERE doc_no = :d",
        "-p",
        "d=C05288068",
        "--format",
        "csv",
    ]);
    assert_eq!(
        sql,
        "doc_no,subject\r\nC05288068,Tijuana Bilateral Assessment\r\n"
    );
    let json = s.ok(&[
        "sql",
        "SELECT count(*) AS n FROM documents WHERE doc_type = 'cable'",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v[0]["n"].as_i64().unwrap() >= 10);
}

#[test]
fn sql_refuses_to_write() {
    let s = Scratch::new();
    s.import_samples();
    let count = || -> i64 {
        Connection::open(s.db())
            .unwrap()
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap()
    };
    let before = count();
    for statement in [
        "DELETE FROM documents",
        "UPDATE documents SET subject = 'x'",
        "DROP TABLE documents",
        "INSERT INTO meta(key, value) VALUES ('a', 'b')",
        "ATTACH DATABASE 'other.db' AS other",
        "PRAGMA journal_mode = DELETE",
        "SELECT 1; DELETE FROM documents",
    ] {
        let out = s.run(&["sql", statement]);
        assert_eq!(out.status.code(), Some(2), "{statement} was not refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("only reads") || err.contains("one SQL statement"),
            "{statement}: {err}"
        );
    }
    assert_eq!(count(), before);
    assert!(!s.dir.path().join("other.db").exists());
}

#[test]
fn reports_are_listed_and_run() {
    let s = Scratch::new();
    s.import_samples();
    let list = s.ok(&["reports", "--format", "csv"]);
    let rows = csv_rows(&list);
    assert!(
        rows.iter()
            .any(|r| r[0] == "documents-by-year" && !r[2].is_empty()),
        "{list}"
    );

    let years = s.ok(&["report", "documents-by-year", "--format", "csv"]);
    let rows = csv_rows(&years);
    let y2010 = rows
        .iter()
        .find(|r| r[0] == "2010")
        .expect("a row for 2010");
    assert!(y2010[1].parse::<i64>().unwrap() >= 1);
    let total: i64 = rows.iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
    let docs: i64 = Connection::open(s.db())
        .unwrap()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, docs);

    let ranged = s.ok(&[
        "report",
        "documents-by-year",
        "--from",
        "2009",
        "--to",
        "2010",
        "--format",
        "csv",
    ]);
    let years: Vec<String> = csv_rows(&ranged)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(
        years.iter().all(|y| y == "2009" || y == "2010"),
        "{years:?}"
    );

    let unknown = s.run(&["report", "no-such-report"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("documents-by-year"));
}

#[test]
fn a_bad_file_is_reported_and_the_rest_imported() {
    let s = Scratch::new();
    let folder = s.dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        samples().join("nsarchive/C05288068.txt"),
        folder.join("C05288068.txt"),
    )
    .unwrap();
    std::fs::write(
        folder.join("scan.txt"),
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3 binary",
    )
    .unwrap();
    let out = s.run(&["import", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("imported 1 files"), "{stdout}");
    assert!(
        stderr.contains("scan.txt") && stderr.contains("PDF"),
        "{stderr}"
    );
}

#[test]
fn a_changed_file_replaces_its_record() {
    let s = Scratch::new();
    let file = s.dir.path().join("C05288068.txt");
    let text = std::fs::read_to_string(samples().join("nsarchive/C05288068.txt")).unwrap();
    std::fs::write(&file, &text).unwrap();
    s.ok(&["import", file.to_str().unwrap()]);
    assert!(text.contains("armored cars"));
    let changed = text
        .replace("Tijuana Bilateral Assessment", "Tijuana Bilateral Review")
        .replace("armored cars", "armoured lorries");
    std::fs::write(&file, changed).unwrap();
    let out = s.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("imported 1 files"), "{out}");
    let conn = Connection::open(s.db()).unwrap();
    let subjects: Vec<String> = conn
        .prepare("SELECT subject FROM documents")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    assert_eq!(subjects, ["Tijuana Bilateral Review"]);
    let hits = |word: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?1",
            [word],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(hits("armored"), 0, "the old text is gone from the index");
    assert!(hits("lorries") >= 1, "the new text is in it");
}

#[test]
fn db_option_and_environment() {
    let s = Scratch::new();
    let file = samples().join("nsarchive/C05288068.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .current_dir(s.dir.path())
        .env("CABLECAT_DB", "from-env.db")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(s.dir.path().join("from-env.db").exists());
    s.ok(&["--db", "other.db", "import", file.to_str().unwrap()]);
    assert!(s.dir.path().join("other.db").exists());
    let none = s.run(&["--db", "missing.db", "list"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no catalog"));
    assert!(!s.dir.path().join("missing.db").exists());
}

#[test]
fn ref_lines_split_into_cited_cables_and_cited_by_joins_them() {
    let s = Scratch::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let citing = fixtures.join("smart_labels_above_values.txt");
    let other = fixtures.join("telegram_dtg_zero_for_o.txt");
    s.ok(&["import", citing.to_str().unwrap(), other.to_str().unwrap()]);
    let refs = csv_rows(&s.ok(&[
        "sql",
        "SELECT reference, label, cable_id FROM document_references ORDER BY document_id, seq",
        "--format",
        "csv",
    ]));
    assert_eq!(refs, [["A) 10 KINSHASA 858", "A", "10KINSHASA858"]]);
    let cited = "SELECT cable_id, citing_cable_id, reference FROM cited_by";
    assert!(csv_rows(&s.ok(&["sql", cited, "--format", "csv"])).is_empty());
    // Once the catalog holds the cited cable, the view joins the two.
    s.ok(&[
        "set",
        "C06814969",
        "cable_id",
        "10KINSHASA858",
        "--note",
        "test",
    ]);
    assert_eq!(
        csv_rows(&s.ok(&["sql", cited, "--format", "csv"])),
        [["10KINSHASA858", "10KINSHASA956", "A) 10 KINSHASA 858"]]
    );
    let show = s.ok(&["show", "10KINSHASA858"]);
    assert!(show.contains("Cited by        10KINSHASA956"), "{show}");
    let by = csv_rows(&s.ok(&[
        "report",
        "references",
        "-p",
        "cable=10KINSHASA858",
        "--format",
        "csv",
    ]));
    assert_eq!(by.len(), 1);
    assert_eq!(by[0][0], "10KINSHASA956");
    assert_eq!(by[0][5], "C06814969");
}
