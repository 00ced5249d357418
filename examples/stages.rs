//! Times each stage of a build, and rendering by kind of page, on one
//! thread, without writing anything: where does a build spend its time?
//!
//! ```text
//! cargo run --release --example stages -- SITE_DIR
//! ```
//!
//! Stages are timed one after the other so that the figures add up; the
//! real build runs parse and render in parallel. Each figure is the CPU
//! time the process used (user + system), which other load on the machine
//! changes far less than wall-clock time; run with RAYON_NUM_THREADS=1 to
//! keep the parallel stages from adding up the time of several threads.
//! docs/performance.md shows how to read them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use docket::diag::Diagnostics;
use docket::publish::Generator;
use docket::render::{self, Renderer, Rows};
use docket::site::downloads::Downloads;
use docket::site::paths::Page;
use docket::site::Derived;
use docket::LoadOptions;

// The allocator of the docket binary (src/main.rs), set as `build` sets
// it, so that the figures are those of the program users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    docket::alloc::keep_freed_memory();
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: stages SITE_DIR");
        return ExitCode::from(2);
    };
    let mut diags = Diagnostics::default();
    let t = cpu_now();
    let Ok(site) = docket::load(&root, &LoadOptions::default(), &mut diags) else {
        eprintln!("stages: cannot load {}", root.display());
        return ExitCode::FAILURE;
    };
    let load = cpu_now() - t;
    let t = cpu_now();
    let Ok(theme) = render::theme::load(&root, &site.config) else {
        eprintln!("stages: cannot load the theme");
        return ExitCode::FAILURE;
    };
    let theme_time = cpu_now() - t;
    let t = cpu_now();
    let derived = Derived::new(&site, &mut diags);
    let prepare = cpu_now() - t;
    let model = derived.model(&site);
    let mut generated = Vec::new();
    for generator in Generator::ALL {
        let t = cpu_now();
        let files = match generator.run(&model) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("stages: {e}");
                return ExitCode::FAILURE;
            }
        };
        let bytes = files.iter().map(|f| f.bytes.len()).sum::<usize>();
        generated.push((generator, cpu_now() - t, files.len(), bytes));
    }
    // Per kind: pages, total time, of which building the context, bytes, largest.
    let mut by_kind: BTreeMap<&str, (usize, Duration, Duration, usize, usize)> = BTreeMap::new();
    let rows = Rows::new(&model);
    let downloads = match docket::publish::data_files(&model) {
        Ok(files) => Downloads {
            files,
            archive: None,
        },
        Err(e) => {
            eprintln!("stages: {e}");
            return ExitCode::FAILURE;
        }
    };
    let renderer = Renderer {
        theme: &theme,
        rows: &rows,
        downloads: Some(&downloads),
    };
    for page in model.pages() {
        let t = cpu_now();
        let context = renderer.context(&model, page);
        let c = cpu_now() - t;
        drop(context);
        let t = cpu_now();
        let out = match renderer.render(&model, page) {
            Ok(out) => out,
            Err(e) => {
                eprintln!("stages: {e}");
                return ExitCode::FAILURE;
            }
        };
        let e = by_kind.entry(kind(page)).or_default();
        e.0 += 1;
        e.1 += cpu_now() - t;
        e.2 += c;
        e.3 += out.bytes.len();
        e.4 = e.4.max(out.bytes.len());
    }
    println!(
        "{} entries, {} diagnostics; CPU time (user + system) in ms",
        site.corpus.len(),
        diags.errors() + diags.warnings()
    );
    println!("{:<28}{:>10}", "load + link (parallel parse)", ms(load));
    println!("{:<28}{:>10}", "theme", ms(theme_time));
    println!("{:<28}{:>10}", "prepare (parallel Markdown)", ms(prepare));
    println!("generated files:");
    for (generator, d, files, bytes) in &generated {
        println!(
            "  {:<26}{:>10}   {} files, {:.1} MiB",
            format!("{generator:?}"),
            ms(*d),
            files,
            *bytes as f64 / 1048576.0
        );
    }
    println!(
        "render, one thread:          total ms  pages  µs/page  context µs   MiB out  largest KiB"
    );
    let mut total = Duration::ZERO;
    for (k, (n, d, c, bytes, max)) in &by_kind {
        total += *d;
        println!(
            "  {:<24}{:>10}{:>7}{:>9.0}{:>12.0}{:>10.1}{:>13.1}",
            k,
            ms(*d),
            n,
            d.as_secs_f64() * 1e6 / *n as f64,
            c.as_secs_f64() * 1e6 / *n as f64,
            *bytes as f64 / 1048576.0,
            *max as f64 / 1024.0
        );
    }
    println!("  {:<24}{:>10}", "all pages", ms(total));
    println!("(the context is built again when a page is rendered: it is part of the page's time)");
    ExitCode::SUCCESS
}

/// CPU time used by this process so far, user and system.
fn cpu_now() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
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
        Page::Changes => "recent changes",
        Page::Policy(_) => "policy",
        Page::CourtAction(_) => "court action",
        Page::Case(_) => "case",
        Page::Commentary(_) => "commentary",
        Page::Lineage(_) => "lineage",
        Page::Vocabulary(_) => "vocabulary",
        Page::Term(..) => "term",
        Page::More(..) => "list or term, page 2+",
        Page::Search => "search",
        Page::NotFound => "404",
        Page::Download => "download",
    }
}
