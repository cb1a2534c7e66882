//! Search: every matching rule with Serbian (both scripts), Chinese and emoji
//! text, hit ranges equal to the shown text, corpus search with cancelling,
//! auto-coding as one undoable edit, and the `gloss search` command line.

use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::format::project_from_json;
use gloss::model::ids::{DocumentId, TopicId};
use gloss::model::search::autocode::{
    AutoCodeError, AutoCoding, CodingScope, HitToCode, plan_auto_code,
};
use gloss::model::search::fold::{FoldOptions, fold_str};
use gloss::model::search::{
    CompiledQuery, CorpusDocument, MatchMode, SearchError, SearchHit, SearchIndex, SearchQuery,
    find_in_text, search_corpus, search_index, search_workspace,
};
use gloss::model::text::{CanonicalText, CharRange};
use gloss::model::workspace::Workspace;
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

fn hits_of(text: &str, query: &SearchQuery) -> Vec<String> {
    let canonical = CanonicalText::new(text.to_string());
    find_in_text(&canonical, query)
        .expect("query compiles")
        .into_iter()
        .map(|hit| {
            canonical
                .slice(hit.range)
                .expect("hit inside text")
                .to_string()
        })
        .collect()
}

fn plain(text: &str) -> SearchQuery {
    SearchQuery::plain(text)
}

fn with(text: &str, change: impl FnOnce(&mut SearchQuery)) -> SearchQuery {
    let mut query = SearchQuery::plain(text);
    change(&mut query);
    query
}

const SERBIAN: &str = "Predsednik Vučić i premijerka Brnabić. Председник Вучић и Дачић. \
VUČIĆ je rekao: Vučića nema. Ђоковић, Đoković i Djokovic. Љубљана, Његош, Џаја, Ljubiša.";

#[test]
fn matching_is_case_insensitive_by_default_and_case_sensitive_on_request() {
    assert_eq!(
        hits_of(SERBIAN, &plain("vučić")),
        ["Vučić", "Вучић", "VUČIĆ", "Vučić"]
    );
    let sensitive = with("Vučić", |q| q.case_sensitive = true);
    assert_eq!(hits_of(SERBIAN, &sensitive), ["Vučić", "Вучић", "Vučić"]);
    let capitals = with("VUČIĆ", |q| q.case_sensitive = true);
    assert_eq!(hits_of(SERBIAN, &capitals), ["VUČIĆ"]);
}

#[test]
fn matching_is_diacritic_insensitive_by_default() {
    assert_eq!(
        hits_of(SERBIAN, &plain("Vucic")),
        ["Vučić", "Вучић", "VUČIĆ", "Vučić"]
    );
    assert_eq!(hits_of(SERBIAN, &plain("Dacic")), ["Дачић"]);
    assert_eq!(hits_of(SERBIAN, &plain("Brnabic")), ["Brnabić"]);
    let strict = with("Vucic", |q| q.diacritic_sensitive = true);
    assert!(hits_of(SERBIAN, &strict).is_empty());
    let strict_exact = with("Vučić", |q| q.diacritic_sensitive = true);
    assert_eq!(
        hits_of(SERBIAN, &strict_exact).len(),
        4,
        "still case-insensitive and across scripts"
    );
}

#[test]
fn serbian_latin_and_cyrillic_are_one_script() {
    assert_eq!(
        hits_of(SERBIAN, &plain("Вучић")),
        ["Vučić", "Вучић", "VUČIĆ", "Vučić"]
    );
    assert_eq!(
        hits_of(SERBIAN, &plain("Председник")),
        ["Predsednik", "Председник"]
    );
    assert_eq!(hits_of(SERBIAN, &plain("Dačić")), ["Дачић"]);
}

