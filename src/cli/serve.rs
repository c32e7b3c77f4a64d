use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use anyhow::Result;
use clap::Args;

use super::Cli;
use crate::web;

/// Serve the catalog in a browser, and as an OAI-PMH endpoint for archival systems.
///
/// Pages: the holdings (/), search (/search), documents (/documents, /documents/ID), the
/// canned reports with CSV and JSON downloads (/reports), and OAI-PMH 2.0 (/oai) for
/// harvesters such as AtoM, ArchivesSpace and DSpace. The catalog is only read: serve while
/// an import runs, and each page sees the documents it has committed. One line per request
/// goes to standard error (--quiet silences it); Ctrl-C stops.
///
/// Examples:
///   cablecat serve                                    http://127.0.0.1:8080/
///   cablecat serve --db holdings.db --port 9000 --bind 0.0.0.0
///   cablecat serve --port 0                           any free port (the address is printed)
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// The address to listen on: 127.0.0.1 is this machine only, 0.0.0.0 every network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Stop any one request's queries after this many seconds
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,

    /// Read connections: how many requests' queries run at once
    #[arg(long, default_value_t = 8)]
    pub connections: usize,

    /// The administrator's e-mail address, which OAI-PMH's Identify gives harvesters
    #[arg(long, default_value = "admin@localhost")]
    pub admin_email: String,
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<i32> {
    let config = web::Config {
        timeout: Duration::from_secs(args.timeout.max(1)),
        connections: args.connections.clamp(1, 64),
        admin_email: args.admin_email.clone(),
        quiet: cli.quiet,
        ..web::Config::new(cli.db.clone(), SocketAddr::new(args.bind, args.port))
    };
    let db = cli.db.display().to_string();
    web::serve(config, |addr| {
        // The address on standard output, at once: scripts (and tests) read it from there.
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "serving {db} at http://{addr}/ (Ctrl-C stops)");
        let _ = out.flush();
    })?;
    if !cli.quiet {
        eprintln!("cablecat: stopped");
    }
    Ok(0)
}
