//! The librarian's and the analyst's everyday commands, run as the real binary: search, list
//! with filters, corrections that outlive a re-import, exports, the schema page, check.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

use common::scratch::{csv_rows, samples, Scratch};
use quick_xml::events::Event;
use rusqlite::Connection;

/// A scratch catalog of a few releases copied in, so paths in outputs are the same anywhere.
fn small_catalog() -> Scratch {
    let s = Scratch::new();
    let inbox = s.path("in");
    fs::create_dir(&inbox).unwrap();
    for f in [
        "nsarchive/C05288068.txt",
        "clinton/C05764535.txt",
        "clinton/C05791045.txt",
        "talbott/C06698642.txt",
    ] {
        let src = samples().join(f);
        fs::copy(&src, inbox.join(src.file_name().unwrap())).unwrap();
    }
    s.ok(&["import", "in"]);
    s
}

fn query(s: &Scratch, sql: &str) -> Vec<Vec<String>> {
    csv_rows(&s.ok(&["sql", sql, "--format", "csv"]))
}

#[test]
fn search_finds_ranked_paragraphs_with_the_words_marked() {
    let s = Scratch::new();
    s.import_samples();
    let rows = csv_rows(&s.ok(&["search", "cartels", "--format", "csv"]));
    assert!(!rows.is_empty());
    assert!(rows.iter().any(|r| r[0] == "C05288068"), "{rows:?}");
    // document, date, type, para, passage, score: best first, the word marked.
    for r in &rows {
        assert!(r[4].to_lowercase().contains("[cartels]"), "{r:?}");
    }
    let scores: Vec<f64> = rows.iter().map(|r| r[5].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // A phrase matches the words together, a prefix their beginnings.
    let phrase = csv_rows(&s.ok(&["search", "\"cannon fodder\"", "--format", "csv"]));
    assert_eq!(phrase.len(), 1);
    assert!(phrase[0][4].contains("[cannon] [fodder]") || phrase[0][4].contains("[cannon fodder]"));
    let prefix = csv_rows(&s.ok(&["search", "cartel*", "--format", "csv", "-n", "100"]));
    assert!(prefix.len() > rows.len());

    // NOT leaves out, OR widens.
    let not = csv_rows(&s.ok(&["search", "cartels NOT deportees", "--format", "csv"]));
    assert_eq!(not.len(), rows.len() - 1);
    let or = csv_rows(&s.ok(&[
        "search",
        "cartels OR convoy",
        "--format",
        "csv",
        "-n",
        "100",
    ]));
    assert!(or.len() > rows.len());

    // Filters narrow to documents.
    let emails = csv_rows(&s.ok(&["search", "cartels", "--type", "email", "--format", "csv"]));
    assert!(emails.iter().all(|r| r[2] == "email"), "{emails:?}");
    assert!(emails.iter().all(|r| r[0] != "C05288068"));
    let dated = csv_rows(&s.ok(&[
        "search", "embassy", "--from", "1996", "--to", "1996", "--format", "csv", "-n", "100",
    ]));
    assert!(!dated.is_empty());
    assert!(dated.iter().all(|r| r[1].starts_with("1996")), "{dated:?}");
    // Ranked in parts at once, the hits are those of the plain query: every hit joined to its
    // document, then ranked (equal scores in the order of the paragraphs).
    let all = csv_rows(&s.ok(&[
        "search", "the", "--type", "email", "--format", "csv", "-n", "100000",
    ]));
    let plain = query(
        &s,
        "SELECT coalesce(d.doc_no, d.cable_id, '#' || d.id), p.seq,
                round(-bm25(paragraphs_fts), 2)
         FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid
         JOIN documents d ON d.id = p.document_id
         WHERE paragraphs_fts MATCH 'the' AND d.doc_type = 'email'
         ORDER BY bm25(paragraphs_fts), p.id",
    );
    assert!(all.len() > 20, "{}", all.len());
    let got: Vec<Vec<String>> = all
        .iter()
        .map(|r| vec![r[0].to_string(), r[8].to_string(), r[5].to_string()])
        .collect();
    assert_eq!(got, plain);

    // Punctuation in a word is not a syntax error.
    s.ok(&["search", "1.4(d)", "--format", "csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["search", "cartels", "--format", "json"])).unwrap();
    assert_eq!(json[0]["document"], rows[0][0].as_str());
}

#[test]
fn a_malformed_search_is_explained_in_plain_words() {
    let s = Scratch::new();
    s.import_samples();
    for (q, says) in [
        ("\"cannon fodder", "quote"),
        ("cartels AND", "AND needs a word"),
        ("NOT cartels", "NOT leaves out"),
        ("(cartels OR violence", "parenthesis"),
    ] {
        let err = s.fails(2, &["search", q]);
        assert!(err.contains(says), "{q:?}: {err}");
        assert!(!err.contains("fts5"), "{err}");
    }
    let err = s.fails(2, &["search", "cartels", "--from", "May 1996"]);
    assert!(err.contains("--from takes a date"), "{err}");
}

#[test]
fn list_filters_and_sorts() {
    let s = Scratch::new();
    s.import_samples();
    let b1 = csv_rows(&s.ok(&[
        "list",
        "--exemption",
        "B1",
        "--sort",
        "doc-no",
        "--format",
        "csv",
    ]));
    let want = query(
        &s,
        "SELECT DISTINCT d.doc_no FROM documents d JOIN document_exemptions e ON e.document_id = d.id WHERE e.code = 'b1' ORDER BY d.doc_no",
    );
    assert_eq!(
        b1.iter().map(|r| r[1].clone()).collect::<Vec<_>>(),
        want.iter().map(|r| r[0].clone()).collect::<Vec<_>>()
    );
    assert!(!b1.is_empty());

    let tagged = csv_rows(&s.ok(&[
        "list", "--tag", "prel", "--type", "cable", "--format", "csv",
    ]));
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|r| r[2] == "cable"));

    let fbi = csv_rows(&s.ok(&["list", "--agency", "FBI", "--format", "csv"]));
    assert!(fbi.iter().any(|r| r[1] == "C05288068"), "{fbi:?}");
    let none = csv_rows(&s.ok(&["list", "--agency", "No Such Agency", "--format", "csv"]));
    assert!(none.is_empty());

    let newest = csv_rows(&s.ok(&["list", "--desc", "-n", "5", "--format", "csv"]));
    assert_eq!(newest.len(), 5);
    let dates: Vec<&str> = newest.iter().map(|r| r[3].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let classified = csv_rows(&s.ok(&["list", "--classification", "secret", "--format", "csv"]));
    assert!(classified.iter().all(|r| r[5] == "SECRET") && !classified.is_empty());
    let err = s.fails(2, &["list", "--type", "telegram"]);
    assert!(err.contains("--type is one of"), "{err}");
}

#[test]
fn a_correction_wins_over_the_parse_and_survives_reimport() {
    let s = small_catalog();
    s.ok(&[
        "set",
        "C05288068",
        "subject",
        "Tijuana: bilateral assessment",
        "--by",
        "jane",
        "--note",
        "title as on the cover sheet",
    ]);
    s.ok(&["set", "C05288068", "doc_date", "2010-01-13", "--by", "jane"]);
    s.ok(&["unset", "C05288068", "cable_id", "--by", "jane"]);
    let doc = || {
        query(
            &s,
            "SELECT subject, doc_date, cable_id FROM documents WHERE doc_no = 'C05288068'",
        )
    };
    assert_eq!(
        doc()[0],
        ["Tijuana: bilateral assessment", "2010-01-13", ""]
    );
    // The dates table follows a corrected date.
    assert_eq!(
        query(&s, "SELECT value FROM dates d JOIN documents x ON x.id = d.document_id WHERE x.doc_no = 'C05288068' AND d.kind = 'document'"),
        [["2010-01-13"]]
    );

    // The file changes (a new scan, say) and is imported again: the corrections hold.
    let file = s.path("in/C05288068.txt");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("\n\n");
    fs::write(&file, text).unwrap();
    let out = s.ok(&["import", "in"]);
    assert!(out.contains("imported 1 files"), "{out}");
    assert_eq!(
        doc()[0],
        ["Tijuana: bilateral assessment", "2010-01-13", ""]
    );

    let show = s.ok(&["show", "C05288068"]);
    assert!(show.contains("subject corrected by jane"), "{show}");
    assert!(
        show.contains("parser read \"Tijuana Bilateral Assessment\""),
        "{show}"
    );

    let listed = csv_rows(&s.ok(&["corrections", "--format", "csv"]));
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|r| r[1] == "C05288068" && r[6] == "jane"));
    assert_eq!(listed[0][2], "subject");
    assert_eq!(listed[0][5], "Tijuana Bilateral Assessment");
    assert_eq!(listed[0][8], "title as on the cover sheet");

    // Revert gives the field back to the parser; the history keeps every step.
    s.ok(&["revert", "C05288068", "doc_date"]);
    assert_eq!(doc()[0][1], "2010-01-12");
    assert_eq!(
        csv_rows(&s.ok(&["corrections", "--format", "csv"])).len(),
        2
    );
    assert_eq!(
        csv_rows(&s.ok(&["corrections", "--all", "--format", "csv"])).len(),
        4
    );

    for (args, says) in [
        (
            vec!["set", "C05288068", "body", "x"],
            "not a field that can be corrected",
        ),
        (
            vec!["set", "C05288068", "doc_date", "Jan 13 2010"],
            "YYYY-MM-DD",
        ),
        (
            vec!["set", "C05288068", "release_status", "partly"],
            "full, part, denied",
        ),
        (vec!["set", "C09999999", "subject", "x"], "no document"),
        (
            vec!["revert", "C05288068", "origin"],
            "no correction to revert",
        ),
    ] {
        let err = s.fails(2, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn exports_stream_every_selected_document() {
    let s = Scratch::new();
    s.import_samples();
    let total = query(&s, "SELECT count(*) FROM documents")[0][0]
        .parse::<usize>()
        .unwrap();

    let csv = csv_rows(&s.ok(&["export", "--format", "csv"]));
    assert_eq!(csv.len(), total);
    let seed = csv.iter().find(|r| r[1] == "C05288068").unwrap();
    assert!(
        seed.contains(&"PREL; PGOV; PHUM; SNAR; ECON; KCRM; MX".to_string()),
        "{seed:?}"
    );

    let jsonl = s.ok(&["export", "--format", "jsonl", "--type", "cable"]);
    let cables = query(
        &s,
        "SELECT count(*) FROM documents WHERE doc_type = 'cable'",
    )[0][0]
        .parse::<usize>()
        .unwrap();
    assert_eq!(jsonl.lines().count(), cables);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["doc_type"], "cable");
        assert!(v["paragraphs"].as_array().is_some_and(|p| !p.is_empty()));
    }

    s.ok(&["export", "--format", "dc", "-o", "holdings.xml"]);
    let xml = fs::read_to_string(s.path("holdings.xml")).unwrap();
    let records = dc_records(&xml);
    assert_eq!(records.len(), total);
    let doc_nos: BTreeSet<String> =
        query(&s, "SELECT doc_no FROM documents WHERE doc_no IS NOT NULL")
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
    let seed = records
        .iter()
        .find(|r| {
            r.iter()
                .any(|(k, v)| k == "dc:identifier" && v == "C05288068")
        })
        .expect("the seed's record");
    let get = |k: &str| -> Vec<&str> {
        seed.iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get("dc:title"), ["Tijuana Bilateral Assessment"]);
    assert_eq!(get("dc:identifier"), ["C05288068", "10MEXICO45"]);
    assert_eq!(get("dc:creator"), ["AMEMBASSY MEXICO"]);
    assert_eq!(get("dc:date"), ["2010-01-12"]);
    assert_eq!(get("dc:subject")[0], "PREL");
    assert_eq!(get("dc:relation"), ["FOIA case F-2010-07760"]);
    assert!(get("dc:rights")[0].contains("Released in part on 2013-10-21"));
    assert!(get("dc:rights")[0].contains("b7(e)"));
    for r in &records {
        assert!(r.iter().any(|(k, _)| k == "dc:title"));
        assert!(r.iter().any(|(k, _)| k == "dc:source"));
        for (k, v) in r {
            if k == "dc:identifier" && v.starts_with('C') {
                assert!(doc_nos.contains(v), "{v}");
            }
        }
    }
}

/// The records of a Dublin Core export as (element, text) lists; panics if not well-formed.
fn dc_records(xml: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    let mut element = String::new();
    let mut root_ns = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "records" {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        root_ns.push(String::from_utf8(a.value.to_vec()).unwrap());
                    }
                } else if name == "oai_dc:dc" {
                    current = Some(Vec::new());
                } else {
                    element = name;
                }
            }
            Event::Text(t) => {
                if let Some(r) = current.as_mut() {
                    if element.starts_with("dc:") {
                        r.push((element.clone(), t.decode().unwrap().into_owned()));
                    }
                }
            }
            Event::GeneralRef(r) => {
                // An escaped character: glue it to the text it stands in.
                let ch = match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some((_, v)) = current.as_mut().and_then(|c| c.last_mut()) {
                    v.push_str(ch);
                }
            }
            Event::End(e) => {
                if e.name().as_ref() == b"oai_dc:dc" {
                    records.push(current.take().unwrap());
                }
                element.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(root_ns.contains(&"http://purl.org/dc/elements/1.1/".to_string()));
    assert!(root_ns.contains(&"http://www.openarchives.org/OAI/2.0/oai_dc/".to_string()));
    records
}

