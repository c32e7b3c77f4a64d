//! `cablecat serve` against the sample holdings and a release whose text holds markup
//! (tests/fixtures/web_markup_in_release_text.txt): each page's content, downloads that are
//! the command line's rows, escaping, traversal refused, 404s, many requests at once, a
//! catalog read while an import writes, and OAI-PMH responses that follow the protocol.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use cablecat::web::Config;
use quick_xml::events::Event;

const MARKUP: &str = "tests/fixtures/web_markup_in_release_text.txt";
/// Small pages, so the sample holdings page several times.
const OAI_PAGE: usize = 10;

struct Served {
    _dir: tempfile::TempDir,
    db: PathBuf,
    addr: SocketAddr,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run the real binary on `db` (from the checkout, so paths are relative as in the CLI).
fn cablecat_on(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cablecat {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Serve `db` in this process on a free port.
fn start(db: &Path) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    let config = Config {
        quiet: true,
        oai_page: OAI_PAGE,
        ..Config::new(db.to_path_buf(), "127.0.0.1:0".parse().unwrap())
    };
    std::thread::spawn(move || {
        cablecat::web::serve(config, move |addr| tx.send(addr).unwrap()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the server listens")
}

/// The sample holdings and the markup release, imported once and served for every test.
fn served() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("catalog.db");
        cablecat_on(&db, &["import", "--quiet", "data/cables", MARKUP]);
        let addr = start(&db);
        Served {
            _dir: dir,
            db,
            addr,
        }
    })
}

fn cablecat(args: &[&str]) -> String {
    cablecat_on(&served().db, args)
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// One HTTP/1.0 exchange, the request written as given (paths are sent as they are).
fn exchange(addr: SocketAddr, request: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn get_on(addr: SocketAddr, path: &str) -> Reply {
    exchange(
        addr,
        &format!(
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            addr.port()
        ),
    )
}

fn get(path: &str) -> Reply {
    get_on(served().addr, path)
}

/// A page that must answer 200.
fn page(path: &str) -> String {
    let r = get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn count(sql: &str) -> usize {
    count_on(&served().db, sql)
}

#[test]
fn holdings_page_counts_the_documents_by_type_status_collection_and_year() {
    let body = page("/");
    let n = count("SELECT count(*) FROM documents");
    assert!(
        body.contains(&format!("The holdings: {n} documents")),
        "{body}"
    );
    for link in [
        "/documents?type=cable",
        "/documents?released=part",
        "/documents?collection=clinton",
        "/documents?from=2010&amp;to=2010",
    ] {
        assert!(body.contains(link), "{link}");
    }
    // A collection link lists what `list --collection` lists.
    let clinton = csv_rows(&cablecat(&[
        "list",
        "--collection",
        "clinton",
        "--format",
        "csv",
    ]));
    assert!(!clinton.is_empty());
    let listed = page("/documents?collection=clinton&limit=500");
    assert!(
        listed.contains(&format!(" of {} ", clinton.len())),
        "{listed}"
    );
}

/// The `/documents/{id}#p{seq}` links of a search page, in order.
fn hit_links(body: &str) -> Vec<String> {
    body.split("<a href=\"/documents/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.contains("#p"))
        .map(str::to_string)
        .collect()
}

#[test]
fn search_page_shows_the_hits_of_search_best_first_with_facets_that_narrow() {
    let cli = csv_rows(&cablecat(&["search", "cartels", "--format", "csv"]));
    assert!(!cli.is_empty());
    let want: Vec<String> = cli
        .iter()
        .map(|r| format!("{}#p{}", &r[7], &r[8]))
        .collect();
    let body = page("/search?q=cartels");
    assert_eq!(hit_links(&body), want);
    assert!(
        body.to_lowercase().contains("<mark>cartels</mark>"),
        "{body}"
    );
    assert!(body.contains(&format!(" of {}, best first", cli.len())));
    // Facets: a type with its count, and clicking it narrows to what --type gives.
    let cables = csv_rows(&cablecat(&[
        "search", "cartels", "--type", "cable", "--format", "csv",
    ]));
    assert!(body.contains("/search?q=cartels&amp;type=cable"), "{body}");
    let narrowed = page("/search?q=cartels&type=cable");
    let want: Vec<String> = cables
        .iter()
        .map(|r| format!("{}#p{}", &r[7], &r[8]))
        .collect();
    assert_eq!(hit_links(&narrowed), want);
    assert!(narrowed.contains(&format!(" of {}, best first", cables.len())));
    assert!(
        narrowed.contains("type: cable ×"),
        "the filter in force is shown"
    );
    for facet in ["Tag", "Exemption", "Agency", "Year", "Collection"] {
        assert!(body.contains(&format!("<h3>{facet}</h3>")), "{facet}");
    }
}

/// Every hit, page by page, in the order of `search`, and the number of hits the pages
/// give is the CLI's, with a filter and without (the pages rank in parts at once).
#[test]
fn search_pages_page_through_every_hit() {
    for (filter, args) in [("", vec![]), ("&type=email", vec!["--type", "email"])] {
        let mut cli = vec!["search", "the", "--limit", "100000", "--format", "csv"];
        cli.extend(args);
        let all = csv_rows(&cablecat(&cli));
        assert!(all.len() > 12, "enough hits to page");
        let mut seen = Vec::new();
        for n in 1.. {
            let body = page(&format!("/search?q=the{filter}&limit=5&page={n}"));
            let links = hit_links(&body);
            if links.is_empty() {
                break;
            }
            assert!(
                body.contains(&format!(" of {}, best first", grouped(all.len()))),
                "{filter} page {n}"
            );
            seen.extend(links);
            assert!(n < 1000);
        }
        let want: Vec<String> = all
            .iter()
            .map(|r| format!("{}#p{}", &r[7], &r[8]))
            .collect();
        assert_eq!(seen, want, "{filter}");
    }
}

/// A number as the pages write it: 1,234.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn a_search_that_cannot_be_read_gets_the_plain_message_of_the_cli() {
    for (q, says) in [
        ("%22cartels", "opens a quote it does not close"),
        ("cartels%20AND", "AND needs a word or phrase on each side"),
        ("(violence", "parenthesis"),
    ] {
        let r = get(&format!("/search?q={q}"));
        assert_eq!(r.status, 400, "{q}");
        assert!(r.body.contains(says), "{q}: {}", r.body);
        assert!(!r.body.contains("fts5") && !r.body.contains("SQL"), "{q}");
    }
    let r = get("/search?q=cartels&from=Nov%201996");
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("from takes a date written 1996"),
        "{}",
        r.body
    );
}

#[test]
fn downloads_are_exactly_the_rows_the_command_line_gives() {
    let names: Vec<String> = csv_rows(&cablecat(&["reports", "--format", "csv"]))
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        for format in ["csv", "json"] {
            let r = get(&format!("/reports/{name}?format={format}"));
            assert_eq!(r.status, 200, "{name}");
            let cli = cablecat(&["report", name, "--format", format]);
            assert_eq!(r.body, cli, "{name} as {format}");
            assert!(r.headers.contains("content-disposition: attachment"));
        }
    }
    for (path, args) in [
        (
            "/reports/documents-by-year?from=2009&to=2012&format=csv",
            vec![
                "report",
                "documents-by-year",
                "--from",
                "2009",
                "--to",
                "2012",
            ],
        ),
        (
            "/reports/assistance-requests?by=month&format=csv",
            vec!["report", "assistance-requests", "--by", "month"],
        ),
        (
            "/reports/holdings?case=F-2014-20439&format=csv",
            vec!["report", "holdings", "-p", "case=F-2014-20439"],
        ),
        (
            "/search?q=cartels&format=csv",
            vec!["search", "cartels", "--limit", "1000"],
        ),
        (
            "/search?q=embassy&type=cable&limit=7&format=csv",
            vec!["search", "embassy", "--type", "cable", "--limit", "7"],
        ),
        (
            "/documents?type=cable&sort=doc-no&desc=1&format=csv",
            vec![
                "list", "--type", "cable", "--sort", "doc-no", "--desc", "--limit", "1000",
            ],
        ),
    ] {
        let mut args = args;
        args.extend(["--format", "csv"]);
        let r = get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.headers.contains("content-type: text/csv"), "{path}");
        assert_eq!(r.body, cablecat(&args), "{path}");
    }
    let r = get("/documents?format=json");
    let cli = cablecat(&["list", "--limit", "1000", "--format", "json"]);
    assert_eq!(r.body, cli);
    assert!(r.headers.contains("content-type: application/json"));
}

#[test]
fn report_pages_show_each_report_with_a_form_for_its_parameters() {
    let body = page("/reports");
    for name in [
        "holdings",
        "violence-statistics",
        "assistance-requests",
        "documents-by-year",
    ] {
        assert!(
            body.contains(&format!("href=\"/reports/{name}\"")),
            "{name}"
        );
    }
    let body = page("/reports/documents-by-year?from=2009&to=2012");
    assert!(body.contains("name=\"from\" value=\"2009\""), "{body}");
    let rows = csv_rows(&cablecat(&[
        "report",
        "documents-by-year",
        "--from",
        "2009",
        "--to",
        "2012",
        "--format",
        "csv",
    ]));
    assert!(body.contains(&format!("{} rows", rows.len())), "{body}");
    let body = page("/reports/assistance-requests");
    assert!(
        body.contains("name=\"by\""),
        "a report with a --by form offers it"
    );
    let r = get("/reports/assistance-requests?by=fortnight");
    assert_eq!(r.status, 400);
}

#[test]
fn documents_page_lists_with_the_filters_and_sorting_of_list_paged() {
    let cli = csv_rows(&cablecat(&[
        "list", "--type", "cable", "--sort", "doc-no", "--format", "csv",
    ]));
    let body = page("/documents?type=cable&sort=doc-no");
    let ids: Vec<&str> = body
        .split("<td class=\"num\"><a href=\"/documents/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let want: Vec<&str> = cli.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, want);
    let n = count("SELECT count(*) FROM documents");
    let body = page("/documents?limit=10&page=2");
    assert!(body.contains(&format!("Documents 11–20 of {n}")), "{body}");
    let r = get("/documents?sort=colour");
    assert_eq!(r.status, 400);
    let r = get("/documents?released=maybe");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("released is one of full, part, denied"));
}

#[test]
fn document_page_holds_the_whole_record_of_show() {
    let rec: serde_json::Value =
        serde_json::from_str(&cablecat(&["show", "C05288068", "--format", "json"])).unwrap();
    let body = page("/documents/C05288068");
    assert!(body.contains(rec["subject"].as_str().unwrap()));
    assert!(body.contains(rec["case_no"].as_str().unwrap()));
    for t in rec["tags"].as_array().unwrap() {
        assert!(body.contains(&format!("/documents?tag={}", t.as_str().unwrap())));
    }
    let paragraphs = rec["paragraphs"].as_array().unwrap();
    for p in paragraphs {
        assert!(body.contains(&format!("id=\"p{}\"", p["seq"])), "{p}");
    }
    // Every exemption code beside the paragraph it stands in.
    for e in rec["exemptions"].as_array().unwrap() {
        if let Some(seq) = e["paragraph"].as_i64() {
            let at = body.find(&format!("id=\"p{seq}\"")).unwrap();
            let para = &body[at..at + body[at..].find("</div></div>").unwrap()];
            assert!(para.contains("withheld: "), "{para}");
            assert!(para.contains(e["code"].as_str().unwrap()), "{para}");
        }
    }
    for p in paragraphs.iter().filter(|p| !p["marking"].is_null()) {
        assert!(body.contains(&format!("({})</span>", p["marking"].as_str().unwrap())));
    }
    // By cable id and by row id, the same record; a document not in the catalog is a 404.
    let id = rec["id"].as_i64().unwrap();
    assert_eq!(page(&format!("/documents/{id}")), body);
    let r = get("/documents/C00000000");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("no document"));
}

#[test]
fn document_page_shows_facts_corrections_copies_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("catalog.db");
    // The seed cable twice (a copy), and a correction of its subject.
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(
        root().join("data/cables/nsarchive/C05288068.txt"),
        copy.join("C05288068-copy.txt"),
    )
    .unwrap();
    cablecat_on(
        &db,
        &[
            "import",
            "--quiet",
            "data/cables/nsarchive",
            copy.to_str().unwrap(),
        ],
    );
    cablecat_on(
        &db,
        &[
            "set",
            "1",
            "subject",
            "Tijuana & <Bilateral> Assessment",
            "--by",
            "J. Smith",
            "--note",
            "cover sheet",
        ],
    );
    let addr = start(&db);
    let r = get_on(addr, "/documents/1");
    assert_eq!(r.status, 200);
    let body = r.body;
    assert!(body.contains("Tijuana &amp; &lt;Bilateral&gt; Assessment"));
    assert!(
        body.contains("Corrections in force")
            && body.contains("J. Smith")
            && body.contains("cover sheet")
    );
    assert!(body.contains("Copies and re-releases") && body.contains("href=\"/documents/2\""));
    let violence = count_on(
        &db,
        "SELECT count(*) FROM violence_figures WHERE document_id = 1",
    );
    assert_eq!(body.contains("Violence figures"), violence > 0);
    let requests = count_on(
        &db,
        "SELECT count(*) FROM assistance_requests WHERE document_id = 1",
    );
    assert_eq!(body.contains("Assistance requests"), requests > 0);
    assert!(body.contains("<h2>Agencies</h2>") && body.contains("<h2>Dates</h2>"));
    // Two records answer to the number: the page lists both.
    let r = get_on(addr, "/documents/C05288068");
    assert!(
        r.body.contains("2 documents answer to C05288068"),
        "{}",
        r.body
    );
}

