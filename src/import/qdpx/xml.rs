//! Lenient reading of REFI-QDA XML and texts: bytes decoded by their BOM
//! (UTF-8 or UTF-16), elements found by local name whatever their namespace
//! (codebook `0:4` and `1.0` both occur), parsed with a node limit.

use crate::import::error::ImportError;
use crate::import::limits::MAX_XML_NODES;
use roxmltree::Node;

/// Parses XML with at most [`MAX_XML_NODES`] nodes (no DTD).
pub(super) fn parse_xml(xml: &str) -> Result<roxmltree::Document<'_>, ImportError> {
    parse_with_limit(xml, MAX_XML_NODES)
}

fn parse_with_limit(xml: &str, nodes_limit: u32) -> Result<roxmltree::Document<'_>, ImportError> {
    let options = roxmltree::ParsingOptions {
        nodes_limit,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options).map_err(|error| match error {
        roxmltree::Error::NodesLimitReached => ImportError::TooManyNodes,
        other => ImportError::Xml(other),
    })
}

/// The element's name without its namespace.
pub(super) fn local_name<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// The child elements named `name` (any namespace).
pub(super) fn elements<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |child| child.is_element() && local_name(child) == name)
}

/// The first child element named `name` (any namespace).
pub(super) fn element<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> Option<Node<'a, 'input>> {
    elements(node, name).next()
}

/// The text directly inside an element (empty when there is no element).
pub(super) fn text_of(node: Option<Node<'_, '_>>) -> String {
    node.map(|n| n.children().filter_map(|c| c.text()).collect())
        .unwrap_or_default()
}

/// A lowercased attribute (GUIDs are compared case-insensitively); empty when missing.
pub(super) fn guid_attribute(node: Node<'_, '_>, name: &str) -> String {
    node.attribute(name).unwrap_or_default().to_lowercase()
}

/// The root element, checked to be `expected` (any namespace).
pub(super) fn root_named<'a, 'input>(
    document: &'a roxmltree::Document<'input>,
    expected: &'static str,
) -> Result<Node<'a, 'input>, ImportError> {
    let root = document.root_element();
    if local_name(&root) == expected {
        Ok(root)
    } else {
        Err(ImportError::WrongRoot {
            found: local_name(&root).to_owned(),
            expected,
        })
    }
}

/// Like [`decode_text`], without copying bytes that are already UTF-8 without a BOM.
pub(super) fn decode_owned(bytes: Vec<u8>) -> (String, bool) {
    if encoding_rs::Encoding::for_bom(&bytes).is_some() {
        return decode_text(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(error) => (String::from_utf8_lossy(error.as_bytes()).into_owned(), true),
    }
}

/// Decodes text bytes: UTF-8 or UTF-16 by BOM, BOM removed; invalid UTF-8 replaced.
/// The flag says whether anything had to be replaced.
pub(super) fn decode_text(bytes: &[u8]) -> (String, bool) {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), had_errors);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_by_bom_and_replaces_bad_bytes() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Вучић".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16), ("Вучић".to_owned(), false));
        assert_eq!(
            decode_text("\u{feff}plain".as_bytes()),
            ("plain".to_owned(), false)
        );
        assert_eq!(decode_text(b"a\xFFb"), ("a\u{FFFD}b".to_owned(), true));
    }

    #[test]
    fn too_many_nodes_is_its_own_refusal() {
        let xml = "<a><b/><b/><b/><b/></a>";
        assert!(parse_with_limit(xml, 100).is_ok());
        assert!(matches!(
            parse_with_limit(xml, 3),
            Err(ImportError::TooManyNodes)
        ));
        assert_eq!(decode_owned(b"plain".to_vec()), ("plain".to_owned(), false));
        assert!(decode_owned(b"a\xFFb".to_vec()).1);
    }

    #[test]
    fn finds_elements_in_any_namespace() {
        let xml = "<CodeBook xmlns=\"urn:QDA-XML:codebook:0:4\"><Codes><Code guid=\"AB\">\
                   <Description>d</Description></Code></Codes></CodeBook>";
        let document = roxmltree::Document::parse(xml).expect("xml");
        let codes = element(document.root_element(), "Codes").expect("codes");
        let code = element(codes, "Code").expect("code");
        assert_eq!(guid_attribute(code, "guid"), "ab");
        assert_eq!(text_of(element(code, "Description")), "d");
        assert_eq!(elements(codes, "Missing").count(), 0);
    }
}
