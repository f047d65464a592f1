//! Tokens, sentences and quotations of a document, in character offsets.

use newsnlp_model::Document;

/// One word or punctuation mark.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// First character.
    pub s: usize,
    /// One past the last character.
    pub e: usize,
    /// The token as written.
    pub text: String,
    /// Lowercased.
    pub lower: String,
    /// A word (letters or digits), not punctuation.
    pub word: bool,
    /// Starts with an uppercase letter.
    pub cap: bool,
}

impl Tok {
    /// True for an opening or closing double quote.
    pub fn is_quote(&self) -> bool {
        matches!(
            self.text.as_str(),
            "“" | "”" | "\"" | "„" | "«" | "»" | "''" | "``"
        )
    }

    /// `-ing` word in lowercase (a participle).
    pub fn is_ing(&self) -> bool {
        self.word && !self.cap && self.lower.len() > 5 && self.lower.ends_with("ing")
    }
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "St", "Jr", "Sr", "Lt", "Col", "Rev",
    "Prof", "Capt", "Sgt", "Adm", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Co", "No", "vs",
];

/// Splits `chars` into word and punctuation tokens.
pub(crate) fn tokenize(chars: &[char]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            i += 1;
            loop {
                while i < n && chars[i].is_alphanumeric() {
                    i += 1;
                }
                // Word-internal apostrophes, hyphens, ampersands, decimal points.
                if i + 1 < n
                    && matches!(chars[i], '\'' | '’' | '-' | '&' | '.' | ',')
                    && chars[i + 1].is_alphanumeric()
                {
                    if chars[i] == ','
                        && !(chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                    {
                        break;
                    }
                    if chars[i] == '.'
                        && !(i - start == 1 && chars[start].is_uppercase())
                        && !(chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                    {
                        break;
                    }
                    i += 1;
                    continue;
                }
                break;
            }
            // Abbreviations and initials keep their period.
            if i < n && chars[i] == '.' {
                let word: String = chars[start..i].iter().collect();
                let initials = word.chars().all(|c| c.is_uppercase() || c == '.')
                    && word.chars().filter(|c| *c == '.').count() >= 1;
                let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if ABBREVIATIONS.contains(&word.as_str()) || initials || single {
                    i += 1;
                }
            }
        } else if (c == '\'' || c == '`') && i + 1 < n && chars[i + 1] == c {
            // `''` and ``` `` ``` stand for double quotes in some newswire.
            i += 2;
        } else {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        let word = text.chars().next().is_some_and(char::is_alphanumeric);
        let cap = text.chars().next().is_some_and(char::is_uppercase);
        toks.push(Tok {
            s: start,
            e: i,
            lower: text.to_lowercase(),
            text,
            word,
            cap,
        });
    }
    toks
}

/// Quotations as character spans including their quote marks. A quotation
/// left open at a paragraph end continues when the next paragraph opens
/// with a quote mark (news style for quotes over several paragraphs), and
/// otherwise ends with its paragraph.
pub(crate) fn quotations(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_content = 0;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '\n' {
            if let Some(o) = open {
                let mut k = i;
                while k < n && chars[k].is_whitespace() {
                    k += 1;
                }
                if k < n
                    && (matches!(chars[k], '“' | '"')
                        || (k + 1 < n && chars[k] == '\'' && chars[k + 1] == '\''))
                {
                    if chars[k] == '\'' {
                        i = k + 2;
                        continue;
                    }
                    i = k + 1;
                    continue;
                }
                out.push((o, last_content));
                open = None;
            }
            i += 1;
            continue;
        }
        if !c.is_whitespace() {
            last_content = i + 1;
        }
        let doubled = (c == '\'' || c == '`') && i + 1 < n && chars[i + 1] == c;
        if doubled {
            if c == '`' || open.is_none() {
                open = Some(i);
            } else if let Some(o) = open.take() {
                out.push((o, i + 2));
            }
            last_content = i + 2;
            i += 2;
            continue;
        }
        match c {
            '“' | '„' => open = Some(i),
            '”' => {
                if let Some(o) = open.take() {
                    out.push((o, i + 1));
                } else if opens_a_word(chars, i) {
                    // `”Fear. ...”`: a closing mark typed for an opening one.
                    open = Some(i);
                }
            }
            '"' => {
                if let Some(o) = open {
                    let prev = if i > 0 { chars[i - 1] } else { ' ' };
                    let next = chars.get(i + 1).copied().unwrap_or(' ');
                    if (prev.is_whitespace() || prev == '(') && next.is_alphanumeric() {
                        // A straight quote after a space opens a new one.
                        open = Some(i);
                    } else {
                        out.push((o, i + 1));
                        open = None;
                    }
                } else {
                    open = Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(o) = open {
        out.push((o, last_content));
    }
    out
}

/// The character at `i` stands before a word, after a space or at the start.
fn opens_a_word(chars: &[char], i: usize) -> bool {
    let after_space = i == 0 || chars[i - 1].is_whitespace();
    after_space && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Sentence token ranges `[a, b)` for the document's sentences.
pub(crate) fn sentence_tokens(doc: &Document, toks: &[Tok]) -> Vec<(usize, usize)> {
    let Some(sentences) = &doc.sentences else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(sentences.len());
    let mut t = 0;
    for span in sentences {
        while t < toks.len() && toks[t].s < span.start {
            t += 1;
        }
        let a = t;
        let mut b = a;
        while b < toks.len() && toks[b].s < span.end {
            b += 1;
        }
        out.push((a, b));
        t = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        assert_eq!(
            texts("Mr. Smith’s U.S. plan, 3.5 said."),
            ["Mr.", "Smith’s", "U.S.", "plan", ",", "3.5", "said", "."]
        );
        assert_eq!(texts("“Hi,” he said"), ["“", "Hi", ",", "”", "he", "said"]);
    }

    #[test]
    fn quotes_span_paragraphs_when_reopened() {
        let s = "“One.\n\n“Two,” he said. \"Three\" x";
        let chars: Vec<char> = s.chars().collect();
        let q = quotations(&chars);
        assert_eq!(q[0], (0, 13));
        let t: String = chars[q[1].0..q[1].1].iter().collect();
        assert_eq!(t, "\"Three\"");
    }
}
