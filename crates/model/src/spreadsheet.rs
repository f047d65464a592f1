//! Text cells that are safe to open in a spreadsheet.
//!
//! Page text can name a speaker, a title or an outlet anything, including
//! `=HYPERLINK("http://...","click")`. Written as-is into a CSV file, such a
//! cell runs as a formula when an analyst opens the file in Excel, LibreOffice
//! or Google Sheets (CSV injection). Every CSV writer in newsnlp passes its
//! cells through [`spreadsheet_safe`], the usual defence (OWASP's): a cell
//! that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading apostrophe, which spreadsheets show as text and do not evaluate.
//! Numbers (`-3`, `-0.5`) are left alone: they are values, not formulas.
//! JSON, Parquet and HTML keep the text exactly as it is.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a leading `'` when a spreadsheet would read it as a formula.
///
/// ```
/// use newsnlp_model::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\",\"click\")"), "'=HYPERLINK(\"http://x\",\"click\")");
/// assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(spreadsheet_safe("-12.5"), "-12.5");
/// assert_eq!(spreadsheet_safe("Tahir Hussain Andrabi"), "Tahir Hussain Andrabi");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(FORMULA_STARTS);
    if starts_formula && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised() {
        for cell in ["=1+2", "+1+2", "-1+2", "@A1", "\t=1", "\r=1", "-", "+"] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn text_and_numbers_pass_unchanged() {
        for cell in ["", "Reuters", "'quoted", "3", "-3", "-0.25", "+44", "a=b"] {
            assert_eq!(spreadsheet_safe(cell), cell, "{cell:?}");
        }
    }
}
