//! Figures of a small hand-made project, read back with an XML parser: the
//! bars, labels, legend and filter text a reader of the paper sees. Expected
//! numbers are worked out by hand below, not by the code under test.
//!
//! Fixture: topics "Economy & trade" (E) with sub-topic "Ports <sea>" (P);
//! stances sup (+1), crit (−1); actors serbia, china; documents d1 (date
//! 2020-01-10), d2 (2020-03-05), d3 (no date).
//!
//! | id | doc | topics | stance | holder → target |
//! |----|-----|--------|--------|-----------------|
//! | b1 | d1  | E      | sup    | serbia → china  |
//! | b2 | d1  | P      | sup    | serbia → china  |
//! | b3 | d2  | E      | crit   | china → serbia  |
//! | b4 | d3  | P      | sup    | serbia → china  |
//! | b5 | d2  | E      | crit   | serbia → china  |
//!
//! By hand: E own 3 (b1 b3 b5), with sub-topics 5; P 2 (b2 b4).
//! Per month: 2020-01 sup 2 (b1 b2); 2020-02 nothing; 2020-03 crit 2 (b3 b5);
//! b4 undated (c.txt, no date). Network: serbia → china 4 annotations
//! (b1 b2 b4 sup, b5 crit: net +2); china → serbia 1 (b3 crit: net −1).

