//! Full-text search over paragraphs: what a user types made into an FTS5 query, and the
//! ranked hits as SQL.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Result};

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

/// A search without filters, the same rows as the filtered form gives with no filter, at
/// about half the cost: the full-text index alone ranks its hits and keeps the page asked
/// for, and only those are joined to their paragraphs and documents, which is what costs most
/// for a word in many paragraphs. Equal scores are ordered by paragraph (the order of the
/// documents as imported), which the index knows without a join.
fn ranked_first_sql() -> String {
    format!(
        "WITH top AS MATERIALIZED (
  SELECT rowid AS pid, bm25(paragraphs_fts) AS s FROM paragraphs_fts
  WHERE paragraphs_fts MATCH :query
  ORDER BY s, rowid LIMIT :limit OFFSET coalesce(:offset, 0)
)
SELECT {HIT_FIELDS},
       round(-top.s, 2) AS score, {HIT_DOCUMENT}
FROM paragraphs_fts
CROSS JOIN top ON top.pid = paragraphs_fts.rowid
CROSS JOIN paragraphs p ON p.id = top.pid
CROSS JOIN documents d INDEXED BY documents_fields ON d.id = p.document_id
WHERE paragraphs_fts MATCH :query
ORDER BY top.s, top.pid"
    )
}

/// The search as SQL with its parameters: one row per matching paragraph, best first. An
/// `offset` parameter, when bound, skips that many hits (the web pages' paging).
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
    if conds.is_empty() {
        return Ok((ranked_first_sql(), params));
    }
    Ok((joined_sql(&conds), params))
}

/// The search with filters: every hit joined to its paragraph and document, then ranked.
fn joined_sql(conds: &str) -> String {
    format!(
        "SELECT {HIT_FIELDS},
       round(-bm25(paragraphs_fts), 2) AS score, {HIT_DOCUMENT}
FROM paragraphs_fts
JOIN paragraphs p ON p.id = paragraphs_fts.rowid
JOIN documents d INDEXED BY documents_fields ON d.id = p.document_id
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
JOIN paragraphs p ON p.id = paragraphs_fts.rowid
JOIN documents d INDEXED BY documents_fields ON d.id = p.document_id
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

    /// The rows of a search SQL, every column as text.
    fn rows_of(
        conn: &rusqlite::Connection,
        sql: &str,
        query: &str,
        limit: i64,
        offset: Option<i64>,
    ) -> Vec<Vec<String>> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map(
                rusqlite::named_params! {
                    ":query": query, ":limit": limit, ":offset": offset,
                    ":open": "[", ":close": "]",
                },
                |r| {
                    (0..n)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<rusqlite::Result<Vec<String>>>()
                },
            )
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Ranking in the full-text index first must give exactly the rows of the joined form,
    /// at every page, where many hits score alike (the same paragraph in many releases) and
    /// where none do: equal scores in the order of the paragraphs.
    #[test]
    fn a_search_without_filters_gives_the_rows_of_the_joined_form() {
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
                "INSERT INTO documents (id, file_id, source_path, part, sha256, doc_no, imported_at)
                 VALUES (?1, 1, 'f.txt', ?1, 'x', 'C' || ?1, '2026-12-01')",
                [d],
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
        let joined = joined_sql("");
        let mut compared = 0;
        for query in [
            "embassy",
            "security",
            "embassy AND security",
            "secur*",
            "\"the embassy\"",
            "nowhere",
        ] {
            for (limit, offset) in [
                (20, None),
                (20, Some(20)),
                (5, Some(100)),
                (1, None),
                (500, None),
            ] {
                let want = rows_of(&conn, &joined, query, limit, offset);
                let got = rows_of(&conn, &ranked_first_sql(), query, limit, offset);
                assert_eq!(got, want, "{query} limit {limit} offset {offset:?}");
                compared += want.len();
            }
        }
        assert!(compared > 1000, "{compared}");
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
