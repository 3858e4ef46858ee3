//! What an expression calls and which outside variables it reads: the syntax tree says
//! what, the tokens say where.
//!
//! The tree is walked in source order and every place a `$name` is written (a read, a call,
//! a `:=` target, a lambda parameter, an `@`/`#` binding) counts as one occurrence of that
//! name; the k-th occurrence of a name in the tree is the k-th `$name` token of the source.
//!
//! Scopes follow jsonata-js's frames: a block `( ...; ... )` and a function body each have
//! their own; `:=` binds in the frame it runs in, from the moment it has run, so in
//! `($x := $x + 1)` the `$x` on the right is the outside one. A function body runs later,
//! when its enclosing blocks have made all their bindings, so a body sees every name its
//! enclosing frames bind, wherever (mutual recursion). `@$v` and `#$v` bind for their whole
//! path; they are taken as bound everywhere (a read of such a name outside its path is rare,
//! and a false warning about it worse than a missed one).

use std::collections::{HashMap, HashSet};

use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};

use crate::lexer::{Kind, Token};
use crate::{builtin_arity, Call, VariableRead};

pub(crate) fn analyse(ast: &AstNode, tokens: &[Token]) -> (Vec<Call>, Vec<VariableRead>) {
    let mut places: HashMap<&str, Vec<usize>> = HashMap::new();
    for token in tokens.iter().filter(|t| t.kind == Kind::Variable) {
        places
            .entry(token.value.as_str())
            .or_default()
            .push(token.end);
    }
    let mut path_bound = HashSet::new();
    collect_path_bindings(ast, &mut path_bound);
    let mut top = Frame::default();
    collect_frame_bindings(ast, &mut top.all);
    let mut walk = Walk {
        places,
        seen: HashMap::new(),
        frames: vec![top],
        path_bound,
        calls: Vec::new(),
        reads: Vec::new(),
    };
    walk.node(ast);
    let mut calls = walk.calls;
    calls.sort_by_key(|c| c.position);
    let mut reads = walk.reads;
    reads.sort_by_key(|r| r.position);
    (calls, reads)
}

#[derive(Default)]
struct Frame {
    /// Bound so far, in source order.
    bound: HashSet<String>,
    /// Bound anywhere in the frame (what a function body defined in it sees).
    all: HashSet<String>,
    /// A function body's frame: the frames below it are seen through `all`.
    function: bool,
}

struct Walk<'t> {
    places: HashMap<&'t str, Vec<usize>>,
    seen: HashMap<String, usize>,
    frames: Vec<Frame>,
    path_bound: HashSet<String>,
    calls: Vec<Call>,
    reads: Vec<VariableRead>,
}

