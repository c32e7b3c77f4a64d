//! The HTML pages: holdings, search, documents (browse and one record), reports; and the
//! CSV and JSON downloads, streamed with the writer `cablecat report` uses.

use std::collections::BTreeMap;

use anyhow::{anyhow, Result};
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup};
use rusqlite::Connection;

use super::html::{count, href, marked, page, segment, table, Section};
use super::Shared;
use crate::query::filters::collection_of;
use crate::query::{
    explain_search_error, find_ids, list_sql, load, load_findings, merge_ranked, rank_parts,
    rank_plan, rank_rows, rank_sql, ranked_hits_sql, search_sql, Filters, Findings, Record, Sort,
};
use crate::report::{self, Format, Table, HIGHLIGHT};

/// Hits on a search page, documents on a list page: the default and the most one may ask.
const HITS_PER_PAGE: (usize, usize) = (20, 100);
const DOCUMENTS_PER_PAGE: (usize, usize) = (50, 500);
/// Rows a report page shows (the downloads hold them all).
const REPORT_ROWS: usize = 1000;
/// Hits or documents in one download: the default and the most.
const DOWNLOAD_ROWS: (usize, usize) = (1000, 10_000);
/// Values shown per facet.
const FACET_VALUES: usize = 12;
/// Hits the facets count: a word in every other paragraph matches hundreds of thousands,
/// and counting their tags and agencies would take seconds (the total is counted in full).
const FACET_HITS: usize = 5000;
/// Hits whose documents' tags, exemptions and agencies are counted: a document names dozens
/// of agencies, paragraph by paragraph (5,000 hits: 110,000 mentions, 60 ms of CPU alone).
const FACET_DOCUMENT_HITS: usize = 1000;

/// What a request can fail with, as the page says it.
pub enum WebError {
    NotFound(String),
    BadRequest(String),
    /// A query ran past the time limit.
    TooSlow(String),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for WebError {
    fn from(e: anyhow::Error) -> WebError {
        let msg = format!("{e:#}");
        if msg.contains("longer than the time limit") {
            WebError::TooSlow(
                "the query ran longer than the time limit and was stopped; narrow it (a filter, \
                 fewer words) and try again"
                    .into(),
            )
        } else {
            WebError::Internal(e)
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
            WebError::NotFound(m) => (StatusCode::NOT_FOUND, "Not found", m),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Cannot do that", m),
            WebError::TooSlow(m) => (StatusCode::SERVICE_UNAVAILABLE, "Too slow", m),
            WebError::Internal(e) => {
                eprintln!("cablecat: {e:#}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "the catalog could not answer this request; the server's log says why".into(),
                )
            }
        };
        let body = page(
            title,
            Section::None,
            "",
            html! { h1 { (title) } p.error { (message) } p { a href="/" { "Back to the holdings" } } },
        );
        (status, Html(body.into_string())).into_response()
    }
}

type PageResult = Result<Response, WebError>;

fn ok(m: Markup) -> PageResult {
    Ok(Html(m.into_string()).into_response())
}

/// The query string's pairs, in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params(serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default())
    }

    /// The value of `key`, trimmed, when given and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .rfind(|v| !v.is_empty())
    }

    fn owned(&self, key: &str) -> Option<String> {
        self.get(key).map(str::to_string)
    }

    /// The filters `list` and `search` take, by the names of their options.
    fn filters(&self) -> Filters {
        Filters {
            from: self.owned("from"),
            to: self.owned("to"),
            agency: self.owned("agency"),
            tag: self.owned("tag"),
            exemption: self.owned("exemption"),
            doc_type: self.owned("type"),
            classification: self.owned("classification"),
            released: self.owned("released"),
            collection: self.owned("collection"),
            needs_ocr: self
                .get("needs_ocr")
                .is_some_and(|v| v != "0" && v != "false"),
        }
    }

    /// This page's address with `changes` made (None drops a key), and back to its first page.
    fn with(&self, path: &str, changes: &[(&str, Option<&str>)]) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .0
            .iter()
            .filter(|(k, v)| {
                k != "page" && !v.trim().is_empty() && !changes.iter().any(|(c, _)| c == k)
            })
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        for (k, v) in changes {
            if let Some(v) = v {
                pairs.push((k, v));
            }
        }
        href(path, &pairs)
    }

    /// A positive number, at most `max`, else `default`.
    fn number(&self, key: &str, default: usize, max: usize) -> Result<usize, WebError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n.min(max)),
                _ => Err(WebError::BadRequest(format!(
                    "{key} is a whole number from 1, not {v:?}"
                ))),
            },
        }
    }

    fn format(&self) -> Result<Option<Format>, WebError> {
        match self.get("format") {
            None | Some("html") => Ok(None),
            Some("csv") => Ok(Some(Format::Csv)),
            Some("json") => Ok(Some(Format::Json)),
            Some(f) => Err(WebError::BadRequest(format!(
                "format is csv or json, not {f:?}"
            ))),
        }
    }
}

/// The filter names of the command line, as the web pages take them.
const FILTER_KEYS: &[(&str, &str)] = &[
    ("from", "from"),
    ("to", "to"),
    ("type", "type"),
    ("classification", "classification"),
    ("released", "released"),
    ("tag", "tag"),
    ("exemption", "exemption"),
    ("agency", "agency"),
    ("collection", "collection"),
];

/// Check the filters as the command line does; its messages name options (`--from`), which
/// are the query's keys here.
fn checked(filters: &Filters) -> Result<(), WebError> {
    filters
        .to_sql(&mut BTreeMap::new())
        .map(|_| ())
        .map_err(|e| WebError::BadRequest(e.to_string().replace("--", "")))
}

