//! Full-text search over paragraphs: what a user types made into an FTS5 query, and the
//! ranked hits as SQL.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};

use super::filters::Filters;

/// Turn what a user types into an FTS5 query: words with punctuation (`1.4(d)`, `U.S.`)
/// become quoted phrases, operators are checked for a term on each side, and quotes and
/// parentheses must close. The errors say what to change, in the user's terms.
pub fn fts_query(input: &str) -> Result<String> {
    #[derive(PartialEq)]
    enum Tok {
        Term(String),
        Op(&'static str),
        Open,
        Close,
    }
    let mut toks = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                bail!("the search opens a quote it does not close: {input}");
            }
            if phrase.trim().is_empty() {
                bail!("the search has an empty phrase (\"\"): put words between the quotes");
            }
            let mut term = format!("\"{}\"", phrase.trim());
            if chars.peek() == Some(&'*') {
                chars.next();
                term.push('*');
            }
            toks.push(Tok::Term(term));
        } else if c == '(' {
            chars.next();
            toks.push(Tok::Open);
        } else if c == ')' {
            chars.next();
            toks.push(Tok::Close);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' || c == '(' || c == ')' {
                    // `1.4(d)`: a parenthesis inside a word is part of it.
                    if c == '(' && !word.is_empty() {
                        let rest: String = chars.clone().take(3).collect();
                        if rest.len() == 3 && rest.ends_with(')') {
                            word.push_str(&rest);
                            chars.nth(2);
                            continue;
                        }
                    }
                    break;
                }
                word.push(c);
                chars.next();
            }
            match word.as_str() {
                "AND" => toks.push(Tok::Op("AND")),
                "OR" => toks.push(Tok::Op("OR")),
                "NOT" => toks.push(Tok::Op("NOT")),
                _ => {
                    let (stem, prefix) = match word.strip_suffix('*') {
                        Some(s) => (s, true),
                        None => (word.as_str(), false),
                    };
                    if stem.is_empty() {
                        bail!(
                            "a * ends a word to match its prefix (embass*); it cannot stand alone"
                        );
                    }
                    let bare = stem.chars().all(|c| c.is_alphanumeric() || c == '_');
                    let mut term = if bare {
                        stem.to_string()
                    } else {
                        format!("\"{}\"", stem.replace('"', "\"\""))
                    };
                    if prefix {
                        term.push('*');
                    }
                    // Words that are only punctuation match nothing and would break the query.
                    if stem.chars().any(|c| c.is_alphanumeric()) {
                        toks.push(Tok::Term(term));
                    }
                }
            }
        }
    }
    if toks.is_empty() {
        bail!("the search has no words to look for");
    }
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| &toks[j]);
        let after = toks.get(i + 1);
        match t {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth < 0 {
                    bail!("the search closes a parenthesis it did not open");
                }
                if before == Some(&Tok::Open) {
                    bail!("the search has empty parentheses");
                }
            }
            Tok::Op(op) => {
                let left = matches!(before, Some(Tok::Term(_)) | Some(Tok::Close));
                let right = matches!(after, Some(Tok::Term(_)) | Some(Tok::Open));
                if !left || !right {
                    if *op == "NOT" {
                        bail!(
                            "NOT leaves out what follows it from what comes before: write `embassy NOT consulate`, not NOT alone at the start or end"
                        );
                    }
                    bail!("{op} needs a word or phrase on each side: `embassy {op} consulate`");
                }
            }
            Tok::Term(_) => {}
        }
    }
    if depth != 0 {
        bail!("the search opens a parenthesis it does not close");
    }
    let mut out = String::new();
    for t in &toks {
        if !out.is_empty() && !out.ends_with('(') && *t != Tok::Close {
            out.push(' ');
        }
        match t {
            Tok::Term(s) => out.push_str(s),
            Tok::Op(o) => out.push_str(o),
            Tok::Open => out.push('('),
            Tok::Close => out.push(')'),
        }
    }
    Ok(out)
}