#[test]
fn serbian_digraphs_and_dj_match_their_single_letters() {
    assert_eq!(
        hits_of(SERBIAN, &plain("Djoković")),
        ["Ђоковић", "Đoković", "Djokovic"]
    );
    assert_eq!(
        hits_of(SERBIAN, &plain("Ђоковић")),
        ["Ђоковић", "Đoković", "Djokovic"]
    );
    assert_eq!(hits_of(SERBIAN, &plain("Ljubljana")), ["Љубљана"]);
    assert_eq!(hits_of(SERBIAN, &plain("Njegos")), ["Његош"]);
    assert_eq!(hits_of(SERBIAN, &plain("Džaja")), ["Џаја"]);
    assert_eq!(hits_of(SERBIAN, &plain("Љубиша")), ["Ljubiša"]);
    // A digraph letter is found whole, never half of it.
    assert_eq!(hits_of("Љубиша", &plain("lj")), ["Љ"]);
    assert!(
        hits_of("Љубиша", &plain("j")).is_empty(),
        "`j` is not half of `Љ`"
    );
    assert_eq!(
        hits_of(
            "ЉУБИША Ljubiša",
            &with("LJUBIŠA", |q| q.case_sensitive = true)
        ),
        ["ЉУБИША"]
    );
}

#[test]
fn whole_word_option_rejects_parts_of_words_but_not_chinese() {
    let whole = |text: &str| with(text, |q| q.whole_word = true);
    assert_eq!(
        hits_of(SERBIAN, &whole("Vučić")),
        ["Vučić", "Вучић", "VUČIĆ"]
    );
    assert_eq!(
        hits_of(SERBIAN, &plain("Vučić")).len(),
        4,
        "without it, `Vučića` counts"
    );
    assert_eq!(
        hits_of("主席习近平说", &whole("习近平")),
        ["习近平"],
        "Chinese has no spaces"
    );
    assert_eq!(hits_of("the EU and EUR", &whole("eu")), ["EU"]);
}

#[test]
fn regular_expressions_run_on_the_folded_text() {
    let regex = |text: &str| with(text, |q| q.mode = MatchMode::Regex);
    assert_eq!(hits_of(SERBIAN, &regex(r"vu[cč]i[cć]a\b")), ["Vučića"]);
    assert_eq!(
        hits_of(SERBIAN, &regex("(dj|đ)okovi[cć]")),
        ["Ђоковић", "Đoković", "Djokovic"]
    );
    assert_eq!(
        hits_of("in 2019 and 2020 年", &regex(r"\d{4}")),
        ["2019", "2020"]
    );
    assert_eq!(
        hits_of(SERBIAN, &regex(r"\p{Lu}")).len(),
        0,
        "case-insensitive folds capitals away"
    );
    let error = CompiledQuery::new(&regex("vu(")).expect_err("invalid");
    assert!(matches!(error, SearchError::InvalidRegex(_)));
}