fn count_on(db: &Path, sql: &str) -> usize {
    cablecat_on(db, &["sql", sql, "--format", "csv"])
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn markup_in_release_text_is_escaped_on_every_page() {
    let body = page("/documents/C09999999");
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("<img"), "{body}");
    assert!(!body.contains("<b>Tijuana"), "{body}");
    assert!(
        body.contains("&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;"),
        "{body}"
    );
    assert!(body.contains("AT&amp;T, R&amp;D and 5 &lt; 7 &gt; 3"));
    assert!(body.contains("&amp;amp; is not an entity here"));
    for path in [
        "/search?q=Zapotec",
        "/search?q=onerror",
        "/search?q=script",
        "/documents?type=email",
        "/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/search?q=%3Cscript%3E",
        "/reports/holdings",
    ] {
        let r = get(path);
        assert!(!r.body.contains("<script"), "{path}: {}", r.body);
        assert!(!r.body.contains("<img"), "{path}");
    }
    let search = page("/search?q=onerror");
    assert!(
        search.contains("&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"),
        "{search}"
    );
    assert!(page("/search?q=script").contains("&lt;<mark>script</mark>&gt;"));
    let r = get("/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn files_of_the_disk_are_never_served_and_parent_folders_are_refused() {
    for path in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/documents/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/documents/..%2f..%2fCargo.toml",
        "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/documents/%252e%252e%252fCargo.toml",
        "/reports/..%5c..%5cCargo.toml",
        "/..\\..\\Cargo.toml",
        "/.%2e/Cargo.toml",
    ] {
        let r = get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.body.contains("parent folder"), "{path}");
    }
    for path in [
        "/Cargo.toml",
        "/src/main.rs",
        "/tests/fixtures/gold.jsonl",
        "/etc/passwd",
        "//etc/passwd",
        "/data/cables/nsarchive/C05288068.txt",
        "/reports/..holdings",
        "/documents/C05288068/../../Cargo.toml.",
    ] {
        let r = get(path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(
            !r.body.contains("[package]") && !r.body.contains("root:x:0"),
            "{path}"
        );
    }
}

