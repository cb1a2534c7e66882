//! The retrieval filter as command-line flags (`gloss export … --topic NAME`),
//! resolved by name against a project into a [`RetrievalFilter`], so that the
//! command line and the window's retrieval panel filter identically. `analyze`
//! (issue #12) takes the same flags.

use super::error::Refusal;
use crate::model::codebook::CodebookKind;
use crate::model::ids::{ActorId, StanceId, TopicId};
use crate::model::operations::resolve_id;
use crate::model::project::Project;
use crate::model::query::{RetrievalFilter, SortOrder, TextScope, TopicMatch};

/// Sort order as a flag value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SortArg {
    /// Documents by path, passages by position.
    Document,
    /// By topic in codebook order.
    Topic,
    /// By the document's `date` attribute.
    Date,
    /// By place on the stance scale.
    Stance,
}

/// Where `--text` looks (its values have no doc comments: those would become `--help` text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum TextScopeArg {
    Both,
    Excerpt,
    Memo,
}

/// The filter flags of `gloss export`.
#[derive(clap::Args, Debug)]
pub(crate) struct FilterArgs {
    /// Keep annotations with this topic (repeat: any of them; see --all-topics).
    #[arg(long = "topic", value_name = "NAME")]
    topics: Vec<String>,
    /// With several --topic: keep annotations that have every one of them.
    #[arg(long)]
    all_topics: bool,
    /// A topic matches only itself, not its sub-topics.
    #[arg(long)]
    no_subtopics: bool,
    /// Keep annotations with this stance (repeat: any of them).
    #[arg(long = "stance", value_name = "NAME")]
    stances: Vec<String>,
    /// Keep annotations whose stance holder is this actor (repeatable).
    #[arg(long = "holder", value_name = "NAME")]
    holders: Vec<String>,
    /// Keep annotations whose stance target is this actor (repeatable).
    #[arg(long = "target", value_name = "NAME")]
    targets: Vec<String>,
    /// Keep annotations of this document (path as `stats` prints it; repeatable).
    #[arg(long = "doc", value_name = "PATH")]
    documents: Vec<String>,
    /// Keep annotations of documents with this attribute, e.g. outlet=N1 or year=2020 (repeatable).
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    attributes: Vec<String>,
    /// Keep annotations by this coder (repeatable).
    #[arg(long = "coder", value_name = "NAME")]
    coders: Vec<String>,
    /// Keep annotations whose excerpt or memo contains every word of QUERY (case-insensitive).
    #[arg(long, value_name = "QUERY")]
    text: Option<String>,
    /// Where --text looks.
    #[arg(long, value_enum, default_value_t = TextScopeArg::Both)]
    text_in: TextScopeArg,
    /// Row order.
    #[arg(long, value_enum, default_value_t = SortArg::Document)]
    sort: SortArg,
}

impl FilterArgs {
    /// Resolves names against `project`; an unknown name is an error that names it.
    pub(crate) fn to_filter(&self, project: &Project) -> Result<RetrievalFilter, Refusal> {
        let resolve = |kind, name: &String| resolve_id(project, kind, name);
        let mut filter = RetrievalFilter {
            topic_match: if self.all_topics {
                TopicMatch::AllOf
            } else {
                TopicMatch::AnyOf
            },
            include_subtopics: !self.no_subtopics,
            text: self.text.clone().unwrap_or_default(),
            text_scope: match self.text_in {
                TextScopeArg::Both => TextScope::ExcerptOrMemo,
                TextScopeArg::Excerpt => TextScope::Excerpt,
                TextScopeArg::Memo => TextScope::Memo,
            },
            sort: match self.sort {
                SortArg::Document => SortOrder::Document,
                SortArg::Topic => SortOrder::Topic,
                SortArg::Date => SortOrder::Date,
                SortArg::Stance => SortOrder::Stance,
            },
            coders: self.coders.clone(),
            ..RetrievalFilter::default()
        };
        for name in &self.topics {
            filter
                .topics
                .push(TopicId(resolve(CodebookKind::Topic, name)?));
        }
        for name in &self.stances {
            filter
                .stances
                .push(StanceId(resolve(CodebookKind::Stance, name)?));
        }
        for name in &self.holders {
            filter
                .holders
                .push(ActorId(resolve(CodebookKind::Actor, name)?));
        }
        for name in &self.targets {
            filter
                .targets
                .push(ActorId(resolve(CodebookKind::Actor, name)?));
        }
        for path in &self.documents {
            let document = project
                .document_by_path(path)
                .ok_or_else(|| Refusal::UnknownDocument(path.clone()))?;
            filter.documents.push(document.id.clone());
        }
        for pair in &self.attributes {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| Refusal::NotKeyValue(pair.clone()))?;
            filter
                .attributes
                .push((key.trim().to_owned(), value.trim().to_owned()));
        }
        Ok(filter)
    }
}
