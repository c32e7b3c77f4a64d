//! PDF text extraction alone, on one thread: `cargo run --release --example pdf_text OUT FILE...`
//! writes OUT/<name>.txt (pages parted by form feeds, as `cablecat parse --text` prints them)
//! and prints pages per second. bench/pdf_fidelity.py compares the files with the releases
//! (`name=dir:OUT`); the same interface as the probes the extraction crate was chosen with.

use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, files)) = args.split_first() else {
        eprintln!("usage: pdf_text OUT FILE...");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).unwrap();
    let limits = cablecat::pdf::Limits::for_text(cablecat::import::MAX_SIZE);
    let (mut pages, mut failed) = (0usize, 0usize);
    let started = Instant::now();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        let name = Path::new(f)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        match cablecat::pdf::extract(&bytes, &limits) {
            Ok(t) => {
                pages += t.pages.len();
                std::fs::write(Path::new(out).join(format!("{name}.txt")), t.text()).unwrap();
            }
            Err(e) => {
                failed += 1;
                eprintln!("{f}: {e}");
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} files, {pages} pages, {failed} failed, {secs:.3} s, {:.0} pages/s",
        files.len(),
        pages as f64 / secs
    );
}