#[test]
fn fuzzy_matching_finds_misspellings_and_ocr_noise_with_the_edits() {
    let text = "Vuclc met Dačlć and Вучкћ; 主席习进平说; Vučić.";
    let canonical = CanonicalText::new(text.into());
    let fuzzy = |query: &str, edits: Option<u32>| {
        let query = with(query, |q| {
            q.mode = MatchMode::Fuzzy;
            q.max_edits = edits;
        });
        find_in_text(&canonical, &query)
            .expect("compiles")
            .into_iter()
            .map(|hit| {
                (
                    canonical.slice(hit.range).expect("slice").to_string(),
                    hit.edits,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fuzzy("Vučić", Some(1)),
        [
            ("Vuclc".into(), 1),
            ("Вучкћ".into(), 1),
            ("Vučić".into(), 0)
        ]
    );
    assert_eq!(fuzzy("Dacic", None), [("Dačlć".into(), 1)]);
    assert_eq!(fuzzy("习近平", Some(1)), [("习进平".into(), 1)]);
    assert!(fuzzy("Vučić", Some(0)).iter().all(|(_, edits)| *edits == 0));
    let compiled =
        CompiledQuery::new(&with("EU", |q| q.mode = MatchMode::Fuzzy)).expect("compiles");
    assert_eq!(
        compiled.max_edits(),
        0,
        "a two-letter query allows no edits"
    );
}

#[test]
fn emoji_and_combining_marks_are_found_whole() {
    let text = "Flags 🇷🇸🇨🇳 and family 👩‍👩‍👧 with Vuc\u{30C}ic\u{301} decomposed.";
    assert_eq!(hits_of(text, &plain("🇨🇳")), ["🇨🇳"]);
    assert_eq!(hits_of(text, &plain("👩‍👩‍👧")), ["👩‍👩‍👧"]);
    assert_eq!(
        hits_of(text, &plain("Vučić")),
        ["Vuc\u{30C}ic\u{301}"],
        "trailing mark included"
    );
}

#[test]
fn line_breaks_and_runs_of_spaces_match_one_space() {
    assert_eq!(
        hits_of("Aleksandar\n  Vučić", &plain("aleksandar vucic")),
        ["Aleksandar\n  Vučić"]
    );
}

#[test]
fn empty_queries_are_refused() {
    assert_eq!(
        CompiledQuery::new(&plain("  ")).err(),
        Some(SearchError::EmptyQuery)
    );
    assert_eq!(
        CompiledQuery::new(&plain("\u{301}")).err(),
        Some(SearchError::EmptyQuery)
    );
}

fn random_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Vučić",
        "Вучић",
        "Đ",
        "đ",
        "dj",
        "Ђ",
        "љ",
        "Љ",
        "lj",
        "њ",
        "nj",
        "џ",
        "dž",
        "Ж",
        "č",
        "ć",
        "c",
        "a",
        "A",
        "ü",
        "ß",
        "习",
        "近平",
        "中国",
        "。",
        "🇷🇸",
        "👩‍👩‍👧",
        "😀",
        "\u{301}",
        "\u{30C}",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\u{A0}",
        ".",
        "-",
        "Ｅ",
        "’",
        "\u{AD}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

fn random_query_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "v", "u", "č", "ч", "dj", "đ", "lj", "љ", "习", "😀", " ", "a", "ž", "\u{301}",
        ]),
        1..5,
    )
    .prop_map(|pieces| pieces.concat())
}

