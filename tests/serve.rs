//! `docket serve` from the outside: a real server on an ephemeral port,
//! edits on disk, and what a browser (or a hostile client) would get,
//! through raw TCP so that requests reach the server exactly as written.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    addr: String,
    /// What the server printed on stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Waits until the server has printed something that `what` accepts.
    fn wait_stderr(&self, what: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.stderr.lock().unwrap().clone();
            if what(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "never printed; stderr:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The number of the server's threads, from /proc.
    #[cfg(target_os = "linux")]
    fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap()
    }
}

fn start(site: &Site) -> Server {
    start_with(site, &[])
}

fn start_with(site: &Site, args: &[&str]) -> Server {
    let mut child = Command::new(common::BIN)
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&stderr);
    let pipe = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        addr,
        stderr,
    }
}

/// Sends `head` as it is and returns the status and the body.
fn raw(server: &Server, head: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// A GET for `path` naming `host`.
fn get_as(server: &Server, host: &str, path: &str) -> (u16, String) {
    raw(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

/// A GET as a browser at the address the server printed sends it.
fn get(server: &Server, path: &str) -> (u16, String) {
    get_as(server, &server.addr, path)
}

fn wait_for(server: &Server, path: &str, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(server, path);
        if what(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting on {path}; the server said:\n{}\nlast body:\n{body}",
            server.stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A live-reload event stream, as a page's script opens it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(server: &Server) -> Events {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "GET /__docket/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.addr
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        // The response head.
        while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
            line.clear();
        }
        Events { reader }
    }

    /// The next event, whole (its `id:`, `event:` and `data:` lines), or
    /// what came before the stream ended.
    fn next(&mut self) -> String {
        let mut out = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).unwrap_or(0) == 0 {
                return out;
            }
            if line == "\n" {
                if out.contains("event: ") {
                    return out;
                }
                // A keep-alive comment.
                out.clear();
                continue;
            }
            out.push_str(&line);
        }
    }

    /// Reads events until one contains `what`.
    fn until(&mut self, what: &str) -> String {
        loop {
            let e = self.next();
            if e.contains(what) || e.is_empty() {
                return e;
            }
        }
    }
}

/// The first event the live-reload stream sends: the state of the content.
fn first_event(server: &Server) -> String {
    Events::open(server).next()
}

const ENTRY: &str = "content/policies/1491-victim-benefits-enforcement.md";

