//! Which `Host` a request may name. A web page can reach a server on
//! loopback through DNS rebinding: its own name, resolved a second time to
//! 127.0.0.1, makes the browser send the page's requests here, and read the
//! answers as its own. Those requests carry the page's name in `Host`, so
//! the preview answers only for names no outside page can have: `localhost`
//! and its subdomains (browsers resolve them to loopback themselves), IP
//! addresses (an address names itself, so a page at one is this server),
//! the name given to `--interface`, and the names the user allows with
//! `--allow-host`.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The names a request's `Host` may carry, besides loopback and addresses.
#[derive(Clone, Debug, Default)]
pub struct Allowed {
    names: Vec<String>,
}

/// Why a request's host is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No `Host` header, or more than one: the request says nothing sure
    /// about which site it is for.
    Missing,
    Duplicated,
    /// A `Host` that is not a host name with an optional port.
    Malformed,
    /// A well-formed name that is not allowed.
    NotAllowed(String),
}

impl Allowed {
    /// The allowed names: the interface, if it is a name, and the names
    /// given with `--allow-host`.
    pub fn new(interface: &str, extra: &[String]) -> Allowed {
        let mut names: Vec<String> = extra.iter().map(|n| normalise(n)).collect();
        names.push(normalise(interface));
        names.sort();
        names.dedup();
        Allowed { names }
    }

    /// Whether a request with these `Host` header values may be answered.
    pub fn check(&self, hosts: &[&str]) -> Result<(), Refusal> {
        let value = match hosts {
            [] => return Err(Refusal::Missing),
            [one] => *one,
            _ => return Err(Refusal::Duplicated),
        };
        let name = host_name(value).ok_or(Refusal::Malformed)?;
        if is_local(&name) || self.names.contains(&name) {
            Ok(())
        } else {
            Err(Refusal::NotAllowed(name))
        }
    }
}

/// The plain-text answer to a refused request.
pub fn explain(refusal: &Refusal) -> String {
    match refusal {
        Refusal::Missing => "docket serve: this request names no host (the Host header); \
                             every browser sends one, and the preview answers only requests \
                             that name it.\n"
            .to_string(),
        Refusal::Duplicated => {
            "docket serve: this request names more than one host (Host header).\n".to_string()
        }
        Refusal::Malformed => {
            "docket serve: this request's Host header is not a host name.\n".to_string()
        }
        Refusal::NotAllowed(name) => format!(
            "docket serve: refused a request for the host `{name}`.\n\
             The preview answers only for localhost, IP addresses and the names it is told \
             of, so that a web site cannot read it by making its own name point here \
             (DNS rebinding).\n\
             To preview under this name, start it with: docket serve --allow-host {name}\n"
        ),
    }
}

/// Whether `value` may be given to `--allow-host`: a host name, without
/// scheme, port or path.
pub fn parse_name(value: &str) -> Result<String, String> {
    let name = normalise(value);
    if !name.is_empty() && name.len() <= 253 && name.bytes().all(is_name_byte) {
        Ok(name)
    } else {
        Err(format!(
            "`{}` is not a host name: give the name alone, without scheme, port or path, like preview.example.test",
            value.escape_debug()
        ))
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_'
}

/// Names compare without case and without the final dot of a fully
/// qualified name (`localhost.` is `localhost`).
fn normalise(name: &str) -> String {
    let name = name.trim().to_ascii_lowercase();
    name.strip_suffix('.').map(str::to_string).unwrap_or(name)
}

/// The name in a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`),
/// normalised; IPv6 addresses keep their brackets.
fn host_name(value: &str) -> Option<String> {
    let value = value.trim();
    let (name, port) = if value.starts_with('[') {
        let end = value.find(']')?;
        let (addr, rest) = value.split_at(end + 1);
        addr[1..end].parse::<Ipv6Addr>().ok()?;
        (addr, rest.strip_prefix(':'))
    } else {
        match value.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (value, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if !name.starts_with('[') && (name.is_empty() || !name.bytes().all(is_name_byte)) {
        return None;
    }
    Some(normalise(name))
}

/// Names that only ever mean this machine, or this very server.
fn is_local(name: &str) -> bool {
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<Ipv4Addr>().is_ok()
        || (name.starts_with('[') && name.ends_with(']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(allowed: &Allowed, host: &str) -> Result<(), Refusal> {
        allowed.check(&[host])
    }

    #[test]
    fn loopback_names_and_addresses_are_answered() {
        let a = Allowed::new("127.0.0.1", &[]);
        for ok in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.",
            "docs.localhost:80",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
            "192.168.1.20:1111",
        ] {
            assert_eq!(check(&a, ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn other_names_are_refused_unless_allowed() {
        let a = Allowed::new("127.0.0.1", &[]);
        assert_eq!(
            check(&a, "evil.example:1111"),
            Err(Refusal::NotAllowed("evil.example".into()))
        );
        assert_eq!(
            check(&a, "localhost.evil.example"),
            Err(Refusal::NotAllowed("localhost.evil.example".into()))
        );
        // Not an address: a name made of digits and dots that is no IPv4.
        assert!(check(&a, "127.0.0.1.evil.example").is_err());
        assert!(check(&a, "0x7f.1").is_err());
        let a = Allowed::new("127.0.0.1", &["Preview.Example.Test".into()]);
        assert_eq!(check(&a, "preview.example.test:1111"), Ok(()));
        let a = Allowed::new("mybox.lan", &[]);
        assert_eq!(check(&a, "MyBox.lan:1111"), Ok(()));
    }

    #[test]
    fn missing_repeated_and_malformed_hosts_are_refused() {
        let a = Allowed::default();
        assert_eq!(a.check(&[]), Err(Refusal::Missing));
        assert_eq!(
            a.check(&["localhost", "localhost"]),
            Err(Refusal::Duplicated)
        );
        for bad in [
            "",
            "localhost:",
            "localhost:99999x",
            "[::1",
            "[nope]",
            "a b",
            "evil.example/x",
            "user@localhost",
            "localhost:1:2",
            "\u{1b}[31mlocalhost",
        ] {
            assert_eq!(check(&a, bad), Err(Refusal::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn allow_host_takes_a_bare_name() {
        assert_eq!(
            parse_name("Preview.Example.Test").as_deref(),
            Ok("preview.example.test")
        );
        for bad in ["", "http://x", "x:1111", "x/y", "\u{1b}]8;;x"] {
            assert!(parse_name(bad).is_err(), "{bad:?}");
        }
    }
}
