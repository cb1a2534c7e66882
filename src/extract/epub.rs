//! EPUB → canonical text: the chapters in spine order (items marked
//! `linear="no"`, such as covers, left out), each read like an HTML page
//! ([`chapter_blocks`]) with its highest heading as a level-1 heading;
//! metadata (title, creator, date) from the package document (OPF).
//!
//! [`chapter_blocks`]: crate::extract::html::chapter_blocks

use crate::extract::archive::{Archive, parse_xml};
use crate::extract::builder::TextBuilder;
use crate::extract::extracted::{ExtractError, Extracted};
use crate::extract::html::chapter_blocks;
use crate::model::structure::SourceFormat;
use std::collections::HashMap;

const FORMAT: &str = "EPUB";

/// Extracts an EPUB's text and structure.
pub fn extract_epub(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, FORMAT)?;
    if archive.read("META-INF/encryption.xml")?.is_some_and(|xml| {
        // Font obfuscation is listed here too; only encrypted content matters.
        String::from_utf8_lossy(&xml).contains("xhtml")
    }) {
        return Err(ExtractError::Encrypted);
    }
    let Some(container) = archive.read_text("META-INF/container.xml")? else {
        return Err(archive.malformed("no META-INF/container.xml"));
    };
    let container = parse_xml(&container, FORMAT, "META-INF/container.xml")?;
    let Some(opf_path) = container
        .descendants()
        .find(|n| n.tag_name().name() == "rootfile")
        .and_then(|n| n.attribute("full-path"))
        .map(str::to_owned)
    else {
        return Err(archive.malformed("the container names no package document"));
    };
    let Some(opf) = archive.read_text(&opf_path)? else {
        return Err(archive.malformed(format!("no package document {opf_path}")));
    };
    let opf = parse_xml(&opf, FORMAT, &opf_path)?;
    let folder = opf_path.rsplit_once('/').map_or("", |(folder, _)| folder);

    let mut builder = TextBuilder::new(SourceFormat::Epub);
    if let Some(metadata) = opf
        .descendants()
        .find(|n| n.tag_name().name() == "metadata")
    {
        for (name, key) in [("title", "title"), ("creator", "author"), ("date", "date")] {
            if let Some(node) = metadata.children().find(|n| n.tag_name().name() == name) {
                builder.metadata(
                    key,
                    &node
                        .descendants()
                        .filter(roxmltree::Node::is_text)
                        .filter_map(|n| n.text())
                        .collect::<String>(),
                );
            }
        }
    }
    let manifest: HashMap<&str, (&str, &str)> = opf
        .descendants()
        .filter(|n| n.tag_name().name() == "item")
        .filter_map(|n| {
            Some((
                n.attribute("id")?,
                (
                    n.attribute("href")?,
                    n.attribute("media-type").unwrap_or(""),
                ),
            ))
        })
        .collect();
    let spine: Vec<&str> = opf
        .descendants()
        .filter(|n| n.tag_name().name() == "itemref")
        .filter(|n| n.attribute("linear") != Some("no"))
        .filter_map(|n| n.attribute("idref"))
        .collect();
    for idref in spine {
        let Some(&(href, media_type)) = manifest.get(idref) else {
            continue;
        };
        if !(media_type.contains("html") || media_type.is_empty()) {
            continue;
        }
        let path = resolve(folder, href);
        let Some(chapter) = archive.read(&path)? else {
            return Err(archive.malformed(format!("the spine names {path}, which is missing")));
        };
        let chapter = String::from_utf8_lossy(&chapter);
        chapter_blocks(chapter.trim_start_matches('\u{feff}'), &mut builder);
    }
    Ok(builder.finish())
}

/// A manifest `href` (relative to the package document, percent-encoded) → a part name.
fn resolve(folder: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let mut parts: Vec<String> = folder
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    for piece in href.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(percent_decoded(piece)),
        }
    }
    parts.join("/")
}

fn percent_decoded(piece: &str) -> String {
    let bytes = piece.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS", "text/ch%201.xhtml#x"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(resolve("OEBPS/pkg", "../ch.xhtml"), "OEBPS/ch.xhtml");
        assert_eq!(resolve("", "ch.xhtml"), "ch.xhtml");
    }
}