/// The columns of a hit, around its score: the same in both forms of the search.
const HIT_FIELDS: &str =
    "coalesce(d.doc_no, d.cable_id, '#' || d.id) AS document, d.doc_date AS date,
       d.doc_type AS type, p.number AS para,
       snippet(paragraphs_fts, 0, :open, :close, '…', 14) AS passage";
const HIT_DOCUMENT: &str = "d.subject, d.id AS document_id, p.seq";

/// The hits of a search to rank: their ids (`pid`) and scores (`s`, bm25: lower is better),
/// in no order; ranked, equal scores go in the order of the paragraphs (the order of the
/// documents as imported). Without filters the full-text index alone gives them. With
/// filters, in one statement (`parted` false), each hit is joined to its document through
/// the narrow `paragraphs_document_of` (V13), not the rows that hold the text;
/// `+p.document_id` keeps SQLite from carrying a filter's list of documents over to that
/// index (a tag's 50,000 documents tried for every hit). Ranked in parts (`parted`: only
/// paragraphs `:lo` to `:hi`), each hit's id is tested against `:runs`, the runs of
/// paragraph ids of the documents the filters keep (`runs_sql`, V14), with no lookup.
fn ranking_sql(conds: &str, parted: bool) -> String {
    if conds.is_empty() || parted {
        let part = if parted {
            "\n  AND paragraphs_fts.rowid BETWEEN CAST(:lo AS INTEGER) AND CAST(:hi AS INTEGER)"
        } else {
            ""
        };
        let kept = if conds.is_empty() {
            ""
        } else {
            "\n  AND paragraph_in(paragraphs_fts.rowid, :runs)"
        };
        format!(
            "SELECT paragraphs_fts.rowid AS pid, bm25(paragraphs_fts) AS s FROM paragraphs_fts
WHERE paragraphs_fts MATCH :query{part}{kept}"
        )
    } else {
        format!(
            "SELECT p.id AS pid, bm25(paragraphs_fts) AS s FROM paragraphs_fts
JOIN paragraphs p INDEXED BY paragraphs_document_of ON p.id = paragraphs_fts.rowid
WHERE paragraphs_fts MATCH :query
  AND +p.document_id IN (SELECT d.id FROM documents d INDEXED BY documents_fields
                         WHERE {conds})"
        )
    }
}

/// The runs of paragraph ids of the documents `filters` keep, as the JSON array `:runs` of
/// `rank_sql` wants (one value), or None without filters (`rank_sql` then wants none).
fn runs_sql(filters: &Filters) -> Result<Option<(String, BTreeMap<String, String>)>> {
    let mut params = BTreeMap::new();
    let conds = filters.to_sql(&mut params)?;
    if conds.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT coalesce(json_group_array(json_array(r.first_paragraph, r.last_paragraph)), '[]')
FROM documents d INDEXED BY documents_fields
JOIN document_paragraphs r ON r.document_id = d.id
WHERE {conds}"
    );
    Ok(Some((sql, params)))
}

/// The hits of a ranking, in its order: each looked up in the index by its id for its
/// passage, with its paragraph and document; its score is the one the ranking gave.
fn hits_of(top: &str) -> String {
    format!(
        "WITH top AS MATERIALIZED (
{top}
)
SELECT {HIT_FIELDS},
       round(-top.s, 2) AS score, {HIT_DOCUMENT}
FROM top
CROSS JOIN paragraphs_fts ON paragraphs_fts.rowid = top.pid
CROSS JOIN paragraphs p ON p.id = top.pid
CROSS JOIN documents d INDEXED BY documents_fields ON d.id = p.document_id
WHERE paragraphs_fts MATCH :query
ORDER BY top.ord"
    )
}

