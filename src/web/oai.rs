//! OAI-PMH 2.0 at `/oai`: the six verbs, `oai_dc` records with the Dublin Core of
//! `export --format dc`, sets by collection and FOIA case, `from`/`until` on the record's
//! datestamp (when it was imported, or corrected since), resumption tokens, and the
//! protocol's error codes. <http://www.openarchives.org/OAI/openarchivesprotocol.html>
//!
//! Identifiers are `oai:cablecat:{row id}`. Tokens carry the whole request and the last row
//! id sent, so they never expire and a harvest survives a restart; a record imported during
//! a harvest comes after the others, in row id order.

use std::collections::BTreeMap;

use anyhow::Result;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Shared;
use crate::query::filters::collection_of;
use crate::query::{dc_elements, load, xml_text, DC, OAI_DC};

const OAI: &str = "http://www.openarchives.org/OAI/2.0/";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const OAI_XSD: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
const OAI_DC_XSD: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const PREFIX: &str = "oai:cablecat:";
/// Records, headers or sets in one response before a resumption token.
pub const PAGE: usize = 100;

/// The datestamp of a document (`d`, its file `f`): when it was imported, or corrected
/// since, whichever is later.
const DATESTAMP: &str = "max(f.imported_at, coalesce((SELECT max(c.at) FROM corrections c
     WHERE c.source_path = d.source_path AND c.part = coalesce(d.part, '')), ''))";

pub async fn get(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    answer(app, &headers, raw.as_deref().unwrap_or("")).await
}

pub async fn post(State(app): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    answer(app, &headers, &String::from_utf8_lossy(&body)).await
}

/// A protocol error: its code and what is wrong.
#[derive(Debug)]
struct OaiError(&'static str, String);

fn err(code: &'static str, msg: impl Into<String>) -> OaiError {
    OaiError(code, msg.into())
}

/// What a list request asks for; a resumption token carries it, with where the list stands.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct ListArgs {
    #[serde(rename = "p")]
    prefix: String,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    set: Option<String>,
    /// The last row id sent.
    #[serde(rename = "a", default)]
    after: i64,
    /// How many were sent before this page.
    #[serde(rename = "c", default)]
    cursor: u64,
}

fn token_of(a: &ListArgs) -> String {
    hex::encode(serde_json::to_vec(a).unwrap_or_default())
}

fn args_of_token(t: &str) -> Option<ListArgs> {
    serde_json::from_slice(&hex::decode(t).ok()?).ok()
}

async fn answer(app: Shared, headers: &HeaderMap, query: &str) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .map(str::to_string)
        .unwrap_or_else(|| app.config.addr.to_string());
    let base = format!("http://{host}/oai");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let name = app
        .config
        .db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "catalog".into());
    let repo = Repository {
        base,
        name,
        admin: app.config.admin_email.clone(),
        page: app.config.oai_page.max(1),
    };
    let result = app
        .pool
        .run(move |conn| Ok(respond(conn, &pairs, &repo)))
        .await;
    let body = match result {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cablecat: OAI-PMH: {e:#}");
            return (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "10")],
                "the catalog could not answer; try again\n",
            )
                .into_response();
        }
    };
    ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

type W = Writer<Vec<u8>>;

fn start_el(w: &mut W, name: &str) -> Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    Ok(())
}

fn end_el(w: &mut W, name: &str) -> Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn leaf(w: &mut W, name: &str, text: &str) -> Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// What Identify says of this repository, and the size of a list's pages.
struct Repository {
    base: String,
    name: String,
    admin: String,
    page: usize,
}

