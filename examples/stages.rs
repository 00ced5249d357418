//! Times each stage of a build, and rendering by kind of page, on one
//! thread, without writing anything: where does a build spend its time?
//!
//! ```text
//! cargo run --release --example stages -- SITE_DIR
//! ```
//!
//! CPU-bound stages are timed sequentially so that the figures add up and
//! do not depend on the machine's other load; the real build runs parse
//! and render in parallel. docs/performance.md shows how to read them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use docket::diag::Diagnostics;
use docket::render::{self, Model, Page};
use docket::LoadOptions;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: stages SITE_DIR");
        return ExitCode::from(2);
    };
    let mut diags = Diagnostics::default();
    let t = Instant::now();
    let Ok(site) = docket::load(&root, &LoadOptions::default(), &mut diags) else {
        eprintln!("stages: cannot load {}", root.display());
        return ExitCode::FAILURE;
    };
    let load = t.elapsed();
    let t = Instant::now();
    let Ok(theme) = render::theme::load(&root, &site.config) else {
        eprintln!("stages: cannot load the theme");
        return ExitCode::FAILURE;
    };
    let theme_time = t.elapsed();
    let t = Instant::now();
    let (bodies, terms, by_date) = render::prepare(&site, &mut diags);
    let prepare = t.elapsed();
    let model = Model {
        site: &site,
        bodies: &bodies,
        terms: &terms,
        by_date: &by_date,
    };
    let t = Instant::now();
    let artifacts = render::artifacts(&model);
    let artifact_time = t.elapsed();
    let mut by_kind: BTreeMap<&str, (usize, Duration, usize, usize)> = BTreeMap::new();
    for page in model.pages() {
        let t = Instant::now();
        let out = match model.render(&theme, page) {
            Ok(out) => out,
            Err(e) => {
                eprintln!("stages: {e}");
                return ExitCode::FAILURE;
            }
        };
        let e = by_kind.entry(kind(page)).or_default();
        e.0 += 1;
        e.1 += t.elapsed();
        e.2 += out.bytes.len();
        e.3 = e.3.max(out.bytes.len());
    }
    println!(
        "{} entries, {} diagnostics",
        site.corpus.len(),
        diags.errors() + diags.warnings()
    );
    println!("{:<28}{:>10}", "load + link (parallel parse)", ms(load));
    println!("{:<28}{:>10}", "theme", ms(theme_time));
    println!("{:<28}{:>10}", "prepare (parallel Markdown)", ms(prepare));
    println!(
        "{:<28}{:>10}   {} files, {} bytes",
        "artifacts",
        ms(artifact_time),
        artifacts.len(),
        artifacts.iter().map(|a| a.bytes.len()).sum::<usize>()
    );
    println!("render, one thread:          total ms  pages  µs/page   MiB out  largest KiB");
    let mut total = Duration::ZERO;
    for (k, (n, d, bytes, max)) in &by_kind {
        total += *d;
        println!(
            "  {:<24}{:>10}{:>7}{:>9.0}{:>10.1}{:>13.1}",
            k,
            ms(*d),
            n,
            d.as_secs_f64() * 1e6 / *n as f64,
            *bytes as f64 / 1048576.0,
            *max as f64 / 1024.0
        );
    }
    println!("  {:<24}{:>10}", "all pages", ms(total));
    ExitCode::SUCCESS
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn kind(page: Page) -> &'static str {
    match page {
        Page::Home => "home",
        Page::Policies => "policies list",
        Page::CourtActions => "court actions list",
        Page::Cases => "cases list",
        Page::CommentaryList => "commentary list",
        Page::Policy(_) => "policy",
        Page::CourtAction(_) => "court action",
        Page::Case(_) => "case",
        Page::Commentary(_) => "commentary",
        Page::Vocabulary(_) => "vocabulary",
        Page::Term(..) => "term",
        Page::More(..) => "list or term, page 2+",
        Page::Search => "search",
        Page::NotFound => "404",
        Page::Download => "download",
    }
}
