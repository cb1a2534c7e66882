//! Texts Gloss writes into REFI-QDA notes and descriptions and reads back:
//! the per-selection `Gloss stance` note (`Stance: …`, `Holder: …`,
//! `Target: …` lines), the `[Gloss polarity: +1]` line that a `.qdc`
//! (which has no notes) appends to a stance's description, and the
//! `[Gloss actor kind: person]` and `[Gloss belongs to: Serbia]` lines it
//! appends to an actor's.

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

/// What an actor kind line starts with.
const KIND_PREFIX: &str = "[Gloss actor kind: ";
/// What a belongs-to line starts with.
const OWNER_PREFIX: &str = "[Gloss belongs to: ";

/// An actor's kind and the name of the actor it belongs to, as a `.qdc`
/// keeps them in the actor's description.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorDetails {
    /// The kind's name (`country`, `person`, or the project's own).
    pub kind: Option<String>,
    /// The name of the actor it belongs to.
    pub belongs_to: Option<String>,
}

impl ActorDetails {
    /// `description` with a line per detail appended (`[Gloss actor kind: person]`,
    /// `[Gloss belongs to: Serbia]`; line breaks and `]` in names become spaces).
    pub fn append_to(&self, description: &str) -> String {
        let one_line = |s: &str| s.replace(['\n', '\r', ']'], " ");
        let mut text = description.to_owned();
        for (prefix, value) in [(KIND_PREFIX, &self.kind), (OWNER_PREFIX, &self.belongs_to)] {
            if let Some(value) = value {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&format!("{prefix}{}]", one_line(value).trim()));
            }
        }
        text
    }

    /// Splits trailing detail lines off a description: (description without
    /// them, the details). Other text is left as it is.
    pub fn split(description: &str) -> (String, Self) {
        let mut details = Self::default();
        let mut rest = description.trim_end();
        loop {
            let (start, line) = match rest.rfind('\n') {
                Some(at) => (at, &rest[at + 1..]),
                None => (0, rest),
            };
            let line = line.trim();
            let value = |prefix: &str| {
                line.strip_prefix(prefix)
                    .and_then(|v| v.strip_suffix(']'))
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            };
            if let Some(kind) = value(KIND_PREFIX).filter(|_| details.kind.is_none()) {
                details.kind = Some(kind);
            } else if let Some(owner) = value(OWNER_PREFIX).filter(|_| details.belongs_to.is_none())
            {
                details.belongs_to = Some(owner);
            } else {
                break;
            }
            rest = rest[..start].trim_end();
        }
        if details == Self::default() {
            return (description.to_owned(), details);
        }
        (rest.to_owned(), details)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_details_round_trip_through_a_description() {
        let details = ActorDetails {
            kind: Some("person".into()),
            belongs_to: Some("Serbia\n[north]".into()),
        };
        let text = details.append_to("President of Serbia");
        assert_eq!(
            text,
            "President of Serbia\n[Gloss actor kind: person]\n[Gloss belongs to: Serbia [north]"
        );
        let (description, read) = ActorDetails::split(&text);
        assert_eq!(description, "President of Serbia");
        assert_eq!(read.kind.as_deref(), Some("person"));
        assert_eq!(read.belongs_to.as_deref(), Some("Serbia [north"));
        // Only a kind, an empty description; and text without details unchanged.
        let only_kind = ActorDetails {
            kind: Some("country".into()),
            belongs_to: None,
        };
        assert_eq!(only_kind.append_to(""), "[Gloss actor kind: country]");
        assert_eq!(
            ActorDetails::split("[Gloss actor kind: country]"),
            (String::new(), only_kind)
        );
        assert_eq!(
            ActorDetails::split("Says [Gloss belongs to: x] mid-text"),
            (
                "Says [Gloss belongs to: x] mid-text".to_owned(),
                ActorDetails::default()
            )
        );
    }

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
