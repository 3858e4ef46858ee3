//! JSONPath fields to their JSONata form (see the parent module).

use super::*;

/// JSONPath fields that have a JSONata replacement here; the rest of the state is kept.
pub(super) fn state(
    state: &Map<String, Value>,
    at: &Pointer,
    out: &mut Vec<Blocker>,
) -> Map<String, Value> {
    let ty = state.get("Type").and_then(Value::as_str).unwrap_or("");
    let mut cx = Cx { at, out };
    let input = cx.input_base(state);
    let mut swaps: Vec<Swap> = Vec::new();
    match ty {
        "Task" | "Parallel" | "Map" => {
            if ty == "Map" {
                let items = state
                    .get("ItemsPath")
                    .map(|p| cx.path_field(p, &input, "ItemsPath"));
                swaps.push(swap(
                    &["ItemsPath"],
                    "Items",
                    items.flatten().map(|f| f.field()),
                ));
                let selector = ["ItemSelector", "Parameters"]
                    .into_iter()
                    .find_map(|k| state.get(k).map(|t| cx.template(t, &input, k)));
                swaps.push(swap(
                    &["ItemSelector", "Parameters"],
                    "ItemSelector",
                    selector.map(|f| f.field()),
                ));
                for k in [
                    "MaxConcurrency",
                    "ToleratedFailurePercentage",
                    "ToleratedFailureCount",
                ] {
                    let path_key = format!("{k}Path");
                    if let Some(p) = state.get(&path_key) {
                        let f = cx.path_field(p, &input, &path_key);
                        swaps.push(swap(&[path_key.as_str()], k, f.map(|f| f.field())));
                    }
                }
                for k in ["ItemReader", "ResultWriter", "ItemBatcher"] {
                    if state.get(k).is_some_and(has_paths) {
                        cx.block(k, "its JSONPath parameters have no exact JSONata form here: convert it by hand");
                    }
                }
            } else {
                let args = match state.get("Parameters") {
                    Some(t) => Some(cx.template(t, &input, "Parameters")),
                    None => (!input.is("$states.input")).then(|| input.clone()),
                };
                swaps.push(swap(&["Parameters"], "Arguments", args.map(|f| f.field())));
            }
            if ty == "Task" {
                for k in ["TimeoutSeconds", "HeartbeatSeconds"] {
                    let path_key = format!("{k}Path");
                    if let Some(p) = state.get(&path_key) {
                        let f = cx.path_field(p, &input, &path_key);
                        swaps.push(swap(&[path_key.as_str()], k, f.map(|f| f.field())));
                    }
                }
                if state.get("Credentials").is_some_and(has_paths) {
                    cx.block(
                        "Credentials",
                        "its JSONPath parameters have no exact JSONata form here",
                    );
                }
            }
            let result = match state.get("ResultSelector") {
                Some(t) => cx.template(t, &Form::Path("$states.result".into()), "ResultSelector"),
                None => Form::Path("$states.result".into()),
            };
            let output = cx.result_path(state.get("ResultPath"), result, "ResultPath");
            let output = cx.output_path(state, output);
            let keep = (!output.is("$states.result")).then(|| output.field());
            swaps.push(swap(
                &["InputPath", "ResultSelector", "ResultPath", "OutputPath"],
                "Output",
                keep,
            ));
        }
        "Pass" => {
            let result = if let Some(r) = state.get("Result") {
                if has_expression_strings(r) {
                    cx.block(
                        "Result",
                        "a string starting with {% would become a JSONata expression",
                    );
                }
                Form::Template(r.clone())
            } else if let Some(t) = state.get("Parameters") {
                cx.template(t, &input, "Parameters")
            } else {
                input.clone()
            };
            let output = cx.result_path(state.get("ResultPath"), result, "ResultPath");
            let output = cx.output_path(state, output);
            let keep = (!output.is("$states.input")).then(|| output.field());
            swaps.push(swap(
                &[
                    "InputPath",
                    "Parameters",
                    "Result",
                    "ResultPath",
                    "OutputPath",
                ],
                "Output",
                keep,
            ));
        }
        "Choice" | "Wait" | "Succeed" => {
            if ty == "Choice" {
                if let Some(Value::Array(rules)) = state.get("Choices") {
                    let converted: Vec<Value> = rules
                        .iter()
                        .enumerate()
                        .map(|(i, r)| cx.rule(r, &input, i))
                        .collect();
                    swaps.push(swap(&["Choices"], "Choices", Some(Value::Array(converted))));
                }
            }
            if ty == "Wait" {
                for k in ["Seconds", "Timestamp"] {
                    let path_key = format!("{k}Path");
                    if let Some(p) = state.get(&path_key) {
                        let f = cx.path_field(p, &input, &path_key);
                        swaps.push(swap(&[path_key.as_str()], k, f.map(|f| f.field())));
                    }
                }
            }
            let output = cx.output_path(state, input.clone());
            let keep = (!output.is("$states.input")).then(|| output.field());
            swaps.push(swap(&["InputPath", "OutputPath"], "Output", keep));
        }
        "Fail" => {
            for k in ["Error", "Cause"] {
                let path_key = format!("{k}Path");
                if let Some(p) = state.get(&path_key) {
                    let f = cx.path_field(p, &Form::Path("$states.input".into()), &path_key);
                    swaps.push(swap(&[path_key.as_str()], k, f.map(|f| f.field())));
                }
            }
        }
        _ => {}
    }
    if let Some(Value::Array(catchers)) = state.get("Catch") {
        let converted: Vec<Value> = catchers
            .iter()
            .enumerate()
            .map(|(i, c)| cx.catcher(c, i))
            .collect();
        swaps.push(swap(&["Catch"], "Catch", Some(Value::Array(converted))));
    }
    if let Some(assign) = state.get("Assign") {
        cx.static_assign(assign, "Assign");
    }
    rebuild(state, swaps)
}

