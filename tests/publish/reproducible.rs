use std::path::Path;

use crate::common::{copy_dir, tree, Fixture};

/// Copies a site file by file in the reverse of sorted order, so that the
/// folders list their files in another order than in a plain copy.
fn copy_reversed(from: &Path, to: &Path) {
    let files = tree(from);
    for (rel, bytes) in files.iter().rev() {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    }
}

#[test]
fn the_same_site_builds_to_the_same_bytes() {
    let a = Fixture::new("publish/site");
    a.run_env(&["build", "--archive"], &[("RAYON_NUM_THREADS", "1")])
        .ok();

    let b = tempfile::tempdir().expect("temporary folder");
    let site = b.path().join("another/place");
    let staged = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        a.root().join("content").as_path(),
        &staged.path().join("content"),
    );
    copy_dir(
        a.root().join("themes").as_path(),
        &staged.path().join("themes"),
    );
    std::fs::copy(
        a.root().join("docket.toml"),
        staged.path().join("docket.toml"),
    )
    .expect("copy");
    copy_reversed(staged.path(), &site);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--archive"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAYON_NUM_THREADS")
        .output()
        .expect("run docket");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let one = tree(&a.root().join("public"));
    let two = tree(&site.join("public"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between the two builds");
    }
    assert!(one.contains_key("download/fixture-tracker-offline.zip"));
}

#[test]
fn source_date_epoch_sets_the_date_of_the_data() {
    let f = Fixture::new("publish/site");
    f.run_env(
        &["build", "--archive"],
        &[("SOURCE_DATE_EPOCH", "1767225600")],
    )
    .ok(); // 2026-01-01
    let out = f.root().join("public");
    let db = crate::common::read(&out, "data/docket.json");
    assert!(db.contains("\"date\":\"2026-01-01\""), "{}", &db[..300]);
    assert!(crate::common::read(&out, "index.html").contains("datetime=\"2026-01-01\""));
    let bad = f.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("SOURCE_DATE_EPOCH"), "{}", bad.stderr);
}
