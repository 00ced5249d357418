//! HTTP/1.1 messages as the preview reads and writes them (RFC 9112):
//! a request head read strictly (anything proxies could read differently
//! is refused), and a complete response after which the connection closes.

use std::io::{self, Write};
use std::net::{Shutdown, TcpStream};

/// A request head, as far as the preview reads it.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent: `/path?query`.
    pub target: String,
    /// Every `Host` header's value.
    pub hosts: Vec<String>,
    /// Whether a body follows the head (it is never read).
    pub has_body: bool,
}

/// A complete response; the connection closes after it.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    pub fn text(status: u16, body: impl Into<String>) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.into().into_bytes(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// Writes `response` and closes the connection.
pub fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        // A line break in a value would start a header of its own.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Where the head ends (after its blank line), if it has.
pub fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Reads a request head (RFC 9112): the request line and the header
/// fields, with httparse, which refuses what proxies could read otherwise
/// (folded lines, a space before a colon). The error is the status to
/// answer with.
pub fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let mut parsed = httparse::Request::new(&mut fields);
    match parsed.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(400),
        Err(httparse::Error::Version) if names_http_version(head) => return Err(505),
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    }
    let (Some(method), Some(target)) = (parsed.method, parsed.path) else {
        return Err(400);
    };
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        hosts: Vec::new(),
        has_body: false,
    };
    for field in parsed.headers.iter() {
        let value = std::str::from_utf8(field.value).map_err(|_| 400u16)?;
        if field.name.eq_ignore_ascii_case("host") {
            request.hosts.push(value.to_string());
        } else if field.name.eq_ignore_ascii_case("transfer-encoding")
            || (field.name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            request.has_body = true;
        }
    }
    Ok(request)
}

/// Header fields read at most; a browser sends about fifteen.
const MAX_FIELDS: usize = 64;

/// Whether the request line ends in an HTTP version docket does not speak
/// (`HTTP/2.0`), rather than in no HTTP version at all.
fn names_http_version(head: &[u8]) -> bool {
    let line = head
        .split(|&b| b == b'\r' || b == b'\n')
        .next()
        .unwrap_or_default();
    line.rsplit(|&b| b == b' ')
        .next()
        .is_some_and(|v| v.starts_with(b"HTTP/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_read_strictly() {
        let r = parse_head(b"GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\nAccept: */*\r\n\r\n")
            .unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a?b"));
        assert_eq!(r.hosts, ["localhost:1111"]);
        assert!(!r.has_body);
        let r = parse_head(b"GET / HTTP/1.0\n\n").unwrap();
        assert!(r.hosts.is_empty());
        let r = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n").unwrap();
        assert_eq!(r.hosts, ["a", "b"]);
        let r = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").unwrap();
        assert!(r.has_body);
        for (bad, status) in [
            (&b"GET /\r\n\r\n"[..], 400),
            (b"GET  / HTTP/1.1\r\n\r\n", 400),
            (b"GET / HTTP/2.0\r\n\r\n", 505),
            (b"GET / FTP/1.0\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400),
            (b"G\xffT / HTTP/1.1\r\n\r\n", 400),
        ] {
            assert_eq!(
                parse_head(bad).err(),
                Some(status),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_head_ends_at_its_blank_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"), Some(27));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n"), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
    }
}
