//! Texts Gloss writes into REFI-QDA notes and descriptions and reads back:
//! the per-selection `Gloss stance` note (`Stance: …`, `Holder: …`,
//! `Target: …` lines) and the `[Gloss polarity: +1]` line that a `.qdc`
//! (which has no notes) appends to a stance's description.

/// The stance, holder and target of one selection, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StanceNote {
    /// The stance's name on the scale.
    pub stance: Option<String>,
    /// Who holds the stance.
    pub holder: Option<String>,
    /// Whom the stance is toward.
    pub target: Option<String>,
}

impl StanceNote {
    /// The note's text, one `Key: name` line per part (line breaks in names become
    /// spaces); `None` when there is nothing to say.
    pub fn to_text(&self) -> Option<String> {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        let lines: Vec<String> = [
            ("Stance", &self.stance),
            ("Holder", &self.holder),
            ("Target", &self.target),
        ]
        .into_iter()
        .filter_map(|(key, name)| name.as_deref().map(|n| format!("{key}: {}", one_line(n))))
        .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// Reads a note's text; unknown keys and empty values are ignored, keys in any case.
    pub fn parse(text: &str) -> Self {
        let mut note = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_owned();
            if value.is_empty() {
                continue;
            }
            match key.trim().to_lowercase().as_str() {
                "stance" => note.stance = Some(value),
                "holder" => note.holder = Some(value),
                "target" => note.target = Some(value),
                _ => {}
            }
        }
        note
    }
}

/// What a polarity line starts with.
const POLARITY_PREFIX: &str = "[Gloss polarity: ";

/// The line appended to a stance's description in a `.qdc` (`[Gloss polarity: +1]`).
pub fn polarity_line(polarity: i32) -> String {
    format!("{POLARITY_PREFIX}{polarity:+}]")
}

/// Splits a trailing [`polarity_line`] off a description: (description without it, polarity).
pub fn split_polarity(description: &str) -> (String, Option<i32>) {
    let trimmed = description.trim_end();
    if let Some(start) = trimmed.rfind(POLARITY_PREFIX)
        && trimmed.ends_with(']')
    {
        let value = &trimmed[start + POLARITY_PREFIX.len()..trimmed.len() - 1];
        if let Ok(polarity) = value.trim().trim_start_matches('+').parse::<i32>() {
            return (trimmed[..start].trim_end().to_owned(), Some(polarity));
        }
    }
    (description.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_note_round_trips_and_flattens_line_breaks() {
        let note = StanceNote {
            stance: Some("supportive".into()),
            holder: Some("Serbia\nand allies".into()),
            target: None,
        };
        let text = note.to_text().expect("text");
        assert_eq!(text, "Stance: supportive\nHolder: Serbia and allies");
        assert_eq!(
            StanceNote::parse(&text),
            StanceNote {
                holder: Some("Serbia and allies".into()),
                ..note
            }
        );
        assert_eq!(StanceNote::default().to_text(), None);
        assert_eq!(
            StanceNote::parse("TARGET : China\nother: x\nStance:").target,
            Some("China".into())
        );
    }

    #[test]
    fn polarity_line_round_trips() {
        for polarity in [-2, 0, 1] {
            let description = format!("Warm words\n{}", polarity_line(polarity));
            assert_eq!(
                split_polarity(&description),
                ("Warm words".to_owned(), Some(polarity))
            );
        }
        assert_eq!(polarity_line(1), "[Gloss polarity: +1]");
        assert_eq!(split_polarity("no line"), ("no line".to_owned(), None));
    }
}
