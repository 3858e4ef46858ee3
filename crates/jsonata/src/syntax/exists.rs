//! `$exists($)` made to evaluate its argument, as jsonata-js does.

use jsonata_core::ast::AstNode;

/// `jsonata-core` answers `$exists($name)` by looking `name` up, without evaluating it; `$`
/// (the context value, a variable with the empty name) is never bound, so `$exists($)` came
/// out `false` where jsonata-js says `true`. Written `($)`, the argument is evaluated.
pub(super) fn exists_of_context(node: &mut AstNode) {
    jsonata_core::value::with_stack(|| {
        if let AstNode::Function { name, args, .. } = node {
            if name == "exists" {
                if let [arg @ AstNode::Variable(_)] = args.as_mut_slice() {
                    if matches!(arg, AstNode::Variable(v) if v.is_empty()) {
                        *arg = AstNode::Block(vec![AstNode::Variable(String::new())]);
                    }
                }
            }
        }
        for child in children(node) {
            exists_of_context(child);
        }
    })
}

/// The nodes directly inside `node`.
pub(super) fn children(node: &mut AstNode) -> Vec<&mut AstNode> {
    use jsonata_core::ast::Stage;
    let mut out: Vec<&mut AstNode> = Vec::new();
    match node {
        AstNode::Path { steps } => {
            for step in steps {
                out.push(&mut step.node);
                for stage in &mut step.stages {
                    if let Stage::Filter(p) = stage {
                        out.push(p);
                    }
                }
            }
        }
        AstNode::Binary { lhs, rhs, .. } => {
            out.push(lhs);
            out.push(rhs);
        }
        AstNode::Unary { operand, .. } => out.push(operand),
        AstNode::Function { args, .. } => out.extend(args.iter_mut()),
        AstNode::Call { procedure, args } => {
            out.push(procedure);
            out.extend(args.iter_mut());
        }
        AstNode::Lambda { body, .. } => out.push(body),
        AstNode::Array(items) | AstNode::ArrayGroup(items) | AstNode::Block(items) => {
            out.extend(items.iter_mut())
        }
        AstNode::Object(pairs) => {
            for (k, v) in pairs {
                out.push(k);
                out.push(v);
            }
        }
        AstNode::ObjectTransform { input, pattern } => {
            out.push(input);
            for (k, v) in pattern {
                out.push(k);
                out.push(v);
            }
        }
        AstNode::Conditional {
            condition,
            then_branch,
            else_branch,
        } => {
            out.push(condition);
            out.push(then_branch);
            if let Some(e) = else_branch {
                out.push(e);
            }
        }
        AstNode::FunctionApplication(inner) => out.push(inner),
        AstNode::Sort { input, terms } => {
            out.push(input);
            out.extend(terms.iter_mut().map(|(t, _)| t));
        }
        AstNode::Transform {
            location,
            update,
            delete,
        } => {
            out.push(location);
            out.push(update);
            if let Some(d) = delete {
                out.push(d);
            }
        }
        _ => {}
    }
    out
}