#[test]
fn only_the_routes_of_the_application_answer() {
    for path in [
        "/nothing",
        "/documents/NOPE999",
        "/reports/no-such-report",
        "/reports/assistance-requests.by",
        "/oai/extra",
        "/favicon.ico",
    ] {
        let r = get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.headers.contains("text/html"), "{path}");
    }
    let r = exchange(
        served().addr,
        "POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(r.status, 405);
    let r = exchange(served().addr, "DELETE /documents/1 HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 405);
}

#[test]
fn many_requests_at_once_are_all_served() {
    let addr = served().addr;
    let n = count("SELECT count(*) FROM documents");
    let threads: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let (path, want) = match i % 4 {
                    0 => ("/".to_string(), format!("The holdings: {n} documents")),
                    1 => ("/search?q=cartels".to_string(), "<mark>".to_string()),
                    2 => ("/documents/C05288068".to_string(), "Tijuana".to_string()),
                    _ => (
                        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc".to_string(),
                        "resumptionToken".to_string(),
                    ),
                };
                let r = get_on(addr, &path);
                assert_eq!(r.status, 200, "{path}");
                assert!(r.body.contains(&want), "{path}");
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn pages_see_what_an_import_commits_and_serving_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("catalog.db");
    cablecat_on(&db, &["import", "--quiet", "data/cables/nsarchive"]);
    let addr = start(&db);
    assert!(get_on(addr, "/").body.contains("The holdings: 1 documents"));
    let before = std::fs::read(&db).unwrap();
    for path in [
        "/",
        "/search?q=cartels",
        "/documents/1",
        "/reports/holdings",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    ] {
        assert_eq!(get_on(addr, path).status, 200, "{path}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "serving changed the catalog"
    );
    cablecat_on(&db, &["import", "--quiet", "data/cables/talbott"]);
    let n = count_on(&db, "SELECT count(*) FROM documents");
    assert!(n > 1);
    assert!(get_on(addr, "/")
        .body
        .contains(&format!("The holdings: {n} documents")));
}

#[test]
fn serve_prints_its_address_logs_each_request_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .arg("--db")
        .arg(&served().db)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("serving ") && line.contains("at http://127.0.0.1:"),
        "{line}"
    );
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(get_on(addr, "/documents/C05288068").status, 200);
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    err.read_line(&mut log).unwrap();
    assert!(log.contains(" GET /documents/C05288068 200 "), "{log}");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?} {rest}");
    assert!(rest.contains("stopped"), "{rest}");
}