/// The whole response document to a request's arguments.
fn respond(conn: &mut Connection, pairs: &[(String, String)], repo: &Repository) -> Vec<u8> {
    let base = repo.base.as_str();
    let mut args: BTreeMap<&str, &str> = BTreeMap::new();
    let mut repeated = None;
    for (k, v) in pairs {
        if args.insert(k.as_str(), v.as_str()).is_some() {
            repeated = Some(k.clone());
        }
    }
    let mut body = Writer::new_with_indent(Vec::new(), b' ', 1);
    let outcome = match (repeated, args.get("verb").copied()) {
        (Some(k), _) if k == "verb" => Err(err("badVerb", "the verb is given more than once")),
        (Some(k), _) => Err(err(
            "badArgument",
            format!("the argument {k} is given more than once"),
        )),
        (None, None) => Err(err(
            "badVerb",
            "no verb: give verb=Identify, ListRecords, ...",
        )),
        (None, Some(verb)) => verb_body(conn, verb, &args, repo, &mut body),
    };
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let _ = write_envelope(&mut w, base, &args, outcome, body.into_inner());
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn write_envelope(
    w: &mut W,
    base: &str,
    args: &BTreeMap<&str, &str>,
    outcome: Result<(), OaiError>,
    body: Vec<u8>,
) -> Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("OAI-PMH").with_attributes([
        ("xmlns", OAI),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", OAI_XSD),
    ])))?;
    leaf(
        w,
        "responseDate",
        &chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )?;
    // After badVerb or badArgument the request element holds the base URL alone.
    let plain = matches!(&outcome, Err(OaiError(c, _)) if *c == "badVerb" || *c == "badArgument");
    let mut request = BytesStart::new("request");
    if !plain {
        for (k, v) in args {
            request.push_attribute((*k, *v));
        }
    }
    w.write_event(Event::Start(request))?;
    w.write_event(Event::Text(BytesText::new(base)))?;
    w.write_event(Event::End(BytesEnd::new("request")))?;
    match outcome {
        Ok(()) => {
            // The verb's element, written beforehand with its own indentation.
            let text = String::from_utf8_lossy(&body);
            for line in text.lines() {
                w.get_mut().extend_from_slice(b"\n ");
                w.get_mut().extend_from_slice(line.as_bytes());
            }
        }
        Err(OaiError(code, msg)) => {
            w.create_element("error")
                .with_attribute(("code", code))
                .write_text_content(BytesText::new(&msg))?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("OAI-PMH")))?;
    Ok(())
}

/// Only these arguments (besides verb), and these required.
fn allow(args: &BTreeMap<&str, &str>, allowed: &[&str], required: &[&str]) -> Result<(), OaiError> {
    for k in args.keys() {
        if *k != "verb" && !allowed.contains(k) {
            return Err(err(
                "badArgument",
                format!("this verb takes no argument {k}"),
            ));
        }
    }
    for r in required {
        if !args.contains_key(r) {
            return Err(err("badArgument", format!("the argument {r} is missing")));
        }
    }
    Ok(())
}

