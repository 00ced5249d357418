//! `docket serve` from the outside: a real server on an ephemeral port,
//! edits on disk, and what a browser would get.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(common::BIN)
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
    Server { child, addr }
}

/// A raw GET, so that paths reach the server exactly as written.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
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

fn wait_for(server: &Server, path: &str, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(server, path);
        if what(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting on {path}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The first event the live-reload stream sends: the state of the content.
fn first_event(server: &Server) -> String {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /__docket/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut out = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return out;
        }
        out.push_str(&line);
        if out.contains("\ndata: ") && line == "\n" {
            return out;
        }
    }
}

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

    let file = "content/policies/1491-victim-benefits-enforcement.md";
    let original = site.read(file);
    site.write(
        file,
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
        file,
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

    // Fix it again.
    site.write(file, &original);
    wait_for(&server, "/policies/1491/", |b| {
        b.contains("Interim Guidance on Civil")
    });
    assert!(first_event(&server).contains("event: ok"));
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
    let (status, _) = get(&server, "/documents/2025-01-31-ice-directive-11005.4.pdf");
    assert_eq!(status, 200);
}