use super::{
    FigureChoices, FigureKind, OverTimeForm, SERIES_PALETTE, figure_of_context, png_from_svg,
};
use crate::model::analysis::{ActorLevel, Context, Dimension, PeriodLength};
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::codebook::{Actor, ActorKind, Codebook, Color, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use crate::model::text::CharOffset;

const FILTER: &str = "all annotations <of> \"the\" corpus & more";

fn document(id: &str, path: &str, date: Option<&str>) -> DocumentRecord {
    let mut record = DocumentRecord::new(path, "");
    record.id = DocumentId::from(id);
    if let Some(date) = date {
        record.attributes.insert("date".into(), date.into());
    }
    record
}

fn topic(id: &str, name: &str, parent: Option<&str>, color: Color) -> Topic {
    Topic {
        id: TopicId::from(id),
        name: name.to_owned(),
        color,
        parent: parent.map(TopicId::from),
        description: String::new(),
        codable: true,
    }
}

fn stance(id: &str, polarity: i32, color: Color) -> Stance {
    Stance {
        id: StanceId::from(id),
        name: id.to_owned(),
        color,
        polarity,
        description: String::new(),
    }
}

fn actor(id: &str) -> Actor {
    Actor {
        id: ActorId::from(id),
        name: id.to_owned(),
        kind: Some(ActorKind::Country),
        belongs_to: None,
        description: String::new(),
    }
}

fn annotation(id: &str, document: &str, topic: &str, stance: &str, pair: [&str; 2]) -> Annotation {
    Annotation {
        id: AnnotationId::from(id),
        document: DocumentId::from(document),
        start: CharOffset(0),
        end: CharOffset(5),
        anchor: TextAnchor::default(),
        status: AnchorStatus::Exact,
        coded_quote: None,
        topics: vec![TopicId::from(topic)],
        stance: Some(StanceId::from(stance)),
        holder: Some(ActorId::from(pair[0])),
        target: Some(ActorId::from(pair[1])),
        memo: String::new(),
        coder: "c".into(),
        created: String::new(),
        modified: String::new(),
    }
}

fn project() -> Project {
    let s_c = ["serbia", "china"];
    Project {
        documents: vec![
            document("d1", "a.txt", Some("2020-01-10")),
            document("d2", "b.txt", Some("2020-03-05")),
            document("d3", "c.txt", None),
        ],
        codebook: Codebook {
            topics: vec![
                topic("E", "Economy & trade", None, Color::rgb(0x11, 0x22, 0x33)),
                topic("P", "Ports <sea>", Some("E"), Color::rgb(0x44, 0x55, 0x66)),
            ],
            stances: vec![
                stance("sup", 1, Color::rgb(0x00, 0xaa, 0x00)),
                stance("crit", -1, Color::rgb(0xaa, 0x00, 0x00)),
            ],
            actors: vec![actor("serbia"), actor("china")],
        },
        annotations: vec![
            annotation("b1", "d1", "E", "sup", s_c),
            annotation("b2", "d1", "P", "sup", s_c),
            annotation("b3", "d2", "E", "crit", ["china", "serbia"]),
            annotation("b4", "d3", "P", "sup", s_c),
            annotation("b5", "d2", "E", "crit", s_c),
        ],
        ..Project::default()
    }
}

fn figure(project: &Project, kind: FigureKind, subtopics: bool) -> String {
    over_time_figure(
        project,
        kind,
        subtopics,
        Dimension::Stance,
        OverTimeForm::StackedBars,
    )
}

fn over_time_figure(
    project: &Project,
    kind: FigureKind,
    subtopics: bool,
    by: Dimension,
    form: OverTimeForm,
) -> String {
    let context = Context::new(
        project,
        project.annotations.iter().collect(),
        subtopics,
        ActorLevel::Actors,
    );
    let choices = FigureChoices {
        kind,
        level: ActorLevel::Actors,
        period: PeriodLength::Month,
        date_key: "date".into(),
        over_time_by: by,
        over_time_form: form,
    };
    figure_of_context(&context, &choices, FILTER)
}

/// The `<title>`s of the elements named `tag`, with each one's `attribute`.
fn titled(svg: &str, tag: &str, attribute: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(svg).expect("the figure is well-formed XML");
    document
        .descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter_map(|n| {
            let title = n
                .children()
                .find(|c| c.has_tag_name("title"))?
                .text()?
                .to_owned();
            Some((title, n.attribute(attribute).unwrap_or_default().to_owned()))
        })
        .collect()
}

/// Every text of the figure, in order.
fn texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the figure is well-formed XML");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

#[test]
fn the_frequencies_chart_has_a_bar_per_topic_in_its_colour_a_legend_and_the_filter() {
    let project = project();
    let svg = figure(&project, FigureKind::Frequencies, false);
    let bars = titled(&svg, "rect", "fill");
    assert_eq!(
        bars,
        vec![
            ("Economy & trade: 3".to_owned(), "#112233".to_owned()),
            ("Ports <sea>: 2".to_owned(), "#445566".to_owned()),
        ]
    );
    let texts = texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "Topic frequencies (5 annotations)")
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("bar length: annotations per topic"))
    );
    assert!(texts.iter().any(|t| t.trim() == "Ports <sea>"), "{texts:?}");
    let caption = texts.join(" ");
    assert!(caption.contains(&format!("Filter: {FILTER}")), "{caption}");
    // With sub-topics, the root's bar counts its sub-topic's annotations too.
    let with = figure(&project, FigureKind::Frequencies, true);
    assert_eq!(titled(&with, "rect", "fill")[0].0, "Economy & trade: 5");
}

#[test]
fn the_over_time_chart_stacks_stances_per_month_and_names_the_undated() {
    let project = project();
    let svg = figure(&project, FigureKind::OverTime, false);
    let bars = titled(&svg, "rect", "fill");
    assert_eq!(
        bars,
        vec![
            ("2020-01 × sup: 2".to_owned(), "#00AA00".to_owned()),
            ("2020-03 × crit: 2".to_owned(), "#AA0000".to_owned()),
        ]
    );
    let texts = texts(&svg);
    // The empty month between is on the axis, not skipped.
    for month in ["2020-01", "2020-02", "2020-03"] {
        assert!(texts.iter().any(|t| t == month), "{month} in {texts:?}");
    }
    // The legend names both stances.
    assert!(texts.iter().any(|t| t == "sup") && texts.iter().any(|t| t == "crit"));
    let all = texts.join(" ");
    assert!(
        all.contains("1 annotation(s) in documents without a usable date: c (no date)"),
        "{all}"
    );
    assert!(all.contains(&format!("Filter: {FILTER}")));
}

