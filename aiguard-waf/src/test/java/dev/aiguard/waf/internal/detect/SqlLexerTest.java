package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

    private static String fingerprint(String input, SqlContext context) {
        StringBuilder sb = new StringBuilder();
        for (SqlToken token : SqlLexer.tokenize(input, context)) {
            sb.append(token.type().code());
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '\0', textBlock = """
            1234 OR 1=1 :: 1&1=1
            'a' 'b' :: ss
            "a" :: s
            0x41 0b101 1.5e3 .5 :: 1111
            NULL true :: 11
            `select` :: n
            a.b :: n.n
            @@version @v @ :: Vv?
            union select from like :: UEk=
            (1,2); :: (1,1);
            a <> b != c <=> d :: n=n=n=n
            a || b && c :: n&n&n
            a + b - c * d / e % f :: nononononon
            1 -- rest is ignored ' :: 1c
            1 # mysql comment :: 1c
            1 /* closed */ 2 :: 1c1
            1 /* never closed :: 1c
            /*!50000union*/ :: X
            /*/*/ :: X
            \\ ? { :: ???
            """)
    void classifiesTokens(String input, String expected) {
        assertThat(fingerprint(input, SqlContext.AS_IS)).isEqualTo(expected);
    }

    @Test
    void quotedContextStartsInsideTheApplicationsString() {
        List<SqlToken> tokens = SqlLexer.tokenize("abc' or 1", SqlContext.SINGLE_QUOTE);
        assertThat(tokens.get(0)).isEqualTo(new SqlToken(SqlTokenType.STRING, "abc'", 0, 4, true));
        assertThat(fingerprint("abc' or 1", SqlContext.SINGLE_QUOTE)).isEqualTo("s&1");
        assertThat(fingerprint("abc' or 1", SqlContext.DOUBLE_QUOTE)).isEqualTo("s");
        assertThat(SqlLexer.tokenize("abc' or 1", SqlContext.DOUBLE_QUOTE).get(0).closed()).isFalse();
    }

    @Test
    void backslashDoesNotEscapeAQuote() {
        assertThat(fingerprint("\\'; desc users; --", SqlContext.SINGLE_QUOTE)).isEqualTo("s;En;c");
    }

    @Test
    void keepsOnlyAPrefixOfLongTokenText() {
        String word = "w".repeat(1000);
        SqlToken token = SqlLexer.tokenize(word, SqlContext.AS_IS).get(0);
        assertThat(token.text()).hasSize(SqlToken.MAX_TEXT);
        assertThat(token.end()).isEqualTo(1000);
    }

    @Test
    void stopsAfterTheTokenCap() {
        assertThat(SqlLexer.tokenize("1 ".repeat(10_000), SqlContext.AS_IS)).hasSize(SqlLexer.MAX_TOKENS);
    }

    @Test
    void lowerCasesWordsForKeywordLookup() {
        assertThat(SqlLexer.tokenize("SeLeCt", SqlContext.AS_IS).get(0))
                .isEqualTo(new SqlToken(SqlTokenType.STATEMENT, "select", 0, 6, true));
    }
}
