//! `gloss analyze` and the analysis model on the bundled sample: the question
//! the sample asks ("which countries support China") answered at the level of
//! countries, checked against the project file read independently; every
//! cell's annotations equal what the retrieval query returns for the same
//! codes; CSV and XLSX read back by independent readers; actor kinds and
//! belongs-to edited from the command line, loops refused.

use gloss::cli::{CliError, Invocation, Refusal};
use gloss::model::analysis::{ActorLevel, Context, Dimension, HeaderKey, Matrix};
use gloss::model::format::{project_from_json, project_to_json};
use gloss::model::ids::{StanceId, TopicId};
use gloss::model::query::{RetrievalFilter, retrieve};
use gloss::model::workspace::Workspace;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::path::PathBuf;

/// Runs a command in this process, as `main` does, with buffers for its streams.
pub(crate) fn run(args: &[&str]) -> (Result<(), CliError>, Vec<u8>, String) {
    let arguments = std::iter::once("gloss").chain(args.iter().copied());
    let Ok(Invocation::Command(command)) = gloss::cli::parse_from(arguments) else {
        panic!("{args:?} is a subcommand");
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = gloss::cli::run(command, &mut gloss::cli::Output::new(&mut out, &mut err));
    (result, out, String::from_utf8(err).expect("utf8"))
}

/// A copy of the bundled sample project in a temporary folder.
pub(crate) fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    gloss::storage::write_sample(folder.path()).expect("write sample");
    let path = folder.path().to_path_buf();
    (folder, path)
}

fn json(args: &[&str]) -> Value {
    let (result, out, err) = run(args);
    assert!(result.is_ok(), "{result:?} {err}");
    serde_json::from_slice(&out).expect("one JSON object")
}

/// The sample's project file as plain JSON (not through Gloss's model).
fn sample_json() -> Value {
    serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("json")
}

