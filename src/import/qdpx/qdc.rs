//! Reading a `.qdc` codebook: its codes mapped onto the project's codebook
//! (topics, and our stance and actor groups by name), as one undoable edit.

use super::codebook::{import_codebook, read_codes};
use super::xml::{decode_text, element, elements, parse_xml, root_named};
use crate::import::error::ImportError;
use crate::import::plan::{ImportPlan, ImportReport};
use crate::model::codebook::Codebook;

/// Reads a `.qdc` codebook and plans merging it into `codebook`.
pub fn import_qdc(bytes: &[u8], codebook: &Codebook) -> Result<ImportPlan, ImportError> {
    let xml = decode_text(bytes).0;
    let document = parse_xml(&xml)?;
    let root = root_named(&document, "CodeBook")?;
    let mut code_nodes = Vec::new();
    let mut too_deep = Vec::new();
    if let Some(codes) = element(root, "Codes") {
        read_codes(codes, &mut code_nodes, &mut too_deep);
    }
    let sets = element(root, "Sets").map_or(0, |s| elements(s, "Set").count());
    let mut import = import_codebook(&code_nodes, codebook, None);
    import.problems.append(&mut too_deep);
    if sets > 0 {
        import
            .problems
            .push(format!("{sets} set(s) not imported (Gloss has no sets)"));
    }
    let summary = format!(
        "{} topic(s), {} stance(s), {} actor(s) added from {} code(s)",
        import.topics_added,
        import.stances_added,
        import.actors_added,
        code_nodes.len()
    );
    Ok(ImportPlan::edits_only(
        "import REFI-QDA codebook",
        import.edits,
        ImportReport {
            summary,
            problems: import.problems,
        },
    ))
}
