//! How much an import reads before it refuses a file: the budget that keeps a
//! hostile archive (a zip bomb, a flood of XML nodes) from exhausting memory.
//! Every limit is documented in `docs/refi-qda.md` and named in the message of
//! the refusal it causes.

/// Largest uncompressed size of one archive entry (a document's text or the
/// project file): 1 GiB, room for the project file of some 400,000 annotations
/// of a Gloss export. Bombs are stopped sooner by their compression ratio.
pub const MAX_ENTRY_BYTES: u64 = 1024 * MIB;

/// Largest uncompressed size of all the entries an import reads from one
/// archive together (an entry read twice counts twice): 2 GiB.
pub const MAX_ARCHIVE_BYTES: u64 = 2048 * MIB;

/// Largest ratio of an entry's uncompressed to its compressed size. Text and
/// XML compress 3–20 times; a zip bomb, hundreds or a thousand times.
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// Entries up to this uncompressed size are never refused for their ratio
/// (a small, very regular file may compress extremely well): 1 MiB.
pub const RATIO_FREE_BYTES: u64 = MIB;

/// Most nodes (elements, attributes' texts, text runs) one XML file may have:
/// 20 million, some 600,000 annotations of a Gloss export (about 30 nodes each).
pub const MAX_XML_NODES: u32 = 20_000_000;

/// One mebibyte.
const MIB: u64 = 1 << 20;

/// A byte count for a message: `128 MiB`, `1.5 GiB`, `900 bytes`.
pub fn describe_bytes(bytes: u64) -> String {
    const GIB: u64 = 1 << 30;
    if bytes >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB as f64)
    } else if bytes >= MIB {
        let mib = bytes as f64 / MIB as f64;
        if bytes.is_multiple_of(MIB) {
            format!("{mib:.0} MiB")
        } else {
            format!("{mib:.1} MiB")
        }
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(describe_bytes(MAX_ENTRY_BYTES), "1.0 GiB");
        assert_eq!(describe_bytes(128 * MIB), "128 MiB");
        assert_eq!(describe_bytes(3 * MIB / 2), "1.5 MiB");
        assert_eq!(describe_bytes(2 << 30), "2.0 GiB");
        assert_eq!(describe_bytes(900), "900 bytes");
    }
}
