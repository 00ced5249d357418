use crate::common::{read, Fixture};

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
        err.contains("templates/term.html:4:7: Variable `term.nmae` not found in context"),
        "{err}"
    );
    assert!(err.contains("other pages)"), "{err}");

    f.write("templates/cases.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if %}x{% endif %}\n{% endblock content %}\n");
    let err = f.run(&["check"]).stderr;
    assert!(
        err.contains("templates/cases.html:3:7: syntax error"),
        "{err}"
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