fn verb_body(
    conn: &mut Connection,
    verb: &str,
    args: &BTreeMap<&str, &str>,
    repo: &Repository,
    w: &mut W,
) -> Result<(), OaiError> {
    let internal = |e: anyhow::Error| {
        eprintln!("cablecat: OAI-PMH {verb}: {e:#}");
        err("badArgument", "the catalog could not answer this request")
    };
    match verb {
        "Identify" => {
            allow(args, &[], &[])?;
            identify(conn, &repo.base, &repo.name, &repo.admin, w).map_err(internal)
        }
        "ListMetadataFormats" => {
            allow(args, &["identifier"], &[])?;
            if let Some(id) = args.get("identifier") {
                record_id(conn, id)?;
            }
            metadata_formats(w).map_err(internal)
        }
        "ListSets" => {
            allow(args, &["resumptionToken"], &[])?;
            list_sets(conn, args.get("resumptionToken").copied(), repo.page, w)
        }
        "GetRecord" => {
            allow(
                args,
                &["identifier", "metadataPrefix"],
                &["identifier", "metadataPrefix"],
            )?;
            check_prefix(args["metadataPrefix"])?;
            let id = record_id(conn, args["identifier"])?;
            start_el(w, "GetRecord").map_err(internal)?;
            write_record(conn, id, true, w).map_err(internal)?;
            end_el(w, "GetRecord").map_err(internal)
        }
        "ListIdentifiers" | "ListRecords" => {
            let list = if let Some(t) = args.get("resumptionToken") {
                if args.len() > 2 {
                    return Err(err(
                        "badArgument",
                        "resumptionToken is an exclusive argument: give it alone with the verb",
                    ));
                }
                args_of_token(t).ok_or_else(|| {
                    err(
                        "badResumptionToken",
                        "this resumption token was not made here, or is damaged",
                    )
                })?
            } else {
                allow(
                    args,
                    &["metadataPrefix", "from", "until", "set"],
                    &["metadataPrefix"],
                )?;
                let from = args.get("from").map(|s| s.to_string());
                let until = args.get("until").map(|s| s.to_string());
                check_dates(from.as_deref(), until.as_deref())?;
                ListArgs {
                    prefix: args["metadataPrefix"].to_string(),
                    from,
                    until,
                    set: args.get("set").map(|s| s.to_string()),
                    after: 0,
                    cursor: 0,
                }
            };
            check_prefix(&list.prefix)?;
            list_records(conn, verb == "ListRecords", &list, repo.page, w)
        }
        other => Err(err("badVerb", format!("{other:?} is not an OAI-PMH verb"))),
    }
}

fn check_prefix(p: &str) -> Result<(), OaiError> {
    if p == "oai_dc" {
        Ok(())
    } else {
        Err(err(
            "cannotDisseminateFormat",
            format!("records are given as oai_dc only, not {p:?}"),
        ))
    }
}

/// A datestamp bound as the catalog compares it, or badArgument.
fn check_dates(from: Option<&str>, until: Option<&str>) -> Result<(), OaiError> {
    let granularity = |name: &str, v: &str| -> Result<u8, OaiError> {
        if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok() && v.len() == 10 {
            Ok(1)
        } else if v.len() == 20
            && chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%SZ").is_ok()
        {
            Ok(2)
        } else {
            Err(err(
                "badArgument",
                format!(
                    "{name} is a date (2026-11-01) or a UTC time (2026-11-01T09:30:00Z), not {v:?}"
                ),
            ))
        }
    };
    let f = from.map(|v| granularity("from", v)).transpose()?;
    let u = until.map(|v| granularity("until", v)).transpose()?;
    if let (Some(fg), Some(ug), Some(fv), Some(uv)) = (f, u, from, until) {
        if fg != ug {
            return Err(err(
                "badArgument",
                "from and until must have the same granularity",
            ));
        }
        if fv > uv {
            return Err(err("badArgument", "from is later than until"));
        }
    }
    Ok(())
}

fn lower_bound(from: &str) -> String {
    if from.len() == 10 {
        format!("{from}T00:00:00Z")
    } else {
        from.to_string()
    }
}

fn upper_bound(until: &str) -> String {
    if until.len() == 10 {
        format!("{until}T23:59:59Z")
    } else {
        until.to_string()
    }
}

/// The row id an identifier names, or idDoesNotExist.
fn record_id(conn: &Connection, identifier: &str) -> Result<i64, OaiError> {
    let missing = || err("idDoesNotExist", format!("no record {identifier:?} here"));
    let id: i64 = identifier
        .strip_prefix(PREFIX)
        .and_then(|n| n.parse().ok())
        .ok_or_else(missing)?;
    let exists: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM documents WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(|_| missing())?;
    if exists {
        Ok(id)
    } else {
        Err(missing())
    }
}

