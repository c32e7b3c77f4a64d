//! Parser throughput, one core: `cargo bench --bench parse`.
//!
//! Reads every release under `data/cables` (or the folder named by `CABLECAT_BENCH_CORPUS`,
//! e.g. `../shared/corpus`) into memory, then times decoding and parsing them; divan prints
//! the throughput in bytes per second.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::Bencher;

struct File {
    path: PathBuf,
    bytes: Vec<u8>,
}

fn walk(dir: &Path, out: &mut Vec<File>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "xml")) {
            let bytes = std::fs::read(&p).unwrap();
            out.push(File { path: p, bytes });
        }
    }
}

static CORPUS: LazyLock<Vec<File>> = LazyLock::new(|| {
    let dir = std::env::var_os("CABLECAT_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cables"));
    let mut files = Vec::new();
    walk(&dir, &mut files);
    assert!(
        !files.is_empty(),
        "no .txt or .xml files under {}",
        dir.display()
    );
    files
});

fn files_where(pred: impl Fn(&File) -> bool) -> Vec<&'static File> {
    CORPUS.iter().filter(|f| pred(f)).collect()
}

fn run(bencher: Bencher, files: Vec<&'static File>) {
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for f in &files {
            let docs = cablecat::parse::parse_bytes(&f.path, &f.bytes);
            divan::black_box(docs.ok());
        }
    });
}

/// Every file of the corpus.
#[divan::bench(sample_count = 20)]
fn corpus(bencher: Bencher) {
    run(bencher, files_where(|_| true));
}

/// OCR text releases only (the bulk of real holdings).
#[divan::bench(sample_count = 20)]
fn text_releases(bencher: Bencher) {
    run(
        bencher,
        files_where(|f| f.path.extension().is_some_and(|x| x == "txt")),
    );
}

/// The punctuation-stripped one-line shape: every text release stripped as the seed was.
#[divan::bench(sample_count = 10)]
fn stripped_shape(bencher: Bencher) {
    let stripped: Vec<String> = files_where(|f| f.path.extension().is_some_and(|x| x == "txt"))
        .iter()
        .map(|f| {
            let t = String::from_utf8_lossy(&f.bytes);
            let kept: String = t
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c.is_whitespace() || "'%&@-_".contains(c) {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            kept.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    let bytes: usize = stripped.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for t in &stripped {
            divan::black_box(cablecat::parse::parse_text(t));
        }
    });
}

fn main() {
    divan::main();
}