#[test]
fn the_network_draws_each_edge_coloured_by_net_polarity_with_an_arrow() {
    let project = project();
    let svg = figure(&project, FigureKind::Network, false);
    // One group per edge: its name, the line and the arrowhead in one colour.
    let document = roxmltree::Document::parse(&svg).expect("XML");
    let edges: Vec<(String, String, String)> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
        .map(|g| {
            let title = g
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text());
            let line = g
                .children()
                .find(|c| c.has_tag_name("path") && c.attribute("stroke").is_some());
            let head = g
                .children()
                .find(|c| c.attribute("class") == Some("arrowhead"));
            (
                title.unwrap_or_default().to_owned(),
                line.and_then(|l| l.attribute("stroke"))
                    .unwrap_or_default()
                    .to_owned(),
                head.and_then(|h| h.attribute("fill"))
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    let edge = |title: &str, colour: &str| (title.to_owned(), colour.to_owned(), colour.to_owned());
    assert_eq!(
        edges,
        vec![
            edge(
                "serbia → china: 4 annotation(s), net polarity +2",
                "#2e7d32"
            ),
            edge(
                "china → serbia: 1 annotation(s), net polarity -1",
                "#c62828"
            ),
        ]
    );
    let nodes = titled(&svg, "circle", "r");
    assert_eq!(nodes.len(), 2);
    // Both are named by all five annotations, so both are the largest size.
    assert!(nodes.iter().all(|(_, r)| r == "22.0"), "{nodes:?}");
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "serbia") && texts.iter().any(|t| t == "china"));
    assert!(texts.iter().any(|t| t.starts_with("supportive on balance")));
    let all = texts.join(" ");
    assert!(
        all.contains(&format!("Filter: {FILTER}")) && all.contains("Actors: actors"),
        "{all}"
    );
}

#[test]
fn a_png_is_at_print_resolution_and_not_blank() {
    let project = project();
    let svg = figure(&project, FigureKind::Frequencies, false);
    let height = roxmltree::Document::parse(&svg)
        .expect("xml")
        .root_element()
        .attribute("height")
        .and_then(|h| h.parse::<f32>().ok())
        .expect("a height");
    let png = png_from_svg(&svg, 300.0).expect("rendered");
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let mut reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    // 800 user units at 96 per inch, drawn at 300 per inch.
    assert_eq!(info.width, 2500);
    assert_eq!(info.height, (height * 300.0 / 96.0).round() as u32);
    let dims = info.pixel_dims.expect("the resolution is recorded");
    assert_eq!(dims.xppu, 11_811); // 300 dpi in pixels per metre
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    reader.next_frame(&mut pixels).expect("pixels");
    let colour = |rgb: [u8; 3]| {
        pixels
            .chunks_exact(4)
            .filter(|p| p[0] == rgb[0] && p[1] == rgb[1] && p[2] == rgb[2])
            .count()
    };
    // A bar in the first topic's colour (a 3×-scaled 16-unit bar is thousands of pixels).
    assert!(colour([0x11, 0x22, 0x33]) > 5_000);
    // Dark text: the title and labels rendered with the bundled font.
    let dark = pixels
        .chunks_exact(4)
        .filter(|p| p[0] < 60 && p[1] < 60 && p[2] < 60)
        .count();
    assert!(dark > 5_000, "{dark} dark pixels");
}

#[test]
fn over_time_by_topic_stacks_topics_per_month_in_their_colours() {
    let project = project();
    // By hand, own topics: 2020-01 E 1 (b1), P 1 (b2); 2020-02 none;
    // 2020-03 E 2 (b3 b5); b4 (P) undated.
    let svg = over_time_figure(
        &project,
        FigureKind::OverTime,
        false,
        Dimension::Topic,
        OverTimeForm::StackedBars,
    );
    let bars = titled(&svg, "rect", "fill");
    assert_eq!(
        bars,
        vec![
            (
                "2020-01 × Economy & trade: 1".to_owned(),
                "#112233".to_owned()
            ),
            (
                "2020-01 × › Ports <sea>: 1".to_owned(),
                "#445566".to_owned()
            ),
            (
                "2020-03 × Economy & trade: 2".to_owned(),
                "#112233".to_owned()
            ),
        ]
    );
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "Economy & trade"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "› Ports <sea>"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("without a usable date: c (no date)")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("counts under each of its topics"))
    );
}

