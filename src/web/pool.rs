//! A fixed pool of read-only, guarded connections. A request takes one for its queries on a
//! blocking thread, so a slow query holds only its own connection; when all are busy the
//! next request waits its turn (asynchronously) instead of failing.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::Connection;
use tokio::sync::Semaphore;

use crate::report;
use crate::store;

pub struct Pool {
    idle: Arc<Mutex<Vec<Connection>>>,
    permits: Arc<Semaphore>,
    timeout: Duration,
}

/// A connection out of the pool; it goes back when dropped, even if its user panicked.
struct Lent {
    conn: Option<Connection>,
    idle: Arc<Mutex<Vec<Connection>>>,
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(c);
        }
    }
}

impl Pool {
    /// `size` connections to the catalog at `path`, each read-only behind the authorizer of
    /// `cablecat sql`.
    pub fn open(path: &Path, size: usize, timeout: Duration) -> Result<Pool> {
        let size = size.max(1);
        let mut idle = Vec::with_capacity(size);
        for _ in 0..size {
            let mut conn = store::open_read_only(path)?;
            report::install_guard(&mut conn, None)
                .with_context(|| format!("guarding a connection to {}", path.display()))?;
            idle.push(conn);
        }
        Ok(Pool {
            idle: Arc::new(Mutex::new(idle)),
            permits: Arc::new(Semaphore::new(size)),
            timeout,
        })
    }

    /// Run `f` on a connection of the pool, on a blocking thread, within the time limit.
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        // The permit and the connection go to the blocking thread: a request whose client
        // went away stops waiting, but its query keeps both until it ends.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .context("the pool is closed")?;
        let idle = self.idle.clone();
        let timeout = self.timeout;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let conn = idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop()
                .context("no idle connection for a permit")?;
            let mut lent = Lent {
                conn: Some(conn),
                idle,
            };
            let conn = lent.conn.as_mut().expect("lent connection");
            report::set_time_limit(conn, Some(timeout))?;
            f(conn)
        })
        .await
        .context("a request's query failed")?
    }

    /// The time limit of one request's queries.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}
