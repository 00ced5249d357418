//! Addresses elsewhere (an entry's `url`) as a reader reads them in a
//! link: host and a short form, not the raw encoded address.

/// The longest path or query a [`short_label`] shows before it cuts.
const LABEL_PART: usize = 32;

/// A web address as a reader can read it in a link: its host without
/// `www.`, then its path and query decoded
/// (`legislature.example.gov/bill.aspx?bill=HB100`), or, for an address
/// that is a search (no path, a query), the words searched for:
/// `courtlistener.com: docketNumber:"2:25-cv-09848"`.
/// Long parts are cut with `…`; an address docket cannot read comes back
/// as it is.
pub fn short_label(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let tail = rest[end..].split('#').next().unwrap_or("");
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    // Decoded only where that gives readable text: never a control character.
    let readable = |s: &str| match crate::percent::decode(s) {
        Some(d) if !d.chars().any(char::is_control) => d.into_owned(),
        _ => s.to_string(),
    };
    let path: Vec<String> = path
        .split('/')
        .filter(|p| !p.is_empty())
        .map(readable)
        .collect();
    if !path.is_empty() {
        // The query too where it names what the page is (`?bill=HB100`):
        // two such links on one page must read differently. Not the
        // parameters that only track where a click came from.
        let named: Vec<String> = query
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("utm_"))
            .map(readable)
            .collect();
        let path = path.join("/");
        if named.is_empty() {
            return format!("{host}/{}", cut(&path));
        }
        return format!("{host}/{}?{}", cut(&path), cut(&named.join("&")));
    }
    let searched = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| matches!(*k, "q" | "query" | "search" | "s"))
        // A form's query writes spaces as `+`.
        .map(|(_, v)| readable(&v.replace('+', " ")));
    match searched {
        Some(words) if !words.trim().is_empty() => format!("{host}: {}", cut(words.trim())),
        _ => host.to_string(),
    }
}

fn cut(s: &str) -> String {
    match s.char_indices().nth(LABEL_PART) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn addresses_read_as_host_and_short_form() {
        assert_eq!(
            short_label(
                "https://www.courtlistener.com/?type=r&q=docketNumber%3A%222%3A25-cv-09848%22"
            ),
            "courtlistener.com: docketNumber:\"2:25-cv-09848\""
        );
        assert_eq!(
            short_label("https://www.courtlistener.com/docket/69369873/immigration-center-for-women-and-children-v-noem/"),
            "courtlistener.com/docket/69369873/immigration-cent…"
        );
        assert_eq!(short_label("https://example.org/"), "example.org");
        assert_eq!(
            short_label("https://example.org/a%20b?x=1"),
            "example.org/a b?x=1"
        );
        // Two bills of one page of a legislature read apart; tracking goes.
        assert_eq!(
            short_label("https://leg.example.gov/bill.aspx?bill=HB100&utm_source=x"),
            "leg.example.gov/bill.aspx?bill=HB100"
        );
        assert_eq!(
            short_label("https://example.org/page?utm_source=feed"),
            "example.org/page"
        );
        assert_eq!(short_label("https://example.org/%zz"), "example.org/%zz");
        assert_eq!(short_label("ftp://x"), "ftp://x");
        assert_eq!(short_label("https://x.org/a%00b"), "x.org/a%00b");
    }
}