#[test]
fn over_time_as_lines_has_a_dot_per_period_and_series_and_the_legend() {
    let project = project();
    // With sub-topics, by hand: E 2020-01 2 (b1 b2), 2020-02 0, 2020-03 2 (b3
    // b5); P 2020-01 1 (b2), 2020-02 0, 2020-03 0.
    let svg = over_time_figure(
        &project,
        FigureKind::OverTime,
        true,
        Dimension::Topic,
        OverTimeForm::Lines,
    );
    let dots = titled(&svg, "circle", "fill");
    let expected: Vec<(String, String)> = [
        ("2020-01 × Economy & trade: 2", "#112233"),
        ("2020-02 × Economy & trade: 0", "#112233"),
        ("2020-03 × Economy & trade: 2", "#112233"),
        ("2020-01 × › Ports <sea>: 1", "#445566"),
        ("2020-02 × › Ports <sea>: 0", "#445566"),
        ("2020-03 × › Ports <sea>: 0", "#445566"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(dots, expected);
    let document = roxmltree::Document::parse(&svg).expect("XML");
    let lines: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("stroke"))
        .collect();
    assert_eq!(lines, vec!["#112233", "#445566"]);
    assert!(titled(&svg, "rect", "fill").is_empty(), "no bars");
    let texts = texts(&svg);
    assert!(
        texts.iter().any(|t| t == "Economy & trade"),
        "legend: {texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains(FILTER)),
        "the filter under it"
    );
}

#[test]
fn series_without_a_codebook_colour_take_distinct_palette_colours() {
    let project = project();
    // By holder: serbia (b1 b2 b5 dated), china (b3): two colours of the palette.
    let svg = over_time_figure(
        &project,
        FigureKind::OverTime,
        false,
        Dimension::Holder,
        OverTimeForm::Lines,
    );
    let document = roxmltree::Document::parse(&svg).expect("XML");
    let strokes: Vec<String> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("stroke").map(str::to_owned))
        .collect();
    assert_eq!(strokes.len(), 2);
    assert_ne!(strokes[0], strokes[1]);
    for stroke in &strokes {
        assert!(
            SERIES_PALETTE.iter().any(|c| &c.to_string() == stroke),
            "{stroke}"
        );
    }
    let dots = titled(&svg, "circle", "fill");
    assert!(
        dots.iter().any(|(t, _)| t == "2020-03 × serbia: 1"),
        "{dots:?}"
    );
    assert!(
        dots.iter().any(|(t, _)| t == "2020-03 × china: 1"),
        "{dots:?}"
    );
    assert!(
        dots.iter().any(|(t, _)| t == "2020-01 × serbia: 2"),
        "{dots:?}"
    );
}

#[test]
fn a_series_with_no_dated_annotation_is_left_out_and_named() {
    let project = project();
    // Only b3 and b5 (d2, 2020-03, both E): P has nothing to draw.
    let context = Context::new(
        &project,
        project
            .annotations
            .iter()
            .filter(|a| a.document.as_str() == "d2")
            .collect(),
        false,
        ActorLevel::Actors,
    );
    let choices = FigureChoices {
        kind: FigureKind::OverTime,
        level: ActorLevel::Actors,
        period: PeriodLength::Month,
        date_key: "date".into(),
        over_time_by: Dimension::Topic,
        over_time_form: OverTimeForm::Lines,
    };
    let svg = figure_of_context(&context, &choices, FILTER);
    let dots = titled(&svg, "circle", "fill");
    assert_eq!(
        dots,
        vec![(
            "2020-03 × Economy & trade: 2".to_owned(),
            "#112233".to_owned()
        )]
    );
    let texts = texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "left out, with no dated annotation: Ports <sea>"),
        "{texts:?}"
    );
}
