//! Web addresses as docket accepts them, in `docket.toml` (`base_url`) and
//! in front matter (`url` of an entry or a document): absolute http or
//! https URLs with a host, nothing that could break out of an attribute.

/// Whether `s` is an absolute http or https URL with a host.
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