/// The search as SQL with its parameters: one row per matching paragraph, best first. An
/// `offset` parameter, when bound, skips that many hits (the web pages' paging). The hits
/// are ranked first and only those kept are joined to their paragraphs and documents, which
/// is what costs most for a word in many paragraphs.
pub fn search_sql(
    query: &str,
    filters: &Filters,
    limit: u64,
    highlight: (&str, &str),
) -> Result<(String, BTreeMap<String, String>)> {
    let mut params = BTreeMap::new();
    params.insert("query".to_string(), fts_query(query)?);
    params.insert("limit".to_string(), limit.to_string());
    params.insert("open".to_string(), highlight.0.to_string());
    params.insert("close".to_string(), highlight.1.to_string());
    let conds = filters.to_sql(&mut params)?;
    let top = format!(
        "SELECT row_number() OVER (ORDER BY s, pid) AS ord, pid, s FROM (
{}
ORDER BY s, pid LIMIT :limit OFFSET coalesce(:offset, 0))",
        ranking_sql(&conds, false)
    );
    Ok((hits_of(&top), params))
}

/// The hits of a search in one part of the paragraphs, `:lo` to `:hi`, as `pid` and `s`, for
/// `rank_rows`. The parts of the whole range, ranked at once on connections of their own
/// and put together by `merge_ranked`, give exactly the ranking of the whole: bm25 weighs a
/// word by its frequency in the whole index whatever part is ranked, and a paragraph's score
/// is its own. What costs in ranking a word found in many paragraphs is each hit's score
/// (its paragraph's length is looked up in the index) and, with filters, its document, so
/// two parts take about half the time each.
pub fn rank_sql(
    query: &str,
    filters: &Filters,
    plan: &RankPlan,
) -> Result<(String, BTreeMap<String, String>)> {
    // The filters are in the runs of `plan`; only their conditions' presence matters here.
    let conds = filters.to_sql(&mut BTreeMap::new())?;
    let mut params = BTreeMap::new();
    params.insert("query".to_string(), fts_query(query)?);
    if !conds.is_empty() {
        let runs = plan.runs.clone().ok_or_else(|| {
            anyhow!("a search with filters is ranked with the runs of its documents")
        })?;
        params.insert("runs".to_string(), runs);
    }
    Ok((ranking_sql(&conds, true), params))
}

/// What ranking a search in parts needs first, read on one connection: the paragraph ids
/// (`first` to `last`) to divide into parts, and with filters the runs of paragraph ids of
/// the documents they keep.
#[derive(Debug, Default, Clone)]
pub struct RankPlan {
    pub first: i64,
    pub last: i64,
    pub runs: Option<String>,
}