impl Walk<'_> {
    /// The position of the next occurrence of `$name`.
    fn place(&mut self, name: &str) -> usize {
        let k = self.seen.entry(name.to_string()).or_insert(0);
        *k += 1;
        match self.places.get(name) {
            Some(places) => places.get(*k - 1).or(places.last()).copied().unwrap_or(0),
            None => 0,
        }
    }

    fn is_bound(&self, name: &str) -> bool {
        if self.path_bound.contains(name) {
            return true;
        }
        let mut inside_function = false;
        for frame in self.frames.iter().rev() {
            let set = if inside_function {
                &frame.all
            } else {
                &frame.bound
            };
            if set.contains(name) {
                return true;
            }
            inside_function |= frame.function;
        }
        false
    }

    fn bind(&mut self, name: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.bound.insert(name.to_string());
        }
    }

    fn call(&mut self, name: &str, args: usize) {
        let position = self.place(name);
        let local = self.is_bound(name);
        self.calls.push(Call {
            name: name.to_string(),
            args,
            position,
            local,
        });
    }

    fn read(&mut self, name: &str, path: Vec<String>) {
        let position = self.place(name);
        // `$` and `$$` are the input, not variables; a built-in named as a value
        // (`$map(xs, $string)`) is a function, not a read of something outside.
        if name.is_empty() || self.is_bound(name) || builtin_arity(name).is_some() {
            return;
        }
        self.reads.push(VariableRead {
            name: name.to_string(),
            path,
            position,
        });
    }

    fn nodes<'a>(&mut self, nodes: impl IntoIterator<Item = &'a AstNode>) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &AstNode) {
        jsonata_core::value::with_stack(|| self.node_inner(node))
    }

    fn node_inner(&mut self, node: &AstNode) {
        match node {
            AstNode::Variable(name) => self.read(name, Vec::new()),
            AstNode::ParentVariable(_) => {}
            AstNode::Path { steps } => self.path(steps),
            AstNode::Binary {
                op: BinaryOp::ColonEqual,
                lhs,
                rhs,
            } => match lhs.as_ref() {
                // The target is written first; it is bound once the right side has run.
                AstNode::Variable(name) => {
                    self.place(name);
                    self.node(rhs);
                    self.bind(name);
                }
                other => {
                    self.node(other);
                    self.node(rhs);
                }
            },
            AstNode::Binary {
                op: BinaryOp::ChainPipe,
                lhs,
                rhs,
            } => {
                self.node(lhs);
                match rhs.as_ref() {
                    AstNode::Function {
                        name,
                        args,
                        is_builtin: true,
                    } => {
                        self.call(name, args.len() + 1);
                        self.nodes(args);
                    }
                    AstNode::Variable(name) if !name.is_empty() => self.call(name, 1),
                    other => self.node(other),
                }
            }
            AstNode::Binary { lhs, rhs, .. } => {
                self.node(lhs);
                self.node(rhs);
            }
            AstNode::Unary { operand, .. } => self.node(operand),
            AstNode::Function {
                name,
                args,
                is_builtin,
            } => {
                if *is_builtin {
                    self.call(name, args.len());
                }
                self.nodes(args);
            }
            AstNode::Call { procedure, args } => {
                self.node(procedure);
                self.nodes(args);
            }
            AstNode::Lambda { params, body, .. } => {
                let mut frame = Frame {
                    function: true,
                    ..Frame::default()
                };
                for param in params {
                    self.place(param);
                    frame.bound.insert(param.clone());
                    frame.all.insert(param.clone());
                }
                collect_frame_bindings(body, &mut frame.all);
                self.frames.push(frame);
                self.node(body);
                self.frames.pop();
            }
            AstNode::Array(items) | AstNode::ArrayGroup(items) => self.nodes(items),
            AstNode::Block(items) => {
                let mut frame = Frame::default();
                for item in items {
                    collect_frame_bindings(item, &mut frame.all);
                }
                self.frames.push(frame);
                self.nodes(items);
                self.frames.pop();
            }
            AstNode::Object(pairs) => self.pairs(pairs),
            AstNode::ObjectTransform { input, pattern } => {
                self.node(input);
                self.pairs(pattern);
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                self.node(condition);
                self.node(then_branch);
                if let Some(e) = else_branch {
                    self.node(e);
                }
            }
            AstNode::FunctionApplication(inner) => self.node(inner),
            AstNode::Sort { input, terms } => {
                self.node(input);
                self.nodes(terms.iter().map(|(t, _)| t));
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                self.node(location);
                self.node(update);
                if let Some(d) = delete {
                    self.node(d);
                }
            }
            AstNode::String(_)
            | AstNode::Name(_)
            | AstNode::Number(_)
            | AstNode::Boolean(_)
            | AstNode::Null
            | AstNode::Undefined
            | AstNode::Placeholder
            | AstNode::Regex { .. }
            | AstNode::Wildcard
            | AstNode::Descendant
            | AstNode::Parent(_) => {}
        }
    }

    fn pairs(&mut self, pairs: &[(AstNode, AstNode)]) {
        for (k, v) in pairs {
            self.node(k);
            self.node(v);
        }
    }

    fn path(&mut self, steps: &[PathStep]) {
        for (i, step) in steps.iter().enumerate() {
            match &step.node {
                AstNode::Variable(name) => {
                    let path = if step.stages.is_empty() {
                        field_path(&steps[i + 1..])
                    } else {
                        Vec::new()
                    };
                    self.read(name, path);
                }
                other => self.node(other),
            }
            if let Some(focus) = &step.focus {
                self.place(focus);
            }
            if let Some(index) = &step.index_var {
                self.place(index);
            }
            for stage in &step.stages {
                match stage {
                    Stage::Filter(predicate) => self.node(predicate),
                    Stage::Index(name) => {
                        self.place(name);
                    }
                    Stage::KeepArray => {}
                }
            }
        }
    }
}