#[test]
fn serve_refuses_a_catalog_that_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cablecat"))
        .arg("--db")
        .arg(dir.path().join("missing.db"))
        .args(["serve", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no catalog at"));
    assert!(
        !dir.path().join("missing.db").exists(),
        "serve created a catalog"
    );
}

// ---------------------------------------------------------------------------------------
// OAI-PMH

/// An XML element, read back with quick-xml (which also checks it is well-formed).
#[derive(Debug, Default, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_xml(xml: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.unescape_value().unwrap().into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let el = open(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let ch = match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.remove(0)
}

/// An OAI-PMH response, checked for what every response must hold.
fn oai(query: &str) -> Element {
    let r = get(&format!("/oai?{query}"));
    assert_eq!(r.status, 200, "{query}");
    assert!(r.headers.contains("content-type: text/xml"), "{query}");
    let root = parse_xml(&r.body);
    assert_eq!(root.name, "OAI-PMH");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://www.openarchives.org/OAI/2.0/")
    );
    assert!(root
        .attr("xsi:schemaLocation")
        .unwrap()
        .ends_with("http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"));
    let date = &root.child("responseDate").unwrap().text;
    assert!(
        chrono::NaiveDateTime::parse_from_str(date, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
        "{date}"
    );
    let request = root.child("request").unwrap();
    assert_eq!(
        request.text,
        format!("http://127.0.0.1:{}/oai", served().addr.port())
    );
    root
}

