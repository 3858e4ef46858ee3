//! Workflow variables: a read that no state in reach assigns is worth a warning, in both query
//! languages (JSONata `$name`, JSONPath `$name.field` and intrinsic arguments). AWS accepts such
//! a definition and fails at run time (`States.QueryEvaluationError` when the expression
//! "returned nothing"), so it is a warning, as Workflow Studio gives it.
//!
//! Scopes follow AWS ("Variable scope" in "Passing data between states with variables"): the
//! machine's top-level states share one scope; each Parallel branch and Map processor has its
//! own, which reads its own variables and those of the scopes around it, except a Distributed
//! Map's processor, which reads none from outside. A state's own Assign (and its Catch's)
//! belongs to the scope the state is in.

use crate::diagnostic::{Code, Diagnostic, TextRange};
use crate::pointer::Pointer;
use rustc_hash::FxHashMap as HashMap;

#[derive(Default)]
pub(crate) struct Variables {
    /// Per scope: the scope around it, if its states can read that scope's variables.
    parents: Vec<Option<usize>>,
    /// Per variable name: the scopes that assign it.
    assigned: HashMap<String, Vec<usize>>,
    reads: Vec<Read>,
}

struct Read {
    scope: usize,
    name: String,
    pointer: Pointer,
    range: Option<TextRange>,
}

impl Variables {
    /// Registers scope `id` (ids come in order, from 0), inside `outer` unless `isolated`.
    pub fn open_scope(&mut self, id: usize, outer: Option<usize>, isolated: bool) {
        if self.parents.len() <= id {
            self.parents.resize(id + 1, None);
        }
        self.parents[id] = if isolated { None } else { outer };
    }

    pub fn assign(&mut self, scope: usize, name: &str) {
        let scopes = self.assigned.entry(name.to_string()).or_default();
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }

    pub fn read(&mut self, scope: usize, name: &str, pointer: Pointer, range: Option<TextRange>) {
        self.reads.push(Read {
            scope,
            name: name.to_string(),
            pointer,
            range,
        });
    }

    fn reaches(&self, scope: usize, name: &str) -> bool {
        let Some(scopes) = self.assigned.get(name) else {
            return false;
        };
        let mut at = Some(scope);
        while let Some(s) = at {
            if scopes.contains(&s) {
                return true;
            }
            at = self.parents.get(s).copied().flatten();
        }
        false
    }

    /// One warning per read of a variable that nothing in reach assigns.
    pub fn report_undefined(&self, diags: &mut Vec<Diagnostic>) {
        for r in &self.reads {
            if !self.reaches(r.scope, &r.name) {
                let d = Diagnostic::warning(
                    Code::UndefinedVariable,
                    r.pointer.clone(),
                    format!(
                        "${} is read here, but no state this one can see assigns it (Assign); at run time it has no value",
                        r.name
                    ),
                );
                diags.push(d.with_range(r.range));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_scopes_read_outer_unless_isolated() {
        let mut v = Variables::default();
        v.open_scope(0, None, false);
        v.open_scope(1, Some(0), false);
        v.open_scope(2, Some(0), true);
        v.assign(0, "x");
        v.assign(1, "inner");
        assert!(v.reaches(1, "x"));
        assert!(!v.reaches(2, "x"));
        assert!(!v.reaches(0, "inner"));
        assert!(v.reaches(1, "inner"));
    }
}
