//! Where a command writes: its result to standard output, remarks and problems to
//! standard error. Tests and benchmarks pass buffers instead.

use super::error::CliError;
use crate::model::text::escape_for_terminal;
use std::io::Write;

/// The two streams a command writes to.
pub struct Output<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
}

impl<'a> Output<'a> {
    /// Results go to `out` (standard output), remarks and problems to `err` (standard error).
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write) -> Self {
        Self { out, err }
    }

    /// Writes a command's result; failing to write it fails the command.
    /// Control characters other than line feeds and tabs are escaped, so that
    /// a name or a document cannot send escape sequences to the terminal.
    pub(crate) fn print(&mut self, text: &str) -> Result<(), CliError> {
        self.print_bytes(escape_for_terminal(text).as_bytes())
    }

    /// Writes a binary result (an export to standard output).
    pub(crate) fn print_bytes(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        self.out.write_all(bytes).map_err(CliError::Output)
    }

    /// Writes one line of remark or problem (control characters escaped as
    /// for [`Output::print`]); a closed standard error is ignored.
    pub(crate) fn remark(&mut self, line: &str) {
        let _ = writeln!(self.err, "{}", escape_for_terminal(line));
    }
}
