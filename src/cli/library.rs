//! `list` and `check`: the exercise library, shown and checked.

use std::io::Write as _;
use std::process::ExitCode;

use super::note;
use super::table::table;
use crate::exercise::{self, Library, Severity};
use crate::safe;

pub(super) fn list(library: &Library, json: bool, problems: bool) -> anyhow::Result<ExitCode> {
    for problem in &library.problems {
        note(&problem.to_string());
    }
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = library
            .exercises
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "title": e.title,
                    "summary": e.summary,
                    "tags": e.tags,
                    "partner": e.partner,
                    "source": match &e.origin {
                        exercise::Origin::BuiltIn(_) => serde_json::json!({ "kind": "built-in" }),
                        exercise::Origin::File(path) => serde_json::json!({
                            "kind": "file",
                            "path": path.to_string_lossy(),
                        }),
                        // A file in the user's own exercises folder.
                        exercise::Origin::Own(path) => serde_json::json!({
                            "kind": "own",
                            "path": path.to_string_lossy(),
                        }),
                        // A moment a partner shared.
                        exercise::Origin::Shared { from, exchange } => serde_json::json!({
                            "kind": "shared",
                            "from": from,
                            "exchange": exchange,
                        }),
                    },
                })
            })
            .collect();
        let value = if problems {
            let problems: Vec<_> = library
                .problems
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "file": p.file,
                        "line": p.position.map(|(line, _)| line),
                        "column": p.position.map(|(_, column)| column),
                        "severity": p.severity.to_string(),
                        "message": p.message,
                    })
                })
                .collect();
            serde_json::json!({ "exercises": items, "problems": problems })
        } else {
            serde_json::Value::Array(items)
        };
        let text = serde_json::to_string_pretty(&value)?;
        writeln!(out, "{}", safe::json(&text))?;
    } else {
        let rows: Vec<[String; 4]> = library
            .exercises
            .iter()
            .map(|e| {
                [
                    safe::line(&e.id).into_owned(),
                    safe::line(&e.title).into_owned(),
                    e.tags
                        .iter()
                        .map(|tag| safe::line(tag))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.origin.to_string(),
                ]
            })
            .collect();
        write!(out, "{}", table(&["ID", "TITLE", "TAGS", "SOURCE"], &rows))?;
    }
    Ok(if library.exercises.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn check(library: &Library) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for problem in &library.problems {
        writeln!(out, "{problem}")?;
    }
    writeln!(out, "{}", library.summary_line())?;
    Ok(if library.count(Severity::Error) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
