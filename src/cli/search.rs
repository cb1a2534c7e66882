//! `gloss search`: finds passages across the project's documents (read-only), as
//! a listing by document or one JSON object per hit.

use super::editing;
use super::error::{CliError, Refusal};
use super::output::Output;
use crate::model::search::{
    CompiledQuery, DocumentHits, MatchMode, SearchQuery, default_thread_count, keyword_in_context,
    search_workspace,
};
use std::fmt::Write as _;
use std::path::PathBuf;

/// How many chars of context `search` shows on each side of a hit.
const SEARCH_CONTEXT_CHARS: usize = 40;

/// The command line of `gloss search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    path: PathBuf,
    /// The text to find (a regular expression with --regex).
    query: String,
    /// QUERY is a regular expression (regex crate syntax), matched against the folded text.
    #[arg(long, conflicts_with = "fuzzy")]
    regex: bool,
    /// Allow up to N edits (misspellings, OCR noise); without N: 1, or 2 for 10+ chars.
    #[arg(long, value_name = "N", num_args = 0..=1)]
    fuzzy: Option<Option<u32>>,
    /// Only hits that are whole words.
    #[arg(long)]
    whole_word: bool,
    #[arg(long)]
    case_sensitive: bool,
    /// `c` no longer finds `č` (nor `dj` `đ`).
    #[arg(long)]
    diacritic_sensitive: bool,
    /// One JSON object per hit and line: document, start, end, text, context_before,
    /// context_after (and edits); start and end count chars of the canonical text.
    #[arg(long)]
    json: bool,
}

impl SearchArgs {
    /// The query the flags describe.
    fn query(&self) -> SearchQuery {
        SearchQuery {
            text: self.query.clone(),
            mode: match (self.regex, self.fuzzy) {
                (true, _) => MatchMode::Regex,
                (false, Some(_)) => MatchMode::Fuzzy,
                (false, None) => MatchMode::Plain,
            },
            max_edits: self.fuzzy.flatten(),
            whole_word: self.whole_word,
            case_sensitive: self.case_sensitive,
            diacritic_sensitive: self.diacritic_sensitive,
        }
    }
}

/// Runs `gloss search`.
pub(crate) fn run(args: &SearchArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let compiled = CompiledQuery::new(&args.query()).map_err(Refusal::Search)?;
    let opened = editing::open(&args.path)?;
    let results = search_workspace(&opened.workspace, &compiled, default_thread_count());
    let text = if args.json {
        json_lines(&results)
    } else {
        listing(&results, &compiled)
    };
    output.print(&text)
}

/// `--json`: one object per hit and line.
fn json_lines(results: &[DocumentHits<'_>]) -> String {
    let mut text = String::new();
    for result in results {
        for hit in &result.hits {
            let context = keyword_in_context(result.text, hit.range, SEARCH_CONTEXT_CHARS);
            let value = serde_json::json!({
                "document": result.record.path,
                "start": hit.range.start.0,
                "end": hit.range.end.0,
                "text": context.hit,
                "context_before": context.before,
                "context_after": context.after,
                "edits": hit.edits,
            });
            let _ = writeln!(text, "{value}");
        }
    }
    text
}

/// The listing: each document with hits, one line per hit in context, then totals.
fn listing(results: &[DocumentHits<'_>], compiled: &CompiledQuery) -> String {
    let mut text = String::new();
    let (mut total, mut documents_with_hits) = (0, 0);
    for result in results.iter().filter(|result| !result.hits.is_empty()) {
        total += result.hits.len();
        documents_with_hits += 1;
        let _ = writeln!(
            text,
            "{}  ({})  {}",
            result.record.path,
            plural(result.hits.len(), "hit"),
            result.record.title()
        );
        for hit in &result.hits {
            let line = keyword_in_context(result.text, hit.range, SEARCH_CONTEXT_CHARS).one_line();
            let edits = if hit.edits > 0 {
                format!("  ({})", plural(hit.edits as usize, "edit"))
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "  {:>8}  …{}[{}]{}…{edits}",
                hit.range.start.0, line.before, line.hit, line.after
            );
        }
    }
    let options = compiled.options_label();
    let options = if options.is_empty() {
        String::new()
    } else {
        format!(" ({options})")
    };
    let _ = writeln!(
        text,
        "{} in {}{options}",
        plural(total, "hit"),
        plural(documents_with_hits, "document")
    );
    text
}

/// `1 hit`, `2 hits`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
