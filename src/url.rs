//! Web addresses as docket accepts them, in `docket.toml` (`base_url`) and
//! in front matter (`url` of an entry or a document): absolute http or
//! https URLs with a host, nothing that could break out of an attribute.

/// Whether `s` is an absolute http or https URL with a host.
/// What to do with `s`, which [`is_web_url`] refuses: the help of the
/// error. An address written whole but with a character no address holds
/// as it is (a space, a quote, `<`) is told of that character, not to
/// start with https://.
pub fn web_url_help(s: &str) -> String {
    let whole = s.starts_with("https://") || s.starts_with("http://");
    let stray = s
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'));
    match (whole, stray) {
        (true, Some(c)) => {
            let name = match c {
                ' ' => "a space".to_string(),
                '"' => "a quote (\")".to_string(),
                '<' | '>' => format!("`{c}`"),
                c => format!("U+{:04X}", u32::from(c)),
            };
            let mut utf8 = [0; 4];
            let encoded: String = c
                .encode_utf8(&mut utf8)
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect();
            format!("an address cannot hold {name} as it is: write it {encoded}, or leave it out")
        }
        (true, None) => {
            "give the address's host after the scheme, like https://example.org/report".into()
        }
        (false, _) => "write the full address, starting with https:// (or http://)".into(),
    }
}

pub fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && !host.starts_with(['.', ':', '@'])
                && !s.chars().any(|c| {
                    c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'
                })
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::web_url_help;

    #[test]
    fn a_refused_address_is_told_what_is_wrong_with_it() {
        assert_eq!(
            web_url_help("https://example.org/c?x='><b>"),
            "an address cannot hold `>` as it is: write it %3E, or leave it out"
        );
        assert_eq!(
            web_url_help("https://example.org/a report.pdf"),
            "an address cannot hold a space as it is: write it %20, or leave it out"
        );
        assert_eq!(
            web_url_help("https://"),
            "give the address's host after the scheme, like https://example.org/report"
        );
        assert_eq!(
            web_url_help("example.org"),
            "write the full address, starting with https:// (or http://)"
        );
    }
}
