use std::collections::BTreeMap;

use crate::common::{copy_tree, read, repo, Fixture, Site};

#[test]
fn the_named_theme_is_used_and_the_site_overrides_it_file_by_file() {
    let f = Fixture::new("themes/minimal");
    let out = f.build(&[]);
    let index = read(&out, "index.html");
    assert!(
        index.contains("data-theme=\"minimal\"") && index.contains("minimal theme: index"),
        "{index}"
    );
    // templates/policy.html of the site beats the theme's.
    let policy = read(&out, "policies/1/index.html");
    assert!(policy.contains("site override: A policy"), "{policy}");
    assert!(!policy.contains("minimal theme: policy"));
    // static/ of the site beats the theme's; the theme's other files stay.
    assert_eq!(
        read(&out, "static/minimal.css"),
        read(f.root(), "static/minimal.css")
    );
    assert_eq!(
        read(&out, "static/extra.css"),
        read(f.root(), "themes/minimal/static/extra.css")
    );
    // Nothing of the default theme, which is in the site too.
    assert!(!out.join("static/docket.css").exists());
    // Settings: theme.toml's defaults under docket.toml's [theme_settings].
    assert!(
        index.contains("Hello from docket.toml · the minimal theme"),
        "{index}"
    );
}

#[test]
fn switching_the_theme_switches_every_page() {
    let f = Fixture::new("themes/minimal");
    let toml = read(f.root(), "docket.toml").replace("theme = \"minimal\"", "theme = \"default\"");
    f.write("docket.toml", &toml);
    std::fs::remove_dir_all(f.root().join("templates")).expect("remove overrides");
    let out = f.build(&[]);
    assert!(out.join("static/docket.css").is_file());
    assert!(!read(&out, "index.html").contains("data-theme=\"minimal\""));
}