#[test]
fn which_countries_support_china_on_the_sample() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let table = json(&[
        "analyze",
        dir,
        "--table",
        "network",
        "--level",
        "countries",
        "--json",
    ]);
    let headers: Vec<&str> = table["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let supportive = headers.iter().position(|h| *h == "supportive").unwrap();
    let mut supporters: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (row, ids) in table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .zip(table["annotations"].as_array().unwrap())
    {
        if row[1] == "China" && row[supportive].as_u64().unwrap() > 0 {
            let ids = ids[supportive]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap().to_owned());
            supporters.insert(row[0].as_str().unwrap().to_owned(), ids.collect());
        }
    }
    // Independently: each actor's country is itself if a country, else the
    // country its belongs_to chain reaches (read from the file by hand here).
    let sample = sample_json();
    let actors: HashMap<&str, &Value> = sample["codebook"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a))
        .collect();
    let country_of = |id: &str| -> String {
        let mut current = id;
        for _ in 0..10 {
            let actor = actors[current];
            if actor["kind"] == "country" {
                return actor["name"].as_str().unwrap().to_owned();
            }
            match actor["belongs_to"].as_str() {
                Some(owner) => current = owner,
                None => break,
            }
        }
        actors[id]["name"].as_str().unwrap().to_owned()
    };
    let mut expected: HashMap<String, BTreeSet<String>> = HashMap::new();
    for annotation in sample["annotations"].as_array().unwrap() {
        let (Some(holder), Some(target)) =
            (annotation["holder"].as_str(), annotation["target"].as_str())
        else {
            continue;
        };
        if annotation["stance"] == "stance-supportive" && country_of(target) == "China" {
            expected
                .entry(country_of(holder))
                .or_default()
                .insert(annotation["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(supporters, expected);
    // Serbia through Vučić, Dačić and Brnabić (to Huawei, so China); Italy; Wang Yiwei, who
    // belongs to no country, stays himself.
    for holder in ["Serbia", "Italy", "Wang Yiwei"] {
        assert!(
            supporters.contains_key(holder),
            "{holder} in {supporters:?}"
        );
    }
    assert!(supporters["Serbia"].len() >= 5, "{supporters:?}");
    assert!(
        !supporters.contains_key("Aleksandar Vučić"),
        "rolled up to Serbia"
    );
}

#[test]
fn every_topic_by_stance_cell_is_what_retrieval_returns_for_that_topic_and_stance() {
    let project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    let workspace = Workspace::new(project, HashMap::new());
    let context = Context::of_filter(&workspace, &RetrievalFilter::default(), ActorLevel::Actors);
    let matrix = Matrix::cross(&context, &Dimension::Topic, &Dimension::Stance);
    let mut checked = 0;
    for (r, row) in matrix.rows.iter().enumerate() {
        let HeaderKey::Topic(topic, _) = &row.key else {
            continue;
        };
        for (c, column) in matrix.columns.iter().enumerate() {
            let HeaderKey::Stance(stance) = &column.key else {
                continue;
            };
            let filter = RetrievalFilter {
                topics: vec![TopicId::clone(topic)],
                stances: vec![StanceId::clone(stance)],
                ..RetrievalFilter::default()
            };
            let retrieved: BTreeSet<&str> = retrieve(&workspace, &filter)
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            let cell: BTreeSet<&str> = context
                .ids(matrix.cell(r, c).expect("cell"))
                .iter()
                .map(|id| id.as_str())
                .collect();
            assert_eq!(cell, retrieved, "{} × {}", row.label, column.label);
            checked += usize::from(!cell.is_empty());
        }
    }
    assert!(checked > 20, "the sample fills many cells ({checked})");
}

#[test]
fn filters_select_the_annotations_analysed() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let all = json(&["analyze", dir, "--table", "topic-stance", "--json"]);
    let critical = json(&[
        "analyze",
        dir,
        "--table",
        "topic-stance",
        "--stance",
        "critical",
        "--json",
    ]);
    let total = |table: &Value| {
        table["rows"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .as_u64()
            .unwrap()
    };
    assert_eq!(total(&all), 30);
    let expected = sample_json()["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["stance"] == "stance-critical")
        .count() as u64;
    assert_eq!(total(&critical), expected);
    assert_eq!(critical["filter"], "stance: critical");
}

#[test]
fn over_time_names_the_undated_documents() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let (result, out, _) = run(&["analyze", dir, "--table", "over-time", "--period", "month"]);
    assert!(result.is_ok(), "{result:?}");
    let text = String::from_utf8(out).unwrap();
    // Only the Global Times article (2020-09-18, ann-001 … ann-004) has a date.
    let september = text
        .lines()
        .find(|l| l.starts_with("2020-09"))
        .expect("a row for 2020-09");
    assert!(september.trim_end().ends_with(" 4"), "{september}");
    assert!(text.lines().any(|l| l.starts_with("(undated)")), "{text}");
    let undated: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("note: undated: "))
        .collect();
    assert_eq!(undated.len(), 4, "{text}");
    assert!(
        undated.iter().all(|l| l.contains("(no date)")),
        "{undated:?}"
    );
}

#[test]
fn tables_export_to_csv_and_xlsx_that_read_back() {
    use calamine::{Data, Reader, Xlsx};
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let (result, csv_bytes, _) = run(&[
        "analyze",
        dir,
        "--table",
        "topic-attribute",
        "--by",
        "outlet",
        "--csv",
    ]);
    assert!(result.is_ok(), "{result:?}");
    assert!(csv_bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[0], "topic \\ outlet");
    assert_eq!(
        &headers[1..],
        ["Global Times", "Tagesspiegel", "(no outlet)", "annotations"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let totals = records.last().unwrap();
    // Global Times has 4 annotations, Tagesspiegel 5, the three others 21.
    assert_eq!(
        &totals.iter().collect::<Vec<_>>()[1..],
        ["4", "5", "21", "30"]
    );

    let out = folder.join("network.xlsx");
    let (result, ..) = run(&[
        "analyze",
        dir,
        "--table",
        "network",
        "--level",
        "countries",
        "--xlsx",
        out.to_str().unwrap(),
    ]);
    assert!(result.is_ok(), "{result:?}");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&out).unwrap())).expect("xlsx");
    assert_eq!(workbook.sheet_names(), ["Analysis", "About"]);
    let range = workbook.worksheet_range("Analysis").expect("sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][0], Data::String("holder".into()));
    let serbia_china = rows
        .iter()
        .find(|r| r[0] == "Serbia" && r[1] == "China")
        .expect("Serbia → China");
    assert!(
        matches!(serbia_china[2], Data::Float(n) if n >= 5.0),
        "{serbia_china:?}"
    );
    let net = rows[0].iter().position(|h| *h == "net polarity").unwrap();
    assert!(
        rows.iter()
            .skip(1)
            .any(|r| matches!(r[net], Data::Float(n) if n < 0.0)),
        "negative polarities are numbers"
    );
    let about = workbook.worksheet_range("About").expect("about");
    assert!(about.rows().any(|r| r[0] == "Actors" && r[1] == "country"));
}

#[test]
fn percentages_and_wrong_flags() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let table = json(&[
        "analyze",
        dir,
        "--table",
        "topic-stance",
        "--percent",
        "row",
        "--json",
    ]);
    for row in table["rows"].as_array().unwrap().iter().take(3) {
        let sum: f64 = row.as_array().unwrap()[1..row.as_array().unwrap().len() - 1]
            .iter()
            .filter_map(Value::as_f64)
            .sum();
        if row[row.as_array().unwrap().len() - 1].as_u64().unwrap() > 0 {
            assert!((sum - 100.0).abs() < 1e-6, "{row}");
        }
    }
    let (result, ..) = run(&["analyze", dir, "--table", "topic-attribute"]);
    assert!(
        matches!(result, Err(CliError::Refused(Refusal::AnalysisOptions(_)))),
        "{result:?}"
    );
    let (result, ..) = run(&["analyze", dir, "--table", "network", "--level", "planets"]);
    let error = result.expect_err("refused");
    assert_eq!(error.exit_code(), 4);
    assert!(error.to_string().contains("planets"), "{error}");
}

#[test]
fn actor_kinds_and_belongs_to_from_the_command_line() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let ok = |args: &[&str]| {
        let (result, out, err) = run(args);
        assert!(result.is_ok(), "{args:?}: {result:?} {err}");
        String::from_utf8(out).unwrap()
    };
    ok(&[
        "codebook",
        dir,
        "add-actor",
        "SNS",
        "--kind",
        "party",
        "--belongs-to",
        "Serbia",
    ]);
    ok(&["codebook", dir, "set-belongs-to", "Aleksandar Vučić", "SNS"]);
    ok(&["codebook", dir, "set-kind", "Wang Yiwei", "organisation"]);
    let listing = ok(&["codebook", dir, "list"]);
    assert!(
        listing.contains("  SNS (party, belongs to Serbia)\n"),
        "{listing}"
    );
    assert!(
        listing.contains("  Aleksandar Vučić (person, belongs to SNS)\n"),
        "{listing}"
    );
    assert!(
        listing.contains("  Wang Yiwei (organisation)\n"),
        "{listing}"
    );
    // Serbia → SNS would loop (SNS belongs to Serbia): refused, nothing written.
    let before = std::fs::read(folder.join("gloss.json")).unwrap();
    let (result, ..) = run(&[
        "codebook",
        dir,
        "set-belongs-to",
        "Serbia",
        "Aleksandar Vučić",
    ]);
    let error = result.expect_err("a loop is refused");
    assert_eq!(error.exit_code(), 4);
    assert!(error.to_string().contains("loop"), "{error}");
    assert_eq!(std::fs::read(folder.join("gloss.json")).unwrap(), before);
    // Vučić still counts as Serbia (through SNS), and as SNS at the level of parties.
    let countries = json(&[
        "analyze",
        dir,
        "--table",
        "network",
        "--level",
        "countries",
        "--holder",
        "Aleksandar Vučić",
        "--json",
    ]);
    assert!(
        countries["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r[0] == "Serbia"),
        "{countries}"
    );
    let parties = json(&[
        "analyze",
        dir,
        "--table",
        "network",
        "--level",
        "parties",
        "--holder",
        "Aleksandar Vučić",
        "--json",
    ]);
    assert!(
        parties["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r[0] == "SNS"),
        "{parties}"
    );
    ok(&[
        "codebook",
        dir,
        "set-belongs-to",
        "Aleksandar Vučić",
        "--clear",
    ]);
    assert!(ok(&["codebook", dir, "list"]).contains("  Aleksandar Vučić (person)\n"));
}

#[test]
fn a_hand_made_loop_is_reported_by_check_and_old_files_load_unchanged() {
    let mut sample = sample_json();
    let actors = sample["codebook"]["actors"].as_array_mut().unwrap();
    // Serbia → Vučić → Serbia.
    let serbia = actors
        .iter_mut()
        .find(|a| a["id"] == "actor-serbia")
        .unwrap();
    serbia["belongs_to"] = Value::from("actor-vucic");
    let project = project_from_json(&sample.to_string()).expect("loads");
    let problems = gloss::model::check::check_project(&project, &HashMap::new());
    assert!(
        problems
            .iter()
            .any(|p| p.message == "actor `Serbia`: belongs-to chain loops"),
        "{problems:?}"
    );
    // A file written before kinds existed reads and writes back byte for byte.
    let old = "{\n  \"format\": \"gloss-project\",\n  \"version\": 1,\n  \"documents\": [],\n  \"codebook\": {\n    \"topics\": [],\n    \"stances\": [],\n    \"actors\": [\n      {\n        \"id\": \"actor-x\",\n        \"name\": \"X\"\n      }\n    ]\n  },\n  \"annotations\": []\n}\n";
    let project = project_from_json(old).expect("old file");
    assert_eq!(project.codebook.actors[0].kind, None);
    assert_eq!(project_to_json(&project), old);
    // A blank kind is refused with the line it is on.
    let blank = old.replace(
        "\"name\": \"X\"",
        "\"name\": \"X\",\n        \"kind\": \" \"",
    );
    assert!(project_from_json(&blank).is_err());
}

#[test]
fn edits_refuse_unknown_owners_and_loops_and_removal_moves_members_up() {
    use gloss::model::codebook::CodebookKind;
    use gloss::model::edit::Edit;
    use gloss::model::ids::ActorId;
    use gloss::model::operations::{RemovalPolicy, remove};
    let project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    let mut workspace = Workspace::new(project, HashMap::new());
    let actor = |workspace: &Workspace, id: &str| {
        workspace
            .project
            .codebook
            .actor(&ActorId::from(id))
            .cloned()
            .expect("actor")
    };
    // Serbia belonging to Vučić (who belongs to Serbia) would loop; an unknown owner is unknown.
    let serbia = actor(&workspace, "actor-serbia");
    for owner in ["actor-vucic", "actor-nobody", "actor-serbia"] {
        let mut looped = serbia.clone();
        looped.belongs_to = Some(ActorId::from(owner));
        let edit = Edit::Actor {
            before: Some(serbia.clone()),
            after: Some(looped),
        };
        assert!(workspace.apply(edit).is_err(), "{owner}");
    }
    assert_eq!(actor(&workspace, "actor-serbia"), serbia, "unchanged");
    // The European Parliament belongs to the EU; removing the EU (detaching its
    // annotations) leaves the Parliament belonging to no one, not to a missing actor.
    let edit = remove(
        &workspace.project,
        CodebookKind::Actor,
        "European Union",
        &RemovalPolicy::Detach,
    )
    .expect("removal");
    workspace.apply(edit).expect("applies");
    assert_eq!(
        actor(&workspace, "actor-european-parliament").belongs_to,
        None
    );
    assert!(gloss::model::check::check_project(&workspace.project, &HashMap::new()).is_empty());
}

/// The grand total of a `--json` cross table (its last row's last value).
fn grand_total(table: &Value) -> u64 {
    table["rows"]
        .as_array()
        .and_then(|rows| rows.last())
        .and_then(|row| row.as_array())
        .and_then(|row| row.last())
        .and_then(Value::as_u64)
        .expect("a grand total")
}

#[test]
fn every_filter_of_the_coded_passages_view_selects_what_is_analysed() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let analysed = |extra: &[&str]| {
        let mut args = vec!["analyze", dir, "--table", "topic-stance", "--json"];
        args.extend_from_slice(extra);
        json(&args)
    };
    // Counted by hand from seeds/gloss.json: holders Serbia 1, Aleksandar Vučić 4,
    // Ana Brnabić 1, Ivica Dačić 1, Miloš Vučević 1 (all four belong to Serbia).
    assert_eq!(grand_total(&analysed(&["--holder", "Serbia"])), 1);
    let rolled_up = analysed(&["--level", "countries", "--holder", "Serbia"]);
    assert_eq!(grand_total(&rolled_up), 8);
    assert_eq!(
        rolled_up["filter"],
        "holder: Serbia; holders and targets counted as: country"
    );
    // The grand total's annotations are the ones the query keeps.
    let ids: BTreeSet<&str> = rolled_up["annotations"]
        .as_array()
        .and_then(|rows| rows.last())
        .and_then(|row| row.as_array())
        .and_then(|row| row.last())
        .and_then(Value::as_array)
        .expect("the grand total's annotations")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let owners = [
        "actor-serbia",
        "actor-vucic",
        "actor-brnabic",
        "actor-dacic",
        "actor-vucevic",
    ];
    let sample = sample_json();
    let expected: BTreeSet<&str> = sample["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .filter(|a| owners.iter().any(|o| a["holder"] == *o))
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 8);
    assert_eq!(ids, expected);
    // Coder, attribute, document and text filter the table too.
    assert_eq!(grand_total(&analysed(&["--coder", "sample"])), 30);
    assert_eq!(grand_total(&analysed(&["--coder", "nobody"])), 0);
    let by_attribute = sample["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .filter(|a| a["document"] == sample["documents"][1]["id"])
        .count() as u64;
    assert!(by_attribute > 0);
    assert_eq!(
        grand_total(&analysed(&["--attr", "outlet=Global Times"])),
        by_attribute
    );
    assert_eq!(
        grand_total(&analysed(&["--doc", "001_632874f96479a343.txt"])),
        by_attribute
    );
}