#[test]
fn the_schema_page_documents_every_table_and_column() {
    let conn = cablecat::store::open_in_memory().unwrap();
    let documented = cablecat::cli::schema_tables();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'paragraphs_fts_%'
             AND name <> 'refinery_schema_history' ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for name in &names {
        let doc = documented
            .iter()
            .find(|t| &t.name == name)
            .unwrap_or_else(|| panic!("docs/schema.md lacks table {name}"));
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{name}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let doc_cols: Vec<&str> = doc.columns.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(doc_cols, columns, "columns of {name} in docs/schema.md");
        assert!(doc.columns.iter().all(|(_, m)| !m.is_empty()));
    }
    for t in &documented {
        assert!(
            names.contains(&t.name),
            "docs/schema.md documents {} which does not exist",
            t.name
        );
    }
    let s = Scratch::new();
    s.import_samples();
    assert!(s.ok(&["schema"]).contains("## paragraphs_fts"));
    let rows = csv_rows(&s.ok(&["schema", "--format", "csv"]));
    assert!(rows.iter().any(|r| r[0] == "documents" && r[1] == "doc_no"));
}

#[test]
fn datasette_finds_the_full_text_index() {
    // Datasette's own test: a virtual table whose SQL names content="paragraphs".
    let conn = cablecat::store::open_in_memory().unwrap();
    let fts: String = conn
        .query_row(
            r#"SELECT name FROM sqlite_master WHERE rootpage = 0
               AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="paragraphs"%'"#,
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, "paragraphs_fts");
    let fks: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_foreign_key_list('paragraphs')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fks, 1);
}

