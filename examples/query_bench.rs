//! Query timings on a catalog, for the performance benchmark: a ranked full-text phrase
//! search with snippets, a word with filters as one statement and as `cablecat search` runs
//! it (ranked in parts at once), every canned report, and `list` with filters. Each is run five
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
        let (ms, n) = time_once(conn, sql, params)?;
        runs.push(ms);
        rows = n;
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

/// One run of `sql`: milliseconds, rows.
fn time_once(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &BTreeMap<String, String>,
) -> anyhow::Result<(f64, usize)> {
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
    let mut rows = 0;
    while q.next()?.is_some() {
        rows += 1;
    }
    Ok((t.elapsed().as_secs_f64() * 1000.0, rows))
}

use cablecat::query::Filters;
use cablecat::query::Sort;

fn main() -> anyhow::Result<()> {
    let db = std::env::args().nth(1).expect("CATALOG.db");
    let conn = cablecat::store::open_read_only(std::path::Path::new(&db))?;
    let mut cases: Vec<(String, String, BTreeMap<String, String>)> = Vec::new();
    // The same SQL as `cablecat search` and `cablecat list`.
    let (sql, params) =
        cablecat::query::search_sql("\"armored cars\"", &Filters::default(), 20, ("[", "]"))?;
    cases.push(("search: phrase, ranked, with snippets".into(), sql, params));
    let (sql, params) = cablecat::query::search_sql(
        "violence",
        &Filters {
            doc_type: Some("cable".into()),
            from: Some("2010".into()),
            ..Default::default()
        },
        20,
        ("[", "]"),
    )?;
    cases.push((
        "search: word, cables from 2010, one statement".into(),
        sql,
        params,
    ));
    let (sql, params) = cablecat::query::list_sql(
        &Filters {
            doc_type: Some("cable".into()),
            from: Some("2010".into()),
            to: Some("2010".into()),
            ..Default::default()
        },
        Sort::Date,
        true,
        Some(50),
    )?;
    cases.push(("list: cables of 2010, newest 50".into(), sql, params));
    let (sql, params) = cablecat::query::list_sql(
        &Filters {
            exemption: Some("b1".into()),
            tag: Some("PREL".into()),
            ..Default::default()
        },
        Sort::DocNo,
        false,
        Some(50),
    )?;
    cases.push(("list: b1 and PREL, by doc_no".into(), sql, params));
    for r in cablecat::report::canned() {
        let mut params = BTreeMap::new();
        if r.name.ends_with(".by") {
            params.insert("by".to_string(), "month".to_string());
        }
        cases.push((format!("report {}", r.name), r.sql.to_string(), params));
    }
    // What `cablecat search` runs: the ranking in a part per core at once, then the hits kept.
    let cables_2010 = Filters {
        doc_type: Some("cable".into()),
        from: Some("2010".into()),
        ..Default::default()
    };
    let open = || cablecat::store::open_read_only(std::path::Path::new(&db));
    let mut runs = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let parts = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (ranked, _) =
            cablecat::query::rank_in_parts(&open, "violence", &cables_2010, parts, 0, 20)?;
        let (sql, params) = cablecat::query::ranked_hits_sql("violence", &ranked, ("[", "]"))?;
        rows = time_once(&conn, &sql, &params)?.1;
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{}",
        serde_json::json!({"query": "search: word, cables from 2010, ranked in parts", "best_ms": (runs[0] * 10.0).round() / 10.0, "median_ms": (runs[2] * 10.0).round() / 10.0, "rows": rows, "full_scans": []})
    );
    for (name, sql, params) in cases {
        let (best, median, rows, scans) = time(&conn, &sql, &params)?;
        println!(
            "{}",
            serde_json::json!({"query": name, "best_ms": (best * 10.0).round() / 10.0, "median_ms": (median * 10.0).round() / 10.0, "rows": rows, "full_scans": scans})
        );
    }
    Ok(())
}
