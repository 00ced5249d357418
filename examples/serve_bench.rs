//! Measures `docket serve`'s incremental rebuild as a user meets it: the
//! time from writing an entry file until the server returns the changed
//! page, and how many pages were rendered again. It waits as a browser
//! showing the page does: for the live-reload event that names the page,
//! then for the page itself (polling instead would load the two cores
//! with requests while docket renders).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example gen_corpus -- 10000 target/bench-corpus/10000
//! cargo run --release --example serve_bench -- target/bench-corpus/10000 [RUNS]
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: serve_bench SITE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
    let exe = std::env::current_exe().expect("own path");
    let docket = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("docket"))
        .filter(|d| d.exists())
        .expect("build docket first: cargo build --release");

    let started = Instant::now();
    let child = Command::new(&docket)
        .args(["serve", "--port", "0"])
        .current_dir(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start docket serve");
    // Stopped however this ends, a failed measurement included.
    let mut child = Server(child);
    let child = &mut child.0;
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("address")
        .to_string();
    println!(
        "initial in-memory build and start: {:.2} s",
        started.elapsed().as_secs_f64()
    );

    // The server's summary lines, to read how many pages each rebuild rendered.
    let (tx, rx) = channel();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.starts_with("rebuilt:") {
                let _ = tx.send(line);
            }
        }
    });

    // The live-reload stream, as the page's script opens it.
    let (reload_tx, reloads) = channel();
    let mut events = TcpStream::connect(&addr).expect("connect");
    write!(
        events,
        "GET /__docket/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("subscribe");
    let (ready_tx, ready) = channel();
    std::thread::spawn(move || {
        let mut reload = false;
        for line in BufReader::new(events).lines().map_while(Result::ok) {
            // The server greets a new subscriber with the site's state.
            if line.starts_with("event: ") {
                let _ = ready_tx.send(());
            }
            if line == "event: reload" {
                reload = true;
            } else if let (true, Some(data)) = (reload, line.strip_prefix("data: ")) {
                let _ = reload_tx.send(data.to_string());
                reload = false;
            }
        }
    });

    // An edit made before the server knows of the subscriber would never
    // be announced to it.
    ready
        .recv_timeout(Duration::from_secs(30))
        .expect("the server never answered the event stream");
    let (file, page) = pick_policy(&site);
    let original = std::fs::read_to_string(&file).expect("read entry");
    // Put back however this ends: the corpus is reused by later runs.
    let _restore = Restore {
        file: file.clone(),
        original: original.clone(),
    };
    let mut times = Vec::new();
    let mut rendered = Vec::new();
    for i in 0..runs {
        let marker = format!("[bench edit {i}]");
        let edited = original.replacen("title = \"", &format!("title = \"{marker} "), 1);
        let t0 = Instant::now();
        std::fs::write(&file, edited).expect("write entry");
        loop {
            let changed = reloads
                .recv_timeout(Duration::from_secs(30))
                .expect("the edit never showed");
            if changed.contains(&format!("\"{}\"", &page[1..])) {
                break;
            }
        }
        let body = get(&addr, &page);
        times.push(t0.elapsed());
        assert!(body.contains(&marker), "the served page lacks the edit");
        if let Ok(summary) = rx.recv_timeout(Duration::from_secs(5)) {
            if let Some(n) = summary
                .split("; ")
                .nth(1)
                .and_then(|s| s.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
            {
                rendered.push(n);
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    times.sort();
    rendered.sort_unstable();
    let median = times[times.len() / 2];
    println!(
        "edit to served page: median {:.1} ms over {runs} edits (min {:.1} ms, max {:.1} ms); pages re-rendered per edit: median {}",
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
        rendered.get(rendered.len() / 2).map_or("n/a".to_string(), |n| n.to_string())
    );
    println!(
        "(the file watcher waits {} ms for an editor's save to settle; that wait is included)",
        docket::serve::SETTLE.as_millis()
    );
}

/// A policy of the site and the path of its page.
fn pick_policy(site: &Path) -> (PathBuf, String) {
    let mut files: Vec<PathBuf> = walk(&site.join("content/policies"));
    files.sort();
    let file = files.get(files.len() / 2).cloned().expect("no policies");
    let text = std::fs::read_to_string(&file).expect("read");
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id = "))
        .expect("an id line")
        .trim()
        .to_string();
    (file, format!("/policies/{id}/index.html"))
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

/// The server, stopped when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The edited entry, written back as it was when dropped.
struct Restore {
    file: std::path::PathBuf,
    original: String,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.file, &self.original);
    }
}