#[test]
fn an_unknown_theme_names_the_themes_there_are() {
    let f = Fixture::new("themes/minimal");
    let toml = read(f.root(), "docket.toml").replace("theme = \"minimal\"", "theme = \"minimall\"");
    f.write("docket.toml", &toml);
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("theme \"minimall\" not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("themes in this site: default, minimal"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_errors_name_the_file_the_line_and_the_cause() {
    let f = Fixture::new("themes/minimal");
    f.write(
        "templates/term.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ term.name }}</p>\n<p>{{ term.nmae }}</p>\n{% endblock content %}\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    let err = run.stderr;
    // One error for all the pages it breaks, pointing into the site's file.
    assert_eq!(err.matches("error[E-template]").count(), 1, "{err}");
    assert!(
        err.contains("templates/term.html:4:12: Field `nmae` is not defined. Available fields: cases, count, name, url"),
        "{err}"
    );
    assert!(err.contains("other pages)"), "{err}");

    f.write("templates/cases.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if %}x{% endif %}\n{% endblock content %}\n");
    let err = f.run(&["check"]).stderr;
    assert!(
        err.contains("templates/cases.html:3:7: syntax error"),
        "{err}"
    );

    // Unknown filters and components are found when the theme loads, each
    // at its place, before any page is rendered.
    f.write("templates/cases.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ total | shout }}{{<nosuch />}}\n{% endblock content %}\n");
    let err = f.run(&["check"]).stderr;
    assert!(
        err.contains("templates/cases.html:3:12: Unknown filter `shout`"),
        "{err}"
    );
    assert!(
        err.contains("templates/cases.html:3:22: Unknown component `nosuch`"),
        "{err}"
    );
}

#[test]
fn a_tera_1_theme_is_named_as_such() {
    let f = Fixture::new("themes/minimal");
    f.write(
        "templates/macros.html",
        "{% macro hello(name) %}Hello {{ name }}{% endmacro hello %}\n",
    );
    f.write("templates/term.html", "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block content %}{{ m::hello(name=term.name) }}{% endblock content %}\n");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error[E-template]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/macros.html:1:4: `{% macro %}` is Tera 1 syntax: the template was written for an older docket (and 1 other template)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_setting_the_theme_does_not_have_is_a_warning_at_its_line() {
    let f = Fixture::new("themes/minimal");
    let toml = read(f.root(), "docket.toml") + "signatrue = \"typo\"\n";
    f.write("docket.toml", &toml);
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("theme \"minimal\" has no setting `signatrue`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[W-unknown-setting]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("docket.toml:7:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `signature`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_without_a_template_for_a_page_says_which() {
    let f = Fixture::new("themes/minimal");
    std::fs::remove_file(f.root().join("themes/minimal/templates/download.html")).expect("remove");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("theme \"minimal\" has no template download.html"),
        "{}",
        run.stderr
    );
}

/// A site of the example's `docket.toml` and `content/` alone, with no
/// `themes/` folder.
fn bare_site() -> Site {
    let site = Site::empty();
    copy_tree(&repo().join("docket.toml"), &site.join("docket.toml"));
    copy_tree(&repo().join("content"), &site.join("content"));
    site
}

#[test]
fn a_site_of_only_docket_toml_and_content_builds_with_the_built_in_theme() {
    let site = bare_site();
    assert!(!site.join("themes").exists());
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{run:#?}");
    site.run(&["build", "--output", "bare"]).ok();
    // The same bytes as with a copy of the default theme in the site.
    copy_tree(&repo().join("themes/default"), &site.join("themes/default"));
    site.run(&["build", "--output", "copied"]).ok();
    let (bare, copied) = (site.tree("bare"), site.tree("copied"));
    assert!(bare.contains_key("static/docket.css"), "{:?}", bare.keys());
    assert!(bare.contains_key("policies/index.html"));
    assert_eq!(
        bare.keys().collect::<Vec<_>>(),
        copied.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &bare {
        assert!(copied[path] == *bytes, "{path} differs");
    }
}

#[test]
fn the_built_in_theme_is_overridden_file_by_file() {
    let site = bare_site();
    site.write(
        "templates/commentary.html",
        "{% extends \"base.html\" %}{% block content %}<p>site commentary: {{ commentary.title }}</p>{% endblock content %}",
    );
    site.write("static/docket.css", "/* the site's own */\n");
    site.run(&["build"]).ok();
    let commentary = site.read("public/commentary/1/index.html");
    assert!(commentary.contains("site commentary: "), "{commentary}");
    // Through the built-in base.html, and every other template is the
    // built-in one.
    assert!(commentary.contains("class=\"site-title\""), "{commentary}");
    let policy = site.read("public/policies/1491/index.html");
    assert!(!policy.contains("site commentary"));
    assert!(policy.contains("class=\"site-title\""));
    assert_eq!(
        site.read("public/static/docket.css"),
        "/* the site's own */\n"
    );
    assert_eq!(
        site.read("public/static/docket-search.js"),
        read(&repo(), "themes/default/static/docket-search.js")
    );
}

#[test]
fn a_template_error_in_an_override_of_the_built_in_theme_names_the_site_file() {
    let site = bare_site();
    site.write(
        "templates/commentary.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ commentary.nope.nope }}{% endblock content %}",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("templates/commentary.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn another_theme_than_the_built_in_one_must_be_in_the_site() {
    let site = bare_site();
    let toml = site
        .read("docket.toml")
        .replace("theme = \"default\"", "theme = \"dark\"");
    site.write("docket.toml", &toml);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("theme \"dark\" not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("theme = \"default\" is built into docket"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_ejected_theme_is_the_built_in_one() {
    let tmp = Site::empty();
    tmp.run(&["new", "site", "plain"]).ok();
    assert!(
        !tmp.join("plain/themes").exists(),
        "no copy unless asked for"
    );
    let run = tmp.run(&["new", "site", "ejected", "--eject-theme"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("themes/default"), "{}", run.stderr);
    let ejected = tmp.tree("ejected/themes/default");
    let built_in: BTreeMap<String, Vec<u8>> = docket::render::embedded::DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
        .collect();
    assert_eq!(
        ejected.keys().collect::<Vec<_>>(),
        built_in.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built_in {
        assert!(
            ejected[path] == *bytes,
            "{path} differs from the built-in file"
        );
    }
    // The two sites build to the same bytes.
    tmp.run_at("plain", &["build"]).ok();
    tmp.run_at("ejected", &["build"]).ok();
    assert_eq!(tmp.tree("plain/public"), tmp.tree("ejected/public"));
}
