//! Reading saved annotated documents (the output of earlier runs) back in.

use std::io::BufRead;

use newsnlp_model::Document;

/// Reads annotated documents from JSONL — or from one or more indented
/// documents as written by `--pretty` — yielding one document per record.
/// A record that does not parse becomes a document with id
/// `SOURCE:LINE`, no text, and an error naming `stage`, so the caller
/// still writes exactly one output per input record.
pub fn read_annotated<R: BufRead + Send + 'static>(
    mut reader: R,
    source: &str,
    stage: &'static str,
) -> Box<dyn Iterator<Item = Document> + Send> {
    let source = source.to_string();
    let first = match reader.fill_buf() {
        Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()).copied(),
        Err(err) => {
            return Box::new(std::iter::once(unreadable(
                &source,
                0,
                stage,
                &err.to_string(),
            )))
        }
    };
    if first.is_some() && looks_pretty(&mut reader) {
        let stream = serde_json::Deserializer::from_reader(reader).into_iter::<Document>();
        let mut failed = false;
        return Box::new(stream.enumerate().map_while(move |(i, item)| {
            if failed {
                return None;
            }
            Some(item.unwrap_or_else(|err| {
                failed = true;
                unreadable(&source, i + 1, stage, &err.to_string())
            }))
        }));
    }
    Box::new(reader.lines().enumerate().filter_map(move |(i, line)| {
        let number = i + 1;
        match line {
            Err(err) => Some(unreadable(&source, number, stage, &err.to_string())),
            Ok(line) if line.trim().is_empty() => None,
            Ok(line) => Some(
                serde_json::from_str::<Document>(&line)
                    .unwrap_or_else(|err| unreadable(&source, number, stage, &err.to_string())),
            ),
        }
    }))
}

/// True when the first line of the buffered input is a lone `{` (indented JSON).
fn looks_pretty<R: BufRead>(reader: &mut R) -> bool {
    match reader.fill_buf() {
        Ok(buf) => {
            let line_end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
            buf[..line_end].trim_ascii() == b"{"
        }
        Err(_) => false,
    }
}

fn unreadable(source: &str, line: usize, stage: &str, message: &str) -> Document {
    let mut doc = Document::new(format!("{source}:{line}"), "");
    doc.source = Some(source.to_string());
    doc.meta.insert("line".into(), line.into());
    doc.push_error(
        stage,
        format!("record {line} of {source} is not an annotated document: {message}"),
    );
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_becomes_an_error_record_and_reading_goes_on() {
        let input = "{\"id\":\"a\",\"text\":\"A.\"}\nnot json\n\n{\"id\":\"b\",\"text\":\"B.\"}\n";
        let docs: Vec<Document> =
            read_annotated(std::io::Cursor::new(input), "in.jsonl", "sentences").collect();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "in.jsonl:2", "b"]);
        assert_eq!(docs[1].errors[0].stage, "sentences");
        assert!(docs[1].errors[0]
            .message
            .starts_with("record 2 of in.jsonl is not an annotated document"));
    }

    #[test]
    fn reads_indented_documents() {
        let input = "{\n  \"id\": \"a\",\n  \"text\": \"A.\"\n}\n{\n  \"id\": \"b\",\n  \"text\": \"B.\"\n}\n";
        let docs: Vec<Document> =
            read_annotated(std::io::Cursor::new(input), "p.json", "ner").collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].text, "B.");
    }
}