fn check_hits(canonical: &CanonicalText, hits: &[SearchHit], max_edits: u32) {
    let mut previous_end = 0;
    for hit in hits {
        assert!(!hit.range.is_empty());
        assert!(
            hit.range.start.0 >= previous_end,
            "sorted and not overlapping"
        );
        let shown = canonical.slice(hit.range).expect("hit inside the text");
        assert_eq!(
            shown.chars().count(),
            hit.range.len_chars(),
            "exact char range"
        );
        assert!(hit.edits <= max_edits);
        previous_end = hit.range.end.0;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_hit_is_an_exact_char_range_of_the_text(
        text in random_text(),
        query_text in random_query_text(),
        mode in prop::sample::select(vec![MatchMode::Plain, MatchMode::Regex, MatchMode::Fuzzy]),
        whole_word in any::<bool>(),
        case_sensitive in any::<bool>(),
        diacritic_sensitive in any::<bool>(),
    ) {
        let canonical = CanonicalText::new(text);
        let query = SearchQuery {
            text: if mode == MatchMode::Regex { regex::escape(&query_text) } else { query_text },
            mode,
            max_edits: Some(2),
            whole_word,
            case_sensitive,
            diacritic_sensitive,
        };
        let Ok(compiled) = CompiledQuery::new(&query) else { return Ok(()) };
        let index = SearchIndex::new(&canonical, compiled.fold_options());
        let hits = search_index(&index, &canonical, &compiled);
        check_hits(&canonical, &hits, compiled.max_edits());
        if mode == MatchMode::Plain && !case_sensitive {
            // Every plain hit folds to exactly the folded query (with case, an
            // all-capital `LJ` from `Љ` depends on the letter after the hit).
            let options = compiled.fold_options();
            for hit in &hits {
                let shown = canonical.slice(hit.range).expect("inside");
                let folded = fold_str(shown, options);
                let folded_query = fold_str(&query.text, options);
                prop_assert_eq!(folded.trim(), folded_query.trim());
            }
        }
    }

    #[test]
    fn a_piece_of_the_text_is_always_found(text in random_text(), from in 0usize..200, length in 1usize..12) {
        let chars: Vec<char> = text.chars().collect();
        prop_assume!(!chars.is_empty());
        let start = from % chars.len();
        let end = (start + length).min(chars.len());
        let piece: String = chars[start..end].iter().collect();
        prop_assume!(!piece.starts_with(char::is_whitespace) && !piece.trim().is_empty());
        let options = FoldOptions::default();
        prop_assume!(!fold_str(&piece, options).trim().is_empty());
        let canonical = CanonicalText::new(text.clone());
        let hits = find_in_text(&canonical, &SearchQuery::plain(piece.clone())).expect("compiles");
        prop_assert!(!hits.is_empty(), "{:?} not found in {:?}", piece, text);
        check_hits(&canonical, &hits, 0);
    }
}

/// The sample project and its documents, plus one Serbian/Chinese document.
fn sample_workspace() -> (Workspace, DocumentId) {
    let mut project =
        project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample project");
    let mut texts = HashMap::new();
    for (name, contents) in gloss::sample::SAMPLE_DOCUMENTS {
        let record = project
            .document_by_path(name)
            .expect("sample document")
            .clone();
        texts.insert(record.id, LoadedText::from_string(contents));
    }
    let serbian = LoadedText::from_string(
        "Председник Вучић је рекао да је сарадња са Кином одлична. Vučić je to ponovio.\n\n\
         习近平 и Вучић су се срели. Dačić nije bio tamo.\n",
    );
    let record = DocumentRecord::new("serbian.txt", &serbian.sha256);
    let id = record.id.clone();
    project.documents.push(record);
    texts.insert(id.clone(), serbian);
    (Workspace::new(project, texts), id)
}

fn corpus_hits(workspace: &Workspace, query: &SearchQuery) -> Vec<(DocumentId, SearchHit)> {
    let compiled = CompiledQuery::new(query).expect("compiles");
    let found = search_workspace(workspace, &compiled, 2);
    assert_eq!(
        found.len(),
        workspace.project.documents.len(),
        "every loaded document is listed, hits or not"
    );
    found
        .into_iter()
        .flat_map(|document| {
            let id = document.record.id.clone();
            document.hits.into_iter().map(move |hit| (id.clone(), hit))
        })
        .collect()
}

#[test]
fn corpus_search_reports_every_document_and_can_be_cancelled() {
    let (workspace, serbian) = sample_workspace();
    let hits = corpus_hits(&workspace, &plain("Vucic"));
    let in_serbian = hits
        .iter()
        .filter(|(document, _)| *document == serbian)
        .count();
    assert_eq!(in_serbian, 3, "Вучић twice and Vučić once");
    assert!(
        hits.len() > in_serbian,
        "the English sample documents mention Vučić too"
    );
    for (document, hit) in &hits {
        let text = &workspace.text(document).expect("loaded").text;
        let shown = text.slice(hit.range).expect("inside");
        assert_eq!(fold_str(shown, FoldOptions::default()), "vucic");
    }

    let compiled = CompiledQuery::new(&plain("Vucic")).expect("compiles");
    let text = &workspace.text(&serbian).expect("loaded").text;
    let index = SearchIndex::new(text, compiled.fold_options());
    let documents = vec![
        CorpusDocument {
            id: &serbian,
            text,
            index: &index
        };
        50
    ];
    let reported = Mutex::new(Vec::new());
    search_corpus(
        &documents,
        &compiled,
        2,
        &AtomicBool::new(false),
        &|position, hits| {
            reported.lock().expect("lock").push((position, hits.len()));
        },
    );
    let mut reported = reported.into_inner().expect("lock");
    reported.sort_unstable();
    assert_eq!(
        reported,
        (0..50).map(|position| (position, 3)).collect::<Vec<_>>(),
        "every document is reported once, with its hits"
    );
    let called = Mutex::new(0);
    search_corpus(&documents, &compiled, 2, &AtomicBool::new(true), &|_, _| {
        *called.lock().expect("lock") += 1;
    });
    assert_eq!(
        *called.lock().expect("lock"),
        0,
        "a cancelled search reports nothing"
    );
}

#[test]
fn an_index_built_with_other_options_is_not_misused() {
    let text = CanonicalText::new("Vučić VUČIĆ".into());
    let insensitive = SearchIndex::new(&text, FoldOptions::default());
    let query = CompiledQuery::new(&with("VUČIĆ", |q| q.case_sensitive = true)).expect("compiles");
    let hits = search_index(&insensitive, &text, &query);
    assert_eq!(
        hits,
        [SearchHit {
            range: CharRange::new(6, 11),
            edits: 0
        }]
    );
}

fn topic(workspace: &Workspace, name: &str) -> TopicId {
    workspace
        .project
        .codebook
        .topic_by_name(name)
        .map(|t| t.id.clone())
        .unwrap_or_else(|| {
            workspace
                .project
                .codebook
                .topics
                .first()
                .expect("the sample has topics")
                .id
                .clone()
        })
}

/// Every hit of `Vučić` in the sample corpus, as hits to code.
fn vucic_hits(workspace: &Workspace) -> Vec<HitToCode> {
    let hits: Vec<HitToCode> = corpus_hits(workspace, &plain("Vučić"))
        .into_iter()
        .map(|(document, hit)| HitToCode {
            document,
            range: hit.range,
        })
        .collect();
    assert!(hits.len() >= 4);
    hits
}

/// The sample's "Geopolitical alignment" topic, and nothing else.
fn geopolitics(workspace: &Workspace) -> AutoCoding {
    AutoCoding {
        topics: vec![topic(workspace, "Geopolitical alignment")],
        ..AutoCoding::default()
    }
}

/// The sample workspace with every `Vučić` hit coded (hit scope) and applied:
/// the workspace, the annotations before, the hits and the coding.
fn sample_with_vucic_coded() -> (Workspace, Vec<Annotation>, Vec<HitToCode>, AutoCoding) {
    let (mut workspace, _) = sample_workspace();
    let before = workspace.project.annotations.clone();
    let hits = vucic_hits(&workspace);
    let coding = geopolitics(&workspace);
    let plan = plan_auto_code(
        &workspace,
        &hits,
        CodingScope::Hit,
        &coding,
        "tester",
        "2026-11-23T15:00:00Z",
    )
    .expect("plan");
    assert_eq!(plan.created + plan.updated + plan.already_coded, hits.len());
    assert!(plan.created > 0);
    workspace.apply(plan.edit).expect("applies");
    assert_eq!(
        workspace.project.annotations.len(),
        before.len() + plan.created
    );
    (workspace, before, hits, coding)
}

#[test]
fn auto_coding_codes_every_hit_and_exactly_the_hit() {
    let (workspace, before, hits, coding) = sample_with_vucic_coded();
    for hit in &hits {
        let covered = workspace.project.annotations_of(&hit.document).any(|a| {
            a.start <= hit.range.start
                && hit.range.end <= a.end
                && a.topics.contains(&coding.topics[0])
        });
        assert!(covered, "every hit is coded");
    }
    for added in workspace
        .project
        .annotations
        .iter()
        .filter(|a| !before.contains(a))
    {
        let text = &workspace.text(&added.document).expect("loaded").text;
        assert!(
            hits.iter()
                .any(|h| h.document == added.document && h.range == added.range())
        );
        assert_eq!(
            Some(added.anchor.exact.as_str()),
            text.slice(added.range()),
            "codes exactly the hit"
        );
    }
}

#[test]
fn auto_coding_the_same_hits_again_changes_nothing() {
    let (workspace, _, hits, coding) = sample_with_vucic_coded();
    // The hits already have that topic.
    let again = plan_auto_code(
        &workspace,
        &hits,
        CodingScope::Hit,
        &coding,
        "tester",
        "now",
    )
    .expect("plan");
    assert_eq!(
        (again.created, again.updated, again.already_coded),
        (0, 0, hits.len())
    );
    assert!(again.edit.is_noop());
}

#[test]
fn one_undo_removes_a_whole_auto_coding() {
    let (mut workspace, before, _, _) = sample_with_vucic_coded();
    workspace.undo().expect("undo").expect("something to undo");
    assert_eq!(workspace.project.annotations, before);
}

/// The sample workspace with the sentences around the `Vučić` hits of the
/// Serbian document coded: the workspace, that document, its hits and the coding.
fn sample_with_serbian_sentences_coded() -> (Workspace, DocumentId, Vec<HitToCode>, AutoCoding) {
    let (mut workspace, serbian) = sample_workspace();
    let serbian_hits: Vec<HitToCode> = vucic_hits(&workspace)
        .into_iter()
        .filter(|h| h.document == serbian)
        .collect();
    let coding = geopolitics(&workspace);
    let sentences = plan_auto_code(
        &workspace,
        &serbian_hits,
        CodingScope::Sentence,
        &coding,
        "tester",
        "now",
    )
    .expect("plan");
    workspace.apply(sentences.edit).expect("applies");
    (workspace, serbian, serbian_hits, coding)
}

#[test]
fn auto_coding_sentences_codes_each_sentence_once() {
    // Two hits in one sentence code it once.
    let (workspace, serbian, _, _) = sample_with_serbian_sentences_coded();
    let text = &workspace.text(&serbian).expect("loaded").text;
    let coded: Vec<String> = workspace
        .project
        .annotations_of(&serbian)
        .map(|a| text.slice(a.range()).expect("inside").to_string())
        .collect();
    assert_eq!(
        coded,
        [
            "Председник Вучић је рекао да је сарадња са Кином одлична.",
            "Vučić je to ponovio.",
            "习近平 и Вучић су се срели.",
        ]
    );
}

#[test]
fn auto_coding_paragraphs_after_sentences_adds_the_paragraphs_only() {
    // Paragraph scope on a sentence-coded hit adds the paragraph, not the sentence again.
    let (workspace, _, serbian_hits, coding) = sample_with_serbian_sentences_coded();
    let paragraphs = plan_auto_code(
        &workspace,
        &serbian_hits,
        CodingScope::Paragraph,
        &coding,
        "tester",
        "now",
    )
    .expect("plan");
    assert_eq!(paragraphs.created, 2, "two paragraphs");
}

#[test]
fn auto_coding_adds_missing_codes_to_an_annotation_of_the_same_range() {
    let (mut workspace, serbian) = sample_workspace();
    let text = &workspace.text(&serbian).expect("loaded").text;
    let hit = find_in_text(text, &plain("Dačić")).expect("compiles")[0];
    let existing = workspace
        .new_annotation(&serbian, hit.range, "someone", "then")
        .expect("annotation");
    let existing_id = existing.id.clone();
    workspace
        .apply(gloss::model::edit::Edit::add_annotation(existing))
        .expect("add");
    let stance = workspace
        .project
        .codebook
        .stances
        .first()
        .expect("sample stances")
        .id
        .clone();
    let coding = AutoCoding {
        topics: vec![topic(&workspace, "Geopolitical alignment")],
        stance: Some(stance.clone()),
        ..AutoCoding::default()
    };
    let hits = [HitToCode {
        document: serbian.clone(),
        range: hit.range,
    }];
    let plan =
        plan_auto_code(&workspace, &hits, CodingScope::Hit, &coding, "me", "now").expect("plan");
    assert_eq!((plan.created, plan.updated), (0, 1));
    workspace.apply(plan.edit).expect("applies");
    let updated = workspace.annotation(&existing_id).expect("kept");
    assert_eq!(updated.topics, coding.topics);
    assert_eq!(updated.stance, Some(stance));
    assert_eq!(
        plan_auto_code(
            &workspace,
            &hits,
            CodingScope::Hit,
            &AutoCoding::default(),
            "me",
            "now"
        )
        .err(),
        Some(AutoCodeError::NothingToApply)
    );
}

// ---- the command line ----

fn sample_copy() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("tempdir");
    gloss::storage::write_sample(folder.path()).expect("write sample");
    folder
}

