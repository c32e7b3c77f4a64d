//! Parse and extract every file of a folder, without a catalog: for profiling the stages
//! that run on the parser threads (`valgrind --tool=callgrind`, `perf record`).
//!
//!     cargo run --release --example parse_all -- DIR [REPEAT]
//!     cargo run --release --example parse_all -- --digest DIR...
//!
//! `--digest` prints one SHA-256 over everything parsed and extracted from every file of the
//! folders given (each document's fields, paragraphs and facts, in file order): a change meant
//! to make parsing faster must leave it the same.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn digest(dirs: &[String]) {
    use sha2::{Digest, Sha256};
    let vocab = cablecat::extract::Vocab::builtin();
    let mut hash = Sha256::new();
    let (mut files, mut docs) = (0, 0);
    for dir in dirs {
        let mut paths = Vec::new();
        walk(Path::new(dir), &mut paths);
        for p in paths {
            let b = std::fs::read(&p).unwrap();
            let mut parsed = match cablecat::parse::parse_bytes(&p, &b) {
                Ok(d) => d,
                Err(e) => {
                    hash.update(format!("{}: {e}\n", p.display()));
                    continue;
                }
            };
            for d in &mut parsed {
                cablecat::extract::extract(d, &vocab);
                hash.update(format!("{}: {d:?}\n", p.display()));
            }
            files += 1;
            docs += parsed.len();
        }
    }
    println!(
        "{files} files, {docs} documents: {}",
        hex::encode(hash.finalize())
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--digest") {
        return digest(&args[2..]);
    }
    let mut paths = Vec::new();
    walk(Path::new(&args[1]), &mut paths);
    let repeat: usize = args.get(2).map(|r| r.parse().unwrap()).unwrap_or(1);
    let files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let vocab = cablecat::extract::Vocab::builtin();
    let (mut parse, mut extract) = (0.0, 0.0);
    let mut docs = 0;
    for _ in 0..repeat {
        for (p, b) in &files {
            let t = Instant::now();
            let mut parsed = cablecat::parse::parse_bytes(p, b).unwrap_or_default();
            parse += t.elapsed().as_secs_f64();
            let t = Instant::now();
            for d in &mut parsed {
                cablecat::extract::extract(d, &vocab);
            }
            extract += t.elapsed().as_secs_f64();
            docs += parsed.len();
        }
    }
    let mb = (bytes * repeat) as f64 / 1e6;
    println!(
        "{docs} documents, {mb:.1} MB: parse {parse:.2} s ({:.1} MB/s), extract {extract:.2} s ({:.1} MB/s), both {:.1} MB/s",
        mb / parse,
        mb / extract,
        mb / (parse + extract)
    );
}
