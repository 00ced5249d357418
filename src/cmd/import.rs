//! `docket import`: a spreadsheet into entry files, every problem shown at
//! its cell, nothing written unless every row is right.

use std::path::Path;

use super::{failure, Outcome};
use crate::cli::ImportArgs;
use crate::diag::{print, summary, Format};
use crate::import::{self, Options, What};

pub fn run(root: &Path, args: &ImportArgs) -> Outcome {
    let options = Options {
        file: args.file.clone(),
        kind: args.kind,
        map: args.map.clone(),
        sheet: args.sheet.clone(),
        dry_run: args.dry_run,
    };
    let done = match import::import(root, &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}", crate::terminal::visible(&e));
            return Outcome::Fatal;
        }
    };
    print(args.format, &done.sources, &done.diags);
    let from = crate::terminal::path(&args.file);
    if done.diags.has_errors() {
        eprintln!(
            "import failed: {}; nothing was written",
            summary(&done.diags)
        );
        return failure(&done.diags);
    }
    // The paths on standard output are for people and shell scripts; a
    // machine format keeps standard output to its own lines.
    if args.format == Format::Human {
        for entry in &done.entries {
            println!(
                "{}",
                crate::terminal::visible(&crate::source::display_name(root, &entry.path))
            );
        }
    }
    let kind = done
        .kind
        .unwrap_or(What::Entries(crate::content::Kind::Policy));
    let what = kind.count(done.entries.len());
    let ids = match (
        done.entries.iter().filter_map(|e| e.id).min(),
        done.entries.iter().filter_map(|e| e.id).max(),
    ) {
        (Some(a), Some(b)) if a == b => format!(" (id {a})"),
        (Some(a), Some(b)) => format!(" (ids {a} to {b})"),
        _ => String::new(),
    };
    if done.written {
        eprintln!(
            "imported {what}{ids} from {from} into content/{}/: {}; run `docket check`",
            kind.dir(),
            summary(&done.diags)
        );
    } else {
        eprintln!(
            "checked {from}: {what}{ids} would be written into content/{}/: {}; nothing was written (--dry-run)",
            kind.dir(),
            summary(&done.diags)
        );
    }
    Outcome::Success
}
