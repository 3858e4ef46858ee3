use super::*;

fn shape(source: &str) -> Vec<(Kind, String, usize, usize)> {
    tokenize(source)
        .map(|t| {
            t.into_iter()
                .map(|t| (t.kind, t.value, t.start, t.end))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn tokens_and_places() {
    use Kind::*;
    type Expected<'a> = &'a [(Kind, &'a str, usize, usize)];
    let table: &[(&str, Expected)] = &[
        (
            "a.b",
            &[(Name, "a", 0, 1), (Operator, ".", 1, 2), (Name, "b", 2, 3)],
        ),
        (
            "$x:=1..2",
            &[
                (Variable, "x", 0, 2),
                (Operator, ":=", 2, 4),
                (Number, "1", 4, 5),
                (Operator, "..", 5, 7),
                (Number, "2", 7, 8),
            ],
        ),
        (
            "a /* c */ ~> $f",
            &[
                (Name, "a", 0, 1),
                (Operator, "~>", 10, 12),
                (Variable, "f", 13, 15),
            ],
        ),
        ("\"a\\\"b\"", &[(String, "a\"b", 0, 6)]),
        ("'\\u00e9'", &[(String, "é", 0, 8)]),
        (
            "`a b`.c",
            &[
                (Name, "a b", 0, 5),
                (Operator, ".", 5, 6),
                (Name, "c", 6, 7),
            ],
        ),
        (
            "$match(x, /a\\/[/]b/i)",
            &[
                (Variable, "match", 0, 6),
                (Operator, "(", 6, 7),
                (Name, "x", 7, 8),
                (Operator, ",", 8, 9),
                (Regex, "/a\\/[/]b/i", 10, 20),
                (Operator, ")", 20, 21),
            ],
        ),
        (
            "a/2",
            &[
                (Name, "a", 0, 1),
                (Operator, "/", 1, 2),
                (Number, "2", 2, 3),
            ],
        ),
        (
            "(4)/2",
            &[
                (Operator, "(", 0, 1),
                (Number, "4", 1, 2),
                (Operator, ")", 2, 3),
                (Operator, "/", 3, 4),
                (Number, "2", 4, 5),
            ],
        ),
        (
            "a!=b<=c>=d**e",
            &[
                (Name, "a", 0, 1),
                (Operator, "!=", 1, 3),
                (Name, "b", 3, 4),
                (Operator, "<=", 4, 6),
                (Name, "c", 6, 7),
                (Operator, ">=", 7, 9),
                (Name, "d", 9, 10),
                (Operator, "**", 10, 12),
                (Name, "e", 12, 13),
            ],
        ),
        (
            "a ?? b ?: c",
            &[
                (Name, "a", 0, 1),
                (Operator, "?", 2, 3),
                (Operator, "?", 3, 4),
                (Name, "b", 5, 6),
                (Operator, "?", 7, 8),
                (Operator, ":", 8, 9),
                (Name, "c", 10, 11),
            ],
        ),
        (
            "1.5e3 and true or null in $",
            &[
                (Number, "1.5e3", 0, 5),
                (Operator, "and", 6, 9),
                (Value, "true", 10, 14),
                (Operator, "or", 15, 17),
                (Value, "null", 18, 22),
                (Operator, "in", 23, 25),
                (Variable, "", 26, 27),
            ],
        ),
        (
            "é.ü",
            &[(Name, "é", 0, 1), (Operator, ".", 1, 2), (Name, "ü", 2, 3)],
        ),
    ];
    for (source, want) in table {
        let want: Vec<_> = want
            .iter()
            .map(|(k, v, s, e)| (*k, v.to_string(), *s, *e))
            .collect();
        assert_eq!(shape(source), want, "{source}");
    }
}

#[test]
fn lexical_errors() {
    let table = [
        ("\"abc", "S0101", 4),
        ("1e999", "S0102", 0),
        ("'a\\qb'", "S0103", 3),
        ("'\\u00zz'", "S0104", 2),
        ("`abc", "S0105", 4),
        ("1 /* open", "S0106", 2),
        ("$match(x, //)", "S0301", 11),
        ("$match(x, /ab)", "S0302", 14),
    ];
    for (source, code, position) in table {
        let e = tokenize(source).expect_err(source).error;
        assert_eq!(
            (e.code.as_str(), e.position),
            (code, Some(position)),
            "{source}"
        );
    }
}
