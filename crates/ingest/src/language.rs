//! The language of each document, detected from its text (whatlang), so
//! stages whose models read English only can leave other languages alone.
//!
//! Ingestion records it in `meta` beside the page's own tag
//! (`meta.language`, which pages often leave out or get wrong):
//! `meta.language_detected` (ISO 639-1 where the language has a two-letter
//! code, else whatlang's ISO 639-3 code) and `meta.language_confidence`
//! (whatlang's confidence, 0 to 1). A text in the Latin script too short or
//! too mixed for a reliable answer (whatlang's confidence at most 0.9: one
//! English sentence scores about 0.3) gets `und` ("undetermined"), which
//! English-only stages still read; a text in another script is never
//! English, so it keeps its best guess whatever the confidence.

use serde_json::{Map, Value};
use whatlang::Lang;

/// Meta key of the detected language code.
pub const DETECTED_KEY: &str = "language_detected";
/// Meta key of the detection's confidence.
pub const CONFIDENCE_KEY: &str = "language_confidence";
/// The code of a language that could not be told reliably.
pub const UNDETERMINED: &str = "und";

/// Characters of text read for detection: the start of the article is
/// enough, and a 2 MB transcript costs no more than a page.
const SAMPLE_CHARS: usize = 2_000;

/// A detected language.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code (`en`, `de`), ISO 639-3 where there is none, or
    /// [`UNDETERMINED`].
    pub code: &'static str,
    /// whatlang's confidence in `[0, 1]`.
    pub confidence: f64,
}

/// Detects the language of `text` (its first [`SAMPLE_CHARS`] characters).
///
/// ```
/// use newsnlp_ingest::detect_language;
/// let en = detect_language("The minister said on Friday that the talks would resume next week in Doha, \
///     where negotiators from both countries have been meeting since the summer.");
/// assert_eq!(en.code, "en");
/// let de = detect_language("Der Minister sagte am Freitag, dass die Gespräche nächste Woche in Doha weitergehen.");
/// assert_eq!(de.code, "de");
/// assert_eq!(detect_language("OK").code, "und");
/// ```
pub fn detect_language(text: &str) -> Detected {
    let sample: String = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    };
    match whatlang::detect(&sample) {
        Some(info) if info.is_reliable() || info.script() != whatlang::Script::Latin => Detected {
            code: two_letter_code(info.lang()),
            confidence: info.confidence(),
        },
        Some(info) => Detected {
            code: UNDETERMINED,
            confidence: info.confidence(),
        },
        None => Detected {
            code: UNDETERMINED,
            confidence: 0.0,
        },
    }
}

/// Writes the detected language into a document's `meta`.
pub(crate) fn record(meta: &mut Map<String, Value>, detected: &Detected) {
    meta.insert(DETECTED_KEY.into(), Value::from(detected.code));
    let rounded = (detected.confidence * 1000.0).round() / 1000.0;
    meta.insert(CONFIDENCE_KEY.into(), Value::from(rounded));
}

/// ISO 639-1 code of a whatlang language; its ISO 639-3 code where the
/// language has no two-letter one.
fn two_letter_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_in_several_languages() {
        let cases = [
            ("en", "Pakistan welcomed Iran's offer to mediate, the Foreign Office spokesman told reporters in Islamabad on Friday."),
            ("ru", "Министр иностранных дел заявил в пятницу, что переговоры возобновятся на следующей неделе."),
            ("pt", "O ministro disse na sexta-feira que as negociações serão retomadas na próxima semana em Brasília."),
            ("id", "Menteri luar negeri mengatakan pada hari Jumat bahwa perundingan akan dilanjutkan minggu depan di Jakarta."),
            ("it", "Il ministro ha detto venerdì che i negoziati riprenderanno la prossima settimana a Roma, secondo fonti ufficiali."),
            ("ko", "외교부 장관은 금요일 다음 주에 협상이 재개될 것이라고 말했다."),
            ("ja", "外務大臣は金曜日、来週に交渉が再開されると述べた。"),
        ];
        for (code, text) in cases {
            assert_eq!(detect_language(text).code, code, "{text}");
        }
    }

    #[test]
    fn short_latin_text_is_undetermined_other_scripts_are_not() {
        assert_eq!(detect_language("Talks resume.").code, UNDETERMINED);
        assert_eq!(detect_language("Переговоры возобновятся.").code, "ru");
    }

    #[test]
    fn every_language_has_a_code() {
        for lang in Lang::all() {
            let code = two_letter_code(*lang);
            assert!((2..=3).contains(&code.len()), "{lang:?}: {code}");
        }
    }

    #[test]
    fn recorded_in_meta() {
        let mut meta = Map::new();
        let text = "The minister said on Friday that the talks would resume next week in Doha, \
                    where negotiators from both countries have been meeting since the summer.";
        record(&mut meta, &detect_language(text));
        assert_eq!(meta[DETECTED_KEY], "en");
        assert!(meta[CONFIDENCE_KEY].as_f64().unwrap() > 0.5);
    }
}
