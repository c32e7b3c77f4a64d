//! `cablecat serve`: the catalog in a browser, and an OAI-PMH endpoint for archival systems.
//!
//! Pages read through the same read-only connection, authorizer and time limit as
//! `cablecat sql`, from a small pool so a slow query holds one connection and the others go
//! on; the queries are the command line's (`crate::query`, `crate::report`). Only the
//! application's routes answer: no file of the disk is ever served, and a path naming a
//! parent folder (`..`, however it is spelt) is refused before routing.

mod html;
mod oai;
mod pages;
mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use pool::Pool;

/// What `cablecat serve` was asked for.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// The longest any one request's queries may run.
    pub timeout: Duration,
    /// Read connections (requests whose queries run at once).
    pub connections: usize,
    /// The administrator's address OAI-PMH's Identify gives.
    pub admin_email: String,
    /// No line per request.
    pub quiet: bool,
    /// Records in one OAI-PMH list response before a resumption token.
    pub oai_page: usize,
    /// Parts a search's hits are ranked in at once, each on a connection of its own.
    pub rank_parts: usize,
}

impl Config {
    /// The defaults of `cablecat serve` for the catalog `db`, on `addr`.
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        Config {
            db,
            addr,
            timeout: Duration::from_secs(30),
            connections: 8,
            admin_email: "admin@localhost".into(),
            quiet: false,
            oai_page: oai::PAGE,
            // One per core: a page's facets are counted beside them.
            rank_parts: std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
        }
    }
}

/// The state every handler shares.
pub struct App {
    pub pool: Pool,
    pub config: Config,
}

pub type Shared = Arc<App>;

/// The application's routes, on a pool of read connections to `config.db`.
pub fn router(config: Config) -> Result<Router> {
    crate::store::check_current(&config.db)?;
    let pool = Pool::open(&config.db, config.connections, config.timeout)?;
    let app = Arc::new(App { pool, config });
    Ok(Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/documents", get(pages::documents))
        .route("/documents/{key}", get(pages::document))
        .route("/reports", get(pages::reports))
        .route("/reports/{name}", get(pages::report))
        .route("/oai", get(oai::get).post(oai::post))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(app.clone(), log_request))
        .layer(middleware::from_fn(refuse_parent_folders))
        .with_state(app))
}

/// Serve until Ctrl-C (or SIGTERM); `ready` is told the address once it listens.
pub fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()
        .context("starting the server's threads")?;
    runtime.block_on(async move {
        let router = router(config.clone())?;
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("listening on {}", config.addr))?;
        ready(listener.local_addr()?);
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stop_signal())
        .await
        .context("serving")?;
        Ok(())
    })
}

async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// One line per request on standard error: time, client, method, path, status, duration.
async fn log_request(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let response = next.run(req).await;
    if !app.config.quiet {
        eprintln!(
            "{} {} {method} {target} {} {:.1} ms",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            peer.ip(),
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

/// Whether a request path names a parent folder in any spelling: `..` as a segment, with
/// `/` or `\` between segments, percent-encoded once or several times (`%2e%2e`, `%252e`).
pub fn names_parent_folder(path: &str) -> bool {
    let mut p = path.to_string();
    for _ in 0..4 {
        if p.split(['/', '\\']).any(|seg| seg.trim() == "..") {
            return true;
        }
        let decoded = percent_decode(&p);
        if decoded == p {
            break;
        }
        p = decoded;
    }
    false
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn refuse_parent_folders(req: Request, next: Next) -> Response {
    if names_parent_folder(req.uri().path()) {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "the path names a parent folder (..), which is refused: only the catalog's pages are served\n",
        )
            .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_folders_are_seen_in_every_spelling() {
        for p in [
            "/..",
            "/../etc/passwd",
            "/documents/../../Cargo.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/documents/..%2f..%2fCargo.toml",
            "/documents/%252e%252e%252fCargo.toml",
            "/..\\..\\windows",
            "/documents/..%5c..%5cCargo.toml",
            "/.%2e/x",
        ] {
            assert!(names_parent_folder(p), "{p}");
        }
        for p in [
            "/",
            "/documents/C05288068",
            "/search",
            "/documents/a..b",
            "/%zz",
        ] {
            assert!(!names_parent_folder(p), "{p}");
        }
    }
}