fn identify(conn: &Connection, base: &str, name: &str, admin: &str, w: &mut W) -> Result<()> {
    let earliest: Option<String> =
        conn.query_row("SELECT min(imported_at) FROM files", [], |r| r.get(0))?;
    start_el(w, "Identify")?;
    leaf(w, "repositoryName", &format!("cablecat: {name}"))?;
    leaf(w, "baseURL", base)?;
    leaf(w, "protocolVersion", "2.0")?;
    leaf(w, "adminEmail", admin)?;
    leaf(
        w,
        "earliestDatestamp",
        &earliest.unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    )?;
    leaf(w, "deletedRecord", "no")?;
    leaf(w, "granularity", "YYYY-MM-DDThh:mm:ssZ")?;
    end_el(w, "Identify")
}

fn metadata_formats(w: &mut W) -> Result<()> {
    start_el(w, "ListMetadataFormats")?;
    start_el(w, "metadataFormat")?;
    leaf(w, "metadataPrefix", "oai_dc")?;
    leaf(w, "schema", OAI_DC_XSD)?;
    leaf(w, "metadataNamespace", OAI_DC)?;
    end_el(w, "metadataFormat")?;
    end_el(w, "ListMetadataFormats")
}

/// A set's spec: `collection:NAME` or `case:NUMBER`, with each character a setSpec cannot
/// hold written `~XX` (its UTF-8 bytes in hex).
pub fn set_spec(kind: &str, value: &str) -> String {
    let mut out = format!("{kind}:");
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("~{b:02X}"));
        }
    }
    out
}