/// The field names that follow a variable in a path, up to the first step that is not a
/// plain name or that filters.
fn field_path(steps: &[PathStep]) -> Vec<String> {
    let mut path = Vec::new();
    for step in steps {
        let AstNode::Name(name) = &step.node else {
            break;
        };
        path.push(name.clone());
        if !step.stages.is_empty() {
            break;
        }
    }
    path
}

/// The names `:=` binds in the frame `node` runs in (not inside nested blocks or bodies).
fn collect_frame_bindings(node: &AstNode, out: &mut HashSet<String>) {
    visit(node, &mut |n| match n {
        AstNode::Binary {
            op: BinaryOp::ColonEqual,
            lhs,
            ..
        } => {
            if let AstNode::Variable(name) = lhs.as_ref() {
                out.insert(name.clone());
            }
            true
        }
        AstNode::Block(_) | AstNode::Lambda { .. } => false,
        _ => true,
    });
}

/// Every name an `@$v` or `#$v` binds anywhere.
fn collect_path_bindings(node: &AstNode, out: &mut HashSet<String>) {
    visit(node, &mut |n| {
        if let AstNode::Path { steps } = n {
            for step in steps {
                out.extend(step.focus.iter().cloned());
                out.extend(step.index_var.iter().cloned());
                for stage in &step.stages {
                    if let Stage::Index(name) = stage {
                        out.insert(name.clone());
                    }
                }
            }
        }
        true
    });
}

/// Calls `f` on `node` and, while `f` says so, on what it contains.
pub(crate) fn visit(node: &AstNode, f: &mut dyn FnMut(&AstNode) -> bool) {
    jsonata_core::value::with_stack(|| {
        if !f(node) {
            return;
        }
        match node {
            AstNode::Path { steps } => {
                for step in steps {
                    visit(&step.node, f);
                    for stage in &step.stages {
                        if let Stage::Filter(p) = stage {
                            visit(p, f);
                        }
                    }
                }
            }
            AstNode::Binary { lhs, rhs, .. } => {
                visit(lhs, f);
                visit(rhs, f);
            }
            AstNode::Unary { operand, .. } => visit(operand, f),
            AstNode::Function { args, .. } => args.iter().for_each(|a| visit(a, f)),
            AstNode::Call { procedure, args } => {
                visit(procedure, f);
                args.iter().for_each(|a| visit(a, f));
            }
            AstNode::Lambda { body, .. } => visit(body, f),
            AstNode::Array(items) | AstNode::ArrayGroup(items) | AstNode::Block(items) => {
                items.iter().for_each(|a| visit(a, f))
            }
            AstNode::Object(pairs) => pairs.iter().for_each(|(k, v)| {
                visit(k, f);
                visit(v, f);
            }),
            AstNode::ObjectTransform { input, pattern } => {
                visit(input, f);
                pattern.iter().for_each(|(k, v)| {
                    visit(k, f);
                    visit(v, f);
                });
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                visit(condition, f);
                visit(then_branch, f);
                if let Some(e) = else_branch {
                    visit(e, f);
                }
            }
            AstNode::FunctionApplication(inner) => visit(inner, f),
            AstNode::Sort { input, terms } => {
                visit(input, f);
                terms.iter().for_each(|(t, _)| visit(t, f));
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                visit(location, f);
                visit(update, f);
                if let Some(d) = delete {
                    visit(d, f);
                }
            }
            _ => {}
        }
    })
}
