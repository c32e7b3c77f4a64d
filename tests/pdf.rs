//! PDF releases: the text layer read as the parser needs it, the same record as the text
//! release, pages and metadata in the catalog, image-only scans listed for OCR, and bad PDFs
//! named with their reason while the rest go in. The fixtures are made from the sample
//! holdings by tests/fixtures/make_pdfs.py.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use cablecat::decode::{decode, DecodeError};
use cablecat::parse;
use cablecat::pdf::PdfError;
use common::scratch::{csv_rows, Scratch};
use common::{field, same};
use rstest::rstest;
use serde_json::Value;

fn pdf_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn gold(file: &str) -> serde_json::Map<String, Value> {
    include_str!("fixtures/gold.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Map<String, Value>>(l).unwrap())
        .find(|g| g["file"] == file)
        .unwrap_or_else(|| panic!("{file} is not labelled"))
}

/// The labelled fields a PDF's record gets wrong.
fn wrong_fields(pdf: &str, labelled: &str) -> Vec<String> {
    let path = pdf_fixture(pdf);
    let docs = parse::parse_bytes(&path, &fs::read(&path).unwrap()).unwrap();
    assert_eq!(docs.len(), 1);
    let label = gold(labelled);
    let uncertain: Vec<&str> = label
        .get("uncertain")
        .and_then(|u| u.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    label
        .iter()
        .filter(|(k, _)| !["file", "uncertain", "note"].contains(&k.as_str()))
        .filter(|(k, _)| !uncertain.contains(&k.as_str()))
        .filter(|(k, want)| !same(k, want, &field(&docs[0], k)))
        .map(|(k, want)| format!("{k}: want {want}, got {}", field(&docs[0], k)))
        .collect()
}

/// A born-digital PDF of a release reads as its text does: every labelled field right.
#[rstest]
#[case::email_with_a_forwarded_cable("email_forwarded_cable.pdf", "clinton/C05770206.txt")]
#[case::telegram_routing_block_and_margin_stamps(
    "telegram_routing_block.pdf",
    "talbott/C06698642.txt"
)]
fn a_pdf_gives_the_record_of_its_text(#[case] pdf: &str, #[case] labelled: &str) {
    let wrong = wrong_fields(pdf, labelled);
    assert!(wrong.is_empty(), "{pdf}: {wrong:#?}");
}

/// The text layer comes out in the lines the parser reads: the PDF made from a text
/// release gives that text back, line for line, blank lines and columns included.
#[rstest]
#[case::email_headers_in_columns("email_forwarded_cable.pdf", "clinton/C05770206.txt")]
#[case::telegram_routing_block("telegram_routing_block.pdf", "talbott/C06698642.txt")]
#[case::scan_layer_word_by_word_without_widths(
    "scan_text_layer_word_by_word.pdf",
    "talbott/C06698642.txt"
)]
fn the_text_layer_is_laid_out_as_released(#[case] pdf: &str, #[case] text: &str) {
    let want = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/cables")
            .join(text),
    )
    .unwrap();
    // The fixtures' Courier (WinAnsi) has no `►`: make_pdfs.py draws `?` for it.
    let want = want.replace('►', "?");
    let want: Vec<&str> = want
        .trim_end()
        .split(['\n', '\x0c'])
        .map(str::trim_end)
        .collect();
    let got = decode(&fs::read(pdf_fixture(pdf)).unwrap()).unwrap().text;
    let got: Vec<&str> = got
        .trim_end()
        .split(['\n', '\x0c'])
        .map(str::trim_end)
        .collect();
    assert_eq!(got, want);
}

