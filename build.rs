// refinery embeds migrations/ at compile time, and canned reports are embedded from sql/:
// rebuild when either changes, or a new migration or report is silently missed.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=data/vocab");

    let mut names: Vec<String> = std::fs::read_dir("sql")
        .expect("sql/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    let mut out = String::from("/// Canned reports: (name, SQL text), one per file of sql/.\npub static CANNED: &[(&str, &str)] = &[\n");
    for n in names {
        let stem = n.trim_end_matches(".sql");
        writeln!(
            out,
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/sql/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("reports.rs");
    std::fs::write(dest, out).unwrap();
}