fn gloss(args: &[&str], folder: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("GLOSS_DATA_DIR", folder.join(".data"))
        .env("GLOSS_CONFIG_DIR", folder.join(".config"))
        .output()
        .expect("run gloss")
}

#[test]
fn cli_search_json_prints_one_object_per_hit_with_exact_text() {
    let folder = sample_copy();
    std::fs::write(
        folder.path().join("novi.txt"),
        "Вучић и Đoković.\nVUCIC, vučić.",
    )
    .expect("write");
    let path = folder.path().to_str().expect("utf8");
    let output = gloss(&["search", path, "Vucic", "--json"], folder.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf8");
    let mut in_novi = 0;
    for line in stdout.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for key in [
            "document",
            "start",
            "end",
            "text",
            "context_before",
            "context_after",
        ] {
            assert!(hit.get(key).is_some(), "{key} in {line}");
        }
        let document = hit["document"].as_str().expect("document path");
        let contents = std::fs::read_to_string(folder.path().join(document)).expect("read");
        let chars: Vec<char> = contents.chars().collect();
        let (start, end) = (
            hit["start"].as_u64().expect("start") as usize,
            hit["end"].as_u64().expect("end") as usize,
        );
        let shown: String = chars[start..end].iter().collect();
        assert_eq!(
            hit["text"],
            shown.as_str(),
            "text is the char range of the document"
        );
        let before: String = chars[start.saturating_sub(40)..start].iter().collect();
        assert_eq!(hit["context_before"], before.as_str());
        if document == "novi.txt" {
            in_novi += 1;
        }
    }
    assert_eq!(in_novi, 3, "{stdout}");
    assert!(
        stdout.lines().count() > 3,
        "the sample documents mention Vučić"
    );
}