#[test]
fn serves_rebuilds_and_keeps_the_last_good_site_on_errors() {
    let site = Site::example();
    let server = start(&site);
    let (status, page) = get(&server, "/policies/1491/");
    assert_eq!(status, 200);
    assert!(page.contains("Interim Guidance on Civil"));
    assert!(
        page.contains("EventSource"),
        "live reload script in serve mode"
    );
    assert!(
        !site.path().join("public").exists(),
        "serve writes no output folder"
    );

    let original = site.read(ENTRY);
    site.write(
        ENTRY,
        &original.replace("title = \"Interim Guidance", "title = \"Edited Guidance"),
    );
    wait_for(&server, "/policies/1491/index.html", |b| {
        b.contains("Edited Guidance")
    });
    // Related pages follow: the directive it supersedes shows the new title.
    wait_for(&server, "/policies/312/index.html", |b| {
        b.contains("Edited Guidance")
    });

    // Break the file: the last good page stays, the error is reported.
    site.write(
        ENTRY,
        &original
            .replace("title = \"Interim Guidance", "title = \"Broken Guidance")
            .replace("announced = 2025-01-31", "announced = 2025-01-32"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let event = loop {
        let e = first_event(&server);
        if e.contains("event: errors") {
            break e;
        }
        assert!(Instant::now() < deadline, "no error reported: {e}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        event.contains("1491-victim-benefits-enforcement.md") && event.contains("\"line\":5"),
        "{event}"
    );
    let (status, page) = get(&server, "/policies/1491/");
    assert_eq!(status, 200);
    assert!(page.contains("Edited Guidance") && !page.contains("Broken Guidance"));
    server.wait_stderr(|s| s.contains("1 error, still serving the last good build"));

    // Fix it again.
    site.write(ENTRY, &original);
    wait_for(&server, "/policies/1491/", |b| {
        b.contains("Interim Guidance on Civil")
    });
    assert!(first_event(&server).contains("event: ok"));
}

/// A site of `docket.toml` and `content/` alone is served with the theme
/// built into docket: its pages, and its static files from memory.
#[test]
fn a_site_without_a_theme_folder_is_served_with_the_built_in_theme() {
    let site = Site::empty();
    common::copy_tree(
        &common::repo().join("docket.toml"),
        &site.join("docket.toml"),
    );
    common::copy_tree(&common::repo().join("content"), &site.join("content"));
    // Made before the server starts, so that the override written later
    // is a change to a folder it watches already.
    std::fs::create_dir(site.join("templates")).expect("templates/");
    let server = start(&site);
    let (status, page) = get(&server, "/policies/1491/");
    assert_eq!(status, 200);
    assert!(page.contains("Interim Guidance on Civil"), "{page}");
    assert!(page.contains("static/docket.css"), "{page}");
    let (status, css) = get(&server, "/static/docket.css");
    assert_eq!(status, 200);
    let built_in = std::fs::read_to_string(common::repo().join("themes/default/static/docket.css"))
        .expect("the default theme's stylesheet");
    assert_eq!(css, built_in);
    // An override of one template is picked up as it is written.
    site.write(
        "templates/commentary.html",
        "{% extends \"base.html\" %}{% block content %}<p>site commentary</p>{% endblock content %}",
    );
    wait_for(&server, "/commentary/1/index.html", |b| {
        b.contains("site commentary")
    });
    let (_, page) = get(&server, "/policies/1491/");
    assert!(page.contains("Interim Guidance on Civil"), "{page}");
}

#[test]
fn nothing_outside_the_site_can_be_requested() {
    let site = Site::example();
    site.write("secret.txt", "top secret");
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/../../secret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "/docket.toml",
        "/content/policies/1491-victim-benefits-enforcement.md",
        "//etc/passwd",
        "/etc/passwd",
        "/%00",
        "/a\\..\\secret.txt",
        "http://evil.example/secret.txt",
    ] {
        let (status, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("top secret") && !body.contains("root:"),
            "{path}"
        );
    }
    let (status, body) = get(&server, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    let (status, _) = get(&server, "/static/docket.css");
    assert_eq!(status, 200);
    // A folder's page without its slash: redirected, to a path of the site only.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /policies/1491 HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 301 ")
            && response.contains("\r\nLocation: /policies/1491/\r\n"),
        "{response}"
    );
    let (status, _) = raw(
        &server,
        &format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 3\r\n\r\nabc",
            server.addr
        ),
    );
    assert_eq!(status, 405);
    let (status, _) = get(&server, "/documents/2025-01-31-ice-directive-11005.4.pdf");
    assert_eq!(status, 200);
}

/// A page elsewhere on the web whose name now points at 127.0.0.1 (DNS
/// rebinding) sends its own name in `Host`; it must get nothing.
#[test]
fn only_requests_for_loopback_names_are_answered() {
    let site = Site::example();
    let server = start(&site);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        server.addr.clone(),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("preview.localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get_as(&server, &host, "/policies/1491/");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Interim Guidance on Civil"), "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        for path in ["/policies/1491/", "/__docket/events", "/data/policies.json"] {
            let (status, body) = get_as(&server, &host, path);
            assert_eq!(status, 403, "{host}{path}");
            assert!(
                body.contains("--allow-host") && !body.contains("Interim Guidance"),
                "{host}{path}: {body}"
            );
        }
    }
    // The terminal says which name was refused and how to allow it, once.
    let stderr = server.wait_stderr(|s| s.contains("--allow-host evil.example\n"));
    assert_eq!(stderr.matches("host `evil.example`").count(), 1, "{stderr}");

    // Without a Host, or with two: no browser sends such a request.
    let (status, body) = raw(&server, "GET /policies/1491/ HTTP/1.0\r\n\r\n");
    assert_eq!(status, 400);
    assert!(!body.contains("Interim Guidance"));
    let (status, _) = raw(
        &server,
        &format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nHost: evil.example\r\n\r\n",
            server.addr
        ),
    );
    assert_eq!(status, 400);
    let (status, _) = get_as(&server, "evil.example\u{1b}[31m", "/");
    assert_eq!(status, 400);

    // A name the user allows.
    drop(server);
    let server = start_with(&site, &["--allow-host", "Preview.Example.Test"]);
    let (status, _) = get_as(&server, "preview.example.test:8080", "/policies/1491/");
    assert_eq!(status, 200);
    let (status, _) = get_as(&server, "evil.example", "/policies/1491/");
    assert_eq!(status, 403);
}

