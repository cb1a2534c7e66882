//! JSON Lines export: one object per annotation with keys `id, document, start,
//! end, text, topics, stance, holder, target, memo, coder, created, modified,
//! status` (`status`: `exact`, `moved`, `fuzzy` or `orphaned`; an orphan's
//! `text` is its stored quote and `start`/`end` its last offsets).

use crate::export::row::ExcerptRow;
use std::io::{self, Write};

/// Writes one JSON object per row, each on its own line.
pub fn write_jsonl(rows: &[ExcerptRow], out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for row in rows {
        serde_json::to_writer(&mut out, row)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
