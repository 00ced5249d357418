//! The modules of docket depend on each other one way only: each may use
//! the modules below it in [`LAYERS`] and none above it, nor its siblings in
//! the same layer. The book's "Architecture" chapter writes the same order
//! down; this test reads every `src/**/*.rs` and fails on a `crate::…`
//! path that goes up or sideways.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level modules, lowest first. A module may import from the
/// layers before its own, never from its own layer or a later one.
const LAYERS: &[&[&str]] = &[
    // Base: small modules that know nothing of a site.
    &[
        "source", "escape", "slug", "percent", "terminal", "url", "error", "alloc",
    ],
    &["diag"],
    &["syntax", "sitefs"],
    // Writes bytes into the output folder, given plain paths and bytes: it
    // knows nothing of the model, the theme or the pages.
    &["output"],
    // The stages, in the order a build runs them.
    &["config"],
    &["content"],
    &["graph"],
    // The entries' history from git: read with the content's parser, used
    // by the site's model.
    &["history"],
    &["site"],
    // Pages and the other files, side by side: neither uses the other.
    &["render", "publish"],
    &["pipeline"],
    // What runs the pipeline.
    &["serve", "fuzz", "import"],
    &["cli"],
    &["cmd"],
];

/// The crate root and the binary, which may name anything.
const ROOTS: &[&str] = &["lib", "main"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules `text` (the source of a file of `module`) uses
/// that it may not, with the line of each.
fn violations(module: &str, text: &str) -> Vec<(String, usize)> {
    let Some(own) = layer_of(module) else {
        return vec![(format!("{module} is not in LAYERS"), 0)];
    };
    used_modules(text)
        .into_iter()
        .filter(|(used, _)| used != module)
        .filter(|(used, _)| layer_of(used).is_none_or(|l| l >= own))
        .collect()
}

/// Every top-level module named by a `crate::` path in `text`, with its
/// line, outside comments and string literals.
fn used_modules(text: &str) -> Vec<(String, usize)> {
    let code = code_only(text);
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = &rest[..at];
            rest = &rest[at + "crate::".len()..];
            // `$crate::` and `docket_crate::` are not this crate's root.
            if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};`: the first name of each part.
                let group = group.split('}').next().unwrap_or("");
                for part in group.split(',') {
                    let name = ident(part.trim_start());
                    if !name.is_empty() {
                        out.push((name.to_string(), i + 1));
                    }
                }
            } else {
                let name = ident(rest);
                if !name.is_empty() {
                    out.push((name.to_string(), i + 1));
                }
            }
        }
    }
    out
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// `text` with comments and the contents of string and character literals
/// blanked out, lines kept where they were.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_start(&chars, i) {
            // r"…", r#"…"#: ends at the quote followed by as many #.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(chars[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    out.push(blank(c));
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('"', '\''), not a lifetime ('a).
            i += 1;
            if chars.get(i) == Some(&'\\') {
                i += 2;
            }
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `i` starts a raw string rather than ending a name.
fn raw_start(chars: &[char], i: usize) -> bool {
    let after_name = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !after_name && chars.get(j) == Some(&'"')
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable folder").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file of src/");
    let first = rel
        .components()
        .next()
        .expect("a path")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

#[test]
fn no_module_imports_from_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = BTreeSet::new();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if ROOTS.contains(&module.as_str()) {
            continue;
        }
        modules.insert(module.clone());
        let text = std::fs::read_to_string(file).expect("readable source");
        for (used, line) in violations(&module, &text) {
            let rel = file.strip_prefix(&src).unwrap_or(file).display();
            wrong.push(format!("src/{rel}:{line}: {module} uses crate::{used}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the order of tests/architecture.rs (a module may use only the layers below its own):\n{}",
        wrong.join("\n")
    );
    // Every module of the order exists: the order is not left behind when
    // a module is renamed.
    for layer in LAYERS {
        for m in *layer {
            assert!(
                modules.contains(*m),
                "LAYERS names {m}, which is not in src/"
            );
        }
    }
}

#[test]
fn the_order_is_written_in_the_book() {
    let book =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .expect("docs/architecture.md");
    let order = book
        .split("```text\n")
        .find(|block| block.starts_with("dependency order"))
        .expect("docs/architecture.md has a ```text block starting `dependency order`");
    let order = order.split("```").next().unwrap_or_default();
    let written: Vec<Vec<&str>> = order
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(". ").map(|(_, names)| names))
        .map(|names| names.split(", ").map(str::trim).collect())
        .collect();
    let expected: Vec<Vec<&str>> = LAYERS.iter().map(|l| l.to_vec()).collect();
    assert_eq!(
        written, expected,
        "the dependency order of docs/architecture.md and tests/architecture.rs differ"
    );
}

#[test]
fn the_check_finds_an_import_from_above() {
    // output writes bytes: naming the renderer or the model is a violation.
    let text = "//! Writing.\nuse crate::error::Error;\nuse crate::render::Theme;\n";
    assert_eq!(violations("output", text), vec![("render".to_string(), 3)]);
    let text = "fn f() { let _ = crate::site::paths::HOME; }";
    assert_eq!(violations("output", text), vec![("site".to_string(), 1)]);
    // Siblings may not use each other.
    let text = "use crate::{diag::Code, render::Renderer};";
    assert_eq!(violations("publish", text), vec![("render".to_string(), 1)]);
    // Below is fine; comments and strings are not imports.
    let text = "use crate::site::Model;\n// crate::cmd\nlet s = \"crate::cmd\";\nlet c = '\"'; // crate::cmd\n";
    assert_eq!(violations("render", text), Vec::<(String, usize)>::new());
    assert_eq!(
        violations("nowhere", ""),
        vec![("nowhere is not in LAYERS".to_string(), 0)]
    );
}

#[test]
fn the_module_table_names_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book =
        std::fs::read_to_string(root.join("docs/architecture.md")).expect("docs/architecture.md");
    let mut missing = Vec::new();
    for row in book.lines().filter(|l| l.starts_with("| `src/")) {
        let cell = row.split('|').nth(1).unwrap_or_default();
        // `src/site/markdown.rs`, `links.rs`: later names are beside the first.
        let names: Vec<&str> = cell
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, n)| n)
            .collect();
        let Some(first) = names.first() else { continue };
        let dir = Path::new(first).parent().unwrap_or(Path::new(""));
        for (i, name) in names.iter().enumerate() {
            let path = if i == 0 || name.starts_with("src/") {
                root.join(name)
            } else {
                root.join(dir).join(name)
            };
            if !path.exists() {
                missing.push(
                    path.strip_prefix(root)
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md names files that do not exist: {missing:?}"
    );
}
