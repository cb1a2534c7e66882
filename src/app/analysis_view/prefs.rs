//! The analysis view's pickers as window preferences (eframe storage, never
//! the project): the table, its attribute, what frequencies are given per,
//! the date attribute, period and split of over time, counts or percentages,
//! table or chart, stacked bars or lines. Kept as plain words so that a
//! preference file from another version reads back; anything unknown falls
//! back to the view's default.

use super::chart::ChartState;
use super::state::{AnalysisState, TableKind};
use crate::export::figure::OverTimeForm;
use crate::model::analysis::{Percentages, PeriodLength};

/// The analysis view's choices kept between runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalysisPreferences {
    /// The table shown (`frequencies`, `topic-stance`, `over-time`…).
    pub table: String,
    /// The attribute of topic × attribute.
    pub attribute: String,
    /// What topic frequencies are given per (none: overall).
    pub frequencies_by: Option<String>,
    /// The date attribute of over time.
    pub date_key: String,
    /// The period of over time (`month`, `quarter`, `year`).
    pub period: String,
    /// What over time is split by (as `gloss analyze --by`).
    pub over_time_by: String,
    /// `counts`, `row` or `column` (percentages).
    pub percentages: String,
    /// The chart shown rather than the table.
    pub chart_shown: bool,
    /// Over time as `bars` or `lines`.
    pub over_time_form: String,
}

impl Default for AnalysisPreferences {
    fn default() -> Self {
        Self::of(&AnalysisState::default(), &ChartState::default())
    }
}

impl AnalysisPreferences {
    /// The choices of `state` and `chart`.
    pub fn of(state: &AnalysisState, chart: &ChartState) -> Self {
        Self {
            table: table_key(state.table).to_owned(),
            attribute: state.attribute.clone(),
            frequencies_by: state.frequencies_by.clone(),
            date_key: state.date_key.clone(),
            period: state.period.to_string(),
            over_time_by: state.over_time_by.clone(),
            percentages: match state.percentages {
                None => "counts",
                Some(Percentages::Row) => "row",
                Some(Percentages::Column) => "column",
            }
            .to_owned(),
            chart_shown: chart.shown,
            over_time_form: chart.over_time_form.key().to_owned(),
        }
    }

    /// Sets `state` and `chart` to these choices (empty or unknown ones left as they are).
    pub fn apply(&self, state: &mut AnalysisState, chart: &mut ChartState) {
        if let Some(table) = TableKind::ALL
            .into_iter()
            .find(|&t| table_key(t) == self.table)
        {
            state.table = table;
        }
        let text = |value: &str, into: &mut String| {
            if !value.trim().is_empty() {
                value.trim().clone_into(into);
            }
        };
        text(&self.attribute, &mut state.attribute);
        text(&self.date_key, &mut state.date_key);
        text(&self.over_time_by, &mut state.over_time_by);
        state.frequencies_by = self
            .frequencies_by
            .as_deref()
            .map(str::trim)
            .filter(|by| !by.is_empty())
            .map(str::to_owned);
        if let Ok(period) = self.period.parse::<PeriodLength>() {
            state.period = period;
        }
        state.percentages = match self.percentages.as_str() {
            "row" => Some(Percentages::Row),
            "column" => Some(Percentages::Column),
            _ => None,
        };
        chart.shown = self.chart_shown;
        chart.over_time_form = OverTimeForm::from_key(&self.over_time_form);
    }
}

/// The table's name in preferences (as `gloss analyze --table` spells it).
fn table_key(table: TableKind) -> &'static str {
    match table {
        TableKind::Frequencies => "frequencies",
        TableKind::TopicStance => "topic-stance",
        TableKind::TopicAttribute => "topic-attribute",
        TableKind::Network => "network",
        TableKind::OverTime => "over-time",
        TableKind::Cooccurrence => "cooccurrence",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_back_as_they_were_kept() {
        let mut state = AnalysisState::default();
        state.table = TableKind::OverTime;
        state.over_time_by = "topic".into();
        state.period = PeriodLength::Quarter;
        state.percentages = Some(Percentages::Column);
        state.frequencies_by = Some("outlet".into());
        state.date_key = "published".into();
        let mut chart = ChartState::default();
        chart.shown = true;
        chart.over_time_form = OverTimeForm::Lines;
        let kept = AnalysisPreferences::of(&state, &chart);
        let json = serde_json::to_string(&kept).expect("serialises");
        let read: AnalysisPreferences = serde_json::from_str(&json).expect("reads back");
        let (mut state2, mut chart2) = (AnalysisState::default(), ChartState::default());
        read.apply(&mut state2, &mut chart2);
        assert_eq!(state2.table, TableKind::OverTime);
        assert_eq!(state2.over_time_by, "topic");
        assert_eq!(state2.period, PeriodLength::Quarter);
        assert_eq!(state2.percentages, Some(Percentages::Column));
        assert_eq!(state2.frequencies_by.as_deref(), Some("outlet"));
        assert_eq!(state2.date_key, "published");
        assert!(chart2.shown);
        assert_eq!(chart2.over_time_form, OverTimeForm::Lines);
    }

    #[test]
    fn unknown_or_missing_choices_keep_the_defaults() {
        let read: AnalysisPreferences =
            serde_json::from_str(r#"{"table": "pie", "period": "decade", "over_time_by": " "}"#)
                .expect("reads");
        let (mut state, mut chart) = (AnalysisState::default(), ChartState::default());
        read.apply(&mut state, &mut chart);
        let default = AnalysisState::default();
        assert_eq!(state.table, default.table);
        assert_eq!(state.period, default.period);
        assert_eq!(state.over_time_by, "stance");
        assert_eq!(chart.over_time_form, OverTimeForm::StackedBars);
    }
}
