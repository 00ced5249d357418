//! Lineages as readers see them: one page for each, the whole of it drawn
//! and listed once; on a policy's page a picture of its neighbourhood that
//! stays small however long the chain or wide the star, and leads to the
//! lineage's page; on a court action's page the filings around it.

use crate::common;

use common::shapes::site;
use common::{links, text, Site};

fn built(site: &Site) {
    let run = site.run(&["build", "--output", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The lineage picture of a page.
fn picture(page: &str) -> &str {
    let start = page
        .find("<svg class=\"chart chart-lineage")
        .unwrap_or_else(|| panic!("no lineage picture in {page}"));
    let end = start + page[start..].find("</svg>").expect("the picture ends");
    &page[start..end]
}

/// The policies a picture links to, by id.
fn drawn(svg: &str) -> Vec<u32> {
    links(svg)
        .iter()
        .filter_map(|l| l.strip_prefix("../../policies/"))
        .filter_map(|l| l.strip_suffix("/index.html"))
        .filter_map(|id| id.parse().ok())
        .collect()
}

fn chain(n: usize) -> Site {
    site(n, 0, |i| {
        if i > 1 {
            format!("supersedes = [{}]\n", i - 1)
        } else {
            String::new()
        }
    })
}

/// Policy `n` supersedes all the others.
fn star(n: usize) -> Site {
    site(n, 0, |i| {
        if i == n {
            let all: Vec<String> = (1..n).map(|i| i.to_string()).collect();
            format!("supersedes = [{}]\n", all.join(", "))
        } else {
            String::new()
        }
    })
}

#[test]
fn a_policy_draws_two_generations_each_way_and_links_its_whole_lineage() {
    let s = chain(9);
    built(&s);
    let page = s.read("public/policies/5/index.html");
    let svg = picture(&page);
    assert_eq!(drawn(svg), [3, 4, 6, 7], "{svg}");
    // The rest is on the lineage's page, named after its oldest root.
    assert!(
        svg.contains("<a href=\"../../lineages/1/index.html\" class=\"node node-more\">"),
        "{svg}"
    );
    assert!(text(svg).contains("Earlier policies in the whole lineage"));
    assert!(text(svg).contains("Later policies in the whole lineage"));
    assert!(links(&page).contains(&"../../lineages/1/index.html".to_string()));
    // Rows run oldest first.
    let at = |id: &str| svg.find(id).unwrap_or_else(|| panic!("{id}"));
    assert!(at("ID #3") < at("ID #4") && at("ID #4") < at("This policy"));
    assert!(at("This policy") < at("ID #6") && at("ID #6") < at("ID #7"));

    let lineage = s.read("public/lineages/1/index.html");
    assert!(lineage.contains("<body class=\"page-lineage\">"));
    assert!(text(&lineage).contains("9 policies linked by supersession"));
    let mut all = drawn(picture(&lineage));
    all.sort();
    assert_eq!(all, (1..=9).collect::<Vec<u32>>());
    // The list below the picture says what each supersedes.
    assert!(text(&lineage).contains("Policy 5 [ID #5] supersedes ID #4"));
    // One page for the lineage, not one per policy.
    let pages: Vec<_> = std::fs::read_dir(s.join("public/lineages"))
        .unwrap()
        .collect();
    assert_eq!(pages.len(), 1);
    let sitemap = s.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/lineages/1/</loc>"));
}

#[test]
fn a_wide_star_draws_six_and_counts_the_others() {
    let s = star(40);
    built(&s);
    let page = s.read("public/policies/40/index.html");
    let svg = picture(&page);
    assert_eq!(drawn(svg), [1, 2, 3, 4, 5, 6], "{svg}");
    assert!(text(svg).contains("+ 33 more listed below"), "{svg}");
    // Its own relations are all listed under the picture.
    for i in 1..40 {
        assert!(links(&page).contains(&format!("../../policies/{i}/index.html")));
    }
    // A policy of the star draws the hub, not its 38 siblings.
    let leaf = s.read("public/policies/7/index.html");
    assert_eq!(drawn(picture(&leaf)), [40]);
}

/// The attribute `name` of the opening tag of `svg`, as a number.
fn size(svg: &str, name: &str) -> f64 {
    let tag = &svg[..svg.find('>').expect("a tag")];
    let at = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
    tag[at..at + tag[at..].find('"').expect("a value")]
        .parse()
        .expect("a number")
}

#[test]
fn a_phone_gets_the_same_picture_in_one_column() {
    let s = star(40);
    built(&s);
    for page in [
        "public/policies/40/index.html",
        "public/lineages/1/index.html",
    ] {
        let html = s.read(page);
        let wide = picture(&html);
        assert!(wide.contains("chart-wide"), "{page}");
        let start = html
            .find("<svg class=\"chart chart-lineage-narrow chart-lineage chart-narrow\"")
            .unwrap_or_else(|| panic!("no picture for narrow screens in {page}"));
        let narrow = &html[start..start + html[start..].find("</svg>").expect("its end")];
        // A phone's 390 px less the page's margins.
        assert!(size(narrow, "width") <= 358.0, "{page}: {narrow}");
        assert!(size(narrow, "width") < size(wide, "width"));
        assert_eq!(drawn(narrow), drawn(wide), "{page}");
        // Its element ids are its own.
        assert!(narrow.contains("id=\"lineage-narrow-title\""));
        assert!(narrow.contains("url(#lineage-narrow-arrow)"));
    }
    let css = s.read("public/static/docket.css");
    assert!(css.contains(".chart-narrow { display: none; }"));
    assert!(css.contains(".chart-wide { display: none; }"));
    // A picture of one column is not drawn twice.
    let leaf = s.read("public/policies/7/index.html");
    assert!(!leaf.contains("chart-narrow"));
}

#[test]
fn each_policy_is_drawn_once_in_the_nearest_generation() {
    // 3 supersedes 1 and 2, and 2 supersedes 1: 1 is drawn once, beside 2.
    let s = site(3, 0, |i| match i {
        2 => "supersedes = [1]\n".into(),
        3 => "supersedes = [1, 2]\nimplements = [1]\n".into(),
        _ => String::new(),
    });
    built(&s);
    let svg = s.read("public/policies/3/index.html");
    assert_eq!(drawn(picture(&svg)), [1, 2]);
}

#[test]
fn a_court_action_shows_the_filings_around_it() {
    let s = site(1, 30, |_| String::new());
    built(&s);
    let page = s.read("public/court-actions/15/index.html");
    let filings: Vec<String> = links(&page)
        .into_iter()
        .filter(|l| {
            l.strip_prefix("../../court-actions/")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    let expected: Vec<String> = (10..=20)
        .filter(|&i| i != 15)
        .map(|i| format!("../../court-actions/{i}/index.html"))
        .collect();
    assert_eq!(filings, expected);
    let words = text(&page);
    assert!(words.contains("9 earlier filings: every filing of the case"));
    assert!(words.contains("10 later filings: every filing of the case"));
    // The case's page lists every one.
    let case = s.read("public/cases/d-d-c-1-00-cv-00001/index.html");
    let listed = links(&case)
        .iter()
        .filter(|l| l.starts_with("../../court-actions/"))
        .count();
    assert!(listed >= 30, "{listed}");
}

#[test]
fn a_theme_without_a_lineage_page_still_builds_without_links_to_one() {
    let s = chain(3);
    s.remove("themes/default/templates/lineage.html");
    built(&s);
    assert!(!s.join("public/lineages").exists());
    let page = s.read("public/policies/2/index.html");
    assert_eq!(drawn(picture(&page)), [1, 3]);
    assert!(!page.contains("lineages/"), "{page}");
}

#[test]
fn an_alias_cannot_take_a_lineage_page() {
    let s = chain(2);
    let rel = "content/policies/2.md";
    s.write(
        rel,
        &s.read(rel)
            .replace("supersedes", "aliases = [\"lineages/1/\"]\nsupersedes"),
    );
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("alias lineages/1/index.html would replace the file lineages/1/index.html"),
        "{}",
        run.stderr
    );
}

/// The live preview renders again every page of a lineage whose oldest
/// root changes (each links to the lineage's page, named after it), not
/// only the pages near the policy edited.
#[test]
fn the_preview_follows_a_lineage_to_its_new_name() {
    use docket::serve::engine::Engine;
    use std::collections::BTreeSet;

    let s = chain(10);
    // An older policy, alone, that policy 1 will supersede.
    s.write(
        "content/policies/100.md",
        &common::shapes::policy(100, "")
            .replace("announced = 2000-04-10", "announced = 1999-01-01"),
    );
    let (mut engine, report) = Engine::new(s.path(), docket::LoadOptions::default());
    assert_eq!(report.errors, 0);
    assert!(engine.page("lineages/1/index.html").is_some());
    let rel = "content/policies/1.md";
    s.write(
        rel,
        &s.read(rel)
            .replace("agencies", "supersedes = [100]\nagencies"),
    );
    let changed: BTreeSet<_> = [s.join(rel)].into();
    let report = engine.update(&changed);
    assert_eq!(report.errors, 0);
    assert!(!report.full);
    assert!(engine.page("lineages/1/index.html").is_none());
    assert!(engine.page("lineages/100/index.html").is_some());
    built(&s);
    for i in 1..=10 {
        let path = format!("policies/{i}/index.html");
        let served = engine.page(&path).expect("served");
        assert!(
            *served == s.read(&format!("public/{path}")).into_bytes(),
            "{path} is not what a full build writes"
        );
    }
}

/// The boxes of a picture: (x, y, width, height) of each `<rect>`.
fn boxes(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        tag[at..at + tag[at..].find('"').expect("a value")]
            .parse()
            .expect("a number")
    };
    svg.split("<rect")
        .skip(1)
        .map(|r| {
            let tag = &r[..r.find("/>").expect("a rect")];
            (
                attr(tag, "x"),
                attr(tag, "y"),
                attr(tag, "width"),
                attr(tag, "height"),
            )
        })
        .collect()
}

/// The straight pieces of every arrow of a picture.
fn segments(svg: &str) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    for piece in svg.split("<path d=\"M").skip(1) {
        if !piece[..piece.find("/>").expect("a path")].contains("class=\"edge") {
            continue;
        }
        let d = &piece[..piece.find('"').expect("its end")];
        let points: Vec<(f64, f64)> = d
            .split('L')
            .map(|p| {
                let mut xy = p.split(' ').map(|v| v.parse::<f64>().expect("a number"));
                (xy.next().expect("x"), xy.next().expect("y"))
            })
            .collect();
        out.extend(points.windows(2).map(|w| (w[0], w[1])));
    }
    out
}

/// Whether the segment from `a` to `b` enters the inside of the box
/// (Liang–Barsky clipping against the box shrunk by a pixel, so that an
/// arrow touching a box's edge to point at it does not count).
fn crosses(
    ((ax, ay), (bx, by)): ((f64, f64), (f64, f64)),
    (x, y, w, h): (f64, f64, f64, f64),
) -> bool {
    let (x0, y0, x1, y1) = (x + 1.0, y + 1.0, x + w - 1.0, y + h - 1.0);
    let (dx, dy) = (bx - ax, by - ay);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Every picture of `html` (the wide one and the one for phones).
fn pictures(html: &str) -> Vec<&str> {
    html.split("<svg class=\"chart chart-lineage")
        .skip(1)
        .map(|p| &p[..p.find("</svg>").expect("the picture ends")])
        .collect()
}

/// A chain of 200 and a star of 200: on the lineage's page every policy
/// is drawn once and no arrow runs through a box; on a policy's page the
/// picture stays as tall as two generations each way, whatever the size.
#[test]
fn lineages_of_200_are_drawn_once_with_arrows_between_the_boxes() {
    let star = star(200);
    // The check itself: across a box, along its edge, beside it.
    let b = (100.0, 0.0, 250.0, 80.0);
    assert!(crosses(((0.0, 40.0), (500.0, 40.0)), b));
    assert!(crosses(((200.0, -50.0), (210.0, 50.0)), b));
    assert!(!crosses(((0.0, 80.0), (500.0, 80.0)), b));
    assert!(!crosses(((90.0, 0.0), (90.0, 500.0)), b));
    for (name, s, middle) in [("chain", chain(200), 100), ("star", star, 200)] {
        built(&s);
        let lineage = s.read("public/lineages/1/index.html");
        for svg in pictures(&lineage) {
            let mut all = drawn(svg);
            all.sort();
            assert_eq!(all, (1..=200).collect::<Vec<u32>>(), "{name}: each once");
            let boxes = boxes(svg);
            let segments = segments(svg);
            assert!(segments.len() >= 199, "{name}: an arrow per supersession");
            for seg in &segments {
                for b in &boxes {
                    assert!(!crosses(*seg, *b), "{name}: {seg:?} runs through {b:?}");
                }
            }
        }
        let page = s.read(&format!("public/policies/{middle}/index.html"));
        for svg in pictures(&page) {
            // Five generations of at most seven boxes (six and a count).
            assert!(size(svg, "height") <= 5.0 * 7.0 * 114.0 + 200.0, "{name}");
            for seg in &segments(svg) {
                for b in &boxes(svg) {
                    assert!(!crosses(*seg, *b), "{name}: {seg:?} runs through {b:?}");
                }
            }
        }
    }
}
