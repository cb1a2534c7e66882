//! REFI-QDA exchange (the QDA-XML standard 1.0): `.qdpx` projects and `.qdc`
//! codebooks, read and written. See `docs/refi-qda.md` for the mapping.
//!
//! - [`write`]: strict output (`project.qde`, `sources/<GUID>.txt` in UTF-8
//!   with LF, namespaces `urn:QDA-XML:project:1.0` / `urn:QDA-XML:codebook:1.0`,
//!   no empty containers, schema child order).
//! - [`read`]: lenient input (any single `*.qde`, `sources/` or `Sources/`,
//!   BOMs, codebook namespace 0:4 or 1.0) with a per-item report; offsets
//!   are converted from the unit the creating tool used ([`units`]).

pub mod read;
pub mod units;
pub mod write;
mod xml;

pub use read::{QdpxImport, import_qdc, import_qdpx};
pub use write::{write_qdc, write_qdpx};

use sha2::{Digest, Sha256};

pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// Name of the project-level note that carries what only Gloss reads back.
pub const CODEBOOK_NOTE_NAME: &str = "Gloss codebook";
/// Name of the per-selection note with stance, holder and target.
pub const STANCE_NOTE_NAME: &str = "Gloss stance";
/// Name of the per-selection note with the memo.
pub const MEMO_NOTE_NAME: &str = "Memo";
/// Names of the codes that group the stance scale and the actors.
pub const STANCE_GROUP_NAME: &str = "Stance";
pub const ACTORS_GROUP_NAME: &str = "Actors";
pub const HOLDER_GROUP_NAME: &str = "Holder";
pub const TARGET_GROUP_NAME: &str = "Target";

/// A stable GUID (RFC 9562 version 8 layout) derived from a kind and an id, so
/// that exporting the same project twice gives the same file.
pub fn stable_guid(kind: &str, id: &str) -> String {
    guid_from_bytes(&stable_digest(kind, id)[..16])
}

/// SHA-256 of `kind`, a zero byte and `id`.
pub(crate) fn stable_digest(kind: &str, id: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update([0u8]);
    hasher.update(id.as_bytes());
    hasher.finalize().into()
}

/// Formats 16 bytes as a GUID `xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx` (version 8, RFC variant).
pub(crate) fn guid_from_bytes(source: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = [0u8; 16];
    let length = source.len().min(16);
    bytes[..length].copy_from_slice(&source[..length]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// The `n`-th GUID derived from a digest (for the codings and notes of one selection).
pub(crate) fn derived_guid(digest: &[u8; 32], n: u16) -> String {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[16..32]);
    let [high, low] = n.to_be_bytes();
    bytes[14] ^= high;
    bytes[15] ^= low;
    guid_from_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_guids_have_the_schema_form_and_differ_by_kind() {
        let guid = stable_guid("topic", "topic-health");
        assert_eq!(guid, stable_guid("topic", "topic-health"));
        assert_ne!(guid, stable_guid("stance", "topic-health"));
        let groups: Vec<usize> = guid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(guid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