/// Listening beyond loopback is allowed when asked for, said aloud, and
/// still answers only for the names it knows.
#[test]
fn another_interface_is_announced() {
    let site = Site::example();
    let server = start_with(&site, &["--interface", "0.0.0.0"]);
    server.wait_stderr(|s| s.contains("warning: listening on 0.0.0.0, which other machines"));
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    assert_eq!(get_as(&server, &format!("127.0.0.1:{port}"), "/").0, 200);
    assert_eq!(get_as(&server, &format!("mybox.lan:{port}"), "/").0, 403);
    // On loopback, nothing is said.
    let server = start(&site);
    assert_eq!(get(&server, "/").0, 200);
    assert!(!server.stderr.lock().unwrap().contains("warning"));
}

#[test]
fn allow_host_takes_names_only() {
    let site = Site::example();
    let run = site.run(&["serve", "--allow-host", "http://evil.example:80"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a host name"), "{}", run.stderr);
}

/// Connections cost no thread of their own: neither open pages' event
/// streams nor clients that connect and send nothing.
#[cfg(target_os = "linux")]
#[test]
fn connections_do_not_grow_the_threads() {
    let site = Site::example();
    let server = start(&site);
    assert_eq!(get(&server, "/").0, 200);
    let baseline = server.threads();

    // 300 pages open: the oldest are told to stop, the newest 64 stay.
    let mut streams: Vec<Events> = (0..300).map(|_| Events::open(&server)).collect();
    // Clients that connect and never send a request, or half of one.
    let idle: Vec<TcpStream> = (0..300)
        .map(|i| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            if i % 2 == 0 {
                s.write_all(b"GET /policies/1491/ HTTP/1.1\r\nHost: local")
                    .unwrap();
            }
            s
        })
        .collect();
    let (status, page) = get(&server, "/policies/1491/");
    assert_eq!(status, 200);
    assert!(page.contains("Interim Guidance on Civil"));
    let threads = server.threads();
    assert!(
        threads <= baseline + 2,
        "{threads} threads with 600 connections, {baseline} before"
    );

    let first = streams[0].next();
    assert!(first.contains("event: ok"), "{first}");
    let evicted = streams[0].next();
    assert!(evicted.contains("event: evicted"), "{evicted}");
    assert_eq!(streams[0].next(), "", "an evicted stream is closed");

    // The page opened last still hears of changes.
    let last = streams.last_mut().unwrap();
    assert!(last.next().contains("event: ok"));
    let original = site.read(ENTRY);
    site.write(
        ENTRY,
        &original.replace("title = \"Interim Guidance", "title = \"Edited Guidance"),
    );
    let reload = last.until("event: reload");
    assert!(reload.contains("policies/1491/index.html"), "{reload}");
    drop(idle);
    assert!(server.threads() <= baseline + 2);
}

/// Replaces the site folder `rel` by a copy of it in which `edit` was made,
/// as a branch switch or a restore from a backup does.
fn replace_folder(site: &Site, rel: &str, how: Replace, edit: impl FnOnce(&Path)) {
    let dir = site.join(rel);
    let copy = site.join("copy");
    common::copy_tree(&dir, &copy);
    edit(&copy);
    match how {
        Replace::MoveAside => {
            let old = site.join("old");
            std::fs::rename(&dir, &old).unwrap();
            std::fs::rename(&copy, &dir).unwrap();
            std::fs::remove_dir_all(&old).unwrap();
        }
        Replace::DeleteAndCopy => {
            std::fs::remove_dir_all(&dir).unwrap();
            common::copy_tree(&copy, &dir);
            std::fs::remove_dir_all(&copy).unwrap();
        }
    }
}

#[derive(Clone, Copy)]
enum Replace {
    /// `mv content old; mv copy content`
    MoveAside,
    /// `rm -rf content; cp -r copy content`
    DeleteAndCopy,
}

/// Gives the test entry, in the folder `dir` that stands for the site's
/// `rel`, a title starting with `word`.
fn retitle(dir: &Path, rel: &str, word: &str) {
    let file = dir.join(Path::new(ENTRY).strip_prefix(rel).unwrap());
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("title = \"").unwrap() + "title = \"".len();
    let end = start + text[start..].find(' ').unwrap();
    std::fs::write(&file, format!("{}{word}{}", &text[..start], &text[end..])).unwrap();
}

#[test]
fn keeps_watching_when_folders_are_replaced() {
    let site = Site::example();
    let server = start(&site);
    let shows = |title: &str| {
        wait_for(&server, "/policies/1491/", |b| {
            b.contains(&format!("{title} Guidance on Civil"))
        })
    };
    let mut n = 0;
    let mut step = |rel: &str, how: Replace| {
        for _ in 0..2 {
            n += 1;
            let title = format!("Step{n}");
            // The folder replaced by a copy holding an edit ...
            replace_folder(&site, rel, how, |dir| retitle(dir, rel, &title));
            shows(&title);
            // ... and then edited in place: it is still watched.
            n += 1;
            let title = format!("Step{n}");
            retitle(&site.join(rel), rel, &title);
            shows(&title);
        }
    };
    step("content", Replace::MoveAside);
    step("content", Replace::DeleteAndCopy);
    step("content/policies", Replace::MoveAside);
    step("content/policies", Replace::DeleteAndCopy);

    // The theme folder too.
    let template = "themes/default/templates/base.html";
    assert!(site.read(template).contains("</footer>"));
    for (i, how) in [Replace::MoveAside, Replace::DeleteAndCopy]
        .into_iter()
        .enumerate()
    {
        replace_folder(&site, "themes", how, |dir| {
            let file = dir.join("default/templates/base.html");
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(
                &file,
                text.replace("</footer>", &format!("mark{i}a</footer>")),
            )
            .unwrap();
        });
        wait_for(&server, "/", |b| b.contains(&format!("mark{i}a")));
        let text = site.read(template);
        site.write(
            template,
            &text.replace(&format!("mark{i}a"), &format!("mark{i}b")),
        );
        wait_for(&server, "/", |b| b.contains(&format!("mark{i}b")));
    }
}

/// A site that has never built: every address shows the errors, escaped,
/// until they are fixed; then the pages come.
#[test]
fn a_site_that_never_built_shows_its_errors() {
    let site = Site::example();
    let original = site.read(ENTRY);
    let broken = original.replace(
        "announced = 2025-01-31",
        "announced = 2025-01-32 # <script>alert(1)</script> \u{1b}]8;;http://x\u{7}",
    );
    site.write(ENTRY, &broken);
    // A file name can hold a terminal's escape sequence too.
    let odd = "content/policies/9-\u{1b}[31mred.md";
    site.write(odd, "not front matter\n");
    let server = start(&site);
    let stderr = server.wait_stderr(|s| s.contains("built: "));
    assert!(
        stderr.contains(" errors and no good build yet") && !stderr.contains("last good build"),
        "{stderr}"
    );
    for path in [
        "/",
        "/policies/1491/",
        "/no/such/page/",
        "/static/docket.css",
    ] {
        let (status, page) = get(&server, path);
        assert_eq!(status, 500, "{path}");
        assert!(
            page.contains("<h1>The site has ") && page.contains(" errors</h1>"),
            "{page}"
        );
        assert!(
            page.contains("1491-victim-benefits-enforcement.md:5:"),
            "{page}"
        );
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                && !page.contains("<script>alert"),
            "{page}"
        );
        assert!(
            page.contains("\u{fffd}]8;;http://x\u{fffd}")
                && page.contains("9-\\u{1b}[31mred.md")
                && !page.contains('\u{1b}'),
            "{page}"
        );
        assert!(
            page.contains("EventSource"),
            "the error page reloads itself"
        );
        assert!(page.contains("data-generation=\"0\""));
    }
    // The page's script learns of the errors, numbered as the page is.
    let mut events = Events::open(&server);
    let first = events.next();
    assert!(first.starts_with("id: 0\nevent: errors\n"), "{first}");
    assert!(
        first.contains("9-\\\\u{1b}[31mred.md")
            && !first.contains('\u{1b}')
            && !first.contains("\\u001b"),
        "{first}"
    );

    // The terminal's summary names the file with its escape made visible.
    site.remove(odd);
    let stderr = server.wait_stderr(|s| s.contains("rebuilt: "));
    let summary = stderr.lines().find(|l| l.starts_with("rebuilt: ")).unwrap();
    assert!(
        summary.starts_with("rebuilt: content/policies/9-\\u{1b}[31mred.md changed; "),
        "{summary}"
    );
    assert!(
        events.next().contains("event: errors"),
        "still broken, so still the error page"
    );
    assert_eq!(get(&server, "/").0, 500);

    site.write(ENTRY, &original);
    let ok = events.until("event: ok");
    assert!(ok.starts_with("id: "), "{ok}");
    let (status, page) = get(&server, "/policies/1491/");
    assert_eq!(status, 200);
    assert!(page.contains("Interim Guidance on Civil"));
}

