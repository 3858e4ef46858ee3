//! Classification and canonical text.

use super::*;

// --- classification -----------------------------------------------------------------------

#[test]
fn reference_paths() {
    for text in [
        "$",
        "$.a",
        "$.a[0]['b c']",
        "$['a'][-1]",
        "$$.Execution.Id",
        "$var.a",
        "$$",
        "$.abc.['d e']",
    ] {
        let p = parse(text);
        assert!(p.is_reference_path(), "{text}");
        assert!(p.is_definite(), "{text}");
    }
    for text in [
        "$.a[*]",
        "$.*",
        "$..a",
        "$.a[1:2]",
        "$['a','b']",
        "$[0,1]",
        "$[?(@.x)]",
        "$$..Id",
        "$v[*]",
    ] {
        let p = parse(text);
        assert!(!p.is_reference_path(), "{text}");
        assert!(!p.is_definite(), "{text}");
    }
}

// --- canonical text -----------------------------------------------------------------------

#[test]
fn display_is_canonical() {
    let cases = [
        ("$", "$"),
        ("$$", "$$"),
        ("$v", "$v"),
        ("$[\"a\"]", "$.a"),
        ("$['a b']", "$['a b']"),
        ("$.abc.['d e']", "$.abc['d e']"),
        ("$.*", "$[*]"),
        ("$..['a']", "$..a"),
        ("$..[*]", "$..*"),
        ("$..['a b']", "$..['a b']"),
        ("$..[0]", "$..[0]"),
        ("$[ 1 : 2 ]", "$[1:2]"),
        ("$[::-1]", "$[::-1]"),
        ("$[:]", "$[:]"),
        ("$[ 'a' , \"b\" ]", "$['a','b']"),
        ("$[0, 1]", "$[0,1]"),
        (r"$['it\'s']", r"$['it\'s']"),
        (r#"$["q\"uote"]"#, r#"$['q"uote']"#),
        (r"$['a\nb']", r"$['a\nb']"),
        (r"$['\u0001']", r"$['\u0001']"),
        ("$['']", "$['']"),
        ("$[?(@.a<1&&@.b)]", "$[?(@.a < 1 && @.b)]"),
        ("$[?(@.a||@.b&&@.c)]", "$[?(@.a || @.b && @.c)]"),
        ("$[?((@.a||@.b)&&@.c)]", "$[?((@.a || @.b) && @.c)]"),
        ("$[?(@.a || (@.b || @.c))]", "$[?(@.a || (@.b || @.c))]"),
        ("$[?(!(@.a == 1))]", "$[?(!(@.a == 1))]"),
        ("$[?(!!@.a)]", "$[?(!!@.a)]"),
        ("$[?(@.s in [\"S\",'M'])]", "$[?(@.s in ['S', 'M'])]"),
        ("$[?(@.n =~ /a\\/b/i)]", "$[?(@.n =~ /a\\/b/i)]"),
        ("$[?(@ >= $.min)]", "$[?(@ >= $.min)]"),
        ("$[?(@['a b'] == 1.5)]", "$[?(@['a b'] == 1.5)]"),
        ("$[?(@.x == null)]", "$[?(@.x == null)]"),
    ];
    for (input, canonical) in cases {
        assert_eq!(parse(input).to_string(), canonical, "display of {input}");
    }
}

#[test]
fn display_round_trips() {
    let inputs = [
        "$.store.book[0].title",
        "$$.Map.Item.Value",
        "$order.items[-1]['unit price']",
        "$..book[?(@.price < 10 && @.category == 'fiction' || !@.isbn)].title",
        "$..*",
        "$.a[1:10:2]",
        "$.a[-3:]",
        "$['a','b c'].d",
        "$[?(@.tags anyof ['x', 'y'] && @.name =~ /^[a-z]+$/im)]",
        "$[?(@.a[?(@.b == 'x')] size 2)]",
        r"$['\\', '\'', '\t', 'é']",
        "$.-1.日本",
        "$[?(@.n == -0.5 || @.n == 1e3 || @.n == 18446744073709551615)]",
    ];
    for input in inputs {
        let first = parse(input);
        let text = first.to_string();
        let second = JsonPath::parse(&text)
            .unwrap_or_else(|e| panic!("{text:?} (from {input:?}) should parse: {e}"));
        assert_eq!(first, second, "{input} -> {text}");
        assert_eq!(second.to_string(), text);
    }
}

#[test]
fn large_and_long_numbers_print_as_text_that_parses_back_to_the_same_path() {
    // Found by fuzzing: these printed in shortest form, which read back one unit off.
    let inputs = [
        "$[0][?(222222222.22222222222222222222222222222222222<222222222222222222222222)]",
        "$[?(22222338855259322222222222222222222<2222)]",
        "$[0][?(22222222222222222222222E22<2222222222222222222222222222)]",
        "$[0][?(22222222222222222222222222222222222222222222222222222222.22222222227986395664694>9777222222222212222222222222222222222222.22222222222222)]",
    ];
    for input in inputs {
        let first = parse(input);
        let text = first.to_string();
        assert_eq!(parse(&text), first, "{input} prints as {text}");
    }
}