fn has_paths(v: &Value) -> bool {
    match v {
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| k.ends_with(".$") || k.ends_with("Path") || has_paths(v)),
        Value::Array(a) => a.iter().any(has_paths),
        _ => false,
    }
}

fn has_expression_strings(v: &Value) -> bool {
    match v {
        Value::String(s) => s.trim_start().starts_with("{%"),
        Value::Object(o) => o.values().any(has_expression_strings),
        Value::Array(a) => a.iter().any(has_expression_strings),
        _ => false,
    }
}

struct Cx<'a> {
    at: &'a Pointer,
    out: &'a mut Vec<Blocker>,
}

impl Cx<'_> {
    fn block(&mut self, field: &str, reason: impl Into<String>) {
        self.out.push(blocker(&self.at.key(field), reason));
    }

    fn block_at(&mut self, at: &Pointer, reason: impl Into<String>) {
        self.out.push(blocker(at, reason));
    }

    /// What `$` means after InputPath.
    fn input_base(&mut self, state: &Map<String, Value>) -> Form {
        match state.get("InputPath") {
            None => Form::Path("$states.input".into()),
            Some(Value::Null) => Form::Template(json!({})),
            Some(p) => self
                .path(p, &Form::Path("$states.input".into()))
                .unwrap_or_else(|| {
                    self.block("InputPath", "not a plain path ($ or $.a.b)");
                    Form::Path("$states.input".into())
                }),
        }
    }

    /// A JSONPath relative to `base` (`$`), the context (`$$`) or a variable.
    fn path(&self, p: &Value, base: &Form) -> Option<Form> {
        let (root, names) = parse_path(p.as_str()?)?;
        let steps: Option<String> = names.iter().map(|n| step(n)).collect();
        let steps = steps?;
        let start = match root.as_str() {
            "$" => base.clone(),
            "$$" => Form::Path("$states.context".into()),
            var => Form::Path(var.to_string()),
        };
        Some(start.then(&steps))
    }

    fn path_field(&mut self, p: &Value, base: &Form, field: &str) -> Option<Form> {
        let f = self.path(p, base);
        if f.is_none() {
            self.block(field, "not a plain path ($ or $.a.b)");
        }
        f
    }

    /// A payload template: `key.$` fields become `key: {% path %}`.
    fn template(&mut self, t: &Value, base: &Form, field: &str) -> Form {
        let at = self.at.key(field);
        Form::Template(self.template_value(t, base, &at))
    }

    fn template_value(&mut self, t: &Value, base: &Form, at: &Pointer) -> Value {
        match t {
            Value::Object(obj) => {
                let mut out = Map::new();
                for (k, v) in obj {
                    let here = at.key(k);
                    if let Some(key) = k.strip_suffix(".$") {
                        match self.path(v, base) {
                            Some(f) => {
                                out.insert(key.to_string(), f.field());
                            }
                            None => self.block_at(
                                &here,
                                "an intrinsic function or a path that is not plain ($.a.b)",
                            ),
                        }
                    } else {
                        out.insert(k.clone(), self.template_value(v, base, &here));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.template_value(v, base, &at.index(i)))
                    .collect(),
            ),
            Value::String(s) if s.trim_start().starts_with("{%") => {
                self.block_at(
                    at,
                    "a string starting with {% would become a JSONata expression",
                );
                t.clone()
            }
            other => other.clone(),
        }
    }

    /// The state's output after ResultPath puts `result` into the input.
    fn result_path(&mut self, rp: Option<&Value>, result: Form, field: &str) -> Form {
        match rp {
            None => result,
            Some(Value::Null) => Form::Path("$states.input".into()),
            Some(Value::String(p)) => match parse_path(p) {
                Some((root, names)) if root == "$" => merge_into("$states.input", &names, result),
                _ => {
                    self.block(field, "not a plain path ($ or $.a.b)");
                    result
                }
            },
            Some(_) => {
                self.block(field, "not a path");
                result
            }
        }
    }

    fn output_path(&mut self, state: &Map<String, Value>, output: Form) -> Form {
        match state.get("OutputPath") {
            None => output,
            Some(Value::Null) => Form::Template(json!({})),
            Some(p) => match parse_path(p.as_str().unwrap_or("")) {
                Some((root, names)) if root == "$" => {
                    match names.iter().map(|n| step(n)).collect::<Option<String>>() {
                        Some(steps) => output.then(&steps),
                        None => {
                            self.block("OutputPath", "a field name JSONata cannot spell");
                            output
                        }
                    }
                }
                _ => {
                    self.block("OutputPath", "not a plain path ($ or $.a.b)");
                    output
                }
            },
        }
    }

    fn catcher(&mut self, c: &Value, i: usize) -> Value {
        let Value::Object(obj) = c else {
            return c.clone();
        };
        let at = self.at.key("Catch").index(i);
        let mut cx = Cx {
            at: &at,
            out: self.out,
        };
        let output = cx.result_path(
            obj.get("ResultPath"),
            Form::Path("$states.errorOutput".into()),
            "ResultPath",
        );
        let keep = (!output.is("$states.errorOutput")).then(|| output.field());
        if let Some(assign) = obj.get("Assign") {
            cx.static_assign(assign, "Assign");
        }
        Value::Object(rebuild(obj, vec![swap(&["ResultPath"], "Output", keep)]))
    }

    /// JSONPath `Assign` reads `$` as the state's result: only literal values carry over.
    fn static_assign(&mut self, assign: &Value, field: &str) {
        if has_paths(assign) || has_expression_strings(assign) {
            self.block(
                field,
                "assigns values read with JSONPath: rewrite them as {% %} expressions by hand",
            );
        }
    }

    fn rule(&mut self, r: &Value, base: &Form, i: usize) -> Value {
        let Value::Object(obj) = r else {
            return r.clone();
        };
        let at = self.at.key("Choices").index(i);
        if let Some(assign) = obj.get("Assign") {
            if has_paths(assign) || has_expression_strings(assign) {
                self.block_at(&at.key("Assign"), "assigns values read with JSONPath");
            }
        }
        let condition = match self.condition(obj, base, &at) {
            Some(c) => c,
            None => return r.clone(),
        };
        let mut out = Map::new();
        out.insert(
            "Condition".into(),
            Value::String(format!("{{% {condition} %}}")),
        );
        for (k, v) in obj {
            if matches!(k.as_str(), "Next" | "Comment" | "Assign") {
                out.insert(k.clone(), v.clone());
            }
        }
        Value::Object(out)
    }

    /// A JSONPath Choice condition as a JSONata boolean expression. Comparisons check the
    /// type first, as the JSONPath operators only match values of their type.
    fn condition(&mut self, obj: &Map<String, Value>, base: &Form, at: &Pointer) -> Option<String> {
        for (op, join) in [("And", " and "), ("Or", " or ")] {
            if let Some(Value::Array(parts)) = obj.get(op) {
                let parts: Option<Vec<String>> = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| match p {
                        Value::Object(p) => self.condition(p, base, &at.key(op).index(i)),
                        _ => None,
                    })
                    .collect();
                return parts.map(|p| format!("({})", p.join(join)));
            }
        }
        if let Some(Value::Object(inner)) = obj.get("Not") {
            return self
                .condition(inner, base, &at.key("Not"))
                .map(|c| format!("$not({c})"));
        }
        let Some(var) = obj.get("Variable").and_then(|v| self.path(v, base)) else {
            self.block_at(&at.key("Variable"), "not a plain path ($.a.b)");
            return None;
        };
        let v = var.expr();
        let typed =
            |ty: &str, op: &str, rhs: String| format!("($type({v}) = \"{ty}\" and {v} {op} {rhs})");
        for (k, value) in obj {
            let (ty, op) = match k.as_str() {
                "StringEquals" => ("string", "="),
                "StringLessThan" => ("string", "<"),
                "StringLessThanEquals" => ("string", "<="),
                "StringGreaterThan" => ("string", ">"),
                "StringGreaterThanEquals" => ("string", ">="),
                "NumericEquals" => ("number", "="),
                "NumericLessThan" => ("number", "<"),
                "NumericLessThanEquals" => ("number", "<="),
                "NumericGreaterThan" => ("number", ">"),
                "NumericGreaterThanEquals" => ("number", ">="),
                "BooleanEquals" => ("boolean", "="),
                "IsPresent" | "IsNull" | "IsString" | "IsNumeric" | "IsBoolean" => {
                    let yes = value.as_bool().unwrap_or(true);
                    let test = match k.as_str() {
                        "IsPresent" => format!("$exists({v})"),
                        "IsNull" => format!("({v} = null)"),
                        "IsString" => format!("($type({v}) = \"string\")"),
                        "IsNumeric" => format!("($type({v}) = \"number\")"),
                        _ => format!("($type({v}) = \"boolean\")"),
                    };
                    return Some(if yes { test } else { format!("$not({test})") });
                }
                "Variable" | "Next" | "Comment" | "Assign" => continue,
                other => {
                    self.block_at(
                        &at.key(other),
                        format!("{other} has no exact JSONata form here"),
                    );
                    return None;
                }
            };
            // The same test against another field (`...Path`) is not converted.
            return Some(typed(ty, op, value.to_string()));
        }
        self.block_at(at, "no comparison");
        None
    }
}

/// `base` with `result` set at `names` (ResultPath), as `$merge` of objects.
fn merge_into(base: &str, names: &[String], result: Form) -> Form {
    let Some((first, rest)) = names.split_first() else {
        return result;
    };
    let key = Value::String(first.clone());
    let Some(s) = step(first) else {
        return result;
    };
    let inner = merge_into(&format!("{base}{s}"), rest, result);
    Form::Expr(format!("$merge([{base}, {{{key}: {}}}])", inner.expr()))
}
