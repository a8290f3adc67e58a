//! The web app's modules import each other one way: no cycle anywhere, and only the root
//! (`ui/app.rs`) names the socket — areas send through the `Wire` they are given. Read on
//! the source, the way the server's `layers.rs` reads its layers, so that a shortcut is
//! caught where it is written.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The modules of a folder: file stem → its code (comments and tests left out).
fn modules(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" || name == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code: String = text
            .lines()
            .take_while(|line| !line.trim_start().starts_with("#[cfg(test)]"))
            .filter(|line| !line.trim_start().starts_with("//"))
            .map(|line| format!("{line}\n"))
            .collect();
        found.insert(name, code);
    }
    found
}

/// Which of `names` each module refers to through `prefixes` (`super::x`, `crate::x`, or a
/// `use super::{x, …}` list).
fn edges(
    modules: &BTreeMap<String, String>,
    prefixes: &[&str],
) -> BTreeMap<String, BTreeSet<String>> {
    let names: BTreeSet<&String> = modules.keys().collect();
    let mut graph = BTreeMap::new();
    for (module, code) in modules {
        let mut uses = BTreeSet::new();
        for prefix in prefixes {
            for (at, _) in code.match_indices(prefix) {
                let rest = &code[at + prefix.len()..];
                let listed: Vec<&str> = match rest.strip_prefix('{') {
                    Some(list) => list.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![rest],
                };
                for item in listed {
                    let word: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if word != *module && names.contains(&word) {
                        uses.insert(word);
                    }
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// A cycle in the graph, if there is one (as the path around it).
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(found) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

#[test]
fn the_browser_modules_import_each_other_one_way() {
    let ui = edges(&modules(&src().join("ui")), &["super::", "crate::ui::"]);
    assert!(ui.len() > 10, "the ui folder was not read: {ui:?}");
    assert_eq!(cycle(&ui), None, "{ui:#?}");
}

#[test]
fn the_pure_modules_import_each_other_one_way() {
    let pure = edges(&modules(&src()), &["crate::", "super::"]);
    assert!(pure.contains_key("areas"), "{pure:?}");
    assert_eq!(cycle(&pure), None, "{pure:#?}");
}

#[test]
fn only_the_root_names_the_socket() {
    let ui = edges(&modules(&src().join("ui")), &["super::", "crate::ui::"]);
    let naming: Vec<&String> = ui
        .iter()
        .filter(|(_, uses)| uses.contains("socket"))
        .map(|(module, _)| module)
        .collect();
    assert_eq!(naming, ["app"]);
}

#[test]
fn a_cycle_is_found_where_there_is_one() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(n, e)| (n.to_owned(), e.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