/// A download of rows, streamed as they are read with `cablecat report`'s writer: the same
/// rows, in the same format, as the command line gives.
async fn download(
    app: &Shared,
    sql: String,
    params: BTreeMap<String, String>,
    format: Format,
    name: &str,
) -> PageResult {
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Vec<u8>>>(8);
    let (started_tx, started_rx) = tokio::sync::oneshot::channel::<Result<(), String>>();
    let timeout = app.pool.timeout();
    let app2 = app.clone();
    tokio::spawn(async move {
        let errors = tx.clone();
        let result = app2
            .pool
            .run(move |conn| {
                let mut stmt = match report::prepare_read_only(conn, &sql)
                    .and_then(|mut s| report::bind_named(&mut s, &params).map(|_| s))
                {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = started_tx.send(Err(format!("{e:#}")));
                        return Ok(());
                    }
                };
                let _ = started_tx.send(Ok(()));
                let mut out = ChannelWriter {
                    buf: Vec::with_capacity(64 * 1024),
                    tx,
                };
                report::write_rows(&mut stmt, &params, format, &mut out, Some(timeout))?;
                std::io::Write::flush(&mut out)?;
                Ok(())
            })
            .await;
        if let Err(e) = result {
            eprintln!("cablecat: a download stopped: {e:#}");
            let _ = errors
                .send(Err(std::io::Error::other(format!("{e:#}"))))
                .await;
        }
    });
    match started_rx.await {
        Ok(Ok(())) => {}
        Ok(Err(m)) => return Err(WebError::BadRequest(m)),
        Err(_) => return Err(WebError::Internal(anyhow!("the download did not start"))),
    }
    let (mime, ext) = match format {
        Format::Json => ("application/json", "json"),
        _ => ("text/csv; charset=utf-8", "csv"),
    };
    let disposition = format!("attachment; filename=\"{name}.{ext}\"");
    let mut response = Body::from_stream(Chunks(rx)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// Bytes written on a blocking thread, sent to the response in 64 KB pieces.
struct ChannelWriter {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(64 * 1024));
            self.tx
                .blocking_send(Ok(chunk))
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        }
        Ok(())
    }
}

struct Chunks(tokio::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>);

