//! The bundled sample corpus and project, embedded in the binary so that
//! `gloss` with no argument works without the source tree.

/// The sample documents: (file name, contents).
pub const SAMPLE_DOCUMENTS: [(&str, &str); 5] = [
    (
        "000_3c628aea443456d3.txt",
        include_str!("../seeds/000_3c628aea443456d3.txt"),
    ),
    (
        "001_632874f96479a343.txt",
        include_str!("../seeds/001_632874f96479a343.txt"),
    ),
    (
        "002_8dd9d4aed26528bb.txt",
        include_str!("../seeds/002_8dd9d4aed26528bb.txt"),
    ),
    (
        "003_fa7102139ac1f54f.txt",
        include_str!("../seeds/003_fa7102139ac1f54f.txt"),
    ),
    (
        "004_a6f68bb0ea23fe15.txt",
        include_str!("../seeds/004_a6f68bb0ea23fe15.txt"),
    ),
];

/// The sample project file (`seeds/gloss.json`).
pub const SAMPLE_PROJECT_JSON: &str = include_str!("../seeds/gloss.json");

/// The sample project with its documents decoded, built from the embedded files
/// (for tests, benchmarks and demos; no file system involved).
pub fn workspace() -> Result<crate::model::workspace::Workspace, crate::model::format::FormatError>
{
    use crate::model::decode::decode_bytes;
    use crate::model::document::LoadedText;
    let project = crate::model::format::project_from_json(SAMPLE_PROJECT_JSON)?;
    let mut texts = std::collections::HashMap::new();
    for record in &project.documents {
        let Some((_, contents)) = SAMPLE_DOCUMENTS
            .iter()
            .find(|(name, _)| *name == record.path)
        else {
            continue;
        };
        if let Ok(decoded) = decode_bytes(contents.as_bytes()) {
            texts.insert(
                record.id.clone(),
                LoadedText::from_decoded(decoded, contents.as_bytes()),
            );
        }
    }
    Ok(crate::model::workspace::Workspace::new(project, texts))
}
