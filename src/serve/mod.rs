//! `docket serve`: a live preview. The site is built in memory (no output
//! folder is touched), served over HTTP on loopback, and rebuilt
//! incrementally when its files change; open pages reload themselves, and
//! show the diagnostics over the page while the content has errors.
//!
//! The parts: `engine` (the site in memory, rebuilt through the
//! pipeline's stages), `files` (the parse of every file, kept between
//! rebuilds), `invalidate` (what an edit affects), `store` (what is served:
//! pages, generated files made on request, files from disk), `watch` (its files),
//! `server` (connections, on a fixed number of threads), `message` (HTTP
//! heads read and responses written), `http` (what a request gets), `host` (which names it is answered for), `events` (the
//! live-reload streams) and `errors` (the errors as pages show them).

pub mod engine;
mod errors;
mod events;
mod files;
pub mod host;
pub mod http;
mod invalidate;
mod message;
mod server;
mod store;
mod watch;

use std::collections::BTreeSet;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use engine::{Engine, Report};
pub use watch::SETTLE;

/// The site being served, and which state of it this is: every rebuild
/// counts one more, so that a page can tell whether what it shows is
/// older than what the server has.
pub struct State {
    pub engine: Engine,
    pub generation: u64,
}

/// What the server threads and the watcher share.
pub struct Shared {
    state: RwLock<State>,
    hub: events::Hub,
    allowed: host::Allowed,
    /// The refused host names already reported in the terminal.
    refused: Mutex<BTreeSet<String>>,
}

impl Shared {
    fn state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The event that tells a page whether the content has errors now.
    fn status_event(&self) -> String {
        let state = self.state();
        errors::status_event(
            state.engine.diag_sources(),
            &state.engine.diags,
            state.generation,
        )
    }

    /// Says in the terminal, once per name, that requests for a host name
    /// were refused, and how to allow it.
    fn report_refusal(&self, refusal: &host::Refusal) {
        // Only names reach here (`host` refuses anything else as
        // malformed), so they print as they are.
        if let host::Refusal::NotAllowed(name) = refusal {
            let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
            if refused.len() < 20 && refused.insert(name.clone()) {
                eprintln!(
                    "refused requests for the host `{name}`: not a loopback name; \
                     to allow it, start docket serve with --allow-host {name}"
                );
            }
        }
    }
}

pub struct Options {
    pub interface: String,
    pub port: u16,
    pub open: bool,
    pub load: crate::pipeline::LoadOptions,
    /// Host names answered besides loopback names and addresses.
    pub allow_hosts: Vec<String>,
}

/// Builds, serves and watches until interrupted.
pub fn serve(root: &Path, options: Options) -> Result<(), String> {
    let root = std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
    // Watched before the first build reads anything, so that an edit made
    // while it runs is seen, and before the address is printed, so that
    // whoever reads it can count on edits being seen.
    let mut watch = watch::Watch::new(&root)?;
    let started = Instant::now();
    let (engine, report) = Engine::new(&root, options.load.clone());
    print_diagnostics(&engine);
    summary("built", &report, engine.has_site(), started.elapsed(), &[]);
    let listener = TcpListener::bind((options.interface.as_str(), options.port)).map_err(|e| {
        format!(
            "cannot listen on {}:{}: {e}",
            options.interface, options.port
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?;
    println!(
        "serving {} at http://{addr}/ (Ctrl-C to stop)",
        crate::terminal::visible(&root.display().to_string())
    );
    if !addr.ip().is_loopback() {
        warn_exposed(addr);
    }
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            engine,
            generation: 0,
        }),
        hub: events::Hub::default(),
        allowed: host::Allowed::new(&options.interface, &options.allow_hosts),
        refused: Mutex::default(),
    });

    let watched = Arc::clone(&shared);
    std::thread::spawn(move || {
        while let Some(changed) = watch.next() {
            rebuild(&watched, &root, &changed);
        }
    });
    let tended = Arc::clone(&shared);
    std::thread::spawn(move || tended.hub.tend());

    if options.open {
        open_browser(&format!("http://{addr}/"));
    }
    let handler: Arc<server::Handler> = Arc::new(move |request| http::answer(&shared, request));
    server::run(listener, handler).map_err(|e| format!("the server stopped: {e}"))
}

fn warn_exposed(addr: SocketAddr) {
    eprintln!(
        "warning: listening on {}, which other machines on the network may reach: \
         they would see the preview of your working files. It answers requests \
         made to an IP address, and to the names given with --allow-host.",
        addr.ip()
    );
}

/// Rebuilds after a change, and tells the open pages.
fn rebuild(shared: &Shared, root: &Path, changed: &BTreeSet<PathBuf>) {
    let started = Instant::now();
    let (report, status, has_site) = {
        let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
        let report = state.engine.update(changed);
        state.generation += 1;
        print_diagnostics(&state.engine);
        let status = errors::status_event(
            state.engine.diag_sources(),
            &state.engine.diags,
            state.generation,
        );
        (report, status, state.engine.has_site())
    };
    let names: Vec<String> = changed.iter().map(|p| shown_path(root, p)).collect();
    summary("rebuilt", &report, has_site, started.elapsed(), &names);
    if report.errors == 0 {
        shared.hub.broadcast(&format!(
            "event: reload\ndata: {}\n\n",
            serde_json::json!(report.changed)
        ));
    }
    shared.hub.broadcast(&status);
}

/// A path as the terminal shows it: relative to the root, with control
/// characters made visible (file names are the site's, and may hold
/// anything).
fn shown_path(root: &Path, path: &Path) -> String {
    let name = if path == root {
        ".".to_string()
    } else {
        crate::source::display_name(root, path)
    };
    crate::terminal::visible(&name).into_owned()
}

fn print_diagnostics(engine: &Engine) {
    if !engine.diags.is_empty() {
        crate::diag::print(
            crate::diag::Format::Human,
            engine.diag_sources(),
            &engine.diags,
        );
    }
}

fn summary(what: &str, report: &Report, has_site: bool, took: Duration, changed: &[String]) {
    let files = match changed.len() {
        0 => String::new(),
        1 => format!("{} changed; ", changed[0]),
        n => format!("{n} files changed; "),
    };
    let errors = crate::diag::count(report.errors, "error", "errors");
    let state = if report.errors > 0 && has_site {
        format!("{errors}, still serving the last good build")
    } else if report.errors > 0 {
        format!("{errors} and no good build yet: every page shows the errors until they are fixed")
    } else {
        format!(
            "{} pages re-rendered{}, {} changed",
            report.rendered,
            if report.full { " (all)" } else { "" },
            report.changed.len()
        )
    };
    eprintln!("{what}: {files}{state} in {} ms", took.as_millis());
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}
