//! `docket serve`: a live preview. The site is built in memory (no output
//! folder is touched), served over HTTP on loopback, and rebuilt
//! incrementally when its files change; open pages reload themselves, and
//! show the diagnostics over the page while the content has errors.

pub mod engine;
pub mod http;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diag::Diagnostics;
use crate::source::Sources;
use engine::{Engine, Report};

/// What the server threads and the watcher share.
pub struct Shared {
    pub engine: RwLock<Engine>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    fn broadcast(&self, message: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(message.to_string()).is_ok());
    }

    /// The event that tells a page whether the content has errors now.
    fn status_event(&self) -> String {
        let engine = self.engine.read().unwrap_or_else(|e| e.into_inner());
        status_event(engine.diag_sources(), &engine.diags)
    }
}

fn status_event(sources: &Sources, diags: &Diagnostics) -> String {
    if diags.has_errors() {
        let list: Vec<serde_json::Value> = diags
            .sorted(sources)
            .into_iter()
            .map(|d| crate::diag::json(sources, d))
            .collect();
        format!(
            "event: errors\ndata: {}\n\n",
            serde_json::Value::Array(list)
        )
    } else {
        "event: ok\ndata: {}\n\n".to_string()
    }
}

pub struct Options {
    pub interface: String,
    pub port: u16,
    pub open: bool,
    pub load: crate::LoadOptions,
}

/// Builds, serves and watches until interrupted.
pub fn serve(root: &Path, options: Options) -> Result<(), String> {
    let root = std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let started = Instant::now();
    let (engine, report) = Engine::new(&root, options.load.clone());
    print_diagnostics(&engine);
    summary("built", &report, started.elapsed(), &[]);
    let shared = Arc::new(Shared {
        engine: RwLock::new(engine),
        clients: Mutex::new(Vec::new()),
    });
    let server =
        tiny_http::Server::http((options.interface.as_str(), options.port)).map_err(|e| {
            format!(
                "cannot listen on {}:{}: {e}",
                options.interface, options.port
            )
        })?;
    let addr = server.server_addr().to_ip().ok_or("not an IP address")?;
    let url = format!("http://{addr}/");
    println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    if options.open {
        open_browser(&url);
    }

    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    for (path, mode) in watched(&root) {
        if path.exists() {
            watcher
                .watch(&path, mode)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    let watcher_shared = Arc::clone(&shared);
    let watch_root = root.clone();
    std::thread::spawn(move || watch(&watch_root, &watcher_shared, &rx));

    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let shared = Arc::clone(&shared);
                    // Event streams stay open: each request gets its own thread.
                    std::thread::spawn(move || http::handle(&shared, request));
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    drop(watcher);
    Ok(())
}

/// What to watch: the content, the themes, the site's own templates and
/// static files, and `docket.toml` (through the root folder, not recursively).
fn watched(root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let mut v = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
    for dir in ["content", "themes", "templates", "static"] {
        v.push((root.join(dir), RecursiveMode::Recursive));
    }
    v
}

/// How long the files must be quiet before a rebuild starts: an editor's
/// save is often several writes and renames, and they make one rebuild.
/// They come within a millisecond or two of each other; a change that
/// comes later makes a rebuild of its own, which is only slower, not wrong.
pub const SETTLE: Duration = Duration::from_millis(10);

fn watch(root: &Path, shared: &Shared, rx: &Receiver<notify::Result<notify::Event>>) {
    let relevant = |p: &Path| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        matches!(
            first.as_deref(),
            Some("content" | "themes" | "templates" | "static" | crate::config::FILE_NAME)
        )
    };
    // Reading files (as every rebuild does) is not a change.
    let changes = |event: notify::Result<notify::Event>| -> Vec<PathBuf> {
        match event {
            Ok(e) if !matches!(e.kind, EventKind::Access(_)) => {
                e.paths.into_iter().filter(|p| relevant(p)).collect()
            }
            _ => Vec::new(),
        }
    };
    while let Ok(event) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = changes(event).into_iter().collect();
        if changed.is_empty() {
            continue;
        }
        // Only changes keep the files from being quiet.
        let mut quiet_from = Instant::now();
        while let Ok(more) = rx.recv_timeout(SETTLE.saturating_sub(quiet_from.elapsed())) {
            let more = changes(more);
            if !more.is_empty() {
                changed.extend(more);
                quiet_from = Instant::now();
            }
        }
        let started = Instant::now();
        let (report, event) = {
            let mut engine = shared.engine.write().unwrap_or_else(|e| e.into_inner());
            let report = engine.update(&changed);
            print_diagnostics(&engine);
            let event = status_event(engine.diag_sources(), &engine.diags);
            (report, event)
        };
        let names: Vec<String> = changed
            .iter()
            .map(|p| crate::source::display_name(root, p))
            .collect();
        summary("rebuilt", &report, started.elapsed(), &names);
        if report.errors == 0 {
            shared.broadcast(&format!(
                "event: reload\ndata: {}\n\n",
                serde_json::json!(report.changed)
            ));
        }
        shared.broadcast(&event);
    }
}

fn print_diagnostics(engine: &Engine) {
    if !engine.diags.is_empty() {
        crate::cmd::report(
            crate::diag::Format::Human,
            engine.diag_sources(),
            &engine.diags,
        );
    }
}

fn summary(what: &str, report: &Report, took: Duration, changed: &[String]) {
    let files = match changed.len() {
        0 => String::new(),
        1 => format!("{} changed; ", changed[0]),
        n => format!("{n} files changed; "),
    };
    let state = if report.errors > 0 {
        format!(
            "{} errors, still serving the last good build",
            report.errors
        )
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