/// A policy as the history tests write it.
fn dated_policy(status: &str) -> String {
    format!(
        "+++\nid = 1\ntitle = \"Policy one\"\nadministration = \"Biden\"\n\
         announced = 2024-01-10\nstatus = [{status}]\naction = \"Rule\"\n\
         subjects = [\"Border\"]\nagencies = [\"DHS\"]\n+++\nThe text.\n"
    )
}

/// A commit or a checkout moves `HEAD` without touching a file of the
/// site, or touches files the history must be read again for: the preview
/// reads the history again, and entry pages and the recent changes follow.
#[test]
fn a_new_commit_or_a_checkout_brings_the_history_up_to_date() {
    let site = Site::with_themes();
    site.write(
        "docket.toml",
        "title = \"History\"\nlanguage = \"en\"\ntheme = \"default\"\n",
    )
    .write("content/policies/1-one.md", &dated_policy("\"Proposed\""));
    common::git::init(site.path());
    common::git::commit(site.path(), "2025-01-02", "Policy 1, proposed");
    let server = start(&site);
    let page = wait_for(&server, "/policies/1/", |b| b.contains("History"));
    assert!(page.contains("Created"), "{page}");
    assert!(!page.contains("Status changed"), "{page}");

    // An edit: the page says the file changed since its commit.
    site.write(
        "content/policies/1-one.md",
        &dated_policy("\"Final/Actual\""),
    );
    wait_for(&server, "/policies/1/", |b| {
        b.contains("has changed since it was last committed")
    });
    // Committed: no file of the site changes, HEAD moves.
    common::git::commit(site.path(), "2025-02-03", "Policy 1 is final");
    let page = wait_for(&server, "/policies/1/", |b| {
        b.contains("Status changed</span>: Proposed → Final/Actual")
    });
    assert!(!page.contains("has changed since"), "{page}");
    wait_for(&server, "/changes/", |b| {
        b.contains("2025-02-03") && b.contains("Status changed")
    });
    // Back to the first commit: the change is gone again.
    common::git::git(
        site.path(),
        &["checkout", "-q", "HEAD~1"],
        "2025-03-01T12:00:00+00:00",
    );
    assert!(site.read("content/policies/1-one.md").contains("Proposed"));
    wait_for(&server, "/policies/1/", |b| {
        b.contains("Created") && !b.contains("Status changed")
    });
}

/// A site outside git is served as it is built: its recent changes page
/// says why there is no history, and a repository made later is read.
#[test]
fn a_site_outside_git_is_served_and_a_new_repository_is_read() {
    let site = Site::with_themes();
    site.write(
        "docket.toml",
        "title = \"History\"\nlanguage = \"en\"\ntheme = \"default\"\n",
    )
    .write("content/policies/1-one.md", &dated_policy("\"Proposed\""));
    let server = start(&site);
    let page = wait_for(&server, "/changes/", |b| b.contains("no history"));
    assert!(page.contains("not in a git repository"), "{page}");
    let (status, policy) = get(&server, "/policies/1/");
    assert_eq!(status, 200);
    assert!(!policy.contains("id=\"history-h\""), "{policy}");
    common::git::init(site.path());
    common::git::commit(site.path(), "2025-01-02", "Policy 1, proposed");
    wait_for(&server, "/policies/1/", |b| {
        b.contains("id=\"history-h\"") && b.contains("Created")
    });
}
