//! Seeded random typed edits of a definition.

use super::*;

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

pub(crate) const TEXTS: &[&str] = &[
    "plain words",
    "needs: quoting # here",
    "first line\nsecond line\n",
    "no final newline\nline two",
    "it's \"quoted\"",
    "true",
    "123",
    "",
    "{not: flow}",
    "ünïcödé ✓",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Rename,
    SetField,
    SetComment,
    RemoveField,
    Delete,
    Add,
    Insert,
    Reorder,
}

/// One random edit of `def`; `None` when the pick does not apply.
pub(crate) fn random_edit(
    rng: &mut Rng,
    def: &mut Value,
    n: usize,
) -> Option<(Kind, Option<Edit>)> {
    let mut states = Vec::new();
    state_pointers(def, "", &mut states);
    if states.is_empty() {
        return None;
    }
    let st = rng.pick(&states).clone();
    let kinds = [
        Kind::Rename,
        Kind::SetField,
        Kind::SetComment,
        Kind::RemoveField,
        Kind::Delete,
        Kind::Add,
        Kind::Insert,
        Kind::Reorder,
    ];
    let kind = *rng.pick(&kinds);
    let e = match kind {
        Kind::Rename => Edit::Rename {
            pointer: st.clone(),
            name: format!("Renamed {n} ✓"),
        },
        Kind::SetField | Kind::RemoveField => {
            let state = def.pointer(&st)?.as_object()?;
            let fields: Vec<&String> = state.keys().filter(|k| *k != "Type").collect();
            if fields.is_empty() {
                return None;
            }
            let f = rng.pick(&fields).replace('~', "~0").replace('/', "~1");
            let value = if kind == Kind::RemoveField {
                None
            } else {
                match state.get(&f) {
                    Some(Value::String(_)) => Some(json!(rng.pick(TEXTS).replace('\n', " "))),
                    Some(Value::Number(_)) => Some(json!(rng.next() % 1000)),
                    Some(Value::Bool(b)) => Some(json!(!b)),
                    _ => Some(json!({"Replaced": [1, "two", {"three": null}]})),
                }
            };
            Edit::SetValue {
                pointer: format!("{st}/{f}"),
                value,
            }
        }
        Kind::SetComment => Edit::SetValue {
            pointer: format!("{st}/Comment"),
            value: Some(json!(*rng.pick(TEXTS))),
        },
        Kind::Delete => Edit::Delete { pointers: vec![st] },
        Kind::Add => Edit::AddState {
            scope: String::new(),
            name: format!("Added {n}"),
            state: json!({"Type": "Pass", "Result": {"list": [1, "two"], "text": "a: b"}, "Comment": "multi\nline\n"}),
        },
        Kind::Insert => {
            def.pointer(&format!("{st}/Next"))?;
            Edit::InsertOnEdge {
                source: st,
                slot: Slot::Next,
                name: format!("Inserted {n}"),
                state: json!({"Type": "Wait", "Seconds": 5}),
            }
        }
        Kind::Reorder => {
            let obj = def.pointer_mut(&st)?.as_object_mut()?;
            if obj.len() < 2 {
                return None;
            }
            let mut entries: Vec<(String, Value)> = std::mem::take(obj).into_iter().collect();
            entries.rotate_left(1);
            *obj = entries.into_iter().collect();
            return Some((kind, None));
        }
    };
    edit::apply(def, &e).ok().map(|_| (kind, Some(e)))
}