/// A scan with an invisible OCR layer (text render mode 3, as ocrmypdf writes it) is read
/// like visible text: its header lines come out whole, and the record is that of the text
/// but for what the OCR engine misread.
#[test]
fn an_invisible_ocr_layer_is_read() {
    let decoded = decode(&fs::read(pdf_fixture("scan_ocr_layer_email.pdf")).unwrap()).unwrap();
    let text = decoded.text;
    for line in [
        "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05770206 Date: 08/31/2015",
        "Subject                            FW: PA Germany Restructuring",
        "MRN:                            10 BERLIN 1052",
    ] {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.lines().any(|l| squash(l) == squash(line)),
            "no line {line:?} in:\n{text}"
        );
    }
    // A form feed ends each page, as pdftotext writes them.
    assert_eq!(text.matches('\x0c').count(), 2);
    assert_eq!(decoded.pdf.unwrap().text_pages, 2);
    let wrong = wrong_fields("scan_ocr_layer_email.pdf", "clinton/C05770206.txt");
    assert!(wrong.len() <= 3, "{wrong:#?}");
}

/// Each bad PDF fails with its own reason, and a damaged one that can be rebuilt is read.
#[rstest]
#[case::encrypted_with_a_password("bad_encrypted_password.pdf", PdfError::Encrypted)]
#[case::truncated("bad_truncated.pdf", PdfError::Truncated)]
#[case::object_stream_inflation_bomb(
    "bad_inflation_bomb_object_stream.pdf",
    PdfError::Inflation(4)
)]
#[case::content_inflation_bomb("bad_inflation_bomb_content.pdf", PdfError::Inflation(4))]
fn bad_pdfs_fail_with_their_reason(#[case] name: &str, #[case] want: PdfError) {
    let bytes = fs::read(pdf_fixture(name)).unwrap();
    // A 1 MB text limit: budgets of 4 MB a stream and 16 MB in all.
    let got = cablecat::decode::decode_limited(&bytes, 1 << 20).unwrap_err();
    assert_eq!(got, DecodeError::Pdf(want), "{name}");
}

#[rstest]
#[case::empty_user_password("encrypted_empty_user_password.pdf")]
#[case::damaged_cross_reference_offsets("damaged_xref_offsets.pdf")]
#[case::javascript_and_an_attachment("javascript_and_attachment.pdf")]
fn readable_pdfs_despite_their_flaws(#[case] name: &str) {
    let d = decode(&fs::read(pdf_fixture(name)).unwrap()).unwrap();
    let meta = d.pdf.expect("read as a PDF");
    assert!(
        meta.text_pages > 0 && meta.text_pages == meta.pages,
        "{meta:?}"
    );
    assert!(d.text.contains("UNCLASSIFIED"), "{}", d.text);
    match name {
        "encrypted_empty_user_password.pdf" => assert!(meta.encrypted),
        "damaged_xref_offsets.pdf" => assert!(meta.repaired),
        _ => assert_eq!(meta.ignored, ["JavaScript", "attached files"]),
    }
}

fn fixtures_folder(s: &Scratch) -> PathBuf {
    let d = s.path("pdfs");
    fs::create_dir_all(&d).unwrap();
    for f in fs::read_dir(pdf_fixture("")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|x| x == "pdf") {
            fs::copy(&f, d.join(f.file_name().unwrap())).unwrap();
        }
    }
    d
}

