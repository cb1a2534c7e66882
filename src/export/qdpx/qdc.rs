//! Writing the codebook as a REFI-QDA `.qdc` file (namespace
//! `urn:QDA-XML:codebook:1.0`); an empty codebook cannot be a valid one.

use super::codes::{CodeGuids, write_codes};
use super::xml::push_attribute;
use crate::export::options::ExportError;
use crate::model::project::Project;
use crate::refi_qda::names::{CODEBOOK_NAMESPACE, gloss_origin};
use std::io::Write;

/// Writes the codebook as a `.qdc` file.
pub fn write_qdc(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let guids = CodeGuids::new(&project.codebook);
    let mut codes = String::new();
    if !write_codes(&mut codes, &project.codebook, &guids, true) {
        return Err(ExportError::EmptyCodebook);
    }
    let mut xml = String::with_capacity(codes.len() + 256);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook");
    push_attribute(&mut xml, "xmlns", CODEBOOK_NAMESPACE);
    push_attribute(&mut xml, "origin", &gloss_origin());
    xml.push_str(">\n<Codes>\n");
    xml.push_str(&codes);
    xml.push_str("</Codes>\n</CodeBook>\n");
    out.write_all(xml.as_bytes())?;
    Ok(())
}
