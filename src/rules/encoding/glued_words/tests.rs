use super::*;

/// The definition: every character, with the one before it.
fn upper_after_lower_by_chars(text: &str) -> Vec<usize> {
    let mut prev = ' ';
    let mut found = Vec::new();
    for (offset, c) in text.char_indices() {
        if prev.is_lowercase() && c.is_uppercase() {
            found.push(offset);
        }
        prev = c;
    }
    found
}

#[test]
fn case_changes_are_found_as_a_char_by_char_scan_finds_them() {
    for text in [
        "",
        "plain lower case",
        "ChinaUS and iPhone, macOS",
        "écoleÉcole straßeSTRASSE ǅǆ",
        "日本Japan 中文China",
        "ΑθήναΑθήνα cafeÉ",
        "\u{301}A aÀ a\u{0130}",
    ] {
        assert_eq!(
            upper_after_lower(text).collect::<Vec<_>>(),
            upper_after_lower_by_chars(text),
            "{text:?}"
        );
    }
}

#[test]
fn a_word_flags_exactly_its_upper_case_and_non_ascii_bytes() {
    for b in 0..=u8::MAX {
        for at in 0..8 {
            for filler in [b'a', b'Z', 0xff, 0x00] {
                let mut bytes = [filler; 8];
                bytes[at] = b;
                let flags = may_be_upper_or_non_ascii(u64::from_le_bytes(bytes));
                let flagged = flags >> (8 * at + 7) & 1 == 1;
                assert_eq!(
                    flagged,
                    b.is_ascii_uppercase() || !b.is_ascii(),
                    "{b:#x} at {at}"
                );
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn case_changes_agree_with_the_definition(text in "[a-zA-Zé É ß中Ǆǅǆ\u{301}]{0,40}") {
        proptest::prop_assert_eq!(
            upper_after_lower(&text).collect::<Vec<_>>(),
            upper_after_lower_by_chars(&text)
        );
    }
}
use crate::rules::test_support::{fixed, flagged};

#[test]
fn reports_glued_words() {
    assert_eq!(
        flagged(&RULE, "a core factor of ChinaUS diplomacy"),
        ["ChinaUS"]
    );
    assert_eq!(
        flagged(&RULE, "Global EditionASIA 中文双语Français"),
        ["EditionASIA"]
    );
    assert_eq!(flagged(&RULE, "(ChinaUS)."), ["ChinaUS"]);
    // Capitals that open a longer word are written so in identifiers, and spared even
    // where a page glued three words: `BufferedIOBase` is far more common.
    assert_eq!(flagged(&RULE, "the EditionASIAPacific"), [] as [&str; 0]);
    assert_eq!(flagged(&RULE, "the BufferedIOBase class"), [] as [&str; 0]);
    assert_eq!(flagged(&RULE, "theGPUs queue"), ["theGPUs"]);
    assert_eq!(
        fixed(&RULE, "of ChinaUS diplomacy"),
        "of China US diplomacy"
    );
    // After a separator of several bytes, the run is found where it is.
    assert_eq!(flagged(&RULE, "x\u{2014}ChinaUS"), ["ChinaUS"]);
    assert_eq!(flagged(&RULE, "A\u{fffd}aaaBC"), ["aaaBC"]);
    // Every glued place of a word at once: one round of fixes separates them all.
    assert_eq!(
        flagged(&RULE, "EditionASIA-ChinaUS"),
        ["EditionASIA", "ChinaUS"]
    );
    assert_eq!(
        fixed(&RULE, "EditionASIA-ChinaUS fooBAR-bazQUX"),
        "Edition ASIA-China US foo BAR-baz QUX"
    );
}

#[test]
fn spares_real_names() {
    for text in [
        "McDonald iPhone YouTube BioNTech eBay PhDs iOS JavaScript PowerPoint LaTeX",
        "macOS ChatGPT OpenAI PostgreSQL WebGL CentOS ReiserFS OpenVPN BackupPC GnuPG",
        "MinGW WinCE openSUSE UltraSPARC StrongARM microMIPS psABI binNMU",
        "the US and China, ASIA, NATO's, U.S.-China",
        "mRNA kWh dBm GmbH NaOH",
        "https://example.com/fooBAR user@exampleCOM #tagBAR id_fooBAR abc123DEF",
        "中文双语Français",
    ] {
        assert!(flagged(&RULE, text).is_empty(), "{text}");
    }
}

#[test]
fn spares_prefixes_placeholders_and_words_opening_with_capitals() {
    for text in [
        // Two letters before the capitals: a prefix.
        "reCAPTCHA, mtDNA, toASCII and isTTY calls",
        // Placeholders: one letter repeated, or the end of the alphabet.
        "the vtXXX sequences, compatNN, startXYZ, macII, the USA saysXXX",
        // A word that opens with two capitals is a name or an identifier.
        "XOpenIM and CFWordBC",
        // Name formants followed by a capital.
        "WebDAV, NetBIOS, GnuSASL, SoftHSM, MicroOLED",
    ] {
        assert!(flagged(&RULE, text).is_empty(), "{text}");
    }
    // Glued where a word ended, they are reported; so is a label glued to the
    // preposition that ends a cut headline.
    assert_eq!(flagged(&RULE, "Attacking Makhno inVIDEO\n"), ["inVIDEO"]);
    assert_eq!(
        flagged(&RULE, "Attacking Makhno inVIDEO today\n"),
        [] as [&str; 0]
    );
    assert_eq!(flagged(&RULE, "top analyst saysCNBC"), ["saysCNBC"]);
    assert_eq!(flagged(&RULE, "Stream TypeLIVE"), ["TypeLIVE"]);
    // A formant must be followed by a capital: `Network` glued to one is looked at.
    assert_eq!(flagged(&RULE, "a NetworkCNN show"), ["NetworkCNN"]);
}

#[test]
fn spares_lists_of_names() {
    let kudos = "Left kudos: KuroKitsune, jennyjenka, ImaDMS, Sky_King, Sayriel, RinnyEC\n";
    assert_eq!(flagged(&RULE, kudos), [] as [&str; 0]);
    // A sentence with commas is no list of names.
    let prose = "The talks, held in Geneva, covered ChinaUS trade, tariffs, and visas.\n";
    assert_eq!(flagged(&RULE, prose), ["ChinaUS"]);
}

#[test]
fn a_function_word_counts_in_the_language_of_its_line() {
    // `dem` is German; `bin` is German too, but not in an English line.
    assert_eq!(
        flagged(&RULE, "Es liegt an demSELinux Modul."),
        ["demSELinux"]
    );
    assert_eq!(
        flagged(&RULE, "The package was binNMUed for the new library."),
        [] as [&str; 0]
    );
}

#[test]
fn spares_identifiers_and_user_names() {
    for text in [
        "* sysdump.c (getCHARS): Check for an out of bounds read.",
        "the <ctype.h> isXXX() functions; <cmdFPR>: print subkeys",
        "Rename aPrintPKARecords to oPrintPKARecords; errSSLWouldBlock",
        "posted by DoomsdayBeamXD and writingforFUNandbecauseBoredom",
        "jbjcI4qKDdQvfepz7L9NbKgCIQDLpbQS+ue16M9+k/zzNY9vTlp8tLxOsvxyqltZ\n+efcMQ==\n",
        "yqltZxdTY\nWyx7xf58etqjYzBhMA8GA1UdEwEB/wQF\nxyqltZefcMQ=\n",
    ] {
        assert!(flagged(&RULE, text).is_empty(), "{text}");
    }
}

#[test]
fn in_a_document_about_code_a_glued_looking_word_is_a_name() {
    let log = "* setTTL and `setBroadcast` for dgram\n* fix readFile() and `createServer`\n";
    assert_eq!(flagged(&RULE, log), [] as [&str; 0]);
    let fenced = "* setTTL for dgram\n\n```\nsock.setBroadcast(true);\nfs.readFile(a);\nhttp.createServer();\n```\n";
    assert_eq!(flagged(&RULE, fenced), [] as [&str; 0]);
    // Names that open with a capital too, in a change log that names things in snake case.
    let history = "  * Build against TigerVNC and GnomeVFS.\n  * Read sshd_config once; gcry_md_hd_t is gone; session_timeout too.\n";
    assert_eq!(flagged(&RULE, history), [] as [&str; 0]);
    for text in [
        // Two identifiers are not enough to tell, and one repeated counts once.
        "* setTTL and `setBroadcast` for dgram\n* fix readFile()\n",
        "* setTTL, `setBroadcast`, setBroadcast(), `setBroadcast`\n",
        "ChinaUS ties; sshd_config, sshd_config and gcry_md_hd_t\n",
        // Names called with no argument are what prose about a library writes.
        "ChinaUS ties: join(), open() and split()\n",
        // Written bare, names in lower camel case are what a page that lost its
        // separators is made of.
        "slainCBS; bulliesReuters, todayEngadget, faultObama\n",
        // Underscores in addresses, tags, handles and numbered files, and emphasis, are
        // no identifiers.
        "ChinaUS ties https://a.org/x_y @some_user #a_tag IMG_1234 _so_ much\n",
    ] {
        assert_eq!(flagged(&RULE, text).len(), 1, "{text}");
    }
}

#[test]
fn names_in_snake_case_are_read_once_whatever_their_underscores() {
    let names: Vec<&str> =
        snake_case_names("a_b_c x_y.z_w https://q.org/s_t f_1 _e_ k_l() m__n").collect();
    assert_eq!(names, ["a_b_c", "x_y", "z_w", "k_l"]);
}

#[test]
fn mojibake_and_scripts_without_spaces_glue_nothing() {
    // `install”` read as cp850: its quote became capitals, which the mojibake rule repairs.
    assert_eq!(
        flagged(
            &RULE,
            "A telep├¡t┼æ ÔÇ×installÔÇØ parancsa ut├ín a f├íjl.\n"
        ),
        [] as [&str; 0]
    );
    // A Latin name ends where Japanese starts: `PostgreSQL`, then a particle.
    assert_eq!(
        flagged(&RULE, "PostgreSQLのエラーを返した。\n"),
        [] as [&str; 0]
    );
    assert_eq!(flagged(&RULE, "日本のChinaUS関係\n"), ["ChinaUS"]);
}

#[test]
fn code_points_and_plurals_of_names_are_names() {
    assert_eq!(
        flagged(&RULE, "U+fbad uniFBAD, U+feff uniFEFF"),
        [] as [&str; 0]
    );
    // Fewer hexadecimal capitals may be an acronym.
    assert_eq!(flagged(&RULE, "the anchor saysABC"), ["saysABC"]);
    assert_eq!(
        flagged(&RULE, "Rebuilt by binNMUs for the transition."),
        [] as [&str; 0]
    );
}

#[test]
fn a_glued_word_found_twice_is_a_name() {
    assert_eq!(
        flagged(&RULE, "TinySCHEME runs; TinySCHEME is small."),
        [] as [&str; 0]
    );
    assert_eq!(
        flagged(&RULE, "ChinaUS and ChinaEU"),
        ["ChinaUS", "ChinaEU"]
    );
    assert_eq!(
        flagged(&RULE, "libSM CommonJS CircleCI GnuTLS"),
        [] as [&str; 0]
    );
    // Twice with the shape is a name, even where only one of the two would be
    // reported (`line` is a function word in English, not in German).
    assert_eq!(
        flagged(
            &RULE,
            "The hashtable lineLABCPtr is freed.\nDie Tabelle lineLABCPtr wird frei."
        ),
        [] as [&str; 0]
    );
}