#[test]
fn check_finds_an_unfinished_index_and_repairs_it() {
    let s = small_catalog();
    let out = s.ok(&["check"]);
    assert!(out.contains("no problems found"), "{out}");
    {
        let conn = Connection::open(s.db()).unwrap();
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('fts_bulk', 'rebuild')",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM paragraphs_fts", []).ok();
    }
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("PROBLEM") && text.contains("--repair"),
        "{text}"
    );
    let err = s.fails(2, &["search", "cartels"]);
    assert!(err.contains("check --repair"), "{err}");
    s.ok(&["check", "--repair"]);
    assert!(s.ok(&["check"]).contains("no problems found"));
    assert!(!csv_rows(&s.ok(&["search", "cartels", "--format", "csv"])).is_empty());
}

/// A search with filters keeps the hits whose paragraph ids lie in the runs recorded for the
/// documents it keeps: a run that no longer matches is found, and repaired.
#[test]
fn check_finds_runs_of_paragraphs_that_do_not_match_and_repairs_them() {
    let s = small_catalog();
    let want = csv_rows(&s.ok(&["search", "the", "--type", "email", "--format", "csv"]));
    assert!(!want.is_empty());
    {
        let conn = Connection::open(s.db()).unwrap();
        conn.execute(
            "UPDATE document_paragraphs SET last_paragraph = first_paragraph",
            [],
        )
        .unwrap();
    }
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("PROBLEM  paragraph runs"), "{text}");
    s.ok(&["check", "--repair"]);
    assert!(s.ok(&["check"]).contains("no problems found"));
    let got = csv_rows(&s.ok(&["search", "the", "--type", "email", "--format", "csv"]));
    assert_eq!(got, want);
}

