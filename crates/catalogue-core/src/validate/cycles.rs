//! Dependency cycles between services.

use std::collections::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use super::{Ctx, Validator};
use crate::model::*;

impl Validator<'_> {
    /// Reports every dependency cycle once, naming the services in it.
    pub(super) fn dependency_cycles(&mut self) {
        let services = &self.cat.services;
        let index: HashMap<&str, usize> = services.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let mut graph = DiGraph::<usize, ()>::new();
        let nodes: Vec<NodeIndex> = (0..services.len()).map(|i| graph.add_node(i)).collect();
        for (i, s) in services.iter().enumerate() {
            for d in &s.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    if i != j {
                        graph.add_edge(nodes[i], nodes[j], ());
                    }
                }
            }
        }
        for scc in petgraph::algo::tarjan_scc(&graph) {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
            members.sort();
            let first = members[0];
            let cycle = cycle_through(services, &index, &members, first);
            let s = &services[first];
            let ctx = Ctx { kind: RecordKind::Service, id: &s.id, index: first };
            self.report(ctx, "depends_on", format!("dependency cycle: {}", cycle.join(" → ")));
        }
    }
}

/// A path of ids from `start` back to itself, staying inside one strongly connected set.
fn cycle_through(services: &[Service], index: &HashMap<&str, usize>, members: &[usize], start: usize) -> Vec<String> {
    let inside: HashSet<usize> = members.iter().copied().collect();
    // Breadth-first search for the shortest way back to `start`.
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for d in &services[at].depends_on {
            let Some(&next) = index.get(d.as_str()) else { continue };
            if !inside.contains(&next) {
                continue;
            }
            if next == start {
                let mut back = vec![at];
                while *back.last().unwrap() != start {
                    back.push(came_from[back.last().unwrap()]);
                }
                back.reverse();
                back.push(start);
                return back.into_iter().map(|i| services[i].id.clone()).collect();
            }
            if next != start && !came_from.contains_key(&next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    vec![services[start].id.clone()]
}
