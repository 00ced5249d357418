//! The default theme, built into the binary, so that `docket new site`
//! can write a complete site with nothing else installed.
//!
//! Every file of `themes/default/` must be listed here; a test fails when
//! one is missing.

macro_rules! theme_files {
    ($($path:literal,)*) => {
        /// The files of `themes/default/`, by their path inside it.
        pub const DEFAULT_THEME: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!("../../themes/default/", $path))),)*
        ];
    };
}

theme_files! {
    "static/docket.css",
    "templates/404.html",
    "templates/base.html",
    "templates/case.html",
    "templates/cases.html",
    "templates/commentary.html",
    "templates/commentary_list.html",
    "templates/court_action.html",
    "templates/court_actions.html",
    "templates/index.html",
    "templates/macros.html",
    "templates/policies.html",
    "templates/policy.html",
    "templates/term.html",
    "templates/vocabulary.html",
}

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
