package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInjectionDetectorTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '\0', textBlock = """
            boolean-condition :: 1234 OR 1=1
            boolean-condition :: -1839' or '1'='1
            boolean-condition :: -1839" or "1"="2
            boolean-condition :: ' or 'a'='a
            boolean-condition :: x' AND email IS NULL; --
            boolean-condition :: hi or a=a
            boolean-condition :: ' or 1 --
            boolean-condition :: admin' or '
            boolean-condition :: ' or 2 between 1 and 3
            boolean-condition :: ' or 'whatever' in ('whatever')
            boolean-condition :: x' OR full_name LIKE '%Bob%
            boolean-condition :: EmptyValue' and 526=527
            boolean-condition :: JKGHUKGDI8TDHLFJH72FZLFJSKFH' and sleep(12) --
            boolean-condition :: 1 and ascii(lower(substring((select top 1 name from sysobjects), 1, 1))) > 116
            boolean-condition :: ') or ('x'='x
            boolean-condition :: ' or (EXISTS)
            boolean-condition :: /**/or/**/1/**/=/**/1
            boolean-condition :: fake@ema'or'il.nl'='il.nl
            union-select :: foo') UNION ALL select NULL --
            union-select :: 1 union all select 1,2,3,4,5,6,name from sysobjects where xtype = 'u' --
            union-select :: -1 UNION SELECT password FROM users
            union-select :: UNION ALL SELECT
            stacked-query :: 1;DROP TABLE users
            stacked-query :: '; exec master..xp_cmdshell 'ping 172.10.1.255'--
            stacked-query :: '; if not(select system_user) <> 'sa' waitfor delay '0:0:2' --
            stacked-query :: '); --
            stacked-query :: 1'; DROP TABLE users-- 1
            comment-truncation :: admin'--
            comment-truncation :: username=admin'--&password=x
            comment-truncation :: admin' #
            union-select :: -1' UNION SELECT 1,2,3--+
            union-select :: -1 union(select 1,2)
            comparison :: 1' RLIKE SLEEP(5)--
            boolean-condition :: 1 AND extractvalue(rand(),concat(0x3a,version()))
            boolean-condition :: ' OR EXISTS(SELECT * FROM users)--
            subquery :: 1 RLIKE (SELECT (CASE WHEN (1=1) THEN 1 ELSE 0x28 END))
            stacked-query :: 1);SELECT PG_SLEEP(5)--
            stacked-query :: "); DROP TABLE users; --
            comment-truncation :: <username>'--
            statement :: foo')waitfor delay'5:0:20'--
            statement :: select * from information_schema.tables--
            statement :: declare @s varchar(200) select @s = 0x77616974
            statement :: t'exec master..xp_cmdshell 'nslookup www.google.com'--
            statement :: ' select name from syscolumns where id = 1
            expression :: 2010-01-01'+sleep(20.to_i)+'
            expression :: '||UTL_HTTP.REQUEST
            expression :: " | type %SystemDrive%\\config.ini | "
            boolean-condition :: '||'6
            boolean-condition :: 1'||(select extractvalue(xmltype('<?xml version="1.0"?>'
            subquery :: (select top 1
            subquery :: ' (select top 1
            clause :: ' having 1=1--
            clause :: group by userid having 1=1--
            clause :: 1' order by 3--
            comparison :: x'='x
            dangerous-function :: sleep(20)
            dangerous-function :: /post/sleep(20)
            dangerous-function :: unittests@coreruleset.org" sleep(10.to_i) "
            system-variable :: @@version
            evasive-comment :: 1 /*!50000union*/ select 1
            evasive-comment :: /post/*/*/2 union all/bar
            comment-in-word :: 1 uni/**/on sel/**/ect 1
            """)
    void recognisesInjectionShape(String shape, String input) {
        assertThat(detector.detect(input)).hasValueSatisfying(found -> assertThat(found).startsWith(shape + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O'Connell", "D'Amore", "St John's Road", "rock 'n' roll", "It's a dog's life", "I'm 5' 11\"",
        "Pride and Prejudice", "Tom & Jerry", "black or white", "Select your country", "Union Street 5",
        "European Union", "Order by phone", "Please drop me a line; update soon", "1-800-FLOWERS",
        "john.o'reilly@example.com", "C:\\Program Files\\App", "100% or more", "Q&A: what's new?",
        "He said \"hi\" or \"hello\"", "{\"a\": \"b\", \"c\": 1}", "2024-01-01", "null", "1 or 2",
        "Rock'-n'-roll", "Côte d'Ivoire", "L'Oréal Paris", "Don't stop -- believing", "#1 fan",
        "/post/foo/9'union all/bar", "/post/foo/24 union all select 1,2,3 from aa/bar", "sleep well",
        "What's in the box?", "Joe's Bar & Grill", "x = y + z", "a/b/c", "-- select --", "'quoted'",
        "Exec Assistant", "Create account", "Update profile; delete nothing", "sleep (8 hours)",
        "select one from the list", "She said 'yes'--and left", "Copy \"/path/to/source\" to \"/path/to/dest/\"",
        "Print all files with a '-' after their name", "Find names that begin with \"not\" and remove them",
        "He said \"#1\" is best", "Create table of contents", "Rename all *.jpg files",
        "Execute \"ps -C java\" every second"})
    void acceptsBenignValue(String input) {
        assertThat(detector.detect(input)).isEmpty();
    }

    /**
     * The {@code t:utf8toUnicode} form of non-ASCII names next to a quote (942100 runs the detector on it, multiMatch):
     * from ../shared/bench/web-benign-dev.jsonl, where libmodsecurity's libinjection accepts them.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "%u041a%u043e%u0442-%u0434'%u0418%u0432%u0443%u0430%u0440",    // Кот-д'Ивуар
        "%u05d2'%u05d5%u05d9",                                           // ג'וי
        "%u05d1%u05e0%u05d9 %u05e2%u05d9\"%u05e9",                      // בני עי"ש
        "%U05D2'%U05D5%U05D9"})
    void acceptsUtf8ToUnicodeEscapesOfNonAsciiWords(String input) {
        assertThat(detector.detect(input)).isEmpty();
    }

    @Test
    void injectionsAfterEscapedNonAsciiWordsAreStillRecognised() {
        assertThat(detector.detect("%u05d2' or 1=1--")).contains("boolean-condition/single-quote:s&1=1c");
    }

    @Test
    void onlyEscapesOfNonAsciiCodePointsJoinAWord() {
        assertThat(SqlLexer.tokenize("%u05d2%U05D5x %u0041 %u05", SqlContext.AS_IS))
                .extracting(SqlToken::type, SqlToken::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SqlTokenType.WORD, "%u05d2%u05d5x"),
                        org.assertj.core.groups.Tuple.tuple(SqlTokenType.OPERATOR, "%"),
                        org.assertj.core.groups.Tuple.tuple(SqlTokenType.WORD, "u0041"),
                        org.assertj.core.groups.Tuple.tuple(SqlTokenType.OPERATOR, "%"),
                        org.assertj.core.groups.Tuple.tuple(SqlTokenType.WORD, "u05"));
    }

    @Test
    void reportsShapeContextAndFingerprint() {
        assertThat(detector.detect("' or 'a'='a")).contains("boolean-condition/single-quote:s&s=s");
    }

    @Test
    void emptyAndNullInputAreNotInjections() {
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }
}
