//! The preview's HTTP side: paths to in-memory pages, content types, the
//! live-reload event stream. Only what the site holds can be served: a
//! request path is looked up among the site's own paths, never joined to a
//! folder on disk, so no encoding of `..` can reach outside the site.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::Shared;

pub const EVENTS: &str = "__docket/events";

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A site path like `policies/1491/index.html`.
    Path(String),
    /// The live-reload event stream.
    Events,
    /// A path no site file can have (`..`, a backslash, bad encoding).
    Invalid,
}

/// Decodes and checks a request URL's path.
pub fn target(url: &str) -> Target {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(raw) else {
        return Target::Invalid;
    };
    if decoded.contains(['\\', '\0']) || !decoded.starts_with('/') {
        return Target::Invalid;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Target::Invalid,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if path == EVENTS {
        return Target::Events;
    }
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Target::Path(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with(".atom.xml") || path.contains("feed") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// Answers one request.
pub fn handle(shared: &Shared, request: Request) {
    if request.method() != &tiny_http::Method::Get && request.method() != &tiny_http::Method::Head {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let path = match target(request.url()) {
        Target::Invalid => {
            let _ = request.respond(Response::from_string("bad request").with_status_code(400));
            return;
        }
        Target::Events => return events(shared, request),
        Target::Path(p) => p,
    };
    let found = {
        let engine = shared.engine.read().unwrap_or_else(|e| e.into_inner());
        match engine.page(&path) {
            Some(bytes) => Some(Body::Bytes(bytes.to_vec())),
            None => match engine.asset(&path) {
                Some(file) => std::fs::read(file).ok().map(Body::Bytes),
                None if engine.page(&format!("{path}/index.html")).is_some() => {
                    Some(Body::Redirect(format!("/{path}/")))
                }
                None => None,
            },
        }
        .map(|b| (b, content_type(&path)))
        .ok_or_else(|| engine.page("404.html"))
    };
    let response = match found {
        Ok((Body::Bytes(bytes), ctype)) => {
            let bytes = if ctype.starts_with("text/html") {
                inject(bytes)
            } else {
                bytes
            };
            Response::from_data(bytes)
                .with_header(header("Content-Type", ctype))
                .with_status_code(200)
        }
        Ok((Body::Redirect(to), _)) => Response::from_data(Vec::new())
            .with_header(header("Location", &to))
            .with_status_code(301),
        Err(not_found) => {
            let bytes = not_found
                .map(|b| inject(b.to_vec()))
                .unwrap_or_else(|| b"not found".to_vec());
            Response::from_data(bytes)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_status_code(StatusCode(404))
        }
    };
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

enum Body {
    Bytes(Vec<u8>),
    Redirect(String),
}

/// The live-reload script, added to HTML pages in serve mode only.
const LIVE: &str = include_str!("live.js");

fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let script = format!("<script>{LIVE}</script>");
    match find_last(&html, b"</body>") {
        Some(i) => {
            html.splice(i..i, script.into_bytes());
            html
        }
        None => {
            html.extend_from_slice(script.as_bytes());
            html
        }
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Streams server-sent events to one open page until it goes away.
fn events(shared: &Shared, request: Request) {
    let rx: Receiver<String> = shared.subscribe();
    let first = shared.status_event();
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.write_all(first.as_bytes()))
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(target("/"), Target::Path("index.html".into()));
        assert_eq!(
            target("/policies/1491/"),
            Target::Path("policies/1491/index.html".into())
        );
        assert_eq!(
            target("/policies/1491/index.html?x=1"),
            Target::Path("policies/1491/index.html".into())
        );
        assert_eq!(target("/a%20b.pdf"), Target::Path("a b.pdf".into()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/..%2f..%2fx",
            "/a\\..\\x",
            "/%00",
            "/%zz",
            "etc/passwd",
            "/%c0%ae%c0%ae/",
        ] {
            assert_eq!(target(bad), Target::Invalid, "{bad}");
        }
        assert_eq!(target("/__docket/events"), Target::Events);
    }
}
