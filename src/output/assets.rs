//! Files copied unchanged: the theme's static files (under `static/`) and
//! the site's documents (under `documents/`).

use rayon::prelude::*;

use super::Staging;
use crate::content::walk::{CONTENT_DIR, DOCUMENTS_DIR};
use crate::error::Error;
use crate::render::Theme;
use crate::Site;

pub fn copy(site: &Site, theme: &Theme, staging: &Staging) -> Result<(), Error> {
    let documents = site.root.join(CONTENT_DIR).join(DOCUMENTS_DIR);
    let mut plan: Vec<(std::path::PathBuf, String)> = theme
        .static_files
        .iter()
        .map(|(rel, src)| (src.clone(), format!("static/{rel}")))
        .collect();
    plan.extend(
        site.corpus
            .documents
            .iter()
            .map(|d| (documents.join(&d.0), format!("documents/{}", d.0))),
    );
    plan.par_iter()
        .try_for_each(|(src, rel)| staging.copy(src, rel))
}