pub fn rank_plan(conn: &rusqlite::Connection, filters: &Filters) -> Result<RankPlan> {
    let (first, last) = conn.query_row(
        // Each end on its own: both in one SELECT would scan the table.
        "SELECT coalesce((SELECT min(id) FROM paragraphs), 0),
                coalesce((SELECT max(id) FROM paragraphs), 0)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let runs = match runs_sql(filters)? {
        None => None,
        Some((sql, params)) => {
            let mut stmt = conn.prepare(&sql)?;
            crate::report::bind_named(&mut stmt, &params)?;
            let mut rows = stmt.raw_query();
            let row = rows.next()?.context("the runs of a search gave no row")?;
            Some(row.get::<_, String>(0)?)
        }
    };
    Ok(RankPlan { first, last, runs })
}

/// The best hits of one part of a search, and how many hits it holds.
#[derive(Debug, Default)]
pub struct Ranked {
    /// `(pid, s)`, best first.
    pub best: Vec<(i64, f64)>,
    pub hits: u64,
}

/// A hit as ranked: a lower score first, then a lower paragraph id.
#[derive(PartialEq)]
struct Hit(f64, i64);
impl Eq for Hit {}
impl Ord for Hit {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}
impl PartialOrd for Hit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Rank the rows of `rank_sql` (`pid`, `s`): keep the best `keep` and count them all, so the
/// page knows its number of hits from the one pass that ranks them.
pub fn rank_rows(mut rows: rusqlite::Rows<'_>, keep: usize) -> rusqlite::Result<Ranked> {
    // The worst kept on top, to be pushed out by a better one.
    let mut heap = std::collections::BinaryHeap::with_capacity(keep + 1);
    let mut hits = 0u64;
    while let Some(row) = rows.next()? {
        hits += 1;
        let hit = Hit(row.get(1)?, row.get(0)?);
        if heap.len() < keep {
            heap.push(hit);
        } else if heap.peek().is_some_and(|worst| hit < *worst) {
            heap.pop();
            heap.push(hit);
        }
    }
    let best = heap
        .into_sorted_vec()
        .into_iter()
        .map(|Hit(s, pid)| (pid, s))
        .collect();
    Ok(Ranked { best, hits })
}

/// The paragraph ids to rank in `parts` parts of about equal size, as `(lo, hi)` bounds of
/// `rank_sql`, for paragraph ids from `first` to `last`.
pub fn rank_parts(first: i64, last: i64, parts: usize) -> Vec<(i64, i64)> {
    let parts = parts.max(1) as i64;
    let span = (last - first + 1).max(1);
    let step = (span + parts - 1) / parts;
    (0..parts)
        .map(|i| (first + i * step, (first + (i + 1) * step - 1).min(last)))
        .filter(|(lo, hi)| lo <= hi)
        .collect()
}

/// Rank a search in `parts` parts of the paragraphs at once, each on a connection of its own
/// from `open`, on threads of its own, and put the parts together: the hits `offset` to
/// `offset + limit` as `(pid, s)` (for `ranked_hits_sql`), and the number of hits.
pub fn rank_in_parts(
    open: &(dyn Fn() -> Result<rusqlite::Connection> + Sync),
    query: &str,
    filters: &Filters,
    parts: usize,
    offset: usize,
    limit: usize,
) -> Result<(Vec<(i64, f64)>, u64)> {
    let plan = rank_plan(&open()?, filters)?;
    let (sql, params) = rank_sql(query, filters, &plan)?;
    let (first, last) = (plan.first, plan.last);
    let ranked: Vec<Ranked> = std::thread::scope(|scope| {
        let running: Vec<_> = rank_parts(first, last, parts)
            .into_iter()
            .map(|(lo, hi)| {
                let (sql, params) = (&sql, &params);
                scope.spawn(move || -> Result<Ranked> {
                    let conn = open()?;
                    let mut stmt = conn.prepare(sql)?;
                    let mut params = params.clone();
                    params.insert("lo".into(), lo.to_string());
                    params.insert("hi".into(), hi.to_string());
                    crate::report::bind_named(&mut stmt, &params)?;
                    let ranked = rank_rows(stmt.raw_query(), offset + limit)?;
                    Ok(ranked)
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().map_err(|_| anyhow!("ranking a search failed"))?)
            .collect::<Result<Vec<Ranked>>>()
    })?;
    let hits = ranked.iter().map(|r| r.hits).sum();
    Ok((merge_ranked(ranked, offset, limit), hits))
}

/// Put the rankings of the parts together: the hits `offset` to `offset + limit` of the
/// whole, best first, as `(pid, s)`, equal scores in the order of the paragraphs (the order
/// of the one-query forms). Each part must hold its best `offset + limit` hits.
pub fn merge_ranked(parts: Vec<Ranked>, offset: usize, limit: usize) -> Vec<(i64, f64)> {
    let mut all: Vec<(i64, f64)> = parts.into_iter().flat_map(|p| p.best).collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    all.into_iter().skip(offset).take(limit).collect()
}

/// The hits of paragraphs already ranked, in the order given: `:ids` is a JSON array of
/// `[pid, s]` (from `merge_ranked`). The same columns as `search_sql`. Each hit is looked up
/// in the index by its id, for its passage: its score is the one the ranking gave.
pub fn ranked_hits_sql(
    query: &str,
    ranked: &[(i64, f64)],
    highlight: (&str, &str),
) -> Result<(String, BTreeMap<String, String>)> {
    let mut params = BTreeMap::new();
    params.insert("query".to_string(), fts_query(query)?);
    let ids: Vec<String> = ranked
        .iter()
        .map(|(pid, s)| format!("[{pid},{s:?}]"))
        .collect();
    params.insert("ids".to_string(), format!("[{}]", ids.join(",")));
    params.insert("open".to_string(), highlight.0.to_string());
    params.insert("close".to_string(), highlight.1.to_string());
    let sql =
        hits_of("SELECT key AS ord, value ->> 0 AS pid, value ->> 1 AS s FROM json_each(:ids)");
    Ok((sql, params))
}

/// The paragraphs a search matches, unranked, with the fields of their documents that the
/// web pages count as facets: `paragraph`, `document`, `type`, `year`, `released`,
/// `classification`, `collection`.
pub fn matching_sql(query: &str, filters: &Filters) -> Result<(String, BTreeMap<String, String>)> {
    let mut params = BTreeMap::new();
    params.insert("query".to_string(), fts_query(query)?);
    let conds = filters.to_sql(&mut params)?;
    let sql = format!(
        "SELECT p.id AS paragraph, d.id AS document, d.doc_type AS type,
       substr(d.doc_date, 1, 4) AS year, d.release_status AS released, d.classification,
       {} AS collection
FROM paragraphs_fts
JOIN paragraphs p INDEXED BY paragraphs_document_of ON p.id = paragraphs_fts.rowid
JOIN documents d INDEXED BY documents_fields ON d.id = +p.document_id
WHERE paragraphs_fts MATCH :query{}",
        super::filters::collection_of("d.source_path"),
        if conds.is_empty() {
            String::new()
        } else {
            format!("\n  AND {conds}")
        }
    );
    Ok((sql, params))
}

/// SQLite's words for a search FTS5 could not read, put as the user needs them.
pub fn explain_search_error(query: &str, e: anyhow::Error) -> anyhow::Error {
    let msg = format!("{e:#}");
    if msg.contains("fts5") || msg.contains("MATCH") {
        anyhow!(
            "could not read the search {query:?}: use words, \"phrases\", prefix*, AND, OR, NOT and parentheses"
        )
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sixty documents, some cables, of five paragraphs: alike in most documents (the same
    /// paragraph in many releases, so many hits score alike), a word more in some.
    fn catalog_of_alike_paragraphs() -> rusqlite::Connection {
        let conn = crate::store::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO files (id, path, sha256, size, format, imported_at)
             VALUES (1, 'f.txt', 'x', 1, 'text', '2026-12-01')",
            [],
        )
        .unwrap();
        let texts = [
            "embassy security talks",
            "the embassy",
            "embassy embassy security review of the embassy staff and its guards",
            "nothing to find here",
        ];
        for d in 1..=60 {
            conn.execute(
                "INSERT INTO documents (id, file_id, source_path, part, sha256, doc_no, doc_type,
                                        imported_at)
                 VALUES (?1, 1, 'f.txt', ?1, 'x', 'C' || ?1, ?2, '2026-12-01')",
                rusqlite::params![d, if d % 3 == 0 { "cable" } else { "email" }],
            )
            .unwrap();
            for seq in 1..=5 {
                // Alike in most documents; a word more in some, so that scores differ too.
                let mut text = texts[(d + seq) as usize % texts.len()].to_string();
                if d % 7 == 0 {
                    text.push_str(&" security".repeat(seq as usize));
                }
                conn.execute(
                    "INSERT INTO paragraphs (document_id, seq, kind, text) VALUES (?1, ?2, 'body', ?3)",
                    rusqlite::params![d, seq, text],
                )
                .unwrap();
            }
        }
        // What the writer keeps beside the paragraphs it writes.
        conn.execute(
            "INSERT INTO document_paragraphs
             SELECT document_id, min(id), max(id) FROM paragraphs GROUP BY document_id",
            [],
        )
        .unwrap();
        conn
    }

    /// The plain form of a search, the reference for the others: every hit joined to its
    /// paragraph and document, ranked, and the page kept.
    fn joined_sql(conds: &str) -> String {
        format!(
            "SELECT {HIT_FIELDS},
       round(-bm25(paragraphs_fts), 2) AS score, {HIT_DOCUMENT}
FROM paragraphs_fts
JOIN paragraphs p ON p.id = paragraphs_fts.rowid
JOIN documents d ON d.id = p.document_id
WHERE paragraphs_fts MATCH :query{}
ORDER BY bm25(paragraphs_fts), p.id
LIMIT :limit OFFSET coalesce(:offset, 0)",
            if conds.is_empty() {
                String::new()
            } else {
                format!("\n  AND {conds}")
            }
        )
    }

    /// For every filter (none, cables), query and page of the comparisons, `check` gets the
    /// rows of the plain joined query.
    fn each_plain_case(
        conn: &rusqlite::Connection,
        mut check: impl FnMut(&Filters, &str, u64, i64, &[Vec<String>]),
    ) {
        let mut compared = 0;
        let cables = Filters {
            doc_type: Some("cable".into()),
            ..Filters::default()
        };
        for filters in [Filters::default(), cables] {
            for query in [
                "embassy",
                "security",
                "embassy AND security",
                "secur*",
                "\"the embassy\"",
                "nowhere",
            ] {
                for (limit, offset) in [(20, 0), (20, 20), (5, 100), (1, 0), (500, 0)] {
                    let (_, mut params) = search_sql(query, &filters, limit, ("[", "]")).unwrap();
                    let conds = filters.to_sql(&mut params).unwrap();
                    let want =
                        rows_bound(conn, &joined_sql(&conds), &params, &[(":offset", offset)]);
                    check(&filters, query, limit, offset, &want);
                    compared += want.len();
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    /// Ranking first and joining only the hits kept must give exactly the rows of the plain
    /// form, with filters or without, at every page, where many hits score alike (the same
    /// paragraph in many releases) and where none do: equal scores in the order of the
    /// paragraphs.
    #[test]
    fn a_search_gives_the_rows_of_the_plain_joined_query() {
        let conn = catalog_of_alike_paragraphs();
        each_plain_case(&conn, |filters, query, limit, offset, want| {
            let (sql, params) = search_sql(query, filters, limit, ("[", "]")).unwrap();
            let got = rows_bound(&conn, &sql, &params, &[(":offset", offset)]);
            assert_eq!(
                got, want,
                "{query} {filters:?} limit {limit} offset {offset}"
            );
        });
    }

    /// Every row of `sql`, every column as text, with `params` (those the SQL names) and
    /// `more` bound.
    fn rows_bound(
        conn: &rusqlite::Connection,
        sql: &str,
        params: &BTreeMap<String, String>,
        more: &[(&str, i64)],
    ) -> Vec<Vec<String>> {
        let mut bound: Vec<(String, rusqlite::types::Value)> = params
            .iter()
            .filter(|(k, _)| sql.contains(&format!(":{k}")))
            .map(|(k, v)| (format!(":{k}"), v.clone().into()))
            .collect();
        // As the pages and the CLI bind them: every parameter as text.
        bound.extend(
            more.iter()
                .map(|(k, v)| (k.to_string(), v.to_string().into())),
        );
        let refs: Vec<(&str, &dyn rusqlite::ToSql)> = bound
            .iter()
            .map(|(k, v)| (k.as_str(), v as &dyn rusqlite::ToSql))
            .collect();
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map(&refs[..], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// The hits of a search ranked in `parts` parts of the paragraphs and put together, as
    /// the web pages do it.
    fn parted_rows(
        conn: &rusqlite::Connection,
        query: &str,
        filters: &Filters,
        parts: usize,
        limit: usize,
        offset: usize,
    ) -> Vec<Vec<String>> {
        let plan = rank_plan(conn, filters).unwrap();
        let (sql, params) = rank_sql(query, filters, &plan).unwrap();
        let (first, last) = (plan.first, plan.last);
        let ranked: Vec<Ranked> = rank_parts(first, last, parts)
            .into_iter()
            .map(|(lo, hi)| {
                let mut stmt = conn.prepare(&sql).unwrap();
                let mut bound: Vec<(String, String)> = params
                    .iter()
                    .filter(|(k, _)| sql.contains(&format!(":{k}")))
                    .map(|(k, v)| (format!(":{k}"), v.clone()))
                    .collect();
                bound.push((":lo".into(), lo.to_string()));
                bound.push((":hi".into(), hi.to_string()));
                let refs: Vec<(&str, &dyn rusqlite::ToSql)> = bound
                    .iter()
                    .map(|(k, v)| (k.as_str(), v as &dyn rusqlite::ToSql))
                    .collect();
                rank_rows(stmt.query(&refs[..]).unwrap(), offset + limit).unwrap()
            })
            .collect();
        let total: u64 = ranked.iter().map(|r| r.hits).sum();
        let (counting, counted) = matching_sql(query, filters).unwrap();
        let all = rows_bound(
            conn,
            &format!("SELECT count(*) FROM ({counting})"),
            &counted,
            &[],
        );
        assert_eq!(
            all[0][0],
            format!("Integer({total})"),
            "{query}: every hit counted once"
        );
        let ids = merge_ranked(ranked, offset, limit);
        let (sql, params) = ranked_hits_sql(query, &ids, ("[", "]")).unwrap();
        rows_bound(conn, &sql, &params, &[])
    }

    /// A search ranked in parts of the paragraphs at once gives the hits of the one query,
    /// page by page, filtered or not, however many the parts.
    #[test]
    fn a_search_ranked_in_parts_gives_the_rows_of_the_one_query() {
        let conn = catalog_of_alike_paragraphs();
        each_plain_case(&conn, |filters, query, limit, offset, want| {
            for parts in [1, 2, 3, 7] {
                let got = parted_rows(
                    &conn,
                    query,
                    filters,
                    parts,
                    limit as usize,
                    offset as usize,
                );
                assert_eq!(
                    got, want,
                    "{query} {filters:?} parts {parts} limit {limit} offset {offset}"
                );
            }
        });
    }

    #[test]
    fn the_parts_cover_every_paragraph_once() {
        assert_eq!(rank_parts(1, 10, 2), vec![(1, 5), (6, 10)]);
        assert_eq!(rank_parts(1, 10, 3), vec![(1, 4), (5, 8), (9, 10)]);
        assert_eq!(rank_parts(5, 5, 4), vec![(5, 5)]);
        assert_eq!(rank_parts(1, 2, 1), vec![(1, 2)]);
    }

    #[test]
    fn queries_are_made_safe_for_fts5() {
        assert_eq!(fts_query("armored cars").unwrap(), "armored cars");
        assert_eq!(fts_query("\"armored cars\"").unwrap(), "\"armored cars\"");
        assert_eq!(fts_query("1.4(d)").unwrap(), "\"1.4(d)\"");
        assert_eq!(fts_query("U.S. embass*").unwrap(), "\"U.S.\" embass*");
        assert_eq!(
            fts_query("cartel* AND (violence OR killings) NOT drug").unwrap(),
            "cartel* AND (violence OR killings) NOT drug"
        );
        assert_eq!(fts_query("and or not").unwrap(), "and or not");
    }

    #[test]
    fn malformed_queries_are_explained() {
        for (q, says) in [
            ("\"armored cars", "quote"),
            ("(violence OR", "OR needs"),
            ("NOT drug", "NOT leaves out"),
            ("embassy AND", "AND needs"),
            ("(violence", "parenthesis"),
            ("violence)", "parenthesis"),
            ("*", "prefix"),
            ("", "no words"),
        ] {
            let e = fts_query(q).unwrap_err().to_string();
            assert!(e.contains(says), "{q:?}: {e}");
        }
    }
}
