//! What a request gets: a page from memory, a file of the site, the
//! live-reload event stream, or a refusal. Only what the site holds can be
//! served: a request path is looked up among the site's own paths, never
//! joined to a folder on disk, so no encoding of `..` can reach outside the
//! site. Requests are answered only for the host names `host` allows.

use std::sync::Arc;

use super::host::{self, Refusal};
use super::message::{Request, Response};
use super::server::Answer;
use super::{errors, Shared};
use crate::site::paths;

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
    let Some(decoded) = crate::percent::decode(raw) else {
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
        path.push_str(paths::INDEX);
    }
    Target::Path(path)
}

/// A site path as a URL path: bytes other than unreserved characters
/// and `/` percent-encoded.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

/// Answers one request.
pub fn answer(shared: &Arc<Shared>, request: &Request) -> Answer {
    let hosts: Vec<&str> = request.hosts.iter().map(String::as_str).collect();
    if let Err(refusal) = shared.allowed.check(&hosts) {
        shared.report_refusal(&refusal);
        let status = match refusal {
            Refusal::NotAllowed(_) => 403,
            _ => 400,
        };
        return Answer::Response(Response::text(status, host::explain(&refusal)));
    }
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return Answer::Response(
            Response::text(405, "docket serve: only GET and HEAD are answered.\n")
                .with_header("Allow", "GET, HEAD"),
        );
    }
    let response = match target(&request.target) {
        Target::Invalid => {
            Response::text(400, "docket serve: no file of the site has this path.\n")
        }
        Target::Events if !head => {
            let shared = Arc::clone(shared);
            return Answer::Stream(Box::new(move |conn| {
                shared.hub.subscribe(conn, || shared.status_event());
            }));
        }
        Target::Events => Response::new(200, "text/event-stream", Vec::new()),
        Target::Path(path) => file(shared, &path),
    };
    Answer::Response(response.with_header("Cache-Control", "no-store"))
}

/// The response for a site path.
fn file(shared: &Shared, path: &str) -> Response {
    let state = shared.state();
    let engine = &state.engine;
    if !engine.has_site() {
        let page = errors::error_page(engine.diag_sources(), &engine.diags, state.generation);
        return Response::new(500, "text/html; charset=utf-8", inject(page));
    }
    let found = match engine.page(path) {
        Some(bytes) => Some(Body::Bytes(bytes.to_vec())),
        None => match engine.asset(path) {
            Some(file) => crate::sitefs::read(file).ok().map(Body::Bytes),
            None if engine.page(&paths::folder_page(path)).is_some() => {
                Some(Body::Redirect(format!("/{}/", percent_encode(path))))
            }
            None => None,
        },
    };
    match found {
        Some(Body::Bytes(bytes)) => {
            let ctype = content_type(path);
            let bytes = if ctype.starts_with("text/html") {
                inject(bytes)
            } else {
                bytes
            };
            Response::new(200, ctype, bytes)
        }
        Some(Body::Redirect(to)) => {
            Response::new(301, "text/plain; charset=utf-8", Vec::new()).with_header("Location", to)
        }
        None => match engine.page("404.html") {
            Some(page) => Response::new(404, "text/html; charset=utf-8", inject(page.to_vec())),
            None => Response::text(404, "not found"),
        },
    }
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

    #[test]
    fn redirects_name_encoded_paths() {
        assert_eq!(percent_encode("terms/a b/ç"), "terms/a%20b/%C3%A7");
        assert_eq!(
            percent_encode("a\r\nSet-Cookie: x"),
            "a%0D%0ASet-Cookie%3A%20x"
        );
    }
}
