//! Reading a `.qdpx` archive into an [`ImportPlan`]: the project file, its
//! codebook, its sources and their selections, in that order, with one report
//! line per item that could not be mapped exactly and a summary of totals.

use super::archive::Archive;
use super::codebook::{CodebookImport, import_codebook, read_codes};
use super::documents::DocumentPlanner;
use super::known::KnownAnnotations;
use super::metadata::ProjectMetadata;
use super::selections::{Outcome, PlacedSource, SelectionContext};
use super::sources::{SourceContext, SourceData, read_sources};
use super::unit_choice::choose_unit;
use super::xml::{decode_owned, element, elements, parse_xml, root_named};
use crate::import::error::ImportError;
use crate::import::plan::{ImportPlan, ImportReport};
use crate::model::annotation::Annotation;
use crate::model::edit::Edit;
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use crate::refi_qda::units::OffsetUnit;
use roxmltree::Node;

/// Parts of a project Gloss has no place for: (container, item).
const UNSUPPORTED: [(&str, &str); 4] = [
    ("Cases", "Case"),
    ("Sets", "Set"),
    ("Links", "Link"),
    ("Graphs", "Graph"),
];

/// Reports each unsupported part the project has.
fn report_unsupported(root: Node<'_, '_>, problems: &mut Vec<String>) {
    for (container, item) in UNSUPPORTED {
        let count = element(root, container).map_or(0, |c| elements(c, item).count());
        if count > 0 {
            problems.push(format!(
                "{count} {} not imported (Gloss has no {})",
                container.to_lowercase(),
                item.to_lowercase()
            ));
        }
    }
}

/// The project's text sources, each with its canonical text (moved out of
/// its offset table, not copied); an error when a limit of the import is passed.
fn project_sources(
    root: Node<'_, '_>,
    context: &mut SourceContext<'_, '_>,
) -> Result<Vec<(SourceData, CanonicalText)>, ImportError> {
    let Some(container) = element(root, "Sources") else {
        return Ok(Vec::new());
    };
    let sources = read_sources(container, context);
    if let Some(refusal) = context.refusal.take() {
        return Err(refusal.into());
    }
    Ok(sources
        .into_iter()
        .map(|mut source| {
            let text = CanonicalText::new(std::mem::take(&mut source.table.canonical));
            (source, text)
        })
        .collect())
}

/// How the selections of a file fared.
#[derive(Default)]
struct SelectionCounts {
    already_there: usize,
    not_imported: usize,
}

/// The import's one-line summary; it starts by saying so when nothing is new
/// (nothing to add, and nothing left out or reported).
fn summary(
    documents: &DocumentPlanner<'_>,
    codebook: &CodebookImport,
    annotations_added: usize,
    counts: &SelectionCounts,
    unit: OffsetUnit,
    nothing_new: bool,
) -> String {
    let totals = format!(
        "{} document(s) added, {} already in the project; {} topic(s), {} stance(s), {} actor(s) added; {} annotation(s) imported, {} already in the project, {} not imported; positions read as {}",
        documents.added,
        documents.reused,
        codebook.topics_added,
        codebook.stances_added,
        codebook.actors_added,
        annotations_added,
        counts.already_there,
        counts.not_imported,
        unit.describe()
    );
    if nothing_new {
        format!(
            "Nothing new to import: the project holds everything in this file already. {totals}"
        )
    } else {
        totals
    }
}

/// Reads a `.qdpx` archive and plans its import into `workspace`'s project.
pub fn import_qdpx(
    bytes: &[u8],
    workspace: &Workspace,
    now: &str,
) -> Result<ImportPlan, ImportError> {
    let project = &workspace.project;
    let mut archive = Archive::open(bytes)?;
    let xml = decode_owned(archive.project_file()?).0;
    let document = parse_xml(&xml)?;
    let root = root_named(&document, "Project")?;
    let origin = root.attribute("origin").unwrap_or_default();
    let mut problems: Vec<String> = Vec::new();
    let metadata = ProjectMetadata::read(root, &mut archive, &mut problems)?;

    let mut code_nodes = Vec::new();
    if let Some(codes) = element(root, "CodeBook").and_then(|c| element(c, "Codes")) {
        read_codes(codes, &mut code_nodes, &mut problems);
    }
    let mut codebook = import_codebook(
        &code_nodes,
        &project.codebook,
        metadata.codebook_note.as_ref(),
    );
    problems.append(&mut codebook.problems);
    report_unsupported(root, &mut problems);

    let mut context = SourceContext {
        archive: &mut archive,
        variables: &metadata.variables,
        problems: &mut problems,
        dropped_selections: 0,
        refusal: None,
    };
    let sources = project_sources(root, &mut context)?;
    let mut counts = SelectionCounts {
        not_imported: context.dropped_selections,
        ..SelectionCounts::default()
    };
    let unit = choose_unit(&sources, origin, &mut problems);

    let mut documents = DocumentPlanner::new(workspace, metadata.document_ids());
    let annotation_ids = metadata.annotation_ids();
    let mut known = KnownAnnotations::new(project);
    let mut edits: Vec<Edit> = std::mem::take(&mut codebook.edits);
    let mut annotations: Vec<Annotation> = Vec::new();
    for (source, text) in &sources {
        let document = documents.document_for(source, text, &mut edits, &mut problems);
        let placed = PlacedSource {
            source,
            text,
            document: &document,
        };
        let mut context = SelectionContext {
            unit,
            annotation_ids: &annotation_ids,
            known: &mut known,
            users: &metadata.users,
            notes: &metadata.notes,
            now,
            codebook: &mut codebook,
            problems: &mut problems,
        };
        for selection in &source.selections {
            match context.annotation(selection, &placed) {
                Outcome::Added(annotation) => annotations.push(*annotation),
                Outcome::AlreadyThere => counts.already_there += 1,
                Outcome::Dropped => counts.not_imported += 1,
            }
        }
    }
    // Stances and actors created from stance notes come after the documents were planned.
    edits.append(&mut codebook.edits);
    let summary = summary(
        &documents,
        &codebook,
        annotations.len(),
        &counts,
        unit,
        edits.is_empty()
            && annotations.is_empty()
            && counts.not_imported == 0
            && problems.is_empty(),
    );
    // In the project's order, so that each insertion lands at the end (no quadratic shifting).
    annotations.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    edits.extend(annotations.into_iter().map(Edit::add_annotation));
    Ok(ImportPlan {
        new_files: documents.new_files,
        edit: (!edits.is_empty()).then(|| Edit::batch("import REFI-QDA project", edits)),
        report: ImportReport { summary, problems },
    })
}
