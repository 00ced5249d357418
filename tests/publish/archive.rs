use std::io::Read;

use super::{attrs, resolve};
use crate::common::{read, tree, Fixture};

#[test]
fn the_offline_archive_holds_the_whole_site_in_order() {
    let f = Fixture::new("publish/site");
    let out = f.build(&["--archive"]);
    let rel = "download/fixture-tracker-offline.zip";
    let file = std::fs::File::open(out.join(rel)).expect("the archive");
    let mut zip = zip::ZipArchive::new(file).expect("a readable zip");
    let mut names = Vec::new();
    let site = tree(&out);
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("entry");
        let name = e.name().expect("a UTF-8 name").to_string();
        let inner = name
            .strip_prefix("fixture-tracker-offline/")
            .unwrap_or_else(|| panic!("{name} is outside the archive's folder"));
        let when = e.last_modified().expect("a timestamp");
        assert_eq!(
            (when.year(), when.month(), when.day()),
            (2025, 12, 1),
            "{name}"
        );
        assert_eq!(e.unix_mode(), Some(0o100644), "{name}");
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).expect("read entry");
        if inner == "download/index.html" {
            // The copy inside does not link to the archive it is not in.
            let html = String::from_utf8_lossy(&bytes);
            assert!(!html.contains("offline.zip"), "{html}");
        } else {
            assert_eq!(Some(&bytes), site.get(inner), "{inner}");
        }
        names.push(inner.to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are in sorted order");
    let want: Vec<&String> = site
        .keys()
        .filter(|p| *p != rel && *p != ".docket-build")
        .collect();
    assert_eq!(names.iter().collect::<Vec<_>>(), want);
    // The download page of the site links to it, with its size.
    let page = "download/index.html";
    let html = read(&out, page);
    let links: Vec<String> = attrs(&html, "offline.zip", "href")
        .iter()
        .map(|h| resolve(page, h))
        .collect();
    assert_eq!(links, [rel]);
    let size =
        docket::site::downloads::human_size(std::fs::metadata(out.join(rel)).expect("zip").len());
    assert!(html.contains(&size), "{size}");
}

#[test]
fn without_archive_no_zip_is_written_or_linked() {
    let f = Fixture::new("publish/site");
    let out = f.build(&[]);
    assert!(!out.join("download/fixture-tracker-offline.zip").exists());
    assert!(!read(&out, "download/index.html").contains(".zip"));
}
