//! The default theme, built into the binary: a site without a folder
//! `themes/default/` is rendered with it ([`super::theme::load`]), and
//! `docket new site --eject-theme` writes it out for those who want to
//! change all of it.
//!
//! The list of files is made by `build.rs` from `themes/default/`, so that
//! a file added to the theme is embedded too.

/// The files of `themes/default/`, by their path inside it.
pub const DEFAULT_THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The name of the built-in theme, as `theme` in `docket.toml` gives it.
pub const NAME: &str = "default";

/// What the built-in theme's files are called in messages, in place of a
/// folder of the site: `<built-in theme>/templates/base.html`.
pub const SHOWN_AS: &str = "<built-in theme>";

/// The `[settings]` of the default theme's `theme.toml`.
pub fn default_settings() -> toml::Table {
    DEFAULT_THEME
        .iter()
        .find(|(path, _)| *path == "theme.toml")
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|mut t| match t.remove("settings") {
            Some(toml::Value::Table(s)) => Some(s),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.expect("readable theme folder");
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&dir).expect("inside the theme");
                on_disk.push(crate::source::display_name(Path::new(""), rel));
            }
        }
        let mut embedded: Vec<String> = super::DEFAULT_THEME
            .iter()
            .map(|(p, _)| p.to_string())
            .collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "src/render/embedded.rs must list every file of themes/default/"
        );
    }

    #[test]
    fn the_embedded_theme_compiles() {
        let theme = super::super::theme::built_in().expect("compiles");
        assert!(theme.has_template("base.html") && theme.has_template("lineage.html"));
        assert!(theme.static_files.contains_key("docket.css"));
        assert!(!theme.settings.is_empty());
    }
}
