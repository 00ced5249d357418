//! Files copied unchanged: the theme's static files (under `static/`) and
//! the site's documents (under `documents/`), by a plan of where each comes
//! from and where it goes, made by the pipeline.

use std::path::PathBuf;

use rayon::prelude::*;

use super::Staging;
use crate::error::Error;

/// Copies each file of `plan`, a source path and the site path it goes to.
pub fn copy(plan: &[(PathBuf, String)], staging: &Staging) -> Result<(), Error> {
    plan.par_iter()
        .try_for_each(|(src, rel)| staging.copy(src, rel))
}