/// Importing a folder of PDFs: the bad ones named on standard error with their reason and
/// nothing of them kept, exit 1; the rest in, with their pages and metadata.
#[test]
fn a_folder_of_pdfs_imports_all_but_the_bad_ones() {
    let s = Scratch::new();
    fixtures_folder(&s);
    let out = s.run(&["import", "pdfs", "--max-size", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for (name, why) in [
        ("bad_encrypted_password.pdf", "needs a password"),
        ("bad_truncated.pdf", "a truncated PDF"),
        ("bad_inflation_bomb_object_stream.pdf", "memory budget"),
        ("bad_inflation_bomb_content.pdf", "memory budget"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named:\n{err}"));
        assert!(line.contains(why), "{line}");
    }
    for (name, note) in [
        ("scan_image_only.pdf", "no text layer"),
        (
            "javascript_and_attachment.pdf",
            "JavaScript, attached files",
        ),
        ("damaged_xref_offsets.pdf", "rebuilt"),
    ] {
        assert!(
            stdout.lines().any(|l| l.contains(name) && l.contains(note)),
            "{name}: {stdout}"
        );
    }
    let rows = csv_rows(&s.ok(&[
        "sql",
        "SELECT replace(f.path, 'pdfs/', ''), f.format, f.pages, f.text_pages, f.producer,
                f.creation_date, d.pages, d.doc_no
         FROM files f JOIN documents d ON d.file_id = f.id ORDER BY f.path",
    ]));
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "damaged_xref_offsets.pdf",
            "email_forwarded_cable.pdf",
            "encrypted_empty_user_password.pdf",
            "javascript_and_attachment.pdf",
            "scan_image_only.pdf",
            "scan_ocr_layer_email.pdf",
            "scan_text_layer_word_by_word.pdf",
            "telegram_routing_block.pdf",
        ]
    );
    let email = &rows[1]; // csv_rows leaves the header out
    assert_eq!(
        email[1..],
        [
            "pdf",
            "2",
            "2",
            "cablecat fixtures (reportlab)",
            "2000-01-01T00:00:00+00:00",
            "2",
            "C05770206"
        ]
    );
    assert_eq!(
        rows[4][2..4],
        ["1", "0"],
        "the image-only scan: one page, no text"
    );
    // The forwarded cable's text begins on the email's second page.
    let pages = csv_rows(&s.ok(&[
        "sql",
        "SELECT p.page, min(p.seq) FROM paragraphs p JOIN documents d ON d.id = p.document_id
         WHERE d.source_path LIKE '%email_forwarded_cable.pdf' GROUP BY p.page ORDER BY p.page",
    ]));
    assert_eq!(
        pages.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["1", "2"]
    );
    let second = csv_rows(&s.ok(&[
        "sql",
        "SELECT p.text FROM paragraphs p JOIN documents d ON d.id = p.document_id
         WHERE d.source_path LIKE '%email_forwarded_cable.pdf' AND p.page = 2 ORDER BY p.seq LIMIT 3",
    ]));
    assert!(
        second
            .iter()
            .any(|r| r[0].contains("strategic plan") || r[0].contains("MRN")),
        "{second:?}"
    );
    // The image-only scan is what `list --needs-ocr` lists, and only it.
    let needs = csv_rows(&s.ok(&["list", "--needs-ocr", "--format", "csv"]));
    assert_eq!(needs.len(), 1, "{needs:?}");
    let listed = s.ok(&[
        "sql",
        "SELECT source_path FROM documents WHERE id = :id",
        "-p",
        &format!("id={}", needs[0][0]),
    ]);
    assert!(listed.contains("scan_image_only.pdf"), "{listed}");
    // Nothing of the bad ones.
    let bad = s.ok(&["sql", "SELECT count(*) FROM files WHERE path LIKE '%bad_%'"]);
    assert_eq!(csv_rows(&bad)[0][0], "0");
}

/// A PDF named `.txt` (as a download may be) is read as a PDF, in a folder or by name.
#[test]
fn a_pdf_is_read_whatever_its_name() {
    let s = Scratch::new();
    fs::copy(
        pdf_fixture("email_forwarded_cable.pdf"),
        s.path("C05770206.txt"),
    )
    .unwrap();
    fs::copy(
        pdf_fixture("telegram_routing_block.pdf"),
        s.path("release.bin"),
    )
    .unwrap();
    s.ok(&["import", "C05770206.txt", "release.bin"]);
    let rows = csv_rows(&s.ok(&[
        "sql",
        "SELECT f.path, f.format, d.doc_type, d.doc_no FROM files f JOIN documents d ON d.file_id = f.id ORDER BY f.path",
    ]));
    assert_eq!(rows[0], ["C05770206.txt", "pdf", "email", "C05770206"]);
    assert_eq!(rows[1], ["release.bin", "pdf", "cable", "C06698642"]);
}

/// Text files get pages too, where their form feeds part them (pdftotext writes one per page).
#[test]
fn text_paragraphs_know_their_page_from_form_feeds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cables/clinton/C05770206.txt");
    let doc = &parse::parse_bytes(&path, &fs::read(&path).unwrap()).unwrap()[0];
    let page_of = |needle: &str| {
        doc.paragraphs
            .iter()
            .find(|p| p.text.contains(needle))
            .and_then(|p| p.page)
    };
    assert_eq!(page_of("During the past year"), Some(1));
    assert_eq!(page_of("strategic plan"), Some(2));
    let flat = parse::parse_text("UNCLASSIFIED no pages here at all\n");
    assert!(flat.paragraphs.iter().all(|p| p.page.is_none()));
}

