//! The default theme, built into the binary, so that `docket new site`
//! can write a complete site with nothing else installed.
//!
//! The list of files is made by `build.rs` from `themes/default/`, so that
//! a file added to the theme is embedded too.

/// The files of `themes/default/`, by their path inside it.
pub const DEFAULT_THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The default theme's templates compiled, without its static files: for
/// rendering in memory, where nothing is read from or written to disk.
pub fn default_theme() -> Result<super::Theme, String> {
    let templates = DEFAULT_THEME.iter().filter_map(|(path, bytes)| {
        let name = path.strip_prefix("templates/")?;
        Some((name, std::str::from_utf8(bytes).ok()?))
    });
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(templates)
        .map_err(|e| super::theme::chain(&e))?;
    Ok(super::Theme {
        tera,
        static_files: Default::default(),
    })
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
        assert!(super::default_theme().is_ok());
    }
}
