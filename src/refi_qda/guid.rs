//! Stable GUIDs for REFI-QDA files, derived from Gloss ids (SHA-256, RFC 9562
//! version-8 layout), so that exporting the same project twice gives the same file.

use sha2::{Digest as _, Sha256};

/// A stable GUID derived from a kind (`topic`, `document`, …) and an id.
pub fn stable_guid(kind: &str, id: &str) -> String {
    guid_from_bytes(&stable_digest(kind, id)[..16])
}

/// SHA-256 of `kind`, a zero byte and `id`.
pub fn stable_digest(kind: &str, id: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update([0u8]);
    hasher.update(id.as_bytes());
    hasher.finalize().into()
}

/// Formats 16 bytes as a GUID `xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx` (version 8, RFC variant).
pub fn guid_from_bytes(source: &[u8]) -> String {
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
pub fn derived_guid(digest: &[u8; 32], n: u16) -> String {
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