/// Without an OCR engine, `--ocr` says which package to install, and imports nothing.
#[test]
fn ocr_without_the_engine_names_the_package() {
    let s = Scratch::new();
    fixtures_folder(&s);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .current_dir(s.dir.path())
        .env("PATH", s.path("no-such-bin"))
        .args(["import", "--ocr", "pdfs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install ocrmypdf"), "{err}");
}

/// With `--ocr`, the image-only scan goes through the OCR engine (here a stand-in that
/// writes a PDF with a text layer, as ocrmypdf does), and is catalogued with its fields;
/// importing again changes nothing, with or without `--ocr`.
#[cfg(unix)]
#[test]
fn ocr_reads_image_only_scans() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    let d = s.path("scans");
    fs::create_dir_all(&d).unwrap();
    fs::copy(pdf_fixture("scan_image_only.pdf"), d.join("C05770206.pdf")).unwrap();
    fs::copy(
        pdf_fixture("telegram_routing_block.pdf"),
        d.join("C06698642.pdf"),
    )
    .unwrap();
    let bin = s.path("bin");
    fs::create_dir_all(&bin).unwrap();
    let engine = bin.join("ocrmypdf");
    // The stand-in: `--version` answers; otherwise the last argument is the output file.
    fs::write(
        &engine,
        format!(
            "#!/bin/sh\n[ \"$1\" = --version ] && {{ echo 16.0; exit 0; }}\n\
             for a; do out=$a; done\necho \"$@\" >> '{}'\ncp '{}' \"$out\"\n",
            s.path("ocr.log").display(),
            pdf_fixture("scan_ocr_layer_email.pdf").display()
        ),
    )
    .unwrap();
    fs::set_permissions(&engine, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cablecat"))
            .current_dir(s.dir.path())
            .env("PATH", &path)
            .args(args)
            .output()
            .unwrap()
    };
    let first = run(&["import", "scans"]);
    assert!(first.status.success());
    assert!(!s.path("ocr.log").exists(), "no OCR without --ocr");
    let out = run(&["import", "--ocr", "scans"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = fs::read_to_string(s.path("ocr.log")).unwrap();
    assert_eq!(log.lines().count(), 1, "only the scan without text: {log}");
    assert!(
        log.contains("--skip-text") && log.contains("C05770206.pdf"),
        "{log}"
    );
    let rows = csv_rows(&s.ok(&[
        "sql",
        "SELECT f.ocr, f.text_pages, d.doc_type, d.doc_no, d.subject FROM files f
         JOIN documents d ON d.file_id = f.id WHERE f.path LIKE '%C05770206.pdf'",
    ]));
    assert_eq!(rows[0][..4], ["ocrmypdf", "2", "email", "C05770206"]);
    let again = run(&["import", "--ocr", "scans"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("unchanged 2"));
    assert_eq!(
        fs::read_to_string(s.path("ocr.log"))
            .unwrap()
            .lines()
            .count(),
        1
    );
    let needs = csv_rows(&s.ok(&["list", "--needs-ocr", "--format", "csv"]));
    assert!(needs.is_empty(), "nothing left to OCR: {needs:?}");
}
