//! Every exporter, through the trait: documents with errors, absent or
//! empty layers and broken spans never make an export fail.

#[path = "../src/testutil.rs"]
mod testutil;

use newsnlp_export::{exporter, Layers, FORMATS};

#[test]
fn every_format_survives_broken_documents() {
    let mut docs = testutil::broken_documents();
    docs.push(testutil::seed_document());
    for layers in ["all", "", "entities", "claims,sentences"] {
        let layers: Layers = layers.parse().unwrap();
        for name in FORMATS {
            let dir = tempfile::tempdir().unwrap();
            let s = exporter(name)
                .unwrap()
                .export(&docs, &layers, &dir.path().join("out"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.format, *name);
            assert_eq!(s.documents, docs.len());
            let csv_without_tables =
                *name == "csv" && !(layers.entities || layers.dates || layers.claims);
            assert_eq!(s.files.is_empty(), csv_without_tables, "{name}");
            for f in &s.files {
                assert!(f.is_file(), "{name}: {}", f.display());
            }
        }
    }
}

#[test]
fn empty_corpus_exports() {
    for name in FORMATS {
        let dir = tempfile::tempdir().unwrap();
        let s = exporter(name)
            .unwrap()
            .export(&[], &Layers::ALL, dir.path())
            .unwrap();
        assert_eq!((s.documents, s.annotations, s.skipped), (0, 0, 0), "{name}");
    }
}

#[test]
fn html_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = vec![testutil::seed_document(), testutil::emoji_document()];
    docs.extend(testutil::broken_documents());
    exporter("html")
        .unwrap()
        .export(&docs, &Layers::ALL, dir.path())
        .unwrap();
    let page = std::fs::read_to_string(dir.path().join("review.html")).unwrap();
    let lower = page.to_lowercase();
    for bad in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "<link",
        "url(",
        "@import",
        "<iframe",
        "fetch(",
    ] {
        assert!(!lower.contains(bad), "{bad}");
    }
    assert_eq!(page.matches("<article ").count(), 5);
    assert!(page.contains("<option value=\"Andrabi\">Andrabi (1)</option>"));
    assert!(page.contains("<input type=\"checkbox\" class=\"filter-ent\" value=\"GPE\" checked>"));
}