fn unspec(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'~' {
            let h = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Where a list of sets stands: the last spec sent, and how many were sent.
#[derive(Debug, Serialize, Deserialize)]
struct SetsToken {
    after: String,
    cursor: u64,
}

/// Every set: the two parents, then each collection and each case, as (spec, name).
fn all_sets(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut sets = vec![(
        "collection".to_string(),
        "Collections: the folders the releases were imported from".to_string(),
    )];
    let mut stmt = conn.prepare(&format!(
        "SELECT {} AS c, count(*) FROM documents d INDEXED BY documents_fields
         GROUP BY c HAVING c <> '' ORDER BY c",
        collection_of("d.source_path")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (c, n): (String, i64) = (r.get(0)?, r.get(1)?);
        sets.push((
            set_spec("collection", &c),
            format!("Collection {c} ({n} documents)"),
        ));
    }
    sets.push((
        "case".to_string(),
        "FOIA cases: the requests the documents were released under".to_string(),
    ));
    let mut stmt = conn.prepare(
        "SELECT case_no, count(*) FROM documents WHERE case_no IS NOT NULL
         GROUP BY case_no ORDER BY case_no",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (c, n): (String, i64) = (r.get(0)?, r.get(1)?);
        sets.push((
            set_spec("case", &c),
            format!("FOIA case {c} ({n} documents)"),
        ));
    }
    Ok(sets)
}

fn list_sets(
    conn: &Connection,
    token: Option<&str>,
    page: usize,
    w: &mut W,
) -> Result<(), OaiError> {
    let internal = |e: anyhow::Error| {
        eprintln!("cablecat: OAI-PMH ListSets: {e:#}");
        err("badArgument", "the catalog could not answer this request")
    };
    let bad_token = || {
        err(
            "badResumptionToken",
            "this resumption token was not made here, or is damaged",
        )
    };
    let sets = all_sets(conn).map_err(internal)?;
    let (start, cursor) = match token {
        None => (0, 0),
        Some(t) => {
            let t: SetsToken = hex::decode(t)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .ok_or_else(bad_token)?;
            let at = sets
                .iter()
                .position(|(s, _)| *s == t.after)
                .ok_or_else(bad_token)?;
            (at + 1, t.cursor)
        }
    };
    let end = (start + page).min(sets.len());
    (|| -> Result<()> {
        start_el(w, "ListSets")?;
        for (spec, name) in &sets[start..end] {
            start_el(w, "set")?;
            leaf(w, "setSpec", spec)?;
            leaf(w, "setName", name)?;
            end_el(w, "set")?;
        }
        if start > 0 || end < sets.len() {
            let mut t = BytesStart::new("resumptionToken");
            let size = sets.len().to_string();
            let cur = cursor.to_string();
            t.push_attribute(("completeListSize", size.as_str()));
            t.push_attribute(("cursor", cur.as_str()));
            if end < sets.len() {
                let next = SetsToken {
                    after: sets[end - 1].0.clone(),
                    cursor: cursor + (end - start) as u64,
                };
                w.write_event(Event::Start(t))?;
                w.write_event(Event::Text(BytesText::new(&hex::encode(
                    serde_json::to_vec(&next)?,
                ))))?;
                w.write_event(Event::End(BytesEnd::new("resumptionToken")))?;
            } else {
                w.write_event(Event::Empty(t))?;
            }
        }
        end_el(w, "ListSets")
    })()
    .map_err(internal)
}

/// The condition a set puts on documents `d`, with its parameter; None for a set that is
/// not one of ours (no record is in it).
fn set_condition(set: &str) -> Option<(String, Option<String>)> {
    match set.split_once(':') {
        None if set == "collection" => Some(("1".into(), None)),
        None if set == "case" => Some(("d.case_no IS NOT NULL".into(), None)),
        Some(("collection", v)) => Some((
            format!("{} = :set", collection_of("d.source_path")),
            Some(unspec(v)?),
        )),
        Some(("case", v)) => Some(("d.case_no = :set".into(), Some(unspec(v)?))),
        _ => None,
    }
}

fn list_records(
    conn: &mut Connection,
    records: bool,
    a: &ListArgs,
    page: usize,
    w: &mut W,
) -> Result<(), OaiError> {
    let internal = |e: anyhow::Error| {
        eprintln!("cablecat: OAI-PMH list: {e:#}");
        err("badArgument", "the catalog could not answer this request")
    };
    let mut conds = vec![];
    let mut params: Vec<(&str, String)> = vec![];
    if let Some(set) = &a.set {
        let (cond, value) = set_condition(set)
            .ok_or_else(|| err("noRecordsMatch", format!("there is no set {set:?}")))?;
        conds.push(cond);
        if let Some(v) = value {
            params.push((":set", v));
        }
    }
    if let Some(f) = &a.from {
        conds.push(format!("{DATESTAMP} >= :from"));
        params.push((":from", lower_bound(f)));
    }
    if let Some(u) = &a.until {
        conds.push(format!("{DATESTAMP} <= :until"));
        params.push((":until", upper_bound(u)));
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" AND {}", conds.join(" AND "))
    };
    let run = |conn: &Connection, sql: &str, extra: &[(&str, String)]| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare(sql)?;
        for (k, v) in params.iter().chain(extra) {
            if let Some(i) = stmt.parameter_index(k)? {
                stmt.raw_bind_parameter(i, v.as_str())?;
            }
        }
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(r.get(0)?);
        }
        Ok(out)
    };
    let base = format!("FROM documents d JOIN files f ON f.id = d.file_id WHERE 1{filter}");
    let ids = run(
        conn,
        &format!(
            "SELECT d.id {base} AND d.id > :after ORDER BY d.id LIMIT {}",
            page + 1
        ),
        &[(":after", a.after.to_string())],
    )
    .map_err(internal)?;
    if ids.is_empty() && a.cursor == 0 {
        return Err(err("noRecordsMatch", "no record matches these arguments"));
    }
    let total = if a.cursor == 0 && ids.len() <= page {
        ids.len() as u64
    } else {
        run(conn, &format!("SELECT count(*) {base}"), &[])
            .map_err(internal)?
            .first()
            .copied()
            .unwrap_or(0) as u64
    };
    let verb = if records {
        "ListRecords"
    } else {
        "ListIdentifiers"
    };
    (|| -> Result<()> {
        start_el(w, verb)?;
        for id in ids.iter().take(page) {
            write_record(conn, *id, records, w)?;
        }
        if ids.len() > page || a.cursor > 0 {
            let mut t = BytesStart::new("resumptionToken");
            let size = total.to_string();
            let cursor = a.cursor.to_string();
            t.push_attribute(("completeListSize", size.as_str()));
            t.push_attribute(("cursor", cursor.as_str()));
            if ids.len() > page {
                let next = ListArgs {
                    after: ids[page - 1],
                    cursor: a.cursor + page as u64,
                    ..a.clone()
                };
                w.write_event(Event::Start(t))?;
                w.write_event(Event::Text(BytesText::new(&token_of(&next))))?;
                w.write_event(Event::End(BytesEnd::new("resumptionToken")))?;
            } else {
                // The last page of a list: an empty token says it is complete.
                w.write_event(Event::Empty(t))?;
            }
        }
        end_el(w, verb)
    })()
    .map_err(internal)
}

