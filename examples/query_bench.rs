//! Query timings on a catalog, for the performance benchmark: a ranked full-text phrase
//! search with snippets, every canned report, and `list` with filters. Each is run five
//! times; the best and the median are printed as JSON lines, with the query plan's full
//! scans, if any.
//!
//!     cargo run --release --example query_bench -- CATALOG.db

use std::collections::BTreeMap;
use std::time::Instant;

fn time(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &BTreeMap<String, String>,
) -> anyhow::Result<(f64, f64, usize, Vec<String>)> {
    let mut runs = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut stmt = conn.prepare(sql)?;
        for i in 1..=stmt.parameter_count() {
            let name = stmt
                .parameter_name(i)
                .unwrap_or("")
                .trim_start_matches(':')
                .to_string();
            match params.get(&name) {
                Some(v) => stmt.raw_bind_parameter(i, v.as_str())?,
                None => stmt.raw_bind_parameter(i, rusqlite::types::Null)?,
            }
        }
        let mut q = stmt.raw_query();
        rows = 0;
        while q.next()?.is_some() {
            rows += 1;
        }
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    // Full table scans the plan still makes.
    let mut scans = Vec::new();
    let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    for i in 1..=plan.parameter_count() {
        plan.raw_bind_parameter(i, rusqlite::types::Null)?;
    }
    let mut q = plan.raw_query();
    while let Some(r) = q.next()? {
        let detail: String = r.get(3)?;
        if detail.starts_with("SCAN ")
            && !detail.contains("VIRTUAL TABLE")
            && !detail.contains("CONSTANT")
        {
            scans.push(detail);
        }
    }
    Ok((runs[0], runs[2], rows, scans))
}

fn main() -> anyhow::Result<()> {
    let db = std::env::args().nth(1).expect("CATALOG.db");
    let conn = cablecat::store::open_read_only(std::path::Path::new(&db))?;
    let mut cases: Vec<(String, String, BTreeMap<String, String>)> = Vec::new();
    cases.push((
        "search: phrase, ranked, with snippets".into(),
        "SELECT d.doc_no, p.number, snippet(paragraphs_fts, 0, '[', ']', '…', 12) AS snippet, bm25(paragraphs_fts) AS rank
         FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid JOIN documents d ON d.id = p.document_id
         WHERE paragraphs_fts MATCH '\"armored cars\"' ORDER BY rank LIMIT 20"
            .into(),
        BTreeMap::new(),
    ));
    cases.push((
        "list: cables of 2010, newest 50".into(),
        cablecat::cli::LIST_SQL.into(),
        [
            ("type", "cable"),
            ("from", "2010-01-01"),
            ("to", "2010-12-31"),
            ("limit", "50"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    ));
    for r in cablecat::report::canned() {
        let mut params = BTreeMap::new();
        if r.name.ends_with(".by") {
            params.insert("by".to_string(), "month".to_string());
        }
        cases.push((format!("report {}", r.name), r.sql.to_string(), params));
    }
    for (name, sql, params) in cases {
        let (best, median, rows, scans) = time(&conn, &sql, &params)?;
        println!(
            "{}",
            serde_json::json!({"query": name, "best_ms": (best * 10.0).round() / 10.0, "median_ms": (median * 10.0).round() / 10.0, "rows": rows, "full_scans": scans})
        );
    }
    Ok(())
}
