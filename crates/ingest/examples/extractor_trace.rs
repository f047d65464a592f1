//! Prints what rs-trafilatura does with one HTML page: the extraction path
//! it took (its warnings), its page type, and its raw text, before any
//! newsnlp clean-up. For debugging HTML ingestion.
//!
//! `cargo run --release -p newsnlp-ingest --example extractor_trace -- PAGE.html [URL]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extractor_trace PAGE.html [URL]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("readable page");
    let page = String::from_utf8_lossy(&bytes);
    let options = rs_trafilatura::Options {
        url: args.next(),
        ..rs_trafilatura::Options::default()
    };
    match rs_trafilatura::extract_with_options(&page, &options) {
        Ok(result) => {
            eprintln!("page type: {:?}", result.metadata.page_type);
            for warning in &result.warnings {
                eprintln!("warning: {warning}");
            }
            eprintln!("---- content_text ----");
            eprintln!("{}", result.content_text);
            if let Some(html) = result.content_html {
                eprintln!("---- content_html ----");
                eprintln!("{html}");
            }
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
