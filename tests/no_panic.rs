//! No input makes the parser panic: random bytes, random text, real releases cut anywhere,
//! huge lines.

use std::path::Path;

use proptest::prelude::*;

fn samples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "xml"))
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = cablecat::parse::parse_bytes(Path::new("x.txt"), &bytes);
        let _ = cablecat::parse::parse_bytes(Path::new("x.xml"), &bytes);
    }

    #[test]
    fn random_text(text in "(?s).{0,3000}") {
        let _ = cablecat::parse::parse_text(&text);
    }

    #[test]
    fn telegram_like_text(
        words in proptest::collection::vec(
            prop_oneof![
                Just("FM".to_string()), Just("TO".to_string()), Just("INFO".to_string()),
                Just("R 122235Z JAN 10".to_string()), Just("SUBJECT:".to_string()), Just("TAGS:".to_string()),
                Just("1.".to_string()), Just("(C)".to_string()), Just("1 4 B".to_string()), Just("B1".to_string()),
                Just("RELEASE IN PART".to_string()), Just("\n".to_string()), Just("From:".to_string()),
                Just("Sent:".to_string()), Just("MRN:".to_string()), Just("Date/DTG:".to_string()),
                Just("UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05770206 Date: 08/31/2015".to_string()),
                "[A-Z]{1,9}", "[0-9]{1,7}", "[ .,:;()/-]{1,3}",
            ],
            0..400,
        )
    ) {
        let text = words.join(" ");
        let _ = cablecat::parse::parse_text(&text);
        let _ = cablecat::parse::parse_text(&text.replace(' ', "\n"));
    }

    #[test]
    fn real_releases_cut_anywhere(which in 0usize..100, cut in 0.0f64..1.0, from in 0.0f64..1.0) {
        let all = samples();
        let text = &all[which % all.len()];
        let mut a = (text.len() as f64 * from.min(cut)) as usize;
        let mut b = (text.len() as f64 * from.max(cut)) as usize;
        while !text.is_char_boundary(a) { a -= 1; }
        while !text.is_char_boundary(b) { b -= 1; }
        let piece = &text[a..b];
        let _ = cablecat::parse::parse_text(piece);
        let _ = cablecat::parse::parse_bytes(Path::new("x.xml"), piece.as_bytes());
    }
}

#[test]
fn huge_lines_and_many_lines() {
    let line = "UNCLASSIFIED ".repeat(400_000); // a 5 MB line
    let doc = cablecat::parse::parse_text(&line);
    assert!(doc.body.len() < line.len() + 1);
    let many = "1. (C) X\n".repeat(100_000);
    let doc = cablecat::parse::parse_text(&many);
    assert!(!doc.paragraphs.is_empty());
}