#[test]
fn cli_search_lists_hits_by_document_and_takes_the_options() {
    let folder = sample_copy();
    std::fs::write(
        folder.path().join("ocr.txt"),
        "Predsednik Vuclc i Vučića, Vučićevićem.",
    )
    .expect("write");
    let path = folder.path().to_str().expect("utf8");
    let fuzzy = gloss(
        &["search", path, "Vucic", "--fuzzy", "--whole-word"],
        folder.path(),
    );
    assert!(
        fuzzy.status.success(),
        "{}",
        String::from_utf8_lossy(&fuzzy.stderr)
    );
    let listing = String::from_utf8(fuzzy.stdout).expect("utf8");
    // A misspelling, and a case ending one edit away (the whole word is the
    // hit); a longer word that only starts like the query is no whole-word hit.
    assert!(listing.contains("ocr.txt  (2 hits)"), "{listing}");
    assert!(listing.contains("[Vuclc]"), "{listing}");
    assert!(listing.contains("[Vučića]"), "{listing}");
    assert!(listing.contains("(1 edit)"), "{listing}");
    assert!(listing.contains("fuzzy ≤1 edit, whole word"), "{listing}");

    let two = gloss(
        &["search", path, "Vucic", "--fuzzy", "2", "--json"],
        folder.path(),
    );
    assert!(two.status.success());
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&two.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert!(
        hits.iter()
            .all(|hit| hit["edits"].as_u64().is_some_and(|edits| edits <= 2)),
        "{hits:?}"
    );
    assert!(
        hits.iter()
            .any(|hit| hit["document"] == "ocr.txt" && hit["text"] == "Vuclc"),
        "{hits:?}"
    );
    let case = gloss(
        &["search", path, "vučić", "--case-sensitive", "--json"],
        folder.path(),
    );
    assert!(case.status.success());
    assert!(
        String::from_utf8_lossy(&case.stdout)
            .lines()
            .all(|l| !l.contains("\"text\":\"Vu"))
    );

    let bad = gloss(&["search", path, "vu(", "--regex"], folder.path());
    assert_eq!(bad.status.code(), Some(4), "an invalid regex is refused");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("regular expression"));
    let listing_files: Vec<_> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .collect();
    assert!(
        listing_files
            .iter()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".bak")),
        "read-only"
    );
}