fn oai_error(query: &str) -> (String, Element) {
    let root = oai(query);
    let e = root
        .child("error")
        .unwrap_or_else(|| panic!("{query}: no error in {root:?}"));
    (e.attr("code").unwrap().to_string(), root)
}

fn datestamp_ok(s: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").is_ok()
}

#[test]
fn oai_identify_formats_sets_and_records() {
    let root = oai("verb=Identify");
    let id = root.child("Identify").unwrap();
    for (k, v) in [
        ("protocolVersion", "2.0"),
        ("deletedRecord", "no"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ] {
        assert_eq!(id.child(k).unwrap().text, v, "{k}");
    }
    assert!(datestamp_ok(&id.child("earliestDatestamp").unwrap().text));
    assert!(id.child("adminEmail").unwrap().text.contains('@'));
    assert_eq!(
        root.child("request").unwrap().attr("verb"),
        Some("Identify")
    );

    let root = oai("verb=ListMetadataFormats");
    let f = root
        .child("ListMetadataFormats")
        .unwrap()
        .child("metadataFormat")
        .unwrap();
    assert_eq!(f.child("metadataPrefix").unwrap().text, "oai_dc");
    assert_eq!(
        f.child("metadataNamespace").unwrap().text,
        "http://www.openarchives.org/OAI/2.0/oai_dc/"
    );
    oai("verb=ListMetadataFormats&identifier=oai:cablecat:1")
        .child("ListMetadataFormats")
        .unwrap();

    let specs: Vec<String> = harvest("ListSets", "")
        .iter()
        .map(|s| s.child("setSpec").unwrap().text.clone())
        .collect();
    for s in [
        "collection",
        "collection:clinton",
        "collection:nsarchive",
        "case",
        "case:F-2014-20439",
    ] {
        assert!(specs.contains(&s.to_string()), "{s} in {specs:?}");
    }
    assert!(specs.len() > OAI_PAGE, "the sets page too");

    // A record: its header and the Dublin Core of `export --format dc`.
    let rec: serde_json::Value =
        serde_json::from_str(&cablecat(&["show", "C09999999", "--format", "json"])).unwrap();
    let id = rec["id"].as_i64().unwrap();
    let root = oai(&format!(
        "verb=GetRecord&identifier=oai:cablecat:{id}&metadataPrefix=oai_dc"
    ));
    let record = root.child("GetRecord").unwrap().child("record").unwrap();
    let header = record.child("header").unwrap();
    assert_eq!(
        header.child("identifier").unwrap().text,
        format!("oai:cablecat:{id}")
    );
    assert!(datestamp_ok(&header.child("datestamp").unwrap().text));
    let sets: Vec<&str> = header
        .all("setSpec")
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(sets, ["collection:fixtures", "case:F-2099-00001"]);
    let dc = record
        .child("metadata")
        .unwrap()
        .child("oai_dc:dc")
        .unwrap();
    assert_eq!(
        dc.attr("xmlns:dc"),
        Some("http://purl.org/dc/elements/1.1/")
    );
    assert_eq!(
        dc.child("dc:title").unwrap().text,
        rec["subject"].as_str().unwrap()
    );
    let exported = cablecat(&["export", "--format", "dc", "--collection", "fixtures"]);
    let exported = parse_xml(&exported);
    let want: Vec<(String, String)> = exported.children[0]
        .children
        .iter()
        .map(|e| (e.name.clone(), e.text.clone()))
        .collect();
    let got: Vec<(String, String)> = dc
        .children
        .iter()
        .map(|e| (e.name.clone(), e.text.clone()))
        .collect();
    assert_eq!(got, want, "the record is the export's Dublin Core");
}

#[test]
fn oai_errors_are_the_protocol_codes() {
    for (query, code) in [
        ("", "badVerb"),
        ("verb=Nope", "badVerb"),
        ("verb=Identify&verb=ListSets", "badVerb"),
        ("verb=Identify&extra=1", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            "badArgument",
        ),
        ("verb=GetRecord&identifier=oai:cablecat:1", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-02-01T00:00:00Z",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-01&until=2020-01-01",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
            "badArgument",
        ),
        (
            "verb=ListRecords&resumptionToken=00&metadataPrefix=oai_dc",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
        ),
        (
            "verb=GetRecord&identifier=oai:cablecat:1&metadataPrefix=mods",
            "cannotDisseminateFormat",
        ),
        (
            "verb=GetRecord&identifier=oai:cablecat:999999&metadataPrefix=oai_dc",
            "idDoesNotExist",
        ),
        (
            "verb=GetRecord&identifier=C05288068&metadataPrefix=oai_dc",
            "idDoesNotExist",
        ),
        (
            "verb=ListMetadataFormats&identifier=oai:cablecat:999999",
            "idDoesNotExist",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=collection:nowhere",
            "noRecordsMatch",
        ),
        ("verb=ListRecords&resumptionToken=zz", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=zz", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=7b7d", "badResumptionToken"),
    ] {
        let (got, root) = oai_error(query);
        assert_eq!(got, code, "{query}");
        let request = root.child("request").unwrap();
        if code == "badVerb" || code == "badArgument" {
            assert!(
                request.attrs.is_empty(),
                "{query}: the request holds its base URL alone"
            );
        }
        assert!(root.child("ListRecords").is_none());
    }
}

/// Every header of a list, following resumption tokens; checks the tokens' attributes.
fn harvest(verb: &str, args: &str) -> Vec<Element> {
    let mut records = Vec::new();
    let mut query = format!("verb={verb}&{args}")
        .trim_end_matches('&')
        .to_string();
    let mut pages = 0;
    loop {
        let root = oai(&query);
        let list = root
            .child(verb)
            .unwrap_or_else(|| panic!("{query}: {root:?}"));
        let item = match verb {
            "ListRecords" => "record",
            "ListSets" => "set",
            _ => "header",
        };
        let items = list.all(item);
        assert!(items.len() <= OAI_PAGE);
        records.extend(items.into_iter().cloned());
        pages += 1;
        match list.child("resumptionToken") {
            None => {
                assert_eq!(pages, 1, "a list of pages ends with an empty token");
                break;
            }
            Some(t) => {
                let size: usize = t.attr("completeListSize").unwrap().parse().unwrap();
                let cursor: usize = t.attr("cursor").unwrap().parse().unwrap();
                assert_eq!(cursor, (pages - 1) * OAI_PAGE);
                if t.text.is_empty() {
                    assert_eq!(records.len(), size);
                    break;
                }
                assert_eq!(records.len(), pages * OAI_PAGE);
                query = format!("verb={verb}&resumptionToken={}", t.text);
            }
        }
        assert!(pages < 1000);
    }
    records
}

fn identifier(e: &Element) -> String {
    let header = if e.name == "record" {
        e.child("header").unwrap()
    } else {
        e
    };
    header.child("identifier").unwrap().text.clone()
}

#[test]
fn oai_lists_page_with_resumption_tokens_by_set_and_date() {
    let all: Vec<String> = csv_rows(&cablecat(&[
        "sql",
        "SELECT id FROM documents ORDER BY id",
        "--format",
        "csv",
    ]))
    .iter()
    .map(|r| format!("oai:cablecat:{}", &r[0]))
    .collect();
    assert!(all.len() > 2 * OAI_PAGE, "the fixture pages");
    let headers = harvest("ListIdentifiers", "metadataPrefix=oai_dc");
    assert_eq!(headers.iter().map(identifier).collect::<Vec<_>>(), all);
    for h in &headers {
        assert!(datestamp_ok(&h.child("datestamp").unwrap().text));
    }
    let records = harvest("ListRecords", "metadataPrefix=oai_dc");
    assert_eq!(records.iter().map(identifier).collect::<Vec<_>>(), all);
    for r in &records {
        let dc = r.child("metadata").unwrap().child("oai_dc:dc").unwrap();
        assert!(dc.child("dc:title").is_some());
    }
    // A set: the documents `list --collection` gives; a case: those of `report holdings -p case=`.
    let clinton = csv_rows(&cablecat(&[
        "list",
        "--collection",
        "clinton",
        "--sort",
        "id",
        "--format",
        "csv",
    ]));
    let got = harvest(
        "ListIdentifiers",
        "metadataPrefix=oai_dc&set=collection:clinton",
    );
    assert_eq!(
        got.iter().map(identifier).collect::<Vec<_>>(),
        clinton
            .iter()
            .map(|r| format!("oai:cablecat:{}", &r[0]))
            .collect::<Vec<_>>()
    );
    let case = count("SELECT count(*) FROM documents WHERE case_no = 'F-2014-20439'");
    assert_eq!(
        harvest("ListRecords", "metadataPrefix=oai_dc&set=case:F-2014-20439").len(),
        case
    );
    // from/until on the datestamp: every record was imported today.
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let since = harvest(
        "ListIdentifiers",
        &format!("metadataPrefix=oai_dc&from=2000-01-01&until={today}"),
    );
    assert_eq!(since.len(), all.len());
    // POST with a form body is the same request.
    let body = "verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:nsarchive";
    let r = exchange(
        served().addr,
        &format!(
            "POST /oai HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            served().addr.port(),
            body.len()
        ),
    );
    let root = parse_xml(&r.body);
    assert_eq!(
        root.child("ListIdentifiers").unwrap().all("header").len(),
        1
    );
}
