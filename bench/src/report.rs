//! The report: sections printed as they finish, the targets at the end, all written as
//! Markdown.

use crate::table::Table;

pub struct Report {
    text: String,
    targets: Vec<TargetRow>,
}

/// A target of the issue and how the run compares with it.
pub struct TargetRow {
    pub what: String,
    pub goal: String,
    pub measured: String,
    /// `None` when it could not be measured in this run.
    pub met: Option<bool>,
    /// How far from the goal, as a sentence fragment (`0.31 s over`, `…`).
    pub margin: String,
}

impl Report {
    pub fn new(header: String) -> Self {
        print!("{header}");
        Report {
            text: header,
            targets: Vec::new(),
        }
    }

    /// Adds a section (title, lead paragraph, table, notes) and prints it at once.
    pub fn section(&mut self, title: &str, lead: &str, table: &Table, notes: &[String]) {
        let mut out = format!("\n## {title}\n\n");
        if !lead.is_empty() {
            out.push_str(lead.trim_end());
            out.push_str("\n\n");
        }
        if !table.is_empty() {
            out.push_str(&table.render());
            out.push('\n');
        }
        for note in notes {
            out.push_str(&format!("- {note}\n"));
        }
        print!("{out}");
        self.text.push_str(&out);
    }

    pub fn target(&mut self, row: TargetRow) {
        self.targets.push(row);
    }

    /// The targets table, appended and printed; then the whole text.
    pub fn finish(mut self) -> String {
        let mut table = Table::new(&["target", "goal", "measured (median)", "met", "by how much"]);
        for t in &self.targets {
            let met = match t.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "not measured",
            };
            table.row(vec![
                t.what.clone(),
                t.goal.clone(),
                t.measured.clone(),
                met.to_owned(),
                t.margin.clone(),
            ]);
        }
        let lead = "Each target of the issue against the median of this run.";
        let notes: Vec<String> = Vec::new();
        if !self.targets.is_empty() {
            self.section("Targets", lead, &table, &notes);
        }
        self.text
    }
}

/// A "lower is better" target (time, memory): met when `measured <= goal`.
pub fn at_most(what: &str, goal: f64, measured: f64, show: fn(f64) -> String) -> TargetRow {
    let met = measured <= goal;
    let margin = if met {
        format!(
            "{} under ({:.0}% of the goal)",
            show(goal - measured),
            measured / goal * 100.0
        )
    } else {
        format!(
            "**{} over** ({:.2}× the goal)",
            show(measured - goal),
            measured / goal
        )
    };
    TargetRow {
        what: what.to_owned(),
        goal: format!("≤ {}", show(goal)),
        measured: show(measured),
        met: Some(met),
        margin,
    }
}

/// A "higher is better" ratio target: met when `measured >= goal`.
pub fn at_least_ratio(what: &str, goal: f64, measured: f64) -> TargetRow {
    let met = measured >= goal;
    let margin = if met {
        format!("{:.2}× above", measured - goal)
    } else {
        format!(
            "**{:.2}× short** (needs {:.0}% more speed)",
            goal - measured,
            (goal / measured - 1.0) * 100.0
        )
    };
    TargetRow {
        what: what.to_owned(),
        goal: format!("≥ {goal:.1}×"),
        measured: format!("{measured:.2}×"),
        met: Some(met),
        margin,
    }
}

/// A "lower is better" ratio target (e.g. compile time against the floor).
pub fn at_most_ratio(what: &str, goal: f64, measured: f64) -> TargetRow {
    let met = measured <= goal;
    let margin = if met {
        format!("{:.2}× under", goal - measured)
    } else {
        format!("**{:.2}× over**", measured - goal)
    };
    TargetRow {
        what: what.to_owned(),
        goal: format!("≤ {goal:.1}×"),
        measured: format!("{measured:.2}×"),
        met: Some(met),
        margin,
    }
}

/// A target this run could not measure, and why.
pub fn unmeasured(what: &str, goal: &str, why: &str) -> TargetRow {
    TargetRow {
        what: what.to_owned(),
        goal: goal.to_owned(),
        measured: "–".to_owned(),
        met: None,
        margin: why.to_owned(),
    }
}