impl futures_core::Stream for Chunks {
    type Item = std::io::Result<Vec<u8>>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

fn fts_pending(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM meta WHERE key = 'fts_bulk'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

fn read(
    conn: &mut Connection,
    sql: &str,
    params: &BTreeMap<String, String>,
    max: usize,
    timeout: std::time::Duration,
) -> Result<Table> {
    let mut stmt = report::prepare_read_only(conn, sql)?;
    report::read_rows(&mut stmt, params, max, Some(timeout))
}

// ---------------------------------------------------------------------------------------
// Holdings

/// Documents per value of each field the front page counts.
#[derive(Default)]
struct Holdings {
    total: i64,
    by_type: BTreeMap<String, i64>,
    by_year: BTreeMap<String, i64>,
    by_status: BTreeMap<String, i64>,
    by_collection: BTreeMap<String, i64>,
}

fn holdings(conn: &mut Connection) -> Result<Holdings> {
    // One pass over the narrow index of document fields.
    let sql = format!(
        "SELECT coalesce(d.doc_type, ''), coalesce(substr(d.doc_date, 1, 4), ''),
                coalesce(d.release_status, ''), {}, count(*)
         FROM documents d INDEXED BY documents_fields GROUP BY 1, 2, 3, 4",
        collection_of("d.source_path")
    );
    let mut stmt = report::prepare_read_only(conn, &sql)?;
    let mut rows = stmt.raw_query();
    let mut h = Holdings::default();
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(4)?;
        h.total += n;
        *h.by_type.entry(r.get(0)?).or_default() += n;
        *h.by_year.entry(r.get(1)?).or_default() += n;
        *h.by_status.entry(r.get(2)?).or_default() += n;
        *h.by_collection.entry(r.get(3)?).or_default() += n;
    }
    Ok(h)
}

fn counts_table(
    title: &str,
    counts: &BTreeMap<String, i64>,
    blank: &str,
    link: impl Fn(&str) -> Option<String>,
) -> Markup {
    html! {
        section {
            h2 { (title) }
            table { tbody { @for (k, n) in counts {
                tr {
                    td { @if k.is_empty() { span.muted { (blank) } }
                         @else { @match link(k) { Some(h) => a href=(h) { (k) }, None => (k) } } }
                    td.num { (count(*n)) }
                }
            } } }
        }
    }
}

pub async fn home(State(app): State<Shared>) -> PageResult {
    let h = app.pool.run(holdings).await?;
    let by_year_desc: BTreeMap<String, i64> = h.by_year.clone();
    ok(page(
        "Holdings",
        Section::Home,
        "",
        html! {
            h1 { "The holdings: " (count(h.total)) " documents" }
            form.search-big action="/search" method="get" role="search" {
                input type="search" name="q" placeholder="Search every paragraph: cartels, \"armored vehicles\", deport*" aria-label="Search" autofocus;
                button type="submit" { "Search" }
            }
            div.grid {
                (counts_table("By type", &h.by_type, "(none)", |k| Some(href("/documents", &[("type", k)]))))
                (counts_table("By release status", &h.by_status, "(not stated)", |k| Some(href("/documents", &[("released", k)]))))
                (counts_table("By collection", &h.by_collection, "(no folder)", |k| Some(href("/documents", &[("collection", k)]))))
                (counts_table("By year of the document", &by_year_desc, "(undated)", |k| Some(href("/documents", &[("from", k), ("to", k)]))))
            }
            p.muted { "The same catalog answers on the command line ("
                code { "cablecat list" } ", " code { "cablecat search" } ") and to archival systems by "
                a href="/oai?verb=Identify" { "OAI-PMH" } "." }
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Search

struct Facet {
    key: &'static str,
    title: &'static str,
    values: Vec<(String, i64)>,
}

struct SearchPage {
    hits: Table,
    total: i64,
    /// The facets count fewer hits than there are (the first FACET_HITS, and
    /// FACET_DOCUMENT_HITS for tags, exemptions and agencies).
    sampled: bool,
    facets: Vec<Facet>,
}

/// The hits of one page, best first, and the number of hits. The paragraphs are ranked in
/// as many parts as there are cores, each on a connection of its own at once (`rank_sql`),
/// and the best of the parts put together; then only the page's hits are read with their
/// passages. A word in 200,000 paragraphs is ranked in about half the time of one query,
/// and counted in the same pass. An error if the full-text index is not whole, which the
/// page shows before anything `search_facets` counts.
async fn search_hits(
    app: &Shared,
    q: &str,
    filters: &Filters,
    per: usize,
    offset: usize,
) -> Result<(Table, i64)> {
    let timeout = app.pool.timeout();
    let f = filters.clone();
    let plan = app
        .pool
        .run(move |conn| {
            if fts_pending(conn)? {
                anyhow::bail!(
                    "the full-text index is not complete (an import was interrupted); run `cablecat check --repair` or import again"
                );
            }
            rank_plan(conn, &f)
        })
        .await?;
    let (sql, params) = rank_sql(q, filters, &plan).map_err(|e| explain_search_error(q, e))?;
    let (first, last) = (plan.first, plan.last);
    let mut ranking = tokio::task::JoinSet::new();
    for (lo, hi) in rank_parts(first, last, app.config.rank_parts) {
        let (app, sql, mut params, q) = (app.clone(), sql.clone(), params.clone(), q.to_string());
        params.insert("lo".into(), lo.to_string());
        params.insert("hi".into(), hi.to_string());
        ranking.spawn(async move {
            let ranked = app
                .pool
                .run(move |conn| {
                    let mut stmt = report::prepare_read_only(conn, &sql)?;
                    report::bind_named(&mut stmt, &params)?;
                    rank_rows(stmt.raw_query(), offset + per)
                        .map_err(|e| explain_search_error(&q, e.into()))
                })
                .await?;
            anyhow::Ok(ranked)
        });
    }
    // The parts in any order: `merge_ranked` orders their hits.
    let mut parts = Vec::new();
    while let Some(done) = ranking.join_next().await {
        parts.push(done.map_err(|e| anyhow!("ranking a search failed: {e}"))??);
    }
    let total = parts.iter().map(|r| r.hits as i64).sum();
    let ids = merge_ranked(parts, offset, per);
    let (sql, params) = ranked_hits_sql(q, &ids, HIGHLIGHT)?;
    let q = q.to_string();
    let hits = app
        .pool
        .run(move |conn| {
            read(conn, &sql, &params, per, timeout).map_err(|e| explain_search_error(&q, e))
        })
        .await?;
    Ok((hits, total))
}

/// The facets: one pass for the fields of the matching documents, and the tags, exemptions
/// and agencies of those documents. Asked on a connection of its own while others rank the
/// hits (`search_hits`), so a page takes about the longer of the two.
fn search_facets(
    conn: &mut Connection,
    q: &str,
    filters: &Filters,
    timeout: std::time::Duration,
) -> Result<Vec<Facet>> {
    let (matching, params) = crate::query::search::matching_sql(q, filters)?;
    let sql = format!(
        "WITH hits AS MATERIALIZED (SELECT * FROM ({matching}) LIMIT {FACET_HITS}),
              docs AS MATERIALIZED (SELECT document, count(*) AS n
                                    FROM (SELECT document FROM hits LIMIT {FACET_DOCUMENT_HITS})
                                    GROUP BY document)
         SELECT 'type', type, count(*) FROM hits GROUP BY 2
         UNION ALL SELECT 'year', year, count(*) FROM hits GROUP BY 2
         UNION ALL SELECT 'released', released, count(*) FROM hits GROUP BY 2
         UNION ALL SELECT 'classification', classification, count(*) FROM hits GROUP BY 2
         UNION ALL SELECT 'collection', collection, count(*) FROM hits GROUP BY 2
         UNION ALL SELECT 'tag', tag, sum(n) FROM (
             SELECT DISTINCT docs.document, docs.n, t.tag FROM docs
             JOIN document_tags t ON t.document_id = docs.document) GROUP BY 2
         UNION ALL SELECT 'exemption', code, sum(n) FROM (
             SELECT DISTINCT docs.document, docs.n, e.code FROM docs
             JOIN document_exemptions e ON e.document_id = docs.document) GROUP BY 2
         UNION ALL SELECT 'agency', (SELECT acronym FROM agencies WHERE id = x.agency), sum(n)
         FROM (SELECT docs.document, docs.n, m.agency_id AS agency FROM docs
               JOIN agency_mentions m ON m.document_id = docs.document
               UNION
               SELECT docs.document, docs.n, ad.agency_id FROM docs
               JOIN addressees ad ON ad.document_id = docs.document
               WHERE ad.agency_id IS NOT NULL) x
         GROUP BY 2"
    );
    let rows =
        read(conn, &sql, &params, usize::MAX, timeout).map_err(|e| explain_search_error(q, e))?;
    let mut facets: Vec<Facet> = [
        ("type", "Type"),
        ("year", "Year"),
        ("released", "Released"),
        ("classification", "Classification"),
        ("collection", "Collection"),
        ("tag", "Tag"),
        ("exemption", "Exemption"),
        ("agency", "Agency"),
    ]
    .into_iter()
    .map(|(key, title)| Facet {
        key,
        title,
        values: Vec::new(),
    })
    .collect();
    for r in rows.rows {
        let (Some(facet), Some(value), Some(n)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        let n: i64 = n.parse().unwrap_or(0);
        if let Some(f) = facets.iter_mut().find(|f| f.key == facet) {
            f.values.push((value.clone(), n));
        }
    }
    for f in &mut facets {
        f.values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        f.values.truncate(FACET_VALUES);
    }
    Ok(facets)
}

fn search_help() -> Markup {
    html! {
        h2 { "How to search" }
        table {
            thead { tr { th { "you type" } th { "it finds paragraphs with" } } }
            tbody {
                tr { td { code { "cartels violence" } } td { "both words (whole words, any case, accents ignored)" } }
                tr { td { code { "\"cannon fodder\"" } } td { "the phrase" } }
                tr { td { code { "deport*" } } td { "words beginning deport" } }
                tr { td { code { "cartels OR gangs" } ", " code { "cartels NOT Tijuana" } } td { "either word; the first without the second" } }
                tr { td { code { "(kidnapping OR extortion) AND police" } } td { "parentheses group; AND, OR, NOT in capitals" } }
                tr { td { code { "1.4(d)" } ", " code { "U.S." } } td { "a word with punctuation, as a phrase" } }
            }
        }
    }
}

/// The filters in force, each a link that removes it.
fn chips(p: &Params, path: &str) -> Markup {
    html! {
        div.chips {
            @for (key, label) in FILTER_KEYS {
                @if let Some(v) = p.get(key) {
                    a.chip href=(p.with(path, &[(key, None)])) title="remove this filter" {
                        (label) ": " (v) " ×"
                    }
                }
            }
        }
    }
}

pub async fn search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> PageResult {
    let p = Params::parse(raw.as_deref());
    let q = p.owned("q").unwrap_or_default();
    if q.is_empty() {
        return ok(page(
            "Search",
            Section::Search,
            "",
            html! {
                h1 { "Search the paragraphs" }
                form.search-big action="/search" method="get" role="search" {
                    input type="search" name="q" placeholder="cartels, \"armored vehicles\", deport*" aria-label="Search" autofocus;
                    button type="submit" { "Search" }
                }
                (search_help())
            },
        ));
    }
    let filters = p.filters();
    let shown_error = |message: String| {
        let body = page(
            "Search",
            Section::Search,
            &q,
            html! {
                h1 { "Search" }
                p.error { (message) }
                (search_help())
            },
        );
        Ok((StatusCode::BAD_REQUEST, Html(body.into_string())).into_response())
    };
    if let Err(WebError::BadRequest(m)) = checked(&filters) {
        return shown_error(m);
    }
    if let Err(e) = crate::query::fts_query(&q) {
        return shown_error(e.to_string());
    }
    if let Some(format) = p.format()? {
        let limit = p.number("limit", DOWNLOAD_ROWS.0, DOWNLOAD_ROWS.1)?;
        let (sql, params) = match search_sql(&q, &filters, limit as u64, ("[", "]")) {
            Ok(s) => s,
            Err(e) => return shown_error(e.to_string()),
        };
        return download(&app, sql, params, format, "search").await;
    }
    let per = p.number("limit", HITS_PER_PAGE.0, HITS_PER_PAGE.1)?;
    let page_no = p.number("page", 1, 10_000)?;
    let offset = (page_no - 1) * per;
    let (q3, f3) = (q.clone(), filters.clone());
    let timeout = app.pool.timeout();
    let (hits, counted) = tokio::join!(
        search_hits(&app, &q, &filters, per, offset),
        app.pool
            .run(move |conn| search_facets(conn, &q3, &f3, timeout)),
    );
    let found_page = hits.and_then(|(hits, total)| {
        let facets = counted?;
        Ok(SearchPage {
            hits,
            total,
            sampled: total > FACET_DOCUMENT_HITS as i64,
            facets,
        })
    });
    let found = match found_page {
        Ok(f) => f,
        Err(e) => {
            let msg = format!("{e:#}");
            if msg.starts_with("could not read the search")
                || msg.starts_with("the full-text index")
            {
                return shown_error(msg);
            }
            return Err(e.into());
        }
    };
    let col = |name: &str| found.hits.column(name).unwrap_or(0);
    let (c_doc, c_date, c_type, c_para, c_passage, c_subject, c_id, c_seq) = (
        col("document"),
        col("date"),
        col("type"),
        col("para"),
        col("passage"),
        col("subject"),
        col("document_id"),
        col("seq"),
    );
    let first = offset + 1;
    let last = offset + found.hits.rows.len();
    ok(page(
        &format!("Search: {q}"),
        Section::Search,
        &q,
        html! {
            h1 { "Search: " (q) }
            (chips(&p, "/search"))
            div.layout {
                aside.facets {
                    @if found.sampled {
                        p.muted {
                            @if found.total > FACET_HITS as i64 {
                                "Type to collection counted in the first " (count(FACET_HITS as i64)) " hits; "
                                "tags, exemptions and agencies in the first " (count(FACET_DOCUMENT_HITS as i64)) ", in catalog order."
                            } @else {
                                "Tags, exemptions and agencies counted in the first " (count(FACET_DOCUMENT_HITS as i64)) " hits, in catalog order."
                            }
                        }
                    }
                    @for f in &found.facets {
                        @if !f.values.is_empty() {
                            h3 { (f.title) }
                            ul { @for (v, n) in &f.values {
                                li {
                                    @let link = if f.key == "year" {
                                        p.with("/search", &[("from", Some(v)), ("to", Some(v))])
                                    } else {
                                        p.with("/search", &[(f.key, Some(v))])
                                    };
                                    a href=(link) { (v) }
                                    span.n { (count(*n)) }
                                }
                            } }
                        }
                    }
                }
                section {
                    @if found.total == 0 {
                        p { "No paragraph matches." }
                    } @else {
                        p.muted { "Hits " (count(first as i64)) "–" (count(last as i64)) " of " (count(found.total)) ", best first · "
                            span.downloads { "download "
                                a href=(p.with("/search", &[("format", Some("csv"))])) { "CSV" } " · "
                                a href=(p.with("/search", &[("format", Some("json"))])) { "JSON" }
                                " (the first " (count(DOWNLOAD_ROWS.0 as i64)) "; add " code { "limit=" } " for up to " (count(DOWNLOAD_ROWS.1 as i64)) ")" } }
                        ol.hits { @for r in &found.hits.rows {
                            @let id = r[c_id].clone().unwrap_or_default();
                            @let seq = r[c_seq].clone().unwrap_or_default();
                            li {
                                div {
                                    a href={ "/documents/" (id) "#p" (seq) } { strong { (r[c_doc].clone().unwrap_or_default()) } }
                                    " "
                                    @if let Some(s) = &r[c_subject] { span { (s) } }
                                }
                                div.meta {
                                    (r[c_date].clone().unwrap_or_else(|| "undated".into())) " · "
                                    (r[c_type].clone().unwrap_or_default())
                                    @if let Some(n) = &r[c_para] { " · paragraph " (n) }
                                }
                                p.passage { (marked(r[c_passage].as_deref().unwrap_or(""))) }
                            }
                        } }
                        div.pager {
                            @if page_no > 1 {
                                a.button.light href=(p.with("/search", &[("page", Some(&(page_no - 1).to_string()))])) { "← Previous" }
                            }
                            @if (last as i64) < found.total {
                                a.button.light href=(p.with("/search", &[("page", Some(&(page_no + 1).to_string()))])) { "Next →" }
                            }
                        }
                    }
                }
            }
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Documents

fn sort_of(p: &Params) -> Result<(Sort, &'static str), WebError> {
    Ok(match p.get("sort").unwrap_or("date") {
        "date" => (Sort::Date, "date"),
        "doc-no" => (Sort::DocNo, "doc-no"),
        "cable-id" => (Sort::CableId, "cable-id"),
        "subject" => (Sort::Subject, "subject"),
        "id" => (Sort::Id, "id"),
        s => {
            return Err(WebError::BadRequest(format!(
                "sort is one of date, doc-no, cable-id, subject, id; not {s:?}"
            )))
        }
    })
}

fn filter_form(p: &Params, sort: &str) -> Markup {
    let v = |k: &str| p.get(k).unwrap_or("").to_string();
    let select = |name: &str, label: &str, options: &[&str]| {
        let chosen = v(name);
        html! {
            label { (label)
                select name=(name) {
                    option value="" { "any" }
                    @for o in options { option value=(o) selected[chosen == *o] { (o) } }
                }
            }
        }
    };
    html! {
        form.filters action="/documents" method="get" {
            label { "from" input type="text" name="from" value=(v("from")) placeholder="1996-11" size="9"; }
            label { "to" input type="text" name="to" value=(v("to")) placeholder="2010" size="9"; }
            (select("type", "type", &["cable", "email", "memo", "letter", "other"]))
            (select("released", "released", &["full", "part", "denied"]))
            label { "classification" input type="text" name="classification" value=(v("classification")) placeholder="SECRET" size="11"; }
            label { "tag" input type="text" name="tag" value=(v("tag")) placeholder="PREL" size="7"; }
            label { "exemption" input type="text" name="exemption" value=(v("exemption")) placeholder="b1" size="7"; }
            label { "agency" input type="text" name="agency" value=(v("agency")) placeholder="CIA" size="8"; }
            label { "collection" input type="text" name="collection" value=(v("collection")) size="10"; }
            label { "sort"
                select name="sort" { @for o in ["date", "doc-no", "cable-id", "subject", "id"] {
                    option value=(o) selected[sort == o] { (o) }
                } }
            }
            label { "newest first" input type="checkbox" name="desc" value="1" checked[p.get("desc").is_some()]; }
            button type="submit" { "List" }
        }
    }
}

pub async fn documents(State(app): State<Shared>, RawQuery(raw): RawQuery) -> PageResult {
    let p = Params::parse(raw.as_deref());
    let filters = p.filters();
    let (sort, sort_name) = sort_of(&p)?;
    let desc = p.get("desc").is_some_and(|v| v != "0" && v != "false");
    if let Err(WebError::BadRequest(m)) = checked(&filters) {
        let body = page(
            "Documents",
            Section::Documents,
            "",
            html! { h1 { "Documents" } (filter_form(&p, sort_name)) p.error { (m) } },
        );
        return Ok((StatusCode::BAD_REQUEST, Html(body.into_string())).into_response());
    }
    if let Some(format) = p.format()? {
        let limit = p.number("limit", DOWNLOAD_ROWS.0, DOWNLOAD_ROWS.1)?;
        let (sql, params) = list_sql(&filters, sort, desc, Some(limit as u64))?;
        return download(&app, sql, params, format, "documents").await;
    }
    let per = p.number("limit", DOCUMENTS_PER_PAGE.0, DOCUMENTS_PER_PAGE.1)?;
    let page_no = p.number("page", 1, 100_000)?;
    let offset = (page_no - 1) * per;
    let timeout = app.pool.timeout();
    let f2 = filters.clone();
    let (rows, total) = app
        .pool
        .run(move |conn| {
            let (sql, mut params) = list_sql(&f2, sort, desc, Some(per as u64))?;
            params.insert("offset".into(), offset.to_string());
            let rows = read(conn, &sql, &params, per, timeout)?;
            let (sql, params) = crate::query::list::count_sql(&f2)?;
            let total = read(conn, &sql, &params, 1, timeout)?
                .rows
                .first()
                .and_then(|r| r[0].as_deref().and_then(|n| n.parse().ok()))
                .unwrap_or(0i64);
            Ok((rows, total))
        })
        .await?;
    let last = offset + rows.rows.len();
    let id_col = rows.column("id").unwrap_or(0);
    ok(page(
        "Documents",
        Section::Documents,
        "",
        html! {
            h1 { "Documents" }
            (filter_form(&p, sort_name))
            (chips(&p, "/documents"))
            @if rows.rows.is_empty() {
                p { "No document matches these filters." }
            } @else {
                p.muted { "Documents " (count(offset as i64 + 1)) "–" (count(last as i64)) " of " (count(total)) " · "
                    span.downloads { "download "
                        a href=(p.with("/documents", &[("format", Some("csv"))])) { "CSV" } " · "
                        a href=(p.with("/documents", &[("format", Some("json"))])) { "JSON" } } }
                (table(&rows, |col, row| match col {
                    "doc_no" | "cable_id" | "subject" | "id" => row[id_col].as_ref().map(|id| format!("/documents/{id}")),
                    _ => None,
                }))
                div.pager {
                    @if page_no > 1 {
                        a.button.light href=(p.with("/documents", &[("page", Some(&(page_no - 1).to_string()))])) { "← Previous" }
                    }
                    @if (last as i64) < total {
                        a.button.light href=(p.with("/documents", &[("page", Some(&(page_no + 1).to_string()))])) { "Next →" }
                    }
                }
            }
        },
    ))
}

/// Records listed when several answer to one key.
const SEVERAL_SHOWN: usize = 200;

enum Found {
    None,
    One(Box<(Record, Findings)>),
    /// How many answer, and the first of them: row id, case, release date, subject, file.
    Several(usize, Table),
}

pub async fn document(State(app): State<Shared>, Path(key): Path<String>) -> PageResult {
    let key = key.trim().to_string();
    let k2 = key.clone();
    let timeout = app.pool.timeout();
    let found = app
        .pool
        .run(move |conn| {
            let ids = find_ids(conn, &k2)?;
            Ok(match ids.as_slice() {
                [] => Found::None,
                [id] => {
                    let rec = load(conn, *id)?;
                    let findings = load_findings(conn, &rec)?;
                    Found::One(Box::new((rec, findings)))
                }
                ids => {
                    let shown: Vec<String> = ids
                        .iter()
                        .take(SEVERAL_SHOWN)
                        .map(|i| i.to_string())
                        .collect();
                    let sql = format!(
                        "SELECT id, case_no, release_date, subject, source_path
                         FROM documents INDEXED BY documents_fields
                         WHERE id IN ({}) ORDER BY id",
                        shown.join(", ")
                    );
                    let table = read(conn, &sql, &BTreeMap::new(), SEVERAL_SHOWN, timeout)?;
                    Found::Several(ids.len(), table)
                }
            })
        })
        .await?;
    match found {
        Found::None => Err(WebError::NotFound(format!(
            "no document {key:?} in the catalog: give a document number (C05288068), a cable id (10MEXICO45) or a row id"
        ))),
        Found::Several(n, recs) => ok(page(
            &key,
            Section::Documents,
            "",
            html! {
                h1 { (count(n as i64)) " documents answer to " (key) }
                p { "The same number in several releases, or several copies: each is a record of its own."
                    @if recs.rows.len() < n { " The first " (recs.rows.len()) " are listed." } }
                (table(&recs, |col, row| match col {
                    "id" | "subject" => row[0].as_ref().map(|id| format!("/documents/{id}")),
                    _ => None,
                }))
            },
        )),
        Found::One(b) => {
            let (rec, findings) = *b;
            ok(record_page(&rec, &findings))
        }
    }
}

fn label_of(r: &Record) -> String {
    r.doc_no
        .clone()
        .or_else(|| r.cable_id.clone())
        .unwrap_or_else(|| format!("#{}", r.id))
}

fn record_page(r: &Record, f: &Findings) -> Markup {
    let title = r.subject.clone().unwrap_or_else(|| {
        format!(
            "[Untitled {}]",
            r.doc_type.clone().unwrap_or_else(|| "document".into())
        )
    });
    let release = match (&r.release_status, &r.release_date) {
        (Some(s), Some(d)) => format!("released in {s} on {d}"),
        (Some(s), None) => format!("released in {s}"),
        (None, Some(d)) => format!("reviewed {d}"),
        (None, None) => String::new(),
    };
    // Every code once, with its label, for the release line.
    let mut codes: Vec<(String, Option<String>)> = Vec::new();
    for e in &r.exemptions {
        if !codes.iter().any(|(c, _)| *c == e.code) {
            codes.push((e.code.clone(), e.label.clone()));
        }
    }
    let unplaced: Vec<&crate::query::Exemption> = r
        .exemptions
        .iter()
        .filter(|e| e.paragraph.is_none())
        .collect();
    let field = |name: &str, value: Markup| {
        html! { dt { (name) } dd { (value) } }
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let collection = crate::store::collection(&r.source_path).to_string();
    html! {
        (page(&format!("{} · {title}", label_of(r)), Section::Documents, "", html! {
            p.muted { (r.doc_type.clone().unwrap_or_else(|| "document".into())) " · "
                (label_of(r))
                @if let Some(c) = &r.classification { " · " (c) } }
            h1 { (title) }
            dl.fields {
                @if let Some(v) = &r.doc_no { (field("Document no.", html! { (v) })) }
                @if let Some(v) = &r.cable_id { (field("Cable id", html! { (v) })) }
                @if let Some(v) = &r.doc_date { (field("Date", html! { (v) })) }
                @if let Some(v) = &r.sent_at { (field("Sent", html! { (v) })) }
                @if let Some(v) = &r.precedence { (field("Precedence", html! { (v) })) }
                @if let Some(v) = &r.origin { (field("From", html! { (v) })) }
                @if !r.to.is_empty() { (field("To", html! { (r.to.join("; ")) })) }
                @if !r.info.is_empty() { (field("Info", html! { (r.info.join("; ")) })) }
                @if !r.tags.is_empty() { (field("Tags", html! {
                    @for (i, t) in r.tags.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(href("/documents", &[("tag", t)])) { (t) }
                    }
                })) }
                @if !f.references.is_empty() { (field("References", html! {
                    @for (reference, named) in &f.references {
                        div { (reference)
                            @for n in named { " → " a href={ "/documents/" (n.id) } { (n.label) } }
                        }
                    }
                })) }
                @if !r.cited_by.is_empty() { (field("Cited by", html! {
                    @for (i, c) in r.cited_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href={ "/documents/" (segment(c.trim_start_matches('#'))) } { (c) }
                    }
                })) }
                @if let Some(v) = &r.classification { (field("Classification", html! { (v) })) }
                @if let Some(v) = &r.classified_by { (field("Classified by", html! { (v) })) }
                @if let Some(v) = &r.declassify_on { (field("Declassify on", html! { (v) })) }
                @if let Some(v) = &r.case_no { (field("FOIA case", html! { (v) })) }
                @if !release.is_empty() { (field("Release", html! { (release) })) }
                @if !codes.is_empty() { (field("Exemptions", html! {
                    @for (c, l) in &codes {
                        span.code {
                            span.badge.withheld title=[l.as_deref()] { (c) }
                            @if let Some(l) = l { span.muted { (l) } }
                        }
                    }
                })) }
                @if !unplaced.is_empty() { (field("Stamped", html! {
                    @for e in &unplaced { span.badge { (e.raw.clone().unwrap_or_else(|| e.code.clone())) } }
                })) }
                @if let Some(n) = r.pages { (field("Pages", html! { (n) })) }
                (field("Source", html! {
                    (r.source_path)
                    @if let Some(p) = &r.part { " #" (p) }
                    @if !collection.is_empty() {
                        " · collection " a href=(href("/documents", &[("collection", &collection)])) { (collection) }
                    }
                }))
                (field("Record", html! { "#" (r.id) }))
            }
            @if !r.corrections.is_empty() {
                h2 { "Corrections in force" }
                table {
                    thead { tr { th { "field" } th { "what" } th { "the parser read" } th { "who" } th { "when" } th { "note" } } }
                    tbody { @for c in &r.corrections { tr {
                        td { (c.field) }
                        td { (if c.action == "unset" { "emptied" } else { "corrected" }) }
                        td { (text(&c.parsed)) }
                        td { (c.who) }
                        td { (c.at) }
                        td { (text(&c.note)) }
                    } } }
                }
            }
            @if !f.links.is_empty() {
                h2 { "Copies and re-releases" }
                table {
                    thead { tr { th { "record" } th { "link" } th { "case" } th { "released" } th { "source" } } }
                    tbody { @for l in &f.links { tr {
                        td { a href={ "/documents/" (l.other.id) } { (l.other.label) " (#" (l.other.id) ")" } }
                        td { (l.link) }
                        td { (text(&l.case_no)) }
                        td { (text(&l.release_date)) }
                        td { (l.source_path) }
                    } } }
                }
            }
            h2 { "Text" }
            @if r.paragraphs.is_empty() { p.muted { "No text: an image-only release?" } }
            @for para in &r.paragraphs {
                @let withheld: Vec<&crate::query::Exemption> = r.exemptions.iter().filter(|e| e.paragraph == Some(para.seq)).collect();
                @let class = if !withheld.is_empty() { "para withheld" } else if para.kind == "body" { "para" } else { "para aside" };
                div class=(class) id={ "p" (para.seq) } {
                    div.no {
                        @if let Some(n) = para.number { (n) "." } @else if para.kind != "body" { span.muted { (para.kind) } }
                    }
                    div.text {
                        @if let Some(h) = &para.heading { div.heading { (h) } }
                        @if let Some(m) = &para.marking { span.badge title="portion marking" { "(" (m) ")" } }
                        @if !withheld.is_empty() {
                            span.badge.withheld title="withheld under these exemptions" {
                                "withheld: "
                                @for (i, e) in withheld.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (e.code)
                                }
                            }
                        }
                        (para.text)
                    }
                }
            }
            @if !f.agencies.rows.is_empty() {
                h2 { "Agencies" }
                (table(&f.agencies, |col, row| match col {
                    "acronym" => row[0].as_ref().map(|a| href("/documents", &[("agency", a)])),
                    _ => None,
                }))
            }
            @if !f.violence.rows.is_empty() {
                h2 { "Violence figures" }
                (table(&f.violence, |_, _| None))
            }
            @if !f.requests.rows.is_empty() {
                h2 { "Assistance requests" }
                (table(&f.requests, |_, _| None))
            }
            @if !f.dates.rows.is_empty() {
                h2 { "Dates" }
                (table(&f.dates, |_, _| None))
            }
        }))
    }
}

// ---------------------------------------------------------------------------------------
// Reports

pub async fn reports() -> PageResult {
    let all: Vec<_> = report::canned()
        .into_iter()
        .filter(|r| !r.name.contains('.'))
        .collect();
    ok(page(
        "Reports",
        Section::Reports,
        "",
        html! {
            h1 { "Reports" }
            p.muted { "Each is a file of " code { "sql/" } "; " code { "cablecat report NAME" } " gives the same rows." }
            table {
                thead { tr { th { "report" } th { "what it gives" } } }
                tbody { @for r in &all { tr {
                    td { a href={ "/reports/" (segment(r.name)) } { (r.title) } }
                    td { (r.description) }
                } } }
            }
        },
    ))
}

pub async fn report(
    State(app): State<Shared>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let p = Params::parse(raw.as_deref());
    if name.contains('.') {
        return Err(WebError::NotFound(format!("no report named {name:?}")));
    }
    let canned = report::find_canned(&name).map_err(|e| WebError::NotFound(e.to_string()))?;
    let by_form = report::find_canned(&format!("{name}.by")).ok();
    let by = p.get("by").map(str::to_string);
    let sql = match (&by, &by_form) {
        (None, _) => canned.sql,
        (Some(b), Some(f)) if ["day", "month", "year"].contains(&b.as_str()) => f.sql,
        (Some(b), Some(_)) => {
            return Err(WebError::BadRequest(format!(
                "by is day, month or year, not {b:?}"
            )))
        }
        (Some(_), None) => {
            return Err(WebError::BadRequest(format!(
                "report {name:?} has no by form"
            )))
        }
    };
    // The report's own parameters, from its SQL.
    let sql2 = sql.to_string();
    let wanted = app
        .pool
        .run(move |conn| Ok(report::parameters(&report::prepare_read_only(conn, &sql2)?)))
        .await?;
    let mut params = BTreeMap::new();
    for w in &wanted {
        if let Some(v) = p.get(w) {
            params.insert(w.clone(), v.to_string());
        }
    }
    if let Some(b) = &by {
        params.insert("by".into(), b.clone());
    }
    if let Some(format) = p.format()? {
        return download(&app, sql.to_string(), params, format, &name).await;
    }
    let timeout = app.pool.timeout();
    let (sql2, params2) = (sql.to_string(), params.clone());
    let rows = app
        .pool
        .run(move |conn| read(conn, &sql2, &params2, REPORT_ROWS, timeout))
        .await?;
    let form_params: Vec<&String> = wanted.iter().filter(|w| *w != "by").collect();
    ok(page(
        &canned.title,
        Section::Reports,
        "",
        html! {
            p.muted { a href="/reports" { "Reports" } " · " code { (name) } }
            h1 { (canned.title) }
            p { (canned.description) }
            @if !form_params.is_empty() || by_form.is_some() {
                form.filters action={ "/reports/" (segment(&name)) } method="get" {
                    @for w in &form_params {
                        label { (w) input type="text" name=(w) value=(p.get(w).unwrap_or("")) size="12"; }
                    }
                    @if by_form.is_some() {
                        label { "count per"
                            select name="by" {
                                option value="" { "(list the rows)" }
                                @for o in ["day", "month", "year"] { option value=(o) selected[by.as_deref() == Some(o)] { (o) } }
                            }
                        }
                    }
                    button type="submit" { "Run" }
                }
            }
            p.muted {
                @if rows.more { "The first " (count(REPORT_ROWS as i64)) " rows; the downloads hold them all · " }
                @else { (count(rows.rows.len() as i64)) " rows · " }
                span.downloads { "download "
                    a href=(p.with(&format!("/reports/{}", segment(&name)), &[("format", Some("csv"))])) { "CSV" } " · "
                    a href=(p.with(&format!("/reports/{}", segment(&name)), &[("format", Some("json"))])) { "JSON" } }
            }
            @let doc_col = rows.column("document_id").or_else(|| rows.column("id"));
            (table(&rows, |col, row| match (col, doc_col) {
                ("doc_no" | "document" | "cable_id", Some(i)) => row[i].as_ref().map(|id| format!("/documents/{id}")),
                ("doc_no" | "document" | "cable_id", None) => row.iter().zip(&rows.columns)
                    .find(|(_, c)| *c == col).and_then(|(v, _)| v.as_ref()).map(|v| format!("/documents/{}", segment(v))),
                _ => None,
            }))
        },
    ))
}

pub async fn not_found() -> PageResult {
    Err(WebError::NotFound(
        "no such page: the catalog's pages are the holdings (/), /search, /documents, /reports and /oai".into(),
    ))
}
