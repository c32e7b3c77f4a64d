//! Synthetic holdings for benchmarks: N release files made from the real releases in
//! `data/cables`, with new identifiers and dates, paragraphs shuffled and joined from other
//! releases of the same collection, and stamps redrawn. The same seed writes the same files.
//!
//!     cargo run --release --example synth -- OUT_DIR COUNT [SEED] [MEAN_KB] [FIRST]
//!
//! FIRST numbers the documents from C1000000 + FIRST (to add files to a catalog built from
//! an earlier run without clashing).
//!
//! Files go into folders of 1,000 (`OUT_DIR/000/C10000000.txt`).

use std::path::{Path, PathBuf};

struct Template {
    collection: String,
    text: String,
    doc_no: Option<String>,
    case_no: Option<String>,
    banner_date: Option<String>,
}

fn find_after<'a>(text: &'a str, label: &str, len: usize) -> Option<&'a str> {
    let i = text.find(label)? + label.len();
    let rest = text[i..].trim_start_matches([' ', '.', ':']);
    rest.get(..len)
}

fn templates(dir: &Path, out: &mut Vec<Template>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            templates(&p, out);
            continue;
        }
        if p.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        if text.trim().len() < 200 {
            continue;
        }
        let collection = p
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        out.push(Template {
            collection,
            doc_no: find_after(&text, "Doc No", 9).map(str::to_string),
            case_no: find_after(&text, "Case No", 12).map(str::to_string),
            banner_date: text
                .find("Date")
                .and_then(|_| find_after(&text, "Doc No", 40))
                .and_then(|s| {
                    s.find("Date").map(|d| {
                        s[d + 4..]
                            .trim_start_matches([':', ' '])
                            .chars()
                            .take(10)
                            .collect()
                    })
                }),
            text,
        });
    }
}

/// Blocks of a release: blank-line paragraphs, or numbered paragraphs in one-line text.
fn blocks(text: &str) -> Vec<String> {
    if text.lines().count() > 3 {
        text.split("\n\n").map(str::to_string).collect()
    } else {
        // The stripped shape: cut before ` N SBU ` paragraph numbers.
        let mut out = Vec::new();
        let mut last = 0;
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices(" SBU ") {
            let mut j = i;
            while j > last && bytes[j - 1].is_ascii_digit() {
                j -= 1;
            }
            if j < i && j > last + 200 {
                out.push(text[last..j].to_string());
                last = j;
            }
        }
        out.push(text[last..].to_string());
        out
    }
}

const CODES: &[&str] = &[
    "B1",
    "B5",
    "B6",
    "B7(C)",
    "B7(E)",
    "1.4(B)",
    "1.4(D)",
    "B3 CIA PERS/ORG",
    "1.4(C)",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: synth OUT_DIR COUNT [SEED] [MEAN_KB] [FIRST]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[1]);
    let count: usize = args[2].parse().expect("COUNT");
    let seed: u64 = args.get(3).map(|s| s.parse().expect("SEED")).unwrap_or(1);
    let mean_kb: usize = args
        .get(4)
        .map(|s| s.parse().expect("MEAN_KB"))
        .unwrap_or(20);
    let first: usize = args.get(5).map(|s| s.parse().expect("FIRST")).unwrap_or(0);
    let mut pool = Vec::new();
    templates(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cables"),
        &mut pool,
    );
    assert!(!pool.is_empty());
    let mut total = 0usize;
    for i in 0..count {
        let mut rng = fastrand::Rng::with_seed(
            seed.wrapping_mul(1_000_003)
                .wrapping_add((first + i) as u64),
        );
        let t = &pool[rng.usize(..pool.len())];
        let target = mean_kb * 1024 / 2 + rng.usize(..mean_kb * 1024);
        let mut parts = blocks(&t.text);
        // Grow the body with paragraphs of other releases of the same collection.
        let mut guard = 0;
        while parts.iter().map(String::len).sum::<usize>() < target && guard < 200 {
            guard += 1;
            let donor = &pool[rng.usize(..pool.len())];
            if donor.collection != t.collection {
                continue;
            }
            let donor_blocks = blocks(&donor.text);
            if donor_blocks.len() > 2 {
                let k = 1 + rng.usize(..donor_blocks.len() - 1);
                let at = 4 + rng.usize(..parts.len().max(1));
                parts.insert(at.min(parts.len()), donor_blocks[k].clone());
            }
        }
        // Short documents: drop body blocks of a long release until it fits.
        while parts.iter().map(String::len).sum::<usize>() > target * 3 / 2 && parts.len() > 6 {
            let k = 4 + rng.usize(..parts.len() - 4);
            parts.remove(k);
        }
        // Shuffle the body, keeping the first blocks (banner, stamp, headers) in place.
        if parts.len() > 6 {
            let body = &mut parts[4..];
            rng.shuffle(body);
        }
        let sep = if t.text.lines().count() > 3 {
            "\n\n"
        } else {
            " "
        };
        let mut text = parts.join(sep);
        let doc_no = format!("C{:08}", 10_000_000 + first + i);
        let case_no = format!("F-{}-{:05}", 2008 + rng.u32(..14), rng.u32(..100_000));
        let date = format!(
            "{:02}/{:02}/{}",
            1 + rng.u32(..12),
            1 + rng.u32(..28),
            2010 + rng.u32(..13)
        );
        if let Some(d) = &t.doc_no {
            text = text.replace(d.as_str(), &doc_no);
        }
        if let Some(c) = &t.case_no {
            text = text.replace(c.as_str(), &case_no);
        }
        if let Some(b) = &t.banner_date {
            if b.len() == 10 {
                text = text.replace(b.as_str(), &date);
            }
        }
        // Redraw the codes of the release stamp.
        if let Some(p) = text.find("RELEASE IN PART") {
            let code = CODES[rng.usize(..CODES.len())];
            text.insert_str(p + "RELEASE IN PART".len(), &format!(" {code}"));
        }
        let dir = out.join(format!("{:03}", (first + i) / 1000));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{doc_no}.txt")), &text).unwrap();
        total += text.len();
    }
    eprintln!(
        "wrote {count} files, {:.1} MB, to {}",
        total as f64 / 1e6,
        out.display()
    );
}
