//! A file's metadata as document attributes: the values tools write when the
//! author wrote nothing ("untitled", "anonymous") are dropped, a title that a
//! PDF printer prefixed ("Microsoft Word - report.docx") is cut back to the
//! document's own name, and a date keeps its day (`2024-05-06T07:08:00Z` →
//! `2024-05-06`), which the analysis views group by.

use crate::model::document::attribute;

/// Values that stand for "none given", compared without case.
const PLACEHOLDERS: [&str; 9] = [
    "untitled",
    "untitled document",
    "anonymous",
    "unknown",
    "none",
    "null",
    "n/a",
    "-",
    "title",
];

/// Prefixes Office's PDF printers put before a title.
const PRINTER_PREFIXES: [&str; 3] = [
    "Microsoft Word - ",
    "Microsoft PowerPoint - ",
    "Microsoft Excel - ",
];

/// File endings a printed title keeps after the prefix.
const PRINTED_ENDINGS: [&str; 6] = [".docx", ".doc", ".pptx", ".ppt", ".xlsx", ".xls"];

/// The attribute value of metadata `key` (`title`, `author`, `date`), or
/// `None` when the value says nothing.
pub fn attribute_value(key: &str, raw: &str) -> Option<String> {
    let value = raw.trim();
    if value.is_empty()
        || PLACEHOLDERS
            .iter()
            .any(|placeholder| value.eq_ignore_ascii_case(placeholder))
    {
        return None;
    }
    let value = match key {
        attribute::TITLE => printed_title(value),
        attribute::DATE => day_of(value),
        _ => value,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

/// "Microsoft Word - Report 2021.docx" → "Report 2021".
fn printed_title(title: &str) -> &str {
    let Some(rest) = PRINTER_PREFIXES
        .iter()
        .find_map(|prefix| title.strip_prefix(prefix))
    else {
        return title;
    };
    let lower = rest.to_ascii_lowercase();
    let cut = PRINTED_ENDINGS
        .iter()
        .find(|ending| lower.ends_with(*ending))
        .map_or(rest.len(), |ending| rest.len() - ending.len());
    rest[..cut].trim()
}

/// The `YYYY-MM-DD` a date-time starts with, or the value as it is.
fn day_of(date: &str) -> &str {
    let bytes = date.as_bytes();
    let is_day = bytes.len() > 10
        && bytes[..10]
            .iter()
            .enumerate()
            .all(|(index, byte)| match index {
                4 | 7 => *byte == b'-',
                _ => byte.is_ascii_digit(),
            })
        && matches!(bytes[10], b'T' | b' ');
    if is_day { &date[..10] } else { date }
}

#[cfg(test)]
mod tests {
    use super::attribute_value;

    #[test]
    fn placeholders_say_nothing() {
        for raw in ["untitled", "Untitled", " anonymous ", "Unknown", "", "  "] {
            assert_eq!(attribute_value("author", raw), None, "{raw:?}");
        }
        assert_eq!(attribute_value("title", "UNTITLED"), None);
        assert_eq!(
            attribute_value("author", "Ана Петровић").as_deref(),
            Some("Ана Петровић")
        );
    }

    #[test]
    fn a_printed_title_is_cut_back_to_the_document_name() {
        assert_eq!(
            attribute_value("title", "Microsoft Word - Report 2021.docx").as_deref(),
            Some("Report 2021")
        );
        assert_eq!(
            attribute_value("title", "Microsoft PowerPoint - Talk").as_deref(),
            Some("Talk")
        );
        assert_eq!(attribute_value("title", "Microsoft Word - .docx"), None);
        assert_eq!(
            attribute_value("title", "Word - kept.docx").as_deref(),
            Some("Word - kept.docx")
        );
    }

    #[test]
    fn a_date_time_keeps_its_day_and_other_dates_stay() {
        assert_eq!(
            attribute_value("date", "2024-05-06T07:08:00Z").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(
            attribute_value("date", "2024-05-06 07:08").as_deref(),
            Some("2024-05-06")
        );
        for date in ["2024-05-06", "2021-05", "2021", "May 2021"] {
            assert_eq!(attribute_value("date", date).as_deref(), Some(date));
        }
        assert_eq!(
            attribute_value("title", "2024-05-06T07:08:00Z").as_deref(),
            Some("2024-05-06T07:08:00Z"),
            "only dates are cut"
        );
    }
}