/// A new catalog is written in 16 KB pages (its rows are whole paragraphs and documents); a
/// catalog that already has pages keeps their size, and imports into it as before.
#[test]
fn a_new_catalog_takes_large_pages_and_an_older_one_keeps_its_own() {
    let page_size = |db: &std::path::Path| -> i64 {
        Connection::open(db)
            .unwrap()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap()
    };
    let s = small_catalog();
    assert_eq!(page_size(&s.db()), 16384);
    let older = s.path("older.db");
    {
        let conn = Connection::open(&older).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 4096; CREATE TABLE kept(x); INSERT INTO kept VALUES (1);",
        )
        .unwrap();
    }
    let db = older.to_str().unwrap();
    s.ok(&["--db", db, "import", "in"]);
    assert_eq!(page_size(&older), 4096);
    let hits = csv_rows(&s.ok(&["--db", db, "search", "cartels", "--format", "csv"]));
    let want = csv_rows(&s.ok(&["search", "cartels", "--format", "csv"]));
    assert_eq!(hits, want);
}

#[test]
fn completions_and_manual_come_from_the_same_definitions() {
    let s = Scratch::new();
    let bash = s.ok(&["completions", "bash"]);
    for cmd in ["import", "search", "export", "corrections"] {
        assert!(bash.contains(cmd), "bash completion lacks {cmd}");
    }
    let man = s.ok(&["man"]);
    assert!(
        man.contains(".TH cablecat"),
        "{}",
        &man[..200.min(man.len())]
    );
    // Every command's help shows examples.
    use clap::CommandFactory;
    for sub in cablecat::cli::Cli::command().get_subcommands_mut() {
        let help = sub.render_long_help().to_string();
        assert!(
            help.contains("Examples:"),
            "{} --help has no examples",
            sub.get_name()
        );
    }
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    let s = Scratch::new();
    s.import_samples();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .current_dir(s.dir.path())
        .args(["export", "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, as `| head -c 100` does, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn golden_outputs_of_a_small_catalog() {
    let s = small_catalog();
    insta::assert_snapshot!("list_csv", s.ok(&["list", "--format", "csv"]));
    insta::assert_snapshot!("list_json", s.ok(&["list", "--format", "json", "-n", "2"]));
    insta::assert_snapshot!(
        "list_table",
        s.ok(&["list", "--format", "table", "--sort", "doc-no"])
    );
    insta::assert_snapshot!(
        "search_csv",
        s.ok(&["search", "embassy OR convoy", "--format", "csv", "-n", "5"])
    );
    insta::assert_snapshot!(
        "search_table",
        s.ok(&["search", "\"cannon fodder\"", "--format", "table"])
    );
    insta::assert_snapshot!("show_table", s.ok(&["show", "C06698642"]));
    insta::assert_snapshot!("export_csv", s.ok(&["export", "--format", "csv"]));
    insta::assert_snapshot!(
        "export_dc",
        s.ok(&["export", "--format", "dc", "--type", "cable"])
    );
}