fn write_record(conn: &Connection, id: i64, with_metadata: bool, w: &mut W) -> Result<()> {
    let (stamp, case_no, collection): (String, Option<String>, String) = conn.query_row(
        &format!(
            "SELECT {DATESTAMP}, d.case_no, {} FROM documents d JOIN files f ON f.id = d.file_id
             WHERE d.id = ?1",
            collection_of("d.source_path")
        ),
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if with_metadata {
        start_el(w, "record")?;
    }
    start_el(w, "header")?;
    leaf(w, "identifier", &format!("{PREFIX}{id}"))?;
    leaf(w, "datestamp", &stamp)?;
    if !collection.is_empty() {
        leaf(w, "setSpec", &set_spec("collection", &collection))?;
    }
    if let Some(c) = &case_no {
        leaf(w, "setSpec", &set_spec("case", c))?;
    }
    end_el(w, "header")?;
    if with_metadata {
        let rec = load(conn, id)?;
        start_el(w, "metadata")?;
        w.write_event(Event::Start(BytesStart::new("oai_dc:dc").with_attributes(
            [
                ("xmlns:oai_dc", OAI_DC),
                ("xmlns:dc", DC),
                ("xmlns:xsi", XSI),
                ("xsi:schemaLocation", &*format!("{OAI_DC} {OAI_DC_XSD}")),
            ],
        )))?;
        for (name, value) in dc_elements(&rec) {
            leaf(w, name, &value)?;
        }
        end_el(w, "oai_dc:dc")?;
        end_el(w, "metadata")?;
        end_el(w, "record")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_specs_hold_only_the_characters_the_protocol_allows() {
        assert_eq!(set_spec("case", "F-2014-20439"), "case:F-2014-20439");
        assert_eq!(
            set_spec("collection", "my files/ä"),
            "collection:my~20files~2F~C3~A4"
        );
        assert_eq!(unspec("my~20files~2F~C3~A4").as_deref(), Some("my files/ä"));
        assert_eq!(unspec("bad~2"), None);
    }

    #[test]
    fn tokens_carry_the_request() {
        let a = ListArgs {
            prefix: "oai_dc".into(),
            from: Some("2026-01-01".into()),
            until: None,
            set: Some("case:F-1".into()),
            after: 1234,
            cursor: 200,
        };
        assert_eq!(args_of_token(&token_of(&a)), Some(a));
        assert_eq!(args_of_token("zz"), None);
    }

    #[test]
    fn dates_must_share_a_granularity_and_an_order() {
        assert!(check_dates(Some("2026-01-01"), Some("2026-02-01")).is_ok());
        assert!(check_dates(Some("2026-01-01T00:00:00Z"), None).is_ok());
        for (f, u) in [
            (Some("2026-01-01"), Some("2026-02-01T00:00:00Z")),
            (Some("2026-02-01"), Some("2026-01-01")),
            (Some("01/02/2026"), None),
            (None, Some("2026-13-01")),
        ] {
            let e = check_dates(f, u).unwrap_err();
            assert_eq!(e.0, "badArgument", "{f:?} {u:?}");
        }
    }
}
